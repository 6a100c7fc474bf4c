/*
** vtab_table.c: prefect_table(data [, 'strict']), the cells of a table
** artifact as rows.
**
**   SELECT a.key, t.row, t.col, t.value
**     FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}') AS a, prefect_table(a.data) AS t;
**
** Prefect's client serialises a table, then stores that text as a JSON
** string: the data column holds JSON text inside a JSON string. Other
** clients may store the table itself. Three shapes are tables:
**
**   {"a": [1, 2], "b": [3, 4]}          an object of columns (ragged: missing cells are NULL)
**   [{"a": 1, "b": 3}, ...]             a list of row objects
**   [[1, 3], ...]                       a list of row lists (col is the position, as text)
**
** Columns: row (0-based), col, value (numbers as numbers, null as NULL,
** true/false as 1/0 like json_each, nested values as JSON text), row_json
** (the whole row as a JSON object, for json_extract). Data that is not a
** table (markdown, a link, a progress number, a result record) gives no
** rows, or an error with 'strict'.
**
** One value is expanded at a time, so its cells are listed in memory when
** xFilter runs (a table artifact is one column value, not a collection).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define TABLE_ROW 0
#define TABLE_COL 1
#define TABLE_VALUE 2
#define TABLE_ROW_JSON 3
#define TABLE_DATA 4   /* hidden: the first argument */
#define TABLE_MODE 5   /* hidden: 'strict' or nothing */

typedef struct TableCell {
  int iRow;
  int iValue;            /* node of the value, or -1 for a missing (ragged) cell */
  int iKey;              /* node whose key is the column name, or -1: position */
  int iPos;              /* position in a row list */
  int iRowNode;          /* the row object or list (row shapes), or -1 (columns) */
} TableCell;

typedef struct TableCursor {
  sqlite3_vtab_cursor base;
  JsonDoc doc;           /* owned: the table's JSON */
  int bDoc;
  TableCell *aCell;      /* owned */
  int nCell;
  int iCell;             /* current cell */
  int iTable;            /* node of the table (object of columns or list of rows) */
  int eShape;            /* 0 columns, 1 row objects, 2 row lists */
} TableCursor;

static int tableConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv, sqlite3_vtab **ppVtab,
                        char **pzErr) {
  sqlite3_vtab *pTab;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, "CREATE TABLE x(row INTEGER, col TEXT, value, row_json TEXT, data HIDDEN, mode HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);  /* reads nothing but its argument */
  *ppVtab = pTab;
  return SQLITE_OK;
}

static int tableDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* data is required (argv[0]); mode is optional (argv[1]). */
static int tableBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int i, iMode = -1;
  int rc = vtab_argument_required(pVtab, pInfo, TABLE_DATA, 1, "prefect_table(data): the table artifact's data is missing");
  if (rc != SQLITE_OK) return rc;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    if (p->op == SQLITE_INDEX_CONSTRAINT_EQ && p->iColumn == TABLE_MODE && p->usable) iMode = i;
  }
  if (iMode >= 0) {
    pInfo->aConstraintUsage[iMode].argvIndex = 2;
    pInfo->aConstraintUsage[iMode].omit = 1;
  }
  pInfo->idxNum = iMode >= 0;
  pInfo->estimatedCost = 100;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

static int tableOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  return vtab_cursor_new((int)sizeof(TableCursor), ppCursor);
}

static void tableCursorReset(TableCursor *pCur) {
  if (pCur->bDoc) json_doc_free(&pCur->doc);
  pCur->bDoc = 0;
  sqlite3_free(pCur->aCell);
  pCur->aCell = 0;
  pCur->nCell = pCur->iCell = 0;
}

static int tableClose(sqlite3_vtab_cursor *pCursor) {
  tableCursorReset((TableCursor *)pCursor);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

/* Are all children of node i of type eType (and is there at least one)? */
static int children_all(const JsonDoc *pDoc, int i, JsonType eType) {
  int iChild, n = 0;
  for (iChild = pDoc->aNode[i].iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext, n++) {
    if (pDoc->aNode[iChild].eType != eType) return 0;
  }
  return n > 0;
}

static int cell_add(TableCursor *pCur, int *pnAlloc, int iRow, int iValue, int iKey, int iPos, int iRowNode) {
  if (pCur->nCell >= *pnAlloc) {
    int nNew = *pnAlloc ? *pnAlloc * 2 : 64;
    TableCell *aNew = sqlite3_realloc64(pCur->aCell, (sqlite3_uint64)nNew * sizeof(TableCell));
    if (!aNew) return SQLITE_NOMEM;
    pCur->aCell = aNew;
    *pnAlloc = nNew;
  }
  pCur->aCell[pCur->nCell].iRow = iRow;
  pCur->aCell[pCur->nCell].iValue = iValue;
  pCur->aCell[pCur->nCell].iKey = iKey;
  pCur->aCell[pCur->nCell].iPos = iPos;
  pCur->aCell[pCur->nCell].iRowNode = iRowNode;
  pCur->nCell++;
  return SQLITE_OK;
}

/* The list of cells of the table at node iTable, row by row. */
static int table_cells(TableCursor *pCur, int iTable) {
  const JsonDoc *pDoc = &pCur->doc;
  int nAlloc = 0, rc = SQLITE_OK, iRow, iChild;
  pCur->iTable = iTable;
  if (pCur->eShape == 0) {
    /* columns: as many rows as the longest column */
    int nRow = 0;
    for (iChild = pDoc->aNode[iTable].iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext) {
      if (pDoc->aNode[iChild].nChild > nRow) nRow = pDoc->aNode[iChild].nChild;
    }
    for (iRow = 0; iRow < nRow && rc == SQLITE_OK; iRow++) {
      for (iChild = pDoc->aNode[iTable].iFirst; iChild >= 0 && rc == SQLITE_OK; iChild = pDoc->aNode[iChild].iNext) {
        int iValue = pDoc->aNode[iChild].iFirst, k;
        for (k = 0; k < iRow && iValue >= 0; k++) iValue = pDoc->aNode[iValue].iNext;
        rc = cell_add(pCur, &nAlloc, iRow, iValue, iChild, 0, -1);
      }
    }
  } else {
    for (iChild = pDoc->aNode[iTable].iFirst, iRow = 0; iChild >= 0 && rc == SQLITE_OK;
         iChild = pDoc->aNode[iChild].iNext, iRow++) {
      int iCell, iPos = 0;
      for (iCell = pDoc->aNode[iChild].iFirst; iCell >= 0 && rc == SQLITE_OK; iCell = pDoc->aNode[iCell].iNext, iPos++) {
        rc = cell_add(pCur, &nAlloc, iRow, iCell, pCur->eShape == 1 ? iCell : -1, iPos, iChild);
      }
    }
  }
  return rc;
}

/* Which table, if any, the data holds: its node, or -1. */
static int table_node(TableCursor *pCur) {
  const JsonDoc *pDoc = &pCur->doc;
  const JsonNode *pRoot = &pDoc->aNode[0];
  if (pRoot->eType == JT_OBJECT && (pRoot->nChild == 0 || children_all(pDoc, 0, JT_ARRAY))) {
    pCur->eShape = 0;
    return 0;
  }
  if (pRoot->eType == JT_ARRAY) {
    if (pRoot->nChild == 0 || children_all(pDoc, 0, JT_OBJECT)) { pCur->eShape = 1; return 0; }
    if (children_all(pDoc, 0, JT_ARRAY)) { pCur->eShape = 2; return 0; }
  }
  return -1;
}

static int tableFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  TableCursor *pCur = (TableCursor *)pCursor;
  char *zErr = 0;
  const char *zMode = (idxNum && argc > 1) ? (const char *)sqlite3_value_text(argv[1]) : 0;
  int bStrict = zMode && sqlite3_stricmp(zMode, "strict") == 0;
  int rc = SQLITE_OK, iTable = -1;
  (void)idxStr;
  tableCursorReset(pCur);
  if (zMode && !bStrict) {
    sqlite3_free(pCursor->pVtab->zErrMsg);
    pCursor->pVtab->zErrMsg = sqlite3_mprintf("prefect: prefect_table(data, mode): mode is 'strict' or absent, got %Q", zMode);
    return pCursor->pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (argc >= 1 && sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    rc = json_doc_parse(z, n, &pCur->doc, &zErr);
    pCur->bDoc = rc == SQLITE_OK;
    if (rc == SQLITE_ERROR) rc = SQLITE_OK;  /* not JSON: not a table */
    /* Prefect's client stores the table's JSON text as a JSON string */
    if (pCur->bDoc && pCur->doc.aNode[0].eType == JT_TEXT) {
      JsonDoc inner;
      int rcInner;
      sqlite3_free(zErr);
      zErr = 0;
      rcInner = json_doc_parse(pCur->doc.aNode[0].zText, pCur->doc.aNode[0].nText, &inner, &zErr);
      json_doc_free(&pCur->doc);
      pCur->bDoc = rcInner == SQLITE_OK;
      if (rcInner == SQLITE_OK) pCur->doc = inner;
      else if (rcInner != SQLITE_ERROR) rc = rcInner;  /* no memory: not "not a table" */
    }
    if (pCur->bDoc) iTable = table_node(pCur);
  }
  sqlite3_free(zErr);
  if (rc == SQLITE_OK && iTable >= 0) rc = table_cells(pCur, iTable);
  if (rc == SQLITE_OK && iTable < 0 && bStrict && !(argc >= 1 && sqlite3_value_type(argv[0]) == SQLITE_NULL)) {
    sqlite3_free(pCursor->pVtab->zErrMsg);
    pCursor->pVtab->zErrMsg = sqlite3_mprintf("prefect: prefect_table: not a table artifact's data (expected an "
                                              "object of columns, a list of row objects or a list of row lists)");
    rc = pCursor->pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) tableCursorReset(pCur);
  return rc;
}

static int tableNext(sqlite3_vtab_cursor *pCursor) {
  ((TableCursor *)pCursor)->iCell++;
  return SQLITE_OK;
}

static int tableEof(sqlite3_vtab_cursor *pCursor) {
  TableCursor *pCur = (TableCursor *)pCursor;
  return pCur->iCell >= pCur->nCell;
}

/* The text of pStr as the result (it is never empty), or no memory. */
static void result_str(sqlite3_context *ctx, sqlite3_str *pStr) {
  int n = sqlite3_str_length(pStr);
  char *z = sqlite3_str_finish(pStr);
  if (z) sqlite3_result_text(ctx, z, n, sqlite3_free);
  else sqlite3_result_error_nomem(ctx);
}

/* A JSON node as an SQL value, the way json_each gives values. */
static void result_node(sqlite3_context *ctx, const JsonDoc *pDoc, int i) {
  const JsonNode *pNode;
  if (i < 0) { sqlite3_result_null(ctx); return; }
  pNode = &pDoc->aNode[i];
  switch (pNode->eType) {
    case JT_NULL: sqlite3_result_null(ctx); break;
    case JT_TRUE: sqlite3_result_int(ctx, 1); break;
    case JT_FALSE: sqlite3_result_int(ctx, 0); break;
    case JT_INT: sqlite3_result_int64(ctx, pNode->iVal); break;
    case JT_REAL: sqlite3_result_double(ctx, pNode->rVal); break;
    case JT_TEXT: sqlite3_result_text(ctx, pNode->zText, pNode->nText, SQLITE_TRANSIENT); break;
    default: {
      sqlite3_str *pStr = sqlite3_str_new(0);
      json_doc_write(pDoc, i, pStr);
      result_str(ctx, pStr);
      break;
    }
  }
}

/* The current cell's row as one JSON object. */
static void result_row_json(sqlite3_context *ctx, TableCursor *pCur) {
  const JsonDoc *pDoc = &pCur->doc;
  const TableCell *pCell = &pCur->aCell[pCur->iCell];
  sqlite3_str *pStr = sqlite3_str_new(0);
  if (pCur->eShape == 1) {
    json_doc_write(pDoc, pCell->iRowNode, pStr);
  } else if (pCur->eShape == 2) {
    int iValue, iPos = 0;
    sqlite3_str_appendchar(pStr, 1, '{');
    for (iValue = pDoc->aNode[pCell->iRowNode].iFirst; iValue >= 0; iValue = pDoc->aNode[iValue].iNext, iPos++) {
      sqlite3_str_appendf(pStr, "%s\"%d\":", iPos ? "," : "", iPos);
      json_doc_write(pDoc, iValue, pStr);
    }
    sqlite3_str_appendchar(pStr, 1, '}');
  } else {
    /* the cells of this row, which sit next to each other in aCell */
    int i = pCur->iCell, k = 0;
    while (i > 0 && pCur->aCell[i - 1].iRow == pCell->iRow) i--;
    sqlite3_str_appendchar(pStr, 1, '{');
    for (; i < pCur->nCell && pCur->aCell[i].iRow == pCell->iRow; i++, k++) {
      const JsonNode *pKey = &pDoc->aNode[pCur->aCell[i].iKey];
      if (k) sqlite3_str_appendchar(pStr, 1, ',');
      json_write_string(pStr, pKey->zKey, pKey->nKey, 0);
      sqlite3_str_appendchar(pStr, 1, ':');
      if (pCur->aCell[i].iValue < 0) sqlite3_str_appendall(pStr, "null");
      else json_doc_write(pDoc, pCur->aCell[i].iValue, pStr);
    }
    sqlite3_str_appendchar(pStr, 1, '}');
  }
  result_str(ctx, pStr);
}

static int tableColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  TableCursor *pCur = (TableCursor *)pCursor;
  const TableCell *pCell = &pCur->aCell[pCur->iCell];
  switch (i) {
    case TABLE_ROW: sqlite3_result_int(ctx, pCell->iRow); break;
    case TABLE_COL:
      if (pCell->iKey >= 0) {
        const JsonNode *pKey = &pCur->doc.aNode[pCell->iKey];
        sqlite3_result_text(ctx, pKey->zKey, pKey->nKey, SQLITE_TRANSIENT);
      } else {
        char *zPos = sqlite3_mprintf("%d", pCell->iPos);
        if (zPos) sqlite3_result_text(ctx, zPos, -1, sqlite3_free);
        else sqlite3_result_error_nomem(ctx);
      }
      break;
    case TABLE_VALUE: result_node(ctx, &pCur->doc, pCell->iValue); break;
    case TABLE_ROW_JSON: result_row_json(ctx, pCur); break;
    default: break;  /* the hidden arguments read back as NULL */
  }
  return SQLITE_OK;
}

static int tableRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = ((TableCursor *)pCursor)->iCell;
  return SQLITE_OK;
}

static sqlite3_module tableModule = {
  0, 0, tableConnect, tableBestIndex, tableDisconnect, 0, tableOpen, tableClose, tableFilter,
  tableNext, tableEof, tableColumn, tableRowid, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int vtab_table_register(sqlite3 *db) {
  return sqlite3_create_module(db, "prefect_table", &tableModule, 0);
}
