"""Contested claims on a selected graph: edges the `contested_claims` query pairs with a denial.

`mark_contested(graph, store)` sets `contested=True` (and `denied_by`, the deniers' names) on
each such edge of a networkx graph, for the map to draw them apart ("A says / B denies").
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from geokg.queries.catalog import run_query


def mark_contested(graph: nx.MultiDiGraph, store: Any) -> int:
    """Flag the contested edges of `graph` (claims of `store`, a store or travelled view);
    how many edges were flagged."""
    denials: dict[tuple, list[str]] = {}
    for row in run_query(store, "contested_claims", {}):
        key = (row["source_id"], row["claim"], row["target_id"], row["claim_date"])
        denials.setdefault(key, []).append(row["denier"])
    flagged = 0
    for u, v, data in graph.edges(data=True):
        deniers = denials.get((u, data.get("type"), v, data.get("date")))
        if deniers:
            data["contested"] = True
            data["denied_by"] = sorted(set(deniers))
            flagged += 1
    return flagged
