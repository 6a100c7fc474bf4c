-- Recipes: questions Prefect's UI and filter API stop short of, in SQL.
-- Run on a Prefect database (here the demo one):
--   sqlite3 -cmd '.load dist/prefect' -table dist/demo.db < examples/recipes.sql
-- Nothing here writes to the database: the one view is a TEMP view.

-- 1. Every table artifact under one flow run, subflows included to any
--    depth, merged per key: how many versions, rows and which columns
--    (by name). The run: of the runs that started subflows, the one with
--    the most table artifacts in its own run and its direct subflows.
.print '1. Table artifacts of a whole run tree, merged per key'
WITH root AS (
  SELECT tr.flow_run_id AS id FROM flow_run AS sub JOIN task_run AS tr ON tr.id = sub.parent_task_run_id
    JOIN artifact AS x ON x.flow_run_id IN (sub.id, tr.flow_run_id) AND x.type = 'table'
   GROUP BY tr.flow_run_id ORDER BY count(*) DESC, tr.flow_run_id LIMIT 1),
cells AS (
  SELECT coalesce(a.key, '(no key)') AS key, a.id, t.row, t.col, tree.depth
    FROM root, prefect_run_tree(root.id) AS tree
    JOIN artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') AS a ON a.flow_run_id = tree.id
    JOIN prefect_table(a.data) AS t)
SELECT key, count(DISTINCT id) AS versions, count(DISTINCT id || ':' || row) AS table_rows,
       (SELECT group_concat(col) FROM (SELECT DISTINCT col FROM cells AS c WHERE c.key = cells.key ORDER BY col))
         AS columns,
       max(depth) AS deepest_run
  FROM cells GROUP BY key ORDER BY key;

-- 2. Artifacts per day and type, the last five days of data.
.print '2. Artifacts per day and type'
SELECT substr(created, 1, 10) AS day, coalesce(type, '(none)') AS type, count(*) AS artifacts
  FROM artifacts
 WHERE created >= (SELECT date(max(created), '-4 days') FROM artifact)
 GROUP BY day, type ORDER BY day DESC, type;

-- 3. For each key, the newest artifact a failed run of the "prod"
--    deployments produced, and that run by name (SQLite takes type and
--    flow_run_id from the max() row).
.print '3. Latest artifact per key of failed runs in the prod deployments'
SELECT key, type, max(created) AS latest, (SELECT r.name FROM flow_run AS r WHERE r.id = flow_run_id) AS flow_run
  FROM artifacts('{"artifacts": {"key": {"exists_": true}},
                   "flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
                   "deployments": {"name": {"any_": ["prod"]}}}')
 GROUP BY key ORDER BY key;

-- 4. Markdown artifacts that mention a word (the text is a JSON string).
.print '4. Markdown artifacts mentioning "dbt-build"'
SELECT key, substr(created, 1, 19) AS created
  FROM artifacts('{"artifacts": {"type": {"any_": ["markdown"]}}, "sort": "CREATED_DESC"}')
 WHERE json_extract(data, '$') LIKE '%dbt-build%'
 LIMIT 5;

-- 5. Lineage: flow -> deployment -> run -> task run -> artifact, as a view.
.print '5. Lineage, per flow and deployment'
CREATE TEMP VIEW IF NOT EXISTS artifact_lineage AS
SELECT f.name AS flow, d.name AS deployment, fr.name AS flow_run, fr.state_name AS state, tr.name AS task_run,
       a.key, a.type, a.created
  FROM artifacts AS a
  JOIN flow_run AS fr ON fr.id = a.flow_run_id
  JOIN flow AS f ON f.id = fr.flow_id
  LEFT JOIN deployment AS d ON d.id = fr.deployment_id
  LEFT JOIN task_run AS tr ON tr.id = a.task_run_id;
SELECT flow, coalesce(deployment, '(ad hoc)') AS deployment, count(DISTINCT flow_run) AS runs, count(*) AS artifacts,
       sum(type = 'table') AS tables
  FROM artifact_lineage GROUP BY flow, deployment ORDER BY flow, deployment;

-- 6. Completed vs failed flow runs per hour over one day, for a chart: one
--    row per hour (flow_run_history gives every interval, empty ones too),
--    the states pivoted into columns.
.print '6. Flow runs per hour on 2026-10-18, completed vs failed'
SELECT substr(interval_start, 12, 5) AS hour,
       sum(CASE WHEN state_type = 'COMPLETED' THEN count_runs ELSE 0 END) AS completed,
       sum(CASE WHEN state_type = 'FAILED' THEN count_runs ELSE 0 END) AS failed,
       substr('##########', 1, sum(CASE WHEN state_type = 'FAILED' THEN count_runs ELSE 0 END)) AS failed_bar
  FROM flow_run_history('{"history_start": "2026-10-18T00:00:00Z", "history_end": "2026-10-19T00:00:00Z",
                          "history_interval_seconds": 3600}')
 GROUP BY interval_start ORDER BY interval_start;

-- 7. The last error lines of every failed run of one deployment (the one with
--    the most failed runs): logs() per run, newest ERROR line first, two per
--    run, through Prefect's (flow_run_id, timestamp) index.
.print '7. Last error lines of each failed run of a deployment'
WITH dep AS (
  SELECT deployment_id AS id FROM flow_run
   WHERE state_type = 'FAILED' AND deployment_id IS NOT NULL
   GROUP BY deployment_id ORDER BY count(*) DESC, deployment_id LIMIT 1),
runs AS (
  SELECT r.id, r.name FROM dep,
         flow_runs(json_object('flow_runs', json_object('deployment_id', json_object('any_', json_array(dep.id)),
                                                        'state', json_object('type', json_object('any_', json_array('FAILED')))))) AS r)
SELECT runs.name AS run, l.timestamp, l.name AS logger, substr(l.message, 1, 70) AS message
  FROM runs, logs(json_object('logs', json_object('flow_run_id', json_object('any_', json_array(runs.id)),
                                                  'level', json_object('ge_', 40)),
                              'sort', 'TIMESTAMP_DESC', 'limit', 2)) AS l
 ORDER BY runs.name, l.timestamp DESC;

-- 8. The numbers on Prefect's dashboard, from SQL: the flow runs of the
--    last 24 hours (the dashboard's window: now rounded down to the minute,
--    minus 86400 s) counted by the dashboard's state tabs, then per work
--    pool its late runs and their average lateness (the route the
--    dashboard calls, /flow_runs/lateness), then the latest failed runs.
--    Everything is relative to prefect_now(); the clock is pinned to a
--    moment inside the demo's month, 2026-10-20 12:00 UTC, so that the
--    answer stays the same (leave that line out on a live database).
.print '8. The dashboard: runs of the last 24 hours by state, late runs per pool, latest failures'
SELECT prefect_set_now('2026-10-20T12:00:00Z') IS NOT NULL AS clock_pinned;
WITH win AS (
  SELECT strftime('%Y-%m-%dT%H:%M:00Z', prefect_now(), '-1 day') AS lo, strftime('%Y-%m-%dT%H:%M:00Z', prefect_now()) AS hi),
runs AS (
  SELECT r.state_type FROM win, flow_runs(json_object('flow_runs', json_object('expected_start_time',
                                                json_object('after_', win.lo, 'before_', win.hi)))) AS r)
SELECT CASE WHEN state_type IN ('FAILED', 'CRASHED') THEN '1 failed'
            WHEN state_type IN ('RUNNING', 'PENDING', 'CANCELLING') THEN '2 running'
            WHEN state_type = 'COMPLETED' THEN '3 completed'
            WHEN state_type IN ('SCHEDULED', 'PAUSED') THEN '4 scheduled'
            WHEN state_type = 'CANCELLED' THEN '5 cancelled' ELSE '6 no state' END AS tab,
       count(*) AS runs
  FROM runs GROUP BY tab ORDER BY tab;
WITH win AS (
  SELECT strftime('%Y-%m-%dT%H:%M:00Z', prefect_now(), '-1 day') AS lo, strftime('%Y-%m-%dT%H:%M:00Z', prefect_now()) AS hi),
body AS (
  SELECT p.name AS pool, json_object('work_pools', json_object('id', json_object('any_', json_array(p.id))),
           'flow_runs', json_object('expected_start_time', json_object('after_', win.lo, 'before_', win.hi))) AS b
    FROM win, work_pools AS p)
SELECT pool,
       (SELECT count(*) FROM flow_runs(json_set(b, '$.flow_runs.state', json('{"name": {"any_": ["Late"]}}')))) AS late_runs,
       round(prefect_api('POST /flow_runs/lateness', b), 1) AS avg_lateness_seconds
  FROM body ORDER BY pool;
WITH win AS (
  SELECT strftime('%Y-%m-%dT%H:%M:00Z', prefect_now(), '-1 day') AS lo, strftime('%Y-%m-%dT%H:%M:00Z', prefect_now()) AS hi)
SELECT r.name AS run, (SELECT f.name FROM flow AS f WHERE f.id = r.flow_id) AS flow, r.state_name, r.expected_start_time
  FROM win, flow_runs(json_object('flow_runs', json_object('expected_start_time', json_object('after_', win.lo, 'before_', win.hi),
                                                           'state', json_object('type', json_object('any_', json_array('FAILED', 'CRASHED')))),
                                  'sort', 'EXPECTED_START_TIME_DESC', 'limit', 5)) AS r;
