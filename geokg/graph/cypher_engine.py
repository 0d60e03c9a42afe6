"""Read-only Cypher on a stored graph, run by kglite (the one module that imports kglite).

The graph shape, identical on kglite and Neo4j (property maps from `geokg.graph.values`;
a None value is simply absent, as Neo4j never stores null):

    (:Entity:<Type> {id, name, type, aliases: [str], country, wikidata, roles: [str]})
        <Type> is an `EntityType` value (Person, Country, GovernmentBody, ...)
    (:Article {id, title, url, published: "YYYY-MM-DD" string, source})
    (:Article)-[:MENTIONS]->(:Entity)      for both ends of each relation the article supports
    (:Entity)-[:<TYPE> {type, category, date: ISO prefix string or absent,
                        date_start: date, date_end: date (bounds of the period; absent
                        without a date), status, confidence, properties: JSON string,
                        the evidence as parallel lists, one element per item, same order
                        (`geokg.graph.values.EVIDENCE_LISTS`):
                        sentences: [str], articles: [str] (the article cited: title, else
                        URL or file name, else id), article_ids: [str], urls: [str],
                        published: [str] (ISO date), rules: [str], starts: [int],
                        ends: [int] (character span in the article), dates: [str] (the
                        date each item reported); '' where a value is missing}]->(:Entity)
        <TYPE> is a vocabulary action type (SANCTIONED, ACCUSED, LEADS, ...)

The embedded store's graph is built and kept beside the store by `geokg.graph.graph_file`
(streamed from its rows with the same statements); `build_graph` serves fragments (time
travel, stores without a change log). Loading runs, per label / type, in batches (`$rows`
maps from `geokg.graph.values`; the statements from `geokg.graph.statements`, which the
Neo4j store writes with too):
    UNWIND $rows AS row CREATE (n:`Entity`:`<Type>`) SET n = row
    UNWIND $rows AS row CREATE (n:`Article`) SET n = row
    UNWIND $rows AS row MATCH (a:Article {id: row.article}) MATCH (e:Entity {id: row.entity})
        CREATE (a)-[:MENTIONS]->(e)
    UNWIND $rows AS row MATCH (s:Entity {id: row.source}) MATCH (t:Entity {id: row.target})
        CREATE (s)-[r:`<TYPE>`]->(t) SET r = row.props

kglite 0.21 differences from Neo4j 5 (write shared queries in the common subset):
- `shortestPath`/`allShortestPaths` ... WHERE filters paths AFTER the search (Neo4j searches
  for the shortest path satisfying it): restrict paths by relationship types instead.
- No `/* */` comments, no label expressions `!X` / `%`, no quantified path patterns, no
  `USE`; `CALL { } IN TRANSACTIONS` is a syntax error.
- Structural fallbacks on elements that lack the property: node `title` (= name), `type` and
  `label` (= primary label), `name` (= title, so an Article's `name` is its title); rel `id`,
  `start`, `end`; `keys(n)` lists them too. A string `'["x"]'` compares equal to `'x'`.
- `LOAD CSV` runs even on a frozen graph (refused here by `check_read_only`).
- A query materializing more than 10M rows fails instead of running on; a query runs at
  most 180 s (kglite's default timeout).
- `MATCH ... WITH n, count(r), count(DISTINCT m)` (a count beside a DISTINCT aggregate in the
  WITH right after a MATCH) counts distinct `m` for both: count apart (`COUNT { }`).
- Speed (same results, very different cost): a pattern is expanded from its first node, so
  write it from the bound variable (`MATCH (t)<-[r]-(a:Entity)` once `t` is bound, not
  `(a:Entity)-[r]->(t)`, which scans every entity); grouping by one node (`WITH t, count(r)`)
  is a fast path, grouping by two nodes or by property values is ten times slower; comparing
  nodes (`x <> a`) is slow, compare ids (`x.id <> a.id`).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import kglite

from geokg.graph.errors import ReadOnlyViolation, StoreError
from geokg.graph.plain import plain
from geokg.graph.readonly import check_read_only

if TYPE_CHECKING:  # building a graph loads the model and the vocabulary; a query on the
    # persisted graph (`geokg.graph.graph_file`) needs neither
    from geokg.graph.model import GraphFragment

BATCH = 10_000

kglite.set_query_warning_policy("silent")


def _batches(rows: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i:i + BATCH]


def _load(graph: kglite.KnowledgeGraph, statement: str, rows: list[Any]) -> None:
    for batch in _batches(rows):
        graph.cypher(statement, params={"rows": batch})


def build_graph(fragment: GraphFragment) -> kglite.FrozenGraph:
    """A frozen (read-only) kglite graph of the fragment, in the shape documented above."""
    from geokg.graph.statements import create_nodes, create_relationships, link_mentions
    from geokg.graph.store import checked_relation_type
    from geokg.graph.values import article_props, entity_props, mention_pairs, relation_props
    from geokg.graph.vocabulary import node_label

    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in fragment.entities:
        entities[node_label(entity.type)].append(entity_props(entity))
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    articles = {a.id: a for a in fragment.articles}
    for relation in fragment.relations:
        relations[checked_relation_type(relation.type)].append(
            {"source": relation.source, "target": relation.target,
             "props": relation_props(relation, articles)})
    graph = kglite.KnowledgeGraph()
    for label in sorted(entities):
        _load(graph, create_nodes(["Entity", label]), entities[label])
    _load(graph, create_nodes(["Article"]), [article_props(a) for a in fragment.articles])
    if fragment.entities:
        graph.create_index("Entity", "id")
    if fragment.articles:
        graph.create_index("Article", "id")
    _load(graph, link_mentions(), [{"article": a, "entity": e} for a, e in mention_pairs(fragment)])
    for rtype in sorted(relations):
        _load(graph, create_relationships(rtype), relations[rtype])
    return graph.freeze()


def run(graph: kglite.FrozenGraph, query: str, params: dict[str, Any] | None = None,
        max_rows: int | None = None) -> list[dict[str, Any]]:
    """Run read-only Cypher; rows as dicts of plain values (see `values.plain`)."""
    check_read_only(query)
    try:
        result = graph.cypher(query, params=dict(params or {}), row_limit=max_rows)
    except kglite.ReadOnlyError as exc:
        raise ReadOnlyViolation(f"read-only: {_first_line(exc)}") from None
    except (kglite.KgError, ValueError, TypeError) as exc:
        raise StoreError(f"cypher: {_first_line(exc)}") from None
    return [{key: plain(value) for key, value in row.items()} for row in result.to_list()]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class CypherEngine:
    """Caches one built graph per store, rebuilt only when the store's change counter moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None
        self._graph: kglite.FrozenGraph | None = None
        self.builds = 0

    def graph(self, version: int,
              snapshot: Callable[[], tuple[int, GraphFragment]]) -> kglite.FrozenGraph:
        """The cached graph if `version` is the one it was built at, else a fresh build from
        `snapshot()` (which returns the version it read and the whole graph)."""
        with self._lock:
            if self._graph is None or self._version != version:
                built_version, fragment = snapshot()
                self._graph = build_graph(fragment)
                self._version = built_version
                self.builds += 1
            return self._graph

    def cypher(self, query: str, params: dict[str, Any] | None, version: int,
               snapshot: Callable[[], tuple[int, GraphFragment]],
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher on the store's graph at `version`."""
        check_read_only(query)
        return run(self.graph(version, snapshot), query, params, max_rows)
