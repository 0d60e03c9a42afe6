"""'X gave Y <time> to leave' (parse/deadlines.py), on sentences written for these tests."""

from __future__ import annotations

from tests.parse_support import edges, parse_extract


def facts(text: str) -> set[tuple[str, str, str]]:
    return {e[:3] for e in edges(parse_extract(text))}


def test_a_deadline_to_leave_given_to_envoys_expels_them():
    assert facts("Ghana has given Togolese diplomats in Accra five days to leave the "
                 "country.") == {("ghana", "EXPELLED_DIPLOMATS", "togo")}


def test_an_ambassador_named_by_title_is_an_envoy():
    assert facts("Peru gave Bolivian Ambassador Juan Ortiz 48 hours to leave Lima.") == {
        ("peru", "EXPELLED_DIPLOMATS", "juan-ortiz")}


def test_a_deadline_to_do_anything_else_is_no_expulsion():
    assert facts("Ghana gave Togo two weeks to respond.") == set()
