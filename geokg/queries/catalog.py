"""The canned queries: one `.cypher` file each, described by its header comments.

Header lines (before the first line of Cypher):

    // name: actor_timeline
    // description: Every dated event an actor took part in, oldest first.
    // param actor: string = "Gustavo Petro"  -- name, alias or id of the actor
    // param limit: int? = 10 in 1..  -- `?` marks an optional parameter; the value is its default
    // param hops: int? = 2 in 1..2  -- `in LOW..HIGH` bounds a number (either end may be left out)
    // param order: string? = "asc" in asc|desc  -- `in A|B|C` lists the allowed values

Types: string, int, float, date (YYYY-MM-DD, passed as a string for Cypher's `date()`),
actor (a string naming an entity by id, name or alias) and action (a relationship type,
any case). `bind` checks types, ranges and allowed values; `check_names` checks that the
actors and actions exist (in the store, the vocabulary), as `geokg query` does before it
runs a query. Other `//` lines are notes. The whole file is the query: it runs unchanged
in Neo4j Browser, on the Neo4j store and on the embedded store.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from geokg.graph.errors import QueryError
from geokg.graph.readonly import strip_cypher

TYPES = ("string", "int", "float", "date", "actor", "action")
_PARAM = re.compile(
    r"^param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)(?P<optional>\?)?\s*=\s*"
    r"(?P<example>\"(?:[^\"\\]|\\.)*\"|\S+)(?:\s+in\s+(?P<allowed>\S+))?\s*"
    r"(?:--\s*(?P<description>.*))?$")
_RANGE = re.compile(r"^(?P<low>-?\d+(?:\.\d+)?)?\.\.(?P<high>-?\d+(?:\.\d+)?)?$")
_USED = re.compile(r"\$([A-Za-z_]\w*)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_KINDS = {"string": "a string", "int": "an integer", "float": "a number",
          "date": "a date (YYYY-MM-DD)", "actor": "an actor's name, alias or id",
          "action": "a relationship type"}
_FIND_ACTOR = ("MATCH (a:Entity) WHERE a.id = $actor OR toLower(a.name) = toLower($actor) "
               "OR $actor IN a.aliases RETURN a.id AS id LIMIT 1")
_NAMES_LIKE = ("MATCH (a:Entity) UNWIND [a.name] + coalesce(a.aliases, []) AS name "
               "WITH name WHERE toLower(name) STARTS WITH $start "
               "RETURN DISTINCT name ORDER BY name LIMIT 5000")


@dataclass(frozen=True)
class QueryParam:
    """One typed parameter; `example` is its value as typed on the command line."""

    name: str
    type: str
    description: str
    example: str
    required: bool = True
    allowed: str | None = None
    """`LOW..HIGH` for a number, `A|B|C` for the allowed values, or None."""

    def shown(self) -> str:
        """The type as `geokg query list` shows it: `int, 1..2`."""
        return f"{self.type}, {self.allowed}" if self.allowed else self.type


@dataclass(frozen=True)
class CannedQuery:
    """A named, described, parameterized Cypher query."""

    name: str
    description: str
    params: list[QueryParam] = field(default_factory=list)
    cypher: str = ""

    def describe(self) -> dict:
        """The query as `geokg query list --format json` shows it."""
        return {"name": self.name, "description": self.description,
                "params": [{"name": p.name, "type": p.type, "description": p.description,
                            "example": p.example} for p in self.params]}


def parse_query(text: str, source: str = "<query>") -> CannedQuery:
    """Parse one `.cypher` file; ValueError names the file and the problem."""
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        if body.startswith("param ") or body.startswith("param\t"):
            params.append(_parse_param(body, source))
        elif ":" in body and body.split(":", 1)[0] in ("name", "description"):
            key, value = body.split(":", 1)
            meta[key] = value.strip()
    for key in ("name", "description"):
        if not meta.get(key):
            raise ValueError(f"{source}: header has no '// {key}:' line")
    declared = {p.name for p in params}
    used = set(_USED.findall(strip_cypher(text)))
    if used != declared:
        raise ValueError(f"{source}: parameters used {sorted(used)} but declared "
                         f"{sorted(declared)}")
    return CannedQuery(name=meta["name"], description=meta["description"], params=params,
                       cypher=text)


def _parse_param(body: str, source: str) -> QueryParam:
    match = _PARAM.match(body)
    if not match:
        raise ValueError(f"{source}: bad parameter line {body!r} "
                         "(expected: param NAME: TYPE = EXAMPLE -- description)")
    if match["type"] not in TYPES:
        raise ValueError(f"{source}: parameter {match['name']} has unknown type "
                         f"{match['type']!r} (use {', '.join(TYPES)})")
    example = match["example"]
    if example.startswith('"'):
        example = json.loads(example)
    allowed = match["allowed"]
    if allowed and match["type"] in ("int", "float") and not _RANGE.match(allowed):
        raise ValueError(f"{source}: parameter {match['name']}: bad range {allowed!r} "
                         "(use LOW..HIGH, LOW.. or ..HIGH)")
    param = QueryParam(name=match["name"], type=match["type"],
                       description=(match["description"] or "").strip(), example=example,
                       required=not match["optional"], allowed=allowed)
    try:
        _convert(param, example)  # the example must be a valid value
    except QueryError as exc:
        raise ValueError(f"{source}: example of {exc}") from None
    return param


@lru_cache(maxsize=1)
def _load_all() -> dict[str, CannedQuery]:
    queries: dict[str, CannedQuery] = {}
    for item in sorted(resources.files("geokg.queries").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".cypher"):
            continue
        query = parse_query(item.read_text(encoding="utf-8"), item.name)
        if f"{query.name}.cypher" != item.name:
            raise ValueError(f"{item.name}: header name {query.name!r} differs from the file")
        queries[query.name] = query
    return queries


def list_queries() -> list[CannedQuery]:
    """All canned queries, sorted by name."""
    return list(_load_all().values())


def get_query(name: str) -> CannedQuery:
    """The canned query called `name`; QueryError lists the known names otherwise."""
    queries = _load_all()
    if name not in queries:
        raise QueryError(f"unknown query {name!r}{_did_you_mean(name, queries)} "
                         f"(known: {', '.join(queries)})")
    return queries[name]


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _convert(param: QueryParam, value: Any) -> Any:
    """A raw value (usually a string) as the parameter's type, checked against its range or
    allowed values; QueryError if it is not one."""
    converted = _typed(param, value)
    if param.allowed is None:
        return converted
    bounds = _RANGE.match(param.allowed) if param.type in ("int", "float") else None
    if bounds:
        low, high = (None if b is None else float(b) for b in bounds.group("low", "high"))
        if (low is not None and converted < low) or (high is not None and converted > high):
            raise QueryError(f"parameter {param.name} must be {_span(param, low, high)}, "
                             f"got {value!r}")
        return converted
    choices = param.allowed.split("|")
    if str(converted) not in choices:
        raise QueryError(f"parameter {param.name} must be one of {', '.join(choices)}, got "
                         f"{value!r}{_did_you_mean(str(converted), choices)}")
    return converted


def _span(param: QueryParam, low: float | None, high: float | None) -> str:
    def show(number: float) -> str:
        return str(int(number)) if param.type == "int" else f"{number:g}"
    if low is not None and high is not None:
        if param.type == "int" and high - low == 1:
            return f"{show(low)} or {show(high)}"
        return f"from {show(low)} to {show(high)}"
    return f"at least {show(low)}" if low is not None else f"at most {show(high or 0)}"


def _typed(param: QueryParam, value: Any) -> Any:
    """A raw value as the parameter's type; QueryError if it is not one."""
    try:
        if param.type in ("string", "actor"):
            return value if isinstance(value, str) else str(value)
        if param.type == "action":  # checked by name in `check_names`
            return str(value).strip()
        if param.type == "int" and not isinstance(value, bool | float):
            return value if isinstance(value, int) else int(str(value).strip())
        if param.type == "float" and not isinstance(value, bool):
            return float(value) if isinstance(value, int | float) else float(str(value).strip())
        if param.type == "date" and _DATE.match(str(value).strip()):
            return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        pass
    raise QueryError(f"parameter {param.name} must be {_KINDS[param.type]}, got {value!r}")


def bind(query: CannedQuery, raw: dict[str, Any]) -> dict[str, Any]:
    """Typed parameters for `query` from `k=v` values; QueryError (one line) for unknown,
    missing or ill-typed ones. Optional parameters default to their header value."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        hint = _did_you_mean(unknown[0], known) if len(unknown) == 1 else ""
        raise QueryError(f"query {query.name} has no parameter {', '.join(unknown)}{hint} "
                         f"(parameters: {', '.join(known) or 'none'})")
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in raw:
            bound[param.name] = _convert(param, raw[param.name])
        elif param.required:
            raise QueryError(f"query {query.name} needs parameter {param.name} "
                             f"({param.type}, e.g. {param.name}={param.example})")
        else:
            bound[param.name] = _convert(param, param.example)
    return bound


def check_names(store: Any, query: CannedQuery, bound: dict[str, Any]) -> None:
    """QueryError (a usage error) for an `actor` parameter that names no entity of `store`,
    or an `action` that is neither in the vocabulary nor in the store, with the close names
    as a did-you-mean; a query would otherwise answer with no rows."""
    for param in query.params:
        value = bound.get(param.name)
        if param.type == "actor" and not store.cypher(_FIND_ACTOR, {"actor": value}):
            start = value.strip()[:1].lower()
            names = [r["name"] for r in store.cypher(_NAMES_LIKE, {"start": start})] \
                if start else []
            close = difflib.get_close_matches(value.casefold(), [n.casefold() for n in names],
                                              n=3, cutoff=0.6)
            hint = [n for n in names if n.casefold() in close][:3]
            raise QueryError(f"unknown actor {value!r}" + (
                f"; did you mean {' or '.join(repr(n) for n in hint)}?" if hint else ""))
        if param.type == "action":
            _check_action(store, value)


def _check_action(store: Any, value: str) -> None:
    from geokg.graph.vocabulary import load_vocabulary

    known = set(load_vocabulary().actions)
    if value.upper() in known:
        return
    stored = {r["t"] for r in store.cypher(
        "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS t")}
    stored.discard("MENTIONS")
    if value.upper() not in stored:
        raise QueryError(f"unknown relation type {value!r}"
                         f"{_did_you_mean(value.upper(), sorted(known | stored))}")


def parse_assignments(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`["k=v", ...]` (as given to `--param`) to a dict; QueryError for an item without `=`."""
    raw: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"parameter {item!r} is not of the form name=value")
        raw[key.strip()] = value
    return raw


def bound_query(name: str, raw_params: dict[str, Any]) -> tuple[CannedQuery, dict[str, Any]]:
    """The canned query `name` and its typed parameters (QueryError if either is wrong)."""
    query = get_query(name)
    return query, bind(query, raw_params)


def run_query(store: Any, name: str, raw_params: dict[str, Any]) -> list[dict[str, Any]]:
    """Bind and run the canned query `name` on a GraphStore; rows as plain dicts."""
    query, params = bound_query(name, raw_params)
    return store.cypher(query.cypher, params)
