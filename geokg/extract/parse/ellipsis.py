"""Acts an elliptical clause copies to more actors, in the same sentence.

English names an act once and lets a short clause say that others did it too:

  "A recognized Y as president, as did B and C."     (as + auxiliary + inverted subject)
  "A condemned the attack on Y, and so did B."       (so + auxiliary + inverted subject)
  "A expelled Y's envoy, and B did the same."        (do the same / do likewise)
  "A expelled Y's envoy; B followed suit."           (follow suit)

The clause's subjects do the act the clause hangs on, to the same targets. The copy keeps
the act's trigger, so its date and status are the act's own.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves, coordinated
from geokg.extract.parse.words import Words

AUXILIARIES = frozenset({"do", "have", "be", "will", "would", "can", "could", "shall"})
SAME = frozenset({"same", "likewise", "similarly"})


def _copies(clause: Token, upward: bool = False) -> bool:
    """Whether a clause only says its subject did the act it hangs on (`upward`: or the
    act hangs on it, as the parser reads 'A did X; B followed suit')."""
    lemma, kids = clause.lemma_.lower(), list(clause.children)
    if lemma in AUXILIARIES and clause.dep_ == "advcl":  # 'as did B'
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
    if clause.dep_ != "conj" and not upward:
        return False
    if lemma in AUXILIARIES and any(c.dep_ == "advmod" and c.lower_ == "so" for c in kids):
        return True  # 'and so did B'
    if lemma == "do":  # 'B did the same', 'B did likewise'
        return any(c.lower_ in SAME and c.dep_ in {"dobj", "advmod"} for c in kids)
    return lemma == "follow" and any(c.dep_ == "dobj" and c.lower_ == "suit" for c in kids)


def _copiers(verb: Token) -> list[Token]:
    """The elliptical clauses that copy the verb's act."""
    found = [c for c in verb.children if _copies(c)]
    head = verb.head
    if verb.dep_ in {"ccomp", "parataxis"} and verb.i < head.i and _copies(head, upward=True):
        found.append(head)
    return found


def ellipsis_candidates(found: list[Candidate], words: Words,
                        resolves: Resolves) -> list[Candidate]:
    """Copies of the sentence's active acts for the subjects of the elliptical clauses that
    hang on them."""
    added = []
    for candidate in found:
        if candidate.passive:  # 'Y was expelled, as was Z': Z is another target
            continue
        verb = candidate.governor or candidate.trigger
        for clause in _copiers(verb):
            subject = tree.own_subject(clause)
            sources = [t for t in coordinated(subject, words) if resolves(t)] \
                if subject is not None else []
            if sources:
                added.append(dataclasses.replace(
                    candidate, sources=sources, frame=f"{candidate.frame}:ellipsis"))
    return added
