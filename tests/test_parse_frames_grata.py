"""'X declared Y persona non grata' (parse/grata.py), on sentences written for these tests,
in the three orders the small model parses differently."""

from __future__ import annotations

import pytest

from tests.parse_support import edges, parse_extract


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Ghana declared two Togolese diplomats persona non grata on Monday.", "ghana", "togo"),
    ("Senegal has declared persona non grata two Malian envoys.", "senegal", "mali"),
    ('Peru declared the Bolivian ambassador "persona non grata".', "peru", "bolivia"),
])
def test_declared_envoys_are_expelled_diplomats(text, source, target):
    assert {e[:3] for e in edges(parse_extract(text))} == {
        (source, "EXPELLED_DIPLOMATS", target)}


def test_the_rule_names_its_construction():
    fragment = parse_extract("Ghana declared two Togolese diplomats persona non grata.")
    assert {e.rule for r in fragment.relations for e in r.evidence} == {
        "parse:EXPELLED_DIPLOMATS:declare-persona-non-grata:expelled_envoys"}
