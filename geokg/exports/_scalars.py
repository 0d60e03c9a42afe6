"""Shared by the XML exports: a copy of the graph whose attributes are XML-safe scalars."""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

# Characters XML 1.0 does not allow anywhere in a document (control codes, lone surrogates,
# U+FFFE/U+FFFF).
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", value)


def scalar(value: Any) -> str | int | float | bool | None:
    """A typed scalar: lists, tuples and dicts as JSON strings, None stays None."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return xml_text(str(value))


def edge_id(u: Any, v: Any, key: Any) -> str:
    """A document-unique edge id: `source|key|target` (a relation's key is `TYPE|date`)."""
    return xml_text(f"{u}|{key}|{v}")


def flat_graph(graph: nx.MultiDiGraph, edge_renames: dict[str, str] | None = None
               ) -> nx.MultiDiGraph:
    """A copy for XML writers: node `label` = name, edge `label` = type, edges keyed by
    `edge_id`, every value a scalar; None values are dropped (GraphML and GEXF leave a missing
    value out), and so are the attributes the format holds structurally (node `id`, edge
    `source`/`target`). `edge_renames` renames edge attributes a writer reserves."""
    renames = edge_renames or {}
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {xml_text(str(k)): scalar(v) for k, v in data.items() if k != "id"}
        attrs["label"] = scalar(data.get("name") or node)
        flat.add_node(xml_text(str(node)), **{k: v for k, v in attrs.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {xml_text(renames.get(k, str(k))): scalar(val) for k, val in data.items()
                 if k not in ("source", "target")}
        attrs["label"] = scalar(data.get("type") or key)
        flat.add_edge(xml_text(str(u)), xml_text(str(v)), key=edge_id(u, v, key),
                      **{k: val for k, val in attrs.items() if val is not None})
    return flat
