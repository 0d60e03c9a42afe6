"""The client side of `geokg serve` (`geokg.serve`), and the protocol both sides speak.

A server keeps an embedded store's Cypher graph loaded and listens on a Unix socket inside
the store's graph folder (`<db>.graph/serve.sock`, mode 0600; `serve_socket`). One
connection carries one request and its answer, each one JSON line:

    request  {"store": <store id>, "query": <Cypher>, "params": {...}, "max_rows": n | null}
             {"ping": true}
    answer   {"rows": [...]}                          the rows, plain values (`plain`)
             {"error": <one line>, "kind": <class>}   a GeokgError, raised again here
             {"other_store": true}                    the server serves another store
             {"unavailable": <one line>}              the server cannot answer this one
             {"store": <store id>, "pid": n}          to a ping

Anything but rows or an error (no server, another store, a server that dies mid-request or
answers nonsense) makes `ServedStore` answer in this process instead, silently, and for the
rest of the process. This module imports neither kglite nor the data model.
"""

from __future__ import annotations

import os
from typing import Any

from geokg.graph import errors
from geokg.graph.readonly import check_read_only
from geokg.graph.serve_socket import ask, socket_path

SWITCH = "GEOKG_SERVE"  # "0": never ask a server


def _error(reply: dict[str, Any]) -> errors.GeokgError:
    """The server's GeokgError as the same class (so the CLI prints and exits alike)."""
    kind = getattr(errors, str(reply.get("kind")), None)
    if not (isinstance(kind, type) and issubclass(kind, errors.GeokgError)) \
            or issubclass(kind, errors.LoadError):
        kind = errors.StoreError
    return kind(str(reply["error"]))


class ServedStore:
    """An embedded store (`EmbeddedStore`) whose `cypher` a `geokg serve` process of the
    same store answers while one does; everything else, and Cypher when no server answers,
    is the store's own."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.path = socket_path(store.path)
        self._store_id: str | None = None
        self._restarted = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Read-only Cypher, answered by the server or else in this process."""
        if self.path is not None:
            rows = self._ask(query, params, max_rows)
            if rows is None and self._restart():
                rows = self._ask(query, params, max_rows)
            if rows is not None:
                return rows
            self.path = None  # none answers: in this process from now on
        return self.store.cypher(query, params, max_rows=max_rows)

    def _restart(self) -> bool:
        """Once per process, when no rows came and no server answers a ping (it died):
        start one again if the store is large (`serve_start`); True if one answers now."""
        if self._restarted or not self._store_id:
            return False
        self._restarted = True
        from geokg.graph.serve_start import answering, start

        return not answering(self.store.path, self._store_id) and start(self.store)

    def _ask(self, query: str, params: dict[str, Any] | None,
             max_rows: int | None) -> list[dict[str, Any]] | None:
        check_read_only(query)  # refused here as in-process, before anything is sent
        if self._store_id is None:
            self._store_id = self.store.store_id() or ""
        if not self._store_id or self.path is None:
            return None
        reply = ask(self.path, {"store": self._store_id, "query": query,
                                "params": dict(params or {}), "max_rows": max_rows})
        if reply is None:
            return None
        if "error" in reply:
            raise _error(reply)
        rows = reply.get("rows")
        return rows if isinstance(rows, list) else None


def served(store: Any) -> Any:
    """`store` as a `ServedStore` when a server's socket is there for it, or when the store
    is large and a server of it was started now (`geokg.graph.serve_start`), else `store`
    itself (and always with `GEOKG_SERVE=0`)."""
    if os.environ.get(SWITCH, "1").strip() == "0":
        return store
    path = getattr(store, "path", None)
    if path is None:
        return store
    if socket_path(path).exists():
        return ServedStore(store)
    from geokg.graph.serve_start import start

    return ServedStore(store) if start(store) else store
