"""The CLI: exit codes, one-line errors, stats shape, idempotent ingest, demo outputs."""

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from geokg.cli import main

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / \
    "seed-2025-11-27-petro-cnn.txt"


@pytest.fixture()
def run(tmp_path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(tmp_path / "g.db"), *args],
                             catch_exceptions=False)
    return invoke


def test_ingest_twice_changes_nothing_and_stats_json_has_the_contract(run):
    assert run("ingest", str(SEED)).exit_code == 0
    first = json.loads(run("stats", "--format", "json").stdout)
    assert run("ingest", str(SEED)).exit_code == 0
    second = json.loads(run("stats", "--format", "json").stdout)
    assert first == second
    assert set(first) == {"articles", "entities", "relations", "by_entity_type",
                          "by_relation_type"}
    assert first["articles"] == 1 and first["relations"] >= 8
    assert first["by_relation_type"]["SANCTIONED"] >= 1


def test_missing_file_is_one_line_error_exit_1(run):
    result = run("ingest", "does-not-exist.txt")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: does-not-exist.txt: no such file or folder"]
    assert "Traceback" not in result.stderr


def test_malformed_json_line_names_file_and_line_and_keeps_the_rest(run, tmp_path):
    path = tmp_path / "articles.jsonl"
    good = {"id": "a1", "published": "2025-10-25", "text": "The US Treasury sanctioned "
                                                             "Gustavo Petro on Friday."}
    path.write_text(json.dumps(good) + "\n{oops\n", encoding="utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 1
    assert f"{path}:2: malformed JSON line" in result.stderr
    assert json.loads(run("stats", "--format", "json").stdout)["articles"] == 1


def test_usage_errors_exit_2(run):
    assert run("ingest").exit_code == 2
    assert run("extract", str(SEED), "--format", "xml").exit_code == 2
    assert run("ingest", str(SEED), "--published", "yesterday").exit_code == 2
    assert run("query", "actor_timeline", "-p", "noequals").exit_code == 2


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_batch_must_be_a_positive_number(run, value):
    for args in (["ingest", str(SEED)], ["push"]):
        result = run(*args, "--batch", value)
        assert result.exit_code == 2
        assert "Invalid value for '--batch'" in result.stderr


def test_ingest_with_batch_1_or_many_stores_the_same(tmp_path):
    runner = CliRunner()
    stats = []
    for batch in ("1", "50"):
        db = str(tmp_path / f"g{batch}.db")
        result = runner.invoke(main, ["--db", db, "ingest", "--quiet", "--batch", batch,
                                      str(Path(__file__).parent / "articles")])
        assert result.exit_code == 0, result.stderr
        stats.append(json.loads(runner.invoke(main, ["--db", db, "stats", "--format",
                                                     "json"]).stdout))
    assert stats[0] == stats[1] and stats[0]["relations"] > 10


def test_unreadable_store_is_a_runtime_error(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not sqlite", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(bad), "stats"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_text("this is not sqlite", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(bad), "--debug", "stats"])
    assert result.exit_code == 1 and result.exception is not None


def test_extract_table_and_jsonl(run):
    table = run("extract", str(SEED), "--format", "table")
    assert table.exit_code == 0 and "REVOKED_VISA" in table.stdout
    lines = run("extract", str(SEED), "--format", "jsonl").stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["relations"]


def test_write_cypher_is_refused(run):
    run("ingest", str(SEED))
    result = run("cypher", "MATCH (n) DETACH DELETE n")
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert json.loads(run("stats", "--format", "json").stdout)["entities"] > 0


def test_demo_writes_map_and_graphml_with_a_real_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(tmp_path / "geokg-demo.graphml")
    assert graph.number_of_nodes() >= 10 and graph.number_of_edges() >= 8
    html = (tmp_path / "geokg-demo.html").read_text(encoding="utf-8")
    assert "<script" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", html)
    assert "geokg query" in result.output and (tmp_path / "geokg-demo.db").exists()
    assert not (tmp_path / "geokg.db").exists()  # the user's own store stays apart


def test_export_counts_match_stats(run, tmp_path):
    run("ingest", str(SEED))
    out = tmp_path / "seed.graphml"
    assert run("export", "graphml", str(out)).exit_code == 0
    stats = json.loads(run("stats", "--format", "json").stdout)
    graph = nx.read_graphml(out)
    assert graph.number_of_edges() == stats["relations"]
    assert graph.number_of_nodes() == stats["entities"]


def test_query_list_json_has_the_contract_and_examples_work(run):
    run("ingest", str(SEED))
    listed = json.loads(run("query", "list", "--format", "json").stdout)
    assert len(listed) >= 8
    for entry in listed:
        assert set(entry) == {"name", "description", "params"}
        params = [f"{p['name']}={p['example'].strip(chr(34))}" for p in entry["params"]]
        assert all(set(p) == {"name", "type", "description", "example"} for p in entry["params"])
        args = ["query", entry["name"], "--format", "json"]
        for param in params:
            args += ["-p", param]
        result = run(*args)
        assert result.exit_code == 0, (entry["name"], result.stderr)
        assert json.loads(result.stdout), f"{entry['name']} returned no rows on the seed"
