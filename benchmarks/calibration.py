"""Does a triple's confidence say how often such triples are right? A reliability table on the real corpus.

    python benchmarks/calibration.py --split test [--config scorer]

Runs a pipeline on the real documents of one split, and counts a triple right when the gold has a
relation with the same label (negation included) whose subject and object spans overlap the
triple's (the mention-level lenient match of `osteoheme evaluate`; an anaphor's antecedent counts
as its mention). Prints, per confidence bin, the triples, their mean confidence and the share that
is right, and the expected calibration error (ECE: the bins' |right − confidence| weighted by size).
"""

import argparse
from pathlib import Path

import osteoheme
from osteoheme.components.triples import doc_records
from osteoheme.evaluation.brat import read_brat
from osteoheme.io.corpus import REAL, splits

ROOT = Path(__file__).parent.parent
EDGES = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0001]


def gold_spans(gold):
    """(label, subject spans, object spans): an anaphor argument also stands for its antecedents."""
    def spans(entity_id):
        ent = gold.entities[entity_id]
        return [(ent.start, ent.end)] + [(a.start, a.end) for a in gold.antecedents(entity_id)]
    return [(r.label, spans(r.arg1), spans(r.arg2)) for r in gold.facts]


def overlaps(arg, spans) -> bool:
    return any(arg.start < end and start < arg.end for start, end in spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--config", default=None, help="a packaged pipeline (default: the default pipeline)")
    args = parser.parse_args()
    nlp = osteoheme.load(config=args.config)
    rows = []
    for doc_id in splits(ROOT / "corpus", REAL)[args.split]:
        gold = read_brat(ROOT / "annotations" / "real" / f"{doc_id}.ann")
        relations = gold_spans(gold)
        for t in doc_records(nlp(gold.text), doc_id)[1]:
            label = ("NEG_" if t.negated else "") + t.predicate
            right = any(label == g_label and overlaps(t.subject, s) and overlaps(t.object, o)
                        for g_label, s, o in relations)
            rows.append((t.confidence, right))
    print(f"real {args.split}, {args.config or 'default'} pipeline: {len(rows)} triples\n")
    print("| confidence | triples | mean confidence | right |\n|---|---|---|---|")
    ece = 0.0
    for low, high in zip(EDGES, EDGES[1:]):
        bin_rows = [(c, r) for c, r in rows if low <= c < high]
        if not bin_rows:
            continue
        mean = sum(c for c, _ in bin_rows) / len(bin_rows)
        right = sum(r for _, r in bin_rows) / len(bin_rows)
        ece += len(bin_rows) / len(rows) * abs(right - mean)
        print(f"| {low:.1f}–{min(high, 1.0):.1f} | {len(bin_rows)} | {mean:.2f} | {right:.2f} |")
    print(f"\nexpected calibration error: {ece:.3f}")


if __name__ == "__main__":
    main()
