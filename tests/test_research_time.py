"""Time travel on both stores: --known-by (evidence published by then) and --as-of (events
begun, offices held)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.timetravel import travel
from tests.research_support import DEMO, KINDS, extracted, filled_kind


@pytest.fixture(params=KINDS, scope="module")
def filled(request, tmp_path_factory):
    """(store, CLI options, CLI environment): the seed and the demo article, each store."""
    yield from filled_kind(request, tmp_path_factory)


def _cli(filled, *args: str) -> str:
    _store, options, env = filled
    result = CliRunner().invoke(main, [*options, *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def _stats(filled, *args: str) -> dict:
    return json.loads(_cli(filled, "stats", "--format", "json", *args))


def test_known_by_keeps_the_evidence_published_by_then(filled, tmp_path):
    demo_alone = EmbeddedStore(tmp_path / "demo.db")
    demo_alone.upsert(extracted(DEMO))
    expected = demo_alone.stats()
    # the demo article is published on 2025-10-25, the seed on 2025-11-27
    known = _stats(filled, "--known-by", "2025-10-25")
    assert (known["articles"], known["relations"], known["by_relation_type"]) == (
        1, expected["relations"], expected["by_relation_type"])
    assert _stats(filled, "--known-by", "2025-10-24")["relations"] == 0
    assert _stats(filled, "--known-by", "2025-11") == filled[0].stats()
    # a month report alone gives the month; with the day report, the day
    rows = json.loads(_cli(filled, "query", "actor_timeline", "-p", "actor=Petro",
                           "--format", "json", "--known-by", "2025-10-25"))
    assert ("2025-10-24", "SANCTIONED") in {(r["date"], r["action"]) for r in rows}


def test_known_by_reworks_the_date_from_the_evidence_left(tmp_path):
    """The month report is published first, the day report later: known by a date between
    them, the one event carries the month."""
    from tests.test_research_events import _report

    month, day = _report("a", "2025-10"), _report("b", "2025-10-24")
    month.articles[0].published = dt.date(2025, 11, 1)
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(day)
        store.upsert(month)
        stored = store.load()
    assert [(r.date, len(r.evidence)) for r in stored.relations] == [("2025-10-24", 2)]
    then = travel(stored, known_by="2025-11-15")
    assert [(r.date, [e.article for e in r.evidence]) for r in then.relations] == [
        ("2025-10", ["a"])]
    assert [a.id for a in then.articles] == ["a"]


def test_as_of_keeps_events_begun_and_offices_held(filled, tmp_path):
    store = filled[0]
    out = tmp_path / "asof.json"
    _cli(filled, "export", "json", str(out), "--as-of", "2025-10-01")
    data = json.loads(out.read_text())
    edges = {(e["source"], e["type"], e["target"], e.get("date")) for e in data["edges"]}
    stored = store.load().relations
    begun = {(r.source, r.type, r.target, r.date) for r in stored
             if r.date and r.date[:10] <= "2025-10-01"[:len(r.date)]}
    assert begun <= edges
    assert not any(d and d > "2025-10-01" for *_, d in edges)
    assert ("gustavo-petro", "LEADS", "colombia", None) in edges
    # in mid-2020 Petro did not lead Colombia yet (the gazetteer's dated offices), Trump
    # was in his first term, Maduro in office; ties the gazetteer has no office for stay
    _cli(filled, "export", "json", str(out), "--as-of", "2020-06")
    early = json.loads(out.read_text())["edges"]
    assert {(e["source"], e["target"]) for e in early if e["type"] == "LEADS"} == {
        ("donald-trump", "united-states"), ("nicolas-maduro", "venezuela"),
        ("nicolas-maduro", "cartel-de-los-soles")}
    assert all(e["category"] is None for e in early)  # no event had begun
    counts = _stats(filled, "--as-of", "2020-06")
    assert counts["relations"] == len(early)


def test_bad_time_option_is_a_usage_error(filled):
    _store, options, env = filled
    result = CliRunner().invoke(main, [*options, "stats", "--as-of", "2025-13"], env=env)
    assert result.exit_code == 2 and "--as-of" in result.output
