"""Agreement between two annotation sets of the same texts (``osteoheme agreement``).

The second set is scored as if it were predictions against the first, with
the evaluator's own definitions; F1 is symmetric, so the order only swaps P
and R. Relation arguments reached through Coref are expanded the way the
pipeline's triples are.
"""

from typing import Dict, List, Tuple

from .brat import BratDocument
from ..errors import OsteohemeError
from .evaluate import evaluate


def brat_as_predictions(doc: BratDocument) -> Tuple[List[dict], List[dict]]:
    """A gold document as output-contract rows (entities.jsonl / triples.jsonl dicts)."""
    entities = [{"doc_id": doc.doc_id, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                 "state": e.state, "concept_id": None, "concept_name": None}
                for e in sorted(doc.entities.values(), key=lambda e: (e.start, e.end))]
    triples = []
    for r in doc.facts:
        for s in doc.antecedents(r.arg1):
            for o in doc.antecedents(r.arg2):
                triples.append({
                    "doc_id": doc.doc_id, "predicate": r.predicate, "negated": r.negated,
                    "subject": _arg(s, doc.entities[r.arg1]), "object": _arg(o, doc.entities[r.arg2]),
                    "sentence": {"start": 0, "end": 0, "text": ""}, "confidence": 1.0, "method": "annotator",
                    "certainty": r.certainty})
    return entities, triples


def _arg(entity, mention) -> dict:
    anaphor = None if entity is mention else {"start": mention.start, "end": mention.end, "text": mention.text}
    return {"start": entity.start, "end": entity.end, "text": entity.text, "label": entity.label,
            "concept_id": None, "concept_name": None, "state": entity.state, "anaphor": anaphor}


def agreement(first: Dict[str, BratDocument], second: Dict[str, BratDocument]) -> Dict:
    """Scores of ``second`` against ``first`` over the documents both annotate.

    RETURNS (dict): the evaluation result, plus "only_first" / "only_second": documents not compared.
    """
    shared = sorted(set(first) & set(second))
    for doc_id in shared:
        if first[doc_id].text != second[doc_id].text:
            raise OsteohemeError(f"{doc_id}: the two annotation sets annotate different texts; "
                                 "offsets cannot be compared. Copy the same .txt into both directories.")
    entities, triples = [], []
    for doc_id in shared:
        e, t = brat_as_predictions(second[doc_id])
        entities += e
        triples += t
    result = evaluate(entities, triples, {d: first[d] for d in shared})
    result["only_first"] = sorted(set(first) - set(second))
    result["only_second"] = sorted(set(second) - set(first))
    return result
