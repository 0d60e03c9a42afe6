"""The interactive HTML map: one self-contained page drawn by vis-network.

pyvis supplies vis-network (its bundled `lib/vis-9.1.2` files, inlined); the page is our own
template (`templates/map.html` + `templates/map.js`) because pyvis's loads Bootstrap and
tom-select from CDNs and writes titles with innerHTML. The page makes no network request
(a Content-Security-Policy forbids them and allows only our own scripts, by hash), and every
text from the data reaches the DOM through `textContent`. The graph travels as JSON in a
`<script type="application/json">` with `<`, `>` and `&` escaped.

Under the graph a timeline strip counts the shown events per period (`periods.py`) stacked
by PLOVER quad, in the colours the edges have; dragging over it filters the map to a window.

Positions are computed here: networkx's spring layout for the (at most `ANCHORS`) best
connected nodes, the others placed next to their already placed neighbours, so a graph of
thousands of nodes lays out in about a second. Physics runs in the browser only up to
`PHYSICS_MAX_NODES` nodes, and its stabilization before the first draw is bounded
(`stabilization_iterations`): from these positions the rest settles on screen.

What the first draw costs in headless Chromium (a 1M-relation store's default map: 2,000
nodes, 10,000 edges) is vis-network's per-edge work: building each edge (its own font options
cost a third of that: the page gives a font only to stacked labels) and, at every full draw,
measuring every edge label even where none is drawn. Past `LAZY_LABEL_EDGES` edges the page
gives an edge its label only once the zoom makes labels readable and the edge is in view.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
from collections import deque
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup

from geokg.exports.periods import Periods, event_start, periods_for
from geokg.graph.model import EntityType, citation, date_bounds
from geokg.graph.vocabulary import QUADS, plover_quad

PHYSICS_MAX_NODES = 300
STABILIZATION_WORK = 15_000  # node-iterations of physics before the first draw (at most 150)
LAZY_LABEL_EDGES = 2_000  # past this many edges, labels join edges in view when readable
LABEL_PX = 13  # edge label font, in graph units at zoom 1
LABEL_MIN_PX = 12  # edge labels smaller than this on screen are not drawn
ANCHORS = 300  # networkx's spring layout is dense (O(n^2) per step) below 500 nodes
TEMPLATES = Path(__file__).with_name("templates")
VIS_DIR = Path(pyvis.__file__).with_name("lib") / "vis-9.1.2"

# Per entity type: color, vis-network shape, the legend glyph.
STYLES: dict[str, tuple[str, str, str]] = {
    EntityType.PERSON: ("#4e79a7", "dot", "●"),
    EntityType.COUNTRY: ("#e15759", "diamond", "◆"),
    EntityType.GOVERNMENT_BODY: ("#f28e2b", "square", "■"),
    EntityType.ORGANIZATION: ("#59a14f", "triangle", "▲"),
    EntityType.ARMED_GROUP: ("#9c2a2a", "triangleDown", "▼"),
    EntityType.CRIMINAL_GROUP: ("#b07aa1", "star", "★"),
    EntityType.IGO: ("#76b7b2", "hexagon", "⬢"),
    EntityType.LOCATION: ("#9d9d9d", "dot", "●"),
}
# Per PLOVER quad (edges, the timeline strip and `geokg plot`): blues cooperate, reds clash;
# verbal lighter than material.
QUAD_COLORS = dict(zip(QUADS, ("#6baed6", "#1f5f99", "#f08a4b", "#b2182b"), strict=True))
TIE_COLOR = "#8c8c8c"
EDGE_COLORS = {**QUAD_COLORS, "standing tie": TIE_COLOR}


def layout(graph: nx.MultiDiGraph, seed: int = 7) -> dict[Any, tuple[float, float]]:
    """Node positions in pixels: spring layout of the best connected nodes; every other node
    near the mean of its placed neighbours (breadth first), in a disc whose area grows with
    the degree of the node it hangs from; components with no placed node go on an outer ring.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from(graph.edges())
    if not len(simple):
        return {}
    anchors = sorted(simple, key=simple.degree, reverse=True)[:ANCHORS]
    rng = random.Random(seed)
    try:
        pos = {n: (float(x), float(y)) for n, (x, y) in
               nx.spring_layout(simple.subgraph(anchors), seed=seed).items()}
    except ImportError:  # no numpy: random start (physics or the reader tidies up)
        pos = {n: (rng.uniform(-1, 1), rng.uniform(-1, 1)) for n in anchors}
    step = 1.5 / math.sqrt(len(simple))

    def spread(queue: deque) -> None:
        while queue:
            parent = queue.popleft()
            for node in simple[parent]:
                if node in pos:
                    continue
                near = [pos[m] for m in simple[node] if m in pos]
                radius = step * math.sqrt(simple.degree(parent) * rng.random())
                angle = rng.uniform(0, 2 * math.pi)
                pos[node] = (sum(p[0] for p in near) / len(near) + radius * math.cos(angle),
                             sum(p[1] for p in near) / len(near) + radius * math.sin(angle))
                queue.append(node)

    spread(deque(anchors))
    for node in simple:
        if node not in pos:  # a component without anchors
            angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(1.15, 1.6)
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
            spread(deque([node]))
    scale = 200 + 40 * math.sqrt(len(simple))
    return {n: (round(x * scale, 1), round(y * scale, 1)) for n, (x, y) in pos.items()}


def stabilization_iterations(nodes: int) -> int:
    """Physics iterations run before the first draw: 150 up to 100 nodes, fewer beyond (the
    positions computed here are a good start), never under 25."""
    return max(25, min(150, STABILIZATION_WORK // max(nodes, 1)))


def _span(dates: list[str]) -> list[str] | None:
    """[earliest first day, latest last day] over ISO date prefixes, None when undated."""
    if not dates:
        return None
    return [min(date_bounds(d)[0] for d in dates).isoformat(),
            max(date_bounds(d)[1] for d in dates).isoformat()]


def map_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page needs: vis-ready nodes and edges plus the raw fields for tooltips."""
    positions = layout(graph)
    degree = dict(graph.degree())
    nodes = []
    for node, d in graph.nodes(data=True):
        color, shape, _ = STYLES.get(d.get("type"), ("#bab0ac", "dot", "●"))
        x, y = positions[node]
        nodes.append({"id": str(node), "label": d.get("name") or str(node),
                      "group": d.get("type") or "", "color": color, "shape": shape, "x": x,
                      "y": y, "size": round(min(12 + 4 * math.sqrt(degree[node]), 48), 1),
                      "aliases": d.get("aliases") or [], "roles": d.get("roles") or [],
                      "country": d.get("country"), "wikidata": d.get("wikidata")})
    periods = periods_for(day for *_, d in graph.edges(data=True)
                          if (day := event_start(d)) is not None)
    pair_sizes: dict[frozenset, int] = {}
    for u, v in graph.edges():
        pair_sizes[frozenset((u, v))] = pair_sizes.get(frozenset((u, v)), 0) + 1
    edges, parallel = [], {}
    for index, (u, v, d) in enumerate(graph.edges(data=True)):
        pair = frozenset((u, v))
        rank = parallel[pair] = parallel.get(pair, -1) + 1
        date, kind = d.get("date"), d.get("type") or ""
        start, end = (b.isoformat() for b in date_bounds(date)) if date else (None, None)
        quad, day = plover_quad(d.get("category")), event_start(d)
        edge = {"id": f"e{index}", "from": str(u), "to": str(v),
                "label": f"{kind} {date}" if date else kind, "type": kind,
                "category": d.get("category"), "date": date, "start": start, "end": end,
                "status": d.get("status"), "confidence": d.get("confidence"),
                "quad": quad, "period": periods.index(day) if day else None,
                "color": QUAD_COLORS[quad] if quad else TIE_COLOR,
                "dashes": d.get("status") in ("alleged", "denied", "announced"),
                "evidence": [{"article": e.get("article"), "sentence": e.get("sentence")}
                             for e in d.get("evidence") or []]}
        if pair_sizes[pair] > 1:  # labels of parallel edges stack: lines of the label height
            edge["stack"] = rank - (pair_sizes[pair] - 1) / 2
        if rank:  # parallel edges bend to alternate sides
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW",
                              "roundness": 0.25 * ((rank + 1) // 2)}
        edges.append(edge)
    dates = [d["date"] for *_, d in graph.edges(data=True) if d.get("date")]
    big = len(nodes) > PHYSICS_MAX_NODES
    options = {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": not big, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -150, "springLength": 170,
                                         "avoidOverlap": 0.4},
                    "stabilization": {"iterations": stabilization_iterations(len(nodes)),
                                      "updateInterval": 50}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "strokeWidth": 3,
                                              "strokeColor": "#ffffff"}},
        # Edge labels run along their edge on a white halo, drawn only once they would be
        # at least LABEL_MIN_PX on screen (zoomed in, or enlarged by the page on hover).
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "smooth": False,
                  "labelHighlightBold": False,
                  "font": {"size": LABEL_PX, "align": "middle", "color": "#333333",
                           "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": LABEL_MIN_PX, "maxVisible": 16}},
                  "width": 1.6},
    }
    articles = {key: {**a, "name": citation(key, a.get("title"), a.get("url"), a.get("source"))}
                for key, a in graph.graph.get("articles", {}).items()}  # as evidence cites it
    return {"nodes": nodes, "edges": edges, "articles": articles,
            "styles": {t.value: {"color": c, "glyph": g} for t, (c, _, g) in STYLES.items()},
            "edgeColors": EDGE_COLORS, "actions": sorted({e["type"] for e in edges}),
            "span": _span(dates), "timeline": _timeline(periods), "labelPx": LABEL_PX,
            "labelMinPx": LABEL_MIN_PX, "lazyLabels": len(edges) > LAZY_LABEL_EDGES,
            "options": options}


def _timeline(periods: Periods | None) -> dict[str, Any] | None:
    """The strip's periods (unit, and per period its first/last day and label)."""
    if periods is None:
        return None
    rows = []
    for position in range(len(periods.starts)):
        first, last = periods.bounds(position)
        rows.append({"start": first.isoformat(), "end": last.isoformat(),
                     "label": periods.label(position)})
    return {"unit": periods.unit, "quads": list(QUADS), "periods": rows}


def json_for_script(data: Any) -> str:
    """JSON safe inside a `<script>` element: no `<`, `>`, `&`, U+2028 or U+2029 left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _inline(text: str, closing: str) -> Markup:
    if closing in text.lower():
        raise ValueError(f"refusing to inline text containing {closing!r}")
    return Markup(text)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def render_html(graph: nx.MultiDiGraph, title: str | None = None,
                cap_note: str | None = None) -> str:
    """The page as a string (`cap_note`: what the node cap left out, shown under the title)."""
    data = map_data(graph)
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    app_js = (TEMPLATES / "map.js").read_text(encoding="utf-8")
    span = data["span"]
    summary = (f"{graph.number_of_nodes()} entities · {graph.number_of_edges()} relations"
               + (f" · {span[0]} to {span[1]}" if span else ""))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return env.get_template("map.html").render(
        title=title or "geokg map", summary=summary,
        vis_css=_inline((VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "</style"),
        vis_js=_inline(vis_js, "</script"), app_js=_inline(app_js, "</script"),
        data=Markup(json_for_script(data)), cap_note=cap_note,
        script_hashes=" ".join(f"'{_sha256(s)}'" for s in (vis_js, app_js)))


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str | None = None,
               cap_note: str | None = None) -> Path:
    """Write the map to `path` (UTF-8); returns the path."""
    path = Path(path)
    # A lone surrogate can only come from the data, inside a JSON string: escape it there.
    path.write_bytes(render_html(graph, title, cap_note).encode("utf-8", "backslashreplace"))
    return path
