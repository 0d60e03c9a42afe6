"""One rules-engine extractor for the rules precision tests, and the facts it reads."""

from __future__ import annotations

import datetime as dt
import functools

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article


@functools.cache
def _extractor() -> Extractor:
    return Extractor()


def rules_facts(text: str) -> set[tuple[str, str, str]]:
    """(source, type, target) of the rules engine's event edges in `text` (no title ties),
    read as an article of 2024-03-15 with nothing remembered from earlier texts."""
    extractor = _extractor()
    extractor.forget()
    fragment = extractor.extract(Article(id="t", published=dt.date(2024, 3, 15), text=text))
    return {(r.source, r.type, r.target) for r in fragment.relations
            if not r.evidence[0].rule.endswith(":title")}
