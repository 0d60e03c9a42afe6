"""Clause structures that carry events (session 12): 'we' in a quotation is its speaker;
an elliptical clause ('as did B', 'and so did B', 'B did the same', 'B followed suit')
copies the act to its subjects; a 'since' time is not the story's time."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.extract.parse.quotes import quoted_ranges
from geokg.extract.parse.tree import antecedent, with_conjuncts
from tests.parse_support import facts, parse_extract

PUBLISHED = dt.date(2022, 6, 10)


def _facts(text: str) -> set[tuple[str, str, str]]:
    return facts(parse_extract(text, PUBLISHED))


@pytest.mark.parametrize(("text", "inside"), [
    ('"We will respond," he said.', ["We will respond,"]),
    ("“We will respond,” he said.", ["We will respond,"]),
    ("He said: “We will respond.”", ["We will respond."]),
    ("we will respond,” he said.", ["we will respond,"]),  # a quotation's second sentence
    ("He said we will respond.", []),
])
def test_quoted_ranges(text, inside):
    assert [text[start:end] for start, end in quoted_ranges(text)] == inside


@pytest.mark.parametrize(("text", "fact"), [
    ('"We call on the Malian junta to free the detained ministers," Canadian Foreign '
     'Minister Anne Tremblay said on Monday.', ("anne-tremblay", "URGED", "mali")),
    ("“We strongly urge the Japanese side to halt its provocations,” Chinese Foreign "
     "Ministry spokesman Li Wenbo told reporters on Tuesday.",
     ("li-wenbo", "URGED", "japan")),
    ('French Foreign Minister Paul Girard said: "We have expelled three Russian diplomats."',
     ("paul-girard", "EXPELLED_DIPLOMATS", "russia")),
])
def test_quoted_we_is_the_speaker(text, fact):
    assert fact in _facts(text)


def test_we_outside_a_quotation_is_nobody():
    found = _facts("We expelled three Russian diplomats on Tuesday, French Foreign Minister "
                   "Paul Girard said.")
    assert not any(fact[1] == "EXPELLED_DIPLOMATS" for fact in found)


def test_a_quotation_whose_speaker_the_sentence_does_not_name_stays_unread():
    found = _facts('French Foreign Minister Paul Girard said on Tuesday that talks had failed. '
                   '"We have expelled three Russian diplomats."')
    assert not any(fact[1] == "EXPELLED_DIPLOMATS" for fact in found)


def test_us_in_capitals_stays_the_united_states():
    found = _facts('"We urge the US to halt arms sales to Taiwan," Chinese Foreign Ministry '
                   "spokesman Li Wenbo said on Tuesday.")
    assert ("li-wenbo", "URGED", "united-states") in found


def test_a_bare_in_phrase_answers_no_request():
    found = _facts('"We stand with the Cuban people in their calls for free elections," '
                   "US Secretary of State Mary Collins said on Tuesday.")
    assert not any(fact[1] == "REQUESTED" for fact in found)


@pytest.mark.parametrize(("text", "copied"), [
    ("Brazil recognized Luis Ortega as interim president on Monday, as did Peru and Chile.",
     {("peru", "COOPERATED", "luis-ortega"), ("chile", "COOPERATED", "luis-ortega")}),
    ("Norway condemned the shelling of Kyiv by Russia on Sunday, and so did Sweden.",
     {("sweden", "CRITICIZED", "russia")}),
    ("Ghana expelled the Togolese ambassador on Monday, and Benin did the same.",
     {("benin", "EXPELLED_DIPLOMATS", "togo")}),
    ("Latvia imposed sanctions on Belarus on Monday; Estonia and Finland followed suit.",
     {("estonia", "SANCTIONED", "belarus"), ("finland", "SANCTIONED", "belarus")}),
])
def test_ellipsis_copies_the_act_to_its_subjects(text, copied):
    assert copied <= _facts(text)


def test_an_elliptical_passive_names_another_target_not_a_doer():
    found = _facts("The Togolese ambassador was expelled by Ghana on Monday, as was the "
                   "Beninese envoy.")
    assert not any(source == "benin" for source, _, _ in found)


def test_a_since_time_does_not_become_the_story_time():
    fragment = parse_extract(
        "Brazil recognized Luis Ortega as interim president of Venezuela on Wednesday. "
        "Since taking the helm of the assembly on Jan. 5, Ortega has urged foreign "
        "governments to back him. Later, Colombia also recognized Ortega as president.",
        PUBLISHED)
    dates = {r.date for r in fragment.relations if r.source == "colombia"}
    assert dates == {"2022-06-08"}  # the Wednesday before publication, not January 5


@pytest.mark.parametrize(("text", "sources"), [
    # a list the parser hangs on its first name as an appositive with conjuncts
    ("Norway, Sweden and Denmark have bombed rebel positions in Libya on Friday.",
     {"norway", "sweden", "denmark"}),
    # a fronted phrase read as the subject, the list as its appositive
    ("After Ruto's statement, Ghana, Benin and Togo also recognized Luis Ortega as "
     "president.", {"ghana", "benin", "togo"}),
])
def test_every_listed_actor_acts(text, sources):
    found = _facts(text)
    assert {source for source, _, _ in found} == sources


def _parsed(words, heads, deps, pos):
    """A Doc with a given parse (the model's own parse of such a sentence varies)."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_a_listed_appositive_of_things_names_no_actor():
    # 'Ruto, an exchange and an easing agreed': the parser's appositive list of things
    doc = _parsed(["Ruto", ",", "exchange", "and", "easing", "agreed"],
                  [5, 0, 0, 2, 2, 5], ["nsubj", "punct", "appos", "cc", "conj", "ROOT"],
                  ["PROPN", "PUNCT", "NOUN", "CCONJ", "NOUN", "VERB"])
    assert [t.text for t in with_conjuncts(doc[0])] == ["Ruto"]


def test_a_listed_appositive_of_names_is_the_list():
    doc = _parsed(["statement", ",", "Ghana", ",", "Benin", "and", "Togo", "agreed"],
                  [7, 0, 0, 2, 2, 4, 4, 7],
                  ["nsubj", "punct", "appos", "punct", "conj", "cc", "conj", "ROOT"],
                  ["NOUN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB"])
    assert [t.text for t in with_conjuncts(doc[0])] == ["Ghana", "Benin", "Togo"]


def test_taking_action_against_someone_is_a_sanction():
    found = _facts("Norway, Sweden and Denmark took action on Tuesday against Libyan diplomats.")
    assert {(country, "SANCTIONED", "libya") for country in ("norway", "sweden", "denmark")} \
        <= found


def test_which_after_people_in_a_place_is_the_place():
    found = _facts("The European Union imposed sanctions on Friday on officials accused of a "
                   "crackdown on protesters in Belarus, which quickly retaliated by recalling "
                   "its ambassadors from Poland and Lithuania.")
    assert {("belarus", "RECALLED_AMBASSADOR", "poland"),
            ("belarus", "RECALLED_AMBASSADOR", "lithuania")} <= found
    assert not any("protesters" in source for source, _, _ in found)


def test_who_after_people_stays_the_people():
    # 'crowds of protesters in Minsk, who marched, left': 'who' may stand for people
    doc = _parsed(["crowds", "of", "protesters", "in", "Minsk", ",", "who", "marched", "left"],
                  [8, 0, 1, 2, 3, 2, 7, 2, 8],
                  ["nsubj", "prep", "pobj", "prep", "pobj", "punct", "nsubj", "relcl", "ROOT"],
                  ["NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "VERB"])
    assert antecedent(doc[7]).text == "protesters"
    doc = _parsed(["crowds", "of", "protesters", "in", "Minsk", ",", "which", "marched", "left"],
                  [8, 0, 1, 2, 3, 2, 7, 2, 8],
                  ["nsubj", "prep", "pobj", "prep", "pobj", "punct", "nsubj", "relcl", "ROOT"],
                  ["NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "VERB"])
    assert antecedent(doc[7]).text == "Minsk"
