/*
** prefect.c: the entry point of sqlite-prefect.
**
**   .load dist/prefect            -- sqlite3 shell (entry sqlite3_prefect_init)
**   SELECT prefect_version();
**
** Registers one eponymous virtual table per collection of describe.c and
** the SQL functions below. Registration only adds modules and functions to
** the connection: it never creates, alters or writes anything in a database.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT1

#include <string.h>

#ifndef PREFECT_COMMIT
#define PREFECT_COMMIT "unknown"
#endif
#ifndef PREFECT_BUILD_DATE
#define PREFECT_BUILD_DATE "unknown"
#endif

/* prefect_version() -> 'v0.1.0' */
static void prefectVersionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, "v" PREFECT_VERSION, -1, SQLITE_STATIC);
}

/* prefect_debug() -> version, commit, build date, SQLite versions, flags */
static void prefectDebugFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char *z;
  (void)argc;
  (void)argv;
  z = sqlite3_mprintf(
      "Version: v%s\nCommit: %s\nBuild date: %s\nSQLite (built): %s\nSQLite (running): %s\n"
      "Build flags:%s%s",
      PREFECT_VERSION, PREFECT_COMMIT, PREFECT_BUILD_DATE, SQLITE_VERSION, sqlite3_libversion(),
#ifdef SQLITE_CORE
      " static",
#else
      " loadable",
#endif
#ifdef PREFECT_VERIFY_CONSTRAINTS
      " verify-constraints"
#else
      ""
#endif
  );
  if (!z) { sqlite3_result_error_nomem(ctx); return; }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

static const CollectionDesc *collection_by_name(const char *zName) {
  int i;
  for (i = 0; zName && prefect_collections[i]; i++) {
    if (sqlite3_stricmp(prefect_collections[i]->zName, zName) == 0) return prefect_collections[i];
  }
  return 0;
}

/* The values of pQuery's placeholders, in order, as one JSON array: text
** as strings, integers as numbers. */
static char *query_params_json(const Query *pQuery) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  sqlite3_str_appendchar(pStr, 1, '[');
  for (i = 0; i < pQuery->nBind; i++) {
    const Bind *pBind = &pQuery->aBind[i];
    if (i) sqlite3_str_appendchar(pStr, 1, ',');
    if (pBind->eType == BT_INT) sqlite3_str_appendf(pStr, "%lld", pBind->i);
    else json_write_string(pStr, pBind->z ? pBind->z : "", pBind->z ? pBind->nz : 0, 0);
  }
  sqlite3_str_appendchar(pStr, 1, ']');
  if (sqlite3_str_errcode(pStr)) { sqlite3_free(sqlite3_str_finish(pStr)); return 0; }
  return sqlite3_str_finish(pStr);
}

/*
** prefect_filter_sql(table, body [, dialect]) -> the SQL statement the
** virtual table runs for that body, with ?N placeholders; with dialect
** 'postgresql', the same body's statement on Prefect's PostgreSQL schema,
** with $N placeholders (each bound as text). Prefix the SQLite one with
** EXPLAIN QUERY PLAN to see which of Prefect's indexes answers it.
** prefect_filter_params(table, body [, dialect]) -> the values to bind to
** those placeholders, in order, as a JSON array.
*/
static void filter_statement_func(sqlite3_context *ctx, int argc, sqlite3_value **argv, int bParams) {
  const CollectionDesc *pColl = collection_by_name((const char *)sqlite3_value_text(argv[0]));
  CompileEnv *pEnv = (CompileEnv *)sqlite3_user_data(ctx);
  const char *zFunc = bParams ? "prefect_filter_params" : "prefect_filter_sql";
  QueryExtras extras;
  Query query;
  char *zErr = 0;
  int rc, eDialect = DIALECT_SQLITE;
  const char *zBody = (const char *)sqlite3_value_text(argv[1]);
  const char *zDialect = argc > 2 ? (const char *)sqlite3_value_text(argv[2]) : 0;
  if ((!zBody && sqlite3_value_type(argv[1]) != SQLITE_NULL) ||
      (argc > 2 && !zDialect && sqlite3_value_type(argv[2]) != SQLITE_NULL)) {
    sqlite3_result_error_nomem(ctx);  /* a value SQLite could not give as text: not "no body" */
    return;
  }
  if (argc > 2) eDialect = dialect_by_name(zDialect);
  if (!pColl || eDialect < 0) {
    char *zMsg = !pColl ? sqlite3_mprintf("prefect: %s: unknown table %Q", zFunc, sqlite3_value_text(argv[0]))
                        : sqlite3_mprintf("prefect: %s: unknown dialect %Q, expected 'sqlite' or 'postgresql'",
                                          zFunc, zDialect);
    if (zMsg) sqlite3_result_error(ctx, zMsg, -1);
    else sqlite3_result_error_nomem(ctx);
    sqlite3_free(zMsg);
    return;
  }
  memset(&extras, 0, sizeof(extras));
  extras.eDialect = (Dialect)eDialect;
  rc = filter_compile(pEnv, pColl, zBody, sqlite3_value_bytes(argv[1]), &extras, &query, &zErr);
  if (rc == SQLITE_OK && bParams) {
    char *zParams = query_params_json(&query);
    if (zParams) sqlite3_result_text(ctx, zParams, -1, sqlite3_free);
    else sqlite3_result_error_nomem(ctx);
  } else if (rc == SQLITE_OK) {
    sqlite3_result_text(ctx, query.zSql, -1, SQLITE_TRANSIENT);
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_error(ctx, zErr ? zErr : "prefect: error", -1);
  }
  sqlite3_free(zErr);
  query_clear(&query);
}

static void prefectFilterSqlFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  filter_statement_func(ctx, argc, argv, 0);
}

static void prefectFilterParamsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  filter_statement_func(ctx, argc, argv, 1);
}

/* prefect_uuid4() -> a new random id, as Prefect makes artifact ids; for
** INSERT INTO artifacts (id, ...) VALUES (prefect_uuid4(), ...) RETURNING id,
** since RETURNING shows the values the statement gave, not the ones the
** virtual table filled in. */
static void prefectUuid4Func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char zId[37];
  (void)argc;
  (void)argv;
  prefect_uuid4_text(zId);
  sqlite3_result_text(ctx, zId, 36, SQLITE_TRANSIENT);
}

FunctionEnv *function_env_new(sqlite3 *db) {
  FunctionEnv *p = sqlite3_malloc(sizeof(*p));
  if (!p) return 0;
  memset(p, 0, sizeof(*p));
  json_parser_init(&p->env.parser, db);
  return p;
}

void function_env_release(void *pArg) {
  FunctionEnv *p = (FunctionEnv *)pArg;
  if (p && --p->nRef <= 0) {
    json_parser_close(&p->env.parser);
    query_memo_clear(&p->memo);
    if (p->env.pClock) clock_release(p->env.pClock);
    sqlite3_free(p);
  }
}

/*
** Flags, as SQLite's documentation of sqlite3_create_function asks:
** SQLITE_DETERMINISTIC only for what depends on the arguments alone;
** SQLITE_INNOCUOUS only for what reads nothing but its arguments and has no
** side effect; SQLITE_DIRECTONLY for what reads the database, so that a
** view or trigger in a schema (an attached file's, say) cannot call it.
** prefect_filter_sql's shape follows sqlite_stat1; prefect_filter checks a
** row against the database when it is not pushed down; prefect_uuid4 is
** random, like SQLite's own random(), and reads nothing.
*/
int functions_register(sqlite3 *db) {
  static const struct {
    const char *zName;
    int nArg;
    int eFlags;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  } aFunc[] = {
    {"prefect_version", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, prefectVersionFunc},
    {"prefect_debug", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, prefectDebugFunc},
    {"prefect_filter_sql", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, prefectFilterSqlFunc},
    {"prefect_filter_sql", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, prefectFilterSqlFunc},
    {"prefect_filter_params", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, prefectFilterParamsFunc},
    {"prefect_filter_params", 3, SQLITE_UTF8 | SQLITE_DIRECTONLY, prefectFilterParamsFunc},
    {"prefect_filter", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, prefect_filter_row_func},
    {"prefect_uuid4", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, prefectUuid4Func},
  };
  size_t i;
  int rc = SQLITE_OK;
  for (i = 0; i < sizeof(aFunc) / sizeof(aFunc[0]) && rc == SQLITE_OK; i++) {
    if (aFunc[i].xFunc == prefectFilterSqlFunc || aFunc[i].xFunc == prefectFilterParamsFunc) {
      /* the statistics it reads are kept for the connection, like a table's */
      FunctionEnv *pEnv = function_env_new(db);
      if (!pEnv) return SQLITE_NOMEM;
      pEnv->nRef = 1;
      rc = sqlite3_create_function_v2(db, aFunc[i].zName, aFunc[i].nArg, aFunc[i].eFlags, pEnv,
                                      aFunc[i].xFunc, 0, 0, function_env_release);
    } else {
      rc = sqlite3_create_function_v2(db, aFunc[i].zName, aFunc[i].nArg, aFunc[i].eFlags, 0,
                                      aFunc[i].xFunc, 0, 0, 0);
    }
  }
  return rc;
}

/* The message that refuses a SQLite older than we support, or NULL. */
char *prefect_sqlite_version_error(int iVersion, const char *zVersion) {
  if (iVersion >= PREFECT_MIN_SQLITE) return 0;
  return sqlite3_mprintf("prefect: needs SQLite 3.38.0 or newer (sqlite3_vtab_in, LIMIT/OFFSET "
                         "constraints), this is %s", zVersion);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_prefect_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  int rc, i;
  Clock *pClock;
  SQLITE_EXTENSION_INIT2(pApi);
  /* the running library, not the headers we were built with, decides */
  *pzErrMsg = prefect_sqlite_version_error(sqlite3_libversion_number(), sqlite3_libversion());
  if (*pzErrMsg) return SQLITE_ERROR;
  /* one clock per connection, shared by what reads "now"; each
  ** registration holds a reference and the last release frees it */
  pClock = clock_new();
  if (!pClock) return SQLITE_NOMEM;
  pClock->nRef = 1;  /* ours, until registration is done */
  rc = functions_register(db);
  if (rc == SQLITE_OK) rc = clock_register(db, pClock);
  if (rc == SQLITE_OK) rc = api_register(db, pClock);
  if (rc == SQLITE_OK) rc = vtab_history_register(db, pClock);
  clock_release(pClock);
  if (rc == SQLITE_OK) rc = vtab_table_register(db);
  if (rc == SQLITE_OK) rc = vtab_run_tree_register(db);
  if (rc == SQLITE_OK) rc = vtab_fields_register(db);
  for (i = 0; prefect_collections[i] && rc == SQLITE_OK; i++) {
    rc = vtab_collection_register(db, prefect_collections[i]);
  }
  if (rc != SQLITE_OK) {
    *pzErrMsg = sqlite3_mprintf("prefect: registration failed: %s", sqlite3_errmsg(db));
  }
  return rc;
}
