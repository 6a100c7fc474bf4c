/*
** pg/api_pg.c: prefect.api(route, body) -> jsonb, the answer prefect_api()
** gives on SQLite, on Prefect's PostgreSQL database.
**
**   SELECT prefect.api('POST /flows/filter', '{"flows": {"name": {"any_": ["etl"]}}}');
**
** The same router (router.c) and route table (responses.c) as the SQLite
** side. A response is rendered here in C from its field descriptions, in
** PostgreSQL's SQL: a field that is a column, or a member of the object's
** document, or SQL with a PostgreSQL text beside SQLite's
** (prefect_pg_texts, responses.c), by a render kind written here. A route
** whose response has any other field is refused (SQLSTATE 0A000,
** feature_not_supported), never answered approximately. So are the routes
** below a parent row (their scope is a SQLite statement). The kinds
** history, lateness, aggregate, buckets and keyed are api_pg_kinds.c's.
*/
#include "prefect_pg.h"

#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

/* The Artifact model cuts metadata values at this many characters, plus "..." (as api.c). */
#define METADATA_CUT 500

/* The PostgreSQL text of pResp's field zKey, document or condition, or NULL: none. */
static const char *pg_text(const ResponseDesc *pResp, PgTextOf eOf, const char *zKey) {
  const PgText *p;
  for (p = prefect_pg_texts; p->pResp; p++) {
    if (p->pResp == pResp && p->eOf == eOf && (eOf != PG_FIELD || strcmp(p->zKey, zKey) == 0)) return p->zPgSql;
  }
  return 0;
}

bool object_renderable(const ResponseDesc *pResp);

/* Whether field pF of pOwner is rendered here: a column, a member of the
** object's document, or SQL with a PostgreSQL text, by a kind this file
** writes; a nested object over the same row when each of its fields is. */
static bool field_renderable(const FieldDesc *pF, const ResponseDesc *pOwner) {
  if (pF->zTable) return false;
  if (pF->eRender == RENDER_OBJECT) return !pF->zExpr && object_renderable(pF->pSub);
  if (pF->zExpr && !pg_text(pOwner, PG_FIELD, pF->zKey)) return false;
  if (pOwner->zDoc && !pF->zExpr) return pF->eRender == RENDER_VALUE && pg_text(pOwner, PG_DOC, 0);
  switch (pF->eRender) {
    case RENDER_VALUE:
    case RENDER_JSON:
    case RENDER_TIME:
    case RENDER_BOOL:
    case RENDER_CUT_VALUES:
      return true;
    default:
      return false;
  }
}

/* Whether every field of pResp is rendered here; with a condition, one
** that has its PostgreSQL text and no alternative (else null). */
bool object_renderable(const ResponseDesc *pResp) {
  const FieldDesc *pF;
  if (pResp->zWhen && (pResp->pElse || pResp->zElse || !pg_text(pResp, PG_WHEN, 0))) return false;
  for (pF = pResp->aField; pF->zKey; pF++) {
    if (!field_renderable(pF, pResp)) return false;
  }
  return true;
}

/* Whether the route is answered here; else why not, in *pzWhy. */
static bool route_renderable(const RouteDesc *pRoute, const char **pzWhy) {
  if (pRoute->zScope) {
    *pzWhy = "it is below a parent row";
    return false;
  }
  switch (pRoute->eKind) {
    case ROUTE_COUNT:
      return true;
    case ROUTE_LIST:
    case ROUTE_PAGINATE:
    case ROUTE_GET:
      break;
    case ROUTE_HISTORY:
    case ROUTE_LATENESS:
    case ROUTE_AGGREGATE:
    case ROUTE_BUCKETS:
    case ROUTE_KEYED:
      return pg_kind_renderable(pRoute, pzWhy);  /* api_pg_kinds.c */
    default:
      *pzWhy = "its kind of route is not made on PostgreSQL";
      return false;
  }
  if (pRoute->pBody) {
    *pzWhy = "it has body rules of its own";
    return false;
  }
  if (!object_renderable(pRoute->pResponse)) {
    *pzWhy = "its response has fields written as SQLite SQL";
    return false;
  }
  return true;
}

/* zTemplate with each '@' replaced by zAlias. */
static void expand(StringInfo pSql, const char *zTemplate, const char *zAlias) {
  const char *z;
  for (z = zTemplate; *z; z++) {
    if (*z == '@') appendStringInfoString(pSql, zAlias);
    else appendStringInfoChar(pSql, *z);
  }
}

/* The SQL value of field pF of pOwner over the row zAlias, before rendering. */
static char *field_value(const FieldDesc *pF, const ResponseDesc *pOwner, const char *zAlias) {
  StringInfoData v;
  initStringInfo(&v);
  if (pF->zExpr) {
    expand(&v, pg_text(pOwner, PG_FIELD, pF->zKey), zAlias);
  } else if (pOwner->zDoc) {
    /* as SQLite's json_extract gives a member: true and false are 1 and 0, null is NULL */
    StringInfoData doc;
    initStringInfo(&doc);
    expand(&doc, pg_text(pOwner, PG_DOC, 0), zAlias);
    appendStringInfo(&v, "(SELECT CASE jsonb_typeof(m) WHEN 'boolean' THEN to_jsonb(m::boolean::int) "
                     "WHEN 'null' THEN NULL ELSE m END FROM (SELECT (%s)::jsonb -> %s AS m) AS d)",
                     doc.data, quote_literal_cstr(pF->zKey));
  } else {
    appendStringInfo(&v, "%s.%s", zAlias, quote_identifier(pF->zKey));
  }
  return v.data;
}

void render_object(StringInfo pSql, const ResponseDesc *pResp, const char *zAlias);

/* One field's value over the row zAlias, as PostgreSQL's json_build_object
** takes it: the answer SQLite's renderer (api.c) gives for the same kind. */
static void render_field(StringInfo pSql, const FieldDesc *pF, const ResponseDesc *pOwner, const char *zAlias) {
  char *zV;
  if (pF->eRender == RENDER_OBJECT) {
    if (pF->pSub->zWhen) {  /* where the condition fails: null */
      appendStringInfoString(pSql, "CASE WHEN ");
      expand(pSql, pg_text(pF->pSub, PG_WHEN, 0), zAlias);
      appendStringInfoString(pSql, " THEN ");
    }
    render_object(pSql, pF->pSub, zAlias);
    if (pF->pSub->zWhen) appendStringInfoString(pSql, " END");
    return;
  }
  zV = field_value(pF, pOwner, zAlias);
  switch (pF->eRender) {
    case RENDER_TIME:
      /* ISO 8601 in UTC with 'Z', the fraction only when it is not zero */
      appendStringInfo(pSql,
                       "CASE WHEN (%s) IS NULL THEN NULL ELSE to_char((%s) AT TIME ZONE 'UTC', "
                       "'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN to_char((%s) AT TIME ZONE 'UTC', 'US') = "
                       "'000000' THEN '' ELSE '.' || to_char((%s) AT TIME ZONE 'UTC', 'US') END || 'Z' END",
                       zV, zV, zV, zV);
      break;
    case RENDER_BOOL:
      /* SQLite's CASE WHEN x THEN true ELSE false: NULL is false */
      appendStringInfo(pSql, "((%s) IS TRUE)", zV);
      break;
    case RENDER_CUT_VALUES:
      /* an object's string values cut at METADATA_CUT characters; anything else as it is */
      appendStringInfo(pSql,
                       "CASE WHEN jsonb_typeof((%s)::jsonb) = 'object' THEN (SELECT coalesce(jsonb_object_agg(m.key, "
                       "CASE WHEN jsonb_typeof(m.value) = 'string' AND length(m.value #>> '{}') > %d THEN "
                       "to_jsonb(left(m.value #>> '{}', %d) || '...') ELSE m.value END), '{}'::jsonb) "
                       "FROM jsonb_each((%s)::jsonb) AS m) ELSE (%s)::jsonb END",
                       zV, METADATA_CUT, METADATA_CUT, zV, zV);
      break;
    default:  /* RENDER_VALUE, RENDER_JSON: json_build_object keeps json and jsonb as JSON */
      appendStringInfoString(pSql, zV);
      break;
  }
}

/* json_build_object(...) of every field of pResp over the row zAlias. */
void render_object(StringInfo pSql, const ResponseDesc *pResp, const char *zAlias) {
  const FieldDesc *pF;
  appendStringInfoString(pSql, "json_build_object(");
  for (pF = pResp->aField; pF->zKey; pF++) {
    if (pF != pResp->aField) appendStringInfoString(pSql, ", ");
    appendStringInfo(pSql, "%s, ", quote_literal_cstr(pF->zKey));
    render_field(pSql, pF, pResp, zAlias);
  }
  appendStringInfoChar(pSql, ')');
}

/* The statement of the route's objects, one row each, over the compiled
** statement (alias q), in its order. */
static char *objects_sql(const ResponseDesc *pResp, const char *zFrom) {
  StringInfoData sql;
  initStringInfo(&sql);
  appendStringInfoString(&sql, "SELECT ");
  render_object(&sql, pResp, pResp->zAlias);
  appendStringInfo(&sql, "::text FROM (%s) AS %s", zFrom, pResp->zAlias);
  return sql.data;
}

/* The API's rules for a route's body, as api.c's api_compile sets them. */
static void api_extras(bool bCount, bool bPaginate, QueryExtras *pExtras) {
  memset(pExtras, 0, sizeof(*pExtras));
  pExtras->bApiLimits = !bCount;
  pExtras->bIgnorePaging = bCount;
  pExtras->bCount = bCount;
  pExtras->bIgnoreOffset = bPaginate && !bCount;
  pExtras->bPage = bPaginate;
  pExtras->bIgnoreUnknownKeys = 1;  /* the server drops body keys its route does not take */
}

/* count(*) of the body's rows (SPI connected). */
static int64 api_count(const CollectionDesc *pColl, const char *zBody, bool bPaginate) {
  QueryExtras extras;
  PgStatement stmt;
  bool bNull;
  api_extras(true, bPaginate, &extras);
  pg_compile(pColl, zBody, &extras, &stmt);
  if (SPI_execute_with_args(stmt.zSql, stmt.nArg, stmt.aType, stmt.aValue, NULL, true, 1) != SPI_OK_SELECT ||
      SPI_processed != 1) {
    elog(ERROR, "prefect: the count of %s did not run", pColl->zName);
  }
  return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &bNull));
}

/* The body's objects appended to pOut, separated by commas (SPI
** connected); their number is returned, the compiler's limit and page in
** *pStmt. */
static uint64 api_objects(const RouteDesc *pRoute, const char *zBody, StringInfo pOut, PgStatement *pStmt) {
  QueryExtras extras;
  char *zSql;
  uint64 i;
  api_extras(false, pRoute->eKind == ROUTE_PAGINATE, &extras);
  pg_compile(pRoute->pColl, zBody, &extras, pStmt);
  zSql = objects_sql(pRoute->pResponse, pStmt->zSql);
  if (SPI_execute_with_args(zSql, pStmt->nArg, pStmt->aType, pStmt->aValue, NULL, true, 0) != SPI_OK_SELECT) {
    elog(ERROR, "prefect: the objects of %s did not run", pRoute->zPath);
  }
  for (i = 0; i < SPI_processed; i++) {
    if (i) appendStringInfoChar(pOut, ',');
    appendStringInfoString(pOut, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
  }
  return SPI_processed;
}

/* A message made with SQLite's allocator, as a palloc'd copy (freed
** before any ereport, which does not return). */
static char *take_sqlite_text(char *z) {
  char *zOut = pstrdup(z ? z : "prefect: out of memory");
  sqlite3_free(z);
  return zOut;
}

PG_FUNCTION_INFO_V1(prefect_pg_api);

/* prefect.api(route text, body jsonb) -> jsonb, NULL where Prefect answers 404. */
Datum prefect_pg_api(PG_FUNCTION_ARGS) {
  const char *zRoute, *zWhy = 0;
  char *zBody = pg_body_text(fcinfo, 1), *zGetBody = 0;
  const RouteDesc *pRoute = 0;
  PathArgs args;
  RouteAnswer eAnswer;
  StringInfoData out;
  PgStatement stmt;
  bool bFound = true;
  int i;

  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  zRoute = text_to_cstring(PG_GETARG_TEXT_PP(0));
  eAnswer = route_find(zRoute, &pRoute, &args);
  if (eAnswer == ANSWER_ROUTE) {
    /* the path's parameters, copied (with SQLite's allocator they must be freed before any error) */
    char *azArg[PATH_MAX_ARGS];
    int anArg[PATH_MAX_ARGS], nArg = args.n;
    bool bLost = false;
    for (i = 0; i < args.n; i++) {
      bLost = bLost || !args.az[i];
      azArg[i] = args.az[i] ? pnstrdup(args.az[i], args.an[i]) : 0;
      anArg[i] = args.an[i];
    }
    path_args_clear(&args);
    if (bLost) ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("prefect: out of memory")));
    if (!route_renderable(pRoute, &zWhy)) {
      ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                      errmsg("prefect: prefect.api: %s %s is answered on SQLite only (prefect_api): %s",
                             pRoute->zMethod, pRoute->zPath, zWhy)));
    }
    if (pRoute->eKind == ROUTE_GET) {
      if (nArg < 1) elog(ERROR, "prefect: %s has no path parameter", pRoute->zPath);
      /* uvicorn would decode bytes that are not UTF-8 to U+FFFD; no such name or key is stored */
      if (!json_utf8_valid((const unsigned char *)azArg[nArg - 1], anArg[nArg - 1])) PG_RETURN_NULL();
      zGetBody = route_get_body(pRoute, azArg[nArg - 1], anArg[nArg - 1]);
      if (!zGetBody) ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("prefect: out of memory")));
      zBody = take_sqlite_text(zGetBody);
    }
  } else if (eAnswer == ANSWER_404) {
    PG_RETURN_NULL();
  } else if (eAnswer == ANSWER_NOMEM) {
    ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("prefect: out of memory")));
  } else {
    ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE), errmsg("%s", take_sqlite_text(route_error(eAnswer, zRoute)))));
  }

  initStringInfo(&out);
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "prefect: SPI_connect failed");
  switch (pRoute->eKind) {
    case ROUTE_COUNT:
      appendStringInfo(&out, INT64_FORMAT, api_count(pRoute->pColl, zBody, false));
      break;
    case ROUTE_LIST:
      appendStringInfoChar(&out, '[');
      api_objects(pRoute, zBody, &out, &stmt);
      appendStringInfoChar(&out, ']');
      break;
    case ROUTE_PAGINATE: {
      int64 nCount;
      appendStringInfoString(&out, "{\"results\":[");
      api_objects(pRoute, zBody, &out, &stmt);
      nCount = api_count(pRoute->pColl, zBody, true);
      appendStringInfo(&out, "],\"count\":" INT64_FORMAT ",\"limit\":" INT64_FORMAT ",\"pages\":" INT64_FORMAT
                       ",\"page\":" INT64_FORMAT "}", nCount, stmt.iLimit,
                       stmt.iLimit > 0 ? (nCount + stmt.iLimit - 1) / stmt.iLimit : 0, stmt.iPage);
      break;
    }
    case ROUTE_GET:
      bFound = api_objects(pRoute, zBody, &out, &stmt) > 0;  /* 404: "... not found." */
      break;
    default:  /* history, lateness, aggregate, buckets, keyed */
      pg_kind_answer(pRoute, zBody, &out);
      break;
  }
  SPI_finish();
  if (!bFound) PG_RETURN_NULL();
  PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}
