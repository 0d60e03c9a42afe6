"""The Neo4j store: the official `neo4j` driver over Bolt, same graph shape as kglite.

The shape (labels, relationship types, properties) is the one documented in
`geokg.graph.cypher_engine`, built from the same `geokg.graph.values` property maps, so the
canned queries give the same rows on both engines.

Writes: one managed write transaction per article (as in the embedded store), made of batched
`UNWIND $rows ...` statements. Each transaction first takes write locks on every entity it
touches (MERGE for the fragment's entities, a no-op SET for other endpoints), then reads what
it needs and writes the merge computed in Python with the embedded store's own rules
(`merge_entity`, evidence deduplicated by (article, start, end, rule)). Holding both endpoint
locks makes "MATCH the edge, CREATE it if absent" safe against concurrent writers; the edge is
matched with `coalesce(r.date, '') = $date` because an undated edge has no `date` property and
Neo4j cannot MERGE on a null. Labels and relationship types come only from `EntityType` and
the vocabulary (validated), never from input text; every value is a parameter.

User Cypher (`cypher`) passes `check_read_only` and then runs in a READ transaction, where
the server itself refuses any write.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from geokg.graph.model import (
    Article,
    Entity,
    EntityType,
    GraphFragment,
    Relation,
    merge_entity,
)
from geokg.graph.readonly import check_read_only
from geokg.graph.store import ReadOnlyViolation, StoreError, UpsertReport
from geokg.graph.upsert_plan import merged_evidence, plan_upsert
from geokg.graph.values import article_props, entity_props, plain, relation_props
from geokg.graph.vocabulary import load_vocabulary, node_label

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
SCHEMES = ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc")
BATCH = 1_000
CONNECTION_TIMEOUT = 10.0  # seconds to open a connection
RETRY_TIME = 10.0  # seconds a transaction is retried after a transient failure

# The driver logs retries ("Transaction failed and will be retried ...") as warnings; without
# a handler Python would print them on stderr next to our one-line error.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_REASON = re.compile(r"\(reason ([^()]*(?:\([^()]*\)[^()]*)*)\)")
_T = TypeVar("_T")

# -- Cypher; labels and relationship types are added only by `_label` / `_rel_type` ---------
_LOCK_ENTITIES = ("UNWIND $ids AS id MERGE (n:Entity {id: id}) SET n.id = id "
                  "RETURN id, properties(n) AS props")
_LOCK_ENDS = "UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n.id = id RETURN id"
_WRITE_ENTITIES = "UNWIND $rows AS row MATCH (n:Entity {id: row.props.id}) SET n = row.props"
_ARTICLE = "MERGE (a:Article {id: $props.id}) ON CREATE SET a = $props"
_MATCH_RELATIONS = ("UNWIND $rows AS row "
                    "MATCH (s:Entity {id: row.source})-[r]->(t:Entity {id: row.target}) "
                    "WHERE type(r) = row.type AND coalesce(r.date, '') = row.date ")
_READ_RELATIONS = _MATCH_RELATIONS + "RETURN row.key AS key, r.evidence AS evidence"
_UPDATE_RELATIONS = _MATCH_RELATIONS + "SET r.evidence = row.evidence, r.articles = row.articles"
_CREATE_RELATIONS = ("UNWIND $rows AS row MATCH (s:Entity {id: row.source}) "
                     "MATCH (t:Entity {id: row.target})")
_MENTIONS = ("MATCH (a:Article {id: $article}) UNWIND $ids AS id "
             "MATCH (e:Entity {id: id}) MERGE (a)-[:MENTIONS]->(e)")
_KNOWN_ENTITIES = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id"


def _quoted(name: str) -> str:
    """A label or relationship type for Cypher text; refuses anything but a plain name."""
    if not _NAME.match(name):
        raise StoreError(f"refusing to write the name {name!r} into Cypher")
    return f"`{name}`"


def _label(entity_type: str) -> str:
    return _quoted(node_label(entity_type))


def _rel_type(action_type: str) -> str:
    try:
        return _quoted(load_vocabulary().checked_type(action_type))
    except ValueError as exc:
        raise StoreError(f"{exc} (not in the vocabulary; set GEOKG_VOCABULARY?)") from None


def _when(field: str, name: str, clause: str) -> str:
    """`FOREACH` running `clause` only for rows whose `field` equals `name` (a static type
    name: Cypher cannot take a label or relationship type from a parameter)."""
    _quoted(name)
    return f"FOREACH (_ IN CASE WHEN {field} = '{name}' THEN [1] ELSE [] END | {clause})"


@lru_cache(maxsize=1)
def _entities_statement() -> str:
    """Writes `row.props` on the rows' entities; adds the label `row.label` to new ones."""
    return " ".join([_WRITE_ENTITIES] + [
        _when("row.label", t.value, f"SET n:{_label(t.value)}") for t in EntityType])


@lru_cache(maxsize=8)
def _relations_statement(types: tuple[str, ...]) -> str:
    """Creates the relationship `row.type` (one of `types`) with the properties `row.props`."""
    return " ".join([_CREATE_RELATIONS] + [
        _when("row.type", name, f"CREATE (s)-[r:{_rel_type(name)}]->(t) SET r = row.props")
        for name in types])


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
                            f"FOR ()-[r:{_rel_type(action)}]-() ON (r.date_start)")
    return statements


def _batches(rows: list[_T]) -> Iterator[list[_T]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i:i + BATCH]


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


class Neo4jStore:
    """GraphStore on a Neo4j server (5.x) over Bolt; connects on first use."""

    def __init__(self, uri: str = DEFAULT_URI, user: str = DEFAULT_USER,
                 password: str | None = None, database: str | None = None, *,
                 connection_timeout: float = CONNECTION_TIMEOUT,
                 retry_time: float = RETRY_TIME) -> None:
        self.uri = uri
        self.user = user
        self.database = database or None
        self._password = password
        self._connection_timeout = connection_timeout
        self._retry_time = retry_time
        self._driver: neo4j.Driver | None = None
        self._connected = False
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None,
                 password: str | None = None, database: str | None = None) -> Neo4jStore:
        """A store configured by the arguments, else `NEO4J_URI` (default
        bolt://localhost:7687), `NEO4J_USERNAME` (neo4j), `NEO4J_PASSWORD`, `NEO4J_DATABASE`
        (default: the server's default database)."""
        env = os.environ
        return cls(uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
                   user=user or env.get("NEO4J_USERNAME") or DEFAULT_USER,
                   password=password if password is not None else env.get("NEO4J_PASSWORD"),
                   database=database or env.get("NEO4J_DATABASE") or None)

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self.where!r}, user={self.user!r}, database={self.database!r})"

    @property
    def where(self) -> str:
        """The URI without any user:password part, for messages."""
        try:
            parts = urlsplit(self.uri)
            if parts.username is not None or parts.password is not None:
                host = parts.hostname or ""
                netloc = f"{host}:{parts.port}" if parts.port else host
                return urlunsplit(parts._replace(netloc=netloc))
        except ValueError:
            pass
        return self.uri

    # -- connection and errors ---------------------------------------------------------------

    def _error(self, exc: BaseException) -> StoreError:
        """One clear line for a driver or server error (never the password)."""
        where = self.where
        if isinstance(exc, AuthError):
            hint = "" if self._password else " (NEO4J_PASSWORD is not set)"
            message = f"Neo4j refused the credentials for user {self.user} at {where}{hint}"
            return StoreError(message)
        if isinstance(exc, ServiceUnavailable | SessionExpired):
            reason = _REASON.search(str(exc))
            detail = reason.group(1) if reason else _one_line(str(exc))
            if self._connected:
                return StoreError(f"lost the connection to Neo4j at {where}: {detail}")
            return StoreError(f"cannot reach Neo4j at {where}: {detail}")
        if isinstance(exc, Neo4jError):
            code = exc.code or ""
            message = _one_line(exc.message or "") or code
            if code == "Neo.ClientError.Statement.AccessMode":
                return ReadOnlyViolation(f"read-only: Neo4j refused a write in a read-only "
                                         f"query ({message})")
            if code.endswith(".DatabaseNotFound"):
                return StoreError(f"Neo4j at {where} has no database {self.database!r}")
            if code.startswith("Neo.ClientError.Security."):
                return StoreError(f"Neo4j at {where} refused this for user {self.user}: "
                                  f"{message}")
            if code.startswith("Neo.ClientError.Statement."):
                return StoreError(f"cypher: {message}")
            return StoreError(f"Neo4j at {where}: {message} ({code})")
        if isinstance(exc, DriverError):
            return StoreError(f"Neo4j at {where}: {_one_line(str(exc)) or type(exc).__name__}")
        return StoreError(f"Neo4j at {where}: {_one_line(str(exc)) or type(exc).__name__}")

    def _scrub(self, error: StoreError) -> StoreError:
        if self._password and self._password in str(error):
            return type(error)(str(error).replace(self._password, "***"))
        return error

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._scrub(self._error(exc)) from exc

    def _ready(self) -> neo4j.Driver:
        """The driver, connected and checked (credentials, database, schema) on first use."""
        with self._lock:
            if self._driver is not None and self._connected:
                return self._driver
            auth = (self.user, self._password) if self._password else None
            scheme = self.uri.partition("://")[0].lower() if "://" in self.uri else ""
            if scheme not in SCHEMES:
                raise StoreError(f"invalid Neo4j URI {self.where} (use one of "
                                 f"{', '.join(s + '://' for s in SCHEMES)})")
            if self.where != self.uri:
                raise StoreError(f"invalid Neo4j URI {self.where} (give the user and password "
                                 f"in NEO4J_USERNAME and NEO4J_PASSWORD, not in the URI)")
            with self._errors():
                try:
                    driver = neo4j.GraphDatabase.driver(
                        self.uri, auth=auth, connection_timeout=self._connection_timeout,
                        max_transaction_retry_time=self._retry_time,
                        notifications_min_severity="OFF", user_agent="geokg")
                except (ValueError, TypeError, ConfigurationError) as exc:
                    raise self._scrub(StoreError(
                        f"invalid Neo4j URI {self.where}: {_one_line(str(exc))}")) from exc
                try:
                    driver.verify_connectivity()
                    with driver.session(database=self.database) as session:
                        session.run("RETURN 1").consume()
                    self._connected = True
                    self._create_schema(driver)
                except BaseException:
                    self._connected = False
                    driver.close()
                    raise
            self._driver = driver
            return driver

    def _create_schema(self, driver: neo4j.Driver) -> None:
        """Create the missing constraints and indexes (one round trip when none is missing)."""
        with driver.session(database=self.database) as session:
            try:
                # a uniqueness constraint's index has the constraint's name
                existing = {r["name"] for r in session.run("SHOW INDEXES YIELD name")}
            except ClientError:
                existing = set()
            for name, statement in schema_statements().items():
                if name in existing:
                    continue
                try:
                    session.run(statement).consume()
                except ClientError as exc:
                    code = exc.code or ""
                    if code.startswith("Neo.ClientError.Security."):
                        return  # a read-only user: queries still work, writes will say why
                    if code.endswith(("AlreadyExists", "EquivalentSchemaRuleAlreadyExists")):
                        continue  # created meanwhile by another process
                    raise

    def _session(self, driver: neo4j.Driver, access: str) -> neo4j.Session:
        return driver.session(database=self.database, default_access_mode=access)

    def _read(self, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        driver = self._ready()
        with self._errors(), self._session(driver, neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    # -- writing ---------------------------------------------------------------------------

    def upsert(self, fragment: GraphFragment) -> UpsertReport:
        """Write the fragment, one write transaction per article, with the embedded store's
        grouping and merge rules (see `EmbeddedStore.upsert`). Unknown types or entity ids
        are refused before any write."""
        report = UpsertReport()
        self._check(fragment)
        driver = self._ready()
        with self._errors(), self._session(driver, neo4j.WRITE_ACCESS) as session:
            for batch in plan_upsert(fragment):
                part = session.execute_write(_write_group, batch.article, batch.entities,
                                             batch.relations, batch.article_id)
                report.add(part)
        return report

    def _check(self, fragment: GraphFragment) -> None:
        """Refuse unknown entity types, relation types or dangling entity ids (no writes)."""
        vocabulary = load_vocabulary()
        for entity in fragment.entities:
            _label(entity.type)
        known = {e.id for e in fragment.entities}
        outside = sorted({end for r in fragment.relations for end in (r.source, r.target)}
                         - known)
        stored: set[str] = set()
        if outside:
            stored = set(self._read(lambda tx: [
                r["id"] for r in tx.run(_KNOWN_ENTITIES, ids=outside)]))
        for relation in fragment.relations:
            try:
                vocabulary.checked_type(relation.type)
            except ValueError as exc:
                raise StoreError(f"cannot store {relation.key}: {exc}") from None
            for end in (relation.source, relation.target):
                if end not in known and end not in stored:
                    raise StoreError(f"cannot store {relation.key}: unknown entity {end!r}")

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> GraphFragment:
        """The whole stored graph, read in one transaction (sorted by id)."""
        return self._read(_load)

    def stats(self) -> dict[str, Any]:
        """Counts of articles, entities and relations, and by entity / relation type."""
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any]:
            articles = tx.run("MATCH (a:Article) RETURN count(a) AS n").single()["n"]
            by_entity = {r["type"]: r["n"] for r in tx.run(
                "MATCH (n:Entity) RETURN n.type AS type, count(*) AS n ORDER BY type")}
            by_relation = {r["type"]: r["n"] for r in tx.run(
                "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(*) AS n "
                "ORDER BY type")}
            return {"articles": articles, "entities": sum(by_entity.values()),
                    "relations": sum(by_relation.values()), "by_entity_type": by_entity,
                    "by_relation_type": by_relation}

        return self._read(work)

    def cypher(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher in a READ transaction; rows as dicts of plain values."""
        check_read_only(query)
        values = dict(params or {})

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [{key: plain(value) for key, value in record.items()}
                    for record in tx.run(query, values)]

        return self._read(work)

    def close(self) -> None:
        """Close the driver and its connections."""
        with self._lock:
            if self._driver is not None:
                self._driver.close()
            self._driver = None
            self._connected = False

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- one article's transaction ------------------------------------------------------------


def _run(tx: neo4j.ManagedTransaction, statement: str, rows: list[Any], **extra: Any) -> int:
    """Run a `$rows` statement in batches; the number of nodes + relationships created."""
    created = 0
    for batch in _batches(rows):
        counters = tx.run(statement, rows=batch, **extra).consume().counters
        created += counters.nodes_created + counters.relationships_created
    return created


# One article's transaction in two statements (plus the commit) instead of up to eight: each
# statement is a server round trip, and at a few milliseconds each they, not the work, bound
# the ingest rate. The first locks the entities (creating the new ones) and reads what the
# merge needs; the second writes. Used while every list fits in one batch.
_READ_GROUP = (
    "CALL { UNWIND $ids AS id MERGE (n:Entity {id: id}) SET n.id = id "
    "RETURN collect({id: id, props: properties(n)}) AS locked } "
    "CALL { UNWIND $ends AS id MATCH (n:Entity {id: id}) SET n.id = id "
    "RETURN collect(id) AS found } "
    "CALL { " + _MATCH_RELATIONS + "RETURN collect({key: row.key, evidence: r.evidence}) "
    "AS existing } "
    "RETURN locked, found, existing")


@lru_cache(maxsize=8)
def _write_group_statement(types: tuple[str, ...]) -> str:
    """Entity writes, the article, new and updated relations and MENTIONS in one statement
    (each part a unit subquery over its own parameter list, empty when there is nothing)."""
    return " ".join([
        "CALL {", _entities_statement(), "}",
        "CALL { UNWIND $articles AS props MERGE (a:Article {id: props.id}) "
        "ON CREATE SET a = props }",
        "CALL {", _relations_statement(types).replace("$rows", "$create_rows"), "}",
        "CALL {", _UPDATE_RELATIONS.replace("$rows", "$update_rows"), "}",
        "CALL { UNWIND $mention_articles AS article MATCH (a:Article {id: article}) "
        "UNWIND $mentioned AS id MATCH (e:Entity {id: id}) MERGE (a)-[:MENTIONS]->(e) }"])


def _entity_rows(entities: list[Entity], stored: dict[str, Entity | None],
                 report: UpsertReport) -> list[dict]:
    """Rows for the entities to create (with their label) and the stored ones a merge
    changed (merge_entity, as the embedded store merges); counts new ones in `report`."""
    merged: dict[str, Entity] = {}
    created: list[str] = []
    before: dict[str, dict[str, Any]] = {}
    for entity in entities:
        current = merged.get(entity.id) or stored.get(entity.id)
        if current is None:
            merged[entity.id] = entity.model_copy(deep=True)
            created.append(entity.id)
            continue
        if entity.id not in merged:
            before[entity.id] = current.model_dump()
            merged[entity.id] = current
        merge_entity(current, entity)
    rows = [{"label": merged[i].type.value, "props": entity_props(merged[i])} for i in created]
    rows += [{"label": None, "props": entity_props(merged[i])} for i, dump in before.items()
             if merged[i].model_dump() != dump]
    report.entities_added = len(created)
    return rows


def _relation_rows(keys: list[tuple], first: dict[tuple, Relation],
                   existing: dict[tuple, list[Any]], relations: list[Relation],
                   report: UpsertReport) -> tuple[list[dict], list[dict]]:
    """Rows to create and to update for these relation keys, evidence merged as the embedded
    store merges it; counts go into `report`."""
    evidence: dict[tuple, list[Any]] = {key: existing.get(key, []) for key in keys}
    for relation in relations:
        evidence[relation.key] = merged_evidence(evidence[relation.key], relation.evidence)
    create_rows, update_rows = [], []
    for key in keys:
        props = relation_props(first[key].model_copy(update={"evidence": evidence[key]}))
        if key not in existing:
            create_rows.append({"source": key[0], "type": key[1], "target": key[2],
                                "props": props})
            report.relations_added += 1
            report.evidence_added += len(evidence[key])
        elif len(evidence[key]) > len(existing[key]):
            update_rows.append({"source": key[0], "type": key[1], "target": key[2],
                                "date": key[3] or "", "evidence": props["evidence"],
                                "articles": props["articles"]})
            report.evidence_added += len(evidence[key]) - len(existing[key])
    return create_rows, update_rows


def _write_group(tx: neo4j.ManagedTransaction, article: Article | None,
                 entities: list[Entity], relations: list[Relation],
                 article_id: str | None) -> UpsertReport:
    """Write one article's part of a fragment; a fresh report (the driver may retry)."""
    if len(entities) <= BATCH and len(relations) <= BATCH:
        return _write_group_fast(tx, article, entities, relations, article_id)
    report = UpsertReport()
    changed = False
    entity_ids = sorted({e.id for e in entities})
    ends = sorted({end for r in relations for end in (r.source, r.target)} - set(entity_ids))

    # 1. lock every entity touched (creating the fragment's new ones), read the stored ones
    stored: dict[str, Entity | None] = {}
    for batch in _batches(entity_ids):
        for record in tx.run(_LOCK_ENTITIES, ids=batch):
            props = record["props"]
            stored[record["id"]] = _entity(props) if props.get("name") is not None else None
    for batch in _batches(ends):
        found = {record["id"] for record in tx.run(_LOCK_ENDS, ids=batch)}
        for end in batch:
            if end not in found:
                raise StoreError(f"cannot store a relation of {end!r}: unknown entity {end!r}")

    # 2. entities: insert or merge (merge_entity), write only what changed
    rows = _entity_rows(entities, stored, report)
    _run(tx, _entities_statement(), rows)
    changed |= bool(rows)

    # 3. the article node
    new_article = False
    if article is not None:
        counters = tx.run(_ARTICLE, props=article_props(article)).consume().counters
        new_article = counters.nodes_created > 0

    # 4. relations: identity (source, type, target, date); evidence merged as embedded does
    first: dict[tuple, Relation] = {}
    for relation in relations:
        _rel_type(relation.type)
        first.setdefault(relation.key, relation)
    keys = list(first)
    existing: dict[tuple, list[Any]] = {}
    for batch in _batches([{"key": n, "source": k[0], "type": k[1], "target": k[2],
                            "date": k[3] or ""} for n, k in enumerate(keys)]):
        for record in tx.run(_READ_RELATIONS, rows=batch):
            existing[keys[record["key"]]] = [json.loads(item) for item in
                                             record["evidence"] or []]
    create_rows, update_rows = _relation_rows(keys, first, existing, relations, report)
    if create_rows:
        types = tuple(sorted(load_vocabulary().actions))
        _run(tx, _relations_statement(types), create_rows)
    _run(tx, _UPDATE_RELATIONS, update_rows)
    changed |= bool(create_rows or update_rows)

    # 5. MENTIONS from the article (if stored) to both ends of each of its relations
    if article_id is not None:
        mentioned = sorted({end for r in relations for end in (r.source, r.target)})
        if mentioned:
            counters = tx.run(_MENTIONS, article=article_id, ids=mentioned).consume().counters
            changed |= counters.relationships_created > 0
    if article is not None:
        if new_article:
            report.articles_added = 1
        elif not changed:
            report.articles_skipped = 1
    return report


def _write_group_fast(tx: neo4j.ManagedTransaction, article: Article | None,
                      entities: list[Entity], relations: list[Relation],
                      article_id: str | None) -> UpsertReport:
    """`_write_group` in two statements: the same locks, reads, merge rules and writes."""
    report = UpsertReport()
    entity_ids = sorted({e.id for e in entities})
    ends = sorted({end for r in relations for end in (r.source, r.target)} - set(entity_ids))
    first: dict[tuple, Relation] = {}
    for relation in relations:
        _rel_type(relation.type)
        first.setdefault(relation.key, relation)
    keys = list(first)

    # 1. lock every entity touched (creating the fragment's new ones), read the stored ones
    #    and the stored relations with the same identities
    record = tx.run(_READ_GROUP, ids=entity_ids, ends=ends, rows=[
        {"key": n, "source": k[0], "type": k[1], "target": k[2], "date": k[3] or ""}
        for n, k in enumerate(keys)]).single(strict=True)
    stored: dict[str, Entity | None] = {
        item["id"]: _entity(item["props"]) if item["props"].get("name") is not None else None
        for item in record["locked"]}
    found = set(record["found"])
    for end in ends:
        if end not in found:
            raise StoreError(f"cannot store a relation of {end!r}: unknown entity {end!r}")
    existing: dict[tuple, list[Any]] = {
        keys[item["key"]]: [json.loads(e) for e in item["evidence"] or []]
        for item in record["existing"]}

    # 2. entities: insert or merge (merge_entity), write only what changed
    entity_rows = _entity_rows(entities, stored, report)

    # 3. relations: identity (source, type, target, date); evidence merged as embedded does
    create_rows, update_rows = _relation_rows(keys, first, existing, relations, report)

    # 4. one statement writes it all: entities, the article, relations, MENTIONS
    mentioned = sorted({end for r in relations for end in (r.source, r.target)})
    counters = tx.run(
        _write_group_statement(tuple(sorted(load_vocabulary().actions))),
        rows=entity_rows, articles=[article_props(article)] if article is not None else [],
        create_rows=create_rows, update_rows=update_rows,
        mention_articles=[article_id] if article_id is not None and mentioned else [],
        mentioned=mentioned).consume().counters
    new_article = counters.nodes_created > 0  # entities exist since step 1: only the article
    mentions_created = counters.relationships_created - len(create_rows)
    changed = bool(entity_rows or create_rows or update_rows or mentions_created > 0)
    if article is not None:
        if new_article:
            report.articles_added = 1
        elif not changed:
            report.articles_skipped = 1
    return report


def _entity(props: dict[str, Any]) -> Entity:
    return Entity(id=props["id"], name=props["name"], type=props["type"],
                  aliases=list(props.get("aliases") or []), country=props.get("country"),
                  wikidata=props.get("wikidata"), roles=list(props.get("roles") or []))


def _load(tx: neo4j.ManagedTransaction) -> GraphFragment:
    articles = [
        Article(id=p["id"], title=p.get("title"), url=p.get("url"),
                published=p.get("published"), source=p.get("source"))
        for p in (r["p"] for r in tx.run(
            "MATCH (a:Article) RETURN properties(a) AS p ORDER BY a.id"))]
    entities = [_entity(r["p"]) for r in tx.run(
        "MATCH (n:Entity) RETURN properties(n) AS p ORDER BY n.id")]
    relations = []
    for record in tx.run("MATCH (s:Entity)-[r]->(t:Entity) "
                         "RETURN s.id AS source, type(r) AS type, t.id AS target, "
                         "properties(r) AS p "
                         "ORDER BY source, type, target, coalesce(r.date, '')"):
        p = record["p"]
        relations.append(Relation(
            source=record["source"], type=record["type"], target=record["target"],
            date=p.get("date"), category=p.get("category"), status=p.get("status", "asserted"),
            properties=json.loads(p.get("properties") or "{}"),
            confidence=p.get("confidence", 0.8),
            evidence=[json.loads(item) for item in p.get("evidence") or []]))
    return GraphFragment(articles=articles, entities=entities, relations=relations)
