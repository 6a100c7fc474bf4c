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
SELECT 'method may be left out', prefect_api('/artifacts/A0000000-0000-4000-8000-000000000003') = prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000003', NULL);
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
-- the API's default and maximum limit of 200 (the tables have none); the rows'
-- times are fixed (no fraction, milliseconds, microseconds), not SQLite's now
INSERT INTO artifact (id, created, updated, "key", type, data, metadata_)
  SELECT printf('b0000000-0000-4000-8000-%012d', value), t, t, NULL, 'bulk', 'null', 'null'
    FROM (SELECT value, printf('2026-03-02 00:%02d:%02d.%06d', value / 60, value % 60,
                               CASE value % 3 WHEN 0 THEN 0 WHEN 1 THEN value * 1000 ELSE value * 7 END) AS t
            FROM generate_series(1, 250));
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
-- GET paths as Prefect's artifacts router matches them. "{id:uuid}" is
-- Starlette's uuid converter: 32 hex digits, each of the four hyphens
-- optional, any case; a path it does not match is no route at all, so 404
-- (NULL), not an error. "{key}" is a str: any one segment.
SELECT 'uuid path, no hyphens', json_extract(prefect_api('GET /artifacts/A0000000000040008000000000000001'), '$.id');
SELECT 'uuid path, some hyphens', json_extract(prefect_api('GET /artifacts/a0000000-00004000-8000000000000001'), '$.id');
SELECT '404: not a uuid', prefect_api('GET /artifacts/not-a-uuid', NULL) IS NULL;
SELECT '404: one digit short', prefect_api('GET /artifacts/a0000000-0000-4000-8000-00000000001') IS NULL;
SELECT '404: braced (a body value, not a path)', prefect_api('GET /artifacts/{a0000000-0000-4000-8000-000000000001}') IS NULL;
SELECT '404: urn', prefect_api('GET /artifacts/urn:uuid:a0000000-0000-4000-8000-000000000001') IS NULL;
SELECT '404: hyphen out of place', prefect_api('GET /artifacts/a000000-00000-4000-8000-000000000001') IS NULL;
SELECT '404: latest without a key', prefect_api('GET /artifacts/latest') IS NULL, prefect_api('GET /artifacts//latest') IS NULL;
SELECT '404: a key is one segment', prefect_api('GET /artifacts/ml/table/latest') IS NULL;
SELECT '404: trailing slash on no route', prefect_api('GET /artifacts/not-a-uuid/') IS NULL;
SELECT 'key: any segment', json_extract(prefect_api('GET /artifacts/ml-table/latest'), '$.key'), prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001/latest') IS NULL;
-- the path as the server routes it: no query string, %XX decoded
SELECT 'query string ignored', json_extract(prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001?fields=id'), '$.id');
SELECT 'escapes decoded', json_extract(prefect_api('GET /artifacts/ml%2dtable/latest'), '$.key'), prefect_api('GET /artifacts/ml%2Ftable/latest') IS NULL;
SELECT 'POST with a query string', prefect_api('POST /artifacts/count?x=1', '{}');
-- not 404: the path is a POST route (405), or redirected without its '/' (307)
SELECT prefect_api('GET /artifacts/filter');
SELECT prefect_api('GET /artifacts/');
SELECT prefect_api('GET /artifacts/latest/count');
SELECT prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001/');
SELECT prefect_api('GET /artifacts/ml-table/latest/');
-- routes of Prefect that prefect_api does not answer are errors, whatever their path
SELECT prefect_api('GET /flows/not-a-uuid');
SELECT prefect_api('DELETE /artifacts/a0000000-0000-4000-8000-000000000001');
-- paginate has no offset parameter: the API ignores the key (the flows table does not)
SELECT prefect_api('POST /flows/paginate', '{"limit": 1, "page": 2, "offset": 2}');
SELECT count(*) FROM flows('{"limit": 1, "page": 2, "offset": 2}');

-- /flow_runs/filter, /task_runs/filter, /deployments/filter: the larger
-- shapes, on rows whose every rule is known
DELETE FROM artifact WHERE id LIKE 'b0000000-%';
INSERT INTO flow_run_state (id, type, timestamp, name, message, state_details, data, flow_run_id, result_artifact_id) VALUES
 ('50000000-0000-4000-8000-000000000001', 'COMPLETED', '2026-01-01 00:05:00.000000', 'Completed', NULL,
  '{"flow_run_id": "10000000-0000-4000-8000-000000000001", "retriable": true, "deferred": null}', NULL,
  '10000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004'),
 ('50000000-0000-4000-8000-000000000003', 'SCHEDULED', '2026-01-03 00:00:00.000000', 'Late', 'late',
  '{"scheduled_time": "2026-01-03T00:00:00Z"}', '{"x": 1}', '10000000-0000-4000-8000-000000000003', NULL);
UPDATE flow_run SET state_id = '50000000-0000-4000-8000-000000000001', run_count = 1,
  empirical_policy = '{"max_retries": 2, "retry_delay_seconds": 5.0, "retries": 0, "pause_keys": ["p"]}',
  labels = NULL, job_variables = '{"k": "v"}', parameters = '{"b": 1, "a": [1, 2]}'
  WHERE id = '10000000-0000-4000-8000-000000000001';
UPDATE flow_run SET state_id = '50000000-0000-4000-8000-000000000003' WHERE id = '10000000-0000-4000-8000-000000000003';
SELECT prefect_api('POST /flow_runs/filter', '{"flow_runs": {"id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}');
SELECT 'queue renamed: the row wins', json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-three"]}}}'), '$[0].work_queue_name'),
       json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-three"]}}}'), '$[0].work_pool_name');
SELECT 'own state data', json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-three"]}}}'), '$[0].state.data');
SELECT 'no state', json_type(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-five"]}}}'), '$[0].state');
SELECT 'no queue', json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-five"]}}}'), '$[0].work_queue_id') IS NULL;
SELECT 'estimated_start_time_delta, started late', json_extract(prefect_api('POST /flow_runs/filter', '{"flow_runs": {"name": {"any_": ["run-one"]}}}'), '$[0].estimated_start_time_delta');
SELECT 'keys in order', (SELECT group_concat(key, ',') FROM json_each(json_extract(prefect_api('POST /flow_runs/filter', '{"limit": 1}'), '$[0]')));
SELECT 'flow runs: default limit, sort', json_array_length(prefect_api('POST /flow_runs/filter', NULL)), json_extract(prefect_api('POST /flow_runs/filter', '{"sort": "NAME_ASC"}'), '$[0].name');

INSERT INTO task_run_state (id, type, timestamp, name, state_details, data, task_run_id) VALUES
 ('60000000-0000-4000-8000-000000000001', 'COMPLETED', '2026-01-01 00:02:00.000000', 'Completed', '{}', '"done"',
  '20000000-0000-4000-8000-000000000001');
UPDATE task_run SET state_id = '60000000-0000-4000-8000-000000000001', labels = NULL,
  empirical_policy = '{"retry_delay": [1, 2.5], "retry_jitter_factor": 1}', task_inputs = '{"x": [{"input_type": "parameter", "name": "n"}]}'
  WHERE id = '20000000-0000-4000-8000-000000000001';
SELECT prefect_api('POST /task_runs/filter', '{"task_runs": {"name": {"any_": ["extract"]}}}');

CREATE TABLE deployment_schedule (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME NOT NULL, updated DATETIME NOT NULL,
  schedule JSON NOT NULL, active BOOLEAN NOT NULL, deployment_id CHAR(36) NOT NULL, max_scheduled_runs INTEGER,
  parameters JSON DEFAULT '{}' NOT NULL, slug VARCHAR);
INSERT INTO deployment_schedule VALUES
 ('70000000-0000-4000-8000-000000000001', '2025-12-05 00:00:00.000000', '2025-12-05 00:00:00.000000',
  '{"interval": 3600.0, "anchor_date": "2025-12-05T00:00:00Z", "timezone": null}', 1, 'd0000000-0000-4000-8000-000000000001', NULL, '{}', NULL),
 ('70000000-0000-4000-8000-000000000002', '2025-12-06 00:00:00.000000', '2025-12-07 00:00:00.000000',
  '{"cron": "0 1 * * *", "timezone": "Europe/Paris"}', 0, 'd0000000-0000-4000-8000-000000000001', 5, '{"a": 1}', 'nightly');
INSERT INTO concurrency_limit_v2 (id, created, updated, active, name, "limit", active_slots, denied_slots, slot_decay_per_second, avg_slot_occupancy_seconds) VALUES
 ('80000000-0000-4000-8000-000000000001', '2025-12-01 00:00:00.000000', '2025-12-01 00:00:00.000000', 1, 'etl-limit', 3, 1, 0, 0, 2.0);
UPDATE deployment SET concurrency_limit_id = '80000000-0000-4000-8000-000000000001', concurrency_limit = 7,
  infra_overrides = '{"image": "x"}', status = 'READY', enforce_parameter_schema = 1
  WHERE id = 'd0000000-0000-4000-8000-000000000001';
SELECT prefect_api('POST /deployments/filter', '{"deployments": {"name": {"any_": ["etl-nightly"]}}}');
SELECT 'no schedules, no limit', json_extract(prefect_api('POST /deployments/filter', '{"deployments": {"name": {"any_": ["train-weekly"]}}}'), '$[0].schedules'),
       json_type(prefect_api('POST /deployments/filter', '{"deployments": {"name": {"any_": ["train-weekly"]}}}'), '$[0].global_concurrency_limit');
SELECT prefect_api('POST /deployments/filter', '{"limit": 500}');
-- the paginate routes of flow runs, task runs and deployments, as /flows/paginate: the page's
-- rows in the route's default order (ID_DESC, ID_DESC, NAME_ASC), the count of every match
SELECT 'flow_runs/paginate', json_extract(p, '$.results[0].id') = (SELECT id FROM flow_run ORDER BY id DESC LIMIT 1 OFFSET 1),
       json_array_length(p, '$.results'), json_extract(p, '$.count') = (SELECT count(*) FROM flow_run),
       json_extract(p, '$.limit'), json_extract(p, '$.pages') = (SELECT count(*) FROM flow_run), json_extract(p, '$.page')
  FROM (SELECT prefect_api('POST /flow_runs/paginate', '{"limit": 1, "page": 2}') AS p);
SELECT 'task_runs/paginate', json_extract(p, '$.results[0].id') = (SELECT id FROM task_run ORDER BY id DESC LIMIT 1),
       json_extract(p, '$.count') = (SELECT count(*) FROM task_run), json_extract(p, '$.limit'), json_extract(p, '$.page')
  FROM (SELECT prefect_api('POST /task_runs/paginate', '{}') AS p);
SELECT 'deployments/paginate', json_extract(p, '$.results[0].name') = (SELECT name FROM deployment ORDER BY name LIMIT 1 OFFSET 1),
       json_extract(p, '$.count') = (SELECT count(*) FROM deployment), json_extract(p, '$.limit'), json_extract(p, '$.page')
  FROM (SELECT prefect_api('POST /deployments/paginate', '{"limit": 1, "page": 2, "sort": "NAME_ASC"}') AS p);
SELECT prefect_api('POST /flow_runs/paginate', '{"page": 0}');
SELECT prefect_api('POST /task_runs/paginate', '{"limit": 201}');
