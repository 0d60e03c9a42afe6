"""A lone surname nothing tagged: 'Besides, Okonjo again accused Kenya of arming the rebels',
'ministers accused Banda of plotting a coup'. One capitalized proper noun standing as a
subject or an object, which neither the gazetteer, the mention finder nor spaCy's NER took
for an actor (NER may call it a nationality), is a person: the one the article named in full
with that word, else a person of that name. Not after a preposition ('hiding in X': a place)
nor after a determiner ('the X': no one's name)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import slugify
from geokg.extract.parse.memory import ArticleActors, SentenceActors
from geokg.graph.model import Entity, EntityType

ARGUMENTS = frozenset({"nsubj", "dobj", "conj"})  # not a preposition's object: a place
UNTAKEN = frozenset({"", "NORP"})  # what NER made of it: nothing, or a nationality


def _lone(article: ArticleActors, token: Token, result: SentenceActors) -> bool:
    return token.pos_ == "PROPN" and token.is_title and len(token) > 3 and \
        token.dep_ in ARGUMENTS and token.ent_type_ in UNTAKEN and \
        token.i not in result.by_token and \
        not any(c.dep_ in {"compound", "flat", "det"} for c in token.children) and \
        token.text not in article.gazetteer.surface and \
        token.text not in article.gazetteer.demonyms


def lone_surnames(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map each lone surname of the sentence to its person."""
    for token in sentence:
        if _lone(article, token, result):
            result.by_token[token.i] = article.person_named(token.text) or article.add_entity(
                Entity(id=slugify(token.text), name=token.text, type=EntityType.PERSON))
