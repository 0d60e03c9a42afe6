"""Node-link JSON export (networkx's node_link format) with the articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx


def json_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """`networkx.node_link_data` with `edges="edges"`; the articles as a top-level list
    (`articles`) instead of inside `graph`."""
    data = nx.node_link_data(graph, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "articles"}
    data["articles"] = list(graph.graph.get("articles", {}).values())
    return data


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the node-link JSON (UTF-8, indented); returns the path."""
    path = Path(path)
    text = json.dumps(json_data(graph), ensure_ascii=False, indent=1, default=str)
    # A lone surrogate can only sit inside a JSON string, where "\udXXX" is its valid escape.
    path.write_bytes(text.encode("utf-8", "backslashreplace"))
    return path


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a file `write_json` wrote back into a graph like `to_networkx`'s."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    articles = data.pop("articles", [])
    graph = nx.node_link_graph(data, edges="edges", directed=True, multigraph=True)
    graph.graph["articles"] = {a["id"]: a for a in articles}
    for node, attrs in graph.nodes(data=True):  # node_link_graph drops these duplicates
        attrs["id"] = node
    for u, v, attrs in graph.edges(data=True):
        attrs.update(source=u, target=v)
    return graph
