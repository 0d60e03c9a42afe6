"""Values shared by the Cypher back ends (kglite and Neo4j), in both directions.

- `entity_props`, `article_props`, `relation_props`, `mention_pairs`: the property maps a store
  writes (the graph shape documented in `geokg.graph.cypher_engine`). Both engines load them
  with `SET n = row` / `SET r = row.props`, so a None value means "no such property".
  `entity_from_props` reads an entity back; `evidence_lists` and `evidence_from_lists` turn
  evidence into a relationship's parallel lists and back.
- `plain` (from `geokg.graph.plain`): turns a result value of either engine into plain Python
  (JSON-ready) values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from geokg.graph.model import (
    Article,
    Entity,
    Evidence,
    GraphFragment,
    Relation,
    citation,
    date_bounds,
)
from geokg.graph.plain import plain as plain  # re-exported (its home, without the model)

# A relationship's evidence as parallel lists of scalars, one element per evidence item, all
# in the same order (plain Cypher reads item i as `r.sentences[i]`, `r.articles[i]`, ...; no
# JSON, no APOC). A list property cannot hold null: a missing URL, publication date or reported
# date is ''.
EVIDENCE_LISTS = ("sentences", "articles", "article_ids", "urls", "published", "rules",
                  "starts", "ends", "dates")

Cited = tuple[str, str, str]  # (name it is cited by, url or '', published ISO date or '')


def cited(article: Article | Mapping[str, Any] | None, article_id: str) -> Cited:
    """How an evidence item shows its article: (`Article.cited_as`, url, published); an
    article the store does not know is cited by its id."""
    if article is None:
        return article_id, "", ""
    if isinstance(article, Article):
        published = article.published.isoformat() if article.published else ""
        return article.cited_as, article.url or "", published
    published = article.get("published")
    return (citation(article_id, article.get("title"), article.get("url"),
                     article.get("source")),
            article.get("url") or "", str(published) if published else "")


def evidence_lists(items: Iterable[Evidence], date: str | None,
                   cite: Callable[[str], Cited]) -> dict[str, list[Any]]:
    """The `EVIDENCE_LISTS` of evidence `items` of an edge dated `date`: `cite(article id)`
    names each item's article; `dates` holds the date each item reported (the edge's unless
    the item has its own)."""
    lists: dict[str, list[Any]] = {name: [] for name in EVIDENCE_LISTS}
    for item in items:
        name, url, published = cite(item.article)
        lists["sentences"].append(item.sentence)
        lists["articles"].append(name)
        lists["article_ids"].append(item.article)
        lists["urls"].append(url)
        lists["published"].append(published)
        lists["rules"].append(item.rule)
        lists["starts"].append(item.start)
        lists["ends"].append(item.end)
        lists["dates"].append(item.date or date or "")
    return lists


def evidence_column(props: Mapping[str, Any], name: str) -> list[Any]:
    """One of a relationship's `EVIDENCE_LISTS`; an absent one (a neo4j-admin import leaves
    out an array whose only element is '') as '' for each item."""
    values = props.get(name)
    if values is None:
        return [""] * len(props.get("sentences") or [])
    return list(values)


def evidence_from_lists(props: Mapping[str, Any], date: str | None) -> list[dict[str, Any]]:
    """The evidence items (as `Evidence` fields) of a relationship's properties: its
    `EVIDENCE_LISTS`, or the JSON strings of `evidence` that stores before them wrote. An
    item's date is kept only where it differs from the edge's `date`."""
    if "sentences" not in props and props.get("evidence"):
        return [json.loads(text) for text in props["evidence"]]
    columns = [evidence_column(props, name) for name in
               ("article_ids", "sentences", "starts", "ends", "rules", "dates")]
    return [{"article": article, "sentence": sentence, "start": start, "end": end,
             "rule": rule, "date": reported if reported and reported != date else None}
            for article, sentence, start, end, rule, reported in zip(*columns, strict=True)]


def entity_props(entity: Entity) -> dict[str, Any]:
    """Properties of an (:Entity:<Type>) node."""
    return {"id": entity.id, "name": entity.name, "type": entity.type.value,
            "aliases": list(entity.aliases), "country": entity.country,
            "wikidata": entity.wikidata, "roles": list(entity.roles)}


def entity_from_props(props: Mapping[str, Any]) -> Entity:
    """The entity whose `entity_props` these are (lists may be absent or None)."""
    return Entity(id=props["id"], name=props["name"], type=props["type"],
                  aliases=list(props.get("aliases") or []), country=props.get("country"),
                  wikidata=props.get("wikidata"), roles=list(props.get("roles") or []))


def article_props(article: Article) -> dict[str, Any]:
    """Properties of an (:Article) node (no text; `published` as an ISO date string)."""
    return {"id": article.id, "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source}


def relation_props(relation: Relation,
                   articles: Mapping[str, Article | Mapping[str, Any]] | None = None
                   ) -> dict[str, Any]:
    """Properties of a relationship: scalars and lists of scalars only, the evidence as the
    parallel `EVIDENCE_LISTS` (`articles`: the stored articles by id, which name the cited
    ones; an article not in it is cited by its id)."""
    start, end = date_bounds(relation.date) if relation.date else (None, None)
    known = articles or {}
    return {"type": relation.type, "category": relation.category, "date": relation.date,
            "date_start": start, "date_end": end, "status": relation.status.value,
            "confidence": relation.confidence,
            "properties": json.dumps(relation.properties, ensure_ascii=False, sort_keys=True),
            **evidence_lists(relation.evidence, relation.date,
                             lambda article_id: cited(known.get(article_id), article_id))}


def mention_pairs(fragment: GraphFragment) -> list[tuple[str, str]]:
    """(article id, entity id) for every MENTIONS edge: an article mentions the endpoints of
    each relation its evidence supports (articles absent from the fragment are skipped)."""
    articles = {a.id for a in fragment.articles}
    pairs = {(e.article, end) for r in fragment.relations for e in r.evidence
             if e.article in articles for end in (r.source, r.target)}
    return sorted(pairs)
