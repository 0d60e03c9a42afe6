"""GraphML export (networkx + lxml) for Gephi, yEd and Cytoscape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriterLxml, IncrementalElement

from geokg.exports._scalars import FlatStream, add_evidence_lists, flat_graph, xml_text


def graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph as written: every attribute a GraphML-typed scalar.

    Lists and dicts (aliases, roles, properties, evidence) become JSON strings; each edge
    also carries its evidence as the stores' parallel lists (`sentences`, `articles`, `urls`,
    ...: `add_evidence_lists`), JSON arrays of plain values; a None value
    is left out (the element has no `<data>` for that key, which readers show as empty).
    Node `label` = name, edge `label` = type, the edge's `id` = `source|TYPE|date|target`;
    the node id and the edge endpoints are structural, not repeated as data. Characters XML
    1.0 forbids are removed from every string. The articles go into one graph attribute,
    `articles`, a JSON object keyed by article id.
    """
    flat = flat_graph(graph)
    add_evidence_lists(graph, flat)
    flat.graph["articles"] = xml_text(json.dumps(graph.graph.get("articles", {}),
                                                 ensure_ascii=False, default=str))
    return flat


def write_graphml(graph: Any, path: str | Path) -> Path:
    """Write `graph` as GraphML with typed keys; returns the path. A networkx graph is
    flattened whole (`graphml_graph`); a `StreamedGraph` is written as it is read, in two
    passes over the store (the keys and their types, then the elements), to the same bytes."""
    path = Path(path)
    if isinstance(graph, nx.Graph):
        nx.write_graphml(graphml_graph(graph), path, infer_numeric_types=True)
        return path
    flat = FlatStream(graph)
    flat.graph["articles"] = xml_text(json.dumps(graph.graph.get("articles", {}),
                                                 ensure_ascii=False, default=str))
    writer = _StreamingGraphML(path, infer_numeric_types=True)
    writer.add_graph_element(flat)
    writer.dump()
    return path


class _StreamingGraphML(GraphMLWriterLxml):
    """networkx's lxml GraphML writer with its attribute-type passes merged into one pass
    that reads no evidence: the keys come out as networkx would declare them (ids in order
    of first use, types generalized over all values), then every element is written as it
    is read."""

    def add_graph_element(self, G: FlatStream) -> None:  # noqa: N803 - networkx's name
        graph_element = self._xml.element("graph", edgedefault="directed")
        graphdata = dict(G.graph)
        first: dict[tuple[str, str], Any] = {}  # (name, scope) -> a value, in order of use
        for k, v in graphdata.items():
            self.attribute_types[(str(k), "graph")].add(type(v))
            first.setdefault((str(k), "graph"), v)
        for _, d in G.nodes(data=True):
            for k, v in d.items():
                self.attribute_types[(str(k), "node")].add(type(v))
                first.setdefault((str(k), "node"), v)
        for *_, d in G.edges(keys=True, data=True, evidence=False):
            for k, v in d.items():
                self.attribute_types[(str(k), "edge")].add(type(v))
                first.setdefault((str(k), "edge"), v)
        for (name, scope), value in first.items():
            self.get_key(name, self.get_xml_type(self.attr_type(name, scope, value)), scope,
                         None)
        for key in self.xml:
            self._xml.write(key, pretty_print=self._prettyprint)
        incremental_writer = IncrementalElement(self._xml, self._prettyprint)
        with graph_element:
            self.add_attributes("graph", incremental_writer, graphdata, {})
            self.add_nodes(G, incremental_writer)
            self.add_edges(G, incremental_writer)
