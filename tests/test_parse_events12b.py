"""Event readings of the parse engine (session 12, second wave): constructions that recur
in news it was not tuned on."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2019, 4, 3)


@pytest.mark.parametrize("text, fact", [
    ("Latvia announced the expulsion of a Belarusian diplomat on Monday.",
     ("latvia", "EXPELLED_DIPLOMATS", "belarus")),
    ("Minsk has expelled 12 employees of the Lithuanian embassy, the ministry said.",
     ("belarus", "EXPELLED_DIPLOMATS", "lithuania")),
])
def test_expelling_envoys_by_noun_or_by_their_body_is_a_diplomatic_expulsion(text, fact):
    found = facts(parse_extract(text, PUBLISHED))
    assert fact in found
    assert not any(action == "EXPELLED" for _, action, _ in found)


def test_expelling_members_of_a_party_stays_an_expulsion():
    found = facts(parse_extract("Belarus expelled members of the Lithuanian opposition.",
                                PUBLISHED))
    assert not any(action == "EXPELLED_DIPLOMATS" for _, action, _ in found)


@pytest.mark.parametrize("text", [
    "Kenyan and Somali troops traded gunfire and mortar shells on Friday along the border.",
    "Kenya and Somalia traded artillery fire on Friday.",
])
def test_fire_traded_by_two_sides_is_an_attack_each_way(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert {("kenya", "ATTACKED", "somalia"), ("somalia", "ATTACKED", "kenya")} <= found


def test_fire_traded_with_a_side_is_an_attack_on_it():
    assert ("kenya", "ATTACKED", "somalia") in facts(parse_extract(
        "Kenyan troops exchanged artillery barrages with Somalia on Friday.", PUBLISHED))


def test_traded_prisoners_are_no_attack():
    found = facts(parse_extract("Kenya and Somalia exchanged prisoners on Friday.", PUBLISHED))
    assert not any(action == "ATTACKED" for _, action, _ in found)
