"""What the map draws: the most connected entities of the selection, up to a cap.

A browser draws a few thousand nodes and some ten thousand edges in a few seconds; a store of
a million relations has a hundred thousand entities. `map_graph` keeps the `max_nodes`
selected entities of highest degree (edges in and out within the selection; ties in store
order) and, of the selected edges between them, at most `EDGES_PER_NODE * max_nodes`: those
with the most evidence (ties: store order). `max_nodes` 0 draws everything. Filters apply
first (the selection), the cap to what they leave; `MapCap.note()` says what was left out,
for the page and the terminal.

From a `StreamedGraph` the degrees and the choice are SQL aggregates; only what is drawn is
read into memory. The contested claims (`geokg.contested`) are then asked of a small graph
that gives the same answer for the drawn edges as the whole store: the drawn edges, and the
denials (asserted REJECT edges) that could contest one of them, by a drawn entity or by one
tied to a drawn entity (LEADS / MEMBER_OF, with those ties), against the claimant or sharing
an article with an alleged claim (the `contested_claims` query looks no further).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

DEFAULT_MAX_NODES = 2_000
EDGES_PER_NODE = 5
_SHOWN = "temp.geokg_shown"
_SHOWN_RELS = "temp.geokg_shown_rels"
_CLOSURE = "temp.geokg_closure"
_TIES = "('LEADS', 'MEMBER_OF')"


@dataclass
class MapCap:
    """The cap and what it left out."""

    max_nodes: int
    total_nodes: int
    total_edges: int
    shown_nodes: int
    shown_edges: int

    @property
    def capped(self) -> bool:
        return (self.shown_nodes, self.shown_edges) != (self.total_nodes, self.total_edges)

    def note(self) -> str | None:
        """One line on what was left out, or None when everything is drawn."""
        if not self.capped:
            return None
        left_nodes = self.total_nodes - self.shown_nodes
        left_edges = self.total_edges - self.shown_edges
        return (f"Showing the {self.shown_nodes:,} most connected of {self.total_nodes:,} "
                f"entities and {self.shown_edges:,} of {self.total_edges:,} relations "
                f"(--max-nodes {self.max_nodes:,}): {left_nodes:,} entities and "
                f"{left_edges:,} relations left out; --max-nodes 0 draws all.")


def max_edges(max_nodes: int) -> int:
    """The edge cap that goes with a node cap (0: none)."""
    return EDGES_PER_NODE * max_nodes


def map_graph(graph: Any, contested_source: Any, max_nodes: int = DEFAULT_MAX_NODES
              ) -> tuple[nx.MultiDiGraph, MapCap]:
    """The graph the map draws (contested claims marked) and its cap; `graph` is what
    `geokg.graph.selection.selected` gave, `contested_source` the store or travelled view the
    contested claims are asked of when `graph` is a networkx graph."""
    from geokg.contested import mark_contested

    if max_nodes < 0:
        raise ValueError(f"max_nodes must be 0 or more, not {max_nodes}")
    if isinstance(graph, nx.Graph):
        drawn, cap = _capped_networkx(graph, max_nodes)
        mark_contested(drawn, contested_source)
        return drawn, cap
    return _capped_streamed(graph, max_nodes)


def _evidence_count(data: dict[str, Any]) -> int:
    return len(data.get("evidence") or [])


def _capped_networkx(graph: nx.MultiDiGraph, max_nodes: int
                     ) -> tuple[nx.MultiDiGraph, MapCap]:
    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    if not max_nodes or (total_nodes <= max_nodes and total_edges <= max_edges(max_nodes)):
        return graph, MapCap(max_nodes, total_nodes, total_edges, total_nodes, total_edges)
    order = {n: i for i, n in enumerate(graph)}
    degree = dict(graph.degree())
    shown = set(sorted(graph, key=lambda n: (-degree[n], order[n]))[:max_nodes])
    edges = [(i, e) for i, e in enumerate(graph.edges(keys=True, data=True))
             if e[0] in shown and e[1] in shown]
    if len(edges) > max_edges(max_nodes):
        edges = sorted(edges, key=lambda ie: (-_evidence_count(ie[1][3]), ie[0]))
        edges = sorted(edges[:max_edges(max_nodes)])
    drawn = nx.MultiDiGraph()
    drawn.add_nodes_from((n, dict(d)) for n, d in graph.nodes(data=True) if n in shown)
    drawn.add_edges_from((u, v, k, dict(d)) for _, (u, v, k, d) in edges)
    _keep_cited_articles(drawn, graph.graph.get("articles", {}))
    return drawn, MapCap(max_nodes, total_nodes, total_edges, drawn.number_of_nodes(),
                         drawn.number_of_edges())


def _keep_cited_articles(drawn: nx.MultiDiGraph, articles: dict[str, Any]) -> None:
    cited = {e.get("article") for *_, d in drawn.edges(data=True) for e in d.get("evidence", [])}
    drawn.graph["articles"] = {a: dict(v) for a, v in articles.items() if a in cited}


def _capped_streamed(graph: Any, max_nodes: int) -> tuple[nx.MultiDiGraph, MapCap]:
    total_nodes, total_edges = graph.counts()
    run = graph.execute
    for table in (_SHOWN, _SHOWN_RELS, _CLOSURE):
        run(f"DROP TABLE IF EXISTS {table}")
    run(f"CREATE TABLE {_SHOWN} (id TEXT PRIMARY KEY)")
    run(f"CREATE TABLE {_SHOWN_RELS} (id INTEGER PRIMARY KEY)")
    try:
        everything = not max_nodes or (total_nodes <= max_nodes
                                       and total_edges <= max_edges(max_nodes))
        if max_nodes and total_nodes > max_nodes:
            for ids in _chunks(graph.top_nodes(max_nodes)):
                run(f"INSERT INTO {_SHOWN} VALUES {', '.join(['(?)'] * len(ids))}", ids)
        else:
            run(f"INSERT INTO {_SHOWN} SELECT e.id FROM entities e WHERE "
                f"{graph.kept_entities()}")
        between = (f"{graph.kept_relations()} AND r.source IN {_SHOWN} "
                   f"AND r.target IN {_SHOWN}")
        candidates = run(f"SELECT count(*) FROM relations r WHERE {between}")[0][0]
        limit = max_edges(max_nodes)
        if max_nodes and candidates > limit:
            run(f"INSERT INTO {_SHOWN_RELS} SELECT r.id FROM relations r WHERE {between} "
                "ORDER BY (SELECT count(*) FROM evidence e WHERE e.relation = r.id) DESC, r.id "
                "LIMIT ?", (limit,))
        else:
            run(f"INSERT INTO {_SHOWN_RELS} SELECT r.id FROM relations r WHERE {between}")
        drawn = nx.MultiDiGraph()
        drawn.add_nodes_from(graph.nodes(data=True, where=f"AND e.id IN {_SHOWN}"))
        drawn.add_edges_from(graph.edges(keys=True, data=True, within=_SHOWN_RELS))
        if everything:
            drawn.graph["articles"] = graph.articles()
        else:
            _keep_cited_articles(drawn, graph.articles())
        _mark_contested(graph, drawn)
    finally:
        for table in (_SHOWN, _SHOWN_RELS, _CLOSURE):
            run(f"DROP TABLE IF EXISTS {table}")
    return drawn, MapCap(max_nodes, total_nodes, total_edges, drawn.number_of_nodes(),
                         drawn.number_of_edges())


# The LEADS / MEMBER_OF ties between a denier (source of a denial in the closure) and a drawn
# entity, either way. Each side is looked up by its denier alone: the unary + keeps SQLite from
# probing the (source, type, target) index once per denier x type x drawn entity, which took
# 56 s of a 1M-relation map (tests/test_map_contested_plan.py checks the plan).
_DENIERS = f"(SELECT x.source FROM relations x WHERE x.id IN {_CLOSURE})"
TIES_QUERY = (f"SELECT t.id FROM relations t WHERE +t.type IN {_TIES} AND t.source IN {_DENIERS} "
              f"AND +t.target IN {_SHOWN} UNION SELECT t.id FROM relations t "
              f"WHERE +t.type IN {_TIES} AND t.target IN {_DENIERS} AND +t.source IN {_SHOWN}")


def _chunks(ids: list[str], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _mark_contested(graph: Any, drawn: nx.MultiDiGraph) -> None:
    """`mark_contested` on the drawn edges, asked of the small graph the module describes."""
    from geokg.contested import mark_contested
    from geokg.graph.model import Entity, GraphFragment, Relation
    from geokg.graph.streamed import edge_attributes, node_attributes
    from geokg.graph.timetravel import TravelledGraph

    run = graph.execute
    claims = ("r.status IN ('asserted', 'alleged') AND coalesce(r.category, '') <> 'REJECT'")
    # denials that could contest a drawn claim: of its source (the claimant) or sharing an
    # article with an alleged one
    run(f"CREATE TABLE {_CLOSURE} (id INTEGER PRIMARY KEY)")
    run(f"INSERT INTO {_CLOSURE} SELECT x.id FROM relations x WHERE x.category = 'REJECT' "
        f"AND x.status = 'asserted' AND x.target IN (SELECT r.source FROM relations r "
        f"WHERE r.id IN {_SHOWN_RELS} AND {claims} AND r.category IS NOT NULL)")
    run(f"INSERT OR IGNORE INTO {_CLOSURE} SELECT DISTINCT e.relation FROM evidence e "
        "JOIN relations x ON x.id = e.relation WHERE x.category = 'REJECT' AND "
        "x.status = 'asserted' AND e.article IN (SELECT a.article FROM evidence a JOIN "
        f"relations r ON r.id = a.relation WHERE r.id IN {_SHOWN_RELS} AND {claims} "
        "AND r.status = 'alleged')")
    # their deniers' ties to the drawn entities, and the denials by a drawn entity or by
    # one tied to a drawn entity
    run(f"CREATE TABLE {_CLOSURE}_ties (id INTEGER PRIMARY KEY)")
    run(f"INSERT INTO {_CLOSURE}_ties {TIES_QUERY}")
    run(f"DELETE FROM {_CLOSURE} WHERE id NOT IN (SELECT x.id FROM relations x "
        f"WHERE x.id IN {_CLOSURE} AND (x.source IN {_SHOWN} OR x.source IN "
        f"(SELECT t.source FROM relations t WHERE t.id IN {_CLOSURE}_ties) OR x.source IN "
        f"(SELECT t.target FROM relations t WHERE t.id IN {_CLOSURE}_ties)))")
    run(f"INSERT OR IGNORE INTO {_CLOSURE} SELECT id FROM {_CLOSURE}_ties")
    run(f"DROP TABLE {_CLOSURE}_ties")
    if not run(f"SELECT 1 FROM {_CLOSURE} LIMIT 1"):
        return  # no denial can contest a drawn edge
    run(f"INSERT OR IGNORE INTO {_CLOSURE} SELECT id FROM {_SHOWN_RELS}")
    rows = run(f"SELECT r.id, r.source, r.type, r.target, r.date, r.category, r.status, "
               f"r.properties, r.confidence FROM relations r WHERE r.id IN {_CLOSURE} "
               "ORDER BY r.id")
    evidence = graph._evidence([row[0] for row in rows])
    relations = [Relation.model_validate(edge_attributes(row, evidence.get(row[0], [])))
                 for row in rows]
    entities = [Entity.model_validate(node_attributes(row)) for row in run(
        "SELECT e.id, e.name, e.type, e.aliases, e.country, e.wikidata, e.roles FROM entities e "
        f"WHERE e.id IN (SELECT source FROM relations WHERE id IN {_CLOSURE} UNION "
        f"SELECT target FROM relations WHERE id IN {_CLOSURE}) ORDER BY e.rowid")]
    mark_contested(drawn, TravelledGraph(GraphFragment(entities=entities, relations=relations)))
