"""'We' inside a quotation speaks for its speaker.

News quotes officials in the first person plural: '"We call on the junta to free the
ministers," the foreign minister said', '"We have protested to Y," X told reporters'. The
act is the speaker's (as news coders code it), just as 'I' in a quotation is. Outside a
quotation 'we' is the reporter or a group the text never names, so it stays unread.

`quoted_first_person` offers the quoted subject 'we' of a sentence as speaker mentions;
the actor pass resolves them to the subject of the sentence's speech verb. A quotation
whose speaker the sentence does not name is left unread (the latest speaker may be another).
"""

from __future__ import annotations

from spacy.tokens import Span

from geokg.extract.mentions import Mention
from geokg.extract.parse.tree import NOMINAL_SUBJECTS

PLURAL_FIRST = frozenset({"we", "We"})
# only a subject (NOMINAL_SUBJECTS): a quoted 'us' is mostly a target in a hypothetical ('if
# they threaten us')
OPENING, CLOSING, STRAIGHT = "“", "”", '"'


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The character ranges of `text` inside quotation marks. A sentence whose first mark
    closes a quotation began inside one (a quotation of several sentences)."""
    marks = [i for i, char in enumerate(text) if char in (OPENING, CLOSING, STRAIGHT)]
    inside = bool(marks) and text[marks[0]] == CLOSING
    ranges, start = [], 0
    for at in marks:
        char = text[at]
        opens = char == OPENING or (char == STRAIGHT and not inside)
        if opens and not inside:
            inside, start = True, at + 1
        elif not opens and inside:
            inside = False
            ranges.append((start, at))
    if inside:
        ranges.append((start, len(text)))
    return ranges


def _inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in ranges)


def _attributed(sentence: Span, ranges: list[tuple[int, int]], speech: frozenset[str]) -> bool:
    """Whether the sentence names who speaks its quotation: a speech verb outside the
    quotation with a subject ('..., the minister said'). A quotation told elsewhere may
    be another speaker's than the article's latest."""
    return any(t.lemma_.lower() in speech and not _inside(t.idx - sentence.start_char, ranges)
               and any(c.dep_ in NOMINAL_SUBJECTS for c in t.children) for t in sentence)


def quoted_first_person(sentence: Span, speech: frozenset[str]) -> list[Mention]:
    """Speaker mentions for the subject 'we' inside the sentence's quotations (offsets
    relative to the sentence text), when the sentence names its speaker (a verb of
    `speech`)."""
    words = [t for t in sentence if t.text in PLURAL_FIRST and t.dep_ in NOMINAL_SUBJECTS]
    if not words:
        return []
    ranges = quoted_ranges(sentence.text)
    if not _attributed(sentence, ranges, speech):
        return []
    found = []
    for token in words:
        at = token.idx - sentence.start_char
        if _inside(at, ranges):
            found.append(Mention(at, at + len(token.text), token.text, "speaker",
                                 pronoun_class="speaker"))
    return found
