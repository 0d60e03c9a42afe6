"""A capital named as a place ('in Bogota') never acts, even when 'and' joins its clause to the
next subject: 'X ... in Bogota, and the White House announced visa restrictions on Colombian
government officials' has the White House as its only source (issue 17's demo edge)."""

import datetime as dt

import pytest

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def edges(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    fragment = extractor.extract(Article(id="t", published=dt.date(2025, 1, 27), text=text))
    return {(r.source, r.type, r.target) for r in fragment.relations}


@pytest.mark.parametrize(("text", "expected"), [
    ("The State Department suspended visa processing at its embassy in Bogota, and the White "
     "House announced visa restrictions on Colombian government officials.",
     {("white-house", "SANCTIONED", "colombian-government")}),
    ("The White House announced visa restrictions on Colombian government officials.",
     {("white-house", "SANCTIONED", "colombian-government")}),
    ("Diplomats gathered in Geneva, and Russia and Ukraine agreed to a prisoner exchange.",
     {("russia", "AGREED", "ukraine"), ("ukraine", "AGREED", "russia")}),
])
def test_a_place_before_and_is_not_a_coordinated_actor(extractor, text, expected):
    assert edges(extractor, text) == expected


def test_capitals_as_governments_still_act_together(extractor):
    assert edges(extractor, "Washington and London imposed sanctions on Iran on Monday.") == {
        ("united-states", "SANCTIONED", "iran"), ("united-kingdom", "SANCTIONED", "iran")}


@pytest.mark.parametrize("text", [
    "Gunmen killed four soldiers in Greater Monrovia district on Friday.",
    "Gunmen attacked a checkpoint in East Jerusalem on Friday.",
])
def test_a_capital_inside_a_longer_place_name_names_no_government(extractor, text):
    # before: 'Liberian gunmen ATTACKED Liberia' (Monrovia read as Liberia's government)
    assert not {"liberia", "israel", "liberian-gunmen", "israeli-gunmen"} & {
        end for edge in edges(extractor, text) for end in (edge[0], edge[2])}


def test_a_possessive_pronoun_passes_over_a_name_in_an_aside(extractor):
    # 'its' is Peru's, not that of the country named between the commas
    assert ("peru", "URGED", "bolivia") not in edges(
        extractor, "Peru, a long-time rival of Bolivia, has urged its nationals to avoid "
                   "the border.")
