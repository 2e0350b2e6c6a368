"""Which names of the compiled vocabulary are mostly wrong where they match, measured on a split's gold.

    python training/scripts/measure_vocabulary.py --split train [--min-matches 2] [--max-precision 0.5]

Runs the default pipeline on the real documents of one split (texts fetched by `osteoheme corpus
fetch`), scores entities per type against the gold (lenient: same type, overlapping span) and
prints, per surface form (lower case), how often a prediction of that form was right. Forms with
at least --min-matches predictions and a precision below --max-precision are printed as rows for
``resources/vocabulary/excluded.tsv`` (form, reason). Use the train split only: dev and test are
for reporting.
"""

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

import osteoheme
from osteoheme.evaluation.brat import read_brat
from osteoheme.evaluation.evaluate import Mention, gold_views, score_entities

ROOT = Path(__file__).parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="train")
    parser.add_argument("--min-matches", type=int, default=2)
    parser.add_argument("--max-precision", type=float, default=0.5)
    parser.add_argument("--errors", action="store_true", help="also list every false positive and negative")
    args = parser.parse_args()
    with (ROOT / "corpus" / "manifest.csv").open(encoding="utf-8") as f:
        ids = [r["doc_id"] for r in csv.DictReader(f) if r["origin"] == "real" and r["split"] == args.split]
    nlp = osteoheme.load()
    pred, gold = [], []
    for doc_id in ids:
        brat = read_brat(ROOT / "annotations" / "real" / f"{doc_id}.ann")
        doc = nlp(brat.text)
        pred += [Mention(doc_id, e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        gold += gold_views(brat)[0]
    scores = score_entities(pred, gold)
    print(f"{args.split}: {len(ids)} documents, {len(gold)} gold mentions")
    print("| type | P | R | F1 |\n|---|---|---|---|")
    for label, s in scores["lenient"].items():
        print(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
    wrong = Counter((e["text"].lower(), e["label"]) for e in scores["errors"]["false_positives"])
    seen = Counter((m.text.lower(), m.label) for m in pred)
    print("\nform\treason")
    for (form, label), n in sorted(seen.items()):
        right = n - wrong[(form, label)]
        if n >= args.min_matches and right / n < args.max_precision:
            print(f"{form}\t{args.split} split: {label} in {n} matches, {right} right")
    if args.errors:
        by_kind = defaultdict(Counter)
        for kind in ("false_positives", "false_negatives"):
            for e in scores["errors"][kind]:
                by_kind[kind][(e["label"], e["text"])] += 1
            print(f"\n{kind}:", ", ".join(f"{t} {l} x{n}" for (l, t), n in by_kind[kind].most_common(150)))


if __name__ == "__main__":
    main()
