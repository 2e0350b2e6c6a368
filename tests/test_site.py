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
    charts = [a for tag, a in index.tags if tag == "img" and a.get("class") in ("chart", "graph")]
    assert charts and all(a["src"].startswith("data:image/png;base64,") for a in charts)


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
