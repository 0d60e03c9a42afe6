"""GEXF export with edge time intervals, for Gephi's timeline."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element, ElementTree, SubElement, tostring

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from geokg.exports._scalars import FlatStream, add_evidence_lists, flat_graph
from geokg.graph.model import date_bounds

BATCH = 2_000  # elements built and written at a time from a streamed graph
_RENAMES = {"type": "relation_type"}  # GEXF reserves an edge's `type` for its direction


def _with_interval(key: str, data: dict[str, Any]) -> dict[str, Any]:
    """An edge's flattened attributes with its GEXF id and its date's interval."""
    data["id"] = key
    if data.get("date"):
        start, end = date_bounds(data["date"])
        data["start"], data["end"] = start.isoformat(), end.isoformat()
    return data


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph as written: scalar attributes as for GraphML (see `graphml_graph`), plus
    per edge the interval its date names (`start`/`end`, ISO days, both inclusive: "2025-10"
    spans 2025-10-01..2025-10-31); undated edges have no interval (always present).

    GEXF reserves an edge's `type` for its direction, so the relation type is written as
    `relation_type` (and as the edge label). Each edge's GEXF id is its `source|TYPE|date|target`.
    """
    flat = flat_graph(graph, edge_renames=_RENAMES)
    add_evidence_lists(graph, flat)
    for _, _, key, data in flat.edges(keys=True, data=True):
        _with_interval(key, data)
    return flat


def write_gexf(graph: Any, path: str | Path) -> Path:
    """Write `graph` as GEXF 1.2 (dynamic mode, timeformat date when any edge is dated). A
    networkx graph is built as one XML tree by networkx; a `StreamedGraph` is written as it
    is read, `BATCH` elements at a time, in two passes over the store (the attributes and
    the time format, then the elements), to the same bytes."""
    path = Path(path)
    if isinstance(graph, nx.Graph) or not all(graph.counts()):
        from geokg.graph.selection import materialized

        nx.write_gexf(gexf_graph(materialized(graph)), path)
        return path
    with path.open("wb") as out:
        _StreamedGEXF(FlatStream(graph, edge_renames=_RENAMES)).write(out)
    return path


class _Nodes:
    """`G.nodes` of `_Elements`: called, the batch's nodes; indexed, a node's attributes."""

    def __init__(self, nodes: list) -> None:
        self._nodes = nodes

    def __call__(self, data: bool = True) -> list:
        return self._nodes

    def __getitem__(self, node: str) -> dict[str, Any]:
        return {}  # flattened nodes keep no `id` attribute: the node is its own id


class _Elements:
    """One batch of flattened nodes or edges, shaped as networkx's GEXF writer reads a
    graph (`G.nodes(data=True)`, `G.nodes[u]`, `G.edges(data=True, keys=True)`); no
    reference cycle, so that a written batch is freed at once."""

    graph: dict[str, Any] = {}

    def __init__(self, nodes: list | None = None, edges: list | None = None) -> None:
        self.nodes = _Nodes(nodes or [])
        self._edges = edges or []

    def is_multigraph(self) -> bool:
        return True

    def edges(self, data: bool = True, keys: bool = True) -> list:
        return self._edges


class _StreamedGEXF:
    """networkx's GEXF document, written element by element: networkx's writer declares
    the attributes (ids in order of first use, each typed by its first value) and makes
    every element; the document around them is networkx's, serialized with two markers
    where the nodes and the edges go."""

    def __init__(self, flat: FlatStream) -> None:
        self.flat = flat
        self.writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")

    def write(self, out: BinaryIO) -> None:
        self._declare()
        head, between, tail = self._frame()
        out.write(head)
        self._elements(out, ({"nodes": batch} for batch in _batches(self.flat.nodes())))
        out.write(between)
        self._elements(out, ({"edges": [(u, v, key, _with_interval(key, data))
                                        for u, v, key, data in batch]}
                             for batch in _batches(self.flat.edges())))
        out.write(tail)

    def _declare(self) -> None:
        """What `GEXFWriter.add_graph` learns from every element before writing it: the
        attributes and the graph's time format (an element's `start`/`end`)."""
        writer = self.writer
        writer.graph_element = Element("graph", defaultedgetype="directed", mode="static",
                                       name="")
        for _, data in self.flat.nodes():
            self._attributes("node", {k: v for k, v in data.items()
                                      if k not in ("id", "label")})
        for _, _, key, data in self.flat.edges(evidence=False):
            data = {k: v for k, v in _with_interval(key, data).items() if k != "id"}
            data["key"] = key
            for bound in ("start", "end"):
                if bound in data:
                    writer.alter_graph_mode_timeformat(data.pop(bound))
            self._attributes("edge", {k: v for k, v in data.items() if k != "label"})

    def _attributes(self, kind: str, data: dict[str, Any]) -> None:
        for name, value in data.items():
            title = "networkx_key" if name == "key" else str(name)
            self.writer.get_attr_id(title, self.writer.xml_type[type(value)], kind, {},
                                    "static")

    def _frame(self) -> tuple[bytes, bytes, bytes]:
        """The document's bytes before the nodes, between nodes and edges, after the edges."""
        writer, graph = self.writer, self.writer.graph_element
        node = SubElement(SubElement(graph, "nodes"), "node", id="geokg-nodes")
        edge = SubElement(SubElement(graph, "edges"), "edge", id="geokg-edges")
        writer.xml.append(graph)
        writer.indent(writer.xml)
        buffer = io.BytesIO()
        ElementTree(writer.xml).write(buffer, encoding="utf-8", xml_declaration=True)
        document = buffer.getvalue()
        head, rest = document.split(_serialized(node))  # a marker and its tail, which
        between, tail = rest.split(_serialized(edge))  # the last element takes
        return head, node.tail.encode() + between, edge.tail.encode() + tail

    def _elements(self, out: BinaryIO, batches: Iterable[dict[str, list]]) -> None:
        """Each element as networkx makes and indents it, one level under `nodes`/`edges`."""
        first = True
        for batch in batches:
            scratch = Element("scratch")
            elements = _Elements(**batch)
            if "nodes" in batch:
                self.writer.add_nodes(elements, scratch)
            else:
                self.writer.add_edges(elements, scratch)
            for element in scratch[0]:
                self.writer.indent(element, level=3)
                element.tail = None
                out.write((b"" if first else b"\n      ") + _serialized(element))
                first = False


def _serialized(element: Element) -> bytes:
    return tostring(element, encoding="unicode").encode("utf-8", "xmlcharrefreplace")


def _batches(items: Iterable[Any]) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
