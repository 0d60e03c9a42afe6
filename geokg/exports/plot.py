"""Figures for papers (`geokg plot`): events per period stacked by PLOVER quad, and a dyad's
cooperation (above the axis) and conflict (below) over time, in both directions.

matplotlib draws them without pyplot (no display, no global state), as PNG or SVG at 300 dpi,
readable in black and white: every series has its own hatching as well as its colour. Periods
and what counts as an event come from `periods.py`, as in the map's timeline strip; each bar
carries a gid (`quad|period start` or `direction|side|period start`), which SVG output keeps
as the id of the bar's group.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx

from geokg.exports.html import QUAD_COLORS
from geokg.exports.periods import UNITS, Periods, count_by_quad, event_start, periods_for
from geokg.graph.selection import resolve_actor
from geokg.graph.vocabulary import QUADS, plover_quad

KINDS = ("timeline", "dyad")
SUFFIXES = (".png", ".svg")
DPI = 300
SIZE_INCHES = (7.5, 3.6)
QUAD_HATCHES = dict(zip(QUADS, ("...", "oo", "///", "xx"), strict=True))
# Hatching drawn white on the dark (material) fills, black on the light (verbal) ones.
QUAD_HATCH_COLORS = dict(zip(QUADS, ("black", "white", "black", "white"), strict=True))
COOPERATION, CONFLICT = "#2b7bba", "#c0392b"
DIRECTION_HATCHES = ("///", "...")
MAX_TICKS = 12


class PlotRequestError(ValueError):
    """The request cannot be drawn as asked (a usage error: wrong kind, suffix, missing
    dyad actors)."""


def _events(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict]]:
    for u, v, data in graph.edges(data=True):
        if event_start(data) is not None:
            yield u, v, data


def _figure():
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _bars(axes, positions: list[float], heights: list[int], bottoms: list[int],
          gids: list[str], **style) -> None:
    """Bars for the non-zero heights only (an empty period draws nothing, not a sliver)."""
    kept = [i for i, height in enumerate(heights) if height]
    bars = axes.bar([positions[i] for i in kept], [heights[i] for i in kept],
                    bottom=[bottoms[i] for i in kept], edgecolor="black", linewidth=0.5,
                    **style)
    for i, bar in zip(kept, bars, strict=True):
        bar.set_gid(gids[i])


def _legend(figure, entries: list[tuple[str, str, str, str]], **options) -> None:
    """A legend of (label, colour, hatch, hatch colour) swatches, also for series with no
    bar drawn."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=color, hatch=hatch, hatchcolor=hatch_color, edgecolor="black",
                     linewidth=0.5, label=label)
               for label, color, hatch, hatch_color in entries]
    figure.legend(handles=handles, fontsize=7, title_fontsize=7, frameon=False, **options)


def _period_axis(axes, periods: Periods) -> None:
    from matplotlib.ticker import MaxNLocator

    count = len(periods.starts)
    step = max(1, -(-count // MAX_TICKS))
    axes.set_xticks(range(0, count, step),
                    [periods.label(i) for i in range(0, count, step)],
                    rotation=35 if count > 4 else 0, ha="right" if count > 4 else "center")
    axes.set_xlim(-0.6, count - 0.4)
    axes.set_xlabel(f"{periods.unit} in which the event's date begins")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)


def timeline_figure(graph: nx.MultiDiGraph, title: str | None = None,
                    period: str | None = None):
    """Events per period (`period`, else chosen from the span) stacked by quad.
    Returns (figure, periods, counts per quad)."""
    events = [(event_start(d), plover_quad(d["category"])) for *_, d in _events(graph)]
    periods = periods_for((day for day, _ in events), period)
    if periods is None:
        raise ValueError("no dated events to plot (check the selection options)")
    counts = count_by_quad(events, periods)
    figure, axes = _figure()
    positions = list(range(len(periods.starts)))
    bottom = [0] * len(positions)
    for quad in QUADS:
        _bars(axes, positions, counts[quad], bottom,
              [f"{quad}|{start.isoformat()}" for start in periods.starts], width=0.8,
              color=QUAD_COLORS[quad], hatch=QUAD_HATCHES[quad],
              hatchcolor=QUAD_HATCH_COLORS[quad])
        bottom = [b + c for b, c in zip(bottom, counts[quad], strict=True)]
    _period_axis(axes, periods)
    axes.set_ylabel("events")
    _legend(figure, [(q, QUAD_COLORS[q], QUAD_HATCHES[q], QUAD_HATCH_COLORS[q]) for q in QUADS],
            title="PLOVER quad", loc="outside right upper")
    axes.set_title(title or f"Events per {periods.unit} by PLOVER quad ({len(events)} events)",
                   fontsize=10)
    return figure, periods, counts


def dyad_counts(graph: nx.MultiDiGraph, source: str, target: str,
                periods: Periods) -> dict[tuple[str, str], list[int]]:
    """Per (direction `A->B` / `B->A`, side `cooperation` / `conflict`), events per period."""
    counts = {(direction, side): [0] * len(periods.starts)
              for direction in ("A->B", "B->A") for side in ("cooperation", "conflict")}
    for u, v, data in _events(graph):
        if {u, v} != {source, target} or u == v:
            continue
        side = "conflict" if plover_quad(data["category"]).endswith("conflict") else "cooperation"
        direction = "A->B" if u == source else "B->A"
        counts[direction, side][periods.index(event_start(data))] += 1
    return counts


def dyad_figure(graph: nx.MultiDiGraph, source: str, target: str, title: str | None = None,
                period: str | None = None):
    """Both directions of a dyad over time, cooperation above the axis and conflict below.
    Returns (figure, periods, counts as `dyad_counts`)."""
    a, b = resolve_actor(graph, source), resolve_actor(graph, target)
    if a == b:
        raise PlotRequestError("--source and --target name the same actor")
    days = [event_start(d) for u, v, d in _events(graph) if {u, v} == {a, b}]
    periods = periods_for(days, period)
    names = {n: graph.nodes[n].get("name") or n for n in (a, b)}
    if periods is None:
        raise ValueError(f"no dated events between {names[a]} and {names[b]} "
                         "(check the selection options)")
    counts = dyad_counts(graph, a, b, periods)
    figure, axes = _figure()
    labels = {"A->B": f"{names[a]} → {names[b]}", "B->A": f"{names[b]} → {names[a]}"}
    zeros = [0] * len(periods.starts)
    for offset, hatch, direction in zip((-0.2, 0.2), DIRECTION_HATCHES, ("A->B", "B->A"),
                                        strict=True):
        for side, sign, color in (("cooperation", 1, COOPERATION), ("conflict", -1, CONFLICT)):
            _bars(axes, [i + offset for i in range(len(zeros))],
                  [sign * n for n in counts[direction, side]], zeros,
                  [f"{direction}|{side}|{start.isoformat()}" for start in periods.starts],
                  width=0.38, color=color, hatch=hatch, hatchcolor="black")
    axes.axhline(0, color="black", linewidth=0.8)
    _period_axis(axes, periods)
    axes.yaxis.set_major_formatter(lambda value, _pos: f"{abs(value):g}")
    axes.set_ylabel("conflict ↓   events   cooperation ↑")
    _legend(figure, [(f"{labels[direction]}: {side}", color, hatch, "black")
                     for direction, hatch in zip(labels, DIRECTION_HATCHES, strict=True)
                     for side, color in (("cooperation", COOPERATION), ("conflict", CONFLICT))],
            loc="outside lower center", ncols=2)
    total = sum(sum(c) for c in counts.values())
    axes.set_title(title or f"{names[a]} and {names[b]}: events per {periods.unit} "
                            f"({total} events)", fontsize=10)
    return figure, periods, counts


def write_plot(graph: nx.MultiDiGraph, out: str | Path, kind: str = "timeline",
               source: str | None = None, target: str | None = None,
               title: str | None = None, period: str | None = None) -> str:
    """Draw `kind` into `out` (.png or .svg, 300 dpi); returns a one-line summary.
    PlotRequestError for a request that cannot be drawn as asked, ValueError for an unknown
    actor or no events to draw."""
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise PlotRequestError(f"{out.name}: the figure must end in .png or .svg")
    if kind not in KINDS:
        raise PlotRequestError(f"unknown plot kind {kind!r} (one of {', '.join(KINDS)})")
    if period not in (None, *UNITS):
        raise PlotRequestError(f"unknown period {period!r} (one of {', '.join(UNITS)})")
    if kind == "dyad":
        if not (source and target):
            raise PlotRequestError("--kind dyad needs --source A and --target B")
        figure, periods, counts = dyad_figure(graph, source, target, title, period)
    else:
        figure, periods, counts = timeline_figure(graph, title, period)
    if out.suffix.lower() == ".svg":  # no date in the file: same input, same figure
        figure.savefig(out, dpi=DPI, format="svg", metadata={"Date": None})
    else:
        figure.savefig(out, dpi=DPI, format="png", pil_kwargs={"optimize": True})
    total = sum(sum(c) for c in counts.values())
    return f"{total} events in {len(periods.starts)} {periods.unit}s ({kind})"
