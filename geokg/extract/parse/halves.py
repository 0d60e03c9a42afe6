"""'the North', 'the South': the one country the article named whose name starts with that
word ('North Korea ... the North' -> North Korea), else the other half of a divided country
it named ('In South Korea, ... will punish the North' -> North Korea); nothing when it named
neither or several."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from geokg.extract.gazetteer import slugify
from geokg.graph.model import EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

OPPOSITE = {"North": "South", "South": "North", "East": "West", "West": "East"}


def _countries(article: ArticleActors, taken: list[str]) -> list[str]:
    """The countries named so far: in the article's memory and earlier in the sentence."""
    return [e for e in [*article.recent, *taken] if article.type_of(e) == EntityType.COUNTRY]


def _namesake(article: ArticleActors, named: list[str], word: str) -> str | None:
    """The one country named whose name's first word is `word`."""
    found = {entity_id for entity_id in named
             if (article.known(entity_id).name.split() or [""])[0] == word}
    return next(iter(found)) if len(found) == 1 else None


def _other_half(article: ArticleActors, named: list[str], word: str) -> str | None:
    """'the North' after South Korea: the gazetteer's country 'North Korea'."""
    rest = {article.known(e).name.split(" ", 1)[1] for e in named
            if article.known(e).name.startswith(OPPOSITE[word] + " ")}
    found = [slugify(f"{word} {name}") for name in rest]
    found = [f for f in found if article.type_of(f) == EntityType.COUNTRY]
    return found[0] if len(found) == 1 else None


def halves(article: ArticleActors, sentence: Span, result: SentenceActors,
           taken: list[str]) -> None:
    """Map each bare 'the North' / 'the South' (a noun of its own, not a name's first word)
    to the country it shortens."""
    for token in sentence:
        if token.text not in OPPOSITE or token.i in result.by_token or token.dep_ == "compound" \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        named = _countries(article, taken)
        country = _namesake(article, named, token.text) or _other_half(article, named,
                                                                        token.text)
        if country:
            result.by_token[token.i] = country
