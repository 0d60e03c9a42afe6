"""The parse engine's precision on constructions read in real news of 2015-2019 (session 14):
each test shows an edge that must NOT be extracted beside the edge that must stay. Sentences
written for these tests."""

from __future__ import annotations

from tests.parse_support import edges, facts, parse_extract


def _all(text: str) -> set[tuple[str, str, str]]:
    """(source, type, target) of every edge, standing ties too."""
    return {edge[:3] for edge in edges(parse_extract(text), titles=True)}


def test_a_gerund_after_a_time_preposition_is_done_by_the_clause_subject():
    found = facts(parse_extract("Israeli warplanes bombed Hezbollah weapons depots in "
                                "Lebanon on Friday after warning Lebanese civilians to leave."))
    assert ("hezbollah", "THREATENED", "lebanon") not in found
    assert ("israel", "THREATENED", "lebanon") in found
    assert ("israel", "ATTACKED", "hezbollah") in found
    accused = facts(parse_extract("Serbia accused Kosovo of attacking Serbian police."))
    assert any(source == "kosovo" and kind == "ATTACKED" for source, kind, _ in accused)


def test_joining_a_country_or_efforts_makes_no_member():
    assert not any(kind == "MEMBER_OF" for _, kind, _ in _all(
        "Egypt joined Saudi Arabia in cutting ties with Qatar."))
    assert not any(kind == "MEMBER_OF" for _, kind, _ in _all(
        "Peru and Chile said they would join their efforts against smuggling."))
    assert ("montenegro", "MEMBER_OF", "nato") in _all("Montenegro joined NATO in 2017.")


def test_seizing_a_place_is_a_capture_not_an_arrest():
    found = facts(parse_extract("Rebels seized control of the town of Kidal in northern "
                                "Mali."))
    assert not any(kind == "ARRESTED" for _, kind, _ in found)
    assert any(kind == "ATTACKED" for _, kind, _ in found)
    kept = facts(parse_extract("Police seized three opposition activists in Caracas."))
    assert any(kind == "ARRESTED" for _, kind, _ in kept)


def test_a_dateline_is_no_actor_of_a_rules_backoff_edge():
    found = facts(parse_extract("HERAT, Afghanistan - The Taliban struck on Friday in "
                                "Afghanistan's western province of Farah, where they killed "
                                "six policemen, officials said."))
    assert not any(source == "herat" for source, _, _ in found)
    assert ("taliban", "ATTACKED", "afghanistan") in found


def test_an_act_only_feared_gives_no_edge():
    assert not facts(parse_extract("The move raised the risk that Iran would attack Saudi "
                                   "oil facilities."))
    assert not facts(parse_extract("There were fears that Serbia could invade Kosovo."))
    assert ("iran", "ATTACKED", "saudi-arabia") in facts(parse_extract(
        "Iran attacked Saudi oil facilities on Saturday."))


def test_hitting_someone_with_taxes_is_a_sanction():
    found = facts(parse_extract("Washington threatened to hit Beijing with an extra $50 "
                                "billion in import taxes."))
    assert not any(kind == "ATTACKED" for _, kind, _ in found)
    assert ("united-states", "SANCTIONED", "china") in found


def test_an_ordered_act_called_off_gives_no_edge():
    assert not any(kind == "ATTACKED" for _, kind, _ in facts(parse_extract(
        "Israel ordered airstrikes on Hamas targets in Gaza but cancelled them an hour "
        "later.")))
    assert ("israel", "ATTACKED", "hamas") in facts(parse_extract(
        "Israel ordered airstrikes on Hamas targets in Gaza."))
    assert any(kind == "ATTACKED" for _, kind, _ in facts(parse_extract(
        "Putin ordered his troops to invade Ukraine and later cancelled the parade.")))


def test_people_driven_to_shelter_by_an_attack_are_no_coercion_of_their_own():
    found = facts(parse_extract("Gaza militants fired dozens of mortars into southern "
                                "Israel, forcing Israelis to seek shelter."))
    assert not any(kind == "COERCED" for _, kind, _ in found)
    assert any(kind == "ATTACKED" for _, kind, _ in found)
    assert ("russia", "COERCED", "ukraine") in facts(parse_extract(
        "Russia forced Ukraine to give up its claims."))



def test_an_act_called_off_is_not_read_back_by_the_rules_backoff():
    found = facts(parse_extract("President Trump ordered the US military to conduct a "
                                "limited strike against Iran on Thursday, but he then called "
                                "off the operation."))
    assert not any(kind in {"ATTACKED", "PROTESTED"} for _, kind, _ in found)


def test_sending_a_message_asks_nothing():
    assert not facts(parse_extract("North Korea fired a missile over Japan to send a clear "
                                   "message to Washington."))
    assert ("iran", "REQUESTED", "united-nations") in facts(parse_extract(
        "Iran sent an appeal to the United Nations for help."))
