"""Reading JSON Lines with errors that name the file and line."""

import json
from pathlib import Path
from typing import Iterator, Tuple, Union

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
