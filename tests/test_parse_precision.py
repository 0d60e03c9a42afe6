"""The parse engine's precision, one English construction at a time: each test shows an edge
that must NOT be extracted (an act not done, claimed, or dated by words that describe
something else) beside the true edge that must stay. Sentences written for these tests."""

from __future__ import annotations

from tests.parse_support import edges, facts, parse_extract


def test_a_proposed_summit_is_no_meeting():
    proposed = parse_extract("The ministers discussed Chile's proposal to organise a summit "
                             "between Peruvian President Dina Boluarte and Bolivian President "
                             "Luis Arce.")
    assert not any(kind == "MET_WITH" for _, kind, _ in facts(proposed))
    held = parse_extract("A summit between Peruvian President Dina Boluarte and Bolivian "
                         "President Luis Arce took place in Lima on Monday.")
    assert any(kind == "MET_WITH" for _, kind, _ in facts(held))


def test_calls_to_free_someone_are_no_release():
    fragment = parse_extract("Chile rejected Peru's calls to release the Bolivian soldiers.")
    assert not any(kind == "CONCEDED" for _, kind, _ in facts(fragment))


def test_a_time_in_the_subjects_phrase_does_not_date_the_act():
    fragment = parse_extract("Armenia and Azerbaijan, at odds since 1994, have agreed to end "
                             "hostilities.")
    agreed = {e for e in edges(fragment) if e[1] == "AGREED"}
    assert agreed and all(e[4] == "2024-03-15" for e in agreed)


def test_the_acts_own_time_still_dates_it():
    fragment = parse_extract("Armenia and Azerbaijan agreed in 1994 to end hostilities.")
    agreed = {e for e in edges(fragment) if e[1] == "AGREED"}
    assert agreed and all(e[4] == "1994" for e in agreed)


def test_a_clause_of_a_claim_noun_is_alleged():
    claimed = parse_extract("Experts doubted Lima's assertion that Chile had shelled Peru.")
    assert {e[3] for e in edges(claimed) if e[1] == "ATTACKED"} == {"alleged"}
    plain = parse_extract("Experts said that Chile had shelled Peru.")
    assert {e[3] for e in edges(plain) if e[1] == "ATTACKED"} == {"asserted"}


def test_a_denial_beside_an_accusation_is_no_claim():
    fragment = parse_extract("Chile has accused Peru of arming the rebels, but Lima denies "
                             "the allegations.")
    denied = {e for e in edges(fragment) if e[1] == "DENIED"}
    assert denied and all(e[3] == "asserted" for e in denied)


def test_a_refusal_to_accept_is_a_rejection_not_an_acceptance():
    fragment = parse_extract("Refugees protested the Chilean government's refusal to accept "
                             "the independence of Tibet.")
    kinds = {kind for source, kind, _ in facts(fragment) if source == "chile"}
    assert "REJECTED" in kinds and "AGREED" not in kinds


def test_a_proposal_for_signing_is_no_agreement():
    fragment = parse_extract("Bangladesh rejected an Indian proposal for signing a trade "
                             "agreement with Nepal.")
    assert not any(kind == "AGREED" for _, kind, _ in facts(fragment))


def test_readiness_to_host_talks_is_no_meeting_yet():
    ready = parse_extract("The Moroccan king said he would be ready to host a meeting "
                          "between Chile and Peru.")
    met = {e for e in edges(ready) if e[1] == "MET_WITH"}
    # announced, dated the day it is told (the article's): no day is named for the meeting
    assert met and all(e[3] == "announced" and e[4] == "2024-03-15" for e in met)
    held = parse_extract("The Moroccan king hosted a meeting between Chile and Peru on "
                         "Monday.")
    assert ("chile", "MET_WITH", "peru", "asserted", "2024-03-11") in edges(held)


def test_talks_still_to_come_take_the_day_named_for_them():
    fragment = parse_extract("Chile and Peru agreed to hold talks on April 2.")
    assert ("chile", "MET_WITH", "peru", "announced", "2024-04-02") in edges(fragment)
    assert ("chile", "AGREED", "peru", "asserted", "2024-03-15") in edges(fragment)


def test_a_weekday_already_past_does_not_date_an_act_to_come():
    fragment = parse_extract("Chile will expel the Peruvian ambassador on Monday.")
    expelled = {e for e in edges(fragment) if e[1] == "EXPELLED_DIPLOMATS"}
    # not the Monday already past: the day it is told (the article's)
    assert expelled and all(e[3] == "announced" and e[4] == "2024-03-15" for e in expelled)


def test_a_quote_is_spoken_by_the_subject_of_its_verb_whatever_the_verb():
    fragment = parse_extract("Chilean President Gabriel Boric said Chile condemns the arrest. "
                             "\"I call on Peru to release the journalist,\" Bolivian President "
                             "Luis Arce tweeted.")
    urged = {(source, target) for source, kind, target in facts(fragment) if kind == "URGED"}
    assert urged and all(source != "gabriel-boric" for source, _ in urged)


def test_an_event_noun_called_alleged_is_a_claim():
    alleged = parse_extract("Chile is investigating alleged war crimes by Peruvian soldiers "
                            "against Bolivian civilians.")
    attacks = {e for e in edges(alleged) if e[1] == "ATTACKED"}
    assert attacks and all(e[3] == "alleged" for e in attacks)


def test_a_place_is_no_subject_for_a_verb_without_one():
    fragment = parse_extract("Critics say the bill resembles a law that has been used in "
                             "Venezuela since 2015 to repress dissidents.")
    assert not any(source == "venezuela" for source, _, _ in facts(fragment))


def test_a_since_date_dates_the_act_of_its_own_when_clause():
    fragment = parse_extract("Crowds have gathered in Lima every night since March 2, when "
                             "Peru expelled the Chilean ambassador.")
    assert ("peru", "EXPELLED_DIPLOMATS", "chile", "asserted", "2024-03-02") in edges(fragment)
