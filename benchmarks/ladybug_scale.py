"""A candidate replacement for kglite at scale (issue 16), measured on a scale-benchmark store:
the store's graph, with the same properties as geokg's kglite graph (`values.relation_props`:
`date_start` / `date_end` as dates, the evidence as parallel lists), in a Ladybug database
(the maintained fork of Kuzu: an embedded Cypher database kept on disk, nothing loaded whole),
then the scale benchmark's two questions, each in a new process.

    pip install ladybug   # not a dependency of geokg
    python -m benchmarks.ladybug_scale STORE.db OUT_DIR [--runs 3]

Ladybug needs a schema: Entity and Article node tables, one relationship table per relation
type (Entity to Entity) and MENTIONS (Article to Entity). Its Cypher differs from Neo4j's
where the canned queries rely on it: `startNode(r)`, `endNode(r)`, `type(r)` and
`duration.between` do not exist (`label(r)` names the type), so `actor_timeline` is written
here as the union of its two directions. Prints one JSON object: build seconds and, per
question, the medians of wall and CPU seconds, peak RSS and the rows (the same counts as
geokg's answers on the store).

Measured on the 1M benchmark store (load average 6 on 2 cores, medians of 3): actor_timeline
0.83 s wall, 0.41 s CPU, 132 MB peak RSS, 9,727 rows (`geokg query` on kglite: 3.9 s CPU,
690 MB); the SANCTIONED statement 0.35 s, 0.17 s CPU, 98 MB, 36 rows (`geokg cypher`: 3.15 s
CPU, 605 MB). The database takes 394 MB; building it from the store took 420 s. Adding 500
relationships (an ingest of about 100 articles) by COPY from a data frame, checkpoint included,
took 2.5 s CPU and 249 MB in one process (500 single-row CREATEs matched by id, 1 ms each;
but one `UNWIND $rows ... MATCH (s {id: row.s}), (t {id: row.t}) CREATE` took 29 s CPU), and a
reader opened beside the writer saw its committed rows. Not measured: geokg's own start-up
on top (about 0.3 s), readers during a long write.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

# A relationship table's properties and their types, in the order COPY reads its columns.
PROPERTIES = {"date": "STRING", "date_start": "DATE", "date_end": "DATE",
              "category": "STRING", "status": "STRING", "confidence": "DOUBLE",
              "properties": "STRING", "sentences": "STRING[]", "articles": "STRING[]",
              "article_ids": "STRING[]", "urls": "STRING[]", "published": "STRING[]",
              "rules": "STRING[]", "starts": "INT64[]", "ends": "INT64[]", "dates": "STRING[]"}
_ACTOR = ("MATCH (a:Entity) WHERE a.id = $actor OR lower(a.name) = lower($actor) "
          "OR list_contains(a.aliases, $actor) ")
_ROW = ("RETURN DISTINCT r.`date` AS date, {s}.name AS source, label(r) AS action, "
        "{t}.name AS target, r.status AS status, size(r.sentences) AS evidence")
QUESTIONS = {
    "query": (_ACTOR + "MATCH (a)-[r]->(t:Entity) WHERE r.`date` IS NOT NULL "
              + _ROW.format(s="a", t="t") + " UNION " + _ACTOR
              + "MATCH (s:Entity)-[r]->(a) WHERE r.`date` IS NOT NULL "
              + _ROW.format(s="s", t="a"), {"actor": "gustavo-petro"}),
    "cypher": ("MATCH (s:Entity {id: 'united-states'})-[r:SANCTIONED]->(t:Entity) "
               "RETURN t.name AS target, r.`date` AS date ORDER BY date, target", {}),
}
# Run in a new process: open the database read-only, ask one question, report as JSON.
ASKER = """
import json, sys, time
wall, cpu = time.perf_counter(), time.process_time()
import ladybug
connection = ladybug.Connection(ladybug.Database(sys.argv[1], read_only=True))
rows = connection.execute(sys.argv[2], json.loads(sys.argv[3])).get_all()
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(json.dumps({"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
                  "peak_rss_mb": int(status["VmHWM"].split()[0]) // 1024, "rows": len(rows)}))
"""


def build(store: Path, out: Path) -> None:
    """The store's graph as a Ladybug database at `out` (which must not exist)."""
    import ladybug
    import pandas as pd

    from geokg.graph.graph_file import _all_relations, _article_rows, _entity_rows

    cur = sqlite3.connect(f"file:{store}?mode=ro", uri=True).cursor()
    entities = pd.DataFrame([{k: props[k] for k in ("id", "name", "type", "aliases")}
                             for _, props in _entity_rows(cur)])
    article_rows = list(_article_rows(cur))
    articles = pd.DataFrame(article_rows).drop(columns=["source"])
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rtype, row in _all_relations(cur, {a["id"]: a for a in article_rows}):
        by_type[rtype].append({"from": row["source"], "to": row["target"], **row["props"]})
    mentions = pd.DataFrame(cur.execute("SELECT article_id, entity_id FROM mentions").fetchall(),
                            columns=["from", "to"])
    connection = ladybug.Connection(ladybug.Database(str(out)))
    connection.execute("CREATE NODE TABLE Entity(id STRING PRIMARY KEY, name STRING, "
                       "type STRING, aliases STRING[])")
    connection.execute("CREATE NODE TABLE Article(id STRING PRIMARY KEY, title STRING, "
                       "url STRING, published STRING)")
    connection.execute("COPY Entity FROM $frame", {"frame": entities})
    connection.execute("COPY Article FROM $frame", {"frame": articles})
    columns = ", ".join(f"`{name}` {kind}" for name, kind in PROPERTIES.items())
    for rtype, rows in by_type.items():  # types are the vocabulary's UPPER_SNAKE names
        connection.execute(f"CREATE REL TABLE {rtype}(FROM Entity TO Entity, {columns})")
        frame = pd.DataFrame(rows, columns=["from", "to", *PROPERTIES])
        connection.execute(f"COPY {rtype} FROM $frame", {"frame": frame})
    connection.execute("CREATE REL TABLE MENTIONS(FROM Article TO Entity)")
    connection.execute("COPY MENTIONS FROM $frame", {"frame": mentions})


def ask(out: Path, statement: str, params: dict[str, Any], runs: int) -> dict[str, float]:
    """Medians of `runs` new processes asking `statement` of the database at `out`."""
    results = [json.loads(subprocess.run(
        [sys.executable, "-c", ASKER, str(out), statement, json.dumps(params)],
        check=True, capture_output=True, text=True).stdout) for _ in range(runs)]
    return {key: round(statistics.median(r[key] for r in results), 3) for key in results[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a geokg SQLite store")
    parser.add_argument("out", type=Path, help="the Ladybug database to build (or reuse)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    if not args.out.exists():
        started = time.perf_counter()
        build(args.store, args.out)
        report["build_s"] = round(time.perf_counter() - started, 1)
    for name, (statement, params) in QUESTIONS.items():
        report[name] = ask(args.out, statement, params, args.runs)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
