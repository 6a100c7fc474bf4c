/*
** undo_log.c: what one write through a virtual table changed, as SQL that
** changes it back.
**
** One INSERT, UPDATE or DELETE on `artifacts` writes up to four rows of
** Prefect's tables in separate statements (artifact_write.c). SQLite makes
** a statement that writes several virtual-table rows atomic (its statement
** journal), and rolls back an autocommit statement that fails; but a
** statement that writes one row inside the user's transaction gets no
** statement journal, since SQLite expects one xUpdate call to be atomic by
** itself. So each xUpdate keeps this log of inverse statements while it
** works and, when a later step fails (a trigger of the user's, say), runs it
** backwards before returning the error: no half-written change survives.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

void undo_step_clear(UndoStep *p) {
  int i;
  sqlite3_free(p->zSql);
  for (i = 0; i < p->nVal; i++) sqlite3_value_free(p->apVal[i]);
  sqlite3_free(p->apVal);
  memset(p, 0, sizeof(*p));
}

int undo_step_sql(UndoStep *p, char *zSql, int nVal, sqlite3_value *const *apVal) {
  int i;
  memset(p, 0, sizeof(*p));
  if (!zSql) return SQLITE_NOMEM;
  p->zSql = zSql;
  if (nVal > 0) {
    p->apVal = sqlite3_malloc64(sizeof(sqlite3_value *) * (sqlite3_uint64)nVal);
    if (!p->apVal) { undo_step_clear(p); return SQLITE_NOMEM; }
    memset(p->apVal, 0, sizeof(sqlite3_value *) * (size_t)nVal);
    p->nVal = nVal;
    for (i = 0; i < nVal; i++) {
      p->apVal[i] = sqlite3_value_dup(apVal[i]);
      if (!p->apVal[i]) { undo_step_clear(p); return SQLITE_NOMEM; }
    }
  }
  return SQLITE_OK;
}

/*
** The row pRow is positioned on ("SELECT rowid, * FROM zTable ..."), as the
** statement that puts it back: an UPDATE of every column when the change
** keeps the row, an INSERT with the same rowid when the change removes it.
*/
int undo_step_row(UndoStep *p, sqlite3_stmt *pRow, const char *zTable, int bRowRemoved) {
  int nCol = sqlite3_column_count(pRow), i, rc;
  sqlite3_value **apVal;
  sqlite3_str *pSql = sqlite3_str_new(0);
  if (bRowRemoved) {
    sqlite3_str_appendf(pSql, "INSERT INTO \"%w\" (rowid", zTable);
    for (i = 1; i < nCol; i++) sqlite3_str_appendf(pSql, ", \"%w\"", sqlite3_column_name(pRow, i));
    sqlite3_str_appendall(pSql, ") VALUES (?1");
    for (i = 1; i < nCol; i++) sqlite3_str_appendf(pSql, ", ?%d", i + 1);
    sqlite3_str_appendall(pSql, ")");
  } else {
    sqlite3_str_appendf(pSql, "UPDATE \"%w\" SET ", zTable);
    for (i = 1; i < nCol; i++) {
      sqlite3_str_appendf(pSql, "%s\"%w\" = ?%d", i > 1 ? ", " : "", sqlite3_column_name(pRow, i), i + 1);
    }
    sqlite3_str_appendall(pSql, " WHERE rowid = ?1");
  }
  apVal = sqlite3_malloc64(sizeof(sqlite3_value *) * (sqlite3_uint64)(nCol ? nCol : 1));
  if (!apVal) {
    sqlite3_free(sqlite3_str_finish(pSql));
    return SQLITE_NOMEM;
  }
  for (i = 0; i < nCol; i++) apVal[i] = sqlite3_column_value(pRow, i);
  rc = undo_step_sql(p, sqlite3_str_finish(pSql), nCol, apVal);
  sqlite3_free(apVal);
  return rc;
}

int undo_log_add(UndoLog *pLog, UndoStep *pStep) {
  if (pLog->n >= pLog->nAlloc) {
    int nNew = pLog->nAlloc ? pLog->nAlloc * 2 : 4;
    UndoStep *aNew = sqlite3_realloc64(pLog->a, sizeof(UndoStep) * (sqlite3_uint64)nNew);
    if (!aNew) { undo_step_clear(pStep); return SQLITE_NOMEM; }
    pLog->a = aNew;
    pLog->nAlloc = nNew;
  }
  pLog->a[pLog->n++] = *pStep;  /* the log owns it now */
  memset(pStep, 0, sizeof(*pStep));
  return SQLITE_OK;
}

/* Run every step, newest first. Returns the first failure; if there is
** one, the transaction holds a partial change that only ROLLBACK removes,
** which is why the caller's error stays the one reported. */
int undo_log_run(UndoLog *pLog, sqlite3 *db) {
  int rcFirst = SQLITE_OK, k, i;
  for (k = pLog->n - 1; k >= 0; k--) {
    UndoStep *p = &pLog->a[k];
    sqlite3_stmt *pStmt = 0;
    int rc = sqlite3_prepare_v2(db, p->zSql, -1, &pStmt, 0);
    for (i = 0; rc == SQLITE_OK && i < p->nVal; i++) rc = sqlite3_bind_value(pStmt, i + 1, p->apVal[i]);
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(pStmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_OK;
    }
    sqlite3_finalize(pStmt);
    if (rc != SQLITE_OK && rcFirst == SQLITE_OK) rcFirst = rc;
  }
  return rcFirst;
}

void undo_log_clear(UndoLog *pLog) {
  int k;
  for (k = 0; k < pLog->n; k++) undo_step_clear(&pLog->a[k]);
  sqlite3_free(pLog->a);
  memset(pLog, 0, sizeof(*pLog));
}
