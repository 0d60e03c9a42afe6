"""The parse engine's precision, session 10: each test shows a construction that made a false
edge on real news (a target read through a noun, ...) beside the true edge that must stay.
Sentences written for these tests."""

from __future__ import annotations

from tests.parse_support import facts, parse_extract


def test_a_condemned_arrest_is_not_aimed_at_the_arrested():
    fragment = parse_extract("France condemned the detention of Ivan Petrov by the Belarusian "
                             "police.")
    criticized = {target for _, kind, target in facts(fragment) if kind == "CRITICIZED"}
    assert criticized and not any("petrov" in target for target in criticized)
    assert any(kind == "ARRESTED" and "petrov" in target for _, kind, target in facts(fragment))


def test_someones_son_or_rival_is_not_that_someone():
    son = parse_extract("Soldiers in Chad captured the son of Idriss Deby near the border.")
    assert not any("deby" in target for _, _, target in facts(son))
    rival = parse_extract("Kenya has accused its regional rival Ethiopia of arming the rebels.")
    accused = {(source, target) for source, kind, target in facts(rival) if kind == "ACCUSED"}
    assert accused == {("kenya", "ethiopia")}
    assert any(source == "ethiopia" and kind == "AIDED" for source, kind, _ in facts(rival))


def test_an_act_in_a_condition_or_open_question_is_not_done():
    for text in ("Ghana will close its border with Togo if Togo attacks Ghana.",
                 "Officials in Accra said it was unclear whether Togo had attacked Ghana."):
        assert not any(kind == "ATTACKED" for _, kind, _ in facts(parse_extract(text)))
    done = parse_extract("Togo attacked Ghana on Monday.")
    assert ("togo", "ATTACKED", "ghana") in facts(done)


def test_a_participle_coordinated_with_a_passive_is_passive():
    fragment = parse_extract("Chad complained to the United Nations over two Libyan air raids "
                             "in which it said 20 people were killed or wounded.")
    assert not any(kind == "ATTACKED" and source == "people" for source, kind, _ in
                   facts(fragment))
    assert ("chad", "CRITICIZED", "libya") in facts(fragment)
    active = parse_extract("Libyan troops had captured and tortured three Chadian soldiers.")
    assert ("libya", "ATTACKED", "chad") in facts(active)


def test_the_two_countries_are_countries_not_the_two_people_named():
    people = parse_extract("Ana Kolar and Piet Dekker met in Zagreb on Monday. The two "
                           "countries agreed to double trade by 2030.")
    assert not any(kind == "AGREED" for _, kind, _ in facts(people))
    ministers = parse_extract("Croatian Foreign Minister Ana Kolar and Slovenian Foreign "
                              "Minister Tanja Fajon held talks in Zagreb on Monday. The two "
                              "countries agreed to double trade by 2030.")
    assert ("croatia", "AGREED", "slovenia") in facts(ministers)


def test_a_pronoun_in_an_adverbial_clause_is_the_main_subject():
    fragment = parse_extract("The Mbeya rebels kept shelling Tanzanian army posts, even as "
                             "they held peace talks with a Kenyan envoy.")
    met = {source for source, kind, _ in facts(fragment) if kind == "MET_WITH"}
    assert met and all("rebels" in source for source in met)


def test_a_ministry_is_not_of_the_country_it_makes_demands_of():
    fragment = parse_extract("Peru summoned the Chilean ambassador on Monday. The foreign "
                             "ministry demanded Chile explain its naval exercise, and urged "
                             "Santiago to stop any provocation.")
    demanders = {source for source, kind, target in facts(fragment)
                 if kind in {"URGED", "REQUESTED"} and target == "chile"}
    assert demanders and not any("chile" in source for source in demanders)


def test_an_act_of_manner_under_a_negated_verb_is_negated():
    negated = parse_extract("Mr Borland is not going to go around threatening Norway.")
    assert not any(kind == "THREATENED" for _, kind, _ in facts(negated))
    aside = parse_extract("Russia did not withdraw, accusing Ukraine of shelling.")
    assert ("russia", "ACCUSED", "ukraine") in facts(aside)
