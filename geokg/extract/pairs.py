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


# The bodies that are a country's state itself: 'the Sudanese government' is Sudan.
STATE_BODIES = frozenset({"government", "administration", "cabinet", "authorities"})


def one_polity(source: Entity | None, target: Entity | None) -> bool:
    """Whether an act's source is a country and its target that country's own government
    ('Sudan' detaining 'the Sudanese government'): one actor, so no event between actors
    (a domestic group read as its country). Not the other way round: PLOVER codes a
    government's martial law or siege in its own country as aimed at the country."""
    return source is not None and target is not None and \
        source.type == EntityType.COUNTRY and target.type == EntityType.GOVERNMENT_BODY and \
        source.country is not None and source.country == target.country and \
        _state_body(target.name)


def _state_body(name: str) -> bool:
    """'Sudanese government', 'Biden administration'; not an agency ('Drug Enforcement
    Administration')."""
    words = name.lower().split()
    return len(words) == 2 and words[-1] in STATE_BODIES


# Acts of talk and give between actors: a state's own organ or official does none of them to
# its own country as a whole ('the Japanese government summoned the ambassador to Japan',
# 'the minister asked the regional officials'): such a target is a misread actor. Coercion,
# force and sanctions stay (a government's curfew on its own country is coded so).
TALK_CATEGORIES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "CONSULT", "REQUEST",
                             "COOPERATE", "CONCEDE", "AID", "PROTEST"})


def own_state(source: Entity | None, target: Entity | None, category: str | None,
              command: bool = False) -> bool:
    """Whether a talk or give act goes from a country's own government body or person to
    that very country, or a `command` ('ordered X to') goes to the source's own state organ
    (`own_command`): one side, not an event between actors."""
    return source is not None and target is not None and (
        category in TALK_CATEGORIES and target.type == EntityType.COUNTRY and
        _same_state(source, target) or command and own_command(source, target))


def _same_state(source: Entity, target: Entity) -> bool:
    """Whether a person or government body belongs to the target's country."""
    return source.country is not None and source.country == target.country and \
        source.type in {EntityType.PERSON, EntityType.GOVERNMENT_BODY}


def own_command(source: Entity, target: Entity) -> bool:
    """Whether an order from an official or a body goes to an organ of a state that is not
    another's ('the court ordered the police to release X', 'the president instructed the
    ministry to expel Y'): a command inside one side, since only a state's own officials and
    bodies order its organs; what the organ then does is the event. An order to the state
    itself ('ordered the government to ...') and one from another country's official stay."""
    known_countries = {source.country, target.country} - {None}
    return target.type == EntityType.GOVERNMENT_BODY and not _state_body(target.name) and \
        source.type in {EntityType.PERSON, EntityType.GOVERNMENT_BODY} and \
        len(known_countries) < 2
