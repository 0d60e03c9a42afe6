"""Values shared by the Cypher back ends (kglite and Neo4j), in both directions.

- `entity_props`, `article_props`, `relation_props`, `mention_pairs`: the property maps a store
  writes (the graph shape documented in `geokg.graph.cypher_engine`). Both engines load them
  with `SET n = row` / `SET r = row.props`, so a None value means "no such property".
  `entity_from_props` reads an entity back.
- `plain`: turns a result value of either engine into plain Python (JSON-ready) values.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation, date_bounds


def evidence_json(evidence: Evidence) -> str:
    """One evidence item as the compact JSON string kept in a relationship's `evidence` list:
    `{"article":"...","sentence":"...","start":0,"end":9,"rule":"..."}` (keys in this order;
    the `evidence` canned query relies on the `"article":"<id>"` spelling)."""
    return evidence.model_dump_json()


def entity_props(entity: Entity) -> dict[str, Any]:
    """Properties of an (:Entity:<Type>) node."""
    return {"id": entity.id, "name": entity.name, "type": entity.type.value,
            "aliases": list(entity.aliases), "country": entity.country,
            "wikidata": entity.wikidata, "roles": list(entity.roles)}


def entity_from_props(props: Mapping[str, Any]) -> Entity:
    """The entity whose `entity_props` these are (lists may be absent or None)."""
    return Entity(id=props["id"], name=props["name"], type=props["type"],
                  aliases=list(props.get("aliases") or []), country=props.get("country"),
                  wikidata=props.get("wikidata"), roles=list(props.get("roles") or []))


def article_props(article: Article) -> dict[str, Any]:
    """Properties of an (:Article) node (no text; `published` as an ISO date string)."""
    return {"id": article.id, "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source}


def relation_props(relation: Relation) -> dict[str, Any]:
    """Properties of a relationship: scalars and lists of scalars only."""
    start, end = date_bounds(relation.date) if relation.date else (None, None)
    return {"type": relation.type, "category": relation.category, "date": relation.date,
            "date_start": start, "date_end": end, "status": relation.status.value,
            "confidence": relation.confidence,
            "properties": json.dumps(relation.properties, ensure_ascii=False, sort_keys=True),
            "evidence": [evidence_json(e) for e in relation.evidence],
            "articles": sorted({e.article for e in relation.evidence})}


def mention_pairs(fragment: GraphFragment) -> list[tuple[str, str]]:
    """(article id, entity id) for every MENTIONS edge: an article mentions the endpoints of
    each relation its evidence supports (articles absent from the fragment are skipped)."""
    articles = {a.id for a in fragment.articles}
    pairs = {(e.article, end) for r in fragment.relations for e in r.evidence
             if e.article in articles for end in (r.source, r.target)}
    return sorted(pairs)


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
