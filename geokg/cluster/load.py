"""Parquet tables into a graph: `geokg load DIR` (the store's batched upsert path, embedded or
Neo4j) and the neo4j-admin CSV bundle of `geokg export csv --parquet DIR` (first bulk load).

Both stream one partition at a time, so memory follows a partition, not the corpus.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geokg.cluster import tables
from geokg.exports.csvbundle import (
    ARTICLE_HEADER,
    ENTITY_HEADER,
    MENTION_HEADER,
    README,
    RELATION_HEADER,
    article_row,
    entity_row,
    relation_row,
    write_csv,
)
from geokg.graph.model import GraphFragment, Relation
from geokg.graph.store import DEFAULT_BATCH, GraphStore, OnError, UpsertReport

LOAD_CHUNK = 500  # rows per fragment handed to the store (it batches them by `batch`)


def _chunks(items: list, size: int = LOAD_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _bucket_relations(fs, root: str) -> Iterator[list[Relation]]:
    """The relations of each partition with their evidence (same partition by design)."""
    evidence = {Path(p).name: p for p in tables.parts(fs, root, "evidence")}
    for path in tables.parts(fs, root, "relations"):
        name = Path(path).name
        items = tables.read_part(fs, evidence[name]) if name in evidence else []
        yield list(tables.to_relations(tables.read_part(fs, path), items))


def parquet_fragments(root_url: str) -> Iterator[GraphFragment]:
    """The tables under `root_url` as fragments a store can upsert in this order: entities,
    then articles, then relations with their evidence (whose MENTIONS need both)."""
    fs, root = tables.filesystem(root_url)
    tables.parts(fs, root, "relations")  # refuse a folder that is not ours before writing
    for path in tables.parts(fs, root, "entities"):
        for rows in _chunks(tables.read_part(fs, path)):
            yield GraphFragment(entities=[tables.to_entity(r) for r in rows])
    for path in tables.parts(fs, root, "articles"):
        for rows in _chunks(tables.read_part(fs, path)):
            yield GraphFragment(articles=[tables.to_article(r) for r in rows])
    for relations in _bucket_relations(fs, root):
        for chunk in _chunks(relations):
            yield GraphFragment(relations=chunk)


def load_parquet(store: GraphStore, root_url: str, batch: int = DEFAULT_BATCH,
                 on_error: OnError | None = None) -> UpsertReport:
    """Upsert the Parquet tables under `root_url` into `store` (`batch` articles per
    transaction); as with `ingest`, what is stored already only gains evidence."""
    return store.upsert_many(parquet_fragments(root_url), batch, on_error)


def csv_bundle_from_parquet(root_url: str, folder: str | Path) -> Path:
    """Write the neo4j-admin CSV bundle (`geokg.exports.csvbundle`, same files and README)
    of the Parquet tables under `root_url` into `folder`; returns the folder."""
    fs, root = tables.filesystem(root_url)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "entities.csv", ENTITY_HEADER, (
        entity_row(tables.to_entity(r))
        for p in tables.parts(fs, root, "entities") for r in tables.read_part(fs, p)))
    article_parts = tables.parts(fs, root, "articles")
    cited: dict[str, dict[str, Any]] = {}  # what names each article in evidence (no text)

    def article_rows() -> Iterator[list[Any]]:
        for part in article_parts:
            for row in tables.read_part(fs, part):
                article = tables.to_article(row)
                cited[article.id] = article.model_dump(include={"title", "url", "source",
                                                                "published"})
                yield article_row(article)

    write_csv(folder / "articles.csv", ARTICLE_HEADER, article_rows())
    with tempfile.TemporaryDirectory(prefix="geokg-mentions-", dir=folder) as scratch:
        spill = _Spill(Path(scratch), len(article_parts))
        write_csv(folder / "relations.csv", RELATION_HEADER, (
            relation_row(spill.pairs_of(relation), cited)
            for relations in _bucket_relations(fs, root) for relation in relations))
        spill.close()
        write_csv(folder / "mentions.csv", MENTION_HEADER, (
            [article, entity, "MENTIONS"]
            for bucket, path in enumerate(article_parts)
            for article, entity in spill.distinct(bucket, {
                r["id"] for r in tables.read_part(fs, path)})))
    (folder / "README.txt").write_text(README, encoding="utf-8")
    return folder


class _Spill:
    """MENTIONS pairs (article, entity) spilled to one file per article partition, so that
    each partition's pairs can be made distinct in memory on their own."""

    def __init__(self, folder: Path, partitions: int) -> None:
        self.partitions = partitions
        self.paths = [folder / f"{b:05d}.jsonl" for b in range(partitions)]
        self.handles = [p.open("w", encoding="utf-8") for p in self.paths]

    def pairs_of(self, relation: Relation) -> Relation:
        """Spill the pairs of a relation's evidence; the relation is returned as it is."""
        for article in dict.fromkeys(e.article for e in relation.evidence):
            handle = self.handles[tables.bucket_of(article, self.partitions)]
            for end in (relation.source, relation.target):
                handle.write(json.dumps([article, end]) + "\n")
        return relation

    def close(self) -> None:
        for handle in self.handles:
            handle.close()

    def distinct(self, bucket: int, articles: set[str]) -> list[tuple[str, str]]:
        """The sorted distinct pairs of one partition whose article is in `articles`."""
        with self.paths[bucket].open(encoding="utf-8") as handle:
            pairs = {tuple(json.loads(line)) for line in handle}
        return sorted(p for p in pairs if p[0] in articles)
