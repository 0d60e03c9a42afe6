"""Shared by the XML exports: a copy of the graph whose attributes are XML-safe scalars."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from geokg.graph.model import Evidence
from geokg.graph.values import Cited, cited, evidence_lists

# Characters XML 1.0 does not allow anywhere in a document (control codes, lone surrogates,
# U+FFFE/U+FFFF).
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", value)


# json.dumps(value, ensure_ascii=False, default=str), with the encoder built once instead of
# on every call (exported values are trees: no circular-reference check)
_json = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode


# a JSON escape (after an even run of backslashes) of a control character XML forbids
_JSON_FORBIDDEN_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?:[bf]|u00(?:0[0-8bcef]|1[0-9a-f]))")


def _xml_clean(value: Any) -> Any:
    """`value` with every string in it (dict keys too) cleaned by `xml_text`."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return [_xml_clean(v) for v in value]
    if isinstance(value, dict):
        return {xml_text(str(k)): _xml_clean(v) for k, v in value.items()}
    return value


def scalar(value: Any) -> str | int | float | bool | None:
    """A typed scalar: lists, tuples and dicts as JSON strings, None stays None."""
    if type(value) is str:  # the common case first (exports write millions of values)
        # printable text has no control character, surrogate or U+FFFE/U+FFFF: keep it as is
        return value if value.isprintable() else _XML_FORBIDDEN.sub("", value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | dict):
        text = _json(value)
        if "\\" in text and _JSON_FORBIDDEN_ESCAPE.search(text):
            # JSON keeps control characters as escapes that readers turn back into them
            text = _json(_xml_clean(value))
        return text if text.isprintable() else xml_text(text)
    return xml_text(str(value))


_PLAIN = frozenset({str, int, float})


def edge_id(u: Any, v: Any, key: Any) -> str:
    """A document-unique edge id: `source|key|target` (a relation's key is `TYPE|date`)."""
    return xml_text(f"{u}|{key}|{v}")


def flat_graph(graph: nx.MultiDiGraph, edge_renames: dict[str, str] | None = None
               ) -> nx.MultiDiGraph:
    """A copy for XML writers: node `label` = name, edge `label` = type, edges keyed by
    `edge_id`, every value a scalar; None values are dropped (GraphML and GEXF leave a missing
    value out), and so are the attributes the format holds structurally (node `id`, edge
    `source`/`target`). `edge_renames` renames edge attributes a writer reserves."""
    # A large graph makes a million new dicts and strings, none in a reference cycle: the
    # cyclic garbage collector would only walk the whole heap again and again meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _flat_graph(graph, edge_renames)
    finally:
        if collecting:
            gc.enable()


def _flat_graph(graph: nx.MultiDiGraph, edge_renames: dict[str, str] | None
                ) -> nx.MultiDiGraph:
    renames = edge_renames or {}
    node_keys: dict[Any, str] = {}  # attribute names repeat on every element: clean each once
    edge_keys: dict[Any, str] = {}
    ids: dict[Any, str] = {}  # node -> its cleaned id (edges name their ends again)
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {(node_keys.get(k) or node_keys.setdefault(k, xml_text(str(k)))): scalar(v)
                 for k, v in data.items() if k != "id"}
        attrs["label"] = scalar(data.get("name") or node)
        ids[node] = xml_text(str(node))
        flat.add_node(ids[node], **{k: v for k, v in attrs.items() if v is not None})
    # Edges go straight into the adjacency of the new graph (what `add_edge` does, without
    # copying every attribute dict twice as `add_edges_from` does: a third of the time).
    succ, pred = flat._succ, flat._pred
    for u, v, key, data in graph.edges(keys=True, data=True):
        # plain printable strings and numbers are their own scalars: no call for them
        # (None stays out: scalar() gives None for None only)
        attrs = {(edge_keys.get(k) or edge_keys.setdefault(k, xml_text(renames.get(k, str(k))))):
                 val if type(val) in _PLAIN and (type(val) is not str or val.isprintable())
                 else scalar(val) for k, val in data.items()
                 if val is not None and k not in ("source", "target")}
        attrs["label"] = scalar(data.get("type") or key)
        source, target, eid = ids[u], ids[v], edge_id(u, v, key)
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = pred[target][source] = flat.edge_key_dict_factory()
        if eid in keys:
            keys[eid].update(attrs)
        else:
            keys[eid] = attrs
    return flat


def edge_evidence_lists(data: dict[str, Any], articles: dict[str, Any]) -> dict[str, str]:
    """An edge's evidence as the stores' parallel lists (`geokg.graph.values.EVIDENCE_LISTS`:
    `sentences`, `articles` cited by title else URL or file name, `urls`, ...), each a JSON
    string like every list here."""

    def cite(article_id: str) -> Cited:
        return cited(articles.get(article_id), article_id)

    items = [Evidence.model_construct(**{k: item.get(k) for k in (
        "article", "sentence", "start", "end", "rule", "date")})
        for item in data.get("evidence") or []]
    lists = evidence_lists(items, data.get("date"), cite)
    return {name: scalar(values) for name, values in lists.items()}


def add_evidence_lists(graph: nx.MultiDiGraph, flat: nx.MultiDiGraph) -> None:
    """Give each edge of `flat` (the `flat_graph` of `graph`) its `edge_evidence_lists`
    beside the `evidence` items."""
    articles = graph.graph.get("articles", {})
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = flat.edges[xml_text(str(u)), xml_text(str(v)), edge_id(u, v, key)]
        attrs.update(edge_evidence_lists(data, articles))


class FlatStream:
    """What `flat_graph` makes of a graph, one element at a time: a graph-like view (for
    networkx's writers) whose `nodes(data=True)` and `edges(keys=True, data=True)` flatten
    each element of `graph` as it is read (a `StreamedGraph` reads them from the store in
    batches). Unlike `flat_graph`, two ids that only differ by characters XML forbids are not
    merged."""

    def __init__(self, graph: Any, edge_renames: dict[str, str] | None = None) -> None:
        self.source = graph
        self.renames = edge_renames or {}
        self.graph: dict[str, Any] = {}

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    def nodes(self, data: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
        node_keys: dict[Any, str] = {}
        for node, attrs in self.source.nodes(data=True):
            flat = {(node_keys.get(k) or node_keys.setdefault(k, xml_text(str(k)))): scalar(v)
                    for k, v in attrs.items() if k != "id"}
            flat["label"] = scalar(attrs.get("name") or node)
            yield xml_text(str(node)), {k: v for k, v in flat.items() if v is not None}

    def edges(self, keys: bool = True, data: bool = True, evidence: bool = True
              ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Flattened edges; without `evidence` (a pass that only needs the attribute names
        and types) a `StreamedGraph` reads no evidence and the values are placeholders: the
        evidence lists of an edge without evidence, made once."""
        edge_keys: dict[Any, str] = {}
        renames = self.renames
        articles = self.source.graph.get("articles", {})
        placeholders = None if evidence else edge_evidence_lists({}, articles)
        if evidence or not hasattr(self.source, "filtered"):
            rows = self.source.edges(keys=True, data=True)
        else:
            rows = self.source.edges(keys=True, data=True, evidence=False)
        for u, v, key, attrs in rows:
            flat = {(edge_keys.get(k) or edge_keys.setdefault(k, xml_text(renames.get(k, str(k))))):
                    val if type(val) in _PLAIN and (type(val) is not str or val.isprintable())
                    else scalar(val) for k, val in attrs.items()
                    if val is not None and k not in ("source", "target")}
            flat["label"] = scalar(attrs.get("type") or key)
            flat.update(edge_evidence_lists(attrs, articles) if evidence else placeholders)
            yield xml_text(str(u)), xml_text(str(v)), edge_id(u, v, key), flat
