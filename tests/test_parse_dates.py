"""The parse engine dates an act by the time expressions of its own clause (or a clause
above it), never by one that belongs to a clause below it, and never by a day that is
still to come. Sentences are our own; articles are published 2024-03-15 (a Friday)."""

from __future__ import annotations

import pytest

from tests.parse_support import parse_extract


def _dates(text: str, action: str) -> set[str | None]:
    fragment = parse_extract(text)
    return {r.date for r in fragment.relations if r.type == action}


@pytest.mark.parametrize(("text", "action", "expected"), [
    # the talks to come are dated, the agreement is not dated by them
    ("Chile and Peru agreed to hold border talks in Lima on March 30.", "AGREED",
     {"2024-03-15"}),
    # a date in a relative clause dates that clause's act, not the main one
    ("Ecuador condemned Colombia, which had expelled its ambassador in January.",
     "CRITICIZED", {"2024-03-15"}),
    # a date in the act's own clause still dates it
    ("Ecuador condemned Colombia on Tuesday.", "CRITICIZED", {"2024-03-12"}),
    # a date in the clause above (the report) still dates the reported act
    ("Peru said on Wednesday that it had expelled Bolivia's ambassador.",
     "EXPELLED_DIPLOMATS", {"2024-03-13"}),
])
def test_act_is_dated_by_its_own_clause(text, action, expected):
    assert _dates(text, action) == expected
