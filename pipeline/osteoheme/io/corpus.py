"""The corpus manifest (``corpus/manifest.csv``): one row per document."""

from pathlib import Path
from typing import Dict, List, Union

import pandas as pd

from ..errors import Errors, OsteohemeError

REQUIRED_COLUMNS = ["doc_id", "title", "origin", "license", "split"]
SPLITS = ("train", "dev", "test")


def read_manifest(corpus_dir: Union[str, Path]) -> pd.DataFrame:
    """The manifest, checked: required columns, unique doc_ids, known splits, a text for every row."""
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / "manifest.csv"
    if not path.exists():
        raise OsteohemeError(Errors.E014.format(path=path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise OsteohemeError(Errors.E015.format(path=path, columns=", ".join(missing)))
    problems: List[str] = []
    for i, row in frame.iterrows():
        line = i + 2  # header is line 1
        if row["split"] not in SPLITS:
            problems.append(f"{path}:{line}: split {row['split']!r} is not one of {', '.join(SPLITS)}")
        if not (corpus_dir / f"{row['doc_id']}.txt").exists():
            problems.append(f"{path}:{line}: no text {row['doc_id']}.txt in {corpus_dir}")
    duplicated = frame["doc_id"][frame["doc_id"].duplicated()].tolist()
    if duplicated:
        problems.append(f"{path}: doc_id(s) listed twice: {', '.join(duplicated)}")
    unlisted = sorted({p.stem for p in corpus_dir.glob("*.txt")} - set(frame["doc_id"]))
    if unlisted:
        problems.append(f"{path}: text(s) not in the manifest: {', '.join(unlisted)}")
    if problems:
        raise OsteohemeError("\n".join(problems))
    return frame


def splits(corpus_dir: Union[str, Path]) -> Dict[str, List[str]]:
    """doc_ids per split, in manifest order; splits without documents are left out."""
    frame = read_manifest(corpus_dir)
    return {s: frame.loc[frame["split"] == s, "doc_id"].tolist() for s in SPLITS if (frame["split"] == s).any()}
