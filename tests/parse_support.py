"""Shared by the parse-engine tests: the spaCy model they need, loaded once per session, and
the one runner of their cases (extract a sentence, read its edges)."""

from __future__ import annotations

import datetime as dt
import functools
import os

import pytest

from geokg.extract.parse.model import find_model, missing_message

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PUBLISHED = dt.date(2024, 3, 15)  # a Friday


def require_parse_model() -> str:
    """The installed spaCy model's name. Without one the test fails in CI (the model is part
    of the CI install) and is skipped elsewhere, saying how to install it."""
    model = find_model()
    if model is None:
        if IN_CI:
            pytest.fail(f"the parse engine needs a spaCy model in CI: {missing_message()}")
        pytest.skip(missing_message())
    return model


@functools.cache
def parse_extractor():
    """The parse engine on the installed model, built once per session."""
    from geokg.extract.parse.engine import ParseExtractor

    return ParseExtractor(require_parse_model())


def parse_extract(text: str, published: dt.date | None = PUBLISHED):
    """The parse engine's fragment of one article published on `published`, with no memory
    of the articles extracted before it (each case stands alone)."""
    from geokg.graph.model import Article

    extractor = parse_extractor()
    extractor.forget()
    return extractor.extract(Article(id="t", published=published, text=text))


def edges(fragment, titles: bool = False) -> set[tuple]:
    """(source, type, target, status, date) of the event edges; with `titles`, also the
    standing LEADS/MEMBER_OF ties that titles give."""
    return {(r.source, r.type, r.target, r.status.value, r.date) for r in fragment.relations
            if titles or not r.evidence[0].rule.endswith(":title")}


def facts(fragment) -> set[tuple[str, str, str]]:
    """(source, type, target) of the event edges."""
    return {edge[:3] for edge in edges(fragment)}


def event_facts(text: str, published: dt.date | None = PUBLISHED) -> set[tuple[str, str, str]]:
    """(source, type, target) of the edges with a PLOVER category (no standing ties) of one
    article published on `published`."""
    return {(r.source, r.type, r.target) for r in parse_extract(text, published).relations
            if r.category is not None}
