"""Aggregation across documents: one edge per (subject concept, predicate, negated, object concept,
subject State, object State, certainty), with its evidence count and every provenance record."""

import hashlib
from collections import OrderedDict
from typing import Dict, Iterable, List

from .vocab import concept_curie, edge_key, edge_sides, semmed_predicate


def aggregate(triples: Iterable[dict]) -> List[Dict]:
    """Edges in a deterministic order (by key), each with "evidence": the triple rows behind it."""
    edges: Dict[tuple, Dict] = OrderedDict()
    for t in triples:
        key = edge_key(t)
        edge = edges.get(key)
        if edge is None:
            s, o = edge_sides(t)
            edge = edges[key] = {
                "subject": key[0], "subject_name": s["concept_name"], "subject_label": s["label"],
                "predicate": t["predicate"], "negated": t["negated"],
                "object": key[3], "object_name": o["concept_name"], "object_label": o["label"],
                "semmed_predicate": semmed_predicate(t["predicate"], o["label"]),
                "subject_state": key[4], "object_state": key[5], "certainty": key[6],
                "evidence": [],
            }
        edge["evidence"].append(t)
    out = [edges[k] for k in sorted(edges, key=lambda k: tuple("" if x is None else x for x in k))]
    for edge in out:
        edge["evidence"].sort(key=lambda t: (t["doc_id"], t["sentence"]["start"], t["subject"]["start"],
                                             t["object"]["start"]))
        edge["evidence_count"] = len(edge["evidence"])
        edge["documents"] = sorted({t["doc_id"] for t in edge["evidence"]})
    return out


def node_table(entities: Iterable[dict], edges: List[Dict]) -> Dict[str, tuple]:
    """Every node an edge uses → (entity type, name), the one table both the RDF and the KGX writer use.

    Names come from the entity mentions where there are any (the concept's
    terminology name); mentions that take part in no edge (often generic class
    words or anaphors) make no node.
    """
    used = {edge["subject"] for edge in edges} | {edge["object"] for edge in edges}
    nodes: Dict[str, tuple] = {}
    for e in entities:
        curie = concept_curie(e["concept_id"], e["label"], e["concept_name"])
        if curie in used:
            nodes.setdefault(curie, (e["label"], e["concept_name"]))
    for edge in edges:
        nodes.setdefault(edge["subject"], (edge["subject_label"], edge["subject_name"]))
        nodes.setdefault(edge["object"], (edge["object_label"], edge["object_name"]))
    return dict(sorted(nodes.items()))


def statement_id(edge: Dict) -> str:
    """A stable id for an aggregated edge: the same edge keeps it when other documents are added. States and
    a certainty other than asserted extend the key only where present, so plain edges keep their ids."""
    parts = [edge["subject"], edge["predicate"], edge["negated"], edge["object"]]
    if edge.get("subject_state") or edge.get("object_state") or edge.get("certainty", "asserted") != "asserted":
        parts += [edge.get("subject_state"), edge.get("object_state"), edge.get("certainty")]
    key = "|".join(map(str, parts))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
