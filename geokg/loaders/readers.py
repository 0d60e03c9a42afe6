"""Readers for article files: plain text and Markdown (with a `date YYYY-MM-DD` header),
JSON Lines, and folders of them (recursive)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from geokg.graph.model import Article

if TYPE_CHECKING:
    from geokg.graph.model import GraphFragment
    from geokg.loaders.payload import LoadWarning

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_BYTES = DEFAULT_MAX_BYTES  # the default; the limit in force is `max_file_bytes()`
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_FRONT_FIELD = re.compile(r"^(title|url|date|published|source):\s*(.+?)\s*$", re.IGNORECASE)


class LoadError(Exception):
    """A file or record that cannot be read; `str()` is one line naming file (and line)."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


@dataclass
class ReadIssue:
    """A record skipped while the rest of its file still loads."""

    error: LoadError


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
        raise ValueError(f"GEOKG_MAX_FILE_BYTES={raw!r} is not a positive number of bytes")
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


def _decode(path: Path, max_bytes: int | None = None) -> str:
    data = read_bytes(path, max_bytes)
    if b"\x00" in data:
        raise LoadError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(path, f"not valid UTF-8 (byte {exc.start})", line=line) from None


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


def read_text_file(path: Path, published: dt.date | None = None,
                   max_bytes: int | None = None) -> Article:
    """One article from a .txt or .md file; errors name the path as given."""
    try:
        return parse_text(_decode(path, max_bytes), path.name, published)
    except LoadError as exc:
        if exc.path != path.name:
            raise
        raise LoadError(path, exc.message, exc.line) from None


def _jsonl_article(line: str, path: Path, published: dt.date | None) -> Article:
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
        source=record.get("source") or path.name, text=text)
    for name in ("id", "title", "url", "source", "text"):
        if _SURROGATE.search(getattr(article, name) or ""):
            raise ValueError(f"'{name}' holds a \\uD800-\\uDFFF escape that is not a "
                             "character (lone surrogate)")
    return article


def read_jsonl(path: Path, published: dt.date | None = None, *, strict: bool = False,
               max_bytes: int | None = None) -> Iterator[Article | ReadIssue]:
    """Articles from a JSON Lines file; bad lines come out as ReadIssue (file and line) and
    the rest still load, unless `strict`: then a file with any bad line yields its issues
    and no article. Lines end at "\\n" only (U+2028 and other Unicode line breaks are
    allowed inside JSON strings). A file without any record is a LoadError."""
    data = read_bytes(path, max_bytes)
    if b"\x00" in data:
        raise LoadError(path, "binary file, not text")
    items: list[Article | ReadIssue] = []
    records = 0
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        if not raw.strip():
            continue
        records += 1
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid UTF-8 (byte {exc.start} of the line)") from None
            item: Article | ReadIssue = _jsonl_article(line, path, published)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            item = ReadIssue(LoadError(path, f"malformed JSON line: '{where}': {error['msg']}",
                                       line=number))
        except ValueError as exc:
            message = (str(exc).splitlines() or [type(exc).__name__])[0]
            item = ReadIssue(LoadError(path, f"malformed JSON line: {message}", line=number))
        if strict:
            items.append(item)
        else:
            yield item
    if not records:
        raise LoadError(path, "empty file (no JSON lines)")
    issues = [i for i in items if isinstance(i, ReadIssue)]
    if issues:
        yield from issues
        yield ReadIssue(LoadError(path, f"{len(issues)} bad line(s), so nothing of this file "
                                        "was loaded (--strict)"))
    else:
        yield from items


def expand(paths: list[str | Path],
           problems: list[LoadError] | None = None) -> Iterator[Path]:
    """Files named directly, plus supported files under folders (recursive, sorted, links to
    folders not followed so that loops cannot happen). A subfolder that cannot be listed is
    appended to `problems` (when given; else raised) and the walk goes on."""
    def unlistable(exc: OSError) -> None:
        error = LoadError(exc.filename or path, f"cannot list folder ({exc.strerror or exc})")
        if problems is None:
            raise error
        problems.append(error)

    from geokg.loaders.registry import wanted_in_folder  # the registry builds on this module

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False, onerror=unlistable):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED or wanted_in_folder(name):
                        yield Path(root) / name
        elif not path.exists():
            raise LoadError(path, "no such file or folder")
        else:
            yield path


def read_file(path: Path, published: dt.date | None = None, *, strict: bool = False,
              max_bytes: int | None = None
              ) -> Iterator[Article | ReadIssue | GraphFragment | LoadWarning]:
    """Articles of one file, chosen by extension (unknown extensions read as text); see
    `read_jsonl` for `strict`, `read_bytes` for `max_bytes`. Files a loader of
    `geokg.loaders.registry` takes (HTML, feeds, GDELT exports) are read by it."""
    from geokg.loaders.registry import load_file  # the registry builds on this module

    items = load_file(path, published, max_bytes)
    if items is not None:
        yield from items
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path, published, strict=strict, max_bytes=max_bytes)
    else:
        yield read_text_file(path, published, max_bytes)
