"""The Neo4j store: the official `neo4j` driver over Bolt, same graph shape as kglite.

The shape (labels, relationship types, properties) is the one documented in
`geokg.graph.cypher_engine`, built from the same `geokg.graph.values` property maps, so the
canned queries give the same rows on both engines.

Writes: several whole articles per managed write transaction (`upsert_many`, batches made by
`geokg.graph.store.write_batches`), each transaction two statements however many articles it
holds. The first takes write locks on every entity the batch touches (MERGE for its entities,
a no-op SET for other endpoints) and reads what the merge needs (stored entities, edges with
the same identities, stored articles and their MENTIONS); Python then merges article by
article with the embedded store's own rules (`merge_entity`, evidence deduplicated by
(article, start, end, rule)), so the result is the one of one transaction per article; the
second statement writes it all. Evidence lives on each relationship as parallel lists of
scalars (`geokg.graph.values.EVIDENCE_LISTS`: `sentences`, `articles`, `urls`, ...), each
written whole, in item order; an edge written before them (its evidence as JSON strings in
`evidence`) is read too and rewritten in the new form when a batch touches it. Holding
both endpoint locks makes "MATCH the edge, CREATE it if absent" safe against concurrent
writers; the edge is matched with `coalesce(r.date, '') = $date` because an undated edge
has no `date` property and Neo4j cannot MERGE on a null. Labels and relationship types come
only from `EntityType` and the vocabulary (validated), never from input text; every value is
a parameter. The statements are built in `geokg.graph.statements`.

User Cypher (`cypher`) passes `check_read_only` and then runs in a READ transaction, where
the server itself refuses any write.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ConnectionPoolError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from geokg.graph import statements
from geokg.graph.errors import ReadOnlyViolation, StoreError, StoreUnavailable
from geokg.graph.model import (
    Article,
    Entity,
    Evidence,
    GraphFragment,
    Relation,
    evidence_identity,
    merge_entity,
)
from geokg.graph.precision import normalized, regroup, same_date
from geokg.graph.readonly import check_read_only
from geokg.graph.statements import KNOWN_ENTITIES
from geokg.graph.store import (
    DEFAULT_BATCH,
    BaseStore,
    OnError,
    UpsertReport,
    checked_relation_type,
    write_batches,
)
from geokg.graph.upsert_plan import ArticleBatch
from geokg.graph.values import (
    EVIDENCE_LISTS,
    Cited,
    article_props,
    cited,
    entity_from_props,
    entity_props,
    evidence_column,
    evidence_from_lists,
    evidence_lists,
    plain,
    relation_props,
)
from geokg.graph.vocabulary import load_vocabulary

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
SCHEMES = ("bolt", "neo4j", "bolt+s", "neo4j+s", "bolt+ssc", "neo4j+ssc")
BATCH = 5_000  # rows of one list in one statement (more: several statements)
CONNECTION_TIMEOUT = 10.0  # seconds to open a connection, Bolt handshake included
TIMEOUT_ENV = "GEOKG_NEO4J_TIMEOUT"  # overrides CONNECTION_TIMEOUT
RETRY_TIME = 10.0  # seconds a transaction is retried after a transient failure

# The driver logs retries ("Transaction failed and will be retried ...") as warnings; without
# a handler Python would print them on stderr next to our one-line error.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

_REASON = re.compile(r"\(reason ([^()]*(?:\([^()]*\)[^()]*)*)\)")
_T = TypeVar("_T")


def _server_version(session: neo4j.Session) -> tuple[int, ...]:
    """The server's version as numbers, e.g. (5, 26, 30) or (2025, 1, 0); () if unknown."""
    try:
        record = session.run("CALL dbms.components() YIELD name, versions "
                             "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS v").single()
    except Neo4jError:
        return ()
    numbers = re.findall(r"\d+", str(record["v"])) if record else []
    return tuple(int(n) for n in numbers[:3])


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def _connection_timeout(raw: str | None) -> float:
    """Seconds from GEOKG_NEO4J_TIMEOUT (default CONNECTION_TIMEOUT)."""
    if not raw or not raw.strip():
        return CONNECTION_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise StoreError(f"{TIMEOUT_ENV}={raw!r} is not a positive number of seconds")
    return value


class Neo4jStore(BaseStore):
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
        self._dynamic = False  # the server takes $(...) labels and types (Neo4j 5.26+)
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
                   database=database or env.get("NEO4J_DATABASE") or None,
                   connection_timeout=_connection_timeout(env.get(TIMEOUT_ENV)))

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
        """One clear line for a driver or server error (never the password);
        `StoreUnavailable` when no write can succeed now (server, credentials, rights)."""
        where = self.where
        if isinstance(exc, AuthError):
            hint = "" if self._password else " (NEO4J_PASSWORD is not set)"
            message = f"Neo4j refused the credentials for user {self.user} at {where}{hint}"
            return StoreUnavailable(message)
        if isinstance(exc, ServiceUnavailable | SessionExpired):
            reason = _REASON.search(str(exc))
            detail = reason.group(1) if reason else _one_line(str(exc))
            if self._connected:
                return StoreUnavailable(f"lost the connection to Neo4j at {where}: {detail}")
            return StoreUnavailable(f"cannot reach Neo4j at {where}: {detail}")
        if isinstance(exc, Neo4jError):
            code = exc.code or ""
            message = _one_line(exc.message or "") or code
            if code == "Neo.ClientError.Statement.AccessMode":
                return ReadOnlyViolation(f"read-only: Neo4j refused a write in a read-only "
                                         f"query ({message})")
            if code.endswith(".DatabaseNotFound"):
                return StoreUnavailable(f"Neo4j at {where} has no database {self.database!r}")
            if code.endswith(".DatabaseUnavailable"):  # e.g. stopping
                return StoreUnavailable(f"Neo4j at {where}: {message} ({code})")
            if code.startswith("Neo.ClientError.Security."):
                return StoreUnavailable(f"Neo4j at {where} refused this for user {self.user}: "
                                        f"{message}")
            if code.startswith("Neo.ClientError.Statement."):
                return StoreError(f"cypher: {message}")
            if code.startswith("Neo.DatabaseError.") and ".Statement." not in code:
                return StoreUnavailable(f"Neo4j at {where}: {message} ({code})")
            return StoreError(f"Neo4j at {where}: {message} ({code})")
        detail = _one_line(str(exc)) or type(exc).__name__
        if isinstance(exc, OSError | ConnectionPoolError | ConfigurationError):
            return StoreUnavailable(f"Neo4j at {where}: {detail}")
        return StoreError(f"Neo4j at {where}: {detail}")

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
                        # the handshake waits on this one (60 s by default): a port that
                        # accepts and never answers fails after the connection timeout too
                        connection_acquisition_timeout=self._connection_timeout,
                        max_transaction_retry_time=self._retry_time,
                        notifications_min_severity="OFF", user_agent="geokg")
                except (ValueError, TypeError, ConfigurationError) as exc:
                    raise self._scrub(StoreError(
                        f"invalid Neo4j URI {self.where}: {_one_line(str(exc))}")) from exc
                try:
                    driver.verify_connectivity()
                    with driver.session(database=self.database) as session:
                        session.run("RETURN 1").consume()
                        self._dynamic = _server_version(session) >= (5, 26)
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
            for name, statement in statements.schema_statements().items():
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

    def upsert_many(self, fragments: Iterable[GraphFragment], batch: int = DEFAULT_BATCH,
                    on_error: OnError | None = None) -> UpsertReport:
        """Write a stream of fragments, up to `batch` whole articles per transaction (see
        `write_batches`): articles merge as with one transaction each, a failed batch is
        retried one article per transaction, unknown types or entity ids are refused before
        any write of their fragment."""
        driver = self._ready()
        with self._errors(), self._session(driver, neo4j.WRITE_ACCESS) as session:
            def check(fragment: GraphFragment, pending: set[str]) -> None:
                with self._errors():
                    self._check(fragment, pending)

            def write(groups: list[ArticleBatch]) -> UpsertReport:
                with self._errors():
                    return session.execute_write(_write, groups, self._dynamic)

            return write_batches(fragments, check, write, batch, on_error)

    def _stored_ids(self, ids: list[str]) -> set[str]:
        return set(self._read(lambda tx: [r["id"] for r in tx.run(KNOWN_ENTITIES, ids=ids)]))

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

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher in a READ transaction; rows as dicts of plain values (at
        most `max_rows`: the driver fetches in batches and the rest is discarded)."""
        check_read_only(query)
        values = dict(params or {})

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [{key: plain(value) for key, value in record.items()}
                    for record in itertools.islice(tx.run(query, values), max_rows)]

        return self._read(work)

    def close(self) -> None:
        """Close the driver and its connections."""
        with self._lock:
            if self._driver is not None:
                self._driver.close()
            self._driver = None
            self._connected = False

# -- one batch's transaction --------------------------------------------------------------

# Two statements per transaction (plus the commit) however many articles it holds: each
# statement is a server round trip, and at a few milliseconds each they, not the work, bound
# the ingest rate. The first locks the entities (creating the new ones) and reads what the
# merge needs; the second writes. Each part is a unit subquery over its own parameter list.
def _parts(tx: neo4j.ManagedTransaction, statement: str,
           *passes: dict[str, list[Any]]) -> Iterator[neo4j.Record]:
    """Run `statement` on the lists (one `$data` map, so that the server plans it once
    whichever lists are empty) once when each fits in `BATCH` rows; else pass by pass (a pass
    sees what the one before did), each pass's lists in slices of `BATCH` rows and the other
    lists empty."""
    lists = {name: rows for part in passes for name, rows in part.items()}
    if all(len(rows) <= BATCH for rows in lists.values()):
        yield from tx.run(statement, data=lists)
        return
    for part in passes:
        for start in range(0, max(len(rows) for rows in part.values()), BATCH):
            yield from tx.run(statement, data={name: [] for name in lists} | {
                name: rows[start:start + BATCH] for name, rows in part.items()})


def _shape(entity: Entity) -> tuple:
    """What `merge_entity` can change (it only appends and fills in)."""
    return len(entity.aliases), len(entity.roles), entity.country, entity.wikidata


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


class _Edge:
    """One edge a batch touches: its evidence items, their identities, how many were stored,
    and the properties of a new edge. The relationship keeps the items as the parallel
    `EVIDENCE_LISTS`, written whole from `items` (`_Merge.relation_rows`)."""

    __slots__ = ("props", "items", "seen", "stored", "fields", "stale")

    def __init__(self, props: dict[str, Any] | None, stored: list[dict[str, Any]],
                 fields: dict[str, Any] | None = None) -> None:
        self.props = props  # None for an edge that is stored
        self.items = [Evidence.model_construct(**item) for item in stored]
        self.seen = {item.identity for item in self.items}
        self.stored = len(self.items)
        self.fields = fields  # a stored edge's properties
        # a stored edge written before the parallel lists (its evidence as JSON strings)
        self.stale = fields is not None and "sentences" not in fields and bool(stored)

    def relation(self, key: tuple) -> Relation:
        """The edge as a Relation (for `regroup`)."""
        p = self.props if self.props is not None else self.fields or {}
        return Relation(source=key[0], type=key[1], target=key[2], date=key[3],
                        category=p.get("category"), status=p.get("status", "asserted"),
                        properties=json.loads(p.get("properties") or "{}"),
                        confidence=p.get("confidence", 0.8), evidence=list(self.items))

    @classmethod
    def new(cls, relation: Relation) -> _Edge:
        edge = cls({k: v for k, v in relation_props(relation).items()
                    if k not in EVIDENCE_LISTS}, [])
        edge.add(relation.evidence)
        return edge

    def add(self, items: list[Evidence]) -> int:
        """Append the items not yet present; how many were added."""
        added = 0
        for item in items:
            ident = item.identity
            if ident not in self.seen:
                self.seen.add(ident)
                self.items.append(item)
                added += 1
        return added


class _Merge:
    """A transaction's writes: the stored state its first statement read, merged article
    group by group as one transaction per group would (`merge_entity`; edges by identity,
    evidence by (article, start, end, rule); MENTIONS from stored or new articles only)."""

    def __init__(self, stored: dict[str, Entity | None], existing: dict[tuple, dict[str, Any]],
                 articles: dict[str, set[str]],
                 cited_articles: dict[str, Cited] | None = None) -> None:
        self.entities = {i: e for i, e in stored.items() if e is not None}
        self.stored_shape = {i: _shape(e) for i, e in self.entities.items()}
        self.created: list[str] = []
        self.edges = {key: _Edge(None, evidence_from_lists(p, key[3]), p)
                      for key, p in existing.items()}
        # article id -> how its evidence cites it: from the stored edges' lists, then the
        # stored articles (`articles`), then each group's own article (`add`)
        self.cited: dict[str, Cited] = {}
        for p in existing.values():
            if "sentences" in p:
                self.cited.update(zip(evidence_column(p, "article_ids"), zip(
                    *(evidence_column(p, name) for name in ("articles", "urls", "published")),
                    strict=True), strict=True))
        self.cited.update(cited_articles or {})
        self.triples: dict[tuple, set[str | None]] = {}  # (source, type, target) -> dates
        for key in self.edges:
            self.triples.setdefault(key[:3], set()).add(key[3])
        self.deleted: list[tuple] = []  # stored edges merged away by `regroup`
        self.articles = articles  # stored or new article id -> the entities it MENTIONS
        self.new_articles: list[Article] = []
        self.mentions: list[dict[str, str]] = []

    def add(self, group: ArticleBatch) -> UpsertReport:
        """Merge one article group; what it changed, as its own transaction would report."""
        report = UpsertReport()
        if group.article is not None:
            self.cited[group.article.id] = cited(group.article, group.article.id)
        changed = self._add_entities(group.entities, report)
        changed |= self._add_relations(group.relations, report)
        new_article = group.article is not None and group.article.id not in self.articles
        if group.article is not None and new_article:
            self.articles[group.article.id] = set()
            self.new_articles.append(group.article)
        changed |= self._add_mentions(group.article_id, group.relations)
        if group.article is not None:
            if new_article:
                report.articles_added = 1
            elif not changed:
                report.articles_skipped = 1
        return report

    def _add_entities(self, entities: list[Entity], report: UpsertReport) -> bool:
        changed = False
        for entity in entities:
            current = self.entities.get(entity.id)
            if current is None:
                self.entities[entity.id] = entity.model_copy(deep=True)
                self.created.append(entity.id)
                report.entities_added += 1
                changed = True
                continue
            before = _shape(current)
            merge_entity(current, entity)
            changed |= _shape(current) != before
        return changed

    def _add_relations(self, relations: list[Relation], report: UpsertReport) -> bool:
        changed = False
        for relation in relations:
            dates = self.triples.setdefault(relation.key[:3], set())
            if dates and not (relation.date in dates and same_date(relation)):
                changed |= self._regroup(relation, report)
                continue
            if any(e.date for e in relation.evidence):  # e.g. pushed from the embedded store
                relation = relation.model_copy(update={"evidence": normalized(relation)})
            dates.add(relation.date)
            edge = self.edges.get(relation.key)
            if edge is None:  # a new edge keeps the properties of its first relation
                edge = self.edges[relation.key] = _Edge.new(relation)
                report.relations_added += 1
                report.evidence_added += len(edge.items)
                changed = True
                continue
            added = edge.add(relation.evidence)
            report.evidence_added += added
            changed |= added > 0
        return changed

    def _regroup(self, relation: Relation, report: UpsertReport) -> bool:
        """Add `relation` to the edges of its (source, type, target) at other dates by the
        rule of `geokg.graph.precision.regroup`; True when something changed."""
        triple = relation.key[:3]
        old = {date: self.edges[(*triple, date)] for date in self.triples[triple]}
        merged = {r.date: r.model_copy(update={"evidence": normalized(r)}) for r in regroup(
            [edge.relation((*triple, date)) for date, edge in old.items()] + [relation])}
        changed = False
        for date, edge in old.items():
            new = merged.get(date)
            if new is not None and {evidence_identity(e) for e in new.evidence} >= edge.seen and (
                    edge.relation((*triple, date)).model_copy(update={"evidence": []})
                    == new.model_copy(update={"evidence": []})):
                changed |= edge.add(new.evidence) > 0  # the same edge, perhaps grown
                continue
            del self.edges[(*triple, date)]
            if edge.props is None:
                self.deleted.append((*triple, date))
            changed = True
        for date, new in merged.items():
            if (*triple, date) not in self.edges:
                self.edges[(*triple, date)] = _Edge.new(new)
                changed = True
        self.triples[triple] = set(merged)
        report.relations_added += max(0, len(merged) - len(old))
        report.evidence_added += max(0, sum(len(r.evidence) for r in merged.values())
                                     - sum(len(edge.items) for edge in old.values()))
        return changed

    def _add_mentions(self, article_id: str | None, relations: list[Relation]) -> bool:
        known = self.articles.get(article_id) if article_id is not None else None
        if known is None:
            return False
        new = sorted({end for r in relations for end in (r.source, r.target)} - known)
        known.update(new)
        self.mentions += [{"article": article_id, "entity": end} for end in new]
        return bool(new)

    def entity_rows(self) -> list[dict[str, Any]]:
        """New entities (with their label) and stored ones the merges changed."""
        rows = [{"label": self.entities[i].type.value, "props": entity_props(self.entities[i])}
                for i in self.created]
        return rows + [{"label": None, "props": entity_props(self.entities[i])}
                       for i, shape in self.stored_shape.items()
                       if _shape(self.entities[i]) != shape]

    def uncited(self) -> list[str]:
        """The articles the edges to write cite that `cited` does not name yet."""
        return sorted({item.article for edge in self.edges.values()
                       if edge.props is not None or edge.stale or len(edge.items) > edge.stored
                       for item in edge.items} - self.cited.keys())

    def relation_rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                     list[dict[str, Any]]]:
        """Rows of the relations to create, of those whose evidence grew and of those to
        delete."""
        create_rows, update_rows = [], []

        def cite(article_id: str) -> Cited:
            return self.cited.get(article_id) or (article_id, "", "")

        for (source, rtype, target, date), edge in self.edges.items():
            if edge.props is not None:
                props = edge.props | evidence_lists(edge.items, date, cite)
                start, end = props.pop("date_start"), props.pop("date_end")
                create_rows.append({"source": source, "type": rtype, "target": target,
                                    "props": props, "date_start": _iso(start),
                                    "date_end": _iso(end)})
            elif len(edge.items) > edge.stored or edge.stale:
                update_rows.append({"source": source, "type": rtype, "target": target,
                                    "date": date or "",
                                    "lists": evidence_lists(edge.items, date, cite)})
        delete_rows = [{"source": s, "type": t, "target": o, "date": d or ""}
                       for s, t, o, d in self.deleted]
        return create_rows, update_rows, delete_rows


def _write(tx: neo4j.ManagedTransaction, groups: list[ArticleBatch],
           dynamic: bool) -> UpsertReport:
    """Write article groups in this transaction; a fresh report (the driver may retry).
    `dynamic`: the server takes dynamic labels and types (`_write_group_statement`)."""
    entity_ids = sorted({e.id for g in groups for e in g.entities})
    ends = sorted({end for g in groups for r in g.relations for end in (r.source, r.target)}
                  - set(entity_ids))
    keys = list(dict.fromkeys(r.key for g in groups for r in g.relations))
    for key in keys:
        checked_relation_type(key[1])
    article_ids = sorted({g.article_id for g in groups if g.article_id is not None})

    # 1. lock every entity touched (creating the new ones) and read the stored state
    merge = _read_state(tx, entity_ids, ends, keys, article_ids)

    # 2. merge article by article, as one transaction per article would
    report = UpsertReport()
    for group in groups:
        report.add(merge.add(group))

    # 3. name the cited articles no list or group named (edges written before the lists)
    uncited = merge.uncited()
    if uncited:
        for record in tx.run(statements.ARTICLE_PROPS, ids=uncited):
            merge.cited[record["id"]] = cited(record["props"], record["id"])

    # 4. write it all: entities, new articles, relations, MENTIONS
    create_rows, update_rows, delete_rows = merge.relation_rows()
    entity_part = {"rows": merge.entity_rows(),
                   "articles": [article_props(a) for a in merge.new_articles]}
    relation_part = {"delete_rows": delete_rows, "create_rows": create_rows,
                     "update_rows": update_rows, "mentions": merge.mentions}
    statement = statements.write_state(
        None if dynamic else tuple(sorted(load_vocabulary().actions)))
    for _ in _parts(tx, statement, entity_part, relation_part):
        pass
    return report


def _read_state(tx: neo4j.ManagedTransaction, entity_ids: list[str], ends: list[str],
                keys: list[tuple], article_ids: list[str]) -> _Merge:
    """Lock the entities (all before any edge is read), read the stored state."""
    triples = list(dict.fromkeys(k[:3] for k in keys))
    rows = [{"key": n, "source": k[0], "type": k[1], "target": k[2]}
            for n, k in enumerate(triples)]
    stored: dict[str, Entity | None] = {}
    found: set[str] = set()
    existing: dict[tuple, dict[str, Any]] = {}
    articles: dict[str, set[str]] = {}
    cited_articles: dict[str, Cited] = {}
    for record in _parts(tx, statements.read_state(), {"ids": entity_ids, "ends": ends},
                         {"rows": rows, "articles": article_ids}):
        for item in record["locked"]:
            props = item["props"]
            stored[item["id"]] = (entity_from_props(props) if props.get("name") is not None
                                  else None)
        found.update(record["found"])
        for item in record["existing"]:
            existing[(*triples[item["key"]], item["props"].get("date"))] = item["props"]
        for item in record["stored"]:
            articles[item["id"]] = set(item["mentioned"])
            cited_articles[item["id"]] = cited(item["props"], item["id"])
    for end in ends:
        if end not in found:
            raise StoreError(f"cannot store a relation of {end!r}: unknown entity {end!r}")
    return _Merge(stored, existing, articles, cited_articles)


def _load(tx: neo4j.ManagedTransaction) -> GraphFragment:
    articles = [
        Article(id=p["id"], title=p.get("title"), url=p.get("url"),
                published=p.get("published"), source=p.get("source"))
        for p in (r["p"] for r in tx.run(
            "MATCH (a:Article) RETURN properties(a) AS p ORDER BY a.id"))]
    entities = [entity_from_props(r["p"]) for r in tx.run(
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
            evidence=evidence_from_lists(p, p.get("date"))))
    return GraphFragment(articles=articles, entities=entities, relations=relations)
