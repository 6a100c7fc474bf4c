-- prefect_api(): the routes of issue #19 item 1 on the fixture, each answer
-- compared field by field with hand-written SQL over Prefect's tables, and
-- Prefect's own test assertions ported with the answers they state
-- (tests/server/orchestration/api/test_workers.py, ui/test_flows.py,
-- ui/test_flow_runs.py). The clock is pinned; none of these answers reads it.
.read tests/sql/fixture.sql
SELECT prefect_set_now('2026-03-01T12:00:00Z') IS NOT NULL;

-- more rows: two queues in p-docker (priority 3 with a limit of 10, priority 2
-- with a limit of 5), runs on them, workers, deployments and scheduled runs
INSERT INTO work_queue (id, created, updated, name, description, work_pool_id, priority, concurrency_limit) VALUES
 ('e0000000-0000-4000-8000-000000000003', '2026-02-01 00:00:00.000000', '2026-02-01 00:00:00.000000', 'slow', 'slow lane',
  'b0000000-0000-4000-8000-000000000001', 3, 10),
 ('e0000000-0000-4000-8000-000000000004', '2026-02-02 00:00:00.000000', '2026-02-02 00:00:00.000000', 'fast', '',
  'b0000000-0000-4000-8000-000000000001', 2, 5);
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, work_queue_id) VALUES
 ('10000000-0000-4000-8000-000000000011', 'q-running', 'f0000000-0000-4000-8000-000000000003', 'RUNNING', 'Running', 'e0000000-0000-4000-8000-000000000003'),
 ('10000000-0000-4000-8000-000000000012', 'q-pending', 'f0000000-0000-4000-8000-000000000003', 'PENDING', 'Pending', 'e0000000-0000-4000-8000-000000000003'),
 ('10000000-0000-4000-8000-000000000013', 'q-cancelling', 'f0000000-0000-4000-8000-000000000003', 'CANCELLING', 'Cancelling', 'e0000000-0000-4000-8000-000000000003'),
 ('10000000-0000-4000-8000-000000000014', 'q-fast', 'f0000000-0000-4000-8000-000000000003', 'RUNNING', 'Running', 'e0000000-0000-4000-8000-000000000004');
INSERT INTO worker (id, created, updated, name, work_pool_id, last_heartbeat_time, heartbeat_interval_seconds, status) VALUES
 ('90000000-0000-4000-8000-000000000001', '2026-03-01 10:00:00.000000', '2026-03-01 10:00:00.000000', 'test-worker',
  'b0000000-0000-4000-8000-000000000001', '2026-03-01 11:59:00.000000', NULL, 'ONLINE'),
 ('90000000-0000-4000-8000-000000000002', '2026-03-01 10:00:00.000000', '2026-03-01 10:00:00.000000', 'another-worker',
  'b0000000-0000-4000-8000-000000000001', '2026-03-01 11:59:30.500000', 60, 'ONLINE'),
 ('90000000-0000-4000-8000-000000000003', '2026-03-01 10:00:00.000000', '2026-03-01 10:00:00.000000', 'old-worker',
  'b0000000-0000-4000-8000-000000000001', '2026-03-01 11:55:00.000000', NULL, 'OFFLINE'),
 ('90000000-0000-4000-8000-000000000004', '2026-03-01 10:00:00.000000', '2026-03-01 10:00:00.000000', 'k8s-worker',
  'b0000000-0000-4000-8000-000000000002', '2026-03-01 11:59:59.000000', 30, 'ONLINE');

-- ---- POST /work_pools/{name}/queues/filter ------------------------------------------
-- the pool's queues, by priority alone (models/workers.py read_work_queues)
SELECT 'queues order', (SELECT group_concat(json_extract(j.value, '$.name'), ',')
                        FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter', '{"offset": 0}')) AS j),
       (SELECT group_concat(name, ',') FROM (SELECT wq.name FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id
                                              WHERE wp.name = 'p-docker' ORDER BY wq.priority));
SELECT 'queue fields', (SELECT group_concat(key, ',') FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter'), '$[0]'));
-- every field of every queue, against the row
SELECT 'queue fields agree', count(*), sum(
         json_extract(j.value, '$.created') = substr(wq.created, 1, 10) || 'T' || substr(wq.created, 12, 8) ||
           CASE WHEN substr(wq.created, 21, 6) = '000000' THEN '' ELSE '.' || substr(wq.created, 21, 6) END || 'Z'
     AND json_extract(j.value, '$.name') = wq.name
     AND json_extract(j.value, '$.description') IS wq.description
     AND json_extract(j.value, '$.is_paused') = wq.is_paused
     AND json_extract(j.value, '$.concurrency_limit') IS wq.concurrency_limit
     AND json_extract(j.value, '$.priority') = wq.priority
     AND json_extract(j.value, '$.work_pool_id') = wq.work_pool_id
     AND json_extract(j.value, '$.work_pool_name') = 'p-docker'
     AND json_extract(j.value, '$.status') = wq.status
     AND json_extract(j.value, '$.active_slots') IS (CASE WHEN wq.concurrency_limit IS NULL THEN NULL ELSE
           (SELECT count(*) FROM flow_run AS fr WHERE fr.work_queue_id = wq.id AND fr.state_type IN ('PENDING', 'RUNNING')) END))
FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter')) AS j JOIN work_queue AS wq ON wq.id = json_extract(j.value, '$.id');
-- active_slots: PENDING and RUNNING only on the pool's routes (the /work_queues route counts CANCELLING too)
SELECT 'slow active_slots', json_extract(prefect_api('GET /work_pools/p-docker/queues/slow'), '$.active_slots'),
       (SELECT json_extract(j.value, '$.active_slots') FROM json_each(prefect_api('POST /work_queues/filter', '{"work_queues": {"name": {"any_": ["slow"]}}}')) AS j);
-- Prefect: TestWorkQueueActiveSlots (None without a limit; 1 with a limit and one RUNNING run, by GET and by filter)
SELECT 'ported active_slots', json_type(prefect_api('GET /work_pools/p-docker/queues/default'), '$.active_slots'),
       json_extract(prefect_api('GET /work_pools/p-docker/queues/fast'), '$.active_slots'),
       (SELECT json_extract(j.value, '$.active_slots') FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter')) AS j
        WHERE json_extract(j.value, '$.id') = 'e0000000-0000-4000-8000-000000000004');
-- the filter, limit and offset apply within the pool, before paging
SELECT 'queues filter', prefect_api('POST /work_pools/p-docker/queues/filter', '{"work_queues": {"name": {"startswith_": ["s", "F"]}}}') =
       (SELECT json_group_array(json(j.value)) FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter')) AS j
        WHERE json_extract(j.value, '$.name') IN ('slow', 'fast'));
SELECT 'queues page', (SELECT group_concat(json_extract(j.value, '$.name'), ',')
                       FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter', '{"limit": 2, "offset": 1}')) AS j);
SELECT 'queues other pool', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_pools/p-k8s/queues/filter', '{"limit": 1}')) AS j);
-- 404: no such pool (WorkerLookups._get_work_pool_id_from_name)
SELECT 'queues 404', prefect_api('POST /work_pools/nope/queues/filter') IS NULL, prefect_api('POST /api/work_pools/nope/queues/filter', '{"limit": 1}') IS NULL;
SELECT prefect_api('POST /work_pools/p-docker/queues/filter', '{"limit": 201}');
SELECT prefect_api('POST /work_pools/p-docker/queues/filter', '{"offset": -1}');
SELECT prefect_api('POST /work_pools/p-docker/queues/filter', '{"work_queues": {"priority": {"any_": [1]}}}');
SELECT 'queues: unknown top-level key ignored', json_array_length(prefect_api('POST /work_pools/p-docker/queues/filter', '{"sort": "NOPE", "workers": 1}'));

-- ---- GET /work_pools/{pool}/queues/{name} ------------------------------------------------
-- Prefect: TestReadWorkQueue (name, description, work_pool_name)
SELECT 'queue get', json_extract(q, '$.name'), json_extract(q, '$.description'), json_extract(q, '$.work_pool_name')
  FROM (SELECT prefect_api('GET /work_pools/p-docker/queues/slow') AS q);
SELECT 'queue get = its filter object', prefect_api('GET /work_pools/p-docker/queues/fast') =
       (SELECT json(j.value) FROM json_each(prefect_api('POST /work_pools/p-docker/queues/filter')) AS j WHERE json_extract(j.value, '$.name') = 'fast');
-- the pool decides: "default" is in both pools
SELECT 'queue get by pool', substr(json_extract(prefect_api('GET /work_pools/p-docker/queues/default'), '$.id'), -2),
       json_extract(prefect_api('GET /work_pools/p-k8s/queues/critical'), '$.work_pool_name');
-- 404: a queue of another pool, no such queue, no such pool; a queue named "filter" is a GET of that name
SELECT 'queue get 404', prefect_api('GET /work_pools/p-docker/queues/critical') IS NULL, prefect_api('GET /work_pools/p-docker/queues/nope') IS NULL,
       prefect_api('GET /work_pools/nope/queues/default') IS NULL, prefect_api('GET /work_pools/p-docker/queues/filter') IS NULL,
       prefect_api('GET /work_pools/p%2Ddocker/queues/de%66ault') IS NOT NULL;
SELECT prefect_api('GET /work_pools/p-docker/queues/slow/');
SELECT prefect_api('PUT /work_pools/p-docker/queues/slow');

-- ---- POST /work_pools/{name}/workers/filter ----------------------------------------------
-- newest heartbeat first (models/workers.py read_workers); the pool's workers only
SELECT 'workers order', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter', '{"offset": 0}')) AS j),
       (SELECT group_concat(name, ',') FROM (SELECT name FROM worker WHERE work_pool_id = 'b0000000-0000-4000-8000-000000000001' ORDER BY last_heartbeat_time DESC));
SELECT 'worker fields', (SELECT group_concat(key, ',') FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter'), '$[0]'));
SELECT 'worker fields agree', count(*), sum(
         json_extract(j.value, '$.name') = w.name AND json_extract(j.value, '$.work_pool_id') = w.work_pool_id
     AND json_extract(j.value, '$.created') = '2026-03-01T10:00:00Z'
     AND json_extract(j.value, '$.last_heartbeat_time') = substr(w.last_heartbeat_time, 1, 10) || 'T' || substr(w.last_heartbeat_time, 12, 8) ||
           CASE WHEN substr(w.last_heartbeat_time, 21, 6) = '000000' THEN '' ELSE '.' || substr(w.last_heartbeat_time, 21, 6) END || 'Z'
     AND json_extract(j.value, '$.heartbeat_interval_seconds') IS w.heartbeat_interval_seconds
     AND json_extract(j.value, '$.status') = w.status)
FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter')) AS j JOIN worker AS w ON w.id = json_extract(j.value, '$.id');
SELECT 'worker object', json_extract(prefect_api('POST /work_pools/p-docker/workers/filter'), '$[0]');
-- Prefect: test_heartbeat_worker_limit (limit 1: the newest heartbeat, "another-worker")
SELECT 'workers limit', json_extract(prefect_api('POST /work_pools/p-docker/workers/filter', '{"limit": 1}'), '$[0].name'),
       json_array_length(prefect_api('POST /work_pools/p-docker/workers/filter', '{"limit": 1}'));
-- Prefect: TestReadWorkers.test_read_workers_filter_by_status (one ONLINE, one OFFLINE in its pool; here two ONLINE)
SELECT 'workers by status', (SELECT group_concat(json_extract(j.value, '$.name') || ':' || json_extract(j.value, '$.status'), ',')
                             FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter', '{"workers": {"status": {"any_": ["OFFLINE"]}}}')) AS j),
       (SELECT group_concat(json_extract(j.value, '$.name'), ',')
        FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter', '{"workers": {"status": {"not_any_": ["OFFLINE"]}}}')) AS j);
SELECT 'workers by heartbeat', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter',
         '{"workers": {"operator": "or_", "last_heartbeat_time": {"after_": "2026-03-01T11:59:30Z"}, "status": {"any_": ["OFFLINE"]}}}')) AS j),
       (SELECT group_concat(name, ',') FROM (SELECT name FROM worker WHERE work_pool_id = 'b0000000-0000-4000-8000-000000000001'
          AND (last_heartbeat_time >= '2026-03-01 11:59:30.000000' OR status = 'OFFLINE') ORDER BY last_heartbeat_time DESC));
SELECT 'workers offset', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_pools/p-docker/workers/filter', '{"offset": 2}')) AS j),
       prefect_api('POST /work_pools/p-k8s/workers/filter', '{"offset": 1}');
SELECT 'workers 404', prefect_api('POST /work_pools/nope/workers/filter') IS NULL;
SELECT prefect_api('POST /work_pools/p-docker/workers/filter', '{"workers": {"status": {"any_": ["online"]}}}');
SELECT prefect_api('POST /work_pools/p-docker/workers/filter', '{"workers": {"name": {"any_": ["x"]}}}');
SELECT prefect_api('GET /work_pools/p-docker/workers/filter');
-- the workers table: the same rows, the pool by SQL
SELECT 'workers table', (SELECT group_concat(name, ',') FROM (SELECT name FROM workers('{"workers": {"status": {"any_": ["ONLINE"]}}}')
                                              WHERE work_pool_id = 'b0000000-0000-4000-8000-000000000001' ORDER BY name)),
       (SELECT count(*) FROM workers);

-- ---- POST /ui/flows/count-deployments ------------------------------------------------------
-- Prefect: TestCountDeployments (3, 2 and 0 deployments)
INSERT INTO deployment (id, name, flow_id) VALUES
 ('d0000000-0000-4000-8000-000000000011', 'etl-2', 'f0000000-0000-4000-8000-000000000001'),
 ('d0000000-0000-4000-8000-000000000012', 'etl-3', 'f0000000-0000-4000-8000-000000000001'),
 ('d0000000-0000-4000-8000-000000000013', 'train-2', 'f0000000-0000-4000-8000-000000000002');
SELECT 'count-deployments', prefect_api('POST /ui/flows/count-deployments',
         '{"flow_ids": ["f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000002", "f0000000-0000-4000-8000-000000000003"]}')
       = json_object('f0000000-0000-4000-8000-000000000001', 3, 'f0000000-0000-4000-8000-000000000002', 2, 'f0000000-0000-4000-8000-000000000003', 0);
SELECT 'count-deployments = SQL', (SELECT group_concat(j.key || '=' || j.value, ',') FROM json_each(prefect_api('POST /ui/flows/count-deployments',
         '{"flow_ids": ["f0000000-0000-4000-8000-000000000003", "f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000099"]}')) AS j),
       (SELECT group_concat(x.value || '=' || (SELECT count(*) FROM deployment AS d WHERE d.flow_id = x.value), ',')
        FROM json_each('["f0000000-0000-4000-8000-000000000003", "f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000099"]') AS x);
-- the ids as pydantic reads them (any case, hyphens optional), each key once at its first place
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": ["F00000000000400080000000000000 02", "F0000000000040008000000000000002", "f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000002"], "sort": "ignored"}');
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": ["F0000000000040008000000000000002", "f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000002"], "sort": "ignored"}');
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": []}');
SELECT prefect_api('POST /ui/flows/count-deployments');
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": null}');
SELECT prefect_api('POST /ui/flows/count-deployments', '[]');
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": "f0000000-0000-4000-8000-000000000001"}');
SELECT prefect_api('POST /ui/flows/count-deployments', '{"flow_ids": ["f0000000-0000-4000-8000-000000000001", 7]}');
SELECT prefect_api('POST /ui/flows/count-deployments', (SELECT json_object('flow_ids', json_group_array('f0000000-0000-4000-8000-000000000001')) FROM generate_series(1, 201)));
SELECT 'count-deployments 200 ids', json_extract(prefect_api('POST /ui/flows/count-deployments', (SELECT json_object('flow_ids', json_group_array(printf('f0000000-0000-4000-8000-%012d', value))) FROM generate_series(1, 200))), '$.f0000000-0000-4000-8000-000000000001');

-- ---- POST /ui/flow_runs/count-task-runs -----------------------------------------------------
-- Prefect: TestFlowRunsCountTaskRuns (three task runs: 3)
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key) VALUES
 ('20000000-0000-4000-8000-000000000011', 'dummy-0', '10000000-0000-4000-8000-000000000005', 'dummy-0', 'dummy-0'),
 ('20000000-0000-4000-8000-000000000012', 'dummy-1', '10000000-0000-4000-8000-000000000005', 'dummy-1', 'dummy-1'),
 ('20000000-0000-4000-8000-000000000013', 'dummy-2', '10000000-0000-4000-8000-000000000005', 'dummy-2', 'dummy-2');
SELECT 'count-task-runs', prefect_api('POST /ui/flow_runs/count-task-runs', '{"flow_run_ids": ["10000000-0000-4000-8000-000000000005"]}');
-- run 01's one task run is Run-Four's parent: not counted (subflow_run.has())
SELECT 'count-task-runs = SQL', (SELECT group_concat(j.key || '=' || j.value, ',') FROM json_each(prefect_api('POST /ui/flow_runs/count-task-runs',
         '{"flow_run_ids": ["10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000004", "10000000-0000-4000-8000-000000000005"]}')) AS j),
       (SELECT group_concat(x.value || '=' || (SELECT count(*) FROM task_run AS tr WHERE tr.flow_run_id = x.value
                                                AND NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = tr.id)), ',')
        FROM json_each('["10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000004", "10000000-0000-4000-8000-000000000005"]') AS x);
SELECT prefect_api('POST /ui/flow_runs/count-task-runs', '{"flow_ids": ["10000000-0000-4000-8000-000000000005"]}');

-- ---- POST /ui/flows/next-runs -----------------------------------------------------------------
-- Prefect: TestNextRunsByFlow.test_next_runs_by_flow_no_runs (every flow: null); flow 02's run-three
-- is SCHEDULED without a next_scheduled_start_time, so it is no next run either
SELECT 'next-runs none', prefect_api('POST /ui/flows/next-runs', '{"flow_ids": ["f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000002", "f0000000-0000-4000-8000-000000000003"]}');
-- Prefect: TestNextRunsByFlow.test_next_runs_by_flow: flow 01 has two SCHEDULED runs (now, now + 1 h), flow 02 one
-- (now + 1 h) and a COMPLETED one before it, flow 03 none; a run scheduled in the past counts too (no "now" in the query)
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, next_scheduled_start_time, expected_start_time, flow_version) VALUES
 ('10000000-0000-4000-8000-000000000021', 'next-1', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '2026-03-01 12:00:00.000000', '2026-03-01 12:00:00.000000', '0.1'),
 ('10000000-0000-4000-8000-000000000022', 'later-1', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '2026-03-01 13:00:00.000000', '2026-03-01 13:00:00.000000', '0.1'),
 ('10000000-0000-4000-8000-000000000023', 'next-2', 'f0000000-0000-4000-8000-000000000002', 'SCHEDULED', 'Late', '2026-03-01 13:00:00.250000', '2026-03-01 13:00:00.250000', '0.1'),
 ('10000000-0000-4000-8000-000000000024', 'done-2', 'f0000000-0000-4000-8000-000000000002', 'COMPLETED', 'Completed', '2026-03-01 11:00:00.000000', '2026-03-01 11:00:00.000000', '0.1');
SELECT 'next-runs', prefect_api('POST /ui/flows/next-runs', '{"flow_ids": ["f0000000-0000-4000-8000-000000000001", "f0000000-0000-4000-8000-000000000002", "f0000000-0000-4000-8000-000000000003"]}')
     = json_object('f0000000-0000-4000-8000-000000000001', json_object('id', '10000000-0000-4000-8000-000000000021', 'flow_id', 'f0000000-0000-4000-8000-000000000001',
                     'name', 'next-1', 'state_name', 'Scheduled', 'state_type', 'SCHEDULED', 'next_scheduled_start_time', '2026-03-01T12:00:00Z'),
                   'f0000000-0000-4000-8000-000000000002', json_object('id', '10000000-0000-4000-8000-000000000023', 'flow_id', 'f0000000-0000-4000-8000-000000000002',
                     'name', 'next-2', 'state_name', 'Late', 'state_type', 'SCHEDULED', 'next_scheduled_start_time', '2026-03-01T13:00:00.250000Z'),
                   'f0000000-0000-4000-8000-000000000003', NULL);
SELECT 'next-runs object', prefect_api('POST /ui/flows/next-runs', '{"flow_ids": ["f0000000-0000-4000-8000-000000000002"]}');
-- a tie at the earliest time: one of the tied runs (Prefect's dict keeps the last row of its query)
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, next_scheduled_start_time) VALUES
 ('10000000-0000-4000-8000-000000000025', 'tie-1', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '2026-03-01 12:00:00.000000');
SELECT 'next-runs tie', json_extract(prefect_api('POST /ui/flows/next-runs', '{"flow_ids": ["f0000000-0000-4000-8000-000000000001"]}'), '$.f0000000-0000-4000-8000-000000000001.name') IN ('next-1', 'tie-1');
SELECT prefect_api('POST /ui/flows/next-runs', '{"flow_ids": ["nope"]}');

-- ---- routing ------------------------------------------------------------------------------------
SELECT 'ui 404', prefect_api('POST /ui/flows/nope') IS NULL, prefect_api('POST /ui/flow_runs/count-task-runs/x') IS NULL;
SELECT 'ui /api prefix, no method', prefect_api('/api/ui/flows/count-deployments', '{"flow_ids": ["f0000000-0000-4000-8000-000000000003"]}');
SELECT prefect_api('GET /ui/flows/count-deployments');
SELECT prefect_api('POST /ui/flows/next-runs/');
