"""Actors the parse engine resolves (session 13): a force's facility stands for the force."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2019, 4, 3)


@pytest.mark.parametrize("text, fact", [
    ("Jihadists from the Sahel Front stormed a military camp on Monday.",
     ("sahel-front", "ATTACKED", "military")),
    ("Insurgents ambushed two army checkpoints at dawn on Sunday.",
     ("insurgents", "ATTACKED", "army")),
    ("Gunmen attacked police stations across Kenya overnight.",
     ("kenyan-gunmen", "ATTACKED", "kenyan-police")),
])
def test_a_force_s_facility_stands_for_the_force(text, fact):
    """'a military camp', 'army checkpoints', 'police stations': the force they belong to."""
    assert fact in facts(parse_extract(text, PUBLISHED))


def test_a_facility_in_a_named_country_is_still_that_country():
    assert ("al-shabaab", "ATTACKED", "kenya") in facts(parse_extract(
        "Al-Shabab fighters overran a military base in Kenya on Monday.", PUBLISHED))
