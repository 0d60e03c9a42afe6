"""The vocabulary compiled to dependency frames: which verb or noun, with which object words
and prepositions, signals which action, and where its target sits in the parse.

A verb frame reads like "impose|slap ... sanctions on|against T": lemma `impose`, object words
{sanctions}, target = the object of `on`/`against` (slot "prep"). Slots:
  dobj      the verb's direct object (or dative, or the passive subject): "sanctioned T"
  prep      the object of one of `preps`, under the verb or under an object word: "met with T"
  poss      the possessor of the object word: "revoked T's visa"
  near      an actor anywhere under the object word: "expelled T diplomats", "blocked T's bid"
A noun frame reads like "sanctions|embargo on|against T": the target is under one of `preps`
below the noun; the source comes from the noun's possessor, modifier, `by` or light verb.
Templates the parse cannot use (CLAIM, "that T must", "if T") are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from geokg.extract.parse.words import Words, load_words, with_parse_phrasings
from geokg.graph.vocabulary import Vocabulary

_SKIP_WORDS = {"CLAIM", "S", "that", "if", "unless", "must", "should", "needs_to", "has_to",
               "have_to", "ought_to", "cannot", "[that]"}
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "these", "those", "this"}
SLOT_ORDER = {"poss": 0, "near": 1, "prep": 2, "dobj": 3}


@dataclass(frozen=True)
class VerbFrame:
    """A verb (with particle) whose target sits in `slot`, optionally needing object words."""

    action: str
    lemma: str
    slot: str
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    particle: str | None = None
    capture: bool = False

    @property
    def name(self) -> str:
        parts = [self.lemma + (f"-{self.particle}" if self.particle else "")]
        if self.objects:
            parts.append(sorted(self.objects)[0])
        parts.append(self.slot if self.slot != "prep" else "|".join(sorted(self.preps)))
        return "-".join(parts)

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Higher is more specific: object words, then a particle, then the slot."""
        return (bool(self.objects), bool(self.particle), -SLOT_ORDER[self.slot])


@dataclass(frozen=True)
class NounFrame:
    """An event noun whose target is under one of `preps` (inner object words optional)."""

    action: str
    noun: str
    preps: frozenset[str]
    inner: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return f"noun-{self.noun}-{'|'.join(sorted(self.preps))}"


SYMMETRIC_CATEGORIES = {"AGREE", "CONSULT", "COOPERATE"}


@dataclass
class Frames:
    """All frames, indexed by verb lemma and by noun form; `symmetric` names the action of
    verbs that coordinated subjects do together ('A and B met', 'A and B agreed')."""

    verbs: dict[str, list[VerbFrame]]
    nouns: dict[str, list[NounFrame]]
    symmetric: dict[str, str]


def _head(word: str) -> str:
    """The head word of an underscore-joined alternative: 'air_strikes' -> 'strikes',
    'state_of_emergency' -> 'state'."""
    parts = word.lower().split("_")
    if "of" in parts[1:]:
        parts = parts[: parts.index("of", 1)]
    return parts[-1]


def _forms(words: set[str]) -> frozenset[str]:
    """Object/noun words with a naive singular beside each plural (matched to lemma or text)."""
    out = set(words)
    for word in words:
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        elif word.endswith("s") and not word.endswith("ss"):
            out.add(word[:-1])
    return frozenset(out)


def _verb_parts(alternative: str, words: Words) -> tuple[str, str | None, str | None]:
    """'carry_out' -> ('carry', 'out', None); 'appeal_to' -> ('appeal', None, 'to')."""
    parts = alternative.lower().split("_")
    particle = next((p for p in parts[1:] if p in words.particles and p not in {"in", "over"}
                     or p in {"out", "off", "down", "up", "back"}), None)
    prep = parts[-1] if len(parts) > 1 and parts[-1] in words.prepositions and \
        parts[-1] != particle else None
    return parts[0], particle, prep


def _token_kind(token: str, words: Words) -> tuple[str, set[str]]:
    """Classify a template token: gap, T, T's, X, prep, det, particle or noun."""
    if token == "...":
        return "gap", set()
    if token in {"T", "T's", "X"}:
        return token, set()
    alternatives = {a.lower() for a in token.split("|")}
    if alternatives <= words.prepositions:
        return "prep", alternatives
    if alternatives <= _DETERMINERS:
        return "det", alternatives
    if alternatives <= words.particles and len(alternatives) == 1:
        return "particle", alternatives
    return "noun", {_head(a) for a in alternatives}


def compile_phrase(action: str, template: str, words: Words) -> list[VerbFrame]:
    """The verb frames of one phrase template (none when it cannot be read as a parse)."""
    tokens = template.split()
    if not tokens or "T" not in " ".join(tokens).replace("T's", "T").split() or \
            any(t in _SKIP_WORDS for t in tokens):
        return []
    rest = [t for t in tokens[1:] if not t.startswith("[")]
    kinds = [_token_kind(t, words) for t in rest]
    names = [k for k, _ in kinds]
    t_at = next(i for i, k in enumerate(names) if k in {"T", "T's"})
    before, after = kinds[:t_at], kinds[t_at + 1:]
    optional_preps = {a.lower() for t in tokens[1:] if t.startswith("[")
                      for a in t.strip("[]").split("|")} & words.prepositions
    nouns_before = {w for k, ws in before if k == "noun" for w in ws}
    nouns_after = {w for k, ws in after if k == "noun" for w in ws}
    particle = next((next(iter(ws)) for k, ws in before if k == "particle"), None)
    prep_before = next((ws for k, ws in reversed(before) if k == "prep"), None)
    last_before = next((k for k, _ in reversed(before) if k != "det"), None)
    capture = "X" in names
    if names[t_at] == "T's":
        slot, objects, preps = "poss", nouns_after or nouns_before, frozenset()
    elif prep_before and last_before in {"prep", "gap"}:
        slot, objects, preps = "prep", nouns_before, frozenset(prep_before)
    elif nouns_after and before and (before[-1][0] in {"det", "gap"}) and \
            after and after[0][0] == "noun":
        slot, objects, preps = "near", nouns_after, frozenset()  # 'expel ... T diplomats'
    elif nouns_before:
        slot, objects, preps = "near", nouns_before, frozenset(optional_preps)
    else:
        slot, objects, preps = "dobj", nouns_after, frozenset()
    frames = []
    for alternative in tokens[0].split("|"):
        lemma, verb_particle, verb_prep = _verb_parts(alternative, words)
        frame_slot, frame_preps = slot, preps
        if verb_prep and slot == "dobj":
            frame_slot, frame_preps = "prep", frozenset({verb_prep})
        frames.append(VerbFrame(action=action, lemma=lemma, slot=frame_slot,
                                objects=_forms(objects), preps=frame_preps,
                                particle=particle or verb_particle, capture=capture))
    return frames


def verb_template(entry: str, words: Words) -> str | None:
    """A `verbs:` entry as a phrase template: 'meet with' -> 'meet with T',
    'cut aid to' -> 'cut aid to T', 'shoot down' -> 'shoot down T'."""
    parts = entry.split()
    if len(parts) == 1:
        return f"{entry} T"
    if parts[-1] in words.prepositions:
        return f"{entry} T"
    if parts[-1] in words.particles and len(parts) == 2:
        return f"{entry} T"
    return None  # 'take hostage', 'attack verbally': no target position to read


def compile_noun(action: str, template: str, words: Words) -> list[NounFrame]:
    """The noun frames of one nominal template."""
    tokens = template.split()
    if "T" not in tokens and "T's" not in tokens:
        return []
    t_at = tokens.index("T") if "T" in tokens else tokens.index("T's")
    kinds = [_token_kind(t, words) for t in tokens[1:t_at]]
    preps = next((ws for k, ws in reversed(kinds) if k == "prep"), None)
    if not preps:
        return []
    inner = {w for k, ws in kinds if k == "noun" for w in ws}
    after = [_token_kind(t, words) for t in tokens[t_at + 1:]]  # 'addition of T to ... list'
    inner |= {w for k, ws in after if k == "noun" for w in ws}
    return [NounFrame(action=action, noun=_head(n), preps=frozenset(preps),
                      inner=_forms(inner)) for n in tokens[0].split("|")]


def compile_frames(vocabulary: Vocabulary, words: Words | None = None) -> Frames:
    """Every verb and noun frame of the vocabulary, most specific first per key."""
    words = words or load_words()
    vocabulary = with_parse_phrasings(vocabulary, words)
    verbs: dict[str, list[VerbFrame]] = defaultdict(list)
    nouns: dict[str, list[NounFrame]] = defaultdict(list)
    for name, action in vocabulary.actions.items():
        templates = [verb_template(v, words) for v in action.verbs] + list(action.phrases)
        for template in filter(None, templates):
            for frame in compile_phrase(name, template, words):
                if frame not in verbs[frame.lemma]:
                    verbs[frame.lemma].append(frame)
        for template in action.nouns:
            for frame in compile_noun(name, template, words):
                for form in _forms({frame.noun}):
                    nouns[form].append(frame)
    symmetric: dict[str, str] = {}
    for lemma, frames in verbs.items():
        frames.sort(key=lambda f: f.specificity, reverse=True)
        together = [f for f in frames if not f.objects and "with" in f.preps and
                    vocabulary.category(f.action) in SYMMETRIC_CATEGORIES]
        if together:
            symmetric[lemma] = together[0].action
    return Frames(verbs=dict(verbs), nouns=dict(nouns), symmetric=symmetric)
