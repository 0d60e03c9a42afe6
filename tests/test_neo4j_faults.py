"""Stopping the Neo4j server in the middle of an ingest leaves whole articles only.

This test stops the server that `tests/neo4j_server/neo4j.sh` manages and, whatever happens,
starts it again and waits until it answers before it ends (`_ensure_running`), so the tests
that run after it find the server as they would have: it can run in any order (it used to be
named test_zz_... so that it ran last). It is skipped (failed in CI) when the server at
NEO4J_URI is not one that neo4j.sh started; run it with the NEO4J_CACHE_DIR and NEO4J_PORT
the server was started with.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geokg.graph.model import Evidence, GraphFragment
from geokg.graph.values import evidence_from_lists
from geokg.loaders.readers import parse_text
from tests import neo4j_support

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "neo4j_server" / "neo4j.sh"
SOURCES = sorted([*(ROOT / "geokg" / "examples").glob("*.txt"),
                  *(ROOT / "tests" / "articles").glob("*.txt")])
ARTICLES = 90
BATCH = "3"  # articles per transaction: the server stops between and inside batches


def _script_env() -> dict[str, str]:
    port = urlsplit(neo4j_support.settings()["uri"]).port or 7687
    return {**os.environ, **neo4j_support.env(), "NEO4J_PORT": str(port),
            "NEO4J_PYTHON": sys.executable}


def _script(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], env=_script_env(), capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def _require_managed_server() -> None:
    """The server at NEO4J_URI must be the one neo4j.sh runs (we stop and restart it)."""
    neo4j_support.require_neo4j()
    settings = neo4j_support.settings()
    parts = urlsplit(settings["uri"])
    status = _script("status", timeout=60)
    expected = f"bolt://127.0.0.1:{parts.port or 7687}"
    if (parts.hostname not in {"127.0.0.1", "localhost"} or status.returncode != 0
            or expected not in status.stdout):
        neo4j_support.unavailable(
            f"the server at {settings['uri']} is not one that neo4j.sh runs "
            f"(neo4j.sh status: {status.stdout.strip() or status.stderr.strip()}); this test "
            f"stops and restarts it")


def _ensure_running() -> None:
    """The server runs and answers on Bolt (neo4j.sh start returns once it does)."""
    if _script("status", timeout=60).returncode != 0:
        started = _script("start", timeout=600)
        assert started.returncode == 0, f"could not restart Neo4j: {started.stderr[-2000:]}"
    neo4j_support.reprobe()


def _write_articles(folder: Path) -> None:
    """ARTICLES distinct articles (own URL, so own id) from the example texts."""
    folder.mkdir()
    for n in range(ARTICLES):
        source = SOURCES[n % len(SOURCES)]
        article = parse_text(source.read_text(encoding="utf-8"), source.name)
        path = folder / f"a{n:02d}-{source.name}"
        path.write_text(f"---\ntitle: {article.title or source.stem} ({n})\n"
                        f"url: https://example.org/fault/{n}\n"
                        f"date: {article.published}\n---\n{article.text}\n", encoding="utf-8")


def _cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **neo4j_support.env()})


def _expected(folder: Path) -> dict[str, tuple[set[tuple], set[str]]]:
    """Per article id: the (edge, evidence) items and MENTIONS ends its extraction yields,
    from `geokg extract` run like the ingest (a subprocess, one extractor for the folder)."""
    done = _cli("extract", "--format", "jsonl", str(folder))
    assert done.returncode == 0, done.stderr
    expected = {}
    for line in done.stdout.splitlines():
        fragment = GraphFragment.model_validate(json.loads(line))
        items = {(r.source, r.type, r.target, r.date, e.model_dump_json())
                 for r in fragment.relations for e in r.evidence}
        ends = {end for r in fragment.relations if r.evidence for end in (r.source, r.target)}
        expected[fragment.articles[0].id] = (items, ends)
    assert len(expected) == ARTICLES
    return expected


def _stored(drv) -> tuple[set[str], dict[str, set[tuple]], dict[str, set[str]]]:
    """Article ids; per article the (edge, evidence) items citing it; its MENTIONS."""
    articles = {r["id"] for r in neo4j_support.run(drv, "MATCH (a:Article) RETURN a.id AS id")}
    items: dict[str, set[tuple]] = {}
    for row in neo4j_support.run(
            drv, "MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS s, type(r) AS type, "
                 "t.id AS t, r.date AS date, properties(r) AS p"):
        assert "evidence" not in row["p"], row  # the evidence as lists, not JSON
        for item in evidence_from_lists(row["p"], row["date"]):
            items.setdefault(item["article"], set()).add(
                (row["s"], row["type"], row["t"], row["date"],
                 Evidence(**item).model_dump_json()))
    mentions: dict[str, set[str]] = {}
    for row in neo4j_support.run(drv, "MATCH (a:Article)-[:MENTIONS]->(e) "
                                      "RETURN a.id AS a, e.id AS e"):
        mentions.setdefault(row["a"], set()).add(row["e"])
    return articles, items, mentions


def _assert_whole_articles(drv, expected: dict[str, tuple[set[tuple], set[str]]]) -> set[str]:
    articles, items, mentions = _stored(drv)
    assert articles <= set(expected)
    assert set(items) <= articles, "evidence cites an article that was not stored"
    for article_id in articles:
        expected_items, expected_ends = expected[article_id]
        assert items.get(article_id, set()) == expected_items, article_id
        assert mentions.get(article_id, set()) == expected_ends, article_id
    return articles


def _ingest(folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "geokg.cli", "--store", "neo4j", "ingest", "--quiet",
         "--batch", BATCH, str(folder)], env={**os.environ, **neo4j_support.env()},
        cwd=folder.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_stopping_the_server_mid_ingest_leaves_whole_articles(tmp_path):
    _require_managed_server()
    folder = tmp_path / "articles"
    _write_articles(folder)
    expected = _expected(folder)
    drv = neo4j_support.driver()
    try:
        neo4j_support.wipe(drv)
        process = _ingest(folder)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                stored = neo4j_support.run(drv, "MATCH (a:Article) RETURN count(a) AS n")[0]["n"]
                if stored >= 3:
                    break
                time.sleep(0.1)
            assert process.poll() is None, "the ingest ended before the server was stopped"
            stopped = _script("stop", timeout=120)
            assert stopped.returncode == 0, stopped.stderr
            stderr = process.communicate(timeout=180)[1]
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            drv.close()
            _ensure_running()
        assert process.returncode == 1, stderr
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1, stderr
        assert lines[0].startswith("error: ") and "Neo4j at " in lines[0], lines[0]
        assert neo4j_support.settings()["password"] not in stderr

        drv = neo4j_support.driver()
        stored = _assert_whole_articles(drv, expected)
        assert 0 < len(stored) < ARTICLES
        print(f"stopped after {len(stored)} of {ARTICLES} articles; the ingest said: {lines[0]}")

        # the same ingest run again completes the graph. It is checked against an extraction
        # made just before it: the same as `expected` unless the extractor changed meanwhile,
        # in which case the articles stored before also hold what the new extraction adds.
        later = _expected(folder)
        process = _ingest(folder)
        stderr = process.communicate(timeout=600)[1]
        assert process.returncode == 0, stderr
        union = {k: (items | expected[k][0], ends | expected[k][1]) if k in stored
                 else (items, ends) for k, (items, ends) in later.items()}
        assert _assert_whole_articles(drv, union) == set(later)
    finally:
        drv.close()
        _ensure_running()
