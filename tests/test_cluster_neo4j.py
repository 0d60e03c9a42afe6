"""`geokg load DIR` into a real Neo4j gives the graph `ingest` gives the embedded store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.cluster.run import extract_to_parquet
from geokg.graph.embedded import EmbeddedStore
from geokg.pipeline import RunReport
from tests import neo4j_support

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def neo(drv):
    yield from neo4j_support.store_fixture(drv)


def _sorted(fragment):
    return (sorted(fragment.articles, key=lambda a: a.id),
            sorted(fragment.entities, key=lambda e: e.id),
            sorted(fragment.relations, key=lambda r: [str(v) for v in r.key]))


@pytest.mark.neo4j
@pytest.mark.slow  # an ingest, a Parquet extraction and two loads into Neo4j (20-60 s here)
def test_load_parquet_into_neo4j_equals_the_embedded_ingest(neo, drv, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted((ROOT / "geokg" / "examples").glob("*.txt")) + sorted(
            (ROOT / "tests" / "articles").glob("*.txt"))[:3]:
        shutil.copy(path, corpus / path.name)
    db, tables = tmp_path / "one.db", tmp_path / "tables"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--quiet", str(corpus)])
    assert result.exit_code == 0, result.output
    extract_to_parquet([str(corpus)], str(tables), RunReport(), partitions=3, shard_files=2)

    result = CliRunner(env=neo4j_support.env()).invoke(
        main, ["--store", "neo4j", "load", "--batch", "5", str(tables)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(db) as embedded:
        assert neo.stats() == embedded.stats()
        assert _sorted(neo.load()) == _sorted(embedded.load())
        mentions = len(embedded.mentions())
    assert mentions > 10
    assert neo4j_support.run(drv, "MATCH (:Article)-[m:MENTIONS]->(:Entity) "
                                  "RETURN count(m) AS n")[0]["n"] == mentions
    again = CliRunner(env=neo4j_support.env()).invoke(main, ["--store", "neo4j", "load",
                                                              str(tables)])
    assert "0 new article(s), 0 new entities, 0 new relation(s), 0 evidence added" in \
        again.output
