/*
** filter_values.c: Prefect's rules for the values inside a filter document.
**
** Prefect validates bodies with pydantic in "lax" mode, so "yes" is a
** boolean, "5" an integer, and a UUID may come upper-case or braced. Each
** reader accepts what pydantic accepts (datetimes as ISO 8601 or Unix time,
** taken as UTC without an offset; UUIDs hyphenated, bare, braced or
** urn:uuid:) and returns the value in the form Prefect stores it (UTC
** 'YYYY-MM-DD HH:MM:SS.ffffff', lowercase hyphenated UUIDs), so the
** compiler only ever compares text with text, exactly as Prefect does.
**
** Readers return SQLITE_OK, or SQLITE_ERROR with a sqlite3_malloc'd message
** "expected <what>, got <json>" (the caller adds "prefect: <path>: "), or
** SQLITE_NOMEM when even that message could not be made: a NULL message
** must never pass for a valid value.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *value_expected(const JsonDoc *pDoc, int i, const char *zWhat) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "expected %s, got ", zWhat);
  json_doc_render(pDoc, i, pStr);
  return sqlite3_str_finish(pStr);
}

/* A reader's refusal: SQLITE_ERROR with the message, or SQLITE_NOMEM. */
static int value_refused(const JsonDoc *pDoc, int i, const char *zWhat, char **pzMsg) {
  *pzMsg = value_expected(pDoc, i, zWhat);
  return *pzMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

static int text_equal_nocase(const char *z, int n, const char *zLit) {
  return (int)strlen(zLit) == n && sqlite3_strnicmp(z, zLit, n) == 0;
}

int value_read_bool(const JsonDoc *pDoc, int i, int *pbOut, char **pzMsg) {
  static const char *const azTrue[] = {"true", "t", "yes", "y", "on", "1"};
  static const char *const azFalse[] = {"false", "f", "no", "n", "off", "0"};
  const JsonNode *pNode = &pDoc->aNode[i];
  size_t k;
  *pzMsg = 0;
  switch (pNode->eType) {
    case JT_TRUE: *pbOut = 1; return SQLITE_OK;
    case JT_FALSE: *pbOut = 0; return SQLITE_OK;
    case JT_INT:
    case JT_REAL:
      if (pNode->rVal == 0.0 || pNode->rVal == 1.0) { *pbOut = pNode->rVal == 1.0; return SQLITE_OK; }
      break;
    case JT_TEXT:
      for (k = 0; k < sizeof(azTrue) / sizeof(azTrue[0]); k++) {
        if (text_equal_nocase(pNode->zText, pNode->nText, azTrue[k])) { *pbOut = 1; return SQLITE_OK; }
        if (text_equal_nocase(pNode->zText, pNode->nText, azFalse[k])) { *pbOut = 0; return SQLITE_OK; }
      }
      break;
    default:
      break;
  }
  return value_refused(pDoc, i, "a boolean", pzMsg);
}

/* ASCII white space, as C's isspace in the "C" locale (the host's locale
** may count more bytes). */
static int ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Decimal integer text with optional sign and an optional all-zero
** fraction ("+5", " 5 ", "5.0"), as pydantic's lax int parsing allows. */
static int parse_int_text(const char *z, int n, sqlite3_int64 *piOut) {
  int i = 0, bNeg = 0, nDigit = 0;
  sqlite3_uint64 u = 0;
  while (n > 0 && ascii_space(z[n - 1])) n--;
  while (i < n && ascii_space(z[i])) i++;
  if (i < n && (z[i] == '+' || z[i] == '-')) bNeg = z[i++] == '-';
  for (; i < n && z[i] >= '0' && z[i] <= '9'; i++, nDigit++) {
    if (u > (sqlite3_uint64)0x7fffffffffffffffLL / 10) return 0;
    u = u * 10 + (sqlite3_uint64)(z[i] - '0');
    if (u > (sqlite3_uint64)0x7fffffffffffffffLL) return 0;
  }
  if (nDigit == 0) return 0;
  if (i < n && z[i] == '.') {
    for (i++; i < n && z[i] == '0'; i++) {}
  }
  if (i != n) return 0;
  *piOut = bNeg ? -(sqlite3_int64)u : (sqlite3_int64)u;
  return 1;
}

int value_read_int(const JsonDoc *pDoc, int i, sqlite3_int64 *piOut, char **pzMsg) {
  const JsonNode *pNode = &pDoc->aNode[i];
  *pzMsg = 0;
  switch (pNode->eType) {
    case JT_INT: *piOut = pNode->iVal; return SQLITE_OK;
    case JT_TRUE: *piOut = 1; return SQLITE_OK;
    case JT_FALSE: *piOut = 0; return SQLITE_OK;
    case JT_REAL:
      if (isfinite(pNode->rVal) && pNode->rVal == floor(pNode->rVal) &&
          fabs(pNode->rVal) < 9.2e18) {
        *piOut = (sqlite3_int64)pNode->rVal;
        return SQLITE_OK;
      }
      break;
    case JT_TEXT:
      if (parse_int_text(pNode->zText, pNode->nText, piOut)) return SQLITE_OK;
      break;
    default:
      break;
  }
  return value_refused(pDoc, i, "an integer", pzMsg);
}

/* The spellings pydantic-core's UUID parser accepts: 8-4-4-4-12 hyphenated,
** 32 bare hex digits, {hyphenated}, urn:uuid:hyphenated; any letter case. */
int value_parse_uuid_text(const char *z, int n, char zOut[37]) {
  char aHex[32];
  int nHex = 0, i;
  if (n == 45 && memcmp(z, "urn:uuid:", 9) == 0) { z += 9; n -= 9; }
  else if (n == 38 && z[0] == '{' && z[37] == '}') { z += 1; n -= 2; }
  if (n == 36) {
    for (i = 0; i < 36; i++) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (z[i] != '-') return 0;
      } else {
        if (json_hex_digit((unsigned char)z[i]) < 0) return 0;
        aHex[nHex++] = z[i];
      }
    }
  } else if (n == 32) {
    for (i = 0; i < 32; i++) {
      if (json_hex_digit((unsigned char)z[i]) < 0) return 0;
      aHex[nHex++] = z[i];
    }
  } else {
    return 0;
  }
  for (i = 0, nHex = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) zOut[i] = '-';
    else zOut[i] = (char)(aHex[nHex] >= 'A' && aHex[nHex] <= 'F' ? aHex[nHex] + ('a' - 'A') : aHex[nHex]), nHex++;
  }
  zOut[36] = 0;
  return 1;
}

int value_read_uuid(const JsonDoc *pDoc, int i, char zOut[37], char **pzMsg) {
  const JsonNode *pNode = &pDoc->aNode[i];
  *pzMsg = 0;
  if (pNode->eType == JT_TEXT && value_parse_uuid_text(pNode->zText, pNode->nText, zOut)) return SQLITE_OK;
  return value_refused(pDoc, i, "a UUID", pzMsg);
}

/* A short rendering of a SQL value for messages: NULL, 42, 1.5, 'text'
** (cut after 60 characters), a blob of N bytes. */
void value_describe_sql(sqlite3_str *pOut, sqlite3_value *pVal) {
  switch (sqlite3_value_type(pVal)) {
    case SQLITE_NULL: sqlite3_str_appendall(pOut, "NULL"); break;
    case SQLITE_INTEGER: sqlite3_str_appendf(pOut, "%lld", sqlite3_value_int64(pVal)); break;
    case SQLITE_FLOAT: sqlite3_str_appendf(pOut, "%!.15g", sqlite3_value_double(pVal)); break;
    case SQLITE_BLOB: sqlite3_str_appendf(pOut, "a blob of %d bytes", sqlite3_value_bytes(pVal)); break;
    default: {
      const char *z = (const char *)sqlite3_value_text(pVal);
      int n = sqlite3_value_bytes(pVal), nShow = n, nChar = 0, k;
      for (k = 0; k < n; k++) {
        if (((unsigned char)z[k] & 0xC0) != 0x80 && ++nChar > 60) { nShow = k; break; }
      }
      sqlite3_str_appendf(pOut, "'%.*q'%s", nShow, z ? z : "", nShow < n ? "..." : "");
    }
  }
}

/* A run id given as a SQL value (a column written, a function argument):
** text in a spelling pydantic accepts. SQLITE_OK with zOut set, or
** SQLITE_ERROR with *pzWhy = "expected a UUID, got <value>" (sqlite3_malloc'd),
** or SQLITE_NOMEM. */
int value_read_sql_uuid(sqlite3_value *pVal, char zOut[37], char **pzWhy) {
  sqlite3_str *pStr;
  *pzWhy = 0;
  if (sqlite3_value_type(pVal) == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(pVal);
    if (!z) return SQLITE_NOMEM;
    if (value_parse_uuid_text(z, sqlite3_value_bytes(pVal), zOut)) return SQLITE_OK;
  }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, "expected a UUID, got ");
  value_describe_sql(pStr, pVal);
  *pzWhy = sqlite3_str_finish(pStr);
  return *pzWhy ? SQLITE_ERROR : SQLITE_NOMEM;
}

static const char *const azStateType[] = {
  "SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED",
  "CANCELLED", "CRASHED", "PAUSED", "CANCELLING", 0
};

int value_read_state_type(const JsonDoc *pDoc, int i, char **pzMsg) {
  const JsonNode *pNode = &pDoc->aNode[i];
  int k;
  *pzMsg = 0;
  if (pNode->eType == JT_TEXT) {
    for (k = 0; azStateType[k]; k++) {
      if ((int)strlen(azStateType[k]) == pNode->nText &&
          memcmp(azStateType[k], pNode->zText, pNode->nText) == 0) return SQLITE_OK;
    }
  }
  return value_refused(pDoc, i, "a state type (" VALUE_STATE_TYPES ")", pzMsg);
}

/* WorkerStatus (server/schemas/statuses.py) */
int value_read_worker_status(const JsonDoc *pDoc, int i, char **pzMsg) {
  const JsonNode *pNode = &pDoc->aNode[i];
  *pzMsg = 0;
  if (pNode->eType == JT_TEXT && ((pNode->nText == 6 && memcmp(pNode->zText, "ONLINE", 6) == 0) ||
                                  (pNode->nText == 7 && memcmp(pNode->zText, "OFFLINE", 7) == 0))) {
    return SQLITE_OK;
  }
  return value_refused(pDoc, i, "a worker status (" VALUE_WORKER_STATUSES ")", pzMsg);
}

/* ---- datetimes ----------------------------------------------------------
** Prefect compares timestamps as text in the fixed format
** 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC), so every accepted spelling is turned
** into exactly that. Days are counted by clock.c's civil-calendar
** arithmetic, exact for the proleptic Gregorian calendar.
*/

static int days_in_month(sqlite3_int64 y, int m) {
  static const int aDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int bLeap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && bLeap ? 29 : aDays[m - 1];
}

/* Render microseconds since the epoch; 0 if outside years 1..9999. */
static int render_utc(sqlite3_int64 iMicro, char zOut[27]) {
  const sqlite3_int64 nDay = 86400000000LL;
  sqlite3_int64 iDay = iMicro >= 0 ? iMicro / nDay : -((-iMicro + nDay - 1) / nDay);
  sqlite3_int64 iRest = iMicro - iDay * nDay;
  sqlite3_int64 y;
  int m, d;
  clock_civil_from_days(iDay, &y, &m, &d);
  if (y < 1 || y > 9999) return 0;
  sqlite3_snprintf(27, zOut, "%04d-%02d-%02d %02d:%02d:%02d.%06d", (int)y, m, d,
                   (int)(iRest / 3600000000LL), (int)(iRest / 60000000LL % 60),
                   (int)(iRest / 1000000LL % 60), (int)(iRest % 1000000LL));
  return 1;
}

static int read_digits(const char *z, int n, int *pi, int nDigit, int *pOut) {
  int k, v = 0;
  if (*pi + nDigit > n) return 0;
  for (k = 0; k < nDigit; k++) {
    char c = z[*pi + k];
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  *pi += nDigit;
  *pOut = v;
  return 1;
}

/* Unix time in seconds, or milliseconds when |v| > 2e10 (pydantic's rule). */
static int unix_to_utc(double r, char zOut[27]) {
  double rMicro;
  if (!isfinite(r)) return 0;
  if (fabs(r) > 2e10) r /= 1000.0;
  rMicro = floor(r * 1e6 + 0.5);
  if (fabs(rMicro) > 3e17) return 0;
  return render_utc((sqlite3_int64)rMicro, zOut);
}

static int parse_number_text(const char *z, int n, double *pr) {
  int i = 0, nDigit = 0;
  char zBuf[64];
  if (n <= 0 || n >= (int)sizeof(zBuf)) return 0;
  if (z[i] == '+' || z[i] == '-') i++;
  for (; i < n && z[i] >= '0' && z[i] <= '9'; i++) nDigit++;
  if (i < n && z[i] == '.') for (i++; i < n && z[i] >= '0' && z[i] <= '9'; i++) nDigit++;
  if (i != n || nDigit == 0) return 0;
  memcpy(zBuf, z, n);
  zBuf[n] = 0;
  return json_strtod(zBuf, pr) == SQLITE_OK;  /* not strtod: a decimal comma would cut ".5" */
}

int value_parse_datetime_text(const char *z, int n, char zOut[27]) {
  int i = 0, y, mo, d, h = 0, mi = 0, s = 0, iMicro = 0, iOffset = 0;
  double r;
  if (parse_number_text(z, n, &r)) return unix_to_utc(r, zOut);
  if (!read_digits(z, n, &i, 4, &y) || i >= n || z[i++] != '-') return 0;
  if (!read_digits(z, n, &i, 2, &mo) || i >= n || z[i++] != '-') return 0;
  if (!read_digits(z, n, &i, 2, &d)) return 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return 0;
  if (i < n) {
    char c = z[i++];
    if (c != 'T' && c != 't' && c != ' ' && c != '_') return 0;
    if (!read_digits(z, n, &i, 2, &h) || i >= n || z[i++] != ':') return 0;
    if (!read_digits(z, n, &i, 2, &mi)) return 0;
    if (i < n && z[i] == ':') {
      i++;
      if (!read_digits(z, n, &i, 2, &s)) return 0;
      if (i < n && (z[i] == '.' || z[i] == ',')) {
        int nFrac = 0;
        for (i++; i < n && z[i] >= '0' && z[i] <= '9'; i++, nFrac++) {
          if (nFrac < 6) iMicro = iMicro * 10 + (z[i] - '0');  /* beyond µs: truncated */
        }
        if (nFrac == 0) return 0;
        for (; nFrac < 6; nFrac++) iMicro *= 10;
      }
    }
    if (h > 23 || mi > 59 || s > 59) return 0;
    if (i < n) {
      char cSign = z[i++];
      if (cSign == 'Z' || cSign == 'z') {
        if (i != n) return 0;
      } else if (cSign == '+' || cSign == '-') {
        int oh, om;
        if (!read_digits(z, n, &i, 2, &oh)) return 0;
        if (i < n && z[i] == ':') i++;
        if (!read_digits(z, n, &i, 2, &om) || i != n) return 0;
        if (oh > 23 || om > 59) return 0;
        iOffset = (oh * 60 + om) * (cSign == '-' ? -1 : 1);
      } else {
        return 0;
      }
    }
  }
  return render_utc(((clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
                      (sqlite3_int64)iOffset * 60) * 1000000LL) + iMicro, zOut);
}

int value_read_datetime(const JsonDoc *pDoc, int i, char zOut[27], char **pzMsg) {
  const JsonNode *pNode = &pDoc->aNode[i];
  *pzMsg = 0;
  if (pNode->eType == JT_TEXT && value_parse_datetime_text(pNode->zText, pNode->nText, zOut)) return SQLITE_OK;
  if ((pNode->eType == JT_INT || pNode->eType == JT_REAL) && unix_to_utc(pNode->rVal, zOut)) return SQLITE_OK;
  return value_refused(pDoc, i, "a datetime", pzMsg);
}
