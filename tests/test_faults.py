"""Faults on the embedded store: a killed ingest leaves whole articles only and a rerun
completes it; two ingests at once lose no write; an article the extractor fails on costs
only that article.

The Neo4j faults (server stopped mid-ingest, wrong password, wrong or unreachable URI) are in
tests/test_neo4j_faults.py and tests/test_neo4j_store.py; the password checks for the
CLI's output and logs are in tests/test_security.py.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.extract.engines import build_extractor
from geokg.extract.extractor import Extractor
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import GraphFragment
from geokg.pipeline import RunReport, extract_documents, extract_paths, read_documents

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "The US Treasury sanctioned Gustavo Petro on Friday.",
    "Venezuela expelled diplomats from Chile.",
    "Colombia recalled its ambassador from Venezuela.",
    "Russia attacked Ukraine on Tuesday.",
    "Ukraine accused Russia of war crimes.",
    "China criticized the United States.",
    "Donald Trump threatened Venezuela.",
    "The European Union praised Egypt.",
    "Nicolás Maduro met with Gustavo Petro in Caracas.",
    "France withdrew its ambassador from Niger.",
    "Israel and Hamas agreed to a ceasefire on Wednesday.",
    "Egypt urged Israel to halt the offensive.",
]
ARTICLES = 200


def write_articles(folder: Path, count: int = ARTICLES) -> list[Path]:
    """`count` small articles, each with its own URL (so its own id); the same edges recur
    across articles with the same date, so evidence accumulates on shared edges."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        day = dt.date(2025, 10, 1) + dt.timedelta(days=n % 7)
        picks = dict.fromkeys([n % 12, (n * 5 + 3) % 12, (n * 7 + 1) % 12])
        body = " ".join(SENTENCES[i] for i in picks)
        path = folder / f"a{n:03d}.txt"
        path.write_text(f"---\ntitle: Article {n}\nurl: https://example.org/fault/{n}\n"
                        f"date: {day}\n---\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _items(fragment: GraphFragment, article_id: str) -> set[tuple]:
    """The (source, type, target, date, evidence) items of one article in a fragment."""
    return {(r.source, r.type, r.target, r.date, e.model_dump_json())
            for r in fragment.relations for e in r.evidence if e.article == article_id}


def _ends(fragment: GraphFragment, article_id: str) -> set[str]:
    return {end for r in fragment.relations if any(e.article == article_id for e in r.evidence)
            for end in (r.source, r.target)}


def _expected_all(paths: list[Path]) -> dict[str, GraphFragment]:
    """Per source file name: the fragment of its article alone (one shared extractor)."""
    report = RunReport()
    fragments = extract_documents(read_documents(paths, report), report, build_extractor())
    result = {f.articles[0].source: f for f in fragments}
    assert not report.errors and len(result) == len(paths)
    return result


def _assert_whole_articles(db: Path, expected: dict[str, GraphFragment]) -> set[str]:
    """Every stored article has exactly the edges and evidence its own extraction yields,
    and its MENTIONS; no evidence cites an article that is not stored. Returns the sources."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with EmbeddedStore(db) as store:
        stored = store.load()
        mentions = store.mentions()
    ids = {a.id: a.source for a in stored.articles}
    cited = {e.article for r in stored.relations for e in r.evidence}
    assert cited <= set(ids), "evidence cites an article that was not stored"
    assert all(r.evidence for r in stored.relations), "an edge without evidence"
    entity_ids = {e.id for e in stored.entities}
    assert {end for r in stored.relations for end in (r.source, r.target)} <= entity_ids
    for article_id, source in ids.items():
        fragment = expected[source]
        assert fragment.articles[0].id == article_id
        assert _items(stored, article_id) == _items(fragment, article_id), source
        assert {e for a, e in mentions if a == article_id} == _ends(fragment, article_id)
    return set(ids.values())


def _count_articles(db: Path) -> int:
    """The number of committed articles, read without writing to the store."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # schema not created yet, or the file is still empty
        return 0


def wait_for_articles(process: subprocess.Popen, db: Path, count: int,
                      seconds: float = 240) -> None:
    """Wait until the running ingest has committed `count` articles; it must still run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if _count_articles(db) >= count:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the ingest ended before it could be stopped: " + (
        process.stderr.read().decode() if process.stderr else "")


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "geokg.cli", "--db", str(db), *args]


@pytest.mark.slow
def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes_it(tmp_path):
    paths = write_articles(tmp_path / "articles")
    by_name = {p.name: p for p in paths}
    db = tmp_path / "g.db"
    process = subprocess.Popen(_cli(db, "ingest", "--quiet", str(tmp_path / "articles")),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        wait_for_articles(process, db, 25)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    # whole articles only: each stored one compared with extract_paths on its file alone
    with EmbeddedStore(db) as store:
        sources = [a.source for a in store.load().articles]
    assert 25 <= len(sources) < ARTICLES, len(sources)
    expected = {name: extract_paths([by_name[name]]) for name in sources}
    assert _assert_whole_articles(db, expected) == set(sources)
    print(f"killed after {len(sources)} of {ARTICLES} articles")

    done = subprocess.run(_cli(db, "ingest", "--quiet", str(tmp_path / "articles")),
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{ARTICLES} article(s) read, {ARTICLES - len(sources)} new" in done.stderr
    assert _assert_whole_articles(db, _expected_all(paths)) == set(by_name)


def _dump(db: Path) -> dict:
    """What a store holds, independent of the order the writes came in."""
    with EmbeddedStore(db) as store:
        fragment = store.load()
        return {
            "stats": store.stats(),
            "articles": sorted((a.id, a.title, a.url, str(a.published), a.source)
                               for a in fragment.articles),
            "texts": sorted(store.article_text(a.id) or "" for a in fragment.articles),
            "entities": sorted((e.id, e.name, e.type.value, tuple(sorted(e.aliases)),
                                e.country, tuple(sorted(e.roles))) for e in fragment.entities),
            "relations": sorted((r.source, r.type, r.target, r.date or "",
                                 tuple(sorted(e.model_dump_json() for e in r.evidence)))
                                for r in fragment.relations),
            "mentions": sorted(store.mentions()),
        }


@pytest.mark.slow
def test_two_ingests_at_once_lose_no_write(tmp_path):
    paths = write_articles(tmp_path / "articles", 60)
    first, second = paths[:40], paths[20:]  # 20 files in both, 20 in each alone
    db = tmp_path / "shared.db"
    processes = [subprocess.Popen(_cli(db, "ingest", "--quiet", *map(str, part)),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  cwd=tmp_path) for part in (first, second)]
    try:
        results = [p.communicate(timeout=600) for p in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr
    single = tmp_path / "single.db"
    done = subprocess.run(_cli(single, "ingest", "--quiet", *map(str, paths)),
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    concurrent, sequential = _dump(db), _dump(single)
    assert concurrent["stats"]["articles"] == 60
    assert concurrent == sequential
    _assert_whole_articles(db, _expected_all(paths))


def test_an_article_the_extractor_fails_on_costs_only_that_article(tmp_path, monkeypatch):
    paths = write_articles(tmp_path / "articles", 5)
    paths[2].write_text(paths[2].read_text(encoding="utf-8") + "BOOM.\n", encoding="utf-8")
    real = Extractor.extract

    def extract(self, article):
        if "BOOM" in article.text:
            raise IndexError("list index out of range")
        return real(self, article)

    monkeypatch.setattr(Extractor, "extract", extract)
    monkeypatch.setenv("GEOKG_ENGINE", "rules")  # the engine whose extract fails here
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--quiet",
                                       str(tmp_path / "articles")], catch_exceptions=False)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith("error: a002.txt: cannot extract article ")
    assert errors[0].endswith("(IndexError: list index out of range)")
    with EmbeddedStore(db) as store:
        assert sorted(a.source for a in store.load().articles) == [
            "a000.txt", "a001.txt", "a003.txt", "a004.txt"]
    debug = CliRunner().invoke(main, ["--db", str(db), "--debug", "ingest", "--quiet",
                                      str(paths[2])])
    assert debug.exit_code == 1 and isinstance(debug.exception, IndexError)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.slow
def test_a_store_killed_mid_transaction_is_rolled_back_on_next_open(tmp_path):
    """A writer killed inside an open BEGIN IMMEDIATE transaction leaves nothing of it."""
    db = tmp_path / "g.db"
    EmbeddedStore(db).close()
    script = (
        "import sqlite3, sys, time\n"
        f"conn = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "conn.execute('BEGIN IMMEDIATE')\n"
        "conn.execute(\"INSERT INTO articles (id, text) VALUES ('half', 'x')\")\n"
        "conn.execute(\"INSERT INTO entities (id, name, type) VALUES ('e', 'E', 'Person')\")\n"
        "print('written', flush=True)\n"
        "time.sleep(60)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "written"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with EmbeddedStore(db) as store:  # opens, takes the write lock, writes: not stuck
        assert store.stats()["articles"] == 0 and store.stats()["entities"] == 0
        store.upsert(GraphFragment())
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
