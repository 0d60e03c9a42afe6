"""Loaders for web sources and the loader registry: HTML pages, RSS/Atom feeds, GDELT export
files (the graph side of GDELT is in test_gdelt.py), sniffing, folders, plug-in loaders."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.errors import LoadError
from geokg.graph.model import Article, GraphFragment
from geokg.loaders import registry
from geokg.loaders.gdelt import GdeltLoader
from geokg.loaders.items import Sorted, Text, sort_items
from geokg.loaders.payload import Payload
from geokg.loaders.readers import article_id
from geokg.loaders.registry import expand, load_file
from geokg.loaders.web import HtmlLoader, html_to_text, root_element
from geokg.pipeline import RunReport, extract_documents, list_files, read_documents

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "petro-sanctions.html"
RSS = FIXTURES / "latam.rss"
ATOM = FIXTURES / "treasury.atom"
GDELT = FIXTURES / "20251025001500.export.CSV"
GDELT_ZIP = FIXTURES / "20251025001500.export.CSV.zip"
BODY = ("<body><nav>Home | World</nav><article><p>The US Treasury on Friday sanctioned "
        "Colombian President Gustavo Petro, accusing him of failing to curb the cocaine trade "
        "on 3 March 2021.</p><p>Petro rejected the accusation and said he would fight the "
        "measure in American courts, calling it an attack on Colombian sovereignty.</p>"
        "</article><footer>Copyright</footer></body>")


def items(path: Path, published: dt.date | None = None) -> Sorted:
    return sort_items(load_file(path, published))


def articles(path: Path, published: dt.date | None = None) -> list[Article]:
    return items(path, published).articles


def page(tmp_path: Path, head: str, body: str = BODY, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<!DOCTYPE html><html><head><title>T</title>{head}</head>{body}</html>",
                    encoding="utf-8")
    return path


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# -- HTML pages ---------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(no_network):
    [article] = articles(PAGE)
    assert article.title == "US Treasury sanctions Colombia's president"
    assert article.url == "https://news.example.org/world/2025/10/us-treasury-sanctions-petro"
    assert article.id == article_id(article.url, "")
    # article:published_time in its own time zone (not the modified date, not UTC's day)
    assert article.published == dt.date(2025, 10, 24)
    assert article.source == "petro-sanctions.html"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The US Treasury on Friday sanctioned Colombian President")
    assert len(paragraphs) == 3
    for boilerplate in ("Subscribe", "Copyright", "analytics", "coffee", "font-family",
                        "US Treasury sanctions Colombia's president"):
        assert boilerplate not in article.text


def test_html_page_is_extracted_into_relations():
    result = CliRunner().invoke(main, ["extract", str(PAGE), "--format", "json"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    edges = {(r["source"], r["type"], r["target"], r["date"]) for r in graph["relations"]}
    assert ("us-treasury", "SANCTIONED", "gustavo-petro", "2025-10-24") in edges


@pytest.mark.parametrize("head, expected", [
    ('<meta property="article:published_time" content="2025-10-24T14:00:00Z">', "2025-10-24"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
     '"NewsArticle", "datePublished": "2025-10-23T08:00:00-05:00", "dateModified": '
     '"2025-10-25"}</script>', "2025-10-23"),
    ('<meta itemprop="datePublished" content="2025-10-22">', "2025-10-22"),
    ("", None),  # the text says "on 3 March 2021": never taken for the publication date
])
def test_html_publication_date_comes_from_metadata_only(tmp_path, head, expected):
    [article] = articles(page(tmp_path, head))
    assert (article.published.isoformat() if article.published else None) == expected


def test_html_time_element_gives_the_date(tmp_path):
    body = BODY.replace("<article>", '<article><time datetime="2025-10-21T10:00" pubdate>'
                                     "Oct 21</time>")
    [article] = articles(page(tmp_path, "", body))
    assert article.published == dt.date(2025, 10, 21)


def test_html_without_date_takes_published_option_and_without_url_ids_by_text(tmp_path):
    [article] = articles(page(tmp_path, ""), dt.date(2020, 1, 2))
    assert article.published == dt.date(2020, 1, 2)
    assert article.url is None and article.id == article_id(None, article.text)


def test_html_without_text_is_one_line_error(tmp_path):
    path = page(tmp_path, "", "<body><nav>Home</nav></body>")
    with pytest.raises(LoadError) as error:
        items(path)
    assert str(error.value) == f"{path}: no article text found in the page"


def test_html_without_charset_declaration_is_decoded(tmp_path):
    path = tmp_path / "utf8.html"  # UTF-8 bytes, no <meta charset>: detected, not Latin-1
    path.write_bytes("<html><head><title>x</title></head><body><article><p>Colombian police "
                     "arrested three rebels in Bogotá and Medellín on Monday, officials said."
                     "</p></article></body></html>".encode())
    [article] = articles(path)
    assert "Bogotá and Medellín" in article.text


def test_html_is_sniffed_without_extension(tmp_path):
    path = page(tmp_path, "", name="saved-page")
    [article] = articles(path)
    assert article.text.startswith("The US Treasury")


def test_html_loading_never_touches_the_network(no_network):
    payload = Payload(name="https://news.example.org/x", data=PAGE.read_bytes(),
                      url="https://news.example.org/x")
    [text] = HtmlLoader().load(payload)
    assert text.article.url.endswith("us-treasury-sanctions-petro")  # the canonical link wins


# -- feeds --------------------------------------------------------------------------------


def test_rss_feed_one_article_per_entry_with_text(no_network):
    found = items(RSS)
    stories = found.articles
    assert [a.url for a in stories] == [
        "https://news.example.org/latam/2024/07/venezuela-expels-diplomats",
        "https://news.example.org/latam/2025/01/deportation-flights"]
    first, second = stories
    assert first.title == "Venezuela expels diplomats after disputed election"
    assert second.title == "Colombia & US clash over deportation flights"
    assert first.published == dt.date(2024, 7, 30)  # 18:05 -0400: still the 30th there
    assert second.published == dt.date(2025, 1, 27)
    assert {a.source for a in stories} == {"Example Latin America Desk"}
    assert first.id == article_id(first.url, "")
    # content:encoded wins over the description; HTML stripped, paragraphs kept
    assert first.text == ("Venezuela expelled diplomats from Argentina, Chile and Peru on "
                          "Monday, after their governments questioned the official result of "
                          "Sunday's presidential election.\n\nArgentine President Javier "
                          "Milei rejected the result.")
    # an escaped-HTML description is the text when there is no content
    assert second.text.startswith("Colombian President Gustavo Petro turned back")
    assert "<p>" not in second.text and "\n\n" in second.text
    [warning] = found.warnings
    assert warning.startswith(f"{RSS}: 1 feed entry without text skipped")


def test_atom_feed_entries(no_network):
    first, second = articles(ATOM)
    assert first.title == "US Treasury sanctions Petro"
    assert first.url == "https://sanctions.example.org/2025/10/petro"
    assert first.published == dt.date(2025, 10, 24)  # 22:15 -05:00, the 25th in UTC
    assert first.text == ("The US Treasury on Friday sanctioned Colombian President Gustavo "
                          "Petro, accusing him of failing to curb the cocaine trade.\n\n"
                          "Petro rejected the accusation.")
    assert second.published == dt.date(2025, 9, 16)  # no <published>: <updated>
    assert second.text == ("The United States decertified Colombia as a partner in the fight "
                           "against drugs on Monday.")
    assert second.source == "Example Sanctions Watch"


def test_feed_is_chosen_by_content_not_extension(tmp_path):
    as_xml = tmp_path / "news.xml"
    shutil.copy(RSS, as_xml)
    bare = tmp_path / "download"
    shutil.copy(ATOM, bare)
    assert len(articles(as_xml)) == 2
    assert len(articles(bare)) == 2


def test_xml_that_is_not_a_feed_is_an_error_not_an_article(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><!-- a comment <rss> --><urlset><url/></urlset>',
                    encoding="utf-8")
    with pytest.raises(LoadError) as error:
        items(path)
    assert str(error.value) == f"{path}: not an RSS or Atom feed (its first element is <urlset>)"


def test_feed_with_entity_declarations_is_refused(tmp_path, no_network):
    path = tmp_path / "evil.rss"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
                    '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
                    '<rss version="2.0"><channel><title>t</title><item><title>&b;</title>'
                    '<description>&xxe; The United States sanctioned Colombia.</description>'
                    '</item></channel></rss>', encoding="utf-8")
    with pytest.raises(LoadError) as error:
        items(path)
    assert "declares XML entities" in str(error.value)
    assert "\n" not in str(error.value)


def test_feed_that_is_not_well_formed_still_gives_its_entries_with_a_warning(tmp_path):
    path = tmp_path / "loose.rss"  # &nbsp; is HTML, not XML: common in real feeds
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Loose</title>'
                    "<item><title>Sanctions</title><link>https://example.org/s</link>"
                    "<description>The United States sanctioned&nbsp;Venezuela on Monday."
                    "</description></item></channel></rss>", encoding="utf-8")
    found = items(path)
    [article] = found.articles
    assert article.text == "The United States sanctioned Venezuela on Monday."
    [warning] = found.warnings
    assert warning.startswith(f"{path}:1: not well-formed XML: ")
    assert warning.endswith("(its entries were read leniently)")


def test_broken_feed_without_entries_is_one_line_error(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<rss version="2.0"><channel><title>t</title></channel></rss>',
                    encoding="utf-8")
    with pytest.raises(LoadError) as error:
        items(path)
    assert str(error.value) == f"{path}: the feed has no entries"


def test_html_to_text_blocks_scripts_and_entities():
    text = html_to_text("<div><p>One &amp; two.</p><ul><li>Three</li><li>Four</li></ul>"
                        "<script>x()</script>Five<br>Six</div>")
    assert text == "One & two.\n\nThree\n\nFour\n\nFive\n\nSix"
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"


def test_root_element_skips_declarations_and_comments():
    head = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- <html> -->\n<!DOCTYPE x>\n<rdf:RDF>'
    assert root_element(head) == "rdf:RDF"
    assert root_element(b"no markup") is None


# -- GDELT files (loader side) ------------------------------------------------------------


def test_gdelt_export_is_chosen_by_name_or_content(tmp_path):
    loader = GdeltLoader()
    head = GDELT.read_bytes()[:8192]
    assert loader.matches(b"", file_name="20250101000000.export.CSV")
    assert loader.matches(b"", file_name="x.export.csv.zip")
    assert loader.matches(head)  # 61 tab-separated columns
    assert loader.matches(GDELT_ZIP.read_bytes()[:8192])  # zip whose member is *.export.CSV
    assert not loader.matches(b"a,b,c\n1,2,3\n", file_name="table.csv")
    renamed = tmp_path / "events.tsv"
    shutil.copy(GDELT, renamed)
    assert len(items(renamed).fragments) == 1


def test_gdelt_plain_and_zipped_give_the_same_graph():
    def graph(path: Path) -> dict:
        merged = GraphFragment()
        for fragment in items(path).fragments:
            merged.merge(fragment)
        return merged.public()

    plain, zipped = graph(GDELT), graph(GDELT_ZIP)
    assert {a["source"] for a in plain["articles"]} == {GDELT.name}
    assert {a["source"] for a in zipped["articles"]} == {GDELT_ZIP.name}
    for graph_ in (plain, zipped):
        for item in graph_["articles"]:
            del item["source"]
    assert plain == zipped
    assert len(plain["relations"]) == 5 and len(plain["unresolved"]) == 2


def test_gdelt_bad_lines_are_reported_with_line_numbers(tmp_path):
    lines = GDELT.read_text(encoding="utf-8").splitlines()
    broken = lines[1].split("\t")
    broken[1] = "20251399"
    lines[1] = "\t".join(broken)
    lines[2] = "\t".join(lines[2].split("\t")[:40])
    path = tmp_path / "bad.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = items(path)
    issues = [str(error) for error in found.issues]
    assert issues == [f"{path}:2: SQLDATE '20251399' is not a calendar day",
                      f"{path}:3: 40 tab-separated columns, want 61"]
    [fragment] = found.fragments
    assert len(fragment.relations) == 3


def test_gdelt_file_with_the_wrong_layout_is_refused(tmp_path):
    path = tmp_path / "20130401.export.CSV"
    path.write_text("\t".join(["1"] * 57) + "\n", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        items(path)
    assert str(error.value) == (f"{path}: not a GDELT 2.0 event export: 57 tab-separated "
                                "columns, want 61")


def test_gdelt_zip_over_the_size_limit_is_refused():
    payload = Payload(name="big.export.CSV.zip", data=GDELT_ZIP.read_bytes(), max_bytes=1000)
    with pytest.raises(LoadError) as error:
        list(GdeltLoader().load(payload))
    assert str(error.value).startswith("big.export.CSV.zip:20251025001500.export.CSV: unpacks "
                                       "to 2395 bytes, over the limit of 1000")


# -- the registry, folders and the pipeline -----------------------------------------------


def test_folders_include_the_new_formats(tmp_path):
    for source in (PAGE, RSS, ATOM, GDELT, GDELT_ZIP):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "notes.txt").write_text("date 2025-01-01\nText.", encoding="utf-8")
    (tmp_path / "table.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "archive.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (tmp_path / "page.htm").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    names = [p.name for p in expand([tmp_path])]
    assert names == sorted([GDELT.name, GDELT_ZIP.name, RSS.name, "notes.txt", "page.htm",
                            PAGE.name, ATOM.name])


def test_cli_ingests_a_folder_of_every_kind(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (PAGE, RSS, ATOM, GDELT_ZIP):
        shutil.copy(source, folder / source.name)
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--quiet", str(folder)])
    assert result.exit_code == 0, result.output
    # 1 page + 2 RSS + 2 Atom entries + 5 GDELT source articles
    assert "10 article(s) read" in result.stderr
    assert "GDELT event(s) skipped" in result.stderr
    assert "1 feed entry without text skipped" in result.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_passes_gdelt_fragments_through_extraction(jobs):
    report = RunReport()
    files = list_files([GDELT, RSS], report)
    fragments = list(extract_documents(read_documents(files, report), report, jobs=jobs))
    assert report.errors == []
    rules = sorted({e.rule.split(":")[0] for f in fragments for r in f.relations
                    for e in r.evidence})
    assert "gdelt" in rules and len(rules) > 1  # GDELT edges and extracted ones
    assert report.articles == 5 + 2
    assert report.relations == sum(len(f.relations) for f in fragments)
    assert any("GDELT event(s) skipped" in w for w in report.warnings)


class _Sample:
    """A loader for a made-up format: one article per line of a `.sample` file."""

    name = "sample"
    suffixes = (".sample",)

    def matches(self, head, *, file_name=None, content_type=None):
        return bool(file_name) and file_name.endswith(".sample")

    def load(self, payload, published=None):
        for line in payload.data.decode().splitlines():
            yield Text(Article(id=article_id(None, line), text=line, published=published,
                               source=payload.file_name))


def test_a_registered_loader_plugs_in_without_touching_the_cli(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "LOADERS", list(registry.LOADERS))
    registry.register(_Sample())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.sample").write_text("The United States sanctioned Venezuela.\n"
                                     "Russia criticized Ukraine.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(folder), "--published", "2025-01-01",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert len(graph["articles"]) == 2
    assert {(r["source"], r["type"], r["target"]) for r in graph["relations"]} >= {
        ("united-states", "SANCTIONED", "venezuela")}
