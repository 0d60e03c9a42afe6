"""Regexes that are only run on text containing one of their needles.

Most sentences name no kinship, no claim, no party: finding which needles a sentence holds
(one pass of one regex) rules those patterns out far faster than the regex engine scanning
every position to find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from geokg.extract.alternation import alternation


class Needles:
    """Finds, in one pass, which of many needles (lower-case substrings) a text contains."""

    def __init__(self, needles: Iterable[str]) -> None:
        words = sorted({n.lower() for n in needles if n})
        # A lookahead, so that one findall tries every position: the longest needle at
        # every position where one starts; the shorter needles starting there are its
        # prefixes.
        self._scan = re.compile(f"(?=({alternation(words)}))")
        self._prefixes = {w: frozenset(p for p in words if w.startswith(p)) for w in words}

    def present(self, text: str) -> frozenset[str]:
        """The needles found anywhere in `text` (compared lower-cased)."""
        found = set(self._scan.findall(text.lower()))
        if not found:
            return frozenset()
        return frozenset().union(*(self._prefixes[w] for w in found))


class Gated:
    """A compiled regex plus needles: lower-cased substrings of which every match contains
    at least one. `finditer` gives the regex's matches, without running it when the text
    has none of the needles."""

    def __init__(self, pattern: re.Pattern[str], needles: Iterable[str]) -> None:
        self.pattern = pattern
        self.needles = frozenset(n.lower() for n in needles)
        if not self.needles or any(not n for n in self.needles):
            raise ValueError("a gated regex needs non-empty needles")
        self._own = Needles(self.needles)

    def may_match(self, text: str, present: frozenset[str] | None = None) -> bool:
        """False when no match is possible; `present` is what `Needles.present` found in
        the text (with needles including these), else the text is scanned here."""
        if present is None:
            present = self._own.present(text)
        return not self.needles.isdisjoint(present)

    def finditer(self, text: str, present: frozenset[str] | None = None
                 ) -> Iterator[re.Match[str]]:
        if self.may_match(text, present):
            return self.pattern.finditer(text)
        return iter(())
