/*
** history.c: run history, as POST /flow_runs/history and /task_runs/history
** answer it, and as two table-valued functions for SQL.
**
**   SELECT interval_start, state_type, count_runs
**     FROM flow_run_history('{"history_start": "2024-03-04T00:00:00Z",
**                             "history_end": "2024-03-05T00:00:00Z",
**                             "history_interval_seconds": 3600}');
**
** Prefect's server (run_history) makes its intervals with a recursive CTE
** and outer-joins the filtered runs to them by range. Here the intervals
** come from the same CTE, with the same SQLite date arithmetic (so the same
** millisecond ends, the same cap of 500, the same last interval running
** past history_end), but the runs are not joined to them: one pass over the
** filtered runs (on the index of expected_start_time, between the first
** start and the last end) puts each run in its interval by arithmetic on
** its timestamp, checked against the interval's own text bounds, and sums
** it into its (interval, state type, state name) group. Every interval is
** reported, an interval without runs with no states.
**
** The body is read by history_body.c (PostgreSQL's history reads it
** there too), and the runs are the rows the collection's compiled
** statement selects, so the related filters are Prefect's, validated as
** everywhere else. Each run's estimated run time and lateness are Prefect's
** own SQL expressions for SQLite (interval arithmetic through julianday,
** then whole seconds by strftime('%s')), with "now" the connection's clock
** read once.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <stdlib.h>
#include <string.h>

/* Prefect caps a history at 500 intervals. */
#define HISTORY_MAX_INTERVALS 500

/* Prefect's intervals for SQLite (make_timestamp_intervals): the first
** starts at history_start; each next one starts where the previous ended,
** while the previous started before history_end - interval, 500 at most.
** ?1 start, ?2 end - interval, ?3 the interval as Prefect binds one (the
** epoch plus the interval). */
static const char zIntervalSql[] =
  "WITH RECURSIVE iv(interval_start, interval_end, counter) AS ("
  " SELECT ?1, strftime('%Y-%m-%d %H:%M:%f000', julianday(?1) + (julianday(?3) - 2440587.5)), 1"
  " UNION ALL"
  " SELECT interval_end, strftime('%Y-%m-%d %H:%M:%f000', julianday(interval_end) + (julianday(?3) - 2440587.5)),"
  " counter + 1 FROM iv WHERE interval_start < ?2 AND counter < 500)"
  " SELECT interval_start, interval_end FROM iv ORDER BY interval_start LIMIT 500";

/* A run's estimated run time and estimated lateness in whole seconds, as
** Prefect's history query computes them on SQLite (the hybrid expressions
** estimated_run_time and estimated_start_time_delta, extracted as 'epoch'
** and floored at 0). :hnow is the statement's "now" as SQLite's 'now'
** would print it. */
static const char zRunTimeSql[] =
  "max(0, CAST(strftime('%s', CASE WHEN q.state_type = 'RUNNING' THEN strftime('%Y-%m-%d %H:%M:%f000', "
  "2440587.5 + ((julianday(q.total_run_time) - 2440587.5) + (julianday(strftime('%Y-%m-%d %H:%M:%f000', "
  "2440587.5 + (julianday(:hnow) - julianday(q.state_timestamp)))) - 2440587.5))) "
  "ELSE q.total_run_time END) AS INTEGER))";
static const char zLatenessSql[] =
  "max(0, CAST(strftime('%s', CASE WHEN q.start_time > q.expected_start_time THEN "
  "strftime('%Y-%m-%d %H:%M:%f000', 2440587.5 + (julianday(q.start_time) - julianday(q.expected_start_time))) "
  "WHEN q.start_time IS NULL AND q.state_type NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'CRASHED') "
  "AND q.expected_start_time < :hnow THEN "
  "strftime('%Y-%m-%d %H:%M:%f000', 2440587.5 + (julianday(:hnow) - julianday(q.expected_start_time))) "
  "ELSE '1970-01-01 00:00:00.000000' END) AS INTEGER))";

void history_clear(History *p) {
  int i, j;
  for (i = 0; i < p->nInterval; i++) {
    HistoryInterval *pI = &p->aInterval[i];
    for (j = 0; j < pI->nState; j++) {
      sqlite3_free(pI->aState[j].zType);
      sqlite3_free(pI->aState[j].zName);
    }
    sqlite3_free(pI->aState);
  }
  sqlite3_free(p->aInterval);
  memset(p, 0, sizeof(*p));
}

/* Text comparison as SQLite's BINARY collation does it. */
static int text_cmp(const char *a, int na, const char *b, int nb) {
  int c = memcmp(a, b, na < nb ? na : nb);
  return c ? c : na - nb;
}

/* The interval (0 .. nInterval-1) whose text bounds hold t, or -1. First by
** arithmetic on t's microseconds: the first interval may be shorter or
** longer than the rest (it starts at history_start exactly, the others on
** milliseconds), the rest are equally long. The answer is checked against
** the bounds' text, which is how Prefect's join compares; a bound the
** arithmetic misses falls back to a binary search over the bounds. */
typedef struct Buckets {
  const History *p;
  sqlite3_int64 *aUs;    /* owned: interval starts in microseconds, [n] = the last end */
  int bArith;            /* every bound parsed and the intervals after the first are equal */
  sqlite3_int64 iStep;
} Buckets;

static int bucket_le_start(const Buckets *pB, int k, const char *z, int n) {
  const char *zB = k < pB->p->nInterval ? pB->p->aInterval[k].zStart : pB->p->aInterval[k - 1].zEnd;
  return text_cmp(zB, (int)strlen(zB), z, n) <= 0;
}

static int bucket_find(const Buckets *pB, const char *z, int n) {
  int nI = pB->p->nInterval, k = -1, lo, hi;
  sqlite3_int64 iUs;
  if (pB->bArith && clock_parse_stored(z, n, &iUs)) {
    if (iUs < pB->aUs[0] || iUs >= pB->aUs[nI]) k = -1;
    else if (nI == 1 || iUs < pB->aUs[1]) k = 0;
    else k = 1 + (int)((iUs - pB->aUs[1]) / pB->iStep);
    if (k >= nI) k = nI - 1;
    if (k >= 0 && bucket_le_start(pB, k, z, n) && !bucket_le_start(pB, k + 1, z, n)) return k;
  }
  /* the largest k with start_k <= t, if t < the last end */
  if (!bucket_le_start(pB, 0, z, n) || bucket_le_start(pB, nI, z, n)) return -1;
  lo = 0;
  hi = nI - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (bucket_le_start(pB, mid, z, n)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

static int same_text(const char *zHave, const unsigned char *z, int n) {
  if (!zHave || !z) return !zHave && !z;
  return (int)strlen(zHave) == n && memcmp(zHave, z, n) == 0;
}

static char *copy_text(const unsigned char *z, int n) {
  char *zOut;
  if (!z) return 0;
  zOut = sqlite3_malloc(n + 1);
  if (zOut) memcpy(zOut, z, n), zOut[n] = 0;
  return zOut;
}

/* NULL first, then by bytes: the order of SQLite's GROUP BY. */
static int nullable_cmp(const char *a, const char *b) {
  if (!a || !b) return (a != 0) - (b != 0);
  return strcmp(a, b);
}

static int state_cmp(const void *pA, const void *pB) {
  const HistoryState *a = (const HistoryState *)pA, *b = (const HistoryState *)pB;
  int c = nullable_cmp(a->zType, b->zType);
  return c ? c : nullable_cmp(a->zName, b->zName);
}

/* Add one run to interval pI's group of its state. */
static int add_run(HistoryInterval *pI, sqlite3_stmt *pStmt) {
  const unsigned char *zType = sqlite3_column_text(pStmt, 1);
  int nType = sqlite3_column_bytes(pStmt, 1);
  const unsigned char *zName = sqlite3_column_text(pStmt, 2);
  int nName = sqlite3_column_bytes(pStmt, 2);
  HistoryState *pS = 0;
  int j;
  /* a state SQLite could not give as text is no memory, not a NULL state */
  if ((!zType && sqlite3_column_type(pStmt, 1) != SQLITE_NULL) ||
      (!zName && sqlite3_column_type(pStmt, 2) != SQLITE_NULL)) {
    return SQLITE_NOMEM;
  }
  for (j = 0; j < pI->nState; j++) {
    if (same_text(pI->aState[j].zType, zType, nType) && same_text(pI->aState[j].zName, zName, nName)) {
      pS = &pI->aState[j];
      break;
    }
  }
  if (!pS) {
    if (pI->nState == pI->nStateAlloc) {
      int nNew = pI->nStateAlloc ? pI->nStateAlloc * 2 : 8;
      HistoryState *aNew = sqlite3_realloc64(pI->aState, (sqlite3_uint64)nNew * sizeof(*aNew));
      if (!aNew) return SQLITE_NOMEM;
      pI->aState = aNew;
      pI->nStateAlloc = nNew;
    }
    pS = &pI->aState[pI->nState];
    memset(pS, 0, sizeof(*pS));
    pS->zType = copy_text(zType, nType);
    pS->zName = copy_text(zName, nName);
    pI->nState++;
    if ((zType && !pS->zType) || (zName && !pS->zName)) return SQLITE_NOMEM;
  }
  pS->nRuns++;
  /* SQL's sum() skips NULL (a RUNNING run without a state timestamp) */
  pS->iRunTime += sqlite3_column_int64(pStmt, 3);
  pS->iLateness += sqlite3_column_int64(pStmt, 4);
  return SQLITE_OK;
}

/* Bind text to a named parameter, where the statement has it. A bind that
** ran out of memory is the caller's error: it would leave NULL (in a kept
** statement, the last call's value) in its place. */
static int bind_named(sqlite3_stmt *pStmt, const char *zName, const char *zText, sqlite3_destructor_type xDel) {
  int i = sqlite3_bind_parameter_index(pStmt, zName);
  return i ? sqlite3_bind_text(pStmt, i, zText, -1, xDel) : SQLITE_OK;
}

/* Prefect's intervals, into p->aInterval. */
static int make_intervals(sqlite3 *db, StmtCache *pStmts, sqlite3_int64 iStart, sqlite3_int64 iEnd,
                          sqlite3_int64 iStep, History *p, char **pzErr) {
  char zStart[32], zStop[32], zStep[32];
  sqlite3_stmt *pStmt = 0;
  int rc, iSlot = -1;
  clock_format_stored(iStart, zStart);
  clock_format_stored(iEnd - iStep, zStop);
  clock_format_stored(iStep, zStep);
  p->aInterval = sqlite3_malloc64(HISTORY_MAX_INTERVALS * sizeof(HistoryInterval));
  if (!p->aInterval) return SQLITE_NOMEM;
  rc = stmt_cache_acquire(pStmts, db, zIntervalSql, &pStmt, &iSlot);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 1, zStart, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 2, zStop, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(pStmt, 3, zStep, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    HistoryInterval *pI = &p->aInterval[p->nInterval];
    const char *zS = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zE = (const char *)sqlite3_column_text(pStmt, 1);
    rc = SQLITE_OK;
    if (p->nInterval >= HISTORY_MAX_INTERVALS) break;
    memset(pI, 0, sizeof(*pI));
    p->nInterval++;
    if ((!zS && sqlite3_column_type(pStmt, 0) != SQLITE_NULL) || (!zE && sqlite3_column_type(pStmt, 1) != SQLITE_NULL)) {
      rc = SQLITE_NOMEM;  /* a time SQLite could not give as text */
      break;
    }
    if (!zS || !zE || strlen(zS) >= sizeof(pI->zStart) || strlen(zE) >= sizeof(pI->zEnd)) {
      /* julianday() gives NULL outside years 0000-9999; Prefect's server fails there */
      *pzErr = sqlite3_mprintf("prefect: history_end: the intervals leave the years SQLite can count (0000-9999)");
      rc = SQLITE_ERROR;
      break;
    }
    memcpy(pI->zStart, zS, strlen(zS) + 1);
    memcpy(pI->zEnd, zE, strlen(zE) + 1);
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !*pzErr) *pzErr = schema_error(db, zIntervalSql);
  stmt_cache_release(pStmts, iSlot, pStmt);
  return rc;
}

/* The runs of a body, compiled: the statement over the runs between the
** first start and the last end (its text in pQuery->zSql) and the body's
** start, end and interval in microseconds. An error is never kept. */
static int history_compile(CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody, int bRoute,
                           Query *pQuery, sqlite3_int64 *aTimes, char **pzErr) {
  char *zSql;
  int rc = history_read_body(pEnv, pColl, zBody, nBody, bRoute, DIALECT_SQLITE, pQuery, aTimes, pzErr);
  if (rc != SQLITE_OK) return rc;
  /* the query's ?N come first in the text, so the named parameters number after them */
  zSql = sqlite3_mprintf("WITH q AS (%s) SELECT q.expected_start_time, q.state_type, q.state_name, %s, %s FROM q "
                         "WHERE q.expected_start_time >= :hlo AND q.expected_start_time < :hhi",
                         pQuery->zSql, zRunTimeSql, zLatenessSql);
  if (!zSql) return SQLITE_NOMEM;
  sqlite3_free(pQuery->zSql);
  pQuery->zSql = zSql;
  return SQLITE_OK;
}

int history_compute(sqlite3 *db, CompileEnv *pEnv, QueryMemo *pMemo, StmtCache *pStmts, const CollectionDesc *pColl,
                    const char *zBody, int nBody, int bRoute, sqlite3_int64 iNowUs, History *pOut, char **pzErr) {
  Query query;
  const Query *pQuery = &query;
  Buckets buckets;
  sqlite3_stmt *pStmt = 0;
  sqlite3_int64 aTimes[3] = {0, 0, 0};  /* start, end, interval */
  MemoKey key;
  int rc = SQLITE_OK, i, iSlot = -1, iMemo, iFree = -1;

  memset(pOut, 0, sizeof(*pOut));
  memset(&query, 0, sizeof(query));
  memset(&buckets, 0, sizeof(buckets));
  *pzErr = 0;
  /* a repeated body costs a lookup: no parse, no compile. The key: the
  ** collection, whether the route asks (it drops keys the tables refuse),
  ** and the body. */
  memo_key_init(&key);
  memo_key_part(&key, pColl->zName, (int)strlen(pColl->zName));
  memo_key_part(&key, bRoute ? "route" : "table", 5);
  memo_key_part(&key, zBody, nBody);
  if (key.bNoMem) return SQLITE_NOMEM;
  iMemo = query_memo_find(pMemo, pEnv, key.z, key.n, &iFree, &rc);
  if (rc != SQLITE_OK) {
    memo_key_free(&key);
    return rc;
  }
  if (iMemo >= 0) {
    pQuery = &pMemo->aEntry[iMemo].query;
    memcpy(aTimes, pMemo->aEntry[iMemo].aAux, sizeof(aTimes));
  } else {
    rc = history_compile(pEnv, pColl, zBody, nBody, bRoute, &query, aTimes, pzErr);
    iMemo = query_memo_keep(pMemo, rc == SQLITE_OK ? iFree : -1, key.z, key.n, &query);
    if (iMemo >= 0) {
      pQuery = &pMemo->aEntry[iMemo].query;
      memcpy(pMemo->aEntry[iMemo].aAux, aTimes, sizeof(aTimes));
    }
  }
  memo_key_free(&key);
  if (rc == SQLITE_OK) rc = make_intervals(db, pStmts, aTimes[0], aTimes[1], aTimes[2], pOut, pzErr);

  /* the bounds, in microseconds, for the arithmetic */
  if (rc == SQLITE_OK) {
    int n = pOut->nInterval;
    buckets.p = pOut;
    buckets.aUs = sqlite3_malloc64((sqlite3_uint64)(n + 1) * sizeof(sqlite3_int64));
    if (!buckets.aUs) rc = SQLITE_NOMEM;
    buckets.bArith = buckets.aUs != 0;
    for (i = 0; rc == SQLITE_OK && i <= n; i++) {
      const char *z = i < n ? pOut->aInterval[i].zStart : pOut->aInterval[n - 1].zEnd;
      if (!clock_parse_stored(z, (int)strlen(z), &buckets.aUs[i])) buckets.bArith = 0;
    }
    if (buckets.bArith && n >= 2) {
      buckets.iStep = buckets.aUs[2] - buckets.aUs[1];
      for (i = 2; i < n; i++) {
        if (buckets.aUs[i + 1] - buckets.aUs[i] != buckets.iStep) buckets.bArith = 0;
      }
      if (buckets.iStep <= 0) buckets.bArith = 0;
    } else {
      buckets.iStep = 1;
    }
  }

  /* one pass over the runs between the first start and the last end */
  if (rc == SQLITE_OK) {
    rc = stmt_cache_acquire(pStmts, db, pQuery->zSql, &pStmt, &iSlot);
    if (rc == SQLITE_OK) rc = query_bind(pQuery, pStmt, 0);
    if (rc == SQLITE_OK) {
      char zNow[32];
      const char *zLo = pOut->aInterval[0].zStart;
      const char *zHi = pOut->aInterval[pOut->nInterval - 1].zEnd;
      /* SQLite's 'now' as Prefect's SQL prints it: milliseconds */
      sqlite3_int64 iMs = iNowUs >= 0 ? iNowUs / 1000 : -((-iNowUs + 999) / 1000);
      clock_format_stored(iMs * 1000, zNow);
      rc = bind_named(pStmt, ":hnow", zNow, SQLITE_TRANSIENT);
      if (rc == SQLITE_OK) rc = bind_named(pStmt, ":hlo", zLo, SQLITE_STATIC);
      if (rc == SQLITE_OK) rc = bind_named(pStmt, ":hhi", zHi, SQLITE_STATIC);
    }
    while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
      const char *zTime;
      int k;
      rc = SQLITE_OK;
      if (sqlite3_column_type(pStmt, 0) != SQLITE_TEXT) continue;
      zTime = (const char *)sqlite3_column_text(pStmt, 0);
      if (!zTime) { rc = SQLITE_NOMEM; break; }  /* not "in no interval" */
      k = bucket_find(&buckets, zTime, sqlite3_column_bytes(pStmt, 0));
      if (k >= 0) rc = add_run(&pOut->aInterval[k], pStmt);
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM && !*pzErr) *pzErr = schema_error(db, pQuery->zSql);
  }
  for (i = 0; rc == SQLITE_OK && i < pOut->nInterval; i++) {
    /* an interval without runs has no array: qsort() may not be handed NULL */
    if (pOut->aInterval[i].nState > 1) qsort(pOut->aInterval[i].aState, pOut->aInterval[i].nState, sizeof(HistoryState), state_cmp);
  }
  stmt_cache_release(pStmts, iSlot, pStmt);
  query_memo_unpin(pMemo, iMemo);
  sqlite3_free(buckets.aUs);
  query_clear(&query);
  if (rc != SQLITE_OK) history_clear(pOut);
  return rc;
}

static void append_time(sqlite3_str *pOut, const char *z) {
  char zApi[40];
  if (clock_render_api(z, (int)strlen(z), zApi)) {
    sqlite3_str_appendf(pOut, "\"%s\"", zApi);
  } else {
    json_write_string(pOut, z, (int)strlen(z), 0);
  }
}

/* A whole number of seconds as pydantic writes a timedelta (float seconds). */
static void append_seconds(sqlite3_str *pOut, sqlite3_int64 iSec) {
  json_python_float((double)iSec, pOut);
}

void history_render_json(const History *p, sqlite3_str *pOut) {
  int i, j;
  sqlite3_str_appendchar(pOut, 1, '[');
  for (i = 0; i < p->nInterval; i++) {
    const HistoryInterval *pI = &p->aInterval[i];
    if (i) sqlite3_str_appendchar(pOut, 1, ',');
    sqlite3_str_appendall(pOut, "{\"interval_start\":");
    append_time(pOut, pI->zStart);
    sqlite3_str_appendall(pOut, ",\"interval_end\":");
    append_time(pOut, pI->zEnd);
    sqlite3_str_appendall(pOut, ",\"states\":[");
    for (j = 0; j < pI->nState; j++) {
      const HistoryState *pS = &pI->aState[j];
      if (j) sqlite3_str_appendchar(pOut, 1, ',');
      sqlite3_str_appendall(pOut, "{\"state_type\":");
      if (pS->zType) json_write_string(pOut, pS->zType, (int)strlen(pS->zType), 0);
      else sqlite3_str_appendall(pOut, "null");
      sqlite3_str_appendall(pOut, ",\"state_name\":");
      if (pS->zName) json_write_string(pOut, pS->zName, (int)strlen(pS->zName), 0);
      else sqlite3_str_appendall(pOut, "null");
      sqlite3_str_appendf(pOut, ",\"count_runs\":%lld,\"sum_estimated_run_time\":", pS->nRuns);
      append_seconds(pOut, pS->iRunTime);
      sqlite3_str_appendall(pOut, ",\"sum_estimated_lateness\":");
      append_seconds(pOut, pS->iLateness);
      sqlite3_str_appendchar(pOut, 1, '}');
    }
    sqlite3_str_appendall(pOut, "]}");
  }
  sqlite3_str_appendchar(pOut, 1, ']');
}

/* ---- flow_run_history(body), task_run_history(body) ------------------------
** One row per interval and state, by interval_start, then state type and
** name; an interval without runs is one row with NULL state and 0 runs, so
** that a chart has every interval. Sums are in seconds (REAL). The whole
** history (at most 500 intervals) is computed in xFilter.
*/
#define HIST_INTERVAL_START 0
#define HIST_INTERVAL_END 1
#define HIST_STATE_TYPE 2
#define HIST_STATE_NAME 3
#define HIST_COUNT_RUNS 4
#define HIST_RUN_TIME 5
#define HIST_LATENESS 6
#define HIST_BODY 7   /* hidden: the argument */

typedef struct HistoryAux {
  const CollectionDesc *pColl;  /* prefect_flow_runs or prefect_task_runs */
  Clock *pClock;                /* a reference held */
} HistoryAux;

typedef struct HistoryVtab {
  sqlite3_vtab base;
  sqlite3 *db;                  /* borrowed */
  const HistoryAux *pAux;       /* borrowed from the module */
  CompileEnv env;               /* owned: body reader and statistics */
  StmtCache stmts;              /* owned: the intervals' and the runs' statements */
  QueryMemo memo;               /* owned: compiled bodies */
} HistoryVtab;

typedef struct HistoryCursor {
  sqlite3_vtab_cursor base;
  History hist;                 /* owned */
  sqlite3_value *pBody;         /* owned: the argument, for the hidden column */
  int iInterval, iState;        /* the current row; iState 0 of an empty interval is its one row */
  sqlite3_int64 iRow;
} HistoryCursor;

static int histConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr) {
  HistoryVtab *pTab;
  int rc;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, "CREATE TABLE x(interval_start DATETIME, interval_end DATETIME, "
                                "state_type VARCHAR(9), state_name VARCHAR, count_runs INTEGER, "
                                "sum_estimated_run_time REAL, sum_estimated_lateness REAL, body HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* it reads Prefect's tables: top-level SQL and TEMP views only */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->pAux = (const HistoryAux *)pAux;
  json_parser_init(&pTab->env.parser, db);
  pTab->env.pClock = pTab->pAux->pClock;
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int histDisconnect(sqlite3_vtab *pVtab) {
  HistoryVtab *pTab = (HistoryVtab *)pVtab;
  json_parser_close(&pTab->env.parser);
  stmt_cache_clear(&pTab->stmts);
  query_memo_clear(&pTab->memo);
  sqlite3_free(pTab);
  return SQLITE_OK;
}

static int histBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  HistoryVtab *pTab = (HistoryVtab *)pVtab;
  int rc = vtab_argument_required(pVtab, pInfo, HIST_BODY, 1,
                                  pTab->pAux->pColl == &prefect_flow_runs
                                      ? "flow_run_history(body): the body (history_start, history_end, "
                                        "history_interval_seconds) is missing"
                                      : "task_run_history(body): the body (history_start, history_end, "
                                        "history_interval_seconds) is missing");
  if (rc != SQLITE_OK) return rc;
  pInfo->estimatedCost = 1000;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

static int histOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  return vtab_cursor_new((int)sizeof(HistoryCursor), ppCursor);
}

static void histReset(HistoryCursor *pCur) {
  history_clear(&pCur->hist);
  sqlite3_value_free(pCur->pBody);
  pCur->pBody = 0;
  pCur->iInterval = pCur->iState = 0;
  pCur->iRow = 0;
}

static int histClose(sqlite3_vtab_cursor *pCursor) {
  histReset((HistoryCursor *)pCursor);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int histFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  HistoryCursor *pCur = (HistoryCursor *)pCursor;
  HistoryVtab *pTab = (HistoryVtab *)pCursor->pVtab;
  char *zErr = 0;
  int rc;
  (void)idxNum;
  (void)idxStr;
  histReset(pCur);
  if (argc < 1) return SQLITE_OK;
  pCur->pBody = sqlite3_value_dup(argv[0]);
  if (!pCur->pBody) return SQLITE_NOMEM;
  rc = history_compute(pTab->db, &pTab->env, &pTab->memo, &pTab->stmts, pTab->pAux->pColl,
                       (const char *)sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0]), 0, clock_now(pTab->pAux->pClock), &pCur->hist, &zErr);
  if (rc != SQLITE_OK) {
    sqlite3_free(pCursor->pVtab->zErrMsg);
    pCursor->pVtab->zErrMsg = zErr;
    histReset(pCur);
    if (!zErr && rc == SQLITE_ERROR) rc = SQLITE_NOMEM;  /* its message could not be made */
  }
  return rc;
}

static int histEof(sqlite3_vtab_cursor *pCursor) {
  HistoryCursor *pCur = (HistoryCursor *)pCursor;
  return pCur->iInterval >= pCur->hist.nInterval;
}

static int histNext(sqlite3_vtab_cursor *pCursor) {
  HistoryCursor *pCur = (HistoryCursor *)pCursor;
  const HistoryInterval *pI = &pCur->hist.aInterval[pCur->iInterval];
  if (++pCur->iState >= pI->nState) {
    pCur->iInterval++;
    pCur->iState = 0;
  }
  pCur->iRow++;
  return SQLITE_OK;
}

static int histColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  HistoryCursor *pCur = (HistoryCursor *)pCursor;
  const HistoryInterval *pI = &pCur->hist.aInterval[pCur->iInterval];
  const HistoryState *pS = pCur->iState < pI->nState ? &pI->aState[pCur->iState] : 0;
  switch (i) {
    case HIST_INTERVAL_START: sqlite3_result_text(ctx, pI->zStart, -1, SQLITE_TRANSIENT); break;
    case HIST_INTERVAL_END: sqlite3_result_text(ctx, pI->zEnd, -1, SQLITE_TRANSIENT); break;
    case HIST_STATE_TYPE:
      if (pS && pS->zType) sqlite3_result_text(ctx, pS->zType, -1, SQLITE_TRANSIENT);
      break;
    case HIST_STATE_NAME:
      if (pS && pS->zName) sqlite3_result_text(ctx, pS->zName, -1, SQLITE_TRANSIENT);
      break;
    case HIST_COUNT_RUNS: sqlite3_result_int64(ctx, pS ? pS->nRuns : 0); break;
    case HIST_RUN_TIME: sqlite3_result_double(ctx, pS ? (double)pS->iRunTime : 0.0); break;
    case HIST_LATENESS: sqlite3_result_double(ctx, pS ? (double)pS->iLateness : 0.0); break;
    default: sqlite3_result_value(ctx, pCur->pBody); break;
  }
  return SQLITE_OK;
}

static int histRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = ((HistoryCursor *)pCursor)->iRow;
  return SQLITE_OK;
}

static sqlite3_module histModule = {
  0, 0, histConnect, histBestIndex, histDisconnect, 0, histOpen, histClose, histFilter,
  histNext, histEof, histColumn, histRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

static void history_aux_free(void *p) {
  HistoryAux *pAux = (HistoryAux *)p;
  clock_release(pAux->pClock);
  sqlite3_free(pAux);
}

int vtab_history_register(sqlite3 *db, Clock *pClock) {
  static const struct { const char *zName; const CollectionDesc *pColl; } aMod[] = {
    {"flow_run_history", &prefect_flow_runs},
    {"task_run_history", &prefect_task_runs},
  };
  int i, rc = SQLITE_OK;
  for (i = 0; i < 2 && rc == SQLITE_OK; i++) {
    HistoryAux *pAux = sqlite3_malloc(sizeof(*pAux));
    if (!pAux) return SQLITE_NOMEM;
    pAux->pColl = aMod[i].pColl;
    pAux->pClock = pClock;
    pClock->nRef++;
    /* on failure SQLite calls the destructor itself */
    rc = sqlite3_create_module_v2(db, aMod[i].zName, &histModule, pAux, history_aux_free);
  }
  return rc;
}
