"""Turning an evaluation result into the table people read: terminal, Markdown, JSON."""

import json
from pathlib import Path
from typing import Dict, List

import pandas as pd

from ..evaluation.evaluate import summary_rows


def score_table(result: Dict) -> pd.DataFrame:
    rows = [{"view": view, "type": label, "P": s["p"], "R": s["r"], "F1": s["f"], "TP": s["tp"], "FP": s["fp"],
             "FN": s["fn"]} for view, label, s in summary_rows(result)]
    return pd.DataFrame(rows)


def _pr(s: Dict) -> str:
    return f"{s['f']:.3f} ({s['p']:.3f}/{s['r']:.3f})"


def split_table(per_split: Dict[str, Dict]) -> pd.DataFrame:
    """One row per split: F1 (P/R) of the headline views, relations also per certainty."""
    rows = []
    for split, r in per_split.items():
        row = {"split": split, "docs": len(r["docs"]),
               "entities lenient": _pr(r["entities"]["lenient"]["ALL"]),
               "entities strict": _pr(r["entities"]["strict"]["ALL"]),
               "relation mentions": _pr(r["relations"]["strict"]["ALL"]),
               "document relations": _pr(r["concept_triples"]["ALL"])}
        for certainty, s in r.get("concept_triples_by_certainty", {}).items():
            row[f"doc. relations, {certainty} (gold n)"] = f"{_pr(s)} n={s['tp'] + s['fn']}"
        rows.append(row)
    return pd.DataFrame(rows)


def write_scores(result: Dict, per_split: Dict[str, Dict], out_dir: Path, stem: str, title: str) -> List[Path]:
    """Scores without text (no error listings, no sentences): safe to publish for third-party documents."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table, splits = score_table(result), split_table(per_split)
    data = {"docs": result["docs"], "concepts": result.get("concepts"), "overall": table.to_dict(orient="records"),
            "per_split": splits.to_dict(orient="records"), "per_document": result.get("per_document", {})}
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    lines = [f"# {title}", "", f"{len(result['docs'])} documents; concepts mapped by {result.get('concepts')}.", "",
             "## Per split: F1 (P/R)", "", "| " + " | ".join(splits.columns) + " |", "|" + "---|" * len(splits.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in splits.itertuples(index=False)]
    lines += ["", "## All documents", "", "| view | type | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {row.view} | {row.type} | {row.P:.3f} | {row.R:.3f} | {row.F1:.3f} | {row.TP} | {row.FP} | {row.FN} |"
              for row in table.itertuples(index=False)]
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [json_path, md_path]


def to_markdown(result: Dict, title: str = "osteoheme evaluation") -> str:
    table = score_table(result)
    lines: List[str] = [f"# {title}", "", f"Documents: {', '.join(result['docs'])}", "",
                        "| view | type | P | R | F1 | TP | FP | FN |", "|---|---|---|---|---|---|---|---|"]
    for row in table.itertuples(index=False):
        lines.append(f"| {row.view} | {row.type} | {row.P:.3f} | {row.R:.3f} | {row.F1:.3f} | {row.TP} | {row.FP} "
                     f"| {row.FN} |")
    if result.get("per_document"):
        lines += ["", "## Per document (F1)", "", "| document | entities (lenient) | relation mentions | document concepts |",
                  "|---|---|---|---|"]
        lines += [f"| {d} | {s['entities_lenient_f']:.3f} | {s['relation_mentions_f']:.3f} | "
                  f"{s['document_concepts_f']:.3f} |" for d, s in result["per_document"].items()]
    lines += ["", "## Entity errors (lenient), by type", ""]
    for kind in ("false_positives", "false_negatives"):
        items = result["entities"]["errors"][kind]
        lines += [f"### {kind.replace('_', ' ')} ({len(items)})", ""]
        for label in sorted({e["label"] for e in items}):
            lines.append(f"**{label}**")
            lines += [f"- {e['text']!r} ({e['doc_id']} {e['start']}-{e['end']}) — {e['sentence']}"
                      for e in items if e["label"] == label]
            lines.append("")
    lines += ["## Relation errors (mention level, lenient), by type", ""]
    for kind in ("false_positives", "false_negatives"):
        items = result["relations"]["errors"][kind]
        lines += [f"### {kind.replace('_', ' ')} ({len(items)})", ""]
        for label in sorted({r["label"] for r in items}):
            lines.append(f"**{label}**")
            lines += [f"- {r['subject']!r} → {r['object']!r} — {r['sentence']}" for r in items if r["label"] == label]
            lines.append("")
    lines += ["## Concept-triple errors (document level)", ""]
    for kind in ("false_positives", "false_negatives"):
        items = result["concept_triples"]["errors"][kind]
        lines += [f"### {kind.replace('_', ' ')} ({len(items)})", ""] + [f"- {t}" for t in items] + [""]
    return "\n".join(lines)


def write_reports(result: Dict, out_dir: Path, stem: str = "evaluation") -> List[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return [json_path, md_path]
