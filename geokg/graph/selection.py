"""Select part of the graph: an actor's neighbourhood, a date window, action types.

`select(graph, Selection(...))` returns a filtered copy of a `to_networkx` graph. Edge filters
(since/until, types, category) keep the edges that match and drop the nodes left without an
edge; without edge filters every node passing the entity-type filter stays, isolated or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from geokg.graph.errors import UsageError
from geokg.graph.model import DatePrefix, EntityType, date_bounds
from geokg.graph.names import check_types as _check_types
from geokg.graph.names import resolve_actor
from geokg.graph.network import to_networkx
from geokg.graph.store import GraphStore
from geokg.graph.timetravel import Held, travel
from geokg.graph.vocabulary import PLOVER_CATEGORIES


class Selection(BaseModel):
    """What to keep. Empty fields do not filter."""

    model_config = ConfigDict(extra="forbid")

    actor: str | None = None
    """An entity id, name or alias (case-insensitive): keep its ego network."""
    hops: int = Field(default=1, ge=0)
    """Radius of the ego network, edges followed in either direction."""
    since: DatePrefix | None = None
    """Keep edges whose date period overlaps [since, until]; undated edges are dropped."""
    until: DatePrefix | None = None
    types: list[str] = Field(default_factory=list)
    category: str | None = None
    entity_types: list[EntityType] = Field(default_factory=list)
    """Keep only nodes of these types (the `actor` itself is always kept)."""
    as_of: DatePrefix | None = None
    """The graph as of this date: events begun by then, offices held then."""
    known_by: DatePrefix | None = None
    """Only evidence from articles published by this date; edges left without any go.
    Both apply to the stored graph before `select` (`geokg.graph.timetravel.travel`)."""

    @field_validator("types")
    @classmethod
    def _upper_types(cls, value: list[str]) -> list[str]:
        return [t.strip().upper() for t in value if t.strip()]

    @field_validator("category")
    @classmethod
    def _plover(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().upper()
        if value not in PLOVER_CATEGORIES:
            raise ValueError(f"unknown PLOVER category {value!r} "
                             f"(one of {', '.join(PLOVER_CATEGORIES)})")
        return value

    @property
    def filters_edges(self) -> bool:
        """True when some filter applies to edges (then isolated nodes are dropped)."""
        return bool(self.since or self.until or self.types or self.category)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.filters_edges or self.actor or self.entity_types)


def _in_window(date: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    if not date:
        return False
    start, end = date_bounds(date)
    return (until is None or start <= until) and (since is None or end >= since)


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """A filtered copy of `graph` (attributes copied; `graph["articles"]` keeps the articles
    cited by the evidence of the kept edges, or all of them when nothing is filtered)."""
    if selection.is_empty:
        return graph.copy()
    center = resolve_actor(graph, selection.actor) if selection.actor else None
    _check_types(graph, selection.types)
    since = date_bounds(selection.since)[0] if selection.since else None
    until = date_bounds(selection.until)[1] if selection.until else None
    kinds = {t.value for t in selection.entity_types}
    nodes = {n for n, d in graph.nodes(data=True) if not kinds or d.get("type") in kinds}
    if center is not None:
        nodes.add(center)

    result = nx.MultiDiGraph()
    result.graph.update({k: v for k, v in graph.graph.items() if k != "articles"})
    result.add_nodes_from((n, dict(graph.nodes[n])) for n in nodes)
    result.add_edges_from(
        (u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)
        if u in nodes and v in nodes
        and (not selection.types or d.get("type") in selection.types)
        and (not selection.category or d.get("category") == selection.category)
        and _in_window(d.get("date"), since, until))
    if center is not None:
        reach = nx.single_source_shortest_path_length(
            result.to_undirected(as_view=True), center, cutoff=selection.hops)
        result.remove_nodes_from([n for n in list(result) if n not in reach])
    if selection.filters_edges:
        result.remove_nodes_from(list(nx.isolates(result)))

    articles = graph.graph.get("articles", {})
    cited = {e.get("article") for *_, d in result.edges(data=True) for e in d.get("evidence", [])}
    result.graph["articles"] = {a: dict(v) for a, v in articles.items() if a in cited}
    return result


def selection_of(types: str | None = None, **options: Any) -> Selection:
    """A Selection from command-line values (`types` comma-separated); UsageError naming the
    option (`--as-of` for `as_of`) whose value is wrong."""
    try:
        return Selection(types=[t.strip() for t in types.split(",")] if types else [],
                         **options)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "selection"
        raise UsageError(f"--{field.replace('_', '-')}: "
                         + error["msg"].removeprefix("Value error, ")) from None


def select_stored(store: GraphStore, selection: Selection,
                  held: Held | None = None) -> nx.MultiDiGraph:
    """The selected part of a store's whole graph (`select` of its `to_networkx` graph), as
    of `selection.as_of` and known by `selection.known_by` (`timetravel.travel`; `held`
    says whether a standing tie held on a day, e.g. `geokg.offices.gazetteer_offices()`)."""
    fragment = travel(store.load(), selection.as_of, selection.known_by, held)
    return select(to_networkx(fragment.entities, fragment.relations, fragment.articles),
                  selection)


@contextmanager
def selected(store: GraphStore, selection: Selection, held: Held | None = None
             ) -> Iterator[Any]:
    """The selection of `store` as a graph to read once or a few times: from an embedded
    store without time travel a `StreamedGraph` read in bounded batches
    (`geokg.graph.streamed`), else the networkx graph of `select_stored`."""
    from geokg.graph.streamed import can_stream, streamed

    if can_stream(store, selection):
        with streamed(store, selection) as graph:
            yield graph
    else:
        yield select_stored(store, selection, held)


def materialized(graph: Any) -> nx.MultiDiGraph:
    """A networkx graph of what `selected` gave (itself if it is one already), for the
    writers that need the whole graph at once."""
    if isinstance(graph, nx.Graph):
        return graph
    result = nx.MultiDiGraph()
    result.graph["articles"] = graph.articles()
    result.add_nodes_from(graph.nodes(data=True))
    result.add_edges_from(graph.edges(keys=True, data=True))
    return result
