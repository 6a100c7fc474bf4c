-- Every class of body Prefect answers with 422 fails the query with an
-- error naming the JSON path and what was expected. No partial results.
.read tests/sql/fixture.sql
.mode list
SELECT count(*) FROM artifacts('{"artifacts": ');
SELECT count(*) FROM artifacts('{"artifacts": {},}');
SELECT count(*) FROM artifacts('[1]');
SELECT count(*) FROM artifacts('"artifacts"');
SELECT count(*) FROM artifacts('{"artifact": {}}');
SELECT count(*) FROM artifacts('{"work_pools": {}}');
SELECT count(*) FROM artifacts('{"artifacts": []}');
SELECT count(*) FROM artifacts('{"artifacts": {"kee": {}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"operator": "or_"}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"operator": "OR"}}');
SELECT count(*) FROM artifacts('{"artifacts": {"operator": null}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": 42}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": "orders-report"}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["ok", null]}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"exists_": "maybe"}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"exists_": 2}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": ["a0000000-0000-4000-8000-00000000000"]}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"id": {"any_": [42]}}}');
SELECT count(*) FROM artifacts('{"artifacts": {"id": {"not_any_": []}}}');
SELECT count(*) FROM artifact_collections('{"artifacts": {"id": {"any_": []}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["completed"]}}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"start_time": {"after_": "yesterday"}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"start_time": {"after_": "2024-02-30T00:00:00Z"}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"start_time": {"after_": " 2024-01-01"}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"start_time": {"operator": "and_"}}}');
SELECT count(*) FROM artifacts('{"flow_runs": {"tags": {"operator": "or_", "all_": "prod"}}}');
SELECT count(*) FROM artifacts('{"task_runs": {"id": {"not_any_": []}}}');
SELECT count(*) FROM artifacts('{"task_runs": {"flow_run_id": {"is_null_": "sometimes"}}}');
SELECT count(*) FROM artifacts('{"deployments": {"concurrency_limit": {"ge_": "x"}}}');
SELECT count(*) FROM artifacts('{"deployments": {"concurrency_limit": {"gt_": 1}}}');
SELECT count(*) FROM artifacts('{"flows": 5}');
SELECT count(*) FROM artifacts('{"sort": "id_desc"}');
SELECT count(*) FROM artifacts('{"sort": "NAME_ASC"}');
SELECT count(*) FROM artifacts('{"limit": -1}');
SELECT count(*) FROM artifacts('{"limit": 5.5}');
SELECT count(*) FROM artifacts('{"offset": "abc"}');
SELECT count(*) FROM artifacts('{"offset": -3}');
SELECT count(*) FROM artifacts('{"artifacts": {"key": {"like_": "a very long value that goes on and on and on and on and on and on and on"}}, "limit": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]}');
SELECT prefect_filter_sql('artifacts', '{"artifacts": {"type": {"any_": [1]}}}');
SELECT prefect_filter_sql('nope', '{}');
-- the first error wins, and a failing body never returns rows
SELECT 'still here', count(*) FROM artifact;
