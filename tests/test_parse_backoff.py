"""The parse engine's rules backoff (`geokg.extract.parse.backoff`): the rules engine's frame
edges stand in for a sentence the parse made no event edge in, never its proximity fallback,
and never beside an edge of the parse. Real spaCy pipeline; sentences written for these
tests."""

from __future__ import annotations

from tests.parse_support import parse_extract


def rules_of(fragment) -> dict[tuple[str, str, str], set[str]]:
    """(source, type, target) -> the rules that found it."""
    return {(r.source, r.type, r.target): {e.rule for e in r.evidence}
            for r in fragment.relations}


def test_a_sentence_the_parse_misreads_gets_the_rules_engines_frame_edge():
    # 'sanctions' read as a plural noun: the parse has no verb to hang the frame on
    fragment = parse_extract("Chile sanctions Peru's top general.")
    found = rules_of(fragment)
    assert ("chile", "SANCTIONED", "peru") in found
    assert all(rule.startswith("rules:") for rule in found[("chile", "SANCTIONED", "peru")])
    assert fragment.articles[0].extractor.startswith("parse:")  # the article's engine
    assert {"chile", "peru"} <= {entity.id for entity in fragment.entities}


def test_the_rules_engines_proximity_fallback_never_stands_in():
    # the rules engine alone codes this with its ':loose' rule (a verb, then any actor)
    assert parse_extract("Venezuela sanctioned yesterday several firms, Cuba among the "
                         "countries affected.").relations == []


def test_a_sentence_with_a_parse_edge_keeps_the_parse_reading_alone():
    found = rules_of(parse_extract("Norway said on Monday it would expel four Russian "
                                   "diplomats, and Sweden backed the move."))
    assert found
    assert all(rule.startswith("parse:") for rules in found.values() for rule in rules)


def test_the_backoff_keeps_the_time_of_the_story_for_its_edges():
    fragment = parse_extract("Chile sanctions Peru's top general.")
    dated = {(r.source, r.type, r.target): r.date for r in fragment.relations}
    assert dated[("chile", "SANCTIONED", "peru")] is not None
