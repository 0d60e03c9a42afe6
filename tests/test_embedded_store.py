"""The embedded SQLite store: idempotent upserts, evidence merging, transactions, processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3

import pytest

import geokg.graph.embedded as embedded
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.store import GraphStore, StoreError, open_store
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_fragment


def _evidence_counts(store: EmbeddedStore) -> dict[tuple, int]:
    return {r.key: len(r.evidence) for r in store.load().relations}


def _sanction(fragment: GraphFragment) -> Relation:
    return next(r for r in fragment.relations if r.type == "SANCTIONED")


def test_open_store_gives_an_embedded_graph_store(tmp_path):
    store = open_store("embedded", db=str(tmp_path / "g.db"))
    assert isinstance(store, EmbeddedStore)
    assert isinstance(store, GraphStore)
    store.close()


def test_first_upsert_reports_what_it_added(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        report = store.upsert(seed_like_fragment())
        assert (report.articles_added, report.entities_added, report.relations_added,
                report.evidence_added) == (1, 9, 8, 8)


def test_reupsert_is_idempotent(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        stats, evidence, version = store.stats(), _evidence_counts(store), store.version()
        report = store.upsert(seed_like_fragment())
        assert report.articles_skipped == 1
        assert (report.articles_added, report.entities_added, report.relations_added,
                report.evidence_added) == (0, 0, 0, 0)
        assert store.stats() == stats
        assert _evidence_counts(store) == evidence
        assert store.version() == version  # nothing changed, so the Cypher cache stays valid


def test_second_article_adds_evidence_to_the_same_edge(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        version = store.version()
        report = store.upsert(second_article_fragment())
        assert (report.articles_added, report.relations_added, report.evidence_added) == (1, 0, 1)
        assert store.stats()["relations"] == 8
        sanction = _sanction(store.load())
        assert sorted(e.article for e in sanction.evidence) == [SECOND_ID, SEED_ID]
        assert store.version() > version
        assert (SECOND_ID, "us-treasury") in store.mentions()
        # re-ingesting the second article changes nothing either
        assert store.upsert(second_article_fragment()).evidence_added == 0
        assert len(_sanction(store.load()).evidence) == 2


def test_entities_merge_aliases_and_keep_the_first_type(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        other = Entity(id="gustavo-petro", name="Gustavo Francisco Petro", type="Country",
                       aliases=["Petro", "El Presidente"], roles=["Former M-19 member"])
        store.upsert(GraphFragment(entities=[other]))
        petro = next(e for e in store.load().entities if e.id == "gustavo-petro")
        assert petro.name == "Gustavo Petro"
        assert petro.type == "Person"
        assert petro.aliases == ["Petro", "El Presidente", "Gustavo Francisco Petro"]
        assert petro.roles == ["President of Colombia", "Former M-19 member"]


def _three_articles() -> GraphFragment:
    fragment = GraphFragment(entities=seed_like_fragment().entities)
    for n in (1, 2, 3):
        article = f"art-{n}"
        fragment.articles.append(Article(id=article, title=f"Article {n}", text=f"text {n}"))
        fragment.relations.append(Relation(
            source="us-treasury", type="SANCTIONED", target="gustavo-petro", date=f"2025-0{n}",
            evidence=[Evidence(article=article, sentence="s", start=0, end=1, rule="r")]))
    return fragment


def test_one_transaction_per_article(tmp_path, monkeypatch):
    real = embedded._upsert_relation

    def failing(cur: sqlite3.Cursor, relation: Relation) -> tuple[int, int]:
        result = real(cur, relation)  # the write happens, then the article fails
        if relation.evidence[0].article == "art-2":
            raise RuntimeError("disk on fire")
        return result

    with EmbeddedStore(tmp_path / "g.db") as store:
        monkeypatch.setattr(embedded, "_upsert_relation", failing)
        with pytest.raises(RuntimeError):
            store.upsert(_three_articles())
        loaded = store.load()
        assert [a.id for a in loaded.articles] == ["art-1"]
        assert [r.date for r in loaded.relations] == ["2025-01"]
        assert {a for a, _ in store.mentions()} == {"art-1"}
        monkeypatch.setattr(embedded, "_upsert_relation", real)
        report = store.upsert(_three_articles())
        assert (report.articles_added, report.articles_skipped) == (2, 1)
        assert sorted(r.date for r in store.load().relations) == ["2025-01", "2025-02", "2025-03"]


def test_an_edge_with_evidence_from_two_articles_of_one_fragment(tmp_path):
    fragment = seed_like_fragment()
    fragment.merge(second_article_fragment())
    assert len(_sanction(fragment).evidence) == 2
    with EmbeddedStore(tmp_path / "g.db") as store:
        report = store.upsert(fragment)
        assert (report.articles_added, report.relations_added, report.evidence_added) == (2, 8, 9)
        assert len(_sanction(store.load()).evidence) == 2
        assert {(SEED_ID, "us-treasury"), (SECOND_ID, "us-treasury")} <= set(store.mentions())


def _writer(path: str, worker: int, count: int) -> None:
    store = EmbeddedStore(path)
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
    store.close()


def test_processes_writing_concurrently_lose_nothing(tmp_path):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    path = str(tmp_path / "g.db")
    EmbeddedStore(path).close()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_writer, args=(path, w, 15)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    with EmbeddedStore(path) as store:
        stats = store.stats()
        assert (stats["articles"], stats["entities"], stats["relations"]) == (60, 2, 1)
        assert len(store.load().relations[0].evidence) == 60
        treasury = next(e for e in store.load().entities if e.id == "us-treasury")
        assert sorted(treasury.aliases) == [f"alias-{w}" for w in range(4)]
        assert len(store.mentions()) == 120


def test_stats_shape(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        assert store.stats() == {"articles": 0, "entities": 0, "relations": 0,
                                 "by_entity_type": {}, "by_relation_type": {}}
        store.upsert(seed_like_fragment())
        stats = store.stats()
        assert (stats["articles"], stats["entities"], stats["relations"]) == (1, 9, 8)
        assert stats["by_entity_type"] == {"Country": 3, "CriminalGroup": 1,
                                           "GovernmentBody": 2, "Person": 3}
        assert stats["by_relation_type"] == {"ACCUSED": 2, "DESIGNATED": 1, "HALTED_AID": 1,
                                             "LEADS": 2, "REVOKED_VISA": 1, "SANCTIONED": 1}


def test_load_round_trip(tmp_path):
    fragment = seed_like_fragment()
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(fragment)
        loaded = store.load()
    expected = fragment.public()
    assert loaded.public() == expected
    assert all(a.text == "" for a in loaded.articles)
    assert loaded.articles[0].published == dt.date(2025, 11, 27)
    leads = [r for r in loaded.relations if r.type == "LEADS"]
    assert [r.date for r in leads] == [None, None]


def test_article_text(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        assert store.article_text(SEED_ID).startswith("In October, the US Treasury")
        assert store.article_text("nope") is None


def test_store_persists_across_opens(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
    with EmbeddedStore(tmp_path / "g.db") as store:
        assert store.stats()["relations"] == 8
    with sqlite3.connect(tmp_path / "g.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unknown_relation_type_is_refused_before_writing(tmp_path):
    fragment = seed_like_fragment()
    fragment.relations.append(Relation(source="donald-trump", target="colombia",
                                       type="SANCTIONED]->() DETACH DELETE n //"))
    with EmbeddedStore(tmp_path / "g.db") as store:
        with pytest.raises(StoreError, match="unknown relationship type"):
            store.upsert(fragment)
        assert store.stats()["articles"] == 0


def test_dangling_entity_is_refused_before_writing(tmp_path):
    fragment = seed_like_fragment()
    fragment.relations.append(Relation(source="nobody", target="colombia", type="ACCUSED"))
    with EmbeddedStore(tmp_path / "g.db") as store:
        with pytest.raises(StoreError, match="unknown entity 'nobody'"):
            store.upsert(fragment)
        assert store.stats()["entities"] == 0


def test_relation_to_an_already_stored_entity_is_accepted(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        store.upsert(GraphFragment(relations=[
            Relation(source="venezuela", target="united-states", type="DENIED")]))
        assert store.stats()["by_relation_type"]["DENIED"] == 1


def test_a_file_that_is_not_sqlite_raises_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError) as info:
        EmbeddedStore(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_another_programs_sqlite_file_raises_store_error(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError, match="not a geokg store"):
        EmbeddedStore(path)


def test_an_unopenable_path_raises_store_error(tmp_path):
    path = tmp_path / "missing-dir" / "g.db"
    with pytest.raises(StoreError) as info:
        EmbeddedStore(path)
    assert str(path) in str(info.value)
