/*
** vtab_collection.c: one eponymous-only virtual table module, instantiated
** once per collection of describe.c (artifacts, artifact_collections, ...).
** `artifacts` also takes INSERT, UPDATE and DELETE (artifact_write.c); the
** others are read-only.
**
**   SELECT key, type FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
**   SELECT count(*) FROM artifact_collections;      -- no body: every row
**
** The table-valued-function argument is the hidden column "body": the exact
** request body of the matching Prefect endpoint. xFilter compiles it into
** one SQL statement over Prefect's own tables and the cursor streams that
** statement's rows; nothing is collected in memory here.
**
** Ordinary SQL around the table reaches the inner statement too: column
** constraints (=, IN, <, <=, >, >=, IS, IS NOT, IS [NOT] NULL, !=, LIKE,
** GLOB), ORDER BY on any columns, LIMIT/OFFSET, and prefect_filter()
** documents (a second hidden column named like the table carries each
** row's id for prefect_filter()'s fallback, see prefectFilterRowFunc).
** All of it becomes one statement that SQLite plans on Prefect's indexes.
**
** Like generate_series, there is no xCreate: the tables cannot be created
** with CREATE VIRTUAL TABLE, so loading the extension never writes to the
** database schema.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <stdlib.h>
#include <string.h>

typedef struct CollectionVtab {
  sqlite3_vtab base;
  sqlite3 *db;                      /* borrowed: the connection */
  const CollectionDesc *pColl;      /* borrowed: static description */
  int nCol;                         /* visible columns; column nCol is the body */
  CompileEnv env;                   /* owned: the body reader and sqlite_stat1's statistics */
  StmtCache cache;                  /* owned: the inner statements, by text */
  QueryMemo memo;                   /* owned: compiled queries, by plan and documents (see memo_key) */
  ArtifactWriter *pWriter;          /* owned; writable collections only */
  char aAffinity[64];               /* each column's declared_affinity(), worked out once */
} CollectionVtab;

/*
** How the inner statement's rows become the table's. A query that reads no
** column (count(*), EXISTS), only the columns it groups by (GROUP BY,
** DISTINCT), or only columns that = or IS holds to one value (a correlated
** count) needs no row of Prefect's table by itself: the inner statement
** then counts (SELECT count(*), or one row per group and its size, see
** QueryExtras.bGroupCount) and the cursor hands each of its rows out as
** many times as it counts, or once for DISTINCT. SQLite steps the virtual
** table as often as before, but nothing is fetched or copied per row, and
** SQLite counts on b-trees and groups on Prefect's indexes.
**
** SQLite never says whether it will ask for the rowid (a DELETE, the OR
** optimisation's union, SELECT rowid): if it does, the cursor catches up
** (cursor_catch_up): it runs the plan again as rows, in the groups' order
** (one total order for both statements, see plan_read), and steps to the
** row it is on.
*/
typedef enum Hand {
  HAND_ROWS,     /* each row of the statement once: a row of Prefect's table */
  HAND_COUNTED,  /* each row of the statement as many times as its last column says */
  HAND_ONCE      /* each row of the statement once, though it stands for that many (DISTINCT) */
} Hand;

/*
** A counted cursor hands the same statement row out many times (a GROUP BY
** of 200,000 runs on 9 state types: 200,000 xColumn calls on 9 rows). So
** each column's value is taken from the statement once per statement row,
** on its first read, and handed out from here: without a lookup of the
** statement's column under the connection's mutex, a check for a NUL and
** a copy per call. Text is kept NUL-terminated and handed out as C text
** where it is one, so that SQLite's copy carries the terminator (see
** result_text). Never handed out as
** SQLITE_STATIC: SQLite's registers would keep pointing here (a GROUP BY's
** previous key, max()'s best), and this buffer changes with the next row.
*/
typedef struct HeldValue {
  sqlite3_int64 iRow;   /* the statement row it was taken from (CollectionCursor.iStmtRow) */
  int eType;            /* SQLITE_INTEGER, _FLOAT, _TEXT, _BLOB or _NULL */
  int n;                /* text or blob: its bytes (no terminator); text: -1 when C text */
  sqlite3_int64 iVal;
  double rVal;
  char *z;              /* owned: text (NUL-terminated) or blob bytes */
  int nAlloc;
} HeldValue;

typedef struct CollectionCursor {
  sqlite3_vtab_cursor base;
  sqlite3_stmt *pStmt;   /* lent by the vtab's cache (slot iCache, -1: not kept) */
  int iCache;
  int bEof;

  Hand eHand;
  sqlite3_int64 nGroup;  /* HAND_COUNTED, HAND_ONCE: the rows the current statement row stands for */
  sqlite3_int64 nLeft;   /* HAND_COUNTED: copies of it still to hand out after this one */
  sqlite3_int64 iFull;   /* the current row's place among the rows of the plan run as rows */
  sqlite3_int64 iStmtRow;/* HAND_COUNTED, HAND_ONCE: statement rows stepped, never reset (HeldValue.iRow) */
  HeldValue *aHeld;      /* owned, HAND_COUNTED and HAND_ONCE: one per column of the table, made on first use */
  char *zPlan;           /* owned: the last counting plan's idxStr and argv, to */
  sqlite3_value **apArg; /* catch up with (see Hand) */
  int nArg;

  char *zBody;           /* owned copy of the body, returned by the hidden column */
  int nBody;
  const Query *pQuery;   /* the running query: &query, or borrowed from the memo's entry iMemo */
  int iMemo;             /* pinned memo entry, or -1 */
  signed char aOut[64];  /* column i of the table: column aOut[i] of pStmt, -1 when not selected */
  Query query;           /* owned when iMemo < 0; its text is bound SQLITE_STATIC */
} CollectionCursor;

/*
** The plan, as xBestIndex hands it to xFilter.
**
** idxStr = argv-entry ("," argv-entry)* ["|" order-term ("," order-term)*]
**   argv-entry: "body"           the request body (hidden column body)
**               "filter"         a prefect_filter() document
**               "<column> <op>" [" COLLATE " name] [" recheck"]
**                                a constraint, <op> one of column_op_names
**                                ("key =", "created >=", "id IN", "type IS NULL",
**                                "key = COLLATE NOCASE recheck"): compared
**                                with that collation; "recheck": SQLite checks
**                                it again (omit = 0), see push_kind()
**               "limit" | "offset"  SQL's LIMIT / OFFSET
**   order-term: "<column> ASC" | "<column> DESC"  (ORDER BY, consumed)
**   then "#0x<hex>" when the query reads only some columns: bit i = column i
**   (colUsed), so the inner statement fetches no more than that.
** Entry k of idxStr is argv[k] of xFilter. idxNum repeats the shape as bits
** for a quick look in EXPLAIN QUERY PLAN output.
*/
#define PLAN_BODY 0x01
#define PLAN_FILTER 0x02
#define PLAN_COLUMNS 0x04
#define PLAN_ORDER 0x08
#define PLAN_LIMIT 0x10
#define PLAN_OFFSET 0x20

#define PREFECT_ROW_POINTER "prefect_collection_row"
#define MAX_PLAN_ARGS 32          /* constraints beyond this are left to SQLite */
#define COLLECTION_ROWS 100000.0  /* the planner's guess at a collection's size */


static void vtab_set_error(sqlite3_vtab *pVtab, char *zOwned) {
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zOwned;
}

/* SQLite's affinity of a declared type: 'I'nteger, 'T'ext, 'B'lob (none),
** 'R'eal or 'N'umeric, by the rules of "Determination Of Column Affinity". */
static char declared_affinity(const char *zType) {
  static const struct { const char *zPart; char cAff; } aRule[] = {
    {"INT", 'I'}, {"CHAR", 'T'}, {"CLOB", 'T'}, {"TEXT", 'T'}, {"BLOB", 'B'},
    {"REAL", 'R'}, {"FLOA", 'R'}, {"DOUB", 'R'}};
  int i, j, n = zType ? (int)strlen(zType) : 0;
  if (n == 0) return 'B';
  for (i = 0; i < (int)(sizeof(aRule) / sizeof(aRule[0])); i++) {
    int nPart = (int)strlen(aRule[i].zPart);
    for (j = 0; j + nPart <= n; j++) {
      if (sqlite3_strnicmp(zType + j, aRule[i].zPart, nPart) == 0) return aRule[i].cAff;
    }
  }
  return 'N';
}

/* Fail with rc and the message zOwned; a message that could not be made
** is SQLITE_NOMEM, not rc with SQLite's generic text for it. */
static int vtab_error(sqlite3_vtab *pVtab, int rc, char *zOwned) {
  vtab_set_error(pVtab, zOwned);
  return zOwned ? rc : SQLITE_NOMEM;
}

static int collectionDisconnect(sqlite3_vtab *pVtab);

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
  /* column nCol: the body; column nCol+1, named like the table, is the
  ** first argument of prefect_filter(artifacts, '{...}') */
  sqlite3_str_appendf(pStr, ", body HIDDEN, \"%w\" HIDDEN)", pColl->zName);
  zSchema = sqlite3_str_finish(pStr);
  if (!zSchema) return SQLITE_NOMEM;
  rc = sqlite3_declare_vtab(db, zSchema);
  sqlite3_free(zSchema);
  if (rc != SQLITE_OK) {
    *pzErr = sqlite3_mprintf("prefect: %s", sqlite3_errmsg(db));
    return rc;
  }
  /* artifact_write.c returns SQLITE_CONSTRAINT (a taken id) only before it
  ** writes anything, or after undoing what it wrote: so SQLite may honour
  ** INSERT OR IGNORE / OR FAIL / OR ROLLBACK */
  if (pColl->bWritable) sqlite3_vtab_config(db, SQLITE_VTAB_CONSTRAINT_SUPPORT, 1);
  pTab = sqlite3_malloc(sizeof(*pTab));
  if (!pTab) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->pColl = pColl;
  pTab->nCol = describe_column_count(pColl);
  for (i = 0; i < pTab->nCol; i++) pTab->aAffinity[i] = declared_affinity(pColl->aCol[i].zType);
  json_parser_init(&pTab->env.parser, db);
  if (pColl->bWritable) {
    pTab->pWriter = artifact_writer_new(db, pColl);
    if (!pTab->pWriter) {
      collectionDisconnect(&pTab->base);
      return SQLITE_NOMEM;
    }
  }
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int collectionDisconnect(sqlite3_vtab *pVtab) {
  CollectionVtab *pTab = (CollectionVtab *)pVtab;
  stmt_cache_clear(&pTab->cache);
  query_memo_clear(&pTab->memo);
  json_parser_close(&pTab->env.parser);
  artifact_writer_free(pTab->pWriter);
  sqlite3_free(pTab);
  return SQLITE_OK;
}

/* The ColumnOp of a constraint operator we can push down, or -1. */
static int column_op_of(unsigned char op) {
  switch (op) {
    case SQLITE_INDEX_CONSTRAINT_EQ: return COP_EQ;
    case SQLITE_INDEX_CONSTRAINT_GT: return COP_GT;
    case SQLITE_INDEX_CONSTRAINT_LE: return COP_LE;
    case SQLITE_INDEX_CONSTRAINT_LT: return COP_LT;
    case SQLITE_INDEX_CONSTRAINT_GE: return COP_GE;
    case SQLITE_INDEX_CONSTRAINT_NE: return COP_NE;
    case SQLITE_INDEX_CONSTRAINT_IS: return COP_IS;
    case SQLITE_INDEX_CONSTRAINT_ISNOT: return COP_ISNOT;
    case SQLITE_INDEX_CONSTRAINT_ISNULL: return COP_ISNULL;
    case SQLITE_INDEX_CONSTRAINT_ISNOTNULL: return COP_NOTNULL;
    case SQLITE_INDEX_CONSTRAINT_LIKE: return COP_LIKE;
    case SQLITE_INDEX_CONSTRAINT_GLOB: return COP_GLOB;
    default: return -1;
  }
}

/* Is z a collation name that can be written as it is after COLLATE? */
static int collation_is_plain(const char *z) {
  if (!z || !*z) return 0;
  for (; *z; z++) {
    if (!((*z >= 'a' && *z <= 'z') || (*z >= 'A' && *z <= 'Z') || (*z >= '0' && *z <= '9') || *z == '_')) return 0;
  }
  return 1;
}

/*
** Can constraint i go into the inner statement, and must SQLite check it
** again? On the virtual table SQLite compares with the column's declared
** affinity and the right-hand side's own, which xFilter never sees: a
** column on the right (or a CAST) carries an affinity, a literal or a
** bound parameter has none. The inner statement compares Prefect's column
** with a bound value, i.e. as if the right-hand side had none.
** - Numeric columns (INTEGER, NUMERIC: DATETIME, BOOLEAN, JSON) convert the
**   other side the same way whatever its affinity: exact.
** - Text columns (VARCHAR, CHAR): a text, blob or NULL right-hand side
**   compares the same either way; a number converts to text against a
**   literal but not against a column. So =, !=, IS, IS NOT are pushed and
**   re-checked, and xFilter leaves a numeric value to SQLite alone; < <= >
**   >= need a literal right-hand side known not to be a number.
** - IN lists travel as JSON, which carries no blob, and SQLite 3.40 ends a
**   JSON string at a NUL: re-checked, and xFilter leaves such lists (and
**   numbers against text columns) to SQLite.
** - != and IS NOT: SQLite (3.40 at least) reports BINARY as their
**   collation whatever the SQL says. Compared BINARY, they keep every row
**   that differs under any collation (equal bytes are equal under all of
**   them), so the inner statement keeps a superset and SQLite re-checks.
** - LIKE, GLOB, IS [NOT] NULL are functions of the values: exact.
** - Blob-affinity columns convert by the other side's affinity: not pushed.
*/
typedef enum Push { PUSH_NO, PUSH_EXACT, PUSH_RECHECK } Push;

static Push push_kind(const CollectionVtab *pTab, sqlite3_index_info *pInfo, int i, int eOp) {
  char cAff = pTab->aAffinity[pInfo->aConstraint[i].iColumn];
  sqlite3_value *pRhs = 0;
  int eType;
  if (eOp == COP_ISNULL || eOp == COP_NOTNULL || eOp == COP_LIKE || eOp == COP_GLOB) return PUSH_EXACT;
  if (cAff == 'B') return PUSH_NO;
  if (eOp == COP_IN || eOp == COP_NE || eOp == COP_ISNOT) return PUSH_RECHECK;
  if (cAff != 'T') return PUSH_EXACT;
  eType = sqlite3_vtab_rhs_value(pInfo, i, &pRhs) == SQLITE_OK ? sqlite3_value_type(pRhs) : SQLITE_INTEGER;
  if (eType != SQLITE_INTEGER && eType != SQLITE_FLOAT) return PUSH_EXACT;
  if (eOp == COP_GT || eOp == COP_GE || eOp == COP_LT || eOp == COP_LE) return PUSH_NO;
  return PUSH_RECHECK;
}

/*
** Every constraint we can express in the inner statement is consumed, so
** that SQLite also offers LIMIT/OFFSET (it only does when nothing is left
** for it to check). A body constraint that is not usable yet (it depends on
** a table joined later) is SQLITE_CONSTRAINT: the planner tries another
** order instead of failing. Costs: a full collection is COLLECTION_ROWS;
** each pushed-down constraint narrows that by what Prefect's indexes do
** with it (describe.c IndexKind), so joins start from the selective side.
*/
static int collectionBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo) {
  CollectionVtab *pTab = (CollectionVtab *)pVtab;
  const CollectionDesc *pColl = pTab->pColl;
  int aArg[MAX_PLAN_ARGS];       /* constraint index of each argv slot */
  int aOp[MAX_PLAN_ARGS];        /* its ColumnOp, or -1 for body/filter/limit/offset */
  unsigned char aRecheck[MAX_PLAN_ARGS];  /* SQLite checks it again (push_kind) */
  const char *azColl[MAX_PLAN_ARGS];      /* its collation, when not BINARY */
  int nArg = 0, i, iBody = -1, iLimit = -1, iOffset = -1, bBodyUnusable = 0, bAllUsed = 1, bRecheck = 0;
  int bUnique = 0, bIndexed = 0, idxNum = 0, bInList = 0;
  sqlite3_uint64 mOrder = 0;     /* the columns of a consumed ORDER BY */
  sqlite3_uint64 mEqual = 0;     /* the columns an = or IS constraint pushed down holds to one value */
  double rRows = COLLECTION_ROWS, rCost;
  sqlite3_str *pStr;

  /* slot order is the contract with xFilter: body, filters, columns, limit, offset */
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    if (pCons->iColumn == pTab->nCol + 1 && pCons->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      /* artifacts('{...}', x): a second argument binds the table-named
      ** column, which would silently match nothing */
      return vtab_error(pVtab, SQLITE_ERROR,
                        sqlite3_mprintf("prefect: %s takes one argument, the request body", pColl->zName));
    }
    if (pCons->iColumn == pTab->nCol && pCons->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      if (!pCons->usable) bBodyUnusable = 1;
      else if (iBody < 0) iBody = i;
      else bAllUsed = 0;
    }
  }
  if (iBody < 0 && bBodyUnusable) return SQLITE_CONSTRAINT;
  memset(aRecheck, 0, sizeof(aRecheck));
  memset((void *)azColl, 0, sizeof(azColl));
  if (iBody >= 0) { aArg[nArg] = iBody; aOp[nArg++] = -1; idxNum |= PLAN_BODY; rRows /= 10; }
  for (i = 0; i < pInfo->nConstraint && nArg < MAX_PLAN_ARGS; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    if (!pCons->usable || pCons->iColumn != pTab->nCol + 1) continue;
    if (pCons->op >= SQLITE_INDEX_CONSTRAINT_FUNCTION) {
      aArg[nArg] = i; aOp[nArg++] = -1; idxNum |= PLAN_FILTER; rRows /= 10;
    }
  }
  for (i = 0; i < pInfo->nConstraint; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[i];
    int eOp;
    Push ePush;
    const char *zColl;
    IndexKind eIndex;
    if (i == iBody) continue;
    if (pCons->op == SQLITE_INDEX_CONSTRAINT_LIMIT) { if (pCons->usable) iLimit = i; continue; }
    if (pCons->op == SQLITE_INDEX_CONSTRAINT_OFFSET) { if (pCons->usable) iOffset = i; continue; }
    if (pCons->iColumn == pTab->nCol + 1 && pCons->op >= SQLITE_INDEX_CONSTRAINT_FUNCTION && pCons->usable) continue;
    eOp = (pCons->iColumn >= 0 && pCons->iColumn < pTab->nCol) ? column_op_of(pCons->op) : -1;
    if (eOp == COP_EQ && pCons->usable && sqlite3_vtab_in(pInfo, i, -1)) eOp = COP_IN;
    ePush = (eOp >= 0 && pCons->usable && nArg < MAX_PLAN_ARGS - 2) ? push_kind(pTab, pInfo, i, eOp) : PUSH_NO;
    zColl = 0;
    if (ePush != PUSH_NO && eOp != COP_ISNULL && eOp != COP_NOTNULL && eOp != COP_LIKE && eOp != COP_GLOB &&
        eOp != COP_NE && eOp != COP_ISNOT) {
      /* the comparison's collation goes with it, or it stays with SQLite */
      zColl = sqlite3_vtab_collation(pInfo, i);
      if (zColl && sqlite3_stricmp(zColl, "BINARY") == 0) zColl = 0;
      else if (!collation_is_plain(zColl)) ePush = PUSH_NO;
    }
    if (ePush == PUSH_NO) {
      if (pCons->usable) bAllUsed = 0;  /* SQLite checks it; LIMIT must then stay with SQLite */
      continue;
    }
    if (eOp == COP_IN) sqlite3_vtab_in(pInfo, i, 1), bInList = 1;  /* the whole list in one xFilter */
    aRecheck[nArg] = ePush == PUSH_RECHECK;
    bRecheck |= aRecheck[nArg];
    azColl[nArg] = zColl;
    aArg[nArg] = i;
    aOp[nArg++] = eOp;
    idxNum |= PLAN_COLUMNS;
    eIndex = pColl->aCol[pCons->iColumn].eIndex;
    if ((eOp == COP_EQ || eOp == COP_IS) && pCons->iColumn < 63) mEqual |= ((sqlite3_uint64)1) << pCons->iColumn;
    switch (eOp) {
      case COP_EQ:
      case COP_IS:
        /* unique under BINARY only: NOCASE may match several ids */
        if (eIndex == IDX_UNIQUE && !zColl) { rRows = 1; bUnique = 1; }
        else if (eIndex == IDX_UNIQUE || eIndex == IDX_MULTI) rRows /= 100;
        else rRows /= 10;
        break;
      case COP_IN:
        if (eIndex == IDX_UNIQUE) { if (rRows > 10) rRows = 10; }
        else rRows /= eIndex == IDX_MULTI ? 20 : 5;
        break;
      case COP_GT: case COP_GE: case COP_LT: case COP_LE:
        rRows /= 4;
        break;
      default:
        rRows /= 2;
        break;
    }
    if (eIndex != IDX_NONE && !zColl && eOp != COP_NE && eOp != COP_ISNOT && eOp != COP_NOTNULL &&
        eOp != COP_LIKE && eOp != COP_GLOB) {
      bIndexed = 1;
    }
  }
  /* a re-checked constraint may be left out of the inner statement at
  ** xFilter time: a LIMIT there would then count rows SQLite drops */
  if (bRecheck) bAllUsed = 0;
  if (bAllUsed && iLimit >= 0 && nArg < MAX_PLAN_ARGS) { aArg[nArg] = iLimit; aOp[nArg++] = -1; idxNum |= PLAN_LIMIT; }
  if (bAllUsed && iOffset >= 0 && nArg < MAX_PLAN_ARGS) { aArg[nArg] = iOffset; aOp[nArg++] = -1; idxNum |= PLAN_OFFSET; }

  pStr = sqlite3_str_new(0);
  for (i = 0; i < nArg; i++) {
    const struct sqlite3_index_constraint *pCons = &pInfo->aConstraint[aArg[i]];
    if (i) sqlite3_str_appendchar(pStr, 1, ',');
    if (aArg[i] == iBody) sqlite3_str_appendall(pStr, "body");
    else if (aArg[i] == iLimit) sqlite3_str_appendall(pStr, "limit");
    else if (aArg[i] == iOffset) sqlite3_str_appendall(pStr, "offset");
    else if (aOp[i] < 0) sqlite3_str_appendall(pStr, "filter");
    else {
      sqlite3_str_appendf(pStr, "%s %s", pColl->aCol[pCons->iColumn].zName, column_op_names[aOp[i]]);
      if (azColl[i]) sqlite3_str_appendf(pStr, " COLLATE %s", azColl[i]);
      if (aRecheck[i]) sqlite3_str_appendall(pStr, " recheck");
    }
    pInfo->aConstraintUsage[aArg[i]].argvIndex = i + 1;
#ifdef PREFECT_VERIFY_CONSTRAINTS
    /* test builds: SQLite re-checks every column constraint we push down */
    pInfo->aConstraintUsage[aArg[i]].omit = aOp[i] < 0;
#else
    pInfo->aConstraintUsage[aArg[i]].omit = !aRecheck[i];
#endif
  }
  /* any ORDER BY on visible columns: the inner statement sorts (or an index does) */
  if (pInfo->nOrderBy > 0) {
    int bOk = 1;
    for (i = 0; i < pInfo->nOrderBy; i++) {
      if (pInfo->aOrderBy[i].iColumn < 0 || pInfo->aOrderBy[i].iColumn >= pTab->nCol) bOk = 0;
    }
    if (bOk) {
      for (i = 0; i < pInfo->nOrderBy; i++) {
        sqlite3_str_appendf(pStr, "%c%s %s", i ? ',' : '|', pColl->aCol[pInfo->aOrderBy[i].iColumn].zName,
                            pInfo->aOrderBy[i].desc ? "DESC" : "ASC");
        if (pInfo->aOrderBy[i].iColumn < 63) mOrder |= ((sqlite3_uint64)1) << pInfo->aOrderBy[i].iColumn;
      }
      pInfo->orderByConsumed = 1;
      idxNum |= PLAN_ORDER;
    }
  }
  {
    /* the columns read; prefect_filter()'s column needs the id (column 0) */
    sqlite3_uint64 mAll = pTab->nCol >= 63 ? ~(sqlite3_uint64)0 : ((sqlite3_uint64)1 << pTab->nCol) - 1;
    sqlite3_uint64 mUsed = pInfo->colUsed & mAll;
    int bRowFilter = (pInfo->colUsed & (((sqlite3_uint64)1) << (pTab->nCol + 1 < 63 ? pTab->nCol + 1 : 63))) != 0;
    if (bRowFilter) mUsed |= 1;
    if (pTab->nCol >= 63) mUsed = mAll;
    /* The rows may come counted, one statement row per group of equal
    ** values of the columns read (see Hand), where there are few groups:
    ** GROUP BY (distinct 1) or DISTINCT (2, 3) over nothing but its own
    ** columns, or every column read held to one value by = or IS
    ** (SELECT count(*) ... WHERE flow_id = ?, a correlated count). Not
    ** under SQL's LIMIT (it counts rows, not groups), nor with
    ** prefect_filter()'s column (it reads a row's id) or an IN list
    ** (xFilter's list is not kept for a catch-up). */
    int bGrouped = mOrder != 0 && (mUsed & ~mOrder) == 0 && sqlite3_vtab_distinct(pInfo) >= 1;
    /* a unique column held to one value is one row already */
    int bHeld = !bGrouped && !bUnique && (mUsed & ~mEqual) == 0;
    if (mUsed != 0 && (bGrouped || bHeld) && !(idxNum & (PLAN_LIMIT | PLAN_OFFSET)) && !bInList &&
        __builtin_popcountll(mUsed) + pInfo->nOrderBy <= MAX_PLAN_ARGS && !bRowFilter) {
      sqlite3_str_appendf(pStr, "#0x%llx %s", mUsed,
                          bHeld ? "held" : sqlite3_vtab_distinct(pInfo) >= 2 ? "once" : "counted");
    } else if (mUsed != mAll) {
      sqlite3_str_appendf(pStr, "#0x%llx", mUsed);
    }
  }
  if (sqlite3_str_errcode(pStr)) {
    sqlite3_free(sqlite3_str_finish(pStr));
    return SQLITE_NOMEM;
  }
  pInfo->idxStr = sqlite3_str_finish(pStr);
  pInfo->needToFreeIdxStr = 1;
  pInfo->idxNum = idxNum;
  if (rRows < 1) rRows = 1;
  /* an index lookup costs per row found; anything else scans the table */
  rCost = bIndexed ? rRows * 4 + 10 : COLLECTION_ROWS + rRows;
  if ((idxNum & PLAN_ORDER) && pInfo->nOrderBy > 0 &&
      (pInfo->nOrderBy > 1 || pColl->aCol[pInfo->aOrderBy[0].iColumn].eIndex == IDX_NONE)) {
    rCost += rRows * 3;  /* the inner statement sorts */
  }
  pInfo->estimatedCost = rCost;
  pInfo->estimatedRows = (sqlite3_int64)rRows;
  if (bUnique) pInfo->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
  return SQLITE_OK;
}

static int collectionOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor) {
  CollectionCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if (!pCur) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->iCache = -1;
  pCur->iMemo = -1;
  pCur->bEof = 1;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

/* Give the statement back (or finalize an uncached one) and free the
** query; called from xClose, at the top of xFilter and on errors. */
static void collectionCursorReset(CollectionCursor *pCur) {
  CollectionVtab *pTab = (CollectionVtab *)pCur->base.pVtab;
  stmt_cache_release(&pTab->cache, pCur->iCache, pCur->pStmt);
  pCur->pStmt = 0;
  pCur->iCache = -1;
  pCur->bEof = 1;
  pCur->eHand = HAND_ROWS;
  sqlite3_free(pCur->zBody);
  pCur->zBody = 0;
  pCur->nBody = 0;
  query_memo_unpin(&pTab->memo, pCur->iMemo);
  pCur->iMemo = -1;
  pCur->pQuery = 0;
  query_clear(&pCur->query);
}

/* Free what a counting plan kept to catch up with. */
static void cursor_plan_clear(CollectionCursor *pCur) {
  int i;
  for (i = 0; i < pCur->nArg; i++) sqlite3_value_free(pCur->apArg[i]);
  sqlite3_free(pCur->apArg);
  sqlite3_free(pCur->zPlan);
  pCur->apArg = 0;
  pCur->zPlan = 0;
  pCur->nArg = 0;
}

static int collectionClose(sqlite3_vtab_cursor *pCursor) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  CollectionVtab *pTab = (CollectionVtab *)pCursor->pVtab;
  int i;
  collectionCursorReset(pCur);
  cursor_plan_clear(pCur);
  for (i = 0; pCur->aHeld && i < pTab->nCol; i++) sqlite3_free(pCur->aHeld[i].z);
  sqlite3_free(pCur->aHeld);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* The next row of the statement; a counted one that stands for no row
** (count(*) of nothing) is passed over. */
static int cursor_step(CollectionCursor *pCur) {
  for (;;) {
    int rc = sqlite3_step(pCur->pStmt);
    if (rc == SQLITE_ROW) {
      if (pCur->eHand == HAND_ROWS) return SQLITE_OK;
      pCur->nGroup = sqlite3_column_int64(pCur->pStmt, query_rowid_index(pCur->pQuery));
      if (pCur->nGroup <= 0) continue;
      pCur->iStmtRow++;  /* the held values are of the previous row */
      pCur->nLeft = pCur->eHand == HAND_COUNTED ? pCur->nGroup - 1 : 0;
      return SQLITE_OK;
    }
    pCur->bEof = 1;
    if (rc == SQLITE_DONE) return SQLITE_OK;
    return vtab_error(pCur->base.pVtab, rc,
                      schema_error(((CollectionVtab *)pCur->base.pVtab)->db, sqlite3_sql(pCur->pStmt)));
  }
}

static int collectionNext(sqlite3_vtab_cursor *pCursor) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  switch (pCur->eHand) {
    case HAND_COUNTED:
      pCur->iFull++;
      if (pCur->nLeft > 0) { pCur->nLeft--; return SQLITE_OK; }
      break;
    case HAND_ONCE:
      pCur->iFull += pCur->nGroup;
      break;
    case HAND_ROWS:
      pCur->iFull++;
      break;
  }
  return cursor_step(pCur);
}

/* Index of the column named z (n bytes), or -1. */
static int column_by_name(const CollectionDesc *pColl, const char *z, int n) {
  int i;
  for (i = 0; pColl->aCol[i].zName; i++) {
    if ((int)strlen(pColl->aCol[i].zName) == n && memcmp(pColl->aCol[i].zName, z, n) == 0) return i;
  }
  return -1;
}

/* Read the plan of xBestIndex back into QueryExtras (see the grammar above). */
static int plan_read(CollectionVtab *pTab, const char *idxStr, int argc, sqlite3_value **argv,
                     const char **pzBody, int *pnBody, QueryExtras *pX,
                     const char **azFilter, int *anFilter, ColumnConstraint *aCons,
                     unsigned char *aRecheck, OrderTerm *aOrder, Hand *peHand) {
  const CollectionDesc *pColl = pTab->pColl;
  const char *z = idxStr ? idxStr : "";
  int iArg = 0;
  while (*z && *z != '|' && *z != '#') {
    int n = 0, k;
    while (z[n] && z[n] != ',' && z[n] != '|' && z[n] != '#') n++;
    if (iArg >= argc || iArg >= MAX_PLAN_ARGS) return SQLITE_ERROR;
    if (n == 4 && memcmp(z, "body", 4) == 0) {
      if (sqlite3_value_type(argv[iArg]) != SQLITE_NULL) {
        *pzBody = (const char *)sqlite3_value_text(argv[iArg]);
        *pnBody = sqlite3_value_bytes(argv[iArg]);
      }
    } else if (n == 6 && memcmp(z, "filter", 6) == 0) {
      azFilter[pX->nFilter] = (const char *)sqlite3_value_text(argv[iArg]);
      anFilter[pX->nFilter++] = sqlite3_value_bytes(argv[iArg]);
    } else if (n == 5 && memcmp(z, "limit", 5) == 0) {
      pX->bLimit = 1;
      pX->iLimitArg = iArg;
    } else if (n == 6 && memcmp(z, "offset", 6) == 0) {
      pX->bOffset = 1;
      pX->iOffsetArg = iArg;
    } else {
      /* "<column> <op>" [" COLLATE " name] [" recheck"]: the longest
      ** operator name that fits ("IS NOT NULL" before "IS NOT" and "IS") */
      const char *zSpace = memchr(z, ' ', n);
      const char *zRest;
      int nRest, nBest = 0;
      ColumnConstraint *pCons = &aCons[pX->nCons];
      if (!zSpace) return SQLITE_ERROR;
      pCons->iCol = column_by_name(pColl, z, (int)(zSpace - z));
      pCons->eOp = COP_COUNT;
      zRest = zSpace + 1;
      nRest = n - (int)(zRest - z);
      for (k = 0; k < COP_COUNT; k++) {
        int nOp = (int)strlen(column_op_names[k]);
        if (nOp > nBest && nOp <= nRest && memcmp(zRest, column_op_names[k], nOp) == 0 &&
            (nOp == nRest || zRest[nOp] == ' ')) {
          pCons->eOp = k;
          nBest = nOp;
        }
      }
      if (pCons->iCol < 0 || pCons->eOp == COP_COUNT) return SQLITE_ERROR;
      zRest += nBest;
      nRest -= nBest;
      pCons->zColl = 0;
      pCons->nColl = 0;
      if (nRest > 9 && memcmp(zRest, " COLLATE ", 9) == 0) {
        pCons->zColl = zRest + 9;
        while (pCons->nColl < nRest - 9 && pCons->zColl[pCons->nColl] != ' ') pCons->nColl++;
        zRest += 9 + pCons->nColl;
        nRest -= 9 + pCons->nColl;
      }
      aRecheck[pX->nCons] = nRest == 8 && memcmp(zRest, " recheck", 8) == 0;
      if (nRest != (aRecheck[pX->nCons] ? 8 : 0)) return SQLITE_ERROR;
      pCons->iArg = iArg;
      pCons->pValue = 0;
      pX->nCons++;
    }
    iArg++;
    z += n;
    if (*z == ',') z++;
  }
  if (*z == '|') {
    z++;
    while (*z && *z != '#') {
      int n = 0;
      const char *zSpace;
      while (z[n] && z[n] != ',' && z[n] != '#') n++;
      zSpace = memchr(z, ' ', n);
      if (!zSpace || pX->nOrder >= MAX_PLAN_ARGS) return SQLITE_ERROR;
      aOrder[pX->nOrder].iCol = column_by_name(pColl, z, (int)(zSpace - z));
      aOrder[pX->nOrder].bDesc = (n - (zSpace - z) - 1) == 4 && memcmp(zSpace + 1, "DESC", 4) == 0;
      if (aOrder[pX->nOrder].iCol < 0) return SQLITE_ERROR;
      pX->nOrder++;
      z += n;
      if (*z == ',') z++;
    }
  }
  *peHand = HAND_ROWS;
  if (*z == '#') {
    char *zEnd = 0;
    pX->bSomeColumns = 1;
    pX->mColumns = (sqlite3_uint64)strtoull(z + 1, &zEnd, 16);
    if (!zEnd) return SQLITE_ERROR;
    /* "held": counted because = holds each column read to one value; only
    ** while each such constraint is in the inner statement (see cursor_run) */
    if (strcmp(zEnd, " counted") == 0 || strcmp(zEnd, " held") == 0) *peHand = HAND_COUNTED;
    else if (strcmp(zEnd, " once") == 0) *peHand = HAND_ONCE;
    else if (*zEnd) return SQLITE_ERROR;
    /* no column read: one count(*), whatever the plan says */
    if (pX->mColumns == 0) *peHand = HAND_COUNTED;
  }
  return iArg == argc ? SQLITE_OK : SQLITE_ERROR;
}

/* The memo key of a run: its plan, which re-checked constraints xFilter
** left to SQLite (zLeft), and the text of its documents. */
static void memo_key(MemoKey *pKey, const char *idxStr, const char *zLeft, const char *zBody, int nBody,
                     const QueryExtras *pX) {
  int i;
  memo_key_part(pKey, idxStr ? idxStr : "", idxStr ? (int)strlen(idxStr) : 0);
  /* a counting plan caught up with runs as rows (cursor_catch_up) */
  memo_key_part(pKey, pX->bCount ? "c" : pX->bGroupCount ? "g" : "r", 1);
  memo_key_part(pKey, zLeft, (int)strlen(zLeft));
  memo_key_part(pKey, zBody, nBody);
  for (i = 0; i < pX->nFilter; i++) memo_key_part(pKey, pX->azFilter[i], pX->anFilter[i]);
}

/* Point pCur->pQuery at the compiled query for this run: from the memo, or
** compiled now (and kept in the memo when a slot is free). A query repeated
** with other SQL values (id = ?) is neither parsed nor compiled again: those
** values are bound from argv at every run (BT_ARG_*). */
static int query_for_run(CollectionVtab *pTab, CollectionCursor *pCur, const char *idxStr, const char *zLeft,
                         const QueryExtras *pX, char **pzErr) {
  int iFree = -1, rc;
  MemoKey key;
  memo_key_init(&key);
  memo_key(&key, idxStr, zLeft, pCur->zBody, pCur->nBody, pX);
  if (key.bNoMem) return SQLITE_NOMEM;
  pCur->iMemo = query_memo_find(&pTab->memo, &pTab->env, key.z, key.n, &iFree, &rc);
  if (rc != SQLITE_OK) {
    memo_key_free(&key);
    return rc;
  }
  if (pCur->iMemo >= 0) {
    memo_key_free(&key);
    pCur->pQuery = &pTab->memo.aEntry[pCur->iMemo].query;
    return SQLITE_OK;
  }
  rc = filter_compile(&pTab->env, pTab->pColl, pCur->zBody, pCur->nBody, pX, &pCur->query, pzErr);
  pCur->iMemo = query_memo_keep(&pTab->memo, rc == SQLITE_OK ? iFree : -1, key.z, key.n, &pCur->query);
  pCur->pQuery = pCur->iMemo >= 0 ? &pTab->memo.aEntry[pCur->iMemo].query : &pCur->query;
  memo_key_free(&key);
  return rc;
}

/* An IN list, taken all at once (sqlite3_vtab_in), as a JSON array for
** json_each. NULLs never match in a WHERE term and are left out. *pbExact
** is cleared where json_each could not give back a value as it is (a blob,
** text with a NUL byte or invalid UTF-8, a real with a fraction) or where a
** number meets a text column (see push_kind): then the list is not built. */
static int in_list_json(sqlite3_value *pList, int bTextColumn, char **pzList, int *pbExact) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  sqlite3_value *pVal = 0;
  int rc, n = 0;
  *pzList = 0;
  *pbExact = 1;
  sqlite3_str_appendchar(pStr, 1, '[');
  for (rc = sqlite3_vtab_in_first(pList, &pVal); rc == SQLITE_OK && pVal && *pbExact;
       rc = sqlite3_vtab_in_next(pList, &pVal)) {
    int eType = sqlite3_value_type(pVal);
    if (eType == SQLITE_NULL) continue;
    if (n++) sqlite3_str_appendchar(pStr, 1, ',');
    if (eType == SQLITE_INTEGER && !bTextColumn) {
      sqlite3_str_appendf(pStr, "%lld", sqlite3_value_int64(pVal));
    } else if (eType == SQLITE_FLOAT && !bTextColumn) {
      /* json_each reads reals with the C library under the host's locale
      ** (SQLite 3.40): a decimal point may read as the end of the number,
      ** so only reals written without one travel as JSON, and always with
      ** an exponent so that they stay reals. JSON has no infinity; an
      ** overflowing exponent reads as one. */
      double r = sqlite3_value_double(pVal);
      if (r > 1.7976931348623157e308) sqlite3_str_appendall(pStr, "9e999");
      else if (r < -1.7976931348623157e308) sqlite3_str_appendall(pStr, "-9e999");
      else {
        char zNum[40];
        sqlite3_snprintf(sizeof(zNum), zNum, "%.17g", r);
        if (strchr(zNum, '.')) *pbExact = 0;
        else sqlite3_str_appendf(pStr, strchr(zNum, 'e') ? "%s" : "%se0", zNum);
      }
    } else if (eType == SQLITE_TEXT) {
      const unsigned char *z = sqlite3_value_text(pVal);
      int nz = sqlite3_value_bytes(pVal);
      if (!z || memchr(z, 0, nz) || !json_utf8_valid(z, nz)) *pbExact = 0;
      else json_write_string(pStr, (const char *)z, nz, 0);
    } else {
      *pbExact = 0;
    }
  }
  sqlite3_str_appendchar(pStr, 1, ']');
  if ((rc != SQLITE_OK && rc != SQLITE_DONE) || sqlite3_str_errcode(pStr)) {
    sqlite3_free(sqlite3_str_finish(pStr));
    return rc != SQLITE_OK && rc != SQLITE_DONE ? rc : SQLITE_NOMEM;
  }
  if (*pbExact) *pzList = sqlite3_str_finish(pStr);
  else sqlite3_free(sqlite3_str_finish(pStr));
  return SQLITE_OK;
}

/* Which pushed-down constraints go into the inner statement for these
** values: a re-checked one whose value the inner statement cannot compare
** as SQLite would (push_kind) is left to SQLite's own check, and marked
** '1' in zLeft. IN lists are made into JSON (azList, by argv slot). */
static int constraints_settle(CollectionVtab *pTab, sqlite3_value **argv, QueryExtras *pX,
                              ColumnConstraint *aCons, const unsigned char *aRecheck, char **azList,
                              char *zLeft) {
  int i, nKept = 0;
  for (i = 0; i < pX->nCons; i++) {
    ColumnConstraint *pCons = &aCons[i];
    int bTextColumn = pTab->aAffinity[pCons->iCol] == 'T';
    int bExact = 1;
    if (pCons->eOp == COP_IN) {
      int rc = in_list_json(argv[pCons->iArg], bTextColumn, &azList[pCons->iArg], &bExact);
      if (rc != SQLITE_OK) return rc;
    } else if (aRecheck[i] && bTextColumn) {
      int eType = sqlite3_value_type(argv[pCons->iArg]);
      bExact = eType != SQLITE_INTEGER && eType != SQLITE_FLOAT;
    }
    if (!bExact && !aRecheck[i]) return SQLITE_ERROR;  /* a plan xBestIndex never makes */
    zLeft[i] = bExact ? '0' : '1';
    if (bExact) aCons[nKept++] = *pCons;
  }
  zLeft[pX->nCons] = 0;
  pX->nCons = nKept;
  return SQLITE_OK;
}

/* Bind the IN lists (BT_ARG_LIST), handing each text to the statement. */
static int in_lists_bind(const Query *pQuery, sqlite3_stmt *pStmt, char **azList) {
  int nParam = sqlite3_bind_parameter_count(pStmt);
  int i, rc = SQLITE_OK;
  for (i = 0; i < pQuery->nBind && i < nParam && rc == SQLITE_OK; i++) {
    if (pQuery->aBind[i].eType != BT_ARG_LIST) continue;
    rc = sqlite3_bind_text(pStmt, i + 1, azList[pQuery->aBind[i].iArg], -1, sqlite3_free);
    azList[pQuery->aBind[i].iArg] = 0;
  }
  return rc;
}

/* A counting plan's groups in one total order: SQL's ORDER BY first, then
** every other column read, ascending. A catch-up runs the same plan as
** rows in that order, where the row at each place has its group's values. */
static int order_total(const CollectionDesc *pColl, QueryExtras *pX, OrderTerm *aOrder) {
  int i, k;
  for (i = 0; i < 63 && pColl->aCol[i].zName; i++) {
    if (!(pX->mColumns & (((sqlite3_uint64)1) << i))) continue;
    for (k = 0; k < pX->nOrder && aOrder[k].iCol != i; k++) {}
    if (k < pX->nOrder) continue;
    if (pX->nOrder >= MAX_PLAN_ARGS) return SQLITE_ERROR;  /* a plan xBestIndex never makes */
    aOrder[pX->nOrder].iCol = i;
    aOrder[pX->nOrder++].bDesc = 0;
  }
  return SQLITE_OK;
}

/* Whether idxStr counts because = holds each column read to one value
** (its last word "held", see collectionBestIndex). */
static int plan_held(const char *idxStr) {
  size_t n = idxStr ? strlen(idxStr) : 0;
  return n > 5 && strcmp(idxStr + n - 5, " held") == 0;
}

/* Keep xFilter's plan and values for a catch-up (see Hand). The same plan
** run again (a correlated count, once per outer row) keeps its text and
** its array; only the values are copied afresh. */
static int cursor_plan_keep(CollectionCursor *pCur, const char *idxStr, int argc, sqlite3_value **argv) {
  int i;
  for (i = 0; i < pCur->nArg; i++) sqlite3_value_free(pCur->apArg[i]);
  pCur->nArg = 0;
  if (!pCur->zPlan || strcmp(pCur->zPlan, idxStr) != 0) {
    cursor_plan_clear(pCur);
    pCur->zPlan = sqlite3_mprintf("%s", idxStr);
    /* one plan has one argc: the array fits it from now on */
    pCur->apArg = sqlite3_malloc64(sizeof(sqlite3_value *) * (argc > 0 ? argc : 1));
    if (!pCur->zPlan || !pCur->apArg) {
      cursor_plan_clear(pCur);
      return SQLITE_NOMEM;
    }
  }
  for (i = 0; i < argc; i++) {
    pCur->apArg[i] = sqlite3_value_dup(argv[i]);
    if (!pCur->apArg[i]) return SQLITE_NOMEM;
    pCur->nArg = i + 1;
  }
  return SQLITE_OK;
}

/* Run the plan idxStr with the values argv and step to the first row:
** counting where the plan says so, as rows when bAsRows. */
static int cursor_run(CollectionCursor *pCur, const char *idxStr, int argc, sqlite3_value **argv, int bAsRows) {
  sqlite3_vtab_cursor *pCursor = &pCur->base;
  CollectionVtab *pTab = (CollectionVtab *)pCursor->pVtab;
  const char *azFilter[MAX_PLAN_ARGS];
  int anFilter[MAX_PLAN_ARGS];
  ColumnConstraint aCons[MAX_PLAN_ARGS];
  unsigned char aRecheck[MAX_PLAN_ARGS];
  char *azList[MAX_PLAN_ARGS];     /* owned until bound: IN lists by argv slot */
  char zLeft[MAX_PLAN_ARGS + 1];
  OrderTerm aOrder[MAX_PLAN_ARGS];
  QueryExtras extras;
  const char *zBody = 0;
  int nBody = 0, i;
  char *zErr = 0;
  Hand ePlanned = HAND_ROWS, eHand;
  int rc;
  memset(&extras, 0, sizeof(extras));
  memset(azList, 0, sizeof(azList));
  zLeft[0] = 0;
  extras.azFilter = azFilter;
  extras.anFilter = anFilter;
  extras.aCons = aCons;
  extras.aOrder = aOrder;
  rc = plan_read(pTab, idxStr, argc, argv, &zBody, &nBody, &extras, azFilter, anFilter, aCons, aRecheck, aOrder,
                 &ePlanned);
  if (rc == SQLITE_OK) rc = constraints_settle(pTab, argv, &extras, aCons, aRecheck, azList, zLeft);
  /* an = left to SQLite alone for these values holds nothing in the inner
  ** statement, which would count every group of the table: rows instead */
  if (ePlanned != HAND_ROWS && plan_held(idxStr) && strchr(zLeft, '1')) ePlanned = HAND_ROWS;
  if (rc == SQLITE_OK && ePlanned != HAND_ROWS) rc = order_total(pTab->pColl, &extras, aOrder);
  eHand = bAsRows ? HAND_ROWS : ePlanned;
  extras.bCount = eHand != HAND_ROWS && extras.mColumns == 0;
  extras.bGroupCount = eHand != HAND_ROWS && extras.mColumns != 0;
  pCur->eHand = eHand;
  if (rc == SQLITE_OK && eHand != HAND_ROWS) rc = cursor_plan_keep(pCur, idxStr, argc, argv);
  if (rc == SQLITE_OK && zBody) {
    /* kept for the hidden body column */
    pCur->zBody = sqlite3_malloc(nBody + 1);
    if (!pCur->zBody) rc = SQLITE_NOMEM;
    else memcpy(pCur->zBody, zBody, nBody + 1), pCur->nBody = nBody;
  }
  if (rc == SQLITE_OK) {
    rc = query_for_run(pTab, pCur, idxStr, zLeft, &extras, &zErr);
    if (rc != SQLITE_OK && zErr) vtab_set_error(pCursor->pVtab, zErr);
  } else if (rc == SQLITE_ERROR) {
    rc = vtab_error(pCursor->pVtab, rc, sqlite3_mprintf("prefect: internal error: unreadable plan %Q", idxStr));
  }
  if (rc == SQLITE_OK) {
    rc = stmt_cache_acquire(&pTab->cache, pTab->db, pCur->pQuery->zSql, &pCur->pStmt, &pCur->iCache);
    if (rc == SQLITE_OK) rc = query_bind(pCur->pQuery, pCur->pStmt, argv);
    if (rc == SQLITE_OK) rc = in_lists_bind(pCur->pQuery, pCur->pStmt, azList);
    /* a bind that ran out of memory leaves no message of its own: SQLite's
    ** errmsg would be a stale one ("not an error") */
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
      rc = vtab_error(pCursor->pVtab, rc, schema_error(pTab->db, pCur->pQuery->zSql));
    }
  }
  for (i = 0; i < MAX_PLAN_ARGS; i++) sqlite3_free(azList[i]);
  if (rc != SQLITE_OK) {
    collectionCursorReset(pCur);
    return rc;
  }
  {
    /* where each column is in the statement's rows (query_column_index), once per run */
    int k = 0;
    for (i = 0; i < pTab->nCol; i++) {
      pCur->aOut[i] = (signed char)((pCur->pQuery->mOut >> i) & 1 ? k++ : -1);
    }
  }
  pCur->bEof = 0;
  return cursor_step(pCur);
}

static int collectionFilter(sqlite3_vtab_cursor *pCursor, int idxNum, const char *idxStr,
                            int argc, sqlite3_value **argv) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  (void)idxNum;
  collectionCursorReset(pCur);
  pCur->iFull = 0;
  return cursor_run(pCur, idxStr, argc, argv, 0);
}

/* SQLite asks a counting cursor for a row of Prefect's table: run the plan
** again as rows, in the order of the groups (so the row at the same place
** has the same columns), and step to the place of the current row. */
static int cursor_catch_up(CollectionCursor *pCur) {
  char *zPlan = pCur->zPlan;
  sqlite3_value **apArg = pCur->apArg;
  int nArg = pCur->nArg, rc;
  sqlite3_int64 iFull = pCur->iFull, i;
  pCur->zPlan = 0;
  pCur->apArg = 0;
  pCur->nArg = 0;
  collectionCursorReset(pCur);
  rc = cursor_run(pCur, zPlan, nArg, apArg, 1);
  for (i = 0; rc == SQLITE_OK && i < iFull && !pCur->bEof; i++) rc = cursor_step(pCur);
  pCur->iFull = iFull;
  for (i = 0; i < nArg; i++) sqlite3_value_free(apArg[i]);
  sqlite3_free(apArg);
  sqlite3_free(zPlan);
  if (rc == SQLITE_OK && pCur->bEof) {
    /* one snapshot holds both statements: only a write between them (by
    ** this statement itself) can make the rows fewer */
    rc = vtab_error(pCur->base.pVtab, SQLITE_ERROR,
                    sqlite3_mprintf("prefect: %s changed while it was read", ((CollectionVtab *)pCur->base.pVtab)->pColl->zName));
  }
  return rc;
}

static int collectionEof(sqlite3_vtab_cursor *pCursor) {
  return ((CollectionCursor *)pCursor)->bEof;
}

/*
** Hand out the text z (n bytes, z[n] is a NUL) as C text where it is one.
** SQLite keeps a text given with its length without a terminator, and the
** first reader that wants C text (sqlite3_column_text() in a client,
** length(), ...) copies it again to add one. Given as C text (length -1)
** it is copied once, terminator included. A text with a NUL inside goes
** with its length: as C text it would end at the NUL.
*/
static void result_text(sqlite3_context *ctx, const char *z, int n) {
  sqlite3_result_text(ctx, z, (int)strlen(z) == n ? -1 : n, SQLITE_TRANSIENT);
}

/* Column iOut of the statement's current row into *pHeld (see HeldValue). */
static int held_take(CollectionCursor *pCur, int iOut, HeldValue *pHeld) {
  sqlite3_value *pVal = sqlite3_column_value(pCur->pStmt, iOut);
  const void *p = 0;
  pHeld->eType = sqlite3_value_type(pVal);
  pHeld->n = 0;
  switch (pHeld->eType) {
    case SQLITE_INTEGER: pHeld->iVal = sqlite3_value_int64(pVal); break;
    case SQLITE_FLOAT: pHeld->rVal = sqlite3_value_double(pVal); break;
    case SQLITE_TEXT: p = sqlite3_value_text(pVal); break;
    case SQLITE_BLOB: p = sqlite3_value_blob(pVal); break;
    default: break;
  }
  if (pHeld->eType == SQLITE_TEXT || pHeld->eType == SQLITE_BLOB) {
    int n = sqlite3_value_bytes(pVal);
    if (!p && (n > 0 || pHeld->eType == SQLITE_TEXT)) return SQLITE_NOMEM;
    if (n >= pHeld->nAlloc) {
      int nNew = n < 24 ? 32 : n + n / 2 + 1;
      char *zNew = sqlite3_realloc(pHeld->z, nNew);
      if (!zNew) return SQLITE_NOMEM;
      pHeld->z = zNew;
      pHeld->nAlloc = nNew;
    }
    if (n > 0) memcpy(pHeld->z, p, n);
    pHeld->z[n] = 0;
    pHeld->n = pHeld->eType == SQLITE_TEXT && (int)strlen(pHeld->z) == n ? -1 : n;
  }
  pHeld->iRow = pCur->iStmtRow;
  return SQLITE_OK;
}

/* Hand out column i (of the table; iOut of the statement) of a counted
** cursor's row from what is held of it. */
static int column_held(CollectionCursor *pCur, sqlite3_context *ctx, int i, int iOut) {
  HeldValue *pHeld;
  if (!pCur->aHeld) {
    int nCol = ((CollectionVtab *)pCur->base.pVtab)->nCol;
    pCur->aHeld = sqlite3_malloc64(sizeof(HeldValue) * nCol);
    if (!pCur->aHeld) return SQLITE_NOMEM;
    memset(pCur->aHeld, 0, sizeof(HeldValue) * nCol);
  }
  pHeld = &pCur->aHeld[i];
  if (pHeld->iRow != pCur->iStmtRow) {
    int rc = held_take(pCur, iOut, pHeld);
    if (rc != SQLITE_OK) {
      pHeld->iRow = 0;
      return rc;
    }
  }
  switch (pHeld->eType) {
    case SQLITE_INTEGER: sqlite3_result_int64(ctx, pHeld->iVal); break;
    case SQLITE_FLOAT: sqlite3_result_double(ctx, pHeld->rVal); break;
    case SQLITE_TEXT: sqlite3_result_text(ctx, pHeld->z, pHeld->n, SQLITE_TRANSIENT); break;
    case SQLITE_BLOB:
      if (pHeld->n == 0) sqlite3_result_zeroblob(ctx, 0);  /* an empty blob has no pointer */
      else sqlite3_result_blob(ctx, pHeld->z, pHeld->n, SQLITE_TRANSIENT);
      break;
    default: sqlite3_result_null(ctx); break;
  }
  return SQLITE_OK;
}

static int collectionColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  CollectionVtab *pTab = (CollectionVtab *)pCursor->pVtab;
  /* an UPDATE asking for a column it does not set: leaving the result
  ** unset hands xUpdate a "no change" value, which is how it tells the
  ** columns a statement sets from the ones it keeps */
  if (pTab->pWriter && sqlite3_vtab_nochange(ctx)) return SQLITE_OK;
  if (i < pTab->nCol) {
    /* by type rather than sqlite3_result_value(): a copied text reuses the
    ** output register's buffer instead of a malloc and a free per value */
    int iOut = pCur->aOut[i];
    sqlite3_value *pVal;
    if (iOut < 0) return SQLITE_OK;  /* a column the plan said is not read: NULL */
    if (pCur->eHand != HAND_ROWS) return column_held(pCur, ctx, i, iOut);
    pVal = sqlite3_column_value(pCur->pStmt, iOut);
    switch (sqlite3_value_type(pVal)) {
      case SQLITE_INTEGER: sqlite3_result_int64(ctx, sqlite3_value_int64(pVal)); break;
      case SQLITE_FLOAT: sqlite3_result_double(ctx, sqlite3_value_double(pVal)); break;
      case SQLITE_TEXT: {
        /* SQLite's OP_Column leaves a text read from a page NUL-terminated
        ** in the statement's register: sqlite3_value_text() then copies
        ** nothing (a long text read from overflow pages gets its terminator
        ** in its own buffer, by a realloc; a UTF-16 database's text is
        ** converted to UTF-8 once, in the register) */
        const char *z = (const char *)sqlite3_value_text(pVal);
        if (!z) return SQLITE_NOMEM;  /* a NULL pointer would read as SQL NULL */
        result_text(ctx, z, sqlite3_value_bytes(pVal));
        break;
      }
      case SQLITE_BLOB: {
        const void *p = sqlite3_value_blob(pVal);
        int n = sqlite3_value_bytes(pVal);
        if (n == 0) sqlite3_result_zeroblob(ctx, 0);  /* an empty blob has no pointer */
        else if (!p) return SQLITE_NOMEM;
        else sqlite3_result_blob(ctx, p, n, SQLITE_TRANSIENT);
        break;
      }
      default: sqlite3_result_null(ctx); break;
    }
  } else if (i == pTab->nCol) {
    if (pCur->zBody) sqlite3_result_text(ctx, pCur->zBody, pCur->nBody, SQLITE_TRANSIENT);
  } else {
    /* the table-named column: a pointer to this cursor, for
    ** prefectFilterRowFunc; plain SQL sees NULL */
    sqlite3_result_pointer(ctx, pCur, PREFECT_ROW_POINTER, 0);
  }
  return SQLITE_OK;
}

/* The rowid of the row in Prefect's table (selected after the columns):
** stable across scans, which SQLite's OR optimisation relies on when it
** unions two plans of this table by rowid. */
static int collectionRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid) {
  CollectionCursor *pCur = (CollectionCursor *)pCursor;
  if (pCur->eHand != HAND_ROWS) {
    int rc = cursor_catch_up(pCur);
    if (rc != SQLITE_OK) return rc;
  }
  *pRowid = sqlite3_column_int64(pCur->pStmt, query_rowid_index(pCur->pQuery));
  return SQLITE_OK;
}

/*
** prefect_filter(artifacts, '{...}') where SQLite could not push it down
** (inside an OR, say), or where it is no WHERE term at all (an aggregate's
** FILTER or argument: SQLite overloads functions through xFindFunction only
** on plain column references, so prefect.c registers this as the global
** prefect_filter() too): is the current row in the document's answer? The
** first argument carries the cursor (see collectionColumn), whose row id
** is looked up with the same compiled filter plus "id = ?". The compiled
** statement is kept as auxiliary data of the document argument, so it is
** prepared once per statement, not once per row.
*/
typedef struct RowFilter {
  Query query;          /* owned; its last bind is the row id */
  sqlite3_stmt *pStmt;  /* owned */
} RowFilter;

static void row_filter_free(void *p) {
  RowFilter *pRF = (RowFilter *)p;
  sqlite3_finalize(pRF->pStmt);
  query_clear(&pRF->query);
  sqlite3_free(pRF);
}

void prefect_filter_row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  CollectionCursor *pCur = (CollectionCursor *)sqlite3_value_pointer(argv[0], PREFECT_ROW_POINTER);
  CollectionVtab *pTab;
  RowFilter *pRF = (RowFilter *)sqlite3_get_auxdata(ctx, 1);
  sqlite3_value *pId;
  int bNew = 0, rc;
  (void)argc;
  if (!pCur || pCur->bEof || !pCur->pStmt) {
    /* not the table's hidden column, or its value went through a sorter
    ** or a materialised subquery, which keep no pointers */
    sqlite3_result_error(ctx, "prefect: prefect_filter(): the first argument must be the table itself, "
                              "as in prefect_filter(artifacts, '{...}'), read from its current row; where "
                              "rows are grouped or sorted first, filter with artifacts('{...}') instead", -1);
    return;
  }
  pTab = (CollectionVtab *)pCur->base.pVtab;
  pId = sqlite3_column_value(pCur->pStmt, 0);
  if (!pRF) {
    const char *zDoc = (const char *)sqlite3_value_text(argv[1]);
    int nDoc = sqlite3_value_bytes(argv[1]);
    ColumnConstraint cons;
    QueryExtras extras;
    char *zErr = 0;
    memset(&extras, 0, sizeof(extras));
    memset(&cons, 0, sizeof(cons));
    cons.iCol = 0;  /* id: the first column of every collection */
    cons.eOp = COP_EQ;
    cons.iArg = -1;
    cons.pValue = pId;
    extras.azFilter = &zDoc;
    extras.anFilter = &nDoc;
    extras.nFilter = zDoc ? 1 : 0;
    extras.aCons = &cons;
    extras.nCons = 1;
    pRF = sqlite3_malloc(sizeof(*pRF));
    if (!pRF) { sqlite3_result_error_nomem(ctx); return; }
    memset(pRF, 0, sizeof(*pRF));
    rc = filter_compile(&pTab->env, pTab->pColl, 0, 0, &extras, &pRF->query, &zErr);
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(pTab->db, pRF->query.zSql, -1, &pRF->pStmt, 0);
    if (rc == SQLITE_OK) rc = query_bind(&pRF->query, pRF->pStmt, 0);
    if (rc != SQLITE_OK) {
      if (rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
      else {
        if (!zErr) zErr = schema_error(pTab->db, pRF->query.zSql);
        if (zErr) sqlite3_result_error(ctx, zErr, -1);
        else sqlite3_result_error_nomem(ctx);
      }
      sqlite3_free(zErr);
      row_filter_free(pRF);
      return;
    }
    bNew = 1;
  } else {
    sqlite3_bind_value(pRF->pStmt, pRF->query.nBind, pId);
  }
  rc = sqlite3_step(pRF->pStmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
    sqlite3_result_int(ctx, rc == SQLITE_ROW);
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_error(ctx, sqlite3_errmsg(pTab->db), -1);
  }
  sqlite3_reset(pRF->pStmt);
  if (bNew) sqlite3_set_auxdata(ctx, 1, pRF, row_filter_free);
}

static int collectionFindFunction(sqlite3_vtab *pVtab, int nArg, const char *zName,
                                  void (**pxFunc)(sqlite3_context *, int, sqlite3_value **),
                                  void **ppArg) {
  if (nArg == 2 && sqlite3_stricmp(zName, "prefect_filter") == 0) {
    *pxFunc = prefect_filter_row_func;
    *ppArg = pVtab;
    return SQLITE_INDEX_CONSTRAINT_FUNCTION;  /* offered to xBestIndex as a constraint */
  }
  return 0;
}

/*
** INSERT, UPDATE, DELETE. SQLite calls this once per row, inside the
** statement's own transaction; artifact_write.c makes each call all or
** nothing, and SQLite's statement journal makes a statement that writes
** several rows all or nothing.
*/
static int collectionUpdate(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv, sqlite_int64 *pRowid) {
  CollectionVtab *pTab = (CollectionVtab *)pVtab;
  char *zErr = 0;
  int rc;
  if (!pTab->pWriter) {
    if (pTab->pColl == &prefect_artifact_collections) {
      zErr = sqlite3_mprintf("prefect: artifact_collections is read-only: write to artifacts, and each key's "
                             "collection row follows, as in Prefect");
    } else {
      zErr = sqlite3_mprintf("prefect: %s is read-only", pTab->pColl->zName);
    }
    return vtab_error(pVtab, SQLITE_ERROR, zErr);
  }
  rc = artifact_writer_apply(pTab->pWriter, argc, argv, pRowid, &zErr);
  if (zErr) vtab_set_error(pVtab, zErr);
  return rc;
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
  collectionUpdate,      /* xUpdate: artifacts writes, the others refuse */
  0, 0, 0, 0,            /* xBegin, xSync, xCommit, xRollback */
  collectionFindFunction,
  0, 0, 0, 0, 0          /* xRename, xSavepoint, xRelease, xRollbackTo, xShadowName */
};

int vtab_collection_register(sqlite3 *db, const CollectionDesc *pColl) {
  /* colUsed and Query.mOut give a bit to each column: 63 at most */
  if (describe_column_count(pColl) >= 63) return SQLITE_INTERNAL;
  return sqlite3_create_module_v2(db, pColl->zName, &collectionModule, (void *)pColl, 0);
}
