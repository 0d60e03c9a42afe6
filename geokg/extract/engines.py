"""Engine choice: which event coder (`parse` on a spaCy pipeline, or `rules`) extracts articles.

`--engine parse|rules`, else `$GEOKG_ENGINE`, else `parse` when an English spaCy pipeline with
a parser is installed (`$GEOKG_SPACY_MODEL`, else the first installed of
`geokg.extract.parse.model.KNOWN_MODELS`), else `rules` with a one-line notice on stderr.
Both engines have `extract(article) -> GraphFragment` and `forget()`; `extract_many` runs
either over many articles (the parse engine batches them through `nlp.pipe`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Protocol

from geokg.extract.parse.model import find_model, missing_message
from geokg.graph.errors import GeokgError, UsageError
from geokg.graph.model import Article, GraphFragment

ENGINES = ("parse", "rules")
ENGINE_ENV = "GEOKG_ENGINE"
_noticed: list[str] = []


class EngineUnavailable(GeokgError):
    """The engine asked for cannot run here (e.g. `parse` without a spaCy model)."""


class EventExtractor(Protocol):
    """What both engines offer."""

    def extract(self, article: Article) -> GraphFragment: ...

    def forget(self) -> None: ...


def _notice(message: str) -> None:
    """Say `message` on stderr once per process."""
    if message not in _noticed:
        _noticed.append(message)
        print(f"geokg: {message}", file=sys.stderr)


def choose_engine(requested: str | None = None) -> tuple[str, str | None]:
    """(engine, spaCy model name or None) for an explicit request, $GEOKG_ENGINE or the
    default. Raises EngineUnavailable when `parse` is forced and no model is installed, and
    UsageError (a ValueError) for an unknown engine name."""
    name = (requested or os.environ.get(ENGINE_ENV, "") or "").strip().lower() or None
    if name is not None and name not in ENGINES:
        raise UsageError(f"unknown engine {name!r} (choose one of: {', '.join(ENGINES)})")
    if name == "rules":
        return "rules", None
    model = find_model()
    if model is not None:
        return "parse", model
    if name == "parse":
        raise EngineUnavailable(f"--engine parse: {missing_message()}")
    _notice(f"using the rules engine: {missing_message()}")
    return "rules", None


def build_extractor(engine: str | None = None) -> EventExtractor:
    """A new extractor for `engine` (None: the default choice, see `choose_engine`)."""
    chosen, model = choose_engine(engine)
    if chosen == "parse":
        from geokg.extract.parse.engine import ParseExtractor

        return ParseExtractor(model)
    from geokg.extract.extractor import Extractor

    return Extractor()


def extract_many(extractor: EventExtractor, articles: Iterable[Article]) -> Iterator[GraphFragment]:
    """One fragment per article, in order: batched when the engine can batch."""
    batched = getattr(extractor, "extract_many", None)
    if batched is not None:
        yield from batched(articles)
    else:
        yield from (extractor.extract(article) for article in articles)
