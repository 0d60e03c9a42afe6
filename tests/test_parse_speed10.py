"""The per-sentence index of lemmas and verbs (parse/index.py): the passes that ask it for
a few lemmas must get exactly the tokens a walk over the sentence would have given, in the
sentence's order. Sentences written for this test, parsed by the real spaCy pipeline."""

from __future__ import annotations

from spacy.symbols import VERB

from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.whole import whole
from tests.parse_support import parse_extractor

SENTENCE = ("Norway agreed to give Peru ten days to leave, and Chile refused the offer "
            "that Norway had given.")


def _index() -> SentenceIndex:
    return SentenceIndex(whole(parse_extractor().nlp(SENTENCE)))


def test_tokens_of_a_lemma_come_as_a_walk_would_find_them_in_sentence_order():
    index = _index()
    wanted = {"give", "agree", "refuse"}
    walked = [t.i for t in index.sentence if t.lemma_.lower() in wanted]
    assert [t.i for t in index.with_lemma(wanted)] == walked
    assert [t.lower_ for t in index.with_lemma(wanted)] == ["agreed", "give", "refused",
                                                             "given"]


def test_several_vocabularies_are_one_union_and_verbs_only_keeps_the_verbs():
    index = _index()
    both = index.with_lemma({"give"}, {"offer", "norway"})
    assert [t.lower_ for t in both] == ["norway", "give", "offer", "norway", "given"]
    verbs = index.with_lemma({"give"}, {"offer", "norway"}, verbs_only=True)
    assert [t.i for t in verbs] == [t.i for t in both if t.pos == VERB]
    assert [t.lower_ for t in verbs] == ["give", "given"]


def test_the_verbs_are_the_tokens_tagged_verb():
    index = _index()
    assert [t.i for t in index.verbs()] == [t.i for t in index.sentence if t.pos == VERB]
    assert "agreed" in [t.lower_ for t in index.verbs()]
