"""The rules engine's fast paths (session 13) give exactly what the plain regexes give: a
SentenceScan's matches on sentences we wrote (passives with and without 'by', relatives, verbs
after the last actor token, a dotted capital I), and the mention finder's position-based
lookups after a person's name."""

from __future__ import annotations

from functools import cache

import pytest

from geokg.extract.extractor import Extractor
from geokg.extract.mentions import MentionFinder
from geokg.extract.patterns import RuleSet, SentenceScan

# masked sentences we wrote: actor tokens before and after verbs, with and without the words
# the skips look for, and with letters that case-insensitive matching treats alike
MASKED = [
    "§0§ was sanctioned by §1§ on Tuesday.",
    "§0§ was sanctioned on Tuesday, §1§ said.",
    "§0§, which §1§ accused of smuggling, was sanctioned by §2§.",
    "§0§ that §1§ sanctioned said it would appeal.",
    "§0§ met §1§ and later criticized the plan to sanction.",
    "§0§ and §1§ met in Lisbon, then they signed and condemned.",
    "Officials criticized the move and threatened to expel diplomats.",
    "The ministry said it would impose sanctions on §0§ after §1§ was attacked by gunmen.",
    "§0§ said §1§, whom §2§ backs, was arrested BY police.",
    "§0§ WHİCH §1§ backs was attacked By §2§.",
    "§0§ welcomed the deal and praised §1§, then accused and sanctioned.",
]


@cache
def _rules() -> RuleSet:
    extractor = Extractor()
    extractor.rules.compile_all()
    return extractor.rules


@pytest.mark.parametrize("masked", MASKED)
def test_every_rule_matches_as_its_plain_regex(masked: str) -> None:
    scan = SentenceScan(masked)
    for rule in _rules():
        plain = [m.span() for m in rule.regex.finditer(masked)]
        assert [m.span() for m in scan.matches(rule)] == plain, (rule.name, masked)


def test_a_persons_administration_and_a_possessive_one() -> None:
    """'X administration' is a body of X's; "X's administration" leaves X a person."""
    extractor = Extractor()
    finder: MentionFinder = extractor.finder
    person = next(e for e in extractor.gazetteer.entities.values()
                  if e.type.value == "Person" and len(e.name.split()) == 2)
    found = finder.find(f"The {person.name} administration imposed tariffs.")
    assert [m.entity for m in found.mentions if m.kind == "name"] == [
        f"{person.name.split()[-1].lower()}-administration"]
    owned = finder.find(f"{person.name}'s administration imposed tariffs.")
    assert [m.entity for m in owned.mentions if m.kind == "name"] == [person.id]
