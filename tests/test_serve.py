"""`geokg serve`: real server and client processes on a real store. A served `query` or
`cypher` prints exactly what the in-process path prints, without importing kglite; a write
by another process is seen by the next request; a dead server costs the client nothing but
its own load; writes are refused; the socket is its user's only; one server per store."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from geokg.graph.serve_socket import ask, socket_path
from geokg.queries.catalog import list_queries
from tests.fixtures_graph import seed_like_store

ROOT = Path(__file__).resolve().parent.parent
# Runs the CLI in this process, then prints on stderr's last line whether it imported kglite
# (it does when it answers in-process, never when the server answers).
RUN = ("import json, sys\nfrom geokg.cli import main\ncode = 0\ntry:\n    main()\n"
       "except SystemExit as exc:\n    code = exc.code or 0\n"
       "print(json.dumps('kglite' in sys.modules), file=sys.stderr)\nsys.exit(code)\n")
CYPHER = [
    "MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS source, type(r) AS type, t.id AS target, "
    "r.date AS date, r.sentences AS sentences ORDER BY source, type, target",
    "MATCH (a:Article)-[:MENTIONS]->(e:Entity) RETURN a, collect(e.name) AS names "
    "ORDER BY a.id",
    "MATCH p = (s:Entity {id: $id})-[*1..2]-(t:Entity) RETURN p ORDER BY t.id LIMIT 3",
]
GEOKG = [sys.executable, "-c", "import sys; from geokg.cli import main; sys.exit(main())"]
ARTICLE = ("Freedonia sanctioned Ruritania on March 3, 2025, the Freedonian foreign ministry "
           "said. Ruritania condemned Freedonia on March 4, 2025.")


def _env(serve: bool = True) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "GEOKG_SERVE": "1" if serve else "0"}


def _geokg(db: Path, *args: str, serve: bool = True) -> tuple[int, str, str, bool]:
    """Exit code, stdout, stderr (without the probe line) of a new geokg process, and
    whether it imported kglite."""
    done = subprocess.run([sys.executable, "-c", RUN, "--db", str(db), *args],
                          capture_output=True, text=True, env=_env(serve), timeout=180)
    *lines, probe = done.stderr.splitlines()
    return done.returncode, done.stdout, "\n".join(lines), json.loads(probe)


def _start(db: Path) -> subprocess.Popen[str]:
    """A `geokg serve` process, once it answers."""
    server = subprocess.Popen([*GEOKG, "--db", str(db), "serve"], env=_env(),
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stderr.read()}")
        if ask(socket_path(db), {"ping": True}):
            return server
        time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not answer in 120 s")


def _stop(server: subprocess.Popen[str]) -> tuple[int, str]:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
    try:
        _, err = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        _, err = server.communicate()
    return server.returncode, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return seed_like_store(tmp_path / "g.db")


@pytest.fixture
def server(db: Path) -> Iterator[subprocess.Popen[str]]:
    running = _start(db)
    yield running
    _stop(running)


def _canned() -> list[list[str]]:
    calls = []
    for query in list_queries():
        args = ["query", query.name, "--format", "json"]
        for param in query.params:
            args += ["-p", f"{param.name}={param.example}"]
        calls.append(args)
    return calls


def _same_as_in_process(db: Path, *args: str) -> tuple[int, str]:
    served = _geokg(db, *args)
    alone = _geokg(db, *args, serve=False)
    assert served[3] is False, "the server did not answer"
    assert alone[3] is True
    assert served[:3] == alone[:3]
    return served[0], served[1]


def test_served_answers_are_the_in_process_ones(db, server):
    answered = 0
    for args in _canned():
        code, out = _same_as_in_process(db, *args)
        answered += code == 0 and out.strip() not in ("", "[]")
    assert answered >= 5  # most canned queries have rows on this store
    for statement in CYPHER:
        code, out = _same_as_in_process(db, "cypher", statement, "-p", "id=us-treasury",
                                        "--format", "json")
        assert code == 0 and json.loads(out)
    code, _ = _same_as_in_process(db, "cypher", "MATCH (n RETURN n")  # a syntax error
    assert code == 1
    code, _ = _same_as_in_process(db, "query", "actor_timeline", "-p", "actor=Nobody At All")
    assert code == 2
    code, _ = _same_as_in_process(db, "cypher", "MATCH (e:Entity) RETURN e.id AS id",
                                  "--limit", "2", "--format", "csv")
    assert code == 0


def test_an_ingest_by_another_process_is_seen_by_the_next_query(db, server, tmp_path):
    count = ["cypher", "MATCH (a:Article) RETURN count(a) AS n", "--format", "json"]
    assert json.loads(_geokg(db, *count)[1]) == [{"n": 1}]
    article = tmp_path / "2025-03-05-freedonia.txt"
    article.write_text(ARTICLE)
    ingest = subprocess.run([*GEOKG, "--db", str(db), "ingest", str(article),
                             "--engine", "rules", "--quiet"],
                            capture_output=True, text=True, env=_env(), timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    code, out, _, loaded = _geokg(db, *count)
    assert (code, loaded) == (0, False)
    assert json.loads(out) == [{"n": 2}]
    _same_as_in_process(db, "cypher", CYPHER[0], "--format", "json")


def test_a_killed_server_leaves_the_client_to_answer_alone(db, server):
    args = ("cypher", CYPHER[0], "--format", "json")
    expected = _geokg(db, *args, serve=False)
    server.send_signal(signal.SIGSTOP)  # the next client connects and waits for its answer
    client = subprocess.Popen([sys.executable, "-c", RUN, "--db", str(db), *args],
                              env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    _wait_for_a_socket(client.pid)
    time.sleep(0.5)  # connected (the stopped server's backlog takes it) and sent
    server.kill()  # dies with the request in hand
    server.wait()
    out, err = client.communicate(timeout=180)
    assert (client.returncode, out) == (0, expected[1])
    assert json.loads(err.splitlines()[-1]) is True  # answered in-process
    assert socket_path(db).exists()  # the dead server's socket is still there
    assert _geokg(db, *args)[:2] == (0, expected[1])


def _wait_for_a_socket(pid: int) -> None:
    """Until the process `pid` holds a socket (the client's, to the server)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        fds = Path(f"/proc/{pid}/fd")
        links = []
        for fd in fds.iterdir() if fds.exists() else []:
            try:
                links.append(os.readlink(fd))
            except OSError:
                continue
        if any(link.startswith("socket:") for link in links):
            return
        time.sleep(0.02)
    raise AssertionError("the client never opened its socket")


def test_a_write_is_refused_by_the_client_and_by_the_server(db, server):
    code, out, err, loaded = _geokg(db, "cypher", "CREATE (n:Entity {id: 'x'}) RETURN n")
    assert (code, out, loaded) == (1, "", False)
    assert err == "error: read-only: CREATE is not allowed in a read-only query"
    store_id = ask(socket_path(db), {"ping": True})["store"]
    for query in ("MATCH (n:Entity) SET n.name = 'x'", "LOAD CSV FROM 'file:///etc/passwd' "
                  "AS row RETURN row", "MATCH (n) DETACH DELETE n"):
        reply = ask(socket_path(db), {"store": store_id, "query": query, "params": {},
                                      "max_rows": None})
        assert reply["kind"] == "ReadOnlyViolation", reply
    assert ask(socket_path(db), {"store": "another", "query": "RETURN 1 AS x"}) == {
        "other_store": True}
    _, out, _, _ = _geokg(db, "cypher", "MATCH (n:Entity) RETURN count(n) AS n, "
                          "collect(n.name)[0] AS first", "--format", "json")
    assert json.loads(out)[0]["first"] != "x"


def test_the_socket_is_its_users_only(db, server):
    mode = socket_path(db).stat().st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600


def test_two_clients_at_once(db, server):
    args = ("query", "actor_timeline", "-p", "actor=Gustavo Petro", "--format", "json")
    expected = _geokg(db, *args, serve=False)[1]
    assert json.loads(expected)
    answers: list[tuple[int, str, str, bool]] = []
    threads = [threading.Thread(target=lambda: answers.append(_geokg(db, *args)))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [(a[0], a[1], a[3]) for a in answers] == [(0, expected, False)] * 2


def test_one_server_per_store_and_ctrl_c_stops_it(db):
    first = _start(db)
    second = subprocess.run([*GEOKG, "--db", str(db), "serve"],
                            capture_output=True, text=True, env=_env(), timeout=60)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"error: a geokg server already serves {db} (pid {first.pid})"]
    code, err = _stop(first)
    assert code == 0
    assert err.strip().splitlines()[-1] == "stopped"
    assert not socket_path(db).exists()
    code, out, _, loaded = _geokg(db, "cypher", "RETURN 1 AS one", "--format", "json")
    assert (code, json.loads(out), loaded) == (0, [{"one": 1}], True)


def test_the_server_stops_when_its_store_is_reset(db):
    server = _start(db)
    done = subprocess.run([*GEOKG, "--db", str(db), "reset", "--yes"],
                          capture_output=True, text=True, env=_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    code, err = _stop_by_itself(server)
    assert code == 0
    assert err.strip().splitlines()[-1].startswith("stopped: ")


def _stop_by_itself(server: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _, err = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        raise AssertionError("the server did not stop by itself") from None
    return server.returncode, err
