"""The corpus manifest (``corpus/manifest.csv``): one row per document, synthetic and real.

Synthetic documents (the project's own prose) keep their text beside the manifest. Real
documents (``origin`` = ``real``) are third-party abstracts: the manifest records their source,
length and SHA-256, and ``osteoheme corpus fetch`` writes their texts to ``corpus/real/``
(see ``osteoheme.io.fetch``); the project never ships them.
"""

from pathlib import Path
from typing import Dict, List, Optional, Union

import pandas as pd

from ..errors import Errors, OsteohemeError

REQUIRED_COLUMNS = ["doc_id", "title", "origin", "license", "split"]
REAL_COLUMNS = ["source", "chars", "sha256"]
SPLITS = ("train", "dev", "test")
REAL = "real"
REAL_DIR = "real"  # corpus/real/<doc_id>.txt, written by `osteoheme corpus fetch`
SYNTHETIC = "synthetic"  # every origin but "real": the project's own texts (and its source article)


def real_dir(corpus_dir: Union[str, Path]) -> Path:
    return Path(corpus_dir) / REAL_DIR


def is_real(frame: pd.DataFrame) -> pd.Series:
    return frame["origin"] == REAL


def read_manifest(corpus_dir: Union[str, Path]) -> pd.DataFrame:
    """The manifest, checked: required columns, unique doc_ids, known splits, a text for every
    synthetic row, source/length/hash for every real row, no text that the manifest does not list.
    Real texts may be missing (not fetched yet): ``missing_real_texts`` says which."""
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / "manifest.csv"
    if not path.exists():
        raise OsteohemeError(Errors.E014.format(path=path))
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if not missing and is_real(frame).any():
        missing = [c for c in REAL_COLUMNS if c not in frame.columns]
    if missing:
        raise OsteohemeError(Errors.E015.format(path=path, columns=", ".join(missing)))
    problems: List[str] = []
    for i, row in frame.iterrows():
        line = i + 2  # header is line 1
        if row["split"] not in SPLITS:
            problems.append(f"{path}:{line}: split {row['split']!r} is not one of {', '.join(SPLITS)}")
        if row["origin"] == REAL:
            if not (row["source"] and row["chars"].isdigit() and len(row["sha256"]) == 64):
                problems.append(f"{path}:{line}: a real document needs its source, chars and sha256")
        elif not (corpus_dir / f"{row['doc_id']}.txt").exists():
            problems.append(f"{path}:{line}: no text {row['doc_id']}.txt in {corpus_dir}")
    duplicated = frame["doc_id"][frame["doc_id"].duplicated()].tolist()
    if duplicated:
        problems.append(f"{path}: doc_id(s) listed twice: {', '.join(duplicated)}")
    unlisted = sorted({p.stem for p in corpus_dir.glob("*.txt")} - set(frame.loc[~is_real(frame), "doc_id"]))
    unlisted += sorted({p.stem for p in real_dir(corpus_dir).glob("*.txt")} - set(frame.loc[is_real(frame), "doc_id"]))
    if unlisted:
        problems.append(f"{path}: text(s) not in the manifest: {', '.join(unlisted)}")
    if problems:
        raise OsteohemeError("\n".join(problems))
    return frame


def origin_frame(corpus_dir: Union[str, Path], origin: Optional[str] = None) -> pd.DataFrame:
    """Manifest rows of one origin: "real", "synthetic" (everything else), or all with None."""
    frame = read_manifest(corpus_dir)
    if origin is None:
        return frame
    return frame[is_real(frame)] if origin == REAL else frame[~is_real(frame)]


def splits(corpus_dir: Union[str, Path], origin: Optional[str] = SYNTHETIC) -> Dict[str, List[str]]:
    """doc_ids per split, in manifest order, for one origin; splits without documents are left out."""
    frame = origin_frame(corpus_dir, origin)
    return {s: frame.loc[frame["split"] == s, "doc_id"].tolist() for s in SPLITS if (frame["split"] == s).any()}


def missing_real_texts(corpus_dir: Union[str, Path]) -> List[str]:
    """Real doc_ids whose text has not been fetched into corpus/real/ yet."""
    frame = origin_frame(corpus_dir, REAL)
    folder = real_dir(corpus_dir)
    return [d for d in frame["doc_id"] if not (folder / f"{d}.txt").exists()]
