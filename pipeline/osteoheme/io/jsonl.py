"""Reading JSON Lines with errors that name the file and line."""

import json
from pathlib import Path
from typing import BinaryIO, Dict, Iterator, List, Tuple, Union

from ..errors import Errors, OsteohemeError


def iter_jsonl(path: Union[str, Path], missing: str = Errors.E001) -> Iterator[Tuple[int, object]]:
    """(line number, parsed value) for every non-blank line."""
    path = Path(path)
    if not path.exists():
        raise OsteohemeError(missing.format(path=path))
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            if line.strip():
                try:
                    yield i, json.loads(line)
                except json.JSONDecodeError as e:
                    raise OsteohemeError(Errors.E031.format(path=path, line=i, problem=e)) from None


Runs = List[Tuple[int, int, int]]


def index_by_doc(path: Union[str, Path], missing: str = Errors.E001) -> Dict[str, Runs]:
    """Where each document's rows are: doc_id → runs of its consecutive lines as (byte offset, first line number,
    rows). Files osteoheme writes group rows by document, so each document has one run and the index grows with
    the documents, not the rows; read a document's rows with ``read_runs`` when they are needed."""
    path = Path(path)
    if not path.exists():
        raise OsteohemeError(missing.format(path=path))
    runs: Dict[str, Runs] = {}
    previous, offset = None, 0
    with path.open("rb") as f:
        for i, line in enumerate(f, start=1):
            if line.strip():
                try:
                    doc_id = json.loads(line)["doc_id"]
                except (json.JSONDecodeError, UnicodeDecodeError, TypeError, KeyError) as e:
                    raise OsteohemeError(Errors.E031.format(path=path, line=i, problem=repr(e))) from None
                if doc_id == previous:
                    start, first, n = runs[doc_id][-1]
                    runs[doc_id][-1] = (start, first, n + 1)
                else:
                    runs.setdefault(doc_id, []).append((offset, i, 1))
                    previous = doc_id
            offset += len(line)
    return runs


def read_runs(f: BinaryIO, runs: Runs) -> List[dict]:
    """The rows ``index_by_doc`` located, from ``f`` (the same file, opened in binary mode)."""
    rows: List[dict] = []
    for offset, _, n in runs:
        f.seek(offset)
        while n:
            line = f.readline()
            if line.strip():
                rows.append(json.loads(line))
                n -= 1
    return rows
