"""The `rules` event engine: the vocabulary's phrasings as regexes over the masked sentence
(see `patterns`), each match read into a candidate event with its source, status and date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from geokg.extract import clauses
from geokg.extract.clauses import clause_subject, first_subject, mention_of
from geokg.extract.dates import TimeExpression, apply_offset
from geokg.extract.events import Candidate, Dropped, SentenceContext
from geokg.extract.memo import Memo
from geokg.extract.mentions import Mention
from geokg.extract.pairs import one_polity, pair_meant
from geokg.extract.patterns import CompiledRule, SentenceScan, compile_rules, verb_forms
from geokg.extract.words import WORDS, any_of
from geokg.graph.model import EntityType, Status
from geokg.graph.vocabulary import Vocabulary

ALLEGED_CUES = re.compile(rf"\b(?:{any_of(WORDS.cues.allegation)}|accus(?:ed|es)\b.*\bof)\b",
                          re.I)
DENIED_CUES = re.compile(rf"\b(?:{any_of(WORDS.cues.denial)})\b", re.I)
NEGATION = re.compile(rf"\b(?:{any_of(WORDS.cues.negation)})\s+(?:\w+\s+)?$", re.I)
DIPLOMATS = re.compile(r"\b(?:diplomats?|ambassadors?|envoys?|inspectors?|monitors?|observers?|"
                       r"peacekeepers?|embassy)\b", re.I)
PASSIVE_BEFORE = re.compile(r"\b(?:been|being|was|were|is|are|be)\s+(?:\w+ly\s+)?$")
PASSIVE_AFTER = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?:not\s+)?"
                           r"\w+(?:ed|en)\b")
CALL_FOR = re.compile(r"\b(?:call(?:s|ed|ing)?\s+for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
                      r"seek(?:s|ing)?|sought|ask(?:s|ed|ing)?\s+for|press(?:es|ed|ing)?\s+for|"
                      r"appeal(?:s|ed|ing)?\s+for)\s+(?:\S+\s+){0,3}$", re.I)
REVERSAL = re.compile(r"\b(?:suspend|end|halt|freeze|froze|frozen|cancel|scrap|break|broke|"
                      r"cut|quit|leave|left|exit|abandon|terminat|withdr[ae]w|pull|prohibit|"
                      r"ban|block|deny|denied|reduc|withh[oe]ld|lift|eas|postpon|call|conced|"
                      r"accept|meet|met|grant|satisf|reject|refus|dismiss|ignor)\w*\s+"
                      r"(?:\S+\s+){0,4}$", re.I)
# 'drove back the rebels', 'pulled back its troops': 'back' is the particle of another verb
# there, not the verb of support
PARTICLE_BACK = re.compile(r"\b(?:dr[oi]ve|drives|driving|driven|push|pushe[sd]|pushing|beat|"
                           r"beats|beaten|beating|fought|fight|fights|fighting|pull|pulle?[sd]|"
                           r"pulling|fell|fall|falls|falling|hit|hits|hitting|scale[sd]?|"
                           r"scaling|roll|rolle?[sd]|rolling|turn|turne?[sd]|turning|force[sd]?|"
                           r"forcing|hold|holds|held|holding|bring|brings|brought|bringing|"
                           r"sen[dt]|sends|sending|cut|cuts|cutting|strike|strikes|struck|"
                           r"striking|report|reports|reported|reporting|come|came|comes|coming|"
                           r"go|goes|went|going|gone)\s+$", re.I)
# 'the 81st anniversary of X's invasion of Y': an old act recalled, no event of the text's time
RECALLED = re.compile(rf"\b(?:{any_of(WORDS.remembrance)})\s+of\s+(?:\S+\s+){{0,3}}$", re.I)
REFUSAL = re.compile(r"\b(?:refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing))\s+to\s+(?:\w+\s+)?$",
                     re.I)
ANNOUNCE = re.compile(rf"(?:\b(?:{any_of(WORDS.cues.future)})|"
                      rf"\b(?:{any_of(WORDS.cues.intention)})\s+to)\s+"
                      r"(?:\w+ly\s+)?$", re.I)
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|since\s+|already\s+)*$", re.I)
KIND_ORDER = {"symmetric": 1, "loose": 2}
CONFIDENCE = {"loose": 0.6, "symmetric": 0.65, "active": 0.85, "passive": 0.85,
              "relative": 0.7, "nominal": 0.7, "participle": 0.75}
_TRAILING_COMMA = re.compile(r",\s*$")
_AND_AFTER_TOKEN = re.compile(r"§\d+§[^§]*\band\s+(?:\w+ly\s+)?$")
# 'after §1§ appeared on TV and accused': the token opens a subordinate clause, and the
# verb coordinated with that clause's first verb shares its subject
_OPENS_CLAUSE = re.compile(r"\b(?:after|before|when|since|because|while|once|until|as|that|"
                           r"if|though|although)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,4}$")
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$")
_TRAILING_AND = re.compile(r"(?:,\s*|\b)and\s+(?:\w+ly\s+|then\s+|later\s+)?$")
_LETTERS = re.compile(r"[a-z]+")
_PROMISE = re.compile(r"(?:promis|pledg|vow)")
_ALLEGEDLY = re.compile(r"\ballegedly\b", re.I)
_NEXT_TO_NOUN = re.compile(r"(§(\d+)§)\s*(?:'s?)?\s*(?:[a-z-]+\s+)?$")
_NOUN_BY = re.compile(r"\s*(?:imposed\s+|announced\s+|launched\s+)?by\s+(?:the\s+)?(§\d+§)")
_LIGHT_VERB = re.compile(r"\b(?:announc|impos|order|launch|declar|begin|began|begun|start|"
                         r"carr|stag|mak|made|issu|call|led|lead|hold|held|renew|resum|"
                         r"open|tighten|extend|enforc|maintain|engag|commit|perpetrat|undert|"
                         r"undertook|speed|sped|accelerat|complet|finish)\w*\s+"
                         r"(?:\S+\s+){0,3}$")


@dataclass(frozen=True)
class RuleHit:
    """One match of one rule in a masked sentence; `verb_at` is where its verb (or, with
    none, the match) starts."""

    verb_at: int
    rule: CompiledRule
    match: re.Match[str]

    def group(self, name: str) -> str | None:
        """The text of a named group ('S', 'T', 'X', 'C', 'verb'), None when absent."""
        return self.match.group(name) if name in self.match.re.groupindex else None

    @property
    def verb(self) -> str:
        return self.group("verb") or ""


@dataclass
class _Actors:
    """The resolved source and target of a hit, and how the source was found."""

    source: Mention
    target: Mention
    kind: str  # the rule kind, or 'participle'
    reaction_to: str | None  # the date of the act a claim or anaphor target answers


class RulesEngine:
    """Finds events with the compiled rules of a vocabulary."""

    name = "rules"

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.rules = compile_rules(vocabulary)
        self.irregular = {k: tuple(v) for k, v in vocabulary.irregular.items()}
        self._anchor_nouns = self._event_nouns()
        self._base_form_cache: dict[str, frozenset[str]] = {}
        # rule matches are a pure function of the masked sentence, and immutable
        self.rule_matches: Memo[tuple[RuleHit, ...]] = Memo(self._match_rules)

    def forget(self) -> None:
        self.rule_matches.forget()

    def candidates(self, context: SentenceContext) -> Iterator[Candidate | Dropped]:
        """Each rule hit not on a trigger already used, read into a candidate (a hit that
        names no act, such as 'sanctions on X' after 'lifted', gives nothing)."""
        for hit in self.rule_matches(context.masked):
            if hit.verb_at in context.used_triggers:
                continue
            if clauses.requested_only(context.masked[:hit.verb_at]):
                continue
            found = (self._reciprocal(context, hit) if hit.rule.kind == "symmetric"
                     else self._candidate(context, hit))
            if found is not None:
                yield found

    def _match_rules(self, masked: str) -> tuple[RuleHit, ...]:
        """Every rule hit in a masked sentence, in the order they are tried: by kind,
        position, generality, specificity."""
        hits = []
        scan = SentenceScan(masked)
        for rule in self.rules.for_words(scan.words):
            for match in scan.matches(rule):
                hits.append(RuleHit(match.start("verb") if "verb" in match.groupdict()
                                    and match.group("verb") else match.start(), rule, match))
        hits.sort(key=lambda hit: (KIND_ORDER.get(hit.rule.kind, 0), hit.verb_at,
                                   ":verb:" in hit.rule.name, -hit.rule.specificity))
        return tuple(hits)

    # --- one hit, one candidate -----------------------------------------------------------
    def _candidate(self, context: SentenceContext, hit: RuleHit) -> Candidate | Dropped | None:
        """Read a hit into a candidate: its actors, its act (or why it gives no edge), its
        status, date and coordinated actors."""
        actors = self._actors(context, hit)
        if actors is None or isinstance(actors, Dropped):
            return actors
        act = self._action(context, hit, actors)
        if act is None or isinstance(act, Dropped):
            return act
        return self._read(context, hit, actors, act)

    def _actors(self, context: SentenceContext, hit: RuleHit) -> _Actors | Dropped | None:
        """The source and target of a hit, both resolved, or why not."""
        masked, rule = context.masked, hit.rule
        lead = masked[max(0, hit.match.start() - 45): hit.match.start()]
        if rule.kind == "nominal" and (REVERSAL.search(lead) or RECALLED.search(lead)):
            return None  # 'suspended its partnership with X' is not cooperation; 'the
            # anniversary of X's invasion of Y' is no act of the text's time
        target = mention_of(hit.match.group("T"), context.mentions)
        if rule.kind == "active" and not hit.verb.endswith("ing") and PASSIVE_BEFORE.search(
                masked[max(0, hit.verb_at - 30): hit.verb_at]):
            return None  # '§0§ has been arrested inside the §1§': §0§ is the one arrested
        if rule.kind in {"active", "loose"} and hit.verb.lower() == "back" and PARTICLE_BACK.search(
                masked[max(0, hit.verb_at - 12): hit.verb_at]):
            return None  # 'drove back the rebels' is no support of them
        if rule.kind != "passive" and PASSIVE_AFTER.match(masked[hit.match.end("T"):]):
            return None  # '... if Bazoum was not reinstated': T is a patient of another act
        if rule.claim_target != (target.kind == "claim"):
            return None
        reaction_to = _resolve_target(context, target)
        if _complaint_forum(context, hit, target):
            return None
        source, kind = self._source(context, hit)
        if source is None or not source.entity or not target.entity:
            if source is None and rule.kind == "active":
                return None
            missing = "target" if source and source.entity else "source"
            return Dropped(f"{rule.action}: could not resolve the {missing}")
        known = context.article.known
        if source.entity == target.entity or one_polity(known(source.entity),
                                                        known(target.entity)):
            return None  # one actor: 'Sudan' and 'the Sudanese government'
        if rule.kind == "loose" and not clauses.loose_gap_ok(
                masked[hit.match.end("verb"): hit.match.start("T")],
                context.article.type_of(target.entity)):
            return None
        return _Actors(source, target, kind, reaction_to)

    def _action(self, context: SentenceContext, hit: RuleHit, actors: _Actors
                ) -> tuple[str, str] | Dropped | None:
        """The relationship type a hit asserts and the rule name its evidence gives: the
        rule's, or REQUESTED when it is called for, REJECTED when refused, EXPELLED_DIPLOMATS
        for envoys; None (or Dropped) when it is negated."""
        masked, rule = context.masked, hit.rule
        requested = bool(rule.kind == "nominal" and CALL_FOR.search(
            masked[max(0, hit.match.start() - 40): hit.match.start()]))
        action = "REQUESTED" if requested else rule.action  # 'called for sanctions against X'
        has_verb = bool(hit.verb)
        before_verb = masked[max(0, hit.verb_at - 40): hit.verb_at] if has_verb else ""
        if not has_verb and re.search(r"\b(?:not|never)\b|n't", hit.match.group(0)):
            return None
        if NEGATION.search(before_verb):
            if not self._refusal(action, before_verb):
                return Dropped(f"{rule.action}: negated, no edge")
            action = "REJECTED"  # 'refused to deploy', 'would not accept': a rejection
        if action == "EXPELLED" and DIPLOMATS.search(
                actors.target.text + " " + masked[hit.verb_at: hit.match.start("T")]):
            action = "EXPELLED_DIPLOMATS"  # expelling envoys or inspectors cuts relations
        rule_name = (rule.name if action == rule.action else f"{rule.name}:requested"
                     if requested else f"{rule.name}:refused")
        return action, rule_name

    def _read(self, context: SentenceContext, hit: RuleHit, actors: _Actors,
              act: tuple[str, str]) -> Candidate:
        """The candidate of a hit whose actors and act (type, rule name) are known."""
        masked, rule, mentions = context.masked, hit.rule, context.mentions
        action, rule_name = act
        status = self._status(context, hit, actors.source)
        date = self._date(context, hit, status)
        if actors.reaction_to and not any(t.date or t.offset_days is not None
                                          for t in context.times):
            date = actors.reaction_to  # a reaction to a dated claim or act, undated itself
        properties = {}
        if hit.group("X"):
            capture = self.vocabulary.actions[rule.action].capture or "detail"
            properties[capture] = hit.match.group("X").strip()
        source, target = actors.source.entity or "", actors.target.entity or ""
        targets = [target] + clauses.coordinated(masked, hit.match.end("T"), mentions)
        sources = [source] + clauses.coordinated_before(
            masked, clauses.token_start(masked, actors.source, mentions), mentions)
        category = self.vocabulary.category(rule.action)
        names_claimant = rule.kind == "relative" and bool(hit.group("C"))  # 'that C claimed'
        return Candidate(
            action=action, pairs=[(s, t) for s in sources for t in targets if s and t and s != t],
            trigger_at=hit.verb_at, rule=f"{self.name}:{rule_name}",
            confidence=CONFIDENCE.get(actors.kind, 0.7),
            status=status, date=date, properties=properties, category=category,
            makes_claim=category == "ACCUSE" or names_claimant,
            claimant=(mention_of(hit.match.group("C"), mentions).entity if names_claimant
                      else source))

    def _refusal(self, action: str, before_verb: str) -> bool:
        """A negated act that PLOVER codes as REJECT: any refused act ('refused to deploy'),
        or a cooperative act that will not or did not happen ('would not accept')."""
        if REFUSAL.search(before_verb):
            return True
        return self.vocabulary.rejected_when_negated(action)

    def _reciprocal(self, context: SentenceContext, hit: RuleHit) -> Candidate | None:
        """'X and Y agreed/met/cooperated' with no object: an edge each way between them."""
        masked, mentions, article = context.masked, context.mentions, context.article
        first = mention_of(hit.match.group("S"), mentions)
        pair = pair_meant(article.last_pair, first.text, article.known, article.gazetteer)
        if first.kind == "pair" and pair:
            first = Mention(0, 0, "", "name", entity=pair[0])
            others = [pair[1]]
        else:
            others = clauses.coordinated_before(
                masked, clauses.token_start(masked, first, mentions), mentions)
        if not others or not first.entity:
            return None
        before_verb = masked[max(0, hit.verb_at - 40): hit.verb_at]
        action = hit.rule.action
        if NEGATION.search(before_verb):
            if not self._refusal(action, before_verb):
                return None
            action = "REJECTED"  # 'X and Y failed to reach agreement'
        status = self._status(context, hit, first)
        date = self._date(context, hit, Status.ASSERTED)
        pairs = [pair for other in others for pair in ((other, first.entity),
                                                        (first.entity, other))]
        return Candidate(action=action, pairs=[(s, t) for s, t in pairs if s != t],
                         trigger_at=hit.verb_at, rule=f"{self.name}:{hit.rule.name}",
                         confidence=CONFIDENCE["symmetric"], status=status, date=date,
                         reciprocal=True)

    # --- who acted ------------------------------------------------------------------------
    def _source(self, context: SentenceContext, hit: RuleHit) -> tuple[Mention | None, str]:
        """The acting mention: an explicit S slot, the clause subject before the verb, the
        main subject for a participle (', accusing him'), or 'by S' after a nominal."""
        mentions, rule = context.mentions, hit.rule
        if hit.group("S"):
            return mention_of(hit.match.group("S"), mentions), rule.kind
        before = context.masked[:hit.verb_at]
        if _TRAILING_COMMA.search(before) and hit.verb.lower().endswith("ing"):
            if context.sources:
                return Mention(0, 0, "", "name", entity=context.sources[-1]), "participle"
            first = first_subject(before)
            return (mentions[first] if first is not None else None), "participle"
        if rule.kind == "nominal":
            return _nominal_source(context, hit, before), rule.kind
        return _verb_source(mentions, before), rule.kind

    # --- status and date ------------------------------------------------------------------
    def _base_forms(self, word: str) -> frozenset[str]:
        """The base forms of the lemmas in a (lower-case) verb word, remembered."""
        forms = self._base_form_cache.get(word)
        if forms is None:
            forms = frozenset(f for lemma in _LETTERS.findall(word) for f in
                              verb_forms(lemma, self.irregular)["base"].split("|"))
            self._base_form_cache[word] = forms
        return forms

    def _status(self, context: SentenceContext, hit: RuleHit, source: Mention) -> Status:
        """Alleged, denied, announced, former or asserted, from the cues around the verb."""
        masked, rule, verb_at = context.masked, hit.rule, hit.verb_at
        verb = hit.verb
        if rule.kind == "relative" and hit.group("cue"):
            return Status.ALLEGED
        if source.former:
            return Status.FORMER
        window = masked[max(0, verb_at - 40): verb_at]
        first_word = verb.split()[0].lower() if verb else ""
        if ANNOUNCE.search(window) and first_word in self._base_forms(first_word):
            return Status.ANNOUNCED
        if _PROMISE.match(first_word) and rule.action != "AGREED":
            return Status.ANNOUNCED
        if self.vocabulary.category(rule.action) is None and first_word in {"was", "were"}:
            return Status.FORMER
        if rule.kind in {"active", "passive", "relative"}:
            start = clauses.token_start(masked, source, context.mentions)
            lead = masked[max(0, start - 40): start] if start is not None else ""
            gap = masked[start: verb_at] if start is not None else ""
            if _ALLEGEDLY.search(gap) or ALLEGED_CUES.search(lead.split("§")[-1]):
                return Status.ALLEGED
            if DENIED_CUES.search(lead.split("§")[-1]):
                return Status.DENIED
        return Status.ASSERTED

    def _date(self, context: SentenceContext, hit: RuleHit, status: Status) -> str | None:
        """The date of the act: the nearest dated expression, an offset from its anchor, the
        article date for the present tense, else the time the story is at."""
        article, times = context.article, context.times
        verb_in_text = clauses.unmask_offset(hit.verb_at, context.mask_ends)
        offsets = [t for t in times if t.offset_days is not None and t.end <= verb_in_text]
        dated = [t for t in times if t.date and not t.future]
        if dated:
            return min(dated, key=lambda t: abs(t.start - verb_in_text)).date
        if status == Status.ANNOUNCED and not offsets:
            return None
        if self.vocabulary.category(hit.rule.action) is None:
            return None
        if offsets:
            return self._offset_date(context, offsets[-1])
        before = context.masked[max(0, hit.verb_at - 30): hit.verb_at]
        verb = hit.verb
        first_word = verb.split()[0] if verb.strip() else ""  # passive phrases have no verb
        present = PERFECT.search(before) or first_word.endswith("s") and \
            not verb.lower().endswith("ss")
        if present and article.published:
            return article.published.isoformat()
        return (article.paragraph_time.get(context.sentence.paragraph) or article.lede_time
                or (article.published.isoformat() if article.published else None))

    def _offset_date(self, context: SentenceContext, offset: TimeExpression
                     ) -> str | None:
        """The date of an act 'a day after' an anchor: the story's last date for 'later' /
        'earlier', else the act the clause before names, else the article date."""
        article = context.article
        relative_to_story = re.search(r"\b(?:later|earlier)\b", offset.text)
        anchor = (article.last_time if relative_to_story and article.last_time
                  else self._anchor(context, context.sentence.text[: offset.start]))
        if anchor:
            return apply_offset(anchor, offset.offset_days or 0, offset.offset_precise)
        return None

    def _anchor(self, context: SentenceContext, clause: str) -> str | None:
        """The date a 'days after' clause is anchored on: an earlier event the clause names
        ("The sanctions were imposed days after ...") or else the article date."""
        article = context.article
        words = set(re.findall(r"[a-z]+", clause.lower()))
        for noun, action in self._anchor_nouns.items():
            if noun in words:
                dated = [r for r in article.relations.values() if r.type == action and r.date]
                if dated:
                    return dated[-1].date
        return article.published.isoformat() if article.published else None

    def _event_nouns(self) -> dict[str, str]:
        nouns: dict[str, str] = {}
        for name, action in self.vocabulary.actions.items():
            for template in action.nouns:
                for word in template.split()[0].split("|"):
                    if word.isalpha() and len(word) > 3:
                        nouns.setdefault(word.lower(), name)
        return nouns


def _resolve_target(context: SentenceContext, target: Mention) -> str | None:
    """Point a claim or anaphor target ('the allegations', 'the move') at the actor it
    refers back to (setting its entity); returns the date of the act it answers, if any."""
    article = context.article
    if target.kind == "claim":
        target.entity = article.last_claimant
        return article.last_date_by_category.get("ACCUSE")
    if target.kind == "anaphor":
        role = target.role or ""
        if role.startswith("event"):
            wanted = role.partition(":")[2]
            target.entity = (article.last_source_by_category.get(wanted)
                             or article.last_event_source)
            return article.last_date_by_category.get(wanted)
        target.entity = {"speaker": article.last_speaker, "igo": article.last_igo}.get(role)
    return None


def _nominal_source(context: SentenceContext, hit: RuleHit, before: str) -> Mention | None:
    """Who acts in 'X's sanctions on Y', 'sanctions on Y imposed by X', 'X announced
    sanctions on Y'."""
    mentions = context.mentions
    adjacent = _NEXT_TO_NOUN.search(before)
    if adjacent:
        return mentions[int(adjacent.group(2))]
    by = _NOUN_BY.match(context.masked[hit.match.end():])
    if by:
        return mention_of(by.group(1), mentions)
    light = _LIGHT_VERB.search(before)
    subject = clause_subject(before[: light.start()] + " ") if light else None
    return mentions[subject] if subject is not None else None


def _complaint_forum(context: SentenceContext, hit: RuleHit, target: Mention) -> bool:
    """'filed a complaint with the UN Security Council': an international body a protest is
    lodged WITH is the forum, not the one protested."""
    if hit.rule.action != "PROTESTED" or not target.entity:
        return False
    lead = context.masked[hit.match.start(): hit.match.start("T")]
    return (bool(_WITH_BEFORE.search(lead))
            and context.article.type_of(target.entity) is EntityType.IGO)


def _opens_clause(before: str, subject: int) -> bool:
    """Whether the token of `subject` is the subject of a subordinate clause ('after X')."""
    at = before.rfind(f"§{subject}§")
    return at >= 0 and bool(_OPENS_CLAUSE.search(before[:at]))


def _verb_source(mentions: list[Mention], before: str) -> Mention | None:
    """The subject of a verb, given the masked text before it."""
    subject = clause_subject(before)
    if subject is not None and mentions[subject].kind == "place":
        # "the Red Cross operating in Iraq said": look past the place
        before = before.replace(f"§{subject}§", " " * len(f"§{subject}§"))
        subject = clause_subject(re.sub(r"\s+(?:in|at|from|near)\s+$", " ",
                                        before.rstrip()) + " ")
    if subject is not None and _AND_AFTER_TOKEN.search(before) and not _opens_clause(
            before, subject):
        subject = first_subject(before) if first_subject(before) is not None else subject
    if subject is None and _TRAILING_AND.search(before):
        subject = first_subject(before)  # 'X raided ... and detained Y'
    return mentions[subject] if subject is not None else None
