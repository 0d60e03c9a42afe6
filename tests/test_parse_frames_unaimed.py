"""Acts that name no one they are aimed at (parse/unaimed.py), on sentences written for
these tests: the place they happen in, else the country their doers are named after, is
the target."""

from __future__ import annotations

from tests.parse_support import parse_extract


def facts(text: str) -> set[tuple[str, str, str]]:
    fragment = parse_extract(text)
    names = {e.id: e.name for e in fragment.entities}
    return {(names[r.source], r.type, names[r.target]) for r in fragment.relations}


def test_a_surrender_somewhere_is_a_retreat_there():
    assert facts("Two hundred Sudanese militiamen surrendered on Friday in the town of "
                 "Kassala.") == {("Sudanese militiamen", "RETREATED", "Kassala")}


def test_a_surrender_nowhere_named_is_one_to_the_doers_country():
    assert facts("Hundreds of Somali pirates capitulated.") == {
        ("Somali pirates", "RETREATED", "Somalia")}


def test_a_crowd_blocking_a_road_protests_where_it_is():
    assert facts("Farmers in Lima blocked a highway on Monday.") == {
        ("Lima farmers", "PROTESTED", "Peru")}


def test_an_act_with_no_place_and_no_named_doer_gives_nothing():
    assert facts("The minister resigned on Monday.") == set()
