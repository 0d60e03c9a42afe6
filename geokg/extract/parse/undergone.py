"""Attacks told from the side of the one attacked: 'X has been subjected to Y's missile
attacks', 'X came under heavy shelling from Y', 'X suffered Russian airstrikes': Y ATTACKED
X (`undergone_attacks` and `undergoing_verbs` of words.yaml). The attacker is the noun's
owner ('Russian attacks', 'Y's shelling') or its 'by' / 'from' object."""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

BY = frozenset({"by", "from"})
OWNER_DEPS = frozenset({"poss", "amod", "compound"})
# how a verb takes what its subject undergoes: 'subjected to', 'came under', 'suffered'
UNDERGOING_PREPS = frozenset({"to", "under"})


def _undergoer(attack: Token, words: Words) -> Token | None:
    """The verb whose subject undergoes the attack ('X was subjected to attacks', 'X came
    under fire', 'X suffered strikes'), reached through a measure ('a torrent of attacks')."""
    node = attack.head if attack.dep_ == "pobj" and attack.head.lower_ == "of" else None
    top = node.head if node is not None else attack
    if top.dep_ == "pobj" and top.head.lower_ in UNDERGOING_PREPS:
        verb = top.head.head
    elif top.dep_ == "dobj":
        verb = top.head
    else:
        return None
    return verb if verb.lemma_.lower() in words.undergoing_verbs else None


def _attackers(attack: Token, verb: Token, resolves: Resolves) -> list[Token]:
    """Who attacks: an owner in the noun phrase ('Russian missile attacks'), or a 'by' /
    'from' object of the noun or the verb."""
    owners = [t for t in attack.subtree if t.i < attack.i and t.dep_ in OWNER_DEPS]
    found = [*owners, *tree.prep_objects(attack, BY), *tree.prep_objects(verb, BY)]
    return [t for t in found if resolves(t)]


def _literal(attack: Token, verb: Token, words: Words) -> bool:
    """'came under attack / fire from Y' is as often criticism: under 'come', an attack or
    fire is one only with a weapon named before it ('rocket fire', 'missile attacks')."""
    if verb.lemma_.lower() != "come" or attack.lemma_.lower() not in words.figurative_attacks:
        return True
    return any(t.dep_ in {"compound", "nmod"} for t in attack.children if t.i < attack.i)


def _victim(verb: Token, words: Words) -> Token | None:
    """Who undergoes: the subject, active or passive ('X was subjected to')."""
    found = tree.subject(verb, control=words.control_verbs)
    return found if found is not None else next(iter(tree.children(verb, "nsubjpass")), None)


def undergone_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                         resolves: Resolves) -> list[Candidate]:
    """An attack for each attack noun its victim undergoes (no candidate of `found` with
    that noun as its trigger names a target)."""
    triggers = {c.trigger.i for c in found if c.targets}
    made = []
    for attack in sentence.with_lemma(words.undergone_attacks):
        verb = _undergoer(attack, words) if attack.i not in triggers else None
        victim = _victim(verb, words) if verb is not None else None
        if victim is None or not resolves(victim) or not _literal(attack, verb, words):
            continue
        attackers = [a for a in _attackers(attack, verb, resolves) if a.i != victim.i]
        if attackers:
            made.append(Candidate("ATTACKED", "undergone-attack", attack, attackers[:1],
                                  [victim]))
    return made
