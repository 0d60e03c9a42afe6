"""The typed data model: articles, entities, relations, evidence and graph fragments."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class EntityType(StrEnum):
    """The node types; each becomes a second Neo4j label beside :Entity."""

    PERSON = "Person"
    COUNTRY = "Country"
    GOVERNMENT_BODY = "GovernmentBody"
    ORGANIZATION = "Organization"
    ARMED_GROUP = "ArmedGroup"
    CRIMINAL_GROUP = "CriminalGroup"
    IGO = "IGO"
    LOCATION = "Location"


class Status(StrEnum):
    """How the text presents an edge."""

    ASSERTED = "asserted"
    ALLEGED = "alleged"
    DENIED = "denied"
    ANNOUNCED = "announced"
    FORMER = "former"


_DATE_PREFIX = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def validate_date_prefix(value: str) -> str:
    """Accept `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar day)."""
    if not _DATE_PREFIX.match(value):
        raise ValueError(f"not an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    if len(value) == 10:
        dt.date.fromisoformat(value)
    return value


DatePrefix = Annotated[str, AfterValidator(validate_date_prefix)]


def date_bounds(prefix: str) -> tuple[dt.date, dt.date]:
    """First and last day of the period an ISO date prefix names."""
    parts = [int(p) for p in prefix.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day


class Article(BaseModel):
    """One input document."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    text: str = ""
    # The engine (and model) that extracted it, e.g. 'parse:en_core_web_sm-3.8.0'; shown by
    # public() when known, left out of plain dumps (excluded) so that they stay as they were.
    extractor: str | None = Field(default=None, exclude=True)

    @property
    def cited_as(self) -> str:
        """How evidence cites the article: its title, else its URL's name, else its file (or
        feed) name, else its id (see `citation`)."""
        return citation(self.id, self.title, self.url, self.source)

    def public(self) -> dict[str, Any]:
        """The article as the output contract shows it (no text; `extractor` when known)."""
        data = self.model_dump(mode="json", exclude={"text"})
        if self.extractor:
            data["extractor"] = self.extractor
        return data


def citation(article_id: str, title: str | None = None, url: str | None = None,
             source: str | None = None) -> str:
    """The name an article is cited by: its title; else the last part of its URL's path
    (the host when the path is empty); else the file name of its source (the last part of a
    path, or the feed's name); else its id.

    >>> citation("3f2a", url="https://example.org/news/petro-sanctioned.html")
    'petro-sanctioned.html'
    >>> citation("3f2a", source="articles/petro.md")
    'petro.md'
    """
    if title and title.strip():
        return title.strip()
    if url and url.strip():
        parts = urlsplit(url.strip())
        name = next((p for p in reversed(parts.path.split("/")) if p), "") or parts.netloc
        if name:
            return unquote(name)
    if source and source.strip():
        name = source.strip().replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        if name:
            return name
    return article_id


class Entity(BaseModel):
    """A typed actor (node)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None
    roles: list[str] = Field(default_factory=list)

    def public(self) -> dict[str, Any]:
        """The entity as the `extract --format json` contract shows it."""
        return self.model_dump(mode="json", include={"id", "name", "type", "aliases", "country",
                                                     "wikidata"})


class Evidence(BaseModel):
    """Where an edge is asserted: the sentence and its character span in the article text,
    and the date it reported (set by the stores; an edge's date may be finer, see
    `geokg.graph.precision`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str
    date: DatePrefix | None = Field(default=None, exclude_if=lambda value: value is None)

    @property
    def identity(self) -> tuple[str, int, int, str]:
        """What makes two items the same evidence (see `evidence_identity`)."""
        return (self.article, self.start, self.end, self.rule)


def evidence_identity(item: Evidence | Mapping[str, Any]) -> tuple[str, int, int, str]:
    """An evidence item's identity, (article, start, end, rule), whether a model or a mapping
    of its fields: a relation holds at most one item of each (the embedded store's unique
    index on its evidence table says the same)."""
    if isinstance(item, Evidence):
        return item.identity
    return (item["article"], item["start"], item["end"], item["rule"])


class Relation(BaseModel):
    """A dated, typed edge between two entities."""

    model_config = ConfigDict(extra="forbid")

    source: str
    target: str
    type: str
    category: str | None = None
    date: DatePrefix | None = None
    status: Status = Status.ASSERTED
    properties: dict[str, Any] = Field(default_factory=dict)
    confidence: float = Field(default=0.8, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """Edge identity: (source, type, target, date)."""
        return (self.source, self.type, self.target, self.date)

    def add_evidence(self, items: list[Evidence]) -> bool:
        """Append evidence not yet present; True when something was added."""
        known = {e.identity for e in self.evidence}
        added = False
        for item in items:
            ident = item.identity
            if ident not in known:
                self.evidence.append(item)
                known.add(ident)
                added = True
        return added

    def public(self) -> dict[str, Any]:
        """The relation as the output contract shows it."""
        return self.model_dump(mode="json")


class Unresolved(BaseModel):
    """Something the extractor saw but could not turn into graph facts."""

    model_config = ConfigDict(extra="forbid")

    article: str
    text: str
    reason: str


class GraphFragment(BaseModel):
    """The graph one or more articles yield; merging fragments keeps edge identity."""

    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    unresolved: list[Unresolved] = Field(default_factory=list)

    def merge(self, other: GraphFragment) -> None:
        """Add another fragment in place: same ids merge, evidence accumulates."""
        known_articles = {a.id for a in self.articles}
        self.articles.extend(a for a in other.articles if a.id not in known_articles)
        entities = {e.id: e for e in self.entities}
        for entity in other.entities:
            if entity.id in entities:
                merge_entity(entities[entity.id], entity)
            else:
                entity = entity.model_copy(deep=True)
                entities[entity.id] = entity
                self.entities.append(entity)
        relations = {r.key: r for r in self.relations}
        for relation in other.relations:
            if relation.key in relations:
                relations[relation.key].add_evidence(relation.evidence)
            else:
                relation = relation.model_copy(deep=True)
                relations[relation.key] = relation
                self.relations.append(relation)
        self.unresolved.extend(other.unresolved)

    def public(self) -> dict[str, Any]:
        """The `geokg extract --format json` output contract."""
        return {
            "articles": [a.public() for a in self.articles],
            "entities": [e.public() for e in self.entities],
            "relations": [r.public() for r in self.relations],
            "unresolved": [u.model_dump(mode="json") for u in self.unresolved],
        }


def merge_entity(into: Entity, other: Entity) -> None:
    """Fold another observation of the same entity into `into` (aliases, roles, ids)."""
    for alias in other.aliases + ([other.name] if other.name != into.name else []):
        if alias not in into.aliases and alias != into.name:
            into.aliases.append(alias)
    for role in other.roles:
        if role not in into.roles:
            into.roles.append(role)
    into.country = into.country or other.country
    into.wikidata = into.wikidata or other.wikidata
