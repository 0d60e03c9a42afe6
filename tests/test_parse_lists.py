"""The parse engine on lists that continue an earlier act ('Also named were A and B'), on
sentences written for these tests: the listed names get the earlier act's actor, type, date
and status (see geokg/extract/parse/lists.py)."""

from __future__ import annotations

import pytest

from geokg.extract.parse.lists import find_list
from tests.parse_support import edges, parse_extract, parse_extractor

FIRST = "On Tuesday, Germany sanctioned Iran over its missile programme."
EXPECTED = {("germany", "SANCTIONED", name, "asserted", "2024-03-12")
            for name in ("iran", "syria", "belarus")}


@pytest.fixture(scope="module")
def extractor():
    return parse_extractor()


@pytest.mark.parametrize("follow", [
    "Also named were Syria and Belarus.",
    "Among those sanctioned were Syria and Belarus.",
    "Syria and Belarus were among those sanctioned.",
    "The others targeted include Syria and Belarus.",
])
def test_a_list_continues_the_latest_act(extractor, follow):
    assert edges(parse_extract(f"{FIRST} {follow}")) == EXPECTED


def test_the_participle_picks_the_act_of_its_kind(extractor):
    text = ("Norway expelled two Iranian diplomats on Monday. On Tuesday, Germany sanctioned "
            "Iran. Syria and Belarus were among those expelled.")
    found = edges(parse_extract(text))
    assert ("norway", "EXPELLED_DIPLOMATS", "syria", "asserted", "2024-03-11") in found
    assert not any(edge[1] == "SANCTIONED" and edge[2] == "syria" for edge in found)


def test_a_participle_that_names_no_act_adds_nothing(extractor):
    text = f"{FIRST} Syria and Belarus were among those present."
    assert edges(parse_extract(text)) == {
        ("germany", "SANCTIONED", "iran", "asserted", "2024-03-12")}


def test_a_list_with_its_own_agent_is_not_a_continuation(extractor):
    doc = extractor.nlp("Also named by the court were Syria and Belarus.")
    assert find_list(doc[:]) is None


def test_without_an_earlier_act_a_list_adds_nothing(extractor):
    assert edges(parse_extract("Among those sanctioned were Syria and Belarus.")) == set()


def test_also_with_a_passive_continues_the_act_on_its_own_date(extractor):
    text = f"{FIRST} Syria and Belarus were also sanctioned on Wednesday."
    assert edges(parse_extract(text)) == {
        ("germany", "SANCTIONED", "iran", "asserted", "2024-03-12"),
        ("germany", "SANCTIONED", "syria", "asserted", "2024-03-13"),
        ("germany", "SANCTIONED", "belarus", "asserted", "2024-03-13")}


def test_a_reported_list_continues_the_act(extractor):
    text = f"{FIRST} Syria and Belarus were among those sanctioned, the ministry said."
    assert edges(parse_extract(text)) == EXPECTED
