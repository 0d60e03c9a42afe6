"""Extraction on a Dask cluster (`--cluster`), the Parquet tables, `geokg load` and the CSV
bundle from them give what one process gives, also when a worker dies mid-run."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster, WorkerPlugin

from geokg.cli import main
from geokg.cluster import tables
from geokg.cluster.run import extract_to_parquet
from geokg.cluster.runner import ReadOptions, worker_extractor
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import ClusterError, ClusterUsageError, GeokgError
from geokg.graph.model import Entity, EntityType, GraphFragment
from geokg.pipeline import RunReport

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "geokg" / "examples"
ARTICLES = ROOT / "tests" / "articles"


@pytest.fixture(scope="module")
def cluster_address():
    """A local cluster of 2 worker processes for the module, extractors built."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: bool(worker_extractor()))
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Our articles, one of them twice (the copy adds nothing), and a bad file."""
    folder = tmp_path_factory.mktemp("cluster") / "corpus"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted(ARTICLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], folder / "zz-duplicate.txt")
    (folder / "zz-bad.jsonl").write_text('{"text": "Colombia criticized Venezuela."}\nnot json\n',
                                         encoding="utf-8")
    return folder


def _run(args: list[str], code: int = 0) -> tuple[str, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> dict:
    """`extract --format json` and an `ingest --jobs 1` store of the corpus."""
    db = tmp_path_factory.mktemp("one") / "one.db"
    out, _ = _run(["extract", "--format", "json", str(corpus)], code=1)
    _, ingested = _run(["--db", str(db), "ingest", "--quiet", str(corpus)], code=1)
    return {"json": json.loads(out), "ingest_stderr": ingested, "db": db}


def _table(folder: Path, name: str) -> pd.DataFrame:
    frame = pd.read_parquet(folder / name).sort_values("seq").drop(columns="seq")
    return frame.astype(object).where(frame.notna(), None)


def _rows_of(folder: Path) -> dict:
    """The Parquet tables read back with pandas, shaped as `extract --format json` is."""
    articles = _table(folder, "articles").drop(columns="text").to_dict("records")
    for article in articles:
        article["published"] = article["published"] and article["published"].isoformat()
        if article["extractor"] is None:  # the JSON shows `extractor` only when known
            del article["extractor"]
    entities = [{**e, "aliases": list(e["aliases"])}
                for e in _table(folder, "entities").drop(columns="roles").to_dict("records")]
    evidence: dict[str, list] = {}
    for item in _table(folder, "evidence").to_dict("records"):
        relation = item.pop("relation")
        evidence.setdefault(relation, []).append(
            {**item, "start": int(item["start"]), "end": int(item["end"])})
    relations = [{**{k: v for k, v in r.items() if k != "id"},
                  "properties": json.loads(r["properties"]), "evidence": evidence.pop(r["id"])}
                 for r in _table(folder, "relations").to_dict("records")]
    assert not evidence  # every evidence row belongs to a relation
    return {"articles": articles, "entities": entities, "relations": relations}


def _same_store(one: Path, other: Path, ordered: bool = True) -> None:
    with EmbeddedStore(one) as a, EmbeddedStore(other) as b:
        assert a.stats() == b.stats()
        assert a.stats()["relations"] > 20
        assert a.mentions() == b.mentions()
        if ordered:
            assert a.load() == b.load()
        else:
            key = {"articles": lambda x: x.id, "entities": lambda x: x.id,
                   "relations": lambda x: [str(v) for v in x.key]}
            for name, sort in key.items():
                assert sorted(getattr(a.load(), name), key=sort) == sorted(
                    getattr(b.load(), name), key=sort)


@pytest.mark.slow  # worker processes
def test_ingest_on_a_local_cluster_stores_what_one_job_stores(corpus, one_process, tmp_path):
    db = tmp_path / "cluster.db"
    _, err = _run(["--db", str(db), "ingest", "--quiet", "--cluster", "local:2",
                   "--shard-files", "3", str(corpus)], code=1)
    _same_store(one_process["db"], db)
    assert "zz-bad.jsonl:2: malformed JSON line" in err  # reported, the rest stored
    assert err.splitlines()[-1] == one_process["ingest_stderr"].splitlines()[-1]  # counts


@pytest.mark.slow  # worker processes
def test_parquet_tables_have_the_rows_of_extract_json(corpus, one_process, cluster_address,
                                                      tmp_path):
    out = tmp_path / "tables"
    _, err = _run(["extract", "--cluster", cluster_address, "--format", "parquet",
                   "--partitions", "3", "--shard-files", "2", "--out", str(out), str(corpus)],
                  code=1)
    assert "zz-bad.jsonl:2: malformed JSON line" in err
    expected = one_process["json"]
    assert _rows_of(out) == {k: expected[k] for k in ("articles", "entities", "relations")}
    assert sorted(p.name for p in out.iterdir()) == sorted(tables.TABLES)  # staging removed
    relations = pd.read_parquet(out / "relations")
    assert relations["id"].is_unique
    first = expected["relations"][0]
    assert first["source"] in set(relations["source"])


@pytest.mark.slow  # worker processes
def test_extract_json_on_the_cluster_is_identical(corpus, one_process, cluster_address):
    out, _ = _run(["extract", "--cluster", cluster_address, "--shard-files", "4", "--format",
                   "json", str(corpus)], code=1)
    assert json.loads(out) == one_process["json"]


def test_load_and_csv_bundle_from_parquet_equal_the_ingested_store(corpus, one_process,
                                                                   tmp_path):
    out = tmp_path / "tables"
    report = RunReport()
    extract_to_parquet([str(corpus)], str(out), report, partitions=4, shard_files=5)
    db = tmp_path / "loaded.db"
    _, err = _run(["--db", str(db), "load", str(out)])
    assert "new article(s)" in err
    _same_store(one_process["db"], db, ordered=False)
    _, again = _run(["--db", str(db), "load", str(out)])  # loading twice adds nothing
    assert "loaded" in again and " 0 new article(s), 0 new entities, 0 new relation(s), " \
        "0 evidence added" in again

    ours, theirs = tmp_path / "from-parquet", tmp_path / "from-store"
    _run(["export", "csv", "--parquet", str(out), str(ours)])
    _run(["--db", str(one_process["db"]), "export", "csv", str(theirs)])
    for name in ("entities.csv", "articles.csv", "relations.csv", "mentions.csv", "README.txt"):
        a, b = (_csv_rows(folder / name) for folder in (ours, theirs))
        assert a == b, name
    assert len(_csv_rows(ours / "mentions.csv")) > 20


def _csv_rows(path: Path) -> list:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [rows[0], *sorted(rows[1:])] if rows else rows


def test_fsspec_url_inputs_read_like_local_paths(corpus, one_process, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "remote"
    report_local, report_remote = RunReport(), RunReport()
    extract_to_parquet([str(corpus)], str(local), report_local, partitions=2)
    extract_to_parquet([f"file://{corpus}", "file:///no/such/folder"], f"file://{remote}",
                       report_remote, partitions=2)
    assert _rows_of(local) == _rows_of(remote)
    assert "file:///no/such/folder: no such file or folder" in report_remote.errors
    assert any(e.startswith(f"file://{corpus}/zz-bad.jsonl:2:") for e in report_remote.errors)


def test_entities_fold_across_shards_as_article_by_article():
    """Folding each shard, then the shards, equals `GraphFragment.merge` article by article."""
    seen = [Entity(id="p", name="Gustavo Petro", type=EntityType.PERSON, aliases=["Petro"]),
            Entity(id="p", name="Petro", type=EntityType.PERSON, roles=["president"]),
            Entity(id="p", name="President Petro", type=EntityType.PERSON, aliases=["Petro"],
                   country="COL"),
            Entity(id="p", name="Gustavo Petro", type=EntityType.PERSON, wikidata="Q57",
                   aliases=["G. Petro"], roles=["president", "leader"])]
    expected = GraphFragment()
    for entity in seen:
        expected.merge(GraphFragment(entities=[entity]))
    for split in range(1, len(seen)):
        fold = tables.EntityFold()
        for shard, part in enumerate((seen[:split], seen[split:])):
            rows = tables.shard_rows([GraphFragment(entities=[e]) for e in part], shard)
            for row in rows["entities"]:
                fold.add(row)
        (row,) = fold.merged()
        assert tables.to_entity(row) == expected.entities[0], split


def test_a_bad_cluster_address_is_a_one_line_usage_error(corpus):
    _, err = _run(["extract", "--cluster", "nowhere", str(corpus)], code=2)
    assert err.startswith("error: --cluster 'nowhere': use local:N or a scheduler address")
    assert len(err.splitlines()) == 1
    assert issubclass(ClusterUsageError, GeokgError) and issubclass(ClusterUsageError,
                                                                    ClusterError)


@pytest.mark.parametrize(("args", "message"), [
    (["extract", "--format", "parquet"], "error: --format parquet needs --out DIR"),
    (["export", "graphml", "out.graphml", "--parquet"], "error: --parquet goes with the csv "
                                                        "format only"),
])
def test_parquet_options_used_wrongly_are_usage_errors(corpus, tmp_path, args, message):
    _, err = _run([*args, str(corpus if args[0] == "extract" else tmp_path)], code=2)
    assert err.strip() == message


def test_load_of_a_folder_without_tables_is_one_line_exit_1(tmp_path):
    _, err = _run(["--db", str(tmp_path / "g.db"), "load", str(tmp_path)], code=1)
    assert err.strip() == f"error: {tmp_path}/relations: no Parquet parts (not a geokg " \
                          "Parquet folder)"


class DieOnce(WorkerPlugin):
    """Kills its worker process when a shard task starts, once per marker file."""

    def __init__(self, marker: str, shard: int) -> None:
        self.marker, self.shard = marker, shard

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish == "executing" and str(key).endswith(f"-{self.shard}") and "geokg-shard" in str(
                key):
            try:
                os.remove(self.marker)
            except FileNotFoundError:
                return
            os._exit(1)


@pytest.mark.slow  # worker processes
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(corpus, one_process,
                                                              cluster_address, tmp_path):
    marker = tmp_path / "kill-once"
    marker.write_text("armed")
    with Client(cluster_address) as client:
        client.register_plugin(DieOnce(str(marker), shard=4), name="die-once")
    out = tmp_path / "tables"
    report = RunReport()
    extract_to_parquet([str(corpus)], str(out), report, cluster_address,
                       ReadOptions(), partitions=3, shard_files=2)
    assert not marker.exists()  # a worker did die, at the start of shard 4
    expected = one_process["json"]
    assert _rows_of(out) == {k: expected[k] for k in ("articles", "entities", "relations")}
    assert report.articles == len(expected["articles"]) + 1  # and the duplicate
    assert len([e for e in report.errors if "zz-bad.jsonl" in e]) == 1
