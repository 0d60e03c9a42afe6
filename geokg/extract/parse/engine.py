"""The `parse` engine: articles in, graph fragments out, from a spaCy dependency parse."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Span

from geokg.extract.budget import Budget
from geokg.extract.dates import (
    TimeExpression,
    TimeFinder,
    apply_offset,
    leaves_undated,
    undated_notice,
)
from geokg.extract.edges import Edge, add_edge
from geokg.extract.gazetteer import Gazetteer, load_gazetteer
from geokg.extract.headline import headline_read
from geokg.extract.mentions import HEAD_TITLES, Found, MentionFinder
from geokg.extract.pairs import one_polity, own_state
from geokg.extract.parse import tree
from geokg.extract.parse.actors import (
    ArticleActors,
    SentenceActors,
    coordinated_owners,
    own_names,
    resolve_mention,
    sentence_actors,
)
from geokg.extract.parse.agreed import without_agreed_content
from geokg.extract.parse.backoff import RulesBackoff
from geokg.extract.parse.consequences import consequence_candidates
from geokg.extract.parse.coordination import coordination_candidates
from geokg.extract.parse.dateline import outside_dateline, without_dateline
from geokg.extract.parse.deadlines import with_deadlines
from geokg.extract.parse.decide import (
    RELATIONAL,
    actor_of,
    anaphor_category,
    commanded,
    read_context,
    target_of,
)
from geokg.extract.parse.ellipsis import ellipsis_candidates
from geokg.extract.parse.events import Candidate, find_candidates, undone_nominal_acts
from geokg.extract.parse.frames import compile_frames
from geokg.extract.parse.grata import grata_candidates
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.jointly import joint_candidates
from geokg.extract.parse.judgments import judgment_candidates
from geokg.extract.parse.lists import ListCue, find_list
from geokg.extract.parse.locative import only_where
from geokg.extract.parse.model import (
    ModelMissing,
    find_model,
    load_model,
    missing_message,
    model_label,
)
from geokg.extract.parse.operations import names_operation
from geokg.extract.parse.parses import Parses
from geokg.extract.parse.periods import noun_year
from geokg.extract.parse.pledges import pledge_candidates
from geokg.extract.parse.prospects import prospect_candidates
from geokg.extract.parse.quotes import quoted_first_person
from geokg.extract.parse.replies import reply_candidates
from geokg.extract.parse.senses import reread
from geokg.extract.parse.unaimed import unaimed_candidates
from geokg.extract.parse.undergone import undergone_candidates
from geokg.extract.parse.when import datable, of_own_complement, story_times
from geokg.extract.parse.whole import whole
from geokg.extract.parse.words import Words, load_words
from geokg.extract.sentences import Sentence, split_sentences
from geokg.extract.words import WORDS, any_of
from geokg.graph.model import (
    Article,
    Entity,
    EntityType,
    GraphFragment,
    Relation,
    Status,
    Unresolved,
)
from geokg.graph.vocabulary import HOSTILE, Vocabulary, coded_category, load_vocabulary

BATCH_SIZE = 256  # sentences per nlp.pipe batch (larger batches parse faster per word)
CLAIMED_ACTS = HOSTILE - {"REJECT", "PROTEST"}
SENIOR_TITLE = re.compile(any_of(WORDS.titles.senior), re.I)
CONFIDENCE = {"verb": 0.85, "passive": 0.85, "noun": 0.7, "claim": 0.6, "title": 0.9}


def parse_category(category: str | None, status: Status, conditional: bool = False,
                   agreed: bool = False) -> str | None:
    """The PLOVER category of an edge (`vocabulary.coded_category`); an act announced on a
    condition ('will withdraw unless ...') is also a threat: THREATEN, and an act agreed to
    ('agreed to sanction X') an agreement: AGREE (the relationship type keeps the act)."""
    if status == Status.ANNOUNCED and conditional and category is not None:
        return "THREATEN"
    if status == Status.ANNOUNCED and agreed and category is not None:
        return "AGREE"
    return coded_category(category, status)


@dataclass
class _Edge:
    """One edge to add: who did what to whom, when, found how (`frame`, and `kind` for
    the confidence)."""

    source: str
    target: str
    action: str
    date: str | None
    status: Status
    properties: dict
    frame: str
    kind: str
    conditional: bool = False  # announced on a condition: coded THREATEN
    agreed: bool = False  # agreed to: coded AGREE


@dataclass
class _Act:
    """An edge made earlier in the article (what 'the decision' may refer to, and what a
    later list of more targets continues: `action` and `status`)."""

    source: str
    category: str | None
    date: str | None
    action: str = ""
    status: Status = Status.ASSERTED


@dataclass
class _ArticleState:
    article: Article
    actors: ArticleActors
    relations: dict[tuple, Relation] = field(default_factory=dict)
    unresolved: list[Unresolved] = field(default_factory=list)
    acts: list[_Act] = field(default_factory=list)
    paragraph_time: dict[int, str] = field(default_factory=dict)
    lede_time: str | None = None
    mentioned: set[str] = field(default_factory=set)
    undated: bool = False  # a relative time expression found no publication date to rest on
    ruled_out: dict[int, set[str]] = field(default_factory=dict)  # see `_rule_out`
    doers: list[str] = field(default_factory=list)  # see `_remember_doer`


def _chunks(articles: Iterable[Article], sentences: int
            ) -> Iterator[list[tuple[Article, list[Sentence]]]]:
    """Articles with their sentences, a few at a time: each chunk closes once it holds
    `sentences` sentences (or the articles end), so memory stays flat."""
    chunk: list[tuple[Article, list[Sentence]]] = []
    count = 0
    for article in articles:
        split = split_sentences(article.text)
        chunk.append((article, split))
        count += len(split)
        if count >= sentences:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


LOCATIVE = frozenset({"in", "at", "inside", "across", "throughout", "near"})


def _a_place(token) -> bool:
    """'a law used in Russia to repress ...': the object of a locative preposition names
    where, not who; it is no subject for a verb the parser left without one."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE


def _ruled_out_actors(candidate: Candidate, actors: SentenceActors, words: Words) -> bool:
    """The candidate's actors are ones the parse reads as nobody named here on purpose: a
    kinsman or rival of X for its target ('captured the son of X' is not aimed at X), 'the
    two countries' after two people (see `decide.RELATIONAL`, `actors.pairs`), or a military
    operation's name ('Operation X targeted ...': `operations`)."""
    return any(token.lower_ in RELATIONAL for token in candidate.targets) or any(
        token.i in actors.pairs or names_operation(token, words.operation_words)
        for token in (*candidate.sources, *candidate.targets))


def _places_only(candidate: Candidate, article: ArticleActors, actors: SentenceActors,
                 words: Words) -> bool:
    """Every target the candidate names is only where its act happened (`locative`): the
    rules backoff's reading of the same words is no edge either."""
    found = [(token, target_of(token, actors, words)) for token in candidate.targets]
    return bool(found) and all(target and only_where(candidate.action, token, target, article,
                                                     actors, words) for token, target in found)


def _sides(actors: ArticleActors, sources: list[str], targets: list[str], category: str | None,
           command: bool = False) -> tuple[list[tuple[str, str]], bool]:
    """The (source, target) pairs an act joins: not an actor with itself or its own state
    (`one_polity`); and whether a pair was dropped as a state organ talking to its own
    country (`own_state`: a misread target) or a `command` to one's own organ."""
    pairs, misread = [], False
    for source in sources:
        for target in targets:
            known = actors.known(source), actors.known(target)
            if own_state(*known, category, command):
                misread = True
            elif source != target and not one_polity(*known):
                pairs.append((source, target))
    return pairs, misread


def _status(status: Status, action: str, read: str, former: bool) -> Status:
    """An edge's status: the context's, but a refusal of an announced act is itself done
    ('would not pursue talks': REJECTED, asserted), and an act of a former office holder
    (`former`) is of the past."""
    if action == "REJECTED" and action != read and status == Status.ANNOUNCED:
        status = Status.ASSERTED
    if status == Status.ASSERTED and former:
        status = Status.FORMER
    return status


def _day_ahead(times: list[TimeExpression], event, published) -> str | None:
    """An act still to come is dated by the day its own clause names for it ('agreed to
    hold talks on May 20', 'talks would start on Saturday'), not one already past."""
    if published is None:
        return None
    today = published.isoformat()
    ahead = [t for t in datable([t for t in times if t.future and t.date], event)
             if (t.date or "") >= today[: len(t.date or "")]]
    return min(ahead, key=lambda t: abs(t.start - event.idx)).date if ahead else None


class ParseExtractor:
    """Event coder over a spaCy English pipeline (parser + NER) and the shared stages."""

    engine = "parse"

    def __init__(self, model: str | None = None, vocabulary: Vocabulary | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        model = model or find_model()
        if model is None:
            raise ModelMissing(missing_message())
        self.model_name = model
        self.vocabulary = vocabulary or load_vocabulary()
        self.gazetteer = gazetteer or load_gazetteer()
        self.words = load_words()
        self.finder = MentionFinder(self.gazetteer)
        self.times = TimeFinder()
        self.frames = compile_frames(self.vocabulary, self.words)
        self.nlp = load_model(model)
        self.label = f"parse:{model_label(self.nlp)}"
        self.backoff = RulesBackoff(self.vocabulary, self.gazetteer, self.finder, self.times)
        self.parses = Parses(self.nlp)

    def __reduce__(self):  # workers started by spawn rebuild it (and load the model once)
        return (ParseExtractor, (self.model_name,))

    def forget(self) -> None:
        """Drop remembered sentences (parses, mentions and time expressions)."""
        self.parses.forget()
        self.finder.remembered.forget()
        self.times.forget()
        self.backoff.forget()

    def extract(self, article: Article) -> GraphFragment:
        """The graph fragment of one article."""
        sentences = split_sentences(article.text)
        return self.extract_parsed(article, sentences, self.parses.of(
            (self._parsed_text(s.text) for s in sentences), BATCH_SIZE))

    def extract_many(self, articles: Iterable[Article],
                     batch_size: int = BATCH_SIZE) -> Iterator[GraphFragment]:
        """Fragments of many articles, in order; their sentences are parsed together in
        batches of `batch_size` with `nlp.pipe` (a batch's worth of articles at a time:
        memory stays flat)."""
        for chunk in _chunks(articles, batch_size):
            docs = self.parses.of((self._parsed_text(s.text)
                                   for _, sentences in chunk for s in sentences), batch_size)
            for article, sentences in chunk:
                yield self.extract_parsed(article, sentences, list(islice(docs, len(sentences))))

    def _parsed_text(self, text: str) -> str:
        """The text to parse of a sentence: a Title Case headline as sentence case, its known
        actors (the mention finder's) keeping their capitals (see `headline`)."""
        return headline_read(without_dateline(text),
                             lambda read: self.finder.find(read).mentions, self.gazetteer)

    # --- one article -----------------------------------------------------------------
    def extract_parsed(self, article: Article, sentences: list[Sentence],
                       docs: Iterable[Doc]) -> GraphFragment:
        """The fragment of an article from its sentences (the shared splitter's) and their
        parses, one Doc per sentence (parsed as they are read: the article's time budget,
        `geokg.extract.budget`, is checked before each sentence)."""
        budget = Budget()
        state = _ArticleState(article, ArticleActors(self.gazetteer, self.words,
                                                     article.published))
        found = []
        for sentence in sentences:
            budget.check()
            found.append(outside_dateline(own_names(self.finder.find(sentence.text),
                                                    self.gazetteer), sentence.text))
        surnames = self._surnames(found)
        for sentence, mentions in zip(sentences, found, strict=True):
            self.finder.add_surnames(sentence.text, mentions, surnames)
        for sentence, doc, mentions in zip(sentences, docs, found, strict=True):
            budget.check()
            self._sentence(state, sentence, whole(doc), mentions)
        if article.published is None and state.undated:
            state.unresolved.append(undated_notice(article.id))
        used = {r.source for r in state.relations.values()} | {
            r.target for r in state.relations.values()}
        entities = [e for e in (self._entity(state, i) for i in sorted(used | state.mentioned))
                    if e is not None]
        stamped = article.model_copy(update={"extractor": self.label})
        return self.backoff.fill(GraphFragment(
            articles=[stamped], entities=entities, relations=list(state.relations.values()),
            unresolved=state.unresolved), article, sentences, state.ruled_out)

    def _surnames(self, found: list[Found]) -> dict[str, str]:
        """Surnames of people named in full in the article (unique ones only)."""
        owners: dict[str, set[str]] = {}
        for sentence in found:
            for entity in sentence.new_entities:
                if entity.type == EntityType.PERSON and " " in entity.name:
                    owners.setdefault(entity.name.split()[-1], set()).add(entity.id)
            for mention in sentence.mentions:
                entity = self.gazetteer.entities.get(mention.entity or "")
                if entity and entity.type == EntityType.PERSON and " " in entity.name:
                    owners.setdefault(entity.name.split()[-1], set()).add(entity.id)
        return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1 and
                len(name) > 3 and name[0].isupper() and name not in self.gazetteer.surface}

    def _entity(self, state: _ArticleState, entity_id: str) -> Entity | None:
        """A copy of a known entity, safe to hand out (its lists are the copy's own); built
        without validating again what was validated when it was made."""
        entity = state.actors.known(entity_id)
        if entity is None:
            return None
        return Entity.model_construct(
            id=entity.id, name=entity.name, type=entity.type, aliases=list(entity.aliases),
            country=entity.country, wikidata=entity.wikidata, roles=list(entity.roles))

    def _sentence(self, state: _ArticleState, sentence: Sentence, parse: Span,
                  found: Found) -> None:
        for entity in found.new_entities:
            state.actors.add_entity(entity)
        index = SentenceIndex(parse)
        self._speaker(state, index, found)
        quoted = quoted_first_person(parse, self.words.speech_verbs)
        actors = sentence_actors(state.actors, parse, found.mentions + quoted)
        times = self.times.find(sentence.text, state.article.published)
        paragraph = sentence.paragraph
        state.undated = state.undated or leaves_undated(times)
        self._title_ties(state, sentence, found)
        def resolves(token) -> bool:
            return token.i in actors.pairs or target_of(
                token, actors, self.words) is not None or anaphor_category(
                token, self.words, actors) is not None

        candidates = find_candidates(parse, self.frames, self.words, resolves)
        candidates += pledge_candidates(index, candidates, self.words, resolves)
        candidates += unaimed_candidates(index, candidates, self.words, resolves)
        candidates += prospect_candidates(index, candidates, self.words, resolves)
        candidates += joint_candidates(index, candidates, self.words, resolves)
        candidates += undergone_candidates(index, candidates, self.words, resolves)
        candidates += consequence_candidates(index, candidates, self.words, resolves)
        candidates += reply_candidates(index, candidates, self.words, resolves)
        candidates += judgment_candidates(index, candidates, self.words, resolves)
        candidates += grata_candidates(parse, candidates, self.words, resolves)
        candidates += coordination_candidates(index, candidates, self.frames, self.words, resolves)
        candidates += ellipsis_candidates(candidates, self.words, resolves)
        candidates = without_agreed_content(
            with_deadlines(index, candidates, self.words, resolves))
        for candidate in candidates:
            self._decide(state, sentence, actors, candidate, times)
        self._remember_doer(state, parse, actors)
        self._rule_out(state, sentence, *undone_nominal_acts(parse, self.frames, self.words))
        absolute = [t for t in times if t.date and not t.future]
        self._listed(state, sentence, actors, find_list(parse), absolute)
        story = story_times(absolute, parse)
        if story:  # the story's time from here on (after: a date of a clause below an
            # act of this sentence does not date that act through the story's time)
            state.paragraph_time[paragraph] = story[-1].date or ""
            state.lede_time = state.lede_time or story[0].date
        previous = None
        for index in sorted(actors.by_token):
            entity_id = actors.by_token[index]
            if entity_id != previous:  # a name's next word: seen() again would change nothing
                state.actors.seen(entity_id)
                state.mentioned.add(entity_id)
            previous = entity_id

    def _remember_doer(self, state: _ArticleState, parse: Span, actors: SentenceActors) -> None:
        """Remember the actor that does what a sentence's main verb says (not a speech verb):
        a later 'condemned the launch' refers to its act when the article recorded no act of
        the vocabulary ('North Korea fired a missile over Japan. Japan condemned the
        launch'). The last three sentences' doers are kept, '' where a sentence has none."""
        root = parse.root
        doer = None
        if root.pos_ == "VERB" and root.lemma_.lower() not in self.words.speech_verbs:
            doer = actors.of(tree.own_subject(root))
        state.doers = [*state.doers[-2:], doer or ""]

    def _speaker(self, state: _ArticleState, index: SentenceIndex, found: Found) -> None:
        """The subject of the sentence's speech verb speaks its quotes ('..., Petro said'); so
        does the subject of any verb a quotation is the clause of ('"I call on ...," X
        tweeted')."""
        quoted = any(token.is_quote for token in index.tokens)
        speech = self.words.speech_verbs
        verbs = index.verbs() if quoted else index.with_lemma(speech, verbs_only=True)
        for token in verbs:
            if token.lemma_.lower() in speech or any(c.dep_ == "ccomp" for c in token.children):
                speaker = tree.own_subject(token)
                if speaker is None:
                    continue
                at = speaker.idx - index.sentence.start_char
                mention = next((m for m in found.mentions if m.start <= at < m.end), None)
                if mention is not None and mention.text.lower() not in {"i", "me", "my"}:
                    entity_id = resolve_mention(state.actors, mention.copy(), [])
                    if entity_id:
                        state.actors.speaker = entity_id
                        return

    def _title_ties(self, state: _ArticleState, sentence: Sentence, found: Found) -> None:
        """'Colombian President Gustavo Petro' -> Petro LEADS Colombia (standing ties)."""
        for mention in found.mentions:
            if not (mention.entity and mention.role and mention.role_country
                    and mention.kind in {"name", "title"}):
                continue
            if state.actors.type_of(mention.entity) != EntityType.PERSON:
                continue
            head = mention.role in HEAD_TITLES or mention.role.lower() == "leader"
            if not head and not SENIOR_TITLE.search(mention.role):
                continue
            kind = "LEADS" if head else "MEMBER_OF"
            status = Status.FORMER if mention.former else Status.ASSERTED
            self._add(state, sentence, _Edge(mention.entity, mention.role_country, kind, None,
                                             status, {"role": mention.role}, "title",
                                             "title"))

    # --- deciding one candidate ------------------------------------------------------
    def _decide(self, state: _ArticleState, sentence: Sentence, actors: SentenceActors,
                candidate: Candidate, times: list[TimeExpression]) -> None:
        read_as = candidate.action
        candidate.action = reread(candidate, self.words)  # its sense in context
        if candidate.action != read_as:  # the first reading is wrong here: no backoff edge
            self._rule_out(state, sentence, read_as)
        if not candidate.action:
            return
        verdict = read_context(candidate, self.words)
        action = candidate.action
        if verdict.requested_only or verdict.recalled or verdict.setting or verdict.described:
            self._rule_out(state, sentence, read_as, action)
            return
        rejected = self.vocabulary.rejected_when_negated(action)
        if verdict.negated:  # the act itself is not done: the backoff adds it no more
            self._rule_out(state, sentence, read_as, action)
        if verdict.negated and not verdict.refused and not rejected:
            state.unresolved.append(Unresolved(article=state.article.id,
                                               text=sentence.text[:200],
                                               reason=f"{action}: negated, no edge"))
            return
        if verdict.refused or verdict.negated:
            action = "REJECTED"
        sources = self._actors_of(state, actors, candidate.sources, actor_of)
        if not candidate.sources and not candidate.nominal and not candidate.passive:
            before = tree.actor_before(candidate.trigger, lambda t: not _a_place(t) and
                                       actors.of(t))
            sources = [actors.of(before)] if before is not None else []
        targets, reaction_date = self._targets(state, actors, candidate, sources)
        if not sources or not targets:
            if _ruled_out_actors(candidate, actors, self.words) or not targets and _places_only(
                    candidate, state.actors, actors, self.words):
                self._rule_out(state, sentence, read_as, action)
            if sources or targets:
                missing = "source" if not sources else "target"
                state.unresolved.append(Unresolved(
                    article=state.article.id, text=sentence.text[:200],
                    reason=f"{action}: could not resolve the {missing}"))
            return
        status = _status(verdict.status, action, candidate.action,
                         any(s in actors.former for s in sources))
        category = self.vocabulary.category(action)
        date = self._date(state, sentence, candidate, times, status, category)
        if reaction_date and not any(t.date or t.offset_days is not None for t in times):
            date = reaction_date
        kind = "passive" if candidate.passive else "noun" if candidate.nominal else "verb"
        rule = candidate.frame + (":refused" if action != candidate.action else "")
        pairs, misread = _sides(state.actors, sources, targets, category, commanded(candidate))
        if misread:  # a target misread as the source's own country: no backoff edge either
            self._rule_out(state, sentence, read_as, action)
        for source, target in pairs:
            self._add(state, sentence, _Edge(
                source, target, action, date, status,
                dict(candidate.properties_for(self.vocabulary, action)), rule, kind,
                verdict.conditional, verdict.agreed))
        if category is not None:
            state.acts.append(_Act(sources[0], category, date, action, status))
        if verdict.claimant is not None:
            self._claim(state, sentence, actor_of(verdict.claimant, actors, self.words),
                        sources, category, date)

    @staticmethod
    def _rule_out(state: _ArticleState, sentence: Sentence, *actions: str) -> None:
        """Note that the sentence rules these acts out (another sense of the word, only asked
        for or supposed, negated, or actors that name nobody on purpose: `_ruled_out_actors`):
        the rules backoff adds none of them there."""
        state.ruled_out.setdefault(sentence.start, set()).update(actions)

    def _listed(self, state: _ArticleState, sentence: Sentence, actors: SentenceActors,
                cue: ListCue | None, dated: list[TimeExpression]) -> None:
        """'Also named were A and B', 'A was among those expelled': more targets of the
        article's latest act (of the kind the participle names), with its actor and status,
        and its date unless the sentence has its own (`dated`: 'was also sanctioned on
        Friday')."""
        if cue is None:
            return
        kinds = {f.action for f in self.frames.verbs.get(cue.verb, [])} if cue.verb else None
        if kinds is not None and not kinds:
            return  # 'among those present': a participle that names no act
        act = next((a for a in reversed(state.acts) if a.action and a.action != "ACCUSED"
                    and (kinds is None or a.action in kinds)), None)
        if act is None:
            return
        date = dated[-1].date if dated else act.date
        for token in cue.members:
            target = target_of(token, actors, self.words)
            if target and target != act.source:
                self._add(state, sentence, _Edge(act.source, target, act.action, date,
                                                 act.status, {}, "list", "noun"))

    def _claim(self, state: _ArticleState, sentence: Sentence, claimant: str | None,
               sources: list[str], category: str | None, date: str | None) -> None:
        """'X claimed that Y attacked Z': X ACCUSED Y of a hostile act; any claim is an act
        of X that 'the claims' may later refer to ('Y denied the claims')."""
        if not claimant:
            return
        if category in CLAIMED_ACTS:
            for source in sources:
                if source != claimant:
                    self._add(state, sentence, _Edge(claimant, source, "ACCUSED", date,
                                                     Status.ASSERTED, {}, "claim-ccomp",
                                                     "claim"))
        state.acts.append(_Act(claimant, "ACCUSE", date, "ACCUSED"))

    def _targets(self, state: _ArticleState, actors: SentenceActors, candidate: Candidate,
                 sources: list[str]) -> tuple[list[str], str | None]:
        """The candidate's target actors, and the date of the earlier act a target anaphor
        refers to ('condemned the decision': the decision's actor and date)."""
        reaction_date = None
        targets: list[str] = []
        for token in candidate.targets:
            if token.i in actors.pairs and state.actors.last_pair:
                targets.extend(state.actors.last_pair)
                continue
            wanted = anaphor_category(token, self.words, actors)
            if wanted == "speaker" and not actors.of(token):
                if state.actors.speaker:
                    targets.append(state.actors.speaker)
                continue
            if wanted is not None and not actors.of(token):
                wanted = wanted or self._topic_category(token)
                act = next((a for a in reversed(state.acts)
                            if (not wanted or a.category == wanted)
                            and not (wanted == "ACCUSE" and a.source in sources)), None)
                if act is not None and act.source not in sources:  # 'A and B, which back
                    targets.append(act.source)  # X, criticized the decision': not A's own
                    if act.date and len(act.date) == len("YYYY-MM-DD"):
                        reaction_date = act.date  # a month ('last week's visit') dates no reply
                elif act is None and not wanted:  # any act: who did something just before
                    targets += [d for d in state.doers[-2:][::-1] if d and d not in sources][:1]
                continue
            target = target_of(token, actors, self.words)
            if target and only_where(candidate.action, token, target, state.actors, actors,
                                     self.words):
                continue
            if target and not (candidate.one_target and target in sources):
                targets.append(target)
                if candidate.one_target:
                    break
                targets += [o for o in coordinated_owners(token, actors) if o != target]
        return targets, reaction_date

    def _topic_category(self, anaphor) -> str:
        """'the decision on membership talks': the category of the event noun it is about
        ('' when it names none)."""
        for prep in anaphor.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "about", "to"}:
                for topic in prep.children:
                    frames = (self.frames.nouns.get(topic.lower_)
                              or self.frames.nouns.get(topic.lemma_.lower()))
                    if topic.dep_ == "pobj" and frames:
                        return self.vocabulary.category(frames[0].action) or ""
        return ""

    def _actors_of(self, state: _ArticleState, actors: SentenceActors, tokens: list,
                   resolve) -> list[str]:
        """The actors of tokens; 'the two leaders' stands for the last pair named."""
        found: list[str] = []
        for token in tokens:
            if token.i in actors.pairs and state.actors.last_pair:
                found.extend(state.actors.last_pair)
                continue
            entity_id = resolve(token, actors, self.words)
            if entity_id:
                found.append(entity_id)
        return list(dict.fromkeys(found))

    def _date(self, state: _ArticleState, sentence: Sentence, candidate: Candidate,
              times: list[TimeExpression], status: Status, category: str | None) -> str | None:
        """The event's date: the year its noun names ('the 1998 war'), a dated expression
        in its sentence (nearest to the trigger), an offset from the act it follows, else
        the present (published) or the story's time (paragraph, lede, publication)."""
        if category is None:
            return None
        event = candidate.governor or candidate.trigger
        at = event.idx
        published = state.article.published
        year = noun_year(candidate.trigger, published) if candidate.nominal else None
        if year:  # 'the 1998-2000 war between them': an old event, of its own year
            return year
        past = [t for t in times if t.date and not t.future]
        dated = datable(past, event) or of_own_complement(past, event)
        bounded = [t for t in dated if not sentence.text[: t.start].rstrip().lower().endswith(
            ("since", "until", "by"))]  # 'at war since 2020' dates a period, not the act
        dated = bounded or dated
        if dated:
            return min(dated, key=lambda t: abs(t.start - at)).date
        offsets = [t for t in times if t.offset_days is not None and t.end <= at]
        ahead = _day_ahead(times, event, published) if status == Status.ANNOUNCED else None
        if ahead and not offsets:
            return ahead  # else, like a done act, the day it is told (announced) on
        if offsets:
            anchor = self._anchor(state, sentence.text[: offsets[-1].start])
            return apply_offset(anchor, offsets[-1].offset_days or 0,
                                offsets[-1].offset_precise) if anchor else None
        verb = candidate.governor or candidate.trigger
        while verb.dep_ in {"advcl", "conj", "xcomp"} and verb.tag_ in {"VBG", "VB"}:
            verb = verb.head  # ', calling them ...' has the tense of the verb it hangs on
        present = verb.tag_ in {"VBZ", "VBP"} or any(
            c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} and c.lemma_ == "have"
            for c in verb.children)
        if present and published:
            return published.isoformat()
        return (state.paragraph_time.get(sentence.paragraph) or state.lede_time
                or (published.isoformat() if published else None))

    def _anchor(self, state: _ArticleState, clause: str) -> str | None:
        """What a 'days after' clause is anchored on: an earlier act its words name
        ('The sanctions were imposed days after ...'), else the publication date."""
        for word in re.findall(r"[a-z]+", clause.lower()):
            wanted = self.words.event_anaphors.get(word)
            if wanted:
                act = next((a for a in reversed(state.acts) if a.category == wanted and a.date),
                           None)
                if act is not None:
                    return act.date
        published = state.article.published
        return published.isoformat() if published else None

    def _add(self, state: _ArticleState, sentence: Sentence, edge: _Edge) -> None:
        """Add an edge, or more evidence for the same (source, type, target, date)."""
        category = parse_category(self.vocabulary.category(edge.action), edge.status,
                                  edge.conditional, edge.agreed)
        add_edge(state.relations, state.article.id, sentence, Edge(
            edge.source, edge.target, edge.action, edge.date, edge.status, category,
            edge.properties, CONFIDENCE.get(edge.kind, 0.7),
            f"parse:{edge.action}:{edge.frame}"), self.vocabulary)
