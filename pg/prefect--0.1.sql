-- pg/prefect--0.1.sql: the functions of CREATE EXTENSION prefect, in the
-- schema prefect. Prefect's tables are read where the search path finds
-- them; the functions return the rows of Prefect's tables in public.
\echo Use "CREATE EXTENSION prefect" to load this file. \quit

-- the statement a body gives on PostgreSQL, with its $N placeholders
CREATE FUNCTION filter_sql(table_name text, body jsonb DEFAULT NULL) RETURNS text
  AS 'MODULE_PATHNAME', 'prefect_pg_filter_sql' LANGUAGE C STABLE PARALLEL SAFE;

-- each collection: the rows a body selects, in its order, streamed through
-- a cursor; the function's name is the collection's (one C function). Every
-- table of the SQLite extension has its function here: the suite compares
-- the two lists (tests/pg/test_demo.py --extension)
CREATE FUNCTION artifacts(body jsonb DEFAULT NULL) RETURNS SETOF public.artifact
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION artifact_collections(body jsonb DEFAULT NULL) RETURNS SETOF public.artifact_collection
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION flows(body jsonb DEFAULT NULL) RETURNS SETOF public.flow
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION flow_runs(body jsonb DEFAULT NULL) RETURNS SETOF public.flow_run
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION task_runs(body jsonb DEFAULT NULL) RETURNS SETOF public.task_run
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION deployments(body jsonb DEFAULT NULL) RETURNS SETOF public.deployment
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION logs(body jsonb DEFAULT NULL) RETURNS SETOF public.log
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION variables(body jsonb DEFAULT NULL) RETURNS SETOF public.variable
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION work_pools(body jsonb DEFAULT NULL) RETURNS SETOF public.work_pool
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION work_queues(body jsonb DEFAULT NULL) RETURNS SETOF public.work_queue
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
CREATE FUNCTION workers(body jsonb DEFAULT NULL) RETURNS SETOF public.worker
  AS 'MODULE_PATHNAME', 'prefect_pg_rows' LANGUAGE C STABLE;
