"""Shards on Dask: the cluster `--cluster` names, the task a worker runs on one shard (read its
files, then the per-article function of `--jobs` with the worker's own extractor), and the
outcomes back in input order with a bounded number of shards in flight.

A worker that dies mid-shard loses nothing: the scheduler runs the shard again on another
worker (Dask's `distributed.scheduler.allowed-failures` deaths per task), and the client
takes each shard's outcome once, in order, so nothing is stored or written twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import re
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from geokg.cluster.inputs import Shard, ShardOutcome, local_files, name_remote
from geokg.extract.engines import build_extractor
from geokg.extract.extractor import Extractor
from geokg.graph.errors import ClusterError, ClusterUsageError
from geokg.parallel import WARM_UP, extract_or_error
from geokg.pipeline import RunReport, read_documents, report_results

_LOCAL = re.compile(r"^local(?::(\d+))?$")
SHARDS_PER_WORKER = 2  # shards in flight per worker thread: one running, one queued
# A worker's statistical profiler keeps a profile per second for the last 1,000 seconds
# (`distributed.admin.low-level-log-length`): ~10 MB per 1,000 articles extracted, until
# it is full. Off on the local clusters we start, so memory does not grow with the run.
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}

_extractors: dict[str | None, Extractor] = {}  # this worker's extractor per engine, built once


@dataclass(frozen=True)
class ReadOptions:
    """How a worker reads and extracts its shards (the input options of `ingest`)."""

    published: dt.date | None = None
    strict: bool = False
    max_bytes: int | None = None
    debug: bool = False
    engine: str | None = None  # the event engine by name (`--engine`), None: the default


def worker_extractor(engine: str | None = None) -> Extractor:
    """The extractor of this process for `engine`, built (and warmed up) once."""
    if engine not in _extractors:
        _extractors[engine] = build_extractor(engine)
        _extractors[engine].extract(WARM_UP)
    return _extractors[engine]


def extract_shard(shard: Shard, options: ReadOptions) -> ShardOutcome:
    """Read the shard's files and extract each article, as `ingest` does on one machine:
    unreadable files and failing articles become errors of the outcome's report."""
    report = RunReport(debug=options.debug)
    with local_files(shard.files, options.max_bytes, report) as (files, names):
        documents = read_documents(files, report, options.published, strict=options.strict,
                                   max_bytes=options.max_bytes)
        extract = worker_extractor(options.engine).extract
        fragments = list(report_results(
            ((d, extract_or_error(d, extract, options.debug)) for d in documents), report))
    name_remote(report, names)
    return ShardOutcome(shard.index, shard.files, fragments, report)


def add_report(into: RunReport, other: RunReport) -> None:
    """Fold a shard's report into the run's."""
    into.files += other.files
    into.articles += other.articles
    into.relations += other.relations
    into.errors.extend(other.errors)
    into.warnings.extend(other.warnings)


@contextlib.contextmanager
def connect(spec: str) -> Iterator[Any]:
    """A `dask.distributed.Client` for `local:N` (a local cluster of N worker processes, one
    thread each; `local` = one per CPU) or a scheduler address (`tcp://HOST:PORT`)."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'geokg[dask]'") from None
    local = _LOCAL.match(spec.strip())
    if local:
        workers = int(local.group(1) or os.cpu_count() or 1)
        if workers < 1:
            raise ClusterUsageError(f"--cluster {spec}: at least one worker")
        with dask.config.set(LOCAL_WORKER_CONFIG), LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
        return
    if "://" not in spec:
        raise ClusterUsageError(f"--cluster {spec!r}: use local:N or a scheduler address "
                                "such as tcp://HOST:8786")
    try:
        client = Client(spec, timeout="30s")
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec} ({exc})") from None
    with client:
        yield client


def run_shards(client: Any, shards: Iterable[Shard], task: Callable[..., Any], *args: Any,
               window: int | None = None) -> Iterator[Any]:
    """`task(shard, *args)` for every shard on the cluster (in this process when `client`
    is None), outcomes in shard order. Shards are taken from `shards` lazily: at most
    `window` (default `SHARDS_PER_WORKER` per worker thread) are in flight."""
    if client is None:
        for shard in shards:
            yield task(shard, *args)
        return
    window = window or max(1, SHARDS_PER_WORKER * sum(client.nthreads().values()))
    run = uuid.uuid4().hex[:8]
    pending: deque[Any] = deque()
    for shard in itertools.chain(shards, [None]):
        if shard is not None:
            pending.append(client.submit(task, shard, *args, pure=False,
                                         key=f"geokg-shard-{run}-{shard.index}"))
        while pending and (len(pending) >= window or shard is None):
            future = pending.popleft()
            try:
                yield future.result()
            finally:
                future.release()
