"""The year an event noun names for itself: 'the 1998-2000 war between the two countries',
'the war of 1998', 'the 2014 conflict'. Such a noun tells of an old event; dated at the
article's date it would be a new one.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Token

YEAR = re.compile(r"(?:1[89]|20)\d\d")
MODIFIERS = frozenset({"nummod", "compound", "amod", "npadvmod", "nmod"})
YEAR_PREPS = frozenset({"of", "in"})


def noun_year(noun: Token, published: dt.date | None) -> str | None:
    """The first year that modifies the event noun ('1998' in 'the 1998-2000 war', 'the
    war of 1998'), when it is before the year the article was published."""
    if published is None:
        return None
    years = [c for c in noun.children if c.dep_ in MODIFIERS and YEAR.fullmatch(c.text)]
    years += [o for p in noun.children if p.dep_ == "prep" and p.lower_ in YEAR_PREPS
              for o in p.children if o.dep_ == "pobj" and YEAR.fullmatch(o.text)]
    earlier = sorted(c.text for c in years if int(c.text) < published.year)
    return earlier[0] if earlier else None
