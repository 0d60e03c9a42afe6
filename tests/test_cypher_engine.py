"""The kglite adapter: graph shape, caching by change counter, read-only enforcement."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import geokg.graph.cypher_engine as cypher_engine
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import ReadOnlyViolation, StoreError
from geokg.graph.model import Entity, GraphFragment, Relation
from geokg.graph.readonly import check_read_only
from geokg.graph.values import plain
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_fragment


@pytest.fixture
def store(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        yield store


def one(store: EmbeddedStore, query: str, **params) -> dict:
    rows = store.cypher(query, params)
    assert len(rows) == 1, rows
    return rows[0]


def test_entity_labels_and_properties(store):
    row = one(store, "MATCH (n:Entity {id: 'gustavo-petro'}) RETURN labels(n) AS labels, "
                     "n.type AS type, n.name AS name, n.aliases AS aliases, n.roles AS roles, "
                     "n.country AS country, n.wikidata AS wikidata")
    assert row == {"labels": ["Entity", "Person"], "type": "Person", "name": "Gustavo Petro",
                   "aliases": ["Petro"], "roles": ["President of Colombia"], "country": "COL",
                   "wikidata": None}
    assert one(store, "MATCH (n:Person) RETURN count(n) AS n")["n"] == 3
    assert one(store, "MATCH (n:Entity:GovernmentBody) RETURN count(n) AS n")["n"] == 2
    assert one(store, "MATCH (n:Entity) WHERE $x IN n.aliases RETURN n.id AS id",
               x="US Treasury")["id"] == "us-treasury"


def test_article_nodes_and_mentions(store):
    row = one(store, "MATCH (a:Article) RETURN labels(a) AS labels, a.id AS id, "
                     "a.published AS published, a.title AS title, a.source AS source")
    assert row == {"labels": ["Article"], "id": SEED_ID, "published": "2025-11-27",
                   "title": "Petro says US pressure on Venezuela is about oil",
                   "source": "seed-2025-11-27-petro-cnn.txt"}
    assert one(store, "MATCH (a:Article) RETURN a.text AS text")["text"] is None
    mentioned = store.cypher("MATCH (:Article)-[:MENTIONS]->(e:Entity) RETURN e.id AS id "
                             "ORDER BY id")
    assert [r["id"] for r in mentioned] == sorted(
        {end for r in seed_like_fragment().relations for end in (r.source, r.target)})


def test_relationship_shape(store):
    row = one(store, "MATCH (s)-[r:SANCTIONED]->(t) RETURN s.id AS s, t.id AS t, "
                     "type(r) AS type, r.type AS rtype, r.category AS category, r.date AS date, "
                     "r.date_start.year AS year, r.date_start.month AS month, "
                     "r.date_start AS start, r.date_end AS end, r.status AS status, "
                     "r.confidence AS confidence, r.sentences AS sentences, "
                     "r.articles AS articles, r.article_ids AS ids, r.rules AS rules, "
                     "r.evidence AS evidence, r.properties AS properties")
    assert (row["s"], row["t"], row["type"], row["rtype"]) == (
        "us-treasury", "gustavo-petro", "SANCTIONED", "SANCTIONED")
    assert (row["category"], row["date"], row["year"], row["month"]) == (
        "SANCTION", "2025-10", 2025, 10)
    assert (row["start"], row["end"]) == ("2025-10-01", "2025-10-31")
    assert (row["status"], row["confidence"], row["ids"]) == ("asserted", 0.8, [SEED_ID])
    assert json.loads(row["properties"]) == {}
    # the evidence as parallel lists of plain strings (no JSON); no `evidence` property
    assert row["sentences"] == ["the US Treasury sanctioned Petro"]
    assert row["articles"] == ["Petro says US pressure on Venezuela is about oil"]
    assert len(row["rules"]) == 1 and row["evidence"] is None


def test_dates_are_cypher_dates(store):
    rows = store.cypher("MATCH ()-[r]->() WHERE r.date_start >= date('2025-10-01') "
                        "AND r.date_end <= date('2025-10-31') RETURN type(r) AS t ORDER BY t")
    assert [r["t"] for r in rows] == ["ACCUSED", "HALTED_AID", "SANCTIONED"]
    undated = one(store, "MATCH (:Entity {id: 'nicolas-maduro'})-[r:LEADS]->() RETURN "
                         "r.date AS date, r.date_start AS start, r.status AS status")
    assert undated == {"date": None, "start": None, "status": "alleged"}
    designation = one(store, "MATCH ()-[r:DESIGNATED]->() RETURN r.properties AS p")["p"]
    assert json.loads(designation) == {"designation": "foreign terrorist organization"}


def test_nodes_relationships_and_paths_become_property_dicts(store):
    row = one(store, "MATCH p = (n:Entity {id: 'us-treasury'})-[r:SANCTIONED]->(m) "
                     "RETURN n, r, p")
    assert row["n"] == {"id": "us-treasury", "name": "United States Department of the Treasury",
                        "type": "GovernmentBody", "aliases": ["US Treasury", "Treasury"],
                        "country": "USA", "roles": []}
    assert row["r"]["date_start"] == "2025-10-01"
    assert row["r"]["type"] == "SANCTIONED"
    assert [n["id"] for n in row["p"]["nodes"]] == ["us-treasury", "gustavo-petro"]
    assert row["p"]["relationships"] == [row["r"]]
    article = one(store, "MATCH (a:Article) RETURN a")["a"]
    assert article["id"] == SEED_ID and "type" not in article


def test_plain_values():
    assert plain(dt.date(2025, 10, 1)) == "2025-10-01"
    assert plain({"d": [dt.datetime(2025, 1, 2, 3, 4)], "n": None}) == {
        "d": ["2025-01-02T03:04:00"], "n": None}
    assert plain((1, 2.5, "x", True)) == [1, 2.5, "x", True]


def test_plain_values_from_the_neo4j_driver():
    import neo4j.graph
    import neo4j.time

    assert plain(neo4j.time.Date(2025, 10, 1)) == "2025-10-01"
    assert plain(neo4j.time.DateTime(2025, 10, 1, 3, 4, 5)) == "2025-10-01T03:04:05"
    node = neo4j.graph.Node(neo4j.graph.Graph(), "4:x:1", 1, ["Entity", "Person"],
                            {"id": "p", "aliases": ["P"], "since": neo4j.time.Date(2025, 1, 1)})
    assert plain(node) == {"id": "p", "aliases": ["P"], "since": "2025-01-01"}


def test_graph_is_cached_until_the_store_changes(tmp_path, store):
    query = "MATCH ()-[r:SANCTIONED]->() RETURN size(r.sentences) AS n"
    assert one(store, query)["n"] == 1
    persisted = store._graph
    assert persisted.how == "built"
    frozen = persisted.frozen
    assert one(store, "MATCH (n) RETURN count(n) AS n")["n"] == 10
    assert persisted.frozen is frozen
    store.upsert(seed_like_fragment())  # changes nothing: the cache stays valid
    assert one(store, query)["n"] == 1
    assert persisted.frozen is frozen
    with EmbeddedStore(store.path) as writer:  # another connection (as another process)
        writer.upsert(second_article_fragment())
    assert one(store, query)["n"] == 2
    assert persisted.how == "caught up"  # the file plus the change log's delta
    assert one(store, "MATCH (a:Article) RETURN collect(a.id) AS ids")["ids"] in (
        [SEED_ID, SECOND_ID], [SECOND_ID, SEED_ID])
    assert persisted.how == "caught up"


WRITES = [
    "CREATE (n:Entity {id: 'x'})",
    "merge (n:Entity {id: 'gustavo-petro'}) RETURN n",
    "MATCH (n) SET n.name = 'x'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity) REMOVE n.name",
    "MATCH (n) WITH n LIMIT 1 MATCH (m) CREATE (n)-[:ACCUSED]->(m)",
    "MATCH (n) FOREACH (x IN [1] | SET n.y = 1)",
    "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "MATCH (n) CALL { WITH n RETURN n.id AS id } IN TRANSACTIONS RETURN id",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "CREATE INDEX idx FOR (n:Entity) ON (n.name)",
    "DROP INDEX idx",
    "CALL apoc.create.node(['Entity'], {id: 'x'})",
    "CALL apoc.refactor.mergeNodes([])",
    "CALL db.ontology.declare({})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})",
    "/* harmless? */ MaTcH (n) sEt n.x = 1",
    "MATCH (n) RETURN n // trailing\nCREATE (m)",
    "INSERT (n:Entity {id: 'x'})",
]


@pytest.mark.parametrize("query", WRITES)
def test_write_queries_are_refused(store, query):
    with pytest.raises(ReadOnlyViolation):
        store.cypher(query)
    assert one(store, "MATCH (n) RETURN count(n) AS n")["n"] == 10


@pytest.mark.parametrize("query", [
    "MATCH (n:Entity) WHERE n.name <> 'CREATE (x)' RETURN count(n) AS n",
    'MATCH (n:Entity) WHERE n.name <> "MERGE; SET n.x = 1" RETURN count(n) AS n',
    "// CREATE (n) in a comment\nMATCH (n:Entity) RETURN count(n) AS n",
    "MATCH (n:Entity) // DELETE n\nRETURN count(n) AS `create`",
    "MATCH (n:Entity) WHERE n.id <> $set RETURN count(n) AS n",
])
def test_read_queries_with_write_words_in_literals_are_allowed(store, query):
    rows = store.cypher(query, {"set": "x"})
    assert [list(row.values()) for row in rows] == [[9]]


def test_the_engine_refuses_writes_by_itself(monkeypatch, store):
    monkeypatch.setattr(cypher_engine, "check_read_only", lambda query: None)
    for query in ("CREATE (n:Entity {id: 'x'})", "MATCH (n) DETACH DELETE n",
                  "MATCH (n) SET n.name = 'x'", "MERGE (n:Entity {id: 'y'})"):
        with pytest.raises(ReadOnlyViolation):
            store.cypher(query)
    assert one(store, "MATCH (n) RETURN count(n) AS n")["n"] == 10


def test_procedure_reads_are_allowed():
    check_read_only("CALL db.labels() YIELD label RETURN label")
    check_read_only("CALL db.index.fulltext.queryNodes('names', 'Petro') YIELD node RETURN node")


def test_a_syntax_error_is_one_line(store):
    with pytest.raises(StoreError) as info:
        store.cypher("MATCH (n RETURN n")
    assert not isinstance(info.value, ReadOnlyViolation)
    assert "\n" not in str(info.value)


def test_unknown_relationship_types_are_not_loaded():
    fragment = GraphFragment(
        entities=[Entity(id="a", name="A", type="Person"), Entity(id="b", name="B", type="Person")],
        relations=[Relation(source="a", target="b", type="X]->() DETACH DELETE n //")])
    with pytest.raises(StoreError, match="unknown relationship type"):
        cypher_engine.build_graph(fragment)


def test_hostile_names_are_values_not_code(tmp_path):
    hostile = "x'}) DETACH DELETE n //"
    fragment = GraphFragment(entities=[
        Entity(id=hostile, name=hostile, type="Person", aliases=['"}) SET n.x = 1 //']),
        Entity(id="b", name="B", type="Country")],
        relations=[Relation(source=hostile, target="b", type="ACCUSED")])
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(fragment)
        row = one(store, "MATCH (n:Person)-[:ACCUSED]->(m) RETURN n.id AS id, n.aliases AS a, "
                         "m.id AS m")
        assert row == {"id": hostile, "a": ['"}) SET n.x = 1 //'], "m": "b"}
        assert one(store, "MATCH (n) RETURN count(n) AS n")["n"] == 2
