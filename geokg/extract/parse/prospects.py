"""Talks said to have no chance: 'X saw no chance of talks with Y', 'X said there was no
possibility of negotiations with Y', 'X sees no prospect of dialogue with Y': X REJECTED Y
(`prospect_nouns` and `contact_nouns` of words.yaml). Only with 'no': 'saw a chance of talks
with Y' is neither a rejection nor a meeting."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

OF = frozenset({"of", "for"})
WITH = frozenset({"with"})


def _partners(prospect: Token, words: Words) -> list[Token]:
    """Whom the talks of the prospect would be with ('no chance of talks with Y': Y)."""
    return [t for contact in tree.prep_objects(prospect, OF)
            if contact.lower_ in words.contact_nouns
            for t in tree.prep_objects(contact, WITH)]


def _holder(verb: Token, words: Words) -> Token | None:
    """Who sees no chance: the subject of 'saw', or for 'there is no chance' the one who
    says so ('X said there was ...')."""
    found = tree.subject(verb, control=words.control_verbs)
    if found is None and verb.dep_ == "ccomp":
        return tree.subject(verb.head, control=words.control_verbs)
    return found


def prospect_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                        resolves: Resolves) -> list[Candidate]:
    """A rejection for each prospect noun with 'no' whose talks name a partner (and whose
    verb no candidate of `found` has as its trigger)."""
    triggers = {c.trigger.i for c in found}
    made = []
    for prospect in sentence.with_lemma(words.prospect_nouns):
        verb = prospect.head
        if verb.i in triggers or prospect.dep_ not in {"dobj", "attr", "nsubj"} or not any(
                c.dep_ == "det" and c.lower_ == "no" for c in prospect.children):
            continue
        partners = [t for t in _partners(prospect, words) if resolves(t)]
        holder = _holder(verb, words)
        if partners and holder is not None and resolves(holder):
            made.append(Candidate("REJECTED", "no-prospect-of-talks", verb, [holder],
                                  partners))
    return made
