"""The calls of `ingest`, `extract`, `load` and `export csv --parquet`: the pipeline's on one
machine (`--jobs N`), the cluster's with `--cluster` or Parquet (Dask and pyarrow are imported
only then, so `geokg` runs without the `geokg[dask]` extra)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from geokg.cluster.inputs import SHARD_FILES
from geokg.cluster.runner import ReadOptions
from geokg.graph.errors import StoreError, UsageError
from geokg.graph.model import GraphFragment
from geokg.graph.store import DEFAULT_BATCH, GraphStore, UpsertReport
from geokg.pipeline import RunReport, extract_stream, ingest_paths


class TableCounts(Counter):
    """Rows written per Parquet table; `str()` is the summary line of `extract`."""

    def __str__(self) -> str:
        return (f"{self['articles']} article(s), {self['entities']} entities, "
                f"{self['relations']} relation(s), {self['evidence']} evidence row(s)")


def ingest(store: GraphStore, paths: list[str | Path], report: RunReport,
           published: dt.date | None = None, on_file: Callable[[str], None] | None = None, *,
           strict: bool = False, max_bytes: int | None = None, jobs: int = 1,
           batch: int = DEFAULT_BATCH, cluster: str | None = None,
           shard_files: int = SHARD_FILES, engine: str | None = None) -> RunReport:
    """`pipeline.ingest_paths`, its extraction on the Dask cluster `cluster` names when
    given (`local:N` or a scheduler address; `shard_files` input files per task)."""
    if not cluster:
        return ingest_paths(store, paths, published, report, on_file, strict=strict,
                            max_bytes=max_bytes, jobs=jobs, batch=batch, engine=engine)
    from geokg.cluster.run import ingest_on_cluster

    return ingest_on_cluster(store, paths, report, cluster, published, on_file, strict=strict,
                             max_bytes=max_bytes, batch=batch, shard_files=shard_files,
                             engine=engine)


def extract(paths: list[str | Path], report: RunReport, published: dt.date | None = None, *,
            strict: bool = False, max_bytes: int | None = None, jobs: int = 1,
            cluster: str | None = None, shard_files: int = SHARD_FILES,
            engine: str | None = None) -> Iterator[GraphFragment]:
    """`pipeline.extract_stream`, on the Dask cluster `cluster` names when given (the same
    fragments in the same order)."""
    if not cluster:
        return extract_stream(paths, report, published, strict=strict, max_bytes=max_bytes,
                              jobs=jobs, engine=engine)
    from geokg.cluster.run import cluster_fragments

    options = ReadOptions(published, strict, max_bytes, report.debug, engine)
    return cluster_fragments(paths, report, cluster, options, shard_files=shard_files)


def extract_parquet(paths: list[str | Path], out: str | None, report: RunReport,
                    published: dt.date | None = None, partitions: int = 16, *,
                    strict: bool = False, max_bytes: int | None = None, jobs: int = 1,
                    cluster: str | None = None, shard_files: int = SHARD_FILES,
                    engine: str | None = None) -> TableCounts:
    """Extract into the Parquet tables under `out` (`geokg.cluster.tables`) on `cluster`,
    else on a local cluster of `jobs` workers (in this process for one job)."""
    if not out:
        raise UsageError("--format parquet needs --out DIR")
    from geokg.cluster.run import extract_to_parquet

    cluster = cluster or (f"local:{jobs}" if jobs > 1 else None)

    options = ReadOptions(published, strict, max_bytes, report.debug, engine)
    return TableCounts(extract_to_parquet(paths, out, report, cluster, options, partitions,
                                          shard_files))


def load(store: GraphStore, folder: str, batch: int = DEFAULT_BATCH,
         report: RunReport | None = None) -> RunReport:
    """Upsert the Parquet tables under `folder` (a folder or fsspec URL) into `store`;
    an article the store refuses becomes a report error, the others are stored."""
    from geokg.cluster.load import load_parquet

    report = report if report is not None else RunReport()

    def refused(where: str, error: StoreError) -> None:
        report.errors.append(f"{where}: not stored ({error})")

    stored = load_parquet(store, folder, batch, refused)
    report.stored.add(stored)
    report.warnings.extend(stored.warnings)
    return report


def csv_bundle(fmt: str, tables: str, out: str | Path) -> Path:
    """The neo4j-admin CSV bundle of the Parquet tables under `tables`, in `out` (`fmt` is
    the export format asked for: only csv can be made from the tables)."""
    if fmt != "csv":
        raise UsageError("--parquet goes with the csv format only")
    from geokg.cluster.load import csv_bundle_from_parquet

    return csv_bundle_from_parquet(tables, out)


def stored(report: UpsertReport) -> str:
    """What a load added, as `load` says it."""
    return (f"{report.articles_added} new article(s), {report.entities_added} new entities, "
            f"{report.relations_added} new relation(s), {report.evidence_added} evidence added.")

