"""'X gave Y seven days to leave (the country)': a deadline to leave is an expulsion of Y
(and of Y's envoys, when Y is one: the `expelled_envoys` sense); so is 'Y has (been given)
48 hours to leave' said by X, X's expulsion of Y. Both the time and the leaving are
required, so that 'gave Y two weeks to respond' stays no event."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.allegations import teller
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

GIVING = {"give", "grant", "allow", "have"}
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
        made.extend(_expulsion(verb, span, words, resolves))
    return [c for c in found if c.trigger.i not in leaving] + made


def _envoys(words: Words) -> frozenset[str]:
    """The nouns of envoys and missions (the objects of the `expelled_envoys` sense)."""
    return next((s.objects for s in words.senses if s.name == "expelled_envoys"), frozenset())


def _expulsion(verb: Token, span: Token, words: Words, resolves: Resolves) -> list[Candidate]:
    """The expulsion a deadline tells: 'X gave Y <time> to leave' (X's), or 'Y has|was
    given <time> to leave' said by X (the teller's)."""
    if verb.lemma_.lower() == "have" or tree.is_passive(verb):
        given = [t for t in tree.children(verb, "nsubj", "nsubjpass") if resolves(t)
                 and t.lemma_.lower() in _envoys(words)]  # not 'its citizens have ...'
        frame = "have-deadline-to-leave"
        source = teller(verb, words)
    else:
        given = [t for t in tree.children(verb, "dative", "dobj")
                 if t.i != span.i and resolves(t)]
        source = tree.subject(verb, control=words.control_verbs)
        frame = "give-deadline-to-leave"
    if not given or source is None or not resolves(source):
        return []
    return [Candidate("EXPELLED", frame, verb, [source], given[:1], word=given[0])]
