"""Exports of the graph: GraphML, GEXF, node-link JSON, neo4j-admin CSV bundle, HTML map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def _writers() -> dict[str, Callable[[Any, Path], Path]]:
    from geokg.exports.csvbundle import write_csv_bundle
    from geokg.exports.gexf import write_gexf
    from geokg.exports.graphml import write_graphml
    from geokg.exports.jsonout import write_json

    return {"graphml": write_graphml, "gexf": write_gexf, "json": write_json,
            "csv": write_csv_bundle}


def write_export(fmt: str, graph: Any, out: Path) -> Path:
    """Write `graph` to `out` in `fmt` (graphml, gexf, json, or csv = a folder): a networkx
    graph, or a `StreamedGraph` (`geokg.graph.selection.selected`), which every format
    writes in bounded batches."""
    writers = _writers()
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r} (use {', '.join(writers)})")
    return writers[fmt](graph, out)
