"""Parse engine, actors (session 10): a country's army acting on its own people is its
armed forces, a body of that country, not the country (a coup, a crackdown)."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract


@pytest.mark.parametrize("text, edge", [
    ("The army detained Evo Morales in La Paz on Tuesday.",
     ("bolivian-army", "ARRESTED", "evo-morales")),
    ("On Tuesday the military arrested Nicolas Maduro in Caracas.",
     ("fanb", "ARRESTED", "nicolas-maduro")),
], ids=["demonym-body", "gazetteer-body"])
def test_an_army_acting_on_its_own_country_s_leader_is_its_armed_forces(text, edge):
    """The body is the gazetteer's armed forces when it knows them, else one named by the
    country's demonym."""
    assert facts(parse_extract(text)) == {edge}


@pytest.mark.parametrize("text, edge", [
    ("The Venezuelan army attacked Colombia on Monday, Nicolas Maduro said.",
     ("venezuela", "ATTACKED", "colombia")),
    ("The Sudanese army shelled Chad on Monday.", ("sudan", "ATTACKED", "chad")),
], ids=["speaker-is-no-target", "foreign-target"])
def test_an_army_facing_others_stays_its_country(text, edge):
    """The leader who reports the army's act is not acted on; another country is no one
    of its own."""
    assert facts(parse_extract(text)) == {edge}


def test_the_leader_commanding_the_army_is_no_domestic_target():
    """'Maduro said the army would defend Venezuela': the state's own command, no body
    acting on its country (no self edge)."""
    assert not facts(parse_extract(
        "Nicolas Maduro said the army would defend Venezuela against Colombia."))


def test_soldiers_acting_on_their_own_country_s_leader_are_its_military():
    """'Soldiers arrested the president': the country's military, named by its demonym."""
    assert facts(parse_extract("Soldiers arrested Evo Morales in La Paz.")) == {
        ("bolivian-military", "ARRESTED", "evo-morales")}
    assert facts(parse_extract("Russian troops attacked Kyiv on Monday.")) == {
        ("russia", "ATTACKED", "ukraine")}


def test_soldiers_detaining_their_own_government_are_its_armed_forces():
    """The check runs once every actor is known: 'government officials' named after the
    army count as its own people too."""
    assert ("sudanese-armed-forces", "ARRESTED", "sudanese-government") in facts(parse_extract(
        "A group of soldiers detained Abdalla Hamdok and other government officials in "
        "Sudan."))


def test_a_body_named_with_its_country_is_that_body_when_named_alone_later():
    """'Kenyan police arrested ... . X called on police to ...': the Kenyan police, not a
    body of no country."""
    assert facts(parse_extract("Kenyan police arrested the opposition leader on Monday. "
                               "Raila Odinga called on police to release the activists.")) == {
        ("raila-odinga", "URGED", "kenyan-police")}


@pytest.mark.parametrize("text, edge", [
    ("Kenya protested on Monday. The foreign ministry urged Uganda to release the activists.",
     ("kenyan-foreign-ministry", "URGED", "uganda")),
    ("The Sudanese information ministry accused Egypt of meddling.",
     ("sudanese-information-ministry", "ACCUSED", "egypt")),
], ids=["country-from-context", "country-named"])
def test_a_ministry_named_by_its_portfolio_is_that_ministry(text, edge):
    assert facts(parse_extract(text)) == {edge}
