"""The `GraphStore` contract of the embedded (SQLite) and the Neo4j stores, and the logic they
share: `BaseStore` (upsert, the checks before a write), the batching of writes
(`write_batches`) and the type check of relations (`checked_relation_type`)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, Self, runtime_checkable

from geokg.graph.errors import StoreError, StoreUnavailable

if TYPE_CHECKING:  # the model, the write plan and the vocabulary load where used: a read
    # command (query, cypher, stats) starts without them (pydantic alone is ~0.3 s)
    from geokg.graph.model import Article, GraphFragment
    from geokg.graph.upsert_plan import ArticleBatch

DEFAULT_BATCH = 100  # articles per write transaction (`--batch`)
BATCH_RELATIONS = 2_000  # a batch closes before it would hold more relations (or twice as
                         # many entities: a relation has two ends)
BATCH_WAIT = 0.5  # seconds: a batch closes when its first article has waited this long


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


def checked_relation_type(action_type: str) -> str:
    """The relationship type if the vocabulary knows it, else StoreError saying where the
    vocabulary comes from."""
    from geokg.graph.vocabulary import load_vocabulary

    try:
        return load_vocabulary().checked_type(action_type)
    except ValueError as exc:
        raise StoreError(f"{exc} (not in the vocabulary; set GEOKG_VOCABULARY?)") from None


class BaseStore:
    """What both stores share; a store adds `upsert_many`, `_stored_ids` and the readers."""

    def upsert(self, fragment: GraphFragment) -> UpsertReport:
        """Write a fragment (`upsert_many` of it alone); the first article that fails raises,
        the ones before it are stored."""
        return self.upsert_many([fragment])

    def upsert_many(self, fragments: Iterable[GraphFragment], batch: int = DEFAULT_BATCH,
                    on_error: OnError | None = None) -> UpsertReport:
        raise NotImplementedError

    def _stored_ids(self, ids: list[str]) -> set[str]:
        """Those of the entity `ids` that the store holds."""
        raise NotImplementedError

    def _check(self, fragment: GraphFragment, pending: Set[str] = frozenset()) -> None:
        """Refuse a fragment with unknown entity types, relation types, or entity ids that
        are neither in it, nor `pending` (about to be written), nor stored (no writes)."""
        from geokg.graph.vocabulary import node_label

        for entity in fragment.entities:
            try:
                node_label(entity.type)
            except ValueError:
                raise StoreError(f"cannot store entity {entity.id!r}: unknown entity type "
                                 f"{entity.type!r}") from None
        known = {e.id for e in fragment.entities} | pending
        outside = sorted({end for r in fragment.relations for end in (r.source, r.target)}
                         - known)
        stored = self._stored_ids(outside) if outside else set()
        for relation in fragment.relations:
            try:
                checked_relation_type(relation.type)
            except StoreError as exc:
                raise StoreError(f"cannot store {relation.key}: {exc}") from None
            for end in (relation.source, relation.target):
                if end not in known and end not in stored:
                    raise StoreError(f"cannot store {relation.key}: unknown entity {end!r}")

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    from geokg.graph.upsert_plan import plan_upsert

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
