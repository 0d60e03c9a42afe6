"""Time expressions resolve against the article date with the right precision."""

import datetime as dt

import pytest

from geokg.extract.dates import apply_offset, find_time_expressions
from geokg.graph.model import date_bounds, validate_date_prefix

SEED_DAY = dt.date(2025, 11, 27)  # a Thursday


@pytest.mark.parametrize(("text", "expected"), [
    ("In October, the US Treasury sanctioned Petro", "2025-10"),
    ("revoking his visa in September after he", "2025-09"),
    ("On Tuesday, he accused the US", "2025-11-25"),
    ("their annual report published in March", "2025-03"),
    ("late Friday the ministry said", "2025-11-21"),
    ("on Thursday", "2025-11-27"),
    ("in December", "2025-12"),  # the coming December: last year's would be 'last December'
    ("in August", "2025-08"),
    ("since December", "2024-12"),
    ("on December 4", "2025-12-04"),  # a week ahead: the coming one, not last year's
    ("on 3 February", "2025-02-03"),  # over two months ahead: the latest past one
    ("on October 24, 2025", "2025-10-24"),
    ("on 3 March 2024", "2024-03-03"),
    ("on Oct. 24", "2025-10-24"),
    ("last month", "2025-10"),
    ("earlier this month", "2025-11"),
    ("last year", "2024"),
    ("in 2019", "2019"),
    ("yesterday", "2025-11-26"),
    ("two days ago", "2025-11-25"),
    ("published 2025-08-01", "2025-08-01"),
])
def test_expression_resolves(text, expected):
    found = [t for t in find_time_expressions(text, SEED_DAY) if t.date]
    assert [t.date for t in found] == [expected]


def test_an_upcoming_day_is_future_and_dates_no_act():
    """'agreed to meet on December 4' in a report of November 27: the meeting is to come,
    so the day neither dates the agreement nor falls back to last year."""
    (day,) = find_time_expressions("The two ministers agreed to meet on December 4", SEED_DAY)
    assert (day.date, day.future) == ("2025-12-04", True)
    (past,) = find_time_expressions("The two ministers met on November 4", SEED_DAY)
    assert (past.date, past.future) == ("2025-11-04", False)


def test_offsets_are_kept_for_anchoring():
    (offset,) = find_time_expressions("His comments came a day after the US designated", SEED_DAY)
    assert offset.offset_days == -1 and offset.offset_precise  # the designation came first
    assert apply_offset("2025-11-27", offset.offset_days, offset.offset_precise) == "2025-11-26"
    (vague,) = find_time_expressions("The sanctions were imposed days after Trump said", SEED_DAY)
    assert not vague.offset_precise
    assert apply_offset("2025-10", vague.offset_days, vague.offset_precise) == "2025-10"
    (before,) = find_time_expressions("The talks ended two days before the army moved", SEED_DAY)
    assert before.offset_days == 2
    assert apply_offset("2025-11-27", before.offset_days, before.offset_precise) == "2025-11-29"
    assert apply_offset("2025-11-27", -3, False) == "2025-11"


def test_without_an_article_date_relative_expressions_stay_unresolved():
    found = find_time_expressions("On Tuesday, in October, he said", None)
    assert [t.date for t in found] == [None, None]
    assert find_time_expressions("on October 24, 2025", None)[0].date == "2025-10-24"


def test_decades_are_recognized_but_not_given_a_false_date():
    (decade,) = find_time_expressions("active in the 1970s", SEED_DAY)
    assert decade.kind == "decade" and decade.date is None


@pytest.mark.parametrize("good", ["2025", "2025-10", "2025-10-24"])
def test_date_prefix_accepts(good):
    assert validate_date_prefix(good) == good


@pytest.mark.parametrize("bad", ["25", "2025-13", "2025-02-30", "2025/10/24", "October"])
def test_date_prefix_rejects(bad):
    with pytest.raises(ValueError):
        validate_date_prefix(bad)


def test_date_bounds():
    assert date_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_bounds("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_every_pattern_has_a_declared_kind():
    from typing import get_args

    from geokg.extract.dates import PATTERNS, TimeKind

    assert [kind for kind, _ in PATTERNS] == list(get_args(TimeKind))


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("earlier this week", dt.date(2024, 3, 15), "2024-03"),  # Monday 11 to Friday 15
    ("earlier this week", dt.date(2024, 3, 2), "2024"),  # Monday 26 Feb to Saturday 2 Mar
    ("this week", dt.date(2025, 1, 1), None),  # Monday 30 Dec 2024 to 1 Jan 2025
    ("later this week", dt.date(2024, 3, 29), "2024-03"),  # Friday 29 to Sunday 31
    ("later this week", dt.date(2024, 5, 30), "2024"),  # Thursday 30 May to Sunday 2 June
    ("last week", dt.date(2024, 3, 2), "2024-02"),
])
def test_this_week_is_the_week_told_in(text, published, expected):
    """'this week' is the week of the day told (not last week): its month when the week lies
    in one, its year when it spans two months, nothing when it spans two years."""
    assert [t.date for t in find_time_expressions(text, published)] == [expected]
