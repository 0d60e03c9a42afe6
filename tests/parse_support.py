"""Shared by the parse-engine tests: the spaCy model they need, loaded once per session."""

from __future__ import annotations

import datetime as dt
import functools
import os

import pytest

from geokg.extract.parse.model import find_model, missing_message

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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
def _parse_extractor(model: str):
    from geokg.extract.parse.engine import ParseExtractor

    return ParseExtractor(model)


def parse_extract(text: str, published: dt.date = dt.date(2024, 3, 15)):
    """The parse engine's fragment of one article (the extractor is built once per model)."""
    from geokg.graph.model import Article

    extractor = _parse_extractor(require_parse_model())
    return extractor.extract(Article(id="t", published=published, text=text))
