-- examples/demo_data.sql: a deterministic, realistic Prefect database, generated in plain SQL.
--
-- Usage (sqlite3 CLI 3.40+, no extension needed; examples/make_demo.sh does exactly this):
--
--     sqlite3 -bail demo.db < sql/schema.sql
--     sqlite3 -bail demo.db < examples/demo_data.sql
--
-- Sizes come from the TEMP table demo_size. Create and fill it first, on the same connection, to get
-- another size; otherwise the demo defaults below are used:
--
--     CREATE TEMP TABLE demo_size(flows, deployments, flow_runs, task_runs_per_run, artifact_keys, artifacts);
--     INSERT INTO demo_size VALUES (500, 200, 200000, 5, 20000, 1000000);   -- the benchmark size
--     .read examples/demo_data.sql
--
-- What it writes (run it once, into a database that has the schema and no rows yet):
--   * 3 work pools with 6 work queues (one pool paused, one queue paused);
--   * `flows` flows (etl-orders, etl-customers, ml-train, ...; names get -2, -3, ... after the 12th);
--   * `deployments` deployments on the first 3/4 of the flows (every 5th paused), each on a work queue;
--   * `flow_runs` flow runs over October 2026, the demo's "now" being 2026-10-31 00:00:00 UTC:
--     history before now-2h (mostly Completed; Failed, Crashed, Cancelled, some Late), a recent window
--     (Running, Pending, Late, Cancelling, Paused, Retrying, AwaitingRetry, Completed, Failed) and
--     Scheduled runs after now; ~10% ad hoc (deployment_id NULL); every 40th history run is a subflow
--     (parent_task_run_id = the last task run of the run before it, when that one started and ended);
--   * one flow_run_state row per flow run (its current state; no older history);
--   * `task_runs_per_run` task runs for every flow run that has started, each with one task_run_state row;
--   * `artifacts` artifacts: 60% keyed (`artifact_keys` keys, versions spread over the runs of one flow),
--     the rest keyless (mostly type `result`, referenced from the Completed run/task states);
--   * artifact_collection: one row per key, built from the artifacts by Prefect's "latest" rule;
--   * log lines of every started run and task run (ERROR lines for failed task runs and for Failed and
--     Crashed runs), 6 variables, 2 workers per work pool.
--
-- Values are written the way Prefect writes them: canonical
-- lowercase UUID text (UUIDv7-shaped, time-ordered, for runs and states); timestamps as UTC
-- `YYYY-MM-DD HH:MM:SS.ffffff` (µs from Python, ms + `000` where SQLite's `now` would have written
-- them, e.g. `updated` of runs); total_run_time as `1970-01-01 ...`; JSON as Python json.dumps prints it
-- (`[]`, `["a", "b"]`, `{"k": "v"}`); booleans 0/1; artifact `data` as Prefect's client sends it
-- (markdown/link: a JSON string; table: a JSON string holding JSON; progress: a number; result: an
-- object) and missing metadata_ as the text `null`.
--
-- Deterministic: no random(), no 'now'. Every value is arithmetic on row numbers (multiplicative
-- hashes), so two runs give byte-identical files. Ids embed a per-table code, so ids of different
-- tables never collide. Scheduled start times fall on distinct whole seconds (needed for the unique
-- idempotency keys), which holds up to about 2.5 million flow runs.
--
-- Not done on purpose: no ANALYZE (no sqlite_stat1), PRAGMA user_version untouched, journal mode
-- left alone (a real Prefect file is in WAL mode). Foreign keys are switched off for the load, as
-- Prefect's rows reference each other in cycles (flow_run.state_id -> flow_run_state.flow_run_id);
-- `PRAGMA foreign_key_check` is clean afterwards. The page cache is raised to 256 MiB for this
-- connection only (the benchmark size builds in about 1m50s on 2 cores; the demo size in 0.3 s).

PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;

CREATE TEMP TABLE IF NOT EXISTS demo_size(flows, deployments, flow_runs, task_runs_per_run, artifact_keys, artifacts);
INSERT INTO demo_size SELECT 8, 12, 400, 3, 40, 1200 WHERE NOT EXISTS (SELECT 1 FROM demo_size);

BEGIN;

-- ---------------------------------------------------------------------------------------------
-- Parameters. All times are integer microseconds after Z = 2026-07-01 00:00:00 UTC (so they are
-- never negative). b = 2026-10-01 (first run), n = 2026-10-31 (the demo's "now").
-- Flow runs are laid out in three regions, in order of i:
--   H (history)  nH runs over [b, n - 2h),        one slot of stepH per run
--   C (recent)   nC runs over [n - 2h, n - 5min), one slot of stepC per run
--   F (future)   nF runs over [n + 10min, +3d),   one slot of stepF per run
-- Slot widths are whole seconds, so expected start times are distinct whole seconds per run.
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE _p AS
SELECT s.*,
       max(1000000, ((30 * 86400 - 7200) * 1000000 / max(s.nH, 1)) / 1000000 * 1000000) AS stepH,
       max(1000000, (6900 * 1000000 / max(s.nC, 1)) / 1000000 * 1000000)                AS stepC,
       max(1000000, (3 * 86400 * 1000000 / max(s.nF, 1)) / 1000000 * 1000000)           AS stepF
FROM (
  SELECT r.*, r.R - r.nC - r.nF AS nH,
         max(1, (r.F * 3 + 3) / 4) AS FD,                              -- flows that get deployments
         CASE WHEN r.A >= r.K THEN max(r.K, r.A * 6 / 10) ELSE r.A END AS KA,   -- keyed artifacts
         r.A - CASE WHEN r.A >= r.K THEN max(r.K, r.A * 6 / 10) ELSE r.A END AS NK  -- keyless ones
  FROM (
    SELECT q.*,
           CASE WHEN q.D = 0 THEN 0 ELSE min(q.R / 4, max(1, min(q.R * 5 / 100, 10 * q.D))) END AS nF,
           min(q.R / 4, max(20, min(q.R * 8 / 100, 1000))) AS nC
    FROM (
      SELECT max(1, CAST(flows AS INTEGER))             AS F,
             max(0, CAST(deployments AS INTEGER))       AS D,
             max(0, CAST(flow_runs AS INTEGER))         AS R,
             max(1, CAST(task_runs_per_run AS INTEGER)) AS T,
             max(0, CAST(artifact_keys AS INTEGER))     AS K,
             max(0, CAST(artifacts AS INTEGER))         AS A,
             CAST(strftime('%s', '2026-07-01') AS INTEGER)        AS z,
             CAST(strftime('%s', '2026-07-01') AS INTEGER) * 1000 AS zms,
             92 * 86400 * 1000000  AS b,
             122 * 86400 * 1000000 AS n
      FROM demo_size LIMIT 1
    ) q
  ) r
) s;

-- Integers 1..max(sizes): the row source for every generated table.
CREATE TEMP TABLE _n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (
  SELECT 1
  UNION ALL
  SELECT c.i + 1 FROM c, _p p WHERE c.i < max(p.F, p.D, p.R, p.K, p.A, 64)
)
INSERT INTO _n SELECT i FROM c;

-- ---------------------------------------------------------------------------------------------
-- Small lookup tables.
-- ---------------------------------------------------------------------------------------------
-- Flow templates: name, tags, parameter kind (0: date, 1: none, 2: limit/dry_run), four tasks.
CREATE TEMP TABLE _flow_base(b INTEGER PRIMARY KEY, name, tags, pkind, t0, t1, t2, t3);
INSERT INTO _flow_base VALUES
  (0,  'etl-orders',    '["etl", "prod"]',         0, 'extract_orders',  'transform_orders', 'load_orders',     'validate_orders'),
  (1,  'etl-customers', '["etl"]',                 0, 'extract_customers','dedupe_customers','load_customers',  'notify_crm'),
  (2,  'ml-train',      '["ml", "gpu"]',           2, 'load_features',   'train_model',      'evaluate_model',  'register_model'),
  (3,  'ml-score',      '["ml"]',                  0, 'load_model',      'score_batch',      'write_scores',    'publish_metrics'),
  (4,  'report-daily',  '["reporting"]',           0, 'query_warehouse', 'build_report',     'render_markdown', 'send_email'),
  (5,  'sync-crm',      '[]',                      1, 'fetch_contacts',  'diff_contacts',    'push_updates',    'log_summary'),
  (6,  'ingest-events', '["ingest", "streaming"]', 2, 'poll_kafka',      'parse_events',     'write_parquet',   'commit_offsets'),
  (7,  'dbt-build',     '["dbt", "prod"]',         1, 'dbt_deps',        'dbt_seed',         'dbt_run',         'dbt_test'),
  (8,  'backup-db',     '["ops"]',                 1, 'snapshot_db',     'upload_snapshot',  'verify_snapshot', 'prune_snapshots'),
  (9,  'cleanup-tmp',   '[]',                      2, 'list_files',      'delete_files',     'vacuum_tables',   'report_space'),
  (10, 'send-digest',   '["notifications"]',       0, 'collect_events',  'render_digest',    'send_slack',      'send_email'),
  (11, 'refresh-cache', '[]',                      1, 'fetch_keys',      'warm_cache',       'check_hit_rate',  'emit_metrics');

-- Task templates (b, t): the function name, Prefect 3's task_key (qualname-hash) and decorator tags.
CREATE TEMP TABLE _task_base(b INTEGER, t INTEGER, fn, task_key, tags, PRIMARY KEY (b, t)) WITHOUT ROWID;
INSERT INTO _task_base
SELECT fb.b, x.t, x.fn,
       x.fn || '-' || printf('%08x', (fb.b * 2654435761 + x.t * 2246822519 + 12345) % 4294967296),
       CASE x.t WHEN 0 THEN '["io"]' WHEN 2 THEN '["db", "io"]' ELSE '[]' END
FROM _flow_base fb
JOIN (SELECT b, 0 AS t, t0 AS fn FROM _flow_base UNION ALL SELECT b, 1, t1 FROM _flow_base
      UNION ALL SELECT b, 2, t2 FROM _flow_base UNION ALL SELECT b, 3, t3 FROM _flow_base) x ON x.b = fb.b;

-- Flow-run and task-run state codes. started: the run has a start_time.
CREATE TEMP TABLE _st(sc INTEGER PRIMARY KEY, type, name, started, message);
INSERT INTO _st VALUES
  (1,  'COMPLETED',  'Completed',     1, NULL),
  (2,  'FAILED',     'Failed',        1, 'Flow run encountered an exception: ValueError: upstream returned no rows'),
  (3,  'CRASHED',    'Crashed',       1, 'Flow run infrastructure exited with non-zero status code 137.'),
  (4,  'CANCELLED',  'Cancelled',     1, 'Flow run was cancelled by the user.'),
  (5,  'CANCELLED',  'Cancelled',     0, 'Flow run was cancelled before it started.'),
  (6,  'SCHEDULED',  'Late',          0, NULL),
  (7,  'RUNNING',    'Running',       1, NULL),
  (8,  'PENDING',    'Pending',       0, NULL),
  (9,  'CANCELLING', 'Cancelling',    1, 'Cancelling flow run'),
  (10, 'PAUSED',     'Paused',        1, 'Waiting for approval'),
  (11, 'RUNNING',    'Retrying',      1, NULL),
  (12, 'SCHEDULED',  'AwaitingRetry', 1, 'Retry 1/2 will start 30 second(s) from now'),
  (13, 'SCHEDULED',  'Scheduled',     0, 'Flow run scheduled'),
  (14, 'COMPLETED',  'Cached',        0, 'Found cached result'),
  (15, 'FAILED',     'Failed',        1, 'Task run encountered an exception ValueError: upstream returned no rows'),
  (16, 'CRASHED',    'Crashed',       1, 'Execution was cancelled by the runtime environment.'),
  (17, 'CANCELLED',  'Cancelled',     1, 'Task run was cancelled.');

-- Words for Prefect-style two-word run names ("crimson-otter").
CREATE TEMP TABLE _adj(k INTEGER PRIMARY KEY, w);
INSERT INTO _adj(k, w) SELECT key, value FROM json_each('["amber", "bold", "brave", "calm", "clever", "crimson",
  "daring", "eager", "fancy", "gentle", "golden", "happy", "icy", "jolly", "keen", "lively", "lucky", "mellow",
  "misty", "noble", "olive", "proud", "quiet", "rapid", "rustic", "silver", "smart", "snowy", "sturdy", "swift",
  "tidy", "witty"]');
CREATE TEMP TABLE _animal(k INTEGER PRIMARY KEY, w);
INSERT INTO _animal(k, w) SELECT key, value FROM json_each('["otter", "falcon", "badger", "beaver", "bison", "camel",
  "cobra", "coyote", "crane", "dingo", "eagle", "ferret", "gecko", "heron", "ibis", "jackal", "koala", "lemur",
  "lynx", "marmot", "moose", "newt", "ocelot", "panda", "quail", "raven", "salmon", "tapir", "toucan", "walrus",
  "wombat", "zebra"]');

-- Artifact key kinds: the word used in the key and the artifact type.
CREATE TEMP TABLE _kind(kind INTEGER PRIMARY KEY, word, type, title);
INSERT INTO _kind VALUES
  (0, 'report',    'markdown', 'Run report'),
  (1, 'summary',   'markdown', 'Summary'),
  (2, 'quality',   'markdown', 'Data quality'),
  (3, 'totals',    'table',    'Totals per region'),
  (4, 'stats',     'table',    'Column statistics'),
  (5, 'dashboard', 'link',     'Dashboard'),
  (6, 'docs',      'link',     'Runbook'),
  (7, 'progress',  'progress', 'Progress'),
  (8, 'changelog', 'markdown', 'Changelog'),
  (9, 'metrics',   'table',    'Metrics');

-- ---------------------------------------------------------------------------------------------
-- Id recipes (written out inline below; per-table codes keep ids of different tables apart):
--   v4(code, x) = printf('%08x-%04x-4%03x-%x%03x-%012x', ...)   random-looking version-4 shape
--   v7(us, code, x) = 48-bit Unix milliseconds of `us`, then '7', then hash bits
-- Both hash v = 16 * x + code. The last 12 hex digits are v * M mod 2^48 with the odd 48-bit
-- M = 0xd1b54a32d195, computed in two 24-bit halves (v * 3330453 + (v * 13743434 mod 2^24) * 2^24)
-- so that nothing overflows 64 bits. An odd multiplier makes this a bijection modulo 2^48, so no two
-- (code, x) pairs share an id (x < 2^24 keeps v * 3330453 far below 2^63).
-- codes: 1 flow, 2 work_pool, 3 work_queue, 4 deployment, 5 deployment schedule, 6 flow_run,
--        7 flow_run_state, 8 task_run, 9 task_run_state, 10 artifact, 11 artifact_collection,
--        12 automation, 13/14 deleted flow/task runs (dangling artifact references), 15 event
-- ---------------------------------------------------------------------------------------------

-- Flows ----------------------------------------------------------------------------------------
CREATE TEMP TABLE _flow(k INTEGER PRIMARY KEY, id, name, b, tags, pkind, created_us);
INSERT INTO _flow
SELECT n.i,
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((n.i * 16 + 1) * 2654435761) % 4294967296,
              (((n.i * 16 + 1) * 2246822519) % 4294967296) >> 16,
              (((n.i * 16 + 1) * 3266489917) % 4294967296) >> 20,
              8 + ((((n.i * 16 + 1) * 668265263) % 4294967296) >> 30),
              ((((n.i * 16 + 1) * 668265263) % 4294967296) >> 18) & 4095,
              ((n.i * 16 + 1) * 3330453 + ((n.i * 16 + 1) * 13743434) % 16777216 * 16777216) % 281474976710656),
       fb.name || CASE WHEN (n.i - 1) / 12 = 0 THEN '' ELSE '-' || ((n.i - 1) / 12 + 1) END,
       fb.b, fb.tags, fb.pkind,
       p.b - 60 * 86400000000 + (n.i - 1) * (40 * 86400000000 / p.F) + (n.i * 2654435761) % 1000000
FROM _n n CROSS JOIN _p p JOIN _flow_base fb ON fb.b = (n.i - 1) % 12
WHERE n.i <= p.F
ORDER BY n.i;

-- Work pools and queues (fixed) ----------------------------------------------------------------
CREATE TEMP TABLE _pool(pl INTEGER PRIMARY KEY, id, name, type, description, is_paused, concurrency_limit,
                        status, created_us, updated_us, transitioned_us, base_job_template);
INSERT INTO _pool
SELECT x.pl,
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((x.pl * 16 + 2) * 2654435761) % 4294967296,
              (((x.pl * 16 + 2) * 2246822519) % 4294967296) >> 16,
              (((x.pl * 16 + 2) * 3266489917) % 4294967296) >> 20,
              8 + ((((x.pl * 16 + 2) * 668265263) % 4294967296) >> 30),
              ((((x.pl * 16 + 2) * 668265263) % 4294967296) >> 18) & 4095,
              ((x.pl * 16 + 2) * 3330453 + ((x.pl * 16 + 2) * 13743434) % 16777216 * 16777216) % 281474976710656),
       x.name, x.type, x.description, x.is_paused, x.cl, x.status,
       p.b - 75 * 86400000000 + x.pl * 3600000000 + x.pl * 123457,
       p.n - x.ago_days * 86400000000 + x.pl * 1000,
       p.n - x.ago_days * 86400000000,
       x.tmpl
FROM _p p, (
  SELECT 1 AS pl, 'k8s-prod' AS name, 'kubernetes' AS type, 'Production Kubernetes cluster' AS description,
         0 AS is_paused, 20 AS cl, 'READY' AS status, 3 AS ago_days,
         '{"job_configuration": {"command": "{{ command }}", "env": "{{ env }}", "image": "{{ image }}", "namespace": "{{ namespace }}"}, "variables": {"type": "object", "properties": {"image": {"type": "string", "default": "prefecthq/prefect:3-latest"}, "namespace": {"type": "string", "default": "prefect"}}}}' AS tmpl
  UNION ALL SELECT 2, 'docker-dev', 'docker', NULL, 0, NULL, 'READY', 5,
         '{"job_configuration": {"command": "{{ command }}", "env": "{{ env }}", "image": "{{ image }}"}, "variables": {"type": "object", "properties": {"image": {"type": "string", "default": "prefecthq/prefect:3-latest"}}}}'
  UNION ALL SELECT 3, 'local-process', 'process', 'Ad hoc runs on the ops box', 1, NULL, 'PAUSED', 10,
         '{"job_configuration": {"command": "{{ command }}", "env": "{{ env }}", "working_dir": "{{ working_dir }}"}, "variables": {"type": "object", "properties": {"working_dir": {"type": "string"}}}}'
) x;

CREATE TEMP TABLE _queue(q INTEGER PRIMARY KEY, id, pl, name, priority, is_paused, concurrency_limit, status,
                         polled_ago_us);
INSERT INTO _queue
SELECT x.q,
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((x.q * 16 + 3) * 2654435761) % 4294967296,
              (((x.q * 16 + 3) * 2246822519) % 4294967296) >> 16,
              (((x.q * 16 + 3) * 3266489917) % 4294967296) >> 20,
              8 + ((((x.q * 16 + 3) * 668265263) % 4294967296) >> 30),
              ((((x.q * 16 + 3) * 668265263) % 4294967296) >> 18) & 4095,
              ((x.q * 16 + 3) * 3330453 + ((x.q * 16 + 3) * 13743434) % 16777216 * 16777216) % 281474976710656),
       x.pl, x.name, x.priority, x.is_paused, x.cl, x.status, x.ago
FROM (
  SELECT 1 AS q, 1 AS pl, 'default' AS name, 1 AS priority, 0 AS is_paused, NULL AS cl, 'READY' AS status,
         7000000 AS ago
  UNION ALL SELECT 2, 1, 'etl',     2, 0, 10,   'READY',     12000000
  UNION ALL SELECT 3, 1, 'ml',      3, 0, 2,    'READY',     9000000
  UNION ALL SELECT 4, 2, 'default', 1, 0, NULL, 'READY',     20000000
  UNION ALL SELECT 5, 2, 'batch',   2, 1, NULL, 'PAUSED',    3 * 86400000000
  UNION ALL SELECT 6, 3, 'default', 1, 0, NULL, 'NOT_READY', 10 * 86400000000
) x;

-- Deployments ----------------------------------------------------------------------------------
-- Deployment j belongs to flow (j-1) % FD + 1; every 5th is paused; queue (j-1) % 6 + 1.
CREATE TEMP TABLE _dep(j INTEGER PRIMARY KEY, id, flow_k, name, q, tags, version, sched_id, sched_name,
                       paused, status, created_us, polled_us);
INSERT INTO _dep
SELECT n.i,
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((n.i * 16 + 4) * 2654435761) % 4294967296,
              (((n.i * 16 + 4) * 2246822519) % 4294967296) >> 16,
              (((n.i * 16 + 4) * 3266489917) % 4294967296) >> 20,
              8 + ((((n.i * 16 + 4) * 668265263) % 4294967296) >> 30),
              ((((n.i * 16 + 4) * 668265263) % 4294967296) >> 18) & 4095,
              ((n.i * 16 + 4) * 3330453 + ((n.i * 16 + 4) * 13743434) % 16777216 * 16777216) % 281474976710656),
       (n.i - 1) % p.FD + 1,
       json_extract('["prod", "staging", "nightly", "hourly", "backfill", "dev"]', '$[' || (((n.i - 1) / p.FD) % 6) || ']')
         || CASE WHEN (n.i - 1) / p.FD / 6 = 0 THEN '' ELSE '-' || ((n.i - 1) / p.FD / 6 + 1) END,
       (n.i - 1) % 6 + 1,
       json_extract('["[\"prod\"]", "[\"staging\"]", "[\"nightly\", \"batch\"]", "[]", "[\"backfill\"]", "[\"dev\"]"]',
                    '$[' || (((n.i - 1) / p.FD) % 6) || ']'),
       printf('%07x', (n.i * 2869860233) % 268435456),
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((n.i * 16 + 5) * 2654435761) % 4294967296,
              (((n.i * 16 + 5) * 2246822519) % 4294967296) >> 16,
              (((n.i * 16 + 5) * 3266489917) % 4294967296) >> 20,
              8 + ((((n.i * 16 + 5) * 668265263) % 4294967296) >> 30),
              ((((n.i * 16 + 5) * 668265263) % 4294967296) >> 18) & 4095,
              ((n.i * 16 + 5) * 3330453 + ((n.i * 16 + 5) * 13743434) % 16777216 * 16777216) % 281474976710656),
       CASE WHEN n.i % 3 = 0 THEN 'IntervalSchedule' ELSE 'CronSchedule' END,
       CASE WHEN n.i % 5 = 0 THEN 1 ELSE 0 END,
       CASE WHEN (n.i - 1) % 6 + 1 IN (5, 6) THEN 'NOT_READY' ELSE 'READY' END,
       p.b - 19 * 86400000000 + (n.i - 1) * (15 * 86400000000 / max(p.D, 1)) + (n.i * 2246822519) % 1000000,
       p.n - CASE WHEN (n.i - 1) % 6 + 1 IN (5, 6) THEN 3 * 86400000000 ELSE (n.i * 7 % 60) * 1000000 END
             - (n.i * 3266489917) % 1000000
FROM _n n CROSS JOIN _p p
WHERE n.i <= p.D
ORDER BY n.i;

-- ---------------------------------------------------------------------------------------------
-- Flow runs. Built in layers: region and slot, then state, then the times that state implies
-- (Prefect's bookkeeping rules: start_time on first RUNNING, end_time only for terminal states of
-- runs that started, total_run_time += time spent RUNNING, next_scheduled_start_time only while
-- SCHEDULED, expected_start_time = scheduled time or first state's time).
-- hN = 20 bits of a multiplicative hash of i.
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE _fr(
  i INTEGER PRIMARY KEY, region, sc, adhoc, dep_j, flow_k, auto, parent_i,
  name, exp_us, created_us, start_us, end_us, state_us, total_us, run_count, next_us, work_us,
  id, state_id);

INSERT INTO _fr
SELECT i, region, sc, adhoc, dep_j, flow_k, auto, NULL,
       name, exp_us, created_us, start_us, end_us, state_us, total_us, run_count, next_us, work_us,
       printf('%08x-%04x-7%03x-%x%03x-%012x',
              (zms + created_us / 1000) >> 16, (zms + created_us / 1000) & 65535,
              (((i * 16 + 6) * 2246822519) % 4294967296) >> 20,
              8 + ((((i * 16 + 6) * 3266489917) % 4294967296) >> 30),
              ((((i * 16 + 6) * 3266489917) % 4294967296) >> 18) & 4095,
              ((i * 16 + 6) * 3330453 + ((i * 16 + 6) * 13743434) % 16777216 * 16777216) % 281474976710656),
       printf('%08x-%04x-7%03x-%x%03x-%012x',
              (zms + state_us / 1000) >> 16, (zms + state_us / 1000) & 65535,
              (((i * 16 + 7) * 2246822519) % 4294967296) >> 20,
              8 + ((((i * 16 + 7) * 3266489917) % 4294967296) >> 30),
              ((((i * 16 + 7) * 3266489917) % 4294967296) >> 18) & 4095,
              ((i * 16 + 7) * 3330453 + ((i * 16 + 7) * 13743434) % 16777216 * 16777216) % 281474976710656)
FROM (
  SELECT t.*,
         CASE WHEN sc IN (1, 2, 3, 4) THEN start_us + dur_us END AS end_us,
         CASE sc WHEN 1 THEN start_us + dur_us WHEN 2 THEN start_us + dur_us WHEN 3 THEN start_us + dur_us
                 WHEN 4 THEN start_us + dur_us
                 WHEN 5 THEN exp_us + delay_us
                 WHEN 6 THEN exp_us + 15000000 + h7 % 5000000
                 WHEN 7 THEN start_us
                 WHEN 8 THEN exp_us + delay_us
                 WHEN 11 THEN start_us + d1_us + 10000000
                 WHEN 13 THEN created_us
                 ELSE start_us + d1_us END AS state_us,
         CASE WHEN sc IN (1, 3, 4) THEN dur_us
              WHEN sc = 2 THEN CASE WHEN run_count > 1 THEN dur_us * 9 / 10 ELSE dur_us END
              WHEN sc IN (9, 10, 11, 12) THEN d1_us
              ELSE 0 END AS total_us,
         CASE sc WHEN 6 THEN exp_us WHEN 12 THEN start_us + d1_us + 30000000 WHEN 13 THEN exp_us END AS next_us,
         CASE WHEN sc IN (1, 2, 3, 4) THEN dur_us
              WHEN sc = 7 THEN n - 60000000 - start_us
              WHEN sc IN (9, 10, 11, 12) THEN d1_us END AS work_us
  FROM (
    SELECT s.*,
           CASE WHEN st.started THEN s.exp_us + s.delay_us END AS start_us,
           CASE WHEN s.region = 1 THEN min(s.dur0_us, s.n - 60000000 - s.exp_us - s.delay_us) ELSE s.dur0_us END AS dur_us,
           CASE WHEN s.sc = 2 THEN 1 + (s.h7 >> 3) % 3 WHEN s.sc = 11 THEN 2 WHEN st.started THEN 1 ELSE 0 END
             AS run_count,
           CASE WHEN s.region = 2 THEN s.n - 60000000 - (s.h7 % 21600) * 1000000 - s.h6 % 1000000
                WHEN s.auto = 1 THEN s.exp_us - 3600000000 - s.h7 * 82000 - s.h6 % 1000000
                ELSE s.exp_us - 10000 - s.h6 % 2000000 END AS created_us
    FROM (
      SELECT r.*,
             CASE WHEN r.adhoc = 1 THEN NULL
                  WHEN r.region = 2 AND r.dep0 % 5 = 0 THEN r.dep0 % r.D + 1   -- no future runs of paused ones
                  ELSE r.dep0 END AS dep_j,
             CASE WHEN r.adhoc = 1 THEN 0 WHEN r.region = 2 THEN (r.h4 % 10 < 9) ELSE (r.h4 % 10 < 7) END AS auto,
             CASE WHEN r.adhoc = 1 THEN r.h5 % r.F + 1
                  ELSE (CASE WHEN r.region = 2 AND r.dep0 % 5 = 0 THEN r.dep0 % r.D + 1 ELSE r.dep0 END - 1) % r.FD + 1
                  END AS flow_k,
             -- auto-scheduled runs start on whole seconds; others carry microseconds
             CASE WHEN r.adhoc = 0 AND (CASE WHEN r.region = 2 THEN (r.h4 % 10 < 9) ELSE (r.h4 % 10 < 7) END)
                  THEN r.slot_us / 1000000 * 1000000 ELSE r.slot_us END AS exp_us
      FROM (
        SELECT g.*,
               CASE WHEN g.D = 0 THEN 1
                    WHEN g.region <> 2 AND g.sc <> 6 AND g.h2 % 10 = 0 THEN 1 ELSE 0 END AS adhoc,
               CASE WHEN g.D = 0 THEN NULL ELSE g.h3 % g.D + 1 END AS dep0
        FROM (
          SELECT h.*,
                 CASE h.region
                   WHEN 0 THEN CASE WHEN h.h1 % 1000 < 740 THEN 1 WHEN h.h1 % 1000 < 860 THEN 2
                                    WHEN h.h1 % 1000 < 890 THEN 3 WHEN h.h1 % 1000 < 915 THEN 4
                                    WHEN h.h1 % 1000 < 940 THEN 5
                                    WHEN h.h1 % 1000 < 955 AND h.D > 0 THEN 6 ELSE 1 END
                   WHEN 1 THEN CASE (h.ri - 1) % 10 WHEN 0 THEN 7 WHEN 1 THEN 8
                                    WHEN 2 THEN CASE WHEN h.D > 0 THEN 6 ELSE 7 END
                                    WHEN 3 THEN 7 WHEN 4 THEN 9 WHEN 5 THEN 10 WHEN 6 THEN 11 WHEN 7 THEN 12
                                    WHEN 8 THEN 1 ELSE 2 END
                   ELSE 13 END AS sc,
                 h.start0 + (h.ri - 1) * h.step + (h.h6 * h.step) / 1048576 AS slot_us,
                 500000 + h.h7 * 20 AS delay_us,
                 3000000 + h.h8 * 2289 AS dur0_us,
                 1000000 + (h.h8 % 60) * 1000000 + h.h7 % 1000000 AS d1_us,
                 a.w || '-' || an.w AS name
          FROM (
            SELECT x.*,
                   CASE x.region WHEN 0 THEN x.b WHEN 1 THEN x.n - 7200000000 ELSE x.n + 600000000 END AS start0,
                   CASE x.region WHEN 0 THEN x.stepH WHEN 1 THEN x.stepC ELSE x.stepF END AS step,
                   CASE x.region WHEN 0 THEN x.i WHEN 1 THEN x.i - x.nH ELSE x.i - x.nH - x.nC END AS ri
            FROM (
              SELECT n.i, p.*,
                     CASE WHEN n.i <= p.nH THEN 0 WHEN n.i <= p.nH + p.nC THEN 1 ELSE 2 END AS region,
                     ((n.i * 2654435761) % 4294967296) >> 12 AS h1,
                     ((n.i * 2246822519) % 4294967296) >> 12 AS h2,
                     ((n.i * 3266489917) % 4294967296) >> 12 AS h3,
                     ((n.i * 668265263) % 4294967296) >> 12  AS h4,
                     ((n.i * 374761393) % 4294967296) >> 12  AS h5,
                     ((n.i * 2869860233) % 4294967296) >> 12 AS h6,
                     ((n.i * 1103515245) % 4294967296) >> 12 AS h7,
                     ((n.i * 3432918353) % 4294967296) >> 12 AS h8
              FROM _n n CROSS JOIN _p p
              WHERE n.i <= p.R
            ) x
          ) h
          JOIN _adj a ON a.k = h.h2 % 32
          JOIN _animal an ON an.k = (h.h3 >> 5) % 32
        ) g
      ) r
    ) s
    JOIN _st st ON st.sc = s.sc
  ) t
)
ORDER BY i;

-- Subflows: every 40th history run whose predecessor started and finished becomes a subflow of it,
-- running inside the parent's window (10%..90%), ad hoc, of another flow, ending like its parent.
UPDATE _fr AS s
SET parent_i = pr.i, sc = pr.sc, adhoc = 1, dep_j = NULL, auto = 0,
    flow_k = pr.flow_k % (SELECT F FROM _p) + 1,
    start_us = pr.start_us + pr.work_us / 10,
    end_us = pr.start_us + pr.work_us * 9 / 10,
    state_us = pr.start_us + pr.work_us * 9 / 10,
    exp_us = pr.start_us + pr.work_us / 10 - 5000,
    created_us = pr.start_us + pr.work_us / 10 - 25000,
    total_us = 0,
    work_us = pr.work_us * 9 / 10 - pr.work_us / 10,
    run_count = 1, next_us = NULL
FROM _fr AS pr
WHERE pr.i = s.i - 1 AND s.region = 0 AND pr.region = 0 AND s.i % 40 = 0 AND pr.sc IN (1, 2, 3, 4);

-- Then total_run_time = end - start, and the ids of the changed rows from their new times.
UPDATE _fr SET
  total_us = end_us - start_us,
  id = printf('%08x-%04x-7%03x-%x%03x-%012x',
              ((SELECT zms FROM _p) + created_us / 1000) >> 16, ((SELECT zms FROM _p) + created_us / 1000) & 65535,
              (((i * 16 + 6) * 2246822519) % 4294967296) >> 20,
              8 + ((((i * 16 + 6) * 3266489917) % 4294967296) >> 30),
              ((((i * 16 + 6) * 3266489917) % 4294967296) >> 18) & 4095,
              ((i * 16 + 6) * 3330453 + ((i * 16 + 6) * 13743434) % 16777216 * 16777216) % 281474976710656),
  state_id = printf('%08x-%04x-7%03x-%x%03x-%012x',
              ((SELECT zms FROM _p) + state_us / 1000) >> 16, ((SELECT zms FROM _p) + state_us / 1000) & 65535,
              (((i * 16 + 7) * 2246822519) % 4294967296) >> 20,
              8 + ((((i * 16 + 7) * 3266489917) % 4294967296) >> 30),
              ((((i * 16 + 7) * 3266489917) % 4294967296) >> 18) & 4095,
              ((i * 16 + 7) * 3330453 + ((i * 16 + 7) * 13743434) % 16777216 * 16777216) % 281474976710656)
WHERE parent_i IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Task runs: T per flow run that started, each in its own slice of the run's working window.
-- Task j runs template (j % 4) with dynamic_key j / 4. The last task of a subflow's parent is the
-- subflow's "dummy" task: it mirrors the subflow's state and times.
-- Task state codes: 1 Completed, 14 Cached, 15 Failed, 16 Crashed, 17 Cancelled, 7 Running, 8 Pending.
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE _tr(
  g INTEGER PRIMARY KEY, fi, j, sub_i, tsc, name, task_key, dynamic_key, tags, cache_key,
  created_us, start_us, end_us, state_us, total_us, run_count, id, state_id);

INSERT INTO _tr
SELECT g, fi, j, sub_i, tsc, name, task_key, dynamic_key, tags, cache_key,
       created_us, start_us, end_us, state_us, total_us, run_count,
       printf('%08x-%04x-7%03x-%x%03x-%012x',
              (zms + created_us / 1000) >> 16, (zms + created_us / 1000) & 65535,
              (((g * 16 + 8) * 2246822519) % 4294967296) >> 20,
              8 + ((((g * 16 + 8) * 3266489917) % 4294967296) >> 30),
              ((((g * 16 + 8) * 3266489917) % 4294967296) >> 18) & 4095,
              ((g * 16 + 8) * 3330453 + ((g * 16 + 8) * 13743434) % 16777216 * 16777216) % 281474976710656),
       printf('%08x-%04x-7%03x-%x%03x-%012x',
              (zms + state_us / 1000) >> 16, (zms + state_us / 1000) & 65535,
              (((g * 16 + 9) * 2246822519) % 4294967296) >> 20,
              8 + ((((g * 16 + 9) * 3266489917) % 4294967296) >> 30),
              ((((g * 16 + 9) * 3266489917) % 4294967296) >> 18) & 4095,
              ((g * 16 + 9) * 3330453 + ((g * 16 + 9) * 13743434) % 16777216 * 16777216) % 281474976710656)
FROM (
  SELECT u.*,
         CASE WHEN tsc IN (1, 15, 16, 17) THEN t_start + t_dur END AS end_us,
         CASE WHEN tsc IN (1, 15, 16, 17) THEN t_start + t_dur ELSE t_start END AS state_us,
         CASE WHEN tsc IN (1, 15, 16, 17, 7) THEN t_start END AS start_us,
         CASE WHEN tsc IN (1, 15, 16, 17) THEN t_dur ELSE 0 END AS total_us,
         CASE WHEN tsc IN (1, 15, 16, 17, 7) THEN 1 ELSE 0 END AS run_count,
         t_start - 15000 - hg % 5000 AS created_us,
         CASE WHEN tsc = 14 THEN printf('%08x%08x%08x%08x', (g * 2654435761) % 4294967296,
                                        (g * 2246822519) % 4294967296, (g * 3266489917) % 4294967296,
                                        (g * 668265263) % 4294967296) END AS cache_key
  FROM (
    SELECT w.*,
           CASE WHEN w.sub_i IS NOT NULL THEN w.sub_start - 3000
                ELSE w.fstart + 50000 + w.j * w.slice END AS t_start,
           CASE WHEN w.sub_i IS NOT NULL THEN w.sub_end - w.sub_start + 6000
                ELSE max(1000, w.slice * (50 + w.hg % 40) / 100) END AS t_dur,
           CASE WHEN w.sub_i IS NOT NULL THEN CASE w.sub_sc WHEN 1 THEN 1 WHEN 2 THEN 15 WHEN 3 THEN 16 ELSE 17 END
                WHEN w.fsc = 1 THEN CASE WHEN w.hg % 20 = 0 THEN 14 ELSE 1 END
                WHEN w.fsc IN (2, 12) THEN CASE WHEN w.j = w.T - 1 THEN 15 ELSE 1 END
                WHEN w.fsc = 3 THEN CASE WHEN w.j = w.T - 1 THEN 16 ELSE 1 END
                WHEN w.fsc = 4 THEN CASE WHEN w.j = w.T - 1 THEN 17 ELSE 1 END
                WHEN w.fsc IN (7, 9, 11) THEN CASE WHEN w.T = 1 THEN 7 WHEN w.j = w.T - 1 THEN 8
                                                   WHEN w.j = w.T - 2 THEN 7 ELSE 1 END
                ELSE 1 END AS tsc
    FROM (
      SELECT (f.i - 1) * p.T + m.i AS g, f.i AS fi, m.i - 1 AS j, p.T, p.zms,
             f.sc AS fsc, f.start_us AS fstart, max(p.T * 1000, f.work_us - 100000) / p.T AS slice,
             ((((f.i - 1) * p.T + m.i) * 1103515245) % 4294967296) >> 12 AS hg,
             s.i AS sub_i, s.sc AS sub_sc, s.start_us AS sub_start, s.end_us AS sub_end,
             CASE WHEN s.i IS NOT NULL THEN sf.name || '-' || CAST((m.i - 1) / 4 AS TEXT)
                  ELSE replace(tb.fn, '_', '-') || '-' || CAST((m.i - 1) / 4 AS TEXT) END AS name,
             CASE WHEN s.i IS NOT NULL THEN replace(sf.name, '-', '_') || '-' ||
                       printf('%08x', (sf.k * 3266489917) % 4294967296)
                  ELSE tb.task_key END AS task_key,
             CAST((m.i - 1) / 4 AS TEXT) AS dynamic_key,
             CASE WHEN s.i IS NOT NULL THEN '[]' ELSE tb.tags END AS tags
      FROM _fr f CROSS JOIN _p p CROSS JOIN _n m
      JOIN _flow fl ON fl.k = f.flow_k
      JOIN _task_base tb ON tb.b = fl.b AND tb.t = (m.i - 1) % 4
      LEFT JOIN _fr s ON s.i = f.i + 1 AND s.parent_i = f.i AND m.i = p.T
      LEFT JOIN _flow sf ON sf.k = s.flow_k
      WHERE m.i <= p.T AND f.start_us IS NOT NULL
    ) w
  ) u
)
ORDER BY g;

-- Started runs in order, and per flow (artifacts pick their runs from these).
CREATE TEMP TABLE _started(seq INTEGER PRIMARY KEY, i INTEGER);
INSERT INTO _started(i) SELECT i FROM _fr WHERE start_us IS NOT NULL ORDER BY i;
CREATE TEMP TABLE _rbf(fk INTEGER, seq INTEGER, i INTEGER, PRIMARY KEY (fk, seq)) WITHOUT ROWID;
INSERT INTO _rbf
SELECT flow_k, row_number() OVER (PARTITION BY flow_k ORDER BY i), i FROM _fr WHERE start_us IS NOT NULL;
CREATE TEMP TABLE _rbfc(fk INTEGER PRIMARY KEY, c INTEGER);
INSERT INTO _rbfc SELECT fk, max(seq) FROM _rbf GROUP BY fk ORDER BY fk;

-- ---------------------------------------------------------------------------------------------
-- Artifacts.
-- Keyed: artifact a (1..KA) is version v = (a-1) / K of key kk = (a-1) % K + 1. Key kk belongs to
-- flow fk = (kk-1) % F + 1 and is named <flow>-<kind word>[-<n>]; version v comes from the run of
-- fk at the same relative position in time, so versions of a key follow each other in time.
-- Keyless: artifact KA + b. Mostly `result` (type NULL for 1 in 11: written by Prefect's state path),
-- some table/markdown; b % 97 = 3 names a flow run that no longer exists, b % 89 = 5 has no run.
-- ---------------------------------------------------------------------------------------------
CREATE TEMP TABLE _key(kk INTEGER PRIMARY KEY, name UNIQUE, fk, kind);
INSERT INTO _key
SELECT n.i, fl.name || '-' || kd.word
            || CASE WHEN (n.i - 1) / p.F / 10 = 0 THEN '' ELSE '-' || ((n.i - 1) / p.F / 10 + 1) END,
       fl.k, kd.kind
FROM _n n CROSS JOIN _p p
JOIN _flow fl ON fl.k = (n.i - 1) % p.F + 1
JOIN _kind kd ON kd.kind = ((n.i - 1) / p.F + (n.i - 1) % p.F + 1) % 10
WHERE n.i <= p.K
ORDER BY n.i;

CREATE TEMP TABLE _art(
  a INTEGER PRIMARY KEY, kk, v, kind, type, fi, g, run_name, flow_name, key, ha,
  cand_us, created_us, flow_run_id, task_run_id, family);

-- keyed
INSERT INTO _art
SELECT x.a, x.kk, x.v, k.kind, kd.type, f.i, t.g, f.name, fl.name, k.name, x.ha,
       CASE WHEN f.i IS NOT NULL THEN f.start_us + max(1000, coalesce(f.work_us, 0)) * (50 + x.ha % 900) / 1000
            ELSE x.b + x.v * 3600000000 + x.kk * 1000 END,
       NULL, f.id, t.id, 'keyed'
FROM (
  SELECT n.i AS a, (n.i - 1) % p.K + 1 AS kk, (n.i - 1) / p.K AS v,
         (p.KA - ((n.i - 1) % p.K + 1)) / p.K + 1 AS nver, p.T, p.b,
         ((n.i * 3432918353) % 4294967296) >> 12 AS ha
  FROM _n n CROSS JOIN _p p
  WHERE n.i <= p.KA
) x
JOIN _key k ON k.kk = x.kk
JOIN _kind kd ON kd.kind = k.kind
JOIN _flow fl ON fl.k = k.fk
LEFT JOIN _rbfc c ON c.fk = k.fk
LEFT JOIN _rbf r ON r.fk = k.fk AND r.seq = 1 + (x.v * c.c) / x.nver
LEFT JOIN _fr f ON f.i = r.i
LEFT JOIN _tr t ON t.g = (f.i - 1) * x.T + (k.kind + x.v) % x.T + 1 AND k.kind NOT IN (0, 1, 8)
ORDER BY x.a;

-- keyless
INSERT INTO _art
SELECT x.a, NULL, NULL, NULL,
       CASE WHEN x.bb % 89 = 5 THEN 'markdown'
            WHEN x.bb % 97 = 3 THEN 'result'
            WHEN x.bb % 7 = 1 THEN 'table'
            WHEN x.bb % 7 = 2 THEN 'markdown'
            WHEN x.bb % 11 = 4 THEN NULL
            ELSE 'result' END,
       CASE WHEN x.bb % 89 = 5 OR x.bb % 97 = 3 THEN NULL ELSE f.i END,
       CASE WHEN x.bb % 89 = 5 OR x.bb % 97 = 3 OR x.bb % 5 = 0 OR x.bb % 7 = 2 THEN NULL ELSE t.g END,
       f.name, fl.name, NULL, x.ha,
       CASE WHEN x.bb % 89 = 5 OR x.bb % 97 = 3 OR f.i IS NULL
                 THEN x.b + (x.bb - 1) * ((30 * 86400000000 - 7200000000) / max(x.NK, 1)) + x.ha % 1000000
            WHEN x.bb % 5 = 0 OR x.bb % 7 = 2 THEN coalesce(f.end_us, f.state_us) + 1000 + x.ha % 2000
            ELSE coalesce(t.end_us, t.state_us) + 1000 + x.ha % 2000 END,
       NULL,
       CASE WHEN x.bb % 89 = 5 THEN NULL
            WHEN x.bb % 97 = 3 THEN 'dangling'
            ELSE f.id END,
       CASE WHEN x.bb % 89 = 5 OR x.bb % 5 = 0 OR x.bb % 7 = 2 THEN NULL
            WHEN x.bb % 97 = 3 THEN 'dangling'
            ELSE t.id END,
       CASE WHEN x.bb % 89 = 5 OR x.bb % 97 = 3 OR x.bb % 7 IN (1, 2) THEN 'other'
            WHEN x.bb % 5 = 0 THEN 'flow_result' ELSE 'task_result' END
FROM (
  SELECT n.i + p.KA AS a, n.i AS bb, p.NK, p.T, p.b,
         ((n.i * 3432918353 + 777) % 4294967296) >> 12 AS ha,
         1 + ((n.i - 1) * (SELECT count(*) FROM _started)) / max(p.NK, 1) AS seq,
         (n.i * 7) % p.T AS tj
  FROM _n n CROSS JOIN _p p
  WHERE n.i <= p.NK
) x
LEFT JOIN _started s ON s.seq = x.seq
LEFT JOIN _fr f ON f.i = s.i
LEFT JOIN _flow fl ON fl.k = f.flow_k
LEFT JOIN _tr t ON t.g = (f.i - 1) * x.T + x.tj + 1
ORDER BY x.a;

-- created: keyless keep their candidate; within a key make them strictly increasing (a running
-- maximum that only moves a timestamp when it would tie with or precede the previous version).
UPDATE _art SET created_us = cand_us WHERE kk IS NULL;
UPDATE _art SET created_us = y.c
FROM (
  SELECT a, rn + max(cand_us - rn) OVER (PARTITION BY kk ORDER BY cand_us, a ROWS UNBOUNDED PRECEDING) AS c
  FROM (SELECT a, kk, cand_us, row_number() OVER (PARTITION BY kk ORDER BY cand_us, a) AS rn
        FROM _art WHERE kk IS NOT NULL)
) y
WHERE _art.a = y.a;

-- ids of runs that were deleted (dangling references), time-ordered like the real ones
UPDATE _art SET
  flow_run_id = printf('%08x-%04x-7%03x-%x%03x-%012x',
              ((SELECT zms FROM _p) + created_us / 1000) >> 16, ((SELECT zms FROM _p) + created_us / 1000) & 65535,
              (((a * 16 + 13) * 2246822519) % 4294967296) >> 20,
              8 + ((((a * 16 + 13) * 3266489917) % 4294967296) >> 30),
              ((((a * 16 + 13) * 3266489917) % 4294967296) >> 18) & 4095,
              ((a * 16 + 13) * 3330453 + ((a * 16 + 13) * 13743434) % 16777216 * 16777216) % 281474976710656),
  task_run_id = printf('%08x-%04x-7%03x-%x%03x-%012x',
              ((SELECT zms FROM _p) + created_us / 1000 - 2) >> 16, ((SELECT zms FROM _p) + created_us / 1000 - 2) & 65535,
              (((a * 16 + 14) * 2246822519) % 4294967296) >> 20,
              8 + ((((a * 16 + 14) * 3266489917) % 4294967296) >> 30),
              ((((a * 16 + 14) * 3266489917) % 4294967296) >> 18) & 4095,
              ((a * 16 + 14) * 3330453 + ((a * 16 + 14) * 13743434) % 16777216 * 16777216) % 281474976710656)
WHERE flow_run_id = 'dangling';

-- Result artifacts referenced from the Completed states they belong to (the first one wins).
CREATE TEMP TABLE _tres(g INTEGER PRIMARY KEY, a INTEGER);
INSERT INTO _tres
SELECT x.g, min(x.a) FROM _art x JOIN _tr t ON t.g = x.g
WHERE x.family = 'task_result' AND t.tsc = 1 GROUP BY x.g ORDER BY x.g;
CREATE TEMP TABLE _fres(i INTEGER PRIMARY KEY, a INTEGER);
INSERT INTO _fres
SELECT x.fi, min(x.a) FROM _art x JOIN _fr f ON f.i = x.fi
WHERE x.family = 'flow_result' AND f.sc = 1 GROUP BY x.fi ORDER BY x.fi;

-- ---------------------------------------------------------------------------------------------
-- The real tables.
-- Timestamp spellings used below (p.z = Unix seconds of Z):
--   µs:  strftime('%Y-%m-%d %H:%M:%S', p.z + us / 1000000, 'unixepoch') || printf('.%06d', us % 1000000)
--   ms:  ... || printf('.%03d000', us / 1000 % 1000)        (what SQLite's own `now` default writes)
--   interval: strftime('%Y-%m-%d %H:%M:%S', us / 1000000, 'unixepoch') || printf('.%06d', us % 1000000)
--   in JSON (pydantic): strftime('%Y-%m-%dT%H:%M:%S', ...) || '.ffffff' (omitted when 0) || 'Z'
-- ---------------------------------------------------------------------------------------------

INSERT INTO flow (id, created, updated, name, tags, labels)
SELECT f.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + f.created_us / 1000000, 'unixepoch') || printf('.%06d', f.created_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (f.created_us + 9) / 1000000, 'unixepoch') || printf('.%06d', (f.created_us + 9) % 1000000),
       f.name, f.tags, '{}'
FROM _flow f CROSS JOIN _p p ORDER BY f.k;

-- Pools first without their default queue, then the queues, then the link (Prefect's order).
INSERT INTO work_pool (id, created, updated, name, description, type, base_job_template, is_paused,
                       concurrency_limit, default_queue_id, status, last_transitioned_status_at,
                       last_status_event_id, storage_configuration)
SELECT w.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + w.created_us / 1000000, 'unixepoch') || printf('.%06d', w.created_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + w.created_us / 1000000, 'unixepoch') || printf('.%06d', w.created_us % 1000000),
       w.name, w.description, w.type, w.base_job_template, w.is_paused, w.concurrency_limit, NULL, w.status,
       strftime('%Y-%m-%d %H:%M:%S', p.z + w.transitioned_us / 1000000, 'unixepoch') || printf('.%06d', w.transitioned_us % 1000000),
       printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((w.pl * 16 + 15) * 2654435761) % 4294967296,
              (((w.pl * 16 + 15) * 2246822519) % 4294967296) >> 16,
              (((w.pl * 16 + 15) * 3266489917) % 4294967296) >> 20,
              8 + ((((w.pl * 16 + 15) * 668265263) % 4294967296) >> 30),
              ((((w.pl * 16 + 15) * 668265263) % 4294967296) >> 18) & 4095,
              ((w.pl * 16 + 15) * 3330453 + ((w.pl * 16 + 15) * 13743434) % 16777216 * 16777216) % 281474976710656),
       '{"bundle_upload_step": null, "bundle_execution_step": null, "default_result_storage_block_id": null}'
FROM _pool w CROSS JOIN _p p ORDER BY w.pl;

INSERT INTO work_queue (id, created, updated, name, filter, description, is_paused, concurrency_limit,
                        last_polled, priority, work_pool_id, status)
SELECT q.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + (w.created_us + q.q * 1500) / 1000000, 'unixepoch') || printf('.%06d', (w.created_us + q.q * 1500) % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (w.updated_us + q.q * 1000) / 1000000, 'unixepoch') || printf('.%03d000', (w.updated_us + q.q * 1000) / 1000 % 1000),
       q.name, NULL,
       CASE WHEN q.name = 'default' THEN 'The work pool''s default queue.' ELSE '' END,
       q.is_paused, q.concurrency_limit,
       strftime('%Y-%m-%d %H:%M:%S', p.z + (p.n - q.polled_ago_us + q.q * 4321) / 1000000, 'unixepoch') || printf('.%06d', (p.n - q.polled_ago_us + q.q * 4321) % 1000000),
       q.priority, w.id, q.status
FROM _queue q JOIN _pool w ON w.pl = q.pl CROSS JOIN _p p ORDER BY q.q;

UPDATE work_pool SET
  default_queue_id = (SELECT q.id FROM _queue q JOIN _pool w ON w.pl = q.pl
                      WHERE w.id = work_pool.id AND q.name = 'default'),
  updated = (SELECT strftime('%Y-%m-%d %H:%M:%S', p.z + w.updated_us / 1000000, 'unixepoch')
                    || printf('.%03d000', w.updated_us / 1000 % 1000)
             FROM _pool w CROSS JOIN _p p WHERE w.id = work_pool.id);

INSERT INTO deployment (id, created, updated, name, tags, parameters, flow_id, description,
                        infrastructure_document_id, parameter_openapi_schema, storage_document_id, version,
                        infra_overrides, path, entrypoint, work_queue_name, created_by, updated_by, work_queue_id,
                        pull_steps, enforce_parameter_schema, last_polled, paused, status, concurrency_limit,
                        concurrency_options, concurrency_limit_id, labels, version_id)
SELECT d.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + d.created_us / 1000000, 'unixepoch') || printf('.%06d', d.created_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (d.created_us + 2 * 86400000000 * d.paused + 48000) / 1000000, 'unixepoch')
         || printf('.%03d000', (d.created_us + 2 * 86400000000 * d.paused + 48000) / 1000 % 1000),
       d.name, d.tags,
       CASE f.pkind WHEN 0 THEN '{"date": null}' WHEN 2 THEN '{"limit": 1000, "dry_run": false}' ELSE '{}' END,
       f.id,
       CASE WHEN d.j % 4 = 3 THEN NULL ELSE 'Runs ' || f.name || ' (' || d.name || ') on ' || w.name || '/' || q.name || '.' END,
       NULL,
       CASE f.pkind
         WHEN 0 THEN '{"title": "Parameters", "type": "object", "properties": {"date": {"anyOf": [{"format": "date", "type": "string"}, {"type": "null"}], "default": null, "position": 0, "title": "date"}}}'
         WHEN 2 THEN '{"title": "Parameters", "type": "object", "properties": {"limit": {"default": 1000, "position": 0, "title": "limit", "type": "integer"}, "dry_run": {"default": false, "position": 1, "title": "dry_run", "type": "boolean"}}}'
         ELSE '{"title": "Parameters", "type": "object", "properties": {}}' END,
       NULL, d.version,
       CASE WHEN w.type = 'process' THEN '{}' ELSE '{"image": "registry.example.com/data-flows:' || d.version || '"}' END,
       NULL,
       'flows/' || replace(f.name, '-', '_') || '.py:' || replace(f.name, '-', '_'),
       q.name, NULL, NULL, q.id,
       '[{"prefect.deployments.steps.git_clone": {"repository": "https://github.com/acme/data-flows.git", "branch": "main"}}]',
       1,
       strftime('%Y-%m-%d %H:%M:%S', p.z + d.polled_us / 1000000, 'unixepoch') || printf('.%06d', d.polled_us % 1000000),
       d.paused, d.status, NULL, NULL, NULL,
       '{"prefect.flow.id": "' || f.id || '"}',
       NULL
FROM _dep d CROSS JOIN _p p
JOIN _flow f ON f.k = d.flow_k
JOIN _queue q ON q.q = d.q
JOIN _pool w ON w.pl = q.pl
ORDER BY d.j;

INSERT INTO flow_run (id, created, updated, name, state_type, run_count, expected_start_time,
                      next_scheduled_start_time, start_time, end_time, total_run_time, flow_version, parameters,
                      idempotency_key, context, empirical_policy, tags, auto_scheduled, flow_id, deployment_id,
                      parent_task_run_id, state_id, state_name, infrastructure_document_id, work_queue_name,
                      state_timestamp, created_by, infrastructure_pid, work_queue_id, job_variables,
                      deployment_version, labels)
SELECT r.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.created_us / 1000000, 'unixepoch') || printf('.%06d', r.created_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (r.state_us + 3000 + r.i % 5000) / 1000000, 'unixepoch')
         || printf('.%03d000', (r.state_us + 3000 + r.i % 5000) / 1000 % 1000),
       r.name, st.type, r.run_count,
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.exp_us / 1000000, 'unixepoch') || printf('.%06d', r.exp_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.next_us / 1000000, 'unixepoch') || printf('.%06d', r.next_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.start_us / 1000000, 'unixepoch') || printf('.%06d', r.start_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.end_us / 1000000, 'unixepoch') || printf('.%06d', r.end_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', r.total_us / 1000000, 'unixepoch') || printf('.%06d', r.total_us % 1000000),
       -- flow_version: the md5 of the flow's source file, which changes every ten days or so
       printf('%08x%08x%08x%08x',
              (f.k * 2654435761 + (r.exp_us / 864000000000) * 40503) % 4294967296,
              (f.k * 2246822519 + (r.exp_us / 864000000000) * 12345) % 4294967296,
              (f.k * 3266489917 + (r.exp_us / 864000000000) * 777) % 4294967296,
              (f.k * 668265263 + (r.exp_us / 864000000000)) % 4294967296),
       CASE f.pkind
         WHEN 0 THEN '{"date": "' || strftime('%Y-%m-%d', p.z + r.exp_us / 1000000, 'unixepoch') || '"}'
         WHEN 2 THEN '{"limit": ' || (1000 * (1 + r.i % 3)) || ', "dry_run": false}'
         ELSE '{}' END,
       CASE WHEN r.auto = 1 THEN
         'scheduled ' || d.id || ' ' || d.sched_id || ' '
         || strftime('%Y-%m-%d %H:%M:%S', p.z + r.exp_us / 1000000, 'unixepoch') || '+00:00' END,
       '{}',
       CASE WHEN r.sc = 2 AND r.run_count > 1 OR r.sc IN (11, 12)
            THEN '{"max_retries": 0, "retry_delay_seconds": 0.0, "retries": 2, "retry_delay": 30, "pause_keys": [], "resuming": false, "retry_type": null}'
            ELSE '{"max_retries": 0, "retry_delay_seconds": 0.0, "retries": 0, "retry_delay": 0, "pause_keys": [], "resuming": false, "retry_type": null}' END,
       CASE WHEN r.auto = 1 THEN CASE WHEN d.tags = '[]' THEN '["auto-scheduled"]' ELSE '["auto-scheduled", ' || substr(d.tags, 2) END
            WHEN d.j IS NOT NULL THEN d.tags
            WHEN r.parent_i IS NOT NULL THEN '[]'
            WHEN r.i % 3 = 0 THEN '["dev"]'
            ELSE '[]' END,
       r.auto, f.id, d.id, pt.id, r.state_id, st.name, NULL, q.name,
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.state_us / 1000000, 'unixepoch') || printf('.%06d', r.state_us % 1000000),
       CASE WHEN r.auto = 1 THEN '{"id": "' || d.sched_id || '", "type": "SCHEDULE", "display_value": "' || d.sched_name || '"}'
            WHEN d.j IS NOT NULL AND r.i % 3 = 0 THEN
              '{"id": "' || printf('%08x-%04x-4%03x-%x%03x-%012x',
                                   (((1 + r.i / 3 % 3) * 16 + 12) * 2654435761) % 4294967296,
                                   ((((1 + r.i / 3 % 3) * 16 + 12) * 2246822519) % 4294967296) >> 16,
                                   ((((1 + r.i / 3 % 3) * 16 + 12) * 3266489917) % 4294967296) >> 20,
                                   8 + (((((1 + r.i / 3 % 3) * 16 + 12) * 668265263) % 4294967296) >> 30),
                                   (((((1 + r.i / 3 % 3) * 16 + 12) * 668265263) % 4294967296) >> 18) & 4095,
                                   (((1 + r.i / 3 % 3) * 16 + 12) * 3330453 + (((1 + r.i / 3 % 3) * 16 + 12) * 13743434) % 16777216 * 16777216) % 281474976710656)
              || '", "type": "AUTOMATION", "display_value": "'
              || json_extract('["rerun-failed-etl", "on-upstream-complete", "nightly-backfill"]', '$[' || (r.i / 3 % 3) || ']')
              || '"}'
            END,
       CASE WHEN d.j IS NOT NULL AND r.start_us IS NOT NULL
            THEN w.name || '-worker-' || (1 + r.i % 3) || ':' || (1000 + (r.i * 7919) % 60000) END,
       q.id,
       '{}',
       d.version,
       CASE WHEN d.j IS NOT NULL THEN '{"prefect.flow.id": "' || f.id || '", "prefect.deployment.id": "' || d.id || '"}'
            ELSE '{"prefect.flow.id": "' || f.id || '"}' END
FROM _fr r CROSS JOIN _p p
JOIN _st st ON st.sc = r.sc
JOIN _flow f ON f.k = r.flow_k
LEFT JOIN _dep d ON d.j = r.dep_j
LEFT JOIN _queue q ON q.q = d.q
LEFT JOIN _pool w ON w.pl = q.pl
LEFT JOIN _tr pt ON pt.g = r.parent_i * p.T AND r.parent_i IS NOT NULL
ORDER BY r.i;

INSERT INTO flow_run_state (id, created, updated, type, timestamp, name, message, state_details, data,
                            flow_run_id, result_artifact_id)
SELECT r.state_id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + (r.state_us + 400) / 1000000, 'unixepoch') || printf('.%06d', (r.state_us + 400) % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (r.state_us + 400) / 1000000, 'unixepoch') || printf('.%06d', (r.state_us + 400) % 1000000),
       st.type,
       strftime('%Y-%m-%d %H:%M:%S', p.z + r.state_us / 1000000, 'unixepoch') || printf('.%06d', r.state_us % 1000000),
       st.name, st.message,
       '{"flow_run_id": "' || r.id || '", "task_run_id": '
         || CASE WHEN pt.id IS NULL THEN 'null' ELSE '"' || pt.id || '"' END
         || ', "child_flow_run_id": null, "scheduled_time": '
         || CASE WHEN r.next_us IS NULL THEN 'null'
                 ELSE '"' || strftime('%Y-%m-%dT%H:%M:%S', p.z + r.next_us / 1000000, 'unixepoch')
                      || CASE WHEN r.next_us % 1000000 = 0 THEN '' ELSE printf('.%06d', r.next_us % 1000000) END || 'Z"' END
         || ', "cache_key": null, "cache_expiration": null, "deferred": false, "untrackable_result": false, "pause_timeout": '
         || CASE WHEN r.sc = 10
                 THEN '"' || strftime('%Y-%m-%dT%H:%M:%S', p.z + r.state_us / 1000000 + 3600, 'unixepoch')
                      || printf('.%06d', r.state_us % 1000000) || 'Z"'
                 ELSE 'null' END
         || ', "pause_reschedule": false, "pause_key": ' || CASE WHEN r.sc = 10 THEN '"1"' ELSE 'null' END
         || ', "run_input_keyset": null, "refresh_cache": null, "retriable": null, "transition_id": null, "task_parameters_id": null}',
       NULL, r.id, ra.id
FROM _fr r CROSS JOIN _p p
JOIN _st st ON st.sc = r.sc
LEFT JOIN _tr pt ON pt.g = r.parent_i * p.T AND r.parent_i IS NOT NULL
LEFT JOIN _fres fr ON fr.i = r.i
LEFT JOIN (SELECT a, printf('%08x-%04x-4%03x-%x%03x-%012x',
                            ((a * 16 + 10) * 2654435761) % 4294967296,
                            (((a * 16 + 10) * 2246822519) % 4294967296) >> 16,
                            (((a * 16 + 10) * 3266489917) % 4294967296) >> 20,
                            8 + ((((a * 16 + 10) * 668265263) % 4294967296) >> 30),
                            ((((a * 16 + 10) * 668265263) % 4294967296) >> 18) & 4095,
                            ((a * 16 + 10) * 3330453 + ((a * 16 + 10) * 13743434) % 16777216 * 16777216) % 281474976710656) AS id
           FROM _fres) ra ON ra.a = fr.a
ORDER BY r.i;

INSERT INTO task_run (id, created, updated, name, state_type, run_count, expected_start_time,
                      next_scheduled_start_time, start_time, end_time, total_run_time, task_key, dynamic_key,
                      cache_key, cache_expiration, task_version, empirical_policy, task_inputs, tags, flow_run_id,
                      state_id, state_name, state_timestamp, flow_run_run_count, labels)
SELECT t.id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + t.created_us / 1000000, 'unixepoch') || printf('.%06d', t.created_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (t.state_us + 2000) / 1000000, 'unixepoch') || printf('.%03d000', (t.state_us + 2000) / 1000 % 1000),
       t.name, st.type, t.run_count,
       strftime('%Y-%m-%d %H:%M:%S', p.z + (t.created_us + 1000) / 1000000, 'unixepoch') || printf('.%06d', (t.created_us + 1000) % 1000000),
       NULL,
       strftime('%Y-%m-%d %H:%M:%S', p.z + t.start_us / 1000000, 'unixepoch') || printf('.%06d', t.start_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + t.end_us / 1000000, 'unixepoch') || printf('.%06d', t.end_us % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', t.total_us / 1000000, 'unixepoch') || printf('.%06d', t.total_us % 1000000),
       t.task_key, t.dynamic_key, t.cache_key, NULL, NULL,
       '{"max_retries": 0, "retry_delay_seconds": 0.0, "retries": 0, "retry_delay": 0, "retry_jitter_factor": null}',
       CASE WHEN t.j = 0 THEN '{}'
            ELSE '{"data": [{"input_type": "task_run", "id": "' || prev.id || '"}]}' END,
       t.tags, r.id, t.state_id, st.name,
       strftime('%Y-%m-%d %H:%M:%S', p.z + t.state_us / 1000000, 'unixepoch') || printf('.%06d', t.state_us % 1000000),
       r.run_count,
       '{}'
FROM _tr t CROSS JOIN _p p
JOIN _st st ON st.sc = t.tsc
JOIN _fr r ON r.i = t.fi
LEFT JOIN _tr prev ON prev.g = t.g - 1 AND t.j > 0
ORDER BY t.g;

INSERT INTO task_run_state (id, created, updated, type, timestamp, name, message, state_details, data,
                            task_run_id, result_artifact_id)
SELECT t.state_id,
       strftime('%Y-%m-%d %H:%M:%S', p.z + (t.state_us + 300) / 1000000, 'unixepoch') || printf('.%06d', (t.state_us + 300) % 1000000),
       strftime('%Y-%m-%d %H:%M:%S', p.z + (t.state_us + 300) / 1000000, 'unixepoch') || printf('.%06d', (t.state_us + 300) % 1000000),
       st.type,
       strftime('%Y-%m-%d %H:%M:%S', p.z + t.state_us / 1000000, 'unixepoch') || printf('.%06d', t.state_us % 1000000),
       st.name, st.message,
       '{"flow_run_id": "' || r.id || '", "task_run_id": "' || t.id || '", "child_flow_run_id": '
         || CASE WHEN s.id IS NULL THEN 'null' ELSE '"' || s.id || '"' END
         || ', "scheduled_time": null, "cache_key": ' || CASE WHEN t.cache_key IS NULL THEN 'null' ELSE '"' || t.cache_key || '"' END
         || ', "cache_expiration": null, "deferred": false, "untrackable_result": false, "pause_timeout": null, "pause_reschedule": false, "pause_key": null, "run_input_keyset": null, "refresh_cache": null, "retriable": null, "transition_id": null, "task_parameters_id": null}',
       NULL, t.id,
       CASE WHEN tr.a IS NOT NULL THEN
         printf('%08x-%04x-4%03x-%x%03x-%012x',
                ((tr.a * 16 + 10) * 2654435761) % 4294967296,
                (((tr.a * 16 + 10) * 2246822519) % 4294967296) >> 16,
                (((tr.a * 16 + 10) * 3266489917) % 4294967296) >> 20,
                8 + ((((tr.a * 16 + 10) * 668265263) % 4294967296) >> 30),
                ((((tr.a * 16 + 10) * 668265263) % 4294967296) >> 18) & 4095,
                ((tr.a * 16 + 10) * 3330453 + ((tr.a * 16 + 10) * 13743434) % 16777216 * 16777216) % 281474976710656) END
FROM _tr t CROSS JOIN _p p
JOIN _st st ON st.sc = t.tsc
JOIN _fr r ON r.i = t.fi
LEFT JOIN _fr s ON s.i = t.sub_i
LEFT JOIN _tres tr ON tr.g = t.g
ORDER BY t.g;

-- Artifacts. data as Prefect's client sends it: markdown and link as a JSON string, table as a JSON
-- string that holds the table's JSON (three shapes), progress as a number (42.0 is stored as INTEGER
-- 42 by the column's NUMERIC affinity, exactly as in Prefect), results as an object.
INSERT INTO artifact (id, created, updated, "key", type, data, metadata_, task_run_id, flow_run_id, description)
SELECT printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((x.a * 16 + 10) * 2654435761) % 4294967296,
              (((x.a * 16 + 10) * 2246822519) % 4294967296) >> 16,
              (((x.a * 16 + 10) * 3266489917) % 4294967296) >> 20,
              8 + ((((x.a * 16 + 10) * 668265263) % 4294967296) >> 30),
              ((((x.a * 16 + 10) * 668265263) % 4294967296) >> 18) & 4095,
              ((x.a * 16 + 10) * 3330453 + ((x.a * 16 + 10) * 13743434) % 16777216 * 16777216) % 281474976710656),
       x.ts, x.ts, x.key, x.type,
       CASE
         WHEN x.type = 'markdown' THEN json_quote(replace(printf(
                '# %s\n\nFlow run `%s` of **%s** processed %d rows in %d s.\n\n| check | result |\n| --- | --- |\n| rows | %d |\n| null ids | %d |\n| status | %s |\n',
                coalesce(x.title, 'Notes'), coalesce(x.run_name, 'none'), coalesce(x.flow_name, 'scratch'),
                x.rows, 1 + x.ha % 900, x.rows, x.ha % 7, CASE WHEN x.ha % 7 = 0 THEN 'ok' ELSE 'warning' END),
                '\n', char(10)))
         WHEN x.type = 'table' THEN json_quote(CASE x.shape
                WHEN 0 THEN printf('{"region": ["eu", "us", "apac"], "orders": [%d, %d, %d], "revenue": [%d.%d, %d.0, %d.25]}',
                                   x.rows % 500, x.rows % 1300, x.rows % 70, x.ha % 90000, x.ha % 10, x.ha % 50000, x.ha % 7000)
                WHEN 1 THEN printf('[{"region": "eu", "orders": %d, "ok": true}, {"region": "us", "orders": %d, "ok": true}, {"region": "apac", "orders": %d, "ok": %s}]',
                                   x.rows % 500, x.rows % 1300, x.rows % 70, CASE WHEN x.ha % 3 = 0 THEN 'false' ELSE 'true' END)
                ELSE printf('[["eu", %d, 0.5], ["us", %d, 1.25], ["apac", %d, null]]',
                            x.rows % 500, x.rows % 1300, x.rows % 70) END)
         WHEN x.type = 'link' THEN json_quote(CASE WHEN x.kind = 6
                THEN printf('[%s runbook](https://docs.example.com/runbooks/%s)', x.flow_name, x.flow_name)
                ELSE printf('[Open dashboard](https://grafana.example.com/d/%s?var-flow_run=%s)', x.key, coalesce(x.run_name, 'none')) END)
         -- progress: the share of the run's window elapsed when the artifact was written
         WHEN x.type = 'progress' THEN printf('%d.%d', (50 + x.ha % 900) / 10, CASE WHEN x.ha % 3 = 0 THEN 0 ELSE x.ha % 10 END)
         ELSE printf('{"storage_key": "/opt/prefect/storage/%08x%08x%08x%08x", "expiration": null, "serializer": {"type": "pickle", "picklelib": "cloudpickle", "picklelib_version": null}, "prefect_version": "3.4.11", "storage_block_id": null}',
                     (x.a * 2654435761) % 4294967296, (x.a * 2246822519) % 4294967296,
                     (x.a * 3266489917) % 4294967296, (x.a * 668265263) % 4294967296)
       END,
       CASE WHEN x.type = 'table' THEN '{"rows": "3", "source": "warehouse.' || replace(coalesce(x.flow_name, 'scratch'), '-', '_') || '"}'
            WHEN x.type = 'markdown' AND x.kk IS NOT NULL AND x.v % 4 = 0 THEN '{"owner": "data-eng", "channel": "#data-alerts"}'
            ELSE 'null' END,
       x.task_run_id, x.flow_run_id,
       CASE WHEN x.kk IS NULL THEN CASE WHEN x.type = 'table' THEN 'Row counts per region' END
            WHEN x.type IN ('markdown', 'table') AND x.v % 4 <> 3
              THEN x.title || ' for ' || strftime('%Y-%m-%d', x.ts)
            WHEN x.type = 'link' THEN x.title END
FROM (
  SELECT a.*, kd.title,
         strftime('%Y-%m-%d %H:%M:%S', p.z + a.created_us / 1000000, 'unixepoch') || printf('.%06d', a.created_us % 1000000) AS ts,
         100 + a.ha % 5000 AS rows,
         coalesce(a.v, a.a) % 3 AS shape
  FROM _art a CROSS JOIN _p p
  LEFT JOIN _kind kd ON kd.kind = a.kind
  LEFT JOIN _fr f ON f.i = a.fi
) x
ORDER BY x.a;

-- artifact_collection: one row per key, as Prefect's create-upsert leaves it: latest_id and the copied
-- columns from the artifact with the greatest `created`, created = the key's first artifact's created,
-- updated = the latest artifact's created, id a uuid of its own.
INSERT INTO artifact_collection (id, created, updated, "key", latest_id, task_run_id, flow_run_id, type, data,
                                 description, metadata_)
SELECT printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((k.kk * 16 + 11) * 2654435761) % 4294967296,
              (((k.kk * 16 + 11) * 2246822519) % 4294967296) >> 16,
              (((k.kk * 16 + 11) * 3266489917) % 4294967296) >> 20,
              8 + ((((k.kk * 16 + 11) * 668265263) % 4294967296) >> 30),
              ((((k.kk * 16 + 11) * 668265263) % 4294967296) >> 18) & 4095,
              ((k.kk * 16 + 11) * 3330453 + ((k.kk * 16 + 11) * 13743434) % 16777216 * 16777216) % 281474976710656),
       l.first_created, l.created, l."key", l.id, l.task_run_id, l.flow_run_id, l.type, l.data,
       l.description, l.metadata_
FROM (
  SELECT x.*, row_number() OVER (PARTITION BY x."key" ORDER BY x.created DESC) AS rn,
         min(x.created) OVER (PARTITION BY x."key") AS first_created
  FROM artifact x WHERE x."key" IS NOT NULL
) l
JOIN _key k ON k.name = l."key"
WHERE l.rn = 1
ORDER BY k.kk;

-- Logs, as Prefect's loggers write them: per started flow run its "Beginning" line, a line per started
-- task run, an ERROR per failed task run, and the flow run's end (ERROR for Failed and Crashed runs).
-- Ids: codes that are multiples of 16 (n * 48, n * 48 + 16, n * 48 + 32), which no other table uses.
INSERT INTO log (id, created, updated, name, level, flow_run_id, task_run_id, message, timestamp)
SELECT printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((l.n * 48) * 2654435761) % 4294967296,
              (((l.n * 48) * 2246822519) % 4294967296) >> 16,
              (((l.n * 48) * 3266489917) % 4294967296) >> 20,
              8 + ((((l.n * 48) * 668265263) % 4294967296) >> 30),
              ((((l.n * 48) * 668265263) % 4294967296) >> 18) & 4095,
              ((l.n * 48) * 3330453 + ((l.n * 48) * 13743434) % 16777216 * 16777216) % 281474976710656), l.ts, l.ts, l.name, l.level, l.flow_run_id, l.task_run_id, l.message, l.ts
FROM (
  SELECT row_number() OVER (ORDER BY ts, ord, flow_run_id, task_run_id) AS n, *
  FROM (
    SELECT fr.start_time AS ts, 0 AS ord, 'prefect.flow_runs' AS name, 20 AS level, fr.id AS flow_run_id,
           NULL AS task_run_id, 'Beginning flow run ''' || fr.name || ''' for flow ''' || f.name || '''' AS message
      FROM flow_run fr JOIN flow f ON f.id = fr.flow_id WHERE fr.start_time IS NOT NULL
    UNION ALL
    SELECT tr.start_time, 1, 'prefect.task_runs', 20, tr.flow_run_id, tr.id,
           'Task run ''' || tr.name || ''' - Beginning execution'
      FROM task_run tr WHERE tr.start_time IS NOT NULL AND tr.flow_run_id IS NOT NULL
    UNION ALL
    SELECT tr.end_time, 2, 'prefect.task_runs', 20, tr.flow_run_id, tr.id,
           'Task run ''' || tr.name || ''' - Finished in state Completed()'
      FROM task_run tr WHERE tr.state_type = 'COMPLETED' AND tr.end_time IS NOT NULL AND tr.flow_run_id IS NOT NULL
    UNION ALL
    SELECT coalesce(tr.end_time, tr.start_time), 2, 'prefect.task_runs', 40, tr.flow_run_id, tr.id,
           'Task run ''' || tr.name || ''' - Task run failed with exception: ValueError(''bad input in '
           || tr.name || ''') - Retries are exhausted'
      FROM task_run tr WHERE tr.state_type = 'FAILED' AND tr.start_time IS NOT NULL AND tr.flow_run_id IS NOT NULL
    UNION ALL
    SELECT fr.end_time, 3, 'prefect.flow_runs', CASE fr.state_type WHEN 'COMPLETED' THEN 20 ELSE 40 END, fr.id, NULL,
           CASE fr.state_type
             WHEN 'COMPLETED' THEN 'Finished in state Completed()'
             WHEN 'FAILED' THEN 'Finished in state Failed(''Flow run encountered an exception: ValueError: bad input'')'
             ELSE 'Crash detected! Execution was interrupted by an unexpected exception.' END
      FROM flow_run fr WHERE fr.end_time IS NOT NULL AND fr.state_type IN ('COMPLETED', 'FAILED', 'CRASHED')
  )
) l
ORDER BY l.n;

-- Variables (value is JSON, as Prefect stores it) and two workers per work pool.
INSERT INTO variable (id, created, updated, name, value, tags)
SELECT printf('%08x-%04x-4%03x-%x%03x-%012x',
              ((v.n * 48 + 16) * 2654435761) % 4294967296,
              (((v.n * 48 + 16) * 2246822519) % 4294967296) >> 16,
              (((v.n * 48 + 16) * 3266489917) % 4294967296) >> 20,
              8 + ((((v.n * 48 + 16) * 668265263) % 4294967296) >> 30),
              ((((v.n * 48 + 16) * 668265263) % 4294967296) >> 18) & 4095,
              ((v.n * 48 + 16) * 3330453 + ((v.n * 48 + 16) * 13743434) % 16777216 * 16777216) % 281474976710656), v.ts, v.ts, v.name, v.value, v.tags
FROM (SELECT 1 AS n, '2026-09-01 09:00:00.000000' AS ts, 'etl_batch_size' AS name, '500' AS value, '["etl"]' AS tags
      UNION ALL SELECT 2, '2026-09-02 09:00:00.000000', 'etl_source_bucket', '"s3://demo-orders"', '["etl", "prod"]'
      UNION ALL SELECT 3, '2026-09-03 09:00:00.000000', 'ml_learning_rate', '0.001', '["ml"]'
      UNION ALL SELECT 4, '2026-09-04 09:00:00.000000', 'ml_features', '["age", "plan", "region"]', '["ml", "prod"]'
      UNION ALL SELECT 5, '2026-09-05 09:00:00.000000', 'report_recipients', '{"to": ["ops@example.com"], "cc": []}', '[]'
      UNION ALL SELECT 6, '2026-09-06 09:00:00.000000', 'maintenance_mode', 'false', '[]') v
ORDER BY v.n;

INSERT INTO worker (id, created, updated, name, last_heartbeat_time, work_pool_id, heartbeat_interval_seconds, status)
SELECT printf('%08x-%04x-4%03x-%x%03x-%012x',
              (((wp.rn * 2 + k.k) * 48 + 32) * 2654435761) % 4294967296,
              ((((wp.rn * 2 + k.k) * 48 + 32) * 2246822519) % 4294967296) >> 16,
              ((((wp.rn * 2 + k.k) * 48 + 32) * 3266489917) % 4294967296) >> 20,
              8 + (((((wp.rn * 2 + k.k) * 48 + 32) * 668265263) % 4294967296) >> 30),
              (((((wp.rn * 2 + k.k) * 48 + 32) * 668265263) % 4294967296) >> 18) & 4095,
              (((wp.rn * 2 + k.k) * 48 + 32) * 3330453 + (((wp.rn * 2 + k.k) * 48 + 32) * 13743434) % 16777216 * 16777216) % 281474976710656),
       '2026-10-01 00:00:00.000000', '2026-10-30 23:59:00.000000',
       wp.name || '-worker-' || (k.k + 1),
       CASE k.k WHEN 0 THEN '2026-10-30 23:59:30.000000' ELSE '2026-10-29 12:00:00.000000' END,
       wp.id, 30, CASE k.k WHEN 0 THEN 'ONLINE' ELSE 'OFFLINE' END
FROM (SELECT row_number() OVER (ORDER BY name) AS rn, id, name FROM work_pool) wp
CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) k
ORDER BY wp.rn, k.k;

COMMIT;

DROP TABLE _p; DROP TABLE _n; DROP TABLE _flow_base; DROP TABLE _task_base; DROP TABLE _st;
DROP TABLE _adj; DROP TABLE _animal; DROP TABLE _kind; DROP TABLE _flow; DROP TABLE _pool; DROP TABLE _queue;
DROP TABLE _dep; DROP TABLE _fr; DROP TABLE _tr; DROP TABLE _started; DROP TABLE _rbf; DROP TABLE _rbfc;
DROP TABLE _key; DROP TABLE _art; DROP TABLE _tres; DROP TABLE _fres;
