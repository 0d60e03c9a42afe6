"""Shared by the research tests: the seed and demo articles' fragments, stores of both kinds."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest

from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import GraphFragment
from geokg.graph.store import GraphStore
from geokg.pipeline import RunReport, extract_articles, list_files, read_articles

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "corpus" / "seed-2025-11-27-petro-cnn.txt"
DEMO = ROOT / "geokg" / "examples" / "2025-10-25-treasury-sanctions-petro.txt"
KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@lru_cache(maxsize=4)
def extracted(path: Path) -> GraphFragment:
    """The fragment of one article file (extracted once per test session) by the rules
    engine: these tests pin store features on its known output of the seed (the parse
    engine does not yet read the seed's "Venezuela has denied the claims")."""
    report = RunReport()
    fragments = list(extract_articles(read_articles(list_files([path], report), report),
                                      report, engine="rules"))
    assert len(fragments) == 1 and not report.errors
    return fragments[0]


def open_kind(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of `kind`: an embedded file under `tmp_path`, or the test Neo4j wiped."""
    if kind == "embedded":
        with EmbeddedStore(tmp_path / "g.db") as store:
            yield store
        return
    from tests import neo4j_support

    yield from neo4j_support.store_fixture(request.getfixturevalue("drv"))


def filled_kind(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """(store, CLI options selecting it, environment for the CLI) of kind `request.param`,
    holding the seed and the demo article."""
    tmp_path = tmp_path_factory.mktemp(request.param)
    for store in open_kind(request.param, request, tmp_path):
        for path in (SEED, DEMO):
            store.upsert(extracted(path))
        if request.param == "embedded":
            yield store, ["--db", str(tmp_path / "g.db")], {}
        else:
            from tests import neo4j_support

            yield store, ["--store", "neo4j"], neo4j_support.env()
