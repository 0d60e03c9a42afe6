"""The four Parquet tables of a cluster run, merged across shards as one process merges.

Layout: `DIR/articles`, `DIR/entities`, `DIR/relations`, `DIR/evidence`, each a folder of
`part-NNNNN.parquet` files (pyarrow; read a table whole with `pandas.read_parquet(DIR/name)`).

- ids are deterministic: an article's and an entity's own id; a relation's `id` is the first
  16 hex characters of the sha1 of its identity `source|type|target|date` (`relation_id`);
  evidence rows point at it with `relation`.
- `seq` orders every table as one process would have met the rows (shard number, then
  position): sorting by it gives the order of `geokg extract --format json`.
- The merge is that of `GraphFragment.merge`: the first article and relation with an id wins,
  evidence is unique by (relation, article, start, end, rule), an entity keeps its first
  name, type, country and wikidata and gathers aliases and roles in order.

How: each shard writes its (shard-merged) rows into `DIR/_staging/<table>/bucket=B/`, B the
hash bucket of the row's key (evidence goes with its relation); once all shards are written,
one task per bucket merges that bucket and writes `part-B.parquet`. A shard or bucket written
twice (a retried task) overwrites its own files, so nothing is duplicated.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from geokg.graph.errors import LoadError
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation

TABLES = ("articles", "entities", "relations", "evidence")
STAGING = "_staging"
DEFAULT_PARTITIONS = 16
SEQ_SHIFT = 32  # seq = shard << SEQ_SHIFT | position in the shard

_text = pa.string()
_names = pa.list_(pa.string())
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([("id", _text), ("title", _text), ("url", _text),
                           ("published", pa.date32()), ("source", _text), ("text", _text),
                           ("extractor", _text), ("seq", pa.int64())]),
    "entities": pa.schema([("id", _text), ("name", _text), ("type", _text),
                           ("aliases", _names), ("country", _text), ("wikidata", _text),
                           ("roles", _names), ("seq", pa.int64())]),
    "relations": pa.schema([("id", _text), ("source", _text), ("target", _text),
                            ("type", _text), ("category", _text), ("date", _text),
                            ("status", _text), ("properties", _text),
                            ("confidence", pa.float64()), ("seq", pa.int64())]),
    "evidence": pa.schema([("relation", _text), ("article", _text), ("sentence", _text),
                           ("start", pa.int64()), ("end", pa.int64()), ("rule", _text),
                           ("seq", pa.int64())]),
}
# Staged entity rows carry `names` (every alias and name seen, in order) instead of aliases:
# that is what makes folding them shard by shard equal to folding article by article.
STAGED_ENTITIES = pa.schema([f if f.name != "aliases" else pa.field("names", _names)
                             for f in SCHEMAS["entities"]])
EVIDENCE_KEY = ("relation", "article", "start", "end", "rule")


def relation_id(relation: Relation) -> str:
    """The deterministic id of a relation's identity (source, type, target, date)."""
    basis = "\x1f".join((relation.source, relation.type, relation.target, relation.date or ""))
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def bucket_of(key: str, partitions: int) -> int:
    """The partition a row with this key lands in (stable across runs and machines)."""
    return zlib.crc32(key.encode("utf-8")) % partitions


# -- entities: folding observations as `merge_entity` does -------------------------------


class EntityFold:
    """Entity rows keyed by id, folding observations in order: the first gives id, name,
    type; `names` gathers every alias and name seen (minus the kept name, they are the
    aliases), roles gather, country and wikidata keep the first value."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def add(self, row: dict[str, Any]) -> None:
        """Fold one staged row (`STAGED_ENTITIES` fields) in."""
        into = self.rows.get(row["id"])
        if into is None:
            self.rows[row["id"]] = {**row, "names": list(dict.fromkeys(row["names"])),
                                    "roles": list(dict.fromkeys(row["roles"]))}
            return
        into["names"] = list(dict.fromkeys([*into["names"], *row["names"]]))
        into["roles"] = list(dict.fromkeys([*into["roles"], *row["roles"]]))
        into["country"] = into["country"] or row["country"]
        into["wikidata"] = into["wikidata"] or row["wikidata"]

    def add_entity(self, entity: Entity, seq: int) -> None:
        """Fold one extracted entity in."""
        self.add({"id": entity.id, "name": entity.name, "type": entity.type.value,
                  "names": [*entity.aliases, entity.name], "country": entity.country,
                  "wikidata": entity.wikidata, "roles": list(entity.roles), "seq": seq})

    def staged(self) -> list[dict[str, Any]]:
        return list(self.rows.values())

    def merged(self) -> list[dict[str, Any]]:
        """Final entity rows (`SCHEMAS["entities"]`)."""
        return [{**{k: v for k, v in row.items() if k != "names"},
                 "aliases": [n for n in row["names"] if n != row["name"]]}
                for row in self.rows.values()]


# -- one shard's rows ----------------------------------------------------------------------


def shard_rows(fragments: Iterable[GraphFragment], shard: int) -> dict[str, list[dict]]:
    """The staged rows of one shard's fragments (in input order), merged within the shard."""
    merged = GraphFragment()
    entities = EntityFold()
    position = 0
    base = shard << SEQ_SHIFT
    for fragment in fragments:
        for entity in fragment.entities:
            if entity.id not in entities.rows:
                position += 1
            entities.add_entity(entity, base + position)
        merged.merge(GraphFragment(articles=fragment.articles, relations=fragment.relations))
    rows: dict[str, list[dict]] = {"entities": entities.staged(), "articles": [],
                                   "relations": [], "evidence": []}
    for n, article in enumerate(merged.articles):
        rows["articles"].append({**article.model_dump(), "extractor": article.extractor,
                                 "seq": base + n})
    counter = 0
    for n, relation in enumerate(merged.relations):
        rid = relation_id(relation)
        rows["relations"].append({
            "id": rid, "source": relation.source, "target": relation.target,
            "type": relation.type, "category": relation.category, "date": relation.date,
            "status": relation.status.value,
            "properties": json.dumps(relation.model_dump(mode="json")["properties"],
                                     ensure_ascii=False),
            "confidence": relation.confidence, "seq": base + n})
        for item in relation.evidence:
            rows["evidence"].append({"relation": rid, **item.model_dump(), "seq": base + counter})
            counter += 1
    return rows


# -- files -----------------------------------------------------------------------------------


def filesystem(out: str) -> tuple[Any, str]:
    """(fsspec filesystem, path in it) of a local folder or an fsspec URL."""
    import fsspec

    return fsspec.core.url_to_fs(out)


def _write(fs: Any, path: str, batches: Iterable[list[dict]], schema: pa.Schema) -> int:
    """Write batches of rows as one Parquet file, streaming, atomically (a temporary name,
    then a rename); rows written."""
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    temporary = f"{path}.{uuid.uuid4().hex[:8]}.tmp"
    written = 0
    with fs.open(temporary, "wb") as handle, pq.ParquetWriter(handle, schema,
                                                              compression="zstd") as writer:
        for rows in batches:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            written += len(rows)
    fs.mv(temporary, path)
    return written


def _read(fs: Any, paths: list[str], schema: pa.Schema | None = None) -> list[dict]:
    rows: list[dict] = []
    for path in paths:
        with fs.open(path, "rb") as handle:
            rows.extend(pq.read_table(handle, schema=schema).to_pylist())
    return rows


def staging_key(table: str, row: dict) -> str:
    return row["relation"] if table == "evidence" else row["id"]


def write_shard(fs: Any, root: str, shard: int, rows: dict[str, list[dict]],
                partitions: int) -> None:
    """Stage one shard's rows by bucket (a file per non-empty bucket and table)."""
    for table, table_rows in rows.items():
        buckets: dict[int, list[dict]] = {}
        for row in table_rows:
            buckets.setdefault(bucket_of(staging_key(table, row), partitions), []).append(row)
        schema = STAGED_ENTITIES if table == "entities" else SCHEMAS[table]
        for bucket, bucket_rows in buckets.items():
            _write(fs, f"{root}/{STAGING}/{table}/bucket={bucket:05d}/shard-{shard:08d}.parquet",
                   [bucket_rows], schema)


def part_path(root: str, table: str, bucket: int) -> str:
    return f"{root}/{table}/part-{bucket:05d}.parquet"


def merge_bucket(fs: Any, root: str, bucket: int) -> dict[str, int]:
    """Merge every shard's rows of one bucket into the final part of each table, one shard
    file at a time (shard order is `seq` order): memory holds the keys seen and the distinct
    entities, not the rows. Rows per table."""
    counts = {}
    for table in TABLES:
        folder = f"{root}/{STAGING}/{table}/bucket={bucket:05d}"
        files = sorted(fs.glob(f"{folder}/shard-*.parquet")) if fs.exists(folder) else []
        shards = (sorted(_read(fs, [path], STAGED_ENTITIES if table == "entities"
                               else SCHEMAS[table]), key=lambda r: r["seq"]) for path in files)
        if table == "entities":
            fold = EntityFold()
            for rows in shards:
                for row in rows:
                    fold.add(row)
            batches: Iterable[list[dict]] = [fold.merged()]
        else:
            batches = _first_of_each(shards, EVIDENCE_KEY if table == "evidence" else ("id",))
        counts[table] = _write(fs, part_path(root, table, bucket), batches, SCHEMAS[table])
    return counts


def _first_of_each(batches: Iterable[list[dict]], key: tuple[str, ...]
                   ) -> Iterator[list[dict]]:
    """The rows whose key was not seen in an earlier row, batch by batch."""
    seen: set[tuple] = set()
    for rows in batches:
        kept = []
        for row in rows:
            ident = tuple(row[k] for k in key)
            if ident not in seen:
                seen.add(ident)
                kept.append(row)
        yield kept


def clear(fs: Any, root: str) -> None:
    """Remove the tables and staging of an earlier run in this folder (nothing else)."""
    for name in (*TABLES, STAGING):
        if fs.exists(f"{root}/{name}"):
            fs.rm(f"{root}/{name}", recursive=True)


# -- reading back ------------------------------------------------------------------------------


def parts(fs: Any, root: str, table: str) -> list[str]:
    """The part files of a table, in bucket order (a `LoadError` when the table is missing)."""
    found = sorted(fs.glob(f"{root}/{table}/part-*.parquet"))
    if not found:
        raise LoadError(f"{root}/{table}", "no Parquet parts (not a geokg Parquet folder)")
    return found


def read_part(fs: Any, path: str) -> list[dict]:
    return _read(fs, [path])


def to_article(row: dict) -> Article:
    return Article(**{k: v for k, v in row.items() if k != "seq"})


def to_entity(row: dict) -> Entity:
    return Entity(**{k: v for k, v in row.items() if k != "seq"})


def to_relations(relations: list[dict], evidence: list[dict]) -> Iterator[Relation]:
    """Relations of one bucket with their evidence (both tables' rows of that bucket), in
    `seq` order."""
    items: dict[str, list[Evidence]] = {}
    for row in sorted(evidence, key=lambda r: r["seq"]):
        items.setdefault(row["relation"], []).append(Evidence(
            article=row["article"], sentence=row["sentence"], start=row["start"],
            end=row["end"], rule=row["rule"]))
    for row in sorted(relations, key=lambda r: r["seq"]):
        yield Relation(source=row["source"], target=row["target"], type=row["type"],
                       category=row["category"], date=row["date"], status=row["status"],
                       properties=json.loads(row["properties"]),
                       confidence=row["confidence"], evidence=items.get(row["id"], []))
