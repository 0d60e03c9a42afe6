"""The in-memory graph: a networkx MultiDiGraph built from entities and relations."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from geokg.graph.model import Article, Entity, GraphFragment, Relation


def to_networkx(
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    articles: Iterable[Article] = (),
) -> nx.MultiDiGraph:
    """Build a MultiDiGraph: nodes keyed by entity id, one edge per relation (keyed by its
    identity), node and edge attributes as the model's Python values (lists, dicts).

    `graph.graph["articles"]` maps article id to its public fields.
    """
    graph = nx.MultiDiGraph()
    graph.graph["articles"] = {a.id: a.public() for a in articles}
    for entity in entities:
        graph.add_node(entity.id, **entity.model_dump(mode="json"))
    for relation in relations:
        data = relation.model_dump(mode="json")
        data["evidence"] = [e.model_dump(mode="json") for e in relation.evidence]
        key = f"{relation.type}|{relation.date or ''}"
        graph.add_edge(relation.source, relation.target, key=key, **data)
    return graph


def fragment_to_networkx(fragment: GraphFragment) -> nx.MultiDiGraph:
    """The networkx view of one extracted fragment."""
    return to_networkx(fragment.entities, fragment.relations, fragment.articles)
