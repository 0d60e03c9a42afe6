"""A live graph (`PersistedGraph(live=True)`, what `geokg serve` keeps): loaded once, then
each write by another connection is applied to it in memory from the change log, without
touching the published files; when a writer has pruned the log past it, it starts again from
the newest file. Its answers are always those of a graph built from the store."""

from __future__ import annotations

from pathlib import Path

import pytest

import geokg.graph.graph_file as graph_file
from geokg.graph.embedded import EmbeddedStore
from tests.fixtures_graph import SECOND_ID, SEED_ID, second_article_fragment, seed_like_store
from tests.test_graph_file import EDGES, EVIDENCE, _files, _read, _truth

QUERIES = (EDGES, EVIDENCE,
           "MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id AS a, e.id AS e ORDER BY a, e",
           "MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS type, t.id AS t, r.date AS date, "
           "r.sentences AS sentences, r.articles AS articles ORDER BY s, type, t, date")


@pytest.fixture(params=["file", "disk"])
def db(request, tmp_path, monkeypatch) -> Path:
    """A store whose graph is saved as a .kgl file (small stores) or a disk-mode directory."""
    if request.param == "disk":
        monkeypatch.setattr(graph_file, "DISK_FROM_EDGES", 0)
    path = seed_like_store(tmp_path / "g.db")
    _read(path)  # the graph file
    return path


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Each published file's (size, mtime) (a directory's files, one by one)."""
    found = {}
    for path in paths:
        for part in ([path] if path.is_file() else sorted(p for p in path.rglob("*")
                                                          if p.is_file())):
            stat = part.stat()
            found[str(part)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_a_live_graph_follows_writes_in_memory(db):
    published = _snapshot(_files(db))
    with EmbeddedStore(db, read_only=True, live_graph=True) as live:
        assert live.cypher(EVIDENCE) == [{"a": [SEED_ID]}]
        assert live._graph.how == "loaded"
        source = live._graph._source
        with EmbeddedStore(db) as writer:
            writer.upsert(second_article_fragment())
        rows = live.cypher(EVIDENCE)
        assert live._graph.how == "caught up"
        assert live._graph._source is source  # the same graph, not loaded again
        assert sorted(rows[0]["a"]) == sorted([SEED_ID, SECOND_ID])
        for query in QUERIES:
            assert live.cypher(query) == _truth(db, query)
    assert _snapshot(_files(db)) == published  # caught up in memory, nothing written
    assert _read(db)[1] == "caught up"  # a new reader still starts from the file


def test_a_live_graph_starts_again_from_the_newest_file_when_the_log_is_pruned(db,
                                                                            monkeypatch):
    with EmbeddedStore(db, read_only=True, live_graph=True) as live:
        live.cypher(EDGES)
        at, source = live._graph.version, live._graph._source
        with EmbeddedStore(db) as writer:
            writer.upsert(second_article_fragment())
        monkeypatch.setattr(graph_file, "SAVE_AFTER", 0)
        assert _read(db)[1] == "caught up"  # another reader saves the file for at + 1
        with EmbeddedStore(db) as writer:  # a writer's open prunes the log up to it
            first = writer._conn.execute(
                "SELECT value FROM meta WHERE key = 'changelog_from'").fetchone()[0]
            assert int(first) > at + 1  # the log no longer reaches the live graph's version
            writer.upsert(second_article_fragment())  # nothing new: the counter stays
        for query in QUERIES:
            assert live.cypher(query) == _truth(db, query)
        assert live._graph.how == "loaded"
        assert live._graph.version == at + 1
        assert live._graph._source is not source
