"""The `geokg` command line: parses options, calls the API, prints. Exit codes: 0 ok,
1 runtime error (one line, no traceback unless --debug), 2 usage error, 130 / 143 on
SIGINT / SIGTERM (the error boundary and the store opening are in `geokg.cli_support`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from geokg import output
from geokg.cli_options import (
    batch_option,
    force_option,
    input_options,
    parse_date,
    query_options,
    selection_options,
    time_options,
)
from geokg.cli_support import GeokgGroup, command_store, require_store
from geokg.graph.backends import DEFAULT_DB, open_store
from geokg.graph.store import GraphStore
from geokg.terminal import clean

if TYPE_CHECKING:
    import networkx as nx

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "panel")


def _store(ctx: click.Context, read_only: bool = False) -> GraphStore:
    """The command's store, opened at its first use (`read_only` for commands that only
    read: nothing is written, a missing embedded store is an error; see cli_support)."""
    return command_store(ctx, read_only)


def _reader(ctx: click.Context):
    """The store of `query` and `cypher`: an embedded store's Cypher is answered by its
    `geokg serve` process when one runs (`geokg.graph.serve_client`), else in-process."""
    store = _store(ctx, read_only=True)
    if ctx.obj["kind"] != "embedded":
        return store
    from geokg.graph.serve_client import served

    return served(store)


def _check_out(ctx: click.Context, out: str, kind: str, force: bool) -> None:
    """Refuse an output path that is the store, or an existing non-export file unless
    --force (see `geokg.exports.destination`)."""
    from geokg.exports.destination import check_destination

    store = ctx.obj["db"] if ctx.obj["kind"] == "embedded" else None  # need not exist yet
    check_destination(out, kind, [store] if store else [], force)


def _travelled(store: GraphStore, as_of: str | None, known_by: str | None):
    """The store, or with --as-of / --known-by a view of it then (offices: the gazetteer's)."""
    if not (as_of or known_by):
        return store  # as `travelled` does, without loading the model and the gazetteer
    from geokg.graph.timetravel import travelled
    from geokg.offices import gazetteer_offices

    return travelled(store, as_of, known_by, gazetteer_offices())


def nx_graph() -> type:
    """networkx's graph class (imported when needed: the CLI starts faster without it)."""
    import networkx as nx

    return nx.Graph


def _selected_graph(store: GraphStore, **options) -> nx.MultiDiGraph:
    from geokg.graph.selection import select_stored, selection_of
    from geokg.offices import gazetteer_offices

    return select_stored(store, selection_of(**options), gazetteer_offices())


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
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for files "
                                                   "that give none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@input_options
@batch_option
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], published, quiet: bool, batch: int,
           **inputs) -> None:
    """Extract articles (files or folders) and store their graph.

    Re-ingesting an article changes nothing; a second article asserting a known
    edge adds its evidence to it. Only whole articles are stored.
    """
    from geokg.cluster import api
    from geokg.pipeline import RunReport, count_files

    report = RunReport(debug=ctx.meta.get("geokg.debug", False))
    total = count_files(list(paths))
    store = _store(ctx)
    with output.progress(total, "Ingesting", disable=quiet or total < 2) as bar:
        api.ingest(store, list(paths), report, published, lambda _path: bar.update(1),
                   batch=batch, **inputs)
    output.finish(report, report.summary())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table", "parquet"]),
              default="json", show_default=True, help="json: one graph; jsonl: one per article; "
                                                      "parquet: the tables under --out.")
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for files "
                                                   "that give none.")
@click.option("--out", help="Folder or fsspec URL for --format parquet (its tables replaced).")
@click.option("--partitions", type=click.IntRange(min=1), default=16, show_default=True,
              help="Parquet files per table (--format parquet); more for larger corpora.")
@input_options
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str, published, out: str | None,
            partitions: int, **inputs) -> None:
    """Print the graph of articles without storing it (or write it as Parquet tables)."""
    from geokg.cluster import api
    from geokg.pipeline import RunReport

    report = RunReport(debug=ctx.meta.get("geokg.debug", False))
    if fmt == "parquet":
        counts = api.extract_parquet(list(paths), out, report, published, partitions, **inputs)
        output.finish(report, f"wrote {out}: {counts}")
    else:
        output.emit_fragments(api.extract(list(paths), report, published, **inputs), fmt)
        output.finish(report)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@time_options
@click.pass_context
def stats(ctx: click.Context, fmt: str, as_of: str | None, known_by: str | None) -> None:
    """Count articles, entities and relations, by type."""
    output.emit(_travelled(_store(ctx, read_only=True), as_of, known_by).stats(), fmt,
                table=output.print_stats)


@main.command()
@click.argument("folder")
@batch_option
@click.pass_context
def load(ctx: click.Context, folder: str, batch: int) -> None:
    """Store the Parquet tables of `extract --format parquet` (folder or fsspec URL)."""
    from geokg.cluster import api

    report = api.load(_store(ctx), folder, batch)
    output.finish(report, f"loaded {folder}: {api.stored(report.stored)}")


@main.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(EXPORT_FORMATS))
@click.argument("out", type=click.Path())
@force_option
@selection_options
@click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month",
              show_default=True, help="panel: the period of a row.")
@click.option("--by", "by", type=click.Choice(["entity", "country"]), default="entity",
              show_default=True, help="panel: dyads of entity ids or of ISO 3166 alpha-3 codes.")
@click.option("--format", "panel_format", type=click.Choice(["csv", "parquet"]),
              default="csv", show_default=True, help="panel: file format.")
@click.option("--zero-fill", is_flag=True,
              help="panel: a zero row for every dyad and category in every period.")
@click.option("--parquet", metavar="DIR", help="csv: bundle `extract --format parquet` tables.")
@click.pass_context
def export(ctx: click.Context, fmt: str, out: str, freq: str, by: str, panel_format: str,
           zero_fill: bool, parquet: str | None, force: bool, **selection) -> None:
    """Write the graph as graphml, gexf, json (node-link), csv (neo4j-admin bundle) or
    panel (dyad-period event counts for pandas or R)."""
    from geokg.cluster import api
    from geokg.exports import write_export

    _check_out(ctx, out, fmt, force)
    if parquet:
        click.echo(f"wrote {clean(api.csv_bundle(fmt, parquet, out))}", err=True)
        return
    from geokg.graph.selection import selected, selection_of
    from geokg.offices import gazetteer_offices

    with selected(_store(ctx, read_only=True), selection_of(**selection),
                  gazetteer_offices()) as graph:
        if fmt == "panel":
            from geokg.exports.panel import export_panel

            panel = export_panel(graph, Path(out), freq, by, panel_format, zero_fill)
            click.echo(f"wrote {clean(out)}: {panel.summary()}", err=True)
            return
        write_export(fmt, graph, Path(out))
        output.wrote(out, graph)


@main.command()
@click.option("--out", required=True, type=click.Path(), help="HTML file to write.")
@click.option("--title", help="Title line of the map.")
@click.option("--max-nodes", type=click.IntRange(min=0), default=2000, show_default=True,
              help="Draw the most connected entities of the selection up to this many "
                   "(and up to 5 relations per entity, the best attested); 0 draws all.")
@force_option
@selection_options
@click.pass_context
def viz(ctx: click.Context, out: str, title: str | None, max_nodes: int, force: bool,
        **selection) -> None:
    """Write an interactive HTML network map (works offline)."""
    from geokg.exports.html import write_html
    from geokg.exports.mapcap import map_graph
    from geokg.graph.selection import selected, selection_of
    from geokg.offices import gazetteer_offices

    _check_out(ctx, out, "html", force)
    store = _store(ctx, read_only=True)
    with selected(store, selection_of(**selection), gazetteer_offices()) as chosen:
        contested = (_travelled(store, selection["as_of"], selection["known_by"])
                     if isinstance(chosen, nx_graph()) else None)
        graph, cap = map_graph(chosen, contested, max_nodes)
    write_html(graph, Path(out), title=title, cap_note=cap.note())
    output.wrote(out, graph)
    if cap.note():
        click.echo(f"note: {cap.note()}", err=True)


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

    _check_out(ctx, out, "plot", force=True)  # never over the store
    graph = _selected_graph(_store(ctx, read_only=True), **selection)
    try:
        summary = write_plot(graph, Path(out), kind, source, target, title, period)
    except PlotRequestError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {clean(out)}: {summary}", err=True)


@main.command()
@click.argument("name")
@query_options("Query parameter, repeatable.")
@click.option("--show-cypher", is_flag=True, help="Print the Cypher before the rows.")
@time_options
@click.pass_context
def query(ctx: click.Context, name: str, params: tuple[str, ...], fmt: str, limit: int,
          show_cypher: bool, as_of: str | None, known_by: str | None) -> None:
    """Run a canned query: `geokg query list`, then `geokg query NAME -p k=v`."""
    from geokg.queries.catalog import bound_query, check_names, list_queries, parse_assignments

    if name == "list":
        queries = list_queries()
        output.emit([q.describe() for q in queries] if fmt == "json" else queries,
                    "json" if fmt == "json" else "table", table=output.print_query_list)
        return
    canned, bound = bound_query(name, parse_assignments(params))  # checked before the store
    if show_cypher:
        click.echo(canned.cypher.strip() + "\n", err=fmt != "table")
    store = (_travelled(_store(ctx, read_only=True), as_of, known_by) if as_of or known_by
             else _reader(ctx))
    check_names(store, canned, bound)  # an unknown actor is an error, as in `viz`
    rows = store.cypher(canned.cypher, bound, max_rows=output.rows_to_read(limit))
    output.emit_capped(rows, fmt, limit)


@main.command()
@click.argument("statement")
@query_options("Query parameter, repeatable (values are strings unless JSON).")
@click.pass_context
def cypher(ctx: click.Context, statement: str, params: tuple[str, ...], fmt: str,
           limit: int) -> None:
    """Run read-only Cypher on the store (writes, LOAD CSV, administration and procedures
    other than schema listings are refused)."""
    from geokg.queries.catalog import parse_assignments
    from geokg.queries.datecheck import date_string_warning

    values = {k: output.json_or_text(v) for k, v in parse_assignments(params).items()}
    warning = date_string_warning(statement, values)
    if warning:
        click.echo(f"warning: {clean(warning)}", err=True)
    rows = _reader(ctx).cypher(statement, values, max_rows=output.rows_to_read(limit))
    output.emit_capped(rows, fmt, limit)


@main.command()
@click.option("--db", "served_db", type=click.Path(dir_okay=False),
              help="Embedded store to serve [default: the --db before the command, env "
                   "GEOKG_DB, ./geokg.db].")
@click.option("--idle", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              help="Stop after this many seconds without a query [default: never].")
@click.pass_context
def serve(ctx: click.Context, served_db: str | None, idle: float | None) -> None:
    """Keep the store's graph loaded and answer `geokg query` and `geokg cypher` from it.

    Runs in the foreground until Ctrl-C. It loads the graph once; each `query` or `cypher`
    process on the same store then asks it over a Unix socket in the store's graph folder
    (DB.graph/serve.sock, readable by your user only) instead of loading the graph itself,
    which at a million relations saves seconds and hundreds of MB per command. Before
    each request it applies what other processes (an ingest) wrote since, so answers are
    always the store's current ones; without a server (or with GEOKG_SERVE=0) the commands
    work as before. One server per store; it stops by itself when the store is reset.
    On a large store (GEOKG_SERVE_FROM relations, default 200,000) `query` and `cypher`
    start one themselves, in the background, with --idle 600.
    """
    from geokg import serve as serving

    if ctx.obj["kind"] != "embedded":
        raise click.UsageError("serve is for the embedded store (--store embedded)")
    db = served_db or ctx.obj["db"]
    require_store(db)
    try:
        serving.serve(db, serving.stderr_log, idle)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@main.command()
@click.argument("source")
@click.argument("rtype", metavar="TYPE")
@click.argument("target")
@click.option("--date", help="Only edges whose date overlaps this (YYYY[-MM[-DD]]).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_context
def explain(ctx: click.Context, source: str, rtype: str, target: str, date: str | None,
            fmt: str) -> None:
    """Why an edge is in the graph: each evidence sentence, its article, engine, rule and
    the cue words of its status and date. SOURCE and TARGET: names, aliases or ids."""
    from dataclasses import asdict

    from geokg import explain as why

    notes = why.explain(_store(ctx, read_only=True).load(), source, rtype, target, date)
    if fmt == "json" or notes:
        output.emit([asdict(n) for n in notes], fmt, table=lambda _: click.echo(
            why.format_notes(notes)))
    else:
        click.echo("no such edge" + (f" overlapping {date}" if date else ""), err=True)


@main.command()
@batch_option
@click.pass_context
def push(ctx: click.Context, batch: int) -> None:
    """Copy the embedded store (--db) into Neo4j (NEO4J_* settings)."""
    from geokg.pipeline import push as push_graph

    require_store(ctx.obj["db"])
    with open_store("embedded", ctx.obj["db"], read_only=True) as source, \
            open_store("neo4j", **ctx.obj["neo4j"]) as target:
        report = push_graph(source, target, batch)
    click.echo(f"pushed: {report.articles_added} new article(s), {report.entities_added} new "
               f"entities, {report.relations_added} new relation(s)", err=True)


@main.command()
@click.option("--yes", is_flag=True, help="Do not ask (needed when there is no terminal).")
@click.pass_context
def reset(ctx: click.Context, yes: bool) -> None:
    """Empty the store: remove the embedded store file (--db) and its companions, or delete
    every node and relationship of the Neo4j database (its constraints stay). Asks first."""
    from geokg import reset as emptied

    what, run = emptied.plan(ctx.obj["db"], None if ctx.obj["kind"] == "embedded"
                             else _store(ctx))
    if not yes:
        if not sys.stdin.isatty():
            raise click.UsageError(f"reset deletes {clean(what)}: add --yes to confirm")
        click.confirm(f"Delete {clean(what)}?", abort=True, err=True)
    click.echo(clean(run()), err=True)


@main.command()
@click.pass_context
def demo(ctx: click.Context) -> None:
    """Ingest the bundled example articles into their own store, ./geokg-demo.db (or --db
    given on the command line), and write geokg-demo.html and geokg-demo.graphml."""
    from geokg.demo import DEMO_DB, run_demo

    if ctx.obj["kind"] == "embedded" and \
            ctx.parent.get_parameter_source("db") != click.core.ParameterSource.COMMANDLINE:
        ctx.obj["db"] = DEMO_DB  # never the user's own store (./geokg.db or $GEOKG_DB)
    store = _store(ctx)
    run_demo(store, Path.cwd(), where=ctx.obj["db"] if ctx.obj["kind"] == "embedded"
             else None)


def run() -> None:
    """Entry point with usage errors mapped to exit code 2 (click's default)."""
    main(prog_name="geokg")


if __name__ == "__main__":
    sys.exit(run())
