"""The socket both sides of `geokg serve` use: where a store's server listens, and one
request sent and its JSON-line answer read (the messages: `serve_client`). It imports
neither kglite nor the data model."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geokg.graph.graph_folder import graph_dir

SOCKET = "serve.sock"
CONNECT_TIMEOUT = 2.0  # seconds to connect and send; an answer takes as long as the query
_SUN_PATH = 100  # bytes a Unix socket address surely takes (108 on Linux, with the NUL)


def socket_path(db: str | Path) -> Path:
    """Where the server of the store at `db` listens (in its graph folder)."""
    return graph_dir(db) / SOCKET


@contextmanager
def address(path: Path) -> Iterator[str]:
    """A name `bind` and `connect` take for the socket file `path`: itself, or when it is
    longer than a socket address can be, the same file through `/proc/self/fd` of its
    opened folder (Linux)."""
    if len(os.fsencode(path)) < _SUN_PATH:
        yield str(path)
        return
    folder = os.open(path.parent, os.O_PATH | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)


def encode(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":")).encode() + b"\n"


def ask(path: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """The server's answer to one request, or None when none answers it whole."""
    try:
        data = encode(request)
    except (TypeError, ValueError):  # a parameter JSON cannot carry: answer in-process
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock, address(path) as name:
            sock.settimeout(CONNECT_TIMEOUT)
            sock.connect(name)
            sock.sendall(data)
            sock.settimeout(None)
            with sock.makefile("rb") as answer:
                line = answer.readline()
    except OSError:
        return None
    if not line.endswith(b"\n"):
        return None  # the server went away mid-answer
    try:
        reply = json.loads(line)
    except ValueError:
        return None
    return reply if isinstance(reply, dict) else None
