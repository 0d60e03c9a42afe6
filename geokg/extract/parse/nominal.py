"""Nominal events read through the nouns around them: a diplomatic mission stands for the
country it is posted in ('recalled its envoy from the embassy in Y': from Y)."""

from __future__ import annotations

from spacy.tokens import Token

MISSIONS = frozenset({"embassy", "consulate", "mission", "legation"})


def posted(obj: Token) -> Token:
    """The place a mission is posted in ('the embassy in Y' -> Y) when `obj` is the object
    of 'from' and names a mission; otherwise `obj` itself."""
    if obj.head.lower_ != "from" or obj.lemma_.lower() not in MISSIONS:
        return obj
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None:
                return place
    return obj
