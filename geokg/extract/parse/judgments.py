"""Judgments of another's act by a word of disapproval: 'X called Y's remarks unacceptable',
'X called the Yan decision irresponsible and dangerous', 'X considered Y's actions illegal':
X CRITICIZED Y, or ACCUSED Y when the word charges a wrong ('illegal', `ACCUSATION_LABELS`)."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import ACCUSATION_LABELS, Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

LABEL_DEPS = {"oprd", "ccomp", "xcomp", "acomp"}


def _judged(verb: Token) -> Token | None:
    """What is judged: the object ('called X's remarks ...'), or the subject of the small
    clause the parser made of it ('considered [X's actions illegal]')."""
    objects = tree.children(verb, "dobj")
    if objects:
        return objects[0]
    return next((s for c in verb.children if c.dep_ in LABEL_DEPS
                 for s in tree.children(c, "nsubj")), None)


def _labels(verb: Token, judged: Token) -> list[Token]:
    """The adjectives said of it: after the noun (the small parser hangs 'unacceptable' in
    'called the remarks unacceptable' on the noun), or as the verb's predicate."""
    found = [c for c in judged.children if c.dep_ == "amod" and c.i > judged.i]
    found += [c for c in verb.children if c.dep_ in LABEL_DEPS and c.pos_ in {"ADJ", "VERB"}
              and c.i > judged.i]
    found += [c for c in judged.head.children if c.dep_ in LABEL_DEPS and c.i > judged.i
              and judged.dep_ == "nsubj"]
    return [x for label in found for x in tree.with_conjuncts(label)]


def _owner(judged: Token, resolves: Resolves) -> Token | None:
    """Whose act is judged: the actor named, or the act's possessor or modifier ('X's
    remarks', 'the Xian decision')."""
    if resolves(judged) and judged.lower_ not in {"it", "this", "that"}:
        return judged
    return next((c for c in judged.children if c.dep_ in {"poss", "amod", "compound"}
                 and c.i < judged.i and resolves(c)), None)


def judgment_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                        resolves: Resolves) -> list[Candidate]:
    """A judgment for each verb of judging no candidate of `found` has as its trigger."""
    triggers = {c.trigger.i for c in found}
    made = []
    for verb in sentence.with_lemma(words.judging_verbs, verbs_only=True):
        judged = _judged(verb) if verb.i not in triggers else None
        if judged is None or tree.is_passive(verb):
            continue
        lemmas = {x.lemma_.lower() for x in _labels(verb, judged)} | {
            x.lower_ for x in _labels(verb, judged)}
        target = _owner(judged, resolves) if lemmas & (
            words.disapproval_words | ACCUSATION_LABELS) else None
        source = tree.subject(verb, control=words.control_verbs)
        if target is None or source is None:
            continue
        action = "ACCUSED" if lemmas & ACCUSATION_LABELS else "CRITICIZED"
        made.append(Candidate(action, "judged-as", verb, tree.with_conjuncts(source),
                              [target]))
    return made
