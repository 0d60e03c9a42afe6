"""`geokg demo`: ingest the bundled example articles and write a map and a GraphML file."""

from __future__ import annotations

from pathlib import Path

import click

from geokg.graph.network import to_networkx
from geokg.graph.store import GraphStore
from geokg.pipeline import RunReport, ingest_files, list_files

EXAMPLES = Path(__file__).with_name("examples")
DEMO_DB = "geokg-demo.db"  # the demo's own store, in the current folder


def run_demo(store: GraphStore, folder: Path, where: str | None) -> dict[str, int]:
    """Ingest the examples into `store` (the embedded store file `where`, or None for
    Neo4j), write geokg-demo.html/.graphml into `folder`."""
    from geokg.exports.graphml import write_graphml
    from geokg.exports.html import write_html

    report = RunReport()
    ingest_files(store, list_files([EXAMPLES], report), report)
    fragment = store.load()
    graph = to_networkx(fragment.entities, fragment.relations, fragment.articles)
    html, graphml = folder / "geokg-demo.html", folder / "geokg-demo.graphml"
    write_html(graph, html, title="geokg demo: example articles")
    write_graphml(graph, graphml)
    counts = store.stats()
    place = str(Path(where).resolve()) if where else "Neo4j"
    click.echo(f"Ingested {report.articles} example articles into {place}: "
               f"{counts['entities']} entities, {counts['relations']} relations.")
    top = sorted(counts["by_relation_type"].items(), key=lambda kv: -kv[1])[:5]
    click.echo("Most frequent relations: " + ", ".join(f"{k} {v}" for k, v in top))
    click.echo(f"Wrote {html} (open it in a browser) and {graphml} (Gephi, yEd, Cytoscape).")
    use = (f"  export GEOKG_DB={_shell_word(where)}   # the demo's store (or --db "
           f"{_shell_word(where)})\n" if where else "  export GEOKG_STORE=neo4j\n")
    click.echo("\nTry next:\n" + use +
               "  geokg stats\n"
               "  geokg query list\n"
               "  geokg query actor_timeline -p actor=\"Gustavo Petro\"\n"
               "  geokg cypher \"MATCH (a)-[r:SANCTIONED]->(b) RETURN a.name, b.name, r.date\"\n"
               "  geokg extract YOUR_ARTICLE.txt --format table\n"
               "  geokg viz --out petro.html --actor Petro --hops 1\n"
               "  geokg plot timeline.png --kind timeline\n"
               "  geokg plot petro-us.png --kind dyad --source Petro --target \"United States\"")
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def _shell_word(path: str) -> str:
    import shlex

    return shlex.quote(path)
