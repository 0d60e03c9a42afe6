"""Security: hostile text is data, never code; types come only from the vocabulary; `geokg
cypher` cannot write; passwords never show; XML exports hold only characters XML allows.

Neo4j parts are marked `neo4j` (see tests/neo4j_support.py). Already covered elsewhere and not
repeated here: hostile canned-query parameters and writes refused by the READ transaction on
Neo4j (tests/test_neo4j_store.py), all parameters at once on the embedded store
(tests/test_queries.py), hostile entity names written directly (tests/test_cypher_engine.py).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import traceback
from pathlib import Path

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

import geokg.graph.neo4j_store as neo4j_store
from geokg.cli import main
from geokg.exports.gexf import write_gexf
from geokg.exports.graphml import write_graphml
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.network import fragment_to_networkx
from geokg.graph.store import StoreError
from geokg.queries.catalog import CannedQuery, list_queries, run_query
from tests import neo4j_support
from tests.fixtures_graph import second_article_fragment, seed_like_fragment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "geokg" / "examples"
QUERIES = list_queries()

# -- hostile canned-query parameters on the embedded store, one parameter at a time ----------

HOSTILE_VALUES = [
    "x' OR 1=1 //", "}) DETACH DELETE n //", "\" OR true RETURN 1 //",
    "Petro`}) MATCH (m) DETACH DELETE m //", "') CALL { MATCH (m) DETACH DELETE m } //",
    "\\' OR 1=1 //", "Petro\\", "$actor", "</script><script>alert(1)</script>",
    "Petro\x00' OR 1=1", "\u2028MATCH (n) DETACH DELETE n", "*", ".*", "%", "",
]


def _examples(query: CannedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("sec") / "g.db") as store:
        store.upsert(seed_like_fragment())
        store.upsert(second_article_fragment())
        yield store


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_each_string_parameter_takes_hostile_values_as_data(store, value):
    before = (store.stats(), store.version(), store.load().model_dump())
    checked = 0
    for query in QUERIES:
        for param in (p for p in query.params if p.type in ("string", "actor", "action")):
            raw = {**_examples(query), param.name: value}
            assert run_query(store, query.name, raw) == [], (query.name, param.name)
            checked += 1
    assert checked >= 7
    assert (store.stats(), store.version(), store.load().model_dump()) == before


# -- hostile article text, through the extractor into both stores ----------------------------

HOSTILE_ACTORS = [
    {"id": "x'}) DETACH DELETE n //", "name": "Robert'} DETACH DELETE n // Smith",
     "type": "Person", "aliases": ["Bob`} MATCH m DETACH DELETE m // Smith"]},
    {"id": 'back\\slash"quote', "name": "Maria \\\" O'Neil </script><script>alert`1`</script> "
                                         "Ruiz", "type": "Person"},
    {"id": "acme`", "name": "Acme\\Corp` Holdings", "type": "Organization"},
]
BOB, MARIA, ACME = HOSTILE_ACTORS
HOSTILE_TITLE = "</script><script>alert('t')</script> '}) DETACH DELETE n //"
HOSTILE_URL = "https://example.org/x?a='})%20DETACH%20DELETE%20n%20//&b=\"`\\"
HOSTILE_BODY = (f"The US Treasury sanctioned {BOB['name']} on Friday. {MARIA['name']} accused "
                f"Venezuela of fraud on Tuesday. {ACME['name']} criticized "
                f"{BOB['aliases'][0]}.")
EXPECTED_EDGES = {("us-treasury", "SANCTIONED", BOB["id"]), (MARIA["id"], "ACCUSED", "venezuela"),
                  (ACME["id"], "CRITICIZED", BOB["id"])}


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, dict[str, str]]:
    """A hostile article and the environment that makes its actors known (a user gazetteer
    with hostile names, ids and aliases)."""
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text(yaml.safe_dump({"actors": HOSTILE_ACTORS}, allow_unicode=True),
                         encoding="utf-8")
    article = tmp_path / "hostile.md"
    article.write_text(f"---\ntitle: {HOSTILE_TITLE}\nurl: {HOSTILE_URL}\ndate: 2025-10-24\n"
                       f"---\n{HOSTILE_BODY}\n", encoding="utf-8")
    return article, {**os.environ, "GEOKG_GAZETTEER": str(gazetteer)}


def _geokg(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                          text=True, env=env, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _check_hostile_graph(fragment: GraphFragment) -> None:
    names = {e.id: e.name for e in fragment.entities}
    for actor in HOSTILE_ACTORS:
        assert names[actor["id"]] == actor["name"]
    assert {(r.source, r.type, r.target) for r in fragment.relations} >= EXPECTED_EDGES
    (article,) = fragment.articles
    assert (article.title, article.url) == (HOSTILE_TITLE, HOSTILE_URL)
    sentences = {e.sentence for r in fragment.relations for e in r.evidence}
    assert f"{MARIA['name']} accused Venezuela of fraud on Tuesday." in sentences


def test_hostile_article_text_is_stored_verbatim_in_the_embedded_store(hostile, tmp_path):
    article, env = hostile
    db = str(tmp_path / "g.db")
    done = _geokg(env, "--db", db, "ingest", str(article))
    assert done.returncode == 0 and "error" not in done.stderr, done.stderr
    with EmbeddedStore(db) as store:
        fragment = store.load()
        _check_hostile_graph(fragment)
        assert store.article_text(fragment.articles[0].id) == HOSTILE_BODY
        stats = store.stats()
    # queries find the hostile actors by their hostile names, ids and aliases (in-process
    # from here on: only the ingest needs the hostile gazetteer)
    def geokg(*args: str):
        return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)

    for actor in (BOB["name"], BOB["id"], BOB["aliases"][0]):
        done = geokg("query", "actor_timeline", "-p", f"actor={actor}", "--format", "json")
        assert done.exit_code == 0, done.stderr
        rows = json.loads(done.stdout)
        assert {(r["source"], r["action"], r["target"]) for r in rows} == {
            ("United States Department of the Treasury", "SANCTIONED", BOB["name"]),
            (ACME["name"], "CRITICIZED", BOB["name"])}
    done = geokg("cypher", "MATCH (n:Entity) WHERE n.id = $id RETURN n.name AS name",
                 "-p", f"id={MARIA['id']}", "--format", "json")
    assert json.loads(done.stdout) == [{"name": MARIA["name"]}]
    # the map escapes the names, the XML exports keep them verbatim
    page = tmp_path / "map.html"
    assert geokg("viz", "--out", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</script> Ruiz" not in html
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        assert geokg("export", fmt, str(out)).exit_code == 0
        etree.parse(str(out), etree.XMLParser(recover=False, resolve_entities=False))
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert graph.nodes[BOB["id"]]["label"] == BOB["name"]
        assert graph.nodes[MARIA["id"]]["label"] == MARIA["name"]
    with EmbeddedStore(db) as store:
        assert store.stats() == stats


@pytest.fixture
def neo(drv):
    yield from neo4j_support.store_fixture(drv)


@pytest.mark.neo4j
def test_hostile_article_text_is_stored_verbatim_in_neo4j(hostile, neo, tmp_path):
    article, env = hostile
    env = {**env, **neo4j_support.env()}
    done = _geokg(env, "--store", "neo4j", "ingest", str(article))
    assert done.returncode == 0 and "error" not in done.stderr, done.stderr
    loaded = neo.load()
    _check_hostile_graph(loaded)
    db = str(tmp_path / "g.db")
    assert _geokg(env, "--db", db, "ingest", str(article)).returncode == 0
    with EmbeddedStore(db) as embedded:
        assert neo.stats() == embedded.stats()
        for actor in (BOB["name"], MARIA["id"], ACME["name"]):
            rows = run_query(neo, "actor_timeline", {"actor": actor})
            assert rows and rows == run_query(embedded, "actor_timeline", {"actor": actor})


# -- labels and relationship types only from EntityType and the vocabulary -------------------

def _fragment_with_a_bad_second_article(*, bad_relation: bool) -> GraphFragment:
    """Two articles; only the second one's relation (or entity) is not allowed."""
    evil_type = "X]->() DETACH DELETE n //"
    entities = [Entity(id="a", name="A", type="Person"), Entity(id="b", name="B", type="Country")]
    if bad_relation:
        second = Relation(source="a", target="b", type=evil_type,
                          evidence=[Evidence(article="a2", sentence="t", start=0, end=1,
                                             rule="r")])
    else:
        entities.append(Entity.model_construct(
            id="evil", name="Evil", type="Person`) DETACH DELETE n //", aliases=[],
            country=None, wikidata=None, roles=[]))
        second = Relation(source="evil", target="b", type="ACCUSED",
                          evidence=[Evidence(article="a2", sentence="t", start=0, end=1,
                                             rule="r")])
    first = Relation(source="a", target="b", type="ACCUSED",
                     evidence=[Evidence(article="a1", sentence="t", start=0, end=1, rule="r")])
    return GraphFragment(articles=[Article(id="a1", text="t"), Article(id="a2", text="t")],
                         entities=entities, relations=[first, second])


def test_entity_types_outside_entitytype_are_refused_by_the_model():
    with pytest.raises(ValueError, match="Input should be 'Person'"):
        Entity(id="e", name="E", type="Person`) DETACH DELETE n //")


def test_embedded_refuses_an_unknown_relation_type_before_any_write(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        before = store.version()
        with pytest.raises(StoreError, match="unknown relationship type"):
            store.upsert(_fragment_with_a_bad_second_article(bad_relation=True))
        assert store.version() == before and store.stats()["articles"] == 0


def test_embedded_refuses_an_unknown_entity_type_before_any_write(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        before = store.version()
        with pytest.raises(StoreError):
            store.upsert(_fragment_with_a_bad_second_article(bad_relation=False))
        assert store.version() == before and store.stats()["articles"] == 0


@pytest.mark.neo4j
@pytest.mark.parametrize("bad_relation", [True, False], ids=["relation-type", "entity-type"])
def test_neo4j_refuses_unknown_types_before_any_write(neo, drv, bad_relation):
    before = (neo4j_support.count_nodes(drv), neo4j_support.count_relationships(drv))
    with pytest.raises((StoreError, ValueError)) as info:
        neo.upsert(_fragment_with_a_bad_second_article(bad_relation=bad_relation))
    assert "\n" not in str(info.value)
    assert (neo4j_support.count_nodes(drv), neo4j_support.count_relationships(drv)) == before
    labels = {r["label"] for r in neo4j_support.run(drv, "CALL db.labels() YIELD label")}
    assert not any("DETACH" in label or "`" in label for label in labels)


# -- `geokg cypher` cannot write, even past the keyword check ----------------------------------

@pytest.mark.neo4j
@pytest.mark.parametrize("statement", ["CREATE (n:Intruder)", "MATCH (n) DETACH DELETE n",
                                       "MERGE (n:Entity {id: 'intruder'})",
                                       "CALL { CREATE (n:Intruder) } RETURN 1"])
def test_cli_cypher_runs_in_a_read_transaction(neo, drv, monkeypatch, statement):
    neo.upsert(seed_like_fragment())
    monkeypatch.setattr(neo4j_store, "check_read_only", lambda query: None)
    before = (neo4j_support.count_nodes(drv), neo4j_support.count_relationships(drv))
    result = CliRunner().invoke(main, ["--store", "neo4j", "cypher", statement],
                                env=neo4j_support.env())
    assert result.exit_code == 1
    assert result.stderr.startswith("error: read-only: Neo4j refused a write")
    assert len(result.stderr.strip().splitlines()) == 1
    assert (neo4j_support.count_nodes(drv), neo4j_support.count_relationships(drv)) == before


# -- passwords never in output or logs -----------------------------------------------------------

PASSWORD = "S3cret-Pa55word"


def _commands(tmp_path: Path) -> list[list[str]]:
    db = str(tmp_path / "g.db")
    EmbeddedStore(db).close()
    article = str(EXAMPLES / "2025-10-25-treasury-sanctions-petro.txt")
    return [["--store", "neo4j", "stats"],
            ["--store", "neo4j", "ingest", "--quiet", article],
            ["--store", "neo4j", "query", "actor_timeline", "-p", "actor=Petro"],
            ["--store", "neo4j", "cypher", "MATCH (n) RETURN count(n) AS n"],
            ["--store", "neo4j", "export", "graphml", str(tmp_path / "x.graphml")],
            ["--db", db, "push"],
            ["--store", "neo4j", "--neo4j-password", PASSWORD, "stats"]]


def _assert_password_never_shown(commands: list[list[str]], env: dict[str, str], caplog,
                                 expected: str) -> int:
    """Runs each command with and without --debug; returns how many driver log records were
    captured (so that a test can check the logs it searched were not empty)."""
    driver_records = 0
    caplog.set_level(logging.DEBUG)
    logging.getLogger("neo4j").setLevel(logging.DEBUG)
    try:
        runner = CliRunner()
        for command in commands:
            for debug in ([], ["--debug"]):
                caplog.clear()
                result = runner.invoke(main, [*debug, *command], env=env)
                assert result.exit_code == 1, (command, result.output)
                shown = result.stdout + result.stderr
                if result.exception is not None and not isinstance(result.exception,
                                                                   SystemExit):
                    shown += "".join(traceback.format_exception(result.exception))
                    shown += repr(result.exception.args)
                else:
                    assert result.stderr.startswith(f"error: {expected}"), result.stderr
                    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
                logs = caplog.text + "".join(str(r.args) for r in caplog.records)
                driver_records += sum(r.name.startswith("neo4j") for r in caplog.records)
                assert PASSWORD not in shown, (command, debug)
                assert PASSWORD not in logs, (command, debug)
    finally:
        logging.getLogger("neo4j").setLevel(logging.NOTSET)
    return driver_records


def test_the_password_never_shows_against_an_unreachable_server(tmp_path, caplog):
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_USERNAME": "neo4j",
           "NEO4J_PASSWORD": PASSWORD}
    assert _assert_password_never_shown(_commands(tmp_path), env, caplog,
                                        "cannot reach Neo4j at bolt://127.0.0.1:1") > 0


@pytest.mark.neo4j
def test_the_password_never_shows_against_a_reachable_server(tmp_path, caplog, drv):
    neo4j_support.wipe(drv)
    env = {**neo4j_support.env(), "NEO4J_PASSWORD": PASSWORD}
    before = neo4j_support.count_nodes(drv)
    assert _assert_password_never_shown(_commands(tmp_path), env, caplog,
                                        "Neo4j refused the credentials for user neo4j") > 0
    assert neo4j_support.count_nodes(drv) == before  # nothing written


def test_the_password_never_shows_in_a_real_process_with_debug(tmp_path):
    """A traceback printed by Python itself (--debug) holds no password either."""
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": PASSWORD}
    for args in (["--debug", "--store", "neo4j", "stats"],
                 ["--debug", "--store", "neo4j", "--neo4j-uri",
                  f"bolt://neo4j:{PASSWORD}@127.0.0.1:1", "stats"]):
        done = subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == 1
        assert "Traceback" in done.stderr
        assert PASSWORD not in done.stdout + done.stderr


# -- XML exports: only characters XML 1.0 allows -------------------------------------------------

FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff"
SURROGATE = "\ud800\udfff"


def _dirty(text: str, extra: str = "") -> str:
    return f"{FORBIDDEN}{extra}{text[:2]}{FORBIDDEN}{text[2:]}\x0b"


def _dirty_fragment(extra: str = "") -> GraphFragment:
    """The seed-like graph with forbidden characters in every string it holds."""
    fragment = seed_like_fragment()
    fragment.merge(second_article_fragment())
    for entity in fragment.entities:
        entity.name = _dirty(entity.name, extra)
        entity.aliases = [_dirty(a, extra) for a in entity.aliases]
        entity.roles = [_dirty(r, extra) for r in entity.roles]
        entity.country = _dirty(entity.country, extra) if entity.country else None
    for relation in fragment.relations:
        relation.properties = {_dirty("note", extra): _dirty("value", extra)}
        relation.evidence = [e.model_copy(update={"sentence": _dirty(e.sentence, extra),
                                                  "rule": _dirty(e.rule, extra)})
                             for e in relation.evidence]
    for article in fragment.articles:
        article.title = _dirty(article.title or "t", extra)
        article.url = _dirty(article.url or "u", extra)
        article.source = _dirty(article.source or "s", extra)
    return fragment


def _strict_parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(recover=False, resolve_entities=False))


def _assert_clean(path: Path, fmt: str, fragment: GraphFragment) -> None:
    text = path.read_text(encoding="utf-8")
    assert not any(c in text for c in FORBIDDEN + SURROGATE)
    _strict_parse(path)
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.number_of_nodes() == len(fragment.entities)
    assert graph.number_of_edges() == len(fragment.relations)
    petro = graph.nodes["gustavo-petro"]
    assert petro["label"] == "Gustavo Petro"
    assert json.loads(petro["aliases"]) == ["Petro"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_strip_forbidden_characters_everywhere(tmp_path, fmt):
    fragment = _dirty_fragment(SURROGATE)
    graph = fragment_to_networkx(fragment)
    path = tmp_path / f"g.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(graph, path)
    _assert_clean(path, fmt, fragment)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_cli_exports_of_a_stored_graph_with_forbidden_characters_parse_strictly(tmp_path, fmt):
    fragment = _dirty_fragment()  # SQLite cannot hold lone surrogates: the rest of them
    db = str(tmp_path / "g.db")
    with EmbeddedStore(db) as store:
        store.upsert(fragment)
        assert any(FORBIDDEN in e.name for e in store.load().entities)  # stored as given
    path = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(main, ["--db", db, "export", fmt, str(path)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    _assert_clean(path, fmt, fragment)
