"""Accusations told as another's deed: a speaker who says that Y carried out a known hostile
act ('X said Y had carried out the attack'), or who is not a verb's subject but a claim's
owner ('X's accusations that Y was behind the attack', 'according to X, Y was responsible
for the bombing'), accuses Y."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.words import Words

ACCORDING = frozenset({"to"})
DEFINITE = {"the", "this", "that", "these", "those"}


def _perpetrated_act(verb: Token, words: Words, acts: set[str]) -> Token | None:
    """The known hostile act a verb says its subject did: 'carried out the attack',
    'orchestrated this bombing' (a definite act: one already told, now put on someone;
    'carried out strikes on Z' tells a new act, read by its own frame)."""
    if verb.lemma_.lower() not in words.perpetration_verbs:
        return None
    for act in tree.children(verb, "dobj"):
        determiners = {c.lower_ for c in act.children if c.dep_ == "det"}
        if determiners & DEFINITE and act.lemma_.lower().rsplit("-", 1)[-1] in acts:
            return act
    return None


def _claim_owner(noun: Token, words: Words) -> Token | None:
    """Who makes a claim a noun names: its possessor or modifier ('X's accusations',
    'British accusations'), else the subject of the verb that makes it ('X leveled
    accusations that ...')."""
    owners = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound"}]
    if owners:
        return owners[0]
    if noun.dep_ in {"dobj", "obj"} and noun.head.lemma_.lower() not in words.denial_verbs:
        return tree.subject(noun.head, control=words.control_verbs)
    return None


def teller(clause: Token, words: Words) -> Token | None:
    """Who tells a clause: the subject of the speech or claim verb it is said under, the
    owner of the accusation noun it spells out, or the `according to` source on it."""
    for prep in tree.children(clause, "prep"):
        found = next(iter(tree.prep_objects(prep, ACCORDING)), None)
        if prep.lower_ == "according" and found is not None:
            return found
    head = clause.head
    if head.i == clause.i or clause.dep_ not in {"ccomp", "acl", "parataxis"}:
        return None
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and lemma in words.accusation_nouns:
        return _claim_owner(head, words)
    if head.pos_ in {"VERB", "AUX"} and lemma in words.speech_verbs | words.claim_verbs:
        return tree.subject(head, control=words.control_verbs)
    return None


def allegation_sides(verb: Token, words: Words, acts: set[str],
                     culprit: Token | None = None) -> tuple[Token, Token] | None:
    """(speaker, accused) when a clause puts someone behind a hostile act: `culprit`, when
    given, is whom a copula already puts behind one ('X was behind the attack'), else the
    subject of a verb of doing a known act of `acts` ('X had carried out the attack')."""
    if culprit is None and _perpetrated_act(verb, words, acts) is not None:
        culprit = tree.own_subject(verb)
    speaker = teller(verb, words) if culprit is not None else None
    if speaker is None or speaker.i == culprit.i:
        return None
    return speaker, culprit
