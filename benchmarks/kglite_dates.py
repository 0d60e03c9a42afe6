"""The smallest reproduction of why a disk-mode kglite graph with Cypher dates on its
relationships loads slowly (issue 16), for an upstream report and to re-check a new kglite.

    python -m benchmarks.kglite_dates [--edges 100000] [--runs 3]

Builds two disk-mode graphs of the same `--edges` relationships between 10% as many nodes,
through Cypher only (`UNWIND ... CREATE`): every relationship carries a string `date`, a
`status` and a `confidence`; in the second, also `date_start` and `date_end` as Cypher dates
(`date(...)`), as geokg's graph does. Each is then loaded by `kglite.load` in a new process;
the script prints one JSON object: kglite's version and, per shape, the median load CPU and
wall seconds and the process's peak RSS, split into anonymous and file-backed memory.

Measured with kglite 0.21.2 at 100k edges: 0.02 s CPU without the dates, 0.09 s with them;
at 1M, 0.13 against 0.86-0.92 s (load average 7-8 on 2 cores). The cause, read in kglite's
source (`src/graph/storage/disk/edge_properties.rs`): every disk load scans each
relationship's property slot for legacy node references (`collect_edge_changes`). A fast
probe reads the Postcard bytes without allocating, but it has no case for a date (`Value`
variant 5, written as a 10-byte ISO string after its tag), so any slot holding a date is
decoded in full instead: every string and list of the relationship allocated, the date
strings parsed, then dropped. A probe that skips a date's string, or a snapshot that records
that it holds no node reference (so the scan is skipped), would remove the cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SHAPES = {
    "without_dates": "SET r.date = row.date, r.status = 'asserted', r.confidence = 0.7",
    "with_dates": ("SET r.date = row.date, r.status = 'asserted', r.confidence = 0.7, "
                   "r.date_start = date(row.date), r.date_end = date(row.date)"),
}
BATCH = 50_000
# Run in a new process: load the graph, then report CPU, wall and memory as JSON.
LOADER = """
import json, resource, sys, time
import kglite
wall, cpu = time.perf_counter(), time.process_time()
kglite.load(sys.argv[1])
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
mb = lambda key: int(status[key].split()[0]) // 1024
print(json.dumps({"cpu_s": cpu, "wall_s": wall, "peak_rss_mb": mb("VmHWM"),
                  "rss_anon_mb": mb("RssAnon"), "rss_file_mb": mb("RssFile")}))
"""


def build(path: Path, edges: int, props: str) -> None:
    """A disk-mode graph at `path`: `edges` relationships, each with the properties `props`
    sets from its row."""
    import kglite

    graph = kglite.KnowledgeGraph()
    nodes = max(edges // 10, 2)
    graph.cypher("UNWIND range(0, $n - 1) AS i CREATE (:Entity {id: 'e' + toString(i)})",
                 params={"n": nodes})
    graph.create_index("Entity", "id")
    statement = ("UNWIND $rows AS row MATCH (s:Entity {id: row.s}) MATCH (t:Entity {id: row.t}) "
                 f"CREATE (s)-[r:ACTED]->(t) {props}")
    for first in range(0, edges, BATCH):
        rows = [{"s": f"e{i % nodes}", "t": f"e{(i * 7 + 1) % nodes}",
                 "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}
                for i in range(first, min(first + BATCH, edges))]
        graph.cypher(statement, params={"rows": rows})
    graph.enable_disk_mode(str(path))


def measure(path: Path, runs: int) -> dict[str, float]:
    """Medians of `runs` loads of `path`, each in a new process."""
    results = [json.loads(subprocess.run([sys.executable, "-c", LOADER, str(path)],
                                         check=True, capture_output=True, text=True).stdout)
               for _ in range(runs)]
    return {key: round(statistics.median(r[key] for r in results), 3) for key in results[0]}


def main(argv: list[str] | None = None) -> int:
    import kglite

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    report: dict[str, object] = {"kglite": kglite.__version__, "edges": args.edges}
    with tempfile.TemporaryDirectory(prefix="kglite-dates-") as work:
        for shape, props in SHAPES.items():
            path = Path(work) / shape
            build(path, args.edges, props)
            report[shape] = measure(path, args.runs)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
