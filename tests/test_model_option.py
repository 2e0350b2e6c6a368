"""--model: a scispaCy model's own components run first, osteoheme's after them.

The real en_core_sci_* models cannot be installed here, so the test saves a
tiny pipeline of the same shape (tokenizer + a sentence-setting component) and
loads it by path, as spacy.load does for an installed package name.
"""

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import osteoheme
from osteoheme.errors import OsteohemeError


def test_model_option_runs_model_components_first(tmp_path):
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    base.to_disk(tmp_path / "tiny_model")
    nlp = osteoheme.load(model=str(tmp_path / "tiny_model"))
    assert nlp.pipe_names[0] == "sentencizer"
    assert nlp.pipe_names[-6:] == ["osteoheme_terms", "osteoheme_state", "osteoheme_relations",
                                  "osteoheme_relation_scorer", "osteoheme_certainty", "osteoheme_triples"]
    doc = nlp("Hepcidin is induced by IL-6.")
    assert [(t.subject.text, t.predicate, t.object.text) for t in doc._.triples] == [("IL-6", "INCREASES", "Hepcidin")]


def test_model_option_missing_model_is_a_clear_error():
    with pytest.raises(OsteohemeError, match="not installed"):
        osteoheme.load(model="en_core_sci_does_not_exist")


@Language.component("fixed_parse_for_tests")
def fixed_parse(doc):
    """Stands in for a scispaCy parser: the parse of the one sentence the test uses."""
    heads = [3, 3, 3, 3, 5, 3, 7, 3, 3]
    deps = ["nsubjpass", "auxpass", "advmod", "ROOT", "case", "nmod", "case", "nmod", "punct"]
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               heads=heads, deps=deps)


def test_model_option_replaces_the_genia_parser_and_relations_use_its_parse(tmp_path):
    base = spacy.blank("en")
    base.add_pipe("fixed_parse_for_tests", name="parser")
    base.to_disk(tmp_path / "tiny_parser_model")
    nlp = osteoheme.load(config="parser", model=str(tmp_path / "tiny_parser_model"))
    # the model's parser runs, the shipped GENIA tok2vec/tagger/parser do not
    assert nlp.pipe_names[0] == "parser" and "tok2vec" not in nlp.pipe_names and "tagger" not in nlp.pipe_names
    doc = nlp("Hepcidin is strongly induced in hepatocytes by IL-6.")
    assert doc.has_annotation("DEP")
    found = {(t.subject.text, t.predicate, t.object.text): t.method for t in doc._.triples}
    assert found[("IL-6", "INCREASES", "Hepcidin")].startswith("dependency")
