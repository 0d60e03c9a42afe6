"""The cluster runs the CLI calls: `ingest --cluster`, `extract --cluster` (fragments back, in
input order) and `extract --format parquet` (each worker writes its shards' rows, then one task
per partition merges them)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from geokg.cluster import tables
from geokg.cluster.inputs import (
    SHARD_BYTES,
    SHARD_FILES,
    Shard,
    ShardOutcome,
    iter_inputs,
    make_shards,
)
from geokg.cluster.runner import ReadOptions, add_report, connect, extract_shard, run_shards
from geokg.graph.errors import StoreError, UsageError
from geokg.graph.model import GraphFragment
from geokg.graph.store import DEFAULT_BATCH, GraphStore
from geokg.pipeline import RunReport


def _shards(paths: list[str | Path], report: RunReport, shard_files: int,
            shard_bytes: int) -> Iterator[Shard]:
    return make_shards(iter_inputs(paths, report), shard_files, shard_bytes)


def cluster_fragments(paths: list[str | Path], report: RunReport, cluster: str | None,
                      options: ReadOptions | None = None,
                      on_file: Callable[[str], None] | None = None,
                      shard_files: int = SHARD_FILES,
                      shard_bytes: int = SHARD_BYTES) -> Iterator[GraphFragment]:
    """The fragments of every article under `paths` in input order, extracted on the
    cluster `cluster` names (`local:N` or a scheduler address; None: this process);
    read and extraction problems are added to `report` as with `ingest`."""
    with connect(cluster) if cluster else contextlib.nullcontext() as client:
        shards = _shards(paths, report, shard_files, shard_bytes)
        for outcome in run_shards(client, shards, extract_shard, options or ReadOptions()):
            add_report(report, outcome.report)
            yield from outcome.fragments
            for file in outcome.files if on_file else ():
                on_file(file)


def ingest_on_cluster(store: GraphStore, paths: list[str | Path], report: RunReport,
                      cluster: str, published: dt.date | None = None,
                      on_file: Callable[[str], None] | None = None, *, strict: bool = False,
                      max_bytes: int | None = None, batch: int = DEFAULT_BATCH,
                      shard_files: int = SHARD_FILES, engine: str | None = None) -> RunReport:
    """`ingest_files` with extraction on a cluster: this process writes the fragments into
    the store in input order as the shards come back (the store is the same as after
    `ingest --jobs 1`)."""
    options = ReadOptions(published, strict, max_bytes, report.debug, engine)

    def refused(where: str, error: StoreError) -> None:
        report.errors.append(f"{where}: not stored ({error})")

    fragments = cluster_fragments(paths, report, cluster, options, on_file, shard_files)
    stored = store.upsert_many(fragments, batch, refused)
    report.stored.add(stored)
    report.warnings.extend(stored.warnings)
    return report


def extract_parquet_shard(shard: Shard, options: ReadOptions, out: str,
                          partitions: int) -> ShardOutcome:
    """The task of `extract_to_parquet`: extract a shard and stage its rows under `out`."""
    outcome = extract_shard(shard, options)
    fs, root = tables.filesystem(out)
    tables.write_shard(fs, root, shard.index, tables.shard_rows(outcome.fragments, shard.index),
                       partitions)
    outcome.fragments = []  # written: only the report goes back
    return outcome


def extract_to_parquet(paths: list[str | Path], out: str, report: RunReport,
                       cluster: str | None = None, options: ReadOptions | None = None,
                       partitions: int = tables.DEFAULT_PARTITIONS,
                       shard_files: int = SHARD_FILES,
                       shard_bytes: int = SHARD_BYTES) -> Counter[str]:
    """Extract every article under `paths` into the Parquet tables under `out` (a folder or
    fsspec URL the workers can write; earlier tables there are replaced); rows per table."""
    if partitions < 1:
        raise UsageError(f"partitions must be at least 1, not {partitions}")
    fs, root = tables.filesystem(out)
    tables.clear(fs, root)
    counts: Counter[str] = Counter()
    with connect(cluster) if cluster else contextlib.nullcontext() as client:
        shards = _shards(paths, report, shard_files, shard_bytes)
        for outcome in run_shards(client, shards, extract_parquet_shard,
                                  options or ReadOptions(), out, partitions):
            add_report(report, outcome.report)
        buckets = [Shard(b, ()) for b in range(partitions)]
        for merged in run_shards(client, buckets, _merge_task, out):
            counts.update(merged)
    if fs.exists(f"{root}/{tables.STAGING}"):
        fs.rm(f"{root}/{tables.STAGING}", recursive=True)
    return counts


def _merge_task(bucket: Shard, out: str) -> dict[str, int]:
    fs, root = tables.filesystem(out)
    return tables.merge_bucket(fs, root, bucket.index)
