"""The canned queries: headers parse, examples bind and return deterministic rows."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import GraphFragment
from geokg.graph.vocabulary import DEFAULT_FILE
from geokg.queries.catalog import (
    CannedQuery,
    bind,
    get_query,
    list_queries,
    parse_assignments,
    parse_query,
    run_query,
)
from tests.fixtures_graph import seed_like_fragment

REQUIRED = {"actor_timeline", "actions_by_type", "events_in_range", "shortest_path",
            "most_connected", "ego_network", "evidence", "shared_targets"}
QUERIES = list_queries()


def _examples(query: CannedQuery) -> dict[str, str]:
    return {p.name: p.example for p in query.params}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with EmbeddedStore(tmp_path_factory.mktemp("q") / "g.db") as store:
        store.upsert(seed_like_fragment())
        yield store


@pytest.fixture(scope="module")
def reversed_store(tmp_path_factory):
    """The same graph written in the opposite order."""
    fragment = seed_like_fragment()
    flipped = GraphFragment(articles=fragment.articles, entities=fragment.entities[::-1],
                            relations=fragment.relations[::-1])
    with EmbeddedStore(tmp_path_factory.mktemp("r") / "g.db") as store:
        store.upsert(flipped)
        yield store


def run(store, name: str, **params: str) -> list[dict]:
    return run_query(store, name, params)


def test_the_catalog_has_the_required_queries():
    names = [q.name for q in QUERIES]
    assert set(names) >= REQUIRED
    assert names == sorted(names)
    assert get_query("evidence").name == "evidence"


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_header_is_complete(query):
    assert query.description and len(query.description) < 120
    for param in query.params:
        assert param.type in {"string", "int", "float", "date"}
        assert param.description and param.example != ""
    assert query.cypher.startswith(f"// name: {query.name}\n")


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_examples_bind_and_return_deterministic_rows(store, reversed_store, query):
    bound = bind(query, _examples(query))
    assert set(bound) == {p.name for p in query.params}
    rows = store.cypher(query.cypher, bound)
    assert rows, f"{query.name} returned nothing for its example parameters"
    scalar = (str, int, float, bool, type(None))
    for row in rows:
        for value in row.values():
            assert isinstance(value, scalar) or (
                isinstance(value, list) and all(isinstance(v, scalar) for v in value))
    assert reversed_store.cypher(query.cypher, bound) == rows


def test_optional_parameters_default_to_their_example():
    query = get_query("most_connected")
    assert bind(query, {}) == {"limit": 10}
    assert bind(query, {"limit": "3"}) == {"limit": 3}


@pytest.mark.parametrize("actor", ["Gustavo Petro", "Petro", "gustavo-petro", "GUSTAVO PETRO"])
def test_actor_accepts_name_alias_or_id(store, actor):
    rows = run(store, "actor_timeline", actor=actor)
    assert [(r["date"], r["action"]) for r in rows] == [
        ("2025-09", "REVOKED_VISA"), ("2025-10", "ACCUSED"), ("2025-10", "SANCTIONED"),
        ("2025-11-25", "ACCUSED")]


def test_actions_by_type(store):
    rows = run(store, "actions_by_type", type="accused")
    assert [(r["source"], r["target"], r["date"]) for r in rows] == [
        ("Gustavo Petro", "United States", "2025-11-25"),
        ("United States Department of the Treasury", "Gustavo Petro", "2025-10")]


def test_events_in_range(store):
    october = run(store, "events_in_range", **{"from": "2025-10-01", "to": "2025-10-31"})
    assert {r["action"] for r in october} == {"SANCTIONED", "ACCUSED", "HALTED_AID"}
    assert {r["date"] for r in october} == {"2025-10"}
    day = run(store, "events_in_range", **{"from": "2025-11-26", "to": "2025-11-26"})
    assert [r["action"] for r in day] == ["DESIGNATED"]
    # a month-precise event overlaps any day of its month
    mid = run(store, "events_in_range", **{"from": "2025-09-15", "to": "2025-09-15"})
    assert [r["action"] for r in mid] == ["REVOKED_VISA"]


def test_shortest_path_avoids_articles(store):
    rows = run(store, "shortest_path", actor="US Treasury", other="Cartel de los Soles")
    assert [r["hops"] for r in rows] == [3, 3]
    assert rows[0]["actors"] == ["United States Department of the Treasury", "Gustavo Petro",
                                 "United States", "Cartel de los Soles"]
    assert [r["actions"] for r in rows] == [["ACCUSED", "ACCUSED", "DESIGNATED"],
                                            ["SANCTIONED", "ACCUSED", "DESIGNATED"]]
    assert run(store, "shortest_path", actor="Petro", other="gustavo-petro") == []


def test_shortest_path_lists_every_vocabulary_type():
    text = get_query("shortest_path").cypher
    listed = re.search(r"\[:([A-Z_|]+)\*\.\.\d+\]", text).group(1).split("|")
    vocabulary = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))["actions"]
    assert sorted(listed) == sorted(vocabulary)


def test_most_connected(store):
    rows = run(store, "most_connected", limit="2")
    assert [r["actor"] for r in rows] == ["Gustavo Petro", "Cartel de los Soles"]
    assert rows[0]["relations"] == 5


def test_ego_network(store):
    near = run(store, "ego_network", actor="Petro", hops="1")
    assert {r["hop"] for r in near} == {1}
    assert all("Gustavo Petro" in (r["source"], r["target"]) for r in near)
    assert len(near) == 5
    wide = run(store, "ego_network", actor="Petro", hops="2")
    assert {(r["hop"], r["action"]) for r in wide} - {(1, r["action"]) for r in near} == {
        (2, "HALTED_AID"), (2, "DESIGNATED")}


def test_evidence(store):
    rows = run(store, "evidence", actor="Gustavo Petro", other="United States")
    assert len(rows) == 1
    assert rows[0]["article"] == "seed-petro-cnn"
    assert rows[0]["title"] == "Petro says US pressure on Venezuela is about oil"
    assert json.loads(rows[0]["evidence"])["sentence"] == "he accused the US"


def test_shared_targets(store):
    rows = run(store, "shared_targets")
    assert {(r["target"], r["actor"], r["other_actor"]) for r in rows} == {
        ("Gustavo Petro", "United States Department of State",
         "United States Department of the Treasury")}
    assert run(store, "shared_targets", min_actions="3") == rows
    assert run(store, "shared_targets", min_actions="4") == []


def test_actor_sources(store):
    rows = run(store, "actor_sources", actor="Cartel de los Soles")
    assert [r["article"] for r in rows] == ["seed-petro-cnn"]
    assert run(store, "actor_sources", actor="Venezuela") == []  # no relation, no mention


@pytest.mark.parametrize("raw, message", [
    ({}, "needs parameter actor"),
    ({"actor": "Petro", "colour": "red"}, "has no parameter colour"),
])
def test_bind_reports_missing_and_unknown_parameters(raw, message):
    with pytest.raises(ValueError, match=message) as info:
        bind(get_query("actor_timeline"), raw)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("name, raw, message", [
    ("most_connected", {"limit": "ten"}, "limit must be an integer"),
    ("most_connected", {"limit": "2.5"}, "limit must be an integer"),
    ("events_in_range", {"from": "2025-13-01", "to": "2025-11-30"}, "from must be a date"),
    ("events_in_range", {"from": "Sept 1", "to": "2025-11-30"}, "from must be a date"),
    ("events_in_range", {"from": "2025-09-01", "to": "2025-10"}, "to must be a date"),
])
def test_bind_reports_ill_typed_values(name, raw, message):
    with pytest.raises(ValueError, match=message):
        bind(get_query(name), raw)


def test_parse_assignments():
    assert parse_assignments(["actor=Petro", "note=a=b", "x="]) == {
        "actor": "Petro", "note": "a=b", "x": ""}
    with pytest.raises(ValueError, match="name=value"):
        parse_assignments(["actor"])


@pytest.mark.parametrize("text, message", [
    ("// description: d\nRETURN 1", "no '// name:' line"),
    ("// name: q\n// description: d\nRETURN $x", "used \\['x'\\] but declared \\[\\]"),
    ("// name: q\n// description: d\n// param x: text = 1\nRETURN $x", "unknown type"),
    ("// name: q\n// description: d\n// param x: int = one\nRETURN $x", "must be an integer"),
    ("// name: q\n// description: d\n// param x int\nRETURN $x", "bad parameter line"),
])
def test_parse_query_rejects_bad_headers(text, message):
    with pytest.raises(ValueError, match=message):
        parse_query(text, "q.cypher")


def test_run_query_rejects_an_unknown_name(store):
    with pytest.raises(ValueError, match="unknown query 'nope'"):
        run(store, "nope")


HOSTILE = ["x' OR 1=1 //", "}) DETACH DELETE n //", "Petro' OR '1'='1",
           "\" OR true RETURN 1 //", "Petro`}) MATCH (m) DETACH DELETE m //"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_match_nothing_and_change_nothing(store, value):
    before = (store.stats(), store.version())
    count = store.cypher("MATCH (n) RETURN count(n) AS n")
    for query in QUERIES:
        strings = [p.name for p in query.params if p.type == "string"]
        if not strings:
            continue
        raw = {**_examples(query), **dict.fromkeys(strings, value)}
        assert run_query(store, query.name, raw) == [], query.name
    assert (store.stats(), store.version()) == before
    assert store.cypher("MATCH (n) RETURN count(n) AS n") == count
    with pytest.raises(ValueError):
        run(store, "most_connected", limit=value)
