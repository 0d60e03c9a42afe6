"""Shared pytest configuration and fixtures: the Neo4j test driver, and `store`, a fresh store
of every kind for the contract suite (tests/test_store_contract.py)."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(scope="module")
def drv():
    """A driver for the real Neo4j server of the `neo4j` tests, one per test module (the
    modules wrap `neo4j_support.store_fixture(drv)` in a store fixture of their own)."""
    from tests import neo4j_support  # imported here: most test runs never touch Neo4j

    driver = neo4j_support.driver()
    yield driver
    driver.close()


@pytest.fixture(params=STORE_KINDS)
def store_options(request, tmp_path):
    """`open_store` arguments of an empty store of each kind: a new SQLite file, or the Neo4j
    test server with its database wiped."""
    if request.param == "embedded":
        return {"kind": "embedded", "db": str(tmp_path / "g.db")}
    from tests import neo4j_support

    neo4j_support.wipe(request.getfixturevalue("drv"))
    return {"kind": "neo4j", **neo4j_support.settings()}


@pytest.fixture
def store(store_options):
    """An empty store of each kind (see `store_options`), closed after the test."""
    from geokg.graph.backends import open_store

    with open_store(**store_options) as opened:
        yield opened
