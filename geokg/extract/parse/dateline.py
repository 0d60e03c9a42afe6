"""A wire dateline ('NAIROBI, June 19 (Reuters) - ', 'KUWAIT CITY (AP) - ') names where a
story was filed, not who acted: the parse engine reads the sentence with it blanked out."""

from __future__ import annotations

import re

from geokg.extract.mentions import Found

# An upper-case place (one to four words), an optional ', date or country', an optional
# '(agency)' or '/agency/', then a dash or colon.
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]*){0,3}"
    r"(?:,[^-–—:()/\n]{1,40})?\s*(?:\([^)\n]{1,30}\)|/[^/\n]{1,20}/)?\s*[-–—:]\s+")


def dateline_end(text: str) -> int:
    """Where a sentence's leading dateline ends (0 when it has none)."""
    match = _DATELINE.match(text)
    if match is None or sum(c.isalpha() for c in match.group(0)) < 4:
        return 0
    return match.end()


def without_dateline(text: str) -> str:
    """`text` with its leading dateline blanked (spaces: every offset stays)."""
    end = dateline_end(text)
    return " " * end + text[end:] if end else text


def outside_dateline(found: Found, text: str) -> Found:
    """The mentions of a sentence that are not in its dateline (with the entities made for
    those alone)."""
    end = dateline_end(text)
    if not end:
        return found
    mentions = [m for m in found.mentions if m.start >= end]
    named = {m.entity for m in mentions}
    return Found(mentions, [e for e in found.new_entities if e.id in named])
