import pytest
import spacy

from osteoheme.components.tokenizer import scispacy_tokenizer


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


def test_sentences_unpunctuated_text_is_cut_at_max_tokens(nlp):
    # Text with no sentence punctuation (pysbd backtracks for minutes on this one)
    # still gives sentences of bounded length, so relation rules stay fast.
    doc = nlp("..[" + "111 " * 2000 + "]")
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) == nlp.get_pipe("osteoheme_sentencizer").max_tokens == 256
    assert sum(lengths) == len(doc)


@pytest.mark.parametrize("text,tokens", [
    ("IL-6-mediated induction", ["IL-6", "-mediated", "induction"]),
    ("vitamin B12-deficient mice", ["vitamin", "B12", "-deficient", "mice"]),
    ("non-heme iron", ["non-heme", "iron"]),
])
def test_tokenizer_splits_affixes(text, tokens):
    nlp = spacy.blank("en")
    nlp.tokenizer = scispacy_tokenizer(nlp)
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize("run", ["(" * 3000 + "x" + ")" * 3000, "[1," * 1500, "a-" * 2000, "((([[[x]]])))" * 3])
def test_tokenizer_cuts_long_runs_without_white_space_into_pieces(nlp, run):
    """spaCy's affix loop is quadratic on one long run (nested brackets); such runs are cut by one regex pass
    instead, keeping the text exactly (benchmarks/pathological.py measures the time)."""
    text = f"Hepcidin blocks iron. {run} IL-6 raises hepcidin."
    doc = nlp(text)
    assert doc.text == text
    start = text.index(run)
    assert all(len(t) <= 2 for t in doc if start <= t.idx < start + len(run))
    assert [t.text for t in doc[:4]] == ["Hepcidin", "blocks", "iron", "."]
    assert ("IL-6", "INCREASES", "hepcidin") in {(t.subject.text, t.predicate, t.object.text) for t in doc._.triples}
