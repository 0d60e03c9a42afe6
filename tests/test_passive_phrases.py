"""Passive phrase templates: every auxiliary spelling, 'by the ...', and no crash without a
verb group."""

from __future__ import annotations

import datetime as dt

import pytest

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _edges(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    fragment = extractor.extract(Article(id="t", text=text, published=dt.date(2024, 5, 2)))
    return {(r.source, r.type, r.target) for r in fragment.relations}


@pytest.mark.parametrize("auxiliary", ["was", "has been", "had been"])
def test_designation_in_the_passive_with_each_auxiliary(extractor, auxiliary):
    text = f"Cuba {auxiliary} listed as a terrorist organization by the United States."
    assert _edges(extractor, text) == {("united-states", "DESIGNATED", "cuba")}


@pytest.mark.parametrize("auxiliary", ["was", "has been", "had been"])
def test_visa_revocation_in_the_passive(extractor, auxiliary):
    text = f"Gustavo Petro's visa {auxiliary} revoked by the United States."
    assert _edges(extractor, text) == {("united-states", "REVOKED_VISA", "gustavo-petro")}


def test_ungrammatical_auxiliaries_neither_crash_nor_invent_an_edge(extractor):
    text = "James Cleverly has had been listed as a terrorist organization by Horacio Cartes."
    assert _edges(extractor, text) == set()


@pytest.mark.parametrize("auxiliary", ["was", "has been", "is being"])
def test_a_passive_verb_is_no_active_rule_with_a_place_for_its_target(extractor, auxiliary):
    # before: 'Julio Mendez ARRESTED Peru' (the active rule took the one arrested as the doer)
    text = f"Julio Mendez {auxiliary} arrested inside the Peruvian embassy in Quito."
    assert not {edge for edge in _edges(extractor, text) if edge[1] == "ARRESTED"}


def test_a_progressive_verb_stays_active(extractor):
    assert ("peru", "ATTACKED", "ecuador") in _edges(
        extractor, "Peru is bombing Ecuador's border posts.")
