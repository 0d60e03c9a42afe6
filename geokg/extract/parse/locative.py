"""Targets that only say where an act happens, not whom it is aimed at: a place named in a
phrase of location ('detonated a bomb in the port city of X', 'blocked roads in the town of
X'), or a place as the target of an act no place can suffer ('visited the X border region' is
no meeting; only the acts of `place_acts` in words.yaml, such as attacks and deployments,
take a place). A country is never only a place: it stands for its state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geokg.graph.model import EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors
    from geokg.extract.parse.words import Words

# Prepositions that place an act ('in X', 'near X'); 'at' and 'on' also aim one ('fired at
# X', 'an attack on X'), so they are left to the frames.
LOCATED = frozenset({"in", "inside", "near", "outside", "across", "throughout", "within"})
GUESSED = {EntityType.PERSON, EntityType.ORGANIZATION}  # NER's types for unknown place names
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _called_a_place(token: Token, target: str, actors: SentenceActors, words: Words) -> bool:
    """Whether a place noun calls the target a place ('the town of X', 'the X border
    region', 'the city X'), whatever type the NER guessed for the name."""
    if token.lemma_.lower() not in words.place_nouns or actors.of(token) == target:
        return False
    named = [c for c in token.children if c.dep_ in {"appos", "compound"}]
    named += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj"]
    return any(actors.of(name) == target for name in named)


def _a_place(token: Token, target: str, kind: EntityType | None, actors: SentenceActors,
             words: Words) -> bool:
    """Whether the target is a place: a Location, a name called a place, or a name the
    parser marked as one ('a bomb in X' with X guessed an organization)."""
    return kind == EntityType.LOCATION or _called_a_place(token, target, actors, words) or (
        actors.of(token) == target and token.ent_type_ in PLACE_LABELS)


def _located(token: Token) -> bool:
    """Whether the token is the object of a preposition of location ('a bomb in X')."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATED


def only_where(action: str, token: Token, target: str, article: ArticleActors,
               actors: SentenceActors, words: Words) -> bool:
    """Whether the target the token resolves to is only where the act happens: a place in a
    phrase of location (unless the act is imposed on an area or stationed in it: 'a curfew
    in the town of X'), or a name called a place as the target of an act no place can
    suffer (a bare name is left alone: an unknown country may be misspelt)."""
    kind = article.type_of(target)
    if kind not in GUESSED and kind != EntityType.LOCATION:
        return False
    act = action.lower()
    if _located(token) and act not in words.area_acts:
        return _a_place(token, target, kind, actors, words)
    return act not in words.place_acts and _called_a_place(token, target, actors, words)
