"""The embedded store: one SQLite file, the system of record; Cypher through kglite.

WAL mode and a busy timeout let several processes write; whole articles are written in
`BEGIN IMMEDIATE` transactions, up to `batch` of them in one (see `upsert_many`).
`meta.changes` counts committed write transactions that changed something. Cypher runs on
a kglite graph persisted beside the file (`<db>.graph/`) and kept in step with it by a change
log that triggers fill in each write transaction (`geokg.graph.graph_file`): a query process
loads the saved graph and applies the log since it, instead of rebuilding the whole graph.

Schema version 2 keeps evidence in a table of its own, one row per item, unique by the
identity `Relation.add_evidence` uses (article, start, end, rule) and read back in insertion
order (rowid): a new article adds its rows without reading what the relation already holds.
Version 1 (a relation's evidence as one JSON list) is migrated in place on open. Version 3
adds each evidence item's reported date (`evidence.date`, NULL when undated): an edge's date
is the finest of its evidence's dates, the items keep theirs (`geokg.graph.precision`).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geokg.graph.errors import StoreError, StoreUnavailable
from geokg.graph.store import (
    DEFAULT_BATCH,
    BaseStore,
    OnError,
    UpsertReport,
    write_batches,
)

if TYPE_CHECKING:  # the model loads where a write or a whole load needs it: a query, cypher
    # or stats process starts without pydantic (~0.3 s)
    from geokg.graph.model import Article, Entity, GraphFragment, Relation
    from geokg.graph.upsert_plan import ArticleBatch

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 60_000
_NO_DATE = ""  # stored in relations.date for an undated edge (part of the unique key)
_IDS_PER_QUERY = 500  # ids in one `IN (...)` (SQLite allows 32,766 parameters)
MEMORY = ":memory:"  # SQLite's name for a store that lives in this process only
CRASH_HOOK = "GEOKG_TEST_CRASH_AT"  # tests: `os._exit` at a named point (see graph_file)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value)
  VALUES ('schema_version', '{SCHEMA_VERSION}'), ('changes', '0');
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, title TEXT, url TEXT, published TEXT, source TEXT,
  text TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]', country TEXT, wikidata TEXT,
  roles TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS relations (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, date TEXT NOT NULL,
  category TEXT, status TEXT NOT NULL, properties TEXT NOT NULL DEFAULT '{{}}',
  confidence REAL NOT NULL,
  UNIQUE (source, type, target, date));
CREATE TABLE IF NOT EXISTS evidence (
  relation INTEGER NOT NULL REFERENCES relations (id),
  article TEXT NOT NULL, sentence TEXT NOT NULL,
  char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, rule TEXT NOT NULL, date TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS evidence_item
  ON evidence (relation, article, char_start, char_end, rule);
CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (article_id, entity_id));
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);
CREATE INDEX IF NOT EXISTS relations_target ON relations (target);
"""


class EmbeddedStore(BaseStore):
    """GraphStore on one SQLite file (created with its schema on first open).

    An existing file is first looked at read-only: anything but a geokg store is refused
    before a byte of it changes (no switch to WAL). `read_only=True` never writes at all
    (no schema, no WAL switch, no file created), so read commands work on read-only media;
    its writes fail. `live_graph`: for a long-lived process (`geokg serve`), the Cypher
    graph stays in memory and follows the store's changes (`PersistedGraph` live)."""

    def __init__(self, path: str | Path, read_only: bool = False, *,
                 live_graph: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.live_graph = live_graph
        self._engine: Any = None
        self._graph: Any = None
        self._lock = threading.RLock()
        if read_only:
            self._conn = _open_read_only(self.path)
            return
        _refuse_foreign(self.path)
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                         isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._init_schema()
            from geokg.graph.graph_file import install_changelog, prune_changelog

            install_changelog(self._conn)
            prune_changelog(self.path, self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot use database {self.path}: {exc}") from None

    def _init_schema(self) -> None:
        tables = {r[0] for r in self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise sqlite3.DatabaseError("an SQLite file that is not a geokg store")
        if "meta" in tables:
            version = _schema_version(self._conn.cursor())
            if version < SCHEMA_VERSION:
                self._migrate()
                return
            if {"articles", "entities", "relations", "evidence", "mentions"} <= tables:
                return
        with self._write() as cur:
            _create_schema(cur)

    def _migrate(self) -> None:
        """Bring an older store to SCHEMA_VERSION in place, in one transaction (a no-op if
        another process did it first)."""
        with self._write() as cur:
            version = _schema_version(cur)
            if version >= SCHEMA_VERSION:
                return
            if version not in (1, 2):
                raise sqlite3.DatabaseError(f"schema version {version} is unknown")
            if version == 1:
                _migrate_v1(cur)
            _migrate_v2(cur)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                        (str(SCHEMA_VERSION),))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        """One `BEGIN IMMEDIATE` transaction; bumps the change counter if it changed rows."""
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            before = self._conn.total_changes
            try:
                yield cur
                if self._conn.total_changes != before:
                    cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                                "WHERE key = 'changes'")
                cur.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    cur.execute("ROLLBACK")
                raise
            if os.environ.get(CRASH_HOOK) == "after-commit":  # tests: a writer killed here
                os._exit(77)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Cursor]:
        """One read transaction (a consistent WAL snapshot)."""
        with self._lock:
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN")
                yield cur
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read database {self.path}: {exc}") from None
            finally:
                if self._conn.in_transaction:
                    cur.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------

    def upsert_many(self, fragments: Iterable[GraphFragment], batch: int = DEFAULT_BATCH,
                    on_error: OnError | None = None) -> UpsertReport:
        """Write a stream of fragments, up to `batch` whole articles per `BEGIN IMMEDIATE`
        transaction (`write_batches`): per article, the article row, the relations with
        evidence from it (only that evidence; edges merge by identity and evidence by
        (article, start, end, rule)), their endpoint entities (merged) and MENTIONS rows.
        Entities no relation uses go with the fragment's first article, relations without
        evidence after its last. Unknown types or entity ids are refused before any write of
        their fragment."""
        return write_batches(fragments, self._check, self._write_groups, batch, on_error)

    def _write_groups(self, groups: list[ArticleBatch]) -> UpsertReport:
        report = UpsertReport()
        try:
            with self._write() as cur:
                for group in groups:
                    self._write_group(cur, group.article, group.entities, group.relations,
                                      group.article_id, report)
        except sqlite3.Error as exc:
            data = sqlite3.IntegrityError | sqlite3.DataError | sqlite3.InterfaceError
            kind = StoreError if isinstance(exc, data) else StoreUnavailable
            raise kind(f"cannot write to database {self.path}: {exc}") from None
        return report

    def _stored_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        with self._read() as cur:
            for start in range(0, len(ids), _IDS_PER_QUERY):
                part = ids[start:start + _IDS_PER_QUERY]
                found.update(row[0] for row in cur.execute(
                    f"SELECT id FROM entities WHERE id IN ({', '.join('?' * len(part))})", part))
        return found

    def _write_group(self, cur: sqlite3.Cursor, article: Article | None,
                     entities: list[Entity], relations: list[Relation],
                     article_id: str | None, report: UpsertReport) -> None:
        changes = self._conn.total_changes
        evidence_before = report.evidence_added
        new_article = False
        if article is not None:
            cur.execute("INSERT OR IGNORE INTO articles (id, title, url, published, source, text) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (article.id, article.title, article.url,
                         article.published.isoformat() if article.published else None,
                         article.source, article.text))
            new_article = cur.rowcount == 1
        for entity in entities:
            report.entities_added += _upsert_entity(cur, entity)
        for relation in relations:
            added_relation, added_evidence = _upsert_relation(cur, relation)
            report.relations_added += added_relation
            report.evidence_added += added_evidence
        if article_id is not None:
            cur.executemany(
                "INSERT OR IGNORE INTO mentions (article_id, entity_id) "
                "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                [(article_id, end, article_id)
                 for end in sorted({e for r in relations for e in (r.source, r.target)})])
        if article is not None:
            if new_article:
                report.articles_added += 1
            elif report.evidence_added == evidence_before and self._conn.total_changes == changes:
                report.articles_skipped += 1

    # -- reading ---------------------------------------------------------------------------

    def version(self) -> int:
        """The change counter: moves with every write transaction that changed the store."""
        with self._read() as cur:
            return _version(cur)

    def relation_bound(self) -> int:
        """At least the number of stored relations (the highest relation id), read at once:
        how large the graph is, without counting it."""
        with self._read() as cur:
            return cur.execute("SELECT coalesce(max(id), 0) FROM relations").fetchone()[0]

    def snapshot(self) -> tuple[int, GraphFragment]:
        """The change counter and the whole graph, read in one transaction."""
        with self._read() as cur:
            return _version(cur), _load(cur)

    def load(self) -> GraphFragment:
        """The whole stored graph (articles without their text)."""
        return self.snapshot()[1]

    def store_id(self) -> str | None:
        """The store's random id (`graph_file`), None for a store without a change log."""
        with self._read() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        return row[0] if row else None

    def stats(self) -> dict[str, Any]:
        """Counts of articles, entities and relations, and by entity / relation type."""
        with self._read() as cur:
            count = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "entities", "relations")}
            by_entity = dict(cur.execute(
                "SELECT type, count(*) FROM entities GROUP BY type ORDER BY type"))
            by_relation = dict(cur.execute(
                "SELECT type, count(*) FROM relations GROUP BY type ORDER BY type"))
        return {**count, "by_entity_type": by_entity, "by_relation_type": by_relation}

    def article_text(self, article_id: str) -> str | None:
        """The stored text of an article, or None if there is no such article."""
        with self._read() as cur:
            row = cur.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def mentions(self) -> list[tuple[str, str]]:
        """(article id, entity id) pairs, sorted."""
        with self._read() as cur:
            return [tuple(r) for r in cur.execute(
                "SELECT article_id, entity_id FROM mentions ORDER BY article_id, entity_id")]

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher on the kglite graph persisted beside the store and kept in
        step with it (`geokg.graph.graph_file`; cached in this process while the store is
        unchanged); at most `max_rows` rows. A store without a change log (an older one
        opened read-only) or in memory (`:memory:`, nowhere to keep a file) gets a graph built
        in memory."""
        from geokg.graph.cypher_engine import CypherEngine, run
        from geokg.graph.graph_file import PersistedGraph
        from geokg.graph.readonly import check_read_only

        check_read_only(query)
        with self._lock:
            if self._graph is None and str(self.path) != MEMORY:
                self._graph = PersistedGraph(self.path, self._conn, live=self.live_graph)
            try:
                graph = self._graph.graph() if self._graph is not None else None
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read database {self.path}: {exc}") from None
        if graph is not None:
            return run(graph, query, params, max_rows)
        if self._engine is None:
            self._engine = CypherEngine()
        return self._engine.cypher(query, params, self.version(), self.snapshot, max_rows)

    def close(self) -> None:
        """Close the SQLite connection."""
        self._conn.close()



def _upsert_entity(cur: sqlite3.Cursor, entity: Entity) -> int:
    """Insert or merge one entity; 1 if it is new."""
    row = cur.execute("SELECT id, name, type, aliases, country, wikidata, roles FROM entities "
                      "WHERE id = ?", (entity.id,)).fetchone()
    if row is None:
        cur.execute("INSERT INTO entities (id, name, type, aliases, country, wikidata, roles) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (entity.id, entity.name, entity.type.value, json.dumps(entity.aliases),
                     entity.country, entity.wikidata, json.dumps(entity.roles)))
        return 1
    stored = _entity(row)
    before = stored.model_dump()
    from geokg.graph.model import merge_entity

    merge_entity(stored, entity)
    if stored.model_dump() != before:
        cur.execute("UPDATE entities SET aliases = ?, country = ?, wikidata = ?, roles = ? "
                    "WHERE id = ?", (json.dumps(stored.aliases), stored.country,
                                     stored.wikidata, json.dumps(stored.roles), stored.id))
    return 0


def _upsert_relation(cur: sqlite3.Cursor, relation: Relation) -> tuple[int, int]:
    """Insert one relation or add its evidence; (relations added, evidence items added).
    When its (source, type, target) has edges at other dates, the edges are regrouped
    (`_regroup_relation`); otherwise the evidence already stored is never read: the items
    are inserted unless their identity (article, start, end, rule) is already there."""
    key = (relation.source, relation.type, relation.target, relation.date or _NO_DATE)
    rows = cur.execute("SELECT id, date FROM relations WHERE source = ? AND type = ? AND "
                       "target = ?", key[:3]).fetchall()
    row = next((r for r in rows if r[1] == key[3]), None)
    from geokg.graph.precision import same_date

    if rows and not (row and same_date(relation)):
        return _regroup_relation(cur, relation, [r[0] for r in rows])
    if row is None:
        cur.execute("INSERT INTO relations (source, type, target, date, category, status, "
                    "properties, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*key, relation.category, relation.status.value,
                     json.dumps(relation.properties, ensure_ascii=False), relation.confidence))
        relation_id = cur.lastrowid
    else:
        relation_id = row[0]
    cur.executemany(_INSERT_EVIDENCE, _evidence_rows(relation_id, relation))
    # rowcount: the rows this statement inserted (total_changes counts the log's triggers too)
    return int(row is None), max(0, cur.rowcount)


def _evidence_rows(relation_id: int, relation: Relation) -> list[tuple]:
    """Rows of the relation's evidence, each with its reported date (`reported`)."""
    return [(relation_id, e.article, e.sentence, e.start, e.end, e.rule, e.date or relation.date)
            for e in relation.evidence]


def _relation_values(relation: Relation) -> tuple:
    return (relation.category, relation.status.value,
            json.dumps(relation.properties, ensure_ascii=False), relation.confidence)


def _regroup_relation(cur: sqlite3.Cursor, relation: Relation,
                      ids: list[int]) -> tuple[int, int]:
    """Add `relation` to the stored edges `ids` of its (source, type, target) by the rule
    of `geokg.graph.precision.regroup`, writing only what changes; (relations added,
    evidence items added)."""
    from geokg.graph.model import Relation, evidence_identity
    from geokg.graph.precision import regroup

    marks = ",".join("?" * len(ids))
    items: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for r in cur.execute(f"SELECT relation, article, sentence, char_start, char_end, rule, "
                         f"date FROM evidence WHERE relation IN ({marks}) ORDER BY rowid", ids):
        items[r[0]].append({"article": r[1], "sentence": r[2], "start": r[3], "end": r[4],
                            "rule": r[5], "date": r[6]})
    stored = {r[0]: Relation(source=relation.source, type=relation.type,
                             target=relation.target, date=r[1] or None, category=r[2],
                             status=r[3], properties=json.loads(r[4]), confidence=r[5],
                             evidence=items[r[0]])
              for r in cur.execute(f"SELECT id, date, category, status, properties, confidence "
                                   f"FROM relations WHERE id IN ({marks}) ORDER BY id", ids)}
    edges = {edge.date: edge for edge in regroup([*stored.values(), relation])}
    by_date = {r.date: i for i, r in stored.items()}
    for relation_id, old in stored.items():
        kept = ({evidence_identity(e) for e in edges[old.date].evidence}
                if old.date in edges else set())
        gone = [e for e in old.evidence if evidence_identity(e) not in kept]
        cur.executemany("DELETE FROM evidence WHERE relation = ? AND article = ? AND "
                        "char_start = ? AND char_end = ? AND rule = ?",
                        [(relation_id, *evidence_identity(e)) for e in gone])
        if old.date not in edges:
            cur.execute("DELETE FROM relations WHERE id = ?", (relation_id,))
    for date, edge in edges.items():
        relation_id = by_date.get(date)
        if relation_id is None:
            cur.execute("INSERT INTO relations (source, type, target, date, category, status, "
                        "properties, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (edge.source, edge.type, edge.target, date or _NO_DATE,
                         *_relation_values(edge)))
            relation_id = cur.lastrowid
        elif _relation_values(edge) != _relation_values(stored[relation_id]):
            cur.execute("UPDATE relations SET category = ?, status = ?, properties = ?, "
                        "confidence = ? WHERE id = ?", (*_relation_values(edge), relation_id))
        cur.executemany(_INSERT_EVIDENCE, _evidence_rows(relation_id, edge))
    grown = sum(len(e.evidence) for e in edges.values()) - sum(
        len(r.evidence) for r in stored.values())
    return max(0, len(edges) - len(stored)), max(0, grown)


_INSERT_EVIDENCE = ("INSERT OR IGNORE INTO evidence (relation, article, sentence, char_start, "
                    "char_end, rule, date) VALUES (?, ?, ?, ?, ?, ?, ?)")


def _connect_read_only(path: Path, immutable: bool) -> sqlite3.Connection:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            raise sqlite3.DatabaseError("an SQLite file that is not a geokg store")
        if tables:
            _schema_version(conn.cursor())
    except BaseException:
        conn.close()
        raise
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes to the store at `path` (which must exist and be a
    geokg store of this schema version). On read-only media a WAL store without its `-shm`
    file cannot be opened plain read-only; it is opened as immutable then (nothing can
    change it there)."""
    if not path.is_file():
        raise StoreError(f"no geokg store at {path} (ingest articles first)")
    try:
        try:
            conn = _connect_read_only(path, immutable=False)
        except sqlite3.OperationalError:
            conn = _connect_read_only(path, immutable=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if _schema_version(conn.cursor()) != SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"cannot read database {path}: its schema needs an upgrade (run "
                             "a writing command such as `geokg ingest` on it once)")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use database {path}: {exc}") from None
    return conn


def _refuse_foreign(path: Path) -> None:
    """Look at an existing, non-empty file read-only; StoreError unless it is a geokg store,
    before anything is written to it."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        _connect_read_only(path, immutable=False).close()
    except sqlite3.DatabaseError as exc:
        if "not a geokg store" in str(exc) or "not a database" in str(exc) \
                or "schema version" in str(exc) or "newer than" in str(exc):
            raise StoreError(f"cannot use database {path}: {exc}") from None
        # anything else (locked, read-only media): the writable open below says what


def _create_schema(cur: sqlite3.Cursor) -> None:
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            cur.execute(statement)


def _schema_version(cur: sqlite3.Cursor) -> int:
    """The stored schema version; refuses one newer than this code knows."""
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise sqlite3.DatabaseError("a geokg store without a schema version")
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"schema version {version} is newer than this geokg ({SCHEMA_VERSION})")
    return version


def _migrate_v1(cur: sqlite3.Cursor) -> None:
    """Version 1 -> 2: each relation's JSON evidence list becomes rows of the evidence table,
    in list order; a relation keeps its rowid as its id, so the order of relations stays."""
    cur.execute("ALTER TABLE relations RENAME TO relations_v1")
    cur.execute("DROP INDEX IF EXISTS relations_target")  # went with the renamed table
    _create_schema(cur)
    cur.execute("INSERT INTO relations (id, source, type, target, date, category, status, "
                "properties, confidence) SELECT rowid, source, type, target, date, category, "
                "status, properties, confidence FROM relations_v1 ORDER BY rowid")
    reader = cur.connection.execute("SELECT rowid, evidence FROM relations_v1 ORDER BY rowid")
    cur.executemany(_INSERT_EVIDENCE, _v1_evidence_rows(reader))
    cur.execute("DROP TABLE relations_v1")


def _migrate_v2(cur: sqlite3.Cursor) -> None:
    """Version 2 -> 3: evidence items get their reported date, their edge's date."""
    columns = {row[1] for row in cur.execute("PRAGMA table_info(evidence)")}
    if "date" not in columns:
        cur.execute("ALTER TABLE evidence ADD COLUMN date TEXT")
    cur.execute("UPDATE evidence SET date = (SELECT nullif(date, '') FROM relations "
                "WHERE relations.id = evidence.relation) WHERE date IS NULL")


def _v1_evidence_rows(rows: Iterable[tuple[int, str]]) -> Iterator[tuple]:
    from geokg.graph.model import Evidence

    for relation_id, text in rows:
        try:
            items = [Evidence.model_validate(item) for item in json.loads(text)]
        except (ValueError, TypeError):
            raise sqlite3.DatabaseError(f"cannot migrate to schema version {SCHEMA_VERSION}: "
                                        f"relation {relation_id} has unreadable evidence"
                                        ) from None
        for e in items:
            yield relation_id, e.article, e.sentence, e.start, e.end, e.rule, None


def _entity(row: tuple) -> Entity:
    """The entity of a row of `entities` (its lists are stored as JSON)."""
    from geokg.graph.values import entity_from_props

    return entity_from_props({"id": row[0], "name": row[1], "type": row[2],
                              "aliases": json.loads(row[3]), "country": row[4],
                              "wikidata": row[5], "roles": json.loads(row[6])})


def _version(cur: sqlite3.Cursor) -> int:
    return int(cur.execute("SELECT value FROM meta WHERE key = 'changes'").fetchone()[0])


def _load(cur: sqlite3.Cursor) -> GraphFragment:
    from geokg.graph.model import Article, GraphFragment, Relation

    articles = [Article(id=r[0], title=r[1], url=r[2], published=r[3], source=r[4])
                for r in cur.execute("SELECT id, title, url, published, source FROM articles "
                                     "ORDER BY rowid")]
    entities = [_entity(r) for r in cur.execute(
        "SELECT id, name, type, aliases, country, wikidata, roles FROM entities ORDER BY rowid")]
    evidence: dict[int, list[dict[str, Any]]] = {}  # dicts: Relation validates them faster
    for r in cur.execute("SELECT e.relation, e.article, e.sentence, e.char_start, e.char_end, "
                         "e.rule, CASE WHEN e.date = r.date THEN NULL ELSE e.date END "
                         "FROM evidence e JOIN relations r ON r.id = e.relation "
                         "ORDER BY e.rowid"):
        evidence.setdefault(r[0], []).append(
            {"article": r[1], "sentence": r[2], "start": r[3], "end": r[4], "rule": r[5],
             "date": r[6]})
    relations = [
        Relation(source=r[1], type=r[2], target=r[3], date=r[4] or None, category=r[5],
                 status=r[6], properties=json.loads(r[7]), confidence=r[8],
                 evidence=evidence.pop(r[0], []))
        for r in cur.execute("SELECT id, source, type, target, date, category, status, "
                             "properties, confidence FROM relations ORDER BY id")]
    return GraphFragment(articles=articles, entities=entities, relations=relations)
