"""The HTML map in a real headless Chromium: offline, no XSS, large graphs draw."""

from __future__ import annotations

import json
import random
import time

import pytest

from geokg.exports.html import write_html
from geokg.graph.model import Article, Entity, EntityType, Evidence, Relation
from geokg.graph.network import fragment_to_networkx, to_networkx
from tests.browser_support import (  # noqa: F401
    ARTIFACTS,
    BAR_SUM,
    OfflinePage,
    browser,
    load_map,
    wait_until,
)
from tests.fixtures_graph import seed_like_fragment

pytestmark = pytest.mark.browser

EVIL = ("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=1\">"
        "'\"</script><svg onload=window.__xss=1>")


def test_map_loads_offline_and_draws_every_entity(browser, tmp_path):  # noqa: F811
    fragment = seed_like_fragment()
    path = write_html(fragment_to_networkx(fragment), tmp_path / "map.html", title="Seed map")
    page = OfflinePage(browser)
    try:
        load_map(page, path)
        counts = page.page.evaluate(
            "[geokg.nodes.length, geokg.network.body.data.nodes.length, geokg.edgesView.length]")
        assert counts == [len(fragment.entities)] * 2 + [len(fragment.relations)]
        assert "9 entities · 8 relations" in page.page.inner_text("header")

        # filters: one action type, then a date window, then reset
        page.page.uncheck("#all-actions")
        page.page.check("#actions label:has-text('SANCTIONED') input")
        assert page.page.evaluate("[geokg.nodesView.length, geokg.edgesView.length]") == [2, 1]
        page.page.click("#reset")
        page.page.fill("#since", "2025-11-01")
        page.page.dispatch_event("#since", "change")
        shown = page.page.evaluate("geokg.edgesView.getIds().length")
        assert shown == 2  # DESIGNATED 2025-11-26, ACCUSED 2025-11-25; undated LEADS dropped
        page.page.click("#reset")
        assert page.page.evaluate("geokg.edgesView.length") == len(fragment.relations)

        # search by alias selects the node and shows its card
        page.page.fill("#search", "Petro")
        page.page.dispatch_event("#search", "change")
        assert page.page.evaluate("geokg.network.getSelectedNodes()") == ["gustavo-petro"]
        assert "President of Colombia" in page.page.inner_text("#details")

        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "map-seed.png"))
        assert page.errors == []
        assert page.external == []
    finally:
        page.close()


def _evil_graph():
    entities = [Entity(id="evil" + EVIL, name="Evil " + EVIL, type="Person", aliases=[EVIL],
                       roles=["Role " + EVIL]),
                Entity(id="colombia", name="Colombia", type="Country")]
    evidence = Evidence(article="a1", sentence="Sentence " + EVIL, start=0, end=5, rule="r")
    relations = [Relation(source=entities[0].id, target="colombia", type="ACCUSED",
                          category="ACCUSE", date="2025-10", evidence=[evidence]),
                 Relation(source="colombia", target=entities[0].id, type="SANCTIONED",
                          category="SANCTION", date="2025-11-02", evidence=[evidence])]
    article = Article(id="a1", title="Title " + EVIL, url="javascript:window.__xss=1")
    return to_networkx(entities, relations, [article])


def test_map_escapes_all_text(browser, tmp_path):  # noqa: F811
    path = write_html(_evil_graph(), tmp_path / "evil.html", title="Map " + EVIL)
    page = OfflinePage(browser)
    try:
        load_map(page, path)
        p = page.page
        p.evaluate("geokg.network.setOptions({physics: false})")
        # real hovers and clicks over every node and the straight edge, as a reader would
        where = """ids => {
            const box = document.querySelector('#map canvas').getBoundingClientRect();
            const at = ids.map(id => geokg.network.canvasToDOM(geokg.network.getPosition(id)));
            const x = at.reduce((s, a) => s + a.x, 0) / at.length;
            const y = at.reduce((s, a) => s + a.y, 0) / at.length;
            return [box.left + x, box.top + y]; }"""
        evil_id = next(n for n in p.evaluate("geokg.nodes.getIds()") if n != "colombia")
        for ids in ([evil_id], ["colombia"], [evil_id, "colombia"]):
            p.evaluate("geokg.hideTooltip(); document.getElementById('details').replaceChildren()")
            x, y = p.evaluate(where, ids)
            p.mouse.move(x, y)
            p.wait_for_function("!document.getElementById('tooltip').hidden", timeout=5000)
            p.mouse.click(x, y)
            if ids != ["colombia"]:
                assert EVIL in p.inner_text("#tooltip") and EVIL in p.inner_text("#details")
            p.mouse.move(1, 1)
        # every tooltip and details card, nodes and edges
        texts = p.evaluate("""() => {
            const out = [];
            for (const id of geokg.nodes.getIds().filter(id => id !== 'colombia')) {
                geokg.showTooltip('node', id, 50, 50); out.push(tooltip.textContent);
                geokg.showDetails('node', id); out.push(details.textContent); }
            for (const id of geokg.edges.getIds()) {
                geokg.showTooltip('edge', id, 50, 50); out.push(tooltip.textContent);
                geokg.showDetails('edge', id); out.push(details.textContent); }
            return out; }""")
        assert all(EVIL in text for text in texts)
        p.fill("#search", EVIL)
        p.dispatch_event("#search", "change")
        p.check("#all-actions")
        p.wait_for_timeout(300)

        assert p.evaluate("typeof window.__xss") == "undefined"
        assert p.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
        assert p.evaluate("document.querySelectorAll('svg').length") == 1  # the strip's own
        assert p.evaluate("document.querySelectorAll('#strip svg *').length") > 0
        assert EVIL not in p.evaluate("document.querySelector('#strip').innerHTML")
        assert p.evaluate("document.scripts.length") == 3  # data, vis-network, map.js
        assert p.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0
        assert EVIL in p.inner_text("header h1")
        assert p.evaluate("document.querySelectorAll('#details a, #tooltip a').length") == 0
        assert page.errors == []
        assert page.external == []
    finally:
        page.close()


def _large_graph(n_nodes: int = 5000, n_edges: int = 20000):
    rng = random.Random(5)
    kinds = list(EntityType)
    actions = [("SANCTIONED", "SANCTION"), ("ACCUSED", "ACCUSE"), ("MET_WITH", "CONSULT"),
               ("AIDED", "AID"), ("LEADS", None)]
    entities = [Entity(id=f"n{i}", name=f"Actor {i}", type=kinds[i % len(kinds)])
                for i in range(n_nodes)]
    relations: dict = {}
    while len(relations) < n_edges:
        # half the sources among a few hubs, like news graphs
        source = int(rng.paretovariate(1.2)) % n_nodes if rng.random() < 0.5 else \
            rng.randrange(n_nodes)
        target = rng.randrange(n_nodes)
        kind, category = rng.choice(actions)
        date = None if category is None else f"2025-{rng.randint(1, 12):02d}"
        if source != target:
            relation = Relation(
                source=f"n{source}", target=f"n{target}", type=kind, category=category,
                date=date, evidence=[Evidence(article="a", sentence=f"n{source} {kind} n{target}.",
                                              start=0, end=9, rule="test")])
            relations[relation.key] = relation
    return to_networkx(entities, relations.values(), [Article(id="a", title="Synthetic")])


def test_large_map_draws_without_freezing(browser, tmp_path):  # noqa: F811
    graph = _large_graph()
    started = time.perf_counter()
    path = write_html(graph, tmp_path / "large.html")
    write_seconds = time.perf_counter() - started
    page = OfflinePage(browser)
    try:
        started = time.perf_counter()
        load_map(page, path, timeout_ms=60_000)
        draw_seconds = time.perf_counter() - started
        counts = page.page.evaluate("[geokg.nodesView.length, geokg.edgesView.length]")
        assert counts == [5000, 20000]
        started = time.perf_counter()
        page.page.evaluate("geokg.state.since = '2025-03-01'; geokg.applyFilters()")
        filter_seconds = time.perf_counter() - started
        assert page.page.evaluate(BAR_SUM) == page.page.evaluate(
            "geokg.edgesView.getIds().map(id => geokg.edgeInfo.get(id).label)"
            ".filter(label => label.includes('2025') && !label.startsWith('LEADS')).length")
        started = time.perf_counter()  # a brush over the strip's second half, as a reader drags
        box = page.page.locator("#strip svg").bounding_box()
        middle = box["y"] + box["height"] / 2
        page.page.mouse.move(box["x"] + box["width"] / 2, middle)
        page.page.mouse.down()
        page.page.mouse.move(box["x"] + box["width"] - 5, middle, steps=4)
        page.page.mouse.up()
        brush_seconds = time.perf_counter() - started
        assert page.page.input_value("#until") == "2025-12-31"
        assert page.page.input_value("#since") > "2025-03-01"
        box = page.page.locator("#map canvas").bounding_box()  # a real hover on the hub
        at = page.page.evaluate("geokg.network.canvasToDOM(geokg.network.getPosition('n1'))")
        started = time.perf_counter()
        page.page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
        wait_until(page, "!document.getElementById('tooltip').hidden", timeout_s=30)
        hover_seconds = time.perf_counter() - started
        # too many items to restyle at each hover: nothing dims, no label grows
        assert page.page.evaluate("geokg.dimmed.size") == 0 and not page.page.evaluate(
            "geokg.labelled && geokg.labelled.size")
        assert page.page.evaluate("geokg.network.physics.options.enabled") is False
        assert page.errors == []
        assert page.external == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "map-large.png"))
        numbers = {"nodes": 5000, "edges": 20000, "html_bytes": path.stat().st_size,
                   "write_html_s": round(write_seconds, 2),
                   "load_to_first_draw_s": round(draw_seconds, 2),
                   "first_draw_ms_in_page": page.page.evaluate("geokg.firstDrawMs"),
                   "date_filter_s": round(filter_seconds, 2),
                   "brush_drag_s": round(brush_seconds, 2),
                   "hover_to_tooltip_s": round(hover_seconds, 2)}
        (ARTIFACTS / "map-large.json").write_text(json.dumps(numbers, indent=1))
        print(numbers)
    finally:
        page.close()
