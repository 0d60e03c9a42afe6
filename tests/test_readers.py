"""Loaders: text and Markdown with a date header, JSON Lines, folders, and bad input."""

import datetime as dt
import json

import pytest

from geokg.graph.errors import LoadError
from geokg.loaders.items import sort_items
from geokg.loaders.registry import expand, load_file
from geokg.pipeline import RunReport, extract_paths, list_files, read_documents


def read_text_file(path, published=None):
    [article] = sort_items(load_file(path, published)).articles
    return article


def test_text_file_with_seed_style_date_header(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2025-11-27 The US Treasury sanctioned Petro.", encoding="utf-8")
    article = read_text_file(path)
    assert article.published == dt.date(2025, 11, 27)
    assert article.text == "The US Treasury sanctioned Petro."
    assert article.source == "a.txt" and len(article.id) == 16


def test_markdown_title_and_front_matter(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: Hello\nurl: https://example.org/x\ndate: 2024-07-30\n---\n"
                    "# Ignored heading\nVenezuela expelled diplomats from Chile.", encoding="utf-8")
    article = read_text_file(path)
    assert (article.title, article.url, article.published) == (
        "Hello", "https://example.org/x", dt.date(2024, 7, 30))
    assert article.text == "Venezuela expelled diplomats from Chile."


def test_published_option_fills_a_missing_date_only(tmp_path):
    plain = tmp_path / "c.txt"
    plain.write_text("Nothing dated here.", encoding="utf-8")
    assert read_text_file(plain, dt.date(2020, 1, 2)).published == dt.date(2020, 1, 2)
    dated = tmp_path / "d.txt"
    dated.write_text("date 2021-05-06\nText.", encoding="utf-8")
    assert read_text_file(dated, dt.date(2020, 1, 2)).published == dt.date(2021, 5, 6)


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_others_load(tmp_path):
    path = tmp_path / "e.jsonl"
    good = {"id": "x1", "title": "T", "url": "u", "published": "2025-10-24",
            "text": "The US Treasury sanctioned Petro."}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x2"}) + "\n",
                    encoding="utf-8")
    found = sort_items(load_file(path))
    assert [a.id for a in found.articles] == ["x1"]
    assert [error.line for error in found.issues] == [2, 3]
    assert "e.jsonl:2" in str(found.issues[0])


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "a.md").write_text("A text.", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    assert [p.name for p in expand([tmp_path])] == ["a.md", "b.txt"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty article"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"caf\xe9 au lait", "not valid UTF-8"),
])
def test_bad_files_raise_one_line_errors_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        read_text_file(path)
    assert message in str(caught.value) and "bad.txt" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_path_is_an_error_in_the_report(tmp_path):
    report = RunReport()
    assert list_files([tmp_path / "nope.txt"], report) == []
    assert "no such file" in report.errors[0]


def test_undated_article_keeps_relative_dates_null_and_warns(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("In October, the US Treasury sanctioned Gustavo Petro.", encoding="utf-8")
    report = RunReport()
    fragment = extract_paths([path], report=report)
    (relation,) = [r for r in fragment.relations if r.type == "SANCTIONED"]
    assert relation.date is None
    assert any("no publication date" in w for w in report.warnings)


def test_read_articles_counts_files(tmp_path):
    (tmp_path / "one.txt").write_text("date 2025-01-01\nText one.", encoding="utf-8")
    report = RunReport()
    articles = list(read_documents(list_files([tmp_path], report), report))
    assert len(articles) == 1 and report.files == 1 and report.articles == 1
