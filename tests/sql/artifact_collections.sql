-- POST /artifacts/latest/filter semantics: ArtifactCollectionFilter on
-- artifact_collection rows (one per key, pointing at the latest artifact).
-- Lines print the last two digits of the collection ids (c..NN); a body
-- without a sort, limit or offset promises only the set, so SQL orders it
-- (ORDER BY id DESC, the default sort ID_DESC's order).
.read tests/sql/fixture.sql
.mode list
SELECT 'no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections ORDER BY id DESC));
SELECT 'latest_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"latest_id": {"any_": ["a0000000-0000-4000-8000-000000000011", "a0000000-0000-4000-8000-000000000003"]}}}') ORDER BY id DESC));
SELECT 'key.exists_ false never matches', (SELECT count(*) FROM artifact_collections('{"artifacts": {"key": {"exists_": false}}}'));
SELECT 'key.exists_ true matches all', (SELECT count(*) FROM artifact_collections('{"artifacts": {"key": {"exists_": true}}}'));
SELECT 'key.like_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"key": {"like_": "gamma"}}}') ORDER BY id DESC));
SELECT 'type.not_any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"type": {"not_any_": ["table"]}}}') ORDER BY id DESC));
SELECT 'flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000004"]}}}') ORDER BY id DESC));
SELECT 'task_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"task_run_id": {"any_": ["20000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'or_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"artifacts": {"operator": "or_", "type": {"any_": ["progress"]}, "key": {"any_": ["dangling"]}}}') ORDER BY id DESC));
-- related filters look at the run of the *latest* artifact of each key
SELECT 'flow_runs of the latest artifact', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}') ORDER BY id DESC));
SELECT 'flow_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"flow_runs": {}}') ORDER BY id DESC));
SELECT 'task_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"task_runs": {}}') ORDER BY id DESC));
SELECT 'deployments {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"deployments": {}}') ORDER BY id DESC));
SELECT 'flows name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections('{"flows": {"name": {"any_": ["adhoc"]}}}') ORDER BY id DESC));
SELECT 'KEY_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM artifact_collections('{"sort": "KEY_ASC"}'));
SELECT 'KEY_DESC limit offset', (SELECT group_concat(substr(id, -2), ' ') FROM artifact_collections('{"sort": "KEY_DESC", "limit": 2, "offset": 1}'));
SELECT 'UPDATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM artifact_collections('{"sort": "UPDATED_DESC"}'));
SELECT 'CREATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM artifact_collections('{"sort": "CREATED_DESC"}'));
SELECT 'ID_DESC sorts by the row id, not latest_id', (SELECT group_concat(substr(latest_id, -2), ' ') FROM artifact_collections('{"sort": "ID_DESC"}'));
SELECT 'count (latest/count)', (SELECT count(*) FROM artifact_collections('{"artifacts": {"type": {"any_": ["markdown"]}}}'));
SELECT 'columns', (SELECT id || ',' || created || ',' || updated || ',' || key || ',' || latest_id || ',' || type || ',' || description || ',' || data || ',' || metadata_ || ',' || flow_run_id || ',' || task_run_id FROM artifact_collections('{"artifacts": {"key": {"any_": ["orders-report"]}}}'));
SELECT 'artifacts columns', (SELECT id || ',' || created || ',' || updated || ',' || key || ',' || type || ',' || description || ',' || data || ',' || metadata_ || ',' || flow_run_id || ',' || task_run_id FROM artifacts('{"artifacts": {"id": {"any_": ["a0000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'data keeps its storage class', (SELECT typeof(data) || ' ' || data FROM artifacts('{"artifacts": {"type": {"any_": ["progress"]}}}'));
