"""Sentence and quotation segmentation with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens ending in "." that do not end a sentence when followed by a capitalized word.
ABBREVIATIONS = {
    "u.s", "u.k", "u.n", "e.u", "u.a.e", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col",
    "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc",
    "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun", "a.m", "p.m", "approx", "est", "dept", "fig", "i.e", "e.g", "pres", "amb", "min",
}
# A run of text longer than this with no sentence end is cut into pieces at word boundaries
# (news sentences stay far below it), so that the per-sentence work stays bounded and
# extraction time grows linearly with the input however it is punctuated.
MAX_SENTENCE_CHARS = 1000
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_OPEN_QUOTES = "“\""
_CLOSE_FOR = {"“": "”", "\"": "\""}


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text, its span in the article text and its paragraph number."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """A quotation span (inside the quote marks) in the article text."""

    start: int
    end: int


_WORD_BEFORE_PERIOD = re.compile(r"([\w.]+)\.$")


def _ends_sentence(text: str, cut: int, punct_at: int) -> bool:
    """Whether the boundary candidate ending at `cut` really ends a sentence."""
    if text[punct_at] == "." :
        # the word before the period (a short window: abbreviations are short)
        word = _WORD_BEFORE_PERIOD.search(text, max(0, punct_at - 60), punct_at + 1)
        if word:
            token = word.group(1).lower()
            if token in ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                return False
    rest = text[cut:cut + 2]
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"'‘(—-[")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of blank-line separated paragraphs."""
    spans, pos = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences with offsets; abbreviations like U.S. and Sept. do not end
    one, and paragraph breaks always do."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        block = text[p_start:p_end]
        start = 0
        for match in _BOUNDARY.finditer(block):
            punct_at = match.start()
            if _ends_sentence(block, match.end(), punct_at):
                _append(sentences, text, p_start + start, p_start + match.end(), number)
                start = match.end()
        _append(sentences, text, p_start + start, p_end, number)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _last_space(text, start, start + MAX_SENTENCE_CHARS)
        _append(out, text, start, cut, paragraph)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))


def _last_space(text: str, start: int, limit: int) -> int:
    """Where to cut an overlong run: at its last whitespace before `limit` (past its first
    half), else at `limit`."""
    for at in range(limit, start + (limit - start) // 2, -1):
        if text[at].isspace():
            return at
    return limit


def find_quotes(text: str) -> list[Quote]:
    """Quotation spans delimited by curly or straight double quotes."""
    quotes: list[Quote] = []
    pos = 0
    found = {q: text.find(q) for q in _OPEN_QUOTES}  # next of each mark, found once each
    while True:
        for q, at in found.items():
            if 0 <= at < pos:
                found[q] = text.find(q, pos)
        opens = [(i, q) for q, i in found.items() if i >= 0]
        if not opens:
            return quotes
        open_at, mark = min(opens)
        close_at = text.find(_CLOSE_FOR[mark], open_at + 1)
        if close_at < 0:
            return quotes
        quotes.append(Quote(open_at + 1, close_at))
        pos = close_at + 1
