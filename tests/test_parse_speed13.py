"""The parse engine parses a sentence repeated within a batch once (`ParseExtractor._parses`):
the repeats share its Doc, and every article's fragment is the one it gets on its own. Real
spaCy pipeline; sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from geokg.graph.model import Article
from tests.parse_support import parse_extractor

BOILERPLATE = "Comments were not immediately returned by the Zorvanian embassy."


def test_a_repeated_sentence_is_parsed_once_and_shares_its_doc():
    extractor = parse_extractor()
    texts = [BOILERPLATE, "Chile sanctioned Peru on Monday.", BOILERPLATE]
    docs = list(extractor._parses(iter(texts), batch_size=8))
    assert [doc.text for doc in docs] == texts
    assert docs[0] is docs[2] and docs[1] is not docs[0]


def test_a_repeat_in_the_next_batch_is_parsed_again():
    docs = list(parse_extractor()._parses(iter([BOILERPLATE, BOILERPLATE]), batch_size=1))
    assert docs[0] is not docs[1] and docs[0].text == docs[1].text


def test_articles_sharing_sentences_extract_as_each_does_alone():
    published = dt.date(2026, 3, 2)
    articles = [
        Article(id="one", published=published, text=f"Chile sanctioned Peru on Monday. "
                                                     f"{BOILERPLATE}"),
        Article(id="two", published=published, text=f"{BOILERPLATE} Peru expelled two "
                                                     "Chilean diplomats on Tuesday."),
    ]
    extractor = parse_extractor()
    together = [f.model_dump() for f in extractor.extract_many(articles)]
    alone = [parse_extractor().extract(article).model_dump() for article in articles]
    assert together == alone
    assert {(r.source, r.type, r.target) for r in extractor.extract(articles[1]).relations} \
        == {("peru", "EXPELLED_DIPLOMATS", "chile")}
