"""One event at any precision: coarser and finer reports of one act make one edge, on both
stores, in any ingest order."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.precision import event_dates, regroup
from tests.research_support import DEMO, KINDS, SEED, extracted, open_kind


@pytest.fixture(params=KINDS)
def store(request, tmp_path):
    yield from open_kind(request.param, request, tmp_path)


def _sanctions(store) -> list[Relation]:
    return [r for r in store.load().relations
            if (r.source, r.type, r.target) == ("us-treasury", "SANCTIONED", "gustavo-petro")]


@pytest.mark.parametrize("first, second", [(SEED, DEMO), (DEMO, SEED)],
                         ids=["seed-first", "demo-first"])
def test_the_seed_and_the_demo_article_give_one_sanction_edge(store, first, second):
    for path in (first, second):
        store.upsert(extracted(path))
    [edge] = _sanctions(store)
    seed_id, demo_id = extracted(SEED).articles[0].id, extracted(DEMO).articles[0].id
    assert edge.date == "2025-10-24"
    # each item keeps its reported date; the edge's own date is left out (`normalized`)
    assert sorted((e.article, e.date) for e in edge.evidence) == sorted(
        [(seed_id, "2025-10"), (demo_id, None)])
    relations = store.stats()["relations"]
    again = store.upsert(extracted(first))  # re-ingesting changes nothing
    assert (again.articles_skipped, again.relations_added, again.evidence_added) == (1, 0, 0)
    assert store.stats()["relations"] == relations == 21


def _report(article: str, date: str | None) -> GraphFragment:
    text = f"Alpha sanctioned Beta ({date})."
    return GraphFragment(
        articles=[Article(id=article, published=dt.date(2025, 12, 1), text=text)],
        entities=[Entity(id="alpha", name="Alpha", type="Country"),
                  Entity(id="beta", name="Beta", type="Country")],
        relations=[Relation(source="alpha", type="SANCTIONED", target="beta", date=date,
                            category="SANCTION",
                            evidence=[Evidence(article=article, sentence=text, start=0,
                                               end=len(text), rule="test")])])


REPORTS = [("a", "2025-10"), ("b", "2025-10-24"), ("c", "2025-10-25"), ("d", "2025"),
           ("e", None)]


def _edges(store) -> list[tuple]:
    return sorted((r.date or "", sorted(e.article for e in r.evidence))
                  for r in store.load().relations)


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (2, 1, 0, 3, 4), (3, 0, 1, 4, 2),
                                   (1, 2, 4, 3, 0)])
def test_any_order_gives_the_same_edges(store, order):
    """Two days in October: the month report and the year report stay apart; without the
    second day, both join the first (checked after each report)."""
    seen: list[tuple[str, str | None]] = []
    for index in order:
        store.upsert(_report(*REPORTS[index]))
        seen.append(REPORTS[index])
        expected = sorted((r.date or "", sorted(e.article for e in r.evidence))
                          for r in regroup([_report(a, d).relations[0] for a, d in seen]))
        assert _edges(store) == expected
    assert _edges(store) == [("", ["e"]), ("2025", ["d"]), ("2025-10", ["a"]),
                             ("2025-10-24", ["b"]), ("2025-10-25", ["c"])]


def test_a_coarse_report_joins_a_single_finer_edge_and_splits_off_again(store):
    store.upsert(_report("b", "2025-10-24"))
    store.upsert(_report("d", "2025"))
    store.upsert(_report("a", "2025-10"))
    assert _edges(store) == [("2025-10-24", ["a", "b", "d"])]
    store.upsert(_report("f", "2025-03-02"))  # a second event that year: the year report splits
    assert _edges(store) == [("2025", ["d"]), ("2025-03-02", ["f"]),
                             ("2025-10-24", ["a", "b"])]


def test_event_dates_every_order():
    dates = ["2025-10", "2025-10-24", "2025", None]
    for order in itertools.permutations(dates):
        assert event_dates(order) == {"2025": "2025-10-24", "2025-10": "2025-10-24",
                                      "2025-10-24": "2025-10-24", None: None}
    assert event_dates(["2025-10", "2025-11-02"]) == {"2025-10": "2025-10",
                                                       "2025-11-02": "2025-11-02"}


def test_a_version_2_file_gets_reported_dates(tmp_path):
    """Schema 2 had no evidence dates: migrating gives each item its edge's date."""
    import sqlite3

    from geokg.graph.embedded import EmbeddedStore

    path = tmp_path / "v2.db"
    with EmbeddedStore(path) as store:
        store.upsert(_report("b", "2025-10-24"))
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE evidence DROP COLUMN date")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    with EmbeddedStore(path) as store:
        store.upsert(_report("a", "2025-10"))
        assert _edges(store) == [("2025-10-24", ["a", "b"])]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT article, date FROM evidence ORDER BY article").fetchall() \
            == [("a", "2025-10"), ("b", "2025-10-24")]
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() \
            == ("3",)
    conn.close()
