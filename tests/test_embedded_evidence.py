"""Evidence in the embedded store (schema version 2): one row per item, merged exactly as
`Relation.add_evidence` merges, never read back while writing; version 1 files migrate."""

from __future__ import annotations

import json
import random
import sqlite3
import threading
from pathlib import Path

import pytest

from geokg.graph.embedded import SCHEMA_VERSION, EmbeddedStore
from geokg.graph.errors import StoreError
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.store import UpsertReport

# The version 1 schema, exactly as geokg created it (evidence as one JSON list per relation).
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta (key, value)
  VALUES ('schema_version', '1'), ('changes', '0');
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, title TEXT, url TEXT, published TEXT, source TEXT,
  text TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS entities (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]', country TEXT, wikidata TEXT,
  roles TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS relations (
  source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, date TEXT NOT NULL,
  category TEXT, status TEXT NOT NULL, properties TEXT NOT NULL DEFAULT '{}',
  confidence REAL NOT NULL, evidence TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (source, type, target, date));
CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (article_id, entity_id));
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);
CREATE INDEX IF NOT EXISTS relations_target ON relations (target);
"""

ENTITIES = [
    Entity(id="gustavo-petro", name="Gustavo Petro", type="Person", aliases=["Petro"],
           country="COL", roles=["President of Colombia"]),
    Entity(id="colombia", name="Colombia", type="Country", country="COL", wikidata="Q739"),
    Entity(id="us-treasury", name="United States Department of the Treasury",
           type="GovernmentBody", aliases=["Treasury"], country="USA"),
    Entity(id="united-states", name="United States", type="Country", country="USA"),
]
# (source, type, target, date): an undated title tie, dated events, one relation per day
KEYS = [
    ("gustavo-petro", "LEADS", "colombia", None),
    ("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10"),
    ("gustavo-petro", "ACCUSED", "united-states", "2025-10-24"),
    ("united-states", "SANCTIONED", "colombia", None),
]
RULES = ["verb:sanction", "title", "verb:accuse"]


def _relation(key: tuple, evidence: list[Evidence]) -> Relation:
    source, rtype, target, date = key
    return Relation(source=source, type=rtype, target=target, date=date,
                    category=None if rtype == "LEADS" else "SANCTION", evidence=evidence,
                    properties={"role": "président"} if rtype == "LEADS" else {})


def _article(n: int) -> Article:
    return Article(id=f"art-{n:04d}", title=f"Article {n:04d}", text=f"text of article {n:04d}",
                   source="test")


def _random_fragments(count: int, seed: int = 7) -> list[GraphFragment]:
    """Single-article fragments asserting the KEYS with evidence that repeats identities:
    the same item twice in one relation, the same (start, end, rule) with another sentence,
    the same span under another rule; some articles come again later, some changed."""
    rng = random.Random(seed)
    fragments = []
    for n in range(count):
        article = _article(n)
        relations = []
        for key in rng.sample(KEYS, rng.randint(1, len(KEYS))):
            items = []
            for _ in range(rng.randint(1, 4)):
                start = rng.choice([0, 10, 20])
                items.append(Evidence(article=article.id, sentence=f"s{rng.randint(0, 3)}",
                                      start=start, end=start + rng.choice([5, 9]),
                                      rule=rng.choice(RULES)))
            if rng.random() < 0.3:
                items.append(items[0])
            relations.append(_relation(key, items))
        fragments.append(GraphFragment(articles=[article], entities=ENTITIES,
                                       relations=relations))
        if n % 7 == 3:  # an earlier article again, as it was or with one more item
            again = fragments[rng.randrange(len(fragments))].model_copy(deep=True)
            if rng.random() < 0.5:
                first = again.relations[0]
                first.evidence.append(Evidence(article=again.articles[0].id,
                                               sentence="added later", start=40, end=45,
                                               rule="title"))
            fragments.append(again)
    return fragments


def _expected(fragments: list[GraphFragment]) -> list[Relation]:
    """The relations as `Relation.add_evidence` merges them, in first-seen order."""
    merged: dict[tuple, Relation] = {}
    for fragment in fragments:
        for relation in fragment.relations:
            if relation.key not in merged:
                merged[relation.key] = relation.model_copy(update={"evidence": []})
            merged[relation.key].add_evidence(relation.evidence)
    return list(merged.values())


def _totals(reports: list[UpsertReport]) -> tuple[int, int, int, int]:
    return (sum(r.articles_added for r in reports), sum(r.relations_added for r in reports),
            sum(r.evidence_added for r in reports), sum(r.articles_skipped for r in reports))


def test_evidence_order_and_dedup_match_add_evidence(tmp_path):
    fragments = _random_fragments(120)
    expected = _expected(fragments)
    with EmbeddedStore(tmp_path / "g.db") as store:
        reports = [store.upsert(f) for f in fragments]
        stored = store.load().relations
    assert stored == expected
    articles = {f.articles[0].id for f in fragments}
    repeats = len(fragments) - len(articles)
    unchanged = sum(1 for r in reports if r.articles_skipped)
    assert _totals(reports) == (len(articles), len(KEYS),
                                sum(len(r.evidence) for r in expected), unchanged)
    assert 0 < unchanged < repeats  # some repeats were identical, some brought a new item


def test_batched_writes_give_the_same_graph_and_counts(tmp_path):
    fragments = _random_fragments(120)
    with EmbeddedStore(tmp_path / "one.db") as store:
        one_by_one = _totals([store.upsert(f) for f in fragments])
        graph = store.load()
    with EmbeddedStore(tmp_path / "batched.db") as store:
        batched = store.upsert_many(fragments, batch=25)
        assert store.load() == graph
    assert _totals([batched]) == one_by_one


def test_reingest_adds_nothing(tmp_path):
    fragments = _random_fragments(60)
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert_many(fragments)
        graph, version, stats = store.load(), store.version(), store.stats()
        report = store.upsert_many(fragments)
        assert (report.articles_added, report.entities_added, report.relations_added,
                report.evidence_added) == (0, 0, 0, 0)
        assert report.articles_skipped == len(fragments)
        assert store.load() == graph
        assert store.stats() == stats
        assert store.version() == version
    with sqlite3.connect(tmp_path / "g.db") as conn:
        rows = conn.execute("SELECT count(*) FROM evidence").fetchone()[0]
    assert rows == sum(len(r.evidence) for r in graph.relations)


def test_report_counts_of_one_article(tmp_path):
    article = _article(1)
    item = Evidence(article=article.id, sentence="s", start=0, end=5, rule="title")
    other = Evidence(article=article.id, sentence="t", start=6, end=9, rule="title")
    fragment = GraphFragment(articles=[article], entities=ENTITIES, relations=[
        _relation(KEYS[0], [item, item, other]),
        _relation(KEYS[1], [item]),
        _relation(KEYS[2], []),  # without evidence: stored, counted, no items
    ])
    with EmbeddedStore(tmp_path / "g.db") as store:
        report = store.upsert(fragment)
        assert (report.articles_added, report.entities_added, report.relations_added,
                report.evidence_added, report.articles_skipped) == (1, 4, 3, 3, 0)
        again = store.upsert(fragment)
        assert (again.relations_added, again.evidence_added, again.articles_skipped) == (0, 0, 1)
        assert [len(r.evidence) for r in store.load().relations] == [2, 1, 0]


def _hub_fragment(n: int) -> GraphFragment:
    article = _article(n)
    return GraphFragment(articles=[article], entities=ENTITIES[:2], relations=[_relation(
        KEYS[0], [Evidence(article=article.id, sentence=f"President Petro ({n:04d})", start=0,
                           end=15, rule="title")])])


def test_a_hub_relation_keeps_every_item_in_order(tmp_path):
    with EmbeddedStore(tmp_path / "g.db") as store:
        first = store.upsert_many(_hub_fragment(n) for n in range(250))
        rest = [store.upsert(_hub_fragment(n)) for n in range(250, 500)]
        (hub,) = store.load().relations
    assert _totals([first, *rest]) == (500, 1, 500, 0)
    assert [e.article for e in hub.evidence] == [_article(n).id for n in range(500)]
    assert hub.evidence[-1].sentence == "President Petro (0499)"


def _upsert_statements(store: EmbeddedStore, fragment: GraphFragment) -> list[str]:
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    try:
        store.upsert(fragment)
    finally:
        store._conn.set_trace_callback(None)
    return statements


def test_an_article_write_does_not_read_or_rewrite_stored_evidence(tmp_path):
    """The SQL an article runs is the same with 1 or 500 items already on the relation: the
    stored evidence is neither read nor rewritten (version 1 read and rewrote the list)."""
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.upsert(_hub_fragment(0))
        small = _upsert_statements(store, _hub_fragment(1))
        store.upsert_many(_hub_fragment(n) for n in range(2, 500))
        large = _upsert_statements(store, _hub_fragment(500))
        assert len(store.load().relations[0].evidence) == 501
    assert len(small) == len(large)
    assert [len(s) for s in small] == [len(s) for s in large]  # same statements, same sizes
    # distinct: SQLite traces a statement again for each change-log trigger it fires
    touching = sorted({s for s in large if "evidence" in s.lower()})
    assert len(touching) == 1 and touching[0].startswith("INSERT OR IGNORE INTO evidence")
    assert not any("SELECT" in s.upper() and "EVIDENCE" in s.upper() for s in large)


# -- version 1 files -------------------------------------------------------------------------


V1_RELATIONS = [  # (source, type, target, date, category, status, properties, confidence, items)
    ("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10", "SANCTION", "asserted",
     {"designation": "SDN"}, 0.9,
     [("art-b", "Washington sanctioned Petro.", 0, 27, "verb:sanction"),
      ("art-a", "the US Treasury sanctioned Petro", 10, 42, "verb:sanction"),
      ("art-a", "the US Treasury sanctioned Petro", 10, 42, "phrase:sanction")]),
    ("gustavo-petro", "LEADS", "colombia", "", None, "asserted", {"role": "président"}, 0.8,
     [("art-a", "President Gustavo Petro — «Colombia»", 0, 30, "title")]),
    ("gustavo-petro", "ACCUSED", "united-states", "2025-10-24", "ACCUSE", "alleged", {}, 0.7,
     []),
]


def _v1_file(path: Path, relations: list[tuple] = V1_RELATIONS) -> None:
    """A version 1 store written by hand: rows inserted in a fixed order (not key order)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA)
        conn.execute("UPDATE meta SET value = '17' WHERE key = 'changes'")
        conn.executemany("INSERT INTO articles (id, title, url, published, source, text) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         [("art-b", "B", "https://b.example", "2025-10-25", "b.txt", "text b"),
                          ("art-a", "A", None, None, "a.txt", "text a")])
        conn.executemany("INSERT INTO entities (id, name, type, aliases, country, wikidata, "
                         "roles) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(e.id, e.name, e.type.value, json.dumps(e.aliases), e.country,
                           e.wikidata, json.dumps(e.roles)) for e in ENTITIES])
        conn.executemany(
            "INSERT INTO relations (source, type, target, date, category, status, properties, "
            "confidence, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*r[:6], json.dumps(r[6], ensure_ascii=False), r[7], json.dumps(
                [dict(zip(("article", "sentence", "start", "end", "rule"), item, strict=True))
                 for item in r[8]], ensure_ascii=False)) for r in relations])
        conn.executemany("INSERT INTO mentions (article_id, entity_id) VALUES (?, ?)",
                         [("art-a", "gustavo-petro"), ("art-b", "us-treasury")])
    conn.close()


def _v1_expected() -> GraphFragment:
    return GraphFragment(
        articles=[Article(id="art-b", title="B", url="https://b.example",
                          published="2025-10-25", source="b.txt"),
                  Article(id="art-a", title="A", source="a.txt")],
        entities=ENTITIES,
        relations=[Relation(source=r[0], type=r[1], target=r[2], date=r[3] or None,
                            category=r[4], status=r[5], properties=r[6], confidence=r[7],
                            evidence=[Evidence(article=a, sentence=s, start=b, end=e, rule=u)
                                      for a, s, b, e, u in r[8]])
                   for r in V1_RELATIONS])


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    conn.close()
    return meta


def _schema(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        schema = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                              "ORDER BY name").fetchall()
    conn.close()
    return schema


def test_a_version_1_file_migrates_in_place(tmp_path):
    path = tmp_path / "v1.db"
    _v1_file(path)
    with EmbeddedStore(path) as store:
        assert store.load() == _v1_expected()
        assert store.mentions() == [("art-a", "gustavo-petro"), ("art-b", "us-treasury")]
        assert store.article_text("art-b") == "text b"
        version = store.version()
    assert _meta(path)["schema_version"] == str(SCHEMA_VERSION) == "3"
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(relations)")]
        assert columns == ["id", "source", "type", "target", "date", "category", "status",
                           "properties", "confidence"]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    with EmbeddedStore(tmp_path / "fresh.db"):
        pass
    assert _schema(path) == _schema(tmp_path / "fresh.db")  # as if created at version 2

    schema = _schema(path)
    with EmbeddedStore(path) as store:  # opening again changes nothing
        assert store.version() == version
        assert store.load() == _v1_expected()
    assert _schema(path) == schema


def test_a_migrated_store_goes_on_merging_evidence(tmp_path):
    path = tmp_path / "v1.db"
    _v1_file(path)
    old = Evidence(article="art-a", sentence="the US Treasury sanctioned Petro", start=10,
                   end=42, rule="verb:sanction")
    new = Evidence(article="art-c", sentence="Treasury sanctions", start=0, end=18,
                   rule="verb:sanction")
    with EmbeddedStore(path) as store:
        report = store.upsert(GraphFragment(relations=[_relation(KEYS[1], [old, new])]))
        assert (report.relations_added, report.evidence_added) == (0, 1)
        sanction = store.load().relations[0]
    expected = _v1_expected().relations[0]
    expected.add_evidence([old, new])
    assert sanction == expected


def test_a_version_1_file_with_unreadable_evidence_is_left_as_it_was(tmp_path):
    path = tmp_path / "v1.db"
    _v1_file(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE relations SET evidence = '[{\"article\": 1}]' WHERE type = 'LEADS'")
    conn.close()
    schema = _schema(path)
    with pytest.raises(StoreError) as info:
        EmbeddedStore(path)
    message = str(info.value)
    assert str(path) in message and "schema version 3" in message and "\n" not in message
    assert _schema(path) == schema
    assert _meta(path)["schema_version"] == "1"


def test_connections_opening_a_version_1_file_at_once_all_see_it_migrated(tmp_path):
    """Four stores (own connections, threads) open one v1 file together: one migrates, the
    others find version 3 once they get the write lock."""
    path = tmp_path / "v1.db"
    _v1_file(path)
    start = threading.Barrier(4)
    loaded: list[GraphFragment] = []
    failures: list[BaseException] = []

    def open_and_load() -> None:
        start.wait()
        try:
            with EmbeddedStore(path) as store:
                loaded.append(store.load())
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=open_and_load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert loaded == [_v1_expected()] * 4
    assert _meta(path)["schema_version"] == "3"


def test_a_newer_schema_version_is_refused(tmp_path):
    path = tmp_path / "g.db"
    with EmbeddedStore(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    conn.close()
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1} is newer"):
        EmbeddedStore(path)
