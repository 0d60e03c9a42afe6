"""The parse engine's word lists, read once from `words.yaml` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from geokg.graph.vocabulary import Vocabulary

WORDS_FILE = Path(__file__).with_name("words.yaml")
PHRASING_KEYS = ("verbs", "phrases", "nouns")


@dataclass(frozen=True)
class Sense:
    """Another reading of a frame's action in a context: `action` becomes `becomes` when
    the trigger's lemma is one of `lemmas` (any when empty) and the trigger has a
    preposition of `preps` (a reason: 'for the coup'), an object whose lemma is one of
    `objects`, or hangs on a noun of `hosts` ('a statement blasting X'); with `subjects`,
    only when the doer's noun is one of them ('leaders gathered in X'); with `bare`, only
    when the trigger asks for nothing more (no infinitive under it, no preposition of
    `preps`: 'called on X' alone is a visit); with `own`, only when the object is the
    doer's own ('handed over their weapons'). `objects` and `subjects` may name an entity
    label instead of a noun ('gpe', 'person'). `becomes` '' means no event."""

    name: str
    action: str
    becomes: str
    lemmas: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    hosts: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    bare: bool = False
    own: bool = False


@dataclass(frozen=True)
class Words:
    """Every list of `words.yaml` as a frozenset (mappings as dicts)."""

    prepositions: frozenset[str]
    particles: frozenset[str]
    light_verbs: frozenset[str]
    reversal_verbs: frozenset[str]
    plan_nouns: frozenset[str]
    reaction_verbs: frozenset[str]
    request_verbs: frozenset[str]
    wish_verbs: frozenset[str]
    purpose_participles: frozenset[str]
    control_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    threat_verbs: frozenset[str]
    agreement_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    refusal_verbs: frozenset[str]
    cessation_verbs: frozenset[str]
    demand_modals: frozenset[str]
    alleged_words: frozenset[str]
    event_anaphors: dict[str, str]
    held_things: frozenset[str]
    place_nouns: frozenset[str]
    containers: frozenset[str]
    partitives: frozenset[str]
    agent_nouns: frozenset[str]
    backer_suffixes: frozenset[str]
    operation_words: frozenset[str]
    org_cues: dict[str, tuple[str, ...]]
    blocked_ways: frozenset[str] = frozenset()
    protester_nouns: frozenset[str] = frozenset()
    promising_verbs: frozenset[str] = frozenset()
    undergone_attacks: frozenset[str] = frozenset()
    undergoing_verbs: frozenset[str] = frozenset()
    figurative_attacks: frozenset[str] = frozenset()
    joint_nouns: frozenset[str] = frozenset()
    prospect_nouns: frozenset[str] = frozenset()
    contact_nouns: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()
    place_acts: frozenset[str] = frozenset()
    area_acts: frozenset[str] = frozenset()
    domestic_words: frozenset[str] = frozenset()
    leader_suffixes: frozenset[str] = frozenset()
    retaliation_verbs: frozenset[str] = frozenset()
    conditional_reactions: frozenset[str] = frozenset()
    consequence_nouns: frozenset[str] = frozenset()
    suffering_verbs: frozenset[str] = frozenset()
    threat_nouns: frozenset[str] = frozenset()
    holding_verbs: frozenset[str] = frozenset()
    envoy_nouns: frozenset[str] = frozenset()
    accusation_nouns: frozenset[str] = frozenset()
    denied_parts: frozenset[str] = frozenset()
    judging_verbs: frozenset[str] = frozenset()
    disapproval_words: frozenset[str] = frozenset()
    perpetration_verbs: frozenset[str] = frozenset()
    actions: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    unaimed_acts: dict[str, str] = field(default_factory=dict)
    senses: tuple[Sense, ...] = ()


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The word lists (cached: they never change while running)."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    values = {}
    for name, value in data.items():
        if name in {"event_anaphors", "unaimed_acts"}:
            values[name] = {str(k): str(v or "") for k, v in value.items()}
        elif name == "actions":
            values[name] = {action: {key: [str(w) for w in spec.get(key) or []]
                                     for key in PHRASING_KEYS} for action, spec in value.items()}
        elif name == "senses":
            values[name] = tuple(Sense(
                name=sense_name, action=spec["action"], becomes=spec.get("becomes") or "",
                bare=bool(spec.get("bare")), own=bool(spec.get("own")),
                **{key: frozenset(str(w).lower() for w in spec.get(key) or [])
                   for key in ("lemmas", "preps", "objects", "hosts", "subjects")})
                for sense_name, spec in value.items())
        elif name == "org_cues":
            values[name] = {k: tuple(str(w).lower() for w in v) for k, v in value.items()}
        else:
            values[name] = frozenset(str(w).lower() for w in value)
    return Words(**values)


def with_parse_phrasings(vocabulary: Vocabulary, words: Words) -> Vocabulary:
    """The vocabulary plus the phrasings only the parse engine reads (`actions` of
    words.yaml: same keys as vocabulary.yaml; the rules engine never sees them)."""
    if not words.actions:
        return vocabulary
    actions = dict(vocabulary.actions)
    for name, extra in words.actions.items():
        if name not in actions:
            raise ValueError(f"parse words.yaml: unknown relationship type {name!r}")
        base = actions[name]
        actions[name] = base.model_copy(update={
            key: list(getattr(base, key)) + [w for w in extra[key] if w not in getattr(base, key)]
            for key in PHRASING_KEYS})
    return vocabulary.model_copy(update={"actions": actions})
