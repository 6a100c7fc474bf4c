-- SQL around the virtual tables reaches xBestIndex and the inner statement:
-- plans (EXPLAIN QUERY PLAN shows INDEX idxNum:idxStr), results, and how a
-- body's own limit composes with SQL's WHERE, ORDER BY, LIMIT and OFFSET.
.read tests/sql/fixture.sql
.mode list

-- point lookups are consumed and answered by Prefect's indexes
EXPLAIN QUERY PLAN SELECT * FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000003';
EXPLAIN QUERY PLAN SELECT * FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') WHERE key = 'ml-table';
SELECT 'id =', group_concat(substr(id, -2), ' ') FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000003';
SELECT 'key = with body', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') WHERE key = 'ml-table' ORDER BY id DESC);
-- every operator, pushed down
SELECT 'IN', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE type IN ('link', 'progress', NULL) ORDER BY id DESC);
SELECT 'IN subquery', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE flow_run_id IN (SELECT id FROM flow_run WHERE state_type = 'FAILED') ORDER BY id DESC);
SELECT '<', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE created < '2026-02-03' ORDER BY id DESC);
SELECT '<=', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE created <= '2026-02-03 01:00:00.000000' ORDER BY id DESC);
SELECT '>', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE updated > '2026-02-10 01:00:00.000000' ORDER BY id DESC);
SELECT '>=', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE updated >= '2026-02-10 01:00:00.000000' ORDER BY id DESC);
SELECT '!=', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE type != 'markdown' ORDER BY id DESC);
SELECT 'IS NULL', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE key IS NULL ORDER BY id DESC);
SELECT 'IS NOT NULL', count(*) FROM artifacts WHERE task_run_id IS NOT NULL;
SELECT 'IS', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE type IS NULL ORDER BY id DESC);
SELECT 'IS NOT', count(*) FROM artifacts WHERE type IS NOT 'table';
SELECT 'LIKE', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE key LIKE 'GAMMA%' ORDER BY id DESC);
SELECT 'GLOB', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE key GLOB 'gamma?1' ORDER BY id DESC);
SELECT 'range', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE created BETWEEN '2026-02-04' AND '2026-02-07' ORDER BY id DESC);
EXPLAIN QUERY PLAN SELECT * FROM artifacts WHERE type IN ('link', 'progress') AND key LIKE 'g%' AND created > '2026';
-- ORDER BY on any column, either direction, is consumed
EXPLAIN QUERY PLAN SELECT id FROM artifacts ORDER BY updated DESC, id;
SELECT 'ORDER BY', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE type = 'markdown' ORDER BY updated DESC);
SELECT 'ORDER BY 2 terms', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts ORDER BY key DESC, created ASC);
-- LIMIT/OFFSET are pushed down and compose with the body's own
EXPLAIN QUERY PLAN SELECT id FROM artifacts WHERE type = 'table' ORDER BY created LIMIT 2 OFFSET 1;
SELECT 'LIMIT OFFSET', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts ORDER BY created LIMIT 3 OFFSET 2);
SELECT 'OFFSET only', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts ORDER BY id DESC LIMIT -1 OFFSET 9);
SELECT 'body limit then WHERE', group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 4}') WHERE type = 'table';
SELECT 'body limit then ORDER BY', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"limit": 3, "offset": 1}') ORDER BY id);
SELECT 'body limit then LIMIT', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"sort": "CREATED_DESC", "limit": 5, "offset": 2}') ORDER BY created LIMIT 2 OFFSET 1);
SELECT 'body limit then OR', group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 4}') WHERE type = 'table' OR key = 'gammax1';
SELECT 'body limit then IN', group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 4}') WHERE type IN ('table', 'progress');
-- only the columns read are fetched (#mask); count(*) reads none, so no
-- order is paid for, unless a limit makes the order matter
EXPLAIN QUERY PLAN SELECT count(*) FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
SELECT 'count(*)', count(*) FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
SELECT 'count(*) with a body limit', count(*) FROM artifacts('{"limit": 3}') WHERE type = 'table';
SELECT 'count(*) with SQL LIMIT', count(*) FROM (SELECT 1 FROM artifacts WHERE key IS NOT NULL LIMIT 2 OFFSET 8);
SELECT 'one column read', group_concat(k, ' ') FROM (SELECT coalesce(key, '-') AS k FROM artifacts('{"artifacts": {"type": {"any_": ["table", "result"]}}}') ORDER BY k);

-- prefect_filter() in WHERE
EXPLAIN QUERY PLAN SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"flow_runs": {}}') AND created > '2026-02-05';
SELECT 'prefect_filter', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}') ORDER BY id DESC);
SELECT 'prefect_filter AND column', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"flow_runs": {}}') AND created > '2026-02-05' ORDER BY id DESC);
SELECT 'two prefect_filter combine', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"flow_runs": {}}') AND prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY id DESC);
SELECT 'prefect_filter with a body', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"artifacts": {"key": {"exists_": true}}}') WHERE prefect_filter(artifacts, '{"task_runs": {}}') ORDER BY id DESC);
SELECT 'prefect_filter after a body limit', group_concat(substr(id, -2), ' ') FROM artifacts('{"limit": 3}') WHERE prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}');
EXPLAIN QUERY PLAN SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}') OR key = 'gamma_1';
SELECT 'prefect_filter in OR', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}') OR key = 'gamma_1' ORDER BY id DESC);
SELECT 'prefect_filter not pushed', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts WHERE NOT prefect_filter(artifacts, '{"flow_runs": {}}') ORDER BY id DESC);
SELECT 'prefect_filter on collections', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact_collections WHERE prefect_filter(artifact_collections, '{"artifacts": {"type": {"any_": ["table"]}}}') ORDER BY id DESC);
SELECT 'prefect_filter in an aggregate FILTER', count(*) FILTER (WHERE prefect_filter(artifacts, '{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}')), count(*) FROM artifacts;
SELECT 'prefect_filter as an aggregate argument', sum(prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}')) FROM artifacts;
SELECT 'prefect_filter per group', type, count(*) FILTER (WHERE prefect_filter(artifacts, '{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}')) FROM artifacts GROUP BY type ORDER BY type;
SELECT 'prefect_filter after a sort', prefect_filter(p, '{}') FROM (SELECT artifacts AS p FROM artifacts ORDER BY random() LIMIT 1);
SELECT prefect_filter(key, '{}') FROM artifacts LIMIT 1;
SELECT prefect_filter('x', '{}');
SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{"sort": "KEY_ASC"}');
SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"nope": 1}}');
-- joins: the artifacts of failed runs, driven from flow_run's state index
EXPLAIN QUERY PLAN SELECT a.id FROM flow_run AS fr JOIN artifacts AS a ON a.flow_run_id = fr.id WHERE fr.state_type = 'FAILED';
SELECT 'join', group_concat(substr(id, -2) || ':' || name, ' ') FROM (SELECT a.id, fr.name FROM flow_run AS fr JOIN artifacts AS a ON a.flow_run_id = fr.id WHERE fr.state_type = 'FAILED' ORDER BY a.id DESC);
EXPLAIN QUERY PLAN SELECT ac.key FROM artifact_collections AS ac JOIN artifacts AS a ON a.id = ac.latest_id;
SELECT 'vtab join', group_concat(key || '=' || substr(id, -2), ' ') FROM (SELECT ac.key, a.id FROM artifact_collections AS ac JOIN artifacts AS a ON a.id = ac.latest_id WHERE ac.type = 'table' ORDER BY ac.key);
-- the body may come from another table of the join
SELECT 'correlated body', group_concat(f.name || ':' || (SELECT count(*) FROM artifacts(json_object('flows', json_object('id', json_object('any_', json_array(f.id)))))), ' ') FROM (SELECT id, name FROM flow ORDER BY id) AS f;

-- the two shapes of related filters give the same rows: IN (default) and
-- Prefect's EXISTS (chosen for a LIMIT in an indexed order). Rows cannot
-- tell the shapes apart, so the shape is read from the statement's text.
CREATE TEMP TABLE bodies(body);
INSERT INTO bodies VALUES
 ('{"flow_runs": {}}'), ('{"flows": {"name": {"any_": ["etl"]}}}'), ('{"deployments": {}}'),
 ('{"task_runs": {}}'), ('{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}, "task_runs": {}}'),
 ('{"flow_runs": {"name": {"any_": ["run-three", "run-one"]}}, "flows": {"name": {"any_": ["ml-Train"]}}, "deployments": {}}'),
 ('{"task_runs": {"subflow_runs": {"exists_": true}}}'), ('{"flows": {"deployment": {"is_null_": true}}}');
SELECT 'shapes', group_concat(
  (instr(prefect_filter_sql('artifacts', body), ' IN (SELECT fr') + instr(prefect_filter_sql('artifacts', body), ' IN (SELECT tr') > 0)
  || (instr(prefect_filter_sql('artifacts', json_set(body, '$.sort', 'KEY_ASC', '$.limit', 1000)), 'EXISTS (SELECT 1 FROM') > 0)
  || ((SELECT group_concat(id) FROM (SELECT id FROM artifacts(body) ORDER BY id))
      IS (SELECT group_concat(id) FROM (SELECT id FROM artifacts(json_set(body, '$.sort', 'KEY_ASC', '$.limit', 1000)) ORDER BY id)))
  || ((SELECT group_concat(id) FROM (SELECT id FROM artifact_collections(body) ORDER BY id))
      IS (SELECT group_concat(id) FROM (SELECT id FROM artifact_collections(json_set(body, '$.sort', 'KEY_ASC', '$.limit', 1000)) ORDER BY id))),
  ' ') FROM bodies;

-- the statement for a body, and the index that answers it: here the text
-- is the contract (prefect_filter_sql shows the statement as it is run)
SELECT prefect_filter_sql('artifacts', '{"artifacts": {"key": {"any_": ["ml-table", "dangling"]}}}');
EXPLAIN QUERY PLAN SELECT a.id, a.created, a.updated, a."key", a.type, a.description, a.data, a.metadata_, a.flow_run_id, a.task_run_id, a.rowid AS prefect_rowid FROM artifact AS a WHERE a."key" IN (SELECT value FROM json_each(?1)) ORDER BY a.id DESC;
SELECT 'version', prefect_version() GLOB 'v[0-9]*.[0-9]*.[0-9]*';

-- A narrow related filter (a few ids) starts from the related side even
-- when a LIMIT walks an index in order; a broad one keeps EXISTS, which
-- stops early. How narrow an indexed column is comes from sqlite_stat1.
-- The rows are the same either way; only the text shows the shape.
SELECT 'narrow: run ids', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}'), 'a.flow_run_id IN (SELECT fr') > 0;
SELECT 'broad: state', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "sort": "KEY_ASC", "limit": 20}'), 'EXISTS (SELECT 1 FROM flow_run') > 0;
SELECT 'broad: ids OR state', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"operator": "or_", "id": {"any_": ["10000000-0000-4000-8000-000000000001"]}, "state": {"type": {"any_": ["FAILED"]}}}, "sort": "KEY_ASC", "limit": 20}'), 'EXISTS (SELECT 1 FROM flow_run') > 0;
SELECT 'broad: one flow has many runs', instr(prefect_filter_sql('artifacts', '{"flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}'), 'EXISTS (SELECT 1 FROM flow_run') > 0;
SELECT 'deployment_id, no statistics: narrow', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}'), 'a.flow_run_id IN (SELECT fr') > 0;
ANALYZE;
SELECT 'deployment_id, sqlite_stat1 says 2 of 5 runs: broad', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}'), 'EXISTS (SELECT 1 FROM flow_run') > 0;
SELECT 'same rows either way', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}') ORDER BY id));
SELECT 'one run id of 5 runs, with statistics: 20% is broad', instr(prefect_filter_sql('artifacts', '{"flow_runs": {"id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}'), 'EXISTS (SELECT 1 FROM flow_run') > 0;
