"""Readers for article files: plain text and Markdown (with a `date YYYY-MM-DD` header),
JSON Lines, and folders of them (recursive)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from geokg.graph.model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES
MAX_BYTES = int(os.environ.get("GEOKG_MAX_FILE_BYTES", 50 * 1024 * 1024))
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_FRONT_FIELD = re.compile(r"^(title|url|date|published|source):\s*(.+?)\s*$", re.IGNORECASE)


class LoadError(Exception):
    """A file or record that cannot be read; `str()` is one line naming file (and line)."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = str(path), line


@dataclass
class ReadIssue:
    """A record skipped while the rest of its file still loads."""

    error: LoadError


def article_id(url: str | None, text: str) -> str:
    """Stable id: sha1 of the URL, else of the whitespace-normalized text (16 hex)."""
    basis = url or " ".join(text.split())
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror})") from None
    if size > MAX_BYTES:
        raise LoadError(path, f"file is {size} bytes, over the limit of {MAX_BYTES} "
                              "(set GEOKG_MAX_FILE_BYTES)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror})") from None
    if b"\x00" in data[:8192]:
        raise LoadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(path, f"not valid UTF-8 (byte {exc.start})") from None


def parse_text(raw: str, source: str, published: dt.date | None = None) -> Article:
    """A text/Markdown article: optional `date YYYY-MM-DD` header or `key: value` front
    matter, optional Markdown `# Title`; the rest is the text."""
    fields: dict[str, str] = {}
    body = raw
    header = _DATE_HEADER.match(body)
    if header:
        fields["date"] = header.group(1)
        body = body[header.end():]
    elif body.lstrip().startswith("---"):
        block, _, rest = body.lstrip()[3:].partition("\n---")
        for line in block.splitlines():
            match = _FRONT_FIELD.match(line.strip())
            if match:
                fields[match.group(1).lower()] = match.group(2).strip("\"'")
        body = rest.lstrip("\n") if rest else body
    title_line = re.match(r"^\s*#\s+(.+)\n", body)
    if title_line:
        fields.setdefault("title", title_line.group(1).strip())
        body = body[title_line.end():]
    body = body.strip()
    if not body:
        raise LoadError(source, "empty article (no text)")
    date_text = fields.get("date") or fields.get("published")
    try:
        day = dt.date.fromisoformat(date_text) if date_text else published
    except ValueError:
        raise LoadError(source, f"bad date {date_text!r} (want YYYY-MM-DD)") from None
    return Article(id=article_id(fields.get("url"), body), title=fields.get("title"),
                   url=fields.get("url"), published=day, source=fields.get("source", source),
                   text=body)


def read_text_file(path: Path, published: dt.date | None = None) -> Article:
    """One article from a .txt or .md file."""
    return parse_text(_decode(path), path.name, published)


def read_jsonl(path: Path, published: dt.date | None = None) -> Iterator[Article | ReadIssue]:
    """Articles from a JSON Lines file; bad lines come out as ReadIssue, the rest still load."""
    for number, line in enumerate(_decode(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a JSON object per line is expected")
            text = str(record.get("text") or "").strip()
            if not text:
                raise ValueError("no 'text'")
            day = record.get("published") or record.get("date")
            yield Article(
                id=str(record.get("id") or article_id(record.get("url"), text)),
                title=record.get("title"), url=record.get("url"),
                published=dt.date.fromisoformat(str(day)[:10]) if day else published,
                source=record.get("source") or path.name, text=text)
        except (ValueError, ValidationError) as exc:
            message = str(exc).splitlines()[0]
            yield ReadIssue(LoadError(path, f"malformed JSON line: {message}", line=number))


def expand(paths: list[str | Path]) -> Iterator[Path]:
    """Files named directly, plus supported files under folders (recursive, sorted, links to
    folders not followed so that loops cannot happen)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED:
                        yield Path(root) / name
        elif not path.exists():
            raise LoadError(path, "no such file or folder")
        else:
            yield path


def read_file(path: Path, published: dt.date | None = None) -> Iterator[Article | ReadIssue]:
    """Articles of one file, chosen by extension (unknown extensions read as text)."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, published)
    else:
        yield read_text_file(path, published)
