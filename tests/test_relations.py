"""One synthetic sentence per relation type and per construction the extractor must handle."""

import pytest

from conftest import triples_of


@pytest.mark.parametrize("text,expected", [
    # the nine relation types
    ("IL-6 stimulates hepcidin expression.", ("IL-6", "INCREASES", "hepcidin")),
    ("Erythroferrone suppresses hepcidin in the liver.", ("Erythroferrone", "DECREASES", "hepcidin")),
    ("Systemic inflammation causes anemia.", ("Systemic inflammation", "CAUSES", "anemia")),
    ("Rheumatoid arthritis is a risk factor for osteoporosis.", ("Rheumatoid arthritis", "PREDISPOSES", "osteoporosis")),
    ("Vitamin D protects against rickets.", ("Vitamin D", "PREVENTS", "rickets")),
    ("Parathyroid hormone regulates calcium.", ("Parathyroid hormone", "REGULATES", "calcium")),
    ("Copper is required for collagen synthesis.", ("Copper", "REQUIRED_FOR", "collagen synthesis")),
    ("The kidney secretes erythropoietin.", ("kidney", "PRODUCES", "erythropoietin")),
    ("Osteoporosis is associated with anemia.", ("Osteoporosis", "ASSOCIATED_WITH", "anemia")),
    # negation
    ("Osteoporosis does not cause anemia.", ("Osteoporosis", "NEG_CAUSES", "anemia")),
    ("Zinc did not alter erythropoiesis.", ("Zinc", "NEG_REGULATES", "erythropoiesis")),
    # a positive influence on a disease is CAUSES, a negative one PREVENTS
    ("Glucocorticoids promote osteoporosis.", ("Glucocorticoids", "CAUSES", "osteoporosis")),
    # passive voice
    ("Hepcidin is induced by IL-6.", ("IL-6", "INCREASES", "Hepcidin")),
    ("Erythropoiesis was suppressed by TNF-α in mice.", ("TNF-α", "DECREASES", "Erythropoiesis")),
    # nominalizations
    ("IL-6-mediated induction of hepcidin was observed.", ("IL-6", "INCREASES", "hepcidin")),
    ("We saw inhibition of osteoblasts by glucocorticoids.", ("glucocorticoids", "DECREASES", "osteoblasts")),
    # X stimulates the liver to produce Y
    ("Interleukin-1 stimulates the liver to produce hepcidin.", ("Interleukin-1", "INCREASES", "hepcidin")),
    ("Interleukin-1 stimulates the liver to produce hepcidin.", ("liver", "PRODUCES", "hepcidin")),
    # relative clauses and appositions
    ("Erythropoietin, a hormone that stimulates erythropoiesis, falls in kidney disease.",
     ("Erythropoietin", "INCREASES", "erythropoiesis")),
    ("Calcitriol, which enhances calcium absorption, is made in the kidney.",
     ("Calcitriol", "INCREASES", "calcium absorption")),
    # participle clause takes the main subject
    ("Folate deficiency impairs DNA synthesis, resulting in megaloblastic anaemia.",
     ("Folate", "CAUSES", "megaloblastic anaemia")),
    # "by" + gerund
    ("Iron supports bone health by acting as a cofactor for collagen synthesis.",
     ("Iron", "REQUIRED_FOR", "collagen synthesis")),
    # British spelling, Greek letters
    ("Tumour necrosis factor-alpha inhibits haemoglobin synthesis.",
     ("Tumour necrosis factor-alpha", "DECREASES", "haemoglobin synthesis")),
])
def test_relations_one_sentence(nlp, text, expected):
    assert expected in triples_of(nlp, text)


@pytest.mark.parametrize("text,expected", [
    # coordinated subjects and objects: one relation per pair
    ("IL-6 and TNF-α suppress erythropoiesis and bone formation.", {
        ("IL-6", "DECREASES", "erythropoiesis"), ("IL-6", "DECREASES", "bone formation"),
        ("TNF-α", "DECREASES", "erythropoiesis"), ("TNF-α", "DECREASES", "bone formation")}),
    # level nouns between coordinated subjects: each conjunct keeps the relation
    ("Vitamin B12 deficiency and folate deficiency cause megaloblastic anemia.", {
        ("Vitamin B12", "CAUSES", "megaloblastic anemia"), ("folate", "CAUSES", "megaloblastic anemia")}),
    # two predicates sharing a subject
    ("Hepcidin blocks iron absorption and impairs the release of stored iron.", {
        ("Hepcidin", "DECREASES", "iron absorption"), ("Hepcidin", "DECREASES", "release of stored iron")}),
    # "such as" examples stand for their head
    ("Cytokines such as IL-1β and IL-17 activate osteoclasts.", {
        ("IL-1β", "INCREASES", "osteoclasts"), ("IL-17", "INCREASES", "osteoclasts")}),
])
def test_relations_coordination(nlp, text, expected):
    assert expected <= triples_of(nlp, text)


def test_relations_anaphor_resolved_to_antecedents(nlp):
    doc = nlp("Interleukin-6 (IL-6) and tumor necrosis factor-alpha (TNF-alpha) rise with age. "
              "These molecules promote bone resorption.")
    found = {(t.subject.text, t.predicate, t.object.text, t.subject.anaphor["text"] if t.subject.anaphor else None)
             for t in doc._.triples}
    assert ("IL-6", "INCREASES", "bone resorption", "molecules") in found
    assert ("TNF-alpha", "INCREASES", "bone resorption", "molecules") in found


@pytest.mark.parametrize("text", [
    "Osteoporosis and anemia are common in older adults.",  # co-mention states no relation
    "Elevated hepcidin was measured in anemia of inflammation.",  # a participle used as an adjective
    "Bone marrow is the primary site of hematopoiesis.",  # location is not a relation
])
def test_relations_none_where_none_is_stated(nlp, text):
    assert triples_of(nlp, text) == set()


def test_relations_record_provenance(nlp):
    text = "Heading\nIL-6 stimulates hepcidin."
    doc = nlp(text)
    (t,) = doc._.triples
    assert text[t.sentence.start:t.sentence.end] == t.sentence.text == "IL-6 stimulates hepcidin."
    assert text[t.subject.start:t.subject.end] == "IL-6"
    assert 0 < t.confidence <= 1 and t.method.startswith("active:")


@pytest.mark.parametrize("text,expected,absent", [
    # two clauses joined by "and": the second subject is no conjunct of the first object
    ("IL-6 increases hepcidin and TNF-alpha promotes bone resorption.",
     {("IL-6", "INCREASES", "hepcidin"), ("TNF-alpha", "INCREASES", "bone resorption")},
     {("IL-6", "INCREASES", "TNF-alpha"), ("hepcidin", "INCREASES", "bone resorption")}),
    ("Osteoclasts are produced in the bone marrow, and erythropoietin increases erythropoiesis.",
     {("erythropoietin", "INCREASES", "erythropoiesis")},
     {("bone marrow", "INCREASES", "erythropoiesis")}),
])
def test_relations_clauses_are_not_conjuncts(nlp, text, expected, absent):
    found = triples_of(nlp, text)
    assert expected <= found
    assert not (absent & found)


@pytest.mark.parametrize("text,expected", [
    # exactly these triples and no others: precision, not only recall
    ("IL-6 and TNF-α, but not IL-10, suppress erythropoiesis.",
     {("IL-6", "DECREASES", "erythropoiesis"), ("TNF-α", "DECREASES", "erythropoiesis")}),
    ("Neither IL-6 nor TNF-α affected bone formation.",
     {("IL-6", "NEG_REGULATES", "bone formation"), ("TNF-α", "NEG_REGULATES", "bone formation")}),
    ("Folate deficiency does not cause osteoporosis but causes megaloblastic anemia.",
     {("Folate", "NEG_CAUSES", "osteoporosis"), ("Folate", "CAUSES", "megaloblastic anemia")}),
    ("IL-6 not only stimulates hepcidin but also inhibits erythropoiesis.",
     {("IL-6", "INCREASES", "hepcidin"), ("IL-6", "DECREASES", "erythropoiesis")}),
    ("Ferritin did not change; hepcidin was induced by IL-6.", {("IL-6", "INCREASES", "hepcidin")}),
    ("Vitamin D supplementation improves osteoporosis.", {("Vitamin D", "PREVENTS", "osteoporosis")}),
    ("Serum IL-6 increased in patients with osteoporosis.", set()),
    ("Erythropoietin, which is produced by the kidney, stimulates erythropoiesis.",
     {("Erythropoietin", "INCREASES", "erythropoiesis"), ("kidney", "PRODUCES", "Erythropoietin")}),
    ("IL-6, which is elevated in rheumatoid arthritis, stimulates hepcidin.", {("IL-6", "INCREASES", "hepcidin")}),
    ("In osteoporosis, IL-6 stimulates osteoclasts.", {("IL-6", "INCREASES", "osteoclasts")}),
    ("Hemoglobin synthesis requires iron.", {("iron", "REQUIRED_FOR", "Hemoglobin synthesis")}),
    ("Interleukin-6 (IL-6) stimulates hepcidin.", {("Interleukin-6", "INCREASES", "hepcidin")}),
    ("Hepcidin was strongly upregulated in response to IL-6.", {("IL-6", "INCREASES", "Hepcidin")}),
    ("TNF\u2010α inhibits erythropoiesis.", {("TNF\u2010α", "DECREASES", "erythropoiesis")}),
    ("Osteoporosis is associated with low vitamin D.", {("Osteoporosis", "ASSOCIATED_WITH", "vitamin D")}),
    ("Refractory anemia (RA) is rare. In RA, IL-6 causes bone loss.", {("IL-6", "CAUSES", "bone loss")}),
])
def test_relations_exact(nlp, text, expected):
    assert triples_of(nlp, text) == expected
