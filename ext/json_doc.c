/*
** json_doc.c: turn a request body into a tree of JSON nodes.
**
** The tree itself is SQLite's: json_tree() walks the text and we copy each
** row into a compact node array, so that the compiler can look members up
** by name and report errors with a path. Nothing here knows about Prefect.
**
** Before SQLite sees a body, json_text_check() makes sure it is strict
** RFC 8259 JSON in valid UTF-8, nested at most JSON_MAX_NESTING deep. The
** JSON parser of SQLite 3.40 accepts some malformed text (an array as an
** object key: '{["x"]: 1}') and writes past a heap block while doing so,
** found by our fuzzer; newer versions accept JSON5. Only canonical JSON,
** what Prefect's own json.loads-based server takes, goes further.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

void json_parser_init(JsonParser *p, sqlite3 *db) {
  memset(p, 0, sizeof(*p));
  p->db = db;
}

void json_parser_close(JsonParser *p) {
  int i;
  sqlite3_finalize(p->pTree);
  p->pTree = 0;
  for (i = 0; i < JSON_DOC_CACHE_SIZE; i++) {
    sqlite3_free(p->aCache[i].zText);
    json_doc_free(&p->aCache[i].doc);
    memset(&p->aCache[i], 0, sizeof(p->aCache[i]));
  }
}

int json_doc_acquire(JsonParser *p, const char *zText, int nText, const JsonDoc **ppDoc, char **pzErr) {
  int i, iSlot = -1, rc;
  JsonDoc *pDoc;
  *ppDoc = 0;
  for (i = 0; i < JSON_DOC_CACHE_SIZE; i++) {
    JsonDocEntry *pEntry = &p->aCache[i];
    if (pEntry->zText && pEntry->nText == nText && memcmp(pEntry->zText, zText, nText) == 0) {
      pEntry->nPin++;
      pEntry->iLastUse = ++p->iClock;
      *ppDoc = &pEntry->doc;
      return SQLITE_OK;
    }
    if (pEntry->nPin) continue;
    if (iSlot < 0 || (p->aCache[iSlot].zText && (!pEntry->zText || pEntry->iLastUse < p->aCache[iSlot].iLastUse))) {
      iSlot = i;
    }
  }
  if (nText > JSON_DOC_CACHE_MAX_TEXT) iSlot = -1;
  pDoc = sqlite3_malloc(sizeof(*pDoc));
  if (!pDoc) return SQLITE_NOMEM;
  rc = json_doc_parse(p, zText, nText, pDoc, pzErr);
  if (rc != SQLITE_OK) {
    sqlite3_free(pDoc);
    return rc;
  }
  if (iSlot >= 0) {
    JsonDocEntry *pEntry = &p->aCache[iSlot];
    char *zCopy = sqlite3_malloc(nText + 1);
    if (zCopy) {
      memcpy(zCopy, zText, nText);
      zCopy[nText] = 0;
      sqlite3_free(pEntry->zText);
      json_doc_free(&pEntry->doc);
      pEntry->zText = zCopy;
      pEntry->nText = nText;
      pEntry->doc = *pDoc;   /* the entry owns the tree now */
      pEntry->nPin = 1;
      pEntry->iLastUse = ++p->iClock;
      sqlite3_free(pDoc);
      *ppDoc = &pEntry->doc;
      return SQLITE_OK;
    }
  }
  *ppDoc = pDoc;  /* not cached: json_doc_release frees it */
  return SQLITE_OK;
}

void json_doc_release(JsonParser *p, const JsonDoc *pDoc) {
  int i;
  if (!pDoc) return;
  for (i = 0; i < JSON_DOC_CACHE_SIZE; i++) {
    if (&p->aCache[i].doc == pDoc) {
      p->aCache[i].nPin--;
      return;
    }
  }
  json_doc_free((JsonDoc *)pDoc);
  sqlite3_free((JsonDoc *)pDoc);
}

/* Prepare *ppStmt once; it is kept by the JsonParser for the next body. */
static int parser_prepare(JsonParser *p, sqlite3_stmt **ppStmt, const char *zSql) {
  if (*ppStmt) return SQLITE_OK;
  return sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT, ppStmt, 0);
}

void json_doc_free(JsonDoc *pDoc) {
  sqlite3_free(pDoc->aNode);
  sqlite3_free(pDoc->zArena);
  memset(pDoc, 0, sizeof(*pDoc));
}

static JsonType json_type_from_name(const char *z) {
  switch (z ? z[0] : 0) {
    case 'n': return JT_NULL;
    case 't': return z[1] == 'r' ? JT_TRUE : JT_TEXT;
    case 'f': return JT_FALSE;
    case 'i': return JT_INT;
    case 'r': return JT_REAL;
    case 'a': return JT_ARRAY;
    default: return JT_OBJECT;
  }
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

static int is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Index just past the JSON string starting at z[i] ('"'), or -(1 + the
** index of the first bad byte). */
static int check_string(const unsigned char *z, int n, int i) {
  for (i++; i < n;) {
    unsigned char c = z[i];
    if (c == '"') return i + 1;
    if (c < 0x20) return -(i + 1);
    if (c == '\\') {
      if (i + 1 >= n) return -(n + 1);
      c = z[i + 1];
      if (c == 'u') {
        int k;
        if (i + 6 > n) return -(n + 1);
        for (k = 2; k < 6; k++) {
          char h = (char)z[i + k];
          if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return -(i + k + 1);
        }
        i += 6;
      } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
        i += 2;
      } else {
        return -(i + 2);
      }
    } else {
      int nSeq = utf8_length(z + i, n - i);
      if (nSeq == 0) return -(i + 1);
      i += nSeq;
    }
  }
  return -(n + 1);
}

/* Index just past the JSON number at z[i], or -(1 + the bad index). */
static int check_number(const unsigned char *z, int n, int i) {
  int nDigit = 0;
  if (i < n && z[i] == '-') i++;
  if (i < n && z[i] == '0') i++, nDigit = 1;
  else for (; i < n && z[i] >= '0' && z[i] <= '9'; i++) nDigit++;
  if (nDigit == 0) return -(i + 1);
  if (i < n && z[i] == '.') {
    for (i++, nDigit = 0; i < n && z[i] >= '0' && z[i] <= '9'; i++) nDigit++;
    if (nDigit == 0) return -(i + 1);
  }
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    i++;
    if (i < n && (z[i] == '+' || z[i] == '-')) i++;
    for (nDigit = 0; i < n && z[i] >= '0' && z[i] <= '9'; i++) nDigit++;
    if (nDigit == 0) return -(i + 1);
  }
  return i;
}

/* After an object's '{' or ',': a string key, then ':'. The index after
** the colon, or -(1 + the bad index). */
static int check_key(const unsigned char *z, int n, int i) {
  while (i < n && is_json_space((char)z[i])) i++;
  if (i >= n || z[i] != '"') return -(i + 1);
  i = check_string(z, n, i);
  if (i < 0) return i;
  while (i < n && is_json_space((char)z[i])) i++;
  if (i >= n || z[i] != ':') return -(i + 1);
  return i + 1;
}

/*
** Is z strict JSON? Iterative (a stack of open containers, no recursion),
** so any nesting is safe to check. Returns 0 when it is, else the 1-based
** byte position of the first problem; *pbTooDeep tells a nesting problem.
*/
int json_text_check(const char *zText, int n, int *pbTooDeep) {
  const unsigned char *z = (const unsigned char *)zText;
  char aStack[JSON_MAX_NESTING];  /* '{' or '[' per open container */
  int nStack = 0, i = 0;
  int bValue = 1;                 /* a value is expected next (else , : ] }) */
  *pbTooDeep = 0;
  for (;;) {
    while (i < n && is_json_space((char)z[i])) i++;
    if (i >= n) return (nStack == 0 && !bValue) ? 0 : n + 1;
    if (bValue) {
      unsigned char c = z[i];
      if (c == '{' || c == '[') {
        if (nStack >= JSON_MAX_NESTING) { *pbTooDeep = 1; return i + 1; }
        aStack[nStack++] = (char)c;
        i++;
        while (i < n && is_json_space((char)z[i])) i++;
        if (i < n && z[i] == (c == '{' ? '}' : ']')) { nStack--; i++; bValue = 0; continue; }
        if (c == '{') {  /* a key must follow */
          i = check_key(z, n, i);
          if (i < 0) return -i;
        }
        continue;
      }
      if (c == '"') i = check_string(z, n, i);
      else if (c == '-' || (c >= '0' && c <= '9')) i = check_number(z, n, i);
      else if (n - i >= 4 && memcmp(z + i, "true", 4) == 0) i += 4;
      else if (n - i >= 5 && memcmp(z + i, "false", 5) == 0) i += 5;
      else if (n - i >= 4 && memcmp(z + i, "null", 4) == 0) i += 4;
      else return i + 1;
      if (i < 0) return -i;
      bValue = 0;
      continue;
    }
    /* after a value: the end, a comma, or the close of its container */
    if (nStack == 0) return i + 1;
    if (z[i] == (aStack[nStack - 1] == '{' ? '}' : ']')) { nStack--; i++; continue; }
    if (z[i] != ',') return i + 1;
    i++;
    bValue = 1;
    if (aStack[nStack - 1] == '{') {
      i = check_key(z, n, i);
      if (i < 0) return -i;
    }
  }
}

/* Index of the node whose json_tree id is iId (ids grow in document order). */
static int node_by_id(const sqlite3_int64 *aId, int n, sqlite3_int64 iId) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (aId[mid] == iId) return mid;
    if (aId[mid] < iId) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

int json_doc_parse(JsonParser *p, const char *zText, int nText, JsonDoc *pDoc, char **pzErr) {
  int rc;
  int nAlloc = 0;
  int nArena = 0;
  int nArenaAlloc = nText + 16;  /* unescaped strings never outgrow their quoted form */
  sqlite3_int64 *aId = 0;        /* json_tree id of each node, for parent lookup */
  int *aLast = 0;                /* last child of each node, while linking */

  memset(pDoc, 0, sizeof(*pDoc));
  *pzErr = 0;

  {
    int bTooDeep = 0;
    int iBad = json_text_check(zText, nText, &bTooDeep);
    if (iBad) {
      *pzErr = bTooDeep ? sqlite3_mprintf("prefect: body: nested deeper than %d levels", JSON_MAX_NESTING)
                        : sqlite3_mprintf("prefect: body: not valid JSON (at byte %d)", iBad);
      return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    }
  }

  rc = parser_prepare(p, &p->pTree, "SELECT id, parent, key, type, atom FROM json_tree(?1)");
  if (rc != SQLITE_OK) goto sqlite_error;
  pDoc->zArena = sqlite3_malloc(nArenaAlloc);
  if (!pDoc->zArena) return SQLITE_NOMEM;
  sqlite3_bind_text(p->pTree, 1, zText, nText, SQLITE_STATIC);
  while ((rc = sqlite3_step(p->pTree)) == SQLITE_ROW) {
    JsonNode *pNode;
    int iParent = -1;
    if (pDoc->nNode >= nAlloc) {
      int nNew = nAlloc ? nAlloc * 2 : 32;
      JsonNode *aNew = sqlite3_realloc64(pDoc->aNode, (sqlite3_uint64)nNew * sizeof(JsonNode));
      sqlite3_int64 *aNewId = sqlite3_realloc64(aId, (sqlite3_uint64)nNew * sizeof(sqlite3_int64));
      int *aNewLast = sqlite3_realloc64(aLast, (sqlite3_uint64)nNew * sizeof(int));
      if (aNew) pDoc->aNode = aNew;
      if (aNewId) aId = aNewId;
      if (aNewLast) aLast = aNewLast;
      if (!aNew || !aNewId || !aNewLast) { rc = SQLITE_NOMEM; break; }
      nAlloc = nNew;
    }
    pNode = &pDoc->aNode[pDoc->nNode];
    memset(pNode, 0, sizeof(*pNode));
    pNode->iFirst = pNode->iNext = -1;
    aId[pDoc->nNode] = sqlite3_column_int64(p->pTree, 0);
    aLast[pDoc->nNode] = -1;
    pNode->eType = json_type_from_name((const char *)sqlite3_column_text(p->pTree, 3));
    if (sqlite3_column_type(p->pTree, 1) != SQLITE_NULL) {
      iParent = node_by_id(aId, pDoc->nNode, sqlite3_column_int64(p->pTree, 1));
      if (iParent < 0) { rc = SQLITE_CORRUPT; break; }
    }
    if (iParent >= 0 && pDoc->aNode[iParent].eType == JT_OBJECT) {
      const char *z = (const char *)sqlite3_column_text(p->pTree, 2);
      int n = sqlite3_column_bytes(p->pTree, 2);
      if (nArena + n + 1 > nArenaAlloc) { rc = SQLITE_CORRUPT; break; }
      if (n) memcpy(pDoc->zArena + nArena, z, n);
      pDoc->zArena[nArena + n] = 0;
      pNode->zKey = (const char *)(size_t)(nArena + 1); /* offset+1 until the arena is final */
      pNode->nKey = n;
      nArena += n + 1;
    }
    switch (pNode->eType) {
      case JT_TEXT: {
        const char *z = (const char *)sqlite3_column_text(p->pTree, 4);
        int n = sqlite3_column_bytes(p->pTree, 4);
        if (nArena + n + 1 > nArenaAlloc) { rc = SQLITE_CORRUPT; break; }
        if (n) memcpy(pDoc->zArena + nArena, z, n);
        pDoc->zArena[nArena + n] = 0;
        pNode->zText = (const char *)(size_t)(nArena + 1);
        pNode->nText = n;
        nArena += n + 1;
        break;
      }
      case JT_INT:
        /* an integer beyond 64 bits arrives as a REAL: keep it one, so that
        ** it is rejected where an integer is expected, never clamped */
        if (sqlite3_column_type(p->pTree, 4) == SQLITE_FLOAT) {
          pNode->eType = JT_REAL;
          pNode->rVal = sqlite3_column_double(p->pTree, 4);
        } else {
          pNode->iVal = sqlite3_column_int64(p->pTree, 4);
          pNode->rVal = (double)pNode->iVal;
        }
        break;
      case JT_REAL:
        pNode->rVal = sqlite3_column_double(p->pTree, 4);
        break;
      default:
        break;
    }
    if (rc != SQLITE_ROW) break;
    if (iParent >= 0) {
      JsonNode *pParent = &pDoc->aNode[iParent];
      if (aLast[iParent] < 0) pParent->iFirst = pDoc->nNode;
      else pDoc->aNode[aLast[iParent]].iNext = pDoc->nNode;
      aLast[iParent] = pDoc->nNode;
      pParent->nChild++;
    }
    pDoc->nNode++;
  }
  sqlite3_reset(p->pTree);
  sqlite3_free(aId);
  sqlite3_free(aLast);
  if (rc != SQLITE_DONE) {
    json_doc_free(pDoc);
    if (rc == SQLITE_NOMEM) return rc;
    goto sqlite_error;
  }
  if (pDoc->nNode == 0) {
    json_doc_free(pDoc);
    *pzErr = sqlite3_mprintf("prefect: body: not valid JSON");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  /* The arena no longer moves: turn the stored offsets (+1, so that 0 still
  ** means "none") into pointers. */
  {
    int i;
    for (i = 0; i < pDoc->nNode; i++) {
      JsonNode *pNode = &pDoc->aNode[i];
      if (pNode->zKey) pNode->zKey = pDoc->zArena + ((size_t)pNode->zKey - 1);
      if (pNode->zText) pNode->zText = pDoc->zArena + ((size_t)pNode->zText - 1);
    }
  }
  return SQLITE_OK;

sqlite_error:
  *pzErr = sqlite3_mprintf("prefect: body: %s", sqlite3_errmsg(p->db));
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
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

/* Append z as a JSON string, escaping what JSON requires. */
static void render_string(sqlite3_str *pOut, const char *z, int n, int *pBudget) {
  int i;
  sqlite3_str_appendchar(pOut, 1, '"');
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)z[i];
    if ((c & 0xC0) != 0x80) {  /* count characters, never cut one in half */
      if (*pBudget <= 0) break;
      (*pBudget)--;
    }
    if (c == '"' || c == '\\') sqlite3_str_appendf(pOut, "\\%c", c);
    else if (c == '\n') sqlite3_str_appendall(pOut, "\\n");
    else if (c == '\t') sqlite3_str_appendall(pOut, "\\t");
    else if (c < 0x20) sqlite3_str_appendf(pOut, "\\u%04x", c);
    else sqlite3_str_appendchar(pOut, 1, (char)c);
  }
  if (i < n) sqlite3_str_appendall(pOut, "...");
  sqlite3_str_appendchar(pOut, 1, '"');
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
