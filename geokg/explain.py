"""Explain an edge: for each evidence item, the sentence, its article, engine, rule and cues.

`explain(fragment, "US Treasury", "sanctioned", "Petro")` finds the edges of that (source,
type, target), names, aliases or ids accepted, and says for each evidence item where it comes
from and why it has its status and date: the cue words found in its sentence (status cues
such as "claimed" or "denied"; the time expressions the date was resolved from). Evidence
records the sentence, span and rule, not the cues themselves, so the cues are found again in
the sentence; the reported date is the item's own (`Evidence.date`) or the edge's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from geokg.extract.dates import find_time_expressions
from geokg.graph.counts import event_counts
from geokg.graph.errors import UsageError
from geokg.graph.model import GraphFragment, Relation, citation, date_bounds
from geokg.graph.network import to_networkx
from geokg.graph.precision import reported
from geokg.graph.selection import resolve_actor
from geokg.graph.timetravel import checked_dates
from geokg.graph.vocabulary import load_vocabulary

ENGINES = ("parse", "rules")
# status -> words in a sentence that signal it (as the event coder reads them)
STATUS_CUES = {
    "alleged": r"claim(?:ed|s)?|alleg(?:ed|es|edly)?|accus(?:ed|es|ing)|suspect(?:ed|s)?|"
               r"reportedly|purportedly|believed",
    "denied": r"den(?:y|ies|ied)|rejected claims",
    "announced": r"will|would|'ll|plans? to|intends? to|vowed|threatened to|set to",
    "former": r"former|ex-|once|previously",
}


@dataclass
class EvidenceNote:
    """One evidence item, explained."""

    sentence: str
    article: dict[str, Any]
    reported_date: str | None
    engine: str
    rule: str
    status_cues: list[str]
    date_cues: list[str]


@dataclass
class EdgeNote:
    """One edge and its evidence, explained."""

    source: str
    type: str
    target: str
    date: str | None
    status: str
    category: str | None
    counts: dict[str, int]
    evidence: list[EvidenceNote] = field(default_factory=list)


def engine_of(rule: str) -> str:
    """The engine a rule name records (`parse:...`, `rules:...`; older rules: rules)."""
    head = rule.split(":", 1)[0]
    return head if head in ENGINES else "rules"


def _cues(pattern: str, sentence: str) -> list[str]:
    return [m.group(0) for m in re.finditer(rf"\b(?:{pattern})\b", sentence, re.I)]


def explain(fragment: GraphFragment, source: str, rtype: str, target: str,
            date: str | None = None) -> list[EdgeNote]:
    """The edges source -[rtype]-> target (whose dates overlap `date` if given), explained;
    UsageError for an unknown actor or type, or a `date` that is not a date prefix."""
    checked_dates(date=date)
    graph = to_networkx(fragment.entities, [], [])
    start, end = resolve_actor(graph, source), resolve_actor(graph, target)
    try:
        rtype = load_vocabulary().checked_type(rtype.strip().upper())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    window = date_bounds(date) if date else None
    articles = {a.id: a.public() for a in fragment.articles}
    notes = []
    for relation in fragment.relations:
        if (relation.source, relation.type, relation.target) != (start, rtype, end):
            continue
        if window and not (relation.date and _overlaps(relation.date, window)):
            continue
        notes.append(_edge_note(relation, graph, articles))
    return notes


def _overlaps(date: str, window: tuple) -> bool:
    first, last = date_bounds(date)
    return first <= window[1] and last >= window[0]


def _edge_note(relation: Relation, graph: Any, articles: dict[str, dict]) -> EdgeNote:
    evidence = [e.model_dump(mode="json") for e in relation.evidence]
    note = EdgeNote(source=graph.nodes[relation.source].get("name", relation.source),
                    type=relation.type,
                    target=graph.nodes[relation.target].get("name", relation.target),
                    date=relation.date, status=relation.status.value,
                    category=relation.category, counts=event_counts(evidence, articles))
    status_pattern = STATUS_CUES.get(relation.status.value)
    for item in reported(relation):
        article = articles.get(item.article) or {"id": item.article}
        published = article.get("published")
        times = find_time_expressions(item.sentence, None if not published else
                                      date_bounds(published)[0])
        note.evidence.append(EvidenceNote(
            sentence=item.sentence, article=article, reported_date=item.date,
            engine=engine_of(item.rule), rule=item.rule,
            status_cues=_cues(status_pattern, item.sentence) if status_pattern else [],
            date_cues=[t.text for t in times]))
    return note


def _safe(value: Any) -> str:
    """Text for a terminal: control characters (escape sequences, newlines) shown escaped."""
    text = "" if value is None else str(value)
    return "".join(f"\\x{ord(c):02x}" if unicodedata.category(c)[0] == "C" else c
                   for c in text)


def _cited(article: dict) -> str:
    """The name evidence cites an article by: title, else URL or file name, else id."""
    return citation(article.get("id") or "?", article.get("title"), article.get("url"),
                    article.get("source"))


def format_notes(notes: list[EdgeNote]) -> str:
    """The explanation as terminal text (every stored text escaped)."""
    lines = []
    for note in notes:
        counts = note.counts
        lines.append(f"{_safe(note.source)} -[{note.type}]-> {_safe(note.target)}  "
                     f"{note.date or 'undated'}  {note.status}"
                     + (f"  ({note.category})" if note.category else ""))
        lines.append(f"  {counts['articles']} article(s), {counts['outlets']} outlet(s), "
                     f"{counts['reports']} independent report(s)")
        for n, item in enumerate(note.evidence, 1):
            article = item.article
            where = ", ".join(_safe(article.get(k)) for k in ("url", "source") if article.get(k))
            lines += [f"  {n}. \"{_safe(item.sentence)}\"",
                      f"     article: {_safe(_cited(article))}"
                      f" ({where or 'no URL'}), published {article.get('published') or '?'}",
                      f"     reported date: {item.reported_date or 'none'}"
                      f"; date cues: {', '.join(map(_safe, item.date_cues)) or '-'}",
                      f"     engine: {item.engine}; rule: {_safe(item.rule)}; status cues: "
                      f"{', '.join(map(_safe, item.status_cues)) or '-'}"]
    return "\n".join(lines)
