"""The CLI as a new user meets it (issue 17): read commands never create a store, the demo
keeps to its own store, usage errors exit 2 with a did-you-mean, a closed stdout is not an
error, and SIGINT / SIGTERM end an ingest quietly with whole articles stored."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from tests.test_faults import (
    _assert_whole_articles,
    _expected_all,
    wait_for_articles,
    write_articles,
)

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / \
    "seed-2025-11-27-petro-cnn.txt"
READERS = [
    ["stats"], ["stats", "--format", "json"], ["query", "most_connected"],
    ["query", "actor_timeline", "-p", "actor=Petro"], ["cypher", "MATCH (n) RETURN n"],
    ["viz", "--out", "map.html"], ["export", "json", "g.json"],
    ["export", "graphml", "g.graphml"], ["export", "panel", "panel.csv"], ["push"],
    ["plot", "timeline.png"], ["explain", "US Treasury", "SANCTIONED", "Petro"],
]


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeded") / "seed.db"
    result = cli("--db", str(db), "ingest", "--quiet", "--engine", "rules", str(SEED))
    assert result.exit_code == 0, result.stderr
    return db


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_a_read_command_on_a_missing_store_is_one_line_and_creates_nothing(
        tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "typo.db"
    result = cli("--db", str(db), *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"error: no geokg store at {db}: run `geokg ingest` or `geokg demo` first"]
    assert list(tmp_path.iterdir()) == []  # neither the store nor an output file


def test_the_default_store_missing_is_named_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOKG_DB", raising=False)
    result = cli("stats")
    assert result.exit_code == 1
    assert "no geokg store at geokg.db: run `geokg ingest`" in result.stderr
    assert not (tmp_path / "geokg.db").exists()


def test_viz_of_an_existing_empty_store_draws_a_page_that_says_so(tmp_path):
    db = tmp_path / "empty.db"
    EmbeddedStore(db).close()
    out = tmp_path / "map.html"
    result = cli("--db", str(db), "viz", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert "0 nodes, 0 edges" in result.stderr
    assert "No data" in out.read_text(encoding="utf-8")


def test_demo_keeps_to_its_own_store_and_says_where(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOKG_DB", raising=False)
    mine = cli("ingest", "--quiet", "--engine", "rules", str(SEED))
    assert mine.exit_code == 0, mine.stderr
    before = json.loads(cli("stats", "--format", "json").stdout)
    result = cli("demo")
    assert result.exit_code == 0, result.output
    demo_db = tmp_path / "geokg-demo.db"
    assert f"into {demo_db}:" in result.stdout
    assert "export GEOKG_DB=geokg-demo.db" in result.stdout
    assert json.loads(cli("stats", "--format", "json").stdout) == before  # untouched
    demo = json.loads(cli("--db", str(demo_db), "stats", "--format", "json").stdout)
    assert demo["articles"] == 4
    # GEOKG_DB names the user's store too: the demo stays apart from it
    monkeypatch.setenv("GEOKG_DB", str(tmp_path / "geokg.db"))
    assert cli("demo").exit_code == 0
    assert json.loads(cli("stats", "--format", "json").stdout) == before
    # only an explicit --db sends the demo elsewhere
    other = tmp_path / "elsewhere.db"
    assert f"into {other}:" in cli("--db", str(other), "demo").stdout


@pytest.mark.parametrize("args, message", [
    (["query", "actor_timline"], "unknown query 'actor_timline'; did you mean actor_timeline?"),
    (["query", "nothing_like_it"], "unknown query 'nothing_like_it' (known: actions_by_type"),
    (["query", "actor_timeline"], "query actor_timeline needs parameter actor"),
    (["query", "ego_network", "-p", "actor=Petro", "-p", "hops=5"],
     "parameter hops must be 1 or 2, got '5'"),
    (["query", "ego_network", "-p", "actor=Petro", "-p", "hops=two"],
     "parameter hops must be an integer, got 'two'"),
    (["query", "ego_network", "-p", "actor=Petro", "-p", "hop=1"],
     "has no parameter hop; did you mean hops?"),
    (["query", "most_connected", "-p", "limit=0"], "parameter limit must be at least 1"),
    (["query", "events_in_range", "-p", "from=2025-13-01", "-p", "to=2025-12-01"],
     "parameter from must be a date (YYYY-MM-DD)"),
    (["query", "actor_timeline", "-p", "actor=Nobody"], "unknown actor 'Nobody'"),
    (["query", "actor_timeline", "-p", "actor=Gustavo Petr"],
     "unknown actor 'Gustavo Petr'; did you mean 'Gustavo Petro'?"),
    (["query", "evidence", "-p", "actor=US Treasury", "-p", "other=Nobody"],
     "unknown actor 'Nobody'"),
    (["query", "actions_by_type", "-p", "type=SANCTION"],
     "unknown relation type 'SANCTION'; did you mean SANCTIONED?"),
    (["viz", "--out", "m.html", "--actor", "Nobody"], "unknown actor 'Nobody'"),
    (["viz", "--out", "m.html", "--types", "SANCTION"], "did you mean: SANCTIONED"),
    (["export", "json", "g.json", "--types", "SANCTIONED,ACUSED"], "did you mean: ACCUSED"),
    (["plot", "t.png", "--types", "SANCTION"], "did you mean: SANCTIONED"),
    (["viz", "--out", "m.html", "--hops", "9"], "Invalid value for '--hops'"),
    (["viz", "--out", "m.html", "--category", "SANCTIONS"], "unknown PLOVER category"),
    (["viz", "--out", "m.html", "--since", "last week"], "since"),
    (["query", "most_connected", "--format", "xml"], "Invalid value for '--format'"),
    (["stats", "--format", "csv"], "Invalid value for '--format'"),
    (["cypher", "MATCH (n) RETURN n", "--limit", "-1"], "Invalid value for '--limit'"),
])
def test_usage_errors_exit_2_with_a_did_you_mean(seeded, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli("--db", str(seeded), *args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_valid_query_still_answers(seeded):
    result = cli("--db", str(seeded), "query", "ego_network", "-p", "actor=gustavo petro", "-p",
                 "hops=1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


def _geokg(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen([sys.executable, "-m", "geokg.cli", *args], env=env, **kwargs)


@pytest.mark.parametrize("args", [
    ["stats"], ["query", "most_connected"], ["query", "list"],
    ["cypher", "UNWIND range(1, 100000) AS i RETURN i", "--limit", "0", "--format", "csv"],
], ids=["stats", "query", "query list", "cypher 100000 rows"])
def test_a_closed_stdout_is_not_an_error(seeded, args):
    process = _geokg("--db", str(seeded), *args, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line (as `| head -0`)
    error = process.stderr.read().decode()
    assert process.wait(120) == 0, error
    assert error == ""


def test_stats_piped_into_head_prints_one_line_and_exits_0(seeded):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(["bash", "-c", f'set -o pipefail; "{sys.executable}" -m geokg.cli '
                           f'--db "{seeded}" stats | head -1'], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("articles") and done.stderr == ""


def _stopped_ingest(tmp_path: Path, jobs: str, stop: Callable[[subprocess.Popen], None],
                    after: int = 10) -> tuple[int, str, list[Path]]:
    """(exit code, stderr, the articles) of an ingest that `stop` ended after `after`
    articles, checked to have stored whole articles only."""
    paths = write_articles(tmp_path / "articles")
    db = tmp_path / "g.db"
    process = _geokg("--db", str(db), "ingest", "--quiet", "--jobs", jobs,
                     str(tmp_path / "articles"), stdout=subprocess.DEVNULL,
                     stderr=subprocess.PIPE, cwd=tmp_path, start_new_session=True)
    try:
        wait_for_articles(process, db, after)
        stop(process)
        _, stderr = process.communicate(timeout=60)  # a hang fails here, not forever
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stored = _assert_whole_articles(db, _expected_all(paths))
    assert after <= len(stored) < len(paths)
    return process.returncode, stderr.decode(), paths


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
                         ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_signal_ends_an_ingest_quietly_with_whole_articles(tmp_path, sig, code, jobs):
    # as Ctrl-C or a service manager: the workers get the signal too
    returncode, error, _ = _stopped_ingest(tmp_path, jobs, lambda p: os.killpg(p.pid, sig))
    assert returncode == code, error
    assert error.strip() in {"interrupted", "terminated"}, error  # no traceback, one line


def _kill_a_worker(process: subprocess.Popen) -> None:
    """SIGKILL the first worker as soon as both exist: it has its first chunks then (on an
    idle machine the workers finish 200 small articles before 10 are stored)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 240
    while len(children.read_text().split()) < 2 and time.monotonic() < deadline:
        assert process.poll() is None, "the ingest ended before its workers started"
        time.sleep(0.005)
    os.kill(int(children.read_text().split()[0]), signal.SIGKILL)


@pytest.mark.slow
def test_a_killed_worker_ends_an_ingest_with_one_line_and_whole_articles(tmp_path):
    """A worker killed outright (as by the OOM killer) is an error, not a hang."""
    returncode, error, _ = _stopped_ingest(tmp_path, "2", _kill_a_worker, after=0)
    assert returncode == 1, error
    assert error.startswith("error: an extraction worker process ended (exit code -9)"), error
    assert error.count("\n") == 1, error  # one line, no traceback


def test_explain_cites_an_untitled_article_by_its_file_name(seeded):
    result = cli("--db", str(seeded), "explain", "US Treasury", "SANCTIONED", "Petro")
    assert result.exit_code == 0, result.stderr
    cited = [line.strip() for line in result.stdout.splitlines() if "petro-cnn" in line]
    assert cited and all(line.startswith("article: seed-2025-11-27-petro-cnn.txt (")
                         and line.endswith("published 2025-11-27") for line in cited), cited


@pytest.mark.parametrize("statement, params, warned", [
    ("MATCH ()-[r]->() WHERE r.date_start >= '2025-10-01' RETURN count(r) AS n", [],
     "r.date_start >= '2025-10-01' compares a date with a string"),
    ("MATCH ()-[r]->() WHERE $d<r.date_end RETURN count(r) AS n", ["d=2025-10-01"],
     "$d (a string) < r.date_end compares a date with a string"),
    ("MATCH ()-[r]->() WHERE r.date_start >= date('2025-10-01') RETURN count(r) AS n", [],
     None),
    ("MATCH ()-[r]->() WHERE r.date >= '2025-10' RETURN count(r) AS n", [], None),
    ("MATCH ()-[r]->() WHERE r.date_end = $d RETURN count(r) AS n", ["d=2025"], None),
])
def test_cypher_warns_when_a_date_property_meets_a_string(seeded, statement, params, warned):
    args = [a for p in params for a in ("-p", p)]
    result = cli("--db", str(seeded), "cypher", statement, *args)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    if warned:
        assert len(warnings) == 1 and warned in warnings[0]
        assert "date('2025-10-01')" in warnings[0]
    else:
        assert warnings == []


def test_every_command_the_demo_suggests_works_on_the_demo_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GEOKG_DB", raising=False)
    result = cli("demo")
    assert result.exit_code == 0, result.output
    lines = [line.split("#")[0].strip() for line in result.stdout.splitlines()]
    exported = [line for line in lines if line.startswith("export GEOKG_DB=")]
    assert exported == ["export GEOKG_DB=geokg-demo.db"]
    monkeypatch.setenv("GEOKG_DB", "geokg-demo.db")
    commands = [line for line in lines if line.startswith("geokg ")
                and "YOUR_ARTICLE" not in line]
    assert len(commands) >= 6
    for command in commands:
        ran = CliRunner().invoke(main, shlex.split(command)[1:])
        assert ran.exit_code == 0, (command, ran.output)
    assert not (tmp_path / "geokg.db").exists()
