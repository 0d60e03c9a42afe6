"""Parse engine, word senses (session 11): a trigger word read in a sense that is no event
of its type: a military strike is no labour protest, verbal attacks are criticism, meeting
a need meets no one, inviting a reaction or pressing a claim requests nothing, welcoming a
visitor is a meeting. Each false reading goes and the true sense of the word stays."""

from __future__ import annotations

import pytest

from tests.parse_support import facts, parse_extract


@pytest.mark.parametrize("text, edge", [
    ("It was Russia's third strike against Ukraine this week.",
     ("russia", "ATTACKED", "ukraine")),
    ("Russia launched air strikes against Ukraine on Monday.",
     ("russia", "ATTACKED", "ukraine")),
    ("Israel carried out drone strikes against Hamas in Gaza.",
     ("israel", "ATTACKED", "hamas")),
], ids=["state-possessor", "air-strikes", "drone-strikes"])
def test_a_strike_by_a_state_or_of_weapons_is_an_attack(text, edge):
    """Not a protest: the striker is a state, or the strike is of weapons."""
    assert facts(parse_extract(text)) == {edge}


@pytest.mark.parametrize("text, edge", [
    ("Workers went on strike against the government of Peru on Monday.",
     ("peruvian-workers", "PROTESTED", "peruvian-government")),
    ("Teachers staged a strike against the Chilean government.",
     ("teachers", "PROTESTED", "chile")),
], ids=["workers", "teachers"])
def test_a_strike_by_workers_stays_a_protest(text, edge):
    assert facts(parse_extract(text)) == {edge}


@pytest.mark.parametrize("text, edge", [
    ("Erdogan had focused his verbal attacks on Macron, the French president.",
     ("recep-tayyip-erdogan", "CRITICIZED", "emmanuel-macron")),
    ("Putin launched scathing attacks on Zelensky in a speech.",
     ("vladimir-putin", "CRITICIZED", "volodymyr-zelensky")),
    ("Lula made personal attacks on Bolsonaro during the campaign.",
     ("luiz-inacio-lula-da-silva", "CRITICIZED", "jair-bolsonaro")),
    ("Israel carried out attacks on Hamas in Gaza.", ("israel", "ATTACKED", "hamas")),
], ids=["verbal", "scathing", "personal", "armed-kept"])
def test_attacks_in_words_are_criticism(text, edge):
    assert facts(parse_extract(text)) == {edge}


@pytest.mark.parametrize("text, expected", [
    ("Kenya will meet the needs of refugees from Somalia.", set()),
    ("Ghana failed to meet the targets set by the IMF.", set()),
    ("Egypt will meet Jordan's request for help.", {("egypt", "CONCEDED", "jordan")}),
    ("Modi met Biden in Washington on Monday.",
     {("narendra-modi", "MET_WITH", "joe-biden")}),
], ids=["needs", "targets", "request-granted", "met-kept"])
def test_meeting_a_need_meets_no_one(text, expected):
    """Meeting a need or a target is no meeting; meeting a request grants it."""
    assert facts(parse_extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The move invited a sharp reaction from China.", set()),
    ("Pakistan tested a missile, inviting an angry response from India.", set()),
    ("Argentina pressed its case against Britain over the Falklands.", set()),
    ("Morocco pressed its claim to Western Sahara at the United Nations.", set()),
    ("Macron invited Scholz to Paris.", {("emmanuel-macron", "REQUESTED", "olaf-scholz")}),
    ("Ukraine pressed Germany for more tanks.", {("ukraine", "REQUESTED", "germany")}),
], ids=["invited-reaction", "invited-criticism", "pressed-case", "pressed-claim",
        "invited-person-kept", "pressed-actor-kept"])
def test_inviting_a_reaction_or_pressing_a_claim_requests_nothing(text, expected):
    assert facts(parse_extract(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Kenyan president was welcomed by Museveni in Kampala.",
     {("museveni", "MET_WITH", "kenya")}),
    ("Scholz flew to Paris on Monday, where he was welcomed at the airport by Macron.",
     {("emmanuel-macron", "MET_WITH", "olaf-scholz"), ("olaf-scholz", "MET_WITH", "france")}),
    ("Biden welcomed the decision by Germany.", {("joe-biden", "PRAISED", "germany")}),
], ids=["visitor", "arriving-pronoun", "decision-kept"])
def test_welcoming_a_visitor_is_a_meeting(text, expected):
    """A person welcomed is received; a decision welcomed is approved of."""
    assert facts(parse_extract(text)) == expected
