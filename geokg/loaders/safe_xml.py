"""Safe XML and HTML parsing for loaders of feeds and web pages (no XXE, no entity bombs).

Every loader that parses XML (RSS, Atom, sitemaps) or HTML should go through `parse_xml` /
`parse_html` instead of calling lxml directly:

- entities are never expanded (`resolve_entities=False`), so `<!ENTITY x SYSTEM
  "file:///etc/passwd">` reads nothing and "billion laughs" expands nothing;
- no DTD is loaded and nothing is fetched from the network (`load_dtd=False`,
  `no_network=True`), so an external DTD or parameter entity is never read;
- a document that declares entities in its DOCTYPE is refused outright with a one-line
  `LoadError` naming the source: legitimate feeds and pages never need them;
- libxml2's size and depth safety limits stay on (`huge_tree=False`).

`refuse_declarations` scans a whole document, not only its head and before any parser sees
it, for DTD declarations (`<!ENTITY`, `<!ELEMENT`, `<!ATTLIST`, `<!NOTATION`, an internal
subset `<!DOCTYPE x [`), in UTF-8, Latin-1, UTF-16, UTF-32 or the encoding the document
declares alike: loaders that fall back to a lenient parser (feedparser expands internal
entities) call it first.

Read the bytes with `geokg.loaders.readers.read_bytes` first, so the size limit applies too.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from lxml import etree, html

from geokg.loaders.readers import LoadError

_DECLARATION = re.compile(rb"<!\s*(ENTITY|ELEMENT|ATTLIST|NOTATION)\b|<!\s*DOCTYPE[^>\[]*\[",
                          re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)",
                                re.IGNORECASE)


def _ascii_view(data: bytes) -> bytes:
    """The bytes without NULs: UTF-16 and UTF-32 markup becomes its ASCII spelling, so one
    scan reads those encodings too."""
    return data.replace(b"\x00", b"")


def _views(data: bytes) -> list[bytes]:
    """The document as ASCII-compatible bytes: without NULs, and decoded from the encoding
    its XML declaration names (UTF-7 or EBCDIC hide `<!ENTITY` from a byte scan)."""
    views = [_ascii_view(data)]
    declared = _DECLARED_ENCODING.match(views[0][:1024])
    if declared:
        with contextlib.suppress(LookupError, ValueError):  # an unknown encoding
            views.append(data.decode(declared.group(1).decode("ascii"), errors="replace")
                         .encode("utf-8", errors="replace"))
    return views


def refuse_declarations(data: bytes, source: str | Path = "<xml>") -> None:
    """LoadError if the document declares anything in a DTD, wherever in it."""
    match = next(filter(None, (_DECLARATION.search(view) for view in _views(data))), None)
    if match:
        what = (match.group(1) or b"DOCTYPE [").decode("ascii").upper()
        raise LoadError(source, f"the document declares XML entities or a DTD (<!{what} ...), "
                                "refused: external and nested entities can read files or "
                                "exhaust memory")


def has_doctype(data: bytes) -> bool:
    """Whether a `<!DOCTYPE` appears anywhere in the document."""
    return any(_DOCTYPE.search(view) for view in _views(data))


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def _html_parser() -> html.HTMLParser:
    return html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def _refuse_entities(tree: etree._ElementTree, source: str | Path) -> None:
    dtd = tree.docinfo.internalDTD
    names = sorted({e.name for e in dtd.iterentities()}) if dtd is not None else []
    if names:
        raise LoadError(source, f"XML with entity declarations refused ({', '.join(names)}): "
                                "external and nested entities can read files or exhaust memory")


def parse_xml(data: bytes, source: str | Path = "<xml>") -> etree._Element:
    """The root element of an XML document, parsed without resolving entities, loading DTDs
    or touching the network; LoadError (one line naming `source` and the line) if it is not
    well-formed or declares entities."""
    if isinstance(data, str):
        raise TypeError("parse_xml takes bytes (the document's own encoding declaration "
                        "is honoured)")
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        message = (str(exc.msg or exc).splitlines() or ["syntax error"])[0]
        raise LoadError(source, f"not well-formed XML: {message}",
                        line=exc.lineno or None) from None
    if root is None:
        raise LoadError(source, "empty XML document")
    _refuse_entities(root.getroottree(), source)
    return root


def parse_html(data: bytes, source: str | Path = "<html>") -> html.HtmlElement:
    """The root element of an HTML page (lenient, as browsers are), parsed without
    resolving entity declarations or touching the network; LoadError for a page that
    declares entities or has no content."""
    if isinstance(data, str):
        raise TypeError("parse_html takes bytes")
    try:
        root = html.fromstring(data, parser=_html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        message = (str(exc).splitlines() or ["cannot parse"])[0]
        raise LoadError(source, f"not parseable HTML: {message}") from None
    if root is None:
        raise LoadError(source, "empty HTML document")
    _refuse_entities(root.getroottree(), source)
    return root
