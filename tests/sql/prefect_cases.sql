-- Prefect's own artifact test cases, replayed against the virtual tables.
--
-- Source: PrefectHQ/prefect commit ce79dd3d6cfa2b7337265498210dbc4d25bcdc98 (2026-08-21), files
--   tests/server/models/test_artifacts.py                 (labels "models ...")
--   tests/server/orchestration/api/test_artifacts.py      (labels "api ...")
--   tests/client/test_prefect_client.py, class TestArtifacts (labels "client ...", async and sync
--     clients send slightly different bodies, so both are replayed)
--   tests/fixtures/database.py (the flow, flow_run, task_run and deployment fixtures)
-- tests/server/models/test_filters.py has no artifact cases.
--
-- Every test that filters, sorts, counts or paginates artifacts or latest artifacts is here. Tests
-- that only create/read-by-id/read-by-key/update/delete are not (they exercise no filter body).
--
-- Method: each group below rebuilds, in Prefect's tables, the rows the test's fixtures leave
-- behind (ids are made readable: a000000G-..-NN artifact NN of group G, c.. its collection row,
-- f.. flow, 1.. flow run, 2.. task run, d.. deployment, e.. an id Prefect's test draws with
-- uuid4() that names no row). Artifacts with a key get the artifact_collection row Prefect's
-- create_artifact upserts: created = first artifact of the key, updated = the newest one, other
-- columns copied from the newest artifact. created times follow Prefect's creation order.
--
-- Bodies: API tests send filter objects through .model_dump(mode="json"), i.e. every field of
-- the filter model, nulls and "operator": "and_" included; those exact bodies are used here.
-- Model-level tests call Python functions with filter objects (no JSON); their bodies carry only
-- the fields the test sets. Client tests use the body prefect.client builds
-- (exclude_unset=True dumps, plus "limit"/"offset"/"sort" members that may be null).
--
-- The .expected file is written from Prefect's assertions, not from running this extension.
-- Each line prints exactly the quantity Prefect asserts (a count, a set, an order, ...);
-- artifact ids print as their last two digits; "None" stands for a Python None (SQL NULL), and
-- data prints as its JSON text.
.read sql/schema.sql
.mode list

-- ===================================================================================
-- Group 0: empty database (tests that use no artifact fixture)
-- ===================================================================================
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_returns_empty_list', (SELECT count(*) FROM artifacts);
SELECT 'api TestReadArtifacts::test_read_artifacts_returns_empty_list', (SELECT count(*) FROM artifacts);
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_returns_empty_list', (SELECT count(*) FROM artifact_collections);

-- ===================================================================================
-- Group 1: models, fixture `artifact` (key voltaic, data 1, metadata) -- the same single row
-- test_count_artifacts creates inline.
-- ===================================================================================
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000001-0000-4000-8000-000000000001', '2026-03-01 10:00:00.000001', '2026-03-01 10:00:00.000001', 'voltaic', NULL, NULL, 1, '{"description": "opens many doors"}', NULL, NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000001-0000-4000-8000-000000000001', '2026-03-01 10:00:00.000001', '2026-03-01 10:00:00.000001', 'voltaic', 'a0000001-0000-4000-8000-000000000001', NULL, NULL, NULL, 1, NULL, '{"description": "opens many doors"}');

SELECT 'models TestCountArtifacts::test_count_artifacts', (SELECT count(*) FROM artifacts);
SELECT 'models TestCountArtifacts::test_counting_single_artifact', (SELECT count(*) FROM artifacts);

-- ===================================================================================
-- Group 2: models, fixture `artifacts` (flow, flow_run, task_run; voltaic1/2 on the runs,
-- voltaic3 without runs)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000002-0000-4000-8000-000000000001', '2026-03-02 09:00:00.000001', '2026-03-02 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000002', '[]');
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, tags, total_run_time) VALUES
 ('10000002-0000-4000-8000-000000000001', '2026-03-02 09:00:01.000001', '2026-03-02 09:00:01.000001', 'run-g2', 'f0000002-0000-4000-8000-000000000001', '0.1', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, tags, total_run_time) VALUES
 ('20000002-0000-4000-8000-000000000001', '2026-03-02 09:00:02.000001', '2026-03-02 09:00:02.000001', 'my-key-0', '10000002-0000-4000-8000-000000000001', 'my-key', '0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000002-0000-4000-8000-000000000001', '2026-03-02 10:00:00.000001', '2026-03-02 10:00:00.000001', 'voltaic1', NULL, NULL, 1, '{"description": "opens many doors"}', '10000002-0000-4000-8000-000000000001', '20000002-0000-4000-8000-000000000001'),
 ('a0000002-0000-4000-8000-000000000002', '2026-03-02 10:00:00.000002', '2026-03-02 10:00:00.000002', 'voltaic2', NULL, NULL, 2, '{"description": "opens many doors"}', '10000002-0000-4000-8000-000000000001', '20000002-0000-4000-8000-000000000001'),
 ('a0000002-0000-4000-8000-000000000003', '2026-03-02 10:00:00.000003', '2026-03-02 10:00:00.000003', 'voltaic3', NULL, NULL, 3, '{"description": "opens many doors"}', NULL, NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000002-0000-4000-8000-000000000001', '2026-03-02 10:00:00.000001', '2026-03-02 10:00:00.000001', 'voltaic1', 'a0000002-0000-4000-8000-000000000001', '20000002-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000001', NULL, 1, NULL, '{"description": "opens many doors"}'),
 ('c0000002-0000-4000-8000-000000000002', '2026-03-02 10:00:00.000002', '2026-03-02 10:00:00.000002', 'voltaic2', 'a0000002-0000-4000-8000-000000000002', '20000002-0000-4000-8000-000000000001', '10000002-0000-4000-8000-000000000001', NULL, 2, NULL, '{"description": "opens many doors"}'),
 ('c0000002-0000-4000-8000-000000000003', '2026-03-02 10:00:00.000003', '2026-03-02 10:00:00.000003', 'voltaic3', 'a0000002-0000-4000-8000-000000000003', NULL, NULL, NULL, 3, NULL, '{"description": "opens many doors"}');

SELECT 'models TestCountArtifacts::test_counting_artifacts_with_artifact_filter', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["voltaic1"]}}}'));
SELECT 'models TestCountArtifacts::test_counting_artifacts_by_with_flow_run_filter', (SELECT count(*) FROM artifacts('{"flow_runs": {"id": {"any_": ["10000002-0000-4000-8000-000000000001"]}}}'));
SELECT 'models TestCountArtifacts::test_counting_artifacts_by_with_task_run_filter', (SELECT count(*) FROM artifacts('{"task_runs": {"id": {"any_": ["20000002-0000-4000-8000-000000000001"]}}}'));
-- ids: len 3, every id among the three fixture ids
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_ids', (SELECT count(*) || ' ' || min(id IN ('a0000002-0000-4000-8000-000000000001', 'a0000002-0000-4000-8000-000000000002', 'a0000002-0000-4000-8000-000000000003')) FROM artifacts('{"artifacts": {"id": {"any_": ["a0000002-0000-4000-8000-000000000001", "a0000002-0000-4000-8000-000000000002", "a0000002-0000-4000-8000-000000000003"]}}}'));
-- keys: len 2, every key among the fixture keys
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_keys', (SELECT count(*) || ' ' || min(key IN ('voltaic1', 'voltaic2', 'voltaic3')) FROM artifacts('{"artifacts": {"key": {"any_": ["voltaic2", "voltaic3"]}}}'));
-- flow_run_id: len 2, both rows' flow_run_id is the fixture flow run
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_flow_run_id', (SELECT count(*) || ' ' || group_concat(flow_run_id, ' ') FROM artifacts('{"artifacts": {"flow_run_id": {"any_": ["10000002-0000-4000-8000-000000000001"]}}}'));
-- task_run_id (any_ lists the same task run twice): len 2, rows' task_run_id in order
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_task_run_id', (SELECT count(*) || ' ' || group_concat(task_run_id, ' ') FROM artifacts('{"artifacts": {"task_run_id": {"any_": ["20000002-0000-4000-8000-000000000001", "20000002-0000-4000-8000-000000000001"]}}}'));
-- FlowRunFilter: len 2, first row's flow_run_id
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_flow_run', (SELECT count(*) FROM artifacts('{"flow_runs": {"id": {"any_": ["10000002-0000-4000-8000-000000000001"]}}}')) || ' ' || (SELECT flow_run_id FROM artifacts('{"flow_runs": {"id": {"any_": ["10000002-0000-4000-8000-000000000001"]}}}') LIMIT 1);
-- TaskRunFilter: len 2, first row's task_run_id
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_task_run', (SELECT count(*) FROM artifacts('{"task_runs": {"id": {"any_": ["20000002-0000-4000-8000-000000000001"]}}}')) || ' ' || (SELECT task_run_id FROM artifacts('{"task_runs": {"id": {"any_": ["20000002-0000-4000-8000-000000000001"]}}}') LIMIT 1);

-- ===================================================================================
-- Group 3: models, fixture `flow_artifacts` (flow "my-flow" tags green, one run, two
-- artifacts with key voltaic2)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000003-0000-4000-8000-000000000001', '2026-03-03 09:00:00.000001', '2026-03-03 09:00:00.000001', 'my-flow', '["green"]');
INSERT INTO flow_run (id, created, updated, name, flow_id, tags, total_run_time) VALUES
 ('10000003-0000-4000-8000-000000000001', '2026-03-03 09:00:01.000001', '2026-03-03 09:00:01.000001', 'run-g3', 'f0000003-0000-4000-8000-000000000001', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000003-0000-4000-8000-000000000001', '2026-03-03 10:00:00.000001', '2026-03-03 10:00:00.000001', 'voltaic2', NULL, NULL, 1, '{"description": "opens many doors"}', '10000003-0000-4000-8000-000000000001', NULL),
 ('a0000003-0000-4000-8000-000000000002', '2026-03-03 10:00:00.000002', '2026-03-03 10:00:00.000002', 'voltaic2', NULL, NULL, 2, '{"description": "opens many doors"}', '10000003-0000-4000-8000-000000000001', NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000003-0000-4000-8000-000000000001', '2026-03-03 10:00:00.000001', '2026-03-03 10:00:00.000002', 'voltaic2', 'a0000003-0000-4000-8000-000000000002', NULL, '10000003-0000-4000-8000-000000000001', NULL, 2, NULL, '{"description": "opens many doors"}');

SELECT 'models TestCountArtifacts::test_counting_artifacts_by_flow_name', (SELECT count(*) FROM artifacts('{"flows": {"name": {"any_": ["my-flow"]}}}'));
SELECT 'models TestCountArtifacts::test_counting_latest_artifacts_by_flow_name', (SELECT count(*) FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow"]}}}'));
-- len 1, latest_id is the second artifact
SELECT 'models TestReadLatestArtifacts::test_reading_latest_artifacts_by_flow_name', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow"]}}}'));
-- len 2, sorted ids are the two artifacts
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_flow_name', (SELECT count(*) || ' ' || group_concat(i, ' ') FROM (SELECT substr(id, -2) AS i FROM artifacts('{"flows": {"name": {"any_": ["my-flow"]}}}') ORDER BY 1));

-- ===================================================================================
-- Group 4: models, fixture `deployment_artifacts` (deployment fixture; one run of it; two
-- artifacts with key voltaic1)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000004-0000-4000-8000-000000000001', '2026-03-04 09:00:00.000001', '2026-03-04 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000004', '[]');
INSERT INTO deployment (id, created, updated, name, flow_id, tags, paused, work_queue_name, path, entrypoint) VALUES
 ('d0000004-0000-4000-8000-000000000001', '2026-03-04 09:00:01.000001', '2026-03-04 09:00:01.000001', 'my-deployment-00000000-0000-4000-8000-000000000004', 'f0000004-0000-4000-8000-000000000001', '["test"]', 0, 'wq-1-00000000-0000-4000-8000-000000000004', './subdir', '/file.py:flow');
INSERT INTO flow_run (id, created, updated, name, flow_id, deployment_id, flow_version, tags, total_run_time) VALUES
 ('10000004-0000-4000-8000-000000000001', '2026-03-04 09:00:02.000001', '2026-03-04 09:00:02.000001', 'run-g4', 'f0000004-0000-4000-8000-000000000001', 'd0000004-0000-4000-8000-000000000001', '1.0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000004-0000-4000-8000-000000000001', '2026-03-04 10:00:00.000001', '2026-03-04 10:00:00.000001', 'voltaic1', NULL, NULL, 1, '{"description": "opens many doors"}', '10000004-0000-4000-8000-000000000001', NULL),
 ('a0000004-0000-4000-8000-000000000002', '2026-03-04 10:00:00.000002', '2026-03-04 10:00:00.000002', 'voltaic1', NULL, NULL, 2, '{"description": "opens many doors"}', '10000004-0000-4000-8000-000000000001', NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000004-0000-4000-8000-000000000001', '2026-03-04 10:00:00.000001', '2026-03-04 10:00:00.000002', 'voltaic1', 'a0000004-0000-4000-8000-000000000002', NULL, '10000004-0000-4000-8000-000000000001', NULL, 2, NULL, '{"description": "opens many doors"}');

SELECT 'models TestCountArtifacts::test_counting_artifacts_by_deployment', (SELECT count(*) FROM artifacts('{"deployments": {"id": {"any_": ["d0000004-0000-4000-8000-000000000001"]}}}'));
SELECT 'models TestCountArtifacts::test_counting_latest_artifacts_by_deployment', (SELECT count(*) FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000004-0000-4000-8000-000000000001"]}}}'));
SELECT 'models TestReadLatestArtifacts::test_reading_latest_artifacts_by_deployment', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000004-0000-4000-8000-000000000001"]}}}'));
SELECT 'models TestReadingMultipleArtifacts::test_reading_artifacts_by_deployment', (SELECT count(*) || ' ' || group_concat(i, ' ') FROM (SELECT substr(id, -2) AS i FROM artifacts('{"deployments": {"id": {"any_": ["d0000004-0000-4000-8000-000000000001"]}}}') ORDER BY 1));

-- ===================================================================================
-- Group 5: models, class TestReadLatestArtifacts fixture `artifacts`
--   01 key-1 data 1 markdown run        02 key-1 data 2 markdown run
--   03 key-2 data 3 table run+task      04 key-3 data 4 table (no runs)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000005-0000-4000-8000-000000000001', '2026-03-05 09:00:00.000001', '2026-03-05 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000005', '[]');
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, tags, total_run_time) VALUES
 ('10000005-0000-4000-8000-000000000001', '2026-03-05 09:00:01.000001', '2026-03-05 09:00:01.000001', 'run-g5', 'f0000005-0000-4000-8000-000000000001', '0.1', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, tags, total_run_time) VALUES
 ('20000005-0000-4000-8000-000000000001', '2026-03-05 09:00:02.000001', '2026-03-05 09:00:02.000001', 'my-key-0', '10000005-0000-4000-8000-000000000001', 'my-key', '0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000005-0000-4000-8000-000000000001', '2026-03-05 10:00:00.000001', '2026-03-05 10:00:00.000001', 'key-1', 'markdown', 'Some info about my artifact', 1, 'null', '10000005-0000-4000-8000-000000000001', NULL),
 ('a0000005-0000-4000-8000-000000000002', '2026-03-05 10:00:00.000002', '2026-03-05 10:00:00.000002', 'key-1', 'markdown', 'Some info about my artifact', 2, 'null', '10000005-0000-4000-8000-000000000001', NULL),
 ('a0000005-0000-4000-8000-000000000003', '2026-03-05 10:00:00.000003', '2026-03-05 10:00:00.000003', 'key-2', 'table', 'Some info about my artifact', 3, 'null', '10000005-0000-4000-8000-000000000001', '20000005-0000-4000-8000-000000000001'),
 ('a0000005-0000-4000-8000-000000000004', '2026-03-05 10:00:00.000004', '2026-03-05 10:00:00.000004', 'key-3', 'table', 'Some info about my artifact', 4, 'null', NULL, NULL);
-- (model-level creates set no metadata_: the collection row's metadata_ stays SQL NULL)
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000005-0000-4000-8000-000000000001', '2026-03-05 10:00:00.000001', '2026-03-05 10:00:00.000002', 'key-1', 'a0000005-0000-4000-8000-000000000002', NULL, '10000005-0000-4000-8000-000000000001', 'markdown', 2, 'Some info about my artifact', NULL),
 ('c0000005-0000-4000-8000-000000000002', '2026-03-05 10:00:00.000003', '2026-03-05 10:00:00.000003', 'key-2', 'a0000005-0000-4000-8000-000000000003', '20000005-0000-4000-8000-000000000001', '10000005-0000-4000-8000-000000000001', 'table', 3, 'Some info about my artifact', NULL),
 ('c0000005-0000-4000-8000-000000000003', '2026-03-05 10:00:00.000004', '2026-03-05 10:00:00.000004', 'key-3', 'a0000005-0000-4000-8000-000000000004', NULL, NULL, 'table', 4, 'Some info about my artifact', NULL);

-- len 3; key set; data set
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts len', (SELECT count(*) FROM artifact_collections);
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts keys', (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT key AS k FROM artifact_collections ORDER BY 1));
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts data', (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT CAST(data AS TEXT) AS d FROM artifact_collections ORDER BY 1));
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter len', (SELECT count(*) FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}'));
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter keys', (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT key AS k FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY 1));
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter data', (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT CAST(data AS TEXT) AS d FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY 1));
-- len 1; latest_id is artifacts[1]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_key_filter', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"artifacts": {"key": {"any_": ["key-1"]}}}'));
-- KEY_ASC: len 2; latest_ids in order artifacts[1], artifacts[2]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_flow_run_id_filter', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"artifacts": {"flow_run_id": {"any_": ["10000005-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC"}'));
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_task_run_id_filter', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"artifacts": {"task_run_id": {"any_": ["20000005-0000-4000-8000-000000000001"]}}}'));
-- limit 1, KEY_DESC, empty ArtifactCollectionFilter: len 1; key of artifacts[-1]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_limit', (SELECT count(*) || ' ' || group_concat(key, ' ') FROM artifact_collections('{"limit": 1, "sort": "KEY_DESC", "artifacts": {}}'));

-- ===================================================================================
-- Group 6: api, module fixture `artifacts` (five artifacts posted through the API)
--   01 artifact-1 table    data 1    run 1..01   task 2..01
--   02 artifact-2 markdown data 2    run 1..01   task e..01 (uuid4, no such row)
--   03 artifact-3 result   data null run e..02   task e..03 (uuid4, no such rows)
--   04 artifact-4 (none)   data null (no runs)
--   05 (no key)   (none)   data 1    (no runs)
-- all with description "# This is a markdown description title", metadata_ null
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000006-0000-4000-8000-000000000001', '2026-03-06 09:00:00.000001', '2026-03-06 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000006', '[]');
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, tags, total_run_time) VALUES
 ('10000006-0000-4000-8000-000000000001', '2026-03-06 09:00:01.000001', '2026-03-06 09:00:01.000001', 'run-g6', 'f0000006-0000-4000-8000-000000000001', '0.1', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, tags, total_run_time) VALUES
 ('20000006-0000-4000-8000-000000000001', '2026-03-06 09:00:02.000001', '2026-03-06 09:00:02.000001', 'my-key-0', '10000006-0000-4000-8000-000000000001', 'my-key', '0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000006-0000-4000-8000-000000000001', '2026-03-06 10:00:00.000001', '2026-03-06 10:00:00.000001', 'artifact-1', 'table', '# This is a markdown description title', 1, 'null', '10000006-0000-4000-8000-000000000001', '20000006-0000-4000-8000-000000000001'),
 ('a0000006-0000-4000-8000-000000000002', '2026-03-06 10:00:00.000002', '2026-03-06 10:00:00.000002', 'artifact-2', 'markdown', '# This is a markdown description title', 2, 'null', '10000006-0000-4000-8000-000000000001', 'e0000006-0000-4000-8000-000000000001'),
 ('a0000006-0000-4000-8000-000000000003', '2026-03-06 10:00:00.000003', '2026-03-06 10:00:00.000003', 'artifact-3', 'result', '# This is a markdown description title', 'null', 'null', 'e0000006-0000-4000-8000-000000000002', 'e0000006-0000-4000-8000-000000000003'),
 ('a0000006-0000-4000-8000-000000000004', '2026-03-06 10:00:00.000004', '2026-03-06 10:00:00.000004', 'artifact-4', NULL, '# This is a markdown description title', 'null', 'null', NULL, NULL),
 ('a0000006-0000-4000-8000-000000000005', '2026-03-06 10:00:00.000005', '2026-03-06 10:00:00.000005', NULL, NULL, '# This is a markdown description title', 1, 'null', NULL, NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000006-0000-4000-8000-000000000001', '2026-03-06 10:00:00.000001', '2026-03-06 10:00:00.000001', 'artifact-1', 'a0000006-0000-4000-8000-000000000001', '20000006-0000-4000-8000-000000000001', '10000006-0000-4000-8000-000000000001', 'table', 1, '# This is a markdown description title', 'null'),
 ('c0000006-0000-4000-8000-000000000002', '2026-03-06 10:00:00.000002', '2026-03-06 10:00:00.000002', 'artifact-2', 'a0000006-0000-4000-8000-000000000002', 'e0000006-0000-4000-8000-000000000001', '10000006-0000-4000-8000-000000000001', 'markdown', 2, '# This is a markdown description title', 'null'),
 ('c0000006-0000-4000-8000-000000000003', '2026-03-06 10:00:00.000003', '2026-03-06 10:00:00.000003', 'artifact-3', 'a0000006-0000-4000-8000-000000000003', 'e0000006-0000-4000-8000-000000000003', 'e0000006-0000-4000-8000-000000000002', 'result', 'null', '# This is a markdown description title', 'null'),
 ('c0000006-0000-4000-8000-000000000004', '2026-03-06 10:00:00.000004', '2026-03-06 10:00:00.000004', 'artifact-4', 'a0000006-0000-4000-8000-000000000004', NULL, NULL, NULL, 'null', '# This is a markdown description title', 'null');

-- POST /artifacts/filter with no body: len 5; sets of key, data, description, flow_run_id
SELECT 'api TestReadArtifacts::test_read_artifacts len', (SELECT count(*) FROM artifacts);
SELECT 'api TestReadArtifacts::test_read_artifacts keys', (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT coalesce(key, 'None') AS k FROM artifacts ORDER BY 1));
SELECT 'api TestReadArtifacts::test_read_artifacts data', (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT CAST(data AS TEXT) AS d FROM artifacts ORDER BY 1));
SELECT 'api TestReadArtifacts::test_read_artifacts descriptions', (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT coalesce(description, 'None') AS d FROM artifacts ORDER BY 1));
SELECT 'api TestReadArtifacts::test_read_artifacts flow_run_ids', (SELECT group_concat(f, ' ') FROM (SELECT DISTINCT coalesce(flow_run_id, 'None') AS f FROM artifacts ORDER BY 1));
-- len 2; key set
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_key_filter_any', (SELECT count(*) || ' ' || group_concat(k, ' ') FROM (SELECT key AS k FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": {"any_": ["artifact-1", "artifact-2"], "like_": null, "exists_": null}, "flow_run_id": null, "task_run_id": null, "type": null}}') ORDER BY 1));
-- len 4 (= 5 - 1); every key truthy
SELECT 'api TestReadArtifacts::test_read_artifact_with_artifact_key_filter_exists', (SELECT count(*) || ' ' || min(coalesce(key, '') <> '') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": {"any_": null, "like_": null, "exists_": true}, "flow_run_id": null, "task_run_id": null, "type": null}}'));
-- len 1; its key is None
SELECT 'api TestReadArtifacts::test_read_artifact_with_artifact_key_filter_not_exists', (SELECT count(*) || ' ' || group_concat(coalesce(key, 'None'), ' ') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": {"any_": null, "like_": null, "exists_": false}, "flow_run_id": null, "task_run_id": null, "type": null}}'));
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_id_filter', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "and_", "id": {"any_": ["a0000006-0000-4000-8000-000000000001"]}, "key": null, "flow_run_id": null, "task_run_id": null, "type": null}}'));
-- len 2; every flow_run_id is artifacts[0]'s
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_flow_run_id_filter', (SELECT count(*) || ' ' || min(flow_run_id IS '10000006-0000-4000-8000-000000000001') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": null, "flow_run_id": {"any_": ["10000006-0000-4000-8000-000000000001"]}, "task_run_id": null, "type": null}}'));
-- len 1; every task_run_id is artifacts[0]'s
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_task_run_id_filter', (SELECT count(*) || ' ' || min(task_run_id IS '20000006-0000-4000-8000-000000000001') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": null, "flow_run_id": null, "task_run_id": {"any_": ["20000006-0000-4000-8000-000000000001"]}, "type": null}}'));
-- type of artifacts[1] (markdown): len 1; [0].type
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_type_filter_any', (SELECT count(*) || ' ' || group_concat(type, ' ') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": null, "flow_run_id": null, "task_run_id": null, "type": {"any_": ["markdown"], "not_any_": null}}}'));
-- not_any_ type of artifacts[2] (result): len 2; every type differs from result
SELECT 'api TestReadArtifacts::test_read_artifacts_with_artifact_type_filter_not_any', (SELECT count(*) || ' ' || min(type IS NOT 'result') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": null, "flow_run_id": null, "task_run_id": null, "type": {"any_": null, "not_any_": ["result"]}}}'));
-- len 1; its flow_run_id and task_run_id are the fixture runs
SELECT 'api TestReadArtifacts::test_read_artifacts_with_multiple_filters', (SELECT count(*) || ' ' || min(flow_run_id IS '10000006-0000-4000-8000-000000000001' AND task_run_id IS '20000006-0000-4000-8000-000000000001') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": null, "flow_run_id": {"any_": ["10000006-0000-4000-8000-000000000001"]}, "task_run_id": {"any_": ["20000006-0000-4000-8000-000000000001"]}, "type": null}}'));
SELECT 'api TestReadArtifacts::test_read_artifacts_with_flow_run_filter', (SELECT count(*) || ' ' || min(flow_run_id IS '10000006-0000-4000-8000-000000000001') FROM artifacts('{"flow_runs": {"operator": "and_", "id": {"any_": ["10000006-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "tags": null, "deployment_id": null, "work_queue_name": null, "state": null, "flow_version": null, "start_time": null, "end_time": null, "expected_start_time": null, "next_scheduled_start_time": null, "parent_flow_run_id": null, "parent_task_run_id": null, "idempotency_key": null, "created_by": null}}'));
SELECT 'api TestReadArtifacts::test_read_artifacts_with_task_run_filter', (SELECT count(*) || ' ' || min(task_run_id IS '20000006-0000-4000-8000-000000000001') FROM artifacts('{"task_runs": {"operator": "and_", "id": {"any_": ["20000006-0000-4000-8000-000000000001"]}, "name": null, "tags": null, "state": null, "start_time": null, "end_time": null, "expected_start_time": null, "subflow_runs": null, "flow_run_id": null}}'));
SELECT 'api TestReadArtifacts::test_read_artifacts_with_limit', (SELECT count(*) FROM artifacts('{"limit": 1}'));
-- len 4; key set equals the keys of artifacts[:-1]
SELECT 'api TestReadArtifacts::test_read_artifacts_with_offset', (SELECT count(*) || ' ' || group_concat(k, ' ') FROM (SELECT DISTINCT coalesce(key, 'None') AS k FROM artifacts('{"offset": 1, "sort": "CREATED_DESC"}') ORDER BY 1));
-- len 5; updated non-increasing along the answer (1 = true)
SELECT 'api TestReadArtifacts::test_read_artifacts_with_sort', (SELECT json_array_length(a) || ' ' || (SELECT count(*) = 0 FROM json_each(a) AS x JOIN json_each(a) AS y ON y.key = x.key + 1 WHERE x.value < y.value) FROM (SELECT json_group_array(updated) AS a FROM artifacts('{"sort": "UPDATED_DESC"}')));
-- like_ "1" (last character of artifacts[0].key): len 1; [0].key
SELECT 'api TestReadArtifacts::test_read_artifacts_with_applies_key_like_filter', (SELECT count(*) || ' ' || group_concat(key, ' ') FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": {"any_": null, "like_": "1", "exists_": null}, "flow_run_id": null, "task_run_id": null, "type": null}}'));
-- TestCountArtifacts on the same fixture
SELECT 'api TestCountArtifacts::test_counting_artifacts', (SELECT count(*) FROM artifacts);
SELECT 'api TestCountArtifacts::test_count_artifacts_with_artifact_filter', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "and_", "id": null, "key": {"any_": ["artifact-1", "artifact-2"], "like_": null, "exists_": null}, "flow_run_id": null, "task_run_id": null, "type": null}}'));
SELECT 'api TestCountArtifacts::test_count_artifacts_with_flow_run_filter', (SELECT count(*) FROM artifacts('{"flow_runs": {"operator": "and_", "id": {"any_": ["10000006-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "tags": null, "deployment_id": null, "work_queue_name": null, "state": null, "flow_version": null, "start_time": null, "end_time": null, "expected_start_time": null, "next_scheduled_start_time": null, "parent_flow_run_id": null, "parent_task_run_id": null, "idempotency_key": null, "created_by": null}}'));
SELECT 'api TestCountArtifacts::test_count_artifacts_with_task_run_filter', (SELECT count(*) FROM artifacts('{"task_runs": {"operator": "and_", "id": {"any_": ["20000006-0000-4000-8000-000000000001"]}, "name": null, "tags": null, "state": null, "start_time": null, "end_time": null, "expected_start_time": null, "subflow_runs": null, "flow_run_id": null}}'));

-- ===================================================================================
-- Group 7: api, module fixture `flow_artifacts` (flow + deployment fixtures; a run created
-- from the deployment; two artifacts with key artifact-1)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000007-0000-4000-8000-000000000001', '2026-03-07 09:00:00.000001', '2026-03-07 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000007', '[]');
INSERT INTO deployment (id, created, updated, name, flow_id, tags, paused, work_queue_name, path, entrypoint) VALUES
 ('d0000007-0000-4000-8000-000000000001', '2026-03-07 09:00:01.000001', '2026-03-07 09:00:01.000001', 'my-deployment-00000000-0000-4000-8000-000000000007', 'f0000007-0000-4000-8000-000000000001', '["test"]', 0, 'wq-1-00000000-0000-4000-8000-000000000007', './subdir', '/file.py:flow');
INSERT INTO flow_run (id, created, updated, name, flow_id, deployment_id, state_type, state_name, tags, expected_start_time, total_run_time) VALUES
 ('10000007-0000-4000-8000-000000000001', '2026-03-07 09:00:02.000001', '2026-03-07 09:00:02.000001', 'run-g7', 'f0000007-0000-4000-8000-000000000001', 'd0000007-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '["test"]', '2026-03-07 09:00:02.000001', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000007-0000-4000-8000-000000000001', '2026-03-07 10:00:00.000001', '2026-03-07 10:00:00.000001', 'artifact-1', 'table', '# This is a markdown description title', 1, 'null', '10000007-0000-4000-8000-000000000001', NULL),
 ('a0000007-0000-4000-8000-000000000002', '2026-03-07 10:00:00.000002', '2026-03-07 10:00:00.000002', 'artifact-1', 'table', '# This is a markdown description title', 1, 'null', '10000007-0000-4000-8000-000000000001', NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000007-0000-4000-8000-000000000001', '2026-03-07 10:00:00.000001', '2026-03-07 10:00:00.000002', 'artifact-1', 'a0000007-0000-4000-8000-000000000002', NULL, '10000007-0000-4000-8000-000000000001', 'table', 1, '# This is a markdown description title', 'null');

-- len 2; sorted ids are flow_artifacts[1], flow_artifacts[2]
SELECT 'api TestReadArtifacts::test_reading_artifacts_by_flow_name', (SELECT count(*) || ' ' || group_concat(i, ' ') FROM (SELECT substr(id, -2) AS i FROM artifacts('{"flows": {"operator": "and_", "id": null, "deployment": null, "name": {"any_": ["my-flow-00000000-0000-4000-8000-000000000007"], "like_": null}, "tags": null}}') ORDER BY 1));
SELECT 'api TestReadArtifacts::test_reading_artifacts_by_deployment', (SELECT count(*) || ' ' || group_concat(i, ' ') FROM (SELECT substr(id, -2) AS i FROM artifacts('{"deployments": {"operator": "and_", "id": {"any_": ["d0000007-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "flow_or_deployment_name": null, "paused": null, "tags": null, "work_queue_name": null, "concurrency_limit": null}}') ORDER BY 1));
-- len 1; latest_id is flow_artifacts[2]
SELECT 'api TestReadLatestArtifacts::test_reading_latest_artifacts_by_flow_name', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"flows": {"operator": "and_", "id": null, "deployment": null, "name": {"any_": ["my-flow-00000000-0000-4000-8000-000000000007"], "like_": null}, "tags": null}}'));
SELECT 'api TestReadLatestArtifacts::test_reading_latest_artifacts_by_deployment', (SELECT count(*) || ' ' || group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"deployments": {"operator": "and_", "id": {"any_": ["d0000007-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "flow_or_deployment_name": null, "paused": null, "tags": null, "work_queue_name": null, "concurrency_limit": null}}'));
SELECT 'api TestCountArtifacts::test_count_artifacts_by_flow_name', (SELECT count(*) FROM artifacts('{"flows": {"operator": "and_", "id": null, "deployment": null, "name": {"any_": ["my-flow-00000000-0000-4000-8000-000000000007"], "like_": null}, "tags": null}}'));
SELECT 'api TestCountArtifacts::test_count_artifacts_by_deployment', (SELECT count(*) FROM artifacts('{"deployments": {"operator": "and_", "id": {"any_": ["d0000007-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "flow_or_deployment_name": null, "paused": null, "tags": null, "work_queue_name": null, "concurrency_limit": null}}'));
SELECT 'api TestCountArtifacts::test_counting_latest_artifacts_by_flow_name', (SELECT count(*) FROM artifact_collections('{"flows": {"operator": "and_", "id": null, "deployment": null, "name": {"any_": ["my-flow-00000000-0000-4000-8000-000000000007"], "like_": null}, "tags": null}}'));
SELECT 'api TestCountArtifacts::test_counting_latest_artifacts_by_deployment', (SELECT count(*) FROM artifact_collections('{"deployments": {"operator": "and_", "id": {"any_": ["d0000007-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "flow_or_deployment_name": null, "paused": null, "tags": null, "work_queue_name": null, "concurrency_limit": null}}'));

-- ===================================================================================
-- Group 8: api, class TestReadLatestArtifacts fixture `artifacts`
--   01 artifact-1 table data 1 run      02 artifact-1 table data 2 run
--   03 artifact-3 result data 3 run+task 04 (no key) markdown data 1
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000008-0000-4000-8000-000000000001', '2026-03-08 09:00:00.000001', '2026-03-08 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000008', '[]');
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, tags, total_run_time) VALUES
 ('10000008-0000-4000-8000-000000000001', '2026-03-08 09:00:01.000001', '2026-03-08 09:00:01.000001', 'run-g8', 'f0000008-0000-4000-8000-000000000001', '0.1', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, tags, total_run_time) VALUES
 ('20000008-0000-4000-8000-000000000001', '2026-03-08 09:00:02.000001', '2026-03-08 09:00:02.000001', 'my-key-0', '10000008-0000-4000-8000-000000000001', 'my-key', '0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000008-0000-4000-8000-000000000001', '2026-03-08 10:00:00.000001', '2026-03-08 10:00:00.000001', 'artifact-1', 'table', '# This is a markdown description title', 1, 'null', '10000008-0000-4000-8000-000000000001', NULL),
 ('a0000008-0000-4000-8000-000000000002', '2026-03-08 10:00:00.000002', '2026-03-08 10:00:00.000002', 'artifact-1', 'table', '# This is a markdown description title', 2, 'null', '10000008-0000-4000-8000-000000000001', NULL),
 ('a0000008-0000-4000-8000-000000000003', '2026-03-08 10:00:00.000003', '2026-03-08 10:00:00.000003', 'artifact-3', 'result', '# This is a markdown description title', 3, 'null', '10000008-0000-4000-8000-000000000001', '20000008-0000-4000-8000-000000000001'),
 ('a0000008-0000-4000-8000-000000000004', '2026-03-08 10:00:00.000004', '2026-03-08 10:00:00.000004', NULL, 'markdown', '# This is a markdown description title', 1, 'null', NULL, NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000008-0000-4000-8000-000000000001', '2026-03-08 10:00:00.000001', '2026-03-08 10:00:00.000002', 'artifact-1', 'a0000008-0000-4000-8000-000000000002', NULL, '10000008-0000-4000-8000-000000000001', 'table', 2, '# This is a markdown description title', 'null'),
 ('c0000008-0000-4000-8000-000000000002', '2026-03-08 10:00:00.000003', '2026-03-08 10:00:00.000003', 'artifact-3', 'a0000008-0000-4000-8000-000000000003', '20000008-0000-4000-8000-000000000001', '10000008-0000-4000-8000-000000000001', 'result', 3, '# This is a markdown description title', 'null');

-- len 2; set of (key, data)
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifact_collections('{"artifacts": {"operator": "and_", "latest_id": null, "key": null, "flow_run_id": null, "task_run_id": null, "type": null}}') ORDER BY 1));
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter', (SELECT count(*) FROM artifact_collections('{"artifacts": {"operator": "and_", "latest_id": null, "key": null, "flow_run_id": null, "task_run_id": null, "type": {"any_": ["table"], "not_any_": null}}}'));
-- len 1; [0].key; [0].data
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_key_filter', (SELECT count(*) || ' ' || group_concat(key || ' ' || CAST(data AS TEXT), ' ') FROM artifact_collections('{"artifacts": {"operator": "and_", "latest_id": null, "key": {"any_": ["artifact-1"], "like_": null, "exists_": null}, "flow_run_id": null, "task_run_id": null, "type": null}}'));
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifact_with_limit', (SELECT count(*) FROM artifact_collections('{"limit": 2}'));
-- len 2; every flow_run_id is artifacts[0]'s
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_flow_run_filter', (SELECT count(*) || ' ' || min(flow_run_id IS '10000008-0000-4000-8000-000000000001') FROM artifact_collections('{"flow_runs": {"operator": "and_", "id": {"any_": ["10000008-0000-4000-8000-000000000001"], "not_any_": null}, "name": null, "tags": null, "deployment_id": null, "work_queue_name": null, "state": null, "flow_version": null, "start_time": null, "end_time": null, "expected_start_time": null, "next_scheduled_start_time": null, "parent_flow_run_id": null, "parent_task_run_id": null, "idempotency_key": null, "created_by": null}}'));
-- len 1; every task_run_id is artifacts[2]'s
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_task_run_filter', (SELECT count(*) || ' ' || min(task_run_id IS '20000008-0000-4000-8000-000000000001') FROM artifact_collections('{"task_runs": {"operator": "and_", "id": {"any_": ["20000008-0000-4000-8000-000000000001"]}, "name": null, "tags": null, "state": null, "start_time": null, "end_time": null, "expected_start_time": null, "subflow_runs": null, "flow_run_id": null}}'));
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_artifact_flow_run_id_filter', (SELECT count(*) || ' ' || min(flow_run_id IS '10000008-0000-4000-8000-000000000001') FROM artifact_collections('{"artifacts": {"operator": "and_", "latest_id": null, "key": null, "flow_run_id": {"any_": ["10000008-0000-4000-8000-000000000001"]}, "task_run_id": null, "type": null}}'));
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_artifact_task_run_id_filter', (SELECT count(*) || ' ' || min(task_run_id IS '20000008-0000-4000-8000-000000000001') FROM artifact_collections('{"artifacts": {"operator": "and_", "latest_id": null, "key": null, "flow_run_id": null, "task_run_id": {"any_": ["20000008-0000-4000-8000-000000000001"]}, "type": null}}'));

-- ===================================================================================
-- Group 9: api, module fixture `artifact` (key voltaic on the fixture runs)
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO flow (id, created, updated, name, tags) VALUES
 ('f0000009-0000-4000-8000-000000000001', '2026-03-09 09:00:00.000001', '2026-03-09 09:00:00.000001', 'my-flow-00000000-0000-4000-8000-000000000009', '[]');
INSERT INTO flow_run (id, created, updated, name, flow_id, flow_version, tags, total_run_time) VALUES
 ('10000009-0000-4000-8000-000000000001', '2026-03-09 09:00:01.000001', '2026-03-09 09:00:01.000001', 'run-g9', 'f0000009-0000-4000-8000-000000000001', '0.1', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, created, updated, name, flow_run_id, task_key, dynamic_key, tags, total_run_time) VALUES
 ('20000009-0000-4000-8000-000000000001', '2026-03-09 09:00:02.000001', '2026-03-09 09:00:02.000001', 'my-key-0', '10000009-0000-4000-8000-000000000001', 'my-key', '0', '[]', '1970-01-01 00:00:00.000000');
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000009-0000-4000-8000-000000000001', '2026-03-09 10:00:00.000001', '2026-03-09 10:00:00.000001', 'voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000009-0000-4000-8000-000000000001', '20000009-0000-4000-8000-000000000001');
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000009-0000-4000-8000-000000000001', '2026-03-09 10:00:00.000001', '2026-03-09 10:00:00.000001', 'voltaic', 'a0000009-0000-4000-8000-000000000001', '20000009-0000-4000-8000-000000000001', '10000009-0000-4000-8000-000000000001', NULL, 1, '# This is a markdown description title', '{"data": "opens many doors"}');

SELECT 'api TestCountArtifacts::test_counting_single_artifact', (SELECT count(*) FROM artifacts);
-- POST /artifacts/filter with no body must have a row [0] (1 = true)
SELECT 'api TestUpdateArtifact::test_update_artifact_succeeds (filter step)', (SELECT count(*) >= 1 FROM artifacts);

-- ===================================================================================
-- Group 10: client, class TestArtifacts fixture `artifacts` (created through the client)
--   01 voltaic table data 1    02 voltaic table data 2    03 lotus markdown data 3
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow;
INSERT INTO artifact (id, created, updated, "key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('a0000010-0000-4000-8000-000000000001', '2026-03-10 10:00:00.000001', '2026-03-10 10:00:00.000001', 'voltaic', 'table', '# This is a markdown description title', 1, 'null', NULL, NULL),
 ('a0000010-0000-4000-8000-000000000002', '2026-03-10 10:00:00.000002', '2026-03-10 10:00:00.000002', 'voltaic', 'table', '# This is a markdown description title', 2, 'null', NULL, NULL),
 ('a0000010-0000-4000-8000-000000000003', '2026-03-10 10:00:00.000003', '2026-03-10 10:00:00.000003', 'lotus', 'markdown', '# This is a markdown description title', 3, 'null', NULL, NULL);
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data, description, metadata_) VALUES
 ('c0000010-0000-4000-8000-000000000001', '2026-03-10 10:00:00.000001', '2026-03-10 10:00:00.000002', 'voltaic', 'a0000010-0000-4000-8000-000000000002', NULL, NULL, 'table', 2, '# This is a markdown description title', 'null'),
 ('c0000010-0000-4000-8000-000000000002', '2026-03-10 10:00:00.000003', '2026-03-10 10:00:00.000003', 'lotus', 'a0000010-0000-4000-8000-000000000003', NULL, NULL, 'markdown', 3, '# This is a markdown description title', 'null');

-- each line: len; set of (key, data)
SELECT 'client TestArtifacts::test_read_artifacts[async]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": 0, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_read_artifacts[sync]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": null, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_read_artifacts_with_latest_filter[async]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifact_collections('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": 0, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_read_artifacts_with_latest_filter[sync]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifact_collections('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": 0, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_read_artifacts_with_key_filter[async]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": {"key": {"any_": ["voltaic"]}}, "flow_runs": null, "task_runs": null, "limit": null, "offset": 0, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_read_artifacts_with_key_filter[sync]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": {"key": {"any_": ["voltaic"]}}, "flow_runs": null, "task_runs": null, "limit": null, "offset": null, "sort": null}') ORDER BY 1));

-- test_delete_artifact_succeeds: DELETE /artifacts/{artifacts[1].id}, done here as Prefect's
-- delete_artifact does it (the deleted row was the latest of voltaic, so the collection row
-- moves back to artifact 01), then read_artifacts().
DELETE FROM artifact WHERE id = 'a0000010-0000-4000-8000-000000000002';
UPDATE artifact_collection SET latest_id = 'a0000010-0000-4000-8000-000000000001', data = 1 WHERE "key" = 'voltaic';
SELECT 'client TestArtifacts::test_delete_artifact_succeeds[async]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": 0, "sort": null}') ORDER BY 1));
SELECT 'client TestArtifacts::test_delete_artifact_succeeds[sync]', (SELECT count(*) || ' ' || group_concat(kd, ' ') FROM (SELECT key || ':' || CAST(data AS TEXT) AS kd FROM artifacts('{"artifacts": null, "flow_runs": null, "task_runs": null, "limit": null, "offset": null, "sort": null}') ORDER BY 1));
