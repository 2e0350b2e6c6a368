from pathlib import Path

import pytest

from osteoheme.evaluation.brat import check_brat, read_brat, read_brat_dir
from osteoheme.errors import OsteohemeError

ANNOTATIONS = Path(__file__).parent.parent / "annotations"
CORPUS = Path(__file__).parent.parent / "corpus"
TEXT = "IL-6 raises hepcidin."


def write(tmp_path, ann, text=TEXT):
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "d.ann").write_text(ann, encoding="utf-8")
    return tmp_path / "d.ann"


def test_brat_reads_entities_relations_state(tmp_path):
    doc = read_brat(write(tmp_path, "T1\tCYTOKINE 0 4\tIL-6\nT2\tHORMONE 12 20\thepcidin\n"
                                    "R1\tINCREASES Arg1:T1 Arg2:T2\t\nA1\tState T2 Increased\n"))
    assert doc.entities["T2"].state == "Increased"
    assert [(r.predicate, r.negated) for r in doc.facts] == [("INCREASES", False)]


@pytest.mark.parametrize("attribute,certainty", [("", "asserted"), ("A2\tCertainty R1 hedged\n", "hedged"),
                                                 ("A2\tCertainty R1 hypothesis\n", "hypothesis")])
def test_brat_reads_certainty_of_relations(tmp_path, attribute, certainty):
    doc = read_brat(write(tmp_path, "T1\tDRUG 0 4\tIL-6\nT2\tPROTEIN 12 20\thepcidin\n"
                                    "R1\tDECREASES Arg1:T1 Arg2:T2\n" + attribute))
    assert [(r.predicate, r.certainty) for r in doc.facts] == [("DECREASES", certainty)]


@pytest.mark.parametrize("ann,problem", [
    ("T1\tCYTOKINE 0 40\tIL-6\n", "outside the text"),
    ("T1\tCYTOKINE 0 4\tIL-7\n", "is 'IL-6' in the text"),
    ("T1\tGENE 0 4\tIL-6\n", "unknown entity type"),
    ("T1\tCYTOKINE 0 4\tIL-6\nR1\tINCREASES Arg1:T1 Arg2:T9\n", "T9, which is not an entity"),
    ("T1\tCYTOKINE 0 4\tIL-6\nT2\tHORMONE 12 20\thepcidin\nR1\tPREVENTS Arg1:T1 Arg2:T2\n", "does not take"),
    ("T1\tCYTOKINE 0 4\tIL-6\nA1\tState T1 High\n", "not Decreased or Increased"),
    ("T1\tCYTOKINE 0 4\tIL-6\nT2\tCYTOKINE 0 2\tIL\n", "overlaps"),
    ("T1\tCYTOKINE 0;2 4\tIL-6\n", "discontinuous"),
    ("T1\tCYTOKINE 0 4\tIL-6\nT2\tHORMONE 12 20\thepcidin\nR1\tINCREASES Arg1:T1 Arg2:T2\nA1\tCertainty R1 maybe\n",
     "Certainty value 'maybe'"),
    ("T1\tCYTOKINE 0 4\tIL-6\nA1\tCertainty T1 hedged\n", "not a relation of this file"),
])
def test_brat_problems_name_file_and_line(tmp_path, ann, problem):
    path = write(tmp_path, ann)
    problems = check_brat(path)
    assert any(problem in p and str(path) in p for p in problems), problems
    with pytest.raises(OsteohemeError, match=problem):
        read_brat(path)


def test_brat_missing_text_file(tmp_path):
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    with pytest.raises(OsteohemeError, match="no text file x.txt"):
        read_brat(tmp_path / "x.ann")


def test_brat_shipped_gold_is_valid():
    gold = read_brat_dir(ANNOTATIONS)
    assert "bone-blood-crosstalk" in gold
    for ann in ANNOTATIONS.glob("*.ann"):
        assert check_brat(ann) == []


def test_brat_gold_text_matches_corpus():
    for txt in ANNOTATIONS.glob("*.txt"):
        assert txt.read_bytes() == (CORPUS / txt.name).read_bytes()


def test_brat_config_declares_the_schema():
    conf = (ANNOTATIONS / "annotation.conf").read_text(encoding="utf-8")
    for name in ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "DISEASE", "CELL", "ANATOMY", "Coref", "State",
                 "INCREASES", "NEG_INCREASES", "ASSOCIATED_WITH", "NEG_ASSOCIATED_WITH", "REQUIRED_FOR"):
        assert name in conf


def test_brat_manifest_describes_every_document():
    from osteoheme.io.corpus import read_manifest
    frame = read_manifest(CORPUS)  # raises on unknown splits, missing or unlisted texts
    assert (frame[["title", "origin", "license", "split"]] != "").all().all()


def test_brat_every_corpus_text_has_gold():
    from osteoheme.io.corpus import read_manifest
    assert {p.stem for p in CORPUS.glob("*.txt")} == {p.stem for p in ANNOTATIONS.glob("*.ann")}
    real = set(read_manifest(CORPUS).query("origin == 'real'")["doc_id"])
    assert real == {p.stem for p in (ANNOTATIONS / "real").glob("*.ann")}


@pytest.mark.parametrize("content,problem", [
    ("doc_id,title,origin,license,split\nd,T,o,l,holdout\n", "split 'holdout'"),
    ("doc_id,title,origin,license,split\nmissing,T,o,l,train\n", "no text missing.txt"),
    ("doc_id,title,split\nd,T,train\n", "missing column"),
])
def test_brat_manifest_problems(tmp_path, content, problem):
    from osteoheme.io.corpus import read_manifest
    (tmp_path / "d.txt").write_text("x", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(content, encoding="utf-8")
    with pytest.raises(OsteohemeError, match=problem):
        read_manifest(tmp_path)


@pytest.mark.parametrize("folder,texts,at_least", [("second-pass", "", 6), ("second-pass-source", "", 1),
                                                  ("second-pass-real", "real", 12)])
def test_brat_second_pass_is_valid_and_matches_corpus(folder, texts, at_least, needs_real_texts):
    anns = sorted((ANNOTATIONS / folder).glob("*.ann"))
    assert len(anns) >= at_least
    for ann in anns:
        assert check_brat(ann) == []
        assert ann.with_suffix(".txt").read_bytes() == (CORPUS / texts / f"{ann.stem}.txt").read_bytes()
