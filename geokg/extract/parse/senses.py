"""Word senses: a frame's action read otherwise in its context ("attacked X for its remarks"
is a criticism, not an assault; "lifted sanctions on X" is a retreat). The senses are data
(`senses` in words.yaml); this module only tests them on a candidate's parse."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate
from geokg.extract.parse.words import Sense, Words

NOT_A_REASON = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour",
                "hours", "night", "nights", "time", "first", "second", "third", "weekend",
                "period", "decade", "while", "minute", "minutes"}
# Nouns of the people who work for a body: 'expelled employees of the embassy' expels the
# embassy's people, so a sense reads the body ('embassy') as well as the noun.
OWN = {"their", "its", "his", "her", "our"}  # the doer's own (a possessive pronoun)
STAFF = {"employee", "staff", "staffer", "member", "personnel", "worker", "official"}


def _reason(prep: Token) -> bool:
    """'for the coup', 'over its remarks': a reason, not a time span or a place."""
    objects = tree.children(prep, "pobj")
    return bool(objects) and all(o.lemma_.lower() not in NOT_A_REASON and o.lower_ not in
                                 NOT_A_REASON and o.pos_ not in {"NUM", "PROPN"} and
                                 o.ent_type_ not in {"GPE", "LOC", "FAC", "DATE", "TIME"}
                                 for o in objects)


def _object_lemmas(candidate: Candidate) -> set[str]:
    trigger = candidate.trigger
    found = [*tree.children(trigger, "dobj", "obj", "dative", "attr", "nsubjpass",
                                          "oprd")]
    if candidate.word is not None:
        found.append(candidate.word)
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN":  # 'the airport seized by X'
        found.append(trigger.head)
    found += _means(trigger)
    if trigger.pos_ == "NOUN":  # a noun frame's own word: 'his verbal attacks on X', and
        found += [trigger, *candidate.targets]  # its object: 'the expulsion of X'
    found += [a for t in found for a in tree.children(t, "appos", "compound")]  # 'X, the Y
    # envoy', 'Ambassador X'
    found += [o for t in found if t.lemma_.lower() in STAFF for p in tree.children(t, "prep")
              if p.lower_ == "of" for o in tree.children(p, "pobj")]  # 'employees of the X'
    return {t.lemma_.lower() for t in found} | {t.lower_ for t in found} | {
        pair for t in found for pair in _compounds(t)} | _labels(found)


def _means(trigger: Token) -> list[Token]:
    """The common nouns a verb's 'with' names as its means ('hit X with tariffs', 'attacked
    Y with tear gas'); an amount, the thing it counts ('with $200 billion in taxes')."""
    found = [o for p in tree.children(trigger, "prep") if p.lower_ == "with"
             for o in tree.children(p, "pobj")]
    found += [o for t in found if t.pos_ == "NUM" for p in tree.children(t, "prep")
              if p.lower_ == "in" for o in tree.children(p, "pobj")]
    return [t for t in found if t.pos_ == "NOUN"]


def _labels(tokens: list[Token]) -> set[str]:
    """The tokens' entity labels, lower case ('person', 'gpe'; 'propn' for a name the
    tagger gave no label): a sense's word list may name a kind of entity instead of a noun
    ('welcomed X' of a person)."""
    return {t.ent_type_.lower() if t.ent_type_ else "propn" for t in tokens
            if t.ent_type_ or t.pos_ == "PROPN"}


def _compounds(token: Token) -> set[str]:
    """Adjacent word pairs of a noun and its left modifiers, joined by '_' ('tear gas
    shells' -> tear_gas, gas_shells): names like 'tear gas' that the head alone misses."""
    span = [m for m in token.subtree if m.i <= token.i and
            (m is token or m.dep_ in {"compound", "amod", "nmod", "conj"})]
    span = [m for m in span if m.i >= token.i - len(span) + 1]  # contiguous before the head
    pairs = [(a, b) for a, b in pairwise(span) if b.i == a.i + 1]
    return {f"{a.lower_}_{b.lower_}" for a, b in pairs} | {
        f"{a.lower_}_{b.lemma_.lower()}" for a, b in pairs}


def fits(sense: Sense, candidate: Candidate) -> bool:
    """Whether a sense applies to the candidate."""
    trigger = candidate.trigger
    if sense.action != candidate.action:
        return False
    if sense.lemmas and trigger.lemma_.lower() not in sense.lemmas and \
            trigger.lower_ not in sense.lemmas:
        return False
    if sense.bare:
        return _asks_nothing(trigger, sense.preps)
    if sense.own:
        return _own_object(trigger, sense.objects)
    if sense.subjects and not any(t.lemma_.lower() in sense.subjects or
                                  t.lower_ in sense.subjects or _labels([t]) & sense.subjects
                                  for t in candidate.sources):
        return False
    if not sense.preps and not sense.objects and not sense.hosts:
        return True
    if sense.objects & _object_lemmas(candidate):
        return True
    if any(p.lower_ in sense.preps and _reason(p) for p in tree.children(trigger, "prep")):
        return True
    # 'a statement blasting X', 'issued a statement, blasting X': said of words;
    # 'staged rallies to demand ...': the purpose of a protest
    if trigger.dep_ not in {"acl", "relcl", "advcl", "xcomp"} or not sense.hosts:
        return False
    host = trigger.head
    return host.lemma_.lower() in sense.hosts or any(
        o.lemma_.lower() in sense.hosts or o.lower_ in sense.hosts
        for o in [*tree.children(host, "dobj", "nsubj"), *_before_infinitive(trigger)])


def _own_object(trigger: Token, objects: frozenset[str]) -> bool:
    """An object of `objects` that the doer owns: 'handed over their weapons', 'its arms'."""
    found = tree.objects(trigger, False) + [  # 'handing over their weapons', parsed with
        o for p in tree.children(trigger, "prt") for o in tree.children(p, "pobj")]  # 'over'
    return any(o.lemma_.lower() in objects and any(
        c.dep_ == "poss" and c.lower_ in OWN for c in o.children) for o in found)


def _asks_nothing(trigger: Token, preps: frozenset[str]) -> bool:
    """No infinitive under the trigger ('called on X to resign') and no preposition of
    `preps` on it ('called on X for restraint'): the bare verb."""
    return not any(t.dep_ == "aux" and t.lower_ == "to" for t in trigger.subtree) and \
        not any(p.lower_ in preps for p in tree.children(trigger, "prep"))


def _before_infinitive(verb: Token) -> list[Token]:
    """The word right before an infinitive's 'to' ('exercises to protest X'): the noun it
    is the purpose of, whatever the parser attached it to."""
    marker = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if marker is None or marker.i == 0:
        return []
    before = verb.doc[marker.i - 1]
    return [before] if before.pos_ == "NOUN" else []


def reread(candidate: Candidate, words: Words) -> str:
    """The candidate's action in its context (the first sense that fits, else its own);
    '' when a sense says the words give no event. A sense that applies is named in the
    candidate's frame ('attack-dobj:verbal_attack')."""
    for sense in words.senses:
        if fits(sense, candidate):
            candidate.frame = f"{candidate.frame}:{sense.name}"
            return sense.becomes
    return candidate.action
