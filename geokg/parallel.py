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
from collections.abc import Iterable, Iterator
from typing import Any

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article, GraphFragment

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


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if extractor is not None:
        _extractor = extractor
    if _extractor is None:
        _extractor = Extractor()


def extract_or_error(extractor: Extractor, article: Article,
                     raise_errors: bool = False) -> GraphFragment | Exception:
    """The article's fragment, or the exception the extractor raised on it (raised instead
    when `raise_errors`)."""
    try:
        return extractor.extract(article)
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


def _extract_chunk(articles: list[Article], raise_errors: bool) -> list[GraphFragment | Exception]:
    assert _extractor is not None
    return [_portable(extract_or_error(_extractor, a, raise_errors)) for a in articles]


def _chunks(items: Iterator[Any], most: int, chars: int) -> Iterator[list[Any]]:
    """Consecutive items in lists of at most `most`, closed once their texts reach `chars`
    characters."""
    batch: list[Any] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(getattr(item, "text", "") or "")
        if len(batch) >= most or size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class _Ready:
    """A pending entry that needs no worker: items given already as fragments."""

    def __init__(self, fragments: list[GraphFragment]) -> None:
        self.fragments = fragments

    def get(self) -> list[GraphFragment]:
        return self.fragments


def extract_parallel(articles: Iterable[Article | GraphFragment], jobs: int,
                     extractor: Extractor | None = None, raise_errors: bool = False,
                     chunk: int = CHUNK, window: int | None = None,
                     chunk_chars: int = CHUNK_CHARS
                     ) -> Iterator[tuple[Any, GraphFragment | Exception]]:
    """(article, its fragment or the exception the extractor raised on it), in input order,
    extracted by `jobs` worker processes (`raise_errors`: raise that exception here instead,
    at that article's place in the order). An item that is a fragment already (from loaders
    such as GDELT's) comes back in its place as (fragment, fragment).

    `articles` is consumed lazily: at most `window` chunks (of at most `chunk` items and
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
    try:
        pool = context.Pool(processes=jobs, initializer=_init_worker,
                            initargs=(None if forked else extractor,))
    finally:
        if forked:
            gc.unfreeze()
    try:
        chunks = _chunks(iter(articles), chunk, chunk_chars)
        pending: deque[tuple[list[Any], Any]] = deque()
        while True:
            batch = next(chunks, [])
            # consecutive runs of articles go to the workers; fragments wait in line as they are
            start = 0
            for end in range(len(batch) + 1):
                kind = end < len(batch) and isinstance(batch[end], GraphFragment)
                if end == len(batch) or kind != isinstance(batch[start], GraphFragment):
                    part = batch[start:end]
                    if part and isinstance(part[0], GraphFragment):
                        pending.append((part, _Ready(part)))
                    elif part:
                        pending.append((part, pool.apply_async(_extract_chunk,
                                                               (part, raise_errors))))
                    start = end
            while pending and (len(pending) >= window or not batch):
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
            if not batch:
                break
        pool.close()
    finally:
        pool.terminate()
        pool.join()
