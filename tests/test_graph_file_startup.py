"""A read command on the embedded store starts light: once the graph file is saved, a new
`geokg query`, `geokg cypher` or `geokg stats` process answers without loading the data model
(pydantic), the vocabulary (YAML) or the progress bars (tqdm), which cost most of its
start-up; and a query after a write (the graph caught up from the change log) answers the
store's truth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geokg.graph.embedded import EmbeddedStore
from tests.fixtures_graph import second_article_fragment, seed_like_store

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "geokg.graph.model", "geokg.graph.vocabulary", "yaml", "tqdm")
# Runs the CLI in this process, then prints which of the heavy modules it imported.
RUN = ("import json, sys\nfrom geokg.cli import main\nheavy = sys.argv.pop(1).split(',')\n"
       "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
       "print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)\n")
COMMANDS = {
    "query": ["query", "actor_timeline", "-p", "actor=us-treasury", "--format", "json"],
    "cypher": ["cypher", "MATCH (s:Entity {id: 'us-treasury'})-[r]->(t:Entity) "
               "RETURN type(r) AS action, t.id AS target, r.sentences AS sentences "
               "ORDER BY action, target",
               "--format", "json"],
    "stats": ["stats", "--format", "json"],
}


def _geokg(db: Path, args: list[str]) -> tuple[object, list[str]]:
    """The JSON a new geokg process prints, and the heavy modules it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", RUN, ",".join(HEAVY), "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=True)
    return json.loads(done.stdout), json.loads(done.stderr.strip().splitlines()[-1])


@pytest.fixture
def db(tmp_path):
    return seed_like_store(tmp_path / "g.db")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_read_command_loads_no_model_once_the_graph_file_is_saved(db, command):
    _geokg(db, COMMANDS["query"])  # the first query builds and saves the graph file
    rows, heavy = _geokg(db, COMMANDS[command])
    assert rows
    assert heavy == []


def test_a_query_after_a_write_answers_the_stores_truth(db):
    before, _ = _geokg(db, COMMANDS["cypher"])
    with EmbeddedStore(db) as store:
        store.upsert(second_article_fragment())
    after, heavy = _geokg(db, COMMANDS["cypher"])  # caught up: builds relation properties
    assert after != before
    with EmbeddedStore(db, read_only=True) as store:
        from geokg.graph.cypher_engine import build_graph, run

        assert after == run(build_graph(store.load()), COMMANDS["cypher"][1])
    assert "pydantic" in heavy  # the catch-up is what loads the model, and only it
