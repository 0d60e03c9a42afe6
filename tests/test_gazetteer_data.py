"""Data checks for the built-in gazetteer (geokg/extract/gazetteer.yaml).

The loader keeps the first entity for a surface form and silently drops later ones, so the
uniqueness checks here re-read the YAML itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
import yaml

from geokg.extract.gazetteer import DEFAULT_FILE, load_gazetteer, slugify
from geokg.graph.model import EntityType

DAY = dt.date(2025, 11, 27)

_UN_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE DNK DJI DMA
DOM COD ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY
HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR
LBY LIE LTU LUX MKD MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
NRU NPL NLD NZL NIC NER NGA PRK NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA WSM
SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF KOR SSD ESP LKA KNA LCA VCT SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
"""
UN_MEMBERS = set(_UN_CODES.split())
OTHERS = {"PSE", "XKX", "TWN", "VAT", "ESH"}
G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS",
       "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
AMERICAS = ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PRY", "PER", "SUR", "URY", "VEN",
            "CAN", "USA", "MEX", "BLZ", "CRI", "SLV", "GTM", "HND", "NIC", "PAN", "ATG", "BHS",
            "BRB", "CUB", "DMA", "DOM", "GRD", "HTI", "JAM", "KNA", "LCA", "VCT", "TTO"]
# Demonyms genuinely shared by two countries; the first-listed country keeps them.
SHARED_DEMONYMS = {"Dominican", "Dominicans", "Congolese"}


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _entities(raw: dict) -> list[tuple[str, str, list[str]]]:
    """(id, name, aliases) for every country and actor entry, in file order."""
    out = []
    for spec in raw["countries"].values():
        out.append((slugify(spec["name"]), spec["name"], list(spec.get("aliases") or [])))
    for spec in raw["actors"]:
        out.append((spec.get("id") or slugify(spec["name"]), spec["name"],
                    list(spec.get("aliases") or [])))
    return out


def test_it_loads(gaz):
    assert gaz.entities and gaz.offices


def test_every_un_member_and_the_others_are_countries(gaz, raw):
    assert len(gaz.country_ids) >= 193
    missing = (UN_MEMBERS | OTHERS) - set(raw["countries"])
    assert not missing
    assert len(UN_MEMBERS) == 193
    for iso3, entity_id in gaz.country_ids.items():
        assert gaz.entities[entity_id].type == EntityType.COUNTRY, iso3
        assert len(iso3) == 3 and iso3.isupper(), iso3


def test_every_country_has_a_demonym(raw):
    assert [iso for iso, spec in raw["countries"].items() if not spec.get("demonyms")] == []


def test_no_surface_form_names_two_entities(raw):
    owners: dict[str, set[str]] = defaultdict(set)
    for entity_id, name, aliases in _entities(raw):
        for form in [name, *aliases]:
            owners[form].add(entity_id)
    clashes = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert clashes == {}


def test_country_and_actor_ids_do_not_collide(raw):
    countries = {slugify(spec["name"]) for spec in raw["countries"].values()}
    assert len(countries) == len(raw["countries"])
    actors = [spec.get("id") or slugify(spec["name"]) for spec in raw["actors"]]
    assert countries.isdisjoint(actors)


def test_demonyms_and_capitals_name_one_country(raw):
    for field, allowed in (("demonyms", SHARED_DEMONYMS), ("capitals", set())):
        owners: dict[str, set[str]] = defaultdict(set)
        for iso3, spec in raw["countries"].items():
            for form in spec.get(field) or []:
                owners[form].add(iso3)
        clashes = {f: c for f, c in owners.items() if len(c) > 1 and f not in allowed}
        assert clashes == {}, field


def test_offices_are_well_formed(gaz):
    known_bodies = set(gaz.entities)
    for office in gaz.offices:
        assert office.holder in gaz.entities
        assert gaz.entities[office.holder].type == EntityType.PERSON, office
        assert office.start is not None, office
        assert office.end is None or office.start < office.end, office
        assert office.country is None or office.country in gaz.country_ids, office
        assert office.body is None or office.body in known_bodies, office
        assert office.country or office.body, office
        assert not (office.head and office.country is None), office


def test_actor_countries_are_known(gaz):
    for entity in gaz.entities.values():
        assert entity.country is None or entity.country in gaz.country_ids, entity.id


def test_one_leader_at_a_time(gaz):
    heads = defaultdict(list)
    for office in gaz.offices:
        if office.head:
            heads[office.country].append(office)
    for country, offices in heads.items():
        offices.sort(key=lambda o: o.start)
        for before, after in zip(offices, offices[1:], strict=False):
            assert before.end is not None and before.end <= after.start, (country, before, after)


def test_presidents_load_before_vice_presidents(gaz):
    """holder(..., "president") also matches "Vice President": the President must come first."""
    seen_vice: dict[str, int] = {}
    for index, office in enumerate(gaz.offices):
        if office.role == "Vice President":
            seen_vice.setdefault(office.country, index)
        elif office.role == "President" and office.country in seen_vice:
            pytest.fail(f"{office.holder} (President of {office.country}) loads after a VP")


@pytest.mark.parametrize("iso3", sorted(set(G20) | set(AMERICAS)))
def test_every_g20_and_american_country_has_a_leader(gaz, iso3):
    holder = gaz.holder(iso3, "leader", DAY)
    assert holder is not None, iso3
    assert gaz.entities[holder].type == EntityType.PERSON


@pytest.mark.parametrize("iso3", sorted(set(G20) - {"USA"}))
def test_every_g20_member_has_a_foreign_minister(gaz, iso3):
    assert gaz.holder(iso3, "foreign minister", DAY) is not None


def test_spot_checks(gaz):
    assert gaz.holder("COL", "leader", DAY) == "gustavo-petro"
    assert gaz.holder("USA", "leader", dt.date(2024, 6, 1)) == "joe-biden"
    assert gaz.holder("GBR", "leader", dt.date(2025, 6, 1)) == "keir-starmer"
    assert gaz.holder("VEN", "foreign minister", DAY) is not None
    assert gaz.holder("VEN", "president", DAY) == "nicolas-maduro"
    assert gaz.holder("USA", "secretary of state", DAY) == "marco-rubio"
    assert gaz.holder("USA", "secretary of state", dt.date(2023, 1, 1)) == "antony-blinken"
    assert gaz.holder("USA", "vice president", DAY) == "jd-vance"
    assert gaz.holder("GBR", "leader", dt.date(2022, 10, 1)) == "liz-truss"
    assert gaz.holder("DEU", "leader", dt.date(2023, 1, 1)) == "olaf-scholz"
    assert gaz.holder("FRA", "leader", DAY) == "emmanuel-macron"
    assert gaz.holder("ISR", "leader", dt.date(2022, 1, 1)) == "naftali-bennett"
    assert gaz.holder("ISR", "leader", dt.date(2019, 1, 1)) == "benjamin-netanyahu"
    assert gaz.holder("IRN", "leader", DAY) == "ali-khamenei"
    assert gaz.holder("IRN", "president", DAY) == "masoud-pezeshkian"
    assert gaz.holder("BOL", "leader", dt.date(2025, 11, 1)) == "luis-arce"
    assert gaz.holder("BOL", "leader", DAY) == "rodrigo-paz"
    assert gaz.holder(None, "secretary-general", DAY) in {"antonio-guterres", "mark-rutte"}


def test_surface_forms_resolve(gaz):
    for form, entity_id in {
        "UAE": "united-arab-emirates", "DRC": "democratic-republic-of-the-congo",
        "Democratic Republic of the Congo": "democratic-republic-of-the-congo",
        "Ivory Coast": "ivory-coast", "Burma": "myanmar", "Holy See": "vatican",
        "Nicolas Maduro": "nicolas-maduro", "Sheinbaum": "claudia-sheinbaum",
        "Gulf Clan": "clan-del-golfo", "Ansar Allah": "houthis", "RSF": "rapid-support-forces",
    }.items():
        assert gaz.surface[form] == entity_id, form
    assert gaz.demonyms["Nigerians"] == "nigeria"
    assert gaz.capitals["Downing Street"] == "united-kingdom"
    assert gaz.capitals["Élysée"] == "france"
