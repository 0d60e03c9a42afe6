"""The rules engine's output, pinned: per input set, the sha256 of its canonical JSON.

Five sets are extracted with one rules-engine extractor, in a fixed order: the seed corpus
(../shared/corpus), our test articles (tests/articles), the bundled examples (geokg/examples),
the PLOVER gold sentences (../shared/eval/plover-gsr.json, each dated 2020-01-01) and 300
synthetic articles (`benchmarks.synthetic.articles(300)`). A set's digest is the sha256 of one
line per document, `name<TAB>canonical JSON of its fragment`, where the canonical JSON has
sorted keys and no spaces, and each evidence rule is read without the `rules:` that names its
engine (the digests were taken before rule names carried it; the test fails on a rule that
does not carry it).

A change that is meant to change extraction regenerates the digests, in the same commit,
with a message saying which outputs changed and why:

    PYTHONPATH=. python -m tests.test_rules_identity --write

(`--show` prints the per-document digests instead, to diff a before and an after run.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks import synthetic
from geokg.extract.extractor import Extractor
from geokg.graph.model import Article, GraphFragment
from geokg.pipeline import RunReport, list_files, read_articles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DIGESTS = Path(__file__).with_name("fixtures") / "rules-identity.json"
PLOVER_DATE = dt.date(2020, 1, 1)
ENGINE = "rules"  # the digests predate the engine prefix of rule names: it is stripped


def _files(folder: Path) -> Iterator[tuple[str, Article]]:
    report = RunReport()
    for article in read_articles(list_files([str(folder)], report), report):
        yield f"{article.source}:{article.id}", article


def _plover() -> Iterator[tuple[str, Article]]:
    records = json.loads((SHARED / "eval" / "plover-gsr.json").read_text(encoding="utf-8"))
    for record in records:
        if record.get("text"):
            yield str(record["id"]), Article(id=str(record["id"]), published=PLOVER_DATE,
                                             text=record["text"])


def _synthetic() -> Iterator[tuple[str, Article]]:
    for article in synthetic.articles(300):
        yield article.id, article


def input_sets() -> dict[str, Iterator[tuple[str, Article]]]:
    """The named input sets, in extraction order."""
    return {"seed": _files(SHARED / "corpus"), "articles": _files(ROOT / "tests" / "articles"),
            "examples": _files(ROOT / "geokg" / "examples"), "plover": _plover(),
            "synthetic": _synthetic()}


def canonical(fragment: GraphFragment) -> str:
    """A fragment as JSON with sorted keys and no spaces, each evidence rule without its
    engine's `rules:` prefix (which every one must carry)."""
    data = fragment.model_dump(mode="json")
    for relation in data["relations"]:
        for item in relation["evidence"]:
            engine, _, rule = item["rule"].partition(":")
            assert engine == ENGINE, f"evidence rule {item['rule']!r} does not name its engine"
            item["rule"] = rule
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def document_lines() -> dict[str, list[str]]:
    """Per set, one `name<TAB>canonical JSON` line per document."""
    extractor = Extractor()
    return {name: [f"{doc}\t{canonical(extractor.extract(article))}" for doc, article in docs]
            for name, docs in input_sets().items()}


def digests(lines: dict[str, list[str]]) -> dict[str, dict[str, object]]:
    return {name: {"documents": len(rows),
                   "sha256": hashlib.sha256("\n".join(rows).encode()).hexdigest()}
            for name, rows in lines.items()}


def test_rules_engine_output_is_unchanged():
    assert (SHARED / "corpus").is_dir(), f"missing {SHARED / 'corpus'} (the shared corpus)"
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    actual = digests(document_lines())
    changed = [name for name in expected if actual.get(name) != expected[name]]
    assert not changed, (f"extraction output changed for {changed}: if meant, regenerate "
                         f"{DIGESTS.name} (see this module's docstring)")
    assert sum(d["documents"] for d in actual.values()) == 635  # 634 distinct names


if __name__ == "__main__":
    all_lines = document_lines()
    if "--show" in sys.argv:
        for set_name, rows in all_lines.items():
            for row in rows:
                doc, _, body = row.partition("\t")
                print(set_name, doc, hashlib.sha256(body.encode()).hexdigest()[:16])
    elif "--write" in sys.argv:
        DIGESTS.write_text(json.dumps(digests(all_lines), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {DIGESTS}")
    else:
        print(json.dumps(digests(all_lines), indent=2))
