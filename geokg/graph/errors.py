"""Every error geokg raises on purpose: one hierarchy under `GeokgError`.

Each message is one line the user can act on; the CLI prints it as `error: MESSAGE` and exits
with 1, or with 2 for a `UsageError` (the command was asked for something that cannot be).

    GeokgError
    ├── UsageError (also a ValueError)    a bad name or value given by the user
    │   └── QueryError                    unknown canned query, bad or missing parameter
    ├── LoadError                         an input (file, record, URL) that cannot be read
    └── StoreError                        a store refused or failed a read or a write
        ├── ReadOnlyViolation             a read-only query tried to write
        └── StoreUnavailable              the store itself failed: nothing can be written now
"""

from __future__ import annotations

from pathlib import Path


class GeokgError(Exception):
    """The base of geokg's errors; `str()` is one line for the user."""


class UsageError(GeokgError, ValueError):
    """The user asked for something that cannot be: an unknown name, a value of the wrong
    kind (the CLI exits with 2, as for a bad option)."""


class QueryError(UsageError):
    """A canned query that does not exist, or parameters it does not take."""


class LoadError(GeokgError):
    """A file or record that cannot be read; `str()` is one line naming file (and line)."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


class StoreError(GeokgError):
    """A store failed in a way the user can act on (message is one clear line)."""


class ReadOnlyViolation(StoreError):
    """A query given as read-only tried to write."""


class StoreUnavailable(StoreError):
    """The store itself failed (unreachable, lost, refused us, disk): no article can be
    written now, so a failed batch is not retried article by article."""

