/*
** describe.c: Prefect's filter classes and the collections we expose, as data.
**
** Each row says what one JSON key of a filter document means on SQLite,
** exactly as Prefect's server (server/schemas/filters.py) compiles it
** there: the filter classes with their fields and operators, how related
** filters reach the primary row, and the sorts. The compiler
** (filter_compile.c) knows the handful of *kinds* of operator; every field
** is a line here. Template placeholders: '@' the filtered row's alias,
** '?' the operator's bound value, '#' a number unique in the statement.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define LEAF(key, v, skip, bind, sql, sqlf) { key, 0, v, skip, bind, sql, sqlf, NARROW_NO, 0, 0, 0, 0 }
/* a leaf whose PostgreSQL text is not SQLite's ("??": a literal '?') */
#define LEAF_PG(key, v, skip, bind, sql, sqlf, pg, pgf) { key, 0, v, skip, bind, sql, sqlf, NARROW_NO, 0, pg, pgf, 0 }
#define OBJ(key, cls) { key, &cls, VAL_STR, SKIP_NULL_ONLY, BIND_VALUE, 0, 0, NARROW_NO, 0, 0, 0, 0 }
#define END { 0, 0, VAL_STR, SKIP_NULL_ONLY, BIND_VALUE, 0, 0, NARROW_NO, 0, 0, 0, 0 }

/* PostgreSQL: a list is bound as one array of the column's type (uuid,
** the native enums, text: dialect.c's placeholder says which), so that
** `= ANY` and `<> ALL` compare as the column does, an index on it answers,
** and the planner sees the values. Prefect binds the list value by value
** (`IN ($1::UUID, ...)`); the rows are the same, and the text is the same
** for any length but one (compared as its one element, "= (?)[1]", which
** the planner folds to "= value": filter_compile.c). */
#define PG_IN(col) col " = ANY (?)"

/* Lists are bound as one JSON array and expanded by json_each, so the SQL
** text is the same for 2 or 1000 values (one value, or a list holding a
** NUL byte, is bound value by value instead: filter_compile.c). `NULL IN
** (empty)` is 0 in SQLite, which is what Prefect's `any_: []` means. */
#define ANY_(col, v) \
  LEAF_PG("any_", v, SKIP_NULL_ONLY, BIND_VALUE, col " IN (SELECT value FROM json_each(?))", 0, PG_IN(col), 0)
/* any_ on a unique column, or on an indexed one (sqlite_stat1 tells how
** many rows a value has): narrow lists make related filters start there */
#define ANY_UNIQUE_(col, v) \
  { "any_", 0, v, SKIP_NULL_ONLY, BIND_VALUE, col " IN (SELECT value FROM json_each(?))", 0, NARROW_UNIQUE, 0, \
    PG_IN(col), 0, 0 }
#define ANY_INDEXED_(col, statcol, v) \
  { "any_", 0, v, SKIP_NULL_ONLY, BIND_VALUE, col " IN (SELECT value FROM json_each(?))", 0, NARROW_INDEXED, statcol, \
    PG_IN(col), 0, 0 }
#define NOT_ANY_(col, v) \
  LEAF_PG("not_any_", v, SKIP_EMPTY, BIND_VALUE, col " NOT IN (SELECT value FROM json_each(?))", 0, \
          col " <> ALL (?)", 0)
/* SQLAlchemy's ILIKE on SQLite, and PostgreSQL's own; no ESCAPE clause, so
** % and _ stay wildcards. */
#define LIKE_(col) \
  LEAF_PG("like_", VAL_STR, SKIP_EMPTY, BIND_CONTAINS, "lower(" col ") LIKE lower(?)", 0, col " ILIKE ?", 0)
#define IS_NULL_(col) \
  LEAF("is_null_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING, col " IS NULL", col " IS NOT NULL")
#define EXISTS_(col) \
  LEAF("exists_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING, col " IS NOT NULL", col " IS NULL")
/* Both bounds are inclusive; timestamps compare as fixed-width UTC text. */
#define BEFORE_(col) LEAF("before_", VAL_DATETIME, SKIP_NULL_ONLY, BIND_VALUE, col " <= ?", 0)
#define AFTER_(col) LEAF("after_", VAL_DATETIME, SKIP_NULL_ONLY, BIND_VALUE, col " >= ?", 0)
/* Tags: every needle occurs (all_), one needle occurs (any_), and Prefect's
** "no tags" test, which compares the value with '[]'. On PostgreSQL these
** are jsonb's has_all (?&) and has_any (?|) over a text array, as Prefect
** writes them there. */
/* all_ is Prefect's count of distinct matches >= count of distinct needles,
** that is: no needle is missing; with the needles known, one EXISTS per
** needle (zSqlKnown). any_ matches an object's keys, else the values; with
** the needles known, one json_each and an IN list. A list holding a NUL
** byte keeps the json_each forms, which cut both sides at the NUL as
** Prefect's (json_each on both sides) does. */
#define TAGS_ALL_ \
  { "all_", 0, VAL_STR_LIST, SKIP_EMPTY, BIND_VALUE, \
    "NOT EXISTS (SELECT 1 FROM json_each(?) AS n# WHERE NOT EXISTS " \
    "(SELECT 1 FROM json_each(@.tags) AS t# WHERE t#.value = n#.value))", 0, NARROW_NO, 0, \
    "@.tags ??& ?", 0, \
    "EXISTS (SELECT 1 FROM json_each(@.tags) AS t# WHERE t#.value = ?)" }
#define TAGS_ANY_ \
  { "any_", 0, VAL_STR_LIST, SKIP_NULL_ONLY, BIND_VALUE, \
    "EXISTS (SELECT 1 FROM json_each(@.tags) AS t#, json_each(?) AS n# WHERE " \
    "CASE WHEN json_type(@.tags) = 'object' THEN t#.key ELSE t#.value END = n#.value)", 0, NARROW_NO, 0, \
    "@.tags ??| ?", 0, \
    "EXISTS (SELECT 1 FROM json_each(@.tags) AS t# WHERE " \
    "CASE WHEN json_type(@.tags) = 'object' THEN t#.key ELSE t#.value END IN (SELECT value FROM json_each(?)))" }
#define TAGS_IS_NULL_ \
  LEAF_PG("is_null_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING, "@.tags = '[]'", "@.tags != '[]'", \
          "@.tags = '[]'::jsonb", "@.tags != '[]'::jsonb")

#define CLASS(name, bOp, rule) \
  static const ClassDesc name = { #name, bOp, rule, a##name }

/* ---- ArtifactFilter (artifact) and ArtifactCollectionFilter -------------- */
static const MemberDesc aArtifactFilterId[] = { ANY_UNIQUE_("@.id", VAL_UUID_LIST), END };
CLASS(ArtifactFilterId, 0, RULE_NORMAL);
static const MemberDesc aArtifactFilterLatestId[] = { ANY_("@.latest_id", VAL_UUID_LIST), END };
CLASS(ArtifactFilterLatestId, 0, RULE_NORMAL);
static const MemberDesc aArtifactFilterKey[] = {
  ANY_("@.\"key\"", VAL_STR_LIST), LIKE_("@.\"key\""), EXISTS_("@.\"key\""), END };
CLASS(ArtifactFilterKey, 0, RULE_NORMAL);
static const MemberDesc aArtifactFilterFlowRunId[] = { ANY_("@.flow_run_id", VAL_UUID_LIST), END };
CLASS(ArtifactFilterFlowRunId, 0, RULE_NORMAL);
static const MemberDesc aArtifactFilterTaskRunId[] = { ANY_("@.task_run_id", VAL_UUID_LIST), END };
CLASS(ArtifactFilterTaskRunId, 0, RULE_NORMAL);
static const MemberDesc aArtifactFilterType[] = {
  ANY_("@.type", VAL_STR_LIST), NOT_ANY_("@.type", VAL_STR_LIST), END };
CLASS(ArtifactFilterType, 0, RULE_NORMAL);

static const MemberDesc aArtifactFilter[] = {
  OBJ("id", ArtifactFilterId), OBJ("key", ArtifactFilterKey),
  OBJ("flow_run_id", ArtifactFilterFlowRunId), OBJ("task_run_id", ArtifactFilterTaskRunId),
  OBJ("type", ArtifactFilterType), END };
CLASS(ArtifactFilter, 1, RULE_NORMAL);

static const MemberDesc aArtifactCollectionFilter[] = {
  OBJ("latest_id", ArtifactFilterLatestId), OBJ("key", ArtifactFilterKey),
  OBJ("flow_run_id", ArtifactFilterFlowRunId), OBJ("task_run_id", ArtifactFilterTaskRunId),
  OBJ("type", ArtifactFilterType), END };
CLASS(ArtifactCollectionFilter, 1, RULE_NORMAL);

/* ---- FlowFilter (flow) ---------------------------------------------------- */
static const MemberDesc aFlowFilterId[] = {
  ANY_UNIQUE_("@.id", VAL_UUID_LIST), NOT_ANY_("@.id", VAL_UUID_LIST), END };
CLASS(FlowFilterId, 0, RULE_NORMAL);
/* "has no deployment" is a set test on deployment.flow_id, not a column */
static const MemberDesc aFlowFilterDeployment[] = {
  LEAF("is_null_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING,
       "@.id NOT IN (SELECT d#.flow_id FROM deployment AS d#)",
       "@.id IN (SELECT d#.flow_id FROM deployment AS d#)"), END };
CLASS(FlowFilterDeployment, 1, RULE_NORMAL);
static const MemberDesc aFlowFilterName[] = {
  ANY_UNIQUE_("@.name", VAL_STR_LIST), LIKE_("@.name"), END };
CLASS(FlowFilterName, 0, RULE_NORMAL);
static const MemberDesc aFlowFilterTags[] = { TAGS_ALL_, TAGS_IS_NULL_, END };
CLASS(FlowFilterTags, 1, RULE_NORMAL);

static const MemberDesc aFlowFilter[] = {
  OBJ("id", FlowFilterId), OBJ("deployment", FlowFilterDeployment),
  OBJ("name", FlowFilterName), OBJ("tags", FlowFilterTags), END };
CLASS(FlowFilter, 1, RULE_NORMAL);

/* ---- FlowRunFilter (flow_run) ---------------------------------------------- */
static const MemberDesc aFlowRunFilterId[] = {
  ANY_UNIQUE_("@.id", VAL_UUID_LIST), NOT_ANY_("@.id", VAL_UUID_LIST), END };
CLASS(FlowRunFilterId, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterName[] = {
  ANY_INDEXED_("@.name", "name", VAL_STR_LIST), LIKE_("@.name"), END };
CLASS(FlowRunFilterName, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterTags[] = { TAGS_ALL_, TAGS_ANY_, TAGS_IS_NULL_, END };
CLASS(FlowRunFilterTags, 1, RULE_NORMAL);
static const MemberDesc aFlowRunFilterDeploymentId[] = {
  ANY_INDEXED_("@.deployment_id", "deployment_id", VAL_UUID_LIST), IS_NULL_("@.deployment_id"), END };
CLASS(FlowRunFilterDeploymentId, 1, RULE_NORMAL);
static const MemberDesc aFlowRunFilterWorkQueueName[] = {
  ANY_("@.work_queue_name", VAL_STR_LIST), IS_NULL_("@.work_queue_name"), END };
CLASS(FlowRunFilterWorkQueueName, 1, RULE_NORMAL);
static const MemberDesc aFlowRunFilterStateType[] = {
  ANY_("@.state_type", VAL_STATE_LIST), NOT_ANY_("@.state_type", VAL_STATE_LIST), END };
CLASS(FlowRunFilterStateType, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterStateName[] = {
  ANY_("@.state_name", VAL_STR_LIST), NOT_ANY_("@.state_name", VAL_STR_LIST), END };
CLASS(FlowRunFilterStateName, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterState[] = {
  OBJ("type", FlowRunFilterStateType), OBJ("name", FlowRunFilterStateName), END };
CLASS(FlowRunFilterState, 1, RULE_STATE);
static const MemberDesc aFlowRunFilterFlowVersion[] = {
  ANY_INDEXED_("@.flow_version", "flow_version", VAL_STR_LIST), END };
CLASS(FlowRunFilterFlowVersion, 0, RULE_NORMAL);
/* before_/after_ fall back to the expected start; is_null_ does not */
static const MemberDesc aFlowRunFilterStartTime[] = {
  BEFORE_("coalesce(@.start_time, @.expected_start_time)"),
  AFTER_("coalesce(@.start_time, @.expected_start_time)"), IS_NULL_("@.start_time"), END };
CLASS(FlowRunFilterStartTime, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterEndTime[] = {
  BEFORE_("@.end_time"), AFTER_("@.end_time"), IS_NULL_("@.end_time"), END };
CLASS(FlowRunFilterEndTime, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterExpectedStartTime[] = {
  BEFORE_("@.expected_start_time"), AFTER_("@.expected_start_time"), END };
CLASS(FlowRunFilterExpectedStartTime, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterNextScheduledStartTime[] = {
  BEFORE_("@.next_scheduled_start_time"), AFTER_("@.next_scheduled_start_time"), END };
CLASS(FlowRunFilterNextScheduledStartTime, 0, RULE_NORMAL);
/* subflow runs whose parent task run belongs to one of the given flow runs */
static const MemberDesc aFlowRunFilterParentFlowRunId[] = {
  LEAF_PG("any_", VAL_UUID_LIST, SKIP_NULL_ONLY, BIND_VALUE,
          "@.id IN (SELECT pf#.id FROM flow_run AS pf# JOIN task_run AS pt# "
          "ON pt#.id = pf#.parent_task_run_id WHERE pt#.flow_run_id IN "
          "(SELECT value FROM json_each(?)))", 0,
          "@.id IN (SELECT pf#.id FROM flow_run AS pf# JOIN task_run AS pt# "
          "ON pt#.id = pf#.parent_task_run_id WHERE " PG_IN("pt#.flow_run_id") ")", 0), END };
CLASS(FlowRunFilterParentFlowRunId, 1, RULE_NORMAL);
static const MemberDesc aFlowRunFilterParentTaskRunId[] = {
  ANY_INDEXED_("@.parent_task_run_id", "parent_task_run_id", VAL_UUID_LIST), IS_NULL_("@.parent_task_run_id"), END };
CLASS(FlowRunFilterParentTaskRunId, 1, RULE_NORMAL);
static const MemberDesc aFlowRunFilterIdempotencyKey[] = {
  ANY_("@.idempotency_key", VAL_STR_LIST), NOT_ANY_("@.idempotency_key", VAL_STR_LIST), END };
CLASS(FlowRunFilterIdempotencyKey, 0, RULE_NORMAL);
static const MemberDesc aFlowRunFilterCreatedBy[] = {
  /* on PostgreSQL the member as text (->>), as Prefect's astext reads it */
  LEAF_PG("id_", VAL_UUID_LIST, SKIP_NULL_ONLY, BIND_VALUE,
          "json_extract(@.created_by, '$.\"id\"') IN (SELECT value FROM json_each(?))", 0,
          "(@.created_by ->> 'id') = ANY (?::text[])", 0),
  LEAF_PG("type_", VAL_STR_LIST, SKIP_NULL_ONLY, BIND_VALUE,
          "json_extract(@.created_by, '$.\"type\"') IN (SELECT value FROM json_each(?))", 0,
          PG_IN("(@.created_by ->> 'type')"), 0),
  IS_NULL_("@.created_by"), END };
CLASS(FlowRunFilterCreatedBy, 1, RULE_NORMAL);

static const MemberDesc aFlowRunFilter[] = {
  OBJ("id", FlowRunFilterId), OBJ("name", FlowRunFilterName), OBJ("tags", FlowRunFilterTags),
  OBJ("deployment_id", FlowRunFilterDeploymentId),
  OBJ("work_queue_name", FlowRunFilterWorkQueueName), OBJ("state", FlowRunFilterState),
  OBJ("flow_version", FlowRunFilterFlowVersion), OBJ("start_time", FlowRunFilterStartTime),
  OBJ("end_time", FlowRunFilterEndTime),
  OBJ("expected_start_time", FlowRunFilterExpectedStartTime),
  OBJ("next_scheduled_start_time", FlowRunFilterNextScheduledStartTime),
  OBJ("parent_flow_run_id", FlowRunFilterParentFlowRunId),
  OBJ("parent_task_run_id", FlowRunFilterParentTaskRunId),
  OBJ("idempotency_key", FlowRunFilterIdempotencyKey),
  OBJ("created_by", FlowRunFilterCreatedBy), END };
CLASS(FlowRunFilter, 1, RULE_NORMAL);

/* ---- TaskRunFilter (task_run) ------------------------------------------------ */
static const MemberDesc aTaskRunFilterId[] = { ANY_UNIQUE_("@.id", VAL_UUID_LIST), END };
CLASS(TaskRunFilterId, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterName[] = {
  ANY_INDEXED_("@.name", "name", VAL_STR_LIST), LIKE_("@.name"), END };
CLASS(TaskRunFilterName, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterTags[] = { TAGS_ALL_, TAGS_IS_NULL_, END };
CLASS(TaskRunFilterTags, 1, RULE_NORMAL);
static const MemberDesc aTaskRunFilterStateType[] = { ANY_("@.state_type", VAL_STATE_LIST), END };
CLASS(TaskRunFilterStateType, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterStateName[] = { ANY_("@.state_name", VAL_STR_LIST), END };
CLASS(TaskRunFilterStateName, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterState[] = {
  OBJ("type", TaskRunFilterStateType), OBJ("name", TaskRunFilterStateName), END };
CLASS(TaskRunFilterState, 1, RULE_STATE);
/* task runs: no coalesce with the expected start */
static const MemberDesc aTaskRunFilterStartTime[] = {
  BEFORE_("@.start_time"), AFTER_("@.start_time"), IS_NULL_("@.start_time"), END };
CLASS(TaskRunFilterStartTime, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterEndTime[] = {
  BEFORE_("@.end_time"), AFTER_("@.end_time"), IS_NULL_("@.end_time"), END };
CLASS(TaskRunFilterEndTime, 0, RULE_NORMAL);
static const MemberDesc aTaskRunFilterExpectedStartTime[] = {
  BEFORE_("@.expected_start_time"), AFTER_("@.expected_start_time"), END };
CLASS(TaskRunFilterExpectedStartTime, 0, RULE_NORMAL);
/* "this task run is the parent of a subflow run": the inner flow_run is a
** fresh alias, never the flow run of an enclosing filter */
static const MemberDesc aTaskRunFilterSubFlowRuns[] = {
  LEAF("exists_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING,
       "EXISTS (SELECT 1 FROM flow_run AS sf# WHERE sf#.parent_task_run_id = @.id)",
       "NOT EXISTS (SELECT 1 FROM flow_run AS sf# WHERE sf#.parent_task_run_id = @.id)"), END };
CLASS(TaskRunFilterSubFlowRuns, 0, RULE_NORMAL);
/* is_null_ defaults to false here, so {} means "has a flow run" and only
** an explicit null drops the test: compile_task_flow_run (filter_compile.c) */
static const MemberDesc aTaskRunFilterFlowRunId[] = {
  ANY_INDEXED_("@.flow_run_id", "flow_run_id", VAL_UUID_LIST), IS_NULL_("@.flow_run_id"), END };
CLASS(TaskRunFilterFlowRunId, 1, RULE_TASK_FLOW_RUN);

static const MemberDesc aTaskRunFilter[] = {
  OBJ("id", TaskRunFilterId), OBJ("name", TaskRunFilterName), OBJ("tags", TaskRunFilterTags),
  OBJ("state", TaskRunFilterState), OBJ("start_time", TaskRunFilterStartTime),
  OBJ("end_time", TaskRunFilterEndTime),
  OBJ("expected_start_time", TaskRunFilterExpectedStartTime),
  OBJ("subflow_runs", TaskRunFilterSubFlowRuns), OBJ("flow_run_id", TaskRunFilterFlowRunId),
  END };
CLASS(TaskRunFilter, 1, RULE_NORMAL);

/* ---- DeploymentFilter (deployment) ------------------------------------------- */
static const MemberDesc aDeploymentFilterId[] = {
  ANY_UNIQUE_("@.id", VAL_UUID_LIST), NOT_ANY_("@.id", VAL_UUID_LIST), END };
CLASS(DeploymentFilterId, 0, RULE_NORMAL);
static const MemberDesc aDeploymentFilterName[] = {
  ANY_INDEXED_("@.name", "name", VAL_STR_LIST), LIKE_("@.name"), END };
CLASS(DeploymentFilterName, 0, RULE_NORMAL);
/* one pattern against the deployment's name or its flow's name */
static const MemberDesc aDeploymentFilterFlowOrDeploymentName[] = {
  LEAF_PG("like_", VAL_STR, SKIP_EMPTY, BIND_CONTAINS,
          "(lower(@.name) LIKE lower(?) OR EXISTS (SELECT 1 FROM flow AS fd# "
          "WHERE fd#.id = @.flow_id AND lower(fd#.name) LIKE lower(?)))", 0,
          "(@.name ILIKE ? OR EXISTS (SELECT 1 FROM flow AS fd# "
          "WHERE fd#.id = @.flow_id AND fd#.name ILIKE ?))", 0), END };
CLASS(DeploymentFilterFlowOrDeploymentName, 0, RULE_NORMAL);
static const MemberDesc aDeploymentFilterPaused[] = {
  LEAF_PG("eq_", VAL_BOOL, SKIP_NULL_ONLY, BIND_NOTHING, "@.paused IS 1", "@.paused IS 0",
          "@.paused IS TRUE", "@.paused IS FALSE"), END };
CLASS(DeploymentFilterPaused, 0, RULE_NORMAL);
static const MemberDesc aDeploymentFilterTags[] = { TAGS_ALL_, TAGS_ANY_, TAGS_IS_NULL_, END };
CLASS(DeploymentFilterTags, 1, RULE_NORMAL);
static const MemberDesc aDeploymentFilterWorkQueueName[] = {
  ANY_("@.work_queue_name", VAL_STR_LIST), END };
CLASS(DeploymentFilterWorkQueueName, 0, RULE_NORMAL);
/* deprecated: type-checked, then ignored, and not even a TRUE under or_ */
static const MemberDesc aDeploymentFilterConcurrencyLimit[] = {
  LEAF("ge_", VAL_INT, SKIP_ALWAYS, BIND_VALUE, 0, 0),
  LEAF("le_", VAL_INT, SKIP_ALWAYS, BIND_VALUE, 0, 0),
  LEAF("is_null_", VAL_BOOL, SKIP_ALWAYS, BIND_NOTHING, 0, 0), END };
CLASS(DeploymentFilterConcurrencyLimit, 0, RULE_IGNORED);

static const MemberDesc aDeploymentFilter[] = {
  OBJ("id", DeploymentFilterId), OBJ("name", DeploymentFilterName),
  OBJ("flow_or_deployment_name", DeploymentFilterFlowOrDeploymentName),
  OBJ("paused", DeploymentFilterPaused), OBJ("tags", DeploymentFilterTags),
  OBJ("work_queue_name", DeploymentFilterWorkQueueName),
  OBJ("concurrency_limit", DeploymentFilterConcurrencyLimit), END };
CLASS(DeploymentFilter, 1, RULE_NORMAL);

/* ---- WorkPoolFilter (work_pool) and WorkQueueFilter (work_queue) ----------- */
static const MemberDesc aWorkPoolFilterId[] = { ANY_UNIQUE_("@.id", VAL_UUID_LIST), END };
CLASS(WorkPoolFilterId, 0, RULE_NORMAL);
static const MemberDesc aWorkPoolFilterName[] = { ANY_UNIQUE_("@.name", VAL_STR_LIST), END };
CLASS(WorkPoolFilterName, 0, RULE_NORMAL);
static const MemberDesc aWorkPoolFilterType[] = { ANY_("@.type", VAL_STR_LIST), END };
CLASS(WorkPoolFilterType, 0, RULE_NORMAL);
static const MemberDesc aWorkPoolFilter[] = {
  OBJ("id", WorkPoolFilterId), OBJ("name", WorkPoolFilterName), OBJ("type", WorkPoolFilterType), END };
CLASS(WorkPoolFilter, 1, RULE_NORMAL);

static const MemberDesc aWorkQueueFilterId[] = { ANY_UNIQUE_("@.id", VAL_UUID_LIST), END };
CLASS(WorkQueueFilterId, 0, RULE_NORMAL);
/* startswith_: a prefix match per value, ORed; [] is an empty OR group that
** SQLAlchemy drops, so it vanishes (it is not a TRUE, even under or_) */
static const MemberDesc aWorkQueueFilterName[] = {
  ANY_("@.name", VAL_STR_LIST),
  LEAF_PG("startswith_", VAL_STR_LIST, SKIP_EMPTY_VOID, BIND_VALUE,
          "EXISTS (SELECT 1 FROM json_each(?) AS sw# WHERE lower(@.name) LIKE lower(sw#.value || '%'))", 0,
          "EXISTS (SELECT 1 FROM unnest(?) AS sw#(value) WHERE @.name ILIKE sw#.value || '%')",
          0),
  END };
CLASS(WorkQueueFilterName, 0, RULE_NORMAL);
static const MemberDesc aWorkQueueFilter[] = {
  OBJ("id", WorkQueueFilterId), OBJ("name", WorkQueueFilterName), END };
CLASS(WorkQueueFilter, 1, RULE_NORMAL);

/* ---- WorkerFilter (worker) ---------------------------------------------------
** (its worker_config_id member is commented out in Prefect: the pool is the
** route's path) */
static const MemberDesc aWorkerFilterLastHeartbeatTime[] = {
  BEFORE_("@.last_heartbeat_time"), AFTER_("@.last_heartbeat_time"), END };
CLASS(WorkerFilterLastHeartbeatTime, 0, RULE_NORMAL);
static const MemberDesc aWorkerFilterStatus[] = {
  ANY_("@.status", VAL_WORKER_STATUS_LIST), NOT_ANY_("@.status", VAL_WORKER_STATUS_LIST), END };
CLASS(WorkerFilterStatus, 0, RULE_NORMAL);
static const MemberDesc aWorkerFilter[] = {
  OBJ("last_heartbeat_time", WorkerFilterLastHeartbeatTime), OBJ("status", WorkerFilterStatus), END };
CLASS(WorkerFilter, 1, RULE_NORMAL);

/* ---- LogFilter (log) -------------------------------------------------------- */
static const MemberDesc aLogFilterLevel[] = {
  LEAF("ge_", VAL_INT, SKIP_NULL_ONLY, BIND_VALUE, "@.level >= ?", 0),
  LEAF("le_", VAL_INT, SKIP_NULL_ONLY, BIND_VALUE, "@.level <= ?", 0), END };
CLASS(LogFilterLevel, 0, RULE_NORMAL);
static const MemberDesc aLogFilterTimestamp[] = {
  BEFORE_("@.\"timestamp\""), AFTER_("@.\"timestamp\""), END };
CLASS(LogFilterTimestamp, 0, RULE_NORMAL);
static const MemberDesc aLogFilterFlowRunId[] = {
  ANY_INDEXED_("@.flow_run_id", "flow_run_id", VAL_UUID_LIST), END };
CLASS(LogFilterFlowRunId, 0, RULE_NORMAL);
static const MemberDesc aLogFilterTaskRunId[] = {
  ANY_INDEXED_("@.task_run_id", "task_run_id", VAL_UUID_LIST), IS_NULL_("@.task_run_id"), END };
CLASS(LogFilterTaskRunId, 0, RULE_NORMAL);
/* Text search over "<message> <logger name>": Prefect lowers the joined
** text in SQL (SQLite's lower(): ASCII only) and each term in Python (full
** Unicode), and tests `LIKE '%' || term || '%'` (no escaping: % and _ in
** a term are wildcards). Prefect joins with concat(), which reads NULL as
** ''; coalesce() says the same on SQLite versions without concat(). The
** template is one term's "occurs" test; text_search.c splits the query. */
static const MemberDesc aLogFilterTextSearch[] = {
  LEAF_PG("query", VAL_TEXT_QUERY, SKIP_NULL_ONLY, BIND_VALUE,
          "lower(coalesce(@.message, '') || ' ' || coalesce(@.name, '')) LIKE '%' || ? || '%'", 0,
          "lower(concat(@.message, ' ', @.name)) LIKE '%' || ? || '%'", 0), END };
CLASS(LogFilterTextSearch, 0, RULE_TEXT_SEARCH);
/* LogFilterName exists in Prefect but is not a field of LogFilter */
static const MemberDesc aLogFilter[] = {
  OBJ("level", LogFilterLevel), OBJ("timestamp", LogFilterTimestamp),
  OBJ("flow_run_id", LogFilterFlowRunId), OBJ("task_run_id", LogFilterTaskRunId),
  OBJ("text", LogFilterTextSearch), END };
CLASS(LogFilter, 1, RULE_NORMAL);

/* ---- VariableFilter (variable) ---------------------------------------------- */
static const MemberDesc aVariableFilterId[] = { ANY_UNIQUE_("@.id", VAL_UUID_LIST), END };
CLASS(VariableFilterId, 0, RULE_NORMAL);
static const MemberDesc aVariableFilterName[] = {
  ANY_UNIQUE_("@.name", VAL_STR_LIST), LIKE_("@.name"), END };
CLASS(VariableFilterName, 0, RULE_NORMAL);
static const MemberDesc aVariableFilterTags[] = { TAGS_ALL_, TAGS_IS_NULL_, END };
CLASS(VariableFilterTags, 1, RULE_NORMAL);
static const MemberDesc aVariableFilter[] = {
  OBJ("id", VariableFilterId), OBJ("name", VariableFilterName), OBJ("tags", VariableFilterTags), END };
CLASS(VariableFilter, 1, RULE_NORMAL);

/* ---- Collections ------------------------------------------------------------ */

/* /artifacts/filter and /artifacts/count: one related filter over the
** artifact's flow run (joined to its flow and deployment when those filters
** are present), another over its task run. A present key, even {}, requires
** the related row to exist. */
#define ARTIFACT_RELATIONS { \
  { "flow_runs", &FlowRunFilter, "flow_run", "fr", 0, -1, "id", "flow_run_id" }, \
  { "flows", &FlowFilter, "flow", "f", 0, 0, "id", "flow_id" }, \
  { "deployments", &DeploymentFilter, "deployment", "d", 0, 0, "id", "deployment_id" }, \
  { "task_runs", &TaskRunFilter, "task_run", "tr", 1, -1, "id", "task_run_id" }, \
  { 0, 0, 0, 0, 0, 0, 0, 0 } }

static const RelationDesc aArtifactRelations[] = ARTIFACT_RELATIONS;

/* Column types are Prefect's own, so comparisons get the same affinity as
** on the real table. The order is the API's Artifact object. eIndex says
** which of Prefect's indexes lead with the column (sql/schema.sql). */
static const ColumnDesc aArtifactColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "key", "VARCHAR", "@.\"key\"", IDX_MULTI },
  { "type", "VARCHAR", "@.type", IDX_NONE },
  { "description", "VARCHAR", "@.description", IDX_NONE },
  { "data", "JSON", "@.data", IDX_NONE },
  { "metadata_", "JSON", "@.metadata_", IDX_NONE },
  { "flow_run_id", "CHAR(36)", "@.flow_run_id", IDX_MULTI },
  { "task_run_id", "CHAR(36)", "@.task_run_id", IDX_MULTI },
  { 0, 0, 0, IDX_NONE } };

/* ArtifactSort and ArtifactCollectionSort: one key each, and Prefect adds
** no tie-breaker, so equal keys come back in no defined order */
static const SortDesc aArtifactSorts[] = {
  { "ID_DESC", "@.id DESC", 1 },
  { "CREATED_DESC", "@.created DESC", 0 },
  { "UPDATED_DESC", "@.updated DESC", 1 },
  { "KEY_DESC", "@.\"key\" DESC", 1 },
  { "KEY_ASC", "@.\"key\" ASC", 1 },
  { 0, 0, 0 } };

const CollectionDesc prefect_artifacts = {
  "artifacts", "artifact", "a", "artifacts", &ArtifactFilter,
  aArtifactColumns, aArtifactSorts, aArtifactRelations, 0, 1, 0 };

static const RelationDesc aArtifactCollectionRelations[] = ARTIFACT_RELATIONS;

/* The API's ArtifactCollection object order. */
static const ColumnDesc aArtifactCollectionColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "key", "VARCHAR", "@.\"key\"", IDX_UNIQUE },
  { "latest_id", "CHAR(36)", "@.latest_id", IDX_NONE },
  { "type", "VARCHAR", "@.type", IDX_NONE },
  { "description", "VARCHAR", "@.description", IDX_NONE },
  { "data", "JSON", "@.data", IDX_NONE },
  { "metadata_", "JSON", "@.metadata_", IDX_NONE },
  { "flow_run_id", "CHAR(36)", "@.flow_run_id", IDX_NONE },
  { "task_run_id", "CHAR(36)", "@.task_run_id", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

/* /artifacts/latest/filter and /artifacts/latest/count: the same
** relations, through the flow run and task run of the latest artifact. */
const CollectionDesc prefect_artifact_collections = {
  "artifact_collections", "artifact_collection", "ac", "artifacts", &ArtifactCollectionFilter,
  aArtifactCollectionColumns, aArtifactSorts, aArtifactCollectionRelations, 0, 0, 0 };

/* ---- flows: /flows/filter, /flows/count, /flows/paginate ------------------ */
static const ColumnDesc aFlowColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_MULTI },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_UNIQUE },
  { "tags", "JSON", "@.tags", IDX_NONE },
  { "labels", "JSON", "@.labels", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

static const SortDesc aFlowSorts[] = {
  { "NAME_ASC", "@.name ASC", 1 },
  { "CREATED_DESC", "@.created DESC", 1 },
  { "UPDATED_DESC", "@.updated DESC", 1 },
  { "NAME_DESC", "@.name DESC", 1 },
  { 0, 0, 0 } };

/* a deployment of the flow (through its queue to the pool for work_pools);
** a run of the flow (with one of its task runs for task_runs) */
static const RelationDesc aFlowRelations[] = {
  { "deployments", &DeploymentFilter, "deployment", "d", 0, -1, "flow_id", "id" },
  { 0, 0, "work_queue", "wq", 0, 0, "id", "work_queue_id" },
  { "work_pools", &WorkPoolFilter, "work_pool", "wp", 0, 1, "id", "work_pool_id" },
  { "flow_runs", &FlowRunFilter, "flow_run", "fr", 1, -1, "flow_id", "id" },
  { "task_runs", &TaskRunFilter, "task_run", "tr", 1, 3, "flow_run_id", "id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_flows = {
  "flows", "flow", "fl", "flows", &FlowFilter, aFlowColumns, aFlowSorts, aFlowRelations, 1, 0, 0 };

/* ---- flow_runs: /flow_runs/filter and /flow_runs/count ------------------- */
/* The FlowRun fields that live in the row, in the API's order; the state
** object and computed fields (estimated_run_time, ...) are prefect_api()'s. */
static const ColumnDesc aFlowRunColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_MULTI },
  { "flow_id", "CHAR(36)", "@.flow_id", IDX_MULTI },
  { "state_id", "CHAR(36)", "@.state_id", IDX_MULTI },
  { "deployment_id", "CHAR(36)", "@.deployment_id", IDX_MULTI },
  { "deployment_version", "VARCHAR", "@.deployment_version", IDX_MULTI },
  { "work_queue_id", "CHAR(36)", "@.work_queue_id", IDX_MULTI },
  { "work_queue_name", "VARCHAR", "@.work_queue_name", IDX_MULTI },
  { "flow_version", "VARCHAR", "@.flow_version", IDX_MULTI },
  { "parameters", "JSON", "@.parameters", IDX_NONE },
  { "idempotency_key", "VARCHAR", "@.idempotency_key", IDX_NONE },
  { "context", "JSON", "@.context", IDX_NONE },
  { "empirical_policy", "JSON", "@.empirical_policy", IDX_NONE },
  { "tags", "JSON", "@.tags", IDX_NONE },
  { "labels", "JSON", "@.labels", IDX_NONE },
  { "parent_task_run_id", "CHAR(36)", "@.parent_task_run_id", IDX_MULTI },
  { "state_type", "VARCHAR(9)", "@.state_type", IDX_MULTI },
  { "state_name", "VARCHAR", "@.state_name", IDX_MULTI },
  { "state_timestamp", "DATETIME", "@.state_timestamp", IDX_MULTI },
  { "run_count", "INTEGER", "@.run_count", IDX_NONE },
  { "expected_start_time", "DATETIME", "@.expected_start_time", IDX_MULTI },
  { "next_scheduled_start_time", "DATETIME", "@.next_scheduled_start_time", IDX_MULTI },
  { "start_time", "DATETIME", "@.start_time", IDX_MULTI },
  { "end_time", "DATETIME", "@.end_time", IDX_MULTI },
  { "total_run_time", "DATETIME", "@.total_run_time", IDX_NONE },
  { "auto_scheduled", "BOOLEAN", "@.auto_scheduled", IDX_NONE },
  { "infrastructure_document_id", "CHAR(36)", "@.infrastructure_document_id", IDX_MULTI },
  { "infrastructure_pid", "VARCHAR", "@.infrastructure_pid", IDX_NONE },
  { "created_by", "JSON", "@.created_by", IDX_NONE },
  { "job_variables", "JSON", "@.job_variables", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

static const SortDesc aFlowRunSorts[] = {
  { "ID_DESC", "@.id DESC", 1 },
  { "START_TIME_ASC", "coalesce(@.start_time, @.expected_start_time) ASC", 0 },
  { "START_TIME_DESC", "coalesce(@.start_time, @.expected_start_time) DESC", 0 },
  { "EXPECTED_START_TIME_ASC", "@.expected_start_time ASC", 1 },
  { "EXPECTED_START_TIME_DESC", "@.expected_start_time DESC", 1 },
  { "NAME_ASC", "@.name ASC", 1 },
  { "NAME_DESC", "@.name DESC", 1 },
  { "NEXT_SCHEDULED_START_TIME_ASC", "@.next_scheduled_start_time ASC", 1 },
  { "END_TIME_DESC", "@.end_time DESC", 1 },
  { 0, 0, 0 } };

/* four independent related filters; flows and task_runs share the last one */
static const RelationDesc aFlowRunRelations[] = {
  { "deployments", &DeploymentFilter, "deployment", "d", 0, -1, "id", "deployment_id" },
  { 0, 0, "work_queue", "wq", 1, -1, "id", "work_queue_id" },
  { "work_pools", &WorkPoolFilter, "work_pool", "wp", 1, 1, "id", "work_pool_id" },
  { "work_pool_queues", &WorkQueueFilter, "work_queue", "q", 2, -1, "id", "work_queue_id" },
  { "flows", &FlowFilter, "flow", "f", 3, -1, "id", "flow_id" },
  { "task_runs", &TaskRunFilter, "task_run", "tr", 3, -1, "flow_run_id", "id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_flow_runs = {
  "flow_runs", "flow_run", "r", "flow_runs", &FlowRunFilter, aFlowRunColumns, aFlowRunSorts,
  aFlowRunRelations, 0, 0, 0 };

/* POST /ui/flow_runs/history (server/api/ui/flow_runs.py): read_flow_runs
** with flows, flow_runs, task_runs, deployments and work_pools, and no
** work_pool_queues; the same groups as /flow_runs/filter otherwise. */
static const RelationDesc aUiFlowRunRelations[] = {
  { "deployments", &DeploymentFilter, "deployment", "d", 0, -1, "id", "deployment_id" },
  { 0, 0, "work_queue", "wq", 1, -1, "id", "work_queue_id" },
  { "work_pools", &WorkPoolFilter, "work_pool", "wp", 1, 1, "id", "work_pool_id" },
  { "flows", &FlowFilter, "flow", "f", 2, -1, "id", "flow_id" },
  { "task_runs", &TaskRunFilter, "task_run", "tr", 2, -1, "flow_run_id", "id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_ui_flow_runs = {
  "flow_runs", "flow_run", "r", "flow_runs", &FlowRunFilter, aFlowRunColumns, aFlowRunSorts,
  aUiFlowRunRelations, 0, 0, 0 };

/* ---- task_runs: /task_runs/filter and /task_runs/count ------------------- */
static const ColumnDesc aTaskRunColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_MULTI },
  { "flow_run_id", "CHAR(36)", "@.flow_run_id", IDX_MULTI },
  { "task_key", "VARCHAR", "@.task_key", IDX_NONE },
  { "dynamic_key", "VARCHAR", "@.dynamic_key", IDX_NONE },
  { "cache_key", "VARCHAR", "@.cache_key", IDX_NONE },
  { "cache_expiration", "DATETIME", "@.cache_expiration", IDX_NONE },
  { "task_version", "VARCHAR", "@.task_version", IDX_NONE },
  { "empirical_policy", "JSON", "@.empirical_policy", IDX_NONE },
  { "tags", "JSON", "@.tags", IDX_NONE },
  { "labels", "JSON", "@.labels", IDX_NONE },
  { "state_id", "CHAR(36)", "@.state_id", IDX_MULTI },
  { "task_inputs", "JSON", "@.task_inputs", IDX_NONE },
  { "state_type", "VARCHAR(9)", "@.state_type", IDX_MULTI },
  { "state_name", "VARCHAR", "@.state_name", IDX_MULTI },
  { "state_timestamp", "DATETIME", "@.state_timestamp", IDX_MULTI },
  { "run_count", "INTEGER", "@.run_count", IDX_NONE },
  { "flow_run_run_count", "INTEGER", "@.flow_run_run_count", IDX_NONE },
  { "expected_start_time", "DATETIME", "@.expected_start_time", IDX_MULTI },
  { "next_scheduled_start_time", "DATETIME", "@.next_scheduled_start_time", IDX_MULTI },
  { "start_time", "DATETIME", "@.start_time", IDX_MULTI },
  { "end_time", "DATETIME", "@.end_time", IDX_MULTI },
  { "total_run_time", "DATETIME", "@.total_run_time", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

static const SortDesc aTaskRunSorts[] = {
  { "ID_DESC", "@.id DESC", 1 },
  { "EXPECTED_START_TIME_ASC", "@.expected_start_time ASC", 1 },
  { "EXPECTED_START_TIME_DESC", "@.expected_start_time DESC", 1 },
  { "NAME_ASC", "@.name ASC", 1 },
  { "NAME_DESC", "@.name DESC", 1 },
  { "NEXT_SCHEDULED_START_TIME_ASC", "@.next_scheduled_start_time ASC", 1 },
  { "END_TIME_DESC", "@.end_time DESC", 1 },
  { 0, 0, 0 } };

/* one related filter over the task run's flow run, joined to its flow and deployment */
static const RelationDesc aTaskRunRelations[] = {
  { "flow_runs", &FlowRunFilter, "flow_run", "fr", 0, -1, "id", "flow_run_id" },
  { "flows", &FlowFilter, "flow", "f", 0, 0, "id", "flow_id" },
  { "deployments", &DeploymentFilter, "deployment", "d", 0, 0, "id", "deployment_id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_task_runs = {
  "task_runs", "task_run", "t", "task_runs", &TaskRunFilter, aTaskRunColumns, aTaskRunSorts,
  aTaskRunRelations, 0, 0, 0 };

/* POST /ui/task_runs/dashboard/counts (server/api/ui/task_runs.py):
** _apply_task_run_filters with a work pool and a work queue filter too, all
** in the one EXISTS over the task run's flow run: its queue, and that
** queue's pool. */
static const RelationDesc aUiTaskRunRelations[] = {
  { "flow_runs", &FlowRunFilter, "flow_run", "fr", 0, -1, "id", "flow_run_id" },
  { "flows", &FlowFilter, "flow", "f", 0, 0, "id", "flow_id" },
  { "deployments", &DeploymentFilter, "deployment", "d", 0, 0, "id", "deployment_id" },
  { "work_queues", &WorkQueueFilter, "work_queue", "wq", 0, 0, "id", "work_queue_id" },
  { "work_pools", &WorkPoolFilter, "work_pool", "wp", 0, 3, "id", "work_pool_id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_ui_task_runs = {
  "task_runs", "task_run", "t", "task_runs", &TaskRunFilter, aTaskRunColumns, aTaskRunSorts,
  aUiTaskRunRelations, 0, 0, 0 };

/* ---- deployments: /deployments/filter and /deployments/count -------------- */
/* API names; job_variables is the column infra_overrides */
static const ColumnDesc aDeploymentColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_MULTI },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_MULTI },
  { "version", "VARCHAR", "@.version", IDX_NONE },
  { "version_id", "CHAR(36)", "@.version_id", IDX_MULTI },
  { "description", "TEXT", "@.description", IDX_NONE },
  { "flow_id", "CHAR(36)", "@.flow_id", IDX_MULTI },
  { "paused", "BOOLEAN", "@.paused", IDX_MULTI },
  { "status", "VARCHAR(9)", "@.status", IDX_NONE },
  { "concurrency_limit", "INTEGER", "@.concurrency_limit", IDX_NONE },
  { "concurrency_options", "JSON", "@.concurrency_options", IDX_NONE },
  { "concurrency_limit_id", "CHAR(36)", "@.concurrency_limit_id", IDX_NONE },
  { "job_variables", "JSON", "@.infra_overrides", IDX_NONE },
  { "parameters", "JSON", "@.parameters", IDX_NONE },
  { "parameter_openapi_schema", "JSON", "@.parameter_openapi_schema", IDX_NONE },
  { "enforce_parameter_schema", "BOOLEAN", "@.enforce_parameter_schema", IDX_NONE },
  { "pull_steps", "JSON", "@.pull_steps", IDX_NONE },
  { "tags", "JSON", "@.tags", IDX_NONE },
  { "labels", "JSON", "@.labels", IDX_NONE },
  { "work_queue_name", "VARCHAR", "@.work_queue_name", IDX_MULTI },
  { "work_queue_id", "CHAR(36)", "@.work_queue_id", IDX_MULTI },
  { "last_polled", "DATETIME", "@.last_polled", IDX_NONE },
  { "path", "VARCHAR", "@.path", IDX_NONE },
  { "entrypoint", "VARCHAR", "@.entrypoint", IDX_NONE },
  { "storage_document_id", "CHAR(36)", "@.storage_document_id", IDX_NONE },
  { "infrastructure_document_id", "CHAR(36)", "@.infrastructure_document_id", IDX_NONE },
  { "created_by", "JSON", "@.created_by", IDX_NONE },
  { "updated_by", "JSON", "@.updated_by", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

static const SortDesc aDeploymentSorts[] = {
  { "NAME_ASC", "@.name ASC", 1 },
  { "CREATED_DESC", "@.created DESC", 1 },
  { "UPDATED_DESC", "@.updated DESC", 1 },
  { "NAME_DESC", "@.name DESC", 1 },
  { 0, 0, 0 } };

static const RelationDesc aDeploymentRelations[] = {
  { "flows", &FlowFilter, "flow", "f", 0, -1, "id", "flow_id" },
  { "flow_runs", &FlowRunFilter, "flow_run", "fr", 1, -1, "deployment_id", "id" },
  { "task_runs", &TaskRunFilter, "task_run", "tr", 1, 1, "flow_run_id", "id" },
  { "work_pool_queues", &WorkQueueFilter, "work_queue", "q", 2, -1, "id", "work_queue_id" },
  { "work_pools", &WorkPoolFilter, "work_pool", "wp", 2, 3, "id", "work_pool_id" },
  { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_deployments = {
  "deployments", "deployment", "dp", "deployments", &DeploymentFilter, aDeploymentColumns,
  aDeploymentSorts, aDeploymentRelations, 0, 0, 0 };

/* ---- logs: /logs/filter ------------------------------------------------------ */
/* The Log object's order; no related filters, sort TIMESTAMP_ASC */
static const ColumnDesc aLogColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_NONE },
  { "level", "SMALLINT", "@.level", IDX_MULTI },
  { "message", "TEXT", "@.message", IDX_NONE },
  { "timestamp", "DATETIME", "@.\"timestamp\"", IDX_MULTI },
  { "flow_run_id", "CHAR(36)", "@.flow_run_id", IDX_MULTI },
  { "task_run_id", "CHAR(36)", "@.task_run_id", IDX_MULTI },
  { 0, 0, 0, IDX_NONE } };

static const SortDesc aLogSorts[] = {
  { "TIMESTAMP_ASC", "@.\"timestamp\" ASC", 1 },
  { "TIMESTAMP_DESC", "@.\"timestamp\" DESC", 1 },
  { 0, 0, 0 } };

static const RelationDesc aNoRelations[] = { { 0, 0, 0, 0, 0, 0, 0, 0 } };

const CollectionDesc prefect_logs = {
  "logs", "log", "lg", "logs", &LogFilter, aLogColumns, aLogSorts, aNoRelations, 0, 0, 0 };

/* ---- variables: /variables/filter and /variables/count ------------------- */
static const ColumnDesc aVariableColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_UNIQUE },
  { "value", "JSON", "@.value", IDX_NONE },
  { "tags", "JSON", "@.tags", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

/* VariableSort; the route's default first */
static const SortDesc aVariableSorts[] = {
  { "NAME_ASC", "@.name ASC", 1 },
  { "CREATED_DESC", "@.created DESC", 0 },
  { "UPDATED_DESC", "@.updated DESC", 1 },
  { "NAME_DESC", "@.name DESC", 1 },
  { 0, 0, 0 } };

const CollectionDesc prefect_variables = {
  "variables", "variable", "v", "variables", &VariableFilter, aVariableColumns, aVariableSorts,
  aNoRelations, 0, 0, 0 };

/* ---- work_pools: /work_pools/filter and /work_pools/count ----------------- */
/* The WorkPool object's fields that live in the row */
static const ColumnDesc aWorkPoolColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_UNIQUE },
  { "description", "VARCHAR", "@.description", IDX_NONE },
  { "type", "VARCHAR", "@.type", IDX_MULTI },
  { "base_job_template", "JSON", "@.base_job_template", IDX_NONE },
  { "is_paused", "BOOLEAN", "@.is_paused", IDX_NONE },
  { "concurrency_limit", "INTEGER", "@.concurrency_limit", IDX_NONE },
  { "status", "VARCHAR(9)", "@.status", IDX_NONE },
  { "default_queue_id", "CHAR(36)", "@.default_queue_id", IDX_NONE },
  { "storage_configuration", "JSON", "@.storage_configuration", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

/* the route has no sort: Prefect orders by name */
static const SortDesc aWorkPoolSorts[] = { { "NAME_ASC", "@.name ASC", 1 }, { 0, 0, 0 } };

const CollectionDesc prefect_work_pools = {
  "work_pools", "work_pool", "wpl", "work_pools", &WorkPoolFilter, aWorkPoolColumns, aWorkPoolSorts,
  aNoRelations, 0, 0, 1 };

/* ---- work_queues: /work_queues/filter ----------------------------------------- */
static const ColumnDesc aWorkQueueColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_NONE },
  { "description", "VARCHAR", "@.description", IDX_NONE },
  { "is_paused", "BOOLEAN", "@.is_paused", IDX_NONE },
  { "concurrency_limit", "INTEGER", "@.concurrency_limit", IDX_NONE },
  { "priority", "INTEGER", "@.priority", IDX_NONE },
  { "work_pool_id", "CHAR(36)", "@.work_pool_id", IDX_MULTI },
  { "filter", "JSON", "@.filter", IDX_NONE },
  { "last_polled", "DATETIME", "@.last_polled", IDX_NONE },
  { "status", "VARCHAR(9)", "@.status", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

/* no sort either: by name, which no index leads with (names repeat across
** pools, and Prefect adds no tie-breaker) */
static const SortDesc aWorkQueueSorts[] = { { "NAME_ASC", "@.name ASC", 0 }, { 0, 0, 0 } };

const CollectionDesc prefect_work_queues = {
  "work_queues", "work_queue", "wqu", "work_queues", &WorkQueueFilter, aWorkQueueColumns,
  aWorkQueueSorts, aNoRelations, 0, 0, 1 };

/* /work_pools/{name}/queues/filter: the same rows, by priority alone
** (models/workers.py read_work_queues; no tie-breaker, as in Prefect); the
** pool is the route's path, so this collection feeds that route only */
static const SortDesc aPoolWorkQueueSorts[] = { { "PRIORITY_ASC", "@.priority ASC", 0 }, { 0, 0, 0 } };

const CollectionDesc prefect_pool_work_queues = {
  "work_queues", "work_queue", "wqu", "work_queues", &WorkQueueFilter, aWorkQueueColumns,
  aPoolWorkQueueSorts, aNoRelations, 0, 0, 1 };

/* ---- workers: /work_pools/{name}/workers/filter --------------------------------- */
/* The Worker object's fields (WorkerResponse adds status, a column here) */
static const ColumnDesc aWorkerColumns[] = {
  { "id", "CHAR(36)", "@.id", IDX_UNIQUE },
  { "created", "DATETIME", "@.created", IDX_NONE },
  { "updated", "DATETIME", "@.updated", IDX_MULTI },
  { "name", "VARCHAR", "@.name", IDX_NONE },
  { "work_pool_id", "CHAR(36)", "@.work_pool_id", IDX_MULTI },
  { "last_heartbeat_time", "DATETIME", "@.last_heartbeat_time", IDX_NONE },
  { "heartbeat_interval_seconds", "INTEGER", "@.heartbeat_interval_seconds", IDX_NONE },
  { "status", "VARCHAR(7)", "@.status", IDX_NONE },
  { 0, 0, 0, IDX_NONE } };

/* no sort key: newest heartbeat first (models/workers.py read_workers) */
static const SortDesc aWorkerSorts[] = {
  { "LAST_HEARTBEAT_TIME_DESC", "@.last_heartbeat_time DESC", 0 }, { 0, 0, 0 } };

const CollectionDesc prefect_workers = {
  "workers", "worker", "wk", "workers", &WorkerFilter, aWorkerColumns, aWorkerSorts, aNoRelations, 0, 0, 1 };

const CollectionDesc *const prefect_collections[] = {
  &prefect_artifacts, &prefect_artifact_collections, &prefect_flows, &prefect_flow_runs,
  &prefect_task_runs, &prefect_deployments, &prefect_logs, &prefect_variables, &prefect_work_pools,
  &prefect_work_queues, &prefect_workers, 0 };

int describe_column_count(const CollectionDesc *pColl) {
  int n = 0;
  while (pColl->aCol[n].zName) n++;
  return n;
}

sqlite3_uint64 describe_column_mask(const CollectionDesc *pColl, const char *const *azName) {
  sqlite3_uint64 m = 0;
  int i, j;
  for (i = 0; azName[i]; i++) {
    for (j = 0; pColl->aCol[j].zName && j < 63; j++) {
      if (strcmp(pColl->aCol[j].zName, azName[i]) == 0) m |= (sqlite3_uint64)1 << j;
    }
  }
  return m;
}

/* ---- Since when Prefect's tables and columns exist ----------------------
** The first Prefect release whose SQLite migrations
** (server/database/_migrations/versions/sqlite/) make each table we read,
** and each column we read that came later than its table; a column not
** listed came with its table (or before Prefect's first release, 2.0.0).
** schema_check.c names the release when a
** database lacks one. worker and work_pool are as the rename of the worker
** pools (2.7.8) made them; variable.value changed type in 3.0.0 but was
** there before. The first entry is Prefect's first release. */
const SchemaSince prefect_schema_since[] = {
  { "flow", 0, "2.0.0" },
  { "flow", "labels", "3.1.5" },
  { "flow_run", 0, "2.0.0" },
  { "flow_run", "work_queue_name", "2.1.0" },
  { "flow_run", "state_timestamp", "2.6.0" },
  { "flow_run", "created_by", "2.6.4" },
  { "flow_run", "infrastructure_pid", "2.6.9" },
  { "flow_run", "work_queue_id", "2.7.11" },
  { "flow_run", "job_variables", "2.16.4" },
  { "flow_run", "deployment_version", "2.17.0" },
  { "flow_run", "labels", "3.1.5" },
  { "flow_run_state", 0, "2.0.0" },
  { "flow_run_state", "result_artifact_id", "2.7.11" },
  { "flow_run_state", "has_data", "2.7.11" },
  { "task_run", 0, "2.0.0" },
  { "task_run", "state_timestamp", "2.6.0" },
  { "task_run", "flow_run_run_count", "2.6.5" },
  { "task_run", "labels", "3.1.5" },
  { "task_run_state", 0, "2.0.0" },
  { "task_run_state", "result_artifact_id", "2.7.11" },
  { "task_run_state", "has_data", "2.7.11" },
  { "log", 0, "2.0.0" },
  { "deployment", 0, "2.0.0" },
  { "deployment", "version", "2.0.2" },
  { "deployment", "entrypoint", "2.0.4" },
  { "deployment", "infra_overrides", "2.0.4" },
  { "deployment", "path", "2.0.4" },
  { "deployment", "work_queue_name", "2.1.0" },
  { "deployment", "created_by", "2.6.4" },
  { "deployment", "updated_by", "2.6.4" },
  { "deployment", "work_queue_id", "2.7.11" },
  { "deployment", "pull_steps", "2.10.0" },
  { "deployment", "enforce_parameter_schema", "2.13.2" },
  { "deployment", "last_polled", "2.13.8" },
  { "deployment", "paused", "2.16.0" },
  { "deployment", "status", "2.18.1" },
  { "deployment", "concurrency_limit", "3.0.0" },
  { "deployment", "concurrency_options", "3.0.3" },
  { "deployment", "concurrency_limit_id", "3.0.3" },
  { "deployment", "labels", "3.1.5" },
  { "deployment", "version_id", "3.2.15" },
  { "work_queue", 0, "2.0.0" },
  { "work_queue", "last_polled", "2.6.5" },
  { "work_queue", "priority", "2.7.11" },
  { "work_queue", "work_pool_id", "2.7.11" },
  { "work_queue", "status", "2.18.1" },
  { "work_pool", 0, "2.7.8" },
  { "work_pool", "status", "2.18.1" },
  { "work_pool", "storage_configuration", "3.2.14" },
  { "worker", 0, "2.7.8" },
  { "worker", "heartbeat_interval_seconds", "2.13.0" },
  { "worker", "status", "2.18.2" },
  { "artifact", 0, "2.7.11" },
  { "artifact", "description", "2.8.6" },
  { "artifact_collection", 0, "2.9.0" },
  { "artifact_collection", "type", "2.10.0" },
  { "artifact_collection", "description", "2.10.0" },
  { "artifact_collection", "data", "2.10.0" },
  { "artifact_collection", "metadata_", "2.10.0" },
  { "artifact_collection", "flow_run_id", "2.10.0" },
  { "artifact_collection", "task_run_id", "2.10.0" },
  { "variable", 0, "2.10.0" },
  { "concurrency_limit_v2", 0, "2.11.3" },
  { "deployment_schedule", 0, "2.16.0" },
  { "deployment_schedule", "max_scheduled_runs", "2.18.2" },
  { "deployment_schedule", "parameters", "3.2.0" },
  { "deployment_schedule", "slug", "3.2.0" },
  { 0, 0, 0 } };
