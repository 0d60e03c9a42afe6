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
