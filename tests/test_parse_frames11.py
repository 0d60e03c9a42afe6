"""Constructions that no dependency frame read before session 11, on sentences written for
these tests."""

from __future__ import annotations

from tests.parse_support import parse_extract


def facts(text: str) -> set[tuple[str, str, str]]:
    fragment = parse_extract(text)
    names = {e.id: e.name for e in fragment.entities}
    return {(names[r.source], r.type, names[r.target]) for r in fragment.relations}


def test_an_aid_team_leaving_for_a_country_is_aid_from_its_owner():
    assert facts("A Japanese rescue team left for Turkey on Monday.") == {
        ("Japan", "AIDED", "Turkey")}


def test_an_aid_team_heading_somewhere_is_aid_from_its_possessor():
    assert facts("Ghana's medical team headed to Togo on Friday.") == {
        ("Ghana", "AIDED", "Togo")}


def test_aid_planes_arriving_are_aid_not_a_visit():
    assert facts("Italian relief planes arrived in Libya on Monday.") == {
        ("Italy", "AIDED", "Libya")}


def test_a_team_with_no_aid_word_leaving_is_no_aid():
    assert ("Kenya", "AIDED", "Uganda") not in facts(
        "The Kenyan football team left for Uganda on Monday.")


def test_set_without_off_moves_nothing():
    assert facts("A Spanish relief team set a record in Chile.") == set()


def test_the_deployment_of_any_military_means_is_a_deployment():
    assert facts("Britain announced the deployment of four warships to Oman.") == {
        ("United Kingdom", "DEPLOYED", "Oman")}
    assert facts("Spain began the deployment of its fighter jets to Estonia.") == {
        ("Spain", "DEPLOYED", "Estonia")}


def test_a_reaction_to_an_act_its_modifier_names_aims_at_the_doer():
    assert ("Kenya", "CRITICIZED", "Somalia") in facts(
        "Kenya condemned the Somali attack on its troops.")
    assert facts("Ghana welcomed the EU decision.") == {
        ("Ghana", "PRAISED", "European Union")}


def test_a_reaction_to_an_unnamed_act_has_no_doer():
    assert facts("Kenya condemned the attack.") == set()


def test_a_by_hung_on_the_reacting_verb_names_the_doer():
    # (the small model hangs this `by` on 'condemned', not on 'shelling')
    assert facts("Kenya condemned the shelling of Mogadishu by Ethiopian troops.") == {
        ("Kenya", "CRITICIZED", "Ethiopia"), ("Ethiopia", "ATTACKED", "Somalia")}


def test_an_act_blamed_on_someone_accuses_them():
    assert facts("Ghana blamed the bombing on Togo.") == {("Ghana", "ACCUSED", "Togo")}


def test_a_blow_dealt_in_sanctions_is_a_sanction_not_an_assault():
    assert facts("Chile hit Peru with new sanctions on Monday.") == {
        ("Chile", "SANCTIONED", "Peru")}
    assert facts("Peruvian troops hit Chilean positions with rockets.") == {
        ("Peru", "ATTACKED", "Chile")}


def test_stopping_trade_with_a_country_sanctions_it():
    assert facts("Chile halted trade with Peru.") == {("Chile", "SANCTIONED", "Peru")}
    assert facts("Chile banned imports from Peru.") == {("Chile", "SANCTIONED", "Peru")}
    assert facts("Chile resumed trade with Peru.") == set()


def test_accusations_traded_by_two_sides_go_both_ways():
    assert facts("Chile and Peru traded accusations over the border incident.") == {
        ("Chile", "ACCUSED", "Peru"), ("Peru", "ACCUSED", "Chile")}
    assert facts("Chile traded threats with Peru on Monday.") == {
        ("Chile", "THREATENED", "Peru")}


def test_a_shared_intent_is_no_mutual_threat():
    assert facts("Chile and Peru threatened to leave the bloc.") == set()


def test_condemnation_drawn_by_an_act_its_modifier_names_aims_at_the_doer():
    assert facts("The Peruvian raid drew condemnation from Chile.") == {
        ("Chile", "CRITICIZED", "Peru")}


def test_harm_done_in_an_attack_was_done_by_the_attacker():
    assert facts("Four Chilean soldiers were killed in a Peruvian attack.") == {
        ("Peru", "ATTACKED", "Chile")}
    assert facts("Four Chilean soldiers were wounded in an attack on Monday.") == set()
