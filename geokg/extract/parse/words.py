"""The parse engine's word lists, read once from `words.yaml` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class Words:
    """Every list of `words.yaml` as a frozenset (mappings as dicts)."""

    prepositions: frozenset[str]
    particles: frozenset[str]
    light_verbs: frozenset[str]
    reversal_verbs: frozenset[str]
    reaction_verbs: frozenset[str]
    request_verbs: frozenset[str]
    control_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    refusal_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    demand_modals: frozenset[str]
    alleged_words: frozenset[str]
    event_anaphors: dict[str, str]
    held_things: frozenset[str]
    containers: frozenset[str]
    partitives: frozenset[str]
    agent_nouns: frozenset[str]
    org_cues: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The word lists (cached: they never change while running)."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    values = {}
    for name, value in data.items():
        if name == "event_anaphors":
            values[name] = {str(k): str(v or "") for k, v in value.items()}
        elif name == "org_cues":
            values[name] = {k: tuple(str(w).lower() for w in v) for k, v in value.items()}
        else:
            values[name] = frozenset(str(w).lower() for w in value)
    return Words(**values)
