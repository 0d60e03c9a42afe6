"""Small questions asked of a spaCy dependency tree: subjects, objects, clause chains."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from geokg.extract.parse.nominal import posted

OBJECT_DEPS = {"dobj", "attr", "oprd", "acomp", "dative", "obj"}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
# The nominal subjects of a clause, active or passive.
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
FLOATING_QUANTIFIERS = {"both", "all", "each"}  # 'they both agreed', 'which all back X'
NOUN_DEPS = {"compound", "amod", "poss", "det", "nummod", "flat", "case", "nmod"}
CLAUSE_NOUN_DEPS = {"ccomp", "relcl", "xcomp", "advcl", "conj"}
DECISION_NOUNS = {"step", "decision", "move", "measure", "choice"}
# Prepositions of time or manner: their gerund is done by the clause's own subject ('X
# struck Y after warning Z', 'by sending troops'), not by its object as with 'accused Y of'.
CLAUSE_TIME_PREPS = frozenset({"after", "before", "since", "while", "upon", "by", "without",
                               "despite", "through", "besides", "following"})
READY_ADJECTIVES = {"ready", "willing", "prepared", "determined", "eager", "poised", "set",
                    "keen"}


def is_passive(verb: Token) -> bool:
    """'was sanctioned', 'T, led by S', 'were killed or wounded': a passive verb or
    participle (a participle coordinated with a passive one, with no subject or object of
    its own, shares its passive)."""
    if any(c.dep_ in {"nsubjpass", "auxpass", "csubjpass"} for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN" and not \
            children(verb, "nsubj", "dobj") and any(
                c.dep_ == "auxpass" for c in verb.head.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"} and verb.head.pos_ in {
        "NOUN", "PROPN"} and not children(verb, "dobj")


def is_verbal(token: Token) -> bool:
    """A verb, or a word the parser gave a clause's role although it tagged it a noun
    ('that the US has claimed Maduro leads': 'leads' as NNS ccomp with 'Maduro' compound)."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return token.pos_ == "NOUN" and token.dep_ in {"ccomp", "relcl"} and token.tag_ == "NNS" \
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def with_conjuncts(token: Token) -> list[Token]:
    """A token and the tokens coordinated with it ('A, B and C'), or the list its appositive
    names (`listed_appositive`)."""
    listed = listed_appositive(token)
    if listed:
        return listed
    return [token, *token.conjuncts] if token.conjuncts else [token]


def listed_appositive(token: Token) -> list[Token]:
    """A list the parser hung on its first item as an appositive with conjuncts: 'The US,
    Britain and France bombed ...' (US + appositive Britain + its conjunct France), or a
    noun the list spells out: 'two bodies, the AU and IGAD, said ...' (not the noun),
    'After X's statement, A, B and C recognized ...' (a fronted phrase read as subject).
    Only a list of names: 'agreed on an exchange, the opening of embassies and ...' lists
    things."""
    for child in token.children:
        if child.dep_ == "appos" and child.conjuncts and all(
                t.pos_ == "PROPN" for t in (child, *child.conjuncts)):  # names, not things
            first = [token] if token.pos_ == "PROPN" else []
            return [*first, child, *child.conjuncts]
    return []


def coordinated_modifiers(noun: Token) -> list[Token]:
    """The coordinated modifiers of a noun that has no conjuncts of its own: 'Kenyan and
    Somali' in 'Kenyan and Somali forces' (each names one side of the phrase)."""
    if noun.conjuncts or noun.pos_ != "NOUN":
        return []
    for modifier in children(noun, "amod", "compound", "nmod"):
        if modifier.conjuncts:
            return with_conjuncts(modifier)
    return []


def np_head(token: Token) -> Token:
    """The head noun of the noun phrase a modifier belongs to."""
    while token.dep_ in NOUN_DEPS and token.head.i != token.i:
        token = token.head
    return token


def antecedent(clause: Token) -> Token | None:
    """The noun a relative clause (or a clause inside one) is about."""
    node = clause
    while node.dep_ in {"ccomp", "xcomp", "conj"} and node.head.i != node.i:
        node = node.head
    if node.dep_ == "relcl":
        return _thing_for_which(node) or node.head
    return None


# people named one by one, whom 'which' cannot stand for (a collective can: 'the forces,
# which ...')
PEOPLE = frozenset({"protesters", "demonstrators", "people", "civilians", "citizens",
                    "residents", "activists", "students", "workers", "officials", "soldiers",
                    "diplomats", "journalists", "children", "women", "men", "refugees",
                    "migrants", "supporters", "opponents", "critics", "voters", "prisoners"})


def _thing_for_which(clause: Token) -> Token | None:
    """', which ...' set off after 'protesters in Belarus': the parser hung the clause on
    the people, but 'which' stands for a thing, the name right before the comma."""
    head = clause.head
    which = next((c for c in clause.children if c.lower_ == "which"), None)
    if which is None or head.lower_ not in PEOPLE and head.ent_type_ != "PERSON":
        return None
    if which.i < 2 or clause.doc[which.i - 1].text != ",":
        return None
    before = clause.doc[which.i - 2]
    if before.pos_ != "PROPN" or before.ent_type_ == "PERSON" or not head.is_ancestor(before):
        return None
    return np_head(before)


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject, the antecedent for a relative pronoun subject, or for a
    noun-tagged clause its proper-noun compound. Of two subjects (a wire dateline parsed as
    one: 'PARIS (AFP) - The ministers agreed'), the later, unless a comma sets it off
    (an appositive: 'Members of X, a body linked to Y, investigated')"""
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"]
    if found:
        child = found[0]
        later = [c for c in found[1:] if c.i < verb.i and not _set_off(c) and
                 c.lower_ not in FLOATING_QUANTIFIERS]  # 'which both support X': which
        child = later[-1] if later else child
        return antecedent(verb) if child.tag_ in RELATIVE_TAGS else child
    if verb.pos_ == "NOUN":
        return next((c for c in verb.children if c.dep_ == "compound"), None)
    if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBN"} and children(verb, "dobj"):
        return verb.head  # 'The bloc ECOWAS imposed sanctions': a main verb parsed as acl
    return None


def _set_off(token: Token) -> bool:
    """Whether a noun phrase follows a comma (an appositive the parser made a subject)."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","


def subject(verb: Token, depth: int = 0, control: frozenset[str] = frozenset()) -> Token | None:
    """Who does the verb: its own subject, else one it shares with the clause it hangs on
    (conjoined verbs and predicates, 'X agreed to withdraw', purpose clauses, ', accusing
    him'); an object-control verb in `control` gives its object ('X urged Y to withdraw' ->
    Y); a participle right after a noun has that noun ('the ministry revoking his visa')."""
    found = own_subject(verb)
    if found is not None or depth > 5 or verb.head.i == verb.i:
        return found
    head = verb.head
    if verb.dep_ == "xcomp":
        objects = children(head, "dobj")
        if objects and head.lemma_.lower() in control:
            return objects[0]
        raised = children(head, "nsubjpass")  # 'X is said to have V-ed', 'X was forced to V'
        if raised and own_subject(head) is None:
            return raised[0]
        return subject(head, depth + 1, control)
    if verb.dep_ in {"conj", "acomp", "attr"}:
        shared = subject(head, depth + 1, control)
        if shared is None and verb.dep_ == "conj":  # 'X was sworn in and used ...'
            shared = next(iter(children(head, "nsubjpass")), None)
        return shared
    if verb.dep_ in {"advcl", "acl", "pcomp"} and verb.tag_ == "VBG":
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.pos_ in {"PROPN", "NOUN"}:
            return np_head(before)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.head.i != head.i and \
            head.lower_ not in CLAUSE_TIME_PREPS:
        accused = _of_whom(head.head)  # 'accused Y of attacking', 'was accused of attacking'
        if accused is not None:
            return accused
    taker = _decision_taker(verb)
    if taker is not None:  # 'X took the step of expelling Y', 'made the decision to V'
        return subject(taker, depth + 1, control)
    if verb.dep_ == "advcl" and is_passive(head) and agent(head) is not None:
        return agent(head)  # 'X was condemned by Y, accusing it of ...': Y accuses
    if verb.dep_ == "advcl" or (verb.dep_ == "pcomp" and verb.tag_ == "VBG"):
        return subject(head if verb.dep_ == "advcl" else head.head, depth + 1, control)
    return None


def _decision_taker(verb: Token) -> Token | None:
    """The light verb whose decision noun the verb completes ('took the step of expelling',
    'made the decision to recall'): who takes the step does the act."""
    noun = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "of" else (
        verb.head if verb.dep_ in {"acl", "xcomp"} and verb.head.pos_ == "NOUN" else None)
    if noun is None or noun.lemma_.lower() not in DECISION_NOUNS or noun.dep_ != "dobj" or \
            noun.head.lemma_.lower() not in {"take", "make"}:
        return None
    return noun.head


def _of_whom(verb: Token) -> Token | None:
    """Who a verb's gerund clause is about: its object ('accused Y of ...', 'prevented Y
    from ...') or, passive, its subject ('Y was accused of ...')."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if is_passive(verb):
        return patient(verb)
    objects = children(verb, "dobj")
    return objects[0] if objects else None


def agent(verb: Token) -> Token | None:
    """The `by` agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objects = children(child, "pobj")
            if objects:
                return objects[0]
    return None


def patient(verb: Token) -> Token | None:
    """The passive subject, or the noun a passive participle modifies ('T, led by S')."""
    found = children(verb, "nsubjpass")
    if found:
        return antecedent(verb) if found[0].tag_ in RELATIVE_TAGS else found[0]
    if verb.dep_ in {"acl", "amod"}:
        return verb.head
    return None


def objects(verb: Token, passive: bool) -> list[Token]:
    """Candidate object words of a verb: objects, attributes, the passive subject and the
    objects of its prepositions ('agreed to the demands'), with their conjuncts."""
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS or c.dep_ == "xcomp"]
    if passive:
        moved = patient(verb)
        if moved is not None:
            found.append(moved)
    for prep in children(verb, "prep"):
        found.extend(children(prep, "pobj"))
    return [t for token in found for t in with_conjuncts(token)]


def prep_objects(token: Token, preps: frozenset[str], participles: bool = False
                 ) -> Iterator[Token]:
    """Objects of the prepositions in `preps` hanging on `token` (with conjuncts); with
    `participles`, a `by` also reaches through a participle on a noun ('allegations made by
    X', 'an act orchestrated by X')."""
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps and not (
                child.i > 0 and child.doc[child.i - 1].lower_ in {"together", "along"}):
            for obj in children(child, "pobj"):
                for found in posted(obj):
                    yield from with_conjuncts(found)
        elif child.dep_ == "prep" and child.lower_ == "out" and preps & {"from", "of"}:
            for of in children(child, "prep"):  # 'pulled its troops out of X': from X
                if of.lower_ == "of":
                    for obj in children(of, "pobj"):
                        yield from with_conjuncts(obj)
    if participles and "by" in preps and token.pos_ == "NOUN":
        for participle in children(token, "acl"):
            if participle.tag_ == "VBN":
                found = agent(participle)
                if found is not None:
                    yield from with_conjuncts(found)


def for_to(word: Token) -> tuple[Token, Token] | None:
    """'called for X to V', 'calls for X to V': the infinitive clause V hanging on `word`
    (or on the verb whose object `word` is) and its subject X, written after `for`."""
    for clause in children(word, "advcl", "acl", "ccomp", "xcomp"):
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
            subjects = children(clause, "nsubj")
            if subjects and _infinitive(clause):
                return clause, subjects[0]
    for asked in prep_objects(word, frozenset({"for"})):
        after = asked.right_edge.i + 1
        if after < len(asked.doc) and asked.doc[after].lower_ == "to":
            clause = asked.doc[after].head
            if clause.i != after and clause.head.i in {word.i, word.head.i} and \
                    _infinitive(clause):
                return clause, asked
    return None


def that_clause(noun: Token) -> tuple[Token, Token] | None:
    """'its demand that Y withdraw': the that-clause a noun heads (the parser may hang it on
    the verb whose object the noun is, right after the noun) and the clause's subject."""
    hosts = [noun] + ([noun.head] if noun.dep_ in {"dobj", "pobj"} else [])
    if noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
        hosts.append(noun.head.head)  # 'insisted on its demands that Y ...'
    for host in hosts:
        for clause in children(host, "acl", "ccomp"):
            if clause.i > noun.i and any(c.dep_ == "mark" and c.lower_ == "that"
                                         for c in clause.children):
                subjects = children(clause, "nsubj")
                if subjects:
                    return clause, subjects[0]
    return None


def _infinitive(clause: Token) -> bool:
    return clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                       for c in clause.children)


def clause_chain(verb: Token) -> Iterator[Token]:
    """The verbs a clause is embedded under, nearest first ('said it would halt' -> said);
    through an adjective of readiness ('is ready to send' -> is)."""
    node = verb
    for _ in range(6):
        ready = node.dep_ == "acomp" and node.lemma_.lower() in READY_ADJECTIVES
        if node.head.i == node.i or not ready and node.dep_ not in CLAUSE_NOUN_DEPS | {
                "pcomp", "pobj", "prep"}:
            return
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            yield node


def actor_before(verb: Token, is_actor) -> Token | None:
    """The nearest token left of the verb, in its stretch of words (no punctuation or other
    verb between), that `is_actor`: a subject for a verb the parser left without one
    ('The bloc ECOWAS imposed ...' with ECOWAS parsed as a verb); for a participle
    (', detaining X') the sentence's first actor."""
    for index in range(verb.i - 1, max(verb.sent.start, verb.i - 7) - 1, -1):
        token = verb.doc[index]
        if is_actor(token):
            return token
        if token.is_punct or (token.pos_ == "VERB" and token.dep_ != "amod"):
            break
    if verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == ",":
        # ', detaining X': the sentence's first actor does it
        return next((t for t in verb.sent if t.i < verb.i and is_actor(t)), None)
    return None
