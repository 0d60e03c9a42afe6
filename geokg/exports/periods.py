"""Events on a time axis: which relations are events, and the periods (day, week or month,
chosen from the span) that the map's timeline strip and `geokg plot` count them in.

An event is a dated relation with a PLOVER category (standing ties and undated relations are
not). It counts once, in the period holding the first day of its date: `2025-10` (a month)
lies in the period of 2025-10-01. Weeks start on Monday (ISO weeks).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geokg.graph.model import date_bounds
from geokg.graph.vocabulary import QUADS, plover_quad

UNITS = ("day", "week", "month")
DAYS_MAX_SPAN = 62  # up to about two months, a bar per day
WEEKS_MAX_SPAN = 280  # up to about nine months, a bar per week; beyond, a bar per month


def choose_unit(first: dt.date, last: dt.date) -> str:
    """The period for a span: day up to ~2 months, week up to ~9 months, else month."""
    days = (last - first).days + 1
    if days <= DAYS_MAX_SPAN:
        return "day"
    return "week" if days <= WEEKS_MAX_SPAN else "month"


def period_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the period of `unit` that holds `day`."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {unit!r} (one of {', '.join(UNITS)})")


def next_period(start: dt.date, unit: str) -> dt.date:
    """The first day of the period after the one starting on `start`."""
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def event_start(data: Mapping[str, Any]) -> dt.date | None:
    """The day an edge counts on as an event, None when it is no event (undated or a tie)."""
    if not data.get("date") or plover_quad(data.get("category")) is None:
        return None
    return date_bounds(data["date"])[0]


@dataclass(frozen=True)
class Periods:
    """Consecutive periods of one unit covering every event day."""

    unit: str
    starts: tuple[dt.date, ...]

    def index(self, day: dt.date) -> int:
        """The position of the period holding `day` (which must lie in the span)."""
        return bisect.bisect_right(self.starts, day) - 1

    def bounds(self, position: int) -> tuple[dt.date, dt.date]:
        """First and last day of the period at `position`."""
        start = self.starts[position]
        return start, next_period(start, self.unit) - dt.timedelta(days=1)

    def label(self, position: int) -> str:
        """How the period is named on an axis: `2025-10-24`, `2025-W43` or `2025-10`."""
        start = self.starts[position]
        if self.unit == "month":
            return start.strftime("%Y-%m")
        if self.unit == "week":
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
        return start.isoformat()


def periods_for(days: Iterable[dt.date], unit: str | None = None) -> Periods | None:
    """The periods covering `days` (unit chosen from their span unless given); None if empty."""
    days = list(days)
    if not days:
        return None
    first, last = min(days), max(days)
    unit = unit or choose_unit(first, last)
    starts, start = [], period_start(first, unit)
    while start <= last:
        starts.append(start)
        start = next_period(start, unit)
    return Periods(unit, tuple(starts))


def count_by_quad(events: Iterable[tuple[dt.date, str]],
                  periods: Periods) -> dict[str, list[int]]:
    """Per quad (all of `QUADS`, in order), the number of events in each period."""
    counts = {quad: [0] * len(periods.starts) for quad in QUADS}
    for day, quad in events:
        counts[quad][periods.index(day)] += 1
    return counts
