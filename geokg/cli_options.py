"""The option groups the `geokg` commands share (inputs, batches, selections, queries,
outputs), with the callbacks that check their values."""

from __future__ import annotations

import datetime as dt

import click

from geokg.graph.store import BATCH_RELATIONS, BATCH_WAIT, DEFAULT_BATCH
from geokg.output import DEFAULT_ROW_LIMIT


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None
               ) -> dt.date | None:
    """A `--published` date (YYYY-MM-DD)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _max_bytes(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        source = ctx.get_parameter_source(param.name or "")
        where = (" (from GEOKG_MAX_FILE_BYTES)"
                 if source == click.core.ParameterSource.ENVIRONMENT else "")
        raise click.BadParameter(f"{value!r} is not a positive whole number of bytes{where}")
    return number


def _options(func, options: list):
    """`func` with click `options`, listed in the order `--help` shows them."""
    for option in reversed(options):
        func = option(func)
    return func


def input_options(func):
    """The input options shared by `ingest` and `extract`; they go to the API as keywords."""
    return _options(func, [
        click.option("--strict", is_flag=True,
                     help="Load nothing from a JSON Lines file that has any bad line (each "
                          "bad line is still reported); without it the good lines load."),
        click.option("--engine", type=click.Choice(["parse", "rules"]), default=None,
                     help="Event coder: parse (spaCy dependency parse) or rules (patterns, "
                          "no model) [default: $GEOKG_ENGINE, else parse when a spaCy "
                          "English model is installed, else rules]."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
                     help="Worker processes for extraction (e.g. the number of CPU cores); "
                          "output order and the writes are the same as with one."),
        click.option("--max-bytes", envvar="GEOKG_MAX_FILE_BYTES", metavar="BYTES",
                     callback=_max_bytes,
                     help="Refuse input files larger than this (one error each, the others "
                          "still load) [default: 52428800 (50 MiB); env "
                          "GEOKG_MAX_FILE_BYTES]."),
        click.option("--cluster", metavar="local:N|ADDRESS", envvar="GEOKG_CLUSTER",
                     help="Extract on a Dask cluster (geokg[dask]): local:N worker processes "
                          "or a scheduler's tcp://HOST:PORT [env GEOKG_CLUSTER]; inputs may "
                          "then be fsspec URLs (s3://...)."),
        click.option("--shard-files", type=click.IntRange(min=1), default=256, metavar="N",
                     help="Input files per cluster task (at most 8 MiB) [default: 256]."),
    ])


def batch_option(func):
    """`--batch N`, shared by `ingest` and `push`."""
    return click.option(
        "--batch", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True,
        metavar="N",
        help=f"Whole articles per write transaction. Larger loads Neo4j faster; a batch is "
             f"also written once it holds about {BATCH_RELATIONS:,} relations or its first "
             f"article waited {BATCH_WAIT:g} s. A batch that fails is written again one "
             f"article per transaction, so only a bad article is refused; 1 = one "
             f"transaction per article.")(func)


def time_options(func):
    """`--as-of` and `--known-by`, shared by `viz`, `export`, `plot`, `query` and `stats`."""
    return _options(func, [
        click.option("--as-of", "as_of", metavar="DATE",
                     help="The graph as of DATE: events begun by then, offices held then."),
        click.option("--known-by", "known_by", metavar="DATE",
                     help="Only evidence from articles published by DATE; edges left "
                          "without evidence disappear."),
    ])


def selection_options(func):
    """The selection options shared by `viz`, `export` and `plot` (time options included)."""
    return _options(time_options(func), [
        click.option("--actor", help="Keep the ego network of this actor (name, alias or id)."),
        click.option("--hops", type=click.IntRange(0, 5), default=1, show_default=True,
                     help="Hops around --actor."),
        click.option("--since", help="Keep events whose date overlaps on or after this "
                                     "(YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Keep events whose date overlaps on or before this."),
        click.option("--types", help="Comma-separated relationship types, e.g. "
                                     "SANCTIONED,ACCUSED."),
        click.option("--category", help="PLOVER category, e.g. SANCTION."),
    ])


force_option = click.option(
    "--force", is_flag=True,
    help="Overwrite an existing file that is not an export of this kind (never the store).")


def query_options(value_help: str):
    """`--param/-p K=V` (repeatable), `--format table|json|csv` and `--limit N`, shared by
    `query` and `cypher`."""
    def decorate(func):
        func = click.option(
            "--limit", type=click.IntRange(min=0), default=DEFAULT_ROW_LIMIT,
            show_default=True,
            help="Print at most this many rows (0: all); no more are read into Python.")(func)
        func = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                            default="table", show_default=True)(func)
        return click.option("--param", "-p", "params", multiple=True, metavar="K=V",
                            help=value_help)(func)
    return decorate
