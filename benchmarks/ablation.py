"""Rules only / parser-backed rules / + entity model, on the corpus dev and test splits.

For each packaged pipeline: entity F1 per type (lenient), document-level
relation F1 and relation-mention F1 per split, from `osteoheme extract` +
evaluation on the shipped gold; then words per second and peak memory in a
fresh process (benchmarks/throughput.py on the corpus replicated to --words).
Writes outputs/ablation/ablation.{json,md}. The two ways of combining the
entity model with the terminology are compared on dev only (the choice is
made there): the model first, the terminology's mentions replacing the
model's where they overlap (the parser-ner pipeline), or the model after the
terminology, adding mentions around its matches.

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
from osteoheme.io.corpus import splits
from osteoheme.batch import extract
from osteoheme.schema import ENTITY_TYPES

ROOT = Path(__file__).parent.parent
VARIANTS = {"rules": "rules only", "parser": "parser-backed rules", "parser-ner": "parser-backed rules + entity model"}


def scores(nlp, split_ids: dict, splits_=("dev", "test")) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        extract([ROOT / "corpus"], Path(tmp), nlp=nlp, progress=False)
        out = {}
        for split in splits_:
            r = evaluate_dirs(Path(tmp), ROOT / "annotations", docs=split_ids[split])
            out[split] = {
                "entities": {t: round(r["entities"]["lenient"][t]["f"], 3) for t in ("ALL",) + tuple(ENTITY_TYPES)},
                "relation_mentions": round(r["relations"]["strict"]["ALL"]["f"], 3),
                "document_relations": {k: round(r["concept_triples"]["ALL"][k], 3) for k in ("p", "r", "f")},
            }
    return out


def terminology_first(split_ids: dict) -> dict:
    import spacy
    nlp = osteoheme.load(config="parser")
    nlp.add_pipe("ner", source=spacy.load(osteoheme.TRAINED_DIR / "corpus_ner"), after="osteoheme_terms")
    return scores(nlp, split_ids, ("dev",))["dev"]


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


def combo_table(combos: dict) -> str:
    if not combos:
        return ""
    lines = ["", "Combining the entity model with the terminology (dev split, parser-backed rules):", "",
             "| combination | entities F1 | relation mentions F1 | document relations F1 |", "|---|---|---|---|"]
    for name, s in combos.items():
        lines.append(f"| {name} | {s['entities']['ALL']:.3f} | {s['relation_mentions']:.3f} | "
                     f"{s['document_relations']['f']:.3f} |")
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
        results[variant] = scores(osteoheme.load(config=variant), split_ids)
        print(f"{variant}: timing …", file=sys.stderr)
        results[variant]["speed"] = speed(variant, args.words)
    combos = {}
    if "parser-ner" in results:
        print("entity model after the terminology: scoring on dev …", file=sys.stderr)
        combos = {"model first, terminology replaces overlaps (parser-ner)": results["parser-ner"]["dev"],
                  "terminology first, model adds around it": terminology_first(split_ids)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "ablation.json").write_text(json.dumps({"pipelines": results, "entity_model_on_dev": combos},
                                                       indent=2) + "\n", encoding="utf-8")
    text = table(results) + combo_table(combos)
    (args.out / "ablation.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
