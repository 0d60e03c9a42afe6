"""Acts of coordinated actors on each other, when the sentence names no other target.

- a joint act in the passive: 'the accord was signed by A and B' (A and B agree);
- a distributive act: 'A and B each recalled their envoys', 'A and B expelled each
  other's diplomats' (each acts on the other);
- mutual fighting: 'A and B clashed', 'Aian and Bian troops battled for hours',
  'A and B exchanged fire' (each attacks the other);
- words traded: 'A and B traded accusations / insults / threats' (each accuses,
  criticizes or threatens the other).

`symmetric_candidate` (events.py) reads the active joint acts ('A and B signed a deal') and
the reciprocal objects ('attacked each other'); this module reads what it leaves.
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import PAIR_NOUNS, Candidate, Resolves, coordinated
from geokg.extract.parse.frames import Frames, VerbFrame
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

MUTUAL_ACTIONS = {"ATTACKED"}  # done to each other by coordinated subjects with no object
# ... or with the with-frame's object: 'A and B exchanged fire', 'A and B traded accusations'
TRADED_ACTIONS = MUTUAL_ACTIONS | {"ACCUSED", "CRITICIZED", "THREATENED"}
EACH = {"each"}
TOGETHER = {"together", "jointly"}
FOES = {"sides", "parties", "countries", "nations", "neighbors", "neighbours", "rivals"}
# a pair named before that can fight ('the two countries clashed'); leaders or governments
# who 'clashed' mostly argued


def _object_words(verb: Token) -> set[str]:
    """The lemmas and forms of the verb's direct objects."""
    return {w for o in tree.children(verb, "dobj") for w in (o.lemma_.lower(), o.lower_)}


def _action_on_object(frames: list[VerbFrame], objects: set[str]) -> str | None:
    """The action of the first frame whose object words the verb's object is; else of a
    frame that takes any direct object ('expelled each other's envoys')."""
    found = next((f.action for f in frames if f.objects & objects), None)
    return found or next((f.action for f in frames if f.slot == "dobj" and not f.objects),
                         None)


def _distributive(verb: Token, subject: Token) -> bool:
    """'A and B each recalled ...' ('each' on the subject or the verb) or 'A and B expelled
    each other's diplomats' (a reciprocal owner of the object)."""
    if any(c.lower_ in EACH and c.dep_ in {"appos", "advmod", "det", "npadvmod"}
           for c in list(subject.children) + list(verb.children)):
        return True
    return any(p.lower_ in {"other", "another"} for o in tree.children(verb, "dobj")
               for p in tree.children(o, "poss"))


def _mutual(frames: list[VerbFrame], verb: Token, objects: set[str]) -> str | None:
    """'clashed', 'skirmished' (a with-frame, no object), 'exchanged fire' (a with-frame whose
    object is there) or 'battled for hours' (a transitive frame used without its object)."""
    aimed = list(tree.prep_objects(verb, frozenset({"with", "against", "alongside", "beside"})))
    if aimed or any(c.lower_ in TOGETHER for c in tree.children(verb, "advmod")):
        return None  # 'fought alongside Z', 'fought together': allies, not foes
    for frame in frames:
        if frame.action not in TRADED_ACTIONS:
            continue
        if "with" in frame.preps and (frame.objects & objects if frame.objects
                                      else not objects and frame.action in MUTUAL_ACTIONS):
            return frame.action
        if frame.slot == "dobj" and not frame.objects and not objects and \
                frame.action in MUTUAL_ACTIONS:
            return frame.action
    return None


def _active_candidate(verb: Token, frames: Frames, words: Words,
                      resolves: Resolves) -> Candidate | None:
    """Coordinated subjects acting on each other: distributive acts and mutual fighting."""
    lemma_frames = frames.verbs.get(verb.lemma_.lower(), [])
    source = tree.subject(verb, control=words.control_verbs) if lemma_frames else None
    if source is None or tree.is_passive(verb):
        return None
    objects = _object_words(verb)
    if _distributive(verb, source):
        action, frame = _action_on_object(lemma_frames, objects), "distributive-conj"
    else:
        action, frame = _mutual(lemma_frames, verb, objects), "mutual-conj"
    parties = [t for t in coordinated(source, words) if resolves(t)] if action else []
    pair = FOES if frame == "mutual-conj" else PAIR_NOUNS
    if len(parties) < 2 and not (action and source.lower_ in pair):
        return None
    return Candidate(action, frame, verb, parties or [source], parties or [source])


def _passive_candidate(verb: Token, frames: Frames, words: Words,
                       resolves: Resolves) -> Candidate | None:
    """'The accord was signed by A and B': a joint act (agreeing, cooperating) whose
    coordinated by-agents do it together."""
    lemma = verb.lemma_.lower()
    thing, agent = tree.patient(verb), tree.agent(verb)
    if lemma not in frames.symmetric or thing is None or agent is None \
            or not tree.is_passive(verb):
        return None
    names = {thing.lemma_.lower(), thing.lower_}
    action = next((f.action for f in frames.verbs.get(lemma, []) if f.objects & names
                   and f.action in frames.symmetric.values()), None)
    parties = [t for t in coordinated(agent, words) if resolves(t)] if action else []
    if len(parties) < 2:
        return None
    return Candidate(action, "passive-joint", verb, parties, parties, passive=True)


def coordination_candidates(sentence: SentenceIndex, found: list[Candidate], frames: Frames,
                            words: Words, resolves: Resolves) -> list[Candidate]:
    """The acts of coordinated actors on each other in a sentence, for verbs no other
    candidate already aims at an actor."""
    aimed = {c.trigger.i for c in found if any(resolves(t) for t in c.targets)}
    added = []
    for verb in sentence.with_lemma(frames.verbs, frames.symmetric, verbs_only=True):
        if verb.i in aimed:  # (a verb no frame knows makes neither candidate)
            continue
        candidate = (_passive_candidate(verb, frames, words, resolves)
                     or _active_candidate(verb, frames, words, resolves))
        if candidate is not None:
            added.append(candidate)
    return added
