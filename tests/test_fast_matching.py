"""The extractor's fast paths give exactly what the plain regex machinery gives."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geokg.loaders.alternation import alternation
from geokg.loaders.extractor import Extractor, _mask
from geokg.loaders.patterns import rule_matches, sentence_words
from geokg.loaders.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
WORDS = st.lists(st.text(alphabet="abAB (.-é", min_size=1, max_size=6), min_size=1, max_size=12)


def _plain(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(alphabet="abAB (.-é", max_size=40))
def test_trie_alternation_matches_like_a_longest_first_alternation(words, text):
    fast, plain = re.compile(alternation(words)), re.compile(_plain(words))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # inside a longer pattern, backtracking into shorter words still works
    fast_in, plain_in = (re.compile(f"{p}b") for p in (alternation(words), _plain(words)))
    assert [m.span() for m in fast_in.finditer(text)] == [
        m.span() for m in plain_in.finditer(text)]


def test_trie_alternation_with_a_space_pattern_and_case_folding():
    names = alternation(["Gustavo Petro", "Petro", "Gustavo Francisco Petro"],
                        space=r"[\s()]+")
    found = [m.group(0) for m in re.finditer(names, "(Gustavo) Petro met Gustavo  Petro.")]
    assert found == ["Gustavo) Petro", "Gustavo  Petro"]
    folded = re.compile(alternation(["Police", "police", "POLICE station"], ignore_case=True),
                        re.IGNORECASE)
    assert [m.group(0) for m in folded.finditer("police Station, POLICE")] == [
        "police Station", "POLICE"]
    assert re.search(alternation([]), "anything") is None


def test_anchored_rules_find_what_finditer_finds_on_real_articles():
    extractor = Extractor()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/articles").glob("*.txt"))]
    seed = ROOT.parent / "shared/corpus/seed-2025-11-27-petro-cnn.txt"
    texts.append(seed.read_text(encoding="utf-8"))
    compared = anchored = 0
    for text in texts:
        for sentence in split_sentences(text):
            masked, _ = _mask(sentence.text, extractor.finder.find(sentence.text).mentions)
            lowered = masked.lower()
            chosen = extractor.rules.for_words(sentence_words(masked))
            for rule in extractor.rules:
                plain = [m.span() for m in rule.regex.finditer(masked)]
                if rule not in chosen:
                    assert plain == [], rule.name  # the index never drops a matching rule
                    continue
                compared += 1
                anchored += rule.anchored
                assert [m.span() for m in rule_matches(rule, masked, lowered)] == plain, (
                    rule.name, masked)
    assert compared > 500 and anchored > 200
