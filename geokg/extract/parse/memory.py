"""What an article has said about its actors so far, and which token of a sentence names
which actor: the state the parse engine's actor modules (actors, groups, holders) share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import Gazetteer, slugify
from geokg.extract.parse.words import Words
from geokg.graph.model import Entity, EntityType

# Generational suffixes end a name but are no name a person is later called by ('Teodoro
# Locsin Jr.' is 'Locsin').
NAME_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}


@dataclass
class ArticleActors:
    """What the article has said about actors so far (for pronouns, roles and quotes)."""

    gazetteer: Gazetteer
    words: Words
    published: dt.date | None
    entities: dict[str, Entity] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)  # entity ids, most recent last
    speaker: str | None = None
    first_country: str | None = None
    titles: dict[str, str] = field(default_factory=dict)  # 'general' -> the last General named
    last_pair: tuple[str, str] | None = None  # the last two actors named together ('A and B')
    body_country: dict[str, str] = field(default_factory=dict)  # 'junta' -> its country
    last_subject: str | None = None  # the actor the previous sentence's main clause is about
    alias_of: dict[str, str] = field(default_factory=dict)  # 'DFA' -> the entity it abbreviates
    same: dict[str, str] = field(default_factory=dict)  # a later entity id -> the one it names
    name_words: dict[str, set[str]] = field(default_factory=dict)  # 'Huang' -> people so named
    typed: set[str] = field(default_factory=set)  # groups named by a noun ('Somali militants')
    held: dict[tuple[str, str], str] = field(default_factory=dict)  # (role, country) -> person

    def known(self, entity_id: str | None) -> Entity | None:
        if not entity_id:
            return None
        return self.entities.get(entity_id) or self.gazetteer.entities.get(entity_id)

    def type_of(self, entity_id: str | None) -> EntityType | None:
        entity = self.known(entity_id)
        return entity.type if entity else None

    def seen(self, entity_id: str) -> None:
        """Remember an actor as the most recent one named (a person also by the first and
        last word of the name)."""
        entity = self.known(entity_id)
        if entity is not None and entity.type == EntityType.PERSON and " " in entity.name:
            words = [w for w in entity.name.split() if w.rstrip(".,") not in NAME_SUFFIXES]
            for word in {words[0], words[-1]}:
                self.name_words.setdefault(word, set()).add(entity_id)
        if entity_id in self.recent:
            self.recent.remove(entity_id)
        self.recent.append(entity_id)
        del self.recent[:-12]
        if self.first_country is None and self.type_of(entity_id) == EntityType.COUNTRY:
            self.first_country = entity_id

    def add_entity(self, entity: Entity) -> str:
        """Keep an article-local entity (the first sighting names it); a name the article
        gave earlier as another entity's alias is that entity ('the DFA' after 'the
        Department of Foreign Affairs (DFA)')."""
        if entity.id in self.gazetteer.entities:
            return entity.id
        earlier = self.alias_of.get(entity.name)
        if earlier is not None and earlier != entity.id:
            self.same[entity.id] = earlier
            return earlier
        kept = self.entities.setdefault(entity.id, entity)
        for alias in kept.aliases:
            self.alias_of.setdefault(alias, kept.id)
        return kept.id

    def abbreviated(self, acronym: str, entity_id: str) -> None:
        """'the National Electoral Board (NEB)': NEB names that entity from now on (and the
        entity the acronym alone made, if any, is it)."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return
        if acronym not in entity.aliases:
            entity.aliases.append(acronym)
        self.alias_of[acronym] = entity_id
        if slugify(acronym) != entity_id:
            self.same[slugify(acronym)] = entity_id

    def canonical(self, entity_id: str) -> str:
        """The entity an article-local id stands for (itself unless it is an alias)."""
        return self.same.get(entity_id, entity_id)

    def person_named(self, word: str) -> str | None:
        """The one person the article named in full whose first or last name is `word`
        ('Huang' after 'Huang Xilian', 'Kurti' after 'Albin Kurti'); None if none or several."""
        people = self.name_words.get(word, set())
        return next(iter(people)) if len(people) == 1 else None


@dataclass
class SentenceActors:
    """Entity id per token of one sentence (None where no actor)."""

    sentence: Span
    by_token: dict[int, str] = field(default_factory=dict)  # token index -> entity id
    pronouns: set[int] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    pairs: set[int] = field(default_factory=set)  # tokens of 'the two leaders', 'both sides'


    def of(self, token: Token | None) -> str | None:
        """The actor a token names (a name's head or any word of it)."""
        if token is None:
            return None
        return self.by_token.get(token.i)
