"""One event for an agreement and what it is about: 'A and B agreed to restore ties',
'A and B signed an agreement to restore ties' are one act of A and B, the agreement.

The clause an agreement governs (its infinitive, the purpose clause of its verb or object,
and their conjuncts) names what the sides agreed to do, not a second act of the same sides:
a candidate there between the agreement's own actors is dropped (the agreement is coded
AGREE either way; the act agreed to is not yet done), unless the clause names its own day
('agreed to hold talks on April 2': an act to come, kept as announced for that day).
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse.events import Candidate

CONTENT_DEPS = frozenset({"xcomp", "advcl", "acl", "conj", "dobj", "pobj", "prep"})
AGREEMENT = "AGREED"
DATED = frozenset({"DATE", "TIME"})


def without_agreed_content(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates without those in the content clause of an agreement of the same
    sources ('agreed to re-establish ties': the AGREED candidate, not COOPERATED too)."""
    agreements = [c for c in candidates if c.action == AGREEMENT]
    if not agreements:
        return candidates
    return [c for c in candidates
            if not any(_content_of(c, agreement) for agreement in agreements)]


def _content_of(candidate: Candidate, agreement: Candidate) -> bool:
    """Whether `candidate` is an act between the agreement's own actors in the clause
    below it."""
    if candidate.action == AGREEMENT or candidate.nominal:
        return False
    if _ends(candidate) != _ends(agreement):  # 'agreed to open talks with C': C is new
        return False
    if any(t.ent_type_ in DATED for t in candidate.trigger.subtree):
        return False  # 'agreed to hold talks on April 2': an act to come, of its own day
    return candidate.trigger.dep_ in {"xcomp", "advcl", "acl", "conj"} and _below(
        candidate.trigger, agreement.trigger)


def _ends(candidate: Candidate) -> tuple[set[int], set[int]]:
    """The token positions of a candidate's sources and targets."""
    return {t.i for t in candidate.sources}, {t.i for t in candidate.targets}


def _below(token: Token, governor: Token) -> bool:
    """Whether the chain of content links above `token` reaches `governor`."""
    while token.dep_ in CONTENT_DEPS and token.head is not token:
        token = token.head
        if token == governor:
            return True
    return False
