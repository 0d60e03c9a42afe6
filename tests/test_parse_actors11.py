"""Actors the parse engine resolves (session 11): a counterpart's title and country, an
unnamed counterpart, and a title named with another country than its last holder's."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import parse_extract

PUBLISHED = dt.date(2021, 3, 1)


def _edges(text: str) -> set[tuple[str, str, str]]:
    fragment = parse_extract(text, PUBLISHED)
    names = {e.id: e.name for e in fragment.entities}
    return {(names[r.source], r.type, names[r.target]) for r in fragment.relations}


def _entity(text: str, name: str):
    fragment = parse_extract(text, PUBLISHED)
    return next(e for e in fragment.entities if e.name == name)


COUNTERPART = ("Talks were held between Kenyan Foreign Minister Amina Odhiambo and her "
               "visiting Ugandan counterpart Peter Mugisha. The Ugandan foreign minister also "
               "met with Kenyan President William Ruto on Tuesday.")


def test_counterpart_is_of_the_country_its_title_names():
    assert _entity(COUNTERPART, "Peter Mugisha").country == "UGA"


def test_the_counterpart_holds_the_possessors_title():
    edges = _edges(COUNTERPART)
    assert ("Peter Mugisha", "MET_WITH", "William Ruto") in edges
    assert ("Amina Odhiambo", "MET_WITH", "William Ruto") not in edges


def test_an_unnamed_counterpart_is_the_other_side():
    edges = _edges("Chilean President Gabriel Boric recalled his ambassador on "
                   "Monday. Hours later, Peruvian President Pedro Castillo appeared on national "
                   "TV and accused his counterpart of lying.")
    assert ("Pedro Castillo", "ACCUSED", "Gabriel Boric") in edges


def test_a_title_of_another_country_is_not_its_last_holder():
    edges = _edges("Kenyan Foreign Minister Amina Odhiambo arrived in Kampala on "
                   "Monday. The Ugandan foreign minister condemned Kenya on Tuesday.")
    assert not any(source == "Amina Odhiambo" and kind == "CRITICIZED"
                   for source, kind, _ in edges)


FOUND = [
    # an official the article never names acts for his country, as PLOVER codes it
    ("Kenyan Foreign Minister Amina Odhiambo arrived in Kampala on Monday. The Ugandan "
     "foreign minister condemned Kenya on Tuesday.", ("Uganda", "CRITICIZED", "Kenya")),
    # Scotland Yard is the London police (gazetteer)
    ("Scotland Yard said on Friday its officers had arrested Carlos Mendes inside the embassy.",
     ("Metropolitan Police", "ARRESTED", "Carlos Mendes")),
    # a country fired 'at' is acted on, not the attackers' own country
    ("Border militants fired rockets at Chad on Saturday, the army said.",
     ("militants", "ATTACKED", "Chad")),
    # a generic body before an irregular past tense is its subject, not a modifier
    ("On Friday, police put opposition leader Marta Solis under house arrest.",
     ("police", "ARRESTED", "Marta Solis")),
    # a noun set off by an unknown acronym is that body
    ("The AU's observer team, AUMOT, accused the Malian army of abuses.",
     ("AUMOT", "ACCUSED", "Mali")),
]


@pytest.mark.parametrize(("text", "edge"), FOUND)
def test_the_actor_is_found(text, edge):
    assert edge in _edges(text)


def test_a_country_naming_a_currency_is_no_actor():
    edges = _edges("Ghana and Togo met in Accra. The two neighbours said trade "
                   "reached 3 billion U.S. dollars and agreed to double it by 2030.")
    assert not any("United States" in (source, target) for source, _, target in edges)


def test_the_coup_leaders_are_the_ruling_military_of_the_country():
    edges = _edges("The bloc said it suspended Mali on Tuesday after a coup by the "
                   "country's military in July. The Union also renewed calls for the coup "
                   "leaders to release elected President Ali Keita.")
    assert any(kind == "URGED" and target == "Mali" for _, kind, target in edges)


def test_a_pro_country_group_is_no_group_of_that_country():
    edges = _edges("The Georgian army and pro-Turkish militias accused each other "
                   "on Monday of shelling the border town.")
    assert ("pro-Turkish militias", "ACCUSED", "Georgia") in edges
    assert not any(source == "Turkish militias" for source, _, _ in edges)


def test_pro_country_forces_are_a_side_of_their_own():
    edges = _edges("Pro-Chinese forces blamed Hanoi's troops for the violations.")
    assert any(source == "pro-Chinese forces" and kind == "ACCUSED"
               for source, kind, _ in edges)


def test_a_name_not_set_off_is_no_apposition():
    edges = _edges("Angola's government and former rebel movement Unita have signed "
                   "a ceasefire, Unita said on Sunday.")
    assert any(kind == "AGREED" and source == "Angola" for source, kind, _ in edges)


def test_a_lone_first_or_last_name_is_the_person_named_before():
    text = ("The accord was signed by Malawian President Kamuzu Phiri and Zambian President "
            "Levy Banda on Monday. Banda arrived in Lilongwe on Sunday, where he was welcomed "
            "at the airport by Kamuzu.")
    edges = _edges(text)
    assert ("Levy Banda", "MET_WITH", "Malawi") in edges
    assert not any(source == "Kamuzu" for source, _, _ in edges)
