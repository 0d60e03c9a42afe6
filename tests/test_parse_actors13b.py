"""Actors of protests the parse engine resolves (session 13, second wave): a protest held
somewhere against someone is aimed at them, not at the place; a crowd gathered outside an
embassy to protest, or marching past it, protests at the embassy's country."""

from __future__ import annotations

import datetime as dt

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2019, 4, 3)


def test_a_rally_held_somewhere_against_someone_is_aimed_at_them():
    found = facts(parse_extract("Angry members of the Unity Front held rallies in Lusaka "
                                "against President John Banda on Friday.", PUBLISHED))
    assert ("unity-front", "PROTESTED", "john-banda") in found
    assert ("unity-front", "PROTESTED", "zambia") not in found


def test_a_strike_somewhere_with_no_one_aimed_at_stays_at_the_place():
    assert ("zimbabwean-opposition", "PROTESTED", "zimbabwe") in facts(parse_extract(
        "Opposition supporters staged protests in Harare on Friday.", PUBLISHED))


def test_a_crowd_gathered_outside_an_embassy_to_protest_protests_at_its_country():
    found = facts(parse_extract("Hundreds of Kenyan students gathered on Monday outside the "
                                "British Embassy in Nairobi to protest against a new visa "
                                "rule.", PUBLISHED))
    assert ("kenyan-students", "PROTESTED", "united-kingdom") in found


def test_a_crowd_gathered_in_protest_outside_an_embassy():
    assert ("senegalese-farmers", "PROTESTED", "france") in facts(parse_extract(
        "Some 200 farmers gathered outside the French embassy in Dakar on Monday in protest "
        "against a new tax law.", PUBLISHED))


def test_a_gathering_with_no_protest_is_none():
    assert not facts(parse_extract("Fans of the Blue Stars club gathered outside the stadium "
                                   "in Accra on Sunday.", PUBLISHED))


def test_a_crowd_marching_past_an_embassy_protests_at_its_country():
    assert ("people", "PROTESTED", "thailand") in facts(parse_extract(
        "Thousands of people marched past the Thai embassy in Hanoi.", PUBLISHED))


def test_a_convoy_driving_past_an_embassy_protests_at_nothing():
    assert not facts(parse_extract("The convoy drove past the Thai embassy in Hanoi.",
                                   PUBLISHED))
