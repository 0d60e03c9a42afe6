"""`--jobs N` (worker processes for extraction) gives exactly what one job gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.loaders.items import Coded, Text
from geokg.parallel import extract_parallel
from geokg.pipeline import RunReport, extract_articles

EXAMPLES = Path(__file__).resolve().parents[1] / "geokg" / "examples"
ARTICLES = Path(__file__).resolve().parent / "articles"


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")) + sorted(ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    # The same article twice: the second copy adds nothing, whatever process extracted it.
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], folder / "zz-duplicate.txt")
    return folder


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
def test_ingest_with_two_jobs_stores_the_same_graph(tmp_path):
    corpus = _corpus(tmp_path)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    _run(["--db", str(one), "ingest", "--quiet", str(corpus)])
    _run(["--db", str(two), "ingest", "--quiet", "--jobs", "2", str(corpus)])
    with EmbeddedStore(one) as a, EmbeddedStore(two) as b:
        assert a.stats() == b.stats()
        assert a.stats()["relations"] > 0
        assert a.load() == b.load()
        assert a.mentions() == b.mentions()


@pytest.mark.slow
def test_extract_json_with_two_jobs_is_identical(tmp_path):
    corpus = _corpus(tmp_path)
    one = _run(["extract", "--format", "json", str(corpus)])
    two = _run(["extract", "--format", "json", "--jobs", "2", str(corpus)])
    assert json.loads(one)["relations"]
    assert one == two
    lines_one = _run(["extract", "--format", "jsonl", str(corpus)])
    lines_two = _run(["extract", "--format", "jsonl", "-j", "3", str(corpus)])
    assert lines_one == lines_two


def test_parallel_keeps_input_order_and_reads_lazily():
    from geokg.graph.model import Article

    read: list[int] = []

    def articles():
        for n in range(40):
            read.append(n)
            yield Text(Article(id=f"a{n}", text=f"Article {n}: Colombia criticized Venezuela."))

    results = extract_parallel(articles(), jobs=2, chunk=2, window=3)
    first = next(results)
    assert first[0].article.id == "a0" and first[1].articles[0].id == "a0"
    assert len(read) <= 2 * 3 + 2  # at most `window` chunks read ahead (plus the next one)
    rest = list(results)
    assert [t.article.id for t, _ in [first, *rest]] == [f"a{n}" for n in range(40)]
    assert all(f.articles[0].id == t.article.id for t, f in rest)


def test_extract_articles_with_jobs_reports_like_one_job():
    from geokg.graph.model import Article

    articles = [Article(id="undated", text="On Tuesday, Colombia criticized Venezuela."),
                Article(id="plain", text="Nothing happened.")]
    reports = []
    for jobs in (1, 2):
        report = RunReport()
        fragments = list(extract_articles(iter(articles), report, jobs=jobs))
        reports.append((report.relations, report.warnings, report.errors,
                        [f.public() for f in fragments]))
    assert reports[0] == reports[1]


def test_fragments_among_the_articles_keep_their_place():
    from geokg.graph.model import Article, GraphFragment

    items, ids = [], []
    for n in range(12):
        if n % 5 == 2:
            items.append(Coded(GraphFragment(articles=[Article(id=f"f{n}", text="ready")])))
            ids.append(f"f{n}")
        else:
            items.append(Text(Article(id=f"a{n}",
                                      text=f"Article {n}: Colombia criticized Venezuela.")))
            ids.append(f"a{n}")
    results = list(extract_parallel(iter(items), jobs=2, chunk=3, window=2))
    assert [document for document, _ in results] == items
    assert [getattr(item, "fragment", None) is result for item, result in results] == [
        n % 5 == 2 for n in range(12)]  # a ready fragment comes back as it is
    assert [r.articles[0].id for _, r in results] == ids


def test_chunks_close_on_item_count_or_text_size() -> None:
    from geokg.graph.model import Article
    from geokg.parallel import _chunks

    sizes = [5, 5, 5, 30, 1, 1, 1, 1, 1, 2]
    items = [Text(Article(id=f"a{i}", text="x" * size)) for i, size in enumerate(sizes)]
    chunks = list(_chunks(iter(items), 4, 12))
    # 5+5+5 reaches 12 characters; 30 alone does; then four items at most; the rest
    assert [[int(t.article.id[1:]) for t in chunk] for chunk in chunks] == [
        [0, 1, 2], [3], [4, 5, 6, 7], [8, 9]]
    assert [a for chunk in chunks for a in chunk] == items  # nothing lost, order kept
