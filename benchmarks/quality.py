"""Extraction quality on the PLOVER gold-standard records (../shared/eval/plover-gsr.json).

For every coded sentence we run the extractor and ask: is there a relation of the gold PLOVER
category (category recall), and does one such relation have a gold source actor (source match)
and a gold target actor (target match)? Old category names map as the data's README says.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from geokg.extract.extractor import Extractor
from geokg.graph.model import Article, Entity, GraphFragment

DEFAULT_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover-gsr.json"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
PLACEHOLDER_DATE = dt.date(2000, 1, 1)


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().replace("'s", "").split())


def _actors(value: Any) -> list[dict]:
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict) and a.get("actorText")]
    return []


def actor_matches(entity: Entity | None, gold: dict) -> bool:
    """An entity matches a gold actor by overlapping text or by its country code."""
    if entity is None:
        return False
    gold_text = _fold(gold["actorText"])
    names = [_fold(n) for n in [entity.name, *entity.aliases] if n]
    if any(n and (n in gold_text or gold_text in n) for n in names):
        return True
    code = str(gold.get("code") or "")[:3].upper()
    return bool(entity.country) and entity.country == code


def score_record(record: dict, fragment: GraphFragment) -> dict[str, bool | None]:
    """Category hit, source and target match (None when the record has no such actor)."""
    category = OLD_NAMES.get(record["event"], record["event"])
    entities = {e.id: e for e in fragment.entities}
    of_category = [r for r in fragment.relations if r.category == category]
    sources, targets = _actors(record.get("source")), _actors(record.get("target"))

    def matched(side: str, gold: list[dict]) -> bool | None:
        if not gold:
            return None
        return any(actor_matches(entities.get(getattr(r, side)), g)
                   for r in of_category for g in gold)

    return {"category": bool(of_category), "source": matched("source", sources),
            "target": matched("target", targets)}


def plover_scores(path: Path = DEFAULT_PATH, extractor: Extractor | None = None,
                  details: bool = False) -> dict[str, Any]:
    """Scores over all records that code an event."""
    extractor = extractor or Extractor()
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")]
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    per_category: dict[str, Counter[str]] = {}
    misses = []
    for record in records:
        article = Article(id=record["id"], published=PLACEHOLDER_DATE, text=record["text"])
        result = score_record(record, extractor.extract(article))
        category = OLD_NAMES.get(record["event"], record["event"])
        counts = per_category.setdefault(category, Counter())
        counts["n"] += 1
        counts["hit"] += result["category"]
        totals["category"] += 1
        hits["category"] += result["category"]
        for side in ("source", "target"):
            if result[side] is not None:
                totals[side] += 1
                hits[side] += result[side]
        if not result["category"]:
            misses.append({"id": record["id"], "event": category, "text": record["text"]})
    scores = {
        "records": len(records),
        "category_recall": round(hits["category"] / totals["category"], 3),
        "source_match": round(hits["source"] / max(1, totals["source"]), 3),
        "target_match": round(hits["target"] / max(1, totals["target"]), 3),
        "by_category": {c: round(v["hit"] / v["n"], 3) for c, v in sorted(per_category.items())},
    }
    if details:
        scores["misses"] = misses
    return scores


def main(argv: list[str]) -> int:
    """`python -m benchmarks quality [--details] [PATH]`."""
    details = "--details" in argv
    paths = [a for a in argv if not a.startswith("--")]
    scores = plover_scores(Path(paths[0]) if paths else DEFAULT_PATH, details=details)
    print(f"PLOVER gold-standard records: {scores['records']}")
    print(f"  category recall  {scores['category_recall']:.3f}")
    print(f"  source match     {scores['source_match']:.3f}")
    print(f"  target match     {scores['target_match']:.3f}")
    print("  by category: " + ", ".join(f"{k} {v:.2f}" for k, v in scores["by_category"].items()))
    if details:
        for miss in scores["misses"]:
            print(f"  MISS {miss['event']:<9} {miss['text'][:150]}")
    return 0
