"""Extraction quality of both engines: PLOVER gold-standard records and our gold articles.

PLOVER (../shared/eval/plover-gsr.json): for every coded sentence we run the extractor and ask:
is there a relation of the gold PLOVER category (category recall), and does one such relation
have a gold source actor (source match) and a gold target actor (target match)? Old category
names map as the data's README says. Gold articles (tests/gold/*.json): required recall and
precision per article, scored by tests/gold.py. `python -m benchmarks quality` prints both
engines side by side.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from geokg.extract.engines import EventExtractor, build_extractor, extract_many
from geokg.graph.model import Article, Entity, GraphFragment

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "plover-gsr.json"
GOLD_DIR = ROOT / "tests" / "gold"
ENGINES = ("parse", "rules")
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


def plover_scores(path: Path = DEFAULT_PATH, extractor: EventExtractor | None = None,
                  details: bool = False, engine: str = "rules") -> dict[str, Any]:
    """Scores over all records that code an event (with `extractor`, else a new one of
    `engine`)."""
    extractor = extractor or build_extractor(engine)
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")]
    articles = [Article(id=str(r["id"]), published=PLACEHOLDER_DATE, text=r["text"])
                for r in records]
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    per_category: dict[str, Counter[str]] = {}
    misses = []
    for record, fragment in zip(records, extract_many(extractor, articles), strict=True):
        result = score_record(record, fragment)
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
        "category_records": {c: v["n"] for c, v in sorted(per_category.items())},
    }
    if details:
        scores["misses"] = misses
    return scores


def gold_article_scores(extractor: EventExtractor, gold_dir: Path = GOLD_DIR
                        ) -> dict[str, Any]:
    """Required recall over all our gold articles, and recall/precision per article."""
    from geokg.pipeline import RunReport, list_files, read_articles
    from tests.gold import score

    per_article: dict[str, dict[str, float]] = {}
    required = missed = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        report = RunReport()
        articles = read_articles(list_files([ROOT / gold["article"]["file"]], report), report)
        fragment = GraphFragment()
        for part in extract_many(extractor, articles):
            fragment.merge(part)
        result = score(gold, fragment)
        wanted = sum(1 for r in gold["relations"] if r["required"])
        required += wanted
        missed += len(result.missing_relations)
        per_article[gold_file.stem] = {
            "recall": round(1 - len(result.missing_relations) / max(1, wanted), 3),
            "precision": round(result.precision, 3)}
    return {"recall": round(1 - missed / max(1, required), 3), "required": required,
            "articles": per_article}


def main(argv: list[str]) -> int:
    """`python -m benchmarks quality [--details] [--engine parse|rules] [PATH]`: both engines
    side by side (or the one named), on PLOVER and on our gold articles."""
    details = "--details" in argv
    engines = [argv[argv.index("--engine") + 1]] if "--engine" in argv else list(ENGINES)
    paths = [a for a in argv if not a.startswith("--") and a not in ENGINES]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    plover, gold = {}, {}
    for engine in engines:
        extractor = build_extractor(engine)
        plover[engine] = plover_scores(path, extractor, details=details)
        gold[engine] = gold_article_scores(extractor)
    head = "".join(f"{e:>10}" for e in engines)
    print(f"PLOVER gold-standard records: {plover[engines[0]]['records']}{'':6}{head}")
    for key in ("category_recall", "source_match", "target_match"):
        print(f"  {key.replace('_', ' '):<40}" + "".join(f"{plover[e][key]:>10.3f}"
                                                       for e in engines))
    counts = plover[engines[0]]["category_records"]
    for category in plover[engines[0]]["by_category"]:
        label = f"{category} ({counts[category]} records)"
        print(f"    {label:<38}" + "".join(f"{plover[e]['by_category'][category]:>10.2f}"
                                            for e in engines))
    print(f"Gold articles (tests/gold), required facts: {gold[engines[0]]['required']}")
    print(f"  {'required recall (all articles)':<40}" + "".join(f"{gold[e]['recall']:>10.3f}"
                                                             for e in engines))
    for stem in gold[engines[0]]["articles"]:
        print(f"    {stem[:38]:<38}" + "".join(
            f"{gold[e]['articles'][stem]['recall']:>5.2f}/{gold[e]['articles'][stem]['precision']:<4.2f}"
            for e in engines) + "   (recall/precision)")
    if details:
        for engine in engines:
            for miss in plover[engine]["misses"]:
                print(f"  MISS[{engine}] {miss['event']:<9} {miss['text'][:140]}")
    return 0
