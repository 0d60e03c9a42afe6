"""The Neo4j store against a real server, beyond the shared contract (test_store_contract.py):
parity with the embedded store for every canned query, schema, read-only Cypher, injection,
connection errors, `geokg push`.

Needs a server: `bash tests/neo4j_server/neo4j.sh start` (see tests/neo4j_support.py).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import geokg.graph.neo4j_store as neo4j_store
from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import ReadOnlyViolation, StoreError
from geokg.graph.model import GraphFragment
from geokg.graph.neo4j_store import Neo4jStore
from geokg.graph.statements import schema_statements
from geokg.graph.vocabulary import load_vocabulary
from geokg.pipeline import extract_paths
from geokg.queries.catalog import CannedQuery, bind, list_queries, run_query
from tests import neo4j_support
from tests.fixtures_graph import (
    SEED_ID,
    contested_fragment,
    second_article_fragment,
    seed_like_fragment,
)

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed-2025-11-27-petro-cnn.txt"
EXAMPLES = ROOT / "geokg" / "examples"
QUERIES = list_queries()
HOSTILE = ["x' OR 1=1 //", "}) DETACH DELETE n //", "Petro' OR '1'='1",
           "\" OR true RETURN 1 //", "Petro`}) MATCH (m) DETACH DELETE m //",
           "') CALL { MATCH (m) DETACH DELETE m } //"]


@lru_cache(maxsize=1)
def _seed() -> GraphFragment:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    return extract_paths([SEED])


def datasets() -> dict[str, list[GraphFragment]]:
    """Named sequences of upserts: the hand-built graph, the real seed article extracted,
    and all three articles together (edges with evidence from two articles)."""
    return {"fixture": [seed_like_fragment(), contested_fragment()],
            "seed": [_seed()],
            "three": [seed_like_fragment(), second_article_fragment(), _seed()]}


def _examples(query: CannedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params}


@pytest.fixture
def store(drv):
    yield from neo4j_support.store_fixture(drv)


@pytest.fixture
def three(store):
    """The Neo4j store holding the `three` dataset."""
    for fragment in datasets()["three"]:
        store.upsert(fragment)
    return store


# -- parity with the embedded store ------------------------------------------------------

SHAPE = {
    "entities": "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, n AS node "
                "ORDER BY id",
    "articles": "MATCH (a:Article) RETURN labels(a) AS labels, a AS node ORDER BY a.id",
    "relations": "MATCH (s)-[r]->(t) RETURN s.id AS source, type(r) AS type, t.id AS target, "
                 "r AS rel ORDER BY source, type, target, coalesce(r.date, '')",
    "counts": "MATCH (n:Entity) WITH count(n) AS entities MATCH (a:Article) "
              "RETURN entities, count(a) AS articles",
}


def _sorted_labels(rows: list[dict]) -> list[dict]:
    return [{**row, "labels": sorted(row["labels"])} for row in rows]


@pytest.fixture(scope="module")
def parity(drv, tmp_path_factory):
    """For each dataset: (embedded, neo4j) results of every canned query with its example
    parameters, of the SHAPE queries, stats(), load() and the upsert reports."""
    results: dict[str, dict[str, tuple]] = {}
    for name, fragments in datasets().items():
        neo4j_support.wipe(drv)
        embedded = EmbeddedStore(tmp_path_factory.mktemp(name) / "g.db")
        neo = Neo4jStore(**neo4j_support.settings())
        try:
            reports = ([embedded.upsert(f) for f in fragments],
                       [neo.upsert(f) for f in fragments])
            out = {"reports": reports, "stats": (embedded.stats(), neo.stats())}
            loaded = (embedded.load(), neo.load())
            out["load"] = tuple(
                (sorted(a.model_dump_json() for a in f.articles),
                 sorted(e.model_dump_json() for e in f.entities),
                 sorted(r.model_dump_json() for r in f.relations)) for f in loaded)
            for key, query in SHAPE.items():
                out[f"shape:{key}"] = (embedded.cypher(query), neo.cypher(query))
            for query in QUERIES:
                bound = bind(query, _examples(query))
                out[query.name] = (embedded.cypher(query.cypher, bound),
                                   neo.cypher(query.cypher, bound))
        finally:
            embedded.close()
            neo.close()
        results[name] = out
    return results


@pytest.mark.parametrize("dataset", ["fixture", "seed", "three"])
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_canned_queries_give_identical_rows_on_both_engines(parity, dataset, query):
    embedded_rows, neo4j_rows = parity[dataset][query.name]
    assert embedded_rows, f"{query.name} found nothing in {dataset}"
    assert neo4j_rows == embedded_rows


@pytest.mark.parametrize("dataset", ["fixture", "seed", "three"])
@pytest.mark.parametrize("key", ["reports", "stats", "load", *(f"shape:{k}" for k in SHAPE)])
def test_both_engines_store_the_same_graph(parity, dataset, key):
    embedded_value, neo4j_value = parity[dataset][key]
    if key in ("shape:entities", "shape:articles"):
        embedded_value, neo4j_value = _sorted_labels(embedded_value), _sorted_labels(neo4j_value)
    assert embedded_value, key
    assert neo4j_value == embedded_value


def test_from_env_reads_the_standard_variables(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://example.org:7999")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "graphs")
    store = Neo4jStore.from_env()
    assert (store.uri, store.user, store.database) == ("bolt://example.org:7999", "alice",
                                                       "graphs")
    assert "s3cret-pass" not in repr(store)
    assert Neo4jStore.from_env(uri="neo4j://other:7687", user="bob").user == "bob"
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name)
    store = Neo4jStore.from_env()
    assert (store.uri, store.user, store.database) == ("bolt://localhost:7687", "neo4j", None)


def test_constraints_and_indexes_exist_after_first_use(store, drv):
    store.stats()
    names = {r["name"] for r in neo4j_support.run(drv, "SHOW INDEXES YIELD name RETURN name")}
    constraints = {r["name"]: r for r in neo4j_support.run(
        drv, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
             "RETURN name, type, labelsOrTypes, properties")}
    assert constraints["entity_id"]["labelsOrTypes"] == ["Entity"]
    assert constraints["article_id"]["properties"] == ["id"]
    assert {"entity_name", "sanctioned_date_start", "leads_date_start"} <= names
    assert set(schema_statements()) <= names | set(constraints)
    assert len(schema_statements()) == 3 + len(load_vocabulary().actions)
    # a second store on the same database creates nothing new and does not fail
    again = Neo4jStore(**neo4j_support.settings())
    again.stats()
    again.close()


# -- queries: injection, read-only --------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_match_nothing_and_change_nothing(three, drv, value):
    before = (three.stats(), neo4j_support.count_nodes(drv),
              neo4j_support.count_relationships(drv))
    checked = 0
    for query in QUERIES:
        strings = [p.name for p in query.params if p.type in ("string", "actor", "action")]
        for name in strings:
            raw = {**_examples(query), name: value}
            assert run_query(three, query.name, raw) == [], (query.name, name)
            checked += 1
    assert checked >= 7
    assert (three.stats(), neo4j_support.count_nodes(drv),
            neo4j_support.count_relationships(drv)) == before


WRITES = [
    "CREATE (n:X)",
    "CALL { CREATE (n:X) } RETURN 1",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "CALL db.createLabel('X')",
    "MATCH (n:Entity) SET n.name = 'x'",
    "MERGE (n:Entity {id: 'y'})",
    "MATCH (n) DETACH DELETE n",
    "CREATE INDEX x_index FOR (n:X) ON (n.y)",
    "FOREACH (i IN [1] | CREATE (:X))",
    "MATCH (n) RETURN n // trailing\nCREATE (m:X)",
]


def _snapshot(drv) -> tuple:
    labels = {r["label"] for r in neo4j_support.run(drv, "CALL db.labels() YIELD label "
                                                         "RETURN label")}
    indexes = {r["name"] for r in neo4j_support.run(drv, "SHOW INDEXES YIELD name "
                                                         "RETURN name")}
    return (neo4j_support.count_nodes(drv), neo4j_support.count_relationships(drv),
            labels, indexes)


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused(three, drv, query):
    before = _snapshot(drv)
    with pytest.raises(ReadOnlyViolation) as info:
        three.cypher(query)
    assert "\n" not in str(info.value)
    assert _snapshot(drv) == before


@pytest.mark.parametrize("query", WRITES[:-1])
def test_the_server_refuses_writes_by_itself(three, drv, monkeypatch, query):
    """Without the keyword check, the READ transaction still refuses every write."""
    monkeypatch.setattr(neo4j_store, "check_read_only", lambda query: None)
    before = _snapshot(drv)
    with pytest.raises(ReadOnlyViolation, match="read-only") as info:
        three.cypher(query)
    assert "\n" not in str(info.value)
    assert _snapshot(drv) == before


def test_reads_give_plain_values(three):
    rows = three.cypher("MATCH p = (s:Entity {id: 'us-treasury'})-[r:SANCTIONED]->(t) "
                        "RETURN s, r, p, r.date_start AS start, date('2025-01-02') AS d, "
                        "duration('P1D') AS span, $x AS x", {"x": [1, "a"]})
    row = rows[0]
    assert row["s"]["id"] == "us-treasury"
    assert row["r"]["date_start"] == "2025-10-01"
    assert [n["id"] for n in row["p"]["nodes"]] == ["us-treasury", "gustavo-petro"]
    assert (row["start"], row["d"], row["span"], row["x"]) == ("2025-10-01", "2025-01-02",
                                                                "P1D", [1, "a"])
    json.dumps(rows)
    # stored as Neo4j DATE values (what range queries and the date_start indexes need)
    types = three.cypher("MATCH ()-[r:SANCTIONED]->() RETURN valueType(r.date_start) AS s, "
                         "valueType(r.date_end) AS e, valueType(r.date) AS d")
    assert types == [{"s": "DATE NOT NULL", "e": "DATE NOT NULL", "d": "STRING NOT NULL"}]


def test_a_syntax_error_is_one_line(store):
    with pytest.raises(StoreError) as info:
        store.cypher("MATCH (n RETURN n")
    assert not isinstance(info.value, ReadOnlyViolation)
    assert str(info.value).startswith("cypher: ")
    assert "\n" not in str(info.value)


# -- connection errors ----------------------------------------------------------------------


def test_a_wrong_password_is_one_clear_line_without_the_password():
    neo4j_support.require_neo4j()
    options = {**neo4j_support.settings(), "password": "not-the-Password-42"}
    store = Neo4jStore(**options)
    with pytest.raises(StoreError) as info:
        store.stats()
    message = str(info.value)
    assert message == (f"Neo4j refused the credentials for user {options['user']} at "
                       f"{options['uri']}")
    assert "not-the-Password-42" not in message
    store.close()


def test_an_unreachable_uri_is_one_clear_line():
    store = Neo4jStore(uri="bolt://127.0.0.1:1", password="whatever-pass")
    with pytest.raises(StoreError) as info:
        store.upsert(seed_like_fragment())
    message = str(info.value)
    assert message.startswith("cannot reach Neo4j at bolt://127.0.0.1:1: ")
    assert "\n" not in message and "whatever-pass" not in message
    store.close()


@pytest.mark.parametrize("uri, message", [
    ("http://localhost:7474", "invalid Neo4j URI http://localhost:7474"),
    ("bolt://neo4j:secret-pw@127.0.0.1:1", "invalid Neo4j URI bolt://127.0.0.1:1 (give the"),
    ("bolt://[::1", "invalid Neo4j URI bolt://[::1"),
])
def test_bad_uris(uri, message):
    store = Neo4jStore(uri=uri, password="secret-pw")
    with pytest.raises(StoreError) as info:
        store.stats()
    assert str(info.value).startswith(message)
    assert "secret-pw" not in str(info.value) and "\n" not in str(info.value)


def test_an_unknown_database_is_named(store):
    other = Neo4jStore(**{**neo4j_support.settings(), "database": "nosuchdb"})
    with pytest.raises(StoreError, match="has no database 'nosuchdb'"):
        other.stats()
    other.close()


def test_cli_errors_are_one_line_without_the_password():
    neo4j_support.require_neo4j()
    runner = CliRunner()
    env = {**neo4j_support.env(), "NEO4J_PASSWORD": "wrong-Password-77"}
    result = runner.invoke(main, ["--store", "neo4j", "stats"], env=env)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: Neo4j refused the credentials for user")
    assert "wrong-Password-77" not in result.output + result.stderr
    result = runner.invoke(main, ["--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:1",
                                  "ingest", str(EXAMPLES)], env=env)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith(
        "error: cannot reach Neo4j at bolt://127.0.0.1:1")


# -- CLI: ingest, query, push ------------------------------------------------------------


def test_cli_ingest_and_query_match_the_embedded_store(store, tmp_path):
    runner = CliRunner()
    env = neo4j_support.env()
    db = str(tmp_path / "g.db")
    for args in (["--store", "neo4j"], ["--db", db]):
        result = runner.invoke(main, [*args, "ingest", "--quiet", str(EXAMPLES)], env=env)
        assert result.exit_code == 0, result.output + result.stderr
    outputs = []
    for args in (["--store", "neo4j"], ["--db", db]):
        result = runner.invoke(main, [*args, "query", "actor_timeline", "-p", "actor=Petro",
                                      "--format", "json"], env=env)
        assert result.exit_code == 0, result.stderr
        outputs.append(json.loads(result.stdout))
    assert outputs[0] and outputs[0] == outputs[1]
    result = runner.invoke(main, ["--store", "neo4j", "cypher", "CREATE (n:X)"], env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: read-only")


def test_push_copies_the_embedded_store(store, tmp_path):
    runner = CliRunner()
    env = neo4j_support.env()
    db = str(tmp_path / "g.db")
    result = runner.invoke(main, ["--db", db, "ingest", "--quiet", str(EXAMPLES), str(SEED)],
                           env=env)
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(main, ["--db", db, "push"], env=env)
    assert result.exit_code == 0, result.stderr
    with EmbeddedStore(db) as embedded:
        stats = embedded.stats()
        assert store.stats() == stats
        assert f"pushed: {stats['articles']} new article(s), {stats['entities']} new entities, "\
               f"{stats['relations']} new relation(s)" in result.stderr
        for query in QUERIES:
            bound = bind(query, _examples(query))
            assert store.cypher(query.cypher, bound) == embedded.cypher(query.cypher, bound)
    again = runner.invoke(main, ["--db", db, "push"], env=env)
    assert again.exit_code == 0
    assert "pushed: 0 new article(s), 0 new entities, 0 new relation(s)" in again.stderr
    assert store.stats() == stats


def test_load_round_trips_through_another_store(three, tmp_path):
    fragment = three.load()
    with EmbeddedStore(tmp_path / "copy.db") as copy:
        copy.upsert(fragment)
        assert copy.stats() == three.stats()
    published = {a.id: a.published for a in fragment.articles}
    assert published[SEED_ID] == dt.date(2025, 11, 27)
