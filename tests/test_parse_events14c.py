"""Accusations and diplomatic sanctions in news prose the parse engine missed (events round
14, third helper), on sentences written for these tests (a real spaCy pipeline runs them;
see tests/parse_support.py)."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from tests.parse_support import event_facts

PUBLISHED = dt.date(2018, 5, 9)


@pytest.fixture()
def edges():
    return functools.partial(event_facts, published=PUBLISHED)


@pytest.mark.parametrize("text", [
    "The explosion, which Peru has blamed on Chile, wrecked the pipeline.",
    "Officials counted the damage from the bombing, which Peru blamed on Chile.",
])
def test_an_act_blamed_on_someone_in_a_relative_clause_accuses_them(edges, text):
    assert ("peru", "ACCUSED", "chile") in edges(text)


@pytest.mark.parametrize("text", [
    "Peru said Chile had carried out the attack on the refinery.",
    "Peru said that Chile orchestrated the bombing.",
    "According to Peru, Chile had carried out the attack.",
    "According to Peru, Chile was behind the bombing of the refinery.",
    "Chile was responsible for the attack, according to Peru.",
])
def test_a_speaker_who_puts_another_behind_a_known_act_accuses_them(edges, text):
    assert ("peru", "ACCUSED", "chile") in edges(text)


@pytest.mark.parametrize("text", [
    "Peru's accusations that Chile was behind the attack angered Santiago.",
    "Chile reacted angrily to Peruvian accusations that Chile was responsible for the "
    "bombing.",
])
def test_an_accusation_noun_names_the_accuser_of_its_clause(edges, text):
    assert ("peru", "ACCUSED", "chile") in edges(text)


@pytest.mark.parametrize("text", [
    "Peru said its troops had carried out the attack.",  # a claim of one's own deed
    "Peru said Chile carried out strikes on the border.",  # a new act, not one put on Chile
    "According to the report, Chile was behind the bombing.",  # no actor tells it
])
def test_no_accusation_without_another_actor_put_behind_a_known_act(edges, text):
    assert not any(kind == "ACCUSED" for _, kind, _ in edges(text))


@pytest.mark.parametrize("text", [
    "In a statement accusing Chile of arming the rebels, Peru demanded an apology.",
    "In a letter blaming Chile for the attack, Peru asked for compensation.",
    "Peru's statement accusing Chile of arming the rebels angered Santiago.",
])
def test_a_statement_that_accuses_is_its_authors_accusation(edges, text):
    assert ("peru", "ACCUSED", "chile") in edges(text)


@pytest.mark.parametrize("text", [
    "Peru downgraded relations with Chile on Monday.",
    "Peru lowered its diplomatic ties with Chile.",
    "Peru closed its embassy in Chile after the vote.",
    "Peru's severing of ties with Chile shocked the region.",
    "Peru announced the rupture of diplomatic relations with Chile.",
])
def test_lowering_or_cutting_ties_is_a_diplomatic_sanction(edges, text):
    assert ("peru", "RECALLED_AMBASSADOR", "chile") in edges(text)


def test_the_expulsion_of_anothers_diplomats_is_a_diplomatic_sanction(edges):
    found = edges("Peru announced the expulsion of Chile's ambassador on Monday.")
    assert ("peru", "EXPELLED_DIPLOMATS", "chile") in found


@pytest.mark.parametrize("text", [
    "Chile blamed Peru for the bombing. Peru denied any involvement in the bombing.",
    "Chile blamed Peru for the attack. Peru denied responsibility for the attack.",
    "Chile blamed Peru for the attack. Peru has denied any role in it.",
])
def test_denying_a_part_in_the_act_answers_the_accuser(edges, text):
    assert ("peru", "DENIED", "chile") in edges(text)


def test_denying_a_part_with_no_accusation_before_aims_at_no_one(edges):
    assert not any(kind == "DENIED" for _, kind, _ in edges(
        "Peru denied any involvement in the bombing."))


@pytest.mark.parametrize("text", [
    "Chilean diplomats have 48 hours to leave the country, Peruvian officials said.",
    "Peru said the Chilean ambassador had been given 72 hours to leave.",
])
def test_envoys_said_to_have_hours_to_leave_are_expelled_by_the_teller(edges, text):
    assert ("peru", "EXPELLED_DIPLOMATS", "chile") in edges(text)


@pytest.mark.parametrize("text", [
    "Peru said its citizens had 48 hours to leave Chile.",  # a warning, not an expulsion
    "Peru said the Chilean ambassador had two weeks to respond.",  # no leaving
])
def test_a_deadline_that_expels_no_envoy_is_no_expulsion(edges, text):
    assert not any(kind.startswith("EXPELLED") for _, kind, _ in edges(text))


def test_a_relative_which_denied_answers_the_last_accuser(edges):
    found = edges("Chile accused Peru of arming the rebels. Officials say Peru backs two "
                  "militias, which Peru has denied.")
    assert ("peru", "DENIED", "chile") in found


def test_a_relative_which_denied_with_no_accusation_before_aims_at_no_one(edges):
    assert not any(kind == "DENIED" for _, kind, _ in edges(
        "The minister toured the camp, which Peru has denied."))


@pytest.mark.parametrize("text", [
    "Peru called Chile's remarks unacceptable.",
    "Peru found Chile's explanation ridiculous.",
    "Peru's president called Chile's moves provocative and dangerous.",
])
def test_calling_anothers_act_unacceptable_criticizes_them(edges, text):
    assert ("peru", "CRITICIZED", "chile") in edges(text)


def test_calling_anothers_act_illegal_accuses_them(edges):
    assert ("peru", "ACCUSED", "chile") in edges("Peru considered Chile's actions illegal.")


@pytest.mark.parametrize("text", [
    "Peru called Chile's offer generous.",  # approval
    "Peru called the talks productive.",
    "Peru called the decision unacceptable.",  # no one's decision named
])
def test_a_judgment_without_disapproval_or_an_owner_is_no_criticism(edges, text):
    assert not any(kind in {"CRITICIZED", "ACCUSED"} for _, kind, _ in edges(text))
