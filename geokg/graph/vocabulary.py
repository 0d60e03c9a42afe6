"""The action vocabulary: relationship types, their PLOVER categories and their phrasings.

The data lives in `vocabulary.yaml`; a user file named by `GEOKG_VOCABULARY` (or passed to
`load_vocabulary`) adds types or phrasings. Relationship types and entity labels written to a
store come only from here and from `EntityType`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from geokg.graph.datafiles import load_data
from geokg.graph.model import EntityType, Status

PLOVER_CATEGORIES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER codes intentions: an announced act of these categories is coded as AGREE ...
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                         "RETREAT"})
# ... and an announced act of these as THREATEN.
HOSTILE = frozenset({"REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                     "ASSAULT"})
# A negated act of these categories ("would not accept", "failed to reach agreement") is
# coded as REJECT; other negated acts give no edge unless they were refused ("refused to").
REJECTED_WHEN_NEGATED = COOPERATIVE | {"REQUEST"}
STANDING_TIES = ("LEADS", "MEMBER_OF")
_TYPE_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
DEFAULT_FILE = Path(__file__).with_name("vocabulary.yaml")


class Action(BaseModel):
    """One relationship type with its phrasings."""

    name: str
    category: str | None
    mode: str = ""
    meaning: str = ""
    capture: str | None = None
    verbs: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    passive: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)


class Vocabulary(BaseModel):
    """All action types plus irregular verb forms."""

    actions: dict[str, Action]
    irregular: dict[str, tuple[str, str]] = Field(default_factory=dict)

    def category(self, action_type: str) -> str | None:
        """The PLOVER category of a type (None for standing ties)."""
        return self.actions[action_type].category

    def coded_category(self, action_type: str, status: Status) -> str | None:
        """The PLOVER category an edge of this type and status is coded with (see
        `coded_category`)."""
        return coded_category(self.category(action_type), status)

    def rejected_when_negated(self, action_type: str) -> bool:
        """Whether a negated act of this type is coded as a rejection (REJECTED)."""
        return self.category(action_type) in REJECTED_WHEN_NEGATED

    def checked_type(self, action_type: str) -> str:
        """Return the type if the vocabulary knows it, else raise ValueError."""
        if action_type not in self.actions:
            raise ValueError(f"unknown relationship type {action_type!r}")
        return action_type


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


def _merge(base: dict, extra: dict) -> dict:
    """Add a user vocabulary to the built-in one (phrasings appended, fields overridden)."""
    merged = {"irregular": dict(base.get("irregular") or {}),
              "actions": {k: dict(v) for k, v in (base.get("actions") or {}).items()}}
    merged["irregular"].update(extra.get("irregular") or {})
    for name, spec in (extra.get("actions") or {}).items():
        current = merged["actions"].setdefault(name, {})
        for key, value in (spec or {}).items():
            if isinstance(value, list):
                current[key] = list(current.get(key) or []) + value
            else:
                current[key] = value
    return merged


def _validate(data: dict) -> Vocabulary:
    actions = {}
    for name, spec in data["actions"].items():
        if not _TYPE_NAME.match(name):
            raise ValueError(f"relationship type {name!r} must be UPPER_SNAKE")
        category = (spec or {}).get("category")
        if category is not None and category not in PLOVER_CATEGORIES:
            raise ValueError(f"{name}: {category!r} is not a PLOVER category")
        actions[name] = Action(name=name, **(spec or {}))
    return Vocabulary(actions=actions, irregular=data.get("irregular") or {})


@lru_cache(maxsize=8)
def load_vocabulary(extra_file: str | None = None) -> Vocabulary:
    """The built-in vocabulary, plus `extra_file` or `$GEOKG_VOCABULARY` if given."""
    return _validate(load_data(DEFAULT_FILE, extra_file, "GEOKG_VOCABULARY", _merge))


def node_label(entity_type: str) -> str:
    """The Neo4j label for an entity type, validated against `EntityType`."""
    return EntityType(entity_type).value


# PLOVER's quad categories (verbal/material x cooperation/conflict), after the quad table of
# the PLOVER README, on geokg's categories: ACCUSE stands for PLOVER's DISAPPROVE; REQUEST
# (asking, urging; CAMEO's appeal) counts as verbal cooperation, as in CAMEO's quad classes.
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
_QUAD_OF = {
    "AGREE": QUADS[0], "CONSULT": QUADS[0], "SUPPORT": QUADS[0], "CONCEDE": QUADS[0],
    "REQUEST": QUADS[0], "COOPERATE": QUADS[1], "AID": QUADS[1], "RETREAT": QUADS[1],
    "ACCUSE": QUADS[2], "REJECT": QUADS[2], "THREATEN": QUADS[2], "SANCTION": QUADS[2],
    "PROTEST": QUADS[3], "MOBILIZE": QUADS[3], "COERCE": QUADS[3], "ASSAULT": QUADS[3],
}


def plover_quad(category: str | None) -> str | None:
    """The quad category of a PLOVER category (one of `QUADS`); None for standing ties."""
    return _QUAD_OF.get(category) if category else None
