/*
** stats.c: what sqlite_stat1 says about Prefect's indexes, for the one
** planning decision the compiler makes itself (the shape of related
** filters, filter_compile.c). SQLite plans everything else.
**
** sqlite_stat1 has one row per index, "N a b ...": N rows in the table, a
** rows on average per value of the first column. We keep a/N per (table,
** first column). A database that was never ANALYZEd has no statistics, and
** the compiler falls back on the descriptions (unique ids are narrow).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <stdlib.h>
#include <string.h>

void stats_load(sqlite3 *db, Stats *pStats) {
  sqlite3_stmt *pStmt = 0;
  memset(pStats, 0, sizeof(*pStats));
  pStats->bLoaded = 1;
  /* fails harmlessly (no rows) when sqlite_stat1 does not exist */
  if (sqlite3_prepare_v2(db,
          "SELECT s.tbl, ii.name, s.stat FROM sqlite_stat1 AS s, pragma_index_info(s.idx) AS ii "
          "WHERE ii.seqno = 0 AND s.idx IS NOT NULL", -1, &pStmt, 0) != SQLITE_OK) {
    sqlite3_finalize(pStmt);
    return;
  }
  while (sqlite3_step(pStmt) == SQLITE_ROW && pStats->n < STATS_MAX) {
    const char *zTable = (const char *)sqlite3_column_text(pStmt, 0);
    const char *zColumn = (const char *)sqlite3_column_text(pStmt, 1);
    const char *zStat = (const char *)sqlite3_column_text(pStmt, 2);
    char *zEnd = 0;
    double rRows, rPerValue;
    if (!zTable || !zColumn || !zStat) continue;
    if (strlen(zTable) >= sizeof(pStats->a[0].zTable) || strlen(zColumn) >= sizeof(pStats->a[0].zColumn)) continue;
    rRows = strtod(zStat, &zEnd);
    if (!zEnd || zEnd == zStat) continue;
    rPerValue = strtod(zEnd, &zEnd);
    if (rRows <= 0 || rPerValue <= 0) continue;
    strcpy(pStats->a[pStats->n].zTable, zTable);
    strcpy(pStats->a[pStats->n].zColumn, zColumn);
    pStats->a[pStats->n].rRows = rRows;
    pStats->a[pStats->n].rPerValue = rPerValue;
    pStats->n++;
  }
  sqlite3_finalize(pStmt);
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
