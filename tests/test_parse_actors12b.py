"""Actors the parse engine resolves (session 12, second wave): a person's name is what
follows the title nouns a capitalized run begins with ('Chief Cabinet Secretary X', 'MPs X')
and the portfolio of 'Minister of Y X'."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2017, 6, 12)


@pytest.mark.parametrize("text, fact", [
    ("Chief Cabinet Secretary Kenji Harada criticized Norway on Monday.",
     ("kenji-harada", "CRITICIZED", "norway")),
    ("Minister of Sport Ivan Petrov criticized Norway on Monday.",
     ("ivan-petrov", "CRITICIZED", "norway")),
    ("The police led the arrests of MPs Tom Ochola of Gulu Municipality on Monday.",
     ("police", "ARRESTED", "tom-ochola")),
])
def test_title_nouns_are_no_part_of_the_name(text, fact):
    fragment = parse_extract(text, PUBLISHED)
    assert fact in facts(fragment)
    names = {e.name for e in fragment.entities}
    assert not any(n.startswith(("Cabinet", "Sport", "MPs")) for n in names), names


def test_a_short_name_keeps_its_words():
    fragment = parse_extract("Secretary Anna Belford criticized Norway on Monday.", PUBLISHED)
    assert ("anna-belford", "CRITICIZED", "norway") in facts(fragment)


@pytest.mark.parametrize("text, name", [
    ("Norway summoned the Danish ambassador to Norway, Peter Lund, on Monday.", "Peter Lund"),
    ("Oslo recalled its consul in Lagos, Ingrid Vatne, on Monday.", "Ingrid Vatne"),
    ("Police arrested the opposition leader, according to Tomas Hilde, the party's spokesman.",
     "Tomas Hilde"),
])
def test_a_name_after_to_or_in_can_be_a_person(text, name):
    entities = {e.name: e.type.value for e in parse_extract(text, PUBLISHED).entities}
    assert entities.get(name) == "Person", entities


def test_a_name_after_in_is_still_a_place():
    entities = {e.name: e.type.value for e in parse_extract(
        "Rebels attacked a base in Mbuji Kanda on Monday.", PUBLISHED).entities}
    assert entities.get("Mbuji Kanda") == "Location", entities


def test_an_acronym_in_brackets_names_the_words_it_spells():
    fragment = parse_extract("Spain warned of sanctions against the Basque Regional Government "
                             "(BRG) on Monday.", PUBLISHED)
    entity = {e.name: e for e in fragment.entities}["Basque Regional Government"]
    assert entity.type.value == "GovernmentBody" and "BRG" in entity.aliases
    assert ("spain", "THREATENED", "basque-regional-government") in facts(fragment)


def test_an_acronym_that_spells_other_words_names_nothing_new():
    names = {e.name for e in parse_extract(
        "Spain warned of sanctions against the Basque Regional Government (XRG) on Monday.",
        PUBLISHED).entities}
    assert "Basque Regional Government" not in names
