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
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from geokg.graph.model import Article, GraphFragment
from geokg.loaders.extractor import Extractor

CHUNK = 4  # articles per task: small enough to balance, large enough to amortize pickling
WINDOW_PER_JOB = 4  # chunks in flight per worker

_extractor: Extractor | None = None  # the worker's extractor (inherited when forked)
WARM_UP = Article(id="warm-up", published=dt.date(2025, 1, 6),
                  text="On Monday, the United States sanctioned Colombian President Gustavo "
                       "Petro. He said he would fight the measure.")


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
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


def extract_parallel(articles: Iterable[Article], jobs: int,
                     extractor: Extractor | None = None, raise_errors: bool = False,
                     chunk: int = CHUNK, window: int | None = None
                     ) -> Iterator[tuple[Article, GraphFragment | Exception]]:
    """(article, its fragment or the exception the extractor raised on it), in input order,
    extracted by `jobs` worker processes (`raise_errors`: raise that exception here instead,
    at that article's place in the order).

    `articles` is consumed lazily: at most `window` chunks of `chunk` articles are read ahead
    of the result last yielded (default: `WINDOW_PER_JOB` chunks per job).
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
    pool = context.Pool(processes=jobs, initializer=_init_worker,
                        initargs=(None if forked else extractor,))
    try:
        source = iter(articles)
        pending: deque[tuple[list[Article], Any]] = deque()
        while True:
            batch = list(islice(source, chunk))
            if batch:
                pending.append((batch, pool.apply_async(_extract_chunk, (batch, raise_errors))))
            while pending and (len(pending) >= window or not batch):
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
            if not batch:
                break
        pool.close()
    finally:
        pool.terminate()
        pool.join()
