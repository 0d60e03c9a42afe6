"""The offline, deterministic extractor: one article in, one graph fragment out.

The shared stages run here (sentences, mentions, resolution, dates, standing ties from
titles); an event engine (`rules` by default, see `events`) proposes each sentence's events
and `edges.decide` settles which become edges.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from geokg.extract.budget import Budget
from geokg.extract.clauses import SPEECH_VERBS, mask
from geokg.extract.dates import TimeFinder, leaves_undated, undated_notice
from geokg.extract.edges import add_relation, decide
from geokg.extract.events import ArticleContext, Candidate, EventEngine, SentenceContext
from geokg.extract.gazetteer import Gazetteer, load_gazetteer
from geokg.extract.mentions import HEAD_TITLES, Found, Mention, MentionFinder
from geokg.extract.resolution import Resolver
from geokg.extract.rules import RulesEngine
from geokg.extract.sentences import Sentence, split_sentences
from geokg.extract.words import WORDS, any_of
from geokg.graph.model import Article, Entity, EntityType, GraphFragment, Status
from geokg.graph.vocabulary import Vocabulary, load_vocabulary

_PAIR_OF_TOKENS = re.compile(r"§(\d+)§,?\s+and\s+(?:the\s+)?§(\d+)§")
_TOKEN_SAID = re.compile(rf"§(\d+)§\s+(?:[\w']+\s+){{0,6}}?{SPEECH_VERBS}\b")
SENIOR_TITLE = re.compile(any_of(WORDS.titles.senior), re.I)
TITLE_CONFIDENCE = 0.9


class Extractor:
    """Turns articles into graph fragments using the vocabulary, the gazetteer and an event
    engine (the `rules` engine unless another is given)."""

    def __init__(self, vocabulary: Vocabulary | None = None,
                 gazetteer: Gazetteer | None = None, engine: EventEngine | None = None) -> None:
        self.vocabulary = vocabulary or load_vocabulary()
        self.gazetteer = gazetteer or load_gazetteer()
        self.finder = MentionFinder(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)
        self.times = TimeFinder()
        self.engine: EventEngine = engine or RulesEngine(self.vocabulary)

    @property
    def rules(self):
        """The compiled rules of the `rules` engine."""
        return self.engine.rules  # type: ignore[attr-defined]

    @property
    def rule_matches(self):
        """The `rules` engine's memory of rule matches per masked sentence."""
        return self.engine.rule_matches  # type: ignore[attr-defined]

    def forget(self) -> None:
        """Drop the sentences remembered so far (see `memo`): what comes next is extracted
        as by a new extractor, only slower."""
        self.finder.remembered.forget()
        self.times.forget()
        self.engine.forget()

    # --- entry point -----------------------------------------------------------------
    def extract(self, article: Article, sentences: list[Sentence] | None = None
                ) -> GraphFragment:
        """The graph fragment of one article (its `sentences` when already split)."""
        state = ArticleContext(article=article, gazetteer=self.gazetteer)
        sentences = split_sentences(article.text) if sentences is None else sentences
        budget = Budget()
        per_sentence = self._mentions(state, sentences, budget)
        for sentence, sentence_mentions in zip(sentences, per_sentence, strict=True):
            budget.check()
            self._title_ties(state, sentence, sentence_mentions)
            self._events(state, sentence, sentence_mentions)
        if state.published is None and any(
                leaves_undated(self.times.find(s.text, None)) for s in sentences):
            state.unresolved.append(undated_notice(article.id))
        mentioned = {m.entity for ms in per_sentence for m in ms if m.entity}
        return self._fragment(state, mentioned)

    def event_edges(self, article: Article, sentences: list[Sentence],
                    events_in: Collection[int]) -> GraphFragment:
        """Only the event edges of the sentences of indices `events_in`, and their actors
        (what the parse engine's backoff stands in with): every sentence up to the last of
        them still leaves its time, speakers and pairs for the next ones; no title ties, no
        notices, and the sentences after the last one are not read for events."""
        state = ArticleContext(article=article, gazetteer=self.gazetteer)
        budget = Budget()
        per_sentence = self._mentions(state, sentences, budget)
        last = max(events_in, default=-1)
        for index, (sentence, sentence_mentions) in enumerate(
                zip(sentences[: last + 1], per_sentence, strict=False)):
            budget.check()
            self._events(state, sentence, sentence_mentions, index in events_in)
        return self._fragment(state, set())

    def _fragment(self, state: ArticleContext, mentioned: set[str]) -> GraphFragment:
        """The article's fragment: its relations and copies of their actors' and of the
        `mentioned` entities."""
        used = {r.source for r in state.relations.values()} | {
            r.target for r in state.relations.values()}
        entities = [_entity_copy(state, eid) for eid in sorted(used | mentioned)]
        return GraphFragment(articles=[state.article], entities=[e for e in entities if e],
                             relations=list(state.relations.values()),
                             unresolved=state.unresolved)

    def _mentions(self, state: ArticleContext, sentences: list[Sentence], budget: Budget
                  ) -> list[list[Mention]]:
        """Each sentence's mentions, with the article's surnames added and all resolved
        (the article's time `budget` is checked before each sentence)."""
        found: list[Found] = []
        for sentence in sentences:
            budget.check()
            found.append(self.finder.find(sentence.text))
        for one in found:
            for entity in one.new_entities:
                state.entities.setdefault(entity.id, entity)
        surnames = self.resolver.surnames(state, found)
        for sentence, one in zip(sentences, found, strict=True):
            self.finder.add_surnames(sentence.text, one, surnames)
        per_sentence = [one.mentions for one in found]
        self.resolver.resolve(state, sentences, per_sentence)
        self.resolver.resolve_speakers(state.article.text, sentences, per_sentence)
        return per_sentence

    # --- standing ties from titles ------------------------------------------------------
    def _title_ties(self, state: ArticleContext, sentence: Sentence,
                    mentions: list[Mention]) -> None:
        """'Colombian President Gustavo Petro': Petro LEADS Colombia; a senior minister is a
        MEMBER_OF its government's country."""
        for mention in mentions:
            if not (mention.entity and mention.role and mention.role_country
                    and mention.kind in {"name", "title"}):
                continue
            if state.type_of(mention.entity) != EntityType.PERSON:
                continue
            head = mention.role in HEAD_TITLES or mention.role.lower() in {"leader"}
            if not head and not SENIOR_TITLE.search(mention.role):
                continue
            kind = "LEADS" if head else "MEMBER_OF"
            tie = Candidate(action=kind, pairs=[(mention.entity, mention.role_country)],
                            trigger_at=mention.start, rule=f"{self.engine.name}:{kind}:title",
                            confidence=TITLE_CONFIDENCE,
                            status=Status.FORMER if mention.former else Status.ASSERTED,
                            properties={"role": mention.role})
            add_relation(state, sentence, tie, tie.pairs[0], self.vocabulary)

    # --- events -------------------------------------------------------------------------
    def _events(self, state: ArticleContext, sentence: Sentence,
                mentions: list[Mention], propose: bool = True) -> None:
        """The sentence's events, proposed by the engine and decided one by one (unless not
        to `propose` any); then what the sentence leaves for later ones (its time, speakers
        and pairs of actors)."""
        masked, mask_ends = mask(sentence.text, mentions)
        times = self.times.find(sentence.text, state.published)
        absolute = [t for t in times if t.date and not t.future]
        if absolute:
            state.paragraph_time[sentence.paragraph] = absolute[-1].date or ""
            state.last_time = absolute[-1].date
            state.lede_time = state.lede_time or absolute[0].date
        context = SentenceContext(sentence, mentions, masked, mask_ends, times, state)
        for proposal in self.engine.candidates(context) if propose else ():
            decide(context, proposal, self.vocabulary)
        for pair in _PAIR_OF_TOKENS.finditer(masked):
            first, second = (mentions[int(pair.group(i))].entity for i in (1, 2))
            if first and second and first != second:
                state.last_pair = (first, second)
        for speaker in _TOKEN_SAID.finditer(masked):
            state.last_speaker = mentions[int(speaker.group(1))].entity or state.last_speaker
            state.last_claimant = state.last_speaker


def _entity_copy(state: ArticleContext, entity_id: str) -> Entity | None:
    """A copy of the entity of an id, safe to hand out in a fragment."""
    entity = state.known(entity_id)
    if entity is None:
        return None
    return entity.model_copy(update={"aliases": list(entity.aliases),
                                     "roles": list(entity.roles)})
