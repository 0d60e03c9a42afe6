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

Read the bytes with `geokg.loaders.readers.read_bytes` first, so the size limit applies too.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html

from geokg.loaders.readers import LoadError


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
