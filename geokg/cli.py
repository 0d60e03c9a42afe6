"""The `geokg` command line: parses options, calls the API, prints. Exit codes: 0 ok,
1 runtime error (one line, no traceback unless --debug), 2 usage error."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError

from geokg import output
from geokg.graph.backends import DEFAULT_DB, open_store
from geokg.graph.errors import GeokgError, UsageError
from geokg.graph.store import BATCH_RELATIONS, BATCH_WAIT, DEFAULT_BATCH, GraphStore

if TYPE_CHECKING:
    import networkx as nx

    from geokg.graph.selection import Selection

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


class GeokgGroup(click.Group):
    """A click group with the CLI's one error boundary: a `GeokgError` (or an OS error) is
    one line and exit code 1, a `UsageError` exit code 2; anything else is a bug, named as
    such (`--debug` shows its traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - the CLI's single error boundary
            if ctx.meta.get("geokg.debug"):
                raise
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if isinstance(exc, GeokgError | OSError):
                click.echo(f"error: {message}", err=True)
            else:  # a bug: name the exception, offer the traceback
                click.echo(f"error: {type(exc).__name__}: {message} (run with --debug for "
                           "details)", err=True)
            ctx.exit(2 if isinstance(exc, UsageError) else 1)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _store(ctx: click.Context) -> GraphStore:
    options = ctx.obj
    if "store" not in options:
        options["store"] = open_store(options["kind"], options["db"], **options["neo4j"])
        ctx.call_on_close(options["store"].close)
    return options["store"]


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


def input_options(func):
    """The input options shared by `ingest` and `extract`."""
    options = [
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
    ]
    for option in reversed(options):
        func = option(func)
    return func


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


def selection_options(func):
    """The selection options shared by `viz` and `export`."""
    options = [
        click.option("--actor", help="Keep the ego network of this actor (name, alias or id)."),
        click.option("--hops", type=click.IntRange(0, 5), default=1, show_default=True,
                     help="Hops around --actor."),
        click.option("--since", help="Keep events whose date overlaps on or after this "
                                     "(YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Keep events whose date overlaps on or before this."),
        click.option("--types", help="Comma-separated relationship types, e.g. "
                                     "SANCTIONED,ACCUSED."),
        click.option("--category", help="PLOVER category, e.g. SANCTION."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def query_options(value_help: str):
    """`--param/-p K=V` (repeatable) and `--format table|json|csv`, shared by `query` and
    `cypher`."""
    def decorate(func):
        func = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                            default="table", show_default=True)(func)
        return click.option("--param", "-p", "params", multiple=True, metavar="K=V",
                            help=value_help)(func)
    return decorate


def _selection(actor, hops, since, until, types, category) -> Selection:
    from geokg.graph.selection import Selection

    try:
        return Selection(actor=actor, hops=hops, since=since, until=until,
                         types=[t.strip() for t in types.split(",")] if types else [],
                         category=category)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "selection"
        raise click.BadParameter(error["msg"].removeprefix("Value error, "),
                                 param_hint=f"--{field}") from None


def _selected_graph(store: GraphStore, **selection) -> nx.MultiDiGraph:
    from geokg.graph.selection import select_stored

    return select_stored(store, _selection(**selection))


@click.group(cls=GeokgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "kind", type=click.Choice(["embedded", "neo4j"]),
              envvar="GEOKG_STORE", default="embedded", show_default=True,
              help="Where the graph lives: embedded SQLite file or a Neo4j server.")
@click.option("--db", envvar="GEOKG_DB", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="Embedded store file (env GEOKG_DB).")
@click.option("--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI (env NEO4J_URI).")
@click.option("--neo4j-user", envvar="NEO4J_USERNAME", help="User (env NEO4J_USERNAME).")
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD",
              help="Password (env NEO4J_PASSWORD; never printed).")
@click.option("--neo4j-database", envvar="NEO4J_DATABASE", help="Database (env NEO4J_DATABASE).")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.version_option(package_name="geokg")
@click.pass_context
def main(ctx: click.Context, kind: str, db: str, neo4j_uri, neo4j_user, neo4j_password,
         neo4j_database, debug: bool) -> None:
    """geokg turns news articles into a typed, dated, sourced geopolitical event graph.

    Start with `geokg demo`, or `geokg ingest ARTICLES...` then `geokg stats`,
    `geokg viz --out map.html` and `geokg export graphml graph.graphml`.
    """
    ctx.meta["geokg.debug"] = debug
    neo4j = {k: v for k, v in {"uri": neo4j_uri, "user": neo4j_user,
                               "password": neo4j_password,
                               "database": neo4j_database}.items() if v}
    ctx.obj = {"kind": kind, "db": db, "neo4j": neo4j}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for files "
                                                   "that give none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@input_options
@batch_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], published, quiet: bool, strict: bool,
           engine: str | None, jobs: int, max_bytes: int | None, batch: int) -> None:
    """Extract articles (files or folders) and store their graph.

    Re-ingesting an article changes nothing; a second article asserting a known
    edge adds its evidence to it. Only whole articles are stored.
    """
    from geokg.pipeline import RunReport, count_files, ingest_paths

    report = RunReport(debug=ctx.meta.get("geokg.debug", False))
    total = count_files(list(paths))
    store = _store(ctx)
    with output.progress(total, "Ingesting", disable=quiet or total < 2) as bar:
        ingest_paths(store, list(paths), published, report, lambda _path: bar.update(1),
                     strict=strict, max_bytes=max_bytes, jobs=jobs, batch=batch,
                     engine=engine)
    output.report_problems(report)
    stored = report.stored
    click.echo(f"{report.articles} article(s) read, {stored.articles_added} new; "
               f"{report.relations} relation(s) extracted, {stored.relations_added} new, "
               f"{stored.evidence_added} evidence added.", err=True)
    if report.errors:
        ctx.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True, help="json: one graph; jsonl: one graph per article.")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for files "
                                                   "that give none.")
@input_options
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str, published, strict: bool,
            engine: str | None, jobs: int, max_bytes: int | None) -> None:
    """Print the graph of articles without storing it."""
    from geokg.graph.model import GraphFragment
    from geokg.pipeline import RunReport, extract_stream

    report = RunReport(debug=ctx.meta.get("geokg.debug", False))
    merged = GraphFragment()
    for fragment in extract_stream(list(paths), report, published, strict=strict,
                                   max_bytes=max_bytes, jobs=jobs, engine=engine):
        if fmt == "jsonl":
            output.emit(fragment.public(), "jsonl")
        else:
            merged.merge(fragment)
    if fmt != "jsonl":
        output.emit(merged if fmt == "table" else merged.public(), fmt,
                    table=output.print_relations)
    output.report_problems(report)
    if report.errors:
        ctx.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Count articles, entities and relations, by type."""
    output.emit(_store(ctx).stats(), fmt, table=output.print_stats)


@main.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("out", type=click.Path())
@selection_options
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str, **selection) -> None:
    """Write the graph as graphml, gexf, json (node-link) or csv (neo4j-admin bundle)."""
    from geokg.exports import write_export

    graph = _selected_graph(_store(ctx), **selection)
    write_export(fmt, graph, Path(out))
    click.echo(f"wrote {out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
               err=True)


@main.command()
@click.option("--out", required=True, type=click.Path(), help="HTML file to write.")
@click.option("--title", help="Title line of the map.")
@selection_options
@click.pass_context
def viz(ctx: click.Context, out: str, title: str | None, **selection) -> None:
    """Write an interactive HTML network map (works offline)."""
    from geokg.exports.html import write_html

    graph = _selected_graph(_store(ctx), **selection)
    write_html(graph, Path(out), title=title)
    click.echo(f"wrote {out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
               err=True)


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["timeline", "dyad"]), default="timeline",
              show_default=True, help="timeline: events per period stacked by PLOVER quad; "
                                      "dyad: --source and --target over time.")
@click.option("--source", help="Dyad: first actor (name, alias or id).")
@click.option("--target", help="Dyad: second actor.")
@click.option("--period", type=click.Choice(["day", "week", "month"]),
              help="One bar per day, week or month [default: from the span].")
@click.option("--title", help="Title of the figure.")
@selection_options
@click.pass_context
def plot(ctx: click.Context, out: str, kind: str, source: str | None, target: str | None,
         period: str | None, title: str | None, **selection) -> None:
    """Draw a figure, OUT.png or OUT.svg at 300 dpi, readable in black and white."""
    from geokg.exports.plot import PlotRequestError, write_plot

    graph = _selected_graph(_store(ctx), **selection)
    try:
        summary = write_plot(graph, Path(out), kind, source, target, title, period)
    except PlotRequestError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {out}: {summary}", err=True)


@main.command()
@click.argument("name")
@query_options("Query parameter, repeatable.")
@click.option("--show-cypher", is_flag=True, help="Print the Cypher before the rows.")
@click.pass_context
def query(ctx: click.Context, name: str, params: tuple[str, ...], fmt: str,
          show_cypher: bool) -> None:
    """Run a canned query: `geokg query list`, then `geokg query NAME -p k=v`."""
    from geokg.queries.catalog import bound_query, list_queries, parse_assignments

    if name == "list":
        queries = list_queries()
        output.emit([q.describe() for q in queries] if fmt == "json" else queries,
                    "json" if fmt == "json" else "table", table=output.print_query_list)
        return
    canned, bound = bound_query(name, parse_assignments(params))  # checked before the store
    if show_cypher:
        click.echo(canned.cypher.strip() + "\n", err=fmt != "table")
    output.emit(_store(ctx).cypher(canned.cypher, bound), fmt)


@main.command()
@click.argument("statement")
@query_options("Query parameter, repeatable (values are strings unless JSON).")
@click.pass_context
def cypher(ctx: click.Context, statement: str, params: tuple[str, ...], fmt: str) -> None:
    """Run read-only Cypher on the store (writes are refused)."""
    from geokg.queries.catalog import parse_assignments

    values = {k: output.json_or_text(v) for k, v in parse_assignments(params).items()}
    output.emit(_store(ctx).cypher(statement, values), fmt)


@main.command()
@batch_option
@click.pass_context
def push(ctx: click.Context, batch: int) -> None:
    """Copy the embedded store (--db) into Neo4j (NEO4J_* settings)."""
    from geokg.pipeline import push as push_graph

    with open_store("embedded", ctx.obj["db"]) as source, \
            open_store("neo4j", **ctx.obj["neo4j"]) as target:
        report = push_graph(source, target, batch)
    click.echo(f"pushed: {report.articles_added} new article(s), {report.entities_added} new "
               f"entities, {report.relations_added} new relation(s)", err=True)


@main.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Ingest the bundled example articles, write geokg-demo.html and geokg-demo.graphml."""
    from geokg.demo import run_demo

    store = _store(ctx)
    run_demo(store, Path.cwd(), where=ctx.obj["db"] if ctx.obj["kind"] == "embedded"
             else "neo4j")


def run() -> None:
    """Entry point with usage errors mapped to exit code 2 (click's default)."""
    main(prog_name="geokg")


if __name__ == "__main__":
    sys.exit(run())
