"""Reading input texts: one document per .txt file, doc_id = file stem."""

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Tuple, Union

from .errors import Errors, OsteohemeError


@dataclass
class Document:
    doc_id: str
    path: Path
    text: str


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


def find_texts(paths: Iterable[Union[str, Path]]) -> Tuple[List[Path], List[Tuple[str, str]]]:
    """The .txt files named by ``paths`` (files or directories), sorted, and the (path, error) of bad ones."""
    files: List[Path] = []
    errors: List[Tuple[str, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.txt"))
            if not found:
                errors.append((str(p), Errors.E005.format(path=p)))
            files += found
        elif p.exists():
            files.append(p)
        else:
            errors.append((str(p), Errors.E001.format(path=p)))
    seen, unique = set(), []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, errors


def iter_documents(files: Iterable[Path], errors: List[Tuple[str, str]]) -> Iterator[Document]:
    """Documents from files; unreadable ones are appended to ``errors`` and skipped."""
    for f in files:
        try:
            yield Document(f.stem, f, read_text(f))
        except OsteohemeError as e:
            errors.append((str(f), str(e)))
