/*
** vtab_args.c: what every table-valued function of ours does the same way
** with its hidden arguments in xBestIndex, and with a new cursor in xOpen.
**
** A required argument (prefect_table's data, prefect_run_tree's id, the
** history tables' body) is an "=" constraint on its hidden column. Given
** but not usable in this plan (it comes from a table later in the join),
** the plan is refused with SQLITE_CONSTRAINT so that SQLite tries another
** order; not given at all, the statement fails with a message naming it.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

int vtab_argument_required(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo, int iColumn, int iArgv,
                           const char *zMissing) {
  int i, iCons = -1, bUnusable = 0;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    if (p->iColumn != iColumn || p->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (p->usable) iCons = i; else bUnusable = 1;
  }
  if (iCons < 0) {
    if (bUnusable) return SQLITE_CONSTRAINT;  /* another join order will supply it */
    sqlite3_free(pVtab->zErrMsg);
    pVtab->zErrMsg = sqlite3_mprintf("prefect: %s", zMissing);
    return pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  pInfo->aConstraintUsage[iCons].argvIndex = iArgv;
  pInfo->aConstraintUsage[iCons].omit = 1;
  return SQLITE_OK;
}

int vtab_cursor_new(int nByte, sqlite3_vtab_cursor **ppCursor) {
  sqlite3_vtab_cursor *pCur = sqlite3_malloc(nByte);
  *ppCursor = pCur;
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, nByte);
  return SQLITE_OK;
}
