/*
** history_body.c: the body of a run history (POST /flow_runs/history,
** /task_runs/history, flow_run_history(), task_run_history()) read as
** Prefect's server reads it: history_start and history_end, required
** datetimes; history_interval_seconds, a float as pydantic reads one in
** lax mode, made a timedelta as Python makes one, at least one second; and
** the related filters, compiled. SQLite's history (history.c) and
** PostgreSQL's (pg/api_pg_kinds.c) read it here, so that a body means the
** same on both and is refused with the same message.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <string.h>

static const char *const azHistoryKeys[] = {"history_start", "history_end", "history_interval_seconds", 0};

static char *path_error(const char *zKey, char *zWhy) {
  char *z = zWhy ? sqlite3_mprintf("prefect: %s: %s", zKey, zWhy) : 0;
  sqlite3_free(zWhy);
  return z;
}

/* A datetime field of the body: required (null is missing, as FastAPI reads
** a Body parameter), Prefect's datetime rules. */
static int read_time(const JsonDoc *pDoc, int iRoot, const char *zKey, sqlite3_int64 *piUs, char **pzErr) {
  int i = iRoot < 0 ? -1 : json_doc_member(pDoc, iRoot, zKey);
  char zUtc[27];
  char *zWhy = 0;
  int rc;
  if (i < 0 || pDoc->aNode[i].eType == JT_NULL) {  /* FastAPI reads null as missing */
    *pzErr = sqlite3_mprintf("prefect: %s: field required", zKey);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  rc = value_read_datetime(pDoc, i, zUtc, &zWhy);
  if (rc == SQLITE_OK && !clock_parse_stored(zUtc, (int)strlen(zUtc), piUs)) {
    zWhy = value_expected(pDoc, i, "a datetime");
    rc = SQLITE_ERROR;
  }
  if (rc != SQLITE_OK) {
    *pzErr = path_error(zKey, zWhy);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* The length of the Unicode White_Space character at z[0..n) (valid UTF-8),
** or 0: what Rust's str::trim removes. */
static int white_space_len(const unsigned char *z, int n) {
  unsigned int c;
  int nSeq;
  if (n <= 0) return 0;
  if (z[0] < 0x80) return (z[0] == ' ' || (z[0] >= 0x09 && z[0] <= 0x0D)) ? 1 : 0;
  nSeq = z[0] < 0xE0 ? 2 : z[0] < 0xF0 ? 3 : 4;
  if (nSeq > n) return 0;
  if (nSeq == 2) c = ((z[0] & 0x1Fu) << 6) | (z[1] & 0x3Fu);
  else if (nSeq == 3) c = ((z[0] & 0x0Fu) << 12) | ((z[1] & 0x3Fu) << 6) | (z[2] & 0x3Fu);
  else return 0;
  if (c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
      c == 0x202F || c == 0x205F || c == 0x3000) {
    return nSeq;
  }
  return 0;
}

/* Rust's f64 grammar (what pydantic-core's str_as_float parses with), on
** z[0..n): an optional sign, then inf, infinity or nan in any case, or
** digits with at most one '.' (a digit on at least one side) and an
** optional exponent ('e' or 'E', a sign, digits). 1: a number, 2: inf or
** nan, 0: not a float. */
static int rust_float_syntax(const char *z, int n) {
  int i = 0, nDigit = 0;
  if (i < n && (z[i] == '+' || z[i] == '-')) i++;
  if ((n - i == 3 && (sqlite3_strnicmp(z + i, "inf", 3) == 0 || sqlite3_strnicmp(z + i, "nan", 3) == 0)) ||
      (n - i == 8 && sqlite3_strnicmp(z + i, "infinity", 8) == 0)) {
    return 2;
  }
  while (i < n && z[i] >= '0' && z[i] <= '9') i++, nDigit++;
  if (i < n && z[i] == '.') {
    i++;
    while (i < n && z[i] >= '0' && z[i] <= '9') i++, nDigit++;
  }
  if (nDigit == 0) return 0;
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    int nExp = 0;
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) i++;
    while (i < n && z[i] >= '0' && z[i] <= '9') i++, nExp++;
    if (nExp == 0) return 0;
  }
  return i == n;
}

/* A string as pydantic's lax float reads one (str_as_float): the string
** trimmed of Unicode white space, or else, if it has underscores between
** other characters (none first or last, never two together), the string
** untrimmed without them. *pbNumber: 0 for inf and nan. SQLITE_OK with
** *pbOk set, or SQLITE_NOMEM. */
static int lax_float_text(const char *z, int n, double *pr, int *pbOk, int *pbNumber) {
  const unsigned char *u = (const unsigned char *)z;
  int b = 0, e = n, k, rc = SQLITE_OK, eSyntax;
  char *zCopy;
  *pbOk = *pbNumber = 0;
  while (b < e && (k = white_space_len(u + b, e - b)) > 0) b += k;
  while (e > b) {
    int s = e - 1;
    while (s > b && (u[s] & 0xC0) == 0x80) s--;
    if (white_space_len(u + s, e - s) != e - s) break;
    e = s;
  }
  zCopy = sqlite3_malloc(n + 1);
  if (!zCopy) return SQLITE_NOMEM;
  eSyntax = rust_float_syntax(z + b, e - b);
  if (eSyntax) {
    memcpy(zCopy, z + b, e - b);
    zCopy[e - b] = 0;
  } else if (n > 0 && z[0] != '_' && z[n - 1] != '_' && memchr(z, '_', n)) {
    int j, m = 0;
    for (j = 0; j < n; j++) {
      if (z[j] == '_' && z[j + 1] == '_') break;
      if (z[j] != '_') zCopy[m++] = z[j];
    }
    zCopy[m] = 0;
    if (j == n) eSyntax = rust_float_syntax(zCopy, m);
  }
  if (eSyntax == 1) {
    rc = json_strtod(zCopy, pr);  /* the grammar is a subset of strtod's: correctly rounded */
    *pbNumber = 1;
  }
  *pbOk = eSyntax != 0;
  sqlite3_free(zCopy);
  return rc;
}

/* Python's timedelta(seconds=r) in microseconds: the whole seconds exactly,
** the fraction's microseconds rounded half to even (the whole part adds a
** multiple of 10^6, which is even, so rounding the fraction alone agrees). */
static sqlite3_int64 timedelta_us(double r) {
  double rInt, rFrac = modf(r, &rInt);
  return (sqlite3_int64)rInt * 1000000 + (sqlite3_int64)nearbyint(rFrac * 1000000.0);
}

/* history_interval_seconds: a float, as FastAPI has pydantic read a Body
** float from the decoded JSON in lax Python mode (pydantic-core's
** validate_float): a number, a boolean (true is 1.0, false 0.0), or a
** string that str_as_float reads; then made a timedelta as Python does. A
** value Prefect's server cannot make a timedelta of (inf, nan, more than
** 999999999 days) fails there with a 500; here it is an error too. */
static int read_interval(const JsonDoc *pDoc, int iRoot, sqlite3_int64 *piUs, int *piNode, char **pzErr) {
  static const char zKey[] = "history_interval_seconds";
  int i = iRoot < 0 ? -1 : json_doc_member(pDoc, iRoot, zKey);
  double r = 0;
  int bOk = 0, bNumber = 1;
  *piNode = i;
  if (i < 0 || pDoc->aNode[i].eType == JT_NULL) {  /* FastAPI reads null as missing */
    *pzErr = sqlite3_mprintf("prefect: %s: field required", zKey);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  switch (pDoc->aNode[i].eType) {
    case JT_INT:
    case JT_REAL: r = pDoc->aNode[i].rVal; bOk = 1; break;
    case JT_TRUE: r = 1.0; bOk = 1; break;
    case JT_FALSE: r = 0.0; bOk = 1; break;
    case JT_TEXT:
      if (lax_float_text(pDoc->aNode[i].zText, pDoc->aNode[i].nText, &r, &bOk, &bNumber) != SQLITE_OK) {
        return SQLITE_NOMEM;
      }
      break;
    default: break;
  }
  if (bOk && (!bNumber || !isfinite(r) || fabs(r) >= 86400000000000.0)) {
    *pzErr = path_error(zKey, value_expected(pDoc, i, "a number of seconds a timedelta can hold (Prefect fails "
                                                       "with an error 500)"));
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (!bOk) {
    *pzErr = path_error(zKey, value_expected(pDoc, i, "a number of seconds"));
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  *piUs = timedelta_us(r);
  return SQLITE_OK;
}

void history_extras(const CollectionDesc *pColl, int bRoute, Dialect eDialect, QueryExtras *pOut) {
  static const char *const azRead[] = {"expected_start_time", "state_type", "state_name", "total_run_time",
                                       "state_timestamp", "start_time", 0};
  memset(pOut, 0, sizeof(*pOut));
  pOut->bNoPaging = 1;
  pOut->bIgnoreUnknownKeys = bRoute;
  pOut->azOwnKeys = azHistoryKeys;
  pOut->zQueueKey = pColl == &prefect_flow_runs ? "work_queues" : 0;
  pOut->bSomeColumns = 1;
  pOut->mColumns = describe_column_mask(pColl, azRead);
  pOut->eDialect = eDialect;
}

int history_read_body(CompileEnv *pEnv, const CollectionDesc *pColl, const char *zBody, int nBody, int bRoute,
                      Dialect eDialect, Query *pQuery, sqlite3_int64 *aTimes, char **pzErr) {
  JsonDoc doc = {0, 0, 0};
  QueryExtras extras;
  int rc = SQLITE_OK, iRoot = -1, iIntervalNode = -1;
  if (zBody && nBody > 0) {
    rc = json_doc_parse(zBody, nBody, &doc, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (doc.aNode[0].eType == JT_OBJECT) {
      iRoot = 0;
    } else if (doc.aNode[0].eType != JT_NULL) {
      *pzErr = path_error("body", value_expected(&doc, 0, "an object"));
      json_doc_free(&doc);
      return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    }
  }
  /* the body's own fields first, in Prefect's order, then its filters */
  rc = read_time(&doc, iRoot, "history_start", &aTimes[0], pzErr);
  if (rc == SQLITE_OK) rc = read_time(&doc, iRoot, "history_end", &aTimes[1], pzErr);
  if (rc == SQLITE_OK) rc = read_interval(&doc, iRoot, &aTimes[2], &iIntervalNode, pzErr);
  if (rc == SQLITE_OK) {
    history_extras(pColl, bRoute, eDialect, &extras);
    rc = filter_compile(pEnv, pColl, zBody, nBody, &extras, pQuery, pzErr);
  }
  json_doc_free(&doc);
  if (rc == SQLITE_OK && aTimes[2] < 1000000) {
    /* the route's own check, after the body is read */
    *pzErr = sqlite3_mprintf("prefect: history_interval_seconds: History interval must not be less than 1 second.");
    rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return rc;
}
