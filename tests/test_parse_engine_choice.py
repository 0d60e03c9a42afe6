"""Which engine runs: --engine, $GEOKG_ENGINE, the default (parse when a spaCy model is
installed), and the rules fallback with its one-line notice. "No model" is a real missing
package named by $GEOKG_SPACY_MODEL, never a mocked spaCy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geokg.extract import engines
from geokg.extract.extractor import Extractor
from tests.parse_support import require_parse_model

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "tests" / "articles" / "2024-05-25-china-drills-around-taiwan.txt"
MISSING = "geokg_no_such_spacy_model"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"GEOKG_ENGINE", "GEOKG_SPACY_MODEL"}}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                          text=True, env=environment, cwd=ROOT)


def _rules(result: subprocess.CompletedProcess) -> set[str]:
    data = json.loads(result.stdout)
    return {e["rule"].split(":")[0] for r in data["relations"] for e in r["evidence"]}


def test_default_is_parse_when_a_model_is_installed(monkeypatch):
    model = require_parse_model()
    monkeypatch.delenv("GEOKG_ENGINE", raising=False)
    monkeypatch.delenv("GEOKG_SPACY_MODEL", raising=False)
    assert engines.choose_engine() == ("parse", model)
    result = _cli("extract", str(ARTICLE))
    assert result.returncode == 0, result.stderr
    assert _rules(result) == {"parse"}
    assert json.loads(result.stdout)["articles"][0]["extractor"].startswith("parse:en_core_web")
    assert "rules engine" not in result.stderr


def test_flag_and_env_choose_the_rules_engine(monkeypatch):
    monkeypatch.setenv("GEOKG_ENGINE", "rules")
    assert engines.choose_engine() == ("rules", None)
    assert isinstance(engines.build_extractor(), Extractor)
    flagged = _cli("extract", str(ARTICLE), "--engine", "rules")
    assert flagged.returncode == 0, flagged.stderr
    assert "parse" not in _rules(flagged)
    from_env = _cli("extract", str(ARTICLE), env={"GEOKG_ENGINE": "rules"})
    assert json.loads(from_env.stdout) == json.loads(flagged.stdout)


def test_flag_overrides_the_environment():
    require_parse_model()
    result = _cli("extract", str(ARTICLE), "--engine", "parse", env={"GEOKG_ENGINE": "rules"})
    assert result.returncode == 0, result.stderr
    assert _rules(result) == {"parse"}


def test_without_a_model_the_rules_engine_runs_with_a_one_line_notice():
    result = _cli("extract", str(ARTICLE), env={"GEOKG_SPACY_MODEL": MISSING})
    assert result.returncode == 0, result.stderr
    assert "parse" not in _rules(result)
    notice = [line for line in result.stderr.splitlines() if "rules engine" in line]
    assert len(notice) == 1
    assert MISSING in notice[0] and "python -m spacy download en_core_web_sm" in notice[0]


def test_forcing_parse_without_a_model_is_a_one_line_error():
    result = _cli("extract", str(ARTICLE), "--engine", "parse",
                  env={"GEOKG_SPACY_MODEL": MISSING})
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: --engine parse:") and MISSING in line


def test_unknown_engine_names_are_refused(monkeypatch):
    monkeypatch.setenv("GEOKG_ENGINE", "magic")
    with pytest.raises(ValueError, match="unknown engine 'magic'"):
        engines.choose_engine()
    assert _cli("extract", str(ARTICLE), "--engine", "magic").returncode == 2


def test_python_api_takes_the_engine(monkeypatch):
    require_parse_model()
    monkeypatch.delenv("GEOKG_ENGINE", raising=False)
    from geokg.pipeline import extract_paths

    parsed = extract_paths([ARTICLE], engine="parse")
    ruled = extract_paths([ARTICLE], engine="rules")
    assert {e.rule.split(":")[0] for r in parsed.relations for e in r.evidence} == {"parse"}
    assert not any(e.rule.startswith("parse:") for r in ruled.relations for e in r.evidence)


def test_parse_engine_runs_in_worker_processes():
    require_parse_model()
    one = _cli("extract", str(ARTICLE), str(ROOT / "tests" / "articles"), "--engine", "parse")
    two = _cli("extract", str(ARTICLE), str(ROOT / "tests" / "articles"), "--engine", "parse",
               "--jobs", "2")
    assert two.returncode == 0, two.stderr
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert _rules(two) == {"parse"}
