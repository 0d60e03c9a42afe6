"""Our own hand-written articles (tests/articles) against their gold files (tests/gold),
with both engines.

The bar: every extracted relation set is mostly right (precision >= 0.8 per article), no
forbidden edge, and at least 90% of all required facts come out with direction, date and
status. Known misses are listed in the issue notes, not hidden here.
"""

import json
from pathlib import Path

import pytest

from geokg.pipeline import extract_paths
from tests.gold import score
from tests.parse_support import require_parse_model

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = sorted((ROOT / "tests" / "gold").glob("*.json"))
ENGINES = ["parse", "rules"]


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    if request.param == "parse":
        require_parse_model()
    return request.param


def _scored(gold_file: Path, engine: str):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    fragment = extract_paths([ROOT / gold["article"]["file"]], engine=engine)
    return gold, score(gold, fragment)


def test_there_are_at_least_six_gold_articles():
    assert len(GOLD_FILES) >= 6


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_article_precision_and_no_forbidden_edge(gold_file, engine):
    _gold, result = _scored(gold_file, engine)
    assert result.forbidden == []
    assert result.missing_entities == []
    assert result.precision >= 0.8, result.unmatched


def test_required_facts_recall_over_all_articles(engine):
    required = missing = 0
    misses = []
    for gold_file in GOLD_FILES:
        gold, result = _scored(gold_file, engine)
        required += sum(1 for r in gold["relations"] if r["required"])
        missing += len(result.missing_relations)
        misses += [f"{gold_file.stem}: {m}" for m in result.missing_relations]
    assert required >= 30
    assert 1 - missing / required >= 0.9, misses
