"""The loader registry: which loader reads an input, chosen by content sniffing, HTTP content
type and file name.

A loader turns the bytes of one input into items: `Article`s (the pipeline extracts them),
ready `GraphFragment`s (the pipeline stores them as they are, e.g. GDELT events),
`ReadIssue`s (a bad record; the rest of the input still loads) and `LoadWarning`s. It has

    name       short name ("html", "feed", "gdelt")
    suffixes   file name endings that folders include (".html", ".export.csv.zip")
    matches(head, *, file_name=None, content_type=None) -> bool
               head: the first bytes; file_name: the file's name (None for a URL);
               content_type: the HTTP media type (None for a file)
    load(payload, published) -> Iterator[item]
               payload: a `Payload`; published: the date for inputs that carry none

`LOADERS` is tried in order and the first match reads the input; add a loader with
`register()` and the CLI, `geokg.pipeline` and folder walks pick it up. Files that no loader
claims (text, Markdown, JSON Lines and unknown extensions) are read by `geokg.loaders.readers`
as before; URLs that no loader claims are an error.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from geokg.graph.model import Article, GraphFragment
from geokg.loaders.fetch import display_url, fetch, is_url
from geokg.loaders.gdelt import GdeltLoader
from geokg.loaders.payload import LoadWarning, Payload
from geokg.loaders.readers import JSONL_SUFFIXES, TEXT_SUFFIXES, LoadError, ReadIssue, read_bytes
from geokg.loaders.web import FeedLoader, HtmlLoader

HEAD_BYTES = 8192
__all__ = ["LOADERS", "Item", "LoadWarning", "Loader", "Payload", "load", "load_file",
           "load_url", "loader_for", "register", "wanted_in_folder"]


Item = Article | GraphFragment | ReadIssue | LoadWarning


class Loader(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool: ...

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[Item]: ...


LOADERS: list[Loader] = [GdeltLoader(), FeedLoader(), HtmlLoader()]


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


def load_file(path: Path, published: dt.date | None = None,
              max_bytes: int | None = None) -> Iterator[Item] | None:
    """The items of a file a registered loader takes, or None when none does (text,
    Markdown and JSON Lines files are never sniffed: their extension decides)."""
    if path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
        return None
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None  # never open a pipe or a device: the readers refuse it
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None  # the readers report why the file cannot be read
    loader = loader_for(head, file_name=path.name)
    if loader is None:
        return None
    return _load_path(loader, path, published, max_bytes)


def _load_path(loader: Loader, path: Path, published: dt.date | None,
               max_bytes: int | None) -> Iterator[Item]:
    data = read_bytes(path, max_bytes)
    yield from loader.load(Payload(name=str(path), data=data, file_name=path.name,
                                   max_bytes=max_bytes), published)


def load_url(url: str, published: dt.date | None = None, max_bytes: int | None = None,
             timeout: float | None = None) -> Iterator[Item]:
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
         max_bytes: int | None = None) -> Iterator[Item]:
    """The items of a URL or a file (files no loader takes are read as text/JSON Lines)."""
    if is_url(source):
        yield from load_url(str(source), published, max_bytes)
        return
    from geokg.loaders.readers import read_file

    yield from read_file(Path(source), published, max_bytes=max_bytes)
