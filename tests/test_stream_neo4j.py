"""`geokg push` into a real Neo4j reads the embedded store in batches (`store_fragments`)
and writes it in bounded transactions, to the graph the whole-store push wrote."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import geokg.graph.neo4j_store as neo4j_store
import geokg.graph.streamed as streamed_module
from benchmarks import synthetic
from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.store import BATCH_RELATIONS
from geokg.pipeline import push
from tests import neo4j_support
from tests.fixtures_graph import second_article_fragment, seed_like_fragment

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("push") / "g.db"
    with EmbeddedStore(path) as store:
        store.upsert(seed_like_fragment())
        store.upsert(second_article_fragment())
        store.upsert_many(synthetic.fragments(4_000, seed=21, per_article=40))
    return path


@pytest.fixture
def target(drv):
    yield from neo4j_support.store_fixture(drv)


def test_push_writes_in_batches_what_the_whole_store_push_wrote(source, target, drv,
                                                                 monkeypatch):
    with EmbeddedStore(source, read_only=True) as embedded:
        old_report = target.upsert_many([embedded.load()], 100)  # the push of before
        before = target.load()
        neo4j_support.wipe(drv)

        real = neo4j_store._write
        transactions: list[int] = []

        def counted(tx, groups, dynamic):
            transactions.append(sum(len(g.relations) for g in groups))
            return real(tx, groups, dynamic)

        fetched: list[int] = []
        real_fragments = streamed_module.store_fragments
        monkeypatch.setattr(neo4j_store, "_write", counted)
        monkeypatch.setattr(streamed_module, "store_fragments",
                            lambda store: real_fragments(store, batch=500, fetched=fetched))
        report = push(embedded, target, batch=100)
        stored = embedded.stats()
    assert (report.articles_added, report.entities_added, report.relations_added,
            report.evidence_added) == (old_report.articles_added, old_report.entities_added,
                                       old_report.relations_added, old_report.evidence_added)
    assert report.relations_added == stored["relations"] > 3_000
    assert target.load() == before
    assert len(transactions) > 1 and max(transactions) <= BATCH_RELATIONS
    assert max(fetched) <= 500 and len(fetched) > 8


def test_the_push_command(source, target, drv):
    result = CliRunner().invoke(main, ["--db", str(source), "push", "--batch", "50"],
                                env=neo4j_support.env())
    assert result.exit_code == 0, result.output
    assert "new relation(s)" in result.output
    with EmbeddedStore(source, read_only=True) as embedded:
        assert target.stats()["relations"] == embedded.stats()["relations"]
