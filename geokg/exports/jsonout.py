"""Node-link JSON export (networkx's node_link format) with the articles."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

_dumps = json.JSONEncoder(ensure_ascii=False, indent=1, default=str).encode


def json_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """`networkx.node_link_data` with `edges="edges"`; the articles as a top-level list
    (`articles`) instead of inside `graph`."""
    data = nx.node_link_data(graph, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "articles"}
    data["articles"] = list(graph.graph.get("articles", {}).values())
    return data


def write_json(graph: Any, path: str | Path) -> Path:
    """Write the node-link JSON (UTF-8, indented); returns the path. A networkx graph is
    written whole; a `StreamedGraph` one node and one edge at a time as it is read, to the
    same bytes."""
    path = Path(path)
    with path.open("wb") as out:
        for text in [_dumps(json_data(graph))] if isinstance(graph, nx.Graph) else _parts(graph):
            # A lone surrogate can only sit inside a JSON string, where "\udXXX" is its
            # valid escape.
            out.write(text.encode("utf-8", "backslashreplace"))
    return path


def _parts(graph: Any) -> Iterator[str]:
    """The text `json.dumps(json_data(graph), indent=1)` gives, piece by piece: the nodes
    and edges of a graph read once in order (a `StreamedGraph`) are never held together."""
    yield '{\n "directed": true,\n "multigraph": true,\n "graph": {},\n "nodes": '
    yield from _array({**attrs, "id": node} for node, attrs in graph.nodes(data=True))
    yield ',\n "edges": '
    yield from _array({**attrs, "source": u, "target": v, "key": key}
                      for u, v, key, attrs in graph.edges(keys=True, data=True))
    yield ',\n "articles": '
    yield from _array(graph.graph.get("articles", {}).values())
    yield "\n}"


def _array(items: Iterable[Any]) -> Iterator[str]:
    """A JSON array one level in (its items two), as json.dumps(indent=1) writes it."""
    opened = False
    for item in items:
        yield (",\n  " if opened else "[\n  ") + _dumps(item).replace("\n", "\n  ")
        opened = True
    yield "\n ]" if opened else "[]"


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
