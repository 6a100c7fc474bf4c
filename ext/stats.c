/*
** stats.c: what sqlite_stat1 says about Prefect's indexes, and how large
** Prefect's tables are, for the one planning decision the compiler makes
** itself (the shape of related filters, filter_compile.c). SQLite plans
** everything else.
**
** sqlite_stat1 has one row per index, "N a b ...": N rows in the table, a
** rows on average per value of the first column. We keep a/N per (table,
** first column). A database that was never ANALYZEd has no statistics, and
** the compiler falls back on the descriptions (unique ids are narrow).
**
** Keeping them current. A connection's statistics are read once, then
** checked at every compile (stats_refresh): the main database's data
** version (SQLITE_FCNTL_DATA_VERSION, a counter the pager moves whenever a
** transaction of this or another connection commits) is compared first,
** which costs one call and no SQL; only when it moved is sqlite_stat1 read
** and hashed (its raw rows, no index lookups), and only when the hash
** differs are the statistics loaded again and iGeneration moved. A kept
** query whose shape the statistics chose (Query.bStatsShape) and that was
** compiled with other statistics than the current ones is stale
** (stats_query_current): whoever keeps compiled queries should compile it
** again. The shape may differ; the rows never do.
**
** Table sizes. The shape of a related filter without a LIMIT weighs the
** primary table's rows against the related table's (filter_compile.c).
** sqlite_stat1 gives them when it has the table; else its largest rowid
** does (stats_table_rows), read on first use and again at each change of
** the data version, moving iGeneration when a table's size crosses a power
** of two: a kept query is compiled again only when it may matter.
**
** A change made inside a transaction that has not committed yet does not
** move the data version: it is seen once it commits. The data version
** watched is the main database's; sqlite_stat1 is read as the name
** resolves (main, unless a TEMP one exists).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

/* "N a b ...": the first two numbers, read as decimal integers (sqlite_stat1
** holds nothing else there; "unordered" and the like follow them). 0 when
** they are not there. */
static int stat_numbers(const char *z, double *prRows, double *prPerValue) {
  double a[2];
  int k;
  for (k = 0; k < 2; k++) {
    sqlite3_uint64 u = 0;
    int nDigit = 0;
    while (*z == ' ') z++;
    for (; *z >= '0' && *z <= '9'; z++, nDigit++) {
      if (u < (sqlite3_uint64)1 << 60) u = u * 10 + (sqlite3_uint64)(*z - '0');
    }
    if (nDigit == 0) return 0;
    a[k] = (double)u;
  }
  *prRows = a[0];
  *prPerValue = a[1];
  return 1;
}

/* 1 when column iCol holds a value that SQLite could not give as text (it
** ran out of memory), after sqlite3_column_text() returned NULL for it. */
static int text_lost(sqlite3_stmt *pStmt, int iCol) {
  return !sqlite3_column_text(pStmt, iCol) && sqlite3_column_type(pStmt, iCol) != SQLITE_NULL;
}

/* Read the statistics; *pStats is rewritten whole, its bookkeeping
** (iGeneration, iHash, iDataVersion) left to the caller. SQLITE_OK, or the
** error of reading them (then none are kept: n is 0). A missing
** sqlite_stat1 is no statistics, not an error; any other failure is the
** caller's to report, because SQLite rolls the whole transaction back when a
** statement fails with SQLITE_NOMEM: going on without statistics would
** report success for a statement whose transaction is gone. */
static int stats_read(sqlite3 *db, Stats *pStats) {
  sqlite3_stmt *pStmt = 0;
  int rc;
  pStats->n = 0;
  pStats->bLoaded = 1;
  rc = sqlite3_prepare_v2(db,
          "SELECT s.tbl, ii.name, s.stat FROM sqlite_stat1 AS s, pragma_index_info(s.idx) AS ii "
          "WHERE ii.seqno = 0 AND s.idx IS NOT NULL", -1, &pStmt, 0);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return rc == SQLITE_NOMEM ? rc : SQLITE_OK;  /* no such table: no statistics */
  }
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW && pStats->n < STATS_MAX) {
    const char *zTable = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zColumn = (const char *)sqlite3_column_text(pStmt, 1);
    const char *zStat = (const char *)sqlite3_column_text(pStmt, 2);
    double rRows, rPerValue;
    if (text_lost(pStmt, 0) || text_lost(pStmt, 1) || text_lost(pStmt, 2)) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (!zTable || !zColumn || !zStat) continue;
    if (strlen(zTable) >= sizeof(pStats->a[0].zTable) || strlen(zColumn) >= sizeof(pStats->a[0].zColumn)) continue;
    if (!stat_numbers(zStat, &rRows, &rPerValue)) continue;
    if (rRows <= 0 || rPerValue <= 0) continue;
    strcpy(pStats->a[pStats->n].zTable, zTable);
    strcpy(pStats->a[pStats->n].zColumn, zColumn);
    pStats->a[pStats->n].rRows = rRows;
    pStats->a[pStats->n].rPerValue = rPerValue;
    pStats->n++;
  }
  sqlite3_finalize(pStmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return SQLITE_OK;
  pStats->n = 0;
  return rc;
}

/* FNV-1a over sqlite_stat1's rows as stored into *pHash; 0 when there is no
** such table (or it is empty). Cheap: one plain scan of a table of one row
** per index. SQLITE_OK, or the error of reading it (as stats_read). */
static int stats_hash(sqlite3 *db, sqlite3_uint64 *pHash) {
  sqlite3_stmt *pStmt = 0;
  sqlite3_uint64 h = 14695981039346656037ULL;
  int rc = sqlite3_prepare_v2(db, "SELECT tbl, idx, stat FROM sqlite_stat1", -1, &pStmt, 0);
  *pHash = 0;
  if (rc != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return rc == SQLITE_NOMEM ? rc : SQLITE_OK;  /* no such table */
  }
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    int iCol;
    for (iCol = 0; iCol < 3; iCol++) {
      const unsigned char *z = sqlite3_column_text(pStmt, iCol);
      int n = sqlite3_column_bytes(pStmt, iCol), i;
      if (text_lost(pStmt, iCol)) break;
      for (i = 0; z && i < n; i++) h = (h ^ z[i]) * 1099511628211ULL;
      h = (h ^ (z ? 0xff : 0xfe)) * 1099511628211ULL;  /* ends the value; NULL differs from '' */
    }
    if (iCol < 3) {
      rc = SQLITE_NOMEM;
      break;
    }
  }
  sqlite3_finalize(pStmt);
  if (rc != SQLITE_DONE) return rc;
  *pHash = h;
  return SQLITE_OK;
}

int stats_load(sqlite3 *db, Stats *pStats) {
  int rc;
  memset(pStats, 0, sizeof(*pStats));
  rc = stats_read(db, pStats);
  if (rc == SQLITE_OK) rc = stats_hash(db, &pStats->iHash);
  if (rc != SQLITE_OK) {
    pStats->bLoaded = 0;  /* the next compile tries again */
    pStats->n = 0;
    return rc;
  }
  sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &pStats->iDataVersion);
  pStats->iGeneration = 1;
  return SQLITE_OK;
}

/* The largest rowid of zTable (0 when empty) in *pn, or -1 when it has
** none (no such table: the statement that reads it will say so). One
** descent of its b-tree. SQLITE_OK, or the error of the read (out of
** memory), which the caller must report. */
static int table_max_rowid(sqlite3 *db, const char *zTable, sqlite3_int64 *pn) {
  sqlite3_stmt *pStmt = 0;
  int rc;
  char *zSql = sqlite3_mprintf("SELECT max(rowid) FROM \"%w\"", zTable);
  *pn = -1;
  if (!zSql) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc == SQLITE_ERROR) return SQLITE_OK;  /* no such table: size unknown */
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) *pn = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int size_class(sqlite3_int64 n) {
  int k = 0;
  if (n < 0) return -1;
  while (n > 1) n >>= 1, k++;
  return k;
}

/* Read the sizes asked for so far again; *pbMoved = 1 if one changed class. */
static int sizes_reread(sqlite3 *db, Stats *pStats, int *pbMoved) {
  int i, rc = SQLITE_OK;
  *pbMoved = 0;
  for (i = 0; rc == SQLITE_OK && i < pStats->nSize; i++) {
    sqlite3_int64 n;
    rc = table_max_rowid(db, pStats->aSize[i].zTable, &n);
    if (rc != SQLITE_OK) break;
    if (size_class(n) != pStats->aSize[i].iClass) *pbMoved = 1;
    pStats->aSize[i].nRows = n;
    pStats->aSize[i].iClass = size_class(n);
  }
  return rc;
}

int stats_table_rows(sqlite3 *db, Stats *pStats, const char *zTable, double *pRows) {
  double r = stats_fraction(pStats, zTable, "id");  /* 1/rows for a unique id */
  sqlite3_int64 n;
  int i, rc;
  *pRows = -1;
  if (r > 0) { *pRows = 1.0 / r; return SQLITE_OK; }
  for (i = 0; i < pStats->nSize; i++) {
    if (sqlite3_stricmp(pStats->aSize[i].zTable, zTable) == 0) { *pRows = (double)pStats->aSize[i].nRows; return SQLITE_OK; }
  }
  if (strlen(zTable) >= sizeof(pStats->aSize[0].zTable)) return SQLITE_OK;
  rc = table_max_rowid(db, zTable, &n);
  if (rc != SQLITE_OK) return rc;
  *pRows = (double)n;
  if (pStats->nSize == STATS_MAX_SIZES) return SQLITE_OK;  /* not watched */
  strcpy(pStats->aSize[pStats->nSize].zTable, zTable);
  pStats->aSize[pStats->nSize].nRows = n;
  pStats->aSize[pStats->nSize].iClass = size_class(n);
  pStats->nSize++;
  return SQLITE_OK;
}

int stats_refresh(sqlite3 *db, Stats *pStats) {
  unsigned int iVersion = 0;
  sqlite3_uint64 iHash;
  int bVersion, rc, bMoved = 0;
  if (!pStats->bLoaded) return stats_load(db, pStats);
  bVersion = sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &iVersion) == SQLITE_OK;
  if (bVersion && iVersion == pStats->iDataVersion) return SQLITE_OK;
  rc = stats_hash(db, &iHash);
  if (rc != SQLITE_OK) return rc;  /* iDataVersion unmoved: the next compile looks again */
  if (iHash != pStats->iHash) {
    /* iGeneration moves even when a read fails: a query kept from
    ** before was chosen with other statistics than the ones held now */
    pStats->iGeneration++;
    rc = stats_read(db, pStats);
    if (rc != SQLITE_OK) return rc;
    pStats->iHash = iHash;
    rc = sizes_reread(db, pStats, &bMoved);
    if (rc != SQLITE_OK) return rc;
  } else {
    rc = sizes_reread(db, pStats, &bMoved);
    if (rc != SQLITE_OK) return rc;
    if (bMoved) pStats->iGeneration++;
  }
  pStats->iDataVersion = iVersion;
  return SQLITE_OK;
}

int stats_query_current(CompileEnv *pEnv, const Query *pQuery, int *pbCurrent) {
  int rc = SQLITE_OK;
  *pbCurrent = 1;
  if (!pQuery->bStatsShape) return SQLITE_OK;
  rc = stats_refresh(pEnv->parser.db, &pEnv->stats);
  *pbCurrent = rc == SQLITE_OK && pQuery->iStatsGeneration == pEnv->stats.iGeneration;
  return rc;
}

double stats_fraction(const Stats *pStats, const char *zTable, const char *zColumn) {
  int i;
  double r = -1;
  for (i = 0; i < pStats->n; i++) {
    if (sqlite3_stricmp(pStats->a[i].zTable, zTable) == 0 &&
        sqlite3_stricmp(pStats->a[i].zColumn, zColumn) == 0) {
      double rHere = pStats->a[i].rPerValue / pStats->a[i].rRows;
      if (r < 0 || rHere < r) r = rHere;
    }
  }
  return r;
}
