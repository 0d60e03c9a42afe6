"""Groups of people as actors: people no mention names who act together ('thousands of
students marched', 'a human rights group protested'), and a country's army facing an armed
group of its own country (its armed forces, not the country)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import slugify
from geokg.extract.mentions import GENERIC_BODIES, GENERIC_GROUPS, Mention
from geokg.graph.model import Entity, EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

GROUP_TYPES = {**GENERIC_GROUPS, **GENERIC_BODIES}


def demonym(article: ArticleActors, country_id: str | None) -> str:
    """'Taiwanese' for Taiwan (the country's name when it has no adjective)."""
    country = article.known(country_id)
    return next((d for d, c in article.gazetteer.demonyms.items() if c == country_id
                 and not d.endswith("s")), country.name if country else "")


ARMY_NOUNS = {"army": "army", "military": "military", "armed forces": "military",
              "soldiers": "military", "troops": "military"}  # -> the body's name
FORCES_NAMES = ("Armed Forces", "Army", "Defense Forces", "Defence Forces")
MODIFIER_DEPS = {"amod", "compound", "nmod"}  # 'military drills': no actor


DOMESTIC = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}
COMMANDED = {"army", "military", "armed forces"}  # facing an armed group: the named forces


def _forces_body(article: ArticleActors, country: Entity, noun: str | None) -> str | None:
    """The country's armed forces: the gazetteer's body ('Israel Defense Forces'), else a
    body named by its demonym and the text's noun ('Bolivian army', 'Malian military');
    None when the gazetteer has none and no noun is given."""
    known = next((e.id for e in article.gazetteer.entities.values()
                  if e.type == EntityType.GOVERNMENT_BODY and e.country == country.country
                  and any(name in e.name for name in FORCES_NAMES)), None)
    if known is not None or noun is None:
        return known
    name = f"{demonym(article, country.id)} {noun}"
    return article.add_entity(Entity(id=slugify(name), name=name,
                                     type=EntityType.GOVERNMENT_BODY, country=country.country))


def armed_forces(article: ArticleActors, mention: Mention, entity_id: str | None,
                 mentions: list[Mention]) -> str | None:
    """'the army and the RSF battled', 'talks between the Sudanese army and the RSF': a
    country's army facing an armed group of its own country is its armed forces (the
    gazetteer's body), not the country. None otherwise."""
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    country = article.known(entity_id)
    if noun not in COMMANDED or country is None or country.type != EntityType.COUNTRY:
        return None
    if not any(article.type_of(m.entity) == EntityType.ARMED_GROUP and
               (article.known(m.entity) or country).country == country.country
               for m in mentions if m.entity):
        return None
    return _forces_body(article, country, None)


def _clause_after(noun: Token) -> list[Token]:
    """The words after a subject noun in its clause ('[the army] detained the president
    and two ministers'); none when the noun is no subject (or no partitive subject's)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # 'a group of soldiers detained ...'
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    return [t for t in noun.head.subtree if t.i > noun.i]


def own_armies(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Once every actor of a sentence is known: an army still taken for its country that
    acts on a person, group or body of that country in its clause ('the army pressured
    the president to resign', 'a group of soldiers detained the prime minister and other
    government officials') is the country's armed forces: a country does not act on its
    own people, its army does (a coup, a crackdown). Not 'the president ordered the army'
    (the state's own command) nor 'the army struck X, the president said'; against others
    the army stays the country ('the army shelled Chad')."""
    for noun in sentence:
        country = article.known(result.by_token.get(noun.i))
        if noun.lower_ not in ARMY_NOUNS or noun.pos_ != "NOUN" or country is None or \
                country.type != EntityType.COUNTRY or noun.dep_ in MODIFIER_DEPS:
            continue
        acted_on = (article.known(result.by_token.get(t.i)) for t in _clause_after(noun))
        if any(e is not None and e.id != country.id and e.type in DOMESTIC
               and e.country == country.country for e in acted_on):
            result.by_token[noun.i] = _forces_body(article, country, ARMY_NOUNS[noun.lower_])


# Who keeps 'the government' a body beside them: a country's own people or organs ('workers
# struck against the government of Peru'); an opponent or a rebel force acts on the country
# ('the opposition leader asked the government for an inquiry', 'rebels accused the
# government of shelling them')
OWN_ORGANS = {EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}


def own_governments(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Once every actor of a sentence is known: 'the government' (of X), read as a body of
    its country, is that country unless a group or body of the sentence belongs to that
    country too ('urged the government of Chad to ...': Chad, as 'the Chadian government'
    is; 'workers struck against the government of Peru': the government, not its people's
    country)."""
    countries = {e.country for e in map(article.known, set(result.by_token.values()))
                 if e is not None and e.type in OWN_ORGANS
                 and not _generic_government(article, e)}
    for index, entity_id in list(result.by_token.items()):
        body = article.known(entity_id)
        if body is None or not _generic_government(article, body) or body.country in countries:
            continue
        country_id = article.gazetteer.country_entity(body.country)
        if country_id is not None:
            result.by_token[index] = country_id


def _generic_government(article: ArticleActors, entity: Entity) -> bool:
    """'Chadian government': the body the generic 'the government' was read as."""
    return entity.type == EntityType.GOVERNMENT_BODY and entity.id in article.typed and \
        entity.name.endswith(" government") and bool(entity.country)


PORTFOLIOS = {"foreign", "affairs", "defense", "defence", "interior", "health", "information",
              "finance", "justice", "economy", "trade", "energy", "home"}


def ministries(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """A ministry the text names by its portfolio ('the foreign ministry', 'the Sudanese
    information ministry') is that ministry of its country ('Chinese Foreign Ministry'),
    not any ministry of it."""
    for noun in sentence:
        body = article.known(result.by_token.get(noun.i))
        if noun.lower_ != "ministry" or body is None or body.id not in article.typed or \
                not body.country:
            continue
        words = sorted((t for c in noun.lefts if c.dep_ in {"amod", "compound"}
                        for t in c.subtree if t.lower_ in PORTFOLIOS), key=lambda t: t.i)
        if not words:
            continue
        country_id = article.gazetteer.country_entity(body.country)
        portfolio = " ".join(t.text.capitalize() for t in words)
        name = f"{demonym(article, country_id)} {portfolio} Ministry".strip()
        entity_id = article.add_entity(Entity(id=slugify(name), name=name,
                                              type=EntityType.GOVERNMENT_BODY,
                                              country=body.country))
        article.typed.add(entity_id)
        for token in [noun, *words]:
            result.by_token[token.i] = entity_id


# Nouns naming a group of people who may act together (besides the generic groups).
PEOPLE_NOUNS = {"people", "inhabitants", "residents", "villagers", "citizens", "civilians",
                "refugees", "doctors", "journalists", "lawyers", "teachers", "miners",
                "monks", "clerics", "tribesmen", "employees", "voters", "pilgrims",
                "migrants", "group", "groups", *GENERIC_GROUPS}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PLACE_PREPS = {"in", "of", "from", "throughout", "across"}


def _acting(token: Token, partitives: set[str]) -> bool:
    """Whether a noun is a clause's subject, a by-agent, the noun a verb hangs on ('a
    rights group protested'), or what a subject counts ('thousands of students marched')."""
    if token.dep_ in SUBJECT_DEPS or token.dep_ in {"appos", "ROOT"} and any(
            c.dep_ == "acl" and c.pos_ == "VERB" for c in token.children):
        return True
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "by" and prep.dep_ == "agent":
        return True
    counted = prep.head
    return prep.lower_ == "of" and counted.lower_ in partitives and _acting(counted, partitives)


def _acted_on_group(noun: Token) -> bool:
    """A group that acts as one, acted on ('kept dozens of student protesters behind bars',
    'was releasing 2,100 political prisoners'); plain people acted on are no actor."""
    return noun.lower_ in GENERIC_GROUPS and noun.dep_ in {"dobj", "pobj", "nsubjpass", "conj"}


def _people_name(noun: Token, result: SentenceActors) -> list[Token]:
    """The words that say which people a noun means ('human rights group', 'Druze
    inhabitants', 'university students'), without articles, numbers or moods ('angry')."""
    kept = []
    for child in noun.children:
        if child.i > noun.i or child.i in result.by_token:
            continue
        if child.dep_ == "compound" or (child.dep_ in {"amod", "nmod"} and child.text[0].isupper()
                                        and child.pos_ in {"PROPN", "ADJ"}):
            kept += [t for t in child.subtree if t.dep_ in {"compound", "amod"} or t is child]
    return sorted(kept, key=lambda t: t.i)


def _people_country(article: ArticleActors, noun: Token, result: SentenceActors
                    ) -> str | None:
    """The country a group of people belongs to: its demonym ('Egyptian students') or the
    country of the place after it ('groups in Zimbabwe', 'inhabitants of the Syrian Golan')."""
    places = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}]
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    places += [obj, *(c for c in obj.children if c.dep_ in {"amod", "compound"})]
    for place in places:
        entity = article.known(result.by_token.get(place.i))
        if entity is not None and entity.country and entity.type in {
                EntityType.COUNTRY, EntityType.LOCATION}:
            return article.gazetteer.country_entity(entity.country)
    return None


def people(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Groups of people no mention named, as actors of what they do ('tens of thousands
    of university students throughout Indonesia marched', 'a human rights group
    protested'): named by their own words and their country's demonym."""
    for noun in sentence:
        if noun.i in result.by_token or noun.pos_ != "NOUN" or noun.lower_ not in PEOPLE_NOUNS:
            continue
        if not (_acting(noun, article.words.partitives) or _acted_on_group(noun)):
            continue
        words = _people_name(noun, result)
        if noun.lower_ in {"group", "groups"} and not words:
            continue  # 'the group': says nothing of who they are
        country_id = _people_country(article, noun, result)
        named = " ".join(t.text if t.text[0].isupper() and (t.i > sentence.start or t.ent_type_)
                         else t.lower_
                         for t in [*words, noun])
        name = f"{demonym(article, country_id)} {named}".strip() if country_id and not any(
            result.by_token.get(t.i) == country_id for t in words) else named
        country = article.known(country_id)
        entity_id = article.add_entity(Entity(
            id=slugify(name), name=name, type=GROUP_TYPES.get(noun.lower_,
                                                              EntityType.ORGANIZATION),
            country=country.country if country else None))
        article.typed.add(entity_id)
        for token in [*words, noun]:
            result.by_token[token.i] = entity_id
