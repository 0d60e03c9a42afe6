"""The parse engine's precision, session 10: each test shows a construction that made a false
edge on real news (a target read through a noun, ...) beside the true edge that must stay.
Sentences written for these tests."""

from __future__ import annotations

from tests.parse_support import facts, parse_extract


def test_a_condemned_arrest_is_not_aimed_at_the_arrested():
    fragment = parse_extract("France condemned the detention of Ivan Petrov by the Belarusian "
                             "police.")
    criticized = {target for _, kind, target in facts(fragment) if kind == "CRITICIZED"}
    assert criticized and not any("petrov" in target for target in criticized)
    assert any(kind == "ARRESTED" and "petrov" in target for _, kind, target in facts(fragment))
