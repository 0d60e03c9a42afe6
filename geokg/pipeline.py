"""The Python API: read articles, extract fragments, ingest them into a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geokg.graph.model import Article, GraphFragment
from geokg.graph.store import GraphStore, UpsertReport
from geokg.loaders.extractor import Extractor
from geokg.loaders.readers import LoadError, ReadIssue, expand, read_file


@dataclass
class RunReport:
    """What a run read, made and could not read."""

    files: int = 0
    articles: int = 0
    relations: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stored: UpsertReport = field(default_factory=UpsertReport)


def list_files(paths: list[str | Path], report: RunReport) -> list[Path]:
    """Expand paths into files; missing paths become errors in the report."""
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(expand([path]))
        except LoadError as exc:
            report.errors.append(str(exc))
    return files


def read_articles(files: list[Path], report: RunReport, published: dt.date | None = None,
                  on_file: Callable[[Path], None] | None = None) -> Iterator[Article]:
    """Articles of the files, in order; unreadable files and records become report errors."""
    for path in files:
        report.files += 1
        try:
            for item in read_file(path, published):
                if isinstance(item, ReadIssue):
                    report.errors.append(str(item.error))
                else:
                    report.articles += 1
                    yield item
        except LoadError as exc:
            report.errors.append(str(exc))
        if on_file:
            on_file(path)


def extract_articles(articles: Iterator[Article], report: RunReport,
                     extractor: Extractor | None = None) -> Iterator[GraphFragment]:
    """One fragment per article; warnings (e.g. undated relative expressions) are reported."""
    extractor = extractor or Extractor()
    for article in articles:
        fragment = extractor.extract(article)
        report.relations += len(fragment.relations)
        for item in fragment.unresolved:
            if item.text == "(relative dates)":
                report.warnings.append(f"{article.source or article.id}: {item.reason}")
        yield fragment


def extract_paths(paths: list[str | Path], published: dt.date | None = None,
                  report: RunReport | None = None) -> GraphFragment:
    """The merged fragment of all articles under `paths` (no store)."""
    report = report if report is not None else RunReport()
    merged = GraphFragment()
    files = list_files(paths, report)
    for fragment in extract_articles(read_articles(files, report, published), report):
        merged.merge(fragment)
    return merged


def ingest_paths(store: GraphStore, paths: list[str | Path], published: dt.date | None = None,
                 report: RunReport | None = None) -> RunReport:
    """Extract every article under `paths` and upsert it (one transaction per article)."""
    report = report if report is not None else RunReport()
    return ingest_files(store, list_files(paths, report), report, published)


def ingest_files(store: GraphStore, files: list[Path], report: RunReport,
                 published: dt.date | None = None,
                 on_file: Callable[[Path], None] | None = None) -> RunReport:
    """Extract every article of `files` and upsert it (one transaction per article)."""
    for fragment in extract_articles(read_articles(files, report, published, on_file), report):
        stored = store.upsert(fragment)
        for name in ("articles_added", "articles_skipped", "entities_added",
                     "relations_added", "evidence_added"):
            setattr(report.stored, name, getattr(report.stored, name) + getattr(stored, name))
        report.warnings.extend(stored.warnings)
    return report
