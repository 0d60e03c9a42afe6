"""The embedded store never writes to a file that is not a geokg store (it looks at it
read-only first), and commands that only read open it read-only: they work on read-only
media and never create a store that is not there."""

from __future__ import annotations

import hashlib
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geokg.graph.embedded import EmbeddedStore
from tests.fixtures_graph import seed_like_fragment

EXAMPLE = (Path(__file__).resolve().parents[1] / "geokg" / "examples"
           / "2025-10-25-treasury-sanctions-petro.txt")


def _geokg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                          text=True, timeout=300)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('my thesis')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("kind", ["sqlite", "text"])
@pytest.mark.parametrize("command", [["stats"], ["ingest", str(EXAMPLE)]])
def test_a_foreign_file_is_refused_without_a_byte_changed(tmp_path, kind, command):
    path = tmp_path / "notes.db"
    if kind == "sqlite":
        _foreign_sqlite(path)
    else:
        path.write_text("not a database at all\n" * 10, encoding="utf-8")
    before = _digest(path)
    done = _geokg("--db", str(path), *command)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"error: cannot use database {path}: "), done.stderr
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, no -shm
    if kind == "sqlite":
        assert path.read_bytes()[18:20] == b"\x01\x01"  # still a rollback-journal file


def test_a_read_command_never_creates_a_store(tmp_path):
    path = tmp_path / "missing.db"
    for command in (["stats"], ["cypher", "RETURN 1 AS x"], ["export", "json",
                                                            str(tmp_path / "g.json")]):
        done = _geokg("--db", str(path), *command)
        assert done.returncode == 1
        assert f"no geokg store at {path}" in done.stderr
    assert not path.exists()


def _read_only_media(folder: Path, command: list[str]) -> subprocess.CompletedProcess:
    """Run `geokg COMMAND` with `folder` mounted read-only (a private mount namespace)."""
    mount = (f"mount --bind {shlex.quote(str(folder))} {shlex.quote(str(folder))} && "
             f"mount -o remount,bind,ro {shlex.quote(str(folder))} && "
             f"touch {shlex.quote(str(folder / 'probe'))} 2>/dev/null && exit 99; "
             f"exec {shlex.quote(sys.executable)} -m geokg.cli "
             + " ".join(shlex.quote(a) for a in command))
    return subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                           mount], capture_output=True, text=True, timeout=300)


@pytest.fixture
def media(tmp_path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    with EmbeddedStore(folder / "g.db") as store:
        store.upsert(seed_like_fragment())
    probe = _read_only_media(folder, ["--help"])
    if probe.returncode != 0:
        pytest.skip(f"cannot mount read-only here: {probe.stderr.strip()[:200]}")
    return folder


def test_read_commands_work_on_read_only_media(media, tmp_path):
    db = str(media / "g.db")
    before = sorted(p.name for p in media.iterdir())
    out = tmp_path / "out"
    out.mkdir()
    for command in (["stats"], ["cypher", "MATCH (n:Entity) RETURN count(n) AS n"],
                    ["query", "actor_timeline", "-p", "actor=Petro"],
                    ["export", "graphml", str(out / "g.graphml")],
                    ["viz", "--out", str(out / "map.html")]):
        done = _read_only_media(media, ["--db", db, *command])
        assert done.returncode == 0, (command, done.stderr)
    done = _read_only_media(media, ["--db", db, "stats", "--format", "json"])
    assert '"articles": 1' in done.stdout
    assert (out / "g.graphml").exists() and (out / "map.html").exists()
    done = _read_only_media(media, ["--db", db, "ingest", str(EXAMPLE)])
    assert done.returncode == 1 and "error:" in done.stderr  # writing there cannot work
    assert sorted(p.name for p in media.iterdir()) == before
