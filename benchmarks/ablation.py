"""Rules only / parser-backed rules / + entity model, on the corpus dev and test splits.

For each packaged pipeline: entity F1 per type (lenient), document-level
relation F1 and relation-mention F1 per split, from `osteoheme extract` +
evaluation on the shipped gold; then words per second and peak memory in a
fresh process (benchmarks/throughput.py on the corpus replicated to --words).
Writes outputs/ablation/ablation.{json,md}.

    python benchmarks/ablation.py --words 200000
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import osteoheme
from osteoheme.cli import evaluate_dirs
from osteoheme.corpus import splits
from osteoheme.extract import extract
from osteoheme.schema import ENTITY_TYPES

ROOT = Path(__file__).parent.parent
VARIANTS = {"rules": "rules only", "parser": "parser-backed rules", "parser-ner": "parser-backed rules + entity model"}


def scores(variant: str, split_ids: dict) -> dict:
    nlp = osteoheme.load(config=variant)
    with tempfile.TemporaryDirectory() as tmp:
        extract([ROOT / "corpus"], Path(tmp), nlp=nlp, progress=False)
        out = {}
        for split in ("dev", "test"):
            r = evaluate_dirs(Path(tmp), ROOT / "annotations", docs=split_ids[split])
            out[split] = {
                "entities": {t: round(r["entities"]["lenient"][t]["f"], 3) for t in ("ALL",) + tuple(ENTITY_TYPES)},
                "relation_mentions": round(r["relations"]["strict"]["ALL"]["f"], 3),
                "document_relations": {k: round(r["concept_triples"]["ALL"][k], 3) for k in ("p", "r", "f")},
            }
    return out


def speed(variant: str, words: int) -> dict:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "throughput.py"), "--config", variant,
                          "--words", str(words)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def table(results: dict) -> str:
    lines = ["| pipeline | split | entities F1 | " + " | ".join(t.lower() for t in ENTITY_TYPES)
             + " | relation mentions F1 | document relations P / R / F1 | words/s | peak MB |",
             "|---|---|---|" + "---|" * len(ENTITY_TYPES) + "---|---|---|---|"]
    for variant, r in results.items():
        for split in ("dev", "test"):
            s = r[split]
            d = s["document_relations"]
            lines.append(f"| {VARIANTS[variant]} | {split} | {s['entities']['ALL']:.3f} | "
                         + " | ".join(f"{s['entities'][t]:.3f}" for t in ENTITY_TYPES)
                         + f" | {s['relation_mentions']:.3f} | {d['p']:.3f} / {d['r']:.3f} / {d['f']:.3f} | "
                         f"{r['speed']['words_per_second']:,} | {r['speed']['peak_rss_mb']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000, help="words for the speed run (default 200k)")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "ablation")
    args = parser.parse_args()
    split_ids = splits(ROOT / "corpus")
    results = {}
    for variant in args.variants:
        print(f"{variant}: scoring …", file=sys.stderr)
        results[variant] = scores(variant, split_ids)
        print(f"{variant}: timing …", file=sys.stderr)
        results[variant]["speed"] = speed(variant, args.words)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ablation.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "ablation.md").write_text(table(results), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
