-- pg/prefect--0.1.sql: the functions of CREATE EXTENSION prefect, in the
-- schema prefect. Prefect's tables are read where the search path finds
-- them; the functions return the rows of Prefect's tables in public.
\echo Use "CREATE EXTENSION prefect" to load this file. \quit

-- the statement a body gives on PostgreSQL, with its $N placeholders
CREATE FUNCTION filter_sql(table_name text, body jsonb DEFAULT NULL) RETURNS text
  AS 'MODULE_PATHNAME', 'prefect_pg_filter_sql' LANGUAGE C STABLE PARALLEL SAFE;

-- the API's answer for a route and body, as prefect_api() gives it on
-- SQLite; NULL where Prefect answers 404. Reads the database, and its
-- "now" is the setting prefect.now or the transaction's start, as now()
-- and current_setting() are: STABLE
CREATE FUNCTION api(route text, body jsonb DEFAULT NULL) RETURNS jsonb
  AS 'MODULE_PATHNAME', 'prefect_pg_api' LANGUAGE C STABLE;

-- the collections the compiler describes (ext/describe.c), each with the
-- table whose rows it returns
CREATE FUNCTION collections(OUT name text, OUT table_name text) RETURNS SETOF record
  AS 'MODULE_PATHNAME', 'prefect_pg_collections' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- each collection: prefect.<name>(body jsonb) RETURNS SETOF public.<table>,
-- the rows a body selects, in its order, streamed through a cursor. Made
-- from the list above, so that every table of the SQLite extension has its
-- function here and no list is kept twice; one C function answers them all,
-- by the name it is called by. (Made inside the extension's script, they
-- belong to the extension: DROP EXTENSION drops them.)
DO $make$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT * FROM collections() LOOP
    EXECUTE format('CREATE FUNCTION %I(body jsonb DEFAULT NULL) RETURNS SETOF public.%I '
                   'AS %L, %L LANGUAGE C STABLE', c.name, c.table_name, 'MODULE_PATHNAME', 'prefect_pg_rows');
  END LOOP;
END
$make$;
