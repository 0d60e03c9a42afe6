"""The parse engine's actors: who a phrase names and what a later phrase refers to.

Sentences written for these tests (other names, other words than any real article), run
through the real spaCy pipeline (tests/parse_support.py: they fail in CI without a model).
Each test states the edges (source, type, target, status, date) a construction gives."""

from __future__ import annotations

import pytest

from geokg.graph.model import GraphFragment
from tests.parse_support import PUBLISHED, edges, facts, parse_extract

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


# --- names the article gave before: acronyms and short names -----------------------------

def test_an_acronym_in_brackets_names_the_body_later(extract):
    fragment = extract("The National Electoral Board (NEB) criticized Peru on Monday. "
                       "The NEB later urged Chile to hold new elections.")
    assert facts(fragment) == {("national-electoral-board", "CRITICIZED", "peru"),
                               ("national-electoral-board", "URGED", "chile")}
    assert names(fragment) == {"national-electoral-board": "National Electoral Board",
                               "peru": "Peru", "chile": "Chile"}


def test_a_person_named_in_full_is_later_named_by_one_word(extract):
    fragment = extract("Tanzanian police arrested Chen Weiguo on Monday. Rwanda criticized "
                       "Chen for the riots.")
    assert ("rwanda", "CRITICIZED", "chen-weiguo") in facts(fragment)
    assert "chen" not in names(fragment)


# --- groups of people no mention names ---------------------------------------------------

@pytest.mark.parametrize("text, edge, name", [
    ("Thousands of nurses throughout Chile marched on Monday to demand higher pay from "
     "President Luis Soto's government.", None, None),
    ("Opposition groups in Peru are demanding that President Ana Ruiz resign.",
     ("peruvian-opposition-groups", "REQUESTED", "ana-ruiz"), "Peruvian opposition groups"),
    ("Dozens of university students across Bolivia threatened to block the roads unless "
     "Chile returned the seized trucks.",
     ("bolivian-university-students", "THREATENED", "chile"), "Bolivian university students"),
], ids=["unknown-noun", "groups-in-a-country", "counted-students-across-a-country"])
def test_a_group_of_people_is_an_actor_of_its_country(extract, text, edge, name):
    """'groups in X', 'students across X': a group named by its own words and the demonym of
    the country it is in; a noun that names no kind of people gives no actor."""
    fragment = extract(text)
    if edge is None:
        assert not any("nurses" in entity_id for entity_id in names(fragment))
        return
    assert edge in facts(fragment)
    assert names(fragment)[edge[0]] == name


def test_a_group_of_people_as_a_verb_s_object_stays_no_actor(extract):
    fragment = extract("Ecuador imposed travel bans on 40 people undermining the courts.")
    assert not any("people" in entity_id for entity_id in names(fragment))


def test_a_reply_to_an_act_known_only_by_month_keeps_the_story_s_day(extract):
    """'condemned the decision' takes the date of the act it answers only when that act's
    day is known; an act dated by month leaves the reply on the story's day."""
    fragment = extract("Bolivia expelled Chile's ambassador on Tuesday. Peru recalled its "
                       "envoy from Chile in January.\n\nChile condemned the decision.")
    assert ("chile", "CRITICIZED", "peru", "asserted", "2024-03-12") in edges(fragment)


# --- relational nouns and coordinated modifiers -----------------------------------------

def test_counterparts_are_the_countries_their_demonyms_name(extract):
    """'her Peruvian and Bolivian counterparts': Peru's and Bolivia's, never her own."""
    fragment = extract("Chile's foreign minister, Ana Ruiz, held talks with her Peruvian and "
                       "Bolivian counterparts on Monday.")
    assert facts(fragment) == {("ana-ruiz", "MET_WITH", "peru"),
                               ("ana-ruiz", "MET_WITH", "bolivia")}


def test_a_target_with_coordinated_demonyms_is_each_country(extract):
    fragment = extract("Serbian artillery shelled Croatian and Bosnian positions on Monday.")
    assert facts(fragment) == {("serbia", "ATTACKED", "croatia"),
                               ("serbia", "ATTACKED", "bosnia-and-herzegovina")}


def test_the_junta_leader_is_the_person_titled_leader_before(extract):
    """'the junta leader' after 'coup leader Omar Kante': Kante; a bare 'the leader'
    without a word saying whose is left to the roles."""
    fragment = extract("On Sunday, coup leader Omar Kante said elections could wait. A "
                       "delegation from the African Union met with the junta leader on "
                       "Monday.")
    assert ("african-union", "MET_WITH", "omar-kante", "asserted", "2024-03-11") in edges(
        fragment)


# --- names inside longer names, and peoples named by where they live --------------------

@pytest.mark.parametrize("text", [
    "Gunmen killed two soldiers in Greater Accra region on Monday.",
    "Gunmen attacked a village near the Indian Ocean coast on Monday.",
], ids=["capital-inside-a-region-name", "demonym-inside-a-sea-name"])
def test_a_capital_or_demonym_inside_a_place_name_names_no_country(extract, text):
    fragment = extract(text)
    assert not {"ghana", "india"} & set(names(fragment))


def test_bare_militants_are_the_armed_group_the_article_named(extract):
    fragment = extract("Boko Haram attacked two villages on Monday. Chadian troops later "
                       "killed six militants.")
    assert ("chad", "ATTACKED", "boko-haram") in facts(fragment)


def test_a_people_named_by_the_country_they_live_in_is_that_country_s(extract):
    fragment = extract("Serbian police detained Montenegro Albanians on Monday.")
    assert facts(fragment) == {("serbian-police", "ARRESTED", "montenegro")}


def test_a_named_entity_loses_its_possessive(extract):
    fragment = extract("Peru criticized the Andean Forum's decision on Monday.")
    assert names(fragment)["andean-forum"] == "Andean Forum"


def test_a_body_belongs_to_the_country_of_the_person_named_when_no_country_was(extract):
    """No country named, but a known leader was: 'the police' are his country's; the body
    a leader condemns is not taken to be his own."""
    fragment = extract("Gustavo Petro gave a speech on Monday. Hours later, the police "
                       "arrested two Peruvian diplomats.")
    assert facts(fragment) == {("colombian-police", "ARRESTED", "peru")}
    # the army he condemns is of no said country (not Colombia's): named by its noun
    assert facts(extract("Gustavo Petro strongly condemned the army on Monday.")) == {
        ("gustavo-petro", "CRITICIZED", "army")}


def test_an_army_facing_its_own_country_s_armed_group_is_the_armed_forces(extract):
    """'the Sudanese army shelled the RSF': the Sudanese Armed Forces (a civil war is not
    the country against its own group); against another country, the army is the country."""
    assert facts(extract("The Sudanese army shelled positions of the RSF near El Fasher on "
                         "Monday.")) == {("sudanese-armed-forces", "ATTACKED",
                                          "rapid-support-forces")}
    assert facts(extract("The Sudanese army shelled Chad on Monday.")) == {
        ("sudan", "ATTACKED", "chad")}


# --- the person a role phrase names --------------------------------------------------

@pytest.mark.parametrize("text, edge", [
    ("UNESCO envoy in Chile Tomas Okafor, praised Japan for its aid.",
     ("tomas-okafor", "PRAISED", "japan")),
    ("The bank's new envoy Maria Gonzalez praised Kenya on Monday.",
     ("maria-gonzalez", "PRAISED", "kenya")),
    ("Vela met his Bolivian counterpart Pedro Lima on Monday.",
     ("vela", "MET_WITH", "pedro-lima")),
], ids=["title-then-name", "appositive-name", "counterpart-name"])
def test_a_role_followed_by_its_holder_s_name_is_that_person(extract, text, edge):
    """The person named after a title acts and is acted on, not the body or country of
    the title's modifiers ('UNESCO', 'Bolivian')."""
    assert edge in facts(extract(text))


def test_the_holder_named_belongs_to_the_title_s_country(extract):
    fragment = extract("Vela met his Bolivian counterpart Pedro Gomez on Monday.")
    assert {e.id: e.country for e in fragment.entities}["pedro-gomez"] == "BOL"


def test_a_set_off_appositive_may_list_others_and_names_no_holder(extract):
    """'the envoys, A and B,': the role is not the first name alone; each listed name acts
    (a listed appositive, tree.listed_appositive)."""
    fragment = extract("The two envoys, Pedro Gomez and Ana Vela, praised Kenya on Monday.")
    assert {("pedro-gomez", "PRAISED", "kenya"), ("ana-vela", "PRAISED", "kenya")} <= facts(
        fragment)


def test_a_counterpart_with_no_name_is_the_country_of_its_demonym(extract):
    assert ("vela", "MET_WITH", "bolivia") in facts(
        extract("Vela met his Bolivian counterpart on Monday."))



def test_a_definite_title_is_the_person_the_article_gave_it(extract):
    """'the trade minister' after 'Trade Minister Ana Vela': the whole title picks her."""
    fragment = extract("Trade Minister Ana Vela met Chile's president on Monday. Later, the "
                       "trade minister criticized Bolivia.")
    assert ("ana-vela", "CRITICIZED", "bolivia") in facts(fragment)
