"""Reading a masked sentence (each actor mention replaced by its token `§i§`): masking,
the clause subject before a verb, coordinated actors, and the gaps rules must not cross."""

from __future__ import annotations

import re

from geokg.extract.mentions import Mention
from geokg.extract.words import WORDS, any_of
from geokg.graph.model import EntityType

SPEECH_VERBS = f"(?:{any_of(WORDS.cues.speech)})"
_CALENDAR_WORDS = "|".join((*WORDS.weekdays, *WORDS.months))
REQUEST_VERBS = re.compile(
    r"\b(?:ask|asks|asked|urge|urges|urged|press|pressed|presses|call(?:s|ed)?\s+on|"
    r"demand(?:s|ed)?|want(?:s|ed)?|push(?:es|ed)?|encourag(?:e|es|ed)|invit(?:e|es|ed)|"
    r"request(?:s|ed)?|tell|told|order(?:s|ed)?|allow(?:s|ed)?|help(?:s|ed)?)\b", re.I)


def mask(text: str, mentions: list[Mention]) -> tuple[str, list[tuple[int, int]]]:
    """Replace each mention with §i§ (possessive pronouns with §i§'s); fold apostrophes.
    Also returns, per mention, (end in masked text, end in original text)."""
    out: list[str] = []
    pos = length = 0
    ends: list[tuple[int, int]] = []
    for index, mention in enumerate(mentions):
        out.append(text[pos: mention.start])
        length += mention.start - pos
        token = f"§{index}§'s" if mention.possessive else f"§{index}§"
        out.append(token)
        length += len(token)
        ends.append((length, mention.end))
        pos = mention.end
    out.append(text[pos:])
    return "".join(out).replace("’", "'"), ends


_AGENTS_OF = re.compile(r"^\s*'s\s+(?:[\w-]+\s+){0,3}?"
                        r"(?:rulers|leaders|leadership|government|military|army|forces|troops|"
                        r"authorities|junta|officials|regime|navy|police|diplomats|[Mm]inister|"
                        r"[Pp]resident|[Ss]ecretary|[Aa]mbassador|envoy|[Ee]mir|[Kk]ing|"
                        r"[Pp]rime [Mm]inister|spokes(?:man|woman|person)|[Cc]hancellor|"
                        r"[Pp]arliament|[Cc]abinet|[Mm]inistry|[Cc]ourt)\s+"
                        r"(?:(?:has|have|had|also|then|later|will|would)\s+)*$")
_PARENTHETICAL = re.compile(r",\s+(?:(?:who|which|whose|a|an|the|one|also|itself|himself|"
                            r"herself|\w+ing|\w+ed|following|after|despite|like)\b|§\d+§'s\s)"
                            r"[^,;]*,"
                            r"(\s*(?:[a-z']+\s+){0,5})$")
_SPEECH_IN_GAP = re.compile(rf"\b{SPEECH_VERBS}\b|\b(?:that|whether|if|because|when|while|"
                            r"after|before|since|as|although|though|but)\b", re.I)


_CLAUSE_WORDS = re.compile(r"\b(?:that|which|who|whom|whether|because|if|when|while|where|"
                           r"said|says)\b", re.I)


def loose_gap_ok(gap: str, target_type: EntityType | None) -> bool:
    """A loose target must be in the verb's own clause and be an actor, not a place; a
    'verb' followed by a preposition ('charges in', 'strike outside') is a noun."""
    if re.match(r"\s*(?:in|of|for|at|by|from|since|during|outside|inside|over|to|with|on|"
                r"against|about|into|toward|towards|under)\s+"
                rf"(?!(?:{_CALENDAR_WORDS})\b)(?:the|a|an|his|her|its|"
                r"their|[A-Z\d]|§)", gap + " §"):
        return False
    return target_type != EntityType.LOCATION and not _CLAUSE_WORDS.search(gap)


_TRAILING_INFINITIVE = re.compile(r"\bto\s+(?:stop\s+|start\s+|keep\s+|\w+ly\s+)?$")
_ACRONYM_AGAIN = re.compile(r"\s*\(\s*§\d+§\s*\)")
_LAST_TOKEN = re.compile(r"§(\d+)§((?:(?!§)[^;:“”\"])*)$")
_GAP_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
_RELATIVE_GAP = re.compile(r",\s+(?:which|who)\s+(?:[\w']+\s+){0,4}")
_COORDINATED_AFTER = re.compile(r"((?:\s*,\s*(?:the\s+)?§\d+§)*)(?:,?\s+and\s+(?:the\s+)?(§\d+§))")
_COORDINATED_BEFORE = re.compile(r"(§\d+§)((?:\s*,\s*(?:the\s+)?§\d+§)*),?\s+and\s+(?:the\s+)?$")
_TOKEN = re.compile(r"§\d+§")


def requested_only(before: str) -> bool:
    """'X pressed Y to stop arming Z': the verb is what was asked for, not what happened."""
    infinitive = _TRAILING_INFINITIVE.search(before)
    if not infinitive:
        return False
    clause = re.split(r"[;.]", before[: infinitive.start()])[-1][-70:]
    return bool(REQUEST_VERBS.search(clause))


def first_subject(before: str) -> int | None:
    """The sentence's opening actor (its likely subject), if the sentence starts with one."""
    opening = re.match(r"^(?:(?:[A-Z][a-z]+|On|In|At)\b[^§,]{0,30},\s*)?"
                       r"(?:(?:the|The)\s+(?:[\w-]+\s+){0,3}?)?§(\d+)§", before)
    return int(opening.group(1)) if opening else None


def clause_subject(before: str) -> int | None:
    """Index of the mention that is the subject of a verb, given the masked text before it:
    the nearest actor token, skipping a parenthetical (', a senior official,' / ', who ...,'),
    and none when a comma, a clause word or a speech verb separates them."""
    before = _ACRONYM_AGAIN.sub("", before)  # "Front (RUF)": the acronym again
    index = _nearest_subject(before)
    if index is not None:
        head = re.search(rf"§(\d+)§\s+(?:of|in|from)\s+(?:[a-z]+\s+){{0,2}}(?:the\s+)?§{index}§",
                         before)
        if head:
            return int(head.group(1))  # 'the Albanians of southern Serbia are demanding'
    return index


def _nearest_subject(before: str) -> int | None:
    """The nearest acceptable actor token before a verb (see _clause_subject)."""
    while True:
        stripped = _PARENTHETICAL.sub(lambda m: " " + m.group(1), before)
        if stripped == before:
            break
        before = stripped
    subject = _LAST_TOKEN.search(before)
    while subject and subject.group(2).startswith("'s") and not _AGENTS_OF.match(
            subject.group(2)):
        # a possessive determiner ("used his speech to"): look further left
        subject = _LAST_TOKEN.search(before[: subject.start()])
    if not subject:
        return None
    gap = before[subject.end(1) + 1:]
    limit = 12 if _GAP_INFINITIVE.search(gap) else 6  # 'X agreed ... to provide'
    if gap.lstrip().startswith("'s"):
        # "Niger's new rulers ordered": a possessive naming the country's own agents.
        return int(subject.group(1)) if _AGENTS_OF.match(gap) else None
    if _RELATIVE_GAP.fullmatch(gap):
        return int(subject.group(1))  # "Paris, which has refused to recognize ..."
    if len(gap.split()) > limit or "," in gap:
        return None
    if _SPEECH_IN_GAP.search(gap):
        return None
    return int(subject.group(1))


def mention_of(token: str, mentions: list[Mention]) -> Mention:
    return mentions[int(token.strip("§"))]


def token_start(masked: str, mention: Mention, mentions: list[Mention]) -> int | None:
    """Where a mention's token starts in the masked sentence."""
    if mention not in mentions:
        return None
    found = masked.find(f"§{mentions.index(mention)}§")
    return found if found >= 0 else None


def unmask_offset(masked_at: int, ends: list[tuple[int, int]]) -> int:
    """The position in the original sentence of an offset in the masked one."""
    masked_end, text_end = max(((m, t) for m, t in ends if m <= masked_at), default=(0, 0))
    return text_end + (masked_at - masked_end)


def coordinated(masked: str, end: int, mentions: list[Mention]) -> list[str]:
    """Targets coordinated after the first: 'T1, T2 and T3'."""
    more = _COORDINATED_AFTER.match(masked, end)
    if not more:
        return []
    tokens = _TOKEN.findall(more.group(0))
    return [e for e in (mention_of(t, mentions).entity for t in tokens) if e]


def coordinated_before(masked: str, start: int | None, mentions: list[Mention]) -> list[str]:
    """Sources coordinated before the subject: 'S1 and S2 sanctioned ...'. A place is no
    actor: in '... its embassy in Bogota, and the White House announced', Bogota (a capital
    after 'in') does not act with the White House."""
    if start is None:
        return []
    more = _COORDINATED_BEFORE.search(masked[:start])
    if not more:
        return []
    coordinated = [mention_of(t, mentions) for t in _TOKEN.findall(more.group(0))]
    return [m.entity for m in coordinated if m.entity and m.kind != "place"]
