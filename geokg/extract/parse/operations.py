"""Military operations' names ('Operation Olive Branch', 'the Euphrates Shield Operation'):
no actor; who runs an operation is said elsewhere."""

from __future__ import annotations

from spacy.tokens import Token


def operation_name(name: str, words: frozenset[str]) -> bool:
    """Whether a name is an operation's (a word of it is one of `words`)."""
    return any(word.lower() in words for word in name.split())


def names_operation(token: Token, words: frozenset[str]) -> bool:
    """Whether a capitalized token is a word of an operation's name ('Branch' in 'Operation
    Olive Branch', 'Operation' in 'the Euphrates Shield Operation')."""
    if not token.text[:1].isupper():
        return False
    head = token.head if token.dep_ in {"compound", "flat"} else token
    name = [head, *(c for c in head.children if c.dep_ in {"compound", "flat"})]
    return any(t.lower_ in words and t.text[:1].isupper() for t in name)
