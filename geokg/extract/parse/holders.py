"""The person a role phrase names: 'his Mexican counterpart Ana Ruiz', 'WHO representative
in Peru Ana Ruiz' (a title, then the name of the one who holds it). The role noun then stands
for that person, not for the country or body its modifiers name: the person acts, and is
acted on. Conversely, a government named after its leader ('Ana Ruiz's government') is the
leader's country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import slugify
from geokg.graph.model import Entity, EntityType

if TYPE_CHECKING:
    from geokg.extract.parse.memory import ArticleActors, SentenceActors

# 'representative in Peru Ana Ruiz': the parser often reads the name as the object of the
# title's place preposition, with the place as the name's compound.
PLACE_PREPS = {"in", "to", "at", "for"}


def _person(article: ArticleActors, token: Token, result: SentenceActors) -> str | None:
    """The person a token names: its own actor, else its name words' ('Ana Ruiz C': the
    parser's head is an initial the name did not cover)."""
    entity_id = result.by_token.get(token.i)
    if entity_id is None and token.pos_ == "PROPN":
        entity_id = next((result.by_token[c.i] for c in token.children
                          if c.dep_ == "compound" and c.i in result.by_token), None)
    return entity_id if article.type_of(entity_id) == EntityType.PERSON else None


def _misread_place(article: ArticleActors, obj: Token, person: str,
                   result: SentenceActors) -> bool:
    """Whether a named object starts with another actor's name read as its compound ('in
    Peru Ana Ruiz'): the title's place, then the holder's name."""
    return any(c.dep_ == "compound" and c.i < obj.i and result.by_token.get(c.i) not in {
        None, person} and article.type_of(result.by_token.get(c.i)) != EntityType.PERSON
        for c in obj.children)


def holder_named(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The person named right after a role noun: its appositive with no comma between
    ('counterpart Ana Ruiz'; a set-off one, 'the envoys, Ana Ruiz and ...', may list
    others), or a name read as its place's object ('representative in Peru Ana Ruiz')."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ == "appos" and child.left_edge.i == noun.i + 1 and not child.conjuncts \
                and _person(article, child, result):
            return _person(article, child, result)
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            for obj in child.children:
                person = _person(article, obj, result) if obj.dep_ == "pobj" else None
                if person and _misread_place(article, obj, person, result):
                    return person
    return None


OWNER_DEPS = {"amod", "compound", "poss", "nmod"}


def _title_country(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The country code the title's own words give ('his Mexican counterpart', 'a member
    of the Syrian parliament'); None when they name none."""
    owners = [c for c in noun.children if c.dep_ in OWNER_DEPS - {"poss"}]
    if noun.lower_ not in COUNTERPARTS:  # 'her Ugandan counterpart': the possessor's is
        owners += [c for c in noun.children if c.dep_ == "poss"]  # the other side
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    owners += [obj, *(c for c in obj.children if c.dep_ in OWNER_DEPS)]
    countries = (article.known(result.by_token.get(t.i)) for t in owners)
    return next((e.country for e in countries if e is not None and e.country), None)


def role_holders(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map every role noun that names its holder to that person, who belongs to the
    title's country when nothing else said which ('his Mexican counterpart Ana Ruiz')."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or _person(article, noun, result):
            continue
        person = holder_named(article, noun, result)
        if person is None:
            continue
        result.by_token[noun.i] = person
        local = article.entities.get(person)
        country = _title_country(article, noun, result)
        if local is not None and local.country is None and country:
            article.entities[person] = local.model_copy(update={"country": country})
        if noun.lower_ in COUNTERPARTS:
            _same_title(article, noun, person, result)


COUNTERPARTS = {"counterpart", "counterparts"}


def _possessor(article: ArticleActors, noun: Token, result: SentenceActors) -> str | None:
    """The person a noun's possessive names ('his counterpart': whose)."""
    owner = next((result.by_token.get(c.i) for c in noun.children if c.dep_ == "poss"), None)
    return owner if article.type_of(owner) == EntityType.PERSON else None


def _same_title(article: ArticleActors, noun: Token, person: str,
                result: SentenceActors) -> None:
    """'Foreign Minister A and her Ugandan counterpart B': B holds A's title in B's country
    (so that 'the Ugandan foreign minister' later is B)."""
    owner = _possessor(article, noun, result)
    entity = article.known(person)
    country = article.gazetteer.country_entity(entity.country) if entity else None
    if owner is None or country is None:
        return
    for title, holder in list(article.titles.items()):
        if holder == owner:
            article.held.setdefault((title, country), person)


def counterparts(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """'X accused his counterpart', no name said: the latest person named before of
    another known country than X's (the one X deals with), never X himself."""
    for noun in sentence:
        if noun.lower_ != "counterpart" or _person(article, noun, result) is not None:
            continue
        owner = article.known(_possessor(article, noun, result))
        if owner is None or not owner.country:
            continue
        other = next((c for c in reversed(article.recent) if c != owner.id and (
            (e := article.known(c)) is not None and e.type == EntityType.PERSON
            and e.country and e.country != owner.country)), None)
        if other is not None:
            result.by_token[noun.i] = other


BODY_KINDS = {EntityType.IGO, EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION,
              EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}


def named_bodies(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """'the UN's mission in the country, MONUSCO, condemned ...': a noun followed by the
    name of a body, set off by commas or brackets, is that body (not the possessor's, nor
    nothing)."""
    for noun in sentence:
        if noun.pos_ != "NOUN" or noun.i in result.by_token:
            continue
        for name in (c for c in noun.children if c.dep_ == "appos" and c.i > noun.i
                     and c.doc[c.left_edge.i - 1].text in {",", "("}):  # set off
            named = result.by_token.get(name.i) or _acronym_body(article, noun, name, result)
            if named is not None and article.type_of(named) in BODY_KINDS:
                result.by_token[noun.i] = result.by_token[name.i] = named
                _rebind(noun, named, result)
                break


def _rebind(noun: Token, named: str, result: SentenceActors) -> None:
    """A pronoun after a subject so named that was taken for the subject's possessor ('the
    UN's mission, MONUSCO, condemned what it called ...': it is the mission)."""
    owner = next((result.by_token.get(c.i) for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or noun.dep_ not in {"nsubj", "nsubjpass"}:
        return
    for index in result.pronouns:
        if index > noun.i and result.by_token.get(index) == owner:
            result.by_token[index] = named


def _acronym_body(article: ArticleActors, noun: Token, name: Token,
                  result: SentenceActors) -> str | None:
    """An acronym no one knew, set off after a noun ('the UN's mission, MONUSCO,'): a body
    of the possessor's kind (an intergovernmental one's mission is one too)."""
    text = name.text
    if name.pos_ != "PROPN" or not (text.isupper() and text.isalpha() and len(text) > 2) or \
            any(c.dep_ != "punct" for c in name.children):
        return None
    owner = next((result.by_token.get(c.i) for c in noun.children if c.dep_ == "poss"), None)
    kind = article.type_of(owner)
    kind = kind if kind in {EntityType.IGO, EntityType.GOVERNMENT_BODY} else \
        EntityType.ORGANIZATION
    owner_entity = article.known(owner)
    return article.add_entity(Entity(id=slugify(text), name=text, type=kind, country=(
        owner_entity.country if owner_entity is not None else None)))


LED_BODIES = {"government", "administration", "cabinet"}  # not a regime: its leader is meant


def _leader(article: ArticleActors, body: Token, result: SentenceActors) -> str | None:
    """The country of the leader a body is named after ('President Ana Ruiz's government',
    'the cabinet of President Ana Ruiz'), when the leader is named and their country known."""
    leaders = [c for c in body.children if c.dep_ == "poss" and c.pos_ != "PRON"]  # named:
    # 'X defended his administration' is X's own side, no act between actors
    leaders += [o for p in body.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"]
    for token in leaders:
        entity = article.known(result.by_token.get(token.i))
        if entity is not None and entity.type == EntityType.PERSON and entity.country:
            return article.gazetteer.country_entity(entity.country)
    return None


def led_bodies(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """Map a government named after its leader ('Xi Jinping's administration', 'the
    government of President X') to the leader's country; one the sentence already gave an
    actor of a known country keeps it."""
    for body in sentence:
        if body.pos_ != "NOUN" or body.lower_ not in LED_BODIES:
            continue
        before = article.known(result.by_token.get(body.i))
        if before is not None and before.country:
            continue
        country = _leader(article, body, result)
        if country is None:
            continue
        for token in [body, *(c for c in body.children if c.dep_ == "det")]:
            result.by_token[token.i] = country
