-- CREATE EXTENSION prefect's functions on the demo data (tests/pg/suite.sh
-- loads them from the build tree). Output compared with extension.expected.
\pset format unaligned
\pset null '(null)'
\set VERBOSITY terse
SET search_path = public;
-- a body selects rows of the table's own type, in the body's order
SELECT count(*) FROM prefect.artifacts('{"artifacts": {"type": {"any_": ["table", "link"]}}}');
SELECT count(*) FROM prefect.artifacts(NULL) AS a, prefect.artifacts('null') AS b WHERE a.id = b.id;
SELECT name FROM prefect.flows('{"sort": "NAME_DESC", "limit": 3}');
SELECT pg_typeof(r) FROM prefect.flow_runs('{"limit": 1}') AS r;
SELECT count(*) FROM prefect.flow_runs('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "flows": {"name": {"like_": "etl"}}}');
SELECT count(*) FROM prefect.task_runs('{"task_runs": {"tags": {"all_": ["db"]}}, "flow_runs": {"tags": {"any_": ["prod"]}}}');
SELECT count(*) FROM prefect.deployments('{"deployments": {"paused": {"eq_": true}}}');
SELECT key, type FROM prefect.artifact_collections('{"sort": "KEY_ASC", "limit": 2, "offset": 1}');
SELECT level, name FROM prefect.logs('{"logs": {"text": {"query": "+finished -poll-kafka-0"}}, "sort": "TIMESTAMP_DESC", "limit": 2}');
SELECT pg_typeof(r), count(*) FROM prefect.logs('{"logs": {"level": {"ge_": 40}}}') AS r GROUP BY 1;
SELECT name, tags FROM prefect.variables('{"variables": {"tags": {"all_": ["prod"]}}, "sort": "NAME_ASC"}');
SELECT name, type FROM prefect.work_pools('{"limit": 2}');
SELECT name FROM prefect.work_queues('{"work_queues": {"name": {"startswith_": ["E", "M"]}}, "limit": 5}');
SELECT pg_typeof(r), status, count(*) FROM prefect.workers('{"workers": {"status": {"any_": ["ONLINE"]}}}') AS r GROUP BY 1, 2;
-- a query that stops early leaves no cursor open for the next one: in FROM
-- the rows go straight into the function scan's tuplestore, with no cursor;
-- in a SELECT list they stream from one, closed when the query stops
BEGIN;
SELECT count(*) FROM (SELECT id FROM prefect.artifacts('{}') LIMIT 3) AS s;
SELECT count(*) FROM (SELECT id FROM prefect.artifacts('{}') LIMIT 3) AS s;
SELECT count(*) FROM (SELECT prefect.artifacts('{}') LIMIT 3) AS s;
SELECT count(*) FROM (SELECT prefect.artifacts('{}') LIMIT 1001) AS s;
SELECT count(*) FROM pg_cursors;
COMMIT;
-- the same rows either way, past one batch of the cursor (a thousand rows)
SELECT (SELECT count(*) FROM prefect.logs(b)) AS in_from, (SELECT count(*) FROM (SELECT prefect.logs(b)) AS s) AS in_list,
       (SELECT count(*) FROM ((SELECT (x.r).* FROM (SELECT prefect.logs(b) AS r) AS x)
                              EXCEPT ALL (SELECT * FROM prefect.logs(b))) AS d) AS differ
  FROM (VALUES ('{"logs": {"level": {"ge_": 10}}}'::jsonb)) AS v(b);
-- one statement text, each call planned for its own values: a shape asked
-- again with other values, and after more shapes (a text search of 1 to 40
-- words is 40 statements) than the backend keeps plans for
SELECT type, count(*) FROM prefect.artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') GROUP BY 1;
SELECT sum(c.n) FROM generate_series(1, 40) AS g,
  LATERAL (SELECT count(*) AS n FROM prefect.logs(jsonb_build_object('logs',
    jsonb_build_object('text', jsonb_build_object('query', rtrim(repeat('fin ', g))))))) AS c;
SELECT type, count(*) FROM prefect.artifacts('{"artifacts": {"type": {"any_": ["link"]}}}') GROUP BY 1;
SELECT type, count(*) FROM prefect.artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') GROUP BY 1;
-- values are bound, never spliced: a quote is a value like any other
SELECT count(*) FROM prefect.artifacts('{"artifacts": {"key": {"any_": ["x''); DROP TABLE artifact; --"]}}}');
SELECT count(*) > 0 FROM artifact;
-- the collections, each with its function (made from this list when the extension is created)
SELECT c.name, c.table_name, p.prorettype::regtype FROM prefect.collections() AS c
  LEFT JOIN pg_proc AS p ON p.proname = c.name AND p.pronamespace = 'prefect'::regnamespace;
-- the statement
SELECT prefect.filter_sql('flow_runs', '{"flows": {"name": {"any_": ["a"]}}, "limit": 2}');
SELECT prefect.filter_sql('deployments', NULL);
-- a bad body is an error naming its JSON path, SQLSTATE 22023
SELECT * FROM prefect.artifacts('{"artifacts": {"type": {"any_": "table"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM prefect.flow_runs('{"sort": "NAME"}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM prefect.flows('[]');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM prefect.workers('{"sort": "LAST_HEARTBEAT_TIME_DESC"}');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM prefect.logs('{"logs": {"level": {"ge_": "warning"}}}');
\echo :LAST_ERROR_SQLSTATE
SELECT prefect.filter_sql('artefacts', '{}');
\echo :LAST_ERROR_SQLSTATE
