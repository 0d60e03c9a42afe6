"""A sentence's words by lemma, read in one walk over its tokens.

Most passes over a sentence look for a handful of lemmas ('agree', 'refuse'; 'give'; the
verbs of a frame): each used to walk every token and ask spaCy for its lemma and part of
speech again (a new Python string each time). `SentenceIndex` reads both once; a pass asks
it for the tokens of its lemmas, in sentence order.
"""

from __future__ import annotations

from collections.abc import Container

from spacy.symbols import VERB
from spacy.tokens import Span, Token


class SentenceIndex:
    """The tokens of a sentence with their lower-cased lemmas, and which are verbs."""

    def __init__(self, sentence: Span) -> None:
        self.sentence = sentence
        self.tokens: list[Token] = list(sentence)
        self.is_verb: list[bool] = [token.pos == VERB for token in self.tokens]
        self.by_lemma: dict[str, list[int]] = {}  # lower-cased lemma -> positions in tokens
        for at, token in enumerate(self.tokens):
            self.by_lemma.setdefault(token.lemma_.lower(), []).append(at)

    def with_lemma(self, *lemmas: Container[str], verbs_only: bool = False) -> list[Token]:
        """The tokens (only the verbs: `verbs_only`) whose lower-cased lemma is in one of
        `lemmas`, in sentence order."""
        found = {at for known in lemmas for lemma, places in self.by_lemma.items()
                 if lemma in known for at in places}
        return [self.tokens[at] for at in sorted(found) if self.is_verb[at] or not verbs_only]

    def verbs(self) -> list[Token]:
        """The sentence's verbs (part of speech VERB), in order."""
        return [token for token, verb in zip(self.tokens, self.is_verb, strict=True) if verb]
