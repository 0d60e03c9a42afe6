"""Makes text from inputs safe to print on a terminal: control characters become escapes.

Article titles, sources, file names, entity names and error messages come from inputs. Raw,
an escape sequence in one of them could clear the screen, retitle the window or move the
cursor, and a newline could forge an `error:` line. Everything the CLI prints passes here:
- `clean(text)`: C0 and C1 control characters, DEL, line and paragraph separators and the
  bidirectional-override characters become visible escapes (`\\x1b`, `\\u202e`), so a line
  stays one line and shows what the input held;
- `clean_json(dumped)`: the same characters as JSON `\\uXXXX` escapes, so the JSON still
  parses to exactly the same values (`json.dumps` already escapes C0, not C1 or U+2028).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                     "\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object) -> str:
    """`str(text)` with every unsafe character as a visible escape."""
    return _UNSAFE.sub(_escape, str(text))


def clean_json(dumped: str) -> str:
    """A `json.dumps` result with the unsafe characters it left raw as `\\uXXXX` escapes
    (the layout's own newlines are kept; inside strings JSON has already escaped them)."""
    return _UNSAFE.sub(lambda m: m.group(0) if m.group(0) == "\n"
                       else f"\\u{ord(m.group(0)):04x}", dumped)
