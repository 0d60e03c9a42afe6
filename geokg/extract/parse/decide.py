"""Decide what a candidate event is: its actors, status (asserted, alleged, announced,
denied, former; negated or merely requested gives no edge) and who reported a claim."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, asks_for
from geokg.extract.parse.memory import SentenceActors
from geokg.extract.parse.replies import reply_category
from geokg.extract.parse.words import Words
from geokg.extract.words import WORDS
from geokg.graph.model import Status

DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
LEADERS_BODIES = {"government", "administration", "cabinet"}
TIME_ENTITIES = {"DATE", "TIME"}
OCCURRENCE_VERBS = {"start", "begin", "open", "resume", "commence", "take", "kick", "get"}
PREPOSITIONS = frozenset({"against", "on", "of", "to", "with", "by", "from", "in"})
# Nouns whose infinitive names an act asked for, offered or allowed, not one done: 'a
# proposal to hold a summit between A and B', 'calls to free X', 'the right to fire on X'.
UNDONE_NOUNS = frozenset({"proposal", "proposals", "offer", "offers", "idea", "suggestion",
                          "call", "calls", "appeal", "appeals", "request", "requests", "demand",
                          "demands", "invitation", "right", "option", "permission"})
# Nouns whose infinitive names an act still to come: 'plans to withdraw troops'.
INTENT_NOUNS = frozenset({"plan", "plans", "intention", "intent", "readiness", "willingness"})
# Nouns whose that-clause is someone's claim: "X's assertion that Y had destroyed a drone".
CLAIM_NOUNS = frozenset({"claim", "claims", "assertion", "assertions", "allegation",
                         "allegations", "accusation", "accusations", "statement", "suggestion",
                         "charge", "charges", "suspicion", "suspicions", "belief", "rumour",
                         "rumours", "rumor", "rumors", "report", "reports", "contention",
                         "insistence", "admission"})
# Nouns whose that-clause is only feared or foreseen: "the risk that X would target Y",
# "fears that X could attack Y".
RISK_NOUNS = frozenset({"risk", "risks", "danger", "dangers", "possibility", "possibilities",
                        "prospect", "prospects", "fear", "fears", "chance", "chances",
                        "likelihood", "speculation", "concern", "concerns", "worry", "worries",
                        "scenario", "hope", "hopes"})
# Adjectives that make an event noun a claim: 'a suspected poisoning by X'.
ALLEGED_ADJECTIVES = frozenset({"alleged", "suspected", "purported", "presumed", "reported",
                                "apparent", "possible", "likely", "probable"})
# Conjunctions of a clause that is supposed or asked, not reported as done.
SUPPOSING = frozenset({"if", "unless", "whether"})
# Modals of a purpose clause ('so (that) it could annex X'): what it names is only intended.
PURPOSE_MODALS = frozenset({"could", "would", "can", "might", "may"})
# Nouns whose infinitive names an act refused: "X's refusal to accept Y" (X rejected Y).
REFUSAL_NOUNS = frozenset({"refusal"})
# Nouns of remembrance: 'the 81st anniversary of X's invasion of Y' recalls an old act.
REMEMBRANCE_NOUNS = frozenset(WORDS.remembrance)


@dataclass
class Verdict:
    """What a candidate means once its context is read."""

    status: Status = Status.ASSERTED
    negated: bool = False
    refused: bool = False
    requested_only: bool = False
    claimant: Token | None = None  # the subject of 'claimed that ...' around the event
    # 'will withdraw ... unless Y ...': a threat whatever the act ('will meet X if Y ...' is
    # an offer: PLOVER codes a cooperative act offered on a condition AGREE, and
    # `coded_category` does so for any announced act)
    conditional: bool = False
    agreed: bool = False  # 'agreed to sanction X': an agreement, whatever the act
    recalled: bool = False  # 'the anniversary of X's invasion of Y': an old act, no event
    setting: bool = False  # 'Speaking to reporters, X said': where a statement was made
    described: bool = False  # 'troops backed by Y': a standing tie told of a noun, no act


FORETOLD_ACTS = {"ATTACKED"}  # 'X said Y is preparing to attack Z': X accuses Y


def _foretold_attack(candidate: Candidate, verdict: Verdict, relation: str, lemma: str,
                     words: Words) -> bool:
    """Whether a speech verb reports someone's attack still to come ('said that Y is
    preparing to invade Z', 'warned that Y will strike'): said of another, an accusation."""
    return relation == "ccomp" and lemma in words.speech_verbs - {"announce"} and \
        verdict.status == Status.ANNOUNCED and verdict.claimant is None and \
        candidate.action in FORETOLD_ACTS


# Adverbs that say an act broke the law: 'X said Y had illegally detained Z' accuses Y.
WRONGFUL_ADVERBS = frozenset({"illegally", "unlawfully", "illegitimately", "arbitrarily",
                              "illicitly"})


def _wrongful(candidate: Candidate) -> bool:
    """Whether the act is told as unlawful ('had illegally terminated', 'was unlawfully
    detained by Y'): a speaker who reports it so accuses its doer."""
    verb = candidate.governor or candidate.trigger
    return any(c.dep_ == "advmod" and c.lower_ in WRONGFUL_ADVERBS for c in verb.children)


def _read_report(candidate: Candidate, verdict: Verdict, above: Token, relation: str,
                 words: Words) -> None:
    """A clause above the event that reports it: a claim (alleged, by its subject), a
    denial, or a speech foretelling another's attack (an accusation)."""
    lemma = above.lemma_.lower()
    if lemma in words.claim_verbs:
        verdict.status = Status.ALLEGED
        verdict.claimant = verdict.claimant or tree.own_subject(above)
    elif lemma in words.denial_verbs:
        verdict.status = Status.DENIED
    elif _foretold_attack(candidate, verdict, relation, lemma, words) or (
            lemma in words.speech_verbs and _wrongful(candidate)):
        verdict.claimant = tree.own_subject(above)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a token is in ('a summit' in 'to organise a summit': organise),
    or the token when none is near."""
    node = token
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return node
        node = node.head
    return token


def _complemented(verb: Token) -> Token | None:
    """The noun a clause complements: its head when it is an `acl`; for an infinitive the
    parser hung on the verb right after that verb's object ('rejected calls [to free X]'),
    that object."""
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.lower_ in {"for", "of"}:  # 'a proposal for signing'
        return verb.head.head
    start = verb.left_edge.i
    if verb.dep_ != "advcl" or start == 0 or verb.doc[start].lower_ != "to":
        return None
    before = verb.doc[start - 1]
    return before if before.dep_ == "dobj" and before.head.i == verb.head.i else None


def _noun_clause(verb: Token, nouns: frozenset[str], infinitive: bool) -> bool:
    """Whether the clause of `verb` complements one of `nouns`: 'a proposal [to organise]'
    (an infinitive) or 'the assertion [that Y destroyed]' (a finite clause)."""
    verb = _clause_verb(verb)
    noun = _complemented(verb)
    if noun is None or noun.lower_ not in nouns:
        return False
    if infinitive:
        return verb.dep_ == "pcomp" or any(c.dep_ == "aux" and c.lower_ == "to"
                                           for c in verb.children)
    return any(c.dep_ in {"nsubj", "nsubjpass"} or c.dep_ == "mark" and c.lower_ == "that"
               for c in verb.children)  # not 'the statement issued by X'


def _read_noun_clause(verb: Token, verdict: Verdict) -> None:
    """An act in a clause that complements a noun: proposed or allowed only ('a proposal
    to hold talks between A and B'), still to come ('plans to withdraw'), or claimed ("Y's
    assertion that X had destroyed a drone"), refused ("X's refusal to accept Y"), or only
    feared ("the risk that X would target Y")."""
    if _noun_clause(verb, UNDONE_NOUNS, infinitive=True):
        verdict.requested_only = True
    elif _noun_clause(verb, REFUSAL_NOUNS, infinitive=True):
        verdict.refused = True
    elif _noun_clause(verb, INTENT_NOUNS, infinitive=True):
        verdict.status = Status.ANNOUNCED
    elif _noun_clause(verb, CLAIM_NOUNS, infinitive=False):
        verdict.status = Status.ALLEGED
    elif _noun_clause(verb, RISK_NOUNS, infinitive=False):
        verdict.requested_only = True


def _recalled(candidate: Candidate) -> bool:
    """'the 81st anniversary of X's invasion of Y', 'the commemoration of the bombing of Z':
    an act named only as remembered happened long before the text, on no date it gives."""
    noun = candidate.trigger
    return candidate.nominal and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
        noun.head.head.lower_ in REMEMBRANCE_NOUNS


def _accused_conjunct(verb: Token, words: Words) -> Token | None:
    """'accused X of bias and violating Y': the parser hangs the second charge, a gerund
    with no subject of its own, on the verb of accusing as its conjunct. X is its doer and
    the act is only alleged: the accused X, or None for any other verb."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or tree.own_subject(verb) is not None or \
            head.lemma_.lower() not in words.claim_verbs:
        return None
    accused = tree.children(head, "dobj")
    charges = [p for p in (*tree.children(head, "prep"), *(
        p for a in accused for p in tree.children(a, "prep"))) if p.lower_ == "of"]
    return accused[0] if accused and any(p.i < verb.i for p in charges) else None


def _read_accused(candidate: Candidate, verb: Token, verdict: Verdict, words: Words) -> None:
    """'accused X of bias and violating Y': X is the one said to violate Y (its source), and
    the act only alleged by the accuser."""
    accused = _accused_conjunct(verb, words)
    if accused is not None:
        candidate.sources = [accused]
        verdict.status, verdict.claimant = Status.ALLEGED, tree.own_subject(verb.head)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in {"advmod", "det"}
               for c in verb.children)


def _supposed(verb: Token) -> bool:
    """Whether the verb's own clause is a condition, an open question or a purpose ('if they
    attack X', 'unless Y frees X', 'whether Z met X', 'so that it could annex X'): what it
    says is not reported as done."""
    clause = verb.head if verb.dep_ == "conj" and tree.own_subject(verb) is None else verb
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return bool(marks & SUPPOSING) or "so" in marks and any(
        c.dep_ == "aux" and c.lower_ in PURPOSE_MODALS for c in clause.children)


# Verbs by which a doer undoes an act it ordered or planned: 'ordered a strike on X, but
# then called it off' ('call off' by its particle).
CANCEL_VERBS = frozenset({"cancel", "abort", "scrap", "shelve", "rescind", "scuttle"})
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# What a cancelling verb names when it undoes the act: a pronoun or one of these nouns.
CANCELLED_ACTS = frozenset({"operation", "operations", "strike", "strikes", "attack", "attacks",
                            "raid", "raids", "offensive", "mission", "plan", "plans", "order",
                            "orders", "assault", "airstrike", "airstrikes", "move", "decision"})


def _only_wanted(above: Token, relation: str, words: Words) -> bool:
    """Whether the clause under `above` (by `relation`) is only wished for or a purpose:
    'hoped that Y would V', 'make sure that X and Y talk', 'tunnels designed to attack X'."""
    lemma = above.lemma_.lower()
    if relation == "ccomp":
        return lemma in words.request_verbs | words.wish_verbs or _made_sure(above, words)
    return relation == "xcomp" and above.tag_ == "VBN" and above.dep_ == "acl" and \
        lemma in words.purpose_participles


def _wished(verb: Token, words: Words) -> bool:
    """'make sure that X and Y talk' with the clause hung on 'sure' itself (as its subject
    or complement): wanted, not told as done."""
    return verb.dep_ in {"ccomp", "csubj"} and verb.head.lower_ in words.wish_verbs and \
        verb.head.pos_ == "ADJ"


def _made_sure(verb: Token, words: Words) -> bool:
    """'make sure that X and Y talk': the clause is wanted (its adjective is a wish word)."""
    return any(c.dep_ in {"ccomp", "acomp", "oprd"} and c.lower_ in words.wish_verbs
               for c in verb.children)


def _cancels(verb: Token) -> bool:
    """Whether the verb undoes what it names ('cancelled', 'scrapped', 'called off')."""
    lemma = verb.lemma_.lower()
    return lemma in CANCEL_VERBS or lemma == "call" and any(
        p.dep_ == "prt" and p.lower_ == "off" for p in verb.children)


def _cancelled_plan(verb: Token) -> bool:
    """Whether the verb is the infinitive of a plan called off ('cancelled plans to visit
    X', 'scrapped a plan to impose tariffs on X'): what it says is not done."""
    plan = verb.head
    return verb.dep_ == "acl" and plan.lower_ in CANCELLED_ACTS and \
        plan.dep_ in {"dobj", "nsubjpass"} and _cancels(plan.head)


def _called_off(verb: Token) -> bool:
    """Whether a verb's conjunct cancels what it names ('ordered the army to strike X, but
    then called off the operation', 'approved the raid and then cancelled it')."""
    for undo in tree.children(verb, "conj"):
        if not _cancels(undo):
            continue
        if any(o.pos_ == "PRON" or o.lower_ in CANCELLED_ACTS and any(
                d.lower_ in ANAPHOR_DETERMINERS for d in tree.children(o, "det"))
               for o in tree.children(undo, "dobj")):
            return True
    return False


def _negated_manner(verb: Token) -> bool:
    """'is not going to go around threatening X', 'did not travel there meeting Y': an -ing
    clause of manner (no subject, no conjunction, no comma before it) under a negated verb
    or its infinitive is negated too; not 'did not withdraw, accusing Y'."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or tree.own_subject(verb) is not None or \
            any(c.dep_ == "mark" for c in verb.children):
        return False
    node = verb.head
    if any(t.is_punct for t in verb.doc[min(node.i, verb.i) + 1: max(node.i, verb.i)]):
        return False
    while not _negated(node):
        if node.dep_ != "xcomp":
            return False
        node = node.head
    return True


def _asked_someone(verb: Token) -> bool:
    """'urged X to', 'called on X to', 'appealed to X to': someone else is asked to act;
    not a time ('threatened on Monday to')."""
    return bool(tree.children(verb, "dobj")) or any(
        p.lower_ in {"on", "upon", "to"} and any(o.ent_type_ not in TIME_ENTITIES
                                                 for o in tree.children(p, "pobj"))
        for p in tree.children(verb, "prep"))


def _asked(verb: Token, words: Words) -> bool:
    """'urged Y to V', or 'Y was urged to V' (not 'Y is expected to V', a forecast)."""
    return _asked_someone(verb) or (bool(tree.children(verb, "nsubjpass")) and
                                    verb.lemma_.lower() not in words.intent_verbs)


def _asked_for(verb: Token) -> bool:
    """Whether a clause (or its first conjunct) is what someone is asked to do in 'called
    for Y to V', 'calls for Y to V' or 'its demand that Y V'."""
    clause = verb.head if verb.dep_ == "conj" else verb
    head = clause.head
    askers = [head, *tree.children(head, "dobj", "nsubjpass")]
    askers += [o for p in tree.children(head, "prep") for o in tree.children(p, "pobj")]
    return any(asks_for(word) and clause in {
        found[0] for found in (tree.for_to(word), tree.that_clause(word) if word.pos_ == "NOUN"
                               else None) if found is not None} for word in askers)


def _will_happen(candidate: Candidate, words: Words) -> bool:
    """'The exercise involving A and B will start next month', 'talks between A and B would
    begin on Saturday': a nominal event that a verb of occurrence says is still to come."""
    noun = candidate.trigger
    if not candidate.nominal or candidate.governor is not None or noun.dep_ != "nsubj":
        return False
    verb = noun.head
    return verb.lemma_.lower() in OCCURRENCE_VERBS and bool(
        _auxiliaries(verb) & words.future_auxiliaries)


def _ready(verb: Token) -> bool:
    """Whether an infinitive hangs on an adjective of readiness, whatever verb carries it
    ('stands ready to impose', 'remained willing to send'): intended, not yet done."""
    head = verb.head
    return head.i != verb.i and head.dep_ == "acomp" and head.lower_ in tree.READY_ADJECTIVES


def _auxiliaries(verb: Token) -> set[str]:
    """The verb's auxiliaries; a coordinated verb without a subject or auxiliary of its own
    shares the first conjunct's ('will recall X and pull out Y': both announced)."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if not aux and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} and \
            tree.own_subject(verb) is None:
        aux = {c.lower_ for c in verb.head.children if c.dep_ == "aux"}
    return aux


def _intends(verb: Token, words: Words) -> bool:
    """Whether a verb makes its infinitive an intent: an intent verb, but 'go' only as 'is
    going to' ('went on to condemn X', 'went to meet Y': done)."""
    lemma = verb.lemma_.lower()
    return lemma in words.intent_verbs and (lemma != "go" or verb.tag_ == "VBG")


def _read_light_verb(candidate: Candidate, verdict: Verdict, words: Words) -> None:
    """A nominal event no verb of the frame governs, but the object of a light verb ('would
    be ready to host a meeting between A and B', 'urged X to hold talks between A and B'):
    still to come or asked for when that verb is."""
    if not candidate.nominal or candidate.governor is not None:
        return
    verb = _clause_verb(candidate.trigger)
    if verb is candidate.trigger or verb.lemma_.lower() not in words.light_verbs:
        return
    if _auxiliaries(verb) & words.future_auxiliaries:
        verdict.status = Status.ANNOUNCED
    node = verb
    for above in tree.clause_chain(verb):
        lemma, relation = above.lemma_.lower(), node.dep_
        if relation == "xcomp" and (_intends(above, words) or _auxiliaries(
                above) & words.future_auxiliaries):
            verdict.status = Status.ANNOUNCED
        elif relation == "xcomp" and lemma in words.request_verbs and _asked(above, words):
            verdict.requested_only = True
        if relation != "xcomp":
            break
        node = above


def _read_promised_measures(candidate: Candidate, verdict: Verdict, words: Words) -> None:
    """Measures 'targeting Y' that their verb only promises or threatens ('vowed sanctions
    targeting Y', 'threatened measures targeting Y'): still to come, as 'vowed sanctions
    against Y' is."""
    trigger = candidate.trigger
    if trigger.dep_ != "acl" or trigger.tag_ != "VBG":
        return
    host = trigger.head
    while host.dep_ == "conj" and host.head.i != host.i:
        host = host.head
    if host.dep_ == "dobj" and host.head.lemma_.lower() in words.threat_verbs | \
            words.promising_verbs:
        verdict.status = Status.ANNOUNCED


def _read_governors(candidate: Candidate, verdict: Verdict, words: Words) -> None:
    """The status a verb above a nominal or its measure noun gives ('to host a meeting',
    'vowed sanctions targeting Y')."""
    _read_light_verb(candidate, verdict, words)
    _read_promised_measures(candidate, verdict, words)


def _read_adjectives(candidate: Candidate, verdict: Verdict) -> None:
    """'a former member of', 'was a former commander': former; 'a suspected poisoning by
    X', 'alleged crimes by X': alleged."""
    described = candidate.word if candidate.word is not None else candidate.trigger
    if any(c.dep_ == "amod" and c.lower_ in {"former", "ex"} for c in described.children):
        verdict.status = Status.FORMER
    elif candidate.nominal and any(c.dep_ == "amod" and c.lower_ in ALLEGED_ADJECTIVES
                                   for c in candidate.trigger.children):
        verdict.status = Status.ALLEGED


# Verbs of talking whose participle sets the scene of a statement, not a meeting.
TALK_VERBS = frozenset({"speak", "talk"})


def _speech_setting(verb: Token, words: Words) -> bool:
    """Whether the act is a subjectless participle of talking hung on a speech verb:
    'Speaking to the press, X said ...' tells whom X said it to; no meeting with them."""
    return verb.lemma_.lower() in TALK_VERBS and verb.tag_ == "VBG" and \
        verb.dep_ == "advcl" and verb.head.lemma_.lower() in words.speech_verbs and \
        not any(c.dep_ in tree.NOMINAL_SUBJECTS or c.dep_ == "mark" for c in verb.children)


# Acts of support whose past participle, hung on a noun as a reduced relative, describes who
# stands behind it: 'government troops backed by militias', 'the army, supported by Y'.
STANDING_SUPPORT = frozenset({"PRAISED"})


def _described(candidate: Candidate, verb: Token) -> bool:
    """Whether a support act is only a description of a noun ('Yemeni troops backed by a
    coalition pushed ...', 'X, backed by Y, killed ...'): a standing tie beside the act
    the sentence tells, not an act of its own."""
    return candidate.action in STANDING_SUPPORT and verb.dep_ == "acl" and \
        verb.tag_ == "VBN" and tree.own_subject(verb) is None


def _undone(candidate: Candidate, verb_like: Token) -> bool:
    """Whether the act is negated ('did not attack', 'no talks with X') or, named as the
    object of a verb, called off ('approved strikes on Y, then called them off')."""
    return _negated(verb_like) or _negated_manner(verb_like) or _cancelled_plan(verb_like) or \
        candidate.nominal and (
        any(c.dep_ == "det" and c.lower_ == "no" for c in candidate.trigger.children) or
        verb_like is not candidate.trigger and _called_off(verb_like))


def read_context(candidate: Candidate, words: Words) -> Verdict:
    """Status and negation from the trigger, its governing verb and the clauses above it."""
    verdict = Verdict(recalled=_recalled(candidate))
    trigger = candidate.governor or candidate.trigger
    verb_like = trigger if trigger.pos_ in {"VERB", "AUX"} or candidate.governor is None \
        else trigger.head
    _read_accused(candidate, verb_like, verdict, words)
    verdict.setting = _speech_setting(verb_like, words)
    verdict.described = _described(candidate, verb_like)
    verdict.negated = _undone(candidate, verb_like)
    aux = _auxiliaries(verb_like)
    if _asked_for(verb_like) or _supposed(verb_like) or _wished(verb_like, words):
        verdict.requested_only = True  # 'called for Y to release X', 'if Y attacks X'
    if aux & words.demand_modals and candidate.frame != "request-ccomp":
        verdict.requested_only = True  # 'X must withdraw' asks for it
    if aux & words.future_auxiliaries or _will_happen(candidate, words):
        verdict.status = Status.ANNOUNCED
    _read_noun_clause(verb_like, verdict)
    _read_governors(candidate, verdict, words)
    verdict.conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless"
                                  for m in c.children) for c in verb_like.children)
    if any(c.lower_ in words.alleged_words for c in verb_like.children if c.dep_ == "advmod"):
        verdict.status = Status.ALLEGED
    _read_adjectives(candidate, verdict)
    node = verb_like
    for above in tree.clause_chain(verb_like):
        lemma = above.lemma_.lower()
        relation = node.dep_
        if relation == "xcomp" and _called_off(above):
            verdict.negated = True  # 'ordered X to strike Y, but then called it off'
        if relation == "xcomp" and lemma in words.refusal_verbs:
            verdict.refused = True
        elif relation == "xcomp" and (_intends(above, words) or _ready(node) or _auxiliaries(
                above) & words.future_auxiliaries):  # 'will try to V': V is announced
            verdict.status = Status.ANNOUNCED
        if relation in {"xcomp", "ccomp"} and lemma in words.threat_verbs:
            verdict.conditional = True  # 'threatened to withdraw': a threat, whatever the act
        if relation == "xcomp" and lemma in words.agreement_verbs:
            verdict.agreed = True
        elif relation == "xcomp" and (lemma in words.request_verbs and _asked(above, words)
                                      or _auxiliaries(above) & words.demand_modals):
            verdict.requested_only = True  # 'urged Y to V'; 'X and Y must continue to V'
        elif relation in {"xcomp", "pcomp", "prep", "pobj"} and lemma in words.cessation_verbs:
            verdict.negated = True  # 'stopped arming X', 'abstained from joining attacks'
        elif relation in {"pcomp", "prep", "pobj"} and lemma in words.refusal_verbs:
            verdict.refused = True
        if _only_wanted(above, relation, words):
            verdict.requested_only = True  # 'hoped that Y would V': wished for, not done
        if relation in {"xcomp", "ccomp"} and _negated(above) and lemma not in \
                words.speech_verbs | words.claim_verbs:
            verdict.negated = True
        if relation in {"pcomp", "prep", "pobj"} and lemma in words.claim_verbs:
            verdict.status = Status.ALLEGED  # 'accused Y of attacking Z': alleged
            verdict.claimant = verdict.claimant or (tree.agent(above) if tree.is_passive(
                above) else tree.own_subject(above))
        if relation in {"ccomp", "relcl"}:  # not 'conj': 'X accused Y, but Y denies it'
            _read_report(candidate, verdict, above, relation, words)
        node = above
        if relation not in {"xcomp", "ccomp", "conj", "relcl"}:
            break
    return verdict


# Verbs of command: 'ordered the police to release X' is an order, not a request between two
# actors, when the police are the orderer's own (`pairs.own_command`).
COMMAND_VERBS = frozenset({"order", "instruct", "direct", "command"})


def commanded(candidate: Candidate) -> bool:
    """Whether the candidate is a request made as a command ('ordered X to', 'instructed X
    to')."""
    return candidate.action == "REQUESTED" and \
        candidate.trigger.lemma_.lower() in COMMAND_VERBS


# Acts done TO the object of their 'of': 'condemned the detention of X' is aimed at whoever
# detained X (named by 'by', if at all), never at X.
SUFFERED_ACTS = frozenset({"arrest", "arrests", "detention", "detentions", "jailing",
                           "imprisonment", "killing", "killings", "murder", "murders",
                           "assassination", "execution", "executions", "abduction",
                           "kidnapping", "torture", "expulsion", "expulsions", "deportation",
                           "deportations", "persecution", "poisoning", "sentencing",
                           "bombing", "shelling", "massacre"})
# People named by their tie to another: 'his Israeli counterpart' is Israel's, not his;
# 'captured X's son', 'attacks on X's rival' are not aimed at X.
RELATIONAL = frozenset({"counterpart", "counterparts", *WORDS.relational})


def _modifiers(token: Token) -> list[Token]:
    """Possessors and modifiers of a noun, with their own compounds ('the M-19 guerrilla
    movement' -> guerrilla, M-19); a counterpart's possessor is the other side, not it."""
    owners = {"compound", "amod", "nmod"} | ({"poss"} if token.lower_ not in RELATIONAL else set())
    found = [c for c in token.children if c.dep_ in owners]
    return found + [g for c in found for g in c.children if g.dep_ in {"compound", "amod"}]


def actor_of(token: Token, actors: SentenceActors, words: Words) -> str | None:
    """The actor a source token stands for: its own mention; for a partitive ('thousands of
    X', 'members of X') the actor it counts; else the body its possessive or modifier names
    ('Iraq's national security advisor', 'Russian aircraft', 'forces from X')."""
    lemma = token.lemma_.lower()
    if lemma in LEADERS_BODIES:  # 'his government would not ...': the leader whose it is
        owner = next((actors.of(c) for c in token.children if c.dep_ == "poss"
                      and c.i in actors.pronouns and c.lower_ in {"his", "her"}), None)
        if owner:
            return owner
    found = actors.of(token)
    if found:
        return found
    if token.pos_ not in {"NOUN", "PROPN", "NUM", "PRON", "ADJ"}:
        return None
    for member in tree.prep_objects(token, frozenset({"including"})):  # 'many countries,
        if actors.of(member):                                    # including X': X
            return actors.of(member)
    if lemma in words.partitives or token.lower_ in words.partitives:
        for obj in tree.prep_objects(token, frozenset({"of"})):
            owner = actor_of(obj, actors, words)
            if owner:
                return owner
    if token.lower_ in RELATIONAL:  # 'its regional rival Iran': Iran
        named = next((actors.of(a) for a in tree.children(token, "appos") if actors.of(a)), None)
        if named:
            return named
    for modifier in _modifiers(token):
        owner = actors.of(modifier)
        if owner:
            return owner
    people = lemma in words.agent_nouns or token.lower_ in words.agent_nouns
    for obj in tree.prep_objects(token, frozenset({"of", "from", "in"} if people else
                                                  {"from"})):  # 'doctors from X'
        owner = actors.of(obj)
        if owner:
            return owner
    return None


def target_of(token: Token, actors: SentenceActors, words: Words, depth: int = 0
              ) -> str | None:
    """The actor a target token stands for: as for a source, else the owner of the thing
    ('criticized X's policies', 'the policies of X', 'the deputy chief of X's militia') or
    the name an appositive describes ('the Cartel, a group that ...')."""
    if token.lemma_.lower() in words.boundaries:  # 'its border with X': X, not its owner
        shared = list(tree.prep_objects(token, frozenset({"with"})))
        if token.dep_ == "dobj":  # 'reinforced its border with X with police' (parsed so)
            shared += [o for o in tree.prep_objects(token.head, frozenset({"with"}))
                       if o.ent_type_ == "GPE"]
        for other in shared:
            if shared_actor := actor_of(other, actors, words):
                return shared_actor
    found = actor_of(token, actors, words)
    if found:
        return found
    if token.dep_ == "appos" and actors.of(token.head):
        return actors.of(token.head)
    if token.lemma_.lower() in words.place_nouns:  # 'the capital Kabul', 'a jail in X'
        for place in [*tree.children(token, "appos"), *tree.prep_objects(
                token, frozenset({"in", "inside"}))]:
            if actor_of(place, actors, words):
                return actor_of(place, actors, words)
    if token.pos_ not in {"NOUN", "PROPN"} or depth > 1:
        return None
    owners = frozenset({"by"} if token.lower_ in SUFFERED_ACTS | RELATIONAL else
                       {"of", "from", "by"})
    for obj in [*tree.prep_objects(token, owners), *_holders(token, words)]:
        owner = target_of(obj, actors, words, depth + 1)
        if owner:
            return owner
    return None


def _holders(thing: Token, words: Words) -> list[Token]:
    """Those who hold or ride in a thing: 'the bases used by X' (the agent of a passive
    participle), 'a van carrying X fighters' (the object of an active one)."""
    found = []
    for participle in tree.children(thing, "acl"):
        if participle.lemma_.lower() not in words.holding_verbs:
            continue
        if participle.tag_ == "VBN" and (holder := tree.agent(participle)) is not None:
            found.append(holder)
        elif participle.tag_ == "VBG":
            found += tree.children(participle, "dobj")
    return found


def anaphor_category(token: Token, words: Words, actors: SentenceActors) -> str | None:
    """'the decision', 'the sanctions': the category of the earlier act it refers to
    ('' for any act), or None when the token is no such anaphor; what a denial denies with
    no actor named ('denied that ...', 'denied it') is the last accusation."""
    key = token.lower_
    if key not in words.event_anaphors:
        return reply_category(token, words)
    if not any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in token.children):
        return reply_category(token, words)  # 'a claim denied by X'
    if any(actors.of(obj) for obj in tree.prep_objects(token, PREPOSITIONS)):
        return None  # 'the sanctions against X' says itself what it is
    return words.event_anaphors[key]
