import pytest
import spacy

from osteoheme.tokenizer import scispacy_tokenizer


@pytest.mark.parametrize("text,sentences", [
    ("IL-6 rose. TNF-α fell.", ["IL-6 rose.", "TNF-α fell."]),
    ("Smith et al. Reported it.", ["Smith et al. Reported it."]),
    ("See Fig. 2 for details. Then stop.", ["See Fig. 2 for details.", "Then stop."]),
    ("Levels were 3.5 mg/dL. Next sentence.", ["Levels were 3.5 mg/dL.", "Next sentence."]),
    ("A Heading\nBody text here.", ["A Heading", "Body text here."]),
    ("It rose (p < 0.05). It fell.", ["It rose (p < 0.05).", "It fell."]),
    ("e.g. iron and i.e. zinc matter.", ["e.g. iron and i.e. zinc matter."]),
])
def test_sentences_split(nlp, text, sentences):
    assert [s.text.strip() for s in nlp(text).sents] == sentences


def test_sentences_linear_on_pathological_input(nlp):
    # pysbd backtracks for minutes on this; ours is one pass over tokens.
    doc = nlp("..[" + "111 " * 20000 + "]")
    assert len(list(doc.sents)) >= 1


@pytest.mark.parametrize("text,tokens", [
    ("IL-6-mediated induction", ["IL-6", "-mediated", "induction"]),
    ("vitamin B12-deficient mice", ["vitamin", "B12", "-deficient", "mice"]),
    ("non-heme iron", ["non-heme", "iron"]),
])
def test_tokenizer_splits_affixes(text, tokens):
    nlp = spacy.blank("en")
    nlp.tokenizer = scispacy_tokenizer(nlp)
    assert [t.text for t in nlp(text)] == tokens
