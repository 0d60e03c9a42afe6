"""The extractor's word lists (titles, cue words, month and weekday names): data in
`words.yaml`, read once; a user file named by `GEOKG_WORDS` adds words to any list."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from geokg.graph.datafiles import load_data
from geokg.graph.model import EntityType

DEFAULT_FILE = Path(__file__).with_name("words.yaml")


class Titles(BaseModel):
    """Titles and roles of people (see words.yaml for what each list does)."""

    head: list[str]
    other: list[str]
    capitalized_only: list[str]
    senior: list[str]
    roles: list[str]
    bare_roles: list[str]
    honorifics: list[str]


class Cues(BaseModel):
    """Words that signal speech, or the status of an act (announced, negated, alleged,
    denied)."""

    speech: list[str]
    future: list[str]
    intention: list[str]
    negation: list[str]
    allegation: list[str]
    denial: list[str]


class Words(BaseModel):
    """All word lists of the extractor."""

    months: dict[str, list[str]]  # name -> abbreviations, January first
    weekdays: list[str]  # Monday first
    titles: Titles
    cues: Cues
    org_heads: dict[str, EntityType]  # name's head noun -> actor kind, in the order tried
    appositive_types: dict[str, EntityType]  # appositive noun -> actor kind
    place_modifiers: list[str]  # 'Greater Accra', 'East Jerusalem': another place
    relational: list[str]  # 'the son of X', 'X's rival': someone else than X
    remembrance: list[str]  # 'the anniversary of X's invasion of Y': an old act

    def month_names(self) -> tuple[str, ...]:
        """Every spelling of a month: full names, then abbreviations."""
        return (*self.months, *(a for abbreviations in self.months.values()
                                for a in abbreviations))

    def month_numbers(self) -> dict[str, int]:
        """Lower-case spelling -> month number (1-12)."""
        return {spelling.lower(): number
                for number, (name, abbreviations) in enumerate(self.months.items(), start=1)
                for spelling in (name, *abbreviations)}


def any_of(words: list[str]) -> str:
    """A regex matching any of `words` literally, tried in list order (no group)."""
    return "|".join(map(re.escape, words))


def _merge(base: dict, extra: dict) -> dict:
    """Add a user file's words: lists are extended, mappings merged key by key."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict):
            merged[key] = _merge(base.get(key) or {}, value)
        elif isinstance(value, list):
            merged[key] = list(base.get(key) or []) + [v for v in value
                                                        if v not in (base.get(key) or [])]
        else:
            merged[key] = value
    return merged


@lru_cache(maxsize=8)
def load_words(extra_file: str | None = None) -> Words:
    """The built-in word lists, plus `extra_file` or `$GEOKG_WORDS` if given."""
    return Words.model_validate(load_data(DEFAULT_FILE, extra_file, "GEOKG_WORDS", _merge))


WORDS = load_words()
