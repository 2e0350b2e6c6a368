"""The KGX export through KGX itself: its validator (what `kgx validate` runs) against the Biolink Model
that `biolink-model` ships, and its transform into the NetworkX graph store, with the network shut off."""

import socket
from pathlib import Path

import pytest

from osteoheme.batch import extract
from osteoheme.kb.export import export

ROOT = Path(__file__).parent.parent
TEXTS = {
    "deficiency": "Estrogen deficiency increases bone resorption and leads to osteoporosis.",
    "plain": "IL-6 stimulates hepcidin. Osteoporosis does not cause anemia.",
    "hedged": "Hepcidin may inhibit erythropoiesis.",
}


@pytest.fixture(scope="module")
def offline():
    """No connection leaves the process while KGX runs: what it would download must come from a package."""
    def refuse(sock, address, *args, **kwargs):
        raise OSError(f"the KGX tests must not use the network (tried {address!r})")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket.socket, "connect_ex", refuse)
        mp.setattr(socket, "getaddrinfo", lambda *a, **k: refuse(None, a[:2]))
        yield


@pytest.fixture(scope="module")
def kgx_check(offline):
    pytest.importorskip("kgx")
    from osteoheme.kb import kgx_check
    return kgx_check


@pytest.fixture(scope="module")
def kb(nlp, tmp_path_factory):
    base = tmp_path_factory.mktemp("kgx")
    (base / "in").mkdir()
    for doc_id, text in TEXTS.items():
        (base / "in" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    extract([base / "in"], base / "out", nlp=nlp, progress=False)
    export(base / "out", formats=["kgx"])
    return base / "out"


@pytest.mark.parametrize("where", ["kb", "shipped"])
def test_kgx_validator_finds_no_errors(kgx_check, kb, where, tmp_path):
    out = kb if where == "kb" else ROOT / "outputs"
    errors = kgx_check.validate_kgx(out, report=tmp_path / "report.json")
    assert (tmp_path / "report.json").exists()
    # The only thing KGX may report is a CURIE prefix the Biolink context does not list (ours, FamPlex's), and
    # only for ids under it; every category, predicate, required property and id is otherwise as KGX wants it.
    assert kgx_check.without_unlisted_prefixes(errors) == {}, errors
    for kinds in errors.values():
        for messages in kinds.values():
            for message, where_ in messages.items():
                assert any(f"'{prefix}:" in message for prefix in kgx_check.UNLISTED_PREFIXES), message


def test_kgx_validator_reports_what_is_wrong(kgx_check, kb, tmp_path):
    """The check is not vacuous: a bad category, an unknown predicate, a missing knowledge_level and an id
    that is no CURIE are each reported."""
    nodes = (kb / "nodes.tsv").read_text(encoding="utf-8").splitlines()
    edges = (kb / "edges.tsv").read_text(encoding="utf-8").splitlines()
    n_head, e_head = nodes[0].split("\t"), edges[0].split("\t")
    node = dict(zip(n_head, nodes[1].split("\t")))
    edge = dict(zip(e_head, edges[1].split("\t")))
    node.update(id="MESH:D000001", category="biolink:Hormone")
    edge.update(subject="MESH:D000001", predicate="biolink:stimulates", knowledge_level="", object="not a curie")
    (tmp_path / "nodes.tsv").write_text("\n".join(nodes + ["\t".join(node[c] for c in n_head)]) + "\n",
                                        encoding="utf-8")
    (tmp_path / "edges.tsv").write_text("\n".join(edges + ["\t".join(edge[c] for c in e_head)]) + "\n",
                                        encoding="utf-8")
    found = kgx_check.without_unlisted_prefixes(kgx_check.validate_kgx(tmp_path))["ERROR"]
    messages = {m for kinds in found.values() for m in kinds}
    assert set(found) >= {"INVALID_CATEGORY", "INVALID_EDGE_PREDICATE", "MISSING_EDGE_PROPERTY",
                          "INVALID_EDGE_PROPERTY_VALUE"}, found
    assert any("Hormone" in m for m in messages) and any("stimulates" in m for m in messages)
    assert any("knowledge_level" in m for m in messages) and any("not a curie" in m for m in messages)


def test_kgx_graph_store_has_the_edges_with_their_qualifiers(kgx_check, kb):
    import csv
    graph = kgx_check.load_kgx_graph(kb)
    with (kb / "edges.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with (kb / "nodes.tsv").open(encoding="utf-8") as f:
        nodes = list(csv.DictReader(f, delimiter="\t"))
    assert graph.number_of_nodes() == len(nodes) and graph.number_of_edges() == len(rows) > 0
    names = {n: data["name"] for n, data in graph.nodes(data=True)}
    loaded = {data["id"]: (u, v, data) for u, v, data in graph.edges(data=True)}
    assert set(loaded) == {r["id"] for r in rows}

    def edges_to(name, predicate):
        return [d for u, v, d in loaded.values() if names[v] == name and d["predicate"] == predicate]

    # "Estrogen deficiency increases bone resorption": the subject's deficiency arrives with the edge.
    (resorption,) = edges_to("bone resorption", "biolink:affects")
    assert names[loaded[resorption["id"]][0]].startswith("estrogen")
    assert resorption["subject_direction_qualifier"] == "decreased"
    assert resorption["subject_aspect_qualifier"] == "activity_or_abundance"
    assert resorption["qualified_predicate"] == "biolink:causes"
    assert resorption["object_direction_qualifier"] == "increased"
    # Not negated: no `negated` property, which Biolink reads as false (KGX would read a "false" cell as true).
    assert "negated" not in resorption and resorption["knowledge_level"] == "knowledge_assertion"
    assert resorption["publications"] == ["osteoheme:document/deficiency"]
    # "IL-6 stimulates hepcidin": plain, no subject qualifier; the object is a molecule, so it has an aspect.
    (hepcidin,) = edges_to("hepcidin", "biolink:affects")
    assert names[loaded[hepcidin["id"]][0]] == "interleukin-6"
    assert not hepcidin.get("subject_direction_qualifier")
    assert (hepcidin["object_direction_qualifier"], hepcidin["object_aspect_qualifier"]) == \
        ("increased", "activity_or_abundance")
    # "Osteoporosis does not cause anemia": a denial, as a boolean KGX understands.
    (denial,) = edges_to("anemia", "biolink:causes")
    assert denial["negated"] is True
    # "Hepcidin may inhibit erythropoiesis": hedged, so a prediction, not a knowledge assertion.
    (hedged,) = edges_to("erythropoiesis", "biolink:affects")
    assert hedged["object_direction_qualifier"] == "decreased"
    assert (hedged["knowledge_level"], hedged["osteoheme_certainty"]) == ("prediction", "hedged")


def test_kgx_check_says_which_extra_is_missing(monkeypatch):
    import sys
    from osteoheme.errors import OsteohemeError
    from osteoheme.kb import kgx_check
    monkeypatch.setitem(sys.modules, "biolink_model", None)  # as if not installed
    with pytest.raises(OsteohemeError, match=r"osteoheme\[kgx\]"):
        kgx_check.biolink_paths()


def test_kgx_neo4j_sink_sends_the_edges_with_their_qualifiers(kgx_check, kb, monkeypatch):
    """KGX's Neo4j sink, as far as it runs without a server: the Bolt driver is replaced by one that records
    the Cypher statements and parameters KGX would send."""
    import kgx.sink.neo_sink as neo_sink
    sent = []

    class Session:
        def run(self, query, parameters=None):
            sent.append((" ".join(query.split()), parameters or {}))

    class Driver:
        def session(self):
            return Session()

    monkeypatch.setattr(neo_sink.GraphDatabase, "driver", lambda uri, auth: Driver())
    kgx_check.write_neo4j(kb, "bolt://localhost:7687", "neo4j", "secret")
    edges = [(q, e) for q, p in sent for e in p.get("edges", [])]
    nodes = [n for q, p in sent for n in p.get("nodes", [])]
    assert len(nodes) == len((kb / "nodes.tsv").read_text(encoding="utf-8").splitlines()) - 1
    assert len(edges) == len((kb / "edges.tsv").read_text(encoding="utf-8").splitlines()) - 1
    names = {n["id"]: n["name"] for n in nodes}
    (query, resorption), = [(q, e) for q, e in edges if names[e["object"]] == "bone resorption"
                            and e["predicate"] == "biolink:affects"]
    assert "MERGE (s)-[r:`biolink:affects`]->(o) SET r += edge" in query
    assert (resorption["subject_direction_qualifier"], resorption["object_direction_qualifier"]) == \
        ("decreased", "increased")
    assert "negated" not in resorption
    assert [e["negated"] for q, e in edges if names[e["object"]] == "anemia"] == [True]
    assert all(n["category"] and n["category"][0].startswith("biolink:") for n in nodes)
