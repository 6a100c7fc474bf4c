/*
** responses.c: Prefect's response models and the routes prefect_api()
** answers, as data. Pure data, like describe.c: api.c renders every
** response with one renderer and routes every path with one router.
**
** A response is its fields in the model's order (Prefect's
** server/schemas/core.py and responses.py), each with the SQL that reads
** it and how it is rendered (RenderKind, internal.h). Field templates use
** '@' for the alias of the row being rendered; the named parameters
** :prefect_now_us (microseconds) and :prefect_now_iso (as Prefect writes a
** time it fills in) are the connection's clock, read once per statement.
**
** A route is an entry of prefect_routes: Prefect's method and path, the
** collection whose compiled statement feeds it, and its response. Each
** router is listed whole, in Prefect's order (server/api/<router>.py), the
** routes prefect_api() does not answer included (ROUTE_NONE), so that a
** path gets what Starlette would answer: the route, 404, 405 or 307.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

/* Microseconds since the epoch of a stored 'YYYY-MM-DD HH:MM:SS.ffffff':
** the whole seconds of its first 19 characters (strftime() would round the
** fraction to milliseconds first, '...:38.999738' into second 39), then
** the fraction's digits. */
#define MICROS(x) \
  "(CAST(strftime('%s', substr(" x ", 1, 19)) AS INTEGER) * 1000000 + CAST(substr(" x ", 21, 6) AS INTEGER))"

#define F(key, render, expr) { key, render, expr, 0, 0, 0 }
#define VALUE(key) F(key, RENDER_VALUE, 0)
#define TIME(key) F(key, RENDER_TIME, 0)
#define JSON_(key) F(key, RENDER_JSON, 0)
#define BOOL_(key) F(key, RENDER_BOOL, 0)
#define DOC_BOOL(key, dflt) { key, RENDER_DOC_BOOL, 0, dflt, 0, 0 }
#define OBJECT(key, from, sub) { key, RENDER_OBJECT, from, 0, &sub, 0 }
#define END_FIELDS { 0, RENDER_VALUE, 0, 0, 0, 0 }
/* ORMBaseModel's fields, first in every model read from a row */
#define ORM_FIELDS VALUE("id"), TIME("created"), TIME("updated")

/* ---- Artifact, ArtifactCollection ------------------------------------------ */
/* The Artifact model cuts metadata values at 500 characters. GET
** /artifacts/{key}/latest renders the collection row in this shape. */
static const FieldDesc aArtifactFields[] = {
  ORM_FIELDS, VALUE("key"), VALUE("type"), VALUE("description"), JSON_("data"),
  F("metadata_", RENDER_CUT_VALUES, 0), VALUE("flow_run_id"), VALUE("task_run_id"), END_FIELDS };
static const ResponseDesc Artifact = { "Artifact", "q", 0, 0, 0, 0, aArtifactFields };

static const FieldDesc aArtifactCollectionFields[] = {
  ORM_FIELDS, VALUE("key"), VALUE("latest_id"), VALUE("type"), VALUE("description"), JSON_("data"),
  JSON_("metadata_"), VALUE("flow_run_id"), VALUE("task_run_id"), END_FIELDS };
static const ResponseDesc ArtifactCollection = { "ArtifactCollection", "q", 0, 0, 0, 0, aArtifactCollectionFields };

/* ---- Flow ---------------------------------------------------------------------- */
static const FieldDesc aFlowFields[] = {
  ORM_FIELDS, VALUE("name"), JSON_("tags"), JSON_("labels"), END_FIELDS };
static const ResponseDesc Flow = { "Flow", "q", 0, 0, 0, 0, aFlowFields };

/* ---- State, StateDetails ------------------------------------------------------- */
/* Every field, defaults filled in; a SCHEDULED state without a scheduled
** time gets the time of the request. */
static const FieldDesc aStateDetailsFields[] = {
  VALUE("flow_run_id"), VALUE("task_run_id"), VALUE("child_flow_run_id"),
  F("scheduled_time", RENDER_VALUE,
    "CASE WHEN @.type = 'SCHEDULED' AND json_extract(@.state_details, '$.scheduled_time') IS NULL "
    "THEN :prefect_now_iso ELSE json_extract(@.state_details, '$.scheduled_time') END"),
  VALUE("cache_key"), VALUE("cache_expiration"), DOC_BOOL("deferred", "false"),
  DOC_BOOL("untrackable_result", "false"), VALUE("pause_timeout"), DOC_BOOL("pause_reschedule", "false"),
  VALUE("pause_key"), VALUE("run_input_keyset"), DOC_BOOL("refresh_cache", "null"), DOC_BOOL("retriable", "null"),
  VALUE("transition_id"), VALUE("task_parameters_id"), VALUE("traceparent"),
  VALUE("deployment_concurrency_lease_id"), END_FIELDS };
static const ResponseDesc StateDetails = { "StateDetails", "s", "@.state_details", 0, 0, 0, aStateDetailsFields };

/* The state's data is its own, or else its result artifact's (Prefect reads
** the artifact when the state's own data is empty). */
static const FieldDesc aStateFields[] = {
  VALUE("id"), VALUE("type"), VALUE("name"), TIME("timestamp"), VALUE("message"),
  F("data", RENDER_VALUE,
    "CASE WHEN @.data IS NULL OR json_type(@.data) IN ('null', 'false') OR json(@.data) IN ('{}', '[]', '\"\"') "
    "OR (json_type(@.data) IN ('integer', 'real') AND @.data = 0) "
    "THEN (SELECT json(ra.data) FROM artifact AS ra WHERE ra.id = @.result_artifact_id) ELSE json(@.data) END"),
  OBJECT("state_details", 0, StateDetails), END_FIELDS };
static const ResponseDesc State = { "State", "s", 0, 0, 0, 0, aStateFields };

/* ---- FlowRunPolicy, TaskRunPolicy ------------------------------------------------ */
/* Defaults filled in, and the deprecated fields copied forward as Prefect's
** validator does (retries from max_retries, retry_delay from
** retry_delay_seconds). */
#define POLICY(k) "json_extract(@.empirical_policy, '$." k "')"
#define POLICY_COMMON \
  F("max_retries", RENDER_VALUE, "coalesce(" POLICY("max_retries") ", 0)"), \
  F("retry_delay_seconds", RENDER_FLOAT, "coalesce(" POLICY("retry_delay_seconds") ", 0)"), \
  F("retries", RENDER_VALUE, \
    "CASE WHEN coalesce(" POLICY("retries") ", 0) = 0 AND coalesce(" POLICY("max_retries") ", 0) != 0 " \
    "THEN " POLICY("max_retries") " ELSE " POLICY("retries") " END")
/* retry_delay: a list holding one float is all floats */
#define POLICY_RETRY_DELAY(cast, endcast) \
  F("retry_delay", RENDER_VALUE, \
    "CASE WHEN json_type(@.empirical_policy, '$.retry_delay') = 'array' AND EXISTS (SELECT 1 FROM " \
    "json_each(" POLICY("retry_delay") ") AS rd WHERE rd.type = 'real') THEN (SELECT json_group_array(json(" \
    "CASE WHEN rd.type = 'integer' THEN rd.value || '.0' ELSE rd.value END)) FROM json_each(" POLICY("retry_delay") \
    ") AS rd) WHEN json_type(@.empirical_policy, '$.retry_delay') IN ('array', 'object') THEN " POLICY("retry_delay") \
    " WHEN coalesce(" POLICY("retry_delay") ", 0) = 0 AND coalesce(" POLICY("retry_delay_seconds") ", 0) != 0 " \
    "THEN CAST(" POLICY("retry_delay_seconds") " AS INTEGER) ELSE " cast POLICY("retry_delay") endcast " END")

static const FieldDesc aFlowRunPolicyFields[] = {
  POLICY_COMMON, POLICY_RETRY_DELAY("CAST(", " AS INTEGER)"),
  F("pause_keys", RENDER_VALUE,
    "CASE WHEN json_type(@.empirical_policy, '$.pause_keys') = 'array' THEN " POLICY("pause_keys") " "
    "WHEN json_type(@.empirical_policy, '$.pause_keys') = 'null' THEN NULL ELSE json('[]') END"),
  DOC_BOOL("resuming", "false"), VALUE("retry_type"), END_FIELDS };
static const ResponseDesc FlowRunPolicy = { "FlowRunPolicy", "q", "@.empirical_policy", 0, 0, 0, aFlowRunPolicyFields };

static const FieldDesc aTaskRunPolicyFields[] = {
  POLICY_COMMON, POLICY_RETRY_DELAY("", ""), F("retry_jitter_factor", RENDER_FLOAT, 0), END_FIELDS };
static const ResponseDesc TaskRunPolicy = { "TaskRunPolicy", "q", "@.empirical_policy", 0, 0, 0, aTaskRunPolicyFields };

/* ---- CreatedBy, UpdatedBy ------------------------------------------------------- */
static const FieldDesc aCreatedByFields[] = { VALUE("id"), VALUE("type"), VALUE("display_value"), END_FIELDS };
static const ResponseDesc CreatedBy = {
  "CreatedBy", "q", "@.created_by", "@.created_by IS NOT NULL", 0, 0, aCreatedByFields };
static const ResponseDesc UpdatedBy = {
  "UpdatedBy", "q", "@.updated_by", "@.updated_by IS NOT NULL", 0, 0, aCreatedByFields };

/* ---- the fields runs share ------------------------------------------------------- */
/* labels: {} where a row has none (a run or deployment of an older release) */
#define LABELS_SQL "coalesce(@.labels, '{}')"
#define RUN_TIMES TIME("expected_start_time"), TIME("next_scheduled_start_time"), TIME("start_time"), TIME("end_time")
/* estimated_run_time: a RUNNING run's total plus the time since it entered
** the state; estimated_start_time_delta: how late it started, or is (the
** ORM's Python properties, orm_models.py, in microseconds). */
#define ESTIMATED_RUN_TIME \
  "CASE WHEN @.state_type = 'RUNNING' AND @.state_timestamp IS NOT NULL THEN " MICROS("@.total_run_time") \
  " + :prefect_now_us - " MICROS("@.state_timestamp") " ELSE " MICROS("@.total_run_time") " END"
#define ESTIMATED_START_TIME_DELTA \
  "CASE WHEN @.start_time IS NOT NULL AND @.expected_start_time IS NOT NULL AND " \
  "@.start_time > @.expected_start_time THEN " MICROS("@.start_time") " - " MICROS("@.expected_start_time") \
  " WHEN @.start_time IS NULL AND @.expected_start_time IS NOT NULL AND " MICROS("@.expected_start_time") \
  " < :prefect_now_us AND (@.state_type IS NULL OR @.state_type NOT IN ('COMPLETED', 'CANCELLED', " \
  "'FAILED', 'CRASHED')) THEN :prefect_now_us - " MICROS("@.expected_start_time") " ELSE 0 END"
#define RUN_ESTIMATES \
  F("total_run_time", RENDER_INTERVAL, 0), \
  F("estimated_run_time", RENDER_MICROS, ESTIMATED_RUN_TIME), \
  F("estimated_start_time_delta", RENDER_MICROS, ESTIMATED_START_TIME_DELTA)
/* The work queue a run or deployment points at: the row's, when it exists */
/* (these three read the same on PostgreSQL: prefect_pg_texts, below) */
#define QUEUE_ID_SQL "coalesce((SELECT wq.id FROM work_queue AS wq WHERE wq.id = @.work_queue_id), @.work_queue_id)"
#define QUEUE_NAME_SQL \
  "CASE WHEN EXISTS (SELECT 1 FROM work_queue AS wq WHERE wq.id = @.work_queue_id) " \
  "THEN (SELECT wq.name FROM work_queue AS wq WHERE wq.id = @.work_queue_id) ELSE @.work_queue_name END"
#define QUEUE_ID F("work_queue_id", RENDER_VALUE, QUEUE_ID_SQL)
#define QUEUE_NAME F("work_queue_name", RENDER_VALUE, QUEUE_NAME_SQL)
#define POOL_OF_QUEUE(what) \
  "(SELECT wp." what " FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id " \
  "WHERE wq.id = @.work_queue_id)"

/* a run's state: its row (the same on PostgreSQL) */
#define FLOW_RUN_STATE_ROW "FROM flow_run_state AS s WHERE s.id = @.state_id"
#define TASK_RUN_STATE_ROW "FROM task_run_state AS s WHERE s.id = @.state_id"

/* ---- FlowRunResponse ------------------------------------------------------------- */
static const FieldDesc aFlowRunFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("flow_id"), VALUE("state_id"), VALUE("deployment_id"),
  VALUE("deployment_version"), QUEUE_ID, QUEUE_NAME, VALUE("flow_version"), JSON_("parameters"),
  VALUE("idempotency_key"), JSON_("context"), OBJECT("empirical_policy", 0, FlowRunPolicy), JSON_("tags"),
  F("labels", RENDER_JSON, LABELS_SQL), VALUE("parent_task_run_id"), VALUE("state_type"),
  VALUE("state_name"), VALUE("run_count"), RUN_TIMES, RUN_ESTIMATES, BOOL_("auto_scheduled"),
  VALUE("infrastructure_document_id"), VALUE("infrastructure_pid"), OBJECT("created_by", 0, CreatedBy),
  F("work_pool_id", RENDER_VALUE, POOL_OF_QUEUE("id")), F("work_pool_name", RENDER_VALUE, POOL_OF_QUEUE("name")),
  OBJECT("state", FLOW_RUN_STATE_ROW, State), JSON_("job_variables"), END_FIELDS };
static const ResponseDesc FlowRunResponse = { "FlowRunResponse", "q", 0, 0, 0, 0, aFlowRunFields };

/* ---- TaskRun ---------------------------------------------------------------------- */
#define TASK_RUN_FIELDS \
  ORM_FIELDS, VALUE("name"), VALUE("flow_run_id"), VALUE("task_key"), VALUE("dynamic_key"), VALUE("cache_key"), \
  TIME("cache_expiration"), VALUE("task_version"), OBJECT("empirical_policy", 0, TaskRunPolicy), JSON_("tags"), \
  JSON_("labels"), VALUE("state_id"), JSON_("task_inputs"), VALUE("state_type"), VALUE("state_name"), \
  VALUE("run_count"), VALUE("flow_run_run_count"), RUN_TIMES, RUN_ESTIMATES, \
  OBJECT("state", TASK_RUN_STATE_ROW, State)
static const FieldDesc aTaskRunFields[] = { TASK_RUN_FIELDS, END_FIELDS };
static const ResponseDesc TaskRun = { "TaskRun", "q", 0, 0, 0, 0, aTaskRunFields };

/* UITaskRun (GET /ui/task_runs/{id}): the TaskRun and the name of its flow
** run, outer-joined, and set only when it is not empty (the route's
** "if flow_run_name:"), else null */
/* (the same on PostgreSQL) */
#define FLOW_RUN_NAME_SQL "nullif((SELECT fr.name FROM flow_run AS fr WHERE fr.id = @.flow_run_id), '')"
static const FieldDesc aUiTaskRunFields[] = {
  TASK_RUN_FIELDS,
  F("flow_run_name", RENDER_VALUE, FLOW_RUN_NAME_SQL),
  END_FIELDS };
static const ResponseDesc UiTaskRun = { "UITaskRun", "q", 0, 0, 0, 0, aUiTaskRunFields };

/* ---- DeploymentResponse ------------------------------------------------------------ */
/* A schedule is one of three models, told apart by their keys. */
#define SCHEDULE(k) "json_extract(@.schedule, '$." k "')"
static const FieldDesc aRRuleFields[] = {
  VALUE("rrule"), F("timezone", RENDER_VALUE, "coalesce(" SCHEDULE("timezone") ", 'UTC')"), END_FIELDS };
static const ResponseDesc RRuleSchedule = {
  "RRuleSchedule", "ds", "@.schedule", "json_type(@.schedule, '$.rrule') IS NOT NULL", 0, "json(@.schedule)",
  aRRuleFields };
static const FieldDesc aCronFields[] = { VALUE("cron"), VALUE("timezone"), DOC_BOOL("day_or", "true"), END_FIELDS };
static const ResponseDesc CronSchedule = {
  "CronSchedule", "ds", "@.schedule", "json_type(@.schedule, '$.cron') IS NOT NULL", &RRuleSchedule, 0, aCronFields };
static const FieldDesc aIntervalFields[] = {
  F("interval", RENDER_FLOAT, 0), VALUE("anchor_date"),
  F("timezone", RENDER_VALUE, "coalesce(" SCHEDULE("timezone") ", 'UTC')"), END_FIELDS };
static const ResponseDesc IntervalSchedule = {
  "IntervalSchedule", "ds", "@.schedule", "json_type(@.schedule, '$.interval') IS NOT NULL", &CronSchedule, 0,
  aIntervalFields };

static const FieldDesc aDeploymentScheduleFields[] = {
  ORM_FIELDS, VALUE("deployment_id"), OBJECT("schedule", 0, IntervalSchedule), BOOL_("active"),
  VALUE("max_scheduled_runs"), JSON_("parameters"), VALUE("slug"), END_FIELDS };
static const ResponseDesc DeploymentSchedule = { "DeploymentSchedule", "ds", 0, 0, 0, 0, aDeploymentScheduleFields };

#define LIMIT_SQL "@.\"limit\""  /* a keyword as a column's name (the same on PostgreSQL) */
static const FieldDesc aConcurrencyLimitFields[] = {
  ORM_FIELDS, BOOL_("active"), VALUE("name"), F("limit", RENDER_VALUE, LIMIT_SQL), VALUE("active_slots"),
  F("slot_decay_per_second", RENDER_FLOAT, 0), END_FIELDS };
static const ResponseDesc ConcurrencyLimitV2 = { "ConcurrencyLimitV2", "cl", 0, 0, 0, 0, aConcurrencyLimitFields };

/* schedules: newest update first; the global concurrency limit from its row;
** job_variables is the column infra_overrides (these rows, the same on PostgreSQL) */
#define SCHEDULES_ROWS "FROM deployment_schedule AS ds WHERE ds.deployment_id = @.id ORDER BY ds.updated DESC"
#define CONCURRENCY_LIMIT_ROW "FROM concurrency_limit_v2 AS cl WHERE cl.id = @.concurrency_limit_id"
static const FieldDesc aDeploymentFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("version"), VALUE("description"), VALUE("flow_id"), BOOL_("paused"),
  { "schedules", RENDER_LIST, SCHEDULES_ROWS, 0, &DeploymentSchedule, "deployment_schedule" },
  F("concurrency_limit", RENDER_VALUE, "NULL"),
  OBJECT("global_concurrency_limit", CONCURRENCY_LIMIT_ROW, ConcurrencyLimitV2),
  JSON_("concurrency_options"), F("job_variables", RENDER_JSON, "@.infra_overrides"), JSON_("parameters"),
  JSON_("tags"), F("labels", RENDER_JSON, LABELS_SQL), QUEUE_NAME, QUEUE_ID, TIME("last_polled"),
  JSON_("parameter_openapi_schema"), VALUE("path"), JSON_("pull_steps"), VALUE("entrypoint"),
  VALUE("storage_document_id"), VALUE("infrastructure_document_id"), OBJECT("created_by", 0, CreatedBy),
  OBJECT("updated_by", 0, UpdatedBy), F("work_pool_name", RENDER_VALUE, POOL_OF_QUEUE("name")), VALUE("status"),
  BOOL_("enforce_parameter_schema"), END_FIELDS };
static const ResponseDesc DeploymentResponse = { "DeploymentResponse", "q", 0, 0, 0, 0, aDeploymentFields };

/* ---- Log, Variable ----------------------------------------------------------------- */
static const FieldDesc aLogFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("level"), VALUE("message"), TIME("timestamp"), VALUE("flow_run_id"),
  VALUE("task_run_id"), END_FIELDS };
static const ResponseDesc Log = { "Log", "q", 0, 0, 0, 0, aLogFields };

static const FieldDesc aVariableFields[] = { ORM_FIELDS, VALUE("name"), JSON_("value"), JSON_("tags"), END_FIELDS };
static const ResponseDesc Variable = { "Variable", "q", 0, 0, 0, 0, aVariableFields };

/* ---- WorkPoolResponse, WorkQueueResponse --------------------------------------------- */
static const FieldDesc aStorageConfigurationFields[] = {
  VALUE("bundle_upload_step"), VALUE("bundle_execution_step"), VALUE("default_result_storage_block_id"),
  END_FIELDS };
static const ResponseDesc WorkPoolStorageConfiguration = {
  "WorkPoolStorageConfiguration", "q", "@.storage_configuration", 0, 0, 0, aStorageConfigurationFields };

/* the same SQL on PostgreSQL (prefect_pg_texts, below) */
#define POOL_STATUS "CASE WHEN @.type = 'prefect-agent' THEN NULL ELSE @.status END"
#define POOL_ACTIVE_SLOTS \
  "CASE WHEN @.concurrency_limit IS NULL THEN NULL ELSE (SELECT count(*) FROM flow_run AS fr JOIN work_queue AS wq " \
  "ON fr.work_queue_id = wq.id WHERE wq.work_pool_id = @.id AND fr.state_type IN ('PENDING', 'RUNNING')) END"
/* status: None for a "prefect-agent" pool (WorkPool.model_validate);
** active_slots: only with a concurrency limit, the pool's runs that are
** PENDING or RUNNING (models/workers.py count_work_pool_active_slots) */
static const FieldDesc aWorkPoolFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("description"), VALUE("type"), JSON_("base_job_template"), BOOL_("is_paused"),
  VALUE("concurrency_limit"), F("status", RENDER_VALUE, POOL_STATUS),
  VALUE("default_queue_id"), OBJECT("storage_configuration", 0, WorkPoolStorageConfiguration),
  F("active_slots", RENDER_VALUE, POOL_ACTIVE_SLOTS), END_FIELDS };
static const ResponseDesc WorkPoolResponse = { "WorkPoolResponse", "q", 0, 0, 0, 0, aWorkPoolFields };

static const FieldDesc aQueueFilterFields[] = { VALUE("tags"), VALUE("deployment_ids"), END_FIELDS };
static const ResponseDesc QueueFilter = {
  "QueueFilter", "q", "@.filter", "json_type(@.filter) = 'object'", 0, 0, aQueueFilterFields };

/* work_pool_name: its pool's; active_slots: only with a concurrency limit,
** the queue's runs that are PENDING, RUNNING or CANCELLING, or for a legacy
** queue with a filter, the PENDING or RUNNING runs of a deployment that
** carry all its tags and are of one of its deployments
** (models/work_queues.py count_work_queue_active_slots) */
/* the same SQL on PostgreSQL (prefect_pg_texts, below) */
#define QUEUE_POOL_NAME "(SELECT wp.name FROM work_pool AS wp WHERE wp.id = @.work_pool_id)"
static const FieldDesc aWorkQueueFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("description"), BOOL_("is_paused"), VALUE("concurrency_limit"),
  VALUE("priority"), VALUE("work_pool_id"), OBJECT("filter", 0, QueueFilter), TIME("last_polled"),
  F("work_pool_name", RENDER_VALUE, QUEUE_POOL_NAME),
  VALUE("status"),
  F("active_slots", RENDER_VALUE,
    "CASE WHEN @.concurrency_limit IS NULL THEN NULL WHEN json_type(@.filter) = 'object' THEN "
    "(SELECT count(*) FROM flow_run AS fr WHERE fr.deployment_id IS NOT NULL "
    "AND fr.state_type IN ('PENDING', 'RUNNING') "
    "AND (json_type(@.filter, '$.tags') IS NOT 'array' OR json_array_length(@.filter, '$.tags') = 0 OR NOT EXISTS "
    "(SELECT 1 FROM json_each(@.filter, '$.tags') AS n WHERE NOT EXISTS "
    "(SELECT 1 FROM json_each(fr.tags) AS t WHERE t.value = n.value))) "
    "AND (json_type(@.filter, '$.deployment_ids') IS NOT 'array' OR fr.deployment_id IN "
    "(SELECT value FROM json_each(@.filter, '$.deployment_ids')))) "
    "ELSE (SELECT count(*) FROM flow_run AS fr WHERE fr.work_queue_id = @.id "
    "AND fr.state_type IN ('PENDING', 'RUNNING', 'CANCELLING')) END"),
  END_FIELDS };
static const ResponseDesc WorkQueueResponse = { "WorkQueueResponse", "q", 0, 0, 0, 0, aWorkQueueFields };

/* ---- SimpleFlowRun, TaskRunCount, CountByState (server/api/ui/) ------------------------ */
/* POST /ui/flow_runs/history: timestamp is the start time, or else the
** expected one; duration and lateness the run's estimates, as timedeltas */
#define SIMPLE_FLOW_RUN_TIME "coalesce(@.start_time, @.expected_start_time)"  /* (the same on PostgreSQL) */
static const FieldDesc aSimpleFlowRunFields[] = {
  VALUE("id"), VALUE("state_type"), F("timestamp", RENDER_TIME, SIMPLE_FLOW_RUN_TIME),
  F("duration", RENDER_MICROS, ESTIMATED_RUN_TIME), F("lateness", RENDER_MICROS, ESTIMATED_START_TIME_DELTA),
  END_FIELDS };
static const ResponseDesc SimpleFlowRun = { "SimpleFlowRun", "q", 0, 0, 0, 0, aSimpleFlowRunFields };

/* POST /ui/task_runs/dashboard/counts, one bucket: its runs in FAILED or
** CRASHED (FAILED_STATES) and the others (aggregates over the bucket's rows) */
/* the same SQL on PostgreSQL (prefect_pg_texts, below) */
#define COMPLETED_COUNT "count(CASE WHEN @.state_type NOT IN ('CRASHED', 'FAILED') THEN 1 END)"
#define FAILED_COUNT "count(CASE WHEN @.state_type IN ('CRASHED', 'FAILED') THEN 1 END)"
static const FieldDesc aTaskRunCountFields[] = {
  F("completed", RENDER_VALUE, COMPLETED_COUNT), F("failed", RENDER_VALUE, FAILED_COUNT), END_FIELDS };
static const ResponseDesc TaskRunCount = { "TaskRunCount", "q", 0, 0, 0, 0, aTaskRunCountFields };

/* POST /ui/task_runs/count: the runs of each state type, 0 for a type
** without runs, in CountByState's field order (schemas/states.py) */
/* the same SQL on PostgreSQL (prefect_pg_texts, below) */
#define COUNT_OF_SQL(type) "count(CASE WHEN @.state_type = '" type "' THEN 1 END)"
#define COUNT_OF(type) F(type, RENDER_VALUE, COUNT_OF_SQL(type))
static const FieldDesc aCountByStateFields[] = {
  COUNT_OF("COMPLETED"), COUNT_OF("PENDING"), COUNT_OF("RUNNING"), COUNT_OF("FAILED"), COUNT_OF("CANCELLED"),
  COUNT_OF("CRASHED"), COUNT_OF("PAUSED"), COUNT_OF("CANCELLING"), COUNT_OF("SCHEDULED"), END_FIELDS };
static const ResponseDesc CountByState = { "CountByState", "q", 0, 0, 0, 0, aCountByStateFields };

/* ---- the routes' own body rules ---------------------------------------------------------- */
/* /ui/flow_runs/history: sort = Body(EXPECTED_START_TIME_DESC), limit = Body(1000, le=1000) (no lower bound) */
static const RouteBody UiFlowRunHistoryBody = { "EXPECTED_START_TIME_DESC", 1000, 1, 0, 0, 0, 0 };
/* /ui/task_runs/dashboard/counts: task_runs.start_time.after_ required, 20
** buckets, task_runs.state overwritten with the terminal state types */
static const RouteBody DashboardCountsBody = {
  0, 0, 0, "start_time", 20, "state", "{\"type\":{\"any_\":[\"COMPLETED\",\"CANCELLED\",\"FAILED\",\"CRASHED\"]}}" };

/* The same model as the pool's routes answer it: active_slots only with a
** concurrency limit, the queue's runs that are PENDING or RUNNING, by the
** run's work_queue_id alone (models/workers.py SLOT_OCCUPYING_STATES,
** count_work_queue_active_slots and its _bulk form) */
/* the same SQL on PostgreSQL (prefect_pg_texts, below) */
#define POOL_QUEUE_ACTIVE_SLOTS \
  "CASE WHEN @.concurrency_limit IS NULL THEN NULL ELSE (SELECT count(*) FROM flow_run AS fr " \
  "WHERE fr.work_queue_id = @.id AND fr.state_type IN ('PENDING', 'RUNNING')) END"
#define QUEUE_FIELDS_BUT_SLOTS \
  ORM_FIELDS, VALUE("name"), VALUE("description"), BOOL_("is_paused"), VALUE("concurrency_limit"), \
  VALUE("priority"), VALUE("work_pool_id"), OBJECT("filter", 0, QueueFilter), TIME("last_polled"), \
  F("work_pool_name", RENDER_VALUE, QUEUE_POOL_NAME), VALUE("status")
static const FieldDesc aPoolWorkQueueFields[] = {
  QUEUE_FIELDS_BUT_SLOTS,
  F("active_slots", RENDER_VALUE, POOL_QUEUE_ACTIVE_SLOTS), END_FIELDS };
static const ResponseDesc PoolWorkQueueResponse = { "WorkQueueResponse", "q", 0, 0, 0, 0, aPoolWorkQueueFields };

/* ---- WorkerResponse ------------------------------------------------------------------ */
/* status is the stored column: FastAPI validates the returned rows against
** the response model without calling WorkerResponse.model_validate, so the
** heartbeat-horizon rule there does not run on this route */
static const FieldDesc aWorkerFields[] = {
  ORM_FIELDS, VALUE("name"), VALUE("work_pool_id"), TIME("last_heartbeat_time"), VALUE("heartbeat_interval_seconds"),
  VALUE("status"), END_FIELDS };
static const ResponseDesc WorkerResponse = { "WorkerResponse", "q", 0, 0, 0, 0, aWorkerFields };

/* ---- SimpleNextFlowRun (api/ui/flows.py) ---------------------------------------------- */
static const FieldDesc aSimpleNextFlowRunFields[] = {
  VALUE("id"), VALUE("flow_id"), VALUE("name"), VALUE("state_name"), VALUE("state_type"),
  TIME("next_scheduled_start_time"), END_FIELDS };
static const ResponseDesc SimpleNextFlowRun = { "SimpleNextFlowRun", "q", 0, 0, 0, 0, aSimpleNextFlowRunFields };

/* below a work pool: the first path parameter is the pool's name (404 when
** no pool has it: api/workers.py WorkerLookups); its PostgreSQL text below */
#define POOL_SCOPE_SQL "SELECT wp.id FROM work_pool AS wp WHERE wp.name = ?1 LIMIT 1"

/* ---- the runs' and deployments' PostgreSQL text -------------------------------------- */
/* "now" there: the setting prefect.now when it is set (a time with its zone,
** '2026-10-31T00:00:00Z'; as prefect_set_now() pins SQLite's clock), else
** the start of the transaction (now()): one instant for every call of a
** transaction, as SQLite's clock is read once per statement. In
** microseconds since the epoch, and as Prefect writes a time it fills in. */
#define PG_NOW "coalesce(nullif(current_setting('prefect.now', true), '')::timestamptz, now())"
/* a timestamp or an interval in exact microseconds (extract gives numeric) */
#define PG_MICROS(x) "(extract(epoch from " x ") * 1000000)::bigint"
#define PG_NOW_US PG_MICROS(PG_NOW)
#define PG_NOW_ISO "to_char(" PG_NOW " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
/* member k of the jsonb document doc as SQLite's json_extract gives it to
** the SQL above: true and false are 1 and 0, null is NULL */
#define PG_MEMBER(doc, k) \
  "(CASE jsonb_typeof(" doc " -> '" k "') WHEN 'boolean' THEN to_jsonb((" doc " -> '" k "')::boolean::int) " \
  "WHEN 'null' THEN NULL ELSE " doc " -> '" k "' END)"
/* SQLite's CAST(x AS INTEGER) of such a member: a number truncated, text's
** leading integer or 0 */
#define PG_CAST_INT(x) \
  "(SELECT CASE WHEN c IS NULL THEN NULL WHEN jsonb_typeof(c) = 'number' THEN " \
  "to_jsonb(trunc((c #>> '{}')::numeric)::bigint) ELSE " \
  "to_jsonb(coalesce(substring(c #>> '{}' from '^\\s*([-+]?[0-9]+)')::bigint, 0)) END FROM (SELECT " x " AS c) AS ci)"

#define PG_ESTIMATED_RUN_TIME \
  "CASE WHEN @.state_type = 'RUNNING' AND @.state_timestamp IS NOT NULL THEN " PG_MICROS("@.total_run_time") \
  " + " PG_NOW_US " - " PG_MICROS("@.state_timestamp") " ELSE " PG_MICROS("@.total_run_time") " END"
#define PG_ESTIMATED_START_TIME_DELTA \
  "CASE WHEN @.start_time IS NOT NULL AND @.expected_start_time IS NOT NULL AND " \
  "@.start_time > @.expected_start_time THEN " PG_MICROS("@.start_time") " - " PG_MICROS("@.expected_start_time") \
  " WHEN @.start_time IS NULL AND @.expected_start_time IS NOT NULL AND " PG_MICROS("@.expected_start_time") \
  " < " PG_NOW_US " AND (@.state_type IS NULL OR @.state_type NOT IN ('COMPLETED', 'CANCELLED', " \
  "'FAILED', 'CRASHED')) THEN " PG_NOW_US " - " PG_MICROS("@.expected_start_time") " ELSE 0 END"
#define PG_RUN(resp, state_row) \
  { &resp, PG_FIELD, "estimated_run_time", PG_ESTIMATED_RUN_TIME }, \
  { &resp, PG_FIELD, "estimated_start_time_delta", PG_ESTIMATED_START_TIME_DELTA }, \
  { &resp, PG_FIELD, "state", state_row }
#define PG_LABELS(resp) { &resp, PG_FIELD, "labels", "coalesce(@.labels, '{}'::jsonb)" }
#define PG_QUEUE(resp) \
  { &resp, PG_FIELD, "work_queue_id", QUEUE_ID_SQL }, { &resp, PG_FIELD, "work_queue_name", QUEUE_NAME_SQL }, \
  { &resp, PG_FIELD, "work_pool_name", POOL_OF_QUEUE("name") }

/* the policies: as the SQLite text above, over jsonb */
#define PG_POLICY(k) PG_MEMBER("@.empirical_policy", k)
#define PG_POLICY_TYPE(k) "jsonb_typeof(@.empirical_policy -> '" k "')"
#define PG_RETRY_DELAY(otherwise) \
  "CASE WHEN " PG_POLICY_TYPE("retry_delay") " = 'array' AND EXISTS (SELECT 1 FROM " \
  "jsonb_array_elements(@.empirical_policy -> 'retry_delay') AS rd(v) WHERE jsonb_typeof(rd.v) = 'number' " \
  "AND rd.v::text ~ '[.eE]') THEN (SELECT jsonb_agg(CASE WHEN jsonb_typeof(rd.v) = 'number' AND rd.v::text !~ '[.eE]' " \
  "THEN (rd.v::text || '.0')::jsonb WHEN jsonb_typeof(rd.v) = 'boolean' THEN to_jsonb(rd.v::boolean::int) " \
  "ELSE rd.v END ORDER BY rd.n) FROM jsonb_array_elements(@.empirical_policy -> 'retry_delay') WITH ORDINALITY " \
  "AS rd(v, n)) WHEN " PG_POLICY_TYPE("retry_delay") " IN ('array', 'object') THEN @.empirical_policy -> 'retry_delay' " \
  "WHEN coalesce(" PG_POLICY("retry_delay") ", '0'::jsonb) = '0'::jsonb AND coalesce(" PG_POLICY("retry_delay_seconds") \
  ", '0'::jsonb) != '0'::jsonb THEN " PG_CAST_INT(PG_POLICY("retry_delay_seconds")) " ELSE " otherwise " END"
#define PG_POLICY_COMMON(resp) \
  { &resp, PG_DOC, 0, "@.empirical_policy" }, \
  { &resp, PG_FIELD, "max_retries", "coalesce(" PG_POLICY("max_retries") ", '0'::jsonb)" }, \
  { &resp, PG_FIELD, "retry_delay_seconds", "coalesce(" PG_POLICY("retry_delay_seconds") ", '0'::jsonb)" }, \
  { &resp, PG_FIELD, "retries", \
    "CASE WHEN coalesce(" PG_POLICY("retries") ", '0'::jsonb) = '0'::jsonb AND coalesce(" PG_POLICY("max_retries") \
    ", '0'::jsonb) != '0'::jsonb THEN " PG_POLICY("max_retries") " ELSE " PG_POLICY("retries") " END" }

/* a schedule's kind by its keys; its time zone UTC when it has none */
#define PG_SCHEDULE(resp, key) \
  { &resp, PG_DOC, 0, "@.schedule" }, { &resp, PG_WHEN, 0, "jsonb_typeof(@.schedule -> '" key "') IS NOT NULL" }
#define PG_TIMEZONE(resp) \
  { &resp, PG_FIELD, "timezone", "coalesce(" PG_MEMBER("@.schedule", "timezone") ", to_jsonb('UTC'::text))" }

#define PG_RUN_TEXTS \
  PG_RUN(FlowRunResponse, FLOW_RUN_STATE_ROW), PG_LABELS(FlowRunResponse), PG_QUEUE(FlowRunResponse), \
  { &FlowRunResponse, PG_FIELD, "work_pool_id", POOL_OF_QUEUE("id") }, \
  PG_RUN(TaskRun, TASK_RUN_STATE_ROW), PG_RUN(UiTaskRun, TASK_RUN_STATE_ROW), \
  { &UiTaskRun, PG_FIELD, "flow_run_name", FLOW_RUN_NAME_SQL }, \
  /* a state's data, else its result artifact's (a json column there) */ \
  { &State, PG_FIELD, "data", \
    "CASE WHEN @.data IS NULL OR @.data IN ('null'::jsonb, 'false'::jsonb, '{}'::jsonb, '[]'::jsonb, '\"\"'::jsonb, " \
    "'0'::jsonb) THEN (SELECT ra.data::jsonb FROM artifact AS ra WHERE ra.id = @.result_artifact_id) ELSE @.data END" }, \
  { &StateDetails, PG_DOC, 0, "@.state_details" }, \
  { &StateDetails, PG_FIELD, "scheduled_time", \
    "CASE WHEN @.type = 'SCHEDULED' AND " PG_MEMBER("@.state_details", "scheduled_time") " IS NULL " \
    "THEN to_jsonb(" PG_NOW_ISO ") ELSE " PG_MEMBER("@.state_details", "scheduled_time") " END" }, \
  PG_POLICY_COMMON(FlowRunPolicy), PG_POLICY_COMMON(TaskRunPolicy), \
  { &FlowRunPolicy, PG_FIELD, "retry_delay", PG_RETRY_DELAY(PG_CAST_INT(PG_POLICY("retry_delay"))) }, \
  { &TaskRunPolicy, PG_FIELD, "retry_delay", PG_RETRY_DELAY(PG_POLICY("retry_delay")) }, \
  { &FlowRunPolicy, PG_FIELD, "pause_keys", \
    "CASE WHEN " PG_POLICY_TYPE("pause_keys") " = 'array' THEN @.empirical_policy -> 'pause_keys' " \
    "WHEN " PG_POLICY_TYPE("pause_keys") " = 'null' THEN NULL ELSE '[]'::jsonb END" }, \
  { &CreatedBy, PG_DOC, 0, "@.created_by" }, { &CreatedBy, PG_WHEN, 0, "@.created_by IS NOT NULL" }, \
  { &UpdatedBy, PG_DOC, 0, "@.updated_by" }, { &UpdatedBy, PG_WHEN, 0, "@.updated_by IS NOT NULL" }, \
  { &SimpleFlowRun, PG_FIELD, "timestamp", SIMPLE_FLOW_RUN_TIME }, \
  { &SimpleFlowRun, PG_FIELD, "duration", PG_ESTIMATED_RUN_TIME }, \
  { &SimpleFlowRun, PG_FIELD, "lateness", PG_ESTIMATED_START_TIME_DELTA }

#define PG_DEPLOYMENT_TEXTS \
  { &DeploymentResponse, PG_FIELD, "schedules", SCHEDULES_ROWS }, \
  { &DeploymentResponse, PG_FIELD, "concurrency_limit", "NULL" }, \
  { &DeploymentResponse, PG_FIELD, "global_concurrency_limit", CONCURRENCY_LIMIT_ROW }, \
  { &DeploymentResponse, PG_FIELD, "job_variables", "@.infra_overrides" }, \
  PG_LABELS(DeploymentResponse), PG_QUEUE(DeploymentResponse), \
  { &ConcurrencyLimitV2, PG_FIELD, "limit", LIMIT_SQL }, \
  PG_SCHEDULE(IntervalSchedule, "interval"), PG_TIMEZONE(IntervalSchedule), \
  PG_SCHEDULE(CronSchedule, "cron"), \
  PG_SCHEDULE(RRuleSchedule, "rrule"), PG_TIMEZONE(RRuleSchedule), { &RRuleSchedule, PG_ELSE, 0, "@.schedule" }

/* ---- their PostgreSQL text ----------------------------------------------------------- */
/* The work pool's status and active slots read the same on both databases
** (the text above); its storage configuration is a jsonb column there. */
const PgText prefect_pg_texts[] = {
  { &WorkPoolResponse, PG_FIELD, "status", POOL_STATUS },
  { &WorkPoolResponse, PG_FIELD, "active_slots", POOL_ACTIVE_SLOTS },
  { &WorkPoolStorageConfiguration, PG_DOC, 0, "@.storage_configuration" },
  /* a work queue's filter is jsonb; its legacy rule as the SQLite text above, with jsonb's functions */
  { &QueueFilter, PG_DOC, 0, "@.filter" },
  { &QueueFilter, PG_WHEN, 0, "jsonb_typeof(@.filter) = 'object'" },
  { &WorkQueueResponse, PG_FIELD, "work_pool_name", QUEUE_POOL_NAME },
  { &WorkQueueResponse, PG_FIELD, "active_slots",
    "CASE WHEN @.concurrency_limit IS NULL THEN NULL WHEN jsonb_typeof(@.filter) = 'object' THEN "
    "(SELECT count(*) FROM flow_run AS fr WHERE fr.deployment_id IS NOT NULL "
    "AND fr.state_type IN ('PENDING', 'RUNNING') "
    "AND (jsonb_typeof(@.filter -> 'tags') IS DISTINCT FROM 'array' OR jsonb_array_length(@.filter -> 'tags') = 0 "
    "OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(@.filter -> 'tags') AS n(value) WHERE NOT EXISTS "
    "(SELECT 1 FROM jsonb_array_elements(fr.tags) AS t(value) WHERE t.value = n.value))) "
    "AND (jsonb_typeof(@.filter -> 'deployment_ids') IS DISTINCT FROM 'array' OR fr.deployment_id::text IN "
    "(SELECT jsonb_array_elements_text(@.filter -> 'deployment_ids')))) "
    "ELSE (SELECT count(*) FROM flow_run AS fr WHERE fr.work_queue_id = @.id "
    "AND fr.state_type IN ('PENDING', 'RUNNING', 'CANCELLING')) END" },
  /* the pool's id as text, which the compiler binds as a uuid */
  { 0, PG_SCOPE, POOL_SCOPE_SQL, "SELECT wp.id::text FROM work_pool AS wp WHERE wp.name = $1 LIMIT 1" },
  { &PoolWorkQueueResponse, PG_FIELD, "work_pool_name", QUEUE_POOL_NAME },
  { &PoolWorkQueueResponse, PG_FIELD, "active_slots", POOL_QUEUE_ACTIVE_SLOTS },
  PG_RUN_TEXTS, PG_DEPLOYMENT_TEXTS,
  /* the dashboard's aggregates: counts by state type, the same text */
  { &TaskRunCount, PG_FIELD, "completed", COMPLETED_COUNT },
  { &TaskRunCount, PG_FIELD, "failed", FAILED_COUNT },
#define PG_COUNT_OF(type) { &CountByState, PG_FIELD, type, COUNT_OF_SQL(type) }
  PG_COUNT_OF("COMPLETED"), PG_COUNT_OF("PENDING"), PG_COUNT_OF("RUNNING"), PG_COUNT_OF("FAILED"),
  PG_COUNT_OF("CANCELLED"), PG_COUNT_OF("CRASHED"), PG_COUNT_OF("PAUSED"), PG_COUNT_OF("CANCELLING"),
  PG_COUNT_OF("SCHEDULED"),
  { 0, PG_FIELD, 0, 0 } };

/* ---- the routes ------------------------------------------------------------------------ */
#define ROUTE(m, path, kind, coll, resp) { m, path, kind, &coll, &resp, 0, 0, 0, 0, 0, 0 }
#define COUNT(path, coll) { "POST", path, ROUTE_COUNT, &coll, 0, 0, 0, 0, 0, 0, 0 }
#define GET(path, coll, resp, lookup) { "GET", path, ROUTE_GET, &coll, &resp, lookup, 0, 0, 0, 0, 0 }
#define NONE(m, path) { m, path, ROUTE_NONE, 0, 0, 0, 0, 0, 0, 0, 0 }
#define POOL_SCOPE POOL_SCOPE_SQL, "work_pool_id"
/* /ui/...: an object keyed by the ids of the body's list */
#define KEYED(path, ids, resp, sql, dflt) { "POST", path, ROUTE_KEYED, 0, resp, ids, 0, 0, 0, sql, dflt }

const RouteDesc prefect_routes[] = {
  /* server/api/artifacts.py */
  NONE("POST", "/artifacts/"),
  GET("/artifacts/{id:uuid}", prefect_artifacts, Artifact, "artifacts.id"),
  GET("/artifacts/{key}/latest", prefect_artifact_collections, Artifact, "artifacts.key"),
  ROUTE("POST", "/artifacts/filter", ROUTE_LIST, prefect_artifacts, Artifact),
  ROUTE("POST", "/artifacts/latest/filter", ROUTE_LIST, prefect_artifact_collections, ArtifactCollection),
  COUNT("/artifacts/count", prefect_artifacts),
  COUNT("/artifacts/latest/count", prefect_artifact_collections),
  NONE("PATCH", "/artifacts/{id:uuid}"), NONE("DELETE", "/artifacts/{id:uuid}"),
  /* server/api/flows.py */
  NONE("POST", "/flows/"), NONE("PATCH", "/flows/{id:uuid}"),
  COUNT("/flows/count", prefect_flows),
  NONE("GET", "/flows/name/{name}"),
  GET("/flows/{id:uuid}", prefect_flows, Flow, "flows.id"),
  ROUTE("POST", "/flows/filter", ROUTE_LIST, prefect_flows, Flow),
  NONE("DELETE", "/flows/{id:uuid}"), NONE("POST", "/flows/bulk_delete"),
  ROUTE("POST", "/flows/paginate", ROUTE_PAGINATE, prefect_flows, Flow),
  /* server/api/flow_runs.py */
  NONE("POST", "/flow_runs/"), NONE("PATCH", "/flow_runs/{id:uuid}"),
  COUNT("/flow_runs/count", prefect_flow_runs),
  { "POST", "/flow_runs/lateness", ROUTE_LATENESS, &prefect_flow_runs, 0, 0, 0, 0, 0, 0, 0 },
  { "POST", "/flow_runs/history", ROUTE_HISTORY, &prefect_flow_runs, 0, 0, 0, 0, 0, 0, 0 },
  GET("/flow_runs/{id:uuid}", prefect_flow_runs, FlowRunResponse, "flow_runs.id"),
  NONE("GET", "/flow_runs/{id:uuid}/graph"), NONE("GET", "/flow_runs/{id:uuid}/graph-v2"),
  NONE("POST", "/flow_runs/{id:uuid}/resume"),
  ROUTE("POST", "/flow_runs/filter", ROUTE_LIST, prefect_flow_runs, FlowRunResponse),
  NONE("DELETE", "/flow_runs/{id:uuid}"), NONE("POST", "/flow_runs/bulk_delete"),
  NONE("POST", "/flow_runs/bulk_set_state"), NONE("POST", "/flow_runs/{id:uuid}/set_state"),
  NONE("POST", "/flow_runs/{id:uuid}/input"), NONE("POST", "/flow_runs/{id:uuid}/input/filter"),
  NONE("GET", "/flow_runs/{id:uuid}/input/{key}"), NONE("DELETE", "/flow_runs/{id:uuid}/input/{key}"),
  ROUTE("POST", "/flow_runs/paginate", ROUTE_PAGINATE, prefect_flow_runs, FlowRunResponse),
  NONE("GET", "/flow_runs/{id:uuid}/logs/download"), NONE("PATCH", "/flow_runs/{id:uuid}/labels"),
  /* server/api/task_runs.py */
  NONE("POST", "/task_runs/"), NONE("PATCH", "/task_runs/{id:uuid}"),
  COUNT("/task_runs/count", prefect_task_runs),
  { "POST", "/task_runs/history", ROUTE_HISTORY, &prefect_task_runs, 0, 0, 0, 0, 0, 0, 0 },
  GET("/task_runs/{id:uuid}", prefect_task_runs, TaskRun, "task_runs.id"),
  ROUTE("POST", "/task_runs/filter", ROUTE_LIST, prefect_task_runs, TaskRun),
  ROUTE("POST", "/task_runs/paginate", ROUTE_PAGINATE, prefect_task_runs, TaskRun),
  NONE("DELETE", "/task_runs/{id:uuid}"), NONE("POST", "/task_runs/{id:uuid}/set_state"),
  /* server/api/deployments.py */
  NONE("POST", "/deployments/"), NONE("PATCH", "/deployments/{id:uuid}"),
  NONE("GET", "/deployments/name/{flow_name}/{deployment_name}"),
  GET("/deployments/{id:uuid}", prefect_deployments, DeploymentResponse, "deployments.id"),
  ROUTE("POST", "/deployments/filter", ROUTE_LIST, prefect_deployments, DeploymentResponse),
  ROUTE("POST", "/deployments/paginate", ROUTE_PAGINATE, prefect_deployments, DeploymentResponse),
  NONE("POST", "/deployments/get_scheduled_flow_runs"),
  COUNT("/deployments/count", prefect_deployments),
  NONE("DELETE", "/deployments/{id:uuid}"), NONE("POST", "/deployments/bulk_delete"),
  NONE("POST", "/deployments/{id:uuid}/schedule"), NONE("POST", "/deployments/{id:uuid}/resume_deployment"),
  NONE("POST", "/deployments/{id:uuid}/pause_deployment"), NONE("POST", "/deployments/{id:uuid}/create_flow_run"),
  NONE("POST", "/deployments/{id:uuid}/create_flow_run/bulk"), NONE("GET", "/deployments/{id:uuid}/work_queue_check"),
  NONE("GET", "/deployments/{id:uuid}/schedules"), NONE("POST", "/deployments/{id:uuid}/schedules"),
  NONE("PATCH", "/deployments/{id:uuid}/schedules/{schedule_id:uuid}"),
  NONE("DELETE", "/deployments/{id:uuid}/schedules/{schedule_id:uuid}"),
  /* server/api/logs.py (and the websocket /logs/out, no HTTP route) */
  NONE("POST", "/logs/"),
  ROUTE("POST", "/logs/filter", ROUTE_LIST, prefect_logs, Log),
  /* server/api/variables.py */
  NONE("POST", "/variables/"), NONE("GET", "/variables/{id:uuid}"),
  GET("/variables/name/{name}", prefect_variables, Variable, "variables.name"),
  ROUTE("POST", "/variables/filter", ROUTE_LIST, prefect_variables, Variable),
  COUNT("/variables/count", prefect_variables),
  NONE("PATCH", "/variables/{id:uuid}"), NONE("PATCH", "/variables/name/{name}"),
  NONE("DELETE", "/variables/{id:uuid}"), NONE("DELETE", "/variables/name/{name}"),
  /* server/api/workers.py */
  NONE("POST", "/work_pools/"),
  GET("/work_pools/{name}", prefect_work_pools, WorkPoolResponse, "work_pools.name"),
  ROUTE("POST", "/work_pools/filter", ROUTE_LIST, prefect_work_pools, WorkPoolResponse),
  COUNT("/work_pools/count", prefect_work_pools),
  NONE("PATCH", "/work_pools/{name}"), NONE("DELETE", "/work_pools/{name}"),
  NONE("POST", "/work_pools/{name}/concurrency_status"), NONE("POST", "/work_pools/{name}/get_scheduled_flow_runs"),
  NONE("POST", "/work_pools/{work_pool_name}/queues"),
  /* the queue of that name in that pool (read_work_queue_by_name: LIMIT 1) */
  { "GET", "/work_pools/{work_pool_name}/queues/{name}", ROUTE_GET, &prefect_pool_work_queues,
    &PoolWorkQueueResponse, "work_queues.name", 0, POOL_SCOPE, 0, 0 },
  { "POST", "/work_pools/{work_pool_name}/queues/filter", ROUTE_LIST, &prefect_pool_work_queues,
    &PoolWorkQueueResponse, 0, 0, POOL_SCOPE, 0, 0 },
  NONE("PATCH", "/work_pools/{work_pool_name}/queues/{name}"),
  NONE("DELETE", "/work_pools/{work_pool_name}/queues/{name}"),
  NONE("POST", "/work_pools/{work_pool_name}/workers/heartbeat"),
  { "POST", "/work_pools/{work_pool_name}/workers/filter", ROUTE_LIST, &prefect_workers, &WorkerResponse, 0, 0,
    POOL_SCOPE, 0, 0 },
  NONE("DELETE", "/work_pools/{work_pool_name}/workers/{name}"),
  /* server/api/work_queues.py */
  NONE("POST", "/work_queues/"), NONE("PATCH", "/work_queues/{id:uuid}"),
  NONE("GET", "/work_queues/name/{name}"), NONE("GET", "/work_queues/{id:uuid}"),
  NONE("POST", "/work_queues/{id:uuid}/get_runs"),
  ROUTE("POST", "/work_queues/filter", ROUTE_LIST, prefect_work_queues, WorkQueueResponse),
  NONE("DELETE", "/work_queues/{id:uuid}"), NONE("POST", "/work_queues/{id:uuid}/concurrency_status"),
  NONE("GET", "/work_queues/{id:uuid}/status"),
  /* server/api/ui/flows.py: per flow id, its deployments (count_deployments_by_flow), and its
  ** SCHEDULED runs at the earliest next_scheduled_start_time, Prefect's SQLite query as it is
  ** (_get_sqlite_next_runs_query; next_runs_by_flow keeps the last row of a flow) */
  KEYED("/ui/flows/count-deployments", "flow_ids", 0,
        "SELECT d.flow_id AS key, count(d.id) AS value FROM deployment AS d "
        "WHERE d.flow_id IN (SELECT value FROM json_each(?1)) GROUP BY d.flow_id", "0"),
  KEYED("/ui/flows/next-runs", "flow_ids", &SimpleNextFlowRun,
        "WITH min_times AS (SELECT flow_id, MIN(next_scheduled_start_time) AS min_next_scheduled_start_time "
        "FROM flow_run WHERE flow_id IN (SELECT value FROM json_each(?1)) AND state_type = 'SCHEDULED' "
        "GROUP BY flow_id) "
        "SELECT fr.flow_id AS key, fr.id, fr.name, fr.flow_id, fr.state_name, fr.state_type, "
        "fr.next_scheduled_start_time FROM flow_run fr JOIN min_times mt ON fr.flow_id = mt.flow_id "
        "AND fr.next_scheduled_start_time = mt.min_next_scheduled_start_time WHERE fr.state_type = 'SCHEDULED'",
        "null"),
  /* server/api/ui/flow_runs.py: per flow run id, its task runs that are not a subflow's parent
  ** (count_task_runs_by_flow_run) */
  { "POST", "/ui/flow_runs/history", ROUTE_LIST, &prefect_ui_flow_runs, &SimpleFlowRun, 0, &UiFlowRunHistoryBody,
    0, 0, 0, 0 },
  KEYED("/ui/flow_runs/count-task-runs", "flow_run_ids", 0,
        "SELECT tr.flow_run_id AS key, count(tr.id) AS value FROM task_run AS tr "
        "WHERE tr.flow_run_id IN (SELECT value FROM json_each(?1)) "
        "AND NOT EXISTS (SELECT 1 FROM flow_run AS sub WHERE sub.parent_task_run_id = tr.id) "
        "GROUP BY tr.flow_run_id", "0"),
  /* server/api/ui/schemas.py */
  NONE("POST", "/ui/schemas/validate"),
  /* server/api/ui/task_runs.py */
  { "POST", "/ui/task_runs/dashboard/counts", ROUTE_BUCKETS, &prefect_ui_task_runs, &TaskRunCount, 0,
    &DashboardCountsBody, 0, 0, 0, 0 },
  { "POST", "/ui/task_runs/count", ROUTE_AGGREGATE, &prefect_task_runs, &CountByState, 0, 0, 0, 0, 0, 0 },
  GET("/ui/task_runs/{id:uuid}", prefect_task_runs, UiTaskRun, "task_runs.id"),
  { 0, 0, ROUTE_NONE, 0, 0, 0, 0, 0, 0, 0, 0 } };

/* The PostgreSQL text of the keyed routes' statements, beside SQLite's
** above: $1 the ids as uuid[]. The counts are the same statements. The next
** runs are Prefect's own PostgreSQL statement (_get_postgres_next_runs_query),
** which differs from its SQLite one: one run per flow, the first by
** next_scheduled_start_time with NULLs last (SQLite's joins every run at the
** minimum, which no run without a next time has). */
const PgRouteText prefect_pg_route_texts[] = {
  { "/ui/flows/count-deployments",
    "SELECT d.flow_id AS key, count(d.id) AS value FROM deployment AS d "
    "WHERE d.flow_id = ANY ($1::uuid[]) GROUP BY d.flow_id" },
  { "/ui/flows/next-runs",
    "SELECT fr.flow_id AS key, fr.id, fr.name, fr.flow_id, fr.state_name, fr.state_type, "
    "fr.next_scheduled_start_time FROM (SELECT DISTINCT flow_id FROM flow_run WHERE flow_id = ANY ($1::uuid[]) "
    "AND state_type = 'SCHEDULED') AS unique_flows CROSS JOIN LATERAL (SELECT * FROM flow_run fr "
    "WHERE fr.flow_id = unique_flows.flow_id AND fr.state_type = 'SCHEDULED' "
    "ORDER BY fr.next_scheduled_start_time ASC LIMIT 1) fr" },
  { "/ui/flow_runs/count-task-runs",
    "SELECT tr.flow_run_id AS key, count(tr.id) AS value FROM task_run AS tr "
    "WHERE tr.flow_run_id = ANY ($1::uuid[]) "
    "AND NOT EXISTS (SELECT 1 FROM flow_run AS sub WHERE sub.parent_task_run_id = tr.id) "
    "GROUP BY tr.flow_run_id" },
  { 0, 0 } };

const char *const prefect_route_prefixes[] = {
  "/artifacts/", "/flows/", "/flow_runs/", "/task_runs/", "/deployments/", "/logs/", "/variables/",
  "/work_pools/", "/work_queues/", "/ui/flows/", "/ui/flow_runs/", "/ui/schemas/", "/ui/task_runs/", 0 };
