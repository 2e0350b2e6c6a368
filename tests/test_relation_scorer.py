"""The trained relation scorer: which pairs it looks at, what it sees of them, and how it decides."""

import pytest
import spacy
from spacy.tokens import Doc

import osteoheme
from osteoheme.components.relation_scorer import NONE, candidates, describe, label_candidates


@pytest.fixture(scope="module")
def rules_doc(nlp):
    def make(text):
        return nlp(text)  # the rules pipeline: doc._.relations as the scorer receives them
    return make


def pairs(cands):
    return [(c.subject.text, c.object.text, c.rule.predicate if c.rule else None) for c in cands]


def test_the_default_pipeline_has_the_scorer_and_rules_does_not(default_nlp, nlp):
    assert "osteoheme_relation_scorer" in default_nlp.pipe_names
    assert "osteoheme_relation_scorer" not in nlp.pipe_names


@pytest.mark.parametrize("text,expected", [
    # linked by a rule: both directions are candidates, the rule's on its own pair
    ("IL-6 increases hepcidin.", [("IL-6", "hepcidin", "INCREASES"), ("hepcidin", "IL-6", None)]),
    # a trigger word between: a candidate though no rule read it
    ("IL-6 and its rise increased hepcidin.", [("IL-6", "hepcidin", None), ("hepcidin", "IL-6", None)]),
    # nothing links them: no candidate
    ("IL-6 was measured; hepcidin was measured.", []),
])
def test_candidates_are_pairs_something_links(rules_doc, text, expected):
    assert sorted(pairs(candidates(rules_doc(text), 30))) == sorted(expected)


def test_pairs_across_sentences_or_far_apart_are_no_candidates(rules_doc):
    assert candidates(rules_doc("IL-6 rose. Hepcidin increased."), 30) == []
    far = "IL-6 " + "and the other " * 12 + "increased hepcidin."
    assert candidates(rules_doc(far), 10) == []


def test_a_description_holds_types_rule_triggers_and_words(rules_doc):
    doc = rules_doc("IL-6 strongly increases hepcidin.")
    cands = [c for c in candidates(doc, 30) if c.subject.text == "IL-6"]
    words = describe(doc, cands)[0]
    for word in ("S_CYTOKINE", "O_HORMONE", "ORDER_SO", "RULE_INCREASES", "T_INCREASES", "strongly", "increases"):
        assert word in words, words


def test_gold_labels_need_the_same_direction(rules_doc):
    doc = rules_doc("IL-6 increases hepcidin.")
    cands = candidates(doc, 30)
    gold = [(0, 4, 15, 23, "INCREASES")]  # IL-6 -> hepcidin, in characters
    labels = dict(zip(pairs(cands), label_candidates(cands, gold)))
    assert labels[("IL-6", "hepcidin", "INCREASES")] == "INCREASES"
    assert labels[("hepcidin", "IL-6", None)] == NONE


def test_a_threshold_above_one_keeps_only_what_the_scorer_does_not_see():
    nlp = osteoheme.load()
    scorer = nlp.get_pipe("osteoheme_relation_scorer")
    scorer.threshold, scorer.max_distance = 1.01, 2
    # IL-6 .. hepcidin are 5 tokens apart: no candidate, the rule's relation stays; IL-6 .. ferritin is a
    # candidate that no probability reaches: it goes.
    doc = nlp("IL-6 strongly and markedly increases hepcidin. IL-6 increases ferritin.")
    triples = {(t.subject.text, t.predicate, t.object.text) for t in doc._.triples}
    assert triples == {("IL-6", "INCREASES", "hepcidin")}


def test_confidence_comes_from_the_calibration_table(default_nlp):
    scorer = default_nlp.get_pipe("osteoheme_relation_scorer")
    values = [v for _, v in scorer.calibration]
    assert values == sorted(values)
    doc = default_nlp("IL-6 increases hepcidin, and hepcidin lowers iron absorption.")
    assert doc._.triples and all(t.confidence in values for t in doc._.triples)


SENTENCES = [
    "IL-6 increases hepcidin, and hepcidin lowers iron absorption.",
    "The higher the IL-6 level, the lower the hemoglobin.",
    "Denosumab reduced osteoporosis and fractures in women treated with raloxifene.",
    "TNF-alpha was associated with anemia, and IL-6 correlated with ferritin and hepcidin.",
    "Vitamin D deficiency causes rickets and increases PTH, which raises bone resorption.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_default_keeps_the_rules_predicates_and_the_schema(default_nlp, nlp, text):
    from osteoheme.schema import ARGUMENT_TYPES
    rules = {(t.subject.start, t.object.start): t.predicate for t in nlp(text)._.triples}
    for t in default_nlp(text)._.triples:
        subject_types, object_types = ARGUMENT_TYPES[t.predicate]
        assert t.subject.label in subject_types and t.object.label in object_types, t
        pair = (t.subject.start, t.object.start)
        if pair in rules and "scorer" not in t.method:
            assert t.predicate == rules[pair], t


def test_the_scorer_survives_saving(default_nlp, tmp_path):
    default_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "IL-6 increases hepcidin, which lowers iron absorption in anemia."
    triples = [(t.subject.text, t.predicate, t.object.text, t.confidence) for t in default_nlp(text)._.triples]
    assert [(t.subject.text, t.predicate, t.object.text, t.confidence) for t in loaded(text)._.triples] == triples
    assert loaded.get_pipe("osteoheme_relation_scorer").threshold == \
        default_nlp.get_pipe("osteoheme_relation_scorer").threshold


def test_scores_are_those_of_the_descriptions_as_docs(default_nlp):
    nlp = default_nlp
    scorer = nlp.get_pipe("osteoheme_relation_scorer")
    with nlp.select_pipes(disable=["osteoheme_relation_scorer"]):
        doc = nlp("IL-6 strongly increases hepcidin, which lowers serum iron and causes anemia.")
    cands = candidates(doc, scorer.max_distance)
    assert len(cands) >= 3
    textcat = scorer.model_nlp.get_pipe("textcat")
    as_docs = [d.cats for d in textcat.pipe(Doc(scorer.model_nlp.vocab, words=w) for w in describe(doc, cands))]
    fast = scorer.score_candidates(doc, cands)
    assert [sorted(c) for c in fast] == [sorted(c) for c in as_docs]
    for a, b in zip(fast, as_docs):
        assert all(abs(a[k] - b[k]) < 1e-6 for k in b), (a, b)
