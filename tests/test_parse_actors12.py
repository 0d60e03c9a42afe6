"""Actors the parse engine resolves (session 12): 'IS' as the Islamic State."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2017, 6, 12)


@pytest.mark.parametrize("text", [
    "Kurdish militias said IS fighters attacked a checkpoint near Hasakah on Sunday.",
    "Turkish jets bombed IS positions near al-Bab on Sunday, the army said.",
])
def test_is_names_the_islamic_state(text):
    fragment = parse_extract(text, PUBLISHED)
    assert "islamic-state" in {e.id for e in fragment.entities}
    assert not any(e.name == "IS" for e in fragment.entities)


def test_is_acts_as_the_islamic_state():
    assert ("islamic-state", "ATTACKED", "kenya") in facts(parse_extract(
        "IS militants attacked Kenyan troops near Mandera on Sunday.", PUBLISHED))


def test_the_verb_is_is_no_islamic_state():
    fragment = parse_extract("It is clear that Moldova expelled two Russian diplomats on "
                             "Sunday.", PUBLISHED)
    assert "islamic-state" not in {e.id for e in fragment.entities}
