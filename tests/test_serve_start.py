"""`query` and `cypher` start a background `geokg serve` on a large store
(`geokg.graph.serve_start`), real processes: the command that starts it is answered by it,
with the in-process output; the next command asks it without loading the graph; a server
that died is started again; two commands at once leave one server; a small store,
`GEOKG_SERVE=0` or `GEOKG_SERVE_FROM=0` start none; `serve --idle` stops by itself. "Large"
is lowered to 1 relation here (`GEOKG_SERVE_FROM`), on the seed-like store. The clients run
with their output on pipes: a server that kept one open would hang them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geokg.graph.serve_socket import ask, socket_path
from tests.fixtures_graph import seed_like_store
from tests.test_serve import GEOKG, RUN, _env, _stop_by_itself

COUNT = ("cypher", "MATCH (e:Entity)-[r]->() RETURN e.id AS id, count(r) AS n ORDER BY id",
         "--format", "json")
STARTED = "geokg: started a server of "


def _geokg(db: Path, *args: str, **env: str) -> tuple[int, str, str, bool]:
    """Exit code, stdout, stderr (without the probe line) of a new geokg process with
    `env` added, and whether it imported kglite (it does when it answers in-process)."""
    done = subprocess.run([sys.executable, "-c", RUN, "--db", str(db), *args],
                          capture_output=True, text=True, env={**_env(), **env}, timeout=300)
    *lines, probe = done.stderr.splitlines()
    return done.returncode, done.stdout, "\n".join(lines), json.loads(probe)


def _pid(db: Path) -> int | None:
    reply = ask(socket_path(db), {"ping": True})
    return reply["pid"] if reply else None


def _gone(pid: int) -> bool:
    """True once the process `pid` has ended (a zombie, not reaped by us, counts)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


def _end(pid: int | None) -> None:
    """Stop a server this test started through a client (not our child) and wait for it."""
    if pid is None or _gone(pid):
        return
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 60
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if not _gone(pid):
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = seed_like_store(tmp_path / "g.db")
    yield path
    _end(_pid(path))


def test_a_query_on_a_large_store_starts_a_server_and_the_next_one_asks_it(db):
    alone = _geokg(db, *COUNT, GEOKG_SERVE="0")
    assert alone[0] == 0 and alone[3] is True and json.loads(alone[1])
    first = _geokg(db, *COUNT, GEOKG_SERVE_FROM="1")
    pid = _pid(db)
    assert pid is not None and not _gone(pid)
    assert (first[0], first[1], first[3]) == (0, alone[1], False)  # the server answered it
    assert first[2].startswith(f"{STARTED}{db} in the background (pid {pid})")
    second = _geokg(db, *COUNT, GEOKG_SERVE_FROM="1")
    assert second == (0, alone[1], "", False)  # asked the running server, started none
    assert _pid(db) == pid
    query = _geokg(db, "query", "actor_timeline", "-p", "actor=US Treasury", "--format",
                   "json", GEOKG_SERVE_FROM="1")
    assert query[0] == 0 and query[3] is False and json.loads(query[1])
    log = (db.parent / "g.db.graph" / "serve.log").read_text()
    assert f"(pid {pid}); Ctrl-C stops, or 600 s without a query" in log


def test_a_dead_servers_socket_gets_a_new_server(db):
    _geokg(db, *COUNT, GEOKG_SERVE_FROM="1")
    first = _pid(db)
    assert first is not None
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while not _gone(first) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert socket_path(db).exists()  # left behind by the killed server
    code, out, err, loaded = _geokg(db, *COUNT, GEOKG_SERVE_FROM="1")
    second = _pid(db)
    assert (code, loaded) == (0, False) and json.loads(out)
    assert second not in (None, first)
    assert err.startswith(f"{STARTED}{db} in the background (pid {second})")


@pytest.mark.parametrize("env", [{}, {"GEOKG_SERVE_FROM": "1000"}, {"GEOKG_SERVE_FROM": "0"},
                                 {"GEOKG_SERVE_FROM": "1", "GEOKG_SERVE": "0"}])
def test_a_small_store_or_the_switches_start_no_server(db, env):
    code, out, err, loaded = _geokg(db, *COUNT, **env)
    assert (code, err, loaded) == (0, "", True) and json.loads(out)
    assert not socket_path(db).exists()
    assert _pid(db) is None


def test_serve_idle_stops_by_itself_without_queries(db):
    server = _start_idle(db, "1.5")
    store = ask(socket_path(db), {"ping": True})["store"]
    assert ask(socket_path(db), {"store": store, "query": "RETURN 1 AS one", "params": {},
                                 "max_rows": None}) == {"rows": [{"one": 1}]}
    code, err = _stop_by_itself(server)
    assert code == 0
    assert err.strip().splitlines()[-1] == "stopped: no query for 1.5 s"
    assert not socket_path(db).exists()


def _start_idle(db: Path, idle: str) -> subprocess.Popen[str]:
    server = subprocess.Popen([*GEOKG, "--db", str(db), "serve", "--idle", idle], env=_env(),
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while ask(socket_path(db), {"ping": True}) is None:
        assert server.poll() is None, server.stderr.read() if server.stderr else ""
        assert time.monotonic() < deadline, "the server did not answer in 120 s"
        time.sleep(0.05)
    return server


def _servers(db: Path) -> list[int]:
    """Pids of running `geokg serve` processes of `db`."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in argv and os.fsencode(str(db)) in argv and not _gone(int(proc.name)):
            found.append(int(proc.name))
    return found


def test_two_commands_at_once_leave_one_server_that_answered_both(db):
    alone = _geokg(db, *COUNT, GEOKG_SERVE="0")[1]
    clients = [subprocess.Popen([sys.executable, "-c", RUN, "--db", str(db), *COUNT],
                                env={**_env(), "GEOKG_SERVE_FROM": "1"},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    for client in clients:
        out, err = client.communicate(timeout=300)
        assert (client.returncode, out) == (0, alone)
        assert json.loads(err.splitlines()[-1]) is False  # a server answered it
    deadline = time.monotonic() + 30
    while len(_servers(db)) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # a second server started at the same moment stops at once
    assert _servers(db) == [_pid(db)]
