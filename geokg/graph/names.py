"""Names a user types for a selection: actors (id, name or alias) and relation types, checked
against a graph with did-you-mean suggestions."""

from __future__ import annotations

import difflib

import networkx as nx

from geokg.graph.errors import UsageError
from geokg.graph.vocabulary import load_vocabulary


def resolve_actor(graph: nx.MultiDiGraph, actor: str) -> str:
    """The node id an id, name or alias names (case-insensitive); UsageError otherwise."""
    if actor in graph:
        return actor
    wanted = actor.strip().casefold()
    names: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        for name in [str(node), data.get("name") or "", *(data.get("aliases") or [])]:
            if name:
                names.setdefault(name.casefold(), set()).add(node)
    found = names.get(wanted, set())
    if len(found) == 1:
        return next(iter(found))
    if found:
        raise UsageError(f"actor {actor!r} is ambiguous: {', '.join(sorted(found))}; "
                         "give an id")
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    hint = ("; did you mean: " + ", ".join(sorted({graph.nodes[n].get("name") or n
                                                   for c in close for n in names[c]})) + "?"
            if close else "")
    raise UsageError(f"unknown actor {actor!r}{hint}")


def check_types(graph: nx.MultiDiGraph, types: list[str]) -> None:
    """UsageError, with a did-you-mean, for a relation type neither the vocabulary nor the
    graph knows."""
    known = set(load_vocabulary().actions) | {d.get("type") for *_, d in graph.edges(data=True)}
    for name in types:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(k for k in known if k), n=3)
            hint = f"; did you mean: {', '.join(close)}?" if close else ""
            raise UsageError(f"unknown relation type {name!r}{hint}")
