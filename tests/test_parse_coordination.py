"""The parse engine on coordinated actors who act on each other (parse/coordination.py):
joint acts in the passive, distributive acts ('each', 'each other's') and mutual fighting.
Sentences written for these tests; a real spaCy pipeline runs them."""

from __future__ import annotations

from tests.parse_support import edges, facts, parse_extract


def rules(fragment) -> set[str]:
    return {e.rule for r in fragment.relations for e in r.evidence}


def both_ways(a: str, action: str, b: str) -> set[tuple[str, str, str]]:
    return {(a, action, b), (b, action, a)}


def test_a_passive_joint_act_with_coordinated_agents():
    fragment = parse_extract("The border treaty was signed by Ghana and Togo on Tuesday.")
    assert edges(fragment) == {("ghana", "AGREED", "togo", "asserted", "2024-03-12"),
                               ("togo", "AGREED", "ghana", "asserted", "2024-03-12")}
    assert rules(fragment) == {"parse:AGREED:passive-joint"}


def test_a_passive_joint_act_needs_two_agents():
    assert facts(parse_extract("The border treaty was signed by Ghana on Tuesday.")) == set()


def test_each_makes_a_distributive_act_on_the_other():
    fragment = parse_extract("Bolivia and Paraguay each recalled their envoys on Wednesday.")
    assert facts(fragment) == both_ways("bolivia", "RECALLED_AMBASSADOR", "paraguay")
    assert rules(fragment) == {"parse:RECALLED_AMBASSADOR:distributive-conj"}


def test_each_others_object_makes_each_act_on_the_other():
    fragment = parse_extract("Latvia and Belarus expelled each other's diplomats last week.")
    assert facts(fragment) == both_ways("latvia", "EXPELLED_DIPLOMATS", "belarus")


def test_a_named_target_is_not_replaced_by_the_other_subject():
    fragment = parse_extract("Bolivia and Paraguay recalled their envoys from Chile on "
                             "Wednesday.")
    assert ("bolivia", "RECALLED_AMBASSADOR", "paraguay") not in facts(fragment)


def test_coordinated_nationalities_under_one_noun_fight_each_other():
    fragment = parse_extract("Kyrgyz and Tajik border guards skirmished near the river on "
                             "Sunday.")
    assert facts(fragment) == both_ways("kyrgyzstan", "ATTACKED", "tajikistan")
    fragment = parse_extract("Ecuadorian and Peruvian soldiers battled for three hours in "
                             "the jungle on Sunday.")
    assert facts(fragment) == both_ways("ecuador", "ATTACKED", "peru")
    assert rules(fragment) == {"parse:ATTACKED:mutual-conj"}


def test_coordinated_countries_clash_or_exchange_fire():
    assert facts(parse_extract("Eritrea and Djibouti clashed along their frontier on "
                               "Monday.")) == both_ways("eritrea", "ATTACKED", "djibouti")
    assert facts(parse_extract("Eritrea and Djibouti exchanged fire on Monday.")) == \
        both_ways("eritrea", "ATTACKED", "djibouti")


def test_allies_fighting_together_or_a_third_party_do_not_fight_each_other():
    assert facts(parse_extract("Ecuadorian and Peruvian soldiers fought alongside each other "
                               "on Sunday.")) == set()
    assert facts(parse_extract("Ecuadorian and Peruvian soldiers fought together on "
                               "Sunday.")) == set()
    assert ("ecuador", "ATTACKED", "peru") not in facts(parse_extract(
        "Ecuadorian and Peruvian soldiers fought Colombia on Sunday."))
    assert facts(parse_extract("Eritrea and Djibouti exchanged prisoners on Monday.")) & \
        both_ways("eritrea", "ATTACKED", "djibouti") == set()


def test_the_last_pair_named_fights_or_acts_on_each_other():
    assert facts(parse_extract("Tensions between Mali and Niger rose on Friday. The two "
                               "countries clashed near the frontier.")) == both_ways(
        "mali", "ATTACKED", "niger")
    assert facts(parse_extract("Talks between Mali and Niger failed on Friday. Both sides "
                               "each withdrew their ambassadors.")) >= both_ways(
        "mali", "RECALLED_AMBASSADOR", "niger")


def test_leaders_who_clash_are_not_read_as_fighting():
    assert ("mali", "ATTACKED", "niger") not in facts(parse_extract(
        "Mali and Niger held talks on Friday. The two leaders clashed over trade."))


def test_coordinated_nationalities_of_a_target_noun_name_two_targets():
    assert facts(parse_extract("Boko Haram attacked Nigerien and Chadian soldiers on "
                               "Monday.")) == {("boko-haram", "ATTACKED", "niger"),
                                               ("boko-haram", "ATTACKED", "chad")}
    assert facts(parse_extract("Nigerien and Chadian soldiers were attacked by Boko Haram "
                               "on Monday.")) == {("boko-haram", "ATTACKED", "niger"),
                                                  ("boko-haram", "ATTACKED", "chad")}
