"""Dyad panels (`geokg export panel`) read back with pandas, and counts per event."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.exports.panel import period_start
from geokg.graph.counts import event_counts, independent_reports, outlet
from tests.research_support import KINDS, filled_kind


@pytest.fixture(params=KINDS, scope="module")
def filled(request, tmp_path_factory):
    """(store, CLI options, CLI environment): the seed and the demo article, each store."""
    yield from filled_kind(request, tmp_path_factory)


def _export(filled, tmp_path, *options: str) -> tuple[str, str]:
    _store, args, env = filled
    out = tmp_path / ("panel.parquet" if "parquet" in options else "panel.csv")
    result = CliRunner().invoke(main, [*args, "export", "panel", str(out), *options], env=env)
    assert result.exit_code == 0, result.output
    return str(out), result.stderr


def _dated_events(store, length: int) -> list:
    return [r for r in store.load().relations
            if r.category and r.date and len(r.date) >= length]


def test_daily_panel_counts_equal_the_store(filled, tmp_path):
    store = filled[0]
    out, message = _export(filled, tmp_path, "--freq", "day")
    panel = pd.read_csv(out)
    assert list(panel.columns) == ["period", "source", "target", "category", "quad", "events",
                                   "reports", "articles", "outlets"]
    daily = _dated_events(store, 10)
    assert panel["events"].sum() == len(daily)
    assert panel["articles"].min() >= 1
    row = panel[(panel.source == "us-treasury") & (panel.target == "gustavo-petro")]
    assert row[["period", "category", "quad", "events", "reports", "articles"]].values.tolist() \
        == [["2025-10-24", "SANCTION", "verbal conflict", 1, 2, 2]]
    coarser = len([r for r in store.load().relations if r.category and r.date
                   and len(r.date) < 10])
    assert f"{coarser} dated coarser than a day" in message


def test_monthly_country_panel_in_parquet_with_zero_fill(filled, tmp_path):
    store = filled[0]
    out, _ = _export(filled, tmp_path, "--freq", "month", "--by", "country", "--format",
                     "parquet", "--zero-fill")
    panel = pd.read_parquet(out)
    countries = {e.id: e.country for e in store.load().entities}
    monthly = [r for r in _dated_events(store, 7)
               if countries.get(r.source) and countries.get(r.target)]
    assert panel["events"].sum() == len(monthly)
    usa_col = panel[(panel.source == "USA") & (panel.target == "COL")
                    & (panel.category == "SANCTION") & (panel.period == "2025-10-01")]
    assert usa_col["events"].tolist() == [len([
        r for r in monthly if (countries[r.source], countries[r.target], r.category)
        == ("USA", "COL", "SANCTION") and r.date.startswith("2025-10")])]
    # zero fill: every dyad and category in every month from the first to the last
    months = pd.period_range(panel.period.min(), panel.period.max(), freq="M")
    dyads = panel[["source", "target", "category"]].drop_duplicates()
    assert len(panel) == len(months) * len(dyads)
    assert (panel.events == 0).sum() == len(panel) - panel.events.astype(bool).sum()


def test_weeks_start_on_monday():
    assert period_start("2025-10-24", "week").isoformat() == "2025-10-20"
    assert period_start("2025-10", "year").isoformat() == "2025-01-01"


def test_counts_per_event_join_syndicated_copies():
    articles = {"a": {"url": "https://www.wire.example/x", "source": "feed"},
                "b": {"url": "https://paper.example/y"}, "c": {"source": "local.txt"},
                "d": {}}
    same = "Alpha sanctioned Beta on Friday."
    evidence = [{"article": "a", "sentence": same},
                {"article": "b", "sentence": " alpha sanctioned  Beta on Friday."},
                {"article": "c", "sentence": "Beta was sanctioned by Alpha."},
                {"article": "c", "sentence": same},  # c also carries the wire copy
                {"article": "d", "sentence": "Alpha's sanctions on Beta."}]
    assert event_counts(evidence, articles) == {"articles": 4, "outlets": 4, "reports": 2}
    assert independent_reports(evidence[:1]) == 1
    assert [outlet(i, articles[i]) for i in "abcd"] == ["wire.example", "paper.example",
                                                       "local.txt", "d"]
