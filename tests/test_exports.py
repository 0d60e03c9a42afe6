"""Exports (GraphML, GEXF, JSON, neo4j-admin CSV, HTML page) and graph selection."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest
from lxml import etree

from geokg.exports.csvbundle import (
    ARRAY_DELIMITER,
    ARTICLE_HEADER,
    ENTITY_HEADER,
    MENTION_HEADER,
    RELATION_HEADER,
    read_array,
    write_csv_bundle,
)
from geokg.exports.gexf import write_gexf
from geokg.exports.graphml import write_graphml
from geokg.exports.html import json_for_script, layout, render_html
from geokg.exports.jsonout import read_json, write_json
from geokg.graph.model import date_bounds
from geokg.graph.network import fragment_to_networkx
from geokg.graph.selection import Selection, select
from tests.fixtures_graph import second_article_fragment, seed_like_fragment

BAD_CHARS = "\x00\x01\x0b\x1f\ufffe\ud800"


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """The seed-like graph, a second article's evidence on the sanction edge, a sentence with
    `;` and quotes, and a name with characters XML forbids."""
    fragment = seed_like_fragment()
    fragment.merge(second_article_fragment())
    graph = fragment_to_networkx(fragment)
    graph.nodes["venezuela"]["name"] = f"Vene{BAD_CHARS}zuela"
    evidence = graph.edges["us-treasury", "gustavo-petro", "ACCUSED|2025-10"]["evidence"]
    evidence[0]["sentence"] = 'accusing him; "playing a role",\nsaid one'
    return graph


def _edges(graph: nx.MultiDiGraph) -> dict:
    return {(u, d.get("type") or d.get("relation_type"), v, d.get("date")): d
            for u, v, d in graph.edges(data=True)}


# --- GraphML ---------------------------------------------------------------------------

def test_graphml_round_trip_keeps_every_edge_and_types_keys(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())
    originals = _edges(graph)
    assert set(_edges(back)) == set(originals)
    for key, data in _edges(back).items():
        original = originals[key]
        for field in ("type", "category", "date", "status"):
            assert data.get(field) == original[field], (key, field)
        assert data["label"] == original["type"]
        assert json.loads(data["evidence"]) == original["evidence"]
        assert json.loads(data["properties"]) == original["properties"]
        assert isinstance(data["confidence"], float)
    sanction = back.get_edge_data("us-treasury", "gustavo-petro")
    assert "us-treasury|SANCTIONED|2025-10|gustavo-petro" in sanction
    assert len(json.loads(sanction["us-treasury|SANCTIONED|2025-10|gustavo-petro"]
                          ["evidence"])) == 2
    petro = back.nodes["gustavo-petro"]
    assert petro["label"] == "Gustavo Petro" and json.loads(petro["aliases"]) == ["Petro"]
    assert set(json.loads(back.graph["articles"])) == {"seed-petro-cnn", "second-article"}

    root = etree.parse(str(path)).getroot()  # strict XML 1.0 parse
    keys = root.findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert keys and all(k.get("attr.type") in {"string", "double", "int", "long", "boolean"}
                        for k in keys)
    assert len({(k.get("for"), k.get("attr.name")) for k in keys}) == len(keys)


def test_graphml_strips_xml_forbidden_characters(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    assert back.nodes["venezuela"]["name"] == "Venezuela"
    assert back.nodes["venezuela"]["label"] == "Venezuela"
    sentence = json.loads(back.get_edge_data("us-treasury", "gustavo-petro")
                          ["us-treasury|ACCUSED|2025-10|gustavo-petro"]["evidence"])[0]["sentence"]
    assert sentence == 'accusing him; "playing a role",\nsaid one'


# --- GEXF ------------------------------------------------------------------------------

def test_gexf_round_trip_with_time_intervals(graph, tmp_path):
    path = write_gexf(graph, tmp_path / "g.gexf")
    xml_graph = etree.parse(str(path)).getroot()[-1]
    assert (xml_graph.get("mode"), xml_graph.get("timeformat")) == ("dynamic", "date")
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(), graph.number_of_edges())
    originals = _edges(graph)
    assert set(_edges(back)) == set(originals)
    for key, data in _edges(back).items():
        assert data["label"] == key[1] and data["status"] == originals[key]["status"]
        if key[3]:
            start, end = date_bounds(key[3])
            assert (data["start"], data["end"]) == (start.isoformat(), end.isoformat())
        else:
            assert "start" not in data and "end" not in data
    month = _edges(back)[("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10")]
    assert (month["start"], month["end"]) == ("2025-10-01", "2025-10-31")
    assert back.nodes["venezuela"]["label"] == "Venezuela"


# --- JSON ------------------------------------------------------------------------------

def test_json_node_link_round_trip(graph, tmp_path):
    path = write_json(graph, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) >= {"nodes", "edges", "articles"} and "links" not in data
    assert {a["id"] for a in data["articles"]} == {"seed-petro-cnn", "second-article"}
    graph.nodes["venezuela"]["name"] = "Venezuela"  # a lone surrogate is not valid JSON text
    back = read_json(write_json(graph, tmp_path / "h.json"))
    assert nx.utils.graphs_equal(graph, back)
    assert back.graph["articles"] == graph.graph["articles"]


# --- CSV for neo4j-admin ---------------------------------------------------------------

def _rows(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_bundle_headers_rows_and_arrays(graph, tmp_path):
    folder = write_csv_bundle(graph, tmp_path / "bundle")
    entities, articles = _rows(folder / "entities.csv"), _rows(folder / "articles.csv")
    relations, mentions = _rows(folder / "relations.csv"), _rows(folder / "mentions.csv")
    assert [entities[0], articles[0], relations[0], mentions[0]] == [
        ENTITY_HEADER, ARTICLE_HEADER, RELATION_HEADER, MENTION_HEADER]
    assert len(entities) - 1 == graph.number_of_nodes()
    assert len(relations) - 1 == graph.number_of_edges()
    assert len(articles) - 1 == 2

    petro = next(r for r in entities if r[0] == "gustavo-petro")
    assert petro[-1] == f"Entity{ARRAY_DELIMITER}Person" and petro[3] == "Petro"
    maduro = next(r for r in entities if r[0] == "nicolas-maduro")
    assert read_array(maduro[3]) == ["Nicolas Maduro", "Maduro"]

    header = relations[0]
    by_key = {(r[0], r[2], r[1], r[header.index("date")]): dict(zip(header, r, strict=True))
              for r in relations[1:]}
    sanction = by_key[("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10")]
    assert (sanction["date_start:date"], sanction["date_end:date"]) == ("2025-10-01", "2025-10-31")
    assert read_array(sanction["article_ids:string[]"]) == ["seed-petro-cnn", "second-article"]
    assert read_array(sanction["articles:string[]"]) == [
        "Petro says US pressure on Venezuela is about oil", "Treasury sanctions"]
    assert float(sanction["confidence:double"]) == 0.8
    accused = by_key[("us-treasury", "ACCUSED", "gustavo-petro", "2025-10")]
    original = graph.edges["us-treasury", "gustavo-petro", "ACCUSED|2025-10"]["evidence"]
    # the evidence as parallel arrays, the sentence as it is (its `;` too; no JSON), a line
    # break as a space
    assert ";" in original[0]["sentence"]
    assert read_array(accused["sentences:string[]"]) == [
        " ".join(e["sentence"].splitlines()) for e in original]
    assert read_array(accused["starts:long[]"]) == [str(e["start"]) for e in original]
    assert read_array(accused["rules:string[]"]) == [e["rule"] for e in original]
    leads = by_key[("gustavo-petro", "LEADS", "colombia", "")]
    assert leads["date_start:date"] == ""
    assert json.loads(leads["properties"]) == {"role": "President"}

    assert ["seed-petro-cnn", "gustavo-petro", "MENTIONS"] in mentions
    assert ["second-article", "us-treasury", "MENTIONS"] in mentions
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in readme
    assert "--array-delimiter=U+001F" in readme


# --- HTML page (no browser) ------------------------------------------------------------

def test_html_page_is_self_contained(graph):
    page = render_html(graph, title="T <b>")
    assert "<h1>T &lt;b&gt;</h1>" in page
    assert not re.search(r"""<(script|link|img|iframe)[^>]*\s(src|href)=""", page, re.I)
    assert "cdn.jsdelivr" not in page and "cdnjs.cloudflare" not in page
    assert "default-src 'none'" in page
    data = page.split('id="geokg-data">', 1)[1].split("</script>", 1)[0]
    assert len(json.loads(data)["nodes"]) == graph.number_of_nodes()


def test_json_for_script_neutralizes_markup():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert not set(text) & {"<", ">", "&", "\u2028"}
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


@pytest.mark.parametrize("numpy", [True, False])
def test_layout_places_every_node_once(numpy, monkeypatch):
    if not numpy:  # without numpy networkx's layouts raise ImportError: random anchors
        def no_numpy(*args, **kwargs):
            raise ImportError("numpy")
        monkeypatch.setattr(nx, "spring_layout", no_numpy)
    graph = nx.MultiDiGraph()
    graph.add_edges_from((i, (i * 7) % 900) for i in range(900))
    graph.add_nodes_from(range(900, 950))  # isolated nodes
    positions = layout(graph)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) > 0.95 * len(positions)


# --- selection -------------------------------------------------------------------------

def test_select_actor_by_alias_and_hops(graph):
    one = select(graph, Selection(actor="petro"))
    assert set(one) == {"gustavo-petro", "us-treasury", "us-state-department", "united-states",
                        "colombia"}
    two = select(graph, Selection(actor="Gustavo Petro", hops=2))
    assert {"donald-trump", "cartel-de-los-soles"} <= set(two)
    assert "nicolas-maduro" not in two
    assert set(select(graph, Selection(actor="gustavo-petro", hops=0))) == {"gustavo-petro"}


def test_select_unknown_actor_suggests_close_names(graph):
    with pytest.raises(ValueError, match="did you mean: Gustavo Petro") as info:
        select(graph, Selection(actor="Gustavo Petrro"))
    assert "\n" not in str(info.value)


def test_select_date_window_overlaps_and_drops_undated(graph):
    october = select(graph, Selection(since="2025-10", until="2025-10"))
    assert sorted(d["type"] for *_, d in october.edges(data=True)) == [
        "ACCUSED", "HALTED_AID", "SANCTIONED"]
    mid = select(graph, Selection(since="2025-10-15", until="2025-10-20"))
    assert mid.number_of_edges() == 3  # month-precision edges overlap the window
    assert not any(d["date"] is None for *_, d in mid.edges(data=True))
    assert not list(nx.isolates(mid))
    late = select(graph, Selection(since="2025-11-26"))
    assert [d["type"] for *_, d in late.edges(data=True)] == ["DESIGNATED"]
    assert set(late.graph["articles"]) == {"seed-petro-cnn"}


def test_select_types_category_and_entity_types(graph):
    accused = select(graph, Selection(types=["accused"]))
    assert {d["type"] for *_, d in accused.edges(data=True)} == {"ACCUSED"}
    assert set(accused) == {"us-treasury", "gustavo-petro", "united-states"}
    sanction = select(graph, Selection(category="sanction"))
    assert {d["type"] for *_, d in sanction.edges(data=True)} == {
        "SANCTIONED", "REVOKED_VISA", "DESIGNATED"}
    people = select(graph, Selection(entity_types=["Person"]))
    assert set(people) == {"gustavo-petro", "donald-trump", "nicolas-maduro"}  # kept isolated
    with pytest.raises(ValueError, match="SANCTIONED"):
        select(graph, Selection(types=["SANCTIONNED"]))
    with pytest.raises(ValueError, match="PLOVER"):
        Selection(category="PUNISH")
    assert nx.utils.graphs_equal(select(graph, Selection()), graph)


@pytest.mark.parametrize("value", [
    [{"article": "a1", "sentence": "Petró «said» \u2028 “no”", "start": 0, "end": 9}],
    {"b": [1, 2.5, float("nan"), float("inf"), None, True], "a": {"nested": ["x"]}},
    [],
    {},
    [__import__("datetime").date(2025, 1, 6), ("tuple", 1)],
])
def test_json_of_a_value_is_json_dumps_of_it(value):
    from geokg.exports._scalars import _json

    assert _json(value) == json.dumps(value, ensure_ascii=False, default=str)
