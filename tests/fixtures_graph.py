"""A hand-built graph resembling the seed article's (shared/corpus seed, 2025-11-27)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation

SEED_ID = "seed-petro-cnn"
SECOND_ID = "second-article"

_TEXT = (
    "In October, the US Treasury sanctioned Petro, accusing him of playing a role in the "
    "global illicit drug trade. The US State Department revoked his visa in September. "
    "Trump said he would halt all US payments and subsidies to Colombia. "
    "The US designated the Cartel de los Soles, which the US has claimed Maduro leads. "
    "On Tuesday, he accused the US of trying to impose its will on its neighbors. "
    "Colombian President Gustavo Petro spoke to CNN."
)


def _evidence(phrase: str, rule: str, article: str = SEED_ID, text: str = _TEXT) -> Evidence:
    start = text.index(phrase)
    return Evidence(article=article, sentence=phrase, start=start, end=start + len(phrase),
                    rule=rule)


def seed_like_fragment() -> GraphFragment:
    """Entities, dated relations and evidence like the seed article's graph."""
    entities = [
        Entity(id="gustavo-petro", name="Gustavo Petro", type="Person", aliases=["Petro"],
               country="COL", roles=["President of Colombia"]),
        Entity(id="donald-trump", name="Donald Trump", type="Person", aliases=["Trump"],
               country="USA", roles=["President of the United States"]),
        Entity(id="nicolas-maduro", name="Nicolás Maduro", type="Person",
               aliases=["Nicolas Maduro", "Maduro"], country="VEN"),
        Entity(id="us-treasury", name="United States Department of the Treasury",
               type="GovernmentBody", aliases=["US Treasury", "Treasury"], country="USA"),
        Entity(id="us-state-department", name="United States Department of State",
               type="GovernmentBody", aliases=["US State Department", "State Department"],
               country="USA"),
        Entity(id="united-states", name="United States", type="Country",
               aliases=["US", "U.S."], country="USA", wikidata="Q30"),
        Entity(id="colombia", name="Colombia", type="Country", country="COL",
               wikidata="Q739"),
        Entity(id="venezuela", name="Venezuela", type="Country", country="VEN",
               wikidata="Q717"),
        Entity(id="cartel-de-los-soles", name="Cartel de los Soles", type="CriminalGroup"),
    ]

    def rel(source: str, rtype: str, target: str, date: str | None, category: str | None,
            phrase: str, rule: str, **extra: object) -> Relation:
        return Relation(source=source, type=rtype, target=target, date=date,
                        category=category, evidence=[_evidence(phrase, rule)], **extra)

    relations = [
        rel("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10", "SANCTION",
            "the US Treasury sanctioned Petro", "verb:sanction"),
        rel("us-state-department", "REVOKED_VISA", "gustavo-petro", "2025-09", "SANCTION",
            "The US State Department revoked his visa", "phrase:revoke-visa"),
        rel("us-treasury", "ACCUSED", "gustavo-petro", "2025-10", "ACCUSE",
            "accusing him of playing a role", "verb:accuse"),
        rel("united-states", "DESIGNATED", "cartel-de-los-soles", "2025-11-26", "SANCTION",
            "The US designated the Cartel de los Soles", "phrase:designate",
            properties={"designation": "foreign terrorist organization"}),
        rel("gustavo-petro", "ACCUSED", "united-states", "2025-11-25", "ACCUSE",
            "he accused the US", "verb:accuse"),
        rel("donald-trump", "HALTED_AID", "colombia", "2025-10", "AID",
            "Trump said he would halt all US payments", "phrase:halt-aid", status="announced"),
        rel("nicolas-maduro", "LEADS", "cartel-de-los-soles", None, None,
            "the US has claimed Maduro leads", "verb:lead", status="alleged"),
        rel("gustavo-petro", "LEADS", "colombia", None, None,
            "Colombian President Gustavo Petro", "title:president",
            properties={"role": "President"}),
    ]
    article = Article(id=SEED_ID, title="Petro says US pressure on Venezuela is about oil",
                      url="https://example.org/seed", published=dt.date(2025, 11, 27),
                      source="seed-2025-11-27-petro-cnn.txt", text=_TEXT)
    return GraphFragment(articles=[article], entities=entities, relations=relations)


SECOND_TEXT = "Washington sanctioned Petro in October, the Treasury said."


def second_article_fragment() -> GraphFragment:
    """Another article asserting the Treasury sanction edge (same identity, new evidence)."""
    entities = [e for e in seed_like_fragment().entities
                if e.id in {"us-treasury", "gustavo-petro"}]
    evidence = _evidence("Washington sanctioned Petro", "verb:sanction", SECOND_ID, SECOND_TEXT)
    relation = Relation(source="us-treasury", type="SANCTIONED", target="gustavo-petro",
                        date="2025-10", category="SANCTION", evidence=[evidence])
    article = Article(id=SECOND_ID, title="Treasury sanctions", published=dt.date(2025, 10, 25),
                      source="second.txt", text=SECOND_TEXT)
    return GraphFragment(articles=[article], entities=entities, relations=[relation])


CLAIM_ID = "claim-article"
CLAIM_TEXT = ("Freedonia threatened Ruritania on Friday. "
              "Ruritania denied Freedonia's account on Saturday.")


def contested_fragment() -> GraphFragment:
    """A claim and its denial by the party concerned, apart from the seed-like graph (other
    actors, 2024 dates), for the `contested_claims` query."""
    entities = [Entity(id="freedonia", name="Freedonia", type="Country", country="FRE"),
                Entity(id="ruritania", name="Ruritania", type="Country", country="RUR")]
    relations = [
        Relation(source="freedonia", type="THREATENED", target="ruritania", date="2024-03-01",
                 category="THREATEN", evidence=[_evidence(
                     "Freedonia threatened Ruritania", "verb:threaten", CLAIM_ID, CLAIM_TEXT)]),
        Relation(source="ruritania", type="DENIED", target="freedonia", date="2024-03-02",
                 category="REJECT", evidence=[_evidence(
                     "Ruritania denied Freedonia's account", "verb:deny", CLAIM_ID, CLAIM_TEXT)]),
    ]
    article = Article(id=CLAIM_ID, title="Ruritania denies", published=dt.date(2024, 3, 3),
                      source="claim.txt", text=CLAIM_TEXT)
    return GraphFragment(articles=[article], entities=entities, relations=relations)


def seed_like_store(path: Path) -> Path:
    """An embedded store at `path` holding `seed_like_fragment()`."""
    from geokg.graph.embedded import EmbeddedStore

    with EmbeddedStore(path) as store:
        store.upsert(seed_like_fragment())
    return path
