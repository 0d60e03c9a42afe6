"""`geokg cypher` is read-only by construction: the attacks that got past the keyword check
(a keyword glued to a digit, `//` ended by `\\r`, backquoted procedure names, unicode escapes)
are refused on both stores, and on a real Neo4j they neither fetch a URL, nor end another
client's transaction, nor kill its connection.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import ReadOnlyViolation, StoreError
from geokg.graph.readonly import check_read_only
from tests import neo4j_support
from tests.fixtures_graph import seed_like_fragment

SECRET = "geokg-secret-3f9a"


def attacks(url: str) -> list[str]:
    """Statements that read `url` (a file or an HTTP URL) or administer, each hidden from a
    plain keyword check in its own way."""
    return [
        f"CYPHER 5LOAD CSV FROM '{url}' AS r RETURN r",
        f"//\rLOAD CSV FROM '{url}' AS r RETURN r",
        f"/* x */ LOAD CSV FROM '{url}' AS r RETURN r",
        f"LO\\u0041D CSV FROM '{url}' AS r RETURN r",
        f"load csv from '{url}' as r return r",
        f"CYPHER 5 LOAD CSV WITH HEADERS FROM '{url}' AS r RETURN r",
    ]


ADMIN = [
    "CALL `dbms`.`killConnections`(['bolt-1'])",
    "CALL `dbms`.`listConfig`() YIELD name RETURN name",
    "CALL `db.createLabel`('Intruder')",
    "CALL db . createLabel('Intruder')",
    "CYPHER 5TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "//\rTERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CYPHER 5SHOW DATABASES YIELD name RETURN name",
    "//\rSHOW TRANSACTIONS YIELD transactionId RETURN transactionId",
    "SHOW USERS",
    "USE system SHOW DATABASES",
    "RETURN apoc.util.sleep(10)",
    "CALL dbms.components() YIELD name RETURN name",
    "START DATABASE neo4j",
]

READS = [
    "CALL db.labels() YIELD label RETURN label",
    "CALL `db`.`labels`() YIELD label RETURN label",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "SHOW INDEXES YIELD name RETURN name",
    "MATCH (n:Entity) WHERE n.name STARTS WITH 'LOAD CSV' RETURN n.load AS `create`",
    "RETURN date.truncate('month', date('2025-10-24')) AS d",
]


@pytest.mark.parametrize("query", attacks("file:///etc/hostname") + ADMIN)
def test_the_check_refuses_every_attack(query):
    with pytest.raises(ReadOnlyViolation, match="^read-only: "):
        check_read_only(query)


@pytest.mark.parametrize("query", READS)
def test_the_check_lets_reads_through(query):
    check_read_only(query)


# -- the embedded store ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.csv"
    path.write_text(f"{SECRET},1\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("ro") / "g.db")
    with EmbeddedStore(path) as store:
        store.upsert(seed_like_fragment())
    return path


@pytest.mark.parametrize("index", range(len(attacks("x"))))
def test_embedded_cli_cypher_never_prints_a_file(db, secret_file, index):
    query = attacks(secret_file.as_uri())[index]
    result = CliRunner().invoke(main, ["--db", db, "cypher", query])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: read-only: ")
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("query", ADMIN)
def test_embedded_store_refuses_administration(db, query):
    with EmbeddedStore(db) as store, pytest.raises(ReadOnlyViolation):
        store.cypher(query)


def test_embedded_store_runs_the_allowed_reads(db):
    with EmbeddedStore(db) as store:
        for query in READS:
            try:
                store.cypher(query)
            except StoreError as exc:  # kglite lacks some of Neo4j's functions: not refused
                assert not isinstance(exc, ReadOnlyViolation), query
        assert {"Entity", "Article"} <= {r["label"] for r in store.cypher(READS[0])}


# -- a real Neo4j --------------------------------------------------------------------------------

@pytest.fixture
def neo(drv):
    yield from neo4j_support.store_fixture(drv)


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        body = f"{SECRET},1\n".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def csv_server() -> Iterator[tuple[str, list[str]]]:
    _Counter.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/x.csv", _Counter.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.neo4j
def test_neo4j_cypher_never_makes_the_server_fetch_a_url(neo, csv_server):
    url, hits = csv_server
    for query in attacks(url):
        result = CliRunner().invoke(main, ["--store", "neo4j", "cypher", query],
                                    env=neo4j_support.env())
        assert result.exit_code == 1, (query, result.output)
        assert result.stderr.startswith("error: read-only: "), (query, result.stderr)
        assert SECRET not in result.stdout
    assert hits == []


@pytest.fixture
def other_client(drv) -> Iterator[tuple[neo4j.Transaction, str, str]]:
    """Another client's open write transaction: (transaction, its id, its connection id)."""
    session = drv.session(database=neo4j_support.settings()["database"])
    tx = session.begin_transaction()
    tx.run("CREATE (:GeokgOtherClient {n: 1})").consume()
    me = tx.run("SHOW TRANSACTIONS YIELD transactionId, connectionId, currentQuery "
                "WHERE currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
                "RETURN transactionId, connectionId").single()
    try:
        yield tx, me["transactionId"], me["connectionId"]
    finally:
        if tx.closed() is False:
            tx.rollback()
        session.close()
        neo4j_support.run(drv, "MATCH (n:GeokgOtherClient) DELETE n")


@pytest.mark.neo4j
def test_neo4j_cypher_cannot_end_another_clients_transaction_or_connection(neo, drv,
                                                                           other_client):
    neo.upsert(seed_like_fragment())
    tx, transaction_id, connection_id = other_client
    for query in (f"//\rTERMINATE TRANSACTIONS '{transaction_id}'",
                  f"CYPHER 5TERMINATE TRANSACTIONS '{transaction_id}'",
                  f"CALL `dbms`.`killConnection`('{connection_id}')",
                  f"CALL `dbms`.`killConnections`(['{connection_id}'])",
                  f"//\rCALL dbms.killConnection('{connection_id}')"):
        with pytest.raises(ReadOnlyViolation):
            neo.cypher(query)
    tx.commit()  # still alive: neither the transaction nor its connection was ended
    assert neo4j_support.run(drv, "MATCH (n:GeokgOtherClient) RETURN count(n) AS n") == [
        {"n": 1}]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ADMIN)
def test_neo4j_refuses_administration(neo, query):
    with pytest.raises(ReadOnlyViolation, match="^read-only: "):
        neo.cypher(query)


@pytest.mark.neo4j
def test_neo4j_runs_the_allowed_reads(neo):
    neo.upsert(seed_like_fragment())
    for query in READS:
        neo.cypher(query)
    assert {"Entity", "Article"} <= {r["label"] for r in neo.cypher(READS[0])}
