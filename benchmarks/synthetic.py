"""Seeded synthetic inputs for the speed benchmarks, at any size.

- `articles(n, seed)`: news-like articles (`date YYYY-MM-DD` header, `# Title`, paragraphs)
  whose actors come from the gazetteer and whose phrasing comes from the vocabulary: titled
  people ("Colombian President Gustavo Petro criticized Venezuela on Tuesday."), phrase
  templates ("... imposed sanctions on Cuba in March."), passives ("Cuba was sanctioned by
  the European Union last month."), nominals ("NATO's criticism of Russia ..."), quotes and
  plain filler sentences. The same (n, seed) always gives the same text.
- `write_corpus(folder, n, seed)`: the articles as .txt files (streamed, one file each).
- `fragments(n_relations, seed)`: graph fragments made directly (no extraction), one per
  article, for store, export and query benchmarks on graphs far larger than extraction could
  produce in the time: gazetteer actors plus generated people and groups, a skewed
  (Zipf-like) choice of actors so that hubs exist, vocabulary types, ISO date prefixes of
  every precision, and evidence pointing at a sentence of the article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from geokg.extract.gazetteer import load_gazetteer, slugify
from geokg.extract.patterns import verb_forms
from geokg.graph.model import Article, Entity, EntityType, Evidence, GraphFragment, Relation
from geokg.graph.vocabulary import load_vocabulary

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
START, DAYS = dt.date(2023, 1, 1), 3 * 365
FILLER = (
    "Officials said the talks would continue next week.",
    "The statement did not give further details.",
    "Analysts said the move could deepen tensions in the region.",
    "The decision followed weeks of negotiations behind closed doors.",
    "Markets reacted calmly to the news, and the currency was little changed.",
    "Several lawmakers questioned the timing of the announcement.",
    "The government has not commented on the report.",
    "Diplomats described the meeting as frank and constructive.",
    "Human rights groups called for an independent investigation.",
    "The measures are expected to take effect at the end of the month.",
)
QUOTES = (
    "We will not accept this interference in our internal affairs",
    "This is a clear violation of international law",
    "Our door remains open to dialogue",
    "We will respond firmly and proportionately",
)
FIRST = ("Ana", "Carlos", "Elena", "Farid", "Grace", "Hassan", "Irina", "Jorge", "Keiko", "Luis",
         "Maria", "Nikolai", "Olga", "Pedro", "Rania", "Samuel", "Tomas", "Yusuf", "Zainab",
         "Ahmed", "Beatriz", "David", "Emma", "Fatima", "Ivan", "Julia", "Kofi", "Lena")
LAST = ("Alvarez", "Bakr", "Castillo", "Dimitrov", "Espinoza", "Fischer", "Garcia", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "Lopez", "Mendoza", "Novak", "Okafor", "Petrov",
        "Quintero", "Rossi", "Suarez", "Tanaka", "Umarov", "Vargas", "Weber", "Yilmaz", "Zhou")
GROUP_KINDS = (("Front", EntityType.ARMED_GROUP), ("Movement", EntityType.ARMED_GROUP),
               ("Cartel", EntityType.CRIMINAL_GROUP), ("Council", EntityType.GOVERNMENT_BODY),
               ("Alliance", EntityType.ORGANIZATION), ("Ministry", EntityType.GOVERNMENT_BODY))
GROUP_NAMES = ("Northern", "Popular", "Democratic", "Revolutionary", "National", "Patriotic",
               "United", "Liberation", "Southern", "Coastal", "Highland", "Free")


ENGLISH_IRREGULAR = {"leave": ("left", "left"), "mean": ("meant", "meant"),
                     "seek": ("sought", "sought"), "make": ("made", "made")}
_AUXILIARY_RUN = re.compile(r"\b(?:was|were|has|had)(?:\s+(?:been|had|has))*\s+been\b")


def _forms(lemma: str) -> dict[str, str]:
    if lemma.endswith("ed"):  # an alternative given already in the past ("placed")
        return {"base": lemma, "s": lemma, "past": lemma, "pp": lemma, "ing": lemma}
    irregular = {k: tuple(v) for k, v in load_vocabulary().irregular.items()}
    irregular.update(ENGLISH_IRREGULAR)
    return {k: v.split("|")[0] for k, v in verb_forms(lemma, irregular).items()}


@lru_cache(maxsize=1)
def _actors() -> dict[str, list]:
    """Gazetteer actors by kind, with the titles of their dated offices."""
    gaz = load_gazetteer()
    iso3 = {entity_id: code for code, entity_id in gaz.country_ids.items()}
    demonym = {}
    for name, country in gaz.demonyms.items():
        if not name.endswith("s") and name[:1].isupper() and "." not in name and country in iso3:
            demonym.setdefault(iso3[country], name)
    offices: dict[str, list] = {}
    for office in gaz.offices:
        offices.setdefault(office.holder, []).append(office)
    people, states, bodies = [], [], []
    for entity in gaz.entities.values():
        if entity.type == EntityType.PERSON:
            people.append((entity, offices.get(entity.id, [])))
        elif entity.type == EntityType.COUNTRY:
            states.append(entity)
        elif entity.type in (EntityType.GOVERNMENT_BODY, EntityType.IGO,
                             EntityType.ARMED_GROUP, EntityType.ORGANIZATION,
                             EntityType.CRIMINAL_GROUP):
            bodies.append(entity)
    return {"people": people, "states": states, "bodies": bodies,
            "demonym": [demonym, {c: e for c, e in gaz.country_ids.items()}]}


@lru_cache(maxsize=1)
def _phrasings() -> list[tuple[str, str, str]]:
    """(action, kind, template) for every usable phrasing of the vocabulary."""
    out = []
    for name, action in load_vocabulary().actions.items():
        for verb in action.verbs:
            out.append((name, "verb", verb))
        for template in action.phrases:
            out.append((name, "phrase", template))
        for template in action.passive:
            out.append((name, "passive", template))
        for template in action.nouns:
            out.append((name, "noun", template))
    return out


class _Writer:
    """Builds one article's sentences."""

    def __init__(self, rng: random.Random, day: dt.date) -> None:
        self.rng, self.day = rng, day
        actors = _actors()
        self.people, self.states, self.bodies = actors["people"], actors["states"], actors["bodies"]
        self.demonym, self.country_ids = actors["demonym"]
        # A few actors per article, drawn with a skew so that some recur across articles.
        self.cast = [self._pick() for _ in range(rng.randint(3, 6))]

    def _pick(self) -> tuple[str, str]:
        """(full mention, short mention) of an actor."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.4:
            entity, offices = self.people[int(len(self.people) * rng.random() ** 2)]
            held = [o for o in offices if o.held_on(self.day)]
            if held and held[0].country and held[0].country in self.demonym:
                title = f"{self.demonym[held[0].country]} {held[0].role}"
                return f"{title} {entity.name}", entity.name.split()[-1]
            return entity.name, entity.name.split()[-1]
        if roll < 0.8:
            entity = self.states[int(len(self.states) * rng.random() ** 2)]
        else:
            entity = self.bodies[int(len(self.bodies) * rng.random() ** 1.5)]
        name = entity.name
        if entity.type == EntityType.COUNTRY or name[:1].isupper() is False:
            return name, name
        return (f"the {name}" if name.startswith(("United", "European", "Organization",
                                                  "International", "Office", "National"))
                else name), name

    def when(self) -> str:
        rng, day = self.rng, self.day
        roll = rng.random()
        if roll < 0.45:
            return f" on {WEEKDAYS[(day - dt.timedelta(days=rng.randint(0, 6))).weekday()]}"
        if roll < 0.65:
            month = (day.replace(day=1) - dt.timedelta(days=rng.randint(1, 200)))
            return f" in {MONTHS[month.month - 1]}"
        if roll < 0.8:
            past = day - dt.timedelta(days=rng.randint(1, 300))
            return f" on {MONTHS[past.month - 1]} {past.day}, {past.year}"
        if roll < 0.9:
            return " last month"
        return ""

    def expand(self, template: str, target: str, source: str, past: bool = True) -> str:
        """A template's words with alternatives chosen, the verb conjugated and T filled."""
        rng = self.rng
        words = []
        for index, token in enumerate(template.split()):
            if token == "...":
                if rng.random() < 0.3:
                    words.append(rng.choice(("new", "further", "sweeping", "tough")))
                continue
            optional = token.startswith("[") and token.endswith("]")
            if optional:
                if rng.random() < 0.5:
                    continue
                token = token[1:-1]
            choice = rng.choice(token.split("|")).replace("_", " ")
            if choice in ("T", "CLAIM"):
                choice = target if choice == "T" else "the accusations"
            elif choice == "T's":
                choice = f"{target}'s"
            elif choice == "S":
                choice = source
            elif choice == "X":
                choice = "a terrorist organization"
            elif index == 0 and past:
                head, _, rest = choice.partition(" ")
                choice = " ".join(filter(None, [_forms(head)["past"], rest]))
            words.append(choice)
        return " ".join(words)

    def event(self) -> str:
        rng = self.rng
        (source, source_short), (target, _) = rng.sample(self.cast, 2)
        if rng.random() < 0.3:
            source = source_short
        action, kind, template = rng.choice(_phrasings())
        when = self.when()
        if kind == "verb":
            head, _, rest = template.partition(" ")
            if rng.random() < 0.25 and not rest:
                pp = _forms(head)["pp"]
                return f"{target[:1].upper()}{target[1:]} was {pp} by {source}{when}."
            verb = " ".join(filter(None, [_forms(head)["past"], rest]))
            return f"{source[:1].upper()}{source[1:]} {verb} {target}{when}."
        if kind == "phrase":
            phrase = self.expand(template, target, source)
            return f"{source[:1].upper()}{source[1:]} {phrase}{when}."
        if kind == "passive":
            text = self.expand(template, target, source, past=False)
            # "was|were|has been|had been" splits into words: say one auxiliary properly.
            text = _AUXILIARY_RUN.sub(lambda _m: rng.choice(("was", "has been", "had been")),
                                      text)
            return f"{text[:1].upper()}{text[1:]}{when}."
        phrase = self.expand(template, target, source, past=False)
        lead = rng.choice(("drew sharp criticism", "were announced", "came as a surprise"))
        return f"{source[:1].upper()}{source[1:]}'s {phrase} {lead}{when}."

    def quote(self) -> str:
        speaker = self.rng.choice(self.cast)[0]
        return f"\u201c{self.rng.choice(QUOTES)},\u201d {speaker} said."


def article_text(index: int, seed: int = 0) -> tuple[str, str]:
    """(file name, file text) of synthetic article number `index`."""
    rng = random.Random(f"{seed}:{index}")
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    writer = _Writer(rng, day)
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.65:
                sentences.append(writer.event())
            elif roll < 0.8:
                sentences.append(writer.quote())
            else:
                sentences.append(rng.choice(FILLER))
        paragraphs.append(" ".join(sentences))
    title = re.sub(r"[.,]$", "", paragraphs[0].split(". ")[0])[:90]
    text = f"date {day.isoformat()}\n# {title}\n\n" + "\n\n".join(paragraphs) + "\n"
    return f"{day.isoformat()}-{index:06d}.txt", text


def articles(n: int, seed: int = 0) -> Iterator[Article]:
    """`n` synthetic articles as `Article` objects (parsed like files are)."""
    from geokg.loaders.readers import parse_text

    for index in range(n):
        name, text = article_text(index, seed)
        yield parse_text(text, name)


def write_corpus(folder: str | Path, n: int, seed: int = 0, per_folder: int = 1000) -> Path:
    """Write `n` articles as .txt files under `folder` (sub-folders of `per_folder` files)."""
    folder = Path(folder)
    for index in range(n):
        name, text = article_text(index, seed)
        sub = folder / f"{index // per_folder:04d}"
        if index % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
    return folder


# -- fragments made directly -------------------------------------------------------------------


def _extra_entities(count: int, rng: random.Random) -> list[Entity]:
    out, seen = [], set()
    while len(out) < count:
        if rng.random() < 0.75:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
            kind = EntityType.PERSON
        else:
            suffix, kind = rng.choice(GROUP_KINDS)
            name = f"{rng.choice(GROUP_NAMES)} {rng.choice(LAST)} {suffix}"
        if name in seen:
            name = f"{name} {len(out)}"
        seen.add(name)
        out.append(Entity(id=slugify(name), name=name, type=kind))
    return out


def _date(rng: random.Random) -> str | None:
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    roll = rng.random()
    if roll < 0.6:
        return day.isoformat()
    if roll < 0.85:
        return day.isoformat()[:7]
    if roll < 0.9:
        return day.isoformat()[:4]
    return None


def fragments(n_relations: int, seed: int = 0, per_article: int = 20,
              entities: int | None = None) -> Iterator[GraphFragment]:
    """Fragments holding `n_relations` relations in all (`per_article` each), one article per
    fragment, over gazetteer actors plus generated ones (`entities` in all; default about one
    for every ten relations, at least the gazetteer)."""
    rng = random.Random(seed)
    gaz = load_gazetteer()
    known = [e.model_copy(deep=True) for e in gaz.entities.values()]
    # Seed actors of the canned queries' examples first, so they are hubs.
    first = ["gustavo-petro", "us-treasury", "cartel-de-los-soles", "united-states", "colombia",
             "venezuela", "nicolas-maduro", "donald-trump"]
    known.sort(key=lambda e: (first.index(e.id) if e.id in first else len(first), e.id))
    total = max(entities or n_relations // 10, len(known))
    pool = known + _extra_entities(total - len(known), rng)
    vocabulary = load_vocabulary()
    types = sorted(vocabulary.actions)
    made, index = 0, 0
    while made < n_relations:
        count = min(per_article, n_relations - made)
        article_id = hashlib.sha1(f"{seed}:{index}".encode()).hexdigest()[:16]
        published = START + dt.timedelta(days=rng.randrange(DAYS))
        sentences = []
        relations: dict[tuple, Relation] = {}
        used: dict[str, Entity] = {}
        offset = 0
        while len(relations) < count:
            s = pool[min(int(len(pool) * rng.random() ** 2.2), len(pool) - 1)]
            t = pool[min(int(len(pool) * rng.random() ** 2.2), len(pool) - 1)]
            if s.id == t.id:
                continue
            rtype = rng.choice(types)
            sentence = f"{s.name} {rtype.lower().replace('_', ' ')} {t.name}."
            start = offset
            offset += len(sentence) + 1
            sentences.append(sentence)
            relation = Relation(
                source=s.id, target=t.id, type=rtype, category=vocabulary.category(rtype),
                date=_date(rng), confidence=round(rng.uniform(0.5, 0.95), 2),
                evidence=[Evidence(article=article_id, sentence=sentence, start=start,
                                   end=start + len(sentence), rule=f"{rtype}:synthetic")])
            if relation.key in relations:
                continue
            relations[relation.key] = relation
            used[s.id], used[t.id] = s, t
        text = " ".join(sentences)
        article = Article(id=article_id, title=f"Synthetic article {index}",
                          url=f"https://news.example/{index}", published=published,
                          source="synthetic", text=text)
        yield GraphFragment(articles=[article], entities=list(used.values()),
                            relations=list(relations.values()))
        made += count
        index += 1
