"""A per-article time budget for extraction: an article that takes too long is given up.

The budget is `GEOKG_EXTRACT_TIMEOUT` seconds (default 120; 0 or less turns it off). The
extractor checks it between sentences, so a hostile article is reported as an extraction
error of that article (by the pipeline, like any other) and the run goes on with the next.
"""

from __future__ import annotations

import os
import time

from geokg.graph.errors import GeokgError

ENV = "GEOKG_EXTRACT_TIMEOUT"
DEFAULT_SECONDS = 120.0


class ExtractionTimeout(GeokgError):
    """An article's extraction ran past its time budget."""


class Budget:
    """The time one article may take, from its creation on."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = seconds if seconds is not None else _configured()
        self._deadline = time.monotonic() + self.seconds if self.seconds > 0 else None

    def check(self) -> None:
        """Raise ExtractionTimeout if the budget is spent."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise ExtractionTimeout(
                f"gave up after {self.seconds:g} s (the per-article budget, {ENV})")


def _configured() -> float:
    raw = os.environ.get(ENV, "").strip()
    try:
        return float(raw) if raw else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS
