"""Certainty of relations (guidelines 8.3, 8.5): cue words govern the predicates after them in their clause."""

import pytest


def certainties(nlp, text):
    return {(t.subject.text, t.predicate, t.object.text): t.certainty for t in nlp(text)._.triples}


@pytest.mark.parametrize("text,expected", [
    ("IL-6 stimulates hepcidin.", {("IL-6", "INCREASES", "hepcidin"): "asserted"}),
    ("IL-6 may stimulate hepcidin.", {("IL-6", "INCREASES", "hepcidin"): "hedged"}),
    ("These results suggest that IL-6 stimulates hepcidin.", {("IL-6", "INCREASES", "hepcidin"): "hedged"}),
    ("We hypothesized that estrogen increases bone resorption.",
     {("estrogen", "INCREASES", "bone resorption"): "hypothesis"}),
    ("To test whether hepcidin is associated with anemia, we measured it.",
     {("hepcidin", "ASSOCIATED_WITH", "anemia"): "hypothesis"}),
    ("Does iron deficiency cause osteoporosis?", {("iron", "CAUSES", "osteoporosis"): "hypothesis"}),
    # the cue reaches forward only: the first clause stays asserted
    ("IL-6 raised hepcidin, which may lead to anemia.",
     {("IL-6", "INCREASES", "hepcidin"): "asserted", ("hepcidin", "CAUSES", "anemia"): "hedged"}),
    # a clause break ends the cue's scope
    ("Estrogen may suppress IL-6, but TNF-α stimulates osteoclasts.",
     {("Estrogen", "DECREASES", "IL-6"): "hedged", ("TNF-α", "INCREASES", "osteoclasts"): "asserted"}),
    # "can" states a capacity: asserted
    ("Iron deficiency can cause anemia.", {("Iron", "CAUSES", "anemia"): "asserted"}),
    # a fronted purpose or subordinate clause ends at its comma; a reported finding ends a cue's reach
    ("To determine whether IL-6 regulates hepcidin, we treated mice and found that TNF-α increased RANKL.",
     {("IL-6", "REGULATES", "hepcidin"): "hypothesis", ("TNF-α", "INCREASES", "RANKL"): "asserted"}),
    ("Although IL-6 may raise hepcidin, iron deficiency causes anemia.",
     {("IL-6", "INCREASES", "hepcidin"): "hedged", ("iron", "CAUSES", "anemia"): "asserted"}),
    ("We hypothesized that IL-6 raises hepcidin and found that TNF-α increased RANKL.",
     {("IL-6", "INCREASES", "hepcidin"): "hypothesis", ("TNF-α", "INCREASES", "RANKL"): "asserted"}),
    # the month is no hedge
    ("In May 2010, IL-6 increased hepcidin.", {("IL-6", "INCREASES", "hepcidin"): "asserted"}),
    # a hypothesis is not weakened to a hedge by a later "may"
    ("We hypothesized that hepcidin may block iron absorption.",
     {("hepcidin", "DECREASES", "iron absorption"): "hypothesis"}),
])
def test_certainty_from_cues_and_scope(nlp, text, expected):
    found = certainties(nlp, text)
    assert {k: found.get(k) for k in expected} == expected


def test_certainty_presupposed_relation_inside_a_hedged_clause_stays_asserted(nlp):
    found = certainties(nlp, "IL-6 may enhance TNF-induced bone resorption.")
    assert found[("TNF", "INCREASES", "bone resorption")] == "asserted"


def test_certainty_is_in_the_output_rows(nlp):
    from osteoheme import doc_records
    _, triples = doc_records(nlp("Vitamin D may lower hepcidin."), "d")
    assert [t.to_dict()["certainty"] for t in triples] == ["hedged"]
