import pytest


@pytest.mark.parametrize("text,mention,state", [
    ("Elevated hepcidin blocks iron export.", "hepcidin", "Increased"),
    ("Low iron levels impair osteoblasts.", "iron", "Decreased"),
    ("Iron deficiency is common.", "Iron", "Decreased"),
    ("Vitamin B12-deficient patients were anemic.", "Vitamin B12", "Decreased"),
    ("Overproduction of IL-6 drives anemia.", "IL-6", "Increased"),
    ("Excess iron damages osteoblasts.", "iron", "Increased"),
    ("Hepcidin regulates iron.", "Hepcidin", None),
    ("The failing kidney releases less erythropoietin.", "erythropoietin", "Decreased"),
    ("Fewer osteoblasts form bone.", "osteoblasts", "Decreased"),
    ("Elevated homocysteine weakens collagen cross-links.", "homocysteine", "Increased"),
])
def test_state_from_level_words(nlp, text, mention, state):
    ents = {e.text: e._.state for e in nlp(text).ents}
    assert ents[mention] == state


def test_state_head_noun_covers_coordinated_mentions(nlp):
    doc = nlp("A deficiency in either B12 or folate impairs erythropoiesis.")
    assert {e.text: e._.state for e in doc.ents} == {"B12": "Decreased", "folate": "Decreased",
                                                     "erythropoiesis": None}


def test_state_adjective_does_not_spread(nlp):
    doc = nlp("It shows reduced bone mass and structural deterioration.")
    states = {e.text: e._.state for e in doc.ents}
    assert states["bone mass"] == "Decreased"
    assert states.get("structural deterioration") is None
