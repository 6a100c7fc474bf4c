-- POST /ui/flow_runs/history, /ui/task_runs/dashboard/counts and /ui/task_runs/count through
-- prefect_api(). First Prefect's own tests of these routes, ported from
-- tests/server/orchestration/api/ui/test_flow_runs.py (TestReadFlowRunHistory) and
-- tests/server/orchestration/api/ui/test_task_runs.py (TestReadDashboardTaskRunCounts,
-- TestReadTaskRunCountsByState) at Prefect's commit ce79dd3d: each block rebuilds the rows its
-- fixtures write and prints what the assertions state (the label names the test). Then edge cases
-- derived by hand from the routes (server/api/ui/flow_runs.py, ui/task_runs.py), the routing of the
-- ui routers, and the clock: every prefect_api() call of one statement sees one instant.
.read sql/schema.sql
.mode list
SELECT prefect_set_now('2024-06-01T12:00:00.000500Z');
CREATE TEMP VIEW reset AS SELECT 1 AS x;
CREATE TEMP TRIGGER reset_all INSTEAD OF INSERT ON reset BEGIN
  DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM work_queue;
  DELETE FROM work_pool; DELETE FROM flow;
END;

-- ==== test_flow_runs.py, TestReadFlowRunHistory ================================================
-- fixture flow_runs: runs 1 and 2 of `flow` went RUNNING then COMPLETED / FAILED, run 3 of
-- "another-test" is RUNNING. A run created without a state gets its expected start time from its
-- first state, so start_time = expected_start_time; total_run_time counts the RUNNING time.
INSERT INTO flow (id, created, updated, name) VALUES
  ('f1000000-0000-4000-8000-000000000001', '2024-06-01 10:00:00.000000', '2024-06-01 10:00:00.000000', 'my-flow'),
  ('f1000000-0000-4000-8000-000000000002', '2024-06-01 10:00:00.000000', '2024-06-01 10:00:00.000000', 'another-test');
INSERT INTO flow_run (id, created, updated, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, end_time, total_run_time) VALUES
  ('a1000000-0000-4000-8000-000000000001', '2024-06-01 11:00:00.000000', '2024-06-01 11:10:00.000000', 'run-1',
   'f1000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-06-01 11:10:00.000000',
   '2024-06-01 11:00:00.000000', '2024-06-01 11:00:00.000000', '2024-06-01 11:10:00.000000', '1970-01-01 00:10:00.000000'),
  ('a3000000-0000-4000-8000-000000000002', '2024-06-01 11:20:00.000000', '2024-06-01 11:25:00.000000', 'run-2',
   'f1000000-0000-4000-8000-000000000001', 'FAILED', 'Failed', '2024-06-01 11:25:00.000000',
   '2024-06-01 11:20:00.000000', '2024-06-01 11:20:00.000000', '2024-06-01 11:25:00.000000', '1970-01-01 00:05:00.000000'),
  ('a2000000-0000-4000-8000-000000000003', '2024-06-01 11:30:00.250000', '2024-06-01 11:30:00.250000', 'run-3',
   'f1000000-0000-4000-8000-000000000002', 'RUNNING', 'Running', '2024-06-01 11:30:00.250000',
   '2024-06-01 11:30:00.250000', '2024-06-01 11:30:00.250000', NULL, '1970-01-01 00:00:00.000000');
-- test_read_flow_runs_200: no body, 3 runs
SELECT 'test_read_flow_runs_200', json_array_length(prefect_api('POST /ui/flow_runs/history'));
-- test_read_flow_runs: sort ID_DESC; each item's id and state type are the run's, its timestamp the
-- run's expected start time, its duration at most the run's estimated run time
SELECT 'test_read_flow_runs', h.key, json_extract(h.value, '$.id') = json_extract(r.value, '$.id'),
       json_extract(h.value, '$.state_type') = json_extract(r.value, '$.state_type'),
       json_extract(h.value, '$.timestamp') = json_extract(r.value, '$.expected_start_time'),
       json_extract(h.value, '$.duration') <= json_extract(r.value, '$.estimated_run_time')
  FROM json_each(prefect_api('POST /ui/flow_runs/history', '{"sort": "ID_DESC"}')) AS h
  JOIN json_each(prefect_api('POST /flow_runs/filter', '{"sort": "ID_DESC"}')) AS r ON r.key = h.key;
-- the whole answer (by hand): ids descending; run 3's duration is now - 11:30:00.25 = 1799.7505 s
SELECT prefect_api('POST /ui/flow_runs/history', '{"sort": "ID_DESC"}');

-- ==== test_task_runs.py, TestReadDashboardTaskRunCounts =======================================
INSERT INTO reset VALUES (1);
INSERT INTO flow (id, created, updated, name) VALUES
  ('f1000000-0000-4000-8000-000000000001', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'my-flow');
INSERT INTO flow_run (id, created, updated, name, flow_id) VALUES
  ('a1000000-0000-4000-8000-000000000001', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'flow-run',
   'f1000000-0000-4000-8000-000000000001');
-- test_requires_task_run_filter_start_time: TaskRunFilter().model_dump(mode="json")
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"operator": "and_", "id": null,
  "name": null, "tags": null, "state": null, "start_time": null, "end_time": null, "expected_start_time": null,
  "subflow_runs": null, "flow_run_id": null}}');
-- test_empty_state: the window 2023-06-01 10:00 to 18:00, no task runs: 20 buckets of zeros
SELECT 'test_empty_state', prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time":
  {"before_": "2023-06-01T18:00:00Z", "after_": "2023-06-01T10:00:00Z", "is_null_": null}}}');
-- create_task_runs: 100 task runs, run i starts and ends at 10:00 + i * 4m48s (8 hours / 100),
-- COMPLETED when i is even, else FAILED
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 99)
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, state_type, state_name,
                      start_time, end_time)
SELECT printf('c0000000-0000-4000-8000-%012d', n), '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000',
       'task-' || n, 'a1000000-0000-4000-8000-000000000001', 'task-' || n, CAST(n AS TEXT),
       CASE WHEN n % 2 = 0 THEN 'COMPLETED' ELSE 'FAILED' END, CASE WHEN n % 2 = 0 THEN 'Completed' ELSE 'Failed' END,
       strftime('%Y-%m-%d %H:%M:%S', '2023-06-01 10:00:00', '+' || (n * 288) || ' seconds') || '.000000',
       strftime('%Y-%m-%d %H:%M:%S', '2023-06-01 10:00:00', '+' || (n * 288) || ' seconds') || '.000000'
  FROM i;
-- test_returns_completed_and_failed_counts: the 20 counts the test lists
SELECT 'test_returns_completed_and_failed_counts', prefect_api('POST /ui/task_runs/dashboard/counts',
  '{"task_runs": {"start_time": {"before_": "2023-06-01T18:00:00Z", "after_": "2023-06-01T10:00:00Z", "is_null_": null}}}')
  = '[{"completed":3,"failed":3},{"completed":3,"failed":2},{"completed":2,"failed":3},{"completed":3,"failed":2},'
    || '{"completed":2,"failed":3},{"completed":3,"failed":2},{"completed":2,"failed":3},{"completed":3,"failed":2},'
    || '{"completed":2,"failed":3},{"completed":3,"failed":2},{"completed":2,"failed":3},{"completed":3,"failed":2},'
    || '{"completed":2,"failed":3},{"completed":3,"failed":2},{"completed":2,"failed":3},{"completed":3,"failed":2},'
    || '{"completed":2,"failed":3},{"completed":3,"failed":2},{"completed":2,"failed":3},{"completed":2,"failed":2}]';

-- ==== test_task_runs.py, TestReadTaskRunCountsByState =========================================
-- test_returns_all_state_types / test_none (no task runs): every StateType, 0
DELETE FROM task_run;
SELECT 'test_none', prefect_api('POST /ui/task_runs/count');
SELECT 'test_returns_all_state_types', group_concat(key, ',') FROM json_each(prefect_api('POST /ui/task_runs/count'));
-- create_flow_runs: three runs of `flow`, COMPLETED, FAILED, PENDING (the `flow_run` fixture's run is
-- deleted by it); create_task_runs: 27 task runs each: 9 COMPLETED, 6 FAILED, 3 SCHEDULED,
-- 3 RUNNING, 2 CANCELLED, 1 CRASHED, 1 PAUSED, 1 CANCELLING, 1 PENDING
INSERT INTO reset VALUES (1);
INSERT INTO flow (id, created, updated, name) VALUES
  ('f1000000-0000-4000-8000-000000000001', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'my-flow');
INSERT INTO flow_run (id, created, updated, name, flow_id, state_type, state_name) VALUES
  ('a1000000-0000-4000-8000-000000000001', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'run-1',
   'f1000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed'),
  ('a1000000-0000-4000-8000-000000000002', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'run-2',
   'f1000000-0000-4000-8000-000000000001', 'FAILED', 'Failed'),
  ('a1000000-0000-4000-8000-000000000003', '2023-06-01 09:00:00.000000', '2023-06-01 09:00:00.000000', 'run-3',
   'f1000000-0000-4000-8000-000000000001', 'PENDING', 'Pending');
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 26),
  t(n, type) AS (SELECT n, CASE WHEN n < 9 THEN 'COMPLETED' WHEN n < 15 THEN 'FAILED' WHEN n < 18 THEN 'SCHEDULED'
                              WHEN n < 21 THEN 'RUNNING' WHEN n < 23 THEN 'CANCELLED' WHEN n < 24 THEN 'CRASHED'
                              WHEN n < 25 THEN 'PAUSED' WHEN n < 26 THEN 'CANCELLING' ELSE 'PENDING' END FROM i)
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, state_type, state_name,
                      start_time, end_time)
SELECT printf('c%07d-0000-4000-8000-%012d', substr(fr.id, 36, 1), t.n), '2023-06-01 09:00:00.000000',
       '2023-06-01 09:00:00.000000', 'task-' || t.n, fr.id, 'task-' || t.n || '-' || fr.id, fr.id || t.n, t.type,
       upper(substr(t.type, 1, 1)) || lower(substr(t.type, 2)), '2023-06-01 18:00:00.000000', '2023-06-01 18:00:00.000000'
  FROM flow_run AS fr, t;
SELECT 'test_returns_all_state_types', group_concat(key, ',') FROM json_each(prefect_api('POST /ui/task_runs/count'));
-- test_returns_counts: 27, 18, 3, 9, 6, 3, 3, 3, 9
SELECT 'test_returns_counts', prefect_api('POST /ui/task_runs/count');
-- test_returns_counts_with_filter: the COMPLETED flow run's: 9, 6, 1, 3, 2, 1, 1, 1, 3
SELECT 'test_returns_counts_with_filter', prefect_api('POST /ui/task_runs/count',
  '{"flow_runs": {"operator": "and_", "id": null, "name": null, "tags": null, "deployment_id": null,
    "work_queue_name": null, "state": {"operator": "and_", "type": {"any_": ["COMPLETED"], "not_any_": null},
    "name": null}, "flow_version": null, "start_time": null, "end_time": null, "expected_start_time": null,
    "next_scheduled_start_time": null, "parent_flow_run_id": null, "parent_task_run_id": null,
    "idempotency_key": null}}');

-- ==== edge cases, by hand ======================================================================
-- POST /ui/flow_runs/history: sort defaults to EXPECTED_START_TIME_DESC (NULLs last, as SQLite
-- orders), limit to 1000 and at most 1000 (pydantic's le=, no lower bound: a negative limit is
-- SQLite's "no limit"), offset >= 0; the filters are flows, flow_runs, task_runs, deployments and
-- work_pools (no work_pool_queues, no page). timestamp = start_time, else expected_start_time;
-- duration and lateness are the run's estimates at "now" (12:00:00.0005).
INSERT INTO reset VALUES (1);
INSERT INTO flow (id, created, updated, name) VALUES
  ('f1000000-0000-4000-8000-000000000001', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'my-flow');
INSERT INTO work_pool (id, created, updated, name, type) VALUES
  ('b1000000-0000-4000-8000-000000000001', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'p1', 'process');
INSERT INTO work_queue (id, created, updated, name, work_pool_id) VALUES
  ('e1000000-0000-4000-8000-000000000001', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'q1',
   'b1000000-0000-4000-8000-000000000001');
INSERT INTO flow_run (id, created, updated, name, flow_id, state_type, state_name, state_timestamp,
                      expected_start_time, start_time, end_time, total_run_time, work_queue_id) VALUES
  ('a0000000-0000-4000-8000-000000000001', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'late',
   'f1000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Late', '2024-06-01 09:00:00.000000',
   '2024-06-01 11:00:00.000000', NULL, NULL, '1970-01-01 00:00:00.000000', 'e1000000-0000-4000-8000-000000000001'),
  ('a0000000-0000-4000-8000-000000000002', '2024-06-01 09:00:00.000000', '2024-06-01 10:01:30.000000', 'done',
   'f1000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-06-01 10:01:30.000000',
   '2024-06-01 10:00:00.000000', '2024-06-01 10:00:30.000000', '2024-06-01 10:01:30.000000',
   '1970-01-01 00:01:00.000000', NULL),
  ('a0000000-0000-4000-8000-000000000003', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'stateless',
   'f1000000-0000-4000-8000-000000000001', NULL, NULL, NULL, NULL, NULL, NULL, '1970-01-01 00:00:00.000000', NULL);
-- by expected start time, descending: late (lateness 3600.0005 s), done (30 s late, 60 s run), stateless
-- (no state, no time: Prefect's response model refuses it, a 500; here nulls)
SELECT 'history default', prefect_api('POST /ui/flow_runs/history');
SELECT 'history null sort/limit', prefect_api('POST /ui/flow_runs/history', '{"sort": null, "limit": null}')
       = prefect_api('POST /ui/flow_runs/history');
SELECT 'history limit 1 offset 1', json_extract(prefect_api('POST /ui/flow_runs/history', '{"limit": 1, "offset": 1}'), '$[0].id');
SELECT 'history limit 0', prefect_api('POST /ui/flow_runs/history', '{"limit": 0}');
SELECT 'history limit -1', json_array_length(prefect_api('POST /ui/flow_runs/history', '{"limit": -1}'));
SELECT 'history limit 1000', json_array_length(prefect_api('POST /ui/flow_runs/history', '{"limit": 1000}'));
SELECT 'history NAME_ASC', json_extract(prefect_api('POST /ui/flow_runs/history', '{"sort": "NAME_ASC", "limit": 1}'), '$[0].id');
SELECT 'history work_pools', prefect_api('POST /ui/flow_runs/history', '{"work_pools": {"name": {"any_": ["p1"]}}}');
SELECT 'history flow_runs', json_extract(prefect_api('POST /ui/flow_runs/history',
  '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}'), '$[0].id');
SELECT prefect_api('POST /ui/flow_runs/history', '{"limit": 1001}');
SELECT prefect_api('POST /ui/flow_runs/history', '{"offset": -1}');
SELECT prefect_api('POST /ui/flow_runs/history', '{"sort": "EXPECTED"}');
-- keys the route does not take are dropped, as the server drops them
SELECT 'history ignores page', prefect_api('POST /ui/flow_runs/history', '{"page": 1}')
       IS prefect_api('POST /ui/flow_runs/history', '{}');
SELECT 'history ignores work_pool_queues', prefect_api('POST /ui/flow_runs/history', '{"work_pool_queues": {"name": {"any_": ["nope"]}}}')
       IS prefect_api('POST /ui/flow_runs/history', '{}');

-- POST /ui/task_runs/dashboard/counts: the window runs from after_ cut to its minute to the end of
-- before_'s minute (else now's); 20 buckets of (end - start) / 20, rounded to the microsecond.
-- Window 10:00:00 to 10:19:59.999999: buckets of 60 s. Only COMPLETED, CANCELLED (completed) and
-- FAILED, CRASHED (failed) runs count, whatever task_runs.state the body had.
INSERT INTO flow_run (id, created, updated, name, flow_id, work_queue_id) VALUES
  ('a0000000-0000-4000-8000-000000000011', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'fr1',
   'f1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000001'),
  ('a0000000-0000-4000-8000-000000000012', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 'fr2',
   'f1000000-0000-4000-8000-000000000001', NULL);
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, state_type, state_name, start_time) VALUES
  ('c0000000-0000-4000-8000-000000000001', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't1',
   'a0000000-0000-4000-8000-000000000011', 't1', '0', 'COMPLETED', 'Completed', '2024-06-01 10:00:30.000000'),
  ('c0000000-0000-4000-8000-000000000002', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't2',
   'a0000000-0000-4000-8000-000000000011', 't2', '0', 'CANCELLED', 'Cancelled', '2024-06-01 10:05:00.000000'),
  ('c0000000-0000-4000-8000-000000000003', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't3',
   'a0000000-0000-4000-8000-000000000012', 't3', '0', 'CRASHED', 'Crashed', '2024-06-01 10:05:59.999000'),
  ('c0000000-0000-4000-8000-000000000004', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't4',
   'a0000000-0000-4000-8000-000000000012', 't4', '0', 'RUNNING', 'Running', '2024-06-01 10:06:00.000000'),
  ('c0000000-0000-4000-8000-000000000005', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't5',
   'a0000000-0000-4000-8000-000000000011', 't5', '0', 'FAILED', 'Failed', '2024-06-01 10:19:30.000000'),
  ('c0000000-0000-4000-8000-000000000006', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't6',
   'a0000000-0000-4000-8000-000000000011', 't6', '0', 'COMPLETED', 'Completed', '2024-06-01 09:59:59.000000'),
  ('c0000000-0000-4000-8000-000000000007', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't7',
   'a0000000-0000-4000-8000-000000000012', 't7', '0', 'COMPLETED', 'Completed', NULL),
  ('c0000000-0000-4000-8000-000000000008', '2024-06-01 09:00:00.000000', '2024-06-01 09:00:00.000000', 't8',
   NULL, 't8', '0', NULL, NULL, '2024-06-01 10:01:00.000000');
CREATE TEMP TABLE dash(label, body);
INSERT INTO dash VALUES
  ('window 60 s', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}}'),
  ('state replaced', '{"task_runs": {"state": {"type": {"any_": ["RUNNING"]}}, "start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}}'),
  ('after_ with offset', '{"task_runs": {"start_time": {"after_": "2024-06-01T12:00:30+02:00", "before_": "2024-06-01T10:19:00Z"}}}'),
  ('work_pools', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}, "work_pools": {"name": {"any_": ["p1"]}}}'),
  ('work_queues', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}, "work_queues": {"name": {"any_": ["q1"]}}}'),
  ('flow_runs', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}, "flow_runs": {"id": {"any_": ["a0000000-0000-4000-8000-000000000012"]}}}'),
  ('flows {}', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z", "before_": "2024-06-01T10:19:00Z"}}, "flows": {}}'),
  ('until now: 363 s', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z"}}}');
-- each bucket that has runs: its index, its object (the others are {"completed":0,"failed":0}).
-- With before_ 10:19 the filter itself drops t5 (10:19:30 > before_) though its bucket would be 19;
-- t4 is RUNNING, t6 before after_, t7 never started, t8 has no state. Until now (12:00:59.999999):
-- buckets of 7259.999999 / 20 s = 362.99999995 s, rounded to 363 s; t5 is in bucket 1170 / 363 = 3.
SELECT 'dashboard ' || d.label, group_concat(b.key || '=' || b.value, ' ')
  FROM dash AS d, json_each(prefect_api('POST /ui/task_runs/dashboard/counts', d.body)) AS b
 WHERE b.value != '{"completed":0,"failed":0}' GROUP BY d.rowid ORDER BY d.rowid;
SELECT 'dashboard buckets', json_array_length(prefect_api('POST /ui/task_runs/dashboard/counts', body)) FROM dash LIMIT 1;
-- a run after the end of now's minute falls in bucket 24 of 20: Prefect's IndexError, a 500
UPDATE task_run SET start_time = '2024-06-01 12:30:00.000000' WHERE id = 'c0000000-0000-4000-8000-000000000005';
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z"}}}');
UPDATE task_run SET start_time = '2024-06-01 10:19:30.000000' WHERE id = 'c0000000-0000-4000-8000-000000000005';
-- the body: task_runs required (null is missing), then validated whole (the replaced state too),
-- then start_time.after_ required; the route takes no sort, limit or offset
SELECT prefect_api('POST /ui/task_runs/dashboard/counts');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{}');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": null}');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '[]');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"before_": "2024-06-01T10:19:00Z"}}}');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"after_": null}}}');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"after_": "soon"}}}');
SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"state": {"type": {"any_": ["DONE"]}}, "start_time": {"after_": "2024-06-01T10:00:00Z"}}}');
SELECT 'dashboard drops sort', prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z"}}, "sort": "ID_DESC"}')
       IS prefect_api('POST /ui/task_runs/dashboard/counts', '{"task_runs": {"start_time": {"after_": "2024-06-01T10:00:00Z"}}}');

-- POST /ui/task_runs/count: a run without a state type is not counted; filters flows, flow_runs,
-- task_runs, deployments only
SELECT 'count all', prefect_api('POST /ui/task_runs/count');
SELECT 'count task_runs', prefect_api('POST /ui/task_runs/count', '{"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}');
SELECT 'count flow_runs', prefect_api('POST /ui/task_runs/count', '{"flow_runs": {"id": {"any_": ["a0000000-0000-4000-8000-000000000012"]}}}');
SELECT 'count deployments', prefect_api('POST /ui/task_runs/count', '{"deployments": {}}');
SELECT 'count drops work_pools', prefect_api('POST /ui/task_runs/count', '{"work_pools": {"name": {"any_": ["nope"]}}}')
       IS prefect_api('POST /ui/task_runs/count', '{}');
SELECT prefect_api('POST /ui/task_runs/count', '{"limit": 1}');

-- routing: the ui routers are Prefect's whole (ui/flows.py, ui/flow_runs.py, ui/schemas.py,
-- ui/task_runs.py); a path below one that no route matches is a 404 (NULL)
SELECT 'api prefix, no method', prefect_api('/api/ui/task_runs/count') = prefect_api('POST /ui/task_runs/count');
SELECT '404 not a uuid', prefect_api('GET /ui/task_runs/not-a-uuid') IS NULL;
SELECT '404 ui/flows', prefect_api('POST /ui/flows/nope') IS NULL;
SELECT prefect_api('GET /ui/task_runs/count');
SELECT prefect_api('GET /ui/flow_runs/history');
SELECT prefect_api('POST /ui/task_runs/count/');
-- routes of Prefect's that prefect_api() does not answer: an error naming the routes it does
-- GET /ui/task_runs/{id}: the task run (as GET /task_runs/{id}) and its flow run's name, null
-- without one (an outer join; an empty name stays null too); 404 as NULL
SELECT 'GET /ui/task_runs/{id}', json_extract(prefect_api('GET /ui/task_runs/' || id), '$.flow_run_name'),
       prefect_api('GET /ui/task_runs/' || id) = json_set(prefect_api('GET /task_runs/' || id), '$.flow_run_name',
                                                            nullif((SELECT name FROM flow_run WHERE flow_run.id = task_run.flow_run_id), ''))
  FROM task_run ORDER BY id;
SELECT 'GET /ui/task_runs/{id}, missing', prefect_api('GET /ui/task_runs/c0000000-0000-4000-8000-00000000ffff') IS NULL;
SELECT 'POST /ui/schemas/validate, not answered:';
SELECT substr(prefect_api('POST /ui/schemas/validate'), 1, 10);
-- the keyed /ui routes are answered (#19; tests/sql/ui_routes2.sql has their answers): an empty
-- list answers {}, and their one body key is required (FastAPI's 422), on an empty body as on none
SELECT 'count-task-runs, no ids', prefect_api('POST /ui/flow_runs/count-task-runs', '{"flow_run_ids": []}');
SELECT 'next-runs, no ids', prefect_api('POST /ui/flows/next-runs', '{"flow_ids": []}');
SELECT 'count-deployments, no ids', prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": []}');
SELECT 'count-task-runs, empty body:';
SELECT prefect_api('POST /ui/flow_runs/count-task-runs', '{}');
SELECT 'count-task-runs, no body:';
SELECT prefect_api('POST /ui/flow_runs/count-task-runs');
SELECT 'next-runs, empty body:';
SELECT prefect_api('POST /ui/flows/next-runs', '{}');
SELECT 'next-runs, no body:';
SELECT prefect_api('POST /ui/flows/next-runs');
SELECT 'count-deployments, empty body:';
SELECT prefect_api('POST /ui/flows/count-deployments', '{}');

-- ==== the clock: one instant per statement ========================================================
-- pinned: every call sees the pin
UPDATE flow_run SET state_type = 'RUNNING', state_timestamp = '2024-06-01 11:30:00.250000' WHERE name = 'done';
SELECT 'pinned', json_extract(prefect_api('POST /ui/flow_runs/history', '{"flow_runs": {"name": {"any_": ["done"]}}}'), '$[0].duration'),
       prefect_api('POST /ui/flow_runs/history') = prefect_api('POST /ui/flow_runs/history'),
       json_extract(prefect_api('POST /ui/flow_runs/history', '{"flow_runs": {"name": {"any_": ["done"]}}}'), '$[0].duration')
       = json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["done"]}}}'), '$[0].estimated_run_time');
-- unpinned: 2000 calls in one statement (far longer than the wall clock's millisecond) give one
-- answer, and the running run's duration is its run time (60 s) plus prefect_now() - its state's
-- timestamp, prefect_now() read in the same statement
SELECT prefect_set_now(NULL);
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 2000)
SELECT 'unpinned, one answer', count(DISTINCT prefect_api('POST /ui/flow_runs/history', '{"flow_runs": {"name": {"any_": ["done"]}}}'))
  FROM i;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 500)
SELECT 'unpinned, the statement''s now', count(DISTINCT
         CAST(round(json_extract(prefect_api('POST /ui/flow_runs/history', '{"flow_runs": {"name": {"any_": ["done"]}}}'),
                                 '$[0].duration') * 1000000) AS INTEGER)
         - (CAST(strftime('%s', prefect_now()) AS INTEGER) * 1000000 + CAST(substr(prefect_now(), 21, 6) AS INTEGER)
            - (CAST(strftime('%s', '2024-06-01 11:30:00') AS INTEGER) * 1000000 + 250000) + 60000000))
  FROM i;
SELECT prefect_set_now('2024-06-01T12:00:00.000500Z');
