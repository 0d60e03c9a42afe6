"""Extraction in worker processes (`--jobs N`), results in input order.

Extraction is pure CPU work on one article at a time, so it runs in a pool of processes;
reading the files and writing the store stay in the calling process (the single writer, one
transaction per article, as with one job). The articles are sent to the workers in chunks and
at most `window` chunks are in flight: a corpus of any size is streamed, never held in memory,
and the fragments come back in the order the articles were read.

Where the platform can fork, the workers inherit the caller's `Extractor` (its gazetteer and
compiled rules take seconds to build); elsewhere each worker builds its own once.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article, GraphFragment
from geokg.loaders.items import Document, Text

# A task is a chunk of articles holding about CHUNK_CHARS characters of text (at most CHUNK
# articles): each task costs the parent ~2 ms of CPU (pool threads, pickling, wake-ups)
# whatever its size, so a chunk carries ~0.1 s of extraction; small enough to balance.
CHUNK = 64
CHUNK_CHARS = 12_000
WINDOW_PER_JOB = 4  # chunks in flight per worker

_extractor: Extractor | None = None  # the worker's extractor (inherited when forked)
WARM_UP = Article(id="warm-up", published=dt.date(2025, 1, 6),
                  text="On Monday, the United States sanctioned Colombian President Gustavo "
                       "Petro. He said he would fight the measure.")


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _exit_quietly(signum: int, _frame: object) -> None:
    """A worker's SIGTERM: exit (quietly, as multiprocessing ends a SystemExit) with 128+N."""
    raise SystemExit(128 + signum)


def _block_sigterm() -> set[signal.Signals] | None:
    """Block SIGTERM in this thread (where the platform can), returning the previous mask:
    a worker forked meanwhile starts with it blocked, so a pool.terminate() that comes
    before the worker installed its own handler waits for it, instead of running the
    parent's inherited handler at a point where its exception is lost (then the one SIGTERM
    was spent, the worker lived on and pool.terminate() waited for it forever)."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def _unblock_sigterm() -> None:
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _exit_quietly)  # not the parent's handler (a fork keeps
    # it): SIGTERM (pool.terminate(), or the signal sent to the whole process group) ends
    # the worker by SystemExit, which unwinds through the task queue's lock that an idle
    # worker holds while it waits; killed outright, it would keep that lock forever and
    # pool.terminate() in the parent would wait for it
    _unblock_sigterm()  # a SIGTERM that came while the worker started is handled now
    if extractor is not None:
        _extractor = extractor
    if _extractor is None:
        _extractor = Extractor()


def extract_or_error(document: Document, extract: Callable[[Article], GraphFragment],
                     raise_errors: bool = False) -> GraphFragment | Exception:
    """The document's fragment (`extract` runs on an article), or the exception extracting
    raised (raised instead when `raise_errors`)."""
    try:
        return document.extracted(extract)
    except Exception as exc:
        if raise_errors:
            raise
        return exc


def _portable(result: GraphFragment | Exception) -> GraphFragment | Exception:
    """An exception that survives pickling back to the parent (else a RuntimeError naming it)."""
    if isinstance(result, Exception):
        try:
            pickle.loads(pickle.dumps(result))
        except Exception:  # noqa: BLE001 - any pickling problem
            error = RuntimeError(f"{type(result).__name__}: {result}")
            return error
    return result


def _extract_chunk(texts: list[Text], raise_errors: bool) -> list[GraphFragment | Exception]:
    assert _extractor is not None
    return [_portable(extract_or_error(t, _extractor.extract, raise_errors)) for t in texts]


def _chunks(documents: Iterator[Document], most: int, chars: int) -> Iterator[list[Document]]:
    """Consecutive documents in lists of at most `most`, closed once their texts reach
    `chars` characters."""
    batch: list[Document] = []
    size = 0
    for item in documents:
        batch.append(item)
        size += item.size
        if len(batch) >= most or size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class _Ready:
    """A pending entry that needs no worker: documents that are fragments already."""

    def __init__(self, documents: list[Document]) -> None:
        self.fragments = [d.extracted(_no_extraction) for d in documents]

    def get(self) -> list[GraphFragment]:
        return self.fragments


def _no_extraction(article: Article) -> GraphFragment:
    raise AssertionError("a document that needs no extractor asked for one")


def _runs(batch: list[Document]) -> Iterator[list[Document]]:
    """Consecutive runs of the documents that do / do not need the extractor."""
    start = 0
    for end in range(1, len(batch) + 1):
        if end == len(batch) or batch[end].needs_extractor != batch[start].needs_extractor:
            yield batch[start:end]
            start = end


def extract_parallel(documents: Iterable[Document], jobs: int,
                     extractor: Extractor | None = None, raise_errors: bool = False,
                     chunk: int = CHUNK, window: int | None = None,
                     chunk_chars: int = CHUNK_CHARS
                     ) -> Iterator[tuple[Document, GraphFragment | Exception]]:
    """(document, its fragment or the exception the extractor raised on it), in input
    order, the articles extracted by `jobs` worker processes (`raise_errors`: raise that
    exception here instead, at that article's place in the order). A document that is a
    fragment already (from loaders such as GDELT's) comes back in its place, never sent to
    a worker.

    `documents` is consumed lazily: at most `window` chunks (of at most `chunk` items and
    about `chunk_chars` characters of text) are read ahead of the result last yielded
    (default: `WINDOW_PER_JOB` chunks per job).
    """
    global _extractor
    jobs = max(1, int(jobs))
    window = window or jobs * WINDOW_PER_JOB
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        # Build (or reuse) the extractor here, before the fork: every worker inherits it,
        # warmed up (the first extraction compiles a few more patterns).
        _extractor = extractor or _extractor or Extractor()
        _extractor.extract(WARM_UP)
        gc.freeze()  # the workers' garbage collector leaves the inherited objects alone, so
        # their memory pages stay shared instead of being copied into every worker
    mask = _block_sigterm()  # the pool's threads (which fork replacement workers) keep it
    try:
        pool = context.Pool(processes=jobs, initializer=_init_worker,
                            initargs=(None if forked else extractor,))
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if forked:
            gc.unfreeze()
    try:
        chunks = _chunks(iter(documents), chunk, chunk_chars)
        pending: deque[tuple[list[Document], Any]] = deque()
        while True:
            batch = next(chunks, [])
            for run in _runs(batch):  # articles go to the workers; fragments wait in line
                pending.append((run, pool.apply_async(_extract_chunk, (run, raise_errors))
                                if run[0].needs_extractor else _Ready(run)))
            while pending and (len(pending) >= window or not batch):
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
            if not batch:
                break
        pool.close()  # the normal end: each worker takes its sentinel from the task queue
        pool.join()  # and exits; terminate() here raced with that (it takes the queue's
        # lock, then sends SIGTERM: a worker left waiting for the lock was seen to outlive
        # it under load, and terminate() waited for that worker forever)
    finally:
        pool.terminate()  # an interrupted or failed run (after a clean join: nothing left)
        pool.join()
