"""A name after the words that describe it ('the rebel group M23', 'Islamist group
al-Shabab', 'the main opposition party, the United National Movement'): the descriptor
stands for the named actor, not for a group of its own ('rebel group')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from geokg.graph.model import EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

DESCRIPTORS = {"group", "movement", "party", "organization", "organisation", "militia",
               "faction", "coalition", "alliance", "outfit", "network", "front", "bloc",
               "insurgency", "wing"}
NAME_DEPS = {"appos", "compound", "flat"}


def _named(article: ArticleActors, token: Token, result: SentenceActors) -> str | None:
    """The named actor (not a person, not a place) a name token stands for."""
    entity_id = result.by_token.get(token.i)
    kind = article.type_of(entity_id)
    if token.pos_ != "PROPN" or kind in {None, EntityType.PERSON, EntityType.LOCATION}:
        return None
    return entity_id


def _name_after(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The name the descriptor describes: its appositive ('the group, Hamas'), the name
    it modifies ('group al-Shabab' read as a compound of the name), or a name right after
    it that the parser hung elsewhere ('movement Renamo' as another noun's appositive)."""
    for child in noun.children:
        if child.dep_ == "appos" and child.i > noun.i:
            named = _named(article, child, result)
            if named:
                return named
    if noun.dep_ in {"compound", "amod", "nmod"} and noun.head.i > noun.i:
        named = _named(article, noun.head, result)
        if named:
            return named
    after = noun.doc[noun.i + 1] if noun.i + 1 < noun.sent.end else None
    if after is not None and after.dep_ in NAME_DEPS:
        return _named(article, after, result)
    return None


def described(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map each descriptor of a name, and the words the descriptor made into an actor of
    its own ('rebel group'), to the named actor."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.lower_ not in DESCRIPTORS:
            continue
        before = result.by_token.get(noun.i)
        if before is not None and before not in article.entities:
            continue  # a known actor ('the Party' of the gazetteer): not a description
        named = _name_after(article, noun, result)
        if named is None or named == before:
            continue
        for token in [*(t for t in noun.children if t.i < noun.i), noun]:
            result.by_token[token.i] = named
        if before is not None:
            for index, entity_id in list(result.by_token.items()):
                if entity_id == before:
                    result.by_token[index] = named
