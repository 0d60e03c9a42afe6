"""Text from inputs never reaches the terminal raw: escape sequences in JSON Lines `source`
values, titles, entity names and file names are printed as visible escapes, and a newline
in them cannot forge an `error:` line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Entity, GraphFragment
from geokg.terminal import clean, clean_json

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e\nerror: forged line\r"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _assert_safe(shown: str, allowed_errors: int = 0) -> None:
    for char in RAW:
        assert char not in shown, repr(char)
    forged = [line for line in shown.splitlines() if line.startswith("error: forged")]
    assert forged == []
    errors = [line for line in shown.splitlines() if line.startswith("error:")]
    assert len(errors) == allowed_errors, shown


def test_clean_escapes_control_characters_visibly():
    assert clean("a\x1b[2Jb\nc\x9b\u202ed\te") == "a\\x1b[2Jb\\x0ac\\x9b\\u202ed\\x09e"
    assert clean("Gustavo Petro – “quoted” é") == "Gustavo Petro – “quoted” é"


def test_clean_json_keeps_the_values():
    value = {"name": HOSTILE, "list": ["\x85", "\u2028"]}
    dumped = clean_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(dumped) == value
    assert not any(char in dumped for char in (*RAW, "\x85", "\u2028"))


def _geokg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd)


def test_a_jsonl_source_and_title_reach_the_terminal_escaped(tmp_path):
    records = [{"id": "a1", "title": HOSTILE, "source": HOSTILE,
                "text": "The US Treasury sanctioned Venezuela yesterday."}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for fmt in ("json", "jsonl", "table"):
        done = _geokg("extract", "--format", fmt, str(path), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "warning: " in done.stderr and "\\x1b]0;pwned" in done.stderr
        _assert_safe(done.stdout + done.stderr)
        if fmt == "json":
            assert json.loads(done.stdout)["articles"][0]["source"] == HOSTILE


def test_a_hostile_file_name_reaches_the_terminal_escaped(tmp_path):
    path = tmp_path / "bad\x1b[2J\nerror: forged line.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    done = _geokg("extract", str(path), cwd=tmp_path)
    assert done.returncode == 1
    _assert_safe(done.stdout + done.stderr, allowed_errors=1)
    assert "bad\\x1b[2J\\x0aerror: forged line.jsonl" in done.stderr


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_stored_names_print_escaped_from_cypher(tmp_path, fmt):
    db = str(tmp_path / "g.db")
    with EmbeddedStore(db) as store:
        store.upsert(GraphFragment(entities=[Entity(id="x", name=f"X{HOSTILE}", type="Person")]))
    result = CliRunner().invoke(main, ["--db", db, "cypher", "MATCH (n:Entity) RETURN n.name "
                                       "AS name", "--format", fmt])
    assert result.exit_code == 0, result.output
    _assert_safe(result.stdout)
    if fmt == "json":
        assert json.loads(result.stdout) == [{"name": f"X{HOSTILE}"}]


def test_a_hostile_error_message_is_one_escaped_line(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "g.db"), "cypher",
                                       f"CALL `x{HOSTILE}`()"])
    assert result.exit_code in (1, 2)
    _assert_safe(result.stdout + result.stderr, allowed_errors=1)
