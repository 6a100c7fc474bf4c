/*
** sqlite-prefect private interfaces, shared by the files of ext/ and by the
** unit tests. One section per source file, in the order a query travels:
**
**   body text --json_doc--> node tree --filter_compile--> SQL + binds
**             (strict JSON)             (walks describe.c; stats.c)
**   --vtab_collection--> rows streamed from one statement on Prefect's tables
**   (api.c renders the same statement's rows as the API's JSON)
**
** Every file but prefect.c uses SQLITE_EXTENSION_INIT3, so that the same
** sources build as a loadable extension and, with -DSQLITE_CORE, into a
** static SQLite.
*/
#ifndef PREFECT_INTERNAL_H
#define PREFECT_INTERNAL_H

#include "sqlite3ext.h"
#include <locale.h>
#include <stddef.h>

#ifndef PREFECT_VERSION
#define PREFECT_VERSION "0.0.0-dev"
#endif

/* The oldest SQLite we run on: sqlite3_vtab_in() and the LIMIT/OFFSET
** constraints of xBestIndex arrived in 3.38.0. */
#define PREFECT_MIN_SQLITE 3038000

/* ======================================================================
** describe.c: what Prefect's filter classes and collections look like.
** Pure data. A new collection is a new CollectionDesc, not new code.
** ====================================================================== */

/* The JSON type a leaf operator takes, and how the parser normalises it. */
typedef enum ValueKind {
  VAL_UUID_LIST,   /* [uuid]: canonical lowercase hyphenated text, bound as a JSON array */
  VAL_STR_LIST,    /* [str]: bound as a JSON array */
  VAL_STATE_LIST,  /* [StateType]: one of the nine upper-case names */
  VAL_WORKER_STATUS_LIST, /* [WorkerStatus]: ONLINE or OFFLINE */
  VAL_STR,         /* str */
  VAL_BOOL,        /* bool with pydantic's lax coercions; picks one of two SQL texts */
  VAL_DATETIME,    /* datetime, bound as UTC 'YYYY-MM-DD HH:MM:SS.ffffff' */
  VAL_INT,         /* int with pydantic's lax coercions, bound as an integer */
  VAL_TEXT_QUERY   /* str of at most 200 characters in Prefect's text-search syntax
                   ** (text_search.c): one bound, lowered term per '?' of the
                   ** template, the terms' criteria spliced into the parent */
} ValueKind;

/* When a present, non-null value contributes no criterion. */
typedef enum SkipRule {
  SKIP_NULL_ONLY,  /* only JSON null is skipped (any_: [] is a real FALSE criterion) */
  SKIP_EMPTY,      /* [] and "" are skipped too (not_any_, all_, like_) */
  SKIP_EMPTY_VOID, /* [] is an empty OR group that vanishes everywhere (startswith_) */
  SKIP_ALWAYS      /* validated, never applied (deprecated concurrency_limit) */
} SkipRule;

/* How the value is bound to the `?` of the SQL template. */
typedef enum BindRule {
  BIND_VALUE,      /* as it is: list as JSON text, string as text */
  BIND_CONTAINS,   /* '%' || value || '%' (like_: Prefect does not escape % and _) */
  BIND_NOTHING     /* booleans: the value chose the SQL text */
} BindRule;

typedef enum ClassRule {
  RULE_NORMAL,        /* criteria combined with AND, or OR under "operator": "or_" */
  RULE_STATE,         /* FlowRunFilterState/TaskRunFilterState: a child object is kept
                      ** only when it yields exactly one comparison */
  RULE_IGNORED,       /* validated and then ignored entirely (concurrency_limit) */
  RULE_TASK_FLOW_RUN, /* TaskRunFilterFlowRunId: is_null_ defaults to false */
  RULE_TEXT_SEARCH    /* LogFilterTextSearch: "query" is required; its criteria
                      ** (included terms ORed, each excluded term negated, each
                      ** required term) join the parent's list, under the parent's
                      ** operator, and an empty query adds none (not even TRUE) */
} ClassRule;

typedef struct ClassDesc ClassDesc;

/*
** One key of a filter object: either a nested filter object (pClass) or a
** leaf operator. SQL templates use three placeholders, expanded by
** filter_compile.c: '@' the alias of the row being filtered, '?' this
** operator's bound value, '#' a number unique within the statement (for the
** aliases of subqueries). Templates contain no other '@', '?' or '#'.
*/
/* How narrow a leaf's criterion can be, for choosing the shape of related
** filters (filter_compile.c): a list on a unique column picks a handful of
** rows; on another indexed column sqlite_stat1 says how many per value. */
typedef enum Narrowness {
  NARROW_NO,        /* unknown or broad (state type, tags, a LIKE): assume most rows */
  NARROW_UNIQUE,    /* one row per value */
  NARROW_INDEXED    /* an index on zStatCol; rows per value from sqlite_stat1 */
} Narrowness;

typedef struct MemberDesc {
  const char *zKey;          /* JSON key: "any_", "state", ... */
  const ClassDesc *pClass;   /* nested filter object, or NULL for a leaf */
  ValueKind eValue;          /* leaf only */
  SkipRule eSkip;            /* leaf only */
  BindRule eBind;            /* leaf only */
  const char *zSql;          /* leaf: template; for VAL_BOOL the `true` case */
  const char *zSqlFalse;     /* VAL_BOOL only: the `false` case */
  Narrowness eNarrow;        /* list leaves only */
  const char *zStatCol;      /* NARROW_INDEXED: the column, as sqlite_stat1 knows it */
  const char *zPgSql;        /* leaf: the template on PostgreSQL (dialect.c), NULL: zSql as it is */
  const char *zPgSqlFalse;   /* VAL_BOOL: the `false` case on PostgreSQL, NULL: zSqlFalse */
  const char *zSqlKnown;     /* list leaves, optional: the template for a list known
                             ** when compiling (non-empty, no NUL byte), in place of
                             ** zSql: its "IN (SELECT value FROM json_each(?))"
                             ** becomes "IN (?1, ?2, ...)"; without one it is the
                             ** test of one element, ANDed once per element. SQLite
                             ** runs bound values faster than a json_each join. */
} MemberDesc;

struct ClassDesc {
  const char *zName;          /* Prefect's class name, for documentation */
  int bOperator;              /* accepts "operator": "and_" | "or_" */
  ClassRule eRule;
  const MemberDesc *aMember;  /* terminated by an entry whose zKey is NULL */
};

/*
** One table inside a related filter's subquery (IN or EXISTS). Tables with
** the same iGroup share one subquery and must be satisfied by the same
** related rows. A table is in the subquery when its body key is present
** (even as {}) or when a table that hangs off it is.
*/
typedef struct RelationDesc {
  const char *zKey;           /* body key that filters this table, or NULL */
  const ClassDesc *pFilter;   /* the filter class for zKey */
  const char *zTable;         /* Prefect's table */
  const char *zAlias;         /* alias prefix in generated SQL */
  int iGroup;                 /* which EXISTS */
  int iParent;                /* index of the table it joins to, -1 = the primary row */
  const char *zChildCol;      /* link: this.zChildCol = parent.zParentCol */
  const char *zParentCol;
} RelationDesc;

/* How Prefect's indexes cover a column: what xBestIndex tells the planner. */
typedef enum IndexKind {
  IDX_NONE,                   /* no index leads with it: a scan */
  IDX_MULTI,                  /* an index leads with it */
  IDX_UNIQUE                  /* a unique index: at most one row per value */
} IndexKind;

typedef struct ColumnDesc {
  const char *zName;          /* column of the virtual table */
  const char *zType;          /* declared type, as Prefect declares it (affinity!) */
  const char *zExpr;          /* SQL over the primary alias '@' */
  IndexKind eIndex;
} ColumnDesc;

typedef struct SortDesc {
  const char *zName;          /* enum value, e.g. "CREATED_DESC" */
  const char *zOrderBy;       /* ORDER BY text over '@' */
  int bIndexed;               /* an index delivers this order without sorting */
} SortDesc;

typedef struct CollectionDesc {
  const char *zName;          /* virtual table name: "artifacts" */
  const char *zTable;         /* primary table: "artifact" */
  const char *zAlias;         /* its alias in generated SQL */
  const char *zFilterKey;     /* body key of the primary filter: "artifacts" */
  const ClassDesc *pFilter;   /* ArtifactFilter */
  const ColumnDesc *aCol;     /* terminated by zName == NULL */
  const SortDesc *aSort;      /* aSort[0] is the endpoint's default */
  const RelationDesc *aRel;   /* terminated by zTable == NULL */
  int bPage;                  /* takes "page" too (/flows/paginate) */
  int bWritable;              /* INSERT/UPDATE/DELETE through artifact_write.c */
  int bNoSortKey;             /* the route takes no "sort": aSort[0] is its fixed order */
} CollectionDesc;

extern const CollectionDesc prefect_artifacts;
extern const CollectionDesc prefect_artifact_collections;
extern const CollectionDesc prefect_flows;
extern const CollectionDesc prefect_flow_runs;
extern const CollectionDesc prefect_task_runs;
/* the same rows, with the related filters of Prefect's UI routes
** (/ui/flow_runs/history; /ui/task_runs/dashboard/counts) */
extern const CollectionDesc prefect_ui_flow_runs;
extern const CollectionDesc prefect_ui_task_runs;
extern const CollectionDesc prefect_deployments;
extern const CollectionDesc prefect_logs;
extern const CollectionDesc prefect_variables;
extern const CollectionDesc prefect_work_pools;
extern const CollectionDesc prefect_work_queues;
extern const CollectionDesc *const prefect_collections[]; /* NULL-terminated */
/* Collections that feed a route only (no table): a pool's queues by
** priority, a pool's workers by last heartbeat */
extern const CollectionDesc prefect_pool_work_queues;
extern const CollectionDesc prefect_workers;

int describe_column_count(const CollectionDesc *pColl);
/* The bits of QueryExtras.mColumns for the columns named in azName
** (NULL-terminated), for a route that reads only those. */
sqlite3_uint64 describe_column_mask(const CollectionDesc *pColl, const char *const *azName);

/* Since when a table or column of Prefect's exists: the first release
** whose SQLite migrations make it. zColumn NULL: the table itself; a
** column not listed came with its table. */
typedef struct SchemaSince {
  const char *zTable;
  const char *zColumn;
  const char *zVersion;       /* "2.16.4" */
} SchemaSince;
extern const SchemaSince prefect_schema_since[];  /* terminated by zTable == NULL */

/* ======================================================================
** responses.c: Prefect's response models and the routes prefect_api()
** answers, as data. api.c has one renderer for every response and one
** router for every route.
** ====================================================================== */

/* How a field's SQL value becomes its JSON. */
typedef enum RenderKind {
  RENDER_VALUE,       /* as it is: text, integer, NULL (and JSON that SQLite's functions made) */
  RENDER_JSON,        /* stored JSON text, as JSON */
  RENDER_TIME,        /* a stored timestamp: ISO 8601 in UTC with 'Z', the fraction only when not zero */
  RENDER_BOOL,        /* a stored 0/1: false/true */
  RENDER_DOC_BOOL,    /* the member zKey of the object's document: true/false/null, absent: zDefault */
  RENDER_INTERVAL,    /* a stored interval (the epoch plus the interval): float seconds */
  RENDER_MICROS,      /* an integer count of microseconds: float seconds, as pydantic writes a timedelta */
  RENDER_FLOAT,       /* a number as a Python float (to the microsecond); NULL: null */
  RENDER_CUT_VALUES,  /* a JSON object whose text values are cut at 500 characters (+ "...") */
  RENDER_OBJECT,      /* a nested object, pSub, over this row or over the row zExpr selects */
  RENDER_LIST         /* a list of pSub objects, one per row zExpr selects (empty: []) */
} RenderKind;

typedef struct ResponseDesc ResponseDesc;

/*
** One field of a response, in the model's order. zExpr is SQL over the
** row being rendered, '@' standing for its alias (templates hold no other
** '@'). NULL means the field's own value: the member zKey of the object's
** document when it has one (zDoc), else the column named zKey. For
** RENDER_OBJECT and RENDER_LIST, zExpr is the FROM clause that selects the
** nested rows ('@' the outer row; pSub->zAlias names the nested one), or
** NULL for an object over the same row.
*/
typedef struct FieldDesc {
  const char *zKey;            /* the JSON key */
  RenderKind eRender;
  const char *zExpr;           /* see above */
  const char *zDefault;        /* RENDER_DOC_BOOL: 'true', 'false' or 'null' when absent */
  const ResponseDesc *pSub;    /* RENDER_OBJECT, RENDER_LIST */
  const char *zTable;          /* a table the field reads that a schema may lack: without it the
                               ** field is its empty value ([] for a list, else null) */
} FieldDesc;

struct ResponseDesc {
  const char *zName;           /* Prefect's model, for documentation */
  const char *zAlias;          /* the alias of its rows in the SQL ('@' in its fields) */
  const char *zDoc;            /* the JSON document its fields read by default (over '@'), or NULL */
  const char *zWhen;           /* the object applies only where this holds... */
  const ResponseDesc *pElse;   /* ...else this one is tried... */
  const char *zElse;           /* ...else this SQL value (NULL: null) */
  const FieldDesc *aField;     /* terminated by zKey == NULL */
};

/*
** The PostgreSQL text of a response's SQL, beside SQLite's (PostgreSQL's
** prefect.api, pg/api_pg.c), '@' alike: of its field zKey's zExpr (for a
** nested object or list, the FROM clause of its related rows), of its zDoc
** (the document, as jsonb), of its zWhen or of its zElse; or of a route's
** zScope (pResp NULL, zKey SQLite's text of the scope; $1 the path
** parameter, its one column the parent's key as text). SQL without its
** entry here is answered on SQLite only.
*/
typedef enum PgTextOf { PG_FIELD, PG_DOC, PG_WHEN, PG_ELSE, PG_SCOPE } PgTextOf;
typedef struct PgText {
  const ResponseDesc *pResp;
  PgTextOf eOf;
  const char *zKey;  /* PG_FIELD: the field's key; PG_SCOPE: the route's zScope */
  const char *zPgSql;
} PgText;
extern const PgText prefect_pg_texts[];  /* responses.c; ends with zPgSql == NULL */

typedef enum RouteKind {
  ROUTE_NONE,        /* a route of Prefect's that prefect_api() does not answer */
  ROUTE_LIST,        /* POST .../filter: a JSON array of objects */
  ROUTE_COUNT,       /* POST .../count: a bare integer */
  ROUTE_PAGINATE,    /* POST .../paginate: {results, count, limit, pages, page} */
  ROUTE_HISTORY,     /* POST /flow_runs/history, /task_runs/history (history.c) */
  ROUTE_LATENESS,    /* POST /flow_runs/lateness: the average lateness in seconds, or null */
  ROUTE_GET,         /* GET .../{param}: the one object the parameter selects, or NULL (404) */
  ROUTE_AGGREGATE,   /* one object whose fields are aggregates over every matching row */
  ROUTE_BUCKETS,     /* a list of nBucket objects of aggregates, the rows bucketed by time */
  ROUTE_KEYED        /* POST /ui/...: an object with one member per id of the body's list zLookup,
                     ** in the list's order: the value zSql gives that id, else zDefault */
} RouteKind;

/*
** A route's own body rules, beyond its collection's. For ROUTE_LIST: the
** sort when none is asked for and the limit's default and bound. For
** ROUTE_BUCKETS (POST /ui/task_runs/dashboard/counts): the primary filter's
** datetime member whose after_ (required) and before_ (else "now") make
** the window, cut into nBucket equal buckets by the row's column of that
** name, and a member of the primary filter the route replaces after
** validating the body (zForced: its new value, a filter object).
*/
typedef struct RouteBody {
  const char *zDefaultSort;
  sqlite3_int64 iMaxLimit;
  int bNegativeLimit;
  const char *zWindow;
  int nBucket;
  const char *zForcedMember;
  const char *zForced;
} RouteBody;

/*
** A route as Prefect's router declares it: the method and the path with
** Starlette's parameters ("{id:uuid}": the uuid converter; "{name}": one
** non-empty segment). Routes of one router are in Prefect's order: the
** first that matches wins, as in Starlette.
*/
typedef struct RouteDesc {
  const char *zMethod;
  const char *zPath;
  RouteKind eKind;
  const CollectionDesc *pColl;     /* the collection whose statement feeds it */
  const ResponseDesc *pResponse;   /* ROUTE_LIST, ROUTE_PAGINATE, ROUTE_GET */
  const char *zLookup;             /* ROUTE_GET: the filter field the last parameter selects by, as a
                                   ** body's path ("artifacts.id"): {"artifacts": {"id": {"any_": [p]}}};
                                   ** ROUTE_KEYED: the body's list of ids ("flow_ids") */
  const RouteBody *pBody;          /* the route's own body rules, or NULL */
  const char *zScope;              /* a route below a parent row (/work_pools/{name}/...): SQL giving the
                                   ** parent's key from the first path parameter (?1); no row: 404 */
  const char *zScopeCol;           /* ...and the collection's column that must equal it */
  const char *zSql;                /* ROUTE_KEYED: the statement, ?1 the ids as a JSON array; its rows'
                                   ** column "key" is an id, the value is pResponse rendered over the
                                   ** row (alias q), or else its column "value"; the last row of an id wins */
  const char *zDefault;            /* ROUTE_KEYED: the JSON value of an id without a row */
} RouteDesc;

extern const RouteDesc prefect_routes[];   /* terminated by zPath == NULL */
/* The PostgreSQL text of a route's own statement (ROUTE_KEYED's zSql),
** beside SQLite's, by the route's path: $1 the ids as uuid[]. A keyed
** route without one is answered on SQLite only. */
typedef struct PgRouteText {
  const char *zPath;
  const char *zPgSql;
} PgRouteText;
extern const PgRouteText prefect_pg_route_texts[];  /* responses.c; ends with zPath == NULL */
/* The prefixes of the routers prefect_routes describes whole ("/flows/"):
** a path below one that no route matches is Prefect's 404. */
extern const char *const prefect_route_prefixes[];

/* ======================================================================
** json_doc.c: body text -> a tree of JSON nodes (strict JSON, checked and
** built in one pass), plus the JSON path kept for error messages.
** ====================================================================== */

typedef enum JsonType {
  JT_NULL, JT_TRUE, JT_FALSE, JT_INT, JT_REAL, JT_TEXT, JT_ARRAY, JT_OBJECT
} JsonType;

typedef struct JsonNode {
  JsonType eType;
  const char *zKey;      /* member name when the parent is an object (in the doc's arena) */
  int nKey;
  const char *zText;     /* JT_TEXT: the unescaped string; JT_INT/JT_REAL: the number as text */
  int nText;
  sqlite3_int64 iVal;    /* JT_INT */
  double rVal;           /* JT_INT and JT_REAL */
  int iFirst;            /* first child, or -1 */
  int iNext;             /* next sibling, or -1 */
  int nChild;
} JsonNode;

typedef struct JsonDoc {
  JsonNode *aNode;       /* owned; aNode[0] is the root */
  int nNode;
  char *zArena;          /* owned; all zKey/zText point into it */
} JsonDoc;

/* The connection whose sqlite_stat1 the compiler reads (CompileEnv's
** parser); json_parser_close() has nothing to release. */
typedef struct JsonParser {
  sqlite3 *db;           /* borrowed */
} JsonParser;

/* Far deeper than any Prefect body (5 levels). */
#define JSON_MAX_NESTING 512
/* 0 if zText is strict RFC 8259 JSON in valid UTF-8, else the 1-based byte
** position of the first problem (*pbTooDeep: the nesting limit). */
int json_text_check(const char *zText, int nText, int *pbTooDeep);
/* 1 if z (n bytes) is valid UTF-8: no overlong forms, surrogates or values above U+10FFFF. */
int json_utf8_valid(const unsigned char *z, int n);
/* The value of the hex digit c (either case), or -1. */
int json_hex_digit(unsigned char c);

void json_parser_init(JsonParser *p, sqlite3 *db);
void json_parser_close(JsonParser *p);
/* Parse zText (nText bytes). On error returns SQLITE_ERROR with *pzErr set
** (sqlite3_malloc'd, "prefect: body: ..."), or another SQLite error code. */
int json_doc_parse(const char *zText, int nText, JsonDoc *pDoc, char **pzErr);
void json_doc_free(JsonDoc *pDoc);
/* Index of the last member named zKey of object iObj, or -1. Python's
** json.loads keeps the last of duplicate keys; so do we. */
int json_doc_member(const JsonDoc *pDoc, int iObj, const char *zKey);
/* Append a short JSON rendering of node i (long values are cut with "..."). */
void json_doc_render(const JsonDoc *pDoc, int i, sqlite3_str *pOut);
/* Append node i as compact JSON, whole (json_doc_render shortens). */
void json_doc_write(const JsonDoc *pDoc, int i, sqlite3_str *pOut);
/* Append z (n bytes of UTF-8) as a JSON string literal: the one string
** escaper. '"' and '\\' are escaped, and control characters as \b \t \n
** \f \r or \u00XX, as SQLite's json() and Python's json.dumps write them.
** Flags: */
#define JSON_STRING_ASCII 0x01  /* ensure_ascii (json.dumps' default): everything outside
                                ** ' '..'~' as \uXXXX, a surrogate pair above U+FFFF */
#define JSON_STRING_CUT   0x02  /* z was cut short: "..." before the closing quote */
void json_write_string(sqlite3_str *pOut, const char *z, int n, unsigned int mFlags);

/* Numbers as text, whatever LC_NUMERIC the host set with setlocale(): C's
** strtod and printf follow it (a decimal comma reads "2.5" as 2). Every
** number read from text goes through json_strtod(); json_python_float()
** writes them; both switch the calling thread alone to the "C" locale
** (uselocale), so the host's setting is left alone. SQLite's own
** conversions (CAST, printf(), json_extract) never follow the locale. */
typedef struct JsonCLocale {
  locale_t c, old;
} JsonCLocale;
int json_c_locale_enter(JsonCLocale *p);  /* 0: no memory */
void json_c_locale_leave(JsonCLocale *p);
/* strtod(z, 0) in the "C" locale; z is NUL-terminated number text in C's
** syntax (JSON numbers are). ±HUGE_VAL beyond a double's range, as strtod.
** SQLITE_OK or SQLITE_NOMEM. */
int json_strtod(const char *z, double *pr);

/* The JSON path of the node being examined: "flow_runs.state.type.any_[2]". */
#define JSON_PATH_MAX 64
typedef struct JsonPath {
  int n;
  struct { const char *z; int nz; int iIndex; } a[JSON_PATH_MAX]; /* z==NULL: array index */
} JsonPath;
void json_path_push_key(JsonPath *p, const char *z, int nz);
void json_path_push_index(JsonPath *p, int iIndex);
void json_path_pop(JsonPath *p);
void json_path_render(const JsonPath *p, sqlite3_str *pOut);

/* ======================================================================
** filter_values.c: Prefect's value rules, each reader checks one JSON node
** and returns the normalised value or an error message (without the path).
** ====================================================================== */

/* The values of Prefect's StateType and WorkerStatus, as the messages and
** the field reference (vtab_fields.c) list them. */
#define VALUE_STATE_TYPES "SCHEDULED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, CRASHED, PAUSED or CANCELLING"
#define VALUE_WORKER_STATUSES "ONLINE or OFFLINE"
/* Each returns SQLITE_OK; or SQLITE_ERROR with *pzMsg, a sqlite3_malloc'd
** "expected ..., got ..."; or SQLITE_NOMEM (*pzMsg NULL). Only the return
** value says whether the value is valid. */
int value_read_bool(const JsonDoc *pDoc, int i, int *pbOut, char **pzMsg);
int value_read_int(const JsonDoc *pDoc, int i, sqlite3_int64 *piOut, char **pzMsg);
int value_read_uuid(const JsonDoc *pDoc, int i, char zOut[37], char **pzMsg);
int value_read_datetime(const JsonDoc *pDoc, int i, char zOut[27], char **pzMsg);
int value_read_state_type(const JsonDoc *pDoc, int i, char **pzMsg);
int value_read_worker_status(const JsonDoc *pDoc, int i, char **pzMsg);
/* "expected <zWhat>, got <node i>", sqlite3_malloc'd; NULL: no memory. */
char *value_expected(const JsonDoc *pDoc, int i, const char *zWhat);
/* The same rules for SQL values (written columns, function arguments). */
void value_describe_sql(sqlite3_str *pOut, sqlite3_value *pVal);  /* NULL, 42, 'text', ... */
/* SQLITE_OK, SQLITE_ERROR with *pzWhy = "expected a UUID, got ...", or SQLITE_NOMEM */
int value_read_sql_uuid(sqlite3_value *pVal, char zOut[37], char **pzWhy);
/* Exposed for unit tests: parse a datetime string, render UTC. 0 = ok. */
int value_parse_datetime_text(const char *z, int n, char zOut[27]);
int value_parse_uuid_text(const char *z, int n, char zOut[37]);

/* ======================================================================
** dialect.c: what the SQL of one parse and one compile looks like on each
** database, as data. Templates of describe.c are SQLite's; a leaf whose
** text differs on PostgreSQL carries its own (MemberDesc.zPgSql), in which
** "??" is a literal '?' (jsonb's ?& and ?|).
** ====================================================================== */

typedef enum Dialect {
  DIALECT_SQLITE,        /* the default: a zeroed QueryExtras is SQLite's */
  DIALECT_POSTGRESQL,    /* Prefect's PostgreSQL schema (uuid, timestamptz, jsonb, enums) */
  DIALECT_COUNT
} Dialect;

/* What a bound value is used as: each dialect writes its placeholder. */
typedef enum PlaceholderKind {
  PARAM_TEXT,            /* a string */
  PARAM_INT,             /* an integer (a limit, a log level) */
  PARAM_LIST,            /* a list of strings, bound as one text: a JSON array, or an array literal */
  PARAM_UUID_LIST,       /* ...of UUIDs */
  PARAM_STATE_LIST,      /* ...of state types */
  PARAM_WORKER_STATUS_LIST, /* ...of worker statuses */
  PARAM_TIME,            /* a UTC timestamp as 'YYYY-MM-DD HH:MM:SS.ffffff' */
  PARAM_UUID,            /* one UUID (a column constraint on a CHAR(36) column) */
  PARAM_COUNT
} PlaceholderKind;

typedef struct DialectDesc {
  const char *zName;                /* as prefect_filter_sql() takes it: "sqlite", "postgresql" */
  const char *azParam[PARAM_COUNT]; /* the placeholder of parameter %d (1-based) used as each kind */
  const char *azType[PARAM_COUNT];  /* the type each kind's value has there, or NULL: bind it as text */
  int bRowid;                       /* rows have a rowid the statement selects (prefect_rowid) */
  int bStatsShape;                  /* sqlite_stat1 may choose a related filter's shape */
  int bNulInText;                   /* text can hold a NUL byte */
  int bNegativeLimit;               /* LIMIT -1 is "no limit" (else an offset alone has no LIMIT) */
  int bArrayLiteral;                /* a list is bound as an array literal {"a","b"} (else a JSON array) */
} DialectDesc;

extern const DialectDesc prefect_dialects[DIALECT_COUNT];
/* The dialect named z (case-insensitive), or -1. */
int dialect_by_name(const char *z);

/* ======================================================================
** filter_compile.c: a body (or no body) -> one SQL statement + binds.
** ====================================================================== */

/* Where a bound value comes from. Values from the body are kept in the
** Query; values from the SQL around the table are taken from xFilter's
** argv at every run, so one compiled Query serves every run of a plan. */
typedef enum BindType {
  BT_TEXT,       /* z, nz bytes (may hold NUL bytes) */
  BT_INT,        /* i */
  BT_VALUE,      /* pValue, borrowed for one run (prefect_filter()'s row id) */
  BT_ARG_VALUE,  /* argv[iArg] as it is (a column constraint) */
  BT_ARG_INT,    /* argv[iArg] as an integer (SQL LIMIT / OFFSET) */
  BT_ARG_LIST    /* argv[iArg], an IN list (sqlite3_vtab_in): bound by the
                 ** table module as one JSON array, not by query_bind() */
} BindType;
typedef struct Bind {
  BindType eType;
  char *z;               /* BT_TEXT: owned */
  int nz;
  sqlite3_int64 i;       /* BT_INT */
  sqlite3_value *pValue; /* BT_VALUE */
  int iArg;              /* BT_ARG_*: the argv slot */
  PlaceholderKind eKind; /* what the statement uses it as (its type, in DialectDesc.azType) */
} Bind;

typedef struct Query {
  char *zSql;            /* owned: text depends on the body's shape only */
  Bind *aBind;           /* owned: aBind[k] binds ?(k+1) */
  int nBind;
  int nBindAlloc;
  int bLimit;            /* the body set a limit or an offset */
  sqlite3_int64 iLimit;  /* the body's limit as applied (the API's default included), -1: none */
  sqlite3_int64 iPage;   /* the body's page (/flows/paginate), 1 when it has none */
  unsigned int iStatsGeneration;  /* the Stats.iGeneration it was compiled with */
  int bStatsShape;       /* sqlite_stat1 chose its shape (a related filter under an ordered LIMIT):
                         ** only such a query can go stale, see stats_query_current() */
  sqlite3_uint64 mOut;   /* the collection's columns the statement selects (bit i: column i; a
                         ** collection has fewer than 63), in column order, then prefect_rowid */
} Query;

/* Where column iCol of the collection is in pQuery's rows, or -1 when the
** statement does not select it; where its prefect_rowid is. */
int query_column_index(const Query *pQuery, int iCol);
int query_rowid_index(const Query *pQuery);

/* SQL operators that xBestIndex pushes into the inner statement. The names
** are also the operator part of idxStr entries ("key =", "created >="). */
typedef enum ColumnOp {
  COP_EQ, COP_GT, COP_LE, COP_LT, COP_GE, COP_NE, COP_IS, COP_ISNOT,
  COP_ISNULL, COP_NOTNULL, COP_LIKE, COP_GLOB, COP_IN, COP_COUNT
} ColumnOp;
extern const char *const column_op_names[COP_COUNT];

typedef struct ColumnConstraint {
  int iCol;                  /* column of the collection */
  ColumnOp eOp;
  int iArg;                  /* argv slot of the right-hand side, or -1: pValue */
  sqlite3_value *pValue;     /* when iArg < 0: the right-hand side, borrowed */
  const char *zText;         /* when iArg < 0 and pValue is NULL: the right-hand side as text,
                             ** borrowed (PostgreSQL's path parameters: no sqlite3_value is made) */
  int nText;
  const char *zColl;         /* borrowed: the comparison's collation, a plain
                             ** identifier; NULL: the column's own (BINARY) */
  int nColl;
} ColumnConstraint;

typedef struct OrderTerm {
  int iCol;
  int bDesc;
} OrderTerm;

/* What the SQL around a virtual table adds to its body: prefect_filter()
** documents, column constraints, ORDER BY, LIMIT and OFFSET. All borrowed. */
typedef struct QueryExtras {
  const char *const *azFilter;  /* prefect_filter() documents, ANDed */
  const int *anFilter;
  int nFilter;
  const ColumnConstraint *aCons;
  int nCons;
  const OrderTerm *aOrder;      /* replaces the body's sort when nOrder > 0 */
  int nOrder;
  int bLimit, bOffset;          /* SQL LIMIT / OFFSET pushed down... */
  int iLimitArg, iOffsetArg;    /* ...their argv slots */
  int bSomeColumns;             /* only the columns in mColumns are read... */
  sqlite3_uint64 mColumns;      /* ...bit i for column i (all from 63 on) */
  int bApiLimits;               /* prefect_api(): limit defaults to 200 and may not exceed it */
  int bIgnorePaging;            /* prefect_api() counts: sort/limit/offset/page are ignored */
  int bIgnoreOffset;            /* prefect_api() /flows/paginate: offset is not its parameter */
  int bCount;                   /* the statement is SELECT count(*): no columns, no order */
  int bGroupCount;              /* the statement selects the columns in mColumns and, last, how many
                                ** rows hold them: one row per distinct combination (compared as
                                ** BINARY, NULLs equal), in the order of aOrder; the rows' own
                                ** order, SQL's LIMIT and OFFSET are not taken (a virtual table
                                ** hands each such row out that many times, see vtab_collection.c) */
  int bPage;                    /* prefect_api() paginate routes: "page" is read, as on flows */
  int bNoPaging;                /* history, lateness: the route has no sort/limit/offset/page */
  const char *zDefaultSort;     /* the route's sort when the body has none (NULL: aSort[0]) */
  sqlite3_int64 iMaxLimit;      /* with bApiLimits: the route's default and largest limit, which
                                ** pydantic checks (le=): 0 is the API's LimitBody, 200 */
  int bNegativeLimit;           /* limit has no lower bound (a negative one is SQLite's "all") */
  const char *const *azOwnKeys; /* top-level keys the route reads itself (NULL-terminated):
                                ** accepted and left alone (history_start, ...) */
  const char *zQueueKey;        /* the route's name for work_pool_queues ("work_queues"), or NULL */
  int bConsInBody;              /* aCons are the route's own (a path parameter's): they join the
                                ** body's criteria, before its limit and offset */
  Dialect eDialect;             /* the database the SQL is for (DIALECT_SQLITE when zeroed); what
                                ** the SQL around a virtual table adds (prefect_filter() documents
                                ** aside) is written for SQLite only, but for a route's parent row
                                ** (an "=" in aCons, its value pValue or zText) */
  int bTableRows;               /* the statement selects the table's own rows (alias.*), not the
                                ** collection's columns: a PostgreSQL function returns them as the
                                ** table's row type */
  int bIgnoreUnknownKeys;       /* prefect_api(): a top-level key the route does not take is ignored,
                                ** whatever it holds, as FastAPI ignores it ("page" is then read only
                                ** with bPage); the tables leave it 0 and refuse such a key */
} QueryExtras;

/* What sqlite_stat1 says about the leading columns of Prefect's indexes. */
#define STATS_MAX 128
#define STATS_MAX_SIZES 16
typedef struct Stats {
  int bLoaded;
  unsigned int iGeneration;   /* moves each time the statistics read change */
  unsigned int iDataVersion;  /* the main database's SQLITE_FCNTL_DATA_VERSION when checked */
  sqlite3_uint64 iHash;       /* of sqlite_stat1's rows when read */
  int n;
  struct {
    char zTable[32];
    char zColumn[32];
    double rRows;            /* rows in the table */
    double rPerValue;        /* average rows per value of the column */
  } a[STATS_MAX];
  int nSize;                 /* tables sized without sqlite_stat1 (stats_table_rows) */
  struct {
    char zTable[32];
    sqlite3_int64 nRows;     /* its largest rowid when read, -1: unreadable */
    int iClass;              /* nRows's power of two: a change of class moves iGeneration */
  } aSize[STATS_MAX_SIZES];
} Stats;

/* Load sqlite_stat1 (nothing when the database has none). SQLITE_OK, or
** the error of reading it (SQLITE_NOMEM): then nothing is loaded and the
** next call tries again. */
int stats_load(sqlite3 *db, Stats *pStats);
/* Load it the first time; later, read it again only if the database
** changed since (one file-control call when it did not), and move
** iGeneration when what it says changed. SQLITE_OK, or the error of
** reading it, which the caller must report: SQLite has rolled the
** transaction back when the read ran out of memory. */
int stats_refresh(sqlite3 *db, Stats *pStats);
/* Fraction of zTable's rows with one given value in zColumn, or a negative
** number when the statistics do not say. */
double stats_fraction(const Stats *pStats, const char *zTable, const char *zColumn);
/* Rows in zTable: sqlite_stat1's count, else its largest rowid (exact for a
** table rows are only added to; an overestimate after deletes), read once
** and again whenever the database changed, iGeneration moving when the
** count crosses a power of two. *pRows: a negative number when not known.
** SQLITE_OK, or the error of the read (out of memory), to be reported. */
int stats_table_rows(sqlite3 *db, Stats *pStats, const char *zTable, double *pRows);

typedef struct Clock Clock;

/* stmt_cache.c: prepared statements kept per connection, keyed by their
** SQL text; each lent to one user at a time. */
#define STMT_CACHE_SIZE 16
typedef struct CachedStmt {
  char *zSql;               /* owned; NULL for an empty slot */
  sqlite3_stmt *pStmt;      /* owned */
  int bInUse;               /* lent right now */
  sqlite3_uint64 iLastUse;  /* for least-recently-used eviction */
} CachedStmt;
typedef struct StmtCache {
  CachedStmt aEntry[STMT_CACHE_SIZE];
  sqlite3_uint64 iClock;
} StmtCache;
/* Lend *ppStmt for zSql, kept or prepared now; *piSlot is its slot, or -1
** when it is not kept. Give it back with stmt_cache_release(), which resets
** a kept one and finalizes the other. stmt_cache_clear() finalizes all (none
** may be lent) and leaves the cache empty and usable. */
int stmt_cache_acquire(StmtCache *p, sqlite3 *db, const char *zSql, sqlite3_stmt **ppStmt, int *piSlot);
void stmt_cache_release(StmtCache *p, int iSlot, sqlite3_stmt *pStmt);
void stmt_cache_clear(StmtCache *p);

/* Per-connection state the compiler reuses; owned by the caller. */
typedef struct CompileEnv {
  JsonParser parser;         /* its db: the connection, for sqlite_stat1 */
  Stats stats;
  Clock *pClock;             /* the connection's clock (a reference held), or NULL: the wall clock */
} CompileEnv;

/* stats.c: *pbCurrent = 1 if pQuery (compiled by filter_compile with pEnv)
** is still the shape sqlite_stat1 asks for now, 0 if the statistics it was
** chosen with changed since (an ANALYZE): a kept query should then be
** compiled again. Free for a query whose shape no statistics chose
** (bStatsShape 0); else one file-control call while the database does not
** change, and a read of sqlite_stat1 (tens of microseconds) the first time
** after it did. Returns SQLITE_OK or the error of that read (stats_refresh). */
int stats_query_current(CompileEnv *pEnv, const Query *pQuery, int *pbCurrent);

/* query_memo.c: compiled queries kept per connection, keyed by the text
** they were compiled from; an entry is pinned while its query runs. */
#define QUERY_MEMO_SIZE 8
typedef struct QueryMemoEntry {
  char *zKey;               /* owned; NULL for an empty slot */
  int nKey;
  Query query;              /* owned */
  sqlite3_int64 aAux[3];    /* what its keeper read from the key besides the query (history: its
                            ** start, end and interval), set by the keeper after query_memo_keep */
  int nPin;                 /* users running it now */
  sqlite3_uint64 iLastUse;  /* for least-recently-used eviction */
} QueryMemoEntry;
typedef struct QueryMemo {
  QueryMemoEntry aEntry[QUERY_MEMO_SIZE];
  sqlite3_uint64 iClock;
} QueryMemo;
/* The slot of the current entry for zKey[0..nKey), pinned, or -1; then
** *piFree is the slot query_memo_keep() may fill (-1: none, every slot is
** pinned, or zKey's stale entry still runs); *pRc is SQLITE_OK, or the
** error of reading sqlite_stat1 to check an entry (then -1 and *piFree -1:
** report it). query_memo_keep() copies zKey
** and moves *pQuery (zeroed) into slot iSlot, pinned, and returns iSlot
** (-1 and *pQuery left to the caller when iSlot is -1 or memory ran out).
** Every pin ends with query_memo_unpin() (-1: nothing). query_memo_clear()
** frees all (none may be pinned). */
int query_memo_find(QueryMemo *p, CompileEnv *pEnv, const char *zKey, int nKey, int *piFree, int *pRc);
int query_memo_keep(QueryMemo *p, int iSlot, const char *zKey, int nKey, Query *pQuery);
/* A key built part by part ("<length>:<bytes>", a NULL part "-1:"), on the
** stack while it is short: a lookup that hits allocates nothing. bNoMem
** when memory ran out; memo_key_free() frees it and leaves it empty. */
typedef struct MemoKey {
  char *z;
  int n, nAlloc, bNoMem;
  char aSpace[256];
} MemoKey;
void memo_key_init(MemoKey *p);
void memo_key_part(MemoKey *p, const char *z, int n);
void memo_key_free(MemoKey *p);
void query_memo_unpin(QueryMemo *p, int iSlot);
void query_memo_clear(QueryMemo *p);

/* Compile a request body for a collection. zBody may be NULL (no body);
** pExtras may be NULL. Returns SQLITE_OK, SQLITE_ERROR with *pzErr
** ("prefect: <path>: ..."), or SQLITE_NOMEM. *pQuery is zeroed first and
** owned by the caller after. */
int filter_compile(CompileEnv *pEnv, const CollectionDesc *pColl,
                   const char *zBody, int nBody, const QueryExtras *pExtras,
                   Query *pQuery, char **pzErr);
void query_clear(Query *pQuery);
/* Bind every value of pQuery to pStmt but its IN lists (BT_ARG_LIST, which
** the caller binds); argv (may be NULL when the query has no BT_ARG_*
** values) is xFilter's. Text of the Query is bound STATIC. */
int query_bind(const Query *pQuery, sqlite3_stmt *pStmt, sqlite3_value **argv);

/* ======================================================================
** text_search.c: a log text-search query split into terms as Prefect's
** parser splits it, each lowered as Python's str.lower() lowers it.
** ====================================================================== */

typedef enum TextTermKind {
  TEXT_INCLUDE,   /* a plain term: the included terms are ORed */
  TEXT_EXCLUDE,   /* -term or !term: must not occur */
  TEXT_REQUIRED   /* +term: must occur */
} TextTermKind;
typedef struct TextTerm {
  TextTermKind e;
  char *z;        /* owned: the lowered term, UTF-8, n bytes (may hold NUL bytes) */
  int n;
} TextTerm;
typedef struct TextQuery {
  TextTerm *a;    /* owned, in the query's order */
  int n;
} TextQuery;
/* Split z (n bytes of valid UTF-8). SQLITE_OK or SQLITE_NOMEM; *pOut is
** zeroed first and owned by the caller (text_query_clear) after. */
int text_search_parse(const char *z, int n, TextQuery *pOut);
void text_query_clear(TextQuery *pQ);

/* ======================================================================
** json_python.c: JSON as Python's json.dumps() writes it, which is how
** Prefect stores artifact data and metadata_.
** ====================================================================== */

/* Append node i. SQLITE_ERROR with *pzWhy (sqlite3_malloc'd) for a number
** that is no finite float, or SQLITE_NOMEM. */
int json_python_write(const JsonDoc *pDoc, int i, sqlite3_str *pOut, char **pzWhy);
/* repr(r) for a finite r; SQLITE_ERROR for NaN and infinities. */
int json_python_float(double r, sqlite3_str *pOut);
/* Characters (code points) in valid UTF-8 text, as Python's len(). */
int json_python_char_count(const char *z, int n);
/* The member nodes of object iObj as a dict holds them: each key once, at
** its first position, with its last value. Returns the count (or -1: no
** memory) and a sqlite3_malloc'd array the caller frees. */
int json_python_members(const JsonDoc *pDoc, int iObj, int **paOut);

/* ======================================================================
** undo_log.c: inverse statements for the steps of one write.
** ====================================================================== */

typedef struct UndoStep {
  char *zSql;               /* owned */
  sqlite3_value **apVal;    /* owned: bound to ?1, ?2, ... */
  int nVal;
} UndoStep;

typedef struct UndoLog {
  UndoStep *a;              /* owned */
  int n, nAlloc;
} UndoLog;

/* A step from SQL text (owned by the step from now on, even on failure;
** NULL means no memory) and values (copied). */
int undo_step_sql(UndoStep *p, char *zSql, int nVal, sqlite3_value *const *apVal);
/* The step that restores the row pRow is on ("SELECT rowid, * FROM t"). */
int undo_step_row(UndoStep *p, sqlite3_stmt *pRow, const char *zTable, int bRowRemoved);
void undo_step_clear(UndoStep *p);
/* The log takes the step (on failure it is freed). */
int undo_log_add(UndoLog *pLog, UndoStep *pStep);
/* Run every step, newest first; the first failure's code. */
int undo_log_run(UndoLog *pLog, sqlite3 *db);
void undo_log_clear(UndoLog *pLog);

/* ======================================================================
** artifact_write.c: INSERT, UPDATE, DELETE on `artifacts`, as Prefect's
** POST, PATCH and DELETE /artifacts do them.
** ====================================================================== */

typedef struct ArtifactWriter ArtifactWriter;
ArtifactWriter *artifact_writer_new(sqlite3 *db, const CollectionDesc *pColl);  /* NULL: no memory */
void artifact_writer_free(ArtifactWriter *p);
/* A random version-4 UUID in canonical text (SQLite's randomness). */
void prefect_uuid4_text(char zOut[37]);
/* xUpdate's arguments, unchanged. *pzErr: sqlite3_malloc'd message. */
int artifact_writer_apply(ArtifactWriter *p, int argc, sqlite3_value **argv, sqlite3_int64 *pRowid,
                          char **pzErr);

/* ======================================================================
** clock.c: "now" for one connection, pinned by prefect_set_now(), and
** Prefect's stored timestamps and intervals as exact microseconds.
** ====================================================================== */

struct Clock {
  int nRef;                  /* registrations holding it */
  int bPinned;
  sqlite3_int64 iPinned;     /* microseconds since the epoch, when pinned */
};
Clock *clock_new(void);      /* nRef 0; NULL: no memory */
/* Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard
** Hinnant's civil calendar algorithms: exact for every year). */
sqlite3_int64 clock_days_from_civil(sqlite3_int64 y, int m, int d);
void clock_civil_from_days(sqlite3_int64 z, sqlite3_int64 *py, int *pm, int *pd);
void clock_release(void *pClock);
/* The instant in use, in microseconds since 1970-01-01 UTC: the pinned
** one, or the wall clock as SQLite reads it (milliseconds). Callers read
** it once per statement and hand the value on. pClock may be NULL. */
sqlite3_int64 clock_now(const Clock *pClock);
/* The same, read once per statement: the first call of a function in a
** statement reads the clock, later calls in that statement get that
** instant (kept as the statement's auxiliary data). */
sqlite3_int64 clock_now_stmt(sqlite3_context *ctx, const Clock *pClock);
/* Stored text 'YYYY-MM-DD HH:MM:SS[.ffffff]' (n bytes) -> microseconds;
** 0 when it is not that shape. */
int clock_parse_stored(const char *z, int n, sqlite3_int64 *piOut);
/* microseconds -> 'YYYY-MM-DD HH:MM:SS.ffffff' (26 chars), as Prefect stores it */
void clock_format_stored(sqlite3_int64 iUs, char zOut[32]);
/* microseconds -> '2024-03-05T00:00:00Z', the fraction (6 digits) only when not zero, as the API writes it */
void clock_format_api(sqlite3_int64 iUs, char zOut[40]);
/* Stored timestamp text as the API writes it (same rule); 0 when not that shape. */
int clock_render_api(const char *z, int n, char zOut[40]);
int clock_register(sqlite3 *db, Clock *pClock);  /* prefect_set_now, prefect_now, prefect_seconds */

/* ======================================================================
** history.c: run history (flow_run_history, task_run_history and the
** /history routes): Prefect's intervals, each run put in its interval by
** arithmetic, one pass over the filtered runs.
** ====================================================================== */

typedef struct HistoryState {
  char *zType;               /* owned, NULL for a run without a state */
  char *zName;               /* owned, NULL likewise */
  sqlite3_int64 nRuns;
  sqlite3_int64 iRunTime;    /* sum of the runs' estimated run time, whole seconds */
  sqlite3_int64 iLateness;   /* sum of their estimated lateness, whole seconds */
} HistoryState;

typedef struct HistoryInterval {
  char zStart[32];           /* as Prefect's query yields them (stored text) */
  char zEnd[32];
  HistoryState *aState;      /* owned; sorted by state type, then name */
  int nState, nStateAlloc;
} HistoryInterval;

typedef struct History {
  HistoryInterval *aInterval;  /* owned, by interval_start */
  int nInterval;
} History;

/* history_body.c: the compiler's rules for a history's body in *pOut:
** its own keys, the columns a history reads (expected_start_time,
** state_type, state_name, total_run_time, state_timestamp, start_time);
** bRoute: other top-level keys are dropped, as the server drops them (the
** tables refuse them). */
void history_extras(const CollectionDesc *pColl, int bRoute, Dialect eDialect, QueryExtras *pOut);
/* The body's start, end and interval (microseconds) into aTimes[0..2] and
** its runs compiled for eDialect into *pQuery, by history_extras' rules.
** SQLITE_OK, SQLITE_ERROR with *pzErr ("prefect: <path>: ..."), or another
** code; on error nothing is left in *pQuery. */
int history_read_body(CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody, int bRoute,
                      Dialect eDialect, Query *pQuery, sqlite3_int64 *aTimes, char **pzErr);

/* The history of the runs a body selects (pColl: prefect_flow_runs or
** prefect_task_runs), at the instant iNowUs. The body is the route's:
** history_start, history_end, history_interval_seconds and the related
** filters; its compiled form is kept in pMemo and its statements in pStmts.
** bRoute: other top-level keys are dropped, as the server drops them (the
** tables refuse them). SQLITE_OK, SQLITE_ERROR with *pzErr ("prefect:
** <path>: ..."), or another code. *pOut is zeroed first; history_clear()
** frees it. */
int history_compute(sqlite3 *db, CompileEnv *pEnv, QueryMemo *pMemo, StmtCache *pStmts, const CollectionDesc *pColl,
                    const char *zBody, int nBody, int bRoute, sqlite3_int64 iNowUs, History *pOut, char **pzErr);
void history_clear(History *p);
/* Append the API's JSON (a list of HistoryResponse) to pOut. */
void history_render_json(const History *p, sqlite3_str *pOut);
int vtab_history_register(sqlite3 *db, Clock *pClock);  /* flow_run_history(), task_run_history() */

/* ======================================================================
** schema_check.c: what a refused statement says about the database.
** ====================================================================== */

/* The message for the connection's last error, "prefect: ...". When SQLite
** refused a statement of ours for a table or column of Prefect's that the
** database lacks, it names what is missing and the Prefect release that
** added it (or, when none of Prefect's tables are there, asks whether this
** is a Prefect database); otherwise it is SQLite's message. zSql, the
** refused statement or NULL, tells which table a column's alias stands
** for. Call it right after the failure: it runs statements of its own,
** which replace the connection's error. NULL: no memory. */
char *schema_error(sqlite3 *db, const char *zSql);

/* ======================================================================
** vtab_collection.c and prefect.c
** ====================================================================== */
int vtab_collection_register(sqlite3 *db, const CollectionDesc *pColl);
/* prefect_filter(table, doc) on the table's current row (vtab_collection.c) */
void prefect_filter_row_func(sqlite3_context *ctx, int argc, sqlite3_value **argv);
/* vtab_args.c: a required hidden argument, an "=" on column iColumn, as
** argv[iArgv - 1] of xFilter: SQLITE_OK, SQLITE_CONSTRAINT (given, but not
** usable in this plan), or an error "prefect: <zMissing>" when not given. */
int vtab_argument_required(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo, int iColumn, int iArgv,
                           const char *zMissing);
/* A zeroed cursor of nByte bytes (the module's cursor struct) in *ppCursor. */
int vtab_cursor_new(int nByte, sqlite3_vtab_cursor **ppCursor);
int vtab_table_register(sqlite3 *db);     /* vtab_table.c: prefect_table() */
int vtab_run_tree_register(sqlite3 *db);  /* vtab_run_tree.c: prefect_run_tree() */
int vtab_fields_register(sqlite3 *db);    /* vtab_fields.c: prefect_fields */
int functions_register(sqlite3 *db);
int api_register(sqlite3 *db, Clock *pClock);  /* api.c: prefect_api() */

/* ======================================================================
** router.c: a route's method and path to its RouteDesc
** ====================================================================== */
/* The path parameters of a matched route, in the pattern's order. */
#define PATH_MAX_ARGS 2
typedef struct PathArgs {
  int n;
  char *az[PATH_MAX_ARGS];  /* owned; a uuid in its canonical form */
  int an[PATH_MAX_ARGS];
} PathArgs;

/* What Prefect's router answers for a method and path. */
typedef enum RouteAnswer {
  ANSWER_ROUTE,       /* a route prefect_api() answers */
  ANSWER_UNANSWERED,  /* a route of Prefect's that prefect_api() does not answer: an error */
  ANSWER_UNKNOWN,     /* no route of the routers described: an error */
  ANSWER_404,         /* below a router, no route matches: 404, SQL NULL */
  ANSWER_405,         /* the path is a route for another method: an error */
  ANSWER_307,         /* the path without its trailing '/'s is a route: a redirect, an error */
  ANSWER_307_SLASH,   /* the path with a trailing '/' is a route: a redirect, an error */
  ANSWER_NOMEM        /* the path could not be read for want of memory */
} RouteAnswer;

/* Split "METHOD /path" and route it as Starlette routes Prefect's API. The
** method may be left out: POST, or else GET. The path may carry Prefect's
** "/api" prefix. With ANSWER_ROUTE, *ppRoute is the route and pArgs (owned
** by the caller, path_args_clear) its path parameters. */
RouteAnswer route_find(const char *zRoute, const RouteDesc **ppRoute, PathArgs *pArgs);
void path_args_clear(PathArgs *pArgs);
/* The error message of an answer that is no route prefect_api() answers
** (405, 307, unknown or unanswered; sqlite3_free it; NULL: no memory). */
char *route_error(RouteAnswer eAnswer, const char *zRoute);
/* The body that selects a GET route's row by its last path parameter. */
char *route_get_body(const RouteDesc *pRoute, const char *zArg, int nArg);

/* ======================================================================
** route_body.c: the dashboard routes' own body rules and answers, the
** same for prefect_api() (SQLite) and prefect.api (PostgreSQL)
** ====================================================================== */
/* The most ids a ROUTE_KEYED body may list (Body(..., max_items=200)). */
#define ROUTE_KEYED_MAX_IDS 200
typedef struct RouteIds {
  char (*aId)[37];  /* owned: the distinct ids, canonical, at their first place in the list */
  int nId;
  char *zJson;      /* owned: every id of the list, in its order, as a JSON array */
} RouteIds;
/* ROUTE_KEYED: the body's list of ids (pRoute->zLookup; required, null is
** missing, as FastAPI reads it; at most ROUTE_KEYED_MAX_IDS UUIDs) into
** *pIds (route_ids_clear frees it). SQLITE_OK, SQLITE_ERROR with *pzErr,
** or SQLITE_NOMEM. */
int route_keyed_ids(const RouteDesc *pRoute, const char *zBody, int nBody, RouteIds *pIds, char **pzErr);
void route_ids_clear(RouteIds *pIds);
/* ROUTE_KEYED's answer: one member per id, in the list's order, as the
** handler's dict comprehension builds it: the value (JSON text) of the
** last of the nRow rows whose key is that id, else pRoute->zDefault. */
void route_keyed_render(const RouteDesc *pRoute, const RouteIds *pIds, char *const *azKey, char *const *azValue,
                        int nRow, sqlite3_str *pOut);

/* ROUTE_BUCKETS' window: its start (microseconds) and each bucket's length,
** and the body its rows are selected by (the route's forced member in it). */
typedef struct RouteWindow {
  sqlite3_int64 iStart;
  sqlite3_int64 iDelta;
  char *zBody;        /* owned (sqlite3_free) */
} RouteWindow;
/* ROUTE_BUCKETS (read_dashboard_task_run_counts): the body validated as sent
** (filter_compile with pExtras); then its primary filter's window member
** must have after_; the window runs from after_ cut to its minute to the
** end of the minute of before_ (else of iNowUs), cut into nBucket equal
** buckets (timedelta / int: microseconds, half to even). SQLITE_OK,
** SQLITE_ERROR with *pzErr, or SQLITE_NOMEM. */
int route_buckets_window(CompileEnv *pEnv, const RouteDesc *pRoute, const QueryExtras *pExtras, const char *zBody,
                         int nBody, sqlite3_int64 iNowUs, RouteWindow *pWin, char **pzErr);
/* The slot of a row's bucket (NULL: bNull) as Python's buckets[int(bucket)]
** reads it, in *piSlot; a bucket that list refuses is Prefect's 500, an
** error (SQLITE_ERROR with *pzErr, or SQLITE_NOMEM). */
int route_bucket_slot(const RouteDesc *pRoute, int bNull, sqlite3_int64 iBucket, int *piSlot, char **pzErr);

/* prefect.c: the CompileEnv of a SQL function, one per connection, its
** user data (sqlite3_user_data is the CompileEnv). Shared by the
** registrations that took a reference; each registration's xDestroy is
** function_env_release. */
typedef struct FunctionEnv {
  CompileEnv env;        /* first, so that the user data is a CompileEnv */
  QueryMemo memo;        /* compiled bodies (prefect_api's history routes): queries, not
                         ** statements, so nothing keeps the connection from closing */
  int nRef;              /* registrations holding it */
} FunctionEnv;
FunctionEnv *function_env_new(sqlite3 *db);   /* nRef 0; NULL: no memory */
void function_env_release(void *pEnv);
char *prefect_sqlite_version_error(int iVersion, const char *zVersion);

#endif /* PREFECT_INTERNAL_H */
