"""Extraction in worker processes (`--jobs N`), results in input order.

Extraction is pure CPU work on one article at a time, so it runs in a pool of processes;
reading the files and writing the store stay in the calling process (the single writer, one
transaction per article, as with one job). The articles are sent to the workers in chunks and
at most `window` chunks are in flight: a corpus of any size is streamed, never held in memory,
and the fragments come back in the order the articles were read. Each worker has a pipe of its
own (no lock shared between processes), so a signal or a killed worker ends a run cleanly.

Where the platform can fork, the workers inherit the caller's `Extractor` (its gazetteer and
compiled rules take seconds to build); elsewhere each worker builds its own once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import multiprocessing.connection
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from geokg.extract.extractor import Extractor
from geokg.graph.errors import GeokgError
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


def _block_sigterm() -> set[signal.Signals] | None:
    """Block SIGTERM in this thread (where the platform can), returning the previous mask:
    a worker forked meanwhile starts with it blocked, so that a SIGTERM coming before the
    worker reset its handler does not run the parent's inherited one in the child."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (a fork keeps
    # it): SIGTERM (from the parent, or sent to the whole process group) ends the worker
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})  # one that came at start
    if extractor is not None:
        _extractor = extractor
    if _extractor is None:
        _extractor = Extractor()


def _serve(connection: Connection, inherited: list[Connection],
           extractor: Extractor | None) -> None:
    """A worker's loop: a chunk of texts in, their fragments (or errors) out, until None
    or the parent is gone. `inherited`: the parent's ends of the other workers' pipes that
    a fork copied here, closed so that each pipe has one reader and one writer."""
    for other in inherited:
        other.close()
    _init_worker(extractor)
    try:
        while (task := connection.recv()) is not None:
            connection.send(_extract_chunk(*task))
    except (EOFError, BrokenPipeError):  # the parent ended
        pass


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
    """The texts' fragments or errors; with `raise_errors`, up to the first error (which the
    parent raises at that text's place)."""
    assert _extractor is not None
    results: list[GraphFragment | Exception] = []
    for text in texts:
        results.append(_portable(extract_or_error(text, _extractor.extract)))
        if raise_errors and isinstance(results[-1], Exception):
            break
    return results


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


class WorkerDied(GeokgError):
    """A worker process ended while it had articles to extract (killed, out of memory)."""


class _Workers:
    """`jobs` worker processes, each with a pipe of its own: no lock is shared between
    processes, so a worker that ends in any way (a signal, the OOM killer) blocks no other
    process, and its end is an error here, not a hang. (multiprocessing.Pool shares one
    task queue whose lock a worker killed at the wrong moment keeps: terminate() then waits
    for it forever, CPython issues 73945 and 96062; a SIGTERM sent to the process group
    did that to `ingest --jobs 2` about once in twenty runs.)

    Tasks are sent by a thread, so the caller never blocks on a worker that is busy
    sending a large result back; results are read in the order the tasks were given."""

    def __init__(self, context: Any, jobs: int, extractor: Extractor | None) -> None:
        self.processes: list[Any] = []
        self.connections: list[Connection] = []
        forked = context.get_start_method() == "fork"
        mask = _block_sigterm()
        try:
            for _ in range(jobs):
                ours, theirs = context.Pipe()
                process = context.Process(
                    target=_serve, daemon=True, name="geokg-extract",
                    args=(theirs, list(self.connections) if forked else [],
                          None if forked else extractor))
                process.start()
                theirs.close()  # the worker's end: the worker's exit is then an EOF here
                self.processes.append(process)
                self.connections.append(ours)
        finally:
            if mask is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        self.busy = [0] * jobs
        self._outbox: queue.SimpleQueue[tuple[Connection, Any] | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send, name="geokg-tasks", daemon=True)
        self._sender.start()

    def _send(self) -> None:
        while (item := self._outbox.get()) is not None:
            connection, task = item
            with contextlib.suppress(OSError):  # a worker gone: reading its result says so
                connection.send(task)

    def submit(self, texts: list[Document], raise_errors: bool) -> int:
        """Give the texts to the least busy worker; its number."""
        worker = self.busy.index(min(self.busy))
        self.busy[worker] += 1
        self._outbox.put((self.connections[worker], (texts, raise_errors)))
        return worker

    def result(self, worker: int) -> list[GraphFragment | Exception]:
        """The worker's next result (results come back in the order it was given tasks)."""
        connection, process = self.connections[worker], self.processes[worker]
        multiprocessing.connection.wait([connection, process.sentinel])
        try:
            results = connection.recv()
        except (EOFError, OSError):
            process.join(5)
            raise WorkerDied(f"an extraction worker process ended (exit code "
                             f"{process.exitcode}) before finishing its articles: killed, "
                             f"or out of memory? Try fewer --jobs") from None
        self.busy[worker] -= 1
        return results

    def close(self) -> None:
        """The normal end: each worker takes None and exits."""
        for connection in self.connections:
            self._outbox.put((connection, None))
        self._outbox.put(None)
        self._sender.join()
        for process in self.processes:
            process.join()
        self._release()

    def terminate(self) -> None:
        """An interrupted or failed run: end the workers now (SIGTERM, then SIGKILL)."""
        for process in self.processes:
            if process.exitcode is None:
                process.terminate()
        for process in self.processes:
            process.join(5)
            if process.exitcode is None:
                process.kill()
                process.join()
        self._outbox.put(None)  # the sender ends (a send to a dead worker fails at once)
        self._sender.join(5)
        self._release()

    def _release(self) -> None:
        for connection in self.connections:
            connection.close()
        for process in self.processes:
            process.close()


def extract_parallel(documents: Iterable[Document], jobs: int,
                     extractor: Extractor | None = None, raise_errors: bool = False,
                     chunk: int = CHUNK, window: int | None = None,
                     chunk_chars: int = CHUNK_CHARS
                     ) -> Iterator[tuple[Document, GraphFragment | Exception]]:
    """(document, its fragment or the exception the extractor raised on it), in input
    order, the articles extracted by `jobs` worker processes (`raise_errors`: raise that
    exception here instead, at that article's place in the order). A document that is a
    fragment already (from loaders such as GDELT's) comes back in its place, never sent to
    a worker. A worker that dies raises `WorkerDied`.

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
    try:
        workers = _Workers(context, jobs, extractor)
    finally:
        if forked:
            gc.unfreeze()
    try:
        chunks = _chunks(iter(documents), chunk, chunk_chars)
        pending: deque[tuple[list[Document], int | _Ready]] = deque()
        while True:
            batch = next(chunks, [])
            for run in _runs(batch):  # articles go to the workers; fragments wait in line
                pending.append((run, workers.submit(run, raise_errors)
                                if run[0].needs_extractor else _Ready(run)))
            while pending and (len(pending) >= window or not batch):
                done, source = pending.popleft()
                results = source.get() if isinstance(source, _Ready) else workers.result(source)
                for document, result in zip(done, results, strict=False):  # shorter: an error
                    if raise_errors and isinstance(result, Exception):
                        raise result
                    yield document, result
            if not batch:
                break
    except BaseException:
        workers.terminate()
        raise
    workers.close()
