"""Contested claims on the seed (both stores) and `geokg explain`."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.contested import mark_contested
from geokg.explain import engine_of, explain, format_notes
from geokg.graph.network import to_networkx
from geokg.queries.catalog import run_query
from tests.research_support import KINDS, SEED, filled_kind


@pytest.fixture(params=KINDS, scope="module")
def filled(request, tmp_path_factory):
    """(store, CLI options, CLI environment): the seed and the demo article, each store."""
    yield from filled_kind(request, tmp_path_factory)


def test_venezuela_denies_the_claim_that_maduro_leads_the_cartel(filled):
    store = filled[0]
    rows = run_query(store, "contested_claims", {})
    assert [(r["source"], r["claim"], r["target"], r["claim_status"], r["denier"],
             r["denial"], r["denied"]) for r in rows] == [
        ("Nicolás Maduro", "LEADS", "Cartel de los Soles", "alleged", "Venezuela", "DENIED",
         "United States")]
    claim, denial = rows[0]["claim_sentences"], rows[0]["denial_sentences"]
    assert len(claim) == 1 and "the US has claimed Maduro leads" in claim[0]
    assert denial == ["Venezuela has denied the claims."]


def test_the_map_data_flags_contested_edges(filled):
    store = filled[0]
    fragment = store.load()
    graph = to_networkx(fragment.entities, fragment.relations, fragment.articles)
    assert mark_contested(graph, store) == 1
    flagged = [(u, d["type"], v, d["denied_by"]) for u, v, d in graph.edges(data=True)
               if d.get("contested")]
    assert flagged == [("nicolas-maduro", "LEADS", "cartel-de-los-soles", ["Venezuela"])]
    assert isinstance(graph, nx.MultiDiGraph)


def test_explain_on_the_seed(filled):
    store = filled[0]
    [note] = explain(store.load(), "US Treasury", "sanctioned", "Petro", "2025-10")
    assert (note.date, note.counts) == ("2025-10-24", {"articles": 2, "outlets": 2,
                                                       "reports": 2})
    by_date = {item.reported_date: item for item in note.evidence}
    seed, demo = by_date["2025-10"], by_date["2025-10-24"]
    assert seed.sentence.startswith("In October, the US Treasury sanctioned Petro")
    assert seed.article["source"] == SEED.name and seed.article["published"] == "2025-11-27"
    assert (seed.engine, seed.rule, seed.date_cues) == ("rules", "rules:SANCTIONED:verb:sanction",
                                                        ["In October"])
    assert demo.article["title"] == "US Treasury sanctions Colombia's president and his family"
    assert demo.date_cues == ["on Friday"]
    [alleged] = explain(store.load(), "Maduro", "leads", "cartel-de-los-soles")
    assert "claimed" in alleged.evidence[0].status_cues
    assert explain(store.load(), "US Treasury", "SANCTIONED", "Petro", "2024") == []


def test_explain_command(filled):
    _store, options, env = filled
    runner = CliRunner()
    result = runner.invoke(main, [*options, "explain", "Treasury", "SANCTIONED",
                                  "Gustavo Petro"], env=env)
    assert result.exit_code == 0, result.output
    assert "2 independent report(s)" in result.stdout
    assert 'reported date: 2025-10; date cues: In October' in result.stdout
    as_json = runner.invoke(main, [*options, "explain", "Treasury", "SANCTIONED", "Petro",
                                   "--format", "json"], env=env)
    assert json.loads(as_json.stdout)[0]["date"] == "2025-10-24"
    unknown = runner.invoke(main, [*options, "explain", "Atlantis", "SANCTIONED", "Petro"],
                            env=env)
    assert unknown.exit_code == 2 and "unknown actor 'Atlantis'" in unknown.output


def test_explain_escapes_control_characters():
    from geokg.explain import EdgeNote, EvidenceNote

    note = EdgeNote("A\x1b[31m", "SANCTIONED", "B", None, "asserted", "SANCTION",
                    {"articles": 1, "outlets": 1, "reports": 1},
                    [EvidenceNote("x\x1b]8;;evil\x07y\nz", {"id": "a"}, None, "rules", "r",
                                  [], [])])
    text = format_notes([note])
    assert "\x1b" not in text and "\x07" not in text and "\\x1b" in text
    assert len(text.splitlines()) == 6
    assert engine_of("parse:SANCTIONED:nsubj-dobj") == "parse"
