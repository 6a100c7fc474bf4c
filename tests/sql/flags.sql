-- Function flags (pragma_function_list shows them: 0x800 deterministic,
-- 0x80000 direct only, 0x200000 innocuous). What reads the database is
-- neither innocuous nor deterministic, and is direct only: no view or
-- trigger of a schema may call it (a TEMP one, written by the connection
-- itself, may).
.read tests/sql/fixture.sql
.mode list
SELECT name, narg, (flags & 0x800) != 0 AS deterministic, (flags & 0x80000) != 0 AS direct_only,
       (flags & 0x200000) != 0 AS innocuous
  FROM pragma_function_list WHERE name LIKE 'prefect%' ORDER BY name, narg;

-- direct only: refused in a view or trigger of the main schema...
CREATE VIEW api_view AS SELECT prefect_api('POST /flows/count') AS n;
SELECT n FROM api_view;
CREATE VIEW sql_view AS SELECT prefect_filter_sql('artifacts', '{}') AS s;
SELECT s FROM sql_view;
CREATE VIEW filter_view AS SELECT id FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}');
SELECT count(*) FROM filter_view;
CREATE VIEW tree_view AS SELECT id FROM prefect_run_tree('10000000-0000-4000-8000-000000000001');
SELECT count(*) FROM tree_view;
CREATE TABLE audit(x);
CREATE TRIGGER audit_api AFTER INSERT ON audit BEGIN SELECT prefect_api('POST /flows/count'); END;
INSERT INTO audit VALUES (1);
SELECT 'nothing inserted', count(*) FROM audit;
DROP TRIGGER audit_api;
-- ...and in TEMP ones, and at top level, they run
CREATE TEMP VIEW api_temp_view AS SELECT prefect_api('POST /flows/count') AS n;
SELECT 'temp view', n FROM api_temp_view;
CREATE TEMP VIEW tree_temp_view AS SELECT id FROM prefect_run_tree('10000000-0000-4000-8000-000000000001');
SELECT 'temp view on a tree', count(*) FROM tree_temp_view;
SELECT 'top level', prefect_api('POST /flows/count'), (SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"type": {"any_": ["table"]}}}'));
-- innocuous ones run in the schema even when it is not trusted
PRAGMA trusted_schema = OFF;
CREATE VIEW innocuous_view AS SELECT prefect_version() AS v, length(prefect_uuid4()) AS n,
  (SELECT count(*) FROM prefect_table('[[1, 2], [3, 4]]')) AS cells;
SELECT 'innocuous in a view', v = prefect_version(), n, cells FROM innocuous_view;
-- not deterministic: prefect_uuid4() is new on every row
SELECT 'uuid4 per row', count(DISTINCT u) FROM (SELECT prefect_uuid4() AS u FROM artifact);
-- prefect_fields reads only what is compiled in: innocuous, so a view of an untrusted schema may read it
CREATE VIEW fields_view AS SELECT count(*) AS n FROM prefect_fields WHERE collection = 'logs';
SELECT 'prefect_fields in a view', n FROM fields_view;
