"""One event at any precision: which reported dates of one (source, type, target) are one event.

The rule (both stores apply it on ingest, through `regroup`): a report dated at a coarser
precision (`2025-10`) belongs to the edge at a finer date within its period (`2025-10-24`)
when exactly one finest date of the same (source, type, target) lies in that period;
otherwise it stays an edge of its own. A finest date is a reported date with no other
reported date inside its period. The outcome depends only on the set of reported dates, so
any ingest order gives the same edges: every evidence item keeps the date it was reported
with (`Evidence.date`, left out where it is the edge's own date: `normalized`), and an
edge's date is the finest date of its evidence.

>>> event_dates(["2025-10", "2025-10-24"])
{'2025-10': '2025-10-24', '2025-10-24': '2025-10-24'}
>>> event_dates(["2025-10", "2025-10-24", "2025-10-25"])["2025-10"]
'2025-10'
"""

from __future__ import annotations

from collections.abc import Iterable

from geokg.graph.model import Evidence, Relation


def _inside(date: str, period: str) -> bool:
    """True when `date` names a day or month within `period` (or is `period`)."""
    return date == period or date.startswith(period + "-")


def event_dates(dates: Iterable[str | None]) -> dict[str | None, str | None]:
    """Each reported date -> the date of the edge its reports belong to (None stays None)."""
    dates = list(dates)
    known = {d for d in dates if d}
    finest = {d for d in known if not any(e != d and _inside(e, d) for e in known)}
    result: dict[str | None, str | None] = {}
    for date in sorted(known):
        leaves = [f for f in finest if _inside(f, date)]
        result[date] = leaves[0] if len(leaves) == 1 else date
    if any(not d for d in dates):
        result[None] = None
    return result


def reported(relation: Relation) -> list[Evidence]:
    """The relation's evidence, each item carrying its reported date (the relation's date
    unless the item has one)."""
    return [e if e.date or not relation.date else e.model_copy(update={"date": relation.date})
            for e in relation.evidence]


def normalized(relation: Relation) -> list[Evidence]:
    """The relation's evidence as stores keep and return it: an item's date only where it
    differs from the relation's (a coarser report of the same event)."""
    return [e.model_copy(update={"date": None}) if e.date and e.date == relation.date else e
            for e in relation.evidence]


def same_date(relation: Relation) -> bool:
    """True when every evidence item reports the relation's own date. Added to a stored edge
    of that date it changes no reported date of its (source, type, target), so no edge
    moves: the stores' fast path (an edge's date is always one its evidence reported)."""
    return all(e.date in (None, relation.date) for e in relation.evidence)


def _identity(item: Evidence) -> tuple[str, int, int, str]:
    return item.article, item.start, item.end, item.rule


def regroup(edges: list[Relation]) -> list[Relation]:
    """The edges of one (source, type, target) after applying the rule: evidence moves to
    the edge of its event's date (once per edge by identity, in input order); an edge keeps
    the other fields of the first input relation at its date (else of the first that joins).
    Relations without evidence count as a report at their own date."""
    mapping = event_dates([e.date for r in edges for e in reported(r)]
                          + [r.date for r in edges if not r.evidence])
    out: dict[str | None, Relation] = {}
    seen: set[tuple] = set()  # (edge date, item identity): an item once per edge
    for relation in sorted(edges, key=lambda r: r.date != mapping.get(r.date, r.date)):
        for item in reported(relation) or [None]:
            date = mapping[item.date if item is not None else relation.date]
            edge = out.get(date)
            if edge is None:
                edge = out[date] = relation.model_copy(update={"date": date, "evidence": []})
            if item is not None and (date, *_identity(item)) not in seen:
                seen.add((date, *_identity(item)))
                edge.evidence.append(item)
    return list(out.values())
