"""The rules backoff of the parse engine: in a sentence where the parse made no event edge
(a parse the frames could not read: a misattached object, a verb tagged as a noun, a
headline), the `rules` engine's frame edges stand in.

Only the rules engine's frame rules are kept, never its `:loose` fallback (a trigger and any
two actors within a few words), and only event edges (a title tie is the parse engine's
own). The backoff shares the parse engine's mention finder and time finder, so the
sentences' mentions and time expressions, remembered there, are not found twice; each
edge's evidence names the rule and engine that found it (`rules:...`).
"""

from __future__ import annotations

from dataclasses import replace

from geokg.extract.dates import TimeFinder
from geokg.extract.extractor import Extractor
from geokg.extract.gazetteer import Gazetteer
from geokg.extract.mentions import MentionFinder
from geokg.extract.parse.dateline import without_dateline
from geokg.extract.sentences import Sentence
from geokg.graph.model import Article, GraphFragment, Relation
from geokg.graph.vocabulary import Vocabulary

LOOSE = ":loose"  # the rules engine's proximity fallback (see `geokg.extract.rules`)
# Types the rules engine reads from the words of another ('a strike against X' is a street
# strike to its templates, an air strike to the parse): an act the parse ruled out rules
# these out too ('ordered a strike on X, but then called it off').
SAME_WORDS = {"ATTACKED": frozenset({"PROTESTED"})}


class RulesBackoff:
    """The rules engine, run for the sentences a parse left without an event."""

    def __init__(self, vocabulary: Vocabulary, gazetteer: Gazetteer, finder: MentionFinder,
                 times: TimeFinder) -> None:
        self.rules = Extractor(vocabulary, gazetteer)
        self.rules.finder, self.rules.times = finder, times

    def compile_all(self) -> None:
        """Compile every rule now (else each compiles when a sentence first needs it)."""
        self.rules.rules.compile_all()

    def forget(self) -> None:
        """Drop the rules engine's remembered sentences."""
        self.rules.engine.forget()

    def fill(self, fragment: GraphFragment, article: Article, sentences: list[Sentence],
             ruled_out: dict[int, set[str]]) -> GraphFragment:
        """`fragment` (the parse engine's, of `article` split into `sentences`) with the rules
        engine's frame edges of the sentences it has no event edge in, and their actors; not
        an act the parse read there and ruled out (`ruled_out`, by sentence start: another
        sense of the word, only asked for or supposed, negated, aimed at a kinsman).

        Measured (see the closing note of issue 15): a sentence where the parse read an
        act and resolved no edge is one the backoff helps in most (a misattached object);
        barring those, or edges of actors the parse did not name, or the rules engine's
        nominal rules, each lost facts on held-out news."""
        covered = {item.start for relation in fragment.relations if relation.category
                   for item in relation.evidence}
        wanted = {index for index, sentence in enumerate(sentences)
                  if sentence.start not in covered}
        if not wanted:
            return fragment
        found = self.rules.event_edges(article, _undated(sentences), wanted)
        kept = [relation for relation in found.relations if _stands_in(relation) and
                relation.type not in _with_same_words(
                    ruled_out.get(relation.evidence[0].start, set()))]
        if not kept:
            return fragment
        actors = {end for relation in kept for end in (relation.source, relation.target)}
        fragment.merge(GraphFragment(
            entities=[entity for entity in found.entities if entity.id in actors],
            relations=kept))
        return fragment


def _with_same_words(types: set[str]) -> set[str]:
    """The ruled-out types and those the rules engine reads from the same words."""
    return types.union(*(SAME_WORDS.get(kind, ()) for kind in types))


def _undated(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with a leading wire dateline blanked ('KABUL, Afghanistan - '): the
    place a story was filed from is no actor of it (offsets stay)."""
    return [replace(sentence, text=without_dateline(sentence.text)) for sentence in sentences]


def _stands_in(relation: Relation) -> bool:
    """An event edge of a frame rule (not a title tie, not the proximity fallback)."""
    return relation.category is not None and not any(
        LOOSE in item.rule for item in relation.evidence)
