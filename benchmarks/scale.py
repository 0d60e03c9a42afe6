"""`python -m benchmarks --only scale`: the embedded store at 10k, 100k and 1M relations, as
the user feels it: every command is a new `geokg` process, timed wall to wall with its peak
RSS (sampled), beside the same questions on Neo4j (a new `geokg --store neo4j` process) and in
sqlite3 (a new `sqlite3` process).

    python -m benchmarks --only scale [--sizes 10k,100k,1m] [--runs 3] [--keep DIR]
        [--commands query,cypher,served,auto,stats,viz,graphml,push,ingest] [--out FILE.json]

Stores are synthetic (`benchmarks.synthetic.fragments`, seed 7) and written by a bulk path
(`bulk_store`): the embedded store's schema and rows (`benchmarks.raw_rows`), inserted with
executemany in large transactions. It differs from `geokg ingest` only where two reports of
one (source, type, target) come at different precisions (ingest merges them into the finer
edge, the bulk path keeps both); it writes no change log for its rows (the store's log starts
after them, as for a store made before the log existed). Stores are cached under the work
folder (`--keep DIR`, default a temp dir) by size.

Per size: `query` (canned `actor_timeline`), `cypher` (a statement), `served` (the same two
while a `geokg serve` of the store runs: new client processes, the server's load time, CPU
per command and peak RSS beside the client's), `auto` (the same two with no server at
first, as a user runs them: on a store of `GEOKG_SERVE_FROM` relations or more the first
command starts a background server and waits for it, `geokg.graph.serve_start`; the other
cases run with that off), `stats`, `viz`,
`export graphml`, `push` (when NEO4J_URI is set; the Neo4j database is wiped first), and
`ingest` (100 new articles through `geokg ingest --engine rules`, then the first query;
again with a server running). The load average before and after each size is reported.
The first `query` of a fresh store builds the graph file (`first_s`); the runs after it
load the file (`p50_s`). The `viz` row adds the map's first draw in headless Chromium.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import raw_rows, synthetic
from benchmarks.speed import _neo4j_settings, first_draw

SEED = 7
SIZES = {"10k": 10_000, "100k": 100_000, "300k": 300_000, "1m": 1_000_000}
COMMANDS = ("query", "cypher", "served", "auto", "stats", "viz", "graphml", "push", "ingest")
ACTOR = "gustavo-petro"
CYPHER = ("MATCH (s:Entity {id: 'united-states'})-[r:SANCTIONED]->(t:Entity) "
          "RETURN t.name AS target, r.date AS date ORDER BY date, target")
QUERY = ("query", "actor_timeline", "-p", f"actor={ACTOR}", "--format", "csv")
SQL_QUERY = (  # actor_timeline for one actor id
    "SELECT DISTINCT r.date, s.name, r.type, t.name, r.status, "
    "(SELECT count(*) FROM evidence e WHERE e.relation = r.id) AS n "
    "FROM relations r JOIN entities s ON s.id = r.source JOIN entities t ON t.id = r.target "
    f"WHERE r.date <> '' AND (r.source = '{ACTOR}' OR r.target = '{ACTOR}') "
    "ORDER BY 1, 2, 3, 4, 5, 6;")
SQL_CYPHER = ("SELECT t.name, r.date FROM relations r JOIN entities t ON t.id = r.target "
              "WHERE r.source = 'united-states' AND r.type = 'SANCTIONED' ORDER BY 2, 1;")
SQL_STATS = ("SELECT count(*) FROM articles; SELECT count(*) FROM entities; "
             "SELECT count(*) FROM relations; SELECT type, count(*) FROM entities GROUP BY type; "
             "SELECT type, count(*) FROM relations GROUP BY type;")


def bulk_store(path: Path, relations: int, seed: int = SEED, per_transaction: int = 1000
               ) -> dict[str, Any]:
    """Write a synthetic store of `relations` relations at `path` (see the module doc)."""
    from geokg.graph.embedded import EmbeddedStore

    started = time.perf_counter()
    conn = raw_rows.connect(path, "OFF")
    transactions = 0
    conn.execute("BEGIN IMMEDIATE")
    for index, fragment in enumerate(synthetic.fragments(relations, seed)):
        raw_rows.write(conn, raw_rows.rows(fragment))
        if index % per_transaction == per_transaction - 1:
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                         "WHERE key = 'changes'")
            conn.execute("COMMIT")
            transactions += 1
            conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'changes'")
    conn.execute("COMMIT")
    conn.close()
    EmbeddedStore(path).close()  # the change log and store id, from here on
    counts = _sqlite_counts(path)
    return {"seconds": time.perf_counter() - started, **counts,
            "bytes": path.stat().st_size}


def _sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entities", "relations", "evidence")}
    finally:
        conn.close()


def _store(work: Path, size: str) -> Path:
    path = work / f"scale-{size}.db"
    if not path.exists():
        tmp = work / f"scale-{size}.tmp.db"
        for leftover in work.glob(f"scale-{size}.tmp.db*"):
            leftover.unlink()
        print(f"  building the {size} store ...", file=sys.stderr, flush=True)
        info = bulk_store(tmp, SIZES[size])
        (work / f"scale-{size}.json").write_text(json.dumps(info))
        for suffix in ("-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        tmp.rename(path)
    return path


def _geokg(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from geokg.cli import main; sys.exit(main())",
            *args]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    # An installed geokg runs from compiled bytecode: without it every process compiles the
    # modules it imports again (10k query: 0.61 s CPU instead of 0.50 s)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["GEOKG_SERVE_FROM"] = "0"  # measured alone (or asking the server a case started)
    env.update(extra)
    return env


TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def _run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB, the kernel's own count) of
    one process, with its children. The peak RSS comes from GNU time when there is one: a
    process started straight from this one inherits this one's peak in its own count (Linux
    keeps the peak across exec), which hid every client below ~40 MB."""
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        process = subprocess.Popen([TIME, "-f", "%M", "-o", rss.name, *command] if TIME
                                   else command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        measured = rss.read().split()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[-6:])} exited {process.returncode}: "
                           f"{stderr.strip().splitlines()[-1:]}")
    peak_kb = int(measured[-1]) if TIME and measured and measured[-1].isdigit() \
        else usage.ru_maxrss
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": peak_kb / 1024}


def _measure(command: list[str], runs: int, env: dict[str, str] | None = None
             ) -> dict[str, Any]:
    """p50 / max wall seconds, p50 CPU seconds and the largest peak RSS (MB) of `runs` new
    processes (CPU time does not grow when other work shares the cores; wall time does)."""
    done = [_run(command, env or _env()) for _ in range(runs)]
    return {"p50_s": statistics.median(d["wall"] for d in done),
            "max_s": max(d["wall"] for d in done),
            "cpu_p50_s": statistics.median(d["cpu"] for d in done),
            "peak_rss_mb": max(d["rss"] for d in done), "runs": runs}


def _graph_files(db: Path) -> None:
    shutil.rmtree(db.with_name(db.name + ".graph"), ignore_errors=True)


def bench_size(work: Path, size: str, commands: list[str], runs: int) -> dict[str, Any]:
    db = _store(work, size)
    result: dict[str, Any] = {"relations": SIZES[size],
                              "store": json.loads((work / f"scale-{size}.json").read_text()),
                              "load_average_before": os.getloadavg()[:2]}
    base = ["--db", str(db)]
    sqlite = shutil.which("sqlite3")
    if "query" in commands:
        _graph_files(db)
        query = _geokg(*base, *QUERY)
        first = _measure(query, 1)
        result["query"] = {**_measure(query, runs), "first_s": first["p50_s"],
                           "first_cpu_s": first["cpu_p50_s"],
                           "first_peak_rss_mb": first["peak_rss_mb"]}
        if sqlite:
            result["query"]["sqlite3"] = _measure([sqlite, str(db), SQL_QUERY], runs)
    if "cypher" in commands:
        result["cypher"] = _measure(_geokg(*base, "cypher", CYPHER, "--format", "csv"), runs)
        if sqlite:
            result["cypher"]["sqlite3"] = _measure([sqlite, str(db), SQL_CYPHER], runs)
    if "served" in commands:
        result["served"] = _served_case(db, base, runs)
    if "auto" in commands:
        result["auto"] = _auto_case(db, base, runs)
    if "stats" in commands:
        result["stats"] = _measure(_geokg(*base, "stats"), runs)
        if sqlite:
            result["stats"]["sqlite3"] = _measure([sqlite, str(db), SQL_STATS], runs)
    out = work / "out"
    out.mkdir(exist_ok=True)
    for name, args in (("viz", ["viz", "--out", str(out / f"{size}.html"), "--force"]),
                       ("graphml", ["export", "graphml", str(out / f"{size}.graphml"),
                                    "--force"])):
        if name in commands:
            try:
                result[name] = _measure(_geokg(*base, *args), 1)
                produced = out / (f"{size}.html" if name == "viz" else f"{size}.graphml")
                result[name]["bytes"] = produced.stat().st_size if produced.exists() else None
                if name == "viz" and produced.exists():
                    result[name].update(first_draw(produced))
            except RuntimeError as exc:
                result[name] = {"error": str(exc)}
    if "push" in commands and _neo4j_settings():
        result["push"] = _push(db, base)
    if "ingest" in commands:
        result["ingest"] = _ingest(work, db, base, size)
    result["load_average_after"] = os.getloadavg()[:2]
    return result


def _push(db: Path, base: list[str]) -> dict[str, Any]:
    from benchmarks.speed import Neo4jBench

    settings = _neo4j_settings()
    bench = Neo4jBench(settings)
    try:
        bench.claim()
        bench.wipe()
    finally:
        bench.close()
    try:
        pushed = _measure(_geokg(*base, "push"), 1)
    except RuntimeError as exc:
        return {"error": str(exc)}
    neo = ["--store", "neo4j"]
    pushed["neo4j_query"] = _measure(_geokg(*neo, "query", "actor_timeline", "-p",
                                            f"actor={ACTOR}", "--format", "csv"), 3)
    pushed["neo4j_cypher"] = _measure(_geokg(*neo, "cypher", CYPHER, "--format", "csv"), 3)
    return pushed


def _ingest(work: Path, db: Path, base: list[str], size: str) -> dict[str, Any]:
    """100 new articles into a copy of the store, then the first query (and a second); the
    same again with a `geokg serve` of the copy running through the ingest and queries."""
    corpus = work / "ingest-100"
    if not corpus.exists():
        synthetic.write_corpus(corpus, 100, seed=SEED + 1)
    result = _ingest_once(work, db, corpus, size, served=False)
    result["served"] = _ingest_once(work, db, corpus, size, served=True)
    return result


def _ingest_once(work: Path, db: Path, corpus: Path, size: str, served: bool
                 ) -> dict[str, Any]:
    copy = work / f"ingest-{size}.db"
    for path in work.glob(f"ingest-{size}.db*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copy(db, copy)
    graph = db.with_name(db.name + ".graph")
    if graph.is_dir():
        shutil.copytree(graph, copy.with_name(copy.name + ".graph"),
                        ignore=shutil.ignore_patterns("serve.*", ".tmp-*"))
    copied = ["--db", str(copy)]
    query = _geokg(*copied, *QUERY)
    with _server(copy) if served else contextlib.nullcontext({}) as server:
        ingest = _measure(_geokg(*copied, "ingest", str(corpus), "--engine", "rules",
                                 "--quiet"), 1)
        before = _proc_cpu(server["pid"]) if served else 0.0
        first = _measure(query, 1)
        if served:  # the catch-up and the query ran in the server
            server["first_query_server_cpu_s"] = _proc_cpu(server["pid"]) - before
        second = _measure(query, 1)
    return {"ingest_s": ingest["p50_s"], "ingest_peak_rss_mb": ingest["peak_rss_mb"],
            "first_query_s": first["p50_s"], "first_query_cpu_s": first["cpu_p50_s"],
            "first_query_peak_rss_mb": first["peak_rss_mb"],
            "second_query_s": second["p50_s"], **server}


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proc_memory(pid: int) -> dict[str, float]:
    """A running server's peak RSS (VmHWM) and its resident memory now, split into anonymous
    (its own) and file-backed (pages of the mapped graph files, shared with every process
    that maps them and dropped by the kernel under pressure), in MB (Linux)."""
    fields = dict(line.split(":", 1) for line in
                  Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    names = {"VmHWM": "server_peak_rss_mb", "RssAnon": "server_rss_anon_mb",
             "RssFile": "server_rss_file_mb"}
    return {name: int(fields[key].split()[0]) / 1024 if key in fields else float("nan")
            for key, name in names.items()}


@contextlib.contextmanager
def _server(db: Path) -> Iterator[dict[str, Any]]:
    """A `geokg serve` of `db` from the moment it answers until the block ends; the dict
    gets its load time, and at the end its CPU seconds and peak RSS so far."""
    from geokg.graph.serve_socket import ask, socket_path

    log = db.with_name(db.name + ".serve.log")
    started = time.perf_counter()
    with open(log, "w") as err:
        server = subprocess.Popen(_geokg("--db", str(db), "serve"), env=_env(),
                                  stdout=subprocess.DEVNULL, stderr=err)
    info: dict[str, Any] = {}
    try:
        while ask(socket_path(db), {"ping": True}) is None:
            if server.poll() is not None:
                raise RuntimeError(f"geokg serve exited: {log.read_text().strip()[-200:]}")
            time.sleep(0.05)
        info.update(server_load_s=time.perf_counter() - started,
                    server_load_cpu_s=_proc_cpu(server.pid), pid=server.pid)
        yield info
        info.update(server_cpu_s=_proc_cpu(server.pid), **_proc_memory(server.pid))
    finally:
        info.pop("pid", None)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _served_case(db: Path, base: list[str], runs: int) -> dict[str, Any]:
    """`query` and `cypher` as new client processes while a `geokg serve` of the store runs
    (its CPU per command reported beside the client's own)."""
    result: dict[str, Any] = {}
    with _server(db) as server:
        for name, args in (("query", QUERY), ("cypher", ("cypher", CYPHER, "--format", "csv"))):
            before = _proc_cpu(server["pid"])
            result[name] = _measure(_geokg(*base, *args), runs)
            result[name]["server_cpu_per_run_s"] = (_proc_cpu(server["pid"]) - before) / runs
    result.update(server)
    return result


def _auto_case(db: Path, base: list[str], runs: int) -> dict[str, Any]:
    """`query` then `cypher` as new processes with the default `GEOKG_SERVE_FROM` and no
    server running: the first command of a large store starts one (its wall time includes the
    server's load) and the others ask it; the server is stopped at the end."""
    from geokg.graph.serve_socket import ask, socket_path
    from geokg.graph.serve_start import DEFAULT_FROM

    env = _env(GEOKG_SERVE_FROM=str(DEFAULT_FROM))
    query = _geokg(*base, *QUERY)
    result: dict[str, Any] = {"first": _measure(query, 1, env)}
    reply = ask(socket_path(db), {"ping": True})
    pid = reply["pid"] if reply else None
    try:
        result["query"] = _measure(query, runs, env)
        result["cypher"] = _measure(_geokg(*base, "cypher", CYPHER, "--format", "csv"), runs,
                                    env)
        if pid:
            result.update(server_cpu_s=_proc_cpu(pid), **_proc_memory(pid))
    finally:
        if pid:
            os.kill(pid, signal.SIGINT)
            while socket_path(db).exists() and Path(f"/proc/{pid}").exists():
                time.sleep(0.05)
    result["started_server"] = pid is not None
    return result


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(results: dict[str, Any]) -> str:
    lines = ["| relations | command | p50 wall s | p50 CPU s | peak RSS MB | first / note | "
             "sqlite3 s | Neo4j s |", "|---|---|---|---|---|---|---|---|"]
    for size, res in results["sizes"].items():
        push = res.get("push", {})
        for name in ("query", "cypher", "stats", "viz", "graphml"):
            if name not in res:
                continue
            row = res[name]
            if "error" in row:
                lines.append(f"| {size} | {name} | error | | | {row['error'][:60]} | | |")
                continue
            note = ""
            if name == "query":
                note = (f"first (builds the file) {_fmt(row['first_s'])} s wall, "
                        f"{_fmt(row['first_cpu_s'])} s CPU, "
                        f"{_fmt(row['first_peak_rss_mb'], 0)} MB")
            elif "bytes" in row and row["bytes"]:
                note = f"{row['bytes'] / 2**20:.1f} MB out"
                if "first_draw_s" in row:
                    note += (f"; first draw in Chromium {_fmt(row['first_draw_s'])} s wall, "
                             f"{_fmt(row['first_draw_cpu_s'])} s CPU")
            neo = push.get(f"neo4j_{name}", {}).get("p50_s")
            lines.append(f"| {size} | {name} | {_fmt(row['p50_s'])} | "
                         f"{_fmt(row['cpu_p50_s'])} | {_fmt(row['peak_rss_mb'], 0)} | {note} | "
                         f"{_fmt(row.get('sqlite3', {}).get('p50_s'), 3)} | {_fmt(neo)} |")
        lines += _served_rows(size, res.get("served"))
        lines += _auto_rows(size, res.get("auto"))
        if "p50_s" in push:
            lines.append(f"| {size} | push | {_fmt(push['p50_s'])} | {_fmt(push['cpu_p50_s'])} | "
                         f"{_fmt(push['peak_rss_mb'], 0)} | | | |")
        elif "error" in push:
            lines.append(f"| {size} | push | error | | | {push['error'][:60]} | | |")
        if "ingest" in res:
            ing = res["ingest"]
            lines.append(f"| {size} | query after ingest of 100 articles | "
                         f"{_fmt(ing['first_query_s'])} | {_fmt(ing['first_query_cpu_s'])} | "
                         f"{_fmt(ing['first_query_peak_rss_mb'], 0)} | ingest "
                         f"{_fmt(ing['ingest_s'])} s; next query "
                         f"{_fmt(ing['second_query_s'])} s | | |")
            lines += _served_ingest_row(size, ing.get("served"))
        lines.append(f"| {size} | load average (1, 5 min) before / after | | | | "
                     f"{_loads(res.get('load_average_before'))} / "
                     f"{_loads(res.get('load_average_after'))} | | |")
    return "\n".join(lines)


def _loads(pair: Any) -> str:
    return ", ".join(f"{x:.1f}" for x in pair) if pair else "-"


def _served_rows(size: str, served: dict[str, Any] | None) -> list[str]:
    if not served:
        return []
    rows = []
    for name in ("query", "cypher"):
        row = served[name]
        rows.append(f"| {size} | {name}, served | {_fmt(row['p50_s'])} | "
                    f"{_fmt(row['cpu_p50_s'])} | {_fmt(row['peak_rss_mb'], 0)} | server: "
                    f"+{_fmt(row['server_cpu_per_run_s'])} s CPU per command | | |")
    rows.append(f"| {size} | serve (the server) | {_fmt(served['server_load_s'])} (load) | "
                f"{_fmt(served['server_cpu_s'])} (all) | "
                f"{_fmt(served['server_peak_rss_mb'], 0)} | at the end: "
                f"{_fmt(served.get('server_rss_anon_mb'), 0)} MB its own + "
                f"{_fmt(served.get('server_rss_file_mb'), 0)} MB graph-file pages | | |")
    return rows


def _auto_rows(size: str, auto: dict[str, Any] | None) -> list[str]:
    if not auto:
        return []
    rows = []
    for name, label in (("first", "query, first (starts a server)"), ("query", "query, auto"),
                        ("cypher", "cypher, auto")):
        row = auto[name]
        rows.append(f"| {size} | {label if auto['started_server'] else name + ', no server'} | "
                    f"{_fmt(row['p50_s'])} | {_fmt(row['cpu_p50_s'])} | "
                    f"{_fmt(row['peak_rss_mb'], 0)} | | | |")
    if auto["started_server"]:
        rows.append(f"| {size} | the started server | | {_fmt(auto.get('server_cpu_s'))} "
                    f"(all) | {_fmt(auto.get('server_peak_rss_mb'), 0)} | | | |")
    return rows


def _served_ingest_row(size: str, ing: dict[str, Any] | None) -> list[str]:
    if not ing:
        return []
    return [f"| {size} | query after ingest of 100 articles, served | "
            f"{_fmt(ing['first_query_s'])} | {_fmt(ing['first_query_cpu_s'])} | "
            f"{_fmt(ing['first_query_peak_rss_mb'], 0)} | ingest {_fmt(ing['ingest_s'])} s; "
            f"next query {_fmt(ing['second_query_s'])} s; server: catch-up and query "
            f"{_fmt(ing.get('first_query_server_cpu_s'))} s CPU, peak RSS "
            f"{_fmt(ing.get('server_peak_rss_mb'), 0)} MB | | |"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks --only scale",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m",
                        help=f"comma-separated of {','.join(SIZES)}")
    parser.add_argument("--quick", action="store_true", help="--sizes 10k,100k --runs 3")
    parser.add_argument("--runs", type=int, default=5, help="processes per command")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--keep", help="work (and cache stores) in this folder")
    parser.add_argument("--out", default="benchmarks-scale.json")
    args = parser.parse_args(argv)
    sizes = ["10k", "100k"] if args.quick else [s.strip().lower() for s in args.sizes.split(",")]
    runs = 3 if args.quick else args.runs
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown} (use {','.join(SIZES)})")
    commands = [c.strip() for c in args.commands.split(",")]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="geokg-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"sizes": {}}
    try:
        for size in sizes:
            print(f"scale {size} ...", file=sys.stderr, flush=True)
            results["sizes"][size] = bench_size(work, size, commands, runs)
            Path(args.out).write_text(json.dumps(results, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    return 0
