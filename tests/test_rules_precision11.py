"""The rules engine's precision, session 11 (issue 15): each test shows an edge the rules
engine must NOT extract beside the true edge that stays; the parse engine backs off to these
rules where its parse made no edge. Sentences written for these tests."""

from __future__ import annotations

from tests.rules_support import rules_facts as _facts


def test_a_country_does_not_act_on_its_own_government():
    assert ("malawi", "ARRESTED", "malawian-government") not in _facts(
        "Soldiers seized power in Malawi on Monday. A number of ministers from the interim "
        "government have been detained by joint military forces.")
    assert ("zambia", "ARRESTED", "malawi") in _facts(
        "Ministers of the Malawian government were detained by Zambia.")


def test_a_titled_name_before_a_possessive_is_the_name_without_it():
    facts = _facts("Students staged a march against President Tomas Rivera's government, "
                   "a union leader said.")
    assert any(target == "tomas-rivera" for _, kind, target in facts if kind == "PROTESTED")
    assert not any(target.endswith("-s") for _, _, target in facts)


def test_an_act_recalled_by_its_anniversary_is_no_event_now():
    assert not any(kind == "ATTACKED" for _, kind, _ in _facts(
        "Sunday was also the 60th anniversary of Italy's invasion of Albania."))
    assert ("italy", "ATTACKED", "albania") in _facts(
        "Italy's invasion of Albania began on Sunday.")


def test_back_as_the_particle_of_another_verb_is_no_support():
    for text in ("Ghanaian troops drove back Togolese rebels from the town.",
                 "Ghana pulled back Togolese troops from the border."):
        assert not any(kind == "PRAISED" for _, kind, _ in _facts(text))
    assert any(kind == "PRAISED" and source == "ghana" for source, kind, _ in _facts(
        "Ghana backed Togolese rebels in the north."))
