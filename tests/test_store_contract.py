"""The `GraphStore` contract, run on every store (the `store` fixture of conftest.py: a fresh
embedded SQLite file, and the real Neo4j test server wiped): idempotent upserts, evidence
merging, whole articles only, refusals before any write, concurrent writers."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

import geokg.graph.embedded as embedded
import geokg.graph.neo4j_store as neo4j_store
from geokg.graph.backends import open_store
from geokg.graph.errors import StoreError
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.store import GraphStore
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_fragment


def _evidence(store: GraphStore) -> dict[tuple, list[dict]]:
    return {r.key: sorted((e.model_dump() for e in r.evidence), key=str)
            for r in store.load().relations}


def _sanction(fragment: GraphFragment) -> Relation:
    return next(r for r in fragment.relations if r.type == "SANCTIONED")


def _sorted(fragment: GraphFragment) -> dict:
    """A fragment's public form in an order that does not depend on the store."""
    public = fragment.public()
    for name, key in (("articles", "id"), ("entities", "id")):
        public[name].sort(key=lambda item, key=key: item[key])
    public["relations"].sort(key=lambda r: (r["source"], r["type"], r["target"],
                                            r["date"] or ""))
    return public


def test_the_store_is_a_graph_store_and_open_store_opens_its_kind(store, store_options):
    assert isinstance(store, GraphStore)
    with open_store(**store_options) as opened:
        assert type(opened) is type(store)
        assert opened.stats()["articles"] == 0


def test_the_first_upsert_reports_what_it_added(store):
    report = store.upsert(seed_like_fragment())
    assert (report.articles_added, report.entities_added, report.relations_added,
            report.evidence_added) == (1, 9, 8, 8)


def test_reingesting_an_article_changes_nothing(store):
    store.upsert(seed_like_fragment())
    stats, evidence = store.stats(), _evidence(store)
    report = store.upsert(seed_like_fragment())
    assert report.articles_skipped == 1
    assert (report.articles_added, report.entities_added, report.relations_added,
            report.evidence_added) == (0, 0, 0, 0)
    assert store.stats() == stats
    assert _evidence(store) == evidence


def test_a_second_article_adds_evidence_to_the_same_edge(store):
    store.upsert(seed_like_fragment())
    report = store.upsert(second_article_fragment())
    assert (report.articles_added, report.relations_added, report.evidence_added) == (1, 0, 1)
    assert store.stats()["relations"] == 8
    assert sorted(e.article for e in _sanction(store.load()).evidence) == [SECOND_ID, SEED_ID]
    rows = store.cypher("MATCH (:Entity {id: 'us-treasury'})-[r:SANCTIONED]->"
                        "(:Entity {id: 'gustavo-petro'}) RETURN r.article_ids AS ids, "
                        "size(r.sentences) AS n")
    assert rows == [{"ids": [SEED_ID, SECOND_ID], "n": 2}]  # in evidence order
    mentions = store.cypher("MATCH (a:Article {id: $id})-[:MENTIONS]->(e) RETURN e.id AS id "
                            "ORDER BY id", {"id": SECOND_ID})
    assert mentions == [{"id": "gustavo-petro"}, {"id": "us-treasury"}]
    assert store.upsert(second_article_fragment()).evidence_added == 0
    assert len(_sanction(store.load()).evidence) == 2


def test_an_edge_with_evidence_from_two_articles_of_one_fragment(store):
    fragment = seed_like_fragment()
    fragment.merge(second_article_fragment())
    assert len(_sanction(fragment).evidence) == 2
    report = store.upsert(fragment)
    assert (report.articles_added, report.relations_added, report.evidence_added) == (2, 8, 9)
    assert len(_sanction(store.load()).evidence) == 2


def test_undated_and_dated_edges_are_distinct_and_merge_separately(store):
    entities = [Entity(id="a", name="A", type="Person"), Entity(id="b", name="B", type="Country")]

    def fragment(article: str, date: str | None) -> GraphFragment:
        return GraphFragment(
            articles=[Article(id=article)], entities=entities,
            relations=[Relation(source="a", target="b", type="LEADS", date=date, evidence=[
                Evidence(article=article, sentence="s", start=0, end=1, rule="r")])])

    for article, date in (("x", None), ("y", None), ("x", "2025"), ("y", "2025-01")):
        store.upsert(fragment(article, date))
    rows = store.cypher("MATCH (:Entity {id: 'a'})-[r:LEADS]->() RETURN r.date AS date, "
                        "r.articles AS articles, r.dates AS dates, r.date_start AS start "
                        "ORDER BY date")
    # the year report joins the one edge within its year (`geokg.graph.precision`), each
    # item keeping the date it reported (untitled articles without URL or file: their ids)
    assert [(r["date"], sorted(zip(r["articles"], r["dates"], strict=True)), r["start"])
            for r in sorted(rows, key=lambda r: r["date"] or "~")] == [
        ("2025-01", [("x", "2025"), ("y", "2025-01")], "2025-01-01"),
        (None, [("x", ""), ("y", "")], None)]


def test_entities_merge_aliases_and_keep_the_first_type_and_label(store):
    store.upsert(seed_like_fragment())
    other = Entity(id="gustavo-petro", name="Gustavo Francisco Petro", type="Country",
                   aliases=["Petro", "El Presidente"], roles=["Former M-19 member"])
    assert store.upsert(GraphFragment(entities=[other])).entities_added == 0
    petro = next(e for e in store.load().entities if e.id == "gustavo-petro")
    assert petro.name == "Gustavo Petro"
    assert petro.type == "Person"
    assert petro.aliases == ["Petro", "El Presidente", "Gustavo Francisco Petro"]
    assert petro.roles == ["President of Colombia", "Former M-19 member"]
    labels = store.cypher("MATCH (n:Entity {id: 'gustavo-petro'}) RETURN labels(n) AS labels")
    assert sorted(labels[0]["labels"]) == ["Entity", "Person"]


def _three_articles() -> GraphFragment:
    fragment = GraphFragment(entities=seed_like_fragment().entities)
    for n in (1, 2, 3):
        article = f"art-{n}"
        fragment.articles.append(Article(id=article, title=f"Article {n}", text=f"text {n}"))
        fragment.relations.append(Relation(
            source="us-treasury", type="SANCTIONED", target="gustavo-petro", date=f"2025-0{n}",
            evidence=[Evidence(article=article, sentence="s", start=0, end=1, rule="r")]))
    return fragment


def _fail_on_article(kind: str, monkeypatch: pytest.MonkeyPatch, article: str) -> None:
    """Make writing the relation of `article` raise inside the write transaction."""
    if kind == "embedded":
        real = embedded._upsert_relation

        def failing(cur: sqlite3.Cursor, relation: Relation) -> tuple[int, int]:
            result = real(cur, relation)  # the write happens, then the article fails
            if relation.evidence[0].article == article:
                raise RuntimeError("disk on fire")
            return result

        monkeypatch.setattr(embedded, "_upsert_relation", failing)
    else:
        real_props = neo4j_store.relation_props

        def failing_props(relation: Relation) -> dict:
            if relation.evidence and relation.evidence[0].article == article:
                raise RuntimeError("disk on fire")
            return real_props(relation)

        monkeypatch.setattr(neo4j_store, "relation_props", failing_props)


def test_articles_before_a_failing_one_are_stored_whole(store, store_options, monkeypatch):
    """The three articles go in one batch; when the second fails, the batch is rolled back
    and written again one article per transaction: the first is stored, the error raised."""
    with monkeypatch.context() as patch:
        _fail_on_article(store_options["kind"], patch, "art-2")
        with pytest.raises(RuntimeError):
            store.upsert(_three_articles())
    loaded = store.load()
    assert [a.id for a in loaded.articles] == ["art-1"]
    assert [r.date for r in loaded.relations] == ["2025-01"]
    assert store.cypher("MATCH (a:Article)-[:MENTIONS]->() RETURN DISTINCT a.id AS id") == [
        {"id": "art-1"}]
    report = store.upsert(_three_articles())
    assert (report.articles_added, report.articles_skipped) == (2, 1)
    assert sorted(r.date for r in store.load().relations) == ["2025-01", "2025-02", "2025-03"]


def test_unknown_types_and_entities_are_refused_before_any_write(store):
    hostile = seed_like_fragment()
    hostile.relations.append(Relation(source="donald-trump", target="colombia",
                                      type="SANCTIONED]->() DETACH DELETE n //"))
    with pytest.raises(StoreError, match="unknown relationship type .*set GEOKG_VOCABULARY?"):
        store.upsert(hostile)
    dangling = seed_like_fragment()
    dangling.relations.append(Relation(source="nobody", target="colombia", type="ACCUSED"))
    with pytest.raises(StoreError, match="unknown entity 'nobody'"):
        store.upsert(dangling)
    assert store.stats()["articles"] == store.stats()["entities"] == 0


def test_a_relation_to_an_already_stored_entity_is_accepted(store):
    store.upsert(seed_like_fragment())
    store.upsert(GraphFragment(relations=[
        Relation(source="venezuela", target="united-states", type="DENIED")]))
    assert store.stats()["by_relation_type"]["DENIED"] == 1


def test_hostile_names_are_values_not_code(store):
    hostile = "x'}) DETACH DELETE n //"
    store.upsert(GraphFragment(entities=[
        Entity(id=hostile, name=hostile, type="Person", aliases=['"}) SET n.x = 1 //']),
        Entity(id="b", name="B", type="Country")],
        relations=[Relation(source=hostile, target="b", type="ACCUSED")]))
    row = store.cypher("MATCH (n:Person)-[:ACCUSED]->(m) RETURN n.id AS id, n.aliases AS a, "
                       "m.id AS m")
    assert row == [{"id": hostile, "a": ['"}) SET n.x = 1 //'], "m": "b"}]
    assert store.stats()["entities"] == 2


def test_stats_count_by_type(store):
    assert store.stats() == {"articles": 0, "entities": 0, "relations": 0,
                             "by_entity_type": {}, "by_relation_type": {}}
    store.upsert(seed_like_fragment())
    stats = store.stats()
    assert (stats["articles"], stats["entities"], stats["relations"]) == (1, 9, 8)
    assert stats["by_entity_type"] == {"Country": 3, "CriminalGroup": 1,
                                       "GovernmentBody": 2, "Person": 3}
    assert stats["by_relation_type"] == {"ACCUSED": 2, "DESIGNATED": 1, "HALTED_AID": 1,
                                         "LEADS": 2, "REVOKED_VISA": 1, "SANCTIONED": 1}


def test_load_gives_back_what_was_stored_without_the_text(store):
    fragment = seed_like_fragment()
    store.upsert(fragment)
    loaded = store.load()
    assert _sorted(loaded) == _sorted(fragment)
    assert all(a.text == "" for a in loaded.articles)
    assert loaded.articles[0].published == dt.date(2025, 11, 27)
    assert [r.date for r in loaded.relations if r.type == "LEADS"] == [None, None]


def _writer(options: dict, worker: int, count: int) -> None:
    with open_store(**options) as store:
        for n in range(count):
            article = f"w{worker}-{n}"
            store.upsert(GraphFragment(
                articles=[Article(id=article, title=article, text="t")],
                entities=[Entity(id="us-treasury", name="US Treasury", type="GovernmentBody",
                                 aliases=[f"alias-{worker}"]),
                          Entity(id="gustavo-petro", name="Gustavo Petro", type="Person")],
                relations=[Relation(source="us-treasury", type="SANCTIONED",
                                    target="gustavo-petro", date="2025-10",
                                    evidence=[Evidence(article=article, sentence="s", start=n,
                                                       end=n + 1, rule=f"w{worker}")])]))


@pytest.mark.slow
def test_processes_writing_concurrently_lose_nothing(store, store_options):
    from tests import neo4j_support

    store.stats()  # the schema first
    neo4j_support.run_writers(_writer, [(store_options, w, 8) for w in range(4)], timeout=120)
    stats = store.stats()
    assert (stats["articles"], stats["entities"], stats["relations"]) == (32, 2, 1)
    assert len(store.load().relations[0].evidence) == 32
    treasury = next(e for e in store.load().entities if e.id == "us-treasury")
    assert sorted(treasury.aliases) == [f"alias-{w}" for w in range(4)]
    mentions = store.cypher("MATCH (a:Article)-[:MENTIONS]->(e) RETURN count(*) AS n")
    assert mentions == [{"n": 64}]
