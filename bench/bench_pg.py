"""bench_pg.py: the bench's bodies on PostgreSQL (make bench-pg).

    tests/pg/with_server.sh ... bench_pg.py bench/prefect-bench.db

Run against a server whose database holds the same rows as the SQLite
bench database (load_sqlite.py puts them there) and the functions of
CREATE EXTENSION prefect. Each body is run four ways, interleaved, in one
psql session, each as SELECT count(s) FROM (...) AS s: the rows cross no
wire, yet every row is formed whole, every column read (as the SQLite
bench reads every column of every row, and as a function must return it):

  ours (function)   SELECT count(s) FROM prefect.<collection>(body) AS s
  ours (statement)  the statement prefect.filter_sql() writes, prepared and
                    executed with its values bound (the function runs the
                    same statement with the table's own row, alias.*, for
                    the collection's columns, and plans it for its values)
  Prefect's         the statement Prefect emits on PostgreSQL (EXISTS for
                    related filters, IN lists), values written in
  IN                the IN shape an expert would also try, where it differs

"best hand-written" is the faster of the last two. Times are psql's
(\\timing), medians of the rounds; each round starts with another of the
four; nothing is asserted. Prints markdown.
Parallel workers are off for every variant: one process per query, as
on the SQLite side (a function's statement would otherwise be planned
with them as any statement is, and a statement in psql as well).
"""
import json
import re
import sqlite3
import statistics
import subprocess
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/tests/pg")
import pglib  # noqa: E402

ROUNDS = 5


def cases(data):
    def one(sql):
        return data.execute(sql).fetchone()[0]
    art = one("SELECT id FROM artifact WHERE rowid = (SELECT max(rowid) / 2 FROM artifact)")
    key = one("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 3 FROM artifact_collection)")
    key2 = one("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 5 FROM artifact_collection)")[:8]
    dep = one("SELECT deployment_id FROM flow_run WHERE deployment_id IS NOT NULL "
              "AND rowid > (SELECT max(rowid) / 2 FROM flow_run) LIMIT 1")
    run = one("SELECT flow_run_id FROM artifact WHERE flow_run_id IS NOT NULL "
              "AND rowid > (SELECT max(rowid) / 2 FROM artifact) LIMIT 1")
    offset = one("SELECT count(*) / 10 FROM artifact")
    exists = "SELECT * FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND {})"
    in_ = "SELECT * FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE {})"
    window = ("coalesce(fr.start_time, fr.expected_start_time) <= '2026-10-16 00:00:00+00' AND "
              "coalesce(fr.start_time, fr.expected_start_time) >= '2026-10-15 00:00:00+00'")
    return [
        ("point lookup by id", "artifacts", {"artifacts": {"id": {"any_": [art]}}},
         f"SELECT * FROM artifact WHERE id IN ('{art}') ORDER BY id DESC", None),
        ("latest of one key", "artifact_collections", {"artifacts": {"key": {"any_": [key]}}},
         f"SELECT * FROM artifact_collection WHERE key IN ('{key}') ORDER BY id DESC", None),
        ("key like_, limit 50", "artifacts", {"artifacts": {"key": {"like_": key2}}, "limit": 50},
         f"SELECT * FROM artifact WHERE key ILIKE '%{key2}%' ORDER BY id DESC LIMIT 50", None),
        ("type any_", "artifacts", {"artifacts": {"type": {"any_": ["progress"]}}},
         "SELECT * FROM artifact WHERE type IN ('progress')", None),
        ("flow-run state FAILED", "artifacts", {"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}},
         exists.format("fr.state_type IN ('FAILED')"), in_.format("fr.state_type IN ('FAILED')")),
        ("run tags all_ [dev]", "artifacts", {"flow_runs": {"tags": {"all_": ["dev"]}}},
         exists.format("fr.tags ?& CAST(ARRAY['dev'] AS VARCHAR[])"),
         in_.format("fr.tags ?& CAST(ARRAY['dev'] AS VARCHAR[])")),
        ("run start_time window, one day", "artifacts",
         {"flow_runs": {"start_time": {"after_": "2026-10-15T00:00:00Z", "before_": "2026-10-16T00:00:00Z"}}},
         exists.format(window), in_.format(window)),
        ("one deployment", "artifacts", {"deployments": {"id": {"any_": [dep]}}},
         "SELECT * FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr JOIN deployment AS d ON "
         f"d.id = fr.deployment_id WHERE fr.id = a.flow_run_id AND d.id IN ('{dep}'))",
         "SELECT * FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr JOIN deployment AS d "
         f"ON d.id = fr.deployment_id WHERE d.id IN ('{dep}'))"),
        ("one flow run's artifacts", "artifacts", {"artifacts": {"flow_run_id": {"any_": [run]}}},
         f"SELECT * FROM artifact WHERE flow_run_id IN ('{run}') ORDER BY id DESC", None),
        ("or_ of key and type", "artifacts",
         {"artifacts": {"operator": "or_", "key": {"any_": [key]}, "type": {"any_": ["progress"]}}},
         f"SELECT * FROM artifact WHERE key IN ('{key}') OR type IN ('progress')", None),
        ("UPDATED_DESC limit 50, offset a tenth", "artifacts", {"sort": "UPDATED_DESC", "limit": 50, "offset": offset},
         f"SELECT * FROM artifact ORDER BY updated DESC LIMIT 50 OFFSET {offset}", None),
        ("latest KEY_ASC limit 20, completed runs", "artifact_collections",
         {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "sort": "KEY_ASC", "limit": 20},
         "SELECT * FROM artifact_collection AS ac WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = "
         "ac.flow_run_id AND fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20",
         "SELECT * FROM artifact_collection AS ac WHERE ac.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE "
         "fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20"),
        ("one flow run's artifacts, KEY_ASC limit 20", "artifacts",
         {"flow_runs": {"id": {"any_": [run]}}, "sort": "KEY_ASC", "limit": 20},
         exists.format(f"fr.id IN ('{run}')") + " ORDER BY key ASC LIMIT 20",
         in_.format(f"fr.id IN ('{run}')") + " ORDER BY key ASC LIMIT 20"),
        ("every artifact", "artifacts", {}, "SELECT * FROM artifact", None),
    ]


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: bench_pg.py SQLITE_DB (the same rows as PostgreSQL's)")
    data = sqlite3.connect(sys.argv[1])
    db = pglib.sqlite_connection()
    work = cases(data)
    # one process per query, for every variant alike
    script = ["SET TimeZone = 'UTC';", "SET max_parallel_workers_per_gather = 0;", "\\timing on"]
    labels = []
    for r in range(ROUNDS):
        for i, (name, table, body, prefect, expert) in enumerate(work):
            sql, params = pglib.pg_statement(db, table, json.dumps(body))
            variants = [("function", f"SELECT count(s) FROM prefect.{table}({pglib.literal(json.dumps(body))}::jsonb) AS s"),
                        ("prefect", f"SELECT count(s) FROM ({prefect}) AS s"),
                        ("statement", None)]
            if expert:
                variants.append(("in", f"SELECT count(s) FROM ({expert}) AS s"))
            # each round starts with another variant: the first query after
            # the last body's big scans meets cold caches, and none is to
            # pay for that every time
            variants = variants[r % len(variants):] + variants[:r % len(variants)]
            for kind, text in variants:
                if kind == "statement":
                    args = "(" + ", ".join(pglib.literal(p) for p in params) + ")" if params else ""
                    script.append(f"PREPARE s{i}_{r} AS SELECT count(s) FROM ({sql}) AS s;")
                    text = f"EXECUTE s{i}_{r}{args}"
                script.append(text + ";")
                labels.append((i, kind))
    started = time.time()
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"],
                         input="\n".join(script) + "\n", capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"bench_pg.py: psql failed: {out.stderr.strip()}")
    # in order: a PREPARE's "Time:" line, then each query's count and its "Time:"
    lines = iter(line for line in out.stdout.splitlines() if line)
    results = {}
    for i, kind in labels:
        if kind == "statement":
            next(lines)
        rows = next(lines)
        t = float(re.match(r"Time: ([0-9.]+) ms", next(lines)).group(1))
        results.setdefault(i, {}).setdefault(kind, []).append(t)
        results[i]["rows"] = rows
    print(f"PostgreSQL: the rows of {sys.argv[1]} (load_sqlite.py). Median ms of {ROUNDS} interleaved rounds "
          f"(psql's timing, count(s) around each: every row formed whole); {time.time() - started:.0f} s in all.\n")
    print("| query | rows | ours: function ms | ours: statement ms | Prefect's ms | IN ms | "
          "function / best hand-written | statement / best hand-written | statement speed-up over Prefect's |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for i, (name, table, body, prefect, expert) in enumerate(work):
        m = {k: statistics.median(v) for k, v in results[i].items() if k != "rows"}
        best = min(m["prefect"], m.get("in", m["prefect"]))
        print(f"| {name} | {results[i]['rows']} | {m['function']:.3f} | {m['statement']:.3f} | {m['prefect']:.3f} | "
              f"{m['in']:.3f} | " if "in" in m else
              f"| {name} | {results[i]['rows']} | {m['function']:.3f} | {m['statement']:.3f} | {m['prefect']:.3f} | – | ",
              end="")
        print(f"**{m['function'] / best:.2f}** | **{m['statement'] / best:.2f}** | {m['prefect'] / m['statement']:.1f}× |")


if __name__ == "__main__":
    main()
