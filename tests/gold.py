"""Score an extracted graph fragment against a hand-made gold file (seed-gold.json shape)."""

from __future__ import annotations

from dataclasses import dataclass, field

from geokg.graph.model import GraphFragment, Relation


@dataclass
class GoldScore:
    """What matched, what is missing, and what was wrong."""

    missing_entities: list[str] = field(default_factory=list)
    missing_relations: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    extracted: int = 0

    @property
    def precision(self) -> float:
        return 1.0 if not self.extracted else 1 - len(self.unmatched) / self.extracted


def entity_keys(gold: dict, fragment: GraphFragment) -> dict[str, str]:
    """Map our entity ids to gold keys by name (name or alias) and type."""
    mapping: dict[str, str] = {}
    for entity in fragment.entities:
        names = {entity.name, *entity.aliases}
        for gold_entity in gold["entities"]:
            if gold_entity["type"] == entity.type.value and names & set(gold_entity["names"]):
                mapping[entity.id] = gold_entity["key"]
    return mapping


def relation_matches(relation: Relation, gold_relation: dict, keys: dict[str, str]) -> bool:
    """Whether an extracted relation is the gold fact (direction, type, date, status)."""
    types = {gold_relation["type"], *gold_relation.get("accept", [])}
    targets = {gold_relation["target"], *gold_relation.get("target_accept", [])}
    if keys.get(relation.source) != gold_relation["source"] or relation.type not in types:
        return False
    if keys.get(relation.target) not in targets:
        return False
    if "date" in gold_relation and relation.date not in gold_relation.get(
            "date_accept", [gold_relation["date"]]):
        return False
    return "status" not in gold_relation or relation.status.value == gold_relation["status"]


def score(gold: dict, fragment: GraphFragment) -> GoldScore:
    """Compare a fragment with the gold annotation."""
    keys = entity_keys(gold, fragment)
    result = GoldScore(extracted=len(fragment.relations))
    found_keys = set(keys.values())
    result.missing_entities = [e["key"] for e in gold["entities"]
                               if e["required"] and e["key"] not in found_keys]
    for gold_relation in gold["relations"]:
        if gold_relation["required"] and not any(
                relation_matches(r, gold_relation, keys) for r in fragment.relations):
            result.missing_relations.append(
                f"{gold_relation['source']} {gold_relation['type']} {gold_relation['target']}")
    for relation in fragment.relations:
        for banned in gold.get("must_not", []):
            if keys.get(relation.source) == banned["source"] and relation.type == banned["type"]:
                result.forbidden.append(banned["note"])
        if not any(relation_matches(relation, g, keys) for g in gold["relations"]):
            result.unmatched.append(f"{relation.source} {relation.type} {relation.target} "
                                    f"{relation.date}")
    return result
