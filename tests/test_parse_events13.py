"""Event readings of the parse engine (session 13): constructions that recur in the dev
parts of several news sets."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2019, 4, 3)


@pytest.mark.parametrize("text", [
    "Norway filed a diplomatic protest against Sweden on Monday.",
    "Norway lodged a strong protest against Sweden over the fishing dispute.",
    "Norway sent a note of protest to Sweden on Monday.",
    "Norway submitted a letter of protest against Sweden to the United Nations.",
    "Norway issued a formal protest to Sweden after the incident.",
])
def test_a_protest_handed_over_by_a_light_verb_is_a_protest(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert ("norway", "PROTESTED", "sweden") in found
    assert not any(action in {"COOPERATED", "CRITICIZED"} for _, action, _ in found)
    assert not any(target == "united-nations" for _, _, target in found)  # the addressee


def test_a_note_that_expels_is_no_protest():
    found = facts(parse_extract(
        "Norway handed the Swedish envoy a note declaring two diplomats persona non grata.",
        PUBLISHED))
    assert not any(action == "PROTESTED" for _, action, _ in found)


@pytest.mark.parametrize("text", [
    "Mexico will react if Guatemala imposes new tariffs, the Mexican foreign minister said.",
    "Mexico said it would retaliate against Guatemala.",
    "Mexico warned of the costs of any Guatemalan incursion into Belize.",
    "Mexico warned that Guatemala would face serious consequences.",
    "Mexico said Guatemala would pay a heavy price for the raid.",
])
def test_a_reaction_or_consequence_to_come_is_a_threat(text):
    assert ("mexico", "THREATENED", "guatemala") in facts(parse_extract(text, PUBLISHED))


@pytest.mark.parametrize("text", [
    "Mexico retaliated against Guatemala on Monday.",
    "Mexico said it would respond to the letter from Guatemala next week.",
    "Mexico will respond to Guatemala's request within days.",
])
def test_a_reaction_told_or_a_reply_is_no_threat(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert not any(action == "THREATENED" for _, action, _ in found)


def test_operations_launched_against_a_third_side_are_an_attack_not_cooperation():
    found = facts(parse_extract(
        "Chadian troops and Malian soldiers launched military operations against Boko Haram "
        "on Monday.", PUBLISHED))
    assert {("chad", "ATTACKED", "boko-haram"), ("mali", "ATTACKED", "boko-haram")} <= found
    assert not any(action == "COOPERATED" for _, action, _ in found)


def test_joint_operations_with_no_one_aimed_at_stay_cooperation():
    found = facts(parse_extract("Chad and Mali launched joint operations on Monday.",
                                PUBLISHED))
    assert ("chad", "COOPERATED", "mali") in found


def test_expecting_another_to_act_asks_it_of_them():
    found = facts(parse_extract("Norway expects Sweden to honour the fishing agreement.",
                                PUBLISHED))
    assert ("norway", "REQUESTED", "sweden") in found


def test_an_act_expected_of_no_one_asks_nothing():
    found = facts(parse_extract("Sweden is expected to sign a trade deal with Norway next week.",
                                PUBLISHED))
    assert not any(action == "REQUESTED" for _, action, _ in found)
