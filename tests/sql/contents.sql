-- prefect_table(data): the cells of table artifacts; prefect_run_tree(id):
-- a run and all its subflow runs.
.read tests/sql/fixture.sql
.mode list
-- the three shapes, as Prefect's client stores them (JSON text in a JSON string)
SELECT 'columns', group_concat(row || ':' || col || '=' || quote(value), ' ') FROM prefect_table(json_quote('{"a": [1, 2.5], "b": ["x", null]}'));
SELECT 'row objects', group_concat(row || ':' || col || '=' || quote(value), ' ') FROM prefect_table(json_quote('[{"a": 1, "b": 3}, {"a": 2, "c": true}]'));
SELECT 'row lists', group_concat(row || ':' || col || '=' || quote(value), ' ') FROM prefect_table(json_quote('[[1, 3], [2, 4, 6]]'));
SELECT 'stored unquoted', group_concat(row || ':' || col || '=' || quote(value), ' ') FROM prefect_table('{"a": [1]}');
SELECT 'ragged columns', group_concat(row || ':' || col || '=' || quote(value), ' ') FROM prefect_table(json_quote('{"a": [1, 2, 3], "b": [4]}'));
SELECT 'nested values are JSON', group_concat(col || '=' || value || ':' || typeof(value), ' ') FROM prefect_table(json_quote('[{"a": [1, 2], "b": {"c": "d"}}]'));
SELECT 'row_json', group_concat(DISTINCT row_json) FROM prefect_table(json_quote('{"a": [1, 2], "b": [3, 4]}'));
SELECT 'row_json of lists', group_concat(DISTINCT row_json) FROM prefect_table(json_quote('[[1, "x"]]'));
SELECT 'json_extract on row_json', group_concat(json_extract(row_json, '$.b'), ' ') FROM (SELECT DISTINCT row, row_json FROM prefect_table(json_quote('{"a": [1, 2], "b": [3, 4]}')) ORDER BY row);
-- empty tables and data that is not a table: no rows
SELECT 'empty', (SELECT count(*) FROM prefect_table(json_quote('[]'))), (SELECT count(*) FROM prefect_table(json_quote('{}'))), (SELECT count(*) FROM prefect_table(json_quote('[[]]')));
SELECT 'not tables', (SELECT count(*) FROM prefect_table('"# Orders report"')), (SELECT count(*) FROM prefect_table('"https://example.com"')),
  (SELECT count(*) FROM prefect_table(42)), (SELECT count(*) FROM prefect_table('{"storage_key": "s3://x"}')),
  (SELECT count(*) FROM prefect_table('null')), (SELECT count(*) FROM prefect_table(NULL)), (SELECT count(*) FROM prefect_table('"[1, 2"')),
  (SELECT count(*) FROM prefect_table('[1, 2]')), (SELECT count(*) FROM prefect_table('[{"a": 1}, [2]]')), (SELECT count(*) FROM prefect_table('not json'));
SELECT count(*) FROM prefect_table('"# Orders report"', 'strict');
SELECT 'strict on a table', count(*) FROM prefect_table(json_quote('[[1]]'), 'STRICT');
SELECT count(*) FROM prefect_table('[[1]]', 'lenient');
SELECT count(*) FROM prefect_table;
-- over the artifacts table, as docs/tables.md shows it
SELECT 'all table artifacts', group_concat(substr(id, -2) || ':' || row || col || '=' || value, ' ')
  FROM (SELECT a.id, t.row, t.col, t.value FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') AS a, prefect_table(a.data) AS t
         ORDER BY a.id DESC, t.row, t.col);

-- run trees: run 01 -> (task 01) -> run 04 -> (task 10) -> run 06 -> (task 11) -> run 07
INSERT INTO task_run (id, name, flow_run_id, state_type, tags, task_key, dynamic_key, total_run_time) VALUES
 ('20000000-0000-4000-8000-000000000010', 'spawn', '10000000-0000-4000-8000-000000000004', 'COMPLETED', '[]', 'spawn', '0', '1970-01-01 00:00:00.000000'),
 ('20000000-0000-4000-8000-000000000011', 'spawn', '10000000-0000-4000-8000-000000000006', 'COMPLETED', '[]', 'spawn', '0', '1970-01-01 00:00:00.000000');
INSERT INTO flow_run (id, name, flow_id, state_type, tags, total_run_time, parent_task_run_id) VALUES
 ('10000000-0000-4000-8000-000000000006', 'deep-six', 'f0000000-0000-4000-8000-000000000003', 'RUNNING', '[]', '1970-01-01 00:00:00.000000', '20000000-0000-4000-8000-000000000010'),
 ('10000000-0000-4000-8000-000000000007', 'deep-seven', 'f0000000-0000-4000-8000-000000000003', 'FAILED', '[]', '1970-01-01 00:00:00.000000', '20000000-0000-4000-8000-000000000011'),
 ('10000000-0000-4000-8000-000000000008', 'orphan', 'f0000000-0000-4000-8000-000000000003', NULL, '[]', '1970-01-01 00:00:00.000000', '20000000-0000-4000-8000-000000000099');
SELECT 'tree of run 01', group_concat(substr(id, -2) || '<' || coalesce(substr(parent_id, -2), '-') || '@' || depth || ':' || name || ':' || coalesce(state_type, '-'), ' ') FROM prefect_run_tree('10000000-0000-4000-8000-000000000001');
SELECT 'tree of run 06', group_concat(substr(id, -2) || '@' || depth, ' ') FROM prefect_run_tree('10000000-0000-4000-8000-000000000006');
SELECT 'a leaf', group_concat(substr(id, -2) || '@' || depth, ' ') FROM prefect_run_tree('{10000000-0000-4000-8000-000000000007}');
SELECT 'a dangling parent link is survived', group_concat(substr(id, -2) || '@' || depth, ' ') FROM prefect_run_tree('10000000-0000-4000-8000-000000000008');
SELECT 'no such run', count(*) FROM prefect_run_tree('10000000-0000-4000-8000-000000000099');
-- the argument is read as Prefect reads a run id: any accepted spelling, and
-- anything else is an error (never an empty tree); NULL is no rows, as in SQL
SELECT 'spellings', (SELECT count(*) FROM prefect_run_tree('10000000000040008000000000000006')),
  (SELECT count(*) FROM prefect_run_tree('urn:uuid:10000000-0000-4000-8000-000000000006'));
SELECT 'sql null', count(*) FROM prefect_run_tree(NULL);
SELECT 'the hidden column is the argument', group_concat(root || '>' || substr(id, -2), ' ') FROM prefect_run_tree('{10000000-0000-4000-8000-000000000006}');
SELECT 'null from a join', count(*) FROM (SELECT NULL AS r UNION ALL SELECT '10000000-0000-4000-8000-000000000007') AS x, prefect_run_tree(x.r);
SELECT 'not an id', count(*) FROM prefect_run_tree('nope');
SELECT 'not an id', count(*) FROM prefect_run_tree('10000000-0000-4000-8000-00000000000');
SELECT 'not an id', count(*) FROM prefect_run_tree('URN:UUID:10000000-0000-4000-8000-000000000006');
SELECT 'not text', count(*) FROM prefect_run_tree(42);
SELECT 'a blob', count(*) FROM prefect_run_tree(CAST('10000000-0000-4000-8000-000000000006' AS BLOB));
SELECT 'from a join', count(*) FROM (SELECT '10000000-0000-4000-8000-000000000007' AS r UNION ALL SELECT 'nope') AS x, prefect_run_tree(x.r);
SELECT 'two arguments', count(*) FROM prefect_run_tree('10000000-0000-4000-8000-000000000006', 2);
-- a cycle (run 01 made a subflow of run 07): bounded, each run once
INSERT INTO task_run (id, name, flow_run_id, state_type, tags, task_key, dynamic_key, total_run_time) VALUES
 ('20000000-0000-4000-8000-000000000012', 'loop', '10000000-0000-4000-8000-000000000007', 'COMPLETED', '[]', 'loop', '0', '1970-01-01 00:00:00.000000');
UPDATE flow_run SET parent_task_run_id = '20000000-0000-4000-8000-000000000012' WHERE id = '10000000-0000-4000-8000-000000000001';
SELECT 'cycle', group_concat(substr(id, -2) || '@' || depth, ' ') FROM prefect_run_tree('10000000-0000-4000-8000-000000000004');
-- every artifact of a run tree: one join; and the same as a body
SELECT 'artifacts of the tree', group_concat(substr(a.id, -2), ' ') FROM (SELECT a.id FROM prefect_run_tree('10000000-0000-4000-8000-000000000004') AS t JOIN artifacts AS a ON a.flow_run_id = t.id ORDER BY a.id) AS a;
SELECT 'as a body', group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifacts((SELECT json_object('flow_runs', json_object('id', json_object('any_', json_group_array(id)))) FROM prefect_run_tree('10000000-0000-4000-8000-000000000004'))) ORDER BY id DESC);
SELECT count(*) FROM prefect_run_tree;
