"""The parse engine's precision on constructions that recur in several real-news sets
(session 13): each test shows an edge that must NOT be extracted beside the edge that must
stay. Sentences written for these tests."""

from __future__ import annotations

from tests.parse_support import facts, parse_extract


def _requests(text: str) -> set[tuple[str, str, str]]:
    return {f for f in facts(parse_extract(text)) if f[1] == "REQUESTED"}


def test_an_order_to_ones_own_organ_is_no_request_between_actors():
    assert not _requests("The Supreme Court of Peru ordered the police to free the "
                         "students on Tuesday.")
    assert not _requests("Chilean President Gabriel Boric instructed the Chilean army to "
                         "leave the border zone.")


def test_the_ordered_act_itself_stays():
    fragment = parse_extract("The Supreme Court of Peru ordered the police to free the "
                             "members of the Andean Workers Party on Tuesday.")
    assert any(kind == "CONCEDED" for _, kind, _ in facts(fragment))


def test_a_request_to_an_organ_or_an_order_from_abroad_stays():
    assert _requests("Opposition leader Keiko Fujimori asked the Peruvian police to free "
                     "the students.")
    assert _requests("Chilean President Gabriel Boric ordered the Bolivian police to free "
                     "the students.")


def test_a_reduced_relative_of_backing_describes_no_act():
    fragment = parse_extract("Bolivian troops backed by a Chilean-led coalition drove the "
                             "rebels out of Oruro in May.")
    assert not any(kind == "PRAISED" for _, kind, _ in facts(fragment))
    told = parse_extract("A Chilean-led coalition backed the Bolivian troops in May.")
    assert any(kind == "PRAISED" for _, kind, _ in facts(told))
