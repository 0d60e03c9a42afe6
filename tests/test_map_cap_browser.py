"""The map's node cap in real headless Chromium: a capped map draws at most `--max-nodes`
entities (and 5 relations each), and says on the page what it left out, as text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from benchmarks import synthetic
from geokg.cli import main
from geokg.exports.html import write_html
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.network import fragment_to_networkx
from tests.browser_support import OfflinePage, browser, load_map  # noqa: F401
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
