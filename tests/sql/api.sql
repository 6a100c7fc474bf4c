-- prefect_api(route, body): the JSON the Prefect server answers, on the
-- fixture. Field order and renderings are Prefect's response models'.
.read tests/sql/fixture.sql
.mode list
SELECT prefect_api('POST /artifacts/filter', '{"artifacts": {"type": {"any_": ["table"]}}, "limit": 2}');
SELECT prefect_api('POST /artifacts/latest/filter', '{"sort": "KEY_ASC", "limit": 1}');
SELECT prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001', NULL);
-- the latest of a key: the collection row in the Artifact shape (its own id)
SELECT prefect_api('GET /artifacts/ml-table/latest', NULL);
SELECT prefect_api('POST /flows/filter', '{"limit": 2}');
SELECT prefect_api('POST /flows/paginate', '{"limit": 2, "page": 2}');
SELECT prefect_api('POST /flows/paginate', '{"limit": 2, "page": 5}');
SELECT prefect_api('POST /flows/paginate', '{"limit": 0}');
SELECT prefect_api('POST /flows/paginate', '{"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}}');
-- counts: bare integers; sort/limit/offset are ignored, as the API ignores them
SELECT prefect_api('POST /artifacts/count', '{"artifacts": {"type": {"any_": ["table"]}}, "limit": 1, "sort": "nope"}');
SELECT prefect_api('POST /artifacts/latest/count', NULL);
SELECT prefect_api('POST /flows/count', '{"flow_runs": {}}');
SELECT prefect_api('POST /flow_runs/count', '{"flow_runs": {"state": {"type": {"not_any_": ["COMPLETED"]}}}}');
SELECT prefect_api('POST /task_runs/count', '{"flow_runs": {}}');
SELECT prefect_api('POST /deployments/count', '{"work_pools": {"type": {"any_": ["docker"]}}}');
-- 404: NULL
SELECT 'missing id', prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000099', NULL) IS NULL;
SELECT 'missing key', prefect_api('GET /artifacts/no-such-key/latest', NULL) IS NULL;
SELECT 'method may be left out', prefect_api('/artifacts/{A0000000-0000-4000-8000-000000000003}') = prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000003', NULL);
-- renderings: microseconds only when not zero; metadata values cut at 500
-- characters (+ "...") in the Artifact shape, not in ArtifactCollection
INSERT INTO artifact (id, created, updated, "key", type, data, metadata_) VALUES
 ('a0000000-0000-4000-8000-000000000030', '2026-03-01 00:00:00.123000', '2026-03-01 00:00:00.000001', 'long-meta', 'markdown', 1.5,
  json_object('long', printf('%.*c', 600, 'é'), 'short', 'ok'));
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, type, data, metadata_) VALUES
 ('c0000000-0000-4000-8000-000000000030', '2026-03-01 00:00:00.123000', '2026-03-01 00:00:00.123000', 'long-meta',
  'a0000000-0000-4000-8000-000000000030', 'markdown', 1.5, json_object('long', printf('%.*c', 600, 'é')));
SELECT json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.created'),
       json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.updated'),
       json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.data'),
       length(json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.metadata_.long')),
       substr(json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.metadata_.long'), 499),
       json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000030'), '$.metadata_.short'),
       length(json_extract(prefect_api('POST /artifacts/latest/filter', '{"artifacts": {"key": {"any_": ["long-meta"]}}}'), '$[0].metadata_.long'));
-- the API's default and maximum limit of 200 (the tables have none)
INSERT INTO artifact (id, "key", type, data, metadata_) SELECT printf('b0000000-0000-4000-8000-%012d', value), NULL, 'bulk', 'null', 'null' FROM generate_series(1, 250);
SELECT 'default limit', json_array_length(prefect_api('POST /artifacts/filter', NULL)), (SELECT count(*) FROM artifacts);
SELECT 'offset without limit', json_array_length(prefect_api('POST /artifacts/filter', '{"offset": 100}'));
SELECT prefect_api('POST /artifacts/filter', '{"limit": 201}');
-- every artifact, field by field, against the table
SELECT 'fields agree', count(*) FROM artifacts AS a WHERE
  json_extract(prefect_api('GET /artifacts/' || a.id), '$.key') IS a.key AND
  json_extract(prefect_api('GET /artifacts/' || a.id), '$.type') IS a.type AND
  json_extract(prefect_api('GET /artifacts/' || a.id), '$.flow_run_id') IS a.flow_run_id AND
  replace(replace(json_extract(prefect_api('GET /artifacts/' || a.id), '$.created'), 'T', ' '), 'Z', '') = substr(a.created, 1, 19) || CASE WHEN substr(a.created, 21) = '000000' THEN '' ELSE substr(a.created, 20) END;
-- the same errors as the tables, and the route's own
SELECT prefect_api('POST /artifacts/filter', '{"artifacts": {"key": {"like_": 42}}}');
SELECT prefect_api('POST /nope', '{}');
SELECT prefect_api('GET /artifacts/not-a-uuid', NULL);
-- paginate has no offset parameter: the API ignores the key (the flows table does not)
SELECT prefect_api('POST /flows/paginate', '{"limit": 1, "page": 2, "offset": 2}');
SELECT count(*) FROM flows('{"limit": 1, "page": 2, "offset": 2}');
