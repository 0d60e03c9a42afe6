"""Replies that name no target (session 13): a denial of a clause or of a pronoun answers
the last accusation someone else made in the article."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2019, 4, 3)
ACCUSATION = "Chile accused Peru of smuggling weapons across the border on Monday. "


@pytest.mark.parametrize("reply", [
    "Peru denied that its soldiers had crossed the border.",
    "This was denied by Peru.",
])
def test_a_denial_naming_no_one_answers_the_last_accuser(reply):
    found = facts(parse_extract(ACCUSATION + reply, PUBLISHED))
    assert ("peru", "DENIED", "chile") in found


def test_a_denial_with_no_accusation_before_it_makes_no_edge():
    found = facts(parse_extract("Peru denied that its soldiers had crossed the border.",
                                PUBLISHED))
    assert not any(action == "DENIED" for _, action, _ in found)


def test_a_denial_does_not_answer_the_denier_s_own_accusation():
    found = facts(parse_extract(
        "Bolivia accused Chile of spying on its navy. Chile accused Bolivia of lying. "
        "Chile denied that its agents had been in La Paz.", PUBLISHED))
    assert ("chile", "DENIED", "bolivia") in found
    assert ("chile", "DENIED", "chile") not in found


def test_a_denial_after_an_act_that_is_no_accusation_makes_no_edge():
    found = facts(parse_extract(
        "Chile recalled its ambassador from Lima on Monday. "
        "Peru denied that its soldiers had crossed the border.", PUBLISHED))
    assert not any(action == "DENIED" for _, action, _ in found)


@pytest.mark.parametrize("text", [
    '"Peru must face all the consequences," Chilean Foreign Minister Ana Rojas said.',
    '"Otherwise, Chile will act firmly and the Peruvian side must bear all the '
    'consequences," Chilean Foreign Minister Ana Rojas said on Monday.',
])
def test_consequences_someone_must_face_in_a_quote_are_the_speaker_s_threat(text):
    found = facts(parse_extract(text, PUBLISHED))
    assert ("ana-rojas", "THREATENED", "peru") in found
    assert ("ana-rojas", "REQUESTED", "peru") not in found


def test_what_someone_must_do_is_still_a_request():
    assert ("ana-rojas", "REQUESTED", "peru") in facts(parse_extract(
        "Chilean Foreign Minister Ana Rojas said Peru must withdraw its troops.", PUBLISHED))


@pytest.mark.parametrize("text, fact", [
    (ACCUSATION.replace(" on Monday. ", ", an accusation Lima has called absurd."),
     ("peru", "DENIED", "chile")),
    (ACCUSATION + "The claim was denied by Peru.", ("peru", "DENIED", "chile")),
    ("Chilean Foreign Minister Ana Rojas told reporters Peruvian troops had seized two "
     "fishermen, a claim denied by Peru.", ("peru", "DENIED", "ana-rojas")),
])
def test_a_claim_a_clause_rejects_is_denied_to_its_claimant(text, fact):
    """'..., a claim denied by X', '..., an accusation X called absurd': X denies the
    claim of whoever told it."""
    found = facts(parse_extract(text, PUBLISHED))
    assert fact in found
    assert (fact[0], "DENIED", fact[0]) not in found


def test_a_claim_called_by_a_kind_word_is_no_denial():
    found = facts(parse_extract(ACCUSATION.replace(
        " on Monday. ", ", an accusation Lima has called a misunderstanding."), PUBLISHED))
    assert not any(action == "DENIED" for _, action, _ in found)
