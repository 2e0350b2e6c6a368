"""RDF export: concepts as nodes, statements reified with provenance.

Mechanism: standard RDF reification. Each aggregated edge is an
``rdf:Statement`` (rdf:subject / rdf:predicate / rdf:object, Biolink
qualifiers — the subject's and object's direction from their State —,
``biolink:negated``, ``biolink:knowledge_level`` and ``oh:certainty``, evidence
count) with one ``oh:Evidence`` node per mention (document, sentence, offsets,
method, confidence, States). Only edges whose bare triple says what the text
says (``plain_triple_holds``: not negated, asserted, no subject State) are also
asserted as plain triples; the same subject, predicate and object may still be
asserted when other evidence states it (INCREASES, DECREASES and REGULATES all
map to `biolink:affects`). Query the statement nodes for direction, State,
certainty and negation.

The triples are generated in a fixed order and written by pyoxigraph's
streaming Turtle and N-Triples writers, so neither the graph nor the text of
a file is ever held whole (rdflib, which keeps a graph in memory, is used only
by ``build_graph`` for small outputs).
"""

import hashlib
import io
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Set

import pyoxigraph as ox
from rdflib import Graph

from .aggregate import node_table
from .stream import EdgeStore
from .vocab import AGENT_TYPE, BIOLINK, CATEGORIES, KNOWLEDGE_LEVELS, OSTEOHEME, document_iri, edge_mapping, node_iri

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PREFIXES = {"biolink": BIOLINK, "oh": OSTEOHEME, "statement": OSTEOHEME + "statement/",
             "evidence": OSTEOHEME + "evidence/", "rdf": _RDF, "rdfs": _RDFS, "xsd": _XSD}
_INTEGER, _DECIMAL, _BOOLEAN = (ox.NamedNode(_XSD + t) for t in ("integer", "decimal", "boolean"))
TYPE, LABEL = ox.NamedNode(_RDF + "type"), ox.NamedNode(_RDFS + "label")


def _bl(name: str) -> ox.NamedNode:
    return ox.NamedNode(BIOLINK + name)


def _oh(name: str) -> ox.NamedNode:
    return ox.NamedNode(OSTEOHEME + name)


def _iri(curie: str) -> ox.NamedNode:
    return _bl(curie.split(":", 1)[1]) if curie.startswith("biolink:") else ox.NamedNode(node_iri(curie))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def _hash(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def plain_triple_holds(edge: dict) -> bool:
    """Whether the bare (subject, predicate, object) says what the text says: not for a denial, not for a
    hedged or hypothetical claim, and not when the subject carries a State ("estrogen deficiency increases
    bone resorption" must not read as "estrogen increases bone resorption"). Such edges live only on their
    statement node, with their qualifiers. The same holds for an object State that the predicate does not
    already express."""
    # An object's State is already the predicate's direction for INCREASES/DECREASES; elsewhere ("associated
    # with low vitamin D") it is part of what is said.
    object_stated = edge["object_state"] and edge["predicate"] not in ("INCREASES", "DECREASES")
    return not edge["negated"] and edge["certainty"] == "asserted" and not edge["subject_state"] and not object_stated


def rdf_triples(nodes: Dict[str, tuple], store: EdgeStore) -> Iterator[ox.Triple]:
    """The export as a stream of triples: the nodes (``node_table``) first, then each edge's statement, evidence
    and, where it holds, the plain triple (written once)."""
    for curie, (label, name) in nodes.items():
        node = _iri(curie)
        yield ox.Triple(node, TYPE, _iri(CATEGORIES[label]))
        yield ox.Triple(node, LABEL, ox.Literal(name or curie))
        yield ox.Triple(node, _oh("curie"), ox.Literal(curie))
        yield ox.Triple(node, _oh("entityType"), ox.Literal(label))
    asserted: Set[tuple] = set()  # one entry per distinct plain triple: O(edges)
    for edge, evidence in store.with_evidence():
        yield from _edge_triples(edge, evidence, asserted)


def _edge_triples(edge: dict, evidence: List[dict], asserted: Set[tuple]) -> Iterator[ox.Triple]:
    mapping = edge_mapping(edge)
    s, o, p = _iri(edge["subject"]), _iri(edge["object"]), _iri(mapping["predicate"])
    st = ox.NamedNode(OSTEOHEME + "statement/" + edge["id"].rsplit("/", 1)[1])
    yield ox.Triple(st, TYPE, ox.NamedNode(_RDF + "Statement"))
    yield ox.Triple(st, ox.NamedNode(_RDF + "subject"), s)
    yield ox.Triple(st, ox.NamedNode(_RDF + "predicate"), p)
    yield ox.Triple(st, ox.NamedNode(_RDF + "object"), o)
    yield ox.Triple(st, _oh("relation"), ox.Literal(edge["predicate"]))
    yield ox.Triple(st, _oh("semmedPredicate"), ox.Literal(edge["semmed_predicate"]))
    yield ox.Triple(st, _bl("negated"), ox.Literal("true" if edge["negated"] else "false", datatype=_BOOLEAN))
    yield ox.Triple(st, _bl("knowledge_level"), ox.Literal(KNOWLEDGE_LEVELS[edge["certainty"]]))
    yield ox.Triple(st, _oh("certainty"), ox.Literal(edge["certainty"]))
    yield ox.Triple(st, _bl("agent_type"), ox.Literal(AGENT_TYPE))
    yield ox.Triple(st, _oh("evidenceCount"), _int(edge["evidence_count"]))
    if mapping["qualified_predicate"]:
        yield ox.Triple(st, _bl("qualified_predicate"), _iri(mapping["qualified_predicate"]))
    for qualifier in ("subject_aspect_qualifier", "subject_direction_qualifier", "object_aspect_qualifier",
                      "object_direction_qualifier"):
        if mapping[qualifier]:
            yield ox.Triple(st, _bl(qualifier), ox.Literal(mapping[qualifier]))
    if plain_triple_holds(edge) and (s, p, o) not in asserted:
        asserted.add((s, p, o))
        yield ox.Triple(s, p, o)
    for doc_id in edge["documents"]:
        yield ox.Triple(st, _bl("publications"), ox.NamedNode(document_iri(doc_id)))
    for t in evidence:
        anaphors = [t[side].get("anaphor") or {} for side in ("subject", "object")]
        ev = _oh("evidence/" + _hash(t["doc_id"], t["sentence"]["start"], t["subject"]["start"], t["subject"]["end"],
                                     t["object"]["start"], t["object"]["end"], t["predicate"], t["negated"],
                                     t["method"], sorted(anaphors[0].items()), sorted(anaphors[1].items())))
        yield ox.Triple(st, _oh("evidence"), ev)
        yield ox.Triple(ev, TYPE, _oh("Evidence"))
        yield ox.Triple(ev, _oh("document"), ox.NamedNode(document_iri(t["doc_id"])))
        yield ox.Triple(ev, _oh("sentence"), ox.Literal(t["sentence"]["text"]))
        yield ox.Triple(ev, _oh("sentenceStart"), _int(t["sentence"]["start"]))
        yield ox.Triple(ev, _oh("sentenceEnd"), _int(t["sentence"]["end"]))
        for side, anaphor in zip(("subject", "object"), anaphors):
            a = t[side]
            yield ox.Triple(ev, _oh(side + "Text"), ox.Literal(a["text"]))
            yield ox.Triple(ev, _oh(side + "Start"), _int(a["start"]))
            yield ox.Triple(ev, _oh(side + "End"), _int(a["end"]))
            if a.get("state"):
                yield ox.Triple(ev, _oh(side + "State"), ox.Literal(a["state"]))
            if anaphor:
                # The words in this sentence that stand for the argument ("these molecules").
                yield ox.Triple(ev, _oh(side + "AnaphorText"), ox.Literal(anaphor["text"]))
                yield ox.Triple(ev, _oh(side + "AnaphorStart"), _int(anaphor["start"]))
                yield ox.Triple(ev, _oh(side + "AnaphorEnd"), _int(anaphor["end"]))
        yield ox.Triple(ev, _oh("method"), ox.Literal(t["method"]))
        yield ox.Triple(ev, _oh("confidence"), ox.Literal(f"{t['confidence']:.4f}", datatype=_DECIMAL))


def build_graph(entities: Iterable[dict], triples: Iterable[dict]) -> Graph:
    """The whole export as one in-memory rdflib graph (for queries over small outputs; write_rdf streams)."""
    with EdgeStore(triples) as store:
        data = ox.serialize(rdf_triples(node_table(entities, store.edges()), store), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(io.BytesIO(data), format="nt")


def write_rdf(entities: Iterable[dict], store: EdgeStore, out_dir: Path) -> List[Path]:
    """Turtle and N-Triples, each streamed in the same deterministic order (the triples are generated once per
    file: DuckDB sorts the evidence again rather than anything holding it)."""
    nodes = node_table(entities, store.edges())
    ttl, nt = out_dir / "triples.ttl", out_dir / "triples.nt"
    ox.serialize(rdf_triples(nodes, store), ttl, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    ox.serialize(rdf_triples(nodes, store), nt, format=ox.RdfFormat.N_TRIPLES)
    return [ttl, nt]
