"""viz, export and push read an embedded store in bounded batches (`geokg.graph.streamed`).

Each streamed output is compared with the output of the whole-store path it replaced
(`select_stored`: the store loaded, then selected in networkx): the same bytes without a
selection, the same nodes, edges and articles with one (the old path's order was a Python
set's). Memory: the batches read never exceed `BATCH` rows, and the peak of Python
allocations writing GraphML grows far slower than the store.
"""

from __future__ import annotations

import filecmp
import tracemalloc
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import geokg.exports.gexf as gexf_module
import geokg.graph.streamed as streamed_module
from benchmarks import synthetic
from geokg.cli import main
from geokg.contested import mark_contested
from geokg.exports import write_export
from geokg.exports.html import write_html
from geokg.exports.jsonout import read_json
from geokg.exports.mapcap import map_graph
from geokg.exports.panel import panel_rows
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.selection import select_stored, selected, selection_of
from geokg.graph.streamed import store_fragments, streamed
from geokg.graph.upsert_plan import plan_upsert
from tests.fixtures_graph import second_article_fragment, seed_like_fragment

SELECTIONS = [
    {},
    {"actor": "gustavo-petro"},
    {"actor": "Colombia", "hops": 2, "since": "2024", "until": "2024-06"},
    {"types": "SANCTIONED,ACCUSED"},
    {"category": "ASSAULT", "entity_types": ["Person", "Country"]},
    {"entity_types": ["Country"]},
    {"actor": "venezuela", "hops": 0},
]


def _odd_fragment() -> GraphFragment:
    """What the synthetic data lacks: an entity no relation uses, a relation without
    evidence, evidence citing an article the store does not hold, and text XML forbids."""
    entities = [Entity(id="lonely-actor", name="Lonely \x01 Actor", type="Person"),
                Entity(id="colombia", name="Colombia", type="Country"),
                Entity(id="venezuela", name="Venezuela", type="Country")]
    return GraphFragment(
        articles=[Article(id="odd-1", title="Odd <b>&", published="2024-02-03")],
        entities=entities,
        relations=[
            Relation(source="colombia", target="venezuela", type="ACCUSED", category="ACCUSE",
                     date="2024-02", evidence=[]),
            Relation(source="venezuela", target="colombia", type="THREATENED",
                     category="THREATEN", date="2024-02-02", evidence=[
                         Evidence(article="odd-1", sentence="A \x02 <threat>.", start=0,
                                  end=10, rule="rules:THREATENED:verb"),
                         Evidence(article="not-stored", sentence="Cited elsewhere.",
                                  start=0, end=16, rule="rules:THREATENED:verb")])])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    """A store of 3,000 synthetic relations, the seed-like fragment and odd cases."""
    path = tmp_path_factory.mktemp("stream") / "g.db"
    with EmbeddedStore(path) as store:
        store.upsert(seed_like_fragment())
        store.upsert(second_article_fragment())
        store.upsert_many(synthetic.fragments(3_000, seed=5))
        store.upsert(_odd_fragment())
    return path


@pytest.fixture()
def store(store_path):
    with EmbeddedStore(store_path, read_only=True) as opened:
        yield opened


def _ordered(graph) -> tuple:
    return (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
            graph.graph["articles"])


def _as_sets(graph) -> tuple:
    nodes, edges, articles = _ordered(graph)
    return sorted(map(repr, nodes)), sorted(map(repr, edges)), articles


@pytest.mark.parametrize("options", SELECTIONS, ids=repr)
def test_the_streamed_selection_is_the_loaded_one(store, options):
    selection = selection_of(**options)
    old = select_stored(store, selection)
    with streamed(store, selection) as graph:
        new = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
               graph.articles())
        assert graph.counts() == (old.number_of_nodes(), old.number_of_edges())
    if not options:  # nothing filtered: the very order of the networkx graph
        assert new == _ordered(old)
    else:
        assert (sorted(map(repr, new[0])), sorted(map(repr, new[1])), new[2]) == _as_sets(old)
    assert old.number_of_edges() > 0 or options == {"actor": "venezuela", "hops": 0}


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_exports_are_byte_identical(store, tmp_path, fmt):
    selection = selection_of()
    write_export(fmt, select_stored(store, selection), tmp_path / "old")
    with selected(store, selection) as graph:
        assert not isinstance(graph, nx.Graph)  # the streamed path
        write_export(fmt, graph, tmp_path / "new")
    if fmt == "csv":
        same = filecmp.dircmp(tmp_path / "old", tmp_path / "new")
        assert not same.diff_files and not same.left_only and not same.right_only
        for name in same.common_files:
            assert (tmp_path / "old" / name).read_bytes() == (tmp_path / "new" / name).read_bytes()
    else:
        assert (tmp_path / "old").read_bytes() == (tmp_path / "new").read_bytes()


READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf, "json": read_json}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_filtered_export_holds_the_same_graph(store, tmp_path, fmt):
    selection = selection_of(actor="gustavo-petro", types="SANCTIONED,ACCUSED,CRITICIZED")
    write_export(fmt, select_stored(store, selection), tmp_path / "old")
    with selected(store, selection) as graph:
        write_export(fmt, graph, tmp_path / "new")
    old, new = (READERS[fmt](tmp_path / name) for name in ("old", "new"))
    assert sorted(map(repr, old.nodes(data=True))) == sorted(map(repr, new.nodes(data=True)))
    assert (sorted(map(repr, old.edges(keys=True, data=True)))
            == sorted(map(repr, new.edges(keys=True, data=True))))
    assert old.graph == new.graph and old.number_of_edges() > 5


@pytest.mark.parametrize("by", ["entity", "country"])
def test_panel_rows_are_the_same(store, by):
    selection = selection_of()
    old = panel_rows(select_stored(store, selection), "month", by, zero_fill=True)
    with selected(store, selection) as graph:
        new = panel_rows(graph, "month", by, zero_fill=True)
    assert old.rows == new.rows and old.left_out == new.left_out and len(new.rows) > 100


def test_the_cli_writes_the_same_files(store_path, tmp_path):
    runner = CliRunner()
    for fmt in ("graphml", "csv", "panel"):
        result = runner.invoke(main, ["--db", str(store_path), "export", fmt,
                                      str(tmp_path / f"cli.{fmt}")])
        assert result.exit_code == 0, result.output
    with EmbeddedStore(store_path, read_only=True) as opened:
        write_export("graphml", select_stored(opened, selection_of()), tmp_path / "old.graphml")
    assert (tmp_path / "cli.graphml").read_bytes() == (tmp_path / "old.graphml").read_bytes()


# -- bounded batches ---------------------------------------------------------------------------


def test_no_batch_holds_more_than_batch_rows(store, tmp_path, monkeypatch):
    monkeypatch.setattr(streamed_module, "BATCH", 100)
    with streamed(store, selection_of()) as graph:
        write_export("graphml", graph, tmp_path / "g.graphml")
        write_export("csv", graph, tmp_path / "csv")
        relations = graph.counts()[1]
        assert max(graph.batches) <= 100
        # every relation was read in batches: three passes (types, graphml, csv) at least
        assert sum(graph.batches) >= 3 * relations and len(graph.batches) > 3 * relations // 100


def test_push_fragments_are_the_plan_of_the_whole_load(store):
    def dumped(groups):
        return [(g.article_id, g.article, [e.model_dump() for e in g.entities],
                 [r.model_dump() for r in g.relations]) for g in groups]

    fetched: list[int] = []
    new = dumped(g for f in store_fragments(store, batch=64, fetched=fetched)
                 for g in plan_upsert(f))
    old = dumped(plan_upsert(store.load()))
    # relations without evidence form one group of the whole load, a group per batch here
    assert [g for g in new if g[0] is not None] == [g for g in old if g[0] is not None]
    assert ([r for g in new if g[0] is None for r in g[3]]
            == [r for g in old if g[0] is None for r in g[3]])
    assert max(fetched) <= 64 and sum(fetched) > 3_000
    assert any(g[0] == "not-stored" and g[1] is None for g in new)
    assert "lonely-actor" in [e["id"] for e in new[0][2]]


def test_push_into_another_embedded_store_is_the_old_copy(store, tmp_path):
    from geokg.pipeline import push

    with EmbeddedStore(tmp_path / "new.db") as target, \
            EmbeddedStore(tmp_path / "old.db") as before:
        report = push(store, target, batch=50)
        old_report = before.upsert_many([store.load()], 50)  # what push did before
        assert report.relations_added == old_report.relations_added == store.stats()["relations"]
        assert (report.entities_added, report.articles_added, report.evidence_added) == (
            old_report.entities_added, old_report.articles_added, old_report.evidence_added)
        assert target.load() == before.load()
        assert target.mentions() == before.mentions()


def _peak(path: Path, out: Path, fmt: str) -> int:
    with EmbeddedStore(path, read_only=True) as opened:
        tracemalloc.start()
        with selected(opened, selection_of()) as graph:
            write_export(fmt, graph, out)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_export_memory_does_not_grow_with_the_store(tmp_path, monkeypatch, fmt):
    """Python's peak allocations writing an export: a store 10x larger costs about the same
    (the articles aside: they are few). Batches of 100 rows, so that both stores fill
    several."""
    monkeypatch.setattr(streamed_module, "BATCH", 100)
    monkeypatch.setattr(gexf_module, "BATCH", 100)
    paths = {}
    for size in (500, 5_000):
        paths[size] = tmp_path / f"s{size}.db"
        with EmbeddedStore(paths[size]) as opened:
            opened.upsert_many(synthetic.fragments(size, seed=3, per_article=250))
    _peak(paths[500], tmp_path / "warm", fmt)  # caches filled once (vocabulary, imports)
    small = _peak(paths[500], tmp_path / "small", fmt)
    large = _peak(paths[5_000], tmp_path / "large", fmt)
    assert (tmp_path / "large").stat().st_size > 6 * (tmp_path / "small").stat().st_size
    assert large < 3 * small, (small, large)  # whole in memory, it was about 10x


# -- the map -----------------------------------------------------------------------------------


def test_an_uncapped_map_is_the_same_page(store, tmp_path):
    selection = selection_of()
    old = select_stored(store, selection)
    mark_contested(old, store)
    write_html(old, tmp_path / "old.html", title="t")
    with selected(store, selection) as graph:
        drawn, cap = map_graph(graph, None, max_nodes=0)
    assert cap.note() is None
    write_html(drawn, tmp_path / "new.html", title="t", cap_note=cap.note())
    assert (tmp_path / "old.html").read_bytes() == (tmp_path / "new.html").read_bytes()


def test_the_cap_keeps_the_most_connected_entities(store):
    selection = selection_of(types="SANCTIONED,ACCUSED,CRITICIZED,THREATENED")
    old = select_stored(store, selection)
    order = {n: i for i, n in enumerate(store.load().entities and
                                        [e.id for e in store.load().entities])}
    expected = sorted(old, key=lambda n: (-old.degree(n), order[n]))[:12]
    with selected(store, selection) as graph:
        drawn, cap = map_graph(graph, None, max_nodes=12)
    assert sorted(drawn) == sorted(expected)
    assert drawn.number_of_edges() <= 5 * 12
    assert all(u in drawn and v in drawn for u, v in drawn.edges())
    assert (cap.total_nodes, cap.total_edges) == (old.number_of_nodes(), old.number_of_edges())
    note = cap.note()
    assert note and f"of {old.number_of_nodes():,} entities" in note
    assert f"{old.number_of_nodes() - 12:,} entities" in note
    # the networkx path (time travel) caps the same way (ties in its graph's node order, so
    # which of the tied entities it keeps, and so how many edges join them, may differ)
    nx_drawn, nx_cap = map_graph(old, store, max_nodes=12)
    assert sorted(old.degree(n) for n in nx_drawn) == sorted(old.degree(n) for n in drawn)
    assert (nx_cap.max_nodes, nx_cap.total_nodes, nx_cap.total_edges, nx_cap.shown_nodes) == (
        cap.max_nodes, cap.total_nodes, cap.total_edges, cap.shown_nodes)
    assert nx_cap.shown_edges == nx_drawn.number_of_edges() <= 5 * 12


def test_contested_claims_on_the_drawn_edges_match_the_store(tmp_path):
    from tests.research_support import DEMO, SEED, extracted

    with EmbeddedStore(tmp_path / "c.db") as writable:
        for path in (SEED, DEMO):
            writable.upsert(extracted(path))
        writable.upsert_many(synthetic.fragments(400, seed=9))
    with EmbeddedStore(tmp_path / "c.db", read_only=True) as opened:
        old = select_stored(opened, selection_of())
        assert mark_contested(old, opened) >= 1
        flags = {(u, k): (d.get("contested"), d.get("denied_by"))
                 for u, v, k, d in old.edges(keys=True, data=True)}
        for cap in (0, 40):
            with selected(opened, selection_of()) as graph:
                drawn, _ = map_graph(graph, None, max_nodes=cap)
            assert {(u, k): (d.get("contested"), d.get("denied_by"))
                    for u, v, k, d in drawn.edges(keys=True, data=True)
                    } == {key: flags[key] for key in
                          ((u, k) for u, v, k in drawn.edges(keys=True))}
        assert any(d.get("contested") for *_, d in old.edges(data=True))


def test_viz_cli_states_the_cap(store_path, tmp_path):
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["--db", str(store_path), "viz", "--out", str(out),
                                       "--max-nodes", "25"])
    assert result.exit_code == 0, result.output
    assert "note: Showing the 25 most connected of" in result.output
    assert 'id="cap-note"' in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(store_path), "viz", "--out", str(out),
                                       "--max-nodes", "-1", "--force"])
    assert result.exit_code == 2
