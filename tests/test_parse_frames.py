"""The parse engine's dependency frames, one English construction at a time, on sentences
written for these tests (other names and other words than any development text).

A real spaCy pipeline runs them (tests/parse_support.py: they fail in CI without a model).
Each case: the construction, a sentence, and the exact event edges (source, type, target)."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract

CASES = [
    # by-agents reached through a participle on a noun
    ("denial of allegations made by an agent",
     "Belgium denied accusations made by Austria that it had hidden the funds.",
     {("belgium", "DENIED", "austria")}),
    # coordinated noun heads share their preposition
    ("coordinated event nouns share the preposition",
     "Sudan launched rocket and artillery attacks against Chad on Monday.",
     {("sudan", "ATTACKED", "chad")}),
    # a participle on the object of a light verb is done by the light verb's subject
    ("participle on an event noun",
     "Turkey launched air strikes targeting Armenia on Tuesday.",
     {("turkey", "ATTACKED", "armenia")}),
    ("participle on a statement attacks in words",
     "Venezuela published a communique blasting Guyana over the dispute.",
     {("venezuela", "CRITICIZED", "guyana")}),
    # naming: 'described X as Y', 'called X's Z a Y', 'was regarded by X as Y'
    ("described as an accusation, the actor inside the label",
     "Japan described the launch as a grave provocation by North Korea.",
     {("japan", "ACCUSED", "north-korea")}),
    ("called a possessed act an accusation",
     "Chile called Argentina's decision a clear violation of the treaty.",
     {("chile", "ACCUSED", "argentina")}),
    ("passive regarded by, as an act orchestrated by",
     "The blast was regarded by Kenya as an act of aggression orchestrated by Uganda.",
     {("kenya", "ACCUSED", "uganda")}),
    ("a kind label is no accusation", "Brazil called Portugal a close partner.", set()),
    # the mandative subjunctive after a singular subject (the parser tags it VBP)
    ("demanded that the government do",
     "Ethiopia demanded that the Kenyan government free the detained reporters.",
     {("ethiopia", "REQUESTED", "kenya")}),
    # a threat with an object: against whom the object or the condition names
    ("threatened action against Y",
     "Mexico threatened harsh measures against Honduras over the border dispute.",
     {("mexico", "THREATENED", "honduras")}),
    ("warned of action if Y ...",
     "Iraq warned of severe consequences if Kuwait keeps the oil field.",
     {("iraq", "THREATENED", "kuwait")}),
    ("a warning with no one it is against", "Norway warned of a crisis in Yemen.", set()),
    # coordinated nationality modifiers name two actors; 'N days of war games'
    ("A and B officials agreed",
     "Senior Chilean and Bolivian diplomats agreed on Tuesday that the border should reopen.",
     {("chile", "AGREED", "bolivia"), ("bolivia", "AGREED", "chile")}),
    ("A and B ships launched N days of exercises",
     "Greek and Cypriot frigates launched five days of naval exercises on Monday.",
     {("greece", "COOPERATED", "cyprus"), ("cyprus", "COOPERATED", "greece")}),
    # coordinated modifiers of a source noun: each actor does it
    ("A and B planes bombed",
     "Saudi and Emirati warplanes bombed Yemen's capital on Sunday.",
     {("saudi-arabia", "ATTACKED", "yemen"), ("united-arab-emirates", "ATTACKED", "yemen")}),
    # a passive's agent does what the participle clause after it says; 'including X'
    ("condemned by many countries, including X, accusing ...",
     "Cuba's actions were condemned by several governments, including Mexico, accusing "
     "Havana of silencing journalists.",
     {("mexico", "CRITICIZED", "cuba"), ("mexico", "ACCUSED", "cuba")}),
    # an act asked of others is no act of the asker
    ("called on X to reject",
     "Ghana called on all member states to reject the military rulers of Mali.", set()),
    # object control beyond the listed verbs: an actor object before an infinitive
    ("prompted X to impose",
     "The border raids prompted Ghana to impose sanctions on Togo.",
     {("ghana", "SANCTIONED", "togo")}),
    # a coordinated verb with no place of its own shares the earlier conjunct's place
    ("recall X from Y and pull back Z (shared place)",
     "Canada will recall its envoy from Peru and pull back the 200 troops it has stationed "
     "there.",
     {("canada", "RECALLED_AMBASSADOR", "peru"), ("canada", "RETREATED", "peru")}),
    ("no shared place from a conjunct that is not the same act",
     "Denmark expelled two diplomats from Latvia and withdrew its peacekeepers.",
     {("denmark", "EXPELLED_DIPLOMATS", "latvia")}),
]


@pytest.mark.parametrize(("construction", "sentence", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_construction(construction: str, sentence: str, expected: set) -> None:
    assert facts(parse_extract(sentence)) == expected, construction


def test_passive_participle_modifies_only_the_conjunct_it_follows() -> None:
    fragment = parse_extract("The rebels, backed by Rwanda, and Uganda fought for the town.")
    assert ("rwanda", "PRAISED", "uganda") not in facts(fragment)


def test_ready_to_act_is_announced() -> None:
    """'is ready/willing to V': an intention, coded as a threat when hostile."""
    fragment = parse_extract("Ghana says it is prepared to deploy soldiers into Togo if the "
                             "talks collapse.")
    assert {(r.source, r.type, r.target, r.status.value, r.category)
            for r in fragment.relations} == {
        ("ghana", "DEPLOYED", "togo", "announced", "THREATEN")}


def test_coordinated_subjects_during_talks_meet() -> None:
    """'A and B did something during talks': both took part in the talks."""
    found = facts(parse_extract("Peru and Ecuador signed several documents during talks in "
                                "Lima on Monday."))
    assert {("peru", "MET_WITH", "ecuador"), ("ecuador", "MET_WITH", "peru")} <= found


@pytest.mark.parametrize("sentence", [
    "Peru accused Chile of attacking Bolivia.",
    "Chile has been accused by Peru of attacking Bolivia.",
])
def test_the_accused_did_the_act_alleged(sentence: str) -> None:
    """'X accused Y of attacking Z' (or 'Y was accused by X of ...'): Y attacked Z, alleged,
    and X accused Y; X attacked no one."""
    found = {(r.source, r.type, r.target, r.status.value)
             for r in parse_extract(sentence).relations}
    assert found == {("peru", "ACCUSED", "chile", "asserted"),
                     ("chile", "ATTACKED", "bolivia", "alleged")}


def test_a_conjunct_with_its_own_place_keeps_it() -> None:
    fragment = parse_extract("Canada withdrew its envoy from Peru and pulled its troops out "
                             "of Bolivia.")
    assert ("canada", "RETREATED", "peru") not in facts(fragment)


def test_a_coordinated_verb_shares_the_future_auxiliary() -> None:
    fragment = parse_extract("Canada will recall its envoy from Peru and pull back the 200 "
                             "troops it has stationed there.")
    statuses = {r.type: r.status.value for r in fragment.relations}
    assert statuses == {"RECALLED_AMBASSADOR": "announced", "RETREATED": "announced"}
