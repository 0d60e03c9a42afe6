"""Pledges and refusals whose infinitive no frame knows (parse/pledges.py), on sentences
written for these tests: the commitment itself is the act, its target the first actor the
infinitive's clause names."""

from __future__ import annotations

from tests.parse_support import edges, parse_extract


def test_an_agreement_to_an_unframed_act_is_an_agreement_with_its_object():
    fragment = parse_extract("Chad has agreed to open its airspace to French aircraft.")
    assert edges(fragment) == {("chad", "AGREED", "france", "asserted", "2024-03-15")}


def test_a_refusal_to_an_unframed_act_is_a_rejection():
    fragment = parse_extract("Bolivia refused to allow Peruvian inspectors into the mine.")
    assert edges(fragment) == {("bolivia", "REJECTED", "peru", "asserted", "2024-03-15")}


def test_being_ready_to_act_is_a_pledge():
    fragment = parse_extract("Ecuador is ready to send engineers to Haiti.")
    assert edges(fragment) == {("ecuador", "AGREED", "haiti", "asserted", "2024-03-15")}


def test_a_framed_infinitive_keeps_its_own_act():
    fragment = parse_extract("Uruguay promised to free Paraguayan fishermen.")
    assert {e[:3] for e in edges(fragment)} == {("uruguay", "CONCEDED", "paraguay")}


def test_a_venue_is_no_target():
    fragment = parse_extract("Ecuador agreed to hold talks on the sidelines of a Mercosur summit.")
    assert not [r for r in fragment.relations if r.type == "AGREED"]


def test_a_refusal_to_answer_anothers_demand_rejects_its_maker():
    fragment = parse_extract("Hamas has refused to respond to a demand from Qatar to release "
                             "the hostages.")
    assert {e[:3] for e in edges(fragment)} == {("hamas", "REJECTED", "qatar")}
