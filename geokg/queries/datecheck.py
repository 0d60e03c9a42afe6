"""A warning for raw Cypher that compares a date property with a string.

`r.date_start >= '2025-10-01'` compares a Cypher date with a string: Neo4j returns no rows
for it (null), while the embedded engine (kglite) compares the text and returns rows, so the
same query silently differs between the stores. `geokg cypher` prints one warning line for
such a comparison (a string literal, or a parameter whose value is a string) and names the
fix: `date('2025-10-01')`. The relation's `date` (an ISO prefix string) is not a date
property and compares with strings as it should.
"""

from __future__ import annotations

from typing import Any

from geokg.graph.readonly import Token, decode_unicode_escapes, tokens

DATE_PROPERTIES = frozenset({"date_start", "date_end"})
_OPERATORS = ("<=", ">=", "<>", "=", "<", ">")


def _operator(toks: list[Token], i: int, step: int) -> tuple[str, int] | None:
    """The comparison operator starting at toks[i] (reading forward, step 1) or ending
    there (backward, step -1), with the index of the token past it."""
    parts = []
    j = i
    while 0 <= j < len(toks) and toks[j].kind == "other" and len(parts) < 2 \
            and toks[j].text in "<>=":
        parts.append(toks[j].text)
        j += step
    text = "".join(parts if step == 1 else reversed(parts))
    return (text, j) if text in _OPERATORS else None


def _string_operand(tok: Token, params: dict[str, Any]) -> str | None:
    """How the operand shows in the warning when it is a string, else None."""
    if tok.kind == "string":
        return tok.text
    if tok.kind == "param" and isinstance(params.get(tok.text[1:].strip("`")), str):
        return f"{tok.text} (a string)"
    return None


def date_string_comparisons(statement: str, params: dict[str, Any] | None = None
                            ) -> list[str]:
    """Each comparison of a date property with a string, as `r.date_start >= '2025-10-01'`."""
    params = params or {}
    toks = list(tokens(decode_unicode_escapes(statement)))
    found = []
    for i in range(2, len(toks)):
        prop, dot, owner = toks[i], toks[i - 1], toks[i - 2]
        if not (prop.is_name() and prop.text in DATE_PROPERTIES and dot.text == "."
                and owner.is_name()):
            continue
        subject = f"{owner.text}.{prop.text}"
        after = _operator(toks, i + 1, 1)
        if after and after[1] < len(toks):
            operand = _string_operand(toks[after[1]], params)
            if operand:
                found.append(f"{subject} {after[0]} {operand}")
        before = _operator(toks, i - 3, -1)
        if before and before[1] >= 0:
            operand = _string_operand(toks[before[1]], params)
            if operand:
                found.append(f"{operand} {before[0]} {subject}")
    return found


def date_string_warning(statement: str, params: dict[str, Any] | None = None) -> str | None:
    """One warning line for the query's date-with-string comparisons, or None."""
    found = date_string_comparisons(statement, params)
    if not found:
        return None
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"{found[0]}{more} compares a date with a string: Neo4j matches nothing there "
            "and the embedded store compares text; compare with a date, e.g. "
            "date('2025-10-01') or date($param)")
