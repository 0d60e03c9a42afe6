"""A force's facility stands for the force: 'insurgents stormed an army checkpoint', 'gunmen
attacked a military camp', 'police stations across X'. The force word before the facility is
a generic mention of its own, resolved as 'the army' would be (the country in context, else
the typed body)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from geokg.extract.mentions import Mention

FORCES = frozenset({"military", "army", "police", "navy", "force"})
FACILITIES = frozenset({"base", "post", "camp", "checkpoint", "station", "barrack", "barracks",
                        "outpost", "garrison", "headquarters", "installation", "position"})
MODIFIERS = frozenset({"compound", "amod", "nmod"})
PLACE_PREPS = frozenset({"in", "near", "inside", "outside"})


def _placed(facility: Token) -> bool:
    """Whether the facility is said to lie in a named place ('a police post in northern
    Niger'): the place's country is then what is hit."""
    return any(t.pos_ == "PROPN" for prep in facility.children if prep.lower_ in PLACE_PREPS
               for t in prep.subtree)


def _force(token: Token) -> Token | None:
    """The first word of the force a facility noun's modifier names ('air' of 'air force')."""
    if token.lower_ not in FORCES or token.dep_ not in MODIFIERS or \
            token.head.lemma_.lower() not in FACILITIES or _placed(token.head):
        return None
    if token.lower_ != "force":
        return token
    return next((c for c in token.children if c.lower_ == "air"), None)


def facility_forces(sentence: Span, mentions: list[Mention]) -> list[Mention]:
    """The mentions, with a generic one for each force word before a facility noun that no
    mention covers yet; in sentence order."""
    base = sentence.start_char
    added = []
    for token in sentence:
        first = _force(token)
        if first is None:
            continue
        start, end = first.idx - base, token.idx + len(token.text) - base
        if any(m.start < end and start < m.end for m in mentions):
            continue
        text = sentence.text[start:end]
        added.append(Mention(start, end, text, "generic", role=text.lower()))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions
