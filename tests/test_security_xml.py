"""XML entities are refused wherever they are declared, and the lenient feed parser never
sees a document with a DTD: a declaration past any pre-scan window, or spelled in UTF-16
or UTF-7, expands nothing and is not read leniently."""

from __future__ import annotations

import base64
import json

import pytest
from click.testing import CliRunner

from geokg.cli import main
from geokg.loaders.readers import LoadError
from geokg.loaders.safe_xml import has_doctype, refuse_declarations

CANARY = "EXPANDED-CANARY-7c1"
BODY = ('<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
        "<description>The US Treasury sanctioned Gustavo Petro on Friday. &x;</description>"
        "</item><item><title>broken</channel></rss>")  # not well-formed: lxml refuses it
DECLARED = f'<!DOCTYPE rss [<!ENTITY x "{CANARY}">]>'
PADDING = "<!-- " + "pad " * 20_000 + "-->\n"  # 80 KB before the DOCTYPE


def _utf7(text: str) -> bytes:
    """`text` in UTF-7 with every character base64-encoded (no `<!ENTITY` in the bytes)."""
    return b"+" + base64.b64encode(text.encode("utf-16-be")).rstrip(b"=") + b"-"


def _feeds() -> dict[str, bytes]:
    root = '<rss version="2.0">'
    inside = BODY.replace("<item><title>broken", "")[len(root):]
    return {
        "after the root, past 80 KB": (f'<?xml version="1.0"?>{root}{PADDING}{DECLARED}'
                                       f"{inside}").encode(),
        "utf-16": f'<?xml version="1.0" encoding="UTF-16"?>\n{DECLARED}{BODY}'.encode("utf-16"),
        "utf-7": (b'<?xml version="1.0" encoding="UTF-7"?>\n' + _utf7(DECLARED)
                  + BODY.encode()),
        "element declaration": f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ELEMENT rss ANY>]>'
                               f'{BODY.replace("&x;", "")}'.encode(),
    }


@pytest.mark.parametrize("name", list(_feeds()))
def test_a_feed_declaring_entities_anywhere_is_refused_and_expands_nothing(tmp_path, name):
    path = tmp_path / "feed.xml"
    path.write_bytes(_feeds()[name])
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    assert CANARY not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(
        f"error: {path}: the document declares XML entities or a DTD (<!"), errors
    assert json.loads(result.stdout)["articles"] == []


def test_a_malformed_feed_with_a_doctype_is_not_read_leniently(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "rss.dtd">{BODY}'
                     .replace("&x;", "").encode())
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert f"error: {path}:1: not well-formed XML" in result.stderr


def test_a_malformed_feed_without_a_dtd_is_still_read_leniently(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(f'<?xml version="1.0"?>{BODY}'.replace("&x;", "").encode())
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert "read leniently" in result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 1


def test_the_scan_reads_the_whole_document_in_any_encoding():
    for data in _feeds().values():
        with pytest.raises(LoadError):
            refuse_declarations(data, "feed.xml")
        assert has_doctype(data)
    refuse_declarations(b'<!DOCTYPE rss SYSTEM "x.dtd"><rss/>')  # no internal subset
    refuse_declarations(b"<rss><![CDATA[<!DOCTYPE html><p>hi</p>]]></rss>")
