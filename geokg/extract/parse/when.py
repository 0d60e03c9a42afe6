"""Which of a sentence's time expressions can date an event: not those of a clause below it,
nor those that describe its subject.

'Lavrov and Blinken agreed to hold talks on May 20': 'on May 20' hangs on 'hold', an
infinitive clause under 'agreed', so it dates the talks to come, not the agreement. A time
expression in the event's own clause, in a clause above it ('said on Monday that X had
expelled ...') or beside it stays a candidate.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from geokg.extract.dates import TimeExpression
from geokg.extract.parse.tree import NOMINAL_SUBJECTS

# Dependencies that open a clause of its own (an act other than its head's).
CLAUSES = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"})
# Subjects (NOMINAL_SUBJECTS): a time inside the subject's phrase describes the subject ('the
# rebels, at war since 2020, have agreed ...'), not the act.


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
        crossed = crossed or token.dep_ in CLAUSES or (token.dep_ in NOMINAL_SUBJECTS and
                                                       token.i != time_root.i)
        token = token.head


def _since_of_another(time_root: Token, event: Token) -> bool:
    """'Armenia and Azerbaijan, at odds since 1994, agreed ...': a 'since' phrase that hangs
    on another word than the event (and holds no clause of it) dates that word's state, not
    the act."""
    prep = time_root if time_root.dep_ == "prep" else time_root.head
    if prep.is_ancestor(event):  # 'since November 28, when X announced ...': that day's act
        return False
    return prep.lower_ == "since" and prep.head.i != event.i and (
        time_root.dep_ in {"prep", "pobj"})


def _tokens(time: TimeExpression, doc: Doc, offset: int = 0) -> Span | None:
    """The tokens of a time expression whose offsets count from `offset` in `doc`."""
    return doc.char_span(offset + time.start, offset + time.end, alignment_mode="expand")


def datable(times: list[TimeExpression], event: Token) -> list[TimeExpression]:
    """The expressions of `times` (offsets into the sentence, which is the event's whole
    Doc) that are not inside a clause below `event`."""
    kept = []
    for time in times:
        span = _tokens(time, event.doc)
        if span is None or not (_below_another_clause(span.root, event)
                                or _since_of_another(span.root, event)):
            kept.append(time)
    return kept


def of_own_complement(times: list[TimeExpression], event: Token) -> list[TimeExpression]:
    """The expressions of `times` inside the event's own infinitive complement, and in no
    other clause ('ordered the envoy to leave within 48 hours last month'): the order and
    its leaving fall in the same past period. For an event with no time of its own clause
    (`datable`); callers pass past times only."""
    kept = []
    for time in times:
        span = _tokens(time, event.doc)
        token = span.root if span is not None else None
        while token is not None and token.head.i != token.i and token.head.i != event.i:
            token = None if token.dep_ in CLAUSES or token.dep_ in NOMINAL_SUBJECTS else token.head
        if token is not None and token.head.i == event.i and token.dep_ == "xcomp":
            kept.append(time)
    return kept


def story_times(times: list[TimeExpression], sentence: Span) -> list[TimeExpression]:
    """The expressions of `times` that may become the story's time for the sentences after:
    not one inside a 'since' phrase or clause ('Since taking office on Jan. 5, X has
    pressed ...'), which starts a period that runs up to the story's day."""
    kept = []
    for time in times:
        span = _tokens(time, sentence.doc, sentence.start_char)
        if span is None or not any(t.lower_ == "since" for t in [*span, *span.root.ancestors]):
            kept.append(time)
    return kept
