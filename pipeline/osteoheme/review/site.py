"""``osteoheme report``: a static review site for an extraction (no server, no network).

Per document: the text with entity highlights (spaCy's displaCy: one colour
per type, State as ↑/↓ on the label, concept name and id on hover), the
relations listed by sentence, and — with gold — false positives and false
negatives beside the gold. A corpus page: scores per split and type, F1 bar
charts, the aggregated concept graph, counts. Pictures are inline PNGs
(matplotlib, networkx layout), so every page opens from the file system.
"""

import base64
import hashlib
import html
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Union

from ..kb.aggregate import aggregate
from ..errors import Errors
from ..io.jsonl import iter_jsonl
from ..schema import ENTITY_TYPES
from ..kb.vocab import node_iri

COLORS = {"CYTOKINE": "#f4a261", "HORMONE": "#e9c46a", "NUTRIENT": "#8ecae6", "EFFECT": "#b5e48c",
          "DISEASE": "#ff8fa3", "CELL": "#cdb4db", "ANATOMY": "#d4a373",
          "PROTEIN": "#a3c4bc", "DRUG": "#bdb2ff"}
PREDICATE_COLORS = {"INCREASES": "#2a9d8f", "DECREASES": "#e76f51", "CAUSES": "#d62828", "PREDISPOSES": "#f77f00",
                    "PREVENTS": "#4361ee", "REGULATES": "#6c757d", "REQUIRED_FOR": "#7209b7",
                    "PRODUCES": "#8d6e63", "ASSOCIATED_WITH": "#adb5bd"}
_STATE_MARK = {"Increased": " ↑", "Decreased": " ↓", None: ""}
_CSS = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.fp{background:#ffe3e3}.fn{background:#fff3bf}.neg{text-decoration:line-through}
.entities{border:1px solid #eee;padding:1rem}img{max-width:100%}"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body>{body}</body></html>\n")


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _highlight(text: str, entities: List[dict]) -> str:
    from spacy import displacy
    # displaCy escapes the text but writes label, kb_id and kb_url as given: escape them here, since an
    # edited output folder or terminology can hold markup.
    ents = [{"start": e["start"], "end": e["end"], "label": html.escape(e["label"] + _STATE_MARK.get(e["state"], "")),
             "kb_id": html.escape(e["concept_id"] or ""),
             "kb_url": html.escape(node_iri(e["concept_id"]), quote=True) if e["concept_id"] else "#"}
            for e in entities]
    colors = {label + mark: color for label, color in COLORS.items() for mark in _STATE_MARK.values()}
    markup = displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True,
                             options={"colors": colors}, page=False)
    # displaCy has no hover text: give each highlight, in order, its concept name and State.
    titles = iter(html.escape(f"{e['concept_name'] or e['text']} ({e['label']}"
                              f"{', ' + e['state'] if e['state'] else ''})", quote=True) for e in entities)
    return re.sub(r'<mark class="entity"', lambda m: f'<mark class="entity" title="{next(titles)}"', markup)


def _with_state(name: str, state: Optional[str]) -> str:
    """ "↓ estrogen" for a concept spoken of at a low level, "↑ hepcidin" for a high one."""
    return f"{_STATE_MARK[state].strip()} {name}" if state else name


def _graph_png(edges: List[Dict], title: str) -> Optional[str]:
    if not edges:
        return None
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    g = nx.MultiDiGraph()
    for e in edges:
        # A concept with a State is its own node ("↓ estrogen"), so the picture never shows the concept doing
        # what its deficiency or excess does.
        s, o = (e["subject"], e["subject_state"]), (e["object"], e["object_state"])
        g.add_node(s, label=_with_state(e["subject_name"] or e["subject"], e["subject_state"]), type=e["subject_label"])
        g.add_node(o, label=_with_state(e["object_name"] or e["object"], e["object_state"]), type=e["object_label"])
        g.add_edge(s, o, predicate=e["predicate"], negated=e["negated"], n=e["evidence_count"])
    # Kamada-Kawai spreads hubs apart where a spring layout piles them in the middle, but its
    # cost grows with the square of the nodes (38 s at 1,000): large graphs get the spring layout.
    if 2 < len(g) <= 300:
        pos = nx.kamada_kawai_layout(nx.Graph(g))
    else:
        pos = nx.spring_layout(g, seed=7, k=1.6 / max(1, len(g) ** 0.5))
    degree = dict(g.degree())
    big = len(g) > 40
    fig, ax = plt.subplots(figsize=(16, 12) if big else (10, 7.5))
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=[120 + 40 * min(degree[n], 20) for n in g.nodes],
                           node_color=[COLORS[g.nodes[n]["type"]] for n in g.nodes], edgecolors="#555",
                           linewidths=0.5)
    for u, v, data in g.edges(data=True):
        nx.draw_networkx_edges(g, pos, edgelist=[(u, v)], ax=ax, width=0.6 + 0.6 * min(data["n"], 8),
                               edge_color=PREDICATE_COLORS[data["predicate"]], alpha=0.75,
                               style="dashed" if data["negated"] else "solid", arrows=True, arrowsize=8)
    # On the corpus graph only hubs are named; every name is in the triples table below it.
    labels = {n: g.nodes[n]["label"] for n in g.nodes if not big or degree[n] >= 4}
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8, labels=labels,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    from matplotlib.lines import Line2D
    used_p = sorted({d["predicate"] for _, _, d in g.edges(data=True)})
    used_t = [t for t in COLORS if any(g.nodes[n]["type"] == t for n in g.nodes)]
    handles = ([Line2D([], [], color=PREDICATE_COLORS[p], lw=2, label=p.lower().replace("_", " ")) for p in used_p]
               + [Line2D([], [], color="#555", lw=1.5, ls="--", label="negated")]
               + [Line2D([], [], marker="o", ls="", markerfacecolor=COLORS[t], markeredgecolor="#555", markersize=9,
                         label=t.lower()) for t in used_t])
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    ax.set_title(f"{title}: {len(g)} concepts, {g.number_of_edges()} relations (edge width: evidence)")
    ax.axis("off")
    data = _png(fig)
    plt.close(fig)
    return data


def _bar_png(scores: Dict[str, float], title: str) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.bar(list(scores), list(scores.values()), color="#457b9d")
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1")
    ax.set_title(title)
    ax.tick_params(axis="x", rotation=45)
    plt.setp(ax.get_xticklabels(), ha="right", rotation_mode="anchor")
    data = _png(fig)
    plt.close(fig)
    return data


def build_site(pred_dir: Union[str, Path], out_dir: Union[str, Path], gold_dir: Optional[Union[str, Path]] = None) -> Dict:
    """Write the review site; RETURNS {"pages": [...], "documents": n}."""
    from ..evaluation.brat import read_brat_dir
    from ..evaluation.evaluate import ConceptNormalizer, evaluate

    from ..io.outputs import check_outputs
    pred_dir, out_dir = Path(pred_dir), Path(out_dir)
    check_outputs(pred_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {row["doc_id"]: row["text"] for _, row in iter_jsonl(pred_dir / "texts.jsonl", missing=Errors.E032)}
    entities: Dict[str, List[dict]] = defaultdict(list)
    for _, row in iter_jsonl(pred_dir / "entities.jsonl", missing=Errors.E032):
        entities[row["doc_id"]].append(row)
    triples: Dict[str, List[dict]] = defaultdict(list)
    for _, row in iter_jsonl(pred_dir / "triples.jsonl", missing=Errors.E032):
        triples[row["doc_id"]].append(row)
    gold = read_brat_dir(gold_dir) if gold_dir else {}
    normalizer = ConceptNormalizer() if gold else None  # the terminology is read once, not per page
    pages = []
    for doc_id, text in texts.items():
        result = None
        if doc_id in gold:
            result = evaluate(entities[doc_id], triples[doc_id], {doc_id: gold[doc_id]}, normalizer,
                              per_document=False)
        body = _document_body(doc_id, text, entities[doc_id], triples[doc_id], result)
        name = f"doc-{_slug(doc_id)}.html"
        (out_dir / name).write_text(_page(doc_id, body), encoding="utf-8")
        pages.append((doc_id, name))
    (out_dir / "index.html").write_text(_page("osteoheme review", _index_body(pred_dir, pages, entities, triples)),
                                        encoding="utf-8")
    return {"pages": ["index.html"] + [p for _, p in pages], "documents": len(pages)}


def _slug(doc_id: str) -> str:
    """A file name per doc_id: a readable part, bounded in length, and a hash of the whole id, so ids that
    differ only in characters the readable part drops ("a/b", "a_b", "IL-6α", "IL-6β") never share a page."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:60]
    return f"{readable}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:10]}"


def _document_body(doc_id: str, text: str, ents: List[dict], trips: List[dict], result: Optional[Dict]) -> str:
    parts = [f"<p><a href=\"index.html\">← corpus</a></p><h1>{html.escape(doc_id)}</h1>",
             "<h2>Entities</h2>", _highlight(text, ents), "<h2>Relations by sentence</h2>"]
    by_sentence: Dict[tuple, List[dict]] = defaultdict(list)
    for t in trips:
        by_sentence[(t["sentence"]["start"], t["sentence"]["text"])].append(t)
    for k, ((start, sentence), rows) in enumerate(sorted(by_sentence.items())):
        parts.append(f"<h3 id=\"s{start}\">Sentence {k + 1}</h3><p>{html.escape(sentence)}</p><table class=\"triples\">"
                     "<tr><th>subject</th><th>predicate</th><th>object</th><th>confidence</th><th>method</th>"
                     "<th>sentence</th></tr>")
        for t in rows:
            neg = " class=\"neg\"" if t["negated"] else ""
            parts.append(f"<tr class=\"triple\"><td>{html.escape(_with_state(t['subject']['text'], t['subject']['state']))}"
                         f"</td><td{neg}>{'NOT ' if t['negated'] else ''}{html.escape(t['predicate'])}</td>"
                         f"<td>{html.escape(_with_state(t['object']['text'], t['object']['state']))}</td>"
                         f"<td>{t['confidence']:.2f}</td>"
                         f"<td>{html.escape(t['method'])}</td><td><a class=\"sentence\" href=\"#s{start}\">"
                         f"{k + 1}</a></td></tr>")
        parts.append("</table>")
    if result is not None:
        parts.append("<h2>Against the gold</h2>")
        for view, key in (("Entities", "entities"), ("Relations", "relations")):
            parts.append(f"<h3>{view}</h3><table class=\"gold-diff\"><tr><th>kind</th><th>item</th><th>sentence</th></tr>")
            for kind, css in (("false_positives", "fp"), ("false_negatives", "fn")):
                for err in result[key]["errors"][kind]:
                    item = (f"{err['label']}: {err['text']}" if key == "entities"
                            else f"{err['subject']} {err['label']} {err['object']}")
                    parts.append(f"<tr class=\"{css}\"><td>{kind.replace('_', ' ')}</td><td>{html.escape(item)}</td>"
                                 f"<td>{html.escape(err.get('sentence', ''))}</td></tr>")
            parts.append("</table>")
    graph = _graph_png(aggregate(trips), doc_id)
    if graph:
        parts.append(f"<h2>Concept graph</h2><img class=\"graph\" alt=\"concept graph\" src=\"{graph}\">")
    return "".join(parts)


def _edge_table(edges: List[Dict], pages: Dict[str, str]) -> str:
    """The aggregated triples, best attested first, each with links to the sentences that state it."""
    parts = ["<h2>Triples</h2><table class=\"edges\"><tr><th>subject</th><th>predicate</th><th>object</th>"
             "<th>evidence</th></tr>"]
    for e in sorted(edges, key=lambda e: -e["evidence_count"]):
        links = " ".join(f"<a class=\"evidence\" href=\"{pages[t['doc_id']]}#s{t['sentence']['start']}\" "
                         f"title=\"{html.escape(t['sentence']['text'], quote=True)}\">{html.escape(t['doc_id'])}</a>"
                         for t in e["evidence"])
        neg = " class=\"neg\"" if e["negated"] else ""
        certainty = f" ({html.escape(e['certainty'])})" if e["certainty"] != "asserted" else ""
        parts.append(f"<tr class=\"edge\"><td>{html.escape(_with_state(e['subject_name'] or e['subject'], e['subject_state']))}"
                     f"</td><td{neg}>{'NOT ' if e['negated'] else ''}{html.escape(e['predicate'])}{certainty}</td>"
                     f"<td>{html.escape(_with_state(e['object_name'] or e['object'], e['object_state']))}</td>"
                     f"<td>{links}</td></tr>")
    return "".join(parts) + "</table>"


def _index_body(pred_dir: Path, pages, entities, trips) -> str:
    parts = ["<h1>osteoheme review</h1>"]
    n_ents = sum(len(v) for v in entities.values())
    n_trips = sum(len(v) for v in trips.values())
    labels = Counter(e["label"] for v in entities.values() for e in v)
    parts.append(f"<p>{len(pages)} documents, {n_ents} entity mentions, {n_trips} triples.</p><table class=\"counts\">"
                 + "".join(f"<tr><td>{t}</td><td>{labels.get(t, 0)}</td></tr>" for t in ENTITY_TYPES) + "</table>")
    for path in sorted(pred_dir.glob("evaluation*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem.replace("evaluation", "all documents").replace("all documents-", "split ")
        parts.append(f"<h2>Scores: {html.escape(name)}</h2><table class=\"scores\"><tr><th>view</th><th>P</th>"
                     "<th>R</th><th>F1</th></tr>")
        for view, s in (("entities (lenient)", result["entities"]["lenient"]["ALL"]),
                        ("relation mentions (strict)", result["relations"]["strict"]["ALL"]),
                        ("document concepts", result["concept_triples"]["ALL"])):
            parts.append(f"<tr><td>{view}</td><td>{s['p']:.3f}</td><td>{s['r']:.3f}</td><td>{s['f']:.3f}</td></tr>")
        parts.append("</table>")
        ent_f = {t: result["entities"]["lenient"][t]["f"] for t in ENTITY_TYPES}
        rel_f = {k: v["f"] for k, v in result["concept_triples"].items() if k not in ("ALL", "errors")}
        parts.append(f"<img class=\"chart\" alt=\"entity F1 per type\" src=\"{_bar_png(ent_f, name + ': entity F1')}\">")
        if rel_f:
            parts.append(f"<img class=\"chart\" alt=\"relation F1 per type\" "
                         f"src=\"{_bar_png(rel_f, name + ': relation F1 (document level)')}\">")
    edges = aggregate(t for v in trips.values() for t in v)
    graph = _graph_png(edges, "corpus")
    if graph:
        parts.append(f"<h2>Concept graph</h2><img class=\"graph\" alt=\"corpus concept graph\" src=\"{graph}\">")
    parts.append(_edge_table(edges, dict(pages)))
    parts.append("<h2>Documents</h2><ul>" + "".join(
        f"<li><a class=\"doc\" href=\"{p}\">{html.escape(d)}</a></li>" for d, p in pages) + "</ul>")
    return "".join(parts)
