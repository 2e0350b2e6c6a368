"""The review site, checked with an HTML parser on the shipped outputs."""

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from osteoheme.review.site import _slug, build_site

ROOT = Path(__file__).parent.parent


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Collect:
    c = Collect()
    c.feed(path.read_text(encoding="utf-8"))
    return c


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    info = build_site(ROOT / "outputs", out, ROOT / "annotations")
    return out, info


def rows(name):
    return [json.loads(x) for x in (ROOT / "outputs" / name).read_text(encoding="utf-8").splitlines()]


def test_site_one_page_per_document_linked_from_index(site):
    out, info = site
    docs = [r["doc_id"] for r in rows("texts.jsonl")]
    assert info["documents"] == len(docs)
    index = parse(out / "index.html")
    links = [a["href"] for tag, a in index.tags if tag == "a" and a.get("class") == "doc"]
    assert len(links) == len(docs) and all((out / link).exists() for link in links)
    charts = [a for tag, a in index.tags if tag == "img" and a.get("class") == "chart"]
    assert charts and all(a["src"].startswith("data:image/png;base64,") for a in charts)
    graphs = [a for tag, a in index.tags if tag == "img" and a.get("class") == "graph"]
    assert len(graphs) == 1 and graphs[0]["src"].startswith("data:image/svg+xml;base64,")


def test_site_every_entity_and_triple_is_shown(site):
    out, _ = site
    entities, triples = rows("entities.jsonl"), rows("triples.jsonl")
    for doc_id in {r["doc_id"] for r in rows("texts.jsonl")}:
        page = parse(out / f"doc-{_slug(doc_id)}.html")
        marks = [a for tag, a in page.tags if tag == "mark"]
        assert len(marks) == sum(e["doc_id"] == doc_id for e in entities)
        assert all(a.get("title") for a in marks)  # concept name and State on hover
        shown = sum(1 for tag, a in page.tags if tag == "tr" and a.get("class") == "triple")
        assert shown == sum(t["doc_id"] == doc_id for t in triples)


def test_site_marks_gold_differences(site):
    out, _ = site
    evaluation = json.loads((ROOT / "outputs" / "evaluation.json").read_text(encoding="utf-8"))
    expected = (len(evaluation["entities"]["errors"]["false_negatives"])
                + len(evaluation["relations"]["errors"]["false_negatives"]))
    marked = sum(1 for p in out.glob("doc-*.html") for tag, a in parse(p).tags
                 if tag == "tr" and a.get("class") == "fn")
    assert marked == expected > 0


def test_site_pages_never_collide_and_markup_in_outputs_is_escaped(nlp, tmp_path):
    from osteoheme.batch import extract
    ids = ["a/b", "a_b", "a?b", "IL-6α", "IL-6β", "x" * 300]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": i, "text": "Hepcidin blocks iron absorption."}) + "\n"
                                               for i in ids), encoding="utf-8")
    extract([tmp_path / "in.jsonl"], tmp_path / "out", nlp=nlp, progress=False)
    path = tmp_path / "out" / "entities.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["label"], rows[0]["concept_id"] = "<script>alert(1)</script>", "MESH:<img src=x onerror=alert(2)>"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    del summary["files"]  # edited on purpose: the consistency check is waived as its message says
    (tmp_path / "out" / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    info = build_site(tmp_path / "out", tmp_path / "site")
    assert info["documents"] == len(ids) == len(set(info["pages"])) - 1
    assert all(len(p) < 100 for p in info["pages"])
    for page in info["pages"]:
        html_text = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html_text and "<img src=x" not in html_text


def test_site_pages_the_triples_and_documents_and_states_the_graph_limit(tmp_path, monkeypatch):
    from osteoheme.kb.aggregate import aggregate
    from osteoheme.review import site as site_module
    monkeypatch.setattr(site_module, "EDGES_PER_PAGE", 40)
    monkeypatch.setattr(site_module, "DOCS_PER_PAGE", 10)
    monkeypatch.setattr(site_module, "CORPUS_GRAPH_EDGES", 30)
    monkeypatch.setattr(site_module, "EVIDENCE_LINKS", 2)
    info = build_site(ROOT / "outputs", tmp_path)
    docs, triples = rows("texts.jsonl"), rows("triples.jsonl")
    edges = aggregate(triples)
    triple_pages = ["index.html"] + sorted((p.name for p in tmp_path.glob("triples-*.html")),
                                           key=lambda n: int(n[8:-5]))
    doc_pages = ["index.html"] + sorted((p.name for p in tmp_path.glob("documents-*.html")),
                                        key=lambda n: int(n[10:-5]))
    assert len(triple_pages) == -(-len(edges) // 40) and len(doc_pages) == -(-len(docs) // 10)
    assert set(info["pages"]) >= set(triple_pages) | set(doc_pages)
    index = parse(tmp_path / "index.html")
    pager = [a["href"].split("#")[0] for tag, a in index.tags if tag == "a" and a.get("class") == "page"]
    assert set(pager) == set(triple_pages[1:]) | set(doc_pages[1:])
    # every relation once, best attested first, at most two sentence links each and its count beside them
    counts, links = [], 0
    for name in triple_pages:
        page = parse(tmp_path / name)
        page_counts = [int(a["data-evidence"]) for tag, a in page.tags if tag == "tr" and a.get("class") == "edge"]
        assert len(page_counts) <= 40
        counts += page_counts
        links += sum(1 for tag, a in page.tags if tag == "a" and a.get("class") == "evidence")
    assert counts == sorted((e["evidence_count"] for e in edges), reverse=True)
    assert sum(counts) == len(triples) and links == sum(min(n, 2) for n in counts)
    linked = [a["href"] for name in doc_pages for tag, a in parse(tmp_path / name).tags
              if tag == "a" and a.get("class") == "doc"]
    assert sorted(linked) == sorted(f"doc-{_slug(d['doc_id'])}.html" for d in docs)
    limit = "".join(index.text)
    assert f"The graph shows the 30 best-attested of {len(edges)} relations" in limit


def test_site_reads_documents_whose_rows_are_not_together(tmp_path):
    """Rows of one document need not be consecutive: each document's page still shows all of them."""
    from osteoheme.io.jsonl import index_by_doc, read_runs
    path = tmp_path / "rows.jsonl"
    rows_ = [{"doc_id": d, "n": k} for k, d in enumerate("aabab")]
    path.write_text("\n".join(json.dumps(r) for r in rows_[:3]) + "\n\n" + "\n".join(json.dumps(r) for r in rows_[3:])
                    + "\n", encoding="utf-8")
    where = index_by_doc(path)
    assert [len(where[d]) for d in "ab"] == [2, 2]
    with path.open("rb") as f:
        assert [r["n"] for r in read_runs(f, where["a"])] == [0, 1, 3]
        assert [r["n"] for r in read_runs(f, where["b"])] == [2, 4]
