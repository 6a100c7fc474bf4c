-- The requests Prefect's web UI (ui-v2) sends for its main pages, exactly as
-- it builds them (docs/ui-requests.md lists each with its page and widget),
-- answered on the demo database through prefect_api(), every one of them,
-- against hand-written SQL over Prefect's tables that follows Prefect's rules
-- (ids in order, counts, and field by field where the answer is a list of
-- objects). The clock is pinned: "now" is 2026-10-20 12:00 UTC,
-- so the dashboard's default window (the last 24 hours, rounded to the
-- minute) is 2026-10-19T12:00:00.000Z .. 2026-10-20T12:00:00.000Z, as the
-- browser's toISOString() writes it. Prints label | route | agrees | rows.
ATTACH 'file:dist/demo.db?mode=ro' AS demo;
.mode list
SELECT prefect_set_now('2026-10-20T12:00:00Z') IS NOT NULL;
-- the values a page has in hand (from its URL or an earlier answer)
CREATE TEMP TABLE v(k PRIMARY KEY, v);
INSERT INTO v SELECT 'FLOW', id FROM flow WHERE name = 'etl-orders';
-- the flow of the dashboard's one failed run in the window (its accordion section)
INSERT INTO v SELECT 'FAILFLOW', id FROM flow WHERE name = 'sync-crm';
INSERT INTO v SELECT 'DEP', d.id FROM deployment AS d JOIN flow AS f ON f.id = d.flow_id WHERE f.name = 'etl-orders' AND d.name = 'prod';
INSERT INTO v SELECT 'POOL', id FROM work_pool WHERE name = 'k8s-prod';
INSERT INTO v SELECT 'SUBRUN', id FROM flow_run WHERE name = 'brave-gecko' AND parent_task_run_id IS NOT NULL;
INSERT INTO v SELECT 'PTR', parent_task_run_id FROM flow_run WHERE name = 'brave-gecko' AND parent_task_run_id IS NOT NULL;
INSERT INTO v SELECT 'RUN', t.flow_run_id FROM task_run AS t JOIN flow_run AS s ON s.parent_task_run_id = t.id WHERE s.name = 'brave-gecko' AND s.parent_task_run_id IS NOT NULL;
INSERT INTO v SELECT 'ART', latest_id FROM artifact_collection WHERE "key" = 'dbt-build-metrics';
-- the dashboard's window, in the browser's spelling and as Prefect stores it
INSERT INTO v VALUES ('FROM', '2026-10-19T12:00:00.000Z'), ('TO', '2026-10-20T12:00:00.000Z');
CREATE TEMP TABLE w(lo, hi);
INSERT INTO w VALUES ('2026-10-19 12:00:00.000000', '2026-10-20 12:00:00.000000');
-- each run's estimated_run_time and estimated_start_time_delta in microseconds, as Prefect's
-- hybrid properties compute them (database/orm_models.py, Run): the total run time, plus now minus
-- the state's timestamp while RUNNING; the start's delay past the expected start, or now minus the
-- expected start for a run not started, not in a terminal state and expected before now; else 0.
-- now = the pinned clock; us(x) = x as microseconds since the epoch (intervals are stored as
-- 1970-01-01 plus the interval): the whole seconds of its first 19 characters (strftime() rounds a
-- fraction to milliseconds, '.999738' into the next second), then the fraction's digits
CREATE TEMP VIEW est AS
SELECT id, state_type, start_time, expected_start_time,
       CAST(strftime('%s', substr(total_run_time, 1, 19)) AS INTEGER) * 1000000 + CAST(substr(total_run_time, 21, 6) AS INTEGER)
       + CASE WHEN state_type = 'RUNNING' THEN 1792497600000000 - (CAST(strftime('%s', substr(state_timestamp, 1, 19)) AS INTEGER) * 1000000
                                                                  + CAST(substr(state_timestamp, 21, 6) AS INTEGER)) ELSE 0 END AS run_us,
       CASE WHEN start_time > expected_start_time
            THEN (CAST(strftime('%s', substr(start_time, 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(expected_start_time, 1, 19)) AS INTEGER)) * 1000000
                 + CAST(substr(start_time, 21, 6) AS INTEGER) - CAST(substr(expected_start_time, 21, 6) AS INTEGER)
            WHEN start_time IS NULL AND state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')
                 AND expected_start_time < '2026-10-20 12:00:00.000000'
            THEN 1792497600000000 - (CAST(strftime('%s', substr(expected_start_time, 1, 19)) AS INTEGER) * 1000000
                                     + CAST(substr(expected_start_time, 21, 6) AS INTEGER))
            ELSE 0 END AS late_us
  FROM flow_run
UNION ALL
SELECT id, state_type, start_time, expected_start_time,
       CAST(strftime('%s', substr(total_run_time, 1, 19)) AS INTEGER) * 1000000 + CAST(substr(total_run_time, 21, 6) AS INTEGER)
       + CASE WHEN state_type = 'RUNNING' THEN 1792497600000000 - (CAST(strftime('%s', substr(state_timestamp, 1, 19)) AS INTEGER) * 1000000
                                                                  + CAST(substr(state_timestamp, 21, 6) AS INTEGER)) ELSE 0 END,
       CASE WHEN start_time > expected_start_time
            THEN (CAST(strftime('%s', substr(start_time, 1, 19)) AS INTEGER) - CAST(strftime('%s', substr(expected_start_time, 1, 19)) AS INTEGER)) * 1000000
                 + CAST(substr(start_time, 21, 6) AS INTEGER) - CAST(substr(expected_start_time, 21, 6) AS INTEGER)
            WHEN start_time IS NULL AND state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')
                 AND expected_start_time < '2026-10-20 12:00:00.000000'
            THEN 1792497600000000 - (CAST(strftime('%s', substr(expected_start_time, 1, 19)) AS INTEGER) * 1000000
                                     + CAST(substr(expected_start_time, 21, 6) AS INTEGER))
            ELSE 0 END
  FROM task_run;
SELECT 'now is', strftime('%s', '2026-10-20 12:00:00') * 1000000 = 1792497600000000;

-- the bodies, with $NAME for a value above
CREATE TEMP TABLE b(label PRIMARY KEY, body);
INSERT INTO b VALUES
('dash.total', '{}'),
('dash.runs', '{"sort": "EXPECTED_START_TIME_DESC", "offset": 0, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}}}'),
('dash.count', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}}}'),
('dash.count.failed', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}}'),
('dash.count.running', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["RUNNING", "PENDING", "CANCELLING"]}}}}'),
('dash.count.completed', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED"]}}}}'),
('dash.count.scheduled', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["SCHEDULED", "PAUSED"]}}}}'),
('dash.count.cancelled', '{"flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["CANCELLED"]}}}}'),
('dash.failed.runs', '{"sort": "EXPECTED_START_TIME_DESC", "offset": 0, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}}'),
('dash.failed.flow.last', '{"sort": "EXPECTED_START_TIME_DESC", "offset": 0, "limit": 1, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FAILFLOW"]}}}'),
('dash.failed.flow.page', '{"sort": "EXPECTED_START_TIME_DESC", "offset": 0, "page": 1, "limit": 3, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FAILFLOW"]}}}'),
('dash.flows', '{"flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}, "offset": 0, "sort": "CREATED_DESC"}'),
('dash.flows.updated', '{"flows": {"operator": "and_", "id": {"any_": ["$FLOW", "$FAILFLOW"]}}, "offset": 0, "sort": "UPDATED_DESC"}'),
('dash.deployments', '{"deployments": {"operator": "and_", "id": {"any_": ["$DEP"]}}, "offset": 0, "sort": "CREATED_DESC"}'),
('dash.task.total', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED", "FAILED", "CRASHED", "RUNNING"]}}}}'),
('dash.task.completed', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED"]}}}}'),
('dash.task.running', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["RUNNING"]}}}}'),
('dash.task.failed', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}}'),
('dash.task.history', '{"history_start": "$FROM", "history_end": "$TO", "history_interval_seconds": 4320, "flow_runs": {"operator": "and_"}, "task_runs": {"operator": "and_", "start_time": {"after_": "$FROM", "before_": "$TO"}}}'),
('dash.pools', '{"offset": 0}'),
('dash.pool.bars', '{"limit": 24, "sort": "START_TIME_DESC", "offset": 0, "work_pools": {"operator": "and_", "id": {"any_": ["$POOL"]}}, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}}}'),
('dash.pool.done', '{"sort": "ID_DESC", "offset": 0, "work_pools": {"operator": "and_", "id": {"any_": ["$POOL"]}}, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}}}}'),
('dash.pool.done.completed', '{"sort": "ID_DESC", "offset": 0, "work_pools": {"operator": "and_", "id": {"any_": ["$POOL"]}}, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED"]}}}}'),
('dash.pool.late', '{"sort": "ID_DESC", "offset": 0, "work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}, "state": {"operator": "and_", "name": {"any_": ["Late"]}}}}'),
('dash.pool.lateness', '{"sort": "ID_DESC", "offset": 0, "work_pools": {"operator": "and_", "id": {"any_": ["$POOL"]}}, "flow_runs": {"operator": "and_", "expected_start_time": {"after_": "$FROM", "before_": "$TO"}}}'),
('runs.flow', '{"page": 1, "limit": 100, "sort": "START_TIME_DESC"}'),
('runs.flow.states', '{"page": 1, "limit": 100, "sort": "START_TIME_DESC", "flow_runs": {"operator": "and_", "parent_task_run_id": {"operator": "and_", "is_null_": true}, "state": {"operator": "and_", "name": {"any_": ["Failed", "Crashed", "TimedOut"]}}}, "work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}}'),
('runs.history', '{"sort": "EXPECTED_START_TIME_DESC", "limit": 1000, "offset": 0}'),
('runs.history.states', '{"sort": "EXPECTED_START_TIME_DESC", "limit": 1000, "offset": 0, "flow_runs": {"operator": "and_", "parent_task_run_id": {"operator": "and_", "is_null_": true}, "state": {"operator": "and_", "name": {"any_": ["Failed", "Crashed", "TimedOut"]}}}, "work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}}'),
('runs.task', '{"page": 1, "limit": 100, "sort": "EXPECTED_START_TIME_DESC"}'),
('runs.task.states', '{"page": 1, "limit": 100, "sort": "EXPECTED_START_TIME_DESC", "task_runs": {"operator": "and_", "name": {"like_": "load"}}, "flow_runs": {"operator": "and_", "state": {"operator": "and_", "name": {"any_": ["Completed"]}}, "tags": {"operator": "and_", "any_": ["prod"]}}}'),
('flow.runs', '{"page": 1, "limit": 10, "sort": "START_TIME_DESC", "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}}'),
('flow.deployments', '{"sort": "NAME_ASC", "page": 1, "limit": 10, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}, "deployments": {"operator": "and_", "flow_or_deployment_name": {}, "tags": {"operator": "and_", "all_": []}}}'),
('flow.started', '{"flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}, "flow_runs": {"operator": "and_", "start_time": {"is_null_": false}}, "offset": 0, "limit": 60, "sort": "START_TIME_DESC"}'),
('flow.started.count', '{"flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}, "flow_runs": {"operator": "and_", "start_time": {"is_null_": false}}}'),
('flow.task.completed', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}}'),
('flow.task.total', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "state": {"operator": "and_", "type": {"any_": ["COMPLETED", "FAILED", "CRASHED", "RUNNING"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}}'),
('flow.task.failed', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "state": {"operator": "and_", "type": {"any_": ["FAILED", "CRASHED"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}}'),
('flow.task.running', '{"task_runs": {"operator": "and_", "subflow_runs": {"exists_": false}, "state": {"operator": "and_", "type": {"any_": ["RUNNING"]}}}, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}}'),
('flow.task.history', '{"history_start": "2026-10-13T12:00:00.000Z", "history_end": "2026-10-20T12:00:00.000Z", "history_interval_seconds": 30240, "flows": {"operator": "and_", "id": {"any_": ["$FLOW"]}}, "task_runs": {"operator": "and_", "start_time": {"after_": "2026-10-13T12:00:00.000Z", "before_": "2026-10-20T12:00:00.000Z"}}}'),
('deployment.runs', '{"deployments": {"operator": "and_", "id": {"any_": ["$DEP"]}}, "flow_runs": {"name": {}, "state": {"name": {"any_": ["Late", "Resuming", "AwaitingRetry", "AwaitingConcurrencySlot", "Pending", "Submitting", "InfrastructurePending", "Paused", "Suspended", "Running", "Retrying", "Completed", "Cached", "Cancelled", "Cancelling", "Crashed", "Failed", "TimedOut"]}, "operator": "or_"}, "operator": "and_"}, "limit": 10, "page": 1, "sort": "START_TIME_DESC"}'),
('deployment.upcoming', '{"deployments": {"operator": "and_", "id": {"any_": ["$DEP"]}}, "flow_runs": {"name": {}, "state": {"name": {"any_": ["Scheduled"]}, "operator": "or_"}, "operator": "and_"}, "limit": 5, "page": 1, "sort": "START_TIME_ASC"}'),
('deployment.next', '{"deployments": {"id": {"any_": ["$DEP"]}, "operator": "and_"}, "flow_runs": {"state": {"name": {"any_": ["Scheduled"]}, "operator": "and_"}, "operator": "and_"}, "sort": "EXPECTED_START_TIME_ASC", "limit": 1, "offset": 0}'),
('run.logs', '{"limit": 50, "sort": "TIMESTAMP_ASC", "logs": {"operator": "and_", "level": {"ge_": 0}, "flow_run_id": {"any_": ["$RUN"]}}, "offset": 0}'),
('run.artifacts', '{"artifacts": {"operator": "and_", "flow_run_id": {"any_": ["$RUN"]}, "type": {"not_any_": ["result"]}}, "sort": "ID_DESC", "offset": 0}'),
('run.tasks.count', '{"task_runs": {"operator": "and_", "flow_run_id": {"operator": "and_", "any_": ["$RUN"], "is_null_": false}, "subflow_runs": {"exists_": false}}}'),
('run.tasks.page', '{"task_runs": {"operator": "and_", "flow_run_id": {"operator": "and_", "any_": ["$RUN"], "is_null_": false}, "subflow_runs": {"exists_": false}}, "page": 1, "limit": 20, "sort": "EXPECTED_START_TIME_DESC"}'),
('run.tasks.all', '{"page": 1, "sort": "EXPECTED_START_TIME_DESC", "flow_runs": {"operator": "and_", "id": {"any_": ["$RUN"]}}}'),
('run.header.tasks', '{"task_runs": {"operator": "and_", "flow_run_id": {"operator": "and_", "any_": ["$RUN"], "is_null_": false}}}'),
('run.parent', '{"sort": "START_TIME_DESC", "offset": 0, "limit": 1, "task_runs": {"operator": "and_", "id": {"any_": ["$PTR"]}}}'),
('run.subflows.count', '{"flow_runs": {"operator": "and_", "parent_flow_run_id": {"operator": "and_", "any_": ["$RUN"]}}}'),
('run.subflows.page', '{"page": 1, "limit": 10, "sort": "START_TIME_DESC", "flow_runs": {"operator": "and_", "parent_flow_run_id": {"operator": "and_", "any_": ["$RUN"]}}}'),
('artifacts.latest', '{"artifacts": {"operator": "and_", "type": {}, "key": {"exists_": true, "like_": ""}}, "sort": "ID_DESC", "offset": 0}'),
('artifacts.key', '{"artifacts": {"operator": "and_", "key": {"any_": ["dbt-build-metrics"]}}, "sort": "CREATED_DESC", "offset": 0}'),
('pool.late.queue', '{"work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}, "work_pool_queues": {"operator": "and_", "name": {"any_": ["default"]}}, "flow_runs": {"operator": "and_", "state": {"operator": "and_", "name": {"any_": ["Late"]}}}}'),
('pool.runs', '{"page": 1, "limit": 10, "sort": "START_TIME_DESC", "work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}}'),
('pool.count', '{"work_pools": {"operator": "and_", "name": {"any_": ["k8s-prod"]}}}'),
('variables.list', '{"offset": 0, "limit": 10, "sort": "CREATED_DESC", "variables": {"operator": "and_"}}'),
('variables.search', '{"offset": 0, "limit": 10, "sort": "CREATED_DESC", "variables": {"operator": "and_", "name": {"like_": "ETL"}, "tags": {"operator": "and_", "all_": ["prod"]}}}');
UPDATE b SET body = replace(body, '$FAILFLOW', (SELECT v FROM v WHERE k = 'FAILFLOW'));
UPDATE b SET body = replace(body, '$FLOW', (SELECT v FROM v WHERE k = 'FLOW'));
UPDATE b SET body = replace(body, '$DEP', (SELECT v FROM v WHERE k = 'DEP'));
UPDATE b SET body = replace(body, '$POOL', (SELECT v FROM v WHERE k = 'POOL'));
UPDATE b SET body = replace(body, '$SUBRUN', (SELECT v FROM v WHERE k = 'SUBRUN'));
UPDATE b SET body = replace(body, '$PTR', (SELECT v FROM v WHERE k = 'PTR'));
UPDATE b SET body = replace(body, '$RUN', (SELECT v FROM v WHERE k = 'RUN'));
UPDATE b SET body = replace(body, '$FROM', (SELECT v FROM v WHERE k = 'FROM'));
UPDATE b SET body = replace(body, '$TO', (SELECT v FROM v WHERE k = 'TO'));
SELECT 'unfilled ' || label FROM b WHERE body LIKE '%$%';


-- each request: our answer (ext) and Prefect's rules written by hand (oracle)
CREATE TEMP TABLE cases(label, route, ext, oracle, n);
INSERT INTO cases(label, route, ext, oracle) VALUES
('dash.total', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.total')) AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM flow_run))),
('dash.runs', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'dash.runs')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) ORDER BY fr.expected_start_time DESC LIMIT 200))),
('dash.count', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w)))),
('dash.count.failed', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count.failed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('FAILED', 'CRASHED')))),
('dash.count.running', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count.running')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('RUNNING', 'PENDING', 'CANCELLING')))),
('dash.count.completed', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count.completed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('COMPLETED')))),
('dash.count.scheduled', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count.scheduled')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('SCHEDULED', 'PAUSED')))),
('dash.count.cancelled', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.count.cancelled')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('CANCELLED')))),
('dash.failed.runs', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'dash.failed.runs')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('FAILED', 'CRASHED') ORDER BY fr.expected_start_time DESC LIMIT 200))),
('dash.failed.flow.last', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'dash.failed.flow.last')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('FAILED', 'CRASHED') AND EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FAILFLOW'))) ORDER BY fr.expected_start_time DESC LIMIT 1))),
('dash.failed.flow.page', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'dash.failed.flow.page')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('FAILED', 'CRASHED') AND EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FAILFLOW'))))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND fr.state_type IN ('FAILED', 'CRASHED') AND EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FAILFLOW'))) ORDER BY fr.expected_start_time DESC LIMIT 3)))),
('dash.flows', '/flows/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flows/filter', (SELECT body FROM b WHERE label = 'dash.flows')))),
 (SELECT group_concat(id) FROM (SELECT id FROM flow WHERE id IN ((SELECT v FROM v WHERE k = 'FLOW')) ORDER BY created DESC LIMIT 200))),
('dash.deployments', '/deployments/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /deployments/filter', (SELECT body FROM b WHERE label = 'dash.deployments')))),
 (SELECT group_concat(id) FROM (SELECT id FROM deployment WHERE id IN ((SELECT v FROM v WHERE k = 'DEP')) ORDER BY created DESC LIMIT 200))),
('dash.task.total', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'dash.task.total')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.start_time >= (SELECT lo FROM w) AND t.start_time <= (SELECT hi FROM w) AND t.state_type IN ('COMPLETED', 'FAILED', 'CRASHED', 'RUNNING')))),
('dash.task.failed', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'dash.task.failed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.start_time >= (SELECT lo FROM w) AND t.start_time <= (SELECT hi FROM w) AND t.state_type IN ('FAILED', 'CRASHED')))),
('dash.pool.bars', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'dash.pool.bars')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.id IN ((SELECT v FROM v WHERE k = 'POOL'))) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 24))),
('dash.pool.done', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.pool.done')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.id IN ((SELECT v FROM v WHERE k = 'POOL'))) AND fr.state_type IN ('COMPLETED', 'FAILED', 'CRASHED')))),
('dash.pool.late', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.pool.late')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')) AND fr.state_name IN ('Late')))),
('dash.pool.lateness (its sort and offset ignored)', '/flow_runs/lateness',
 (SELECT abs(CAST(prefect_api('POST /flow_runs/lateness', (SELECT body FROM b WHERE label = 'dash.pool.lateness')) AS REAL) - (SELECT avg(CASE WHEN fr.start_time > fr.expected_start_time THEN strftime('%s', fr.start_time) - strftime('%s', fr.expected_start_time) WHEN fr.start_time IS NULL AND fr.state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') AND fr.expected_start_time < '2026-10-20 12:00:00' THEN strftime('%s', '2026-10-20 12:00:00') - strftime('%s', fr.expected_start_time) ELSE 0 END) FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.id IN ((SELECT v FROM v WHERE k = 'POOL'))))) < 1e-9),
 1),
('runs.flow', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'runs.flow')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE 1)) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE 1 ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 100)))),
('runs.flow.states', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'runs.flow.states')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.parent_task_run_id IS NULL AND fr.state_name IN ('Failed', 'Crashed', 'TimedOut') AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.parent_task_run_id IS NULL AND fr.state_name IN ('Failed', 'Crashed', 'TimedOut') AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 100)))),
('runs.task', '/task_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /task_runs/paginate', (SELECT body FROM b WHERE label = 'runs.task')) AS x)),
 ((SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE 1)) || ':' || (SELECT group_concat(id) FROM (SELECT t.id FROM task_run AS t WHERE 1 ORDER BY t.expected_start_time DESC LIMIT 100)))),
('runs.task.states', '/task_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /task_runs/paginate', (SELECT body FROM b WHERE label = 'runs.task.states')) AS x)),
 ((SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE lower(t.name) LIKE lower('%load%') AND EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = t.flow_run_id AND fr.state_name IN ('Completed') AND EXISTS (SELECT 1 FROM json_each(fr.tags) AS x WHERE x.value IN ('prod'))))) || ':' || (SELECT group_concat(id) FROM (SELECT t.id FROM task_run AS t WHERE lower(t.name) LIKE lower('%load%') AND EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = t.flow_run_id AND fr.state_name IN ('Completed') AND EXISTS (SELECT 1 FROM json_each(fr.tags) AS x WHERE x.value IN ('prod'))) ORDER BY t.expected_start_time DESC LIMIT 100)))),
('flow.runs', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'flow.runs')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW'))))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW'))) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 10)))),
('flow.deployments', '/deployments/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /deployments/paginate', (SELECT body FROM b WHERE label = 'flow.deployments')) AS x)),
 ((SELECT count(*) FROM (SELECT id FROM deployment WHERE flow_id IN ((SELECT v FROM v WHERE k = 'FLOW')))) || ':' || (SELECT group_concat(id) FROM (SELECT id FROM deployment WHERE flow_id IN ((SELECT v FROM v WHERE k = 'FLOW')) ORDER BY name ASC LIMIT 10)))),
('flow.started', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'flow.started')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW'))) AND fr.start_time IS NOT NULL ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 60))),
('flow.started.count', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'flow.started.count')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM flow AS f WHERE f.id = fr.flow_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW'))) AND fr.start_time IS NOT NULL))),
('flow.task.completed', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'flow.task.completed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.state_type IN ('COMPLETED') AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW')))))),
('flow.task.history', '/task_runs/history',
 (SELECT sum(json_array_length(value, '$.states') > 0) || ':' || (SELECT sum(s.value ->> 'count_runs') FROM json_each(prefect_api('POST /task_runs/history', (SELECT body FROM b WHERE label = 'flow.task.history'))) AS i, json_each(i.value, '$.states') AS s) || ':' || count(*) FROM json_each(prefect_api('POST /task_runs/history', (SELECT body FROM b WHERE label = 'flow.task.history')))),
 ((SELECT count(DISTINCT (strftime('%s', t.expected_start_time) - strftime('%s', '2026-10-13 12:00:00')) / 30240) FROM task_run AS t WHERE t.start_time >= '2026-10-13 12:00:00.000000' AND t.start_time <= '2026-10-20 12:00:00.000000' AND t.expected_start_time >= '2026-10-13 12:00:00.000000' AND t.expected_start_time < '2026-10-20 12:00:00.000000' AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW')))) || ':' || (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE t.start_time >= '2026-10-13 12:00:00.000000' AND t.start_time <= '2026-10-20 12:00:00.000000' AND t.expected_start_time >= '2026-10-13 12:00:00.000000' AND t.expected_start_time < '2026-10-20 12:00:00.000000' AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW'))))) || ':20')),
('deployment.runs', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'deployment.runs')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM deployment AS d WHERE d.id = fr.deployment_id AND d.id IN ((SELECT v FROM v WHERE k = 'DEP'))) AND fr.state_name IN ('Late', 'Resuming', 'AwaitingRetry', 'AwaitingConcurrencySlot', 'Pending', 'Submitting', 'InfrastructurePending', 'Paused', 'Suspended', 'Running', 'Retrying', 'Completed', 'Cached', 'Cancelled', 'Cancelling', 'Crashed', 'Failed', 'TimedOut'))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM deployment AS d WHERE d.id = fr.deployment_id AND d.id IN ((SELECT v FROM v WHERE k = 'DEP'))) AND fr.state_name IN ('Late', 'Resuming', 'AwaitingRetry', 'AwaitingConcurrencySlot', 'Pending', 'Submitting', 'InfrastructurePending', 'Paused', 'Suspended', 'Running', 'Retrying', 'Completed', 'Cached', 'Cancelled', 'Cancelling', 'Crashed', 'Failed', 'TimedOut') ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 10)))),
('deployment.upcoming', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'deployment.upcoming')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM deployment AS d WHERE d.id = fr.deployment_id AND d.id IN ((SELECT v FROM v WHERE k = 'DEP'))) AND fr.state_name IN ('Scheduled'))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM deployment AS d WHERE d.id = fr.deployment_id AND d.id IN ((SELECT v FROM v WHERE k = 'DEP'))) AND fr.state_name IN ('Scheduled') ORDER BY coalesce(fr.start_time, fr.expected_start_time) ASC LIMIT 5)))),
('deployment.next', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'deployment.next')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM deployment AS d WHERE d.id = fr.deployment_id AND d.id IN ((SELECT v FROM v WHERE k = 'DEP'))) AND fr.state_name IN ('Scheduled') ORDER BY fr.expected_start_time ASC LIMIT 1))),
('run.artifacts', '/artifacts/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /artifacts/filter', (SELECT body FROM b WHERE label = 'run.artifacts')))),
 (SELECT group_concat(id) FROM (SELECT id FROM artifact WHERE flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')) AND type NOT IN ('result') ORDER BY id DESC LIMIT 200))),
('run.tasks.count', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'run.tasks.count')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')) AND NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id)))),
('run.tasks.page', '/task_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /task_runs/paginate', (SELECT body FROM b WHERE label = 'run.tasks.page')) AS x)),
 ((SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')) AND NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id))) || ':' || (SELECT group_concat(id) FROM (SELECT t.id FROM task_run AS t WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')) AND NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) ORDER BY t.expected_start_time DESC LIMIT 20)))),
('run.tasks.all', '/task_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /task_runs/paginate', (SELECT body FROM b WHERE label = 'run.tasks.all')) AS x)),
 ((SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = t.flow_run_id AND fr.id IN ((SELECT v FROM v WHERE k = 'RUN'))))) || ':' || (SELECT group_concat(id) FROM (SELECT t.id FROM task_run AS t WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = t.flow_run_id AND fr.id IN ((SELECT v FROM v WHERE k = 'RUN'))) ORDER BY t.expected_start_time DESC LIMIT 200)))),
('run.header.tasks', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'run.header.tasks')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN'))))),
('run.parent', '/flow_runs/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'run.parent')))),
 (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM task_run AS t WHERE t.flow_run_id = fr.id AND t.id IN ((SELECT v FROM v WHERE k = 'PTR'))) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 1))),
('run.parent is the run', '-',
 ((SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT body FROM b WHERE label = 'run.parent')))) = (SELECT v FROM v WHERE k = 'RUN')),
 1),
('run.subflows.count', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'run.subflows.count')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.id IN (SELECT s.id FROM flow_run AS s JOIN task_run AS t ON t.id = s.parent_task_run_id WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')))))),
('run.subflows.page', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'run.subflows.page')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.id IN (SELECT s.id FROM flow_run AS s JOIN task_run AS t ON t.id = s.parent_task_run_id WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN'))))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.id IN (SELECT s.id FROM flow_run AS s JOIN task_run AS t ON t.id = s.parent_task_run_id WHERE t.flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN'))) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 10)))),
('artifacts.latest', '/artifacts/latest/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /artifacts/latest/filter', (SELECT body FROM b WHERE label = 'artifacts.latest')))),
 (SELECT group_concat(id) FROM (SELECT id FROM artifact_collection WHERE "key" IS NOT NULL ORDER BY id DESC LIMIT 200))),
('artifacts.latest.count', '/artifacts/latest/count',
 CAST(prefect_api('POST /artifacts/latest/count', (SELECT body FROM b WHERE label = 'artifacts.latest')) AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM artifact_collection WHERE "key" IS NOT NULL))),
('artifacts.key', '/artifacts/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /artifacts/filter', (SELECT body FROM b WHERE label = 'artifacts.key')))),
 (SELECT group_concat(id) FROM (SELECT id FROM artifact WHERE "key" IN ('dbt-build-metrics') ORDER BY created DESC LIMIT 200))),
('artifact.get', 'GET /artifacts/{id}',
 (prefect_api('GET /artifacts/' || (SELECT v FROM v WHERE k = 'ART')) ->> 'key'),
 'dbt-build-metrics'),
('pool.late.queue', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'pool.late.queue')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')) AND EXISTS (SELECT 1 FROM work_queue AS q WHERE q.id = fr.work_queue_id AND q.name IN ('default')) AND fr.state_name IN ('Late')))),
('pool.runs', '/flow_runs/paginate',
 (SELECT json_extract(x, '$.count') || ':' || (SELECT group_concat(value ->> 'id') FROM json_each(x, '$.results')) FROM (SELECT prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'pool.runs')) AS x)),
 ((SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')))) || ':' || (SELECT group_concat(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')) ORDER BY coalesce(fr.start_time, fr.expected_start_time) DESC LIMIT 10)))),
('pool.count', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'pool.count')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod')))));
-- the /ui routes and the pool's sub-routes: bodies built from the ids a page has in hand
-- (the dashboard's runs in the window, the flows of the flows list), answers as id=value
CREATE TEMP TABLE ids(k, list);
INSERT INTO ids SELECT 'RUNS', json_group_array(id) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w)
                                                          AND fr.expected_start_time <= (SELECT hi FROM w) ORDER BY fr.expected_start_time DESC);
INSERT INTO ids SELECT 'FLOWS', json_group_array(id) FROM (SELECT id FROM flow ORDER BY name);
INSERT INTO cases(label, route, ext, oracle) VALUES
('dash.task.counts', '/ui/flow_runs/count-task-runs',
 (SELECT group_concat(key || '=' || value) FROM json_each(prefect_api('POST /ui/flow_runs/count-task-runs', json_object('flow_run_ids', json((SELECT list FROM ids WHERE k = 'RUNS')))))),
 (SELECT group_concat(x.value || '=' || (SELECT count(*) FROM task_run AS t WHERE t.flow_run_id = x.value
                                          AND NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id)))
  FROM json_each((SELECT list FROM ids WHERE k = 'RUNS')) AS x)),
('flow.deployment.count', '/ui/flows/count-deployments',
 (SELECT group_concat(key || '=' || value) FROM json_each(prefect_api('POST /ui/flows/count-deployments', json_object('flow_ids', json_array((SELECT v FROM v WHERE k = 'FLOW')))))),
 (SELECT group_concat(x.value || '=' || (SELECT count(*) FROM deployment AS d WHERE d.flow_id = x.value)) FROM json_each(json_array((SELECT v FROM v WHERE k = 'FLOW'))) AS x)),
('flows.next', '/ui/flows/next-runs',
 (SELECT group_concat(key || '=' || coalesce(value ->> 'id', 'null')) FROM json_each(prefect_api('POST /ui/flows/next-runs', json_object('flow_ids', json((SELECT list FROM ids WHERE k = 'FLOWS')))))),
 (SELECT group_concat(x.value || '=' || coalesce((SELECT fr.id FROM flow_run AS fr WHERE fr.flow_id = x.value AND fr.state_type = 'SCHEDULED'
                                                  AND fr.next_scheduled_start_time IS NOT NULL ORDER BY fr.next_scheduled_start_time, fr.rowid DESC LIMIT 1), 'null'))
  FROM json_each((SELECT list FROM ids WHERE k = 'FLOWS')) AS x)),
('dash.pool.workers', '/work_pools/{name}/workers/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /work_pools/k8s-prod/workers/filter', '{"offset": 0}'))),
 (SELECT group_concat(id) FROM (SELECT wk.id FROM worker AS wk WHERE wk.work_pool_id = (SELECT v FROM v WHERE k = 'POOL') ORDER BY wk.last_heartbeat_time DESC LIMIT 200))),
('dash.pool.queues', '/work_pools/{name}/queues/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /work_pools/k8s-prod/queues/filter', '{"offset": 0}'))),
 (SELECT group_concat(id) FROM (SELECT wq.id FROM work_queue AS wq WHERE wq.work_pool_id = (SELECT v FROM v WHERE k = 'POOL') ORDER BY wq.priority LIMIT 200))),
('deployment.queue', '/work_pools/{pool}/queues/{name}',
 (SELECT prefect_api('GET /work_pools/' || wp.name || '/queues/' || wq.name) ->> 'id' FROM deployment AS d JOIN work_queue AS wq ON wq.id = d.work_queue_id
  JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE d.id = (SELECT v FROM v WHERE k = 'DEP')),
 (SELECT d.work_queue_id FROM deployment AS d WHERE d.id = (SELECT v FROM v WHERE k = 'DEP')));
-- the requests answered since #19 by their own routes, and the remaining bodies of the pages'
-- count cards; where the answer is a list of objects, each object's fields (id|field|...) in
-- order against the table's row, and n = the objects (or intervals) answered
INSERT INTO cases(label, route, ext, oracle) VALUES
('dash.task.completed', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'dash.task.completed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.start_time >= (SELECT lo FROM w) AND t.start_time <= (SELECT hi FROM w) AND t.state_type IN ('COMPLETED')))),
('dash.task.running', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'dash.task.running')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.start_time >= (SELECT lo FROM w) AND t.start_time <= (SELECT hi FROM w) AND t.state_type IN ('RUNNING')))),
('dash.pool.done.completed', '/flow_runs/count',
 CAST(prefect_api('POST /flow_runs/count', (SELECT body FROM b WHERE label = 'dash.pool.done.completed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT fr.id FROM flow_run AS fr WHERE fr.expected_start_time >= (SELECT lo FROM w) AND fr.expected_start_time <= (SELECT hi FROM w) AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.id IN ((SELECT v FROM v WHERE k = 'POOL'))) AND fr.state_type IN ('COMPLETED')))),
('dash.flows.updated', '/flows/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flows/filter', (SELECT body FROM b WHERE label = 'dash.flows.updated')))),
 (SELECT group_concat(id) FROM (SELECT id FROM flow WHERE id IN ((SELECT v FROM v WHERE k = 'FLOW'), (SELECT v FROM v WHERE k = 'FAILFLOW')) ORDER BY updated DESC LIMIT 200))),
('runs.task.total', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', '{}') AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM task_run))),
('flow.task.total', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'flow.task.total')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.state_type IN ('COMPLETED', 'FAILED', 'CRASHED', 'RUNNING') AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW')))))),
('flow.task.failed', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'flow.task.failed')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.state_type IN ('FAILED', 'CRASHED') AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW')))))),
('flow.task.running', '/task_runs/count',
 CAST(prefect_api('POST /task_runs/count', (SELECT body FROM b WHERE label = 'flow.task.running')) AS INTEGER),
 (SELECT count(*) FROM (SELECT t.id FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id) AND t.state_type IN ('RUNNING') AND EXISTS (SELECT 1 FROM flow_run AS fr JOIN flow AS f ON f.id = fr.flow_id WHERE fr.id = t.flow_run_id AND f.id IN ((SELECT v FROM v WHERE k = 'FLOW')))))),
-- the deployment page's runs tab asks for the flows of the runs it got
('deployment.flows', '/flows/filter',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flows/filter', json_object(
    'flows', json_object('operator', 'and_', 'id', json_object('any_', (SELECT json_group_array(DISTINCT value ->> 'flow_id') FROM json_each(prefect_api('POST /flow_runs/paginate', (SELECT body FROM b WHERE label = 'deployment.runs')), '$.results')))),
    'sort', 'CREATED_DESC', 'offset', 0)))),
 (SELECT group_concat(id) FROM (SELECT id FROM flow WHERE id IN (SELECT fr.flow_id FROM flow_run AS fr WHERE fr.deployment_id = (SELECT v FROM v WHERE k = 'DEP') AND fr.state_name <> 'Scheduled') ORDER BY created DESC LIMIT 200))),
('variables.count', '/variables/count',
 CAST(prefect_api('POST /variables/count', (SELECT body FROM b WHERE label = 'variables.list')) AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM variable))),
('variables.count (no body)', '/variables/count',
 CAST(prefect_api('POST /variables/count') AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM variable))),
('variables.search.count', '/variables/count',
 CAST(prefect_api('POST /variables/count', (SELECT body FROM b WHERE label = 'variables.search')) AS INTEGER),
 (SELECT count(*) FROM (SELECT 1 FROM variable WHERE lower(name) LIKE lower('%ETL%') AND EXISTS (SELECT 1 FROM json_each(tags) AS x WHERE x.value = 'prod'))));

-- field by field. A timestamp as Prefect writes it: ts(x) = replace(replace(x, ' ', 'T'), '.000000', '') || 'Z';
-- a float duration as whole microseconds
CREATE TEMP TABLE ans(label PRIMARY KEY, a);
INSERT INTO ans VALUES
('dash.task.history', prefect_api('POST /task_runs/history', (SELECT body FROM b WHERE label = 'dash.task.history'))),
('dash.pools', prefect_api('POST /work_pools/filter', (SELECT body FROM b WHERE label = 'dash.pools'))),
('runs.history', prefect_api('POST /ui/flow_runs/history', (SELECT body FROM b WHERE label = 'runs.history'))),
('runs.history.states', prefect_api('POST /ui/flow_runs/history', (SELECT body FROM b WHERE label = 'runs.history.states'))),
('deployment.get', prefect_api('GET /deployments/' || (SELECT v FROM v WHERE k = 'DEP'))),
('deployment.flow', prefect_api('GET /flows/' || (SELECT flow_id FROM deployment WHERE id = (SELECT v FROM v WHERE k = 'DEP')))),
('run.logs', prefect_api('POST /logs/filter', (SELECT body FROM b WHERE label = 'run.logs'))),
('run.get', prefect_api('GET /flow_runs/' || (SELECT v FROM v WHERE k = 'RUN'))),
('artifact.run', prefect_api('GET /flow_runs/' || (SELECT flow_run_id FROM artifact WHERE id = (SELECT v FROM v WHERE k = 'ART')))),
('artifact.task_run', prefect_api('GET /ui/task_runs/' || (SELECT task_run_id FROM artifact WHERE id = (SELECT v FROM v WHERE k = 'ART')))),
('pool.get', prefect_api('GET /work_pools/k8s-prod')),
('variables.list', prefect_api('POST /variables/filter', (SELECT body FROM b WHERE label = 'variables.list'))),
('variables.search', prefect_api('POST /variables/filter', (SELECT body FROM b WHERE label = 'variables.search')));
INSERT INTO cases VALUES
-- each interval's states: interval_start|state_type|state_name|count_runs|sum_estimated_run_time|
-- sum_estimated_lateness (microseconds), then
-- the number of intervals; runs by expected start in [history_start, history_end), 4320 s apart. The
-- sums are of greatest(0, extract(epoch from the estimate)) (api/run_history.py), which SQLAlchemy
-- writes for SQLite as CAST(STRFTIME('%s', x) AS INTEGER): whole seconds, each run's cut down
('dash.task.history', '/task_runs/history',
 (SELECT (SELECT group_concat(r) FROM (SELECT (i.value ->> 'interval_start') || '|' || (s.value ->> 'state_type') || '|' || (s.value ->> 'state_name') || '|'
                                              || (s.value ->> 'count_runs') || '|' || CAST(round((s.value ->> 'sum_estimated_run_time') * 1000000) AS INTEGER)
                                              || '|' || CAST(round((s.value ->> 'sum_estimated_lateness') * 1000000) AS INTEGER) AS r
                                         FROM json_each(a) AS i, json_each(i.value, '$.states') AS s ORDER BY r))
         || ':' || json_array_length(a) FROM ans WHERE label = 'dash.task.history'),
 (SELECT group_concat(r) || ':20' FROM (
    SELECT strftime('%Y-%m-%dT%H:%M:%SZ', strftime('%s', (SELECT lo FROM w)) + k * 4320, 'unixepoch') || '|' || state_type || '|' || state_name || '|' || count(*) || '|' || sum(max(0, run_us / 1000000) * 1000000)
           || '|' || sum(max(0, late_us / 1000000) * 1000000) AS r
      FROM (SELECT (strftime('%s', t.expected_start_time) - strftime('%s', (SELECT lo FROM w))) / 4320 AS k, t.state_type, t.state_name, e.run_us, e.late_us
              FROM task_run AS t JOIN est AS e ON e.id = t.id
             WHERE t.start_time >= (SELECT lo FROM w) AND t.start_time <= (SELECT hi FROM w)
               AND t.expected_start_time >= (SELECT lo FROM w) AND t.expected_start_time < (SELECT hi FROM w)
               AND EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = t.flow_run_id))
     GROUP BY k, state_type, state_name ORDER BY r)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'dash.task.history')),
-- id|name|type|status|default_queue_id|is_paused|concurrency_limit, by name (status null for a prefect-agent pool)
('dash.pools', '/work_pools/filter',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'name') || '|' || (value ->> 'type') || '|' || coalesce(value ->> 'status', 'null') || '|'
                      || coalesce(value ->> 'default_queue_id', 'null') || '|' || (value ->> 'is_paused') || '|' || coalesce(value ->> 'concurrency_limit', 'null'))
    FROM ans, json_each(a) WHERE label = 'dash.pools'),
 (SELECT group_concat(r) FROM (SELECT id || '|' || name || '|' || type || '|' || CASE WHEN type = 'prefect-agent' THEN 'null' ELSE status END || '|'
                                      || coalesce(default_queue_id, 'null') || '|' || is_paused || '|' || coalesce(concurrency_limit, 'null') AS r
                                 FROM work_pool ORDER BY name LIMIT 200)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'dash.pools')),
-- SimpleFlowRun: id|state_type|timestamp (start, else expected start)|duration|lateness (microseconds),
-- by expected start, newest first, at most 1000
('runs.history', '/ui/flow_runs/history',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'state_type') || '|' || (value ->> 'timestamp') || '|'
                      || CAST(round((value ->> 'duration') * 1000000) AS INTEGER) || '|' || CAST(round((value ->> 'lateness') * 1000000) AS INTEGER))
    FROM ans, json_each(a) WHERE label = 'runs.history'),
 (SELECT group_concat(r) FROM (SELECT fr.id || '|' || fr.state_type || '|' || replace(replace(coalesce(fr.start_time, fr.expected_start_time), ' ', 'T'), '.000000', '') || 'Z' || '|'
                                      || e.run_us || '|' || e.late_us AS r
                                 FROM flow_run AS fr JOIN est AS e ON e.id = fr.id ORDER BY fr.expected_start_time DESC LIMIT 1000)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'runs.history')),
('runs.history.states', '/ui/flow_runs/history',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'state_type') || '|' || (value ->> 'timestamp') || '|'
                      || CAST(round((value ->> 'duration') * 1000000) AS INTEGER) || '|' || CAST(round((value ->> 'lateness') * 1000000) AS INTEGER))
    FROM ans, json_each(a) WHERE label = 'runs.history.states'),
 (SELECT group_concat(r) FROM (SELECT fr.id || '|' || fr.state_type || '|' || replace(replace(coalesce(fr.start_time, fr.expected_start_time), ' ', 'T'), '.000000', '') || 'Z' || '|'
                                      || e.run_us || '|' || e.late_us AS r
                                 FROM flow_run AS fr JOIN est AS e ON e.id = fr.id
                                WHERE fr.parent_task_run_id IS NULL AND fr.state_name IN ('Failed', 'Crashed', 'TimedOut')
                                  AND EXISTS (SELECT 1 FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id WHERE wq.id = fr.work_queue_id AND wp.name IN ('k8s-prod'))
                                ORDER BY fr.expected_start_time DESC LIMIT 1000)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'runs.history.states')),
-- GET by id: id|name|flow_id|work_queue_id|paused, and the object is /deployments/filter's for that id
('deployment.get', 'GET /deployments/{id}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'flow_id') || '|' || coalesce(a ->> 'work_queue_id', 'null') || '|' || (a ->> 'paused') || '|'
         || (json(a) = (prefect_api('POST /deployments/filter', json_object('deployments', json_object('id', json_object('any_', json_array(a ->> 'id'))))) -> '$[0]'))
    FROM ans WHERE label = 'deployment.get'),
 (SELECT id || '|' || name || '|' || flow_id || '|' || coalesce(work_queue_id, 'null') || '|' || paused || '|1' FROM deployment WHERE id = (SELECT v FROM v WHERE k = 'DEP')),
 1),
('deployment.flow', 'GET /flows/{id}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'created') || '|'
         || (json(a) = (prefect_api('POST /flows/filter', json_object('flows', json_object('id', json_object('any_', json_array(a ->> 'id'))))) -> '$[0]'))
    FROM ans WHERE label = 'deployment.flow'),
 (SELECT f.id || '|' || f.name || '|' || replace(replace(f.created, ' ', 'T'), '.000000', '') || 'Z' || '|1'
    FROM flow AS f JOIN deployment AS d ON d.flow_id = f.id WHERE d.id = (SELECT v FROM v WHERE k = 'DEP')),
 1),
-- Log: id|name|level|message|timestamp|flow_run_id|task_run_id, by timestamp, at most 50
('run.logs', '/logs/filter',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'name') || '|' || (value ->> 'level') || '|' || (value ->> 'message') || '|' || (value ->> 'timestamp') || '|'
                      || (value ->> 'flow_run_id') || '|' || coalesce(value ->> 'task_run_id', 'null'))
    FROM ans, json_each(a) WHERE label = 'run.logs'),
 (SELECT group_concat(r) FROM (SELECT id || '|' || name || '|' || level || '|' || message || '|' || replace(replace("timestamp", ' ', 'T'), '.000000', '') || 'Z' || '|'
                                      || flow_run_id || '|' || coalesce(task_run_id, 'null') AS r
                                 FROM log WHERE level >= 0 AND flow_run_id IN ((SELECT v FROM v WHERE k = 'RUN')) ORDER BY "timestamp" ASC LIMIT 50)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'run.logs')),
-- the run: id|name|flow_id|deployment_id|state_type|state_name|parent_task_run_id, and /flow_runs/filter's object
('run.get', 'GET /flow_runs/{id}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'flow_id') || '|' || coalesce(a ->> 'deployment_id', 'null') || '|' || (a ->> 'state_type') || '|'
         || (a ->> 'state_name') || '|' || coalesce(a ->> 'parent_task_run_id', 'null') || '|'
         || (json(a) = (prefect_api('POST /flow_runs/filter', json_object('flow_runs', json_object('id', json_object('any_', json_array(a ->> 'id'))))) -> '$[0]'))
    FROM ans WHERE label = 'run.get'),
 (SELECT id || '|' || name || '|' || flow_id || '|' || coalesce(deployment_id, 'null') || '|' || state_type || '|' || state_name || '|' || coalesce(parent_task_run_id, 'null') || '|1'
    FROM flow_run WHERE id = (SELECT v FROM v WHERE k = 'RUN')),
 1),
('artifact.run', 'GET /flow_runs/{id}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'state_type') || '|'
         || (json(a) = (prefect_api('POST /flow_runs/filter', json_object('flow_runs', json_object('id', json_object('any_', json_array(a ->> 'id'))))) -> '$[0]'))
    FROM ans WHERE label = 'artifact.run'),
 (SELECT fr.id || '|' || fr.name || '|' || fr.state_type || '|1' FROM flow_run AS fr JOIN artifact AS ar ON ar.flow_run_id = fr.id WHERE ar.id = (SELECT v FROM v WHERE k = 'ART')),
 1),
('artifact.task_run', 'GET /ui/task_runs/{id}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'flow_run_name') || '|'
         || (json_remove(a, '$.flow_run_name') = prefect_api('GET /task_runs/' || (a ->> 'id')))
    FROM ans WHERE label = 'artifact.task_run'),
 (SELECT tr.id || '|' || tr.name || '|' || fr.name || '|1' FROM task_run AS tr JOIN artifact AS ar ON ar.task_run_id = tr.id
    LEFT JOIN flow_run AS fr ON fr.id = tr.flow_run_id WHERE ar.id = (SELECT v FROM v WHERE k = 'ART')),
 1),
('pool.get', 'GET /work_pools/{name}',
 (SELECT (a ->> 'id') || '|' || (a ->> 'name') || '|' || (a ->> 'type') || '|' || coalesce(a ->> 'status', 'null') || '|' || coalesce(a ->> 'default_queue_id', 'null') || '|'
         || (a ->> 'is_paused') || '|' || coalesce(a ->> 'concurrency_limit', 'null') || '|'
         || (json(a) = (prefect_api('POST /work_pools/filter', '{"work_pools": {"name": {"any_": ["k8s-prod"]}}}') -> '$[0]'))
    FROM ans WHERE label = 'pool.get'),
 (SELECT id || '|' || name || '|' || type || '|' || CASE WHEN type = 'prefect-agent' THEN 'null' ELSE status END || '|' || coalesce(default_queue_id, 'null') || '|'
         || is_paused || '|' || coalesce(concurrency_limit, 'null') || '|1'
    FROM work_pool WHERE name = 'k8s-prod'),
 1),
-- Variable: id|name|value|tags (JSON), newest first, at most 10
('variables.list', '/variables/filter',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'name') || '|' || (value -> 'value') || '|' || (value -> 'tags')) FROM ans, json_each(a) WHERE label = 'variables.list'),
 (SELECT group_concat(r) FROM (SELECT id || '|' || name || '|' || coalesce(json(value), 'null') || '|' || json(tags) AS r FROM variable ORDER BY created DESC LIMIT 10)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'variables.list')),
('variables.search', '/variables/filter',
 (SELECT group_concat((value ->> 'id') || '|' || (value ->> 'name') || '|' || (value -> 'value') || '|' || (value -> 'tags')) FROM ans, json_each(a) WHERE label = 'variables.search'),
 (SELECT group_concat(r) FROM (SELECT id || '|' || name || '|' || coalesce(json(value), 'null') || '|' || json(tags) AS r FROM variable
                                WHERE lower(name) LIKE lower('%ETL%') AND EXISTS (SELECT 1 FROM json_each(tags) AS x WHERE x.value = 'prod') ORDER BY created DESC LIMIT 10)),
 (SELECT json_array_length(a) FROM ans WHERE label = 'variables.search'));
-- rows: n where given, else the ids listed, or the number itself for a count (n:ids for a page:
-- the total, then the page)
SELECT label, route, ext IS oracle AND ext IS NOT NULL,
       coalesce(n, CASE WHEN typeof(ext) = 'integer' THEN ext WHEN instr(ext, '-') THEN length(ext) - length(replace(ext, ',', '')) + 1 ELSE ext END)
  FROM cases;
