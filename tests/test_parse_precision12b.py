"""The parse engine's precision, session 12 (second wave): each test shows a construction that
made a false edge on real news beside the true edge that must stay. Sentences written for
these tests."""

from __future__ import annotations

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
