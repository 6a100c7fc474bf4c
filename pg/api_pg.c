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
** (prefect_pg_texts, responses.c), by a render kind written here as api.c
** writes it for SQLite. A route whose response has any field without its
** PostgreSQL text is refused (SQLSTATE 0A000, feature_not_supported), never
** answered approximately. A route below a parent row finds
** it by the PostgreSQL text of its scope, and the compiler adds "its parent
** is this row" to the body's criteria in PostgreSQL's placeholders.
** "Now" (a running run's estimate, a scheduled time filled in) is the
** setting prefect.now when set, else the transaction's start
** (prefect_pg_texts' PG_NOW). The kinds history, lateness, aggregate,
** buckets and keyed are api_pg_kinds.c's.
*/
#include "prefect_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

/* The Artifact model cuts metadata values at this many characters, plus "..." (as api.c). */
#define METADATA_CUT 500

/* The PostgreSQL text of pResp's field zKey, document, condition or
** alternative, or of the route scope zKey (pResp NULL); NULL: none. */
static const char *pg_text(const ResponseDesc *pResp, PgTextOf eOf, const char *zKey) {
  const PgText *p;
  for (p = prefect_pg_texts; p->zPgSql; p++) {
    if (p->pResp == pResp && p->eOf == eOf &&
        ((eOf != PG_FIELD && eOf != PG_SCOPE) || strcmp(p->zKey, zKey) == 0)) {
      return p->zPgSql;
    }
  }
  return 0;
}

static bool alternatives_renderable(const ResponseDesc *pResp);
bool object_renderable(const ResponseDesc *pResp);

/* Whether field pF of pOwner is rendered here: a column, a member of the
** object's document, or SQL with a PostgreSQL text, by a kind this file
** writes; a nested object or list (over the same row, or over related rows
** whose FROM clause has its PostgreSQL text) when each of its fields is. */
static bool field_renderable(const FieldDesc *pF, const ResponseDesc *pOwner) {
  if (pF->zExpr && !pg_text(pOwner, PG_FIELD, pF->zKey)) return false;
  if (pF->eRender == RENDER_OBJECT || pF->eRender == RENDER_LIST) {
    return (pF->eRender == RENDER_OBJECT || pF->zExpr) && alternatives_renderable(pF->pSub);
  }
  if (pF->eRender == RENDER_DOC_BOOL) return !pOwner->zDoc || pg_text(pOwner, PG_DOC, 0);
  if (pOwner->zDoc && !pF->zExpr) {
    return (pF->eRender == RENDER_VALUE || pF->eRender == RENDER_FLOAT) && pg_text(pOwner, PG_DOC, 0);
  }
  switch (pF->eRender) {
    case RENDER_VALUE:
    case RENDER_JSON:
    case RENDER_TIME:
    case RENDER_BOOL:
    case RENDER_CUT_VALUES:
    case RENDER_INTERVAL:
    case RENDER_MICROS:
    case RENDER_FLOAT:
      return true;
    default:
      return false;
  }
}

/* Whether every field of pResp is rendered here. */
bool object_renderable(const ResponseDesc *pResp) {
  const FieldDesc *pF;
  for (pF = pResp->aField; pF->zKey; pF++) {
    if (!field_renderable(pF, pResp)) return false;
  }
  return true;
}

/* Whether pResp and the alternatives tried where its condition fails are
** rendered here: each condition, and the last one's fallback, with its
** PostgreSQL text. */
static bool alternatives_renderable(const ResponseDesc *pResp) {
  const ResponseDesc *p;
  for (p = pResp; p; p = p->pElse) {
    if (p->zWhen && !pg_text(p, PG_WHEN, 0)) return false;
    if (!p->pElse && p->zElse && !pg_text(p, PG_ELSE, 0)) return false;
    if (!object_renderable(p)) return false;
  }
  return true;
}

/* Whether the route is answered here; else why not, in *pzWhy. */
static bool route_renderable(const RouteDesc *pRoute, const char **pzWhy) {
  if (pRoute->zScope && !pg_text(0, PG_SCOPE, pRoute->zScope)) {
    *pzWhy = "its parent row is found by SQLite SQL";
    return false;
  }
  switch (pRoute->eKind) {
    case ROUTE_COUNT:
      return true;
    case ROUTE_LIST:  /* with its body rules (RouteBody: a sort, a limit), which the compiler applies */
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
  if (!alternatives_renderable(pRoute->pResponse)) {
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

/* A nested object over the row zAlias: json_build_object(...), and where it
** has a condition, the next alternative (or its fallback, or null) where
** that fails (api.c's render_alternatives). */
static void render_alternatives(StringInfo pSql, const ResponseDesc *pResp, const char *zAlias) {
  const ResponseDesc *p;
  if (!pResp->zWhen) {
    render_object(pSql, pResp, zAlias);
    return;
  }
  appendStringInfoString(pSql, "CASE");
  for (p = pResp; p; p = p->pElse) {
    appendStringInfoString(pSql, " WHEN ");
    expand(pSql, pg_text(p, PG_WHEN, 0), zAlias);
    appendStringInfoString(pSql, " THEN ");
    if (!p->pElse && p->zElse) {
      /* the fallback is a document: both branches json */
      appendStringInfoString(pSql, "to_json(");
      render_object(pSql, p, zAlias);
      appendStringInfoString(pSql, ") ELSE to_json(");
      expand(pSql, pg_text(p, PG_ELSE, 0), zAlias);
      appendStringInfoChar(pSql, ')');
    } else {
      render_object(pSql, p, zAlias);
    }
  }
  appendStringInfoString(pSql, " END");
}

/* A number of microseconds u as seconds, the JSON number pydantic writes
** for a float (api.c's seconds_sql: the exact decimal, at least one digit
** after the point; jsonb writes it positionally where Python would write
** an exponent, the same number). */
static void render_seconds(StringInfo pSql, const char *zMicros) {
  appendStringInfo(pSql,
                   "(SELECT CASE WHEN sec.t IS NULL THEN NULL WHEN scale(trim_scale(sec.t)) = 0 THEN round(sec.t, 1) "
                   "ELSE trim_scale(sec.t) END FROM (SELECT (%s)::numeric / 1000000 AS t) AS sec)",
                   zMicros);
}

/* Whether the database has the table zTable (a related list's; Prefect's
** older schemas lack some): api.c's has_table (SPI connected). */
static bool has_table(const char *zTable) {
  Oid type = TEXTOID;
  Datum value = CStringGetTextDatum(zTable);
  bool bNull;
  if (pg_execute("SELECT to_regclass($1) IS NOT NULL", 1, &type, &value, 1) != SPI_OK_SELECT ||
      SPI_processed != 1) {
    elog(ERROR, "prefect: looking for the table %s did not run", zTable);
  }
  return DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &bNull));
}

/* The object of field pF over each related row (its FROM clause over the
** row zAlias, PostgreSQL's text), between zOpen, zAs and zClose. */
static void render_related(StringInfo pSql, const FieldDesc *pF, const ResponseDesc *pOwner, const char *zAlias,
                           const char *zOpen, const char *zAs, const char *zClose) {
  appendStringInfoString(pSql, zOpen);
  render_alternatives(pSql, pF->pSub, pF->pSub->zAlias);
  appendStringInfoString(pSql, zAs);
  expand(pSql, pg_text(pOwner, PG_FIELD, pF->zKey), zAlias);
  appendStringInfoString(pSql, zClose);
}

/* One field's value over the row zAlias, as PostgreSQL's json_build_object
** takes it: the answer SQLite's renderer (api.c) gives for the same kind
** (SPI connected: a related table is looked for). */
static void render_field(StringInfo pSql, const FieldDesc *pF, const ResponseDesc *pOwner, const char *zAlias) {
  char *zV;
  if (pF->zTable && !has_table(pF->zTable)) {
    appendStringInfoString(pSql, pF->eRender == RENDER_LIST ? "'[]'::json" : "NULL");
    return;
  }
  switch (pF->eRender) {
    case RENDER_OBJECT:
      if (!pF->zExpr) {
        render_alternatives(pSql, pF->pSub, zAlias);
        return;
      }
      render_related(pSql, pF, pOwner, zAlias, "(SELECT ", " ", ")");
      return;
    case RENDER_LIST:
      /* json_agg over a subquery keeps the order the subquery gives */
      render_related(pSql, pF, pOwner, zAlias, "(SELECT coalesce(json_agg(l.o), '[]'::json) FROM (SELECT ", " AS o ",
                     ") AS l)");
      return;
    case RENDER_DOC_BOOL: {
      /* the member when it is true, false or null, else the field's default */
      StringInfoData doc;
      initStringInfo(&doc);
      if (pOwner->zDoc) expand(&doc, pg_text(pOwner, PG_DOC, 0), zAlias);
      else appendStringInfoString(&doc, "NULL");
      appendStringInfo(pSql,
                       "(SELECT CASE jsonb_typeof(m) WHEN 'boolean' THEN m WHEN 'null' THEN m ELSE %s::jsonb END "
                       "FROM (SELECT (%s)::jsonb -> %s AS m) AS d)",
                       quote_literal_cstr(pF->zDefault ? pF->zDefault : "null"), doc.data,
                       quote_literal_cstr(pF->zKey));
      return;
    }
    default:
      break;
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
    case RENDER_INTERVAL: {
      /* an interval column, in exact microseconds (extract gives numeric) */
      char *zMicros = psprintf("(extract(epoch from (%s)) * 1000000)::bigint", zV);
      render_seconds(pSql, zMicros);
      break;
    }
    case RENDER_MICROS:
      render_seconds(pSql, zV);
      break;
    case RENDER_FLOAT: {
      /* a number (a double column or a JSON member), rounded to microseconds
      ** as SQLite's round() does, half away from zero, in double precision */
      char *zMicros = psprintf("(SELECT CASE WHEN f.d >= 0 THEN trunc(f.d + 0.5) ELSE -trunc(-f.d + 0.5) END "
                               "FROM (SELECT (to_jsonb(%s) #>> '{}')::float8 * 1000000 AS d) AS f)::bigint", zV);
      render_seconds(pSql, zMicros);
      break;
    }
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

/* The API's rules for a route's body, as api.c's api_compile sets them:
** the route's own (pRules, may be NULL), its parent row (pScope, may be
** NULL: a criterion of the body's own, before its limit). */
static void api_extras(const RouteBody *pRules, const ColumnConstraint *pScope, bool bCount, bool bPaginate,
                       QueryExtras *pExtras) {
  memset(pExtras, 0, sizeof(*pExtras));
  if (pRules) {
    pExtras->zDefaultSort = pRules->zDefaultSort;
    pExtras->iMaxLimit = pRules->iMaxLimit;
    pExtras->bNegativeLimit = pRules->bNegativeLimit;
  }
  if (pScope) {
    pExtras->aCons = pScope;
    pExtras->nCons = 1;
    pExtras->bConsInBody = 1;
  }
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
  api_extras(0, 0, true, bPaginate, &extras);
  pg_compile(pColl, zBody, &extras, &stmt);
  if (pg_execute(stmt.zSql, stmt.nArg, stmt.aType, stmt.aValue, 1) != SPI_OK_SELECT ||
      SPI_processed != 1) {
    elog(ERROR, "prefect: the count of %s did not run", pColl->zName);
  }
  return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &bNull));
}

/* The body's objects appended to pOut, separated by commas (SPI
** connected); their number is returned, the compiler's limit and page in
** *pStmt. pScope (may be NULL): the route's parent row. */
static uint64 api_objects(const RouteDesc *pRoute, const char *zBody, const ColumnConstraint *pScope, StringInfo pOut,
                          PgStatement *pStmt) {
  QueryExtras extras;
  char *zSql;
  uint64 i;
  api_extras(pRoute->pBody, pScope, false, pRoute->eKind == ROUTE_PAGINATE, &extras);
  pg_compile(pRoute->pColl, zBody, &extras, pStmt);
  if (pStmt->iLimit < 0) {
    /* a route whose limit has no lower bound (/ui/flow_runs/history): SQLite
    ** reads a negative LIMIT as none, PostgreSQL refuses it (so does Prefect there) */
    ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                    errmsg("prefect: prefect.api: %s %s with a negative limit is answered on SQLite only "
                           "(prefect_api): PostgreSQL has no LIMIT below 0", pRoute->zMethod, pRoute->zPath)));
  }
  zSql = objects_sql(pRoute->pResponse, pStmt->zSql);
  if (pg_execute(zSql, pStmt->nArg, pStmt->aType, pStmt->aValue, 0) != SPI_OK_SELECT) {
    elog(ERROR, "prefect: the objects of %s did not run", pRoute->zPath);
  }
  for (i = 0; i < SPI_processed; i++) {
    if (i) appendStringInfoChar(pOut, ',');
    appendStringInfoString(pOut, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
  }
  return SPI_processed;
}

/* The route's parent row (its zScope, the path parameter zArg bound as $1)
** as the constraint "zScopeCol = its key" in *pCons, the key's text
** palloc'd; false: no such row, Prefect's 404 (SPI connected). */
static bool route_scope(const RouteDesc *pRoute, const char *zArg, ColumnConstraint *pCons) {
  Oid type = TEXTOID;
  Datum value = CStringGetTextDatum(zArg);
  char *zKey;
  int iCol;
  memset(pCons, 0, sizeof(*pCons));
  for (iCol = 0; pRoute->pColl->aCol[iCol].zName; iCol++) {
    if (strcmp(pRoute->pColl->aCol[iCol].zName, pRoute->zScopeCol) == 0) break;
  }
  if (!pRoute->pColl->aCol[iCol].zName) elog(ERROR, "prefect: %s has no column %s", pRoute->pColl->zName,
                                             pRoute->zScopeCol);
  if (pg_execute(pg_text(0, PG_SCOPE, pRoute->zScope), 1, &type, &value, 1) != SPI_OK_SELECT) {
    elog(ERROR, "prefect: the parent row of %s did not run", pRoute->zPath);
  }
  if (SPI_processed == 0) return false;
  zKey = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
  if (!zKey) return false;  /* a row without a key: no parent */
  pCons->iCol = iCol;
  pCons->eOp = COP_EQ;
  pCons->iArg = -1;
  pCons->zText = zKey;
  pCons->nText = (int)strlen(zKey);
  return true;
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
  char *azArg[PATH_MAX_ARGS];
  int anArg[PATH_MAX_ARGS], nArg = 0;
  const RouteDesc *pRoute = 0;
  PathArgs args;
  RouteAnswer eAnswer;
  StringInfoData out;
  PgStatement stmt;
  ColumnConstraint scope;
  bool bFound = true;
  int i;

  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  zRoute = text_to_cstring(PG_GETARG_TEXT_PP(0));
  eAnswer = route_find(zRoute, &pRoute, &args);
  if (eAnswer == ANSWER_ROUTE) {
    /* the path's parameters, copied (with SQLite's allocator they must be freed before any error) */
    bool bLost = false;
    nArg = args.n;
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
    if (nArg < (pRoute->zScope ? 1 : 0) + (pRoute->eKind == ROUTE_GET)) {
      elog(ERROR, "prefect: %s has too few path parameters", pRoute->zPath);
    }
    /* uvicorn would decode bytes that are not UTF-8 to U+FFFD; no such name or key is stored */
    for (i = 0; i < nArg; i++) {
      if (!json_utf8_valid((const unsigned char *)azArg[i], anArg[i])) PG_RETURN_NULL();
    }
    if (pRoute->eKind == ROUTE_GET) {
      /* the last path parameter selects the row; a first one, its parent (scope) */
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
  /* not found: 404, 'Work pool "..." not found.' */
  if (pRoute->zScope && !route_scope(pRoute, azArg[0], &scope)) {
    SPI_finish();
    PG_RETURN_NULL();
  }
  switch (pRoute->eKind) {
    case ROUTE_COUNT:
      appendStringInfo(&out, INT64_FORMAT, api_count(pRoute->pColl, zBody, false));
      break;
    case ROUTE_LIST:
      appendStringInfoChar(&out, '[');
      api_objects(pRoute, zBody, pRoute->zScope ? &scope : 0, &out, &stmt);
      appendStringInfoChar(&out, ']');
      break;
    case ROUTE_PAGINATE: {
      int64 nCount;
      appendStringInfoString(&out, "{\"results\":[");
      api_objects(pRoute, zBody, 0, &out, &stmt);
      nCount = api_count(pRoute->pColl, zBody, true);
      appendStringInfo(&out, "],\"count\":" INT64_FORMAT ",\"limit\":" INT64_FORMAT ",\"pages\":" INT64_FORMAT
                       ",\"page\":" INT64_FORMAT "}", nCount, stmt.iLimit,
                       stmt.iLimit > 0 ? (nCount + stmt.iLimit - 1) / stmt.iLimit : 0, stmt.iPage);
      break;
    }
    case ROUTE_GET:
      bFound = api_objects(pRoute, zBody, pRoute->zScope ? &scope : 0, &out, &stmt) > 0;  /* 404: "... not found." */
      break;
    default:  /* history, lateness, aggregate, buckets, keyed */
      pg_kind_answer(pRoute, zBody, &out);
      break;
  }
  SPI_finish();
  if (!bFound) PG_RETURN_NULL();
  PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(out.data)));
}
