"""A reaction to 'the launch' / 'the move' when the act it refers to is no event of the
vocabulary: its doer is whoever did something in the sentences just before (sentences
written for these tests; a real spaCy pipeline runs them, tests/parse_support.py)."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea fired a ballistic missile over Japan on Tuesday. Japan and South Korea "
     "condemned the launch.",
     {("japan", "CRITICIZED", "north-korea"), ("south-korea", "CRITICIZED", "north-korea")}),
    ("Iran tested a new rocket engine on Sunday. Israel condemned the move.",
     {("israel", "CRITICIZED", "iran")}),
])
def test_a_reaction_to_an_act_outside_the_vocabulary_targets_its_doer(text, expected):
    assert expected <= facts(parse_extract(text))


@pytest.mark.parametrize("text", [
    # the one who spoke did nothing the move could be
    "Brazil said on Monday it was studying the report. Argentina welcomed the move.",
    # the critic's own act is no target
    "Japan tested a new rocket on Monday. Japan defended the move.",
])
def test_no_doer_no_target(text):
    assert not any(t in {"brazil", "japan"} for _, _, t in facts(parse_extract(text)))
