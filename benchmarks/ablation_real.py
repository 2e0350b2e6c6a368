"""The packaged pipelines on the real corpus: rules / + parse / + relation scorer / + both.

For each pipeline: entities (lenient), relation mentions (strict) and document-level relations on
the real dev split (precision, recall, F1), then words per second and peak memory in a fresh
process (benchmarks/throughput.py on the synthetic corpus replicated to --words). The real test
split is scored only when asked (--split test), once the choice is made on dev.

    python benchmarks/ablation_real.py --words 300000 [--split dev] [--pipelines rules scorer]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import osteoheme
from osteoheme.components.triples import doc_records
from osteoheme.evaluation.brat import read_brat
from osteoheme.evaluation.evaluate import evaluate
from osteoheme.io.corpus import REAL, splits

ROOT = Path(__file__).parent.parent
VARIANTS = {"rules": "rules", "parser": "rules + parse", "scorer": "rules + relation scorer",
            "parser-scorer": "rules + parse + relation scorer"}


def real_scores(nlp, split: str) -> dict:
    ids = splits(ROOT / "corpus", REAL)[split]
    gold = {d: read_brat(ROOT / "annotations" / "real" / f"{d}.ann") for d in ids}
    entities, triples = [], []
    for doc_id, g in gold.items():
        e, t = doc_records(nlp(g.text), doc_id)
        entities += [x.to_dict() for x in e]
        triples += [x.to_dict() for x in t]
    r = evaluate(entities, triples, gold, per_document=False)
    views = {"entities": r["entities"]["lenient"]["ALL"], "relation mentions": r["relations"]["strict"]["ALL"],
             "document-level relations": r["concept_triples"]["ALL"]}
    return {k: {m: round(v[m], 3) for m in ("p", "r", "f")} for k, v in views.items()}


def speed(variant: str, words: int) -> dict:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "throughput.py"), "--words", str(words),
                          "--config", variant], check=True, capture_output=True, text=True)
    report = json.loads(run.stdout[run.stdout.index("{"):])
    return {"words_per_second": report["words_per_second"], "peak_rss_mb": report["peak_rss_mb"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--pipelines", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args()
    rows = {}
    for variant in args.pipelines:
        rows[variant] = {**real_scores(osteoheme.load(config=variant), args.split), **speed(variant, args.words)}
        print(json.dumps({variant: rows[variant]}), flush=True)
    print(f"\n| pipeline (real {args.split}) | entities F1 (P / R) | relation mentions F1 (P / R) | "
          "document-level relations F1 (P / R) | words/s | peak MB |\n|---|---|---|---|---|---|")
    for variant, row in rows.items():
        cells = [f"{row[k]['f']:.3f} ({row[k]['p']:.3f} / {row[k]['r']:.3f})"
                 for k in ("entities", "relation mentions", "document-level relations")]
        print(f"| {VARIANTS[variant]} | " + " | ".join(cells) + f" | {row['words_per_second']:,} | {row['peak_rss_mb']} |")


if __name__ == "__main__":
    main()
