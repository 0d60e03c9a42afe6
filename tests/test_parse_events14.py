"""Event constructions of real news the parse engine missed or misread (issue 15, events
round 14), on sentences written for these tests (a real spaCy pipeline runs them; see
tests/parse_support.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.graph.model import Article
from tests.parse_support import require_parse_model

PUBLISHED = dt.date(2018, 5, 9)


@pytest.fixture(scope="module")
def extractor():
    from geokg.extract.parse.engine import ParseExtractor

    return ParseExtractor(require_parse_model())


@pytest.fixture()
def edges(extractor):
    def run(text: str) -> set[tuple[str, str, str]]:
        fragment = extractor.extract(Article(id="t", published=PUBLISHED, text=text))
        return {(r.source, r.type, r.target) for r in fragment.relations
                if r.category is not None}
    return run


@pytest.mark.parametrize(("text", "expected"), [
    ("Chinese Foreign Minister Wang Yi called on Prime Minister Mahathir Mohamad in "
     "Putrajaya on Tuesday.", ("wang-yi", "MET_WITH", "mahathir-mohamad")),
    ("Wang Yi paid a courtesy call on Prime Minister Mahathir Mohamad on Tuesday.",
     ("wang-yi", "MET_WITH", "mahathir-mohamad")),
])
def test_a_call_on_someone_that_asks_nothing_is_a_visit(edges, text, expected):
    found = edges(text)
    assert expected in found
    assert not any(kind == "URGED" for _, kind, _ in found)


@pytest.mark.parametrize("text", [
    "Wang Yi called on Mahathir Mohamad to release the detainees.",
    "Wang Yi called on Mahathir Mohamad for calm on Tuesday.",
])
def test_a_call_on_someone_to_act_stays_a_plea(edges, text):
    assert ("wang-yi", "URGED", "mahathir-mohamad") in edges(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel allowed Egypt to open the crossing on Monday.", ("israel", "CONCEDED", "egypt")),
    ("Jordan permitted Iraq to use its airspace.", ("jordan", "CONCEDED", "iraq")),
])
def test_allowing_an_actor_to_act_is_a_concession_to_it(edges, text, expected):
    # the parser makes the actor the subject of the infinitive ('Egypt to open'), not the
    # object of 'allowed': the frame's object is read there
    assert expected in edges(text)


def test_what_is_allowed_to_happen_is_no_actor(edges):
    # 'aid trucks' is the infinitive's subject but names no actor: no concession to Gaza
    assert not any(kind == "CONCEDED" for _, kind, _ in
                   edges("Israel allowed aid trucks to enter Gaza on Monday."))
