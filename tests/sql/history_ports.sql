-- Prefect's own tests of POST /flow_runs/lateness and the paginate routes, ported from
-- tests/server/orchestration/api/test_flow_runs.py (TestFlowRunLateness, TestPaginateFlowRuns),
-- test_task_runs.py (TestPaginateTaskRuns) and test_deployments.py (TestPaginateDeployments), at
-- Prefect's commit ce79dd3d. Each block rebuilds the rows its test's fixtures write (Prefect gives
-- every test a fresh database: `reset` empties the tables) and prints what the test's assertions
-- state, one line per assertion or a few assertions on one line; a line's label names the test.
-- The clock is pinned: "now" in the fixtures is T = 2024-06-01 12:00:00 (UTC) plus a few
-- microseconds per call of Prefect's now(), as the fixtures call it one after another.
.read sql/schema.sql
.mode list
SELECT prefect_set_now('2024-06-01T12:00:00.000500Z');
CREATE TEMP VIEW reset AS SELECT 1 AS x;
CREATE TEMP TRIGGER reset_all INSTEAD OF INSERT ON reset BEGIN
  DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM work_queue;
  DELETE FROM work_pool; DELETE FROM flow;
END;
-- the conftest fixtures: `flow` (my-flow-<uuid>), `work_pool` (test-work-pool-<uuid>, type test-type)
-- and its `work_queue_1` (wq-1-<uuid>); `flow_run` (flow_version 0.1, no state) and its `task_run`
-- (my-key, dynamic key 0). Inserted by the blocks that use them.
CREATE TEMP VIEW fixtures AS SELECT 1 AS x;
CREATE TEMP TRIGGER fixtures_insert INSTEAD OF INSERT ON fixtures BEGIN
  INSERT INTO flow (id, created, updated, name) VALUES
    ('f1000000-0000-4000-8000-000000000001', '2024-06-01 11:59:59.000000', '2024-06-01 11:59:59.000000', 'my-flow-0c1d4ba5-8a4b-4b8e-9d0c-111111111111');
  INSERT INTO work_pool (id, created, updated, name, type) VALUES
    ('b1000000-0000-4000-8000-000000000001', '2024-06-01 11:59:59.000000', '2024-06-01 11:59:59.000000', 'test-work-pool-3f0e9c52-8c1f-4f57-9a36-222222222222', 'test-type');
  INSERT INTO work_queue (id, created, updated, name, work_pool_id) VALUES
    ('e1000000-0000-4000-8000-000000000001', '2024-06-01 11:59:59.000000', '2024-06-01 11:59:59.000000', 'wq-1-6a0b7c2d-3e4f-4a5b-8c6d-333333333333', 'b1000000-0000-4000-8000-000000000001');
  UPDATE work_pool SET default_queue_id = 'e1000000-0000-4000-8000-000000000001';
END;

-- ==== TestFlowRunLateness (test_flow_runs.py) ====
-- test_average_lateness_no_flow_runs: no flow run matches, the answer is null
INSERT INTO reset VALUES (1);
SELECT 'test_average_lateness_no_flow_runs', prefect_api('POST /flow_runs/lateness', NULL);
-- fixture late_flow_runs: five runs of `flow`, each created Scheduled for one minute before its
-- now() (so expected_start_time = now - 1 min), then set Running at (now - 1 min) + i s: started
-- i seconds late, i = 0..4. Prefect's now() moves on a little each time round the loop.
INSERT INTO fixtures VALUES (1);
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i < 4),
  r(i, t) AS (SELECT i, julianday('2024-06-01 11:59:00.000000') + (i * 1234.567) / 86400e6 FROM i)
INSERT INTO flow_run (id, created, updated, name, flow_id, state_type, state_name, state_timestamp, expected_start_time,
                      next_scheduled_start_time, start_time, run_count)
SELECT printf('1a000000-0000-4000-8000-%012d', i), strftime('%Y-%m-%d %H:%M:%f000', t + 60 / 86400.0),
       strftime('%Y-%m-%d %H:%M:%f000', t + 60 / 86400.0), 'late-' || i, 'f1000000-0000-4000-8000-000000000001',
       'RUNNING', 'Running', strftime('%Y-%m-%d %H:%M:%f000', t + i / 86400.0), strftime('%Y-%m-%d %H:%M:%f000', t),
       strftime('%Y-%m-%d %H:%M:%f000', t), strftime('%Y-%m-%d %H:%M:%f000', t + i / 86400.0), 1
  FROM r;
-- test_average_lateness: avg(0 + 1 + 2 + 3 + 4) == 2.0, answered as the bytes 2.0
SELECT 'test_average_lateness', prefect_api('POST /flow_runs/lateness', NULL);
-- test_supports_filters: the last two runs by id, avg(3 + 4) == 3.5
SELECT 'test_supports_filters', prefect_api('POST /flow_runs/lateness',
  '{"flow_runs": {"id": {"any_": ["1a000000-0000-4000-8000-000000000003", "1a000000-0000-4000-8000-000000000004"]}}}');

-- ==== TestPaginateFlowRuns (test_flow_runs.py) ====
-- fixture flow_runs: fr1 (flow, tags red), fr2 (flow, tags blue), fr3 (another flow "another-test",
-- tags blue and red, in work_queue_1); FlowRunCreate gives no state.
CREATE TEMP VIEW fr_fixture AS SELECT 1 AS x;
CREATE TEMP TRIGGER fr_fixture_insert INSTEAD OF INSERT ON fr_fixture BEGIN
  INSERT INTO flow (id, created, updated, name) VALUES
    ('f1000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.000100', '2024-06-01 12:00:00.000100', 'another-test');
  INSERT INTO flow_run (id, created, updated, name, flow_id, tags, work_queue_id) VALUES
    ('1b000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000200', '2024-06-01 12:00:00.000200', 'fr1', 'f1000000-0000-4000-8000-000000000001', '["red"]', NULL),
    ('1b000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.000300', '2024-06-01 12:00:00.000300', 'fr2', 'f1000000-0000-4000-8000-000000000001', '["blue"]', NULL),
    ('1b000000-0000-4000-8000-000000000003', '2024-06-01 12:00:00.000400', '2024-06-01 12:00:00.000400', 'fr3', 'f1000000-0000-4000-8000-000000000002', '["blue", "red"]', 'e1000000-0000-4000-8000-000000000001');
END;
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO fr_fixture VALUES (1);
-- test_read_flow_runs: 3 results, count 3, page 1, pages 1
SELECT 'test_read_flow_runs', json_array_length(p, '$.results'), p ->> 'count', p ->> 'page', p ->> 'pages'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', NULL) AS p);
-- test_read_flow_runs_work_pool_fields: by name, the third (fr3) has the pool's and the queue's names
SELECT 'test_read_flow_runs_work_pool_fields', json_array_length(p, '$.results'),
       (SELECT r.value ->> 'work_pool_name' = (SELECT name FROM work_pool) AND r.value ->> 'work_queue_name' = (SELECT name FROM work_queue)
          FROM json_each(p, '$.results') AS r ORDER BY r.value ->> 'name' LIMIT 1 OFFSET 2)
  FROM (SELECT prefect_api('POST /flow_runs/paginate', NULL) AS p);
-- test_read_flow_runs_applies_flow_filter: the flow's two runs
SELECT 'test_read_flow_runs_applies_flow_filter', json_array_length(prefect_api('POST /flow_runs/paginate',
  '{"flows": {"id": {"any_": ["f1000000-0000-4000-8000-000000000001"]}}}'), '$.results');
-- test_read_flow_runs_applies_flow_run_filter: one result, fr1
SELECT 'test_read_flow_runs_applies_flow_run_filter', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"flow_runs": {"id": {"any_": ["1b000000-0000-4000-8000-000000000001"]}}}') AS p);
-- test_read_flow_runs_applies_task_run_filter: a task run of fr2 (my-key, 0); one result, fr2
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key) VALUES
  ('2b000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000500', '2024-06-01 12:00:00.000500', 'my-key-0', '1b000000-0000-4000-8000-000000000002', 'my-key', '0');
SELECT 'test_read_flow_runs_applies_task_run_filter', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"task_runs": {"id": {"any_": ["2b000000-0000-4000-8000-000000000001"]}}}') AS p);
DELETE FROM task_run;
-- test_read_flow_runs_applies_work_pool_name_filter: one result, fr3
SELECT 'test_read_flow_runs_applies_work_pool_name_filter', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', json_object('work_pools', json_object('name', json_object('any_', json_array((SELECT name FROM work_pool)))))) AS p);
-- test_read_flow_runs_applies_work_queue_id_filter (work_pool_queues): one result, fr3
SELECT 'test_read_flow_runs_applies_work_queue_id_filter', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"work_pool_queues": {"id": {"any_": ["e1000000-0000-4000-8000-000000000001"]}}}') AS p);
-- test_read_flow_runs_multi_filter: tags all_ blue, flow another-test, limit 1, offset 0: one result, fr3
SELECT 'test_read_flow_runs_multi_filter', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"flow_runs": {"tags": {"all_": ["blue"]}}, "flows": {"name": {"any_": ["another-test"]}}, "limit": 1, "offset": 0}') AS p);
-- test_read_flow_runs_applies_limit: one result
SELECT 'test_read_flow_runs_applies_limit', json_array_length(prefect_api('POST /flow_runs/paginate', '{"limit": 1}'), '$.results');
-- test_read_flow_runs_zero_limit: results [], count 3, limit 0, pages 0, page 1
SELECT 'test_read_flow_runs_zero_limit', p ->> '$.results', p ->> 'count', p ->> 'limit', p ->> 'pages', p ->> 'page'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"limit": 0}') AS p);
-- test_read_flow_runs_returns_empty_list: no runs, results []
INSERT INTO reset VALUES (1);
SELECT 'test_read_flow_runs_returns_empty_list', prefect_api('POST /flow_runs/paginate', NULL) ->> '$.results';
-- fixture flow_runs_with_idempotency_key: fr1 (my-idempotency-key), fr2 (a-different-idempotency-key)
INSERT INTO fixtures VALUES (1);
INSERT INTO flow_run (id, created, updated, name, flow_id, tags, idempotency_key) VALUES
  ('1c000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000200', '2024-06-01 12:00:00.000200', 'fr1', 'f1000000-0000-4000-8000-000000000001', '["red"]', 'my-idempotency-key'),
  ('1c000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.000300', '2024-06-01 12:00:00.000300', 'fr2', 'f1000000-0000-4000-8000-000000000001', '["blue"]', 'a-different-idempotency-key');
-- test_read_flow_runs_applies_flow_run_idempotency_key_filter: one result, with that key
SELECT 'test_read_flow_runs_applies_flow_run_idempotency_key_filter', json_array_length(p, '$.results'), p ->> '$.results[0].idempotency_key'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"flow_runs": {"idempotency_key": {"any_": ["my-idempotency-key"]}}}') AS p);
-- test_read_flow_runs_idempotency_key_filter_excludes_idempotency_key: one result, the other key
SELECT 'test_read_flow_runs_idempotency_key_filter_excludes_idempotency_key', json_array_length(p, '$.results'), p ->> '$.results[0].idempotency_key'
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"flow_runs": {"idempotency_key": {"not_any_": ["my-idempotency-key"]}}}') AS p);
-- test_read_flow_runs_applies_sort: current_time = T. "Flow Run 1": Scheduled (state timestamp T - 1 min;
-- the state's scheduled_time defaults to its now(), T + 100 us: the expected start); "Flow Run 2":
-- Scheduled (timestamp T + 1 min, scheduled T + 200 us) with start_time T - 2 min. START_TIME sorts on
-- coalesce(start_time, expected_start_time).
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO flow_run (id, created, updated, name, flow_id, state_type, state_name, state_timestamp, expected_start_time, next_scheduled_start_time, start_time) VALUES
  ('1d000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000100', '2024-06-01 12:00:00.000100', 'Flow Run 1', 'f1000000-0000-4000-8000-000000000001',
   'SCHEDULED', 'Scheduled', '2024-06-01 11:59:00.000000', '2024-06-01 12:00:00.000100', '2024-06-01 12:00:00.000100', NULL),
  ('1d000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.000200', '2024-06-01 12:00:00.000200', 'Flow Run 2', 'f1000000-0000-4000-8000-000000000001',
   'SCHEDULED', 'Scheduled', '2024-06-01 12:01:00.000000', '2024-06-01 12:00:00.000200', '2024-06-01 12:00:00.000200', '2024-06-01 11:58:00.000000');
-- the first result's name for each body the test posts, in its order: Flow Run 2, 1, 1, 2, 2, 1, 1, 2
SELECT 'test_read_flow_runs_applies_sort', b.body, prefect_api('POST /flow_runs/paginate', b.body) ->> '$.results[0].name'
  FROM (SELECT 1 AS k, '{"limit": 1, "sort": "START_TIME_ASC"}' AS body UNION ALL
        SELECT 2, '{"limit": 1, "sort": "START_TIME_DESC"}' UNION ALL
        SELECT 3, '{"limit": 1, "sort": "EXPECTED_START_TIME_ASC"}' UNION ALL
        SELECT 4, '{"limit": 1, "page": 2, "sort": "EXPECTED_START_TIME_ASC"}' UNION ALL
        SELECT 5, '{"limit": 1, "sort": "EXPECTED_START_TIME_DESC"}' UNION ALL
        SELECT 6, '{"limit": 1, "page": 2, "sort": "EXPECTED_START_TIME_DESC"}' UNION ALL
        SELECT 7, '{"limit": 1, "sort": "NAME_ASC"}' UNION ALL
        SELECT 8, '{"limit": 1, "sort": "NAME_DESC"}') AS b ORDER BY b.k;
-- test_read_flow_runs_sort_succeeds_for_all_sort_values: the `flow_run` fixture alone; every
-- FlowRunSort value gives one result, that run
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version) VALUES
  ('1e000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000100', '2024-06-01 12:00:00.000100', 'flow-run-fixture', 'f1000000-0000-4000-8000-000000000001', '0.1');
SELECT 'test_read_flow_runs_sort_succeeds_for_all_sort_values', v, json_array_length(p, '$.results'), p ->> '$.results[0].id' = '1e000000-0000-4000-8000-000000000001'
  FROM (SELECT s.value AS v, prefect_api('POST /flow_runs/paginate', json_object('sort', s.value)) AS p
          FROM json_each('["ID_DESC", "START_TIME_ASC", "START_TIME_DESC", "EXPECTED_START_TIME_ASC", "EXPECTED_START_TIME_DESC", "NAME_ASC", "NAME_DESC", "NEXT_SCHEDULED_START_TIME_ASC", "END_TIME_DESC"]') AS s);
-- test_read_subflow_runs: parent_flow_run (Pending); child_runs: five Pending runs, each the subflow
-- of a dummy task run (dummy-i) of the parent; grandchild_runs: three more below each child; plus
-- the flow_runs fixture. parent_flow_run_id any_ [parent]: exactly the five children
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO fr_fixture VALUES (1);
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, state_type, state_name, state_timestamp) VALUES
  ('1f000000-0000-4000-8000-000000000000', '2024-06-01 12:00:00.001000', '2024-06-01 12:00:00.001000', 'parent', 'f1000000-0000-4000-8000-000000000001', '1.0', 'PENDING', 'Pending', '2024-06-01 12:00:00.001000');
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 4)
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key)
SELECT printf('2f000000-0000-4000-8000-0000000000%02d', i), '2024-06-01 12:00:00.002000', '2024-06-01 12:00:00.002000', 'dummy-' || i,
       '1f000000-0000-4000-8000-000000000000', 'dummy-' || i, 'dummy-' || i FROM c;
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, state_type, state_name, state_timestamp, parent_task_run_id)
SELECT '1f000000-0000-4000-8000-0000000001' || substr(id, -2), '2024-06-01 12:00:00.003000', '2024-06-01 12:00:00.003000', 'child-' || substr(id, -1),
       'f1000000-0000-4000-8000-000000000001', '1.0', 'PENDING', 'Pending', '2024-06-01 12:00:00.003000', id
  FROM task_run WHERE flow_run_id = '1f000000-0000-4000-8000-000000000000';
WITH RECURSIVE g(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM g WHERE j < 2)
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key)
SELECT '2f000000-0000-4000-8000-0000000002' || substr(fr.id, -1) || j, '2024-06-01 12:00:00.004000', '2024-06-01 12:00:00.004000', 'dummy-' || j,
       fr.id, 'dummy-' || j, 'dummy-' || j FROM flow_run AS fr, g WHERE fr.name LIKE 'child-%';
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, state_type, state_name, state_timestamp, parent_task_run_id)
SELECT '1f000000-0000-4000-8000-0000000002' || substr(tr.id, -2), '2024-06-01 12:00:00.005000', '2024-06-01 12:00:00.005000', 'grandchild-' || substr(tr.id, -2),
       'f1000000-0000-4000-8000-000000000001', '1.0', 'PENDING', 'Pending', '2024-06-01 12:00:00.005000', tr.id
  FROM task_run AS tr WHERE tr.id LIKE '2f000000-0000-4000-8000-0000000002%';
SELECT 'subflow fixture', (SELECT count(*) FROM flow_run), (SELECT count(*) FROM task_run);
SELECT 'test_read_subflow_runs', json_array_length(p, '$.results'),
       (SELECT group_concat(r.value ->> 'name', ',') FROM (SELECT * FROM json_each(p, '$.results') ORDER BY value ->> 'name') AS r)
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"flow_runs": {"parent_flow_run_id": {"any_": ["1f000000-0000-4000-8000-000000000000"]}}}') AS p);
-- test_read_subflow_runs_non_existant: a parent id no run has: no result
SELECT 'test_read_subflow_runs_non_existant', json_array_length(prefect_api('POST /flow_runs/paginate',
  '{"flow_runs": {"parent_flow_run_id": {"any_": ["9f000000-0000-4000-8000-000000000000"]}}}'), '$.results');

-- ==== TestPaginateTaskRuns (test_task_runs.py) ====
-- the `flow_run` fixture and its `task_run` (my-key, dynamic key 0, no state)
CREATE TEMP VIEW tr_fixture AS SELECT 1 AS x;
CREATE TEMP TRIGGER tr_fixture_insert INSTEAD OF INSERT ON tr_fixture BEGIN
  INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version) VALUES
    ('1e000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000100', '2024-06-01 12:00:00.000100', 'flow-run-fixture', 'f1000000-0000-4000-8000-000000000001', '0.1');
END;
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO tr_fixture VALUES (1);
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key) VALUES
  ('2e000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.000200', '2024-06-01 12:00:00.000200', 'my-key-0', '1e000000-0000-4000-8000-000000000001', 'my-key', '0');
-- test_paginate_task_runs_basic: one result, the task run, its flow run
SELECT 'test_paginate_task_runs_basic', json_array_length(p, '$.results'), p ->> '$.results[0].id' = '2e000000-0000-4000-8000-000000000001',
       p ->> '$.results[0].flow_run_id' = '1e000000-0000-4000-8000-000000000001'
  FROM (SELECT prefect_api('POST /task_runs/paginate', NULL) AS p);
-- test_paginate_task_runs_response_structure: the five keys; count 1, page 1, pages 1, limit > 0
SELECT 'test_paginate_task_runs_response_structure', (SELECT group_concat(key, ',') FROM json_each(p)), p ->> 'count', p ->> 'page', p ->> 'pages', p ->> 'limit' > 0
  FROM (SELECT prefect_api('POST /task_runs/paginate', NULL) AS p);
-- test_paginate_task_runs_with_task_run_filter: one result, count 1; an unknown id: none, count 0
SELECT 'test_paginate_task_runs_with_task_run_filter', json_array_length(p, '$.results'), p ->> '$.results[0].id' = '2e000000-0000-4000-8000-000000000001', p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"task_runs": {"id": {"any_": ["2e000000-0000-4000-8000-000000000001"]}}}') AS p);
SELECT 'test_paginate_task_runs_with_task_run_filter, no match', json_array_length(p, '$.results'), p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"task_runs": {"id": {"any_": ["9e000000-0000-4000-8000-000000000001"]}}}') AS p);
-- test_paginate_task_runs_with_flow_run_filter: the same by the task run's flow run id
SELECT 'test_paginate_task_runs_with_flow_run_filter', json_array_length(p, '$.results'), p ->> '$.results[0].id' = '2e000000-0000-4000-8000-000000000001', p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"flow_runs": {"id": {"any_": ["1e000000-0000-4000-8000-000000000001"]}}}') AS p);
SELECT 'test_paginate_task_runs_with_flow_run_filter, no match', json_array_length(p, '$.results'), p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"flow_runs": {"id": {"any_": ["9e000000-0000-4000-8000-000000000002"]}}}') AS p);
-- test_paginate_task_runs_with_flow_filter: the same by the flow's id
SELECT 'test_paginate_task_runs_with_flow_filter', json_array_length(p, '$.results'), p ->> '$.results[0].id' = '2e000000-0000-4000-8000-000000000001', p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"flows": {"id": {"any_": ["f1000000-0000-4000-8000-000000000001"]}}}') AS p);
SELECT 'test_paginate_task_runs_with_flow_filter, no match', json_array_length(p, '$.results'), p ->> 'count'
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{"flows": {"id": {"any_": ["9e000000-0000-4000-8000-000000000003"]}}}') AS p);
-- test_paginate_task_runs_succeeds_for_all_sort_values: every TaskRunSort value, one result, the task run
SELECT 'test_paginate_task_runs_succeeds_for_all_sort_values', v, json_array_length(p, '$.results'), p ->> '$.results[0].id' = '2e000000-0000-4000-8000-000000000001'
  FROM (SELECT s.value AS v, prefect_api('POST /task_runs/paginate', json_object('sort', s.value)) AS p
          FROM json_each('["ID_DESC", "EXPECTED_START_TIME_ASC", "EXPECTED_START_TIME_DESC", "NAME_ASC", "NAME_DESC", "NEXT_SCHEDULED_START_TIME_ASC", "END_TIME_DESC"]') AS s);
-- test_paginate_task_runs_zero_limit: results [], count 1
SELECT 'test_paginate_task_runs_zero_limit', p ->> '$.results', p ->> 'count' FROM (SELECT prefect_api('POST /task_runs/paginate', '{"limit": 0}') AS p);
-- test_paginate_task_runs_with_invalid_page: page 0 and page -1 are 422
SELECT prefect_api('POST /task_runs/paginate', '{"page": 0}');
SELECT prefect_api('POST /task_runs/paginate', '{"page": -1}');
-- test_paginate_task_runs_with_custom_page_and_limit: five task runs of `flow_run` ("Task Run i",
-- my-key, dynamic key i, expected start now + i min). limit 2: page 1 has 2, count 5, limit 2,
-- pages 3, page 1; page 2 has 2, page 2; page 3 has 1, page 3
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO tr_fixture VALUES (1);
WITH RECURSIVE i(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM i WHERE i < 4)
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, expected_start_time)
SELECT printf('2a000000-0000-4000-8000-%012d', i), '2024-06-01 12:00:00.001000', '2024-06-01 12:00:00.001000', 'Task Run ' || i,
       '1e000000-0000-4000-8000-000000000001', 'my-key', CAST(i AS TEXT), strftime('%Y-%m-%d %H:%M:%f000', '2024-06-01 12:00:00.000500', '+' || i || ' minutes')
  FROM i;
SELECT 'test_paginate_task_runs_with_custom_page_and_limit', n, json_array_length(p, '$.results'), p ->> 'count', p ->> 'limit', p ->> 'pages', p ->> 'page'
  FROM (SELECT b.n, prefect_api('POST /task_runs/paginate', json_object('limit', 2, 'page', b.n)) AS p
          FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS b)
 ORDER BY n;
-- test_paginate_task_runs_applies_sort: "Task Run 1" expected now - 5 min, "Task Run 2" now + 5 min.
-- EXPECTED_START_TIME_DESC limit 1: Task Run 2, pages 2; its page 2: Task Run 1; NAME_ASC: Task
-- Run 1; NAME_DESC: Task Run 2
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO tr_fixture VALUES (1);
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, expected_start_time) VALUES
  ('2c000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.001000', '2024-06-01 12:00:00.001000', 'Task Run 1', '1e000000-0000-4000-8000-000000000001', 'my-key', '0', '2024-06-01 11:55:00.000500'),
  ('2c000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.002000', '2024-06-01 12:00:00.002000', 'Task Run 2', '1e000000-0000-4000-8000-000000000001', 'my-key', '1', '2024-06-01 12:05:00.000500');
SELECT 'test_paginate_task_runs_applies_sort', body, json_array_length(p, '$.results'), p ->> '$.results[0].name', p ->> 'pages'
  FROM (SELECT b.k, b.body, prefect_api('POST /task_runs/paginate', b.body) AS p FROM (SELECT 1 AS k, '{"limit": 1, "sort": "EXPECTED_START_TIME_DESC"}' AS body UNION ALL
        SELECT 2, '{"limit": 1, "page": 2, "sort": "EXPECTED_START_TIME_DESC"}' UNION ALL
        SELECT 3, '{"limit": 1, "sort": "NAME_ASC"}' UNION ALL
        SELECT 4, '{"limit": 1, "sort": "NAME_DESC"}') AS b)
 ORDER BY k;
-- test_paginate_task_runs_includes_duration_fields: a task run expected now - 5 s, started now, ended
-- now + 10 s, total_run_time 10 s, no state: one result with the five fields; total_run_time 10.0,
-- estimated_run_time 10.0 (not RUNNING: the total), estimated_start_time_delta 5.0
INSERT INTO reset VALUES (1);
INSERT INTO fixtures VALUES (1);
INSERT INTO tr_fixture VALUES (1);
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, expected_start_time, start_time, end_time, total_run_time) VALUES
  ('2d000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.001000', '2024-06-01 12:00:00.001000', 'Task Run with Duration', '1e000000-0000-4000-8000-000000000001',
   'my-key', '0', '2024-06-01 11:59:55.000500', '2024-06-01 12:00:00.000500', '2024-06-01 12:00:10.000500', '1970-01-01 00:00:10.000000');
SELECT 'test_paginate_task_runs_includes_duration_fields', json_array_length(p, '$.results'),
       (SELECT count(*) FROM json_each(p, '$.results[0]') WHERE key IN ('total_run_time', 'estimated_run_time', 'estimated_start_time_delta', 'start_time', 'end_time')),
       json_extract(p, '$.results[0].total_run_time'), json_extract(p, '$.results[0].estimated_run_time'), json_extract(p, '$.results[0].estimated_start_time_delta'),
       instr(p, '"total_run_time":10.0,') > 0
  FROM (SELECT prefect_api('POST /task_runs/paginate', NULL) AS p);

-- ==== TestPaginateDeployments (test_deployments.py) ====
-- test_paginate_deployments_returns_empty_list: no deployment, results []
INSERT INTO reset VALUES (1);
SELECT 'test_paginate_deployments_returns_empty_list', prefect_api('POST /deployments/paginate', NULL) ->> '$.results';
-- fixture deployments: "My Deployment X" (not paused) and "My Deployment Y" (paused), both of `flow`
INSERT INTO fixtures VALUES (1);
INSERT INTO deployment (id, created, updated, name, flow_id, paused) VALUES
  ('d1000000-0000-4000-8000-000000000001', '2024-06-01 12:00:00.001000', '2024-06-01 12:00:00.001000', 'My Deployment X', 'f1000000-0000-4000-8000-000000000001', 0),
  ('d1000000-0000-4000-8000-000000000002', '2024-06-01 12:00:00.002000', '2024-06-01 12:00:00.002000', 'My Deployment Y', 'f1000000-0000-4000-8000-000000000001', 1);
-- test_paginate_deployments: page 1, pages 1, count 2, two results, the first NOT_READY
SELECT 'test_paginate_deployments', p ->> 'page', p ->> 'pages', p ->> 'count', json_array_length(p, '$.results'), p ->> '$.results[0].status'
  FROM (SELECT prefect_api('POST /deployments/paginate', NULL) AS p);
-- test_paginate_deployments_applies_filter: the ids each body selects, as sets (by id here):
-- {X}, {}, {X, Y}, {}, {X, Y}
SELECT 'test_paginate_deployments_applies_filter', k,
       (SELECT coalesce(group_concat(substr(r.value ->> 'id', -1), ','), '') FROM (SELECT * FROM json_each(p, '$.results') ORDER BY value ->> 'id') AS r)
  FROM (SELECT b.k, prefect_api('POST /deployments/paginate', b.body) AS p FROM (SELECT 1 AS k, '{"deployments": {"name": {"any_": ["My Deployment X"]}}}' AS body UNION ALL
        SELECT 2, '{"deployments": {"name": {"any_": ["My Deployment 123"]}}}' UNION ALL
        SELECT 3, json_object('flows', json_object('name', json_object('any_', json_array((SELECT name FROM flow))))) UNION ALL
        SELECT 4, '{"deployments": {"name": {"any_": ["My Deployment X"]}}, "flows": {"name": {"any_": ["not a flow name"]}}}' UNION ALL
        SELECT 5, json_object('deployments', json_object('flow_or_deployment_name', json_object('like_', (SELECT name FROM flow))))) AS b)
 ORDER BY k;
-- test_paginate_deployments_applies_limit: one result
SELECT 'test_paginate_deployments_applies_limit', json_array_length(prefect_api('POST /deployments/paginate', '{"limit": 1}'), '$.results');
-- test_paginate_deployments_page: page 2 of 1 (sorted by name by default): one result, My Deployment Y
SELECT 'test_paginate_deployments_page', json_array_length(p, '$.results'), p ->> '$.results[0].name'
  FROM (SELECT prefect_api('POST /deployments/paginate', '{"page": 2, "limit": 1}') AS p);
-- test_paginate_deployments_sort: NAME_ASC first X; NAME_DESC first Y
SELECT 'test_paginate_deployments_sort', prefect_api('POST /deployments/paginate', '{"sort": "NAME_ASC"}') ->> '$.results[0].name',
       prefect_api('POST /deployments/paginate', '{"sort": "NAME_DESC"}') ->> '$.results[0].name';
-- test_paginate_deployments_empty_like_filter_returns_all, _empty_tags_all_filter_returns_all,
-- _empty_name_like_filter_returns_all: count 2 each
SELECT 'test_paginate_deployments_empty_like_filter_returns_all', prefect_api('POST /deployments/paginate', '{"deployments": {"flow_or_deployment_name": {"like_": ""}}}') ->> 'count';
SELECT 'test_paginate_deployments_empty_tags_all_filter_returns_all', prefect_api('POST /deployments/paginate', '{"deployments": {"tags": {"all_": []}}}') ->> 'count';
SELECT 'test_paginate_deployments_empty_name_like_filter_returns_all', prefect_api('POST /deployments/paginate', '{"deployments": {"name": {"like_": ""}}}') ->> 'count';
-- test_paginate_deployments_zero_limit: results [], count 2
SELECT 'test_paginate_deployments_zero_limit', p ->> '$.results', p ->> 'count' FROM (SELECT prefect_api('POST /deployments/paginate', '{"limit": 0}') AS p);
