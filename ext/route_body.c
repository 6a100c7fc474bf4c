/*
** route_body.c: what the dashboard routes read from their bodies and how
** their rows become the answer, apart from the database that answers them:
** prefect_api() (api.c, SQLite) and prefect.api (pg/api_pg_kinds.c,
** PostgreSQL) call the same code, so that a body is read, refused and
** answered alike on both.
**
**   ROUTE_KEYED   (POST /ui/flows/count-deployments, ...): the body's list of
**                 ids, and the object keyed by them made from the rows.
**   ROUTE_BUCKETS (POST /ui/task_runs/dashboard/counts): the time window, the
**                 body the rows are selected by, and the bucket of a row.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

int route_keyed_ids(const RouteDesc *pRoute, const char *zBody, int nBody, RouteIds *pIds, char **pzErr) {
  JsonDoc doc = {0, 0, 0};
  sqlite3_str *pList = 0;
  int iList = -1, iChild, i, j, rc = SQLITE_OK;
  const char *zKey = pRoute->zLookup;

  memset(pIds, 0, sizeof(*pIds));
  if (zBody && nBody > 0) {
    rc = json_doc_parse(zBody, nBody, &doc, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (doc.aNode[0].eType == JT_OBJECT) iList = json_doc_member(&doc, 0, zKey);
  }
  if (iList < 0 || doc.aNode[iList].eType == JT_NULL) {
    *pzErr = sqlite3_mprintf("prefect: %s: field required", zKey);
    rc = SQLITE_ERROR;
    goto done;
  }
  if (doc.aNode[iList].eType != JT_ARRAY) {
    char *zMsg = value_expected(&doc, iList, "a list of UUIDs");
    if (zMsg) *pzErr = sqlite3_mprintf("prefect: %s: %s", zKey, zMsg);
    sqlite3_free(zMsg);
    rc = SQLITE_ERROR;
    goto done;
  }
  if (doc.aNode[iList].nChild > ROUTE_KEYED_MAX_IDS) {
    *pzErr = sqlite3_mprintf("prefect: %s: List should have at most %d items after validation, not %d", zKey,
                             ROUTE_KEYED_MAX_IDS, doc.aNode[iList].nChild);
    rc = SQLITE_ERROR;
    goto done;
  }
  pIds->aId = sqlite3_malloc64(sizeof(*pIds->aId) * (doc.aNode[iList].nChild + 1));
  pList = sqlite3_str_new(0);
  if (!pIds->aId) { rc = SQLITE_NOMEM; goto done; }
  sqlite3_str_appendchar(pList, 1, '[');
  for (iChild = doc.aNode[iList].iFirst, i = 0; iChild >= 0; iChild = doc.aNode[iChild].iNext, i++) {
    char zUuid[37];
    char *zMsg = 0;
    rc = value_read_uuid(&doc, iChild, zUuid, &zMsg);
    if (rc != SQLITE_OK) {
      if (zMsg) *pzErr = sqlite3_mprintf("prefect: %s[%d]: %s", zKey, i, zMsg);
      sqlite3_free(zMsg);
      goto done;
    }
    if (i) sqlite3_str_appendchar(pList, 1, ',');
    json_write_string(pList, zUuid, 36, 0);
    for (j = 0; j < pIds->nId && strcmp(pIds->aId[j], zUuid) != 0; j++) {}
    if (j == pIds->nId) memcpy(pIds->aId[pIds->nId++], zUuid, 37);  /* a dict's key: at its first place */
  }
  sqlite3_str_appendchar(pList, 1, ']');
  if (sqlite3_str_errcode(pList)) rc = SQLITE_NOMEM;
  pIds->zJson = sqlite3_str_finish(pList);
  pList = 0;
  if (!pIds->zJson) rc = SQLITE_NOMEM;

done:
  sqlite3_free(sqlite3_str_finish(pList));
  json_doc_free(&doc);
  if (rc != SQLITE_OK) route_ids_clear(pIds);
  return rc;
}

void route_ids_clear(RouteIds *pIds) {
  sqlite3_free(pIds->aId);
  sqlite3_free(pIds->zJson);
  memset(pIds, 0, sizeof(*pIds));
}

void route_keyed_render(const RouteDesc *pRoute, const RouteIds *pIds, char *const *azKey, char *const *azValue,
                        int nRow, sqlite3_str *pOut) {
  int i, j;
  sqlite3_str_appendchar(pOut, 1, '{');
  for (i = 0; i < pIds->nId; i++) {
    const char *zValue = pRoute->zDefault;
    for (j = nRow - 1; j >= 0; j--) {  /* the last row of the id wins, as in the handler's dict */
      if (strcmp(azKey[j], pIds->aId[i]) == 0) { zValue = azValue[j]; break; }
    }
    if (i) sqlite3_str_appendchar(pOut, 1, ',');
    json_write_string(pOut, pIds->aId[i], 36, 0);
    sqlite3_str_appendf(pOut, ":%s", zValue);
  }
  sqlite3_str_appendchar(pOut, 1, '}');
}

/* The body with member zMember of each object zKey replaced by zValue
** (JSON text): the document written again, member by member. */
static char *body_with_member(const JsonDoc *pDoc, const char *zKey, const char *zMember, const char *zValue) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i, j, bFirst = 1;
  sqlite3_str_appendchar(pStr, 1, '{');
  for (i = pDoc->aNode[0].iFirst; i >= 0; i = pDoc->aNode[i].iNext) {
    const JsonNode *p = &pDoc->aNode[i];
    if (!bFirst) sqlite3_str_appendchar(pStr, 1, ',');
    bFirst = 0;
    json_write_string(pStr, p->zKey, p->nKey, 0);
    sqlite3_str_appendchar(pStr, 1, ':');
    if (p->eType != JT_OBJECT || (int)strlen(zKey) != p->nKey || memcmp(p->zKey, zKey, p->nKey) != 0) {
      json_doc_write(pDoc, i, pStr);
      continue;
    }
    sqlite3_str_appendchar(pStr, 1, '{');
    for (j = p->iFirst; j >= 0; j = pDoc->aNode[j].iNext) {
      const JsonNode *q = &pDoc->aNode[j];
      if ((int)strlen(zMember) == q->nKey && memcmp(q->zKey, zMember, q->nKey) == 0) continue;
      json_write_string(pStr, q->zKey, q->nKey, 0);
      sqlite3_str_appendchar(pStr, 1, ':');
      json_doc_write(pDoc, j, pStr);
      sqlite3_str_appendchar(pStr, 1, ',');
    }
    json_write_string(pStr, zMember, (int)strlen(zMember), 0);
    sqlite3_str_appendf(pStr, ":%s}", zValue);
  }
  sqlite3_str_appendchar(pStr, 1, '}');
  if (sqlite3_str_errcode(pStr)) {
    sqlite3_free(sqlite3_str_finish(pStr));
    return 0;
  }
  return sqlite3_str_finish(pStr);
}

/* The member path zA.zB.zC of the document's root, or -1 (absent or null
** on the way). */
static int doc_path(const JsonDoc *pDoc, const char *zA, const char *zB, const char *zC) {
  const char *az[3];
  int i = 0, k;
  az[0] = zA, az[1] = zB, az[2] = zC;
  for (k = 0; k < 3; k++) {
    if (pDoc->aNode[i].eType != JT_OBJECT) return -1;
    i = json_doc_member(pDoc, i, az[k]);
    if (i < 0 || pDoc->aNode[i].eType == JT_NULL) return -1;
  }
  return i;
}

/* A datetime member of the body, already validated by the compiler, in
** microseconds: SQLITE_OK, SQLITE_ERROR when it is not one, or
** SQLITE_NOMEM (then whether it is one is not known). */
static int doc_time(const JsonDoc *pDoc, int i, sqlite3_int64 *piUs) {
  char zUtc[27];
  char *zWhy = 0;
  int rc = value_read_datetime(pDoc, i, zUtc, &zWhy);
  sqlite3_free(zWhy);
  if (rc == SQLITE_OK && !clock_parse_stored(zUtc, (int)strlen(zUtc), piUs)) rc = SQLITE_ERROR;
  return rc;
}

/* Python's timedelta / int: microseconds divided, rounded half to even. */
static sqlite3_int64 divide_round_even(sqlite3_int64 a, sqlite3_int64 b) {
  sqlite3_int64 q = a / b, r = a % b;
  if (r < 0) q--, r += b;  /* floor division, as divmod() */
  if (r * 2 > b || (r * 2 == b && (q & 1))) q++;
  return q;
}

#define MINUTE_US 60000000LL

int route_buckets_window(CompileEnv *pEnv, const RouteDesc *pRoute, const QueryExtras *pExtras, const char *zBody,
                         int nBody, sqlite3_int64 iNowUs, RouteWindow *pWin, char **pzErr) {
  const RouteBody *pRules = pRoute->pBody;
  const CollectionDesc *pColl = pRoute->pColl;
  JsonDoc doc = {0, 0, 0};
  Query query;
  sqlite3_int64 iEnd = 0;
  int rc = SQLITE_OK, iNode, bRoot = 0;

  memset(pWin, 0, sizeof(*pWin));
  memset(&query, 0, sizeof(query));
  if (zBody && nBody > 0) {
    rc = json_doc_parse(zBody, nBody, &doc, pzErr);
    if (rc != SQLITE_OK) return rc;
    bRoot = doc.aNode[0].eType == JT_OBJECT;
  }
  /* the primary filter is a required body field: missing (or null, as FastAPI reads it) first */
  if ((bRoot || !zBody || nBody == 0 || doc.aNode[0].eType == JT_NULL) &&
      (!bRoot || (iNode = json_doc_member(&doc, 0, pColl->zFilterKey)) < 0 || doc.aNode[iNode].eType == JT_NULL)) {
    *pzErr = sqlite3_mprintf("prefect: %s: field required", pColl->zFilterKey);
    rc = SQLITE_ERROR;
  }
  /* the body as sent, validated */
  if (rc == SQLITE_OK) rc = filter_compile(pEnv, pColl, zBody, nBody, pExtras, &query, pzErr);
  query_clear(&query);
  if (rc == SQLITE_OK) {
    iNode = doc_path(&doc, pColl->zFilterKey, pRules->zWindow, "after_");
    rc = iNode < 0 ? SQLITE_ERROR : doc_time(&doc, iNode, &pWin->iStart);
    if (rc == SQLITE_ERROR) {
      *pzErr = sqlite3_mprintf("prefect: %s.%s.after_ is required", pColl->zFilterKey, pRules->zWindow);
      if (!*pzErr) rc = SQLITE_NOMEM;
    }
  }
  if (rc == SQLITE_OK) {
    iNode = doc_path(&doc, pColl->zFilterKey, pRules->zWindow, "before_");
    rc = iNode < 0 ? SQLITE_ERROR : doc_time(&doc, iNode, &iEnd);
    if (rc == SQLITE_ERROR) iEnd = iNowUs, rc = SQLITE_OK;
  }
  if (rc == SQLITE_OK) {
    /* after_ to its minute; the end of the minute of before_ or now (end_of_period) */
    pWin->iStart -= ((pWin->iStart % MINUTE_US) + MINUTE_US) % MINUTE_US;
    iEnd += MINUTE_US - 1 - ((iEnd % MINUTE_US) + MINUTE_US) % MINUTE_US;
    pWin->iDelta = divide_round_even(iEnd - pWin->iStart, pRules->nBucket);
    pWin->zBody = body_with_member(&doc, pColl->zFilterKey, pRules->zForcedMember, pRules->zForced);
    if (!pWin->zBody) rc = SQLITE_NOMEM;
  }
  json_doc_free(&doc);
  return rc;
}

int route_bucket_slot(const RouteDesc *pRoute, int bNull, sqlite3_int64 iBucket, int *piSlot, char **pzErr) {
  int nBucket = pRoute->pBody->nBucket;
  /* Python: buckets[int(row.bucket)] */
  if (bNull) {
    *pzErr = sqlite3_mprintf("prefect: Prefect answers this body with 500 Internal Server Error (a row in "
                             "bucket None of %d)", nBucket);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (iBucket >= nBucket || iBucket < -nBucket) {
    *pzErr = sqlite3_mprintf("prefect: Prefect answers this body with 500 Internal Server Error (a row in "
                             "bucket %lld of %d)", iBucket, nBucket);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  *piSlot = (int)(iBucket < 0 ? iBucket + nBucket : iBucket);
  return SQLITE_OK;
}
