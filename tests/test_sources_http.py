"""Pages and feeds fetched over HTTP from a local server (127.0.0.1, a random port, a thread):
content types and sniffing, redirects and their cap, the user agent, and one-line errors for
404, too big, too slow and not a page or a feed."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.graph.errors import LoadError
from geokg.graph.model import Article, GraphFragment
from geokg.loaders.fetch import fetch, is_url, user_agent
from geokg.loaders.items import sort_items
from geokg.loaders.registry import load_url

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = (FIXTURES / "petro-sanctions.html").read_bytes()
PLAIN_PAGE = PAGE.replace(b'<link rel="canonical" href="https://news.example.org/world/2025/10/'
                          b'us-treasury-sanctions-petro">', b"").replace(
    b'<meta property="og:url" content="https://news.example.org/world/2025/10/'
    b'us-treasury-sanctions-petro">', b"")
RSS = (FIXTURES / "latam.rss").read_bytes()
ATOM = (FIXTURES / "treasury.atom").read_bytes()
GDELT_ZIP = (FIXTURES / "20251025001500.export.CSV.zip").read_bytes()

ROUTES: dict[str, tuple[int, str | None, bytes]] = {
    "/world/petro.html": (200, "text/html; charset=utf-8", PAGE),
    "/plain-page": (200, "text/html", PLAIN_PAGE),
    "/feeds/latam": (200, "application/rss+xml; charset=utf-8", RSS),
    "/feeds/sanctions": (200, "text/xml", ATOM),  # a generic XML type: sniffed as Atom
    "/untyped-feed": (200, None, RSS),
    "/gdelt/20251025001500.export.CSV.zip": (200, "application/zip", GDELT_ZIP),
    "/notes.txt": (200, "text/plain", b"The United States sanctioned Venezuela."),
    "/json": (200, "application/json", b'{"a": 1}'),
}


class Handler(BaseHTTPRequestHandler):
    agents: list[str] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/redirect":
            return self._redirect("/plain-page")
        if path.startswith("/hop/"):
            hops = int(path.rsplit("/", 1)[1])
            return self._redirect(f"/hop/{hops + 1}" if hops < 20 else "/plain-page")
        if path == "/to-file":
            return self._redirect("file:///etc/passwd")
        if path == "/slow":
            time.sleep(3)
            return self._send(200, "text/html", PAGE)
        if path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"<p>" + b"x" * 10 + b"</p>\n")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/big":
            return self._send(200, "text/html", b"<html><body>" + b"<p>word </p>" * 20000)
        if path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"word " * 200 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return None
        if path in ROUTES:
            return self._send(*ROUTES[path])
        return self._send(404, "text/html", b"<html><body>Not here</body></html>")

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str | None, body: bytes) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Requests to the local server never go through a proxy set in the environment."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def load(url: str, **options) -> list:
    """The articles, fragments, issues and warnings of a URL, in one list."""
    found = sort_items(load_url(url, **options))
    return [*found.articles, *found.fragments, *found.issues, *found.warnings]


def test_page_over_http(server):
    [article] = load(f"{server}/world/petro.html")
    assert isinstance(article, Article)
    assert article.url == "https://news.example.org/world/2025/10/us-treasury-sanctions-petro"
    assert article.published == dt.date(2025, 10, 24)
    assert article.source == "Example World News"
    assert article.text.startswith("The US Treasury on Friday sanctioned")


def test_page_without_canonical_link_keeps_the_url_after_redirects(server):
    [article] = load(f"{server}/redirect")
    assert article.url == f"{server}/plain-page"


def test_feeds_over_http_by_content_type_or_sniffing(server):
    rss = load(f"{server}/feeds/latam")
    assert [a.title for a in rss if isinstance(a, Article)] == [
        "Venezuela expels diplomats after disputed election",
        "Colombia & US clash over deportation flights"]
    atom = [a for a in load(f"{server}/feeds/sanctions") if isinstance(a, Article)]
    assert [a.url for a in atom] == ["https://sanctions.example.org/2025/10/petro",
                                     "https://sanctions.example.org/2025/09/decertified"]
    untyped = [a for a in load(f"{server}/untyped-feed") if isinstance(a, Article)]
    assert len(untyped) == 2


def test_gdelt_export_over_http(server):
    fragments = [i for i in load(f"{server}/gdelt/20251025001500.export.CSV.zip")
                 if isinstance(i, GraphFragment)]
    assert sum(len(f.relations) for f in fragments) == 5


def test_polite_user_agent(server):
    Handler.agents.clear()
    load(f"{server}/world/petro.html")
    assert Handler.agents == [user_agent()]
    assert re.match(r"geokg/\S+ \(.+\)$", user_agent())


def test_redirects_are_followed_up_to_a_cap(server):
    fetched = fetch(f"{server}/hop/17")  # 3 redirects, then /plain-page: 4 in all
    assert fetched.url == f"{server}/plain-page"
    with pytest.raises(LoadError) as error:
        fetch(f"{server}/hop/0")
    assert str(error.value) == (f"{server}/hop/0: more than 5 redirects (last to "
                                f"{server}/hop/6)")


def test_redirect_to_a_file_url_is_refused(server):
    with pytest.raises(LoadError) as error:
        fetch(f"{server}/to-file")
    message = str(error.value)
    assert message.startswith(f"{server}/to-file: ") and "\n" not in message
    assert "file:///etc/passwd" in message


def test_404_is_one_line_naming_the_url(server):
    with pytest.raises(LoadError) as error:
        load(f"{server}/nowhere")
    assert str(error.value) == f"{server}/nowhere: HTTP 404 Not Found"


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_too_big_is_an_error(server, path):
    with pytest.raises(LoadError) as error:
        load(f"{server}{path}", max_bytes=50_000)
    message = str(error.value)
    assert message.startswith(f"{server}{path}: response is ")
    assert "over the limit of 50000" in message and "\n" not in message


def test_size_limit_comes_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("GEOKG_MAX_FILE_BYTES", "1000")
    with pytest.raises(LoadError, match="over the limit of 1000"):
        load(f"{server}/world/petro.html")


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_timeout_is_an_error(server, path):
    started = time.monotonic()
    with pytest.raises(LoadError) as error:
        list(load_url(f"{server}{path}", timeout=0.5))
    assert str(error.value) == f"{server}{path}: timed out after 0.5 s"
    assert time.monotonic() - started < 2.5


def test_not_a_page_or_a_feed_is_an_error(server):
    for path, kind in (("/notes.txt", "text/plain"), ("/json", "application/json")):
        with pytest.raises(LoadError) as error:
            load(f"{server}{path}")
        assert str(error.value) == (f"{server}{path}: not an HTML page, an RSS/Atom feed or a "
                                    f"GDELT export ({kind})")


def test_unreachable_server_is_one_line(server):
    port = int(server.rsplit(":", 1)[1])
    import socket

    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert free != port
    with pytest.raises(LoadError) as error:
        load(f"http://127.0.0.1:{free}/x")
    assert str(error.value).startswith(f"http://127.0.0.1:{free}/x: cannot fetch (")


def test_credentials_in_a_url_are_not_shown(server):
    url = server.replace("http://", "http://user:secret@") + "/nowhere"
    with pytest.raises(LoadError) as error:
        load(url)
    assert "secret" not in str(error.value)
    assert str(error.value) == f"{server}/nowhere: HTTP 404 Not Found"


def test_is_url():
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("file:///etc/passwd") and not is_url("articles/a.txt")
    assert not is_url("http://") and not is_url(Path("http://x"))


def test_cli_ingests_urls_and_reports_bad_ones(server, tmp_path):
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--quiet",
                                       f"{server}/world/petro.html", f"{server}/feeds/latam",
                                       f"{server}/nowhere"])
    assert result.exit_code == 1
    assert f"error: {server}/nowhere: HTTP 404 Not Found" in result.stderr.splitlines()
    assert "3 article(s) read, 3 new" in result.stderr
    with EmbeddedStore(db) as store:
        urls = {a.url for a in store.load().articles}
        stats = store.stats()
    assert "https://news.example.org/world/2025/10/us-treasury-sanctions-petro" in urls
    assert stats["by_relation_type"]["SANCTIONED"] >= 1


def test_cli_extract_url_as_json(server):
    result = CliRunner().invoke(main, ["extract", f"{server}/feeds/sanctions"])
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)
    assert {a["source"] for a in graph["articles"]} == {"Example Sanctions Watch"}
    assert any(r["type"] == "DECERTIFIED" for r in graph["relations"])
