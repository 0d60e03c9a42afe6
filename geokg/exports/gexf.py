"""GEXF export with edge time intervals, for Gephi's timeline."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from geokg.exports._scalars import add_evidence_lists, flat_graph
from geokg.graph.model import date_bounds


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph as written: scalar attributes as for GraphML (see `graphml_graph`), plus
    per edge the interval its date names (`start`/`end`, ISO days, both inclusive: "2025-10"
    spans 2025-10-01..2025-10-31); undated edges have no interval (always present).

    GEXF reserves an edge's `type` for its direction, so the relation type is written as
    `relation_type` (and as the edge label). Each edge's GEXF id is its `source|TYPE|date|target`.
    """
    flat = flat_graph(graph, edge_renames={"type": "relation_type"})
    add_evidence_lists(graph, flat)
    for _, _, key, data in flat.edges(keys=True, data=True):
        data["id"] = key
        if data.get("date"):
            start, end = date_bounds(data["date"])
            data["start"], data["end"] = start.isoformat(), end.isoformat()
    return flat


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `graph` as GEXF 1.2 (dynamic mode, timeformat date when any edge is dated)."""
    path = Path(path)
    nx.write_gexf(gexf_graph(graph), path)
    return path
