"""Time expressions resolved against the article date, as ISO prefixes of their precision."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from geokg.extract.alternation import alternation
from geokg.extract.memo import Memo
from geokg.extract.words import WORDS
from geokg.graph.model import Unresolved

MONTHS = WORDS.month_numbers()
WEEKDAYS = {day.lower(): number for number, day in enumerate(WORDS.weekdays)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None,
           "a few": None}

_MONTH_NAMES = WORDS.month_names()
_ABBREVIATIONS = _MONTH_NAMES[len(WORDS.months):]
_MONTH = f"(?P<month>{alternation(_MONTH_NAMES + tuple(f'{m}.' for m in _ABBREVIATIONS))})"
_WEEKDAY = rf"(?P<weekday>{'|'.join(WORDS.weekdays)})"
_COUNT = r"(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|\d+)"

TimeKind = Literal["iso", "month_day_year", "day_month_year", "month_day", "day_month",
                   "month_year", "month", "weekday", "yesterday", "today", "last_week",
                   "this_week", "last_month", "this_month", "last_year", "this_year", "ago",
                   "decade", "year", "offset"]
PATTERNS: list[tuple[TimeKind, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                                  r"(?P<year>\d{4})\b")),
    ("day_month_year", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})"
                             r"(?!\s*(?:%|percent|tons|million|billion))")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}\b(?!\s+\d{{4}})")),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>\d{{4}})\b")),
    ("month", re.compile(rf"\b(?:in|In|since|Since|by|until|during|early|late|mid-|Early|Late|"
                         rf"In early|In late|in early|in late|in mid-|last|Last|this|This)\s+"
                         rf"{_MONTH}\b")),
    ("weekday", re.compile(rf"\b(?:(?:on|On|late|Late|early|Early|last|Last|this|This)\s+)*"
                           rf"{_WEEKDAY}(?:\s+(?:night|morning|evening|afternoon))?\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|Yesterday)\b")),
    ("today", re.compile(r"\b(?:today|Today|tonight|Tonight|this morning|This morning)\b")),
    ("last_week", re.compile(r"\b(?:last|Last)\s+week\b")),
    ("this_week", re.compile(r"\b(?:(?:earlier|Earlier|(?P<this_week_later>later|Later))\s+)?"
                             r"(?:this|This)\s+week\b")),
    ("last_month", re.compile(r"\b(?:last|Last)\s+month\b")),
    ("this_month", re.compile(r"\b(?:earlier|Earlier|later|Later)?\s*this\s+month\b")),
    ("last_year", re.compile(r"\b(?:last|Last)\s+year\b")),
    ("this_year", re.compile(r"\b(?:earlier|Earlier|later|Later)?\s*this\s+year\b")),
    ("ago", re.compile(rf"\b{_COUNT}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b")),
    ("decade", re.compile(r"\b(?:in|In|during|since)\s+the\s+(?:early\s+|late\s+|mid-)?"
                          r"(?P<decade>\d{3})0s\b")),
    ("year", re.compile(r"\b(?:in|In|since|Since|during|During|by|early|late|mid-)\s+"
                        r"(?P<year>(?:19|20)\d{2})\b(?![-–]\d)")),
    ("offset", re.compile(rf"\b(?:(?:just|only|barely|some)\s+)?(?:{_COUNT}\s+)?(?P<unit>days?|"
                          r"weeks?|months?|hours?)\s+(?P<dir>after|before|later|earlier)\b"
                          r"|\b(?:the\s+)?(?P<next>next|following|previous)\s+(?P<unit2>day|week)\b"
                          r"|\bthe\s+day\s+(?P<dir2>after|before)\b")),
]


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    kind: TimeKind
    date: str | None = None
    # An offset ('a day after', 'days before'): how many days the event named after the
    # expression lies from the clause before it, its anchor. "His comments came a day after
    # the US designated X" -> -1: the designation came a day before the comments.
    offset_days: int | None = None
    offset_precise: bool = True
    future: bool = False  # a weekday or month named for what is still to come (see is_future)


TimeMatches = tuple[tuple[TimeKind, re.Match[str], bool], ...]  # (kind, match, is_future) each
_CLAUSE_BREAK = re.compile(r"[,;.]")
_FUTURE_CUE = re.compile(r"\b(?:will|would|'ll|is to|are to|set to|due to|scheduled|"
                         r"expected to|next)\b", re.I)
_NAMED_DAYS = frozenset({"weekday", "month", "month_day", "day_month"})


def is_future(text: str, kind: TimeKind, start: int) -> bool:
    """'would take effect on Sunday': a weekday or month named for what is still to come
    (the time expression of `kind` starting at `start` in the sentence `text`)."""
    if kind not in _NAMED_DAYS:
        return False
    clause = _CLAUSE_BREAK.split(text[:start])[-1]
    return bool(_FUTURE_CUE.search(clause))


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


UPCOMING_DAYS = 62  # a day or month named without a year this soon after publication is upcoming


def _latest_month(month: int, published: dt.date) -> str:
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _latest_day(month: int, day: int, published: dt.date) -> str | None:
    year = published.year if (month, day) <= (published.month, published.day) else \
        published.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_PAST_MONTH = re.compile(r"(?:last|since)\b", re.I)  # 'last March', 'since June': the past one


def _upcoming(kind: TimeKind, groups: dict, text: str, published: dt.date) -> str | None:
    """The date of 'on May 20' or 'in June' in a report of May 13: a day or month named
    without a year that falls within two months after publication is this coming one, not
    last year's (news names past days of another year with their year)."""
    month = _month_number(groups["month"])
    if kind == "month":
        if _PAST_MONTH.match(text):
            return None
        ahead = (month - published.month) % 12
        if 0 < ahead <= UPCOMING_DAYS // 31:
            year = published.year + (published.month + ahead > 12)
            return f"{year:04d}-{month:02d}"
        return None
    for year in (published.year, published.year + 1):
        try:
            day = dt.date(year, month, int(groups["day"]))
        except ValueError:
            return None
        if 0 < (day - published).days <= UPCOMING_DAYS:
            return day.isoformat()
    return None


def _same_year(first: dt.date, last: dt.date) -> str | None:
    """The year a period from `first` to `last` lies in, None when it spans two."""
    return str(last.year) if first.year == last.year else None


def _shift_months(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resolve(kind: TimeKind, match: re.Match[str], published: dt.date | None,
             future: bool = False) -> TimeExpression:
    groups = match.groupdict()
    text = match.group(0)
    base = {"start": match.start(), "end": match.end(), "text": text, "kind": kind,
            "future": future}
    try:
        if kind == "iso":
            day = dt.date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
            return TimeExpression(**base, date=day.isoformat())
        if kind in {"month_day_year", "day_month_year"}:
            day = dt.date(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
            return TimeExpression(**base, date=day.isoformat())
        if kind == "month_year":
            return TimeExpression(**base, date=f"{int(groups['year']):04d}-"
                                               f"{_month_number(groups['month']):02d}")
        if kind == "year":
            return TimeExpression(**base, date=groups["year"])
        if kind == "decade":
            return TimeExpression(**base, date=None)
        if kind == "offset":
            return _offset(base, groups)
    except ValueError:
        return TimeExpression(**base)
    if published is None:
        return TimeExpression(**base)
    if kind in {"month_day", "day_month", "month"}:
        upcoming = _upcoming(kind, groups, text, published)
        if upcoming:
            return TimeExpression(**{**base, "future": True}, date=upcoming)
    return TimeExpression(**base, date=_relative(kind, groups, published))


def _relative(kind: TimeKind, groups: dict, published: dt.date) -> str | None:
    if kind in {"month_day", "day_month"}:
        return _latest_day(_month_number(groups["month"]), int(groups["day"]), published)
    if kind == "month":
        return _latest_month(_month_number(groups["month"]), published)
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS[groups["weekday"].lower()]) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    if kind == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if kind == "today":
        return published.isoformat()
    if kind == "last_week":
        return (published - dt.timedelta(days=7)).isoformat()[:7]
    if kind == "this_week":  # its month (Monday to the day told; 'later': to Sunday)
        later = groups["this_week_later"] is not None
        ends = (published, published + dt.timedelta(days=6 - published.weekday())) if later \
            else (published - dt.timedelta(days=published.weekday()), published)
        same = (ends[0].year, ends[0].month) == (ends[1].year, ends[1].month)
        return ends[0].isoformat()[:7] if same else _same_year(*ends)
    if kind == "last_month":
        return _shift_months(published, 1)
    if kind == "this_month":
        return published.isoformat()[:7]
    if kind == "last_year":
        return f"{published.year - 1:04d}"
    if kind == "this_year":
        return f"{published.year:04d}"
    if kind == "ago":
        count = NUMBERS.get(groups["count"].lower()) if not groups["count"].isdigit() \
            else int(groups["count"])
        unit = groups["unit"].rstrip("s")
        if unit == "day":
            return (published - dt.timedelta(days=count or 3)).isoformat()[: 10 if count else 7]
        if unit == "week":
            return (published - dt.timedelta(weeks=count or 2)).isoformat()[:7]
        if unit == "month":
            return _shift_months(published, count or 2)
        return f"{published.year - (count or 2):04d}"
    return None


def _offset(base: dict, groups: dict) -> TimeExpression:
    """'a day after', 'days before', 'the next day': an offset from an anchor event."""
    direction = groups.get("dir") or groups.get("dir2") or (
        "after" if groups.get("next") in {"next", "following"} else "before")
    # 'ANCHOR came a day after EVENT': the event is before its anchor
    sign = -1 if direction in {"after", "later"} else 1
    unit = (groups.get("unit") or groups.get("unit2") or "day").rstrip("s")
    count_text = (groups.get("count") or "").lower()
    count = int(count_text) if count_text.isdigit() else NUMBERS.get(count_text, 1 if not
                                                                     count_text else None)
    if not groups.get("count") and (groups.get("unit") or "").endswith("s"):
        count = None  # "days after": a few days, no exact count
    days = {"day": 1, "week": 7, "month": 30, "hour": 0}[unit] * (count or 1)
    precise = unit == "hour" or (count is not None and unit == "day")
    return TimeExpression(**base, offset_days=sign * days, offset_precise=precise,
                          date=None)


# What a sentence must contain for a pattern to have a chance: every group must be met by one
# of its members, a lower-cased word of the sentence, DIGIT (a digit anywhere) or one of
# SUBSTRINGS (anywhere). Each word a pattern needs is a whole word wherever it matches (the
# patterns put a word boundary or a space on both sides), so gating on words never skips a
# match, and most sentences skip most patterns without running them.
DIGIT = "0-9"
SUBSTRINGS = ("-", "0s")
_MONTH_WORDS = tuple(MONTHS)
_UNITS = ("day", "days", "week", "weeks", "month", "months", "hour", "hours")
NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": ((DIGIT,), ("-",)), "month_day_year": ((DIGIT,), _MONTH_WORDS),
    "day_month_year": ((DIGIT,), _MONTH_WORDS), "month_day": ((DIGIT,), _MONTH_WORDS),
    "day_month": ((DIGIT,), _MONTH_WORDS), "month_year": ((DIGIT,), _MONTH_WORDS),
    "decade": ((DIGIT,), ("0s",)),
    "year": ((DIGIT,), ("in", "since", "during", "by", "early", "late", "mid")),
    "month": (_MONTH_WORDS,), "weekday": (tuple(WEEKDAYS),), "yesterday": (("yesterday",),),
    "today": (("today", "tonight", "morning"),), "last_week": (("week",),),
    "this_week": (("week",),), "last_month": (("month",),), "this_month": (("month",),),
    "last_year": (("year",),), "this_year": (("year",),), "ago": (("ago",),), "offset": (_UNITS,),
}
_WORD = re.compile(r"[a-z]+")
_ANY_DIGIT = re.compile(r"\d")
_GATED_PATTERNS = [(kind, pattern, tuple(frozenset(group) for group in NEEDS[kind]))
                   for kind, pattern in PATTERNS]


def _present(text: str) -> set[str]:
    """What of NEEDS a sentence holds: its lower-cased words, DIGIT and SUBSTRINGS."""
    present = set(_WORD.findall(text.lower()))
    present.update(s for s in SUBSTRINGS if s in text)
    if _ANY_DIGIT.search(text):
        present.add(DIGIT)
    return present


def find_time_expressions(text: str, published: dt.date | None) -> list[TimeExpression]:
    """All time expressions in a sentence, earliest first, non-overlapping: where matches
    overlap, the one of the pattern listed first in PATTERNS wins (the patterns are listed
    from the most to the least specific), else the leftmost."""
    return resolve_matches(time_matches(text), published)


def resolve_matches(matches: TimeMatches, published: dt.date | None) -> list[TimeExpression]:
    """The time expressions of `time_matches`, resolved against the publication date."""
    return [_resolve(kind, match, published, future) for kind, match, future in matches]


def time_matches(text: str) -> TimeMatches:
    """The (kind, match, is_future) of each time expression in a sentence, earliest first
    (see `find_time_expressions`); a pure function of the text."""
    found: list[tuple[TimeKind, re.Match[str]]] = []
    present = _present(text)
    for kind, pattern, needs in _GATED_PATTERNS:
        for group in needs:  # a loop, not any(): this runs 19 times per sentence
            if present.isdisjoint(group):
                break
        else:
            for match in pattern.finditer(text):
                if any(m.start() < match.end() and match.start() < m.end() for _, m in found):
                    continue
                found.append((kind, match))
    return tuple((kind, match, is_future(text, kind, match.start()))
                 for kind, match in sorted(found, key=lambda item: item[1].start()))


class TimeFinder:
    """`find_time_expressions`, remembering the matches of the sentences seen last (see
    `memo`); each extractor has its own."""

    def __init__(self) -> None:
        self.remembered: Memo[TimeMatches] = Memo(time_matches)
        self.resolved: Memo[tuple[TimeExpression, ...]] = Memo(_resolved)

    def find(self, text: str, published: dt.date | None) -> list[TimeExpression]:
        """The sentence's time expressions resolved against `published`, remembered too: the
        parse engine and its rules backoff both ask for each sentence's."""
        return list(self.resolved(self.remembered(text), published))

    def forget(self) -> None:
        self.remembered.forget()
        self.resolved.forget()


def _resolved(matches: TimeMatches, published: dt.date | None) -> tuple[TimeExpression, ...]:
    """`resolve_matches` as a tuple (a remembered result must not change)."""
    return tuple(resolve_matches(matches, published))


def leaves_undated(times: list[TimeExpression]) -> bool:
    """Whether a sentence's time expressions include a relative one left without a date
    (an article without a publication date has nothing to rest it on; decades need none)."""
    return any(t.date is None and t.kind != "decade" for t in times)


def undated_notice(article_id: str) -> Unresolved:
    """What an article without a publication date reports when `leaves_undated`."""
    return Unresolved(article=article_id, text="(relative dates)",
                      reason="article has no publication date; relative time expressions "
                             "left undated (pass --published DATE)")


def apply_offset(anchor: str, offset_days: int, precise: bool) -> str:
    """The date `offset_days` after an anchor date (an ISO prefix; before it when negative);
    imprecise offsets keep (at most) month precision, and an anchor without a day stays."""
    if len(anchor) < 10:
        return anchor
    day = dt.date.fromisoformat(anchor) + dt.timedelta(days=offset_days)
    return day.isoformat() if precise else day.isoformat()[:7]
