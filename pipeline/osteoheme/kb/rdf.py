"""RDF export (rdflib): concepts as nodes, statements reified with provenance.

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
"""

import hashlib
from pathlib import Path
from typing import Iterable, Iterator, List, Set

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from .aggregate import aggregate, node_table, statement_id
from .vocab import AGENT_TYPE, BIOLINK, CATEGORIES, KNOWLEDGE_LEVELS, OSTEOHEME, document_iri, edge_mapping, node_iri

BL = Namespace(BIOLINK)
OH = Namespace(OSTEOHEME)


def _iri(curie: str) -> URIRef:
    return URIRef(BIOLINK + curie.split(":", 1)[1]) if curie.startswith("biolink:") else URIRef(node_iri(curie))


def _hash(*parts) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _graph() -> Graph:
    g = Graph()
    g.bind("biolink", BL)
    g.bind("oh", OH)
    return g


def graph_chunks(entities: Iterable[dict], triples: Iterable[dict]) -> Iterator[Graph]:
    """The export as small graphs: the nodes first, then one graph per edge (its statement, evidence and, where
    it holds, the plain triple, written once). Writers serialize them one by one, so memory does not grow with
    the number of statements."""
    edges = aggregate(triples)
    nodes = _graph()
    for curie, (label, name) in node_table(entities, edges).items():
        node = _iri(curie)
        nodes.add((node, RDF.type, _iri(CATEGORIES[label])))
        nodes.add((node, RDFS.label, Literal(name or curie)))
        nodes.add((node, OH.curie, Literal(curie)))
        nodes.add((node, OH.entityType, Literal(label)))
    yield nodes
    asserted: Set[tuple] = set()
    for edge in edges:
        g = _graph()
        _add_edge(g, edge, asserted)
        yield g


def build_graph(entities: Iterable[dict], triples: Iterable[dict]) -> Graph:
    """The whole export as one in-memory graph (for queries over small outputs; write_rdf streams)."""
    g = _graph()
    for chunk in graph_chunks(entities, triples):
        g += chunk
    return g


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


def _add_edge(g: Graph, edge: dict, asserted: Set[tuple]) -> None:
    mapping = edge_mapping(edge)
    s, o, p = _iri(edge["subject"]), _iri(edge["object"]), _iri(mapping["predicate"])
    st = OH["statement/" + statement_id(edge)]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, OH.relation, Literal(edge["predicate"])))
    g.add((st, OH.semmedPredicate, Literal(edge["semmed_predicate"])))
    g.add((st, BL.negated, Literal(edge["negated"])))
    g.add((st, BL.knowledge_level, Literal(KNOWLEDGE_LEVELS[edge["certainty"]])))
    g.add((st, OH.certainty, Literal(edge["certainty"])))
    g.add((st, BL.agent_type, Literal(AGENT_TYPE)))
    g.add((st, OH.evidenceCount, Literal(edge["evidence_count"], datatype=XSD.integer)))
    if mapping["qualified_predicate"]:
        g.add((st, BL.qualified_predicate, _iri(mapping["qualified_predicate"])))
    for qualifier in ("subject_aspect_qualifier", "subject_direction_qualifier", "object_aspect_qualifier",
                      "object_direction_qualifier"):
        if mapping[qualifier]:
            g.add((st, BL[qualifier], Literal(mapping[qualifier])))
    if plain_triple_holds(edge) and (s, p, o) not in asserted:
        asserted.add((s, p, o))
        g.add((s, p, o))
    for doc_id in edge["documents"]:
        g.add((st, BL.publications, URIRef(document_iri(doc_id))))
    for t in edge["evidence"]:
        anaphors = [t[side].get("anaphor") or {} for side in ("subject", "object")]
        ev = OH["evidence/" + _hash(t["doc_id"], t["sentence"]["start"], t["subject"]["start"], t["subject"]["end"],
                                    t["object"]["start"], t["object"]["end"], t["predicate"], t["negated"],
                                    t["method"], sorted(anaphors[0].items()), sorted(anaphors[1].items()))]
        g.add((st, OH.evidence, ev))
        g.add((ev, RDF.type, OH.Evidence))
        g.add((ev, OH.document, URIRef(document_iri(t["doc_id"]))))
        g.add((ev, OH.sentence, Literal(t["sentence"]["text"])))
        g.add((ev, OH.sentenceStart, Literal(t["sentence"]["start"], datatype=XSD.integer)))
        g.add((ev, OH.sentenceEnd, Literal(t["sentence"]["end"], datatype=XSD.integer)))
        for side, anaphor in zip(("subject", "object"), anaphors):
            a = t[side]
            g.add((ev, OH[side + "Text"], Literal(a["text"])))
            g.add((ev, OH[side + "Start"], Literal(a["start"], datatype=XSD.integer)))
            g.add((ev, OH[side + "End"], Literal(a["end"], datatype=XSD.integer)))
            if a.get("state"):
                g.add((ev, OH[side + "State"], Literal(a["state"])))
            if anaphor:
                # The words in this sentence that stand for the argument ("these molecules").
                g.add((ev, OH[side + "AnaphorText"], Literal(anaphor["text"])))
                g.add((ev, OH[side + "AnaphorStart"], Literal(anaphor["start"], datatype=XSD.integer)))
                g.add((ev, OH[side + "AnaphorEnd"], Literal(anaphor["end"], datatype=XSD.integer)))
        g.add((ev, OH.method, Literal(t["method"])))
        g.add((ev, OH.confidence, Literal(f"{t['confidence']:.4f}", datatype=XSD.decimal)))


_PREFIXES = {"biolink": BIOLINK, "oh": OSTEOHEME, "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD)}


def write_rdf(entities: Iterable[dict], triples: List[dict], out_dir: Path) -> List[Path]:
    """Turtle and N-Triples, written a chunk at a time (see graph_chunks), each in a deterministic order."""
    ttl, nt = out_dir / "triples.ttl", out_dir / "triples.nt"
    header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(_PREFIXES.items()))
    with ttl.open("w", encoding="utf-8") as t_out, nt.open("w", encoding="utf-8") as n_out:
        t_out.write(header + "\n")
        for g in graph_chunks(entities, triples):
            body = []
            for line in g.serialize(format="turtle").split("\n"):
                if line.startswith("@prefix"):
                    if line not in header:  # a prefix the header lacks would make the file invalid
                        raise RuntimeError(f"unexpected Turtle prefix in the RDF export: {line}")
                    continue
                body.append(line)
            t_out.write("\n".join(body).strip() + "\n\n")
            # N-Triples lines sorted per chunk, so a run is byte-reproducible. Split on "\n" alone:
            # str.splitlines() also breaks at \f, \x1c-\x1e, \x85 and \u2028, which literals may hold unescaped.
            lines = sorted(line for line in g.serialize(format="nt").split("\n") if line.strip())
            n_out.write("\n".join(lines) + "\n")
    return [ttl, nt]
