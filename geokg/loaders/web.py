"""Web sources: HTML pages (main text and metadata with trafilatura) and RSS/Atom feeds (one
article per entry, with feedparser). Both work on bytes already read from a file or fetched
from a URL; neither library fetches anything here."""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from geokg.graph.model import Article
from geokg.loaders.fetch import is_url
from geokg.loaders.items import LoadItem, LoadWarning, Text
from geokg.loaders.payload import Payload
from geokg.loaders.readers import LoadError, article_id
from geokg.loaders.safe_xml import parse_xml

for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/x-rss+xml"}
FEED_ROOTS = {"rss", "feed", "RDF"}
# Publication date from the page's metadata only (meta tags, JSON-LD, <time>), the URL as a
# last resort, never a date guessed from the running text.
MIN_WORDS = 5  # less main text than this is a page without an article (a menu, a stub)
DATE_PARAMS = {"extensive_search": False, "original_date": True, "deferred_url_extractor": True}
_COMMENTS = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(rb"<([!?]?)([A-Za-z_][\w:.-]*)")
_BLOCKS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "pre", "table", "tr", "section", "article", "header", "footer", "figure",
           "figcaption", "dd", "dt", "hr")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def root_element(head: bytes) -> str | None:
    """The name of the first element of an XML/HTML document (prefix kept), from its first
    bytes; declarations, processing instructions and comments are skipped."""
    text = _COMMENTS.sub(b"", head.removeprefix(b"\xef\xbb\xbf"))
    for match in _TAG.finditer(text):
        if not match.group(1):
            return match.group(2).decode("ascii", "replace")
    return None


def is_feed(head: bytes) -> bool:
    root = root_element(head)
    return root is not None and root.rsplit(":", 1)[-1] in FEED_ROOTS


def is_html(head: bytes) -> bool:
    start = _COMMENTS.sub(b"", head.removeprefix(b"\xef\xbb\xbf")).lstrip().lower()
    return start.startswith(b"<!doctype html") or (root_element(head) or "").lower() == "html"


def _paragraphs(lines: list[str]) -> str:
    """Lines as blank-line separated paragraphs, whitespace collapsed, empty ones dropped."""
    kept = [_SPACES.sub(" ", line).strip() for line in lines]
    return "\n\n".join(line for line in kept if line)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (feed content): block elements become paragraphs,
    scripts and styles are dropped, entities are decoded."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in markup:
        return _paragraphs(re.split(r"\n\s*\n", _unescape(markup)))
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(re.split(r"\n\s*\n", markup))
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n\n" + (element.text or "")
    return _paragraphs(re.split(r"\n\s*\n", root.text_content()))


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


# -- HTML pages ---------------------------------------------------------------------------


class HtmlLoader:
    """An HTML page: main text (boilerplate removed), title, canonical URL, publication date."""

    name = "html"
    suffixes = HTML_SUFFIXES

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool:
        if content_type in HTML_TYPES:
            return True
        if file_name and file_name.lower().endswith(HTML_SUFFIXES):
            return True
        return is_html(head)

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[Text]:
        import trafilatura

        try:
            doc = trafilatura.bare_extraction(
                payload.data, url=payload.url, with_metadata=True, include_comments=False,
                include_tables=False, deduplicate=False, date_extraction_params=DATE_PARAMS)
        except Exception as exc:  # noqa: BLE001 - a broken page is one error, not a crash
            raise LoadError(payload.name, f"cannot parse HTML ({type(exc).__name__})") from None
        text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
        if not text:
            raise LoadError(payload.name, "no article text found in the page")
        title = (doc.title or "").strip() or None
        lines = text.splitlines()
        if title and lines and _same(lines[0], title):
            lines = lines[1:]  # the headline repeated as the first paragraph
        body = _paragraphs(lines)
        if len(body.split()) < MIN_WORDS:
            raise LoadError(payload.name, "no article text found in the page")
        url = doc.url if is_url(doc.url) else payload.url
        day = _iso_day(doc.date) or published
        source = payload.file_name or doc.sitename or doc.hostname or payload.name
        yield Text(Article(id=article_id(url, body), title=title, url=url, published=day,
                           source=source, text=body))


def _same(line: str, title: str) -> bool:
    def norm(value: str) -> str:
        return re.sub(r"\W+", " ", value).strip().casefold()

    return norm(line) == norm(title)


def _iso_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# -- RSS / Atom feeds ---------------------------------------------------------------------


class FeedLoader:
    """An RSS 0.9x/1.0/2.0 or Atom feed: one article per entry that carries text (full
    content where the feed has it, else the summary), with its link, title and date."""

    name = "feed"
    suffixes = FEED_SUFFIXES

    def matches(self, head: bytes, *, file_name: str | None = None,
                content_type: str | None = None) -> bool:
        if is_feed(head):
            return True
        if content_type in FEED_TYPES:
            return True
        # A .xml/.rss/.atom file is a feed or an error, never an article read as text.
        return bool(file_name) and file_name.lower().endswith(FEED_SUFFIXES)

    def load(self, payload: Payload, published: dt.date | None = None) -> Iterator[LoadItem]:
        root = root_element(payload.data[:4096])
        if root is None or root.rsplit(":", 1)[-1] not in FEED_ROOTS:
            found = f"its first element is <{root}>" if root else "no XML element found"
            raise LoadError(payload.name, f"not an RSS or Atom feed ({found})")
        malformed = _check_xml(payload)
        import feedparser

        headers = {"content-location": payload.url or "",
                   "content-type": payload.content_type or "application/xml"}
        parsed = feedparser.parse(io.BytesIO(payload.data), response_headers=headers)
        entries = parsed.get("entries") or []
        if malformed is not None and not any(_entry_text(e) for e in entries):
            raise malformed
        if not entries:
            problem = parsed.get("bozo_exception")
            reason = f"malformed feed: {str(problem).splitlines()[0]}" if problem else \
                "the feed has no entries"
            raise LoadError(payload.name, reason)
        feed_title = html_to_text(parsed.feed.get("title") or "").strip()
        source = feed_title or payload.file_name or payload.name
        textless = 0
        for entry in entries:
            text = _entry_text(entry)
            if not text:
                textless += 1
                continue
            link = entry.get("link") or None
            url = link if is_url(link) else None
            title = html_to_text(entry.get("title") or "").replace("\n\n", " ") or None
            yield Text(Article(id=article_id(url, text), title=title, url=url,
                               published=_entry_day(entry) or published, source=source,
                               text=text))
        if malformed is not None:
            yield LoadWarning(f"{malformed} (its entries were read leniently)")
        if textless:
            yield LoadWarning(f"{payload.name}: {textless} feed entr"
                              f"{'y' if textless == 1 else 'ies'} without text skipped "
                              "(ingest their links to read the pages)")


def _check_xml(payload: Payload) -> LoadError | None:
    """Refuse what could make XML parsing read files or exhaust memory: entity declarations
    (billion laughs, external entities) are refused outright, with one line. The document is
    parsed with `safe_xml.parse_xml` (XXE-safe lxml: no entities resolved, no DTD loaded, no
    network); when it is not well-formed, that error is returned: feedparser (which strips
    the DOCTYPE and never resolves external entities) may still read entries from it."""
    if re.search(rb"<!ENTITY", payload.data[:65536], re.IGNORECASE):
        raise LoadError(payload.name, "the feed declares XML entities (refused)")
    try:
        parse_xml(payload.data, payload.name)
    except LoadError as exc:
        if "entity declarations" in exc.message:  # safe_xml's refusal
            raise
        return exc
    return None


def _entry_text(entry: Any) -> str:
    """The entry's fullest text: content (content:encoded, Atom content), else summary."""
    candidates = [c for c in entry.get("content") or [] if c.get("value")]
    if not candidates and entry.get("summary"):
        candidates = [entry.get("summary_detail") or {"value": entry["summary"],
                                                      "type": "text/html"}]
    if not candidates:
        return ""
    best = max(candidates, key=lambda c: len(c.get("value") or ""))
    value = best.get("value") or ""
    if (best.get("type") or "text/html") == "text/plain":
        return _paragraphs(re.split(r"\n\s*\n", value))
    return html_to_text(value)


def _entry_day(entry: Any) -> dt.date | None:
    """The entry's publication day as the feed writes it (its own time zone), else the
    update day; from the raw string when it parses, else feedparser's UTC tuple."""
    for raw_key, parsed_key in (("published", "published_parsed"),
                                ("updated", "updated_parsed")):
        raw = (entry.get(raw_key) or "").strip()
        if raw:
            try:
                return email.utils.parsedate_to_datetime(raw).date()
            except (TypeError, ValueError, IndexError):
                pass
            try:
                return dt.datetime.fromisoformat(raw).date()
            except ValueError:
                pass
        parsed = entry.get(parsed_key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                pass
    return None
