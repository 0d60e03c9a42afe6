"""Bad input: every bad file or record gives one error line naming the file (and line), exit
code 1, no traceback, and nothing is written for it, while the good input next to it loads.

Covers binary files, empty files, undecodable bytes, malformed JSON lines (with and without
--strict), the size limit (--max-bytes, GEOKG_MAX_FILE_BYTES), missing files, special files,
link loops in folders, unlistable folders, and XML with external entities (no XXE).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import LoadError
from geokg.loaders.items import sort_items
from geokg.loaders.registry import expand, load_file
from geokg.loaders.safe_xml import parse_html, parse_xml
from geokg.pipeline import RunReport, list_files

GOOD_TEXT = "date 2025-10-24\nThe US Treasury sanctioned Gustavo Petro on Friday.\n"
GOOD_ID = "good-article"


def _good(folder: Path) -> Path:
    path = folder / "good.md"
    path.write_text(f"---\nurl: https://example.org/{GOOD_ID}\n---\n{GOOD_TEXT}",
                    encoding="utf-8")
    return path


def _cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["--db", str(tmp_path / "g.db"), *args], env=env,
                              catch_exceptions=False)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _stored_articles(tmp_path: Path) -> dict[str, str | None]:
    db = tmp_path / "g.db"
    if not db.exists():
        return {}
    with EmbeddedStore(db) as store:
        return {a.id: a.source for a in store.load().articles}


# -- bad files, one by one, next to a good one -----------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def _make_fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    os.mkfifo(path)


BAD_FILES = {
    # name: (file name, how to make it, message, line)
    "binary": ("photo.txt", PNG, "binary file, not text", None),
    "nul-after-8k": ("late.txt", b"a" * 9000 + b"\x00tail", "binary file, not text", None),
    "empty": ("empty.txt", b"", "empty article (no text)", None),
    "whitespace": ("blank.md", b"  \n\n\t \r\n", "empty article (no text)", None),
    "date-header-only": ("header.txt", b"date 2025-10-24\n", "empty article (no text)", None),
    "front-matter-only": ("front.md", b"---\ntitle: T\n---\n", "empty article (no text)", None),
    "empty-jsonl": ("empty.jsonl", b"\n \n", "empty file (no JSON lines)", None),
    "latin-1": ("latin1.txt", b"first line\ncaf\xe9 au lait", "not valid UTF-8 (byte 14)", 2),
    "utf-16": ("utf16.txt", "Text.".encode("utf-16"), "binary file, not text", None),
    "bad-date": ("baddate.txt", b"date 2025-13-45\nText.",
                 "bad date '2025-13-45' (want YYYY-MM-DD)", None),
    "fifo": ("pipe.txt", _make_fifo, "not a regular file", None),
    "dangling-link": ("gone.txt", "nowhere.txt", "no such file", None),
    "self-link": ("loop.txt", "loop.txt", "cannot read (Too many levels of symbolic links)",
                  None),
}


def _make(folder: Path, name: str, content) -> Path:
    path = folder / name
    if callable(content):
        content(path)
    elif isinstance(content, str):
        path.symlink_to(content)
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
@pytest.mark.parametrize("how", ["named", "in-folder"])
def test_a_bad_file_is_one_line_and_the_good_one_still_loads(tmp_path, case, how):
    name, content, message, line = BAD_FILES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    good = _good(folder)
    bad = _make(folder, name, content)
    args = [str(good), str(bad)] if how == "named" else [str(folder)]
    if how == "named" and case in {"dangling-link", "self-link"}:
        message = "no such file or folder"  # a path that does not resolve, named directly
    result = _cli(tmp_path, "ingest", "--quiet", *args)
    assert result.exit_code == 1, result.output
    where = f"{bad}:{line}" if line else str(bad)
    assert _errors(result.stderr) == [f"error: {where}: {message}"]
    assert "Traceback" not in result.stderr
    assert list(_stored_articles(tmp_path).values()) == ["good.md"]

    extracted = _cli(tmp_path, "extract", "--format", "json", *args)
    assert extracted.exit_code == 1
    assert _errors(extracted.stderr) == [f"error: {where}: {message}"]
    assert [a["source"] for a in json.loads(extracted.stdout)["articles"]] == ["good.md"]


def test_missing_paths_are_named_and_the_others_load(tmp_path):
    good = _good(tmp_path)
    result = _cli(tmp_path, "ingest", str(tmp_path / "nope.txt"), str(good),
                  str(tmp_path / "no-folder"))
    assert result.exit_code == 1
    assert _errors(result.stderr) == [
        f"error: {tmp_path / 'nope.txt'}: no such file or folder",
        f"error: {tmp_path / 'no-folder'}: no such file or folder"]
    assert list(_stored_articles(tmp_path).values()) == ["good.md"]


# -- JSON Lines: each bad line reported, the others load; --strict loads none of the file ----

GOOD_LINES = {
    1: {"id": "j1", "published": "2025-10-24",
        "text": "The US Treasury sanctioned Gustavo Petro on Friday."},
    4: {"id": "j4", "published": "2024-07-30",
        "text": "Venezuela expelled diplomats from Chile."},
    # U+2028, U+2029 and NEL are line breaks for str.splitlines() but legal inside JSON strings
    9: {"id": "j9", "title": "a\u2028b\x85c", "published": "2025-11-25",
        "text": "Gustavo Petro accused\u2029the United States\x85 of aggression on Tuesday."},
}
BAD_LINES = {
    2: (b"{oops", "malformed JSON line: Expecting property name enclosed in double quotes"),
    3: (b"[1, 2]", "malformed JSON line: a JSON object per line is expected"),
    5: (b'{"id": "x5"}', "malformed JSON line: no 'text'"),
    6: (b'{"id": "x6", "text": "T", "published": "yesterday"}',
        "malformed JSON line: Invalid isoformat string: 'yesterday'"),
    7: (b"[" * 100_000 + b"]" * 100_000, "malformed JSON line: nested too deeply"),
    8: (b'{"id": "x8", "text": "A \\ud800 B"}',
        "malformed JSON line: 'text' holds a \\uD800-\\uDFFF escape that is not a character "
        "(lone surrogate)"),
    10: (b'{"id": "x10", "text": "caf\xe9"}',
         "malformed JSON line: not valid UTF-8 (byte 26 of the line)"),
    11: (b'{"id": "x11", "text": "T", "title": 42}',
         "malformed JSON line: 'title': Input should be a valid string"),
    12: (b'"just a string"', "malformed JSON line: a JSON object per line is expected"),
    13: (b'{"id": "x13", "text": "T"', "malformed JSON line: Expecting ',' delimiter"),
}


def _mixed_jsonl(folder: Path) -> Path:
    lines = []
    for number in range(1, 14):
        if number in GOOD_LINES:
            line = json.dumps(GOOD_LINES[number], ensure_ascii=False).encode("utf-8")
            lines.append(line + (b"\r" if number == 4 else b""))  # a CRLF line is fine
        else:
            lines.append(BAD_LINES[number][0])
    path = folder / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n\n")
    return path


def test_every_bad_json_line_is_reported_and_the_good_ones_load(tmp_path):
    path = _mixed_jsonl(tmp_path)
    found = sort_items(load_file(path))
    assert [a.id for a in found.articles] == ["j1", "j4", "j9"]
    assert [error.line for error in found.issues] == sorted(BAD_LINES)
    article = next(a for a in found.articles if a.id == "j9")
    assert article.title == GOOD_LINES[9]["title"] and article.text == GOOD_LINES[9]["text"]

    result = _cli(tmp_path, "ingest", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = _errors(result.stderr)
    assert len(errors) == len(BAD_LINES)
    for error, (number, (_, message)) in zip(errors, sorted(BAD_LINES.items()), strict=True):
        assert error.startswith(f"error: {path}:{number}: {message}"), error
        assert len(error) < 300
    assert set(_stored_articles(tmp_path)) == {"j1", "j4", "j9"}


def test_strict_loads_nothing_from_a_file_with_a_bad_line(tmp_path):
    mixed = _mixed_jsonl(tmp_path)
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"id": "c1", "text": "Colombia recalled its ambassador."})
                     + "\n", encoding="utf-8")
    good = _good(tmp_path)
    result = _cli(tmp_path, "ingest", "--strict", str(mixed), str(clean), str(good))
    assert result.exit_code == 1
    errors = _errors(result.stderr)
    assert [e.split(": ")[1] for e in errors[:-1]] == [f"{mixed}:{n}" for n in sorted(BAD_LINES)]
    assert errors[-1] == (f"error: {mixed}: {len(BAD_LINES)} bad line(s), so nothing of this "
                          f"file was loaded (--strict)")
    assert set(_stored_articles(tmp_path)) == {"c1", _stored_id(good)}

    extracted = _cli(tmp_path, "extract", "--strict", "--format", "jsonl", str(mixed))
    assert extracted.exit_code == 1 and extracted.stdout == ""


def _stored_id(path: Path) -> str:
    [article] = sort_items(load_file(path)).articles
    return article.id


def test_strict_changes_nothing_for_clean_files(tmp_path):
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps(GOOD_LINES[1]) + "\n" + json.dumps(GOOD_LINES[4]) + "\n",
                     encoding="utf-8")
    result = _cli(tmp_path, "ingest", "--strict", str(clean))
    assert result.exit_code == 0, result.stderr
    assert set(_stored_articles(tmp_path)) == {"j1", "j4"}


# -- the size limit ----------------------------------------------------------------------------

def test_max_bytes_refuses_big_files_and_loads_the_others(tmp_path):
    good = _good(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("date 2025-10-24\n" + "Venezuela expelled diplomats. " * 40, encoding="utf-8")
    size = big.stat().st_size
    assert good.stat().st_size < 200 < size
    result = _cli(tmp_path, "ingest", "--max-bytes", "200", str(good), str(big))
    assert result.exit_code == 1
    assert _errors(result.stderr) == [
        f"error: {big}: file is {size} bytes, over the limit of 200 (use --max-bytes or "
        f"GEOKG_MAX_FILE_BYTES to allow more)"]
    assert list(_stored_articles(tmp_path).values()) == ["good.md"]
    # the same limit from the environment, for extract too; a larger limit lets it in
    env = {"GEOKG_MAX_FILE_BYTES": "200"}
    extracted = _cli(tmp_path, "extract", str(good), str(big), env=env)
    assert extracted.exit_code == 1 and f"error: {big}: file is {size} bytes" in extracted.stderr
    assert _cli(tmp_path, "extract", "--max-bytes", str(size), str(big), env=env).exit_code == 0


def test_the_limit_applies_to_json_lines_files_as_a_whole(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"m{n}", "text": "Text."}) + "\n"
                            for n in range(20)), encoding="utf-8")
    result = _cli(tmp_path, "ingest", "--max-bytes", "100", str(path))
    assert result.exit_code == 1 and "over the limit of 100" in result.stderr
    assert _stored_articles(tmp_path) == {}


@pytest.mark.parametrize("value", ["0", "-5", "ten", "1.5"])
def test_a_bad_limit_is_a_usage_error(tmp_path, value):
    good = _good(tmp_path)
    assert _cli(tmp_path, "ingest", "--max-bytes", value, str(good)).exit_code == 2
    result = _cli(tmp_path, "ingest", str(good), env={"GEOKG_MAX_FILE_BYTES": value})
    assert result.exit_code == 2
    assert f"{value!r} is not a positive whole number of bytes (from GEOKG_MAX_FILE_BYTES)" \
        in result.output
    assert _stored_articles(tmp_path) == {}


def test_the_api_reads_the_limit_from_the_environment(tmp_path, monkeypatch):
    from geokg.loaders.readers import max_file_bytes

    path = tmp_path / "a.txt"
    path.write_text("Some text that is longer than ten bytes.", encoding="utf-8")
    monkeypatch.setenv("GEOKG_MAX_FILE_BYTES", "10")
    assert max_file_bytes() == 10
    with pytest.raises(LoadError, match="over the limit of 10"):
        list(load_file(path))
    monkeypatch.setenv("GEOKG_MAX_FILE_BYTES", "nonsense")
    with pytest.raises(ValueError, match="GEOKG_MAX_FILE_BYTES='nonsense'"):
        max_file_bytes()


def test_a_file_growing_past_the_limit_is_never_read_whole(tmp_path, monkeypatch):
    """stat() says small, the file is big when read: at most limit + 1 bytes are read."""
    from geokg.loaders import readers

    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 5000)
    real_stat = Path.stat

    def small_stat(self, *args, **kwargs):
        info = real_stat(self, *args, **kwargs)
        if self == path:
            return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))
        return info

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(LoadError, match="over the limit of 100 bytes"):
        readers.read_bytes(path, 100)


# -- folders: link loops, links to folders, unlistable folders -----------------------------------

@pytest.mark.slow
def test_a_symlink_loop_in_a_folder_ends_and_reads_each_file_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("date 2025-10-24\nColombia recalled its ambassador.",
                                        encoding="utf-8")
    (root / "a" / "b" / "two.txt").write_text(
        "date 2025-10-24\nVenezuela expelled diplomats from Chile.", encoding="utf-8")
    (root / "a" / "b" / "up").symlink_to(root / "a", target_is_directory=True)  # a loop
    (root / "a" / "b" / "self").symlink_to(".", target_is_directory=True)  # another
    (root / "a" / "b" / "root").symlink_to(root, target_is_directory=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "three.txt").write_text("Text.", encoding="utf-8")
    (root / "out").symlink_to(outside, target_is_directory=True)
    assert (root / "a" / "b" / "up" / "b" / "up" / "b" / "two.txt").exists()  # loops indeed

    files = list(expand([root]))
    assert files == [root / "a" / "one.txt", root / "a" / "b" / "two.txt"]
    # the CLI in a subprocess (a timeout would catch an endless walk)
    done = subprocess.run([sys.executable, "-m", "geokg.cli", "--db", str(tmp_path / "g.db"),
                           "ingest", "--quiet", str(root)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(_stored_articles(tmp_path).values()) == ["one.txt", "two.txt"]


def test_a_folder_named_through_a_link_is_read(tmp_path):
    """Links to folders are not followed inside a walk, but a link named directly is."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "one.txt").write_text("Text one.", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert list(expand([link])) == [link / "one.txt"]


def test_an_unlistable_subfolder_is_reported_and_the_rest_loads(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_text("Hidden.", encoding="utf-8")
    good = _good(root)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == root / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = RunReport()
    assert list_files([root], report) == [good]
    assert report.errors == [f"{root / 'locked'}: cannot list folder (Permission denied)"]


# -- XML and HTML: no external entities, no entity expansion, no network -------------------------

@pytest.fixture
def canary(tmp_path) -> Path:
    """A secret file and a DTD that would read it, for XXE attempts to point at."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak "LEAKED-FROM-DTD">\n'
                   f'<!ENTITY % wrap "<!ENTITY exfil SYSTEM \'file://{secret}\'>">\n%wrap;\n',
                   encoding="utf-8")
    return tmp_path


def _xxe_documents(folder: Path) -> dict[str, bytes]:
    secret, dtd = folder / "secret.txt", folder / "evil.dtd"
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    return {
        "external entity": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM '
                           f'"file://{secret}">]><rss><title>&x;</title></rss>'.encode(),
        "parameter entity": f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM '
                            f'"file://{dtd}"> %p;]><rss>&leak;&exfil;</rss>'.encode(),
        "network entity": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM '
                          b'"http://127.0.0.1:1/x">]><rss>&x;</rss>',
        "billion laughs": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">{laughs}]>'
                           f'<rss>&l9;</rss>').encode(),
        "internal entity": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]>'
                           b'<rss>&x;</rss>',
        "utf-16 external entity": f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss '
                                  f'[<!ENTITY x SYSTEM "file://{secret}">]><rss>&x;</rss>'
                                  .encode("utf-16"),
    }


@pytest.mark.parametrize("name", ["external entity", "parameter entity", "network entity",
                                  "billion laughs", "internal entity",
                                  "utf-16 external entity"])
def test_xml_declaring_entities_is_refused(canary, name):
    data = _xxe_documents(canary)[name]
    with pytest.raises(LoadError) as info:
        parse_xml(data, "feed.xml")
    message = str(info.value)
    if name == "billion laughs":  # libxml2 stops it while parsing, before our check
        assert message.startswith("feed.xml:1: not well-formed XML: Maximum entity "
                                  "amplification factor exceeded")
    else:
        assert message.startswith("feed.xml: XML with entity declarations refused (")
    assert "\n" not in message and "CANARY" not in message


@pytest.mark.parametrize("name", ["external entity", "parameter entity", "billion laughs"])
def test_html_never_resolves_entities(canary, name):
    data = _xxe_documents(canary)[name].replace(b"<rss>", b"<html><body><p>").replace(
        b"</rss>", b"</p></body></html>")
    try:
        root = parse_html(data, "page.html")
    except LoadError as exc:
        assert "CANARY" not in str(exc)
        return
    text = etree.tostring(root, encoding="unicode")
    assert "CANARY" not in text and "LEAKED" not in text and "haha" not in text


def test_an_external_dtd_is_not_loaded(canary):
    data = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{canary / "evil.dtd"}">'
            f'<rss><title>&leak;</title></rss>').encode()
    root = parse_xml(data, "feed.xml")
    text = etree.tostring(root, encoding="unicode")
    assert "LEAKED" not in text and "CANARY" not in text


def test_well_formed_xml_parses_and_malformed_names_the_line():
    root = parse_xml(b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><channel><item>'
                     b'<title>A &amp; B &#233; \xe9</title></item></channel></rss>', "feed.xml")
    assert root.findtext("channel/item/title") == "A & B \u00e9 \u00e9"
    with pytest.raises(LoadError) as info:
        parse_xml(b"<rss>\n<channel>\n<item></channel></rss>", "feed.xml")
    assert str(info.value).startswith("feed.xml:3: not well-formed XML: ")
    with pytest.raises(LoadError, match="feed.xml:1: not well-formed XML"):
        parse_xml(b"", "feed.xml")
    with pytest.raises(TypeError):
        parse_xml("<rss/>")  # type: ignore[arg-type]


# -- the HTML and feed loaders (geokg.loaders.web) on bad input, through `geokg ingest` -------

WEB_BAD = {
    # name: (file name, content, a part of the message)
    "binary-html": ("photo.html", PNG, ""),
    "empty-html": ("empty.html", b"", ""),
    "empty-feed": ("empty.xml", b"", ""),
    "xxe-feed": ("xxe.xml", None, "entit"),
    "malformed-feed": ("broken.xml", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                                     b"<item><title>T</title>", ""),
}


@pytest.mark.parametrize("case", list(WEB_BAD))
def test_bad_web_inputs_are_one_line_naming_the_file(tmp_path, canary, case):
    name, content, part = WEB_BAD[case]
    if content is None:
        content = _xxe_documents(canary)["external entity"].replace(
            b"<rss><title>&x;</title></rss>",
            b'<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
            b"<description>The US Treasury sanctioned Gustavo Petro. &x;</description>"
            b"</item></channel></rss>")
    folder = tmp_path / "in"
    folder.mkdir()
    good = _good(folder)
    bad = _make(folder, name, content)
    result = _cli(tmp_path, "ingest", "--quiet", str(good), str(bad))
    assert result.exit_code == 1
    errors = _errors(result.stderr)
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}:"), errors  # (:line)
    assert part in errors[0] and "CANARY" not in result.stderr
    assert list(_stored_articles(tmp_path).values()) == ["good.md"]


def test_an_html_page_declaring_entities_resolves_none(tmp_path, canary):
    page = tmp_path / "xxe.html"
    page.write_bytes(
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{canary / "secret.txt"}">]><html><head>'
        f"<title>&x;</title></head><body><article><p>The US Treasury sanctioned Gustavo "
        f"Petro on Friday, the department said in a long statement. &x;</p></article>"
        f"</body></html>".encode())
    result = _cli(tmp_path, "ingest", "--quiet", str(page))
    assert "CANARY" not in result.output + result.stderr
    with EmbeddedStore(tmp_path / "g.db") as store:
        for article in store.load().articles:
            assert "CANARY" not in f"{article.title} {store.article_text(article.id)}"


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.html", "pipe"])
def test_a_named_pipe_is_refused_without_blocking(tmp_path, name):
    fifo = tmp_path / name
    _make_fifo(fifo)
    outcome: dict[str, str] = {}

    def read() -> None:
        try:
            list(load_file(fifo))
            outcome["result"] = "read"
        except LoadError as exc:
            outcome["result"] = str(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(3)
    try:
        assert not worker.is_alive(), f"reading the named pipe {name} blocked"
        assert outcome["result"] == f"{fifo}: not a regular file"
    finally:
        if worker.is_alive():  # release the blocked reader: a writer opens and closes
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            worker.join(10)


@pytest.mark.slow
def test_every_input_error_is_one_line_without_a_traceback_end_to_end(tmp_path):
    """All of the above in one folder, through the real command: one line per problem."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = _good(folder)
    expected = []
    for name, content, message, line in BAD_FILES.values():
        bad = _make(folder, name, content)
        expected.append(f"error: {bad}:{line}: {message}" if line else
                        f"error: {bad}: {message}")
    mixed = _mixed_jsonl(folder)
    expected += [f"{mixed}:{n}: {m}" for n, (_, m) in sorted(BAD_LINES.items())]
    done = subprocess.run([sys.executable, "-m", "geokg.cli", "--db", str(tmp_path / "g.db"),
                           "ingest", "--quiet", str(folder)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = _errors(done.stderr)
    assert len(errors) == len(BAD_FILES) + len(BAD_LINES)
    for line in expected:
        assert any(line in error for error in errors), line
    stored = _stored_articles(tmp_path)
    assert set(stored) == {_stored_id(good), "j1", "j4", "j9"}
