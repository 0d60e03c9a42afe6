"""Evidence readable in plain Cypher, the same on every store (the `store` fixture of
conftest.py: embedded and a real Neo4j): each relationship keeps its evidence as parallel
lists of scalars (`geokg.graph.values.EVIDENCE_LISTS`), the `evidence` canned query returns
one row per item with plain columns, and no table, CSV or JSON output holds JSON text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation, citation
from geokg.graph.values import EVIDENCE_LISTS
from geokg.queries.catalog import run_query
from tests import neo4j_support
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_fragment

SEED_TITLE = "Petro says US pressure on Venezuela is about oil"

# item i of a relationship's evidence, in plain Cypher (no APOC, no string parsing)
ITEMS = """
MATCH (:Entity {id: $source})-[r]->(:Entity {id: $target})
WHERE type(r) = $type
UNWIND range(0, size(r.sentences) - 1) AS i
RETURN r.sentences[i] AS sentence, r.articles[i] AS article, r.article_ids[i] AS article_id,
       r.urls[i] AS url, r.published[i] AS published, r.rules[i] AS rule,
       r.starts[i] AS start, r.ends[i] AS end, r.dates[i] AS reported
ORDER BY article_id, start
"""
SANCTION = {"source": "us-treasury", "target": "gustavo-petro", "type": "SANCTIONED"}


def _items(store, **where) -> list[dict]:
    return store.cypher(ITEMS, where or SANCTION)


def test_plain_cypher_reads_each_evidence_item(store):
    store.upsert(seed_like_fragment())
    store.upsert(second_article_fragment())
    seed_text = seed_like_fragment().articles[0].text
    start = seed_text.index("the US Treasury sanctioned Petro")
    assert _items(store) == [  # ordered by article id
        {"sentence": "Washington sanctioned Petro", "article": "Treasury sanctions",
         "article_id": SECOND_ID, "url": "", "published": "2025-10-25", "rule": "verb:sanction",
         "start": 0, "end": 27, "reported": "2025-10"},
        {"sentence": "the US Treasury sanctioned Petro", "article": SEED_TITLE,
         "article_id": SEED_ID, "url": "https://example.org/seed", "published": "2025-11-27",
         "rule": "verb:sanction", "start": start, "end": start + 32, "reported": "2025-10"}]
    # every list of every relationship has one element per item, and no JSON is stored
    sizes = store.cypher("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' "
                         "RETURN type(r) AS type, r.evidence AS json, "
                         + ", ".join(f"size(r.{name}) AS {name}" for name in EVIDENCE_LISTS))
    assert len(sizes) == 8
    for row in sizes:
        assert row["json"] is None
        assert len({row[name] for name in EVIDENCE_LISTS}) == 1, row


def test_merging_keeps_the_lists_aligned(store):
    """Re-ingesting adds nothing; the second article's item is appended to every list; the
    model read back equals what was written, whatever the order of the articles."""
    store.upsert(second_article_fragment())
    store.upsert(seed_like_fragment())
    store.upsert(second_article_fragment())
    store.upsert(seed_like_fragment())
    rows = _items(store)
    assert [(r["article_id"], r["article"], r["sentence"]) for r in rows] == [
        (SECOND_ID, "Treasury sanctions", "Washington sanctioned Petro"),
        (SEED_ID, SEED_TITLE, "the US Treasury sanctioned Petro")]
    relation = next(r for r in store.load().relations if r.type == "SANCTIONED")
    assert sorted((e.article, e.sentence, e.date) for e in relation.evidence) == [
        (SECOND_ID, "Washington sanctioned Petro", None),
        (SEED_ID, "the US Treasury sanctioned Petro", None)]


def _untitled(article_id: str, date: str, **fields) -> GraphFragment:
    text = "Ruritania sanctioned Freedonia."
    return GraphFragment(
        articles=[Article(id=article_id, text=text, published=dt.date(2024, 5, 2), **fields)],
        entities=[Entity(id="ruritania", name="Ruritania", type="Country"),
                  Entity(id="freedonia", name="Freedonia", type="Country")],
        relations=[Relation(source="ruritania", target="freedonia", type="SANCTIONED",
                            category="SANCTION", date=date, evidence=[Evidence(
                                article=article_id, sentence=text, start=0, end=len(text),
                                rule="rules:SANCTIONED:verb")])])


def test_an_untitled_article_is_cited_by_its_file_or_url_name(store):
    store.upsert(_untitled("9f3c2a7d1e0b4c5a", "2024-05-01", source="notes/ruritania-brief.txt"))
    store.upsert(_untitled("0a1b2c3d4e5f6a7b", "2024-05-01",
                           url="https://news.example.net/world/ruritania-acts.html",
                           source="news.example.net"))
    where = {"source": "ruritania", "target": "freedonia", "type": "SANCTIONED"}
    assert sorted(r["article"] for r in _items(store, **where)) == [
        "ruritania-acts.html", "ruritania-brief.txt"]
    rows = run_query(store, "evidence", {"actor": "Ruritania", "other": "Freedonia"})
    assert [(r["article"], r["url"], r["published"]) for r in rows] == [
        ("ruritania-acts.html", "https://news.example.net/world/ruritania-acts.html",
         "2024-05-02"),
        ("ruritania-brief.txt", None, "2024-05-02")]


def test_an_absent_list_reads_as_empty_values():
    """neo4j-admin leaves out an array whose only element is '' (e.g. `dates` of an undated
    edge): the item still reads back."""
    from geokg.graph.values import evidence_from_lists

    props = {"sentences": ["s"], "article_ids": ["a"], "starts": [0], "ends": [1],
             "rules": ["r"], "articles": ["a"]}
    assert evidence_from_lists(props, None) == [
        {"article": "a", "sentence": "s", "start": 0, "end": 1, "rule": "r", "date": None}]


def test_citation_falls_back_title_url_file_id():
    assert citation("h", "  A title ", "https://x.org/a/b", "f.txt") == "A title"
    assert citation("h", None, "https://x.org/a/b/", "f.txt") == "b"
    assert citation("h", "", "https://x.org", "f.txt") == "x.org"
    assert citation("h", None, None, "C:\\news\\f.txt") == "f.txt"
    assert citation("h", None, None, None) == "h"


EVIDENCE_COLUMNS = ["source", "action", "target", "date", "article", "published", "url", "rule",
                    "sentence"]


def test_the_evidence_query_returns_one_row_per_item_in_plain_columns(store):
    store.upsert(seed_like_fragment())
    store.upsert(second_article_fragment())
    rows = run_query(store, "evidence", {"actor": "US Treasury", "other": "Petro"})
    assert all(list(row) == EVIDENCE_COLUMNS for row in rows)
    assert all(isinstance(v, str) or v is None for row in rows for v in row.values())
    assert [(r["action"], r["article"], r["published"], r["url"], r["sentence"])
            for r in rows] == [
        ("ACCUSED", SEED_TITLE, "2025-11-27", "https://example.org/seed",
         "accusing him of playing a role"),
        ("SANCTIONED", SEED_TITLE, "2025-11-27", "https://example.org/seed",
         "the US Treasury sanctioned Petro"),
        ("SANCTIONED", "Treasury sanctions", "2025-10-25", None, "Washington sanctioned Petro")]
    assert all(r["source"] == "United States Department of the Treasury"
               and r["date"] == "2025-10" for r in rows)


# -- the CLI: no JSON text in a table, CSV or JSON output -------------------------------------

@pytest.fixture
def cli(store, store_options):
    """(global options, environment) of the CLI on `store`, filled with two articles."""
    store.upsert(seed_like_fragment())
    store.upsert(second_article_fragment())
    if store_options["kind"] == "embedded":
        return ["--db", store_options["db"]], {}
    return ["--store", "neo4j"], neo4j_support.env()


def _query(cli, fmt: str) -> str:
    options, env = cli
    result = CliRunner().invoke(main, [*options, "query", "evidence", "-p", "actor=US Treasury",
                                       "-p", "other=Petro", "--format", fmt], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_evidence_table_shows_whole_sentences_and_no_json(cli):
    table = _query(cli, "table")
    assert '{"' not in table and '\\"' not in table
    header = table.splitlines()[0].split()
    assert header == EVIDENCE_COLUMNS
    assert "the US Treasury sanctioned Petro" in table  # the last column is never cut
    assert "Washington sanctioned Petro" in table and "Treasury sanctions" in table


def test_the_evidence_json_and_csv_are_not_double_encoded(cli):
    rows = json.loads(_query(cli, "json"))
    assert [r["sentence"] for r in rows] == [
        "accusing him of playing a role", "the US Treasury sanctioned Petro",
        "Washington sanctioned Petro"]
    assert all(not str(v).startswith(("{", "[")) for r in rows for v in r.values())
    table = list(csv.DictReader(io.StringIO(_query(cli, "csv"))))
    assert [r["sentence"] for r in table] == [r["sentence"] for r in rows]
    assert [r["article"] for r in table] == [SEED_TITLE, SEED_TITLE, "Treasury sanctions"]


def test_contested_claims_give_sentences_as_plain_text(store):
    from tests.fixtures_graph import contested_fragment

    store.upsert(contested_fragment())
    rows = run_query(store, "contested_claims", {})
    assert rows
    for row in rows:
        assert all(isinstance(s, str) and not s.startswith("{")
                   for s in row["claim_sentences"] + row["denial_sentences"])


# -- a Neo4j database written before the lists ---------------------------------------------

@pytest.mark.neo4j
def test_a_neo4j_edge_with_json_evidence_is_read_and_rewritten_as_lists(drv):
    """An edge whose evidence is JSON strings (`evidence`, `articles` = sorted ids) loads as
    before; the next write that touches it stores the lists and drops the JSON."""
    from geokg.graph.neo4j_store import Neo4jStore

    neo4j_support.wipe(drv)
    seed = seed_like_fragment()
    item = next(r for r in seed.relations if r.type == "SANCTIONED").evidence[0]
    with Neo4jStore(**neo4j_support.settings()) as store:
        store.upsert(GraphFragment(articles=seed.articles, entities=seed.entities))
        with drv.session(database=neo4j_support.settings()["database"]) as session:
            session.run(
                "MATCH (s:Entity {id: 'us-treasury'}), (t:Entity {id: 'gustavo-petro'}) "
                "CREATE (s)-[:SANCTIONED {type: 'SANCTIONED', category: 'SANCTION', "
                "date: '2025-10', date_start: date('2025-10-01'), date_end: date('2025-10-31'), "
                "status: 'asserted', confidence: 0.8, properties: '{}', evidence: $json, "
                "articles: [$article]}]->(t)",
                json=[item.model_dump_json()], article=SEED_ID).consume()
        loaded = next(r for r in store.load().relations if r.type == "SANCTIONED")
        assert loaded.evidence == [item]
        assert store.upsert(second_article_fragment()).evidence_added == 1
        row = store.cypher("MATCH ()-[r:SANCTIONED]->() RETURN r.evidence AS json, "
                           "r.sentences AS sentences, r.articles AS articles")
        assert row == [{"json": None,
                        "sentences": [item.sentence, "Washington sanctioned Petro"],
                        "articles": [SEED_TITLE, "Treasury sanctions"]}]


# -- exports carry the same lists --------------------------------------------------------------

def test_graphml_gexf_and_the_map_cite_evidence_as_the_store_does(tmp_path):
    """GraphML and GEXF edges carry the store's lists (JSON arrays, as every list there); the
    map names an untitled article by its file name."""
    import networkx as nx

    from geokg.exports.gexf import write_gexf
    from geokg.exports.graphml import write_graphml
    from geokg.exports.html import map_data
    from geokg.graph.embedded import EmbeddedStore
    from geokg.graph.network import fragment_to_networkx

    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        store.upsert(second_article_fragment())
        store.upsert(_untitled("9f3c2a7d1e0b4c5a", "2024-05-01", source="notes/brief.txt"))
        stored = {(r["s"], r["type"], r["t"]): r for r in store.cypher(
            "MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS s, type(r) AS type, t.id AS t, "
            + ", ".join(f"r.{name} AS {name}" for name in EVIDENCE_LISTS))}
        graph = fragment_to_networkx(store.load())
    back = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    gexf = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    for exported, type_key in ((back, "type"), (gexf, "relation_type")):
        edges = list(exported.edges(data=True))
        assert len(edges) == len(stored) == 9
        for u, v, data in edges:
            row = stored[(u, data[type_key], v)]
            for name in EVIDENCE_LISTS:
                assert json.loads(data[name]) == row[name], (u, v, name)
    names = {a["id"]: a["name"] for a in map_data(graph)["articles"].values()}
    assert names == {SEED_ID: SEED_TITLE, SECOND_ID: "Treasury sanctions",
                     "9f3c2a7d1e0b4c5a": "brief.txt"}
