-- POST /artifacts/filter semantics on the fixture: every ArtifactFilter field
-- and operator, Prefect's surprising rules (README, Semantics), related filters,
-- sorts, limit and offset. Each line prints the last two digits of the ids
-- returned, in the order returned (default sort ID_DESC).
.read tests/sql/fixture.sql
.mode list

SELECT 'no body', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts);
SELECT 'empty object', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{}'));
SELECT 'json null', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('null'));
SELECT 'empty string', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts(''));
SELECT 'sql null', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts(NULL));

-- ids: canonicalised before comparing; [] matches nothing
SELECT 'id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"id": {"any_": ["a0000000-0000-4000-8000-000000000003", "{A0000000-0000-4000-8000-000000000005}", "urn:uuid:a0000000-0000-4000-8000-000000000007", "A0000000000040008000000000000008"]}}}'));
SELECT 'id.any_ []', (SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": []}}}'));
SELECT 'id.any_ null', (SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": null}}}'));

-- key
SELECT 'key.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["ml-table"]}}}'));
SELECT 'key.like_ wraps %', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "report"}}}'));
SELECT 'key.like_ _ is a wildcard', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "a_1"}}}'));
SELECT 'key.like_ % matches every key', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "%"}}}'));
SELECT 'key.like_ "" is no criterion', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": ""}}}'));
SELECT 'key.like_ ASCII-only case folding', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": "éclair"}}}'));
SELECT 'key.like_ non-ASCII exact', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "ÉCLAIR"}}}'));
SELECT 'key.exists_ true', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"exists_": true}}}'));
SELECT 'key.exists_ false', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"exists_": false}}}'));
SELECT 'key.exists_ "yes"', (SELECT count(*) FROM artifacts('{"artifacts": {"key": {"exists_": "yes"}}}'));
SELECT 'key.exists_ "OFF"', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"exists_": "OFF"}}}'));
SELECT 'key.exists_ 0', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"exists_": 0}}}'));
SELECT 'key any_ and like_ are ANDed', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["orders-report", "gamma_1"], "like_": "orders"}}}'));

-- run ids, type
SELECT 'flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000004"]}}}'));
SELECT 'task_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"task_run_id": {"any_": ["20000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}'));
SELECT 'type.not_any_ drops NULL types', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"type": {"not_any_": ["markdown"]}}}'));
SELECT 'type.not_any_ [] is no criterion', (SELECT count(*) FROM artifacts('{"artifacts": {"type": {"not_any_": []}}}'));

-- operator
SELECT 'and_ of three', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["ml-table"]}, "type": {"any_": ["table"]}, "flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'or_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {"any_": ["progress"]}}}'));
SELECT 'or_ with an empty sub-filter is TRUE', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {}}}'));
SELECT 'or_ with a skipped-only sub-filter is TRUE', (SELECT count(*) FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "type": {"not_any_": []}}}'));
SELECT 'or_ with any_ [] is neutral', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"operator": "or_", "key": {"any_": ["gamma_1"]}, "id": {"any_": []}}}'));
SELECT 'and_ explicit', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"operator": "and_", "type": {"any_": ["link", "table"]}, "key": {"like_": "gam"}}}'));
SELECT 'duplicate keys: the last wins', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"type": {"any_": ["link"]}, "type": {"any_": ["progress"]}}}'));

-- related filters (one EXISTS over the flow run, one over the task run)
SELECT 'flow_runs {} needs an existing run', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {}}'));
SELECT 'flow_runs state.type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}'));
SELECT 'state.type.not_any_ drops NULL states', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}}'));
SELECT 'state child with any_ and not_any_ is dropped', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": ["COMPLETED"]}}}}'));
SELECT 'state child with any_ and not_any_ [] is kept', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"], "not_any_": []}}}}'));
SELECT 'empty state child is dropped under or_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"operator": "or_", "type": {}, "name": {"any_": ["Late"]}}}}'));
SELECT 'state.name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"name": {"any_": ["Crashed"]}}}}'));
SELECT 'flows {}', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flows": {}}'));
SELECT 'flows name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flows": {"name": {"any_": ["etl"]}}}'));
SELECT 'flows name.like_ case-insensitive', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flows": {"name": {"like_": "ML-T"}}}'));
SELECT 'flows tags.all_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flows": {"tags": {"all_": ["dev", "prod"]}}}'));
SELECT 'flows deployment.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flows": {"deployment": {"is_null_": true}}}'));
SELECT 'deployments {} needs an existing deployment', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {}}'));
SELECT 'deployments paused.eq_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {"paused": {"eq_": true}}}'));
SELECT 'deployments flow_or_deployment_name', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {"flow_or_deployment_name": {"like_": "ml-t"}}}'));
SELECT 'deployments tags.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {"tags": {"any_": ["nightly"]}}}'));
SELECT 'deployments concurrency_limit is ignored', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {"concurrency_limit": {"ge_": 5, "is_null_": true}}}'));
SELECT 'deployments or_ with concurrency_limit', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"deployments": {"operator": "or_", "paused": {"eq_": true}, "concurrency_limit": {}}}'));
SELECT 'task_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {}}'));
SELECT 'task_runs name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {"name": {"any_": ["extract"]}}}'));
SELECT 'task_runs subflow_runs.exists_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {"subflow_runs": {"exists_": true}}}'));
SELECT 'task_runs state.type.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {"state": {"type": {"any_": ["FAILED"]}}}}'));
SELECT 'flow_runs tags.all_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"tags": {"all_": ["prod", "nightly"]}}}'));
SELECT 'flow_runs tags.all_ duplicates', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"tags": {"all_": ["nightly", "nightly"]}}}'));
SELECT 'flow_runs tags.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"tags": {"any_": ["nightly", "dev"]}}}'));
SELECT 'flow_runs tags.any_ []', (SELECT count(*) FROM artifacts('{"flow_runs": {"tags": {"any_": []}}}'));
SELECT 'flow_runs tags.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"tags": {"is_null_": true}}}'));
SELECT 'flow_runs tags or_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"tags": {"operator": "or_", "all_": ["dev"], "is_null_": true}}}'));
SELECT 'start_time.after_ Z (coalesce, inclusive)', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T00:00:00Z"}}}'));
SELECT 'start_time.after_ +02:00', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T02:00:00+02:00"}}}'));
SELECT 'start_time.after_ no offset', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02 00:00:00"}}}'));
SELECT 'start_time.after_ one microsecond later', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"after_": "2026-01-02T00:00:00.000001Z"}}}'));
SELECT 'start_time.after_ unix seconds', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"after_": 1767312000}}}'));
SELECT 'start_time.before_ date only', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"before_": "2026-01-02"}}}'));
SELECT 'start_time.is_null_ (no coalesce)', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"start_time": {"is_null_": true}}}'));
SELECT 'end_time.before_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"end_time": {"before_": "2026-01-01T00:05:00Z"}}}'));
SELECT 'expected_start_time range', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"expected_start_time": {"after_": "2026-01-02", "before_": "2026-01-03"}}}'));
SELECT 'parent_task_run_id.is_null_ false', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"parent_task_run_id": {"is_null_": false}}}'));
SELECT 'parent_flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"parent_flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'deployment_id or_ is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"deployment_id": {"operator": "or_", "any_": ["d0000000-0000-4000-8000-000000000002"], "is_null_": true}}}'));
SELECT 'work_queue_name.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"work_queue_name": {"any_": ["default"]}}}'));
SELECT 'flow_version.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"flow_version": {"any_": ["1.1"]}}}'));
SELECT 'idempotency_key.not_any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"idempotency_key": {"not_any_": ["other"]}}}'));
SELECT 'created_by.type_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"created_by": {"type_": ["DEPLOYMENT"]}}}'));
SELECT 'created_by.id_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"created_by": {"id_": ["D0000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'created_by.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"created_by": {"is_null_": true}}}'));
SELECT 'flow_runs name.like_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"name": {"like_": "run-f"}}}'));
SELECT 'flow_runs id.not_any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"id": {"not_any_": ["10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002", "10000000-0000-4000-8000-000000000003"]}}}'));
SELECT 'flow_runs and task_runs together', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "task_runs": {"name": {"any_": ["transform"]}}}'));
SELECT 'flow_runs, flows, deployments share one run', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"flow_runs": {"name": {"any_": ["run-three", "run-one"]}}, "flows": {"name": {"any_": ["ml-Train"]}}, "deployments": {}}'));
SELECT 'task_runs flow_run_id {} means has a run', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {"flow_run_id": {}}}'));
SELECT 'task_runs flow_run_id.is_null_ true ignores any_', (SELECT count(*) FROM artifacts('{"task_runs": {"flow_run_id": {"is_null_": true, "any_": ["10000000-0000-4000-8000-000000000001"]}}}'));
SELECT 'task_runs flow_run_id.any_', (SELECT group_concat(substr(id, -2), ' ') FROM artifacts('{"task_runs": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000002"]}}}'));

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
SELECT 'join with flow_run', (SELECT group_concat(substr(a.id, -2) || ':' || fr.name, ' ') FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') AS a JOIN flow_run AS fr ON fr.id = a.flow_run_id);
