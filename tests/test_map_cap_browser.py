"""The map's node cap in real headless Chromium: a capped map draws at most `--max-nodes`
entities (and 5 relations each), and says on the page what it left out, as text; what a big
map's first draw spares (edge labels out of view or unreadable, long physics)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from benchmarks import synthetic
from benchmarks.speed import viz_graph
from geokg.cli import main
from geokg.exports.html import (
    LABEL_MIN_PX,
    LABEL_PX,
    LAZY_LABEL_EDGES,
    PHYSICS_MAX_NODES,
    stabilization_iterations,
    write_html,
)
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.network import fragment_to_networkx
from tests.browser_support import OfflinePage, browser, load_map, wait_until  # noqa: F401
from tests.fixtures_graph import seed_like_fragment

pytestmark = pytest.mark.browser
CAP = 30


@pytest.fixture(scope="module")
def capped_map(tmp_path_factory):
    """(map path, the CLI's output) of a 1,500-relation store drawn with --max-nodes CAP."""
    folder = tmp_path_factory.mktemp("cap")
    with EmbeddedStore(folder / "g.db") as store:
        store.upsert_many(synthetic.fragments(1_500, seed=11))
        entities = store.stats()["entities"]
    assert entities > CAP
    out = folder / "map.html"
    result = CliRunner().invoke(main, ["--db", str(folder / "g.db"), "viz", "--out", str(out),
                                       "--max-nodes", str(CAP), "--title", "Capped"])
    assert result.exit_code == 0, result.output
    return out, result.output, entities


def _opened(browser, path):  # noqa: F811
    page = OfflinePage(browser)
    load_map(page, path)
    return page


def test_a_capped_map_draws_at_most_the_cap_and_says_so(browser, capped_map):  # noqa: F811
    path, output, entities = capped_map
    page = _opened(browser, path)
    try:
        p = page.page
        assert p.evaluate("geokg.nodes.length") == CAP
        assert p.evaluate("geokg.edgesView.getIds().length") <= 5 * CAP
        note = p.locator("#cap-note")
        assert note.is_visible()
        text = note.text_content()
        assert text.startswith(f"Showing the {CAP} most connected of {entities:,} entities")
        assert f"{entities - CAP:,} entities and" in text and "--max-nodes 0 draws all" in text
        assert f"note: {text}" in output  # the terminal says the same
        assert p.evaluate("geokg.firstDrawMs") < 5_000
        assert page.errors == [] and page.external == []
    finally:
        page.close()


def test_the_note_is_text_not_markup(browser, tmp_path):  # noqa: F811
    note = 'Showing <b id="bold">1</b> & <script>window.hacked = 1</script>'
    path = write_html(fragment_to_networkx(seed_like_fragment()), tmp_path / "m.html",
                      cap_note=note)
    page = _opened(browser, path)
    try:
        p = page.page
        assert p.locator("#cap-note").text_content() == note
        assert p.evaluate("document.getElementById('bold')") is None
        assert p.evaluate("window.hacked === undefined")
        assert page.errors == []
    finally:
        page.close()


def test_an_uncapped_map_has_no_note(browser, tmp_path):  # noqa: F811
    path = write_html(fragment_to_networkx(seed_like_fragment()), tmp_path / "m.html")
    page = _opened(browser, path)
    try:
        assert page.page.locator("#cap-note").count() == 0
    finally:
        page.close()


# --- what the first draw of a big map costs ------------------------------------------------

CROSSES_VIEW = """id => {  // the edge's bounding box meets the visible part of the graph
    const n = geokg.network, e = n.body.edges[id], box = n.canvas.frame.getBoundingClientRect();
    const low = n.DOMtoCanvas({x: 0, y: 0}), high = n.DOMtoCanvas({x: box.width, y: box.height});
    return Math.max(e.from.x, e.to.x) >= low.x && Math.min(e.from.x, e.to.x) <= high.x
        && Math.max(e.from.y, e.to.y) >= low.y && Math.min(e.from.y, e.to.y) <= high.y; }"""


def test_a_big_map_labels_only_the_edges_in_view_once_readable(browser, tmp_path):  # noqa: F811
    """Past LAZY_LABEL_EDGES edges vis-network gets no label to measure at the first draw;
    zoomed in until labels are readable, the edges in view get theirs, and they are drawn."""
    graph = viz_graph(600, LAZY_LABEL_EDGES + 500)
    page = _opened(browser, write_html(graph, tmp_path / "big.html"))
    try:
        p = page.page
        labels = "Object.values(geokg.network.body.edges).filter(e => e.options.label)"
        assert p.evaluate(f"{labels}.length") == 0
        assert p.evaluate("geokg.firstDrawMs") < 15_000  # generous: ~2 s on 2 idle cores
        box = p.locator("#map").bounding_box()
        p.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(40):  # a reader's wheel, zooming in until labels are readable
            if p.evaluate("geokg.network.getScale()") * LABEL_PX >= LABEL_MIN_PX:
                break
            p.mouse.wheel(0, -300)
            p.wait_for_timeout(60)
        wait_until(page, "geokg.givenLabels.size > 0")
        given = p.evaluate("[...geokg.givenLabels]")
        assert len(given) < graph.number_of_edges()
        assert all(p.evaluate(CROSSES_VIEW, e) for e in given)
        assert p.evaluate(f"{labels}.length") == len(given)
        assert p.evaluate(f"{labels}.some(e => e.labelModule.visible())")
        assert page.errors == []
    finally:
        page.close()


def test_physics_before_the_first_draw_is_bounded(browser, tmp_path):  # noqa: F811
    """A map at the physics limit stabilizes for fewer iterations than a small one."""
    assert stabilization_iterations(20) == 150 > stabilization_iterations(PHYSICS_MAX_NODES)
    page = _opened(browser, write_html(viz_graph(PHYSICS_MAX_NODES, 1_200), tmp_path / "p.html"))
    try:
        options = page.page.evaluate("geokg.network.physics.options")
        assert options["enabled"] is True
        assert options["stabilization"]["iterations"] == stabilization_iterations(
            PHYSICS_MAX_NODES) <= 50
        assert page.errors == []
    finally:
        page.close()
