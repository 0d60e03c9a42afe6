"""Commitments and refusals whose act no frame knows: 'X agreed to reopen its border to Y',
'X refused to allow Y's planes to land', 'X is ready to send troops to Y'.

When the infinitive under such a verb made no candidate, the commitment itself is the act
(PLOVER codes a promise AGREE and a refusal REJECT): its source is the subject of the
governing verb, its target the first actor the infinitive's clause names.
"""

from __future__ import annotations

from spacy.tokens import Token

from geokg.extract.parse import tree
from geokg.extract.parse.events import Candidate, Resolves
from geokg.extract.parse.index import SentenceIndex
from geokg.extract.parse.words import Words

PLEDGE_ACTIONS = {"agree": "AGREED", "consent": "AGREED", "promise": "AGREED",
                  "pledge": "AGREED", "offer": "AGREED", "commit": "AGREED",
                  "ready": "AGREED", "willing": "AGREED",
                  "refuse": "REJECTED", "decline": "REJECTED"}
PHRASE_DEPS = {"dobj", "dative", "obj", "prep", "pobj", "pcomp", "compound", "amod", "nmod",
               "poss", "xcomp", "oprd", "conj"}
VENUES = {"sideline", "sidelines", "margin", "margins", "meeting", "summit", "conference",
          "session", "forum", "gathering"}
POSSESSIVES = {"its", "their", "his", "her", "our", "my"}


def _complements(token: Token) -> list[Token]:
    """The infinitive a pledge verb (or a 'ready'/'willing' adjective) governs (several
    when the parser split a hyphenated verb: 're - open')."""
    if token.lemma_.lower() not in PLEDGE_ACTIONS or (
            token.pos_ == "ADJ" and token.dep_ != "acomp"):
        return []
    return [c for c in token.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]


def _clause_actors(verb: Token) -> list[Token]:
    """Tokens of the infinitive's own clause, nearest first (its objects, then what its
    prepositions and objects hold), leaving out clauses below it, subjects, dates, venues
    ('on the sidelines of a X summit') and possessive pronouns ('its border' is the
    pledger's own)."""
    found: list[Token] = []
    level = [verb, *[c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]]
    for _ in range(4):
        level = [c for t in level if t.lemma_.lower() not in VENUES for c in t.children
                 if c.dep_ in PHRASE_DEPS and not (c.dep_ == "conj" and c.pos_ == "VERB")]
        found.extend(t for t in level if t.pos_ in {"PROPN", "NOUN", "PRON", "ADJ"}
                     and t.lower_ not in POSSESSIVES and t.lemma_.lower() not in VENUES
                     and t.ent_type_ not in {"DATE", "TIME"})
    return found


def pledge_candidates(sentence: SentenceIndex, found: list[Candidate], words: Words,
                      resolves: Resolves) -> list[Candidate]:
    """The pledges and refusals of a sentence whose infinitive no verb candidate of `found`
    is in (a nominal one may lack a source: 'refused to answer a demand from X')."""
    covered = {c.trigger.i for c in found if not c.nominal}
    pledges = (pledge_candidate(t, covered, words, resolves)
               for t in sentence.with_lemma(PLEDGE_ACTIONS))
    return [c for c in pledges if c is not None]


def pledge_candidate(token: Token, covered: set[int], words: Words,
                     resolves: Resolves) -> Candidate | None:
    """'X agreed|refused|promised to V ... Y' when V gave no candidate (`covered`: the
    triggers of the sentence's candidates)."""
    inner = _complements(token)
    if not inner or any(t.i in covered for verb in inner for t in verb.subtree):
        return None
    host = token.head if token.pos_ == "ADJ" else token
    source = tree.subject(host, control=words.control_verbs)
    if source is None or source.conjuncts or not resolves(source):
        return None  # 'A and B agreed to V': a joint act, which `symmetric_candidate` reads
    targets = [t for verb in inner for t in _clause_actors(verb)
               if t.i != source.i and resolves(t)]
    if not targets:
        return None
    return Candidate(PLEDGE_ACTIONS[token.lemma_.lower()], f"pledge-{token.lemma_.lower()}",
                     token, [source], targets, one_target=True)
