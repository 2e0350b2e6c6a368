"""Why gold relations are missed, and which predicted relations are wrong, on one split of the real corpus.

    python training/scripts/relation_errors.py --split dev [--show 40]

Every gold relation mention falls in the first class that applies, checked in this order: an argument
no predicted mention overlaps; an argument found only with another type; arguments in different
sentences; found (a predicted relation with the gold predicate and polarity, in the gold direction
unless the predicate is symmetric); a predicted relation on the pair with another predicate, polarity or
direction; a candidate pair the scorer rejected (the candidates of the pipeline without its scorer, as
the scorer saw them; only when the pipeline has a scorer); no candidate pair (no rule, no trigger word).
Then the predicted relations, right or wrong, by the method that made them. Look at dev; the test
split's errors only after the work.
"""

import argparse
from collections import Counter, defaultdict
from pathlib import Path

import osteoheme
from osteoheme.components.relation_scorer import RelationScorer, candidates
from osteoheme.evaluation.brat import read_brat
from osteoheme.io.corpus import REAL, splits

ROOT = Path(__file__).parents[2]
CLASSES = ("argument not found", "argument of another type", "different sentences", "found",
           "other predicate, polarity or direction", "rejected by the scorer", "no candidate pair")


def overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--config", default=None, help="a pipeline name (default: the default pipeline)")
    parser.add_argument("--show", type=int, default=0, help="print this many examples of each miss")
    args = parser.parse_args()
    nlp = osteoheme.load(args.config)
    scorer = next((name for name, pipe in nlp.pipeline if isinstance(pipe, RelationScorer)), None)
    classes, examples = Counter(), defaultdict(list)
    made, right = Counter(), Counter()
    for doc_id in splits(ROOT / "corpus", REAL)[args.split]:
        gold = read_brat(ROOT / "annotations" / "real" / f"{doc_id}.ann")
        doc = nlp(gold.text)
        predicted = []
        for r in doc._.relations:
            s, o = doc[r.subject[0]:r.subject[1]], doc[r.object[0]:r.object[1]]
            predicted.append((s, o, r.label, r.method.split(":")[0]))
        pairs = set()
        if scorer is not None:
            # The scorer removes the relations it rejects: its candidates come from the doc before it.
            with nlp.select_pipes(disable=[scorer]):
                before = nlp(gold.text)
            pairs = {(c.subject.start_char, c.object.start_char)
                     for c in candidates(before, nlp.get_pipe(scorer).max_distance)}
        facts = [(gold.entities[f.arg1], gold.entities[f.arg2], ("NEG_" if f.negated else "") + f.predicate)
                 for f in gold.facts]
        for a, b, label in facts:
            fa = [e for e in doc.ents if overlaps(e.start_char, e.end_char, a.start, a.end)]
            fb = [e for e in doc.ents if overlaps(e.start_char, e.end_char, b.start, b.end)]
            ka = {(e.start, e.end) for e in fa}
            kb = {(e.start, e.end) for e in fb}
            forward = [l for s, o, l, _ in predicted if (s.start, s.end) in ka and (o.start, o.end) in kb]
            backward = [l for s, o, l, _ in predicted if (o.start, o.end) in ka and (s.start, s.end) in kb]
            symmetric = label.endswith("ASSOCIATED_WITH")
            if not fa or not fb:
                kind = CLASSES[0]
            elif not any(e.label_ == a.label for e in fa) or not any(e.label_ == b.label for e in fb):
                kind = CLASSES[1]
            elif fa[0].sent.start != fb[0].sent.start:
                kind = CLASSES[2]
            elif label in forward or (symmetric and label in backward):
                kind = CLASSES[3]
            elif forward or backward:
                kind = CLASSES[4]
            elif any((x.start_char, y.start_char) in pairs or (y.start_char, x.start_char) in pairs
                     for x in fa for y in fb):
                kind = CLASSES[5]
            else:
                kind = CLASSES[6]
            classes[kind] += 1
            examples[kind].append(f"{doc_id}: {a.text} {label} {b.text}")
        for s, o, label, method in predicted:
            made[method] += 1
            right[method] += any(l == label and ((overlaps(s.start_char, s.end_char, a.start, a.end)
                                                  and overlaps(o.start_char, o.end_char, b.start, b.end))
                                                 or (label.endswith("ASSOCIATED_WITH")
                                                     and overlaps(o.start_char, o.end_char, a.start, a.end)
                                                     and overlaps(s.start_char, s.end_char, b.start, b.end)))
                                 for a, b, l in facts)
    total = sum(classes.values())
    print(f"real {args.split}: {total} gold relation mentions\n\n| gold relation | n | share |\n|---|---|---|")
    for kind in CLASSES:
        if kind == CLASSES[5] and scorer is None:
            continue
        print(f"| {kind} | {classes[kind]} | {classes[kind] / max(total, 1):.0%} |")
    print("\n| method of the predicted relation | predicted | right |\n|---|---|---|")
    for method, n in made.most_common():
        print(f"| {method} | {n} | {right[method]} |")
    for kind in CLASSES:
        if kind == CLASSES[3]:
            continue
        for line in examples[kind][:args.show]:
            print(f"{kind}: {line}")


if __name__ == "__main__":
    main()
