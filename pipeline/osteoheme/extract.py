"""Batch extraction: texts in, output-contract files out (``osteoheme extract``).

One document that fails (unreadable file, a component error) is recorded in
the summary and ``errors.jsonl``; the others are still extracted and written.
Output is deterministic: documents in sorted path order, no timestamps.
"""

import json
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple, Union

import pandas as pd
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from tqdm import tqdm

from .errors import Errors
from .readers import Document, find_texts, iter_documents
from .records import EntityRecord, TripleRecord, doc_records

ENTITY_COLUMNS = ["doc_id", "start", "end", "text", "label", "state", "concept_id", "concept_name"]
_ARGUMENT = ["start", "end", "text", "label", "concept_id", "concept_name", "state", "anaphor_start", "anaphor_end",
             "anaphor_text"]
TRIPLE_COLUMNS = (["doc_id"] + [f"subject_{k}" for k in _ARGUMENT] + ["predicate", "negated"]
                  + [f"object_{k}" for k in _ARGUMENT]
                  + ["sentence_start", "sentence_end", "sentence_text", "confidence", "method"])


def count_words(doc) -> int:
    """Tokens that are neither punctuation nor white space."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int(len(doc) - flags.any(axis=1).sum()) if len(doc) else 0


def flat_triple(t: dict) -> dict:
    """One CSV row per triple: nested arguments become prefixed columns."""
    row = {"doc_id": t["doc_id"]}
    for side in ("subject", "object"):
        for k, v in t[side].items():
            if k == "anaphor":
                v = v or {}
                for kk in ("start", "end", "text"):
                    row[f"{side}_anaphor_{kk}"] = v.get(kk)
            else:
                row[f"{side}_{k}"] = v
        if side == "subject":
            row["predicate"], row["negated"] = t["predicate"], t["negated"]
    row.update({"sentence_start": t["sentence"]["start"], "sentence_end": t["sentence"]["end"],
                "sentence_text": t["sentence"]["text"], "confidence": t["confidence"], "method": t["method"]})
    return row


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
    tmp.replace(path)


def _write_csv(path: Path, rows: List[dict], columns: List[str]) -> None:
    frame = pd.DataFrame(rows, columns=columns)
    tmp = path.with_suffix(path.suffix + ".part")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    tmp.replace(path)


def extract_documents(nlp: Language, documents: List[Document], errors: List[Tuple[str, str]],
                      progress: bool = True) -> Tuple[List[EntityRecord], List[TripleRecord], List[Dict]]:
    """Run ``nlp`` over documents; a failing document is added to ``errors``, never raised."""
    entities: List[EntityRecord] = []
    triples: List[TripleRecord] = []
    per_doc: List[Dict] = []
    paths = {d.doc_id: str(d.path) for d in documents}

    def on_error(proc_name, proc, docs, e):
        # spaCy drops a doc whose component raised; we only have to say why.
        for d in docs:
            errors.append((paths.get(d._.doc_id, "?"), f"component {proc_name} failed: {type(e).__name__}: {e}"))

    def docs_in():
        for d in documents:
            try:
                doc = nlp.make_doc(d.text)
            except Exception as e:  # too long for nlp.max_length, tokenizer failure
                errors.append((str(d.path), f"tokenizer failed: {type(e).__name__}: {e}"))
                bar.update(1)
                continue
            doc._.doc_id = d.doc_id
            yield doc

    # The handler is ours only for this run: a caller's nlp must still raise afterwards.
    previous = {name: proc.get_error_handler() for name, proc in nlp.pipeline if hasattr(proc, "get_error_handler")}
    previous_default = nlp.default_error_handler
    nlp.set_error_handler(on_error)
    words = 0
    bar = tqdm(total=len(documents), unit="doc", disable=not progress, desc="extract")
    try:
        for doc in nlp.pipe(docs_in()):
            ents, trips = doc_records(doc, doc._.doc_id)
            entities += ents
            triples += trips
            n_words = count_words(doc)
            words += n_words
            per_doc.append({"doc_id": doc._.doc_id, "words": n_words,
                            "entities": len(ents), "triples": len(trips)})
            bar.update(1)
            bar.set_postfix(words=words)
    finally:
        bar.close()
        nlp.set_error_handler(previous_default)
        for name, proc in nlp.pipeline:
            if name in previous:
                proc.set_error_handler(previous[name])
    return entities, triples, per_doc


def extract(paths: Iterable[Union[str, Path]], out_dir: Union[str, Path], nlp: Optional[Language] = None,
            progress: bool = True) -> Dict:
    """Extract entities and triples from .txt files and directories into ``out_dir``.

    RETURNS (dict): the run summary (also written to out_dir/summary.json).
    """
    if nlp is None:
        from . import load
        nlp = load()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, errors = find_texts(paths)
    # A second file with the same stem would make doc_ids ambiguous: it is
    # reported and skipped, the first one is extracted.
    stems: Dict[str, Path] = {}
    unique = []
    for f in files:
        if f.stem in stems:
            errors.append((str(f), Errors.E006.format(path=f, doc_id=f.stem, other=stems[f.stem])))
        else:
            stems[f.stem] = f
            unique.append(f)
    files = unique
    documents = list(iter_documents(files, errors))
    entities, triples, per_doc = extract_documents(nlp, documents, errors, progress)
    ent_rows = [e.to_dict() for e in entities]
    triple_rows = [t.to_dict() for t in triples]
    _write_jsonl(out_dir / "entities.jsonl", ent_rows)
    _write_jsonl(out_dir / "triples.jsonl", triple_rows)
    _write_csv(out_dir / "entities.csv", ent_rows, ENTITY_COLUMNS)
    _write_csv(out_dir / "triples.csv", [flat_triple(t) for t in triple_rows], TRIPLE_COLUMNS)
    errors.sort()
    _write_jsonl(out_dir / "errors.jsonl", [{"path": p, "error": e} for p, e in errors])
    summary = {
        "documents": len(per_doc),
        "failed": len(errors),
        "words": sum(d["words"] for d in per_doc),
        "entities": len(ent_rows),
        "triples": len(triple_rows),
        "entities_per_label": dict(sorted(pd.Series([e["label"] for e in ent_rows], dtype=object)
                                          .value_counts().items())) if ent_rows else {},
        "triples_per_predicate": dict(sorted(pd.Series([t["predicate"] for t in triple_rows], dtype=object)
                                             .value_counts().items())) if triple_rows else {},
        "per_document": per_doc,
        "errors": [{"path": p, "error": e} for p, e in errors],
        "pipeline": nlp.pipe_names,
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary
