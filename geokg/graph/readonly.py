"""A keyword check that refuses Cypher which writes, loads files or calls writing procedures.

It is the second line of defence: each engine also runs user Cypher in its own read-only mode
(a frozen kglite graph; a READ-access Neo4j session). String literals, backquoted names and
comments are removed first, so `RETURN 'CREATE'` is a read; words after `.` or `$` are
property keys and parameters, not clauses.
"""

from __future__ import annotations

import re

from geokg.graph.errors import ReadOnlyViolation

_NOISE = re.compile(
    r"'(?:[^'\\]|\\.)*'"  # 'string'
    r'|"(?:[^"\\]|\\.)*"'  # "string"
    r"|`(?:[^`]|``)*`"  # `identifier`
    r"|//[^\n]*"  # line comment
    r"|/\*.*?\*/",  # block comment
    re.DOTALL,
)
_WRITE_CLAUSES = (
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD",
    "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE", "INSERT",
)
_KEYWORD = re.compile(r"(?<![.$\w])(" + "|".join(_WRITE_CLAUSES) + r")(?!\w)", re.IGNORECASE)
_TRANSACTIONS = re.compile(r"(?<![.$\w])(?<!SHOW )TRANSACTIONS(?!\w)", re.IGNORECASE)
_PROCEDURE = re.compile(r"(?<![.$\w])CALL\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
_WRITING_WORDS = {
    "create", "merge", "set", "delete", "remove", "drop", "write", "mutate", "refactor",
    "periodic", "load", "import", "export", "declare", "build", "refresh", "enable",
    "disable", "clear", "embed", "run", "add", "update", "trigger", "kill", "terminate",
    "rename", "save", "vacuum", "purge", "materialize",
}


def _words(name: str) -> set[str]:
    """`apoc.refactor.mergeNodes` -> {"apoc", "refactor", "merge", "nodes"}."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return {w.lower() for w in re.split(r"[\s._]+", spaced) if w}


def strip_cypher(query: str) -> str:
    """The query with string literals, backquoted names and comments blanked out."""
    return _NOISE.sub(" ", query)


def check_read_only(query: str) -> None:
    """Raise ReadOnlyViolation if the query could write (or read files through LOAD CSV)."""
    code = strip_cypher(query)
    match = _KEYWORD.search(code) or _TRANSACTIONS.search(code)
    if match:
        raise ReadOnlyViolation(
            f"read-only: {match.group(0).upper()} is not allowed in a read-only query")
    for proc in _PROCEDURE.finditer(code):
        name = proc.group(1)
        if _words(name) & _WRITING_WORDS:
            raise ReadOnlyViolation(
                f"read-only: procedure {name} is not allowed in a read-only query")
