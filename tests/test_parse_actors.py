"""The parse engine's actors: who a phrase names and what a later phrase refers to.

Sentences written for these tests (other names, other words than any real article), run
through the real spaCy pipeline (tests/parse_support.py: they fail in CI without a model).
Each test states the edges (source, type, target, status, date) a construction gives."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.graph.model import Article, GraphFragment
from tests.parse_support import require_parse_model

PUBLISHED = dt.date(2024, 3, 15)  # a Friday
TODAY = PUBLISHED.isoformat()


@pytest.fixture(scope="module")
def extractor():
    from geokg.extract.parse.engine import ParseExtractor

    return ParseExtractor(require_parse_model())


@pytest.fixture()
def extract(extractor):
    def run(text: str) -> GraphFragment:
        extractor.forget()
        return extractor.extract(Article(id="t", published=PUBLISHED, text=text))
    return run


def edges(fragment: GraphFragment, standing: bool = False) -> set[tuple]:
    """(source, type, target, status, date) of the event edges (and LEADS/MEMBER_OF from
    titles when `standing`)."""
    return {(r.source, r.type, r.target, r.status.value, r.date) for r in fragment.relations
            if standing or not r.evidence[0].rule.endswith(":title")}


def names(fragment: GraphFragment) -> dict[str, str]:
    return {e.id: e.name for e in fragment.entities}


# --- definite anaphors of acts ----------------------------------------------------------

def test_the_claims_refer_to_the_claimant_of_an_earlier_claim(extract):
    fragment = extract("Norway has claimed that Peru armed the rebels of Ecuador. "
                       "Peru has denied the claims.")
    assert ("peru", "DENIED", "norway", "asserted", TODAY) in edges(fragment)


def test_the_accusations_refer_to_the_accuser(extract):
    fragment = extract("Norway accused Chile of hiding the tankers. "
                       "Chile has rejected the accusations.")
    assert ("chile", "REJECTED", "norway", "asserted", TODAY) in edges(fragment)
