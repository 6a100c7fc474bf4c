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
    # runs and deployments with what the demo lacks, on both sides (SQLite's
    # text, then PostgreSQL's): policies of each shape, a SCHEDULED state
    # without its time (Prefect fills in "now"), who created and updated a
    # deployment, its global concurrency limit and a schedule of each kind
    # (the demo file has no deployment_schedule table: SQLite's is made here)
    flow_runs = [r[0] for r in db.execute("SELECT id FROM flow_run WHERE state_type = 'COMPLETED' ORDER BY id LIMIT 3")]
    scheduled = one("SELECT id FROM flow_run WHERE state_type = 'SCHEDULED' ORDER BY id LIMIT 1")
    running = one("SELECT id FROM flow_run WHERE state_type = 'RUNNING' ORDER BY id LIMIT 1")
    task_runs = [r[0] for r in db.execute("SELECT id FROM task_run ORDER BY id LIMIT 3")]
    deployment = one("SELECT id FROM deployment ORDER BY id LIMIT 1")
    limit_id, schedule_ids = "80000000-0000-4000-8000-000000000001", [f"70000000-0000-4000-8000-00000000000{i}"
                                                                          for i in range(1, 5)]
    policies = [("flow_run", flow_runs[0], {"max_retries": 3, "retry_delay_seconds": 2.5, "retries": 0,
                                            "retry_delay": 0, "resuming": True}),
                ("flow_run", flow_runs[1], {"retries": 1, "retry_delay": [1, 2.5, 10], "pause_keys": None}),
                ("flow_run", flow_runs[2], {"retry_delay": 7.9, "retry_type": "in_process", "pause_keys": ["k"]}),
                ("task_run", task_runs[0], {"retry_delay": [1, 2], "retry_jitter_factor": 0.3,
                                            "retry_delay_seconds": 1.25}),
                ("task_run", task_runs[1], {"max_retries": 2, "retry_delay_seconds": 4}),
                ("task_run", task_runs[2], {"retry_delay": [3, 4], "retry_jitter_factor": 1})]
    who = json.dumps({"id": limit_id, "type": "USER", "display_value": "someone"})
    schedules = [{"interval": 3600.0, "anchor_date": "2026-10-01T00:00:00Z", "timezone": None},
                 {"cron": "0 1 * * *", "timezone": "Europe/Paris"},
                 {"rrule": "FREQ=DAILY"},
                 {"something": "else"}]
    fixtures = [(f"UPDATE {table} SET empirical_policy = {pglib.literal(json.dumps(policy))} WHERE id = "
                 f"{pglib.literal(run_id)}",
                 f"UPDATE {table} SET empirical_policy = {pglib.literal(json.dumps(policy))}::jsonb WHERE id = "
                 f"{pglib.literal(run_id)}") for table, run_id, policy in policies]
    fixtures += [
        ("UPDATE flow_run_state SET state_details = json_remove(state_details, '$.scheduled_time') "
         f"WHERE id = (SELECT state_id FROM flow_run WHERE id = '{scheduled}')",
         "UPDATE flow_run_state SET state_details = state_details - 'scheduled_time' "
         f"WHERE id = (SELECT state_id FROM flow_run WHERE id = '{scheduled}')"),
        ("INSERT INTO concurrency_limit_v2 (id, created, updated, active, name, \"limit\", active_slots, denied_slots, "
         f"slot_decay_per_second, avg_slot_occupancy_seconds) VALUES ('{limit_id}', '2026-10-01 00:00:00.000000', "
         "'2026-10-02 00:00:00.500000', 1, 'etl-limit', 3, 1, 0, 0.1234567, 2.0)",
         "INSERT INTO concurrency_limit_v2 (id, created, updated, active, name, \"limit\", active_slots, denied_slots, "
         f"slot_decay_per_second, avg_slot_occupancy_seconds) VALUES ('{limit_id}', '2026-10-01 00:00:00+00', "
         "'2026-10-02 00:00:00.5+00', true, 'etl-limit', 3, 1, 0, 0.1234567, 2.0)"),
        (f"UPDATE deployment SET concurrency_limit_id = '{limit_id}', created_by = {pglib.literal(who)}, "
         f"updated_by = {pglib.literal(who)} WHERE id = '{deployment}'",
         f"UPDATE deployment SET concurrency_limit_id = '{limit_id}', created_by = {pglib.literal(who)}::jsonb, "
         f"updated_by = {pglib.literal(who)}::jsonb WHERE id = '{deployment}'"),
        ("CREATE TABLE deployment_schedule (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME NOT NULL, "
         "updated DATETIME NOT NULL, schedule JSON NOT NULL, active BOOLEAN NOT NULL, deployment_id CHAR(36) NOT NULL, "
         "max_scheduled_runs INTEGER, parameters JSON DEFAULT '{}' NOT NULL, slug VARCHAR)", "SELECT 1")]
    for i, (schedule_id, schedule) in enumerate(zip(schedule_ids, schedules)):
        def row(active):
            return (f"INSERT INTO deployment_schedule VALUES ('{schedule_id}', '2026-10-0{i + 1} 00:00:00.000000', "
                    f"'2026-10-0{i + 1} 12:00:00.000000', {pglib.literal(json.dumps(schedule))}, {active}, "
                    f"'{deployment}', {i or 'NULL'}, '{{}}', {pglib.literal('slug-' + str(i)) if i else 'NULL'})")
        fixtures.append((row(i % 2), row(["false", "true"][i % 2])))
    for sqlite_sql, pg_sql in fixtures:
        db.execute(sqlite_sql)
        updates.append(pg_sql + ";")
    # "now", pinned on both sides: SQLite's prefect_set_now(), PostgreSQL's setting prefect.now
    now = "2026-10-30T12:34:56.789012Z"
    db.execute("SELECT prefect_set_now(?)", (now,))
    updates.append(f"SET LOCAL prefect.now = {pglib.literal(now)};")
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
    # the routes below a pool: its queues and workers, by the pool's name (a
    # missing pool is 404, a missing queue too)
    for name in pools:
        cases += [("POST /work_pools/" + name + "/queues/filter", None),
                  ("POST /work_pools/" + name + "/queues/filter",
                   json.dumps({"work_queues": {"name": {"startswith_": ["def", "etl"]}}, "sort": "NAME_DESC",
                               "limit": 1})),
                  ("POST /work_pools/" + name + "/workers/filter", None),
                  ("POST /work_pools/" + name + "/workers/filter",
                   json.dumps({"workers": {"status": {"any_": ["ONLINE"]}}, "limit": 1, "offset": 1})),
                  ("GET /work_pools/" + name + "/queues/default", None),
                  ("GET /work_pools/" + name + "/queues/no-such-queue", None)]
    cases += [("POST /work_pools/no-such-pool/queues/filter", "{}"),
              ("POST /work_pools/no-such-pool/workers/filter", None),
              ("GET /work_pools/no-such-pool/queues/default", None)]
    # runs and deployments: sorted by columns without NULLs or ties, or a
    # filter that keeps NULLs out of the sort (the back ends place them apart)
    fixture_runs = flow_runs + [scheduled, running]
    cases += [
        ("POST /flow_runs/filter", None),
        ("POST /flow_runs/filter", json.dumps({"flow_runs": {"id": {"any_": fixture_runs}}, "sort": "ID_DESC"})),
        ("POST /flow_runs/filter", json.dumps({"flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING",
                                                                                         "SCHEDULED", "FAILED"]}}},
                                               "sort": "ID_DESC", "limit": 40, "offset": 3})),
        ("POST /flow_runs/filter", json.dumps({"flow_runs": {"start_time": {"is_null_": False}},
                                               "sort": "START_TIME_DESC", "limit": 15})),
        ("POST /flow_runs/paginate", json.dumps({"limit": 5, "page": 3, "sort": "ID_DESC"})),
        ("POST /flow_runs/paginate", json.dumps({"deployments": {"id": {"any_": [deployment]}}, "sort": "ID_DESC"})),
        ("POST /task_runs/filter", None),
        ("POST /task_runs/filter", json.dumps({"task_runs": {"id": {"any_": task_runs}}, "sort": "ID_DESC"})),
        ("POST /task_runs/filter", json.dumps({"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}},
                                               "sort": "ID_DESC", "limit": 10})),
        ("POST /task_runs/paginate", json.dumps({"limit": 7, "page": 2, "sort": "ID_DESC"})),
        # (deployments share names: the default sort, by name, has ties)
        ("POST /deployments/filter", json.dumps({"sort": "CREATED_DESC"})),
        ("POST /deployments/filter", json.dumps({"deployments": {"id": {"any_": [deployment]}}})),
        ("POST /deployments/filter", json.dumps({"sort": "UPDATED_DESC", "limit": 4, "offset": 1})),
        ("POST /deployments/paginate", json.dumps({"limit": 5, "page": 2, "sort": "CREATED_DESC"})),
        ("POST /ui/flow_runs/history", json.dumps({"flow_runs": {"id": {"any_": fixture_runs}}, "sort": "ID_DESC"})),
        ("POST /ui/flow_runs/history", json.dumps({"sort": "ID_DESC", "limit": 25})),
        ("GET /deployments/" + deployment, None),
        ("GET /deployments/" + missing, None),
        ("GET /flow_runs/" + missing, None),
        ("GET /task_runs/" + missing, None),
        ("GET /ui/task_runs/" + missing, None)]
    cases += [("GET /flow_runs/" + run_id, None) for run_id in fixture_runs]
    cases += [(f"GET {prefix}/task_runs/" + run_id, None) for run_id in task_runs for prefix in ("", "/ui")]
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
    assert all(sqlite_answer(db, "POST /work_pools/" + name + "/workers/filter", None) for name in pools)
    assert sqlite_answer(db, "GET /work_pools/" + pools[0] + "/queues/default", None)

    # the answers that show what the fixtures set: the filled-in time, the schedules of each kind
    state = sqlite_answer(db, "GET /flow_runs/" + scheduled, None)["state"]
    assert state["state_details"]["scheduled_time"] == now, state
    assert len(sqlite_answer(db, "GET /deployments/" + deployment, None)["schedules"]) == len(schedules)

    refused = [("POST /ui/flow_runs/history", json.dumps({"limit": -1}))]
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
