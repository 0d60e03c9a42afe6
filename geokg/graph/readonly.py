"""Refuses user Cypher that could write, load files, call non-reading procedures or administer.

It is the first line of defence; each engine also runs user Cypher in its own read-only mode
(a frozen kglite graph; a READ transaction on Neo4j), but neither of those stops `LOAD CSV`,
`TERMINATE TRANSACTIONS` or an administrative procedure, so this check must hold by itself.

The query is tokenized the way a Cypher lexer would, erring towards refusal:
- string literals and comments are data (`//` ends at `\\n` or `\\r`, as Neo4j has it;
  `/* */` blocks); backquoted names are names, never keywords;
- a number ends where a letter starts (`5LOAD` is `5` then `LOAD`, as both engines read it);
- Neo4j decodes `\\uXXXX` escapes before it lexes (kglite only inside strings), so the query
  is checked twice: as written and with the escapes decoded; either refusal refuses.

Then, on the words outside literals (a word right after `.` or `$` is a property key or a
parameter, not a clause):
- clauses that write or administer (`CREATE`, `LOAD`, `TERMINATE`, `USE`, `GRANT`, ...) and
  the words `TRANSACTION(S)` are refused wherever they appear, `START`/`STOP DATABASE` and
  `ENABLE SERVER` as pairs;
- `CALL name` must name a procedure on `READ_PROCEDURES` (`CALL {`/`CALL (` subqueries are
  checked like the rest of the query);
- a namespaced function (`apoc.x.y()`) must be in a built-in namespace (`FUNCTION_NAMESPACES`);
- `SHOW` may only list indexes, constraints, functions or procedures (not databases,
  transactions, users, settings, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from geokg.graph.errors import ReadOnlyViolation

REFUSED_WORDS = frozenset({
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD",
    "INSERT", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE", "USE",
    "DEALLOCATE", "REALLOCATE", "TRANSACTION", "TRANSACTIONS",
})
# Administrative only before these words (`START DATABASE`); elsewhere plain names (`AS start`).
REFUSED_BEFORE = {"START": "DATABASE", "STOP": "DATABASE", "ENABLE": "SERVER"}
READ_PROCEDURES = frozenset(name.lower() for name in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
))
FUNCTION_NAMESPACES = frozenset({
    "date", "datetime", "localdatetime", "time", "localtime", "duration", "point", "vector",
    "vector.similarity", "db",
})
SHOW_TARGETS = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION",
                          "FUNCTIONS", "PROCEDURE", "PROCEDURES"})
SHOW_MODIFIERS = frozenset({
    "ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "BTREE", "UNIQUE",
    "UNIQUENESS", "EXIST", "EXISTS", "EXISTENCE", "NODE", "RELATIONSHIP", "REL", "KEY",
    "PROPERTY", "TYPE", "BUILT", "IN", "USER", "DEFINED",
})

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<comment>//[^\r\n]*|/\*.*?(?:\*/|\Z))"
    r"|(?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|\"(?:[^\"\\]|\\.)*(?:\"|\Z))"
    r"|(?P<quoted>`(?:[^`]|``)*(?:`|\Z))"
    r"|(?P<param>\$(?:\w+|`(?:[^`]|``)*`?))"
    r"|(?P<number>0[xX][0-9a-fA-F_]*|0[oO][0-7_]*|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)"
    r"|(?P<word>[^\W\d]\w*)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\[uU]+([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Token:
    kind: str  # word, quoted (a backquoted name, unquoted), param, number, string, other
    text: str

    def is_name(self) -> bool:
        return self.kind in ("word", "quoted")


def tokens(query: str) -> Iterator[Token]:
    """The query's tokens without whitespace and comments."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        text = match.group(0)
        if kind == "quoted":
            text = text[1:-1].replace("``", "`") if text.endswith("`") else text[1:]
        yield Token(kind, text)


def strip_cypher(query: str) -> str:
    """The query with string literals, backquoted names and comments blanked out."""
    def blank(match: re.Match[str]) -> str:
        return " " if match.lastgroup in ("comment", "string", "quoted") else match.group(0)
    return _TOKEN.sub(blank, query)


def decode_unicode_escapes(query: str) -> str:
    """`\\u004cOAD` -> `LOAD`, as Neo4j's lexer reads it before anything else."""
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), query)


def _refuse(what: str) -> ReadOnlyViolation:
    return ReadOnlyViolation(f"read-only: {what} is not allowed in a read-only query")


def _dotted_name(toks: list[Token], start: int) -> tuple[str, int]:
    """The dotted name (`db.schema.visualization`) starting at `toks[start]`, and the index
    just past it."""
    parts, i = [], start
    while i < len(toks) and toks[i].is_name():
        parts.append(toks[i].text)
        if i + 2 < len(toks) and toks[i + 1].text == "." and toks[i + 2].is_name():
            i += 2
        else:
            i += 1
            break
    return ".".join(parts), i


def _check_show(toks: list[Token], i: int) -> None:
    j = i + 1
    while j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() in SHOW_MODIFIERS:
        j += 1
    target = toks[j].text.upper() if j < len(toks) and toks[j].kind == "word" else ""
    if target not in SHOW_TARGETS:
        raise _refuse(f"SHOW {target}".strip())


def _is_property_key(toks: list[Token], i: int) -> bool:
    """True if `toks[i]` follows `.` after a name, parameter or bracket (`n.load`, `$p.set`)."""
    return (i >= 2 and toks[i - 1].text == "."
            and (toks[i - 2].kind in ("word", "quoted", "param") or toks[i - 2].text in ")]}"))


def _check_tokens(toks: list[Token]) -> None:
    procedure_at = -1
    for i, token in enumerate(toks):
        if not token.is_name() or _is_property_key(toks, i):
            continue
        word = token.text.upper() if token.kind == "word" else ""
        if word in REFUSED_WORDS:
            raise _refuse(word)
        if word in REFUSED_BEFORE and i + 1 < len(toks) \
                and toks[i + 1].text.upper() == REFUSED_BEFORE[word]:
            raise _refuse(f"{word} {REFUSED_BEFORE[word]}")
        if word == "SHOW":
            _check_show(toks, i)
        elif word == "CALL":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.text in ("{", "("):
                continue  # a subquery: its clauses are checked like the rest
            name, _ = _dotted_name(toks, i + 1)
            if name.lower() not in READ_PROCEDURES:
                raise _refuse(f"procedure {name or '(none)'}")
            procedure_at = i + 1
        elif i != procedure_at:
            name, end = _dotted_name(toks, i)
            namespace = name.rpartition(".")[0]
            if namespace and end < len(toks) and toks[end].text == "(" \
                    and namespace.lower() not in FUNCTION_NAMESPACES:
                raise _refuse(f"function {name}")


def check_read_only(query: str) -> None:
    """Raise ReadOnlyViolation unless the query only reads the graph (see the module doc)."""
    _check_tokens(list(tokens(query)))
    decoded = decode_unicode_escapes(query)
    if decoded != query:
        _check_tokens(list(tokens(decoded)))
