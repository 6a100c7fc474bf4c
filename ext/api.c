/*
** api.c: prefect_api(route, body) -> the JSON text the Prefect server
** answers for that route on the same database, or NULL where it answers 404.
**
**   SELECT prefect_api('POST /artifacts/filter', '{"artifacts": {"type": {"any_": ["table"]}}}');
**   SELECT prefect_api('GET /artifacts/' || :id, NULL);
**
** The rows come from the same compiled statement the virtual tables run;
** each row is rendered to JSON by SQLite's JSON functions around it, in
** Prefect's field order with Prefect's renderings (the response models of
** Prefect's server): timestamps as ISO 8601 in UTC with
** 'Z' and the fraction only when it is not zero, JSON columns as JSON,
** artifact metadata values cut at 500 characters. Rows are joined here in
** C, in the statement's order. The API's limits apply (default and maximum
** 200), and a count route ignores sort, limit and offset, as the API does.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

typedef enum RouteKind {
  ROUTE_LIST,        /* POST .../filter: a JSON array of objects */
  ROUTE_COUNT,       /* POST .../count: a bare integer */
  ROUTE_PAGINATE,    /* POST .../paginate: {results, count, limit, pages, page} */
  ROUTE_HISTORY,     /* POST /flow_runs/history, /task_runs/history: a list of HistoryResponse (history.c) */
  ROUTE_LATENESS,    /* POST /flow_runs/lateness: the average lateness in seconds, or null */
  ROUTE_GET_ID,      /* GET /artifacts/{id}: one object or NULL */
  ROUTE_GET_LATEST   /* GET /artifacts/{key}/latest: the collection row, Artifact shape */
} RouteKind;

/* One object per row, over the columns of the inner statement (alias q).
** '$' stands for a timestamp column rendering, see object_sql(). */
static const char zArtifactObject[] =
  "json_object('id', q.id, 'created', $created, 'updated', $updated, 'key', q.\"key\", 'type', q.type, "
  "'description', q.description, 'data', json(q.data), 'metadata_', " "%M" ", "
  "'flow_run_id', q.flow_run_id, 'task_run_id', q.task_run_id)";
static const char zCollectionObject[] =
  "json_object('id', q.id, 'created', $created, 'updated', $updated, 'key', q.\"key\", 'latest_id', q.latest_id, "
  "'type', q.type, 'description', q.description, 'data', json(q.data), 'metadata_', json(q.metadata_), "
  "'flow_run_id', q.flow_run_id, 'task_run_id', q.task_run_id)";
static const char zFlowObject[] =
  "json_object('id', q.id, 'created', $created, 'updated', $updated, 'name', q.name, 'tags', json(q.tags), "
  "'labels', json(q.labels))";

typedef struct Route Route;
/* Appends the SQL of one row's JSON object over the inner statement (q). */
typedef void (*ObjectBuilder)(sqlite3 *db, sqlite3_str *pStr);

struct Route {
  const char *zMethod;
  const char *zPath;              /* exact path, or a prefix for the GET routes */
  RouteKind eKind;
  const CollectionDesc *pColl;
  const char *zObject;            /* the row rendering, for objects... */
  ObjectBuilder xObject;          /* ...or its builder, for the larger shapes */
};

static void flow_run_object(sqlite3 *db, sqlite3_str *pStr);
static void task_run_object(sqlite3 *db, sqlite3_str *pStr);
static void deployment_object(sqlite3 *db, sqlite3_str *pStr);

static const Route aRoute[] = {
  {"POST", "/artifacts/filter", ROUTE_LIST, &prefect_artifacts, zArtifactObject, 0},
  {"POST", "/artifacts/count", ROUTE_COUNT, &prefect_artifacts, 0, 0},
  {"POST", "/artifacts/latest/filter", ROUTE_LIST, &prefect_artifact_collections, zCollectionObject, 0},
  {"POST", "/artifacts/latest/count", ROUTE_COUNT, &prefect_artifact_collections, 0, 0},
  {"POST", "/flows/filter", ROUTE_LIST, &prefect_flows, zFlowObject, 0},
  {"POST", "/flows/count", ROUTE_COUNT, &prefect_flows, 0, 0},
  {"POST", "/flows/paginate", ROUTE_PAGINATE, &prefect_flows, zFlowObject, 0},
  {"POST", "/flow_runs/filter", ROUTE_LIST, &prefect_flow_runs, 0, flow_run_object},
  {"POST", "/flow_runs/count", ROUTE_COUNT, &prefect_flow_runs, 0, 0},
  {"POST", "/flow_runs/paginate", ROUTE_PAGINATE, &prefect_flow_runs, 0, flow_run_object},
  {"POST", "/flow_runs/history", ROUTE_HISTORY, &prefect_flow_runs, 0, 0},
  {"POST", "/flow_runs/lateness", ROUTE_LATENESS, &prefect_flow_runs, 0, 0},
  {"POST", "/task_runs/filter", ROUTE_LIST, &prefect_task_runs, 0, task_run_object},
  {"POST", "/task_runs/count", ROUTE_COUNT, &prefect_task_runs, 0, 0},
  {"POST", "/task_runs/paginate", ROUTE_PAGINATE, &prefect_task_runs, 0, task_run_object},
  {"POST", "/task_runs/history", ROUTE_HISTORY, &prefect_task_runs, 0, 0},
  {"POST", "/deployments/filter", ROUTE_LIST, &prefect_deployments, 0, deployment_object},
  {"POST", "/deployments/count", ROUTE_COUNT, &prefect_deployments, 0, 0},
  {"POST", "/deployments/paginate", ROUTE_PAGINATE, &prefect_deployments, 0, deployment_object},
  /* GET /artifacts/{id} and GET /artifacts/{key}/latest: matched by shape */
  {"GET", "/artifacts/", ROUTE_GET_ID, &prefect_artifacts, zArtifactObject, 0},
  {"GET", "/artifacts/", ROUTE_GET_LATEST, &prefect_artifact_collections, zArtifactObject, 0},
  {0, 0, ROUTE_LIST, 0, 0, 0},
};

/* A stored 'YYYY-MM-DD HH:MM:SS.ffffff' (the SQL expression zExpr) as the
** API writes it: ISO 8601, UTC 'Z', the fraction only when it is not zero. */
static void time_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr,
      "CASE WHEN %s IS NULL THEN NULL ELSE substr(%s, 1, 10) || 'T' || substr(%s, 12, 8) || "
      "CASE WHEN length(%s) < 26 OR substr(%s, 21, 6) = '000000' THEN '' ELSE '.' || substr(%s, 21, 6) END "
      "|| 'Z' END", zExpr, zExpr, zExpr, zExpr, zExpr, zExpr);
}

static void append_time_sql(sqlite3_str *pStr, const char *zCol) {
  char *zExpr = sqlite3_mprintf("q.%s", zCol);
  time_sql(pStr, zExpr ? zExpr : "NULL");
  sqlite3_free(zExpr);
}

/* The Artifact model cuts metadata values at 500 characters, plus "...". */
static const char zMetadataSql[] =
  "json(CASE WHEN json_type(q.metadata_) = 'object' THEN (SELECT json_group_object(m.key, "
  "CASE WHEN m.type = 'text' AND length(m.value) > 500 THEN substr(m.value, 1, 500) || '...' ELSE m.value END) "
  "FROM json_each(q.metadata_) AS m) ELSE q.metadata_ END)";

/* The rendering of zObject: "$name" becomes a timestamp rendering of that
** column, "%M" the artifact metadata rendering. */
static char *object_sql(const char *zObject) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  const char *z = zObject;
  while (*z) {
    if (z[0] == '$') {
      int n = 1;
      char zCol[32];
      while (z[n] && ((z[n] >= 'a' && z[n] <= 'z') || z[n] == '_')) n++;
      if (n - 1 >= (int)sizeof(zCol)) break;
      memcpy(zCol, z + 1, n - 1);
      zCol[n - 1] = 0;
      append_time_sql(pStr, zCol);
      z += n;
    } else if (z[0] == '%' && z[1] == 'M') {
      sqlite3_str_appendall(pStr, zMetadataSql);
      z += 2;
    } else {
      sqlite3_str_appendchar(pStr, 1, *z++);
    }
  }
  return sqlite3_str_finish(pStr);
}

/* ---- the larger shapes: runs and deployments ----------------------------
** Built as SQL text from a few pieces: microseconds of a stored timestamp,
** intervals as the API's float seconds, JSON booleans with defaults, models
** re-emitted in their field order with their defaults filled in.
*/

/* Microseconds since the epoch of a stored timestamp (Prefect stores an
** interval as the epoch plus the interval). */
static void micros_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr, "(CAST(strftime('%%s', %s) AS INTEGER) * 1000000 + CAST(substr(%s, 21, 6) AS INTEGER))",
                      zExpr, zExpr);
}

/* "now" in microseconds: the connection's clock (clock.c), read once per
** prefect_api() call and bound by api_prepare(). */
#define NOW_MICROS "(:prefect_now_us)"

/* A number of microseconds, as pydantic writes seconds as a float: the
** shortest digits, positional with ".0", scientific below 1e-5. */
static void seconds_sql(sqlite3_str *pStr, const char *zMicros) {
  sqlite3_str_appendf(pStr,
      "json((SELECT CASE WHEN u = 0 THEN '0.0' WHEN abs(u) < 10 THEN u || 'e-6' "
      "ELSE CASE WHEN substr(t, -1) = '.' THEN t || '0' ELSE t END END "
      "FROM (SELECT u, rtrim(printf('%%s%%d.%%06d', CASE WHEN u < 0 THEN '-' ELSE '' END, abs(u) / 1000000, "
      "abs(u) %% 1000000), '0') AS t FROM (SELECT %s AS u))))", zMicros);
}

/* A JSON boolean member of zDoc at zPath: true/false, JSON null as null,
** absent as zDefault ('true', 'false' or 'null'). */
static void bool_sql(sqlite3_str *pStr, const char *zDoc, const char *zPath, const char *zDefault) {
  sqlite3_str_appendf(pStr,
      "json(CASE json_type(%s, '%s') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' "
      "ELSE '%s' END)", zDoc, zPath, zDefault);
}

/* A stored 0/1 as a JSON boolean. */
static void bool_column_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr, "json(CASE WHEN %s THEN 'true' ELSE 'false' END)", zExpr);
}

/* CreatedBy / UpdatedBy: {id, type, display_value}, or null. */
static void actor_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr,
      "CASE WHEN %s IS NULL THEN NULL ELSE json_object('id', json_extract(%s, '$.id'), 'type', "
      "json_extract(%s, '$.type'), 'display_value', json_extract(%s, '$.display_value')) END",
      zExpr, zExpr, zExpr, zExpr);
}

/* FlowRunPolicy / TaskRunPolicy, re-emitted with their defaults, and the
** deprecated fields copied forward as Prefect's validator does. */
static void policy_sql(sqlite3_str *pStr, const char *zDoc, int bTask) {
  sqlite3_str_appendf(pStr, "json_object('max_retries', coalesce(json_extract(%s, '$.max_retries'), 0), "
                      "'retry_delay_seconds', ", zDoc);
  {
    char *zMicros = sqlite3_mprintf("CAST(round(coalesce(json_extract(%s, '$.retry_delay_seconds'), 0) * 1000000) "
                                    "AS INTEGER)", zDoc);
    seconds_sql(pStr, zMicros ? zMicros : "0");
    sqlite3_free(zMicros);
  }
  sqlite3_str_appendf(pStr,
      ", 'retries', CASE WHEN coalesce(json_extract(%s, '$.retries'), 0) = 0 AND "
      "coalesce(json_extract(%s, '$.max_retries'), 0) != 0 THEN json_extract(%s, '$.max_retries') "
      "ELSE json_extract(%s, '$.retries') END, "
      "'retry_delay', CASE WHEN json_type(%s, '$.retry_delay') = 'array' AND EXISTS (SELECT 1 FROM "
      "json_each(json_extract(%s, '$.retry_delay')) AS rd WHERE rd.type = 'real') THEN (SELECT json_group_array(json("
      "CASE WHEN rd.type = 'integer' THEN rd.value || '.0' ELSE rd.value END)) FROM json_each(json_extract(%s, '$.retry_delay')) AS rd) "
      "WHEN json_type(%s, '$.retry_delay') IN ('array', 'object') THEN json_extract(%s, '$.retry_delay') "
      "WHEN coalesce(json_extract(%s, '$.retry_delay'), 0) = 0 AND coalesce(json_extract(%s, '$.retry_delay_seconds'), 0) != 0 "
      "THEN CAST(json_extract(%s, '$.retry_delay_seconds') AS INTEGER) "
      "ELSE %sjson_extract(%s, '$.retry_delay')%s END",
      zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, zDoc, bTask ? "" : "CAST(", zDoc,
      bTask ? "" : " AS INTEGER)");
  if (bTask) {
    /* a float; and a list holding one float is all floats */
    sqlite3_str_appendf(pStr, ", 'retry_jitter_factor', CASE WHEN json_extract(%s, '$.retry_jitter_factor') IS NULL "
                        "THEN NULL ELSE ", zDoc);
    {
      char *zMicros = sqlite3_mprintf("CAST(round(json_extract(%s, '$.retry_jitter_factor') * 1000000) AS INTEGER)", zDoc);
      seconds_sql(pStr, zMicros ? zMicros : "0");
      sqlite3_free(zMicros);
    }
    sqlite3_str_appendall(pStr, " END)");
  } else {
    sqlite3_str_appendf(pStr, ", 'pause_keys', CASE WHEN json_type(%s, '$.pause_keys') = 'array' THEN "
                        "json_extract(%s, '$.pause_keys') WHEN json_type(%s, '$.pause_keys') = 'null' THEN NULL "
                        "ELSE json('[]') END, 'resuming', ", zDoc, zDoc, zDoc);
    bool_sql(pStr, zDoc, "$.resuming", "false");
    sqlite3_str_appendf(pStr, ", 'retry_type', json_extract(%s, '$.retry_type'))", zDoc);
  }
}

/* StateDetails: every field, in order, defaults filled in. */
static void state_details_sql(sqlite3_str *pStr, const char *zDoc, const char *zType) {
  static const char *const azField[] = {
    "flow_run_id", "task_run_id", "child_flow_run_id", "scheduled_time", "cache_key", "cache_expiration",
    "deferred", "untrackable_result", "pause_timeout", "pause_reschedule", "pause_key", "run_input_keyset",
    "refresh_cache", "retriable", "transition_id", "task_parameters_id", "traceparent",
    "deployment_concurrency_lease_id", 0
  };
  int i;
  sqlite3_str_appendall(pStr, "json_object(");
  for (i = 0; azField[i]; i++) {
    const char *zF = azField[i];
    char *zPath = sqlite3_mprintf("$.%s", zF);
    if (i) sqlite3_str_appendall(pStr, ", ");
    sqlite3_str_appendf(pStr, "'%s', ", zF);
    if (!strcmp(zF, "deferred") || !strcmp(zF, "untrackable_result") || !strcmp(zF, "pause_reschedule")) {
      bool_sql(pStr, zDoc, zPath, "false");
    } else if (!strcmp(zF, "refresh_cache") || !strcmp(zF, "retriable")) {
      bool_sql(pStr, zDoc, zPath, "null");
    } else if (!strcmp(zF, "scheduled_time")) {
      /* a SCHEDULED state without one gets the time of the request */
      sqlite3_str_appendf(pStr, "CASE WHEN %s = 'SCHEDULED' AND json_extract(%s, '%s') IS NULL THEN "
                          ":prefect_now_iso ELSE json_extract(%s, '%s') END",
                          zType, zDoc, zPath, zDoc, zPath);
    } else {
      sqlite3_str_appendf(pStr, "json_extract(%s, '%s')", zDoc, zPath);
    }
    sqlite3_free(zPath);
  }
  sqlite3_str_appendchar(pStr, 1, ')');
}

/* The run's current state: the state row by state_id, its data from the
** row or else from its result artifact (Prefect reads the artifact when the
** state's own data is empty). */
static void state_sql(sqlite3_str *pStr, const char *zStateTable) {
  sqlite3_str_appendf(pStr, "json((SELECT json_object('id', s.id, 'type', s.type, 'name', s.name, 'timestamp', ");
  time_sql(pStr, "s.timestamp");
  sqlite3_str_appendall(pStr,
      ", 'message', s.message, 'data', CASE WHEN s.data IS NULL OR json_type(s.data) IN ('null', 'false') "
      "OR json(s.data) IN ('{}', '[]', '\"\"') OR (json_type(s.data) IN ('integer', 'real') AND s.data = 0) "
      "THEN (SELECT json(ra.data) FROM artifact AS ra WHERE ra.id = s.result_artifact_id) ELSE json(s.data) END, "
      "'state_details', ");
  state_details_sql(pStr, "s.state_details", "s.type");
  sqlite3_str_appendf(pStr, ") FROM %s AS s WHERE s.id = q.state_id))", zStateTable);
}

/* The start of a row's object, left open: its id, created and updated. */
static void object_start_sql(sqlite3_str *pStr) {
  sqlite3_str_appendall(pStr, "json_object('id', q.id, 'created', ");
  time_sql(pStr, "q.created");
  sqlite3_str_appendall(pStr, ", 'updated', ");
  time_sql(pStr, "q.updated");
}

/* The fields every run has after its times: intervals and estimates. */
static void run_estimates_sql(sqlite3_str *pStr) {
  sqlite3_str *pTotal = sqlite3_str_new(0);
  char *zTotal;
  micros_sql(pTotal, "q.total_run_time");
  zTotal = sqlite3_str_finish(pTotal);
  if (!zTotal) return;
  sqlite3_str_appendall(pStr, "'total_run_time', ");
  seconds_sql(pStr, zTotal);
  sqlite3_str_appendall(pStr, ", 'estimated_run_time', ");
  {
    char *zEstimate = sqlite3_mprintf("CASE WHEN q.state_type = 'RUNNING' AND q.state_timestamp IS NOT NULL "
                                      "THEN %s + %s - (CAST(strftime('%%s', q.state_timestamp) AS INTEGER) * 1000000 + "
                                      "CAST(substr(q.state_timestamp, 21, 6) AS INTEGER)) ELSE %s END",
                                      zTotal, NOW_MICROS, zTotal);
    seconds_sql(pStr, zEstimate ? zEstimate : "0");
    sqlite3_free(zEstimate);
  }
  sqlite3_str_appendall(pStr, ", 'estimated_start_time_delta', ");
  {
    sqlite3_str *pD = sqlite3_str_new(0);
    char *zDelta;
    sqlite3_str_appendall(pD, "CASE WHEN q.start_time IS NOT NULL AND q.expected_start_time IS NOT NULL AND "
                              "q.start_time > q.expected_start_time THEN ");
    micros_sql(pD, "q.start_time");
    sqlite3_str_appendall(pD, " - ");
    micros_sql(pD, "q.expected_start_time");
    sqlite3_str_appendall(pD, " WHEN q.start_time IS NULL AND q.expected_start_time IS NOT NULL AND ");
    micros_sql(pD, "q.expected_start_time");
    sqlite3_str_appendf(pD, " < %s AND (q.state_type IS NULL OR q.state_type NOT IN ('COMPLETED', 'CANCELLED', "
                            "'FAILED', 'CRASHED')) THEN %s - ", NOW_MICROS, NOW_MICROS);
    micros_sql(pD, "q.expected_start_time");
    sqlite3_str_appendall(pD, " ELSE 0 END");
    zDelta = sqlite3_str_finish(pD);
    seconds_sql(pStr, zDelta ? zDelta : "0");
    sqlite3_free(zDelta);
  }
  sqlite3_free(zTotal);
}

static void times_sql(sqlite3_str *pStr, const char *const *azCol) {
  int i;
  for (i = 0; azCol[i]; i++) {
    char *zExpr = sqlite3_mprintf("q.%s", azCol[i]);
    sqlite3_str_appendf(pStr, "'%s', ", azCol[i]);
    time_sql(pStr, zExpr ? zExpr : "NULL");
    sqlite3_str_appendall(pStr, ", ");
    sqlite3_free(zExpr);
  }
}

static const char *const azRunTimes[] = {
  "expected_start_time", "next_scheduled_start_time", "start_time", "end_time", 0};

/* FlowRunResponse (36 fields). The work queue and pool are the rows the
** run points at, when they exist; the columns otherwise. */
static void flow_run_object(sqlite3 *db, sqlite3_str *pStr) {
  (void)db;
  object_start_sql(pStr);
  sqlite3_str_appendall(pStr,
      ", 'name', q.name, 'flow_id', q.flow_id, 'state_id', q.state_id, 'deployment_id', q.deployment_id, "
      "'deployment_version', q.deployment_version, "
      "'work_queue_id', coalesce((SELECT wq.id FROM work_queue AS wq WHERE wq.id = q.work_queue_id), q.work_queue_id), "
      "'work_queue_name', CASE WHEN EXISTS (SELECT 1 FROM work_queue AS wq WHERE wq.id = q.work_queue_id) "
      "THEN (SELECT wq.name FROM work_queue AS wq WHERE wq.id = q.work_queue_id) ELSE q.work_queue_name END, "
      "'flow_version', q.flow_version, 'parameters', json(q.parameters), 'idempotency_key', q.idempotency_key, "
      "'context', json(q.context), 'empirical_policy', ");
  policy_sql(pStr, "q.empirical_policy", 0);
  sqlite3_str_appendall(pStr, ", 'tags', json(q.tags), 'labels', json(coalesce(q.labels, '{}')), "
                              "'parent_task_run_id', q.parent_task_run_id, 'state_type', q.state_type, "
                              "'state_name', q.state_name, 'run_count', q.run_count, ");
  times_sql(pStr, azRunTimes);
  run_estimates_sql(pStr);
  sqlite3_str_appendall(pStr, ", 'auto_scheduled', ");
  bool_column_sql(pStr, "q.auto_scheduled");
  sqlite3_str_appendall(pStr, ", 'infrastructure_document_id', q.infrastructure_document_id, "
                              "'infrastructure_pid', q.infrastructure_pid, 'created_by', ");
  actor_sql(pStr, "q.created_by");
  sqlite3_str_appendall(pStr,
      ", 'work_pool_id', (SELECT wp.id FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id "
      "WHERE wq.id = q.work_queue_id), 'work_pool_name', (SELECT wp.name FROM work_queue AS wq JOIN work_pool AS wp "
      "ON wp.id = wq.work_pool_id WHERE wq.id = q.work_queue_id), 'state', ");
  state_sql(pStr, "flow_run_state");
  sqlite3_str_appendall(pStr, ", 'job_variables', json(q.job_variables))");
}

/* TaskRun, the core model /task_runs/filter returns (27 fields). */
static void task_run_object(sqlite3 *db, sqlite3_str *pStr) {
  (void)db;
  object_start_sql(pStr);
  sqlite3_str_appendall(pStr, ", 'name', q.name, 'flow_run_id', q.flow_run_id, 'task_key', q.task_key, "
                              "'dynamic_key', q.dynamic_key, 'cache_key', q.cache_key, 'cache_expiration', ");
  time_sql(pStr, "q.cache_expiration");
  sqlite3_str_appendall(pStr, ", 'task_version', q.task_version, 'empirical_policy', ");
  policy_sql(pStr, "q.empirical_policy", 1);
  sqlite3_str_appendall(pStr,
      ", 'tags', json(q.tags), 'labels', json(q.labels), 'state_id', q.state_id, "
      "'task_inputs', json(q.task_inputs), 'state_type', q.state_type, 'state_name', q.state_name, "
      "'run_count', q.run_count, 'flow_run_run_count', q.flow_run_run_count, ");
  times_sql(pStr, azRunTimes);
  run_estimates_sql(pStr);
  sqlite3_str_appendall(pStr, ", 'state', ");
  state_sql(pStr, "task_run_state");
  sqlite3_str_appendchar(pStr, 1, ')');
}

/* Whether the connection's schema has a table (Prefect files have
** deployment_schedule; a file made from sql/schema.sql alone does not). */
static int has_table(sqlite3 *db, const char *zTable) {
  return sqlite3_table_column_metadata(db, 0, zTable, 0, 0, 0, 0, 0, 0) == SQLITE_OK;
}

/* DeploymentResponse (30 fields); schedules from deployment_schedule,
** newest update first; the global concurrency limit from its row. */
static void deployment_object(sqlite3 *db, sqlite3_str *pStr) {
  object_start_sql(pStr);
  sqlite3_str_appendall(pStr, ", 'name', q.name, 'version', q.version, 'description', q.description, "
                              "'flow_id', q.flow_id, 'paused', ");
  bool_column_sql(pStr, "q.paused");
  sqlite3_str_appendall(pStr, ", 'schedules', ");
  if (has_table(db, "deployment_schedule")) {
    sqlite3_str_appendall(pStr, "json((SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT json_object("
                                "'id', ds.id, 'created', ");
    time_sql(pStr, "ds.created");
    sqlite3_str_appendall(pStr, ", 'updated', ");
    time_sql(pStr, "ds.updated");
    sqlite3_str_appendall(pStr,
        ", 'deployment_id', ds.deployment_id, 'schedule', CASE "
        "WHEN json_type(ds.schedule, '$.interval') IS NOT NULL THEN json_object('interval', ");
    seconds_sql(pStr, "CAST(round(json_extract(ds.schedule, '$.interval') * 1000000) AS INTEGER)");
    sqlite3_str_appendall(pStr,
        ", 'anchor_date', json_extract(ds.schedule, '$.anchor_date'), 'timezone', "
        "coalesce(json_extract(ds.schedule, '$.timezone'), 'UTC')) "
        "WHEN json_type(ds.schedule, '$.cron') IS NOT NULL THEN json_object('cron', json_extract(ds.schedule, '$.cron'), "
        "'timezone', json_extract(ds.schedule, '$.timezone'), 'day_or', ");
    bool_sql(pStr, "ds.schedule", "$.day_or", "true");
    sqlite3_str_appendall(pStr,
        ") WHEN json_type(ds.schedule, '$.rrule') IS NOT NULL THEN json_object('rrule', "
        "json_extract(ds.schedule, '$.rrule'), 'timezone', coalesce(json_extract(ds.schedule, '$.timezone'), 'UTC')) "
        "ELSE json(ds.schedule) END, 'active', ");
    bool_column_sql(pStr, "ds.active");
    sqlite3_str_appendall(pStr,
        ", 'max_scheduled_runs', ds.max_scheduled_runs, 'parameters', json(ds.parameters), 'slug', ds.slug) AS o "
        "FROM deployment_schedule AS ds WHERE ds.deployment_id = q.id ORDER BY ds.updated DESC)))");
  } else {
    sqlite3_str_appendall(pStr, "json('[]')");
  }
  sqlite3_str_appendall(pStr,
      ", 'concurrency_limit', NULL, 'global_concurrency_limit', json((SELECT json_object('id', cl.id, 'created', ");
  time_sql(pStr, "cl.created");
  sqlite3_str_appendall(pStr, ", 'updated', ");
  time_sql(pStr, "cl.updated");
  sqlite3_str_appendall(pStr, ", 'active', ");
  bool_column_sql(pStr, "cl.active");
  sqlite3_str_appendall(pStr, ", 'name', cl.name, 'limit', cl.\"limit\", 'active_slots', cl.active_slots, "
                              "'slot_decay_per_second', ");
  seconds_sql(pStr, "CAST(round(cl.slot_decay_per_second * 1000000) AS INTEGER)");
  sqlite3_str_appendall(pStr,
      ") FROM concurrency_limit_v2 AS cl WHERE cl.id = q.concurrency_limit_id)), "
      "'concurrency_options', json(q.concurrency_options), 'job_variables', json(q.infra_overrides), "
      "'parameters', json(q.parameters), 'tags', json(q.tags), 'labels', json(coalesce(q.labels, '{}')), "
      "'work_queue_name', CASE WHEN EXISTS (SELECT 1 FROM work_queue AS wq WHERE wq.id = q.work_queue_id) "
      "THEN (SELECT wq.name FROM work_queue AS wq WHERE wq.id = q.work_queue_id) ELSE q.work_queue_name END, "
      "'work_queue_id', coalesce((SELECT wq.id FROM work_queue AS wq WHERE wq.id = q.work_queue_id), q.work_queue_id), "
      "'last_polled', ");
  time_sql(pStr, "q.last_polled");
  sqlite3_str_appendall(pStr, ", 'parameter_openapi_schema', json(q.parameter_openapi_schema), 'path', q.path, "
                              "'pull_steps', json(q.pull_steps), 'entrypoint', q.entrypoint, "
                              "'storage_document_id', q.storage_document_id, "
                              "'infrastructure_document_id', q.infrastructure_document_id, 'created_by', ");
  actor_sql(pStr, "q.created_by");
  sqlite3_str_appendall(pStr, ", 'updated_by', ");
  actor_sql(pStr, "q.updated_by");
  sqlite3_str_appendall(pStr,
      ", 'work_pool_name', (SELECT wp.name FROM work_queue AS wq JOIN work_pool AS wp ON wp.id = wq.work_pool_id "
      "WHERE wq.id = q.work_queue_id), 'status', q.status, 'enforce_parameter_schema', ");
  bool_column_sql(pStr, "q.enforce_parameter_schema");
  sqlite3_str_appendchar(pStr, 1, ')');
}

/* Prepare zSql, bind the query's values and "now" (iNowUs: microseconds
** since the epoch, where the SQL reads it), and return the statement. */
static int api_prepare(sqlite3 *db, const char *zSql, const Query *pQuery, sqlite3_int64 iNowUs,
                       sqlite3_stmt **ppStmt) {
  int rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
  if (rc == SQLITE_OK) rc = query_bind(pQuery, *ppStmt, 0);
  if (rc == SQLITE_OK) {
    int iUs = sqlite3_bind_parameter_index(*ppStmt, ":prefect_now_us");
    int iIso = sqlite3_bind_parameter_index(*ppStmt, ":prefect_now_iso");
    int iText = sqlite3_bind_parameter_index(*ppStmt, ":prefect_now_text");
    char zStored[32], zIso[40];
    clock_format_stored(iNowUs, zStored);
    /* as Prefect writes a scheduled time it fills in: always 6 digits of fraction */
    sqlite3_snprintf(sizeof(zIso), zIso, "%.10sT%.15sZ", zStored, zStored + 11);
    if (iUs) rc = sqlite3_bind_int64(*ppStmt, iUs, iNowUs);
    if (rc == SQLITE_OK && iIso) rc = sqlite3_bind_text(*ppStmt, iIso, zIso, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK && iText) rc = sqlite3_bind_text(*ppStmt, iText, zStored, -1, SQLITE_TRANSIENT);
  }
  return rc;
}

/* Compile the body for pColl with the API's rules into *pQuery, with the
** connection's CompileEnv (its statistics are kept, and read again after an
** ANALYZE). */
static int api_compile(CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody, int bCount,
                       int bPaginate, Query *pQuery, char **pzErr) {
  QueryExtras extras;
  memset(&extras, 0, sizeof(extras));
  extras.bApiLimits = !bCount;
  extras.bIgnorePaging = bCount;
  extras.bCount = bCount;
  extras.bIgnoreOffset = bPaginate && !bCount;
  extras.bPage = bPaginate;
  return filter_compile(pEnv, pColl, zBody, nBody, &extras, pQuery, pzErr);
}

/* count(*) of a body's rows; -1 on error (message in *pzErr). */
static sqlite3_int64 api_count(sqlite3 *db, CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody,
                               int nBody, int bPaginate, char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 n = -1;
  int rc = api_compile(pEnv, pColl, zBody, nBody, 1, bPaginate, &query, pzErr);
  if (rc == SQLITE_OK) {
    /* compiled as SELECT count(*) over the filtered table: no columns, no order */
    rc = api_prepare(db, query.zSql, &query, 0, &pStmt);
    if (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) n = sqlite3_column_int64(pStmt, 0);
    else if (!*pzErr) *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  query_clear(&query);
  return n;
}

/* The JSON objects of a body's rows, appended to pOut separated by commas.
** Returns the number of rows, -1 on error. *piLimit and *piPage (may be
** NULL) get the limit and page the compiler read from the body. */
static int api_objects(sqlite3 *db, CompileEnv *pEnv, const Route *pRoute, const char *zBody, int nBody,
                       sqlite3_int64 iNowUs, sqlite3_str *pOut, sqlite3_int64 *piLimit, sqlite3_int64 *piPage,
                       char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zObject = 0, *zSql = 0;
  int n = 0, rc = api_compile(pEnv, pRoute->pColl, zBody, nBody, 0, pRoute->eKind == ROUTE_PAGINATE, &query, pzErr);
  if (rc == SQLITE_OK) {
    if (pRoute->xObject) {
      sqlite3_str *pObject = sqlite3_str_new(0);
      pRoute->xObject(db, pObject);
      zObject = sqlite3_str_finish(pObject);
    } else {
      zObject = object_sql(pRoute->zObject);
    }
    /* the query's ?N first: the named "now" parameters then number after them */
    zSql = zObject ? sqlite3_mprintf("WITH q AS (%s) SELECT %s FROM q", query.zSql, zObject) : 0;
    rc = zSql ? api_prepare(db, zSql, &query, iNowUs, &pStmt) : SQLITE_NOMEM;
    if (piLimit) *piLimit = query.iLimit;
    if (piPage) *piPage = query.iPage;
  }
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    if (n++) sqlite3_str_appendchar(pOut, 1, ',');
    sqlite3_str_appendall(pOut, (const char *)sqlite3_column_text(pStmt, 0));
    rc = SQLITE_OK;
  }
  if (rc != SQLITE_DONE && !*pzErr) *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  sqlite3_free(zObject);
  query_clear(&query);
  return rc == SQLITE_DONE ? n : -1;
}

/* POST /flow_runs/lateness: the average of each run's lateness in seconds,
** with the expression Prefect's route uses on SQLite (whole seconds of each
** time by strftime('%s'), "now" as datetime('now') prints it); null when
** no run matches. Appends the answer to pOut; 0, or -1 on error. */
static int api_lateness(sqlite3 *db, CompileEnv *pEnv, const Route *pRoute, const char *zBody, int nBody,
                        sqlite3_int64 iNowUs, sqlite3_str *pOut, char **pzErr) {
  static const char *const azRead[] = {"expected_start_time", "state_type", "start_time", 0};
  QueryExtras extras;
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zSql = 0;
  int rc, i, j;
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bSomeColumns = 1;
  for (i = 0; azRead[i]; i++) {
    for (j = 0; pRoute->pColl->aCol[j].zName; j++) {
      if (strcmp(pRoute->pColl->aCol[j].zName, azRead[i]) == 0 && j < 63) extras.mColumns |= (sqlite3_uint64)1 << j;
    }
  }
  rc = filter_compile(pEnv, pRoute->pColl, zBody, nBody, &extras, &query, pzErr);
  if (rc == SQLITE_OK) {
    /* the query's ?N first: the named parameters then number after them */
    zSql = sqlite3_mprintf(
        "WITH q AS (%s) SELECT avg(CASE WHEN q.start_time > q.expected_start_time THEN "
        "strftime('%%s', q.start_time) - strftime('%%s', q.expected_start_time) "
        "WHEN q.start_time IS NULL AND q.state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
        "AND q.expected_start_time < datetime(:prefect_now_text) THEN "
        "strftime('%%s', datetime(:prefect_now_text)) - strftime('%%s', q.expected_start_time) ELSE 0 END) "
        "FROM q", query.zSql);
    rc = zSql ? api_prepare(db, zSql, &query, iNowUs, &pStmt) : SQLITE_NOMEM;
    if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) {
      if (sqlite3_column_type(pStmt, 0) == SQLITE_NULL) sqlite3_str_appendall(pOut, "null");
      else json_python_float(sqlite3_column_double(pStmt, 0), pOut);
      rc = SQLITE_OK;
    } else if (!*pzErr) {
      *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
    }
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  query_clear(&query);
  return rc == SQLITE_OK ? 0 : -1;
}

/* What Prefect's router answers for a route, when it is not one of ours. */
typedef enum RouteAnswer {
  ANSWER_ROUTE,       /* a route of aRoute */
  ANSWER_UNKNOWN,     /* not a route prefect_api answers: an error */
  ANSWER_404,         /* no route of Prefect's matches: 404, SQL NULL */
  ANSWER_405,         /* the path is a route for another method: an error */
  ANSWER_307          /* the path without its trailing '/' is a route: a redirect, an error */
} RouteAnswer;

/* The path as the server routes it: the query string dropped (these routes
** take no query parameters, and FastAPI ignores others) and %XX escapes
** decoded, as uvicorn does before Starlette sees it. *pn: its length (a
** decoded %00 may be inside). */
static char *route_path(const char *z, int *pn) {
  int n = 0, i;
  char *zOut;
  while (z[n] && z[n] != '?') n++;
  zOut = sqlite3_malloc(n + 1);
  if (!zOut) return 0;
  for (i = 0, *pn = 0; i < n; i++) {
    int iHigh = i + 2 < n ? json_hex_digit((unsigned char)z[i + 1]) : -1;
    int iLow = i + 2 < n ? json_hex_digit((unsigned char)z[i + 2]) : -1;
    if (z[i] == '%' && iHigh >= 0 && iLow >= 0) {
      zOut[(*pn)++] = (char)(iHigh * 16 + iLow);
      i += 2;
    } else {
      zOut[(*pn)++] = z[i];
    }
  }
  zOut[*pn] = 0;
  return zOut;
}

/* Starlette's uuid path converter (Prefect's "{id:uuid}"): 32 hex digits in
** the 8-4-4-4-12 groups, each of the four hyphens optional; no braces, no
** "urn:uuid:". Anything else matches no route. zOut: the canonical id. */
static int path_uuid(const char *z, int n, char zOut[37]) {
  static const int aGroup[5] = {8, 4, 4, 4, 12};
  char aHex[32];
  int i = 0, g, k, nHex = 0;
  for (g = 0; g < 5; g++) {
    if (g > 0 && i < n && z[i] == '-') i++;
    for (k = 0; k < aGroup[g]; k++, i++) {
      if (i >= n || json_hex_digit((unsigned char)z[i]) < 0) return 0;
      aHex[nHex++] = z[i];
    }
  }
  return i == n && value_parse_uuid_text(aHex, 32, zOut);
}

/* A GET below /artifacts/ (zRest, n bytes, after the prefix), routed as
** Prefect's artifacts router routes it: "{id:uuid}", "{key}/latest" (key:
** Starlette's str, one or more characters other than '/'), the POST-only
** paths (405), a trailing '/' that Starlette would redirect (307), and
** anything else 404. */
static RouteAnswer artifact_get(const char *zRest, int n, int bRedirect, RouteKind *peKind, char **pzArg,
                                int *pnArg) {
  static const char *const azPost[] = {"", "filter", "count", "latest/filter", "latest/count", 0};
  char zUuid[37];
  int k;
  if (path_uuid(zRest, n, zUuid)) {
    *peKind = ROUTE_GET_ID;
    *pzArg = sqlite3_mprintf("%s", zUuid);
    *pnArg = 36;
    return ANSWER_ROUTE;
  }
  if (n > 7 && memcmp(zRest + n - 7, "/latest", 7) == 0 && !memchr(zRest, '/', n - 7)) {
    /* uvicorn would decode bytes that are not UTF-8 to U+FFFD; no such key is stored */
    if (!json_utf8_valid((const unsigned char *)zRest, n - 7)) return ANSWER_404;
    *peKind = ROUTE_GET_LATEST;
    *pzArg = sqlite3_malloc(n - 7 + 1);
    if (*pzArg) memcpy(*pzArg, zRest, n - 7), (*pzArg)[n - 7] = 0;
    *pnArg = n - 7;
    return ANSWER_ROUTE;
  }
  for (k = 0; azPost[k]; k++) {
    if ((int)strlen(azPost[k]) == n && memcmp(azPost[k], zRest, n) == 0) return ANSWER_405;
  }
  if (bRedirect && n > 0 && zRest[n - 1] == '/') {
    RouteKind eKind;
    char *zArg = 0;
    int nArg = 0, nStrip = n;
    RouteAnswer e;
    while (nStrip > 0 && zRest[nStrip - 1] == '/') nStrip--;
    e = artifact_get(zRest, nStrip, 0, &eKind, &zArg, &nArg);
    sqlite3_free(zArg);
    if (e == ANSWER_ROUTE || e == ANSWER_405) return ANSWER_307;
  }
  return ANSWER_404;
}

/* Split "METHOD /path" (the method may be left out: POST, or GET for the
** GET routes). Returns what Prefect answers; with ANSWER_ROUTE, *ppRoute is
** the route and *pzArg (*pnArg bytes, owned by the caller) its {id} or {key}. */
static RouteAnswer route_find(const char *zRoute, const Route **ppRoute, char **pzArg, int *pnArg) {
  const char *zMethod = 0, *zRaw = zRoute;
  int nMethod = 0, nPath = 0, i;
  RouteAnswer eAnswer = ANSWER_UNKNOWN;
  char *zPath;
  *ppRoute = 0;
  *pzArg = 0;
  *pnArg = 0;
  if (!zRoute) return ANSWER_UNKNOWN;
  if (zRoute[0] != '/') {
    const char *zSpace = strchr(zRoute, ' ');
    if (!zSpace) return ANSWER_UNKNOWN;
    zMethod = zRoute;
    nMethod = (int)(zSpace - zRoute);
    zRaw = zSpace + 1;
  }
  zPath = route_path(zRaw, &nPath);
  if (!zPath) return ANSWER_UNKNOWN;
  for (i = 0; aRoute[i].zPath; i++) {
    const Route *p = &aRoute[i];
    if (zMethod && ((int)strlen(p->zMethod) != nMethod || sqlite3_strnicmp(zMethod, p->zMethod, nMethod))) continue;
    if (p->eKind == ROUTE_GET_ID || p->eKind == ROUTE_GET_LATEST) {
      int nPrefix = (int)strlen(p->zPath);
      RouteKind eKind = ROUTE_GET_ID;
      int j;
      if (nPath < nPrefix || memcmp(zPath, p->zPath, nPrefix) != 0) continue;
      eAnswer = artifact_get(zPath + nPrefix, nPath - nPrefix, 1, &eKind, pzArg, pnArg);
      for (j = 0; eAnswer == ANSWER_ROUTE && aRoute[j].zPath; j++) {
        if (aRoute[j].eKind == eKind) *ppRoute = &aRoute[j];
      }
      break;
    }
    if (!zMethod && strcmp(p->zMethod, "POST") != 0) continue;
    if ((int)strlen(p->zPath) == nPath && memcmp(zPath, p->zPath, nPath) == 0) {
      *ppRoute = p;
      eAnswer = ANSWER_ROUTE;
      break;
    }
  }
  sqlite3_free(zPath);
  return eAnswer;
}

/* The body that selects GET /artifacts/{id} (zArg: the canonical id) or
** GET /artifacts/{key}/latest (zArg: the key, nArg bytes, JSON-quoted here). */
static char *get_body(const Route *pRoute, const char *zArg, int nArg) {
  if (pRoute->eKind == ROUTE_GET_ID) {
    return sqlite3_mprintf("{\"artifacts\": {\"id\": {\"any_\": [\"%s\"]}}, \"limit\": 1}", zArg);
  }
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "{\"artifacts\": {\"key\": {\"any_\": [");
    json_write_string(pStr, zArg, nArg, 0);
    sqlite3_str_appendall(pStr, "]}}}");
    return sqlite3_str_finish(pStr);
  }
}

static void api_answer(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  CompileEnv *pEnv = (CompileEnv *)sqlite3_user_data(ctx);
  const char *zRoute = (const char *)sqlite3_value_text(argv[0]);
  const char *zBody = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0;
  int nBody = argc > 1 ? sqlite3_value_bytes(argv[1]) : 0;
  char *zArg = 0, *zErr = 0, *zGetBody = 0;
  int nArg = 0;
  sqlite3_int64 iNowUs;
  const Route *pRoute = 0;
  RouteAnswer eAnswer = route_find(zRoute, &pRoute, &zArg, &nArg);
  sqlite3_str *pOut = 0;

  switch (eAnswer) {
    case ANSWER_ROUTE:
      if (!zArg && (pRoute->eKind == ROUTE_GET_ID || pRoute->eKind == ROUTE_GET_LATEST)) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
      break;
    case ANSWER_404:  /* Prefect's "Not Found": no route matches the path */
      sqlite3_result_null(ctx);
      goto done;
    case ANSWER_405:
      zErr = sqlite3_mprintf("prefect: prefect_api: Prefect answers %Q with 405 Method Not Allowed "
                             "(the path is a route for another method)", zRoute);
      goto done;
    case ANSWER_307:
      zErr = sqlite3_mprintf("prefect: prefect_api: Prefect answers %Q with a redirect to the path without "
                             "its trailing '/'; ask for that", zRoute);
      goto done;
    default:
      zErr = sqlite3_mprintf("prefect: prefect_api: unknown route %Q", zRoute);
      goto done;
  }
  pOut = sqlite3_str_new(db);
  iNowUs = clock_now(pEnv->pClock);  /* the one reading of the clock for this answer */
  switch (pRoute->eKind) {
    case ROUTE_HISTORY: {
      History hist;
      int rc = history_compute(db, pEnv, pRoute->pColl, zBody, nBody, iNowUs, &hist, &zErr);
      if (rc == SQLITE_OK) history_render_json(&hist, pOut);
      else if (!zErr) zErr = sqlite3_mprintf("prefect: %s", sqlite3_errstr(rc));
      history_clear(&hist);
      break;
    }
    case ROUTE_LATENESS:
      api_lateness(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, &zErr);
      break;
    case ROUTE_COUNT: {
      sqlite3_int64 n = api_count(db, pEnv, pRoute->pColl, zBody, nBody, 0, &zErr);
      if (n >= 0) sqlite3_str_appendf(pOut, "%lld", n);
      break;
    }
    case ROUTE_LIST:
      sqlite3_str_appendchar(pOut, 1, '[');
      if (api_objects(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, 0, 0, &zErr) >= 0) {
        sqlite3_str_appendchar(pOut, 1, ']');
      }
      break;
    case ROUTE_PAGINATE: {
      sqlite3_int64 iLimit, iPage, nCount;
      sqlite3_str_appendall(pOut, "{\"results\":[");
      if (api_objects(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, &iLimit, &iPage, &zErr) < 0) break;
      nCount = api_count(db, pEnv, pRoute->pColl, zBody, nBody, 1, &zErr);
      if (nCount < 0) break;
      sqlite3_str_appendf(pOut, "],\"count\":%lld,\"limit\":%lld,\"pages\":%lld,\"page\":%lld}", nCount, iLimit,
                          iLimit > 0 ? (nCount + iLimit - 1) / iLimit : 0, iPage);
      break;
    }
    case ROUTE_GET_ID:
    case ROUTE_GET_LATEST: {
      int n;
      zGetBody = get_body(pRoute, zArg, nArg);
      if (!zGetBody) {
        sqlite3_free(sqlite3_str_finish(pOut));
        pOut = 0;
        sqlite3_result_error_nomem(ctx);
        break;
      }
      n = api_objects(db, pEnv, pRoute, zGetBody, (int)strlen(zGetBody), iNowUs, pOut, 0, 0, &zErr);
      if (n == 0) {  /* 404: "Artifact not found." */
        sqlite3_free(sqlite3_str_finish(pOut));
        pOut = 0;
        sqlite3_result_null(ctx);
      }
      break;
    }
  }

done:
  if (zErr) {
    sqlite3_result_error(ctx, zErr, -1);
    sqlite3_free(sqlite3_str_finish(pOut));
  } else if (pOut) {
    int n = sqlite3_str_length(pOut);
    char *z;
    if (sqlite3_str_errcode(pOut)) {
      sqlite3_free(sqlite3_str_finish(pOut));
      sqlite3_result_error_nomem(ctx);
    } else {
      z = sqlite3_str_finish(pOut);
      sqlite3_result_text(ctx, z ? z : "", n, sqlite3_free);
    }
  }
  sqlite3_free(zErr);
  sqlite3_free(zArg);
  sqlite3_free(zGetBody);
}

/* The renderings extract numbers from stored JSON (retry_delay_seconds,
** schedule intervals, metadata values). SQLite's JSON functions, in builds
** not made from the amalgamation (Debian's 3.40), read JSON reals with the
** C library's strtod, which follows LC_NUMERIC: under a decimal comma
** json_extract('[2.5]', '$[0]') is 2.0. So the answer is computed with the
** calling thread in the "C" locale, and the host's setting is restored. */
static void prefectApiFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  JsonCLocale loc;
  if (!json_c_locale_enter(&loc)) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  api_answer(ctx, argc, argv);
  json_c_locale_leave(&loc);
}

/* It reads the database: not innocuous, and direct only (no view or trigger
** of a schema may call it); not deterministic either. */
int api_register(sqlite3 *db, Clock *pClock) {
  FunctionEnv *pEnv = function_env_new(db);  /* one for both arities */
  int rc;
  if (!pEnv) return SQLITE_NOMEM;
  pEnv->env.pClock = pClock;  /* released with the FunctionEnv */
  pClock->nRef++;
  pEnv->nRef = 2;  /* each registration releases it, even one that fails */
  rc = sqlite3_create_function_v2(db, "prefect_api", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, pEnv, prefectApiFunc, 0, 0,
                                  function_env_release);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "prefect_api", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, pEnv, prefectApiFunc, 0,
                                    0, function_env_release);
  } else {
    function_env_release(pEnv);  /* the second registration never took its reference */
  }
  return rc;
}
