-- Bodies as the UI sends them (docs/ui-requests.md, "Bodies as the UI
-- sends them"): one check per rule, through the tables and, where the route
-- is routed, prefect_api(), on the demo database against Prefect's rules
-- written by hand. Prints label | agrees | rows.
ATTACH 'file:dist/demo.db?mode=ro' AS demo;
.mode list
SELECT prefect_set_now('2026-10-20T12:00:00Z') IS NOT NULL;
CREATE TEMP TABLE cases(label, ext, oracle);
INSERT INTO cases VALUES
-- 1. keys a route does not take. Count routes take no sort/limit/offset/page
-- and ignore them (the UI's /artifacts/latest/count and /variables/count
-- bodies carry sort and offset)
('count route ignores sort, offset, limit',
 prefect_api('POST /artifacts/latest/count', '{"artifacts": {"type": {"any_": ["table"]}}, "sort": "ID_DESC", "offset": 5, "limit": 1}'),
 (SELECT count(*) FROM artifact_collection WHERE type IN ('table'))),
('paginate route ignores offset',
 (SELECT json_extract(x, '$.count') || ':' || json_array_length(x, '$.results') FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"page": 2, "limit": 150, "offset": 7}') AS x)),
 '400:150'),
-- 2. empty sub-filters match everything
('flow_or_deployment_name {} and tags.all_ [] (table)',
 (SELECT group_concat(id) FROM (SELECT id FROM deployments('{"deployments": {"operator": "and_", "flow_or_deployment_name": {}, "tags": {"operator": "and_", "all_": []}}, "sort": "NAME_ASC"}'))),
 (SELECT group_concat(id) FROM (SELECT id FROM deployment ORDER BY name))),
('flow_or_deployment_name.like_ "" (api count)',
 prefect_api('POST /deployments/count', '{"deployments": {"flow_or_deployment_name": {"like_": ""}, "name": {}}}'),
 (SELECT count(*) FROM deployment)),
('flow run name {} (api count)',
 prefect_api('POST /flow_runs/count', '{"flow_runs": {"name": {}, "operator": "and_"}}'),
 (SELECT count(*) FROM flow_run)),
('key exists_ true, like_ "" (table)',
 (SELECT count(*) FROM artifact_collections('{"artifacts": {"operator": "and_", "type": {}, "key": {"exists_": true, "like_": ""}}}')),
 (SELECT count(*) FROM artifact_collection WHERE "key" IS NOT NULL)),
('key exists_ true, like_ "" (api, artifacts)',
 prefect_api('POST /artifacts/count', '{"artifacts": {"key": {"exists_": true, "like_": ""}}}'),
 (SELECT count(*) FROM artifact WHERE "key" IS NOT NULL)),
-- 3. states by name, one and many, under and_ and or_
('state name any_ one (api)',
 prefect_api('POST /flow_runs/count', '{"flow_runs": {"state": {"operator": "and_", "name": {"any_": ["Late"]}}}}'),
 (SELECT count(*) FROM flow_run WHERE state_name IN ('Late'))),
('state name any_ many under or_ (api)',
 prefect_api('POST /flow_runs/count', '{"flow_runs": {"state": {"operator": "or_", "name": {"any_": ["Late", "Resuming", "AwaitingRetry", "AwaitingConcurrencySlot", "Pending", "Submitting", "InfrastructurePending", "Paused", "Suspended", "Running", "Retrying", "Completed", "Cached", "Cancelled", "Cancelling", "Crashed", "Failed", "TimedOut"]}}}}'),
 (SELECT count(*) FROM flow_run WHERE state_name IS NOT 'Scheduled' AND state_name IS NOT NULL)),
('state name any_ many under or_ (table)',
 (SELECT count(*) FROM flow_runs('{"flow_runs": {"state": {"operator": "or_", "name": {"any_": ["Late", "Failed", "Crashed"]}, "type": {}}}}')),
 (SELECT count(*) FROM flow_run WHERE state_name IN ('Late', 'Failed', 'Crashed'))),
('state name {} under or_ is no test (api)',
 prefect_api('POST /flow_runs/count', '{"flow_runs": {"state": {"operator": "or_", "name": {}, "type": {"any_": ["FAILED"]}}}}'),
 (SELECT count(*) FROM flow_run WHERE state_type IN ('FAILED'))),
('task run state name any_ (api)',
 prefect_api('POST /task_runs/count', '{"task_runs": {"state": {"operator": "and_", "name": {"any_": ["Completed", "Failed"]}}}}'),
 (SELECT count(*) FROM task_run WHERE state_name IN ('Completed', 'Failed'))),
-- 4. any_ with is_null_: false (TaskRunFilterFlowRunId): the any_ list is the test
('flow_run_id any_ + is_null_ false (api)',
 prefect_api('POST /task_runs/count', (SELECT json_object('task_runs', json_object('operator', 'and_', 'flow_run_id', json_object('operator', 'and_', 'any_', json_array(id), 'is_null_', json('false')))) FROM flow_run WHERE name = 'swift-toucan')),
 (SELECT count(*) FROM task_run WHERE flow_run_id IN (SELECT id FROM flow_run WHERE name = 'swift-toucan'))),
('flow_run_id is_null_ false alone (table)',
 (SELECT count(*) FROM task_runs('{"task_runs": {"flow_run_id": {"is_null_": false}}}')),
 (SELECT count(*) FROM task_run WHERE flow_run_id IS NOT NULL)),
('flow_run_id {} means is_null_ false (table)',
 (SELECT count(*) FROM task_runs('{"task_runs": {"flow_run_id": {}}}')),
 (SELECT count(*) FROM task_run WHERE flow_run_id IS NOT NULL)),
('deployment_id any_ + is_null_ false (api)',
 prefect_api('POST /flow_runs/count', (SELECT json_object('flow_runs', json_object('deployment_id', json_object('operator', 'and_', 'any_', json_array(id), 'is_null_', json('false')))) FROM deployment ORDER BY id LIMIT 1)),
 (SELECT count(*) FROM flow_run WHERE deployment_id IN (SELECT id FROM deployment ORDER BY id LIMIT 1) AND deployment_id IS NOT NULL)),
-- 5. subflow_runs.exists_: false: no flow run names this task run as its parent
('subflow_runs exists_ false (api)',
 prefect_api('POST /task_runs/count', '{"task_runs": {"subflow_runs": {"exists_": false}}}'),
 (SELECT count(*) FROM task_run AS t WHERE NOT EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id))),
('subflow_runs exists_ true (table)',
 (SELECT count(*) FROM task_runs('{"task_runs": {"subflow_runs": {"exists_": true}}}')),
 (SELECT count(*) FROM task_run AS t WHERE EXISTS (SELECT 1 FROM flow_run AS s WHERE s.parent_task_run_id = t.id))),
('subflow_runs exists_ false within a run (api)',
 prefect_api('POST /task_runs/count', (SELECT json_object('task_runs', json_object('flow_run_id', json_object('any_', json_array(t.flow_run_id), 'is_null_', json('false')), 'subflow_runs', json_object('exists_', json('false')))) FROM task_run AS t JOIN flow_run AS s ON s.parent_task_run_id = t.id WHERE s.name = 'brave-gecko' AND s.parent_task_run_id IS NOT NULL)),
 (SELECT count(*) - 1 FROM task_run WHERE flow_run_id = (SELECT t.flow_run_id FROM task_run AS t JOIN flow_run AS s ON s.parent_task_run_id = t.id WHERE s.name = 'brave-gecko' AND s.parent_task_run_id IS NOT NULL))),
-- 6. a task-run filter reaching the parent flow run: the flow run that has this task run
('parent flow run through task_runs.id (api)',
 (SELECT group_concat(value ->> 'id') FROM json_each(prefect_api('POST /flow_runs/filter', (SELECT json_object('sort', 'START_TIME_DESC', 'offset', 0, 'limit', 1, 'task_runs', json_object('operator', 'and_', 'id', json_object('any_', json_array(parent_task_run_id)))) FROM flow_run WHERE parent_task_run_id IS NOT NULL AND name = 'brave-gecko')))),
 (SELECT t.flow_run_id FROM task_run AS t JOIN flow_run AS s ON s.parent_task_run_id = t.id WHERE s.name = 'brave-gecko')),
('every subflow parent through task_runs.id (table)',
 (SELECT count(*) FROM flow_runs((SELECT json_object('task_runs', json_object('id', json_object('any_', json_group_array(parent_task_run_id)))) FROM flow_run WHERE parent_task_run_id IS NOT NULL))),
 (SELECT count(DISTINCT t.flow_run_id) FROM task_run AS t JOIN flow_run AS s ON s.parent_task_run_id = t.id));
-- a count comes back from prefect_api() as JSON text: compared as text
SELECT label, CAST(ext AS TEXT) IS CAST(oracle AS TEXT) AND ext IS NOT NULL,
       CASE WHEN length(ext) > 40 THEN length(ext) - length(replace(ext, ',', '')) + 1 ELSE ext END
  FROM cases;

-- 1, continued. The tables refuse a top-level key they do not take (a
-- misspelling would otherwise return every row)...
SELECT count(*) FROM flow_runs('{"flow_run": {"name": {"any_": ["x"]}}}');
SELECT count(*) FROM flows('{"flows": {}, "offset": 0, "pge": 2}');
-- ...while prefect_api() drops the keys a route does not take, as Prefect's
-- server does: the dashboard's lateness body carries sort and offset, which
-- /flow_runs/lateness does not take; /flow_runs/filter has no page
SELECT 'lateness ignores sort and offset',
       prefect_api('POST /flow_runs/lateness', '{"sort": "ID_DESC", "offset": 0, "flow_runs": {"operator": "and_"}}')
       IS prefect_api('POST /flow_runs/lateness', '{"flow_runs": {"operator": "and_"}}');
SELECT 'filter ignores page',
       prefect_api('POST /flow_runs/filter', '{"limit": 1, "page": 2, "sort": "ID_DESC"}')
       IS prefect_api('POST /flow_runs/filter', '{"limit": 1, "sort": "ID_DESC"}');
-- a key inside a filter object is still checked, as Prefect's filter models forbid extras
SELECT prefect_api('POST /flow_runs/filter', '{"flow_runs": {"nme": {}}}');
