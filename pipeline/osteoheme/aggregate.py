"""Aggregation across documents: one edge per (subject concept, predicate,
negated, object concept), with its evidence count and every provenance record."""

from collections import OrderedDict
from typing import Dict, Iterable, List

from .vocab import edge_key, semmed_predicate


def aggregate(triples: Iterable[dict]) -> List[Dict]:
    """Edges in a deterministic order (by key), each with "evidence": the triple rows behind it."""
    edges: Dict[tuple, Dict] = OrderedDict()
    for t in triples:
        key = edge_key(t)
        edge = edges.get(key)
        if edge is None:
            s, o = t["subject"], t["object"]
            edge = edges[key] = {
                "subject": key[0], "subject_name": s["concept_name"], "subject_label": s["label"],
                "predicate": t["predicate"], "negated": t["negated"],
                "object": key[3], "object_name": o["concept_name"], "object_label": o["label"],
                "semmed_predicate": semmed_predicate(t["predicate"], o["label"]),
                "evidence": [],
            }
        edge["evidence"].append(t)
    out = [edges[k] for k in sorted(edges, key=lambda k: (k[0], k[1], k[2], k[3]))]
    for edge in out:
        edge["evidence"].sort(key=lambda t: (t["doc_id"], t["sentence"]["start"], t["subject"]["start"],
                                             t["object"]["start"]))
        edge["evidence_count"] = len(edge["evidence"])
        edge["documents"] = sorted({t["doc_id"] for t in edge["evidence"]})
    return out
