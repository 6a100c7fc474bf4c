/*
** bench.c: sqlite-prefect against the best hand-written SQL, in one process
** on one database, interleaved, many repetitions, medians and ratios.
**
**   bench DB LIB [SECONDS_PER_QUERY [SMALL_DB]]
**
** For every query there is our statement (a virtual table with a body, or
** prefect_api()), Prefect's own SQL shape (correlated EXISTS) and, where
** related filters are involved, the IN shape an expert would also try.
** "best" is the faster of the hand-written ones. Each variant is prepared
** once and re-run; every run reads every column of every row, through the
** same function (run()).
**
** The floor: SQLite's own cost of handing out one row from a virtual table
** is measured in the same run on a virtual table that does nothing
** (bench_series below), and each query's floor is the best hand-written
** time plus that cost for every row our table hands to SQLite: the rows our
** statement's inner statements returned (counted with SQLITE_TRACE_ROW),
** or, where the table counts instead (count(*), GROUP BY over its own
** columns: one inner row stands for many), the rows the counts stand for,
** read from our statement's own result (Case.iHandedColumn). With SMALL_DB (the same
** database at a tenth of the size) every query runs there too, and the
** growth from SMALL_DB to DB is compared with the hand-written SQL's.
** Prints markdown; timings are never asserted.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;

#define MAX_REPS 2000
#define MAX_FLOOR_REPS 200

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
static volatile sqlite3_int64 iSink;
static volatile double rSink;

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

/*
** Digest: one untimed run that checks what the timed runs read and counts
** the rows our statement's own inner statements returned. Every value is
** hashed as text, and the hashes are summed, so that the digest depends
** neither on row order nor on column order (the tables and Prefect's
** tables order columns differently) nor on storage class (prefect_api()
** answers a count as the text "123"). SQLITE_TRACE_ROW fires for every
** row of every statement on the connection; rows of statements other than
** the one being run are rows an extension stepped inside it: for a virtual
** table, the rows its cursor hands to SQLite.
*/
typedef struct Digest {
  long nRow;               /* rows of the statement itself */
  sqlite3_int64 nInner;    /* rows of the statements run inside it */
  sqlite3_int64 nSum;      /* the sum of its column iSumColumn (1-based; 0: none) */
  sqlite3_uint64 uHash;    /* sum of the values' FNV-1a hashes */
} Digest;

static sqlite3_stmt *pTraceOuter;  /* the statement being digested */
static sqlite3_int64 nTraceInner;

static int trace_row(unsigned mask, void *pCtx, void *pStmt, void *pX) {
  (void)mask, (void)pCtx, (void)pX;
  if (pStmt != (void *)pTraceOuter) nTraceInner++;
  return 0;
}

static sqlite3_uint64 fnv1a(const unsigned char *z, int n) {
  sqlite3_uint64 h = 0xcbf29ce484222325ULL;
  int i;
  for (i = 0; i < n; i++) h = (h ^ z[i]) * 0x100000001b3ULL;
  return h;
}

static void digest(sqlite3_stmt *p, int iSumColumn, Digest *pD) {
  int rc, i, nCol = sqlite3_column_count(p);
  memset(pD, 0, sizeof(*pD));
  pTraceOuter = p;
  nTraceInner = 0;
  sqlite3_trace_v2(db, SQLITE_TRACE_ROW, trace_row, 0);
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    for (i = 0; i < nCol; i++) {
      const unsigned char *z = sqlite3_column_text(p, i);
      pD->uHash += z ? fnv1a(z, sqlite3_column_bytes(p, i)) : 0x9e3779b97f4a7c15ULL;
    }
    if (iSumColumn > 0) pD->nSum += sqlite3_column_int64(p, iSumColumn - 1);
    pD->nRow++;
  }
  sqlite3_trace_v2(db, 0, 0, 0);
  if (rc != SQLITE_DONE) die("step");
  sqlite3_reset(p);
  pD->nInner = nTraceInner;
}

/*
** bench_series: a virtual table that does nothing but hand out rows, to
** measure what SQLite itself spends per virtual-table row (Debian's
** libsqlite3 has no generate_series). Modelled on SQLite's ext/misc/series.c,
** cut down to one column: `SELECT value FROM bench_series(N)` gives 1..N;
** xNext increments, xColumn returns the integer. Eponymous only (no
** xCreate), registered on the benchmark's connection only.
*/
#define SERIES_COLUMN_VALUE 0
#define SERIES_COLUMN_STOP 1  /* hidden: the argument */

typedef struct SeriesCursor {
  sqlite3_vtab_cursor base;
  sqlite3_int64 iValue;  /* the current row's value */
  sqlite3_int64 iStop;   /* the last value */
} SeriesCursor;

static int seriesConnect(sqlite3 *dbArg, void *pAux, int argc, const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  int rc = sqlite3_declare_vtab(dbArg, "CREATE TABLE x(value, stop HIDDEN)");
  (void)pAux, (void)argc, (void)argv, (void)pzErr;
  *ppVtab = 0;
  if (rc != SQLITE_OK) return rc;
  *ppVtab = sqlite3_malloc(sizeof(sqlite3_vtab));
  if (!*ppVtab) return SQLITE_NOMEM;
  memset(*ppVtab, 0, sizeof(sqlite3_vtab));
  return SQLITE_OK;
}

static int seriesDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int seriesOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  SeriesCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static int seriesClose(sqlite3_vtab_cursor *pCursor) {
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

/* idxNum 1: argv[0] is stop; 0: no stop, no rows */
static int seriesFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  SeriesCursor *pCur = (SeriesCursor *)pCursor;
  (void)idxStr;
  pCur->iValue = 1;
  pCur->iStop = idxNum == 1 && argc == 1 ? sqlite3_value_int64(argv[0]) : 0;
  return SQLITE_OK;
}

static int seriesNext(sqlite3_vtab_cursor *pCursor) {
  ((SeriesCursor *)pCursor)->iValue++;
  return SQLITE_OK;
}

static int seriesEof(sqlite3_vtab_cursor *pCursor) {
  SeriesCursor *pCur = (SeriesCursor *)pCursor;
  return pCur->iValue > pCur->iStop;
}

static int seriesColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  SeriesCursor *pCur = (SeriesCursor *)pCursor;
  sqlite3_result_int64(ctx, i == SERIES_COLUMN_STOP ? pCur->iStop : pCur->iValue);
  return SQLITE_OK;
}

static int seriesRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = ((SeriesCursor *)pCursor)->iValue;
  return SQLITE_OK;
}

static int seriesBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int i;
  (void)pVtab;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    if (pC->iColumn == SERIES_COLUMN_STOP && pC->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      if (!pC->usable) return SQLITE_CONSTRAINT;
      pInfo->aConstraintUsage[i].argvIndex = 1;
      pInfo->aConstraintUsage[i].omit = 1;
      pInfo->idxNum = 1;
      pInfo->estimatedCost = 1000;
      pInfo->estimatedRows = 1000;
      return SQLITE_OK;
    }
  }
  pInfo->estimatedCost = 1;  /* no stop: no rows */
  pInfo->estimatedRows = 0;
  return SQLITE_OK;
}

static sqlite3_module seriesModule = {
  0, 0, seriesConnect, seriesBestIndex, seriesDisconnect, 0, seriesOpen, seriesClose, seriesFilter,
  seriesNext, seriesEof, seriesColumn, seriesRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
** The virtual-table floor: every row source below gives the same N
** integers, under three consumers (count(*), count(value), stepped to the
** caller with run()), in a fresh random order every round. The per-row
** cost the floors use is bench_series under count(*): all SQLite does to
** take a row from a virtual table that does no work of its own and count
** it. Returns it in seconds per row; the section goes to *ppText.
*/
#define FLOOR_ROWS 1000000
enum { FL_VT_COUNT, FL_VT_COUNTV, FL_VT_STEP, FL_TAB_COUNT, FL_TAB_COUNTV, FL_TAB_STEP, FL_CTE_COUNTV,
       FL_CTE_STEP, FL_N };
static double aFloorTime[FL_N][MAX_FLOOR_REPS];

static double bench_floor(double rSeconds, char **ppText, double *prValueCost) {
#define CTE "WITH RECURSIVE c(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM c WHERE value < %d) "
  static const char *const azFmt[FL_N] = {
    "SELECT count(*) FROM bench_series(%d)",
    "SELECT count(value) FROM bench_series(%d)",
    "SELECT value FROM bench_series(%d)",
    "SELECT count(*) FROM temp.bench_ints WHERE value IS NOT NULL",  /* else SQLite counts entries, no rows */
    "SELECT count(value) FROM temp.bench_ints",
    "SELECT value FROM temp.bench_ints",
    CTE "SELECT count(value) FROM c",
    CTE "SELECT value FROM c",
  };
  sqlite3_stmt *ap[FL_N];
  double aNs[FL_N], rStart;
  sqlite3_str *pText = sqlite3_str_new(0);
  int i, nRep = 0;
  char *zSql;
  if (sqlite3_create_module(db, "bench_series", &seriesModule, 0) != SQLITE_OK) die("bench_series");
  zSql = sqlite3_mprintf("CREATE TEMP TABLE bench_ints(value INTEGER PRIMARY KEY);"
                         "INSERT INTO temp.bench_ints " CTE "SELECT value FROM c", FLOOR_ROWS);
  if (sqlite3_exec(db, zSql, 0, 0, 0) != SQLITE_OK) die("bench_ints");
  sqlite3_free(zSql);
  for (i = 0; i < FL_N; i++) {
    zSql = sqlite3_mprintf(azFmt[i], FLOOR_ROWS);
    if (sqlite3_prepare_v2(db, zSql, -1, &ap[i], 0) != SQLITE_OK) die(zSql);
    sqlite3_free(zSql);
    run(ap[i]);
  }
  rStart = now();
  while (nRep < MAX_FLOOR_REPS && (nRep < 5 || now() - rStart < 2 * rSeconds)) {
    int aOrder[FL_N];
    for (i = 0; i < FL_N; i++) aOrder[i] = i;
    for (i = FL_N - 1; i > 0; i--) {
      int j = rand() % (i + 1), t = aOrder[i];
      aOrder[i] = aOrder[j];
      aOrder[j] = t;
    }
    for (i = 0; i < FL_N; i++) {
      double t0 = now();
      run(ap[aOrder[i]]);
      aFloorTime[aOrder[i]][nRep] = now() - t0;
    }
    nRep++;
  }
  for (i = 0; i < FL_N; i++) {
    aNs[i] = median(aFloorTime[i], nRep) / FLOOR_ROWS * 1e9;
    sqlite3_finalize(ap[i]);
  }
  sqlite3_exec(db, "DROP TABLE temp.bench_ints", 0, 0, 0);
  sqlite3_str_appendf(pText, "\nThe virtual-table floor (%d rows from each source, median of %d interleaved rounds, "
                      "ns per row):\n\n", FLOOR_ROWS, nRep);
  sqlite3_str_appendf(pText, "| row source | `count(*)` | `count(value)` | stepped, every column read |\n"
                      "| --- | --- | --- | --- |\n");
  sqlite3_str_appendf(pText, "| `bench_series`: a virtual table that does nothing (xNext increments, xColumn "
                      "returns the integer) | **%.1f** | %.1f | %.1f |\n", aNs[FL_VT_COUNT], aNs[FL_VT_COUNTV],
                      aNs[FL_VT_STEP]);
  sqlite3_str_appendf(pText, "| a plain table (`TEMP`, `value INTEGER PRIMARY KEY`; `count(*)` with `WHERE value IS NOT NULL`, "
                      "without which SQLite counts b-tree entries and visits no row) | %.1f | %.1f | "
                      "%.1f |\n", aNs[FL_TAB_COUNT], aNs[FL_TAB_COUNTV], aNs[FL_TAB_STEP]);
  sqlite3_str_appendf(pText, "| a recursive CTE | – | %.1f | %.1f |\n", aNs[FL_CTE_COUNTV], aNs[FL_CTE_STEP]);
  sqlite3_str_appendf(pText, "\nPer-row virtual-table cost used by the floors: **%.1f ns**, all SQLite does to take "
                      "one row from `bench_series` and count it. The virtual table minus the plain table: %+.1f ns "
                      "under `count(*)`, %+.1f ns under `count(value)`, %+.1f ns stepped: SQLite hands a row out of a "
                      "virtual table about as cheaply as out of a b-tree, so the table is not subtracted (a table over "
                      "Prefect's tables walks their b-trees as well, in its inner statement).\n", aNs[FL_VT_COUNT],
                      aNs[FL_VT_COUNT] - aNs[FL_TAB_COUNT], aNs[FL_VT_COUNTV] - aNs[FL_TAB_COUNTV],
                      aNs[FL_VT_STEP] - aNs[FL_TAB_STEP]);
  sqlite3_str_appendf(pText, "\nPer value SQLite takes from a virtual table (`count(value)` minus `count(*)` on "
                      "`bench_series`: `xColumn`, the register, one more aggregate step): **%.1f ns**, used by the "
                      "floors with values.\n", aNs[FL_VT_COUNTV] - aNs[FL_VT_COUNT]);
  *ppText = sqlite3_str_finish(pText);
  *prValueCost = aNs[FL_VT_COUNTV] > aNs[FL_VT_COUNT] ? (aNs[FL_VT_COUNTV] - aNs[FL_VT_COUNT]) * 1e-9 : 0;
  return aNs[FL_VT_COUNT] * 1e-9;
#undef CTE
}

typedef struct Case {
  const char *zName;
  char *zOurs;     /* through the extension */
  char *zExists;   /* Prefect's shape, by hand */
  char *zIn;       /* the IN shape, by hand (NULL when not applicable) */
  int iHandedColumn;  /* our table counts rather than steps rows: our result's column (1-based) whose
                      ** sum is the rows it hands to SQLite; 0: those are the rows its inner
                      ** statements return */
  int nValues;        /* values SQLite takes from each handed row (-1: every column our statement
                      ** selects); 0: none counted (a count, prefect_api(), a history) */
} Case;

/* What one query measured on one database. */
typedef struct Result {
  int bDone;              /* measured (BENCH_ONLY may skip a query) */
  int nVar;               /* 2, or 3 with an IN shape */
  double aMed[3];         /* median seconds: ours, EXISTS (or the hand-written), IN */
  double rBest;           /* the faster hand-written median */
  long nRow;              /* rows of the query */
  sqlite3_int64 nInner;   /* rows our table handed to SQLite (see Case.iHandedColumn) */
  int nValues;            /* values SQLite took from each (see Case.nValues) */
  int bDiffer;            /* ours and hand-written read different values */
} Result;

static double aTime[2][3][MAX_REPS];

/*
** One query, at one size or at two (apDb[0] the large database, apDb[1]
** the small one, each with its own Case: ids are picked per database). All
** variants of all sizes run in one fresh random order every round, so that
** the growth from one size to the other is measured under the same
** conditions as the ratios.
*/
static void bench_case(sqlite3 **apDb, Case **apCase, Result **apRes, int nSize, double rSeconds) {
  sqlite3_stmt *ap[2][3] = {{0, 0, 0}, {0, 0, 0}};
  Digest aDigest[3];
  double rStart;
  int nRep = 0, i, k, nVar = apCase[0]->zIn ? 3 : 2;
  for (k = 0; k < nSize; k++) {
    const char *azSql[3] = {apCase[k]->zOurs, apCase[k]->zExists, apCase[k]->zIn};
    Result *pRes = apRes[k];
    db = apDb[k];
    memset(pRes, 0, sizeof(*pRes));
    for (i = 0; i < nVar; i++) {
      if (sqlite3_prepare_v2(db, azSql[i], -1, &ap[k][i], 0) != SQLITE_OK) die(azSql[i]);
      digest(ap[k][i], i == 0 ? apCase[k]->iHandedColumn : 0, &aDigest[i]);  /* also warms the caches */
    }
    for (i = 1; i < nVar; i++) {
      if (aDigest[i].nRow != aDigest[0].nRow) {
        fprintf(stderr, "bench: %s: %ld rows through the extension, %ld by hand (%s)\n", apCase[k]->zName,
                aDigest[0].nRow, aDigest[i].nRow, azSql[i]);
        exit(1);
      }
      /* not fatal: a sort without a tie-breaker may pick other rows, as in Prefect */
      if (aDigest[i].uHash != aDigest[0].uHash) pRes->bDiffer = 1;
    }
    if (pRes->bDiffer) {
      fprintf(stderr, "bench: %s: the values read differ between ours and hand-written\n", apCase[k]->zName);
    }
    pRes->nVar = nVar;
    pRes->nRow = aDigest[0].nRow;
    pRes->nInner = apCase[k]->iHandedColumn ? aDigest[0].nSum : aDigest[0].nInner;
    pRes->nValues = apCase[k]->nValues < 0 ? sqlite3_column_count(ap[k][0]) : apCase[k]->nValues;
  }
  rStart = now();
  srand(12345);
  while (nRep < MAX_REPS && (nRep < 3 || now() - rStart < rSeconds * nSize)) {
    /* a fresh random order every round: no variant regularly runs right
    ** after a slow one that left the caches cold */
    int aOrder[6], nItem = nSize * nVar;
    for (i = 0; i < nItem; i++) aOrder[i] = i;
    for (i = nItem - 1; i > 0; i--) {
      int j = rand() % (i + 1), t = aOrder[i];
      aOrder[i] = aOrder[j];
      aOrder[j] = t;
    }
    for (i = 0; i < nItem; i++) {
      int iSize = aOrder[i] / nVar, iVar = aOrder[i] % nVar;
      double t0;
      db = apDb[iSize];
      t0 = now();
      run(ap[iSize][iVar]);
      aTime[iSize][iVar][nRep] = now() - t0;
    }
    nRep++;
  }
  for (k = 0; k < nSize; k++) {
    Result *pRes = apRes[k];
    for (i = 0; i < nVar; i++) {
      pRes->aMed[i] = median(aTime[k][i], nRep);
      sqlite3_finalize(ap[k][i]);
    }
    pRes->rBest = nVar == 3 && pRes->aMed[2] < pRes->aMed[1] ? pRes->aMed[2] : pRes->aMed[1];
    pRes->bDone = 1;
  }
  db = apDb[0];
}

/* One line of the main table; rRowCost, rValueCost: what SQLite spends per
** virtual-table row and per value it takes from one. */
static void print_case(const Case *pCase, const Result *pRes, double rRowCost, double rValueCost, FILE *pOut) {
  double rFloor = pRes->rBest + (double)pRes->nInner * rRowCost;
  double rValues = rFloor + (double)pRes->nInner * pRes->nValues * rValueCost;
  char *zIn = pRes->nVar == 3 ? sqlite3_mprintf("%.3f", pRes->aMed[2] * 1e3) : 0;
  char *zValues = pRes->nValues ? sqlite3_mprintf("%d: **%.2f**", pRes->nValues, pRes->aMed[0] / rValues) : 0;
  fprintf(pOut, "| %s | %ld%s | %lld | %.3f | %.3f | %s | **%.2f** | %.3f | **%.2f** | %s | %.1f× |\n", pCase->zName,
          pRes->nRow, pRes->bDiffer ? " †" : "", pRes->nInner, pRes->aMed[0] * 1e3, pRes->aMed[1] * 1e3,
          zIn ? zIn : "–", pRes->aMed[0] / pRes->rBest, rFloor * 1e3, pRes->aMed[0] / rFloor, zValues ? zValues : "–",
          pRes->aMed[1] / pRes->aMed[0]);
  fflush(pOut);
  sqlite3_free(zIn);
  sqlite3_free(zValues);
}

/*
** Flow-run history (POST /flow_runs/history, flow_run_history()) against
** Prefect's own statement shape and against arithmetic bucketing, as rows
** (interval, state) with the sums in seconds. "now" is pinned (open_db) to
** HISTORY_NOW, so a running run's estimate and a late run's lateness are the
** same on every side. zStart: 'YYYY-MM-DD HH:MM:SS' (whole seconds), nDays
** and iStep (seconds) the span and the interval; zFilter the flow-run
** condition on `fr` for the two hand-written sides (Prefect's EXISTS form
** and the IN form), zBodyFilter its body keys ("" for none).
*/
#define HISTORY_NOW "2026-11-01 00:00:00.000000"

/* z with every "R." replaced by zAlias "." */
static void append_aliased(sqlite3_str *pOut, const char *z, const char *zAlias) {
  for (; *z; z++) {
    if (z[0] == 'R' && z[1] == '.') {
      sqlite3_str_appendf(pOut, "%s.", zAlias);
      z++;
    } else {
      sqlite3_str_appendchar(pOut, 1, *z);
    }
  }
}

/* Prefect's SQLite expressions (history.c), on the run alias R, now pinned */
static const char zHistRunTime[] =
  "max(0, CAST(strftime('%s', CASE WHEN R.state_type = 'RUNNING' THEN strftime('%Y-%m-%d %H:%M:%f000', "
  "2440587.5 + ((julianday(R.total_run_time) - 2440587.5) + (julianday(strftime('%Y-%m-%d %H:%M:%f000', "
  "2440587.5 + (julianday('" HISTORY_NOW "') - julianday(R.state_timestamp)))) - 2440587.5))) "
  "ELSE R.total_run_time END) AS INTEGER))";
static const char zHistLateness[] =
  "max(0, CAST(strftime('%s', CASE WHEN R.start_time > R.expected_start_time THEN "
  "strftime('%Y-%m-%d %H:%M:%f000', 2440587.5 + (julianday(R.start_time) - julianday(R.expected_start_time))) "
  "WHEN R.start_time IS NULL AND R.state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
  "AND R.expected_start_time < '" HISTORY_NOW "' THEN "
  "strftime('%Y-%m-%d %H:%M:%f000', 2440587.5 + (julianday('" HISTORY_NOW "') - julianday(R.expected_start_time))) "
  "ELSE '1970-01-01 00:00:00.000000' END) AS INTEGER))";

/* Prefect's interval CTE for SQLite (make_timestamp_intervals), named zName,
** columns (interval_start, interval_end, counter) */
static void append_interval_cte(sqlite3_str *p, const char *zName, const char *zStart, int nDays, int iStep) {
  char *zStep = sqlite3_mprintf("strftime('%%Y-%%m-%%d %%H:%%M:%%f000', %d, 'unixepoch')", iStep);
  sqlite3_str_appendf(p,
      "%s(interval_start, interval_end, counter) AS ("
      "SELECT '%s.000000', strftime('%%Y-%%m-%%d %%H:%%M:%%f000', julianday('%s.000000') + (julianday(%s) - 2440587.5)), 1 "
      "UNION ALL SELECT interval_end, strftime('%%Y-%%m-%%d %%H:%%M:%%f000', julianday(interval_end) + (julianday(%s) - 2440587.5)), counter + 1 "
      "FROM %s WHERE interval_start < strftime('%%Y-%%m-%%d %%H:%%M:%%f000', '%s', '+%d days', '-%d seconds') AND counter < 500)",
      zName, zStart, zStart, zStep, zStep, zName, zStart, nDays, iStep);
  sqlite3_free(zStep);
}

static void history_case(Case *pCase, const char *zName, const char *zTable, const char *zStart, int nDays, int iStep,
                         const char *zExistsFilter, const char *zInFilter, const char *zBodyFilter) {
  sqlite3_str *p;
  pCase->zName = zName;
  pCase->iHandedColumn = 0;
  pCase->nValues = 0;
  pCase->zOurs = sqlite3_mprintf(
      "SELECT * FROM %s_history('{\"history_start\": \"%.10sT%sZ\", \"history_end\": "
      "\"' || strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', '%s', '+%d days') || '\", \"history_interval_seconds\": %d%s%s}')",
      zTable, zStart, zStart + 11, zStart, nDays, iStep, zBodyFilter[0] ? ", " : "", zBodyFilter);
  /* Prefect's: the intervals outer-joined by range to the filtered runs, grouped by interval and state */
  p = sqlite3_str_new(0);
  sqlite3_str_appendall(p, "WITH RECURSIVE ");
  append_interval_cte(p, "anon_1", zStart, nDays, iStep);
  sqlite3_str_appendall(p, ", intervals AS (SELECT interval_start, interval_end FROM anon_1) "
                           "SELECT intervals.interval_start, intervals.interval_end, runs.state_type, runs.state_name, "
                           "count(runs.id), total(runs.rt), total(runs.lt) FROM intervals LEFT OUTER JOIN "
                           "(SELECT fr.id AS id, fr.expected_start_time AS expected_start_time, fr.state_type AS state_type, "
                           "fr.state_name AS state_name, ");
  append_aliased(p, zHistRunTime, "fr");
  sqlite3_str_appendall(p, " AS rt, ");
  append_aliased(p, zHistLateness, "fr");
  sqlite3_str_appendf(p, " AS lt FROM %s AS fr WHERE %s) AS runs "
                         "ON runs.expected_start_time >= intervals.interval_start AND runs.expected_start_time < intervals.interval_end "
                         "GROUP BY intervals.interval_start, intervals.interval_end, runs.state_type, runs.state_name "
                         "ORDER BY intervals.interval_start",
                      zTable, zExistsFilter);
  pCase->zExists = sqlite3_str_finish(p);
  /* by hand: one grouped pass over the runs in range, each bucketed by
  ** arithmetic on its whole seconds (the bounds are whole seconds), then
  ** joined to the intervals by number */
  p = sqlite3_str_new(0);
  sqlite3_str_appendall(p, "WITH RECURSIVE ");
  append_interval_cte(p, "iv", zStart, nDays, iStep);
  sqlite3_str_appendf(p, ", g AS (SELECT (unixepoch(fr.expected_start_time) - unixepoch('%s')) / %d + 1 AS k, "
                         "fr.state_type AS state_type, fr.state_name AS state_name, count(*) AS n, total(",
                      zStart, iStep);
  append_aliased(p, zHistRunTime, "fr");
  sqlite3_str_appendall(p, ") AS rt, total(");
  append_aliased(p, zHistLateness, "fr");
  sqlite3_str_appendf(p, ") AS lt FROM %s AS fr WHERE fr.expected_start_time >= '%s.000000' "
                         "AND fr.expected_start_time < (SELECT max(interval_end) FROM iv) AND %s GROUP BY 1, 2, 3) "
                         "SELECT iv.interval_start, iv.interval_end, g.state_type, g.state_name, coalesce(g.n, 0), "
                         "coalesce(g.rt, 0.0), coalesce(g.lt, 0.0) FROM iv LEFT JOIN g ON g.k = iv.counter",
                      zTable, zStart, zInFilter);
  pCase->zIn = sqlite3_str_finish(p);
}

/*
** The queries, on the database `db` is open on: ids, keys and the offset
** are picked from that database, the same way at every size.
*/
#define N_CASE 31
static int make_cases(Case *aCase) {
  int nCase = 0;
  char *zId = one_text("SELECT id FROM artifact WHERE rowid = (SELECT max(rowid) / 2 FROM artifact)");
  char *zKey = one_text("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 3 FROM artifact_collection)");
  char *zKey2 = one_text("SELECT key FROM artifact_collection WHERE rowid = (SELECT max(rowid) / 5 FROM artifact_collection)");
  char *zDep = one_text("SELECT deployment_id FROM flow_run WHERE deployment_id IS NOT NULL AND rowid > (SELECT max(rowid) / 2 FROM flow_run) LIMIT 1");
  char *zFlowRun = one_text("SELECT flow_run_id FROM artifact WHERE flow_run_id IS NOT NULL AND rowid > (SELECT max(rowid) / 2 FROM artifact) LIMIT 1");
  char *zOffset = one_text("SELECT count(*) / 10 FROM artifact");

#define CASE(name, ours, ex, in)                                                                   \
  aCase[nCase].zName = name, aCase[nCase].zOurs = ours, aCase[nCase].zExists = ex, aCase[nCase].zIn = in, \
  aCase[nCase].iHandedColumn = 0, aCase[nCase++].nValues = 0
/* SQLite takes n values from each row the last case's table hands out (-1: every column selected) */
#define VALUES(n) aCase[nCase - 1].nValues = n
/* the last case's table counts: its rows handed are the sum of our column iCol */
#define COUNTED(iCol) aCase[nCase - 1].iHandedColumn = iCol
  CASE("point lookup by id (column)", sqlite3_mprintf("SELECT * FROM artifacts WHERE id = '%s'", zId),
       sqlite3_mprintf("SELECT * FROM artifact WHERE id = '%s'", zId), 0);
  VALUES(-1);
  CASE("point lookup by id (body)",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"id\": {\"any_\": [\"%s\"]}}}')", zId),
       sqlite3_mprintf("SELECT * FROM artifact WHERE id IN ('%s') ORDER BY id DESC", zId), 0);
  VALUES(-1);
  CASE("artifacts of one key", sqlite3_mprintf("SELECT * FROM artifacts WHERE key = '%s'", zKey),
       sqlite3_mprintf("SELECT * FROM artifact WHERE key = '%s' ORDER BY id DESC", zKey), 0);
  VALUES(-1);
  CASE("latest of one key",
       sqlite3_mprintf("SELECT * FROM artifact_collections('{\"artifacts\": {\"key\": {\"any_\": [\"%s\"]}}}')", zKey),
       sqlite3_mprintf("SELECT * FROM artifact_collection WHERE key IN ('%s') ORDER BY id DESC", zKey), 0);
  VALUES(-1);
  CASE("key like_, limit 50",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"key\": {\"like_\": \"%.8s\"}}, \"limit\": 50}')", zKey2),
       sqlite3_mprintf("SELECT * FROM artifact WHERE lower(key) LIKE lower('%%%.8s%%') ORDER BY id DESC LIMIT 50", zKey2), 0);
  VALUES(-1);
  CASE("type any_ (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"artifacts\": {\"type\": {\"any_\": [\"progress\"]}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE type IN ('progress')"), 0);
  COUNTED(1);
  CASE("flow-run state FAILED (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND fr.state_type IN ('FAILED'))"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.state_type IN ('FAILED'))"));
  COUNTED(1);
  CASE("run tags all_ [dev] (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"tags\": {\"all_\": [\"dev\"]}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND (SELECT count(DISTINCT t.value) FROM json_each(fr.tags) AS t JOIN json_each(json_array('dev')) AS n ON t.value = n.value) >= 1)"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE EXISTS (SELECT 1 FROM json_each(fr.tags) AS t WHERE t.value = 'dev'))"));
  COUNTED(1);
  CASE("run start_time window, one day (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"flow_runs\": {\"start_time\": {\"after_\": \"2026-10-15T00:00:00Z\", \"before_\": \"2026-10-16T00:00:00Z\"}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND coalesce(fr.start_time, fr.expected_start_time) <= '2026-10-16 00:00:00.000000' AND coalesce(fr.start_time, fr.expected_start_time) >= '2026-10-15 00:00:00.000000')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE coalesce(fr.start_time, fr.expected_start_time) <= '2026-10-16 00:00:00.000000' AND coalesce(fr.start_time, fr.expected_start_time) >= '2026-10-15 00:00:00.000000')"));
  COUNTED(1);
  CASE("one deployment (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"deployments\": {\"id\": {\"any_\": [\"%s\"]}}}')", zDep),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr JOIN deployment AS d ON d.id = fr.deployment_id WHERE fr.id = a.flow_run_id AND d.id IN ('%s'))", zDep),
       sqlite3_mprintf("SELECT count(*) FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr JOIN deployment AS d ON d.id = fr.deployment_id WHERE d.id IN ('%s'))", zDep));
  COUNTED(1);
  CASE("one flow run's artifacts",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"artifacts\": {\"flow_run_id\": {\"any_\": [\"%s\"]}}}')", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact WHERE flow_run_id IN ('%s') ORDER BY id DESC", zFlowRun), 0);
  VALUES(-1);
  CASE("or_ of key and type (count)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"artifacts\": {\"operator\": \"or_\", \"key\": {\"any_\": [\"%s\"]}, \"type\": {\"any_\": [\"progress\"]}}}')", zKey),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE key IN ('%s') OR type IN ('progress')", zKey), 0);
  COUNTED(1);
  CASE("UPDATED_DESC limit 50, offset a tenth of the artifacts",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"sort\": \"UPDATED_DESC\", \"limit\": 50, \"offset\": %s}')", zOffset),
       sqlite3_mprintf("SELECT * FROM artifact ORDER BY updated DESC LIMIT 50 OFFSET %s", zOffset), 0);
  VALUES(-1);
  CASE("latest KEY_ASC limit 20, completed runs",
       sqlite3_mprintf("SELECT * FROM artifact_collections('{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"COMPLETED\"]}}}, \"sort\": \"KEY_ASC\", \"limit\": 20}')"),
       sqlite3_mprintf("SELECT * FROM artifact_collection AS ac WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = ac.flow_run_id AND fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20"),
       sqlite3_mprintf("SELECT * FROM artifact_collection AS ac WHERE ac.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.state_type IN ('COMPLETED')) ORDER BY key ASC LIMIT 20"));
  VALUES(-1);
  CASE("one flow run's artifacts, KEY_ASC limit 20 (narrow)",
       sqlite3_mprintf("SELECT * FROM artifacts('{\"flow_runs\": {\"id\": {\"any_\": [\"%s\"]}}, \"sort\": \"KEY_ASC\", \"limit\": 20}')", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact AS a WHERE EXISTS (SELECT 1 FROM flow_run AS fr WHERE fr.id = a.flow_run_id AND fr.id IN ('%s')) ORDER BY key ASC LIMIT 20", zFlowRun),
       sqlite3_mprintf("SELECT * FROM artifact AS a WHERE a.flow_run_id IN (SELECT fr.id FROM flow_run AS fr WHERE fr.id IN ('%s')) ORDER BY key ASC LIMIT 20", zFlowRun));
  VALUES(-1);
  CASE("count of all artifacts", sqlite3_mprintf("SELECT count(*) FROM artifacts"),
       sqlite3_mprintf("SELECT count(*) FROM artifact"), 0);
  COUNTED(1);
  /* counts as the API answers them: prefect_api(), against count(*) in Prefect's filter shapes */
  CASE("`POST /task_runs/count` `{}`", sqlite3_mprintf("SELECT prefect_api('POST /task_runs/count', '{}')"),
       sqlite3_mprintf("SELECT count(*) FROM task_run"), 0);
  CASE("`POST /flow_runs/count`, state FAILED",
       sqlite3_mprintf("SELECT prefect_api('POST /flow_runs/count', '{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM flow_run WHERE state_type IN ('FAILED')"), 0);
  CASE("`POST /artifacts/count`, key exists_",
       sqlite3_mprintf("SELECT prefect_api('POST /artifacts/count', '{\"artifacts\": {\"key\": {\"exists_\": true}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE key IS NOT NULL"), 0);
  CASE("`POST /flows/paginate` limit 0 (the count), flows with a FAILED run",
       sqlite3_mprintf("SELECT prefect_api('POST /flows/paginate', '{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}, \"limit\": 0}')"),
       sqlite3_mprintf("SELECT json_object('results', json_array(), 'count', count(*), 'limit', 0, 'pages', 0, 'page', 1) FROM flow WHERE EXISTS (SELECT 1 FROM flow_run WHERE flow_run.flow_id = flow.id AND flow_run.state_type IN ('FAILED'))"),
       sqlite3_mprintf("SELECT json_object('results', json_array(), 'count', count(*), 'limit', 0, 'pages', 0, 'page', 1) FROM flow WHERE id IN (SELECT flow_id FROM flow_run WHERE state_type IN ('FAILED'))"));
  CASE("count(*) of artifacts(key exists_)",
       sqlite3_mprintf("SELECT count(*) FROM artifacts('{\"artifacts\": {\"key\": {\"exists_\": true}}}')"),
       sqlite3_mprintf("SELECT count(*) FROM artifact WHERE key IS NOT NULL"), 0);
  COUNTED(1);
  /* aggregates and the whole table */
  CASE("sum(length(key)), count(type) of every artifact",
       sqlite3_mprintf("SELECT sum(length(key)), count(type) FROM artifacts"),
       sqlite3_mprintf("SELECT sum(length(key)), count(type) FROM artifact"), 0);
  VALUES(2);
  CASE("artifacts per type (GROUP BY)", sqlite3_mprintf("SELECT type, count(*) FROM artifacts GROUP BY type"),
       sqlite3_mprintf("SELECT type, count(*) FROM artifact GROUP BY type"), 0);
  VALUES(1);
  COUNTED(2);
  CASE("flow runs per state_type (GROUP BY)",
       sqlite3_mprintf("SELECT state_type, count(*) FROM flow_runs GROUP BY state_type"),
       sqlite3_mprintf("SELECT state_type, count(*) FROM flow_run GROUP BY state_type"), 0);
  VALUES(1);
  COUNTED(2);
  CASE("runs of each flow (a correlated count)",
       sqlite3_mprintf("SELECT f.name, (SELECT count(*) FROM flow_runs AS r WHERE r.flow_id = f.id) FROM flow AS f"),
       sqlite3_mprintf("SELECT f.name, (SELECT count(*) FROM flow_run AS r WHERE r.flow_id = f.id) FROM flow AS f"), 0);
  COUNTED(2);
  VALUES(1);
  CASE("every artifact, every column (stream)", sqlite3_mprintf("SELECT * FROM artifacts"),
       sqlite3_mprintf("SELECT * FROM artifact"), 0);
  VALUES(-1);
#undef CASE
#undef COUNTED
#undef VALUES
  /* run history: a day by hours, a month by days, a month by days of one flow */
  history_case(&aCase[nCase++], "flow-run history, 24 h by 1 h", "flow_run", "2026-10-20 00:00:00", 1, 3600, "1", "1",
               "");
  history_case(&aCase[nCase++], "flow-run history, 30 days by 1 day", "flow_run", "2026-10-01 00:00:00", 30, 86400, "1",
               "1", "");
  history_case(&aCase[nCase++], "task-run history, 24 h by 1 h", "task_run", "2026-10-20 00:00:00", 1, 3600, "1", "1",
               "");
  history_case(&aCase[nCase++], "task-run history, 7 days by 6 h", "task_run", "2026-10-01 00:00:00", 7, 21600, "1",
               "1", "");
  {
    char *zFlow = one_text("SELECT name FROM flow WHERE rowid = (SELECT max(rowid) / 2 FROM flow)");
    char *zExists = sqlite3_mprintf("EXISTS (SELECT 1 FROM flow WHERE flow.id = fr.flow_id AND flow.name IN (%Q))", zFlow);
    char *zIn = sqlite3_mprintf("fr.flow_id IN (SELECT id FROM flow WHERE name IN (%Q))", zFlow);
    char *zBody = sqlite3_mprintf("\"flows\": {\"name\": {\"any_\": [\"%w\"]}}", zFlow);
    history_case(&aCase[nCase++], "flow-run history, 30 days by 1 day, one flow", "flow_run", "2026-10-01 00:00:00", 30,
                 86400, zExists, zIn, zBody);
    sqlite3_free(zFlow);
    sqlite3_free(zExists);
    sqlite3_free(zIn);
    sqlite3_free(zBody);
  }
  if (nCase > N_CASE) abort();
  sqlite3_free(zId);
  sqlite3_free(zKey);
  sqlite3_free(zKey2);
  sqlite3_free(zDep);
  sqlite3_free(zFlowRun);
  sqlite3_free(zOffset);
  return nCase;
}

static void free_cases(Case *aCase, int nCase) {
  int i;
  for (i = 0; i < nCase; i++) {
    sqlite3_free(aCase[i].zOurs);
    sqlite3_free(aCase[i].zExists);
    sqlite3_free(aCase[i].zIn);
  }
}

/* BENCH_ONLY=substring runs the matching queries only (for profiling) */
static int case_selected(const Case *pCase) {
  return !getenv("BENCH_ONLY") || strstr(pCase->zName, getenv("BENCH_ONLY"));
}

/*
** Growth: each query at both sizes, ours against the best hand-written.
** A query is flagged when ours grows more than 1.25 times as much as the
** hand-written SQL does.
*/
static void print_growth(const char *zSmall, const char *zBig, const Case *aCase, const Result *aSmall,
                         const Result *aBig, int nCase, FILE *pOut) {
  int i;
  fprintf(pOut, "\nGrowth from %s to %s (median ms at each size; × is the growth factor; "
          "flagged where ours grows more than 1.25 × as much as the best hand-written):\n\n", zSmall, zBig);
  fprintf(pOut, "| query | rows | rows handed | ours ms | ours × | best hand-written ms | hand-written × | "
          "ours × / hand-written × |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (i = 0; i < nCase; i++) {
    double rOurs, rHand, rRel;
    if (!aSmall[i].bDone || !aBig[i].bDone) continue;
    rOurs = aBig[i].aMed[0] / aSmall[i].aMed[0];
    rHand = aBig[i].rBest / aSmall[i].rBest;
    rRel = rOurs / rHand;
    fprintf(pOut, "| %s | %ld → %ld | %lld → %lld | %.3f → %.3f | %.1f | %.3f → %.3f | %.1f | %s%.2f%s |\n",
            aCase[i].zName, aSmall[i].nRow, aBig[i].nRow, aSmall[i].nInner, aBig[i].nInner,
            aSmall[i].aMed[0] * 1e3, aBig[i].aMed[0] * 1e3, rOurs, aSmall[i].rBest * 1e3, aBig[i].rBest * 1e3,
            rHand, rRel > 1.25 ? "**" : "", rRel, rRel > 1.25 ? " ⚠**" : "");
  }
  fflush(pOut);
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
** written by hand with the values already in stored form.
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

/* Open a benchmark database read-only, with the extension loaded. */
static sqlite3 *open_db(const char *zPath, const char *zLib) {
  char *zErr = 0;
  if (sqlite3_open_v2(zPath, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) die("open");
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, zLib, 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "bench: load: %s\n", zErr);
    exit(1);
  }
  sqlite3_exec(db, "PRAGMA cache_size = -262144", 0, 0, 0);  /* 256 MiB, as a server would */
  /* "now" for the history cases: the same instant on every side */
  if (sqlite3_exec(db, "SELECT prefect_set_now('" HISTORY_NOW "')", 0, 0, 0) != SQLITE_OK) die("prefect_set_now");
  return db;
}

int main(int argc, char **argv) {
  double rSeconds = argc > 3 ? atof(argv[3]) : 1.5;
  const char *zBig = argc > 1 ? argv[1] : 0, *zLib = argc > 2 ? argv[2] : 0, *zSmall = argc > 4 ? argv[4] : 0;
  static Case aCase[N_CASE], aCaseSmall[N_CASE];
  static Result aBig[N_CASE], aSmall[N_CASE];
  double rRowCost, rValueCost;
  char *zFloor, *zId;
  int i;
  sqlite3 *dbBig, *dbSmall = 0;
  FILE *pOut = stdout;
  if (argc < 3) { fprintf(stderr, "usage: bench DB LIB [SECONDS [SMALL_DB]]\n"); return 2; }
  if (zSmall) {
    dbSmall = open_db(zSmall, zLib);
    if (make_cases(aCaseSmall) != N_CASE) die("the case list is not N_CASE long");
  }
  dbBig = open_db(zBig, zLib);
  if (make_cases(aCase) != N_CASE) die("the case list is not N_CASE long");
  rRowCost = bench_floor(rSeconds, &zFloor, &rValueCost);

  fprintf(pOut, "Database: %s. SQLite %s. Median ms of interleaved runs, %.1f s per query%s; every run reads "
          "every column of every row.\n\n", zBig, sqlite3_libversion(), rSeconds,
          zSmall ? " and database (both sizes interleaved)" : "");
  fprintf(pOut, "| query | rows | rows handed | ours ms | EXISTS ms (Prefect's shape) | IN ms | ours / best hand-written "
          "| floor ms | ours / floor | values a row: ours / floor with values | speed-up over Prefect's shape |\n");
  fprintf(pOut, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (i = 0; i < N_CASE; i++) {
    sqlite3 *apDb[2] = {dbBig, dbSmall};
    Case *apCase[2] = {&aCase[i], &aCaseSmall[i]};
    Result *apRes[2] = {&aBig[i], &aSmall[i]};
    if (!case_selected(&aCase[i])) continue;
    bench_case(apDb, apCase, apRes, zSmall ? 2 : 1, rSeconds);
    print_case(&aCase[i], &aBig[i], rRowCost, rValueCost, pOut);
  }
  fprintf(pOut, "\n*rows handed*: rows our table handed to SQLite: the rows the statements run inside ours "
          "returned, or, where the table counts instead of stepping (`count(*)`, `GROUP BY` over its own columns), "
          "the rows those counts stand for; for `prefect_api()`, the rows of its inner statements. "
          "*floor*: best hand-written + rows handed × the per-row virtual-table cost below. "
          "*floor with values*: the floor + rows handed × values SQLite takes from each × the per-value cost below "
          "(an integer's: a text's copy costs more). "
          "† ours and hand-written read different values (a sort without a tie-breaker).\n");
  fputs(zFloor, pOut);
  sqlite3_free(zFloor);
  fflush(pOut);
  if (zSmall) {
    print_growth(zSmall, zBig, aCase, aSmall, aBig, N_CASE, pOut);
    free_cases(aCaseSmall, N_CASE);
    sqlite3_close(dbSmall);
  }
  free_cases(aCase, N_CASE);

  if (getenv("BENCH_ONLY") && strcmp(getenv("BENCH_ONLY"), "writes") == 0) {
    bench_writes(zBig, zLib, pOut);
    return 0;
  }
  if (getenv("BENCH_ONLY")) return 0;
  zId = one_text("SELECT id FROM artifact WHERE rowid = (SELECT max(rowid) / 2 FROM artifact)");
  bench_tiny(zId, pOut);
  sqlite3_free(zId);
  bench_memory(pOut);
  bench_writes(zBig, zLib, pOut);
  sqlite3_close(db);
  return 0;
}
