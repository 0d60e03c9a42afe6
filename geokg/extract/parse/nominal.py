"""Nominal events read through the nouns around them: a diplomatic mission stands for the
country it is posted in as well as for its owner ('recalled its envoy from the embassy in
Y': from Y; 'expelled diplomats from the X embassy in Z': X's)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

MISSIONS = frozenset({"embassy", "consulate", "mission", "legation"})


def posted(obj: Token) -> list[Token]:
    """`obj` and, when it is the object of 'from' naming a mission no named owner holds
    ('the embassy in Y', 'the X embassy in Y'; not 'X's mission in Y' nor 'the mission to
    the UN in Y'), the place it is posted in."""
    if obj.head.lower_ != "from" or obj.lemma_.lower() not in MISSIONS or any(
            c.dep_ == "poss" and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ == "to"
            for c in obj.children):
        return [obj]  # 'X's mission in Y', 'the mission to the UN in Y': not Y's
    places = [c for prep in obj.children if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}
              for c in prep.children if c.dep_ == "pobj"]
    return [obj, *places[:1]]


def invited_stay(noun: Token, resolves: Callable[[Token], object]
                 ) -> tuple[list[Token], list[Token]] | None:
    """'X was in Y at the invitation of Z': X visited Y and met Z (the invited party,
    then the place and the host). None unless `noun` is such an invitation."""
    prep = noun.head
    verb = prep.head
    if noun.lemma_.lower() != "invitation" or noun.dep_ != "pobj" or prep.lower_ not in {
            "at", "on", "upon"} or verb.lemma_.lower() != "be":
        return None
    places = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj" and resolves(o)]
    guests = [c for c in verb.children if c.dep_ == "nsubj" and resolves(c)]
    hosts = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.children if o.dep_ == "pobj" and resolves(o)]
    if not places or not guests:
        return None
    return guests, places[:1] + hosts[:1]
