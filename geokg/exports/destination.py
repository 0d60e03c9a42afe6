"""Where an export may be written: never over the store, and over an existing file only if
it is an earlier export of the same kind (or when forced)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from geokg.graph.errors import GeokgError

# How each kind of export begins (in its first KB); a file that does not is not ours.
SIGNATURES = {"graphml": (b"<graphml",), "gexf": (b"<gexf",),
              "json": (b'"directed":', b'"multigraph":'), "html": (b"<!doctype html",)}
CSV_BUNDLE = frozenset({"entities.csv", "articles.csv", "relations.csv", "mentions.csv",
                        "README.txt"})
_STORE_SIDECARS = ("", "-wal", "-shm", "-journal")


class ExportRefused(GeokgError):
    """The export would overwrite the store or a file that is not an export."""


def check_destination(out: str | Path, kind: str, stores: Iterable[str | Path] = (),
                      force: bool = False) -> None:
    """Raise ExportRefused if writing a `kind` export (graphml, gexf, json, html, csv) to
    `out` would overwrite a store file in `stores` (always refused), or, unless `force`, an
    existing file or folder that is not an export of that kind."""
    out = Path(out)
    for store in stores:
        for suffix in _STORE_SIDECARS:
            if _same(out, Path(f"{store}{suffix}")):
                raise ExportRefused(f"{out} is the store itself; write the export elsewhere")
    if force or not out.exists():
        return
    if kind == "csv":
        if not out.is_dir():
            raise ExportRefused(f"{out} exists and is not a folder; pass --force to "
                                "overwrite it")
        foreign = sorted(p.name for p in out.iterdir() if p.name not in CSV_BUNDLE)
        if foreign:
            raise ExportRefused(f"{out} holds {foreign[0]}, not only a geokg CSV bundle; "
                                "pass --force to write into it")
        return
    if out.is_dir() or not _looks_like(out, kind):
        raise ExportRefused(f"{out} exists and is not a geokg {kind} export; pass --force "
                            "to overwrite it")


def _same(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return a.resolve() == b.resolve()


def _looks_like(path: Path, kind: str) -> bool:
    with path.open("rb") as handle:
        head = handle.read(1024).lower()
    return any(mark in head for mark in SIGNATURES.get(kind, ()))
