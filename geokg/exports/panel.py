"""Dyad panels: events per period, source, target and PLOVER category as tidy rows.

One row per (period, source, target, category) with events (edges), reports (independent
reports, syndicated copies counted once) and articles (distinct articles) behind them, and
outlets; `period` is the ISO date the period starts on (weeks start on Monday). Edges dated
coarser than the frequency (`2025-10` in a daily panel), undated edges, standing ties (no
category) and, by country, edges with an end of unknown country are left out and counted.
Opens as is with `pandas.read_csv` / `pandas.read_parquet` and R's `read.csv`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from geokg.graph.counts import independent_reports, outlet
from geokg.graph.errors import UsageError
from geokg.graph.model import date_bounds
from geokg.graph.vocabulary import plover_quad

FREQS = ("day", "week", "month", "year")
BY = ("entity", "country")
FORMATS = ("csv", "parquet")
COLUMNS = ("period", "source", "target", "category", "quad", "events", "reports", "articles",
           "outlets")
_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4}  # date length each one needs


@dataclass
class Panel:
    """The rows, and why edges were left out (reason -> edges)."""

    rows: list[dict[str, Any]]
    left_out: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line: how many rows, and how many edges were left out and why."""
        left = "; ".join(f"{n} {why}" for why, n in sorted(self.left_out.items()))
        return f"{len(self.rows)} rows" + (f"; edges left out: {left}" if left else "")


def period_start(date: str, freq: str) -> dt.date:
    """The first day of the `freq` period holding `date` (precise enough for `freq`)."""
    day = date_bounds(date)[0]
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    if freq == "year":
        return day.replace(month=1, day=1)
    return day


def _next(start: dt.date, freq: str) -> dt.date:
    if freq in ("day", "week"):
        return start + dt.timedelta(days=1 if freq == "day" else 7)
    if freq == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def panel_rows(graph: nx.MultiDiGraph, freq: str = "month", by: str = "entity",
               zero_fill: bool = False) -> Panel:
    """The panel of a (selected) graph; `zero_fill` adds zero rows for every dyad and
    category in every period between the first and the last. Each edge is counted into its
    cell as it is read (a `StreamedGraph` is read once, in batches)."""
    if freq not in FREQS or by not in BY:
        raise UsageError(f"freq must be one of {FREQS} and by one of {BY}")
    articles = graph.graph.get("articles", {})
    country = ({n: d.get("country") for n, d in graph.nodes(data=True)} if by == "country"
               else None)
    cells: dict[tuple, _Cell] = {}
    left_out: Counter[str] = Counter()
    for u, v, data in graph.edges(data=True):
        date, category = data.get("date"), data.get("category")
        source, target = (u, v) if country is None else (country.get(u), country.get(v))
        if not category:
            left_out["standing ties (no category)"] += 1
        elif not date:
            left_out["undated"] += 1
        elif len(date) < _PRECISION[freq]:
            left_out[f"dated coarser than a {freq}"] += 1
        elif source is None or target is None:
            left_out["an end without a country"] += 1
        else:
            key = (period_start(date, freq), source, target, category)
            cell = cells.get(key) or cells.setdefault(key, _Cell())
            evidence = data.get("evidence") or []
            cell.events += 1
            cell.reports += independent_reports(evidence)
            cell.articles.update(item["article"] for item in evidence)
    rows = [_row(key, cell, articles) for key, cell in cells.items()]
    if zero_fill and cells:
        rows += _zeros(cells, freq)
    rows.sort(key=lambda r: (r["period"], r["source"], r["target"], r["category"]))
    return Panel(rows, left_out)


@dataclass
class _Cell:
    """What a row counts, gathered edge by edge."""

    events: int = 0
    reports: int = 0
    articles: set[str] = field(default_factory=set)


def _row(key: tuple, cell: _Cell, articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    period, source, target, category = key
    return {"period": period.isoformat(), "source": source, "target": target,
            "category": category, "quad": plover_quad(category), "events": cell.events,
            "reports": cell.reports, "articles": len(cell.articles),
            "outlets": len({outlet(i, articles.get(i)) for i in cell.articles})}


def _zeros(cells: dict[tuple, _Cell], freq: str) -> list[dict[str, Any]]:
    periods, start, last = [], min(k[0] for k in cells), max(k[0] for k in cells)
    while start <= last:
        periods.append(start)
        start = _next(start, freq)
    dyads = sorted({k[1:] for k in cells})
    return [{"period": p.isoformat(), "source": s, "target": t, "category": c,
             "quad": plover_quad(c), "events": 0, "reports": 0, "articles": 0, "outlets": 0}
            for p in periods for s, t, c in dyads if (p, s, t, c) not in cells]


def export_panel(graph: nx.MultiDiGraph, out: Path, freq: str = "month", by: str = "entity",
                 fmt: str = "csv", zero_fill: bool = False) -> Panel:
    """Write the panel of a (selected) graph to `out` (`panel_rows`, then `write_panel`)."""
    panel = panel_rows(graph, freq, by, zero_fill)
    write_panel(panel, out, fmt)
    return panel


def write_panel(panel: Panel, out: Path, fmt: str = "csv") -> Path:
    """Write the rows as CSV (a header, then one line per row) or Parquet (needs pyarrow)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError("parquet needs pyarrow: pip install 'geokg[parquet]'") from None
        table = pa.Table.from_pylist(panel.rows, schema=pa.schema(
            [(c, pa.int64() if c in COLUMNS[5:] else pa.string()) for c in COLUMNS]))
        pq.write_table(table, out)
        return out
    if fmt != "csv":
        raise UsageError(f"unknown panel format {fmt!r} (use {', '.join(FORMATS)})")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(panel.rows)
    return out
