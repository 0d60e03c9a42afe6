"""Terminal output for the CLI: tables, JSON, CSV, progress bars, problem reports."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from geokg.terminal import clean, clean_json

if TYPE_CHECKING:
    from geokg.graph.model import GraphFragment


@contextmanager
def progress(total: int, label: str, disable: bool = False):
    """A progress bar on stderr (hidden for single files or when asked)."""
    from tqdm import tqdm  # loaded by the commands that read files only

    bar = tqdm(total=total, desc=label, unit="file", file=sys.stderr, disable=disable,
               leave=False)
    try:
        yield bar
    finally:
        bar.close()


def report_problems(report) -> None:
    """Print each error and warning of a run as one line on stderr."""
    for warning in dict.fromkeys(report.warnings):
        click.echo(f"warning: {clean(warning)}", err=True)
    for error in report.errors:
        click.echo(f"error: {clean(error)}", err=True)


def finish(report, summary: str | None = None) -> None:
    """End a command that read input: its problems, then its summary line, on stderr; exit
    code 1 when it had errors."""
    report_problems(report)
    if summary:
        click.echo(summary, err=True)
    if report.errors:
        raise click.exceptions.Exit(1)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return clean(" | ".join(str(v) for v in value))  # e.g. a relationship's sentences
    if isinstance(value, (list, dict)):
        return clean(json.dumps(value, ensure_ascii=False))
    return clean(value)


def _raw_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def print_table(rows: list[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Rows as an aligned text table."""
    if not rows:
        click.echo("(no rows)")
        return
    columns = columns or list(rows[0])
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    # every column but the last at most 60 wide; the last one (e.g. a sentence) is never cut
    widths = [min(60, w) for w in widths[:-1]] + widths[-1:]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w)
                             for v, w in zip(row, widths, strict=True)).rstrip())


def print_csv(rows: list[dict[str, Any]]) -> None:
    """Rows as CSV with a header line (lists and maps as JSON)."""
    columns = list(rows[0]) if rows else []
    # cells as they are for a pipe or a file; escaped on a terminal
    cell = _cell if sys.stdout.isatty() else _raw_cell
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})


def emit(data: Any, fmt: str, table: Callable[[Any], None] = print_table) -> None:
    """The one output path of the commands: `data` on stdout as `json` (indented), `jsonl`
    (one line), `csv` (rows), or else as `table(data)` (rows as a text table by default)."""
    if fmt == "json":
        click.echo(clean_json(json.dumps(data, ensure_ascii=False, indent=2, default=str)))
    elif fmt == "jsonl":
        click.echo(clean_json(json.dumps(data, ensure_ascii=False, default=str)))
    elif fmt == "csv":
        print_csv(data)
    else:
        table(data)


def wrote(out: str, graph: Any) -> None:
    """Say on stderr that a graph (networkx) was written to `out`, and how large it is."""
    click.echo(f"wrote {clean(out)}: {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges", err=True)


def emit_fragments(fragments: Iterable[GraphFragment], fmt: str) -> None:
    """Fragments on stdout: `jsonl` one per line as they come; `json` or `table` merged
    into one graph first."""
    from geokg.graph.model import GraphFragment

    merged = GraphFragment()
    for fragment in fragments:
        if fmt == "jsonl":
            emit(fragment.public(), "jsonl")
        else:
            merged.merge(fragment)
    if fmt != "jsonl":
        emit(merged if fmt == "table" else merged.public(), fmt, table=print_relations)


DEFAULT_ROW_LIMIT = 10_000  # rows `cypher` and `query` print unless --limit says otherwise


def rows_to_read(limit: int) -> int | None:
    """How many rows to ask the store for to print `limit` (0: all) and know if there are
    more: one more than the limit."""
    return limit + 1 if limit else None


def emit_capped(rows: list[dict[str, Any]], fmt: str, limit: int) -> None:
    """`emit` at most `limit` of the query's `rows` (0: all), and say so on stderr when
    more exist."""
    emit(rows[:limit] if limit else rows, fmt)
    if limit and len(rows) > limit:
        click.echo(f"warning: showing the first {limit} rows; the query returns more "
                   "(raise --limit, 0 for all, or add LIMIT / ORDER BY to the query)",
                   err=True)


def print_relations(fragment: GraphFragment) -> None:
    """A fragment's relations as a table with names, dates, statuses and rules."""
    names = {e.id: e.name for e in fragment.entities}
    print_table([{"source": names.get(r.source, r.source), "type": r.type,
                  "target": names.get(r.target, r.target), "date": r.date,
                  "status": r.status.value, "rule": r.evidence[0].rule if r.evidence else ""}
                 for r in fragment.relations])


def print_stats(counts: dict[str, Any]) -> None:
    """Store counts as a short report."""
    click.echo(f"articles   {counts['articles']}")
    click.echo(f"entities   {counts['entities']}")
    click.echo(f"relations  {counts['relations']}")
    for title, key in (("entity types", "by_entity_type"), ("relation types", "by_relation_type")):
        if counts.get(key):
            click.echo(f"\n{title}:")
            for name, number in sorted(counts[key].items(), key=lambda kv: (-kv[1], kv[0])):
                click.echo(f"  {name:<20} {number}")


def print_query_list(queries: Iterable[Any]) -> None:
    """Canned queries with their parameters."""
    for canned in queries:
        click.echo(f"{canned.name}\n    {canned.description}")
        for param in canned.params:
            click.echo(f"    -p {param.name}=...  ({param.shown()}) {param.description} "
                       f"e.g. {param.example}")


def json_or_text(value: str) -> Any:
    """A raw Cypher parameter: JSON if it parses as a number, list or object, else text."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    return parsed if isinstance(parsed, (int, float, list, dict, bool)) else value
