"""Acts done together with another: 'X imposed the measures in coordination with Y', 'the
strikes were carried out in cooperation with Y', 'X acted in concert with Y': X COOPERATED
with Y (`joint_nouns` of words.yaml). Who acts is the verb's subject, its 'by' agent, or for
a passive without one the owner of its subject ('the U.S. moves were taken ...')."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

WITH = frozenset({"with"})
OWNER_DEPS = frozenset({"poss", "compound", "amod"})


def _doer(verb: Token, words: Words, resolves: Resolves) -> Token | None:
    """Who does the act done jointly."""
    if tree.is_passive(verb):
        found = tree.agent(verb)
        if found is not None:
            return found
        done = next(iter(tree.children(verb, "nsubjpass")), None)
        return next((c for c in done.children if c.dep_ in OWNER_DEPS and c.i < done.i
                     and resolves(c)), None) if done is not None else None
    return tree.subject(verb, control=words.control_verbs)


def joint_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                     resolves: Resolves) -> list[Candidate]:
    """A cooperation for each 'in <joint noun> with Y' under a verb (unless a candidate of
    `found` has the noun as its trigger and knows who acts: 'cooperation with Y' alone has
    no doer)."""
    triggers = {c.trigger.i for c in found if c.sources}
    made = []
    for noun in sentence.with_lemma(words.joint_nouns):
        prep = noun.head
        verb = prep.head
        if noun.dep_ != "pobj" or prep.lower_ != "in" or verb.pos_ not in {"VERB", "AUX"} \
                or noun.i in triggers:
            continue
        partners = [t for t in tree.prep_objects(noun, WITH) if resolves(t)]
        doer = _doer(verb, words, resolves) if partners else None
        if doer is not None and resolves(doer):
            made.append(Candidate("COOPERATED", "in-concert-with", noun,
                                  tree.with_conjuncts(doer), partners))
    return made
