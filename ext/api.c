/*
** api.c: prefect_api(route, body) -> the JSON text the Prefect server
** answers for that route on the same database, or NULL where it answers 404.
**
**   SELECT prefect_api('POST /artifacts/filter', '{"artifacts": {"type": {"any_": ["table"]}}}');
**   SELECT prefect_api('GET /api/flow_runs/' || :id);
**
** The routes and their responses are data (responses.c), and a route is
** found by router.c. This file has the rest of what they need: one
** renderer, which turns a ResponseDesc into the SQL of one row's JSON
** object over the rows of the same compiled statement the virtual tables
** run (alias q); and the handlers of the route kinds (a list, a count, a
** page, one object by its path parameter, history, lateness). Rows are
** joined here in C, in the statement's order. The API's limits apply
** (default and maximum 200), and a count route ignores sort, limit and
** offset, as the API does.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>



/* ---- the renderer ----------------------------------------------------------
** One function per rendering rule, each appending SQL text; render_object()
** walks a ResponseDesc. Templates of responses.c say '@' for the alias of
** the row being rendered.
*/

/* zTemplate with each '@' replaced by zAlias. */
static void expand(sqlite3_str *pStr, const char *zTemplate, const char *zAlias) {
  const char *z;
  for (z = zTemplate; *z; z++) {
    if (*z == '@') sqlite3_str_appendall(pStr, zAlias);
    else sqlite3_str_appendchar(pStr, 1, *z);
  }
}

static char *expand_new(const char *zTemplate, const char *zAlias) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  expand(pStr, zTemplate, zAlias);
  return sqlite3_str_finish(pStr);
}

/* A stored 'YYYY-MM-DD HH:MM:SS.ffffff' (the SQL expression zExpr) as the
** API writes it: ISO 8601, UTC 'Z', the fraction only when it is not zero. */
static void time_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr,
      "CASE WHEN %s IS NULL THEN NULL ELSE substr(%s, 1, 10) || 'T' || substr(%s, 12, 8) || "
      "CASE WHEN length(%s) < 26 OR substr(%s, 21, 6) = '000000' THEN '' ELSE '.' || substr(%s, 21, 6) END "
      "|| 'Z' END", zExpr, zExpr, zExpr, zExpr, zExpr, zExpr);
}

/* Microseconds since the epoch of a stored timestamp (Prefect stores an
** interval as the epoch plus the interval): the whole seconds of its first
** 19 characters (strftime() would round the fraction to milliseconds
** first, '...:03.999900' into second 4), then the fraction's digits. */
static void micros_sql(sqlite3_str *pStr, const char *zExpr) {
  sqlite3_str_appendf(pStr,
                      "(CAST(strftime('%%s', substr(%s, 1, 19)) AS INTEGER) * 1000000 + CAST(substr(%s, 21, 6) AS INTEGER))",
                      zExpr, zExpr);
}

/* A number of microseconds, as pydantic writes seconds as a float: the
** shortest digits, positional with ".0", scientific below 1e-5. The
** microseconds expression is appended between seconds_sql_begin() and
** _end(), into the same string: nothing is allocated on the side. */
static void seconds_sql_begin(sqlite3_str *pStr) {
  sqlite3_str_appendall(pStr,
      "json((SELECT CASE WHEN u = 0 THEN '0.0' WHEN abs(u) < 10 THEN u || 'e-6' "
      "ELSE CASE WHEN substr(t, -1) = '.' THEN t || '0' ELSE t END END "
      "FROM (SELECT u, rtrim(printf('%s%d.%06d', CASE WHEN u < 0 THEN '-' ELSE '' END, abs(u) / 1000000, "
      "abs(u) % 1000000), '0') AS t FROM (SELECT ");
}

static void seconds_sql_end(sqlite3_str *pStr) {
  sqlite3_str_appendall(pStr, " AS u))))");
}

/* The Artifact model cuts metadata values at this many characters, plus "...". */
#define METADATA_CUT 500

/* Whether the connection's schema has a table (Prefect files have
** deployment_schedule; a file made from sql/schema.sql alone does not):
** SQLITE_OK, SQLITE_ERROR when it has none, or the error of looking
** (SQLITE_NOMEM while the schema is read), which is not an answer. */
static int has_table(sqlite3 *db, const char *zTable) {
  return sqlite3_table_column_metadata(db, 0, zTable, 0, 0, 0, 0, 0, 0);
}

/* The render_* functions append to pStr and return SQLITE_OK, or
** SQLITE_NOMEM when a part of the SQL could not be made on the side (a
** field's value, a table looked up): the SQL then has a hole, and must not
** run. pStr's own failures are seen where it is finished. */
static int render_object(sqlite3 *db, sqlite3_str *pStr, const ResponseDesc *pResp, const char *zAlias);

/* The SQL value of field pF of pOwner over the row zAlias, before rendering. */
static char *field_value(const FieldDesc *pF, const ResponseDesc *pOwner, const char *zAlias) {
  char *zDoc, *zOut;
  if (pF->zExpr) return expand_new(pF->zExpr, zAlias);
  if (!pOwner->zDoc) return sqlite3_mprintf("%s.\"%w\"", zAlias, pF->zKey);
  zDoc = expand_new(pOwner->zDoc, zAlias);
  zOut = zDoc ? sqlite3_mprintf("json_extract(%s, '$.%s')", zDoc, pF->zKey) : 0;
  sqlite3_free(zDoc);
  return zOut;
}

/* A nested object over the same row: json_object(...), and where it has a
** condition, the next alternative (or its fallback, or null) where that fails. */
static int render_alternatives(sqlite3 *db, sqlite3_str *pStr, const ResponseDesc *pResp, const char *zAlias) {
  const ResponseDesc *p;
  int rc = SQLITE_OK;
  if (!pResp->zWhen) return render_object(db, pStr, pResp, zAlias);
  sqlite3_str_appendall(pStr, "CASE");
  for (p = pResp; p && rc == SQLITE_OK; p = p->pElse) {
    sqlite3_str_appendall(pStr, " WHEN ");
    expand(pStr, p->zWhen, zAlias);
    sqlite3_str_appendall(pStr, " THEN ");
    rc = render_object(db, pStr, p, zAlias);
    if (!p->pElse && p->zElse) {
      sqlite3_str_appendall(pStr, " ELSE ");
      expand(pStr, p->zElse, zAlias);
    }
  }
  sqlite3_str_appendall(pStr, " END");
  return rc;
}

static int render_field(sqlite3 *db, sqlite3_str *pStr, const FieldDesc *pF, const ResponseDesc *pOwner,
                        const char *zAlias) {
  char *zV;
  int rc = pF->zTable ? has_table(db, pF->zTable) : SQLITE_OK;
  if (rc == SQLITE_ERROR) {
    sqlite3_str_appendall(pStr, pF->eRender == RENDER_LIST ? "json('[]')" : "NULL");
    return SQLITE_OK;
  }
  if (rc != SQLITE_OK) return rc;
  switch (pF->eRender) {
    case RENDER_OBJECT:
      if (!pF->zExpr) return render_alternatives(db, pStr, pF->pSub, zAlias);
      sqlite3_str_appendall(pStr, "json((SELECT ");
      rc = render_alternatives(db, pStr, pF->pSub, pF->pSub->zAlias);
      sqlite3_str_appendchar(pStr, 1, ' ');
      expand(pStr, pF->zExpr, zAlias);
      sqlite3_str_appendall(pStr, "))");
      return rc;
    case RENDER_LIST:
      sqlite3_str_appendall(pStr, "json((SELECT coalesce(json_group_array(json(o)), '[]') FROM (SELECT ");
      rc = render_alternatives(db, pStr, pF->pSub, pF->pSub->zAlias);
      sqlite3_str_appendall(pStr, " AS o ");
      expand(pStr, pF->zExpr, zAlias);
      sqlite3_str_appendall(pStr, ")))");
      return rc;
    case RENDER_DOC_BOOL: {
      char *zDoc = expand_new(pOwner->zDoc ? pOwner->zDoc : "NULL", zAlias);
      if (!zDoc) return SQLITE_NOMEM;
      sqlite3_str_appendf(pStr,
          "json(CASE json_type(%s, '$.%s') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' "
          "ELSE '%s' END)", zDoc, pF->zKey, pF->zDefault ? pF->zDefault : "null");
      sqlite3_free(zDoc);
      return SQLITE_OK;
    }
    default:
      break;
  }
  zV = field_value(pF, pOwner, zAlias);
  if (!zV) return SQLITE_NOMEM;
  switch (pF->eRender) {
    case RENDER_JSON:
      sqlite3_str_appendf(pStr, "json(%s)", zV);
      break;
    case RENDER_TIME:
      time_sql(pStr, zV);
      break;
    case RENDER_BOOL:
      sqlite3_str_appendf(pStr, "json(CASE WHEN %s THEN 'true' ELSE 'false' END)", zV);
      break;
    case RENDER_INTERVAL:
      seconds_sql_begin(pStr);
      micros_sql(pStr, zV);
      seconds_sql_end(pStr);
      break;
    case RENDER_MICROS:
      seconds_sql_begin(pStr);
      sqlite3_str_appendall(pStr, zV);
      seconds_sql_end(pStr);
      break;
    case RENDER_FLOAT:
      sqlite3_str_appendf(pStr, "CASE WHEN (%s) IS NULL THEN NULL ELSE ", zV);
      seconds_sql_begin(pStr);
      sqlite3_str_appendf(pStr, "CAST(round((%s) * 1000000) AS INTEGER)", zV);
      seconds_sql_end(pStr);
      sqlite3_str_appendall(pStr, " END");
      break;
    case RENDER_CUT_VALUES:
      sqlite3_str_appendf(pStr,
          "json(CASE WHEN json_type(%s) = 'object' THEN (SELECT json_group_object(m.key, "
          "CASE WHEN m.type = 'text' AND length(m.value) > %d THEN substr(m.value, 1, %d) || '...' ELSE m.value END) "
          "FROM json_each(%s) AS m) ELSE %s END)", zV, METADATA_CUT, METADATA_CUT, zV, zV);
      break;
    default:
      sqlite3_str_appendall(pStr, zV);
      break;
  }
  sqlite3_free(zV);
  return SQLITE_OK;
}

/* json_object(...) of every field of pResp over the row zAlias. */
static int render_object(sqlite3 *db, sqlite3_str *pStr, const ResponseDesc *pResp, const char *zAlias) {
  const FieldDesc *pF;
  int rc = SQLITE_OK;
  sqlite3_str_appendall(pStr, "json_object(");
  for (pF = pResp->aField; pF->zKey && rc == SQLITE_OK; pF++) {
    if (pF != pResp->aField) sqlite3_str_appendall(pStr, ", ");
    sqlite3_str_appendf(pStr, "'%s', ", pF->zKey);
    rc = render_field(db, pStr, pF, pResp, zAlias);
  }
  sqlite3_str_appendchar(pStr, 1, ')');
  return rc;
}

/* The SQL of pResp's object over the row zAlias, in *pzObject (owned by
** the caller): SQLITE_OK or SQLITE_NOMEM (*pzObject NULL). */
static int render_object_new(sqlite3 *db, const ResponseDesc *pResp, const char *zAlias, char **pzObject) {
  sqlite3_str *pObject = sqlite3_str_new(0);
  int rc = render_object(db, pObject, pResp, zAlias);
  *pzObject = sqlite3_str_finish(pObject);
  if (rc == SQLITE_OK && *pzObject) return SQLITE_OK;
  sqlite3_free(*pzObject);
  *pzObject = 0;
  return rc == SQLITE_OK ? SQLITE_NOMEM : rc;
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
static int api_compile(CompileEnv *pEnv, const CollectionDesc *pColl, const RouteBody *pRules, const char *zBody,
                       int nBody, int bCount, int bPaginate, const ColumnConstraint *pScope, Query *pQuery,
                       char **pzErr) {
  QueryExtras extras;
  memset(&extras, 0, sizeof(extras));
  if (pRules) {
    extras.zDefaultSort = pRules->zDefaultSort;
    extras.iMaxLimit = pRules->iMaxLimit;
    extras.bNegativeLimit = pRules->bNegativeLimit;
  }
  if (pScope) {  /* the parent row of the path: a criterion of the body's own, before its limit */
    extras.aCons = pScope;
    extras.nCons = 1;
    extras.bConsInBody = 1;
  }
  extras.bApiLimits = !bCount;
  extras.bIgnorePaging = bCount;
  extras.bCount = bCount;
  extras.bIgnoreOffset = bPaginate && !bCount;
  extras.bPage = bPaginate;
  extras.bIgnoreUnknownKeys = 1;  /* the server drops body keys its route does not take */
  return filter_compile(pEnv, pColl, zBody, nBody, &extras, pQuery, pzErr);
}

/* The handlers below return SQLITE_OK, or an error code with *pzErr saying
** what. With SQLITE_NOMEM a message is not needed (nor shown), and an
** error whose message could not be made is reported as SQLITE_NOMEM too:
** never a sqlite3_errmsg() that an earlier statement left. */

/* The error of a statement of the answer (rc from prepare, bind or step,
** not SQLITE_ROW or SQLITE_DONE), with its message unless one was set:
** a table or column zSql needs but the database lacks is named with the
** Prefect release that added it (schema_error). */
static int api_stmt_error(sqlite3 *db, int rc, const char *zSql, char **pzErr) {
  if (rc != SQLITE_NOMEM && !*pzErr) *pzErr = schema_error(db, zSql);
  return rc;
}

/* count(*) of a body's rows, in *pnCount. */
static int api_count(sqlite3 *db, CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody,
                     int bPaginate, sqlite3_int64 *pnCount, char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  int rc = api_compile(pEnv, pColl, 0, zBody, nBody, 1, bPaginate, 0, &query, pzErr);
  if (rc == SQLITE_OK) {
    /* compiled as SELECT count(*) over the filtered table: no columns, no order */
    rc = api_prepare(db, query.zSql, &query, 0, &pStmt);
    if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) {
      *pnCount = sqlite3_column_int64(pStmt, 0);
      rc = SQLITE_OK;
    } else {
      rc = api_stmt_error(db, rc, query.zSql, pzErr);
    }
  }
  sqlite3_finalize(pStmt);
  query_clear(&query);
  return rc;
}

/* The JSON objects of a body's rows, appended to pOut separated by commas;
** their number in *pnRow. *piLimit and *piPage (may be
** NULL) get the limit and page the compiler read from the body. pScope (may
** be NULL): the route's parent row, a constraint of the body's own. */
static int api_objects(sqlite3 *db, CompileEnv *pEnv, const RouteDesc *pRoute, const char *zBody, int nBody,
                       sqlite3_int64 iNowUs, const ColumnConstraint *pScope, sqlite3_str *pOut,
                       sqlite3_int64 *piLimit, sqlite3_int64 *piPage, int *pnRow, char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zObject = 0, *zSql = 0;
  int n = 0, rc = api_compile(pEnv, pRoute->pColl, pRoute->pBody, zBody, nBody, 0, pRoute->eKind == ROUTE_PAGINATE,
                              pScope, &query, pzErr);
  if (rc == SQLITE_OK) rc = render_object_new(db, pRoute->pResponse, pRoute->pResponse->zAlias, &zObject);
  if (rc == SQLITE_OK) {
    /* the query's ?N first: the named "now" parameters then number after them */
    zSql = sqlite3_mprintf("WITH q AS (%s) SELECT %s FROM q", query.zSql, zObject);
    rc = zSql ? api_prepare(db, zSql, &query, iNowUs, &pStmt) : SQLITE_NOMEM;
    if (piLimit) *piLimit = query.iLimit;
    if (piPage) *piPage = query.iPage;
  }
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *zRow = (const char *)sqlite3_column_text(pStmt, 0);  /* an object: NULL is no memory */
    if (!zRow) { rc = SQLITE_NOMEM; break; }
    if (n++) sqlite3_str_appendchar(pOut, 1, ',');
    sqlite3_str_appendall(pOut, zRow);
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_OK) rc = api_stmt_error(db, rc, zSql, pzErr);
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  sqlite3_free(zObject);
  query_clear(&query);
  *pnRow = n;
  return rc;
}

/* POST /flow_runs/lateness: the average of each run's lateness in seconds,
** with the expression Prefect's route uses on SQLite (whole seconds of each
** time by strftime('%s'), "now" as datetime('now') prints it); null when
** no run matches. Appends the answer to pOut. */
static int api_lateness(sqlite3 *db, CompileEnv *pEnv, const RouteDesc *pRoute, const char *zBody, int nBody,
                        sqlite3_int64 iNowUs, sqlite3_str *pOut, char **pzErr) {
  static const char *const azRead[] = {"expected_start_time", "state_type", "start_time", 0};
  QueryExtras extras;
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zSql = 0;
  int rc;
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bIgnoreUnknownKeys = 1;
  extras.bSomeColumns = 1;
  extras.mColumns = describe_column_mask(pRoute->pColl, azRead);
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
    } else {
      rc = api_stmt_error(db, rc, zSql, pzErr);
    }
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  query_clear(&query);
  return rc;
}

/* ROUTE_AGGREGATE (POST /ui/task_runs/count): the route's object rendered
** once over every row the body selects, its fields aggregates (so over no
** row, their empty values). The route has no sort, limit or offset. */
static int api_aggregate(sqlite3 *db, CompileEnv *pEnv, const RouteDesc *pRoute, const char *zBody, int nBody,
                         sqlite3_int64 iNowUs, sqlite3_str *pOut, char **pzErr) {
  QueryExtras extras;
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zObject = 0, *zSql = 0;
  int rc;
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bIgnoreUnknownKeys = 1;
  rc = filter_compile(pEnv, pRoute->pColl, zBody, nBody, &extras, &query, pzErr);
  if (rc == SQLITE_OK) rc = render_object_new(db, pRoute->pResponse, pRoute->pResponse->zAlias, &zObject);
  if (rc == SQLITE_OK) {
    zSql = sqlite3_mprintf("WITH %s AS (%s) SELECT %s FROM %s", pRoute->pResponse->zAlias, query.zSql, zObject,
                           pRoute->pResponse->zAlias);
    rc = zSql ? api_prepare(db, zSql, &query, iNowUs, &pStmt) : SQLITE_NOMEM;
    if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) {
      const char *zRow = (const char *)sqlite3_column_text(pStmt, 0);
      if (zRow) sqlite3_str_appendall(pOut, zRow);
      rc = zRow ? SQLITE_OK : SQLITE_NOMEM;
    } else {
      rc = api_stmt_error(db, rc, zSql, pzErr);
    }
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  sqlite3_free(zObject);
  query_clear(&query);
  return rc;
}

/* ROUTE_BUCKETS (POST /ui/task_runs/dashboard/counts, read_dashboard_task_run_counts):
** the window and the rows' body from route_buckets_window; each row in
** bucket floor((julianday(column) - julianday(start)) * 86400.0 / the
** bucket's seconds), Prefect's SQLite arithmetic, and each bucket is the
** route's object of aggregates over its rows; a bucket without rows is that
** object over no rows. A bucket index Python's list would refuse is its 500. */
static int api_buckets(sqlite3 *db, CompileEnv *pEnv, const RouteDesc *pRoute, const char *zBody, int nBody,
                       sqlite3_int64 iNowUs, sqlite3_str *pOut, char **pzErr) {
  const RouteBody *pRules = pRoute->pBody;
  const ResponseDesc *pResp = pRoute->pResponse;
  RouteWindow win;
  QueryExtras extras;
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zObject = 0, *zSql = 0, **azSlot = 0;
  int rc, i;

  memset(&query, 0, sizeof(query));
  memset(&extras, 0, sizeof(extras));
  extras.bNoPaging = 1;
  extras.bIgnoreUnknownKeys = 1;
  rc = route_buckets_window(pEnv, pRoute, &extras, zBody, nBody, iNowUs, &win, pzErr);
  if (rc == SQLITE_OK) rc = filter_compile(pEnv, pRoute->pColl, win.zBody, (int)strlen(win.zBody), &extras, &query, pzErr);
  if (rc == SQLITE_OK) rc = render_object_new(db, pResp, pResp->zAlias, &zObject);
  if (rc == SQLITE_OK) {
    /* the query's ?N first: the named parameters then number after them. The
    ** first row is the object over no rows; then one per bucket. floor() as
    ** arithmetic, as SQLite builds without math functions lack it. */
    zSql = sqlite3_mprintf(
        "WITH prefect_rows AS (%s), %s AS (SELECT prefect_rows.*, (SELECT CASE WHEN x IS NULL THEN NULL "
        "ELSE CAST(x AS INTEGER) - (x < CAST(x AS INTEGER)) END FROM (SELECT (julianday(prefect_rows.\"%w\") - "
        "julianday(:prefect_bucket_start)) * 86400.0 / :prefect_bucket_seconds AS x)) AS prefect_bucket "
        "FROM prefect_rows) "
        "SELECT 0, NULL, %s FROM %s WHERE 0 UNION ALL "
        "SELECT 1, %s.prefect_bucket, %s FROM %s GROUP BY %s.prefect_bucket",
        query.zSql, pResp->zAlias, pRules->zWindow, zObject, pResp->zAlias, pResp->zAlias, zObject, pResp->zAlias,
        pResp->zAlias);
    rc = zSql ? api_prepare(db, zSql, &query, iNowUs, &pStmt) : SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
      char zStart[32];
      clock_format_stored(win.iStart, zStart);
      rc = sqlite3_bind_text(pStmt, sqlite3_bind_parameter_index(pStmt, ":prefect_bucket_start"), zStart, -1,
                             SQLITE_TRANSIENT);
      if (rc == SQLITE_OK) {
        rc = sqlite3_bind_double(pStmt, sqlite3_bind_parameter_index(pStmt, ":prefect_bucket_seconds"),
                                 (double)win.iDelta / 1000000.0);
      }
    }
  }
  if (rc == SQLITE_OK) {
    azSlot = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)pRules->nBucket);
    if (!azSlot) rc = SQLITE_NOMEM;
    else memset(azSlot, 0, sizeof(char *) * (size_t)pRules->nBucket);
  }
  {
    char *zEmpty = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      const char *zRow = (const char *)sqlite3_column_text(pStmt, 2);
      char *zObj = zRow ? sqlite3_mprintf("%s", zRow) : 0;
      rc = zObj ? SQLITE_OK : SQLITE_NOMEM;
      if (rc != SQLITE_OK) break;
      if (sqlite3_column_int(pStmt, 0) == 0) {
        zEmpty = zObj;
        continue;
      }
      /* the bucket is an integer (CAST AS INTEGER) or NULL */
      rc = route_bucket_slot(pRoute, sqlite3_column_type(pStmt, 1) == SQLITE_NULL, sqlite3_column_int64(pStmt, 1),
                             &i, pzErr);
      if (rc != SQLITE_OK) {
        sqlite3_free(zObj);
        break;
      }
      sqlite3_free(azSlot[i]);
      azSlot[i] = zObj;
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    if (rc == SQLITE_OK) {
      sqlite3_str_appendchar(pOut, 1, '[');
      for (i = 0; i < pRules->nBucket; i++) {
        if (i) sqlite3_str_appendchar(pOut, 1, ',');
        sqlite3_str_appendall(pOut, azSlot[i] ? azSlot[i] : zEmpty ? zEmpty : "null");
      }
      sqlite3_str_appendchar(pOut, 1, ']');
    }
    sqlite3_free(zEmpty);
  }
  if (rc != SQLITE_OK) rc = api_stmt_error(db, rc, zSql, pzErr);
  for (i = 0; azSlot && i < pRules->nBucket; i++) sqlite3_free(azSlot[i]);
  sqlite3_free(azSlot);
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  sqlite3_free(zObject);
  sqlite3_free(win.zBody);
  query_clear(&query);
  return rc;
}

/* ROUTE_KEYED (POST /ui/flows/count-deployments, ...): the body's list of
** ids (route_keyed_ids), then the route's statement over them, its rows
** made the answer by route_keyed_render. */
static int api_keyed(sqlite3 *db, const RouteDesc *pRoute, const char *zBody, int nBody, sqlite3_str *pOut,
                     char **pzErr) {
  RouteIds ids;
  sqlite3_str *pSql = 0;
  sqlite3_stmt *pStmt = 0;
  char *zSql = 0, **azKey = 0, **azValue = 0;
  int nRow = 0, nRowAlloc = 0, i, rc;

  rc = route_keyed_ids(pRoute, zBody, nBody, &ids, pzErr);
  if (rc != SQLITE_OK) return rc;
  pSql = sqlite3_str_new(0);
  sqlite3_str_appendf(pSql, "WITH q AS (%s) SELECT q.key, ", pRoute->zSql);
  if (pRoute->pResponse) rc = render_object(db, pSql, pRoute->pResponse, "q");
  else sqlite3_str_appendall(pSql, "q.value");
  sqlite3_str_appendall(pSql, " FROM q");
  zSql = sqlite3_str_finish(pSql);
  if (rc != SQLITE_OK) goto done;
  if (!zSql) { rc = SQLITE_NOMEM; goto done; }
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 1, ids.zJson, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    if (nRow == nRowAlloc) {
      int nNew = nRowAlloc ? nRowAlloc * 2 : 16;
      char **azK = sqlite3_realloc64(azKey, sizeof(char *) * nNew);
      char **azV = azK ? sqlite3_realloc64(azValue, sizeof(char *) * nNew) : 0;
      if (azK) azKey = azK;
      if (azV) azValue = azV;
      if (!azK || !azV) { rc = SQLITE_NOMEM; break; }
      nRowAlloc = nNew;
    }
    {
      /* the key is an id and the value JSON: neither NULL unless memory ran out */
      const char *zK = sqlite3_column_type(pStmt, 0) == SQLITE_NULL ? "" : (const char *)sqlite3_column_text(pStmt, 0);
      const char *zV = sqlite3_column_type(pStmt, 1) == SQLITE_NULL ? "null" : (const char *)sqlite3_column_text(pStmt, 1);
      azKey[nRow] = zK ? sqlite3_mprintf("%s", zK) : 0;
      azValue[nRow] = zV ? sqlite3_mprintf("%s", zV) : 0;
    }
    nRow++;
    if (!azKey[nRow - 1] || !azValue[nRow - 1]) rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_DONE) {
    rc = api_stmt_error(db, rc, zSql, pzErr);
    goto done;
  }
  rc = SQLITE_OK;
  route_keyed_render(pRoute, &ids, azKey, azValue, nRow, pOut);

done:
  sqlite3_finalize(pStmt);
  for (i = 0; i < nRow; i++) sqlite3_free(azKey[i]), sqlite3_free(azValue[i]);
  sqlite3_free(azKey);
  sqlite3_free(azValue);
  sqlite3_free(zSql);
  route_ids_clear(&ids);
  return rc;
}

/* The parent row of a route below one (pRoute->zScope, the first path
** parameter bound as ?1), as the constraint "zScopeCol = its key" on the
** route's collection in *pCons (its value in *ppKey, the caller's to free).
** *pbFound: 1 found; 0 no such row, Prefect's 404. */
static int route_scope(sqlite3 *db, const RouteDesc *pRoute, const PathArgs *pArgs, ColumnConstraint *pCons,
                       sqlite3_value **ppKey, int *pbFound, char **pzErr) {
  sqlite3_stmt *pStmt = 0;
  int rc, iCol;
  *ppKey = 0;
  *pbFound = 0;
  memset(pCons, 0, sizeof(*pCons));
  for (iCol = 0; pRoute->pColl->aCol[iCol].zName; iCol++) {
    if (strcmp(pRoute->pColl->aCol[iCol].zName, pRoute->zScopeCol) == 0) break;
  }
  if (!pRoute->pColl->aCol[iCol].zName) {
    *pzErr = sqlite3_mprintf("prefect: %s has no column %s", pRoute->pColl->zName, pRoute->zScopeCol);
    return SQLITE_ERROR;
  }
  rc = sqlite3_prepare_v2(db, pRoute->zScope, -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 1, pArgs->az[0], pArgs->an[0], SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    *ppKey = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
    *pbFound = 1;
    rc = *ppKey ? SQLITE_DONE : SQLITE_NOMEM;
  }
  rc = rc == SQLITE_DONE ? SQLITE_OK : api_stmt_error(db, rc, pRoute->zScope, pzErr);
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_OK) return rc;
  pCons->iCol = iCol;
  pCons->eOp = COP_EQ;
  pCons->iArg = -1;
  pCons->pValue = *ppKey;
  return SQLITE_OK;
}


/* Whether an argument's text is missing for want of memory: NULL from
** sqlite3_value_text() for a value that is not NULL. */
static int text_lost(sqlite3_value *pVal, const char *z) {
  return !z && sqlite3_value_type(pVal) != SQLITE_NULL;
}

static void api_answer(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  CompileEnv *pEnv = (CompileEnv *)sqlite3_user_data(ctx);
  const char *zRoute = (const char *)sqlite3_value_text(argv[0]);
  const char *zBody = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0;
  int nBody = argc > 1 ? sqlite3_value_bytes(argv[1]) : 0;
  char *zErr = 0, *zGetBody = 0;
  sqlite3_int64 iNowUs;
  const RouteDesc *pRoute = 0;
  PathArgs args;
  RouteAnswer eAnswer;
  sqlite3_str *pOut = 0;
  ColumnConstraint scope;
  sqlite3_value *pScopeKey = 0;
  int i, rc = SQLITE_OK, bFound = 1;  /* bFound 0: Prefect's 404, SQL NULL */

  memset(&args, 0, sizeof(args));
  /* a route or body SQLite could not give as text is no memory, not "no body" */
  eAnswer = (text_lost(argv[0], zRoute) || (argc > 1 && text_lost(argv[1], zBody)))
                ? ANSWER_NOMEM : route_find(zRoute, &pRoute, &args);
  switch (eAnswer) {
    case ANSWER_ROUTE:
      for (i = 0; i < args.n; i++) {
        if (!args.az[i]) {
          rc = SQLITE_NOMEM;
          goto done;
        }
        /* uvicorn would decode bytes that are not UTF-8 to U+FFFD; no such name or key is stored */
        if (!json_utf8_valid((const unsigned char *)args.az[i], args.an[i])) {
          bFound = 0;
          goto done;
        }
      }
      if ((pRoute->eKind == ROUTE_GET || pRoute->zScope) && args.n < (pRoute->zScope ? 1 : 0) + (pRoute->eKind == ROUTE_GET)) {
        rc = SQLITE_NOMEM;
        goto done;
      }
      if (pRoute->zScope) {
        /* not found: 404, 'Work pool "..." not found.' */
        rc = route_scope(db, pRoute, &args, &scope, &pScopeKey, &bFound, &zErr);
        if (rc != SQLITE_OK || !bFound) goto done;
      }
      break;
    case ANSWER_NOMEM:
      rc = SQLITE_NOMEM;
      goto done;
    case ANSWER_404:  /* Prefect's "Not Found": no route matches the path */
      bFound = 0;
      goto done;
    default:  /* 405, 307 or a route it does not answer */
      zErr = route_error(eAnswer, zRoute);
      rc = SQLITE_ERROR;
      goto done;
  }
  pOut = sqlite3_str_new(db);
  /* the statement's one reading of the clock: every prefect_api() call of a
  ** statement (and prefect_now(), the history tables) sees one instant */
  iNowUs = clock_now_stmt(ctx, pEnv->pClock);
  switch (pRoute->eKind) {
    case ROUTE_HISTORY: {
      History hist;
      /* a function cannot keep statements between calls: sqlite3_close() refuses
      ** a connection with statements left before it drops the functions */
      StmtCache stmts;
      /* compiled bodies are no statements: those are kept (the user data is the FunctionEnv) */
      QueryMemo *pMemo = &((FunctionEnv *)sqlite3_user_data(ctx))->memo;
      memset(&stmts, 0, sizeof(stmts));
      rc = history_compute(db, pEnv, pMemo, &stmts, pRoute->pColl, zBody, nBody, 1, iNowUs, &hist, &zErr);
      stmt_cache_clear(&stmts);
      if (rc == SQLITE_OK) history_render_json(&hist, pOut);
      else if (!zErr && rc != SQLITE_NOMEM) zErr = sqlite3_mprintf("prefect: %s", sqlite3_errstr(rc));
      history_clear(&hist);
      break;
    }
    case ROUTE_LATENESS:
      rc = api_lateness(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, &zErr);
      break;
    case ROUTE_COUNT: {
      sqlite3_int64 n = 0;
      rc = api_count(db, pEnv, pRoute->pColl, zBody, nBody, 0, &n, &zErr);
      sqlite3_str_appendf(pOut, "%lld", n);
      break;
    }
    case ROUTE_KEYED:
      rc = api_keyed(db, pRoute, zBody, nBody, pOut, &zErr);
      break;
    case ROUTE_LIST: {
      int n;
      sqlite3_str_appendchar(pOut, 1, '[');
      rc = api_objects(db, pEnv, pRoute, zBody, nBody, iNowUs, pScopeKey ? &scope : 0, pOut, 0, 0, &n, &zErr);
      sqlite3_str_appendchar(pOut, 1, ']');
      break;
    }
    case ROUTE_PAGINATE: {
      sqlite3_int64 iLimit = 0, iPage = 0, nCount = 0;
      int n;
      sqlite3_str_appendall(pOut, "{\"results\":[");
      rc = api_objects(db, pEnv, pRoute, zBody, nBody, iNowUs, 0, pOut, &iLimit, &iPage, &n, &zErr);
      if (rc == SQLITE_OK) rc = api_count(db, pEnv, pRoute->pColl, zBody, nBody, 1, &nCount, &zErr);
      sqlite3_str_appendf(pOut, "],\"count\":%lld,\"limit\":%lld,\"pages\":%lld,\"page\":%lld}", nCount, iLimit,
                          iLimit > 0 ? (nCount + iLimit - 1) / iLimit : 0, iPage);
      break;
    }
    case ROUTE_GET: {
      int n = 0;
      /* the last path parameter selects the row; a first one, its parent (scope) */
      zGetBody = route_get_body(pRoute, args.az[args.n - 1], args.an[args.n - 1]);
      rc = zGetBody ? api_objects(db, pEnv, pRoute, zGetBody, (int)strlen(zGetBody), iNowUs,
                                  pScopeKey ? &scope : 0, pOut, 0, 0, &n, &zErr)
                    : SQLITE_NOMEM;
      if (n == 0) bFound = 0;  /* 404: "... not found." */
      break;
    }
    case ROUTE_AGGREGATE:
      rc = api_aggregate(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, &zErr);
      break;
    case ROUTE_BUCKETS:
      rc = api_buckets(db, pEnv, pRoute, zBody, nBody, iNowUs, pOut, &zErr);
      break;
    case ROUTE_NONE:
      break;
  }

done:
  if (rc == SQLITE_OK && bFound && pOut && sqlite3_str_errcode(pOut)) rc = SQLITE_NOMEM;
  if (rc == SQLITE_NOMEM || (rc != SQLITE_OK && !zErr)) {
    /* SQLITE_NOMEM, or an error whose message could not be made: never an
    ** answer made of what was written, nor a message left by another statement */
    sqlite3_result_error_nomem(ctx);
  } else if (rc != SQLITE_OK) {
    sqlite3_result_error(ctx, zErr, -1);
  } else if (!bFound) {
    sqlite3_result_null(ctx);
  } else {
    int n = sqlite3_str_length(pOut);
    char *z = sqlite3_str_finish(pOut);
    pOut = 0;
    /* an answer is never empty (JSON): nothing written means memory ran out */
    if (z) sqlite3_result_text(ctx, z, n, sqlite3_free);
    else sqlite3_result_error_nomem(ctx);
  }
  sqlite3_free(sqlite3_str_finish(pOut));
  sqlite3_free(zErr);
  path_args_clear(&args);
  sqlite3_value_free(pScopeKey);
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
