"""The seed graph exported to GraphML and GEXF reloads with every node, edge and key field."""

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from geokg.cli import main

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / \
    "seed-2025-11-27-petro-cnn.txt"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    db = str(folder / "seed.db")
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db, "ingest", str(SEED)]).exit_code == 0
    stats = json.loads(runner.invoke(main, ["--db", db, "stats", "--format", "json"]).stdout)
    return runner, db, folder, stats


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_reloads_with_counts_equal_to_stats(seed_store, fmt):
    runner, db, folder, stats = seed_store
    out = folder / f"seed.{fmt}"
    assert runner.invoke(main, ["--db", db, "export", fmt, str(out)]).exit_code == 0
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert graph.number_of_nodes() == stats["entities"]
    assert graph.number_of_edges() == stats["relations"]
    type_key = "type" if fmt == "graphml" else "relation_type"
    for _u, _v, data in graph.edges(data=True):
        assert data[type_key] in stats["by_relation_type"]
        assert data["status"] in {"asserted", "alleged", "denied", "announced", "former"}
        assert "category" in data or data[type_key] in {"LEADS", "MEMBER_OF"}
    dated = [d for _u, _v, d in graph.edges(data=True) if d.get("date")]
    assert {"2025-09", "2025-10", "2025-11-25"} <= {d["date"] for d in dated}
