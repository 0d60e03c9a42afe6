"""The embedded store's rows written straight into its SQLite schema, without the store:
the baseline writer of the speed benchmark and the bulk writer of the scale benchmark."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

Rows = tuple[list, list, list, list, list]

# Per table, in the order `rows` returns them; evidence finds its relation by identity.
INSERTS = (
    "INSERT OR IGNORE INTO articles (id, title, url, published, source, text) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "INSERT OR IGNORE INTO entities (id, name, type, aliases, country, wikidata, roles) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "INSERT OR IGNORE INTO relations (source, type, target, date, category, status, "
    "properties, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT OR IGNORE INTO evidence (relation, article, sentence, char_start, char_end, rule, "
    "date) SELECT id, ?, ?, ?, ?, ?, nullif(?, '') FROM relations "
    "WHERE source = ? AND type = ? AND target = ? AND date = ?",
    "INSERT OR IGNORE INTO mentions (article_id, entity_id) VALUES (?, ?)")


def rows(fragment: Any) -> Rows:
    """The rows the embedded store writes for one single-article fragment: articles,
    entities, relations, evidence (keyed by its relation's identity), mentions."""
    article = fragment.articles[0]
    return (
        [(article.id, article.title, article.url,
          article.published.isoformat() if article.published else None, article.source,
          article.text)],
        [(e.id, e.name, e.type.value, json.dumps(e.aliases), e.country, e.wikidata,
          json.dumps(e.roles)) for e in fragment.entities],
        [(r.source, r.type, r.target, r.date or "", r.category, r.status.value,
          json.dumps(r.properties, ensure_ascii=False), r.confidence)
         for r in fragment.relations],
        [(e.article, e.sentence, e.start, e.end, e.rule, e.date or r.date or "",
          r.source, r.type, r.target, r.date or "")
         for r in fragment.relations for e in r.evidence],
        sorted({(article.id, end) for r in fragment.relations for end in (r.source, r.target)}))


def connect(path: Path, synchronous: str) -> sqlite3.Connection:
    """A connection (autocommit, WAL) to `path` holding the embedded store's schema."""
    from geokg.graph.embedded import _SCHEMA

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous}")
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    return conn


def write(conn: sqlite3.Connection, group: Rows) -> None:
    """One fragment's rows (`rows`), in the caller's transaction."""
    for statement, values in zip(INSERTS, group, strict=True):
        conn.executemany(statement, values)
