"""The offline, deterministic extractor: one article in, one graph fragment out."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from geokg.extract.budget import Budget
from geokg.extract.dates import (
    TimeExpression,
    apply_offset,
    find_time_expressions,
    time_matches,
)
from geokg.extract.gazetteer import Gazetteer, load_gazetteer, slugify
from geokg.extract.memo import Memo
from geokg.extract.mentions import (
    GENERIC_BODIES,
    GENERIC_GROUPS,
    GENERIC_STATE,
    HEAD_TITLES,
    Mention,
    MentionFinder,
)
from geokg.extract.patterns import (
    CompiledRule,
    SentenceScan,
    compile_rules,
    verb_forms,
)
from geokg.extract.sentences import Sentence, find_quotes, split_sentences
from geokg.graph.model import (
    Article,
    Entity,
    EntityType,
    Evidence,
    GraphFragment,
    Relation,
    Status,
    Unresolved,
)
from geokg.graph.vocabulary import Vocabulary, load_vocabulary

ACTOR_TYPES_FOR_IT = {EntityType.COUNTRY, EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION,
                      EntityType.IGO, EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}
SPEECH_VERBS = r"(?:said|says|told|tells|added|adds|continued|wrote|writes|stated|insisted|" \
               r"noted|argued|explained|asked|stressed|declared|warned|replied)"
_PAIR_OF_TOKENS = re.compile(r"§(\d+)§,?\s+and\s+(?:the\s+)?§(\d+)§")
_TOKEN_SAID = re.compile(rf"§(\d+)§\s+(?:[\w']+\s+){{0,6}}?{SPEECH_VERBS}\b")
ALLEGED_CUES = re.compile(r"\b(?:claim(?:ed|s)?|alleg(?:ed|es|edly)?|accus(?:ed|es)\b.*\bof|"
                          r"suspect(?:ed|s)?|reportedly|purportedly|believed)\b", re.I)
DENIED_CUES = re.compile(r"\b(?:den(?:y|ies|ied)|rejected claims that)\b", re.I)
NEGATION = re.compile(r"\b(?:not|n't|never|no longer|refused to|declined to|failed to)\s+"
                      r"(?:\w+\s+)?$", re.I)
DIPLOMATS = re.compile(r"\b(?:diplomats?|ambassadors?|envoys?|inspectors?|monitors?|observers?|"
                       r"peacekeepers?|embassy)\b", re.I)
PASSIVE_AFTER = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?:not\s+)?"
                           r"\w+(?:ed|en)\b")
CALL_FOR = re.compile(r"\b(?:call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
                      r"seek(?:s|ing)?|sought|ask(?:s|ed|ing)?\s+for|press(?:es|ed|ing)?\s+for|"
                      r"appeal(?:s|ed|ing)?\s+for)\s+(?:\S+\s+){0,3}$", re.I)
REVERSAL = re.compile(r"\b(?:suspend|end|halt|freeze|froze|frozen|cancel|scrap|break|broke|"
                      r"cut|quit|leave|left|exit|abandon|terminat|withdr[ae]w|pull|prohibit|"
                      r"ban|block|deny|denied|reduc|withh[oe]ld|lift|eas|postpon|call|conced|"
                      r"accept|meet|met|grant|satisf|reject|refus|dismiss|ignor)\w*\s+"
                      r"(?:\S+\s+){0,4}$", re.I)
REFUSAL = re.compile(r"\b(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing))\s+to\s+(?:\w+\s+)?$",
                     re.I)
ANNOUNCE = re.compile(r"(?:\b(?:would|will|'ll|shall)|\b(?:plan|plans|planned|intend|intends|"
                      r"intended|vow|vows|vowed|pledge|pledges|pledged|promise|promises|promised|"
                      r"threaten|threatens|threatened|agree|agrees|agreed|offer|offers|offered|"
                      r"decide|decides|decided|want|wants|wanted|aim|aims|set|going|ready|"
                      r"willing|prepared|expected|hope|hopes|seek|seeks|sought|is|are|was|were|"
                      r"has|have|had)\s+to)\s+"
                      r"(?:\w+ly\s+)?$", re.I)
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|since\s+|already\s+)*$", re.I)
FALLBACK_KINDS = {"loose", "symmetric"}
BODY_TYPES = {EntityType.ORGANIZATION, EntityType.IGO, EntityType.GOVERNMENT_BODY,
              EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}
OWN_MEMBERS = {"officials", "authorities", "forces", "troops", "soldiers", "police",
               "officers", "militants", "fighters", "rebels", "guerrillas", "members"}
GENERIC_TYPED = {**GENERIC_GROUPS, **GENERIC_BODIES}
SENIOR_TITLE = re.compile(r"Minister|Secretary|Vice President|Chancellor|"
                          r"Attorney General", re.I)
KIND_ORDER = {"symmetric": 1, "loose": 2}
REQUEST_VERBS = re.compile(
    r"\b(?:ask|asks|asked|urge|urges|urged|press|pressed|presses|call(?:s|ed)?\s+on|"
    r"demand(?:s|ed)?|want(?:s|ed)?|push(?:es|ed)?|encourag(?:e|es|ed)|invit(?:e|es|ed)|"
    r"request(?:s|ed)?|tell|told|order(?:s|ed)?|allow(?:s|ed)?|help(?:s|ed)?)\b", re.I)
CONFIDENCE = {"loose": 0.6, "symmetric": 0.65, "active": 0.85, "passive": 0.85,
              "relative": 0.7, "nominal": 0.7, "participle": 0.75, "title": 0.9}


@dataclass
class _State:
    """What the extractor knows while reading one article."""

    article: Article
    published: dt.date | None
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


class _Located:
    """Mentions placed in the article text, `(start, end, mention)`, found by a range of
    start offsets in their own order with a binary search (not a scan per quote)."""

    def __init__(self, located: list[tuple[int, int, Mention]]) -> None:
        self.located = located
        self._order = sorted(range(len(located)), key=lambda i: located[i][0])
        self._starts = [located[i][0] for i in self._order]

    def between(self, low: int, high: int) -> list[tuple[int, int, Mention]]:
        """The entries with `low <= start < high`, in the order they were given."""
        first = bisect.bisect_left(self._starts, low)
        last = bisect.bisect_left(self._starts, high)
        return [self.located[i] for i in sorted(self._order[first:last])]


class Extractor:
    """Turns articles into graph fragments using the vocabulary and the gazetteer."""

    def __init__(self, vocabulary: Vocabulary | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self.vocabulary = vocabulary or load_vocabulary()
        self.gazetteer = gazetteer or load_gazetteer()
        self.finder = MentionFinder(self.gazetteer)
        self.rules = compile_rules(self.vocabulary)
        self.irregular = {k: tuple(v) for k, v in self.vocabulary.irregular.items()}
        self._anchor_nouns = self._event_nouns()
        self._base_form_cache: dict[str, frozenset[str]] = {}
        # rule matches are a pure function of the masked sentence, and immutable
        self.rule_matches: Memo[tuple] = Memo(self._match_rules)
        self.demonym_of: dict[str, str] = {}
        for demonym, country_id in self.gazetteer.demonyms.items():
            if not demonym.endswith("s") or demonym.endswith("ss"):
                self.demonym_of.setdefault(country_id, demonym)

    def forget(self) -> None:
        """Drop the sentences remembered so far (see `memo`): what comes next is extracted
        as by a new extractor, only slower."""
        self.finder.remembered.forget()
        self.rule_matches.forget()
        time_matches.forget()

    # --- entry point -----------------------------------------------------------------
    def extract(self, article: Article) -> GraphFragment:
        """The graph fragment of one article."""
        state = _State(article=article, published=article.published)
        text = article.text
        sentences = split_sentences(text)
        budget = Budget()
        mentions = []
        for sentence in sentences:
            budget.check()
            mentions.append(self.finder.find(sentence.text))
        for found in mentions:
            for entity in found.new_entities:
                state.entities.setdefault(entity.id, entity)
        surnames = self._surnames(state, mentions)
        for sentence, found in zip(sentences, mentions, strict=True):
            self.finder.add_surnames(sentence.text, found, surnames)
        per_sentence = [found.mentions for found in mentions]
        self._resolve(state, sentences, per_sentence)
        self._resolve_speakers(text, sentences, per_sentence)
        for sentence, sentence_mentions in zip(sentences, per_sentence, strict=True):
            budget.check()
            self._title_ties(state, sentence, sentence_mentions)
            self._events(state, sentence, sentence_mentions)
        if state.published is None and any(
                t.date is None and t.kind not in {"decade"}
                for s in sentences for t in find_time_expressions(s.text, None)):
            state.unresolved.append(Unresolved(
                article=article.id, text="(relative dates)",
                reason="article has no publication date; relative time expressions left "
                       "undated (pass --published DATE)"))
        used = {r.source for r in state.relations.values()} | {
            r.target for r in state.relations.values()}
        mentioned = {m.entity for ms in per_sentence for m in ms if m.entity}
        entities = [self._entity(state, eid) for eid in sorted(used | mentioned)]
        return GraphFragment(articles=[article], entities=[e for e in entities if e],
                             relations=list(state.relations.values()),
                             unresolved=state.unresolved)

    # --- mentions ---------------------------------------------------------------------
    def _surnames(self, state: _State, mentions) -> dict[str, str]:
        """Surnames of the people this article names in full (unique ones only)."""
        owners: dict[str, set[str]] = {}
        for found in mentions:
            for mention in found.mentions:
                entity = self._known(state, mention.entity) if mention.entity else None
                if entity and entity.type == EntityType.PERSON and " " in entity.name:
                    surname = entity.name.split()[-1]
                    if len(surname) > 3 and surname[0].isupper():
                        owners.setdefault(surname, set()).add(entity.id)
        return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1
                and name not in self.gazetteer.surface}

    def _known(self, state: _State, entity_id: str) -> Entity | None:
        """The entity of an id, article-local first (shared: read it, do not change it)."""
        return state.entities.get(entity_id) or self.gazetteer.entities.get(entity_id)

    def _entity(self, state: _State, entity_id: str) -> Entity | None:
        """A copy of the entity of an id, safe to hand out in a fragment."""
        entity = self._known(state, entity_id)
        if entity is None:
            return None
        return entity.model_copy(update={"aliases": list(entity.aliases),
                                         "roles": list(entity.roles)})

    def _type_of(self, state: _State, entity_id: str | None) -> EntityType | None:
        if not entity_id:
            return None
        entity = self._known(state, entity_id)
        return entity.type if entity else None

    def _resolve(self, state: _State, sentences: list[Sentence],
                 per_sentence: list[list[Mention]]) -> None:
        history: list[list[Mention]] = []
        for sentence, mentions in zip(sentences, per_sentence, strict=True):
            for index, mention in enumerate(mentions):
                if mention.kind == "role":
                    mention.entity = self._resolve_role(state, mention, history, mentions[:index])
                elif mention.kind == "pronoun":
                    mention.entity = self._resolve_pronoun(state, mention, mentions[:index],
                                                           history)
                elif mention.kind == "generic":
                    mention.entity = self._resolve_generic(state, mention, mentions,
                                                           sentence.text)
                elif mention.kind == "group" and mention.role in GENERIC_TYPED:
                    mention.entity = self._typed_group(state, mention.role, mention.entity)
                kind = self._type_of(state, mention.entity) if mention.entity else None
                if state.first_country is None and kind == EntityType.COUNTRY:
                    state.first_country = mention.entity
                if state.first_country is None and mention.kind == "group":
                    state.first_country = mention.role_country
                if kind == EntityType.IGO:
                    state.last_igo = mention.entity
                elif mention.kind == "anaphor" and mention.role == "igo":
                    mention.entity = state.last_igo
            history.append(mentions)

    def _resolve_generic(self, state: _State, mention: Mention, mentions: list[Mention],
                         text: str) -> str | None:
        """'the government', 'police' -> the country in context; 'rebels', 'protesters'
        -> a typed group of that country (or a country-less group)."""
        owner = next((m for m in mentions if m.end <= mention.start and
                      not text[m.end: mention.start].strip() and m.entity and
                      self._type_of(state, m.entity) in BODY_TYPES), None)
        if owner is not None and mention.role in OWN_MEMBERS:
            return owner.entity  # 'Red Cross officials', 'EU leaders': the body itself
        countries = [m for m in mentions if m is not mention and (m.role_country and m.kind ==
                     "group" or m.entity and self._type_of(state, m.entity) == EntityType.COUNTRY)]
        opening = mentions[0] if mentions and mentions[0].start < 12 else None
        if opening is not None and opening is not mention and mention.start > 20:
            # the sentence's subject rarely names the country of a body in its object
            countries = [m for m in countries if m is not opening]
        after = [m for m in countries if m.start >= mention.end]
        country = (after[0] if after and re.fullmatch(r"\s+(?:in|of)\s+(?:the\s+)?",
                                                       text[mention.end: after[0].start])
                   else None)
        nearest = min(countries, key=lambda m: min(abs(m.start - mention.end),
                                                   abs(mention.start - m.end)), default=None)
        chosen = country or nearest
        noun = mention.role or ""
        if noun in {"junta", "regime"} and state.last_army_country and not country:
            country_id = state.last_army_country  # the army already in the story
        else:
            country_id = ((chosen.role_country if chosen.kind == "group" else chosen.entity)
                          if chosen else state.first_country)
        if noun in {"army", "military", "junta"} and country_id:
            state.last_army_country = country_id
        if noun in GENERIC_TYPED:
            return self._typed_group(state, noun, country_id)
        return country_id if noun in GENERIC_STATE else None

    def _typed_group(self, state: _State, noun: str, country_id: str | None) -> str:
        """'Georgian police', 'rebels' -> a typed body or group of the country (if known)."""
        kind = GENERIC_TYPED.get(noun, EntityType.ORGANIZATION)
        country = self._known(state, country_id) if country_id else None
        adjective = self.demonym_of.get(country_id or "", country.name if country else "")
        name = f"{adjective} {noun}".strip()
        entity_id = slugify(name)
        if entity_id not in state.entities:  # the article's first mention of it names it
            state.entities[entity_id] = Entity(id=entity_id, name=name, type=kind,
                                               country=country.country if country else None)
        return entity_id

    def _resolve_role(self, state: _State, mention: Mention, history: list[list[Mention]],
                      before: list[Mention]) -> str | None:
        role = (mention.role or "").lower()
        if role == "government" and mention.role_country:
            return mention.role_country
        if mention.role_country:
            iso = self.gazetteer.entities[mention.role_country].country
            return self.gazetteer.holder(iso, role, state.published)
        for earlier in reversed([m for ms in history for m in ms] + before):
            if earlier.entity and self._type_of(state, earlier.entity) == EntityType.PERSON:
                roles = [o.role.lower() for o in self.gazetteer.offices_of(earlier.entity)]
                if role in roles or (earlier.role or "").lower() == role:
                    return earlier.entity
        return None

    def _resolve_pronoun(self, state: _State, mention: Mention, before: list[Mention],
                         history: list[list[Mention]]) -> str | None:
        def fits(candidate: Mention) -> bool:
            kind = self._type_of(state, candidate.entity)
            if kind is None or candidate.kind == "speaker":
                return False
            if mention.pronoun_class == "person":
                return kind == EntityType.PERSON
            if mention.pronoun_class == "thing":
                return kind in ACTOR_TYPES_FOR_IT
            return kind != EntityType.PERSON
        subject = mention.text.lower() in {"he", "she", "they"}
        for candidate in (before if subject else reversed(before)):
            if fits(candidate):
                return candidate.entity
        for earlier in reversed(history[-3:]):
            for candidate in earlier:
                if fits(candidate):
                    return candidate.entity
        return None

    def _resolve_speakers(self, text: str, sentences: list[Sentence],
                          per_sentence: list[list[Mention]]) -> None:
        located = _Located([(s.start + m.start, s.start + m.end, m) for s, ms in
                            zip(sentences, per_sentence, strict=True) for m in ms])
        for quote in find_quotes(text):
            speaker = self._quote_speaker(text, quote.start, quote.end, located)
            for _start, _end, mention in located.between(quote.start, quote.end):
                if mention.kind == "speaker":
                    mention.entity = speaker

    @staticmethod
    def _quote_speaker(text: str, start: int, end: int, located: _Located) -> str | None:
        after_end = end + 1
        tail = text[after_end: after_end + 80]
        cue = re.match(rf"^[,.!?]?\s*(?P<who>[^.“\"]{{0,50}}?)\s+{SPEECH_VERBS}\b"
                       rf"|^[,.!?]?\s*{SPEECH_VERBS}\s+(?P<who2>[^.“\"]{{0,50}})", tail)
        if cue:
            span_start = after_end + (cue.start("who") if cue.group("who") is not None
                                      else cue.start("who2"))
            span_end = after_end + (cue.end("who") if cue.group("who") is not None
                                    else cue.end("who2"))
            for _m_start, _m_end, mention in located.between(span_start, span_end):
                if mention.entity and mention.kind != "speaker":
                    return mention.entity
        head = text[max(0, start - 120): start - 1]
        cue = re.search(rf"{SPEECH_VERBS}(?:\s+\w+)?\s*[:,]?\s*$", head)
        if cue:
            cue_at = start - 1 - len(head) + cue.start()
            candidates = [m for _s, _e, m in located.between(cue_at - 60, cue_at)
                          if m.entity and m.kind != "speaker"]
            if candidates:
                return candidates[-1].entity
        return None

    # --- standing ties from titles ------------------------------------------------------
    def _title_ties(self, state: _State, sentence: Sentence, mentions: list[Mention]) -> None:
        for mention in mentions:
            if not (mention.entity and mention.role and mention.role_country
                    and mention.kind in {"name", "title"}):
                continue
            if self._type_of(state, mention.entity) != EntityType.PERSON:
                continue
            head = mention.role in HEAD_TITLES or mention.role.lower() in {"leader"}
            if not head and not SENIOR_TITLE.search(mention.role):
                continue
            kind = "LEADS" if head else "MEMBER_OF"
            status = Status.FORMER if mention.former else Status.ASSERTED
            self._add(state, sentence, mention.entity, mention.role_country, kind, None,
                      status, {"role": mention.role}, f"{kind}:title", "title")

    # --- events -------------------------------------------------------------------------
    def _events(self, state: _State, sentence: Sentence, mentions: list[Mention]) -> None:
        masked, positions = _mask(sentence.text, mentions)
        times = find_time_expressions(sentence.text, state.published)
        absolute = [t for t in times if t.date and not t.future]
        if absolute:
            state.paragraph_time[sentence.paragraph] = absolute[-1].date or ""
            state.last_time = absolute[-1].date
            state.lede_time = state.lede_time or absolute[0].date
        matches = self.rule_matches(masked)
        done: set[tuple[str, str, str]] = set()
        verbs_used: set[int] = set()
        sources_so_far: list[str] = []
        for verb_at, rule, match in matches:
            if verb_at in verbs_used:
                continue
            if _requested_only(masked[:verb_at]):
                continue
            if self._event(state, sentence, mentions, masked, positions, times, rule, match,
                           verb_at, done, sources_so_far):
                verbs_used.add(verb_at)
        for pair in _PAIR_OF_TOKENS.finditer(masked):
            first, second = (mentions[int(pair.group(i))].entity for i in (1, 2))
            if first and second and first != second:
                state.last_pair = (first, second)
        for speaker in _TOKEN_SAID.finditer(masked):
            state.last_speaker = mentions[int(speaker.group(1))].entity or state.last_speaker
            state.last_claimant = state.last_speaker

    def _match_rules(self, masked: str) -> tuple[tuple[int, CompiledRule, re.Match[str]], ...]:
        """Every rule match in a masked sentence as (where its verb starts, rule, match), in
        the order the extractor tries them: by kind, position, generality, specificity."""
        matches = []
        scan = SentenceScan(masked)
        for rule in self.rules.for_words(scan.words):
            for match in scan.matches(rule):
                matches.append((match.start("verb") if "verb" in match.groupdict()
                                and match.group("verb") else match.start(), rule, match))
        matches.sort(key=lambda item: (KIND_ORDER.get(item[1].kind, 0), item[0],
                                       ":verb:" in item[1].name, -item[1].specificity))
        return tuple(matches)

    def _event(self, state, sentence, mentions, masked, positions, times, rule: CompiledRule,
               match: re.Match[str], verb_at: int, done: set, sources_so_far: list) -> bool:
        """Turn one rule match into relations; True when the verb yielded an edge."""
        if rule.kind == "symmetric":
            return self._symmetric(state, sentence, mentions, masked, times, positions, rule,
                                   match, verb_at, done)
        if rule.kind == "nominal" and REVERSAL.search(masked[max(0, match.start() - 45):
                                                            match.start()]):
            return False  # 'suspended its partnership with X' is not cooperation
        target_mention = _mention_of(match.group("T"), mentions)
        if rule.kind != "passive" and PASSIVE_AFTER.match(masked[match.end("T"):]):
            return False  # '... if Bazoum was not reinstated': T is a patient of another act
        if rule.claim_target != (target_mention.kind == "claim"):
            return False
        reaction_to = None
        if target_mention.kind == "claim":
            target_mention.entity = state.last_claimant
            reaction_to = state.last_date_by_category.get("ACCUSE")
        elif target_mention.kind == "anaphor":
            role = target_mention.role or ""
            if role.startswith("event"):
                wanted = role.partition(":")[2]
                target_mention.entity = (state.last_source_by_category.get(wanted)
                                         or state.last_event_source)
                reaction_to = state.last_date_by_category.get(wanted)
            else:
                target_mention.entity = {"speaker": state.last_speaker,
                                         "igo": state.last_igo}.get(role)
        source_mention, kind = self._source(rule, match, mentions, masked, verb_at,
                                            sources_so_far)
        if source_mention is None or not source_mention.entity or not target_mention.entity:
            if source_mention is None and rule.kind == "active":
                return False
            missing = "target" if source_mention and source_mention.entity else "source"
            state.unresolved.append(Unresolved(
                article=state.article.id, text=sentence.text[:200],
                reason=f"{rule.action}: could not resolve the {missing}"))
            return False
        source, target = source_mention.entity, target_mention.entity
        if source == target:
            return False
        if rule.kind == "loose" and not _loose_gap_ok(masked[match.end("verb"): match.start("T")],
                                                      self._type_of(state, target)):
            return False
        if rule.kind == "nominal" and CALL_FOR.search(masked[max(0, match.start() - 40):
                                                            match.start()]):
            action_override = "REQUESTED"  # 'called for sanctions against X' asks, not acts
        else:
            action_override = None
        has_verb = "verb" in match.groupdict() and match.group("verb")
        before_verb = masked[max(0, verb_at - 40): verb_at] if has_verb else ""
        action = action_override or rule.action
        if not has_verb and re.search(r"\b(?:not|never)\b|n't", match.group(0)):
            return False
        if NEGATION.search(before_verb):
            if not self._refusal(action, before_verb):
                state.unresolved.append(Unresolved(
                    article=state.article.id, text=sentence.text[:200],
                    reason=f"{rule.action}: negated, no edge"))
                return False
            action = "REJECTED"  # 'refused to deploy', 'would not accept': a rejection
        if action == "EXPELLED" and DIPLOMATS.search(
                target_mention.text + " " + masked[verb_at: match.start("T")]):
            action = "EXPELLED_DIPLOMATS"  # expelling envoys or inspectors cuts relations
        key = (source, action, target)
        if key in done:
            return False
        done.add(key)
        status = self._status(rule, match, masked, verb_at, source_mention, mentions)
        date = self._date(state, sentence, rule, match, masked, verb_at, times, positions,
                          status)
        if reaction_to and not any(t.date or t.offset_days is not None for t in times):
            date = reaction_to  # a reaction to a dated claim or act, with no date of its own
        properties = {}
        if "X" in match.groupdict() and match.group("X"):
            capture = self.vocabulary.actions[rule.action].capture or "detail"
            properties[capture] = match.group("X").strip()
        targets = [target] + _coordinated(masked, match.end("T"), mentions)
        sources = [source] + _coordinated_before(
            masked, _token_start(masked, source_mention, mentions), mentions)
        rule_name = (rule.name if action == rule.action else
                     f"{rule.name}:requested" if action_override else f"{rule.name}:refused")
        for one_source in sources:
            for one_target in targets:
                if one_source and one_target and one_source != one_target:
                    self._add(state, sentence, one_source, one_target, action, date, status,
                              properties, rule_name, kind)
        sources_so_far.append(source)
        if self.vocabulary.category(rule.action):
            state.last_event_source = source
            state.last_source_by_category[self.vocabulary.category(rule.action)] = source
            if date:
                state.last_date_by_category[self.vocabulary.category(rule.action)] = date
        if self.vocabulary.category(rule.action) == "ACCUSE" or (
                rule.kind == "relative" and match.groupdict().get("C")):
            claimant = _mention_of(match.group("C"), mentions).entity if (
                rule.kind == "relative" and match.groupdict().get("C")) else source
            state.last_claimant = claimant or state.last_claimant
        return True

    def _refusal(self, action: str, before_verb: str) -> bool:
        """A negated act that PLOVER codes as REJECT: any refused act ('refused to deploy'),
        or a cooperative act that will not or did not happen ('would not accept')."""
        if REFUSAL.search(before_verb):
            return True
        return self.vocabulary.category(action) in COOPERATIVE | {"REQUEST", "AGREE"}

    def _symmetric(self, state, sentence, mentions, masked, times, positions, rule, match,
                   verb_at, done) -> bool:
        """'X and Y agreed/met/cooperated' with no object: an edge each way between them."""
        first = _mention_of(match.group("S"), mentions)
        if first.kind == "pair" and state.last_pair:
            first = Mention(0, 0, "", "name", entity=state.last_pair[0])
            others = [state.last_pair[1]]
        else:
            others = _coordinated_before(masked, _token_start(masked, first, mentions), mentions)
        if not others or not first.entity:
            return False
        before_verb = masked[max(0, verb_at - 40): verb_at]
        action = rule.action
        if NEGATION.search(before_verb):
            if not self._refusal(action, before_verb):
                return False
            action = "REJECTED"  # 'X and Y failed to reach agreement'
        status = self._status(rule, match, masked, verb_at, first, mentions)
        date = self._date(state, sentence, rule, match, masked, verb_at, times, positions)
        for other in others:
            for source, target in ((other, first.entity), (first.entity, other)):
                if source != target and (source, action, target) not in done:
                    done.add((source, action, target))
                    self._add(state, sentence, source, target, action, date, status, {},
                              rule.name, "symmetric")
        return True

    def _source(self, rule: CompiledRule, match: re.Match[str], mentions: list[Mention],
                masked: str, verb_at: int, sources_so_far: list[str]):
        """The acting mention: an explicit S slot, the clause subject before the verb, the
        main subject for a participle (', accusing him'), or 'by S' after a nominal."""
        if "S" in match.groupdict() and match.group("S"):
            return _mention_of(match.group("S"), mentions), rule.kind
        verb = match.group("verb") if "verb" in match.groupdict() else ""
        before = masked[:verb_at]
        if _TRAILING_COMMA.search(before) and verb.lower().endswith("ing"):
            if sources_so_far:
                return Mention(0, 0, "", "name", entity=sources_so_far[-1]), "participle"
            first = _first_subject(before)
            return (mentions[first] if first is not None else None), "participle"
        if rule.kind == "nominal":
            adjacent = re.search(r"(§(\d+)§)\s*(?:'s?)?\s*(?:[a-z-]+\s+)?$", before)
            if adjacent:
                return mentions[int(adjacent.group(2))], rule.kind
            nominal_by = re.match(r"\s*(?:imposed\s+|announced\s+|launched\s+)?by\s+"
                                  r"(?:the\s+)?(§\d+§)", masked[match.end():])
            if nominal_by:
                return _mention_of(nominal_by.group(1), mentions), rule.kind
            light = re.search(r"\b(?:announc|impos|order|launch|declar|begin|began|begun|start|"
                              r"carr|stag|mak|made|issu|call|led|lead|hold|held|renew|resum|"
                              r"open|tighten|extend|enforc|maintain|engag|commit|perpetrat|undert|"
                              r"undertook|speed|sped|accelerat|complet|finish)\w*\s+"
                              r"(?:\S+\s+){0,3}$",
                              before)
            subject = _clause_subject(before[: light.start()] + " ") if light else None
            return (mentions[subject] if subject is not None else None), rule.kind
        subject = _clause_subject(before)
        if subject is not None and mentions[subject].kind == "place":
            # "the Red Cross operating in Iraq said": look past the place
            before = before.replace(f"§{subject}§", " " * len(f"§{subject}§"))
            subject = _clause_subject(re.sub(r"\s+(?:in|at|from|near)\s+$", " ",
                                             before.rstrip()) + " ")
        if subject is not None and _AND_AFTER_TOKEN.search(before):
            subject = _first_subject(before) if _first_subject(before) is not None else subject
        if subject is None and _TRAILING_AND.search(before):
            subject = _first_subject(before)  # 'X raided ... and detained Y'
        return (mentions[subject] if subject is not None else None), rule.kind

    def _base_forms(self, word: str) -> frozenset[str]:
        """The base forms of the lemmas in a (lower-case) verb word, remembered."""
        forms = self._base_form_cache.get(word)
        if forms is None:
            forms = frozenset(f for lemma in _LETTERS.findall(word) for f in
                              verb_forms(lemma, self.irregular)["base"].split("|"))
            self._base_form_cache[word] = forms
        return forms

    def _status(self, rule: CompiledRule, match: re.Match[str], masked: str, verb_at: int,
                source_mention: Mention, mentions: list[Mention]) -> Status:
        verb = (match.group("verb") if "verb" in match.groupdict() else "") or ""
        if rule.kind == "relative" and match.groupdict().get("cue"):
            return Status.ALLEGED
        if source_mention.former:
            return Status.FORMER
        window = masked[max(0, verb_at - 40): verb_at]
        first_word = verb.split()[0].lower() if verb else ""
        if ANNOUNCE.search(window) and first_word in self._base_forms(first_word):
            return Status.ANNOUNCED
        if _PROMISE.match(first_word) and rule.action != "AGREED":
            return Status.ANNOUNCED
        if self.vocabulary.category(rule.action) is None and first_word in {"was", "were"}:
            return Status.FORMER
        if rule.kind in {"active", "passive", "relative"}:
            start = _token_start(masked, source_mention, mentions)
            lead = masked[max(0, start - 40): start] if start is not None else ""
            gap = masked[start: verb_at] if start is not None else ""
            if _ALLEGEDLY.search(gap) or ALLEGED_CUES.search(
                    lead.split("§")[-1]):
                return Status.ALLEGED
            if DENIED_CUES.search(lead.split("§")[-1]):
                return Status.DENIED
        return Status.ASSERTED

    def _date(self, state: _State, sentence: Sentence, rule: CompiledRule,
              match: re.Match[str], masked: str, verb_at: int, times: list[TimeExpression],
              positions, status: Status = Status.ASSERTED) -> str | None:
        verb_in_text = _unmask_offset(verb_at, positions)
        offsets = [t for t in times if t.offset_days is not None and t.end <= verb_in_text]
        dated = [t for t in times if t.date and not t.future]
        if dated:
            return min(dated, key=lambda t: abs(t.start - verb_in_text)).date
        if status == Status.ANNOUNCED and not offsets:
            return None
        if self.vocabulary.category(rule.action) is None:
            return None
        if offsets:
            relative_to_story = re.search(r"\b(?:later|earlier)\b", offsets[-1].text)
            anchor = (state.last_time if relative_to_story and state.last_time
                      else self._anchor(state, sentence.text[: offsets[-1].start]))
            if anchor:
                return apply_offset(anchor, offsets[-1].offset_days or 0,
                                    offsets[-1].offset_precise)
            return None
        before = masked[max(0, verb_at - 30): verb_at]
        verb = (match.group("verb") if "verb" in match.groupdict() else "") or ""
        first_word = verb.split()[0] if verb.strip() else ""  # passive phrases have no verb
        present = PERFECT.search(before) or first_word.endswith("s") and \
            not verb.lower().endswith("ss")
        if present and state.published:
            return state.published.isoformat()
        return (state.paragraph_time.get(sentence.paragraph) or state.lede_time
                or (state.published.isoformat() if state.published else None))

    def _anchor(self, state: _State, clause: str) -> str | None:
        """The date a 'days after' clause is anchored on: an earlier event the clause names
        ("The sanctions were imposed days after ...") or else the article date."""
        words = set(re.findall(r"[a-z]+", clause.lower()))
        for noun, action in self._anchor_nouns.items():
            if noun in words:
                dated = [r for r in state.relations.values() if r.type == action and r.date]
                if dated:
                    return dated[-1].date
        return state.published.isoformat() if state.published else None

    def _event_nouns(self) -> dict[str, str]:
        nouns: dict[str, str] = {}
        for name, action in self.vocabulary.actions.items():
            for template in action.nouns:
                for word in template.split()[0].split("|"):
                    if word.isalpha() and len(word) > 3:
                        nouns.setdefault(word.lower(), name)
        return nouns

    def _add(self, state: _State, sentence: Sentence, source: str, target: str, action: str,
             date: str | None, status: Status, properties: dict, rule_name: str,
             kind: str) -> None:
        evidence = Evidence(article=state.article.id, sentence=sentence.text,
                            start=sentence.start, end=sentence.end, rule=rule_name)
        key = (source, action, target, date)
        if key in state.relations:
            state.relations[key].add_evidence([evidence])
            return
        state.relations[key] = Relation(
            source=source, target=target, type=self.vocabulary.checked_type(action),
            category=coded_category(self.vocabulary.category(action), status), date=date,
            status=status,
            properties=properties, confidence=CONFIDENCE.get(kind, 0.7), evidence=[evidence])


# --- masking helpers ------------------------------------------------------------------------
def _mask(text: str, mentions: list[Mention]) -> tuple[str, list[tuple[int, int]]]:
    """Replace each mention with §i§ (possessive pronouns with §i§'s); fold apostrophes.
    Also returns, per mention, (end in masked text, end in original text)."""
    out: list[str] = []
    pos = length = 0
    ends: list[tuple[int, int]] = []
    for index, mention in enumerate(mentions):
        out.append(text[pos: mention.start])
        length += mention.start - pos
        token = f"§{index}§'s" if mention.possessive else f"§{index}§"
        out.append(token)
        length += len(token)
        ends.append((length, mention.end))
        pos = mention.end
    out.append(text[pos:])
    return "".join(out).replace("’", "'"), ends


_AGENTS_OF = re.compile(r"^\s*'s\s+(?:[\w-]+\s+){0,3}?"
                        r"(?:rulers|leaders|leadership|government|military|army|forces|troops|"
                        r"authorities|junta|officials|regime|navy|police|diplomats|[Mm]inister|"
                        r"[Pp]resident|[Ss]ecretary|[Aa]mbassador|envoy|[Ee]mir|[Kk]ing|"
                        r"[Pp]rime [Mm]inister|spokes(?:man|woman|person)|[Cc]hancellor|"
                        r"[Pp]arliament|[Cc]abinet|[Mm]inistry|[Cc]ourt)\s+"
                        r"(?:(?:has|have|had|also|then|later|will|would)\s+)*$")
_PARENTHETICAL = re.compile(r",\s+(?:(?:who|which|whose|a|an|the|one|also|itself|himself|"
                            r"herself|\w+ing|\w+ed|following|after|despite|like)\b|§\d+§'s\s)"
                            r"[^,;]*,"
                            r"(\s*(?:[a-z']+\s+){0,5})$")
_SPEECH_IN_GAP = re.compile(rf"\b{SPEECH_VERBS}\b|\b(?:that|whether|if|because|when|while|"
                            r"after|before|since|as|although|though|but)\b", re.I)


_CLAUSE_WORDS = re.compile(r"\b(?:that|which|who|whom|whether|because|if|when|while|where|"
                           r"said|says)\b", re.I)


def _loose_gap_ok(gap: str, target_type: EntityType | None) -> bool:
    """A loose target must be in the verb's own clause and be an actor, not a place; a
    'verb' followed by a preposition ('charges in', 'strike outside') is a noun."""
    if re.match(r"\s*(?:in|of|for|at|by|from|since|during|outside|inside|over|to|with|on|"
                r"against|about|into|toward|towards|under)\s+(?!(?:Monday|Tuesday|Wednesday|"
                r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
                r"August|September|October|November|December)\b)(?:the|a|an|his|her|its|"
                r"their|[A-Z\d]|§)", gap + " §"):
        return False
    return target_type != EntityType.LOCATION and not _CLAUSE_WORDS.search(gap)


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE = {"REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def coded_category(category: str | None, status: Status) -> str | None:
    """The PLOVER category of an edge. As PLOVER (and CAMEO before it) codes intentions, an
    announced cooperative act ("will provide aid") is AGREE and an announced hostile act
    ("said he would halt payments") is THREATEN; the relationship type keeps the act."""
    if status == Status.ANNOUNCED:
        if category in COOPERATIVE:
            return "AGREE"
        if category in HOSTILE:
            return "THREATEN"
    return category


_TRAILING_COMMA = re.compile(r",\s*$")
_AND_AFTER_TOKEN = re.compile(r"§\d+§[^§]*\band\s+(?:\w+ly\s+)?$")
_TRAILING_AND = re.compile(r"(?:,\s*|\b)and\s+(?:\w+ly\s+|then\s+|later\s+)?$")
_LETTERS = re.compile(r"[a-z]+")
_PROMISE = re.compile(r"(?:promis|pledg|vow)")
_ALLEGEDLY = re.compile(r"\ballegedly\b", re.I)
_TRAILING_INFINITIVE = re.compile(r"\bto\s+(?:stop\s+|start\s+|keep\s+|\w+ly\s+)?$")
_ACRONYM_AGAIN = re.compile(r"\s*\(\s*§\d+§\s*\)")
_LAST_TOKEN = re.compile(r"§(\d+)§((?:(?!§)[^;:“”\"])*)$")
_GAP_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_RELATIVE_GAP = re.compile(r",\s+(?:which|who)\s+(?:[\w']+\s+){0,4}")
_COORDINATED_AFTER = re.compile(r"((?:\s*,\s*(?:the\s+)?§\d+§)*)(?:,?\s+and\s+(?:the\s+)?(§\d+§))")
_COORDINATED_BEFORE = re.compile(r"(§\d+§)((?:\s*,\s*(?:the\s+)?§\d+§)*),?\s+and\s+(?:the\s+)?$")
_TOKEN = re.compile(r"§\d+§")


def _requested_only(before: str) -> bool:
    """'X pressed Y to stop arming Z': the verb is what was asked for, not what happened."""
    infinitive = _TRAILING_INFINITIVE.search(before)
    if not infinitive:
        return False
    clause = re.split(r"[;.]", before[: infinitive.start()])[-1][-70:]
    return bool(REQUEST_VERBS.search(clause))


def _first_subject(before: str) -> int | None:
    """The sentence's opening actor (its likely subject), if the sentence starts with one."""
    opening = re.match(r"^(?:(?:[A-Z][a-z]+|On|In|At)\b[^§,]{0,30},\s*)?"
                       r"(?:(?:the|The)\s+(?:[\w-]+\s+){0,3}?)?§(\d+)§", before)
    return int(opening.group(1)) if opening else None


def _clause_subject(before: str) -> int | None:
    """Index of the mention that is the subject of a verb, given the masked text before it:
    the nearest actor token, skipping a parenthetical (', a senior official,' / ', who ...,'),
    and none when a comma, a clause word or a speech verb separates them."""
    before = _ACRONYM_AGAIN.sub("", before)  # "Front (RUF)": the acronym again
    index = _nearest_subject(before)
    if index is not None:
        head = re.search(rf"§(\d+)§\s+(?:of|in|from)\s+(?:[a-z]+\s+){{0,2}}(?:the\s+)?§{index}§",
                         before)
        if head:
            return int(head.group(1))  # 'the Albanians of southern Serbia are demanding'
    return index


def _nearest_subject(before: str) -> int | None:
    """The nearest acceptable actor token before a verb (see _clause_subject)."""
    while True:
        stripped = _PARENTHETICAL.sub(lambda m: " " + m.group(1), before)
        if stripped == before:
            break
        before = stripped
    subject = _LAST_TOKEN.search(before)
    while subject and subject.group(2).startswith("'s") and not _AGENTS_OF.match(
            subject.group(2)):
        # a possessive determiner ("used his speech to"): look further left
        subject = _LAST_TOKEN.search(before[: subject.start()])
    if not subject:
        return None
    gap = before[subject.end(1) + 1:]
    limit = 12 if _GAP_INFINITIVE.search(gap) else 6  # 'X agreed ... to provide'
    if gap.lstrip().startswith("'s"):
        # "Niger's new rulers ordered": a possessive naming the country's own agents.
        return int(subject.group(1)) if _AGENTS_OF.match(gap) else None
    if _RELATIVE_GAP.fullmatch(gap):
        return int(subject.group(1))  # "Paris, which has refused to recognize ..."
    if len(gap.split()) > limit or "," in gap:
        return None
    if _SPEECH_IN_GAP.search(gap):
        return None
    return int(subject.group(1))


def _mention_of(token: str, mentions: list[Mention]) -> Mention:
    return mentions[int(token.strip("§"))]


def _token_start(masked: str, mention: Mention, mentions: list[Mention]) -> int | None:
    """Where a mention's token starts in the masked sentence."""
    if mention not in mentions:
        return None
    found = masked.find(f"§{mentions.index(mention)}§")
    return found if found >= 0 else None


def _unmask_offset(masked_at: int, ends: list[tuple[int, int]]) -> int:
    """The position in the original sentence of an offset in the masked one."""
    masked_end, text_end = max(((m, t) for m, t in ends if m <= masked_at), default=(0, 0))
    return text_end + (masked_at - masked_end)


def _coordinated(masked: str, end: int, mentions: list[Mention]) -> list[str]:
    """Targets coordinated after the first: 'T1, T2 and T3'."""
    more = _COORDINATED_AFTER.match(masked, end)
    if not more:
        return []
    tokens = _TOKEN.findall(more.group(0))
    return [e for e in (_mention_of(t, mentions).entity for t in tokens) if e]


def _coordinated_before(masked: str, start: int | None, mentions: list[Mention]) -> list[str]:
    """Sources coordinated before the subject: 'S1 and S2 sanctioned ...'."""
    if start is None:
        return []
    more = _COORDINATED_BEFORE.search(masked[:start])
    if not more:
        return []
    tokens = _TOKEN.findall(more.group(0))
    return [e for e in (_mention_of(t, mentions).entity for t in tokens) if e]
