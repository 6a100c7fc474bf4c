/*
** pg/prefect_pg.c: the PostgreSQL extension's entry points.
**
**   CREATE EXTENSION prefect;
**   SELECT id, key FROM prefect.artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
**
** The same parse and compile as the SQLite extension's (../ext, with the
** PostgreSQL dialect of dialect.c) turn a body into one statement over
** Prefect's own tables, every value a parameter; here it runs through SPI.
** A collection's function returns the table's own rows. In FROM,
** PostgreSQL's function scan collects every row in a tuplestore (which
** spills to disk past work_mem) before it reads one, so the statement runs
** to its end straight into that tuplestore; in a SELECT list, where
** nothing collects them, one row per call from a cursor read a batch at a
** time, so that the function holds one batch however many rows there are.
** Each statement's plan is kept for the next call of the same shape.
** Which collection a function answers is its SQL name (one C function for
** all); prefect--0.1.sql makes one function per collection that
** prefect.collections() lists, so a collection described in describe.c
** has its function with nothing written here.
** A bad body is an ERROR with SQLSTATE 22023 (invalid_parameter_value)
** and the SQLite side's message, which names the JSON path.
*/
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "executor/tstoreReceiver.h"
#include "fmgr.h"
#include "funcapi.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* PostgreSQL's parse tree has a Query of its own: the compiler's is
** named apart here only (a type name, so nothing changes in what links) */
#include "prefect_pg.h"

PG_MODULE_MAGIC;

/* The collection a function named zName answers, or an error. */
static const CollectionDesc *collection_named(const char *zName) {
  int i;
  for (i = 0; zName && prefect_collections[i]; i++) {
    if (strcmp(prefect_collections[i]->zName, zName) == 0) return prefect_collections[i];
  }
  ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                  errmsg("prefect: unknown table \"%s\"", zName ? zName : "")));
  return 0;
}

/* The body argument as JSON text (jsonb's own output), or NULL: no body. */
char *pg_body_text(FunctionCallInfo fcinfo, int iArg) {
  if (PG_NARGS() <= iArg || PG_ARGISNULL(iArg)) return 0;
  return DatumGetCString(DirectFunctionCall1(jsonb_out, PG_GETARG_DATUM(iArg)));
}


/* The text z (n bytes) as a value of the type named zType: its input
** function, once per statement rather than a cast in it for every row. */
static Datum typed_value(const char *zType, const char *z, int n, Oid *pType) {
  Oid typinput, typioparam;
  int32 typmod;
  parseTypeString(zType, pType, &typmod, false);
  getTypeInputInfo(*pType, &typinput, &typioparam);
  return OidInputFunctionCall(typinput, pnstrdup(z, n), typioparam, typmod);
}

/* Compile zBody for pColl with the rules of pBase (may be NULL: none); a
** bad body raises the compiler's message. The compiler's memory (SQLite's
** allocator) is freed before any ereport, which does not return. */
void pg_compile(const CollectionDesc *pColl, const char *zBody, const QueryExtras *pBase, PgStatement *pOut) {
  CompileEnv env;
  QueryExtras extras;
  PrefectQuery query;
  char *zErr = 0;
  int rc, i;
  memset(&env, 0, sizeof(env));
  if (pBase) extras = *pBase;
  else memset(&extras, 0, sizeof(extras));
  extras.eDialect = DIALECT_POSTGRESQL;
  rc = filter_compile(&env, pColl, zBody, zBody ? (int)strlen(zBody) : 0, &extras, &query, &zErr);
  if (rc != SQLITE_OK) {
    char *zMsg = pstrdup(zErr ? zErr : "prefect: out of memory");
    sqlite3_free(zErr);
    ereport(ERROR, (errcode(rc == SQLITE_NOMEM ? ERRCODE_OUT_OF_MEMORY : ERRCODE_INVALID_PARAMETER_VALUE),
                    errmsg("%s", zMsg)));
  }
  pOut->zSql = pstrdup(query.zSql);
  pOut->iLimit = query.iLimit;
  pOut->iPage = query.iPage;
  pOut->nArg = query.nBind;
  pOut->aType = palloc(sizeof(Oid) * (query.nBind + 1));
  pOut->aValue = palloc(sizeof(Datum) * (query.nBind + 1));
  /* the compiler's values are copied before any input function can raise
  ** an error, so that nothing of SQLite's allocator is left behind */
  {
    char **azText = palloc(sizeof(char *) * (query.nBind + 1));
    int *anText = palloc(sizeof(int) * (query.nBind + 1));
    PlaceholderKind *aeKind = palloc(sizeof(PlaceholderKind) * (query.nBind + 1));
    for (i = 0; i < query.nBind; i++) {
      const Bind *pBind = &query.aBind[i];
      azText[i] = pBind->eType == BT_INT ? psprintf(INT64_FORMAT, (int64)pBind->i)
                                        : pnstrdup(pBind->z ? pBind->z : "", pBind->nz);
      anText[i] = (int)strlen(azText[i]);  /* the PostgreSQL dialect refuses text holding a NUL byte */
      aeKind[i] = pBind->eKind;
    }
    query_clear(&query);
    for (i = 0; i < pOut->nArg; i++) {
      pOut->aValue[i] = typed_value(prefect_dialects[DIALECT_POSTGRESQL].azType[aeKind[i]], azText[i], anText[i],
                                    &pOut->aType[i]);
    }
  }
}

PG_FUNCTION_INFO_V1(prefect_pg_collections);

/* prefect.collections() -> (name, table_name): every collection the
** compiler describes and the table whose rows it returns. */
Datum prefect_pg_collections(PG_FUNCTION_ARGS) {
  ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
  int i;
  InitMaterializedSRF(fcinfo, 0);
  for (i = 0; prefect_collections[i]; i++) {
    Datum aValue[2];
    bool aNull[2] = {false, false};
    aValue[0] = CStringGetTextDatum(prefect_collections[i]->zName);
    aValue[1] = CStringGetTextDatum(prefect_collections[i]->zTable);
    tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, aValue, aNull);
  }
  return (Datum)0;
}

PG_FUNCTION_INFO_V1(prefect_pg_filter_sql);

/* prefect.filter_sql(table, body) -> the statement, $N placeholders. */
Datum prefect_pg_filter_sql(PG_FUNCTION_ARGS) {
  PgStatement stmt;
  if (PG_ARGISNULL(0)) PG_RETURN_NULL();
  pg_compile(collection_named(text_to_cstring(PG_GETARG_TEXT_PP(0))), pg_body_text(fcinfo, 1), 0, &stmt);
  PG_RETURN_TEXT_P(cstring_to_text(stmt.zSql));
}

/* ---- plans kept per backend -------------------------------------------- */

/* A statement's plan, prepared once and kept (SPI_keepplan) for the
** backend's life: one body's statement differs from another's of the same
** shape by its bound values only (a list is one array parameter), so the
** text recurs, and parsing, analysing and (once PostgreSQL settles on a
** generic plan) planning it again at every call is what a call cost.
** Bounded: the least recently used is freed when a new one needs its
** slot, so memory stays flat however many shapes a session asks. */
#define PLAN_SLOTS 32
typedef struct KeptPlan {
  char *zSql;          /* NULL: a free slot; TopMemoryContext */
  int nArg;
  Oid aType[PG_PLAN_MAX_ARGS];
  int iOptions;        /* the cursor options it was prepared with */
  uint32 iHash;
  uint64 iUsed;        /* when it was last handed out (a counter) */
  SPIPlanPtr plan;
} KeptPlan;
static KeptPlan aKept[PLAN_SLOTS];
static uint64 nKeptUse;

SPIPlanPtr pg_kept_plan(const char *zSql, int nArg, const Oid *aType, int iOptions) {
  uint32 iHash = hash_bytes((const unsigned char *)zSql, (int)strlen(zSql));
  KeptPlan *pSlot = &aKept[0];
  SPIPlanPtr plan;
  int i;
  /* Planned for the values of each call, never once for any value: a
  ** generic plan cannot see how many rows a state, a tag or a deployment
  ** selects (nor a LIMIT), and PostgreSQL would take one after five calls
  ** whenever its estimate, made blind, looks no dearer; on the bench data
  ** that is a state filter at twice and a deployment filter at 4 to 13 times
  ** the time. What is kept is the parse and analysis; a statement without
  ** parameters has one plan. */
  if (nArg > 0) iOptions |= CURSOR_OPT_CUSTOM_PLAN;
  for (i = 0; i < PLAN_SLOTS; i++) {
    KeptPlan *p = &aKept[i];
    if (p->zSql && p->iHash == iHash && p->nArg == nArg && p->iOptions == iOptions && strcmp(p->zSql, zSql) == 0 &&
        (nArg == 0 || memcmp(p->aType, aType, sizeof(Oid) * nArg) == 0)) {
      p->iUsed = ++nKeptUse;
      return p->plan;
    }
    if (!p->zSql ? pSlot->zSql != 0 : (pSlot->zSql && p->iUsed < pSlot->iUsed)) pSlot = p;
  }
  /* a statement of more parameters than a slot holds is prepared for this call only */
  plan = SPI_prepare_cursor(zSql, nArg, (Oid *)aType, iOptions);
  if (!plan) elog(ERROR, "prefect: the statement did not prepare: %s", SPI_result_code_string(SPI_result));
  if (nArg > PG_PLAN_MAX_ARGS) return plan;
  /* the slot is emptied before it is filled: an error in between leaves it free, never half made */
  if (pSlot->zSql) {
    SPI_freeplan(pSlot->plan);
    pfree(pSlot->zSql);
    pSlot->zSql = 0;
  }
  if (SPI_keepplan(plan) != 0) elog(ERROR, "prefect: the statement's plan could not be kept");
  pSlot->zSql = MemoryContextStrdup(TopMemoryContext, zSql);
  pSlot->nArg = nArg;
  if (nArg) memcpy(pSlot->aType, aType, sizeof(Oid) * nArg);
  pSlot->iOptions = iOptions;
  pSlot->iHash = iHash;
  pSlot->iUsed = ++nKeptUse;
  pSlot->plan = plan;
  return plan;
}

int pg_execute(const char *zSql, int nArg, const Oid *aType, const Datum *aValue, long nMax) {
  return SPI_execute_plan(pg_kept_plan(zSql, nArg, aType, 0), (Datum *)aValue, NULL, true, nMax);
}

/* ---- a collection's rows ----------------------------------------------- */

/* Rows are fetched from the cursor this many at a time and handed out one
** per call: one SPI connection per batch, not per row, and at most one
** batch held (memory stays flat whatever the count). */
#define ROWS_BATCH 1000

/* A collection function's cursor, between calls. */
typedef struct RowsCursor {
  char *zPortal;           /* in the multi-call context */
  bool bOpen;
  bool bDone;              /* the cursor gave its last rows */
  TupleDesc desc;          /* the rows' descriptor, blessed (multi-call context) */
  MemoryContext batchCtx;  /* the batch's rows; reset for each batch */
  HeapTuple *aRow;         /* the batch, in batchCtx */
  uint64 nRow, iRow;
  ExprContext *econtext;   /* where rows_shutdown is registered, or NULL */
} RowsCursor;

/* The query around the function stopped early (a LIMIT): close the cursor
** now rather than at the end of the transaction. */
static void rows_shutdown(Datum arg) {
  RowsCursor *p = (RowsCursor *)DatumGetPointer(arg);
  if (p->bOpen) {
    Portal portal = SPI_cursor_find(p->zPortal);
    p->bOpen = false;
    if (portal) SPI_cursor_close(portal);
  }
}

/* The next batch of rows into p->aRow (none: the cursor is closed). */
static void rows_fetch(RowsCursor *p) {
  Portal portal;
  MemoryContext old;
  uint64 i;
  MemoryContextReset(p->batchCtx);
  p->nRow = p->iRow = 0;
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "prefect: SPI_connect failed");
  portal = SPI_cursor_find(p->zPortal);
  if (!portal) elog(ERROR, "prefect: cursor \"%s\" is gone", p->zPortal);
  SPI_cursor_fetch(portal, true, ROWS_BATCH);
  old = MemoryContextSwitchTo(p->batchCtx);
  p->aRow = palloc(sizeof(HeapTuple) * (SPI_processed + 1));
  for (i = 0; i < SPI_processed; i++) p->aRow[i] = heap_copytuple(SPI_tuptable->vals[i]);
  MemoryContextSwitchTo(old);
  p->nRow = SPI_processed;
  if (SPI_processed < ROWS_BATCH) {
    SPI_cursor_close(portal);
    p->bOpen = false;
    p->bDone = true;
  }
  SPI_freetuptable(SPI_tuptable);
  SPI_finish();
}

/* The statement of a collection function's call: its table's rows. */
static const CollectionDesc *rows_statement(FunctionCallInfo fcinfo, PgStatement *pStmt) {
  const CollectionDesc *pColl = collection_named(get_func_name(fcinfo->flinfo->fn_oid));
  QueryExtras rows;
  memset(&rows, 0, sizeof(rows));
  rows.bTableRows = 1;
  pg_compile(pColl, pg_body_text(fcinfo, 0), &rows, pStmt);
  return pColl;
}

/* In FROM, PostgreSQL's function scan collects every row a function
** returns in a tuplestore before it reads the first (and says it prefers
** to be handed that tuplestore): the statement runs to its end straight
** into the tuplestore, each row copied once, as the executor forms it,
** with no cursor and no call per row. Values stay as the table stores
** them (a TOASTed value is read where the query around uses it, as
** PL/pgSQL's RETURN QUERY leaves it). */
static void rows_materialize(FunctionCallInfo fcinfo) {
  ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
  PgStatement stmt;
  const CollectionDesc *pColl = rows_statement(fcinfo, &stmt);
  SPIExecuteOptions options;
  DestReceiver *pDest;
  ParamListInfo params = stmt.nArg ? makeParamList(stmt.nArg) : NULL;
  int i, rc;
  for (i = 0; i < stmt.nArg; i++) {
    params->params[i].value = stmt.aValue[i];
    params->params[i].isnull = false;
    params->params[i].pflags = PARAM_FLAG_CONST;
    params->params[i].ptype = stmt.aType[i];
  }
  InitMaterializedSRF(fcinfo, 0);
  pDest = CreateDestReceiver(DestTuplestore);
  SetTuplestoreDestReceiverParams(pDest, rsinfo->setResult, rsinfo->econtext->ecxt_per_query_memory, false,
                                  rsinfo->setDesc, "prefect: the statement's columns are not the table's row type");
  memset(&options, 0, sizeof(options));
  options.params = params;
  options.read_only = true;
  options.dest = pDest;
  if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "prefect: SPI_connect failed");
  /* parallel workers are the planner's choice, as for any statement run to its end */
  rc = SPI_execute_plan_extended(pg_kept_plan(stmt.zSql, stmt.nArg, stmt.aType, CURSOR_OPT_PARALLEL_OK), &options);
  if (rc != SPI_OK_SELECT) elog(ERROR, "prefect: the rows of %s did not run: %s", pColl->zName, SPI_result_code_string(rc));
  SPI_finish();
  pDest->rDestroy(pDest);
}

PG_FUNCTION_INFO_V1(prefect_pg_rows);

/* prefect.<collection>(body) -> SETOF the table's rows: materialized in
** FROM, value per call elsewhere (a SELECT list reads rows as they come,
** and a query that stops early closes the cursor). */
Datum prefect_pg_rows(PG_FUNCTION_ARGS) {
  FuncCallContext *funcctx;
  RowsCursor *pCursor;
  ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
  if (rsinfo && IsA(rsinfo, ReturnSetInfo) && (rsinfo->allowedModes & SFRM_Materialize) &&
      (rsinfo->allowedModes & SFRM_Materialize_Preferred)) {
    rows_materialize(fcinfo);
    return (Datum)0;
  }
  if (SRF_IS_FIRSTCALL()) {
    MemoryContext old;
    PgStatement stmt;
    const CollectionDesc *pColl;
    Portal portal;
    funcctx = SRF_FIRSTCALL_INIT();
    old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
    pColl = rows_statement(fcinfo, &stmt);
    pCursor = palloc0(sizeof(RowsCursor));
    if (get_call_result_type(fcinfo, NULL, &pCursor->desc) != TYPEFUNC_COMPOSITE) {
      elog(ERROR, "prefect: %s must return a table's rows", pColl->zName);
    }
    pCursor->desc = BlessTupleDesc(CreateTupleDescCopy(pCursor->desc));
    pCursor->batchCtx = AllocSetContextCreate(funcctx->multi_call_memory_ctx, "prefect rows", ALLOCSET_DEFAULT_SIZES);
    if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "prefect: SPI_connect failed");
    portal = SPI_cursor_open(NULL, pg_kept_plan(stmt.zSql, stmt.nArg, stmt.aType, CURSOR_OPT_NO_SCROLL), stmt.aValue,
                             NULL, true);
    /* the portal outlives this SPI connection: it is the transaction's */
    MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
    pCursor->zPortal = pstrdup(portal->name);
    pCursor->bOpen = true;
    SPI_finish();
    funcctx->user_fctx = pCursor;
    if (rsinfo && IsA(rsinfo, ReturnSetInfo) && rsinfo->econtext) {
      pCursor->econtext = rsinfo->econtext;
      RegisterExprContextCallback(rsinfo->econtext, rows_shutdown, PointerGetDatum(pCursor));
    }
    MemoryContextSwitchTo(old);
  }
  funcctx = SRF_PERCALL_SETUP();
  pCursor = (RowsCursor *)funcctx->user_fctx;
  if (pCursor->iRow >= pCursor->nRow && !pCursor->bDone) rows_fetch(pCursor);
  if (pCursor->iRow >= pCursor->nRow) {
    /* the cursor lives in the multi-call context, which SRF_RETURN_DONE
    ** frees: the callback must not outlive it (the context is shut down
    ** at the end of the query, long after) */
    if (pCursor->econtext) UnregisterExprContextCallback(pCursor->econtext, rows_shutdown, PointerGetDatum(pCursor));
    SRF_RETURN_DONE(funcctx);
  }
  /* a composite datum in the caller's per-call context */
  SRF_RETURN_NEXT(funcctx, heap_copy_tuple_as_datum(pCursor->aRow[pCursor->iRow++], pCursor->desc));
}
