"""Headline grammar: a Title Case headline ('Iraq Recalls Envoy Over Deadly Attack') is read
as sentence case ('Iraq recalls envoy over deadly attack').

In Title Case every word looks like a name: spaCy's small model tags most of them PROPN and
misparses the clause, and the mention finder takes runs of capitalized words for new actors
('Rebels Trade Blame'). Both read the sentence-cased text instead: the same length, so every
character offset stays the same; only the case of words that are no known name changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from geokg.extract.gazetteer import Gazetteer

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’.-][^\W_]+)*")
_PROSE = re.compile(r"(?<![\w'’.-])[a-z]{4}")  # a lower-case word of 4+ letters: not Title Case
MIN_CONTENT = 4  # letters: AP style capitalizes every word this long in a headline
MIN_WORDS = 3  # content words: fewer is a name or a fragment, not a headline
NAMING = frozenset({"name", "capital", "place"})  # mention kinds that spell an actor's name


def is_title_case(text: str) -> bool:
    """Whether `text` is written in Title Case: at least `MIN_WORDS` words of `MIN_CONTENT`
    letters or more, every one capitalized and not all of them upper case."""
    if _PROSE.search(text):  # most sentences: found in their first words
        return False
    long = [word for word in _WORD.findall(text) if len(word) >= MIN_CONTENT]
    return (len(long) >= MIN_WORDS and all(word[0].isupper() for word in long)
            and not all(word.isupper() for word in long))


def headline_read(text: str, mentions_of: Callable[[str], Iterable],
                  gazetteer: Gazetteer) -> str:
    """`text` as both engines read it: a Title Case headline in sentence case, the gazetteer
    actors that `mentions_of(text)` finds in it keeping their capitals (`name_spans`); any
    other text itself, without asking for its mentions."""
    if not is_title_case(text):
        return text
    return _lowered(text, name_spans(mentions_of(text), gazetteer), gazetteer)


def sentence_case(text: str, names: Iterable[tuple[int, int]], gazetteer: Gazetteer) -> str:
    """`text` with the capitalized words lowered that are no known name: not the first word,
    not an acronym ('UN'), not a name, demonym or capital on its own, not a word inside
    `names` (spans of mentions of gazetteer actors, as 'London'). Returns `text` itself
    unless it is Title Case."""
    return _lowered(text, names, gazetteer) if is_title_case(text) else text


def _lowered(text: str, names: Iterable[tuple[int, int]], gazetteer: Gazetteer) -> str:
    """Title Case `text` lowered as `sentence_case` says."""
    kept = list(names)
    chars = list(text)
    for number, match in enumerate(_WORD.finditer(text)):
        word = match.group(0)
        if number == 0 or word.isupper() or not word[0].isupper() or _known(word, gazetteer):
            continue
        if any(start <= match.start() < end for start, end in kept):
            continue
        lowered = word.lower()
        if len(lowered) == len(word):  # a few letters change length when lowered: leave them
            chars[match.start():match.end()] = lowered
    return "".join(chars)


def name_spans(mentions: Iterable, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans of the mentions (`geokg.extract.mentions.Mention`) that name a gazetteer actor:
    a name, a capital, a place (not a role: 'Turkish Envoy' keeps only 'Turkish')."""
    return [(mention.start, mention.end) for mention in mentions
            if mention.kind in NAMING and mention.entity in gazetteer.entities]


def _known(word: str, gazetteer: Gazetteer) -> bool:
    """A word the gazetteer knows on its own: a name, a demonym, a capital ('Ankara')."""
    return word in gazetteer.surface or word in gazetteer.demonyms or word in gazetteer.capitals
