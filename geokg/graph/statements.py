"""The Cypher statements the stores write with, each built from a few flags in this one module
(the kglite adapter loads with the `create_*` builders, the Neo4j store with all of them).

Labels and relationship types enter Cypher text only through `label()` and
`relationship_type()`, which take them from `EntityType` and the vocabulary and refuse anything
but a plain name; every value is a parameter. `rows` names the list parameter a statement
unwinds: `$rows`, or a field of one map parameter (`$data.rows`) so that several statements
run as the unit subqueries of one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geokg.graph.errors import StoreError
from geokg.graph.model import EntityType
from geokg.graph.store import checked_relation_type
from geokg.graph.vocabulary import load_vocabulary, node_label

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
DYNAMIC_LABEL = "$(coalesce(row.label, 'Entity'))"  # Entity: a label every entity has
DYNAMIC_TYPE = "$(row.type)"
KNOWN_ENTITIES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id"
ARTICLE_PROPS = ("UNWIND $ids AS id MATCH (a:Article {id: id}) "
                 "RETURN id, properties(a) AS props")


def quoted(name: str) -> str:
    """A label or relationship type for Cypher text; refuses anything but a plain name."""
    if not _NAME.match(name):
        raise StoreError(f"refusing to write the name {name!r} into Cypher")
    return f"`{name}`"


def label(entity_type: str) -> str:
    """The quoted second label of an entity of this type."""
    return quoted(node_label(entity_type))


def relationship_type(action_type: str) -> str:
    """The quoted relationship type of a vocabulary action type (StoreError if unknown)."""
    return quoted(checked_relation_type(action_type))


def _when(field: str, name: str, clause: str) -> str:
    """`FOREACH` running `clause` only for rows whose `field` equals `name` (a static type
    name: before Neo4j 5.26 Cypher cannot take a label or type from a parameter)."""
    quoted(name)
    return f"FOREACH (_ IN CASE WHEN {field} = '{name}' THEN [1] ELSE [] END | {clause})"


# -- loading a fresh graph (kglite) and creating what is new (both) ---------------------------


def create_nodes(labels: list[str], rows: str = "$rows") -> str:
    """Create one node per row with the given labels and the row as its properties."""
    return f"UNWIND {rows} AS row CREATE (n:{':'.join(quoted(n) for n in labels)}) SET n = row"


def link_mentions(rows: str = "$rows", merge: bool = False) -> str:
    """(:Article {id: row.article})-[:MENTIONS]->(:Entity {id: row.entity}); `merge`: unless
    it is there already."""
    return (f"UNWIND {rows} AS row MATCH (a:Article {{id: row.article}}) "
            f"MATCH (e:Entity {{id: row.entity}}) {'MERGE' if merge else 'CREATE'} "
            "(a)-[:MENTIONS]->(e)")


def _match_ends(rows: str) -> str:
    return (f"UNWIND {rows} AS row MATCH (s:Entity {{id: row.source}}) "
            "MATCH (t:Entity {id: row.target})")


def _create_relationship(rel_type: str, cypher_dates: bool) -> str:
    """`cypher_dates`: the row carries `date_start` / `date_end` as ISO strings (the driver
    packs a date value about ten times slower) that become Cypher dates here (date(null) is
    null: no property)."""
    dates = ", r.date_start = date(row.date_start), r.date_end = date(row.date_end)"
    return f"CREATE (s)-[r:{rel_type}]->(t) SET r = row.props{dates if cypher_dates else ''}"


def create_relationships(action_type: str, rows: str = "$rows",
                         cypher_dates: bool = False) -> str:
    """Create a relationship of one type per row (`row.source`, `row.target`, `row.props`)."""
    return (f"{_match_ends(rows)} "
            f"{_create_relationship(relationship_type(action_type), cypher_dates)}")


# -- the Neo4j store's merging writes -------------------------------------------------------


def create_relationships_by_type(rows: str, types: tuple[str, ...] | None) -> str:
    """Create the relationship `row.type` per row, with Cypher dates. `types` None: the type
    is a dynamic `$(...)` value (Neo4j 5.26 and later); otherwise one `FOREACH` branch per
    type in `types`."""
    if types is None:
        return f"{_match_ends(rows)} {_create_relationship(DYNAMIC_TYPE, True)}"
    return " ".join([_match_ends(rows)] + [
        _when("row.type", name, _create_relationship(relationship_type(name), True))
        for name in types])


def write_entities(rows: str, dynamic: bool) -> str:
    """Write `row.props` on the rows' (locked, existing) entities and add the label
    `row.label` to new ones: as a dynamic label, or one `FOREACH` branch per entity type."""
    base = f"UNWIND {rows} AS row MATCH (n:Entity {{id: row.props.id}}) SET n = row.props"
    if dynamic:
        return f"{base}, n:{DYNAMIC_LABEL}"
    return " ".join([base] + [_when("row.label", t.value, f"SET n:{label(t.value)}")
                              for t in EntityType])


def match_relationships(rows: str) -> str:
    """The stored edge of each row's identity (`row.source`, `row.type`, `row.target`,
    `row.date`, '' for none: an undated edge has no `date` and Neo4j cannot MERGE on a null).
    The hints keep the plan an index seek of both ends and an expand between them: without
    them, once the graph has grown, the server may replan it as an expand of all of one
    end's edges."""
    return (f"UNWIND {rows} AS row "
            "MATCH (s:Entity {id: row.source})-[r]->(t:Entity {id: row.target}) "
            "USING INDEX s:Entity(id) USING INDEX t:Entity(id) "
            "WHERE type(r) = row.type AND coalesce(r.date, '') = row.date ")


def update_relationships(rows: str) -> str:
    """Set the grown evidence lists (`row.lists`: `geokg.graph.values.EVIDENCE_LISTS`) of
    stored edges, dropping the JSON `evidence` list of an edge written before them."""
    return match_relationships(rows) + "SET r += row.lists, r.evidence = null"


def delete_relationships(rows: str) -> str:
    """Delete the stored edges of the rows' identities (edges `precision.regroup` merged into
    another of the same source, type and target)."""
    return match_relationships(rows) + "DELETE r"


@lru_cache(maxsize=1)
def read_state() -> str:
    """Lock the entities `$data.ids` (creating the new ones) and `$data.ends`, and read what
    a merge needs: their properties, every stored edge of each `$data.rows` (source, type,
    target), at any date, with its properties (`precision.regroup` may join a report to any
    of them), the stored articles of `$data.articles` (their properties, which name them in
    evidence) with the entities they mention."""
    return ("CALL { UNWIND $data.ids AS id MERGE (n:Entity {id: id}) SET n.id = id "
            "RETURN collect({id: id, props: properties(n)}) AS locked } "
            "CALL { UNWIND $data.ends AS id MATCH (n:Entity {id: id}) SET n.id = id "
            "RETURN collect(id) AS found } "
            "CALL { UNWIND $data.rows AS row "
            "MATCH (s:Entity {id: row.source})-[r]->(t:Entity {id: row.target}) "
            "USING INDEX s:Entity(id) USING INDEX t:Entity(id) WHERE type(r) = row.type "
            "RETURN collect({key: row.key, props: properties(r)}) AS existing } "
            "CALL { UNWIND $data.articles AS id MATCH (a:Article {id: id}) "
            "RETURN collect({id: id, props: properties(a), "
            "mentioned: [(a)-[:MENTIONS]->(e:Entity) | e.id]}) "
            "AS stored } "
            "RETURN locked, found, existing, stored")


@lru_cache(maxsize=8)
def write_state(types: tuple[str, ...] | None) -> str:
    """Entity writes, new articles, deleted (merged away), new and updated relations and new
    MENTIONS in one statement (each part a unit subquery over its own list in `$data`, empty
    when nothing).

    `types` None: labels and relationship types are dynamic `$(...)` values (Neo4j 5.26 and
    later), a statement the server plans in tens of milliseconds. Otherwise one `FOREACH`
    branch per entity type and per relationship type in `types`, which older servers accept
    but take about half a second to plan (again whenever their statistics move)."""
    return " ".join([
        "CALL {", write_entities("$data.rows", dynamic=types is None), "}",
        "CALL { UNWIND $data.articles AS props MERGE (a:Article {id: props.id}) "
        "ON CREATE SET a = props }",
        "CALL {", delete_relationships("$data.delete_rows"), "}",
        "CALL {", create_relationships_by_type("$data.create_rows", types), "}",
        "CALL {", update_relationships("$data.update_rows"), "}",
        "CALL {", link_mentions("$data.mentions", merge=True), "}"])


def schema_statements() -> dict[str, str]:
    """Constraints and indexes created on first use, by name (all `IF NOT EXISTS`)."""
    statements = {
        "entity_id": "CREATE CONSTRAINT entity_id IF NOT EXISTS "
                     "FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "article_id": "CREATE CONSTRAINT article_id IF NOT EXISTS "
                      "FOR (n:Article) REQUIRE n.id IS UNIQUE",
        "entity_name": "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    }
    for action in sorted(load_vocabulary().actions):
        name = f"{action.lower()}_date_start"
        statements[name] = (f"CREATE INDEX {name} IF NOT EXISTS "
                            f"FOR ()-[r:{relationship_type(action)}]-() ON (r.date_start)")
    return statements
