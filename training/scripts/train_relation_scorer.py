"""Train the relation scorer (``osteoheme_relation_scorer``) and save it as a packaged trained component.

    python training/scripts/train_relation_scorer.py [--out pipeline/osteoheme/resources/models/relation_scorer]

Training data: every ordered mention pair the default pipeline finds in one sentence of the real
and synthetic **train** documents, labelled with the gold predicate of the gold relation whose
arguments it overlaps (or NONE). The threshold and the confidence calibration are chosen on the
real **dev** split; the real test split is not read. Needs the real texts (`osteoheme corpus fetch`).
Deterministic for a given seed; about a minute on 2 CPU cores.
"""

import argparse
import json
import random
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

import osteoheme
from osteoheme.components.relation_scorer import NONE, candidates, describe, label_candidates
from osteoheme.components.triples import doc_records
from osteoheme.evaluation.brat import BratDocument, read_brat
from osteoheme.evaluation.evaluate import evaluate
from osteoheme.io.corpus import REAL, SYNTHETIC, splits
from osteoheme.schema import RELATION_TYPES

ROOT = Path(__file__).parents[2]
LABELS = [NONE] + list(RELATION_TYPES)
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8]
BINS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]


def gold_docs(split: str, origins=(REAL, SYNTHETIC)) -> Dict[str, BratDocument]:
    out = {}
    for origin in origins:
        folder = ROOT / "annotations" / ("real" if origin == REAL else "")
        for doc_id in splits(ROOT / "corpus", origin).get(split, []):
            out[doc_id] = read_brat(folder / f"{doc_id}.ann")
    return out


def gold_pairs(gold: BratDocument) -> List[Tuple[int, int, int, int, str]]:
    ents = gold.entities
    return [(ents[r.arg1].start, ents[r.arg1].end, ents[r.arg2].start, ents[r.arg2].end, r.predicate)
            for r in gold.facts]


def examples(nlp, model_nlp, gold: Dict[str, BratDocument], max_distance: int) -> List[Example]:
    out = []
    for doc_id, g in gold.items():
        doc = nlp(g.text)
        cands = candidates(doc, max_distance)
        for words, label in zip(describe(doc, cands), label_candidates(cands, gold_pairs(g))):
            pseudo = spacy.tokens.Doc(model_nlp.vocab, words=words)
            out.append(Example.from_dict(pseudo, {"cats": {k: float(k == label) for k in LABELS}}))
    return out


# BioRED's relation types mapped to this schema (the mapping); the others are left out.
BIORED_LABELS = {"Association": "ASSOCIATED_WITH", "Positive_Correlation": "INCREASES",
                 "Negative_Correlation": "DECREASES"}
# A correlation whose object is a disease is caused or prevented, not raised or lowered.
BIORED_DISEASE_LABELS = {"INCREASES": "CAUSES", "DECREASES": "PREVENTS"}


def read_biored(path: Path, exclude: set) -> Iterator[Tuple[str, str, List[Tuple[int, int, str]], Dict]]:
    """(pmid, text, [(start, end, concept id)], {(id1, id2): relation}) per BioRED document not in ``exclude``."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for block in blocks:
        lines = [l for l in block.splitlines() if l.strip()]
        if len(lines) < 2 or "|t|" not in lines[0]:
            continue
        pmid = lines[0].split("|t|")[0]
        if pmid in exclude:
            continue
        text = lines[0].split("|t|", 1)[1] + " " + lines[1].split("|a|", 1)[1]
        mentions, relations = [], {}
        for line in lines[2:]:
            cols = line.split("\t")
            if len(cols) == 6 and cols[1].isdigit():
                for cid in cols[5].split(","):
                    mentions.append((int(cols[1]), int(cols[2]), cid.strip()))
            elif len(cols) >= 4 and cols[1] in BIORED_LABELS:
                relations[(cols[2], cols[3])] = relations[(cols[3], cols[2])] = BIORED_LABELS[cols[1]]
        yield pmid, text, mentions, relations


def biored_examples(nlp, model_nlp, path: Path, exclude: set, max_distance: int) -> List[Example]:
    """Distant supervision: a pair of our mentions in one sentence whose BioRED concepts are related in the
    document gets the mapped label, subject first in the text for directed labels; unrelated pairs NONE."""
    out = []
    for pmid, text, mentions, relations in read_biored(path, exclude):
        doc = nlp(text)

        def concepts(span):
            return {cid for start, end, cid in mentions if span.start_char < end and start < span.end_char}
        cands = candidates(doc, max_distance)
        for cand, words in zip(cands, describe(doc, cands)):
            related = {relations[(a, b)] for a in concepts(cand.subject) for b in concepts(cand.object)
                       if (a, b) in relations}
            if len(related) > 1:
                continue
            label = related.pop() if related else NONE
            if label in ("INCREASES", "DECREASES"):
                if cand.subject.start > cand.object.start:
                    continue  # direction unknown: only the textual order is taken as subject -> object
                if cand.object.label_ == "DISEASE":
                    label = BIORED_DISEASE_LABELS[label]
            pseudo = spacy.tokens.Doc(model_nlp.vocab, words=words)
            out.append(Example.from_dict(pseudo, {"cats": {k: float(k == label) for k in LABELS}}))
    return out


# Word pairs keep some order ("not increase", "FIRST increased"): cross-validated (seed 20261202),
# bigrams gave 0.335 at threshold 0.15 against 0.313 for single words and 0.327 for trigrams.
NGRAM_SIZE = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=osteoheme.TRAINED_DIR / "relation_scorer")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--ngram-size", type=int, default=NGRAM_SIZE)
    parser.add_argument("--length", type=int, default=2 ** 16, help="hashed feature table size")
    parser.add_argument("--max-distance", type=int, default=30)
    parser.add_argument("--biored", type=Path, default=None,
                        help="BioRED's Train.PubTator: add its relations, mapped, as distant supervision "
                             "(the real corpus's PMIDs are left out)")
    parser.add_argument("--metrics", type=Path, default=ROOT / "training" / "metrics" / "relation_scorer.json")
    args = parser.parse_args()
    fix_random_seed(args.seed)
    nlp = osteoheme.load("rules")  # the rules: candidates and the rules' predicates as features
    model_nlp = blank_model(args.ngram_size, args.length)
    train = examples(nlp, model_nlp, gold_docs("train"), args.max_distance)
    if args.biored:
        real_ids = {d for ids in splits(ROOT / "corpus", REAL).values() for d in ids}
        extra = biored_examples(nlp, model_nlp, args.biored, real_ids, args.max_distance)
        print(f"BioRED: {len(extra):,} candidate pairs, "
              f"{sum(1 for e in extra if e.reference.cats[NONE] == 0.0):,} mapped relations")
        train += extra
    positives = sum(1 for e in train if e.reference.cats[NONE] == 0.0)
    print(f"train: {len(train):,} candidate pairs, {positives:,} gold relations among them")
    fit(model_nlp, train, args.epochs, args.seed, log=print)

    scorer = nlp.add_pipe("osteoheme_relation_scorer", after="osteoheme_relations",
                          config={"max_distance": args.max_distance})
    scorer.model_nlp = model_nlp
    dev = gold_docs("dev", origins=(REAL,))
    results = {}
    for threshold in THRESHOLDS:
        scorer.threshold = threshold
        score = document_scores(nlp, dev)
        results[threshold] = score
        print(f"real dev, threshold {threshold}: document-level relations P {score['p']:.3f} R {score['r']:.3f} "
              f"F1 {score['f']:.3f}")
    # F1 to two decimals, then the higher threshold: of two equal F1s, the more precise.
    best = max(THRESHOLDS, key=lambda t: (round(results[t]["f"], 2), t))
    scorer.threshold = best
    scorer.calibration = calibration(nlp, scorer, dev, args.max_distance)
    print(f"chosen threshold {best}; calibration {scorer.calibration}")
    out = spacy.blank("en")
    saved = out.add_pipe("osteoheme_relation_scorer", config={"threshold": best, "max_distance": args.max_distance})
    saved.model_nlp, saved.calibration = model_nlp, scorer.calibration
    out.to_disk(args.out)
    args.metrics.parent.mkdir(parents=True, exist_ok=True)
    args.metrics.write_text(json.dumps({"train_pairs": len(train), "train_relations": positives,
                                        "dev": {str(t): s for t, s in results.items()}, "threshold": best,
                                        "calibration": scorer.calibration}, indent=2) + "\n", encoding="utf-8")
    print(f"saved {args.out}")


def blank_model(ngram_size: int = NGRAM_SIZE, length: int = 2 ** 16):
    """The scorer's classifier, untrained: a bag of words over the pair descriptions."""
    model_nlp = spacy.blank("en")
    textcat = model_nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": ngram_size,
        "no_output_layer": False, "length": length}})
    for label in LABELS:
        textcat.add_label(label)
    return model_nlp


def fit(model_nlp, train: List[Example], epochs: int, seed: int, log=None) -> None:
    model_nlp.initialize(lambda: train)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(train)
        losses: Dict[str, float] = {}
        for batch in minibatch(train, size=32):
            model_nlp.update(batch, losses=losses, drop=0.1)
        if log:
            log(f"epoch {epoch + 1}: loss {losses['textcat']:.2f}")


def document_scores(nlp, gold: Dict[str, BratDocument]) -> Dict[str, float]:
    """Document-level relation scores of ``nlp`` (rules, then its scorer if it has one) on ``gold``."""
    has_scorer = "osteoheme_relation_scorer" in nlp.pipe_names
    entities, triples = [], []
    for doc_id, g in gold.items():
        doc = nlp.get_pipe("osteoheme_relations")(_rules_only(nlp, g.text))
        if has_scorer:
            doc = nlp.get_pipe("osteoheme_relation_scorer")(doc)
        doc = nlp.get_pipe("osteoheme_certainty")(doc)
        e, t = doc_records(doc, doc_id)
        entities += [x.to_dict() for x in e]
        triples += [x.to_dict() for x in t]
    return evaluate(entities, triples, gold, per_document=False)["concept_triples"]["ALL"]


def _rules_only(nlp, text: str):
    """The doc up to and including the rules' relations (the scorer and what follows run separately)."""
    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if name in ("osteoheme_relations", "osteoheme_relation_scorer", "osteoheme_certainty", "osteoheme_triples"):
            break
        doc = pipe(doc)
    return doc


def calibration(nlp, scorer, dev, max_distance: int) -> List[Tuple[float, float]]:
    """Precision of the scorer's best predicate per probability bin on real dev, from the threshold up,
    made non-decreasing."""
    hits: Dict[float, List[int]] = {edge: [0, 0] for edge in BINS}
    for doc_id, g in dev.items():
        doc = nlp.get_pipe("osteoheme_relations")(_rules_only(nlp, g.text))
        cands = candidates(doc, max_distance)
        if not cands:
            continue
        labels = label_candidates(cands, gold_pairs(g))
        for cats, label in zip(scorer.score_candidates(doc, cands), labels):
            predicate, p = max(((k, v) for k, v in cats.items() if k != NONE), key=lambda kv: kv[1])
            if p < scorer.threshold:
                continue  # never a relation: the lowest bin holds only what the threshold keeps
            edge = next(e for e in BINS if p < e)
            hits[edge][0] += predicate == label
            hits[edge][1] += 1
    # Laplace-smoothed precision per bin. A bin with no candidates keeps the value before it (so it
    # raises nothing), and empty bins at the bottom (below the threshold) take the first measured one.
    precisions: List[Optional[float]] = [(right + 1) / (n + 2) if n else None for right, n in hits.values()]
    first = next((p for p in precisions if p is not None), 0.5)
    table, floor = [], first
    for edge, precision in zip(BINS, precisions):
        floor = max(floor, precision) if precision is not None else floor
        table.append((edge, round(floor, 3)))
    return table


if __name__ == "__main__":
    main()
