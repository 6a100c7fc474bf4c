-- INSERT, UPDATE and DELETE on `artifacts` do to artifact and
-- artifact_collection what Prefect's POST, PATCH and DELETE /artifacts do
-- (ext/artifact_write.c describes how). Expected rows were derived by hand
-- from those rules; stored JSON texts from Python's json.dumps(json.loads(...)).
-- Timestamps come from the clock, so they print as checks: "fmt" is
-- Prefect's format, relations compare them.
.read sql/schema.sql
.mode list
.headers off

CREATE TEMP VIEW ts_ok(fmt) AS SELECT '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]';
-- both tables, every row, every value with its storage class: "unchanged" compares these
CREATE TEMP VIEW dump(t) AS SELECT
  (SELECT group_concat(x, char(10)) FROM (SELECT rowid || ' ' || quote(id) || ' ' || quote(created) || ' ' ||
     quote(updated) || ' ' || quote("key") || ' ' || quote(type) || ' ' || quote(data) || ' ' ||
     quote(metadata_) || ' ' || quote(flow_run_id) || ' ' || quote(task_run_id) || ' ' || quote(description) AS x
     FROM main.artifact ORDER BY rowid)) || char(10) || '--' || char(10) ||
  (SELECT group_concat(x, char(10)) FROM (SELECT rowid || ' ' || quote(id) || ' ' || quote(created) || ' ' ||
     quote(updated) || ' ' || quote("key") || ' ' || quote(latest_id) || ' ' || quote(type) || ' ' ||
     quote(data) || ' ' || quote(description) || ' ' || quote(metadata_) || ' ' || quote(flow_run_id) || ' ' ||
     quote(task_run_id) AS x FROM main.artifact_collection ORDER BY rowid));

SELECT '== 1. create: stored as Prefect stores it';
INSERT INTO artifacts (id, key, type, description, data, metadata_, flow_run_id, task_run_id)
VALUES ('a0000000-0000-4000-8000-000000000001', 'k', 'markdown', NULL, json_quote('# hi'), '{"a":"b"}',
        '10000000-0000-4000-8000-000000000001', NULL);
SELECT substr(id, -2), created GLOB (SELECT fmt FROM ts_ok), created = updated, "key", type, quote(description),
       typeof(data), data, metadata_, flow_run_id, quote(task_run_id) FROM artifact;
-- the collection row: its own id, the artifact's values, latest_id the artifact
SELECT id != latest_id, id GLOB '[0-9a-f]*-[0-9a-f]*-4*', length(id), substr(latest_id, -2), "key", type,
       quote(description), data, metadata_, flow_run_id, quote(task_run_id),
       created = (SELECT created FROM artifact), updated = (SELECT created FROM artifact)
  FROM artifact_collection;

SELECT '== 2. a second version of the key: the collection follows, keeps its id and created';
CREATE TEMP TABLE c1 AS SELECT id, created FROM artifact_collection;
INSERT INTO artifacts (id, key, type, description, data)
VALUES ('A0000000000040008000000000000002', 'k', 'table', 'second', '[[1,2]]');
SELECT substr(id, -2), "key", type, description, data, metadata_ FROM artifact ORDER BY rowid;
SELECT substr(latest_id, -2), type, description, data, metadata_, quote(flow_run_id),
       id = (SELECT id FROM c1), created = (SELECT created FROM c1),
       updated = (SELECT created FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000002')
  FROM artifact_collection;
SELECT (SELECT created FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000001') < (SELECT created FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000002');

SELECT '== 3. no key: the artifact only';
INSERT INTO artifacts (id, type, data) VALUES ('urn:uuid:a0000000-0000-4000-8000-000000000003', 'result', 42.0);
SELECT substr(id, -2), quote("key"), typeof(data), data, metadata_ FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000003';
SELECT count(*) FROM artifact_collection;

SELECT '== 4. JSON as json.dumps writes it';
INSERT INTO artifacts (id, data) VALUES ('a0000000-0000-4000-8000-000000000004',
  '{"b":1,"a":[1.0,2.50,1e5,-0,-0.0,1E-7,0.0001,1e16,1e15,123456789012345678901,true,null,false],"é":"é\n\t\"/\u007f😀\u0000","b":[]}');
SELECT data FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000004';
INSERT INTO artifacts (id, data) VALUES ('a0000000-0000-4000-8000-000000000005', 0.1), ('a0000000-0000-4000-8000-000000000006', -7),
  ('a0000000-0000-4000-8000-000000000007', NULL), ('a0000000-0000-4000-8000-000000000008', '"plain text"'),
  ('a0000000-0000-4000-8000-000000000009', 1e300 * 10), ('a0000000-0000-4000-8000-000000000010', ' [ ] ');
SELECT substr(id, -2), typeof(data), data FROM artifact WHERE id BETWEEN 'a0000000-0000-4000-8000-000000000005' AND 'a0000000-0000-4000-8000-000000000010' ORDER BY id;

SELECT '== 5. keys: ^[a-z0-9-]*$ as Python matches it';
INSERT INTO artifacts (key) VALUES ('');
INSERT INTO artifacts (key) VALUES ('ends-with-newline' || char(10));
SELECT quote("key") FROM artifact_collection WHERE "key" != 'k' ORDER BY "key";
INSERT INTO artifacts (key) VALUES ('Upper');
INSERT INTO artifacts (key) VALUES ('two-newlines' || char(10) || char(10));
INSERT INTO artifacts (key) VALUES ('under_score');
INSERT INTO artifacts (key) VALUES (42);
INSERT INTO artifacts (key) VALUES (x'6b6579');
SELECT count(*) FROM artifact;

SELECT '== 6. values ArtifactCreate refuses';
INSERT INTO artifacts (type) VALUES (1);
INSERT INTO artifacts (description) VALUES (2.5);
INSERT INTO artifacts (description) VALUES (CAST(x'c0af' AS TEXT));
INSERT INTO artifacts (data) VALUES ('# not json');
INSERT INTO artifacts (data) VALUES ('{"a": 1e400}');
INSERT INTO artifacts (data) VALUES (x'00');
INSERT INTO artifacts (metadata_) VALUES ('["a"]');
INSERT INTO artifacts (metadata_) VALUES ('{"a": "b", "n": 1}');
INSERT INTO artifacts (metadata_) VALUES ('{"a": null}');
INSERT INTO artifacts (metadata_) VALUES (7);
INSERT INTO artifacts (flow_run_id) VALUES ('not-a-uuid');
INSERT INTO artifacts (task_run_id) VALUES (12);
INSERT INTO artifacts (id) VALUES ('a0000000-0000-4000-8000-00000000001');
INSERT INTO artifacts (id) VALUES ('A0000000-0000-4000-8000-000000000001');
INSERT INTO artifacts (created) VALUES ('2026-01-01 00:00:00.000000');
INSERT INTO artifacts (updated) VALUES ('2026-01-01 00:00:00.000000');
INSERT INTO artifacts (rowid, key) VALUES (99, 'x');
INSERT INTO artifacts (body) VALUES ('{}');
INSERT INTO artifacts (key, type) VALUES ('bad key', 'markdown');
SELECT count(*) FROM artifact;

SELECT '== 7. metadata_: values cut at 500 characters plus "...", dict order, duplicates';
INSERT INTO artifacts (id, metadata_) VALUES ('a0000000-0000-4000-8000-000000000011',
  json_object('exact', printf('%.500c', 'x'), 'long', printf('%.501c', 'y'), 'wide', replace(printf('%.501c', '~'), '~', 'é'),
              'z', 'first', 'z', 'last'));
SELECT length(json_extract(metadata_, '$.exact')), length(json_extract(metadata_, '$.long')),
       substr(json_extract(metadata_, '$.long'), 498), length(json_extract(metadata_, '$.wide')),
       substr(json_extract(metadata_, '$.wide'), 499), json_extract(metadata_, '$.z'),
       substr(metadata_, 1, 12), instr(metadata_, '"\u00e9') > 0
  FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000011';
SELECT metadata_ FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000001';

SELECT '== 8. the id: generated as uuid4, or given and unused; RETURNING shows given values';
INSERT INTO artifacts (key) VALUES ('gen');
SELECT id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-4[0-9a-f][0-9a-f][0-9a-f]-[89ab][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
  FROM artifact WHERE "key" = 'gen';
SELECT "key" FROM artifacts WHERE rowid = last_insert_rowid();
CREATE TEMP TABLE returned(id);
INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000012', 'ret', '1') RETURNING substr(id, -2), "key";
SELECT prefect_uuid4() != prefect_uuid4(), length(prefect_uuid4());
INSERT INTO artifacts (id, key) VALUES (prefect_uuid4(), 'ret2') RETURNING length(id), "key";

SELECT '== 9. several versions of one key in one statement (same second): the last inserted is latest';
INSERT INTO artifacts (id, key, data) VALUES ('b0000000-0000-4000-8000-000000000001', 'burst', '1'),
  ('b0000000-0000-4000-8000-000000000002', 'burst', '2'), ('b0000000-0000-4000-8000-000000000003', 'burst', '3');
SELECT substr(latest_id, -2), data, created = (SELECT created FROM artifact WHERE id = 'b0000000-0000-4000-8000-000000000001'),
       updated = (SELECT created FROM artifact WHERE id = 'b0000000-0000-4000-8000-000000000003') FROM artifact_collection WHERE "key" = 'burst';
SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact WHERE "key" = 'burst' ORDER BY created);
SELECT count(DISTINCT created) FROM artifact WHERE "key" = 'burst';

SELECT '== 10. update: data, description, metadata_; updated is SQLite now (ms); the latest mirrors';
-- updated is compared with SQLite's now taken just before the UPDATE, not with the old updated:
-- that one is the insert's microsecond time, which an update in the same millisecond undercuts
CREATE TEMP TABLE before_update AS SELECT strftime('%Y-%m-%d %H:%M:%f000', 'now') AS now_ms;
UPDATE artifacts SET description = 'edited' WHERE id = 'a0000000-0000-4000-8000-000000000002';
SELECT description, data, updated GLOB '*.[0-9][0-9][0-9]000', updated >= (SELECT now_ms FROM before_update)
  FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000002';
SELECT description, data, updated GLOB '*.[0-9][0-9][0-9]000' FROM artifact_collection WHERE "key" = 'k';
-- not the latest: the collection stays
CREATE TEMP TABLE coll_before AS SELECT * FROM artifact_collection WHERE "key" = 'k';
UPDATE artifacts SET data = '{"n":1}' WHERE id = 'a0000000-0000-4000-8000-000000000001';
SELECT data, updated GLOB '*000' FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000001';
SELECT count(*) FROM (SELECT * FROM artifact_collection WHERE "key" = 'k' EXCEPT SELECT * FROM coll_before);
-- an unset column keeps its stored value and storage class
UPDATE artifacts SET description = 'x' WHERE id = 'a0000000-0000-4000-8000-000000000003';
SELECT typeof(data), data, description FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000003';
-- an explicit NULL is written: description SQL NULL, data and metadata_ the text null
UPDATE artifacts SET description = NULL, data = NULL, metadata_ = NULL WHERE id = 'a0000000-0000-4000-8000-000000000012';
SELECT quote(description), quote(data), quote(metadata_) FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000012';
SELECT quote(description), quote(data), quote(metadata_) FROM artifact_collection WHERE latest_id = 'a0000000-0000-4000-8000-000000000012';
UPDATE artifacts SET metadata_ = json_object('m', printf('%.600c', 'm')) WHERE id = 'a0000000-0000-4000-8000-000000000012';
SELECT length(json_extract(metadata_, '$.m')), length(json_extract((SELECT metadata_ FROM artifact_collection WHERE latest_id = 'a0000000-0000-4000-8000-000000000012'), '$.m'))
  FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000012';
-- columns ArtifactUpdate does not have
UPDATE artifacts SET key = 'other' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET type = 'table' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET flow_run_id = NULL WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET task_run_id = NULL WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET id = 'a0000000-0000-4000-8000-000000000099' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET created = '2020-01-01 00:00:00.000000' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET updated = '2020-01-01 00:00:00.000000' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET body = '{}' WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET rowid = 99 WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET key = key WHERE id = 'a0000000-0000-4000-8000-000000000001';
UPDATE artifacts SET data = 'nope' WHERE id = 'a0000000-0000-4000-8000-000000000001';
SELECT data FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000001';

SELECT '== 11. delete: latest, middle, only';
INSERT INTO artifacts (id, key, data) VALUES ('c0000000-0000-4000-8000-000000000001', 'del', '1');
INSERT INTO artifacts (id, key, data) VALUES ('c0000000-0000-4000-8000-000000000002', 'del', '2');
INSERT INTO artifacts (id, key, data, description) VALUES ('c0000000-0000-4000-8000-000000000003', 'del', '3', 'third');
CREATE TEMP TABLE coll_del AS SELECT id, created FROM artifact_collection WHERE "key" = 'del';
-- the middle: nothing moves
DELETE FROM artifacts WHERE id = 'c0000000-0000-4000-8000-000000000002';
SELECT substr(latest_id, -2), data, description FROM artifact_collection WHERE "key" = 'del';
-- the latest: back to the newest other version, with its created and updated
UPDATE artifacts SET description = 'touched' WHERE id = 'c0000000-0000-4000-8000-000000000001';
DELETE FROM artifacts WHERE id = 'c0000000-0000-4000-8000-000000000003';
SELECT substr(latest_id, -2), data, description, id = (SELECT id FROM coll_del),
       created = (SELECT created FROM artifact WHERE id = 'c0000000-0000-4000-8000-000000000001'), created = (SELECT created FROM coll_del),
       updated = (SELECT updated FROM artifact WHERE id = 'c0000000-0000-4000-8000-000000000001')
  FROM artifact_collection WHERE "key" = 'del';
-- the only one: the row goes
DELETE FROM artifacts WHERE id = 'c0000000-0000-4000-8000-000000000001';
SELECT count(*) FROM artifact_collection WHERE "key" = 'del';
SELECT count(*) FROM artifact WHERE "key" = 'del';
-- keyless, and a filter document choosing what goes
DELETE FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000003' AND "key" IS NULL;
SELECT count(*) FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000003';
DELETE FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"key": {"any_": ["burst"]}}}') AND data = 2;
SELECT (SELECT group_concat(substr(id, -2), ' ') FROM (SELECT id FROM artifact WHERE "key" = 'burst' ORDER BY id)),
       (SELECT substr(latest_id, -2) FROM artifact_collection WHERE "key" = 'burst');
DELETE FROM artifacts WHERE prefect_filter(artifacts, '{"artifacts": {"key": {"any_": ["burst"]}}}');
SELECT count(*), (SELECT count(*) FROM artifact_collection WHERE "key" = 'burst') FROM artifact WHERE "key" = 'burst';

SELECT '== 12. Prefect''s worked example (three artifacts of one key, as its server stored them)';
DELETE FROM artifacts;
SELECT count(*), (SELECT count(*) FROM artifact_collection) FROM artifact;
INSERT INTO artifacts (id, key, type, data, metadata_) VALUES ('d0000000-0000-4000-8000-000000000001', 'k', 'markdown', '"# hi"', '{"a": "b"}');
INSERT INTO artifacts (id, key, type, description, data) VALUES ('d0000000-0000-4000-8000-000000000002', 'k', 'table', 'second', '[[1, 2]]');
INSERT INTO artifacts (id) VALUES ('d0000000-0000-4000-8000-000000000003');
UPDATE artifacts SET description = 'edited' WHERE id = 'd0000000-0000-4000-8000-000000000002';
UPDATE artifacts SET data = '{"n":1}' WHERE id = 'd0000000-0000-4000-8000-000000000001';
SELECT substr(id, -2), quote("key"), quote(type), quote(description), data, metadata_ FROM artifact ORDER BY id;
SELECT substr(latest_id, -2), type, description, data, metadata_ FROM artifact_collection;
DELETE FROM artifacts WHERE id = 'd0000000-0000-4000-8000-000000000002';
SELECT substr(latest_id, -2), type, quote(description), data, metadata_,
       created = (SELECT created FROM artifact WHERE id = 'd0000000-0000-4000-8000-000000000001'), updated = (SELECT updated FROM artifact WHERE id = 'd0000000-0000-4000-8000-000000000001')
  FROM artifact_collection;
DELETE FROM artifacts WHERE id = 'd0000000-0000-4000-8000-000000000001';
DELETE FROM artifacts WHERE id = 'd0000000-0000-4000-8000-000000000003';
SELECT count(*), (SELECT count(*) FROM artifact_collection) FROM artifact;

SELECT '== 13. a failing third row changes nothing, in autocommit and in a transaction';
INSERT INTO artifacts (id, key, data) VALUES ('e0000000-0000-4000-8000-000000000001', 'x', '1'),
  ('e0000000-0000-4000-8000-000000000002', 'x', '2'), ('e0000000-0000-4000-8000-000000000003', 'y', '3'),
  ('e0000000-0000-4000-8000-000000000004', NULL, '4');
CREATE TEMP TABLE snap AS SELECT t FROM dump;
INSERT INTO artifacts (key, data) VALUES ('x', '5'), ('z', '6'), ('Bad', '7');
SELECT 'insert, autocommit', (SELECT t FROM dump) = (SELECT t FROM snap);
UPDATE artifacts SET metadata_ = CASE id WHEN 'e0000000-0000-4000-8000-000000000003' THEN '{"n": 1}' ELSE '{"n": "1"}' END;
SELECT 'update, autocommit', (SELECT t FROM dump) = (SELECT t FROM snap);
CREATE TEMP TRIGGER keep_y BEFORE DELETE ON main.artifact WHEN OLD."key" = 'y' BEGIN SELECT RAISE(ABORT, 'y is kept'); END;
DELETE FROM artifacts;
SELECT 'delete, autocommit', (SELECT t FROM dump) = (SELECT t FROM snap);
BEGIN;
INSERT INTO artifacts (id, key, data) VALUES ('e0000000-0000-4000-8000-000000000005', 'w', '5');
DELETE FROM snap;
INSERT INTO snap SELECT t FROM dump;
INSERT INTO artifacts (key, data) VALUES ('x', '5'), ('z', '6'), ('Bad', '7');
SELECT 'insert, transaction', (SELECT t FROM dump) = (SELECT t FROM snap);
UPDATE artifacts SET metadata_ = CASE id WHEN 'e0000000-0000-4000-8000-000000000003' THEN '{"n": 1}' ELSE '{"n": "1"}' END;
SELECT 'update, transaction', (SELECT t FROM dump) = (SELECT t FROM snap);
DELETE FROM artifacts;
SELECT 'delete, transaction', (SELECT t FROM dump) = (SELECT t FROM snap);
COMMIT;
SELECT 'committed w', count(*) FROM artifact WHERE "key" = 'w';
DROP TRIGGER keep_y;

SELECT '== 14. ROLLBACK and ROLLBACK TO undo the collection with the artifacts';
DELETE FROM snap;
INSERT INTO snap SELECT t FROM dump;
BEGIN;
INSERT INTO artifacts (key, data) VALUES ('x', '8');
DELETE FROM artifacts WHERE "key" = 'w';
UPDATE artifacts SET description = 'd' WHERE "key" = 'y';
ROLLBACK;
SELECT 'rollback', (SELECT t FROM dump) = (SELECT t FROM snap);
BEGIN;
INSERT INTO artifacts (id, key, data) VALUES ('e0000000-0000-4000-8000-000000000009', 'x', '9');
DELETE FROM snap;
INSERT INTO snap SELECT t FROM dump;
SAVEPOINT sp;
INSERT INTO artifacts (key, data) VALUES ('x', '10');
DELETE FROM artifacts WHERE "key" = 'y';
UPDATE artifacts SET description = 'd' WHERE id = 'e0000000-0000-4000-8000-000000000009';
ROLLBACK TO sp;
SELECT 'rollback to', (SELECT t FROM dump) = (SELECT t FROM snap);
COMMIT;
SELECT substr(latest_id, -2) FROM artifact_collection WHERE "key" = 'x';

SELECT '== 15. one row in a transaction whose second step fails: the first is undone';
CREATE TEMP TRIGGER no_coll_insert BEFORE INSERT ON main.artifact_collection WHEN NEW."key" = 'boom' BEGIN SELECT RAISE(ABORT, 'no collection for boom'); END;
CREATE TEMP TRIGGER no_coll_update BEFORE UPDATE ON main.artifact_collection WHEN NEW.description = 'boom' BEGIN SELECT RAISE(ABORT, 'no boom description'); END;
CREATE TEMP TRIGGER no_state_update BEFORE UPDATE ON main.task_run_state WHEN OLD.name = 'locked' BEGIN SELECT RAISE(ABORT, 'state is locked'); END;
INSERT INTO flow (id, name) VALUES ('f0000000-0000-4000-8000-000000000001', 'f');
INSERT INTO flow_run (id, flow_id, name) VALUES ('10000000-0000-4000-8000-000000000001', 'f0000000-0000-4000-8000-000000000001', 'r');
INSERT INTO task_run (id, flow_run_id, name, task_key, dynamic_key) VALUES ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 't', 't', '0');
INSERT INTO flow_run_state (id, flow_run_id, type, name, timestamp, result_artifact_id) VALUES
  ('30000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2026-01-01 00:00:00.000000', 'e0000000-0000-4000-8000-000000000004');
INSERT INTO task_run_state (id, task_run_id, type, name, timestamp, result_artifact_id) VALUES
  ('40000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'COMPLETED', 'locked', '2026-01-01 00:00:00.000000', 'e0000000-0000-4000-8000-000000000004');
DELETE FROM snap;
INSERT INTO snap SELECT t FROM dump;
BEGIN;
INSERT INTO artifacts (key, data) VALUES ('boom', '1');
SELECT 'insert', (SELECT t FROM dump) = (SELECT t FROM snap);
UPDATE artifacts SET description = 'boom' WHERE id = 'e0000000-0000-4000-8000-000000000009';
SELECT 'update', (SELECT t FROM dump) = (SELECT t FROM snap);
PRAGMA foreign_keys;
DELETE FROM artifacts WHERE id = 'e0000000-0000-4000-8000-000000000004';
SELECT 'delete', (SELECT t FROM dump) = (SELECT t FROM snap),
       (SELECT substr(result_artifact_id, -2) FROM flow_run_state), (SELECT substr(result_artifact_id, -2) FROM task_run_state);
COMMIT;
DROP TRIGGER no_state_update;

SELECT '== 16. deleting a result artifact clears the states naming it, foreign keys on or off';
DELETE FROM artifacts WHERE id = 'e0000000-0000-4000-8000-000000000004';
SELECT quote(result_artifact_id) FROM flow_run_state UNION ALL SELECT quote(result_artifact_id) FROM task_run_state;
INSERT INTO artifacts (id) VALUES ('e0000000-0000-4000-8000-000000000004');
UPDATE flow_run_state SET result_artifact_id = 'e0000000-0000-4000-8000-000000000004';
PRAGMA foreign_keys = ON;
DELETE FROM artifacts WHERE id = 'e0000000-0000-4000-8000-000000000004';
SELECT quote(result_artifact_id) FROM flow_run_state;
PRAGMA foreign_keys = OFF;

SELECT '== 17. reads see writes at once (cached statements, compiled queries)';
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["x"]}}}');
INSERT INTO artifacts (key) VALUES ('x');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["x"]}}}');
SELECT count(*) FROM artifact_collections('{"artifacts": {"key": {"any_": ["x"]}}}');

SELECT '== 18. the other tables are read-only';
INSERT INTO artifact_collections (key) VALUES ('x');
UPDATE artifact_collections SET description = 'x';
DELETE FROM artifact_collections;
DELETE FROM flows;
UPDATE flow_runs SET name = 'x';
INSERT INTO deployments (name) VALUES ('x');
SELECT count(*) FROM artifact_collection;

SELECT '== 19. conflict clauses on a taken id: OR IGNORE skips the row, OR FAIL keeps earlier rows, OR ROLLBACK ends the transaction';
DELETE FROM artifacts;
INSERT INTO artifacts (id, key, data) VALUES ('f0000000-0000-4000-8000-000000000001', 'cc', '1');
INSERT OR IGNORE INTO artifacts (id, key, data) VALUES ('f0000000-0000-4000-8000-000000000002', 'cc', '2'),
  ('F0000000-0000-4000-8000-000000000001', 'cc', '99'), ('f0000000-0000-4000-8000-000000000003', 'cc', '3');
SELECT (SELECT group_concat(substr(id, -2) || '=' || data, ' ') FROM (SELECT id, data FROM artifact ORDER BY id)),
       (SELECT substr(latest_id, -2) FROM artifact_collection);
INSERT OR FAIL INTO artifacts (id, key, data) VALUES ('f0000000-0000-4000-8000-000000000004', 'cc', '4'),
  ('f0000000-0000-4000-8000-000000000001', 'cc', '99'), ('f0000000-0000-4000-8000-000000000005', 'cc', '5');
SELECT (SELECT group_concat(substr(id, -2) || '=' || data, ' ') FROM (SELECT id, data FROM artifact ORDER BY id)),
       (SELECT substr(latest_id, -2) FROM artifact_collection);
INSERT OR IGNORE INTO artifacts (id, key) VALUES ('f0000000-0000-4000-8000-000000000006', 'Bad');
BEGIN;
INSERT INTO artifacts (id, key, data) VALUES ('f0000000-0000-4000-8000-000000000007', 'cc', '7');
INSERT OR ROLLBACK INTO artifacts (id) VALUES ('f0000000-0000-4000-8000-000000000001');
SELECT (SELECT group_concat(substr(id, -2) || '=' || data, ' ') FROM (SELECT id, data FROM artifact ORDER BY id)),
       (SELECT substr(latest_id, -2) FROM artifact_collection);
COMMIT;

SELECT '== 20. a delete moves data and metadata_ to the collection through json.loads/json.dumps, as Prefect does';
DELETE FROM artifacts;
-- older versions written by someone else: SQL NULL, compact JSON, a number
INSERT INTO artifact (id, created, updated, "key", data, metadata_) VALUES
  ('f1000000-0000-4000-8000-000000000001', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 'rt', NULL, NULL),
  ('f1000000-0000-4000-8000-000000000002', '2026-01-02 00:00:00.000000', '2026-01-02 00:00:00.000000', 'rt2', '{"a":[1,2.50]}', '{"k":"v"}');
INSERT INTO artifacts (id, key, data) VALUES ('f1000000-0000-4000-8000-000000000003', 'rt', '1'), ('f1000000-0000-4000-8000-000000000004', 'rt2', '2');
DELETE FROM artifacts WHERE id IN ('f1000000-0000-4000-8000-000000000003', 'f1000000-0000-4000-8000-000000000004');
SELECT "key", substr(latest_id, -2), quote(data), quote(metadata_), created FROM artifact_collection ORDER BY "key";

SELECT '== 21. hostile surroundings: triggers that write back, UPDATE ... FROM, a user''s constraint under OR IGNORE, the length limit, a failing undo';
DELETE FROM artifacts;
DROP TRIGGER IF EXISTS no_coll_insert;
DROP TRIGGER IF EXISTS no_coll_update;
CREATE TEMP TRIGGER write_back AFTER INSERT ON main.artifact WHEN NEW."key" = 'loop' BEGIN INSERT INTO artifacts (data) VALUES ('2'); END;
INSERT INTO artifacts (key, data) VALUES ('loop', '1');
DROP TRIGGER write_back;
SELECT count(*) FROM artifact;
INSERT INTO artifacts (id, key, data) VALUES ('f2000000-0000-4000-8000-000000000001', 'uf', '1');
CREATE TEMP TABLE src (id, d);
INSERT INTO src VALUES ('f2000000-0000-4000-8000-000000000001', 'from src');
UPDATE artifacts SET description = src.d FROM src WHERE src.id = artifacts.id;
SELECT description, (SELECT description FROM artifact_collection WHERE "key" = 'uf') FROM artifact;
UPDATE artifacts SET "key" = 'other' FROM src WHERE src.id = artifacts.id;
UPDATE artifacts SET "key" = "key", type = type;
SELECT "key" FROM artifact;
CREATE TEMP TRIGGER policy BEFORE INSERT ON main.artifact WHEN NEW.type = 'forbidden' BEGIN SELECT RAISE(ABORT, 'policy'); END;
INSERT OR IGNORE INTO artifacts (type, data) VALUES ('forbidden', '1');
DROP TRIGGER policy;
.limit length 250
INSERT INTO artifacts (key, data) VALUES ('long', json_quote(printf('%.50c', '~')) || '');
INSERT INTO artifacts (key, data) VALUES ('long', '"' || replace(printf('%.50c', '~'), '~', 'é') || '"');
.limit length 1000000000
SELECT count(*) FROM artifact WHERE "key" = 'long';
CREATE TEMP TRIGGER boom2 BEFORE INSERT ON main.artifact_collection WHEN NEW."key" = 'boom2' BEGIN SELECT RAISE(ABORT, 'boom2'); END;
CREATE TEMP TRIGGER keep_all BEFORE DELETE ON main.artifact BEGIN SELECT RAISE(ABORT, 'no deletes'); END;
BEGIN;
INSERT INTO artifacts (key, data) VALUES ('boom2', '1');
ROLLBACK;
DROP TRIGGER boom2;
DROP TRIGGER keep_all;
SELECT count(*) FROM artifact WHERE "key" = 'boom2';
-- a DELETE that reads no column: the table counts its rows, then catches up
-- with them for their rowids (see Hand, vtab_collection.c); every row goes
INSERT INTO artifacts (key, data) VALUES ('gone', '1'), ('gone', '2'), (NULL, '3');
SELECT count(*) > 3, (SELECT count(*) FROM artifacts) = count(*) FROM artifact;
DELETE FROM artifacts;
SELECT count(*), (SELECT count(*) FROM artifact_collection) FROM artifact;
