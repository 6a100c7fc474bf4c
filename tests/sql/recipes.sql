-- examples/recipes.sql on the demo database, as docs/tables.md runs it, then
-- independent checks of what the recipes print.
ATTACH 'file:dist/demo.db?mode=ro' AS demo;
.mode list
.read examples/recipes.sql
-- recipe 2 against plain SQL on Prefect's artifact table
SELECT 'recipe 2 agrees', (SELECT group_concat(d || t || n) FROM (SELECT substr(created, 1, 10) AS d, coalesce(type, '(none)') AS t, count(*) AS n FROM artifacts WHERE created >= (SELECT date(max(created), '-4 days') FROM artifact) GROUP BY d, t ORDER BY d DESC, t))
  IS (SELECT group_concat(d || t || n) FROM (SELECT substr(created, 1, 10) AS d, coalesce(type, '(none)') AS t, count(*) AS n FROM artifact WHERE created >= (SELECT date(max(created), '-4 days') FROM artifact) GROUP BY d, t ORDER BY d DESC, t));
-- recipe 3 against plain SQL: per key, the run of the newest artifact of a failed or crashed run of a "prod" deployment
SELECT 'recipe 3 agrees', (SELECT group_concat(key || ':' || flow_run) FROM (SELECT key, max(created), (SELECT r.name FROM flow_run AS r WHERE r.id = flow_run_id) AS flow_run
      FROM artifacts('{"artifacts": {"key": {"exists_": true}}, "flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}, "deployments": {"name": {"any_": ["prod"]}}}') GROUP BY key ORDER BY key))
  IS (WITH c AS (SELECT a.key, a.created, r.name FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id JOIN deployment AS d ON d.id = r.deployment_id
                  WHERE a.key IS NOT NULL AND r.state_type IN ('FAILED', 'CRASHED') AND d.name = 'prod')
      SELECT group_concat(key || ':' || name) FROM (SELECT key, name FROM c WHERE created = (SELECT max(created) FROM c AS c2 WHERE c2.key = c.key) ORDER BY key)),
  (SELECT count(DISTINCT key) FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id WHERE r.state_type IN ('FAILED', 'CRASHED'));
-- recipe 5 covers every artifact whose run exists
SELECT 'recipe 5 covers', (SELECT count(*) FROM artifact_lineage), (SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id));
-- recipe 1's run tree against a hand-written walk of the same links
SELECT 'recipe 1 tree', (SELECT group_concat(id) FROM (SELECT id FROM prefect_run_tree((SELECT tr.flow_run_id FROM flow_run AS sub JOIN task_run AS tr ON tr.id = sub.parent_task_run_id JOIN artifact AS x ON x.flow_run_id IN (sub.id, tr.flow_run_id) AND x.type = 'table' GROUP BY tr.flow_run_id ORDER BY count(*) DESC, tr.flow_run_id LIMIT 1)) ORDER BY id))
  IS (WITH RECURSIVE root(id) AS (SELECT tr.flow_run_id FROM flow_run AS sub JOIN task_run AS tr ON tr.id = sub.parent_task_run_id JOIN artifact AS x ON x.flow_run_id IN (sub.id, tr.flow_run_id) AND x.type = 'table' GROUP BY tr.flow_run_id ORDER BY count(*) DESC, tr.flow_run_id LIMIT 1),
      walk(id) AS (SELECT id FROM root UNION SELECT fr.id FROM walk JOIN task_run AS tr ON tr.flow_run_id = walk.id JOIN flow_run AS fr ON fr.parent_task_run_id = tr.id)
      SELECT group_concat(id) FROM (SELECT id FROM walk ORDER BY id));
-- recipe 6 against plain SQL on Prefect's flow_run table: the same 24 hours, the same counts
SELECT 'recipe 6 agrees', (SELECT group_concat(h || ':' || c || ':' || f) FROM (SELECT substr(interval_start, 12, 2) AS h, sum(CASE WHEN state_type = 'COMPLETED' THEN count_runs ELSE 0 END) AS c, sum(CASE WHEN state_type = 'FAILED' THEN count_runs ELSE 0 END) AS f FROM flow_run_history('{"history_start": "2026-10-18T00:00:00Z", "history_end": "2026-10-19T00:00:00Z", "history_interval_seconds": 3600}') GROUP BY interval_start ORDER BY interval_start))
  IS (WITH RECURSIVE hours(h) AS (SELECT 0 UNION ALL SELECT h + 1 FROM hours WHERE h < 23)
      SELECT group_concat(printf('%02d', h) || ':' || (SELECT count(*) FROM flow_run WHERE state_type = 'COMPLETED' AND expected_start_time >= printf('2026-10-18 %02d', h) AND expected_start_time < printf('2026-10-18 %02d:99', h)) || ':' || (SELECT count(*) FROM flow_run WHERE state_type = 'FAILED' AND expected_start_time >= printf('2026-10-18 %02d', h) AND expected_start_time < printf('2026-10-18 %02d:99', h))) FROM hours),
  (SELECT sum(count_runs) FROM flow_run_history('{"history_start": "2026-10-18T00:00:00Z", "history_end": "2026-10-19T00:00:00Z", "history_interval_seconds": 3600}'));
-- recipe 7 against plain SQL over Prefect's flow_run and log tables
SELECT 'recipe 7 agrees', (WITH dep AS (SELECT deployment_id AS id FROM flow_run WHERE state_type = 'FAILED' AND deployment_id IS NOT NULL GROUP BY deployment_id ORDER BY count(*) DESC, deployment_id LIMIT 1),
       runs AS (SELECT r.id, r.name FROM dep, flow_runs(json_object('flow_runs', json_object('deployment_id', json_object('any_', json_array(dep.id)), 'state', json_object('type', json_object('any_', json_array('FAILED')))))) AS r)
  SELECT group_concat(x, ';') FROM (SELECT runs.name || l.timestamp || l.message AS x FROM runs, logs(json_object('logs', json_object('flow_run_id', json_object('any_', json_array(runs.id)), 'level', json_object('ge_', 40)), 'sort', 'TIMESTAMP_DESC', 'limit', 2)) AS l ORDER BY runs.name, l.timestamp DESC))
  IS (SELECT group_concat(x, ';') FROM (SELECT fr.name || lg.timestamp || lg.message AS x FROM (SELECT lg.*, row_number() OVER (PARTITION BY lg.flow_run_id ORDER BY lg.timestamp DESC) AS rn FROM log AS lg WHERE lg.level >= 40) AS lg
      JOIN flow_run AS fr ON fr.id = lg.flow_run_id
      WHERE lg.rn <= 2 AND fr.state_type = 'FAILED' AND fr.deployment_id = (SELECT deployment_id FROM flow_run WHERE state_type = 'FAILED' AND deployment_id IS NOT NULL GROUP BY deployment_id ORDER BY count(*) DESC, deployment_id LIMIT 1)
      ORDER BY fr.name, lg.timestamp DESC)),
  (SELECT count(*) FROM log AS lg JOIN flow_run AS fr ON fr.id = lg.flow_run_id WHERE lg.level >= 40 AND fr.state_type = 'FAILED');
-- recipe 8 against plain SQL on Prefect's tables: the window is 2026-10-19 12:00 .. 2026-10-20 12:00 (the
-- recipe pins the clock), the tabs' counts, each pool's late runs and average lateness (Prefect's SQLite
-- expression in /flow_runs/lateness: whole seconds by strftime('%s')), the latest failed runs
SELECT 'recipe 8 tabs agree', (WITH win AS (SELECT strftime('%Y-%m-%dT%H:%M:00Z', prefect_now(), '-1 day') AS lo, strftime('%Y-%m-%dT%H:%M:00Z', prefect_now()) AS hi)
    SELECT group_concat(s || '=' || n) FROM (SELECT coalesce(r.state_type, '-') AS s, count(*) AS n FROM win, flow_runs(json_object('flow_runs', json_object('expected_start_time', json_object('after_', win.lo, 'before_', win.hi)))) AS r GROUP BY s ORDER BY s))
  IS (SELECT group_concat(s || '=' || n) FROM (SELECT coalesce(state_type, '-') AS s, count(*) AS n FROM flow_run
      WHERE expected_start_time >= '2026-10-19 12:00:00.000000' AND expected_start_time <= '2026-10-20 12:00:00.000000' GROUP BY s ORDER BY s));
SELECT 'recipe 8 pools agree', (WITH win AS (SELECT strftime('%Y-%m-%dT%H:%M:00Z', prefect_now(), '-1 day') AS lo, strftime('%Y-%m-%dT%H:%M:00Z', prefect_now()) AS hi),
    body AS (SELECT p.name AS pool, json_object('work_pools', json_object('id', json_object('any_', json_array(p.id))), 'flow_runs', json_object('expected_start_time', json_object('after_', win.lo, 'before_', win.hi))) AS b FROM win, work_pools AS p)
    SELECT group_concat(pool || ':' || late || ':' || lateness) FROM (SELECT pool, (SELECT count(*) FROM flow_runs(json_set(b, '$.flow_runs.state', json('{"name": {"any_": ["Late"]}}')))) AS late,
                                                                     round(prefect_api('POST /flow_runs/lateness', b), 6) AS lateness FROM body ORDER BY pool))
  IS (SELECT group_concat(pool || ':' || late || ':' || lateness) FROM (SELECT wp.name AS pool,
        (SELECT count(*) FROM flow_run AS fr JOIN work_queue AS wq ON wq.id = fr.work_queue_id WHERE wq.work_pool_id = wp.id AND fr.state_name = 'Late'
           AND fr.expected_start_time >= '2026-10-19 12:00:00.000000' AND fr.expected_start_time <= '2026-10-20 12:00:00.000000') AS late,
        (SELECT round(avg(CASE WHEN fr.start_time > fr.expected_start_time THEN strftime('%s', fr.start_time) - strftime('%s', fr.expected_start_time)
                          WHEN fr.start_time IS NULL AND fr.state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') AND fr.expected_start_time < '2026-10-20 12:00:00'
                          THEN strftime('%s', '2026-10-20 12:00:00') - strftime('%s', fr.expected_start_time) ELSE 0 END), 6)
           FROM flow_run AS fr JOIN work_queue AS wq ON wq.id = fr.work_queue_id WHERE wq.work_pool_id = wp.id
           AND fr.expected_start_time >= '2026-10-19 12:00:00.000000' AND fr.expected_start_time <= '2026-10-20 12:00:00.000000') AS lateness
      FROM work_pool AS wp ORDER BY wp.name)),
  (SELECT count(*) FROM work_pool);
SELECT 'recipe 8 failures agree', (SELECT group_concat(r.id) FROM flow_runs('{"flow_runs": {"expected_start_time": {"after_": "2026-10-19T12:00:00Z", "before_": "2026-10-20T12:00:00Z"}, "state": {"type": {"any_": ["FAILED", "CRASHED"]}}}, "sort": "EXPECTED_START_TIME_DESC", "limit": 5}') AS r)
  IS (SELECT group_concat(id) FROM (SELECT id FROM flow_run WHERE state_type IN ('FAILED', 'CRASHED') AND expected_start_time >= '2026-10-19 12:00:00.000000'
      AND expected_start_time <= '2026-10-20 12:00:00.000000' ORDER BY expected_start_time DESC LIMIT 5));
