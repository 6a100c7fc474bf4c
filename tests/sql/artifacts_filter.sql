-- POST /artifacts/filter semantics on the fixture: every ArtifactFilter field
-- and operator, Prefect's surprising rules (docs/semantics.md), related filters,
-- sorts, limit and offset. Each line prints the last two digits of the ids
-- returned. A body with a sort, limit or offset gets Prefect's order, printed
-- as returned; one without promises only the set, so SQL orders it
-- (ORDER BY id DESC, the default sort ID_DESC's order).
.read tests/sql/fixture.sql
.mode list

SELECT 'no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts ORDER BY id DESC));
SELECT 'empty object', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{}') ORDER BY id DESC));
SELECT 'json null', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('null') ORDER BY id DESC));
SELECT 'empty string', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('') ORDER BY id DESC));
SELECT 'sql null', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts(NULL) ORDER BY id DESC));

-- ids: canonicalised before comparing; [] matches nothing
SELECT 'id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"id": {"any_": ["a0000000-0000-4000-8000-000000000003", "{A0000000-0000-4000-8000-000000000005}", "urn:uuid:a0000000-0000-4000-8000-000000000007", "A0000000000040008000000000000008"]}}}') ORDER BY id DESC));
SELECT 'id.any_ []', (SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": []}}}'));
SELECT 'id.any_ null', (SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": null}}}'));

-- key
SELECT 'key.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"any_": ["ml-table"]}}}') ORDER BY id DESC));
SELECT 'key.like_ wraps %', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"like_": "report"}}}') ORDER BY id DESC));
SELECT 'key.like_ _ is a wildcard', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"like_": "a_1"}}}') ORDER BY id DESC));
SELECT 'key.like_ % matches every key', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"like_": "%"}}}') ORDER BY id DESC));
SELECT 'key.like_ "" is no criterion', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": ""}}}'));
SELECT 'key.like_ ASCII-only case folding', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": "éclair"}}}'));
SELECT 'key.like_ non-ASCII exact', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"like_": "ÉCLAIR"}}}') ORDER BY id DESC));
SELECT 'key.exists_ true', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"exists_": true}}}') ORDER BY id DESC));
SELECT 'key.exists_ false', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"exists_": false}}}') ORDER BY id DESC));
SELECT 'key.exists_ "yes"', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"exists_": "yes"}}}'));
SELECT 'key.exists_ "OFF"', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"exists_": "OFF"}}}') ORDER BY id DESC));
SELECT 'key.exists_ 0', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"exists_": 0}}}') ORDER BY id DESC));
SELECT 'key any_ and like_ are ANDed', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"any_": ["orders-report", "gamma_1"], "like_": "orders"}}}') ORDER BY id DESC));

-- run ids, type
SELECT 'flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000004"]}}}') ORDER BY id DESC));
SELECT 'task_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"task_run_id": {"any_": ["20000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY id DESC));
SELECT 'type.not_any_ drops NULL types', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"type": {"not_any_": ["markdown"]}}}') ORDER BY id DESC));
SELECT 'type.not_any_ [] is no criterion', (SELECT count(*) FROM artifacts('{"artifacts": {"type": {"not_any_": []}}}'));

-- operator
SELECT 'and_ of three', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"any_": ["ml-table"]}, "type": {"any_": ["table"]}, "flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'or_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {"any_": ["progress"]}}}') ORDER BY id DESC));
SELECT 'or_ with an empty sub-filter is TRUE', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {}}}'));
SELECT 'or_ with a skipped-only sub-filter is TRUE', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {"not_any_": []}}}'));
SELECT 'or_ with any_ [] is neutral', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "id": {"any_": []}}}') ORDER BY id DESC));
SELECT 'and_ explicit', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"operator": "and_", "type": {"any_": ["link", "table"]}, "key": {"like_": "gam"}}}') ORDER BY id DESC));
SELECT 'duplicate keys: the last wins', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"type": {"any_": ["link"]}, "type": {"any_": ["progress"]}}}') ORDER BY id DESC));

-- related filters (one EXISTS over the flow run, one over the task run)
SELECT 'flow_runs {} needs an existing run', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {}}') ORDER BY id DESC));
SELECT 'flow_runs state.type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}') ORDER BY id DESC));
SELECT 'state.type.not_any_ drops NULL states', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}}') ORDER BY id DESC));
SELECT 'state child with any_ and not_any_ is dropped', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": ["COMPLETED"]}}}}') ORDER BY id DESC));
SELECT 'state child with any_ and not_any_ [] is kept', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": []}}}}') ORDER BY id DESC));
SELECT 'empty state child is dropped under or_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"operator": "or_", "type": {}, "name": {"any_": ["Late"]}}}}') ORDER BY id DESC));
SELECT 'state.name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"name": {"any_": ["Crashed"]}}}}') ORDER BY id DESC));
SELECT 'flows {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flows": {}}') ORDER BY id DESC));
SELECT 'flows name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flows": {"name": {"any_": ["etl"]}}}') ORDER BY id DESC));
SELECT 'flows name.like_ case-insensitive', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flows": {"name": {"like_": "ML-T"}}}') ORDER BY id DESC));
SELECT 'flows tags.all_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flows": {"tags": {"all_": ["dev", "prod"]}}}') ORDER BY id DESC));
SELECT 'flows deployment.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flows": {"deployment": {"is_null_": true}}}') ORDER BY id DESC));
SELECT 'deployments {} needs an existing deployment', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {}}') ORDER BY id DESC));
SELECT 'deployments paused.eq_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {"paused": {"eq_": true}}}') ORDER BY id DESC));
SELECT 'deployments flow_or_deployment_name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {"flow_or_deployment_name": {"like_": "ml-t"}}}') ORDER BY id DESC));
SELECT 'deployments tags.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {"tags": {"any_": ["nightly"]}}}') ORDER BY id DESC));
SELECT 'deployments concurrency_limit is ignored', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {"concurrency_limit": {"ge_": 5, "is_null_": true}}}') ORDER BY id DESC));
SELECT 'deployments or_ with concurrency_limit', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"deployments": {"operator": "or_", "paused": {"eq_": true}, "concurrency_limit": {}}}') ORDER BY id DESC));
SELECT 'task_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {}}') ORDER BY id DESC));
SELECT 'task_runs name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {"name": {"any_": ["extract"]}}}') ORDER BY id DESC));
SELECT 'task_runs subflow_runs.exists_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {"subflow_runs": {"exists_": true}}}') ORDER BY id DESC));
SELECT 'task_runs state.type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}') ORDER BY id DESC));
SELECT 'flow_runs tags.all_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"tags": {"all_": ["prod", "nightly"]}}}') ORDER BY id DESC));
SELECT 'flow_runs tags.all_ duplicates', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"tags": {"all_": ["nightly", "nightly"]}}}') ORDER BY id DESC));
SELECT 'flow_runs tags.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"tags": {"any_": ["nightly", "dev"]}}}') ORDER BY id DESC));
SELECT 'flow_runs tags.any_ []', (SELECT count(*) FROM artifacts('{"flow_runs": {"tags": {"any_": []}}}'));
SELECT 'flow_runs tags.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"tags": {"is_null_": true}}}') ORDER BY id DESC));
SELECT 'flow_runs tags or_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"tags": {"operator": "or_", "all_": ["dev"], "is_null_": true}}}') ORDER BY id DESC));
SELECT 'start_time.after_ Z (coalesce, inclusive)', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T00:00:00Z"}}}') ORDER BY id DESC));
SELECT 'start_time.after_ +02:00', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T02:00:00+02:00"}}}') ORDER BY id DESC));
SELECT 'start_time.after_ no offset', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02 00:00:00"}}}') ORDER BY id DESC));
SELECT 'start_time.after_ one microsecond later', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T00:00:00.000001Z"}}}') ORDER BY id DESC));
SELECT 'start_time.after_ unix seconds', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"after_": 1767312000}}}') ORDER BY id DESC));
SELECT 'start_time.before_ date only', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"before_": "2026-01-02"}}}') ORDER BY id DESC));
SELECT 'start_time.is_null_ (no coalesce)', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"start_time": {"is_null_": true}}}') ORDER BY id DESC));
SELECT 'end_time.before_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"end_time": {"before_": "2026-01-01T00:05:00Z"}}}') ORDER BY id DESC));
SELECT 'expected_start_time range', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"expected_start_time": {"after_": "2026-01-02", "before_": "2026-01-03"}}}') ORDER BY id DESC));
SELECT 'parent_task_run_id.is_null_ false', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"parent_task_run_id": {"is_null_": false}}}') ORDER BY id DESC));
SELECT 'parent_flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"parent_flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'deployment_id or_ is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"deployment_id": {"operator": "or_", "any_": ["d0000000-0000-4000-8000-000000000002"], "is_null_": true}}}') ORDER BY id DESC));
SELECT 'work_queue_name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"work_queue_name": {"any_": ["default"]}}}') ORDER BY id DESC));
SELECT 'flow_version.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"flow_version": {"any_": ["1.1"]}}}') ORDER BY id DESC));
SELECT 'idempotency_key.not_any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"idempotency_key": {"not_any_": ["other"]}}}') ORDER BY id DESC));
SELECT 'created_by.type_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"created_by": {"type_": ["DEPLOYMENT"]}}}') ORDER BY id DESC));
SELECT 'created_by.id_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"created_by": {"id_": ["D0000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'created_by.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"created_by": {"is_null_": true}}}') ORDER BY id DESC));
SELECT 'flow_runs name.like_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"name": {"like_": "run-f"}}}') ORDER BY id DESC));
SELECT 'flow_runs id.not_any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"id": {"not_any_": ["10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000003"]}}}') ORDER BY id DESC));
SELECT 'flow_runs and task_runs together', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "task_runs": {"name": {"any_": ["transform"]}}}') ORDER BY id DESC));
SELECT 'flow_runs, flows, deployments share one run', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"name": {"any_": ["run-three", "run-one"]}}, "flows": {"name": {"any_": ["ml-Train"]}}, "deployments": {}}') ORDER BY id DESC));
SELECT 'task_runs flow_run_id {} means has a run', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {"flow_run_id": {}}}') ORDER BY id DESC));
SELECT 'task_runs flow_run_id.is_null_ true ignores any_', (SELECT count(*) FROM artifacts('{"task_runs": {"flow_run_id": {"is_null_": true, "any_": ["10000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'task_runs flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"task_runs": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000002"]}}}') ORDER BY id DESC));

-- sort, limit, offset
SELECT 'UPDATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"sort": "UPDATED_DESC"}'));
SELECT 'CREATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"sort": "CREATED_DESC", "limit": 3}'));
SELECT 'KEY_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["gamma_1", "dangling", "Éclair-Report", "progress-x"]}}, "sort": "KEY_ASC"}'));
SELECT 'KEY_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["gamma_1", "dangling", "Éclair-Report", "progress-x"]}}, "sort": "KEY_DESC"}'));
SELECT 'KEY_ASC puts NULL keys first', (SELECT group_concat(coalesce(key, '-'), ' ') FROM artifacts('{"sort": "KEY_ASC", "limit": 3}'));
SELECT 'sort null is the default', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"sort": null, "limit": 2}'));
SELECT 'limit', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 3}'));
SELECT 'limit and offset', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 2, "offset": 2}'));
SELECT 'offset alone', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"offset": 9}'));
SELECT 'limit 0', (SELECT count(*) FROM artifacts('{"limit": 0}'));
SELECT 'limit "2"', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": "2"}'));
SELECT 'offset true is 1', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"offset": true, "limit": 1}'));
SELECT 'limit above 200 is allowed', (SELECT count(*) FROM artifacts('{"limit": 1000}'));

-- values are data, never SQL
SELECT 'injection', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["''); DROP TABLE artifact; --"], "like_": "'' OR 1=1 --"}}}')), (SELECT count(*) FROM artifact);

-- the hidden column returns the body
SELECT 'body column', (SELECT DISTINCT body FROM artifacts('{"limit": 1}'));
-- the table-valued function joins like any table
SELECT 'join with flow_run', (SELECT group_concat(substr(id, -2) || ':' || name, ' ') FROM (SELECT a.id, fr.name FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') AS a JOIN flow_run AS fr ON fr.id = a.flow_run_id ORDER BY a.id DESC));
