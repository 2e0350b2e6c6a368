"""``osteoheme report``: a static review site for an extraction (no server, no network).

Per document: the text with entity highlights (spaCy's displaCy: one colour
per type, State as ↑/↓ on the label, concept name and id on hover), the
relations listed by sentence, its concept graph, and — with gold — false
positives and false negatives beside the gold. A corpus page: scores per split
and type, F1 bar charts, counts, the concept graph of the best-attested
relations (the limit stated under it), and the aggregated triples and the
documents, each paged. Pictures are inline (PNG charts, SVG graphs), so every
page opens from the file system.

Built to stay usable on large outputs: documents are read and their pages
written one at a time (an index of where each document's rows are replaces
holding them), corpus edges come from the export's out-of-core aggregation, and
no page grows with the corpus beyond its page size.
"""

import base64
import hashlib
import html
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from ..kb.aggregate import aggregate
from ..errors import Errors
from ..io.jsonl import index_by_doc, iter_jsonl, read_runs
from ..schema import ENTITY_TYPES
from ..kb.vocab import node_iri
from .graph import COLORS, graph_svg, with_state as _with_state

CORPUS_GRAPH_EDGES = 120  # the corpus graph draws this many best-attested relations; more is a hairball
EDGES_PER_PAGE = 200  # aggregated triples per page of the triples table
DOCS_PER_PAGE = 500  # documents per page of the document list
EVIDENCE_LINKS = 10  # sentence links per triple in the table (the count says how many there are)
_STATE_MARK = {"Increased": " ↑", "Decreased": " ↓", None: ""}
_CSS = """body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
.fp{background:#ffe3e3}.fn{background:#fff3bf}.neg{text-decoration:line-through}
.entities{border:1px solid #eee;padding:1rem}img{max-width:100%}nav.pages a{margin-right:.4rem}"""


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
    from ..kb.stream import EdgeStore

    from ..io.outputs import check_outputs
    pred_dir, out_dir = Path(pred_dir), Path(out_dir)
    check_outputs(pred_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ents_path, trips_path = pred_dir / "entities.jsonl", pred_dir / "triples.jsonl"
    where_ents, where_trips = index_by_doc(ents_path, Errors.E032), index_by_doc(trips_path, Errors.E032)
    gold = read_brat_dir(gold_dir) if gold_dir else {}
    normalizer = ConceptNormalizer() if gold else None  # the terminology is read once, not per page
    docs: List[Tuple[str, str]] = []
    labels: Counter = Counter()
    n_ents = n_trips = 0
    # One pass: each document's rows are read, its page written and the rows dropped.
    with ents_path.open("rb") as ents_file, trips_path.open("rb") as trips_file:
        for _, row in iter_jsonl(pred_dir / "texts.jsonl", missing=Errors.E032):
            doc_id = row["doc_id"]
            ents = read_runs(ents_file, where_ents.get(doc_id, []))
            trips = read_runs(trips_file, where_trips.get(doc_id, []))
            labels.update(e["label"] for e in ents)
            n_ents, n_trips = n_ents + len(ents), n_trips + len(trips)
            result = None
            if doc_id in gold:
                result = evaluate(ents, trips, {doc_id: gold[doc_id]}, normalizer, per_document=False)
            name = doc_page(doc_id)
            (out_dir / name).write_text(_page(doc_id, _document_body(doc_id, row["text"], ents, trips, result)),
                                        encoding="utf-8")
            docs.append((doc_id, name))
    with EdgeStore(row for _, row in iter_jsonl(trips_path, missing=Errors.E032)) as store:
        edges = _ranked_edges(store)
    summary = (f"<p>{len(docs)} documents, {n_ents} entity mentions, {n_trips} triples, "
               f"{len(edges)} distinct relations.</p><table class=\"counts\">"
               + "".join(f"<tr><td>{t}</td><td>{labels.get(t, 0)}</td></tr>" for t in ENTITY_TYPES) + "</table>")
    pages = _write_index(out_dir, pred_dir, summary, edges, docs)
    return {"pages": pages + [p for _, p in docs], "documents": len(docs)}


def doc_page(doc_id: str) -> str:
    return f"doc-{_slug(doc_id)}.html"


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
    graph = graph_svg(aggregate(trips), doc_id)
    if graph:
        parts.append(f"<h2>Concept graph</h2><img class=\"graph\" alt=\"concept graph\" src=\"{graph}\">")
    return "".join(parts)


def _ranked_edges(store) -> List[Dict]:
    """The aggregated triples, best attested first, each with links to its first sentences (EVIDENCE_LINKS)."""
    edges = []
    for edge, evidence in store.with_evidence():
        edge["links"] = [(t["doc_id"], t["sentence"]["start"], t["sentence"]["text"]) for t in evidence[:EVIDENCE_LINKS]]
        edges.append(edge)
    return sorted(edges, key=lambda e: -e["evidence_count"])  # stable: ties stay in key order


def _edge_table(edges: List[Dict]) -> str:
    parts = ["<table class=\"edges\"><tr><th>subject</th><th>predicate</th><th>object</th><th>evidence</th></tr>"]
    for e in edges:
        links = " ".join(f"<a class=\"evidence\" href=\"{doc_page(doc_id)}#s{start}\" "
                         f"title=\"{html.escape(sentence, quote=True)}\">{html.escape(doc_id)}</a>"
                         for doc_id, start, sentence in e["links"])
        more = e["evidence_count"] - len(e["links"])
        if more:
            links += f" <span class=\"more\">and {more} more</span>"
        neg = " class=\"neg\"" if e["negated"] else ""
        certainty = f" ({html.escape(e['certainty'])})" if e["certainty"] != "asserted" else ""
        parts.append(f"<tr class=\"edge\" data-evidence=\"{e['evidence_count']}\">"
                     f"<td>{html.escape(_with_state(e['subject_name'] or e['subject'], e['subject_state']))}"
                     f"</td><td{neg}>{'NOT ' if e['negated'] else ''}{html.escape(e['predicate'])}{certainty}</td>"
                     f"<td>{html.escape(_with_state(e['object_name'] or e['object'], e['object_state']))}</td>"
                     f"<td>{e['evidence_count']}: {links}</td></tr>")
    return "".join(parts) + "</table>"


def _doc_list(docs: List[Tuple[str, str]]) -> str:
    return "<ul>" + "".join(f"<li><a class=\"doc\" href=\"{p}\">{html.escape(d)}</a></li>" for d, p in docs) + "</ul>"


def _paged(kind: str, n: int, size: int) -> List[str]:
    """Page file names: the first page is part of index.html, the others are <kind>-2.html, <kind>-3.html …"""
    return ["index.html"] + [f"{kind}-{k}.html" for k in range(2, (n + size - 1) // size + 1)]


def _pager(kind: str, names: List[str], current: int) -> str:
    if len(names) < 2:
        return ""
    links = " ".join(f"<b>{k + 1}</b>" if k == current else
                     f"<a class=\"page\" href=\"{name}#{kind}\">{k + 1}</a>" for k, name in enumerate(names))
    return f"<nav class=\"pages {kind}\">{kind.capitalize()} pages: {links}</nav>"


def _write_index(out_dir: Path, pred_dir: Path, summary: str, edges: List[Dict], docs: List[Tuple[str, str]]) -> List[str]:
    """index.html (summary, scores, corpus graph, first page of triples and of documents) and the further pages
    of triples and documents; RETURNS the file names written."""
    edge_pages, doc_pages = _paged("triples", len(edges), EDGES_PER_PAGE), _paged("documents", len(docs), DOCS_PER_PAGE)
    shown = edges[:CORPUS_GRAPH_EDGES]
    graph = graph_svg(shown, "corpus", label_all=False)
    limit = ""
    if graph:
        limit = (f"<p class=\"graph-limit\">The graph shows the {len(shown)} best-attested of {len(edges)} relations "
                 f"(at most {CORPUS_GRAPH_EDGES}, by number of mentions); every relation is in the triples table.</p>")

    def triples(k):
        return (f"<h2 id=\"triples\">Triples</h2>{_pager('triples', edge_pages, k)}"
                + _edge_table(edges[k * EDGES_PER_PAGE:(k + 1) * EDGES_PER_PAGE]))

    def documents(k):
        return (f"<h2 id=\"documents\">Documents</h2>{_pager('documents', doc_pages, k)}"
                + _doc_list(docs[k * DOCS_PER_PAGE:(k + 1) * DOCS_PER_PAGE]))

    body = ["<h1>osteoheme review</h1>", summary, _scores(pred_dir)]
    if graph:
        body.append(f"<h2>Concept graph</h2><img class=\"graph\" alt=\"corpus concept graph\" src=\"{graph}\">{limit}")
    body += [triples(0), documents(0)]
    (out_dir / "index.html").write_text(_page("osteoheme review", "".join(body)), encoding="utf-8")
    back = "<p><a href=\"index.html\">← corpus</a></p>"
    for k, name in enumerate(edge_pages[1:], start=1):
        (out_dir / name).write_text(_page(f"triples, page {k + 1}", back + triples(k)), encoding="utf-8")
    for k, name in enumerate(doc_pages[1:], start=1):
        (out_dir / name).write_text(_page(f"documents, page {k + 1}", back + documents(k)), encoding="utf-8")
    return ["index.html"] + edge_pages[1:] + doc_pages[1:]


def _scores(pred_dir: Path) -> str:
    parts = []
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
    return "".join(parts)
