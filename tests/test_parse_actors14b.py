"""Actors the parse engine resolves (session 14b): armed groups, forces and bodies that news
names often are known to the gazetteer, by name and by their usual acronyms."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2018, 5, 2)


@pytest.mark.parametrize("text, edge", [
    ("Turkish jets bombed YPG positions near the border on Tuesday.",
     ("turkey", "ATTACKED", "ypg")),
    ("Philippine soldiers clashed with Abu Sayyaf gunmen on the island on Monday.",
     (None, "ATTACKED", "abu-sayyaf")),
    ("The New People's Army ambushed Philippine troops on Sunday.",
     ("new-peoples-army", "ATTACKED", None)),
    ("The government signed a peace deal with the Moro Islamic Liberation Front on Friday.",
     (None, "AGREED", "milf")),
    ("Sudan accused the Justice and Equality Movement of attacking a town on Monday.",
     ("sudan", "ACCUSED", "justice-and-equality-movement")),
    ("The Free Syrian Army attacked Nusra Front fighters on Tuesday.",
     ("free-syrian-army", "ATTACKED", "nusra-front")),
    ("Jabhat al-Nusra fighters shelled Syrian troops on Tuesday.",
     ("nusra-front", "ATTACKED", None)),
    ("India blamed Jaish-e-Mohammed for the attack on the convoy on Friday.",
     ("india", "ACCUSED", "jaish-e-mohammed")),
])
def test_a_well_known_armed_group_is_its_gazetteer_entry(text, edge):
    """Each known group is found under its own id (None: any actor in that place)."""
    found = facts(parse_extract(text, PUBLISHED))
    assert any(all(want is None or want == got for want, got in zip(edge, fact, strict=True))
               for fact in found), found


@pytest.mark.parametrize("text, actor", [
    ("The OPCW condemned the use of chemical weapons in the town on Monday.",
     ("opcw", "IGO", None)),
    ("The Popular Mobilization Forces attacked Islamic State positions on Monday.",
     ("popular-mobilization-forces", "ArmedGroup", "IRQ")),
    ("Turkish jets bombed YPG positions near the border on Tuesday.", ("ypg", "ArmedGroup", "SYR")),
    ("Philippine soldiers clashed with Abu Sayyaf gunmen on Monday.",
     ("abu-sayyaf", "ArmedGroup", "PHL")),
    ("The Free Syrian Army attacked Syrian troops on Tuesday.",
     ("free-syrian-army", "ArmedGroup", "SYR")),
])
def test_a_known_body_is_typed_from_the_gazetteer(text, actor):
    """Its type and country come from its entry, not from a guess on its name."""
    fragment = parse_extract(text, PUBLISHED)
    assert actor in {(entity.id, entity.type.value, entity.country) for entity in fragment.entities}


@pytest.mark.parametrize("text, wrong", [
    ("The ELN detonated a bomb in the southern port city of Buenaventura on Friday, killing "
     "three police officers.", "buenaventura"),
    ("Erdogan visited the Idlib border region on Tuesday and inspected the troops.", "idlib"),
    ("Macron visited the Sahel region on Monday.", "sahel"),
    ("Hong Kong police fired tear gas at protesters on Sunday. Later, hundreds of protesters "
     "blocked roads in the town of Sha Tin.", "sha-tin"),
])
def test_a_place_where_an_act_happens_is_not_its_target(text, wrong):
    """A place in a phrase of location, or called a place as the target of an act no place
    can suffer (a visit, a protest), is where, not whom."""
    found = facts(parse_extract(text, PUBLISHED))
    assert not any(target == wrong for _, _, target in found), found


@pytest.mark.parametrize("text, edge", [
    ("Turkish authorities imposed a curfew in the town of Nusaybin on Monday.",
     ("turkey", "COERCED", "nusaybin")),
    ("Rebels from the MNLA attacked the town of Menaka in Mali on Monday.",
     (None, "ATTACKED", "menaka")),
    ("Mike Pompeo visited India on Tuesday.", ("mike-pompeo", "MET_WITH", "india")),
])
def test_a_place_an_act_can_be_done_to_stays_its_target(text, edge):
    """Attacks, curfews and sieges take a place; a country is never only a place."""
    found = facts(parse_extract(text, PUBLISHED))
    assert any(all(want is None or want == got for want, got in zip(edge, fact, strict=True))
               for fact in found), found


def test_the_central_government_is_the_story_s_country_not_the_latest_named():
    """'the central government' after another country's ministry: the story's country."""
    found = facts(parse_extract(
        "MOGADISHU, Somalia: Al-Shabaab fighters attacked a base in Somalia on Sunday. "
        "Kenya's defence ministry confirmed the attack. The militants want to overthrow the "
        "central government.", PUBLISHED))
    assert not any(target == "kenya" for _, _, target in found), found
    assert ("al-shabaab", "ATTACKED", "somalia") in found


def test_the_group_is_the_armed_group_named_before_an_organization():
    """'the group' after an armed group and then a rights organization: the armed group."""
    found = facts(parse_extract(
        "Boko Haram fighters raided a village in Borno state on Monday. Amnesty International "
        "said the army had failed to protect the villagers. The group later said its fighters had "
        "killed Nigerian soldiers.", PUBLISHED))
    assert ("boko-haram", "ATTACKED", "nigeria") in found, found
    assert not any(source == "amnesty-international" for source, _, _ in found), found


@pytest.mark.parametrize("text", [
    "North Korea fired a missile into the sea on Sunday. Japan condemned the North on Monday.",
    "South Korea condemned the North on Monday after a missile test.",
])
def test_the_north_is_the_divided_country_s_half(text):
    """'the North': the country named whose name starts with it, else the other half of
    the divided country named (South Korea -> North Korea)."""
    found = facts(parse_extract(text, PUBLISHED))
    assert any(verb == "CRITICIZED" and target == "north-korea" for _, verb, target in found), \
        found


def test_a_name_read_with_who_it_leads_is_the_leader():
    """'Nusra Front-led rebels': the rebels are the Nusra Front's, not an actor of that name."""
    fragment = parse_extract("The Nusra Front-led rebels attacked Syrian troops near Aleppo "
                             "on Monday.", PUBLISHED)
    assert ("nusra-front", "ATTACKED", "syria") in facts(fragment)
    assert "nusra-front-led" not in {entity.id for entity in fragment.entities}
