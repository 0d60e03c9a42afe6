"""The `GraphStore` protocol shared by the embedded (SQLite) and the Neo4j stores."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from geokg.graph.model import GraphFragment

DEFAULT_DB = "geokg.db"


class StoreError(RuntimeError):
    """A store failed in a way the user can act on (message is one clear line)."""


class ReadOnlyViolation(StoreError):
    """A query given as read-only tried to write."""


@dataclass
class UpsertReport:
    """What one upsert changed."""

    articles_added: int = 0
    articles_skipped: int = 0
    entities_added: int = 0
    relations_added: int = 0
    evidence_added: int = 0
    warnings: list[str] = field(default_factory=list)

    def add(self, other: UpsertReport) -> None:
        """Add another report's counts and warnings to this one."""
        for name in ("articles_added", "articles_skipped", "entities_added", "relations_added",
                     "evidence_added"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.warnings.extend(other.warnings)


@runtime_checkable
class GraphStore(Protocol):
    """A persistent graph of articles, entities and relations."""

    def upsert(self, fragment: GraphFragment) -> UpsertReport:
        """Write a fragment, one transaction per article: ids merge, evidence accumulates,
        re-ingesting an article changes nothing."""

    def load(self) -> GraphFragment:
        """The whole stored graph (articles without their text)."""

    def stats(self) -> dict[str, Any]:
        """Counts: {"articles", "entities", "relations", "by_entity_type", "by_relation_type"}."""

    def cypher(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher; rows as dicts of plain Python values."""

    def close(self) -> None:
        """Release connections and files."""


def open_store(kind: str | None = None, db: str | None = None, **neo4j_options: Any) -> GraphStore:
    """Open the store named by `kind` ("embedded" or "neo4j"; default `$GEOKG_STORE` or
    embedded). The embedded store lives at `db` (default `$GEOKG_DB` or ./geokg.db)."""
    kind = kind or os.environ.get("GEOKG_STORE") or "embedded"
    if kind == "embedded":
        from geokg.graph.embedded import EmbeddedStore

        return EmbeddedStore(db or os.environ.get("GEOKG_DB") or DEFAULT_DB)
    if kind == "neo4j":
        from geokg.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_env(**neo4j_options)
    raise StoreError(f"unknown store {kind!r} (use embedded or neo4j)")
