"""Replies that name no target: a denial of a clause ('X denied that its troops crossed the
border', 'X denied its planes were used'), of a bare pronoun ('X denied it', 'this was denied by
X') or of a part in an act ('X denied any involvement in the attack') answers the last
accusation someone else made in the article.

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

PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them", "which"})
CLAUSES = frozenset({"ccomp"})  # 'denied (that) Y did'
# what a claim is called by one who denies it: 'an accusation X called absurd'
DISMISSALS = frozenset({"absurd", "baseless", "groundless", "unfounded", "ridiculous", "false",
                        "untrue", "fabricated", "nonsense", "lies", "lie", "slander",
                        "fabrication", "fiction", "preposterous", "laughable"})
LABELS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "attr"})


def _denied(verb: Token, words: Words) -> Token | None:
    """What a denial verb denies when it names no actor: its clause ('denied (that) Y did
    Z'), its pronoun object ('denied it'), or the pronoun subject of its passive ('this was
    denied')."""
    if tree.is_passive(verb):
        moved = tree.patient(verb)  # 'this was denied', 'the claims were denied by X'
        return moved if moved is not None and (moved.lower_ in PRONOUNS or _claim_noun(
            moved, words)) else None
    objects = tree.children(verb, "dobj")
    if objects:  # 'denied it', 'denied any involvement (in the attack)'
        return objects[0] if objects[0].lower_ in PRONOUNS or \
            objects[0].lemma_.lower() in words.denied_parts else None
    return next((c for c in verb.children if c.dep_ in CLAUSES and c.pos_ in {"VERB", "AUX"}),
                None)


def _dismissal(noun: Token, words: Words) -> tuple[Token, str] | None:
    """The clause that rejects a claim it hangs on, and its action: 'a claim denied by X',
    'an accusation X has called absurd', 'allegations X rejected'."""
    for clause in noun.children:
        lemma = clause.lemma_.lower()
        if clause.dep_ not in {"acl", "relcl"} or clause.pos_ != "VERB":
            continue
        if lemma in words.denial_verbs - {"reject"}:
            return clause, "DENIED"
        if lemma in {"reject", "dismiss"}:
            return clause, "REJECTED"
        if lemma == "call" and any(c.dep_ in LABELS and c.lower_ in DISMISSALS
                                   for c in clause.children):
            return clause, "DENIED"
    return None


def _claim_noun(token: Token, words: Words) -> bool:
    """'claim', 'accusation', 'allegations': a word of an earlier accusation."""
    return words.event_anaphors.get(token.lower_) == "ACCUSE"


def reply_category(token: Token, words: Words) -> str | None:
    """'ACCUSE' when the token is what a denial verb denies with no actor named, or a claim
    a clause rejects ('a claim denied by X'): the earlier accusation it answers; else None."""
    if _claim_noun(token, words):
        return "ACCUSE" if _dismissal(token, words) is not None else None
    verb = token.head
    if token.dep_ not in CLAUSES | {"dobj", "nsubjpass"} or verb.lemma_.lower() not in \
            words.denial_verbs or verb.lemma_.lower() == "reject":
        return None
    denied = _denied(verb, words)
    return "ACCUSE" if denied is not None and denied.i == token.i else None


def reply_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                     resolves: Resolves) -> list[Candidate]:
    """A DENIED candidate for each denial verb no candidate of `found` has as its trigger,
    that denies a clause or a pronoun, aimed at the last accuser."""
    aimed = {c.trigger.i for c in found  # not 'a claim denied by X' read as a claim by X
             if {t.i for t in c.targets} - {s.i for s in c.sources}}
    made = []
    for verb in sentence.with_lemma(words.denial_verbs - {"reject"}, verbs_only=True):
        denied = _denied(verb, words) if verb.i not in aimed else None
        if denied is None:
            continue
        passive = tree.is_passive(verb)
        source = tree.agent(verb) if passive else tree.subject(verb, control=words.control_verbs)
        if source is None or not resolves(source):
            continue
        made.append(Candidate("DENIED", "denial-reply", verb, tree.with_conjuncts(source),
                              [denied], passive=passive, one_target=True))
    return made + _dismissed_claims(sentence, aimed, words, resolves)


def _dismissed_claims(sentence: SentenceIndex, triggers: set[int], words: Words,
                      resolves: Resolves) -> list[Candidate]:
    """'Y said ..., a claim denied by X', 'Y accused ..., an accusation X has called absurd':
    X denies Y's claim."""
    made = []
    for noun in sentence.tokens:
        found = _dismissal(noun, words) if _claim_noun(noun, words) else None
        if found is None or found[0].i in triggers:
            continue
        clause, action = found
        source = tree.agent(clause) if tree.is_passive(clause) or clause.tag_ == "VBN" and \
            clause.dep_ == "acl" else tree.own_subject(clause)
        if source is None or not resolves(source):
            continue
        speaker = _claimant(noun, words)  # only a claim told in this sentence: the last
        if speaker is None or not resolves(speaker):  # accuser may be another's
            continue
        made.append(Candidate(action, "claim-dismissed", clause, tree.with_conjuncts(source),
                              [speaker], one_target=True))
    return made


def _claimant(noun: Token, words: Words) -> Token | None:
    """Who told the claim a noun sums up: 'X told reporters Y did Z, a claim denied by W'."""
    for verb in noun.ancestors:
        lemma = verb.lemma_.lower()
        if verb.pos_ == "VERB" and lemma in words.speech_verbs | words.claim_verbs:
            return tree.own_subject(verb)
    return None
