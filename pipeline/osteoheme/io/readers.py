"""Streaming readers: each yields ``Document(doc_id, text, source)`` one at a time.

Formats: plain text (files, directories, globs), JSON Lines (configurable id
and text fields), PubMed/MEDLINE XML (title + abstract, PMID as doc_id,
``.xml.gz`` baseline files), BioC XML and BioC JSON Lines (the ``bioc``
package), and PubTator. None holds more than one document in memory. The
text a reader produces is the text every output offset indexes;
``osteoheme extract`` writes it to ``texts.jsonl`` beside the outputs.

A reader reports a bad document through ``errors`` (path or id, message)
and goes on with the next one.
"""

import glob
import gzip
import io
import json
import logging
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from ..errors import Errors, OsteohemeError

log = logging.getLogger("osteoheme")

class ErrorList(list):
    """(where, message) pairs of a run, at most ``limit`` kept: a small file of millions of bad lines must
    not become millions of messages in memory, errors.jsonl and summary.json. The rest are counted."""

    def __init__(self, items: Iterable[Tuple[str, str]] = (), limit: int = 10_000) -> None:
        super().__init__()
        self.limit, self.dropped = limit, 0
        self.extend(items)

    def append(self, item: Tuple[str, str]) -> None:
        if len(self) < self.limit:
            super().append(item)
        else:
            self.dropped += 1

    def extend(self, items: Iterable[Tuple[str, str]]) -> None:
        for item in items:
            self.append(item)

    def __iadd__(self, items: Iterable[Tuple[str, str]]) -> "ErrorList":
        self.extend(items)
        return self

    @property
    def total(self) -> int:
        return len(self) + self.dropped


# The longest JSON line read as one document; longer ones are reported and skipped without being held whole
# (one 3 GB line would otherwise exhaust memory and lose the documents around it).
MAX_LINE_BYTES = 64 * 1024 * 1024


@dataclass
class Document:
    doc_id: str
    text: str
    source: str


def read_text(path: Union[str, Path]) -> str:
    """The exact text of a UTF-8 file, or an OsteohemeError saying what is wrong with it."""
    path = Path(path)
    if not path.exists():
        raise OsteohemeError(Errors.E001.format(path=path))
    data = path.read_bytes()
    if b"\x00" in data:
        raise OsteohemeError(Errors.E004.format(path=path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise OsteohemeError(Errors.E003.format(path=path, pos=e.start, reason=e.reason)) from None
    if not text.strip():
        raise OsteohemeError(Errors.E002.format(path=path))
    return text


def find_texts(paths: Iterable[Union[str, Path]]) -> Tuple[List[Path], ErrorList]:
    """The .txt files named by ``paths`` (files, directories, globs), sorted per argument, and the bad arguments."""
    files: List[Path] = []
    errors: ErrorList = []
    for p in map(str, paths):
        if any(ch in p for ch in "*?["):
            matched = sorted(Path(m) for m in glob.glob(p, recursive=True) if Path(m).is_file())
            if not matched:
                errors.append((p, Errors.E001.format(path=p)))
            files += matched
        elif Path(p).is_dir():
            found = sorted(Path(p).glob("*.txt"))
            if not found:
                errors.append((p, Errors.E005.format(path=p)))
            files += found
        elif Path(p).exists():
            files.append(Path(p))
        else:
            errors.append((p, Errors.E001.format(path=p)))
    seen, unique = set(), []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, errors


def iter_txt(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Document]:
    files, bad = find_texts(paths)
    errors += bad
    for f in files:
        try:
            yield Document(f.stem, read_text(f), str(f))
        except OsteohemeError as e:
            errors.append((str(f), str(e)))


def _open_text(path: Path):
    # utf-8-sig: a byte-order mark must not turn the first line into garbage.
    return gzip.open(path, "rt", encoding="utf-8-sig") if path.suffix == ".gz" else path.open(encoding="utf-8-sig")


# What a damaged file raises while it is being read: the documents before it are kept.
_READ_ERRORS = (OSError, EOFError, UnicodeDecodeError, zlib.error)


def _existing(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Path]:
    for p in map(Path, paths):
        if p.exists():
            yield p
        else:
            errors.append((str(p), Errors.E001.format(path=p)))


def iter_jsonl(paths: Iterable[Union[str, Path]], errors: ErrorList, id_field: str = "id",
               text_field: str = "text") -> Iterator[Document]:
    for path in _existing(paths, errors):
        try:
            with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as f:
                yield from _jsonl_stream(f, str(path), errors, id_field, text_field)
        except _READ_ERRORS as e:
            errors.append((str(path), f"{path}: could not be read to the end ({type(e).__name__}: {e}); "
                                      "the documents before it were kept."))


def _jsonl_stream(f, name: str, errors: ErrorList, id_field: str, text_field: str) -> Iterator[Document]:
    # Lines are decoded one by one, so a bad byte costs its own line, not the file.
    for n, raw in enumerate(_bounded_lines(f), start=1):
        where = f"{name}:{n}"
        if raw is None:
            errors.append((where, Errors.E076.format(path=where, limit=MAX_LINE_BYTES)))
            continue
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as e:
            errors.append((where, Errors.E003.format(path=where, pos=e.start, reason=e.reason)))
            continue
        if line.strip():
            doc = _jsonl_document(line, where, id_field, text_field, errors)
            if doc is not None:
                yield doc


def iter_stdin(errors: ErrorList, reader: str = "auto", id_field: str = "id",
               text_field: str = "text") -> Iterator[Document]:
    """Standard input ("-"): JSON Lines (streamed; guessed when it starts with "{"), or one text, doc_id "stdin"."""
    stream = sys.stdin.buffer
    if not hasattr(stream, "peek"):  # a replaced stdin (tests, embedding): buffer it to look ahead
        stream = io.BufferedReader(stream)
    if reader == "auto":
        head = stream.peek(64)[:64]
        reader = "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "txt"
    if reader == "jsonl":
        yield from _jsonl_stream(stream, "<stdin>", errors, id_field, text_field)
    elif reader == "txt":
        data = stream.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            errors.append(("<stdin>", Errors.E003.format(path="<stdin>", pos=e.start, reason=e.reason)))
            return
        if text.strip():
            yield Document("stdin", text, "<stdin>")
        else:
            errors.append(("<stdin>", Errors.E002.format(path="<stdin>")))
    else:
        errors.append(("<stdin>", f"<stdin>: reader {reader!r} cannot read standard input; use txt or jsonl."))


def _bounded_lines(f) -> Iterator[Optional[bytes]]:
    """The lines of a binary stream; None in place of a line longer than MAX_LINE_BYTES (read past, not kept)."""
    while True:
        line = f.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = f.readline(1 << 20)
            yield None
        else:
            yield line


def _jsonl_document(line: str, where: str, id_field: str, text_field: str, errors: ErrorList):
    try:
        row = json.loads(line)
        doc_id, text = row[id_field], row[text_field]
    except json.JSONDecodeError as e:
        errors.append((where, f"{where}: not valid JSON ({e})."))
        return None
    except (KeyError, TypeError):
        errors.append((where, f"{where}: no {id_field!r} and {text_field!r} fields; "
                              "set them with --id-field / --text-field."))
        return None
    # 1 and "1" would become the same id; null, floats and lists are not ids.
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        errors.append((where, f"{where}: {id_field!r} must be a non-empty string or an integer, not {doc_id!r}."))
        return None
    if not isinstance(text, str) or not text.strip():
        errors.append((where, f"{where}: document {doc_id!r} has an empty text."))
        return None
    return Document(str(doc_id), text, where)


def iter_pubmed(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Document]:
    """PubMed/MEDLINE XML (.xml or .xml.gz): one document per PubmedArticle, "title\\nabstract"."""
    from lxml import etree

    for path in _existing(paths, errors):
        opener = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
        try:
            with opener as f:
                # No entity resolution, no network: lxml < 5 would expand an external entity (XXE) into the text.
                for _, article in etree.iterparse(f, events=("end",), tag="PubmedArticle", recover=False,
                                                  resolve_entities=False, no_network=True, load_dtd=False):
                    pmid = article.findtext(".//MedlineCitation/PMID")
                    title = "".join(article.find(".//ArticleTitle").itertext()).strip() \
                        if article.find(".//ArticleTitle") is not None else ""
                    parts = []
                    for node in article.findall(".//Abstract/AbstractText"):
                        label = node.get("Label")
                        body = "".join(node.itertext()).strip()
                        parts.append(f"{label}: {body}" if label else body)
                    text = "\n".join(x for x in [title, " ".join(parts)] if x)
                    # Free what was parsed: a baseline file holds 30,000 articles.
                    article.clear()
                    while article.getprevious() is not None:
                        del article.getparent()[0]
                    if not pmid or not text:
                        errors.append((str(path), f"{path}: an article without PMID or text (PMID {pmid})."))
                        continue
                    yield Document(pmid, text, f"{path}#{pmid}")
        except (etree.XMLSyntaxError,) + _READ_ERRORS as e:
            errors.append((str(path), f"{path}: not readable PubMed XML ({e}); the documents before it were kept."))


def _bioc_text(doc) -> str:
    return "\n".join(p.text for p in doc.passages if p.text)


def _bioc_document(doc, where: str, errors: ErrorList) -> Optional[Document]:
    text = _bioc_text(doc)
    if text.strip():
        return Document(doc.id, text, f"{where}#{doc.id}")
    errors.append((where, f"{where}: BioC document {doc.id!r} has no passage text."))
    return None


_BIOC_DOCUMENT = re.compile(rb"<document[\s>].*?</document\s*>", re.S)
_BIOC_CHUNK = 1 << 20


def _bioc_xml_segments(f) -> Iterator[Tuple[int, bytes]]:
    """The <document> elements of a BioC XML stream, one by one (with the line each starts on), without
    parsing the whole file: a malformed document then costs only itself."""
    buffer, line = b"", 1
    while True:
        chunk = f.read(_BIOC_CHUNK)
        buffer += chunk
        end = 0
        for match in _BIOC_DOCUMENT.finditer(buffer):
            yield line + buffer.count(b"\n", 0, match.start()), match.group()
            end = match.end()
        line += buffer.count(b"\n", 0, end)
        buffer = buffer[end:]
        if not chunk:
            return


def _iter_bioc_records(paths: Iterable[Union[str, Path]], errors: ErrorList, records, parse,
                       what: str) -> Iterator[Document]:
    """BioC documents from files of independent records (``records(f)`` yields (line, raw bytes), raw None for a
    line too long to read), each parsed on its own by ``parse``: a bad record is reported and costs only itself."""
    for path in _existing(paths, errors):
        try:
            with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as f:
                for line, raw in records(f):
                    where = f"{path}:{line}"
                    if raw is None:
                        errors.append((where, Errors.E076.format(path=where, limit=MAX_LINE_BYTES)))
                        continue
                    try:
                        doc = parse(raw)
                    except Exception as e:  # lxml, json and bioc raise several types for a malformed record
                        errors.append((where, f"{where}: not a readable {what} ({type(e).__name__}: {e})."))
                        continue
                    document = _bioc_document(doc, str(path), errors)
                    if document is not None:
                        yield document
        except _READ_ERRORS as e:
            errors.append((str(path), f"{path}: could not be read to the end ({type(e).__name__}: {e}); "
                                      "the documents before it were kept."))


def _parse_bioc_xml_document(segment: bytes):
    from bioc import biocxml
    from lxml import etree

    # A collection of one; the parser resolves no entities and reads no network.
    wrapped = b"<collection><source/><date/><key/>" + segment + b"</collection>"
    root = etree.fromstring(wrapped, etree.XMLParser(resolve_entities=False, no_network=True))
    [doc] = biocxml.loads(etree.tostring(root, encoding="unicode")).documents
    return doc


def _json_lines(f) -> Iterator[Tuple[int, Optional[bytes]]]:
    for n, raw in enumerate(_bounded_lines(f), start=1):
        if raw is None or raw.strip():
            yield n, raw


def _parse_bioc_json_document(raw: bytes):
    from bioc.biocjson.decoder import fromJSON
    return fromJSON(json.loads(raw.decode("utf-8-sig")))


def iter_bioc_xml(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Document]:
    """BioC XML: passages joined by line breaks (passage offsets are not kept). Each <document> is parsed on
    its own, so one malformed document is reported and the others, before and after it, are kept."""
    yield from _iter_bioc_records(paths, errors, _bioc_xml_segments, _parse_bioc_xml_document, "BioC document")


def iter_bioc_json(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Document]:
    """BioC JSON Lines (one BioC document per line); a bad line costs only its own document."""
    yield from _iter_bioc_records(paths, errors, _json_lines, _parse_bioc_json_document, "BioC JSON document")


def iter_pubtator(paths: Iterable[Union[str, Path]], errors: ErrorList) -> Iterator[Document]:
    """PubTator: "title abstract" joined by one space, PubTator's own offset convention."""
    from bioc import pubtator

    for path in _existing(paths, errors):
        try:
            with _open_text(path) as f:
                for doc in pubtator.iterparse(f):
                    text = " ".join(x for x in (doc.title, doc.abstract) if x)
                    if text.strip():
                        yield Document(str(doc.pmid), text, f"{path}#{doc.pmid}")
        except Exception as e:
            errors.append((str(path), f"{path}: not readable PubTator ({type(e).__name__}: {e})."))


READERS: Dict[str, Callable[..., Iterator[Document]]] = {
    "txt": iter_txt, "jsonl": iter_jsonl, "pubmed": iter_pubmed, "bioc-xml": iter_bioc_xml,
    "bioc-json": iter_bioc_json, "pubtator": iter_pubtator,
}


def guess_reader(path: Union[str, Path]) -> str:
    name = str(path).lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".xml", ".xml.gz")):
        return "bioc-xml" if _looks_like_bioc(Path(path)) else "pubmed"
    if name.endswith(".json"):
        return "bioc-json"
    if name.endswith((".pubtator", ".pubtator.txt")):
        return "pubtator"
    return "txt"


def _looks_like_bioc(path: Path) -> bool:
    try:
        opener = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
        with opener as f:
            return b"<collection" in f.read(2048)
    except Exception:  # unreadable here: the reader itself will say what is wrong
        return False


def iter_documents(paths: Iterable[Union[str, Path]], errors: ErrorList, reader: str = "auto",
                   id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """Documents from ``paths`` with one reader, or guessed per path ("auto")."""
    paths = list(paths)
    if any(str(p) == "-" for p in paths):
        yield from iter_stdin(errors, reader, id_field, text_field)
        paths = [p for p in paths if str(p) != "-"]
        if not paths:
            return
    if reader != "auto":
        if reader not in READERS:
            raise OsteohemeError(f"unknown reader {reader!r}; choose from auto, {', '.join(READERS)}.")
        kwargs = {"id_field": id_field, "text_field": text_field} if reader == "jsonl" else {}
        yield from READERS[reader](paths, errors, **kwargs)
        return
    for p in paths:
        kind = guess_reader(p) if not any(ch in str(p) for ch in "*?[") else "txt"
        log.debug("%s: read as %s", p, kind)
        kwargs = {"id_field": id_field, "text_field": text_field} if kind == "jsonl" else {}
        yield from READERS[kind]([p], errors, **kwargs)
