"""What an event engine sees of one sentence and what it proposes: the interface between the
shared stages (sentences, mentions, resolution, dates) and the engines (`rules`, `parse`).

An engine's `candidates(context)` yields, for one sentence, `Candidate` events (who did what
to whom, with status, date and the rule that found it) and `Dropped` ones (no edge, with the
reason reported as unresolved), lazily: `edges.decide` settles each before the engine is asked
for the next, so an engine may read what was decided so far (`SentenceContext.used_triggers`,
`.sources` and the article memory in `ArticleContext`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from geokg.extract.dates import TimeExpression
from geokg.extract.gazetteer import Gazetteer
from geokg.extract.mentions import Mention
from geokg.extract.sentences import Sentence
from geokg.graph.model import Article, Entity, EntityType, Relation, Status, Unresolved


@dataclass
class ArticleContext:
    """The article read so far: the fragment being built and what later sentences refer
    back to (the last claimant, speaker, pair of actors, dated acts per category...)."""

    article: Article
    gazetteer: Gazetteer
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[tuple, Relation] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    last_claimant: str | None = None
    last_speaker: str | None = None
    last_event_source: str | None = None
    last_igo: str | None = None
    last_time: str | None = None
    last_pair: tuple[str, str] | None = None
    last_source_by_category: dict[str, str] = field(default_factory=dict)
    last_date_by_category: dict[str, str] = field(default_factory=dict)
    last_army_country: str | None = None
    lede_time: str | None = None
    first_country: str | None = None
    paragraph_time: dict[int, str] = field(default_factory=dict)

    @property
    def published(self) -> dt.date | None:
        return self.article.published

    def known(self, entity_id: str) -> Entity | None:
        """The entity of an id, article-local first (shared: read it, do not change it)."""
        return self.entities.get(entity_id) or self.gazetteer.entities.get(entity_id)

    def type_of(self, entity_id: str | None) -> EntityType | None:
        entity = self.known(entity_id) if entity_id else None
        return entity.type if entity else None

    def report(self, sentence: Sentence, reason: str) -> None:
        """Record that a sentence's event gave no edge, and why."""
        self.unresolved.append(Unresolved(article=self.article.id, text=sentence.text[:200],
                                          reason=reason))

    def remember(self, candidate: Candidate, source: str) -> None:
        """What a decided event leaves for later sentences to refer to ('the move', 'the
        claims', a reaction dated by the act it answers)."""
        if candidate.category:
            self.last_event_source = source
            self.last_source_by_category[candidate.category] = source
            if candidate.date:
                self.last_date_by_category[candidate.category] = candidate.date
        if candidate.makes_claim:
            self.last_claimant = candidate.claimant or self.last_claimant


@dataclass
class SentenceContext:
    """One sentence as the engines see it: its mentions (resolved), the masked text (each
    mention replaced by `§i§`, see `clauses.mask`), its time expressions, the article so far,
    and what was decided so far in this sentence."""

    sentence: Sentence
    mentions: list[Mention]
    masked: str
    mask_ends: list[tuple[int, int]]  # per mention: (end in masked text, end in sentence)
    times: list[TimeExpression]
    article: ArticleContext
    used_triggers: set[int] = field(default_factory=set)  # triggers that yielded an edge
    decided: set[tuple[str, str, str]] = field(default_factory=set)  # (source, type, target)
    sources: list[str] = field(default_factory=list)  # sources of its events, in order


@dataclass
class Candidate:
    """An event an engine proposes: edges of one relationship type between `pairs`
    (source, target), the first being the main one."""

    action: str
    pairs: list[tuple[str, str]]
    trigger_at: int  # where its trigger (verb or noun) starts: one event per trigger
    rule: str  # the evidence's rule name, its engine's first ('rules:SANCTIONED:verb')
    confidence: float
    status: Status = Status.ASSERTED
    date: str | None = None
    properties: dict = field(default_factory=dict)
    reciprocal: bool = False  # 'X and Y met': each pair is decided on its own
    category: str | None = None  # the PLOVER category of the act found (for memory)
    makes_claim: bool = False  # an accusation or a claim: later 'the claims' refer to it
    claimant: str | None = None


@dataclass(frozen=True)
class Dropped:
    """A proposal that gives no edge; `reason` is reported as unresolved."""

    reason: str


class EventEngine(Protocol):
    """Finds the events of a sentence (see the module docstring)."""

    name: str

    def candidates(self, context: SentenceContext) -> Iterator[Candidate | Dropped]:
        """The events of one sentence, lazily, in the order they should be decided."""
        ...

    def forget(self) -> None:
        """Drop whatever the engine remembers of sentences seen so far."""
        ...
