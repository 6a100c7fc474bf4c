"""prefect.api (PostgreSQL) against prefect_api (SQLite) on the demo data,
loaded in both: every route prefect.api answers, for bodies of each kind,
equal as JSON values; the routes it does not answer refused with SQLSTATE
0A000, naming the route; a bad body refused with 22023 and the SQLite
side's message. The bodies sort by columns without NULLs and text the two
back ends order alike (the cluster is C.UTF-8), so no row may move."""
import json
import sqlite3
import subprocess
import sys

import pglib


def sqlite_answer(db, route, body):
    text = db.execute("SELECT prefect_api(?, ?)", (route, body)).fetchone()[0]
    return None if text is None else json.loads(text)


def pg_error(route, body):
    """(SQLSTATE, message) of a call that must fail."""
    sql = f"SELECT prefect.api({pglib.literal(route)}, {pglib.literal(body)}::jsonb)"
    out = subprocess.run(["psql", "-X", "-q", "-v", "VERBOSITY=verbose", "-c", sql], capture_output=True, text=True)
    first = out.stderr.strip().splitlines()[0] if out.stderr.strip() else ""
    # "ERROR:  0A000: prefect: ..."
    if not first.startswith("ERROR:  "):
        raise SystemExit(f"expected an error from {route} {body}, got: {out.stdout!r} {out.stderr!r}")
    code, _, message = first[len("ERROR:  "):].partition(": ")
    return code, message


def refused_alike(db, route, body):
    """None when PostgreSQL refuses the body as a bad one (22023) with the
    SQLite side's message, else what differs."""
    code, message = pg_error(route, body)
    try:
        sqlite_answer(db, route, body)
        expected = None
    except sqlite3.Error as e:  # the SQLite side's message
        expected = str(e)
    if code != "22023" or message != expected:
        return f"{code} {message!r}, SQLite: {expected!r}"
    return None


def main():
    db = pglib.sqlite_connection()
    pglib.sqlite_connection(sys.argv[1]).backup(db)
    # legacy queues (a filter) with limits, on both sides (PostgreSQL's in the
    # session's transaction, rolled back): the tags and deployments rule of
    # their active slots, met, not met and empty
    legacy = [("be1e0823-f080-4734-bd33-907481c58e0f", {"tags": ["prod"], "deployment_ids": None}, 5),
              ("4bfc7463-6b72-41fe-ba82-fdc70e79f34f",
               {"tags": ["prod", "auto-scheduled"], "deployment_ids": ["cdab8924-501b-40dc-a3ca-ead0fbd9de34"]}, 2),
              ("6884d953-0cb5-4f4c-9b2e-e2726b4cd9ff", {"tags": [], "deployment_ids": []}, 1),
              ("2f740f73-ca2f-44b1-99d5-191bb1a70c9f", {"tags": ["no-such-tag"]}, 1)]
    updates = []
    for queue_id, queue_filter, limit in legacy:
        db.execute("UPDATE work_queue SET filter = ?, concurrency_limit = ? WHERE id = ?",
                   (json.dumps(queue_filter), limit, queue_id))
        updates.append(f"UPDATE work_queue SET filter = {pglib.literal(json.dumps(queue_filter))}::jsonb, "
                       f"concurrency_limit = {limit} WHERE id = {pglib.literal(queue_id)};")
    one = lambda sql: db.execute(sql).fetchone()[0]
    artifact_id = one("SELECT id FROM artifact ORDER BY id LIMIT 1")
    artifact_key = one("SELECT key FROM artifact_collection ORDER BY key LIMIT 1")
    flow_id = one("SELECT id FROM flow ORDER BY id LIMIT 1")
    variable = one("SELECT name FROM variable ORDER BY name LIMIT 1")
    # the pool with a concurrency limit (its active slots counted) and one without
    pools = [r[0] for r in db.execute("SELECT name FROM work_pool ORDER BY concurrency_limit IS NULL, name")]
    assert pools and one("SELECT count(*) FROM work_pool WHERE concurrency_limit IS NOT NULL"), "the demo's pools"
    missing = "00000000-0000-4000-8000-000000000000"
    cases = [
        ("POST /artifacts/filter", None),
        ("POST /artifacts/filter", json.dumps({"artifacts": {"type": {"any_": ["table", "markdown"]}},
                                               "sort": "ID_DESC", "limit": 7, "offset": 2})),
        ("POST /artifacts/filter", json.dumps({"sort": "CREATED_DESC", "artifacts": {"key": {"exists_": True}}})),
        ("POST /artifacts/latest/filter", json.dumps({"sort": "KEY_DESC", "limit": 5})),
        ("POST /artifacts/latest/filter", None),
        ("POST /flows/filter", None),
        ("POST /flows/filter", json.dumps({"flows": {"name": {"like_": "e"}}, "sort": "NAME_DESC"})),
        ("POST /flows/paginate", json.dumps({"limit": 3, "page": 2, "sort": "NAME_ASC"})),
        ("POST /flows/paginate", None),
        ("POST /logs/filter", json.dumps({"sort": "TIMESTAMP_DESC", "limit": 20, "logs": {"level": {"ge_": 20}}})),
        ("POST /variables/filter", json.dumps({"sort": "NAME_ASC"})),
        ("GET /artifacts/" + artifact_id, None),
        ("GET /artifacts/" + missing, None),
        ("GET /artifacts/" + artifact_key + "/latest", None),
        ("GET /artifacts/no-such-key/latest", None),
        ("GET /flows/" + flow_id, None),
        ("GET /flows/" + flow_id.replace("-", ""), None),
        ("GET /variables/name/" + variable, None),
        ("GET /api/variables/name/no-such-variable", None),
        ("GET /flows/no/such/route", None),
        ("POST /work_pools/filter", None),
        ("POST /work_pools/filter", json.dumps({"work_pools": {"type": {"any_": ["kubernetes", "process"]}}})),
        ("GET /work_pools/no-such-pool", None),
        ("POST /work_queues/filter", None),
        ("POST /work_queues/filter", json.dumps({"work_queues": {"name": {"any_": ["default"]}}})),
    ] + [("GET /work_pools/" + name, None) for name in pools]
    for route in ("/artifacts/count", "/artifacts/latest/count", "/flows/count", "/flow_runs/count",
                  "/task_runs/count", "/deployments/count", "/variables/count", "/work_pools/count"):
        cases.append(("POST " + route, None))
    cases.append(("POST /flow_runs/count", json.dumps({"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
                                                       "limit": 1, "sort": "ID_DESC"})))
    cases.append(("POST /task_runs/count", json.dumps({"flows": {"name": {"like_": "a"}}})))
    parts = [(f"c{i}", f"SELECT prefect.api({pglib.literal(r)}, {pglib.literal(b)}::jsonb)::text")
             for i, (r, b) in enumerate(cases)]
    rows = pglib.run_marked([("begin", "BEGIN;\n" + "\n".join(updates))] + parts + [("end", "ROLLBACK")])
    bad = 0
    for i, (route, body) in enumerate(cases):
        ours = sqlite_answer(db, route, body)
        field = rows[f"c{i}"][0][0]
        theirs = None if field == pglib.NULL else json.loads(field)
        if ours != theirs:
            bad += 1
            print(f"DIFFERENT {route} {body}:\n  sqlite {json.dumps(ours)[:400]}\n  pg     {json.dumps(theirs)[:400]}")
    # answers that are not empty, so that the comparison says something
    assert sqlite_answer(db, "POST /artifacts/filter", None), "the demo data has artifacts"
    assert sqlite_answer(db, "GET /flows/" + flow_id, None) is not None

    refused = [("POST /flow_runs/filter", "{}"), ("POST /deployments/paginate", "{}"),
               ("GET /task_runs/" + missing, None), ("POST /ui/flow_runs/history", "{}"),
               ("POST /work_pools/x/queues/filter", "{}"), ("POST /work_pools/x/workers/filter", "{}"),
               ("GET /ui/task_runs/" + missing, None)]
    for route, body in refused:
        code, message = pg_error(route, body)
        path = route.split(" ")[1]
        if code != "0A000" or "answered on SQLite only" not in message or path.split("/")[1] not in message:
            bad += 1
            print(f"NOT REFUSED AS UNSUPPORTED {route}: {code} {message}")
    body = json.dumps({"artifacts": {"type": {"any_": "table"}}})
    why = refused_alike(db, "POST /artifacts/filter", body)
    if why:
        bad += 1
        print(f"BAD BODY: {why}")
    code, message = pg_error("DELETE /flows/filter", None)
    if code != "22023" or "405" not in message:
        bad += 1
        print(f"405: {code} {message!r}")
    print(f"pg api: {len(cases)} answers equal to SQLite's, {len(refused)} routes refused" if not bad
          else f"pg api: {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
