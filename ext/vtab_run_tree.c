/*
** vtab_run_tree.c: prefect_run_tree(flow_run_id), a flow run and every flow
** run below it, to any depth.
**
**   SELECT t.depth, t.name, a.key
**     FROM prefect_run_tree(:run) AS t JOIN artifacts AS a ON a.flow_run_id = t.id;
**
** Prefect links a subflow run to the task run that called it
** (flow_run.parent_task_run_id), and that task run to its own flow run
** (task_run.flow_run_id). Prefect's filters follow one such step
** (parent_flow_run_id); this walks them all, as one recursive statement on
** Prefect's tables. Columns: id, parent_id (NULL for the root), depth (0
** for the root), name, state_type; rows by depth, then id.
**
** The argument is a run id in any spelling Prefect accepts (hyphenated, 32
** hex digits, braced, urn:uuid:, any case); anything else is an error that
** says so, never an empty tree. NULL gives no rows, as `root = NULL` selects
** nothing in SQL. More than one argument is SQLite's own error ("too many
** arguments on prefect_run_tree() - max 1").
**
** A link that points nowhere is skipped. A cycle (which Prefect never
** writes, but a copied or edited file may hold) cannot make the walk
** endless: it stops at RUN_TREE_MAX_DEPTH, and each run is reported once,
** at its smallest depth.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define RUN_TREE_MAX_DEPTH 1000

#define TREE_ID 0
#define TREE_PARENT_ID 1
#define TREE_DEPTH 2
#define TREE_NAME 3
#define TREE_STATE_TYPE 4
#define TREE_ROOT 5   /* hidden: the argument, as given */

typedef struct TreeVtab {
  sqlite3_vtab base;
  sqlite3 *db;          /* borrowed */
} TreeVtab;

typedef struct TreeCursor {
  sqlite3_vtab_cursor base;
  sqlite3_stmt *pStmt;  /* owned */
  sqlite3_value *pRoot; /* owned: the argument, for the hidden column */
  int bEof;
} TreeCursor;

/* min(depth) with bare columns: SQLite takes parent_id from the same row. */
static const char zTreeSql[] =
  "WITH RECURSIVE tree(id, parent_id, depth) AS ("
  "  SELECT fr.id, NULL, 0 FROM flow_run AS fr WHERE fr.id = ?1"
  "  UNION"
  "  SELECT sub.id, tree.id, tree.depth + 1 FROM tree"
  "    JOIN task_run AS tr ON tr.flow_run_id = tree.id"
  "    JOIN flow_run AS sub ON sub.parent_task_run_id = tr.id"
  "   WHERE tree.depth < ?2)"
  " SELECT t.id, t.parent_id, t.depth, fr.name, fr.state_type, fr.rowid"
  "   FROM (SELECT id, parent_id, min(depth) AS depth FROM tree GROUP BY id) AS t"
  "   JOIN flow_run AS fr ON fr.id = t.id"
  "  ORDER BY t.depth, t.id";

static int treeConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr) {
  TreeVtab *pTab;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, "CREATE TABLE x(id CHAR(36), parent_id CHAR(36), depth INTEGER, name VARCHAR, "
                                "state_type VARCHAR(9), root HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* it reads Prefect's tables: top-level SQL and TEMP views only, as prefect_api() */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int treeDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

static int treeBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int rc = vtab_argument_required(pVtab, pInfo, TREE_ROOT, 1, "prefect_run_tree(flow_run_id): the flow run id is missing");
  if (rc != SQLITE_OK) return rc;
  pInfo->estimatedCost = 100;
  pInfo->estimatedRows = 10;
  return SQLITE_OK;
}

static int treeOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  int rc = vtab_cursor_new((int)sizeof(TreeCursor), ppCursor);
  (void)pVtab;
  if (rc == SQLITE_OK) ((TreeCursor *)*ppCursor)->bEof = 1;
  return rc;
}

static int treeClose(sqlite3_vtab_cursor *pCursor) {
  sqlite3_finalize(((TreeCursor *)pCursor)->pStmt);
  sqlite3_value_free(((TreeCursor *)pCursor)->pRoot);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int treeNext(sqlite3_vtab_cursor *pCursor) {
  TreeCursor *pCur = (TreeCursor *)pCursor;
  int rc = sqlite3_step(pCur->pStmt);
  if (rc == SQLITE_ROW) return SQLITE_OK;
  pCur->bEof = 1;
  if (rc == SQLITE_DONE) return SQLITE_OK;
  sqlite3_free(pCursor->pVtab->zErrMsg);
  pCursor->pVtab->zErrMsg = schema_error(((TreeVtab *)pCursor->pVtab)->db, sqlite3_sql(pCur->pStmt));
  return rc;
}

static int treeFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  TreeCursor *pCur = (TreeCursor *)pCursor;
  TreeVtab *pTab = (TreeVtab *)pCursor->pVtab;
  char zId[37];
  char *zWhy = 0;
  int rc;
  (void)idxNum;
  (void)idxStr;
  pCur->bEof = 1;
  sqlite3_value_free(pCur->pRoot);
  pCur->pRoot = 0;
  if (argc < 1) return SQLITE_OK;  /* xBestIndex always asks for the argument */
  /* root = NULL: no row, as SQL */
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return SQLITE_OK;
  rc = value_read_sql_uuid(argv[0], zId, &zWhy);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_ERROR) {
      sqlite3_free(pCursor->pVtab->zErrMsg);
      pCursor->pVtab->zErrMsg = sqlite3_mprintf("prefect: prefect_run_tree: %s", zWhy);
      if (!pCursor->pVtab->zErrMsg) rc = SQLITE_NOMEM;
    }
    sqlite3_free(zWhy);
    return rc;
  }
  pCur->pRoot = sqlite3_value_dup(argv[0]);
  if (!pCur->pRoot) return SQLITE_NOMEM;
  if (!pCur->pStmt) {
    rc = sqlite3_prepare_v3(pTab->db, zTreeSql, -1, SQLITE_PREPARE_PERSISTENT, &pCur->pStmt, 0);
    if (rc != SQLITE_OK) {
      sqlite3_free(pCursor->pVtab->zErrMsg);
      pCursor->pVtab->zErrMsg = schema_error(pTab->db, zTreeSql);
      return rc;
    }
  }
  sqlite3_reset(pCur->pStmt);
  sqlite3_bind_text(pCur->pStmt, 1, zId, 36, SQLITE_TRANSIENT);
  sqlite3_bind_int(pCur->pStmt, 2, RUN_TREE_MAX_DEPTH);
  pCur->bEof = 0;
  return treeNext(pCursor);
}

static int treeEof(sqlite3_vtab_cursor *pCursor) {
  return ((TreeCursor *)pCursor)->bEof;
}

static int treeColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  TreeCursor *pCur = (TreeCursor *)pCursor;
  if (i < TREE_ROOT) sqlite3_result_value(ctx, sqlite3_column_value(pCur->pStmt, i));
  else sqlite3_result_value(ctx, pCur->pRoot);
  return SQLITE_OK;
}

/* The run's rowid in flow_run: each run is listed once, and it stays the
** same from one scan to the next. */
static int treeRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = sqlite3_column_int64(((TreeCursor *)pCursor)->pStmt, TREE_ROOT);
  return SQLITE_OK;
}

static sqlite3_module treeModule = {
  0, 0, treeConnect, treeBestIndex, treeDisconnect, 0, treeOpen, treeClose, treeFilter,
  treeNext, treeEof, treeColumn, treeRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int vtab_run_tree_register(sqlite3 *db) {
  return sqlite3_create_module(db, "prefect_run_tree", &treeModule, 0);
}
