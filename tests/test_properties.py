"""Property-based tests: arbitrary text never crashes the readers or the extractor, and the
extractor always yields a valid graph fragment whose evidence points into the text.

Example counts stay modest (the suite runs on two cores); `HYPOTHESIS_PROFILE=thorough` runs
more of them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geokg.extract.extractor import Extractor
from geokg.graph.errors import LoadError
from geokg.graph.model import Article, GraphFragment
from geokg.graph.vocabulary import PLOVER_CATEGORIES, load_vocabulary
from geokg.loaders.items import sort_items
from geokg.loaders.readers import parse_text
from geokg.loaders.registry import load_file

settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor()


# Pieces of news prose that reach the extractor's rules: actors, titles, verbs in active,
# passive and nominal forms, quotes, time expressions, negation, abbreviations, pronouns.
PIECES = [
    "The US Treasury", "sanctioned", "Gustavo Petro", "Colombian President", "Petro", "he",
    "his", "she", "they", "it", "said", "accused", "the United States", "of", "was",
    "sanctioned by", "Venezuela", "denied", "did not", "would", "alleged", "claimed",
    "Nicolás Maduro", "leads", "Cartel de los Soles", "a former member of", "M-19",
    "Donald Trump", "halted aid to", "Colombia", "met with", "in Caracas", "on Tuesday",
    "in October", "last month", "on Oct. 24", "2025-10-24", "a day after", "U.S.", "Sept.",
    "Mr.", "Dr.", "(", ")", "[", "]", ",", ".", ";", ":", "!", "?", "\"", "'", "“", "”",
    "‘", "’", "«", "»", "—", "-", "...", "\n", "\n\n", "\r\n", "\t", "  ", "his wife",
    "and his son", "Israeli soldiers", "police", "rebels", "the Colombian leader", "NATO",
    "Hamas", "Russia's attack on Ukraine", "a group that", "designated", "as a",
    "foreign terrorist organization", "I", "we", "will", "not", "urged", "Washington",
    "the decision", "the sanctions", "which", "who", "that", "after", "before", "#", "---",
    "date 2025-10-24", "title: x", "\u2028", "\x85", "\x0b", "\x0c", "\ufeff", "\u200b",
]
WORD = st.text(min_size=1, max_size=12)
LONG_WORD = st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]),
                      st.integers(min_value=200, max_value=2000))
newsy = st.lists(st.one_of(st.sampled_from(PIECES), WORD, LONG_WORD,
                           st.just("\n" * 50)), min_size=0, max_size=50).map(" ".join)
# (random text of every script costs the extractor ~0.25 ms a character: kept short)
any_text = st.one_of(st.text(max_size=500), newsy, newsy.map(lambda t: t.replace(" ", "")))
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1),
                                      max_value=dt.date(2100, 12, 31)))


def check_fragment(article: Article, fragment: GraphFragment) -> None:
    """A valid fragment of `article`: pydantic-valid, evidence spans that point into the
    text, relation ends among its entities, types from the vocabulary."""
    again = GraphFragment.model_validate(json.loads(fragment.model_dump_json()))
    assert again == fragment
    json.dumps(fragment.public(), ensure_ascii=False)
    text = article.text
    entities = {e.id for e in fragment.entities}
    assert len(entities) == len(fragment.entities), "duplicate entity ids"
    assert [a.id for a in fragment.articles] == [article.id]
    vocabulary = load_vocabulary()
    keys = set()
    for relation in fragment.relations:
        assert relation.source in entities and relation.target in entities, relation.key
        assert relation.type in vocabulary.actions
        assert relation.category is None or relation.category in PLOVER_CATEGORIES
        assert relation.evidence, relation.key
        assert relation.key not in keys, f"duplicate edge {relation.key}"
        keys.add(relation.key)
        for evidence in relation.evidence:
            assert evidence.article == article.id
            assert 0 <= evidence.start <= evidence.end <= len(text), evidence
            assert text[evidence.start:evidence.end] == evidence.sentence, evidence
            assert evidence.rule
    for item in fragment.unresolved:
        assert item.article == article.id


@given(raw=any_text, published=dates)
def test_parse_text_never_crashes(raw, published):
    try:
        article = parse_text(raw, "x.txt", published)
    except LoadError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("x.txt: ")
        return
    assert article.text and article.text == article.text.strip()
    assert article.text in raw
    assert len(article.id) == 16
    Article.model_validate(article.model_dump())


@given(text=any_text, published=dates)
def test_the_extractor_never_crashes_and_its_evidence_points_into_the_text(text, published):
    article = Article(id="prop", text=text, published=published, source="p.txt")
    check_fragment(article, extractor().extract(article))


@given(data=st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from([".txt", ".md", ".jsonl"]))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_reading_any_bytes_gives_articles_or_one_line_errors(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"in{suffix}"
        path.write_bytes(data)
        try:
            found = sort_items(load_file(path))
        except LoadError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
            return
    for error in found.issues:
        assert "\n" not in str(error) and error.line
    for article in found.articles:
        assert article.text.strip() and not any("\ud800" <= c <= "\udfff" for c in article.text)
        article.text.encode("utf-8")


@st.composite
def json_lines(draw) -> bytes:
    """JSON Lines files: good records with arbitrary text and fields, broken lines between."""
    lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        record = {"text": draw(any_text)}
        for name in ("id", "title", "url", "source"):
            if draw(st.booleans()):
                record[name] = draw(st.one_of(st.text(max_size=30), st.integers(), st.none()))
        if draw(st.booleans()):
            record["published"] = draw(st.one_of(st.dates().map(str), st.text(max_size=12)))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            line = line[: draw(st.integers(min_value=0, max_value=len(line)))]
        lines.append(line)
    return "\n".join(lines).encode("utf-8")


@given(data=json_lines())
def test_json_lines_give_articles_or_issues_for_every_record(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(data)
        try:
            found = sort_items(load_file(path))
        except LoadError as exc:
            assert "\n" not in str(exc)
            return
    records = [n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    issues = {error.line for error in found.issues}
    articles = found.articles
    assert len(issues) + len(articles) == len(records)
    assert issues <= set(records)
    for article in articles:
        check_fragment(article, extractor().extract(article))
