"""Shared pytest configuration."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="module")
def drv():
    """A driver for the real Neo4j server of the `neo4j` tests, one per test module (the
    modules wrap `neo4j_support.store_fixture(drv)` in a store fixture of their own)."""
    from tests import neo4j_support  # imported here: most test runs never touch Neo4j

    driver = neo4j_support.driver()
    yield driver
    driver.close()
