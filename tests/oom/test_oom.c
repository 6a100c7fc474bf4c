/*
** test_oom.c: out of memory, SQLite's own discipline (test/malloc*.test and
** faultsim in SQLite's test suite): every allocation a statement makes is
** made to fail in turn.
**
** A SQLITE_CONFIG_MALLOC wrapper, installed before sqlite3_initialize(),
** counts the allocations (xMalloc and xRealloc) made while it is armed and
** fails the Nth ("transient"), or the Nth and every one after it
** ("persistent"). For each statement below, N = 1, 2, 3, ... until a run
** injects no failure: the allocations of that whole run are the
** statement's allocation points. Every run must:
**
**   - not crash (the ASan and valgrind runs of `make test-oom`);
**   - leak nothing: the allocations alive before the run are alive after it,
**     and no prepared statement outlives the virtual tables (a write's
**     connection is closed with sqlite3_close(), not _v2);
**   - either succeed with the rows of an unarmed run, or fail with
**     SQLITE_NOMEM and a message that says so ("out of memory"), never a
**     leftover sqlite3_errmsg() of an earlier statement; a statement whose
**     unarmed run fails may also fail that way;
**   - not lose the user's transaction silently: reads run inside a
**     transaction that has written, and SQLite rolls a transaction back on
**     its own only with SQLITE_NOMEM (and I/O errors, interrupts), which must
**     then be the statement's error;
**   - after a failed write, leave artifact and artifact_collection (and the
**     state rows a delete touches) byte for byte as they were: a dump of
**     every row and value is compared;
**   - leave the connection working: the statement, run again unarmed on the
**     same connection (its caches, memo and prepared statements included),
**     gives the unarmed answer.
**
** The fixture (tests/sql/fixture.sql over sql/schema.sql, plus state rows,
** a deployment schedule, logs, variables, a worker and statistics) is made
** once in memory and deserialised into each connection. A write gets a new
** connection for every run; the reads of a statement share one, on which the extension's
** modules are registered again between runs, so that every run meets new
** virtual tables (see connection_reset). Connections are opened, loaded and
** set up before the counter is armed; only the statement under test runs
** armed. "Now" is pinned wherever an answer reads it (PIN_NOW, and the
** history tables' own clock), so that every run can be compared with the
** unarmed one. Prints one line per statement and "oom: N passed, N failed".
**
**   dist/test_oom [-j jobs] [-s stride] [-t | -p] [name-substring]
**
** -j runs the statements in that many processes; -s tests every Kth
** allocation only (N = i, i + K, ...: the slow sanitizer runs); -t and -p
** only the transient or the persistent failures; a name substring picks
** statements. For debugging: -n N runs one N, -e prints the unarmed
** answers, -v says more.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sqlite3.h"
#include "internal.h"

int sqlite3_prefect_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* ---- the failing allocator ------------------------------------------------ */

static sqlite3_mem_methods gOrig;   /* SQLite's own allocator, wrapped */
static struct {
  int bArmed;
  int bPersist;          /* fail every allocation from the Nth on */
  long iFailAt;          /* N: the allocation that fails */
  long nSeen;            /* allocations asked for while armed */
  long nFailed;          /* failures injected */
  long nLive;            /* allocations alive (armed or not) */
} gFault;

static int fault_fires(void) {
  if (!gFault.bArmed) return 0;
  gFault.nSeen++;
  if (gFault.nSeen == gFault.iFailAt || (gFault.bPersist && gFault.nSeen > gFault.iFailAt)) {
    gFault.nFailed++;
    return 1;
  }
  return 0;
}

static void *fault_malloc(int n) {
  void *p;
  if (fault_fires()) return 0;
  p = gOrig.xMalloc(n);
  if (p) gFault.nLive++;
  return p;
}

static void fault_free(void *p) {
  if (p) gFault.nLive--;
  gOrig.xFree(p);
}

static void *fault_realloc(void *p, int n) {
  if (fault_fires()) return 0;
  return gOrig.xRealloc(p, n);
}

static int fault_size(void *p) { return gOrig.xSize(p); }
static int fault_roundup(int n) { return gOrig.xRoundup(n); }
static int fault_init(void *p) { return gOrig.xInit(p); }
static void fault_shutdown(void *p) { gOrig.xShutdown(p); }

static void fault_install(void) {
  static sqlite3_mem_methods m;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &gOrig);
  m = gOrig;
  m.xMalloc = fault_malloc;
  m.xFree = fault_free;
  m.xRealloc = fault_realloc;
  m.xSize = fault_size;
  m.xRoundup = fault_roundup;
  m.xInit = fault_init;
  m.xShutdown = fault_shutdown;
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
    fprintf(stderr, "test_oom: SQLITE_CONFIG_MALLOC refused (called after sqlite3_initialize?)\n");
    exit(2);
  }
}

static void fault_arm(long iFailAt, int bPersist) {
  gFault.iFailAt = iFailAt;
  gFault.bPersist = bPersist;
  gFault.nSeen = 0;
  gFault.nFailed = 0;
  gFault.bArmed = 1;
}

static void fault_disarm(void) {
  gFault.bArmed = 0;
}

/* ---- text buffers (libc: never counted, never failed) ----------------------- */

typedef struct Buf {
  char *z;
  size_t n, nAlloc;
} Buf;

static void buf_append(Buf *p, const char *z, size_t n) {
  if (p->n + n + 1 > p->nAlloc) {
    size_t nNew = (p->nAlloc ? p->nAlloc * 2 : 256) + n;
    p->z = realloc(p->z, nNew);
    if (!p->z) { fprintf(stderr, "test_oom: out of (real) memory\n"); exit(2); }
    p->nAlloc = nNew;
  }
  memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

static void buf_printf(Buf *p, const char *zFormat, ...) {
  char a[512];
  va_list ap;
  int n;
  va_start(ap, zFormat);
  n = vsnprintf(a, sizeof(a), zFormat, ap);
  va_end(ap);
  buf_append(p, a, n < (int)sizeof(a) ? (size_t)n : sizeof(a) - 1);
}

static void buf_reset(Buf *p) {
  p->n = 0;
  if (p->z) p->z[0] = 0;
}

static void buf_free(Buf *p) {
  free(p->z);
  memset(p, 0, sizeof(*p));
}

static const char *buf_text(const Buf *p) {
  return p->z ? p->z : "";
}

/* ---- running SQL --------------------------------------------------------- */

/* What a run of some SQL gave: its rows, or its error. */
typedef struct Outcome {
  int rc;             /* SQLITE_OK, or the (extended) error code */
  Buf rows;           /* every row of every statement, typed */
  Buf msg;            /* sqlite3_errmsg() right after the failure */
} Outcome;

static void outcome_reset(Outcome *p) {
  p->rc = SQLITE_OK;
  buf_reset(&p->rows);
  buf_reset(&p->msg);
}

static void outcome_free(Outcome *p) {
  buf_free(&p->rows);
  buf_free(&p->msg);
}

/* One value, with its type, exactly: a dump compares bytes, not renderings. */
static int append_value(Outcome *pOut, sqlite3_stmt *pStmt, int i) {
  sqlite3 *db = sqlite3_db_handle(pStmt);
  switch (sqlite3_column_type(pStmt, i)) {
    case SQLITE_NULL: buf_append(&pOut->rows, "NULL", 4); break;
    case SQLITE_INTEGER: buf_printf(&pOut->rows, "%lld", sqlite3_column_int64(pStmt, i)); break;
    case SQLITE_FLOAT: {
      double r = sqlite3_column_double(pStmt, i);
      unsigned char a[sizeof(double)];
      size_t k;
      memcpy(a, &r, sizeof(r));
      buf_append(&pOut->rows, "f:", 2);
      for (k = 0; k < sizeof(a); k++) buf_printf(&pOut->rows, "%02x", a[k]);
      break;
    }
    case SQLITE_TEXT: {
      const unsigned char *z = sqlite3_column_text(pStmt, i);
      if (!z) return sqlite3_errcode(db) ? sqlite3_errcode(db) : SQLITE_NOMEM;
      buf_append(&pOut->rows, "'", 1);
      buf_append(&pOut->rows, (const char *)z, (size_t)sqlite3_column_bytes(pStmt, i));
      buf_append(&pOut->rows, "'", 1);
      break;
    }
    default: {
      const unsigned char *z = sqlite3_column_blob(pStmt, i);
      int n = sqlite3_column_bytes(pStmt, i), k;
      if (!z && n > 0) return SQLITE_NOMEM;
      buf_append(&pOut->rows, "x'", 2);
      for (k = 0; k < n; k++) buf_printf(&pOut->rows, "%02x", z[k]);
      buf_append(&pOut->rows, "'", 1);
      break;
    }
  }
  return SQLITE_OK;
}

/* Run every statement of zSql, collecting rows; stops at the first error. */
static void run_sql(sqlite3 *db, const char *zSql, Outcome *pOut) {
  const char *zTail = zSql;
  outcome_reset(pOut);
  while (zTail && *zTail) {
    sqlite3_stmt *pStmt = 0;
    const char *zNext = 0;
    int rc = sqlite3_prepare_v2(db, zTail, -1, &pStmt, &zNext);
    if (rc == SQLITE_OK && pStmt) {
      while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
        int i, n = sqlite3_column_count(pStmt);
        for (i = 0; i < n && rc == SQLITE_ROW; i++) {
          int rcValue;
          if (i) buf_append(&pOut->rows, "|", 1);
          rcValue = append_value(pOut, pStmt, i);
          if (rcValue != SQLITE_OK) rc = rcValue;
        }
        if (rc != SQLITE_ROW) break;
        buf_append(&pOut->rows, "\n", 1);
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      const char *zMsg = sqlite3_errmsg(db);
      /* the code the statement returned; the message the connection has now */
      int rcExtended = sqlite3_extended_errcode(db);
      pOut->rc = (rcExtended & 0xff) == (rc & 0xff) ? rcExtended : rc;
      buf_append(&pOut->msg, zMsg ? zMsg : "(null)", strlen(zMsg ? zMsg : "(null)"));
      sqlite3_finalize(pStmt);
      return;
    }
    sqlite3_finalize(pStmt);
    zTail = zNext;
  }
}

/* Unarmed SQL that must work (setup, checks, dumps). */
static void exec_or_die(sqlite3 *db, const char *zSql, const char *zWhy) {
  char *zErr = 0;
  if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "test_oom: %s: %s\n  in: %s\n", zWhy, zErr ? zErr : "?", zSql);
    exit(2);
  }
}

/* ---- the fixture ------------------------------------------------------------ */

static unsigned char *gImage;       /* the fixture database, serialised */
static sqlite3_int64 gImageSize;

static char *read_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  if (!f) { fprintf(stderr, "test_oom: cannot open %s (run from the repository root)\n", zPath); exit(2); }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = malloc((size_t)n + 1);
  if (!z || fread(z, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "test_oom: cannot read %s\n", zPath); exit(2); }
  z[n] = 0;
  fclose(f);
  return z;
}

/* State rows that name artifacts (a DELETE clears the link when foreign
** keys are off) and give run 01 a current state whose data comes from its
** result artifact (prefect_api renders it); a deployment schedule (a
** Prefect file has that table, sql/schema.sql does not); ANALYZE, so that
** the compiler reads sqlite_stat1. */
static const char zFixtureExtra[] =
  "INSERT INTO flow_run_state (id, type, timestamp, name, state_details, data, flow_run_id, result_artifact_id) VALUES "
  " ('50000000-0000-4000-8000-000000000001', 'COMPLETED', '2026-01-01 00:05:00.000000', 'Completed', "
  "  '{\"flow_run_id\": \"10000000-0000-4000-8000-000000000001\"}', NULL, '10000000-0000-4000-8000-000000000001', "
  "  'a0000000-0000-4000-8000-000000000004'),"
  " ('50000000-0000-4000-8000-000000000002', 'FAILED', '2026-01-02 00:10:00.000000', 'Failed', '{}', '\"boom\"', "
  "  '10000000-0000-4000-8000-000000000002', NULL);"
  "UPDATE flow_run SET state_id = '50000000-0000-4000-8000-000000000001', "
  "  state_timestamp = '2026-01-01 00:05:00.000000' WHERE id = '10000000-0000-4000-8000-000000000001';"
  "UPDATE flow_run SET state_id = '50000000-0000-4000-8000-000000000002', "
  "  state_timestamp = '2026-01-02 00:10:00.000000' WHERE id = '10000000-0000-4000-8000-000000000002';"
  "INSERT INTO task_run_state (id, type, timestamp, name, task_run_id, result_artifact_id) VALUES "
  " ('60000000-0000-4000-8000-000000000001', 'COMPLETED', '2026-01-01 00:02:00.000000', 'Completed', "
  "  '20000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004');"
  "CREATE TABLE deployment_schedule (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME NOT NULL, "
  "  updated DATETIME NOT NULL, schedule JSON NOT NULL, active BOOLEAN NOT NULL, deployment_id CHAR(36) NOT NULL, "
  "  max_scheduled_runs INTEGER, parameters JSON DEFAULT '{}' NOT NULL, slug VARCHAR);"
  "INSERT INTO deployment_schedule VALUES ('70000000-0000-4000-8000-000000000001', '2025-12-05 00:00:00.000000', "
  "  '2025-12-05 00:00:00.000000', '{\"interval\": 3600.0, \"anchor_date\": \"2025-12-05T00:00:00Z\"}', 1, "
  "  'd0000000-0000-4000-8000-000000000001', NULL, '{}', NULL);"
  /* the logs, variables and workers tables and routes read these */
  "INSERT INTO log (id, created, updated, name, level, flow_run_id, task_run_id, message, timestamp) VALUES "
  " ('c2000000-0000-4000-8000-000000000001', '2026-01-01 00:00:01.000000', '2026-01-01 00:00:01.000000', "
  "  'prefect.flow_runs', 20, '10000000-0000-4000-8000-000000000001', NULL, 'Beginning', "
  "  '2026-01-01 00:00:01.000000'),"
  " ('c2000000-0000-4000-8000-000000000002', '2026-01-01 00:00:02.000000', '2026-01-01 00:00:02.000000', "
  "  'prefect.task_runs', 40, '10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', "
  "  'Boom', '2026-01-01 00:00:00.500000');"
  "INSERT INTO variable (id, created, updated, name, value, tags) VALUES "
  " ('c1000000-0000-4000-8000-000000000001', '2026-03-01 00:00:00.000000', '2026-03-02 00:00:00.250000', "
  "  'batch_size', '500', '[\"etl\"]'),"
  " ('c1000000-0000-4000-8000-000000000002', '2026-03-01 00:00:02.000000', '2026-03-01 00:00:02.000000', "
  "  'conf', '{\"a\": [1, 2.5, null]}', '[\"etl\", \"prod\"]');"
  "INSERT INTO worker (id, created, updated, name, work_pool_id, last_heartbeat_time, heartbeat_interval_seconds, "
  "  status) VALUES "
  " ('90000000-0000-4000-8000-000000000001', '2026-01-09 10:00:00.000000', '2026-01-09 10:00:00.000000', "
  "  'test-worker', 'b0000000-0000-4000-8000-000000000001', '2026-01-09 23:59:00.000000', 60, 'ONLINE');"
  "ANALYZE;"
  /* the rows the compiler's choices use (ids, and the runs per deployment,
  ** flow, flow run): reading 72 would only make each run slower */
  "DELETE FROM sqlite_stat1 WHERE idx NOT LIKE 'sqlite_autoindex_%' AND idx NOT LIKE '%\\_\\_deployment_id' ESCAPE '\\' "
  "  AND idx NOT LIKE '%\\_\\_flow_id' ESCAPE '\\' AND idx NOT LIKE '%\\_\\_flow_run_id' ESCAPE '\\';";

static void fixture_make(void) {
  sqlite3 *db = 0;
  char *zSchema = read_file("sql/schema.sql");
  char *zFixture = read_file("tests/sql/fixture.sql");
  char *z;
  /* the fixture's only dot-command is ".read sql/schema.sql": run the SQL around it */
  for (z = zFixture; *z; ) {
    char *zEol = strchr(z, '\n');
    if (*z == '.') memset(z, ' ', zEol ? (size_t)(zEol - z) : strlen(z));
    if (!zEol) break;
    z = zEol + 1;
  }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) { fprintf(stderr, "test_oom: open\n"); exit(2); }
  exec_or_die(db, zSchema, "sql/schema.sql");
  exec_or_die(db, zFixture, "tests/sql/fixture.sql");
  exec_or_die(db, zFixtureExtra, "fixture extras");
  gImage = sqlite3_serialize(db, "main", &gImageSize, 0);
  if (!gImage) { fprintf(stderr, "test_oom: sqlite3_serialize failed\n"); exit(2); }
  sqlite3_close(db);
  free(zSchema);
  free(zFixture);
}

/* "now" for the history tables: the instant PIN_NOW pins for prefect_api()
** (2026-01-10T00:00:00Z), in microseconds since the epoch. */
#define TEST_NOW_US (1768003200LL * 1000000)

/* flow_run_history() and task_run_history() registered again, on a clock of
** their own pinned at TEST_NOW_US (a module registered again disconnects
** its old tables, and the tables take their clock at registration): their
** answers must not depend on the wall clock. */
static void history_register(sqlite3 *db) {
  Clock *pClock = clock_new();
  if (!pClock) { fprintf(stderr, "test_oom: no memory for a clock\n"); exit(2); }
  pClock->nRef = 1;  /* ours, until the registration holds it */
  pClock->bPinned = 1;
  pClock->iPinned = TEST_NOW_US;
  if (vtab_history_register(db, pClock) != SQLITE_OK) { fprintf(stderr, "test_oom: history tables\n"); exit(2); }
  clock_release(pClock);
}

/* A new connection on a private copy of the fixture, the extension registered. */
static sqlite3 *fixture_open(void) {
  sqlite3 *db = 0;
  unsigned char *aCopy;
  char *zErr = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) { fprintf(stderr, "test_oom: open\n"); exit(2); }
  aCopy = sqlite3_malloc64((sqlite3_uint64)gImageSize);
  if (!aCopy) { fprintf(stderr, "test_oom: no memory for the fixture\n"); exit(2); }
  memcpy(aCopy, gImage, (size_t)gImageSize);
  if (sqlite3_deserialize(db, "main", aCopy, gImageSize, gImageSize,
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
    fprintf(stderr, "test_oom: sqlite3_deserialize: %s\n", sqlite3_errmsg(db));
    exit(2);
  }
  if (sqlite3_prefect_init(db, &zErr, 0) != SQLITE_OK) {
    fprintf(stderr, "test_oom: sqlite3_prefect_init: %s\n", zErr ? zErr : "?");
    exit(2);
  }
  history_register(db);
  /* the schema is read now, not by the statement under test: its thousands
  ** of allocations are SQLite's, tested by SQLite */
  exec_or_die(db, "SELECT count(*) FROM sqlite_schema", "reading the schema");
  return db;
}

/* Every row and value of the tables a write may touch, typed, by rowid. */
static void dump_tables(sqlite3 *db, Buf *pOut) {
  static const char *const azTable[] = {"artifact", "artifact_collection", "flow_run_state", "task_run_state", 0};
  Outcome o;
  int i;
  memset(&o, 0, sizeof(o));
  buf_reset(pOut);
  for (i = 0; azTable[i]; i++) {
    char *zSql = sqlite3_mprintf("SELECT rowid, * FROM \"%w\" ORDER BY rowid", azTable[i]);
    run_sql(db, zSql, &o);
    sqlite3_free(zSql);
    if (o.rc != SQLITE_OK) {
      fprintf(stderr, "test_oom: dump of %s: %s\n", azTable[i], buf_text(&o.msg));
      exit(2);
    }
    buf_printf(pOut, "-- %s\n", azTable[i]);
    buf_append(pOut, buf_text(&o.rows), o.rows.n);
  }
  outcome_free(&o);
}

/* ---- the statements --------------------------------------------------------- */

typedef struct Case {
  const char *zName;
  const char *zSetup;   /* unarmed, on the fresh connection, before the statement */
  const char *zSql;     /* armed: the statement under test */
  const char *zCheck;   /* writes: unarmed after success, rows that must match */
  int bWrite;           /* the tables must be unchanged after a failure */
} Case;

/* Bodies, as SQL string literals. */
#define ID(n) "a0000000-0000-4000-8000-0000000000" #n
#define RUN(n) "10000000-0000-4000-8000-0000000000" #n

#define BODY_ARTIFACTS \
  "'{\"artifacts\": {\"key\": {\"like_\": \"or\", \"any_\": [\"orders-report\", \"ml-table\"]}, " \
  "\"type\": {\"not_any_\": [\"result\"]}, \"flow_run_id\": {\"any_\": [\"" RUN(01) "\", \"" RUN(02) "\"]}}, " \
  "\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\", \"FAILED\"]}}, \"tags\": {\"all_\": [\"prod\"]}}, " \
  "\"flows\": {\"name\": {\"any_\": [\"etl\"]}}, \"deployments\": {\"paused\": {\"eq_\": false}}, " \
  "\"task_runs\": {\"name\": {\"like_\": \"r\"}}, \"sort\": \"KEY_ASC\", \"limit\": 5, \"offset\": 0}'"
#define BODY_COLLECTIONS \
  "'{\"artifacts\": {\"operator\": \"or_\", \"latest_id\": {\"any_\": [\"" ID(02) "\"]}, " \
  "\"key\": {\"exists_\": true, \"like_\": \"ml\"}, \"type\": {\"any_\": [\"table\", \"link\"]}}, " \
  "\"flow_runs\": {\"name\": {\"any_\": [\"run-one\", \"run-two\", \"Run-Four\"]}}, \"sort\": \"UPDATED_DESC\", " \
  "\"limit\": 10}'"
#define BODY_FLOWS \
  "'{\"flows\": {\"tags\": {\"all_\": [\"prod\"]}, \"name\": {\"like_\": \"t\"}}, " \
  "\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\", \"FAILED\"]}}}, " \
  "\"task_runs\": {\"tags\": {\"all_\": [\"io\"]}}, \"deployments\": {\"tags\": {\"any_\": [\"nightly\"]}}, " \
  "\"work_pools\": {\"type\": {\"any_\": [\"docker\"]}}, \"sort\": \"NAME_DESC\", \"limit\": 2, \"page\": 1}'"
#define BODY_FLOW_RUNS \
  "'{\"flow_runs\": {\"start_time\": {\"after_\": \"2025-12-31T23:00:00-01:00\", \"before_\": 1800000000}, " \
  "\"tags\": {\"any_\": [\"prod\", \"dev\"]}, \"state\": {\"name\": {\"any_\": [\"Completed\", \"Failed\"]}}}, " \
  "\"deployments\": {\"name\": {\"any_\": [\"etl-nightly\"]}}, \"work_pools\": {\"name\": {\"any_\": [\"p-docker\"]}}, " \
  "\"work_pool_queues\": {\"name\": {\"startswith_\": [\"def\"]}}, \"flows\": {\"name\": {\"any_\": [\"etl\"]}}, " \
  "\"task_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\", \"FAILED\"]}}}, " \
  "\"sort\": \"START_TIME_DESC\", \"limit\": 3, \"offset\": 0}'"
#define BODY_TASK_RUNS \
  "'{\"task_runs\": {\"flow_run_id\": {\"any_\": [\"" RUN(01) "\", \"" RUN(02) "\"]}, " \
  "\"subflow_runs\": {\"exists_\": false}, \"name\": {\"like_\": \"t\"}}, " \
  "\"flow_runs\": {\"tags\": {\"all_\": [\"prod\"]}}, \"flows\": {\"name\": {\"any_\": [\"etl\"]}}, " \
  "\"deployments\": {\"id\": {\"any_\": [\"d0000000-0000-4000-8000-000000000001\"]}}, " \
  "\"sort\": \"NAME_ASC\", \"limit\": 2}'"
#define BODY_DEPLOYMENTS \
  "'{\"deployments\": {\"flow_or_deployment_name\": {\"like_\": \"e\"}, \"paused\": {\"eq_\": false}, " \
  "\"concurrency_limit\": {\"ge_\": 1}}, \"flows\": {\"name\": {\"any_\": [\"etl\", \"ml-Train\"]}}, " \
  "\"flow_runs\": {\"name\": {\"any_\": [\"run-one\"]}}, \"task_runs\": {\"name\": {\"any_\": [\"extract\"]}}, " \
  "\"work_pools\": {\"type\": {\"any_\": [\"docker\", \"kubernetes\"]}}, \"sort\": \"CREATED_DESC\", \"limit\": 5}'"

/* The history routes' and tables' body: a day and a half in 12-hour
** intervals over the fixture's runs. */
#define BODY_HISTORY \
  "'{\"history_start\": \"2026-01-01T00:00:00Z\", \"history_end\": \"2026-01-03T12:00:00Z\", " \
  "\"history_interval_seconds\": 43200, \"flow_runs\": {\"name\": {\"like_\": \"run\"}}}'"

/* "now", for the statements whose answer reads it: the same in every run
** (TEST_NOW_US, the history tables' "now") */
#define PIN_NOW "SELECT prefect_set_now('2026-01-10T00:00:00Z')"

/* rows a write leaves, without the columns that hold the clock or a random id
** (a collection's created is the fixture's, or the clock's for a new key) */
#define WRITE_CHECK \
  "SELECT id, \"key\", type, description, data, metadata_, flow_run_id, task_run_id FROM artifact ORDER BY id;" \
  "SELECT \"key\", latest_id, type, description, data, metadata_, flow_run_id, task_run_id, " \
  "       CASE WHEN created LIKE '2026-02-__ 01:00:00.000000' THEN created ELSE 'now' END " \
  "  FROM artifact_collection ORDER BY \"key\";" \
  "SELECT id, result_artifact_id FROM flow_run_state ORDER BY id;" \
  "SELECT id, result_artifact_id FROM task_run_state ORDER BY id"

static const Case aCase[] = {
  /* the compiler, through prefect_filter_sql() */
  {"compile artifacts", 0, "SELECT prefect_filter_sql('artifacts', " BODY_ARTIFACTS ")", 0, 0},
  {"compile artifact_collections", 0,
   "SELECT prefect_filter_sql('artifact_collections', " BODY_COLLECTIONS ")", 0, 0},
  {"compile flows", 0, "SELECT prefect_filter_sql('flows', " BODY_FLOWS ")", 0, 0},
  {"compile flow_runs", 0, "SELECT prefect_filter_sql('flow_runs', " BODY_FLOW_RUNS ")", 0, 0},
  {"compile task_runs", 0, "SELECT prefect_filter_sql('task_runs', " BODY_TASK_RUNS ")", 0, 0},
  {"compile deployments", 0, "SELECT prefect_filter_sql('deployments', " BODY_DEPLOYMENTS ")", 0, 0},
  {"compile a bad body", 0,
   "SELECT prefect_filter_sql('flow_runs', '{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\", "
   "\"x\"]}}}}')", 0, 0},

  /* each virtual table with a body */
  {"artifacts body", 0, "SELECT * FROM artifacts(" BODY_ARTIFACTS ")", 0, 0},
  {"artifact_collections body", 0, "SELECT * FROM artifact_collections(" BODY_COLLECTIONS ")", 0, 0},
  {"flows body", 0, "SELECT * FROM flows(" BODY_FLOWS ")", 0, 0},
  {"flow_runs body", 0, "SELECT * FROM flow_runs(" BODY_FLOW_RUNS ")", 0, 0},
  {"task_runs body", 0, "SELECT * FROM task_runs(" BODY_TASK_RUNS ")", 0, 0},
  {"deployments body", 0, "SELECT * FROM deployments(" BODY_DEPLOYMENTS ")", 0, 0},
  {"artifacts bad body", 0,
   "SELECT count(*) FROM artifacts('{\"artifacts\": {\"key\": {\"like_\": 42}}}')", 0, 0},

  /* ... with SQL constraints, ORDER BY and LIMIT pushed down (IN lists, LIKE, ranges) */
  {"artifacts pushed down", 0,
   "SELECT id, key, type FROM artifacts('{\"flow_runs\": {\"tags\": {\"any_\": [\"prod\"]}}, \"sort\": \"CREATED_DESC\", "
   "\"limit\": 8}') WHERE type IN ('markdown', 'table', 3) AND key LIKE '%r%' AND created >= '2026-02-01' "
   "AND description IS NOT NULL ORDER BY key DESC, id LIMIT 3 OFFSET 1", 0, 0},
  {"artifact_collections pushed down", 0,
   "SELECT key, latest_id FROM artifact_collections WHERE key IN ('ml-table', 'gamma_1', 'dangling') "
   "AND updated > '2026-01-01' ORDER BY updated DESC LIMIT 2", 0, 0},
  {"flows pushed down", 0,
   "SELECT name FROM flows('{\"flow_runs\": {}}') WHERE id != 'f0000000-0000-4000-8000-000000000003' "
   "AND name GLOB '*' ORDER BY created LIMIT 5", 0, 0},
  {"flow_runs pushed down", 0,
   "SELECT name, state_type FROM flow_runs WHERE state_type IN ('COMPLETED', 'FAILED', 'CRASHED') "
   "AND start_time < '2026-01-05' AND deployment_id IS NOT NULL ORDER BY start_time DESC LIMIT 2 OFFSET 0", 0, 0},
  {"task_runs pushed down", 0,
   "SELECT t.name, r.name FROM task_runs('{\"task_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\", "
   "\"FAILED\"]}}}}') AS t JOIN flow_runs AS r ON r.id = t.flow_run_id WHERE t.name > 'a' ORDER BY t.name", 0, 0},
  {"deployments pushed down", 0,
   "SELECT name FROM deployments WHERE paused IS 0 AND name LIKE 'etl%' AND work_queue_id IN "
   "(SELECT id FROM work_queue) ORDER BY name LIMIT 1", 0, 0},
  {"artifacts pushed down, warm caches", "SELECT id FROM artifacts WHERE key = 'orders-report' ORDER BY id LIMIT 5",
   "SELECT id FROM artifacts WHERE key = 'orders-report' ORDER BY id LIMIT 5", 0, 0},

  /* prefect_filter(): pushed down, row by row inside an OR, in an aggregate FILTER */
  {"prefect_filter pushed down", 0,
   "SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{\"flow_runs\": {\"state\": {\"type\": "
   "{\"any_\": [\"COMPLETED\"]}}}}') AND prefect_filter(artifacts, '{\"artifacts\": {\"type\": {\"any_\": "
   "[\"markdown\", \"table\"]}}}')", 0, 0},
  {"prefect_filter in OR", 0,
   "SELECT id FROM artifacts WHERE key = 'dangling' OR prefect_filter(artifacts, '{\"task_runs\": {\"name\": "
   "{\"any_\": [\"extract\"]}}}') ORDER BY id", 0, 0},
  {"prefect_filter row by row", 0,
   "SELECT id, prefect_filter(artifacts, '{\"task_runs\": {\"name\": {\"any_\": [\"extract\"]}}}') "
   "FROM artifacts WHERE NOT prefect_filter(artifacts, '{\"flow_runs\": {}}') ORDER BY id", 0, 0},
  {"prefect_filter in FILTER", 0,
   "SELECT type, count(*) FILTER (WHERE prefect_filter(artifacts, '{\"flow_runs\": {\"tags\": {\"all_\": "
   "[\"prod\"]}}}')), count(*) FROM artifacts GROUP BY type ORDER BY type", 0, 0},
  /* counted rather than stepped (see Hand, vtab_collection.c), and caught up with for a rowid */
  {"counted tables", 0,
   "SELECT (SELECT count(*) FROM artifacts(" BODY_ARTIFACTS ")), (SELECT count(*) FROM flow_runs), "
   "(SELECT group_concat(t || ':' || n) FROM (SELECT type AS t, count(*) AS n FROM artifacts GROUP BY type)), "
   "(SELECT group_concat(state_type) FROM (SELECT DISTINCT state_type FROM flow_runs ORDER BY 1))", 0, 0},
  {"counted tables caught up with", 0,
   "SELECT (SELECT total(rowid) FROM artifacts), "
   "(SELECT group_concat(t || ':' || n) FROM (SELECT type AS t, count(*) AS n, total(rowid) AS r FROM artifacts "
   "GROUP BY type ORDER BY type))", 0, 0},
  {"held counts, one per outer row", 0,
   "SELECT group_concat(n) FROM (SELECT (SELECT count(*) FROM flow_runs AS r WHERE r.flow_id = f.id) || ':' || "
   "(SELECT total(rowid) FROM flow_runs AS r WHERE r.flow_id = f.id) AS n FROM flow AS f ORDER BY f.id)", 0, 0},
  {"prefect_filter bad document", 0,
   "SELECT count(*) FROM artifacts WHERE prefect_filter(artifacts, '{\"sort\": \"ID_DESC\"}')", 0, 0},
  {"prefect_filter row by row, bad document", 0,
   "SELECT count(*) FROM artifacts WHERE NOT prefect_filter(artifacts, '{\"flows\": {\"name\": "
   "{\"any_\": [1]}}}')", 0, 0},

  /* prefect_table(): every shape; prefect_run_tree(); prefect_fields */
  {"prefect_table of artifacts", 0,
   "SELECT a.key, t.row, t.col, t.value, t.row_json FROM artifacts('{\"artifacts\": {\"type\": {\"any_\": "
   "[\"table\"]}}, \"sort\": \"KEY_ASC\"}') AS a, prefect_table(a.data) AS t", 0, 0},
  {"prefect_table shapes", 0,
   "SELECT t.row, t.col, t.value, t.row_json FROM prefect_table('{\"a\": [1, 2.5], \"b\": [\"x\", null, {\"n\": [true]}]}') AS t "
   "UNION ALL SELECT row, col, value, row_json FROM prefect_table('[{\"a\": 1, \"b\": [2]}, {\"c\": false}]') "
   "UNION ALL SELECT row, col, value, row_json FROM prefect_table('\"[[1, \\\"two\\\"], [3]]\"')", 0, 0},
  {"prefect_table strict error", 0, "SELECT * FROM prefect_table('\"# markdown\"', 'strict')", 0, 0},
  {"prefect_run_tree", 0,
   "SELECT t.depth, t.name, t.state_type, a.key FROM prefect_run_tree('" RUN(01) "') AS t "
   "LEFT JOIN artifacts AS a ON a.flow_run_id = t.id ORDER BY t.depth, a.key", 0, 0},
  {"prefect_fields", 0,
   "SELECT collection, path, operator, value_type, note FROM prefect_fields WHERE collection = 'flow_runs'", 0, 0},

  /* writes through artifacts, on their own and inside a transaction */
  {"INSERT new key", 0,
   "INSERT INTO artifacts (id, key, type, description, data, metadata_, flow_run_id, task_run_id) VALUES "
   "('" ID(aa) "', 'oom-new', 'markdown', 'd', json_quote('# hi ' || char(233)), '{\"b\": \"2\", \"a\": \"1\", "
   "\"b\": \"3\"}', '" RUN(01) "', NULL)", WRITE_CHECK, 1},
  {"INSERT into a key, in a transaction", "BEGIN",
   "INSERT INTO artifacts (id, key, type, data) VALUES ('" ID(ab) "', 'ml-table', 'table', "
   "'[1.50, {\"a\": [true, null, 1e300]}, \"\\u00e9\"]')", WRITE_CHECK, 1},
  {"INSERT several rows, in a transaction", "BEGIN",
   "INSERT INTO artifacts (id, key, data, metadata_) VALUES ('" ID(ac) "', 'orders-report', '1', NULL), "
   "('" ID(ad) "', NULL, '2.5', '{\"m\": \"v\"}'), ('" ID(ae) "', 'oom-two', 'null', NULL)", WRITE_CHECK, 1},
  {"INSERT a taken id, in a transaction after a write",
   "BEGIN; UPDATE artifacts SET description = 'before' WHERE id = '" ID(03) "'",
   "INSERT INTO artifacts (id, key) VALUES ('" ID(01) "', 'orders-report')", WRITE_CHECK, 1},
  {"UPDATE a key's latest, in a transaction", "BEGIN",
   "UPDATE artifacts SET data = '{\"x\": 2.50, \"y\": [1]}', description = 'changed', metadata_ = '{\"m\": \"v\"}' "
   "WHERE id = '" ID(11) "'", WRITE_CHECK, 1},
  {"UPDATE several rows", 0, "UPDATE artifacts SET description = 'all' WHERE key = 'orders-report'", WRITE_CHECK, 1},
  {"DELETE a key's latest, in a transaction", "BEGIN", "DELETE FROM artifacts WHERE id = '" ID(02) "'",
   WRITE_CHECK, 1},
  {"DELETE the last of a key", 0, "DELETE FROM artifacts WHERE id = '" ID(06) "'", WRITE_CHECK, 1},
  {"DELETE an artifact states name, in a transaction", "BEGIN",
   "DELETE FROM artifacts WHERE id = '" ID(04) "'", WRITE_CHECK, 1},
  {"DELETE several rows, in a transaction after a write",
   "BEGIN; UPDATE artifacts SET description = 'before' WHERE id = '" ID(03) "'",
   "DELETE FROM artifacts WHERE key = 'ml-table'", WRITE_CHECK, 1},

  /* prefect_api(): every route */
  {"api POST /artifacts/filter", 0, "SELECT prefect_api('POST /artifacts/filter', " BODY_ARTIFACTS ")", 0, 0},
  {"api POST /artifacts/count", 0, "SELECT prefect_api('POST /artifacts/count', " BODY_ARTIFACTS ")", 0, 0},
  {"api POST /artifacts/latest/filter", 0,
   "SELECT prefect_api('POST /artifacts/latest/filter', " BODY_COLLECTIONS ")", 0, 0},
  {"api POST /artifacts/latest/count", 0,
   "SELECT prefect_api('/artifacts/latest/count', " BODY_COLLECTIONS ")", 0, 0},
  {"api POST /flows/filter", 0, "SELECT prefect_api('POST /flows/filter', " BODY_FLOWS ")", 0, 0},
  {"api POST /flows/count", 0, "SELECT prefect_api('POST /flows/count', " BODY_FLOWS ")", 0, 0},
  {"api POST /flows/paginate", 0,
   "SELECT prefect_api('POST /flows/paginate', '{\"flow_runs\": {}, \"limit\": 1, \"page\": 2}')", 0, 0},
  {"api POST /flow_runs/filter", 0,
   "SELECT prefect_api('POST /flow_runs/filter', '{\"flow_runs\": {\"state\": {\"type\": {\"any_\": "
   "[\"COMPLETED\", \"FAILED\"]}}}, \"sort\": \"NAME_ASC\"}')", 0, 0},
  {"api POST /flow_runs/count", 0, "SELECT prefect_api('POST /flow_runs/count', " BODY_FLOW_RUNS ")", 0, 0},
  {"api POST /task_runs/filter", 0,
   "SELECT prefect_api('POST /task_runs/filter', '{\"task_runs\": {\"state\": {\"type\": {\"any_\": "
   "[\"COMPLETED\", \"FAILED\"]}}}}')", 0, 0},
  {"api POST /task_runs/count", 0, "SELECT prefect_api('POST /task_runs/count', " BODY_TASK_RUNS ")", 0, 0},
  {"api POST /deployments/filter", 0, "SELECT prefect_api('POST /deployments/filter', " BODY_DEPLOYMENTS ")", 0, 0},
  {"api POST /deployments/count", 0, "SELECT prefect_api('POST /deployments/count', NULL)", 0, 0},
  {"api GET /artifacts/{id}", 0, "SELECT prefect_api('GET /artifacts/" ID(01) "')", 0, 0},
  {"api GET /artifacts/{key}/latest", 0, "SELECT prefect_api('GET /artifacts/ml-table/latest')", 0, 0},
  {"api GET 404", 0, "SELECT prefect_api('GET /artifacts/no-such-key/latest')", 0, 0},
  {"api bad body", 0, "SELECT prefect_api('POST /flows/filter', '{\"limit\": 201}')", 0, 0},
  {"api unknown route", 0, "SELECT prefect_api('GET /nowhere')", 0, 0},
  /* the routes of the other kinds (paginate is /flows/paginate above):
  ** history, lateness, an aggregate, buckets, keyed by ids, below a parent
  ** row, by name; logs, variables */
  {"api POST /flow_runs/history", PIN_NOW,
   "SELECT prefect_api('POST /flow_runs/history', " BODY_HISTORY ")", 0, 0},
  {"api POST /task_runs/history", PIN_NOW,
   "SELECT prefect_api('POST /task_runs/history', " BODY_HISTORY ")", 0, 0},
  {"api POST /flow_runs/lateness", PIN_NOW,
   "SELECT prefect_api('POST /flow_runs/lateness', '{\"flow_runs\": {\"state\": {\"type\": {\"any_\": "
   "[\"SCHEDULED\", \"COMPLETED\"]}}}}')", 0, 0},
  {"api POST /ui/flow_runs/history", PIN_NOW,
   "SELECT prefect_api('POST /ui/flow_runs/history', '{\"sort\": \"ID_DESC\", \"limit\": 3}')", 0, 0},
  {"api POST /ui/task_runs/count", PIN_NOW,
   "SELECT prefect_api('POST /ui/task_runs/count', '{\"flow_runs\": {\"name\": {\"any_\": [\"run-one\", "
   "\"run-two\"]}}}')", 0, 0},
  {"api POST /ui/task_runs/dashboard/counts", PIN_NOW,
   "SELECT prefect_api('POST /ui/task_runs/dashboard/counts', '{\"task_runs\": {\"start_time\": "
   "{\"after_\": \"2026-01-01T00:00:00Z\", \"before_\": \"2026-01-04T00:00:00Z\"}}}')", 0, 0},
  {"api POST /ui/flows/count-deployments", PIN_NOW,
   "SELECT prefect_api('POST /ui/flows/count-deployments', '{\"flow_ids\": [\"f0000000-0000-4000-8000-000000000001\", "
   "\"f0000000-0000-4000-8000-000000000002\", \"f0000000-0000-4000-8000-000000000009\"]}')", 0, 0},
  {"api POST /work_pools/{name}/queues/filter", PIN_NOW,
   "SELECT prefect_api('POST /work_pools/p-docker/queues/filter', '{\"limit\": 5}')", 0, 0},
  {"api POST /work_pools/{name}/workers/filter", PIN_NOW,
   "SELECT prefect_api('POST /work_pools/p-docker/workers/filter')", 0, 0},
  {"api GET /work_pools/{name}", PIN_NOW, "SELECT prefect_api('GET /work_pools/p-docker')", 0, 0},
  {"api POST /logs/filter", PIN_NOW,
   "SELECT prefect_api('POST /logs/filter', '{\"logs\": {\"level\": {\"ge_\": 20}}, \"sort\": \"TIMESTAMP_DESC\"}')",
   0, 0},
  {"api POST /variables/filter", PIN_NOW,
   "SELECT prefect_api('POST /variables/filter', '{\"variables\": {\"tags\": {\"all_\": [\"etl\"]}}}')", 0, 0},
  /* the history tables, the tables of logs, variables, pools, queues and workers */
  {"flow_run_history", 0, "SELECT * FROM flow_run_history(" BODY_HISTORY ")", 0, 0},
  {"task_run_history", 0, "SELECT * FROM task_run_history(" BODY_HISTORY ")", 0, 0},
  {"logs body", 0, "SELECT * FROM logs('{\"logs\": {\"flow_run_id\": {\"any_\": [\"" RUN(01) "\"]}}}')", 0, 0},
  {"variables body", 0, "SELECT * FROM variables('{\"variables\": {\"name\": {\"like_\": \"c\"}}}')", 0, 0},
  {"work_pools body", 0,
   "SELECT * FROM work_pools('{\"work_pools\": {\"type\": {\"any_\": [\"docker\", \"kubernetes\"]}}}')", 0, 0},
  {"work_queues and workers", 0,
   "SELECT q.name, w.name FROM work_queues AS q LEFT JOIN workers AS w ON w.work_pool_id = q.work_pool_id "
   "ORDER BY 1, 2", 0, 0},
  /* the clock */
  {"prefect_set_now", 0, "SELECT prefect_set_now('2026-01-10T01:02:03.5+01:00'), prefect_now()", 0, 0},
};

/* ---- one statement, every allocation ------------------------------------- */

#define STALE_MARKER "prefect_oom_stale_marker"
#define MAX_RUNS 1000000

static int gVerbose;
static int gExpectedOnly;   /* -e: print each statement's unarmed answer, inject nothing */
static long gOnlyN;         /* -n N: only that N (debugging) */
static long gStride = 1;    /* -s K: N = 1, 1 + K, 1 + 2K, ... (the sanitizer runs) */
static int gMode = 3;       /* 1 transient, 2 persistent, 3 both (-t, -p) */

typedef struct CaseResult {
  long nPoints;         /* allocations of a whole run (the first N that injected nothing) */
  long nRuns;           /* armed runs */
  long nNomem;          /* runs that reported out of memory */
  int nFailures;
  Buf failures;         /* the first few problems */
} CaseResult;

static void problem(CaseResult *pRes, const char *zMode, long iN, const char *zFormat, ...) {
  char a[1024];
  va_list ap;
  va_start(ap, zFormat);
  vsnprintf(a, sizeof(a), zFormat, ap);
  va_end(ap);
  if (pRes->nFailures++ < 5) buf_printf(&pRes->failures, "    %s N=%ld: %s\n", zMode, iN, a);
}

/* Does the message say that memory ran out (and nothing stale)? */
static int message_names_oom(const char *z) {
  return strstr(z, "out of memory") != 0;
}

static int same_outcome(const Outcome *a, const Outcome *b) {
  return a->rc == b->rc && strcmp(buf_text(&a->rows), buf_text(&b->rows)) == 0 &&
         strcmp(buf_text(&a->msg), buf_text(&b->msg)) == 0;
}

/* The expected error, whose message SQLite may have failed to copy: it
** copies a statement's message to the connection as a benign allocation,
** and then the connection has only the code's own text. */
static int same_error(const Outcome *pGot, const Outcome *pExpect) {
  return pExpect->rc != SQLITE_OK && pGot->rc == pExpect->rc &&
         (strcmp(buf_text(&pGot->msg), buf_text(&pExpect->msg)) == 0 ||
          strcmp(buf_text(&pGot->msg), sqlite3_errstr(pGot->rc)) == 0);
}

/* A short description, on one line. */
static void describe_outcome(Buf *pOut, const Outcome *p) {
  size_t i;
  buf_reset(pOut);
  if (p->rc == SQLITE_OK) buf_printf(pOut, "rows: %.300s", buf_text(&p->rows));
  else buf_printf(pOut, "error %d: %.300s", p->rc, buf_text(&p->msg));
  for (i = 0; i < pOut->n; i++) if (pOut->z[i] == '\n') pOut->z[i] = ';';
}

/* Reads run inside a transaction that has written (to a row no statement
** reads): an error swallowed on the way makes SQLite roll all of it back
** (it does for SQLITE_NOMEM from any statement without a statement journal,
** an inner statement of a virtual table included), and a statement that
** then reports success has silently lost the user's transaction. */
#define READ_SETUP "BEGIN; UPDATE flow SET updated = updated WHERE rowid = 1"

/* The case's setup on db; *pbTxn: it opened a transaction. */
static void case_setup(const Case *pCase, sqlite3 *db, int *pbTxn) {
  if (!pCase->bWrite) exec_or_die(db, READ_SETUP, "read setup");
  if (pCase->zSetup) {
    Outcome o;
    memset(&o, 0, sizeof(o));
    run_sql(db, pCase->zSetup, &o);
    if (o.rc != SQLITE_OK) {
      fprintf(stderr, "test_oom: %s: setup failed: %s\n", pCase->zName, buf_text(&o.msg));
      exit(2);
    }
    outcome_free(&o);
  }
  *pbTxn = !sqlite3_get_autocommit(db);
}

/* A fresh connection with the case's setup done. */
static sqlite3 *case_open(const Case *pCase, int *pbTxn) {
  sqlite3 *db = fixture_open();
  case_setup(pCase, db, pbTxn);
  return db;
}

/*
** Reads share one connection per case, for speed (a new one reads the
** schema again). Between runs it goes back to a new connection's state: no
** transaction, and the extension's modules registered again, which
** disconnects their eponymous tables (statement caches, compiled queries,
** statistics, the writer), so that the next run meets new virtual tables.
** Returns the number of statements still alive (none may be).
*/
static int connection_reset(sqlite3 *db) {
  int i, n = 0;
  sqlite3_stmt *pStmt = 0;
  if (!sqlite3_get_autocommit(db)) exec_or_die(db, "ROLLBACK", "rollback");
  for (i = 0; prefect_collections[i]; i++) vtab_collection_register(db, prefect_collections[i]);
  vtab_table_register(db);
  vtab_run_tree_register(db);
  history_register(db);
  exec_or_die(db, "SELECT 1", "reset");  /* SQLite disconnects the old tables at the next prepare */
  while ((pStmt = sqlite3_next_stmt(db, pStmt)) != 0) n++;
  return n;
}

static int case_close(sqlite3 *db) {
  int rc = sqlite3_close(db);
  if (rc != SQLITE_OK) sqlite3_close_v2(db);
  return rc;
}

/* The unarmed answer: the statement's outcome, and the rows the check reads. */
static void case_expected(const Case *pCase, Outcome *pExpect, Outcome *pCheck) {
  int bTxn;
  sqlite3 *db = case_open(pCase, &bTxn);
  Outcome again;
  (void)bTxn;
  memset(&again, 0, sizeof(again));
  run_sql(db, pCase->zSql, pExpect);
  if (pCase->zCheck) run_sql(db, pCase->zCheck, pCheck);
  if (case_close(db) != SQLITE_OK) {
    fprintf(stderr, "test_oom: %s: sqlite3_close fails after an unarmed run\n", pCase->zName);
    exit(2);
  }
  /* and the same answer twice: nothing here may depend on the clock */
  db = case_open(pCase, &bTxn);
  run_sql(db, pCase->zSql, &again);
  case_close(db);
  if (!same_outcome(&again, pExpect)) {
    fprintf(stderr, "test_oom: %s: two unarmed runs differ\n", pCase->zName);
    exit(2);
  }
  outcome_free(&again);
}

static void case_run(const Case *pCase, int bPersist, long iStart, const Outcome *pExpect, const Outcome *pCheck,
                     CaseResult *pRes) {
  const char *zMode = bPersist ? "persistent" : "transient";
  Outcome got, check;
  Buf before, after, desc, fixtureDump;
  long iN;
  memset(&got, 0, sizeof(got));
  memset(&check, 0, sizeof(check));
  memset(&before, 0, sizeof(before));
  memset(&after, 0, sizeof(after));
  memset(&desc, 0, sizeof(desc));
  memset(&fixtureDump, 0, sizeof(fixtureDump));
  sqlite3 *dbRead = 0;   /* reads: the shared connection */
  for (iN = gOnlyN ? gOnlyN : iStart; iN <= MAX_RUNS; iN += gStride) {
    long nLiveBefore, nSeen;
    int bTxn, bFired;
    sqlite3 *db;
    char *zErr = 0;
    if (pCase->bWrite) {
      nLiveBefore = gFault.nLive;
      db = case_open(pCase, &bTxn);
    } else {
      if (!dbRead) {
        /* one unarmed run first: the pages the statement reads stay cached,
        ** and the connection has made its error message object */
        dbRead = fixture_open();
        case_setup(pCase, dbRead, &bTxn);
        sqlite3_exec(dbRead, "SELECT " STALE_MARKER "()", 0, 0, &zErr);
        sqlite3_free(zErr);
        zErr = 0;
        run_sql(dbRead, pCase->zSql, &check);
        connection_reset(dbRead);
      }
      db = dbRead;
      nLiveBefore = gFault.nLive;
      case_setup(pCase, db, &bTxn);
    }
    if (pCase->bWrite && (before.n == 0 || pCase->zSetup)) {
      /* the same for every run, unless the setup wrote (and stamped the clock) */
      dump_tables(db, &before);
      if (bTxn && fixtureDump.n == 0) {
        /* what SQLite's own rollback of the whole transaction leaves */
        sqlite3 *db2 = fixture_open();
        dump_tables(db2, &fixtureDump);
        case_close(db2);
      }
    }
    /* an error on the connection that a careless message could repeat */
    sqlite3_exec(db, "SELECT " STALE_MARKER "()", 0, 0, &zErr);
    sqlite3_free(zErr);

    fault_arm(iN, bPersist);
    run_sql(db, pCase->zSql, &got);
    fault_disarm();
    nSeen = gFault.nSeen;
    bFired = gFault.nFailed > 0;
    pRes->nRuns++;

    if (bTxn && sqlite3_get_autocommit(db)) {
      /* SQLite rolls a transaction back on its own only for these errors */
      int e = got.rc & 0xff;
      if (got.rc == SQLITE_OK) {
        problem(pRes, zMode, iN, "succeeded, but the transaction was rolled back (an error was swallowed)");
      } else if (e != SQLITE_NOMEM && e != SQLITE_IOERR && e != SQLITE_FULL && e != SQLITE_BUSY &&
                 e != SQLITE_INTERRUPT) {
        problem(pRes, zMode, iN, "the transaction was rolled back, yet the error is %d (%s)", got.rc,
                buf_text(&got.msg));
      }
    }
    if (strstr(buf_text(&got.msg), STALE_MARKER)) {
      problem(pRes, zMode, iN, "a stale message: %s", buf_text(&got.msg));
    }
    if (got.rc == SQLITE_OK) {
      if (strcmp(buf_text(&got.rows), buf_text(&pExpect->rows)) != 0 || pExpect->rc != SQLITE_OK) {
        describe_outcome(&desc, &got);
        problem(pRes, zMode, iN, "succeeded with another answer (%s)", buf_text(&desc));
      }
      if (pCase->zCheck) {
        run_sql(db, pCase->zCheck, &check);
        if (!same_outcome(&check, pCheck)) {
          problem(pRes, zMode, iN, "the write left other rows");
          if (gVerbose) fprintf(stderr, "expected:\n%s\ngot:\n%s\n", buf_text(&pCheck->rows), buf_text(&check.rows));
        }
      }
    } else if (!(bFired && (got.rc & 0xff) == SQLITE_NOMEM && message_names_oom(buf_text(&got.msg))) &&
               !(bFired ? same_error(&got, pExpect) : same_outcome(&got, pExpect))) {
      describe_outcome(&desc, &got);
      problem(pRes, zMode, iN, "%s", bFired ? (got.rc & 0xff) == SQLITE_NOMEM ? "SQLITE_NOMEM, but the message "
              "does not say so" : "an error other than SQLITE_NOMEM" : "failed without an injected failure");
      problem(pRes, zMode, iN, "  got %s", buf_text(&desc));
    } else if ((got.rc & 0xff) == SQLITE_NOMEM) {
      pRes->nNomem++;
    }
    if (got.rc != SQLITE_OK && pCase->bWrite) {
      /* inside a transaction SQLite may roll all of it back (SQLITE_NOMEM does) */
      int bRolledBack = bTxn && sqlite3_get_autocommit(db);
      dump_tables(db, &after);
      if (strcmp(buf_text(&after), buf_text(bRolledBack ? &fixtureDump : &before)) != 0) {
        problem(pRes, zMode, iN, "the failed write changed the tables%s",
                bRolledBack ? " (the transaction was rolled back)" : "");
        if (gVerbose) fprintf(stderr, "before:\n%s\nafter:\n%s\n", buf_text(&before), buf_text(&after));
      }
    }
    /* the connection still works: unarmed, the statement gives its answer */
    if (got.rc != SQLITE_OK || !pCase->bWrite) {
      if (!sqlite3_get_autocommit(db)) exec_or_die(db, "ROLLBACK", "rollback");
      if (!pCase->bWrite) exec_or_die(db, READ_SETUP, "read setup");
      if (pCase->zSetup && pCase->bWrite) {
        Outcome o;
        memset(&o, 0, sizeof(o));
        run_sql(db, pCase->zSetup, &o);
        outcome_free(&o);
      }
      run_sql(db, pCase->zSql, &check);
      if (!same_outcome(&check, pExpect)) {
        describe_outcome(&desc, &check);
        problem(pRes, zMode, iN, "the connection gives another answer afterwards (%s)", buf_text(&desc));
      }
    }
    if (pCase->bWrite) {
      int rcClose;
      if (!sqlite3_get_autocommit(db)) exec_or_die(db, "ROLLBACK", "rollback");
      rcClose = case_close(db);
      if (rcClose != SQLITE_OK) problem(pRes, zMode, iN, "sqlite3_close: %d (a statement was left behind)", rcClose);
    } else {
      int nStmt = connection_reset(db);
      if (nStmt) problem(pRes, zMode, iN, "%d statement(s) outlive the virtual tables", nStmt);
    }
    if (gFault.nLive != nLiveBefore) {
      problem(pRes, zMode, iN, "%ld allocation(s) leaked", gFault.nLive - nLiveBefore);
    }
    if (gVerbose > 1) {
      describe_outcome(&desc, &got);
      fprintf(stderr, "%s %s N=%ld: %s\n", pCase->zName, zMode, iN, buf_text(&desc));
    }
    if (!bFired || gOnlyN) {
      pRes->nPoints = nSeen;
      break;
    }
  }
  if (iN > MAX_RUNS) problem(pRes, zMode, iN, "still failing after %d runs", MAX_RUNS);
  if (dbRead && case_close(dbRead) != SQLITE_OK) problem(pRes, zMode, iN, "sqlite3_close fails at the end");
  outcome_free(&got);
  outcome_free(&check);
  buf_free(&before);
  buf_free(&after);
  buf_free(&desc);
  buf_free(&fixtureDump);
}

#define N_CASE ((int)(sizeof(aCase) / sizeof(aCase[0])))

typedef struct Totals {
  int nPass, nFail;
  long nPoints, nRuns;
} Totals;

/* Run statements: every one in order (fdQueue < 0), or, in a worker, the
** indexes read one at a time from the queue the workers share. */
static void run_cases(const char *zOnly, int fdQueue, Totals *pTotals) {
  int i, iNext = 0;
  memset(pTotals, 0, sizeof(*pTotals));
  for (;;) {
    const Case *pCase;
    Outcome expect, check;
    Buf report;
    CaseResult res;
    struct timespec t0, t1;
    if (fdQueue < 0) i = iNext++;
    else if (read(fdQueue, &i, sizeof(i)) != (ssize_t)sizeof(i)) break;
    if (i < 0 || i >= N_CASE) break;
    pCase = &aCase[i];
    if (zOnly && !strstr(pCase->zName, zOnly)) continue;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&expect, 0, sizeof(expect));
    memset(&check, 0, sizeof(check));
    memset(&report, 0, sizeof(report));
    memset(&res, 0, sizeof(res));
    case_expected(pCase, &expect, &check);
    if (gVerbose || gExpectedOnly) {
      describe_outcome(&report, &expect);
      fprintf(stderr, "%s: expected %s\n", pCase->zName, buf_text(&report));
      buf_reset(&report);
    }
    if (!gExpectedOnly) {
      /* with -s, each statement and mode samples its own residue */
      if (gMode & 1) case_run(pCase, 0, 1 + (2 * i) % gStride, &expect, &check, &res);
      if (gMode & 2) case_run(pCase, 1, 1 + (2 * i + 1) % gStride, &expect, &check, &res);
      pTotals->nPoints += res.nPoints;
      pTotals->nRuns += res.nRuns;
      clock_gettime(CLOCK_MONOTONIC, &t1);
      if (res.nFailures == 0) {
        pTotals->nPass++;
        buf_printf(&report, "ok   %-52s %5ld allocations, %6ld runs, %6ld out of memory, %5.1f s\n", pCase->zName,
                   res.nPoints, res.nRuns, res.nNomem,
                   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
      } else {
        pTotals->nFail++;
        buf_printf(&report, "FAIL %-52s %5ld allocations, %d problems\n", pCase->zName, res.nPoints,
                   res.nFailures);
        buf_append(&report, buf_text(&res.failures), res.failures.n);
      }
      /* one write per case: workers' lines do not mix */
      fputs(buf_text(&report), stdout);
      fflush(stdout);
    }
    outcome_free(&expect);
    outcome_free(&check);
    buf_free(&report);
    buf_free(&res.failures);
  }
}

int main(int argc, char **argv) {
  const char *zOnly = 0;
  int i, nJobs = 1;
  Totals all;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-v") == 0) gVerbose++;
    else if (strcmp(argv[i], "-e") == 0) gExpectedOnly = 1;
    else if (strcmp(argv[i], "-t") == 0) gMode = 1;
    else if (strcmp(argv[i], "-p") == 0) gMode = 2;
    else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) gOnlyN = atol(argv[++i]);
    else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) gStride = atol(argv[++i]);
    else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) nJobs = atoi(argv[++i]);
    else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: %s [-j jobs] [-s stride] [-t | -p] [-n N] [-e] [-v] [name-substring]\n", argv[0]);
      return 2;
    } else zOnly = argv[i];
  }
  if (nJobs < 1) nJobs = 1;
  if (gStride < 1) gStride = 1;
  fault_install();
  if (sqlite3_initialize() != SQLITE_OK) { fprintf(stderr, "test_oom: sqlite3_initialize\n"); return 2; }
  fixture_make();
  if (nJobs == 1) {
    run_cases(zOnly, -1, &all);
  } else {
    /* Workers are processes. They take statements from one queue, the
    ** last (the largest: prefect_api's) first, and report their totals
    ** through a pipe each. */
    int aFd[64][2], aQueue[2], iJob, bCrashed = 0;
    pid_t aPid[64];
    if (nJobs > 64) nJobs = 64;
    if (pipe(aQueue) != 0) { perror("test_oom"); return 2; }
    for (i = N_CASE - 1; i >= 0; i--) {
      if (write(aQueue[1], &i, sizeof(i)) != (ssize_t)sizeof(i)) { perror("test_oom"); return 2; }
    }
    close(aQueue[1]);
    fflush(stdout);
    memset(&all, 0, sizeof(all));
    for (iJob = 0; iJob < nJobs; iJob++) {
      if (pipe(aFd[iJob]) != 0 || (aPid[iJob] = fork()) < 0) { perror("test_oom"); return 2; }
      if (aPid[iJob] == 0) {
        Totals t;
        close(aFd[iJob][0]);
        run_cases(zOnly, aQueue[0], &t);
        if (write(aFd[iJob][1], &t, sizeof(t)) != (ssize_t)sizeof(t)) exit(2);
        sqlite3_free(gImage);
        sqlite3_shutdown();
        exit(0);  /* not _exit: LeakSanitizer checks at exit */
      }
      close(aFd[iJob][1]);
    }
    close(aQueue[0]);
    for (iJob = 0; iJob < nJobs; iJob++) {
      Totals t;
      int status = 0;
      ssize_t n = read(aFd[iJob][0], &t, sizeof(t));
      close(aFd[iJob][0]);
      waitpid(aPid[iJob], &status, 0);
      if (n != (ssize_t)sizeof(t) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("FAIL worker %d died (status %d): its statements did not all run\n", iJob, status);
        bCrashed = 1;
        continue;
      }
      all.nPass += t.nPass;
      all.nFail += t.nFail;
      all.nPoints += t.nPoints;
      all.nRuns += t.nRuns;
    }
    if (bCrashed) all.nFail++;
  }
  sqlite3_free(gImage);
  if (!gExpectedOnly) {
    printf("oom: %ld allocation points, %ld runs%s\n", all.nPoints, all.nRuns,
           gStride > 1 ? " (every Nth allocation only: -s)" : "");
    printf("oom: %d passed, %d failed\n", all.nPass, all.nFail);
  }
  sqlite3_shutdown();
  return all.nFail ? 1 : 0;
}
