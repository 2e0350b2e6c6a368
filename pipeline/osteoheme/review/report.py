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
