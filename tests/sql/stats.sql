-- The statistics follow sqlite_stat1 on the same connection: a later
-- ANALYZE, or a hand edit of sqlite_stat1, takes effect at the next compile
-- once it is committed, without reopening. The shape of a related filter
-- under a LIMIT on an indexed order shows them (see planner.sql): IN starts
-- from the related rows (narrow), EXISTS walks the sort's index (broad). How
-- narrow deployment_id is comes from sqlite_stat1 (no statistics: narrow).
.read tests/sql/fixture.sql
.mode list
CREATE TEMP TABLE q(body);
INSERT INTO q VALUES ('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}');
CREATE TEMP VIEW shape AS
  SELECT CASE WHEN instr(s, 'EXISTS (SELECT 1 FROM flow_run') THEN 'EXISTS' WHEN instr(s, 'a.flow_run_id IN (SELECT fr') THEN 'IN' END AS shape
    FROM (SELECT prefect_filter_sql('artifacts', body) AS s FROM q);
SELECT 'no statistics', shape FROM shape;
ANALYZE;
SELECT 'after ANALYZE: 2 of 5 runs per deployment', shape FROM shape;
SELECT 'again, nothing changed', shape FROM shape;
UPDATE sqlite_stat1 SET stat = '100000 1' WHERE idx = 'ix_flow_run__deployment_id';
SELECT 'sqlite_stat1 edited: 1 run in 100000', shape FROM shape;
-- inside a transaction, a change is seen once it commits
BEGIN;
UPDATE sqlite_stat1 SET stat = '5 2' WHERE idx = 'ix_flow_run__deployment_id';
SELECT 'edited, not committed', shape FROM shape;
COMMIT;
SELECT 'committed', shape FROM shape;
DROP TABLE sqlite_stat1;
SELECT 'sqlite_stat1 dropped', shape FROM shape;
ANALYZE;
SELECT 'analyzed again', shape FROM shape;

-- the tables and prefect_api() compile with the same statistics. The
-- statements a table prepares stay in its cache, and sqlite_stmt lists
-- them: a body compiled after the ANALYZE gets the EXISTS shape. (The
-- pattern is built so that this statement's own text does not match.)
DROP TABLE sqlite_stat1;
CREATE TEMP VIEW cached AS
  SELECT sum(instr(sql, 'EXISTS (SELECT 1 FROM ' || 'flow_run') > 0) AS exists_shape,
         sum(instr(sql, 'a.flow_run_id IN (SELECT ' || 'fr') > 0) AS in_shape
    FROM sqlite_stmt WHERE sql LIKE 'SELECT%' || 'FROM artifact AS a%';
SELECT 'table, no statistics', count(*) FROM artifacts('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}');
SELECT 'cached: EXISTS, IN', exists_shape, in_shape FROM cached;
ANALYZE;
SELECT 'table, after ANALYZE', count(*) FROM artifacts('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000002"]}}, "sort": "KEY_ASC", "limit": 20}');
SELECT 'cached: EXISTS, IN', exists_shape, in_shape FROM cached;
-- the first body again: its compiled query is kept (memo), but its shape came
-- from statistics that moved, so it is compiled again: the IN statement is
-- not run any more, the EXISTS one is
CREATE TEMP VIEW runs AS
  SELECT sum(CASE WHEN instr(sql, 'EXISTS (SELECT 1 FROM ' || 'flow_run') > 0 THEN run END) AS exists_runs,
         sum(CASE WHEN instr(sql, 'a.flow_run_id IN (SELECT ' || 'fr') > 0 THEN run END) AS in_runs
    FROM sqlite_stmt WHERE sql LIKE 'SELECT%' || 'FROM artifact AS a%';
CREATE TEMP TABLE runs_before AS SELECT * FROM runs;
SELECT 'memo after ANALYZE', count(*) FROM artifacts('{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, "sort": "KEY_ASC", "limit": 20}');
SELECT 'runs since: EXISTS, IN', r.exists_runs - b.exists_runs, r.in_runs - b.in_runs FROM runs AS r, runs_before AS b;
SELECT 'prefect_api, after ANALYZE', json_array_length(prefect_api('POST /artifacts/filter', (SELECT body FROM q)));

-- Without a LIMIT, a related filter over the many side of its link (flows ->
-- flow_runs) weighs the tables' sizes: IN gathers the related rows that
-- pass, EXISTS probes each primary row's. The sizes are sqlite_stat1's, or
-- without it the tables' largest rowids, read again once the database
-- changed. The rows are the same either way.
DROP TABLE sqlite_stat1;
CREATE TEMP TABLE fq(body);
INSERT INTO fq VALUES ('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}');
CREATE TEMP VIEW flows_shape AS
  SELECT CASE WHEN instr(s, 'EXISTS (SELECT 1 FROM flow_run') THEN 'EXISTS' WHEN instr(s, 'fl.id IN (SELECT fr') THEN 'IN' END AS shape,
         (SELECT count(*) FROM flows(fq.body)) AS n,
         json_extract(prefect_api('POST /flows/paginate', json_set(fq.body, '$.limit', 0)), '$.count') AS api_count
    FROM fq, (SELECT prefect_filter_sql('flows', body) AS s FROM fq);
SELECT 'flows 3, runs 5', * FROM flows_shape;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 200)
INSERT INTO flow_run (id, name, flow_id, state_type) SELECT printf('70000000-0000-4000-8000-%012d', i), 'many-' || i,
  (SELECT id FROM flow ORDER BY id LIMIT 1), 'COMPLETED' FROM k;
SELECT 'flows 3, runs 205', * FROM flows_shape;
SELECT 'a narrow filter', CASE WHEN instr(prefect_filter_sql('flows', '{"flow_runs": {"id": {"any_": ["70000000-0000-4000-8000-000000000001"]}}}'), 'fl.id IN (SELECT fr') THEN 'IN' ELSE 'EXISTS' END;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 1000)
INSERT INTO flow (id, name) SELECT printf('71000000-0000-4000-8000-%012d', i), 'flow-many-' || i FROM k;
SELECT 'flows 1003, runs 205', * FROM flows_shape;
ANALYZE;
SELECT 'sqlite_stat1 again', * FROM flows_shape;
