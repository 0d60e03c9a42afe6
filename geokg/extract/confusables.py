"""Folds look-alike characters for matching names: `Gustavo Pеtro` (Cyrillic е) matches
`Gustavo Petro`.

`fold(text)` gives a string of the same length (so offsets stay valid) in which each letter
or digit that is not Latin becomes its NFKC form (fullwidth `Ｐ` -> `P`) when that is one
character, and then its Latin look-alike from Unicode's confusables data (the
`confusable_homoglyphs` package) when it has one (Cyrillic `е` -> `e`, Greek `Ο` -> `O`).
A word is folded only when it comes out all Latin: a spoof (`Pеtro`) does, a word really
written in Cyrillic or Greek (`Владимир`) does not and is left as it is.
Matching runs on the folded text; what is shown and stored (mention text, evidence
sentences) is the text as written. Text with nothing to fold comes back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables

_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")  # only words with a non-ASCII character


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if not unicodedata.category(char).startswith(("L", "N")) \
            or unicodedata.name(char, "").startswith("LATIN"):
        return char
    normal = unicodedata.normalize("NFKC", char)
    if len(normal) != 1:
        return char
    if normal.isascii():
        return normal
    found = confusables.is_confusable(normal, preferred_aliases=["latin"], greedy=True) or []
    for item in found:
        for glyph in item["homoglyphs"]:
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"]
    return normal


def _latin(char: str) -> bool:
    return char.isascii() or not char.isalpha() or unicodedata.name(char, "").startswith("LATIN")


def _fold_word(match: re.Match[str]) -> str:
    word = match.group(0)
    folded = "".join(_fold_char(c) if not c.isascii() else c for c in word)
    return folded if all(map(_latin, folded)) else word


def fold(text: str) -> str:
    """`text` with look-alike letters and digits folded for matching (same length)."""
    if text.isascii():
        return text
    return _WORD.sub(_fold_word, text)
