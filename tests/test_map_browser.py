"""The map's reading aids in real headless Chromium, one test per feature: the timeline strip
(bars, brush, highlight), event lists, neighbourhood dimming, search feedback, hiding isolated
entities, edge label halos, legend counts and the empty store's page."""

from __future__ import annotations

from collections import Counter

import pytest

from geokg.demo import run_demo
from geokg.exports.html import write_html
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import date_bounds
from geokg.graph.network import fragment_to_networkx, to_networkx
from geokg.graph.vocabulary import plover_quad
from tests.browser_support import (  # noqa: F401
    BAR_SUM,
    HIGHLIGHT_SUM,
    OfflinePage,
    browser,
    load_map,
    node_point,
    wait_until,
)
from tests.fixtures_graph import seed_like_fragment

pytestmark = pytest.mark.browser

FRAGMENT = seed_like_fragment()
EVENTS = [r for r in FRAGMENT.relations if r.date and r.category]  # what the strip counts
SHOWN_EDGES = "geokg.edgesView.getIds().map(id => geokg.edges.get(id)).map(e => [e.from, e.to])"


@pytest.fixture()
def page(browser, tmp_path):  # noqa: F811
    """The seed-like map, loaded, with physics stopped so that nodes stay where they are."""
    path = write_html(fragment_to_networkx(FRAGMENT), tmp_path / "map.html", title="Seed")
    opened = OfflinePage(browser)
    load_map(opened, path)
    opened.page.evaluate("geokg.network.stopSimulation(); "
                         "geokg.network.setOptions({physics: false}); geokg.network.fit()")
    yield opened
    assert opened.errors == []
    assert opened.external == []
    opened.close()


def _shown_pairs(page: OfflinePage) -> Counter:
    return Counter(tuple(pair) for pair in page.page.evaluate(SHOWN_EDGES))


def test_strip_bars_sum_to_the_events_shown(page):
    p = page.page
    assert p.evaluate("geokg.strip.periods.length") > 1
    assert p.evaluate(BAR_SUM) == len(EVENTS) == 6
    by_quad = p.evaluate("""() => {
        const out = {};
        for (const r of document.querySelectorAll('#strip rect.bar'))
            out[r.dataset.quad] = (out[r.dataset.quad] || 0) + +r.dataset.count;
        return out; }""")
    assert by_quad == dict(Counter(plover_quad(r.category) for r in EVENTS))
    assert "6 shown (+ 0 undated)" not in p.inner_text("#strip-caption")
    assert "Events per week: 6 shown" in p.inner_text("#strip-caption")

    p.uncheck("#actions label:has-text('ACCUSED') input")
    assert p.evaluate(BAR_SUM) == len([r for r in EVENTS if r.type != "ACCUSED"]) == 4
    # grey bars behind keep every event the dates would let through
    assert p.evaluate("geokg.strip.context.reduce((a, b) => a + b, 0)") == 4


def test_brush_over_the_strip_filters_the_graph_live(page):
    p = page.page
    periods = p.evaluate("geokg.strip.periods")
    october = [i for i, period in enumerate(periods) if period["end"] >= "2025-10-01"
               and period["start"] <= "2025-10-31"]
    first, last = october[0], october[-1]
    box = p.locator("#strip svg").bounding_box()
    slot = (box["width"] - 8) / len(periods)
    y = box["y"] + box["height"] / 2
    p.evaluate("geokg.applyFilters(); geokg.applyFilters()")  # warm: a fast filter runs live
    assert p.evaluate("geokg.filterMs") < 150
    p.mouse.move(box["x"] + 4 + (first + 0.5) * slot, y)
    p.mouse.down()
    p.mouse.move(box["x"] + 4 + (first + 1.5) * slot, y, steps=3)
    p.wait_for_timeout(100)
    assert p.input_value("#since") == periods[first]["start"]  # live, while dragging
    p.mouse.move(box["x"] + 4 + (last + 0.5) * slot, y, steps=5)
    p.mouse.up()

    since, until = periods[first]["start"], periods[last]["end"]
    assert (p.input_value("#since"), p.input_value("#until")) == (since, until)
    assert f"dates {since} to {until}" in p.inner_text("header")
    expected = Counter((r.source, r.target) for r in FRAGMENT.relations if r.date
                       and date_bounds(r.date)[0].isoformat() <= until
                       and date_bounds(r.date)[1].isoformat() >= since)
    assert _shown_pairs(page) == expected
    # October's three, and the visa revoked in "2025-09", a month that overlaps the week of
    # Monday 2025-09-29: its bar stays in the week of 2025-09-01, where its period starts
    assert sum(expected.values()) == 4
    assert p.evaluate(BAR_SUM) == 4

    p.click("#strip-clear")
    assert p.evaluate("geokg.edgesView.length") == len(FRAGMENT.relations)
    assert p.input_value("#since") == "" and p.inner_text("#window") == ""


def test_clicked_entity_and_edge_highlight_their_events_and_hidden_edges_leave(page):
    p = page.page
    p.mouse.click(*node_point(page, "gustavo-petro"))
    petro_events = [r for r in EVENTS if "gustavo-petro" in (r.source, r.target)]
    assert p.evaluate(HIGHLIGHT_SUM) == len(petro_events) == 4

    p.uncheck("#actions label:has-text('ACCUSED') input")
    assert p.evaluate(HIGHLIGHT_SUM) == len([r for r in petro_events if r.type != "ACCUSED"])
    p.fill("#since", "2025-10-01")
    p.dispatch_event("#since", "change")
    assert p.evaluate(HIGHLIGHT_SUM) == 1  # SANCTIONED in October; REVOKED_VISA is September

    p.click("#reset")
    edge = p.evaluate("geokg.edges.get().find(e => e.label.startsWith('DESIGNATED')).id")
    p.evaluate("id => geokg.showDetails('edge', id)", edge)
    assert p.evaluate(HIGHLIGHT_SUM) == 1
    p.mouse.click(5, 5)  # off the graph: nothing selected, nothing highlighted
    p.mouse.click(*node_point(page, "venezuela"))
    p.mouse.click(*[c + 200 for c in node_point(page, "venezuela")])
    assert p.evaluate(HIGHLIGHT_SUM) == 0


def test_node_click_lists_dated_events_with_evidence(page):
    p = page.page
    p.mouse.click(*node_point(page, "gustavo-petro"))
    details = p.inner_text("#details")
    for relation in FRAGMENT.relations:
        if "gustavo-petro" not in (relation.source, relation.target):
            continue
        other = relation.target if relation.source == "gustavo-petro" else relation.source
        name = next(e.name for e in FRAGMENT.entities if e.id == other)
        arrow = "→" if relation.source == "gustavo-petro" else "←"
        head = f"{relation.date or 'undated'} {relation.type} {arrow} {name} · {relation.status}"
        assert head in details, head
        assert relation.evidence[0].sentence in details
    items = p.evaluate("[...document.querySelectorAll('#details .events > li')].length")
    assert items == 5
    dates = p.evaluate("[...document.querySelectorAll('#details .events .when')]"
                       ".map(e => e.textContent.trim())")
    assert dates == ["2025-09", "2025-10", "2025-10", "2025-11-25", "undated"]


def test_hover_highlights_the_neighbourhood_and_dims_the_rest(page):
    p = page.page
    p.mouse.move(*node_point(page, "us-treasury"))
    wait_until(page, "geokg.dimmed.size > 0")
    color = "id => geokg.network.body.nodes[id].options.color.background"
    assert p.evaluate(color, "gustavo-petro") != "#ececec"  # neighbour
    assert p.evaluate(color, "us-treasury") != "#ececec"
    for far in ("nicolas-maduro", "colombia", "venezuela"):
        assert p.evaluate(color, far) == "#ececec"
    treasury_edges = {e for e in p.evaluate("geokg.network.getConnectedEdges('us-treasury')")}
    dimmed = set(p.evaluate("[...geokg.dimmed]"))
    assert not treasury_edges & dimmed
    assert len(dimmed) == (9 - 2) + (8 - 2)  # every other node and edge
    p.mouse.move(3, 3)
    wait_until(page, "geokg.dimmed.size === 0")
    assert p.evaluate(color, "nicolas-maduro") != "#ececec"


def test_search_substring_and_no_match_feedback(page):
    p = page.page
    p.fill("#search", "zzz-nobody")
    assert p.inner_text("#search-status") == "no entity matches “zzz-nobody”"
    assert p.get_attribute("#search", "aria-invalid") == "true"
    p.fill("#search", "united states")
    assert p.inner_text("#search-status").startswith("3 matches")  # country, Treasury, State
    assert p.get_attribute("#search", "aria-invalid") is None
    p.fill("#search", "treas")
    p.click("#search-status button")
    assert p.evaluate("geokg.network.getSelectedNodes()") == ["us-treasury"]
    assert "United States Department of the Treasury" in p.inner_text("#details")


def test_hide_isolated_entities(page):
    p = page.page
    assert "venezuela" in p.evaluate("geokg.nodesView.getIds()")
    p.check("#hide-isolated")
    shown = set(p.evaluate("geokg.nodesView.getIds()"))
    linked = {r.source for r in FRAGMENT.relations} | {r.target for r in FRAGMENT.relations}
    assert shown == linked and "venezuela" not in shown
    p.uncheck("#hide-isolated")
    assert p.evaluate("geokg.nodesView.length") == len(FRAGMENT.entities)


def test_edge_labels_have_a_halo_and_are_readable_on_hover(page):
    p = page.page
    font = p.evaluate("geokg.network.body.edges[geokg.edges.getIds()[0]].labelModule.fontOptions")
    assert font["strokeWidth"] >= 3 and font["strokeColor"] == "#ffffff"
    p.evaluate("geokg.network.moveTo({scale: 0.8})")  # labels would be 10 px: not drawn
    visible = "id => geokg.network.body.edges[id].labelModule.visible()"
    on_screen = ("id => geokg.network.body.edges[id].labelModule.fontOptions.size"
                 " * geokg.network.getScale()")
    edge_ids = p.evaluate("geokg.edges.getIds()")
    assert not any(p.evaluate(visible, e) for e in edge_ids)
    p.mouse.move(*node_point(page, "gustavo-petro"))
    wait_until(page, "geokg.dimmed.size > 0")
    petro = p.evaluate("geokg.network.getConnectedEdges('gustavo-petro')")
    labelled = set(p.evaluate("[...geokg.labelled]"))
    assert labelled and labelled <= set(petro)
    fits = """id => {  // the label lies along its edge, between the two nodes
        const e = geokg.network.body.edges[id], s = geokg.network.getScale();
        const room = Math.hypot(e.from.x - e.to.x, e.from.y - e.to.y) * s
                     - (e.from.options.size + e.to.options.size) * s;
        return e.labelModule.size.width * s <= room; }"""
    for edge in edge_ids:
        if edge in labelled:
            assert p.evaluate(visible, edge) and p.evaluate(on_screen, edge) >= 12
            assert p.evaluate(fits, edge)
        else:  # other edges, and Petro's whose label would spill past the nodes
            assert not p.evaluate(visible, edge)
    p.mouse.move(3, 3)
    wait_until(page, "geokg.dimmed.size === 0")
    p.evaluate("geokg.highlightNeighbourhood('edge', geokg.edges.getIds()[0])")
    assert p.evaluate(visible, edge_ids[0]) and p.evaluate(on_screen, edge_ids[0]) >= 12
    p.evaluate("geokg.clearHighlight(); geokg.network.moveTo({scale: 1.2})")  # zoomed in
    assert all(p.evaluate(visible, e) for e in edge_ids)


def test_entity_names_stay_readable_when_zooming_out(page):
    p = page.page
    name_px = ("geokg.network.body.nodes['gustavo-petro'].labelModule.fontOptions.size"
               " * geokg.network.getScale()")
    box = p.locator("#map").bounding_box()
    p.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):  # a reader's wheel, zooming out
        p.mouse.wheel(0, 400)
        p.wait_for_timeout(80)
    p.wait_for_timeout(200)
    assert p.evaluate("geokg.network.getScale()") < 0.5
    assert p.evaluate(name_px) >= 11


def test_legend_counts_relations_per_action(page):
    p = page.page
    label = ("a => document.querySelector('#actions').innerText.split('\\n')"
             ".find(l => l.startsWith(a + ' '))")
    counts = Counter(r.type for r in FRAGMENT.relations)
    for action, count in counts.items():
        assert p.evaluate(label, action) == f"{action} ({count})"
    p.fill("#since", "2025-11-01")
    p.dispatch_event("#since", "change")
    assert p.evaluate(label, "ACCUSED") == "ACCUSED (1 of 2)"
    assert p.evaluate(label, "LEADS") == "LEADS (0 of 2)"


def test_an_empty_store_draws_a_page_that_says_so(browser, tmp_path):  # noqa: F811
    store = EmbeddedStore(tmp_path / "empty.db")
    try:
        fragment = store.load()
    finally:
        store.close()
    path = write_html(to_networkx(fragment.entities, fragment.relations, fragment.articles),
                      tmp_path / "empty.html")
    opened = OfflinePage(browser)
    try:
        load_map(opened, path)
        assert opened.page.is_visible("#empty")
        assert "No data" in opened.page.inner_text("#empty")
        assert "no dated events" in opened.page.inner_text("#strip-caption")
        assert opened.errors == [] and opened.external == []
    finally:
        opened.close()


def test_the_demo_map_timeline_filters_the_demo_graph(browser, tmp_path):  # noqa: F811
    store = EmbeddedStore(tmp_path / "demo.db")
    try:
        run_demo(store, tmp_path, where="demo.db")
        fragment = store.load()
    finally:
        store.close()
    opened = OfflinePage(browser)
    try:
        load_map(opened, tmp_path / "geokg-demo.html")
        p = opened.page
        periods = p.evaluate("geokg.strip.periods")
        assert p.evaluate(BAR_SUM) == len([r for r in fragment.relations
                                           if r.date and r.category])
        box = p.locator("#strip svg").bounding_box()
        slot = (box["width"] - 8) / len(periods)
        y = box["y"] + box["height"] / 2
        p.mouse.move(box["x"] + 4 + (len(periods) - 1.5) * slot, y)  # the last two periods
        p.mouse.down()
        p.mouse.move(box["x"] + 4 + (len(periods) - 0.5) * slot, y, steps=3)
        p.mouse.up()
        since, until = periods[-2]["start"], periods[-1]["end"]
        assert (p.input_value("#since"), p.input_value("#until")) == (since, until)
        inside = [r for r in fragment.relations if r.date
                  and date_bounds(r.date)[0].isoformat() <= until
                  and date_bounds(r.date)[1].isoformat() >= since]
        assert 0 < p.evaluate("geokg.edgesView.length") == len(inside) < len(fragment.relations)
        assert opened.errors == [] and opened.external == []
    finally:
        opened.close()
