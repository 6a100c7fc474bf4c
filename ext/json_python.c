/*
** json_python.c: JSON text written exactly as Prefect writes it into
** artifact.data and artifact.metadata_, which is Python's json.dumps() with
** its default arguments:
**
**   {"a": [1, 2.5, "\u00e9"], "b": null}
**
**   - ", " and ": " between items, nothing else;
**   - ensure_ascii: everything outside ' '..'~' is a \uXXXX escape (lower
**     case hex, a surrogate pair above U+FFFF), except the short escapes
**     \" \\ \n \r \t \b \f (json_doc.c's json_write_string, JSON_STRING_ASCII);
**   - numbers as Python holds them after json.loads: an integer of any size
**     keeps its digits ("-0" is 0), a float is repr(float): the shortest
**     text that reads back as the same double, "1.0", "1e-05", "1e+16";
**   - a duplicated object key keeps its first position and its last value,
**     as a dict does.
**
** Nothing here knows about artifacts; artifact_write.c decides what to
** write. Recursion is bounded by JSON_MAX_NESTING, which the reader
** enforced.
*/
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int json_python_char_count(const char *z, int n) {
  int i, nChar = 0;
  for (i = 0; i < n; i++) nChar += ((unsigned char)z[i] & 0xC0) != 0x80;
  return nChar;
}

/* The double Python's float() reads from a JSON number (correctly rounded,
** json_strtod). 0 if it does not fit in a double. */
static int read_double(const char *z, int n, double *pr) {
  char aBuf[64];
  char *zCopy = n < (int)sizeof(aBuf) ? aBuf : sqlite3_malloc(n + 1);
  double r;
  int rc;
  if (!zCopy) return -1;
  memcpy(zCopy, z, n);
  zCopy[n] = 0;
  rc = json_strtod(zCopy, &r);
  if (zCopy != aBuf) sqlite3_free(zCopy);
  if (rc != SQLITE_OK) return -1;
  if (!isfinite(r)) return 0;
  *pr = r;
  return 1;
}

/*
** At a power of two the doubles around r are closer together below it than
** above, so the correctly rounded p-digit decimal may miss r while the
** next one up or down still reads back as r: Python (dtoa's shortest mode)
** takes that one. aBuf holds "%.*e" of r ("-d.ddde+XX", at most 17
** digits); if a neighbour in the last digit reads back as r, it replaces
** aBuf (the nearer to r when both do) and 1 is returned. Runs in the "C"
** locale (the caller's).
*/
static int shortest_neighbour(double r, char *aBuf, size_t nBuf) {
  sqlite3_uint64 uDigits = 0;
  int nDigit = 0, iExp, i, k, bNeg = aBuf[0] == '-', bFound = 0;
  long double rBest = 0;
  char aTry[48], aChosen[48];
  for (i = bNeg; aBuf[i] && aBuf[i] != 'e'; i++) {
    if (aBuf[i] >= '0' && aBuf[i] <= '9') uDigits = uDigits * 10 + (sqlite3_uint64)(aBuf[i] - '0'), nDigit++;
  }
  if (!aBuf[i]) return 0;
  iExp = atoi(aBuf + i + 1);
  for (k = -1; k <= 1; k += 2) {
    sqlite3_uint64 u = k < 0 ? uDigits - 1 : uDigits + 1;
    char aDigits[24];
    int n = snprintf(aDigits, sizeof(aDigits), "%llu", (unsigned long long)u);
    long double rDiff;
    if (n != nDigit) continue;  /* a carry or borrow changes the exponent: not a power-of-two case */
    snprintf(aTry, sizeof(aTry), "%s%c%s%se%+03d", bNeg ? "-" : "", aDigits[0], n > 1 ? "." : "", aDigits + 1, iExp);
    if (strtod(aTry, 0) != r) continue;
    rDiff = strtold(aTry, 0) - (long double)r;
    if (rDiff < 0) rDiff = -rDiff;
    if (!bFound || rDiff < rBest) {
      memcpy(aChosen, aTry, sizeof(aTry));
      rBest = rDiff;
      bFound = 1;
    }
  }
  if (bFound) snprintf(aBuf, nBuf, "%s", aChosen);
  return bFound;
}

int json_python_float(double r, sqlite3_str *pOut) {
  char aBuf[40], aDigit[20];
  int nDigit = 0, iExp, iDecPt, p, i;
  JsonCLocale loc;
  const char *zE;
  if (!isfinite(r)) return SQLITE_ERROR;
  /* snprintf and strtod follow LC_NUMERIC: the "C" locale for this thread */
  if (!json_c_locale_enter(&loc)) return SQLITE_NOMEM;
  /* the shortest of %.0e .. %.16e that reads back as r: repr()'s digits */
  for (p = 0; p < 17; p++) {
    snprintf(aBuf, sizeof(aBuf), "%.*e", p, r);
    if (strtod(aBuf, 0) == r) break;
    if (p > 0 && shortest_neighbour(r, aBuf, sizeof(aBuf))) break;
  }
  json_c_locale_leave(&loc);
  /* aBuf is "-d.ddde+XX": the digits and the exponent */
  for (i = 0; aBuf[i] && aBuf[i] != 'e'; i++) {
    if (aBuf[i] >= '0' && aBuf[i] <= '9') aDigit[nDigit++] = aBuf[i];
  }
  zE = aBuf + i + 1;
  iExp = atoi(zE);
  while (nDigit > 1 && aDigit[nDigit - 1] == '0') nDigit--;
  if (signbit(r)) sqlite3_str_appendchar(pOut, 1, '-');
  iDecPt = iExp + 1;  /* value = 0.DIGITS * 10^iDecPt */
  if (iDecPt > -4 && iDecPt <= 16) {
    /* Python's repr: positional notation between 1e-4 and 1e16 */
    if (iDecPt <= 0) {
      sqlite3_str_appendall(pOut, "0.");
      sqlite3_str_appendchar(pOut, -iDecPt, '0');
      sqlite3_str_append(pOut, aDigit, nDigit);
    } else if (iDecPt >= nDigit) {
      sqlite3_str_append(pOut, aDigit, nDigit);
      sqlite3_str_appendchar(pOut, iDecPt - nDigit, '0');
      sqlite3_str_appendall(pOut, ".0");
    } else {
      sqlite3_str_append(pOut, aDigit, iDecPt);
      sqlite3_str_appendchar(pOut, 1, '.');
      sqlite3_str_append(pOut, aDigit + iDecPt, nDigit - iDecPt);
    }
  } else {
    sqlite3_str_appendchar(pOut, 1, aDigit[0]);
    if (nDigit > 1) {
      sqlite3_str_appendchar(pOut, 1, '.');
      sqlite3_str_append(pOut, aDigit + 1, nDigit - 1);
    }
    sqlite3_str_appendf(pOut, "e%c%02d", iExp < 0 ? '-' : '+', iExp < 0 ? -iExp : iExp);
  }
  return SQLITE_OK;
}

/* A JSON number token without fraction or exponent: a Python int. */
static int is_integer_text(const char *z, int n) {
  int i;
  for (i = 0; i < n; i++) {
    if (z[i] == '.' || z[i] == 'e' || z[i] == 'E') return 0;
  }
  return 1;
}

/* Child nodes of object iObj in Python dict order: each key once, at its
** first position, with the node of its last occurrence. Small objects are
** checked pairwise; large ones through a sorted copy, so that a hostile
** object with many keys costs n log n. Returns the count, or -1 (no
** memory); *paOut is sqlite3_malloc'd (the caller frees it). */
typedef struct KeyRef {
  const char *z;
  int n;
  int iNode;   /* the member's node */
  int iPos;    /* its position among the object's members */
} KeyRef;

static int key_ref_cmp(const void *a, const void *b) {
  const KeyRef *p = (const KeyRef *)a, *q = (const KeyRef *)b;
  int nMin = p->n < q->n ? p->n : q->n, c = memcmp(p->z, q->z, nMin);
  if (c) return c;
  if (p->n != q->n) return p->n < q->n ? -1 : 1;
  return p->iPos - q->iPos;
}

static int key_ref_pos_cmp(const void *a, const void *b) {
  return ((const KeyRef *)a)->iPos - ((const KeyRef *)b)->iPos;
}

int json_python_members(const JsonDoc *pDoc, int iObj, int **paOut) {
  const JsonNode *pObj = &pDoc->aNode[iObj];
  KeyRef *aRef;
  int *aOut, nOut = 0, i, j, iChild;
  *paOut = 0;
  aRef = sqlite3_malloc64(sizeof(KeyRef) * (sqlite3_uint64)(pObj->nChild + 1));
  aOut = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)(pObj->nChild + 1));
  if (!aRef || !aOut) {
    sqlite3_free(aRef);
    sqlite3_free(aOut);
    return -1;
  }
  for (i = 0, iChild = pObj->iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext, i++) {
    aRef[i].z = pDoc->aNode[iChild].zKey;
    aRef[i].n = pDoc->aNode[iChild].nKey;
    aRef[i].iNode = iChild;
    aRef[i].iPos = i;
  }
  /* sort by key, then position; keep the first of each run with the last's node */
  qsort(aRef, (size_t)i, sizeof(KeyRef), key_ref_cmp);
  for (j = 0; j < i;) {
    int k = j;
    while (k + 1 < i && aRef[k + 1].n == aRef[j].n && memcmp(aRef[k + 1].z, aRef[j].z, aRef[j].n) == 0) k++;
    aRef[nOut].z = aRef[j].z;
    aRef[nOut].n = aRef[j].n;
    aRef[nOut].iPos = aRef[j].iPos;
    aRef[nOut].iNode = aRef[k].iNode;
    nOut++;
    j = k + 1;
  }
  qsort(aRef, (size_t)nOut, sizeof(KeyRef), key_ref_pos_cmp);
  for (j = 0; j < nOut; j++) aOut[j] = aRef[j].iNode;
  sqlite3_free(aRef);
  *paOut = aOut;
  return nOut;
}

int json_python_write(const JsonDoc *pDoc, int i, sqlite3_str *pOut, char **pzErr) {
  const JsonNode *pNode = &pDoc->aNode[i];
  int rc = SQLITE_OK;
  switch (pNode->eType) {
    case JT_NULL: sqlite3_str_appendall(pOut, "null"); break;
    case JT_TRUE: sqlite3_str_appendall(pOut, "true"); break;
    case JT_FALSE: sqlite3_str_appendall(pOut, "false"); break;
    case JT_INT:
    case JT_REAL:
      if (is_integer_text(pNode->zText, pNode->nText)) {
        /* a Python int: its digits, whatever their number; -0 is 0 */
        if (pNode->nText == 2 && memcmp(pNode->zText, "-0", 2) == 0) sqlite3_str_appendchar(pOut, 1, '0');
        else sqlite3_str_append(pOut, pNode->zText, pNode->nText);
      } else {
        double r = 0;
        int bOk = read_double(pNode->zText, pNode->nText, &r);
        if (bOk < 0) return SQLITE_NOMEM;
        if (!bOk) {
          *pzErr = sqlite3_mprintf("the number %.*s is out of range for a float (Prefect would store "
                                   "Infinity, which is not JSON)", pNode->nText > 40 ? 40 : pNode->nText,
                                   pNode->zText);
          return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
        }
        rc = json_python_float(r, pOut);
      }
      break;
    case JT_TEXT: json_write_string(pOut, pNode->zText, pNode->nText, JSON_STRING_ASCII); break;
    case JT_ARRAY: {
      int iChild;
      sqlite3_str_appendchar(pOut, 1, '[');
      for (iChild = pNode->iFirst; iChild >= 0 && rc == SQLITE_OK; iChild = pDoc->aNode[iChild].iNext) {
        if (iChild != pNode->iFirst) sqlite3_str_appendall(pOut, ", ");
        rc = json_python_write(pDoc, iChild, pOut, pzErr);
      }
      sqlite3_str_appendchar(pOut, 1, ']');
      break;
    }
    case JT_OBJECT: {
      int *aMember = 0, nMember = json_python_members(pDoc, i, &aMember), k;
      if (nMember < 0) return SQLITE_NOMEM;
      sqlite3_str_appendchar(pOut, 1, '{');
      for (k = 0; k < nMember && rc == SQLITE_OK; k++) {
        const JsonNode *pMember = &pDoc->aNode[aMember[k]];
        if (k) sqlite3_str_appendall(pOut, ", ");
        json_write_string(pOut, pMember->zKey, pMember->nKey, JSON_STRING_ASCII);
        sqlite3_str_appendall(pOut, ": ");
        rc = json_python_write(pDoc, aMember[k], pOut, pzErr);
      }
      sqlite3_str_appendchar(pOut, 1, '}');
      sqlite3_free(aMember);
      break;
    }
  }
  return rc;
}
