"""spaCy's own scoring (nlp.evaluate over Examples) agrees with osteoheme evaluate."""

from pathlib import Path

from osteoheme.evaluation.brat import read_brat_dir
from osteoheme.evaluation.evaluate import evaluate
from osteoheme.evaluation.gold import gold_examples, reference_doc
from osteoheme.components.triples import doc_records
from osteoheme.schema import ENTITY_TYPES

ROOT = Path(__file__).parent.parent


def test_gold_reference_doc_carries_gold(nlp):
    gold = read_brat_dir(ROOT / "annotations")["bone-blood-crosstalk"]
    doc = reference_doc(nlp, gold)
    assert len(doc.ents) == len(gold.entities)
    assert len(doc._.relations) == len(gold.facts)
    molecules = [e for e in doc.ents if e.text == "molecules"]
    assert molecules[0]._.antecedents  # Coref became antecedents


def test_gold_nlp_evaluate_matches_osteoheme_evaluate(nlp):
    gold = read_brat_dir(ROOT / "annotations")
    scores = nlp.evaluate(gold_examples(nlp, gold))
    entities, triples = [], []
    for g in gold.values():
        ents, trips = doc_records(nlp(g.text), g.doc_id)
        entities += [e.to_dict() for e in ents]
        triples += [t.to_dict() for t in trips]
    ours = evaluate(entities, triples, gold)
    assert abs(scores["ents_f"] - ours["entities"]["strict"]["ALL"]["f"]) < 1e-3
    assert abs(scores["rels_f"] - ours["relations"]["strict"]["ALL"]["f"]) < 1e-3
    assert set(scores["ents_per_type"]) <= set(ENTITY_TYPES)
