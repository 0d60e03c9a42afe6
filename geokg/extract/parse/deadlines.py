"""'X gave Y seven days to leave (the country)': a deadline to leave is an expulsion of Y
(and of Y's envoys, when Y is one: the `expelled_envoys` sense). Both the time and the
leaving are required, so that 'gave Y two weeks to respond' stays no event."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

GIVING = {"give", "grant", "allow"}
SPANS = {"day", "hour", "week", "month", "deadline"}
LEAVING = {"leave", "depart", "quit", "exit", "vacate"}


def _deadline(verb: Token) -> Token | None:
    """The time span given ('seven days'), whether the parser hung it on the verb or made
    it an appositive of the person."""
    near = [t for c in verb.children for t in (c, *c.children)]
    return next((t for t in near if t.lemma_.lower() in SPANS and t.pos_ == "NOUN"), None)


def _leaving(verb: Token, span: Token) -> Token | None:
    """'... to leave': an infinitive of leaving on the verb or on the time span."""
    return next((c for c in [*verb.children, *span.children] if c.lemma_.lower() in LEAVING
                 and c.dep_ in {"xcomp", "relcl", "acl", "advcl"}), None)


def with_deadlines(sentence: SentenceIndex, found: list[Candidate], words: Words,
                   resolves: Resolves) -> list[Candidate]:
    """`found` with an expulsion for each 'gave Y <time> to leave' none of it has read, and
    without the leaving itself (asked for, not done)."""
    made = []
    leaving: set[int] = set()
    triggers = {c.trigger.i for c in found}
    for verb in sentence.with_lemma(GIVING, verbs_only=True):
        if verb.i in triggers:
            continue
        span = _deadline(verb)
        left = _leaving(verb, span) if span is not None else None
        if left is None:
            continue
        leaving.add(left.i)
        given = [t for t in tree.children(verb, "dative", "dobj")
                 if t.i != span.i and resolves(t)]
        source = tree.subject(verb, control=words.control_verbs)
        if given and source is not None and resolves(source):
            made.append(Candidate("EXPELLED", "give-deadline-to-leave", verb, [source],
                                  given[:1], word=given[0]))
    return [c for c in found if c.trigger.i not in leaving] + made
