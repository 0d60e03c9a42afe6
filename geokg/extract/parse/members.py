"""Members named by their possessor ('its fighters', 'Hamas's gunmen', 'their supporters'):
the possessor acts through them, so they stand for it."""

from __future__ import annotations

from spacy.tokens import Span

from geokg.extract.parse.groups import PEOPLE_NOUNS
from geokg.extract.parse.memory import ArticleActors, SentenceActors
from geokg.graph.model import EntityType

MEMBER_NOUNS = {*PEOPLE_NOUNS, "troops", "soldiers", "forces", "supporters", "members"}


def owned_members(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """A group noun whose possessor is an actor ('Al-Shabab said its fighters had killed
    ...') is that actor when only a bare group ('fighters') or nothing stood for it."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.lower_ not in MEMBER_NOUNS:
            continue
        current = result.by_token.get(noun.i)
        if current is not None and current not in article.typed:
            continue
        owner = next((result.by_token[c.i] for c in noun.children
                      if c.dep_ == "poss" and c.i in result.by_token), None)
        if owner is None or owner == current or article.type_of(owner) in {
                None, EntityType.LOCATION}:
            continue
        result.by_token[noun.i] = owner
