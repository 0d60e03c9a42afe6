"""The kglite graph persisted beside the embedded store (geokg.graph.graph_file): reused while
it matches the store, caught up from the change log, rebuilt when missing, stale beyond the
log or damaged; a writer killed between its SQLite commit and any graph update loses nothing;
readers beside a writer always see one committed state."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import geokg.graph.graph_file as graph_file
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from tests.fixtures_graph import (
    SECOND_ID,
    SEED_ID,
    second_article_fragment,
    seed_like_fragment,
    seed_like_store,
)

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = "MATCH (:Entity {id: 'us-treasury'})-[r:SANCTIONED]->() RETURN r.article_ids AS a"
EDGES = "MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n"


def _read(db: Path, query: str = EVIDENCE) -> tuple[list[dict], str]:
    """The rows of a query through a new reader (as a new process would), and how its graph
    came to be ("loaded", "caught up", "built")."""
    with EmbeddedStore(db, read_only=True) as store:
        rows = store.cypher(query)
        return rows, store._graph.how


def _files(db: Path) -> list[Path]:
    return sorted(graph_file.graph_dir(db).glob("*.kgl"))


def _truth(db: Path, query: str = EVIDENCE) -> list[dict]:
    """The same query on a graph built in memory from the store (the pre-file engine)."""
    from geokg.graph.cypher_engine import build_graph, run

    with EmbeddedStore(db, read_only=True) as store:
        return run(build_graph(store.load()), query)


@pytest.fixture
def db(tmp_path):
    return seed_like_store(tmp_path / "g.db")


def test_the_graph_is_saved_beside_the_store_and_loaded_by_the_next_reader(db):
    assert _read(db) == ([{"a": [SEED_ID]}], "built")
    (saved,) = _files(db)
    with EmbeddedStore(db, read_only=True) as store:
        store_id = store._conn.execute("SELECT value FROM meta WHERE key = 'store_id'"
                                       ).fetchone()[0]
        assert saved.name == f"{store_id}-g{graph_file.SHAPE}.{store.version()}.kgl"
    assert _read(db) == ([{"a": [SEED_ID]}], "loaded")
    for query in (EDGES, "MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id AS a, e.id AS e "
                         "ORDER BY a, e", "MATCH (n:Entity) RETURN n ORDER BY n.id"):
        assert _read(db, query)[0] == _truth(db, query)


def test_a_write_is_caught_up_from_the_change_log(db, saved_as):
    _read(db)
    with EmbeddedStore(db) as writer:
        writer.upsert(second_article_fragment())
    rows, how = _read(db)
    assert how == "caught up"
    assert sorted(rows[0]["a"]) == sorted([SEED_ID, SECOND_ID])
    for query in (EDGES, EVIDENCE, "MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id AS a, "
                                   "e.id AS e ORDER BY a, e",
                  "MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS type, t.id AS t, "
                  "r.date AS date, r.evidence AS evidence, r.articles AS articles "
                  "ORDER BY s, type, t, date"):
        assert _read(db, query)[0] == _truth(db, query)


def test_a_large_delta_is_saved_for_the_next_reader(db, saved_as, monkeypatch):
    _read(db)
    with EmbeddedStore(db) as writer:
        writer.upsert(second_article_fragment())
    monkeypatch.setattr(graph_file, "SAVE_AFTER", 0)
    assert _read(db)[1] == "caught up"
    assert _read(db)[1] == "loaded"
    # the older directory stays a while (a reader may be reading it), then goes
    assert [p.name.split(".")[1] for p in _files(db)] == ["2", "3"]


def test_a_file_that_grows_past_the_disk_limit_is_saved_as_a_directory(db, monkeypatch):
    _read(db)
    (small,) = _files(db)
    assert small.is_file()
    with EmbeddedStore(db) as writer:
        writer.upsert(second_article_fragment())
    monkeypatch.setattr(graph_file, "SAVE_AFTER", 0)
    monkeypatch.setattr(graph_file, "DISK_FROM_EDGES", 1)
    assert _read(db)[1] == "caught up"
    assert _files(db)[-1].is_dir()
    assert _read(db) == ([{"a": [SEED_ID, SECOND_ID]}], "loaded")


def test_merged_dates_and_updated_entities_are_caught_up(db):
    """A coarser report regroups edges (one is deleted, evidence moves) and an entity gains
    an alias: the caught-up graph equals a fresh build."""
    _read(db)
    text = "Treasury sanctions on Petro were announced. Petro, also called G.P., replied."
    article = Article(id="third", title="t", published=dt.date(2025, 12, 1), text=text)
    fragment = GraphFragment(
        articles=[article],
        entities=[Entity(id="gustavo-petro", name="Gustavo Petro", type="Person",
                         aliases=["G.P."]),
                  Entity(id="us-treasury", name="United States Department of the Treasury",
                         type="GovernmentBody")],
        relations=[Relation(source="us-treasury", target="gustavo-petro", type="SANCTIONED",
                            category="SANCTION", date="2025-10-24",
                            evidence=[Evidence(article="third", sentence=text[:42], start=0,
                                               end=42, rule="verb:sanction")])])
    with EmbeddedStore(db) as writer:
        writer.upsert(fragment)
    query = ("MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS s, type(r) AS type, t.id AS t, "
             "r.date AS date, r.evidence AS evidence ORDER BY s, type, t, date")
    rows, how = _read(db, query)
    assert how == "caught up"
    assert rows == _truth(db, query)
    aliases = "MATCH (n:Entity {id: 'gustavo-petro'}) RETURN n.aliases AS a"
    assert _read(db, aliases)[0] == [{"a": ["Petro", "G.P."]}]


def test_a_stale_file_beyond_the_log_is_rebuilt(db, saved_as):
    _read(db)
    (old,) = _files(db)
    stale = db.parent / "stale-copy"
    (shutil.copytree if old.is_dir() else shutil.copy)(old, stale)
    with EmbeddedStore(db) as writer:
        writer.upsert(second_article_fragment())
    assert _read(db)[1] == "caught up"
    graph_file.SAVE_AFTER, saved = 0, graph_file.SAVE_AFTER
    try:
        _read(db)  # saves the file at the new version
    finally:
        graph_file.SAVE_AFTER = saved
    with EmbeddedStore(db):  # a writer's open drops the log the newest file holds
        pass
    for path in _files(db):
        graph_file._remove(path)
    (shutil.copytree if stale.is_dir() else shutil.copy)(stale, old)  # older than the log
    rows, how = _read(db)
    assert how == "built"
    assert sorted(rows[0]["a"]) == sorted([SEED_ID, SECOND_ID])


def _damage(path: Path, how: str) -> None:
    """Damage a saved graph (file or directory): garbage in its files, files cut short, or
    nothing."""
    if path.is_file():
        data = path.read_bytes()
        path.write_bytes({"garbage": b"\x00not a graph" * 100,
                          "truncated": data[: len(data) // 2], "empty": b""}[how])
        return
    files = sorted((p for p in path.rglob("*") if p.is_file()), key=lambda p: -p.stat().st_size)
    if how == "empty":
        shutil.rmtree(path)
        path.mkdir()
    for file in files if how == "garbage" else files[:3] if how == "truncated" else []:
        data = file.read_bytes()
        file.write_bytes(b"\x00not a graph" * 10 if how == "garbage" else data[: len(data) // 2])


@pytest.fixture(params=["file", "disk"])
def saved_as(request, monkeypatch):
    """Graphs saved as .kgl files (small stores) or as disk-mode directories (large)."""
    if request.param == "disk":
        monkeypatch.setattr(graph_file, "DISK_FROM_EDGES", 0)
    return request.param


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_file_is_rebuilt(db, damage, saved_as):
    _read(db)
    (path,) = _files(db)
    _damage(path, damage)
    rows, how = _read(db)
    assert (rows, how) == ([{"a": [SEED_ID]}], "built")
    assert _read(db) == ([{"a": [SEED_ID]}], "loaded")


def test_a_file_of_another_store_is_never_used(db, tmp_path):
    _read(db)
    (path,) = _files(db)
    other = tmp_path / "other.db"
    with EmbeddedStore(other) as store:  # a new store: counter 2 as well, another id
        store.upsert(second_article_fragment())
    folder = graph_file.graph_dir(other)
    folder.mkdir()
    with EmbeddedStore(other, read_only=True) as store:
        version = store.version()
    shutil.copy(path, folder / f"{path.name.split('.')[0]}.{version}.kgl")
    rows, how = _read(other)
    assert how == "built" and rows == [{"a": [SECOND_ID]}]


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                          capture_output=True, text=True, timeout=300)


def test_a_writer_killed_after_its_commit_loses_nothing(db):
    """The writer dies (os._exit, as a kill) right after its SQLite commit, before anything
    could update the graph; the next query answers from the store."""
    _read(db)
    done = _python(f"""
        from geokg.graph.embedded import EmbeddedStore
        from tests.fixtures_graph import second_article_fragment
        store = EmbeddedStore({str(db)!r})
        store.upsert(second_article_fragment())
        print("not reached")
        """, GEOKG_TEST_CRASH_AT="after-commit")
    assert done.returncode == 77, done.stderr
    assert "not reached" not in done.stdout
    rows, how = _read(db)
    assert how == "caught up"
    assert sorted(rows[0]["a"]) == sorted([SEED_ID, SECOND_ID])


def test_a_reader_killed_while_building_leaves_no_file(db):
    done = _python(f"""
        from geokg.graph.embedded import EmbeddedStore
        EmbeddedStore({str(db)!r}, read_only=True).cypher("RETURN 1 AS x")
        """, GEOKG_TEST_CRASH_AT="before-graph-save")
    assert done.returncode == 77, done.stderr
    assert _files(db) == []
    assert _read(db) == ([{"a": [SEED_ID]}], "built")


def _one_relation(n: int) -> GraphFragment:
    article = Article(id=f"a{n:04d}", title=f"a{n}", published=dt.date(2025, 1, 1),
                      text=f"X{n} criticized Y.")
    return GraphFragment(
        articles=[article],
        entities=[Entity(id=f"x{n}", name=f"X{n}", type="Person"),
                  Entity(id="colombia", name="Colombia", type="Country")],
        relations=[Relation(source=f"x{n}", target="colombia", type="CRITICIZED",
                            category="ACCUSE", date="2025-01-01",
                            evidence=[Evidence(article=article.id, sentence=article.text,
                                               start=0, end=len(article.text),
                                               rule="verb:criticize")])])


def test_readers_beside_a_writer_see_committed_states_only(db, saved_as):
    """A writer process adds one relation per transaction while readers open the store
    afresh and count the relations: each count equals what the store held at the counter
    the reader's graph says it is at, and the last read sees everything."""
    _read(db)
    with EmbeddedStore(db, read_only=True) as store:
        base_version, base_edges = store.version(), store.stats()["relations"]
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            from geokg.graph.embedded import EmbeddedStore
            from tests.test_graph_file import _one_relation
            with EmbeddedStore({str(db)!r}) as store:
                for n in range(60):
                    store.upsert(_one_relation(n))
            """)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE,
        text=True)
    seen = set()
    try:
        while writer.poll() is None or not seen:
            with EmbeddedStore(db, read_only=True) as store:
                rows = store.cypher(EDGES)
                version = store._graph.version
            assert rows[0]["n"] == base_edges + (version - base_version), (version, rows)
            seen.add(version)
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0, writer.stderr.read()
    assert _read(db, EDGES)[0] == [{"n": base_edges + 60}]
    assert _read(db, EDGES)[0] == _truth(db, EDGES)


def test_a_store_without_a_change_log_read_only_builds_in_memory(db):
    """A store written before the change log, opened read-only (nothing may be written to
    it), answers from a graph built in memory; the first writable open adds the log."""
    import sqlite3

    conn = sqlite3.connect(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE changelog")
    conn.execute("DELETE FROM meta WHERE key IN ('store_id', 'changelog_from')")
    conn.commit()
    conn.close()
    with EmbeddedStore(db, read_only=True) as store:
        assert store.cypher(EVIDENCE) == [{"a": [SEED_ID]}]
        assert store._engine.builds == 1
    assert _files(db) == []
    with EmbeddedStore(db) as writer:
        writer.upsert(second_article_fragment())
    rows, how = _read(db)
    assert how == "built" and sorted(rows[0]["a"]) == sorted([SEED_ID, SECOND_ID])


def test_a_store_in_memory_keeps_no_graph_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with EmbeddedStore(":memory:") as store:
        store.upsert(seed_like_fragment())
        assert store.cypher(EVIDENCE) == [{"a": [SEED_ID]}]
    assert list(tmp_path.iterdir()) == []


def test_a_graph_file_of_another_shape_is_rebuilt_not_trusted(db):
    _read(db)
    (saved,) = _files(db)
    store_id, version = saved.name.split(".")[0].split("-g")[0], saved.name.split(".")[1]
    older = saved.with_name(f"{store_id}-g{graph_file.SHAPE - 1}.{version}.kgl")
    saved.rename(older)  # as a geokg that shaped the graph otherwise left it
    assert _read(db) == ([{"a": [SEED_ID]}], "built")
    assert [p.name for p in _files(db)] == [saved.name]  # the other shape's file is gone
