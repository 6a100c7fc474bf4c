/*
** filter_compile.c: a Prefect request body -> one SQL statement with binds.
**
** The walk follows the descriptions of describe.c over the JSON tree of
** json_doc.c. It validates as it goes (the first problem wins, reported as
** "prefect: <json path>: expected ..., got ...") and builds:
**
**   SELECT <columns> FROM <table> AS <alias>
**    WHERE <primary filter> AND <related filter> ...
**    ORDER BY <sort> LIMIT ?n OFFSET ?m
**
** where each related filter is "<alias>.<col> IN (SELECT ...)" or Prefect's
** own "EXISTS (SELECT 1 ...)" (compile_group chooses). The text depends only
** on which fields and operators the body uses (and on boolean values, which
** choose between two texts, and on whether a list holds one value or a NUL
** byte, which are bound value by value); every other value is a bound
** parameter, lists as one JSON array expanded with json_each. So two bodies
** of the same shape give the same text, and a prepared statement can be
** reused for both. The same walk writes PostgreSQL's statement (dialect.c:
** its placeholders, and the leaves' own texts there).
**
** Prefect's evaluation model: each filter object yields a list of criteria
** (absent and null keys, and a few skipped values, yield none); an empty
** list is TRUE; TRUE vanishes under AND and wins under OR. We fold those
** constants here, so the SQL holds only real tests. describe.c marks the
** exceptions (the state rule, concurrency_limit, startswith_: [] and
** TaskRunFilterFlowRunId's is_null_).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

/* What one member of a filter object contributes. */
typedef enum CritKind {
  CRIT_NONE,  /* nothing: absent, null, or a value Prefect skips */
  CRIT_VOID,  /* an empty OR group (startswith_: []): vanishes even under OR */
  CRIT_TRUE,  /* an object with no criteria */
  CRIT_SQL    /* a real test */
} CritKind;

typedef struct Crit {
  CritKind e;
  char *zSql;  /* owned, CRIT_SQL only */
  double rSel; /* estimated fraction of rows that pass (1: unknown or all) */
} Crit;

typedef struct Compiler {
  const JsonDoc *pDoc;
  sqlite3 *db;             /* the connection: table sizes (stats_table_rows) */
  const Stats *pStats;     /* sqlite_stat1, for the shape of related filters (empty where the dialect
                           ** does not let statistics choose shapes) */
  Stats *pSizes;           /* the connection's statistics, which keep the table sizes read so far */
  const char *zTable;      /* the table the object being compiled filters */
  Query *pQuery;
  JsonPath path;
  int iUnique;   /* numbers aliases and '#' so that no two collide */
  int rc;        /* first error; later work is skipped once set */
  int bStatsShape;  /* a shape was chosen by the statistics (Query.bStatsShape) */
  char *zErr;    /* owned until handed to the caller */
  const QueryExtras *pExtras;  /* borrowed, may be NULL: the route's own body rules */
  const DialectDesc *pDialect; /* the database the SQL is for */
  int bPg;       /* it is PostgreSQL: the leaves' zPgSql texts */
} Compiler;

#define SMALLEST_INT64 (-0x7fffffffffffffffLL - 1)
#define MAX_MEMBERS 24  /* more than any Prefect filter class has */

/* Is the member name (or text) z, n bytes, the literal zLit? */
static int text_is(const char *z, int n, const char *zLit) {
  return (int)strlen(zLit) == n && memcmp(z, zLit, n) == 0;
}

/* The body key of a related filter: the collection's, or the route's own
** name for it (/flow_runs/history calls work_pool_queues "work_queues"). */
static const char *body_key(const Compiler *p, const char *zKey) {
  if (zKey && p->pExtras && p->pExtras->zQueueKey && strcmp(zKey, "work_pool_queues") == 0) {
    return p->pExtras->zQueueKey;
  }
  return zKey;
}

/* A criterion that is none yet: no SQL, everything passes. */
static void crit_reset(Crit *pCrit) {
  pCrit->e = CRIT_NONE;
  pCrit->zSql = 0;
  pCrit->rSel = 1.0;
}

static void crit_clear(Crit *p) {
  sqlite3_free(p->zSql);
  p->zSql = 0;
  p->e = CRIT_NONE;
  p->rSel = 1.0;
}

/* The fraction of rows a list of nElem values on a narrow column selects. */
static double narrow_fraction(const Compiler *p, const MemberDesc *pDesc, int nElem) {
  double r;
  if (pDesc->eNarrow == NARROW_NO || !p->zTable) return 1.0;
  if (pDesc->eNarrow == NARROW_UNIQUE) {
    double rRows = stats_fraction(p->pStats, p->zTable, "id");  /* 1/rows when known */
    r = nElem * (rRows > 0 ? rRows : 1e-5);
  } else {
    double rPer = stats_fraction(p->pStats, p->zTable, pDesc->zStatCol);
    r = nElem * (rPer >= 0 ? rPer : 0.005);  /* no statistics: a guess, a few runs per value */
  }
  return r < 1.0 ? r : 1.0;
}

/* Record the first error, as "prefect: <path>: <zMsg>". Takes zMsg. */
static void compile_fail(Compiler *p, char *zMsg) {
  if (p->rc == SQLITE_OK) {
    sqlite3_str *pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "prefect: ");
    json_path_render(&p->path, pStr);
    sqlite3_str_appendf(pStr, ": %s", zMsg ? zMsg : "out of memory");
    p->zErr = sqlite3_str_finish(pStr);
    p->rc = (zMsg && p->zErr) ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  sqlite3_free(zMsg);
}

static void compile_nomem(Compiler *p) {
  if (p->rc == SQLITE_OK) p->rc = SQLITE_NOMEM;
}

/* Add a bound value; returns its parameter number (1-based), 0 on OOM. */
static int bind_add(Compiler *p, BindType eType, char *zOwned, int nz, sqlite3_int64 i) {
  Query *q = p->pQuery;
  if (q->nBind >= q->nBindAlloc) {
    int nNew = q->nBindAlloc ? q->nBindAlloc * 2 : 8;
    Bind *aNew = sqlite3_realloc64(q->aBind, (sqlite3_uint64)nNew * sizeof(Bind));
    if (!aNew) { sqlite3_free(zOwned); compile_nomem(p); return 0; }
    q->aBind = aNew;
    q->nBindAlloc = nNew;
  }
  memset(&q->aBind[q->nBind], 0, sizeof(Bind));
  q->aBind[q->nBind].eType = eType;
  q->aBind[q->nBind].z = zOwned;
  q->aBind[q->nBind].nz = nz;
  q->aBind[q->nBind].i = i;
  return ++q->nBind;
}

static int bind_str(Compiler *p, sqlite3_str *pStr) {
  int n = sqlite3_str_length(pStr);
  char *z;
  if (sqlite3_str_errcode(pStr)) { sqlite3_free(sqlite3_str_finish(pStr)); compile_nomem(p); return 0; }
  z = sqlite3_str_finish(pStr);
  if (!z) { z = sqlite3_malloc(1); if (z) z[0] = 0; }
  if (!z) { compile_nomem(p); return 0; }
  return bind_add(p, BT_TEXT, z, n, 0);
}

/* Placeholder iParam, used as a value of kind eKind, in the dialect's
** words; the bound value keeps the kind (its type where a dialect binds
** values by type). */
static void append_param(const Compiler *p, sqlite3_str *pStr, int iParam, PlaceholderKind eKind) {
  if (iParam > 0 && iParam <= p->pQuery->nBind) p->pQuery->aBind[iParam - 1].eKind = eKind;
  sqlite3_str_appendf(pStr, p->pDialect->azParam[eKind], iParam);
}

/* How the bound value of a leaf of kind eValue is used. */
static PlaceholderKind param_kind(ValueKind eValue) {
  switch (eValue) {
    case VAL_UUID_LIST: return PARAM_UUID_LIST;
    case VAL_STATE_LIST: return PARAM_STATE_LIST;
    case VAL_WORKER_STATUS_LIST: return PARAM_WORKER_STATUS_LIST;
    case VAL_STR_LIST: return PARAM_LIST;
    case VAL_DATETIME: return PARAM_TIME;
    case VAL_INT: return PARAM_INT;
    default: return PARAM_TEXT;
  }
}

/* The template of a leaf on the compiler's database: for VAL_BOOL, bTrue
** picks the `true` or the `false` case. */
static const char *leaf_template(const Compiler *p, const MemberDesc *pDesc, int bTrue) {
  const char *zPg = bTrue ? pDesc->zPgSql : pDesc->zPgSqlFalse;
  if (p->bPg && zPg) return zPg;
  return bTrue ? pDesc->zSql : pDesc->zSqlFalse;
}

/* Expand '@' (alias), '?' (parameter iParam, used as eKind), '#' (a fresh
** number); "??" is a literal '?' (PostgreSQL's jsonb operators). */
static char *template_expand(Compiler *p, const char *zTmpl, const char *zAlias, int iParam, PlaceholderKind eKind) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  int iHere = ++p->iUnique;
  const char *z;
  for (z = zTmpl; *z; z++) {
    switch (*z) {
      case '@': sqlite3_str_appendall(pStr, zAlias); break;
      case '?':
        if (z[1] == '?') { sqlite3_str_appendchar(pStr, 1, '?'); z++; }
        else append_param(p, pStr, iParam, eKind);
        break;
      case '#': sqlite3_str_appendf(pStr, "%d", iHere); break;
      default: sqlite3_str_appendchar(pStr, 1, *z); break;
    }
  }
  if (sqlite3_str_errcode(pStr)) { sqlite3_free(sqlite3_str_finish(pStr)); compile_nomem(p); return 0; }
  return sqlite3_str_finish(pStr);
}

static const char *list_expectation(ValueKind e) {
  switch (e) {
    case VAL_UUID_LIST: return "a list of UUIDs";
    case VAL_STATE_LIST: return "a list of state types";
    case VAL_WORKER_STATUS_LIST: return "a list of worker statuses";
    default: return "a list of strings";
  }
}

/* One element of a bound list, as the dialect writes lists: a JSON string,
** or an array literal's quoted element (only '"' and '\\' escaped). */
static void append_list_element(const Compiler *p, sqlite3_str *pStr, const char *z, int n) {
  int i;
  if (!p->pDialect->bArrayLiteral) { json_write_string(pStr, z, n, 0); return; }
  sqlite3_str_appendchar(pStr, 1, '"');
  for (i = 0; i < n; i++) {
    if (z[i] == '"' || z[i] == '\\') sqlite3_str_appendchar(pStr, 1, '\\');
    sqlite3_str_appendchar(pStr, 1, z[i]);
  }
  sqlite3_str_appendchar(pStr, 1, '"');
}

/* Validate a list value and render it as one canonical list in the
** dialect's form (a JSON array, or an array literal), in *ppJson (owned by
** the caller). Returns 0 on error; *pnElem gets the length and *pbNul
** whether a string in it holds a NUL byte. */
static int compile_list(Compiler *p, ValueKind eValue, int iNode, int *pnElem, int *pbNul, sqlite3_str **ppJson) {
  const JsonDoc *pDoc = p->pDoc;
  const JsonNode *pNode = &pDoc->aNode[iNode];
  sqlite3_str *pStr;
  int iChild, k = 0;
  if (pNode->eType != JT_ARRAY) {
    compile_fail(p, value_expected(pDoc, iNode, list_expectation(eValue)));
    return 0;
  }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendchar(pStr, 1, p->pDialect->bArrayLiteral ? '{' : '[');
  for (iChild = pNode->iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext, k++) {
    const JsonNode *pElem = &pDoc->aNode[iChild];
    char *zMsg = 0;
    char zUuid[37];
    int bBad = 0;  /* zMsg NULL with bBad: the message could not be made */
    if (k) sqlite3_str_appendchar(pStr, 1, ',');
    switch (eValue) {
      case VAL_UUID_LIST:
        bBad = value_read_uuid(pDoc, iChild, zUuid, &zMsg) != SQLITE_OK;
        if (!bBad) append_list_element(p, pStr, zUuid, 36);
        break;
      case VAL_STATE_LIST:
        bBad = value_read_state_type(pDoc, iChild, &zMsg) != SQLITE_OK;
        if (!bBad) append_list_element(p, pStr, pElem->zText, pElem->nText);
        break;
      case VAL_WORKER_STATUS_LIST:
        bBad = value_read_worker_status(pDoc, iChild, &zMsg) != SQLITE_OK;
        if (!bBad) append_list_element(p, pStr, pElem->zText, pElem->nText);
        break;
      default:
        if (pElem->eType != JT_TEXT) zMsg = value_expected(pDoc, iChild, "a string"), bBad = 1;
        else append_list_element(p, pStr, pElem->zText, pElem->nText);
        if (!bBad && memchr(pElem->zText, 0, pElem->nText)) *pbNul = 1;
        break;
    }
    if (bBad) {
      json_path_push_index(&p->path, k);
      compile_fail(p, zMsg);
      json_path_pop(&p->path);
      sqlite3_free(sqlite3_str_finish(pStr));
      return 0;
    }
  }
  sqlite3_str_appendchar(pStr, 1, p->pDialect->bArrayLiteral ? '}' : ']');
  *pnElem = k;
  *ppJson = pStr;
  return 1;
}

/* What a value must be where text cannot hold a NUL byte (PostgreSQL:
** Prefect's own statement fails there). */
#define NUL_EXPECTATION(what) what " without a NUL byte (PostgreSQL text cannot hold one)"

/* The list part of the IN templates of describe.c. */
#define JSON_LIST_IN "IN (SELECT value FROM json_each(?))"
/* ...and of their PostgreSQL texts (PG_IN), and what it is for one value */
#define PG_LIST_ANY "= ANY (?)"
#define PG_LIST_ONE "= (?)[1]"

/* One element of a validated list (compile_list) as a bound string, a UUID
** in its canonical form. Returns the parameter number, 0 on OOM. */
static int bind_list_element(Compiler *p, ValueKind eValue, int iElem) {
  const JsonNode *pElem = &p->pDoc->aNode[iElem];
  char zUuid[37];
  const char *zValue = pElem->zText;
  int nValue = pElem->nText;
  char *zCopy;
  if (eValue == VAL_UUID_LIST && value_parse_uuid_text(pElem->zText, pElem->nText, zUuid)) {
    zValue = zUuid;
    nValue = 36;
  }
  zCopy = sqlite3_malloc(nValue + 1);
  if (!zCopy) { compile_nomem(p); return 0; }
  memcpy(zCopy, zValue, nValue);
  zCopy[nValue] = 0;
  return bind_add(p, BT_TEXT, zCopy, nValue, 0);
}

/* A template's "IN (SELECT value FROM json_each(?))" as "IN (?a, ?b, ...)",
** one bound string per element of the list at iNode. The template is
** expanded once (one '#' number), then its list part is replaced. */
static char *compile_in_values(Compiler *p, ValueKind eValue, const char *zTmpl, const char *zAlias, int iNode) {
  static const char zExpandedList[] = "IN (SELECT value FROM json_each(?0))";
  const JsonDoc *pDoc = p->pDoc;
  char *zSql = template_expand(p, zTmpl, zAlias, 0, PARAM_LIST);
  const char *zAt = zSql ? strstr(zSql, zExpandedList) : 0;
  sqlite3_str *pStr;
  int iChild, k = 0;
  if (!zAt) { sqlite3_free(zSql); compile_nomem(p); return 0; }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "%.*sIN (", (int)(zAt - zSql), zSql);
  for (iChild = pDoc->aNode[iNode].iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext) {
    int iParam = bind_list_element(p, eValue, iChild);
    if (!iParam) break;
    sqlite3_str_appendf(pStr, "%s?%d", k++ ? ", " : "", iParam);
  }
  sqlite3_str_appendf(pStr, ")%s", zAt + sizeof(zExpandedList) - 1);
  sqlite3_free(zSql);
  if (sqlite3_str_errcode(pStr) || p->rc != SQLITE_OK) { sqlite3_free(sqlite3_str_finish(pStr)); compile_nomem(p); return 0; }
  return sqlite3_str_finish(pStr);
}

/* A list leaf's zSqlKnown template without a list in it: once per element
** of the list at iNode, joined by AND, each with its element bound. */
static char *compile_each_value(Compiler *p, ValueKind eValue, const char *zTmpl, const char *zAlias, int iNode) {
  const JsonDoc *pDoc = p->pDoc;
  sqlite3_str *pStr = sqlite3_str_new(0);
  int iChild, k = 0;
  sqlite3_str_appendchar(pStr, 1, '(');
  for (iChild = pDoc->aNode[iNode].iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext) {
    int iParam = bind_list_element(p, eValue, iChild);
    char *zOne = iParam ? template_expand(p, zTmpl, zAlias, iParam, PARAM_TEXT) : 0;
    if (!zOne) break;
    sqlite3_str_appendf(pStr, "%s%s", k++ ? " AND " : "", zOne);
    sqlite3_free(zOne);
  }
  sqlite3_str_appendchar(pStr, 1, ')');
  if (sqlite3_str_errcode(pStr) || p->rc != SQLITE_OK) { sqlite3_free(sqlite3_str_finish(pStr)); compile_nomem(p); return 0; }
  return sqlite3_str_finish(pStr);
}

/* One leaf operator ("any_", "like_", ...) of a filter object. */
static void compile_leaf(Compiler *p, const MemberDesc *pDesc, int iNode, const char *zAlias,
                         Crit *pOut) {
  const JsonDoc *pDoc = p->pDoc;
  const JsonNode *pNode = &pDoc->aNode[iNode];
  const char *zTmpl = leaf_template(p, pDesc, 1), *zAt;
  char *zOne = 0;  /* a template made for one value, freed at the end */
  int iParam = 0;
  double rSel = 1.0;
  crit_reset(pOut);
  if (pNode->eType == JT_NULL) return;
  switch (pDesc->eValue) {
    case VAL_UUID_LIST:
    case VAL_STR_LIST:
    case VAL_STATE_LIST:
    case VAL_WORKER_STATUS_LIST: {
      int nElem = 0, bNul = 0;
      sqlite3_str *pJson = 0;
      if (!compile_list(p, pDesc->eValue, iNode, &nElem, &bNul, &pJson)) return;
      if (bNul && !p->pDialect->bNulInText) {
        sqlite3_free(sqlite3_str_finish(pJson));
        compile_fail(p, value_expected(pDoc, iNode, NUL_EXPECTATION("a list of strings")));
        return;
      }
      if (pDesc->eSkip == SKIP_ALWAYS || (nElem == 0 && pDesc->eSkip != SKIP_NULL_ONLY)) {
        sqlite3_free(sqlite3_str_finish(pJson));
        if (nElem == 0 && pDesc->eSkip == SKIP_EMPTY_VOID) pOut->e = CRIT_VOID;
        return;
      }
      if ((bNul || nElem == 1) && strstr(zTmpl, JSON_LIST_IN)) {
        sqlite3_free(sqlite3_str_finish(pJson));
        /* Bound value by value: json_each ends a string at a NUL byte
        ** (Prefect binds any_ lists value by value and matches it), and a
        ** single value as "IN (?)" is an "=" SQLite needs no json_each for,
        ** the common case (one id, one key, one state) */
        pOut->zSql = compile_in_values(p, pDesc->eValue, zTmpl, zAlias, iNode);
        if (pOut->zSql) pOut->e = CRIT_SQL;
        pOut->rSel = narrow_fraction(p, pDesc, nElem);
        return;
      }
      /* the known-list forms are SQLite's, for lists bound as JSON; a
      ** dialect that binds an array keeps its one template */
      if (pDesc->zSqlKnown && !p->pDialect->bArrayLiteral && !bNul && nElem > 0) {
        const char *zKnown = pDesc->zSqlKnown;
        sqlite3_free(sqlite3_str_finish(pJson));
        pOut->zSql = strstr(zKnown, JSON_LIST_IN) ? compile_in_values(p, pDesc->eValue, zKnown, zAlias, iNode)
                                                  : compile_each_value(p, pDesc->eValue, zKnown, zAlias, iNode);
        if (pOut->zSql) pOut->e = CRIT_SQL;
        pOut->rSel = narrow_fraction(p, pDesc, nElem);
        return;
      }
      iParam = bind_str(p, pJson);
      if (!iParam) return;
      rSel = narrow_fraction(p, pDesc, nElem);
      /* PostgreSQL, one value: the same one-element array, compared as
      ** "= (array)[1]", which the planner folds to "= value" once it
      ** knows the parameter (every plan of the extension is made for its
      ** values). A plain comparison per row rather than a scan of an
      ** array, as Prefect's IN of one value is; the rows are the same. */
      if (nElem == 1 && p->pDialect->bArrayLiteral && (zAt = strstr(zTmpl, PG_LIST_ANY)) != 0) {
        zOne = sqlite3_mprintf("%.*s" PG_LIST_ONE "%s", (int)(zAt - zTmpl), zTmpl, zAt + strlen(PG_LIST_ANY));
        if (!zOne) { compile_nomem(p); return; }
        zTmpl = zOne;
      }
      break;
    }
    case VAL_STR: {
      sqlite3_str *pStr;
      if (pNode->eType != JT_TEXT) { compile_fail(p, value_expected(pDoc, iNode, "a string")); return; }
      if (pNode->nText == 0 && pDesc->eSkip == SKIP_EMPTY) return;
      if (!p->pDialect->bNulInText && memchr(pNode->zText, 0, pNode->nText)) {
        compile_fail(p, value_expected(pDoc, iNode, NUL_EXPECTATION("a string")));
        return;
      }
      pStr = sqlite3_str_new(0);
      if (pDesc->eBind == BIND_CONTAINS) sqlite3_str_appendchar(pStr, 1, '%');
      sqlite3_str_append(pStr, pNode->zText, pNode->nText);
      if (pDesc->eBind == BIND_CONTAINS) sqlite3_str_appendchar(pStr, 1, '%');
      iParam = bind_str(p, pStr);
      if (!iParam) return;
      break;
    }
    case VAL_BOOL: {
      int b = 0;
      char *zMsg = 0;
      if (value_read_bool(pDoc, iNode, &b, &zMsg) != SQLITE_OK) { compile_fail(p, zMsg); return; }
      if (pDesc->eSkip == SKIP_ALWAYS) return;
      zTmpl = leaf_template(p, pDesc, b);
      break;
    }
    case VAL_DATETIME: {
      char zTime[27];
      char *zMsg = 0;
      char *zCopy;
      if (value_read_datetime(pDoc, iNode, zTime, &zMsg) != SQLITE_OK) { compile_fail(p, zMsg); return; }
      zCopy = sqlite3_mprintf("%s", zTime);
      if (!zCopy) { compile_nomem(p); return; }
      iParam = bind_add(p, BT_TEXT, zCopy, 26, 0);
      if (!iParam) return;
      break;
    }
    case VAL_TEXT_QUERY:
      /* only in a RULE_TEXT_SEARCH class, which compile_text_search reads */
      compile_fail(p, sqlite3_mprintf("a text-search query outside its filter"));
      return;
    case VAL_INT: {
      sqlite3_int64 i;
      char *zMsg = 0;
      if (value_read_int(pDoc, iNode, &i, &zMsg) != SQLITE_OK) { compile_fail(p, zMsg); return; }
      if (pDesc->eSkip == SKIP_ALWAYS) return;
      iParam = bind_add(p, BT_INT, 0, 0, i);
      if (!iParam) return;
      break;
    }
  }
  pOut->zSql = template_expand(p, zTmpl, zAlias, iParam, param_kind(pDesc->eValue));
  sqlite3_free(zOne);
  if (pOut->zSql) pOut->e = CRIT_SQL;
  pOut->rSel = rSel;
}

/* Combine a filter object's criteria with AND or OR, folding constants. */
static void crit_combine(Compiler *p, Crit *aCrit, int nCrit, int bOr, Crit *pOut) {
  int i, nSql = 0, nPresent = 0, bTrue = 0;
  double rSel = bOr ? 0.0 : 1.0;
  sqlite3_str *pStr;
  crit_reset(pOut);
  for (i = 0; i < nCrit; i++) {
    if (aCrit[i].e != CRIT_NONE) nPresent++;
    if (aCrit[i].e == CRIT_SQL) {
      nSql++;
      /* AND: all must pass; OR: any may (independence assumed either way) */
      if (bOr) rSel += aCrit[i].rSel; else rSel *= aCrit[i].rSel;
    }
    if (aCrit[i].e == CRIT_TRUE) bTrue = 1;
  }
  if (nPresent == 0 || (bOr && bTrue)) { pOut->e = CRIT_TRUE; return; }
  if (nSql == 0) { pOut->e = bTrue ? CRIT_TRUE : CRIT_VOID; return; }
  pOut->rSel = rSel < 1.0 ? rSel : 1.0;
  if (nSql == 1) {
    for (i = 0; aCrit[i].e != CRIT_SQL; i++) {}
    pOut->e = CRIT_SQL;
    pOut->zSql = aCrit[i].zSql;  /* ownership moves */
    aCrit[i].zSql = 0;
    aCrit[i].e = CRIT_NONE;
    return;
  }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendchar(pStr, 1, '(');
  for (i = 0, nSql = 0; i < nCrit; i++) {
    if (aCrit[i].e != CRIT_SQL) continue;
    if (nSql++) sqlite3_str_appendall(pStr, bOr ? " OR " : " AND ");
    sqlite3_str_appendall(pStr, aCrit[i].zSql);
  }
  sqlite3_str_appendchar(pStr, 1, ')');
  if (sqlite3_str_errcode(pStr)) { sqlite3_free(sqlite3_str_finish(pStr)); compile_nomem(p); return; }
  pOut->zSql = sqlite3_str_finish(pStr);
  pOut->e = CRIT_SQL;
}

static void compile_object(Compiler *p, const ClassDesc *pClass, int iNode, const char *zAlias,
                           Crit *pOut, int *pnCrit);

/* "expected one of: a, b, c" for an unknown key. */
static char *unknown_field_message(const MemberDesc *aMember, int bOperator) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  sqlite3_str_appendall(pStr, "unknown field, expected one of: ");
  for (i = 0; aMember[i].zKey; i++) {
    sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "", aMember[i].zKey);
  }
  if (bOperator) sqlite3_str_appendall(pStr, ", operator");
  return sqlite3_str_finish(pStr);
}

/* Check that object iNode has only the keys aMember (and "operator"). */
static void check_keys(Compiler *p, const MemberDesc *aMember, int bOperator, int iNode) {
  const JsonDoc *pDoc = p->pDoc;
  int iChild;
  for (iChild = pDoc->aNode[iNode].iFirst; iChild >= 0 && p->rc == SQLITE_OK;
       iChild = pDoc->aNode[iChild].iNext) {
    const JsonNode *pChild = &pDoc->aNode[iChild];
    int i, bKnown = bOperator && text_is(pChild->zKey, pChild->nKey, "operator");
    for (i = 0; !bKnown && aMember[i].zKey; i++) bKnown = text_is(pChild->zKey, pChild->nKey, aMember[i].zKey);
    if (!bKnown) {
      json_path_push_key(&p->path, pChild->zKey, pChild->nKey);
      compile_fail(p, unknown_field_message(aMember, bOperator));
      json_path_pop(&p->path);
    }
  }
}

/* The value of "operator": 1 for "or_", 0 for "and_" or absent. */
static int read_operator(Compiler *p, int iNode) {
  int iOp = json_doc_member(p->pDoc, iNode, "operator");
  const JsonNode *pOp;
  if (iOp < 0) return 0;
  pOp = &p->pDoc->aNode[iOp];
  if (pOp->eType == JT_TEXT && text_is(pOp->zText, pOp->nText, "and_")) return 0;
  if (pOp->eType == JT_TEXT && text_is(pOp->zText, pOp->nText, "or_")) return 1;
  json_path_push_key(&p->path, "operator", 8);
  compile_fail(p, value_expected(p->pDoc, iOp, "\"and_\" or \"or_\""));
  json_path_pop(&p->path);
  return 0;
}

/* TaskRunFilterFlowRunId: is_null_ defaults to false, so an object without
** it means "has a flow run"; an explicit null does not. is_null_: true wins
** over any_; otherwise any_, when given, is the test. */
static void compile_task_flow_run(Compiler *p, const ClassDesc *pClass, int iNode,
                                  const char *zAlias, Crit *pOut) {
  const MemberDesc *pAny = &pClass->aMember[0];
  const MemberDesc *pIsNull = &pClass->aMember[1];
  int iAny = json_doc_member(p->pDoc, iNode, pAny->zKey);
  int iIsNull = json_doc_member(p->pDoc, iNode, pIsNull->zKey);
  int eIsNull = 0;  /* 0 false (the default), 1 true, 2 explicit null */
  Crit any = {CRIT_NONE, 0, 1.0};
  if (iIsNull >= 0) {
    if (p->pDoc->aNode[iIsNull].eType == JT_NULL) {
      eIsNull = 2;
    } else {
      char *zMsg = 0;
      if (value_read_bool(p->pDoc, iIsNull, &eIsNull, &zMsg) != SQLITE_OK) {
        json_path_push_key(&p->path, pIsNull->zKey, (int)strlen(pIsNull->zKey));
        compile_fail(p, zMsg);
        json_path_pop(&p->path);
        return;
      }
    }
  }
  if (iAny >= 0) {
    json_path_push_key(&p->path, pAny->zKey, (int)strlen(pAny->zKey));
    compile_leaf(p, pAny, iAny, zAlias, &any);
    json_path_pop(&p->path);
    if (p->rc != SQLITE_OK) { crit_clear(&any); return; }
  }
  if (eIsNull == 1 || (eIsNull == 0 && any.e == CRIT_NONE)) {
    crit_clear(&any);
    pOut->zSql = template_expand(p, leaf_template(p, pIsNull, eIsNull == 1), zAlias, 0, PARAM_TEXT);
    pOut->e = pOut->zSql ? CRIT_SQL : CRIT_NONE;
  } else if (any.e == CRIT_SQL) {
    *pOut = any;
  } else {
    pOut->e = CRIT_TRUE;
  }
}

/* The longest text-search query Prefect accepts, in characters. */
#define TEXT_QUERY_MAX_CHARS 200

/* One group of a text search, "(t1 OR t2 ...)" or "(t1 AND ...)", each
** term through the class's template (negated for excluded terms). */
static void text_group(Compiler *p, const MemberDesc *pQuery, const TextQuery *pQ, TextTermKind e,
                       const char *zAlias, Crit *pOut) {
  sqlite3_str *pStr = 0;
  int i, n = 0;
  for (i = 0; i < pQ->n && p->rc == SQLITE_OK; i++) {
    char *zCopy, *zTest;
    int iParam;
    if (pQ->a[i].e != e) continue;
    if (!p->pDialect->bNulInText && memchr(pQ->a[i].z, 0, pQ->a[i].n)) {
      compile_fail(p, sqlite3_mprintf("expected " NUL_EXPECTATION("a query")));
      break;
    }
    zCopy = sqlite3_malloc(pQ->a[i].n + 1);
    if (!zCopy) { compile_nomem(p); break; }
    memcpy(zCopy, pQ->a[i].z, pQ->a[i].n + 1);
    iParam = bind_add(p, BT_TEXT, zCopy, pQ->a[i].n, 0);
    if (!iParam) break;
    zTest = template_expand(p, leaf_template(p, pQuery, 1), zAlias, iParam, PARAM_TEXT);
    if (!zTest) break;
    if (!pStr) pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, n++ ? (e == TEXT_INCLUDE ? " OR " : " AND ") : "(");
    sqlite3_str_appendf(pStr, e == TEXT_EXCLUDE ? "NOT (%s)" : "%s", zTest);
    sqlite3_free(zTest);
  }
  if (!pStr) return;
  sqlite3_str_appendchar(pStr, 1, ')');
  if (sqlite3_str_errcode(pStr) || p->rc != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(pStr));
    compile_nomem(p);
    return;
  }
  pOut->zSql = sqlite3_str_finish(pStr);
  pOut->e = CRIT_SQL;
}

/*
** LogFilterTextSearch: {"query": "..."}, the query required. Prefect adds
** up to three criteria to the enclosing filter's own list (not one nested
** filter): the included terms ORed, the excluded terms each negated, the
** required terms each present. So they are combined here with the
** enclosing filter's operator (bOr), and a query without terms adds
** nothing: no criterion, not even a TRUE that would win under or_.
*/
static void compile_text_search(Compiler *p, const ClassDesc *pClass, int iNode, const char *zAlias,
                                int bOr, Crit *pOut) {
  const JsonDoc *pDoc = p->pDoc;
  const MemberDesc *pQuery = &pClass->aMember[0];
  const JsonNode *pNode;
  TextQuery q;
  Crit aCrit[3];
  int iQuery, i, rc;
  static const TextTermKind aeKind[3] = {TEXT_INCLUDE, TEXT_EXCLUDE, TEXT_REQUIRED};
  crit_reset(pOut);
  if (pDoc->aNode[iNode].eType != JT_OBJECT) {
    compile_fail(p, value_expected(pDoc, iNode, "an object"));
    return;
  }
  check_keys(p, pClass->aMember, 0, iNode);
  if (p->rc != SQLITE_OK) return;
  iQuery = json_doc_member(pDoc, iNode, pQuery->zKey);
  json_path_push_key(&p->path, pQuery->zKey, (int)strlen(pQuery->zKey));
  if (iQuery < 0) {
    compile_fail(p, sqlite3_mprintf("field required"));
  } else if ((pNode = &pDoc->aNode[iQuery])->eType != JT_TEXT) {
    compile_fail(p, value_expected(pDoc, iQuery, "a string"));
  } else if (json_python_char_count(pNode->zText, pNode->nText) > TEXT_QUERY_MAX_CHARS) {
    compile_fail(p, value_expected(pDoc, iQuery, "a string of at most 200 characters"));
  }
  json_path_pop(&p->path);
  if (p->rc != SQLITE_OK) return;
  pNode = &pDoc->aNode[iQuery];
  rc = text_search_parse(pNode->zText, pNode->nText, &q);
  if (rc != SQLITE_OK) { compile_nomem(p); return; }
  for (i = 0; i < 3; i++) {
    crit_reset(&aCrit[i]);
    text_group(p, pQuery, &q, aeKind[i], zAlias, &aCrit[i]);
  }
  text_query_clear(&q);
  if (p->rc == SQLITE_OK && (aCrit[0].e != CRIT_NONE || aCrit[1].e != CRIT_NONE || aCrit[2].e != CRIT_NONE)) {
    crit_combine(p, aCrit, 3, bOr, pOut);
  }
  for (i = 0; i < 3; i++) crit_clear(&aCrit[i]);
}

/*
** One filter object of class pClass at node iNode. *pnCrit gets the number
** of criteria it produced before combining (the state rule needs it).
*/
static void compile_object(Compiler *p, const ClassDesc *pClass, int iNode, const char *zAlias,
                           Crit *pOut, int *pnCrit) {
  const JsonDoc *pDoc = p->pDoc;
  Crit aCrit[MAX_MEMBERS];
  int nCrit = 0, i, bOr, nPresent = 0;
  crit_reset(pOut);
  *pnCrit = 0;
  if (pDoc->aNode[iNode].eType != JT_OBJECT) {
    compile_fail(p, value_expected(pDoc, iNode, "an object"));
    return;
  }
  check_keys(p, pClass->aMember, pClass->bOperator, iNode);
  bOr = pClass->bOperator ? read_operator(p, iNode) : 0;
  if (p->rc != SQLITE_OK) return;
  if (pClass->eRule == RULE_TASK_FLOW_RUN) {
    compile_task_flow_run(p, pClass, iNode, zAlias, pOut);
    *pnCrit = pOut->e == CRIT_NONE ? 0 : 1;
    return;
  }
  for (i = 0; pClass->aMember[i].zKey && p->rc == SQLITE_OK && nCrit < MAX_MEMBERS; i++) {
    const MemberDesc *pMember = &pClass->aMember[i];
    int iChild = json_doc_member(pDoc, iNode, pMember->zKey);
    Crit *pCrit = &aCrit[nCrit];
    if (iChild < 0) continue;
    pCrit->e = CRIT_NONE;
    pCrit->zSql = 0;
    pCrit->rSel = 1.0;
    json_path_push_key(&p->path, pMember->zKey, (int)strlen(pMember->zKey));
    if (pMember->pClass == 0) {
      compile_leaf(p, pMember, iChild, zAlias, pCrit);
    } else if (pDoc->aNode[iChild].eType != JT_NULL && pMember->pClass->eRule == RULE_TEXT_SEARCH) {
      compile_text_search(p, pMember->pClass, iChild, zAlias, bOr, pCrit);
    } else if (pDoc->aNode[iChild].eType != JT_NULL) {
      int nChildCrit = 0;
      compile_object(p, pMember->pClass, iChild, zAlias, pCrit, &nChildCrit);
      /* A state child counts only when it is exactly one comparison: an
      ** empty child, or one with both any_ and not_any_, is dropped. */
      if (pClass->eRule == RULE_STATE && nChildCrit != 1) crit_clear(pCrit);
    }
    json_path_pop(&p->path);
    if (pCrit->e != CRIT_NONE) nPresent++;
    nCrit++;
  }
  if (p->rc == SQLITE_OK && pClass->eRule != RULE_IGNORED) {
    crit_combine(p, aCrit, nCrit, bOr, pOut);
    *pnCrit = nPresent;
  }
  for (i = 0; i < nCrit; i++) crit_clear(&aCrit[i]);
}

/* ---- related filters -------------------------------------------------- */

#define MAX_RELATIONS 16

/* Below this fraction of related rows, a related filter is narrow enough
** that starting from it (IN) beats walking an index in order (EXISTS),
** even when a LIMIT could stop the walk early. */
#define NARROW_GROUP 0.01

/* What one EXISTS probe costs against one related row IN gathers: a
** descent of the link's index from its root, against the next entry of an
** index or table already being walked. */
#define EXISTS_PROBE_COST 10.0

/*
** Without a LIMIT, should a related filter whose table is the many side of
** its link (flows -> flow_runs: many runs per flow) keep Prefect's EXISTS?
** IN gathers every related row the filter passes, about related rows x
** rSel; EXISTS probes each primary row's related rows through the link's
** index and stops at the first that passes, about min(1 / rSel, related
** rows per primary row) for each primary row. A broad filter over a table
** far larger than the primary one favours EXISTS (the flows with a FAILED
** run: 500 probes, against gathering a tenth of 200,000 runs). The sizes
** come from stats_table_rows, so the shape is the statistics' to choose.
*/
static int exists_probes_fewer(Compiler *p, const CollectionDesc *pColl, const RelationDesc *pRel, double rSel) {
  double rPrimary, rRelated, rPerPrimary, rExists;
  int rc;
  if (strcmp(pRel->zChildCol, "id") == 0) return 0;  /* at most one related row per primary row */
  rc = stats_table_rows(p->db, p->pSizes, pColl->zTable, &rPrimary);
  if (rc == SQLITE_OK) rc = stats_table_rows(p->db, p->pSizes, pRel->zTable, &rRelated);
  if (rc != SQLITE_OK) {
    if (p->rc == SQLITE_OK) p->rc = rc;  /* out of memory: SQLite may have rolled the transaction back */
    return 0;
  }
  p->bStatsShape = 1;
  if (rPrimary <= 0 || rRelated <= 0 || rSel <= 0) return 0;
  rPerPrimary = rRelated / rPrimary;
  rExists = rPrimary * EXISTS_PROBE_COST * (1.0 / rSel < rPerPrimary ? 1.0 / rSel : rPerPrimary);
  return rExists < rRelated * rSel;
}

/*
** The subquery (IN or EXISTS) of related-filter group iGroup, or CRIT_NONE
** when no body key of the group is present. Tables that filter nothing are
** still joined when a table hanging off them is (a "flows" filter on
** artifacts needs the artifact's flow run).
*/
static void compile_group(Compiler *p, const CollectionDesc *pColl, int iRoot, int iGroup,
                          int bPreferExists, Crit *pOut) {
  const RelationDesc *aRel = pColl->aRel;
  int aNode[MAX_RELATIONS];      /* body node of each relation, or -1 */
  int aIncluded[MAX_RELATIONS];
  char *azAlias[MAX_RELATIONS];
  Crit aCrit[MAX_RELATIONS];
  int nRel = 0, i, bAny = 0, nWhere = 0, nRoot = 0, iRootRel = -1, bIn;
  double rSel = 1.0;
  const char *zSavedTable = p->zTable;
  sqlite3_str *pStr;

  crit_reset(pOut);
  for (nRel = 0; aRel[nRel].zTable && nRel < MAX_RELATIONS; nRel++) {
    aNode[nRel] = -1;
    aIncluded[nRel] = 0;
    azAlias[nRel] = 0;
    aCrit[nRel].e = CRIT_NONE;
    aCrit[nRel].zSql = 0;
    aCrit[nRel].rSel = 1.0;
    if (aRel[nRel].iGroup != iGroup || !aRel[nRel].zKey || iRoot < 0) continue;
    aNode[nRel] = json_doc_member(p->pDoc, iRoot, body_key(p, aRel[nRel].zKey));
    if (aNode[nRel] >= 0 && p->pDoc->aNode[aNode[nRel]].eType == JT_NULL) aNode[nRel] = -1;
    if (aNode[nRel] >= 0) {
      int j;
      bAny = 1;
      for (j = nRel; j >= 0; j = aRel[j].iParent) aIncluded[j] = 1;
    }
  }
  if (!bAny) return;
  for (i = 0; i < nRel && p->rc == SQLITE_OK; i++) {
    if (!aIncluded[i]) continue;
    if (aRel[i].iParent < 0) { nRoot++; iRootRel = i; }
    azAlias[i] = sqlite3_mprintf("%s%d", aRel[i].zAlias, ++p->iUnique);
    if (!azAlias[i]) compile_nomem(p);
  }
  /* the filters first: how narrow they are decides the shape */
  for (i = 0; i < nRel && p->rc == SQLITE_OK; i++) {
    int nCrit = 0;
    if (aNode[i] < 0) continue;
    json_path_push_key(&p->path, body_key(p, aRel[i].zKey), (int)strlen(body_key(p, aRel[i].zKey)));
    p->zTable = aRel[i].zTable;
    compile_object(p, aRel[i].pFilter, aNode[i], azAlias[i], &aCrit[i], &nCrit);
    p->zTable = zSavedTable;
    json_path_pop(&p->path);
    /* only the table linked to the primary row counts: one flow or one
    ** deployment still has many runs */
    if (aCrit[i].e == CRIT_SQL && aRel[i].iParent < 0 && aCrit[i].rSel < rSel) rSel = aCrit[i].rSel;
  }
  /* One table linked to the primary row: "primary.col IN (SELECT ...)" is
  ** equivalent (the criterion is always a top-level conjunct, where NULL
  ** and false both reject) and lets SQLite start from the related side.
  ** Prefect's EXISTS is kept where a LIMIT can stop an ordered index walk
  ** early and the filter is too broad for starting from it to pay. */
  bIn = nRoot == 1 && (!p->pDialect->bStatsShape || !bPreferExists || rSel < NARROW_GROUP);
  if (nRoot == 1 && bPreferExists && p->pDialect->bStatsShape) p->bStatsShape = 1;
  if (bIn && !bPreferExists && p->pDialect->bStatsShape && p->rc == SQLITE_OK &&
      exists_probes_fewer(p, pColl, &aRel[iRootRel], rSel)) bIn = 0;

  pStr = sqlite3_str_new(0);
  if (bIn && p->rc == SQLITE_OK) {
    sqlite3_str_appendf(pStr, "%s.%s IN (SELECT %s.%s FROM ", pColl->zAlias, aRel[iRootRel].zParentCol,
                        azAlias[iRootRel], aRel[iRootRel].zChildCol);
  } else {
    sqlite3_str_appendall(pStr, "EXISTS (SELECT 1 FROM ");
  }
  for (i = 0; i < nRel && p->rc == SQLITE_OK; i++) {
    if (!aIncluded[i]) continue;
    sqlite3_str_appendf(pStr, "%s%s AS %s", nWhere++ ? ", " : "", aRel[i].zTable, azAlias[i]);
  }
  nWhere = 0;
  for (i = 0; i < nRel && p->rc == SQLITE_OK; i++) {
    const char *zParent;
    if (!aIncluded[i] || (bIn && i == iRootRel)) continue;
    zParent = aRel[i].iParent < 0 ? pColl->zAlias : azAlias[aRel[i].iParent];
    sqlite3_str_appendf(pStr, "%s%s.%s = %s.%s", nWhere++ ? " AND " : " WHERE ", azAlias[i],
                        aRel[i].zChildCol, zParent, aRel[i].zParentCol);
  }
  for (i = 0; i < nRel && p->rc == SQLITE_OK; i++) {
    if (aCrit[i].e == CRIT_SQL) sqlite3_str_appendf(pStr, "%s%s", nWhere++ ? " AND " : " WHERE ", aCrit[i].zSql);
  }
  sqlite3_str_appendchar(pStr, 1, ')');
  for (i = 0; i < nRel; i++) {
    sqlite3_free(azAlias[i]);
    crit_clear(&aCrit[i]);
  }
  if (sqlite3_str_errcode(pStr)) compile_nomem(p);
  if (p->rc != SQLITE_OK) { sqlite3_free(sqlite3_str_finish(pStr)); return; }
  pOut->zSql = sqlite3_str_finish(pStr);
  pOut->e = CRIT_SQL;
  pOut->rSel = rSel;
}

/* ---- the body ---------------------------------------------------------- */

const char *const column_op_names[COP_COUNT] = {
  "=", ">", "<=", "<", ">=", "!=", "IS", "IS NOT", "IS NULL", "IS NOT NULL", "LIKE", "GLOB", "IN"
};

/* Does the body's "page" count? On a table, for the collections that take
** it (flows); through prefect_api(), only on the routes that take it (the
** paginate routes): /flows/filter has no page, and FastAPI ignores it. */
static int route_takes_page(const CollectionDesc *pColl, const QueryExtras *pExtras) {
  if (pExtras && pExtras->bPage) return 1;
  return pColl->bPage && !(pExtras && pExtras->bIgnoreUnknownKeys);
}

/* Is zKey one of the keys a body of this collection may have at top level?
** A route may add keys it reads itself (history_start, ...), take "page"
** (the paginate routes), name a related filter its own way, or take no
** sort, limit and offset at all (history, lateness). */
static int top_level_key_known(const Compiler *p, const CollectionDesc *pColl, const JsonNode *pChild,
                               int bFilterOnly) {
  static const char *const azCommon[] = {"sort", "limit", "offset", 0};
  const QueryExtras *pExtras = p->pExtras;
  int i, bPaging = !bFilterOnly && !(pExtras && pExtras->bNoPaging);
  if (text_is(pChild->zKey, pChild->nKey, pColl->zFilterKey)) return 1;
  /* a route without a sort parameter: aSort[0] is its fixed order */
  for (i = pColl->bNoSortKey ? 1 : 0; bPaging && azCommon[i]; i++) {
    if (text_is(pChild->zKey, pChild->nKey, azCommon[i])) return 1;
  }
  if (bPaging && route_takes_page(pColl, pExtras) && text_is(pChild->zKey, pChild->nKey, "page")) {
    return 1;
  }
  for (i = 0; !bFilterOnly && pExtras && pExtras->azOwnKeys && pExtras->azOwnKeys[i]; i++) {
    if (text_is(pChild->zKey, pChild->nKey, pExtras->azOwnKeys[i])) return 1;
  }
  for (i = 0; pColl->aRel[i].zTable; i++) {
    const char *zKey = body_key(p, pColl->aRel[i].zKey);
    if (zKey && text_is(pChild->zKey, pChild->nKey, zKey)) return 1;
  }
  return 0;
}

/* Unknown top-level keys are an error here, although the API ignores them:
** a misspelled "artifact" would otherwise silently return every row. A
** prefect_filter() document is a filter only: its rows are chosen by the
** surrounding SQL, so sort/limit/offset belong to ORDER BY/LIMIT/OFFSET. */
static void check_top_level_keys(Compiler *p, const CollectionDesc *pColl, int iRoot, int bFilterOnly) {
  const JsonDoc *pDoc = p->pDoc;
  const QueryExtras *pExtras = p->pExtras;
  int iChild;
  for (iChild = pDoc->aNode[iRoot].iFirst; iChild >= 0 && p->rc == SQLITE_OK;
       iChild = pDoc->aNode[iChild].iNext) {
    const JsonNode *pChild = &pDoc->aNode[iChild];
    if (!bFilterOnly && pExtras && pExtras->bIgnoreUnknownKeys) continue;  /* never read, never checked */
    if (!top_level_key_known(p, pColl, pChild, bFilterOnly)) {
      sqlite3_str *pStr = sqlite3_str_new(0);
      int i;
      if (bFilterOnly && top_level_key_known(p, pColl, pChild, 0)) {
        sqlite3_str_appendall(pStr, "not allowed in prefect_filter(); use ORDER BY, LIMIT and OFFSET");
      } else {
        int bPaging = !bFilterOnly && !(pExtras && pExtras->bNoPaging);
        sqlite3_str_appendall(pStr, "unknown field, expected one of: ");
        for (i = 0; !bFilterOnly && pExtras && pExtras->azOwnKeys && pExtras->azOwnKeys[i]; i++) {
          sqlite3_str_appendf(pStr, "%s, ", pExtras->azOwnKeys[i]);
        }
        sqlite3_str_appendall(pStr, pColl->zFilterKey);
        for (i = 0; pColl->aRel[i].zTable; i++) {
          if (pColl->aRel[i].zKey) sqlite3_str_appendf(pStr, ", %s", body_key(p, pColl->aRel[i].zKey));
        }
        if (bPaging) sqlite3_str_appendall(pStr, pColl->bNoSortKey ? ", limit, offset" : ", sort, limit, offset");
        if (bPaging && route_takes_page(pColl, pExtras)) sqlite3_str_appendall(pStr, ", page");
      }
      json_path_push_key(&p->path, pChild->zKey, pChild->nKey);
      compile_fail(p, sqlite3_str_finish(pStr));
      json_path_pop(&p->path);
    }
  }
}

/* "limit", "offset" or "page": an integer of at least iMin, in *piOut.
** Returns its node, or -1 when it is absent or null (*piOut untouched) or
** wrong (the error recorded). The one reader of the three. */
static int read_count(Compiler *p, int iRoot, const char *zKey, sqlite3_int64 iMin, sqlite3_int64 *piOut) {
  int iNode = iRoot < 0 ? -1 : json_doc_member(p->pDoc, iRoot, zKey);
  char *zMsg = 0;
  int bBad;
  if (iNode < 0 || p->pDoc->aNode[iNode].eType == JT_NULL) return -1;
  json_path_push_key(&p->path, zKey, (int)strlen(zKey));
  bBad = value_read_int(p->pDoc, iNode, piOut, &zMsg) != SQLITE_OK;
  if (!bBad && *piOut < iMin) {
    char zWhat[40];
    sqlite3_snprintf(sizeof(zWhat), zWhat, "an integer >= %lld", iMin);
    zMsg = value_expected(p->pDoc, iNode, zWhat), bBad = 1;
  }
  if (bBad) compile_fail(p, zMsg);
  json_path_pop(&p->path);
  return bBad ? -1 : iNode;
}

/* The API's default and largest limit; /flows/paginate applies it when a
** page is asked for without a limit. */
#define API_DEFAULT_LIMIT 200

/* "page" (/flows/paginate), 1 when absent: rows (page - 1) * limit
** onwards. It replaces an offset, so the two together are an error rather
** than a guess. */
static void read_page(Compiler *p, int iRoot, int *pbLimit, sqlite3_int64 *piLimit, int *pbOffset,
                      sqlite3_int64 *piOffset, sqlite3_int64 *piPage) {
  int iNode;
  char *zMsg = 0;
  int bBad = 1;  /* zMsg NULL with bBad: the message could not be made */
  if (p->rc != SQLITE_OK) return;
  iNode = read_count(p, iRoot, "page", 1, piPage);
  if (iNode < 0) return;
  if (*pbOffset) {
    zMsg = sqlite3_mprintf("page and offset cannot be combined (paginate takes a page)");
  } else {
    if (!*pbLimit) { *pbLimit = 1; *piLimit = API_DEFAULT_LIMIT; }
    if (*piLimit > 0 && *piPage - 1 > 0x7fffffffffffffffLL / *piLimit) {
      zMsg = value_expected(p->pDoc, iNode, "a page whose first row fits in 64 bits");
    } else {
      *pbOffset = 1;
      *piOffset = (*piPage - 1) * *piLimit;
      bBad = 0;
    }
  }
  if (bBad) {
    json_path_push_key(&p->path, "page", 4);
    compile_fail(p, zMsg);
    json_path_pop(&p->path);
  }
}

/* The body's sort, or the collection's default; *pbAsked tells which. */
static const SortDesc *read_sort(Compiler *p, const CollectionDesc *pColl, int iRoot, int *pbAsked) {
  int iNode = (iRoot < 0 || pColl->bNoSortKey) ? -1 : json_doc_member(p->pDoc, iRoot, "sort");
  const JsonNode *pNode;
  int i;
  *pbAsked = iNode >= 0 && p->pDoc->aNode[iNode].eType != JT_NULL;
  if (!*pbAsked && p->pExtras && p->pExtras->zDefaultSort) {
    for (i = 0; pColl->aSort[i].zName; i++) {
      if (strcmp(pColl->aSort[i].zName, p->pExtras->zDefaultSort) == 0) return &pColl->aSort[i];
    }
  }
  if (!*pbAsked) return &pColl->aSort[0];
  pNode = &p->pDoc->aNode[iNode];
  for (i = 0; pColl->aSort[i].zName && pNode->eType == JT_TEXT; i++) {
    if (text_is(pNode->zText, pNode->nText, pColl->aSort[i].zName)) return &pColl->aSort[i];
  }
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zWhat;
    sqlite3_str_appendall(pStr, "one of ");
    for (i = 0; pColl->aSort[i].zName; i++) {
      sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "", pColl->aSort[i].zName);
    }
    zWhat = sqlite3_str_finish(pStr);
    json_path_push_key(&p->path, "sort", 4);
    /* the list of sorts lost to memory: no vaguer message in its place */
    compile_fail(p, zWhat ? value_expected(p->pDoc, iNode, zWhat) : 0);
    json_path_pop(&p->path);
    sqlite3_free(zWhat);
  }
  return &pColl->aSort[0];
}

static void append_expanded(sqlite3_str *pStr, const char *zTmpl, const char *zAlias) {
  const char *z;
  for (z = zTmpl; *z; z++) {
    if (*z == '@') sqlite3_str_appendall(pStr, zAlias);
    else sqlite3_str_appendchar(pStr, 1, *z);
  }
}

/* The WHERE criteria of one document: its primary filter and one
** subquery per related-filter group. Appended to pWhere as " AND ..." */
#define MAX_WHERE 64
typedef struct WhereList {
  char *azSql[MAX_WHERE];  /* owned */
  int n;
} WhereList;

static void where_add(Compiler *p, WhereList *pWhere, Crit *pCrit) {
  if (pCrit->e == CRIT_SQL && p->rc == SQLITE_OK) {
    if (pWhere->n >= MAX_WHERE) {
      compile_fail(p, sqlite3_mprintf("too many prefect_filter() documents and constraints"));
    } else {
      pWhere->azSql[pWhere->n++] = pCrit->zSql;
      pCrit->zSql = 0;
    }
  }
  crit_clear(pCrit);
}

static void where_clear(WhereList *pWhere) {
  int i;
  for (i = 0; i < pWhere->n; i++) sqlite3_free(pWhere->azSql[i]);
  pWhere->n = 0;
}

static void compile_where(Compiler *p, const CollectionDesc *pColl, int iRoot, int bPreferExists,
                          WhereList *pWhere) {
  int i, iGroup, nGroup = 0;
  if (iRoot < 0) return;
  {
    int iNode = json_doc_member(p->pDoc, iRoot, pColl->zFilterKey);
    if (iNode >= 0 && p->pDoc->aNode[iNode].eType != JT_NULL) {
      Crit crit = {CRIT_NONE, 0, 1.0};
      int nCrit;
      json_path_push_key(&p->path, pColl->zFilterKey, (int)strlen(pColl->zFilterKey));
      p->zTable = pColl->zTable;
      compile_object(p, pColl->pFilter, iNode, pColl->zAlias, &crit, &nCrit);
      p->zTable = 0;
      json_path_pop(&p->path);
      where_add(p, pWhere, &crit);
    }
  }
  for (i = 0; pColl->aRel[i].zTable; i++) {
    if (pColl->aRel[i].iGroup + 1 > nGroup) nGroup = pColl->aRel[i].iGroup + 1;
  }
  for (iGroup = 0; iGroup < nGroup && p->rc == SQLITE_OK; iGroup++) {
    Crit crit = {CRIT_NONE, 0, 1.0};
    compile_group(p, pColl, iRoot, iGroup, bPreferExists, &crit);
    where_add(p, pWhere, &crit);
  }
}

/* A prefect_filter() document: filters only, ANDed with everything else. */
static void compile_filter_doc(Compiler *p, const CollectionDesc *pColl, const char *z, int n,
                               int bPreferExists, WhereList *pWhere) {
  JsonDoc doc;
  char *zErr = 0;
  const JsonDoc *pSaved = p->pDoc;
  int rc;
  if (!z || n == 0) return;
  rc = json_doc_parse(z, n, &doc, &zErr);
  if (rc != SQLITE_OK) {
    /* "prefect: body: ..." -> say which document it was */
    if (zErr && strncmp(zErr, "prefect: body: ", 15) == 0) {
      char *zNew = sqlite3_mprintf("prefect: prefect_filter() document: %s", zErr + 15);
      sqlite3_free(zErr);
      zErr = zNew;
    }
    if (p->rc == SQLITE_OK) { p->rc = zErr ? rc : SQLITE_NOMEM; p->zErr = zErr; } else sqlite3_free(zErr);
    return;
  }
  p->pDoc = &doc;
  if (doc.aNode[0].eType == JT_OBJECT) {
    check_top_level_keys(p, pColl, 0, 1);
    if (p->rc == SQLITE_OK) compile_where(p, pColl, 0, bPreferExists, pWhere);
  } else if (doc.aNode[0].eType != JT_NULL) {
    compile_fail(p, value_expected(&doc, 0, "an object"));
  }
  p->pDoc = pSaved;
  json_doc_free(&doc);
}

/* How a constraint's value is used on a column declared zType: PostgreSQL
** compares a uuid, timestamp or integer column only with a value of its own
** type (SQLite's placeholders say no type). */
static PlaceholderKind column_param_kind(const char *zType) {
  if (sqlite3_stricmp(zType, "CHAR(36)") == 0) return PARAM_UUID;
  if (sqlite3_stricmp(zType, "DATETIME") == 0) return PARAM_TIME;
  if (sqlite3_stricmp(zType, "INTEGER") == 0) return PARAM_INT;
  return PARAM_TEXT;
}

/* One constraint on a column, as "<column> [COLLATE c] <op> <placeholder>",
** the placeholder in the dialect's words. From SQLite's xBestIndex (the
** SQL around a virtual table; SQLite only): the collation SQLite would
** compare with on the virtual table, so that the inner statement compares
** the same way; an IN list, bound by the table module as one JSON array.
** From a route's parent row (either dialect): "=" its key, a value or text. */
static void compile_constraint(Compiler *p, const CollectionDesc *pColl, const ColumnConstraint *pCons,
                               WhereList *pWhere) {
  Crit crit = {CRIT_NONE, 0, 1.0};
  sqlite3_str *pStr = sqlite3_str_new(0);
  append_expanded(pStr, pColl->aCol[pCons->iCol].zExpr, pColl->zAlias);
  if (pCons->zColl) sqlite3_str_appendf(pStr, " COLLATE %.*s", pCons->nColl, pCons->zColl);
  if (pCons->eOp == COP_IN) {
    int iParam = bind_add(p, BT_ARG_LIST, 0, 0, 0);
    if (iParam) p->pQuery->aBind[iParam - 1].iArg = pCons->iArg;
    sqlite3_str_appendf(pStr, " IN (SELECT value FROM json_each(?%d))", iParam);
  } else if (pCons->eOp == COP_ISNULL || pCons->eOp == COP_NOTNULL) {
    sqlite3_str_appendf(pStr, " %s", column_op_names[pCons->eOp]);
  } else {
    int iParam;
    if (pCons->iArg < 0 && !pCons->pValue) {
      char *z = sqlite3_malloc64((sqlite3_uint64)pCons->nText + 1);
      if (z) {
        memcpy(z, pCons->zText, (size_t)pCons->nText);
        z[pCons->nText] = 0;
        iParam = bind_add(p, BT_TEXT, z, pCons->nText, 0);
      } else {
        compile_nomem(p);
        iParam = 0;
      }
    } else {
      iParam = bind_add(p, pCons->iArg >= 0 ? BT_ARG_VALUE : BT_VALUE, 0, 0, 0);
      if (iParam) {
        p->pQuery->aBind[iParam - 1].iArg = pCons->iArg;
        p->pQuery->aBind[iParam - 1].pValue = pCons->pValue;
      }
    }
    sqlite3_str_appendf(pStr, " %s ", column_op_names[pCons->eOp]);
    append_param(p, pStr, iParam, column_param_kind(pColl->aCol[pCons->iCol].zType));
  }
  if (sqlite3_str_errcode(pStr)) compile_nomem(p);
  crit.zSql = sqlite3_str_finish(pStr);
  crit.e = crit.zSql ? CRIT_SQL : CRIT_NONE;
  where_add(p, pWhere, &crit);
}

static void append_where(sqlite3_str *pStr, const WhereList *pWhere) {
  int i;
  for (i = 0; i < pWhere->n; i++) {
    sqlite3_str_appendall(pStr, i ? " AND " : " WHERE ");
    sqlite3_str_appendall(pStr, pWhere->azSql[i]);
  }
}

static void append_order(sqlite3_str *pStr, const CollectionDesc *pColl, const SortDesc *pSort,
                         const QueryExtras *pExtras) {
  int i;
  sqlite3_str_appendall(pStr, " ORDER BY ");
  if (pExtras && pExtras->nOrder > 0) {
    for (i = 0; i < pExtras->nOrder; i++) {
      if (i) sqlite3_str_appendall(pStr, ", ");
      append_expanded(pStr, pColl->aCol[pExtras->aOrder[i].iCol].zExpr, pColl->zAlias);
      sqlite3_str_appendall(pStr, pExtras->aOrder[i].bDesc ? " DESC" : " ASC");
    }
  } else {
    append_expanded(pStr, pSort->zOrderBy, pColl->zAlias);
  }
}

/* "SELECT " and the expressions of the columns in mColumns, then the
** row's rowid where the dialect has one: zRowid, a format taking the alias
** ("%s.rowid AS prefect_rowid"); no rowid when zRowid is NULL. */
static void append_columns(const Compiler *p, sqlite3_str *pStr, const CollectionDesc *pColl,
                           sqlite3_uint64 mColumns, const char *zRowid) {
  int i, n = 0;
  sqlite3_str_appendall(pStr, "SELECT ");
  if (p->pExtras && p->pExtras->bTableRows) {
    sqlite3_str_appendf(pStr, "%s.*", pColl->zAlias);
    n++;
  }
  for (i = 0; pColl->aCol[i].zName && !(p->pExtras && p->pExtras->bTableRows); i++) {
    if (!(mColumns & (((sqlite3_uint64)1) << (i < 63 ? i : 63)))) continue;
    if (n++) sqlite3_str_appendall(pStr, ", ");
    append_expanded(pStr, pColl->aCol[i].zExpr, pColl->zAlias);
  }
  if (p->pDialect->bRowid && zRowid) {
    if (n) sqlite3_str_appendall(pStr, ", ");
    sqlite3_str_appendf(pStr, zRowid, pColl->zAlias);
  }
}

int query_column_index(const Query *pQuery, int iCol) {
  if (iCol < 0 || iCol >= 63 || !(pQuery->mOut & (((sqlite3_uint64)1) << iCol))) return -1;
  return __builtin_popcountll(pQuery->mOut & ((((sqlite3_uint64)1) << iCol) - 1));
}

int query_rowid_index(const Query *pQuery) {
  return __builtin_popcountll(pQuery->mOut);
}

/* Is column i left unread by the query around the table? */
static int column_unread(const QueryExtras *pExtras, int i) {
  if (!pExtras || !pExtras->bSomeColumns) return 0;
  return !(pExtras->mColumns & (((sqlite3_uint64)1) << (i < 63 ? i : 63)));
}

/* Does an index deliver the final order, so that a LIMIT can stop early? */
static int order_is_indexed(const CollectionDesc *pColl, const SortDesc *pSort, const QueryExtras *pExtras) {
  if (pExtras && pExtras->nOrder > 0) {
    return pExtras->nOrder == 1 && pColl->aCol[pExtras->aOrder[0].iCol].eIndex != IDX_NONE;
  }
  return pSort->bIndexed;
}

/* The end of a bGroupCount statement, around the rows it counts: group by
** every selected column and order by aOrder, each named by its position and
** compared as BINARY, as SQLite compares the virtual table's own values when
** it groups or sorts them (so 'a' and 'A' stay two groups whatever
** Prefect's column says). Over a flat SELECT, SQLite flattens the subquery
** and groups on Prefect's own indexes. */
static void append_group_count(sqlite3_str *pStr, sqlite3_uint64 mOut, const QueryExtras *pExtras) {
  int i, k, n = __builtin_popcountll(mOut);
  sqlite3_str_appendall(pStr, ") GROUP BY ");
  for (k = 1; k <= n; k++) sqlite3_str_appendf(pStr, "%s%d COLLATE BINARY", k > 1 ? ", " : "", k);
  for (i = 0; i < pExtras->nOrder; i++) {
    int iCol = pExtras->aOrder[i].iCol;
    sqlite3_str_appendf(pStr, "%s%d COLLATE BINARY %s", i ? ", " : " ORDER BY ",
                        __builtin_popcountll(mOut & ((((sqlite3_uint64)1) << iCol) - 1)) + 1,
                        pExtras->aOrder[i].bDesc ? "DESC" : "ASC");
  }
}

/*
** The statement. Without a body limit everything is one flat SELECT:
**
**   SELECT cols FROM t AS a WHERE <body> AND <filters> AND <constraints>
**    ORDER BY <SQL's ORDER BY, else the body's sort> LIMIT <SQL> OFFSET <SQL>
**
** A body limit/offset chooses rows by the body's sort before the SQL
** around it filters them, so then the body is a subquery:
**
**   SELECT * FROM (SELECT cols FROM t AS a WHERE <body> ORDER BY <sort>
**                  LIMIT <body> OFFSET <body>) AS a
**    WHERE <filters> AND <constraints> ORDER BY ... LIMIT <SQL> OFFSET <SQL>
*/
static void compile_statement(Compiler *p, const CollectionDesc *pColl, int iRoot, const QueryExtras *pExtras) {
  QueryExtras rows;               /* a bGroupCount's rows: in no order of their own */
  const QueryExtras *pGroup = 0;  /* ...and the order of its groups */
  WhereList body, extra;
  sqlite3_int64 iLimit = -1, iOffset = 0, iPage = 1;
  int bLimit, bOffset, bPreferExists, bWrap, bSortAsked = 0, bOrdered, bCount, bGroupCount, i;
  const SortDesc *pSort;
  sqlite3_str *pStr;
  Query *q = p->pQuery;

  memset(&body, 0, sizeof(body));
  memset(&extra, 0, sizeof(extra));
  if (pExtras && pExtras->bGroupCount && !pExtras->bCount) {
    rows = *pExtras;
    rows.nOrder = 0;
    pGroup = pExtras;
    pExtras = &rows;
  }
  if (iRoot >= 0) check_top_level_keys(p, pColl, iRoot, 0);
  if (pExtras && (pExtras->bIgnorePaging || pExtras->bNoPaging)) {
    /* a count route: the API ignores these keys, whatever they hold */
    pSort = &pColl->aSort[0];
    bLimit = bOffset = 0;
  } else {
    pSort = read_sort(p, pColl, iRoot, &bSortAsked);
    bLimit = read_count(p, iRoot, "limit", (pExtras && pExtras->bNegativeLimit) ? SMALLEST_INT64 : 0,
                        &iLimit) >= 0;
    if (pExtras && pExtras->bApiLimits && p->rc == SQLITE_OK) {
      /* the API's LimitBody: default 200, at most 200, with its own message;
      ** or the route's own bound, which pydantic checks (le=) */
      sqlite3_int64 iMax = pExtras->iMaxLimit > 0 ? pExtras->iMaxLimit : API_DEFAULT_LIMIT;
      if (!bLimit) { bLimit = 1; iLimit = iMax; }
      else if (iLimit > iMax) {
        json_path_push_key(&p->path, "limit", 5);
        compile_fail(p, pExtras->iMaxLimit > 0
                            ? sqlite3_mprintf("Input should be less than or equal to %lld", iMax)
                            : sqlite3_mprintf("Invalid limit: must be less than or equal to %d.", API_DEFAULT_LIMIT));
        json_path_pop(&p->path);
      }
    }
    bOffset = (pExtras && pExtras->bIgnoreOffset) ? 0 : read_count(p, iRoot, "offset", 0, &iOffset) >= 0;
    if (route_takes_page(pColl, pExtras)) read_page(p, iRoot, &bLimit, &iLimit, &bOffset, &iOffset, &iPage);
  }
  q->iLimit = bLimit ? iLimit : -1;
  q->iPage = iPage;
  /* Order is a promise only when asked for: by the body's sort, limit,
  ** offset or page, or by SQL's ORDER BY. Otherwise the rows are a set, as
  ** a table's rows are in SQL, and no sort is paid for. */
  bOrdered = bSortAsked || bLimit || bOffset || (pExtras && pExtras->nOrder > 0);
  /* a count needs no column and no order; over a body's limit it counts
  ** the limited rows */
  bCount = pExtras && pExtras->bCount;
  bGroupCount = pGroup != 0;
  /* EXISTS stops at the first rows an index delivers in order; IN starts
  ** from the related side. A LIMIT in a delivered order favours EXISTS. */
  bPreferExists = (bLimit || (pExtras && pExtras->bLimit)) && order_is_indexed(pColl, pSort, pExtras);
  /* the body's own limit needs a subquery only when SQL adds to it */
  bWrap = (bLimit || bOffset) && pExtras &&
          (pExtras->nFilter || (pExtras->nCons && !pExtras->bConsInBody) || pExtras->nOrder || pExtras->bLimit ||
           pExtras->bOffset);
  /* PostgreSQL: a scan hands on its rows unprojected only when it selects
  ** the table's own columns, in the table's order (alias.*); the
  ** collection's columns are another list, formed for every row the
  ** offset then skips (a tenth of a million artifacts paged by updated:
  ** half as slow again as Prefect's statement). So with an offset the
  ** body's rows are the table's rows inside, its columns picked outside,
  ** for the rows kept only. */
  if (p->bPg && bOffset && !bCount && !(pExtras && pExtras->bTableRows)) bWrap = 1;
  compile_where(p, pColl, iRoot, bPreferExists, &body);
  for (i = 0; pExtras && i < pExtras->nFilter && p->rc == SQLITE_OK; i++) {
    compile_filter_doc(p, pColl, pExtras->azFilter[i], pExtras->anFilter[i], bPreferExists,
                       bWrap ? &extra : &body);
  }
  for (i = 0; pExtras && i < pExtras->nCons && p->rc == SQLITE_OK; i++) {
    compile_constraint(p, pColl, &pExtras->aCons[i], bWrap && !pExtras->bConsInBody ? &extra : &body);
  }

  if (p->rc == SQLITE_OK && bCount && !bWrap && !bLimit && !bOffset) {
    pStr = sqlite3_str_new(0);
    sqlite3_str_appendf(pStr, "SELECT count(*) FROM %s AS %s", pColl->zTable, pColl->zAlias);
    append_where(pStr, &body);
    if (sqlite3_str_errcode(pStr)) compile_nomem(p);
    q->zSql = sqlite3_str_finish(pStr);
    if (!q->zSql) compile_nomem(p);
  } else if (p->rc == SQLITE_OK) {
    pStr = sqlite3_str_new(0);
    if (bCount) sqlite3_str_appendall(pStr, "SELECT count(*) FROM (");
    if (bGroupCount) sqlite3_str_appendall(pStr, "SELECT *, count(*) FROM (");
    /* A column the query never reads is not selected, fetched nor copied
    ** per row (mOut says which are); the body's subquery keeps them all, as
    ** the outer WHERE may need them, and the outer SELECT picks. The
    ** table's rowid follows the columns: the virtual table's xRowid. */
    q->mOut = 0;
    for (i = 0; pColl->aCol[i].zName && i < 63; i++) {
      if (!column_unread(pExtras, i)) q->mOut |= (sqlite3_uint64)1 << i;
    }
    if (bWrap) {
      append_columns(p, pStr, pColl, q->mOut, bGroupCount ? 0 : "%s.prefect_rowid");
      sqlite3_str_appendall(pStr, " FROM (");
    }
    if (bWrap && p->bPg) sqlite3_str_appendf(pStr, "SELECT %s.*", pColl->zAlias);
    else append_columns(p, pStr, pColl, bWrap ? ~(sqlite3_uint64)0 : q->mOut,
                        bGroupCount && !bWrap ? 0 : "%s.rowid AS prefect_rowid");
    sqlite3_str_appendf(pStr, " FROM %s AS %s", pColl->zTable, pColl->zAlias);
    append_where(pStr, &body);
    if (bLimit || bOffset) {
      append_order(pStr, pColl, pSort, 0);
      /* A negative LIMIT is "no limit" in SQLite: an offset alone needs it;
      ** elsewhere an offset alone has no LIMIT. */
      if (bLimit || p->pDialect->bNegativeLimit) {
        sqlite3_str_appendall(pStr, " LIMIT ");
        append_param(p, pStr, bind_add(p, BT_INT, 0, 0, bLimit ? iLimit : -1), PARAM_INT);
      }
      if (bOffset) {
        sqlite3_str_appendall(pStr, " OFFSET ");
        append_param(p, pStr, bind_add(p, BT_INT, 0, 0, iOffset), PARAM_INT);
      }
      q->bLimit = 1;
    }
    if (bWrap) {
      sqlite3_str_appendf(pStr, ") AS %s", pColl->zAlias);
      append_where(pStr, &extra);
    }
    if ((bWrap || !(bLimit || bOffset)) && bOrdered && !bCount && !bGroupCount) {
      /* count(*) and friends read no column: then, without a limit that
      ** depends on it, no order can be observed and none is paid for */
      int bUnobservable = pExtras && pExtras->bSomeColumns && pExtras->mColumns == 0 && !bLimit &&
                          !bOffset && !pExtras->bLimit && !pExtras->bOffset && pExtras->nOrder == 0;
      if (!bUnobservable) append_order(pStr, pColl, pSort, pExtras);
    }
    if (pExtras && (pExtras->bLimit || pExtras->bOffset)) {
      int iLimitParam = pExtras->bLimit ? bind_add(p, BT_ARG_INT, 0, 0, 0) : bind_add(p, BT_INT, 0, 0, -1);
      if (iLimitParam && pExtras->bLimit) q->aBind[iLimitParam - 1].iArg = pExtras->iLimitArg;
      sqlite3_str_appendf(pStr, " LIMIT ?%d", iLimitParam);
      if (pExtras->bOffset) {
        int iOffsetParam = bind_add(p, BT_ARG_INT, 0, 0, 0);
        if (iOffsetParam) q->aBind[iOffsetParam - 1].iArg = pExtras->iOffsetArg;
        sqlite3_str_appendf(pStr, " OFFSET ?%d", iOffsetParam);
      }
    }
    if (bCount) sqlite3_str_appendall(pStr, ")");
    if (bGroupCount) append_group_count(pStr, q->mOut, pGroup);
    if (sqlite3_str_errcode(pStr)) compile_nomem(p);
    q->zSql = sqlite3_str_finish(pStr);
    if (!q->zSql) compile_nomem(p);
  }
  where_clear(&body);
  where_clear(&extra);
}

void query_clear(Query *pQuery) {
  int i;
  for (i = 0; i < pQuery->nBind; i++) sqlite3_free(pQuery->aBind[i].z);
  sqlite3_free(pQuery->aBind);
  sqlite3_free(pQuery->zSql);
  memset(pQuery, 0, sizeof(*pQuery));
}

int query_bind(const Query *pQuery, sqlite3_stmt *pStmt, sqlite3_value **argv) {
  /* A value whose test was folded away (`x OR TRUE`) has no placeholder
  ** left; the highest placeholder bounds what may be bound. */
  int nParam = sqlite3_bind_parameter_count(pStmt);
  int i, rc = SQLITE_OK;
  for (i = 0; i < pQuery->nBind && i < nParam && rc == SQLITE_OK; i++) {
    const Bind *pBind = &pQuery->aBind[i];
    switch (pBind->eType) {
      case BT_INT: rc = sqlite3_bind_int64(pStmt, i + 1, pBind->i); break;
      case BT_VALUE: rc = sqlite3_bind_value(pStmt, i + 1, pBind->pValue); break;
      case BT_ARG_VALUE: rc = sqlite3_bind_value(pStmt, i + 1, argv[pBind->iArg]); break;
      case BT_ARG_INT: rc = sqlite3_bind_int64(pStmt, i + 1, sqlite3_value_int64(argv[pBind->iArg])); break;
      case BT_ARG_LIST: break;  /* the caller's */
      default: rc = sqlite3_bind_text(pStmt, i + 1, pBind->z, pBind->nz, SQLITE_STATIC); break;
    }
  }
  return rc;
}

/* The statistics of a dialect that reads none: they say nothing. */
static const Stats no_stats;

int filter_compile(CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody,
                   const QueryExtras *pExtras, Query *pQuery, char **pzErr) {
  JsonDoc doc = {0, 0, 0};  /* no body: no nodes */
  Compiler c;
  int iRoot = -1;
  memset(pQuery, 0, sizeof(*pQuery));
  memset(&c, 0, sizeof(c));
  *pzErr = 0;
  c.pDialect = &prefect_dialects[pExtras ? pExtras->eDialect : DIALECT_SQLITE];
  c.bPg = c.pDialect == &prefect_dialects[DIALECT_POSTGRESQL];
  /* sqlite_stat1 chooses shapes on SQLite only (read again after an
  ** ANALYZE; a read that failed has cost the user's transaction,
  ** SQLITE_NOMEM, and the compile fails with it); elsewhere the statistics
  ** stay empty, and say nothing */
  if (c.pDialect->bStatsShape) {
    int rc = stats_refresh(pEnv->parser.db, &pEnv->stats);
    if (rc != SQLITE_OK) return rc;
  }
  c.pStats = c.pDialect->bStatsShape ? &pEnv->stats : &no_stats;
  c.pSizes = &pEnv->stats;
  c.db = pEnv->parser.db;
  /* No body, an empty body and the JSON literal null all mean "defaults". */
  if (zBody && nBody > 0) {
    int rc = json_doc_parse(zBody, nBody, &doc, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (doc.aNode[0].eType == JT_OBJECT) {
      iRoot = 0;
    } else if (doc.aNode[0].eType != JT_NULL) {
      c.pDoc = &doc;
      compile_fail(&c, value_expected(&doc, 0, "an object"));
      json_doc_free(&doc);
      *pzErr = c.zErr;
      return c.rc;
    }
  }
  c.pDoc = &doc;
  c.pQuery = pQuery;
  c.pExtras = pExtras;
  compile_statement(&c, pColl, iRoot, pExtras);
  json_doc_free(&doc);
  if (c.rc != SQLITE_OK) {
    query_clear(pQuery);
    *pzErr = c.zErr;
    return c.rc;
  }
  pQuery->iStatsGeneration = pEnv->stats.iGeneration;
  pQuery->bStatsShape = c.bStatsShape;
  return SQLITE_OK;
}
