"""The parse engine's actors: who a phrase names and what a later phrase refers to.

Sentences written for these tests (other names, other words than any real article), run
through the real spaCy pipeline (tests/parse_support.py: they fail in CI without a model).
Each test states the edges (source, type, target, status, date) a construction gives."""

from __future__ import annotations

import pytest

from geokg.graph.model import GraphFragment
from tests.parse_support import PUBLISHED, edges, parse_extract

TODAY = PUBLISHED.isoformat()


@pytest.fixture(scope="module")
def extract():
    """Extract one text as an article published on PUBLISHED (no memory of earlier ones)."""
    return parse_extract


def names(fragment: GraphFragment) -> dict[str, str]:
    return {e.id: e.name for e in fragment.entities}


# --- definite anaphors of acts and actors -------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("Norway has claimed that Peru armed the rebels of Ecuador. Peru has denied the claims.",
     ("peru", "DENIED", "norway")),
    ("Norway accused Chile of hiding the tankers. Chile has rejected the accusations.",
     ("chile", "REJECTED", "norway")),
    ("The Arab League met in Cairo on Monday. The bloc later imposed sanctions on Syria.",
     ("arab-league", "SANCTIONED", "syria")),
    ("Hezbollah fired rockets at Israel on Monday. The group also attacked Cyprus.",
     ("hezbollah", "ATTACKED", "cyprus")),
], ids=["the-claims-of-a-claimant", "the-accusations-of-an-accuser", "the-bloc",
        "the-group"])
def test_a_definite_phrase_refers_to_an_earlier_actor_or_act(extract, text, edge):
    """'the claims' -> who claimed; 'the bloc', 'the group' -> the latest of that kind."""
    assert edge in {e[:3] for e in edges(extract(text))}


# --- possessive and modified bodies -----------------------------------------------------

def test_a_country_s_ministry_is_a_body_of_that_country(extract):
    fragment = extract("Chile's interior ministry condemned Bolivia on Monday.")
    assert edges(fragment) == {("chilean-interior-ministry", "CRITICIZED", "bolivia",
                                "asserted", "2024-03-11")}
    [ministry] = [e for e in fragment.entities if e.id == "chilean-interior-ministry"]
    assert (ministry.name, ministry.aliases, ministry.type.value) == (
        "Chilean interior ministry", ["Chile's interior ministry"], "GovernmentBody")


def test_a_ministry_belongs_to_its_own_country_not_to_the_object_s(extract):
    fragment = extract("The Peruvian foreign ministry criticized Ecuador.")
    assert edges(fragment) == {("peruvian-foreign-ministry", "CRITICIZED", "ecuador",
                                "asserted", TODAY)}


def test_a_place_s_ministry_is_named_after_the_place(extract):
    fragment = extract("Darfur's health ministry accused Chad of shelling the camps.")
    assert edges(fragment) == {("darfur-health-ministry", "ACCUSED", "chad", "asserted",
                                TODAY)}
    assert names(fragment)["darfur-health-ministry"] == "Darfur health ministry"


@pytest.mark.parametrize("council", ["Security Council", "Peace and Security Council"])
def test_an_organization_s_council_is_that_organization(extract, council):
    fragment = extract(f"The Arab League's {council} condemned Iran on Monday.")
    assert edges(fragment) == {("arab-league", "CRITICIZED", "iran", "asserted",
                                "2024-03-11")}


# --- pronouns ---------------------------------------------------------------------------

def test_a_subject_pronoun_continues_the_previous_subject_not_the_latest_name(extract):
    fragment = extract("Venezuela's defence ministry criticized the exercises, saying "
                       "Colombia was provoking a crisis. It urged Bogota to end the drills.")
    assert ("venezuelan-defence-ministry", "URGED", "colombia", "asserted",
            TODAY) in edges(fragment)


def test_she_is_the_person_named_before_not_a_country(extract):
    fragment = extract("Senator Maria Ostrova praised Ukraine, although the Kremlin had "
                       "accused Kyiv of shelling. She also thanked Poland.")
    assert ("maria-ostrova", "PRAISED", "poland", "asserted", TODAY) in edges(fragment)


# --- names ------------------------------------------------------------------------------

def test_a_titled_name_loses_its_possessive(extract):
    fragment = extract("Senegalese President Amadou Ndiaye's office condemned Mali. "
                       "Ndiaye also criticized Guinea.")
    assert names(fragment)["amadou-ndiaye"] == "Amadou Ndiaye"
    assert not any(e.name.endswith("'s") for e in fragment.entities)
    assert {(s, t, o) for s, t, o, *_ in edges(fragment, titles=True)} == {
        ("amadou-ndiaye", "LEADS", "senegal"), ("amadou-ndiaye", "CRITICIZED", "mali"),
        ("amadou-ndiaye", "CRITICIZED", "guinea")}


def test_a_known_person_s_possessive_is_the_known_person(extract):
    fragment = extract("Colombian President Gustavo Petro's office criticized Peru.")
    assert ("gustavo-petro", "LEADS", "colombia", "asserted", None) in edges(fragment, True)


# --- groups beyond the gazetteer --------------------------------------------------------

def test_rebels_in_a_named_region_are_named_after_it(extract):
    fragment = extract("The Malian government and rebels in Mali's northern Kidal region "
                       "have agreed to a truce. Talks between the two sides began on Monday.")
    assert {("mali", "AGREED", "kidal-rebels"), ("kidal-rebels", "AGREED", "mali"),
            ("mali", "MET_WITH", "kidal-rebels")} <= {e[:3] for e in edges(fragment)}
    [rebels] = [e for e in fragment.entities if e.id == "kidal-rebels"]
    assert (rebels.name, rebels.type.value, rebels.country) == ("Kidal rebels", "ArmedGroup",
                                                                 "MLI")


def test_militants_in_a_place_that_is_no_country(extract):
    fragment = extract("Niger's army attacked militants in Diffa on Monday.")
    assert edges(fragment) == {("niger", "ATTACKED", "diffa-militants", "asserted",
                                "2024-03-11")}


# --- possessive pronouns bound by their clause's subject ---------------------------------

def test_a_possessive_pronoun_is_its_own_subject_s(extract):
    fragment = extract("Kenya, a close ally of Britain, has urged its citizens to leave "
                       "Sudan.")
    assert ("kenya", "URGED", "united-kingdom") not in {e[:3] for e in edges(fragment)}


def test_their_of_a_coordinated_subject_is_no_outside_actor(extract):
    fragment = extract("Reuters reported the talks. Bolivian President Luis Arce and Chilean "
                       "President Gabriel Boric led their delegations in Lima.")
    assert not [e for e in edges(fragment) if e[1] == "LEADS"]
