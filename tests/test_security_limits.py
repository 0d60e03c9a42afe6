"""Smaller limits: a Bolt port that never answers fails after the connection timeout; query
output stops at a row cap with a clear message; a GDELT zip loads every good member even
when the first is bad; a name spelled with look-alike letters joins the real entity."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.extract.confusables import fold
from geokg.extract.extractor import Extractor
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article
from geokg.graph.neo4j_store import CONNECTION_TIMEOUT, Neo4jStore
from geokg.graph.store import StoreError
from tests import neo4j_support
from tests.fixtures_graph import seed_like_fragment

FIXTURES = Path(__file__).parent / "fixtures"

# -- Bolt: a port that accepts and never answers -----------------------------------------------


@pytest.fixture
def silent_port() -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(5)
    for conn in held:
        conn.close()
    server.close()


def test_a_bolt_port_that_never_answers_fails_after_the_timeout(silent_port, monkeypatch):
    monkeypatch.setenv("GEOKG_NEO4J_TIMEOUT", "2")
    store = Neo4jStore.from_env(uri=f"bolt://127.0.0.1:{silent_port}", password="x")
    started = time.monotonic()
    with pytest.raises(StoreError, match="^cannot reach Neo4j at "):
        store.stats()
    assert time.monotonic() - started < 6  # 60 s before
    store.close()


def test_the_cli_gives_up_on_a_silent_bolt_port_too(silent_port):
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{silent_port}",
           "NEO4J_PASSWORD": "x", "GEOKG_NEO4J_TIMEOUT": "2"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "geokg.cli", "--store", "neo4j", "stats"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{silent_port}")
    assert time.monotonic() - started < 40  # start-up on a busy machine included


def test_the_bolt_timeout_is_10_s_unless_configured(monkeypatch):
    monkeypatch.delenv("GEOKG_NEO4J_TIMEOUT", raising=False)
    assert CONNECTION_TIMEOUT == 10.0
    assert Neo4jStore.from_env()._connection_timeout == 10.0
    monkeypatch.setenv("GEOKG_NEO4J_TIMEOUT", "3.5")
    assert Neo4jStore.from_env()._connection_timeout == 3.5
    monkeypatch.setenv("GEOKG_NEO4J_TIMEOUT", "soon")
    with pytest.raises(StoreError, match="GEOKG_NEO4J_TIMEOUT"):
        Neo4jStore.from_env()


# -- a row cap on `cypher` and `query` ------------------------------------------------------------

ROWS = "UNWIND range(1, 50) AS x RETURN x"
CAP_MESSAGE = ("warning: showing the first 10 rows; the query returns more (raise --limit, 0 "
               "for all, or add LIMIT / ORDER BY to the query)")


def _capped(result, expected: int, capped: bool) -> None:
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == expected
    assert (result.stderr.strip() == CAP_MESSAGE) is capped, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cap") / "g.db")
    with EmbeddedStore(path) as store:
        store.upsert(seed_like_fragment())
    return path


def test_cypher_output_stops_at_the_limit_with_a_message(db):
    def run(*extra: str):
        return CliRunner().invoke(main, ["--db", db, "cypher", ROWS, "--format", "json",
                                         *extra])

    _capped(run("--limit", "10"), 10, True)
    _capped(run("--limit", "0"), 50, False)
    _capped(run(), 50, False)  # under the default cap
    _capped(run("--limit", "50"), 50, False)


def test_query_output_stops_at_the_limit(db):
    result = CliRunner().invoke(main, ["--db", db, "query", "actor_timeline", "-p",
                                       "actor=Petro", "--format", "json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 1
    assert "showing the first 1 rows" in result.stderr


def test_the_store_never_returns_more_than_max_rows(db):
    with EmbeddedStore(db) as store:
        assert len(store.cypher(ROWS, max_rows=7)) == 7


@pytest.fixture
def neo(drv):
    yield from neo4j_support.store_fixture(drv)


@pytest.mark.neo4j
def test_neo4j_cypher_output_stops_at_the_limit(neo):
    assert len(neo.cypher(ROWS, max_rows=7)) == 7
    result = CliRunner().invoke(main, ["--store", "neo4j", "cypher", ROWS, "--format", "json",
                                       "--limit", "10"], env=neo4j_support.env())
    _capped(result, 10, True)


# -- GDELT zips: every good member loads ---------------------------------------------------------

def test_a_gdelt_zip_loads_its_good_members_after_a_bad_first_one(tmp_path):
    with zipfile.ZipFile(FIXTURES / "20251025001500.export.CSV.zip") as archive:
        good = archive.read("20251025001500.export.CSV")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("20251025000000.export.CSV", "not\ta\tgdelt\texport\n")
        archive.writestr("20251025001500.export.CSV", good)
    path = tmp_path / "20251025.export.CSV.zip"
    path.write_bytes(buffer.getvalue())
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--quiet", str(path)])
    assert result.exit_code == 1  # the bad member is an error ...
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "20251025000000.export.CSV" in errors[0], errors
    with EmbeddedStore(db) as store:  # ... and the good one loaded
        assert store.stats()["relations"] > 0


# -- homoglyphs: one class of look-alike per case ----------------------------------------------

LOOKALIKES = {
    "cyrillic": "Gustavo P\u0435tro",  # Cyrillic small ie
    "greek": "Gustavo Petr\u03bf",  # Greek small omicron
    "fullwidth": "Gustavo \uff30etro",  # NFKC: fullwidth P
    "cyrillic capital": "Gustavo \u0420etro",  # Cyrillic capital er
}


@pytest.mark.parametrize("kind", list(LOOKALIKES))
def test_a_look_alike_name_joins_the_real_entity(kind):
    name = LOOKALIKES[kind]
    sentence = f"The US Treasury sanctioned Colombian President {name} on Friday."
    fragment = Extractor().extract(Article(id="a", text=sentence,
                                           published=dt.date(2025, 10, 24)))
    edges = {(r.source, r.type, r.target): r for r in fragment.relations}
    edge = edges[("us-treasury", "SANCTIONED", "gustavo-petro")]
    assert edge.evidence[0].sentence == sentence  # as written
    assert "gustavo-petro" in {e.id for e in fragment.entities}
    assert not any(name in e.name for e in fragment.entities)


def test_folding_keeps_length_and_latin_letters():
    for text in LOOKALIKES.values():
        assert fold(text) == "Gustavo Petro"
    assert fold("José Nuñez – “Ça va”") == "José Nuñez – “Ça va”"
    assert len(fold("ﬁ Ⅻ \u0435")) == len("ﬁ Ⅻ \u0435")
    assert fold("Владимир Путин Αθήνα") == "Владимир Путин Αθήνα"  # real words stay
