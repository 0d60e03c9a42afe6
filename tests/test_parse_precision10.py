"""The parse engine's precision, session 10: each test shows a construction that made a false
edge on real news (an act only ordered, ...) beside the true edge that must stay. Sentences
written for these tests."""

from __future__ import annotations

from tests.parse_support import facts, parse_extract


def test_an_ordered_act_is_not_done():
    ordered = parse_extract("The Kenyan court ordered the police to release the Likud "
                            "activists.")
    assert not any(kind == "CONCEDED" for _, kind, _ in facts(ordered))
    told = parse_extract("The interior ministry told the two Danish reporters to leave Kenya.")
    assert not any(kind == "RETREATED" for _, kind, _ in facts(told))
    done = parse_extract("The Kenyan police released the Likud activists.")
    assert any(kind == "CONCEDED" for _, kind, _ in facts(done))


def test_a_condemned_arrest_is_not_aimed_at_the_arrested():
    fragment = parse_extract("France condemned the detention of Ivan Petrov by the Belarusian "
                             "police.")
    criticized = {target for _, kind, target in facts(fragment) if kind == "CRITICIZED"}
    assert criticized and not any("petrov" in target for target in criticized)
    assert any(kind == "ARRESTED" and "petrov" in target for _, kind, target in facts(fragment))
