"""The event-engine interface: an engine proposes, `edges.decide` settles each proposal
before the engine is asked for the next, and the Extractor runs any engine it is given."""

import datetime as dt

from geokg.extract.events import Candidate, Dropped, SentenceContext
from geokg.extract.extractor import Extractor
from geokg.extract.rules import RulesEngine
from geokg.graph.model import Article, Status


class FirstTwoMet:
    """A toy engine: the first two actors of a sentence met (proposed twice), and a dropped
    proposal after them."""

    name = "toy"

    def __init__(self) -> None:
        self.decided_before_next: list[bool] = []

    def candidates(self, context: SentenceContext):
        actors = [m.entity for m in context.mentions if m.entity]
        if len(actors) >= 2:
            met = Candidate(action="MET_WITH", pairs=[(actors[0], actors[1])], trigger_at=0,
                            rule="toy:met", confidence=0.5, status=Status.ASSERTED)
            yield met
            self.decided_before_next.append(0 in context.used_triggers)
            yield met  # the same trigger again: not a second event
        yield Dropped("toy: nothing more here")

    def forget(self) -> None:
        pass


def test_an_engine_is_asked_lazily_and_its_proposals_are_decided():
    engine = FirstTwoMet()
    fragment = Extractor(engine=engine).extract(Article(
        id="a", published=dt.date(2025, 3, 1),
        text="Gustavo Petro and Nicolás Maduro spoke in Caracas."))
    assert [(r.source, r.type, r.target, len(r.evidence), r.evidence[0].rule)
            for r in fragment.relations] == [
        ("gustavo-petro", "MET_WITH", "nicolas-maduro", 1, "toy:met")]
    assert engine.decided_before_next == [True]
    assert [u.reason for u in fragment.unresolved] == ["toy: nothing more here"]


def test_the_default_engine_is_rules():
    extractor = Extractor()
    assert isinstance(extractor.engine, RulesEngine) and extractor.engine.name == "rules"
