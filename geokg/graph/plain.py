"""Result values of either Cypher engine (kglite, Neo4j) as plain Python (JSON-ready) values.

Its own module, without the data model, so that a query process loads no pydantic
(`geokg.graph.values` re-exports `plain`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

# kglite answers a few property names structurally on nodes that do not store them
# (`title` = the name, `type` = the primary label): dropped so both engines agree.
_KGLITE_NODE = {"id", "labels", "properties"}
_KGLITE_REL = {"id", "start", "end", "type", "properties"}


def _kglite_node(value: dict[str, Any]) -> dict[str, Any]:
    props = {k: v for k, v in value["properties"].items() if v is not None}
    if "Entity" in value["labels"]:
        props.pop("title", None)
    else:
        props.pop("type", None)
    return plain(props)


def plain(value: Any) -> Any:
    """A query result value as plain Python: dates and times as ISO strings, nodes and
    relationships as dicts of their properties, paths as {"nodes", "relationships"}."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "to_native"):  # neo4j.time Date, DateTime, Time: as Python's
        return plain(value.to_native())
    if hasattr(value, "iso_format"):  # neo4j.time Duration
        return value.iso_format()
    if hasattr(value, "element_id") and hasattr(value, "items"):  # neo4j Node, Relationship
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "nodes") and hasattr(value, "relationships"):  # neo4j Path
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        if set(value) == _KGLITE_NODE and isinstance(value["labels"], list):
            return _kglite_node(value)
        if set(value) == _KGLITE_REL and isinstance(value["properties"], dict):
            return plain(value["properties"])
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
