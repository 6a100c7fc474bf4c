-- prefect_filter_sql(table, body, 'postgresql'): one parse and one compile,
-- the statement written for Prefect's PostgreSQL schema; and
-- prefect_filter_params(), the values for its placeholders. Whether the
-- statements give Prefect's rows is tests/pg's job, on a real server; here
-- the text: $N placeholders each cast to what the value is used as (a list
-- is a JSON array, a timestamp is UTC), jsonb's tag operators, ILIKE, arrays
-- of uuid and of the native enums, no rowid, a fixed shape for related
-- filters, and no LIMIT for an offset alone.
.mode list
-- the same body, on each database
SELECT prefect_filter_sql('flow_runs', '{"flow_runs": {"tags": {"all_": ["a"], "any_": ["b"], "is_null_": false},
  "state": {"type": {"any_": ["RUNNING"]}}, "start_time": {"after_": "2024-01-01T02:00:00+02:00"},
  "name": {"like_": "x"}, "id": {"not_any_": ["10000000-0000-4000-8000-000000000001"]}},
  "flows": {"name": {"any_": ["f"]}}, "sort": "NAME_ASC", "limit": 5, "offset": 2}', 'postgresql');
SELECT prefect_filter_params('flow_runs', '{"flow_runs": {"tags": {"all_": ["a"], "any_": ["b"], "is_null_": false},
  "state": {"type": {"any_": ["RUNNING"]}}, "start_time": {"after_": "2024-01-01T02:00:00+02:00"},
  "name": {"like_": "x"}, "id": {"not_any_": ["10000000-0000-4000-8000-000000000001"]}},
  "flows": {"name": {"any_": ["f"]}}, "sort": "NAME_ASC", "limit": 5, "offset": 2}', 'postgresql');
SELECT prefect_filter_sql('flow_runs', '{"flows": {"name": {"any_": ["f"]}}, "limit": 5}', 'sqlite');
SELECT prefect_filter_params('flow_runs', '{"flows": {"name": {"any_": ["f"]}}, "limit": 5}');
-- the dialect's name is read case-insensitively; with an offset the body's
-- rows are the table's own inside (alias.*, which PostgreSQL does not
-- project row by row) and the columns are picked outside, in the same order
SELECT prefect_filter_sql('artifacts', '{"artifacts": {"key": {"like_": "x"}}, "offset": 3}', 'PostgreSQL');
SELECT prefect_filter_params('artifacts', '{"artifacts": {"key": {"like_": "x"}}, "offset": 3}', 'postgresql');
-- a related filter is IN on PostgreSQL even under an ordered LIMIT, where
-- SQLite may choose Prefect's EXISTS
SELECT prefect_filter_sql('artifacts', '{"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "limit": 3}', 'postgresql');
SELECT prefect_filter_sql('artifacts', '{"flow_runs": {}, "flows": {}, "limit": 3}', 'postgresql');
-- the leaves with a text of their own
SELECT prefect_filter_sql('deployments', '{"deployments": {"paused": {"eq_": true},
  "flow_or_deployment_name": {"like_": "d"}, "tags": {"any_": ["x"], "is_null_": true}}}', 'postgresql');
SELECT prefect_filter_sql('deployments', '{"deployments": {"paused": {"eq_": false}}}', 'postgresql');
SELECT prefect_filter_sql('flow_runs', '{"flow_runs": {"created_by": {"id_": ["10000000-0000-4000-8000-000000000001"],
  "type_": ["DEPLOYMENT"]}, "parent_flow_run_id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}', 'postgresql');
SELECT prefect_filter_sql('work_queues', '{"work_queues": {"name": {"startswith_": ["a"]}}}', 'postgresql');
SELECT prefect_filter_sql('logs', '{"logs": {"text": {"query": "err -debug"}, "level": {"ge_": 20},
  "timestamp": {"before_": "2024-01-01"}}}', 'postgresql');
SELECT prefect_filter_params('logs', '{"logs": {"text": {"query": "err -debug"}, "level": {"ge_": 20},
  "timestamp": {"before_": "2024-01-01"}}}', 'postgresql');
-- a list of one value is compared as its one element, which the planner
-- folds to "= value" (a plain comparison, carried across a join); longer
-- lists are "= ANY" of the array; the value is the same array either way
SELECT prefect_filter_sql('workers', '{"workers": {"status": {"any_": ["ONLINE"]}}}', 'postgresql');
SELECT prefect_filter_sql('workers', '{"workers": {"status": {"any_": ["ONLINE", "OFFLINE"]}}}', 'postgresql');
SELECT prefect_filter_params('workers', '{"workers": {"status": {"any_": ["ONLINE"]}}}', 'postgresql');
SELECT prefect_filter_sql('task_runs', '{"task_runs": {"flow_run_id": {}, "subflow_runs": {"exists_": true}}}', 'postgresql');
-- errors: PostgreSQL text cannot hold a NUL byte, where SQLite's can
SELECT prefect_filter_sql('artifacts', '{"artifacts": {"key": {"like_": "x\u0000"}}}', 'postgresql');
SELECT prefect_filter_sql('artifacts', '{"artifacts": {"key": {"any_": ["a", "x\u0000"]}}}', 'postgresql');
SELECT prefect_filter_sql('logs', '{"logs": {"text": {"query": "a\u0000b"}}}', 'postgresql');
SELECT length(prefect_filter_sql('artifacts', '{"artifacts": {"key": {"any_": ["a", "x\u0000"]}}}', 'sqlite')) > 0;
-- ...the same errors as SQLite's otherwise, naming the path
SELECT prefect_filter_sql('flow_runs', '{"flow_runs": {"state": {"type": {"any_": ["RUN"]}}}}', 'postgresql');
SELECT prefect_filter_params('flow_runs', '{"limit": -1}', 'postgresql');
-- an unknown dialect, and an unknown table
SELECT prefect_filter_sql('artifacts', '{}', 'oracle');
SELECT prefect_filter_params('artifacts', '{}', NULL);
SELECT prefect_filter_params('artefacts', '{}', 'postgresql');
