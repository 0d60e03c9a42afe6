"""The CLI's Neo4j side (issue 17): `neo4j.sh` prints export lines for `eval` and opens the
HTTP connector on request; `geokg reset` empties a store (a Neo4j database or the embedded
file), asking first. The `neo4j` tests need a real server (tests/neo4j_support.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from tests import neo4j_support

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "neo4j_server" / "neo4j.sh"
SEED = ROOT.parent / "shared" / "corpus" / "seed-2025-11-27-petro-cnn.txt"


def _script(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=60)


def test_neo4j_sh_prints_export_lines_that_eval_exports():
    shown = _script("env", NEO4J_PORT="7699", NEO4J_PASSWORD="some-password")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["export NEO4J_URI=bolt://127.0.0.1:7699",
                                         "export NEO4J_USERNAME=neo4j",
                                         "export NEO4J_PASSWORD=some-password"]
    # as the README says: eval "$(bash tests/neo4j_server/neo4j.sh start)"; a child sees them
    child = 'import os; print(os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"])'
    done = subprocess.run(["bash", "-c", f'eval "$(bash {SCRIPT} env)"; "{sys.executable}" '
                           f"-c '{child}'"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NEO4J_PORT": "7699",
                               "NEO4J_PASSWORD": "some-password"})
    assert done.stdout.split() == ["bolt://127.0.0.1:7699", "some-password"], done.stderr


def test_neo4j_sh_opens_the_http_connector_only_when_asked():
    closed = _script("conf", NEO4J_HTTP_PORT="").stdout
    assert "server.http.enabled=false" in closed.splitlines()
    opened = _script("conf", NEO4J_HTTP_PORT="7474").stdout.splitlines()
    assert "server.http.enabled=true" in opened
    assert "server.http.listen_address=127.0.0.1:7474" in opened
    assert "server.http.enabled=false" not in opened


@pytest.mark.neo4j
def test_the_http_connector_answers_when_the_test_server_has_one():
    port = os.environ.get("NEO4J_HTTP_PORT")
    if not port:
        message = "start the test server with NEO4J_HTTP_PORT set to test its HTTP port"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI never skips a Neo4j test
        pytest.skip(message)
    neo4j_support.require_neo4j()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
        assert json.loads(response.read())["neo4j_edition"] == "community"


def test_reset_of_the_embedded_store_asks_then_removes_only_the_store(tmp_path):
    db = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "ingest", "--engine", "rules",
                                str(SEED)]).exit_code == 0
    other = tmp_path / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    refused = runner.invoke(main, ["--db", str(db), "reset"])  # no terminal to ask on
    assert refused.exit_code == 2 and "add --yes to confirm" in refused.stderr
    assert db.exists()
    done = runner.invoke(main, ["--db", str(db), "reset", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr.startswith(f"removed {db} (1 article(s)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    again = runner.invoke(main, ["--db", str(db), "stats"])
    assert again.exit_code == 1 and "no geokg store at" in again.stderr


def test_reset_refuses_a_file_that_is_not_a_store(tmp_path):
    foreign = tmp_path / "thesis.db"
    foreign.write_bytes(b"not a database, but precious")
    result = CliRunner().invoke(main, ["--db", str(foreign), "reset", "--yes"])
    assert result.exit_code == 1
    assert foreign.read_bytes() == b"not a database, but precious"


@pytest.fixture()
def drv():
    driver = neo4j_support.driver()
    yield driver
    neo4j_support.wipe(driver)  # puts the test marker back on the now empty database
    driver.close()


@pytest.mark.neo4j
def test_reset_empties_a_neo4j_database(drv, monkeypatch):
    neo4j_support.wipe(drv)
    for key, value in neo4j_support.env().items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    ingested = runner.invoke(main, ["--store", "neo4j", "ingest", "--engine", "rules",
                                    str(SEED)])
    assert ingested.exit_code == 0, ingested.stderr
    nodes = neo4j_support.count_nodes(drv)
    assert nodes > 10
    refused = runner.invoke(main, ["--store", "neo4j", "reset"])
    assert refused.exit_code == 2 and "every node and relationship" in refused.stderr
    assert neo4j_support.count_nodes(drv) == nodes
    done = runner.invoke(main, ["--store", "neo4j", "reset", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert f"deleted {nodes} node(s)" in done.stderr
    assert neo4j_support.count_nodes(drv) == 0
    stats = json.loads(runner.invoke(main, ["--store", "neo4j", "stats", "--format",
                                            "json"]).stdout)
    assert (stats["articles"], stats["entities"], stats["relations"]) == (0, 0, 0)
    # the constraints stay: ingesting again works and needs no schema step
    constraints = neo4j_support.run(drv, "SHOW CONSTRAINTS YIELD name RETURN name")
    assert constraints
    assert runner.invoke(main, ["--store", "neo4j", "ingest", "--engine", "rules",
                                str(SEED)]).exit_code == 0
    neo4j_support.run(drv, "MATCH (n) DETACH DELETE n")  # so that wipe re-marks it


@pytest.mark.neo4j
def test_query_names_and_date_warnings_on_neo4j(drv, monkeypatch):
    neo4j_support.wipe(drv)
    for key, value in neo4j_support.env().items():
        monkeypatch.setenv(key, value)
    runner = CliRunner()
    assert runner.invoke(main, ["--store", "neo4j", "ingest", "--engine", "rules",
                                str(SEED)]).exit_code == 0
    unknown = runner.invoke(main, ["--store", "neo4j", "query", "actor_timeline", "-p",
                                   "actor=Gustavo Petr"])
    assert unknown.exit_code == 2
    assert "unknown actor 'Gustavo Petr'; did you mean 'Gustavo Petro'?" in unknown.stderr
    wrong_type = runner.invoke(main, ["--store", "neo4j", "query", "actions_by_type", "-p",
                                      "type=SANCTION"])
    assert wrong_type.exit_code == 2 and "did you mean SANCTIONED?" in wrong_type.stderr
    known = runner.invoke(main, ["--store", "neo4j", "query", "actor_timeline", "-p",
                                 "actor=Gustavo Petro", "--format", "json"])
    assert known.exit_code == 0 and json.loads(known.stdout)
    # a date compared with a string: no rows on Neo4j, and a warning that says why
    text = runner.invoke(main, ["--store", "neo4j", "cypher", "MATCH ()-[r]->() WHERE "
                                "r.date_start >= '2025-10-01' RETURN count(r) AS n",
                                "--format", "json"])
    assert json.loads(text.stdout) == [{"n": 0}]
    assert "compares a date with a string" in text.stderr
    dated = runner.invoke(main, ["--store", "neo4j", "cypher", "MATCH ()-[r]->() WHERE "
                                 "r.date_start >= date('2025-10-01') RETURN count(r) AS n",
                                 "--format", "json"])
    assert json.loads(dated.stdout)[0]["n"] > 0 and "warning" not in dated.stderr
