"""Groups named by who backs them ('US-backed rebels', 'Russian-backed separatists'): the
backer is not the group's owner, so the group resolves as its bare noun would; a name read
with who leads them ('Nusra Front-led') is the leader's."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.mentions import Mention


def leader_stem(name: str, suffixes: frozenset[str]) -> str:
    """'Nusra Front-led' -> 'Nusra Front': a name the NER read with a hyphenated participle
    saying it leads or runs what follows (`leader_suffixes`: 'X-led rebels' are X's); any
    other name as it is."""
    stem, dash, word = name.rpartition("-")
    return stem.strip() if dash and word.lower() in suffixes and stem.strip() else name


def backer_word(token: Token, suffixes: frozenset[str]) -> bool:
    """'backed' in 'US-backed', 'allied' in 'Iran-allied': a word after a hyphen saying that
    the name before it supports the noun after it."""
    doc = token.doc
    return token.lower_ in suffixes and token.i >= 1 and doc[token.i - 1].text == "-"


def unbacked(mention: Mention, inside: list[Token], suffixes: frozenset[str],
             by_token: dict[int, str]) -> tuple[Mention, str | None]:
    """A demonym group whose demonym is its backer ('US-backed fighters') as the generic
    group its noun names, with the backer (the country it does not belong to); a generic
    group after a backer ('Turkey-backed rebels') with that backer; any other mention as
    it is, with no backer."""
    if mention.kind == "generic" and inside and inside[0].i >= 3 and backer_word(
            inside[0].doc[inside[0].i - 1], suffixes):
        return mention, by_token.get(inside[0].i - 3)
    if mention.kind != "group" or not mention.role or not any(
            backer_word(t, suffixes) for t in inside):
        return mention, None
    generic = mention.copy()
    generic.kind, generic.entity, generic.role_country = "generic", None, None
    return generic, mention.entity
