"""Compile the vocabulary's phrasings into regular expressions over masked sentences.

A masked sentence has every actor mention replaced by a token `§N§` (N = mention index) and
curly apostrophes folded to "'"; possessive mentions read `§N§'s`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from geokg.extract.words import WORDS, any_of
from geokg.graph.vocabulary import Vocabulary

TOKEN = r"§\d+§"
FUNCTION_WORDS = (r"(?:by|of|in|on|at|to|for|from|with|and|or|but|that|which|who|whom|when|while|"
                  r"where|if|unless|because|as|than|into|onto|over|under|after|before|since|"
                  r"during|against|between|among|would|will|could|should|must|may|might|not|"
                  r"is|are|was|were|be|been|has|have|had|said|says)")
QUANTITY = (r"(?:(?:at\s+least|at\s+most|more\s+than|up\s+to|nearly|about|around|some|over|"
            r"almost)\s+)?(?:[\d,]+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|"
            r"hundreds|thousands|scores)\s+(?:of\s+)?")
OWNER_OF = (r"(?:(?:the|a|an)\s+)?"  # 'the computers of X', not 'the (eldest) son of X'
            rf"(?!(?:[a-z][\w-]*\s+)?(?:{any_of(WORDS.relational)})\s+of\s)"
            r"(?:[a-z][\w-]*\s+){1,2}of\s+")
ACTOR = (rf"(?:{QUANTITY}|{OWNER_OF})?"
         rf"(?:(?:leaders|officials|representatives|members|delegates|envoys|workers|employees|"
         rf"staff|residents|citizens|people|supporters|soldiers|troops|inspectors|monitors|"
         rf"observers|peacekeepers|diplomats)\s+of\s+)?"
         rf"(?:(?:the|a|an)\s+)?(?:(?!{FUNCTION_WORDS}\b)[a-z0-9][\w,-]*\s+){{0,2}}?(?P<T>{TOKEN})")
APPOSITIVE = r"(?:,\s+(?:a|an|the)\s[^,]{1,140},)?"
AUXILIARIES = r"(?:(?:was|were|is|are|has been|have been|had been|will be|would be|being|" \
              r"been|be|got|get|gets)\s+)"
GENERIC_HEADS = {"give", "hand", "make", "take", "hold", "lend", "return", "send", "pull", "work",
                 "have", "get", "put", "set", "go", "come", "keep", "talk", "break", "cut",
                 "declare", "grant", "blow", "mass", "reach", "join", "share", "sign", "call",
                 "round", "crack", "bail", "donate"}
MODALS = r"(?:(?:has|have|had|will|would|could|may|might|must|should|shall|did|do|does|to)\s+)"
WHEN = r"(?:(?:today|yesterday|tonight|on\s+\w+day|\w+day)\s+)"
SYMMETRIC_HEADS = {"sign", "talk", "hold", "reach"}
SYMMETRIC = {"AGREE", "CONSULT", "COOPERATE"}
NOT_NOUN = (r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bits )(?<!\bhis )(?<!\btheir )"
            r"(?<!\bhunger )(?<!\bgeneral )(?<!\bair )(?<!\bdrone )(?<!\bmissile )"
            r"(?<!-day )(?<!-hour )(?<!-week )(?<!-month )")
ADVERB = r"(?:(?:\w+ly|also|then|later|now|again|not|never|jointly|reportedly)\s+)"


# How a rule finds the source of its action: active 'S sanctioned T'; passive 'T was
# sanctioned by S'; nominal 'sanctions on T'; relative 'T, which S sanctioned'; loose: the
# verb and a later target with words between; symmetric 'S1 and S2 met'
RuleKind = Literal["active", "passive", "nominal", "relative", "loose", "symmetric"]


@dataclass(frozen=True)
class CompiledRule:
    """One phrasing of one action, as a regex; `kind` says how to find the source. The regex
    is compiled when first used (`regex`): a run that reads a few articles compiles only the
    few rules their words trigger, not all of them."""

    action: str
    kind: RuleKind
    name: str
    pattern: str  # the regex, compiled case-insensitive
    claim_target: bool = False
    specificity: int = 0  # literal words in the template: the more, the more specific
    triggers: frozenset[str] = frozenset()  # a sentence must contain one of these words
    anchored: bool = False  # every match starts where one of the trigger words starts
    at_token: bool = False  # every match starts at an actor token (its opening '§')
    # the first run of word characters of each trigger ('cease' of 'cease-fire')
    trigger_keys: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "trigger_keys", frozenset(
            run.group() for word in self.triggers if (run := re.match(r"\w+", word))))

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


def verb_forms(lemma: str, irregular: dict[str, tuple[str, str]]) -> dict[str, str]:
    """base, s, past, participle and ing forms of a verb lemma."""
    if lemma == "be":
        return {"base": "be", "s": "is|am|are", "past": "was|were", "pp": "been", "ing": "being"}
    if " " in lemma:
        head, rest = lemma.split(" ", 1)
        return {k: f"{v} {rest}" if "|" not in v else "|".join(f"{x} {rest}" for x in
                                                                  v.split("|"))
                for k, v in verb_forms(head, irregular).items()}
    if lemma.endswith("ee"):
        stem_ing, past = lemma + "ing", lemma + "d"
    elif lemma.endswith("e"):
        stem_ing, past = lemma[:-1] + "ing", lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        stem_ing, past = lemma + "ing", lemma[:-1] + "ied"
    elif re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
        # One syllable ("stop") doubles; longer words may ("admit", "expel", "cancel") or may
        # not ("visit", "offer"): match both spellings.
        doubled = lemma + lemma[-1]
        if len(lemma) <= 4:
            stem_ing, past = doubled + "ing", doubled + "ed"
        else:
            stem_ing, past = f"{lemma}ing|{doubled}ing", f"{lemma}ed|{doubled}ed"
    else:
        stem_ing, past = lemma + "ing", lemma + "ed"
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    past_form, participle = irregular.get(lemma, (past, past))
    return {"base": lemma, "s": third, "past": past_form, "pp": participle, "ing": stem_ing}


def _all_forms(lemmas: str, irregular: dict) -> str:
    forms: set[str] = set()
    for lemma in lemmas.split("|"):
        for value in verb_forms(lemma.replace("_", " "), irregular).values():
            forms.update(value.split("|"))
    return "|".join(sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms), key=len,
                           reverse=True))


def _participles(lemmas: str, irregular: dict) -> str:
    forms = {verb_forms(lemma, irregular)["pp"] for lemma in lemmas.split("|")}
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len,
                                                                         reverse=True))


POSSESSIVES = {"its", "their", "his", "her"}


def _word(token: str) -> str:
    if "\\" in token:
        return token
    alternatives = [re.escape(alt.replace("_", " ")).replace(r"\ ", r"\s+")
                    for alt in token.split("|")]
    if POSSESSIVES & set(token.split("|")):
        alternatives.append(r"§\d+§'s")  # possessive pronouns are masked as actor tokens
    return "|".join(alternatives)


def template_regex(template: str, irregular: dict, verb_first: bool) -> str:
    """Regex for a template: T, T's, X, ..., [optional], a|b alternatives, CLAIM."""
    parts: list[str] = []
    for index, token in enumerate(template.split()):
        if index == 0 and verb_first:
            parts.append(rf"(?P<verb>{_all_forms(token, irregular)})\s+")
        elif token in {"T", "CLAIM"}:
            parts.append(rf"{ACTOR}{APPOSITIVE},?\s*")
        elif token == "T's":
            parts.append(rf"(?:the\s+)?(?P<T>{TOKEN})\s*'s?\s+")
        elif token == "S":
            parts.append(rf"(?:the\s+)?(?P<S>{TOKEN})\s*")  # 'by the United States
        elif token == "X":
            parts.append(r"(?:(?:a|an|the)\s+)?(?P<X>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,6}?)(?=\s*(?:[,.;:]|$|by\b|"
                         r"on\b|in\b|after\b|and\b|for\b|last\b))\s*")
        elif token == "...":
            parts.append(r"(?:\S+\s+){0,6}?")
        elif token.startswith("[") and token.endswith("]"):
            parts.append(rf"(?:(?:{_word(token[1:-1])})\s+)?")
        else:
            parts.append(rf"(?:{_word(token)})\b\s*")
    return "".join(parts)


def _literal_words(template: str) -> int:
    """How many required literal words a template has (slots and '...' excluded)."""
    return sum(1 for token in template.split()
               if token not in {"T", "S", "X", "...", "T's", "CLAIM"} and not token.startswith("["))


def _passive_of(lemmas: str, irregular: dict) -> str:
    owned = r"(?:\s*'s\s+(?:[\w-]+\s+){0,2}?(?=(?:was|were|is|are|has|have|had)\b))?"
    return (rf"(?P<T>{TOKEN}){owned}"
            rf"{APPOSITIVE}\s+{AUXILIARIES}*{ADVERB}?"
            rf"(?P<verb>{_participles(lemmas, irregular)})\s+"
            rf"(?:(?:of|for|over|in)\s+(?:[^\s§]+\s+){{0,12}}?)?by\s+(?:the\s+)?"
            rf"(?:(?!{FUNCTION_WORDS}\b)[a-z][\w-]*\s+){{0,2}}?(?P<S>{TOKEN})")


_COMPILED: dict[str, RuleSet] = {}  # by the vocabulary's content (its JSON)
_COMPILED_KEPT = 8


def compile_rules(vocabulary: Vocabulary) -> RuleSet:
    """All rules of a vocabulary, in a stable order (compiled once per vocabulary content:
    equal vocabularies share their rules, and a changed one is compiled again)."""
    key = vocabulary.model_dump_json()
    rules = _COMPILED.get(key)
    if rules is None:
        rules = RuleSet(_compile(vocabulary))
        if len(_COMPILED) >= _COMPILED_KEPT:
            _COMPILED.pop(next(iter(_COMPILED)))  # the oldest
        _COMPILED[key] = rules
    return rules


def _verb_triggers(lemmas: str, irregular: dict) -> frozenset[str]:
    """First words of every form of the lemmas (a rule can only match where one occurs)."""
    words: set[str] = set()
    for lemma in lemmas.split("|"):
        for value in verb_forms(lemma.replace("_", " "), irregular).values():
            words.update(form.split()[0].lower() for form in value.split("|"))
    return frozenset(words)


AUXILIARY_WORDS = frozenset({"was", "were", "is", "are", "has", "have", "had", "been", "be"})


def _template_triggers(template: str, irregular: dict, verb_first: bool) -> frozenset[str]:
    """Trigger words of a template: its verb's forms, or its first required literal token;
    when that token is only auxiliaries ('was|were|has_been'), which nearly every sentence
    holds, the literal token right after it ('designated|listed'): the regex puts `\\b\\s*`
    between the two, and what follows it (a slot, a literal, the end) cannot go on with
    `-word` or `'word`, so that one, too, is a whole word of every match."""
    tokens = template.split()
    if verb_first:
        return _verb_triggers(tokens[0], irregular)
    for index, token in enumerate(tokens):
        if token in {"T", "S", "X", "...", "T's", "CLAIM"} or token.startswith("["):
            continue
        if "\\" in token:
            return frozenset()
        words = frozenset(alt.split("_")[0].lower() for alt in token.split("|"))
        after, then = (tokens[index + 1: index + 3] + ["", ""])[:2]
        if words <= AUXILIARY_WORDS and _plain_literal(after) and (
                not then or then in {"T", "S", "X", "T's", "CLAIM"} or _plain_literal(then)):
            return frozenset(alt.split("_")[0].lower() for alt in after.split("|"))
        return words
    return frozenset()


def _plain_literal(token: str) -> bool:
    """A required literal template token of letters ('designated|listed', 'has_been'): no
    slot, no option, no regex, no possessive (those may match a masked actor instead)."""
    alternatives = token.split("|")
    return bool(token) and all(alt.replace("_", "").isalpha() and alt.islower()
                               for alt in alternatives) and not POSSESSIVES & set(alternatives)


def _starts_with_literal(template: str) -> bool:
    """True when a template's first token is a required plain word (not a slot, an optional
    word, a regex or a possessive that may be masked): its matches start at a trigger."""
    first = template.split()[0]
    return not (first in {"T", "S", "X", "...", "T's", "CLAIM"} or first.startswith("[")
                or "\\" in first or POSSESSIVES & set(first.split("|")))


def _compile(vocabulary: Vocabulary) -> tuple[CompiledRule, ...]:
    irregular = {k: tuple(v) for k, v in vocabulary.irregular.items()}
    return (*_phrasing_rules(vocabulary, irregular), *_fallback_rules(vocabulary, irregular))


def _phrasing_rules(vocabulary: Vocabulary, irregular: dict) -> list[CompiledRule]:
    """The rules of each action's verbs (active, passive, relative), phrases, passive phrases
    and nouns; a verb already claimed by an earlier action is not compiled again."""
    rules: list[CompiledRule] = []
    seen_lemmas: set[str] = set()
    for name, action in vocabulary.actions.items():
        lemmas = [v for v in action.verbs if v not in seen_lemmas]
        seen_lemmas.update(lemmas)
        for lemma in lemmas:
            triggers = _verb_triggers(lemma, irregular)
            rules.append(CompiledRule(name, "active", f"{name}:verb:{lemma}",
                NOT_NOUN + rf"\b(?P<verb>{_all_forms(lemma, irregular)})\s+{ACTOR}",
                triggers=triggers, anchored=True))
            rules.append(CompiledRule(name, "passive", f"{name}:passive:{lemma}",
                _passive_of(lemma, irregular), triggers=triggers, at_token=True))
            rules.append(CompiledRule(name, "relative", f"{name}:relative:{lemma}",
                                      _relative(_all_forms(lemma, irregular)),
                                      triggers=triggers, at_token=True))
        for index, template in enumerate(action.phrases):
            regex = template_regex(template, irregular, verb_first=True)
            triggers = _template_triggers(template, irregular, verb_first=True)
            rules.append(CompiledRule(name, "active", f"{name}:phrase:{index}",
                                      NOT_NOUN + r"\b" + regex,
                                      claim_target="CLAIM" in template.split(),
                                      specificity=_literal_words(template), triggers=triggers,
                                      anchored=True))
            words = template.split()
            if len(words) == 2 and words[1] == "T":
                rules.append(CompiledRule(name, "relative", f"{name}:relative-phrase:{index}",
                                          _relative(_all_forms(words[0], irregular)),
                                          triggers=triggers, at_token=True))
        for index, template in enumerate(action.passive):
            regex = template_regex(template, irregular, verb_first=False)
            rules.append(CompiledRule(name, "passive", f"{name}:passive-phrase:{index}",
                                      regex,
                                      triggers=_template_triggers(template, irregular, False),
                                      anchored=_starts_with_literal(template)))
        for index, template in enumerate(action.nouns):
            regex = template_regex(template, irregular, verb_first=False)
            rules.append(CompiledRule(name, "nominal", f"{name}:noun:{index}",
                                      r"\b(?P<verb>" + regex + ")",
                                      triggers=_template_triggers(template, irregular, False),
                                      anchored=_starts_with_literal(template)))
    return rules


def _fallback_rules(vocabulary: Vocabulary, irregular: dict) -> list[CompiledRule]:
    """Each action's loose rule (its verb, then an actor within ten words) and, for
    cooperative categories, symmetric ones ('X and Y met')."""
    rules: list[CompiledRule] = []
    single = {v for a in vocabulary.actions.values() for v in a.verbs if " " not in v}
    for name, action in vocabulary.actions.items():
        multi_heads = {v.split()[0] for v in action.verbs if " " in v} - single - GENERIC_HEADS
        heads = "|".join(sorted({v for v in action.verbs if " " not in v} | multi_heads))
        if not heads:
            continue
        forms = _all_forms(heads, irregular)
        rules.append(CompiledRule(name, "loose", f"{name}:loose",
            NOT_NOUN + rf"\b(?P<verb>{forms})\b(?:\s+(?!§)[^\s;:“”\"]+){{0,10}}?\s+{ACTOR}",
            triggers=_verb_triggers(heads, irregular), anchored=True))
        if action.category in SYMMETRIC:
            reciprocal = {v.split()[0] for v in action.verbs} & SYMMETRIC_HEADS
            all_heads = "|".join(sorted(set(heads.split("|")) | reciprocal))
            forms = _all_forms(all_heads, irregular)
            rules.append(CompiledRule(name, "symmetric", f"{name}:symmetric",
                NOT_NOUN + rf"(?P<S>§\d+§)\s+(?:{AUXILIARIES}|{ADVERB}|{MODALS}|{WHEN})*"
                rf"(?P<verb>{forms})\b", triggers=_verb_triggers(all_heads, irregular),
                at_token=True))
            for index, template in enumerate(action.phrases):
                words = template.split()
                if words[-2:] == ["with", "T"]:  # 'X and Y renewed talks' (no 'with')
                    regex = template_regex(" ".join(words[:-2]), irregular, verb_first=True)
                    rules.append(CompiledRule(
                        name, "symmetric", f"{name}:symmetric:{index}",
                        rf"(?P<S>§\d+§)\s+(?:{AUXILIARIES}|{ADVERB}|{MODALS}|{WHEN})*" + regex,
                        triggers=_template_triggers(template, irregular, verb_first=True),
                        at_token=True))
    return rules


class RuleSet:
    """The compiled rules, indexed by trigger word: a sentence tries only the rules whose
    trigger words it contains, in the rules' own order."""

    def __init__(self, rules: tuple[CompiledRule, ...]) -> None:
        self.rules = rules
        self._always = [i for i, rule in enumerate(rules) if not rule.triggers]
        self._by_word: dict[str, list[int]] = {}
        for index, rule in enumerate(rules):
            for word in rule.triggers:
                self._by_word.setdefault(word, []).append(index)
        self._trigger_words = frozenset(self._by_word)

    def __iter__(self) -> Iterator[CompiledRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def compile_all(self) -> None:
        """Compile every rule's regex now (they are compiled when first used otherwise): for
        timing extraction apart from the start-up."""
        for rule in self.rules:
            _ = rule.regex

    def for_words(self, words: frozenset[str]) -> list[CompiledRule]:
        """The rules a sentence with these (lower-case) words may match, in rule order."""
        hits = set(self._always)
        for word in words & self._trigger_words:  # most words trigger nothing
            hits.update(self._by_word[word])
        return [self.rules[index] for index in sorted(hits)]


class SentenceScan:
    """A masked sentence prepared for matching rules: its words, and where each run of word
    characters starts (lower-cased)."""

    def __init__(self, masked: str) -> None:
        self.text = masked
        lowered = masked.lower()
        self.words = sentence_words(lowered)
        self._exact = len(lowered) == len(masked)  # lower() kept every offset
        self._marks = [mark.start() for mark in _MARK.finditer(masked)]
        self._starts: dict[str, list[int]] = {}
        for run in _WORD_RUN.finditer(lowered):
            self._starts.setdefault(run.group(), []).append(run.start())

    def matches(self, rule: CompiledRule) -> list[re.Match[str]]:
        """`rule.regex.finditer(text)` as a list; an anchored rule is only tried where a run of
        word characters equal to the start of one of its trigger words begins, an at-token
        rule only at '§' marks. Its matches start there by construction, so they are the
        same without the scan of every position."""
        if rule.at_token:
            starts = self._marks
        elif rule.anchored and self._exact:
            starts = sorted(at for key in rule.trigger_keys.intersection(self._starts)
                            for at in self._starts[key])
        else:
            return list(rule.regex.finditer(self.text))
        found = []
        end = 0
        match_at, text = rule.regex.match, self.text
        for start in starts:
            if start < end:
                continue  # inside the previous match, where finditer does not look either
            match = match_at(text, start)
            if match:
                found.append(match)
                end = max(match.end(), start + 1)
        return found


_WORD_RUN = re.compile(r"\w+")
_MARK = re.compile("§")


def sentence_words(lowered: str) -> frozenset[str]:
    """The words of a lower-cased masked sentence, for matching rule triggers."""
    return frozenset(_WORD.findall(lowered))


_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def _relative(forms: str) -> str:
    """'T, a group that [C claimed] S leads' -> S acts on T (object relative clause)."""
    return (
        rf"(?P<T>{TOKEN})(?:,\s+[^§,]{{1,80}}?)?\s+(?:that|which|whom)\s+"
        rf"(?:(?:the\s+)?(?P<C>{TOKEN})\s+(?:has\s+|have\s+|had\s+)?(?P<cue>claimed|said|alleged|says|claims|"
        rf"alleges|believes|believed|accused)\s+(?:that\s+)?)?"
        rf"(?:the\s+)?(?P<S>{TOKEN})\s+{ADVERB}?(?P<verb>{forms})(?=\s*[,.;]|\s*$)")
