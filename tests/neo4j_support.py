"""Helpers for the tests that need a real Neo4j server (marked `neo4j`).

Not a conftest: the Neo4j test modules import it and wrap its generators in their own fixtures.
The server is the one named by NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE
(defaults: bolt://127.0.0.1:7687, neo4j, and the password `tests/neo4j_server/neo4j.sh` sets).
When no server answers, the tests are skipped, or fail when CI is set.

The tests wipe their database between tests. So that they never wipe a database that holds
someone's data, they only run on an empty database, which they then mark with one
`(:GeokgTestDatabase)` node (kept by every wipe; no query of geokg looks at it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import neo4j
import pytest

from geokg.graph.neo4j_store import _REASON, Neo4jStore

START = "bash tests/neo4j_server/neo4j.sh start"
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_PASSWORD = "geokg-test-password"  # neo4j.sh's default
MARKER = "GeokgTestDatabase"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def settings() -> dict[str, Any]:
    """Connection options for `Neo4jStore` / `open_store(**options)`."""
    return {"uri": os.environ.get("NEO4J_URI") or DEFAULT_URI,
            "user": os.environ.get("NEO4J_USERNAME") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            "database": os.environ.get("NEO4J_DATABASE") or None}


def env() -> dict[str, str]:
    """The NEO4J_* variables for a subprocess or CliRunner, from `settings()`."""
    options = settings()
    values = {"NEO4J_URI": options["uri"], "NEO4J_USERNAME": options["user"],
              "NEO4J_PASSWORD": options["password"]}
    if options["database"]:
        values["NEO4J_DATABASE"] = options["database"]
    return values


def unavailable(reason: str) -> None:
    """Skip (fail in CI) with a message naming the command that starts a server."""
    message = f"{reason}; start it with: {START}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@lru_cache(maxsize=1)
def _probe() -> str | None:
    """None if the server answers with these credentials, else why not (cached)."""
    options = settings()
    try:
        with neo4j.GraphDatabase.driver(options["uri"], auth=(options["user"],
                                        options["password"]), connection_timeout=5) as driver:
            driver.verify_connectivity()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
        reason = _REASON.search(str(exc))
        first = reason.group(1) if reason else (str(exc).strip().splitlines() or [""])[0]
        return f"Neo4j not reachable at {options['uri']} ({type(exc).__name__}: {first[:200]})"


def reprobe() -> None:
    """Forget the cached probe and require the server again (after a restart)."""
    _probe.cache_clear()
    require_neo4j()


def require_neo4j() -> None:
    reason = _probe()
    if reason:
        unavailable(reason)


def driver() -> neo4j.Driver:
    """A raw driver on the test server (for wiping and counting behind the store's back)."""
    require_neo4j()
    options = settings()
    return neo4j.GraphDatabase.driver(options["uri"], auth=(options["user"],
                                      options["password"]))


def run(drv: neo4j.Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = drv.execute_query(query, params, database_=settings()["database"])
    return [dict(r) for r in records]


def wipe(drv: neo4j.Driver) -> None:
    """Delete everything but the marker node; refuse (skip/fail) an unmarked, non-empty db."""
    if not run(drv, f"MATCH (m:{MARKER}) RETURN m LIMIT 1"):
        count = run(drv, "MATCH (n) RETURN count(n) AS n")[0]["n"]
        if count:
            unavailable(f"the database at {settings()['uri']} holds {count} nodes that these "
                        f"tests did not write and would wipe; use a throwaway server "
                        f"({START} --clean)")
        run(drv, f"CREATE (:{MARKER})")
    run(drv, f"MATCH (n) WHERE NOT n:{MARKER} DETACH DELETE n")


def count_nodes(drv: neo4j.Driver) -> int:
    return run(drv, "MATCH (n) RETURN count(n) AS n")[0]["n"]


def count_relationships(drv: neo4j.Driver) -> int:
    return run(drv, "MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]


def store_fixture(drv: neo4j.Driver) -> Iterator[Neo4jStore]:
    """An empty graph on the test server (wiped before), as a Neo4jStore."""
    wipe(drv)
    store = Neo4jStore(**settings())
    try:
        yield store
    finally:
        store.close()


def run_writers(target: Any, args: list[tuple], timeout: float) -> None:
    """Run `target(*a)` for each `a` in `args` in forked processes at the same time, wait for
    all, and require each to exit 0 (skipped where fork is unavailable)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=target, args=a) for a in args]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout)
        assert process.exitcode == 0
