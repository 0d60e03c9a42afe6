"""Actors the parse engine resolves (session 14): a backer is no owner ('US-backed
fighters'), a passive verb's agent is not its patient's country, a military operation's name
is no actor, a people or faction named before a group noun names the group, and a name
guessed to be a person's before an armed group's noun is that group."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2018, 5, 2)


@pytest.mark.parametrize("text, wrong", [
    ("Fighting went on in Iraq. Jordanian jets bombed US-backed militiamen near the border.",
     "american-militiamen"),
    ("Clashes spread in Libya. Egyptian-backed rebels attacked the town of Derna.",
     "egyptian-rebels"),
    ("Clashes spread in Libya. Egyptian-backed rebels attacked Chadian troops near Kufra.",
     "egypt"),
])
def test_a_backer_does_not_own_the_group_it_backs(text, wrong):
    """'US-backed militiamen' are no US body: they resolve as bare 'militiamen' would."""
    found = facts(parse_extract(text, PUBLISHED))
    assert not any(wrong in (source, target) for source, _, target in found)


def test_a_backed_group_is_the_group_of_the_country_in_context():
    found = facts(parse_extract("Fighting went on in Iraq. Jordanian jets bombed US-backed "
                                "militiamen near the border.", PUBLISHED))
    assert ("jordan", "ATTACKED", "iraqi-militiamen") in found


def test_a_passive_verb_s_agent_is_not_the_country_of_its_patient():
    """'three fighters were killed by Turkish jets': not Turkish fighters."""
    found = facts(parse_extract("Turkey sent troops into Syria. The group said that four "
                                "fighters had been killed by Turkish jets.", PUBLISHED))
    assert ("turkey", "ATTACKED", "syrian-fighters") in found
    assert ("turkey", "ATTACKED", "turkish-fighters") not in found


def test_a_country_owning_the_object_is_what_the_verb_acts_on():
    """'militias attacked the US embassy': the US is the target, not the militias' own."""
    found = facts(parse_extract("Protests grew in Iraq. Militias attacked the US embassy "
                                "in Baghdad on Tuesday.", PUBLISHED))
    assert ("iraqi-militias", "ATTACKED", "united-states") in found
    assert ("american-militias", "ATTACKED", "united-states") not in found


@pytest.mark.parametrize("text", [
    "Ankara launched Operation Desert Hawk against Kurdish rebels. Operation Desert Hawk "
    "targeted Kurdish rebels in the mountains.",
    "The 2017 Tigris Shield Operation, which targeted Islamist militants, ended in May.",
])
def test_a_military_operation_s_name_is_no_actor(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert not any("operation" in source or "operation" in target
                   for source, _, target in found)


@pytest.mark.parametrize("text, fact", [
    ("War raged in Yemen. Houthi fighters killed 40 Gulf Arab soldiers on Friday.",
     ("houthis", "ATTACKED", "gulf-arab-soldiers")),
    ("Unrest grew in Iraq. Shiite militias attacked the US embassy on Tuesday.",
     ("shiite-militias", "ATTACKED", "united-states")),
])
def test_a_people_or_faction_before_a_group_noun_names_the_group(text, fact):
    """'Gulf Arab soldiers', 'Shiite militias': not the country the article is about."""
    assert fact in facts(parse_extract(text, PUBLISHED))


def test_a_name_guessed_a_person_s_before_gunmen_is_an_armed_group():
    fragment = parse_extract("Fighting went on in the Philippines. Philippine troops killed 12 Abu "
                             "Sayyaf gunmen on Friday.", PUBLISHED)
    assert ("philippines", "ATTACKED", "abu-sayyaf") in facts(fragment)
    assert {e.id: e.type.value for e in fragment.entities}["abu-sayyaf"] == "ArmedGroup"


def test_an_acronym_before_militants_is_the_armed_group_they_belong_to():
    """'KDF militants ...; the KDF said three militants were killed': the KDF's militants."""
    found = facts(parse_extract("KDF militants attacked a Turkish convoy. The KDF said that "
                                "three militants had been killed by Turkish jets.", PUBLISHED))
    assert ("turkey", "ATTACKED", "kdf") in found


def test_they_after_a_pair_subject_is_both_of_the_pair():
    found = facts(parse_extract("Chile and Peru rejected the ruling. They accused Bolivia "
                                "of stalling the talks.", PUBLISHED))
    assert {("chile", "ACCUSED", "bolivia"), ("peru", "ACCUSED", "bolivia")} <= found


def test_they_is_no_pair_when_the_pair_was_not_the_subject():
    """'Egypt rejected a plan drafted by Chile and Peru. They accused ...': not both."""
    found = facts(parse_extract("Egypt rejected a plan drafted by Chile and Peru. They "
                                "accused Bolivia of stalling the talks.", PUBLISHED))
    assert ("chile", "ACCUSED", "bolivia") not in found


@pytest.mark.parametrize("text, fact", [
    ("Clashes went on in Somalia. Gunmen with the al-Shabab group raided a police post.",
     ("al-shabaab", "ATTACKED", "somali-police")),
    ("Tension rose in Mali. Insurgents from Boko Haram ambushed a Nigerien patrol.",
     ("boko-haram", "ATTACKED", "niger")),
])
def test_a_generic_group_of_a_named_group_is_that_group(text, fact):
    """'gunmen with the al-Shabab group', 'insurgents from X': X, not the country."""
    assert fact in facts(parse_extract(text, PUBLISHED))


@pytest.mark.parametrize("text, fact", [
    ("Clashes went on in Somalia. Al-Shabab said its fighters had killed four Kenyan "
     "soldiers.", ("al-shabaab", "ATTACKED", "kenya")),
    ("Hezbollah said its gunmen had attacked an Israeli patrol near the border.",
     ("hezbollah", "ATTACKED", "israel")),
])
def test_members_named_by_their_possessor_are_the_possessor(text, fact):
    """'its fighters', 'its gunmen': the group that owns them, not a bare 'fighters'."""
    found = facts(parse_extract(text, PUBLISHED))
    assert fact in found
    assert not any(source in {"fighters", "gunmen"} for source, _, _ in found)


def test_its_members_follow_the_clause_subject_not_the_latest_body():
    """'The militia ... its fighters' after a sentence naming the UN: the militia's."""
    found = facts(parse_extract(
        "Hezbollah shelled a border post. The United Nations made no comment. Hezbollah "
        "claimed on its website that its fighters had killed two Israeli soldiers.", PUBLISHED))
    assert ("hezbollah", "ATTACKED", "israel") in found
    assert ("united-nations", "ATTACKED", "israel") not in found
