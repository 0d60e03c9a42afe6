"""The seed article must extract perfectly against its hand-made gold file, with both engines."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geokg.graph.model import GraphFragment
from tests.gold import score
from tests.parse_support import require_parse_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed-2025-11-27-petro-cnn.txt"
GOLD = SHARED / "eval" / "seed-gold.json"


@pytest.fixture(scope="module", params=["parse", "rules"])
def seed_fragment(request) -> GraphFragment:
    if request.param == "parse":
        require_parse_model()
    result = subprocess.run([sys.executable, "-m", "geokg.cli", "extract", str(SEED),
                             "--format", "json", "--engine", request.param],
                            capture_output=True, text=True, check=True)
    return GraphFragment.model_validate(json.loads(result.stdout))


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def test_every_required_entity_is_found(seed_fragment, gold):
    assert score(gold, seed_fragment).missing_entities == []


def test_every_required_relation_has_direction_date_and_status(seed_fragment, gold):
    assert score(gold, seed_fragment).missing_relations == []


def test_no_forbidden_edge(seed_fragment, gold):
    assert score(gold, seed_fragment).forbidden == []


def test_at_least_80_percent_of_relations_are_gold_facts(seed_fragment, gold):
    result = score(gold, seed_fragment)
    assert result.extracted >= 8
    assert result.precision >= 0.8, result.unmatched


def test_output_uses_the_contract_field_names(seed_fragment):
    data = seed_fragment.public()
    assert set(data) == {"articles", "entities", "relations", "unresolved"}
    assert set(data["articles"][0]) - {"extractor"} == {"id", "title", "url", "published",
                                                        "source"}
    assert set(data["entities"][0]) == {"id", "name", "type", "aliases", "country", "wikidata"}
    assert set(data["relations"][0]) == {"source", "target", "type", "category", "date",
                                         "status", "properties", "confidence", "evidence"}
    assert set(data["relations"][0]["evidence"][0]) == {"article", "sentence", "start", "end",
                                                        "rule"}


def test_evidence_spans_point_at_the_sentence(seed_fragment):
    raw = SEED.read_text(encoding="utf-8")
    for relation in seed_fragment.relations:
        for evidence in relation.evidence:
            assert evidence.sentence in raw
            assert evidence.end - evidence.start == len(evidence.sentence)


def test_maduro_leads_cartel_is_alleged_and_designation_captured(seed_fragment):
    by_type = {(r.source, r.type, r.target): r for r in seed_fragment.relations}
    assert by_type[("nicolas-maduro", "LEADS", "cartel-de-los-soles")].status == "alleged"
    designated = by_type[("united-states", "DESIGNATED", "cartel-de-los-soles")]
    assert designated.properties["designation"] == "foreign terrorist organization"
    assert designated.category == "SANCTION"
