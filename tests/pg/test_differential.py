"""Every filter field on PostgreSQL, against PostgreSQL written by hand.

    tests/pg/with_server.sh sh -c 'load_sqlite.py dist/demo.db && test_differential.py dist/demo.db'

The demo data (loaded by load_sqlite.py) is asked each body twice: through
the statement the extension writes for PostgreSQL (prepared, every value
bound) and through the statement Prefect emits there for the same filter,
written out with its values as SQLAlchemy renders them: IN lists, jsonb's
?& and ?| over text arrays, ILIKE, EXISTS for related filters. A body with
a sort or limit is compared row for row in order (each such case sorts by a
key without ties, or by id, so that the order is determined); one without,
as a set. Values are drawn from the data, so that most cases select some
rows and none selects them all; each case says when no row is its answer.
"""
import json
import sqlite3
import sys

import pglib


def build_cases(data):
    """[(table, body, hand-written SQL, flag...)], values drawn from data
    (a sqlite3 connection to the database loaded into PostgreSQL)."""

    def pick(sql, n=None):
        rows = [r[0] for r in data.execute(sql)]
        return rows if n is None else rows[:n]

    def lst(values):
        return "(" + ", ".join(pglib.literal(v) for v in values) + ")"

    def arr(values):
        return "CAST(ARRAY[" + ", ".join(pglib.literal(v) for v in values) + "] AS VARCHAR[])"

    def when(s):
        """A stored timestamp as the API's text, and as PostgreSQL's literal."""
        return s[:10] + "T" + s[11:19] + "Z", pglib.literal(s[:19] + "+00")

    art = pick("SELECT id FROM artifact ORDER BY id", 3)
    art_keys = pick("SELECT DISTINCT \"key\" FROM artifact WHERE \"key\" IS NOT NULL ORDER BY 1", 2)
    runs = pick("SELECT id FROM flow_run ORDER BY id", 3)
    run_names = pick("SELECT name FROM flow_run ORDER BY id", 2)
    tasks = pick("SELECT id FROM task_run ORDER BY id", 3)
    task_names = pick("SELECT name FROM task_run ORDER BY id", 2)
    flows = pick("SELECT id FROM flow ORDER BY id", 2)
    flow_names = pick("SELECT name FROM flow ORDER BY name", 2)
    deps = pick("SELECT id FROM deployment ORDER BY id", 2)
    parents = pick("SELECT DISTINCT t.flow_run_id FROM flow_run AS f JOIN task_run AS t ON t.id = f.parent_task_run_id "
                   "ORDER BY 1", 2)
    parent_tasks = pick("SELECT parent_task_run_id FROM flow_run WHERE parent_task_run_id IS NOT NULL ORDER BY 1", 2)
    versions = pick("SELECT DISTINCT flow_version FROM flow_run WHERE flow_version IS NOT NULL ORDER BY 1", 2)
    idem = pick("SELECT idempotency_key FROM flow_run WHERE idempotency_key IS NOT NULL ORDER BY 1", 3)
    creators = pick("SELECT DISTINCT json_extract(created_by, '$.id') FROM flow_run "
                    "WHERE json_extract(created_by, '$.id') IS NOT NULL ORDER BY 1", 2)
    pools = pick("SELECT id FROM work_pool ORDER BY id", 1)
    pool_names = pick("SELECT name FROM work_pool ORDER BY name", 2)
    queues = pick("SELECT id FROM work_queue ORDER BY id", 2)
    variables = pick("SELECT id FROM variable ORDER BY id", 2)
    var_names = pick("SELECT name FROM variable ORDER BY name", 2)
    log_runs = pick("SELECT DISTINCT flow_run_id FROM log ORDER BY 1", 2)
    log_tasks = pick("SELECT DISTINCT task_run_id FROM log WHERE task_run_id IS NOT NULL ORDER BY 1", 2)
    mid_run, mid_run_pg = when(pick("SELECT start_time FROM flow_run WHERE start_time IS NOT NULL "
                                    "ORDER BY start_time")[200])
    mid_task, mid_task_pg = when(pick("SELECT expected_start_time FROM task_run ORDER BY 1")[1000])
    mid_log, mid_log_pg = when(pick("SELECT \"timestamp\" FROM log ORDER BY 1")[1300])
    beat, beat_pg = when(pick("SELECT last_heartbeat_time FROM worker ORDER BY 1")[1])

    odd_tags = ['a"b\\c', "x,y {z}", "NULL", " prod", "prod"]
    odd_keys = ["it's", "{}", idem[0]]
    run_exists = "EXISTS (SELECT 1 FROM flow_run WHERE flow_run.id = artifact.flow_run_id AND {})"
    cases = [
        # artifacts
        ("artifacts", {"artifacts": {"id": {"any_": art}}}, f"SELECT id FROM artifact WHERE id IN {lst(art)}"),
        ("artifacts", {"artifacts": {"key": {"any_": art_keys}}}, f"SELECT id FROM artifact WHERE key IN {lst(art_keys)}"),
        ("artifacts", {"artifacts": {"key": {"like_": "ORDERS"}}}, "SELECT id FROM artifact WHERE key ILIKE '%ORDERS%'"),
        ("artifacts", {"artifacts": {"key": {"exists_": False}}}, "SELECT id FROM artifact WHERE key IS NULL"),
        ("artifacts", {"artifacts": {"flow_run_id": {"any_": runs}}},
         f"SELECT id FROM artifact WHERE flow_run_id IN {lst(runs)}"),
        ("artifacts", {"artifacts": {"task_run_id": {"any_": tasks}}},
         f"SELECT id FROM artifact WHERE task_run_id IN {lst(tasks)}", "empty"),
        ("artifacts", {"artifacts": {"type": {"any_": ["table", "link"]}}},
         "SELECT id FROM artifact WHERE type IN ('table', 'link')"),
        ("artifacts", {"artifacts": {"type": {"not_any_": ["markdown"]}}},
         "SELECT id FROM artifact WHERE type NOT IN ('markdown')"),
        ("artifacts", {"artifacts": {"operator": "or_", "key": {"exists_": False}, "type": {"any_": ["progress"]}}},
         "SELECT id FROM artifact WHERE key IS NULL OR type IN ('progress')"),
        ("artifacts", {"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}},
         "SELECT id FROM artifact WHERE " + run_exists.format("flow_run.state_type IN ('FAILED', 'CRASHED')")),
        ("artifacts", {"flows": {"name": {"like_": "etl"}}, "deployments": {"name": {"any_": ["prod"]}}},
         "SELECT id FROM artifact WHERE EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id "
         "JOIN deployment ON deployment.id = flow_run.deployment_id WHERE flow_run.id = artifact.flow_run_id "
         "AND flow.name ILIKE '%etl%' AND deployment.name IN ('prod'))"),
        ("artifacts", {"task_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}},
         "SELECT id FROM artifact WHERE EXISTS (SELECT 1 FROM task_run WHERE task_run.id = artifact.task_run_id "
         "AND task_run.state_type IN ('COMPLETED'))", "empty"),
        ("artifacts", {"sort": "CREATED_DESC", "limit": 20, "offset": 40},
         "SELECT id FROM artifact ORDER BY created DESC LIMIT 20 OFFSET 40", "ordered"),
        ("artifacts", {"flow_runs": {"tags": {"all_": ["prod"]}}, "sort": "ID_DESC", "limit": 30},
         "SELECT id FROM artifact WHERE " + run_exists.format(f"flow_run.tags ?& {arr(['prod'])}")
         + " ORDER BY id DESC LIMIT 30", "ordered"),
        ("artifacts", {"offset": 1195}, "SELECT id FROM artifact ORDER BY id DESC OFFSET 1195", "ordered"),
        # artifact_collections
        ("artifact_collections", {"artifacts": {"key": {"like_": "e"}, "type": {"not_any_": ["table"]}}},
         "SELECT id FROM artifact_collection WHERE key ILIKE '%e%' AND type NOT IN ('table')"),
        ("artifact_collections", {"artifacts": {"latest_id": {"any_": art}}},
         f"SELECT id FROM artifact_collection WHERE latest_id IN {lst(art)}", "empty"),
        ("artifact_collections", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "sort": "KEY_ASC"},
         "SELECT id FROM artifact_collection AS artifact WHERE "
         + run_exists.format("flow_run.state_type IN ('COMPLETED')") + " ORDER BY key ASC", "ordered"),
        # flows
        ("flows", {"flows": {"id": {"any_": flows}}}, f"SELECT id FROM flow WHERE id IN {lst(flows)}"),
        ("flows", {"flows": {"id": {"not_any_": flows}}}, f"SELECT id FROM flow WHERE id NOT IN {lst(flows)}"),
        ("flows", {"flows": {"deployment": {"is_null_": True}}},
         "SELECT id FROM flow WHERE id NOT IN (SELECT flow_id FROM deployment)"),
        ("flows", {"flows": {"deployment": {"is_null_": False}}},
         "SELECT id FROM flow WHERE id IN (SELECT flow_id FROM deployment)"),
        ("flows", {"flows": {"name": {"any_": flow_names}}}, f"SELECT id FROM flow WHERE name IN {lst(flow_names)}"),
        ("flows", {"flows": {"name": {"like_": "ETL"}}}, "SELECT id FROM flow WHERE name ILIKE '%ETL%'"),
        ("flows", {"flows": {"tags": {"all_": ["prod"]}}}, f"SELECT id FROM flow WHERE tags ?& {arr(['prod'])}"),
        ("flows", {"flows": {"tags": {"is_null_": True}}}, "SELECT id FROM flow WHERE tags = '[]'", "empty"),
        ("flows", {"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "sort": "NAME_ASC"},
         "SELECT id FROM flow WHERE EXISTS (SELECT 1 FROM flow_run WHERE flow_run.flow_id = flow.id "
         "AND flow_run.state_type IN ('FAILED')) ORDER BY name ASC", "ordered"),
        ("flows", {"deployments": {"paused": {"eq_": True}}},
         "SELECT id FROM flow WHERE EXISTS (SELECT 1 FROM deployment WHERE deployment.flow_id = flow.id "
         "AND deployment.paused IS true)"),
        # flow_runs
        ("flow_runs", {"flow_runs": {"id": {"any_": runs}}}, f"SELECT id FROM flow_run WHERE id IN {lst(runs)}"),
        ("flow_runs", {"flow_runs": {"id": {"not_any_": runs}}}, f"SELECT id FROM flow_run WHERE id NOT IN {lst(runs)}"),
        ("flow_runs", {"flow_runs": {"name": {"any_": run_names}}},
         f"SELECT id FROM flow_run WHERE name IN {lst(run_names)}"),
        ("flow_runs", {"flow_runs": {"name": {"like_": "IB"}}}, "SELECT id FROM flow_run WHERE name ILIKE '%IB%'"),
        ("flow_runs", {"flow_runs": {"tags": {"all_": ["auto-scheduled", "prod"]}}},
         f"SELECT id FROM flow_run WHERE tags ?& {arr(['auto-scheduled', 'prod'])}"),
        ("flow_runs", {"flow_runs": {"tags": {"any_": ["dev", "staging"]}}},
         f"SELECT id FROM flow_run WHERE tags ?| {arr(['dev', 'staging'])}"),
        # a list's values reach PostgreSQL as they are, whatever they hold
        ("flow_runs", {"flow_runs": {"tags": {"any_": odd_tags}}},
         f"SELECT id FROM flow_run WHERE tags ?| {arr(odd_tags)}"),
        ("flow_runs", {"flow_runs": {"idempotency_key": {"not_any_": odd_keys}}},
         f"SELECT id FROM flow_run WHERE idempotency_key NOT IN {lst(odd_keys)}"),
        ("flow_runs", {"flow_runs": {"tags": {"any_": []}}}, "SELECT id FROM flow_run WHERE tags ?| CAST(ARRAY[] AS VARCHAR[])",
         "empty"),
        ("flow_runs", {"flow_runs": {"tags": {"is_null_": True}}}, "SELECT id FROM flow_run WHERE tags = '[]'"),
        ("flow_runs", {"flow_runs": {"tags": {"is_null_": False}}}, "SELECT id FROM flow_run WHERE tags != '[]'"),
        ("flow_runs", {"flow_runs": {"deployment_id": {"any_": deps}}},
         f"SELECT id FROM flow_run WHERE deployment_id IN {lst(deps)}"),
        ("flow_runs", {"flow_runs": {"deployment_id": {"is_null_": True}}},
         "SELECT id FROM flow_run WHERE deployment_id IS NULL"),
        ("flow_runs", {"flow_runs": {"work_queue_name": {"any_": ["etl", "ml"]}}},
         "SELECT id FROM flow_run WHERE work_queue_name IN ('etl', 'ml')"),
        ("flow_runs", {"flow_runs": {"work_queue_name": {"is_null_": True}}},
         "SELECT id FROM flow_run WHERE work_queue_name IS NULL"),
        ("flow_runs", {"flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING"]}}}},
         "SELECT id FROM flow_run WHERE state_type IN ('RUNNING', 'PENDING')"),
        ("flow_runs", {"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}},
         "SELECT id FROM flow_run WHERE state_type NOT IN ('COMPLETED')"),
        ("flow_runs", {"flow_runs": {"state": {"name": {"any_": ["Late", "Retrying"]}}}},
         "SELECT id FROM flow_run WHERE state_name IN ('Late', 'Retrying')"),
        ("flow_runs", {"flow_runs": {"state": {"operator": "or_", "name": {"not_any_": ["Completed"]},
                                               "type": {"any_": ["COMPLETED"]}}}},
         "SELECT id FROM flow_run WHERE state_name NOT IN ('Completed') OR state_type IN ('COMPLETED')"),
        ("flow_runs", {"flow_runs": {"flow_version": {"any_": versions}}},
         f"SELECT id FROM flow_run WHERE flow_version IN {lst(versions)}"),
        ("flow_runs", {"flow_runs": {"start_time": {"after_": mid_run}}},
         f"SELECT id FROM flow_run WHERE coalesce(start_time, expected_start_time) >= {mid_run_pg}"),
        ("flow_runs", {"flow_runs": {"start_time": {"before_": mid_run}}},
         f"SELECT id FROM flow_run WHERE coalesce(start_time, expected_start_time) <= {mid_run_pg}"),
        ("flow_runs", {"flow_runs": {"start_time": {"is_null_": True}}}, "SELECT id FROM flow_run WHERE start_time IS NULL"),
        ("flow_runs", {"flow_runs": {"end_time": {"after_": mid_run, "is_null_": False}}},
         f"SELECT id FROM flow_run WHERE end_time >= {mid_run_pg} AND end_time IS NOT NULL"),
        ("flow_runs", {"flow_runs": {"end_time": {"before_": mid_run}}},
         f"SELECT id FROM flow_run WHERE end_time <= {mid_run_pg}"),
        ("flow_runs", {"flow_runs": {"expected_start_time": {"after_": mid_run, "before_": "2026-10-20T00:00:00+02:00"}}},
         f"SELECT id FROM flow_run WHERE expected_start_time >= {mid_run_pg} "
         "AND expected_start_time <= '2026-10-19 22:00:00+00'"),
        ("flow_runs", {"flow_runs": {"next_scheduled_start_time": {"after_": mid_run}}},
         f"SELECT id FROM flow_run WHERE next_scheduled_start_time >= {mid_run_pg}"),
        ("flow_runs", {"flow_runs": {"next_scheduled_start_time": {"before_": mid_run}}},
         f"SELECT id FROM flow_run WHERE next_scheduled_start_time <= {mid_run_pg}"),
        ("flow_runs", {"flow_runs": {"parent_flow_run_id": {"any_": parents}}},
         "SELECT id FROM flow_run WHERE id IN (SELECT flow_run.id FROM flow_run JOIN task_run "
         f"ON task_run.id = flow_run.parent_task_run_id WHERE task_run.flow_run_id IN {lst(parents)})"),
        ("flow_runs", {"flow_runs": {"parent_task_run_id": {"any_": parent_tasks}}},
         f"SELECT id FROM flow_run WHERE parent_task_run_id IN {lst(parent_tasks)}"),
        ("flow_runs", {"flow_runs": {"parent_task_run_id": {"is_null_": False}}},
         "SELECT id FROM flow_run WHERE parent_task_run_id IS NOT NULL"),
        ("flow_runs", {"flow_runs": {"idempotency_key": {"any_": idem}}},
         f"SELECT id FROM flow_run WHERE idempotency_key IN {lst(idem)}"),
        ("flow_runs", {"flow_runs": {"idempotency_key": {"not_any_": idem}}},
         f"SELECT id FROM flow_run WHERE idempotency_key NOT IN {lst(idem)}"),
        ("flow_runs", {"flow_runs": {"created_by": {"id_": creators}}},
         f"SELECT id FROM flow_run WHERE (created_by ->> 'id') IN {lst(creators)}"),
        ("flow_runs", {"flow_runs": {"created_by": {"type_": ["SCHEDULE"]}}},
         "SELECT id FROM flow_run WHERE (created_by ->> 'type') IN ('SCHEDULE')"),
        ("flow_runs", {"flow_runs": {"created_by": {"is_null_": True}}}, "SELECT id FROM flow_run WHERE created_by IS NULL"),
        ("flow_runs", {"deployments": {"tags": {"any_": ["prod"]}}},
         "SELECT id FROM flow_run WHERE EXISTS (SELECT 1 FROM deployment WHERE deployment.id = flow_run.deployment_id "
         f"AND deployment.tags ?| {arr(['prod'])})"),
        ("flow_runs", {"work_pools": {"name": {"any_": pool_names}}},
         "SELECT id FROM flow_run WHERE EXISTS (SELECT 1 FROM work_queue JOIN work_pool ON work_pool.id = "
         f"work_queue.work_pool_id WHERE work_queue.id = flow_run.work_queue_id AND work_pool.name IN {lst(pool_names)})"),
        ("flow_runs", {"work_pool_queues": {"id": {"any_": queues}}},
         f"SELECT id FROM flow_run WHERE EXISTS (SELECT 1 FROM work_queue WHERE work_queue.id = flow_run.work_queue_id "
         f"AND work_queue.id IN {lst(queues)})"),
        ("flow_runs", {"flows": {"id": {"any_": flows}}, "task_runs": {"name": {"like_": "0"}}},
         "SELECT id FROM flow_run WHERE EXISTS (SELECT 1 FROM flow, task_run WHERE flow.id = flow_run.flow_id AND "
         f"task_run.flow_run_id = flow_run.id AND flow.id IN {lst(flows)} AND task_run.name ILIKE '%0%')"),
        ("flow_runs", {"sort": "EXPECTED_START_TIME_DESC", "limit": 25},
         "SELECT id FROM flow_run ORDER BY expected_start_time DESC LIMIT 25", "ordered"),
        # task_runs
        ("task_runs", {"task_runs": {"id": {"any_": tasks}}}, f"SELECT id FROM task_run WHERE id IN {lst(tasks)}"),
        ("task_runs", {"task_runs": {"name": {"any_": task_names}}},
         f"SELECT id FROM task_run WHERE name IN {lst(task_names)}"),
        ("task_runs", {"task_runs": {"name": {"like_": "PUSH"}}}, "SELECT id FROM task_run WHERE name ILIKE '%PUSH%'"),
        ("task_runs", {"task_runs": {"tags": {"all_": ["db", "io"]}}},
         f"SELECT id FROM task_run WHERE tags ?& {arr(['db', 'io'])}"),
        ("task_runs", {"task_runs": {"tags": {"is_null_": True}}}, "SELECT id FROM task_run WHERE tags = '[]'"),
        ("task_runs", {"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}},
         "SELECT id FROM task_run WHERE state_type IN ('FAILED')"),
        ("task_runs", {"task_runs": {"state": {"name": {"any_": ["Completed"]}}}},
         "SELECT id FROM task_run WHERE state_name IN ('Completed')"),
        ("task_runs", {"task_runs": {"start_time": {"after_": mid_task, "is_null_": False}}},
         f"SELECT id FROM task_run WHERE start_time >= {mid_task_pg} AND start_time IS NOT NULL"),
        ("task_runs", {"task_runs": {"start_time": {"before_": mid_task}}},
         f"SELECT id FROM task_run WHERE start_time <= {mid_task_pg}"),
        ("task_runs", {"task_runs": {"end_time": {"before_": mid_task, "after_": "2026-01-01"}}},
         f"SELECT id FROM task_run WHERE end_time <= {mid_task_pg} AND end_time >= '2026-01-01 00:00:00+00'"),
        ("task_runs", {"task_runs": {"end_time": {"is_null_": True}}}, "SELECT id FROM task_run WHERE end_time IS NULL"),
        ("task_runs", {"task_runs": {"expected_start_time": {"after_": mid_task}}},
         f"SELECT id FROM task_run WHERE expected_start_time >= {mid_task_pg}"),
        ("task_runs", {"task_runs": {"expected_start_time": {"before_": mid_task}}},
         f"SELECT id FROM task_run WHERE expected_start_time <= {mid_task_pg}"),
        ("task_runs", {"task_runs": {"subflow_runs": {"exists_": True}}},
         "SELECT id FROM task_run WHERE EXISTS (SELECT 1 FROM flow_run WHERE flow_run.parent_task_run_id = task_run.id)"),
        ("task_runs", {"task_runs": {"subflow_runs": {"exists_": False}, "flow_run_id": {"any_": parents}}},
         "SELECT id FROM task_run WHERE NOT EXISTS (SELECT 1 FROM flow_run WHERE flow_run.parent_task_run_id = "
         f"task_run.id) AND flow_run_id IN {lst(parents)}"),
        ("task_runs", {"task_runs": {"flow_run_id": {}}}, "SELECT id FROM task_run WHERE flow_run_id IS NOT NULL"),
        ("task_runs", {"task_runs": {"flow_run_id": {"is_null_": True}}}, "SELECT id FROM task_run WHERE flow_run_id IS NULL",
         "empty"),
        ("task_runs", {"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "flows": {"name": {"any_": flow_names}}},
         "SELECT id FROM task_run WHERE EXISTS (SELECT 1 FROM flow_run JOIN flow ON flow.id = flow_run.flow_id WHERE "
         f"flow_run.id = task_run.flow_run_id AND flow_run.state_type IN ('FAILED') AND flow.name IN {lst(flow_names)})"),
        ("task_runs", {"sort": "NAME_DESC", "task_runs": {"id": {"any_": tasks}}},
         f"SELECT id FROM task_run WHERE id IN {lst(tasks)} ORDER BY name DESC", "ordered"),
        # deployments
        ("deployments", {"deployments": {"id": {"any_": deps}}}, f"SELECT id FROM deployment WHERE id IN {lst(deps)}"),
        ("deployments", {"deployments": {"id": {"not_any_": deps}}},
         f"SELECT id FROM deployment WHERE id NOT IN {lst(deps)}"),
        ("deployments", {"deployments": {"name": {"any_": ["prod"]}}}, "SELECT id FROM deployment WHERE name IN ('prod')"),
        ("deployments", {"deployments": {"name": {"like_": "STAG"}}}, "SELECT id FROM deployment WHERE name ILIKE '%STAG%'"),
        ("deployments", {"deployments": {"flow_or_deployment_name": {"like_": "orders"}}},
         "SELECT id FROM deployment WHERE name ILIKE '%orders%' OR EXISTS (SELECT 1 FROM flow WHERE flow.id = "
         "deployment.flow_id AND flow.name ILIKE '%orders%')"),
        ("deployments", {"deployments": {"paused": {"eq_": False}}}, "SELECT id FROM deployment WHERE paused IS false"),
        ("deployments", {"deployments": {"tags": {"all_": ["prod"]}}},
         f"SELECT id FROM deployment WHERE tags ?& {arr(['prod'])}"),
        ("deployments", {"deployments": {"tags": {"any_": ["staging", "x"]}}},
         f"SELECT id FROM deployment WHERE tags ?| {arr(['staging', 'x'])}"),
        ("deployments", {"deployments": {"tags": {"is_null_": False}}}, "SELECT id FROM deployment WHERE tags != '[]'"),
        ("deployments", {"deployments": {"work_queue_name": {"any_": ["etl"]}}},
         "SELECT id FROM deployment WHERE work_queue_name IN ('etl')"),
        ("deployments", {"deployments": {"concurrency_limit": {"ge_": 5}}}, "SELECT id FROM deployment"),
        ("deployments", {"flows": {"name": {"any_": flow_names}}},
         "SELECT id FROM deployment WHERE EXISTS (SELECT 1 FROM flow WHERE flow.id = deployment.flow_id AND "
         f"flow.name IN {lst(flow_names)})"),
        ("deployments", {"flow_runs": {"state": {"type": {"any_": ["CRASHED"]}}}, "task_runs": {}},
         "SELECT id FROM deployment WHERE EXISTS (SELECT 1 FROM flow_run JOIN task_run ON task_run.flow_run_id = "
         "flow_run.id WHERE flow_run.deployment_id = deployment.id AND flow_run.state_type IN ('CRASHED'))"),
        ("deployments", {"work_pools": {"type": {"any_": ["kubernetes"]}}},
         "SELECT id FROM deployment WHERE EXISTS (SELECT 1 FROM work_queue JOIN work_pool ON work_pool.id = "
         "work_queue.work_pool_id WHERE work_queue.id = deployment.work_queue_id AND work_pool.type IN ('kubernetes'))"),
        ("deployments", {"sort": "CREATED_DESC", "limit": 3},
         "SELECT id FROM deployment ORDER BY created DESC LIMIT 3", "ordered"),
        # logs
        ("logs", {"logs": {"level": {"ge_": 30}}}, "SELECT id FROM log WHERE level >= 30"),
        ("logs", {"logs": {"level": {"le_": 20}}}, "SELECT id FROM log WHERE level <= 20"),
        ("logs", {"logs": {"timestamp": {"after_": mid_log}}}, f"SELECT id FROM log WHERE timestamp >= {mid_log_pg}"),
        ("logs", {"logs": {"timestamp": {"before_": mid_log}}}, f"SELECT id FROM log WHERE timestamp <= {mid_log_pg}"),
        ("logs", {"logs": {"flow_run_id": {"any_": log_runs}}}, f"SELECT id FROM log WHERE flow_run_id IN {lst(log_runs)}"),
        ("logs", {"logs": {"task_run_id": {"any_": log_tasks}}}, f"SELECT id FROM log WHERE task_run_id IN {lst(log_tasks)}"),
        ("logs", {"logs": {"task_run_id": {"is_null_": True}}}, "SELECT id FROM log WHERE task_run_id IS NULL"),
        ("logs", {"logs": {"text": {"query": "flow -beginning"}}},
         "SELECT id FROM log WHERE lower(concat(message, ' ', name)) LIKE '%' || 'flow' || '%' "
         "AND NOT lower(concat(message, ' ', name)) LIKE '%' || 'beginning' || '%'"),
        ("logs", {"logs": {"text": {"query": "error warn"}}, "sort": "TIMESTAMP_DESC", "limit": 10},
         "SELECT id FROM log WHERE lower(concat(message, ' ', name)) LIKE '%error%' OR "
         "lower(concat(message, ' ', name)) LIKE '%warn%' ORDER BY timestamp DESC LIMIT 10", "ordered"),
        # a phrase, a required term, an excluded one: the three groups ANDed, as Prefect appends them; a
        # term's % and _ are LIKE's wildcards there (contains() without autoescape), so are they here
        ("logs", {"logs": {"text": {"query": '+PREFECT.task_run "Finished IN" !poll-kafka-0'}}},
         "SELECT id FROM log WHERE lower(concat(message, ' ', name)) LIKE '%' || 'finished in' || '%' "
         "AND NOT lower(concat(message, ' ', name)) LIKE '%' || 'poll-kafka-0' || '%' "
         "AND lower(concat(message, ' ', name)) LIKE '%' || 'prefect.task_run' || '%'"),
        ("logs", {"logs": {"operator": "or_", "level": {"ge_": 40}, "task_run_id": {"is_null_": False},
                           "flow_run_id": {"any_": log_runs}}},
         f"SELECT id FROM log WHERE level >= 40 OR task_run_id IS NOT NULL OR flow_run_id IN {lst(log_runs)}"),
        ("logs", {"logs": {"timestamp": {"after_": mid_log}, "level": {"le_": 20}}, "sort": "TIMESTAMP_ASC",
                  "limit": 5, "offset": 2},
         f"SELECT id FROM log WHERE timestamp >= {mid_log_pg} AND level <= 20 ORDER BY timestamp ASC LIMIT 5 OFFSET 2",
         "ordered"),
        # variables, work pools, work queues, workers
        ("variables", {"variables": {"id": {"any_": variables}}}, f"SELECT id FROM variable WHERE id IN {lst(variables)}"),
        ("variables", {"variables": {"name": {"any_": var_names}}},
         f"SELECT id FROM variable WHERE name IN {lst(var_names)}"),
        ("variables", {"variables": {"name": {"like_": "ETL"}}}, "SELECT id FROM variable WHERE name ILIKE '%ETL%'"),
        ("variables", {"variables": {"tags": {"all_": ["ml"]}}}, f"SELECT id FROM variable WHERE tags ?& {arr(['ml'])}"),
        ("variables", {"variables": {"tags": {"is_null_": True}}}, "SELECT id FROM variable WHERE tags = '[]'"),
        ("variables", {"variables": {"tags": {"is_null_": False}}}, "SELECT id FROM variable WHERE tags != '[]'"),
        ("variables", {"variables": {"operator": "or_", "name": {"like_": "etl"}, "tags": {"all_": ["ml"]}}},
         f"SELECT id FROM variable WHERE name ILIKE '%etl%' OR tags ?& {arr(['ml'])}"),
        ("variables", {"variables": {"name": {"any_": var_names}}, "sort": "NAME_DESC", "limit": 1},
         f"SELECT id FROM variable WHERE name IN {lst(var_names)} ORDER BY name DESC LIMIT 1", "ordered"),
        ("work_pools", {"work_pools": {"id": {"any_": pools}}}, f"SELECT id FROM work_pool WHERE id IN {lst(pools)}"),
        ("work_pools", {"work_pools": {"name": {"any_": pool_names}}},
         f"SELECT id FROM work_pool WHERE name IN {lst(pool_names)}"),
        ("work_pools", {"work_pools": {"type": {"any_": ["docker"]}}}, "SELECT id FROM work_pool WHERE type IN ('docker')"),
        ("work_pools", {"work_pools": {"operator": "or_", "name": {"any_": pool_names[:1]},
                                       "type": {"any_": ["kubernetes"]}}},
         f"SELECT id FROM work_pool WHERE name IN {lst(pool_names[:1])} OR type IN ('kubernetes')"),
        ("work_queues", {"work_queues": {"id": {"any_": queues}}}, f"SELECT id FROM work_queue WHERE id IN {lst(queues)}"),
        ("work_queues", {"work_queues": {"name": {"any_": ["etl"]}}}, "SELECT id FROM work_queue WHERE name IN ('etl')"),
        ("work_queues", {"work_queues": {"name": {"startswith_": ["E", "de"]}}},
         "SELECT id FROM work_queue WHERE name ILIKE 'E%' OR name ILIKE 'de%'"),
        ("work_queues", {"work_queues": {"operator": "or_", "id": {"any_": queues[:1]}, "name": {"startswith_": ["m"]}}},
         f"SELECT id FROM work_queue WHERE id IN {lst(queues[:1])} OR name ILIKE 'm%'"),
        ("workers", {"workers": {"last_heartbeat_time": {"after_": beat}}},
         f"SELECT id FROM worker WHERE last_heartbeat_time >= {beat_pg}"),
        ("workers", {"workers": {"last_heartbeat_time": {"before_": beat}}},
         f"SELECT id FROM worker WHERE last_heartbeat_time <= {beat_pg}"),
        ("workers", {"workers": {"status": {"any_": ["ONLINE"]}}}, "SELECT id FROM worker WHERE status IN ('ONLINE')"),
        ("workers", {"workers": {"status": {"not_any_": ["ONLINE"]}}}, "SELECT id FROM worker WHERE status NOT IN ('ONLINE')"),
        ("workers", {"workers": {"operator": "or_", "status": {"any_": ["OFFLINE"]},
                                 "last_heartbeat_time": {"after_": "2026-10-31T00:00:00Z"}}},
         "SELECT id FROM worker WHERE status IN ('OFFLINE') OR last_heartbeat_time >= '2026-10-31 00:00:00+00'"),
        ("workers", {"workers": {"last_heartbeat_time": {"before_": beat, "after_": "2026-01-01T00:00:00Z"}}},
         f"SELECT id FROM worker WHERE last_heartbeat_time <= {beat_pg} AND last_heartbeat_time >= "
         "'2026-01-01 00:00:00+00'"),
    ]
    return cases


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: test_differential.py SQLITE_DB (the data loaded into PostgreSQL)")
    cases = build_cases(sqlite3.connect(sys.argv[1]))
    db = pglib.sqlite_connection()
    parts, failures = [], []
    for i, case in enumerate(cases):
        table, body, oracle = case[:3]
        sql, params = pglib.pg_statement(db, table, json.dumps(body))
        if sql is None:
            failures.append(f"{table} {json.dumps(body)}: not compiled: {params}")
            continue
        parts.append((f"ext{i}", pglib.prepared(f"q{i}", sql, params)))
        parts.append((f"oracle{i}", oracle))
    rows = pglib.run_marked(parts)
    selecting = 0
    for i, case in enumerate(cases):
        table, body, oracle = case[:3]
        flags = case[3:]
        if f"ext{i}" not in rows:
            continue
        got = [r[0] for r in rows[f"ext{i}"]]
        want = [r[0] for r in rows[f"oracle{i}"]]
        if "ordered" not in flags:
            got, want = sorted(got), sorted(want)
        if got != want:
            failures.append(f"{table} {json.dumps(body)}: {len(got)} rows, hand-written SQL {len(want)}")
        elif not want and "empty" not in flags:
            failures.append(f"{table} {json.dumps(body)}: no row (the case should select some)")
        selecting += bool(want)
    for line in failures:
        print("FAIL", line)
    print(f"pg differential: {len(cases) - len(failures)} of {len(cases)} bodies agree "
          f"({selecting} selecting rows)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
