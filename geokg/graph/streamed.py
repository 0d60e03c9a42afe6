"""The selected graph of an embedded store, read in bounded batches instead of loaded whole.

`streamed(store, selection)` is a context manager giving a `StreamedGraph`: the selection
(`geokg.graph.selection.Selection`: actor and hops, entity types, relation types, category,
date window) is worked out inside SQLite, in temporary tables of ids, within one read
transaction (a consistent snapshot), and the nodes and edges are then read back in batches of
`BATCH` rows. A `StreamedGraph` answers what the exports ask of a networkx graph
(`nodes(data=True)`, `edges(keys=True, data=True)`, `graph["articles"]`, the counts), in the
order `select_stored` builds its `to_networkx` graph: nodes in store order, edges grouped by
source node, then by the first relation of each (source, target) pair, then by relation id.
The attribute dicts are exactly those of `to_networkx` (a relation's model dump), built
straight from the rows. Memory holds one batch of rows, the selected articles, and SQLite's
own page cache; the temporary tables live in SQLite's temporary store, not in Python.

Time travel (`as_of`, `known_by`) regroups evidence across relations: such a selection is
not streamed (`can_stream` says so) and the callers load it as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from geokg.graph.errors import UsageError
from geokg.graph.model import Article, date_bounds

BATCH = 2_000  # rows fetched at a time (relations, and their evidence)
_IDS_PER_QUERY = 500
_NODES = "temp.geokg_nodes"
_RELS = "temp.geokg_rels"
_PAIRS = "temp.geokg_pairs"
_RELATION_COLUMNS = ("r.id, r.source, r.type, r.target, r.date, r.category, r.status, "
                     "r.properties, r.confidence")


def can_stream_store(store: Any) -> bool:
    """True for an embedded store (read in batches by `streamed` and `store_fragments`)."""
    return hasattr(store, "_read") and hasattr(store, "_conn")


def can_stream(store: Any, selection: Any) -> bool:
    """True when `selection` of `store` can be read in batches: an embedded store, no time
    travel."""
    return can_stream_store(store) and not (selection.as_of or selection.known_by)


@contextmanager
def streamed(store: Any, selection: Any) -> Iterator[StreamedGraph]:
    """The `selection` of the embedded `store`, in one read transaction (see the module)."""
    with store._read() as cur:
        graph = StreamedGraph(store._conn, selection)
        try:
            graph._prepare(cur)
            yield graph
        finally:
            graph._drop()


def _window(selection: Any):
    since = date_bounds(selection.since)[0].isoformat() if selection.since else None
    until = date_bounds(selection.until)[1].isoformat() if selection.until else None

    def in_window(date: str | None) -> int:
        if since is None and until is None:
            return 1
        if not date:
            return 0
        start, end = (d.isoformat() for d in date_bounds(date))
        return int((until is None or start <= until) and (since is None or end >= since))

    return in_window


class StreamedGraph:
    """A selection of an embedded store, read in batches (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, selection: Any) -> None:
        self._conn = conn
        self.selection = selection
        self.filtered = not selection.is_empty
        self.batches: list[int] = []  # rows of each batch fetched (tests bound them)
        self._articles: dict[str, dict[str, Any]] | None = None
        self._counts: tuple[int, int] | None = None
        self._paired: dict[str, str | None] = {}

    # -- the selection, in temporary tables ----------------------------------------------------

    def _prepare(self, cur: sqlite3.Cursor) -> None:
        if not self.filtered:
            return
        sel = self.selection
        conn = self._conn
        conn.create_function("geokg_in_window", 1, _window(sel), deterministic=True)
        self._drop()
        cur.execute(f"CREATE TABLE {_NODES} (id TEXT PRIMARY KEY)")
        cur.execute(f"CREATE TABLE {_RELS} (id INTEGER PRIMARY KEY)")
        center = self._resolve_actor(cur, sel.actor) if sel.actor else None
        self._check_types(cur, sel.types)
        kinds = [t.value for t in sel.entity_types]
        if kinds:
            cur.execute(f"INSERT INTO {_NODES} SELECT id FROM entities WHERE type IN "
                        f"({', '.join('?' * len(kinds))})", kinds)
        else:
            cur.execute(f"INSERT INTO {_NODES} SELECT id FROM entities")
        if center is not None:
            cur.execute(f"INSERT OR IGNORE INTO {_NODES} VALUES (?)", (center,))
        where, params = [f"r.source IN {_NODES}", f"r.target IN {_NODES}"], []
        if sel.types:
            where.append(f"r.type IN ({', '.join('?' * len(sel.types))})")
            params.extend(sel.types)
        if sel.category:
            where.append("r.category = ?")
            params.append(sel.category)
        if sel.since or sel.until:
            where.append("geokg_in_window(r.date)")
        cur.execute(f"INSERT INTO {_RELS} SELECT r.id FROM relations r WHERE "
                    + " AND ".join(where), params)
        if center is not None:
            self._ego(cur, center, sel.hops)
        if sel.filters_edges:
            cur.execute(f"DELETE FROM {_NODES} WHERE id NOT IN (SELECT r.source FROM {_RELS} s "
                        "JOIN relations r ON r.id = s.id UNION SELECT r.target FROM "
                        f"{_RELS} s JOIN relations r ON r.id = s.id)")

    def _ego(self, cur: sqlite3.Cursor, center: str, hops: int) -> None:
        """Keep the nodes within `hops` of `center` over the kept edges (either direction),
        and the kept edges between them."""
        cur.execute("CREATE TABLE temp.geokg_reach (id TEXT PRIMARY KEY, depth INTEGER)")
        cur.execute("INSERT INTO temp.geokg_reach VALUES (?, 0)", (center,))
        for depth in range(hops):
            cur.execute(
                "INSERT OR IGNORE INTO temp.geokg_reach "
                f"SELECT r.target, {depth + 1} FROM relations r WHERE r.source IN "
                f"(SELECT id FROM temp.geokg_reach WHERE depth = {depth}) "
                f"AND r.id IN {_RELS} UNION ALL "
                f"SELECT r.source, {depth + 1} FROM relations r WHERE r.target IN "
                f"(SELECT id FROM temp.geokg_reach WHERE depth = {depth}) "
                f"AND r.id IN {_RELS}")
            if not cur.rowcount:
                break
        cur.execute(f"DELETE FROM {_NODES} WHERE id NOT IN (SELECT id FROM temp.geokg_reach)")
        reach = "(SELECT id FROM temp.geokg_reach)"
        cur.execute(f"DELETE FROM {_RELS} WHERE id NOT IN (SELECT r.id FROM {_RELS} s "
                    f"JOIN relations r ON r.id = s.id WHERE r.source IN {reach} "
                    f"AND r.target IN {reach})")
        cur.execute("DROP TABLE temp.geokg_reach")

    def _drop(self) -> None:
        self._conn.execute(f"DROP TABLE IF EXISTS {_PAIRS}")
        self._paired: dict[str, str | None] = {}
        if self.filtered:
            for table in (_NODES, _RELS, "temp.geokg_reach"):
                self._conn.execute(f"DROP TABLE IF EXISTS {table}")

    def _resolve_actor(self, cur: sqlite3.Cursor, actor: str) -> str:
        """As `selection.resolve_actor`, reading the entities in batches."""
        if cur.execute("SELECT 1 FROM entities WHERE id = ?", (actor,)).fetchone():
            return actor
        wanted = actor.strip().casefold()
        found: set[str] = set()
        for row in self._rows("SELECT id, name, aliases FROM entities ORDER BY rowid"):
            names = [row[0], row[1] or "", *json.loads(row[2] or "[]")]
            if any(name and name.casefold() == wanted for name in names):
                found.add(row[0])
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise UsageError(f"actor {actor!r} is ambiguous: {', '.join(sorted(found))}; "
                             "give an id")
        # unknown: the message (with its suggestions) as `resolve_actor` words it
        import networkx as nx

        from geokg.graph.names import resolve_actor

        names = nx.MultiDiGraph()
        for row in self._rows("SELECT id, name, aliases FROM entities ORDER BY rowid"):
            names.add_node(row[0], name=row[1], aliases=json.loads(row[2] or "[]"))
        return resolve_actor(names, actor)

    def _check_types(self, cur: sqlite3.Cursor, types: list[str]) -> None:
        if not types:
            return
        import networkx as nx

        from geokg.graph.names import check_types

        stored = nx.MultiDiGraph()
        for (kind,) in cur.execute("SELECT DISTINCT type FROM relations").fetchall():
            stored.add_edge("a", "b", key=kind, type=kind)
        check_types(stored, types)

    # -- reading ------------------------------------------------------------------------------

    def _rows(self, query: str, params: tuple | list = ()) -> Iterator[tuple]:
        cur = self._conn.cursor()
        cur.execute(query, params)
        try:
            while rows := cur.fetchmany(BATCH):
                self.batches.append(len(rows))
                yield from rows
        finally:
            cur.close()

    def _node_query(self, where: str = "") -> str:
        columns = "e.id, e.name, e.type, e.aliases, e.country, e.wikidata, e.roles"
        kept = f"e.id IN {_NODES}" if self.filtered else "1"
        return f"SELECT {columns} FROM entities e WHERE {kept} {where} ORDER BY e.rowid"

    def _edge_query(self, where: str = "", within: str | None = None) -> str:
        """Relations in the order of the networkx graph's `edges()` (see the module): the
        relations (or those whose ids a temporary table `within` holds) are scanned once,
        each one's (source, target) pair and source entity looked up by key (CROSS JOIN
        fixes that order: driven by an index on the target, a hub's pairs would each rescan
        the hub's relations), then sorted by SQLite."""
        pairs = self._pairs(within)
        kept = f"r.id IN {_RELS}" if self.filtered and within is None else "1"
        scan = (f"{within} w CROSS JOIN relations r ON r.id = w.id" if within
                else "relations r")
        return (f"SELECT {_RELATION_COLUMNS} FROM {scan} "
                f"CROSS JOIN {pairs} p ON p.source = r.source AND p.target = r.target "
                "CROSS JOIN entities s ON s.id = r.source "
                f"WHERE {kept} {where} ORDER BY s.rowid, p.first, r.id")

    def _pairs(self, within: str | None) -> str:
        """A temporary table of the first relation of each (source, target) pair among the
        selected ones (or those `within` holds, a subset of them)."""
        name = _PAIRS if within is None else f"{_PAIRS}_within"
        if name in self._paired and self._paired[name] == within:
            return name
        if within is not None:
            kept = f"WHERE id IN {within}"
        else:
            kept = f"WHERE id IN {_RELS}" if self.filtered else ""
        cur = self._conn.cursor()
        cur.execute(f"DROP TABLE IF EXISTS {name}")
        cur.execute(f"CREATE TABLE {name} (source TEXT NOT NULL, target TEXT NOT NULL, "
                    "first INTEGER NOT NULL, PRIMARY KEY (source, target)) WITHOUT ROWID")
        cur.execute(f"INSERT INTO {name} SELECT source, target, min(id) FROM relations "
                    f"{kept} GROUP BY source, target")
        cur.close()
        self._paired[name] = within
        return name

    def nodes(self, data: bool = False, where: str = "") -> Iterator[Any]:
        """Node ids, or (id, attributes) with `data`, in the order of the store (`where`:
        more SQL conditions on `e`, the entity, starting with AND)."""
        for row in self._rows(self._node_query(where)):
            if data:
                yield row[0], node_attributes(row)
            else:
                yield row[0]

    def node_ids(self) -> Iterator[str]:
        """The selected node ids, in the order of the store."""
        return self.nodes()

    def edges(self, keys: bool = False, data: bool = False, evidence: bool = True,
              where: str = "", params: tuple = (), within: str | None = None
              ) -> Iterator[tuple]:
        """(u, v[, key][, attributes]) per selected relation, in networkx's order; without
        `evidence` each one's evidence list is left empty (nothing read for it); `where`:
        more SQL conditions on `r`, the relation, starting with AND; `within`: a temporary
        table of the ids of the (selected) relations to read."""
        query = self._edge_query(where, within)
        rows = self._conn.cursor()
        rows.execute(query, params)
        try:
            while batch := rows.fetchmany(BATCH):
                self.batches.append(len(batch))
                found = self._evidence([row[0] for row in batch]) if evidence and data else {}
                for row in batch:
                    u, v, key = row[1], row[3], f"{row[2]}|{row[4]}"
                    if not data:
                        yield (u, v, key) if keys else (u, v)
                        continue
                    attrs = edge_attributes(row, found.get(row[0], []))
                    yield (u, v, key, attrs) if keys else (u, v, attrs)
        finally:
            rows.close()

    def _evidence(self, relation_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        """The evidence of these relations, in store order (as `EmbeddedStore.load`)."""
        found: dict[int, list[dict[str, Any]]] = {}
        cur = self._conn.cursor()
        for start in range(0, len(relation_ids), _IDS_PER_QUERY):
            part = relation_ids[start:start + _IDS_PER_QUERY]
            for r in cur.execute(
                    "SELECT e.relation, e.article, e.sentence, e.char_start, e.char_end, e.rule, "
                    "CASE WHEN e.date = r.date THEN NULL ELSE e.date END FROM evidence e "
                    "JOIN relations r ON r.id = e.relation "
                    f"WHERE e.relation IN ({', '.join('?' * len(part))}) ORDER BY e.rowid",
                    part):
                item = {"article": r[1], "sentence": r[2], "start": r[3], "end": r[4],
                        "rule": r[5]}
                if r[6] is not None:
                    item["date"] = r[6]
                found.setdefault(r[0], []).append(item)
        cur.close()
        return found

    @property
    def graph(self) -> dict[str, Any]:
        """Graph attributes, as on a `to_networkx` graph: `articles`."""
        return {"articles": self.articles()}

    def articles(self) -> dict[str, dict[str, Any]]:
        """The articles (public fields) of the selection: all of them when nothing is
        filtered, else those cited by the evidence of the selected relations."""
        if self._articles is None:
            query = "SELECT id, title, url, published, source FROM articles"
            if self.filtered:
                query += (" WHERE id IN (SELECT e.article FROM evidence e WHERE e.relation IN "
                          f"{_RELS})")
            self._articles = {
                r[0]: Article(id=r[0], title=r[1], url=r[2], published=r[3],
                              source=r[4]).public()
                for r in self._rows(query + " ORDER BY rowid")}
        return self._articles

    def mention_pairs(self) -> Iterator[tuple[str, str]]:
        """(article id, entity id) per MENTIONS edge of the selection, sorted, as
        `geokg.graph.values.mention_pairs` gives them (stored articles only)."""
        kept = self.kept_relations()
        query = " UNION ".join(
            f"SELECT e.article, r.{side} FROM evidence e JOIN relations r ON r.id = e.relation "
            f"WHERE {kept} AND e.article IN (SELECT id FROM articles)"
            for side in ("source", "target")) + " ORDER BY 1, 2"
        yield from self._rows(query)

    def kept_relations(self) -> str:
        """SQL condition on `r` (a relation) that it is selected."""
        return f"r.id IN {_RELS}" if self.filtered else "1"

    def kept_entities(self) -> str:
        """SQL condition on `e` (an entity) that it is selected."""
        return f"e.id IN {_NODES}" if self.filtered else "1"

    def execute(self, query: str, params: tuple | list = ()) -> list[tuple]:
        """Run one SQL statement in the read transaction (temporary tables, aggregates)."""
        cur = self._conn.cursor()
        try:
            return cur.execute(query, params).fetchall()
        finally:
            cur.close()

    def counts(self) -> tuple[int, int]:
        """(nodes, edges) of the selection."""
        if self._counts is None:
            cur = self._conn.cursor()
            if self.filtered:
                nodes = cur.execute(f"SELECT count(*) FROM {_NODES}").fetchone()[0]
                edges = cur.execute(f"SELECT count(*) FROM {_RELS}").fetchone()[0]
            else:
                nodes = cur.execute("SELECT count(*) FROM entities").fetchone()[0]
                edges = cur.execute("SELECT count(*) FROM relations").fetchone()[0]
            cur.close()
            self._counts = (nodes, edges)
        return self._counts

    def number_of_nodes(self) -> int:
        return self.counts()[0]

    def number_of_edges(self) -> int:
        return self.counts()[1]

    def is_directed(self) -> bool:
        return True

    def is_multigraph(self) -> bool:
        return True

    # -- aggregates for the map ---------------------------------------------------------------

    def top_nodes(self, limit: int) -> list[str]:
        """The `limit` selected nodes of highest degree (edges in and out; ties: store
        order), counted by SQLite (nothing but the answer held here)."""
        kept = f"AND r.id IN {_RELS}" if self.filtered else ""
        query = (  # counted on the indexes of sources and targets: no sort of all the ends
            f"SELECT e.id FROM entities e WHERE {self.kept_entities()} ORDER BY "
            f"(SELECT count(*) FROM relations r WHERE r.source = e.id {kept}) + "
            f"(SELECT count(*) FROM relations r WHERE r.target = e.id {kept}) DESC, e.rowid "
            "LIMIT ?")
        return [row[0] for row in self._rows(query, (limit,))]


def node_attributes(row: tuple) -> dict[str, Any]:
    """A node's attributes as `to_networkx` has them (the entity's JSON dump)."""
    return {"id": row[0], "name": row[1], "type": row[2], "aliases": json.loads(row[3]),
            "country": row[4], "wikidata": row[5], "roles": json.loads(row[6])}


def edge_attributes(row: tuple, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """An edge's attributes as `to_networkx` has them (the relation's JSON dump)."""
    return {"source": row[1], "target": row[3], "type": row[2], "category": row[5],
            "date": row[4] or None, "status": row[6], "properties": json.loads(row[7]),
            "confidence": float(row[8]), "evidence": evidence}


# -- the whole store as per-article fragments (`geokg push`) -----------------------------------

_PUSH_QUERY = (
    "SELECT a.id, a.title, a.url, a.published, a.source, "
    f"{_RELATION_COLUMNS}, e.sentence, e.char_start, e.char_end, e.rule, "
    "CASE WHEN e.date = r.date THEN NULL ELSE e.date END "
    "FROM articles a LEFT JOIN evidence e ON e.article = a.id "
    "LEFT JOIN relations r ON r.id = e.relation ORDER BY a.rowid, r.id, e.rowid")
_UNSTORED_QUERY = (  # evidence citing articles the store does not hold
    f"SELECT e.article, NULL, NULL, NULL, NULL, {_RELATION_COLUMNS}, e.sentence, "
    "e.char_start, e.char_end, e.rule, CASE WHEN e.date = r.date THEN NULL ELSE e.date END "
    "FROM evidence e JOIN relations r ON r.id = e.relation "
    "JOIN (SELECT e2.article AS id, min(e2.relation) AS first, min(e2.rowid) AS at "
    "FROM evidence e2 WHERE e2.article NOT IN (SELECT id FROM articles) GROUP BY e2.article) f "
    "ON f.id = e.article ORDER BY f.first, f.at, r.id, e.rowid")
_UNSOURCED_QUERY = (f"SELECT {_RELATION_COLUMNS} FROM relations r WHERE NOT EXISTS "
                    "(SELECT 1 FROM evidence e WHERE e.relation = r.id) ORDER BY r.id")
_ORPHANS_QUERY = ("SELECT e.id, e.name, e.type, e.aliases, e.country, e.wikidata, e.roles, "
                  "e.rowid "
                  "FROM entities e WHERE NOT EXISTS (SELECT 1 FROM relations r WHERE "
                  "r.source = e.id) AND NOT EXISTS (SELECT 1 FROM relations r WHERE "
                  "r.target = e.id) ORDER BY e.rowid")


def store_fragments(store: Any, batch: int = BATCH, fetched: list[int] | None = None
                    ) -> Iterator[Any]:
    """The embedded `store`'s whole graph as fragments of one article each (articles without
    their text), read in batches of about `batch` evidence rows in one read transaction, in
    the order `plan_upsert` splits `store.load()`: each article (store order) with the
    relations its evidence supports (only that evidence) and their ends, entities no
    relation uses with the first, then articles cited but not stored, then relations without
    evidence. Writing them (`upsert_many`) gives what writing `store.load()` gives.
    `fetched` (tests) gets the rows of each batch read."""
    with store._read():
        conn = store._conn
        pending_orphans = [(row[7], _entity(row)) for row in _batched(conn, _ORPHANS_QUERY,
                                                                      batch, fetched)]
        groups = _article_groups(conn, _PUSH_QUERY, batch, fetched, stored=True)
        unstored = _article_groups(conn, _UNSTORED_QUERY, batch, fetched, stored=False)
        unsourced = _unsourced(conn, batch, fetched)
        first = True
        for fragment in _chain(groups, unstored, unsourced):
            if first:
                fragment = _with_orphans(conn, fragment, pending_orphans)
                first = False
            yield fragment
        if first:  # nothing but (maybe) orphans: one fragment, as `plan_upsert` makes it
            from geokg.graph.model import GraphFragment

            yield GraphFragment(entities=[e for _, e in pending_orphans])


def _chain(*streams: Iterator[Any]) -> Iterator[Any]:
    for stream in streams:
        yield from stream


def _batched(conn: sqlite3.Connection, query: str, batch: int,
             fetched: list[int] | None) -> Iterator[tuple]:
    cur = conn.cursor()
    cur.execute(query)
    try:
        while rows := cur.fetchmany(batch):
            if fetched is not None:
                fetched.append(len(rows))
            yield from rows
    finally:
        cur.close()


def _entity(row: tuple) -> Any:
    from geokg.graph.model import Entity

    return Entity.model_validate(node_attributes(row))


def _entities(conn: sqlite3.Connection, ids: set[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    ordered = sorted(ids)
    cur = conn.cursor()
    for start in range(0, len(ordered), _IDS_PER_QUERY):
        part = ordered[start:start + _IDS_PER_QUERY]
        for row in cur.execute(
                "SELECT id, name, type, aliases, country, wikidata, roles, rowid FROM entities "
                f"WHERE id IN ({', '.join('?' * len(part))})", part):
            found[row[0]] = (row[7], _entity(row))
    cur.close()
    return found


def _article_groups(conn: sqlite3.Connection, query: str, batch: int,
                    fetched: list[int] | None, stored: bool) -> Iterator[Any]:
    """One fragment per article of `query`'s rows (article, relation, evidence columns,
    sorted by article, relation, evidence), entities fetched a batch at a time; articles
    not `stored` are cited only (no Article in their fragment)."""
    from geokg.graph.model import Article

    chunk: list[tuple[Any, list[tuple]]] = []  # (article, its rows)
    rows_in_chunk = 0
    for row in _batched(conn, query, batch, fetched):
        if not chunk or chunk[-1][0][0] != row[0]:
            if rows_in_chunk >= batch:
                yield from _fragments(conn, chunk)
                chunk, rows_in_chunk = [], 0
            article = (row[0], Article(id=row[0], title=row[1], url=row[2],
                                       published=row[3], source=row[4]) if stored else None)
            chunk.append((article, []))
        if row[5] is not None:
            chunk[-1][1].append(row[5:])
            rows_in_chunk += 1
    if chunk:
        yield from _fragments(conn, chunk)


def _fragments(conn: sqlite3.Connection, chunk: list[tuple[Any, list[tuple]]]
               ) -> Iterator[Any]:
    from geokg.graph.model import GraphFragment, Relation

    entities = _entities(conn, {end for _, rows in chunk for r in rows for end in (r[1], r[3])})
    for (article_id, article), rows in chunk:
        relations: list[Relation] = []
        current, evidence = None, []
        for r in rows:
            if current is not None and r[0] != current[0]:
                relations.append(Relation.model_validate(edge_attributes(current, evidence)))
                evidence = []
            current = r
            item = {"article": article_id, "sentence": r[9], "start": r[10], "end": r[11],
                    "rule": r[12]}
            if r[13] is not None:
                item["date"] = r[13]
            evidence.append(item)
        if current is not None:
            relations.append(Relation.model_validate(edge_attributes(current, evidence)))
        ends = {end for rel in relations for end in (rel.source, rel.target)}
        yield GraphFragment(articles=[article] if article is not None else [],
                            entities=[entities[i][1] for i in sorted(ends,
                                                                     key=lambda i: entities[i][0])],
                            relations=relations)


def _unsourced(conn: sqlite3.Connection, batch: int, fetched: list[int] | None
               ) -> Iterator[Any]:
    """Relations without evidence, in fragments of about `batch`."""
    rows: list[tuple] = []
    for row in _batched(conn, _UNSOURCED_QUERY, batch, fetched):
        rows.append(row)
        if len(rows) >= batch:
            yield _unsourced_fragment(conn, rows)
            rows = []
    if rows:
        yield _unsourced_fragment(conn, rows)


def _unsourced_fragment(conn: sqlite3.Connection, rows: list[tuple]) -> Any:
    from geokg.graph.model import GraphFragment, Relation

    relations = [Relation.model_validate(edge_attributes(row, [])) for row in rows]
    entities = _entities(conn, {end for r in relations for end in (r.source, r.target)})
    return GraphFragment(entities=[e for _, e in sorted(entities.values(),
                                                        key=lambda pair: pair[0])],
                         relations=relations)


def _with_orphans(conn: sqlite3.Connection, fragment: Any, orphans: list[tuple[int, Any]]
                  ) -> Any:
    """`fragment` with the entities no relation uses, in store order among its own."""
    if not orphans:
        return fragment
    own = _entities(conn, {e.id for e in fragment.entities})
    merged = sorted([*orphans, *own.values()], key=lambda pair: pair[0])
    return fragment.model_copy(update={"entities": [e for _, e in merged]})
