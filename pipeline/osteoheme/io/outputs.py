"""An extraction output folder read back: its files must all come from one run."""

import hashlib
import json
from pathlib import Path
from typing import Union

from ..errors import Errors, OsteohemeError

CHECKED_FILES = ("entities.jsonl", "triples.jsonl", "texts.jsonl")


def check_outputs(out_dir: Union[str, Path]) -> None:
    """Refuse an output folder whose JSONL files do not all come from the run its summary.json describes
    (a run killed between the final renames, or files copied in from another run): offsets would be wrong."""
    out_dir = Path(out_dir)
    summary_path = out_dir / "summary.json"
    if not summary_path.exists():
        return
    recorded = json.loads(summary_path.read_text(encoding="utf-8")).get("files", {})
    for name, digest in recorded.items():
        h = hashlib.sha256()
        path = out_dir / name
        if path.exists():
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        if h.hexdigest() != digest:
            raise OsteohemeError(Errors.E073.format(path=path, summary=summary_path))
