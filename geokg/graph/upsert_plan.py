"""How a fragment is written, shared by both stores: one batch (transaction) per article.

Each batch holds the article, the relations carrying that article's evidence (only that
evidence), and the entities those relations touch. Entities no relation uses go with the first
batch, relations without evidence in a last one. Edges merge by identity, evidence by
(article, start, end, rule), exactly as `Relation.add_evidence` does.
"""

from __future__ import annotations

from dataclasses import dataclass

from geokg.graph.model import Article, Entity, GraphFragment, Relation


@dataclass
class ArticleBatch:
    """What one write transaction stores."""

    article_id: str | None
    article: Article | None
    entities: list[Entity]
    relations: list[Relation]


def relation_groups(fragment: GraphFragment) -> list[tuple[str | None, list[Relation]]]:
    """Split the relations by the article of their evidence: (article id, relations carrying
    only that article's evidence), articles of the fragment first, then other cited
    articles; relations without evidence go in a last group with article None."""
    order = [a.id for a in fragment.articles]
    by_article: dict[str, list[Relation]] = {a: [] for a in order}
    unsourced: list[Relation] = []
    for relation in fragment.relations:
        if not relation.evidence:
            unsourced.append(relation)
        for article_id in dict.fromkeys(e.article for e in relation.evidence):
            part = relation.model_copy(update={"evidence": [
                e for e in relation.evidence if e.article == article_id]})
            by_article.setdefault(article_id, []).append(part)
    groups: list[tuple[str | None, list[Relation]]] = list(by_article.items())
    if unsourced or not groups:
        groups.append((None, unsourced))
    return groups


def plan_upsert(fragment: GraphFragment) -> list[ArticleBatch]:
    """The batches to write, in order, each with the entities (in fragment order) it needs."""
    groups = relation_groups(fragment)
    articles = {a.id: a for a in fragment.articles}
    by_id: dict[str, list[Entity]] = {}
    for entity in fragment.entities:
        by_id.setdefault(entity.id, []).append(entity)
    position = {entity_id: n for n, entity_id in enumerate(by_id)}
    attached = {end for _, rels in groups for r in rels for end in (r.source, r.target)}
    orphans = {i for i in by_id if i not in attached}
    batches = []
    for index, (article_id, relations) in enumerate(groups):
        ends = {end for r in relations for end in (r.source, r.target)} & by_id.keys()
        ids = sorted((ends | orphans) if index == 0 else ends, key=position.__getitem__)
        batches.append(ArticleBatch(article_id, articles.get(article_id),
                                    [e for i in ids for e in by_id[i]], relations))
    return batches
