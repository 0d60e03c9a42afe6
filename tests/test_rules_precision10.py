"""The rules engine's precision, one English construction at a time (issue 15): each test
shows an edge the rules engine must NOT extract beside the true edge that stays. The parse
engine backs off to these rules where its parse made no edge, so their false edges reach
its output too. Sentences written for these tests."""

from __future__ import annotations

from tests.rules_support import rules_facts as _facts


def test_a_verb_coordinated_inside_a_subordinate_clause_keeps_that_clauses_subject():
    facts = _facts("The complaint by Boric came hours after Peruvian President Dina Boluarte "
                   "went on television and accused Chile of lying.")
    assert ("dina-boluarte", "ACCUSED", "chile") in facts
    assert not any(s == "gabriel-boric" for s, _, _ in facts)


def test_a_main_clause_subject_still_carries_a_coordinated_verb():
    facts = _facts("Chile raided the border post and detained Peruvian soldiers.")
    assert ("chile", "ARRESTED", "peru") in facts


def test_an_international_body_a_protest_is_lodged_with_is_no_target():
    assert not any(kind == "PROTESTED" for _, kind, _ in _facts(
        "Bolivia lodged a formal protest with the United Nations over the raid."))
    assert ("bolivia", "PROTESTED", "chile") in _facts(
        "Bolivia lodged a formal protest with Chile over the raid.")


def test_saying_something_of_an_actor_is_no_accusation():
    assert not any(kind == "ACCUSED" for _, kind, _ in _facts(
        "Earlier, the Chilean foreign ministry said Boluarte's whereabouts were unknown."))
    assert ("chile", "ACCUSED", "peru") in _facts(
        "Chile claimed that Peru's soldiers had crossed the border.")


def test_a_demonym_group_does_not_reach_across_a_clause_word():
    assert not any(kind == "ATTACKED" for _, kind, _ in _facts(
        "Villagers told Radio Kenyan that the raiders targeted a Somali army post."))
    assert ("somali-government", "ATTACKED", "kenyan-fighters") in _facts(
        "Somali government soldiers attacked the Kenyan fighters.")
