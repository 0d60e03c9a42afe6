"""`geokg reset`: empty a store, to start again.

- embedded: the store file is checked to be a geokg store (nothing else is ever deleted),
  then removed with the files SQLite and the persisted graph keep beside it (`-wal`, `-shm`,
  `-journal`, the `.graph` folder); the next `geokg ingest` creates a new one;
- neo4j: every node and relationship of the database is deleted, in transactions of 10,000
  nodes (constraints and indexes stay, so the next ingest needs no schema work). This is
  the database of NEO4J_URI / NEO4J_DATABASE: all of it, also data geokg did not write.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from geokg.graph.errors import StoreError
from geokg.graph.graph_folder import graph_dir

SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
DELETE_ALL = "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def plan(db: str | Path, store=None) -> tuple[str, Callable[[], str]]:
    """What a reset deletes, as words for the question, and the function that does it: the
    embedded store at `db`, or the database of the Neo4j `store` when one is given."""
    if store is None:
        return f"the geokg store {db}", lambda: reset_embedded(db)
    return (f"every node and relationship in the Neo4j database at {store.where}",
            lambda: reset_neo4j(store))


def reset_embedded(db: str | Path) -> str:
    """Remove the embedded store at `db` and its companion files; what was done, as a line.
    StoreError if `db` is there but is not a geokg store (it is left as it is)."""
    from geokg.graph.embedded import EmbeddedStore

    path = Path(db)
    if not path.exists():
        return f"no geokg store at {path}: nothing to reset"
    with EmbeddedStore(path, read_only=True) as store:  # StoreError unless a geokg store
        counts = store.stats()
    for name in (path.name, *(path.name + s for s in SQLITE_SIDECARS)):
        (path.parent / name).unlink(missing_ok=True)
    graph = graph_dir(path)
    if graph.is_dir():
        shutil.rmtree(graph)
    return (f"removed {path} ({counts['articles']} article(s), {counts['entities']} "
            f"entities, {counts['relations']} relation(s))")


def reset_neo4j(store) -> str:
    """Delete every node and relationship of the Neo4j store's database; what was done."""
    import neo4j

    driver = store._ready()  # connected and checked, with the store's one error handling
    with store._errors(), store._session(driver, neo4j.WRITE_ACCESS) as session:
        before = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        session.run(DELETE_ALL).consume()  # an implicit transaction, as IN TRANSACTIONS needs
        left = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
    if left:
        raise StoreError(f"Neo4j at {store.where}: {left} node(s) left after the reset")
    return f"deleted {before} node(s) and their relationships in Neo4j at {store.where}"
