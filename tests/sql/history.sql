-- Run history (POST /flow_runs/history, /task_runs/history and the tables
-- flow_run_history(), task_run_history()), ported from Prefect's
-- tests/server/orchestration/api/test_run_history.py (commit ce79dd3d): the
-- module fixture `data` rebuilt as rows, each test's body, and what its
-- assertions state. The clock is pinned at dt = 2021-07-01T00:00:00Z (the
-- counts do not depend on it). Prefect sorts each interval's states by name
-- before comparing; so do the checks below.
.read sql/schema.sql
.mode list
SELECT prefect_set_now('2021-07-01T00:00:00Z');
-- fixture: flow f-1; completed runs every 12 h over the 14 days before dt
-- but weekends; failed every 36 h but the last 3 days; running every 6 h in
-- the last 2 days; scheduled every 6 h from dt - 1 day to dt + 3 days; a
-- running run at dt with 30 task runs. A run's expected start is its first
-- state's time (the scheduled time for a SCHEDULED state).
INSERT INTO flow (id, name, tags) VALUES ('f0000000-0000-4000-8000-000000000001', 'f-1', '["db", "blue"]'),
  ('f0000000-0000-4000-8000-000000000002', 'f-2', '["db"]');
INSERT INTO work_pool (id, name, type) VALUES ('b0000000-0000-4000-8000-000000000001', 'test-work-pool-run-history', 'test-type');
INSERT INTO work_queue (id, name, work_pool_id) VALUES ('e0000000-0000-4000-8000-000000000001', 'wq', 'b0000000-0000-4000-8000-000000000001');
CREATE TEMP TABLE fx(kind, d);
WITH RECURSIVE s(h) AS (SELECT -336 UNION ALL SELECT h + 12 FROM s WHERE h + 12 <= 0)
INSERT INTO fx SELECT 'COMPLETED', datetime('2021-07-01', h || ' hours') FROM s
 WHERE strftime('%w', datetime('2021-07-01', h || ' hours')) NOT IN ('0', '6');
WITH RECURSIVE s(h) AS (SELECT -336 UNION ALL SELECT h + 36 FROM s WHERE h + 36 <= 0)
INSERT INTO fx SELECT 'FAILED', datetime('2021-07-01', h || ' hours') FROM s WHERE NOT (h >= -72 AND h < 0);
WITH RECURSIVE s(h) AS (SELECT -48 UNION ALL SELECT h + 6 FROM s WHERE h + 6 <= 0)
INSERT INTO fx SELECT 'RUNNING', datetime('2021-07-01', h || ' hours') FROM s;
WITH RECURSIVE s(h) AS (SELECT -24 UNION ALL SELECT h + 6 FROM s WHERE h + 6 <= 72)
INSERT INTO fx SELECT 'SCHEDULED', datetime('2021-07-01', h || ' hours') FROM s;
INSERT INTO fx VALUES ('RUNNING', '2021-07-01 00:00:00');
INSERT INTO flow_run (id, name, flow_id, work_queue_id, state_type, state_name, state_timestamp, expected_start_time, start_time)
SELECT printf('10000000-0000-4000-8000-%012d', rowid), 'run-' || rowid, 'f0000000-0000-4000-8000-000000000001',
       CASE WHEN kind = 'COMPLETED' THEN 'e0000000-0000-4000-8000-000000000001' END,
       kind, upper(substr(kind, 1, 1)) || lower(substr(kind, 2)), d || '.000000', d || '.000000',
       CASE WHEN kind = 'RUNNING' THEN d || '.000000' END
  FROM fx;
WITH RECURSIVE r(r) AS (SELECT 0 UNION ALL SELECT r + 1 FROM r WHERE r < 9),
  t(k, kind, m) AS (SELECT 0, 'COMPLETED', r FROM r UNION ALL SELECT 1, 'FAILED', 7 + r FROM r UNION ALL SELECT 2, 'RUNNING', 14 + r FROM r)
INSERT INTO task_run (id, name, flow_run_id, task_key, dynamic_key, state_type, state_name, state_timestamp, expected_start_time, start_time)
SELECT printf('20000000-0000-4000-8000-%012d', m * 3 + k), 'task-' || m, (SELECT max(id) FROM flow_run), CAST(m - 7 * k AS TEXT),
       CAST((m - 7 * k) * 3 + k AS TEXT), kind, upper(substr(kind, 1, 1)) || lower(substr(kind, 2)),
       datetime('2021-07-01', m || ' minutes') || '.000000', datetime('2021-07-01', m || ' minutes') || '.000000',
       CASE WHEN kind = 'RUNNING' THEN datetime('2021-07-01', m || ' minutes') || '.000000' END
  FROM t;
SELECT 'fixture', (SELECT count(*) FROM flow_run), (SELECT count(*) FROM task_run);

-- test_history: bins, the first start, the first interval's length, the last start
CREATE TEMP TABLE cases(start, finish, seconds);
INSERT INTO cases VALUES ('2021-07-01 00:00:00+00:00', '2021-07-15 00:00:00+00:00', 86400.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-11 00:00:00+00:00', 90000.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-11 00:00:00+00:00', 21600.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-11 00:00:00+00:00', 3600.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-02 00:00:00+00:00', 3960.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-01 05:00:00+00:00', 60.0),
  ('2021-07-01 00:00:00+00:00', '2021-07-02 05:00:00+00:00', 900.0);
SELECT 'test_history ' || route, seconds, count(*), min(json_extract(h.value, '$.interval_start')),
       max(strftime('%s', json_extract(h.value, '$.interval_end')) - strftime('%s', json_extract(h.value, '$.interval_start'))) FILTER (WHERE h.key = 0),
       max(json_extract(h.value, '$.interval_start'))
  FROM cases, (SELECT '/flow_runs/history' AS route UNION ALL SELECT '/task_runs/history'),
       json_each(prefect_api('POST ' || route, json_object('history_start', start, 'history_end', finish, 'history_interval_seconds', seconds))) AS h
 GROUP BY route, cases.rowid ORDER BY route, cases.rowid;

-- test_history_returns_maximum_items: 500 intervals, the last at dt + 499 minutes
SELECT 'maximum items ' || route, count(*), min(interval_start), max(interval_start)
  FROM (SELECT 'flow' AS route, interval_start FROM flow_run_history('{"history_start": "2021-07-01T00:00:00+00:00", "history_end": "2021-07-11T00:00:00+00:00", "history_interval_seconds": 60.0}') GROUP BY interval_start
        UNION ALL
        SELECT 'task', interval_start FROM task_run_history('{"history_start": "2021-07-01T00:00:00+00:00", "history_end": "2021-07-11T00:00:00+00:00", "history_interval_seconds": 60.0}') GROUP BY interval_start)
 GROUP BY route ORDER BY route;

-- per interval: start|end|name:count, ... (states by name, as Prefect's test sorts them)
CREATE TEMP VIEW show AS SELECT 1;
SELECT 'daily', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM flow_run_history('{"history_start": "2021-06-26 00:00:00+00:00", "history_end": "2021-07-02 00:00:00+00:00", "history_interval_seconds": 86400.0}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT 'weekly', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM flow_run_history('{"history_start": "2021-06-15 00:00:00+00:00", "history_end": "2021-07-07 00:00:00+00:00", "history_interval_seconds": 604800.0}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT 'weekly filtered', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM flow_run_history('{"history_start": "2021-06-15 00:00:00+00:00", "history_end": "2021-07-07 00:00:00+00:00", "history_interval_seconds": 604800.0, "flow_runs": {"state": {"type": {"any_": ["FAILED", "SCHEDULED"]}}}}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT 'work_pools', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM flow_run_history('{"history_start": "2021-06-26 00:00:00+00:00", "history_end": "2021-07-02 00:00:00+00:00", "history_interval_seconds": 86400.0, "work_pools": {"name": {"any_": ["test-work-pool-run-history"]}}}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT 'work_queues', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM flow_run_history('{"history_start": "2021-06-26 00:00:00+00:00", "history_end": "2021-07-02 00:00:00+00:00", "history_interval_seconds": 86400.0, "work_queues": {"id": {"any_": ["e0000000-0000-4000-8000-000000000001"]}}}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT '5 minutes tasks', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM task_run_history('{"history_start": "2021-06-30 23:55:00+00:00", "history_end": "2021-07-01 00:15:00+00:00", "history_interval_seconds": 300.0}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
SELECT '5 minutes tasks filtered', interval_start, interval_end, group_concat(state_name || ':' || count_runs, ',')
  FROM (SELECT * FROM task_run_history('{"history_start": "2021-06-30 23:55:00+00:00", "history_end": "2021-07-01 00:15:00+00:00", "history_interval_seconds": 300.0, "task_runs": {"state": {"type": {"any_": ["COMPLETED", "RUNNING"]}}}}') ORDER BY interval_start, state_name)
 GROUP BY interval_start ORDER BY interval_start;
-- test_last_bin_contains_end_date
SELECT 'last bin ' || r, prefect_api('POST /' || r || '/history', '{"history_start": "2021-07-01 00:00:00+00:00", "history_end": "2021-07-02 00:30:00+00:00", "history_interval_seconds": 86400.0}')
  FROM (SELECT 'flow_runs' AS r UNION ALL SELECT 'task_runs');

-- test_flow_run_lateness, with "now" pinned one hour after dt: a completed run
-- that started 3 s late after 39 min 57 s of running; a run started 10 min late
-- and running since dt - 5 min; two scheduled runs that never started
-- (dt - 1 min, dt - 25 s). Prefect asserts: COMPLETED 1 run, 2397 s, 3 s late;
-- RUNNING 1 run, now - (dt - 5 min) = 3900 s, 600 s late; SCHEDULED 2 runs,
-- 0 s, (now - (dt - 1 min)) + (now - (dt - 25 s)) = 3660 + 3625 = 7285 s late.
SELECT prefect_set_now('2021-07-01T01:00:00Z');
INSERT INTO flow (id, name) VALUES ('f0000000-0000-4000-8000-000000000009', 'lateness');
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time, start_time, end_time, total_run_time) VALUES
  ('19000000-0000-4000-8000-000000000001', 'late-3s', 'f0000000-0000-4000-8000-000000000009', 'COMPLETED', 'Completed', '2021-07-01 00:00:00.000000', '2021-06-30 23:20:00.000000', '2021-06-30 23:20:03.000000', '2021-07-01 00:00:00.000000', '1970-01-01 00:39:57.000000'),
  ('19000000-0000-4000-8000-000000000002', 'late-10m', 'f0000000-0000-4000-8000-000000000009', 'RUNNING', 'Running', '2021-06-30 23:55:00.000000', '2021-06-30 23:45:00.000000', '2021-06-30 23:55:00.000000', NULL, '1970-01-01 00:00:00.000000'),
  ('19000000-0000-4000-8000-000000000003', 'never-1', 'f0000000-0000-4000-8000-000000000009', 'SCHEDULED', 'Scheduled', '2021-06-30 23:00:00.000000', '2021-06-30 23:59:00.000000', NULL, NULL, '1970-01-01 00:00:00.000000'),
  ('19000000-0000-4000-8000-000000000004', 'never-2', 'f0000000-0000-4000-8000-000000000009', 'SCHEDULED', 'Scheduled', '2021-06-30 23:00:00.000000', '2021-06-30 23:59:35.000000', NULL, NULL, '1970-01-01 00:00:00.000000');
SELECT 'lateness', prefect_api('/flow_runs/history', '{"history_start": "2021-06-30 00:00:00+00:00", "history_end": "2021-07-02 00:00:00+00:00", "history_interval_seconds": 172800.0, "flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000009"]}}}');
-- POST /flow_runs/lateness on the same runs: the average of 3, 600, 3660 and 3625 s
SELECT 'average lateness', prefect_api('/flow_runs/lateness', '{"flows": {"id": {"any_": ["f0000000-0000-4000-8000-000000000009"]}}}');
SELECT 'average lateness, no run', prefect_api('/flow_runs/lateness', '{"flows": {"id": {"any_": ["f0000000-0000-4000-8000-00000000000a"]}}}');

-- interval edges, derived by hand. Start 10:00:00.250 (not on a second),
-- interval 3600 s, end 12:30, so Prefect's CTE continues while a start is
-- before 12:30 - 1 h = 11:30: starts 10:00:00.250, 11:00:00.250, 12:00:00.250
-- (three intervals: 2.5 h does not divide by 1 h), the last ending at
-- 13:00:00.250, past the end. A run exactly on the boundary 11:00:00.250 is in
-- the second, one 1 µs earlier in the first, one at 11:59:59.999999 in the
-- second; one at 13:00:00.250 (the last end) and one without an expected
-- start are in none; the third interval has no run: one row, NULL state, 0.
DELETE FROM flow_run;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time) VALUES
  ('18000000-0000-4000-8000-000000000001', 'b1', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-03-05 11:00:00.250000'),
  ('18000000-0000-4000-8000-000000000002', 'b2', 'f0000000-0000-4000-8000-000000000001', 'FAILED', 'Failed', '2024-03-05 11:00:00.249999'),
  ('18000000-0000-4000-8000-000000000003', 'b3', 'f0000000-0000-4000-8000-000000000001', 'FAILED', 'Failed', '2024-03-05 13:00:00.250000'),
  ('18000000-0000-4000-8000-000000000004', 'b4', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', NULL),
  ('18000000-0000-4000-8000-000000000005', 'b5', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-03-05 11:59:59.999999');
SELECT 'edges', interval_start, interval_end, state_type, count_runs FROM flow_run_history('{"history_start": "2024-03-05T10:00:00.25Z", "history_end": "2024-03-05T12:30:00Z", "history_interval_seconds": 3600}');
-- start with microseconds: the first interval starts exactly there, its end and
-- every later bound are on milliseconds (SQLite's date arithmetic)
SELECT 'microseconds', interval_start, interval_end FROM flow_run_history('{"history_start": "2024-03-05T10:00:00.123456Z", "history_end": "2024-03-05T10:00:03Z", "history_interval_seconds": 1}') GROUP BY interval_start;
-- history_end before history_start: still one interval (Prefect's SQLite CTE always yields its first row)
SELECT 'end before start', count(*), min(interval_start), max(interval_end) FROM flow_run_history('{"history_start": "2024-03-05T10:00:00Z", "history_end": "2024-03-01T00:00:00Z", "history_interval_seconds": 60}');
-- a body without runs in range: every interval, states []
SELECT 'empty', prefect_api('/task_runs/history', '{"history_start": "2030-01-01T00:00:00Z", "history_end": "2030-01-01T00:00:02Z", "history_interval_seconds": 1}');
-- the order of an interval's states. Prefect's run_history (src/prefect/server/api/run_history.py)
-- groups the range-joined runs by (interval_start, interval_end, state_type, state_name) in a
-- subquery, then json_group_array()s its rows per interval with no ORDER BY of their own: on
-- SQLite the subquery's GROUP BY sorter hands its groups on by type, then name (binary: 'Late',
-- 'Scheduled', 'late'; 'Completed', 'Éclair'), and the outer GROUP BY's sorter keeps that order in an
-- interval. Runs inserted out of order; Prefect's statement (its shape as it compiles for SQLite,
-- the sums left out) is run beside prefect_api and the two lists of (type, name, count) compared.
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, expected_start_time) VALUES
  ('17000000-0000-4000-8000-000000000001', 'o1', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'late', '2024-04-01 05:00:00.000000'),
  ('17000000-0000-4000-8000-000000000002', 'o2', 'f0000000-0000-4000-8000-000000000001', 'RUNNING', 'Running', '2024-04-01 01:00:00.000000'),
  ('17000000-0000-4000-8000-000000000003', 'o3', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Scheduled', '2024-04-01 03:00:00.000000'),
  ('17000000-0000-4000-8000-000000000004', 'o4', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Éclair', '2024-04-01 02:00:00.000000'),
  ('17000000-0000-4000-8000-000000000005', 'o5', 'f0000000-0000-4000-8000-000000000001', 'RUNNING', 'Retrying', '2024-04-01 04:00:00.000000'),
  ('17000000-0000-4000-8000-000000000006', 'o6', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Late', '2024-04-01 06:00:00.000000'),
  ('17000000-0000-4000-8000-000000000007', 'o7', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-04-01 07:00:00.000000'),
  ('17000000-0000-4000-8000-000000000008', 'o8', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'AwaitingRetry', '2024-04-01 00:30:00.000000'),
  ('17000000-0000-4000-8000-000000000009', 'o9', 'f0000000-0000-4000-8000-000000000001', 'CANCELLED', 'Cancelled', '2024-04-02 00:30:00.000000'),
  ('17000000-0000-4000-8000-000000000010', 'o10', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'late', '2024-04-01 08:00:00.000000'),
  ('17000000-0000-4000-8000-000000000011', 'o11', 'f0000000-0000-4000-8000-000000000001', 'PAUSED', 'Suspended', '2024-04-02 01:00:00.000000'),
  ('17000000-0000-4000-8000-000000000012', 'o12', 'f0000000-0000-4000-8000-000000000001', 'COMPLETED', 'Completed', '2024-04-02 00:00:00.000000');
CREATE TEMP TABLE prefect_states AS
WITH RECURSIVE anon_1(interval_start, interval_end, counter) AS (
  SELECT '2024-04-01 00:00:00.000000', strftime('%Y-%m-%d %H:%M:%f000', julianday('2024-04-01 00:00:00.000000') + (julianday('1970-01-02 00:00:00.000000') - 2440587.5)), 1
  UNION ALL
  SELECT anon_1.interval_end, strftime('%Y-%m-%d %H:%M:%f000', julianday(anon_1.interval_end) + (julianday('1970-01-02 00:00:00.000000') - 2440587.5)), anon_1.counter + 1
    FROM anon_1 WHERE anon_1.interval_start < '2024-04-02 00:00:00.000000' AND anon_1.counter < 500),
intervals AS (SELECT anon_1.interval_start AS interval_start, anon_1.interval_end AS interval_end FROM anon_1)
SELECT counts.interval_start, coalesce(json_group_array(json(counts.state_agg)) FILTER (WHERE counts.state_agg IS NOT NULL), '[]') AS states
  FROM (SELECT intervals.interval_start AS interval_start, intervals.interval_end AS interval_end,
               CASE WHEN (count(runs.id) = 0) THEN NULL ELSE json_object('state_type', runs.state_type, 'state_name', runs.state_name, 'count_runs', count(runs.id)) END AS state_agg
          FROM intervals LEFT OUTER JOIN (SELECT flow_run.id AS id, flow_run.expected_start_time AS expected_start_time, flow_run.state_type AS state_type, flow_run.state_name AS state_name FROM flow_run) AS runs
            ON runs.expected_start_time >= intervals.interval_start AND runs.expected_start_time < intervals.interval_end
         GROUP BY intervals.interval_start, intervals.interval_end, runs.state_type, runs.state_name) AS counts
 GROUP BY counts.interval_start, counts.interval_end ORDER BY counts.interval_start LIMIT 500;
SELECT 'state order', h.key, (SELECT group_concat(s.value ->> 'state_type' || '/' || (s.value ->> 'state_name') || ':' || (s.value ->> 'count_runs'), ' ') FROM json_each(h.value, '$.states') AS s),
       (SELECT json_group_array(json_object('state_type', s.value ->> 'state_type', 'state_name', s.value ->> 'state_name', 'count_runs', s.value ->> 'count_runs')) FROM json_each(h.value, '$.states') AS s)
         = p.states AS same_as_prefect
  FROM json_each(prefect_api('/flow_runs/history', '{"history_start": "2024-04-01T00:00:00Z", "history_end": "2024-04-03T00:00:00Z", "history_interval_seconds": 86400}')) AS h
  LEFT JOIN (SELECT row_number() OVER (ORDER BY interval_start) - 1 AS k, states FROM prefect_states) AS p ON p.k = h.key;
-- the body is validated as Prefect validates it
SELECT prefect_api('/flow_runs/history', '{"history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 60}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "yesterday", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 60}');
-- history_interval_seconds is a FastAPI Body float: pydantic reads the decoded JSON in lax Python mode
-- (pydantic-core's validate_float): a boolean is 1.0 or 0.0; a string is read by str_as_float (Rust's
-- f64 grammar after trimming Unicode white space, or without its underscores when they sit between
-- digits); null is missing. Then timedelta(seconds=...): whole microseconds, halves to even.
CREATE TEMP TABLE lax(v);
INSERT INTO lax VALUES ('true'), ('"60"'), ('" 60\t"'), ('"\u00a060\u3000"'), ('"+60"'), ('"6e1"'), ('"60."'), ('".6E2"'),
  ('"1_0"'), ('"1_0.0_0"'), ('0.9999995'), ('"1.0000005"'), ('1.5');
SELECT 'lax ' || v, count(*), max(interval_end) FROM lax,
       flow_run_history(json_object('history_start', '2024-03-04T00:00:00Z', 'history_end', '2024-03-04T00:02:00Z', 'history_interval_seconds', json(v)))
 GROUP BY lax.rowid ORDER BY lax.rowid;
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": false}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": null}');
SELECT prefect_api('/flow_runs/history', '{"history_start": null, "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 60}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": " 1_0"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "1__0"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "_10"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "0x10"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "60s"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "e5"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": [60]}');
-- pydantic accepts these floats, Prefect's timedelta(seconds=...) then fails (500)
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "Infinity"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": "nan"}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 1e14}');
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 0.5}');
-- keys a route does not take: the route drops them, as the server does; the tables refuse them
CREATE TEMP TABLE day(b);
INSERT INTO day VALUES ('{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 3600}');
SELECT 'route drops work_pool_queues', prefect_api('/flow_runs/history', json_set(b, '$.work_pool_queues', json_object('name', json_object('any_', json_array('nope')))))
       IS prefect_api('/flow_runs/history', b) FROM day;
SELECT 'route drops work_pools', prefect_api('/task_runs/history', json_set(b, '$.work_pools', json_object('name', json_object('any_', json_array('nope')))))
       IS prefect_api('/task_runs/history', b) FROM day;
SELECT 'route drops limit', prefect_api('/flow_runs/history', json_set(b, '$.limit', 5)) IS prefect_api('/flow_runs/history', b) FROM day;
SELECT count(*) FROM day, flow_run_history(json_set(day.b, '$.limit', 5));
SELECT prefect_api('/flow_runs/history', '{"history_start": "2024-03-04T00:00:00Z", "history_end": "2024-03-05T00:00:00Z", "history_interval_seconds": 3600, "work_queues": {"name": {"any_": [1]}}}');
SELECT * FROM flow_run_history;
-- a repeated body is compiled once and kept (by each table, and by the
-- connection for prefect_api): the compiled query, never its answer. Two
-- bodies in turn, with the runs and the clock changed between repeats; an
-- invalid body fails every time.
CREATE TEMP TABLE two(k, b);
INSERT INTO two VALUES
  ('A', '{"history_start": "2021-06-29T00:00:00Z", "history_end": "2021-07-01T00:00:00Z", "history_interval_seconds": 43200}'),
  ('B', '{"history_start": "2021-06-30T00:00:00Z", "history_end": "2021-07-01T00:00:00Z", "history_interval_seconds": 21600, "flows": {"name": {"any_": ["f-1"]}}}');
CREATE TEMP VIEW two_histories AS
  SELECT t.k, count(*) AS n_rows, min(h.interval_start) AS first_start, sum(h.count_runs) AS runs,
         sum(h.sum_estimated_lateness) AS lateness,
         (SELECT sum(json_extract(s.value, '$.count_runs')) || ' ' || sum(json_extract(s.value, '$.sum_estimated_lateness'))
            FROM json_each(prefect_api('/flow_runs/history', t.b)) AS i, json_each(i.value, '$.states') AS s) AS route
    FROM two AS t, flow_run_history(t.b) AS h GROUP BY t.k ORDER BY t.k;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time, start_time, total_run_time)
  VALUES ('10000000-0000-4000-8000-999999999998', 'done-one', 'f0000000-0000-4000-8000-000000000002', 'COMPLETED', 'Completed',
          '2021-06-30 07:00:00.000000', '2021-06-30 06:00:00.000000', '2021-06-30 06:00:10.000000', '1970-01-01 01:00:00.000000');
SELECT 'first', * FROM two_histories;
SELECT 'again', * FROM two_histories;
INSERT INTO flow_run (id, name, flow_id, state_type, state_name, state_timestamp, expected_start_time)
  VALUES ('10000000-0000-4000-8000-999999999999', 'late-one', 'f0000000-0000-4000-8000-000000000001', 'SCHEDULED', 'Late',
          '2021-06-30 03:00:00.000000', '2021-06-30 03:00:00.000000');
SELECT 'a late run added', * FROM two_histories;
SELECT prefect_set_now('2021-07-01T02:00:00Z');
SELECT 'an hour later', * FROM two_histories;
DELETE FROM flow_run WHERE id = '10000000-0000-4000-8000-999999999999';
SELECT prefect_set_now('2021-07-01T01:00:00Z');
SELECT 'as first', * FROM two_histories;
DELETE FROM flow_run WHERE id = '10000000-0000-4000-8000-999999999998';
SELECT count(*) FROM flow_run_history('{"history_start": "2021-06-29T00:00:00Z", "history_end": "2021-07-01T00:00:00Z", "history_interval_seconds": 0.5}');
SELECT count(*) FROM flow_run_history('{"history_start": "2021-06-29T00:00:00Z", "history_end": "2021-07-01T00:00:00Z", "history_interval_seconds": 0.5}');
-- the clock: unpinned, prefect_now() is the wall clock again
SELECT 'unpinned', prefect_set_now(NULL), prefect_now() > '2025';
SELECT prefect_set_now('soon');
SELECT 'seconds', prefect_seconds('1970-01-01 00:00:05.500000'), prefect_seconds('1970-01-02 00:00:00.000001'), prefect_seconds('1970-01-01 00:00:00.1'), prefect_seconds(NULL);
SELECT prefect_seconds(5);
