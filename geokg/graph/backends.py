"""Opening a store by name: `embedded` (one SQLite file) or `neo4j` (a server over Bolt)."""

from __future__ import annotations

import os
from typing import Any

from geokg.graph.errors import UsageError
from geokg.graph.store import GraphStore

DEFAULT_DB = "geokg.db"
STORES = ("embedded", "neo4j")


def open_store(kind: str | None = None, db: str | None = None, **neo4j_options: Any) -> GraphStore:
    """Open the store named by `kind` ("embedded" or "neo4j"; default `$GEOKG_STORE` or
    embedded). The embedded store lives at `db` (default `$GEOKG_DB` or ./geokg.db)."""
    kind = kind or os.environ.get("GEOKG_STORE") or "embedded"
    if kind == "embedded":
        from geokg.graph.embedded import EmbeddedStore  # sqlite3 only: neo4j stays unloaded

        return EmbeddedStore(db or os.environ.get("GEOKG_DB") or DEFAULT_DB)
    if kind == "neo4j":
        from geokg.graph.neo4j_store import Neo4jStore  # the driver loads only when needed

        return Neo4jStore.from_env(**neo4j_options)
    raise UsageError(f"unknown store {kind!r} (use {' or '.join(STORES)})")
