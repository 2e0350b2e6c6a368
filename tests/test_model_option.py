"""--model: a scispaCy model's own components run first, osteoheme's after them.

The real en_core_sci_* models cannot be installed here, so the test saves a
tiny pipeline of the same shape (tokenizer + a sentence-setting component) and
loads it by path, as spacy.load does for an installed package name.
"""

import pytest
import spacy

import osteoheme
from osteoheme.errors import OsteohemeError


def test_model_option_runs_model_components_first(tmp_path):
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    base.to_disk(tmp_path / "tiny_model")
    nlp = osteoheme.load(model=str(tmp_path / "tiny_model"))
    assert nlp.pipe_names[0] == "sentencizer"
    assert nlp.pipe_names[-4:] == ["osteoheme_terms", "osteoheme_state", "osteoheme_relations", "osteoheme_triples"]
    doc = nlp("Hepcidin is induced by IL-6.")
    assert [(t.subject.text, t.predicate, t.object.text) for t in doc._.triples] == [("IL-6", "INCREASES", "Hepcidin")]


def test_model_option_missing_model_is_a_clear_error():
    with pytest.raises(OsteohemeError, match="not installed"):
        osteoheme.load(model="en_core_sci_does_not_exist")
