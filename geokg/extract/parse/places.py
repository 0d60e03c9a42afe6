"""Places and things acted on, as the actor they stand for: a place noun is the named place
it is ('the village of Gasarwa', 'Bunari village'), else the country it lies in ('a base in
northern Pakistan', 'attacked two bases in Somalia'); an owned one is left to its owner ('a
Kenyan base', 'Hamas positions': `decide.target_of`); people acted on in a country ('aid to
families in Pakistan', 'sanctioned 11 people in Mexico') are that country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import slugify
from geokg.graph.model import Entity, EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

# Where a thing acted on stands: the object of a verb or preposition, a passive subject.
ACTED_ON = {"dobj", "pobj", "nsubjpass", "conj", "appos"}
WHERE_PREPS = {"in", "into", "to", "near", "inside", "outside", "across", "throughout",
               "within", "around", "toward", "towards"}
OWNER_DEPS = {"amod", "compound", "poss", "nmod"}
IN_PLACE = frozenset({"in", "inside", "near", "outside", "at", "across", "throughout"})
GUESSED = {EntityType.ORGANIZATION, EntityType.PERSON}  # NER's types for unknown place names
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# People acted on where they are, not as a body of their own ('families in Pakistan').
PLACED_PEOPLE = {"people", "persons", "individuals", "entities", "families", "victims",
                 "communities", "residents", "inhabitants", "civilians", "survivors",
                 "households", "population", "populations"}


def _name_of(article: ArticleActors, token: Token, result: SentenceActors) -> str | None:
    """The actor a proper name stands for: the one already resolved, else a Location the
    parser marked as a place ('Gasarwa'), new to the article."""
    known = result.by_token.get(token.i)
    if known is not None or token.pos_ != "PROPN" or token.ent_type_ not in PLACE_LABELS:
        return known
    span = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    name = (span.text if span is not None else token.text).removeprefix("the ")
    if len(name) < 2 or not name[0].isupper():
        return None
    return article.add_entity(Entity(id=slugify(name), name=name, type=EntityType.LOCATION))


def _as_place(article: ArticleActors, entity_id: str) -> str:
    """A name 'the village of' calls a place is one, whatever the NER guessed ('the village
    of Kalungu' read as an organization): an article-local actor becomes a Location."""
    entity = article.entities.get(entity_id)
    if entity is not None and entity.type in GUESSED and not any(
            cue in entity.name.lower() for cues in article.words.org_cues.values()
            for cue in cues):
        article.entities[entity_id] = entity.model_copy(update={"type": EntityType.LOCATION})
    return entity_id


def _named_place(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The place a place noun names: 'the village of X', 'X village', 'the capital X'."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            names = [o for o in child.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        elif child.dep_ in {"compound", "appos"} and child.pos_ == "PROPN":
            names = [child]
        else:
            continue
        found = next((n for n in (_name_of(article, t, result) for t in names) if n), None)
        if found:
            return _as_place(article, found)
    return None


def _place_actor(article: ArticleActors, entity_id: str | None) -> str | None:
    """The actor a place stands for: a country; a place of a known country, that country
    (else the place itself); a body of a country ('Kenyan military'), its country."""
    entity = article.known(entity_id)
    if entity is None or entity.type == EntityType.PERSON:
        return None
    if entity.type == EntityType.COUNTRY:
        return entity.id
    country = article.gazetteer.country_entity(entity.country)
    if entity.type == EntityType.LOCATION:
        return country or entity.id
    return country if entity.type == EntityType.GOVERNMENT_BODY else None


def _locative(noun: Token) -> bool:
    """Whether the noun only says where an act happens ('arrived in the capital', 'talks
    in a border town'): the object of a place preposition of a verb or event."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in WHERE_PREPS and prep.head.pos_ in {
        "VERB", "AUX", "NOUN"}


def _owned(noun: Token, result: SentenceActors) -> bool:
    """Whether a word before the noun names an actor ('Hamas military targets', 'a Kenyan
    base', "the troops' base"): the owner is the target (`decide.target_of` reads it)."""
    found = [c for c in noun.children if c.dep_ in OWNER_DEPS and c.i < noun.i]
    found += [g for c in found for g in c.children if g.dep_ in OWNER_DEPS]
    return any(t.i in result.by_token for t in found)


WALKED = {"prep", "pobj", "acl", "agent"}


def _where(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The place a thing lies in: the nearest place phrase below it ('a base in northern
    Pakistan', 'a post in nearby Bunari village', 'the bank of the city of Kherson',
    'communities affected by floods in Pakistan')."""
    place_nouns = article.words.place_nouns
    level = [noun]
    for _ in range(5):
        level = [c for t in level for c in t.children if c.dep_ in WALKED]
        for prep in level:
            if prep.dep_ != "prep" or not (prep.lower_ in IN_PLACE or prep.lower_ == "of"
                                           and prep.head.lower_ in place_nouns):
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                found = _place_actor(article, result.by_token.get(obj.i)) or (
                    _named_place(article, obj, result) if obj.lower_ in place_nouns else None)
                if found:
                    return found
    return None


def _verb_place(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """'attacked two bases in Somalia': the place phrase of the verb whose object it is."""
    if noun.dep_ != "dobj":
        return None
    for prep in noun.head.children:
        if prep.dep_ == "prep" and prep.lower_ in IN_PLACE:
            for obj in prep.children:
                place = _place_actor(article, result.by_token.get(obj.i)) \
                    if obj.dep_ == "pobj" else None
                if place:
                    return place
    return None


def places(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map each place noun acted on to the place it names or the country it lies in, and
    each group of people acted on in a country to that country."""
    place_nouns = article.words.place_nouns
    for noun in sentence:
        if noun.i in result.by_token or noun.pos_ != "NOUN" or noun.dep_ not in ACTED_ON \
                or _owned(noun, result):
            continue
        word = noun.lower_
        if word in place_nouns and not _locative(noun):
            found = (_named_place(article, noun, result) or _where(article, noun, result)
                     or _verb_place(article, noun, result))
        elif word in PLACED_PEOPLE:
            found = _where(article, noun, result)
            found = found or next((w for c in noun.conjuncts
                                   if (w := _where(article, c, result))), None)
        else:
            continue
        if found:
            result.by_token[noun.i] = found
