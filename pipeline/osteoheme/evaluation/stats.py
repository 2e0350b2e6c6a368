"""Corpus statistics per split (``osteoheme stats``)."""

from pathlib import Path
from typing import Dict, Optional, Union

import pandas as pd

from .brat import read_brat_dir
from ..io.corpus import read_manifest
from ..schema import ENTITY_TYPES, RELATION_TYPES


def corpus_stats(gold_dir: Union[str, Path], corpus_dir: Optional[Union[str, Path]] = None) -> pd.DataFrame:
    """One row per split (and "all"): documents, words, entities per type, relations per type, Coref, State.

    Splits come from ``corpus_dir``/manifest.csv; without it every document is in "all".
    """
    gold = read_brat_dir(gold_dir)
    split_of: Dict[str, str] = {}
    if corpus_dir is not None and (Path(corpus_dir) / "manifest.csv").exists():
        split_of = dict(zip(*read_manifest(corpus_dir)[["doc_id", "split"]].T.values))
    rows = []
    for doc_id, doc in gold.items():
        row = {"split": split_of.get(doc_id, "unsplit"), "documents": 1, "words": len(doc.text.split())}
        for label in ENTITY_TYPES:
            row[label] = sum(e.label == label for e in doc.entities.values())
        for label in RELATION_TYPES:
            row[label] = sum(r.predicate == label and not r.negated for r in doc.facts)
        row["NEG_*"] = sum(r.negated for r in doc.facts)
        row["Coref"] = sum(r.label == "Coref" for r in doc.relations)
        row["State"] = sum(e.state is not None for e in doc.entities.values())
        rows.append(row)
    frame = pd.DataFrame(rows)
    table = frame.groupby("split", sort=False).sum(numeric_only=True)
    order = [s for s in ("train", "dev", "test", "unsplit") if s in table.index]
    table = table.loc[order]
    table.loc["all"] = table.sum()
    return table.reset_index()


def write_stats(table: pd.DataFrame, out_dir: Union[str, Path], stem: str = "stats") -> None:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(out_dir / f"{stem}.csv", index=False, lineterminator="\n")
    header = "| " + " | ".join(table.columns) + " |"
    lines = ["# Corpus statistics", "", header, "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    (out_dir / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
