/*
** libFuzzer targets for sqlite-prefect, over a small fixture database.
**
**   fuzz_body    arbitrary bytes as a request body
**   fuzz_struct  (-DPREFECT_FUZZ_STRUCTURED) valid bodies mutated
**                structurally: a custom mutator parses the input with
**                SQLite's JSON functions and replaces, removes or inserts
**                members with values and keys Prefect's filters know, so
**                the fuzzer spends its time deep inside the compiler
**                instead of in the JSON parser.
**
** Each input goes through every entry point: every virtual table, a
** prefect_filter() pushed down and one evaluated row by row (under OR),
** prefect_filter_sql(), prefect_api(), and the writes on `artifacts`
** (the input as data, metadata_ and every other column, and as the filter
** choosing what to delete or update), which a savepoint rolls back so that
** every input meets the same fixture. Errors are expected; crashes, leaks
** and undefined behaviour are what the sanitizers catch.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"
#include "internal.h"

int sqlite3_prefect_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

static sqlite3 *db;
#define N_QUERY 43
#define FIRST_WRITE 39  /* queries from here on change the fixture: rolled back */
static sqlite3_stmt *apQuery[N_QUERY];
static const char *const azQuery[N_QUERY] = {
  "SELECT * FROM artifacts(?1)",
  "SELECT * FROM artifact_collections(?1) ORDER BY key LIMIT 3",
  "SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, ?1) AND created > '2026'",
  "SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, ?1) OR key = 'gamma_1'",
  "SELECT count(*) FROM artifact_collections WHERE prefect_filter(artifact_collections, ?1)",
  "SELECT prefect_filter_sql('artifacts', ?1)",
  "SELECT * FROM flows(?1)",
  "SELECT * FROM flow_runs(?1) WHERE state_type IS NOT 'x' ORDER BY name LIMIT 5",
  "SELECT * FROM task_runs(?1)",
  "SELECT count(*) FROM deployments(?1)",
  "SELECT prefect_api('POST /artifacts/filter', ?1)",
  "SELECT prefect_api('POST /flows/paginate', ?1)",
  "SELECT prefect_api('POST /flow_runs/filter', ?1)",
  "SELECT prefect_api('POST /task_runs/filter', ?1)",
  "SELECT prefect_api('POST /deployments/filter', ?1)",
  "SELECT * FROM flow_run_history(?1)",
  "SELECT count(*) FROM task_run_history(?1)",
  "SELECT prefect_api('POST /flow_runs/history', ?1)",
  "SELECT prefect_api('POST /flow_runs/lateness', ?1)",
  "SELECT prefect_api('POST /task_runs/paginate', ?1)",
  "SELECT * FROM prefect_table(?1)",
  "SELECT * FROM prefect_table(json_quote(?1))",
  "SELECT * FROM logs(?1) WHERE level >= 20 ORDER BY timestamp DESC LIMIT 3",
  "SELECT count(*) FROM logs WHERE prefect_filter(logs, ?1) OR level = 50",
  "SELECT * FROM variables(?1)",
  "SELECT (SELECT count(*) FROM work_pools(?1)), (SELECT count(*) FROM work_queues(?1))",
  "SELECT prefect_api('POST /logs/filter', ?1), prefect_api('POST /api/variables/filter', ?1)",
  "SELECT prefect_api('POST /work_pools/filter', ?1), prefect_api('POST /work_queues/filter', ?1)",
  /* the ui routes: a list with its own body rules, aggregates, time buckets */
  "SELECT prefect_api('POST /ui/flow_runs/history', ?1)",
  "SELECT prefect_api('POST /ui/task_runs/count', ?1)",
  "SELECT prefect_api('POST /ui/task_runs/dashboard/counts', ?1), prefect_api('POST /api/ui/task_runs/dashboard/counts', "
  "json_object('task_runs', json_object('start_time', json_object('after_', ?1))))",
  /* the pool's sub-routes (a scope from the path, the body's filter within it) and the keyed /ui routes */
  "SELECT prefect_api('POST /work_pools/' || ?1 || '/queues/filter', ?1), "
  "prefect_api('POST /work_pools/pool/workers/filter', ?1), prefect_api('GET /work_pools/pool/queues/' || ?1)",
  "SELECT prefect_api('POST /ui/flows/next-runs', ?1), prefect_api('POST /ui/flow_runs/count-task-runs', ?1)",
  "SELECT (SELECT count(*) FROM workers(?1)), "
  "prefect_api('POST /ui/flows/count-deployments', json_object('flow_ids', json_array(?1)))",
  /* the input as a path: the router, and the GET routes' parameters */
  "SELECT prefect_api('GET /work_pools/' || ?1), prefect_api('GET /variables/name/' || ?1), "
  "prefect_api('GET /api/flow_runs/' || ?1), prefect_api(?1)",
  /* the input as a table's name for the field reference */
  "SELECT count(*), min(path) FROM prefect_fields(?1)",
  /* counted rather than stepped, and caught up with for a rowid (see Hand, vtab_collection.c) */
  "SELECT type, count(*), total(rowid) FROM artifacts(?1) GROUP BY type",
  "SELECT (SELECT count(*) FROM task_runs(?1)), (SELECT group_concat(s) FROM (SELECT DISTINCT state_type AS s "
  "FROM flow_runs(?1)))",
  /* the same bodies written for PostgreSQL */
  "SELECT prefect_filter_sql('flow_runs', ?1, 'postgresql'), prefect_filter_params('deployments', ?1, 'postgresql'), "
  "prefect_filter_sql('logs', ?1, 'postgresql'), prefect_filter_sql('work_queues', ?1, 'postgresql')",
  "INSERT INTO artifacts (key, data, metadata_) VALUES ('gamma', ?1, ?1), ('gamma', ?1, NULL)",
  "INSERT INTO artifacts (id, key, type, description, data, flow_run_id, task_run_id) "
  "VALUES (?1, ?1, ?1, ?1, json_quote(?1), ?1, ?1)",
  "UPDATE artifacts SET data = ?1, metadata_ = json_object('m', ?1), description = ?1 WHERE key IS NOT NULL",
  "DELETE FROM artifacts WHERE prefect_filter(artifacts, ?1)",
};

/* Prefect's tables (sql/schema.sql) and a few rows of every kind. */
static const char zFixture[] =
  "INSERT INTO work_pool (id, name, type) VALUES ('b0000000-0000-4000-8000-000000000001', 'pool', 'docker');"
  "INSERT INTO work_queue (id, name, work_pool_id) VALUES ('e0000000-0000-4000-8000-000000000001', 'default',"
  " 'b0000000-0000-4000-8000-000000000001');"
  "INSERT INTO worker (name, work_pool_id) VALUES ('w1', 'b0000000-0000-4000-8000-000000000001');"
  "INSERT INTO variable (id, name, value, tags) VALUES ('c0000000-0000-4000-8000-000000000001', 'v1', '\"x\"', '[\"t\"]');"
  "INSERT INTO log (id, name, level, flow_run_id, task_run_id, message, timestamp) VALUES"
  " ('90000000-0000-4000-8000-000000000001', 'prefect.flow_runs', 40, '10000000-0000-4000-8000-000000000001', NULL,"
  " 'Connection \xc3\x89" "CHEC timeout', '2026-01-01 00:00:01.000000'),"
  " ('90000000-0000-4000-8000-000000000002', 'prefect.task_runs', 20, '10000000-0000-4000-8000-000000000001',"
  " '20000000-0000-4000-8000-000000000001', 'done 100%', '2026-01-01 00:00:02.000000');"
  "INSERT INTO flow (id, name, tags) VALUES ('f0000000-0000-4000-8000-000000000001', 'etl', '[\"prod\"]');"
  "INSERT INTO deployment (id, name, flow_id, tags, work_queue_id) VALUES ('d0000000-0000-4000-8000-000000000001',"
  " 'nightly', 'f0000000-0000-4000-8000-000000000001', '[\"n\"]', 'e0000000-0000-4000-8000-000000000001');"
  "INSERT INTO flow_run (id, name, flow_id, deployment_id, state_type, state_name, tags, start_time, total_run_time,"
  " created_by) VALUES ('10000000-0000-4000-8000-000000000001', 'r1', 'f0000000-0000-4000-8000-000000000001',"
  " 'd0000000-0000-4000-8000-000000000001', 'FAILED', 'Failed', '[\"prod\", \"x\"]', '2026-01-01 00:00:00.000000',"
  " '1970-01-01 00:00:00.000000', '{\"id\": null, \"type\": \"SCHEDULE\", \"display_value\": null}'),"
  " ('10000000-0000-4000-8000-000000000002', 'r2', 'f0000000-0000-4000-8000-000000000001', NULL, NULL, NULL, '[]',"
  " NULL, '1970-01-01 00:00:00.000000', NULL);"
  "INSERT INTO task_run (id, name, flow_run_id, state_type, tags, task_key, dynamic_key, total_run_time, start_time)"
  " VALUES ('20000000-0000-4000-8000-000000000001', 't1', '10000000-0000-4000-8000-000000000001', 'COMPLETED', '[]',"
  " 'k', '0', '1970-01-01 00:00:00.000000', '2026-01-01 00:00:10.000000');"
  "INSERT INTO artifact (id, created, updated, key, type, data, metadata_, flow_run_id, task_run_id) VALUES"
  " ('a0000000-0000-4000-8000-000000000001', '2026-02-01 00:00:00.000000', '2026-02-01 00:00:00.000000', 'gamma_1',"
  " 'table', '\"[[1]]\"', 'null', '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001'),"
  " ('a0000000-0000-4000-8000-000000000002', '2026-02-02 00:00:00.000000', '2026-02-02 00:00:00.000000', NULL,"
  " NULL, 'null', 'null', '10000000-0000-4000-8000-000000000002', NULL);"
  "INSERT INTO artifact_collection (id, key, latest_id, type, data, metadata_, flow_run_id) VALUES"
  " ('c0000000-0000-4000-8000-000000000001', 'gamma_1', 'a0000000-0000-4000-8000-000000000001', 'table', '\"[[1]]\"',"
  " 'null', '10000000-0000-4000-8000-000000000001');";

static char *read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  if (!f) return 0;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = malloc(n + 1);
  if (z && fread(z, 1, n, f) != (size_t)n) { free(z); z = 0; }
  if (z) z[n] = 0;
  fclose(f);
  return z;
}

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv) {
  const char *zSchemaPath = getenv("PREFECT_SCHEMA") ? getenv("PREFECT_SCHEMA") : "sql/schema.sql";
  char *zSchema = read_file(zSchemaPath);
  char *zErr = 0;
  int i;
  (void)pArgc;
  (void)pArgv;
  if (!zSchema) { fprintf(stderr, "fuzz: cannot read %s (run from the repository root)\n", zSchemaPath); exit(2); }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_prefect_init(db, &zErr, 0) != SQLITE_OK ||
      sqlite3_exec(db, zSchema, 0, 0, &zErr) != SQLITE_OK || sqlite3_exec(db, zFixture, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "fuzz: setup: %s\n", zErr ? zErr : sqlite3_errmsg(db));
    exit(2);
  }
  free(zSchema);
  /* bound the work one input can ask for (a huge offset is fine; a
  ** pathological LIKE on big data is not what we are looking for) */
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
  for (i = 0; i < N_QUERY; i++) {
    if (sqlite3_prepare_v2(db, azQuery[i], -1, &apQuery[i], 0) != SQLITE_OK) {
      fprintf(stderr, "fuzz: %s: %s\n", azQuery[i], sqlite3_errmsg(db));
      exit(2);
    }
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData) {
  int i;
  if (nData > 200000) return 0;
  for (i = 0; i < N_QUERY; i++) {
    int n = 0;
    if (i == FIRST_WRITE) sqlite3_exec(db, "SAVEPOINT fuzz", 0, 0, 0);
    sqlite3_bind_text(apQuery[i], 1, (const char *)aData, (int)nData, SQLITE_TRANSIENT);
    while (sqlite3_step(apQuery[i]) == SQLITE_ROW && n++ < 1000) {}
    sqlite3_reset(apQuery[i]);
    sqlite3_clear_bindings(apQuery[i]);
  }
  sqlite3_exec(db, "ROLLBACK TO fuzz; RELEASE fuzz", 0, 0, 0);
  return 0;
}

#ifdef PREFECT_FUZZ_STRUCTURED
size_t LLVMFuzzerMutate(uint8_t *aData, size_t nSize, size_t nMaxSize);

/* Keys and values Prefect's filters know, and a few they do not. */
static const char *const azKey[] = {
  "artifacts", "flow_runs", "task_runs", "flows", "deployments", "work_pools", "work_pool_queues", "page",
  "sort", "limit", "offset", "operator", "startswith_", "labels",
  "id", "key", "type", "flow_run_id", "task_run_id", "latest_id", "name", "tags", "state", "start_time",
  "end_time", "expected_start_time", "next_scheduled_start_time", "deployment_id", "work_queue_name",
  "parent_flow_run_id", "parent_task_run_id", "idempotency_key", "created_by", "flow_version",
  "subflow_runs", "deployment", "paused", "flow_or_deployment_name", "concurrency_limit",
  "any_", "not_any_", "all_", "like_", "exists_", "is_null_", "before_", "after_", "eq_", "ge_", "le_",
  "id_", "type_", "startswith_", "nope",
  "logs", "variables", "work_queues", "level", "timestamp", "text", "query",
  "workers", "last_heartbeat_time", "status", "flow_ids", "flow_run_ids",
};
static const char *const azValue[] = {
  "null", "true", "false", "0", "1", "-1", "2.5", "1e300", "9223372036854775808", "\"\"", "\"%\"", "\"_\"",
  "\"yes\"", "\"or_\"", "\"and_\"", "\"FAILED\"", "\"completed\"", "\"KEY_ASC\"", "\"ID_DESC\"",
  "\"2024-01-01T00:00:00+02:00\"", "\"2024-02-30\"", "\"a0000000-0000-4000-8000-000000000001\"",
  "\"{A0000000-0000-4000-8000-000000000001}\"", "[]", "{}", "[\"prod\"]", "[null]", "[1]",
  "[\"FAILED\", \"CRASHED\"]", "[\"10000000-0000-4000-8000-000000000001\"]", "{\"any_\": []}",
  "{\"operator\": \"or_\"}", "{\"type\": {\"any_\": [\"FAILED\"]}}", "\"\\u0000\"", "[[[[[]]]]]",
  "\"TIMESTAMP_DESC\"", "\"NAME_DESC\"", "{\"query\": \"-a +b \\\"c d\\\" !e\"}", "\"\\u0130\\u03a3 -\"",
  "\"\\\"un\\\\closed\"", "{\"ge_\": 30}",
};

static sqlite3 *dbMutate;

/* Run one JSON-editing expression on the input; NULL if it did not apply. */
static char *json_edit(const char *zSql, const char *zDoc, const char *zPath, const char *zArg) {
  sqlite3_stmt *p = 0;
  char *zOut = 0;
  if (sqlite3_prepare_v2(dbMutate, zSql, -1, &p, 0) != SQLITE_OK) return 0;
  sqlite3_bind_text(p, 1, zDoc, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zPath, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 3, zArg, -1, SQLITE_STATIC);
  if (sqlite3_step(p) == SQLITE_ROW && sqlite3_column_text(p, 0)) {
    zOut = sqlite3_mprintf("%s", sqlite3_column_text(p, 0));
  }
  sqlite3_finalize(p);
  return zOut;
}

size_t LLVMFuzzerCustomMutator(uint8_t *aData, size_t nSize, size_t nMaxSize, unsigned int iSeed) {
  char *zDoc, *zPath = 0, *zOut = 0;
  sqlite3_stmt *p = 0;
  int nPath = 0, iPick, iOp;
  size_t nOut;
  srand(iSeed);
  if (!dbMutate && sqlite3_open(":memory:", &dbMutate) != SQLITE_OK) return LLVMFuzzerMutate(aData, nSize, nMaxSize);
  /* an exact copy: the input may hold NUL bytes, which "%.*s" would stop at */
  zDoc = sqlite3_malloc((int)nSize + 1);
  if (zDoc) {
    memcpy(zDoc, aData, nSize);
    zDoc[nSize] = 0;
  }
  /* not strict JSON (yet): let libFuzzer's byte mutations have a go. Only
  ** text our own reader accepts may reach SQLite's JSON functions, whose
  ** 3.40 parser misbehaves on some malformed text (see json_doc.c). */
  if (!zDoc || rand() % 8 == 0 || json_text_check(zDoc, (int)nSize, &iPick) ||
      sqlite3_prepare_v2(dbMutate, "SELECT fullkey, type FROM json_tree(?1)", -1, &p, 0)) {
    sqlite3_free(zDoc);
    return LLVMFuzzerMutate(aData, nSize, nMaxSize);
  }
  sqlite3_bind_text(p, 1, zDoc, -1, SQLITE_STATIC);
  /* reservoir-sample one node of the tree */
  while (sqlite3_step(p) == SQLITE_ROW) {
    if (rand() % (++nPath) == 0) {
      sqlite3_free(zPath);
      zPath = sqlite3_mprintf("%s\t%s", sqlite3_column_text(p, 0), sqlite3_column_text(p, 1));
    }
  }
  sqlite3_finalize(p);
  if (!zPath) {
    sqlite3_free(zDoc);
    return LLVMFuzzerMutate(aData, nSize, nMaxSize);
  }
  {
    char *zType = strchr(zPath, '\t');
    const char *zValue = azValue[rand() % (sizeof(azValue) / sizeof(azValue[0]))];
    const char *zKey = azKey[rand() % (sizeof(azKey) / sizeof(azKey[0]))];
    *zType++ = 0;
    iOp = rand() % 4;
    iPick = strcmp(zType, "object") == 0;
    if (iOp == 0) {
      zOut = json_edit("SELECT json_set(?1, ?2, json(?3))", zDoc, zPath, zValue);
    } else if (iOp == 1 && strcmp(zPath, "$") != 0) {
      zOut = json_edit("SELECT json_remove(?1, ?2)", zDoc, zPath, 0);
    } else if (iOp == 2 && iPick) {
      char *zChild = sqlite3_mprintf("%s.\"%s\"", zPath, zKey);
      zOut = json_edit("SELECT json_set(?1, ?2, json(?3))", zDoc, zChild, zValue);
      sqlite3_free(zChild);
    } else {
      /* wrap the node in an array, or an object under a known key */
      char *zWrap = sqlite3_mprintf(rand() % 2 ? "SELECT json_set(?1, ?2, json_array(json_extract(?1, ?2)))"
                                                : "SELECT json_set(?1, ?2, json_object('%s', json_extract(?1, ?2)))",
                                    zKey);
      zOut = json_edit(zWrap, zDoc, zPath, 0);
      sqlite3_free(zWrap);
    }
  }
  sqlite3_free(zPath);
  sqlite3_free(zDoc);
  if (!zOut || (nOut = strlen(zOut)) > nMaxSize) {
    sqlite3_free(zOut);
    return LLVMFuzzerMutate(aData, nSize, nMaxSize);
  }
  memcpy(aData, zOut, nOut);
  sqlite3_free(zOut);
  return nOut;
}
#endif
