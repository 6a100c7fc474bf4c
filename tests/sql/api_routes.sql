-- prefect_api()'s routes for logs, variables, work pools and work queues, and
-- the GET routes by id or name, on the fixture: every field of every answer
-- against hand-written SQL over Prefect's tables, the field order of each
-- response model, the computed fields, and the router's answers (404, 405,
-- 307, the /api prefix). Expected values marked "Prefect:" are ported from
-- Prefect's own API tests (tests/server/orchestration/api/).
.read tests/sql/fixture.sql
.mode list
SELECT prefect_set_now('2026-01-10T00:00:00Z') IS NOT NULL;
INSERT INTO variable (id, created, updated, name, value, tags) VALUES
 ('c1000000-0000-4000-8000-000000000001', '2026-03-01 00:00:00.000000', '2026-03-02 00:00:00.250000', 'batch_size', '500', '["etl"]'),
 ('c1000000-0000-4000-8000-000000000002', '2026-03-01 00:00:01.000000', '2026-03-01 00:00:01.000000', 'bucket', '"s3://x"', '[]'),
 ('c1000000-0000-4000-8000-000000000003', '2026-03-01 00:00:02.000000', '2026-03-01 00:00:02.000000', 'conf', '{"a": [1, 2.5, null]}', '["etl", "prod"]');
INSERT INTO log (id, created, updated, name, level, flow_run_id, task_run_id, message, timestamp) VALUES
 ('c2000000-0000-4000-8000-000000000001', '2026-01-01 00:00:01.000000', '2026-01-01 00:00:01.000000', 'prefect.flow_runs', 20, '10000000-0000-4000-8000-000000000001', NULL, 'Beginning', '2026-01-01 00:00:01.000000'),
 ('c2000000-0000-4000-8000-000000000002', '2026-01-01 00:00:02.000000', '2026-01-01 00:00:02.000000', 'prefect.task_runs', 40, '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'Boom', '2026-01-01 00:00:00.500000'),
 ('c2000000-0000-4000-8000-000000000003', '2026-01-01 00:00:03.000000', '2026-01-01 00:00:03.000000', 'prefect.flow_runs', 30, '10000000-0000-4000-8000-000000000002', NULL, 'Late', '2026-01-01 00:00:03.000000');
-- a legacy agent pool, and limits: p-docker holds 2 slots (RUNNING + PENDING), its queue default too
INSERT INTO work_pool (id, created, updated, name, type, status, concurrency_limit, storage_configuration) VALUES
 ('b0000000-0000-4000-8000-000000000003', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 'agents', 'prefect-agent', 'READY', NULL,
  '{"bundle_upload_step": {"s": 1}}');
INSERT INTO work_queue (id, name, work_pool_id, filter, concurrency_limit, priority, last_polled) VALUES
 ('e0000000-0000-4000-8000-000000000003', 'legacy', 'b0000000-0000-4000-8000-000000000003', '{"tags": ["dev"], "deployment_ids": null}', 3, 2, '2026-01-09 23:59:00.000001');
UPDATE work_pool SET concurrency_limit = 10 WHERE name = 'p-docker';
UPDATE work_queue SET concurrency_limit = 4 WHERE name = 'default';
UPDATE flow_run SET work_queue_id = 'e0000000-0000-4000-8000-000000000001', state_type = 'PENDING'
 WHERE id = '10000000-0000-4000-8000-000000000003';
UPDATE flow_run SET work_queue_id = 'e0000000-0000-4000-8000-000000000001', state_type = 'RUNNING', tags = '["dev", "x"]'
 WHERE id = '10000000-0000-4000-8000-000000000005';

-- field order of each response model
SELECT 'Log', (SELECT group_concat(key, ',') FROM json_each(json_extract(prefect_api('POST /logs/filter', '{"limit": 1}'), '$[0]')));
SELECT 'Variable', (SELECT group_concat(key, ',') FROM json_each(prefect_api('GET /variables/name/conf')));
SELECT 'WorkPoolResponse', (SELECT group_concat(key, ',') FROM json_each(prefect_api('GET /work_pools/p-docker')));
SELECT 'WorkQueueResponse', (SELECT group_concat(key, ',') FROM json_each(json_extract(prefect_api('POST /work_queues/filter', '{"limit": 1}'), '$[0]')));

-- POST /logs/filter: every log, in TIMESTAMP_ASC order, field by field
SELECT 'logs order', (SELECT group_concat(json_extract(j.value, '$.id'), ',') FROM json_each(prefect_api('POST /logs/filter')) AS j)
     = (SELECT group_concat(id, ',') FROM (SELECT id FROM log ORDER BY timestamp));
SELECT 'logs fields', count(*) FROM json_each(prefect_api('POST /logs/filter', '{"sort": "TIMESTAMP_DESC"}')) AS j JOIN log AS l ON l.id = json_extract(j.value, '$.id')
 WHERE json_extract(j.value, '$.name') IS l.name AND json_extract(j.value, '$.level') IS l.level
   AND json_extract(j.value, '$.message') IS l.message AND json_extract(j.value, '$.flow_run_id') IS l.flow_run_id
   AND json_extract(j.value, '$.task_run_id') IS l.task_run_id
   AND json_extract(j.value, '$.timestamp') = replace(substr(l.timestamp, 1, 19), ' ', 'T') || CASE WHEN substr(l.timestamp, 21) = '000000' THEN '' ELSE substr(l.timestamp, 20) END || 'Z'
   AND json_extract(j.value, '$.created') = replace(substr(l.created, 1, 19), ' ', 'T') || 'Z';
SELECT 'logs filtered', prefect_api('POST /logs/filter', '{"logs": {"level": {"ge_": 30}}, "sort": "TIMESTAMP_DESC", "limit": 1}');
SELECT 'logs: the log of the table', (SELECT count(*) FROM json_each(prefect_api('POST /logs/filter', '{"logs": {"text": {"query": "boom"}}}'))),
       (SELECT count(*) FROM logs('{"logs": {"text": {"query": "boom"}}}'));

-- POST /variables/filter and /count; GET /variables/name/{name}
SELECT prefect_api('POST /variables/filter', '{"sort": "NAME_DESC", "limit": 2}');
SELECT 'variables fields', count(*) FROM json_each(prefect_api('POST /variables/filter')) AS j JOIN variable AS v ON v.id = json_extract(j.value, '$.id')
 WHERE json_extract(j.value, '$.name') IS v.name AND json_extract(j.value, '$.value') IS json_extract(v.value, '$') AND json_extract(j.value, '$.tags') IS json(v.tags);
SELECT 'variables count', prefect_api('POST /variables/count'), prefect_api('POST /variables/count', '{"variables": {"tags": {"all_": ["etl"]}}}'),
       (SELECT count(*) FROM variable WHERE tags LIKE '%"etl"%');
-- Prefect: TestReadVariableByName (the variable by its name; 404 when there is none)
SELECT 'variable by name', json_extract(prefect_api('GET /variables/name/batch_size'), '$.id'), json_extract(prefect_api('GET /variables/name/batch_size'), '$.value');
SELECT 'variable by name, 404', prefect_api('GET /variables/name/doesntexist') IS NULL;
SELECT 'variable: GET equals the filter''s object', prefect_api('GET /variables/name/conf') = json_extract(prefect_api('POST /variables/filter', '{"variables": {"name": {"any_": ["conf"]}}}'), '$[0]');

-- POST /work_pools/filter and /count; GET /work_pools/{name}; by name, the fixed order
SELECT 'pools order', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_pools/filter')) AS j);
SELECT 'pools fields', count(*) FROM json_each(prefect_api('POST /work_pools/filter')) AS j JOIN work_pool AS w ON w.id = json_extract(j.value, '$.id')
 WHERE json_extract(j.value, '$.type') IS w.type AND json_extract(j.value, '$.description') IS w.description
   AND json_extract(j.value, '$.is_paused') IS w.is_paused AND json_extract(j.value, '$.concurrency_limit') IS w.concurrency_limit
   AND json_extract(j.value, '$.default_queue_id') IS w.default_queue_id
   AND json(json_extract(j.value, '$.base_job_template')) IS json(w.base_job_template);
-- Prefect: status is None for a prefect-agent pool (WorkPool.model_validate)
SELECT 'pool status', json_extract(prefect_api('GET /work_pools/p-docker'), '$.status'), json_type(prefect_api('GET /work_pools/agents'), '$.status'),
       (SELECT status FROM work_pool WHERE name = 'agents');
-- Prefect: TestWorkPoolActiveSlots (None without a limit; PENDING and RUNNING runs of its queues)
SELECT 'pool active_slots', json_extract(prefect_api('GET /work_pools/p-docker'), '$.active_slots'),
       (SELECT count(*) FROM flow_run AS fr JOIN work_queue AS wq ON wq.id = fr.work_queue_id WHERE wq.work_pool_id = 'b0000000-0000-4000-8000-000000000001' AND fr.state_type IN ('PENDING', 'RUNNING')),
       json_type(prefect_api('GET /work_pools/p-k8s'), '$.active_slots');
-- the storage configuration's three fields, defaults filled in
SELECT 'storage', json_extract(prefect_api('GET /work_pools/agents'), '$.storage_configuration'), json_extract(prefect_api('GET /work_pools/p-k8s'), '$.storage_configuration');
-- Prefect: test_count_work_pools_applies_filter
SELECT 'pools count', prefect_api('POST /work_pools/count'), prefect_api('POST /work_pools/count', '{"work_pools": {"name": {"any_": ["p-k8s"]}}}');
SELECT 'pool: GET equals the filter''s object', prefect_api('GET /work_pools/agents') = json_extract(prefect_api('POST /work_pools/filter', '{"work_pools": {"name": {"any_": ["agents"]}}}'), '$[0]');
SELECT 'pool 404', prefect_api('GET /work_pools/nope') IS NULL, prefect_api('GET /api/work_pools/filter') IS NULL;

-- POST /work_queues/filter: by name, the work pool's name, computed active_slots
SELECT 'queues order', (SELECT group_concat(json_extract(j.value, '$.name'), ',') FROM json_each(prefect_api('POST /work_queues/filter')) AS j);
SELECT 'queues fields', count(*) FROM json_each(prefect_api('POST /work_queues/filter')) AS j JOIN work_queue AS q ON q.id = json_extract(j.value, '$.id')
 WHERE json_extract(j.value, '$.work_pool_id') IS q.work_pool_id AND json_extract(j.value, '$.priority') IS q.priority
   AND json_extract(j.value, '$.status') IS q.status AND json_extract(j.value, '$.is_paused') IS q.is_paused
   AND json_extract(j.value, '$.work_pool_name') IS (SELECT name FROM work_pool WHERE id = q.work_pool_id);
-- standard queue: PENDING, RUNNING or CANCELLING runs of the queue; legacy: PENDING or RUNNING
-- runs of a deployment with all its tags (run-five: RUNNING, tags dev, deployment d..99)
SELECT 'queue active_slots', json_extract(j.value, '$.name'), json_extract(j.value, '$.active_slots'), json_extract(j.value, '$.filter'), json_extract(j.value, '$.last_polled')
  FROM json_each(prefect_api('POST /work_queues/filter')) AS j;
SELECT 'queue active_slots by hand', (SELECT count(*) FROM flow_run WHERE work_queue_id = 'e0000000-0000-4000-8000-000000000001' AND state_type IN ('PENDING', 'RUNNING', 'CANCELLING')),
       (SELECT count(*) FROM flow_run WHERE deployment_id IS NOT NULL AND state_type IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM json_each(tags) WHERE value = 'dev'));
SELECT 'queues filtered', json_extract(prefect_api('POST /work_queues/filter', '{"work_queues": {"name": {"startswith_": ["crit"]}}}'), '$[#-1].name'),
       json_array_length(prefect_api('POST /work_queues/filter', '{"work_queues": {"name": {"startswith_": ["crit"]}}}'));

-- GET /flow_runs/{id}, /task_runs/{id}, /flows/{id}, /deployments/{id}: the object the filter
-- route returns for that id, for every row
SELECT 'flow runs by id', count(*), sum(prefect_api('GET /flow_runs/' || id) = json_extract(prefect_api('POST /flow_runs/filter', json_object('flow_runs', json_object('id', json_object('any_', json_array(id))))), '$[0]')) FROM flow_run;
SELECT 'task runs by id', count(*), sum(prefect_api('GET /task_runs/' || id) = json_extract(prefect_api('POST /task_runs/filter', json_object('task_runs', json_object('id', json_object('any_', json_array(id))))), '$[0]')) FROM task_run;
SELECT 'flows by id', count(*), sum(prefect_api('GET /flows/' || id) = json_extract(prefect_api('POST /flows/filter', json_object('flows', json_object('id', json_object('any_', json_array(id))))), '$[0]')) FROM flow;
SELECT 'deployments by id', count(*), sum(prefect_api('GET /deployments/' || id) = json_extract(prefect_api('POST /deployments/filter', json_object('deployments', json_object('id', json_object('any_', json_array(id))))), '$[0]')) FROM deployment;
-- field by field against the tables
SELECT 'flow run fields', count(*) FROM flow_run AS r WHERE
  json_extract(prefect_api('GET /flow_runs/' || r.id), '$.name') IS r.name AND
  json_extract(prefect_api('GET /flow_runs/' || r.id), '$.flow_id') IS r.flow_id AND
  json_extract(prefect_api('GET /flow_runs/' || r.id), '$.state_type') IS r.state_type AND
  json_extract(prefect_api('GET /flow_runs/' || r.id), '$.deployment_id') IS r.deployment_id;
SELECT 'flow fields', count(*) FROM flow AS f WHERE json_extract(prefect_api('GET /api/flows/' || upper(replace(f.id, '-', ''))), '$.name') IS f.name;
SELECT prefect_api('GET /flows/f0000000-0000-4000-8000-000000000001');
SELECT prefect_api('GET /task_runs/20000000-0000-4000-8000-000000000002');
-- "now" is the pinned clock: a scheduled run without a start grows late with it
UPDATE flow_run SET state_type = 'SCHEDULED', start_time = NULL, expected_start_time = '2026-01-09 00:00:00.000000' WHERE id = '10000000-0000-4000-8000-000000000004';
SELECT 'late by the clock', json_extract(prefect_api('GET /flow_runs/10000000-0000-4000-8000-000000000004'), '$.estimated_start_time_delta');
SELECT prefect_set_now('2026-01-09T00:00:01.5Z') IS NOT NULL;
SELECT 'later clock', json_extract(prefect_api('GET /flow_runs/10000000-0000-4000-8000-000000000004'), '$.estimated_start_time_delta');
-- Prefect: read_* return 404 for a missing id; a path that is not a uuid is no route (404 too)
SELECT '404s', prefect_api('GET /flow_runs/10000000-0000-4000-8000-000000000099') IS NULL, prefect_api('GET /flow_runs/not-a-uuid') IS NULL,
       prefect_api('GET /task_runs/20000000-0000-4000-8000-000000000099') IS NULL, prefect_api('GET /flows/not-a-uuid') IS NULL,
       prefect_api('GET /deployments/d0000000-0000-4000-8000-000000000099') IS NULL, prefect_api('GET /deployments/x') IS NULL;

-- the /api prefix, and the method left out (POST, else GET)
SELECT '/api', prefect_api('POST /api/flows/count'), prefect_api('/api/variables/count'), prefect_api('POST /flows/count');
SELECT 'method left out', json_extract(prefect_api('/work_pools/p-k8s'), '$.name'), json_array_length(prefect_api('/work_pools/filter'));
-- the router: Starlette's answers for Prefect's routes
SELECT prefect_api('GET /logs/filter');
SELECT prefect_api('POST /variables/name/bucket');
SELECT prefect_api('GET /variables/name/bucket/');
SELECT prefect_api('GET /api/work_pools');
SELECT prefect_api('GET /flows/name/etl');
SELECT prefect_api('GET /api/nope');
SELECT 'below a router: 404', prefect_api('GET /flow_runs/10000000-0000-4000-8000-000000000001/nope') IS NULL;
