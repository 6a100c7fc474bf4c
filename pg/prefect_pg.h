/*
** pg/prefect_pg.h: what the PostgreSQL extension's files share: a body
** compiled into one statement with its parameters, ready for SPI.
*/
#ifndef PREFECT_PG_H
#define PREFECT_PG_H

#include "postgres.h"
#include "executor/spi.h"
#include "fmgr.h"

/* PostgreSQL's parse tree has a Query of its own: the compiler's is
** named apart here only (a type name, so nothing changes in what links) */
#define Query PrefectQuery
#include "internal.h"
#undef Query

/* The statement and its parameters, palloc'd in the current context. */
typedef struct PgStatement {
  char *zSql;
  int nArg;
  Oid *aType;        /* each parameter's type, as its placeholder casts it (dialect.c) */
  Datum *aValue;
  int64 iLimit;      /* the limit and page the compiler read from the body (PrefectQuery's) */
  int64 iPage;
} PgStatement;

/* prefect_pg.c */
char *pg_body_text(FunctionCallInfo fcinfo, int iArg);
void pg_compile(const CollectionDesc *pColl, const char *zBody, const QueryExtras *pBase, PgStatement *pOut);

/* api_pg.c: the renderer of a response, json_build_object(...) over the
** row zAlias, and whether every field of a response has a PostgreSQL text */
#include "lib/stringinfo.h"
void render_object(StringInfo pSql, const ResponseDesc *pResp, const char *zAlias);
bool object_renderable(const ResponseDesc *pResp);

/* api_pg_kinds.c: prefect.api's history, lateness, aggregate, buckets and
** keyed routes. Whether the route is answered (else why not, in *pzWhy),
** and its answer (JSON text) appended to pOut, SPI connected; a bad body
** raises the SQLite side's error. */
bool pg_kind_renderable(const RouteDesc *pRoute, const char **pzWhy);
void pg_kind_answer(const RouteDesc *pRoute, const char *zBody, StringInfo pOut);

/* The plan of zSql with nArg parameters of the types aType, prepared with
** the cursor options iOptions (CURSOR_OPT_*) and kept for the backend's
** life among the last few used (SPI connected; do not free it). */
#define PG_PLAN_MAX_ARGS 32
SPIPlanPtr pg_kept_plan(const char *zSql, int nArg, const Oid *aType, int iOptions);
/* zSql run with nArg parameters (of the types aType, the values aValue, none
** NULL), its plan kept as above, reading at most nMax rows (0: all) into
** SPI_tuptable: SPI_execute_with_args() without parsing the text again at
** every call (SPI connected; its SPI_OK_* code). */
int pg_execute(const char *zSql, int nArg, const Oid *aType, const Datum *aValue, long nMax);

#endif
