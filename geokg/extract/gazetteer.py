"""The actor gazetteer: known actors, their surface forms and their dated offices."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from geokg.extract.alternation import alternation
from geokg.graph.model import Entity, EntityType

DEFAULT_FILE = Path(__file__).with_name("gazetteer.yaml")


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """Stable id from a name: ascii, lower case, dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entity"


@dataclass(frozen=True)
class Office:
    """A dated office: who held which role of which country (or body)."""

    holder: str
    role: str
    country: str | None
    start: dt.date | None
    end: dt.date | None
    head: bool = False
    body: str | None = None

    def held_on(self, day: dt.date | None) -> bool:
        """Whether the office was held on `day` (an unknown day matches current offices)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Gazetteer:
    """Known actors indexed for mention finding and role resolution."""

    entities: dict[str, Entity] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    country_ids: dict[str, str] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    _pattern: tuple[int, re.Pattern[str]] | None = field(default=None, repr=False)

    def country_entity(self, iso3: str | None) -> str | None:
        """The entity id of a country given its alpha-3 code."""
        return self.country_ids.get(iso3 or "")

    def holder(self, country: str | None, role: str | None, day: dt.date | None) -> str | None:
        """The person holding `role` ("leader" = the head) of `country` on `day`."""
        role_key = (role or "leader").lower()
        for office in self.offices:
            if country and office.country != country:
                continue
            matches_role = (office.head if role_key in {"leader", "head of state"}
                            else office.role.lower() == role_key
                            or office.role.lower().endswith(" " + role_key))
            if matches_role and office.held_on(day):
                return office.holder
        return None

    def surface_countries(self) -> list[str]:
        """Surface forms (names and aliases) that name a country."""
        return [form for form, entity_id in self.surface.items()
                if self.entities[entity_id].type == EntityType.COUNTRY]

    def offices_of(self, person: str) -> list[Office]:
        """All offices a person held."""
        return [o for o in self.offices if o.holder == person]

    @property
    def pattern(self) -> re.Pattern[str]:
        """One regex matching every known surface form, longest first (built once)."""
        key = len(self.surface)
        if self._pattern is None or self._pattern[0] != key:
            forms = tuple(sorted(self.surface, key=len, reverse=True))
            self._pattern = (key, _surface_pattern(forms))
        return self._pattern[1]


@lru_cache(maxsize=4)
def _surface_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    # Words may be separated by editorial brackets inside quotes: "(US President Donald) Trump".
    names = alternation((" ".join(form.split()) for form in forms), space=r"[\s()\[\]]+")
    return re.compile(r"(?<![\w.-])" + names + r"(?![\w-]|\.\w)")


def _date(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _add(gaz: Gazetteer, entity: Entity, extra_forms: list[str]) -> None:
    if entity.id in gaz.entities:
        known = gaz.entities[entity.id]
        known.aliases.extend(a for a in entity.aliases if a not in known.aliases)
    else:
        gaz.entities[entity.id] = entity
    for form in [entity.name, *entity.aliases, *extra_forms]:
        gaz.surface.setdefault(form, entity.id)


def _load_countries(gaz: Gazetteer, countries: dict) -> None:
    for iso3, spec in (countries or {}).items():
        entity_id = slugify(spec["name"])
        gaz.country_ids[iso3] = entity_id
        entity = Entity(id=entity_id, name=spec["name"], type=EntityType.COUNTRY,
                        aliases=list(spec.get("aliases", [])), country=iso3,
                        wikidata=spec.get("wikidata"))
        _add(gaz, entity, [])
        for demonym in spec.get("demonyms", []):
            gaz.demonyms.setdefault(demonym, entity_id)
        for capital in spec.get("capitals", []):
            gaz.capitals.setdefault(capital, entity_id)


def _load_actors(gaz: Gazetteer, actors: list) -> None:
    for spec in actors or []:
        spec = dict(spec)
        offices = spec.pop("offices", [])
        entity = Entity(id=spec.get("id") or slugify(spec["name"]), name=spec["name"],
                        type=EntityType(spec["type"]), aliases=list(spec.get("aliases", [])),
                        country=spec.get("country"), wikidata=spec.get("wikidata"),
                        roles=list(spec.get("roles", [])))
        _add(gaz, entity, [])
        for office in offices:
            gaz.offices.append(Office(holder=entity.id, role=office["role"],
                                      country=office.get("country"),
                                      start=_date(office.get("start")),
                                      end=_date(office.get("end")),
                                      head=bool(office.get("head")), body=office.get("body")))


def build_gazetteer(*documents: dict) -> Gazetteer:
    """A gazetteer from parsed YAML documents (later documents extend earlier ones)."""
    gaz = Gazetteer()
    for document in documents:
        _load_countries(gaz, document.get("countries") or {})
    for document in documents:
        _load_actors(gaz, document.get("actors") or [])
    # Countries' demonyms can also name the country as an actor ("Americans").
    return gaz


def _parse(path: Path) -> dict:
    """YAML with libyaml's C loader when available (six times faster on the gazetteer)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


@lru_cache(maxsize=8)
def load_gazetteer(extra_file: str | None = None) -> Gazetteer:
    """The built-in gazetteer plus `extra_file` or `$GEOKG_GAZETTEER` if given."""
    documents = [_parse(DEFAULT_FILE)]
    extra_file = extra_file or os.environ.get("GEOKG_GAZETTEER")
    if extra_file:
        documents.append(_parse(Path(extra_file)) or {})
    return build_gazetteer(*documents)
