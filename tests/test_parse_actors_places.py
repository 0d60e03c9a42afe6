"""The parse engine's actors that no name gives: places and things acted on, people acted on
in a country, and a name after the words that describe it.

Sentences written for these tests (other names, other words than any real article), run
through the real spaCy pipeline (tests/parse_support.py)."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract


@pytest.fixture(scope="module")
def extract():
    return parse_extract


def types(fragment) -> dict[str, str]:
    return {e.id: e.type.value for e in fragment.entities}


# --- places and facilities acted on ------------------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("Gunmen attacked two army bases in Mali on Sunday.", ("malian-gunmen", "ATTACKED", "mali")),
    ("Insurgents shelled a police post in northern Niger on Tuesday.",
     ("nigerien-insurgents", "ATTACKED", "niger")),
], ids=["bases-in-a-country-said-by-the-verb", "a-post-in-part-of-a-country"])
def test_a_facility_attacked_is_the_country_it_lies_in(extract, text, edge):
    """'attacked two bases in Mali', 'a post in northern Niger': the country."""
    assert edge in facts(extract(text))


def test_the_village_of_a_name_is_that_place_even_when_ner_calls_it_an_organization(extract):
    fragment = extract("Militants stormed the village of Kalungu on Friday.")
    assert ("militants", "ATTACKED", "kalungu") in facts(fragment)
    assert types(fragment)["kalungu"] == "Location"


def test_an_owned_facility_is_its_owner_not_the_place_it_lies_in(extract):
    """'Boko Haram positions in Niger': Boko Haram is the target, not Niger."""
    fragment = extract("Chad bombed Boko Haram positions in Niger on Monday.")
    assert facts(fragment) == {("chad", "ATTACKED", "boko-haram")}


def test_a_place_an_act_happens_in_is_no_target(extract):
    """'held talks in a border town in Peru': where, not with whom."""
    fragment = extract("Chile held talks in a border town in Peru on Monday.")
    assert not any(target == "peru" for _, _, target in facts(fragment))


# --- people acted on in a country --------------------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("Peru sent aid to families in Bolivia affected by the floods.", ("peru", "AIDED", "bolivia")),
    ("Canada sanctioned 12 people and four entities in Cuba on Monday.",
     ("canada", "SANCTIONED", "cuba")),
], ids=["families-in-a-country", "coordinated-people-in-a-country"])
def test_people_acted_on_in_a_country_are_that_country(extract, text, edge):
    assert edge in facts(extract(text))


def test_people_acted_on_with_no_place_stay_no_actor(extract):
    fragment = extract("Ecuador imposed travel bans on 40 people undermining the courts.")
    assert facts(fragment) == set()


# --- a name after the words that describe it ---------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("Paris criticized the rebel group M23 on Monday.", ("france", "CRITICIZED", "m23")),
    ("Bolivia and the guerrilla movement FARC signed a truce on Monday.",
     ("farc", "AGREED", "bolivia")),
    ("A leftist rebel group, the ELN, attacked Venezuela on Monday, the government said.",
     ("eln", "ATTACKED", "venezuela")),
], ids=["object", "coordinated-subject", "set-off-appositive"])
def test_a_descriptor_before_a_name_is_the_named_actor(extract, text, edge):
    """'the rebel group M23': M23, and no actor 'rebel group' of its own."""
    fragment = extract(text)
    assert edge in facts(fragment)
    assert not any("group" in e.id or "movement" in e.id for e in fragment.entities)


# --- a government named after its leader -------------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("Medicines donated by President Xi Jinping's administration reached Lima on Monday.",
     ("china", "AIDED", "peru")),
    ("Peru condemned the government of President Nicolas Maduro on Monday.",
     ("peru", "CRITICIZED", "venezuela")),
], ids=["possessive", "of-the-leader"])
def test_a_government_named_after_its_leader_is_the_leader_s_country(extract, text, edge):
    assert edge in facts(extract(text))


def test_a_leader_s_own_government_through_a_pronoun_is_no_target(extract):
    fragment = extract("President Nicolas Maduro defended his administration's record on "
                       "Monday.")
    assert not {f for f in facts(fragment) if f[0] == "nicolas-maduro" and f[2] == "venezuela"
                and f[1] != "LEADS"}


def test_a_regime_named_after_its_leader_stays_the_leader(extract):
    fragment = extract("Peru condemned the regime of President Nicolas Maduro on Monday.")
    assert facts(fragment) == {("peru", "CRITICIZED", "nicolas-maduro")}


# --- a group acted on that the mention finder left out -----------------------------------

def test_a_group_acted_on_is_an_actor_even_before_a_lowercase_word(extract):
    """'kept dozens of student protesters behind bars': the finder skips a group noun
    followed by a lowercase word (it may be a modifier); the parse says it is the object."""
    fragment = extract("President Nicolas Maduro's government kept dozens of student "
                       "protesters behind bars on Monday.")
    assert ("venezuela", "ARRESTED", "student-protesters") in facts(fragment)


# --- deeds and followers named with the actor behind them --------------------------------

def test_a_deed_investigated_stands_for_its_doer(extract):
    """'an inquiry into crimes committed by Chilean troops': the troops are accused."""
    fragment = extract("Peruvian prosecutors opened an investigation into alleged crimes "
                       "committed by Chilean troops.")
    assert any(kind == "ACCUSED" and target == "chile" for _, kind, target in facts(fragment))


@pytest.mark.parametrize("text, edge", [
    ("Fighters loyal to Hezbollah fired rockets at Cyprus on Monday.",
     ("hezbollah", "ATTACKED", "cyprus")),
    ("Militias allied to Hamas attacked Jordan on Monday.", ("hamas", "ATTACKED", "jordan")),
], ids=["loyal-to", "allied-to"])
def test_followers_named_by_whom_they_follow_are_that_actor(extract, text, edge):
    """'fighters loyal to Hezbollah' are Hezbollah, not a group of fighters (nor Jordan's)."""
    assert facts(extract(text)) == {edge}


# --- a person's name the finder split ----------------------------------------------------

def test_a_long_title_before_a_name_leaves_the_person_whole(extract):
    """'Minister of Lands and Urban Development Hassan Ali Banda': the finder guesses
    'Urban Development Hassan' and 'Ali Banda'; NER reads one person, who acts."""
    fragment = extract("Malawi's Minister of Lands and Urban Development Hassan Ali Banda was "
                       "at the port and he thanked Japan for the gift.")
    assert facts(fragment) == {("hassan-ali-banda", "PRAISED", "japan")}
    assert not any("development" in e.id or e.id == "ali-banda" for e in fragment.entities)


def test_officials_from_coordinated_countries_are_each_country(extract):
    """'officials from A, B and C': the act targets all three, not only the first."""
    fragment = extract("Canada will restrict visas for officials from Peru, Bolivia and Chile.")
    assert {target for _, kind, target in facts(fragment) if kind == "REVOKED_VISA"} == {
        "peru", "bolivia", "chile"}
