"""Headless Chromium for the browser tests: Debian's `chromium` driven by Playwright.

Missing Chromium or Playwright skips the tests, except in CI (`CI=true`) where it fails them.
Install: `apt-get install -y chromium` and `pip install playwright` (never `playwright
install`: the system Chromium is used).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
INSTALL = "apt-get install -y chromium && pip install playwright"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _missing(what: str) -> None:
    message = f"{what}; install with: {INSTALL}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests cannot run in CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A launched Playwright Chromium browser (system Chromium, no sandbox, no GPU)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Python package playwright is not installed")
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A page in an offline context that records page errors and every request that is not
    for a local file (those are aborted)."""

    def __init__(self, browser: Any, viewport: tuple[int, int] = (1280, 800)) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context = browser.new_context(
            offline=True, viewport={"width": viewport[0], "height": viewport[1]})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", self._request)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("file:", "data:")):
            self.external.append(request.url)

    def close(self) -> None:
        self.context.close()


DRAWN = "window.geokg && window.geokg.drawn"
# The sum of the timeline strip's colored bars and of its highlight outlines.
BAR_SUM = ("[...document.querySelectorAll('#strip rect.bar')]"
           ".reduce((s, r) => s + +r.dataset.count, 0)")
HIGHLIGHT_SUM = ("[...document.querySelectorAll('#strip rect.hl')]"
                 ".reduce((s, r) => s + +r.dataset.count, 0)")


def load_map(page: OfflinePage, path: Path, timeout_ms: int = 30_000) -> None:
    """Open a written map and wait for its first drawing."""
    page.page.goto(path.resolve().as_uri())
    page.page.wait_for_function(DRAWN, timeout=timeout_ms, polling=100)


def node_point(page: OfflinePage, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates (for real mouse moves and clicks)."""
    return tuple(page.page.evaluate("""id => {
        const box = document.querySelector('#map canvas').getBoundingClientRect();
        const at = geokg.network.canvasToDOM(geokg.network.getPosition(id));
        return [box.left + at.x, box.top + at.y]; }""", node_id))


def wait_until(page: OfflinePage, expression: str, timeout_s: float = 5.0) -> None:
    """Poll a page expression from Python until it is truthy (the map's Content-Security-
    Policy forbids the eval that Playwright's wait_for_function polls with)."""
    deadline = time.monotonic() + timeout_s
    while not page.page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        page.page.wait_for_timeout(50)
