"""Titles and abstracts of real articles, by PMID, from the files public corpora ship.

The real corpus is third-party text: the project keeps only its manifest (PMID, length,
SHA-256) and its annotations, and rebuilds each text from whatever source the user has:
a PubTator file (BioRED), BioC XML or JSON, PubMed XML (a file, or NCBI E-utilities), or the
GENIA treebank (its .tar.gz or folder of XML). Every source gives (pmid, title, abstract), and
one rule, ``article_text``, makes the text, so the same article gives the same text (and hash)
from any of them.
"""

import gzip
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, Union

from ..errors import Errors, OsteohemeError


@dataclass(frozen=True)
class Article:
    pmid: str
    title: str
    abstract: str
    source: str  # where it was read: "path#pmid" or a URL


def article_text(title: str, abstract: str) -> str:
    """The corpus text of an article: its title, a line break, its abstract (ends stripped)."""
    return "\n".join(part.strip() for part in (title, abstract) if part and part.strip())


def parse_pubmed(stream, where: str) -> Iterator[Article]:
    """PubMed XML (efetch or a baseline file): ArticleTitle, and the AbstractText parts joined by a space,
    each after its label ("BACKGROUND: …"), as PubTator files write structured abstracts."""
    from lxml import etree

    # resolve_entities=False / no_network: an external entity never reads local files.
    parser = dict(events=("end",), tag="PubmedArticle", resolve_entities=False, no_network=True, load_dtd=False)
    for _, article in etree.iterparse(stream, **parser):
        pmid = article.findtext(".//MedlineCitation/PMID") or ""
        title_node = article.find(".//ArticleTitle")
        title = "".join(title_node.itertext()) if title_node is not None else ""
        parts = []
        for node in article.findall(".//Abstract/AbstractText"):
            body = "".join(node.itertext()).strip()
            parts.append(f"{node.get('Label')}: {body}" if node.get("Label") else body)
        # Free what was parsed: a baseline file holds 30,000 articles.
        article.clear()
        while article.getprevious() is not None:
            del article.getparent()[0]
        yield Article(pmid.strip(), title, " ".join(parts), f"{where}#{pmid}")


def read_pubmed(path: Path) -> Iterator[Article]:
    opener = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
    with opener as f:
        yield from parse_pubmed(f, str(path))


def read_pubtator(path: Path) -> Iterator[Article]:
    from bioc import pubtator

    opener = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")
    with opener as f:
        for doc in pubtator.iterparse(f):
            yield Article(str(doc.pmid), doc.title or "", doc.abstract or "", f"{path}#{doc.pmid}")


def _bioc_article(doc, where: str) -> Article:
    """A BioC document: passages typed "title" (or "front") make the title, the others the abstract."""
    parts: Dict[str, list] = {"title": [], "abstract": []}
    for passage in doc.passages:
        kind = (passage.infons.get("type") or passage.infons.get("section_type") or "").lower()
        parts["title" if kind.startswith("title") or kind == "front" else "abstract"].append((passage.text or "").strip())
    return Article(str(doc.id), " ".join(filter(None, parts["title"])), " ".join(filter(None, parts["abstract"])),
                   f"{where}#{doc.id}")


def read_bioc_xml(path: Path) -> Iterator[Article]:
    from bioc import biocxml

    with biocxml.iterparse(str(path)) as reader:
        for doc in reader:
            yield _bioc_article(doc, str(path))


def read_bioc_json(path: Path) -> Iterator[Article]:
    from bioc import biocjson

    with biocjson.iterreader(str(path)) as reader:
        for doc in reader:
            yield _bioc_article(doc, str(path))


def _genia_article(data: bytes, where: str) -> Article:
    """One GENIA treebank file: sentences hold the tokens and the original spacing between them."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    pmid = (root.findtext(".//PMID") or "").strip()

    def sentences(tag: str) -> str:
        node = root.find(f".//{tag}")
        if node is None:
            return ""
        return " ".join("".join(s.itertext()).strip() for s in node.iter("sentence"))

    return Article(pmid, sentences("ArticleTitle"), sentences("AbstractText"), f"{where}#{pmid}")


def read_genia(path: Path) -> Iterator[Article]:
    """The GENIA treebank as shipped (``genia_treebank_v1_xml.tar.gz``) or unpacked (a folder of XML)."""
    if path.is_dir():
        for xml in sorted(path.rglob("*.xml")):
            yield _genia_article(xml.read_bytes(), str(xml))
        return
    with tarfile.open(path, "r:*") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".xml"):
                yield _genia_article(tar.extractfile(member).read(), f"{path}:{member.name}")


SOURCE_READERS: Dict[str, Callable[[Path], Iterator[Article]]] = {
    "pubtator": read_pubtator, "pubmed": read_pubmed, "bioc-xml": read_bioc_xml, "bioc-json": read_bioc_json,
    "genia": read_genia,
}


def guess_source(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir() or name.endswith((".tar.gz", ".tgz", ".tar")):
        return "genia"
    if name.endswith((".pubtator", ".pubtator.txt", ".pubtator.gz")):
        return "pubtator"
    if name.endswith((".json", ".jsonl")):
        return "bioc-json"
    if name.endswith((".xml", ".xml.gz")):
        opener = gzip.open(path, "rb") if name.endswith(".gz") else path.open("rb")
        with opener as f:
            return "bioc-xml" if b"<collection" in f.read(4096) else "pubmed"
    raise OsteohemeError(Errors.E060.format(path=path, kinds=", ".join(SOURCE_READERS)))


def iter_articles(paths: Iterable[Union[str, Path]]) -> Iterator[Article]:
    """Articles from every source file, in order; a source that cannot be read stops with its name."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise OsteohemeError(Errors.E061.format(path=path))
        kind = guess_source(path)
        try:
            yield from SOURCE_READERS[kind](path)
        except OsteohemeError:
            raise
        except Exception as e:  # lxml, tarfile and bioc raise many types for damaged files
            raise OsteohemeError(Errors.E062.format(path=path, kind=kind, error=f"{type(e).__name__}: {e}")) from None
