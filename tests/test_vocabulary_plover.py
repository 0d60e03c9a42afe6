"""PLOVER knowledge in the vocabulary: how an edge's category follows from its type and
status."""

from geokg.graph.model import Status
from geokg.graph.vocabulary import (
    COOPERATIVE,
    HOSTILE,
    PLOVER_CATEGORIES,
    coded_category,
    load_vocabulary,
)


def test_announced_acts_are_coded_as_intentions():
    assert coded_category("AID", Status.ANNOUNCED) == "AGREE"
    assert coded_category("SANCTION", Status.ANNOUNCED) == "THREATEN"
    assert coded_category("ACCUSE", Status.ANNOUNCED) == "ACCUSE"  # neither set
    assert coded_category("SANCTION", Status.ASSERTED) == "SANCTION"
    assert coded_category(None, Status.ANNOUNCED) is None


def test_cooperative_and_hostile_are_disjoint_plover_categories():
    assert not COOPERATIVE & HOSTILE
    assert set(PLOVER_CATEGORIES) > COOPERATIVE | HOSTILE


def test_vocabulary_codes_types():
    vocabulary = load_vocabulary()
    assert vocabulary.coded_category("SANCTIONED", Status.ANNOUNCED) == "THREATEN"
    assert vocabulary.coded_category("LEADS", Status.ANNOUNCED) is None
    assert vocabulary.rejected_when_negated("AGREED")
    assert not vocabulary.rejected_when_negated("SANCTIONED")
