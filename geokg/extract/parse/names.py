"""A person's name the mention finder split in two, or cut short, where the parser's NER
reads one person ('Minister of Trade and Industrial Development Omar Said Shaaban': the
finder's guesses 'Industrial Development Omar' and 'Said Shaaban'; 'Aung San Suu Kyi': its
'Aung San Suu'): one mention of the whole name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from geokg.extract.gazetteer import slugify
from geokg.extract.mentions import Mention
from geokg.graph.model import Entity, EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors


def whole_names(article: ArticleActors, sentence: Span, mentions: list[Mention]
                ) -> list[Mention]:
    """The mentions, with each PERSON the finder split into two or more guessed names, or
    guessed only a first part of (none of them a name the gazetteer knows), made one
    mention of that person."""
    base = sentence.start_char
    for span in sentence.ents:
        if span.label_ != "PERSON" or len(span) < 2:
            continue
        start, end = span.start_char - base, span.end_char - base
        split = [m for m in mentions if m.kind == "name" and m.start < end and m.end > start]
        cut = len(split) == 1 and start <= split[0].start and split[0].end < end
        if not (len(split) >= 2 or cut) or any(m.entity in article.gazetteer.entities
                                               for m in split):
            continue
        name = span.text.removesuffix("'s").removesuffix("’s")
        entity_id = article.gazetteer.surface.get(name) or article.add_entity(
            Entity(id=slugify(name), name=name, type=EntityType.PERSON))
        whole = Mention(start, start + len(name), name, "name", entity=entity_id)
        mentions = sorted([m for m in mentions if m not in split] + [whole],
                          key=lambda m: m.start)
    return mentions
