"""Exports cannot hurt their reader or the store: CSV cells that a spreadsheet would run as a
formula are neutralized and NUL bytes dropped; `export`/`viz` never write over the store, and
over an existing file that is not an export of theirs only with --force."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.exports.csvbundle import write_csv_bundle
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.model import Article, Entity, Evidence, GraphFragment, Relation
from geokg.graph.network import fragment_to_networkx

FORMULAS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def _fragment() -> GraphFragment:
    entities = [Entity(id=f"e{i}", name=name, type="Person", aliases=[name, "plain"])
                for i, name in enumerate(FORMULAS)]
    entities.append(Entity(id="nul", name="Nul\x00Name", type="Country"))
    evidence = [Evidence(article="a1", sentence="s", start=0, end=1, rule="rules:x")]
    return GraphFragment(
        articles=[Article(id="a1", title="=cmd|' /C calc'!A0", source="@feed", text="s")],
        entities=entities,
        relations=[Relation(source="e0", target="nul", type="ACCUSED", evidence=evidence,
                            confidence=0.5)])


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_cells_never_start_a_formula_and_hold_no_nul(tmp_path):
    folder = write_csv_bundle(fragment_to_networkx(_fragment()), tmp_path / "bundle")
    for name in ("entities.csv", "articles.csv", "relations.csv", "mentions.csv"):
        assert b"\x00" not in (folder / name).read_bytes()
        for row in _cells(folder / name)[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    names = {row[0]: row[1] for row in _cells(folder / "entities.csv")[1:]}
    assert names["e0"] == "'" + FORMULAS[0]
    assert names["e2"] == "'-2+3"
    assert names["nul"] == "NulName"
    assert _cells(folder / "articles.csv")[1][1] == "'=cmd|' /C calc'!A0"
    relation = _cells(folder / "relations.csv")[1]
    assert relation[9] == "0.5"  # numbers as they are


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "g.db"
    with EmbeddedStore(path) as store:
        store.upsert(_fragment())
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _geokg(db: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db), *args])


@pytest.mark.parametrize("args", [["export", "graphml"], ["export", "json"], ["export", "csv"],
                                  ["viz", "--out"]])
def test_exports_never_overwrite_the_store(db, args):
    before = _digest(db)
    for force in ([], ["--force"]):
        result = _geokg(db, *args, str(db), *force)
        assert result.exit_code == 1, result.output
        assert "is the store itself" in result.stderr
    assert _digest(db) == before
    with EmbeddedStore(db) as store:
        assert store.stats()["entities"] == len(FORMULAS) + 1


def test_an_existing_file_that_is_not_an_export_needs_force(db, tmp_path):
    notes = tmp_path / "notes.graphml"
    notes.write_text("my notes\n", encoding="utf-8")
    result = _geokg(db, "export", "graphml", str(notes))
    assert result.exit_code == 1 and "not a geokg graphml export" in result.stderr
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    page = tmp_path / "page.html"
    page.write_text("<p>mine</p>", encoding="utf-8")
    assert _geokg(db, "viz", "--out", str(page)).exit_code == 1
    assert page.read_text(encoding="utf-8") == "<p>mine</p>"
    assert _geokg(db, "export", "graphml", str(notes), "--force").exit_code == 0
    assert "<graphml" in notes.read_text(encoding="utf-8")


def test_an_earlier_export_is_overwritten_without_force(db, tmp_path):
    for args, out in ((["export", "graphml"], "g.graphml"), (["export", "gexf"], "g.gexf"),
                      (["export", "json"], "g.json"), (["export", "csv"], "bundle"),
                      (["viz", "--out"], "map.html")):
        for _ in range(2):
            result = _geokg(db, *args, str(tmp_path / out))
            assert result.exit_code == 0, (args, result.output)


def test_a_csv_bundle_is_not_written_into_a_folder_of_other_files(db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "thesis.tex").write_text("x", encoding="utf-8")
    result = _geokg(db, "export", "csv", str(folder))
    assert result.exit_code == 1 and "thesis.tex" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.tex"]
