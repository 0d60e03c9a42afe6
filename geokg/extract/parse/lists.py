"""Lists that continue an earlier act of the article: its actor did the same to more targets.

News English often names an act once, then lists more of its targets in a sentence of
their own, where the act's actor (and often its verb) is left out:

  "Also named were A, B and C."            (passive with 'also', no agent)
  "A and B were also sanctioned."
  "Among those sanctioned were A and B."   (copula, 'among those <participle>')
  "A and B were among those expelled."
  "The others targeted include A and B."   ('those/others <participle>' include ...)

`find_list` reads the construction from a sentence's parse: the participle that names the act
(None when it only lists: 'named', 'included') and the listed tokens. The engine then takes
the article's latest act of that kind (or its latest act) for the actor, type, date and status.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from geokg.extract.parse import tree

# participles that list without naming the act ('Also named were ...', 'the others targeted')
LISTING = frozenset({"name", "list", "include", "add", "designate", "identify", "cite", "target",
                     "affect"})
# pronouns and nouns that stand for the act's targets ('those sanctioned', 'the others')
GROUP = frozenset({"those", "other", "others", "individual", "entity", "people", "person",
                   "official", "company", "firm", "group"})


@dataclass(frozen=True)
class ListCue:
    """A sentence listing more targets of an earlier act: `verb` is the lemma of the
    participle that names the act (None: any act), `members` the listed tokens."""

    verb: str | None
    members: list[Token]


def _participle(group: Token) -> Token | None:
    """The past participle describing a group word ('those [expelled]'), if any."""
    if group.lemma_.lower() not in GROUP and group.lower_ not in GROUP:
        return None
    return next((c for c in group.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)


def _cue(participle: Token, members: list[Token]) -> ListCue | None:
    if not members:
        return None
    lemma = participle.lemma_.lower()
    return ListCue(None if lemma in LISTING else lemma, members)


def _members(token: Token | None) -> list[Token]:
    return tree.with_conjuncts(token) if token is not None else []


def _also_passive(root: Token) -> ListCue | None:
    """'Also named were A and B', 'A and B were also sanctioned': a passive with 'also' and
    no agent."""
    if root.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in root.children):
        return None
    if not any(c.dep_ == "advmod" and c.lower_ == "also" for c in root.children):
        return None
    if any(c.dep_ == "agent" for c in root.children):
        return None
    heads = [root, *(c for c in root.children if c.dep_ == "auxpass")]  # 'were' may hold it
    subject = next((c for h in heads for c in h.children
                    if c.dep_ in {"nsubjpass", "nsubj"}), None)
    return _cue(root, _members(subject))


def _among(root: Token) -> ListCue | None:
    """'Among those sanctioned were A and B' / 'A and B were among those expelled'."""
    if root.lemma_ != "be":
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for group in prep.children:
            participle = _participle(group) if group.dep_ == "pobj" else None
            if participle is None:
                continue
            subject = next((c for c in root.children if c.dep_ in {"nsubj", "attr"}
                            and c.i != group.i), None)
            return _cue(participle, _members(subject))
    return None


def _include(root: Token) -> ListCue | None:
    """'The others targeted include A and B' / 'Those expelled included A'."""
    if root.lemma_ != "include":
        return None
    group = next((c for c in root.children if c.dep_ == "nsubj"), None)
    participle = _participle(group) if group is not None else None
    if participle is None:
        return None
    objects = next((c for c in root.children if c.dep_ == "dobj"), None)
    return _cue(participle, _members(objects))


def find_list(sentence: Span) -> ListCue | None:
    """The list-continuation construction of a sentence (or of the clause it reports:
    '..., the ministry said'), if it has one."""
    for clause in [sentence.root, *tree.children(sentence.root, "ccomp")]:
        cue = _also_passive(clause) or _among(clause) or _include(clause)
        if cue is not None:
            return cue
    return None
