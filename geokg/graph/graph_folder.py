"""Where an embedded store keeps its persisted Cypher graph: one place for the graph file
(`geokg.graph.graph_file`), its server's socket (`geokg.graph.serve_socket`) and `geokg
reset`. Imports nothing heavy: a query client reads it without loading kglite."""

from __future__ import annotations

from pathlib import Path


def graph_dir(db: str | Path) -> Path:
    """The folder beside the store at `db` (`geokg.db` -> `geokg.db.graph`)."""
    db = Path(db)
    return db.with_name(db.name + ".graph")
