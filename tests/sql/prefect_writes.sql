-- Prefect's own tests of artifact create, update and delete (and of the artifact_collection rows
-- those writes keep), replayed as INSERT / UPDATE / DELETE on the `artifacts` virtual table.
--
-- Source: PrefectHQ/prefect commit ce79dd3d6cfa2b7337265498210dbc4d25bcdc98 (2026-08-21), files
--   tests/server/models/test_artifacts.py                  (labels "models ...")
--   tests/server/orchestration/api/test_artifacts.py       (labels "api ...")
--   tests/server/schemas/test_core.py, class TestArtifacts (label "schemas ...")
--   tests/server/orchestration/api/test_artifact_collection_events.py (labels "events ...", partial:
--     see below)
--   tests/client/test_prefect_client.py, class TestArtifacts (labels "client ...")
--   tests/fixtures/database.py (flow, flow_run, task_run, deployment fixtures)
-- Companion of prefect_cases.sql, which replays the filter tests on hand-built rows. Here every
-- artifact row, and therefore every artifact_collection row, is made by the extension's writes.
--
-- What is here: every test whose subject is creating, updating, deleting or reading back one
-- artifact, or the "latest" (artifact_collection) rows those writes maintain. Tests of the latest
-- endpoints that filter are replayed again on fixtures built through INSERT, because the
-- collection rows they read are the output of the create upsert. Tests that only filter, sort or
-- count `artifact` rows are left to prefect_cases.sql.
--
-- Method
--   * Each Prefect test runs on an empty database (pytestmark clear_db); each group below starts by
--     emptying the tables. Tests that only read share one build of their fixture.
--   * Runs, flows and deployments the fixtures need are written straight into Prefect's tables
--     (readable ids: f.. flow, 1.. flow run, 2.. task run, d.. deployment, e.. an id Prefect draws
--     with uuid4() that names no row).
--   * models tests: Prefect builds a core.Artifact, whose id defaults to uuid4(); here the id is
--     given (a00000GG-...-NN: artifact NN of group GG) so output can name rows by "NN".
--   * api / events / client tests: POST /artifacts/ takes no id (ArtifactCreate forbids it), so
--     the INSERT gives none and the id the extension made is noted in temp.posted as "NN" (NN =
--     creation order in the test), read back from the newest row of `artifact`.
--     API bodies are ArtifactCreate.model_dump(mode="json"): all seven fields, nulls included,
--     so the INSERT names all seven. The client sends exclude_unset dumps: only the fields set.
--   * Filter bodies carry only the fields the test sets (prefect_cases.sql replays the exact
--     model_dump bodies).
--   * A status code becomes: 201 / 204 -> the statement succeeded and changes() is 1;
--     404 -> changes() is 0; 422 / pydantic ValidationError -> the statement fails with
--     "prefect: artifacts.<field>: ..." and nothing is written.
--   * PATCH {} (ArtifactUpdate() with no field set) has no SQL spelling (UPDATE needs a SET);
--     it is replayed as "SET description = description", a PATCH that writes back the value the
--     row already holds.
--   * Times: a test's now("UTC") becomes SQLite's now, kept in temp.clock. Prefect's
--     tests have HTTP round trips between the steps; ".shell sleep 0.01" stands for them, so
--     that millisecond clocks (SQLite's now, which also sets `updated` on PATCH) move on.
--
-- Events (test_artifact_collection_events.py): the extension emits no events. Prefect builds
-- each event from the artifact_collection row: "created" when that row's created = updated after
-- the upsert, "updated" otherwise, and on delete "updated" if the key has another artifact (the
-- row is repointed) or "deleted" if not (the row goes). Those tests are replayed as that row:
-- the event name it implies, its latest_id (the event's "latest" resource) and the payload fields.
--
-- The .expected file is written from Prefect's assertions, not from running this extension.
-- Each line prints exactly the quantity Prefect asserts; "None" stands for a Python None; data
-- and metadata_ print as their JSON text; booleans print as 1/0.
.read sql/schema.sql
.mode list

CREATE TEMP TABLE posted (n TEXT, id TEXT);
CREATE TEMP TABLE clock (t TEXT);

-- ===================================================================================
-- models TestCreateArtifacts
-- ===================================================================================
-- G01 test_creating_artifacts
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000001-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
SELECT 'models TestCreateArtifacts::test_creating_artifacts', "key", CAST(data AS TEXT), metadata_
  FROM artifacts WHERE id = 'a0000001-0000-4000-8000-000000000001';

-- G02 test_creating_artifact_with_key_succeeds_and_upsert_to_artifact_collection
-- (module fixture `artifact`: voltaic, data 1, metadata)
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000002-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
-- read_artifact finds it; the latest of "voltaic" is it
SELECT 'models TestCreateArtifacts::test_creating_artifact_with_key_succeeds_and_upsert_to_artifact_collection',
  (SELECT count(*) FROM artifacts WHERE id = 'a0000002-0000-4000-8000-000000000001'),
  (SELECT substr(latest_id, -2) FROM artifact_collections WHERE "key" = 'voltaic');

-- G03 test_creating_artifact_without_key_arg_does_not_upsert_to_artifact_collection
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000003-0000-4000-8000-000000000001', NULL, 1, 'Some info about my artifact');
-- id is not None; key, data, description as given
SELECT 'models TestCreateArtifacts::test_creating_artifact_without_key_arg_does_not_upsert_to_artifact_collection',
  id IS NOT NULL, coalesce("key", 'None'), CAST(data AS TEXT), description
  FROM artifacts WHERE id = 'a0000003-0000-4000-8000-000000000001';

-- G04 test_creating_artifact_with_existing_key_appends_in_artifact_and_upserts_in_artifact_collection
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000004-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
-- latest_id is the fixture artifact; key; collection updated == created
SELECT 'models TestCreateArtifacts::test_creating_artifact_with_existing_key_appends_in_artifact_and_upserts_in_artifact_collection before',
  substr(latest_id, -2), "key", updated = created
  FROM artifact_collections WHERE "key" = 'voltaic';
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000004-0000-4000-8000-000000000002', 'voltaic', 2, 'Some info about my artifact');
-- both artifacts readable; latest_id is the new one
SELECT 'models TestCreateArtifacts::test_creating_artifact_with_existing_key_appends_in_artifact_and_upserts_in_artifact_collection after',
  (SELECT count(*) FROM artifacts WHERE id = 'a0000004-0000-4000-8000-000000000001'),
  (SELECT count(*) FROM artifacts WHERE id = 'a0000004-0000-4000-8000-000000000002'),
  (SELECT substr(latest_id, -2) FROM artifact_collections WHERE "key" = 'voltaic');

-- G05 test_creating_artifact_with_null_key_does_not_upsert_to_artifact_collection
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, data, description) VALUES
 ('a0000005-0000-4000-8000-000000000001', 1, 'Some info about my artifact');
-- read_artifact finds it; read_latest_artifact(key=None) finds nothing. Prefect's lookup is
-- "key IS NULL", which the NOT NULL column never matches; what the test's name means is that no
-- collection row was made, so the whole (otherwise empty) collection table is counted.
SELECT 'models TestCreateArtifacts::test_creating_artifact_with_null_key_does_not_upsert_to_artifact_collection',
  (SELECT count(*) FROM artifacts WHERE id = 'a0000005-0000-4000-8000-000000000001'),
  (SELECT count(*) FROM artifact_collections);

-- G06 TestCountArtifacts::test_count_artifacts (creates inline, asserts the key, then counts)
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000006-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
SELECT 'models TestCountArtifacts::test_count_artifacts',
  (SELECT "key" FROM artifacts WHERE id = 'a0000006-0000-4000-8000-000000000001'),
  (SELECT count(*) FROM artifacts);

-- ===================================================================================
-- models TestUpdateArtifacts (class fixtures: `artifact` voltaic data 1 metadata;
-- `progress_artifact` type progress, data 0.0, no key)
-- ===================================================================================
-- G07 test_update_artifact_succeeds: ArtifactUpdate(data=2) -> truthy; data == 2
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000007-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
UPDATE artifacts SET data = 2 WHERE id = 'a0000007-0000-4000-8000-000000000001';
SELECT 'models TestUpdateArtifacts::test_update_artifact_succeeds', changes() > 0,
  (SELECT CAST(data AS TEXT) FROM artifacts WHERE id = 'a0000007-0000-4000-8000-000000000001');

-- G08 test_update_artifact_fails_if_missing: an unknown id -> falsy
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
UPDATE artifacts SET data = 2 WHERE id = 'e0000008-0000-4000-8000-000000000001';
SELECT 'models TestUpdateArtifacts::test_update_artifact_fails_if_missing', changes() > 0;

-- G09 test_update_artifact_does_not_update_if_fields_not_set: ArtifactUpdate() -> truthy; data == 1
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000009-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
UPDATE artifacts SET description = description WHERE id = 'a0000009-0000-4000-8000-000000000001';
SELECT 'models TestUpdateArtifacts::test_update_artifact_does_not_update_if_fields_not_set', changes() > 0,
  (SELECT CAST(data AS TEXT) FROM artifacts WHERE id = 'a0000009-0000-4000-8000-000000000001');

-- G10 test_update_artifact_succeeds_with_data_and_without_key: data=50.00 -> truthy;
-- data == 50.0 (compared as the JSON number it is)
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, type, data, description) VALUES
 ('a0000010-0000-4000-8000-000000000001', 'progress', 0.0, 'Info about the progress artifact');
UPDATE artifacts SET data = 50.00 WHERE id = 'a0000010-0000-4000-8000-000000000001';
SELECT 'models TestUpdateArtifacts::test_update_artifact_succeeds_with_data_and_without_key', changes() > 0,
  (SELECT json_extract(CAST(data AS TEXT), '$') = 50.0 FROM artifacts WHERE id = 'a0000010-0000-4000-8000-000000000001');

-- ===================================================================================
-- models TestReadLatestArtifact
-- ===================================================================================
-- G11 test_reading_artifact_by_key: key voltaic, data 1, description "opens many doors"
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000011-0000-4000-8000-000000000001', 'voltaic', 1, 'opens many doors');
-- the created artifact's key; then the latest row: latest_id, key, data, description
SELECT 'models TestReadLatestArtifact::test_reading_artifact_by_key',
  (SELECT "key" FROM artifacts WHERE id = 'a0000011-0000-4000-8000-000000000001'),
  substr(latest_id, -2), "key", CAST(data AS TEXT), description
  FROM artifact_collections WHERE "key" = 'voltaic';

-- ===================================================================================
-- G12 models TestReadLatestArtifacts, class fixture `artifacts` (flow_run, task_run fixtures):
--   01 key-1 markdown data 1 run   02 key-1 markdown data 2 run
--   03 key-2 table data 3 run+task 04 key-3 table data 4
-- all with description "Some info about my artifact"
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000012-0000-4000-8000-000000000001', 'my-flow-e0000012-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000012-0000-4000-8000-000000000001', 'g12-run', 'f0000012-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000012-0000-4000-8000-000000000001', 'my-key-0', '10000012-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts (id, "key", data, type, flow_run_id, task_run_id, description) VALUES
 ('a0000012-0000-4000-8000-000000000001', 'key-1', 1, 'markdown', '10000012-0000-4000-8000-000000000001', NULL, 'Some info about my artifact');
INSERT INTO artifacts (id, "key", data, type, flow_run_id, task_run_id, description) VALUES
 ('a0000012-0000-4000-8000-000000000002', 'key-1', 2, 'markdown', '10000012-0000-4000-8000-000000000001', NULL, 'Some info about my artifact');
INSERT INTO artifacts (id, "key", data, type, flow_run_id, task_run_id, description) VALUES
 ('a0000012-0000-4000-8000-000000000003', 'key-2', 3, 'table', '10000012-0000-4000-8000-000000000001', '20000012-0000-4000-8000-000000000001', 'Some info about my artifact');
INSERT INTO artifacts (id, "key", data, type, flow_run_id, task_run_id, description) VALUES
 ('a0000012-0000-4000-8000-000000000004', 'key-3', 4, 'table', NULL, NULL, 'Some info about my artifact');

-- len 3; key set; data set
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts',
  (SELECT count(*) FROM artifact_collections),
  (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT "key" AS k FROM artifact_collections ORDER BY 1)),
  (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT CAST(data AS TEXT) AS d FROM artifact_collections ORDER BY 1));
-- type any_ table: len 2; key set; data set
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter',
  (SELECT count(*) FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}')),
  (SELECT group_concat(k, ' ') FROM (SELECT DISTINCT "key" AS k FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY 1)),
  (SELECT group_concat(d, ' ') FROM (SELECT DISTINCT CAST(data AS TEXT) AS d FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY 1));
-- key any_ key-1: len 1; [0].latest_id is artifacts[1]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_key_filter',
  count(*), group_concat(substr(latest_id, -2), ' ')
  FROM artifact_collections('{"artifacts": {"key": {"any_": ["key-1"]}}}');
-- flow_run_id any_ the run, KEY_ASC: len 2; latest_ids in order artifacts[1], artifacts[2]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_flow_run_id_filter',
  count(*), group_concat(substr(latest_id, -2), ' ')
  FROM artifact_collections('{"artifacts": {"flow_run_id": {"any_": ["10000012-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC"}');
-- task_run_id any_ the task run: len 1; [0].latest_id is artifacts[2]
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_task_run_id_filter',
  count(*), group_concat(substr(latest_id, -2), ' ')
  FROM artifact_collections('{"artifacts": {"task_run_id": {"any_": ["20000012-0000-4000-8000-000000000001"]}}}');
-- limit 1, KEY_DESC, empty filter: len 1; [0].key is artifacts[-1].key
SELECT 'models TestReadLatestArtifacts::test_read_latest_artifacts_with_limit',
  count(*), group_concat("key", ' ')
  FROM artifact_collections('{"limit": 1, "sort": "KEY_DESC", "artifacts": {}}');

-- ===================================================================================
-- G13 models module fixture `flow_artifacts`: flow "my-flow" (tags green), a run of it,
-- two artifacts with key voltaic2 (data 1, 2) on that run
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name, tags) VALUES ('f0000013-0000-4000-8000-000000000001', 'my-flow', '["green"]');
INSERT INTO flow_run (id, name, flow_id, total_run_time) VALUES
 ('10000013-0000-4000-8000-000000000001', 'g13-run', 'f0000013-0000-4000-8000-000000000001', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts (id, "key", data, metadata_, flow_run_id) VALUES
 ('a0000013-0000-4000-8000-000000000001', 'voltaic2', 1, '{"description": "opens many doors"}', '10000013-0000-4000-8000-000000000001');
INSERT INTO artifacts (id, "key", data, metadata_, flow_run_id) VALUES
 ('a0000013-0000-4000-8000-000000000002', 'voltaic2', 2, '{"description": "opens many doors"}', '10000013-0000-4000-8000-000000000001');
-- len 1; [0].latest_id is flow_artifacts[2] (the second artifact)
SELECT 'models TestReadLatestArtifacts::test_reading_latest_artifacts_by_flow_name',
  count(*), group_concat(substr(latest_id, -2), ' ')
  FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow"]}}}');
SELECT 'models TestCountArtifacts::test_counting_latest_artifacts_by_flow_name',
  count(*) FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow"]}}}');

-- ===================================================================================
-- G14 models module fixture `deployment_artifacts`: the deployment fixture, a run of it
-- (flow_version 1.0), two artifacts with key voltaic1 (data 1, 2) on that run
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000014-0000-4000-8000-000000000001', 'my-flow-e0000014-0000-4000-8000-000000000009');
INSERT INTO deployment (id, name, flow_id, tags) VALUES
 ('d0000014-0000-4000-8000-000000000001', 'my-deployment-e0000014-0000-4000-8000-000000000008', 'f0000014-0000-4000-8000-000000000001', '["test"]');
INSERT INTO flow_run (id, name, flow_id, deployment_id, flow_version, total_run_time) VALUES
 ('10000014-0000-4000-8000-000000000001', 'g14-run', 'f0000014-0000-4000-8000-000000000001', 'd0000014-0000-4000-8000-000000000001', '1.0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts (id, "key", data, metadata_, flow_run_id) VALUES
 ('a0000014-0000-4000-8000-000000000001', 'voltaic1', 1, '{"description": "opens many doors"}', '10000014-0000-4000-8000-000000000001');
INSERT INTO artifacts (id, "key", data, metadata_, flow_run_id) VALUES
 ('a0000014-0000-4000-8000-000000000002', 'voltaic1', 2, '{"description": "opens many doors"}', '10000014-0000-4000-8000-000000000001');
-- len 1; [0].latest_id is deployment_artifacts[2] (the second artifact)
SELECT 'models TestReadLatestArtifacts::test_reading_latest_artifacts_by_deployment',
  count(*), group_concat(substr(latest_id, -2), ' ')
  FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000014-0000-4000-8000-000000000001"]}}}');
SELECT 'models TestCountArtifacts::test_counting_latest_artifacts_by_deployment',
  count(*) FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000014-0000-4000-8000-000000000001"]}}}');

-- ===================================================================================
-- models TestReadingSingleArtifacts
-- ===================================================================================
-- G15 test_reading_artifacts_by_id: key, data, metadata_ of the created artifact
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000015-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
SELECT 'models TestReadingSingleArtifacts::test_reading_artifacts_by_id', "key", CAST(data AS TEXT), metadata_
  FROM artifacts WHERE id = 'a0000015-0000-4000-8000-000000000001';

-- G16 test_reading_artifacts_returns_none_if_missing
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
SELECT 'models TestReadingSingleArtifacts::test_reading_artifacts_returns_none_if_missing',
  count(*) FROM artifacts WHERE id = 'e0000016-0000-4000-8000-000000000001';

-- ===================================================================================
-- models TestDeleteArtifacts (class fixture `artifacts`: three artifacts with key test-key-1,
-- data "my important data", description "Info about the artifact", made in order 01 02 03)
-- ===================================================================================
-- G17 test_delete_artifact_succeeds: delete -> truthy; read_artifact -> None
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000017-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
DELETE FROM artifacts WHERE id = 'a0000017-0000-4000-8000-000000000001';
SELECT 'models TestDeleteArtifacts::test_delete_artifact_succeeds', changes() > 0,
  (SELECT count(*) FROM artifacts WHERE id = 'a0000017-0000-4000-8000-000000000001');

-- G18 test_delete_artifact_fails_if_missing: an unknown id -> falsy
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
DELETE FROM artifacts WHERE id = 'e0000018-0000-4000-8000-000000000001';
SELECT 'models TestDeleteArtifacts::test_delete_artifact_fails_if_missing', changes() > 0;

-- G19 test_delete_only_artifact_version_deletes_row_in_artifact_and_artifact_collection
-- (module fixture `artifact`): delete -> truthy; artifact gone; no latest for voltaic
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, metadata_) VALUES
 ('a0000019-0000-4000-8000-000000000001', 'voltaic', 1, '{"description": "opens many doors"}');
DELETE FROM artifacts WHERE id = 'a0000019-0000-4000-8000-000000000001';
SELECT 'models TestDeleteArtifacts::test_delete_only_artifact_version_deletes_row_in_artifact_and_artifact_collection',
  changes() > 0,
  (SELECT count(*) FROM artifacts WHERE id = 'a0000019-0000-4000-8000-000000000001'),
  (SELECT count(*) FROM artifact_collections WHERE "key" = 'voltaic');

-- G20 test_delete_earliest_artifact_deletes_row_in_artifact_and_ignores_artifact_collection:
-- delete artifacts[0] -> truthy; gone; latest_id is artifacts[-1]
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000020-0000-4000-8000-000000000001', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000020-0000-4000-8000-000000000002', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000020-0000-4000-8000-000000000003', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
DELETE FROM artifacts WHERE id = 'a0000020-0000-4000-8000-000000000001';
SELECT 'models TestDeleteArtifacts::test_delete_earliest_artifact_deletes_row_in_artifact_and_ignores_artifact_collection',
  changes() > 0,
  (SELECT count(*) FROM artifacts WHERE id = 'a0000020-0000-4000-8000-000000000001'),
  (SELECT substr(latest_id, -2) FROM artifact_collections WHERE "key" = 'test-key-1');

-- G21 test_delete_middle_artifact_deletes_row_in_artifact_and_ignores_artifact_collection:
-- delete artifacts[1] -> truthy; gone; latest_id is artifacts[-1]
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000021-0000-4000-8000-000000000001', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000021-0000-4000-8000-000000000002', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000021-0000-4000-8000-000000000003', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
DELETE FROM artifacts WHERE id = 'a0000021-0000-4000-8000-000000000002';
SELECT 'models TestDeleteArtifacts::test_delete_middle_artifact_deletes_row_in_artifact_and_ignores_artifact_collection',
  changes() > 0,
  (SELECT count(*) FROM artifacts WHERE id = 'a0000021-0000-4000-8000-000000000002'),
  (SELECT substr(latest_id, -2) FROM artifact_collections WHERE "key" = 'test-key-1');

-- G22 test_delete_latest_artifact_deletes_row_in_artifact_and_updates_artifact_collection:
-- delete artifacts[2] -> truthy; gone; latest_id is artifacts[1]
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000022-0000-4000-8000-000000000001', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000022-0000-4000-8000-000000000002', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
INSERT INTO artifacts (id, "key", data, description) VALUES
 ('a0000022-0000-4000-8000-000000000003', 'test-key-1', json_quote('my important data'), 'Info about the artifact');
DELETE FROM artifacts WHERE id = 'a0000022-0000-4000-8000-000000000003';
SELECT 'models TestDeleteArtifacts::test_delete_latest_artifact_deletes_row_in_artifact_and_updates_artifact_collection',
  changes() > 0,
  (SELECT count(*) FROM artifacts WHERE id = 'a0000022-0000-4000-8000-000000000003'),
  (SELECT substr(latest_id, -2) FROM artifact_collections WHERE "key" = 'test-key-1');

-- ===================================================================================
-- G23 schemas TestArtifacts::test_validates_metadata_sizes: metadata_ values of 5000 "x" and
-- 10 "o"; the short one keeps 10 characters, the long one is cut (< 5000) to 503
-- (500 + "..."). Prefect checks the schema object; here the stored row is read back.
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts (id, metadata_) VALUES
 ('a0000023-0000-4000-8000-000000000001', json_object('a very long key', printf('%.5000c', 'x'), 'a very short key', printf('%.10c', 'o')));
SELECT 'schemas TestArtifacts::test_validates_metadata_sizes',
  length(json_extract(metadata_, '$."a very short key"')),
  length(json_extract(metadata_, '$."a very long key"')) < 5000,
  length(json_extract(metadata_, '$."a very long key"'))
  FROM artifacts WHERE id = 'a0000023-0000-4000-8000-000000000001';

-- ===================================================================================
-- G24 api fixture `artifact` (flow_run, task_run fixtures): POST voltaic, data 1,
-- description "# This is a markdown description title", metadata_ {"data": "opens many doors"},
-- on the fixture runs. Read-only tests first, then one that adds a row.
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000024-0000-4000-8000-000000000001', 'my-flow-e0000024-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000024-0000-4000-8000-000000000001', 'g24-run', 'f0000024-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000024-0000-4000-8000-000000000001', 'my-key-0', '10000024-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000024-0000-4000-8000-000000000001', '20000024-0000-4000-8000-000000000001');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;

-- GET /artifacts/{id}: key, data, description, metadata_, flow_run_id as POSTed
SELECT 'api TestReadArtifact::test_read_artifact', "key", CAST(data AS TEXT), description, metadata_, flow_run_id
  FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');
-- GET /artifacts/voltaic/latest: key, data, description, metadata_, flow_run_id as POSTed
SELECT 'api TestReadLatestArtifact::test_read_latest_artifact', "key", CAST(data AS TEXT), description, metadata_, flow_run_id
  FROM artifact_collections WHERE "key" = 'voltaic';
-- POST {key: voltaic, data: 1, every other field null} -> 201
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, NULL, 1, NULL, NULL, NULL);
SELECT 'api TestCreateArtifact::test_create_artifact_with_existing_key_succeeds', changes();

-- G25 api TestCreateArtifact::test_create_artifact: 201; the response's key, data, description,
-- metadata_, flow_run_id, task_run_id are the ones POSTed
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000025-0000-4000-8000-000000000001', 'my-flow-e0000025-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000025-0000-4000-8000-000000000001', 'g25-run', 'f0000025-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000025-0000-4000-8000-000000000001', 'my-key-0', '10000025-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000025-0000-4000-8000-000000000001', '20000025-0000-4000-8000-000000000001');
SELECT 'api TestCreateArtifact::test_create_artifact status', changes();
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
SELECT 'api TestCreateArtifact::test_create_artifact', "key", CAST(data AS TEXT), description, metadata_, flow_run_id, task_run_id
  FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');

-- G26 api TestCreateArtifact::test_create_camel_case_artifact_key_raises: ArtifactCreate(key=
-- "camelCase_Key", data=1) fails with "key must only contain lowercase letters, numbers, and
-- dashes"; nothing is written
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('camelCase_Key', NULL, NULL, 1, NULL, NULL, NULL);
SELECT 'api TestCreateArtifact::test_create_camel_case_artifact_key_raises rows written',
  (SELECT count(*) FROM artifacts) + (SELECT count(*) FROM artifact_collections);

-- G27 api TestReadArtifact::test_read_artifact_not_found
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
SELECT 'api TestReadArtifact::test_read_artifact_not_found',
  count(*) FROM artifacts WHERE id = 'e0000027-0000-4000-8000-000000000001';

-- ===================================================================================
-- G28 api TestReadLatestArtifacts, class fixture `artifacts` (flow_run, task_run fixtures):
--   01 artifact-1 table data 1 run   02 artifact-1 table data 2 run
--   03 artifact-3 result data 3 run+task   04 (no key) markdown data 1
-- all with description "# This is a markdown description title"
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000028-0000-4000-8000-000000000001', 'my-flow-e0000028-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000028-0000-4000-8000-000000000001', 'g28-run', 'f0000028-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000028-0000-4000-8000-000000000001', 'my-key-0', '10000028-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-1', 'table', '# This is a markdown description title', 1, NULL, '10000028-0000-4000-8000-000000000001', NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-1', 'table', '# This is a markdown description title', 2, NULL, '10000028-0000-4000-8000-000000000001', NULL);
INSERT INTO posted SELECT '02', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-3', 'result', '# This is a markdown description title', 3, NULL, '10000028-0000-4000-8000-000000000001', '20000028-0000-4000-8000-000000000001');
INSERT INTO posted SELECT '03', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 (NULL, 'markdown', '# This is a markdown description title', 1, NULL, NULL, NULL);
INSERT INTO posted SELECT '04', id FROM artifact ORDER BY rowid DESC LIMIT 1;

-- len 2; set of (key, data)
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts',
  count(*), (SELECT group_concat(kd, ' ') FROM (SELECT "key" || ':' || CAST(data AS TEXT) AS kd FROM artifact_collections('{"artifacts": {}}') ORDER BY 1))
  FROM artifact_collections('{"artifacts": {}}');
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_type_filter',
  count(*) FROM artifact_collections('{"artifacts": {"type": {"any_": ["table"]}}}');
-- len 1; [0].key; [0].data
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifacts_with_artifact_key_filter',
  count(*), group_concat("key", ' '), group_concat(CAST(data AS TEXT), ' ')
  FROM artifact_collections('{"artifacts": {"key": {"any_": ["artifact-1"]}}}');
SELECT 'api TestReadLatestArtifacts::test_read_latest_artifact_with_limit',
  count(*) FROM artifact_collections('{"limit": 2}');
-- flow_runs id any_ artifacts[0].flow_run_id: len 2; every flow_run_id is it
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_flow_run_filter',
  count(*), min(flow_run_id IS '10000028-0000-4000-8000-000000000001')
  FROM artifact_collections('{"flow_runs": {"id": {"any_": ["10000028-0000-4000-8000-000000000001"]}}}');
-- task_runs id any_ artifacts[2].task_run_id: len 1; every task_run_id is it
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_task_run_filter',
  count(*), min(task_run_id IS '20000028-0000-4000-8000-000000000001')
  FROM artifact_collections('{"task_runs": {"id": {"any_": ["20000028-0000-4000-8000-000000000001"]}}}');
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_artifact_flow_run_id_filter',
  count(*), min(flow_run_id IS '10000028-0000-4000-8000-000000000001')
  FROM artifact_collections('{"artifacts": {"flow_run_id": {"any_": ["10000028-0000-4000-8000-000000000001"]}}}');
SELECT 'api TestReadLatestArtifacts::test_read_artifacts_with_artifact_task_run_id_filter',
  count(*), min(task_run_id IS '20000028-0000-4000-8000-000000000001')
  FROM artifact_collections('{"artifacts": {"task_run_id": {"any_": ["20000028-0000-4000-8000-000000000001"]}}}');

-- ===================================================================================
-- G29 api module fixture `flow_artifacts`: flow and deployment fixtures, a run created from
-- the deployment, two POSTs with key artifact-1 (table, data 1) on that run
-- ===================================================================================
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000029-0000-4000-8000-000000000001', 'my-flow-e0000029-0000-4000-8000-000000000009');
INSERT INTO deployment (id, name, flow_id, tags) VALUES
 ('d0000029-0000-4000-8000-000000000001', 'my-deployment-e0000029-0000-4000-8000-000000000008', 'f0000029-0000-4000-8000-000000000001', '["test"]');
INSERT INTO flow_run (id, name, flow_id, deployment_id, state_type, state_name, tags, total_run_time) VALUES
 ('10000029-0000-4000-8000-000000000001', 'g29-run', 'f0000029-0000-4000-8000-000000000001', 'd0000029-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '["test"]', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-1', 'table', '# This is a markdown description title', 1, NULL, '10000029-0000-4000-8000-000000000001', NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-1', 'table', '# This is a markdown description title', 1, NULL, '10000029-0000-4000-8000-000000000001', NULL);
INSERT INTO posted SELECT '02', id FROM artifact ORDER BY rowid DESC LIMIT 1;

-- len 1; [0].latest_id is flow_artifacts[2] (the second POST)
SELECT 'api TestReadLatestArtifacts::test_reading_latest_artifacts_by_flow_name',
  count(*), group_concat((SELECT n FROM posted WHERE posted.id = latest_id), ' ')
  FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow-e0000029-0000-4000-8000-000000000009"]}}}');
SELECT 'api TestReadLatestArtifacts::test_reading_latest_artifacts_by_deployment',
  count(*), group_concat((SELECT n FROM posted WHERE posted.id = latest_id), ' ')
  FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000029-0000-4000-8000-000000000001"]}}}');
SELECT 'api TestCountArtifacts::test_counting_latest_artifacts_by_flow_name',
  count(*) FROM artifact_collections('{"flows": {"name": {"any_": ["my-flow-e0000029-0000-4000-8000-000000000009"]}}}');
SELECT 'api TestCountArtifacts::test_counting_latest_artifacts_by_deployment',
  count(*) FROM artifact_collections('{"deployments": {"id": {"any_": ["d0000029-0000-4000-8000-000000000001"]}}}');

-- ===================================================================================
-- api TestUpdateArtifact
-- ===================================================================================
-- G30 test_update_artifact_succeeds: fixture `artifact`; POST /artifacts/filter gives its id,
-- key and flow_run_id (that step is replayed in prefect_cases.sql); current_time;
-- PATCH {"data": {"new": "data"}} -> 204; GET: data, key, flow_run_id; created < current_time;
-- updated > current_time
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000030-0000-4000-8000-000000000001', 'my-flow-e0000030-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000030-0000-4000-8000-000000000001', 'g30-run', 'f0000030-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000030-0000-4000-8000-000000000001', 'my-key-0', '10000030-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000030-0000-4000-8000-000000000001', '20000030-0000-4000-8000-000000000001');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
.shell sleep 0.01
INSERT INTO clock VALUES (strftime('%Y-%m-%d %H:%M:%f000', 'now'));
.shell sleep 0.01
UPDATE artifacts SET data = '{"new": "data"}' WHERE id = (SELECT id FROM posted WHERE n = '01');
SELECT 'api TestUpdateArtifact::test_update_artifact_succeeds status', changes();
SELECT 'api TestUpdateArtifact::test_update_artifact_succeeds', CAST(data AS TEXT), "key", flow_run_id,
  created < (SELECT t FROM clock), updated > (SELECT t FROM clock)
  FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');

-- G31 test_update_artifact_does_not_update_if_fields_are_not_set: fixture `artifact`;
-- current_time; PATCH {} -> 204; GET: data, key, flow_run_id as before; created < current_time;
-- updated > current_time
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000031-0000-4000-8000-000000000001', 'my-flow-e0000031-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000031-0000-4000-8000-000000000001', 'g31-run', 'f0000031-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000031-0000-4000-8000-000000000001', 'my-key-0', '10000031-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000031-0000-4000-8000-000000000001', '20000031-0000-4000-8000-000000000001');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
.shell sleep 0.01
INSERT INTO clock VALUES (strftime('%Y-%m-%d %H:%M:%f000', 'now'));
.shell sleep 0.01
UPDATE artifacts SET description = description WHERE id = (SELECT id FROM posted WHERE n = '01');
SELECT 'api TestUpdateArtifact::test_update_artifact_does_not_update_if_fields_are_not_set status', changes();
SELECT 'api TestUpdateArtifact::test_update_artifact_does_not_update_if_fields_are_not_set', CAST(data AS TEXT), "key", flow_run_id,
  created < (SELECT t FROM clock), updated > (SELECT t FROM clock)
  FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');

-- G32 test_update_artifact_raises_error_if_artifact_not_found: module fixture `artifacts`
-- (five POSTs); PATCH an unknown id -> 404
--   01 artifact-1 table data 1 run+task        02 artifact-2 markdown data 2 run + uuid4 task
--   03 artifact-3 result (no data) uuid4 runs   04 artifact-4 (no data)   05 no key, data 1
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000032-0000-4000-8000-000000000001', 'my-flow-e0000032-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000032-0000-4000-8000-000000000001', 'g32-run', 'f0000032-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000032-0000-4000-8000-000000000001', 'my-key-0', '10000032-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-1', 'table', '# This is a markdown description title', 1, NULL, '10000032-0000-4000-8000-000000000001', '20000032-0000-4000-8000-000000000001');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-2', 'markdown', '# This is a markdown description title', 2, NULL, '10000032-0000-4000-8000-000000000001', 'e0000032-0000-4000-8000-000000000001');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-3', 'result', '# This is a markdown description title', NULL, NULL, 'e0000032-0000-4000-8000-000000000002', 'e0000032-0000-4000-8000-000000000003');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('artifact-4', NULL, '# This is a markdown description title', NULL, NULL, NULL, NULL);
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 (NULL, NULL, '# This is a markdown description title', 1, NULL, NULL, NULL);
UPDATE artifacts SET data = '{"new": "data"}' WHERE id = 'e0000032-0000-4000-8000-000000000004';
SELECT 'api TestUpdateArtifact::test_update_artifact_raises_error_if_artifact_not_found', changes();

-- ===================================================================================
-- api TestDeleteArtifact
-- ===================================================================================
-- G33 test_delete_artifact_succeeds: fixture `artifact`; DELETE -> 204; read_artifact None;
-- no latest for its key; GET -> 404
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO flow (id, name) VALUES ('f0000033-0000-4000-8000-000000000001', 'my-flow-e0000033-0000-4000-8000-000000000009');
INSERT INTO flow_run (id, name, flow_id, flow_version, total_run_time) VALUES
 ('10000033-0000-4000-8000-000000000001', 'g33-run', 'f0000033-0000-4000-8000-000000000001', '0.1', '1970-01-01 00:00:00.000000');
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, total_run_time) VALUES
 ('20000033-0000-4000-8000-000000000001', 'my-key-0', '10000033-0000-4000-8000-000000000001', 'my-key', '0', '1970-01-01 00:00:00.000000');
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('voltaic', NULL, '# This is a markdown description title', 1, '{"data": "opens many doors"}', '10000033-0000-4000-8000-000000000001', '20000033-0000-4000-8000-000000000001');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
DELETE FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');
SELECT 'api TestDeleteArtifact::test_delete_artifact_succeeds', changes(),
  (SELECT count(*) FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01')),
  (SELECT count(*) FROM artifact_collections WHERE "key" = 'voltaic');

-- G34 test_delete_artifact_returns_404_if_does_not_exist
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
DELETE FROM artifacts WHERE id = 'e0000034-0000-4000-8000-000000000001';
SELECT 'api TestDeleteArtifact::test_delete_artifact_returns_404_if_does_not_exist', changes();

-- ===================================================================================
-- events TestArtifactCollectionLifecycleEvents: each POST is ArtifactCreate(key, type
-- markdown, data <string>, description "a description"). Printed per test: the event name the
-- collection row implies, the row's latest artifact (NN), then the payload fields the test
-- asserts (key, type, data, description).
-- ===================================================================================
-- G35 test_first_keyed_artifact_emits_collection_created_event
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection', 'markdown', 'a description', json_quote('# hello'), NULL, NULL, NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
SELECT 'events TestArtifactCollectionLifecycleEvents::test_first_keyed_artifact_emits_collection_created_event',
  CASE WHEN created = updated THEN 'created' ELSE 'updated' END,
  (SELECT n FROM posted WHERE posted.id = latest_id), "key", type, CAST(data AS TEXT), description
  FROM artifact_collections WHERE "key" = 'events-collection';

-- G36 test_second_keyed_artifact_emits_collection_updated_event
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection-update', 'markdown', 'a description', json_quote('v1'), NULL, NULL, NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection-update', 'markdown', 'a description', json_quote('v2'), NULL, NULL, NULL);
INSERT INTO posted SELECT '02', id FROM artifact ORDER BY rowid DESC LIMIT 1;
SELECT 'events TestArtifactCollectionLifecycleEvents::test_second_keyed_artifact_emits_collection_updated_event',
  CASE WHEN created = updated THEN 'created' ELSE 'updated' END,
  (SELECT n FROM posted WHERE posted.id = latest_id), "key", type, CAST(data AS TEXT), description
  FROM artifact_collections WHERE "key" = 'events-collection-update';

-- G37 test_delete_latest_with_prior_emits_collection_updated_event: DELETE the second -> 204;
-- the row now shows the first ("updated")
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection-repoint', 'markdown', 'a description', json_quote('v1'), NULL, NULL, NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection-repoint', 'markdown', 'a description', json_quote('v2'), NULL, NULL, NULL);
INSERT INTO posted SELECT '02', id FROM artifact ORDER BY rowid DESC LIMIT 1;
DELETE FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '02');
SELECT 'events TestArtifactCollectionLifecycleEvents::test_delete_latest_with_prior_emits_collection_updated_event status', changes();
SELECT 'events TestArtifactCollectionLifecycleEvents::test_delete_latest_with_prior_emits_collection_updated_event',
  CASE WHEN count(*) = 1 THEN 'updated' ELSE 'deleted' END,
  (SELECT n FROM posted WHERE posted.id = latest_id), "key", type, CAST(data AS TEXT), description
  FROM artifact_collections WHERE "key" = 'events-collection-repoint';

-- G38 test_delete_last_artifact_emits_collection_deleted_event: DELETE the only one -> 204;
-- the row is gone ("deleted")
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", type, description, data, metadata_, flow_run_id, task_run_id) VALUES
 ('events-collection-delete', 'markdown', 'a description', json_quote('v1'), NULL, NULL, NULL);
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
DELETE FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');
SELECT 'events TestArtifactCollectionLifecycleEvents::test_delete_last_artifact_emits_collection_deleted_event', changes(),
  (SELECT CASE WHEN count(*) = 1 THEN 'updated' ELSE 'deleted' END FROM artifact_collections WHERE "key" = 'events-collection-delete');

-- ===================================================================================
-- client TestArtifacts (async and sync clients send the same create/delete requests; one
-- replay stands for both parameters)
-- ===================================================================================
-- G39 test_create_then_read_artifact: GET the created artifact: key and description as created
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", data, description, metadata_) VALUES
 ('voltaic', 1, '# This is a markdown description title', '{"data": "opens many doors"}');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
SELECT 'client TestArtifacts::test_create_then_read_artifact', "key", description
  FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '01');

-- G40 class fixture `artifacts`: 01 voltaic table data 1, 02 voltaic table data 2,
-- 03 lotus markdown data 3, description "# This is a markdown description title"
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
INSERT INTO artifacts ("key", data, type, description) VALUES
 ('voltaic', 1, 'table', '# This is a markdown description title');
INSERT INTO posted SELECT '01', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", data, type, description) VALUES
 ('voltaic', 2, 'table', '# This is a markdown description title');
INSERT INTO posted SELECT '02', id FROM artifact ORDER BY rowid DESC LIMIT 1;
INSERT INTO artifacts ("key", data, type, description) VALUES
 ('lotus', 3, 'markdown', '# This is a markdown description title');
INSERT INTO posted SELECT '03', id FROM artifact ORDER BY rowid DESC LIMIT 1;
-- read_latest_artifacts(): len 2; set of (key, data)
SELECT 'client TestArtifacts::test_read_artifacts_with_latest_filter',
  count(*), (SELECT group_concat(kd, ' ') FROM (SELECT "key" || ':' || CAST(data AS TEXT) AS kd FROM artifact_collections ORDER BY 1))
  FROM artifact_collections;
-- delete_artifact(artifacts[1].id), then read_artifacts(): len 2; set of (key, data)
DELETE FROM artifacts WHERE id = (SELECT id FROM posted WHERE n = '02');
SELECT 'client TestArtifacts::test_delete_artifact_succeeds',
  count(*), (SELECT group_concat(kd, ' ') FROM (SELECT "key" || ':' || CAST(data AS TEXT) AS kd FROM artifacts ORDER BY 1))
  FROM artifacts;

-- G41 test_delete_nonexistent_artifact_raises: DELETE an unknown id -> 404 (ObjectNotFound)
DELETE FROM artifact_collection; DELETE FROM artifact; DELETE FROM task_run; DELETE FROM flow_run; DELETE FROM deployment; DELETE FROM flow; DELETE FROM posted; DELETE FROM clock;
DELETE FROM artifacts WHERE id = 'e0000041-0000-4000-8000-000000000001';
SELECT 'client TestArtifacts::test_delete_nonexistent_artifact_raises', changes();
