"""The kglite graph persisted beside the embedded store, kept in step with it by a change log.

SQLite stays the system of record; the graph file is a cache that is never trusted unless it
provably matches the store:

- **Change log.** Triggers in the store (`CHANGELOG_SCHEMA`) record, in the same transaction
  as the write, what each committed write transaction changed: the ids of new or changed
  entities and new articles, the (source, type, target) of every relation whose rows or
  evidence changed (inserted, updated, merged away), and new MENTIONS pairs, each under the
  version the transaction commits as (`meta.changes` + 1; writers are serialized by
  `BEGIN IMMEDIATE`). A crash after the SQLite commit therefore loses nothing: the log says
  what the graph lacks. `meta.changelog_from` is the first version the log holds whole.
- **Graph files.** `<db>.graph/<store id>-g<SHAPE>.<version>.kgl` is the store's graph at
  exactly that change counter (`meta.store_id` is random per store, so a store replaced by
  another of the same counter never matches; `SHAPE` names the graph's shape, so a file
  written by a geokg that shaped the graph otherwise is never loaded). Files are written to
  a temporary name and renamed over (kglite's `save`), under an exclusive lock
  (`<db>.graph/lock`) so that one process builds while the others wait and then use its file.
- **Reading** (`PersistedGraph.graph`): in one SQLite read transaction (a consistent
  snapshot), read the counter C; take the newest file at a version V <= C that the log
  reaches back to; load it and apply the log's delta (V, C] (entities and articles
  re-created or updated, each changed (source, type, target) deleted and re-created from
  the store's rows, MENTIONS merged). A delta of more than `SAVE_AFTER` log rows is saved
  as the file for C (so the next process loads it as is) and the log before it is pruned.
  No usable file, a file that kglite cannot load (damaged), or a delta larger than
  `REBUILD_AFTER` rows: the graph is built from the store's rows (streamed, in batches, no
  whole-graph model in memory) and saved.

So an ingest batch costs its own log rows (proportional to the batch), a query process costs
one file load plus the delta since the last saved file, and a whole rebuild happens only for
a missing, stale-beyond-the-log or damaged file.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import time
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import kglite

from geokg.graph.graph_folder import graph_dir

# Building and catching up load the model, the statements and the vocabulary where they run
# (`_entity_rows`, `_relation_rows`, `build`, `apply_delta`): loading a file needs none of them.

BATCH = 10_000  # rows per kglite load statement
SAVE_AFTER = 20_000  # log rows of a delta above which the caught-up graph is saved
# Ingest does not save the graph at its end: at 1M relations a save costs 12 s CPU and
# peaks at 2.2 GB, and after 100 articles it spares the next query only its catch-up
# (4.6 -> 3.9 s CPU, 790 -> 703 MB; the load itself is 2.9 s). A running `geokg serve`
# catches up in memory instead (session 12, issue 16).
REBUILD_AFTER = 500_000  # log rows above which a rebuild from the store is cheaper
DISK_FROM_EDGES = 100_000  # kglite edges (relations + MENTIONS) from which the graph is
                           # saved in disk mode (about 35k relations; see `_save`)
KEEP_SECONDS = 600  # an older graph directory stays this long after a newer one is saved
SHAPE = 2  # the graph shape (`cypher_engine`); a change of properties or labels bumps it
            # (2: evidence as parallel lists, issue 17)
SEP = "\x1f"  # between the parts of a log key (never in an id or type)
CRASH_HOOK = "GEOKG_TEST_CRASH_AT"  # tests: `os._exit` at a named point

_VERSION = "(SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'changes')"
_TRIPLE = "{t}.source || char(31) || {t}.type || char(31) || {t}.target"


def _trigger(name: str, event: str, table: str, kind: str, key: str,
             source: str | None = None) -> str:
    select = (f"SELECT {_VERSION}, '{kind}', {key} FROM {source}" if source
              else f"SELECT {_VERSION}, '{kind}', {key}")
    return (f"CREATE TRIGGER IF NOT EXISTS log_{name} AFTER {event} ON {table} BEGIN "
            f"INSERT OR IGNORE INTO changelog (version, kind, key) {select}; END")


CHANGELOG_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS changelog (version INTEGER NOT NULL, kind TEXT NOT NULL, "
    "key TEXT NOT NULL, PRIMARY KEY (version, kind, key)) WITHOUT ROWID",
    _trigger("article", "INSERT", "articles", "a", "NEW.id"),
    _trigger("entity_new", "INSERT", "entities", "e", "NEW.id"),
    _trigger("entity_set", "UPDATE", "entities", "e", "NEW.id"),
    _trigger("relation_new", "INSERT", "relations", "r", _TRIPLE.format(t="NEW")),
    _trigger("relation_set", "UPDATE", "relations", "r", _TRIPLE.format(t="NEW")),
    _trigger("relation_gone", "DELETE", "relations", "r", _TRIPLE.format(t="OLD")),
    _trigger("evidence_new", "INSERT", "evidence", "r", _TRIPLE.format(t="relations"),
             "relations WHERE relations.id = NEW.relation"),
    _trigger("evidence_gone", "DELETE", "evidence", "r", _TRIPLE.format(t="relations"),
             "relations WHERE relations.id = OLD.relation"),
    _trigger("mention", "INSERT", "mentions", "m", "NEW.article_id || char(31) || NEW.entity_id"),
]


def install_changelog(conn: sqlite3.Connection) -> None:
    """Create the change log, its triggers and the store id in a writable store (a no-op when
    they exist). A store that had none starts its log at its next version; this does not
    move the change counter (the graph's content is unchanged)."""
    have = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'log_%'")}
    if len(have) == len(CHANGELOG_SCHEMA) - 1 and conn.execute(
            "SELECT 1 FROM meta WHERE key = 'store_id'").fetchone():
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in CHANGELOG_SCHEMA:
            conn.execute(statement)
        conn.execute("INSERT OR IGNORE INTO meta (key, value) SELECT 'changelog_from', "
                     "CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'changes'")
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)",
                     (os.urandom(8).hex(),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def crash_point(name: str) -> None:
    """Tests: die here, at once and without cleanup, when `GEOKG_TEST_CRASH_AT` names it."""
    if os.environ.get(CRASH_HOOK) == name:
        os._exit(77)


# -- reading the store's rows -----------------------------------------------------------------


def _meta(cur: sqlite3.Cursor) -> dict[str, str]:
    return dict(cur.execute("SELECT key, value FROM meta"))


def _entity_rows(cur: sqlite3.Cursor, ids: list[str] | None = None
                 ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, props) of the entities (`ids`, or all in insertion order)."""
    from geokg.graph.vocabulary import node_label

    sql = "SELECT id, name, type, aliases, country, wikidata, roles FROM entities"
    for row in _rows(cur, sql, "id", ids, "rowid"):
        props = {"id": row[0], "name": row[1], "type": row[2], "aliases": json.loads(row[3]),
                 "country": row[4], "wikidata": row[5], "roles": json.loads(row[6])}
        yield node_label(row[2]), props


def _article_rows(cur: sqlite3.Cursor, ids: list[str] | None = None
                  ) -> Iterator[dict[str, Any]]:
    sql = "SELECT id, title, url, published, source FROM articles"
    for row in _rows(cur, sql, "id", ids, "rowid"):
        yield {"id": row[0], "title": row[1], "url": row[2], "published": row[3],
               "source": row[4]}


class _StoredArticles(Mapping[str, dict[str, Any]]):
    """The store's articles by id, read one at a time when an evidence item cites one (the
    cited article's title, else URL or file name, names it in the evidence lists): for a
    delta, which cites few; a whole build reads the table once (`build`)."""

    def __init__(self, cur: sqlite3.Cursor) -> None:
        self.cur = cur
        self.seen: dict[str, dict[str, Any] | None] = {}

    def __getitem__(self, article_id: str) -> dict[str, Any]:
        if article_id not in self.seen:
            found = next(_article_rows(self.cur.connection.cursor(), [article_id]), None)
            self.seen[article_id] = found
        found = self.seen[article_id]
        if found is None:
            raise KeyError(article_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(k for k, v in self.seen.items() if v is not None)

    def __len__(self) -> int:
        return sum(v is not None for v in self.seen.values())

    def __bool__(self) -> bool:
        return True  # a lookup, never empty before it is asked


def _rows(cur: sqlite3.Cursor, sql: str, column: str, ids: list[str] | None,
          order: str) -> Iterator[tuple]:
    if ids is None:
        yield from cur.execute(f"{sql} ORDER BY {order}")
        return
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        yield from cur.execute(f"{sql} WHERE {column} IN ({','.join('?' * len(part))}) "
                               f"ORDER BY {order}", part)


_RELATIONS = ("SELECT r.id, r.source, r.type, r.target, r.date, r.category, r.status, "
              "r.properties, r.confidence, e.article, e.sentence, e.char_start, e.char_end, "
              "e.rule, CASE WHEN e.date = r.date THEN NULL ELSE e.date END "
              "FROM relations r LEFT JOIN evidence e ON e.relation = r.id")


def _relation_rows(rows: Iterable[tuple], articles: Mapping[str, Any]
                   ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(type, {source, target, props}) per relation from `_RELATIONS` rows ordered by relation
    id then evidence rowid; the props are `values.relation_props`, the one definition of the
    shape, of a relation built without validation (the store validated it on the way in)."""
    from geokg.graph.model import Evidence, Relation, Status
    from geokg.graph.values import relation_props

    current: list[tuple] = []

    def emit() -> tuple[str, dict[str, Any]]:
        r = current[0]
        evidence = [Evidence.model_construct(article=e[9], sentence=e[10], start=e[11],
                                             end=e[12], rule=e[13], date=e[14])
                    for e in current if e[9] is not None]
        relation = Relation.model_construct(
            source=r[1], target=r[3], type=r[2], category=r[5], date=r[4] or None,
            status=Status(r[6]), properties=json.loads(r[7]), confidence=r[8],
            evidence=evidence)
        return r[2], {"source": r[1], "target": r[3], "props": relation_props(relation, articles)}

    for row in rows:
        if current and row[0] != current[0][0]:
            yield emit()
            current = []
        current.append(row)
    if current:
        yield emit()


def _all_relations(cur: sqlite3.Cursor, articles: Mapping[str, dict[str, Any]]
                   ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every stored relation; `articles`: all the store's articles by id."""
    return _relation_rows(cur.execute(f"{_RELATIONS} ORDER BY r.id, e.rowid"), articles)


# By the (source, type, target, date) key: without stored statistics SQLite would pick the
# index on target alone, which scans every relation of a much-cited target (a few
# thousand rows a triple in a 1M store; 25 times slower over a 500-triple delta).
_RELATIONS_OF = (_RELATIONS.replace("FROM relations r", "FROM relations r INDEXED BY "
                                    "sqlite_autoindex_relations_1")
                 + " WHERE r.source = ? AND r.type = ? AND r.target = ? ORDER BY r.id, e.rowid")


def _relations_of(cur: sqlite3.Cursor, triples: list[tuple[str, str, str]]
                  ) -> Iterator[tuple[str, dict[str, Any]]]:
    """The stored relations of each (source, type, target)."""
    articles = _StoredArticles(cur)
    for triple in triples:
        yield from _relation_rows(cur.execute(_RELATIONS_OF, triple), articles)


# -- loading into kglite ----------------------------------------------------------------------


class _Loader:
    """Batches rows per statement and runs them on a kglite graph."""

    def __init__(self, graph: kglite.KnowledgeGraph) -> None:
        self.graph = graph
        self.pending: dict[str, list[Any]] = defaultdict(list)

    def add(self, statement: str, row: Any) -> None:
        rows = self.pending[statement]
        rows.append(row)
        if len(rows) >= BATCH:
            self.flush(statement)

    def flush(self, statement: str | None = None) -> None:
        for key in [statement] if statement else list(self.pending):
            rows = self.pending.pop(key, [])
            if rows:
                self.graph.cypher(key, params={"rows": rows})


def build(cur: sqlite3.Cursor) -> kglite.KnowledgeGraph:
    """The whole store's graph (the shape of `geokg.graph.cypher_engine`), streamed from the
    store's rows in batches."""
    from geokg.graph.statements import create_nodes, link_mentions

    graph = kglite.KnowledgeGraph()
    load = _Loader(graph)
    for label, props in _entity_rows(cur):
        load.add(create_nodes(["Entity", label]), props)
    load.flush()
    articles = {}  # read once: the relations' evidence names the articles it cites
    for props in _article_rows(cur):
        articles[props["id"]] = props
        load.add(create_nodes(["Article"]), props)
    load.flush()
    graph.create_index("Entity", "id")
    graph.create_index("Article", "id")
    for article, entity in cur.execute("SELECT article_id, entity_id FROM mentions "
                                       "ORDER BY article_id, entity_id"):
        load.add(link_mentions(), {"article": article, "entity": entity})
    load.flush()
    for rtype, row in _all_relations(cur, articles):
        load.add(_create_stored(rtype), row)
    load.flush()
    return graph


def _create_stored(rtype: str) -> str:
    """`statements.create_relationships` for a type read back from the store, which checked
    it against the vocabulary on the way in: the name is only checked to be plain
    (`quoted`), so a query process does not load the vocabulary to catch up."""
    from geokg.graph.statements import quoted

    return ("UNWIND $rows AS row MATCH (s:Entity {id: row.source}) "
            f"MATCH (t:Entity {{id: row.target}}) CREATE (s)-[r:{quoted(rtype)}]->(t) "
            "SET r = row.props")


def delta(cur: sqlite3.Cursor, after: int, upto: int) -> dict[str, list[str]]:
    """The log's keys by kind for versions after `after` up to `upto`."""
    keys: dict[str, set[str]] = defaultdict(set)
    for kind, key in cur.execute("SELECT kind, key FROM changelog WHERE version > ? AND "
                                 "version <= ?", (after, upto)):
        keys[kind].add(key)
    return {kind: sorted(values) for kind, values in keys.items()}


def delta_size(cur: sqlite3.Cursor, after: int, upto: int) -> int:
    return cur.execute("SELECT count(*) FROM changelog WHERE version > ? AND version <= ?",
                       (after, upto)).fetchone()[0]


def apply_delta(graph: kglite.KnowledgeGraph, cur: sqlite3.Cursor,
                keys: dict[str, list[str]]) -> None:
    """Bring a graph up to the store's snapshot `cur` reads, for the logged `keys`."""
    from geokg.graph.statements import create_nodes, link_mentions, quoted

    load = _Loader(graph)
    entity_ids = keys.get("e", [])
    present = _present(graph, "Entity", entity_ids)
    for label, props in _entity_rows(cur, entity_ids):
        if props["id"] in present:
            load.add("UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n = row", props)
        else:
            load.add(create_nodes(["Entity", label]), props)
    load.flush()
    article_ids = keys.get("a", [])
    present = _present(graph, "Article", article_ids)
    for props in _article_rows(cur, article_ids):
        if props["id"] not in present:
            load.add(create_nodes(["Article"]), props)
    load.flush()
    by_type: dict[str, list[dict[str, str]]] = defaultdict(list)
    triples = []
    for key in keys.get("r", []):
        source, rtype, target = key.split(SEP)
        by_type[rtype].append({"source": source, "target": target})
        triples.append((source, rtype, target))
    for rtype, rows in by_type.items():
        statement = (f"UNWIND $rows AS row MATCH (s:Entity {{id: row.source}})"
                     f"-[r:{quoted(rtype)}]->"
                     f"(t:Entity {{id: row.target}}) DELETE r")
        for row in rows:
            load.add(statement, row)
    load.flush()
    for rtype, row in _relations_of(cur, triples):
        load.add(_create_stored(rtype), row)
    load.flush()
    for key in keys.get("m", []):
        article, entity = key.split(SEP)
        load.add(link_mentions(merge=True), {"article": article, "entity": entity})
    load.flush()


def _present(graph: kglite.KnowledgeGraph, label: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), BATCH):
        found.update(r["id"] for r in graph.cypher(
            f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id",
            params={"ids": ids[start:start + BATCH]}).to_list())
    return found


# -- the files --------------------------------------------------------------------------------


def _name(store_id: str) -> str:
    """What this store's graph files of this shape are named by (before `.<version>.kgl`)."""
    return f"{store_id}-g{SHAPE}"


def _files(folder: Path, store_id: str) -> dict[int, Path]:
    """This store's graph files of this shape by version."""
    found = {}
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            parts = path.name.split(".")
            if len(parts) == 3 and parts[0] == _name(store_id) and parts[2] == "kgl" \
                    and parts[1].isdigit():
                found[int(parts[1])] = path
    return found


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    with open(folder / "lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _load(path: Path, private: bool = False) -> kglite.KnowledgeGraph | None:
    """The graph in `path`, or None if kglite cannot read it (missing or damaged).

    `private`: for a graph this process will write to (a delta applied in memory). kglite
    lets one process at a time write to a disk-mode directory (its lock, even before a
    save), so the process gets a view of its own: a directory of hard links to the
    published files (which kglite never rewrites; a save publishes new ones), removed when
    the process ends (or, if it is killed, by the next save after `KEEP_SECONDS`)."""
    target = path
    if private and path.is_dir():
        target = path.parent / f".tmp-view-{os.getpid()}-{os.urandom(4).hex()}"
        try:
            shutil.copytree(path, target, copy_function=os.link,
                            ignore=shutil.ignore_patterns(".kglite.lock*"))
        except OSError:
            _remove(target)
            return None
        atexit.register(_remove, target)
    try:
        return kglite.load(str(target))
    except (kglite.KgError, OSError, ValueError, RuntimeError):
        return None


def _alive(name: str) -> bool:
    """True if the process whose id a `.tmp-<kind>-<pid>-<random>` name carries runs."""
    pid = name.split("-")[-2]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _save(graph: kglite.KnowledgeGraph, folder: Path, store_id: str, version: int) -> Path:
    """Publish the graph as this store's graph for `version`, written under a temporary name
    and renamed into place (atomic; one of that name already there was published by
    another process for the same version and is kept). A graph of `DISK_FROM_EDGES` edges
    or more becomes a kglite disk-mode directory (mapped on load; queries that read many
    relationship properties run about 3.5 times slower), a smaller one a `.kgl` file loaded
    whole (load cost grows with the graph). At 100k relations (298k edges): directory
    0.32 s load + 0.12 s actor_timeline, 120 MB; file 0.8 s + 0.03 s, 220 MB; at 10k the
    same either way (0.07 s). A disk-mode graph loaded and caught up saves as a directory
    again; an in-memory one that grew past the limit becomes one.
    Older versions are removed once they are `KEEP_SECONDS` old (a reader may still be
    reading one), the newest older one kept; other stores' graphs (or other shapes') go at
    once."""
    path = folder / f"{_name(store_id)}.{version}.kgl"
    tmp = folder / f".tmp-{os.getpid()}-{os.urandom(4).hex()}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            info = graph.graph_info()
            if info["storage_mode"] == "memory" and info["edge_count"] >= DISK_FROM_EDGES:
                graph.enable_disk_mode(str(tmp))
                kglite.trim_memory()
            else:  # a .kgl file (a loaded disk-mode graph saves as a directory again)
                graph.save(str(tmp), fsync=False)
        try:
            os.rename(tmp, path)
        except OSError:
            if not path.exists():
                raise
    finally:
        if tmp.exists():
            _remove(tmp)
    older = sorted((v, p) for v, p in _files(folder, store_id).items() if v < version)
    now = time.time()
    for _, old in older[:-1]:
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime > KEEP_SECONDS:
                _remove(old)
    for other in folder.iterdir():
        if other.name.endswith(".kgl") and not other.name.startswith(f"{_name(store_id)}."):
            _remove(other)
        elif other.name.startswith(".tmp-") and not _alive(other.name) \
                and now - other.stat().st_mtime > KEEP_SECONDS:
            _remove(other)  # left by a process killed while saving or reading
    return path


class PersistedGraph:
    """The store's graph at its current change counter, from the file beside it."""

    def __init__(self, db: Path, conn: sqlite3.Connection, live: bool = False) -> None:
        """`live`: for a long-lived process (`geokg serve`): the graph stays in memory (a
        disk-mode file through a private view) and each later change of the store is
        applied to it from the log, in memory only, instead of loading the newest file
        again and saving."""
        self.db = db
        self.conn = conn
        self.folder = graph_dir(db)
        self.live = live
        self.version: int | None = None
        self.frozen: kglite.FrozenGraph | None = None
        self._source: kglite.KnowledgeGraph | None = None  # `live`: what `frozen` shares
        self.how = ""  # "loaded", "caught up", "built": what the last `graph` call did

    def graph(self) -> kglite.FrozenGraph | None:
        """The graph at the store's current counter; None when the store has no change log
        (an older store opened read-only): the caller builds it in memory."""
        cur = self.conn.cursor()
        cur.execute("BEGIN")
        try:
            meta = _meta(cur)
            if "store_id" not in meta or "changelog_from" not in meta:
                return None
            version = int(meta["changes"])
            if self.frozen is not None and self.version == version:
                return self.frozen
            if self._caught_up(cur, meta, version):
                self.frozen = self._source.freeze()  # type: ignore[union-attr]
            else:
                self.frozen = self._source = None  # not two whole graphs in memory at once
                graph = self._graph(cur, meta, version)
                self._source = graph if self.live else None
                self.frozen = graph.freeze()
            self.version = version
            return self.frozen
        finally:
            if self.conn.in_transaction:
                cur.execute("COMMIT")

    def _caught_up(self, cur: sqlite3.Cursor, meta: dict[str, str], version: int) -> bool:
        """`live`: apply the log's delta since the graph in memory to it; False when there
        is none to apply to, the log no longer reaches back to it (a writer pruned it up to
        a newer file) or the delta is larger than a rebuild."""
        at = self.version
        if self._source is None or at is None or at > version \
                or int(meta["changelog_from"]) - 1 > at \
                or delta_size(cur, at, version) > REBUILD_AFTER:
            return False
        self.frozen = None  # a snapshot still shared would make kglite copy the whole graph
        apply_delta(self._source, cur, delta(cur, at, version))
        self.how = "caught up"
        return True

    def _graph(self, cur: sqlite3.Cursor, meta: dict[str, str],
               version: int) -> kglite.KnowledgeGraph:
        store_id, first = meta["store_id"], int(meta["changelog_from"])
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError:
            self.how = "built"
            return build(cur)  # nowhere to keep a file: this process only
        graph, at = self._newest(store_id, version, first)
        if graph is not None and at == version:
            self.how = "loaded"
            return graph
        if graph is not None and delta_size(cur, at, version) <= REBUILD_AFTER:
            size = delta_size(cur, at, version)
            apply_delta(graph, cur, delta(cur, at, version))
            self.how = "caught up"
            if size > SAVE_AFTER:
                graph = self._keep(graph, store_id, version)
            return graph
        with _locked(self.folder):  # one builder; the others wait and use its file
            graph, at = self._newest(store_id, version, first)
            if graph is not None and at == version:
                self.how = "loaded"
                return graph
            damaged = _files(self.folder, store_id).get(version)
            if damaged is not None:  # kglite could not load it (checked under the lock)
                aside = self.folder / f".tmp-damaged-{os.getpid()}-{os.urandom(4).hex()}"
                with contextlib.suppress(OSError):
                    os.rename(damaged, aside)
                    _remove(aside)
            graph = build(cur)
            self.how = "built"
            crash_point("before-graph-save")
            saved = self._try_save(graph, store_id, version)
            return (_load(saved, private=self.live) if saved else None) or graph

    def _newest(self, store_id: str, version: int, first: int
                ) -> tuple[kglite.KnowledgeGraph | None, int]:
        """The newest loadable file at a version the log reaches (first - 1 <= V <= version)."""
        for at, path in sorted(_files(self.folder, store_id).items(), reverse=True):
            if first - 1 <= at <= version:
                graph = _load(path, private=self.live or at != version)
                if graph is not None:
                    return graph, at
        return None, -1

    def _keep(self, graph: kglite.KnowledgeGraph, store_id: str,
              version: int) -> kglite.KnowledgeGraph:
        """Save a caught-up graph unless another process is saving (it will keep one); the
        graph to query (read from the saved directory when there is one)."""
        with open(self.folder / "lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return graph
            try:
                saved = self._try_save(graph, store_id, version)
                return (_load(saved, private=self.live) if saved else None) or graph
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _try_save(self, graph: kglite.KnowledgeGraph, store_id: str, version: int
                  ) -> Path | None:
        """Save the graph for `version`; a folder that cannot take it only costs the next
        process a build (None)."""
        try:
            return _save(graph, self.folder, store_id, version)
        except (kglite.KgError, OSError, ValueError):
            return None


def prune_changelog(db: Path, conn: sqlite3.Connection) -> None:
    """Drop the log up to the newest graph file of the store (a writer, at open): a process
    starts from that file or rebuilds, so older rows serve nobody."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
    if row is None:
        return
    files = _files(graph_dir(db), row[0])
    if not files:
        return
    version = max(files)
    first = conn.execute("SELECT value FROM meta WHERE key = 'changelog_from'").fetchone()
    if first is None or int(first[0]) > version:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM changelog WHERE version <= ?", (version,))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'changelog_from' AND "
                     "CAST(value AS INTEGER) <= ?", (str(version + 1), version))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
