"""Resolution: which actor each mention refers to when it does not name one ('the
government', 'the Colombian president', 'he', 'I' in a quote, a surname alone)."""

from __future__ import annotations

import bisect
import re

from geokg.extract.clauses import SPEECH_VERBS
from geokg.extract.events import ArticleContext
from geokg.extract.gazetteer import Gazetteer, slugify
from geokg.extract.mentions import GENERIC_BODIES, GENERIC_GROUPS, GENERIC_STATE, Found, Mention
from geokg.extract.sentences import Sentence, find_quotes
from geokg.graph.model import Entity, EntityType

ACTOR_TYPES_FOR_IT = {EntityType.COUNTRY, EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION,
                      EntityType.IGO, EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}
BODY_TYPES = {EntityType.ORGANIZATION, EntityType.IGO, EntityType.GOVERNMENT_BODY,
              EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}
OWN_MEMBERS = {"officials", "authorities", "forces", "troops", "soldiers", "police",
               "officers", "militants", "fighters", "rebels", "guerrillas", "members"}
GENERIC_TYPED = {**GENERIC_GROUPS, **GENERIC_BODIES}


class Resolver:
    """Resolves the mentions of an article against the gazetteer and the article so far."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.demonym_of: dict[str, str] = {}
        for demonym, country_id in gazetteer.demonyms.items():
            if not demonym.endswith("s") or demonym.endswith("ss"):
                self.demonym_of.setdefault(country_id, demonym)

    def surnames(self, state: ArticleContext, mentions: list[Found]) -> dict[str, str]:
        """Surnames of the people this article names in full (unique ones only)."""
        owners: dict[str, set[str]] = {}
        for found in mentions:
            for mention in found.mentions:
                entity = state.known(mention.entity) if mention.entity else None
                if entity and entity.type == EntityType.PERSON and " " in entity.name:
                    surname = entity.name.split()[-1]
                    if len(surname) > 3 and surname[0].isupper():
                        owners.setdefault(surname, set()).add(entity.id)
        return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1
                and name not in self.gazetteer.surface}


    def resolve(self, state: ArticleContext, sentences: list[Sentence],
                 per_sentence: list[list[Mention]]) -> None:
        history: list[list[Mention]] = []
        for sentence, mentions in zip(sentences, per_sentence, strict=True):
            for index, mention in enumerate(mentions):
                if mention.kind == "role":
                    mention.entity = self._resolve_role(state, mention, history, mentions[:index])
                elif mention.kind == "pronoun":
                    mention.entity = self._resolve_pronoun(state, mention, mentions[:index],
                                                           history, sentence.text)
                elif mention.kind == "generic":
                    mention.entity = self._resolve_generic(state, mention, mentions,
                                                           sentence.text)
                elif mention.kind == "group" and mention.role in GENERIC_TYPED:
                    mention.entity = self._typed_group(state, mention.role, mention.entity)
                kind = state.type_of(mention.entity) if mention.entity else None
                if state.first_country is None and kind == EntityType.COUNTRY:
                    state.first_country = mention.entity
                if state.first_country is None and mention.kind == "group":
                    state.first_country = mention.role_country
                if kind == EntityType.IGO:
                    state.last_igo = mention.entity
                elif mention.kind == "anaphor" and mention.role == "igo":
                    mention.entity = state.last_igo
            history.append(mentions)

    def _resolve_generic(self, state: ArticleContext, mention: Mention, mentions: list[Mention],
                         text: str) -> str | None:
        """'the government', 'police' -> the country in context; 'rebels', 'protesters'
        -> a typed group of that country (or a country-less group)."""
        owner = next((m for m in mentions if m.end <= mention.start and
                      not text[m.end: mention.start].strip() and m.entity and
                      state.type_of(m.entity) in BODY_TYPES), None)
        if owner is not None and mention.role in OWN_MEMBERS:
            return owner.entity  # 'Red Cross officials', 'EU leaders': the body itself
        countries = [m for m in mentions if m is not mention and (m.role_country and m.kind ==
                     "group" or m.entity and state.type_of(m.entity) == EntityType.COUNTRY)]
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

    def _typed_group(self, state: ArticleContext, noun: str, country_id: str | None) -> str:
        """'Georgian police', 'rebels' -> a typed body or group of the country (if known)."""
        kind = GENERIC_TYPED.get(noun, EntityType.ORGANIZATION)
        country = state.known(country_id) if country_id else None
        adjective = self.demonym_of.get(country_id or "", country.name if country else "")
        name = f"{adjective} {noun}".strip()
        entity_id = slugify(name)
        if entity_id not in state.entities:  # the article's first mention of it names it
            state.entities[entity_id] = Entity(id=entity_id, name=name, type=kind,
                                               country=country.country if country else None)
        return entity_id

    def _resolve_role(self, state: ArticleContext, mention: Mention, history: list[list[Mention]],
                      before: list[Mention]) -> str | None:
        role = (mention.role or "").lower()
        if role == "government" and mention.role_country:
            return mention.role_country
        if mention.role_country:
            iso = self.gazetteer.entities[mention.role_country].country
            return self.gazetteer.holder(iso, role, state.published)
        for earlier in reversed([m for ms in history for m in ms] + before):
            if earlier.entity and state.type_of(earlier.entity) == EntityType.PERSON:
                roles = [o.role.lower() for o in self.gazetteer.offices_of(earlier.entity)]
                if role in roles or (earlier.role or "").lower() == role:
                    return earlier.entity
        return None

    def _resolve_pronoun(self, state: ArticleContext, mention: Mention, before: list[Mention],
                         history: list[list[Mention]], text: str) -> str | None:
        def fits(candidate: Mention) -> bool:
            kind = state.type_of(candidate.entity)
            if kind is None or candidate.kind == "speaker":
                return False
            if mention.pronoun_class == "person":
                return kind == EntityType.PERSON
            if mention.pronoun_class == "thing":
                return kind in ACTOR_TYPES_FOR_IT
            return kind != EntityType.PERSON
        subject = mention.text.lower() in {"he", "she", "they"}
        fitting = [candidate for candidate in before if fits(candidate)]
        if fitting and not subject:
            return _outside_asides(fitting, mention, text).entity
        if fitting:
            return fitting[0].entity
        for earlier in reversed(history[-3:]):
            for candidate in earlier:
                if fits(candidate):
                    return candidate.entity
        return None

    def resolve_speakers(self, text: str, sentences: list[Sentence],
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


_ASIDE_OPENS = re.compile(r",\s+(?:a|an|the|which|who|whose|its|their|long|once|former)\b"
                          r"[^,;.]*", re.I)  # ', a close ally of '
_ASIDE_CLOSES = re.compile(r"[^,;.]*,")  # what is left of the aside, and its comma


def _outside_asides(fitting: list[Mention], pronoun: Mention, text: str) -> Mention:
    """The nearest of the `fitting` mentions before a possessive pronoun, passing over one
    in an aside that an earlier one opens ('Kenya, a close ally of Britain, urged its
    citizens': Kenya's)."""
    nearest = fitting[-1]
    if len(fitting) > 1 and _ASIDE_OPENS.fullmatch(text[fitting[-2].end:nearest.start]) and (
            _ASIDE_CLOSES.match(text, nearest.end, pronoun.start)):
        return fitting[-2]
    return nearest
