"""GraphML export (networkx + lxml) for Gephi, yEd and Cytoscape."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from geokg.exports._scalars import add_evidence_lists, flat_graph, xml_text


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


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write `graph` as GraphML with typed keys; returns the path."""
    path = Path(path)
    nx.write_graphml(graphml_graph(graph), path, infer_numeric_types=True)
    return path
