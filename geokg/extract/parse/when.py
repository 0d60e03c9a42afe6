"""Which of a sentence's time expressions can date an event: not those of a clause below it.

'Lavrov and Blinken agreed to hold talks on May 20': 'on May 20' hangs on 'hold', an
infinitive clause under 'agreed', so it dates the talks to come, not the agreement. A time
expression in the event's own clause, in a clause above it ('said on Monday that X had
expelled ...') or beside it stays a candidate.
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.dates import TimeExpression

# Dependencies that open a clause of its own (an act other than its head's).
CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"})


def _below_another_clause(time_root: Token, event: Token) -> bool:
    """True when the path from the time expression up to `event` passes through a clause
    of its own first; False when it reaches `event` within its clause, or never reaches it."""
    crossed = False
    token = time_root
    while True:
        if token.i == event.i:
            return crossed
        if token.head.i == token.i:
            return False
        crossed = crossed or token.dep_ in CLAUSES
        token = token.head


def datable(times: list[TimeExpression], event: Token) -> list[TimeExpression]:
    """The expressions of `times` (offsets into the sentence, which is the event's whole
    Doc) that are not inside a clause below `event`."""
    kept = []
    for time in times:
        span = event.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or not _below_another_clause(span.root, event):
            kept.append(time)
    return kept
