"""``osteoheme export``: knowledge-base formats from an extraction's JSONL rows.

Writers only read the output contract (entities.jsonl, triples.jsonl), never
spaCy objects: RDF (Turtle, N-Triples), KGX TSV and Parquet.
"""

from pathlib import Path
from typing import Dict, Iterable, List, Optional, Union

from ..errors import Errors, OsteohemeError
from ..io.jsonl import iter_jsonl
from ..io.outputs import check_outputs

FORMATS = ("rdf", "kgx", "parquet")


def check_formats(formats: Iterable[str]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OsteohemeError(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}.")


def export(pred_dir: Union[str, Path], out_dir: Optional[Union[str, Path]] = None,
           formats: Iterable[str] = FORMATS, min_confidence: float = 0.0) -> Dict[str, List[str]]:
    """Write the requested formats for ``pred_dir`` into ``out_dir`` (default: the same directory).

    min_confidence: leave out triples whose confidence is lower (edges then count only what remains).
    RETURNS (dict): format → paths written.
    """
    if not 0.0 <= min_confidence <= 1.0:
        raise OsteohemeError(Errors.E070.format(option="min-confidence", value=min_confidence,
                                                allowed="a number from 0 to 1"))
    from .rdf import write_rdf
    from .tables import write_kgx, write_parquet

    pred_dir = Path(pred_dir)
    out_dir = Path(out_dir) if out_dir is not None else pred_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    check_outputs(pred_dir)
    from .stream import EdgeStore

    # The triples are read once and staged on disk; each writer then streams what it needs from there.
    triples = (row for _, row in iter_jsonl(pred_dir / "triples.jsonl", missing=Errors.E032)
               if row["confidence"] >= min_confidence)

    def entities():
        # Read again for each writer rather than held: mentions are the largest file.
        return (row for _, row in iter_jsonl(pred_dir / "entities.jsonl", missing=Errors.E032))

    writers = {"rdf": write_rdf, "kgx": write_kgx, "parquet": write_parquet}
    with EdgeStore(triples) as store:
        return {f: [str(p) for p in writers[f](entities(), store, out_dir)] for f in formats}
