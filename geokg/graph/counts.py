"""Counts per event: the articles, outlets and independent reports behind an edge's evidence.

An outlet is an article's URL host (without `www.`), else its `source`, else the article
itself. Independent reports are articles after joining syndicated copies: two articles whose
evidence for the edge has the same sentence text (case and spacing aside) count once.

>>> articles = {"a": {"url": "https://www.example.org/x"}, "b": {"url": "http://example.org/y"},
...             "c": {"source": "wire.txt"}}
>>> evidence = [{"article": "a", "sentence": "X sanctioned Y."},
...             {"article": "b", "sentence": "X  sanctioned Y."},
...             {"article": "c", "sentence": "Y was sanctioned by X."}]
>>> event_counts(evidence, articles)
{'articles': 3, 'outlets': 2, 'reports': 2}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit


def outlet(article_id: str, article: Mapping[str, Any] | None) -> str:
    """Who published an article: its URL host, else its `source`, else its id."""
    article = article or {}
    url = article.get("url") or ""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or article.get("source") or article_id


def _text(sentence: str) -> str:
    return " ".join(sentence.split()).casefold()


def independent_reports(evidence: Iterable[Mapping[str, Any]]) -> int:
    """Articles after joining those that share an evidence sentence (syndicated copies)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    first_with: dict[str, str] = {}
    for item in evidence:
        article = "article:" + item["article"]
        root(article)
        other = first_with.setdefault(_text(item.get("sentence") or ""), article)
        parent[root(article)] = root(other)
    return len({root(node) for node in parent})


def event_counts(evidence: list[Mapping[str, Any]],
                 articles: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """{"articles", "outlets", "reports"} for one edge's evidence (`articles`: id -> fields)."""
    ids = {item["article"] for item in evidence}
    return {"articles": len(ids),
            "outlets": len({outlet(i, articles.get(i)) for i in ids}),
            "reports": independent_reports(evidence)}
