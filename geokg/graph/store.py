"""The `GraphStore` protocol shared by the embedded (SQLite) and the Neo4j stores."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from geokg.graph.model import Article, GraphFragment
from geokg.graph.upsert_plan import ArticleBatch, plan_upsert

DEFAULT_DB = "geokg.db"
DEFAULT_BATCH = 100  # articles per write transaction (`--batch`)
BATCH_RELATIONS = 2_000  # a batch closes before it would hold more relations (or twice as
                         # many entities: a relation has two ends)
BATCH_WAIT = 0.5  # seconds: a batch closes when its first article has waited this long


class StoreError(RuntimeError):
    """A store failed in a way the user can act on (message is one clear line)."""


class ReadOnlyViolation(StoreError):
    """A query given as read-only tried to write."""


class StoreUnavailable(StoreError):
    """The store itself failed (unreachable, lost, refused us, disk): no article can be
    written now, so a failed batch is not retried article by article."""


OnError = Callable[[str, StoreError], None]  # (which articles, why) for one refused article


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
        """Write a fragment (`upsert_many` of it alone): ids merge, evidence accumulates,
        re-ingesting an article changes nothing; the first article that fails raises."""

    def upsert_many(self, fragments: Iterable[GraphFragment], batch: int = DEFAULT_BATCH,
                    on_error: OnError | None = None) -> UpsertReport:
        """Write a stream of fragments, whole articles only, up to `batch` articles per
        transaction (see `write_batches`). A refused article raises, or with `on_error` is
        reported there and the others are written."""

    def load(self) -> GraphFragment:
        """The whole stored graph (articles without their text)."""

    def stats(self) -> dict[str, Any]:
        """Counts: {"articles", "entities", "relations", "by_entity_type", "by_relation_type"}."""

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher; rows as dicts of plain Python values (at most `max_rows`:
        the rest is never held in memory)."""

    def close(self) -> None:
        """Release connections and files."""


def open_store(kind: str | None = None, db: str | None = None, *, read_only: bool = False,
               **neo4j_options: Any) -> GraphStore:
    """Open the store named by `kind` ("embedded" or "neo4j"; default `$GEOKG_STORE` or
    embedded). The embedded store lives at `db` (default `$GEOKG_DB` or ./geokg.db);
    `read_only` opens it without writing anything (it must exist)."""
    kind = kind or os.environ.get("GEOKG_STORE") or "embedded"
    if kind == "embedded":
        from geokg.graph.embedded import EmbeddedStore

        return EmbeddedStore(db or os.environ.get("GEOKG_DB") or DEFAULT_DB,
                             read_only=read_only)
    if kind == "neo4j":
        from geokg.graph.neo4j_store import Neo4jStore

        return Neo4jStore.from_env(**neo4j_options)
    raise StoreError(f"unknown store {kind!r} (use embedded or neo4j)")


# -- batched writes, shared by both stores ---------------------------------------------------


def describe(articles: list[Article], article_id: str | None = None,
             otherwise: str = "a fragment without articles") -> str:
    """Names the articles of a failed write for a message: `source: article ID, ...`."""
    ids = [a.id for a in articles] or ([article_id] if article_id else [])
    shown = [i if len(i) <= 64 else f"{i[:48]}... ({len(i)} characters)" for i in ids[:3]]
    more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
    source = next((a.source for a in articles if a.source), None)
    what = f"article{'s' if len(ids) > 1 else ''} {', '.join(shown)}{more}" if ids else otherwise
    return f"{source}: {what}" if source else what


def _size(group: ArticleBatch) -> int:
    """A group's weight against `BATCH_RELATIONS`: its relations, or half its entities."""
    return max(len(group.relations), len(group.entities) // 2)


class _Pending:
    """The article groups of the batch being filled, and its bounds."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.groups: list[ArticleBatch] = []
        self.entity_ids: set[str] = set()
        self.rows = 0
        self.started = 0.0

    def full_before(self, group: ArticleBatch) -> bool:
        """True when `group` must go in the next batch (this one is full or old enough)."""
        rows = _size(group)
        return bool(self.groups) and (len(self.groups) >= self.size
                                      or self.rows + rows > BATCH_RELATIONS
                                      or time.monotonic() - self.started >= BATCH_WAIT)

    def add(self, group: ArticleBatch) -> None:
        if not self.groups:
            self.started = time.monotonic()
        self.groups.append(group)
        self.entity_ids.update(e.id for e in group.entities)
        self.rows += _size(group)

    def take(self) -> list[ArticleBatch]:
        groups, self.groups, self.rows = self.groups, [], 0
        self.entity_ids = set()
        return groups


def write_batches(fragments: Iterable[GraphFragment],
                  check: Callable[[GraphFragment, set[str]], None],
                  write: Callable[[list[ArticleBatch]], UpsertReport],
                  batch: int = DEFAULT_BATCH, on_error: OnError | None = None) -> UpsertReport:
    """Stream `fragments` into a store: `check(fragment, ids of entities waiting to be
    written)` refuses a bad fragment before any write; `write(groups)` stores article groups
    (`plan_upsert`) in one transaction. A batch closes at `batch` groups, at
    `BATCH_RELATIONS` relations (or twice as many entities), or when its first group has
    waited `BATCH_WAIT` seconds, so memory stays bounded and a slow source still sees its
    articles land.

    A batch that fails (other than `StoreUnavailable`) is written again one group per
    transaction: the groups before the bad one are stored as if `batch` were 1, the bad one
    raises, or with `on_error` (for a `StoreError`) is reported and the rest are stored."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    report = UpsertReport()
    pending = _Pending(batch)

    def flush() -> None:
        if pending.groups:
            report.add(_write_or_split(pending.take(), write, on_error))

    for fragment in fragments:
        try:
            check(fragment, pending.entity_ids)
        except StoreError as exc:
            if on_error is None or isinstance(exc, StoreUnavailable):
                flush()  # the articles before this one are stored, as with batch 1
                raise
            on_error(describe(fragment.articles), exc)
            continue
        for group in plan_upsert(fragment):
            if pending.full_before(group):
                flush()
            pending.add(group)
    flush()
    return report


def _write_or_split(groups: list[ArticleBatch],
                    write: Callable[[list[ArticleBatch]], UpsertReport],
                    on_error: OnError | None) -> UpsertReport:
    """`write(groups)`; if that fails (not `StoreUnavailable`), one transaction per group."""
    if len(groups) > 1:
        try:
            return write(groups)
        except StoreUnavailable:
            raise
        except Exception:  # noqa: BLE001, S110 - some group is bad: find it, group by group
            pass
    report = UpsertReport()
    for group in groups:
        try:
            report.add(write([group]))
        except StoreUnavailable:
            raise
        except StoreError as exc:
            if on_error is None:
                raise
            on_error(describe([group.article] if group.article else [], group.article_id,
                              "relations without evidence"), exc)
    return report
