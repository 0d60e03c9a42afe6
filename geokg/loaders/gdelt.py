"""GDELT 2.0 event exports (`*.export.CSV`, plain or zipped): header-less, tab-separated, 61
columns, one CAMEO-coded event per line ("Actor1 did EventCode to Actor2").

Each event with two actors and a CAMEO code that `cameo.yaml` maps to a relationship type
becomes one relation, ready to store (no text extraction): type and PLOVER category from the
table, the day from SQLDATE, `properties` {cameo, goldstein}, and one evidence item naming the
article (id = sha1 of SOURCEURL, 16 hex, as `readers.article_id`), a one-line description of
the coded event as `sentence`, start = end = 0 (there is no text) and rule `gdelt:cameo:<code>`.
Actors become entities: the country (from the gazetteer) when the actor is the country or its
government named as the country, a known gazetteer actor by name, the office holder for a
role such as PRESIDENT, "<demonym> <role>" for other roles ("Colombian police"), else a typed
entity with a slug id. Events without both actors, with a code that maps to no type, or whose
two actors are one entity are skipped: each is listed in the fragment's `unresolved`, and a
warning per file counts them.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from geokg.extract.gazetteer import Gazetteer, load_gazetteer, slugify
from geokg.graph.errors import LoadError
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
from geokg.graph.vocabulary import PLOVER_CATEGORIES, load_vocabulary
from geokg.loaders.fetch import is_url
from geokg.loaders.items import Coded, LoadItem, LoadWarning, ReadIssue
from geokg.loaders.payload import Payload
from geokg.loaders.readers import article_id, max_file_bytes

CAMEO_FILE = Path(__file__).with_name("cameo.yaml")
SUFFIXES = (".export.csv", ".export.csv.zip")
CONFIDENCE = 0.5  # machine-coded events: below the extractor's default of 0.8
BATCH = 500  # events per yielded fragment (the stores still write one article at a time)
COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
_INDEX = {name: n for n, name in enumerate(COLUMNS)}
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "las",
                "los", "el", "al", "y", "da", "do", "dos", "du", "van", "von", "der", "bin"}


# -- the CAMEO table ----------------------------------------------------------------------


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its name, relationship type and PLOVER category (type None:
    not imported)."""

    code: str
    name: str
    type: str | None
    plover: str | None


@dataclass(frozen=True)
class CameoTable:
    """`cameo.yaml`, resolved: every code with inherited type and category, actor types,
    country code fixes, regions and the word lists for role and person guesses."""

    codes: dict[str, CameoCode]
    actor_types: dict[str, EntityType]
    country_codes: dict[str, str]
    regions: dict[str, tuple[str, str | None]]
    role_words: frozenset[str]
    organization_words: frozenset[str]

    def lookup(self, code: str) -> CameoCode | None:
        """The entry of a code, else of its base (3-digit) code, else of its root."""
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                found = self.codes[key]
                return found if key == code else CameoCode(code, found.name, found.type,
                                                           found.plover)
        return None


def _entry(value: object) -> dict:
    return {"name": value} if isinstance(value, str) else dict(value or {})


@lru_cache(maxsize=4)
def load_cameo(path: str | None = None) -> CameoTable:
    """The CAMEO table (validated: types in the vocabulary, categories PLOVER)."""
    data = yaml.safe_load(Path(path or CAMEO_FILE).read_text(encoding="utf-8"))
    vocabulary = load_vocabulary()
    codes: dict[str, CameoCode] = {}
    for root, spec in (data.get("events") or {}).items():
        root = str(root)
        if len(root) != 2 or not root.isdigit():
            raise ValueError(f"cameo.yaml: root code {root!r} is not two digits")
        codes[root] = CameoCode(root, spec["name"], spec.get("type"), spec.get("plover"))
        for code, value in sorted((spec.get("codes") or {}).items(), key=lambda i: len(i[0])):
            code = str(code)
            if not code.startswith(root) or len(code) not in (3, 4) or not code.isdigit():
                raise ValueError(f"cameo.yaml: code {code!r} does not belong to root {root}")
            entry = _entry(value)
            if set(entry) - {"name", "type", "plover"} or not entry.get("name"):
                raise ValueError(f"cameo.yaml: code {code}: want a name or {{name, type, "
                                 f"plover}}, got {value!r} (quote names with commas)")
            parent = codes.get(code[:3]) if len(code) == 4 else codes[root]
            parent = parent or codes[root]
            codes[code] = CameoCode(code, entry.get("name") or parent.name,
                                    entry.get("type", parent.type),
                                    entry.get("plover", parent.plover))
    for item in codes.values():
        if item.type is not None:
            vocabulary.checked_type(item.type)
            if item.plover not in PLOVER_CATEGORIES:
                raise ValueError(f"cameo.yaml: {item.code}: {item.plover!r} is not a PLOVER "
                                 "category")
    actor_types = {code: EntityType(kind)
                   for kind, listed in (data.get("actor_types") or {}).items()
                   for code in listed}
    regions = {code: (spec["name"], spec.get("country"))
               for code, spec in (data.get("regions") or {}).items()}
    return CameoTable(codes=codes, actor_types=actor_types,
                      country_codes=dict(data.get("country_codes") or {}), regions=regions,
                      role_words=frozenset(w.lower() for w in data.get("role_words") or []),
                      organization_words=frozenset(
                          w.lower() for w in data.get("organization_words") or []))


# -- actors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """The CAMEO fields of one actor of an event."""

    code: str
    name: str
    country: str
    group: str
    type1: str

    @property
    def missing(self) -> bool:
        return not self.code and not self.name

    def label(self) -> str:
        return f"{self.name or self.code} [{self.code}]" if self.code else self.name


def _title(name: str) -> str:
    """GDELT's upper-case names in title case; a short single word stays upper case."""
    words = name.split()
    if len(words) == 1 and len(name) <= 4:
        return name.upper()
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in _SMALL_WORDS:
            out.append(lower)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


class ActorResolver:
    """Turns GDELT actors into entities, reusing the gazetteer's countries and actors."""

    def __init__(self, table: CameoTable, gazetteer: Gazetteer) -> None:
        self.table, self.gaz = table, gazetteer
        self.surface = {}
        for form, entity_id in gazetteer.surface.items():
            self.surface.setdefault(form.casefold(), entity_id)
        self.country_forms: dict[str, set[str]] = {}
        for entity_id in set(gazetteer.country_ids.values()):
            entity = gazetteer.entities[entity_id]
            self.country_forms[entity_id] = {f.casefold() for f in [entity.name,
                                                                    *entity.aliases]}
        for capital, entity_id in gazetteer.capitals.items():
            self.country_forms.setdefault(entity_id, set()).add(capital.casefold())
        self._memo: dict[tuple[Actor, dt.date | None], Entity | None] = {}
        self.demonym: dict[str, str] = {}
        for demonym, entity_id in gazetteer.demonyms.items():
            self.demonym.setdefault(entity_id, demonym)

    def _known(self, entity_id: str) -> Entity:
        return self.gaz.entities[entity_id].model_copy(deep=True)

    def resolve(self, actor: Actor, day: dt.date | None) -> Entity | None:
        """The entity for an actor, or None when the event names none (memoized: the same
        actors come back on every line; treat the entity as read-only)."""
        key = (actor, day)
        if key not in self._memo:
            self._memo[key] = self._resolve(actor, day)
        return self._memo[key]

    def _resolve(self, actor: Actor, day: dt.date | None) -> Entity | None:
        if actor.missing:
            return None
        name = " ".join(actor.name.split())
        folded = name.casefold()
        iso = self.table.country_codes.get(actor.country, actor.country) or None
        country_id = self.gaz.country_entity(iso)
        if country_id and actor.type1 in ("", "GOV") and (
                actor.code == actor.country or not name
                or folded in self.country_forms.get(country_id, ())):
            return self._known(country_id)
        known = self.surface.get(folded) if name else None
        if known:
            return self._known(known)
        region = self.table.regions.get(actor.country)
        if (not region and not country_id and name and actor.code == actor.country
                and len(actor.country) == 3):  # a country the gazetteer does not know
            return Entity(id=slugify(_title(name)), name=_title(name),
                          type=EntityType.COUNTRY, country=iso)
        if region:
            region_name, iso = region
            if not name or actor.code == actor.country or folded == region_name.casefold():
                return Entity(id=slugify(region_name), name=region_name,
                              type=EntityType.LOCATION, country=iso)
            country_id = self.gaz.country_entity(iso)
        words = folded.split() or [actor.type1.lower() or "actor"]
        kind = self.table.actor_types.get(actor.type1) or self.table.actor_types.get(
            actor.group)
        if not name or all(w in self.table.role_words for w in words):
            role = folded or actor.code.lower()
            if iso:
                holder = self.gaz.holder(iso, role, day)
                if holder:
                    return self._known(holder)
            demonym = self.demonym.get(country_id or "")
            if region and not country_id:
                demonym = region[0]
            label = f"{demonym} {role}" if demonym else role[:1].upper() + role[1:]
            return Entity(id=slugify(label), name=label,
                          type=kind or EntityType.ORGANIZATION, country=iso)
        display = _title(name)
        if not actor.group and self._person_like(words):
            kind = EntityType.PERSON
        return Entity(id=slugify(display), name=display, type=kind or EntityType.ORGANIZATION,
                      country=iso if country_id else None)

    def _person_like(self, words: list[str]) -> bool:
        """A two- or three-word name without organization or role words (a guess)."""
        return (2 <= len(words) <= 3 and all(w.replace("-", "").replace("'", "").isalpha()
                                             for w in words)
                and not any(w in self.table.organization_words or w in self.table.role_words
                            for w in words))


# -- the loader ---------------------------------------------------------------------------


def _zip_member_name(head: bytes) -> str:
    """The name of the first member of a zip archive, from its local file header."""
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        return ""
    length = int.from_bytes(head[26:28], "little")
    return head[30:30 + length].decode("utf-8", "replace")


def _looks_like_export(head: bytes) -> bool:
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    fields = line.split(b"\t")
    return (len(fields) == len(COLUMNS) and fields[0].isdigit() and len(fields[1]) == 8
            and fields[1].isdigit())


def _day(sqldate: str) -> str:
    if len(sqldate) != 8 or not sqldate.isdigit():
        raise ValueError(f"SQLDATE {sqldate!r} is not YYYYMMDD")
    try:
        return dt.date(int(sqldate[:4]), int(sqldate[4:6]), int(sqldate[6:])).isoformat()
    except ValueError:
        raise ValueError(f"SQLDATE {sqldate!r} is not a calendar day") from None


class GdeltLoader:
    """GDELT 2.0 event exports, plain (`.export.CSV`) or zipped (`.export.CSV.zip`)."""

    name = "gdelt"
    suffixes = SUFFIXES

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool:
        if file_name and file_name.lower().endswith(SUFFIXES):
            return True
        if head.startswith(b"PK\x03\x04"):
            return _zip_member_name(head).lower().endswith(".export.csv")
        return _looks_like_export(head)

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[LoadItem]:
        for name, content in self._members(payload):
            yield from self._events(name, content, payload)

    def _members(self, payload: Payload) -> Iterator[tuple[str, bytes]]:
        """(name, bytes) of the export: the file itself, or each member of a zip."""
        if not payload.data.startswith(b"PK\x03\x04"):
            yield payload.name, payload.data
            return
        limit = payload.max_bytes if payload.max_bytes is not None else max_file_bytes()
        try:
            archive = zipfile.ZipFile(io.BytesIO(payload.data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError):
            raise LoadError(payload.name, "not a valid zip archive") from None
        if not members:
            raise LoadError(payload.name, "empty zip archive")
        for member in members:
            where = f"{payload.name}:{member.filename}"
            if member.file_size > limit:
                raise LoadError(where, f"unpacks to {member.file_size} bytes, over the limit "
                                       f"of {limit} (use --max-bytes or GEOKG_MAX_FILE_BYTES)")
            try:
                with archive.open(member) as handle:
                    content = handle.read(limit + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError) as exc:
                detail = (str(exc).splitlines() or [type(exc).__name__])[0]
                raise LoadError(where, f"cannot unpack ({detail})") from None
            if len(content) > limit:
                raise LoadError(where, f"unpacks to over the limit of {limit} bytes")
            yield where, content

    def _events(self, name: str, content: bytes, payload: Payload) -> Iterator[LoadItem]:
        table = load_cameo()
        resolver = ActorResolver(table, load_gazetteer())
        source = payload.file_name or payload.name
        lines = content.decode("utf-8", "replace").split("\n")
        first = next((line for line in lines if line.strip()), "")
        if not first:
            raise LoadError(name, "empty GDELT export")
        columns = len(first.rstrip("\r").split("\t"))
        if columns != len(COLUMNS):
            raise LoadError(name, f"not a GDELT 2.0 event export: {columns} tab-separated "
                                  f"columns, want {len(COLUMNS)}")
        batch = _Batch()
        skipped = {"actor": 0, "code": 0, "same": 0}
        total = 0
        for number, line in enumerate(lines, start=1):
            line = line.rstrip("\r")
            if not line.strip():
                continue
            total += 1
            fields = line.split("\t")
            if len(fields) != len(COLUMNS):
                yield ReadIssue(LoadError(name, f"{len(fields)} tab-separated columns, want "
                                                f"{len(COLUMNS)}", line=number))
                continue
            try:
                reason = self._event(fields, resolver, table, batch, source)
            except ValueError as exc:
                yield ReadIssue(LoadError(name, str(exc).splitlines()[0], line=number))
                continue
            if reason:
                skipped[reason] += 1
            if batch.events >= BATCH:
                yield Coded(batch.fragment())
                batch = _Batch()
        if batch.events:
            yield Coded(batch.fragment())
        count = sum(skipped.values())
        if count:
            parts = [f"{skipped['actor']} without two actors" if skipped["actor"] else "",
                     f"{skipped['code']} with a CAMEO code that maps to no relationship type"
                     if skipped["code"] else "",
                     f"{skipped['same']} whose two actors are one entity"
                     if skipped["same"] else ""]
            yield LoadWarning(f"{name}: {count} of {total} GDELT event(s) skipped: "
                              + ", ".join(p for p in parts if p))

    def _event(self, fields: list[str], resolver: ActorResolver, table: CameoTable,
               batch: _Batch, source: str) -> str | None:
        """Add one event to the batch; the reason it was skipped, or None."""
        get = [f.strip() for f in fields]
        event_id = get[_INDEX["GLOBALEVENTID"]]
        day = _day(get[_INDEX["SQLDATE"]])
        code = get[_INDEX["EventCode"]]
        url = get[_INDEX["SOURCEURL"]]
        goldstein_raw = get[_INDEX["GoldsteinScale"]]
        try:
            goldstein = float(goldstein_raw) if goldstein_raw else None
        except ValueError:
            raise ValueError(f"GoldsteinScale {goldstein_raw!r} is not a number") from None
        actors = [Actor(*(get[_INDEX[f"Actor{n}{field}"]] for field in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "Type1Code"))) for n in (1, 2)]
        article = article_id(url or None, f"GDELT event {event_id}")
        cameo = table.lookup(code) if code.isdigit() else None
        what = cameo.name if cameo else "unknown code"
        sentence = (f"GDELT event {event_id} ({day}): {actors[0].label() or '?'} | {what} "
                    f"(CAMEO {code or '?'}"
                    f"{f', Goldstein {goldstein:g}' if goldstein is not None else ''}) | "
                    f"{actors[1].label() or '?'}")
        batch.events += 1
        if cameo is None or cameo.type is None:
            batch.skip(article, sentence, f"CAMEO {code or '(none)'} ({what}) maps to no "
                                          "relationship type")
            return "code"
        when = dt.date.fromisoformat(day)
        ends = [resolver.resolve(actor, when) for actor in actors]
        if ends[0] is None or ends[1] is None:
            missing = " and ".join(f"Actor{n}" for n, end in ((1, ends[0]), (2, ends[1]))
                                   if end is None)
            batch.skip(article, sentence, f"no {missing}")
            return "actor"
        if ends[0].id == ends[1].id:
            batch.skip(article, sentence, f"both actors are {ends[0].id}")
            return "same"
        properties: dict[str, object] = {"cameo": code}
        if goldstein is not None:
            properties["goldstein"] = goldstein
        relation = Relation(
            source=ends[0].id, target=ends[1].id, type=cameo.type, category=cameo.plover,
            date=day, status=Status.ASSERTED, properties=properties, confidence=CONFIDENCE,
            evidence=[Evidence(article=article, sentence=sentence, start=0, end=0,
                               rule=f"gdelt:cameo:{code}")])
        batch.add(Article(id=article, url=url if is_url(url) else None, source=source),
                  ends, relation)
        return None


class _Batch:
    """Events gathered into one fragment (entities, relations and articles deduplicated)."""

    def __init__(self) -> None:
        self.events = 0
        self.articles: dict[str, Article] = {}
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple, Relation] = {}
        self.unresolved: list[Unresolved] = []

    def skip(self, article: str, text: str, reason: str) -> None:
        self.unresolved.append(Unresolved(article=article, text=text, reason=reason))

    def add(self, article: Article, ends: list[Entity], relation: Relation) -> None:
        self.articles.setdefault(article.id, article)
        for entity in ends:
            self.entities.setdefault(entity.id, entity)
        known = self.relations.get(relation.key)
        if known is None:
            self.relations[relation.key] = relation
        else:
            known.add_evidence(relation.evidence)

    def fragment(self) -> GraphFragment:
        return GraphFragment(articles=list(self.articles.values()),
                             entities=list(self.entities.values()),
                             relations=list(self.relations.values()),
                             unresolved=self.unresolved)
