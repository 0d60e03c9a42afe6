"""One rules-engine extractor for the rules precision tests, and the facts it reads."""

from __future__ import annotations

import functools

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article
from tests.parse_support import PUBLISHED, facts


@functools.cache
def _extractor() -> Extractor:
    return Extractor()


def rules_facts(text: str) -> set[tuple[str, str, str]]:
    """(source, type, target) of the rules engine's event edges in `text` (no title ties),
    read as an article of the parse tests' publication day with nothing remembered from
    earlier texts."""
    extractor = _extractor()
    extractor.forget()
    return facts(extractor.extract(Article(id="t", published=PUBLISHED, text=text)))
