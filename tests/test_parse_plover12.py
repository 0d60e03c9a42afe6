"""Parse engine, PLOVER categories (session 12): acts whose category the PLOVER codebook (its
CAMEO conversion table) sets apart from the act that looks alike. Withdrawing one's
peacekeepers, inspectors, observers or aid workers ends help or involvement (SANCTION,
CAMEO 1661-1663), while withdrawing troops stays a military retreat (RETREAT)."""

from __future__ import annotations

import pytest

from tests.parse_support import edges, facts, parse_extract


@pytest.mark.parametrize("text, edge", [
    ("Norway pulled its monitors out of Sri Lanka.",
     ("norway", "HALTED_AID", "sri-lanka")),
    ("Kenya withdrew its peacekeepers from Somalia in March.",
     ("kenya", "HALTED_AID", "somalia")),
    ("Sweden withdrew its election observers from Belarus on Tuesday.",
     ("sweden", "HALTED_AID", "belarus")),
], ids=["monitors", "peacekeepers", "observers"])
def test_withdrawing_a_mission_ends_involvement(text, edge):
    """The act is a SANCTION-coded halt, not a retreat."""
    assert facts(parse_extract(text)) == {edge}


def test_withdrawing_troops_stays_a_retreat():
    assert facts(parse_extract("Chile withdrew its troops from Haiti on Friday.")) == {
        ("chile", "RETREATED", "haiti")}


def test_an_announced_withdrawal_of_a_mission_is_a_threat():
    """Announced on a condition or not, a hostile act still to come is coded THREATEN."""
    fragment = parse_extract("Ghana said it will withdraw its peacekeeping force from Liberia.")
    assert facts(fragment) == {("ghana", "HALTED_AID", "liberia")}
    assert {r.category for r in fragment.relations if r.category} == {"THREATEN"}
    assert {e[3] for e in edges(fragment)} == {"announced"}


@pytest.mark.parametrize("text, edge", [
    ("Canada announced new sanctions targeting Iran's oil sector on Monday.",
     ("canada", "SANCTIONED", "iran")),
    ("Australia imposed tariffs hitting Chinese steel makers.",
     ("australia", "SANCTIONED", "china")),
], ids=["sanctions-targeting", "tariffs-hitting"])
def test_measures_that_target_someone_sanction_them(text, edge):
    """'targeting' said of measures is their aim, not an assault."""
    assert facts(parse_extract(text)) == {edge}


def test_weapons_that_target_someone_still_attack():
    assert facts(parse_extract("Russian missiles targeted Ukraine's power grid.")) == {
        ("russia", "ATTACKED", "ukraine")}


def test_a_reading_a_sense_rules_out_gets_no_backoff_edge():
    """The parse engine reads the measures' aim as a sanction but finds no actor for it; the
    rules engine's assault reading of 'targeting' must not stand in for it."""
    fragment = parse_extract("Japan unveiled a package of restrictions targeting North "
                             "Korea's shipping.")
    assert not [r for r in fragment.relations if r.type == "ATTACKED"]


@pytest.mark.parametrize("text, edge", [
    ("Israel reimposed its blockade on Lebanon's ports on Friday.",
     ("israel", "COERCED", "lebanon")),
    ("Egypt imposed a blockade on Gaza on Friday.", ("egypt", "COERCED", "gaza")),
    ("Azerbaijan blockaded Armenia for months.", ("azerbaijan", "COERCED", "armenia")),
], ids=["reimpose-blockade", "impose-blockade", "blockade-verb"])
def test_a_blockade_restricts_movement(text, edge):
    """PLOVER codes a blockade COERCE (CAMEO 191, as geokg/loaders/cameo.yaml maps it), not a
    show of force (MOBILIZE)."""
    fragment = parse_extract(text)
    assert facts(fragment) == {edge}
    assert not [r for r in fragment.relations if r.category == "MOBILIZE"]


@pytest.mark.parametrize("text, edge, category", [
    ("Israel said it would release Lebanese prisoners if Hezbollah returned the bodies.",
     ("israel", "CONCEDED", "lebanese-prisoners"), "AGREE"),
    ("Japan will cut its aid to Myanmar if the junta executes more activists.",
     ("japan", "HALTED_AID", "myanmar"), "THREATEN"),
    ("Iraq will withdraw its troops from Kuwait unless the talks fail.",
     ("iraq", "RETREATED", "kuwait"), "THREATEN"),
], ids=["offer-if", "hostile-if", "unless"])
def test_an_act_offered_on_a_condition_is_an_offer_unless_hostile(text, edge, category):
    """'will V if Y ...': a cooperative act on a condition is offered (AGREE), a hostile one
    threatened; 'will V unless Y ...' is a threat whatever the act."""
    fragment = parse_extract(text)
    assert edge in facts(fragment)
    assert {r.category for r in fragment.relations
            if (r.source, r.type, r.target) == edge} == {category}


def test_an_apology_is_support():
    """PLOVER codes apologizing SUPPORT (CAMEO 055, beside forgiving), not a concession."""
    fragment = parse_extract("Argentina apologized to Chile for the incident at sea.")
    assert facts(fragment) == {("argentina", "APOLOGIZED", "chile")}
    assert {r.category for r in fragment.relations} == {"SUPPORT"}
