"""The Python API: read articles, extract fragments, ingest them into a store."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geokg.extract.engines import build_extractor
from geokg.extract.extractor import Extractor
from geokg.graph.model import Article, GraphFragment
from geokg.graph.store import DEFAULT_BATCH, GraphStore, StoreError, UpsertReport
from geokg.loaders.fetch import is_url
from geokg.loaders.readers import LoadError, ReadIssue, expand, read_file
from geokg.loaders.registry import LoadWarning, load_url
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


def read_articles(files: Iterable[Path | str], report: RunReport, published: dt.date | None = None,
                  on_file: Callable[[Path], None] | None = None, *, strict: bool = False,
                  max_bytes: int | None = None) -> Iterator[Article]:
    """Articles of the files and URLs, in order; unreadable files and records become report
    errors (`strict`: a JSON Lines file with a bad line gives none; `max_bytes`: size limit).
    Loaders that make graph fragments directly (GDELT) yield them here too."""
    for path in files:
        report.files += 1
        try:
            items = (load_url(path, published, max_bytes) if is_url(path) else
                     read_file(path, published, strict=strict, max_bytes=max_bytes))
            for item in items:
                if isinstance(item, ReadIssue):
                    report.errors.append(str(item.error))
                elif isinstance(item, LoadWarning):
                    report.warnings.append(item.message)
                elif isinstance(item, GraphFragment):
                    report.articles += len(item.articles)
                    yield item
                else:
                    report.articles += 1
                    yield item
        except LoadError as exc:
            report.errors.append(str(exc))
        if on_file:
            on_file(path)


def extract_articles(articles: Iterator[Article], report: RunReport,
                     extractor: Extractor | None = None,
                     jobs: int = 1, engine: str | None = None) -> Iterator[GraphFragment]:
    """One fragment per article, in input order; warnings (e.g. undated relative expressions)
    are reported. An article the extractor fails on becomes a report error and the others go
    on. `jobs` > 1 extracts in that many worker processes (`geokg.parallel`). Fragments
    among the articles (from loaders such as GDELT's) pass through as they are. `engine`
    ('parse' or 'rules', None: the default, see `geokg.extract.engines`) picks the extractor
    when none is given."""
    if jobs > 1:
        from geokg.parallel import extract_parallel

        extractor = extractor or build_extractor(engine)
        results = extract_parallel(articles, jobs, extractor, raise_errors=report.debug)
    else:
        built = [extractor] if extractor else []  # built at the first article, not before

        def extract(article: Article) -> GraphFragment | Exception:
            if not built:
                built.append(build_extractor(engine))
            return extract_or_error(built[0], article, report.debug)

        results = ((a, a if isinstance(a, GraphFragment) else extract(a)) for a in articles)
    for article, fragment in results:
        if isinstance(article, GraphFragment):
            report.relations += len(article.relations)
            yield article
            continue
        if isinstance(fragment, Exception):  # one article must not stop the run
            exc = fragment
            detail = (str(exc).splitlines() or [""])[0][:200]
            report.errors.append(f"{article.source or article.id}: cannot extract article "
                                 f"{article.id} ({type(exc).__name__}: {detail})")
            continue
        report.relations += len(fragment.relations)
        for item in fragment.unresolved:
            if item.text == "(relative dates)":
                report.warnings.append(f"{article.source or article.id}: {item.reason}")
        yield fragment


def extract_paths(paths: list[str | Path], published: dt.date | None = None,
                  report: RunReport | None = None, *, strict: bool = False,
                  max_bytes: int | None = None, jobs: int = 1,
                  engine: str | None = None) -> GraphFragment:
    """The merged fragment of all articles under `paths` (no store)."""
    report = report if report is not None else RunReport()
    merged = GraphFragment()
    files = list_files(paths, report)
    articles = read_articles(files, report, published, strict=strict, max_bytes=max_bytes)
    for fragment in extract_articles(articles, report, jobs=jobs, engine=engine):
        merged.merge(fragment)
    return merged


def ingest_paths(store: GraphStore, paths: list[str | Path], published: dt.date | None = None,
                 report: RunReport | None = None, *, strict: bool = False,
                 max_bytes: int | None = None, jobs: int = 1,
                 batch: int = DEFAULT_BATCH, engine: str | None = None) -> RunReport:
    """Extract every article under `paths` and upsert it (`batch` articles per transaction)."""
    report = report if report is not None else RunReport()
    return ingest_files(store, list_files(paths, report), report, published, strict=strict,
                        max_bytes=max_bytes, jobs=jobs, batch=batch, engine=engine)


def ingest_files(store: GraphStore, files: Iterable[Path | str], report: RunReport,
                 published: dt.date | None = None,
                 on_file: Callable[[Path], None] | None = None, *, strict: bool = False,
                 max_bytes: int | None = None, jobs: int = 1,
                 batch: int = DEFAULT_BATCH, engine: str | None = None) -> RunReport:
    """Extract every article of `files` and upsert it, streaming: with `jobs` > 1 worker
    processes extract and this process writes the fragments in input order as they come
    back, up to `batch` whole articles per transaction (`GraphStore.upsert_many`; memory
    holds one batch at most). An article the store refuses becomes a report error and the
    others are stored; a store that fails as a whole (`StoreUnavailable`) raises."""
    articles = read_articles(files, report, published, on_file, strict=strict,
                             max_bytes=max_bytes)

    def refused(where: str, error: StoreError) -> None:
        report.errors.append(f"{where}: not stored ({error})")

    stored = store.upsert_many(extract_articles(articles, report, jobs=jobs, engine=engine),
                               batch, refused)
    report.stored.add(stored)
    report.warnings.extend(stored.warnings)
    return report
