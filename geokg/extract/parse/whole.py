"""A sentence's parse as one `Span` whose tokens are made once.

Iterating a spaCy `Span` makes a new `Token` object for every token each time, and the
parse engine walks each sentence's tokens about ten times (mentions, definites, titles,
holders, people, speakers, candidates, ...): `whole` hands out the same tokens on every
walk. Everything else is the plain `Span` of the whole Doc (`doc[:]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token


class _Whole(Span):
    """`doc[:]`, iterated over a list of its tokens made once (Span's `__cinit__` takes the
    same arguments)."""

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.tokens: list[Token] = list(doc)[start:end]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)


def whole(doc: Doc) -> Span:
    """The whole Doc as a `Span` (what `doc[:]` is) whose tokens are made once."""
    return _Whole(doc, 0, len(doc))
