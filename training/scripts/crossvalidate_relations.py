"""Document-level relation scores of the rules and of rules + relation scorer, cross-validated over the
real train and dev documents.

    python training/scripts/crossvalidate_relations.py [--folds 5]

With a few dozen dev abstracts, one trained scorer's dev F1 moves by about 0.01 between retrainings on nearly
the same data, which is as much as most changes of a rule. Here every real train and dev document is scored
once, by a scorer trained without its fold (on the synthetic train documents and the other folds'
real documents), and the scores are pooled: a steadier measure for comparing two versions of the rules
or of the scorer. The real test split is not read. About a minute on 2 CPU cores. --ngram-size and --length compare model settings the same way.
"""

import argparse
import random

from spacy.util import fix_random_seed

import osteoheme
from osteoheme.io.corpus import REAL, SYNTHETIC

from train_relation_scorer import NGRAM_SIZE, blank_model, document_scores, examples, fit, gold_docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--max-distance", type=int, default=30)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.15, 0.2, 0.3])
    parser.add_argument("--ngram-size", type=int, default=NGRAM_SIZE, help="words (1), word pairs (2), triples (3)")
    parser.add_argument("--length", type=int, default=2 ** 16, help="hashed feature table size")
    args = parser.parse_args()
    fix_random_seed(args.seed)
    nlp = osteoheme.load("rules")
    real = {**gold_docs("train", origins=(REAL,)), **gold_docs("dev", origins=(REAL,))}
    synthetic = gold_docs("train", origins=(SYNTHETIC,))
    ids = sorted(real)
    random.Random(args.seed).shuffle(ids)
    folds = [ids[k::args.folds] for k in range(args.folds)]
    print(f"{len(ids)} real documents (train + dev), {args.folds} folds; {len(synthetic)} synthetic always trained on")
    print(f"rules: {_line(document_scores(nlp, real))}")
    scorer = nlp.add_pipe("osteoheme_relation_scorer", after="osteoheme_relations",
                          config={"max_distance": args.max_distance})
    pooled = {t: [] for t in args.thresholds}
    for fold in folds:
        held_out = {d: real[d] for d in fold}
        model_nlp = blank_model(args.ngram_size, args.length)
        # The candidates and the rules' features as the scorer sees them: without a previous fold's scorer.
        with nlp.select_pipes(disable=["osteoheme_relation_scorer"]):
            train = examples(nlp, model_nlp, {**synthetic, **{d: g for d, g in real.items() if d not in held_out}},
                             args.max_distance)
        fit(model_nlp, train, args.epochs, args.seed)
        scorer.model_nlp = model_nlp
        for threshold in args.thresholds:
            scorer.threshold = threshold
            pooled[threshold].append(document_scores(nlp, held_out))
    for threshold, scores in pooled.items():
        tp, fp, fn = (sum(s[k] for s in scores) for k in ("tp", "fp", "fn"))
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"rules + scorer, threshold {threshold}: {_line({'p': p, 'r': r, 'f': 2 * p * r / max(p + r, 1e-9)})}")


def _line(score) -> str:
    return f"document-level relations P {score['p']:.3f} R {score['r']:.3f} F1 {score['f']:.3f}"


if __name__ == "__main__":
    main()
