/*
** stmt_cache.c: prepared statements kept per connection, keyed by their
** SQL text. The text of a compiled query depends only on a body's shape, so
** a report that runs the same query with other values pays for parsing,
** never again for preparing (for a small history that is two thirds of the
** work). A statement is lent to one user at a time; a second user of the
** same text gets its own, finalized when given back.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

int stmt_cache_acquire(StmtCache *p, sqlite3 *db, const char *zSql, sqlite3_stmt **ppStmt, int *piSlot) {
  int i, iFree = -1, rc;
  *ppStmt = 0;
  *piSlot = -1;
  for (i = 0; i < STMT_CACHE_SIZE; i++) {
    CachedStmt *pEntry = &p->aEntry[i];
    if (pEntry->zSql && !pEntry->bInUse && strcmp(pEntry->zSql, zSql) == 0) {
      pEntry->bInUse = 1;
      pEntry->iLastUse = ++p->iClock;
      *ppStmt = pEntry->pStmt;
      *piSlot = i;
      return SQLITE_OK;
    }
    /* where a new entry would go: an empty slot, else the least recently used */
    if (pEntry->bInUse) continue;
    if (iFree < 0 || (p->aEntry[iFree].zSql && (!pEntry->zSql || pEntry->iLastUse < p->aEntry[iFree].iLastUse))) {
      iFree = i;
    }
  }
  rc = sqlite3_prepare_v3(db, zSql, -1, SQLITE_PREPARE_PERSISTENT, ppStmt, 0);
  if (rc != SQLITE_OK) return rc;
  if (iFree >= 0) {
    CachedStmt *pEntry = &p->aEntry[iFree];
    char *zCopy = sqlite3_mprintf("%s", zSql);
    if (zCopy) {  /* without memory for the key the statement is just not kept */
      sqlite3_finalize(pEntry->pStmt);
      sqlite3_free(pEntry->zSql);
      pEntry->zSql = zCopy;
      pEntry->pStmt = *ppStmt;
      pEntry->bInUse = 1;
      pEntry->iLastUse = ++p->iClock;
      *piSlot = iFree;
    }
  }
  return SQLITE_OK;
}

void stmt_cache_release(StmtCache *p, int iSlot, sqlite3_stmt *pStmt) {
  if (!pStmt) return;
  if (iSlot >= 0) {
    sqlite3_reset(pStmt);
    sqlite3_clear_bindings(pStmt);
    p->aEntry[iSlot].bInUse = 0;
  } else {
    sqlite3_finalize(pStmt);
  }
}

void stmt_cache_clear(StmtCache *p) {
  int i;
  for (i = 0; i < STMT_CACHE_SIZE; i++) {
    sqlite3_finalize(p->aEntry[i].pStmt);
    sqlite3_free(p->aEntry[i].zSql);
  }
  memset(p, 0, sizeof(*p));
}
