"""Batched writes (`upsert_many`, `--batch N`): several whole articles per transaction, with
the results of one transaction per article.

A batch is all or nothing; one that fails with a data error is written again one article per
transaction, so only the bad article is refused; re-ingesting changes nothing; batches stay
bounded while the input streams. The Neo4j tests need a server (tests/neo4j_support.py).
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

import geokg.graph.neo4j_store as neo4j_store
import geokg.graph.store as store_module
from benchmarks import synthetic
from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import StoreError, StoreUnavailable
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.neo4j_store import Neo4jStore
from geokg.graph.store import UpsertReport, write_batches
from geokg.graph.values import EVIDENCE_LISTS, relation_props
from geokg.pipeline import RunReport, extract_documents, list_files, read_documents
from tests import neo4j_support
from tests.fixtures_graph import second_article_fragment, seed_like_fragment

ROOT = Path(__file__).resolve().parents[1]
TOO_LONG = "x" * 40_000  # longer than Neo4j indexes a value: the server refuses this article id
COUNTS = ("articles_added", "articles_skipped", "entities_added", "relations_added",
          "evidence_added")


@pytest.fixture
def store(drv):
    yield from neo4j_support.store_fixture(drv)


# -- data ------------------------------------------------------------------------------------


def _evidence(article: str, n: int = 0, rule: str = "r") -> list[Evidence]:
    return [Evidence(article=article, sentence=f"s{n}", start=n, end=n + 1, rule=rule)]


def _article(article: str, relations: list[Relation], entities: list[Entity],
             source: str = "test.jsonl") -> GraphFragment:
    return GraphFragment(articles=[Article(id=article, title=article, source=source,
                                           text="t")],
                         entities=entities, relations=relations)


def _tricky() -> list[GraphFragment]:
    """Articles that interact inside one batch: evidence added to an edge an earlier article
    made, an article repeated, entities merged across articles, an entity another article
    defines, dated and undated edges, a fragment of two articles, one citing an article it
    does not carry, entities only, a relation without evidence, evidence of an article stored
    only later."""
    petro = Entity(id="gustavo-petro", name="Gustavo Francisco Petro", type="Person",
                   aliases=["El Presidente"], roles=["Former M-19 member"], wikidata="Q57")
    newcomer = Entity(id="new-actor", name="New Actor", type="ArmedGroup", country="COL")
    colombia = Entity(id="colombia", name="Colombia", type="Country")
    both = GraphFragment(
        articles=[Article(id="pair-1", text="t"), Article(id="pair-2", text="t")],
        entities=[newcomer, colombia],
        relations=[Relation(source="new-actor", type="ATTACKED", target="colombia",
                            date="2025-03", evidence=_evidence("pair-1") + _evidence("pair-2"))])
    return [
        seed_like_fragment(),
        second_article_fragment(),
        seed_like_fragment(),  # the same article again in the same batch: skipped
        _article("merge", [Relation(source="gustavo-petro", type="LEADS", target="colombia",
                                    evidence=_evidence("merge", 3))], [petro, colombia]),
        _article("newcomer", [Relation(source="new-actor", type="THREATENED",
                                       target="gustavo-petro", date="2025",
                                       evidence=_evidence("newcomer"))], [newcomer]),
        _article("uses-pending", [Relation(source="new-actor", type="THREATENED",
                                           target="colombia", date="2025-01-02",
                                           evidence=_evidence("uses-pending"))], []),
        both,
        GraphFragment(articles=[Article(id="cites-merge", text="t")], entities=[colombia],
                      relations=[Relation(source="gustavo-petro", type="LEADS",
                                          target="colombia", evidence=_evidence("merge", 9))]),
        GraphFragment(entities=[petro.model_copy(update={"aliases": ["Petro Urrego"]})]),
        GraphFragment(entities=[colombia], relations=[Relation(
            source="gustavo-petro", type="MET_WITH", target="colombia", date="2025-02")]),
        _article("merge", [Relation(source="gustavo-petro", type="LEADS", target="colombia",
                                    evidence=_evidence("merge", 3) + _evidence("merge", 4))],
                 [colombia]),
        # evidence of an article not stored yet: no MENTIONS from it until it is stored
        GraphFragment(entities=[colombia], relations=[Relation(
            source="new-actor", type="ATTACKED", target="colombia", date="2025-04",
            evidence=_evidence("later", 1))]),
        _article("later", [Relation(source="gustavo-petro", type="URGED", target="new-actor",
                                    evidence=_evidence("later", 2))], []),
    ]


def _examples() -> list[GraphFragment]:
    """The bundled example articles and the test articles, extracted one by one."""
    report = RunReport()
    files = list_files([ROOT / "geokg" / "examples", ROOT / "tests" / "articles"], report)
    fragments = list(extract_documents(read_documents(files, report), report))
    assert not report.errors and len(fragments) >= 10
    return fragments


@lru_cache(maxsize=4)
def _dataset(name: str) -> tuple[GraphFragment, ...]:
    if name == "examples":
        return tuple(_examples())
    if name == "synthetic":
        return tuple(synthetic.fragments(1_200, seed=11))
    return tuple(_tricky())


# -- what is stored ----------------------------------------------------------------------------


def _contents(drv) -> dict[str, list]:
    """Everything stored, read behind the store's back, in a stable order."""
    run = neo4j_support.run
    entities = [{**row, "labels": sorted(row["labels"])} for row in run(
        drv, "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p "
             "ORDER BY id")]
    return {
        "entities": entities,
        "articles": run(drv, "MATCH (a:Article) RETURN labels(a) AS labels, "
                             "properties(a) AS p ORDER BY a.id"),
        "relations": run(drv, "MATCH (s:Entity)-[r]->(t:Entity) RETURN s.id AS s, "
                              "type(r) AS type, t.id AS t, properties(r) AS p "
                              "ORDER BY s, type, t, coalesce(r.date, '')"),
        "mentions": run(drv, "MATCH (a:Article)-[r]->(e:Entity) RETURN a.id AS a, "
                             "type(r) AS type, e.id AS e ORDER BY a, e"),
        "nodes": run(drv, "MATCH (n) RETURN count(n) AS n"),
        "edges": run(drv, "MATCH ()-[r]->() RETURN count(r) AS n"),
    }


def _counts(report: UpsertReport) -> tuple[int, ...]:
    return tuple(getattr(report, name) for name in COUNTS)


def _ingest(drv, fragments: list[GraphFragment], batch: int,
            dynamic: bool | None = None) -> tuple[tuple[int, ...], dict, tuple[int, ...], dict]:
    """Wipe, write the fragments twice with this batch size: the report and the contents
    after each pass."""
    neo4j_support.wipe(drv)
    passes: list = []
    with Neo4jStore(**neo4j_support.settings()) as neo:
        neo.stats()  # connect (and learn what the server takes)
        if dynamic is not None:
            neo._dynamic = dynamic
        for _ in range(2):
            passes += [_counts(neo.upsert_many(iter(fragments), batch=batch)), _contents(drv)]
    return tuple(passes)


# -- equivalence with one transaction per article -----------------------------------------


@pytest.mark.neo4j
@pytest.mark.slow
@pytest.mark.parametrize("dataset", ["tricky", "examples", "synthetic"])
def test_batches_store_what_one_transaction_per_article_stores(drv, dataset):
    fragments = list(_dataset(dataset))
    one = _ingest(drv, fragments, batch=1)
    for batch in (3, 100):
        assert _ingest(drv, fragments, batch=batch) == one, f"batch {batch}"
    # the statement for servers without dynamic labels and types writes the same
    assert _ingest(drv, fragments, batch=100, dynamic=False) == one
    first, contents, again, contents_again = one
    assert first[0] == len({a.id for f in fragments for a in f.articles})
    assert contents["relations"] and contents["mentions"]
    if dataset != "tricky":  # where evidence cites an article stored later, MENTIONS follow
        assert again == (0, sum(len(f.articles) for f in fragments), 0, 0, 0)
        assert contents_again == contents


@pytest.mark.neo4j
def test_the_tricky_batch_merges_as_the_embedded_store_does(drv, tmp_path):
    fragments = _tricky()
    _, contents, _, _ = _ingest(drv, fragments, batch=100)
    with EmbeddedStore(tmp_path / "g.db") as embedded:
        embedded.upsert_many(iter(fragments), batch=1)
        loaded = embedded.load()
        mentions = embedded.mentions()
    petro = next(e for e in contents["entities"] if e["id"] == "gustavo-petro")["p"]
    assert petro["aliases"] == next(e.aliases for e in loaded.entities
                                    if e.id == "gustavo-petro")
    assert [(m["a"], m["e"]) for m in contents["mentions"]] == mentions
    stored = {(r["s"], r["type"], r["t"], r["p"].get("date")):
              {name: r["p"][name] for name in EVIDENCE_LISTS} for r in contents["relations"]}
    articles = {a.id: a for a in loaded.articles}
    assert stored == {r.key: {name: relation_props(r, articles)[name] for name in EVIDENCE_LISTS}
                      for r in loaded.relations}


# -- failures -------------------------------------------------------------------------------


def _singles(count: int) -> list[GraphFragment]:
    """Articles art-1..art-N, each adding evidence to one shared edge and its own edge."""
    entities = [Entity(id="a", name="A", type="Person"), Entity(id="b", name="B",
                                                                 type="Country")]
    return [_article(f"art-{n}", [
        Relation(source="a", type="ACCUSED", target="b", date="2025", evidence=_evidence(
            f"art-{n}", n)),
        Relation(source="b", type="PRAISED", target="a", date=f"2025-{n:02d}",
                 evidence=_evidence(f"art-{n}", n))], entities) for n in range(1, count + 1)]


def _stored_articles(drv) -> list[str]:
    return [r["id"] for r in neo4j_support.run(drv, "MATCH (a:Article) RETURN a.id AS id "
                                                    "ORDER BY id")]


@pytest.mark.neo4j
def test_a_failed_batch_leaves_none_of_its_articles(store, drv, monkeypatch):
    real = neo4j_store._write
    calls: list[list[str | None]] = []

    def lost_at_the_end(tx, groups, dynamic):
        calls.append([g.article_id for g in groups])
        report = real(tx, groups, dynamic)  # every statement of the batch has run
        if "art-5" in calls[-1]:
            raise StoreUnavailable("lost the connection (test)")
        return report

    monkeypatch.setattr(neo4j_store, "_write", lost_at_the_end)
    with pytest.raises(StoreUnavailable):
        store.upsert_many(iter(_singles(9)), batch=3)
    assert calls == [["art-1", "art-2", "art-3"], ["art-4", "art-5", "art-6"]]  # no retry
    assert _stored_articles(drv) == ["art-1", "art-2", "art-3"]
    rows = neo4j_support.run(drv, "MATCH ()-[r:ACCUSED]->() RETURN r.article_ids AS a")
    assert rows == [{"a": ["art-1", "art-2", "art-3"]}]
    assert neo4j_support.run(drv, "MATCH (:Article)-[m:MENTIONS]->() "
                                  "RETURN count(m) AS n") == [{"n": 6}]


def _with_a_bad_article() -> list[GraphFragment]:
    fragments = _singles(5)
    bad = fragments[2]
    bad.articles[0].id = TOO_LONG
    for relation in bad.relations:
        relation.evidence = _evidence(TOO_LONG, 3)
    return fragments


@pytest.mark.neo4j
def test_a_bad_article_is_refused_alone_and_the_rest_of_its_batch_stored(store, drv):
    refused: list[tuple[str, StoreError]] = []
    report = store.upsert_many(iter(_with_a_bad_article()), batch=10,
                               on_error=lambda where, exc: refused.append((where, exc)))
    [(where, error)] = refused
    assert where == f"test.jsonl: article {'x' * 48}... (40000 characters)"
    assert "too large" in str(error) and "\n" not in str(error)
    assert _stored_articles(drv) == ["art-1", "art-2", "art-4", "art-5"]
    assert (report.articles_added, report.relations_added, report.evidence_added) == (4, 5, 8)
    rows = neo4j_support.run(drv, "MATCH ()-[r:ACCUSED]->() RETURN r.article_ids AS a")
    assert rows == [{"a": ["art-1", "art-2", "art-4", "art-5"]}]


@pytest.mark.neo4j
def test_without_an_error_handler_a_bad_article_stops_as_with_batch_1(store, drv):
    with pytest.raises(StoreError, match="too large"):
        store.upsert_many(iter(_with_a_bad_article()), batch=10)
    assert _stored_articles(drv) == ["art-1", "art-2"]


@pytest.mark.neo4j
def test_entities_of_earlier_articles_in_the_batch_count_as_known(store, drv):
    actor = Entity(id="only-here", name="Only Here", type="Person")
    b = Entity(id="b", name="B", type="Country")
    fragments = [
        _article("defines", [Relation(source="only-here", type="MET_WITH", target="b",
                                      evidence=_evidence("defines"))], [actor, b]),
        _article("uses", [Relation(source="only-here", type="URGED", target="b",
                                   evidence=_evidence("uses"))], []),
        _article("too-early", [Relation(source="later", type="URGED", target="b",
                                        evidence=_evidence("too-early"))], []),
        _article("defines-later", [], [Entity(id="later", name="Later", type="Person")]),
    ]
    refused: list[str] = []
    store.upsert_many(iter(fragments), batch=10,
                      on_error=lambda where, exc: refused.append(f"{where}: {exc}"))
    assert refused == ["test.jsonl: article too-early: cannot store ('later', 'URGED', 'b', "
                       "None): unknown entity 'later'"]
    assert _stored_articles(drv) == ["defines", "defines-later", "uses"]


@pytest.mark.neo4j
def test_a_fragment_refused_before_writing_stops_as_with_batch_1(store, drv):
    fragments = _singles(4)
    fragments[2].relations[0].target = "nobody"
    with pytest.raises(StoreError, match="unknown entity 'nobody'"):
        store.upsert_many(iter(fragments), batch=10)
    assert _stored_articles(drv) == ["art-1", "art-2"]


# -- streaming and bounds ---------------------------------------------------------------------


@pytest.mark.neo4j
def test_a_slow_source_sees_its_articles_land(store, drv, monkeypatch):
    monkeypatch.setattr(store_module, "BATCH_WAIT", 0.2)
    seen: list[list[str]] = []

    def slowly() -> Iterator[GraphFragment]:
        for fragment in _singles(4):
            seen.append(_stored_articles(drv))
            yield fragment
            time.sleep(0.3)

    store.upsert_many(slowly(), batch=100)
    assert seen == [[], [], ["art-1"], ["art-1", "art-2"]]


def test_batches_are_bounded_and_the_input_is_read_as_they_fill(monkeypatch):
    monkeypatch.setattr(store_module, "BATCH_RELATIONS", 100)
    pulled = itertools.count(1)
    written: list[tuple[int, int, int]] = []  # (groups, relations, fragments read so far)
    read = [0]

    def source() -> Iterator[GraphFragment]:
        sizes = [30] * 10 + [150] + [1] * 7
        for n, size in enumerate(sizes):
            read[0] = next(pulled)
            yield _article(f"f{n}", [Relation(source="a", type="ACCUSED", target="b",
                                              date="2025", evidence=_evidence(f"f{n}", i))
                                     for i in range(size)], [])

    def write(groups) -> UpsertReport:
        written.append((len(groups), sum(len(g.relations) for g in groups), read[0]))
        return UpsertReport(articles_added=len(groups))

    report = write_batches(source(), lambda fragment, pending: None, write, batch=4)
    assert report.articles_added == 18
    assert written == [(3, 90, 4), (3, 90, 7), (3, 90, 10), (1, 30, 11), (1, 150, 12),
                       (4, 4, 16), (3, 3, 18)]
    with pytest.raises(ValueError, match="at least 1"):
        write_batches([], lambda fragment, pending: None, write, batch=0)


# -- concurrency ------------------------------------------------------------------------------


def _writer(settings: dict, worker: int, count: int) -> None:
    fragments = [GraphFragment(
        articles=[Article(id=f"w{worker}-{n}", text="t")],
        entities=[Entity(id="us-treasury", name="US Treasury", type="GovernmentBody",
                         aliases=[f"alias-{worker}"]),
                  Entity(id="gustavo-petro", name="Gustavo Petro", type="Person"),
                  Entity(id=f"own-{worker}", name=f"Own {worker}", type="Person")],
        relations=[Relation(source="us-treasury", type="SANCTIONED", target="gustavo-petro",
                            date="2025-10", evidence=_evidence(f"w{worker}-{n}", n)),
                   Relation(source=f"own-{worker}", type="PRAISED", target="gustavo-petro",
                            date="2025", evidence=_evidence(f"w{worker}-{n}", n))])
        for n in range(count)]
    with Neo4jStore(**settings) as neo:
        neo.upsert_many(iter(fragments), batch=4)


@pytest.mark.neo4j
@pytest.mark.slow
def test_processes_writing_batches_concurrently_lose_nothing(store):
    store.stats()  # schema first
    neo4j_support.run_writers(_writer, [(neo4j_support.settings(), w, 10) for w in range(3)],
                              timeout=180)
    stats = store.stats()
    assert (stats["articles"], stats["entities"], stats["relations"]) == (30, 5, 4)
    sanction = next(r for r in store.load().relations if r.type == "SANCTIONED")
    assert len(sanction.evidence) == 30
    treasury = next(e for e in store.load().entities if e.id == "us-treasury")
    assert sorted(treasury.aliases) == [f"alias-{w}" for w in range(3)]


# -- CLI --------------------------------------------------------------------------------------


def _jsonl(path: Path, ids: list[str]) -> Path:
    lines = [json.dumps({"id": i, "published": "2025-10-25",
                         "text": f"The US Treasury sanctioned Gustavo Petro on Friday ({n})."})
             for n, i in enumerate(ids)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.neo4j
def test_cli_ingest_refuses_only_the_bad_article(store, drv, tmp_path):
    articles = _jsonl(tmp_path / "feed.jsonl", ["a1", "a2", TOO_LONG, "a4"])
    runner = CliRunner()
    result = runner.invoke(main, ["--store", "neo4j", "ingest", "--quiet", "--batch", "10",
                                  str(articles)], env=neo4j_support.env())
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "not stored" in line]
    assert len(errors) == 1 and "feed.jsonl: article xxxx" in errors[0], result.stderr
    assert "too large" in errors[0] and TOO_LONG not in result.stderr
    assert "4 article(s) read, 3 new" in result.stderr
    assert _stored_articles(drv) == ["a1", "a2", "a4"]
    before = _contents(drv)
    again = runner.invoke(main, ["--store", "neo4j", "ingest", "--quiet", "--batch", "1",
                                 str(articles)], env=neo4j_support.env())
    assert again.exit_code == 1 and "4 article(s) read, 0 new" in again.stderr
    assert _contents(drv) == before
