"""Replies that name no target: a denial of a clause ('X denied that its troops crossed the
border', 'X denied its planes were used', 'X denied crossing') or of a bare pronoun ('X denied it',
'this was denied by X') answers the last accusation someone else made in the article.

The candidate's target is the denied clause (or pronoun); `reply_category` marks it as an
anaphor of an earlier ACCUSE act, so the engine's anaphor resolution (`anaphor_category`)
finds the accuser the way it finds the author of 'the accusations'.
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them"})
CLAUSES = frozenset({"ccomp", "xcomp"})  # 'denied (that) Y did', 'denied crossing'


def _denied(verb: Token) -> Token | None:
    """What a denial verb denies when it names no actor: its clause ('denied (that) Y did
    Z'), its pronoun object ('denied it'), or the pronoun subject of its passive ('this was
    denied')."""
    if tree.is_passive(verb):
        moved = tree.patient(verb)
        return moved if moved is not None and moved.lower_ in PRONOUNS else None
    objects = tree.children(verb, "dobj")
    if objects:
        return objects[0] if objects[0].lower_ in PRONOUNS else None
    return next((c for c in verb.children if c.dep_ in CLAUSES and c.pos_ in {"VERB", "AUX"}),
                None)


def reply_category(token: Token, words: Words) -> str | None:
    """'ACCUSE' when the token is what a denial verb denies with no actor named (the
    earlier accusation it answers), else None."""
    verb = token.head
    if token.dep_ not in CLAUSES | {"dobj", "nsubjpass"} or verb.lemma_.lower() not in \
            words.denial_verbs or verb.lemma_.lower() == "reject":
        return None
    denied = _denied(verb)
    return "ACCUSE" if denied is not None and denied.i == token.i else None


def reply_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                     resolves: Resolves) -> list[Candidate]:
    """A DENIED candidate for each denial verb no candidate of `found` has as its trigger,
    that denies a clause or a pronoun, aimed at the last accuser."""
    triggers = {c.trigger.i for c in found}
    made = []
    for verb in sentence.with_lemma(words.denial_verbs - {"reject"}, verbs_only=True):
        denied = _denied(verb) if verb.i not in triggers else None
        if denied is None:
            continue
        passive = tree.is_passive(verb)
        source = tree.agent(verb) if passive else tree.subject(verb, control=words.control_verbs)
        if source is None or not resolves(source):
            continue
        made.append(Candidate("DENIED", "denial-reply", verb, tree.with_conjuncts(source),
                              [denied], passive=passive, one_target=True))
    return made
