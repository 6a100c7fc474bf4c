-- Hostile and odd input: values are data, never SQL; Prefect's literal
-- matches stay literal; limits fail clearly or work; a schema missing
-- what a query needs is named.
.read tests/sql/fixture.sql
.mode list
INSERT INTO artifact (id, created, updated, "key", type, data, metadata_) VALUES
 ('a0000000-0000-4000-8000-000000000021', '2026-03-01 00:00:00.000000', '2026-03-01 00:00:00.000000', 'pct%key', 'x''); DROP TABLE artifact; --', 'null', 'null'),
 ('a0000000-0000-4000-8000-000000000022', '2026-03-02 00:00:00.000000', '2026-03-02 00:00:00.000000', 'back\slash', 'markdown', 'null', 'null'),
 ('a0000000-0000-4000-8000-000000000023', '2026-03-03 00:00:00.000000', '2026-03-03 00:00:00.000000', 'nul' || char(0) || 'key', 'markdown', 'null', 'null');
SELECT 'quote and comment in any_', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"type": {"any_": ["x''); DROP TABLE artifact; --"]}}}');
SELECT 'still there', count(*) FROM artifact;
SELECT 'like_ % is a wildcard (Prefect does not escape)', count(*) FROM artifacts('{"artifacts": {"key": {"like_": "%"}}}');
SELECT 'like_ % inside a value', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "t%k"}}}');
SELECT 'like_ _ matches one character', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "pct_key"}}}');
SELECT 'like_ backslash is an ordinary character', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "k\\s"}}}');
SELECT 'any_ is exact: % is not a wildcard there', count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["%", "pct_key"]}}}');
-- a NUL byte (\u0000) is data like any other: Prefect binds any_ values one
-- by one and matches literally; json_each would end the string there, so
-- such a list is bound value by value too
SELECT 'NUL in an any_ value: literal match', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"any_": ["nul\u0000key"]}}}');
SELECT 'NUL: no truncated match', count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["nul"]}}}');
SELECT 'NUL in like_', group_concat(substr(id, -2), ' ') FROM artifacts('{"artifacts": {"key": {"like_": "l\u0000k"}}}');
-- SQLite's own limit on LIKE patterns (50,000 bytes by default) applies
SELECT 'a long value', count(*) FROM artifacts(json_object('artifacts', json_object('key', json_object('like_', printf('%.*c', 100000, 'k')))));
SELECT 'a list of 100,000 ids', count(*) FROM artifacts((SELECT json_object('artifacts', json_object('id', json_object('any_', json_group_array(printf('a0000000-0000-4000-8000-%012d', value))))) FROM generate_series(1, 100000)));
SELECT 'a huge limit and offset', count(*) FROM artifacts('{"limit": 9223372036854775807, "offset": 9223372036854775807}');
SELECT count(*) FROM artifacts('{"limit": 1180591620717411303424}');
SELECT count(*) FROM artifacts('{"artifacts": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}');
-- an older Prefect schema without a column the query reads
ALTER TABLE artifact_collection DROP COLUMN description;
SELECT 'count reads no column', count(*) FROM artifact_collections;
SELECT * FROM artifact_collections;
DROP TABLE task_run;
SELECT count(*) FROM artifacts('{"task_runs": {}}');
SELECT 'other filters still work', count(*) FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
-- texts cross the table byte for byte: one with a NUL inside, an empty one
-- (not NULL), each read as SQL reads it from the table
SELECT 'NUL inside, through the table', hex(a.key), typeof(a.key), a.key = t.key, length(a.key) = length(t.key)
  FROM artifacts AS a, artifact AS t WHERE a.id = t.id AND t.id = 'a0000000-0000-4000-8000-000000000023';
UPDATE artifact SET description = '' WHERE id = 'a0000000-0000-4000-8000-000000000022';
SELECT 'empty text, through the table', quote(description), typeof(description), length(description)
  FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000022';
