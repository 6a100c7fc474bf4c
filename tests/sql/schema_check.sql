-- What is wrong with the database, said once and clearly: no bare "no such
-- table". Loading never looks at the schema; the check runs only when SQLite
-- refuses one of our statements, so tables made or attached later are seen.
.mode list
-- no Prefect table at all: every entry point asks whether this is a Prefect database
SELECT count(*) FROM artifacts;
SELECT count(*) FROM flow_runs('{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}');
SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{"flow_runs": {}}') OR key = 'x';
SELECT prefect_api('POST /flow_runs/filter', '{}');
SELECT prefect_api('POST /work_pools/p/workers/filter', '{}');
SELECT count(*) FROM flow_run_history('{"history_start": "2024-01-01T00:00:00Z", "history_end": "2024-01-02T00:00:00Z", "history_interval_seconds": 3600}');
SELECT count(*) FROM prefect_run_tree('a0000000-0000-4000-8000-000000000001');
INSERT INTO artifacts (key, type, data) VALUES ('k', 'markdown', '"x"');
-- compiling needs no table
SELECT prefect_filter_sql('logs', '{}') IS NOT NULL;
-- the tables made after loading are found
.read sql/schema.sql
SELECT count(*) FROM artifacts;
SELECT prefect_api('POST /flow_runs/count', '{}');
-- an older schema: a table added later is missing
DROP TABLE artifact_collection;
SELECT count(*) FROM artifact_collections;
SELECT prefect_api('POST /artifacts/latest/count', '{}');
INSERT INTO artifacts (key, type, data) VALUES ('k', 'markdown', '"x"');
SELECT count(*) FROM artifacts;
-- a column added later is missing: queries that do not read it still answer
ALTER TABLE flow_run DROP COLUMN job_variables;
SELECT count(*) FROM flow_runs;
SELECT count(*) FROM artifacts('{"flow_runs": {"name": {"any_": ["x"]}}}');
SELECT job_variables FROM flow_runs;
SELECT prefect_api('POST /flow_runs/filter', '{}');
ALTER TABLE deployment DROP COLUMN labels;
SELECT count(*) FROM deployments('{"flows": {}}');
SELECT labels FROM deployments;
ALTER TABLE task_run DROP COLUMN flow_run_run_count;
SELECT flow_run_run_count FROM task_runs;
-- several tables gained "labels": the alias in the refused statement says which
ALTER TABLE flow DROP COLUMN labels;
SELECT prefect_api('POST /flows/filter', '{}');
SELECT prefect_api('POST /flow_runs/filter', '{}');
-- a table every release has, missing while others are there
DROP TABLE log;
SELECT count(*) FROM logs;
-- a column that came with its table, missing from a hand-made table
DROP TABLE variable;
CREATE TABLE variable (id CHAR(36), created DATETIME, updated DATETIME, name VARCHAR, tags JSON);
SELECT value FROM variables;
-- a write names the column it could not fill
ALTER TABLE artifact DROP COLUMN description;
INSERT INTO artifacts (key, type, data) VALUES ('k', 'markdown', '"x"');
-- the key too: a write names it rather than take "key" for a string
DROP INDEX ix_artifact__key;
DROP INDEX ix_artifact__key_created_desc;
ALTER TABLE artifact DROP COLUMN key;
INSERT INTO artifacts (key, type, data) VALUES ('k', 'markdown', '"x"');
SELECT count(*) FROM artifact;
-- what is not a missing piece of Prefect's schema keeps SQLite's message
SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"key": {"like_": 1}}}');
