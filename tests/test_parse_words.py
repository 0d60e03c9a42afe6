"""The parse engine's words and senses (geokg/extract/parse/words.yaml), one lemma class or
sense at a time, on sentences written for these tests (a real spaCy pipeline runs them; see
tests/parse_support.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.extract.parse.words import load_words, with_parse_phrasings
from geokg.graph.model import Article
from geokg.graph.vocabulary import load_vocabulary
from tests.parse_support import require_parse_model

PUBLISHED = dt.date(2024, 3, 15)


@pytest.fixture(scope="module")
def extractor():
    from geokg.extract.parse.engine import ParseExtractor

    return ParseExtractor(require_parse_model())


@pytest.fixture()
def edges(extractor):
    def run(text: str) -> set[tuple[str, str, str, str]]:
        fragment = extractor.extract(Article(id="t", published=PUBLISHED, text=text))
        return {(r.source, r.type, r.category, r.target) for r in fragment.relations
                if r.category is not None}
    return run


def test_parse_phrasings_join_the_vocabulary_without_changing_it():
    vocabulary = load_vocabulary()
    merged = with_parse_phrasings(vocabulary, load_words())
    assert set(merged.actions) == set(vocabulary.actions)  # no new relationship types
    assert "receive" in merged.actions["MET_WITH"].verbs
    assert "receive" not in vocabulary.actions["MET_WITH"].verbs  # the rules engine's own


@pytest.mark.parametrize(("text", "expected"), [
    # verbs of attack said of words: a criticism, not an assault
    ("Chile attacked Peru for its new fishing law.", ("chile", "CRITICIZED", "ACCUSE", "peru")),
    ("Sweden blasted Hungary over the remarks.", ("sweden", "CRITICIZED", "ACCUSE", "hungary")),
    ("Austria slammed Serbia's decision.", ("austria", "CRITICIZED", "ACCUSE", "serbia")),
])
def test_verbs_of_attack_said_of_words_are_criticism(edges, text, expected):
    """(The crowd's name may carry a place or a demonym: only its head word is checked.)"""
    found = edges(text)
    assert any(expected[0] in e[0] and e[1:3] == expected[1:3] and expected[3] in e[3]
               for e in found), found
    assert not any(e[2] == "ASSAULT" for e in found)


def test_an_attack_for_a_span_of_time_stays_an_assault(edges):
    assert ("yemen", "ATTACKED", "ASSAULT", "oman") in edges(
        "Yemen attacked Oman for the second day.")


def test_suspending_a_member_is_a_sanction(edges):
    found = edges("The African Union suspended Gabon from the bloc after the coup.")
    assert ("african-union", "SANCTIONED", "SANCTION", "gabon") in found
    assert not any(e[1] == "HALTED_AID" for e in found)



def test_receiving_a_visitor_is_a_meeting_but_receiving_aid_is_not(edges):
    assert ("recep-tayyip-erdogan", "MET_WITH", "CONSULT", "olaf-scholz") in edges(
        "Recep Tayyip Erdogan received Olaf Scholz in Ankara on Tuesday.")
    assert not any(e[1] == "MET_WITH" for e in edges(
        "Armenia received a letter from France on Tuesday."))


def test_pardons_are_concessions(edges):
    found = edges("Egypt granted pardons to 40 protesters from Sudan.")
    assert any(e[:3] == ("egypt", "CONCEDED", "CONCEDE") for e in found)




def test_calling_for_someones_resignation_is_a_request(edges):
    found = edges("The opposition called for the resignation of Viktor Orban.")
    assert any(e[1:] == ("REQUESTED", "REQUEST", "viktor-orban") for e in found)


def test_demonstrating_in_a_country_is_a_protest(edges):
    found = edges("Armenian students demonstrated in France on Saturday.")
    assert any(e[1:] == ("PROTESTED", "PROTEST", "france") for e in found)


@pytest.mark.parametrize(("text", "expected"), [
    # lifting or easing sanctions is a retreat (issue 15's convention)
    ("Canada eased the embargo on Iran on Monday.", ("canada", "RETREATED", "RETREAT", "iran")),
    # withdrawing staff from a country (inspectors and monitors: a halt of involvement,
    # PLOVER's SANCTION, CAMEO 1662; troops: a retreat)
    ("Germany withdrew its inspectors and monitors from Niger.",
     ("germany", "HALTED_AID", "SANCTION", "niger")),
    ("Germany withdrew its staff and soldiers from Niger.",
     ("germany", "RETREATED", "RETREAT", "niger")),
    # sending rescuers or relief
    ("Greece dispatched 60 rescuers and doctors to Morocco on Sunday.",
     ("greece", "AIDED", "AID", "morocco")),
    # joint exercises
    ("India held naval exercises with France in the Arabian Sea.",
     ("india", "COOPERATED", "COOPERATE", "france")),
])
def test_lemma_classes_of_material_acts(edges, text, expected):
    assert expected in edges(text)


def test_suspending_a_measure_against_someone_is_a_concession(edges):
    found = edges("Bolivia suspended the arrest warrants of six Chilean officials.")
    assert any(e[:3] == ("bolivia", "CONCEDED", "CONCEDE") for e in found)
    assert not any(e[2] == "SANCTION" for e in found)


def test_a_demand_that_is_the_purpose_of_a_protest_is_the_protest(edges):
    found = edges("Hundreds of Chilean students held rallies on Monday to demand the "
                  "resignation of Sebastian Pinera.")
    assert any(e[1:] == ("PROTESTED", "PROTEST", "sebastian-pinera") for e in found)
    assert not any(e[2] == "REQUEST" for e in found)


@pytest.mark.parametrize("text", [
    "Chad threatened to withdraw its soldiers from Niger.",
    "Chad warned that it would withdraw its soldiers from Niger.",
])
def test_an_act_announced_as_a_threat_is_a_threat(edges, text):
    assert ("chad", "RETREATED", "THREATEN", "niger") in edges(text)


def test_an_act_announced_plainly_keeps_the_intent_convention(edges):
    assert ("chad", "RETREATED", "AGREE", "niger") in edges(
        "Chad said it would withdraw its soldiers from Niger.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya sent its condolences to Tanzania after the floods.",
     ("kenya", "PRAISED", "SUPPORT", "tanzania")),
    ("Japan unveiled a new relief package for Nepal.", ("japan", "AIDED", "AID", "nepal")),
    ("Japan will triple its aid to Nepal.", ("japan", "AIDED", "AGREE", "nepal")),
    ("Serbia used Kosovar villagers as human shields.",
     ("serbia", "COERCED", "COERCE", "kosovar-villagers")),
    ("Russia announced naval drills near Norway on Friday.",
     ("russia", "MOBILIZED_AGAINST", "MOBILIZE", "norway")),
])
def test_lemma_classes_of_verbal_and_military_acts(edges, text, expected):
    assert expected in edges(text)


def test_an_act_agreed_to_is_an_agreement_whatever_the_act(edges):
    assert ("canada", "SANCTIONED", "AGREE", "iran") in edges(
        "Canada agreed to sanction Iran over the executions.")


def test_a_reception_given_is_a_meeting_giving_in_a_concession(edges):
    assert ("brazil", "MET_WITH", "CONSULT", "gabriel-boric") in edges(
        "Brazil gave a warm reception to Gabriel Boric in Brasilia.")
    assert ("peru", "CONCEDED", "CONCEDE", "chile") in edges(
        "Peru gave in to Chile on the fishing dispute.")


def test_a_press_secretary_is_a_title_not_a_request(edges):
    found = edges("White House Press Secretary Sam Porter said Canada criticized Cuba.")
    assert not any(e[2] == "REQUEST" for e in found)
    assert ("canada", "CRITICIZED", "ACCUSE", "cuba") in found


@pytest.mark.parametrize("text", [
    "Iranian drones struck in northern Iraq on Sunday.",
    "Turkish troops marched in Cyprus on Sunday.",
])
def test_striking_or_marching_in_a_country_is_no_protest(edges, text):
    assert not any(e[2] == "PROTEST" for e in edges(text))


@pytest.mark.parametrize("text", [
    "Chad threatened on Monday to cut off fuel supplies to Niger unless it paid its debts.",
    "Chad threatened on 3 May to break relations with Niger.",
])
def test_a_date_after_on_asks_no_one(edges, text):
    """'threatened on Monday to ...' is a threat, not 'called on Monday to' (a request of
    someone else, which gives no edge)."""
    assert any(e[0] == "chad" and e[2] == "THREATEN" and e[3] == "niger" for e in edges(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Hamas tried to kill the Israeli defence minister last year.",
     ("hamas", "ATTACKED", "ASSAULT", "israel")),
    ("Serbia attempted to hack into the computers of the Croatian army.",
     ("serbia", "COERCED", "COERCE", "croatia")),
])
def test_an_attempted_act_is_the_act(edges, text, expected):
    """PLOVER codes an attempt as the act: 'tried to kill X' is no announcement."""
    assert expected in edges(text)


def test_an_infinitive_under_a_future_verb_is_announced(edges):
    assert ("egypt", "MET_WITH", "AGREE", "sudan") in edges(
        "Egypt said it would try to mediate between Sudan and Ethiopia.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile summoned the Peruvian ambassador on Monday to complain about the fishing raids.",
     ("chile", "CRITICIZED", "ACCUSE", "peru")),
    ("Norway expelled three Iranian diplomats for spying.",
     ("norway", "EXPELLED_DIPLOMATS", "SANCTION", "iran")),
    ("Bolivia expelled the inspectors of the International Atomic Energy Agency from its "
     "reactor.", ("bolivia", "EXPELLED_DIPLOMATS", "SANCTION", "iaea")),
])
def test_envoys_summoned_or_expelled(edges, text, expected):
    found = edges(text)
    assert expected in found
    assert not any(e[1] in {"RECALLED_AMBASSADOR", "EXPELLED"} for e in found)


def test_a_war_that_left_people_dead_is_no_retreat(edges):
    assert not any(e[2] == "RETREAT" for e in edges(
        "The 1992 war left more than 5,000 people dead, mostly Bosnian Serbs."))


def test_out_of_a_place_is_from_it(edges):
    assert ("france", "RETREATED", "THREATEN", "mali") in edges(
        "France has threatened to pull its soldiers out of Mali.")


def test_protesting_as_the_purpose_of_a_strike_is_a_protest(edges):
    found = edges("Workers in Lima shunned work on Tuesday to protest at the privatisation "
                  "plan of Peru's government.")
    assert any(e[1:] == ("PROTESTED", "PROTEST", "peru") for e in found)
    assert not any(e[2] == "ACCUSE" for e in found)


def test_drills_held_to_protest_a_visit_are_no_street_protest(edges):
    found = edges("Russia held naval exercises near Japan to protest the visit of the "
                  "American defence secretary.")
    assert ("russia", "MOBILIZED_AGAINST", "MOBILIZE", "japan") in found
    assert not any(e[2] == "PROTEST" for e in found)


def test_a_hoped_act_is_not_done(edges):
    assert not any(e[1] == "COOPERATED" for e in edges(
        "Let's hope Peru extradites him to Chile, said a former police chief."))
    assert ("chile", "MET_WITH", "AGREE", "peru") in edges("Chile hoped to meet Peru next week.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebels in Mali exploded two bombs in the capital Bamako on Friday.",
     ("mali", "ATTACKED", "ASSAULT", "mali")),
    ("Kurdish prisoners rioted on Sunday at a jail in southern Turkey.",
     ("kurdish-prisoners", "PROTESTED", "PROTEST", "turkey")),
])
def test_a_place_stands_for_the_country_it_is_in(edges, text, expected):
    found = edges(text)
    assert any(e[1:] == expected[1:] for e in found), found


def test_an_embassy_is_no_place_of_its_host(edges):
    assert not any(e[3] == "kenya" for e in edges(
        "Gunmen attacked the French embassy in Kenya on Monday."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Zambian police fired tear gas at students in Lusaka on Friday.",
     ("zambian-police", "COERCED", "COERCE", "students")),
    ("Police in Malawi used water cannon against protesters in Lilongwe.",
     ("police", "COERCED", "COERCE", "protesters")),
])
def test_crowd_control_weapons_are_coercion_not_assault(edges, text, expected):
    """(The crowd's name may carry a place or a demonym: only its head word is checked.)"""
    found = edges(text)
    assert any(expected[0] in e[0] and e[1:3] == expected[1:3] and expected[3] in e[3]
               for e in found), found
    assert not any(e[2] == "ASSAULT" for e in found)


def test_a_deadline_to_answer_is_no_expulsion(edges):
    assert not any(e[1].startswith("EXPELLED") for e in edges(
        "Chile gave Peru two weeks to respond to the proposal."))


def test_bullets_without_a_crowd_control_name_stay_an_assault(edges):
    assert any(e[2] == "ASSAULT" for e in edges(
        "Gunmen fired bullets at soldiers in Lilongwe on Friday."))


@pytest.mark.parametrize(("text", "expected"), [
    ("Pakistan ruled out talks with India until the shelling stops.",
     ("pakistan", "REJECTED", "REJECT", "india")),
    ("Canada is imposing visa bans on Iranian officials.",
     ("canada", "REVOKED_VISA", "SANCTION", "iran")),
    ("Norway regrets Sweden's rejection of the fishing accord.",
     ("norway", "CRITICIZED", "ACCUSE", "sweden")),
    ("Peru held the Bolivian government responsible for the riots.",
     ("peru", "ACCUSED", "ACCUSE", "bolivia")),
    ("Russian jets struck positions in northern Syria.",
     ("russia", "ATTACKED", "ASSAULT", "syria")),
])
def test_expulsion_refusal_visa_regret_and_target_idioms(edges, text, expected):
    assert expected in edges(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Thousands of Malian students marched in Bamako on Friday.",
     ("malian-students", "PROTESTED", "PROTEST", "mali")),
    ("Crowds of protesters rallied in the streets of the Guinean capital, Conakry.",
     ("guinean-protesters", "PROTESTED", "PROTEST", "guinea")),
    ("Thousands of Senegalese students took to the streets of Dakar on Monday.",
     ("senegalese-students", "PROTESTED", "PROTEST", "senegal")),
])
def test_crowds_marching_or_rallying_somewhere_protest(edges, text, expected):
    assert expected in edges(text)


def test_soldiers_marching_somewhere_hold_no_protest(edges):
    assert not any(e[2] == "PROTEST" for e in edges(
        "Thousands of Ghanaian soldiers marched in Accra on Friday."))



def test_toppling_a_government_is_an_attack(edges):
    assert edges("Chadian rebels toppled the government of Niger in 2010.") == {
        ("chadian-rebels", "ATTACKED", "ASSAULT", "niger")}


def test_a_topple_foretold_of_another_is_an_accusation(edges):
    found = edges("Mali said that Burkina Faso is preparing to overthrow the Malian government.")
    assert ("mali", "ACCUSED", "ACCUSE", "burkina-faso") in found


def test_agreeing_to_anothers_proposal_is_an_agreement_with_it(edges):
    assert edges("Chile agreed to the Peruvian proposal.") == {
        ("chile", "AGREED", "AGREE", "peru")}
