"""The extractor's fast paths give exactly what the plain regex machinery gives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geokg.extract.alternation import alternation
from geokg.extract.clauses import mask as _mask
from geokg.extract.extractor import Extractor
from geokg.extract.mentions import surname_spans
from geokg.extract.patterns import SentenceScan
from geokg.extract.sentences import split_sentences

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


NAME_TEXT = st.text(alphabet="AaBb-_ é1.'", max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="AaBb-é'", min_size=1, max_size=4), min_size=1, max_size=5),
       NAME_TEXT)
def test_surname_spans_are_the_matches_of_the_whole_word_regex(names, text):
    names = list(dict.fromkeys(names))
    regex = re.compile(r"(?<![\w-])" + _plain(names) + r"(?![\w-])")
    assert surname_spans(text, names) == [m.span() for m in regex.finditer(text)]


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
            scan = SentenceScan(masked)
            chosen = extractor.rules.for_words(scan.words)
            for rule in extractor.rules:
                plain = [m.span() for m in rule.regex.finditer(masked)]
                if rule not in chosen:
                    assert plain == [], rule.name  # the index never drops a matching rule
                    continue
                compared += 1
                anchored += rule.anchored or rule.at_token
                assert [m.span() for m in scan.matches(rule)] == plain, (
                    rule.name, masked)
    assert compared > 500 and anchored > 300


def _corpus_sentences() -> list[str]:
    from benchmarks import synthetic

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/articles").glob("*.txt"))]
    texts += [a.text for a in synthetic.articles(60, 11)]
    texts.append("Late Friday, two days after the deal and 3 weeks ago, in mid-March 2024, "
                 "on Sept. 5, yesterday, tonight, this morning, last week, earlier this month, "
                 "later this year, the following day, in the 1990s, by 2021, 14 Feb 2020.")
    # words inside words, and dates glued to letters, digits, dashes and dots
    texts.append("The Mondays decision in2020 came mid- 2020, 5Monday, Market 5, Mayor 3, "
                 "Sept.12, Dec. 3rd 2019, 2019-05-06x, the 2000s-era talks, DAYS AGO, "
                 "two Days after, hours before, Weeks later, the next week, TODAY.")
    return [s.text for text in texts for s in split_sentences(text)]


def test_gated_date_patterns_find_what_all_patterns_find():
    import datetime as dt

    from geokg.extract import dates

    published = dt.date(2024, 6, 1)
    found_any = 0
    for sentence in _corpus_sentences():
        gated = dates.find_time_expressions(sentence, published)
        plain: list = []
        for kind, pattern in dates.PATTERNS:
            for match in pattern.finditer(sentence):
                if not any(t.start < match.end() and match.start() < t.end for t in plain):
                    plain.append(dates._resolve(kind, match, published,
                                                dates.is_future(sentence, kind, match.start())))
        assert gated == sorted(plain, key=lambda t: t.start), sentence
        found_any += bool(gated)
    assert found_any > 50


def test_gated_mention_patterns_never_skip_a_match():
    from geokg.extract import mentions
    from geokg.extract.gated import Gated

    finder = Extractor().finder
    gated = [v for v in vars(finder).values() if isinstance(v, Gated)]
    gated += [mentions.KIN, mentions.PAIR]
    assert len(gated) >= 10
    hits = 0
    for sentence in _corpus_sentences():
        for pattern in gated:
            plain = [m.span() for m in pattern.pattern.finditer(sentence)]
            assert [m.span() for m in pattern.finditer(sentence)] == plain
            assert pattern.may_match(sentence) or not plain
            hits += bool(plain)
    assert hits > 100


def test_remembered_sentences_give_what_a_fresh_extractor_gives():
    """Mentions, time expressions and rule matches are remembered per sentence across
    articles; a repeated sentence in another article (other date, other antecedents) must
    come out as if never seen."""
    from benchmarks import synthetic
    from geokg.graph.model import Article

    repeated = ("He said the United States sanctioned Venezuela on Monday. "
                "The government has not commented on the report. "
                "They accused the European Union of interference last month. "
                "Vargas criticized Colombia on Friday.")
    articles = [
        Article(id="a1", title="a1", published=dt.date(2024, 3, 6), text=(
            "Colombian President Gustavo Petro met Nicolás Maduro. "
            "Venezuelan Foreign Minister Elena Vargas spoke. " + repeated)),
        Article(id="a2", title="a2", published=dt.date(2025, 7, 10), text=(
            "Russia and China criticized Washington. " + repeated)),
        Article(id="a3", title="a3", published=None, text=repeated),
    ]
    articles += list(synthetic.articles(40, 5))
    articles += [a.model_copy(update={"id": f"{a.id}-again", "published": dt.date(2020, 1, 2)})
                 for a in articles]

    def dumped(fragment) -> str:
        return fragment.model_dump_json()

    shared = Extractor()
    remembered = [dumped(shared.extract(a)) for a in articles]
    assert shared.finder.remembered.hits() > 100
    assert shared.rule_matches.hits() > 100
    assert shared.times.remembered.hits() > 100

    def fresh(article: Article) -> str:
        return dumped(Extractor().extract(article))

    assert remembered == [fresh(a) for a in articles]


def test_an_extractor_sent_to_a_spawned_worker_arrives_with_empty_memory():
    import pickle

    from benchmarks import synthetic

    articles = list(synthetic.articles(10, 3))
    extractor = Extractor()
    first = [extractor.extract(a).model_dump_json() for a in articles]
    assert extractor.rule_matches.hits() > 0
    copy = pickle.loads(pickle.dumps(extractor))  # what a spawn-started pool does
    assert copy.rule_matches.hits() == copy.finder.remembered.hits() == 0
    assert [copy.extract(a).model_dump_json() for a in articles] == first
    other = Extractor()
    other.extract(articles[0])
    other_hits = other.times.remembered.hits()
    extractor.forget()
    assert extractor.rule_matches.hits() == extractor.finder.remembered.hits() == 0
    assert extractor.times.remembered.hits() == 0
    assert other.times.remembered.hits() == other_hits  # forget() is per extractor
