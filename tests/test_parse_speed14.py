"""The tokens `whole` hands out (parse/whole.py): read once, they must give exactly what
spaCy's own tokens give (attributes, head, children, conjuncts, ancestors), be equal to them,
and be the same objects wherever a walk meets them again. Sentences written for this test,
parsed by the real spaCy pipeline."""

from __future__ import annotations

from geokg.extract.parse.whole import whole
from tests.parse_support import parse_extractor

SENTENCES = [
    "Norway, Chile and Peru condemned the raid on the embassy in Lima on Friday.",
    "The minister said the army had arrested two opposition leaders and expelled a diplomat.",
    "Talks between the two governments, which broke down last year, resumed in Geneva.",
]
READ = ("i", "text", "lower_", "lemma_", "dep_", "pos_", "tag_", "ent_type_", "idx")


def _pairs():
    nlp = parse_extractor().nlp
    for text in SENTENCES:
        doc = nlp(text)
        yield from zip(whole(doc), doc, strict=True)


def test_every_attribute_read_once_is_spacys():
    for token, plain in _pairs():
        assert token == plain and hash(token) == hash(plain)
        assert all(getattr(token, name) == getattr(plain, name) for name in READ)


def test_the_tree_is_spacys_tree_by_index():
    for token, plain in _pairs():
        assert token.head.i == plain.head.i
        for name in ("children", "lefts", "rights", "conjuncts", "ancestors"):
            assert [t.i for t in getattr(token, name)] == [t.i for t in getattr(plain, name)]


def test_a_walk_meets_the_same_token_objects():
    sentence = whole(parse_extractor().nlp(SENTENCES[0]))
    made = {id(token) for token in sentence}
    for token in sentence:
        assert id(token.head) in made
        assert all(id(t) in made for t in (*token.children, *token.conjuncts,
                                            *token.ancestors))
    assert any(token.conjuncts for token in sentence)  # the list of three countries
