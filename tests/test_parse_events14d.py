"""Event constructions of session 14 (d): a gathering of protesters is a protest, an act
done 'in coordination with Y' is a cooperation with Y, talks seen to have 'no chance' are
rejected, aircraft or warships flown or sailed near a country are deployed there, an attack
told from its victim's side is still an attack, and measures 'targeting Y' only vowed are
still to come."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2018, 5, 2)


def types_between(text: str, source: str, target: str) -> set[str]:
    return {t for s, t, o in facts(parse_extract(text, PUBLISHED))
            if s == source and o == target}


@pytest.mark.parametrize("text, target", [
    ("Demonstrators gathered outside the Chilean embassy on Monday evening.", "chile"),
    ("Dozens of protesters assembled in front of the French consulate in Geneva.", "france"),
])
def test_protesters_who_gather_somewhere_protest_there(text, target):
    found = facts(parse_extract(text, PUBLISHED))
    assert any(t == "PROTESTED" and o == target for _, t, o in found)


def test_others_who_gather_somewhere_hold_no_protest():
    found = facts(parse_extract("Finance ministers gathered outside the Chilean embassy.",
                                PUBLISHED))
    assert not any(t == "PROTESTED" for _, t, _ in found)


@pytest.mark.parametrize("text, source, target", [
    ("The Dutch measures were adopted in coordination with Belgium.", "netherlands",
     "belgium"),
    ("Kenya acted in close cooperation with Uganda against the smugglers.", "kenya",
     "uganda"),
])
def test_an_act_done_in_coordination_with_another_is_a_cooperation(text, source, target):
    assert "COOPERATED" in types_between(text, source, target)


@pytest.mark.parametrize("text, source, target", [
    ("Seoul said it saw no chance of talks with Pyongyang this year.", "south-korea",
     "north-korea"),
    ("Ghana said there was no possibility of negotiations with Togo.", "ghana", "togo"),
])
def test_talks_given_no_chance_are_rejected(text, source, target):
    found = types_between(text, source, target)
    assert "REJECTED" in found and "MET_WITH" not in found


def test_talks_given_a_chance_are_no_rejection():
    found = facts(parse_extract("Ghana said there was a real chance of negotiations with "
                                "Togo.", PUBLISHED))
    assert not any(t == "REJECTED" for _, t, _ in found)


@pytest.mark.parametrize("text, source, target", [
    ("Russia flew two bombers near Norway on Tuesday.", "russia", "norway"),
    ("India sailed three warships around Sri Lanka last week.", "india", "sri-lanka"),
])
def test_aircraft_or_warships_flown_near_a_country_are_deployed(text, source, target):
    assert "DEPLOYED" in types_between(text, source, target)


@pytest.mark.parametrize("text, source, target", [
    ("Chad has been subjected to a wave of Libyan rocket attacks.", "libya", "chad"),
    ("Kenya suffered a string of raids by al-Shabaab last year.", "al-shabaab", "kenya"),
    ("Israel came under mortar fire from Syria on Sunday.", "syria", "israel"),
])
def test_an_attack_told_from_the_side_of_its_victim(text, source, target):
    assert "ATTACKED" in types_between(text, source, target)


def test_coming_under_fire_from_critics_is_no_attack():
    found = facts(parse_extract("The Kenyan government came under fire from Human Rights "
                                "Watch on Monday.", PUBLISHED))
    assert not any(t == "ATTACKED" for _, t, _ in found)


def status_of(text: str, action: str) -> set[str]:
    fragment = parse_extract(text, PUBLISHED)
    return {str(getattr(r.status, "value", r.status)) for r in fragment.relations
            if r.type == action}


@pytest.mark.parametrize("verb", ["vowed", "threatened", "pledged"])
def test_measures_targeting_someone_only_vowed_are_still_to_come(verb):
    text = f"Canada {verb} new sanctions targeting Venezuelan officials."
    assert status_of(text, "SANCTIONED") == {"announced"}


def test_measures_targeting_someone_imposed_are_done():
    text = "Canada imposed new sanctions targeting Venezuelan officials."
    assert status_of(text, "SANCTIONED") == {"asserted"}


def test_a_gathering_targets_the_owner_nearest_the_place_noun():
    """'outside Lima's Chilean embassy': the embassy is Chile's, not Peru's."""
    found = facts(parse_extract("Protesters gathered outside Lima's Chilean embassy on "
                                "Monday.", PUBLISHED))
    targets = {o for _, t, o in found if t == "PROTESTED"}
    assert targets == {"chile"}


def test_went_on_to_is_done_and_going_to_still_to_come():
    assert status_of("Peru went on to condemn Chile's naval drills.", "CRITICIZED") == {
        "asserted"}
    assert status_of("Peru is going to condemn Chile's naval drills.", "CRITICIZED") == {
        "announced"}
