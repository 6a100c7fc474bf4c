/*
** text_search.c: Prefect's log text-search queries (LogFilterTextSearch).
**
** A query is split into terms exactly as Prefect's server splits it
** (its text-search query parser), on Python's code points:
**
**   - whitespace (Python's str.isspace(), Unicode's) separates terms;
**   - a term prefixed by '-' or '!' is excluded, by '+' required, and any
**     other is included (included terms are ORed); a prefix followed by
**     whitespace or the end is dropped, alone;
**   - a term ends at whitespace or at a '"', which opens a phrase;
**   - a phrase runs to the next unescaped '"' or to the end; inside it \"
**     is '"' and \\ is '\', any other backslash stays; a phrase that is
**     only whitespace is dropped, any other is kept as it is (spaces too).
**
** Each term is then lowered as Python's str.lower() lowers it (full Unicode
** lower case, U+0130 to "i" + U+0307, and the Greek final sigma), because
** that is what Prefect binds. The tables are generated from Python
** (tools/gen_unicode_lower.py -> unicode_lower.h).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#include "unicode_lower.h"

/* Python's str.isspace(): bidirectional class WS, B or S, or category Zs. */
static int py_isspace(unsigned int c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int in_ranges(const unsigned int (*a)[2], int n, unsigned int c) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c < a[mid][0]) hi = mid - 1;
    else if (c > a[mid][1]) lo = mid + 1;
    else return 1;
  }
  return 0;
}

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static unsigned int lower_one(unsigned int c) {
  int lo = 0, hi = N_OF(aUnicodeLower) - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c < aUnicodeLower[mid][0]) hi = mid - 1;
    else if (c > aUnicodeLower[mid][0]) lo = mid + 1;
    else return aUnicodeLower[mid][1];
  }
  return c;
}

static int is_cased(unsigned int c) { return in_ranges(aUnicodeCased, N_OF(aUnicodeCased), c); }
static int is_ignorable(unsigned int c) {
  return in_ranges(aUnicodeCaseIgnorable, N_OF(aUnicodeCaseIgnorable), c);
}

static void utf8_put(sqlite3_str *pOut, unsigned int c) {
  char z[4];
  int n;
  if (c < 0x80) { z[0] = (char)c; n = 1; }
  else if (c < 0x800) { z[0] = (char)(0xC0 | (c >> 6)); z[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
  else if (c < 0x10000) {
    z[0] = (char)(0xE0 | (c >> 12)); z[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[2] = (char)(0x80 | (c & 0x3F)); n = 3;
  } else {
    z[0] = (char)(0xF0 | (c >> 18)); z[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    z[2] = (char)(0x80 | ((c >> 6) & 0x3F)); z[3] = (char)(0x80 | (c & 0x3F)); n = 4;
  }
  sqlite3_str_append(pOut, z, n);
}

/* Decode valid UTF-8 (the JSON reader checked it) into code points. */
static int utf8_decode(const char *z, int n, unsigned int *aOut) {
  const unsigned char *u = (const unsigned char *)z;
  int i = 0, k = 0;
  while (i < n) {
    unsigned int c = u[i];
    int nb = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (nb > 1) c &= (0xFF >> (nb + 1));
    for (int j = 1; j < nb && i + j < n; j++) c = (c << 6) | (u[i + j] & 0x3F);
    aOut[k++] = c;
    i += nb;
  }
  return k;
}

/* str.lower() of a[0..n), as UTF-8 into pOut. */
static void py_lower(const unsigned int *a, int n, sqlite3_str *pOut) {
  int i, j;
  for (i = 0; i < n; i++) {
    unsigned int c = a[i];
    if (c == 0x130) {            /* LATIN CAPITAL LETTER I WITH DOT ABOVE */
      utf8_put(pOut, 'i');
      utf8_put(pOut, 0x307);
    } else if (c == 0x3A3) {     /* GREEK CAPITAL LETTER SIGMA */
      int bFinal;
      for (j = i - 1; j >= 0 && is_ignorable(a[j]); j--) {}
      bFinal = j >= 0 && is_cased(a[j]);
      if (bFinal && i + 1 < n) {
        for (j = i + 1; j < n && is_ignorable(a[j]); j++) {}
        bFinal = j == n || !is_cased(a[j]);
      }
      utf8_put(pOut, bFinal ? 0x3C2 : 0x3C3);
    } else {
      utf8_put(pOut, lower_one(c));
    }
  }
}

static int query_add(TextQuery *pQ, TextTermKind e, const unsigned int *a, int n) {
  sqlite3_str *pStr;
  TextTerm *aNew = sqlite3_realloc64(pQ->a, (sqlite3_uint64)(pQ->n + 1) * sizeof(TextTerm));
  if (!aNew) return SQLITE_NOMEM;
  pQ->a = aNew;
  pStr = sqlite3_str_new(0);
  py_lower(a, n, pStr);
  aNew[pQ->n].e = e;
  aNew[pQ->n].n = sqlite3_str_length(pStr);
  if (sqlite3_str_errcode(pStr)) { sqlite3_free(sqlite3_str_finish(pStr)); return SQLITE_NOMEM; }
  aNew[pQ->n].z = sqlite3_str_finish(pStr);
  if (!aNew[pQ->n].z) {  /* an empty term is never added; this is no memory */
    return SQLITE_NOMEM;
  }
  pQ->n++;
  return SQLITE_OK;
}

static TextTermKind kind_of(unsigned int cPrefix) {
  if (cPrefix == '-' || cPrefix == '!') return TEXT_EXCLUDE;
  if (cPrefix == '+') return TEXT_REQUIRED;
  return TEXT_INCLUDE;
}

int text_search_parse(const char *z, int n, TextQuery *pOut) {
  unsigned int *q = 0, *aPhrase = 0;
  int len, i = 0, rc = SQLITE_OK;
  memset(pOut, 0, sizeof(*pOut));
  if (n <= 0) return SQLITE_OK;
  q = sqlite3_malloc64((sqlite3_uint64)n * 2 * sizeof(unsigned int));
  if (!q) return SQLITE_NOMEM;
  aPhrase = q + n;
  len = utf8_decode(z, n, q);
  while (i < len && rc == SQLITE_OK) {
    unsigned int cPrefix = 0;
    if (py_isspace(q[i])) { i++; continue; }
    if (q[i] == '-' || q[i] == '!' || q[i] == '+') {
      /* a prefix counts only when a term follows it at once */
      if (i + 1 < len && !py_isspace(q[i + 1])) { cPrefix = q[i]; i++; }
      else { i++; continue; }
    }
    if (q[i] == '"') {
      int iStart = ++i, nPhrase = 0, k, bContent = 0;
      while (i < len) {
        if (q[i] == '\\' && i + 1 < len) i += 2;
        else if (q[i] == '"') break;
        else i++;
      }
      /* unescape \" and \\; any other backslash stays */
      for (k = iStart; k < i; k++) {
        if (q[k] == '\\' && k + 1 < i && (q[k + 1] == '"' || q[k + 1] == '\\')) k++;
        aPhrase[nPhrase++] = q[k];
      }
      if (i < len) i++;  /* the closing quote */
      for (k = 0; k < nPhrase && !bContent; k++) bContent = !py_isspace(aPhrase[k]);
      if (bContent) rc = query_add(pOut, kind_of(cPrefix), aPhrase, nPhrase);
      continue;
    }
    {
      int iStart = i;
      while (i < len && !py_isspace(q[i]) && q[i] != '"') i++;
      if (i > iStart) rc = query_add(pOut, kind_of(cPrefix), q + iStart, i - iStart);
    }
  }
  sqlite3_free(q);
  if (rc != SQLITE_OK) text_query_clear(pOut);
  return rc;
}

void text_query_clear(TextQuery *pQ) {
  int i;
  for (i = 0; i < pQ->n; i++) sqlite3_free(pQ->a[i].z);
  sqlite3_free(pQ->a);
  memset(pQ, 0, sizeof(*pQ));
}
