/*
** pg/api_pg_kinds.c: prefect.api's route kinds that are not a list of
** objects, on Prefect's PostgreSQL database: the run histories (POST
** /flow_runs/history, /task_runs/history), the average lateness (POST
** /flow_runs/lateness) and the dashboard's routes (/ui/task_runs/count, an
** aggregate; /ui/task_runs/dashboard/counts, buckets; /ui/flows/next-runs,
** /ui/flows/count-deployments, /ui/flow_runs/count-task-runs, keyed).
**
** A body is read by the SQLite side's code (history_body.c, route_body.c)
** and its filters compiled by the same compiler in the PostgreSQL dialect,
** so it is refused with the same message. The SQL of each kind is
** Prefect's PostgreSQL statement where Prefect writes one apart from its
** SQLite statement (the history, the lateness, the bucket of a row, the
** next runs), and otherwise the SQLite side's SQL in PostgreSQL's text,
** data beside it (prefect_pg_texts and prefect_pg_route_texts,
** responses.c). Where the two statements of Prefect's differ, the answer
** is the PostgreSQL one: sums and averages of exact intervals where SQLite
** counts whole seconds (docs/postgresql.md lists each difference).
**
** "Now" is one instant per call: the setting prefect.now when it is set
** and not empty (a timestamptz, as SET prefect.now = '2026-10-31
** 00:00:00+00' writes it), else the start of the transaction, which is
** what Prefect's now() reads there.
*/
#include "prefect_pg.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

/* Microseconds between PostgreSQL's epoch (2000-01-01) and Unix's. */
#define PG_EPOCH_US ((int64)(POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY)

/* Prefect's TERMINAL_STATES, which are never late (schemas/states.py) */
#define TERMINAL_STATES "('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED')"

/* The run's estimated_start_time_delta as Prefect's ORM writes it for
** PostgreSQL (orm_models.py, date_diff as "-"): an interval; %d is the
** placeholder of "now", twice; the run is q. */
#define START_TIME_DELTA_PG \
  "CASE WHEN q.start_time > q.expected_start_time THEN q.start_time - q.expected_start_time " \
  "WHEN q.start_time IS NULL AND q.state_type NOT IN " TERMINAL_STATES " AND q.expected_start_time < $%d " \
  "THEN $%d - q.expected_start_time ELSE interval '0' END"

/* ...and its estimated_run_time: a RUNNING run's total plus the time since
** it entered the state; %d: "now". */
#define RUN_TIME_PG \
  "CASE WHEN q.state_type = 'RUNNING' THEN q.total_run_time + ($%d - q.state_timestamp) ELSE q.total_run_time END"

/* The instant "now" for this call (see the header). */
static TimestampTz api_now(void) {
  const char *z = GetConfigOption("prefect.now", true, false);
  if (z && *z) {
    return DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in, CStringGetDatum(z), ObjectIdGetDatum(InvalidOid),
                                                   Int32GetDatum(-1)));
  }
  return GetCurrentTransactionStartTimestamp();
}

/* An error of the SQLite side's code (its message made with SQLite's
** allocator, freed before the ereport, which does not return). */
static void raise_sqlite_error(int rc, char *zErr) {
  char *zMsg = pstrdup(zErr ? zErr : "prefect: out of memory");
  sqlite3_free(zErr);
  ereport(ERROR, (errcode(rc == SQLITE_NOMEM || !zErr ? ERRCODE_OUT_OF_MEMORY : ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("%s", zMsg)));
}

/* A parameter after the compiled statement's: its placeholder's number. */
static int stmt_add(PgStatement *p, Oid type, Datum value) {
  p->aType = repalloc(p->aType, sizeof(Oid) * (p->nArg + 1));
  p->aValue = repalloc(p->aValue, sizeof(Datum) * (p->nArg + 1));
  p->aType[p->nArg] = type;
  p->aValue[p->nArg] = value;
  return ++p->nArg;
}

/* An interval of iUs microseconds, as time only: no day or month, whose
** length a time zone's calendar could change. */
static Datum interval_us(int64 iUs) {
  Interval *p = palloc0(sizeof(Interval));
  p->time = iUs;
  return IntervalPGetDatum(p);
}

/* Run zSql with the statement's parameters; its rows in SPI_tuptable. */
static void run(const char *zSql, const PgStatement *pStmt, const RouteDesc *pRoute) {
  if (pg_execute(zSql, pStmt->nArg, pStmt->aType, pStmt->aValue, 0) != SPI_OK_SELECT) {
    elog(ERROR, "prefect: the statement of %s did not run", pRoute->zPath);
  }
}

/* repr(r) as Python writes a float, appended to pOut. */
static void append_float(StringInfo pOut, double r) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  char *z;
  json_python_float(r, pStr);
  z = sqlite3_str_finish(pStr);
  if (!z) ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("prefect: out of memory")));
  appendStringInfoString(pOut, z);
  sqlite3_free(z);
}

/* A compiled body with the API's rules for a route without paging. */
static void compile_unpaged(const CollectionDesc *pColl, const char *zBody, PgStatement *pStmt) {
  QueryExtras extras;
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bIgnoreUnknownKeys = 1;  /* the server drops body keys its route does not take */
  pg_compile(pColl, zBody, &extras, pStmt);
}

/* ---- POST /flow_runs/lateness ----------------------------------------------------
** Prefect's PostgreSQL branch (api/flow_runs.py average_flow_run_lateness):
** avg() of the intervals estimated_start_time_delta, their total_seconds();
** null when no run matches. */
static void answer_lateness(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  PgStatement stmt;
  StringInfoData sql;
  bool bNull;
  Datum v;
  int iNow;
  compile_unpaged(pRoute->pColl, zBody, &stmt);
  iNow = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(api_now()));
  initStringInfo(&sql);
  appendStringInfo(&sql, "SELECT extract(epoch FROM avg(" START_TIME_DELTA_PG "))::float8 FROM (%s) AS q", iNow, iNow,
                   stmt.zSql);
  run(sql.data, &stmt, pRoute);
  v = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &bNull);
  if (bNull) appendStringInfoString(pOut, "null");
  else append_float(pOut, DatumGetFloat8(v));
}

/* ---- POST /ui/task_runs/count ----------------------------------------------------
** The route's object once over every row the body selects. */
static void answer_aggregate(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  const ResponseDesc *pResp = pRoute->pResponse;
  PgStatement stmt;
  StringInfoData sql;
  compile_unpaged(pRoute->pColl, zBody, &stmt);
  initStringInfo(&sql);
  appendStringInfoString(&sql, "SELECT ");
  render_object(&sql, pResp, pResp->zAlias);
  appendStringInfo(&sql, "::text FROM (%s) AS %s", stmt.zSql, pResp->zAlias);
  run(sql.data, &stmt, pRoute);
  appendStringInfoString(pOut, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
}

/* ---- POST /ui/task_runs/dashboard/counts -------------------------------------------
** The window and the rows' body from route_buckets_window; each row in
** bucket floor(date_diff_seconds(column, start) / the bucket's seconds),
** Prefect's PostgreSQL arithmetic (extract(epoch) of the UTC difference);
** each bucket the route's object over its rows, a bucket without rows that
** object over none. */
static void answer_buckets(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  const ResponseDesc *pResp = pRoute->pResponse;
  int nBucket = pRoute->pBody->nBucket;
  CompileEnv env;
  QueryExtras extras;
  RouteWindow win;
  PgStatement stmt;
  StringInfoData sql;
  char *zErr = 0, *zRowsBody, **azSlot, *zEmpty = 0;
  int64 iNowUs = api_now() + PG_EPOCH_US;
  int rc, iStart, iSeconds, i;
  uint64 r;

  memset(&env, 0, sizeof(env));
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bIgnoreUnknownKeys = 1;
  extras.eDialect = DIALECT_POSTGRESQL;
  rc = route_buckets_window(&env, pRoute, &extras, zBody, zBody ? (int)strlen(zBody) : 0, iNowUs, &win, &zErr);
  if (rc != SQLITE_OK) raise_sqlite_error(rc, zErr);
  zRowsBody = pstrdup(win.zBody);
  sqlite3_free(win.zBody);
  compile_unpaged(pRoute->pColl, zRowsBody, &stmt);
  iStart = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(win.iStart - PG_EPOCH_US));
  iSeconds = stmt_add(&stmt, FLOAT8OID, Float8GetDatum((double)win.iDelta / 1000000.0));
  initStringInfo(&sql);
  appendStringInfo(&sql,
                   "WITH prefect_rows AS (%s), %s AS (SELECT prefect_rows.*, floor(extract(epoch FROM "
                   "timezone('UTC', prefect_rows.%s) - timezone('UTC', $%d)) / $%d) AS prefect_bucket "
                   "FROM prefect_rows) SELECT 0, NULL::float8, ",
                   stmt.zSql, pResp->zAlias, quote_identifier(pRoute->pBody->zWindow), iStart, iSeconds);
  render_object(&sql, pResp, pResp->zAlias);
  appendStringInfo(&sql, "::text FROM %s WHERE false UNION ALL SELECT 1, %s.prefect_bucket, ", pResp->zAlias,
                   pResp->zAlias);
  render_object(&sql, pResp, pResp->zAlias);
  appendStringInfo(&sql, "::text FROM %s GROUP BY %s.prefect_bucket", pResp->zAlias, pResp->zAlias);
  run(sql.data, &stmt, pRoute);
  azSlot = palloc0(sizeof(char *) * nBucket);
  for (r = 0; r < SPI_processed; r++) {
    HeapTuple row = SPI_tuptable->vals[r];
    TupleDesc desc = SPI_tuptable->tupdesc;
    bool bNull;
    char *zObject = SPI_getvalue(row, desc, 3);
    double rBucket;
    int iSlot;
    if (DatumGetInt32(SPI_getbinval(row, desc, 1, &bNull)) == 0) {
      zEmpty = zObject;
      continue;
    }
    rBucket = DatumGetFloat8(SPI_getbinval(row, desc, 2, &bNull));
    /* Python's int() of the float; a bucket far outside the list is its 500 alike */
    if (!bNull && !(rBucket > -1e15 && rBucket < 1e15)) rBucket = rBucket < 0 ? -1e15 : 1e15;
    rc = route_bucket_slot(pRoute, bNull, bNull ? 0 : (sqlite3_int64)rBucket, &iSlot, &zErr);
    if (rc != SQLITE_OK) raise_sqlite_error(rc, zErr);
    azSlot[iSlot] = zObject;
  }
  appendStringInfoChar(pOut, '[');
  for (i = 0; i < nBucket; i++) {
    if (i) appendStringInfoChar(pOut, ',');
    appendStringInfoString(pOut, azSlot[i] ? azSlot[i] : zEmpty ? zEmpty : "null");
  }
  appendStringInfoChar(pOut, ']');
}

/* ---- POST /ui/flows/count-deployments, /ui/flows/next-runs, /ui/flow_runs/count-task-runs
** The body's ids (route_keyed_ids), the route's PostgreSQL statement over
** them as uuid[], its rows made the answer by route_keyed_render. */
static const char *route_pg_sql(const RouteDesc *pRoute) {
  const PgRouteText *p;
  for (p = prefect_pg_route_texts; p->zPath; p++) {
    if (strcmp(p->zPath, pRoute->zPath) == 0) return p->zPgSql;
  }
  return 0;
}

static void answer_keyed(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  RouteIds found, ids;
  PgStatement stmt;
  StringInfoData sql, list;
  char *zErr = 0, **azKey, **azValue, *zAnswer;
  sqlite3_str *pAnswer;
  Oid typinput, typioparam;
  int rc, i;
  uint64 r;

  rc = route_keyed_ids(pRoute, zBody, zBody ? (int)strlen(zBody) : 0, &found, &zErr);
  if (rc != SQLITE_OK) raise_sqlite_error(rc, zErr);
  /* the ids copied, so that nothing of SQLite's allocator is held when an error is raised */
  ids.nId = found.nId;
  ids.aId = palloc(sizeof(*ids.aId) * (found.nId + 1));
  memcpy(ids.aId, found.aId, sizeof(*ids.aId) * found.nId);
  ids.zJson = 0;
  route_ids_clear(&found);
  /* the distinct ids as an array literal: IN has no use for the repeats */
  initStringInfo(&list);
  appendStringInfoChar(&list, '{');
  for (i = 0; i < ids.nId; i++) appendStringInfo(&list, "%s%s", i ? "," : "", ids.aId[i]);
  appendStringInfoChar(&list, '}');
  memset(&stmt, 0, sizeof(stmt));
  stmt.aType = palloc(sizeof(Oid));
  stmt.aValue = palloc(sizeof(Datum));
  getTypeInputInfo(UUIDARRAYOID, &typinput, &typioparam);
  stmt_add(&stmt, UUIDARRAYOID, OidInputFunctionCall(typinput, list.data, typioparam, -1));
  initStringInfo(&sql);
  appendStringInfo(&sql, "WITH q AS (%s) SELECT q.key::text, ", route_pg_sql(pRoute));
  if (pRoute->pResponse) {
    render_object(&sql, pRoute->pResponse, "q");
    appendStringInfoString(&sql, "::text");
  } else {
    appendStringInfoString(&sql, "q.value::text");
  }
  appendStringInfoString(&sql, " FROM q");
  run(sql.data, &stmt, pRoute);
  azKey = palloc(sizeof(char *) * (SPI_processed + 1));
  azValue = palloc(sizeof(char *) * (SPI_processed + 1));
  for (r = 0; r < SPI_processed; r++) {
    char *zK = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 1);
    char *zV = SPI_getvalue(SPI_tuptable->vals[r], SPI_tuptable->tupdesc, 2);
    azKey[r] = zK ? zK : "";
    azValue[r] = zV ? zV : "null";
  }
  pAnswer = sqlite3_str_new(0);
  route_keyed_render(pRoute, &ids, azKey, azValue, (int)SPI_processed, pAnswer);
  zAnswer = sqlite3_str_finish(pAnswer);
  if (!zAnswer) ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("prefect: out of memory")));
  appendStringInfoString(pOut, zAnswer);
  sqlite3_free(zAnswer);
}

/* ---- POST /flow_runs/history, /task_runs/history ---------------------------------
** Prefect's PostgreSQL statement (api/run_history.py with its
** make_timestamp_intervals for PostgreSQL): the intervals from
** generate_series, those that start before history_end, 500 at most; the
** runs outer-joined to them by expected_start_time; per interval and
** state, the count and the sums of greatest(0, extract(epoch ...)) of each
** run's estimated run time and lateness: exact intervals, where SQLite's
** statement counts whole seconds. An interval without runs has no states;
** the states in SQLite's order (type, then name, by bytes, NULL first),
** which Prefect's jsonb_agg leaves to the plan. */
static void append_time(StringInfo pOut, Datum v) {
  char zApi[40];
  clock_format_api(DatumGetTimestampTz(v) + PG_EPOCH_US, zApi);
  appendStringInfo(pOut, "\"%s\"", zApi);
}

/* JSON text of a string column, or null. */
static void append_text(StringInfo pOut, HeapTuple row, TupleDesc desc, int iCol) {
  char *z = SPI_getvalue(row, desc, iCol);
  if (z) escape_json(pOut, z);
  else appendStringInfoString(pOut, "null");
}

static void answer_history(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  CompileEnv env;
  QueryExtras extras;
  PrefectQuery query;
  PgStatement stmt;
  StringInfoData sql;
  sqlite3_int64 aTimes[3] = {0, 0, 0};  /* start, end, interval */
  int64 iStop;
  char *zErr = 0;
  int rc, iNow, iStart, iSeriesEnd, iEnd, iStep;
  uint64 r;
  Datum prevStart = 0;
  bool bAny = false;

  memset(&env, 0, sizeof(env));
  memset(&query, 0, sizeof(query));
  /* the body read and refused as on SQLite; then compiled here with its parameters */
  rc = history_read_body(&env, pRoute->pColl, zBody, zBody ? (int)strlen(zBody) : 0, 1, DIALECT_POSTGRESQL, &query,
                         aTimes, &zErr);
  query_clear(&query);
  if (rc != SQLITE_OK) raise_sqlite_error(rc, zErr);
  history_extras(pRoute->pColl, 1, DIALECT_POSTGRESQL, &extras);
  pg_compile(pRoute->pColl, zBody, &extras, &stmt);
  /* the series stops at the 500th interval's start (or history_end): the
  ** same intervals as Prefect's, without making the ones LIMIT drops */
  iStop = aTimes[1];
  if (aTimes[2] <= (aTimes[1] - aTimes[0]) / 499) iStop = aTimes[0] + aTimes[2] * 499;
  iNow = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(api_now()));
  iStart = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(aTimes[0] - PG_EPOCH_US));
  iSeriesEnd = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(iStop - PG_EPOCH_US));
  iEnd = stmt_add(&stmt, TIMESTAMPTZOID, TimestampTzGetDatum(aTimes[1] - PG_EPOCH_US));
  iStep = stmt_add(&stmt, INTERVALOID, interval_us(aTimes[2]));
  initStringInfo(&sql);
  appendStringInfo(&sql,
                   "WITH intervals AS (SELECT dt AS interval_start, dt + $%d AS interval_end "
                   "FROM generate_series($%d, $%d, $%d) AS dt WHERE dt < $%d LIMIT 500), ",
                   iStep, iStart, iSeriesEnd, iStep, iEnd);
  appendStringInfo(&sql,
                   "runs AS (SELECT q.expected_start_time, q.state_type, q.state_name, " RUN_TIME_PG
                   " AS estimated_run_time, " START_TIME_DELTA_PG " AS estimated_start_time_delta "
                   "FROM (%s) AS q) ",
                   iNow, iNow, iNow, stmt.zSql);
  appendStringInfoString(&sql,
                         "SELECT i.interval_start, i.interval_end, runs.state_type::text, runs.state_name, "
                         "count(runs.expected_start_time), "
                         "(sum(greatest(0, extract(epoch FROM runs.estimated_run_time))) * 1000000)::int8, "
                         "(sum(greatest(0, extract(epoch FROM runs.estimated_start_time_delta))) * 1000000)::int8 "
                         "FROM intervals AS i LEFT JOIN runs ON runs.expected_start_time >= i.interval_start "
                         "AND runs.expected_start_time < i.interval_end "
                         "GROUP BY i.interval_start, i.interval_end, runs.state_type, runs.state_name "
                         "ORDER BY i.interval_start, runs.state_type::text COLLATE \"C\" NULLS FIRST, "
                         "runs.state_name COLLATE \"C\" NULLS FIRST");
  run(sql.data, &stmt, pRoute);
  appendStringInfoChar(pOut, '[');
  for (r = 0; r < SPI_processed; r++) {
    HeapTuple row = SPI_tuptable->vals[r];
    TupleDesc desc = SPI_tuptable->tupdesc;
    bool bNull;
    Datum start = SPI_getbinval(row, desc, 1, &bNull);
    int64 nRuns = DatumGetInt64(SPI_getbinval(row, desc, 5, &bNull));
    if (!bAny || DatumGetTimestampTz(start) != DatumGetTimestampTz(prevStart)) {
      if (bAny) appendStringInfoString(pOut, "]},");
      appendStringInfoString(pOut, "{\"interval_start\":");
      append_time(pOut, start);
      appendStringInfoString(pOut, ",\"interval_end\":");
      append_time(pOut, SPI_getbinval(row, desc, 2, &bNull));
      appendStringInfoString(pOut, ",\"states\":[");
      bAny = true;
      prevStart = start;
    } else if (nRuns > 0) {
      appendStringInfoChar(pOut, ',');
    }
    if (nRuns == 0) continue;  /* the interval's outer-joined row without runs */
    appendStringInfoString(pOut, "{\"state_type\":");
    append_text(pOut, row, desc, 3);
    appendStringInfoString(pOut, ",\"state_name\":");
    append_text(pOut, row, desc, 4);
    appendStringInfo(pOut, ",\"count_runs\":" INT64_FORMAT ",\"sum_estimated_run_time\":", nRuns);
    append_float(pOut, (double)DatumGetInt64(SPI_getbinval(row, desc, 6, &bNull)) / 1000000.0);
    appendStringInfoString(pOut, ",\"sum_estimated_lateness\":");
    append_float(pOut, (double)DatumGetInt64(SPI_getbinval(row, desc, 7, &bNull)) / 1000000.0);
    appendStringInfoChar(pOut, '}');
  }
  if (bAny) appendStringInfoString(pOut, "]}");
  appendStringInfoChar(pOut, ']');
}

bool pg_kind_renderable(const RouteDesc *pRoute, const char **pzWhy) {
  switch (pRoute->eKind) {
    case ROUTE_HISTORY:
    case ROUTE_LATENESS:
      return true;
    case ROUTE_AGGREGATE:
    case ROUTE_BUCKETS:
      if (object_renderable(pRoute->pResponse)) return true;
      *pzWhy = "its response has fields written as SQLite SQL";
      return false;
    case ROUTE_KEYED:
      if (route_pg_sql(pRoute) && (!pRoute->pResponse || object_renderable(pRoute->pResponse))) return true;
      *pzWhy = "its statement is written as SQLite SQL";
      return false;
    default:
      *pzWhy = "its kind of route is not made on PostgreSQL";
      return false;
  }
}

void pg_kind_answer(const RouteDesc *pRoute, const char *zBody, StringInfo pOut) {
  switch (pRoute->eKind) {
    case ROUTE_HISTORY: answer_history(pRoute, zBody, pOut); break;
    case ROUTE_LATENESS: answer_lateness(pRoute, zBody, pOut); break;
    case ROUTE_AGGREGATE: answer_aggregate(pRoute, zBody, pOut); break;
    case ROUTE_BUCKETS: answer_buckets(pRoute, zBody, pOut); break;
    case ROUTE_KEYED: answer_keyed(pRoute, zBody, pOut); break;
    default: elog(ERROR, "prefect: %s is no route of api_pg_kinds.c", pRoute->zPath);
  }
}
