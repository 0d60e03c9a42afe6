"""Time travel: the graph as of a date (events begun, offices held) or as known by a date.

- `known_by`: only evidence from articles published on or before the date; an edge left
  without evidence disappears, and an edge's date is worked out again from the evidence
  that remains (a month report alone gives the month, `geokg.graph.precision`).
- `as_of`: dated edges whose period began on or before the date; undated events are left
  out (nothing says when they began); a standing tie (LEADS, MEMBER_OF) stays when it was
  held then: as a `held` callback says (e.g. the gazetteer's dated offices), else unless
  it is reported as former by an article published by then.
A date given as `YYYY` or `YYYY-MM` means the last day of that period. Actors left without
a relation go too (actors that never had one stay). `TravelledGraph` answers Cypher and stats
on the result with the embedded engine, whichever store it was read from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from geokg.graph.errors import UsageError
from geokg.graph.model import GraphFragment, Relation, date_bounds, validate_date_prefix
from geokg.graph.precision import normalized, regroup, reported
from geokg.graph.store import GraphStore

Held = Callable[[str, str, dt.date], bool | None]
"""(person id, body or country id, day) -> whether the tie held that day; None: unknown."""


def last_day(date: str) -> dt.date:
    """The last day of the period an ISO date prefix names."""
    return date_bounds(date)[1]


def travel(fragment: GraphFragment, as_of: str | None = None, known_by: str | None = None,
           held: Held | None = None) -> GraphFragment:
    """The fragment as known by `known_by` and as of `as_of` (either may be None)."""
    relations = fragment.relations
    if known_by:
        relations = _known_by(fragment, last_day(known_by))
    if as_of:
        relations = _as_of(fragment, relations, last_day(as_of), held)
    if relations is fragment.relations:
        return fragment
    ends = {end for r in relations for end in (r.source, r.target)}
    tied = {end for r in fragment.relations for end in (r.source, r.target)}
    published = last_day(known_by) if known_by else None
    return GraphFragment(
        articles=[a for a in fragment.articles if published is None
                  or (a.published is not None and a.published <= published)],
        entities=[e for e in fragment.entities if e.id in ends or e.id not in tied],
        relations=relations)


def _known_by(fragment: GraphFragment, day: dt.date) -> list[Relation]:
    known = {a.id for a in fragment.articles if a.published is not None and a.published <= day}
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for relation in fragment.relations:
        evidence = [e for e in reported(relation) if e.article in known]
        if evidence:
            groups.setdefault(relation.key[:3], []).append(
                relation.model_copy(update={"evidence": evidence}))
    return [edge.model_copy(update={"evidence": normalized(edge)})
            for edges in groups.values() for edge in regroup(edges)]


def _as_of(fragment: GraphFragment, relations: list[Relation], day: dt.date,
           held: Held | None) -> list[Relation]:
    published = {a.id: a.published for a in fragment.articles}
    kept = []
    for relation in relations:
        if relation.date:
            keep = date_bounds(relation.date)[0] <= day
        elif relation.category:
            keep = False
        else:
            verdict = held(relation.source, relation.target, day) if held else None
            if verdict is not None:
                keep = verdict
            elif relation.status.value == "former":
                dates = [published.get(e.article) for e in relation.evidence]
                keep = bool(dates) and all(d is not None and day < d for d in dates)
            else:
                keep = True
        if keep:
            kept.append(relation)
    return kept


def fragment_stats(fragment: GraphFragment) -> dict[str, Any]:
    """Counts shaped like `GraphStore.stats()`."""
    return {"articles": len(fragment.articles), "entities": len(fragment.entities),
            "relations": len(fragment.relations),
            "by_entity_type": dict(sorted(Counter(e.type.value for e in fragment.entities)
                                          .items())),
            "by_relation_type": dict(sorted(Counter(r.type for r in fragment.relations)
                                            .items()))}


class TravelledGraph:
    """A read-only view of a travelled fragment with the `cypher` and `stats` of a store."""

    def __init__(self, fragment: GraphFragment) -> None:
        self.fragment = fragment
        self._graph: Any = None

    def cypher(self, query: str, params: dict[str, Any] | None = None, *,
               max_rows: int | None = None) -> list[dict[str, Any]]:
        """Read-only Cypher on the view (the embedded engine, kglite); at most `max_rows`."""
        from geokg.graph.cypher_engine import build_graph, run

        if self._graph is None:
            self._graph = build_graph(self.fragment)
        return run(self._graph, query, params, max_rows)

    def stats(self) -> dict[str, Any]:
        """Counts of the view."""
        return fragment_stats(self.fragment)


def checked_dates(**options: str | None) -> None:
    """UsageError naming the option (`as_of` -> --as-of) whose value is not a date prefix."""
    for name, value in options.items():
        try:
            if value:
                validate_date_prefix(value)
        except ValueError as exc:
            raise UsageError(f"--{name.replace('_', '-')}: {exc}") from None


def travelled(store: GraphStore, as_of: str | None = None, known_by: str | None = None,
              held: Held | None = None) -> GraphStore | TravelledGraph:
    """The store itself, or with `as_of` / `known_by` a read-only view of it at that time."""
    checked_dates(as_of=as_of, known_by=known_by)
    if not (as_of or known_by):
        return store
    return TravelledGraph(travel(store.load(), as_of, known_by, held))
