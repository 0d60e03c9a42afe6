"""The periods the timeline strip and `geokg plot` count events in."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.exports.periods import choose_unit, count_by_quad, event_start, periods_for
from geokg.graph.vocabulary import PLOVER_CATEGORIES, QUADS, plover_quad

D = dt.date


@pytest.mark.parametrize(("first", "last", "unit"), [
    (D(2025, 1, 1), D(2025, 1, 1), "day"),
    (D(2025, 1, 1), D(2025, 3, 3), "day"),  # 62 days
    (D(2025, 1, 1), D(2025, 3, 4), "week"),
    (D(2025, 1, 1), D(2025, 10, 7), "week"),  # 280 days
    (D(2025, 1, 1), D(2025, 10, 8), "month"),
])
def test_the_unit_follows_the_span(first, last, unit):
    assert choose_unit(first, last) == unit


def test_weeks_start_on_monday_and_months_roll_over_the_year():
    weeks = periods_for([D(2025, 12, 31), D(2025, 11, 1)], "week")
    assert weeks.starts[0] == D(2025, 10, 27) and weeks.starts[0].weekday() == 0
    assert weeks.index(D(2025, 11, 2)) == 0 and weeks.index(D(2025, 11, 3)) == 1
    assert weeks.label(0) == "2025-W44"
    months = periods_for([D(2025, 11, 30), D(2026, 2, 1)], "month")
    assert months.starts == (D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1))
    assert months.bounds(1) == (D(2025, 12, 1), D(2025, 12, 31))
    assert months.label(2) == "2026-01"
    assert periods_for([]) is None


def test_an_event_is_a_dated_plover_relation_counted_where_its_date_begins():
    assert event_start({"date": "2025-10", "category": "SANCTION"}) == D(2025, 10, 1)
    assert event_start({"date": "2025", "category": "ACCUSE"}) == D(2025, 1, 1)
    assert event_start({"date": None, "category": "SANCTION"}) is None
    assert event_start({"date": "2025-10-24", "category": None}) is None  # a standing tie
    periods = periods_for([D(2025, 10, 1), D(2025, 10, 24)], "day")
    counts = count_by_quad([(D(2025, 10, 1), QUADS[2]), (D(2025, 10, 24), QUADS[2]),
                            (D(2025, 10, 24), QUADS[0])], periods)
    assert counts[QUADS[2]][0] == 1 and counts[QUADS[2]][23] == 1 and counts[QUADS[0]][23] == 1
    assert sum(map(sum, counts.values())) == 3 and list(counts) == list(QUADS)


def test_every_plover_category_has_one_quad_and_ties_have_none():
    assert {plover_quad(c) for c in PLOVER_CATEGORIES} == set(QUADS)
    assert plover_quad("SANCTION") == "verbal conflict"
    assert plover_quad("ASSAULT") == "material conflict"
    assert plover_quad("REQUEST") == "verbal cooperation"
    assert plover_quad(None) is None and plover_quad("UNKNOWN") is None
