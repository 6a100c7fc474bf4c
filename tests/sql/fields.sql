-- prefect_fields: every key a body takes, read from the same descriptions
-- the compiler follows (docs/reference.md is its printout).
.mode list
-- one table's state filter, as a reader looks it up
SELECT path, operator, value_type, filter_class FROM prefect_fields
 WHERE collection = 'flow_runs' AND path LIKE 'flow_runs.state%';
-- the top-level keys of each table, in the order the descriptions give them
SELECT collection, group_concat("key", ' ') FROM (
  SELECT collection, "key", min(rowid) AS r FROM prefect_fields GROUP BY collection, "key" ORDER BY r)
 GROUP BY collection ORDER BY min(r);
-- the sorts, the default first; the tables without a sort key list none
SELECT collection, group_concat(value_type, ' ') FROM prefect_fields WHERE "key" = 'sort' GROUP BY collection
 ORDER BY min(rowid);
SELECT count(*) FROM prefect_fields WHERE collection IN ('work_pools', 'work_queues', 'workers') AND "key" = 'sort';
-- rules the descriptions carry show in the notes
SELECT path, operator, note FROM prefect_fields
 WHERE collection = 'deployments' AND path = 'deployments.concurrency_limit';
SELECT path, operator, note FROM prefect_fields
 WHERE collection = 'task_runs' AND path = 'task_runs.flow_run_id' AND operator = 'is_null_';
SELECT path, operator, value_type FROM prefect_fields WHERE collection = 'logs' AND path = 'logs.text';
SELECT DISTINCT "key", value_type, note FROM prefect_fields WHERE "key" IN ('limit', 'offset', 'page');
-- every path in it is one the tables take: each (path, operator) with a
-- value of its type compiles for its collection
SELECT count(*) FROM prefect_fields;
SELECT count(*) FROM prefect_fields AS f
 WHERE f.operator IS NOT NULL AND f.operator != 'operator'
   AND prefect_filter_sql(f.collection, json_set('{}', '$.' || f.path || '.' || f.operator,
         CASE WHEN f.value_type IN ('list of UUID', 'list of string') THEN json('[]')
           WHEN f.value_type LIKE 'list of state type (%' THEN json('["FAILED"]')
           WHEN f.value_type LIKE 'list of worker status (%' THEN json('["ONLINE"]')
           WHEN f.value_type = 'boolean' THEN json('true') WHEN f.value_type = 'datetime' THEN '2024-01-01T00:00:00Z'
           WHEN f.value_type = 'integer' THEN 1 ELSE 'x' END)) IS NOT NULL;
SELECT count(*) FROM prefect_fields WHERE operator IS NOT NULL AND operator != 'operator';
SELECT count(*) FROM prefect_fields
 WHERE operator = 'operator'
   AND prefect_filter_sql(collection, json_set('{}', '$.' || path || '.operator', 'or_')) IS NOT NULL;
SELECT count(*) FROM prefect_fields WHERE operator = 'operator';
SELECT count(*) FROM prefect_fields
 WHERE "key" = 'sort' AND prefect_filter_sql(collection, json_object('sort', json_extract(value_type, '$'))) IS NOT NULL;
SELECT count(*) FROM prefect_fields WHERE "key" = 'sort';
-- a name in it compiles too: an operator path that is not in it does not
SELECT prefect_filter_sql('flow_runs', '{"flow_runs": {"state": {"type": {"all_": []}}}}');
-- the argument picks one table (any case), as WHERE collection = ... does; NULL: no rows
SELECT count(*), only FROM prefect_fields('LOGS');
SELECT (SELECT count(*) FROM prefect_fields('flow_runs')) = (SELECT count(*) FROM prefect_fields WHERE collection = 'flow_runs');
SELECT count(*) FROM prefect_fields(NULL);
SELECT t.name, count(f.path) FROM (SELECT 'workers' AS name UNION ALL SELECT 'variables') AS t, prefect_fields(t.name) AS f
 GROUP BY t.name ORDER BY t.name;
SELECT count(*) FROM prefect_fields('log');
-- it reads no database and is not a table of one
CREATE VIRTUAL TABLE f USING prefect_fields;
