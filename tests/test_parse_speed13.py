"""The parse engine parses a sentence seen last only once (`geokg.extract.parse.parses`): its
repeats share the Doc, and every article's fragment is the one it gets on its own. Real spaCy
pipeline; sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from geokg.extract.parse.parses import Parses
from geokg.graph.model import Article
from tests.parse_support import parse_extractor

BOILERPLATE = "Comments were not immediately returned by the Zorvanian embassy."
NEWS = "Chile sanctioned Peru on Monday."


def test_a_repeated_sentence_is_parsed_once_and_shares_its_doc():
    parses = Parses(parse_extractor().nlp)
    docs = list(parses.of(iter([BOILERPLATE, NEWS, BOILERPLATE]), batch_size=8))
    assert [doc.text for doc in docs] == [BOILERPLATE, NEWS, BOILERPLATE]
    assert docs[0] is docs[2] and docs[1] is not docs[0]
    later = list(parses.of([NEWS], batch_size=8))  # a later batch remembers it too
    assert later[0] is docs[1]
    parses.forget()
    assert next(parses.of([NEWS], batch_size=8)) is not docs[1]


def test_only_the_last_sentences_are_remembered():
    parses = Parses(parse_extractor().nlp, size=1)
    docs = list(parses.of(iter([BOILERPLATE, NEWS, BOILERPLATE]), batch_size=1))
    assert docs[0] is not docs[2] and docs[0].text == docs[2].text


def test_articles_sharing_sentences_extract_as_each_does_alone():
    published = dt.date(2026, 3, 2)
    articles = [
        Article(id="one", published=published, text=f"{NEWS} {BOILERPLATE}"),
        Article(id="two", published=published, text=f"{BOILERPLATE} Peru expelled two "
                                                     "Chilean diplomats on Tuesday."),
    ]
    extractor = parse_extractor()
    extractor.forget()
    together = [f.model_dump() for f in extractor.extract_many(articles)]
    alone = []
    for article in articles:
        extractor.forget()
        alone.append(extractor.extract(article).model_dump())
    assert together == alone
    assert {(r.source, r.type, r.target) for r in extractor.extract(articles[1]).relations} \
        == {("peru", "EXPELLED_DIPLOMATS", "chile")}
