/*
** query_memo.c: compiled queries kept per connection, keyed by the text
** they were compiled from (a table's plan and documents, a history body).
** A report that asks the same thing again costs a lookup instead of a parse
** and a compile; the values SQL binds around the documents are bound at
** every run, so they are no part of the key. A kept query whose shape
** sqlite_stat1 chose is compiled again once the statistics move
** (stats_query_current). An entry is pinned while a user runs its query, so
** that a nested or concurrent run never sees it replaced.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

void memo_key_init(MemoKey *p) {
  p->z = p->aSpace;
  p->n = 0;
  p->nAlloc = (int)sizeof(p->aSpace);
  p->bNoMem = 0;
}

static void key_append(MemoKey *p, const char *z, int n) {
  if (p->bNoMem) return;
  if ((sqlite3_int64)p->n + n > p->nAlloc) {
    sqlite3_int64 nNew = ((sqlite3_int64)p->n + n) * 2;
    char *zNew = nNew > 0x7fffffff ? 0
                 : p->z == p->aSpace ? sqlite3_malloc64((sqlite3_uint64)nNew)
                                     : sqlite3_realloc64(p->z, (sqlite3_uint64)nNew);
    if (!zNew) { p->bNoMem = 1; return; }
    if (p->z == p->aSpace) memcpy(zNew, p->aSpace, p->n);
    p->z = zNew;
    p->nAlloc = (int)nNew;
  }
  memcpy(p->z + p->n, z, n);
  p->n += n;
}

void memo_key_part(MemoKey *p, const char *z, int n) {
  char zLen[16];
  int i = (int)sizeof(zLen), nLen = z ? n : -1;
  /* the length in decimal, then ':': no part can be read as two */
  zLen[--i] = ':';
  do { zLen[--i] = (char)('0' + (nLen < 0 ? -(nLen % 10) : nLen % 10)); nLen /= 10; } while (nLen);
  if (!z) zLen[--i] = '-';
  key_append(p, zLen + i, (int)sizeof(zLen) - i);
  if (z) key_append(p, z, n);
}

void memo_key_free(MemoKey *p) {
  if (p->z != p->aSpace) sqlite3_free(p->z);
  memo_key_init(p);
}

static void entry_clear(QueryMemoEntry *pEntry) {
  sqlite3_free(pEntry->zKey);
  query_clear(&pEntry->query);
  memset(pEntry, 0, sizeof(*pEntry));
}

int query_memo_find(QueryMemo *p, CompileEnv *pEnv, const char *zKey, int nKey, int *piFree, int *pRc) {
  int i, iFree = -1;
  *pRc = SQLITE_OK;
  for (i = 0; i < QUERY_MEMO_SIZE; i++) {
    QueryMemoEntry *pEntry = &p->aEntry[i];
    if (pEntry->zKey && pEntry->nKey == nKey && memcmp(pEntry->zKey, zKey, nKey) == 0) {
      int bCurrent;
      *pRc = stats_query_current(pEnv, &pEntry->query, &bCurrent);
      if (*pRc != SQLITE_OK) {
        /* reading sqlite_stat1 failed (out of memory): report it, the
        ** transaction may have been rolled back */
        *piFree = -1;
        return -1;
      }
      if (!bCurrent) {
        /* sqlite_stat1 moved under a shape it chose: compile again, kept
        ** here when no one runs the old one, else not kept */
        if (pEntry->nPin) {
          iFree = -1;
        } else {
          entry_clear(pEntry);
          iFree = i;
        }
        break;
      }
      pEntry->nPin++;
      pEntry->iLastUse = ++p->iClock;
      *piFree = -1;
      return i;
    }
    /* where a new entry would go: an empty slot, else the least recently used */
    if (pEntry->nPin) continue;
    if (iFree < 0 || (p->aEntry[iFree].zKey && (!pEntry->zKey || pEntry->iLastUse < p->aEntry[iFree].iLastUse))) {
      iFree = i;
    }
  }
  *piFree = iFree;
  return -1;
}

int query_memo_keep(QueryMemo *p, int iSlot, const char *zKey, int nKey, Query *pQuery) {
  QueryMemoEntry *pEntry;
  char *zCopy;
  if (iSlot < 0) return -1;
  zCopy = sqlite3_malloc(nKey > 0 ? nKey : 1);
  if (!zCopy) return -1;  /* without memory for the key the query is just not kept */
  if (nKey > 0) memcpy(zCopy, zKey, nKey);
  pEntry = &p->aEntry[iSlot];
  entry_clear(pEntry);
  pEntry->zKey = zCopy;
  pEntry->nKey = nKey;
  pEntry->query = *pQuery;  /* the memo owns it now */
  memset(pQuery, 0, sizeof(*pQuery));
  pEntry->nPin = 1;
  pEntry->iLastUse = ++p->iClock;
  return iSlot;
}

void query_memo_unpin(QueryMemo *p, int iSlot) {
  if (iSlot >= 0) p->aEntry[iSlot].nPin--;
}

void query_memo_clear(QueryMemo *p) {
  int i;
  for (i = 0; i < QUERY_MEMO_SIZE; i++) entry_clear(&p->aEntry[i]);
  p->iClock = 0;
}
