"""Every reader on small files the tests write; offsets index the text written to texts.jsonl."""

import gzip
import json

import pytest

from osteoheme.batch import extract
from osteoheme.io.readers import guess_reader, iter_documents

PUBMED = """<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedArticle><MedlineCitation><PMID Version="1">111</PMID><Article>
<ArticleTitle>Hepcidin and anemia.</ArticleTitle>
<Abstract><AbstractText Label="BACKGROUND">IL-6 stimulates hepcidin.</AbstractText>
<AbstractText Label="RESULTS">Hepcidin blocks iron absorption.</AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle>
<PubmedArticle><MedlineCitation><PMID Version="1">222</PMID><Article>
<ArticleTitle>Vitamin D and bone.</ArticleTitle>
<Abstract><AbstractText>Vitamin D regulates calcium absorption.</AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle>
</PubmedArticleSet>
"""
BIOC_XML = """<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE collection SYSTEM 'BioC.dtd'>
<collection><source>test</source><date>2026</date><key>k</key>
<document><id>b1</id>
<passage><infon key="type">title</infon><offset>0</offset><text>Iron and bone.</text></passage>
<passage><infon key="type">abstract</infon><offset>15</offset><text>Iron deficiency impairs collagen synthesis.</text></passage>
</document></collection>
"""
PUBTATOR = "333|t|Estrogen and bone\n333|a|Estrogen deficiency increases bone resorption.\n\n"


def docs(paths, **kw):
    errors = []
    return [(d.doc_id, d.text) for d in iter_documents(paths, errors, **kw)], errors


def test_readers_pubmed_gz_title_and_labelled_abstract(tmp_path):
    path = tmp_path / "baseline.xml.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(PUBMED)
    found, errors = docs([path])
    assert errors == []
    assert found == [("111", "Hepcidin and anemia.\nBACKGROUND: IL-6 stimulates hepcidin. "
                             "RESULTS: Hepcidin blocks iron absorption."),
                     ("222", "Vitamin D and bone.\nVitamin D regulates calcium absorption.")]


def test_readers_pubmed_truncated_file_keeps_earlier_documents(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(PUBMED[:PUBMED.index("<PubmedArticle>", 100)] + "<PubmedArticle><Medline", encoding="utf-8")
    found, errors = docs([path])
    assert [d for d, _ in found] == ["111"]
    assert "not readable PubMed XML" in errors[0][1]


@pytest.mark.parametrize("lines,id_field,text_field,expected,n_errors", [
    ([{"id": "a", "text": "IL-6 rises."}, {"id": "b", "text": "Iron falls."}], "id", "text", ["a", "b"], 0),
    ([{"pmid": 1, "abstract": "IL-6 rises."}], "pmid", "abstract", ["1"], 0),
    ([{"id": "a"}, {"id": "b", "text": ""}, {"id": "c", "text": "ok"}], "id", "text", ["c"], 2),
])
def test_readers_jsonl_fields(tmp_path, lines, id_field, text_field, expected, n_errors):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    found, errors = docs([path], id_field=id_field, text_field=text_field)
    assert [d for d, _ in found] == expected
    assert len(errors) == n_errors + 1  # plus the "not json" line


def test_readers_bioc_xml_json_and_pubtator(tmp_path):
    import bioc
    from bioc import biocjson, biocxml
    (tmp_path / "c.xml").write_text(BIOC_XML, encoding="utf-8")
    collection = biocxml.loads(BIOC_XML)
    (tmp_path / "c.jsonl").write_text(biocjson.dumps(collection.documents[0]) + "\n", encoding="utf-8")
    (tmp_path / "p.pubtator").write_text(PUBTATOR, encoding="utf-8")
    assert guess_reader(tmp_path / "c.xml") == "bioc-xml"
    expected = ("b1", "Iron and bone.\nIron deficiency impairs collagen synthesis.")
    assert docs([tmp_path / "c.xml"])[0] == [expected]
    assert docs([tmp_path / "c.jsonl"], reader="bioc-json")[0] == [expected]
    assert docs([tmp_path / "p.pubtator"])[0] == [("333", "Estrogen and bone Estrogen deficiency increases bone resorption.")]


def test_readers_glob_and_offsets_index_texts(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("IL-6 stimulates hepcidin.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Hepcidin blocks iron absorption.", encoding="utf-8")
    (tmp_path / "p.xml").write_text(PUBMED, encoding="utf-8")
    summary = extract([str(tmp_path / "*.txt"), tmp_path / "p.xml"], tmp_path / "o", nlp=nlp, progress=False)
    assert [d["doc_id"] for d in summary["per_document"]] == ["a", "b", "111", "222"]
    texts = {r["doc_id"]: r["text"] for r in map(json.loads, (tmp_path / "o" / "texts.jsonl").read_text().splitlines())}
    for line in (tmp_path / "o" / "entities.jsonl").read_text().splitlines():
        e = json.loads(line)
        assert texts[e["doc_id"]][e["start"]:e["end"]] == e["text"]
    triples = [json.loads(x) for x in (tmp_path / "o" / "triples.jsonl").read_text().splitlines()]
    assert ("IL-6", "INCREASES", "hepcidin") in {(t["subject"]["text"], t["predicate"], t["object"]["text"]) for t in triples
                                                 if t["doc_id"] == "111"}


def test_readers_duplicate_ids_across_files_are_reported(nlp, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "same.txt").write_text("IL-6 rises.", encoding="utf-8")
    (tmp_path / "y" / "same.txt").write_text("Iron falls.", encoding="utf-8")
    summary = extract([tmp_path / "x", tmp_path / "y"], tmp_path / "o", nlp=nlp, progress=False)
    assert summary["documents"] == 1 and "was already used by" in summary["errors"][0]["error"]


def test_readers_damaged_files_keep_earlier_documents(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "IL-6 rises."}\n{"id": 1, "text": "ok"}\n'
                     b'{"id": null, "text": "x"}\n{"id": "b", "text": "caf\xe9"}\n')
    found, errors = docs([path])
    assert [d for d, _ in found] == ["a", "1"]  # BOM ignored; null id and the latin-1 line reported
    assert any("must be a non-empty string or an integer" in e for _, e in errors)
    assert any("not valid UTF-8" in e and "docs.jsonl:4" in e for _, e in errors)
    broken = tmp_path / "broken.xml.gz"
    broken.write_bytes(gzip.compress(PUBMED.encode())[:200])
    found, errors = docs([broken])
    assert errors and "PubMed" in errors[0][1]


@pytest.mark.parametrize("kind", ["pubmed", "bioc-xml"])
def test_readers_xml_never_expands_external_entities(tmp_path, monkeypatch, kind):
    """XXE: a file that declares an external entity must not put a local file's content into the text. lxml 5
    stopped resolving entities by default; lxml 4's defaults are put back here, so only the readers' own
    settings protect them."""
    from lxml import etree
    real_iterparse, real_parser = etree.iterparse, etree.XMLParser

    def lxml4_iterparse(*args, **kwargs):
        kwargs.setdefault("resolve_entities", True)
        kwargs.setdefault("load_dtd", True)
        return real_iterparse(*args, **kwargs)

    def lxml4_parser(*args, **kwargs):
        kwargs.setdefault("resolve_entities", True)
        kwargs.setdefault("load_dtd", True)
        return real_parser(*args, **kwargs)

    monkeypatch.setattr(etree, "iterparse", lxml4_iterparse)
    monkeypatch.setattr(etree, "XMLParser", lxml4_parser)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    if kind == "pubmed":
        xml = PUBMED.replace('<?xml version="1.0"?>', f'<?xml version="1.0"?>\n{doctype.replace("x [", "PubmedArticleSet [")}')
        xml = xml.replace("Hepcidin and anemia.", "Hepcidin and anemia &xxe;.")
    else:
        xml = BIOC_XML.replace("<!DOCTYPE collection SYSTEM 'BioC.dtd'>", doctype.replace("x [", "collection ["))
        xml = xml.replace("Iron and bone.", "Iron and bone &xxe;.")
    (tmp_path / "x.xml").write_text(xml, encoding="utf-8")
    found, errors = docs([tmp_path / "x.xml"], reader=kind)
    assert not any("TOP-SECRET" in text for _, text in found)
    assert not any("TOP-SECRET" in message for _, message in errors)
    # the same parser settings, without the readers' own, do leak: the test can fail
    leaked = etree.fromstring(xml.encode("utf-8").split(b"?>", 1)[1].strip(), etree.XMLParser())
    assert "TOP-SECRET" in "".join(leaked.itertext())


def test_readers_jsonl_line_longer_than_the_limit_is_skipped_not_held(tmp_path, monkeypatch):
    import osteoheme.io.readers as readers
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    rows = [{"id": "a", "text": "Hepcidin."}, {"id": "huge", "text": "x" * 5000}, {"id": "b", "text": "Iron."}]
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))
    found, errors = docs([tmp_path / "d.jsonl.gz"])
    assert [d for d, _ in found] == ["a", "b"]
    assert len(errors) == 1 and "d.jsonl.gz:2: a line longer than 1,000 bytes was skipped" in errors[0][1]


def test_readers_millions_of_bad_lines_are_counted_not_all_listed(nlp, tmp_path):
    with gzip.open(tmp_path / "bad.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("{not json\n" * 200_000 + json.dumps({"id": "ok", "text": "Hepcidin blocks iron."}) + "\n")
    summary = extract([tmp_path / "bad.jsonl.gz"], tmp_path / "out", nlp=nlp, progress=False)
    assert summary["failed"] == 200_000 and summary["documents"] == 1
    assert len(summary["errors"]) <= 101 and "more in errors.jsonl" in summary["errors"][-1]["error"]
    lines = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 10_001 and "more errors, not listed" in lines[-1]


def test_readers_bioc_one_bad_record_costs_only_itself(tmp_path):
    from bioc import biocjson, biocxml
    good = biocxml.loads(BIOC_XML).documents[0]
    docs_xml = "".join(f"<document><id>{i}</id><passage><offset>0</offset><text>{text}</text></passage></document>"
                       for i, text in (("g1", "Iron and bone."), ("bad", "Broken <b> text"), ("g2", "IL-6 and TNF.")))
    (tmp_path / "c.xml").write_text(f"<?xml version='1.0'?><collection><source>s</source><date>d</date><key>k</key>"
                                    f"{docs_xml}</collection>", encoding="utf-8")
    found, errors = docs([tmp_path / "c.xml"], reader="bioc-xml")
    assert [d for d, _ in found] == ["g1", "g2"] and len(errors) == 1
    line = biocjson.dumps(good)
    (tmp_path / "c.jsonl").write_text(line + "\n{not json\n" + line.replace('"b1"', '"b2"') + "\n", encoding="utf-8")
    found, errors = docs([tmp_path / "c.jsonl"], reader="bioc-json")
    assert [d for d, _ in found] == ["b1", "b2"] and len(errors) == 1 and ":2:" in errors[0][1]
