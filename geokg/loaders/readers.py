"""Reading article files: their bytes (with the size limit), article ids, and the loaders of
plain text / Markdown (with a `date YYYY-MM-DD` header) and JSON Lines."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from geokg.graph.errors import LoadError, UsageError
from geokg.graph.model import Article
from geokg.loaders.items import LoadItem, ReadIssue, Text
from geokg.loaders.payload import Payload

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the default; the limit in force is `max_file_bytes()`
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_FRONT_FIELD = re.compile(r"^(title|url|date|published|source):\s*(.+?)\s*$", re.IGNORECASE)


def article_id(url: str | None, text: str) -> str:
    """Stable id: sha1 of the URL, else of the whitespace-normalized text (16 hex)."""
    basis = url or " ".join(text.split())
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def max_file_bytes() -> int:
    """The input size limit in force: `$GEOKG_MAX_FILE_BYTES`, else 50 MiB."""
    raw = os.environ.get("GEOKG_MAX_FILE_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(f"GEOKG_MAX_FILE_BYTES={raw!r} is not a positive number of bytes")
    return value


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes` (default `max_file_bytes()`);
    LoadError (one line naming the file) for a missing, special, unreadable or too big file.
    Never reads more than the limit, even from a file that grows meanwhile."""
    limit = max_bytes if max_bytes is not None else max_file_bytes()
    hint = "use --max-bytes or GEOKG_MAX_FILE_BYTES to allow more"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(path, "not a regular file")
        if info.st_size > limit:
            raise LoadError(path, f"file is {info.st_size} bytes, over the limit of {limit} "
                                  f"({hint})")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise LoadError(path, "no such file") from None
    except OSError as exc:
        raise LoadError(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise LoadError(path, f"file is over the limit of {limit} bytes ({hint})")
    return data


def _decode(payload: Payload) -> str:
    if b"\x00" in payload.data:
        raise LoadError(payload.name, "binary file, not text")
    try:
        return payload.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = payload.data.count(b"\n", 0, exc.start) + 1
        raise LoadError(payload.name, f"not valid UTF-8 (byte {exc.start})", line=line) from None


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


class _ByExtension:
    """A loader of files known by their extension (never sniffed, never a URL)."""

    suffixes: tuple[str, ...] = ()

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool:
        return bool(file_name) and Path(file_name).suffix.lower() in self.suffixes


class TextLoader(_ByExtension):
    """Plain text and Markdown files: one article each (`parse_text`); also every file that
    no other loader takes."""

    name = "text"
    suffixes = TEXT_SUFFIXES

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[Text]:
        source = payload.file_name or payload.name
        try:
            yield Text(parse_text(_decode(payload), source, published))
        except LoadError as exc:
            if exc.path != source:
                raise
            raise LoadError(payload.name, exc.message, exc.line) from None


def _jsonl_article(line: str, file_name: str, published: dt.date | None) -> Article:
    """The article of one JSON line; ValueError says what is wrong with it."""
    try:
        record = json.loads(line)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError("a JSON object per line is expected")
    for name, kinds in (("text", (str,)), ("url", (str,)), ("id", (str, int))):
        if record.get(name) is not None and (isinstance(record[name], bool)
                                             or not isinstance(record[name], kinds)):
            raise ValueError(f"'{name}' should be a string")
    text = (record.get("text") or "").strip()
    if not text:
        raise ValueError("no 'text'")
    day = record.get("published") or record.get("date")
    article = Article(
        id=str(record.get("id") or article_id(record.get("url"), text)),
        title=record.get("title"), url=record.get("url"),
        published=dt.date.fromisoformat(str(day)[:10]) if day else published,
        source=record.get("source") or file_name, text=text)
    for name in ("id", "title", "url", "source", "text"):
        if _SURROGATE.search(getattr(article, name) or ""):
            raise ValueError(f"'{name}' holds a \\uD800-\\uDFFF escape that is not a "
                             "character (lone surrogate)")
    return article


class JsonLinesLoader(_ByExtension):
    """JSON Lines files: one article per line (`text`, optional `id`, `title`, `url`,
    `published`, `source`); bad lines come out as ReadIssue (file and line) and the rest
    still load, unless `payload.strict`: then a file with any bad line yields its issues
    and no article. Lines end at "\\n" only (U+2028 and other Unicode line breaks are
    allowed inside JSON strings). A file without any record is a LoadError."""

    name = "jsonl"
    suffixes = JSONL_SUFFIXES

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[LoadItem]:
        if b"\x00" in payload.data:
            raise LoadError(payload.name, "binary file, not text")
        texts: list[Text] = []
        issues: list[ReadIssue] = []
        lines = payload.data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                text = Text(_jsonl_record(raw, number, payload, published))
            except LoadError as exc:
                issues.append(ReadIssue(exc))
                if not payload.strict:
                    yield issues[-1]
                continue
            if payload.strict:
                texts.append(text)
            else:
                yield text
        if not any(raw.strip() for raw in lines):
            raise LoadError(payload.name, "empty file (no JSON lines)")
        if payload.strict and issues:
            yield from issues
            yield ReadIssue(LoadError(payload.name, f"{len(issues)} bad line(s), so nothing "
                                                    "of this file was loaded (--strict)"))
        elif payload.strict:
            yield from texts


def _jsonl_record(raw: bytes, number: int, payload: Payload,
                  published: dt.date | None) -> Article:
    """The article of one JSON line; LoadError (file and line) says what is wrong with it."""
    try:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not valid UTF-8 (byte {exc.start} of the line)") from None
        return _jsonl_article(line, payload.file_name or payload.name, published)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        message = f"'{where}': {error['msg']}"
    except ValueError as exc:
        message = (str(exc).splitlines() or [type(exc).__name__])[0]
    raise LoadError(payload.name, f"malformed JSON line: {message}", line=number)
