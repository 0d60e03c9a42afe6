"""Actors the parse engine resolves (session 13): a force's facility stands for the force;
'the government' acted on by a rebel force or an opponent is the country."""

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


def test_rebels_of_a_country_act_on_the_country_of_the_government():
    found = facts(parse_extract("Rebels in Chad's eastern Ouaddai region accused the "
                                "government of shelling their camps.", PUBLISHED))
    assert ("ouaddai-rebels", "ACCUSED", "chad") in found
    assert ("ouaddai-rebels", "ACCUSED", "chadian-government") not in found


def test_an_opposition_leader_does_not_keep_the_government_a_body():
    found = facts(parse_extract("Street protests spread across Venezuela on Monday. Venezuelan "
                                "opposition leader Ana Ruiz asked the government for an "
                                "inquiry into the deaths.", PUBLISHED))
    assert not any(target == "venezuelan-government" for _, _, target in found)
