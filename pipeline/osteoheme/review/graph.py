"""Concept-graph pictures for the review site, as SVG.

networkx lays the graph out; the picture itself is a few SVG elements written
here. Drawing with matplotlib took a quarter of a second per document (a figure,
an arrow patch per edge, a PNG encode), which a site with one graph per document
cannot afford; the SVG costs milliseconds and stays sharp when zoomed.
"""

import base64
import html
from collections import defaultdict
from typing import Dict, List, Optional

COLORS = {"CYTOKINE": "#f4a261", "HORMONE": "#e9c46a", "NUTRIENT": "#8ecae6", "EFFECT": "#b5e48c",
          "DISEASE": "#ff8fa3", "CELL": "#cdb4db", "ANATOMY": "#d4a373",
          "PROTEIN": "#a3c4bc", "DRUG": "#bdb2ff"}
PREDICATE_COLORS = {"INCREASES": "#2a9d8f", "DECREASES": "#e76f51", "CAUSES": "#d62828", "PREDISPOSES": "#f77f00",
                    "PREVENTS": "#4361ee", "REGULATES": "#6c757d", "REQUIRED_FOR": "#7209b7",
                    "PRODUCES": "#8d6e63", "ASSOCIATED_WITH": "#adb5bd"}
STATE_MARK = {"Increased": "↑", "Decreased": "↓"}
_LEGEND_WIDTH = 170


def with_state(name: str, state: Optional[str]) -> str:
    """ "↓ estrogen" for a concept spoken of at a low level, "↑ hepcidin" for a high one."""
    return f"{STATE_MARK[state]} {name}" if state else name


def graph_svg(edges: List[Dict], title: str, label_all: bool = True) -> Optional[str]:
    """A data: URI of the concept graph of ``edges`` (aggregated edges), or None without edges.

    label_all: name every concept; otherwise only hubs (degree 4 or more) are named, as on the corpus graph,
    whose names are all in the triples table beside it.
    """
    if not edges:
        return None
    import networkx as nx

    g = nx.MultiDiGraph()
    for e in edges:
        # A concept with a State is its own node ("↓ estrogen"), so the picture never shows the concept doing
        # what its deficiency or excess does.
        s, o = (e["subject"], e["subject_state"]), (e["object"], e["object_state"])
        g.add_node(s, label=with_state(e["subject_name"] or e["subject"], e["subject_state"]), type=e["subject_label"])
        g.add_node(o, label=with_state(e["object_name"] or e["object"], e["object_state"]), type=e["object_label"])
        g.add_edge(s, o, predicate=e["predicate"], negated=e["negated"], n=e["evidence_count"])
    big = len(g) > 40
    width, height, margin = (1100, 820, 70) if big else (760, 520, 60)
    # Kamada-Kawai spreads hubs apart where a spring layout piles them in the middle; its cost grows with the
    # square of the nodes, which the corpus graph's edge limit keeps small. Small graphs take the spring layout,
    # which is cheaper than Kamada-Kawai's optimizer start-up at a few nodes.
    if big:
        pos = nx.kamada_kawai_layout(nx.Graph(g))
    else:
        pos = nx.spring_layout(g, seed=7, k=1.6 / max(1, len(g) ** 0.5))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    plot_w, plot_h = width - _LEGEND_WIDTH - 2 * margin, height - 2 * margin - 20

    def xy(node):
        x, y = pos[node]
        return margin + (x - min(xs)) / span_x * plot_w, margin + 20 + (max(ys) - y) / span_y * plot_h

    degree = dict(g.degree())
    radius = {n: 6 + 1.2 * min(degree[n], 15) for n in g.nodes}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           '<rect width="100%" height="100%" fill="white"/><defs>']
    for p, color in PREDICATE_COLORS.items():
        out.append(f'<marker id="{p}" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" '
                   f'markerWidth="9" markerHeight="9" '
                   f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>')
    out.append("</defs>")
    out.append(f'<text x="{width / 2:.0f}" y="22" text-anchor="middle" font-size="14">{html.escape(title)}: '
               f'{len(g)} concepts, {g.number_of_edges()} relations (edge width: evidence)</text>')
    parallel: Dict[tuple, int] = defaultdict(int)
    for u, v, data in g.edges(data=True):
        (x1, y1), (x2, y2) = xy(u), xy(v)
        # Parallel and opposite edges bend apart; the line ends at the target's rim so the arrow shows.
        k = parallel[frozenset((u, v))]
        parallel[frozenset((u, v))] += 1
        dx, dy = x2 - x1, y2 - y1
        length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        bend = (k + 1) // 2 * (1 if k % 2 else -1) * 18 + (8 if k == 0 and g.has_edge(v, u) else 0)
        cx, cy = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
        ex, ey = x2 - cx, y2 - cy
        elen = max((ex * ex + ey * ey) ** 0.5, 1e-6)
        x2, y2 = x2 - ex / elen * (radius[v] + 1), y2 - ey / elen * (radius[v] + 1)
        dash = ' stroke-dasharray="5,3"' if data["negated"] else ""
        out.append(f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
                   f'stroke="{PREDICATE_COLORS[data["predicate"]]}" stroke-opacity="0.75" '
                   f'stroke-width="{0.6 + 0.6 * min(data["n"], 8):.1f}"{dash} marker-end="url(#{data["predicate"]})"/>')
    for n in g.nodes:
        x, y = xy(n)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[n]:.1f}" fill="{COLORS[g.nodes[n]["type"]]}" '
                   f'stroke="#555" stroke-width="0.5"/>')
    for n in g.nodes:
        if label_all or degree[n] >= 4:
            x, y = xy(n)
            out.append(f'<text x="{x:.1f}" y="{y - radius[n] - 3:.1f}" text-anchor="middle" stroke="white" '
                       f'stroke-width="3" paint-order="stroke">{html.escape(g.nodes[n]["label"])}</text>')
    out += _legend(g, width - _LEGEND_WIDTH + 10)
    out.append("</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode("".join(out).encode("utf-8")).decode("ascii")


def _legend(g, x: float) -> List[str]:
    used_p = sorted({d["predicate"] for _, _, d in g.edges(data=True)})
    used_t = [t for t in COLORS if any(g.nodes[n]["type"] == t for n in g.nodes)]
    out, y = [], 50
    for p in used_p:
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{PREDICATE_COLORS[p]}" stroke-width="2"/>'
                   f'<text x="{x + 30}" y="{y + 4}">{p.lower().replace("_", " ")}</text>')
        y += 16
    out.append(f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="#555" stroke-width="1.5" '
               f'stroke-dasharray="5,3"/><text x="{x + 30}" y="{y + 4}">negated</text>')
    y += 22
    for t in used_t:
        out.append(f'<circle cx="{x + 12}" cy="{y}" r="6" fill="{COLORS[t]}" stroke="#555" stroke-width="0.5"/>'
                   f'<text x="{x + 30}" y="{y + 4}">{t.lower()}</text>')
        y += 16
    return out
