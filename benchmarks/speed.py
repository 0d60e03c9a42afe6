"""Speed and scale, each measured beside the tool a user would otherwise reach for, in one run.

    python -m benchmarks [--quick] [--out FILE.json] [--only NAME,NAME] [--keep DIR]

Prints a table and writes JSON (default `benchmarks-speed.json`). Measurements (JSON keys):

- extraction: words/s of `Extractor().extract` over synthetic articles vs spaCy's blank English
  tokenizer alone on the same texts (`ratio` = ours / spaCy).
- extraction_parse: words/s of the parse engine (`ParseExtractor.extract_many`, batched
  through `nlp.pipe`) vs the same spaCy pipeline's `nlp.pipe` alone on the same texts
  (`ratio` = ours / spaCy; goal >= 0.8, i.e. our work on the parse costs under 25%).
  Then, in turns of their own, `nlp.pipe` on the articles' sentences (one Doc each, as the
  engine parses them: a sentence repeated within a turn only once) vs on the whole articles:
  `sentence_parse_ratio` (CPU; the best `cpu_ratio` such an engine can reach) and
  `ours_work_cpu_s` / `ours_work_share` (ours less that parse: our own work). `distinct`:
  the same two sides on the articles without the sentences met earlier in the corpus (the
  synthetic articles repeat 15-18% of theirs, which the engine parses once): the ratio on
  text that never repeats itself.
- parallel: extraction with 2 worker processes vs 1 (`ratio` = speed-up, median of pairs).
- parallel_cluster (with geokg[dask]): extraction of the same articles (files on disk) on a
  local Dask cluster of 2 worker processes vs `--jobs 2` (`ratio` = cluster / jobs words/s,
  median of pairs; the cluster is started and its extractors built beforehand, as a running
  cluster is reused: `cluster_start_s` is that cost), and the peak RSS of each worker during
  `geokg extract --cluster local:2 --format parquet` on a small and a 10x larger corpus
  (`memory_ratio`: it must not grow with the corpus).
- embedded_ingest: relations/s into the embedded store (one transaction per article) vs a raw
  sqlite3 `executemany` of the same rows into the same schema, also one transaction per
  article (`ratio` = ours / raw).
- graphml: seconds of the GraphML export on the store's graph vs networkx writing the
  equivalent prebuilt graph (`ratio` = ours / networkx, median of pairs).
- neo4j_load (when a Neo4j answers, NEO4J_* settings): relations/s of the Neo4j store
  (`upsert_many`, default `--batch`; also `ours_batch1_*`: one transaction per article) vs
  `LOAD CSV` with the same MERGE semantics (`ratio`) and vs one MERGE per row
  (`ratio_per_row`). Needs a database that is empty or was made by this benchmark (it is
  wiped) and, for LOAD CSV, the server's import folder on this machine.
- queries: p50/p95 latency of each canned query on a 100,000-relation graph (quick: smaller),
  on the embedded store and on Neo4j.
- viz: seconds to write the 5,000-node HTML map, and with Chromium + Playwright the time to
  its first draw.
- memory: peak RSS of `geokg ingest --jobs 2` in a subprocess on a small and a 10x larger
  corpus (streaming: it must not grow with the corpus), with the default engine (parse when
  a spaCy model is installed).

Timings are wall-clock on whatever machine runs this; the ratios compare two things measured
side by side in the same run, which is what carries over between machines. Both extraction
measurements also give `cpu_ratio`, the same ratio in CPU seconds of this process (each side
is one thread): on a machine shared with other work it varies far less than the wall clock.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks import raw_rows, synthetic

QUICK = {"extract_articles": 60, "parallel_articles": 800, "ingest_relations": 10_000,
         "graphml_relations": 10_000, "neo4j_relations": 3_000, "neo4j_per_row": 200,
         "query_relations": 10_000, "query_runs": 7, "query_budget_s": 5.0, "viz_nodes": 5_000,
         "viz_edges": 20_000, "memory_articles": (1_000, 10_000)}
FULL = {"extract_articles": 300, "parallel_articles": 800, "ingest_relations": 100_000,
        "graphml_relations": 100_000, "neo4j_relations": 20_000, "neo4j_per_row": 1_000,
        "query_relations": 100_000, "query_runs": 21, "query_budget_s": 30.0,
        "viz_nodes": 5_000, "viz_edges": 20_000, "memory_articles": (1_000, 10_000)}
GOALS = {"extraction": (">=", 0.25), "extraction_parse": (">=", 0.8),
         "parallel": (">=", 1.6), "parallel_cluster": (">=", 0.85),
         "parallel_cluster_memory": ("<=", 1.1), "embedded_ingest": (">=", 0.3),
         "graphml": ("<=", 1.5), "neo4j_load": (">=", 0.5), "neo4j_load_per_row": (">=", 10.0),
         "memory": ("<=", 1.1)}
EXTRACTION_TURN = 20  # articles per turn when ours and spaCy's take turns (bench_extraction)
MARKER = "GeokgBenchmarkDatabase"
SEED = 7


def _now() -> float:
    return time.perf_counter()


@contextlib.contextmanager
def _clock(into: dict[str, float], key: str) -> Iterator[None]:
    started = _now()
    try:
        yield
    finally:
        into[key] = _now() - started


def _back_to_back(first: Callable[[], object], second: Callable[[], object], pairs: int,
                  before_each: Callable[[], object] | None = None
                  ) -> tuple[list[float], list[float]]:
    """Seconds of each run of `first` and of `second`, run back to back in `pairs` pairs (in
    turn which goes first; `before_each` runs off the clock before every run). A slow spell
    of this shared machine lasts seconds, so it mostly hits both runs of a pair: compare the
    median of the pairs' ratios, where best-of-N of each side could pick runs from different
    spells."""
    seconds: tuple[list[float], list[float]] = ([], [])
    for pair in range(pairs):
        for side in (0, 1) if pair % 2 == 0 else (1, 0):
            if before_each is not None:
                before_each()
            started = _now()
            (first, second)[side]()
            seconds[side].append(_now() - started)
    return seconds


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _round(value: Any, digits: int = 3) -> Any:
    if isinstance(value, float):
        return round(value, digits) if abs(value) >= 1 else float(f"{value:.{digits}g}")
    if isinstance(value, dict):
        return {k: _round(v, digits) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v, digits) for v in value]
    return value


# -- machine ---------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What this ran on."""
    info: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                            "cpus": os.cpu_count(), "sqlite": sqlite3.sqlite_version}
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    with contextlib.suppress(AttributeError):
        info["usable_cpus"] = len(os.sched_getaffinity(0))
    for package in ("networkx", "spacy", "neo4j", "kglite", "lxml"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            info[package] = version(package)
    return info


# -- extraction ------------------------------------------------------------------------------


def bench_extraction(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Words/s of geokg extraction vs spaCy's blank English tokenizer on the same texts.

    Both are warmed on the first article, then timed in turns of `EXTRACTION_TURN`
    articles (ours, then spaCy's on the same texts): a slow spell of this shared machine
    then slows both alike instead of landing on one side only, and a turn is long enough
    for each to run with its own data in the CPU caches."""
    from geokg.extract.extractor import Extractor

    articles = list(synthetic.articles(sizes["extract_articles"], SEED))
    texts = [a.text for a in articles]
    words = _words(texts)
    times: dict[str, float] = {}
    with _clock(times, "init"):
        extractor = Extractor()
        extractor.rules.compile_all()  # else each rule compiles when a sentence first needs it
        extractor.extract(articles[0])  # the first call compiles a few more patterns
        extractor.forget()  # timed, every sentence is met afresh (see `geokg.extract.memo`)
    try:
        import spacy
    except ImportError:
        spacy = None
    tokenizer = None
    if spacy is not None:
        tokenizer = spacy.blank("en").tokenizer
        tokenizer(texts[0])  # warmed on the same first article as ours
    timed = _in_turns(
        articles, lambda turn: sum(len(extractor.extract(a).relations) for a in turn),
        None if tokenizer is None else lambda turn: sum(len(tokenizer(a.text)) for a in turn))
    result: dict[str, Any] = {"articles": len(articles), "words": words,
                              "extractor_init_s": times["init"], **_rates(timed, words)}
    if spacy is None:
        result["note"] = "spaCy not installed (pip install -e '.[bench]'): no baseline"
        return result
    result["spacy_version"] = spacy.__version__
    return result


def _in_turns(articles: list[Any], ours: Callable[[list[Any]], int],
              theirs: Callable[[list[Any]], int] | None) -> dict[str, float]:
    """`ours` then `theirs` (each given a turn of `EXTRACTION_TURN` articles, returning a
    count: relations, tokens) in alternation over `articles`: each side's wall and CPU
    seconds and the sum of its counts (`theirs` None: ours alone)."""
    sides = [run for run in (ours, theirs) if run is not None]
    counts, wall, cpu = [0] * len(sides), [0.0] * len(sides), [0.0] * len(sides)
    for first in range(0, len(articles), EXTRACTION_TURN):
        turn = articles[first:first + EXTRACTION_TURN]
        for side, run in enumerate(sides):
            started, cpu_started = _now(), time.process_time()
            counts[side] += run(turn)
            wall[side] += _now() - started
            cpu[side] += time.process_time() - cpu_started
    timed = {"relations": counts[0], "ours_s": wall[0], "ours_cpu_s": cpu[0]}
    if theirs is not None:
        timed.update({"spacy_tokens": counts[1], "spacy_s": wall[1], "spacy_cpu_s": cpu[1]})
    return timed


def _rates(timed: dict[str, float], words: int) -> dict[str, float]:
    """`timed` (`_in_turns`) with words/s and the ratios spaCy / ours (wall and CPU)."""
    rates = {**timed, "ours_words_per_s": words / timed["ours_s"]}
    if "spacy_s" in timed:
        rates.update({"spacy_words_per_s": words / timed["spacy_s"],
                      "ratio": timed["spacy_s"] / timed["ours_s"],
                      "cpu_ratio": timed["spacy_cpu_s"] / timed["ours_cpu_s"]})
    return rates


def bench_extraction_parse(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Words/s of the parse engine vs the same spaCy pipeline's `nlp.pipe` alone on the same
    texts (the ratio says how much our frames, actors and dates add to the parse itself).

    Taken in turns of `EXTRACTION_TURN` articles as in `bench_extraction`; ours is warmed on
    the first articles, and spaCy's caches on all of them (see below). Without a spaCy model
    the result says so and has no ratio."""
    from geokg.extract.parse.engine import ParseExtractor
    from geokg.extract.parse.model import find_model, missing_message

    model = find_model()
    if model is None:
        return {"skipped": f"parse engine: {missing_message()}"}
    articles = list(synthetic.articles(sizes["extract_articles"], SEED))
    words = _words([a.text for a in articles])
    times: dict[str, float] = {}
    with _clock(times, "init"):
        extractor = ParseExtractor(model)
        extractor.backoff.compile_all()  # as the rules engine's in `bench_extraction`
        list(extractor.extract_many(articles[:2]))
        extractor.forget()  # timed, every sentence is met afresh (its parse too)
    nlp = extractor.nlp
    # spaCy's own caches (vocabulary, tokenizer, lemmatizer) are filled on all the texts
    # first: timed in turns, the side going first would fill them for the other (ours went
    # first and paid about 10% of the parse for both). Neither side pays for them now.
    list(nlp.pipe(a.text for a in articles))
    def ours(turn: list[Any]) -> int:
        return sum(len(f.relations) for f in extractor.extract_many(turn))

    def theirs(turn: list[Any]) -> int:
        return sum(len(doc) for doc in nlp.pipe(a.text for a in turn))

    timed = _in_turns(articles, ours, theirs)
    result = {"articles": len(articles), "words": words, "model": extractor.label,
              "extractor_init_s": times["init"], **_rates(timed, words),
              **_parse_shares(nlp, articles, timed)}
    distinct = _distinct_sentences(articles)
    extractor.forget()
    distinct_words = _words([a.text for a in distinct])
    rates = _rates(_in_turns(distinct, ours, theirs), distinct_words)
    result["distinct"] = {"articles": len(distinct), "words": distinct_words,
                          **{k: rates[k] for k in ("ours_words_per_s", "spacy_words_per_s",
                                                   "ratio", "cpu_ratio")}}
    return result


def _distinct_sentences(articles: list[Any]) -> list[Any]:
    """The articles without the sentences met earlier in the corpus. The synthetic articles
    repeat 15-18% of their sentences within a turn, which the parse engine's memory of recent
    parses (`geokg.extract.parse.parses`) does not parse again while `nlp.pipe` does: on these
    the ratio says what our work costs on text that never repeats itself."""
    from geokg.extract.sentences import split_sentences

    seen: set[str] = set()
    kept = []
    for article in articles:
        sentences = [s.text for s in split_sentences(article.text) if s.text not in seen]
        seen.update(sentences)
        if sentences:
            kept.append(article.model_copy(update={"text": " ".join(sentences)}))
    return kept


def _parse_shares(nlp: Any, articles: list[Any], timed: dict[str, float]) -> dict[str, float]:
    """What the parse engine's time is made of, in CPU seconds: spaCy parsing the articles'
    sentences one Doc each, as the engine feeds them (a sentence repeated within a turn, one
    batch, once), and the rest, our own work (`ours_work_cpu_s`). Timed after the main
    measurement (which it must not disturb), in turns with nlp.pipe on the whole articles:
    `sentence_parse_ratio` (articles / sentences) is the best `cpu_ratio` an engine that
    parses sentence by sentence could reach."""
    from geokg.extract.parse.engine import BATCH_SIZE
    from geokg.extract.sentences import split_sentences

    split = {a.id: [s.text for s in split_sentences(a.text)] for a in articles}
    parses = _in_turns(
        articles, lambda turn: sum(len(doc) for doc in nlp.pipe(
            dict.fromkeys(s for a in turn for s in split[a.id]), batch_size=BATCH_SIZE)),
        lambda turn: sum(len(doc) for doc in nlp.pipe(a.text for a in turn)))
    ratio = parses["spacy_cpu_s"] / parses["ours_cpu_s"]
    work = timed["ours_cpu_s"] - timed["spacy_cpu_s"] / ratio
    return {"sentence_parse_ratio": ratio, "ours_work_cpu_s": work,
            "ours_work_share": work / timed["ours_cpu_s"]}


PARALLEL_PAIRS = 5  # (--jobs 1, --jobs 2) pairs run back to back in bench_parallel


def bench_parallel(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Extraction with --jobs 2 vs --jobs 1 (the pipeline's own code path, pool start-up
    included; the extractor is built once beforehand, as the CLI's parent does).

    The ratio is the median of the ratios of `PARALLEL_PAIRS` back-to-back pairs (see
    `_back_to_back`); each run meets the articles' repeated sentences afresh."""
    import resource

    from geokg.extract.extractor import Extractor
    from geokg.pipeline import RunReport, extract_articles

    articles = list(synthetic.articles(sizes["parallel_articles"], SEED + 1))
    extractor = Extractor()
    extractor.extract(articles[0])
    list(extract_articles(iter(articles[:8]), RunReport(), extractor, jobs=2))  # warm-up
    cpu: dict[int, list[float]] = {1: [], 2: []}  # CPU seconds of each run, with workers
    outputs = {}

    def run(jobs: int) -> None:
        before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN)]
        outputs[jobs] = list(extract_articles(iter(articles), RunReport(), extractor,
                                              jobs=jobs))  # compared once, after the last pair
        after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN)]
        cpu[jobs].append(sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
                             for a, b in zip(after, before, strict=True)))

    seconds = dict(zip((1, 2), _back_to_back(lambda: run(1), lambda: run(2), PARALLEL_PAIRS,
                                             before_each=extractor.forget), strict=True))
    fastest = {jobs: min(range(PARALLEL_PAIRS), key=times.__getitem__)
               for jobs, times in seconds.items()}
    best = {jobs: seconds[jobs][fastest[jobs]] for jobs in seconds}
    cpu_of_best = {jobs: cpu[jobs][fastest[jobs]] for jobs in cpu}
    pairs = [one / two for one, two in zip(seconds[1], seconds[2], strict=True)]
    words = _words([a.text for a in articles])
    return {"articles": len(articles), "words": words, "jobs1_s": best[1], "jobs2_s": best[2],
            "jobs1_words_per_s": words / best[1], "jobs2_words_per_s": words / best[2],
            "jobs1_cpu_s": cpu_of_best[1], "jobs2_cpu_s": cpu_of_best[2],
            "jobs2_cpus_busy": cpu_of_best[2] / best[2],
            "identical": [f.public() for f in outputs[1]] == [f.public() for f in outputs[2]],
            "usable_cpus": machine().get("usable_cpus"), "pair_ratios": pairs,
            "ratio_of_best": best[1] / best[2], "ratio": statistics.median(pairs)}


CLUSTER_SHARD_FILES = 32  # files per cluster task in bench_parallel_cluster (25 tasks)


def bench_parallel_cluster(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """A local Dask cluster of 2 worker processes vs --jobs 2 on the same files, and the
    peak memory of its workers on a small and a 10x larger corpus."""
    from distributed import Client, LocalCluster

    from geokg.cluster.run import cluster_fragments
    from geokg.cluster.runner import worker_extractor
    from geokg.extract.extractor import Extractor
    from geokg.parallel import WARM_UP
    from geokg.pipeline import RunReport, extract_articles, list_files, read_articles

    count = sizes["parallel_articles"]
    corpus = synthetic.write_corpus(work / "corpus", count, SEED + 1)
    words = _words([a.text for a in synthetic.articles(count, SEED + 1)])
    extractor = Extractor()
    extractor.extract(WARM_UP)
    outputs: dict[str, list] = {}

    def jobs() -> None:
        report = RunReport()
        files = read_articles(list_files([corpus], report), report)
        outputs["jobs"] = [f.public() for f in extract_articles(files, report, extractor, 2)]

    started = _now()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: bool(worker_extractor()))
        start_s = _now() - started

        def on_cluster() -> None:
            fragments = cluster_fragments([corpus], RunReport(), cluster.scheduler_address,
                                          shard_files=CLUSTER_SHARD_FILES)
            outputs["cluster"] = [f.public() for f in fragments]

        def forget() -> None:  # every run meets the repeated sentences afresh
            extractor.forget()
            client.run(lambda: worker_extractor().forget())

        seconds = _back_to_back(jobs, on_cluster, PARALLEL_PAIRS, before_each=forget)
    pairs = [one / other for one, other in zip(*seconds, strict=True)]
    best = {"jobs": min(seconds[0]), "cluster": min(seconds[1])}
    result: dict[str, Any] = {
        "articles": count, "words": words, "shard_files": CLUSTER_SHARD_FILES,
        "cluster_start_s": start_s, "jobs2_s": best["jobs"], "cluster_s": best["cluster"],
        "jobs2_words_per_s": words / best["jobs"], "cluster_words_per_s": words / best["cluster"],
        "identical": outputs["jobs"] == outputs["cluster"], "pair_ratios": pairs,
        "ratio": statistics.median(pairs)}
    result["memory"] = _cluster_memory(sizes, work)
    result["memory_ratio"] = result["memory"]["ratio"]
    return result


def _cluster_memory(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Peak RSS per worker of `geokg extract --cluster local:2 --format parquet` on a small
    and a 10x larger corpus."""
    small, large = sizes["memory_articles"]
    small_corpus, corpus = _memory_corpora(work, small, large)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result: dict[str, Any] = {}
    for label, count, folder in (("small", small, small_corpus), ("large", large, corpus)):
        command = [sys.executable, "-c", "from geokg.cli import run; run()", "extract",
                   "--cluster", "local:2", "--format", "parquet", "--shard-files", "100",
                   "--out", str(work / f"tables-{label}"), str(folder)]
        measured = _peak_rss(command, env, per_child=True)
        result[label] = {"articles": count, **measured}
    result["ratio"] = (result["large"]["peak_rss_per_worker_mb"]
                       / result["small"]["peak_rss_per_worker_mb"])
    return result


# -- embedded store --------------------------------------------------------------------------


def raw_sqlite_load(path: Path, rows: list[raw_rows.Rows], per_article: bool = True) -> float:
    """Seconds for executemany of the rows (`raw_rows.rows`) into the embedded store's schema."""
    conn = raw_rows.connect(path, "NORMAL")
    started = _now()
    if not per_article:
        conn.execute("BEGIN IMMEDIATE")
    for group in rows:
        if per_article:
            conn.execute("BEGIN IMMEDIATE")
        raw_rows.write(conn, group)
        if per_article:
            conn.execute("COMMIT")
    if not per_article:
        conn.execute("COMMIT")
    elapsed = _now() - started
    conn.close()
    return elapsed


def bench_embedded_ingest(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Relations/s of EmbeddedStore.upsert (one transaction per article) vs raw executemany."""
    from geokg.graph.embedded import EmbeddedStore

    fragments = list(synthetic.fragments(sizes["ingest_relations"], SEED))
    relations = sum(len(f.relations) for f in fragments)
    rows = [raw_rows.rows(f) for f in fragments]
    times: dict[str, float] = {}
    path = work / "ingest.db"
    with EmbeddedStore(path) as store, _clock(times, "ours"):
        for fragment in fragments:
            store.upsert(fragment)
    with EmbeddedStore(path) as store:
        stored = store.stats()["relations"]
        with _clock(times, "again"):  # re-ingesting: every edge exists, nothing is added
            for fragment in fragments[: max(1, len(fragments) // 10)]:
                store.upsert(fragment)
    raw = raw_sqlite_load(work / "raw.db", rows, per_article=True)
    raw_bulk = raw_sqlite_load(work / "raw-bulk.db", rows, per_article=False)
    return {"articles": len(fragments), "relations": relations, "stored_relations": stored,
            "ours_s": times["ours"], "ours_relations_per_s": relations / times["ours"],
            "reingest_relations_per_s": sum(len(f.relations) for f in
                                            fragments[: max(1, len(fragments) // 10)])
            / times["again"],
            "raw_s": raw, "raw_relations_per_s": relations / raw,
            "raw_one_transaction_relations_per_s": relations / raw_bulk,
            "ratio": (relations / times["ours"]) / (relations / raw)}


# -- GraphML ---------------------------------------------------------------------------------


GRAPHML_PAIRS = 7  # (ours, networkx) pairs run back to back in bench_graphml, in turn first


def bench_graphml(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """`geokg export graphml` (the export function on the store's graph) vs networkx writing
    the equivalent prebuilt graph. The ratio is the median of the ratios of `GRAPHML_PAIRS`
    back-to-back pairs (see `_back_to_back`): this machine's speed drifts 15-40% within
    seconds."""
    import networkx as nx

    from geokg.exports.graphml import graphml_graph, write_graphml
    from geokg.graph.embedded import EmbeddedStore
    from geokg.graph.network import to_networkx
    from geokg.graph.selection import Selection, select

    path = work / "graphml.db"
    with EmbeddedStore(path) as store:
        for fragment in synthetic.fragments(sizes["graphml_relations"], SEED + 2):
            store.upsert(fragment)
        times: dict[str, float] = {}
        with _clock(times, "load"):
            fragment = store.load()
            graph = select(to_networkx(fragment.entities, fragment.relations,
                                       fragment.articles), Selection())
    prebuilt = graphml_graph(graph)
    ours, theirs = _back_to_back(
        lambda: write_graphml(graph, work / "ours.graphml"),
        lambda: nx.write_graphml(prebuilt, work / "networkx.graphml", infer_numeric_types=True),
        GRAPHML_PAIRS)
    times["ours"], times["networkx"] = min(ours), min(theirs)
    pairs = [one / two for one, two in zip(ours, theirs, strict=True)]
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "load_s": times["load"], "ours_s": times["ours"], "networkx_s": times["networkx"],
            "bytes": (work / "ours.graphml").stat().st_size,
            "same_bytes": (work / "ours.graphml").read_bytes()
            == (work / "networkx.graphml").read_bytes(),
            "pair_ratios": pairs, "ratio_of_best": times["ours"] / times["networkx"],
            "ratio": statistics.median(pairs)}


# -- Neo4j -----------------------------------------------------------------------------------


def _neo4j_settings() -> dict[str, Any] | None:
    if not (os.environ.get("NEO4J_URI") or os.environ.get("NEO4J_PASSWORD")):
        return None
    return {"uri": os.environ.get("NEO4J_URI") or "bolt://localhost:7687",
            "user": os.environ.get("NEO4J_USERNAME") or "neo4j",
            "password": os.environ.get("NEO4J_PASSWORD"),
            "database": os.environ.get("NEO4J_DATABASE") or None}


class Neo4jBench:
    """A raw driver on the benchmark's database, refusing one that holds other data."""

    def __init__(self, settings: dict[str, Any]) -> None:
        import neo4j

        self.settings = settings
        self.driver = neo4j.GraphDatabase.driver(
            settings["uri"], auth=(settings["user"], settings["password"]),
            notifications_min_severity="OFF")
        self.driver.verify_connectivity()
        self.database = settings["database"]

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(query, params, database_=self.database)
        return [dict(r) for r in records]

    def auto(self, query: str, **params: Any) -> None:
        """An auto-commit query (needed by CALL ... IN TRANSACTIONS)."""
        with self.driver.session(database=self.database) as session:
            session.run(query, params).consume()

    def claim(self) -> None:
        """Mark the database as the benchmark's; refuse one holding data we did not write."""
        if not self.run(f"MATCH (m:{MARKER}) RETURN m LIMIT 1"):
            count = self.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
            if count:
                raise RuntimeError(f"the Neo4j database at {self.settings['uri']} holds {count} "
                                   f"nodes this benchmark did not write; it wipes its "
                                   f"database, so point NEO4J_URI at a throwaway server")
            self.run(f"CREATE (:{MARKER})")

    def wipe(self) -> None:
        self.auto(f"MATCH (n) WHERE NOT n:{MARKER} CALL {{ WITH n DETACH DELETE n }} "
                  f"IN TRANSACTIONS OF 5000 ROWS")

    def import_dir(self) -> Path | None:
        rows = self.run("SHOW SETTINGS YIELD name, value WHERE name IN "
                        "['server.directories.import', "
                        "'dbms.security.allow_csv_import_from_file_urls'] RETURN name, value")
        values = {r["name"]: r["value"] for r in rows}
        folder = values.get("server.directories.import")
        if values.get("dbms.security.allow_csv_import_from_file_urls") != "true" or not folder:
            return None
        path = Path(folder)
        with contextlib.suppress(OSError):  # a local server may not have made it yet
            path.mkdir(parents=True, exist_ok=True)
        if not path.is_dir() or not os.access(path, os.W_OK):
            return None
        return path

    def relation_count(self) -> int:
        return self.run("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")[0]["n"]

    def close(self) -> None:
        self.driver.close()


SEP = "\u001f"  # joins list items in a CSV cell (never in the data)
_LOAD_ENTITIES = """LOAD CSV WITH HEADERS FROM $url AS row
CALL { WITH row
  MERGE (n:Entity {id: row.id})
  ON CREATE SET n.name = row.name, n.type = row.type, n.aliases = split(row.aliases, $sep),
                n.roles = [], n.country = row.country, n.wikidata = row.wikidata
  SET n:$(row.type)
} IN TRANSACTIONS OF 1000 ROWS"""
_LOAD_ARTICLES = """LOAD CSV WITH HEADERS FROM $url AS row
CALL { WITH row
  MERGE (a:Article {id: row.id})
  ON CREATE SET a.title = row.title, a.url = row.url, a.published = row.published,
                a.source = row.source
} IN TRANSACTIONS OF 1000 ROWS"""
_LOAD_RELATIONS = """LOAD CSV WITH HEADERS FROM $url AS row
CALL { WITH row
  MATCH (s:Entity {id: row.source}) MATCH (t:Entity {id: row.target})
  WITH row, s, t, split(row.evidence, $sep) AS evidence
  MERGE (s)-[r:TYPE {date: coalesce(row.date, "")}]->(t)
  ON CREATE SET r.type = row.type, r.category = row.category, r.status = row.status,
                r.confidence = toFloat(row.confidence), r.properties = row.properties,
                r.date_start = date(row.date_start), r.date_end = date(row.date_end),
                r.evidence = evidence, r.articles = split(row.articles, $sep)
  ON MATCH SET r.evidence = r.evidence + [x IN evidence WHERE NOT x IN r.evidence]
} IN TRANSACTIONS OF 1000 ROWS"""
_LOAD_MENTIONS = """LOAD CSV WITH HEADERS FROM $url AS row
CALL { WITH row
  MATCH (a:Article {id: row.article}) MATCH (e:Entity {id: row.entity})
  MERGE (a)-[:MENTIONS]->(e)
} IN TRANSACTIONS OF 1000 ROWS"""
_PER_ROW = """MERGE (s:Entity {id: $source}) ON CREATE SET s += $source_props, s:$($source_label)
MERGE (t:Entity {id: $target}) ON CREATE SET t += $target_props, t:$($target_label)
MERGE (s)-[r:TYPE {date: $date}]->(t)
ON CREATE SET r += $props
ON MATCH SET r.evidence = r.evidence + [x IN $props.evidence WHERE NOT x IN r.evidence]"""


def _csv_files(fragments: list[Any], folder: Path) -> dict[str, Any]:
    """The fragments' rows as CSV files (the same rows the store writes): entities, articles,
    mentions, and relations split by type (`files["relations"][TYPE]`): Cypher takes a
    relationship type only as a literal, and Neo4j 5.26 plans a MERGE with a dynamic type
    `$(row.type)` as a scan of all relationships, which makes LOAD CSV quadratic."""
    from geokg.graph.values import relation_props

    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Any] = {name: folder / f"{name}.csv"
                             for name in ("entities", "articles", "mentions")}
    files["relations"] = {}
    with contextlib.ExitStack() as stack:
        writers = {name: csv.writer(stack.enter_context(files[name].open(
            "w", newline="", encoding="utf-8"))) for name in ("entities", "articles", "mentions")}

        def relation_writer(rtype: str) -> Any:
            if rtype not in writers:
                path = files["relations"][rtype] = folder / f"relations-{rtype}.csv"
                writers[rtype] = csv.writer(stack.enter_context(path.open(
                    "w", newline="", encoding="utf-8")))
                writers[rtype].writerow(["source", "target", "type", "date", "category",
                                         "status", "confidence", "properties", "date_start",
                                         "date_end", "evidence", "articles"])
            return writers[rtype]

        writers["entities"].writerow(["id", "name", "type", "aliases", "country", "wikidata"])
        writers["articles"].writerow(["id", "title", "url", "published", "source"])
        writers["mentions"].writerow(["article", "entity"])
        for fragment in fragments:
            for e in fragment.entities:
                writers["entities"].writerow([e.id, e.name, e.type.value, SEP.join(e.aliases),
                                              e.country, e.wikidata])
            for a in fragment.articles:
                writers["articles"].writerow([a.id, a.title, a.url, a.published, a.source])
            for r in fragment.relations:
                p = relation_props(r)
                relation_writer(r.type).writerow([
                    r.source, r.target, r.type, r.date or "", p["category"], p["status"],
                    p["confidence"], p["properties"], p["date_start"], p["date_end"],
                    SEP.join(p["evidence"]), SEP.join(p["articles"])])
            for article, entity in sorted({(fragment.articles[0].id, end)
                                           for r in fragment.relations
                                           for end in (r.source, r.target)}):
                writers["mentions"].writerow([article, entity])
    return files


def bench_neo4j_load(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Relations/s of the Neo4j store vs LOAD CSV (same MERGE semantics) vs one MERGE per row."""
    settings = _neo4j_settings()
    if settings is None:
        return {"skipped": "no Neo4j configured (set NEO4J_URI / NEO4J_PASSWORD)"}
    from geokg.graph.neo4j_store import Neo4jStore
    from geokg.graph.store import DEFAULT_BATCH
    from geokg.graph.values import entity_props, relation_props

    bench = Neo4jBench(settings)
    try:
        bench.claim()
        fragments = list(synthetic.fragments(sizes["neo4j_relations"], SEED + 3))
        relations = sum(len(f.relations) for f in fragments)
        keys = len({r.key for f in fragments for r in f.relations})
        result: dict[str, Any] = {"articles": len(fragments), "relations": relations,
                                  "distinct_relations": keys}
        times: dict[str, float] = {}
        # ours: Neo4jStore.upsert_many, streaming, as `geokg ingest` writes (default --batch),
        # then with one transaction per article (--batch 1) for reference
        for key, batch in (("ours", DEFAULT_BATCH), ("ours_batch1", 1)):
            bench.wipe()
            store = Neo4jStore(settings["uri"], settings["user"], settings["password"],
                               settings["database"])
            try:
                store.stats()  # connect and create the schema outside the timing
                with _clock(times, key):
                    store.upsert_many(iter(fragments), batch=batch)
            finally:
                store.close()
            result.update({f"{key}_s": times[key],
                           f"{key}_relations_per_s": relations / times[key],
                           f"{key}_stored": bench.relation_count()})
        result["batch"] = DEFAULT_BATCH
        # LOAD CSV, the same rows and MERGE semantics, server side, 1,000 rows a transaction
        folder = bench.import_dir()
        if folder is None:
            result["load_csv_note"] = ("the server's import folder is not writable here or "
                                       "file URLs are off: no LOAD CSV baseline")
        else:
            sub = folder / f"geokg-bench-{os.getpid()}"
            try:
                files = _csv_files(fragments, sub)
                bench.wipe()
                steps = [(_LOAD_ENTITIES, files["entities"]), (_LOAD_ARTICLES, files["articles"])]
                steps += [(_LOAD_RELATIONS.replace("TYPE", rtype), path)
                          for rtype, path in sorted(files["relations"].items())]
                steps.append((_LOAD_MENTIONS, files["mentions"]))
                with _clock(times, "load_csv"):
                    for statement, path in steps:
                        bench.auto(statement, url=f"file:///{sub.name}/{path.name}", sep=SEP)
                result.update({"load_csv_s": times["load_csv"],
                               "load_csv_relations_per_s": relations / times["load_csv"],
                               "load_csv_stored": bench.relation_count(),
                               "ratio": times["load_csv"] / times["ours"]})
            finally:
                shutil.rmtree(sub, ignore_errors=True)
        # one MERGE per row, each its own transaction (on a subset: it is slow)
        bench.wipe()
        rows = []
        for fragment in fragments:
            entities = {e.id: e for e in fragment.entities}
            for r in fragment.relations:
                props = relation_props(r)
                props = {k: v for k, v in props.items() if v is not None}
                props["date"] = r.date or ""
                s, t = entities[r.source], entities[r.target]
                rows.append({"source": s.id, "target": t.id, "type": r.type,
                             "date": r.date or "", "props": props,
                             "source_props": {k: v for k, v in entity_props(s).items()
                                              if v is not None}, "source_label": s.type.value,
                             "target_props": {k: v for k, v in entity_props(t).items()
                                              if v is not None}, "target_label": t.type.value})
        subset = rows[: sizes["neo4j_per_row"]]
        with _clock(times, "per_row"), bench.driver.session(database=bench.database) as session:
            for row in subset:
                session.run(_PER_ROW.replace("TYPE", row["type"]), row).consume()
        per_row = len(subset) / times["per_row"]
        result.update({"per_row_rows": len(subset), "per_row_s": times["per_row"],
                       "per_row_relations_per_s": per_row,
                       "ratio_per_row": (relations / times["ours"]) / per_row})
        bench.wipe()
        return result
    finally:
        bench.close()


# -- queries ---------------------------------------------------------------------------------


def _query_params() -> dict[str, dict[str, Any]]:
    from geokg.queries.catalog import bind, list_queries

    return {q.name: bind(q, {p.name: p.example for p in q.params}) for q in list_queries()}


def _latencies(run: Callable[[], Any], runs: int, budget_s: float) -> dict[str, Any]:
    """p50/p95 over `runs` runs after a warm-up run; a query whose warm-up took longer than
    `budget_s` is not repeated (its one time is reported, with runs = 1)."""
    started = _now()
    rows = len(run())
    first = _now() - started
    if first > budget_s:
        return {"p50_ms": first * 1000, "p95_ms": first * 1000, "rows": rows, "runs": 1}
    samples = []
    for _ in range(runs):
        started = _now()
        rows = len(run())
        samples.append((_now() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"p50_ms": statistics.median(samples), "p95_ms": p95, "rows": rows, "runs": runs}


def bench_queries(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """p50/p95 of every canned query on both stores, same graph."""
    from geokg.graph.embedded import EmbeddedStore
    from geokg.queries.catalog import get_query

    fragments = list(synthetic.fragments(sizes["query_relations"], SEED + 4))
    params = _query_params()
    runs = sizes["query_runs"]
    result: dict[str, Any] = {"relations": sum(len(f.relations) for f in fragments),
                              "articles": len(fragments), "runs": runs}
    times: dict[str, float] = {}
    with EmbeddedStore(work / "queries.db") as store:
        with _clock(times, "fill"):
            for fragment in fragments:
                store.upsert(fragment)
        stats = store.stats()
        result.update({"entities": stats["entities"], "stored_relations": stats["relations"]})
        embedded: dict[str, Any] = {"fill_s": times["fill"]}
        with _clock(times, "build"):
            store.cypher("RETURN 1 AS one")
        embedded["first_query_build_s"] = times["build"]
        for name, values in params.items():
            cypher = get_query(name).cypher
            try:
                embedded[name] = _latencies(lambda c=cypher, v=values: store.cypher(c, v), runs,
                                            sizes["query_budget_s"])
            except Exception as exc:  # noqa: BLE001 - report and go on
                embedded[name] = {"error": str(exc).splitlines()[0][:200]}
        result["embedded"] = embedded
    settings = _neo4j_settings()
    if settings is None:
        result["neo4j"] = {"skipped": "no Neo4j configured"}
        return result
    from geokg.graph.neo4j_store import Neo4jStore

    bench = Neo4jBench(settings)
    try:
        bench.claim()
        bench.wipe()
        store = Neo4jStore(settings["uri"], settings["user"], settings["password"],
                           settings["database"])
        try:
            with _clock(times, "neo4j_fill"):
                for fragment in fragments:
                    store.upsert(fragment)
            remote: dict[str, Any] = {"fill_s": times["neo4j_fill"]}
            for name, values in params.items():
                cypher = get_query(name).cypher
                try:
                    remote[name] = _latencies(lambda c=cypher, v=values: store.cypher(c, v),
                                              runs, sizes["query_budget_s"])
                except Exception as exc:  # noqa: BLE001
                    remote[name] = {"error": str(exc).splitlines()[0][:200]}
            result["neo4j"] = remote
        finally:
            store.close()
        bench.wipe()
    finally:
        bench.close()
    return result


# -- viz -------------------------------------------------------------------------------------


def viz_graph(nodes: int, edges: int, seed: int = SEED) -> Any:
    """A graph of exactly `nodes` nodes and `edges` edges (every node used) for the map."""
    import random

    from geokg.graph.model import Article, Evidence, Relation
    from geokg.graph.network import to_networkx
    from geokg.graph.vocabulary import load_vocabulary

    rng = random.Random(seed)
    entities = synthetic._extra_entities(nodes, rng)
    vocabulary = load_vocabulary()
    types = sorted(vocabulary.actions)
    relations: dict[tuple, Relation] = {}
    index = 0
    while len(relations) < edges:
        source = entities[index % nodes] if index < nodes else entities[
            min(int(nodes * rng.random() ** 2), nodes - 1)]
        target = entities[min(int(nodes * rng.random() ** 2), nodes - 1)]
        index += 1
        if source.id == target.id:
            continue
        rtype = rng.choice(types)
        day = synthetic.START + dt.timedelta(days=rng.randrange(synthetic.DAYS))
        sentence = f"{source.name} {rtype.lower()} {target.name}."
        relation = Relation(source=source.id, target=target.id, type=rtype,
                            category=vocabulary.category(rtype), date=day.isoformat(),
                            evidence=[Evidence(article="viz", sentence=sentence, start=0,
                                               end=len(sentence), rule="synthetic")])
        relations.setdefault(relation.key, relation)
    return to_networkx(entities, relations.values(), [Article(id="viz", title="Synthetic")])


def bench_viz(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Seconds to write the 5,000-node map; with Chromium, seconds to its first draw."""
    from geokg.exports.html import write_html

    graph = viz_graph(sizes["viz_nodes"], sizes["viz_edges"])
    times: dict[str, float] = {}
    path = work / "map.html"
    with _clock(times, "write"):
        write_html(graph, path)
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "write_html_s": times["write"], "bytes": path.stat().st_size, **first_draw(path)}


def first_draw(path: Path) -> dict[str, Any]:
    """A written map opened in headless Chromium (offline, 1280x800): seconds from navigation
    to its first drawn frame, that frame's time in the page (ms), and the browser's CPU
    seconds meanwhile; without Chromium or Playwright, {"browser": why not}."""
    import psutil

    chromium = os.environ.get("GEOKG_CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"browser": "playwright not installed: no draw time"}
    if not Path(chromium).exists():
        return {"browser": f"no Chromium at {chromium}: no draw time"}

    def browser_cpu() -> float:
        seconds = 0.0
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                seconds += sum(child.cpu_times()[:2])
        return seconds

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                            "--disable-background-networking", "--no-first-run"])
        try:
            page = browser.new_context(offline=True, viewport={"width": 1280,
                                                                "height": 800}).new_page()
            cpu, started = browser_cpu(), _now()
            page.goto(path.resolve().as_uri(), timeout=300_000)
            while not page.evaluate("window.geokg && window.geokg.drawn"):
                if _now() - started > 300:
                    return {"browser": "not drawn within 300 s"}
                page.wait_for_timeout(20)
            return {"first_draw_s": _now() - started,
                    "first_draw_ms_in_page": page.evaluate("geokg.firstDrawMs"),
                    "first_draw_cpu_s": browser_cpu() - cpu}
        finally:
            browser.close()


# -- memory ----------------------------------------------------------------------------------


def _peak_rss(command: list[str], env: dict[str, str], per_child: bool = False
              ) -> dict[str, Any]:
    """Run `command`; the peak RSS of it alone and of it with its children (MB), sampled
    (`per_child`: also the largest peak of any one child process, e.g. a Dask worker)."""
    import psutil

    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak_self = peak_tree = 0
    peak_child: dict[int, int] = {}
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    started = _now()
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            own = watched.memory_info().rss
            tree = own
            for child in watched.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    rss = child.memory_info().rss
                    tree += rss
                    peak_child[child.pid] = max(peak_child.get(child.pid, 0), rss)
            peak_self, peak_tree = max(peak_self, own), max(peak_tree, tree)
        time.sleep(0.05)
    elapsed = _now() - started
    reader.join(timeout=5)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}... exited {process.returncode}: "
                           f"{''.join(stderr).strip().splitlines()[-1:]}")
    result = {"peak_rss_mb": peak_self / 2**20, "peak_rss_with_workers_mb": peak_tree / 2**20,
              "seconds": elapsed}
    if per_child:
        result["peak_rss_per_worker_mb"] = max(peak_child.values(), default=0) / 2**20
    return result


def _memory_corpora(work: Path, small: int, large: int) -> tuple[Path, Path]:
    """Folders of the first `small` and of all `large` synthetic articles of the memory
    measurements."""
    corpus = work / "memory-corpus"
    synthetic.write_corpus(corpus, large, SEED + 5)
    small_corpus = work / "memory-small"
    small_corpus.mkdir()
    for index, path in enumerate(sorted(corpus.rglob("*.txt"))):
        if index >= small:
            break
        shutil.copy(path, small_corpus / path.name)
    return small_corpus, corpus


def bench_memory(sizes: dict[str, Any], work: Path) -> dict[str, Any]:
    """Peak RSS of `geokg ingest --jobs 2` on a small and a 10x larger corpus."""
    small, large = sizes["memory_articles"]
    result: dict[str, Any] = {}
    small_corpus, corpus = _memory_corpora(work, small, large)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for label, count, folder in (("small", small, small_corpus), ("large", large, corpus)):
        db = work / f"memory-{label}.db"
        command = [sys.executable, "-c", "from geokg.cli import run; run()", "--db", str(db),
                   "ingest", "--quiet", "--jobs", "2", str(folder)]
        measured = _peak_rss(command, env)
        result[label] = {"articles": count, **measured,
                         "articles_per_s": count / measured["seconds"]}
    result["ratio"] = result["large"]["peak_rss_mb"] / result["small"]["peak_rss_mb"]
    result["ratio_with_workers"] = (result["large"]["peak_rss_with_workers_mb"]
                                    / result["small"]["peak_rss_with_workers_mb"])
    return result


# -- driver ----------------------------------------------------------------------------------

BENCHES: dict[str, Callable[[dict[str, Any], Path], dict[str, Any]]] = {
    "extraction": bench_extraction, "extraction_parse": bench_extraction_parse,
    "parallel": bench_parallel, "parallel_cluster": bench_parallel_cluster,
    "embedded_ingest": bench_embedded_ingest, "graphml": bench_graphml,
    "neo4j_load": bench_neo4j_load, "queries": bench_queries, "viz": bench_viz,
    "memory": bench_memory}


def _verdict(key: str, value: float | None) -> str:
    if key not in GOALS or value is None:
        return ""
    op, goal = GOALS[key]
    ok = value >= goal if op == ">=" else value <= goal
    return f"{op} {goal:g} {'ok' if ok else 'MISSED'}"


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        text = f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
    else:
        text = str(value)
    return text + unit


def table(results: dict[str, Any]) -> str:
    """The human-readable summary."""
    lines = [f"geokg speed ({results['mode']} mode) on {results['machine'].get('cpu', '?')}, "
             f"{results['machine'].get('usable_cpus', results['machine'].get('cpus'))} CPUs, "
             f"Python {results['machine']['python']}",
             f"{'measurement':<20} {'geokg':>18} {'baseline':>22} {'ratio':>8}  goal"]

    def row(name: str, ours: str, base: str, ratio: float | None, key: str) -> None:
        lines.append(f"{name:<20} {ours:>18} {base:>22} {_fmt(ratio):>8}  {_verdict(key, ratio)}")

    r = results
    if "error" in r.get("extraction", {}) or "extraction" not in r:
        lines.append(f"{'extraction':<20} {r.get('extraction', {}).get('error', 'not run')}")
    else:
        e = r["extraction"]
        row("extraction", _fmt(e["ours_words_per_s"], " w/s"),
            _fmt(e.get("spacy_words_per_s"), " w/s spaCy tok"), e.get("ratio"), "extraction")
    for name, key, ours, base, label in (
            ("extraction_parse", "extraction_parse", "ours_words_per_s", "spacy_words_per_s",
             " w/s nlp.pipe"),
            ("parallel", "parallel", "jobs2_words_per_s", "jobs1_words_per_s", " w/s 1 job"),
            ("embedded_ingest", "embedded_ingest", "ours_relations_per_s",
             "raw_relations_per_s", " rel/s sqlite3"),
            ("graphml", "graphml", "ours_s", "networkx_s", " s networkx"),
            ("neo4j_load", "neo4j_load", "ours_relations_per_s", "load_csv_relations_per_s",
             " rel/s LOAD CSV")):
        m = r.get(name)
        if m is None:
            continue
        if "error" in m or "skipped" in m:
            lines.append(f"{name:<20} {m.get('error') or m.get('skipped')}")
            continue
        unit = " s" if name == "graphml" else (" w/s" if name in {"parallel",
                                                                    "extraction_parse"}
                                               else " rel/s")
        row(name, _fmt(m.get(ours), unit), _fmt(m.get(base), label), m.get("ratio"), key)
        if name == "extraction_parse" and "distinct" in m:
            d = m["distinct"]
            row("  distinct sentences", _fmt(d["ours_words_per_s"], unit),
                _fmt(d["spacy_words_per_s"], label), d["ratio"], key)
        if name == "neo4j_load":
            row("  vs MERGE per row", "", _fmt(m.get("per_row_relations_per_s"), " rel/s"),
                m.get("ratio_per_row"), "neo4j_load_per_row")
    c = r.get("parallel_cluster")
    if c and "error" not in c:
        row("parallel_cluster", _fmt(c["cluster_words_per_s"], " w/s"),
            _fmt(c["jobs2_words_per_s"], " w/s --jobs 2"), c["ratio"], "parallel_cluster")
        m = c["memory"]
        row("  worker peak RSS", f"{_fmt(m['large']['peak_rss_per_worker_mb'])} MB",
            f"{_fmt(m['small']['peak_rss_per_worker_mb'])} MB at 1/10", m["ratio"],
            "parallel_cluster_memory")
    elif c:
        lines.append(f"parallel_cluster: {c['error']}")
    q = r.get("queries")
    if q and "error" not in q:
        lines.append(f"queries on {q['relations']:,} relations, {q.get('entities', 0):,} "
                     f"entities ({q['runs']} runs each after a warm-up): p50 / p95 ms")
        names = [k for k in q["embedded"] if isinstance(q["embedded"][k], dict)]
        for name in names:
            cells = []
            for where in ("embedded", "neo4j"):
                m = q.get(where, {}).get(name)
                if not isinstance(m, dict):
                    cells.append(f"{where}: -")
                elif "error" in m:
                    cells.append(f"{where}: error")
                else:
                    once = " (1 run: slow)" if m.get("runs") == 1 else ""
                    cells.append(f"{where}: {_fmt(m['p50_ms'])} / {_fmt(m['p95_ms'])}{once}")
            lines.append(f"  {name:<18} " + "   ".join(cells))
    elif q:
        lines.append(f"queries: {q['error']}")
    v = r.get("viz")
    if v and "error" not in v:
        draw = (f", first draw {_fmt(v['first_draw_s'])} s" if "first_draw_s" in v
                else f" ({v.get('browser', '')})")
        lines.append(f"viz: {v['nodes']:,} nodes / {v['edges']:,} edges, write_html "
                     f"{_fmt(v['write_html_s'])} s{draw}")
    elif v:
        lines.append(f"viz: {v['error']}")
    m = r.get("memory")
    if m and "error" not in m:
        lines.append(f"memory (ingest --jobs 2): {m['small']['articles']:,} articles "
                     f"{_fmt(m['small']['peak_rss_mb'])} MB, {m['large']['articles']:,} articles "
                     f"{_fmt(m['large']['peak_rss_mb'])} MB (with workers "
                     f"{_fmt(m['small']['peak_rss_with_workers_mb'])} / "
                     f"{_fmt(m['large']['peak_rss_with_workers_mb'])} MB); ratio "
                     f"{_fmt(m['ratio'])}  {_verdict('memory', m['ratio'])}")
    elif m:
        lines.append(f"memory: {m['error']}")
    lines.append(f"total {results['seconds']:.0f} s")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="geokg speed and scale benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a few minutes)")
    parser.add_argument("--out", default="benchmarks-speed.json", help="JSON results file")
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHES)}")
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    names = [n.strip() for n in args.only.split(",")] if args.only else list(BENCHES)
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}")
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full",
                               "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                               "machine": machine(),
                               "sizes": {k: list(v) if isinstance(v, tuple) else v
                                         for k, v in sizes.items()}}
    started = _now()
    with contextlib.ExitStack() as stack:
        if args.keep:
            root = Path(args.keep)
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="geokg-bench-")))
        for name in names:
            work = root / name
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            print(f"[{_now() - started:6.1f}s] {name} ...", file=sys.stderr, flush=True)
            t0 = _now()
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
            try:
                results[name] = BENCHES[name](sizes, work)
            except Exception as exc:  # noqa: BLE001 - one failing measurement must not hide the rest
                results[name] = {"error": f"{type(exc).__name__}: "
                                          f"{(str(exc).splitlines() or [''])[0][:300]}"}
            results[name]["bench_s"] = _now() - t0
            results[name]["load_average_before"] = load
    results["seconds"] = _now() - started
    results = _round(results)
    print(table(results))
    Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
