"""Members named by their possessor ('its fighters', 'Hamas's gunmen', 'their supporters'):
the possessor acts through them, so they stand for it."""

from __future__ import annotations

from spacy.tokens import Span, Token

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
        owner = next((_owner(c, noun, result) for c in noun.children
                      if c.dep_ == "poss" and c.i in result.by_token), None)
        if owner is None or owner == current or article.type_of(owner) in {
                None, EntityType.LOCATION}:
            continue
        result.by_token[noun.i] = owner


def _owner(possessor: Token, noun: Token, result: SentenceActors) -> str | None:
    """The actor a possessor names; for a pronoun ('its', 'their'), the subject of the
    clause above the noun's ('The group said its fighters killed ...': the group, resolved
    only after the pronoun was), None when there is none."""
    if possessor.pos_ != "PRON":
        return result.by_token.get(possessor.i)
    for verb in (noun.head, *noun.head.ancestors):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and c.i < possessor.i and c.i != noun.i), None)
        if subject is not None:
            return result.by_token.get(subject.i)
    return None
