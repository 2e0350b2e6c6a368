"""Knowledge-base exports checked with the tools knowledge bases use:
a SPARQL store (pyoxigraph), DuckDB over Parquet, rdflib graph isomorphism,
the Biolink model itself (bmt, offline), and JSON Schema."""

import io
import json
from importlib.resources import files
from pathlib import Path

import pytest

from osteoheme.kb.aggregate import aggregate
from osteoheme.kb.export import export
from osteoheme.kb.rdf import build_graph
from osteoheme.batch import extract
from osteoheme.kb.vocab import CATEGORIES, RO, biolink_edge

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "pipeline" / "osteoheme" / "resources" / "schemas"
TEXTS = {
    "d1": "IL-6 stimulates hepcidin. Low iron levels impair erythropoiesis. Osteoporosis does not cause anemia.",
    "d2": "Hepcidin is induced by IL-6. Iron deficiency impairs collagen synthesis.",
}


@pytest.fixture(scope="module")
def kb(nlp, tmp_path_factory):
    base = tmp_path_factory.mktemp("kb")
    for doc_id, text in TEXTS.items():
        (base / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    extract([base], base / "out", nlp=nlp, progress=False)
    export(base / "out")
    return base / "out"


def rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_sparql_answers_questions(kb):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(kb / "triples.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    prefixes = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                  PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                  PREFIX biolink: <https://w3id.org/biolink/vocab/> PREFIX oh: <https://w3id.org/osteoheme/>"""

    def ask(query):
        return sorted(tuple(str(v.value) for v in solution) for solution in store.query(prefixes + query))

    # What increases hepcidin?
    assert ask("""SELECT ?name WHERE { ?st rdf:object ?o ; rdf:subject ?s ; biolink:negated false ;
                  biolink:object_direction_qualifier "increased" . ?o rdfs:label "hepcidin" . ?s rdfs:label ?name }""") \
        == [("interleukin-6",)]
    # What does a decreased level of iron affect?
    assert ask("""SELECT DISTINCT ?name WHERE { ?st rdf:subject ?s ; rdf:object ?o ; oh:evidence ?ev .
                  ?ev oh:subjectState "Decreased" . ?s rdfs:label "iron" . ?o rdfs:label ?name }""") \
        == [("collagen synthesis",), ("erythropoiesis",)]
    # Which statements are negated, and is any of them asserted as a plain fact?
    negated = ask("""SELECT ?s ?p ?o WHERE { ?st biolink:negated true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }""")
    assert len(negated) == 1 and negated[0][1].endswith("causes")
    assert ask("""SELECT ?s WHERE { ?st biolink:negated true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
                  ?s ?p ?o }""") == []  # "osteoporosis does not cause anemia" is not a fact here
    # Which documents support "IL-6 increases hepcidin"?
    assert ask("""SELECT ?doc WHERE { ?st rdf:subject ?s ; rdf:object ?o ; biolink:publications ?doc ;
                  oh:relation "INCREASES" . ?s rdfs:label "interleukin-6" . ?o rdfs:label "hepcidin" }""") \
        == [("https://w3id.org/osteoheme/document/d1",), ("https://w3id.org/osteoheme/document/d2",)]


def test_export_turtle_round_trip_is_isomorphic(kb):
    from rdflib import Graph
    from rdflib.compare import isomorphic
    parsed = Graph().parse(kb / "triples.ttl", format="turtle")
    fresh = build_graph(rows(kb / "entities.jsonl"), rows(kb / "triples.jsonl"))
    assert isomorphic(parsed, fresh)
    nt = Graph().parse(kb / "triples.nt", format="nt")
    assert isomorphic(nt, fresh)


@pytest.mark.parametrize("where", ["kb", "shipped"])
def test_export_duckdb_reproduces_aggregated_counts(kb, where):
    duckdb = pytest.importorskip("duckdb")
    out = kb if where == "kb" else ROOT / "outputs"
    con = duckdb.connect()
    counted = con.execute(f"""SELECT edge_id, count(*) AS n FROM read_parquet('{out / "triples.parquet"}')
                              GROUP BY ALL ORDER BY ALL""").fetchall()
    edges = con.execute(f"""SELECT id, evidence_count FROM read_parquet('{out / "edges.parquet"}')
                            ORDER BY ALL""").fetchall()
    assert counted == edges
    n_entities = con.execute(f"SELECT count(*) FROM read_parquet('{out / 'entities.parquet'}')").fetchone()[0]
    assert n_entities == len(rows(out / "entities.jsonl"))
    if where == "kb":
        il6 = con.execute(f"""SELECT evidence_count FROM read_parquet('{out / "edges.parquet"}')
                               WHERE predicate = 'INCREASES' AND object = 'MESH:D064451'""").fetchall()
        assert il6 == [(2,)]  # IL-6 → hepcidin, from d1 and d2


def test_export_shipped_graph_asserts_only_what_some_evidence_states_plainly():
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF
    bl = Namespace("https://w3id.org/biolink/vocab/")
    g = Graph().parse(ROOT / "outputs" / "triples.ttl", format="turtle")
    oh = Namespace("https://w3id.org/osteoheme/")
    support = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        spo = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        directed = str(g.value(st, oh.relation)) in ("INCREASES", "DECREASES")  # the direction is the predicate's
        plain = (not g.value(st, bl.negated).toPython() and str(g.value(st, oh.certainty)) == "asserted"
                 and g.value(st, bl.subject_direction_qualifier) is None
                 and (directed or g.value(st, bl.object_direction_qualifier) is None))
        support.setdefault(spo, set()).add(plain)
    assert any(False in flags for flags in support.values())  # the shipped graph has statements kept off
    for spo, flags in support.items():
        # a plain triple iff some evidence states it undenied, asserted, about the bare subject
        assert (spo in g) == (True in flags), spo


def test_export_anaphor_provenance_and_unsafe_ids(nlp, tmp_path):
    from rdflib import Graph
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "my paper|1#x.txt").write_text(
        "Interleukin-6 (IL-6) and TNF-α rise. These molecules activate osteoclasts.", encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out", nlp=nlp, progress=False)
    export(tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "triples.ttl", format="turtle")
    assert any("my%20paper%7C1%23x" in str(o) for o in g.objects())
    anaphors = {str(o) for s, p, o in g if str(p).endswith("subjectAnaphorText")}
    assert anaphors == {"molecules"}
    edges = (tmp_path / "out" / "edges.tsv").read_text(encoding="utf-8").splitlines()
    header = edges[0].split("\t")
    for line in edges[1:]:
        assert "|" not in dict(zip(header, line.split("\t")))["publications"]


def test_export_local_ids_keep_greek_letters_apart():
    from osteoheme.kb.vocab import concept_curie
    a = concept_curie(None, "EFFECT", "proliferation of γδ t cells")
    b = concept_curie(None, "EFFECT", "proliferation of αβ t cells")
    assert a != b and a.startswith("osteoheme:effect_proliferation-of-gammadelta-t-cells-")


def test_export_aggregation_keeps_every_provenance_record(kb):
    triples = rows(kb / "triples.jsonl")
    edges = aggregate(triples)
    assert sum(e["evidence_count"] for e in edges) == len(triples)
    assert all(len(e["evidence"]) == e["evidence_count"] for e in edges)


@pytest.fixture(scope="module")
def toolkit():
    bmt = pytest.importorskip("bmt")
    schema = files("biolink_model") / "schema" / "biolink_model.yaml"
    return bmt.Toolkit(schema=str(schema), predicate_map=io.StringIO("predicate mappings: []"))


def test_export_biolink_terms_exist_in_the_model(toolkit, kb):
    view = toolkit.view
    for category in CATEGORIES.values():
        assert toolkit.is_category(category), category
    directions = set(view.get_enum("DirectionQualifierEnum").permissible_values)
    aspects = set(view.get_enum("GeneOrGeneProductOrChemicalEntityAspectEnum").permissible_values)
    for relation in ("INCREASES", "DECREASES", "CAUSES", "PREDISPOSES", "PREVENTS", "REGULATES", "REQUIRED_FOR",
                     "PRODUCES", "ASSOCIATED_WITH"):
        for subject, obj in (("NUTRIENT", "CYTOKINE"), ("DISEASE", "EFFECT"), ("CELL", "DISEASE")):
            m = biolink_edge(relation, subject, obj)
            assert toolkit.is_predicate(m["predicate"]), m["predicate"]
            if m["qualified_predicate"]:
                assert toolkit.is_predicate(m["qualified_predicate"])
                assert m["object_direction_qualifier"] in directions
            if m["object_aspect_qualifier"]:
                assert m["object_aspect_qualifier"] in aspects
    edges = (kb / "edges.tsv").read_text(encoding="utf-8").splitlines()
    header = edges[0].split("\t")
    for slot in ("subject", "predicate", "object", "qualified_predicate", "object_aspect_qualifier",
                 "object_direction_qualifier", "negated", "knowledge_level", "agent_type", "publications",
                 "primary_knowledge_source"):
        assert slot in header and toolkit.get_element(slot.replace("_", " ")) is not None, slot
    levels = set(view.get_enum("KnowledgeLevelEnum").permissible_values)
    agents = set(view.get_enum("AgentTypeEnum").permissible_values)
    for line in edges[1:]:
        row = dict(zip(header, line.split("\t")))
        assert row["knowledge_level"] in levels and row["agent_type"] in agents


def test_export_shipped_edges_fit_biolink_domain_and_range(toolkit):
    import csv
    with (ROOT / "outputs" / "nodes.tsv").open(encoding="utf-8") as f:
        category = {r["id"]: r["category"] for r in csv.DictReader(f, delimiter="\t")}
    with (ROOT / "outputs" / "edges.tsv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f, delimiter="\t"))
    assert edges
    for edge in edges:
        element = toolkit.get_element(edge["predicate"].split(":")[1].replace("_", " "))
        for side, constraint in (("subject", element.domain), ("object", element.range)):
            if constraint:
                allowed = "biolink:" + "".join(w.capitalize() for w in constraint.split())
                ancestors = toolkit.get_ancestors(category[edge[side]], reflexive=True, mixin=True, formatted=True)
                assert allowed in ancestors, (edge["id"], side, constraint, category[edge[side]])


def test_export_ro_equivalents_are_biolink_mappings_or_regulation(toolkit):
    for relation, ro in RO.items():
        predicate = biolink_edge(relation, "NUTRIENT", "EFFECT")["predicate"].split(":")[1].replace("_", " ")
        element = toolkit.get_element(predicate)
        mapped = set(element.exact_mappings or []) | set(element.narrow_mappings or [])
        assert ro in mapped or relation in ("INCREASES", "DECREASES"), (relation, ro)


@pytest.mark.parametrize("name", ["entities", "triples"])
def test_export_jsonl_matches_json_schema(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for row in rows(ROOT / "outputs" / f"{name}.jsonl"):
        validator.validate(row)
    bad = rows(ROOT / "outputs" / f"{name}.jsonl")[0]
    if name == "entities":
        bad["label"] = "GENE"
    else:
        bad["predicate"] = "INHIBITS"
    assert not validator.is_valid(bad)


def test_export_extract_format_option(tmp_path):
    from typer.testing import CliRunner
    from osteoheme.cli import app
    (tmp_path / "a.txt").write_text("IL-6 stimulates hepcidin.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "-q",
                                      "--format", "kgx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "edges.tsv").exists() and not (tmp_path / "o" / "triples.ttl").exists()
    bad = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "p"), "--format", "owl"])
    assert bad.exit_code == 2 and "unknown format" in bad.output


@pytest.mark.parametrize("control", ["\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x0b"])
def test_export_ntriples_survive_control_characters_in_text(nlp, tmp_path, control):
    """Characters that str.splitlines() treats as line breaks (pdftotext's form feed, Unicode separators)
    stay inside their N-Triples literal, and rdflib reads the file back."""
    from rdflib import Graph
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d.txt").write_text(f"Hepcidin blocks{control} iron absorption.", encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out", nlp=nlp, progress=False)
    export(tmp_path / "out", formats=["rdf"])
    nt = Graph().parse(tmp_path / "out" / "triples.nt", format="nt")
    ttl = Graph().parse(tmp_path / "out" / "triples.ttl", format="turtle")
    assert len(nt) == len(ttl) > 0
    assert any(control in str(o) for o in nt.objects())


def test_export_min_confidence_leaves_out_weaker_triples(nlp, tmp_path):
    from typer.testing import CliRunner
    from osteoheme.cli import app
    extract([ROOT / "corpus" / "bone-blood-crosstalk.txt"], tmp_path / "out", nlp=nlp, progress=False)
    confidences = sorted({t["confidence"] for t in rows(tmp_path / "out" / "triples.jsonl")})
    cut = confidences[len(confidences) // 2]
    kept = [t for t in rows(tmp_path / "out" / "triples.jsonl") if t["confidence"] >= cut]
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--out", str(tmp_path / "kb"), "-f", "parquet",
                                      "--min-confidence", str(cut)])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / "kb" / "triples.parquet").num_rows == len(kept) > 0
    bad = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--min-confidence", "1.5"])
    assert bad.exit_code == 2 and "--min-confidence 1.5 is not allowed" in bad.output


@pytest.fixture(scope="module")
def stated(nlp, tmp_path_factory):
    """Deficiency and excess sentences, extracted and exported in every format, with the review site."""
    from osteoheme.review.site import build_site
    tmp = tmp_path_factory.mktemp("stated")
    (tmp / "in").mkdir()
    for name, text in (("deficiency", "Estrogen deficiency increases bone resorption and leads to osteoporosis."),
                       ("low", "Iron deficiency decreases osteoblasts."), ("high", "Excess iron decreases osteoblasts."),
                       ("plain", "Iron decreases osteoblasts.")):
        (tmp / "in" / f"{name}.txt").write_text(text, encoding="utf-8")
    extract([tmp / "in"], tmp / "out", nlp=nlp, progress=False)
    export(tmp / "out")
    build_site(tmp / "out", tmp / "site")
    return tmp


def test_export_subject_state_is_on_the_edge_in_kgx_and_parquet(stated):
    import pyarrow.parquet as pq
    import csv
    with (stated / "out" / "edges.tsv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f, delimiter="\t"))
    estrogen = [e for e in edges if "bone" not in e["subject"] and e["osteoheme_predicate"] == "INCREASES"]
    assert len(estrogen) == 1 and estrogen[0]["subject_direction_qualifier"] == "decreased"
    assert estrogen[0]["subject_aspect_qualifier"] == "activity_or_abundance"
    iron = [e for e in edges if e["osteoheme_predicate"] == "DECREASES"]
    # deficiency, excess and the plain statement: three edges, never merged
    assert sorted(e["subject_direction_qualifier"] for e in iron) == ["", "decreased", "increased"]
    table = pq.read_table(stated / "out" / "edges.parquet").to_pylist()
    assert sorted(str(e["subject_state"]) for e in table if e["predicate"] == "DECREASES") == \
        ["Decreased", "Increased", "None"]


def test_export_sparql_never_reads_a_deficiency_as_the_concept(stated):
    from pyoxigraph import Store
    store = Store()
    store.load(path=str(stated / "out" / "triples.nt"), format=__import__("pyoxigraph").RdfFormat.N_TRIPLES)
    prefixes = ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                "PREFIX biolink: <https://w3id.org/biolink/vocab/> ")
    plain = [str(r["what"].value) for r in store.query(
        prefixes + 'SELECT ?what WHERE { ?s biolink:affects ?o . ?o rdfs:label "bone resorption" . '
                   '?s rdfs:label ?what }')]
    assert plain == []
    causes = [str(r["what"].value) for r in store.query(
        prefixes + 'SELECT ?what WHERE { ?s biolink:causes ?o . ?o rdfs:label "osteoporosis" . ?s rdfs:label ?what }')]
    assert causes == []
    # What increases bone resorption, asked of the statements as the README shows: the deficiency is there,
    # with its qualifier, and a query that leaves subjects with a direction out does not return estrogen.
    query = (prefixes + 'SELECT ?what ?dir WHERE { ?st rdf:subject ?s ; rdf:object ?o ; biolink:negated false ; '
             'biolink:object_direction_qualifier "increased" . ?o rdfs:label "bone resorption" . ?s rdfs:label ?what . '
             'OPTIONAL { ?st biolink:subject_direction_qualifier ?dir } }')
    rows = [(str(r["what"].value), r["dir"].value if r["dir"] else None) for r in store.query(query)]
    assert len(rows) == 1 and rows[0][1] == "decreased"
    iron_plain = [str(r["what"].value) for r in store.query(
        prefixes + 'SELECT ?what WHERE { ?s biolink:affects ?o . ?o rdfs:label "osteoblast" . ?s rdfs:label ?what }')]
    assert iron_plain == ["iron"]  # only from "Iron decreases osteoblasts."


def test_site_shows_state_in_the_triples_tables(stated):
    index = (stated / "site" / "index.html").read_text(encoding="utf-8")
    assert "↓ estrogen" in index.lower() or "↓ estrogens" in index.lower()
    assert "↑ iron" in index and "↓ iron" in index


def test_export_symmetric_statements_are_one_edge_and_object_state_keeps_the_plain_triple_off(nlp, tmp_path):
    from rdflib import Graph
    (tmp_path / "in").mkdir()
    for name, text in (("a", "Anemia is associated with low vitamin D levels."),
                       ("b", "Low vitamin D is associated with anemia."), ("c", "Anemia is associated with osteoporosis."),
                       ("d", "Osteoporosis is associated with anemia.")):
        (tmp_path / "in" / f"{name}.txt").write_text(text, encoding="utf-8")
    extract([tmp_path / "in"], tmp_path / "out", nlp=nlp, progress=False)
    export(tmp_path / "out")
    import pyarrow.parquet as pq
    edges = pq.read_table(tmp_path / "out" / "edges.parquet").to_pylist()
    assert sorted((e["evidence_count"], e["object_state"] or e["subject_state"] or "") for e in edges) == \
        [(2, ""), (2, "Decreased")]
    g = Graph().parse(tmp_path / "out" / "triples.nt", format="nt")
    labels = {str(o) for s, p, o in g if str(p).endswith("#label")}
    plain = [(s, o) for s, p, o in g if str(p) == "https://w3id.org/biolink/vocab/associated_with"]
    assert len(plain) == 1 and "vitamin D" in labels  # anemia–osteoporosis only; the low-vitamin-D edge is not plain
