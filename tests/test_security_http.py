"""URL limits that are total, and bodies that are whole: one deadline covers connecting, the
status line, the headers, every redirect hop and the body; a body shorter than its
Content-Length or with broken chunking is an error and stores nothing. Local servers on
127.0.0.1 only, each bounded in time."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.graph.embedded import EmbeddedStore
from geokg.loaders.fetch import fetch
from geokg.loaders.readers import LoadError

PAGE = (Path(__file__).parent / "fixtures" / "petro-sanctions.html").read_bytes()
DRIP_FOR = 12.0  # a dripping server gives up after this long (bounds every test)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _drip(self, data: bytes, every: float = 0.3) -> None:
        """Send `data` one byte at a time, then keep dripping spaces until DRIP_FOR."""
        ends = time.monotonic() + DRIP_FOR
        with contextlib.suppress(OSError):
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(every)
            while time.monotonic() < ends:
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(every)
        self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path
        if path == "/drip-status":
            return self._drip(b"HTTP/1.1 200 OK")
        if path == "/drip-headers":
            return self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
        if path.startswith("/slow-hop/"):
            hops = int(path.rsplit("/", 1)[1])
            time.sleep(1.2)
            self.send_response(302)
            self.send_header("Location", f"/slow-hop/{hops - 1}" if hops else "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path == "/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE[:-200])  # the article is there, its end is not
            self.close_connection = True
            return None
        if path == "/broken-chunks":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = PAGE[: len(PAGE) // 2]
            self.wfile.write(f"{len(half):x}\r\n".encode() + half + b"\r\n")
            self.wfile.write(f"{len(PAGE):x}\r\n".encode() + PAGE[:100])
            self.close_connection = True
            return None
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)
        return None


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
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.mark.parametrize("path", ["/drip-status", "/drip-headers", "/slow-hop/3"])
def test_one_deadline_covers_status_headers_and_every_redirect(server, path):
    started = time.monotonic()
    with pytest.raises(LoadError) as error:
        fetch(f"{server}{path}", timeout=2)
    took = time.monotonic() - started
    assert str(error.value) == f"{server}{path}: timed out after 2 s"
    assert took < 3.5, took


def test_the_deadline_leaves_a_fast_fetch_alone(server):
    assert fetch(f"{server}/page", timeout=2).data == PAGE
    assert fetch(f"{server}/slow-hop/0", timeout=5).data == PAGE


@pytest.mark.parametrize("path", ["/short", "/broken-chunks"])
def test_a_body_cut_short_is_an_error(server, path):
    with pytest.raises(LoadError) as error:
        fetch(f"{server}{path}", timeout=5)
    message = str(error.value)
    assert message.startswith(f"{server}{path}: ") and "\n" not in message
    assert "incomplete" in message


@pytest.mark.parametrize("path", ["/short", "/broken-chunks"])
def test_a_body_cut_short_stores_nothing(server, path, tmp_path):
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", f"{server}{path}",
                                       f"{server}/page"])
    assert result.exit_code == 1
    assert f"{server}{path}" in result.stderr
    with EmbeddedStore(db) as store:
        assert store.stats()["articles"] == 1  # the whole page only
