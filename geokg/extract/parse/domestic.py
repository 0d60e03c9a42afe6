"""The country a domestic body belongs to: 'the central government', 'the federal army', 'the
national police' are the state of the country the story is about (the one its government
was first bound to, else the first country the article named), not the latest country named
('Uganda's ministry confirmed the attack. The group wants to oust the central government')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geokg.extract.mentions import GENERIC_STATE, Mention

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors


def domestic_country(article: ArticleActors, mention: Mention, inside: list[Token]) -> str | None:
    """The story's country for a generic state body a domestic word modifies (`domestic_words`
    of words.yaml); None for any other mention."""
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    if mention.kind != "generic" or noun not in GENERIC_STATE or not any(
            child.dep_ == "amod" and child.lower_ in article.words.domestic_words
            for token in inside for child in token.children):
        return None
    return article.body_country.get("government") or article.first_country
