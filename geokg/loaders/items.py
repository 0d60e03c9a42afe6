"""What a loader yields: one small type per kind of item, each handed to its own method of an
`ItemHandler` (so that whoever reads a stream of items needs no `isinstance` chain).

    Text(article)        an article whose text the event coder reads
    Coded(fragment)      a graph fragment made from coded data (GDELT), stored as it is
    ReadIssue(error)     a record skipped; the rest of its input still loads
    LoadWarning(message) something worth telling that is not an error

`Text` and `Coded` are the `Document`s that go on to extraction: `extracted(extract)` is the
fragment of either (`extract` is called for a `Text` only). `sort_items` reads a stream into
lists by kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, TypeVar

from geokg.graph.errors import LoadError
from geokg.graph.model import Article, GraphFragment

T_co = TypeVar("T_co", covariant=True)


class ItemHandler(Protocol[T_co]):
    """One method per kind of item."""

    def text(self, item: Text) -> T_co: ...

    def coded(self, item: Coded) -> T_co: ...

    def issue(self, item: ReadIssue) -> T_co: ...

    def warning(self, item: LoadWarning) -> T_co: ...


@dataclass(frozen=True)
class Text:
    """An article to extract."""

    article: Article
    needs_extractor: ClassVar[bool] = True

    def handled_by(self, handler: ItemHandler[T_co]) -> T_co:
        return handler.text(self)

    def extracted(self, extract: Callable[[Article], GraphFragment]) -> GraphFragment:
        """The article's fragment: `extract(article)`."""
        return extract(self.article)

    @property
    def size(self) -> int:
        """Characters of text to extract."""
        return len(self.article.text)

    @property
    def where(self) -> str:
        """What messages about it start with: the article's source, else its id."""
        return self.article.source or self.article.id

    @property
    def what(self) -> str:
        """What an extraction error names: the article and its id."""
        return f"article {self.article.id}"


@dataclass(frozen=True)
class Coded:
    """A fragment ready to store (events coded elsewhere, e.g. GDELT's)."""

    fragment: GraphFragment
    needs_extractor: ClassVar[bool] = False
    size: ClassVar[int] = 0
    where: ClassVar[str] = "coded events"  # (never extracted, so never named in a message)
    what: ClassVar[str] = "coded events"

    def handled_by(self, handler: ItemHandler[T_co]) -> T_co:
        return handler.coded(self)

    def extracted(self, extract: Callable[[Article], GraphFragment]) -> GraphFragment:
        """The fragment itself (nothing to extract)."""
        return self.fragment


@dataclass(frozen=True)
class ReadIssue:
    """A record skipped while the rest of its input still loads."""

    error: LoadError

    def handled_by(self, handler: ItemHandler[T_co]) -> T_co:
        return handler.issue(self)


@dataclass(frozen=True)
class LoadWarning:
    """Something worth telling that is not an error (e.g. GDELT events skipped)."""

    message: str

    def handled_by(self, handler: ItemHandler[T_co]) -> T_co:
        return handler.warning(self)


Document = Text | Coded
LoadItem = Text | Coded | ReadIssue | LoadWarning


@dataclass
class Sorted:
    """The items of a stream sorted by kind, in order within each kind (an `ItemHandler`)."""

    articles: list[Article] = field(default_factory=list)
    fragments: list[GraphFragment] = field(default_factory=list)
    issues: list[LoadError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def text(self, item: Text) -> None:
        self.articles.append(item.article)

    def coded(self, item: Coded) -> None:
        self.fragments.append(item.fragment)

    def issue(self, item: ReadIssue) -> None:
        self.issues.append(item.error)

    def warning(self, item: LoadWarning) -> None:
        self.warnings.append(item.message)


def sort_items(items: Iterable[LoadItem]) -> Sorted:
    """Read a stream of items into lists by kind."""
    lists = Sorted()
    for item in items:
        item.handled_by(lists)
    return lists
