"""``osteoheme corpus fetch``: materialize the real corpus's texts from sources the user has.

The manifest pins every real text by length and SHA-256, because the gold offsets only fit the
exact text that was annotated: a text is written only when its hash matches. Each text goes to
``corpus/real/<doc_id>.txt`` (what ``osteoheme run`` extracts) and beside every
``<doc_id>.ann`` under the gold folder (brat keeps the text next to the annotation).
"""

import hashlib
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Union

from ..errors import Errors, OsteohemeError
from .corpus import origin_frame, real_dir, REAL
from .sources import Article, parse_pubmed, article_text, iter_articles

EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
EFETCH_BATCH = 200  # ids per efetch request (NCBI accepts a few hundred per GET)
EFETCH_PAUSE = 0.34  # NCBI asks for at most 3 requests a second without an API key


@dataclass
class FetchReport:
    written: List[str] = field(default_factory=list)
    unchanged: List[str] = field(default_factory=list)  # already there with the right hash
    missing: List[str] = field(default_factory=list)
    mismatched: Dict[str, str] = field(default_factory=dict)  # doc_id → message (E064)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def efetch(pmids: Sequence[str], base_url: str = EUTILS, timeout: float = 30.0) -> Iterator[Article]:
    """Titles and abstracts from PubMed through NCBI E-utilities (efetch, XML), in batches."""
    for i in range(0, len(pmids), EFETCH_BATCH):
        query = urllib.parse.urlencode({"db": "pubmed", "id": ",".join(pmids[i:i + EFETCH_BATCH]),
                                        "retmode": "xml", "rettype": "abstract", "tool": "osteoheme"})
        url = f"{base_url.rstrip('/')}/efetch.fcgi?{query}"
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                payload = response.read()
        except OSError as e:  # URLError, timeouts and refused connections are all OSErrors
            raise OsteohemeError(Errors.E066.format(url=base_url, error=e)) from None
        yield from parse_pubmed(BytesIO(payload), url)
        if i + EFETCH_BATCH < len(pmids):
            time.sleep(EFETCH_PAUSE)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8", newline="")
    part.replace(path)


def fetch_corpus(corpus_dir: Union[str, Path], sources: Iterable[Union[str, Path]] = (),
                 gold_dir: Optional[Union[str, Path]] = None, pubmed: bool = False,
                 eutils_url: str = EUTILS) -> FetchReport:
    """Write every real text of the manifest that the sources (or PubMed) hold with the annotated hash.

    corpus_dir: the folder of manifest.csv; texts go to its real/ subfolder.
    sources: PubTator, BioC XML/JSON, PubMed XML files or the GENIA treebank (.tar.gz or folder).
    gold_dir: a brat folder tree; the text is also written beside each <doc_id>.ann found in it.
    pubmed: fetch what the sources did not hold from PubMed (needs internet).
    RETURNS (FetchReport): what was written, already there, missing, or found with another text.
    """
    frame = origin_frame(corpus_dir, REAL)
    want = {row.doc_id: (row.sha256, int(row.chars)) for row in frame.itertuples()}
    ann_dirs: Dict[str, List[Path]] = {}
    if gold_dir is not None:
        for ann in sorted(Path(gold_dir).rglob("*.ann")):
            if ann.stem in want:
                ann_dirs.setdefault(ann.stem, []).append(ann.parent)
    report = FetchReport()
    done = set()
    out = real_dir(corpus_dir)

    def accept(article: Article) -> None:
        doc_id = article.pmid
        if doc_id not in want or doc_id in done:
            return
        text = article_text(article.title, article.abstract)
        digest, length = want[doc_id]
        if sha256(text) != digest:
            report.mismatched[doc_id] = Errors.E064.format(where=article.source, doc_id=doc_id, got=sha256(text)[:12],
                                                           want=digest[:12], length=len(text), want_length=length)
            return
        done.add(doc_id)
        report.mismatched.pop(doc_id, None)
        targets = [out / f"{doc_id}.txt"] + [d / f"{doc_id}.txt" for d in ann_dirs.get(doc_id, [])]
        if all(t.exists() and t.read_text(encoding="utf-8") == text for t in targets):
            report.unchanged.append(doc_id)
            return
        for target in targets:
            _write(target, text)
        report.written.append(doc_id)

    for article in iter_articles(sources):
        accept(article)
        if len(done) == len(want):
            break
    if pubmed:
        for article in efetch([d for d in want if d not in done], eutils_url):
            accept(article)
    report.missing = [d for d in want if d not in done and d not in report.mismatched]
    return report
