-- A small Prefect database whose every row is known by heart, so that tests
-- can state the exact rows a body must return. Ids end in a two-digit
-- number; tests print that number (substr(id, -2)) to keep outputs short.
--
--   flows        f..01 etl ["prod"]   f..02 ml-Train []   f..03 adhoc ["dev", "prod"]
--   deployments  d..01 etl-nightly (flow 01, ["nightly"], queue default e..01 in pool p-docker)
--                d..02 train-weekly (flow 02, paused, [], queue critical e..02 in pool p-k8s)
--   (runs 01 and 02 ran on queue e..01, run 03 on e..02)
--   flow runs    10..01 run-one    flow 01 dep 01 COMPLETED/Completed ["prod", "nightly"]
--                10..02 run-two    flow 01 dep 01 FAILED/Failed       ["prod"]
--                10..03 run-three  flow 02 dep 02 SCHEDULED/Late      []   (no start_time)
--                10..04 Run-Four   flow 03 no dep, no state           ["dev"]  subflow of task 20..01
--                10..05 run-five   flow 02 dep d..99 (dangling) CRASHED/Crashed []
--   task runs    20..01 extract    run 01 COMPLETED ["io"]
--                20..02 transform  run 02 FAILED    []
--                20..03 loose      no flow run, RUNNING
--   artifacts    see the INSERT below; collections follow Prefect's rules.
.read sql/schema.sql

INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000000-0000-4000-8000-000000000001', '2025-12-01 00:00:00.000000', '2025-12-01 00:00:00.000000', 'etl', '["prod"]'),
 ('f0000000-0000-4000-8000-000000000002', '2025-12-02 00:00:00.000000', '2025-12-02 00:00:00.000000', 'ml-Train', '[]'),
 ('f0000000-0000-4000-8000-000000000003', '2025-12-03 00:00:00.000000', '2025-12-03 00:00:00.000000', 'adhoc', '["dev", "prod"]');

-- work pools b..01 p-docker (docker), b..02 p-k8s (kubernetes); queues
-- e..01 default (in p-docker), e..02 critical (in p-k8s)
INSERT INTO work_pool (id, name, type) VALUES
 ('b0000000-0000-4000-8000-000000000001', 'p-docker', 'docker'),
 ('b0000000-0000-4000-8000-000000000002', 'p-k8s', 'kubernetes');
INSERT INTO work_queue (id, name, work_pool_id) VALUES
 ('e0000000-0000-4000-8000-000000000001', 'default', 'b0000000-0000-4000-8000-000000000001'),
 ('e0000000-0000-4000-8000-000000000002', 'critical', 'b0000000-0000-4000-8000-000000000002');

INSERT INTO deployment (id, created, updated, name, flow_id, paused, tags, work_queue_name, work_queue_id) VALUES
 ('d0000000-0000-4000-8000-000000000001', '2025-12-05 00:00:00.000000', '2025-12-05 00:00:00.000000', 'etl-nightly', 'f0000000-0000-4000-8000-000000000001', 0, '["nightly"]', 'default', 'e0000000-0000-4000-8000-000000000001'),
 ('d0000000-0000-4000-8000-000000000002', '2025-12-06 00:00:00.000000', '2025-12-06 00:00:00.000000', 'train-weekly', 'f0000000-0000-4000-8000-000000000002', 1, '[]', 'critical', 'e0000000-0000-4000-8000-000000000002');

INSERT INTO flow_run (id, created, updated, name, flow_id, deployment_id, state_type, state_name, tags,
                      expected_start_time, start_time, end_time, total_run_time, parent_task_run_id,
                      work_queue_name, flow_version, idempotency_key, created_by, work_queue_id) VALUES
 ('10000000-0000-4000-8000-000000000001', '2026-01-01 00:00:00.000000', '2026-01-01 00:05:00.000000', 'run-one',
  'f0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '["prod", "nightly"]',
  '2026-01-01 00:00:00.000000', '2026-01-01 00:01:00.000000', '2026-01-01 00:05:00.000000', '1970-01-01 00:04:00.000000', NULL,
  'default', '1.0', 'key-1', '{"id": "d0000000-0000-4000-8000-000000000001", "type": "DEPLOYMENT", "display_value": "etl-nightly"}',
  'e0000000-0000-4000-8000-000000000001'),
 ('10000000-0000-4000-8000-000000000002', '2026-01-02 00:00:00.000000', '2026-01-02 00:10:00.000000', 'run-two',
  'f0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'FAILED', 'Failed', '["prod"]',
  '2026-01-02 00:00:00.000000', '2026-01-02 00:00:00.000000', '2026-01-02 00:10:00.000000', '1970-01-01 00:10:00.000000', NULL,
  'default', '1.1', NULL, NULL, 'e0000000-0000-4000-8000-000000000001'),
 ('10000000-0000-4000-8000-000000000003', '2026-01-03 00:00:00.000000', '2026-01-03 00:00:00.000000', 'run-three',
  'f0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000002', 'SCHEDULED', 'Late', '[]',
  '2026-01-03 00:00:00.000000', NULL, NULL, '1970-01-01 00:00:00.000000', NULL,
  NULL, NULL, NULL, '{"id": null, "type": "AUTOMATION", "display_value": null}', 'e0000000-0000-4000-8000-000000000002');

-- Run-Four is a subflow of task run 20..01; it is inserted after the task runs.
INSERT INTO task_run (id, created, updated, name, flow_run_id, state_type, state_name, tags, task_key, dynamic_key,
                      expected_start_time, start_time, end_time, total_run_time) VALUES
 ('20000000-0000-4000-8000-000000000001', '2026-01-01 00:01:00.000000', '2026-01-01 00:02:00.000000', 'extract',
  '10000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '["io"]', 'extract', '0',
  '2026-01-01 00:01:00.000000', '2026-01-01 00:01:00.000000', '2026-01-01 00:02:00.000000', '1970-01-01 00:01:00.000000'),
 ('20000000-0000-4000-8000-000000000002', '2026-01-02 00:01:00.000000', '2026-01-02 00:02:00.000000', 'transform',
  '10000000-0000-4000-8000-000000000002', 'FAILED', 'Failed', '[]', 'transform', '0',
  NULL, '2026-01-02 00:01:00.000000', NULL, '1970-01-01 00:00:00.000000'),
 ('20000000-0000-4000-8000-000000000003', '2026-01-03 00:01:00.000000', '2026-01-03 00:02:00.000000', 'loose',
  NULL, 'RUNNING', 'Running', '[]', 'loose', '0',
  NULL, '2026-01-03 00:01:00.000000', NULL, '1970-01-01 00:00:00.000000');

INSERT INTO flow_run (id, created, updated, name, flow_id, deployment_id, state_type, state_name, tags,
                      expected_start_time, start_time, end_time, total_run_time, parent_task_run_id) VALUES
 ('10000000-0000-4000-8000-000000000004', '2026-01-04 00:00:00.000000', '2026-01-04 00:00:00.000000', 'Run-Four',
  'f0000000-0000-4000-8000-000000000003', NULL, NULL, NULL, '["dev"]',
  NULL, NULL, NULL, '1970-01-01 00:00:00.000000', '20000000-0000-4000-8000-000000000001'),
 ('10000000-0000-4000-8000-000000000005', '2026-01-05 00:00:00.000000', '2026-01-05 00:00:00.000000', 'run-five',
  'f0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000099', 'CRASHED', 'Crashed', '[]',
  '2026-01-05 00:00:00.000000', '2026-01-05 00:00:00.000000', '2026-01-05 00:01:00.000000', '1970-01-01 00:01:00.000000', NULL);

-- Artifacts. created (and updated) are distinct so every sort is total.
--   nn key            type      flow run  task run  created (2026-02-..)
--   01 orders-report  markdown  01        01        01 01:00
--   02 orders-report  markdown  02        02        02 01:00   latest of orders-report
--   03 ml-table       table     03        -         03 01:00
--   04 (none)         result    01        01        04 01:00
--   05 (none)         (none)    -         -         05 01:00
--   06 gamma_1        link      04        -         06 01:00
--   07 gammax1        markdown  04        -         07 01:00
--   08 progress-x     progress  05        -         08 01:00
--   09 dangling       table     10..99    -         09 01:00   (no such flow run)
--   10 Éclair-Report  markdown  02        02        10 01:00
--   11 ml-table       table     01        01        11 01:00   latest of ml-table
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000000-0000-4000-8000-000000000001', '2026-02-01 01:00:00.000000', '2026-02-01 01:00:00.000000', 'orders-report', 'markdown', 'first', '"# Orders 1"', '{"rows": "10"}', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001'),
 ('a0000000-0000-4000-8000-000000000002', '2026-02-02 01:00:00.000000', '2026-02-12 01:00:00.000000', 'orders-report', 'markdown', 'second', '"# Orders 2"', 'null', '10000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002'),
 ('a0000000-0000-4000-8000-000000000003', '2026-02-03 01:00:00.000000', '2026-02-03 01:00:00.000000', 'ml-table', 'table', NULL, '"[[1, 2], [3, 4]]"', 'null', '10000000-0000-4000-8000-000000000003', NULL),
 ('a0000000-0000-4000-8000-000000000004', '2026-02-04 01:00:00.000000', '2026-02-04 01:00:00.000000', NULL, 'result', NULL, '{"storage_key": "s3://r/4"}', 'null', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001'),
 ('a0000000-0000-4000-8000-000000000005', '2026-02-05 01:00:00.000000', '2026-02-05 01:00:00.000000', NULL, NULL, NULL, 'null', 'null', NULL, NULL),
 ('a0000000-0000-4000-8000-000000000006', '2026-02-06 01:00:00.000000', '2026-02-06 01:00:00.000000', 'gamma_1', 'link', NULL, '"https://example.com"', 'null', '10000000-0000-4000-8000-000000000004', NULL),
 ('a0000000-0000-4000-8000-000000000007', '2026-02-07 01:00:00.000000', '2026-02-07 01:00:00.000000', 'gammax1', 'markdown', NULL, '"x"', 'null', '10000000-0000-4000-8000-000000000004', NULL),
 ('a0000000-0000-4000-8000-000000000008', '2026-02-08 01:00:00.000000', '2026-02-08 01:00:00.000000', 'progress-x', 'progress', NULL, 42, 'null', '10000000-0000-4000-8000-000000000005', NULL),
 ('a0000000-0000-4000-8000-000000000009', '2026-02-09 01:00:00.000000', '2026-02-09 01:00:00.000000', 'dangling', 'table', NULL, '"[]"', 'null', '10000000-0000-4000-8000-000000000099', NULL),
 ('a0000000-0000-4000-8000-000000000010', '2026-02-10 01:00:00.000000', '2026-02-10 01:00:00.000000', 'Éclair-Report', 'markdown', NULL, '"é"', 'null', '10000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002'),
 ('a0000000-0000-4000-8000-000000000011', '2026-02-11 01:00:00.000000', '2026-02-11 01:00:00.000000', 'ml-table', 'table', 'v2', '"[[5, 6]]"', 'null', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001');

-- One collection row per key, pointing at the newest artifact of the key;
-- ids c..NN are numbered by key, not by latest artifact.
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000000-0000-4000-8000-000000000001', '2026-02-01 01:00:00.000000', '2026-02-02 01:00:00.000000', 'orders-report', 'a0000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'markdown', '"# Orders 2"', 'second', 'null'),
 ('c0000000-0000-4000-8000-000000000002', '2026-02-03 01:00:00.000000', '2026-02-11 01:00:00.000000', 'ml-table', 'a0000000-0000-4000-8000-000000000011', '20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'table', '"[[5, 6]]"', 'v2', 'null'),
 ('c0000000-0000-4000-8000-000000000003', '2026-02-06 01:00:00.000000', '2026-02-06 01:00:00.000000', 'gamma_1', 'a0000000-0000-4000-8000-000000000006', NULL, '10000000-0000-4000-8000-000000000004', 'link', '"https://example.com"', NULL, 'null'),
 ('c0000000-0000-4000-8000-000000000004', '2026-02-07 01:00:00.000000', '2026-02-07 01:00:00.000000', 'gammax1', 'a0000000-0000-4000-8000-000000000007', NULL, '10000000-0000-4000-8000-000000000004', 'markdown', '"x"', NULL, 'null'),
 ('c0000000-0000-4000-8000-000000000005', '2026-02-08 01:00:00.000000', '2026-02-08 01:00:00.000000', 'progress-x', 'a0000000-0000-4000-8000-000000000008', NULL, '10000000-0000-4000-8000-000000000005', 'progress', 42, NULL, 'null'),
 ('c0000000-0000-4000-8000-000000000006', '2026-02-09 01:00:00.000000', '2026-02-09 01:00:00.000000', 'dangling', 'a0000000-0000-4000-8000-000000000009', NULL, '10000000-0000-4000-8000-000000000099', 'table', '"[]"', NULL, 'null'),
 ('c0000000-0000-4000-8000-000000000007', '2026-02-10 01:00:00.000000', '2026-02-10 01:00:00.000000', 'Éclair-Report', 'a0000000-0000-4000-8000-000000000010', '20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'markdown', '"é"', NULL, 'null');
