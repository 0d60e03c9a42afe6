"""What 'the two countries' stands for: the last pair of actors named together, when that
pair can be meant by it (both engines ask here)."""

from __future__ import annotations

from collections.abc import Callable

from geokg.extract.gazetteer import Gazetteer
from geokg.graph.model import Entity, EntityType

COUNTRY_PAIRS = ("countries", "nations", "states")

Pair = tuple[str, str]


def pair_meant(pair: Pair | None, phrase: str, known: Callable[[str], Entity | None],
               gazetteer: Gazetteer) -> Pair | None:
    """The pair a phrase like 'the two leaders' or 'both countries' stands for, after `pair`
    was named: the pair itself, or for a phrase of countries the countries of two people of
    known, different countries; None when a phrase of countries follows people of unknown
    country ('ministers A and B met ... the two countries agreed' is not A and B)."""
    if pair is None or not any(word in phrase.lower() for word in COUNTRY_PAIRS):
        return pair
    countries = [_country_of(entity_id, known, gazetteer) for entity_id in pair]
    if countries[0] is None or countries[1] is None or countries[0] == countries[1]:
        return None
    return countries[0], countries[1]


def _country_of(entity_id: str, known: Callable[[str], Entity | None],
                gazetteer: Gazetteer) -> str | None:
    """The country entity an actor is, or belongs to."""
    entity = known(entity_id)
    if entity is None:
        return None
    if entity.type == EntityType.COUNTRY:
        return entity_id
    return gazetteer.country_entity(entity.country) if entity.country else None
