/*
** json_doc.c: turn a request body into a tree of JSON nodes.
**
** One iterative pass checks that the body is strict RFC 8259 JSON in valid
** UTF-8 (what Prefect's json.loads-based server takes, minus NaN) and
** builds a compact node array, so that the compiler can look members up by
** name and report errors with a path and a byte position. Nothing here
** knows about Prefect.
**
** The bodies used to be walked with SQLite's json_tree(). SQLite 3.40's
** JSON parser accepts an array as an object key ('{["x"]: 1}') and writes
** past a heap block doing so (found by our fuzzer), and it ends a string at
** an escaped NUL (\u0000), which Prefect keeps. So user text no longer
** reaches it; the SQL we generate still uses json_each() on lists we
** serialise ourselves.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>
#include <string.h>

int json_c_locale_enter(JsonCLocale *p) {
  p->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  if (p->c == (locale_t)0) return 0;
  p->old = uselocale(p->c);
  return 1;
}

void json_c_locale_leave(JsonCLocale *p) {
  uselocale(p->old);
  freelocale(p->c);
}

int json_strtod(const char *z, double *pr) {
  JsonCLocale loc;
  if (!json_c_locale_enter(&loc)) return SQLITE_NOMEM;
  *pr = strtod(z, 0);
  json_c_locale_leave(&loc);
  return SQLITE_OK;
}

void json_parser_init(JsonParser *p, sqlite3 *db) {
  memset(p, 0, sizeof(*p));
  p->db = db;
}

void json_parser_close(JsonParser *p) {
  (void)p;  /* nothing is held */
}

void json_doc_free(JsonDoc *pDoc) {
  sqlite3_free(pDoc->aNode);
  sqlite3_free(pDoc->zArena);
  memset(pDoc, 0, sizeof(*pDoc));
}

/* The length of the UTF-8 sequence at z (at most n bytes), 0 if invalid:
** no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_length(const unsigned char *z, int n) {
  int nSeq, i;
  unsigned int c = z[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  nSeq = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (nSeq == 0 || nSeq > n) return 0;
  for (i = 1; i < nSeq; i++) if ((z[i] & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && z[1] < 0xA0) return 0;   /* overlong */
  if (c == 0xED && z[1] >= 0xA0) return 0;  /* surrogate */
  if (c == 0xF0 && z[1] < 0x90) return 0;   /* overlong */
  if (c == 0xF4 && z[1] >= 0x90) return 0;  /* above U+10FFFF */
  return nSeq;
}

int json_utf8_valid(const unsigned char *z, int n) {
  int i = 0;
  while (i < n) {
    int nSeq = utf8_length(z + i, n - i);
    if (nSeq == 0) return 0;
    i += nSeq;
  }
  return 1;
}

/* The parser's state: the input, the tree being built, the open containers. */
typedef struct Builder {
  const unsigned char *z;     /* the text, n bytes; i is the position */
  int n, i;
  JsonDoc *pDoc;
  int nAlloc;                 /* nodes allocated in pDoc->aNode */
  int nArena;                 /* bytes used in pDoc->zArena */
  int aOpen[JSON_MAX_NESTING];  /* node of each open container */
  int aLast[JSON_MAX_NESTING];  /* its last child so far, or -1 */
  int nOpen;
  int iErr;                   /* 1-based byte position of the first problem, 0: none */
  int bTooDeep, bNoMem;
} Builder;

static void skip_space(Builder *b) {
  while (b->i < b->n && (b->z[b->i] == ' ' || b->z[b->i] == '\t' || b->z[b->i] == '\n' || b->z[b->i] == '\r')) {
    b->i++;
  }
}

static int fail_at(Builder *b, int i) {
  if (!b->iErr) b->iErr = i + 1;
  return -1;
}

/* A new node, linked under the innermost open container; its index or -1.
** oKey/nKey: the member name already decoded into the arena (oKey < 0: none). */
static int add_node(Builder *b, JsonType eType, int oKey, int nKey) {
  JsonDoc *pDoc = b->pDoc;
  JsonNode *pNode;
  int iNode = pDoc->nNode;
  if (iNode >= b->nAlloc) {
    int nNew = b->nAlloc ? b->nAlloc * 2 : 32;
    JsonNode *aNew = sqlite3_realloc64(pDoc->aNode, (sqlite3_uint64)nNew * sizeof(JsonNode));
    if (!aNew) { b->bNoMem = 1; return -1; }
    pDoc->aNode = aNew;
    b->nAlloc = nNew;
  }
  pNode = &pDoc->aNode[iNode];
  memset(pNode, 0, sizeof(*pNode));
  pNode->eType = eType;
  pNode->iFirst = pNode->iNext = -1;
  pNode->zKey = oKey >= 0 ? (const char *)(size_t)(oKey + 1) : 0;  /* offset+1 until the arena is final */
  pNode->nKey = nKey;
  if (b->nOpen > 0) {
    int iParent = b->aOpen[b->nOpen - 1];
    if (b->aLast[b->nOpen - 1] < 0) pDoc->aNode[iParent].iFirst = iNode;
    else pDoc->aNode[b->aLast[b->nOpen - 1]].iNext = iNode;
    b->aLast[b->nOpen - 1] = iNode;
    pDoc->aNode[iParent].nChild++;
  }
  pDoc->nNode++;
  return iNode;
}

int json_hex_digit(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The 4 hex digits at z[i], or -1. */
static int hex4(Builder *b, int i) {
  int k, v = 0;
  if (i + 4 > b->n) return -1;
  for (k = 0; k < 4; k++) {
    int h = json_hex_digit(b->z[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

static void put_utf8(char *z, int *pn, unsigned int c) {
  if (c < 0x80) z[(*pn)++] = (char)c;
  else if (c < 0x800) { z[(*pn)++] = (char)(0xC0 | (c >> 6)); z[(*pn)++] = (char)(0x80 | (c & 0x3F)); }
  else if (c < 0x10000) {
    z[(*pn)++] = (char)(0xE0 | (c >> 12));
    z[(*pn)++] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[(*pn)++] = (char)(0x80 | (c & 0x3F));
  } else {
    z[(*pn)++] = (char)(0xF0 | (c >> 18));
    z[(*pn)++] = (char)(0x80 | ((c >> 12) & 0x3F));
    z[(*pn)++] = (char)(0x80 | ((c >> 6) & 0x3F));
    z[(*pn)++] = (char)(0x80 | (c & 0x3F));
  }
}

/*
** The string at z[i] ('"'), decoded into the arena (NUL bytes from \u0000
** kept: lengths are explicit). Decoding never grows a string, so the arena,
** as long as the text, always has room. Returns the arena offset, or -1.
*/
static int read_string(Builder *b, int *pnOut) {
  char *zOut = b->pDoc->zArena + b->nArena;
  int n = 0, i = b->i + 1;
  while (i < b->n) {
    unsigned char c = b->z[i];
    if (c == '"') {
      int o = b->nArena;
      zOut[n] = 0;
      b->nArena += n + 1;
      b->i = i + 1;
      *pnOut = n;
      return o;
    }
    if (c < 0x20) return fail_at(b, i);
    if (c == '\\') {
      if (i + 1 >= b->n) return fail_at(b, b->n);
      c = b->z[i + 1];
      switch (c) {
        case '"': case '\\': case '/': zOut[n++] = (char)c; i += 2; break;
        case 'b': zOut[n++] = '\b'; i += 2; break;
        case 'f': zOut[n++] = '\f'; i += 2; break;
        case 'n': zOut[n++] = '\n'; i += 2; break;
        case 'r': zOut[n++] = '\r'; i += 2; break;
        case 't': zOut[n++] = '\t'; i += 2; break;
        case 'u': {
          int v = hex4(b, i + 2);
          if (v < 0) return fail_at(b, i);
          i += 6;
          if (v >= 0xD800 && v < 0xDC00 && i + 1 < b->n && b->z[i] == '\\' && b->z[i + 1] == 'u') {
            int w = hex4(b, i + 2);
            if (w >= 0xDC00 && w < 0xE000) {
              v = 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00);
              i += 6;
            }
          }
          /* a lone surrogate has no UTF-8 form: U+FFFD, as a decoder would */
          if (v >= 0xD800 && v < 0xE000) v = 0xFFFD;
          put_utf8(zOut, &n, (unsigned int)v);
          break;
        }
        default:
          return fail_at(b, i + 1);
      }
    } else {
      int nSeq = utf8_length(b->z + i, b->n - i);
      if (nSeq == 0) return fail_at(b, i);
      memcpy(zOut + n, b->z + i, nSeq);
      n += nSeq;
      i += nSeq;
    }
  }
  return fail_at(b, b->n);
}

/* The source text of the number node iNode (z[iStart..b->i)), kept in the
** arena as zText: writers that must reproduce a number exactly (Python's
** json.dumps, json_python.c) start from it. A number and its delimiter or
** the end of the text are at least as long as the copy and its NUL, so the
** arena (text length + 1) still has room. */
static void keep_number_text(Builder *b, int iNode, int iStart) {
  int n = b->i - iStart;
  memcpy(b->pDoc->zArena + b->nArena, b->z + iStart, n);
  b->pDoc->zArena[b->nArena + n] = 0;
  b->pDoc->aNode[iNode].zText = (const char *)(size_t)(b->nArena + 1);
  b->pDoc->aNode[iNode].nText = n;
  b->nArena += n + 1;
}

/* The number at z[i]: JT_INT when it is an integer that fits in 64 bits,
** else JT_REAL, the nearest double (as Python's float() reads it), through
** json_strtod (not strtod, whose decimal point follows the host's locale). */
static int read_number(Builder *b, int oKey, int nKey) {
  const unsigned char *z = b->z;
  int iStart = b->i;
  int i = b->i, n = b->n, bNeg = 0, nInt = 0, nFrac = 0, bExpNeg = 0, iNode;
  sqlite3_uint64 u = 0;
  int bOverflow = 0, iExp = 0, oText;
  double r;
  if (i < n && z[i] == '-') bNeg = 1, i++;
  if (i < n && z[i] == '0') i++, nInt = 1;
  else {
    for (; i < n && z[i] >= '0' && z[i] <= '9'; i++, nInt++) {
      if (u <= (0xffffffffffffffffULL - 9) / 10) u = u * 10 + (z[i] - '0');
      else bOverflow = 1;
    }
  }
  if (nInt == 0) return fail_at(b, i);
  if (i < n && z[i] == '.') {
    for (i++; i < n && z[i] >= '0' && z[i] <= '9'; i++) nFrac++;
    if (nFrac == 0) return fail_at(b, i);
  }
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    int nExp = 0;
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) bExpNeg = z[i] == '-', i++;
    for (; i < n && z[i] >= '0' && z[i] <= '9'; i++, nExp++) if (iExp < 100000) iExp = iExp * 10 + (z[i] - '0');
    if (nExp == 0) return fail_at(b, i);
    if (bExpNeg) iExp = -iExp;
  }
  b->i = i;
  if (nFrac == 0 && iExp == 0 && !bOverflow && u <= (bNeg ? 0x8000000000000000ULL : 0x7fffffffffffffffULL)) {
    iNode = add_node(b, JT_INT, oKey, nKey);
    if (iNode < 0) return -1;
    keep_number_text(b, iNode, iStart);
    b->pDoc->aNode[iNode].iVal = bNeg ? (sqlite3_int64)(0 - u) : (sqlite3_int64)u;
    b->pDoc->aNode[iNode].rVal = (double)b->pDoc->aNode[iNode].iVal;
    return iNode;
  }
  iNode = add_node(b, JT_REAL, oKey, nKey);
  if (iNode < 0) return -1;
  oText = b->nArena;
  keep_number_text(b, iNode, iStart);  /* NUL-terminated in the arena, sign included */
  if (json_strtod(b->pDoc->zArena + oText, &r) != SQLITE_OK) { b->bNoMem = 1; return -1; }
  b->pDoc->aNode[iNode].rVal = r;
  return iNode;
}

/* After '{' or ',' in an object: a key and ':'. The key's arena offset, or -1. */
static int read_key(Builder *b, int *pnKey) {
  int oKey;
  skip_space(b);
  if (b->i >= b->n || b->z[b->i] != '"') return fail_at(b, b->i);
  oKey = read_string(b, pnKey);
  if (oKey < 0) return -1;
  skip_space(b);
  if (b->i >= b->n || b->z[b->i] != ':') return fail_at(b, b->i);
  b->i++;
  return oKey;
}

/*
** Strict RFC 8259 JSON in valid UTF-8 -> nodes in document order.
** Iterative: a stack of open containers, so no input can exhaust the C
** stack; nesting beyond JSON_MAX_NESTING is refused.
*/
static void build(Builder *b) {
  int oKey = -1, nKey = 0;
  for (;;) {
    /* a value */
    skip_space(b);
    if (b->i >= b->n) { fail_at(b, b->n); return; }
    switch (b->z[b->i]) {
      case '{':
      case '[': {
        int bObject = b->z[b->i] == '{';
        int iNode;
        if (b->nOpen >= JSON_MAX_NESTING) { b->bTooDeep = 1; fail_at(b, b->i); return; }
        iNode = add_node(b, bObject ? JT_OBJECT : JT_ARRAY, oKey, nKey);
        if (iNode < 0) return;
        b->aOpen[b->nOpen] = iNode;
        b->aLast[b->nOpen++] = -1;
        b->i++;
        skip_space(b);
        if (b->i < b->n && b->z[b->i] == (bObject ? '}' : ']')) {
          b->nOpen--;
          b->i++;
          break;  /* an empty container is a complete value */
        }
        if (bObject) {
          oKey = read_key(b, &nKey);
          if (oKey < 0) return;
        } else {
          oKey = -1;
        }
        continue;  /* its first member */
      }
      case '"': {
        int nText = 0, oText = read_string(b, &nText), iNode;
        if (oText < 0) return;
        iNode = add_node(b, JT_TEXT, oKey, nKey);
        if (iNode < 0) return;
        b->pDoc->aNode[iNode].zText = (const char *)(size_t)(oText + 1);
        b->pDoc->aNode[iNode].nText = nText;
        break;
      }
      case 't':
        if (b->n - b->i < 4 || memcmp(b->z + b->i, "true", 4)) { fail_at(b, b->i); return; }
        if (add_node(b, JT_TRUE, oKey, nKey) < 0) return;
        b->i += 4;
        break;
      case 'f':
        if (b->n - b->i < 5 || memcmp(b->z + b->i, "false", 5)) { fail_at(b, b->i); return; }
        if (add_node(b, JT_FALSE, oKey, nKey) < 0) return;
        b->i += 5;
        break;
      case 'n':
        if (b->n - b->i < 4 || memcmp(b->z + b->i, "null", 4)) { fail_at(b, b->i); return; }
        if (add_node(b, JT_NULL, oKey, nKey) < 0) return;
        b->i += 4;
        break;
      default:
        if (b->z[b->i] != '-' && (b->z[b->i] < '0' || b->z[b->i] > '9')) { fail_at(b, b->i); return; }
        if (read_number(b, oKey, nKey) < 0) return;
        break;
    }
    /* after a value: close containers, then a comma or the end */
    for (;;) {
      skip_space(b);
      if (b->nOpen == 0) {
        if (b->i < b->n) fail_at(b, b->i);
        return;
      }
      if (b->i >= b->n) { fail_at(b, b->n); return; }
      if (b->z[b->i] == (b->pDoc->aNode[b->aOpen[b->nOpen - 1]].eType == JT_OBJECT ? '}' : ']')) {
        b->nOpen--;
        b->i++;
        continue;
      }
      if (b->z[b->i] != ',') { fail_at(b, b->i); return; }
      b->i++;
      if (b->pDoc->aNode[b->aOpen[b->nOpen - 1]].eType == JT_OBJECT) {
        oKey = read_key(b, &nKey);
        if (oKey < 0) return;
      } else {
        oKey = -1;
      }
      break;
    }
  }
}

int json_doc_parse(const char *zText, int nText, JsonDoc *pDoc, char **pzErr) {
  Builder *b;
  int i;
  memset(pDoc, 0, sizeof(*pDoc));
  *pzErr = 0;
  b = sqlite3_malloc(sizeof(*b));  /* 4 KiB of stack would do, but hosts may run on small stacks */
  pDoc->zArena = sqlite3_malloc(nText + 1);
  if (!b || !pDoc->zArena) {
    sqlite3_free(b);
    json_doc_free(pDoc);
    return SQLITE_NOMEM;
  }
  memset(b, 0, sizeof(*b));
  b->z = (const unsigned char *)zText;
  b->n = nText;
  b->pDoc = pDoc;
  build(b);
  if (b->bNoMem || b->iErr) {
    int bNoMem = b->bNoMem;
    if (!bNoMem) {
      *pzErr = b->bTooDeep ? sqlite3_mprintf("prefect: body: nested deeper than %d levels", JSON_MAX_NESTING)
                           : sqlite3_mprintf("prefect: body: not valid JSON (at byte %d)", b->iErr);
    }
    sqlite3_free(b);
    json_doc_free(pDoc);
    return bNoMem || !*pzErr ? SQLITE_NOMEM : SQLITE_ERROR;
  }
  sqlite3_free(b);
  /* The arena no longer moves: offsets (+1, so that 0 means none) become pointers. */
  for (i = 0; i < pDoc->nNode; i++) {
    JsonNode *pNode = &pDoc->aNode[i];
    if (pNode->zKey) pNode->zKey = pDoc->zArena + ((size_t)pNode->zKey - 1);
    if (pNode->zText) pNode->zText = pDoc->zArena + ((size_t)pNode->zText - 1);
  }
  return SQLITE_OK;
}

int json_text_check(const char *zText, int nText, int *pbTooDeep) {
  JsonDoc doc;
  char *zErr = 0;
  int rc, iBad = 0;
  rc = json_doc_parse(zText, nText, &doc, &zErr);
  *pbTooDeep = zErr && strstr(zErr, "nested deeper") != 0;
  if (rc != SQLITE_OK) {
    const char *zAt = zErr ? strstr(zErr, "at byte ") : 0;
    iBad = zAt ? atoi(zAt + 8) : 1;
    if (*pbTooDeep) iBad = JSON_MAX_NESTING + 1;
  }
  sqlite3_free(zErr);
  json_doc_free(&doc);
  return iBad;
}

int json_doc_member(const JsonDoc *pDoc, int iObj, const char *zKey) {
  int nKey = (int)strlen(zKey);
  int i, iFound = -1;
  if (iObj < 0 || pDoc->aNode[iObj].eType != JT_OBJECT) return -1;
  for (i = pDoc->aNode[iObj].iFirst; i >= 0; i = pDoc->aNode[i].iNext) {
    const JsonNode *pNode = &pDoc->aNode[i];
    if (pNode->nKey == nKey && memcmp(pNode->zKey, zKey, nKey) == 0) iFound = i;
  }
  return iFound;
}

/* Append z as a JSON string of at most *pBudget characters (cut with "..."). */
static void render_string(sqlite3_str *pOut, const char *z, int n, int *pBudget) {
  int i;
  for (i = 0; i < n; i++) {
    if (((unsigned char)z[i] & 0xC0) != 0x80) {  /* count characters, never cut one in half */
      if (*pBudget <= 0) break;
      (*pBudget)--;
    }
  }
  json_write_string(pOut, z, i, i < n ? JSON_STRING_CUT : 0);
}

static void render_node(const JsonDoc *pDoc, int i, sqlite3_str *pOut, int *pBudget) {
  const JsonNode *pNode = &pDoc->aNode[i];
  int iChild;
  if (*pBudget <= 0) { sqlite3_str_appendall(pOut, "..."); return; }
  switch (pNode->eType) {
    case JT_NULL: sqlite3_str_appendall(pOut, "null"); *pBudget -= 4; break;
    case JT_TRUE: sqlite3_str_appendall(pOut, "true"); *pBudget -= 4; break;
    case JT_FALSE: sqlite3_str_appendall(pOut, "false"); *pBudget -= 5; break;
    case JT_INT: sqlite3_str_appendf(pOut, "%lld", pNode->iVal); *pBudget -= 8; break;
    case JT_REAL: sqlite3_str_appendf(pOut, "%!.15g", pNode->rVal); *pBudget -= 8; break;
    case JT_TEXT: render_string(pOut, pNode->zText, pNode->nText, pBudget); break;
    case JT_ARRAY:
    case JT_OBJECT:
      /* brackets count too: a deeply nested value still renders short */
      (*pBudget)--;
      sqlite3_str_appendchar(pOut, 1, pNode->eType == JT_ARRAY ? '[' : '{');
      for (iChild = pNode->iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext) {
        if (iChild != pNode->iFirst) sqlite3_str_appendall(pOut, ", ");
        if (*pBudget <= 0) { sqlite3_str_appendall(pOut, "..."); break; }
        if (pNode->eType == JT_OBJECT) {
          const JsonNode *pChild = &pDoc->aNode[iChild];
          render_string(pOut, pChild->zKey, pChild->nKey, pBudget);
          sqlite3_str_appendall(pOut, ": ");
        }
        render_node(pDoc, iChild, pOut, pBudget);
      }
      sqlite3_str_appendchar(pOut, 1, pNode->eType == JT_ARRAY ? ']' : '}');
      break;
  }
}

/* Decode one UTF-8 sequence of the (valid) text z; its length in *pn. */
static unsigned int utf8_decode(const unsigned char *z, int n, int *pn) {
  unsigned int c = z[0];
  int nSeq = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;
  if (nSeq > n) nSeq = n;
  if (nSeq > 1) c &= 0x3F >> (nSeq - 1);
  for (i = 1; i < nSeq; i++) c = (c << 6) | (z[i] & 0x3F);
  *pn = nSeq;
  return c;
}

void json_write_string(sqlite3_str *pOut, const char *z, int n, unsigned int mFlags) {
  /* the short escapes JSON has for control characters */
  static const char aShort[0x20] = {
    0, 0, 0, 0, 0, 0, 0, 0, 'b', 't', 'n', 0, 'f', 'r', 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  const unsigned char *zu = (const unsigned char *)z;
  unsigned int cMax = (mFlags & JSON_STRING_ASCII) ? 0x7E : 0xFF;  /* bytes above are escaped */
  int i = 0;
  sqlite3_str_appendchar(pOut, 1, '"');
  while (i < n) {
    unsigned char c = zu[i];
    int j = i;
    while (j < n && zu[j] >= 0x20 && zu[j] <= cMax && zu[j] != '"' && zu[j] != '\\') j++;
    if (j > i) {
      sqlite3_str_append(pOut, z + i, j - i);  /* a run written as it is */
      i = j;
    } else if (c == '"' || c == '\\') {
      sqlite3_str_appendchar(pOut, 1, '\\');
      sqlite3_str_appendchar(pOut, 1, (char)c);
      i++;
    } else if (c < 0x20 && aShort[c]) {
      sqlite3_str_appendchar(pOut, 1, '\\');
      sqlite3_str_appendchar(pOut, 1, aShort[c]);
      i++;
    } else if (c < 0x80) {
      sqlite3_str_appendf(pOut, "\\u%04x", c);  /* another control character, or DEL under ensure_ascii */
      i++;
    } else {
      /* ensure_ascii: the code point, as a surrogate pair above U+FFFF */
      int nSeq;
      unsigned int u = utf8_decode(zu + i, n - i, &nSeq);
      if (u > 0xFFFF) {
        u -= 0x10000;
        sqlite3_str_appendf(pOut, "\\u%04x\\u%04x", 0xD800 + (u >> 10), 0xDC00 + (u & 0x3FF));
      } else {
        sqlite3_str_appendf(pOut, "\\u%04x", u);
      }
      i += nSeq;
    }
  }
  if (mFlags & JSON_STRING_CUT) sqlite3_str_appendall(pOut, "...");
  sqlite3_str_appendchar(pOut, 1, '"');
}

/* Compact JSON: no spaces, strings escaped as SQLite's json() escapes
** them. Unlike json(), which keeps a number's text, reals (and integers
** beyond 64 bits) are written with %!.15g. Recursion is bounded by
** JSON_MAX_NESTING, which the reader enforced. */
void json_doc_write(const JsonDoc *pDoc, int i, sqlite3_str *pOut) {
  const JsonNode *pNode = &pDoc->aNode[i];
  int iChild;
  switch (pNode->eType) {
    case JT_NULL: sqlite3_str_appendall(pOut, "null"); break;
    case JT_TRUE: sqlite3_str_appendall(pOut, "true"); break;
    case JT_FALSE: sqlite3_str_appendall(pOut, "false"); break;
    case JT_INT: sqlite3_str_appendf(pOut, "%lld", pNode->iVal); break;
    case JT_REAL: sqlite3_str_appendf(pOut, "%!.15g", pNode->rVal); break;
    case JT_TEXT: json_write_string(pOut, pNode->zText, pNode->nText, 0); break;
    case JT_ARRAY:
    case JT_OBJECT:
      sqlite3_str_appendchar(pOut, 1, pNode->eType == JT_ARRAY ? '[' : '{');
      for (iChild = pNode->iFirst; iChild >= 0; iChild = pDoc->aNode[iChild].iNext) {
        if (iChild != pNode->iFirst) sqlite3_str_appendchar(pOut, 1, ',');
        if (pNode->eType == JT_OBJECT) {
          json_write_string(pOut, pDoc->aNode[iChild].zKey, pDoc->aNode[iChild].nKey, 0);
          sqlite3_str_appendchar(pOut, 1, ':');
        }
        json_doc_write(pDoc, iChild, pOut);
      }
      sqlite3_str_appendchar(pOut, 1, pNode->eType == JT_ARRAY ? ']' : '}');
      break;
  }
}

void json_doc_render(const JsonDoc *pDoc, int i, sqlite3_str *pOut) {
  int nBudget = 60;  /* enough to recognise a value; error messages stay one line */
  render_node(pDoc, i, pOut, &nBudget);
}

void json_path_push_key(JsonPath *p, const char *z, int nz) {
  if (p->n < JSON_PATH_MAX) {
    p->a[p->n].z = z;
    p->a[p->n].nz = nz;
    p->a[p->n].iIndex = 0;
  }
  p->n++;
}

void json_path_push_index(JsonPath *p, int iIndex) {
  if (p->n < JSON_PATH_MAX) {
    p->a[p->n].z = 0;
    p->a[p->n].nz = 0;
    p->a[p->n].iIndex = iIndex;
  }
  p->n++;
}

void json_path_pop(JsonPath *p) {
  if (p->n > 0) p->n--;
}

void json_path_render(const JsonPath *p, sqlite3_str *pOut) {
  int i;
  if (p->n == 0) { sqlite3_str_appendall(pOut, "body"); return; }
  for (i = 0; i < p->n && i < JSON_PATH_MAX; i++) {
    if (p->a[i].z) {
      if (i > 0) sqlite3_str_appendchar(pOut, 1, '.');
      sqlite3_str_append(pOut, p->a[i].z, p->a[i].nz);
    } else {
      sqlite3_str_appendf(pOut, "[%d]", p->a[i].iIndex);
    }
  }
}
