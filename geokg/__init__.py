"""geokg turns news articles into a typed, dated, sourced geopolitical event knowledge graph.

The Python API below is what the `geokg` command line calls. Extract an article's graph, store
it, and query it with read-only Cypher:

>>> import datetime as dt
>>> from geokg import Article, Extractor, open_store
>>> article = Article(id="a1", published=dt.date(2025, 10, 24), text=(
...     "On Friday, the US Treasury sanctioned Colombian President Gustavo Petro."))
>>> fragment = Extractor().extract(article)
>>> for r in fragment.relations:
...     print(r.source, r.type, r.target, r.date)
gustavo-petro LEADS colombia None
us-treasury SANCTIONED gustavo-petro 2025-10-24
>>> with open_store("embedded", db=":memory:") as store:
...     report = store.upsert(fragment)
...     store.cypher("MATCH (a)-[r:SANCTIONED]->(b) RETURN b.name AS target, r.date AS date")
[{'target': 'Gustavo Petro', 'date': '2025-10-24'}]

Files, folders and URLs go through `extract_paths` (one merged graph) or `ingest_paths` (into a
store); `load` reads one input into typed items. The names are imported on first use, so
`import geokg` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Article": "geokg.graph.model",
    "Entity": "geokg.graph.model",
    "Evidence": "geokg.graph.model",
    "GraphFragment": "geokg.graph.model",
    "Relation": "geokg.graph.model",
    "Extractor": "geokg.extract.extractor",
    "GraphStore": "geokg.graph.store",
    "open_store": "geokg.graph.backends",
    "RunReport": "geokg.pipeline",
    "extract_articles": "geokg.pipeline",
    "extract_paths": "geokg.pipeline",
    "ingest_paths": "geokg.pipeline",
    "push": "geokg.pipeline",
    "load": "geokg.loaders.registry",
    "register": "geokg.loaders.registry",
    "list_queries": "geokg.queries.catalog",
    "run_query": "geokg.queries.catalog",
    "Selection": "geokg.graph.selection",
    "select_stored": "geokg.graph.selection",
    "write_export": "geokg.exports",
    "GeokgError": "geokg.graph.errors",
    "LoadError": "geokg.graph.errors",
    "QueryError": "geokg.graph.errors",
    "ReadOnlyViolation": "geokg.graph.errors",
    "StoreError": "geokg.graph.errors",
    "StoreUnavailable": "geokg.graph.errors",
    "UsageError": "geokg.graph.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'geokg' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
