/*
** vtab_fields.c: prefect_fields, every key a table's body takes, read from
** the descriptions (describe.c) that the compiler itself follows, so the
** reference cannot drift from what bodies do.
**
**   SELECT path, operator, value_type FROM prefect_fields WHERE collection = 'flow_runs';
**
** One row per operator of every filter object a body reaches (its primary
** filter and each related filter), one per "operator" switch ("and_" or
** "or_"), one per sort value, and one each for limit, offset and page where
** the table takes them. Columns:
**
**   collection    the table ("flow_runs")
**   key           the body's top-level key ("flow_runs", "deployments", "sort")
**   path          the JSON path of the object holding the operator ("flow_runs.state.type")
**   operator      the operator's key ("any_", "operator"), NULL for sort/limit/offset/page
**   value_type    what it takes ("list of state type"; a sort row: its JSON value, "\"ID_DESC\"")
**   filter_class  Prefect's filter class of the object ("FlowRunFilterStateType"), or NULL
**   note          what it means, in a few words, or NULL
**
** prefect_fields('flow_runs') (the hidden column "only") gives one table's
** rows, and an error that lists the tables for a name that is none of
** them; NULL gives no rows. Rows come in the descriptions' order; the table
** is small (hundreds of rows) and built whole at xFilter. It reads no
** database.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#define FIELDS_COLLECTION 0
#define FIELDS_KEY 1
#define FIELDS_PATH 2
#define FIELDS_OPERATOR 3
#define FIELDS_VALUE_TYPE 4
#define FIELDS_FILTER_CLASS 5
#define FIELDS_NOTE 6
#define FIELDS_NCOL 7
#define FIELDS_ONLY 7   /* hidden: prefect_fields('flow_runs'), one table's rows */

typedef struct FieldRow {
  const char *az[FIELDS_NCOL];  /* static text, but az[FIELDS_PATH] and az[FIELDS_VALUE_TYPE]: owned */
  int bOwnNote;                 /* az[FIELDS_NOTE] is owned too (a sort's) */
} FieldRow;

typedef struct FieldsCursor {
  sqlite3_vtab_cursor base;
  FieldRow *aRow;    /* owned */
  int nRow, nAlloc;
  int iRow;
  const char *zOnly; /* static: the one table asked for, or NULL for all */
} FieldsCursor;

/* The JSON a leaf takes, as a reader of the reference says it. */
static const char *value_type_name(ValueKind e) {
  switch (e) {
    case VAL_UUID_LIST: return "list of UUID";
    case VAL_STR_LIST: return "list of string";
    case VAL_STATE_LIST: return "list of state type (" VALUE_STATE_TYPES ")";
    case VAL_WORKER_STATUS_LIST: return "list of worker status (" VALUE_WORKER_STATUSES ")";
    case VAL_STR: return "string";
    case VAL_BOOL: return "boolean";
    case VAL_DATETIME: return "datetime";
    case VAL_INT: return "integer";
    case VAL_TEXT_QUERY: return "text-search query (at most 200 characters)";
  }
  return "?";
}

/* What an operator means: Prefect names its operators by what they do,
** the same way in every class. */
static const struct {
  const char *zOp;
  const char *zNote;
} aOperatorNote[] = {
  {"any_", "one of the values"},
  {"not_any_", "none of the values"},
  {"all_", "every one of the values"},
  {"like_", "contains the text, any case (% and _ are wildcards)"},
  {"startswith_", "starts with one of the values, any case"},
  {"is_null_", "true: has none; false: has one"},
  {"exists_", "true: has one; false: has none"},
  {"eq_", "equals"},
  {"before_", "at or before"},
  {"after_", "at or after"},
  {"ge_", "at least"},
  {"le_", "at most"},
  {"id_", "the creator's id is one of the values"},
  {"type_", "the creator's type is one of the values"},
  {"query", "terms: any plain one, none of -term, every +term"},
};

static const char *operator_note(const MemberDesc *pMember, const ClassDesc *pClass) {
  size_t i;
  if (pMember->eSkip == SKIP_ALWAYS || pClass->eRule == RULE_IGNORED) {
    return "checked, then ignored (deprecated in Prefect)";
  }
  if (pClass->eRule == RULE_TASK_FLOW_RUN && strcmp(pMember->zKey, "is_null_") == 0) {
    return "true: has none; false (the default, so {} means \"has one\"): has one";
  }
  for (i = 0; i < sizeof(aOperatorNote) / sizeof(aOperatorNote[0]); i++) {
    if (strcmp(aOperatorNote[i].zOp, pMember->zKey) == 0) return aOperatorNote[i].zNote;
  }
  return 0;
}

/* Append a row; zPath and zType are taken (freed here on failure). */
static int row_add(FieldsCursor *pCur, const char *zColl, const char *zKey, char *zPath, const char *zOp,
                   char *zType, const char *zClass, const char *zNote) {
  FieldRow *pRow;
  if (!zPath || !zType) {
    sqlite3_free(zPath);
    sqlite3_free(zType);
    return SQLITE_NOMEM;
  }
  if (pCur->nRow == pCur->nAlloc) {
    int nNew = pCur->nAlloc ? pCur->nAlloc * 2 : 128;
    FieldRow *aNew = sqlite3_realloc64(pCur->aRow, sizeof(FieldRow) * nNew);
    if (!aNew) {
      sqlite3_free(zPath);
      sqlite3_free(zType);
      return SQLITE_NOMEM;
    }
    pCur->aRow = aNew;
    pCur->nAlloc = nNew;
  }
  pRow = &pCur->aRow[pCur->nRow++];
  pRow->az[FIELDS_COLLECTION] = zColl;
  pRow->az[FIELDS_KEY] = zKey;
  pRow->az[FIELDS_PATH] = zPath;
  pRow->az[FIELDS_OPERATOR] = zOp;
  pRow->az[FIELDS_VALUE_TYPE] = zType;
  pRow->az[FIELDS_FILTER_CLASS] = zClass;
  pRow->az[FIELDS_NOTE] = zNote;
  pRow->bOwnNote = 0;
  return SQLITE_OK;
}

/* Every operator of filter object pClass at zPath, and of the objects below it. */
static int rows_for_class(FieldsCursor *pCur, const char *zColl, const char *zKey, const char *zPath,
                          const ClassDesc *pClass) {
  const MemberDesc *pMember;
  int rc = SQLITE_OK;
  if (pClass->bOperator) {
    rc = row_add(pCur, zColl, zKey, sqlite3_mprintf("%s", zPath), "operator", sqlite3_mprintf("\"and_\" or \"or_\""),
                 pClass->zName, pClass->eRule == RULE_STATE
                   ? "how type and name combine (default and_); a part that yields no test is dropped"
                   : "how the object's tests combine (default and_)");
  }
  for (pMember = pClass->aMember; rc == SQLITE_OK && pMember->zKey; pMember++) {
    if (pMember->pClass) {
      char *zSub = sqlite3_mprintf("%s.%s", zPath, pMember->zKey);
      if (!zSub) return SQLITE_NOMEM;
      rc = rows_for_class(pCur, zColl, zKey, zSub, pMember->pClass);
      sqlite3_free(zSub);
    } else {
      rc = row_add(pCur, zColl, zKey, sqlite3_mprintf("%s", zPath), pMember->zKey,
                   sqlite3_mprintf("%s", value_type_name(pMember->eValue)), pClass->zName, operator_note(pMember, pClass));
    }
  }
  return rc;
}

/* The last row's note, a sort's: its ORDER BY over the table's columns
** ("coalesce(start_time, expected_start_time) ASC"), then the note it had.
** Owned like the path: the note of a sort row is the one note made here. */
static int sort_note(FieldsCursor *pCur, const SortDesc *pSort) {
  FieldRow *pRow = &pCur->aRow[pCur->nRow - 1];
  sqlite3_str *pStr = sqlite3_str_new(0);
  const char *z;
  char *zNote;
  sqlite3_str_appendall(pStr, "ORDER BY ");
  for (z = pSort->zOrderBy; *z; z++) {
    if (z[0] == '@' && z[1] == '.') z++;    /* the row's alias */
    else if (*z != '"') sqlite3_str_appendchar(pStr, 1, *z);
  }
  if (pRow->az[FIELDS_NOTE]) sqlite3_str_appendf(pStr, "; %s", pRow->az[FIELDS_NOTE]);
  zNote = sqlite3_str_finish(pStr);
  if (!zNote) return SQLITE_NOMEM;
  pRow->az[FIELDS_NOTE] = zNote;
  pRow->bOwnNote = 1;
  return SQLITE_OK;
}

/* Every row of one table: its filters, then sort, limit, offset, page, in
** the order top_level_key_known (filter_compile.c) accepts them. */
static int rows_for_collection(FieldsCursor *pCur, const CollectionDesc *pColl) {
  const char *zColl = pColl->zName;
  const RelationDesc *pRel;
  const SortDesc *pSort;
  int rc = rows_for_class(pCur, zColl, pColl->zFilterKey, pColl->zFilterKey, pColl->pFilter);
  for (pRel = pColl->aRel; rc == SQLITE_OK && pRel->zTable; pRel++) {
    if (pRel->zKey) rc = rows_for_class(pCur, zColl, pRel->zKey, pRel->zKey, pRel->pFilter);
  }
  for (pSort = pColl->aSort; rc == SQLITE_OK && !pColl->bNoSortKey && pSort->zName; pSort++) {
    rc = row_add(pCur, zColl, "sort", sqlite3_mprintf("sort"), 0, sqlite3_mprintf("\"%s\"", pSort->zName), 0,
                 pSort == pColl->aSort ? "the default order" : 0);
    if (rc == SQLITE_OK) rc = sort_note(pCur, pSort);
  }
  if (rc == SQLITE_OK) {
    rc = row_add(pCur, zColl, "limit", sqlite3_mprintf("limit"), 0, sqlite3_mprintf("integer >= 0"), 0,
                 "rows at most (none: every row)");
  }
  if (rc == SQLITE_OK) {
    rc = row_add(pCur, zColl, "offset", sqlite3_mprintf("offset"), 0, sqlite3_mprintf("integer >= 0"), 0, "rows skipped first");
  }
  if (rc == SQLITE_OK && pColl->bPage) {
    rc = row_add(pCur, zColl, "page", sqlite3_mprintf("page"), 0, sqlite3_mprintf("integer >= 1"), 0,
                 "rows from (page - 1) * limit on (limit 200 when none); not with offset");
  }
  return rc;
}

static void fieldsCursorReset(FieldsCursor *pCur) {
  int i;
  for (i = 0; i < pCur->nRow; i++) {
    sqlite3_free((char *)pCur->aRow[i].az[FIELDS_PATH]);
    sqlite3_free((char *)pCur->aRow[i].az[FIELDS_VALUE_TYPE]);
    if (pCur->aRow[i].bOwnNote) sqlite3_free((char *)pCur->aRow[i].az[FIELDS_NOTE]);
  }
  sqlite3_free(pCur->aRow);
  pCur->aRow = 0;
  pCur->nRow = pCur->nAlloc = pCur->iRow = 0;
  pCur->zOnly = 0;
}

static int fieldsConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr) {
  sqlite3_vtab *pTab;
  int rc;
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, "CREATE TABLE x(collection TEXT, \"key\" TEXT, path TEXT, operator TEXT, "
                                "value_type TEXT, filter_class TEXT, note TEXT, only HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  /* it reads nothing but the descriptions compiled in */
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  *ppVtab = pTab;
  return SQLITE_OK;
}

static int fieldsDisconnect(sqlite3_vtab *pVtab) {
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/* idxNum 1: argv[0] is the argument (only = ?), the rows of one table;
** 0: every table's. The rows are in memory either way: SQLite filters the
** other columns. */
static int fieldsBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  int i;
  (void)pVtab;
  pInfo->idxNum = 0;
  pInfo->estimatedCost = 1000;
  pInfo->estimatedRows = 1000;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    if (pCons->iColumn != FIELDS_ONLY || pCons->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    /* the argument is there but not usable yet (a join): try another order */
    if (!pCons->usable) return SQLITE_CONSTRAINT;
    pInfo->aConstraintUsage[i].argvIndex = 1;
    pInfo->aConstraintUsage[i].omit = 1;
    pInfo->idxNum = 1;
    pInfo->estimatedCost = 100;
    pInfo->estimatedRows = 100;
    break;
  }
  return SQLITE_OK;
}

static int fieldsOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  (void)pVtab;
  return vtab_cursor_new((int)sizeof(FieldsCursor), ppCursor);
}

static int fieldsClose(sqlite3_vtab_cursor *pCursor) {
  fieldsCursorReset((FieldsCursor *)pCursor);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int fieldsFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr, int argc,
                        sqlite3_value **argv) {
  FieldsCursor *pCur = (FieldsCursor *)pCursor;
  const char *zOnly = 0;
  int i, rc = SQLITE_OK;
  (void)idxStr;
  fieldsCursorReset(pCur);
  if (idxNum == 1 && argc == 1) {
    zOnly = (const char *)sqlite3_value_text(argv[0]);
    if (!zOnly) return sqlite3_value_type(argv[0]) == SQLITE_NULL ? SQLITE_OK : SQLITE_NOMEM;
    for (i = 0; prefect_collections[i]; i++) {
      if (sqlite3_stricmp(prefect_collections[i]->zName, zOnly) == 0) break;
    }
    if (!prefect_collections[i]) {
      sqlite3_str *pStr = sqlite3_str_new(0);
      sqlite3_str_appendf(pStr, "prefect: prefect_fields: no table %Q, expected one of: ", zOnly);
      for (i = 0; prefect_collections[i]; i++) {
        sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "", prefect_collections[i]->zName);
      }
      sqlite3_free(pCursor->pVtab->zErrMsg);
      pCursor->pVtab->zErrMsg = sqlite3_str_finish(pStr);
      return pCursor->pVtab->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
    }
    pCur->zOnly = prefect_collections[i]->zName;
    return rows_for_collection(pCur, prefect_collections[i]);
  }
  for (i = 0; rc == SQLITE_OK && prefect_collections[i]; i++) {
    rc = rows_for_collection(pCur, prefect_collections[i]);
  }
  if (rc != SQLITE_OK) fieldsCursorReset(pCur);
  return rc;
}

static int fieldsNext(sqlite3_vtab_cursor *pCursor) {
  ((FieldsCursor *)pCursor)->iRow++;
  return SQLITE_OK;
}

static int fieldsEof(sqlite3_vtab_cursor *pCursor) {
  FieldsCursor *pCur = (FieldsCursor *)pCursor;
  return pCur->iRow >= pCur->nRow;
}

static int fieldsColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int iCol) {
  FieldsCursor *pCur = (FieldsCursor *)pCursor;
  const char *z = iCol == FIELDS_ONLY ? pCur->zOnly : pCur->aRow[pCur->iRow].az[iCol];
  if (z) sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
  return SQLITE_OK;
}

static int fieldsRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = ((FieldsCursor *)pCursor)->iRow + 1;
  return SQLITE_OK;
}

/* Eponymous only (no xCreate): CREATE VIRTUAL TABLE cannot write it into a schema. */
static sqlite3_module fieldsModule = {
  0,                /* iVersion */
  0,                /* xCreate */
  fieldsConnect,    /* xConnect */
  fieldsBestIndex,  /* xBestIndex */
  fieldsDisconnect, /* xDisconnect */
  0,                /* xDestroy */
  fieldsOpen,       /* xOpen */
  fieldsClose,      /* xClose */
  fieldsFilter,     /* xFilter */
  fieldsNext,       /* xNext */
  fieldsEof,        /* xEof */
  fieldsColumn,     /* xColumn */
  fieldsRowid,      /* xRowid */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int vtab_fields_register(sqlite3 *db) {
  return sqlite3_create_module(db, "prefect_fields", &fieldsModule, 0);
}
