"""A sentence's parse as one `Span` whose tokens are made once, their attributes read once.

Iterating a spaCy `Span` makes a new `Token` object for every token each time, and each
attribute a `Token` gives (`dep_`, `lower_`, `head`, `children`, ...) is looked up again on
every read (a string store look-up, a new `Token` for a head, a generator for children).
The parse engine walks each sentence's tokens about twenty times: `whole` hands out the
same tokens on every walk, each a `Token` (equal to, and hashed as, spaCy's own) whose most
read attributes are plain values read once, and whose head, children, conjuncts and
ancestors are those same tokens. Everything else is the plain `Span` of the whole Doc
(`doc[:]`) and the plain `Token` attribute.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token


class _Read(Token):
    """A spaCy `Token` (its `cinit` takes the vocabulary, the Doc and the index) with its
    most read attributes as plain values (see `whole`)."""

    __slots__ = ("i", "text", "lower_", "lemma_", "dep_", "pos_", "tag_", "ent_type_", "idx",
                 "head", "children", "_made", "_conjuncts")

    @property
    def lefts(self) -> Iterator[Token]:
        return (c for c in self.children if c.i < self.i)

    @property
    def rights(self) -> Iterator[Token]:
        return (c for c in self.children if c.i > self.i)

    @property
    def conjuncts(self) -> tuple[Token, ...]:
        """spaCy's `Token.conjuncts`, on these tokens: the first conjunct of the chain, then
        every 'conj' to the right of one in it, but the token itself."""
        if self._conjuncts is None:
            first = self
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            chain = [first]
            for word in chain:
                chain.extend(c for c in word.children if c.i > word.i and c.dep_ == "conj")
            self._conjuncts = tuple(word for word in chain if word.i != self.i)
        return self._conjuncts

    @property
    def ancestors(self) -> Iterator[Token]:
        node = self
        while node.head.i != node.i:
            node = node.head
            yield node


_READ = tuple(getattr(Token, name).__get__ for name in (
    "text", "lower_", "lemma_", "dep_", "pos_", "tag_", "ent_type_", "idx"))


def _read(doc: Doc) -> list[Token]:
    """The Doc's tokens as `_Read` tokens, each read once (through spaCy's own `Token`
    getters: no second `Token` made for it, nor for its head)."""
    text, lower, lemma, dep, pos, tag, ent_type, idx = _READ
    made: list[_Read] = []
    vocab = doc.vocab
    for at in range(len(doc)):
        token = _Read(vocab, doc, at)
        token.i, token.text, token.lower_, token.lemma_ = at, text(token), lower(token), \
            lemma(token)
        token.dep_, token.pos_, token.tag_ = dep(token), pos(token), tag(token)
        token.ent_type_, token.idx, token._made, token._conjuncts = ent_type(token), \
            idx(token), made, None
        made.append(token)
    children: list[list[Token]] = [[] for _ in made]
    heads = doc.to_array(HEAD).view("int64").tolist()  # each token's head, relative to it
    for token, head in zip(made, heads, strict=True):
        token.head = made[token.i + head]
        if head:
            children[token.i + head].append(token)
    for token, below in zip(made, children, strict=True):
        token.children = tuple(below)
    return made


class _Whole(Span):
    """`doc[:]`, iterated over a list of its tokens made once (Span's `__cinit__` takes the
    same arguments)."""

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.tokens: list[Token] = _read(doc)[start:end]
        self._ents: list[Span] | None = None

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    @property
    def ents(self) -> list[Span]:
        """The named entities (spaCy makes new spans, and new tokens, on every call)."""
        if self._ents is None:
            self._ents = Span.ents.__get__(self)
        return list(self._ents)


def whole(doc: Doc) -> Span:
    """The whole Doc as a `Span` (what `doc[:]` is) whose tokens are made once."""
    return _Whole(doc, 0, len(doc))
