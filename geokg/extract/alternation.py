"""Regex alternations of many literal words, built as a prefix trie.

Python's `re` tries the branches of `A|B|C|...` one after the other at every position, so a
list of 500 country names costs 500 failed tries per character. The same words factored into
a trie ("Ira(?:n|q)") cost one try per distinct next character. Longer words are tried first
wherever one word is a prefix of another, exactly like a longest-first sorted alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def alternation(words: Iterable[str], *, space: str | None = None,
                ignore_case: bool = False) -> str:
    """A non-capturing regex matching any of `words`, longest first where they overlap.

    `space` is the regex written for each space inside a word (default: a literal space
    is escaped like any other character). With `ignore_case`, words that differ only by
    case share a branch (use it when the regex is compiled with re.IGNORECASE).
    """
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word.lower() if ignore_case else word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return "(?!)"  # matches nothing, like an empty alternation should
    return f"(?:{_emit(root, space)})"


def _emit(node: dict[str, dict], space: str | None) -> str:
    branches = []
    for char in sorted(k for k in node if k != _END):
        unit = space if space is not None and char == " " else re.escape(char)
        branches.append(unit + _emit(node[char], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:  # a word ends here and longer ones go on: try the longer ones first
        return f"(?:{body})?"
    return body
