-- The sqlite3 shell's report: the newest artifacts of failing flow runs as a
-- table, then artifacts per day as JSON (ready for a script or a chart).
-- From the repository root, after `make demo`:
--   sqlite3 dist/demo.db < examples/shell/report.sql
.load dist/prefect
.headers on
.mode table

.print '== The 10 newest artifacts of failing (FAILED or CRASHED) flow runs =='
SELECT substr(a.created, 1, 16) AS created, f.name AS flow, r.name AS flow_run, r.state_name AS state,
       coalesce(a.key, '') AS key, a.type
  FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
                   "sort": "CREATED_DESC", "limit": 10}') AS a
  JOIN flow_runs AS r ON r.id = a.flow_run_id
  JOIN flows AS f ON f.id = r.flow_id
 ORDER BY a.created DESC;

.print ''
.print '== Failing flow runs per flow, with their artifacts =='
SELECT f.name AS flow, count(DISTINCT r.id) AS failing_runs, count(a.id) AS artifacts
  FROM flow_runs('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}') AS r
  JOIN flows AS f ON f.id = r.flow_id
  LEFT JOIN artifacts AS a ON a.flow_run_id = r.id
 GROUP BY f.name ORDER BY failing_runs DESC, flow;

.print ''
.print '== Artifacts per day, the last 7 days of data (JSON) =='
.mode json
SELECT substr(a.created, 1, 10) AS day, count(*) AS artifacts, count(failing.id) AS from_failing_runs
  FROM artifacts AS a
  LEFT JOIN artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}') AS failing
    ON failing.id = a.id
 WHERE a.created >= (SELECT date(max(created), '-6 days') FROM artifacts)
 GROUP BY day ORDER BY day;
