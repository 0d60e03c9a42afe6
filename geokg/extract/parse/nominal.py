"""Nominal events read through the nouns around them: a diplomatic mission stands for the
country it is posted in as well as for its owner ('recalled its envoy from the embassy in
Y': from Y; 'expelled diplomats from the X embassy in Z': X's)."""

from __future__ import annotations

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
