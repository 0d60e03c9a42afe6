"""Acts reported inside speech or a complement clause on the development news of issue 15
(session 10, second wave), on sentences written for these tests (other names, other words).
Each case: the construction, a sentence, and the exact event edges (source, type, target,
status); a real spaCy pipeline runs them (tests/parse_support.py)."""

from __future__ import annotations

import pytest

from tests.parse_support import edges, parse_extract

CASES = [
    # missiles fired 'toward(s)' a place are aimed at it, also inside a report
    ("missiles fired towards a place, reported by the doer",
     "The Polisario Front said on Sunday it had fired six rockets towards Morocco.",
     {("polisario-front", "ATTACKED", "morocco", "asserted")}),
    ("rockets launched toward a country",
     "Hezbollah launched two missiles toward Israel overnight.",
     {("hezbollah", "ATTACKED", "israel", "asserted")}),
    ("rockets fired toward no actor give no edge",
     "Hezbollah launched two missiles toward the sea overnight.", set()),
    # an infinitive under an adjective of readiness is intended, whatever verb carries it
    ("'stands ready to' announces a sanction (a threat)",
     "Canada stands ready to impose sanctions on Peru.",
     {("canada", "SANCTIONED", "peru", "announced")}),
    ("'remained willing to' announces a deployment",
     "Chile remained willing to send troops to Bolivia.",
     {("chile", "DEPLOYED", "bolivia", "announced")}),
    ("'is ready to' stays announced",
     "Canada is ready to impose sanctions on Peru.",
     {("canada", "SANCTIONED", "peru", "announced")}),
    ("a done sanction stays asserted",
     "Canada imposed sanctions on Peru.",
     {("canada", "SANCTIONED", "peru", "asserted")}),
    # closing a passage or a market to someone sanctions them
    ("closing the airspace to a country's aircraft",
     "Norway closed its airspace to Belarusian aircraft on Friday.",
     {("norway", "SANCTIONED", "belarus", "asserted")}),
    ("a commander says his forces will close a strait to a country (a threat)",
     "A Venezuelan admiral said Venezuelan forces will close the border to Guyana.",
     {("venezuela", "SANCTIONED", "guyana", "announced")}),
    # a report that tells the act as unlawful accuses its doer; a neutral one does not
    ("a report of an unlawful detention accuses the detainer",
     "Amnesty said Peru had unlawfully detained Carlos Mesa.",
     {("peru", "ARRESTED", "carlos-mesa", "asserted"),
      ("amnesty-international", "ACCUSED", "peru", "asserted")}),
    ("a report of a passive ouster told as illegal, the speaker after the clause",
     "Carlos Mesa was illegally ousted by Peru, Bolivia said.",
     {("peru", "EXPELLED", "carlos-mesa", "asserted"),
      ("bolivia", "ACCUSED", "peru", "asserted")}),
    ("a neutral report asserts the act and accuses no one",
     "Amnesty said Peru had detained Carlos Mesa.",
     {("peru", "ARRESTED", "carlos-mesa", "asserted")}),
    ("closing a market to no actor gives no edge",
     "The town closed its market to visitors on Sunday.", set()),
]


@pytest.mark.parametrize(("construction", "text", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_construction(construction: str, text: str, expected: set) -> None:
    assert {e[:4] for e in edges(parse_extract(text))} == expected, construction
