-- flows, flow_runs, task_runs and deployments: each endpoint's body, its
-- related filters with Prefect's join semantics (a present key, even {}, needs
-- a related row; keys joined in one subquery must match the same row), its
-- sorts and pagination. Lines print the last two digits of the ids returned;
-- a body without a sort, limit, offset or page promises only the set, so SQL
-- orders it by the endpoint's default sort (ORDER BY name or id DESC).
.read tests/sql/fixture.sql
.mode list

-- /flows/filter, /flows/paginate (default NAME_ASC: adhoc, etl, ml-Train)
SELECT 'flows: no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows ORDER BY name));
SELECT 'flows: name.like_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"flows": {"name": {"like_": "T"}}}') ORDER BY name));
SELECT 'flows: flow_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"flow_runs": {}}') ORDER BY name));
SELECT 'flows: flow_runs state', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}') ORDER BY name));
SELECT 'flows: task_runs {} needs a run with a task run', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"task_runs": {}}') ORDER BY name));
SELECT 'flows: flow_runs and task_runs on one run', (SELECT count(*) FROM flows('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "task_runs": {"name": {"any_": ["transform"]}}}'));
SELECT 'flows: deployments {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"deployments": {}}') ORDER BY name));
SELECT 'flows: deployments paused', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"deployments": {"paused": {"eq_": true}}}') ORDER BY name));
SELECT 'flows: work_pools {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"work_pools": {}}') ORDER BY name));
SELECT 'flows: work_pools type', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"work_pools": {"type": {"any_": ["kubernetes"]}}}') ORDER BY name));
SELECT 'flows: deployment.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"flows": {"deployment": {"is_null_": true}}}') ORDER BY name));
SELECT 'flows: tags.all_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows('{"flows": {"tags": {"all_": ["prod"]}}}') ORDER BY name));
SELECT 'flows: CREATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"sort": "CREATED_DESC"}'));
SELECT 'flows: NAME_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"sort": "NAME_DESC"}'));
SELECT 'flows: limit', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"limit": 2}'));
SELECT 'flows: page 2 of 2', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"limit": 2, "page": 2}'));
SELECT 'flows: page past the end', (SELECT count(*) FROM flows('{"limit": 2, "page": 5}'));
SELECT 'flows: page 1, default limit 200', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"page": 1}'));
SELECT 'flows: limit 1 page 3', (SELECT group_concat(substr(id, -2), ' ') FROM flows('{"limit": 1, "page": 3}'));
SELECT 'flows: limit 0', (SELECT count(*) FROM flows('{"limit": 0, "page": 1}'));
SELECT 'flows: count', (SELECT count(*) FROM flows('{"flow_runs": {"tags": {"any_": ["prod", "dev"]}}}'));
SELECT count(*) FROM flows('{"page": 0}');
SELECT count(*) FROM flows('{"page": 2, "offset": 1}');
SELECT count(*) FROM flows('{"sort": "ID_DESC"}');
SELECT count(*) FROM flows('{"work_pool_queues": {}}');

-- /flow_runs/filter (default ID_DESC)
SELECT 'flow_runs: no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs ORDER BY id DESC));
SELECT 'flow_runs: deployments {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"deployments": {}}') ORDER BY id DESC));
SELECT 'flow_runs: deployments name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"deployments": {"name": {"any_": ["etl-nightly"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: work_pools {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pools": {}}') ORDER BY id DESC));
SELECT 'flow_runs: work_pools name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pools": {"name": {"any_": ["p-k8s"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: queue startswith_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pool_queues": {"name": {"startswith_": ["DEF"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: startswith_ [] is no criterion', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pool_queues": {"name": {"startswith_": []}}}') ORDER BY id DESC));
SELECT 'flow_runs: startswith_ [] vanishes under or_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pool_queues": {"operator": "or_", "name": {"startswith_": []}, "id": {"any_": ["e0000000-0000-4000-8000-000000000002"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: an empty name under or_ is TRUE', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"work_pool_queues": {"operator": "or_", "name": {}, "id": {"any_": ["e0000000-0000-4000-8000-000000000002"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: flows name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"flows": {"name": {"any_": ["etl"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: task_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"task_runs": {}}') ORDER BY id DESC));
SELECT 'flow_runs: flows and task_runs', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"flows": {"name": {"any_": ["etl"]}}, "task_runs": {"name": {"any_": ["extract"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: parent_flow_run_id', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs('{"flow_runs": {"parent_flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}') ORDER BY id DESC));
SELECT 'flow_runs: START_TIME_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM flow_runs('{"sort": "START_TIME_ASC"}'));
SELECT 'flow_runs: EXPECTED_START_TIME_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM flow_runs('{"sort": "EXPECTED_START_TIME_ASC"}'));
SELECT 'flow_runs: NAME_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM flow_runs('{"sort": "NAME_ASC"}'));
SELECT 'flow_runs: END_TIME_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM flow_runs('{"sort": "END_TIME_DESC", "limit": 3}'));
SELECT 'flow_runs: columns', (SELECT name || ',' || state_type || ',' || state_name || ',' || total_run_time || ',' || tags || ',' || flow_version FROM flow_runs('{"flow_runs": {"id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}'));
SELECT count(*) FROM flow_runs('{"task_runs": {"id": {"not_any_": []}}}');

-- /task_runs/filter (default ID_DESC)
SELECT 'task_runs: no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs ORDER BY id DESC));
SELECT 'task_runs: flow_runs {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"flow_runs": {}}') ORDER BY id DESC));
SELECT 'task_runs: flow_runs state', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}') ORDER BY id DESC));
SELECT 'task_runs: flows', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"flows": {"name": {"any_": ["etl"]}}}') ORDER BY id DESC));
SELECT 'task_runs: deployments {}', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"deployments": {}}') ORDER BY id DESC));
SELECT 'task_runs: flow_run_id.is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"task_runs": {"flow_run_id": {"is_null_": true}}}') ORDER BY id DESC));
SELECT 'task_runs: subflow_runs', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs('{"task_runs": {"subflow_runs": {"exists_": true}}}') ORDER BY id DESC));
SELECT 'task_runs: NAME_ASC', (SELECT group_concat(substr(id, -2), ' ') FROM task_runs('{"sort": "NAME_ASC"}'));
SELECT count(*) FROM task_runs('{"sort": "START_TIME_ASC"}');
SELECT count(*) FROM task_runs('{"work_pools": {}}');

-- /deployments/filter (default NAME_ASC)
SELECT 'deployments: no body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments ORDER BY name));
SELECT 'deployments: flows', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"flows": {"name": {"any_": ["ml-Train"]}}}') ORDER BY name));
SELECT 'deployments: flow_runs state', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}') ORDER BY name));
SELECT 'deployments: flow_runs and task_runs', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"flow_runs": {}, "task_runs": {"name": {"any_": ["transform"]}}}') ORDER BY name));
SELECT 'deployments: work_pools', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"work_pools": {"type": {"any_": ["docker"]}}}') ORDER BY name));
SELECT 'deployments: work_pool_queues', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"work_pool_queues": {"name": {"any_": ["critical"]}}}') ORDER BY name));
SELECT 'deployments: paused "yes"', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"deployments": {"paused": {"eq_": "yes"}}}') ORDER BY name));
SELECT 'deployments: flow_or_deployment_name', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM deployments('{"deployments": {"flow_or_deployment_name": {"like_": "ETL"}}}') ORDER BY name));
SELECT 'deployments: NAME_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM deployments('{"sort": "NAME_DESC"}'));
SELECT 'deployments: CREATED_DESC', (SELECT group_concat(substr(id, -2), ' ') FROM deployments('{"sort": "CREATED_DESC"}'));
SELECT 'deployments: job_variables', (SELECT group_concat(job_variables, ' ') FROM deployments);
-- ordinary SQL around these tables reaches xBestIndex too
EXPLAIN QUERY PLAN SELECT name FROM flow_runs WHERE deployment_id = 'd0000000-0000-4000-8000-000000000001' ORDER BY start_time DESC LIMIT 1;
SELECT 'flow_runs: SQL around', (SELECT group_concat(name, ' ') FROM (SELECT name FROM flow_runs WHERE deployment_id = 'd0000000-0000-4000-8000-000000000001' ORDER BY start_time DESC LIMIT 1));
SELECT 'flows joined to their runs', (SELECT group_concat(flow || ':' || run, ' ') FROM (SELECT f.name AS flow, r.name AS run FROM flows('{"flows": {"name": {"any_": ["etl"]}}}') AS f JOIN flow_runs AS r ON r.flow_id = f.id ORDER BY f.name, r.id DESC));
-- prefect_filter() on every table, pushed down and (under OR) row by row
SELECT 'prefect_filter on flow_runs', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flow_runs WHERE prefect_filter(flow_runs, '{"flows": {"name": {"any_": ["etl"]}}}') ORDER BY id DESC));
SELECT 'prefect_filter on flows, under OR', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM flows WHERE prefect_filter(flows, '{"deployments": {}}') OR name = 'adhoc' ORDER BY id));
SELECT 'prefect_filter on deployments', (SELECT group_concat(substr(id, -2), ' ') FROM deployments WHERE prefect_filter(deployments, '{"deployments": {"paused": {"eq_": true}}}'));
SELECT 'prefect_filter on task_runs', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM task_runs WHERE prefect_filter(task_runs, '{"task_runs": {"flow_run_id": {}}}') AND name != 'x' ORDER BY id DESC));
