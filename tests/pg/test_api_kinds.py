"""prefect.api (PostgreSQL) against prefect_api (SQLite) on the demo data,
loaded in both, for the route kinds that are not lists of objects: the run
histories, the lateness and the dashboard's routes (an aggregate, buckets,
objects keyed by id). "Now" is pinned on both sides: prefect_set_now() on
SQLite, the setting prefect.now on PostgreSQL.

Where Prefect's PostgreSQL statement differs from its SQLite one, the
answers differ by that rule alone, checked here:

  - history: the same intervals, states and counts; the sums of each
    state's estimated run time and lateness are exact on PostgreSQL (its
    statement sums extract(epoch ...) of intervals, SQLite's whole
    seconds), so they must equal the exact sums computed here from the
    runs' own times, which PostgreSQL's functions give (prefect.flow_runs);
    a window that ends where it starts has no interval on PostgreSQL
    (generate_series), one on SQLite (its recursive CTE); the intervals'
    bounds keep their microseconds on PostgreSQL, SQLite's date arithmetic
    rounds them to the millisecond;
  - lateness: the average of exact intervals on PostgreSQL, whole seconds
    on SQLite: equal to the exact mean computed here (PostgreSQL's avg() of
    intervals rounds to the microsecond), and within a second of SQLite's.

Every other answer must be equal as a JSON value. A bad body is refused on
PostgreSQL with SQLSTATE 22023 and SQLite's message."""
import datetime
import json
import sys
from fractions import Fraction

import pglib
from test_api import refused_alike, sqlite_answer

NOW = "2026-10-31T00:00:00Z"
NOW_PG = "2026-10-31 00:00:00+00"
HISTORY_KEYS = ("history_start", "history_end", "history_interval_seconds")
TERMINAL = ("COMPLETED", "FAILED", "CANCELLED", "CRASHED")
US = 1000000
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def history_bodies(flow_ids):
    window = {"history_start": "2026-10-01T00:00:00Z", "history_end": "2026-10-31T00:00:00Z"}
    return [
        dict(window, history_interval_seconds=86400),
        dict(window, history_interval_seconds=3600 * 7.5),
        {"history_start": "2026-10-20T10:17:33.25Z", "history_end": "2026-10-21T00:00:00Z",
         "history_interval_seconds": 900},
        {"history_start": "2026-09-30T00:00:00Z", "history_end": "2026-11-03T00:00:00Z",
         "history_interval_seconds": "604800"},
        # more than 500 intervals: Prefect's first 500
        {"history_start": "2026-10-01T00:00:00Z", "history_end": "2026-11-01T00:00:00Z",
         "history_interval_seconds": 60},
        dict(window, history_interval_seconds=172800,
             flow_runs={"state": {"type": {"any_": ["COMPLETED", "FAILED", "RUNNING"]}}}),
        dict(window, history_interval_seconds=86400, flows={"id": {"any_": flow_ids[:2]}}, limit=3),
        dict(window, history_interval_seconds=43200, deployments={"name": {"like_": "nightly"}}),
        dict(window, history_interval_seconds=86400, flow_runs={"tags": {"all_": ["no-such-tag"]}}),
    ]


def runs_rows(table, body):
    """The exact times (microseconds since the epoch, None for NULL) of the
    runs a history body selects, from PostgreSQL's collection function."""
    rows_body = {k: v for k, v in body.items() if k not in HISTORY_KEYS and k != "limit"}
    epoch = lambda c: f"(extract(epoch FROM {c}) * 1000000)::int8"
    return (f"SELECT {epoch('expected_start_time')}, state_type, state_name, {epoch('total_run_time')}, "
            f"{epoch('state_timestamp')}, {epoch('start_time')} "
            f"FROM prefect.{table}({pglib.literal(json.dumps(rows_body))}::jsonb)")


def runs_times(records):
    """runs_rows' records as tuples: the times as integers, NULL as None."""
    field = lambda j, f: None if f == pglib.NULL else int(f) if j in (0, 3, 4, 5) else f
    return [tuple(field(j, f) for j, f in enumerate(r)) for r in records]


def run_estimates(row, now_us):
    """Prefect's estimated run time and start time delta on PostgreSQL (the
    ORM's expressions), in microseconds."""
    expected, state_type, _, total, state_ts, start = row
    run_time = total if state_type != "RUNNING" else (None if state_ts is None else total + now_us - state_ts)
    if start is not None and expected is not None and start > expected:
        delta = start - expected
    elif start is None and state_type is not None and state_type not in TERMINAL and expected is not None \
            and expected < now_us:
        delta = now_us - expected
    else:
        delta = 0
    return run_time, delta


def iso_us(text):
    """'2026-10-01T00:00:00Z' (the API's times) in microseconds."""
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (t - EPOCH) // datetime.timedelta(microseconds=1)


def check_history(ours, theirs, rows, now_us):
    """PostgreSQL's history against SQLite's (structure) and the exact sums."""
    if len(ours) != len(theirs):
        return f"{len(ours)} intervals on SQLite, {len(theirs)} on PostgreSQL"
    for a, b in zip(ours, theirs):
        if (a["interval_start"], a["interval_end"]) != (b["interval_start"], b["interval_end"]):
            return f"interval {a['interval_start']} .. {a['interval_end']} is {b['interval_start']} .. {b['interval_end']}"
        key = lambda s: (s["state_type"], s["state_name"], s["count_runs"])
        if [key(s) for s in a["states"]] != [key(s) for s in b["states"]]:
            return f"states of {a['interval_start']}: {a['states']} and {b['states']}"
        lo, hi = iso_us(b["interval_start"]), iso_us(b["interval_end"])
        sums = {}
        for row in rows:
            if row[0] is not None and lo <= row[0] < hi:
                run_time, delta = run_estimates(row, now_us)
                s = sums.setdefault((row[1], row[2]), [0, 0])
                s[0] += max(0, run_time or 0)
                s[1] += max(0, delta)
        for s in b["states"]:
            exact = sums.get((s["state_type"], s["state_name"]))
            if exact is None or [s["sum_estimated_run_time"], s["sum_estimated_lateness"]] != [x / US for x in exact]:
                return f"sums of {b['interval_start']} {s['state_name']}: {s}, exact {exact}"
    return None


def main():
    db = pglib.sqlite_connection()
    pglib.sqlite_connection(sys.argv[1]).backup(db)
    db.execute("SELECT prefect_set_now(?)", (NOW,))
    now_us = iso_us(NOW)
    one = lambda sql: [r[0] for r in db.execute(sql)]
    flow_ids = one("SELECT id FROM flow ORDER BY id")
    flow_run_ids = one("SELECT id FROM flow_run ORDER BY id LIMIT 40")
    missing = "00000000-0000-4000-8000-000000000000"
    after = {"task_runs": {"start_time": {"after_": "2026-10-01T00:00:00Z"}}}
    equal = [
        ("POST /ui/task_runs/count", None),
        ("POST /ui/task_runs/count", json.dumps({"flows": {"name": {"like_": "etl"}}})),
        ("POST /ui/task_runs/count", json.dumps({"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}},
                                                 "task_runs": {"name": {"like_": "e"}}, "sort": "ID_DESC"})),
        ("POST /ui/task_runs/count", json.dumps({"flows": {"name": {"any_": ["no-such-flow"]}}})),
        ("POST /ui/task_runs/dashboard/counts", json.dumps(after)),
        ("POST /ui/task_runs/dashboard/counts",
         json.dumps({"task_runs": {"start_time": {"after_": "2026-10-15T10:17:33.5Z",
                                                  "before_": "2026-10-16T00:00:00Z"}}})),
        ("POST /ui/task_runs/dashboard/counts",
         json.dumps(dict(after, flows={"name": {"like_": "etl"}}, extra_key=1))),
        ("POST /ui/task_runs/dashboard/counts",
         json.dumps({"task_runs": {"start_time": {"after_": "2026-10-29T00:00:00Z"},
                                   "state": {"type": {"any_": ["RUNNING"]}}}})),
        ("POST /ui/flows/count-deployments", json.dumps({"flow_ids": flow_ids + [missing, flow_ids[0]]})),
        ("POST /ui/flows/count-deployments", json.dumps({"flow_ids": []})),
        ("POST /ui/flows/next-runs", json.dumps({"flow_ids": [missing] + flow_ids})),
        ("POST /ui/flow_runs/count-task-runs", json.dumps({"flow_run_ids": flow_run_ids + [missing]})),
    ]
    lateness = [None, json.dumps({"flow_runs": {"state": {"type": {"any_": ["SCHEDULED", "PENDING", "RUNNING"]}}}}),
                json.dumps({"flows": {"name": {"like_": "etl"}}}),
                json.dumps({"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}),
                json.dumps({"flow_runs": {"name": {"any_": ["no-such-run"]}}})]
    histories = [(route, body) for route, table in (("POST /flow_runs/history", "flow_runs"),
                                                     ("POST /task_runs/history", "task_runs"))
                 for body in history_bodies(flow_ids)]
    empty_window = {"history_start": "2026-10-10T00:00:00Z", "history_end": "2026-10-10T00:00:00Z",
                    "history_interval_seconds": 3600}

    # bounds with microseconds: exact on PostgreSQL, SQLite's to the millisecond after the first
    micro_window = {"history_start": "2026-10-20T10:17:33.123456Z", "history_end": "2026-10-20T12:00:00Z",
                    "history_interval_seconds": 900.5}

    parts = [("now", f"SET prefect.now = {pglib.literal(NOW_PG)}")]
    call = lambda r, b: f"SELECT prefect.api({pglib.literal(r)}, {pglib.literal(b)}::jsonb)::text"
    parts += [(f"e{i}", call(r, b)) for i, (r, b) in enumerate(equal)]
    parts += [(f"l{i}", call("POST /flow_runs/lateness", b)) for i, b in enumerate(lateness)]
    parts += [(f"lr{i}", runs_rows("flow_runs", json.loads(b) if b else {})) for i, b in enumerate(lateness)]
    parts += [(f"h{i}", call(r, json.dumps(b))) for i, (r, b) in enumerate(histories)]
    parts += [(f"hr{i}", runs_rows(r.split("/")[1], b)) for i, (r, b) in enumerate(histories)]
    parts.append(("empty", call("POST /flow_runs/history", json.dumps(empty_window))))
    parts.append(("micro", call("POST /flow_runs/history", json.dumps(micro_window))))
    rows = pglib.run_marked(parts)
    answer = lambda label: None if rows[label][0][0] == pglib.NULL else json.loads(rows[label][0][0])

    bad = 0
    for i, (route, body) in enumerate(equal):
        ours, theirs = sqlite_answer(db, route, body), answer(f"e{i}")
        if ours != theirs:
            bad += 1
            print(f"DIFFERENT {route} {body}:\n  sqlite {json.dumps(ours)[:400]}\n  pg     {json.dumps(theirs)[:400]}")
    for i, body in enumerate(lateness):
        ours, theirs = sqlite_answer(db, "POST /flow_runs/lateness", body), answer(f"l{i}")
        runs = runs_times(rows[f"lr{i}"])
        if not runs:
            good = ours is None and theirs is None
        else:
            exact = Fraction(sum(run_estimates(r, now_us)[1] for r in runs), len(runs) * US)
            good = theirs is not None and abs(Fraction(theirs) - exact) <= Fraction(1, US) and abs(theirs - ours) < 1
        if not good:
            bad += 1
            print(f"LATENESS {body}: sqlite {ours}, pg {theirs}")
    for i, (route, body) in enumerate(histories):
        ours, theirs = sqlite_answer(db, route, json.dumps(body)), answer(f"h{i}")
        runs = runs_times(rows[f"hr{i}"])
        why = check_history(ours, theirs, runs, now_us)
        if why:
            bad += 1
            print(f"HISTORY {route} {json.dumps(body)}: {why}")
    if answer("empty") != [] or len(sqlite_answer(db, "POST /flow_runs/history", json.dumps(empty_window))) != 1:
        bad += 1
        print(f"HISTORY of an empty window: pg {answer('empty')}")
    starts = [iso_us(i["interval_start"]) for i in answer("micro")]
    sqlite_micro = sqlite_answer(db, "POST /flow_runs/history", json.dumps(micro_window))
    exact = [iso_us(micro_window["history_start"]) + k * 900500000 for k in range(len(sqlite_micro))]
    if starts != exact or iso_us(sqlite_micro[1]["interval_start"]) == exact[1]:
        bad += 1
        print(f"HISTORY of microsecond bounds: pg {starts}, exact {exact}")
    # answers that are not empty, so that the comparisons say something
    assert any(s["count_runs"] for h in sqlite_answer(db, histories[0][0], json.dumps(histories[0][1]))
               for s in h["states"]), "the demo has runs in October"
    assert any(b["failed"] for b in sqlite_answer(db, equal[4][0], equal[4][1])), "failed task runs"
    assert any(v for v in sqlite_answer(db, equal[10][0], equal[10][1]).values()), "scheduled runs"

    errors = [("POST /flow_runs/history", json.dumps({"history_end": "2026-10-01T00:00:00Z"})),
              ("POST /task_runs/history", json.dumps(dict(empty_window, history_interval_seconds=0.5))),
              ("POST /flow_runs/history", json.dumps(dict(empty_window, flow_runs={"id": {"any_": ["x"]}}))),
              ("POST /flow_runs/lateness", json.dumps({"flow_runs": {"state": {"type": {"any_": ["NOPE"]}}}})),
              ("POST /ui/task_runs/dashboard/counts", json.dumps({"task_runs": {}})),
              ("POST /ui/task_runs/dashboard/counts", None),
              ("POST /ui/task_runs/count", json.dumps({"task_runs": {"name": {"like_": 3}}})),
              ("POST /ui/flows/next-runs", json.dumps({"flow_ids": ["not-a-uuid"]})),
              ("POST /ui/flows/count-deployments", json.dumps({})),
              ("POST /ui/flow_runs/count-task-runs", json.dumps({"flow_run_ids": [missing] * 201}))]
    for route, body in errors:
        why = refused_alike(db, route, body)
        if why:
            bad += 1
            print(f"BAD BODY {route} {body}: {why}")
    n = len(equal) + len(lateness) + len(histories) + 2
    print(f"pg api kinds: {n} answers as SQLite's (histories and lateness by PostgreSQL's rule), "
          f"{len(errors)} bad bodies refused alike" if not bad else f"pg api kinds: {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
