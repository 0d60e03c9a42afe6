"""`geokg plot`: figures read back from the files, their counts checked against the store's
relations (counted here with plain date arithmetic, not with geokg's period code)."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from defusedxml import ElementTree
from PIL import Image

from geokg.cli import main
from geokg.demo import EXAMPLES
from geokg.exports.plot import DPI, SIZE_INCHES, dyad_figure, timeline_figure
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.network import to_networkx
from geokg.graph.vocabulary import plover_quad
from geokg.pipeline import RunReport, ingest_files, list_files

PIXELS = (round(SIZE_INCHES[0] * DPI), round(SIZE_INCHES[1] * DPI))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A store holding the demo's example articles, as the rules engine codes them (the
    counts and spans below were read from its output; the plots are engine-blind)."""
    path = tmp_path_factory.mktemp("plot") / "demo.db"
    store = EmbeddedStore(path)
    try:
        report = RunReport()
        ingest_files(store, list_files([EXAMPLES], report), report, engine="rules")
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def relations(demo_db):
    store = EmbeddedStore(demo_db)
    try:
        fragment = store.load()
    finally:
        store.close()
    return fragment


def _first_day(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def _events(fragment):
    return [r for r in fragment.relations if r.date and r.category]


def _plot(demo_db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(demo_db), "plot", *args])


def _bar_heights(figure) -> dict[str, float]:
    return {patch.get_gid(): patch.get_height() for patch in figure.axes[0].patches
            if patch.get_gid()}


def test_timeline_png_is_300_dpi_and_drawn(demo_db, relations, tmp_path):
    out = tmp_path / "timeline.png"
    result = _plot(demo_db, str(out), "--kind", "timeline")
    assert result.exit_code == 0, result.output
    months = {_first_day(r.date).strftime("%Y-%m") for r in _events(relations)}
    first, last = min(months), max(months)
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert f"{len(_events(relations))} events in {span} months" in result.output
    with Image.open(out) as image:
        assert image.size == PIXELS
        assert [round(v) for v in image.info["dpi"]] == [DPI, DPI]
        histogram = image.convert("L").histogram()
        inked = sum(histogram[:200]) / sum(histogram)
    assert 0.03 < inked < 0.6  # bars, hatching and text, on a white page


def test_timeline_counts_match_the_store(demo_db, relations):
    expected = Counter((plover_quad(r.category), _first_day(r.date).strftime("%Y-%m"))
                       for r in _events(relations))
    graph = to_networkx(relations.entities, relations.relations, relations.articles)
    figure, periods, _ = timeline_figure(graph)
    assert periods.unit == "month"  # the examples span July 2024 to October 2025
    drawn = {(gid.split("|")[0], gid.split("|")[1][:7]): height
             for gid, height in _bar_heights(figure).items()}
    assert drawn == expected
    assert sum(drawn.values()) == len(_events(relations)) > 20
    axes = figure.axes[0]
    assert f"{len(_events(relations))} events" in axes.get_title() and axes.get_ylabel() == "events"
    assert axes.get_xlabel().startswith("month")
    hatches = {patch.get_hatch() for patch in axes.patches}
    assert len(hatches) == len(expected_quads := {q for q, _ in expected}) and None not in hatches
    legend = figure.legends[0]
    assert len({h.get_hatch() for h in legend.legend_handles}) == 4  # one per quad, in grey too
    assert expected_quads <= {t.get_text() for t in legend.get_texts()}


def test_timeline_svg_bars_keep_their_counts(demo_db, relations, tmp_path):
    out = tmp_path / "timeline.svg"
    result = _plot(demo_db, str(out))
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(out).getroot()
    assert root.tag.endswith("svg")
    expected = Counter((plover_quad(r.category), _first_day(r.date).strftime("%Y-%m"))
                       for r in _events(relations))
    heights = {}
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        gid = group.get("id", "")
        if "|" not in gid:
            continue
        path = group.find("{http://www.w3.org/2000/svg}path")
        ys = [float(y) for y in re.findall(r"[-\d.]+ ([-\d.]+)", path.get("d"))]
        heights[gid.split("|")[0], gid.split("|")[1][:7]] = max(ys) - min(ys)
    assert set(heights) == set(expected)
    per_event = {round(heights[key] / count, 2) for key, count in expected.items()}
    assert max(per_event) - min(per_event) < 0.05  # every bar is its count on one scale


def test_dyad_counts_both_directions_cooperation_up_conflict_down(demo_db, relations,
                                                                 tmp_path):
    a, b = "gustavo-petro", "united-states"
    expected = Counter()
    for r in _events(relations):
        if {r.source, r.target} != {a, b}:
            continue
        day = _first_day(r.date)
        side = "conflict" if plover_quad(r.category).endswith("conflict") else "cooperation"
        direction = "A->B" if r.source == a else "B->A"
        week = (day - dt.timedelta(days=day.weekday())).isoformat()
        expected[direction, side, week] += 1 if side == "cooperation" else -1
    assert len(expected) >= 2
    graph = to_networkx(relations.entities, relations.relations, relations.articles)
    figure, periods, _ = dyad_figure(graph, "Petro", "United States")
    drawn = {tuple(gid.split("|")): height for gid, height in _bar_heights(figure).items()}
    assert drawn == expected
    assert periods.unit == "week"
    assert "Gustavo Petro and United States" in figure.axes[0].get_title()

    out = tmp_path / "dyad.png"
    result = _plot(demo_db, str(out), "--kind", "dyad", "--source", "Petro", "--target",
                   "United States")
    assert result.exit_code == 0, result.output
    assert f"{sum(abs(v) for v in expected.values())} events" in result.output
    with Image.open(out) as image:
        assert image.size == PIXELS


def test_period_option_sets_the_bars(demo_db, relations, tmp_path):
    pair = {"gustavo-petro", "united-states"}
    months = Counter(_first_day(r.date).strftime("%Y-%m") for r in _events(relations)
                     if {r.source, r.target} == pair)
    out = tmp_path / "dyad-months.svg"
    result = _plot(demo_db, str(out), "--kind", "dyad", "--source", "Petro", "--target",
                   "United States", "--period", "month")
    assert result.exit_code == 0, result.output
    assert "in 9 months (dyad)" in result.output  # 2025-01 to 2025-09
    root = ElementTree.parse(out).getroot()
    drawn = Counter()
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        if group.get("id", "").count("|") == 2:
            drawn[group.get("id").split("|")[2][:7]] += 1
    assert set(drawn) == set(months)  # each month with events has its bars, no other
    result = _plot(demo_db, str(tmp_path / "x.png"), "--period", "year")
    assert result.exit_code == 2


def test_plot_takes_the_selection_options_of_export(demo_db, relations, tmp_path):
    since = dt.date(2025, 1, 1)
    kept = [r for r in _events(relations) if _first_day(r.date) >= since
            or (r.date.count("-") < 2 and r.date >= "2025")]
    result = _plot(demo_db, str(tmp_path / "since.png"), "--since", "2025-01-01",
                   "--types", "SANCTIONED,ACCUSED")
    assert result.exit_code == 0, result.output
    chosen = [r for r in kept if r.type in ("SANCTIONED", "ACCUSED")]
    assert f"wrote {tmp_path / 'since.png'}: {len(chosen)} events" in result.output
    assert 0 < len(chosen) < len(_events(relations))


def test_plot_usage_and_runtime_errors(demo_db, tmp_path):
    result = _plot(demo_db, str(tmp_path / "x.png"), "--kind", "dyad", "--source", "Petro")
    assert result.exit_code == 2 and "--kind dyad needs --source A and --target B" in result.output
    result = _plot(demo_db, str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "must end in .png or .svg" in result.output
    result = _plot(demo_db, str(tmp_path / "x.png"), "--kind", "dyad", "--source", "Petro",
                   "--target", "Atlantis")
    assert result.exit_code == 2 and "unknown actor 'Atlantis'" in result.output
    result = _plot(demo_db, str(tmp_path / "x.png"), "--since", "2030")
    assert result.exit_code == 1 and "no dated events to plot" in result.output
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "x.pdf").exists()


def test_demo_prints_plot_commands_that_work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the demo writes its files into the current folder
    runner = CliRunner()
    result = runner.invoke(main, ["--db", "demo.db", "demo"])
    assert result.exit_code == 0, result.output
    commands = [line.strip() for line in result.output.splitlines()
                if line.strip().startswith("geokg plot ")]
    assert len(commands) == 2
    for command in commands:
        args = shlex.split(command)[1:]
        ran = runner.invoke(main, ["--db", "demo.db", *args])
        assert ran.exit_code == 0, (command, ran.output)
        figure = next(a for a in args if a.endswith((".png", ".svg")))
        with Image.open(tmp_path / figure) as image:
            assert image.size == PIXELS
