/*
** api.c: prefect_api(route, body) -> the JSON text the Prefect server
** answers for that route on the same database, or NULL where it answers 404.
**
**   SELECT prefect_api('POST /artifacts/filter', '{"artifacts": {"type": {"any_": ["table"]}}}');
**   SELECT prefect_api('GET /artifacts/' || :id, NULL);
**
** The rows come from the same compiled statement the virtual tables run;
** each row is rendered to JSON by SQLite's JSON functions around it, in
** Prefect's field order with Prefect's renderings (schema.md §8 and the
** response models of Prefect's server): timestamps as ISO 8601 in UTC with
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
  ROUTE_PAGINATE,    /* POST /flows/paginate: {results, count, limit, pages, page} */
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

typedef struct Route {
  const char *zMethod;
  const char *zPath;              /* exact path, or a prefix for the GET routes */
  RouteKind eKind;
  const CollectionDesc *pColl;
  const char *zObject;            /* the row rendering, for objects */
} Route;

static const Route aRoute[] = {
  {"POST", "/artifacts/filter", ROUTE_LIST, &prefect_artifacts, zArtifactObject},
  {"POST", "/artifacts/count", ROUTE_COUNT, &prefect_artifacts, 0},
  {"POST", "/artifacts/latest/filter", ROUTE_LIST, &prefect_artifact_collections, zCollectionObject},
  {"POST", "/artifacts/latest/count", ROUTE_COUNT, &prefect_artifact_collections, 0},
  {"POST", "/flows/filter", ROUTE_LIST, &prefect_flows, zFlowObject},
  {"POST", "/flows/count", ROUTE_COUNT, &prefect_flows, 0},
  {"POST", "/flows/paginate", ROUTE_PAGINATE, &prefect_flows, zFlowObject},
  {"POST", "/flow_runs/count", ROUTE_COUNT, &prefect_flow_runs, 0},
  {"POST", "/task_runs/count", ROUTE_COUNT, &prefect_task_runs, 0},
  {"POST", "/deployments/count", ROUTE_COUNT, &prefect_deployments, 0},
  /* GET /artifacts/{id} and GET /artifacts/{key}/latest: matched by shape */
  {"GET", "/artifacts/", ROUTE_GET_ID, &prefect_artifacts, zArtifactObject},
  {"GET", "/artifacts/", ROUTE_GET_LATEST, &prefect_artifact_collections, zArtifactObject},
  {0, 0, ROUTE_LIST, 0, 0},
};

/* A stored 'YYYY-MM-DD HH:MM:SS.ffffff' as the API writes it. */
static void append_time_sql(sqlite3_str *pStr, const char *zCol) {
  sqlite3_str_appendf(pStr,
      "CASE WHEN q.%s IS NULL THEN NULL ELSE substr(q.%s, 1, 10) || 'T' || substr(q.%s, 12, 8) || "
      "CASE WHEN length(q.%s) < 26 OR substr(q.%s, 21, 6) = '000000' THEN '' ELSE '.' || substr(q.%s, 21, 6) END "
      "|| 'Z' END", zCol, zCol, zCol, zCol, zCol, zCol);
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

/* Prepare zSql, bind the query's values, and return the statement. */
static int api_prepare(sqlite3 *db, const char *zSql, const Query *pQuery, sqlite3_stmt **ppStmt) {
  int rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
  if (rc == SQLITE_OK) rc = query_bind(pQuery, *ppStmt, 0);
  return rc;
}

/* Compile the body for pColl with the API's rules into *pQuery. */
static int api_compile(sqlite3 *db, const CollectionDesc *pColl, const char *zBody, int nBody, int bCount,
                       int bPaginate, Query *pQuery, char **pzErr) {
  CompileEnv env;
  QueryExtras extras;
  int rc;
  memset(&env, 0, sizeof(env));
  memset(&extras, 0, sizeof(extras));
  extras.bApiLimits = !bCount;
  extras.bIgnorePaging = bCount;
  extras.bIgnoreOffset = bPaginate;
  json_parser_init(&env.parser, db);
  rc = filter_compile(&env, pColl, zBody, nBody, &extras, pQuery, pzErr);
  json_parser_close(&env.parser);
  return rc;
}

/* count(*) of a body's rows; -1 on error (message in *pzErr). */
static sqlite3_int64 api_count(sqlite3 *db, const CollectionDesc *pColl, const char *zBody, int nBody,
                               char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 n = -1;
  int rc = api_compile(db, pColl, zBody, nBody, 1, 0, &query, pzErr);
  if (rc == SQLITE_OK) {
    char *zSql = sqlite3_mprintf("SELECT count(*) FROM (%s)", query.zSql);
    rc = zSql ? api_prepare(db, zSql, &query, &pStmt) : SQLITE_NOMEM;
    if (rc == SQLITE_OK && sqlite3_step(pStmt) == SQLITE_ROW) n = sqlite3_column_int64(pStmt, 0);
    else if (!*pzErr) *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
    sqlite3_free(zSql);
  }
  sqlite3_finalize(pStmt);
  query_clear(&query);
  return n;
}

/* The JSON objects of a body's rows, appended to pOut separated by commas.
** Returns the number of rows, -1 on error. */
static int api_objects(sqlite3 *db, const Route *pRoute, const char *zBody, int nBody, sqlite3_str *pOut,
                       char **pzErr) {
  Query query;
  sqlite3_stmt *pStmt = 0;
  char *zObject = 0, *zSql = 0;
  int n = 0, rc = api_compile(db, pRoute->pColl, zBody, nBody, 0, pRoute->eKind == ROUTE_PAGINATE, &query, pzErr);
  if (rc == SQLITE_OK) {
    zObject = object_sql(pRoute->zObject);
    zSql = zObject ? sqlite3_mprintf("SELECT %s FROM (%s) AS q", zObject, query.zSql) : 0;
    rc = zSql ? api_prepare(db, zSql, &query, &pStmt) : SQLITE_NOMEM;
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

/* "limit" and "page" as /flows/paginate reads them (the compiler checked them). */
static void paginate_numbers(const char *zBody, int nBody, sqlite3_int64 *piLimit, sqlite3_int64 *piPage) {
  JsonParser parser;
  JsonDoc doc;
  char *zErr = 0;
  *piLimit = 200;
  *piPage = 1;
  if (!zBody || nBody == 0) return;
  json_parser_init(&parser, 0);
  if (json_doc_parse(&parser, zBody, nBody, &doc, &zErr) == SQLITE_OK) {
    int iLimit = json_doc_member(&doc, 0, "limit");
    int iPage = json_doc_member(&doc, 0, "page");
    sqlite3_int64 i;
    if (iLimit >= 0 && doc.aNode[iLimit].eType != JT_NULL) {
      char *zMsg = value_read_int(&doc, iLimit, &i);
      if (!zMsg) *piLimit = i;
      sqlite3_free(zMsg);
    }
    if (iPage >= 0 && doc.aNode[iPage].eType != JT_NULL) {
      char *zMsg = value_read_int(&doc, iPage, &i);
      if (!zMsg) *piPage = i;
      sqlite3_free(zMsg);
    }
    json_doc_free(&doc);
  }
  sqlite3_free(zErr);
  json_parser_close(&parser);
}

/* Split "METHOD /path" (the method may be left out: POST, or GET for the
** GET routes). Returns the matching route, *pzArg the {id}/{key} part. */
static const Route *route_find(const char *zRoute, char **pzArg) {
  const char *zPath = zRoute, *zMethod = 0;
  int nMethod = 0, i;
  *pzArg = 0;
  if (!zRoute) return 0;
  if (zRoute[0] != '/') {
    const char *zSpace = strchr(zRoute, ' ');
    if (!zSpace) return 0;
    zMethod = zRoute;
    nMethod = (int)(zSpace - zRoute);
    zPath = zSpace + 1;
  }
  for (i = 0; aRoute[i].zPath; i++) {
    const Route *p = &aRoute[i];
    if (zMethod && ((int)strlen(p->zMethod) != nMethod || sqlite3_strnicmp(zMethod, p->zMethod, nMethod))) continue;
    if (p->eKind == ROUTE_GET_ID || p->eKind == ROUTE_GET_LATEST) {
      size_t nPrefix = strlen(p->zPath);
      const char *zRest;
      const char *zSlash;
      if (strncmp(zPath, p->zPath, nPrefix) != 0) continue;
      zRest = zPath + nPrefix;
      zSlash = strchr(zRest, '/');
      if (p->eKind == ROUTE_GET_ID && !zSlash && *zRest && strcmp(zRest, "filter") && strcmp(zRest, "count")) {
        *pzArg = sqlite3_mprintf("%s", zRest);
        return p;
      }
      if (p->eKind == ROUTE_GET_LATEST && zSlash && zSlash > zRest && strcmp(zSlash, "/latest") == 0) {
        *pzArg = sqlite3_mprintf("%.*s", (int)(zSlash - zRest), zRest);
        return p;
      }
      continue;
    }
    if (!zMethod && strcmp(p->zMethod, "POST") != 0) continue;
    if (strcmp(zPath, p->zPath) == 0) return p;
  }
  return 0;
}

/* A body for GET /artifacts/{id} (the id checked as Prefect checks it). */
static char *get_body(const Route *pRoute, const char *zArg, char **pzErr) {
  char zUuid[37];
  if (pRoute->eKind == ROUTE_GET_ID) {
    if (!value_parse_uuid_text(zArg, (int)strlen(zArg), zUuid)) {
      *pzErr = sqlite3_mprintf("prefect: id: expected a UUID, got %Q", zArg);
      return 0;
    }
    return sqlite3_mprintf("{\"artifacts\": {\"id\": {\"any_\": [\"%s\"]}}, \"limit\": 1}", zUuid);
  }
  /* the key: JSON-quoted by SQLite's printf */
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    const char *z;
    sqlite3_str_appendall(pStr, "{\"artifacts\": {\"key\": {\"any_\": [\"");
    for (z = zArg; *z; z++) {
      if (*z == '"' || *z == '\\') sqlite3_str_appendf(pStr, "\\%c", *z);
      else if ((unsigned char)*z < 0x20) sqlite3_str_appendf(pStr, "\\u%04x", (unsigned char)*z);
      else sqlite3_str_appendchar(pStr, 1, *z);
    }
    sqlite3_str_appendall(pStr, "\"]}}}");
    return sqlite3_str_finish(pStr);
  }
}

static void prefectApiFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zRoute = (const char *)sqlite3_value_text(argv[0]);
  const char *zBody = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : 0;
  int nBody = argc > 1 ? sqlite3_value_bytes(argv[1]) : 0;
  char *zArg = 0, *zErr = 0, *zGetBody = 0;
  const Route *pRoute = route_find(zRoute, &zArg);
  sqlite3_str *pOut = 0;

  if (!pRoute) {
    zErr = sqlite3_mprintf("prefect: prefect_api: unknown route %Q", zRoute);
    goto done;
  }
  pOut = sqlite3_str_new(db);
  switch (pRoute->eKind) {
    case ROUTE_COUNT: {
      sqlite3_int64 n = api_count(db, pRoute->pColl, zBody, nBody, &zErr);
      if (n >= 0) sqlite3_str_appendf(pOut, "%lld", n);
      break;
    }
    case ROUTE_LIST:
      sqlite3_str_appendchar(pOut, 1, '[');
      if (api_objects(db, pRoute, zBody, nBody, pOut, &zErr) >= 0) sqlite3_str_appendchar(pOut, 1, ']');
      break;
    case ROUTE_PAGINATE: {
      sqlite3_int64 iLimit, iPage, nCount;
      sqlite3_str_appendall(pOut, "{\"results\":[");
      if (api_objects(db, pRoute, zBody, nBody, pOut, &zErr) < 0) break;
      nCount = api_count(db, pRoute->pColl, zBody, nBody, &zErr);
      if (nCount < 0) break;
      paginate_numbers(zBody, nBody, &iLimit, &iPage);
      sqlite3_str_appendf(pOut, "],\"count\":%lld,\"limit\":%lld,\"pages\":%lld,\"page\":%lld}", nCount, iLimit,
                          iLimit > 0 ? (nCount + iLimit - 1) / iLimit : 0, iPage);
      break;
    }
    case ROUTE_GET_ID:
    case ROUTE_GET_LATEST: {
      int n;
      zGetBody = get_body(pRoute, zArg, &zErr);
      if (!zGetBody) break;
      n = api_objects(db, pRoute, zGetBody, (int)strlen(zGetBody), pOut, &zErr);
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

int api_register(sqlite3 *db) {
  int rc = sqlite3_create_function_v2(db, "prefect_api", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0, prefectApiFunc, 0, 0, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function_v2(db, "prefect_api", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0, prefectApiFunc, 0, 0, 0);
  }
  return rc;
}
