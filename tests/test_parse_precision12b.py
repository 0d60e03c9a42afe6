"""The parse engine's precision, session 12 (second wave): each test shows a construction that
made a false edge on real news beside the true edge that must stay. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from geokg.extract.parse.dateline import dateline_end, without_dateline
from tests.parse_support import facts, parse_extract


def test_a_state_body_does_not_talk_to_its_own_country():
    fragment = parse_extract("The Kenyan cabinet will meet with Kenya's governors on Friday.")
    assert not any(target == "kenya" for _, _, target in facts(fragment))
    other = parse_extract("The Kenyan cabinet will meet with Uganda's governors on Friday.")
    assert ("kenyan-cabinet", "MET_WITH", "uganda") in facts(other)


def test_a_promise_to_do_something_for_ones_own_country_stays():
    fragment = parse_extract("The Kenyan foreign ministry pledged to bring this act of "
                             "disrespect for Kenya's sovereignty to the attention of the United "
                             "Nations.")
    assert any(kind == "AGREED" for _, kind, _ in facts(fragment))


def test_a_government_may_still_coerce_its_own_country():
    fragment = parse_extract("The government of Chad imposed a curfew on Chad.")
    assert ("chadian-government", "COERCED", "chad") in facts(fragment)


def test_speaking_to_someone_before_a_statement_is_no_meeting():
    for text in ("Speaking to the BBC, Polish Foreign Minister Jan Nowak said his country "
                 "would never accept the plan.",
                 'Speaking to Radio Kyiv, rebel commander Jan Nowak said: "The attack was a '
                 'message."',
                 "Speaking to parliament, Kenyan President William Ruto said on Monday that "
                 "Nairobi had condemned the raid."):
        assert not any(kind == "MET_WITH" for _, kind, _ in facts(parse_extract(text))), text
    met = parse_extract("Polish Foreign Minister Jan Nowak spoke with his Lithuanian "
                        "counterpart Ona Vaitkus on Monday.")
    assert ("jan-nowak", "MET_WITH", "ona-vaitkus") in facts(met)


def test_a_wire_dateline_is_no_actor():
    fragment = parse_extract("NAIROBI, June 19 (Reuters) - Rebels in Kenya's northern region "
                             "accused the government of attacking them on Sunday.")
    assert not any(source == "nairobi" for source, _, _ in facts(fragment))
    assert any(kind == "ACCUSED" and target == "kenya"
               for _, kind, target in facts(fragment))
    bazar = parse_extract("COX'S BAZAR, Kenya (AP) - Kenyan authorities summoned Uganda's "
                          "envoy to protest the raids.")
    assert facts(bazar) == {("kenya", "CRITICIZED", "uganda")}
    plain = parse_extract("WASHINGTON (Reuters) - The United States imposed sanctions on Iran "
                          "on Monday.")
    assert ("united-states", "SANCTIONED", "iran") in facts(plain)


@pytest.mark.parametrize("text, dateline", [
    ("NAIROBI, June 19 (Reuters) - Rebels attacked.", "NAIROBI, June 19 (Reuters) - "),
    ("KAMPALA CITY (AP) — Donors pledged aid.", "KAMPALA CITY (AP) — "),
    ("LUSAKA, AUG 30 /ZNA/ - The ministry said.", "LUSAKA, AUG 30 /ZNA/ - "),
    ("ACCRA: The deputy commander said.", "ACCRA: "),
    ("NATO said Russia attacked.", ""),
    ("UN - a short line.", ""),
    ("Accra, Ghana - the ministry said.", ""),
])
def test_the_dateline_is_where_a_story_was_filed(text, dateline):
    assert text[:dateline_end(text)] == dateline
    assert len(without_dateline(text)) == len(text)
