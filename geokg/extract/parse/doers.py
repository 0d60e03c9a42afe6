"""Phrases that stand for the actor they name inside them: a deed with its doer ('war crimes
committed by Russian troops', 'violations by the security forces') is the doer, as what is
investigated or condemned; followers named by whom they follow ('forces loyal to Khalifa
Haftar', 'those aligned with the TPLF') are that actor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

DEEDS = {"crime", "crimes", "abuse", "abuses", "violation", "violations", "atrocity",
         "atrocities", "killing", "killings", "massacre", "massacres", "excesses", "misconduct"}
FOLLOWERS = {"forces", "troops", "fighters", "militias", "militiamen", "units", "those",
             "men", "groups", "factions"}
LOYAL_WORDS = {"loyal", "allied", "aligned", "affiliated", "faithful"}


def _objects(token: Token, preps: set[str]) -> list[Token]:
    return [o for p in token.children if p.dep_ in {"prep", "agent"} and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj"]


def _doer(deed: Token, result: SentenceActors) -> str | None:
    """'crimes committed by X', 'violations by X': X's actor."""
    agents = _objects(deed, {"by"})
    agents += [o for v in deed.children if v.dep_ == "acl" and v.tag_ == "VBN"
               for o in _objects(v, {"by"})]
    return next((result.by_token[a.i] for a in agents if a.i in result.by_token), None)


def _leader(follower: Token, result: SentenceActors) -> str | None:
    """'forces loyal to X', 'those aligned with X': X's actor."""
    for word in follower.children:
        if word.dep_ in {"amod", "acl", "relcl"} and word.lower_ in LOYAL_WORDS:
            leaders = _objects(word, {"to", "with"})
            found = next((result.by_token[t.i] for t in leaders if t.i in result.by_token), None)
            if found:
                return found
    return None


def doers(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map each deed to its doer and each band of followers to whom they follow (also when
    their noun alone had made a group of them: 'fighters', 'Israeli militias')."""
    for token in sentence:
        if result.by_token.get(token.i) not in {None, *article.typed}:
            continue
        word = token.lower_
        found = _doer(token, result) if word in DEEDS else (
            _leader(token, result) if word in FOLLOWERS else None)
        if found:
            result.by_token[token.i] = found
