"""`geokg serve`: one long-lived process keeps an embedded store's Cypher graph loaded and
answers read-only Cypher for `geokg query` and `geokg cypher`, so that each of them pays
only its query, not the graph's load (at 1M relations, ~3 s and ~600 MB per process).

- It listens on a Unix socket inside the store's graph folder (`<db>.graph/serve.sock`,
  mode 0600: only the store's user can ask); the protocol is `geokg.graph.serve_client`'s.
- One server per store: it holds `<db>.graph/serve.lock` while it runs, and a second one
  stops at once with one line naming the first.
- SQLite stays the system of record: before each request the store's change counter is read
  and the log's delta since the graph in memory is applied to it (`PersistedGraph` live),
  so a write by another process (an ingest) is seen by the next request.
- User Cypher is refused unless read-only (`readonly.check_read_only`), and runs on a frozen
  graph, as in-process; every value stays a parameter.
- Ctrl-C (or SIGTERM) stops it and removes its socket; it also stops by itself when its
  store is removed or replaced (`geokg reset`), and with `idle` seconds, after that long
  without a query (a server that `query` or `cypher` started, `geokg.graph.serve_start`).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socketserver
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import GeokgError, StoreError
from geokg.graph.serve_socket import address, encode, socket_path
from geokg.terminal import clean

LOCK = "serve.lock"
POLL_SECONDS = 0.5  # how often the server looks whether its store is still there


class StoreGone(StoreError):
    """The served store was removed or replaced (or the server was idle too long): the
    server stops."""


class _Handler(socketserver.StreamRequestHandler):
    server: CypherServer

    def handle(self) -> None:
        line = self.rfile.readline()
        try:
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError(request)
        except ValueError:
            reply: dict[str, Any] = {"unavailable": "a request is one JSON object on a line"}
        else:
            reply = self.server.answer(request)
        with contextlib.suppress(OSError):  # the client went away: nothing to tell it
            self.wfile.write(encode(reply))


class CypherServer(socketserver.ThreadingUnixStreamServer):
    """Answers the requests of `geokg.graph.serve_client` from one store (a thread each),
    on the socket `path` (a stale one there is replaced; created with mode 0600)."""

    daemon_threads = True

    def __init__(self, path: Path, store: EmbeddedStore, store_id: str,
                 log: Callable[[str], None], idle: float | None = None) -> None:
        path.unlink(missing_ok=True)  # the caller holds the lock: a dead server's socket
        umask = os.umask(0o177)  # created 0600: no moment with a wider mode
        try:
            with address(path) as name:
                super().__init__(name, _Handler)
        finally:
            os.umask(umask)
        os.chmod(path, 0o600)
        self.path, self.socket_file = path, _identity(path)
        self.store, self.store_id, self.log = store, store_id, log
        self.store_file = _identity(store.path)
        self.version = store.version()  # the change counter the graph was last brought to
        self.idle = idle  # seconds without a query after which it stops (None: never)
        self.asked = time.monotonic()  # when the last query came or ended
        self.running = 0  # queries being answered (an idle stop waits for them)
        self._counting = threading.Lock()

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """The answer to one request (see `geokg.graph.serve_client`)."""
        if request.get("ping"):
            return {"store": self.store_id, "pid": os.getpid()}
        if request.get("store") != self.store_id:
            return {"other_store": True}
        query, params = request.get("query"), request.get("params") or {}
        max_rows = request.get("max_rows")
        if not isinstance(query, str) or not isinstance(params, dict) \
                or not (max_rows is None or isinstance(max_rows, int)):
            return {"unavailable": "a request needs a query, a parameter map and max_rows"}
        self._count(1)
        try:
            rows = self.store.cypher(query, params, max_rows=max_rows)
        except GeokgError as exc:
            return {"error": str(exc), "kind": type(exc).__name__}
        except Exception as exc:  # noqa: BLE001 - the client answers it in-process instead
            self.log(f"cannot answer a request: {type(exc).__name__}: {exc}")
            return {"unavailable": f"{type(exc).__name__}: {exc}"}
        finally:
            self._count(-1)
        return {"rows": rows}

    def _count(self, step: int) -> None:
        """A query starts (1) or ends (-1): the idle time starts again."""
        with self._counting:
            self.running += step
            self.asked = time.monotonic()

    def service_actions(self) -> None:
        """Between requests (every `POLL_SECONDS`): stop when the store or the socket is
        gone or replaced; else catch up with what other processes wrote, so that the next
        request finds the graph up to date (it would catch up itself otherwise)."""
        super().service_actions()
        if _identity(self.store.path) != self.store_file:
            raise StoreGone(f"the store {clean(self.store.path)} was removed or replaced")
        if _identity(self.path) != self.socket_file:
            raise StoreGone(f"its socket {clean(self.path)} was removed")
        if self.idle is not None and not self.running \
                and time.monotonic() - self.asked > self.idle:
            raise StoreGone(f"no query for {self.idle:g} s")
        try:
            version = self.store.version()
            if version != self.version:
                self.store.cypher("RETURN 1 AS caught_up")  # applies the log's delta
                self.version = version
        except GeokgError as exc:  # the next request meets it again, and answers it
            self.log(f"cannot catch up now: {exc}")

    def server_close(self) -> None:
        """Close the socket and remove its file (if it is still this server's)."""
        super().server_close()
        if _identity(self.path) == self.socket_file:
            self.path.unlink(missing_ok=True)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


@contextlib.contextmanager
def _only_server(folder: Path, db: Path) -> Iterator[None]:
    """Hold the store's server lock; StoreError naming the running server if it is held."""
    with open(folder / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            pid = handle.read().strip()
            raise StoreError(f"a geokg server already serves {clean(db)}"
                             + (f" (pid {pid})" if pid.isdigit() else "")) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def serve(db: str | Path, log: Callable[[str], None], idle: float | None = None) -> None:
    """Serve the store at `db` until interrupted (or the store is gone, or `idle` seconds
    pass without a query); `log` takes each one-line message for the user."""
    db = Path(db)
    path = socket_path(db)
    try:
        path.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot serve {clean(db)}: {exc.strerror}") from None
    with _only_server(path.parent, db), \
            EmbeddedStore(db, read_only=True, live_graph=True) as store:
        store_id = store.store_id()
        if not store_id:
            raise StoreError(f"cannot serve {clean(db)}: it has no change log yet (run a "
                             "writing command such as `geokg ingest` on it once)")
        log(f"loading the graph of {clean(db)} ...")
        started = time.perf_counter()
        store.cypher("RETURN 1 AS loaded")
        log(f"loaded in {time.perf_counter() - started:.1f} s")
        server = CypherServer(path, store, store_id, log, idle)
        try:
            log(f"serving {clean(db)} on {clean(path)} (pid {os.getpid()}); Ctrl-C stops"
                + (f", or {idle:g} s without a query" if idle is not None else ""))
            server.serve_forever(poll_interval=POLL_SECONDS)
        except StoreGone as exc:
            log(f"stopped: {exc}")
        finally:
            server.server_close()


def stderr_log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
