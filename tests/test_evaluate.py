"""Scores checked against counts worked out by hand."""

import pytest

from osteoheme.evaluation.brat import BratDocument, BratEntity, BratRelation
from osteoheme.evaluation.evaluate import ConceptNormalizer, evaluate

TEXT = "Interleukin-6 (IL-6) raises hepcidin. These molecules reduce iron absorption."
#        0            13 15  19   25     32                 53 57      64
GOLD = BratDocument("d", TEXT, entities={
    "T1": BratEntity("T1", "CYTOKINE", 0, 13, "Interleukin-6"),
    "T2": BratEntity("T2", "CYTOKINE", 15, 19, "IL-6"),
    "T3": BratEntity("T3", "HORMONE", 28, 36, "hepcidin"),
    "T4": BratEntity("T4", "CYTOKINE", 44, 53, "molecules"),
    "T5": BratEntity("T5", "EFFECT", 61, 76, "iron absorption"),
}, relations=[
    BratRelation("R1", "INCREASES", "T1", "T3"),
    BratRelation("R2", "Coref", "T4", "T2"),
    BratRelation("R3", "DECREASES", "T4", "T5"),
])


def ent(start, end, label):
    return {"doc_id": "d", "start": start, "end": end, "label": label, "text": TEXT[start:end]}


def arg(start, end, label, anaphor=None):
    return {"start": start, "end": end, "label": label, "text": TEXT[start:end], "anaphor": anaphor}


def triple(s, pred, o, negated=False):
    return {"doc_id": "d", "subject": s, "predicate": pred, "negated": negated, "object": o,
            "sentence": {"start": 0, "end": 10, "text": "x"}}


@pytest.fixture
def normalizer():
    # Only the terminology entry that matters here: both spellings are one concept.
    return ConceptNormalizer({"CYTOKINE:interleukin-6": "MESH:D015850", "CYTOKINE:il-6": "MESH:D015850"})


def test_evaluate_entities_strict_and_lenient(normalizer):
    entities = [ent(0, 13, "CYTOKINE"), ent(15, 19, "CYTOKINE"), ent(28, 36, "HORMONE"),
                ent(38, 53, "CYTOKINE"),  # "These molecules": overlaps gold, not exact
                ent(66, 76, "EFFECT")]  # "absorption": overlaps gold, not exact
    result = evaluate(entities, [], {"d": GOLD}, normalizer)
    strict, lenient = result["entities"]["strict"]["ALL"], result["entities"]["lenient"]["ALL"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (3, 2, 2)
    assert (lenient["tp"], lenient["fp"], lenient["fn"]) == (5, 0, 0)
    assert strict["f"] == pytest.approx(0.6)


def test_evaluate_concept_triples_expand_anaphors(normalizer):
    triples = [
        # the short form, not the long form gold used: same concept, so a document-level hit
        triple(arg(15, 19, "CYTOKINE"), "INCREASES", arg(28, 36, "HORMONE")),
        # through the anaphor: mention level compares the anaphor span
        triple(arg(15, 19, "CYTOKINE", {"start": 44, "end": 53, "text": "molecules"}), "DECREASES",
               arg(61, 76, "EFFECT")),
        # wrong polarity: negation is part of the type
        triple(arg(28, 36, "HORMONE"), "DECREASES", arg(61, 76, "EFFECT"), negated=True),
    ]
    result = evaluate([], triples, {"d": GOLD}, normalizer)
    docs = result["concept_triples"]["ALL"]
    assert (docs["tp"], docs["fp"], docs["fn"]) == (2, 1, 0)
    mentions = result["relations"]["strict"]["ALL"]
    # the IL-6 mention differs from gold's Interleukin-6 span: a miss at mention level
    assert (mentions["tp"], mentions["fp"], mentions["fn"]) == (1, 2, 1)
    assert result["concept_triples"]["NEG_DECREASES"]["fp"] == 1


def test_evaluate_associated_with_is_symmetric(normalizer):
    gold = BratDocument("d", TEXT, entities=dict(GOLD.entities),
                        relations=[BratRelation("R1", "ASSOCIATED_WITH", "T1", "T3")])
    triples = [triple(arg(28, 36, "HORMONE"), "ASSOCIATED_WITH", arg(0, 13, "CYTOKINE"))]
    result = evaluate([], triples, {"d": gold}, normalizer)
    assert result["concept_triples"]["ALL"]["f"] == 1.0
    assert result["relations"]["strict"]["ALL"]["f"] == 1.0


def test_evaluate_short_forms_resolve_to_long_form(normalizer):
    text = "Anemia of chronic disease (ACD) is common. ACD is mild."
    norm = ConceptNormalizer({"DISEASE:anemia of chronic disease": "X:1"})
    from osteoheme.evaluation.evaluate import Mention
    ments = [Mention("d", 0, 25, "DISEASE", text[0:25]), Mention("d", 27, 30, "DISEASE", "ACD")]
    short = norm.short_forms(text, ments)
    assert norm.key(Mention("d", 43, 46, "DISEASE", "ACD"), short) == "X:1"


def test_evaluate_state_needs_span_and_value(normalizer):
    gold = BratDocument("d", TEXT, entities={k: BratEntity(e.id, e.label, e.start, e.end, e.text, e.state)
                                             for k, e in GOLD.entities.items()})
    gold.entities["T3"].state = "Increased"  # hepcidin
    gold.entities["T5"].state = "Decreased"  # iron absorption
    entities = [dict(ent(28, 36, "HORMONE"), state="Increased"),  # right
                dict(ent(61, 76, "EFFECT"), state="Increased"),  # wrong value
                dict(ent(0, 13, "CYTOKINE"), state=None)]
    states = evaluate(entities, [], {"d": gold}, normalizer)["states"]["ALL"]
    assert (states["tp"], states["fp"], states["fn"]) == (1, 1, 1)


@pytest.mark.parametrize("concepts,tp", [
    # "iron" (NUTRIENT) inside the gold EFFECT "iron absorption": another concept when normalized,
    # the gold mention's concept when mapped by overlap.
    ("normalized", 1),
    ("overlap", 2),
])
def test_evaluate_concept_mapping_normalized_or_overlap(normalizer, concepts, tp):
    pred = [triple(arg(0, 13, "CYTOKINE"), "INCREASES", arg(28, 36, "HORMONE")),
            triple(arg(15, 19, "CYTOKINE"), "DECREASES", arg(61, 65, "NUTRIENT"))]
    r = evaluate([], pred, {"d": GOLD}, normalizer, concepts=concepts)
    assert r["concept_triples"]["ALL"]["tp"] == tp and r["concepts"] == concepts


def test_evaluate_scores_relations_by_certainty(normalizer):
    hedged = BratDocument("d", TEXT, entities=GOLD.entities, relations=[
        BratRelation("R1", "INCREASES", "T1", "T3", certainty="hedged"),
        BratRelation("R2", "Coref", "T4", "T2"),
        BratRelation("R3", "DECREASES", "T4", "T5")])
    pred = [triple(arg(0, 13, "CYTOKINE"), "INCREASES", arg(28, 36, "HORMONE")),  # no certainty: asserted
            dict(triple(arg(15, 19, "CYTOKINE"), "DECREASES", arg(61, 76, "EFFECT")), certainty="hedged")]
    by = evaluate([], pred, {"d": hedged}, normalizer)["concept_triples_by_certainty"]
    assert (by["asserted"]["tp"], by["asserted"]["fp"], by["asserted"]["fn"]) == (0, 1, 1)
    assert (by["hedged"]["tp"], by["hedged"]["fp"], by["hedged"]["fn"]) == (0, 1, 1)
    assert (by["hypothesis"]["tp"], by["hypothesis"]["fp"], by["hypothesis"]["fn"]) == (0, 0, 0)
