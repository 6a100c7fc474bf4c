-- No body, an empty body, the JSON body null and {}: on every table, every
-- prefect_api route, prefect_filter() and prefect_filter_sql().
-- FastAPI, which serves Prefect's API, reads a request without a body, with
-- an empty body or with the JSON body null alike: every body parameter of
-- the route takes its default. A member whose value is null takes its
-- default too. A body that is not JSON (only spaces included) or JSON that
-- is not an object is refused (422). Here SQL NULL is "no body".
.read tests/sql/fixture.sql
.mode list
CREATE TEMP TABLE bodies(label, body);
INSERT INTO bodies VALUES ('sql null', NULL), ('empty', ''), ('empty blob', x''), ('json null', 'null'),
  ('spaced null', ' null '), ('object', '{}'), ('spaced object', ' {} '),
  ('null members', '{"limit": null, "offset": null, "sort": null}');
-- each table: every body gives every row (the counts of Prefect's tables: 11 7 3 5 3 2)
SELECT 'artifacts', (SELECT count(*) FROM artifact), (SELECT count(*) FROM artifacts),
  group_concat(b.label || '=' || (SELECT count(*) FROM artifacts(b.body)), ', ') FROM bodies AS b;
SELECT 'artifact_collections', (SELECT count(*) FROM artifact_collection), (SELECT count(*) FROM artifact_collections),
  group_concat(b.label || '=' || (SELECT count(*) FROM artifact_collections(b.body)), ', ') FROM bodies AS b;
SELECT 'flows', (SELECT count(*) FROM flow), (SELECT count(*) FROM flows),
  group_concat(b.label || '=' || (SELECT count(*) FROM flows(b.body)), ', ') FROM bodies AS b;
SELECT 'flow_runs', (SELECT count(*) FROM flow_run), (SELECT count(*) FROM flow_runs),
  group_concat(b.label || '=' || (SELECT count(*) FROM flow_runs(b.body)), ', ') FROM bodies AS b;
SELECT 'task_runs', (SELECT count(*) FROM task_run), (SELECT count(*) FROM task_runs),
  group_concat(b.label || '=' || (SELECT count(*) FROM task_runs(b.body)), ', ') FROM bodies AS b;
SELECT 'deployments', (SELECT count(*) FROM deployment), (SELECT count(*) FROM deployments),
  group_concat(b.label || '=' || (SELECT count(*) FROM deployments(b.body)), ', ') FROM bodies AS b;
SELECT 'flows page null', count(*) FROM flows('{"page": null, "limit": null}');

-- every POST route of prefect_api: the same answer for every body and for no
-- argument at all (1 = all equal), here its size: a count, the length of a
-- list, the count of a page. Lists are compared by their ids in order.
CREATE TEMP TABLE routes(route);
INSERT INTO routes VALUES ('POST /artifacts/filter'), ('POST /artifacts/count'), ('POST /artifacts/latest/filter'),
  ('POST /artifacts/latest/count'), ('POST /flows/filter'), ('POST /flows/count'), ('POST /flows/paginate'),
  ('POST /flow_runs/filter'), ('POST /flow_runs/count'), ('POST /task_runs/filter'), ('POST /task_runs/count'),
  ('POST /deployments/filter'), ('POST /deployments/count');
WITH answers(route, x) AS (
  SELECT r.route, prefect_api(r.route, b.body) FROM routes AS r, bodies AS b
  UNION ALL SELECT r.route, prefect_api(r.route) FROM routes AS r),
summaries(route, ids, size) AS (
  SELECT route,
    CASE json_type(x) WHEN 'array' THEN (SELECT group_concat(json_extract(value, '$.id')) FROM json_each(x))
      WHEN 'object' THEN (SELECT group_concat(json_extract(value, '$.id')) FROM json_each(x, '$.results')) ELSE x END,
    CASE json_type(x) WHEN 'array' THEN json_array_length(x) WHEN 'object' THEN json_extract(x, '$.count') ELSE x END
  FROM answers)
SELECT route, count(DISTINCT ids) = 1 AND count(*) = (SELECT count(*) + 1 FROM bodies), min(size), max(size)
  FROM summaries GROUP BY route ORDER BY route;

-- prefect_filter(): no document is no criterion, pushed down or row by row
SELECT 'prefect_filter pushed', group_concat(b.label || '=' || (SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, b.body)), ', ')
  FROM bodies AS b WHERE b.label != 'null members';
SELECT 'prefect_filter row by row', group_concat(b.label || '=' || (SELECT count(*) FROM artifacts WHERE key IS NULL OR prefect_filter(artifacts, b.body)), ', ')
  FROM bodies AS b WHERE b.label != 'null members';
-- prefect_filter_sql(): one statement for all of them
SELECT 'prefect_filter_sql', count(DISTINCT prefect_filter_sql('artifacts', b.body)), prefect_filter_sql('artifacts', NULL) = prefect_filter_sql('artifacts', '{}') FROM bodies AS b;

-- refused, as the API refuses them: not JSON, or JSON that is not an object
SELECT count(*) FROM artifacts(' ');
SELECT count(*) FROM artifacts(char(10));
SELECT count(*) FROM artifacts('[]');
SELECT count(*) FROM artifacts('"{}"');
SELECT count(*) FROM artifacts('0');
SELECT count(*) FROM artifacts('true');
SELECT count(*) FROM artifacts('{} {}');
SELECT count(*) FROM artifacts(42);
SELECT count(*) FROM deployments('[{}]');
SELECT prefect_api('POST /flows/paginate', ' ');
SELECT prefect_api('POST /flow_runs/count', '[]');
SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, ' ');
-- a GET route has no body parameter: the server never reads the body
SELECT 'GET ignores the body', prefect_api('GET /artifacts/ml-table/latest', 'not json') = prefect_api('GET /artifacts/ml-table/latest'),
  prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001', '[]') = prefect_api('GET /artifacts/a0000000-0000-4000-8000-000000000001', NULL);
