"""Nominal events governed by a reporting or light verb ('announced the recall of its envoy
from Y', 'filed a complaint against Y'), on sentences written for these tests (other names
and other words than any development text). A real spaCy pipeline runs them."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract

CASES = [
    # the event noun is the object of a reporting verb whose subject is the actor
    ("announced the recall of its envoy from Y",
     "Norway on Friday announced the recall of its envoy from Denmark.",
     {("norway", "RECALLED_AMBASSADOR", "denmark")}),
    ("the recall of a chargé d'affaires, the mission's place as the target",
     "Oslo announced the recall for consultations of its chargé d'affaires from the "
     "Norwegian Embassy in Stockholm.",
     {("norway", "RECALLED_AMBASSADOR", "sweden")}),
    ("an envoy posted in a capital is recalled from its country",
     "Finland announced the recall of its ambassador in Tallinn.",
     {("finland", "RECALLED_AMBASSADOR", "estonia")}),
    ("a verb of recall from the embassy in a capital",
     "Hungary recalled its ambassador from the embassy in Vienna.",
     {("hungary", "RECALLED_AMBASSADOR", "austria")}),
    # putting someone on a list, by a verb or by a noun under a reporting verb
    ("added X to its terrorist list",
     "Australia added Hezbollah to its list of terrorist groups.",
     {("australia", "DESIGNATED", "hezbollah")}),
    ("announced the addition of X to a list",
     "Japan announced the addition of four Chinese companies to its export blacklist.",
     {("japan", "DESIGNATED", "china")}),
    ("an addition with no list is no designation",
     "Portugal announced the addition of Spain to the committee.", set()),
    # plural sanction nouns under a light verb
    ("imposed travel bans on X", "Britain imposed travel bans on twelve Belarusian generals.",
     {("united-kingdom", "SANCTIONED", "belarus")}),
    # light verbs with an event noun of grievance
    ("made representations to Y",
     "Vietnam made strong representations to Malaysia over the seizure of its trawlers.",
     {("vietnam", "PROTESTED", "malaysia")}),
    ("delivered a protest to Y", "Ecuador delivered a formal protest to Colombia.",
     {("ecuador", "PROTESTED", "colombia")}),
    ("filed a complaint against Y", "Ghana filed a complaint against Togo at the tribunal.",
     {("ghana", "ACCUSED", "togo")}),
    ("lodged a complaint to a body over Y's act",
     "Laos will file a complaint to the regional court over the Thai incursion.",
     {("laos", "ACCUSED", "thailand")}),
    ("a complaint over an act nobody is named for", "Ghana filed a complaint over the delay.",
     set()),
    ("expelled diplomats from a named country's mission: the owner, not the place",
     "Quito answered Lima's expulsion of six diplomats from Ecuador's mission to the OAS "
     "in Washington.",
     {("peru", "EXPELLED_DIPLOMATS", "ecuador")}),
    ("a mission accredited to a body is not its host city's",
     "That followed the expulsion by Oslo of three diplomats from the Cuban permanent mission "
     "to the UN in Vienna.",
     {("norway", "EXPELLED_DIPLOMATS", "cuba")}),
    # a stay somewhere at someone's invitation is a visit
    ("was in Y at the invitation of Z",
     "Kenyan President William Ruto was in Kampala at the invitation of Uganda's parliament.",
     {("william-ruto", "MET_WITH", "uganda"), ("uganda", "REQUESTED", "william-ruto")}),
    ("an invitation with no place stayed in is no visit",
     "Kenyan President William Ruto was pleased at the invitation of Uganda's parliament.",
     set()),
    # an attack on an embassy is an attack on whose embassy it is, not on its place
    ("an attack on the embassy in a capital keeps no place target",
     "Gunmen attacked the embassy in Kabul.", set()),
]


@pytest.mark.parametrize("construction,text,expected", CASES, ids=[c[0] for c in CASES])
def test_nominal(construction: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert facts(parse_extract(text)) == expected, construction
