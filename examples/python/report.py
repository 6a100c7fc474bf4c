#!/usr/bin/python3
"""A report on a Prefect database from Python: failing flow runs and their artifacts.

    /usr/bin/python3 examples/python/report.py [PREFECT_DB]      (default dist/demo.db)

Bodies are Python dicts sent as JSON (json.dumps), exactly the bodies Prefect's
REST API takes; everything else is ordinary SQL. The database is opened
read-only. The functions return plain rows, so the report can be imported.
"""
import json
import sqlite3
import sys

import sqlite_prefect

FAILING = {"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}


def connect(path):
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sqlite_prefect.load(conn)
    return conn


def totals(conn):
    """(failing runs, their artifacts): POST /flow_runs/count and /artifacts/count."""
    body = json.dumps(FAILING)
    runs = conn.execute("SELECT count(*) FROM flow_runs(?)", [body]).fetchone()[0]
    artifacts = conn.execute("SELECT count(*) FROM artifacts(?)", [body]).fetchone()[0]
    return runs, artifacts


def failing_per_flow(conn):
    """(flow, failing runs, their artifacts), most failing runs first."""
    return conn.execute("""
        SELECT f.name, count(DISTINCT r.id), count(a.id)
          FROM flow_runs(?) AS r
          JOIN flows AS f ON f.id = r.flow_id
          LEFT JOIN artifacts AS a ON a.flow_run_id = r.id
         GROUP BY f.name ORDER BY count(DISTINCT r.id) DESC, f.name""", [json.dumps(FAILING)]).fetchall()


def latest_failing_runs(conn, limit=5):
    """The latest failing runs (sort START_TIME_DESC), each as (start, flow,
    run, state, [(key, type) of its artifacts, oldest first])."""
    body = dict(FAILING, sort="START_TIME_DESC", limit=limit)
    runs = conn.execute("""
        SELECT r.id, substr(r.start_time, 1, 16), f.name, r.name, r.state_name
          FROM flow_runs(?) AS r JOIN flows AS f ON f.id = r.flow_id
         ORDER BY r.start_time DESC""", [json.dumps(body)]).fetchall()
    return [(start, flow, name, state,
             conn.execute("SELECT key, type FROM artifacts WHERE flow_run_id = ? ORDER BY created",
                          [run_id]).fetchall())
            for run_id, start, flow, name, state in runs]


def artifacts_per_day(conn, days=7):
    """(day, artifacts) for the last `days` days that have artifacts."""
    return conn.execute("""
        SELECT substr(created, 1, 10) AS day, count(*) FROM artifacts
         GROUP BY day ORDER BY day DESC LIMIT ?""", [days]).fetchall()[::-1]


def main(argv):
    path = argv[1] if len(argv) > 1 else "dist/demo.db"
    conn = connect(path)
    runs, artifacts = totals(conn)
    print(f"Failing flow runs in {path}: {runs} runs, {artifacts} artifacts")
    print()
    print(f"{'flow':<20} {'failing runs':>12} {'artifacts':>9}")
    for flow, n_runs, n_artifacts in failing_per_flow(conn):
        print(f"{flow:<20} {n_runs:>12} {n_artifacts:>9}")
    print()
    print("The latest failing runs")
    for start, flow, name, state, run_artifacts in latest_failing_runs(conn):
        listed = ", ".join(key or f"({type_})" for key, type_ in run_artifacts) or "no artifacts"
        print(f"{start}  {flow}/{name}  {state}: {listed}")
    print()
    print("Artifacts per day")
    per_day = artifacts_per_day(conn)
    top = max(n for _, n in per_day)
    for day, n in per_day:
        print(f"{day} {n:>5} {'#' * round(40 * n / top)}")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
