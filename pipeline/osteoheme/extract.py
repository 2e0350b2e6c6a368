"""Batch extraction: documents in, output-contract files out (``osteoheme extract``).

Documents stream from a reader through ``nlp.pipe`` to the output files, so
memory does not grow with the input. Each file is written under a ``.part``
name and renamed when the run ends, so a killed run never leaves a
half-written file under the final name. One document that fails (unreadable,
a component error) is recorded in the summary and ``errors.jsonl``; the
others are still extracted and written. Output is deterministic: documents in
input order, no timestamps.
"""

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Tuple, Union

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from tqdm import tqdm

from .errors import Errors
from .readers import Document, iter_documents
from .records import doc_records

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


class _Outputs:
    """The run's output files, written row by row and renamed into place at the end."""

    FILES = ("entities.jsonl", "triples.jsonl", "texts.jsonl", "entities.csv", "triples.csv")

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.handles = {name: (out_dir / (name + ".part")).open("w", encoding="utf-8", newline="")
                        for name in self.FILES}
        self.entity_csv = csv.DictWriter(self.handles["entities.csv"], ENTITY_COLUMNS, lineterminator="\n")
        self.triple_csv = csv.DictWriter(self.handles["triples.csv"], TRIPLE_COLUMNS, lineterminator="\n")
        self.entity_csv.writeheader()
        self.triple_csv.writeheader()

    def write(self, document: Document, entities: List[dict], triples: List[dict]) -> None:
        for row in entities:
            self.handles["entities.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
            self.entity_csv.writerow(row)
        for row in triples:
            self.handles["triples.jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
            self.triple_csv.writerow(flat_triple(row))
        # The exact text every offset indexes, whatever reader produced it.
        self.handles["texts.jsonl"].write(json.dumps({"doc_id": document.doc_id, "text": document.text},
                                                     ensure_ascii=False) + "\n")

    def close(self, keep: bool) -> None:
        for name, handle in self.handles.items():
            handle.close()
            part = self.out_dir / (name + ".part")
            if keep:
                part.replace(self.out_dir / name)


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def _unique(documents: Iterable[Document], errors: List[Tuple[str, str]]) -> Iterator[Document]:
    """A second document with the same doc_id is reported and skipped: ids must identify documents."""
    seen: Dict[str, str] = {}
    for d in documents:
        if d.doc_id in seen:
            errors.append((d.source, Errors.E006.format(path=d.source, doc_id=d.doc_id, other=seen[d.doc_id])))
            continue
        seen[d.doc_id] = d.source
        yield d


def extract_stream(nlp: Language, documents: Iterable[Document], outputs: "_Outputs",
                   errors: List[Tuple[str, str]], progress: bool = True) -> List[Dict]:
    """Run ``nlp`` over a stream of documents, writing each one's rows as it comes.

    A failing document is added to ``errors``, never raised. RETURNS the per-document counts.
    """
    per_doc: List[Dict] = []
    pending: Dict[str, Document] = {}

    def on_error(proc_name, proc, docs, e):
        # spaCy drops a doc whose component raised; we only have to say why.
        for d in docs:
            source = pending.pop(d._.doc_id).source if d._.doc_id in pending else "?"
            errors.append((source, f"component {proc_name} failed: {type(e).__name__}: {e}"))

    def docs_in():
        for d in documents:
            try:
                doc = nlp.make_doc(d.text)
            except Exception as e:  # too long for nlp.max_length, tokenizer failure
                errors.append((d.source, f"tokenizer failed: {type(e).__name__}: {e}"))
                continue
            doc._.doc_id = d.doc_id
            pending[d.doc_id] = d
            yield doc

    # The handler is ours only for this run: a caller's nlp must still raise afterwards.
    previous = {name: proc.get_error_handler() for name, proc in nlp.pipeline if hasattr(proc, "get_error_handler")}
    previous_default = nlp.default_error_handler
    nlp.set_error_handler(on_error)
    words = 0
    bar = tqdm(unit="doc", disable=not progress, desc="extract")
    try:
        for doc in nlp.pipe(docs_in()):
            document = pending.pop(doc._.doc_id)
            ents, trips = doc_records(doc, doc._.doc_id)
            outputs.write(document, [e.to_dict() for e in ents], [t.to_dict() for t in trips])
            n_words = count_words(doc)
            words += n_words
            per_doc.append({"doc_id": doc._.doc_id, "words": n_words, "entities": len(ents), "triples": len(trips)})
            bar.update(1)
            rate = words / max(bar.format_dict["elapsed"], 1e-9)
            bar.set_postfix(words=words, words_per_s=f"{rate:,.0f}", refresh=False)
    finally:
        bar.close()
        nlp.set_error_handler(previous_default)
        for name, proc in nlp.pipeline:
            if name in previous:
                proc.set_error_handler(previous[name])
    return per_doc


def extract(paths: Iterable[Union[str, Path]], out_dir: Union[str, Path], nlp: Optional[Language] = None,
            progress: bool = True, reader: str = "auto", id_field: str = "id", text_field: str = "text") -> Dict:
    """Extract entities and triples from documents into ``out_dir``.

    paths: .txt files, directories or globs, JSONL, PubMed XML (.xml/.xml.gz), BioC XML/JSON, PubTator
        files (see osteoheme.readers; ``reader`` forces one format, "auto" guesses per path).
    RETURNS (dict): the run summary (also written to out_dir/summary.json).
    """
    if nlp is None:
        from . import load
        nlp = load()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    errors: List[Tuple[str, str]] = []
    documents = _unique(iter_documents(paths, errors, reader, id_field, text_field), errors)
    outputs = _Outputs(out_dir)
    ok = False
    try:
        per_doc = extract_stream(nlp, documents, outputs, errors, progress)
        ok = True
    finally:
        outputs.close(keep=ok)
    _write_jsonl(out_dir / "errors.jsonl", [{"path": p, "error": e} for p, e in errors])
    labels: Counter = Counter()
    predicates: Counter = Counter()
    with (out_dir / "entities.jsonl").open(encoding="utf-8") as f:
        for line in f:
            labels[json.loads(line)["label"]] += 1
    with (out_dir / "triples.jsonl").open(encoding="utf-8") as f:
        for line in f:
            predicates[json.loads(line)["predicate"]] += 1
    summary = {
        "documents": len(per_doc),
        "failed": len(errors),
        "words": sum(d["words"] for d in per_doc),
        "entities": sum(labels.values()),
        "triples": sum(predicates.values()),
        "entities_per_label": dict(sorted(labels.items())),
        "triples_per_predicate": dict(sorted(predicates.items())),
        "per_document": per_doc,
        "errors": [{"path": p, "error": e} for p, e in errors],
        "pipeline": nlp.pipe_names,
    }
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary
