/*
** bench.c: sqlite-prefect against the best hand-written SQL, in one process
** on one database, interleaved, many repetitions, medians and ratios.
**
**   bench DB LIB [SECONDS_PER_QUERY]
**
** For every query there is our statement (a virtual table with a body),
** Prefect's own SQL shape (correlated EXISTS) and, where related filters
** are involved, the IN shape an expert would also try. "best" is the faster
** of the hand-written ones. Each variant is prepared once and re-run; every
** run reads every column of every row, through the same function (run()). Prints a markdown table; timings are never asserted.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *zWhat) {
  fprintf(stderr, "bench: %s: %s\n", zWhat, sqlite3_errmsg(db));
  exit(1);
}

static char *one_text(const char *zSql) {
  sqlite3_stmt *p;
  char *z = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &p, 0) != SQLITE_OK) die(zSql);
  if (sqlite3_step(p) == SQLITE_ROW) z = sqlite3_mprintf("%s", sqlite3_column_text(p, 0));
  sqlite3_finalize(p);
  if (!z) die(zSql);
  return z;
}

/* Where run() leaves what it read, so that no read can be optimised away. */
static sqlite3_int64 iSink;
static double rSink;

/*
** Run a prepared statement to the end, reading every column of every row
** as a client would: its type, then the value through the matching
** accessor (text and blob with their byte counts). Every variant of every
** query, ours and hand-written, is read by this one function. Returns the
** number of rows.
*/
static long run(sqlite3_stmt *p) {
  long n = 0;
  int rc, i, nCol = sqlite3_column_count(p);
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    for (i = 0; i < nCol; i++) {
      switch (sqlite3_column_type(p, i)) {
        case SQLITE_INTEGER:
          iSink += sqlite3_column_int64(p, i);
          break;
        case SQLITE_FLOAT:
          rSink += sqlite3_column_double(p, i);
          break;
        case SQLITE_TEXT: {
          const unsigned char *z = sqlite3_column_text(p, i);
          int nByte = sqlite3_column_bytes(p, i);
          iSink += nByte + (nByte > 0 ? z[nByte - 1] : 0);
          break;
        }
        case SQLITE_BLOB: {
          const unsigned char *z = sqlite3_column_blob(p, i);
          int nByte = sqlite3_column_bytes(p, i);
          iSink += nByte + (nByte > 0 ? z[nByte - 1] : 0);
          break;
        }
        default: /* SQLITE_NULL */
          break;
      }
    }
    n++;
  }
  if (rc != SQLITE_DONE) die("step");
  sqlite3_reset(p);
  return n;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *a, int n) {
  qsort(a, n, sizeof(double), cmp_double);
  return n % 2 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

typedef struct Case {
  const char *zName;
  char *zOurs;     /* through the extension */
  char *zExists;   /* Prefect's shape, by hand */
  char *zIn;       /* the IN shape, by hand (NULL when not applicable) */
} Case;

#define MAX_REPS 2000
static double aTime[3][MAX_REPS];

static void bench_case(const Case *pCase, double rSeconds, FILE *pOut) {
  const char *azSql[3] = {pCase->zOurs, pCase->zExists, pCase->zIn};
  sqlite3_stmt *ap[3] = {0, 0, 0};
  double rStart, aMed[3], rBest;
  long anRows[3] = {0, 0, 0};
  int nRep = 0, i, nVar = pCase->zIn ? 3 : 2;
  for (i = 0; i < nVar; i++) {
    if (sqlite3_prepare_v2(db, azSql[i], -1, &ap[i], 0) != SQLITE_OK) die(azSql[i]);
    anRows[i] = run(ap[i]);  /* warm the cache; also the row counts to compare */
  }
  for (i = 1; i < nVar; i++) {
    if (anRows[i] != anRows[0]) {
      fprintf(stderr, "bench: %s: %ld rows through the extension, %ld by hand (%s)\n", pCase->zName,
              anRows[0], anRows[i], azSql[i]);
      exit(1);
    }
  }
  rStart = now();
  srand(12345);
  while (nRep < MAX_REPS && (nRep < 5 || now() - rStart < rSeconds)) {
    /* a fresh random order every round: no variant regularly runs right
    ** after a slow one that left the caches cold */
    int aOrder[3] = {0, 1, 2};
    for (i = nVar - 1; i > 0; i--) {
      int j = rand() % (i + 1), t = aOrder[i];
      aOrder[i] = aOrder[j];
      aOrder[j] = t;
    }
    for (i = 0; i < nVar; i++) {
      int k = aOrder[i];
      double t0 = now();
      run(ap[k]);
      aTime[k][nRep] = now() - t0;
    }
    nRep++;
  }
  for (i = 0; i < nVar; i++) aMed[i] = median(aTime[i], nRep);
  rBest = nVar == 3 && aMed[2] < aMed[1] ? aMed[2] : aMed[1];
  fprintf(pOut, "| %s | %ld | %.3f | %.3f | %s | **%.2f** | %.1f× |\n", pCase->zName, anRows[0],
          aMed[0] * 1e3, aMed[1] * 1e3, nVar == 3 ? sqlite3_mprintf("%.3f", aMed[2] * 1e3) : "–",
          aMed[0] / rBest, aMed[1] / aMed[0]);
  fflush(pOut);
  for (i = 0; i < nVar; i++) sqlite3_finalize(ap[i]);
}

/* Tiny result: parse + compile + (prepare) + first row, per query. */
static void bench_tiny(const char *zId, FILE *pOut) {
  char *zBody = sqlite3_mprintf("{\"artifacts\": {\"id\": {\"any_\": [\"%s\"]}}}", zId);
  char *zList = sqlite3_mprintf("%s", zId);  /* one id binds as IN (?1) */
  sqlite3_stmt *pOurs, *pHand, *pSql;
  double aOurs[MAX_REPS], aHand[MAX_REPS], aNoCache[MAX_REPS], aCol[MAX_REPS];
  int n, nRep = 3000 < MAX_REPS ? 3000 : MAX_REPS;
  sqlite3_stmt *pCol;
  if (sqlite3_prepare_v2(db, "SELECT * FROM artifacts(?1)", -1, &pOurs, 0)) die("tiny");
  if (sqlite3_prepare_v2(db, "SELECT * FROM artifacts WHERE id = ?1", -1, &pCol, 0)) die("tiny");
  if (sqlite3_prepare_v2(db, "SELECT * FROM artifact WHERE id = ?1", -1, &pHand, 0)) die("tiny");
  if (sqlite3_prepare_v2(db, "SELECT prefect_filter_sql('artifacts', ?1)", -1, &pSql, 0)) die("tiny");
  sqlite3_bind_text(pOurs, 1, zBody, -1, SQLITE_STATIC);
  sqlite3_bind_text(pCol, 1, zId, -1, SQLITE_STATIC);
  sqlite3_bind_text(pHand, 1, zId, -1, SQLITE_STATIC);
  sqlite3_bind_text(pSql, 1, zBody, -1, SQLITE_STATIC);
  for (n = 0; n < nRep; n++) {
    double t0 = now();
    sqlite3_stmt *pInner;
    if (run(pOurs) != 1) die("tiny: ours");
    aOurs[n] = now() - t0;
    t0 = now();
    if (run(pCol) != 1) die("tiny: column");
    aCol[n] = now() - t0;
    t0 = now();
    if (run(pHand) != 1) die("tiny: hand");
    aHand[n] = now() - t0;
    /* no statement cache: compile the body, prepare, bind, first row */
    t0 = now();
    if (sqlite3_step(pSql) != SQLITE_ROW) die("tiny: sql");
    if (sqlite3_prepare_v2(db, (const char *)sqlite3_column_text(pSql, 0), -1, &pInner, 0)) die("tiny: inner");
    sqlite3_bind_text(pInner, 1, zList, -1, SQLITE_STATIC);
    if (sqlite3_step(pInner) != SQLITE_ROW) die("tiny: inner step");
    sqlite3_finalize(pInner);
    sqlite3_reset(pSql);
    aNoCache[n] = now() - t0;
  }
  fprintf(pOut, "\nTiny results (one artifact by id, median of %d, µs):\n\n", nRep);
  fprintf(pOut, "| query | µs | × hand-written |\n| --- | --- | --- |\n");
  {
    double rHand = median(aHand, nRep);
    double rOurs = median(aOurs, nRep), rCol = median(aCol, nRep), rNo = median(aNoCache, nRep);
    fprintf(pOut, "| `SELECT * FROM artifact WHERE id = ?` (hand-written) | %.1f | 1.00 |\n", rHand * 1e6);
    fprintf(pOut, "| `SELECT * FROM artifacts WHERE id = ?` (column constraint, cached shape) | %.1f | %.2f |\n",
            rCol * 1e6, rCol / rHand);
    fprintf(pOut, "| `SELECT * FROM artifacts(?)` with an id body (cached shape) | %.1f | %.2f |\n",
            rOurs * 1e6, rOurs / rHand);
    fprintf(pOut, "| the same body without the statement cache (compile + prepare + first row) | %.1f | %.2f |\n",
            rNo * 1e6, rNo / rHand);
  }
  sqlite3_finalize(pOurs);
  sqlite3_finalize(pCol);
  sqlite3_finalize(pHand);
  sqlite3_finalize(pSql);
  sqlite3_free(zBody);
  sqlite3_free(zList);
}

/* SQLite's memory high-water mark while a statement streams every row. */
static void bench_memory(FILE *pOut) {
  const char *azSql[2] = {"SELECT id, data FROM artifacts", "SELECT id, data FROM artifact ORDER BY id DESC"};
  int i;
  fprintf(pOut, "\nStreaming every artifact (SQLite's memory high-water mark during the scan, above its start):\n\n");
  fprintf(pOut, "| query | rows | peak MiB |\n| --- | --- | --- |\n");
  /* a small page cache, so that what the statement itself holds shows */
  sqlite3_exec(db, "PRAGMA cache_size = 2000", 0, 0, 0);
  for (i = 0; i < 2; i++) {
    sqlite3_stmt *p;
    sqlite3_int64 iStart, iHigh, iCur;
    long nRow;
    if (sqlite3_prepare_v2(db, azSql[i], -1, &p, 0)) die(azSql[i]);
    run(p);  /* fill the page cache first: its size is not the statement's */
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &iStart, &iHigh, 1);
    nRow = run(p);
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &iCur, &iHigh, 0);
    sqlite3_finalize(p);
    fprintf(pOut, "| `%s` | %ld | %.2f |\n", azSql[i], nRow, (double)(iHigh - iStart) / (1 << 20));
  }
  sqlite3_exec(db, "PRAGMA cache_size = -262144", 0, 0, 0);
}

/*
** Writes: INSERT, UPDATE and DELETE of one artifact through `artifacts`
** against the statements Prefect's server runs for the same request,
** written by hand (schema.md §6) with the values already in stored form.
** On a second, read-write connection, inside one transaction that is
** rolled back: the database file is left as it was.
*/
static void bench_writes(const char *zPath, const char *zLib, FILE *pOut) {
  static const char *const azHand[] = {
    /* 0 create: the collection upsert, then the artifact */
    "INSERT INTO artifact_collection (id, created, updated, key, latest_id, type, data, description, metadata_)"
    " VALUES (?1, ?2, ?2, ?3, ?4, 'markdown', '\"# report\"', NULL, '{\"rows\": \"12\"}')"
    " ON CONFLICT (key) DO UPDATE SET latest_id = excluded.latest_id, updated = excluded.updated, type = excluded.type,"
    " data = excluded.data, description = excluded.description, metadata_ = excluded.metadata_,"
    " flow_run_id = excluded.flow_run_id, task_run_id = excluded.task_run_id",
    "INSERT INTO artifact (id, created, updated, key, type, data, metadata_) VALUES (?4, ?2, ?2, ?3, 'markdown',"
    " '\"# report\"', '{\"rows\": \"12\"}')",
    /* 2 update: the artifact, then its collection row if it is the latest */
    "UPDATE artifact SET description = 'checked', updated = strftime('%Y-%m-%d %H:%M:%f000', 'now') WHERE id = ?1",
    "UPDATE artifact_collection SET description = 'checked', updated = strftime('%Y-%m-%d %H:%M:%f000', 'now')"
    " WHERE key = (SELECT key FROM artifact WHERE id = ?1) AND latest_id = ?1",
    /* 4 delete: is it the latest, its replacement, the collection, the artifact */
    "SELECT 1 FROM artifact_collection WHERE key = (SELECT key FROM artifact WHERE id = ?1) AND latest_id = ?1",
    "SELECT id, data, description, type, created, updated, flow_run_id, task_run_id, metadata_ FROM artifact"
    " WHERE key = (SELECT key FROM artifact WHERE id = ?1) AND id != ?1 ORDER BY created DESC LIMIT 1",
    "UPDATE artifact_collection SET latest_id = ?2, data = ?3, description = ?4, type = ?5, created = ?6,"
    " updated = ?7, flow_run_id = ?8, task_run_id = ?9, metadata_ = ?10 WHERE key = (SELECT key FROM artifact WHERE id = ?1)",
    "DELETE FROM artifact WHERE id = ?1",
  };
  enum { N_HAND = 8, N_OP = 1000 };
  sqlite3 *dbw;
  sqlite3_stmt *apHand[N_HAND], *pIns, *pUpd, *pDel, *pIds;
  static double aOurs[3][N_OP], aHandT[3][N_OP];
  char **azId = sqlite3_malloc(sizeof(char *) * 2 * N_OP), **azKey = sqlite3_malloc(sizeof(char *) * 2 * N_OP);
  char *zErr = 0;
  int i, k, nId = 0;
  sqlite3 *dbRead = db;
  if (sqlite3_open_v2(zPath, &dbw, SQLITE_OPEN_READWRITE, 0) != SQLITE_OK) die("open for writes");
  db = dbw;  /* die() reports this connection's errors */
  sqlite3_enable_load_extension(dbw, 1);
  if (sqlite3_load_extension(dbw, zLib, 0, &zErr) != SQLITE_OK) { fprintf(stderr, "bench: %s\n", zErr); exit(1); }
  sqlite3_exec(dbw, "PRAGMA cache_size = -262144", 0, 0, 0);
  /* latest artifacts of 2 * N_OP keys spread over the table: half for ours, half by hand */
  if (sqlite3_prepare_v2(dbw, "SELECT latest_id, key FROM artifact_collection WHERE rowid % 7 = 3 LIMIT ?1", -1, &pIds, 0))
    die("ids");
  sqlite3_bind_int(pIds, 1, 2 * N_OP);
  while (sqlite3_step(pIds) == SQLITE_ROW) {
    azId[nId] = sqlite3_mprintf("%s", sqlite3_column_text(pIds, 0));
    azKey[nId++] = sqlite3_mprintf("%s", sqlite3_column_text(pIds, 1));
  }
  sqlite3_finalize(pIds);
  if (nId < 2 * N_OP) die("not enough keys for the write benchmark");
  for (k = 0; k < N_HAND; k++) if (sqlite3_prepare_v2(dbw, azHand[k], -1, &apHand[k], 0)) die(azHand[k]);
  if (sqlite3_prepare_v2(dbw, "INSERT INTO artifacts (id, key, type, data, metadata_) VALUES (?1, ?2, 'markdown',"
                              " json_quote('# report'), json_object('rows', '12'))", -1, &pIns, 0)) die("ins");
  if (sqlite3_prepare_v2(dbw, "UPDATE artifacts SET description = 'checked' WHERE id = ?1", -1, &pUpd, 0)) die("upd");
  if (sqlite3_prepare_v2(dbw, "DELETE FROM artifacts WHERE id = ?1", -1, &pDel, 0)) die("del");
  sqlite3_exec(dbw, "BEGIN IMMEDIATE", 0, 0, 0);
  for (i = 0; i < N_OP; i++) {
    char zNow[32], zNewOurs[40], zNewHand[40];
    const char *zOurs = azId[2 * i], *zHand = azId[2 * i + 1];
    double t0;
    sqlite3_snprintf(sizeof(zNow), zNow, "2026-11-26 12:00:00.%06d", i);
    sqlite3_snprintf(sizeof(zNewOurs), zNewOurs, "ffffffff-0000-4000-8000-%012d", 2 * i);
    sqlite3_snprintf(sizeof(zNewHand), zNewHand, "ffffffff-0000-4000-8000-%012d", 2 * i + 1);
    /* create a new version of an existing key */
    t0 = now();
    sqlite3_bind_text(pIns, 1, zNewOurs, -1, SQLITE_STATIC);
    sqlite3_bind_text(pIns, 2, azKey[2 * i], -1, SQLITE_STATIC);
    run(pIns);
    aOurs[0][i] = now() - t0;
    t0 = now();
    for (k = 0; k < 2; k++) {
      sqlite3_bind_text(apHand[k], 1, "eeeeeeee-0000-4000-8000-000000000000", -1, SQLITE_STATIC);
      sqlite3_bind_text(apHand[k], 2, zNow, -1, SQLITE_STATIC);
      sqlite3_bind_text(apHand[k], 3, azKey[2 * i + 1], -1, SQLITE_STATIC);
      sqlite3_bind_text(apHand[k], 4, zNewHand, -1, SQLITE_STATIC);
      run(apHand[k]);
    }
    aHandT[0][i] = now() - t0;
    /* update the (now older) previous latest: no collection change */
    t0 = now();
    sqlite3_bind_text(pUpd, 1, zOurs, -1, SQLITE_STATIC);
    run(pUpd);
    aOurs[1][i] = now() - t0;
    t0 = now();
    for (k = 2; k < 4; k++) {
      sqlite3_bind_text(apHand[k], 1, zHand, -1, SQLITE_STATIC);
      run(apHand[k]);
    }
    aHandT[1][i] = now() - t0;
    /* delete the new latest: the collection moves back */
    t0 = now();
    sqlite3_bind_text(pDel, 1, zNewOurs, -1, SQLITE_STATIC);
    run(pDel);
    aOurs[2][i] = now() - t0;
    t0 = now();
    sqlite3_bind_text(apHand[4], 1, zNewHand, -1, SQLITE_STATIC);
    if (sqlite3_step(apHand[4]) == SQLITE_ROW) {
      sqlite3_bind_text(apHand[5], 1, zNewHand, -1, SQLITE_STATIC);
      if (sqlite3_step(apHand[5]) == SQLITE_ROW) {
        sqlite3_bind_text(apHand[6], 1, zNewHand, -1, SQLITE_STATIC);
        for (k = 0; k < 9; k++) sqlite3_bind_value(apHand[6], 2 + k, sqlite3_column_value(apHand[5], k));
        run(apHand[6]);
      }
      sqlite3_reset(apHand[5]);
    }
    sqlite3_reset(apHand[4]);
    sqlite3_bind_text(apHand[7], 1, zNewHand, -1, SQLITE_STATIC);
    run(apHand[7]);
    aHandT[2][i] = now() - t0;
  }
  /* both sides did the same: the keys' collection rows point back at their old latest */
  if (strcmp(one_text("SELECT count(*) FROM artifact WHERE id LIKE 'ffffffff-%'"), "0") != 0) die("writes left rows");
  sqlite3_exec(dbw, "ROLLBACK", 0, 0, 0);
  fprintf(pOut, "\nWrites (one artifact per statement, in one transaction, median of %d, µs):\n\n", N_OP);
  fprintf(pOut, "| operation | ours µs | Prefect's statements by hand µs | ours / hand-written |\n| --- | --- | --- | --- |\n");
  {
    static const char *const azOp[3] = {"INSERT a new version of a key (collection upsert)",
                                        "UPDATE description of an older version", "DELETE the latest (collection moves back)"};
    for (k = 0; k < 3; k++) {
      double rOurs = median(aOurs[k], N_OP), rHand = median(aHandT[k], N_OP);
      fprintf(pOut, "| %s | %.1f | %.1f | %.2f |\n", azOp[k], rOurs * 1e6, rHand * 1e6, rOurs / rHand);
    }
  }
  for (k = 0; k < N_HAND; k++) sqlite3_finalize(apHand[k]);
  sqlite3_finalize(pIns);
  sqlite3_finalize(pUpd);
  sqlite3_finalize(pDel);
  for (i = 0; i < nId; i++) { sqlite3_free(azId[i]); sqlite3_free(azKey[i]); }
  sqlite3_free(azId);
  sqlite3_free(azKey);
  sqlite3_close(dbw);
  db = dbRead;
}

int main(int argc, char **argv) {
  double rSeconds = argc > 3 ? atof(argv[3]) : 1.5;
  char *zErr = 0;
  char *zId, *zKey, *zKey2, *zDep, *zFlowRun;
  Case aCase[24];
  int nCase = 0, i;
  FILE *pOut = stdout;
  if (argc < 3) { fprintf(stderr, "usage: bench DB LIB [SECONDS]\n"); return 2; }
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) die("open");
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, argv[2], 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench: load: %s\n", zErr);
    return 1;
  }
  sqlite3_exec(db, "PRAGMA cache_size = -262144", 0, 0, 0);  /* 256 MiB, as a server would */

  zId = one_text("SELECT id FROM artifact WHERE rowid = (SELECT max(rowid) / 2 FROM artifact)");
  zKey = one_text("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 3 FROM artifact_collection)");
  zKey2 = one_text("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 5 FROM artifact_collection)");
  zDep = one_text("SELECT deployment_id FROM flow_run WHERE deployment_id IS NOT NULL AND rowid > (SELECT max(rowid) / 2 FROM flow_run) LIMIT 1");
  zFlowRun = one_text("SELECT flow_run_id FROM artifact WHERE flow_run_id IS NOT NULL AND rowid > (SELECT max(rowid) / 2 FROM artifact) LIMIT 1");

#define CASE(name, ours, ex, in) \
  aCase[nCase].zName = name, aCase[nCase].zOurs = ours, aCase[nCase].zExists = ex, aCase[nCase++].zIn = in
  CASE("point lookup by id (column)", sqlite3_mprintf("SELECT * FROM artifacts WHERE id = '%s'", zId),
       sqlite3_mprintf("SELECT * FROM artifact WHERE id = '%s'", zId), 0);
  CASE("point lookup by id (body)",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"id\": {\"any_\": [\"%s\"]}}}')", zId),
       sqlite3_mprintf("SELECT * FROM artifact WHERE id IN ('%s') ORDER BY id DESC", zId), 0);
  CASE("artifacts of one key", sqlite3_mprintf("SELECT * FROM artifacts WHERE key = '%s'", zKey),
       sqlite3_mprintf("SELECT * FROM artifact WHERE key = '%s' ORDER BY id DESC", zKey), 0);
  CASE("latest of one key",
       sqlite3_mprintf("SELECT * FROM artifact_collections('{\"artifacts\": {\"key\": {\"any_\": [\"%s\"]}}}')", zKey),
       sqlite3_mprintf("SELECT * FROM artifact_collection WHERE key IN ('%s') ORDER BY id DESC", zKey), 0);
  CASE("key like_, limit 50",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"key\": {\"like_\": \"%.8s\"}}, \"limit\": 50}')", zKey2),
       sqlite3_mprintf("SELECT * FROM artifact WHERE lower(key) LIKE lower('%%%.8s%%') ORDER BY id DESC LIMIT 50", zKey2), 0);
  CASE("type any_ (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"artifacts\": {\"type\": {\"any_\": [\"progress\"]}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE type IN ('progress')"), 0);
  CASE("flow-run state FAILED (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND fr.state_type IN ('FAILED'))"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.state_type IN ('FAILED'))"));
  CASE("run tags all_ [dev] (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"tags\": {\"all_\": [\"dev\"]}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND (SELECT count(DISTINCT t.value) FROM json_each(fr.tags) AS t JOIN json_each(json_array('dev')) AS n ON t.value = n.value) >= 1)"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM json_each(fr.tags) AS t WHERE t.value = 'dev'))"));
  CASE("run start_time window, one day (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"start_time\": {\"after_\": \"2026-10-15T00:00:00Z\", \"before_\": \"2026-10-16T00:00:00Z\"}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND coalesce(fr.start_time, fr.expected_start_time) <= '2026-10-16 00:00:00.000000' AND coalesce(fr.start_time, fr.expected_start_time) >= '2026-10-15 00:00:00.000000')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE coalesce(fr.start_time, fr.expected_start_time) <= '2026-10-16 00:00:00.000000' AND coalesce(fr.start_time, fr.expected_start_time) >= '2026-10-15 00:00:00.000000')"));
  CASE("one deployment (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"deployments\": {\"id\": {\"any_\": [\"%s\"]}}}')", zDep),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr JOIN deployment AS d ON d.id = fr.deployment_id WHERE fr.id = a.flow_run_id AND d.id IN ('%s'))", zDep),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr JOIN deployment AS d ON d.id = fr.deployment_id WHERE d.id IN ('%s'))", zDep));
  CASE("one flow run's artifacts",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"flow_run_id\": {\"any_\": [\"%s\"]}}}')", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact WHERE flow_run_id IN ('%s') ORDER BY id DESC", zFlowRun), 0);
  CASE("or_ of key and type (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"artifacts\": {\"operator\": \"or_\", \"key\": {\"any_\": [\"%s\"]}, \"type\": {\"any_\": [\"progress\"]}}}')", zKey),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE key IN ('%s') OR type IN ('progress')", zKey), 0);
  CASE("UPDATED_DESC page 2001 (offset 100000)",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"sort\": \"UPDATED_DESC\", \"limit\": 50, \"offset\": 100000}')"),
       sqlite3_mprintf("SELECT * FROM artifact ORDER BY updated DESC LIMIT 50 OFFSET 100000"), 0);
  CASE("latest KEY_ASC limit 20, completed runs",
       sqlite3_mprintf("SELECT * FROM artifact_collections('{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}, \"sort\": \"KEY_ASC\", \"limit\": 20}')"),
       sqlite3_mprintf("SELECT * FROM artifact_collection AS ac WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = ac.flow_run_id AND fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20"),
       sqlite3_mprintf("SELECT * FROM artifact_collection AS ac WHERE ac.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20"));
  CASE("one flow run's artifacts, KEY_ASC limit 20 (narrow)",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"flow_runs\": {\"id\": {\"any_\": [\"%s\"]}}, \"sort\": \"KEY_ASC\", \"limit\": 20}')", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND fr.id IN ('%s')) ORDER BY key ASC LIMIT 20", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.id IN ('%s')) ORDER BY key ASC LIMIT 20", zFlowRun));
  CASE("count of all artifacts", sqlite3_mprintf("SELECT count(*) FROM artifacts"),
       sqlite3_mprintf("SELECT count(*) FROM artifact"), 0);

  fprintf(pOut, "Database: %s. SQLite %s. Median ms of interleaved runs, %.1f s per query.\n\n", argv[1],
          sqlite3_libversion(), rSeconds);
  fprintf(pOut, "| query | rows | ours ms | EXISTS ms (Prefect's shape) | IN ms | ours / best hand-written | speed-up over Prefect's shape |\n");
  fprintf(pOut, "| --- | --- | --- | --- | --- | --- | --- |\n");
  for (i = 0; i < nCase; i++) {
    /* BENCH_ONLY=substring runs the matching queries only (for profiling) */
    if (getenv("BENCH_ONLY") && !strstr(aCase[i].zName, getenv("BENCH_ONLY"))) continue;
    bench_case(&aCase[i], rSeconds, pOut);
  }
  if (getenv("BENCH_ONLY") && strcmp(getenv("BENCH_ONLY"), "writes") == 0) {
    bench_writes(argv[1], argv[2], pOut);
    return 0;
  }
  if (getenv("BENCH_ONLY")) return 0;
  bench_tiny(zId, pOut);
  bench_memory(pOut);
  bench_writes(argv[1], argv[2], pOut);
  sqlite3_close(db);
  return 0;
}
