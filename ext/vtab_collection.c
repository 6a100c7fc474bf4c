/*
** vtab_collection.c: one read-only, eponymous-only virtual table module,
** instantiated once per collection of describe.c (artifacts,
** artifact_collections, ...).
**
**   SELECT key, type FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
**   SELECT count(*) FROM artifact_collections;      -- no body: every row
**
** The table-valued-function argument is the hidden column "body": the exact
** request body of the matching Prefect endpoint. xFilter compiles it into
** one SQL statement over Prefect's own tables and the cursor streams that
** statement's rows; nothing is collected in memory here.
**
** Like generate_series, there is no xCreate: the tables cannot be created
** with CREATE VIRTUAL TABLE, so loading the extension never writes to the
** database schema.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

/* Prepared statements kept per connection and table, keyed by SQL text.
** The text depends only on a body's shape, so a report that runs the same
** query with other values pays for parsing, never again for preparing. */
#define STMT_CACHE_SIZE 16

typedef struct CachedStmt {
  char *zSql;               /* owned; NULL for an empty slot */
  sqlite3_stmt *pStmt;      /* owned */
  int bInUse;               /* lent to a cursor right now */
  sqlite3_uint64 iLastUse;  /* for least-recently-used eviction */
} CachedStmt;

typedef struct CollectionVtab {
  sqlite3_vtab base;
  sqlite3 *db;                      /* borrowed: the connection */
  const CollectionDesc *pColl;      /* borrowed: static description */
  int nCol;                         /* visible columns; column nCol is the body */
  JsonParser parser;                /* owned: statements for json_tree */
  CachedStmt aCache[STMT_CACHE_SIZE];
  sqlite3_uint64 iClock;
} CollectionVtab;

typedef struct CollectionCursor {
  sqlite3_vtab_cursor base;
  sqlite3_stmt *pStmt;   /* borrowed from aCache[iCache], or owned when iCache < 0 */
  int iCache;
  int bEof;
  sqlite3_int64 iRowid;  /* 1, 2, 3... in output order */
  char *zBody;           /* owned copy of the body, returned by the hidden column */
  int nBody;
  Query query;           /* owned; its binds are bound SQLITE_STATIC to pStmt */
} CollectionCursor;

/* idxNum bits */
#define IDX_BODY 0x01    /* argv[0] is the body */

static void vtab_set_error(sqlite3_vtab *pVtab, char *zOwned) {
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zOwned;
}

static int collectionConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                             sqlite3_vtab **ppVtab, char **pzErr) {
  const CollectionDesc *pColl = (const CollectionDesc *)pAux;
  CollectionVtab *pTab = 0;
  sqlite3_str *pStr;
  char *zSchema;
  int rc, i;
  (void)argc;
  (void)argv;
  *ppVtab = 0;
  pStr = sqlite3_str_new(db);
  sqlite3_str_appendall(pStr, "CREATE TABLE x(");
  for (i = 0; pColl->aCol[i].zName; i++) {
    sqlite3_str_appendf(pStr, "%s\"%w\" %s", i ? ", " : "", pColl->aCol[i].zName, pColl->aCol[i].zType);
  }
  sqlite3_str_appendall(pStr, ", body HIDDEN)");
  zSchema = sqlite3_str_finish(pStr);
  if (!zSchema) return SQLITE_NOMEM;
  rc = sqlite3_declare_vtab(db, zSchema);
  sqlite3_free(zSchema);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
    return rc;
  }
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->pColl = pColl;
  pTab->nCol = describe_column_count(pColl);
  json_parser_init(&pTab->parser, db);
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int collectionDisconnect(sqlite3_vtab *pVtab) {
  CollectionVtab *pTab = (CollectionVtab *)pVtab;
  int i;
  for (i = 0; i < STMT_CACHE_SIZE; i++) {
    sqlite3_finalize(pTab->aCache[i].pStmt);
    sqlite3_free(pTab->aCache[i].zSql);
  }
  json_parser_close(&pTab->parser);
  sqlite3_free(pTab);
  return SQLITE_OK;
}

/*
** Plans. The body, when given, is the only argument (argv[0], idxNum bit
** IDX_BODY, idxStr "B"). A body constraint that is not usable yet (it
** depends on a table joined later) is SQLITE_CONSTRAINT, so the planner
** tries another order instead of failing.
*/
static int collectionBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  CollectionVtab *pTab = (CollectionVtab *)pVtab;
  int i, iBody = -1, bBodyUnusable = 0;
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    if (pCons->iColumn != pTab->nCol || pCons->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (pCons->usable) iBody = i; else bBodyUnusable = 1;
  }
  if (iBody < 0 && bBodyUnusable) return SQLITE_CONSTRAINT;
  if (iBody >= 0) {
    pInfo->aConstraintUsage[iBody].argvIndex = 1;
    pInfo->aConstraintUsage[iBody].omit = 1;
    pInfo->idxNum = IDX_BODY;
    pInfo->idxStr = "B";
    pInfo->estimatedCost = 10000.0;
    pInfo->estimatedRows = 1000;
  } else {
    pInfo->idxNum = 0;
    pInfo->idxStr = "";
    pInfo->estimatedCost = 1000000.0;
    pInfo->estimatedRows = 100000;
  }
  return SQLITE_OK;
}

static int collectionOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  CollectionCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->iCache = -1;
  pCur->bEof = 1;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

/* Give the statement back (or finalize an uncached one) and free the
** query; called from xClose, at the top of xFilter and on errors. */
static void collectionCursorReset(CollectionCursor *pCur) {
  CollectionVtab *pTab = (CollectionVtab *)pCur->base.pVtab;
  if (pCur->pStmt) {
    if (pCur->iCache >= 0) {
      sqlite3_reset(pCur->pStmt);
      sqlite3_clear_bindings(pCur->pStmt);
      pTab->aCache[pCur->iCache].bInUse = 0;
    } else {
      sqlite3_finalize(pCur->pStmt);
    }
  }
  pCur->pStmt = 0;
  pCur->iCache = -1;
  pCur->bEof = 1;
  pCur->iRowid = 0;
  sqlite3_free(pCur->zBody);
  pCur->zBody = 0;
  pCur->nBody = 0;
  query_clear(&pCur->query);
}

static int collectionClose(sqlite3_vtab_cursor *pCursor) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  collectionCursorReset(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Lend the cursor a prepared statement for zSql, from the cache when it can. */
static int statement_acquire(CollectionVtab *pTab, CollectionCursor *pCur, const char *zSql) {
  int i, iFree = -1, rc;
  for (i = 0; i < STMT_CACHE_SIZE; i++) {
    CachedStmt *pEntry = &pTab->aCache[i];
    if (pEntry->zSql && !pEntry->bInUse && strcmp(pEntry->zSql, zSql) == 0) {
      pEntry->bInUse = 1;
      pEntry->iLastUse = ++pTab->iClock;
      pCur->pStmt = pEntry->pStmt;
      pCur->iCache = i;
      return SQLITE_OK;
    }
    /* where a new entry would go: an empty slot, else the least recently used */
    if (pEntry->bInUse) continue;
    if (iFree < 0 || (pTab->aCache[iFree].zSql &&
                      (!pEntry->zSql || pEntry->iLastUse < pTab->aCache[iFree].iLastUse))) {
      iFree = i;
    }
  }
  rc = sqlite3_prepare_v3(pTab->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, &pCur->pStmt, 0);
  if (rc != SQLITE_OK) return rc;
  if (iFree >= 0) {
    CachedStmt *pEntry = &pTab->aCache[iFree];
    char *zCopy = sqlite3_mprintf("%s", zSql);
    if (zCopy) {
      sqlite3_finalize(pEntry->pStmt);
      sqlite3_free(pEntry->zSql);
      pEntry->zSql = zCopy;
      pEntry->pStmt = pCur->pStmt;
      pEntry->bInUse = 1;
      pEntry->iLastUse = ++pTab->iClock;
      pCur->iCache = iFree;
    }
  }
  return SQLITE_OK;
}

static int collectionNext(sqlite3_vtab_cursor *pCursor) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  int rc = sqlite3_step(pCur->pStmt);
  if (rc == SQLITE_ROW) {
    pCur->iRowid++;
    return SQLITE_OK;
  }
  pCur->bEof = 1;
  if (rc == SQLITE_DONE) return SQLITE_OK;
  vtab_set_error(pCursor->pVtab, sqlite3_mprintf("prefect: %s", sqlite3_errmsg(
      ((CollectionVtab *)pCursor->pVtab)->db)));
  return rc;
}

static int collectionFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr,
                            int argc, sqlite3_value **argv) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  CollectionVtab *pTab = (CollectionVtab *)pCursor->pVtab;
  const char *zBody = 0;
  char *zErr = 0;
  int rc;
  (void)idxStr;
  collectionCursorReset(pCur);
  if ((idxNum & IDX_BODY) && argc >= 1 && sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    zBody = (const char *)sqlite3_value_text(argv[0]);
    pCur->nBody = sqlite3_value_bytes(argv[0]);
    if (!zBody) return SQLITE_NOMEM;
    pCur->zBody = sqlite3_malloc(pCur->nBody + 1);
    if (!pCur->zBody) return SQLITE_NOMEM;
    memcpy(pCur->zBody, zBody, pCur->nBody + 1);
  }
  rc = filter_compile(&pTab->parser, pTab->pColl, pCur->zBody, pCur->nBody, &pCur->query, &zErr);
  if (rc != SQLITE_OK) {
    vtab_set_error(pCursor->pVtab, zErr);
    return rc;
  }
  rc = statement_acquire(pTab, pCur, pCur->query.zSql);
  if (rc != SQLITE_OK) {
    vtab_set_error(pCursor->pVtab, sqlite3_mprintf("prefect: %s", sqlite3_errmsg(pTab->db)));
    collectionCursorReset(pCur);
    return rc;
  }
  rc = query_bind(&pCur->query, pCur->pStmt);
  if (rc != SQLITE_OK) {
    vtab_set_error(pCursor->pVtab, sqlite3_mprintf("prefect: %s", sqlite3_errmsg(pTab->db)));
    collectionCursorReset(pCur);
    return rc;
  }
  pCur->bEof = 0;
  return collectionNext(pCursor);
}

static int collectionEof(sqlite3_vtab_cursor *pCursor) {
  return ((CollectionCursor *)pCursor)->bEof;
}

static int collectionColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  CollectionVtab *pTab = (CollectionVtab *)pCursor->pVtab;
  if (i < pTab->nCol) {
    sqlite3_result_value(ctx, sqlite3_column_value(pCur->pStmt, i));
  } else if (pCur->zBody) {
    sqlite3_result_text(ctx, pCur->zBody, pCur->nBody, SQLITE_TRANSIENT);
  }
  return SQLITE_OK;
}

static int collectionRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  *pRowid = ((CollectionCursor *)pCursor)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module collectionModule = {
  0,                     /* iVersion */
  0,                     /* xCreate: eponymous only, never in the schema */
  collectionConnect,     /* xConnect */
  collectionBestIndex,   /* xBestIndex */
  collectionDisconnect,  /* xDisconnect */
  0,                     /* xDestroy */
  collectionOpen,        /* xOpen */
  collectionClose,       /* xClose */
  collectionFilter,      /* xFilter */
  collectionNext,        /* xNext */
  collectionEof,         /* xEof */
  collectionColumn,      /* xColumn */
  collectionRowid,       /* xRowid */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int vtab_collection_register(sqlite3 *db, const CollectionDesc *pColl) {
  return sqlite3_create_module_v2(db, pColl->zName, &collectionModule, (void *)pColl, 0);
}
