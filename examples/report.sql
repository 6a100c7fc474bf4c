-- The report `make demo` prints: what a data engineer asks a Prefect
-- database, each answer through the same filter documents the API takes.
-- Run: sqlite3 dist/demo.db < examples/report.sql
.load dist/prefect
.mode table
.headers on

.print '== Artifacts by type (POST /artifacts/count, one body per type) =='
SELECT type, (SELECT count(*) FROM artifacts(json_object('artifacts', json_object('type', json_object('any_', json_array(t.type)))))) AS artifacts
  FROM (SELECT DISTINCT type FROM artifact WHERE type IS NOT NULL ORDER BY type) AS t;

.print ''
.print '== Keyed artifacts from failed or crashed runs, newest first (POST /artifacts/filter) =='
SELECT a.key, a.type, substr(a.created, 1, 19) AS created, r.name AS flow_run, r.state_name AS state
  FROM artifacts('{"artifacts": {"key": {"exists_": true}},
                   "flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
                   "sort": "CREATED_DESC", "limit": 6}') AS a
  JOIN flow_runs AS r ON r.id = a.flow_run_id;

.print ''
.print '== Latest version of each key, by the state of the run that wrote it (POST /artifacts/latest/count) =='
SELECT state_type AS run_state, keys
  FROM (SELECT s.state_type,
               (SELECT count(*) FROM artifact_collections(json_object('flow_runs', json_object('state',
                  json_object('type', json_object('any_', json_array(s.state_type))))))) AS keys
          FROM (SELECT DISTINCT state_type FROM flow_run WHERE state_type IS NOT NULL) AS s)
 WHERE keys > 0 ORDER BY keys DESC, run_state;

.print ''
.print '== Newest report artifacts (key like "report"), with their flow and run state =='
SELECT a.key, substr(a.created, 1, 19) AS created, f.name AS flow, fr.name AS flow_run, fr.state_name AS state
  FROM artifacts('{"artifacts": {"key": {"like_": "report"}}, "sort": "CREATED_DESC", "limit": 6}') AS a
  JOIN flow_run AS fr ON fr.id = a.flow_run_id
  JOIN flow AS f ON f.id = fr.flow_id;

.print ''
.print '== Table artifacts per deployment (deployments filter, SQL GROUP BY around it) =='
SELECT f.name || '/' || d.name AS deployment, count(*) AS table_artifacts
  FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}, "deployments": {}}') AS a
  JOIN flow_run AS fr ON fr.id = a.flow_run_id
  JOIN deployment AS d ON d.id = fr.deployment_id
  JOIN flow AS f ON f.id = d.flow_id
 GROUP BY deployment ORDER BY table_artifacts DESC, deployment LIMIT 8;

.print ''
.print '== Artifacts of runs tagged "prod" that are not markdown, per day (last 7 days of data) =='
SELECT substr(created, 1, 10) AS day, count(*) AS artifacts
  FROM artifacts('{"flow_runs": {"tags": {"all_": ["prod"]}}, "artifacts": {"type": {"not_any_": ["markdown"]}}}')
 GROUP BY day ORDER BY day DESC LIMIT 7;

.print ''
.print '== Logs: ERROR lines per day (last 5 days of data), and the newest ones mentioning "bad input" =='
SELECT substr(timestamp, 1, 10) AS day, count(*) AS errors
  FROM logs('{"logs": {"level": {"ge_": 40}}}')
 GROUP BY day ORDER BY day DESC LIMIT 5;
SELECT timestamp, name AS logger, substr(message, 1, 60) AS message
  FROM logs('{"logs": {"level": {"ge_": 40}, "text": {"query": "\"bad input\" -crash"}}, "sort": "TIMESTAMP_DESC", "limit": 3}');
