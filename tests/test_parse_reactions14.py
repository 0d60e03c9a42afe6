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


@pytest.mark.parametrize(("engine", "text", "name"), [
    *((e, "Ryanair's CEO Michael O'Leary criticized Belarus on Monday.", "Michael O'Leary")
      for e in ("parse", "rules")),
    *((e, "The statement came from Osama bin Laden's deputy on Monday. Osama bin Laden "
          "criticized Israel.", "Osama bin Laden") for e in ("parse", "rules")),
    ("parse", "Aung San Suu Kyi criticized Belarus on Monday.", "Aung San Suu Kyi"),
])
def test_a_name_is_whole_and_ends_before_a_possessive(engine, text, name):
    """Unknown names whole, with an apostrophe inside ('O'Leary') but never a possessive's
    's, after a title (CEO) that is no part of them; four words where NER reads them."""
    import datetime as dt

    from geokg.extract.engines import build_extractor
    from geokg.graph.model import Article

    fragment = build_extractor(engine).extract(
        Article(id="t", published=dt.date(2021, 5, 24), text=text))
    names = {e.name for e in fragment.entities}
    assert name in names, names
    assert not any(n != name and (n in name or name in n) for n in names), names


@pytest.mark.parametrize("text", [
    "The United States sanctioned Gustavo Petro on Friday. Petro said he would fight the "
    "measure in court.",
    "The United States sanctioned Gustavo Petro on Friday. Petro vowed to battle the "
    "sanctions.",
])
def test_fighting_a_decision_rejects_its_maker_and_attacks_no_one(text):
    found = facts(parse_extract(text))
    assert ("gustavo-petro", "REJECTED", "united-states") in found
    assert not any(kind == "ATTACKED" for _, kind, _ in found)
