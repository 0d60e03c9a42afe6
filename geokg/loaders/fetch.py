"""Fetching a page or a feed over HTTP(S) with the standard library: a polite user agent, a
total time limit, a size limit and a cap on redirects. Every failure is one LoadError line
naming the URL (without any user:password part).

The time limit is one deadline for the whole fetch: connecting, the status line, the headers,
every redirect hop and the body. Each socket operation gets only what is left of it, and a
watchdog shuts every socket of the fetch down when it passes, so a server that drips bytes
cannot hold a fetch past it. A body shorter than its Content-Length, or chunks cut short, is
an error: nothing of it is returned."""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import unquote, urlsplit, urlunsplit

from geokg.loaders.readers import LoadError, max_file_bytes

DEFAULT_TIMEOUT = 20.0  # seconds for the whole fetch (env GEOKG_HTTP_TIMEOUT)
MAX_REDIRECTS = 5
ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
          "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5")
_URL = re.compile(r"^https?://[^\s/]", re.IGNORECASE)
_CHUNK = 64 * 1024


def user_agent() -> str:
    """`geokg/<version> (...)`: names the tool and its version, no made-up contact URL."""
    try:
        release = version("geokg")
    except PackageNotFoundError:
        release = "0"
    return f"geokg/{release} (news event research tool; polite, one request at a time)"


def is_url(value: object) -> bool:
    """Whether an input names an http(s) URL rather than a file."""
    return isinstance(value, str) and bool(_URL.match(value))


def display_url(url: str) -> str:
    """The URL without its user:password part, for messages."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def default_timeout() -> float:
    raw = os.environ.get("GEOKG_HTTP_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"GEOKG_HTTP_TIMEOUT={raw!r} is not a positive number of seconds")
    return value


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: the URL it came from after redirects, its media type (lower case,
    no parameters; None when the server sent none) and its bytes."""

    url: str
    content_type: str | None
    data: bytes


class _Redirect(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, to http(s) URLs only."""

    max_repeats = 100

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.max_redirections = limit + 1
        self.count = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        self.count += 1
        if self.count > self.limit:
            raise _Redirect(f"more than {self.limit} redirects (last to "
                            f"{display_url(newurl)})")
        if urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            raise _Redirect(f"redirect to a non-HTTP URL ({display_url(newurl)})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Deadline:
    """One fetch's deadline and the sockets it opened (to shut them when it passes)."""

    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._watchdog = threading.Timer(seconds, self.expire)
        self._watchdog.daemon = True

    def __enter__(self) -> _Deadline:
        self._watchdog.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._watchdog.cancel()

    def left(self) -> float:
        """Seconds left; TimeoutError if none."""
        left = self.ends - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError
        return left

    def expire(self) -> None:
        """Shut down every socket of the fetch: whatever reads or writes on one stops now."""
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                sock.close()
                raise TimeoutError
        return sock

    def connections(self, http_class):  # noqa: ANN001, ANN202 - http.client's classes
        """A factory of `http_class` connections that connect within the time left and
        register their socket (before any TLS handshake) with this deadline."""
        def connection(host, **kwargs):  # noqa: ANN001, ANN202
            kwargs["timeout"] = self.left()
            conn = http_class(host, **kwargs)
            create = conn._create_connection  # http.client's hook for the TCP connection

            def tracked(address, timeout=None, source_address=None):  # noqa: ANN001, ANN202
                return self.track(create(address, min(self.left(), timeout or self.left()),
                                         source_address))
            conn._create_connection = tracked
            return conn
        return connection


class _DeadlineOpen:
    """Mixed into urllib's HTTP and HTTPS handlers: their connections keep the deadline."""

    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def do_open(self, http_class, req, **kwargs):  # noqa: ANN001, ANN201
        return super().do_open(self.deadline.connections(http_class), req, **kwargs)


class _DeadlineHTTP(_DeadlineOpen, urllib.request.HTTPHandler):
    pass


class _DeadlineHTTPS(_DeadlineOpen, urllib.request.HTTPSHandler):
    pass


def _media_type(headers: Message) -> str | None:
    raw = headers.get("Content-Type")
    if not raw:
        return None
    return raw.split(";", 1)[0].strip().lower() or None


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
          max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET `url`: at most `timeout` seconds in all, `max_bytes` bytes (default: the file size
    limit) and `max_redirects` redirects. LoadError (naming the URL) on any failure."""
    shown = display_url(url)
    limit = max_bytes if max_bytes is not None else max_file_bytes()
    seconds = timeout if timeout is not None else default_timeout()
    parts = urlsplit(url)
    request = urllib.request.Request(display_url(url), headers={
        "User-Agent": user_agent(), "Accept": ACCEPT, "Accept-Encoding": "identity"})
    if parts.username is not None:  # user:password@ in the URL: HTTP basic authentication,
        # sent to this URL only (an unredirected header does not follow redirects)
        token = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        request.add_unredirected_header(
            "Authorization", "Basic " + base64.b64encode(token.encode()).decode("ascii"))
    with _Deadline(seconds) as deadline:
        try:
            fetched = _get(request, deadline, limit, max_redirects, shown)
        except LoadError:
            if deadline.expired:
                raise LoadError(shown, f"timed out after {seconds:g} s") from None
            raise
        except TimeoutError:
            raise LoadError(shown, f"timed out after {seconds:g} s") from None
        except Exception:
            if deadline.expired:  # the watchdog shut the socket: whatever broke, too slow
                raise LoadError(shown, f"timed out after {seconds:g} s") from None
            raise
        if deadline.expired:  # a body without a length "ended" because the watchdog shut it
            raise LoadError(shown, f"timed out after {seconds:g} s")
        return fetched


def _get(request: urllib.request.Request, deadline: _Deadline, limit: int,
         max_redirects: int, shown: str) -> Fetched:
    opener = urllib.request.build_opener(_Redirects(max_redirects), _DeadlineHTTP(deadline),
                                         _DeadlineHTTPS(deadline))
    seconds = deadline.left()
    try:
        with opener.open(request, timeout=seconds) as response:
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > limit:
                raise LoadError(shown, f"response is {int(length)} bytes, over the limit of "
                                       f"{limit} (use --max-bytes or GEOKG_MAX_FILE_BYTES)")
            chunks: list[bytes] = []
            size = 0
            while True:
                _set_timeout(response, deadline.left())
                chunk = response.read1(_CHUNK)  # what has arrived: the deadline holds
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise LoadError(shown, f"response is over the limit of {limit} bytes "
                                           "(use --max-bytes or GEOKG_MAX_FILE_BYTES)")
                chunks.append(chunk)
            if length and length.strip().isdigit() and size != int(length):
                raise LoadError(shown, f"incomplete response: {size} of the {int(length)} "
                                       "bytes its Content-Length announced")
            return Fetched(url=response.geturl(), content_type=_media_type(response.headers),
                           data=b"".join(chunks))
    except LoadError:
        raise
    except _Redirect as exc:
        raise LoadError(shown, str(exc)) from None
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = f" {exc.reason}" if exc.reason else ""
        raise LoadError(shown, f"HTTP {exc.code}{reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise TimeoutError from None
        reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
        raise LoadError(shown, f"cannot fetch ({reason})") from None
    except TimeoutError:
        raise
    except http.client.IncompleteRead as exc:
        raise LoadError(shown, f"incomplete response (the body was cut short after "
                               f"{len(exc.partial)} bytes of a chunk)") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, bad URL, status
        detail = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise LoadError(shown, f"cannot fetch ({detail})") from None


def _set_timeout(response: object, seconds: float) -> None:
    """Shrink the socket timeout of a response to what is left of the total time."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.settimeout(max(seconds, 0.001))
