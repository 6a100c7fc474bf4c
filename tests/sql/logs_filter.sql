-- logs(): POST /logs/filter. Prefect's own log tests (models/test_logs.py,
-- api/test_logs_text_search.py) on their fixture, with fixed ids and times,
-- and the text-search edge cases. Expected answers: the rows Prefect's
-- assertions name, stated exactly by hand from the rows below (the text is
-- lower(message || ' ' || name) with ASCII-only lower(); a term is lowered
-- by Python and matched with LIKE '%term%', ASCII case-insensitive).
-- Lines print the last two digits of the log ids, in the order returned.
.read tests/sql/fixture.sql
.mode list

-- Prefect's text-search fixture (its logs 0..7 are 01..08, one hour apart,
-- newest first), and two more for the edge cases.
INSERT INTO log (id, name, level, flow_run_id, task_run_id, message, timestamp) VALUES
 ('90000000-0000-4000-8000-000000000001', 'prefect.flow_runs', 40, '10000000-0000-4000-8000-000000000001', NULL, 'Flow run failed with connection timeout', '2026-01-01 12:00:00.000000'),
 ('90000000-0000-4000-8000-000000000002', 'prefect.task_runs', 40, '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'Task failed to process data due to network error', '2026-01-01 11:00:00.000000'),
 ('90000000-0000-4000-8000-000000000003', 'prefect.flow_runs', 10, '10000000-0000-4000-8000-000000000001', NULL, 'Debug: Starting flow execution in test environment', '2026-01-01 10:00:00.000000'),
 ('90000000-0000-4000-8000-000000000004', 'prefect.deployments', 20, '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002', 'Successfully deployed to production environment', '2026-01-01 09:00:00.000000'),
 ('90000000-0000-4000-8000-000000000005', 'prefect.workers', 30, '10000000-0000-4000-8000-000000000001', NULL, 'Warning: high memory usage detected', '2026-01-01 08:00:00.000000'),
 ('90000000-0000-4000-8000-000000000006', 'prefect.flow_runs', 40, '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000003', 'Unable to connect to database server', '2026-01-01 07:00:00.000000'),
 ('90000000-0000-4000-8000-000000000007', 'prefect.フロー実行', 40, '10000000-0000-4000-8000-000000000002', NULL, 'データベース接続エラーが発生しました', '2026-01-01 06:00:00.000000'),
 ('90000000-0000-4000-8000-000000000008', 'prefect.déploiements', 40, '10000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001', 'Erreur de connexión à la base de données', '2026-01-01 05:00:00.000000'),
 ('90000000-0000-4000-8000-000000000009', 'prefect.ÉCHEC', 50, NULL, NULL, 'ÉCHEC total: Résumé 100% done_ok', '2026-01-01 04:00:00.000000'),
 ('90000000-0000-4000-8000-000000000010', 'prefect.x', 20, NULL, NULL, 'a "quoted -minus" text', '2026-01-01 03:00:00.000000');

-- Prefect's text-search tests (each asserts that every row has the term;
-- here the exact rows)
SELECT 'error', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "error"}}, "limit": 100}'));
SELECT 'error success (OR)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "error success"}}, "limit": 100}'));
SELECT 'flow -debug', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "flow -debug"}}, "limit": 100}'));
SELECT 'flow !test', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "flow !test"}}, "limit": 100}'));
SELECT 'phrase', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "\"connection timeout\""}}, "limit": 100}'));
SELECT 'flow -phrase', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "flow -\"connection timeout\""}}, "limit": 100}'));
SELECT 'FAILED (case)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "FAILED"}}, "limit": 100}'));
SELECT 'database (message)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "database"}}, "limit": 100}'));
SELECT 'deployments (logger name)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "deployments"}}, "limit": 100}'));
SELECT 'combined', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "flow error -debug -\"connection timeout\""}}, "limit": 100}'));
SELECT 'empty query = no filter', (SELECT count(*) FROM logs('{"logs": {"text": {"query": ""}}}')), (SELECT count(*) FROM logs('{"logs": {}}'));
SELECT 'no match', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "nonexistentterm12345"}}}'));
SELECT 'flow and level ge_ 30', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "flow"}, "level": {"ge_": 30}}, "limit": 100}'));
SELECT 'Japanese', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "フロー実行"}}, "limit": 100}'));
SELECT 'accented', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "connexión"}}, "limit": 100}'));

-- edge cases, derived by hand
SELECT 'ÉCHEC: term lowered to échec, text keeps É', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "ÉCHEC"}}}'));
SELECT 'RÉSUMÉ: term lowered to résumé', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "RÉSUMÉ"}}, "limit": 100}'));
SELECT 'echec (ASCII e) misses É', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "echec"}}}'));
SELECT '% and _ are wildcards', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "100% done%ok d_ne"}}, "limit": 100}'));
SELECT 'phrase with a minus inside', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "\"quoted -minus\""}}, "limit": 100}'));
SELECT 'quoted -minus is included', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "\"-minus\""}}, "limit": 100}'));
SELECT '-minus excludes', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "-minus"}}}'));
SELECT 'a term that is only -', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "-"}}}'));
SELECT 'x - (the lone - dropped)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "x -"}}, "limit": 100}'));
SELECT '+flow +runs', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "+flow +runs"}}, "limit": 100}'));
SELECT 'error +task', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "error +task"}}, "limit": 100}'));
SELECT 'or_: level or text', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"operator": "or_", "level": {"ge_": 50}, "text": {"query": "deployments"}}, "limit": 100}'));
SELECT 'or_: a blank query adds nothing', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"operator": "or_", "level": {"ge_": 50}, "text": {"query": "  "}}, "limit": 100}'));
SELECT 'or_: an empty member is TRUE', (SELECT count(*) FROM logs('{"logs": {"operator": "or_", "level": {"ge_": 50}, "timestamp": {}}}'));
SELECT 'or_: exclusions are their own criterion', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"operator": "or_", "level": {"ge_": 50}, "text": {"query": "-flow"}}, "limit": 100}'));
SELECT 'text null', (SELECT count(*) FROM logs('{"logs": {"text": null}}'));
SELECT '200 characters', (SELECT count(*) FROM logs(json_object('logs', json_object('text', json_object('query', replace(hex(zeroblob(200)), '00', 'é'))))));

-- Prefect's model tests: timestamps inclusive, run ids, is_null_
SELECT 'timestamp after_ (inclusive)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"timestamp": {"after_": "2026-01-01T09:00:00Z"}}, "sort": "TIMESTAMP_ASC"}'));
SELECT 'timestamp before_ (inclusive)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"timestamp": {"before_": "2026-01-01T07:00:00+02:00"}}, "sort": "TIMESTAMP_ASC"}'));
SELECT 'flow_run_id', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000002"]}}, "limit": 100}'));
SELECT 'task_run_id', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"task_run_id": {"any_": ["20000000000040008000000000000001"]}}, "limit": 100}'));
SELECT 'task_run_id is_null_', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"task_run_id": {"is_null_": true}}, "limit": 100}'));
SELECT 'task_run_id is not null', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"task_run_id": {"is_null_": false}}, "limit": 100}'));
SELECT 'level ge_ le_ (lax "20")', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"level": {"ge_": "20", "le_": 30}}, "limit": 100}'));
SELECT 'TIMESTAMP_DESC limit 3', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"sort": "TIMESTAMP_DESC", "limit": 3}'));
SELECT 'offset 8 (default TIMESTAMP_ASC)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"offset": 8}'));
SELECT 'SQL around the body', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM logs('{"logs": {"level": {"ge_": 40}}}') WHERE flow_run_id = '10000000-0000-4000-8000-000000000001' ORDER BY timestamp DESC LIMIT 2));
SELECT 'prefect_filter', (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM logs WHERE prefect_filter(logs, '{"logs": {"text": {"query": "flow"}}}') OR level = 50 ORDER BY timestamp));

-- Prefect's index on (flow_run_id, timestamp) answers one run's logs in order
SELECT prefect_filter_sql('logs', '{"logs": {"flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}, "limit": 5}');
EXPLAIN QUERY PLAN SELECT lg.id, lg.created, lg.updated, lg.name, lg.level, lg.message, lg."timestamp", lg.flow_run_id, lg.task_run_id, lg.rowid AS prefect_rowid FROM log AS lg WHERE lg.flow_run_id IN ('10000000-0000-4000-8000-000000000001') ORDER BY lg."timestamp" ASC LIMIT 5;
EXPLAIN QUERY PLAN SELECT * FROM logs WHERE flow_run_id = '10000000-0000-4000-8000-000000000001' ORDER BY timestamp;

-- errors name the JSON path
SELECT * FROM logs('{"logs": {"text": {}}}');
SELECT * FROM logs('{"logs": {"text": {"query": null}}}');
SELECT * FROM logs('{"logs": {"text": {"query": "x", "mode": "all"}}}');
SELECT * FROM logs(json_object('logs', json_object('text', json_object('query', replace(hex(zeroblob(201)), '00', 'a')))));
SELECT * FROM logs('{"logs": {"name": {"any_": ["prefect.flow_runs"]}}}');
SELECT * FROM logs('{"logs": {"level": {"ge_": 2.5}}}');
SELECT * FROM logs('{"sort": "ID_DESC"}');
SELECT * FROM logs('{"flow_runs": {}}');
DELETE FROM logs;
