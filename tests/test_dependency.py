"""Relations found along dependency paths, on hand-written parses (no model involved),
and the shipped GENIA tagger and parser loading offline."""

import pytest
from spacy.tokens import Doc

import osteoheme
from osteoheme import OsteohemeError

# (text, heads, deps, expected relation): constructions the word-order rules miss.
CASES = [
    pytest.param("IL-6 increases, in patients with chronic inflammation, hepcidin.",
                 [1, 1, 1, 4, 1, 7, 7, 4, 1, 1, 1],
                 ["nsubj", "ROOT", "punct", "case", "nmod", "case", "amod", "nmod", "punct", "dobj", "punct"],
                 {("IL-6", "INCREASES", "hepcidin")}, id="object-behind-a-long-modifier"),
    pytest.param("Hepcidin is strongly induced in hepatocytes by IL-6.",
                 [3, 3, 3, 3, 5, 3, 7, 3, 3],
                 ["nsubjpass", "auxpass", "advmod", "ROOT", "case", "nmod", "case", "nmod", "punct"],
                 {("IL-6", "INCREASES", "Hepcidin")}, id="passive-agent-after-a-modifier"),
    pytest.param("Hepcidin is strongly induced in hepatocytes by IL-6 and TNF-α.",
                 [3, 3, 3, 3, 5, 3, 7, 3, 9, 7, 3],
                 ["nsubjpass", "auxpass", "advmod", "ROOT", "case", "nmod", "case", "nmod", "cc", "conj", "punct"],
                 {("IL-6", "INCREASES", "Hepcidin"), ("TNF-α", "INCREASES", "Hepcidin")}, id="coordinated-agents"),
]


# (text, heads, deps, relation that must not be read): where structure alone would mislead.
# Verbs are tagged VB* so that a conjunct verb could borrow a subject.
NOT_RELATIONS = [
    pytest.param("IL-6 reduces erythropoiesis, and fasting increases hepcidin.",
                 [1, 1, 1, 1, 1, 6, 1, 6, 1],
                 ["nsubj", "ROOT", "dobj", "punct", "cc", "nsubj", "conj", "dobj", "punct"],
                 ("IL-6", "INCREASES", "hepcidin"), id="a-verb-with-its-own-subject-borrows-none"),
    pytest.param("Inhibition of iron absorption contributes to anemia.",
                 [4, 3, 3, 0, 4, 6, 4, 4],
                 ["nsubj", "case", "compound", "nmod", "ROOT", "case", "nmod", "punct"],
                 ("iron absorption", "CAUSES", "anemia"), id="no-reading-through-inhibition-of"),
    pytest.param("IL-6 stimulates osteoblasts to secrete RANKL.",
                 [1, 1, 1, 4, 1, 4, 1],
                 ["nsubj", "ROOT", "dobj", "mark", "xcomp", "dobj", "punct"],
                 ("IL-6", "INCREASES", "osteoblasts"), id="a-causee-is-no-object"),
    pytest.param("Hepcidin is induced by IL-6 but not by TNF-α.",
                 [2, 2, 2, 4, 2, 4, 8, 8, 4, 2],
                 ["nsubjpass", "auxpass", "ROOT", "case", "nmod", "cc", "neg", "case", "conj", "punct"],
                 ("TNF-α", "INCREASES", "Hepcidin"), id="an-excluded-conjunct-is-no-argument"),
]


def _annotate(nlp, text, heads=None, deps=None):
    """Run the rule components on a Doc that has the given parse (verbs tagged by their
    suffix, which is all the paths look at), or none."""
    template = nlp.make_doc(text)
    words, spaces = [t.text for t in template], [bool(t.whitespace_) for t in template]
    if heads is None:
        doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[i == 0 for i in range(len(words))])
    else:
        assert len(words) == len(heads), words
        tags = ["VBZ" if w.endswith("s") and d in ("ROOT", "conj", "xcomp") else
                "VBN" if w.endswith("ed") else "NN" for w, d in zip(words, deps)]
        doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags)
    for name, pipe in nlp.pipeline:
        if name != "osteoheme_sentencizer":  # a parsed Doc has its sentences
            doc = pipe(doc)
    return {(t.subject.text, t.predicate, t.object.text): t for t in doc._.triples}


@pytest.mark.parametrize("text,heads,deps,expected", CASES)
def test_dependency_paths_find_what_word_order_misses(nlp, text, heads, deps, expected):
    parsed = _annotate(nlp, text, heads, deps)
    assert expected <= set(parsed)
    assert all(parsed[k].method.startswith("dependency") for k in expected)
    assert not expected & set(_annotate(nlp, text))  # without the parse the rules miss them


@pytest.mark.parametrize("text,heads,deps,wrong", NOT_RELATIONS)
def test_dependency_paths_stay_as_cautious_as_the_rules(nlp, text, heads, deps, wrong):
    assert wrong not in _annotate(nlp, text, heads, deps)


@pytest.fixture(scope="module")
def parser_nlp():
    return osteoheme.load("parser")


def test_shipped_genia_parser_loads_and_parses(parser_nlp):
    assert {"tok2vec", "tagger", "parser"} <= set(parser_nlp.pipe_names)
    doc = parser_nlp("Hepcidin is induced in hepatocytes by interleukin-6. It blocks ferroportin.")
    assert doc.has_annotation("TAG") and doc.has_annotation("DEP")
    assert [t.tag_ for t in doc[:4]] == ["NN", "VBZ", "VBN", "IN"]
    assert doc[0].dep_ == "nsubjpass" and doc[0].head.text == "induced"
    # our sentence boundaries survive the parser
    assert [s.text for s in doc.sents] == ["Hepcidin is induced in hepatocytes by interleukin-6.", "It blocks ferroportin."]


def test_parser_pipeline_extracts_from_text(parser_nlp):
    doc = parser_nlp("Hepcidin is strongly induced in hepatocytes by IL-6.")
    assert ("IL-6", "INCREASES", "Hepcidin") in {(t.subject.text, t.predicate, t.object.text) for t in doc._.triples}


def test_entity_model_pipeline_loads():
    nlp = osteoheme.load("parser-ner")
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index("ner") < nlp.pipe_names.index("osteoheme_terms")
    doc = nlp("Interleukin-6 raises hepcidin in patients with anemia.")
    # the terminology's mentions win over the model's
    assert {e.text for e in doc.ents} >= {"Interleukin-6", "hepcidin", "anemia"}


@pytest.mark.parametrize("name,problem", [("parsr", "Unknown pipeline"), ("no/such/file.cfg", "no such config file"),
                                          ("tests", "a folder")])
def test_unknown_pipeline_is_a_clear_error(name, problem):
    with pytest.raises(OsteohemeError, match=f"{problem}.*scorer, rules, parser, parser-scorer, parser-ner"):
        osteoheme.load(name)


def test_saved_pipeline_config_points_to_spacy_load(parser_nlp, tmp_path):
    parser_nlp.to_disk(tmp_path / "saved")
    with pytest.raises(OsteohemeError, match="trained components .*spacy.load"):
        osteoheme.load(tmp_path / "saved" / "config.cfg")
