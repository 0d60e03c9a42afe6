"""Which proposed events become edges: one event per trigger, one edge per (source, type,
target) and sentence; the decided ones are added to the article's relations and memory."""

from __future__ import annotations

from dataclasses import dataclass

from geokg.extract.events import ArticleContext, Candidate, Dropped, SentenceContext
from geokg.extract.sentences import Sentence
from geokg.graph.model import Evidence, Relation, Status
from geokg.graph.vocabulary import Vocabulary


def decide(context: SentenceContext, proposal: Candidate | Dropped,
           vocabulary: Vocabulary) -> None:
    """Settle one proposal of a sentence: a dropped one is reported; a candidate on a trigger
    that already gave an event, or whose main (source, type, target) this sentence already
    gave, is not an event again; a reciprocal one ('X and Y met') adds each of its pairs not
    yet given. A decided candidate uses up its trigger and leaves its source and claim in
    memory."""
    if isinstance(proposal, Dropped):
        context.article.report(context.sentence, proposal.reason)
        return
    if proposal.trigger_at in context.used_triggers:
        return  # its trigger already gave an event
    if proposal.reciprocal:
        for source, target in proposal.pairs:
            if (source, proposal.action, target) not in context.decided:
                context.decided.add((source, proposal.action, target))
                add_relation(context.article, context.sentence, proposal, (source, target),
                             vocabulary)
        context.used_triggers.add(proposal.trigger_at)
        return
    source, target = proposal.pairs[0]
    if (source, proposal.action, target) in context.decided:
        return
    context.decided.add((source, proposal.action, target))
    for pair in proposal.pairs:
        add_relation(context.article, context.sentence, proposal, pair, vocabulary)
    context.used_triggers.add(proposal.trigger_at)
    context.sources.append(source)
    context.article.remember(proposal, source)


def add_relation(article: ArticleContext, sentence: Sentence, candidate: Candidate,
                 pair: tuple[str, str], vocabulary: Vocabulary) -> None:
    """One edge of a candidate, or more evidence for the same (source, type, target, date)."""
    source, target = pair
    add_edge(article.relations, article.article.id, sentence, Edge(
        source, target, candidate.action, candidate.date, candidate.status,
        vocabulary.coded_category(candidate.action, candidate.status), candidate.properties,
        candidate.confidence, candidate.rule), vocabulary)


@dataclass(slots=True)
class Edge:
    """One edge as an engine states it: who did what to whom, when, and the rule that
    found it (its engine's name first: `rules:...`, `parse:...`)."""

    source: str
    target: str
    action: str
    date: str | None
    status: Status
    category: str | None
    properties: dict
    confidence: float
    rule: str


def add_edge(relations: dict[tuple, Relation], article_id: str, sentence: Sentence,
             edge: Edge, vocabulary: Vocabulary) -> None:
    """Add an edge to an article's relations, or its sentence as more evidence of the edge
    of the same (source, type, target, date): both engines add their edges here."""
    evidence = Evidence(article=article_id, sentence=sentence.text, start=sentence.start,
                        end=sentence.end, rule=edge.rule)
    key = (edge.source, edge.action, edge.target, edge.date)
    if key in relations:
        relations[key].add_evidence([evidence])
        return
    relations[key] = Relation(
        source=edge.source, target=edge.target, type=vocabulary.checked_type(edge.action),
        category=edge.category, date=edge.date, status=edge.status,
        properties=edge.properties, confidence=edge.confidence, evidence=[evidence])
