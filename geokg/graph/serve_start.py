"""`query` and `cypher` on a large embedded store start a `geokg serve` of it in the
background, so that the graph's load (at 1M relations ~3 s of CPU and ~600 MB, paid by every
process otherwise) is paid once: this command waits for the server to load, and it and the
commands after it pay only their query.

- From `GEOKG_SERVE_FROM` relations (default 200,000; `0`: never start one), measured by the
  store's highest relation id (no count); `GEOKG_SERVE=0` asks no server and starts none.
- The server stops by itself after `GEOKG_SERVE_IDLE` seconds without a query (default 600),
  so it holds its memory only while the store is being queried; its messages go to
  `<db>.graph/serve.log`.
- Two commands at once start two servers of which one serves (`geokg.serve` lets one run
  per store); both wait for its socket. A server that cannot start (or does not answer
  within `WAIT_SECONDS`) leaves the command to answer in its own process, as before.
This module imports neither kglite nor the data model.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from geokg.graph.graph_folder import graph_dir
from geokg.graph.serve_socket import ask, socket_path
from geokg.terminal import clean

FROM = "GEOKG_SERVE_FROM"  # relations from which a server is started
IDLE = "GEOKG_SERVE_IDLE"  # seconds without a query after which a started server stops
DEFAULT_FROM = 200_000  # at 100k relations a process loads the graph in ~0.6 s of CPU
DEFAULT_IDLE = 600.0
WAIT_SECONDS = 300.0  # for the server to load the graph (about 3 s at 1M relations)
LOG = "serve.log"


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default


def large(store: Any) -> bool:
    """True if the store is large enough for a server of its own (`GEOKG_SERVE_FROM`)."""
    limit = _number(FROM, DEFAULT_FROM)
    return limit > 0 and store.relation_bound() >= limit


def answering(db: Path, store_id: str) -> bool:
    """True if a server of this store (its id) answers on its socket."""
    reply = ask(socket_path(db), {"ping": True})
    return bool(reply) and reply.get("store") == store_id


def _starting(folder: Path) -> bool:
    """True while some server holds the store's server lock (loading or serving)."""
    try:
        with open(folder / "serve.lock", "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return False


def start(store: Any) -> bool:
    """Start a background server of the large embedded `store` unless one answers, and wait
    until it does; True once one answers, False for a small store or a server that did not
    come up (the caller then answers in its own process)."""
    store_id = store.store_id()
    if not store_id or not large(store):
        return False
    db = Path(store.path).resolve()
    if answering(db, store_id):
        return True
    folder = graph_dir(db)
    idle = _number(IDLE, DEFAULT_IDLE)
    try:  # its own session (Ctrl-C here does not reach it); none of this process's files
        folder.mkdir(exist_ok=True)  # (a pipe on stdout stays the reader's to close)
        with open(folder / LOG, "ab") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "geokg", "--db", str(db), "serve", "--idle",
                 f"{idle:g}"], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True)
    except OSError:  # a folder it cannot write to: answer in this process
        return False
    print(f"geokg: started a server of {clean(db)} in the background (pid {server.pid}): it "
          f"keeps the graph loaded for the next queries and stops after {idle:g} s without "
          f"one (GEOKG_SERVE=0: never start one)", file=sys.stderr, flush=True)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if answering(db, store_id):
            return True
        if server.poll() is not None and not _starting(folder):
            return False  # it stopped, and no other server is loading
        time.sleep(0.05)
    return False
