"""'X declared Y persona non grata': the small model parses the Latin words unpredictably
(a clause, an object, a noun with a compound), so the phrase is found by its words and the
persons declared are those written between the verb and it, or right after it ('declared
persona non grata seven foreign officials'), or the passive subject ('staff of the Y embassy
were declared persona non grata')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.words import Words

PHRASE = ("persona", "non", "grata")
SKIPPED = {'"', "'", "“", "”", "‘", "’", "``", "''", "a"}


def _phrase_end(sentence: Span) -> tuple[int, int] | None:
    """Where 'persona non grata' starts and ends in the sentence (quotes allowed around it)."""
    if "grata" not in sentence.text.lower():  # most sentences: no walk over their tokens
        return None
    words = [t for t in sentence if t.lower_ not in SKIPPED]
    for at in range(len(words) - 2):
        if tuple(t.lower_ for t in words[at:at + 3]) == PHRASE:
            return words[at].i, words[at + 2].i
    return None


def _declarer(sentence: Span, start: int) -> Token | None:
    return next((t for t in reversed(sentence.doc[sentence.start:start])
                 if t.lemma_.lower() == "declare" and t.pos_ in {"VERB", "AUX"}), None)


def _declared(verb: Token, start: int, end: int) -> list[Token]:
    """The persons declared: the words between the verb and the phrase, else those right
    after it, else the passive subject (nouns first, so that the sense sees the head)."""
    doc = verb.doc
    between = [t for t in doc[verb.i + 1:start] if t.pos_ in {"NOUN", "PROPN", "ADJ"}]
    if between:
        return sorted(between, key=lambda t: t.pos_ != "NOUN")
    after = []
    for token in doc[end + 1:]:
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM", "DET"}:
            break
        after.append(token)
    if after:
        return sorted((t for t in after if t.pos_ != "NUM"), key=lambda t: t.pos_ != "NOUN")
    moved = tree.patient(verb)
    return list(moved.subtree) if moved is not None else []


def grata_candidates(sentence: Span, found: list[Candidate], words: Words,
                     resolves: Resolves) -> list[Candidate]:
    """The expulsion 'declared ... persona non grata' says, unless a candidate of `found`
    already has the verb as its trigger."""
    span = _phrase_end(sentence)
    verb = _declarer(sentence, span[0]) if span else None
    if verb is None or any(c.trigger.i == verb.i for c in found):
        return []
    declared = _declared(verb, *span)
    nouns = [t for t in declared if t.pos_ == "NOUN"]
    targets = [t for t in declared if resolves(t)]
    if not targets:
        return []
    passive = tree.is_passive(verb)
    source = tree.agent(verb) if passive else tree.subject(verb, control=words.control_verbs)
    return [Candidate("EXPELLED", "declare-persona-non-grata", verb,
                      [source] if source is not None else [], targets, passive=passive,
                      one_target=True, word=nouns[-1] if nouns else None)]
