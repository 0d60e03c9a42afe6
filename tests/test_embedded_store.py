"""The embedded SQLite store beyond the shared contract (tests/test_store_contract.py): its
change counter, article texts, persistence, and files that are not a geokg store."""

from __future__ import annotations

import sqlite3

import pytest

from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import StoreError
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_fragment


def test_the_change_counter_moves_only_when_something_changed(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(seed_like_fragment())
        version = store.version()
        store.upsert(seed_like_fragment())
        assert store.version() == version  # nothing changed, so the Cypher cache stays valid
        store.upsert(second_article_fragment())
        assert store.version() > version
        assert {(SEED_ID, "us-treasury"), (SECOND_ID, "us-treasury")} <= set(store.mentions())


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
