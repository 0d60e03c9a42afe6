"""Threats told as a reaction to come (`retaliation_verbs`, `consequence_nouns` and
`suffering_verbs` of words.yaml): 'X will react if Y imposes sanctions', 'X vowed to retaliate
against Y', 'X warned of the costs of any Y intervention', 'X said Y would face consequences'.

A retaliation announced is a threat against the one it answers (the object of 'against' or
'to'); any reaction announced, against the subject of its condition ('if Y ...').
Consequences that someone will face, suffer or pay, said by X, are X's threat against them.
Only what is to come: 'X retaliated against Y' tells an act of its own, which these words
do not name.
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

ANSWERED = frozenset({"against", "to", "at"})
CONDITIONS = {"if", "unless"}


def _announced(verb: Token, words: Words) -> bool:
    """'will react', 'would retaliate', 'must face', 'is ready to respond', 'vowed to hit'."""
    if any(c.dep_ == "aux" and c.lower_ in words.future_auxiliaries | words.demand_modals
           for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in words.intent_verbs


def _condition_subjects(verb: Token) -> list[Token]:
    """The subjects of the verb's conditions: 'if Y imposes ...', 'should Y hold ...'."""
    found = []
    for clause in tree.children(verb, "advcl"):
        marked = any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in clause.children)
        inverted = any(a.dep_ == "aux" and a.lower_ == "should" and a.i < clause.i and
                       any(s.i > a.i for s in tree.children(clause, "nsubj"))
                       for a in clause.children)
        if marked or inverted:
            found += tree.children(clause, "nsubj", "nsubjpass")
    return found


def _reaction(verb: Token, words: Words) -> Candidate | None:
    """'X will react if Y ...', 'X would retaliate against Y'."""
    if verb.head.lemma_.lower() in {"threaten", "vow", "swear", "warn"} and verb.dep_ == "xcomp":
        return None  # the threat verb's own candidate reads it
    source = tree.subject(verb, control=words.control_verbs)
    if source is None or not _announced(verb, words):
        return None
    answered = verb.lemma_.lower() in words.retaliation_verbs
    targets = [*(tree.prep_objects(verb, ANSWERED) if answered else []),
               *_condition_subjects(verb)]
    if not targets:
        return None
    return Candidate("THREATENED", f"reaction-{verb.lemma_.lower()}", verb,
                     tree.with_conjuncts(source), targets, one_target=True)


def _suffered(speech: Token, words: Words) -> Candidate | None:
    """'X said Y would face consequences', 'X warned that Y would pay a heavy price'."""
    source = tree.subject(speech, control=words.control_verbs)
    if source is None:
        return None
    for clause in [c for ccomp in tree.children(speech, "ccomp")  # '..., and Y must face ...'
                   for c in tree.with_conjuncts(ccomp)]:
        if clause.lemma_.lower() not in words.suffering_verbs or not _announced(clause, words):
            continue
        things = [*tree.children(clause, "dobj"), *tree.prep_objects(clause, frozenset({"to"}))]
        subject = tree.own_subject(clause)
        if subject is None or not any(t.lemma_.lower() in words.consequence_nouns
                                      or t.lower_ in words.consequence_nouns for t in things):
            continue
        return Candidate("THREATENED", f"suffer-{clause.lemma_.lower()}", speech,
                         tree.with_conjuncts(source), tree.with_conjuncts(subject),
                         one_target=True)
    return None


def consequence_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                           resolves: Resolves) -> list[Candidate]:
    """A threat for each announced reaction, and for each consequence someone is told to
    face, that no candidate of `found` already has as its trigger."""
    triggers = {c.trigger.i for c in found}
    made = []
    for verb in sentence.with_lemma(words.retaliation_verbs, words.conditional_reactions,
                                    verbs_only=True):
        candidate = _reaction(verb, words) if verb.i not in triggers else None
        if candidate is not None and resolves(candidate.sources[0]):
            made.append(candidate)
    for speech in sentence.with_lemma(words.speech_verbs, verbs_only=True):
        candidate = _suffered(speech, words) if speech.i not in triggers else None
        if candidate is not None and resolves(candidate.sources[0]):
            made.append(candidate)
    return made
