"""The Python API: read articles, extract fragments, ingest them into a store."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geokg.extract.engines import build_extractor
from geokg.extract.extractor import Extractor
from geokg.graph.errors import LoadError, StoreError
from geokg.graph.model import Article, GraphFragment
from geokg.graph.store import DEFAULT_BATCH, GraphStore, UpsertReport
from geokg.loaders.fetch import is_url
from geokg.loaders.items import Coded, Document, LoadWarning, ReadIssue, Text
from geokg.loaders.registry import expand, load
from geokg.parallel import extract_or_error


@dataclass
class RunReport:
    """What a run read, made and could not read."""

    files: int = 0
    articles: int = 0
    relations: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stored: UpsertReport = field(default_factory=UpsertReport)
    debug: bool = False  # re-raise an article's extraction failure instead of reporting it

    def summary(self) -> str:
        """One line: what was read and extracted, and what of it was new to the store."""
        return (f"{self.articles} article(s) read, {self.stored.articles_added} new; "
                f"{self.relations} relation(s) extracted, {self.stored.relations_added} new, "
                f"{self.stored.evidence_added} evidence added.")


def list_files(paths: list[str | Path], report: RunReport) -> list[Path | str]:
    """Expand paths into files; missing paths and unlistable folders become report errors.
    URLs stay as they are (fetched when read)."""
    return list(iter_files(paths, report))


def iter_files(paths: list[str | Path], report: RunReport) -> Iterator[Path | str]:
    """`list_files` one file at a time, so that a corpus of any size is never held as a list
    (about half a kilobyte per file)."""
    for path in paths:
        if is_url(path):
            yield str(path)
            continue
        problems: list[LoadError] = []
        try:
            yield from expand([path], problems)
        except LoadError as exc:
            problems.append(exc)
        report.errors.extend(str(problem) for problem in problems)


def count_files(paths: list[str | Path]) -> int:
    """How many files `iter_files` will give (for a progress bar; problems are left to it)."""
    count = 0
    for path in paths:
        if is_url(path):
            count += 1
            continue
        with contextlib.suppress(LoadError):
            count += sum(1 for _ in expand([path], []))
    return count


class _Reading:
    """The `ItemHandler` of `read_documents`: counts articles, reports issues and warnings,
    passes documents on."""

    def __init__(self, report: RunReport) -> None:
        self.report = report

    def text(self, item: Text) -> Document:
        self.report.articles += 1
        return item

    def coded(self, item: Coded) -> Document:
        self.report.articles += len(item.fragment.articles)
        return item

    def issue(self, item: ReadIssue) -> None:
        self.report.errors.append(str(item.error))

    def warning(self, item: LoadWarning) -> None:
        self.report.warnings.append(item.message)


def read_documents(files: Iterable[Path | str], report: RunReport,
                   published: dt.date | None = None,
                   on_file: Callable[[Path | str], None] | None = None, *, strict: bool = False,
                   max_bytes: int | None = None) -> Iterator[Document]:
    """The documents of the files and URLs, in order: articles to extract, and fragments
    that loaders made directly (GDELT). Unreadable files and records become report errors
    (`strict`: a JSON Lines file with a bad line gives none; `max_bytes`: size limit)."""
    reading = _Reading(report)
    for path in files:
        report.files += 1
        try:
            for item in load(path, published, max_bytes, strict=strict):
                document = item.handled_by(reading)
                if document is not None:
                    yield document
        except LoadError as exc:
            report.errors.append(str(exc))
        if on_file:
            on_file(path)


def read_articles(files: Iterable[Path | str], report: RunReport,
                  published: dt.date | None = None, *, strict: bool = False,
                  max_bytes: int | None = None) -> Iterator[Article]:
    """The articles to extract of the files and URLs, in order: `read_documents` without
    the fragments that loaders made directly (they are counted, not yielded)."""
    for document in read_documents(files, report, published, strict=strict,
                                   max_bytes=max_bytes):
        if document.article is not None:
            yield document.article


def extract_documents(documents: Iterable[Document], report: RunReport,
                      extractor: Extractor | None = None,
                      jobs: int = 1, engine: str | None = None) -> Iterator[GraphFragment]:
    """One fragment per document, in input order: an article's extracted, a coded fragment
    as it is. Warnings (e.g. undated relative expressions) are reported; an article the
    extractor fails on becomes a report error and the others go on. `jobs` > 1 extracts in
    that many worker processes (`geokg.parallel`). `engine` ('parse' or 'rules', None: the
    default, see `geokg.extract.engines`) picks the extractor when none is given."""
    if jobs > 1:
        from geokg.parallel import extract_parallel

        extractor = extractor or build_extractor(engine)
        results = extract_parallel(documents, jobs, extractor, raise_errors=report.debug)
    else:
        results = _extract_in_order(documents, extractor, engine, report.debug)
    yield from report_results(results, report)


def report_results(results: Iterable[tuple[Document, GraphFragment | Exception]],
                   report: RunReport) -> Iterator[GraphFragment]:
    """The fragments of (document, its fragment or the exception extracting it raised)
    pairs, as `extract_documents` yields them: a failed article becomes a report error,
    undated relative expressions report warnings (also the loop of a cluster worker)."""
    for document, fragment in results:
        if isinstance(fragment, Exception):  # one article must not stop the run
            detail = (str(fragment).splitlines() or [""])[0][:200]
            report.errors.append(f"{document.where}: cannot extract {document.what} "
                                 f"({type(fragment).__name__}: {detail})")
            continue
        report.relations += len(fragment.relations)
        for item in fragment.unresolved:
            if item.text == "(relative dates)":
                report.warnings.append(f"{document.where}: {item.reason}")
        yield fragment


def _extract_in_order(documents: Iterable[Document], extractor: Extractor | None,
                      engine: str | None, debug: bool
                      ) -> Iterator[tuple[Document, GraphFragment | Exception]]:
    """(document, its fragment or the exception extracting it raised), in this process. The
    extractor is built at the first article, not before, and outside the per-article guard:
    an engine that cannot run (`EngineUnavailable`) stops the run instead of failing each
    article."""
    built = [extractor] if extractor else []

    def extract(article: Article) -> GraphFragment:
        return built[0].extract(article)

    for document in documents:
        if not built and document.needs_extractor:
            built.append(build_extractor(engine))
        yield document, extract_or_error(document, extract, debug)


def extract_articles(articles: Iterable[Article], report: RunReport,
                     extractor: Extractor | None = None,
                     jobs: int = 1, engine: str | None = None) -> Iterator[GraphFragment]:
    """One fragment per article, in input order (`extract_documents` of the articles)."""
    return extract_documents((Text(a) for a in articles), report, extractor, jobs, engine)


def extract_stream(paths: list[str | Path], report: RunReport,
                   published: dt.date | None = None, *, strict: bool = False,
                   max_bytes: int | None = None, jobs: int = 1,
                   engine: str | None = None) -> Iterator[GraphFragment]:
    """One fragment per article (or coded fragment) under `paths`, in input order (no
    store); problems go to `report`."""
    documents = read_documents(list_files(paths, report), report, published, strict=strict,
                               max_bytes=max_bytes)
    return extract_documents(documents, report, jobs=jobs, engine=engine)


def extract_paths(paths: list[str | Path], published: dt.date | None = None,
                  report: RunReport | None = None, *, strict: bool = False,
                  max_bytes: int | None = None, jobs: int = 1,
                  engine: str | None = None) -> GraphFragment:
    """The merged fragment of all articles under `paths` (no store)."""
    merged = GraphFragment()
    for fragment in extract_stream(paths, report if report is not None else RunReport(),
                                   published, strict=strict, max_bytes=max_bytes, jobs=jobs,
                                   engine=engine):
        merged.merge(fragment)
    return merged


def ingest_paths(store: GraphStore, paths: list[str | Path], published: dt.date | None = None,
                 report: RunReport | None = None,
                 on_file: Callable[[Path | str], None] | None = None, *, strict: bool = False,
                 max_bytes: int | None = None, jobs: int = 1,
                 batch: int = DEFAULT_BATCH, engine: str | None = None) -> RunReport:
    """Extract every article under `paths` and upsert it (`batch` articles per transaction);
    the files are listed as they are read, so memory does not grow with the corpus."""
    report = report if report is not None else RunReport()
    return ingest_files(store, iter_files(paths, report), report, published, on_file,
                        strict=strict, max_bytes=max_bytes, jobs=jobs, batch=batch,
                        engine=engine)


def push(source: GraphStore, target: GraphStore, batch: int = DEFAULT_BATCH) -> UpsertReport:
    """Copy the whole graph of one store into another (`batch` articles per transaction). An
    embedded source is read in bounded batches, one article at a time
    (`geokg.graph.streamed.store_fragments`), never loaded whole."""
    from geokg.graph.streamed import can_stream_store, store_fragments

    if can_stream_store(source):
        return target.upsert_many(store_fragments(source), batch)
    return target.upsert_many([source.load()], batch)


def ingest_files(store: GraphStore, files: Iterable[Path | str], report: RunReport,
                 published: dt.date | None = None,
                 on_file: Callable[[Path | str], None] | None = None, *, strict: bool = False,
                 max_bytes: int | None = None, jobs: int = 1,
                 batch: int = DEFAULT_BATCH, engine: str | None = None) -> RunReport:
    """Extract every article of `files` and upsert it, streaming: with `jobs` > 1 worker
    processes extract and this process writes the fragments in input order as they come
    back, up to `batch` whole articles per transaction (`GraphStore.upsert_many`; memory
    holds one batch at most). An article the store refuses becomes a report error and the
    others are stored; a store that fails as a whole (`StoreUnavailable`) raises."""
    documents = read_documents(files, report, published, on_file, strict=strict,
                               max_bytes=max_bytes)

    def refused(where: str, error: StoreError) -> None:
        report.errors.append(f"{where}: not stored ({error})")

    stored = store.upsert_many(extract_documents(documents, report, jobs=jobs, engine=engine),
                               batch, refused)
    report.stored.add(stored)
    report.warnings.extend(stored.warnings)
    return report
