"""The loader registry, the single entry point for reading inputs: which loader reads a file
or a URL, chosen by file name, HTTP content type and content sniffing; and folder walks.

A loader turns the bytes of one input into items (`geokg.loaders.items`): `Text`s (articles
the pipeline extracts), `Coded` fragments (stored as they are, e.g. GDELT events),
`ReadIssue`s (a bad record; the rest of the input still loads) and `LoadWarning`s. It has

    name       short name ("text", "jsonl", "html", "feed", "gdelt")
    suffixes   file name endings that folders include (".html", ".export.csv.zip")
    matches(head, *, file_name=None, content_type=None) -> bool
               head: the first bytes; file_name: the file's name (None for a URL);
               content_type: the HTTP media type (None for a file)
    load(payload, published) -> Iterator[item]
               payload: a `Payload`; published: the date for inputs that carry none

`LOADERS` is tried in order and the first match reads the input: text, Markdown and JSON Lines
files by their extension, then GDELT exports, feeds and HTML by content. A file that no loader
claims is read as text; a URL that no loader claims is an error. Add a loader with `register()`
and the CLI, `geokg.pipeline` and folder walks pick it up.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from geokg.graph.errors import LoadError
from geokg.loaders.fetch import display_url, fetch, is_url
from geokg.loaders.gdelt import GdeltLoader
from geokg.loaders.items import LoadItem
from geokg.loaders.payload import Payload
from geokg.loaders.readers import JsonLinesLoader, TextLoader, read_bytes
from geokg.loaders.web import FeedLoader, HtmlLoader

HEAD_BYTES = 8192


class Loader(Protocol):
    """Reads one kind of input (see the module docstring)."""

    name: str
    suffixes: tuple[str, ...]

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool: ...

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[LoadItem]: ...


TEXT = TextLoader()  # also reads the files that no loader claims
LOADERS: list[Loader] = [TEXT, JsonLinesLoader(), GdeltLoader(), FeedLoader(), HtmlLoader()]


def register(loader: Loader, *, first: bool = True) -> None:
    """Add a loader; `first` puts it before the built-in ones."""
    if first:
        LOADERS.insert(0, loader)
    else:
        LOADERS.append(loader)


def folder_suffixes() -> tuple[str, ...]:
    """File name endings (lower case) that the registered loaders read in folders."""
    return tuple(sorted({s.lower() for loader in LOADERS for s in loader.suffixes}))


def wanted_in_folder(name: str) -> bool:
    """Whether a folder walk should include a file of this name for a registered loader."""
    return name.lower().endswith(folder_suffixes())


def loader_for(head: bytes, *, file_name: str | None = None,
               content_type: str | None = None) -> Loader | None:
    """The first registered loader that takes this input, or None."""
    for loader in LOADERS:
        if loader.matches(head, file_name=file_name, content_type=content_type):
            return loader
    return None


def _head(path: Path) -> bytes:
    """The first bytes of a regular file; b"" for anything else (`read_bytes` says why)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return b""  # never open a pipe or a device
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""


def load_file(path: Path, published: dt.date | None = None, max_bytes: int | None = None,
              *, strict: bool = False) -> Iterator[LoadItem]:
    """The items of a file, read by the first loader that takes it (else as text);
    `max_bytes`: the size limit (`read_bytes`); `strict`: see `Payload`."""
    loader = loader_for(_head(path), file_name=path.name) or TEXT
    data = read_bytes(path, max_bytes)
    yield from loader.load(Payload(name=str(path), data=data, file_name=path.name,
                                   max_bytes=max_bytes, strict=strict), published)


def load_url(url: str, published: dt.date | None = None, max_bytes: int | None = None,
             timeout: float | None = None) -> Iterator[LoadItem]:
    """Fetch a URL and read it with the loader its content type and content call for."""
    fetched = fetch(url, timeout=timeout, max_bytes=max_bytes)
    loader = loader_for(fetched.data[:HEAD_BYTES], content_type=fetched.content_type)
    if loader is None:
        kind = fetched.content_type or "no content type"
        raise LoadError(display_url(url), f"not an HTML page, an RSS/Atom feed or a GDELT "
                                          f"export ({kind})")
    payload = Payload(name=display_url(url), data=fetched.data, url=fetched.url,
                      content_type=fetched.content_type, max_bytes=max_bytes)
    yield from loader.load(payload, published)


def load(source: str | Path, published: dt.date | None = None,
         max_bytes: int | None = None, *, strict: bool = False) -> Iterator[LoadItem]:
    """The items of a URL or a file."""
    if is_url(source):
        yield from load_url(str(source), published, max_bytes)
    else:
        yield from load_file(Path(source), published, max_bytes, strict=strict)


def expand(paths: list[str | Path],
           problems: list[LoadError] | None = None) -> Iterator[Path]:
    """Files named directly, plus the files under folders that a loader reads (recursive,
    sorted, links to folders not followed so that loops cannot happen). A subfolder that
    cannot be listed is appended to `problems` (when given; else raised) and the walk goes
    on."""
    def unlistable(exc: OSError) -> None:
        error = LoadError(exc.filename or path, f"cannot list folder ({exc.strerror or exc})")
        if problems is None:
            raise error
        problems.append(error)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False, onerror=unlistable):
                dirs.sort()
                yield from (Path(root) / name for name in sorted(files) if wanted_in_folder(name))
        elif not path.exists():
            raise LoadError(path, "no such file or folder")
        else:
            yield path
