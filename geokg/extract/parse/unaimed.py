"""Acts that name no one they are aimed at: 'rebels surrendered in X', 'Georgian troops
capitulated', 'workers blocked the roads into X' (`unaimed_acts` and `blocked_ways` of
words.yaml), 'crowds gathered outside X's embassy to protest (against a film)', and protesters
gathered at a place named by its owner ('demonstrators gathered outside X's embassy').

An edge needs a target: when no frame found one, the act's target is the place it happens in
(a preposition of place under the verb or under its subject: 'demonstrators in X'), else the
country its doers are named after ('Ugandan rebels', 'thousands of Nigerians').
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "across", "throughout", "around",
                         "into", "on"})
BLOCK_VERBS = {"block", "blockade", "barricade"}
GATHER_VERBS = {"gather", "assemble", "congregate", "converge", "mass"}
PURPOSES = {"protest", "demonstrate"}


def _action(verb: Token, words: Words) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in BLOCK_VERBS and any(o.lemma_.lower() in words.blocked_ways
                                    for o in tree.children(verb, "dobj")):
        return "PROTESTED"
    if lemma in GATHER_VERBS and _in_protest(verb):
        return "PROTESTED"
    return words.unaimed_acts.get(lemma) if verb.pos_ == "VERB" else None


def _in_protest(verb: Token) -> bool:
    """A gathering held to protest: 'gathered outside X to protest', '... in protest'."""
    return any(c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in PURPOSES
               for c in verb.children) or any(
        o.lemma_.lower() == "protest" for o in tree.prep_objects(verb, frozenset({"in"})))


def _by_protesters(verb: Token, words: Words) -> bool:
    """A gathering of protesters is a protest ('demonstrators gathered outside X', 'hundreds
    of protesters gathered')."""
    subject = tree.subject(verb, control=words.control_verbs)
    if subject is None:
        return False
    counted = tree.prep_objects(subject, frozenset({"of"})) if (
        subject.lower_ in words.partitives) else []
    return any(s.lower_ in words.protester_nouns for s in [subject, *counted])


def _owners(place: Token) -> list[Token]:
    """Who a place is named by: the modifier nearest its noun ('the Russian embassy', 'London's
    US embassy': US), or its 'of' object ('the embassy of X'); none for 'outside parliament'."""
    named = [c for c in place.children if c.dep_ in {"poss", "amod", "compound"} and
             c.i < place.i and c.ent_type_ in {"NORP", "GPE", "ORG"}]
    return named[-1:] + list(tree.prep_objects(place, frozenset({"of"})))


def _gathering(verb: Token, words: Words, resolves: Resolves) -> Candidate | None:
    """Protesters gathered at a place named by its owner protest against that owner
    ('demonstrators gathered outside the Russian embassy')."""
    if verb.lemma_.lower() not in GATHER_VERBS or not _by_protesters(verb, words):
        return None
    subject = tree.subject(verb, control=words.control_verbs)
    targets = [o for p in _places(verb) for o in _owners(p) if resolves(o)]
    if not targets or not resolves(subject):
        return None
    return Candidate("PROTESTED", "protesters-gathered", verb, [subject], targets,
                     one_target=True)


def _places(token: Token) -> list[Token]:
    """Where: the objects of place prepositions under `token` (and one level on: 'in the
    town of X', 'the roads into X')."""
    found = list(tree.prep_objects(token, PLACE_PREPS))
    return found + [p for place in found for p in tree.prep_objects(place, frozenset({"of",
                                                                                        "in"}))]


def _namesakes(subject: Token, words: Words) -> list[Token]:
    """The country words that name the doers ('Ugandan rebels', 'thousands of Nigerians')."""
    counted = list(tree.prep_objects(subject, frozenset({"of"}))) if (
        subject.lemma_.lower() in words.partitives or subject.lower_ in words.partitives) else []
    return counted + [m for h in [subject, *counted] for m in h.subtree
                      if m.i < h.i and m.ent_type_ in {"NORP", "GPE"}]


def unaimed_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                       resolves: Resolves) -> list[Candidate]:
    """An unaimed act for each verb of `unaimed_acts` (or a road blocked) no candidate of
    `found` has as its trigger."""
    triggers = {c.trigger.i for c in found}
    made = []
    for verb in sentence.with_lemma(BLOCK_VERBS, GATHER_VERBS, words.unaimed_acts):
        aimed = any(t.i in triggers for t in verb.subtree if t.lemma_.lower() in PURPOSES)
        action = _action(verb, words) if verb.i not in triggers and not aimed else None
        gathering = None if action or aimed or verb.i in triggers else _gathering(
            verb, words, resolves)
        made += [gathering] if gathering else []
        subject = tree.subject(verb, control=words.control_verbs) if action else None
        if subject is None or not resolves(subject):
            continue
        objects = tree.children(verb, "dobj")
        places = [*_places(verb), *(p for o in objects for p in _places(o)), *_places(subject)]
        targets = [t for t in [*places, *_namesakes(subject, words)]
                   if t.i != subject.i and resolves(t)]
        if targets:
            made.append(Candidate(action, f"unaimed-{verb.lemma_.lower()}", verb,
                                  [subject], targets, one_target=True))
    return made
