"""Which proposed events become edges: one event per trigger, one edge per (source, type,
target) and sentence; the decided ones are added to the article's relations and memory."""

from __future__ import annotations

from geokg.extract.events import ArticleContext, Candidate, Dropped, SentenceContext
from geokg.extract.sentences import Sentence
from geokg.graph.model import Evidence, Relation
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
    evidence = Evidence(article=article.article.id, sentence=sentence.text,
                        start=sentence.start, end=sentence.end, rule=candidate.rule)
    key = (source, candidate.action, target, candidate.date)
    if key in article.relations:
        article.relations[key].add_evidence([evidence])
        return
    article.relations[key] = Relation(
        source=source, target=target, type=vocabulary.checked_type(candidate.action),
        category=vocabulary.coded_category(candidate.action, candidate.status),
        date=candidate.date, status=candidate.status, properties=candidate.properties,
        confidence=candidate.confidence, evidence=[evidence])
