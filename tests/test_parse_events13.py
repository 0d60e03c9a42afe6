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
    "Chad sent reinforcements to its border with Niger on Monday.",
    "Chad deployed two battalions to the border with Niger.",
    "Chad reinforced its border with Niger with more riot police on Tuesday.",
])
def test_a_border_with_a_country_stands_for_that_country(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert ("chad", "DEPLOYED", "niger") in found


def test_a_border_reinforced_with_police_names_no_country():
    found = facts(parse_extract("Chad reinforced the border with more police on Tuesday.",
                                PUBLISHED))
    assert not any(action == "DEPLOYED" for _, action, _ in found)
