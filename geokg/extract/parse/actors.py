"""Actors of a parsed sentence: which token stands for which entity.

Mentions come from the shared `MentionFinder` (gazetteer names, titles, roles, demonym groups,
pronouns) and are resolved here against the article so far; spaCy's named entities add the
actors the gazetteer does not know (PERSON -> Person, GPE -> Location, ORG typed by cue words).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.gazetteer import Gazetteer, slugify
from geokg.extract.mentions import (
    GENERIC_BODIES,
    GENERIC_GROUPS,
    GENERIC_STATE,
    Found,
    Mention,
)
from geokg.extract.pairs import pair_meant
from geokg.extract.parse import tree
from geokg.extract.parse.backed import leader_stem, unbacked
from geokg.extract.parse.described import described
from geokg.extract.parse.doers import doers
from geokg.extract.parse.domestic import domestic_country
from geokg.extract.parse.facilities import facility_forces
from geokg.extract.parse.groups import (
    GROUP_TYPES,
    armed_forces,
    demonym,
    ministries,
    own_armies,
    own_governments,
    people,
)
from geokg.extract.parse.halves import halves
from geokg.extract.parse.holders import (
    counterparts,
    led_bodies,
    named_bodies,
    role_holders,
)
from geokg.extract.parse.members import owned_members
from geokg.extract.parse.memory import ArticleActors, SentenceActors
from geokg.extract.parse.names import whole_names
from geokg.extract.parse.operations import operation_name
from geokg.extract.parse.places import places
from geokg.extract.parse.words import Words
from geokg.graph.model import Entity, EntityType

NON_PERSON = {EntityType.COUNTRY, EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION,
              EntityType.IGO, EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}
FIRST_PERSON = {"i", "me", "my"}


def coordinated_owners(token: Token, result: SentenceActors) -> list[str]:
    """'his Israeli, Palestinian and Egyptian counterparts', 'Hungarian and Romanian
    positions', 'officials from A, B and C': the actors of a noun's coordinated modifiers or
    place phrase (none when the noun names another actor itself or nothing is coordinated)."""
    if token.pos_ != "NOUN":
        return []
    own = result.by_token.get(token.i)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.conjuncts and (
                        own is None or result.by_token.get(obj.i) in {own, None}):
                    owners = [result.by_token.get(t.i) for t in (obj, *obj.conjuncts)]
                    return list(dict.fromkeys(o for o in owners if o))
    if own is not None:
        return []
    for modifier in token.children:
        if modifier.dep_ in {"amod", "compound", "nmod"} and modifier.conjuncts:
            owners = [result.by_token.get(t.i) for t in (modifier, *modifier.conjuncts)]
            return list(dict.fromkeys(o for o in owners if o))
    return []


OWNER_PREPS = {"from", "of", "in"}


def _pronoun(article: ArticleActors, mention: Mention, taken: list[str]) -> str | None:
    """He/she -> the latest person; it/its -> the latest non-person body; they -> a body."""
    text = mention.text.lower()
    if text in FIRST_PERSON or mention.kind == "speaker":  # also a quoted 'we' (quotes.py)
        return article.speaker
    for candidate in reversed(article.recent + taken):
        if _fits(article, mention, candidate):
            return candidate
    return None


def _fits(article: ArticleActors, mention: Mention, candidate: str | None) -> bool:
    """Whether a pronoun may stand for an actor: he/she for a person, it/they for a body."""
    kind = article.type_of(candidate)
    if kind is None or kind == EntityType.LOCATION:
        return False
    return (kind == EntityType.PERSON) == (mention.pronoun_class == "person")


def _subject_pronoun(article: ArticleActors, mention: Mention, is_subject: bool,
                     taken: list[str]) -> str | None:
    """A pronoun subject that opens its clause continues the previous sentence's subject
    ('The ministry condemned ..., saying China ... . It demanded ...' -> the ministry, not
    the more recent China), when that subject fits it."""
    if not is_subject or mention.kind != "pronoun" or taken or mention.possessive:
        return None
    previous = article.last_subject
    return previous if _fits(article, mention, previous) else None


def _governing_subject(article: ArticleActors, mention: Mention, inside: list[Token],
                       result: SentenceActors) -> str | None:
    """A pronoun subject of an adverbial clause stands for the subject of the clause it
    modifies, when that fits it ('X kept attacking Y even as they held talks': X, not a
    more recent Y)."""
    if mention.kind != "pronoun" or mention.possessive:
        return None
    pronoun = next((t for t in inside if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if pronoun is None or pronoun.head.dep_ != "advcl":
        return None
    subject = tree.subject(pronoun.head.head)
    found = result.by_token.get(subject.i) if subject is not None else None
    return found if _fits(article, mention, found) else None


def _typed_group(article: ArticleActors, noun: str, country_id: str | None) -> str:
    """'Syrian rebels', 'Georgian police' -> a typed group or body of that country (a body
    the article names with its country is that body when named alone later: 'police')."""
    kind = GROUP_TYPES.get(noun, EntityType.ORGANIZATION)
    country = article.known(country_id)
    if noun in GENERIC_BODIES and country is not None and country.type == EntityType.COUNTRY:
        article.body_country.setdefault(noun, country.id)
    name = f"{demonym(article, country_id)} {noun}".strip()
    entity_id = article.add_entity(Entity(id=slugify(name), name=name, type=kind,
                                          country=country.country if country else None))
    article.typed.add(entity_id)
    return entity_id


MILITARY_RULE = {"army", "military", "junta", "regime"}
# A ruling or armed body whose country the text never says is still an actor, named by its
# noun ('the army alleges fraud', 'we call on the military to release ...').
UNPLACED_RULERS = {"army", "military", "junta"}
ABBREVIATED_TITLES = {"gen.": "general", "sen.": "senator", "gov.": "governor",
                      "rep.": "representative", "col.": "colonel", "lt.": "lieutenant"}


def _recent_of(article: ArticleActors, taken: list[str], kinds: set[EntityType],
               avoid: frozenset[str] = frozenset()) -> str | None:
    return next((c for c in reversed(article.recent + taken)
                 if article.type_of(c) in kinds and c not in avoid), None)


def _people_country_of(article: ArticleActors, taken: list[str], avoid: frozenset[str]
                       ) -> str | None:
    """The country of the latest person named whose country is known, when the article
    named no country ('President Nicolás Maduro ... the government'); not the country of
    the sentence's subject ('Trudeau condemned the military': another country's)."""
    for candidate in reversed(article.recent + taken):
        if candidate in avoid:
            return None
        entity = article.known(candidate)
        if entity is not None and entity.type == EntityType.PERSON and entity.country:
            return article.gazetteer.country_entity(entity.country)
    return None


def _generic(article: ArticleActors, mention: Mention, taken: list[str],
             neighbour: Mention | None, avoid: frozenset[str] = frozenset(),
             later: tuple[str, ...] = ()) -> str | None:
    """'the government', 'police', 'the militants': the body of the country in context (one
    the sentence names after it, 'the army seized power in Niamey'; the one this body
    belonged to before; the latest country not the sentence's subject), a group the article
    named ('al-Shabab militants' -> al-Shabab), or a typed group."""
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    if neighbour is not None and (_guessed_group(article, neighbour.entity, noun) or
                                  article.type_of(neighbour.entity) in NON_PERSON - {
            EntityType.COUNTRY}):
        return neighbour.entity  # 'Hezbollah guerrillas', 'Red Cross officials'
    if GROUP_TYPES.get(noun) == EntityType.ARMED_GROUP and not mention.role_country:
        named = _recent_of(article, taken, {EntityType.ARMED_GROUP}, frozenset(article.typed))
        if named:
            return named  # '(the) militants' after 'al-Shabab attacked ...'
    ruling = "military" if noun in MILITARY_RULE else noun
    country = (mention.role_country or next(iter(later), None)
               or article.body_country.get(ruling)
               or _recent_of(article, taken, {EntityType.COUNTRY}, avoid)
               or article.first_country or _people_country_of(article, taken, avoid))
    if country and ruling in {"military", "government"}:
        article.body_country.setdefault(ruling, country)
    if noun in GROUP_TYPES:
        return _typed_group(article, noun, country)
    if country is None and noun in UNPLACED_RULERS:
        return _body_entity(article, noun, EntityType.GOVERNMENT_BODY, noun, None)
    return country if noun in GENERIC_STATE else None


GUESSED = {EntityType.PERSON, EntityType.ORGANIZATION}


def _guessed_group(article: ArticleActors, entity_id: str | None, noun: str) -> bool:
    """'Abu Sayyaf gunmen', 'YPG militants': a name the article guessed to be a person's or
    an organization's, right before an armed group's noun, is that armed group's (retyped
    so: later 'the militants' are it)."""
    entity = article.entities.get(entity_id or "")
    if entity is None or entity.type not in GUESSED or \
            GROUP_TYPES.get(noun) != EntityType.ARMED_GROUP:
        return False
    article.entities[entity.id] = entity.model_copy(update={"type": EntityType.ARMED_GROUP})
    return True


def resolve_mention(article: ArticleActors, mention: Mention, taken: list[str],
                    neighbour: Mention | None = None, avoid: frozenset[str] = frozenset(),
                    later: tuple[str, ...] = ()) -> str | None:
    """The entity a mention names, given the article so far, the sentence's earlier ones and
    the mention right before it (`neighbour`, when only spaces part them); a generic body
    in an object is not taken to belong to the sentence's subject (`avoid`: 'Paris refused
    to recognize the junta')."""
    kind = mention.kind
    if kind == "pronoun" or kind == "speaker" or mention.text.lower() in FIRST_PERSON:
        return _pronoun(article, mention, taken)
    if kind == "role":
        role = (mention.role or "").lower()
        if role == "government" and mention.role_country:
            return mention.role_country
        if mention.role_country:
            held = article.held.get((role, mention.role_country))
            if held:  # 'the Ugandan foreign minister' after 'Ugandan Foreign Minister X'
                return held
            country = article.gazetteer.entities.get(mention.role_country)
            iso = country.country if country else None
            return article.gazetteer.holder(iso, role, article.published) or (
                mention.role_country)  # an official the article never names: his country
        if role in article.titles:
            return article.titles[role]
        for candidate in reversed(article.recent + taken):
            if article.type_of(candidate) == EntityType.PERSON and any(
                    o.role.lower() == role for o in article.gazetteer.offices_of(candidate)):
                return candidate
        return None
    if kind == "anaphor" and mention.role == "igo":
        return _recent_of(article, taken, {EntityType.IGO})
    if kind == "group" and mention.role in GROUP_TYPES:
        return _typed_group(article, mention.role, mention.entity)
    if kind == "generic":
        return _generic(article, mention, taken, neighbour, avoid, later)
    if kind in {"name", "title", "group", "capital", "place"}:
        entity_id = article.canonical(mention.entity) if mention.entity else None
        led = leader_stem(mention.text, article.words.leader_suffixes)
        entity_id = article.gazetteer.surface.get(led, entity_id) if led != mention.text \
            else entity_id  # 'Nusra Front-led rebels': the Nusra Front's
        if mention.role and article.type_of(entity_id) == EntityType.PERSON:
            title = mention.role.lower()
            title = ABBREVIATED_TITLES.get(title, title)
            article.titles[title] = entity_id
            if mention.role_country and entity_id:
                article.held[(title, mention.role_country)] = entity_id
        return entity_id
    return None


def own_names(found: Found, gazetteer: Gazetteer) -> Found:
    """Names the finder took with their possessive ('Prime Minister Benjamin Netanyahu's
    office') lose it: the person is Benjamin Netanyahu (the gazetteer's, when it knows him)."""
    renamed: dict[str, str] = {}
    kept: list[Entity] = []
    for entity in found.new_entities:
        bare = entity.name.removesuffix("'s").removesuffix("’s")
        if bare == entity.name:
            kept.append(entity)
            continue
        renamed[entity.id] = gazetteer.surface.get(bare) or slugify(bare)
        if renamed[entity.id] not in gazetteer.entities:
            kept.append(entity.model_copy(update={"id": renamed[entity.id], "name": bare}))
    found.new_entities = kept
    for mention in found.mentions:
        mention.entity = renamed.get(mention.entity or "", mention.entity)
    return found


def _org_type(name: str, words: Words) -> EntityType:
    lowered = f" {name.lower()} "
    for type_name, cues in words.org_cues.items():
        if any(f" {cue} " in lowered for cue in cues):
            return EntityType(type_name)
    return EntityType.ORGANIZATION


def _named_entity(article: ArticleActors, span: Span) -> str | None:
    """An actor from spaCy NER when the gazetteer did not know it."""
    name = span.text.strip()
    for prefix in ("the ", "The "):
        name = name.removeprefix(prefix)
    for suffix in ("'s", "’s", "'", "’"):  # "the European Community's" (NER keeps the 's)
        name = name.removesuffix(suffix).rstrip()
    name = leader_stem(name, article.words.leader_suffixes)
    if len(name) < 2 or not any(c.isupper() for c in name) or operation_name(
            name, article.words.operation_words):
        return None
    known = article.gazetteer.surface.get(name)
    if known:
        return known
    if " " not in name and article.person_named(name):  # 'welcomed by Isaias' (read as a
        return article.person_named(name)  # place) after 'President Isaias Afwerki'
    entity_id = slugify(name)
    if entity_id in article.entities:
        return article.canonical(entity_id)
    if span.label_ == "PERSON":
        kind = EntityType.PERSON
    elif span.label_ == "GPE":
        kind = EntityType.LOCATION
    elif span.label_ == "ORG":
        kind = _org_type(name, article.words)
    elif span.label_ == "NORP":
        country = article.gazetteer.demonyms.get(name) or article.gazetteer.demonyms.get(
            name.rstrip("s"))
        return country
    else:
        return None
    return article.add_entity(Entity(id=entity_id, name=name, type=kind))


OWNER_DEPS = {"poss", "amod", "compound", "nmod"}
BODY_WORDS = {"amod", "compound"}


def _head(inside: list[Token], heads: dict[int, int]) -> Token | None:
    """The syntactic head of a mention's tokens (the one no other of them governs), walked
    up `heads` (each token's head, by index: `heads_of`)."""
    at = {t.i for t in inside}
    for token in inside:
        node, above = token.i, heads.get(token.i, token.i)
        while above != node and above not in at:
            node, above = above, heads.get(above, above)
        if above == node:
            return token
    return None


def heads_of(sentence: Span) -> dict[int, int]:
    """The index of each token's head, by the token's index."""
    return {token.i: token.head.i for token in sentence}


def _owner(article: ArticleActors, head: Token, result: SentenceActors
           ) -> tuple[Token, str | None] | None:
    """The possessor or modifier before a body that names whose it is ('Taiwan's foreign
    ministry', 'the Russian foreign ministry'): its token and actor (None for a place the
    article does not know as an actor, 'Gaza's health ministry')."""
    for child in head.children:
        if child.dep_ not in OWNER_DEPS or child.i >= head.i:
            continue
        if _partisan(child):
            return child, None  # 'pro-Russian separatists' are no Russian body
        owner = result.by_token.get(child.i) or article.gazetteer.demonyms.get(child.text)
        if owner:
            return child, owner
        if child.dep_ == "poss" and child.pos_ == "PROPN" and child.ent_type_ in {"GPE", "LOC"}:
            return child, None
    return None


PARTISAN = {"pro", "anti"}


def _partisan(token: Token) -> bool:
    """'pro-Russian', 'anti-Western': a demonym after 'pro-' or 'anti-' names a side taken."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and \
        doc[token.i - 2].lower_ in PARTISAN


def _body_entity(article: ArticleActors, name: str, kind: EntityType, surface: str,
                 country_id: str | None) -> str:
    """An article-local body named `name`, also known as written ('Taiwan's ministry')."""
    country = article.known(country_id)
    aliases = [surface] if surface != name else []
    return article.add_entity(Entity(id=slugify(name), name=name, type=kind, aliases=aliases,
                                     country=country.country if country else None))


def _owned(article: ArticleActors, mention: Mention, head: Token | None,
           result: SentenceActors) -> str | None:
    """A body its possessor or modifier owns: a body of that country ('Taiwan's foreign
    ministry' -> the Taiwanese foreign ministry, never another country's); a body or group
    named by an organization's possessive is that organization ('the AU's Council', 'Hamas's
    military wing'). None when no owner is said (the mention resolves as usual)."""
    found = _owner(article, head, result) if head is not None else None
    if found is None or mention.kind not in {"generic", "name"}:
        return None
    token, owner = found
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    if _partisan(token) and mention.kind == "generic":  # 'pro-Russian forces': a side's own
        name = f"{token.doc[token.i - 2].lower_}-{token.text} {noun}"
        return _body_entity(article, name, GROUP_TYPES.get(noun, EntityType.ARMED_GROUP), name,
                            None)
    owner_kind = article.type_of(owner)
    if owner and owner_kind != EntityType.COUNTRY:
        named = article.type_of(mention.entity)
        if owner_kind in NON_PERSON and (mention.kind == "generic" or named == EntityType.IGO):
            return owner
        return None
    if mention.kind != "generic" or noun not in GROUP_TYPES or noun == "government":
        return owner if mention.kind == "generic" and noun in GENERIC_STATE else None
    words = [t.text for t in head.children if t.dep_ in BODY_WORDS and token.i < t.i < head.i
             and t.i not in result.by_token]
    surface = head.doc[token.i: head.i + 1].text
    if owner is None:
        name = " ".join([token.text, *words, noun])
        return _body_entity(article, name, GROUP_TYPES[noun], surface, None)
    adjective = demonym(article, owner)
    name = " ".join([adjective, *words, noun])
    return _body_entity(article, name, GROUP_TYPES[noun], surface, owner)


PLACE_NOUNS = {"region", "province", "state", "district", "area", "territory", "enclave"}


def _place_of(article: ArticleActors, token: Token) -> tuple[str, str | None] | None:
    """The named place a phrase after 'in' names, not a country ('Ethiopia's northern Tigray
    region' -> Tigray in Ethiopia; 'Darfur'), with the country it lies in when said."""
    if token.lemma_.lower() in PLACE_NOUNS:
        names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        country = next((article.gazetteer.surface.get(c.text) for c in token.children
                        if c.dep_ == "poss"), None)
        return (" ".join(c.text for c in names), country) if names else None
    if token.pos_ == "PROPN" and token.ent_type_ in {"GPE", "LOC"}:
        name = next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)
        name = name.removeprefix("the ").removeprefix("The ")
        known = article.gazetteer.surface.get(name)
        if article.type_of(known) not in {EntityType.COUNTRY, *NON_PERSON}:
            return name, None
    return None


def _located(article: ArticleActors, mention: Mention, inside: list[Token]) -> str | None:
    """'rebels in Ethiopia's northern Tigray region', 'militants in Darfur': a group named
    after the place it is in (the Tigray rebels), not a country's group."""
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    if mention.kind != "generic" or noun not in GENERIC_GROUPS or not inside:
        return None
    after = inside[-1].nbor() if inside[-1].i + 1 < len(inside[-1].doc) else None
    if after is None or after.lower_ != "in":
        return None
    place = next((p for t in after.children if t.dep_ == "pobj"
                  if (p := _place_of(article, t)) is not None), None)
    if place is None:
        return None
    name = f"{place[0]} {noun}"
    return _body_entity(article, name, GENERIC_GROUPS[noun], name, place[1])


AFFILIATION = {"with", "from", "of"}


def _affiliated(article: ArticleActors, mention: Mention, head: Token | None,
                after: list[tuple[Mention, list[Token], Token | None]]) -> str | None:
    """'Fighters with the al-Shabab extremist group', 'militants from Hamas': a generic
    group of a named body, group or organization is that body (not the country in
    context); the name is the preposition's object or a word before it."""
    if head is None or mention.kind != "generic":
        return None
    span = {t.i for prep in head.children if prep.dep_ == "prep" and prep.lower_ in AFFILIATION
            for obj in prep.children if obj.dep_ == "pobj"
            for t in obj.subtree if t.i <= obj.i}
    return next((article.canonical(m.entity) for m, tokens, _ in after
                 if m.kind == "name" and m.entity and any(t.i in span for t in tokens)
                 and article.type_of(m.entity) in NON_PERSON - {EntityType.COUNTRY}), None)


def _bound(article: ArticleActors, mention: Mention, inside: list[Token],
           result: SentenceActors) -> str | None:
    """A possessive pronoun in a clause is bound by the clause's subject when it fits
    ('France threatened to pull its troops out of Mali': France's troops); the subject's
    own when that subject is coordinated ('A and B led their delegations': '' - no actor
    outside the pair). None when the clause's subject does not decide it."""
    if not mention.possessive or not inside:
        return None
    verb = next((a for a in inside[0].ancestors if a.pos_ in {"VERB", "AUX"}), None)
    while verb is not None and verb.dep_ in {"xcomp", "conj"} and not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # 'threatened to pull its troops': the subject of 'threatened'
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None) \
        if verb is not None else None
    if subject is None or subject.i > inside[0].i:
        return None
    if subject.conjuncts and mention.text.lower() == "their":
        return ""
    owner = result.by_token.get(subject.i)
    return owner if owner and _fits(article, mention, owner) else None


def _tokens(sentence: Span, base: int, mention: Mention) -> list[Token]:
    """The tokens a mention covers (the sentence's own token objects)."""
    span = sentence.doc.char_span(base + mention.start, base + mention.end,
                                  alignment_mode="expand")
    if span is None:
        return []
    tokens = list(sentence)
    return tokens[span.start - sentence.start: span.end - sentence.start]


def _resolve_mentions(article: ArticleActors, sentence: Span, mentions: list[Mention],
                      result: SentenceActors) -> tuple[list[str], set[int]]:
    """Resolve each mention in order (earlier ones help later ones); the actors taken and
    the tokens the mentions cover."""
    base = sentence.start_char
    taken: list[str] = []
    covered: set[int] = set()
    previous: Mention | None = None
    subjects: list[str] = []
    heads = heads_of(sentence)
    read = [(m, inside, _head(inside, heads))
            for m, inside in ((m, _tokens(sentence, base, m)) for m in mentions)]
    read = [(m, inside, head) for m, inside, head in read if not (
        _inside_longer_name(m, inside) or _demonym_of_a_name(m, inside)
        or _names_currency(head) or (m.kind == "name" and operation_name(
            m.text, article.words.operation_words)))]
    mentions = [m for m, _, _ in read]
    for position, (mention, inside, head) in enumerate(read):
        mention, backer = unbacked(mention, inside, article.words.backer_suffixes,
                                  result.by_token)
        countries = [(m.entity, _acted_on(other, head)) for m, _, other in read[position + 1:]
                     if m.entity and m.kind in {"name", "capital", "place"}
                     and article.type_of(m.entity) == EntityType.COUNTRY]
        agents = _agents(head, read[position + 1:])
        later = tuple(entity for entity, aimed in countries if not aimed and entity not in agents)
        later = (domestic,) if (domestic := domestic_country(article, mention, inside)) else later
        neighbour = previous if previous is not None and previous.entity and not \
            sentence.text[previous.end: mention.start].strip() else None
        host = _host_country(article, mention, neighbour, inside)
        if host is not None:
            mention.entity = mention.role_country = host
        is_subject = any(t.dep_ in {"nsubj", "nsubjpass"} for t in inside)
        avoid = frozenset(entity for entity, aimed in countries if aimed) | (
            frozenset() if is_subject else frozenset(subjects)) | agents | {backer} - {None}
        bound = _bound(article, mention, inside, result)
        entity_id = bound if bound is not None else (
            _owned(article, mention, head, result)
            or _located(article, mention, inside)
            or _affiliated(article, mention, head, read[position + 1:])
            or _governing_subject(article, mention, inside, result)
            or _subject_pronoun(article, mention, is_subject, taken)
            or resolve_mention(article, mention, taken, neighbour, avoid, later)) or None
        entity_id = armed_forces(article, mention, entity_id, mentions) or entity_id
        entity_id = _kind_named(article, mention, inside, entity_id, result) or entity_id
        if mention.kind == "generic":  # 'YPG militants' (resolved as their owner's)
            _guessed_group(article, entity_id, (mention.role or "").lower())
        previous = mention
        if entity_id and is_subject:
            subjects.append(entity_id)
        covered.update(t.i for t in inside)
        if mention.kind == "pair" and _pair_fits(article, mention) or _both_of_pair(
                article, mention, is_subject):
            result.pairs.update(t.i for t in inside)
        if entity_id is None:
            continue
        _place(result, mention, entity_id, inside)
        taken.append(entity_id)
    return taken, covered


def _agents(head: Token | None, after: list[tuple[Mention, list[Token], Token | None]]
            ) -> frozenset[str]:
    """The actors named in the agent of a passive verb whose subject is this mention (its
    head; 'three fighters were killed by Turkish airstrikes'): those the subject does not
    belong to."""
    while head is not None and head.dep_ == "conj":  # 'six civilians and three fighters'
        head = head.head
    if head is None or head.dep_ != "nsubjpass":
        return frozenset()
    agent = next((c for c in head.head.children if c.dep_ == "agent"), None)
    if agent is None:
        return frozenset()
    span = range(agent.left_edge.i, agent.right_edge.i + 1)
    return frozenset(m.entity for m, tokens, _ in after
                     if m.entity and any(t.i in span for t in tokens))


def _kind_named(article: ArticleActors, mention: Mention, inside: list[Token],
                entity_id: str | None, result: SentenceActors) -> str | None:
    """'Shiite militias', 'Gulf Arab soldiers', 'Tamil rebels': a generic group whose
    capitalized modifiers name a people, faction or place no actor stands for (spaCy's
    labels for them vary: 'Tamil' is often a PERSON) is a group of that name (in the
    country the group's noun alone resolved to), not the country's own."""
    if mention.kind != "generic" or not inside or inside[0].i == inside[0].sent.start:
        return None
    noun = (mention.role or mention.text).lower().removeprefix("the ")
    words: list[Token] = []
    at = inside[0].i - 1
    while at >= inside[0].sent.start and inside[0].doc[at].text[:1].isupper() and \
            inside[0].doc[at].dep_ in OWNER_DEPS and at not in result.by_token:
        words.insert(0, inside[0].doc[at])
        at -= 1
    kind = GROUP_TYPES.get(noun) or (EntityType.ARMED_GROUP if noun in FIGHTERS else None)
    if kind is None or not words or any(
            w.text in article.gazetteer.demonyms or w.ent_type_ not in NAMING_LABELS
            for w in words):
        return None
    country = article.known(entity_id)
    name = " ".join([*(w.text for w in words), noun])
    return _body_entity(article, name, kind, name,
                        article.gazetteer.country_entity(country.country) if country else None)


NAMING_LABELS = {"NORP", "PERSON", "LOC", "GPE", "ORG", "FAC"}
FIGHTERS = {"troops", "soldiers", "forces"}
AIMED_PREPOSITIONS = {"against", "on", "with", "to", "at"}


def _acted_on(head: Token | None, subject: Token | None) -> bool:
    """Whether a later country (the head of its mention) is what the clause of a body (the
    head of its, the subject) acts on ('the ministry demanded Japan explain', 'the ministry
    protested to Japan'), not where it acts ('the army seized power in Niamey'): then it is
    not the body's own country."""
    if head is None or subject is None or subject.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    while head.dep_ in OWNER_DEPS and head.head.i > head.i:  # 'attacked the US embassy'
        head = head.head
    verbs = {subject.head.i, *(c.i for c in subject.head.conjuncts)}  # 'demanded ... and urged'
    if head.dep_ in {"dobj", "dative"}:
        return head.head.i in verbs
    if head.dep_ in {"nsubj", "nsubjpass"}:
        return head.head.dep_ in {"ccomp", "xcomp"} and head.head.head.i in verbs
    return head.dep_ == "pobj" and head.head.lower_ in AIMED_PREPOSITIONS and \
        head.head.head.i in verbs


def _inside_longer_name(mention: Mention, inside: list[Token]) -> bool:
    """A capital's name inside a longer place name ('Lower Juba region', 'Middle
    Shabelle'): a capitalized word of the same name comes right before it."""
    if mention.kind not in {"capital", "place"} or not inside:
        return False
    first = inside[0]
    if first.i == first.sent.start:
        return False
    before = first.doc[first.i - 1]
    return before.text[0].isupper() and before.head == first and before.dep_ in {
        "compound", "amod"} and (before.pos_ == "PROPN" or before.ent_type_ == first.ent_type_
                                 != "")


def _host_country(article: ArticleActors, mention: Mention, neighbour: Mention | None,
                  inside: list[Token]) -> str | None:
    """'Kosovo Albanians', 'Kosovar Albanian police': a people named by the country they
    live in and their own demonym belong to the first; None when no country comes first."""
    if mention.kind != "group" or not inside or inside[0].i == inside[0].sent.start:
        return None
    if neighbour is not None and article.type_of(neighbour.entity) == EntityType.COUNTRY:
        return neighbour.entity if neighbour.entity != mention.entity else None
    before = inside[0].doc[inside[0].i - 1]
    host = article.gazetteer.demonyms.get(before.text)
    return host if host and host != mention.entity and before.dep_ in {
        "amod", "compound"} and before.head.i >= inside[0].i else None


CURRENCIES = {"dollar", "euro", "pound", "yuan", "yen", "rupee", "ruble", "rouble", "peso",
              "franc", "lira", "rand", "shekel", "dinar", "riyal"}


def _names_currency(head: Token | None) -> bool:
    """'5 billion U.S. dollars', 'Hong Kong dollars': a country naming a currency (the head
    of its mention) is no actor (nor what a later 'it' stands for)."""
    return head is not None and _currency_word(head)


def _currency_word(token: Token) -> bool:
    return token.dep_ in {"compound", "nmod", "amod"} and token.head.lemma_.lower() in CURRENCIES


CLAUSE_WORDS = {"that", "which", "who", "whom", "the", "a", "an"}


def _demonym_of_a_name(mention: Mention, inside: list[Token]) -> bool:
    """A demonym that is no country's people: a word of a place's name ('the Indian
    Ocean'), or read across a clause ('told VOA Somali that the attackers ...')."""
    if mention.kind != "group" or not inside:
        return False
    first = inside[0]
    span = next((e for e in first.doc.ents if e.start <= first.i < e.end), None)
    return (span is not None and span.label_ == "LOC") or any(
        t.lower_ in CLAUSE_WORDS for t in inside[1:])


def _place(result: SentenceActors, mention: Mention, entity_id: str,
           inside: list[Token]) -> None:
    """Map a resolved mention's tokens to its actor."""
    mention.entity = entity_id
    if mention.former:
        result.former.add(entity_id)
    for token in inside:
        result.by_token[token.i] = entity_id
        if mention.kind in {"pronoun", "speaker"}:
            result.pronouns.add(token.i)


DEFINITE_KINDS = {
    "bloc": {EntityType.IGO}, "alliance": {EntityType.IGO}, "union": {EntityType.IGO},
    "organization": {EntityType.IGO, EntityType.ORGANIZATION},
    "organisation": {EntityType.IGO, EntityType.ORGANIZATION},
    "group": {EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP, EntityType.ORGANIZATION},
    "movement": {EntityType.ARMED_GROUP, EntityType.ORGANIZATION},
    "militia": {EntityType.ARMED_GROUP}, "cartel": {EntityType.CRIMINAL_GROUP},
}
# Kinds a definite description names first when the article has one in memory: 'the group'
# after an armed group is it, though an organization was named since ('Boko Haram attacked
# ... Amnesty International said ... The group claimed responsibility').
DEFINITE_FIRST = {"group": {EntityType.ARMED_GROUP, EntityType.CRIMINAL_GROUP}}


def _definites(article: ArticleActors, sentence: Span, result: SentenceActors,
               taken: list[str]) -> None:
    """'The bloc has imposed sanctions', 'the group claimed responsibility': a
    definite description of a kind of actor is the latest actor of that kind named before
    it (not one this sentence names elsewhere: 'the AU urged the bloc' is another bloc)."""
    for token in sentence:
        kinds = DEFINITE_KINDS.get(token.lower_)
        if kinds is None or token.i in result.by_token or any(
                c.dep_ in {"amod", "compound", "poss"} for c in token.children) or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue  # 'the group of seven': says itself what it is
        found = _recent_of(article, [], DEFINITE_FIRST.get(token.lower_, kinds),
                           frozenset(taken)) or _recent_of(article, [], kinds, frozenset(taken))
        if found:
            result.by_token[token.i] = found
            for det in token.children:
                if det.dep_ == "det":
                    result.by_token[det.i] = found


def _coup_leaders(article: ArticleActors, sentence: Span, result: SentenceActors,
                  taken: list[str]) -> None:
    """'the coup leaders', 'the coup makers': those who seized power, the country's ruling
    military as 'the junta' is (its country: the one its military was named with, else
    the latest country named)."""
    for token in sentence:
        if token.lower_ not in {"leaders", "makers"} or token.i in result.by_token or not any(
                c.dep_ == "compound" and c.lower_ == "coup" for c in token.children):
            continue
        country = article.body_country.get("military") or _recent_of(
            article, taken, {EntityType.COUNTRY}) or article.first_country
        if country is None:
            continue
        for word in [*(c for c in token.children if c.dep_ in {"det", "compound"}), token]:
            result.by_token[word.i] = country


def _titled(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """'the junta leader', 'the rebel commander', 'the trade minister': the person the
    article last gave that title ('coup leader Ali Musa', 'Trade Minister Li Wei'; the whole
    title first, else its noun) when a word before the title says whose it is."""
    if not article.titles:
        return
    for token in sentence:
        if token.i in result.by_token or token.pos_ != "NOUN":
            continue
        words = [c for c in token.children if c.i < token.i]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in words) or not any(
                c.dep_ in {"compound", "amod"} and c.i not in result.by_token for c in words):
            continue  # (asked before the title: a subtree costs far more than a few children)
        phrase = " ".join(t.lower_ for t in token.subtree if t.i == token.i or (
            t.i < token.i and t.dep_ in {"compound", "amod"}))  # 'the trade minister' after
        # 'Trade Minister X' (a subtree makes new Token objects: compared by index)
        person = article.titles.get(phrase) or article.titles.get(token.lower_)
        if person is None or _other_country(article, words, person):
            continue
        for word in [*words, token]:
            result.by_token[word.i] = person


def _other_country(article: ArticleActors, words: list[Token], person: str) -> bool:
    """Whether a title's words name another country than its last holder's ('the Ugandan
    foreign minister' is not the Kenyan one named before)."""
    entity = article.known(person)
    for word in words:
        country = article.known(article.gazetteer.demonyms.get(word.text)
                                or article.gazetteer.surface.get(word.text))
        if country is not None and country.type == EntityType.COUNTRY and entity is not None \
                and entity.country and country.country != entity.country:
            return True
    return False


PLURAL_PRONOUNS = {"they", "them"}


def _both_of_pair(article: ArticleActors, mention: Mention, is_subject: bool) -> bool:
    """'Russia and China vetoed the draft. They accused ...': a plural pronoun subject right
    after a sentence whose subject was a pair ('A and B') stands for both of the pair (two
    bodies or two people, not one of each)."""
    pair = article.last_pair
    if mention.kind != "pronoun" or mention.text.lower() not in PLURAL_PRONOUNS or \
            not is_subject or pair is None or article.last_subject not in pair:
        return False
    kinds = {article.type_of(pair[0]) == EntityType.PERSON,
             article.type_of(pair[1]) == EntityType.PERSON}
    return len(kinds) == 1 and None not in map(article.type_of, pair)


def _pair_fits(article: ArticleActors, mention: Mention) -> bool:
    """Whether 'the two countries' can stand for the last pair named (`pairs.pair_meant`;
    a pair of people of two known countries becomes those countries)."""
    meant = pair_meant(article.last_pair, mention.text, article.known, article.gazetteer)
    if meant is None:
        return article.last_pair is None
    article.last_pair = meant
    return True


def sentence_actors(article: ArticleActors, sentence: Span,
                    mentions: list[Mention]) -> SentenceActors:
    """Resolve the sentence's mentions and map every token to its actor."""
    result = SentenceActors(sentence)
    mentions = facility_forces(sentence, whole_names(article, sentence, mentions))
    taken, covered = _resolve_mentions(article, sentence, mentions, result)
    _definites(article, sentence, result, taken)
    _coup_leaders(article, sentence, result, taken)
    halves(article, sentence, result, taken)
    _titled(article, sentence, result)
    for span in sentence.ents:
        if any(i in covered for i in range(span.start, span.end)):
            continue
        entity_id = _named_entity(article, span)
        if entity_id:
            for i in range(span.start, span.end):
                result.by_token[i] = entity_id
            taken.append(entity_id)
            _acronym_after(article, span, entity_id, result)
    _named_before(article, sentence, result)
    role_holders(article, sentence, result)
    counterparts(article, sentence, result)
    named_bodies(article, sentence, result)
    led_bodies(article, sentence, result)
    own_armies(article, sentence, result)
    ministries(article, sentence, result)
    demonyms = article.gazetteer.demonyms
    for token in sentence:  # bare demonyms as modifiers ('Russian positions'); pairs ('A and B')
        if token.text in demonyms and token.i not in result.by_token and \
                token.dep_ in {"amod", "compound"} and token.ent_type_ != "LOC" and \
                not _currency_word(token) and not _partisan(token):
            result.by_token[token.i] = demonyms[token.text]
        elif token.dep_ == "conj" and token.i in result.by_token:
            first = result.by_token.get(token.head.i)
            if first and first != result.by_token[token.i]:
                article.last_pair = (first, result.by_token[token.i])
    people(article, sentence, result)
    owned_members(article, sentence, result)
    described(article, sentence, result)
    places(article, sentence, result)
    doers(article, sentence, result)
    own_governments(article, sentence, result)
    article.last_subject = _main_subject(sentence, result)
    return result


NAME_PARTS = {"compound", "flat"}


def _named_before(article: ArticleActors, sentence: Span, result: SentenceActors) -> None:
    """A lone proper noun no one resolved that is the first or last name of the one person
    the article named in full ('Abiy arrived' after 'Prime Minister Abiy Ahmed')."""
    for token in sentence:
        if token.pos_ != "PROPN" or token.i in result.by_token or token.ent_type_:
            continue
        if token.dep_ in NAME_PARTS and token.head.pos_ == "PROPN" or any(
                c.dep_ in NAME_PARTS and c.pos_ == "PROPN" for c in token.children):
            continue  # a word of a longer name
        person = article.person_named(token.text)
        if person is not None:
            result.by_token[token.i] = person


def _acronym_after(article: ArticleActors, span: Span, entity_id: str,
                   result: SentenceActors) -> None:
    """A name followed by its acronym in brackets, 'the National Electoral Board (NEB)':
    the acronym is that name here and later."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return
    acronym = doc[span.end + 1]
    if not (acronym.text.isupper() and acronym.text.isalpha() and len(acronym.text) > 1):
        return
    article.abbreviated(acronym.text, entity_id)
    result.by_token[acronym.i] = entity_id


def _main_subject(sentence: Span, result: SentenceActors) -> str | None:
    """The actor subject of the sentence's main verb ('..., the ministry said': the
    speaker's; else the first clause's)."""
    subjects = [t for t in sentence if t.dep_ in {"nsubj", "nsubjpass"}]
    main = [t for t in subjects if t.head == sentence.root] or subjects
    return next((result.by_token[t.i] for t in main if t.i in result.by_token), None)
