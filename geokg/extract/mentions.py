"""Actor mentions in a sentence: gazetteer names, titled names, role phrases, demonym groups,
capitals as metonyms, typed unknown organizations, and pronouns (resolved later)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from geokg.extract.alternation import alternation
from geokg.extract.confusables import fold
from geokg.extract.gated import Gated, Needles
from geokg.extract.gazetteer import Gazetteer, slugify
from geokg.extract.headline import headline_read
from geokg.extract.memo import Memo
from geokg.extract.words import WORDS, any_of
from geokg.graph.model import Entity, EntityType

HEAD_TITLES = tuple(WORDS.titles.head)
OTHER_TITLES = tuple(WORDS.titles.other)
OTHER_TITLES = OTHER_TITLES + tuple(t.lower() for t in OTHER_TITLES if t[0].isupper()
                                    and t.lower() not in OTHER_TITLES and "." not in t
                                    and t not in WORDS.titles.capitalized_only)
TITLES = HEAD_TITLES + OTHER_TITLES
ROLE_WORDS = tuple(WORDS.titles.roles)
GROUP_NOUNS = (
    "judge", "minister", "official", "diplomat", "envoy", "negotiator", "leader",
    "spokesman", "spokeswoman", "spokesperson", "general", "commander", "officer",
    "soldier", "court", "president", "premier", "foreign minister", "prosecutor",
    "soldiers", "troops", "forces", "military", "army", "navy", "air force", "officials",
    "authorities", "government", "police", "diplomats", "negotiators", "lawmakers",
    "leaders", "ministers", "officers", "warplanes", "jets", "warships", "delegation",
    "security forces", "special forces", "prosecutors", "regulators", "intelligence",
    "administration", "coast guard", "border guards", "militants", "rebels", "protesters",
    "demonstrators", "students", "workers", "farmers", "people", "citizens", "voters",
    "opposition", "parliament", "congress", "senate", "court", "courts", "judges",
)
ORG_HEADS = WORDS.org_heads
APPOSITIVE_TYPES = WORDS.appositive_types
GENERIC_STATE = ("government", "authorities", "police", "troops", "soldiers", "army", "military",
                 "security forces", "officials", "forces", "navy", "air force", "ministry",
                 "regime", "junta", "parliament", "cabinet")
GENERIC_GROUPS = {"rebels": EntityType.ARMED_GROUP, "guerrillas": EntityType.ARMED_GROUP,
                  "militants": EntityType.ARMED_GROUP, "insurgents": EntityType.ARMED_GROUP,
                  "militiamen": EntityType.ARMED_GROUP, "gunmen": EntityType.ARMED_GROUP,
                  "protesters": EntityType.ORGANIZATION, "protestors": EntityType.ORGANIZATION,
                  "demonstrators": EntityType.ORGANIZATION, "students": EntityType.ORGANIZATION,
                  "workers": EntityType.ORGANIZATION, "opposition": EntityType.ORGANIZATION,
                  "activists": EntityType.ORGANIZATION, "strikers": EntityType.ORGANIZATION,
                  "fundamentalists": EntityType.ORGANIZATION, "islamists": EntityType.ORGANIZATION,
                  "extremists": EntityType.ARMED_GROUP, "separatists": EntityType.ARMED_GROUP,
                  "loyalists": EntityType.ORGANIZATION, "settlers": EntityType.ORGANIZATION,
                  "nationalists": EntityType.ORGANIZATION, "radicals": EntityType.ORGANIZATION,
                  "dissidents": EntityType.ORGANIZATION, "farmers": EntityType.ORGANIZATION,
                  "youths": EntityType.ORGANIZATION, "prisoners": EntityType.ORGANIZATION,
                  "refugees": EntityType.ORGANIZATION, "villagers": EntityType.ORGANIZATION,
                  "journalists": EntityType.ORGANIZATION, "clerics": EntityType.ORGANIZATION,
                  "guerillas": EntityType.ARMED_GROUP, "militias": EntityType.ARMED_GROUP,
                  "paramilitaries": EntityType.ARMED_GROUP, "hackers": EntityType.ORGANIZATION,
                  "pirates": EntityType.CRIMINAL_GROUP, "smugglers": EntityType.CRIMINAL_GROUP,
                  "traffickers": EntityType.CRIMINAL_GROUP, "kidnappers": EntityType.CRIMINAL_GROUP,
                  "bombers": EntityType.ARMED_GROUP, "fighters": EntityType.ARMED_GROUP,
                  "tribesmen": EntityType.ORGANIZATION, "landowners": EntityType.ORGANIZATION}
GENERIC_BODIES = {"government": EntityType.GOVERNMENT_BODY, "police": EntityType.GOVERNMENT_BODY,
                  "riot police": EntityType.GOVERNMENT_BODY,
                  "parliament": EntityType.GOVERNMENT_BODY, "cabinet": EntityType.GOVERNMENT_BODY,
                  "ministry": EntityType.GOVERNMENT_BODY, "opposition": EntityType.ORGANIZATION}
# Irregular past tenses after a generic body are its verb ('police put X under arrest',
# 'troops shot ...'), not a noun it modifies ('police station').
IRREGULAR_PAST = ("put|shot|took|held|fought|threw|led|kept|sent|struck|broke|caught|began|"
                  "drove|tore|ran|stood|went|came|gave|told|met|found|lost|won|left|fled|"
                  "overran|overthrew|shut|blew|withdrew|sought|brought")
GENERIC = alternation((*GENERIC_STATE, *GENERIC_GROUPS), ignore_case=True)
HONORIFICS = set(WORDS.titles.honorifics)
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "For", "But", "And", "After", "Before",
             "When", "While", "With", "From", "As", "By", "Despite", "According", "Some",
             "Many", "Tens", "Hundreds", "Thousands", "Five", "Two", "Three", "Four", "Six",
             *WORDS.weekdays, *WORDS.months, "Christian", "Muslim", "Jewish",
             "Islamic", "Catholic", "Western", "Eastern", "Northern", "Southern", "North",
             "South", "East", "West", "Central", "New", "Old", "Great", "Upper", "Lower",
             "President", "Prime", "Minister", "Secretary", "Foreign", "Defense", "Defence",
             "Interior", "General", "Senator", "Governor", "Mayor", "Ambassador", "King",
             "Queen", "Chancellor", "Pope", "Commander", "Chief", "Vice", "Supreme", "Leader",
             "His", "Her", "Their", "Its", "This", "That", "These", "Those", "It", "They",
             "He", "She", "We", "I", "Our", "Memorandum", "Understanding", "Cessation",
             "Hostilities", "Union", "State", "States", "Republic", "Kingdom", "Federal",
             "National", "International", "Security", "Council", "Human", "Rights"}
LOCATION_HEADS = {"Bank", "Strip", "Sea", "River", "Valley", "Region", "Province", "City",
                  "Street", "Square", "Island", "Islands", "Mountains", "Gulf", "Ocean",
                  "Peninsula", "Coast", "Desert", "Airport", "Port", "Border", "County",
                  "District", "Heights", "Lake", "Canal", "Hills", "Plaza", "Avenue", "Road",
                  "Bay", "Strait", "Straits", "Hospital", "University", "Palace", "Hotel"}
NOT_ACRONYMS = {"I", "AM", "PM", "TV", "OK", "AD", "BC", "CEO", "GDP", "UTC", "GMT", "II",
                "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XX", "NEWS", "AFP", "AP", "UPI",
                "CTK", "IRNA", "MOU", "KG", "KM"}
PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "it": "thing", "its": "thing", "they": "group", "them": "group", "their": "group",
}
SPEAKER_PRONOUNS = {"i": "speaker", "me": "speaker", "my": "speaker"}
CLAIM_NOUNS = r"(?:claims?|allegations?|accusations?|charges)"
ANAPHORS = {"announcement": "event", "exercises": "event:MOBILIZE", "drills": "event:MOBILIZE",
            "attack": "event:ASSAULT", "attacks": "event:ASSAULT", "strikes": "event:ASSAULT",
            "remark": "speaker",
            "remarks": "speaker", "comments": "speaker",
            "comment": "speaker", "statement": "speaker", "statements": "speaker",
            "decision": "event:AGREE", "move": "event", "step": "event:AGREE",
            "measure": "event", "measures": "event", "plan": "event:AGREE",
            "proposal": "event:AGREE", "offer": "event:AGREE",
            "demand": "event:REQUEST", "demands": "event:REQUEST", "deal": "event:AGREE",
            "agreement": "event:AGREE", "bloc": "igo", "alliance": "igo",
            "organization": "igo", "union": "igo"}

_NAME_WORD = r"(?:(?:al|el|bin|ibn|abu)-)?[A-ZÁÉÍÓÚÑÖÜ][\w'’.-]*"
_PROPER_WORD = r"(?:(?:al|el|bin|ibn|abu)-)?[A-ZÁÉÍÓÚÑÖÜ][\w.-]*(?:['’](?!s\b)[\w.-]+)*"  # no 's
_PARTICLE = r"(?:de|da|del|la|dos|do|los|las|van|von|der|den|ter|bin|al|el|ibn|y)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,4}}"
LOCATIVE = re.compile(r"\b(?<!according )(?:in|at|from|to|near|into|across|outside|around|"
                      r"toward|towards|via|through)\s+(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*,\s+)*$")
# "the Danish ambassador to Norway, Peter Lund": the name after the comma holds the post
_POSTED_AT = re.compile(r"\b(?:[Aa]mbassador|[Ee]nvoy|[Cc]onsul|[Hh]igh [Cc]ommissioner|"
                        r"[Cc]harg[eé] d'[Aa]ffaires)\s+(?:accredited\s+)?(?:to|in)\s+"
                        r"(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*,\s+$")
_AFTER_THE = re.compile(r"\b(?:the|The)\s+$")
PAIR = Gated(re.compile(r"\b(?:[Tt]he two|[Bb]oth)\s+(?:leaders|sides|men|women|countries|"
                        r"nations|presidents|governments|parties|delegations|ministers|"
                        r"neighbors|neighbours)\b"), ("the two", "both"))
KIN_WORDS = ("wife", "husband", "son", "daughter", "brother", "sister", "father", "mother",
             "partner", "spouse", "cousin", "nephew", "niece")
KIN = Gated(re.compile(rf"\b(?:his|her|their|His|Her|Their)\s+(?:{'|'.join(KIN_WORDS)})\s+,?\s*"
                       rf"(?P<name>{_NAME})"), KIN_WORDS)
_NAME_GAPS = re.compile(r"[\s()\[\]]+")  # between the words of a name, as the gazetteer allows
_POSSESSIVE_MARK = r"(?:'s|’s|'|’)"
_POSSESSIVE_AT = re.compile(rf"{_POSSESSIVE_MARK}(?!\w)")  # a possessive, matched at a position
# "Trump administration" after a person's name, matched at the position after it
_ADMINISTRATION_AT = re.compile(r"\s*(?:administration|government)\b")
_POSSESSIVE_END = re.compile(rf"{_POSSESSIVE_MARK}$")  # one ending a name: "X's government"
# words a demonym group's modifiers never include: 'VOA Somali that the attackers' is no group
_CLAUSE_WORD = (r"(?:that|which|who|whom|whose|the|a|an|to|of|for|by|than|and|or|but|if|when|"
                r"while|is|are|was|were|has|have|had)")


# name: a named actor (gazetteer or a typed guess); title: an unknown person named with a
# title; role: 'the Colombian president'; group: a demonym group; generic: 'the government';
# capital: a capital as metonym; place: a capital as a place; claim: 'the allegations';
# pair: 'the two leaders'; anaphor: 'the decision'; pronoun: he/it/they; speaker: I/me/my
MentionKind = Literal["name", "title", "role", "group", "generic", "capital", "place", "claim",
                      "pair", "anaphor", "pronoun", "speaker"]


@dataclass
class Mention:
    """An actor mention; offsets are relative to the sentence text."""

    start: int
    end: int
    text: str
    kind: MentionKind
    entity: str | None = None
    role: str | None = None
    role_country: str | None = None
    former: bool = False
    pronoun_class: str | None = None

    def copy(self) -> Mention:
        """A copy to resolve (the extractor sets `entity` on its own mentions): every field,
        as `dataclasses.replace(self)` gives, without calling `__init__` (this runs for
        every mention of every sentence)."""
        clone = object.__new__(Mention)
        clone.__dict__.update(self.__dict__)
        return clone

    @property
    def possessive(self) -> bool:
        return self.kind == "pronoun" and self.text.lower() in {"his", "her", "its", "their",
                                                                 "my"}


@dataclass
class Found:
    """Mentions of one sentence plus entities newly created for it."""

    mentions: list[Mention] = field(default_factory=list)
    new_entities: list[Entity] = field(default_factory=list)


def _org_prefixes(gaz: Gazetteer) -> list[str]:
    """Names of bodies whose officers are titled with them ("European Commission President")."""
    return [form for form, entity_id in gaz.surface.items()
            if gaz.entities[entity_id].type in (EntityType.IGO, EntityType.GOVERNMENT_BODY)
            and len(form) > 2]


def _title_pattern(gaz: Gazetteer) -> re.Pattern[str]:
    country = alternation(set(gaz.demonyms) | set(gaz.surface_countries()) |
                          set(_org_prefixes(gaz)))
    titles = alternation(TITLES)
    return re.compile(
        rf"(?P<former>\b(?:former|ex-)\s+)?(?:(?:the|The)\s+)?"
        rf"(?:(?P<country>{country})(?:'s|’s)?\s+)?(?P<title>{titles})\s*[,(]?\s*$")


def _canonical_title(title: str) -> str:
    """'Gen.' -> 'General', 'Sen.' -> 'Senator': one spelling per role."""
    return {"Gen.": "General", "Sen.": "Senator", "Gov.": "Governor", "Rep.": "Representative"
            }.get(title, title)


def surname_spans(text: str, surnames: Iterable[str]) -> list[tuple[int, int]]:
    """Where the surnames occur as whole words (not inside a longer word or a hyphenated
    name), left to right, the longest at a shared start, never overlapping: the matches of
    the alternation of the surnames, longest first, between `(?<![\\w-])` and `(?![\\w-])`,
    found without compiling a regex per article."""
    spans = []
    for name in surnames:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not (at and _word_or_hyphen(text[at - 1]) or
                    end < len(text) and _word_or_hyphen(text[end])):
                spans.append((at, end))
            at = text.find(name, at + 1)
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _word_or_hyphen(char: str) -> bool:
    """What the regex class `[\\w-]` matches (`\\w` is `str.isalnum` or '_')."""
    return char.isalnum() or char in "_-"


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, pairwise disjoint): only the
    last span that starts before `end` can, so one binary search answers."""
    at = bisect.bisect_left(spans, (end,))
    return at > 0 and spans[at - 1][1] > start


_LOOKBACK = 300
_SPACE = re.compile(r"\s")


def _ends_at(pattern: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """`pattern.search(text[:at])` for a `$`-anchored pattern that needs a space and whose
    match is short: only the last `_LOOKBACK` characters before `at` are searched, from a
    space on (so that `\\b` holds where they start), so the cost does not grow with `at`."""
    start = max(0, at - _LOOKBACK)
    if start:
        space = _SPACE.search(text, start, at)
        if space is None:
            return None
        start = space.start()
    return pattern.search(text[start:at])


# Title nouns that a capitalized run can swallow before a name ("Chief Cabinet Secretary Aiko
# Mori", "MPs Tom Ochola"), and the portfolio after "Minister of" ("Minister of Sport Ivan
# Petrov"): the name is what follows them.
_TITLE_NOUNS = {"Minister", "Secretary", "MP", "MPs", "Spokesman", "Spokeswoman", "Ambassador",
                "Envoy", "Commissioner", "Senator", "Governor", "Lawmaker", "Legislator"}
_PORTFOLIO_OF = re.compile(r"\b(?:Minister|Secretary|Ministry|Commissioner)\s+of\s+$")


def _past_titles(words: list[str], text: str = "", at: int = 0) -> list[str]:
    """The words of a capitalized run after the title nouns it begins with (and, after
    'Minister of' ending at `at` in `text`, after its one-word portfolio), if at least two
    remain."""
    cut = max((i + 1 for i, w in enumerate(words[:-2]) if w in _TITLE_NOUNS), default=0)
    if not cut and len(words) >= 3 and _ends_at(_PORTFOLIO_OF, text, at):
        cut = 1
    return words[cut:]


_PAREN_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Z0-9]{1,5})\)")
_STATE_HEADS = {"Government", "Command", "Forces", "Force"}  # a named state's body
_NAME_FILLERS = {"of", "the", "and", "for", "in", "on"}
_WORD = re.compile(r"[\w'’.-]+")


def _spelled_start(text: str, paren: int, acronym: str) -> int | None:
    """Where the capitalized words right before `paren` begin whose initials spell
    `acronym` ('Basque Regional Government (BRG)', 'Office for the Coordination of ...'),
    lower-case fillers between them skipped; None when they do not spell it."""
    offset = max(0, paren - 160)
    words = list(_WORD.finditer(text, offset, paren))
    need, start = len(acronym), None
    while words and need:
        word = words.pop()
        if word.group(0) in _NAME_FILLERS and start is not None:
            continue
        if word.group(0)[0] != acronym[need - 1]:
            return None
        need, start = need - 1, word.start()
    return start if not need else None


def _closing_stop(word: str) -> int:
    """1 when `word` ends with the full stop of its sentence rather than an abbreviation's
    ('Khar.' at the end of a sentence; not 'Jr.', 'J.' or 'U.S.'), else 0."""
    stem = word[:-1]
    return int(word.endswith(".") and len(stem) > 2 and "." not in stem)


def _expanded_by(text: str, acronym_at: int, mentions: list[Mention]) -> Mention | None:
    """The first mention with an entity that the acronym at `acronym_at` follows as
    `Name (ACR`: only a mention ending in the spaces before the `(` can, so the text is read
    once per acronym, not once per mention."""
    paren = acronym_at - 1
    if paren < 0 or text[paren] != "(":
        return None
    first = paren
    while first > 0 and text[first - 1].isspace():
        first -= 1
    return next((m for m in mentions if m.entity and first <= m.end <= paren), None)


def filter_mentions(offered: Iterable[Mention]) -> list[Mention]:
    """The overlap policy of mentions (like spaCy's `filter_spans`, ranked by finder instead
    of by length): mentions come in rank order, and one is kept unless it overlaps one kept
    before it. The rank is the order of `MentionFinder.finders`, most specific first ('US
    President Donald Trump' as one titled name, not 'US' and 'Donald Trump'), and within one
    finder the order it offers them in (left to right; names longest first)."""
    offers = Offers()
    for mention in offered:
        offers(mention)
    return offers.kept()


class Offers:
    """The mentions the finders offer for one sentence, in rank order (call it with one).

    The overlap policy is applied as each mention comes (one binary search over the spans
    kept so far), so asking for the kept mentions again and again costs no re-filtering."""

    def __init__(self) -> None:
        self.offered: list[Mention] = []
        self._kept: list[Mention] = []
        self._taken: list[tuple[int, int]] = []  # spans of the kept mentions, sorted

    def __call__(self, mention: Mention) -> None:
        self.offered.append(mention)
        if not _overlaps(self._taken, mention.start, mention.end):
            bisect.insort(self._taken, (mention.start, mention.end))
            self._kept.append(mention)

    def kept(self) -> list[Mention]:
        """The mentions offered so far that the overlap policy keeps."""
        return list(self._kept)


Finder = Callable[[str, Offers, "Found", frozenset[str]], None]


class MentionFinder:
    """Finds actor mentions in sentences, using one gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._role_patterns(gaz)
        self._name_patterns(gaz)
        gated = [v for v in vars(self).values() if isinstance(v, Gated)] + [KIN, PAIR]
        self.needles = Needles(n for pattern in gated for n in pattern.needles)
        self.remembered: Memo[Found] = Memo(self._find)
        self._named: dict[str, str | None] = {}  # see `_entity_named`
        self._named_size = len(gaz.surface)
        # words that keep a capitalized run from being an unknown person's name
        self._no_person_word = frozenset(NOT_NAMES | set(gaz.demonyms) | set(ORG_HEADS)
                                         | LOCATION_HEADS)
        # The finders, most specific first: the order in which they offer mentions to the
        # overlap policy (see `Offers`).
        self.finders: tuple[Finder, ...] = (
            self._spelled_out, self._kin, self._owned_bodies, self._titled_unknown, self._names,
            self._organizations, self._roles, self._groups, self._capitals,
            self._named_groups, self._unknown_names, self._references)

    def _role_patterns(self, gaz: Gazetteer) -> None:
        """Titles before names, role phrases, demonym groups and generic bodies."""
        self.title_before = _title_pattern(gaz)
        adj = alternation(set(gaz.demonyms) | set(gaz.surface_countries()))
        titles = alternation(TITLES)
        self.titled_name = Gated(re.compile(
            rf"(?P<former>\b(?:former|ex-)\s+)?(?:(?P<country>{adj})(?:'s|’s)?\s+)?"
            rf"(?P<title>{titles}),?\s+(?P<name>{_NAME})"), TITLES)
        roles = alternation(ROLE_WORDS)
        self.role_phrase = Gated(re.compile(
            rf"\b(?:(?:the|The)\s+(?P<adj>{adj})|(?P<owner>{adj})(?:'s|’s))\s+"
            rf"(?:(?:new|former|outgoing|incoming|current|then)\s+)?(?P<role>{roles})\b"
            rf"(?!\s+{_NAME_WORD})", re.UNICODE), ROLE_WORDS)
        bare_roles = tuple(WORDS.titles.bare_roles)
        self.bare_role = Gated(re.compile(rf"\b(?:the|The)\s+(?P<role>{'|'.join(bare_roles)})\b"
                                          rf"(?!\s+{_NAME_WORD})(?!\s+of\b)"), bare_roles)
        groups = alternation(GROUP_NOUNS)
        demonyms = alternation(gaz.demonyms)
        self.demonym_group = re.compile(
            rf"(?<![\w-])(?P<dem>{demonyms})(?:-led|-backed|-based|-born)?(?![\w-])"
            rf"(?:\s+(?P<caps>[A-Z][a-z]+s)\b|(?:\s+(?!{_CLAUSE_WORD}\b)[a-z][\w-]*){{0,2}}?\s+"
            rf"(?P<group>{groups}|[a-z]+(?:ers|ors|ists|ians|ants|ents|ees|men|ites|ans|ims))\b)?")
        self.generic = Gated(re.compile(rf"(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )"
                                  rf"(?<!\bour )(?<!'s )(?<!’s )\b(?:(?:the|The)\s+)?"
                                  rf"(?P<noun>{GENERIC})"
                                  r"(?:\s+(?:leaders|officials|officers|members|figures|"
                                  r"supporters|parties|spokesman|spokeswoman|spokesperson))?\b"
                                  r"(?!\s+(?!(?:and|or|of|in|on|to|who|that|from|at|with|for|"
                                  r"said|says|have|has|had|were|was|are|is|will|would|also|"
                                  r"have|could|can|may|might|must|should|did|do|does|not|"
                                  rf"reportedly|then|today|yesterday|tonight|{IRREGULAR_PAST})\b)"
                                  r"[a-z]+(?<!ed)\b)",
                                  re.IGNORECASE), (*GENERIC_STATE, *GENERIC_GROUPS))

    def _name_patterns(self, gaz: Gazetteer) -> None:
        """Unknown names and organizations, capitals, owned bodies, named groups, pronouns,
        claims and anaphors."""
        self.acronym = re.compile(
            r"(?<![\w/-])(?P<name>[A-Z][A-Z0-9]{1,5}(?:/[A-Z]{1,4})?)(?![\w/-])")
        self.proper = re.compile(  # a possessive ends a name ("Ryanair's CEO Michael
            # O'Leary": not "Ryanair's CEO Michael"); the parse engine's NER lengthens one
            # cut after three words ('Aung San Suu Kyi', `parse.names`)
            rf"(?<![\w'’-])(?P<name>{_PROPER_WORD}(?:\s+(?:(?:de|da|del|bin|al|van|von|el)\s+)?"
            rf"{_PROPER_WORD}){{1,2}})(?![\w-])")
        heads = "|".join(ORG_HEADS)
        self.org = Gated(re.compile(
            rf"\b(?:the\s+)?(?P<name>(?:{_NAME_WORD}\s+(?:(?:of|for|and|de|del|the)\s+)*)*"
            rf"(?:{heads})(?:\s+(?:of|for)\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?)"),
            ORG_HEADS)
        self.capital = re.compile(
            r"(?<![\w.])" + alternation(gaz.capitals) + r"(?![\w-])")
        countries = alternation(gaz.surface_countries())
        self.owned_body = Gated(re.compile(
            rf"(?<![\w-])(?P<owner>{countries})(?:'s|’s)\s+(?P<body>(?:[A-Z][a-z]+\s+){{0,3}}"
            r"(?:Ministry|Department|Office|Council|Agency|Army|Navy|Police|Command|Court|"
            r"Parliament|Cabinet|Guard))\b"), ("'s", "’s"))
        group_heads = ("party", "movement", "militia", "group", "front", "coalition", "alliance",
                       "union", "rebels", "guerrillas", "cartel", "gang")
        self.named_group = Gated(re.compile(
            rf"\b(?P<name>(?:{_NAME_WORD}\s+){{1,3}})(?:\(\w+\)\s+)?"
            rf"(?P<head>{'|'.join(group_heads)})\b"), group_heads)
        self.unknown_administration = Gated(re.compile(
            r"\b(?P<name>[A-Z][a-z]+)\s+(?P<head>administration|Administration|government)\b"),
            ("administration", "government"))
        self.place_before = re.compile(r"\b(?:in|at|from|near|outside|around|of|into|across)\s+$")
        self.place_modifier_before = re.compile(rf"\b(?:{any_of(WORDS.place_modifiers)})\s+$")
        self.pronoun = re.compile(r"\b(?:he|He|him|his|His|she|She|her|Her|it|It|its|Its|"
                                  r"they|They|them|their|Their|I|me|my|My)\b")
        self.claims = Gated(re.compile(rf"\b(?:the|these|those|such)\s+{CLAIM_NOUNS}\b"),
                            ("claim", "allegation", "accusation", "charges"))
        self.anaphors = Gated(re.compile(
            r"\b(?:the|these|those|this|that)\s+(?P<noun>"
            + "|".join(sorted(ANAPHORS, key=len, reverse=True))
            + r")\b(?!\s+(?:of|to|on|for|by)\s+(?:the\s+)?[A-Z])"), ANAPHORS)
        self.appositive = re.compile(
            r"^,\s+(?:a|an|the)\s+(?:(?P<dem>[A-Z][a-z]+)\s+)?(?:[a-z-]+\s+){0,3}?"
            r"(?P<kind>" + "|".join(re.escape(k) for k in sorted(APPOSITIVE_TYPES, key=len,
                                                                   reverse=True)) + r")\b")

    def find(self, text: str) -> Found:
        """All mentions in one sentence, sorted by position, non-overlapping.

        The mentions of the sentences seen last are remembered (see `memo`); each call gets
        its own mention objects, and the new entities, which nothing changes once found, are
        shared."""
        # look-alike letters match, and a Title Case headline is read in sentence case (its
        # capitalized runs are no new actors); the same offsets, and the mentions keep the
        # text as written
        folded = headline_read(fold(text), lambda read: self.remembered(read).mentions,
                               self.gaz)
        found = self.remembered(folded)
        mentions = [mention.copy() for mention in found.mentions]
        if folded != text:
            for mention in mentions:
                mention.text = text[mention.start:mention.end]
        return Found(mentions, list(found.new_entities))

    def _find(self, text: str) -> Found:
        found = Found()
        offers = Offers()
        present = self.needles.present(text)
        for finder in self.finders:
            finder(text, offers, found, present)
        found.mentions = sorted(offers.kept(), key=lambda m: m.start)
        # Keep only the new entities a kept mention refers to, and never shadow a known one.
        used = {m.entity for m in found.mentions}
        found.new_entities = [e for e in found.new_entities
                              if e.id in used and e.id not in self.gaz.entities]
        return found

    def _roles(self, text: str, add: Offers, found: Found, present: frozenset[str]) -> None:
        """'the Colombian president', "Colombia's leader", 'the president'."""
        for match in self.role_phrase.finditer(text, present):
            country = self.gaz.demonyms.get(match.group("adj") or "") or self._country_id(
                match.group("owner") or "")
            add(Mention(match.start(), match.end(), match.group(0), "role",
                        role=match.group("role"), role_country=country))
        for match in self.bare_role.finditer(text, present):
            add(Mention(match.start(), match.end(), match.group(0), "role",
                        role=match.group("role")))

    def _groups(self, text: str, add: Offers, found: Found, present: frozenset[str]) -> None:
        """Demonym groups ('Venezuelan officials', 'Algerians') and generic bodies ('the
        government', 'rebels')."""
        for match in self.demonym_group.finditer(text):
            dem = match.group("dem")
            if dem.endswith("s") and (match.group("group") or match.group("caps")):
                # a plural demonym is the noun itself: "Algerians blocked roads"
                add(Mention(match.start(), match.start() + len(dem), dem, "group",
                            entity=self.gaz.demonyms[dem], role_country=self.gaz.demonyms[dem]))
                continue
            if match.group("group") is None and match.group("caps") is None:
                # "an Australian ultimatum", "the Palestinians": the country acts or is meant
                noun = re.match(r"\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*", text[match.end():])
                if not (noun or dem.endswith("s") or _ends_at(_AFTER_THE, text,
                                                                        match.start())):
                    continue
                if not noun and text[match.end(): match.end() + 1].isalpha():
                    continue
            add(Mention(match.start(), match.end(), match.group(0), "group",
                        entity=self.gaz.demonyms[dem], role=(match.group("group") or "").lower()
                        or None, role_country=self.gaz.demonyms[dem]))
        for match in self.generic.finditer(text, present):
            add(Mention(match.start(), match.end(), match.group(0), "generic",
                        role=match.group("noun").lower()))

    def _capitals(self, text: str, add: Offers, found: Found, present: frozenset[str]) -> None:
        """A capital as its government ('Washington said'), or as a place ('in Caracas')."""
        for match in self.capital.finditer(text):
            if _ends_at(self.place_modifier_before, text, match.start()):
                continue  # 'Greater Accra', 'East Jerusalem': another place
            kind = "place" if _ends_at(self.place_before, text, match.start()) else "capital"
            add(Mention(match.start(), match.end(), match.group(0), kind,
                        entity=self.gaz.capitals[match.group(0)]))

    def _named_groups(self, text: str, add: Offers, found: Found, present: frozenset[str]
                      ) -> None:
        """'the Shining Path rebels', 'the Milei administration': typed unknown groups."""
        for match in self.named_group.finditer(text, present):
            words = [w for w in match.group("name").split() if w not in NOT_NAMES]
            if not words or any(w in self.gaz.surface or w in self.gaz.demonyms for w in words):
                continue
            head = match.group("head")
            name = f"{' '.join(words)} {head}"
            kind = GENERIC_GROUPS.get(head, ORG_HEADS.get(head.capitalize(),
                                                          EntityType.ORGANIZATION))
            entity = Entity(id=slugify(name), name=name, type=kind)
            found.new_entities.append(entity)
            add(Mention(match.end() - len(name) if text[match.start():].startswith(words[0])
                        else match.start(), match.end(), name, "name", entity=entity.id))
        for match in self.unknown_administration.finditer(text, present):
            surname = match.group("name")
            if surname in NOT_NAMES or surname in self.gaz.demonyms:
                continue
            name = f"{surname} {match.group('head').lower()}"
            entity = Entity(id=slugify(name), name=name, type=EntityType.GOVERNMENT_BODY)
            found.new_entities.append(entity)
            add(Mention(match.start(), match.end(), name, "name", entity=entity.id))

    def _references(self, text: str, add: Offers, found: Found, present: frozenset[str]
                    ) -> None:
        """Mentions resolved later: claims, 'the two leaders', anaphors, pronouns."""
        for match in self.claims.finditer(text, present):
            add(Mention(match.start(), match.end(), match.group(0), "claim"))
        for match in PAIR.finditer(text, present):
            add(Mention(match.start(), match.end(), match.group(0), "pair"))
        for match in self.anaphors.finditer(text, present):
            add(Mention(match.start(), match.end(), match.group(0), "anaphor",
                        role=ANAPHORS[match.group("noun")]))
        for match in self.pronoun.finditer(text):
            word = match.group(0).lower()
            kind = "speaker" if word in SPEAKER_PRONOUNS else "pronoun"
            add(Mention(match.start(), match.end(), match.group(0), kind,
                        pronoun_class=PRONOUNS.get(word, "speaker")))

    def _owned_bodies(self, text: str, add: Offers, found: Found, present: frozenset[str]
                      ) -> None:
        """"Taiwan's Defense Ministry" -> a government body of that country."""
        for match in self.owned_body.finditer(text, present):
            country_id = self._country_id(match.group("owner"))
            if not country_id:
                continue
            country = self.gaz.entities[country_id]
            body = match.group("body")
            name = f"{country.name} {body}"
            entity = Entity(id=slugify(name), name=name, type=ORG_HEADS.get(
                body.split()[-1], EntityType.GOVERNMENT_BODY), country=country.country,
                aliases=[f"{match.group('owner')}'s {body}"])
            found.new_entities.append(entity)
            add(Mention(match.start(), match.end(), match.group(0), "name", entity=entity.id))

    def _kin(self, text: str, add: Offers, found: Found, present: frozenset[str]) -> None:
        """'his wife Verónica Alcocer' -> the named relative (a new Person if unknown)."""
        for match in KIN.finditer(text, present):
            name = match.group("name").rstrip(".,")
            entity_id = self.gaz.surface.get(name)
            if entity_id is None:
                entity = Entity(id=slugify(name), name=name, type=EntityType.PERSON)
                found.new_entities.append(entity)
                entity_id = entity.id
            add(Mention(match.start(), match.start("name") + len(name),
                        text[match.start(): match.start("name") + len(name)], "name",
                        entity=entity_id))

    def _unknown_names(self, text: str, add: Offers, found: Found, present: frozenset[str]
                       ) -> None:
        """Acronyms become organizations; two or three capitalized words that are not a
        place, a date or a known actor become a person (a typed guess)."""
        for match in self.acronym.finditer(text):
            name = match.group("name")
            if name in self.gaz.surface or name in NOT_ACRONYMS or name in self.gaz.demonyms:
                continue
            expanded = _expanded_by(text, match.start(), add.kept())
            if expanded:  # "Revolutionary United Front (RUF)": the acronym names it again
                for entity in found.new_entities:
                    if entity.id == expanded.entity and name not in entity.aliases:
                        entity.aliases.append(name)
                add(Mention(match.start(), match.end(), name, "name", entity=expanded.entity))
                continue
            entity = Entity(id=slugify(name), name=name, type=EntityType.ORGANIZATION)
            found.new_entities.append(entity)
            add(Mention(match.start(), match.end(), name, "name", entity=entity.id))
        for match in self.proper.finditer(text):
            words = match.group("name").split()
            while words and (words[0] in HONORIFICS or words[0] in NOT_NAMES):
                words = words[1:]
            words = _past_titles(words, text, match.start())
            if len(words) < 2 or any(map(str.isdigit, match.group("name"))) or any(
                    w in self._no_person_word or w in self.gaz.surface for w in words):
                continue
            if _ends_at(_AFTER_THE, text, match.start()):
                continue
            stop = _closing_stop(words[-1])
            name, end = " ".join(words)[: len(" ".join(words)) - stop], match.end() - stop
            start = match.end() - len(match.group("name")) + match.group("name").index(words[0])
            place = (_ends_at(LOCATIVE, text, match.start())
                     and not _ends_at(_POSTED_AT, text, match.start()))
            entity = Entity(id=slugify(name), name=name,
                            type=EntityType.LOCATION if place else EntityType.PERSON)
            found.new_entities.append(entity)
            add(Mention(start, end, name, "name", entity=entity.id))

    def add_surnames(self, text: str, found: Found, surnames: dict[str, str]) -> None:
        """Mentions of people by surname alone ('Kobakhidze') once the article has named them
        in full; `surnames` maps surname to entity id."""
        if not surnames:
            return
        taken = sorted((m.start, m.end) for m in found.mentions)
        folded = fold(text)
        for start, end in surname_spans(folded, surnames):
            if not _overlaps(taken, start, end):
                found.mentions.append(Mention(start, end, text[start:end], "name",
                                              entity=surnames[folded[start:end]]))
                bisect.insort(taken, (start, end))
        found.mentions.sort(key=lambda m: m.start)

    def _country_id(self, surface: str) -> str | None:
        entity_id = self.gaz.surface.get(surface)
        if entity_id and self.gaz.entities[entity_id].type == EntityType.COUNTRY:
            return entity_id
        return None

    def _names(self, text: str, add: Offers, found: Found, present: frozenset[str]) -> None:
        names: list[Mention] = []
        for match in self.gaz.pattern.finditer(text):
            entity_id = self._entity_named(match.group(0))
            if entity_id is None:
                continue
            entity = self.gaz.entities[entity_id]
            end = match.end()
            mention = Mention(match.start(), end, match.group(0), "name", entity=entity_id)
            if entity.type == EntityType.PERSON:
                self._attach_title(text, mention)
                # "Trump administration" (not "Trump's administration")
                admin = (None if _POSSESSIVE_AT.match(text, end)
                         else _ADMINISTRATION_AT.match(text, end))
                if admin and "administration" in admin.group(0):
                    self._administration(mention, entity, admin.end(), found)
            mention.text = text[mention.start: mention.end]
            names.append(mention)
        # A title can extend a name leftwards over a country name ("US President Trump").
        for mention in sorted(names, key=lambda m: m.start - m.end):
            add(mention)

    def _entity_named(self, written: str) -> str | None:
        """The entity id of a gazetteer match as written (its gaps read as one space),
        remembered per spelling: the same names recur in sentence after sentence."""
        if self._named_size != len(self.gaz.surface):  # the gazetteer grew: read it anew
            self._named.clear()
            self._named_size = len(self.gaz.surface)
        try:
            return self._named[written]
        except KeyError:
            entity_id = self._named[written] = self.gaz.surface.get(_NAME_GAPS.sub(" ", written))
            return entity_id

    def _attach_title(self, text: str, mention: Mention) -> None:
        window = max(0, mention.start - 90)
        if not text[window: mention.start].rstrip().rstrip(",(").rstrip().endswith(TITLES):
            return  # title_before needs a title right before the name
        before = self.title_before.search(text[window: mention.start])
        if not before:
            return
        mention.role = _canonical_title(before.group("title"))
        mention.former = bool(before.group("former"))
        country = before.group("country")
        mention.role_country = (self.gaz.demonyms.get(country or "")
                                or self._country_id(country or "")
                                or self.gaz.surface.get(country or ""))
        mention.start = window + (before.start("country") if country else before.start("title"))
        mention.text = text[mention.start: mention.end]

    def _administration(self, mention: Mention, person: Entity, end: int, found: Found) -> None:
        surname = person.name.split()[-1]
        entity = Entity(id=slugify(f"{surname} administration"), name=f"{surname} administration",
                        type=EntityType.GOVERNMENT_BODY, country=person.country,
                        aliases=[f"{person.name} administration"])
        found.new_entities.append(entity)
        mention.kind, mention.entity, mention.end = "name", entity.id, end
        mention.role = None

    def _titled_unknown(self, text: str, add: Offers, found: Found, present: frozenset[str]
                        ) -> None:
        for match in self.titled_name.finditer(text, present):
            name = _POSSESSIVE_END.sub("", match.group("name").rstrip(".,"))  # "X's government"
            while name.split(" ", 1)[0] in HONORIFICS and " " in name:
                name = name.split(" ", 1)[1]
            span = len(name)
            name = " ".join(_past_titles(name.split(" ")))
            single = len(name.split()) < 2
            known = self.gaz.pattern.match(text, match.start("name"))
            if known and known.end() >= match.start("name") + len(name):
                continue  # a known person: _names attaches the title
            if (name in self.gaz.surface or any(w in ORG_HEADS for w in name.split())
                    or single and (len(name) < 3 or name in NOT_NAMES
                                   or text[match.end("name"): match.end("name") + 1] in ")]")):
                continue
            country_text = match.group("country") or ""
            country_id = self._country_word(country_text)
            iso = self.gaz.entities[country_id].country if country_id else None
            role = _canonical_title(match.group("title"))
            entity = Entity(id=slugify(name), name=name, type=EntityType.PERSON, country=iso,
                            roles=[f"{role} of {self.gaz.entities[country_id].name}"
                                   if country_id else role])
            found.new_entities.append(entity)
            add(Mention(match.start(), match.start("name") + span, match.group(0)[
                : match.start("name") - match.start() + span], "title", entity=entity.id,
                role=role, role_country=country_id, former=bool(match.group("former"))))

    def _spelled_out(self, text: str, add: Offers, found: Found, present: frozenset[str]
                     ) -> None:
        """'the Basque Regional Government (BRG)': capitalized words that a new acronym in
        brackets spells are one organization (the acronym's finder makes it an alias)."""
        for match in _PAREN_ACRONYM.finditer(text):
            acronym = match.group("acr")
            start = _spelled_start(text, match.start(), acronym)
            name = text[start: match.start()].strip() if start is not None else ""
            if (not name or acronym in self.gaz.surface or name in self.gaz.surface
                    or " " not in name or self.gaz.pattern.match(name)
                    or any(  # the organizations' finder names it
                        org.end() == start + len(name) for org in self.org.finditer(
                            text, present))):
                continue
            head = name.split()[-1]
            kind = (EntityType.GOVERNMENT_BODY if head in _STATE_HEADS
                    else ORG_HEADS.get(head, EntityType.ORGANIZATION))
            country = self._country_in(name.split())
            iso = self.gaz.entities[country].country if country else None
            entity = Entity(id=slugify(name), name=name, type=kind, country=iso)
            found.new_entities.append(entity)
            add(Mention(start, start + len(name), name, "name", entity=entity.id))

    def _country_word(self, word: str) -> str | None:
        """The country a demonym or a country's name stands for."""
        return self.gaz.demonyms.get(word) or self._country_id(word)

    def _country_in(self, words: list[str]) -> str | None:
        """The first country a name's words name ('Basque Regional Government': none;
        'Kenyan Defence Forces': Kenya)."""
        return next((c for c in map(self._country_word, words) if c), None)

    def _organizations(self, text: str, add: Offers, found: Found, present: frozenset[str]
                       ) -> None:
        for match in self.org.finditer(text, present):
            name = match.group("name")
            if name.startswith("The "):
                name = name[4:]
            words = name.split()
            if len(words) < 2 or name in self.gaz.surface:
                continue
            head = next((w for w in reversed(words) if w in ORG_HEADS), words[-1])
            kind = ORG_HEADS.get(head, EntityType.ORGANIZATION)
            country = self._country_in(words)
            appositive = self.appositive.match(text[match.end():])
            if appositive:
                kind = APPOSITIVE_TYPES[appositive.group("kind")]
                country = country or self.gaz.demonyms.get(appositive.group("dem") or "")
            iso = self.gaz.entities[country].country if country else None
            entity = Entity(id=slugify(name), name=name, type=kind, country=iso)
            found.new_entities.append(entity)
            add(Mention(match.start("name"), match.end(), name, "name", entity=entity.id))
