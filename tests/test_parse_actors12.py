"""Actors the parse engine resolves (session 12): 'IS' as the Islamic State; an army,
military or junta whose country the text never says."""

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


@pytest.mark.parametrize("text, fact", [
    ("Kenyan President William Ruto strongly condemned the military's crackdown.",
     ("william-ruto", "CRITICIZED", "military")),
    ("ECOWAS envoys will meet the junta on Thursday.",
     ("ecowas", "MET_WITH", "junta")),
    ("The junta expelled the French ambassador on Monday.",
     ("junta", "EXPELLED_DIPLOMATS", "france")),
])
def test_a_ruling_body_of_no_said_country_is_named_by_its_noun(text, fact):
    assert fact in facts(parse_extract(text, PUBLISHED))


@pytest.mark.parametrize("text, fact", [
    ("ECOWAS envoys will meet the junta in Conakry on Thursday.",
     ("ecowas", "MET_WITH", "guinea")),
    ("Thousands of people in Mali protested against the military on Friday.",
     ("malian-people", "PROTESTED", "mali")),
])
def test_a_ruling_body_whose_country_is_said_stays_that_country(text, fact):
    fragment = parse_extract(text, PUBLISHED)
    assert fact in facts(fragment)
    assert not {"junta", "military"} & {e.id for e in fragment.entities}


@pytest.mark.parametrize("text, fact", [
    ("The UN chief urged the government of Chad to find the killers.",
     ("united-nations", "URGED", "chad")),
    ("The federal government of Nigeria has cut diplomatic ties with neighbouring Niger.",
     ("nigeria", "RECALLED_AMBASSADOR", "niger")),
    ("Peru was behind the raids on the border posts, the government of Chile said.",
     ("chile", "ACCUSED", "peru")),
])
def test_the_government_of_a_country_is_that_country(text, fact):
    """As 'the Chadian government' is: one actor, whichever way it is written."""
    assert fact in facts(parse_extract(text, PUBLISHED))


def test_the_government_stays_a_body_when_its_own_people_act_on_it():
    assert ("peruvian-workers", "PROTESTED", "peruvian-government") in facts(parse_extract(
        "Workers went on strike against the government of Peru on Monday.", PUBLISHED))


def test_a_generational_suffix_is_not_the_name_a_person_is_called_by():
    fragment = parse_extract("Foreign Secretary Ramon Dizon Jr. spoke on Monday. Dizon "
                             "condemned China on Tuesday.", PUBLISHED)
    people = [e for e in fragment.entities if e.type.value == "Person"]
    assert len(people) == 1
    assert (people[0].id, "CRITICIZED", "china") in facts(fragment)


def test_the_chinese_coast_guard_is_a_body_of_its_own():
    fragment = parse_extract("Chinese coast guard vessels fired water cannons on two Philippine "
                             "supply boats on Saturday.", PUBLISHED)
    guard = next(e for e in fragment.entities if e.id == "china-coast-guard")
    assert guard.country == "CHN"
    assert any(r.source == "china-coast-guard" for r in fragment.relations)


def test_the_israeli_air_force_is_the_israel_defense_forces():
    assert ("idf", "ATTACKED", "hamas") in facts(parse_extract(
        "The Israeli Air Force struck 20 targets in the Gaza Strip on Tuesday, hitting Hamas "
        "sites.", PUBLISHED))
