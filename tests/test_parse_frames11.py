"""Constructions that no dependency frame read before session 11, on sentences written for
these tests: each case is a sentence and the (source, type, target) edges it must give."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract

CASES = {
    # aid that sets off for a place is aid to it, from the owner its modifier names
    "aid-team-left-for": ("A Japanese rescue team left for Turkey on Monday.",
                          {("japan", "AIDED", "turkey")}),
    "aid-team-headed-to": ("Ghana's medical team headed to Togo on Friday.",
                           {("ghana", "AIDED", "togo")}),
    "aid-planes-arrived": ("Italian relief planes arrived in Libya on Monday.",
                           {("italy", "AIDED", "libya")}),
    "set-without-off": ("A Spanish relief team set a record in Chile.", set()),
    # a deployment noun takes the same military means as the deployment verb
    "deployment-of-warships": ("Britain announced the deployment of four warships to Oman.",
                               {("united-kingdom", "DEPLOYED", "oman")}),
    "deployment-of-jets": ("Spain began the deployment of its fighter jets to Estonia.",
                           {("spain", "DEPLOYED", "estonia")}),
    # a reaction to an act aims at the doer its modifier, a stray `by` or `blamed on` names
    "reaction-modifier": ("Ghana welcomed the EU decision.",
                          {("ghana", "PRAISED", "european-union")}),
    "reaction-unnamed": ("Kenya condemned the attack.", set()),
    # (the small model hangs this `by` on 'condemned', not on 'shelling')
    "reaction-stray-by": ("Kenya condemned the shelling of Mogadishu by Ethiopian troops.",
                          {("kenya", "CRITICIZED", "ethiopia"),
                           ("ethiopia", "ATTACKED", "somalia")}),
    "blamed-on": ("Ghana blamed the bombing on Togo.", {("ghana", "ACCUSED", "togo")}),
    "drew-condemnation": ("The Peruvian raid drew condemnation from Chile.",
                          {("chile", "CRITICIZED", "peru")}),
    # sanctions phrased as a blow, and trade stopped, are sanctions
    "hit-with-sanctions": ("Chile hit Peru with new sanctions on Monday.",
                           {("chile", "SANCTIONED", "peru")}),
    "hit-with-rockets": ("Peruvian troops hit Chilean positions with rockets.",
                         {("peru", "ATTACKED", "chile")}),
    "halted-trade": ("Chile halted trade with Peru.", {("chile", "SANCTIONED", "peru")}),
    "banned-imports": ("Chile banned imports from Peru.", {("chile", "SANCTIONED", "peru")}),
    "resumed-trade": ("Chile resumed trade with Peru.", set()),
    # words traded between two sides go both ways
    "traded-accusations": ("Chile and Peru traded accusations over the border incident.",
                           {("chile", "ACCUSED", "peru"), ("peru", "ACCUSED", "chile")}),
    "traded-threats-with": ("Chile traded threats with Peru on Monday.",
                            {("chile", "THREATENED", "peru")}),
    "shared-intent": ("Chile and Peru threatened to leave the bloc.", set()),
    # annexing land attacks its owner; breaking a truce with someone attacks them
    "annexed": ("Chile annexed the Peruvian region of Tacna.", {("chile", "ATTACKED", "peru")}),
    "broke-truce-with": ("Chile broke the truce with Peru.", {("chile", "ATTACKED", "peru")}),
    # those put out of somewhere were put out by it
    "expelled-from": ("Two Peruvian diplomats were expelled from Chile.",
                      {("chile", "EXPELLED_DIPLOMATS", "peru")}),
    "suspended-from": ("Peru was suspended from the African Union.",
                       {("african-union", "SANCTIONED", "peru")}),
    # who joins an act does it too
    "joined-sanctions": ("Chile joined the sanctions against Peru.",
                         {("chile", "SANCTIONED", "peru")}),
    # harm done in an attack was done by the attacker
    "killed-in-attack": ("Four Chilean soldiers were killed in a Peruvian attack.",
                         {("peru", "ATTACKED", "chile")}),
    "killed-in-unnamed-attack": ("Four Chilean soldiers were wounded in an attack on Monday.",
                                 set()),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_construction(text: str, expected: set[tuple[str, str, str]]):
    assert facts(parse_extract(text)) == expected


def test_a_team_with_no_aid_word_leaving_is_no_aid():
    assert ("kenya", "AIDED", "uganda") not in facts(parse_extract(
        "The Kenyan football team left for Uganda on Monday."))


def test_a_reaction_to_an_act_its_modifier_names_aims_at_the_doer():
    assert ("kenya", "CRITICIZED", "somalia") in facts(parse_extract(
        "Kenya condemned the Somali attack on its troops."))
