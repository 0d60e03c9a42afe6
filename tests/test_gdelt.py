"""GDELT 2.0 event exports into the graph: the CAMEO table, actors, and the fixture's events
landing in the embedded store and in Neo4j with the right dates, types and categories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geokg.extract.gazetteer import load_gazetteer
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import EntityType
from geokg.graph.vocabulary import PLOVER_CATEGORIES, load_vocabulary
from geokg.loaders.gdelt import COLUMNS, Actor, ActorResolver, load_cameo
from geokg.loaders.readers import article_id
from geokg.pipeline import RunReport, ingest_paths
from tests import neo4j_support

FIXTURES = Path(__file__).parent / "fixtures"
GDELT = FIXTURES / "20251025001500.export.CSV"
GDELT_ZIP = FIXTURES / "20251025001500.export.CSV.zip"

# The fixture's five importable events: (source, type, target, date, category, CAMEO code,
# Goldstein, SOURCEURL). Two more are skipped: one without Actor2 (CAMEO 190), one public
# statement (CAMEO 010, which maps to no type).
EXPECTED = [
    ("united-states", "SANCTIONED", "gustavo-petro", "2025-10-24", "SANCTION", "163", -8.0,
     "https://news.example.org/world/2025/10/us-treasury-sanctions-petro"),
    # COLGOV "PRESIDENT" on 2025-10-25: the office holder of the gazetteer
    ("gustavo-petro", "ACCUSED", "united-states", "2025-10-25", "ACCUSE", "1123", -4.4,
     "https://news.example.org/world/2025/10/petro-accuses-us"),
    ("russia", "MET_WITH", "venezuela", "2025-10-20", "CONSULT", "042", 1.9,
     "https://wire.example.com/2025/10/20/russia-venezuela-visit"),
    ("colombian-police", "ARRESTED", "colombian-rebel", "2025-10-22", "COERCE", "173", -5.0,
     "https://wire.example.com/2025/10/22/bogota-arrests"),
    # 0841 (release persons): CONCEDED, with the table's PLOVER category RETREAT
    ("united-states", "CONCEDED", "venezuela", "2025-10-23", "RETREAT", "0841", 1.9,
     "https://wire.example.com/2025/10/23/prisoner-release"),
]
DOCUMENTED_DIFFERENCES = {"05", "050", "054", "057", "0813", "0814", "084", "0841", "0842",
                          "085", "086", "0861", "0862", "0863", "166", "1661", "1662", "1663",
                          "192", "201"}


# -- the CAMEO table ----------------------------------------------------------------------


def test_cameo_table_types_are_in_the_vocabulary_and_categories_are_plover():
    table = load_cameo()
    vocabulary = load_vocabulary()
    assert [c for c in table.codes if len(c) == 2] == [f"{n:02d}" for n in range(1, 21)]
    assert len(table.codes) > 300
    for item in table.codes.values():
        assert item.name
        if item.type is not None:
            assert item.type in vocabulary.actions, item
            assert item.plover in PLOVER_CATEGORIES, item


def test_cameo_categories_differ_from_the_vocabulary_only_where_documented():
    vocabulary = load_vocabulary()
    differing = {c.code for c in load_cameo().codes.values()
                 if c.type and c.plover != vocabulary.category(c.type)}
    assert differing == DOCUMENTED_DIFFERENCES


@pytest.mark.parametrize("code, name, kind, plover", [
    ("163", "Impose embargo, boycott, or sanctions", "SANCTIONED", "SANCTION"),
    ("1621", "Reduce or stop economic assistance", "HALTED_AID", "SANCTION"),
    ("161", "Reduce or break diplomatic relations", "RECALLED_AMBASSADOR", "SANCTION"),
    ("0211", "Appeal for economic cooperation", "REQUESTED", "REQUEST"),
    ("0241", "Appeal for change in leadership", "URGED", "REQUEST"),
    ("036", "Express intent to meet or negotiate", "AGREED", "AGREE"),
    ("1121", "Accuse of crime, corruption", "ACCUSED", "ACCUSE"),
    ("111", "Criticize or denounce", "CRITICIZED", "ACCUSE"),
    ("0871", "Declare truce, ceasefire", "RETREATED", "RETREAT"),
    ("173", "Arrest, detain, or charge with legal action", "ARRESTED", "COERCE"),
    ("1384", "Threaten conventional attack", "THREATENED", "THREATEN"),
    ("195", "Employ aerial weapons, not specified below", "ATTACKED", "ASSAULT"),
    ("1129", "Accuse, not specified below", "ACCUSED", "ACCUSE"),  # unknown: its base code
    ("10", "Demand", "REQUESTED", "REQUEST"),
    ("010", "Make statement, not specified below", None, None),
])
def test_cameo_lookup(code, name, kind, plover):
    found = load_cameo().lookup(code)
    assert (found.code, found.name, found.type, found.plover) == (code, name, kind, plover)


def test_cameo_lookup_of_an_unknown_root_is_none():
    assert load_cameo().lookup("99") is None and load_cameo().lookup("991") is None


# -- actors -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_cameo(), load_gazetteer())


def resolve(resolver, code="", name="", country="", group="", type1="", day="2025-10-24"):
    return resolver.resolve(Actor(code, name, country, group, type1),
                            dt.date.fromisoformat(day))


@pytest.mark.parametrize("fields, expected", [
    (("USA", "UNITED STATES", "USA"), ("united-states", EntityType.COUNTRY)),
    (("USA", "NEW YORK", "USA"), ("united-states", EntityType.COUNTRY)),  # city as country
    (("USAGOV", "WASHINGTON", "USA", "", "GOV"), ("united-states", EntityType.COUNTRY)),
    (("ROM", "ROMANIA", "ROM"), ("romania", EntityType.COUNTRY)),  # CAMEO ROM is ISO ROU
    (("COLGOV", "GUSTAVO PETRO", "COL", "", "GOV"), ("gustavo-petro", EntityType.PERSON)),
    (("USAGOV", "PRESIDENT", "USA", "", "GOV"), ("donald-trump", EntityType.PERSON)),
    (("COLCOP", "POLICE", "COL", "", "COP"), ("colombian-police", EntityType.GOVERNMENT_BODY)),
    (("VENMIL", "SECURITY FORCES", "VEN", "", "MIL"),
     ("venezuelan-security-forces", EntityType.GOVERNMENT_BODY)),
    (("REB", "REBEL", "", "", "REB"), ("rebel", EntityType.ARMED_GROUP)),
    (("AFR", "AFRICA", "AFR"), ("africa", EntityType.LOCATION)),
    (("COLGOV", "JOHN SMITH", "COL", "", "GOV"), ("john-smith", EntityType.PERSON)),
    (("USAGOV", "STATE DEPARTMENT", "USA", "", "GOV"),  # the gazetteer's
     ("us-state-department", EntityType.GOVERNMENT_BODY)),
    (("PERJUD", "ELECTORAL TRIBUNAL", "PER", "", "JUD"),
     ("electoral-tribunal", EntityType.GOVERNMENT_BODY)),
    (("IGOUNO", "UNITED NATIONS", "", "UNO", "IGO"), None),  # the gazetteer's, whatever id
    (("NGO", "HUMAN RIGHTS WATCH", "", "", "NGO"),
     ("human-rights-watch", EntityType.ORGANIZATION)),
    (("XYZ", "FREEDONIA", "XYZ"), ("freedonia", EntityType.COUNTRY)),
])
def test_actor_resolution(resolver, fields, expected):
    entity = resolve(resolver, *fields)
    if expected is None:
        assert entity.type == EntityType.IGO
    else:
        assert (entity.id, entity.type) == expected


def test_missing_actor_is_none(resolver):
    assert resolve(resolver) is None


# -- into the stores ----------------------------------------------------------------------


def _edges(fragment):
    return sorted(
        (r.source, r.type, r.target, r.date, r.category, r.properties.get("cameo"),
         r.properties.get("goldstein"), r.evidence[0].article) for r in fragment.relations)


def _expected():
    return sorted((s, t, o, d, c, code, g, article_id(url, ""))
                  for s, t, o, d, c, code, g, url in EXPECTED)


def check_store(store, fixture: Path) -> None:
    report = ingest_paths(store, [fixture], report=RunReport())
    assert report.errors == []
    assert report.articles == 5 and report.relations == 5
    assert report.stored.relations_added == 5 and report.stored.articles_added == 5
    [warning] = report.warnings
    assert warning == (f"{fixture}: 2 of 7 GDELT event(s) skipped: 1 without two actors, 1 "
                       "with a CAMEO code that maps to no relationship type") or \
        warning.startswith(f"{fixture}:20251025001500.export.CSV: 2 of 7 GDELT event(s)")
    graph = store.load()
    assert _edges(graph) == _expected()
    for relation in graph.relations:
        [evidence] = relation.evidence
        assert evidence.rule == f"gdelt:cameo:{relation.properties['cameo']}"
        assert (evidence.start, evidence.end) == (0, 0)
        assert evidence.sentence.startswith("GDELT event 12682010")
        assert relation.confidence == 0.5
    urls = {a.url for a in graph.articles}
    assert urls == {e[-1] for e in EXPECTED}
    # Cypher sees the dates as dates (date_start / date_end of the day)
    rows = store.cypher("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.date_start >= date('2025-10-23') "
                        "RETURN a.id AS source, type(r) AS type, r.category AS category, "
                        "r.date AS date, toString(r.date_end) AS until "
                        "ORDER BY date, source")
    assert rows == [
        {"source": "united-states", "type": "CONCEDED", "category": "RETREAT",
         "date": "2025-10-23", "until": "2025-10-23"},
        {"source": "united-states", "type": "SANCTIONED", "category": "SANCTION",
         "date": "2025-10-24", "until": "2025-10-24"},
        {"source": "gustavo-petro", "type": "ACCUSED", "category": "ACCUSE",
         "date": "2025-10-25", "until": "2025-10-25"}]
    mentions = store.cypher("MATCH (a:Article)-[:MENTIONS]->(e:Entity) "
                            "WHERE a.url ENDS WITH 'bogota-arrests' RETURN e.id AS id ORDER BY id")
    assert [m["id"] for m in mentions] == ["colombian-police", "colombian-rebel"]
    again = ingest_paths(store, [fixture], report=RunReport())
    assert (again.stored.relations_added, again.stored.evidence_added,
            again.stored.articles_added) == (0, 0, 0)


@pytest.mark.parametrize("fixture", [GDELT, GDELT_ZIP], ids=["plain", "zip"])
def test_gdelt_events_land_in_the_embedded_store(tmp_path, fixture):
    with EmbeddedStore(tmp_path / "g.db") as store:
        check_store(store, fixture)


def test_fixture_is_the_real_layout():
    for line in GDELT.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        assert len(fields) == len(COLUMNS) == 61
        assert fields[COLUMNS.index("SOURCEURL")].startswith("https://")
        assert len(fields[COLUMNS.index("DATEADDED")]) == 14


@pytest.fixture
def neo4j_store(drv):
    yield from neo4j_support.store_fixture(drv)


@pytest.mark.neo4j
def test_gdelt_events_land_in_neo4j(neo4j_store):
    check_store(neo4j_store, GDELT_ZIP)
