"""The parse engine's precision, session 11: each test shows a construction that made a false
edge on real news beside the true edge that must stay. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.parse_support import facts, parse_extract

TOLD = dt.date(2022, 6, 3)  # publication day of the dating cases


def test_a_country_does_not_act_on_its_own_government():
    fragment = parse_extract("Several ministers of the interim government of Malawi have been "
                             "detained by Malawi.")
    assert not any(source == "malawi" and "government" in target
                   for source, _, target in facts(fragment))
    other = parse_extract("Zambia detained several ministers of the government of Malawi.")
    assert any(source == "zambia" and kind == "ARRESTED" for source, kind, _ in facts(other))


def test_an_act_recalled_by_its_anniversary_is_no_event_now():
    assert not any(kind == "ATTACKED" for _, kind, _ in facts(parse_extract(
        "Sunday was also the 60th anniversary of Italy's invasion of Albania.")))
    assert ("italy", "ATTACKED", "albania") in facts(parse_extract(
        "Italy's invasion of Albania began on Sunday."))


def test_the_second_charge_of_an_accusation_is_the_accused_ones_and_alleged():
    fragment = parse_extract("Peru accused Chile of bias and attacking its border guards.")
    attacks = [r for r in fragment.relations if r.type == "ATTACKED"]
    assert attacks and all(r.source == "chile" and r.status.value == "alleged" for r in attacks)
    assert ("peru", "ACCUSED", "chile") in facts(fragment)
    assert not any(source == "peru" and kind != "ACCUSED" for source, kind, _ in facts(fragment))


def test_must_realize_said_of_someone_is_an_admonition_not_a_request():
    fragment = parse_extract('"Castro must realize that his plans are failing," Spanish Foreign '
                             'Minister Pedro Sanz said.')
    assert ("pedro-sanz", "CRITICIZED", "castro") in facts(fragment)
    assert not any(kind == "REQUESTED" for _, kind, _ in facts(fragment))
    demand = parse_extract("Merkel said Russia must withdraw its troops from Ukraine.")
    assert any(kind == "REQUESTED" and target == "russia" for _, kind, target in facts(demand))


def test_an_announced_act_with_no_day_of_its_own_is_dated_the_day_it_is_told():
    told = parse_extract("Chile will grant asylum to Ana Ruiz, the Chilean foreign minister "
                         "said.", TOLD)
    assert [(r.target, r.date) for r in told.relations if r.type == "AIDED"] == [
        ("ana-ruiz", "2022-06-03")]
    ahead = parse_extract("Chile and Peru agreed to hold talks on June 20.", TOLD)
    assert {r.date for r in ahead.relations if r.type == "MET_WITH"} == {"2022-06-20"}


def test_an_act_under_a_demand_modal_verb_is_asked_for_not_done():
    asked = parse_extract("The two ministers said Ghana and Togo must continue to work closely "
                          "against piracy.")
    assert not any(kind == "COOPERATED" for _, kind, _ in facts(asked))
    done = parse_extract("Ghana and Togo continued to work closely against piracy.")
    assert ("ghana", "COOPERATED", "togo") in facts(done)


def test_an_act_in_a_purpose_clause_with_a_modal_is_only_intended():
    intended = parse_extract("Venezuela massed troops on the frontier so that it could invade "
                             "Guyana.")
    assert not any(kind == "ATTACKED" for _, kind, _ in facts(intended))
    done = parse_extract("The talks failed, so Venezuela invaded Guyana.")
    assert ("venezuela", "ATTACKED", "guyana") in facts(done)


def test_an_order_is_dated_by_the_past_time_of_its_own_infinitive():
    told = parse_extract("Mali ordered the Danish ambassador to leave within 72 hours last "
                         "month.", TOLD)
    assert {r.date for r in told.relations if r.source == "mali"} == {"2022-05"}
    agreed = parse_extract("Chile and Peru agreed to hold talks on June 20.", TOLD)
    assert {r.date for r in agreed.relations if r.type == "AGREED"} == {"2022-06-03"}
