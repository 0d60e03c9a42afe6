"""Find candidate events in one parsed sentence: verb frames, passives, nominals, light verbs.

A candidate names its trigger, the frame that matched, and the source and target *tokens*;
`decide` (in `decide.py`) later turns candidates into edges with status and date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Span, Token

from geokg.extract.parse import tree
from geokg.extract.parse.allegations import allegation_sides
from geokg.extract.parse.frames import Frames, NounFrame, VerbFrame
from geokg.extract.parse.nominal import invited_stay
from geokg.extract.parse.words import Words

NAMING_VERBS = {"call", "label", "brand", "dub", "describe", "regard", "characterize",
                "characterise", "term", "denounce", "condemn"}
ACCUSATION_LABELS = {"terrorism", "terrorist", "coup", "crime", "criminal", "aggression",
                     "escalation", "provocation", "violation", "invasion", "piracy", "genocide",
                     "aggressor", "hostile", "illegal", "assault", "attack", "massacre"}
ACT_NOUNS = {"act", "action"}  # 'the acts of X' are X's
THREAT_VERBS = {"threaten", "vow", "swear"}
PAIR_NOUNS = {"sides", "parties", "leaders", "countries", "nations", "governments", "neighbors",
              "neighbours", "rivals", "men", "presidents", "delegations"}
VERBAL = {VERB, AUX}
JOINT_PREPS = {"during"}
PARTAKING = {"participate", "partake"}  # 'participated in' (and 'took part in')
ONGOING_VERBS = {"begin", "start", "break", "erupt", "rage", "continue", "resume", "flare",
                 "intensify", "escalate", "persist", "occur", "spread",
                 "rag"}  # the small model lemmatizes 'raging' as 'rag'
CONCLUDING_VERBS = {"sign", "reach", "conclude", "seal", "agree", "strike", "negotiate",
                    "hold", "broker", "ink", "initial"}
BETWEEN = frozenset({"between", "among"})
SUBJECTS = {"nsubj", "csubj"}
GIVING = {"grant", "give", "offer", "issue", "extend", "award", "provide", "promise", "pledge"}
AMOUNT_WORDS = {"million", "billion", "trillion", "dollar", "euro", "pound", "yuan", "yen"}
FIGHT_NOUNS = {"fighting", "clash", "battle", "war"}
FIRE_WORDS = {"fire", "gunfire", "shot", "shots"}
ALIGNED_HEADS = {"those", "forces", "fighters", "militias", "militiamen", "troops", "groups"}
ALIGNED_WORDS = {"align", "aligned", "ally", "allied", "loyal", "affiliate", "affiliated"}
HOST_VERBS = {"host", "mediate", "broker", "facilitate", "sponsor"}
SUBJECT_CONTROL = {"promise", "vow", "pledge", "swear", "threaten", "offer", "use"}
SPEECH_NOUNS = {"statement", "communique", "letter", "speech", "remark", "editorial", "article",
                "message", "post", "tweet", "commentary", "op-ed", "interview", "address"}
OWNER_PREPS = frozenset({"of", "from", "by"})
BY = frozenset({"by"})
TO = frozenset({"to"})
SUMMONS = {"summon"}
AIMED_AT = frozenset({"against", "on"})
READYING = frozenset({"DEPLOYED", "MOBILIZED_AGAINST"})  # actions of massing means
FROM = frozenset({"from"})
REMOVALS = {"expel", "deport", "suspend", "ban", "bar", "oust", "banish", "eject"}
ON = frozenset({"on"})
LOOSE_PARTICLES = {"out", "away"}  # 'pulled out of X' parsed as two prepositions
MISDEEDS = {"crime", "abuse", "violation", "atrocity", "killing", "massacre", "offence",
            "offense", "wrongdoing", "misconduct"}  # 'a probe into crimes committed by T'
REQUEST_NOUNS = {"call", "appeal", "plea", "demand", "request"}
FOR_REQUEST_VERBS = {"call", "appeal", "plead", "press", "push", "clamor", "clamour"}
DISMISSIVE_VERBS = {"ignore", "resist", "defy", "heed", "answer", "echo"}
CULPRIT_ACTS = ACCUSATION_LABELS | {
    "bombing", "killing", "assassination", "plot", "blast", "explosion", "poisoning",
    "kidnapping", "abduction", "violence", "shooting", "strike", "raid", "hack", "cyberattack",
    "uprising", "sabotage"}
ARRIVAL_VERBS = {"arrive", "land", "reach", "dock"}
DEPARTURE_VERBS = {"depart", "leave", "head", "set"}  # 'left for X', 'headed to X', 'set off for'
CARGO_NOUNS = {"aid", "assistance", "supplies", "supply", "vaccine", "vaccines", "dose", "doses",
               "shipment", "consignment", "donation", "donations", "relief", "food", "medicine",
               "medicines", "tents", "equipment", "cargo", "batch", "flight", "flights",
               "convoy", "plane", "planes", "aircraft", "ship", "team", "rescuers"}
CARRIERS = {"flight", "convoy", "plane", "aircraft", "ship", "batch", "cargo", "team"}
AID_MARKS = {"aid", "relief", "humanitarian", "medical", "food", "rescue", "vaccine"}
SHELTER_WORDS = {"asylum", "refuge", "sanctuary", "shelter"}
RECEIVE_VERBS = {"draw", "attract", "receive", "face", "win", "earn", "garner", "get", "meet",
                 "encounter", "spark", "provoke", "trigger", "prompt"}
ADDRESS_VERBS = {"send", "write", "address", "deliver", "submit", "hand"}
ASKING_VERBS = {"request", "ask", "urge", "seek", "demand", "call", "appeal", "plead", "beg"}
BELIEF_VERBS = {"believe", "suspect", "think", "claim", "allege", "conclude", "suggest"}
KIND_WORDS = {"friend", "partner", "ally", "hero", "brother", "model", "example", "champion",
              "leader", "president", "success", "victory"}


@dataclass
class Candidate:
    """One event the parse suggests, before it is decided."""

    action: str
    frame: str
    trigger: Token
    sources: list[Token]
    targets: list[Token]
    passive: bool = False
    nominal: bool = False
    governor: Token | None = None  # the verb a nominal event hangs on ('imposed sanctions')
    one_target: bool = False  # targets are guesses in order: keep the first that resolves
    word: Token | None = None  # the frame's object word ('member' in 'was a former member')
    properties: dict[str, str] = field(default_factory=dict)

    def properties_for(self, vocabulary, action: str) -> dict[str, str]:
        """The captured text under the action's property name ('designation')."""
        if "text" not in self.properties:
            return {}
        return {vocabulary.actions[action].capture or "detail": self.properties["text"]}


def _object_word(objects: list[Token], frame: VerbFrame) -> Token | None:
    """The object word the frame needs ('sanctions' in 'imposed sanctions on'), among the
    verb's candidate objects (`tree.objects`, read once for all its frames)."""
    if not frame.objects:
        return None
    for token in objects:
        if token.lemma_.lower() in frame.objects or token.lower_ in frame.objects:
            return token
        for inner in [*tree.prep_objects(token, frozenset({"of"})),  # 'a package of sanctions'
                      *tree.children(token, "amod"),  # 'held X responsible' (parsed so)
                      *_amount_of(token)]:  # '$20 million in assistance'
            if inner.lemma_.lower() in frame.objects or inner.lower_ in frame.objects:
                return inner
    return None


def _amount_of(token: Token) -> list[Token]:
    """What an amount of money is given as: '$20 million in humanitarian assistance'."""
    if token.ent_type_ != "MONEY" and token.lemma_.lower() not in AMOUNT_WORDS:
        return []
    return list(tree.prep_objects(token, frozenset({"in"})))


def _near(token: Token, exclude: set[int], depth: int = 3) -> Iterator[Token]:
    """Tokens under `token` (breadth first, a few levels down)."""
    level = [token]
    for _ in range(depth):
        level = [c for t in level for c in t.children if c.i not in exclude]
        yield from level


def _raised_object(verb: Token) -> list[Token]:
    """The subject of the verb's infinitive clause, which is the verb's object ('allowed X
    to run', 'permitted X to hold a rally': the parser makes X the subject of 'to run')."""
    return [s for c in tree.children(verb, "ccomp")
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for s in tree.children(c, "nsubj")]


def _targets(verb: Token, frame: VerbFrame, passive: bool, word: Token | None,
             subject: Token | None) -> list[Token]:
    """Where the frame says the target is."""
    if frame.slot == "dobj":
        if passive:
            found = tree.patient(verb)
            found_list = [found] if found is not None else []
            if found is not None and verb.dep_ in {"acl", "amod"}:  # 'X, backed by S, and Y'
                return [t for t in tree.with_conjuncts(found) if t.i < verb.i]
        else:
            found_list = tree.children(verb, "dobj", "dative", "obj") or _raised_object(verb)
            if not found_list and tree.antecedent(verb) is not None and not tree.children(
                    verb, "ccomp", "xcomp"):
                found_list = [tree.antecedent(verb)]  # 'the group that X leads'
        return [t for f in found_list  # 'attacked Kenyan and Somali forces': both
                for t in tree.with_conjuncts(f) + tree.coordinated_modifiers(f)]
    if frame.slot == "prep":
        hosts = [verb] + ([word, *_first_conjuncts(word), *word.conjuncts]  # 'launched
                          if word is not None else [])  # artillery, mortar and rocket fire at X'
        if word is not None and word.dep_ == "pobj" and word.head.lower_ in {"of", "in"}:
            hosts.append(word.head.head)  # '70 million dollars of|in aid for X'
        if word is not None:  # 'revoked the asylum granted to X', 'the visas issued to X';
            hosts += [p for p in tree.children(word, "acl")  # 'lines of dialogue with X'
                      if p.tag_ == "VBN" and p.lemma_.lower() in GIVING]
            hosts += list(tree.prep_objects(word, frozenset({"of"})))
        if word is not None and word.dep_ == "pobj" and word.head.lower_ == "of":
            own = list(tree.prep_objects(word, frame.preps, True))
            if own:  # 'sent a letter of protest against X to Y': the protest's own target
                return own
        found = [t for host in hosts for t in tree.prep_objects(host, frame.preps, True)]
        if passive and word is not None and word.dep_ == "dobj" and frame.preps & {"to", "for"}:
            moved = tree.patient(verb)  # 'Y was granted asylum (by X)': Y is the 'to'
            found += tree.with_conjuncts(moved) if moved is not None else []
        return found
    if word is None:
        dobjs = tree.children(verb, "dobj")
        if not dobjs:
            return []
        word = dobjs[0]
    if frame.slot == "poss":
        return tree.children(word, "poss")
    skip = {subject.i} if subject is not None else set()
    skip |= {c.i for c in word.children if c.dep_ == "acl" and c.pos in VERBAL}
    under_verb = [o for p in tree.children(verb, "prep")
                  for o in tree.children(p, "pobj")]  # 'staged rallies against X'
    near = [t for t in [*_near(word, skip), *under_verb]
            if t.pos_ in {"PROPN", "NOUN", "ADJ", "PRON"} and t.i not in skip]
    return sorted(near, key=lambda t: not _aimed(t))  # 'rallies in X against Y': Y


def _aimed(token: Token) -> bool:
    """Whether `token` sits under an 'against': the one an act is aimed at comes before the
    place it happens in ('staged rallies in X against Y')."""
    return any(a.dep_ == "prep" and a.lower_ == "against" for a in token.ancestors)


def _shared_prep_objects(verb: Token, frame: VerbFrame, head_frames: list[VerbFrame]
                         ) -> list[Token]:
    """A coordinated verb without a subject or a prepositional phrase of its own shares the
    place of an earlier conjunct that can do the same act: 'recalled its envoy from X and
    pulled out its troops' (the troops from X); not 'expelled envoys from X and ...'."""
    head = verb.head
    if frame.slot != "prep" or verb.dep_ != "conj" or head.i == verb.i or \
            tree.own_subject(verb) is not None or \
            not any(f.action == frame.action and f.preps & frame.preps for f in head_frames):
        return []
    if any(tree.children(host, "prep") for host in [verb, *tree.children(verb, "dobj")]):
        return []
    hosts = [head, *tree.children(head, "dobj")]
    return [t for host in hosts for t in tree.prep_objects(host, frame.preps)]


def _capture(verb: Token) -> dict[str, str]:
    """'designated X as a foreign terrorist organization' -> the words after `as`."""
    for prep in tree.children(verb, "prep"):
        if prep.lower_ == "as":
            for obj in tree.children(prep, "pobj"):
                words = [t for t in obj.subtree if t.dep_ not in {"det", "punct"}]
                return {"text": " ".join(t.text for t in words)}
    return {}


def _owned_word(word: Token | None, frame: VerbFrame) -> bool:
    """Whether the frame's object word is the target's own act ('the claims by|of|from T'),
    so that a bare definite one ('the claims') may refer to an earlier act."""
    return word is not None and frame.slot == "prep" and frame.preps <= OWNER_PREPS


Resolves = Callable[[Token], bool]  # whether a token stands for an actor (or an earlier act)


def _doer(act: Token, verb: Token, words: Words, resolves: Resolves) -> Token:
    """The actor an act's modifier names ('condemned the Xian attack', 'welcomed the X
    decision'), or a `by` the parser hung on the reacting verb ('condemned the shelling of
    Y by X'), or whom it is blamed on ('blamed the attack on X', 'the attack, which Z
    blamed on X'): X did it; else the act."""
    blamed = [*tree.prep_objects(act, ON), *tree.prep_objects(verb, ON)] if \
        verb.lemma_.lower() == "blame" else []
    if act.lower_ not in words.event_anaphors:  # 'the bombing, which X blamed on Y'
        return next((c for c in blamed if resolves(c)), act) if act.tag_ == "WDT" else act
    doers = [c for c in act.children if c.dep_ in {"amod", "compound"}]
    if not tree.is_passive(verb):
        doers += tree.prep_objects(verb, BY)
    return next((c for c in doers + blamed if resolves(c)), act)


def verb_candidates(verb: Token, frames: list[VerbFrame], used: set[int], words: Words,
                    resolves: Resolves, head_frames: list[VerbFrame] = ()) -> Candidate | None:
    """The most specific frame of a verb that finds a target (`head_frames`: those of the
    verb an `and` coordinates it with, whose place it may share)."""
    passive = tree.is_passive(verb)
    source = tree.agent(verb) if passive else tree.subject(verb, control=words.control_verbs)
    if source is not None and not passive and not resolves(source):
        source = _carrier_subject(verb, source, words) or source
    source = _controller(verb, resolves) or source
    if passive and source is None:
        source = _attack_doer(verb, words, resolves) or _host_country(verb) or _expeller(
            verb, resolves) or _summoner(verb, words, resolves)
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "prep" and c.lower_ in LOOSE_PARTICLES and tree.children(c, "prep"))), None)
    objects = tree.objects(verb, passive) if any(f.objects for f in frames) else []
    for frame in frames:
        if frame.particle and frame.particle != particle:
            continue
        word = _object_word(objects, frame)
        if frame.objects and word is None:
            continue
        found = _targets(verb, frame, passive, word, source)
        if verb.lemma_.lower() in words.reaction_verbs:
            found = [_doer(t, verb, words, resolves) for t in found]
        targets = [t for t in found if resolves(t)] or [  # 'into crimes committed by T'
            a for t in found if frame.slot == "prep" and t.lemma_.lower() in MISDEEDS
            for a in tree.prep_objects(t, BY, True) if resolves(a)] or [
            a for a in _readied_against(found, frame, words) if resolves(a)]
        if not targets and _owned_word(word, frame) and resolves(word):
            targets = [word]  # 'denied the claims': whose claims, an earlier act says
        if not targets:
            targets = [t for t in _shared_prep_objects(verb, frame, head_frames) if resolves(t)]
        if source is not None and [t.i for t in targets] == [source.i]:
            continue  # 'Y's envoy was summoned to the X ministry': X summons, not is summoned
        if not targets:
            continue
        if word is not None:
            used.add(word.i)
        properties = _capture(verb) if frame.capture else {}
        sources = coordinated(source, words) if source is not None else []
        action = frame.action
        if action == "ATTACKED" and verb.dep_ == "acl" and verb.head.lemma_.lower() in \
                SPEECH_NOUNS:
            action = "CRITICIZED"  # 'a statement blasting X': an attack in words
        return Candidate(action, f"{'passive-' if passive else ''}{frame.name}", verb,
                         sources, targets, passive=passive, properties=properties,
                         one_target=frame.slot == "near", word=word)
    return None


def _readied_against(found: list[Token], frame: VerbFrame, words: Words) -> list[Token]:
    """Means massed for a use of force aim at its target: 'mobilized reservists for a
    war against T', 'massed troops for an offensive on T'."""
    if frame.slot != "prep" or frame.action not in READYING:
        return []
    return [a for t in found if t.lemma_.lower() in words.threat_nouns
            for a in tree.prep_objects(t, AIMED_AT)]


def _attack_doer(verb: Token, words: Words, resolves: Resolves) -> Token | None:
    """'were killed in a Xian attack', 'wounded in attacks by X', 'died in X's shelling':
    a passive act with no agent was done by the doer of the attack it happened in."""
    for prep in tree.children(verb, "prep"):
        if prep.lower_ not in {"in", "during"}:
            continue
        for act in tree.children(prep, "pobj"):
            if words.event_anaphors.get(act.lower_) != "ASSAULT":
                continue
            doers = [c for c in act.children if c.dep_ in {"poss", "amod", "compound"}]
            found = next((d for d in [*doers, *tree.prep_objects(act, BY)] if resolves(d)),
                         None)
            if found is not None:
                return found
    return None


def _expeller(verb: Token, resolves: Resolves) -> Token | None:
    """'X was expelled from Y', 'were deported from Y', 'was suspended from Y': the one
    they are put out of."""
    if verb.lemma_.lower() not in REMOVALS:
        return None
    return next((t for t in tree.prep_objects(verb, FROM) if resolves(t)), None)


def _summoner(verb: Token, words: Words, resolves: Resolves) -> Token | None:
    """'Y's envoy was summoned to X's foreign ministry|to the X ministry': the one summoning
    is the one summoned to (an envoy; not 'X's minister was summoned to the X palace')."""
    summoned = tree.patient(verb)
    if verb.lemma_.lower() not in SUMMONS or summoned is None or \
            summoned.lemma_.lower() not in words.envoy_nouns:
        return None
    return next((t for t in tree.prep_objects(verb, TO) if resolves(t)), None)


def _host_country(verb: Token) -> Token | None:
    """'Y was granted asylum in X': asylum is given by the country it is given in."""
    shelter = [o for o in tree.children(verb, "dobj") if o.lower_ in SHELTER_WORDS]
    if not shelter:
        return None
    return next((t for host in (verb, shelter[0])
                 for t in tree.prep_objects(host, frozenset({"in"}))), None)


def _controller(verb: Token, resolves: Resolves) -> Token | None:
    """An actor object before an infinitive does it: 'the launches prompted X to impose',
    'the crisis led X to send' (object control beyond the listed verbs)."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to"
                                       for c in verb.children):
        return None
    if verb.head.lemma_.lower() in SUBJECT_CONTROL:
        return None
    objects = [o for o in tree.children(verb.head, "dobj") if o.i < verb.i]
    return objects[0] if objects and resolves(objects[0]) else None


def _carrier_subject(verb: Token, noun: Token, words: Words) -> Token | None:
    """Who does what a participle on a thing says: 'launched strikes targeting X', 'issued a
    statement blasting X' -> the subject of the verb whose object the thing is; 'in a
    statement accusing X, Y said' -> the subject of the verb the statement's preposition
    hangs on; 'Y's statement accusing X' -> its possessor."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.i != noun.i:
        return None
    owner = next(iter(tree.children(noun, "poss")), None)
    if owner is not None:
        return owner
    carrier = noun.head
    if noun.dep_ == "pobj" and noun.lemma_.lower() in SPEECH_NOUNS and \
            carrier.head.pos in VERBAL:
        return tree.subject(carrier.head, control=words.control_verbs)
    if noun.dep_ not in {"dobj", "obj"} or carrier.pos not in VERBAL:
        return None
    return tree.subject(carrier, control=words.control_verbs)


def coordinated(token: Token, words: Words) -> list[Token]:
    """'A and B', 'the leaders of A and B' or 'A and B officials' (coordinated modifiers):
    the coordinated actors a phrase names."""
    if not token.conjuncts and (token.lemma_.lower() in words.partitives | words.agent_nouns
                                or token.lower_ in words.agent_nouns):
        for inner in tree.prep_objects(token, frozenset({"of"})):
            if inner.conjuncts:
                return tree.with_conjuncts(inner)
    return tree.coordinated_modifiers(token) or tree.with_conjuncts(token)


def _reciprocal(verb: Token) -> bool:
    """'battled each other', 'accused one another'."""
    return any(o.lower_ in {"other", "another"} and any(
        c.lower_ in {"each", "one"} for c in o.children) or o.lower_ == "another"
        for o in tree.children(verb, "dobj", "pobj"))


def symmetric_candidate(verb: Token, frames: Frames, words: Words,
                        resolves: Resolves) -> Candidate | None:
    """'A and B agreed to ...', 'the two leaders met': an act done together, no object;
    'A and B battled each other': any act done to each other."""
    lemma = verb.lemma_.lower()
    if lemma not in frames.verbs:
        return None
    action = frames.symmetric.get(lemma)
    if action is None and _reciprocal(verb):
        action = next((f.action for f in frames.verbs.get(lemma, []) if f.slot == "dobj"),
                      None)
    if action is None:  # 'A and B renewed negotiations': a with-frame whose object is there
        dobjs = tree.children(verb, "dobj")  # 'launched ten days of war games'
        dobjs += [o for d in dobjs for o in tree.prep_objects(d, frozenset({"of"}))]
        objects = {o.lemma_.lower() for o in dobjs} | {o.lower_ for o in dobjs}
        action = next((f.action for f in frames.verbs.get(lemma, []) if f.objects & objects
                       and "with" in f.preps and f.action in frames.symmetric.values()), None)
    if action is None or tree.is_passive(verb):
        return None
    source = tree.subject(verb, control=words.control_verbs)
    if source is None:
        return None
    together = [t for t in coordinated(source, words) if resolves(t)]
    if len(together) < 2 and source.lower_ not in {"leaders", "sides", "countries"}:
        return None
    return Candidate(action, "symmetric-conj", verb, together or [source],
                     together or [source])


def joint_candidate(verb: Token, frames: Frames, words: Words,
                    resolves: Resolves) -> Candidate | None:
    """'A and B led their delegations during talks', 'A and B return for talks': a joint
    event noun under the verb of coordinated subjects is done together."""
    events = [o for p in tree.children(verb, "prep") if p.lower_ in JOINT_PREPS
              for o in tree.children(p, "pobj")]
    if verb.lemma_.lower() in PARTAKING or any(o.lower_ == "part" for o in tree.children(
            verb, "dobj")):  # 'A and B took part in talks', 'participated in talks'
        events += [o for host in [verb, *tree.children(verb, "dobj")]
                   for p in tree.children(host, "prep") if p.lower_ == "in"
                   for o in tree.children(p, "pobj")]
    action = next((f.action for o in events for f in frames.nouns.get(o.lower_, [])
                   if f.action in frames.symmetric.values()), None)
    source = tree.subject(verb, control=words.control_verbs) if action else None
    if source is None:
        return None
    together = [t for t in coordinated(source, words) if resolves(t)]
    if len(together) < 2:
        return None
    return Candidate(action, "joint-noun", verb, together, together)


def between_candidate(noun: Token, frames: Frames, words: Words,
                      resolves: Resolves) -> list[Candidate]:
    """'talks between A and B', 'fighting between A and B', 'an exercise involving A and B':
    the parties act on each other (both ways); one who hosts, mediates or brokers them
    meets each ('hosted talks between A and B', 'a truce brokered by C')."""
    action = next((f.action for f in frames.nouns.get(noun.lower_, []) +
                   frames.nouns.get(noun.lemma_.lower(), [])), None) or (
        "ATTACKED" if noun.lemma_.lower() in FIGHT_NOUNS or noun.lower_ in FIGHT_NOUNS
        or _exchanged_fire(noun) else None)
    if action is None or _ended(noun, words):
        return []
    parties, frame = _parties(noun, words, resolves)
    if len(parties) < 2 and not (parties and parties[0].lower_ in PAIR_NOUNS):
        return []
    ongoing = noun.head if _ongoing(noun) else None  # 'fighting has raged since May ...'
    found = [Candidate(action, frame, noun, parties, parties, nominal=True, governor=ongoing)]
    governor = governing_verb(noun, words)
    host = None
    if governor is not None and governor.lemma_.lower() in HOST_VERBS:
        host = tree.subject(governor, control=words.control_verbs)
    host = _broker(noun) or host
    if host is not None and resolves(host):
        found.append(Candidate("MET_WITH", "host-between", noun, [host], parties,
                               nominal=True))
    return found


def _ended(noun: Token, words: Words) -> bool:
    """Whether the joint event is ended or kept from happening, not told as going on:
    'ended the war between A and B', 'an end to the fighting between A and B', 'to prevent
    clashes between A and B' (a verb or noun of `reversal_verbs` over it)."""
    governor = governing_verb(noun, words)
    direct = noun.dep_ != "pobj" or noun.head.lower_ == "of"  # its object, not 'discussed
    if direct and governor is not None and governor.lemma_.lower() in words.reversal_verbs:
        return True  # in a meeting between A and B' (where it was done)
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"to", "of"}:
        return False
    host = noun.head.head  # 'the end of the war', or 'put an end to the war' (on the verb)
    ends = [host] if host.pos_ == "NOUN" else tree.children(host, "dobj")
    return any(e.pos_ == "NOUN" and e.lemma_.lower() in words.reversal_verbs for e in ends)


def _parties(noun: Token, words: Words, resolves: Resolves) -> tuple[list[Token], str]:
    """The parties of a joint event noun and how they are named: 'talks between A and B',
    'the latest round of talks between A and B', 'drills between the navies of A and B'
    ('between'), or 'an exercise involving A, B and C' ('involving')."""
    hosts = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos == NOUN:
        hosts.append(noun.head.head)  # 'the third round of talks between A and B'
    if _ongoing(noun):
        hosts.append(noun.head)  # 'clashes have begun between A and B', 'fighting raged
        #                          between A and B' (the phrase hangs on the verb)
    named = [o for host in hosts for o in tree.prep_objects(host, BETWEEN)]
    frame = "noun-between"
    if not named:
        named = [o for p in tree.children(noun, "acl") if p.lemma_.lower() == "involve"
                 for o in tree.children(p, "dobj")]
        frame = "noun-involving"
    named = [_aligned(t) or t for o in named for t in coordinated(o, words)]
    parties = {t.i: t for t in named if resolves(t)}
    return list(parties.values()), frame


def _ongoing(noun: Token) -> bool:
    """'clashes have begun ...', 'fighting raged ...': the noun is the subject of a verb of
    occurrence, which carries the phrases of the event (parties, time); so is the passive
    subject of one of concluding ('an agreement was signed between A and B', 'talks were
    held between A and B')."""
    return noun.dep_ in SUBJECTS and noun.head.lemma_.lower() in ONGOING_VERBS or (
        noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in CONCLUDING_VERBS)


def _exchanged_fire(noun: Token) -> bool:
    """'an exchange of fire between A and B': the fire of an exchange (the phrase naming the
    parties hangs on either noun)."""
    return noun.lemma_.lower() in FIRE_WORDS and noun.dep_ == "pobj" and \
        noun.head.lower_ == "of" and noun.head.head.lemma_.lower() == "exchange"


def _aligned(party: Token) -> Token | None:
    """'between the army and those aligned with X' / '... forces loyal to X': the side a
    party that names no one itself is aligned with."""
    if party.lower_ not in ALIGNED_HEADS or party.ent_type_:
        return None
    return next((o for p in tree.children(party, "acl", "amod")
                 if p.lemma_.lower() in ALIGNED_WORDS
                 for o in tree.prep_objects(p, frozenset({"with", "to"}))), None)


def _broker(noun: Token) -> Token | None:
    """Who brokered, mediated or hosted an event: 'a truce brokered by C'."""
    return next((tree.agent(p) for p in tree.children(noun, "acl")
                 if p.lemma_.lower() in HOST_VERBS and tree.agent(p) is not None), None)


def brokered_candidate(noun: Token, frames: Frames, words: Words,
                       resolves: Resolves) -> Candidate | None:
    """'A and B agreed to a truce brokered by C', 'A and B held talks hosted by C': the
    broker of a joint act met each party (the coordinated subject of the verb it hangs on)."""
    if not any(f.action in frames.symmetric.values() for f in
               frames.nouns.get(noun.lower_, []) + frames.nouns.get(noun.lemma_.lower(), [])):
        return None
    host = _broker(noun)
    governor = governing_verb(noun, words)
    if host is None or governor is None or not resolves(host):
        return None
    source = tree.subject(governor, control=words.control_verbs)
    parties = [t for t in coordinated(source, words) if resolves(t)] if source is not None \
        else []
    if len(parties) < 2:
        return None
    return Candidate("MET_WITH", "host-joint", noun, [host], parties, nominal=True)


AT_HAND = {"table", "possible", "imminent", "option", "likely", "ready"}


def _at_hand(clause: Token) -> bool:
    """A clause saying its subject is at hand: 'military action against Y was on the table',
    '... is possible', '... remains an option' (not '... would hurt Europe')."""
    said = [c for c in clause.children if c.dep_ in {"acomp", "attr"}]
    said += [o for p in tree.children(clause, "prep") if p.lower_ == "on"
             for o in tree.children(p, "pobj")]
    return clause.lemma_.lower() in {"be", "remain"} and any(
        t.lemma_.lower() in AT_HAND for t in said)


def _threatened(verb: Token, words: Words) -> list[Token]:
    """Whom a threat with an object is against: 'threatened action against Y', 'warned of
    retaliation if Y ...' (the actor of the condition), 'warned of the costs of any Y
    intervention' (the owner of what the consequences answer)."""
    things = tree.children(verb, "dobj") + list(tree.prep_objects(verb, frozenset({"of"})))
    things += [s for c in tree.children(verb, "ccomp") if _at_hand(c)
               for s in tree.children(c, "nsubj") if s.lemma_.lower() in words.threat_nouns]
    if not things:
        return []
    against = [t for thing in things
               for t in tree.prep_objects(thing, frozenset({"against", "on", "at"}))]
    against += [t for thing in things if thing.lemma_.lower() in words.consequence_nouns
                for t in tree.prep_objects(thing, frozenset({"of", "for"}))]
    conditions = [c for c in tree.children(verb, "advcl") if any(
        m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)]
    return against + [s for c in conditions for s in tree.children(c, "nsubj")]


def threat_candidate(verb: Token, words: Words) -> Candidate | None:
    """'X threatened to resume attacks in Y', 'X vowed to fight unless Y ...': a threat
    against the first actor its infinitive names, when no frame of that infinitive did;
    'X threatened action against Y', 'X warned of action if Y ...': against Y."""
    lemma = verb.lemma_.lower()
    if lemma not in THREAT_VERBS | {"warn"}:
        return None
    source = tree.subject(verb, control=words.control_verbs)
    if source is None:
        return None
    for clause in tree.children(verb, "xcomp"):
        if lemma == "warn":
            break
        guesses = [t for t in clause.subtree if t.i > clause.i and t.pos_ in {"PROPN", "NOUN"}]
        return Candidate("THREATENED", "threaten-xcomp", verb, tree.with_conjuncts(source),
                         guesses, one_target=True)
    targets = _threatened(verb, words)
    if targets:
        return Candidate("THREATENED", "threaten-object", verb, tree.with_conjuncts(source),
                         targets, one_target=True)
    return None


# Verbs of knowing: 'Y must realize that ...', 'Y should learn from ...' said by X is X's
# admonition of Y (a criticism), no act asked of Y.
ADMONISHED = frozenset({"realize", "realise", "understand", "learn", "know", "remember",
                        "recognize", "recognise"})


def request_candidate(verb: Token, words: Words) -> Candidate | None:
    """'X demanded that Y withdraw', 'X said Y must withdraw' (a request of the clause's
    subject), or 'X demanded the withdrawal of Y' (of the actor the object names)."""
    lemma = verb.lemma_.lower()
    speech = lemma in words.speech_verbs or lemma in {"insist", "reiterate", "conclude"}
    if lemma not in words.request_verbs and not speech:
        return None
    source = tree.subject(verb, control=words.control_verbs)
    sources = tree.with_conjuncts(source) if source is not None else []
    asked = verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children)
    for clause in tree.children(verb, "ccomp"):
        modal = any(c.dep_ == "aux" and c.lower_ in words.demand_modals
                    for c in clause.children)
        question = any(c.dep_ in {"mark", "advmod"} and c.tag_ in {"WRB", "IN"} and
                       c.lower_ != "that" for c in clause.children)
        # the mandative subjunctive ('demanded that Y withdraw') or a modal ('Y must')
        base = clause.tag_ == "VB" or clause.tag_ == "VBP" and clause.lower_ == \
            clause.lemma_.lower()  # 'demanded that the government end ...' (tagged VBP)
        mandative = base and lemma in words.request_verbs and lemma not in {
            "want", "support", "back", "welcome", "suggest", "propose"}
        if asked and not question and (mandative or modal) and not _suffers(clause, words):
            inner = tree.own_subject(clause)
            if inner is not None and modal and clause.lemma_.lower() in ADMONISHED:
                return Candidate("CRITICIZED", "admonish-ccomp", verb, sources,
                                 tree.with_conjuncts(inner))
            if inner is not None:
                return Candidate("REQUESTED", "request-ccomp", verb, sources,
                                 tree.with_conjuncts(inner))
    if lemma in words.request_verbs and lemma in {"demand", "seek", "request", "ask"}:
        for obj in tree.children(verb, "dobj"):
            guesses = [obj, *(t for t in _near(obj, set(), 3)
                              if t.pos_ in {"PROPN", "NOUN", "ADJ"})]
            return Candidate("REQUESTED", "request-dobj-owner", verb, sources, guesses,
                             one_target=True)
    return None


def _suffers(clause: Token, words: Words) -> bool:
    """'Y must face the consequences', 'Y should pay the price': no request of Y but a
    threat against Y (`consequences.py` reads it)."""
    return clause.lemma_.lower() in words.suffering_verbs and any(
        t.lower_ in words.consequence_nouns or t.lemma_.lower() in words.consequence_nouns
        for t in tree.children(clause, "dobj"))


def _cargo(noun: Token) -> bool:
    """Goods of aid: 'vaccines', 'the first batch of doses', 'relief flights' (a carrier
    counts only with an aid word in its phrase: 'five relief flights', not 'two planes')."""
    lemma = noun.lemma_.lower()
    if lemma not in CARGO_NOUNS and noun.lower_ not in CARGO_NOUNS:
        return False
    if lemma in CARRIERS:
        phrase = {t.lemma_.lower() for t in noun.subtree}
        return bool(phrase & (AID_MARKS | CARGO_NOUNS - {lemma}))
    return True


def _giver(noun: Token, resolves: Resolves) -> list[Token]:
    """Who sent the goods: 'donated by X', 'from X', 'a batch of vaccines donated by X', or
    whose they are: 'a Japanese rescue team', 'its aid convoys'."""
    owner = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound"} and resolves(c)]
    if owner:
        return owner[:1]
    hosts = [noun]
    for host in hosts:
        if len(hosts) < 4:  # 'the first batch of 300 doses of vaccines donated by X'
            hosts.extend(tree.prep_objects(host, frozenset({"of"})))
        found = [t for t in tree.prep_objects(host, frozenset({"from", "by"}), True)
                 if resolves(t)]
        if found:
            return found
    return []


def _destinations(verb: Token, resolves: Resolves) -> list[Token]:
    """Where aid arrives ('arrived in X', 'reached X') or leaves for ('left for X', 'headed
    to X', 'set off for X')."""
    lemma = verb.lemma_.lower()
    if lemma in DEPARTURE_VERBS:
        preps = frozenset({"for", "to", "toward", "towards"})
        hosts = [verb, *(p for p in tree.children(verb, "prt") if p.lower_ in {"off", "out"})]
        if lemma == "set" and len(hosts) == 1:
            return []  # 'set' moves only as 'set off' / 'set out'
        return [t for h in hosts for t in tree.prep_objects(h, preps) if resolves(t)]
    places = [t for t in tree.prep_objects(verb, frozenset({"in", "at", "to"}))
              if resolves(t)]
    if lemma == "reach":
        places += [t for t in tree.children(verb, "dobj") if resolves(t)]
    return places


def cargo_candidate(verb: Token, resolves: Resolves) -> Candidate | None:
    """'vaccines donated by X landed in Y', 'relief flights from X arrived in Y', 'an Xian
    rescue team left for Y': X AIDED Y (aid arriving somewhere, or setting off for it, is
    aid its giver sent there)."""
    if verb.lemma_.lower() not in ARRIVAL_VERBS | DEPARTURE_VERBS or tree.is_passive(verb):
        return None
    goods = tree.own_subject(verb)
    if goods is None or not _cargo(goods):
        return None
    givers = _giver(goods, resolves)
    places = _destinations(verb, resolves)
    if not givers or not places:
        return None
    return Candidate("AIDED", "aid-arrived", verb, givers, places)


def received_candidate(noun: Token, frames: Frames, words: Words,
                       resolves: Resolves) -> Candidate | None:
    """'X has drawn rebukes from A, B and C', 'X received aid from A', 'the move sparked
    condemnation from A': A does the noun's act to the light verb's subject."""
    governor = governing_verb(noun, words)
    if governor is None or governor.lemma_.lower() not in RECEIVE_VERBS:
        return None
    action = next((f.action for f in frames.nouns.get(noun.lemma_.lower(), []) +
                   frames.nouns.get(noun.lower_, [])), None)
    givers = [t for host in (noun, governor)
              for t in tree.prep_objects(host, frozenset({"from"})) if resolves(t)]
    receiver = tree.subject(governor, control=words.control_verbs)
    if action is None or not givers or receiver is None:
        return None
    receivers = [_doer(t, governor, words, resolves) for t in tree.with_conjuncts(receiver)]
    return Candidate(action, "received-from", noun, givers, receivers,  # 'the Xian attack
                     nominal=True, governor=governor)  # drew condemnation from A': A -> X


def addressed_request_candidate(verb: Token, words: Words,
                                resolves: Resolves) -> Candidate | None:
    """'X sent a letter to Y requesting assistance', 'X wrote to Y urging ...': the request
    a participle makes is X's, of the one the message is addressed to."""
    if verb.lemma_.lower() not in ASKING_VERBS or verb.tag_ != "VBG" or \
            verb.dep_ not in {"advcl", "acl", "xcomp"}:
        return None
    sender = verb.head
    if sender.dep_ == "dobj" and sender.lower_ in SPEECH_NOUNS | {"note"}:
        sender = sender.head  # 'sent a letter to Y requesting' hung on the letter
    if sender.lemma_.lower() not in ADDRESS_VERBS:
        return None
    hosts = [sender, *tree.children(sender, "dobj")]
    addressees = [t for h in hosts for t in tree.prep_objects(h, frozenset({"to"}))
                  if resolves(t)]
    source = tree.subject(sender, control=words.control_verbs)
    if not addressees or source is None:
        return None
    return Candidate("REQUESTED", "addressed-request", verb, tree.with_conjuncts(source),
                     addressees)


def _culpable_act(copula: Token) -> Token | None:
    """The hostile act a copula puts its subject behind: 'was behind the bombing', 'is
    responsible for the attacks', 'was involved in (planning) the attack' (a hyphened head
    counts by its last part: 'car-bombing'); 'was to blame (for X)' whatever X is."""
    blame = next((x for x in tree.children(copula, "xcomp") if x.lemma_.lower() == "blame"),
                 None)
    if blame is not None:
        return blame
    places = [p for p in tree.children(copula, "prep") if p.lower_ == "behind" or
              p.lower_ == "in" and copula.lemma_.lower() == "involve"]
    places += [p for a in tree.children(copula, "acomp") if a.lower_ == "responsible"
               for p in tree.children(a, "prep") if p.lower_ == "for"]
    for prep in places:
        for act in [*tree.children(prep, "pobj"), *[o for g in tree.children(prep, "pcomp")
                                                    for o in tree.children(g, "dobj")]]:
            if {act.lower_.rsplit("-", 1)[-1], act.lemma_.lower().rsplit("-", 1)[-1]} & \
                    CULPRIT_ACTS:
                return act
    return None


def _culprit_verb(copula: Token) -> Token | None:
    """The one a copula, or a passive 'involved', says something of ('X was involved in')."""
    if copula.lemma_.lower() == "be":
        return tree.own_subject(copula)
    if copula.lemma_.lower() == "involve" and tree.children(copula, "auxpass"):
        return next(iter(tree.children(copula, "nsubjpass")), None)
    return None


def culprit_candidate(copula: Token, words: Words) -> Candidate | None:
    """'Y said X was behind the bombing', 'X, who Y believes is responsible for the attacks':
    Y ACCUSED X (putting someone behind a hostile act is an accusation when someone says it);
    `allegation_sides` reads the other tellings ('Y's accusations that X was behind it',
    'according to Y, X was ...', 'Y said X had carried out the attack')."""
    culprit = _culprit_verb(copula)
    if culprit is None or _culpable_act(copula) is None:
        culprit = None  # no copula of blame: a verb of doing a known act may still say it
    speakers = [copula.head] if copula.dep_ == "ccomp" and copula.head.i != copula.i else []
    speakers += [c for c in copula.children if c.dep_ in {"parataxis", "ccomp"}]
    for speech in speakers if culprit is not None else []:
        if speech.lemma_.lower() in words.speech_verbs | BELIEF_VERBS:
            speaker = tree.subject(speech, control=words.control_verbs)
            if speaker is not None and speaker.i != culprit.i:
                return Candidate("ACCUSED", "behind-act", copula, tree.with_conjuncts(speaker),
                                 [culprit])
    sides = allegation_sides(copula, words, CULPRIT_ACTS, culprit)
    frame = "behind-act" if culprit is not None else "alleged-act"
    return Candidate("ACCUSED", frame, copula, tree.with_conjuncts(sides[0]),
                     [sides[1]]) if sides else None


def asks_for(word: Token) -> bool:
    """Whether a word asks someone to act: 'called for', 'calls for', 'an appeal for'."""
    lemma = word.lemma_.lower()
    return lemma in REQUEST_NOUNS if word.pos == NOUN else lemma in FOR_REQUEST_VERBS


def _asker(noun: Token, words: Words, resolves: Resolves) -> list[Token]:
    """Who makes a call: its possessor or `from`/`by` owner ('Peru's call', 'calls from
    Peru'), else the subject of the verb that makes it ('renewed calls', 'issued a call');
    not of one who rejects or ignores it."""
    owners = [c for c in noun.children if c.dep_ == "poss"] + list(
        tree.prep_objects(noun, frozenset({"from", "by"})))
    if owners:
        return tree.with_conjuncts(owners[0])
    makers = [c for c in noun.children if c.dep_ == "amod" and c.pos in VERBAL]
    governor = governing_verb(noun, words)
    makers += [governor] if governor is not None else []
    for maker in makers:
        lemma = maker.lemma_.lower()
        if lemma in words.reversal_verbs | words.reaction_verbs | words.denial_verbs | \
                words.refusal_verbs | DISMISSIVE_VERBS or tree.is_passive(maker):
            return []
        source = tree.subject(maker, control=words.control_verbs)
        if source is not None and resolves(source):
            return tree.with_conjuncts(source)
    return []


def request_for_candidate(word: Token, words: Words, resolves: Resolves) -> Candidate | None:
    """'X called for Y to V', 'X renewed calls for Y to V', 'X's appeal for Y to V': X urged
    Y; 'X repeated its demand that Y V': X requested of Y (what Y is asked to do is not
    done: `decide` reads it as requested only)."""
    if not asks_for(word):
        return None
    found, action = tree.for_to(word), "URGED"
    if found is None and word.pos == NOUN:
        found, action = tree.that_clause(word), "REQUESTED"
    if found is None:
        return None
    if word.pos == NOUN:
        sources = _asker(word, words, resolves)
    else:
        source = tree.subject(word, control=words.control_verbs)
        sources = tree.with_conjuncts(source) if source is not None else []
    return Candidate(action, "request-for-to" if action == "URGED" else "request-noun-that",
                     word, sources, tree.with_conjuncts(found[1]), nominal=word.pos == NOUN)


def answered_request_candidate(noun: Token, words: Words,
                               resolves: Resolves) -> Candidate | None:
    """'In response to X's request for aid, Y sent ...', 'at the request of X, Y ...': X asked
    Y (the subject of the clause the phrase opens)."""
    if noun.lemma_.lower() not in REQUEST_NOUNS | {"invitation"} or noun.dep_ != "pobj":
        return None
    owners = [c for c in noun.children if c.dep_ == "poss" and resolves(c)] + [
        o for o in tree.prep_objects(noun, frozenset({"of", "from", "by"})) if resolves(o)]
    prep, opens = noun.head, {"at", "upon", "on"}
    if prep.lower_ == "to" and prep.head.lemma_.lower() in {"response", "reply"}:
        prep, opens = prep.head.head, {"in", *opens}  # 'in response to'
    # (a bare 'in': 'stood with them in their calls for X' answers nobody)
    if not owners or prep.lower_ not in opens or prep.head.pos not in VERBAL:
        return None
    asked = tree.subject(prep.head, control=words.control_verbs)
    if asked is None or not resolves(asked):
        return None
    return Candidate("REQUESTED", "request-answered", noun, tree.with_conjuncts(owners[0]),
                     tree.with_conjuncts(asked), nominal=True)


def _as_labels(verb: Token, named: list[Token]) -> list[Token]:
    """What a thing is called after `as` or in apposition ('described the move as a coup',
    'called X's reaction an escalation'), when the label is an accusation."""
    found = [o for host in [verb, *named] for o in tree.prep_objects(host, frozenset({"as"}))]
    found += [a for n in named for a in tree.children(n, "appos")]
    return [label for label in found if label.pos_ in {"NOUN", "PROPN"} and _accusing(label)]


def _accusing(label: Token) -> bool:
    """Whether a label accuses: 'a coup', 'an act of terrorism', 'hostile acts'."""
    return any(t.lemma_.lower() in ACCUSATION_LABELS for t in (label, *_near(label, set(), 2)))


def _label_actors(labels: list[Token]) -> list[Token]:
    """Actors named inside a label: 'an Iranian act of terrorism', 'an act orchestrated by X',
    'the hostile acts of X'."""
    inside = [t for label in labels for t in (label, *_near(label, set(), 3))]
    return [*(a for t in inside for a in tree.prep_objects(t, frozenset({"by", "from"}), True)),
            *(a for t in inside if t.lemma_.lower() in ACT_NOUNS
              for a in tree.prep_objects(t, frozenset({"of"}))),
            *(t for t in inside if t.dep_ in {"amod", "compound", "poss", "nmod"})]


def naming_candidate(verb: Token, words: Words, resolves: Resolves) -> Candidate | None:
    """'calling Petro an illegal drug leader', 'branded them terrorists': an accusation; so is
    'described X's move as a coup' or 'X was regarded by Y as an act of terrorism by Z'."""
    if verb.lemma_.lower() not in NAMING_VERBS:
        return None
    passive = tree.is_passive(verb)
    moved = tree.patient(verb) if passive else None
    named = [moved] if moved is not None else [
        t for t in tree.children(verb, "dobj")
        if t.lower_ not in {"it", "this", "that", "these", "those"}]  # a person or group
    if moved is None and not tree.children(verb, "dobj"):  # the object after the label:
        named = [a for o in tree.prep_objects(verb, frozenset({"as"}))  # 'denounced as a
                 for a in tree.children(o, "appos")]  # crime X's crackdown
    labels = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "attr", "ccomp"}
              and c.pos_ in {"NOUN", "PROPN"}]
    if labels and labels[0].lemma_.lower() in KIND_WORDS and not any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in ACCUSATION_LABELS
            for c in labels[0].children):
        labels = []
    as_labels = [] if labels else _as_labels(verb, named)
    if named and all(t.lower_ == "what" for t in named):  # 'what it called X's provocations'
        as_labels = [t for t in labels or as_labels if _accusing(t)]
        labels = []
    if not named or not (labels or as_labels):
        return None
    source = tree.agent(verb) if passive else tree.subject(verb, control=words.control_verbs)
    targets = [t for t in named if resolves(t) and t.lower_ not in words.event_anaphors]
    inside = [] if targets else [t for t in _label_actors(as_labels) if resolves(t)]
    return Candidate("ACCUSED", "naming-as" if as_labels else "naming-dobj-oprd", verb,
                     tree.with_conjuncts(source) if source is not None else [],
                     targets or inside[:1] or named)


def appositive_candidate(noun: Token, frames: Frames, resolves: Resolves) -> Candidate | None:
    """'Petro, a former member of the M-19': an appositive says what a copula would ('X was
    a member of Y'), so the frames of 'be' apply to it."""
    if noun.dep_ != "appos" or "be" not in frames.verbs or not resolves(noun.head):
        return None
    lemma = noun.lemma_.lower()
    for frame in frames.verbs.get("be", []):
        if frame.slot != "prep" or not (lemma in frame.objects or noun.lower_ in frame.objects):
            continue
        targets = [t for t in tree.prep_objects(noun, frame.preps) if resolves(t)]
        if targets:
            return Candidate(frame.action, f"appos-{frame.name}", noun, [noun.head], targets,
                             nominal=True, word=noun)
    return None


def _first_conjuncts(noun: Token) -> list[Token]:
    """The nouns a later conjunct is coordinated with: 'missile and drone attacks against X'
    hangs `against` on 'missile', though it belongs to the whole phrase."""
    found = []
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"} and len(found) < 4:
        noun = noun.head
        found.append(noun)
    return found


def _container(noun: Token, words: Words) -> Token:
    """'a package of sanctions' -> package (the noun the event sits in)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in words.containers:
        return noun.head.head
    return noun


def _part_in(node: Token) -> bool:
    """'took part in talks': the event is in the part taken ('talks' -> 'part')."""
    return node.dep_ == "pobj" and node.head.lower_ == "in" and \
        node.head.head.lower_ == "part" and node.head.head.dep_ in {"dobj", "obj"}


def governing_verb(noun: Token, words: Words) -> Token | None:
    """The verb a nominal event is the object of: 'imposed sanctions', 'adopted a package of
    sanctions', 'criticized its policies and its support for X' (through conjuncts)."""
    node = _container(noun, words)
    for _ in range(4):
        if _part_in(node):  # 'took part in talks': on to 'part'
            node = node.head.head
            continue
        if node.dep_ == "conj" or node.dep_ == "appos":
            node = node.head
            continue
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in {
                "VERB", "AUX"}:
            return node.head.head
        if node.dep_ in {"dobj", "nsubjpass", "attr", "obj"} and node.head.pos_ in {"VERB",
                                                                                   "AUX"}:
            return node.head
        return None
    return None


RESPONSIBILITY_VERBS = {"claim", "take", "accept", "assume", "admit", "bear"}


def _responsible_claimer(noun: Token) -> Token | None:
    """'X claimed responsibility for the attack (on Y)', 'X took responsibility for the
    bombing', 'X claimed the bombing': X did the act (the subject of the claiming verb)."""
    node = noun
    if node.dep_ == "pobj" and node.head.lower_ == "for" and \
            node.head.head.lemma_.lower() == "responsibility":
        node = node.head.head
        verbs = RESPONSIBILITY_VERBS
    else:
        verbs = {"claim"}
    if node.dep_ not in {"dobj", "obj"} or node.head.lemma_.lower() not in verbs or \
            node.head.pos_ != "VERB":
        return None
    return tree.subject(node.head)


def _noun_source(noun: Token, governor: Token | None, words: Words,
                 resolves: Resolves) -> list[Token]:
    """Who acts in a nominal event: possessor, modifier, `by` agent, or the subject of the
    light verb it is the object of."""
    holder = _container(noun, words)
    for host in (noun, holder):
        for child in host.children:
            if child.dep_ in {"poss", "compound", "amod"} and resolves(child):
                return [child]
        found = tree.agent(host)
        if found is not None:
            return [found]
    claimer = _responsible_claimer(noun)
    if claimer is not None:
        return tree.with_conjuncts(claimer)
    if governor is not None and governor.lemma_.lower() in words.reaction_verbs and \
            not tree.is_passive(governor):  # 'condemned the shelling of Y by X' (`by` hung
        found = [t for t in tree.prep_objects(governor, BY) if resolves(t)]  # on the verb)
        if found:
            return found
    if governor is not None and governor.lemma_.lower() in words.light_verbs:
        passive = tree.is_passive(governor)
        source = (tree.agent(governor) if passive else
                  tree.subject(governor, control=words.control_verbs))
        return tree.with_conjuncts(source) if source is not None else []
    return []


def _undoing(governor: Token | None, words: Words) -> bool:
    """Whether the verb a nominal event hangs on undoes, fears or asks for it ('lifted the
    sanctions on X', 'feared an attack on X', 'called for talks with X')."""
    return governor is not None and governor.lemma_.lower() in (
        words.reversal_verbs | words.request_verbs) - words.light_verbs


def undone_nominal_acts(parse: Span, frames: Frames, words: Words) -> set[str]:
    """The acts of the event nouns of a sentence that no one does there (`_undoing`, a
    joint event ended: `_ended`, only planned: `_planned`): what the rules backoff must not
    add as done."""
    found: set[str] = set()
    for noun in parse:
        kinds = frames.nouns.get(noun.lower_, []) + frames.nouns.get(noun.lemma_.lower(), [])
        if kinds and (_undoing(governing_verb(noun, words), words) or _ended(noun, words)
                      or _planned(noun, words)):
            found.update(frame.action for frame in kinds)
    return found


def _planned(noun: Token, words: Words) -> bool:
    """'made preparations for strikes on X', 'plans for an attack on X': only planned."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and \
        noun.head.head.lemma_.lower() in words.plan_nouns


def noun_candidates(noun: Token, frames: list[NounFrame], words: Words,
                    resolves: Resolves) -> Candidate | None:
    """A nominal event: 'X's attack on Y', 'sanctions against Y' under 'imposed'."""
    governor = governing_verb(noun, words)
    if _undoing(governor, words):
        return None  # 'lifted the sanctions on X', 'called for talks with X'
    light = governor is not None and governor.lemma_.lower() in words.light_verbs
    reaction = governor is not None and governor.lemma_.lower() in words.reaction_verbs
    governor_subject = tree.subject(governor) if reaction and governor is not None else None
    for frame in frames:
        hosts = [noun, *_first_conjuncts(noun)] + [t for t in _near(noun, set(), 2)
                                                   if t.pos_ == "NOUN"]
        hosts += [t for t in _near(noun, set(), 4) if t.lower_ in frame.inner]  # 'recall
        # for consultations of its chargé d'affaires from X'
        if frame.inner and not any(h.lemma_.lower() in frame.inner or h.lower_ in frame.inner
                                   for h in hosts):
            continue
        if light:  # 'opened investigations against X': the preposition hangs on the verb
            hosts.append(governor)
        targets = [t for host in hosts for t in tree.prep_objects(host, frame.preps, True)
                   if resolves(t)]
        if not targets:
            continue
        sources = _noun_source(noun, governor, words, resolves)
        if reaction and (not sources or sources == [governor_subject]):
            return None  # 'Russia condemned the sanctions against it': whose, not said
        return Candidate(frame.action, frame.name, noun, sources, targets, nominal=True,
                         governor=governor)
    return None


def _nominal_candidates(nouns: list[Token], used: set[int], frames: Frames, words: Words,
                        resolves: Resolves) -> list[Candidate]:
    """The candidates of the nouns no verb frame used: parties 'between', brokers,
    appositives, things received, requests, then the noun frames."""
    found: list[Candidate] = []
    for token in nouns:
        if token.i in used:
            continue
        between = between_candidate(token, frames, words, resolves)
        if between:
            found.extend(between)
            continue
        brokered = brokered_candidate(token, frames, words, resolves)
        if brokered is not None:
            found.append(brokered)
        appositive = appositive_candidate(token, frames, resolves)
        if appositive is not None:
            found.append(appositive)
            continue
        received = received_candidate(token, frames, words, resolves)
        if received is not None:
            found.append(received)
            continue
        stay = invited_stay(token, resolves)  # 'was in Y at the invitation of Z'
        found.extend([Candidate("MET_WITH", "visit-invited", token, *stay)] if stay else [])
        request = request_for_candidate(token, words, resolves) or \
            answered_request_candidate(token, words, resolves)
        if request is not None:
            found.append(request)
            continue
        noun_frames = frames.nouns.get(token.lower_) or frames.nouns.get(token.lemma_.lower())
        if noun_frames:
            candidate = noun_candidates(token, noun_frames, words, resolves)
            if candidate is not None:
                found.append(candidate)
    return found


def find_candidates(sentence: Span, frames: Frames, words: Words,
                    resolves: Resolves) -> list[Candidate]:
    """Every candidate event of a sentence, verbs first, then nouns no verb frame used;
    last, a threat for 'threatened to ...' whose infinitive gave no event."""
    found: list[Candidate] = []
    used: set[int] = set()
    nouns: list[Token] = []
    threats: list[Token] = []
    for token in sentence:
        pos = token.pos
        if pos == NOUN or token.dep_ in SUBJECTS and token.tag_ == "VBG":
            nouns.append(token)  # a gerund subject is a noun: 'fighting has raged ...'
        if pos not in VERBAL and not (pos == NOUN and tree.is_verbal(token)):
            continue
        lemma = token.lemma_.lower() if pos != NOUN else _verb_lemma(token)
        if lemma not in frames.verbs:
            lemma = next((k for k in _stems(token.lower_) if k in frames.verbs), lemma)
        if lemma in THREAT_VERBS or lemma == "warn":
            threats.append(token)
        candidate = None
        if lemma in frames.verbs:
            candidate = verb_candidates(token, frames.verbs[lemma], used, words, resolves,
                                        frames.verbs.get(token.head.lemma_.lower(), []))
        candidate = (candidate or request_for_candidate(token, words, resolves)
                     or naming_candidate(token, words, resolves)
                     or symmetric_candidate(token, frames, words, resolves)
                     or request_candidate(token, words))
        candidate = addressed_request_candidate(token, words, resolves) or cargo_candidate(
            token, resolves) or candidate or culprit_candidate(
            token, words)
        joint = joint_candidate(token, frames, words, resolves)
        found.extend(c for c in (candidate, joint) if c is not None)
    for token in threats:
        threat = threat_candidate(token, words)
        if threat is not None and not any(
                c.trigger.head.i == token.i and c.trigger.dep_ == "xcomp" for c in found):
            found.append(threat)
    found.extend(_nominal_candidates(nouns, used, frames, words, resolves))
    return found


def _stems(word: str) -> list[str]:
    """Base forms of an inflected verb the lemmatizer does not know ('decertified')."""
    stems = []
    for suffix, replacements in (("ied", ("y",)), ("ies", ("y",)), ("ing", ("", "e")),
                                 ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.extend(word[: -len(suffix)] + r for r in replacements)
    return stems


def _verb_lemma(token: Token) -> str:
    """The verb lemma of a verb the parser tagged as a plural noun ('leads' -> 'lead')."""
    text = token.lower_
    return text[:-1] if text.endswith("s") else text
