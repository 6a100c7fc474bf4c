/*
** artifact_write.c: INSERT, UPDATE and DELETE on `artifacts`, each doing to
** Prefect's artifact and artifact_collection tables what the API does
** (Prefect's models/artifacts.py):
**
**   INSERT INTO artifacts (key, type, data) VALUES ('report', 'markdown', json_quote('# hi'))
**     RETURNING id;                                   -- POST /artifacts/
**   UPDATE artifacts SET description = 'checked' WHERE id = ?;   -- PATCH /artifacts/{id}
**   DELETE FROM artifacts WHERE id = ?;               -- DELETE /artifacts/{id}
**
** Values are checked as ArtifactCreate / ArtifactUpdate check them and
** stored as Prefect stores them (JSON through json_python.c, canonical
** UUIDs, UTC timestamps with microseconds). Every check happens before the
** first write, and the writes of one row are undone together if a later
** one fails (undo_log.c), so a rejected row changes nothing.
**
** The statements run on the virtual table's own connection, inside the
** statement that called xUpdate: SQLite's transaction, its locks, its
** busy handling and its read-only checks are the user's.
*/
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>
#include <time.h>

/* The columns of `artifacts` that writes deal with (describe.c's order is
** looked up by name when the writer is made, not assumed). */
enum {
  F_ID, F_CREATED, F_UPDATED, F_KEY, F_TYPE, F_DESCRIPTION, F_DATA, F_METADATA,
  F_FLOW_RUN_ID, F_TASK_RUN_ID, F_COUNT
};
static const char *const azField[F_COUNT] = {
  "id", "created", "updated", "key", "type", "description", "data", "metadata_",
  "flow_run_id", "task_run_id"
};

/* Prefect's metadata_ values are cut to this many characters, plus "...". */
#define METADATA_VALUE_MAX 500

/* The statements, prepared once per connection on first use. */
typedef enum StmtId {
  S_ID_USED,
  S_INSERT,
  S_UPSERT_COLLECTION,
  S_READ,
  S_UPDATE,
  S_UPDATE_COLLECTION,
  S_IS_LATEST,
  S_REPLACEMENT,
  S_REPOINT,
  S_DELETE_COLLECTION,
  S_DELETE,
  S_IMAGE_ARTIFACT,
  S_IMAGE_COLLECTION,
  S_LINKS_FLOW_RUN_STATE,
  S_CLEAR_FLOW_RUN_STATE,
  S_LINKS_TASK_RUN_STATE,
  S_CLEAR_TASK_RUN_STATE,
  S_FIXED_COLUMNS,
  S_TRIGGERS_NAMING_US,
  S_SCHEMA_VERSIONS,
  S_COUNT
} StmtId;

#define NOW_SQL "strftime('%Y-%m-%d %H:%M:%f000', 'now')"

static const char *const azStmtSql[S_COUNT] = {
  /* S_ID_USED */
  "SELECT 1 FROM artifact WHERE id = ?1",
  /* S_INSERT: every column, as Prefect's create writes them */
  "INSERT INTO artifact (id, created, updated, key, type, description, data, metadata_, "
  "flow_run_id, task_run_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  /* S_UPSERT_COLLECTION: the key's row now shows the new artifact; its id
  ** and created stay those of the key's first artifact */
  "INSERT INTO artifact_collection (id, created, updated, key, latest_id, task_run_id, "
  "flow_run_id, type, data, description, metadata_) "
  "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
  "ON CONFLICT (key) DO UPDATE SET latest_id = excluded.latest_id, updated = excluded.updated, "
  "key = excluded.key, type = excluded.type, description = excluded.description, "
  "data = excluded.data, metadata_ = excluded.metadata_, flow_run_id = excluded.flow_run_id, "
  "task_run_id = excluded.task_run_id",
  /* S_READ */
  "SELECT id, key FROM artifact WHERE rowid = ?1",
  /* S_UPDATE: ?2/?4/?6 say whether data/description/metadata_ are set
  ** (an unset column is written back unchanged, which stores the same
  ** value); updated is SQLite's now, as SQLAlchemy's onupdate makes it */
  "UPDATE artifact SET data = iif(?2, ?3, data), description = iif(?4, ?5, description), "
  "metadata_ = iif(?6, ?7, metadata_), updated = " NOW_SQL " WHERE rowid = ?1",
  /* S_UPDATE_COLLECTION: only when the artifact is its key's latest.
  ** Prefect matches latest_id alone; the key as well lets the unique
  ** index find the row instead of a scan, and names the same row. */
  "UPDATE artifact_collection SET data = iif(?2, ?3, data), description = iif(?4, ?5, description), "
  "metadata_ = iif(?6, ?7, metadata_), updated = " NOW_SQL " WHERE key = ?8 AND latest_id = ?9",
  /* S_IS_LATEST */
  "SELECT 1 FROM artifact_collection WHERE key = ?1 AND latest_id = ?2",
  /* S_REPLACEMENT: Prefect's query, ties on created included */
  "SELECT id, data, description, type, created, updated, flow_run_id, task_run_id, metadata_ "
  "FROM artifact WHERE key = ?1 AND id != ?2 ORDER BY created DESC LIMIT 1",
  /* S_REPOINT: created and updated are the replacement's own */
  "UPDATE artifact_collection SET latest_id = ?2, data = ?3, description = ?4, type = ?5, "
  "created = ?6, updated = ?7, flow_run_id = ?8, task_run_id = ?9, metadata_ = ?10 WHERE key = ?1",
  /* S_DELETE_COLLECTION */
  "DELETE FROM artifact_collection WHERE key = ?1 AND latest_id = ?2",
  /* S_DELETE */
  "DELETE FROM artifact WHERE rowid = ?1",
  /* S_IMAGE_ARTIFACT, S_IMAGE_COLLECTION: rows as they were, for undo_log.c */
  "SELECT rowid, * FROM artifact WHERE rowid = ?1",
  "SELECT rowid, * FROM artifact_collection WHERE key = ?1",
  /* S_LINKS_*, S_CLEAR_*: what foreign_keys = ON (always on in Prefect)
  ** does when an artifact goes; run when the user's connection has it off.
  ** The rows are looked up first (for the undo log, and because most
  ** artifacts are named by no state: then nothing is written) */
  "SELECT rowid FROM flow_run_state WHERE result_artifact_id = ?1",
  "UPDATE flow_run_state SET result_artifact_id = NULL WHERE result_artifact_id = ?1",
  "SELECT rowid FROM task_run_state WHERE result_artifact_id = ?1",
  "UPDATE task_run_state SET result_artifact_id = NULL WHERE result_artifact_id = ?1",
  /* S_FIXED_COLUMNS: what ArtifactUpdate cannot change, in aFixedField's order */
  "SELECT id, created, updated, key, type, flow_run_id, task_run_id FROM artifact WHERE rowid = ?1",
  /* S_TRIGGERS_NAMING_US: see release_if_triggers() */
  "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%artifacts%' "
  "UNION ALL SELECT 1 FROM sqlite_temp_schema WHERE type = 'trigger' AND sql LIKE '%artifacts%' LIMIT 1",
  /* S_SCHEMA_VERSIONS: the triggers are looked for again only when these move */
  "SELECT (SELECT schema_version FROM pragma_schema_version) * 4294967296 + "
  "(SELECT schema_version FROM temp.pragma_schema_version)",
};
static const int aFixedField[] = {F_ID, F_CREATED, F_UPDATED, F_KEY, F_TYPE, F_FLOW_RUN_ID, F_TASK_RUN_ID};

struct ArtifactWriter {
  sqlite3 *db;                    /* borrowed */
  int aiCol[F_COUNT];             /* argv index of each field: 2 + its column */
  int nCol;                       /* visible columns; argv[2 + nCol...] are the hidden ones */
  sqlite3_stmt *apStmt[S_COUNT];  /* owned, prepared on first use */
  sqlite3_int64 iLastMicros;      /* the last creation time handed out */
  int nDepth;                     /* writes running now: a trigger may not write again */
  int rcBind;                     /* the first bind that failed since the last stmt_run */
  int bIdTaken;                   /* the last refusal was a taken id (a real conflict) */
  int bBindFailed;                /* the last failure was a bind's (no message in the db) */
  sqlite3_int64 iSchemaChecked;   /* schema versions when no trigger named artifacts, or -1 */
};

ArtifactWriter *artifact_writer_new(sqlite3 *db, const CollectionDesc *pColl) {
  ArtifactWriter *p = sqlite3_malloc(sizeof(*p));
  int f, i;
  if (!p) return 0;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->iSchemaChecked = -1;
  p->nCol = describe_column_count(pColl);
  for (f = 0; f < F_COUNT; f++) {
    p->aiCol[f] = -1;
    for (i = 0; i < p->nCol; i++) {
      if (strcmp(pColl->aCol[i].zName, azField[f]) == 0) p->aiCol[f] = 2 + i;
    }
  }
  return p;
}

void artifact_writer_free(ArtifactWriter *p) {
  int i;
  if (!p) return;
  for (i = 0; i < S_COUNT; i++) sqlite3_finalize(p->apStmt[i]);
  sqlite3_free(p);
}

/* The statement, reset and unbound, or NULL with *pRc set. */
static sqlite3_stmt *stmt_get(ArtifactWriter *p, StmtId id, int *pRc) {
  if (!p->apStmt[id]) {
    int rc = sqlite3_prepare_v3(p->db, azStmtSql[id], -1, SQLITE_PREPARE_PERSISTENT, &p->apStmt[id], 0);
    if (rc != SQLITE_OK) {
      *pRc = rc;
      return 0;
    }
  }
  return p->apStmt[id];
}

static void stmt_done(sqlite3_stmt *pStmt) {
  if (pStmt) {
    sqlite3_reset(pStmt);
    sqlite3_clear_bindings(pStmt);
  }
}

/* Step a statement that returns no rows (or whose rows are not wanted),
** unless one of its binds failed. */
static int stmt_run(ArtifactWriter *p, sqlite3_stmt *pStmt) {
  int rc = p->rcBind;
  p->rcBind = SQLITE_OK;
  if (rc != SQLITE_OK) p->bBindFailed = 1;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {}
    rc = sqlite3_reset(pStmt);
  } else {
    sqlite3_reset(pStmt);
  }
  sqlite3_clear_bindings(pStmt);
  return rc;
}

/* ---------------------------------------------------------------------
** Values: what ArtifactCreate / ArtifactUpdate accept, as stored.
** ------------------------------------------------------------------- */

/* One field, checked and in the form Prefect stores. */
typedef struct FieldValue {
  int bNull;
  char *z;        /* owned text (NULL when bNull) */
  int n;
} FieldValue;

static void field_clear(FieldValue *p) {
  sqlite3_free(p->z);
  memset(p, 0, sizeof(*p));
}

/* A failed bind (SQLITE_TOOBIG: the stored text, longer than the input
** once escaped, exceeds the connection's length limit) would leave the
** parameter NULL; it is kept in p->rcBind and stmt_run() returns it
** instead of running the statement. */
static void field_bind(ArtifactWriter *p, sqlite3_stmt *pStmt, int iParam, const FieldValue *pVal) {
  int rc = pVal->bNull ? sqlite3_bind_null(pStmt, iParam)
                       : sqlite3_bind_text(pStmt, iParam, pVal->z, pVal->n, SQLITE_STATIC);
  if (rc != SQLITE_OK && p->rcBind == SQLITE_OK) p->rcBind = rc;
}

/* "prefect: artifacts.<field>: <what>, got <value>" */
static char *field_error(const char *zField, const char *zWhat, sqlite3_value *pVal) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "prefect: artifacts.%s: %s", zField, zWhat);
  if (pVal) {
    sqlite3_str_appendall(pStr, ", got ");
    value_describe_sql(pStr, pVal);
  }
  return sqlite3_str_finish(pStr);
}

/* Optional[str]: NULL or text (pydantic does not turn numbers into strings). */
static int read_text(sqlite3_value *pVal, const char *zField, FieldValue *pOut, char **pzErr) {
  const unsigned char *z;
  int n;
  memset(pOut, 0, sizeof(*pOut));
  if (sqlite3_value_type(pVal) == SQLITE_NULL) { pOut->bNull = 1; return SQLITE_OK; }
  if (sqlite3_value_type(pVal) != SQLITE_TEXT) {
    *pzErr = field_error(zField, "expected a string", pVal);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  z = sqlite3_value_text(pVal);
  n = sqlite3_value_bytes(pVal);
  if (!z) return SQLITE_NOMEM;
  if (!json_utf8_valid(z, n)) {
    *pzErr = field_error(zField, "expected a string of valid UTF-8", 0);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  pOut->z = sqlite3_malloc(n + 1);
  if (!pOut->z) return SQLITE_NOMEM;
  memcpy(pOut->z, z, n);
  pOut->z[n] = 0;
  pOut->n = n;
  return SQLITE_OK;
}

/* Prefect: re.match("^[a-z0-9-]*$", key). Python's "$" also matches before
** one final newline, so "report\n" passes there, and here. */
static int key_is_valid(const char *z, int n) {
  int i;
  if (n > 0 && z[n - 1] == '\n') n--;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return 0;
  }
  return 1;
}

static int read_key(sqlite3_value *pVal, FieldValue *pOut, char **pzErr) {
  int rc = read_text(pVal, "key", pOut, pzErr);
  if (rc == SQLITE_OK && !pOut->bNull && !key_is_valid(pOut->z, pOut->n)) {
    field_clear(pOut);
    *pzErr = field_error("key", "Artifact key must only contain lowercase letters, numbers, and dashes", pVal);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return rc;
}

/* Optional[UUID]: any spelling pydantic accepts, stored canonical. */
static int read_uuid(sqlite3_value *pVal, const char *zField, FieldValue *pOut, char **pzErr) {
  char zUuid[37];
  char *zWhy = 0;
  int rc;
  memset(pOut, 0, sizeof(*pOut));
  if (sqlite3_value_type(pVal) == SQLITE_NULL) { pOut->bNull = 1; return SQLITE_OK; }
  rc = value_read_sql_uuid(pVal, zUuid, &zWhy);
  if (rc == SQLITE_ERROR) {
    *pzErr = sqlite3_mprintf("prefect: artifacts.%s: %s", zField, zWhy);
    sqlite3_free(zWhy);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) return rc;
  pOut->z = sqlite3_mprintf("%s", zUuid);
  if (!pOut->z) return SQLITE_NOMEM;
  pOut->n = 36;
  return SQLITE_OK;
}

/* A SQL value as a JSON document: text is JSON text, numbers are numbers,
** NULL is JSON null. *pDoc is set (and owned by the caller) on SQLITE_OK. */
static int read_json(sqlite3_value *pVal, const char *zField, const char *zHint, JsonDoc *pDoc,
                     char **pzErr) {
  char aNum[64];
  const char *z;
  int n, rc;
  char *zParseErr = 0;
  switch (sqlite3_value_type(pVal)) {
    case SQLITE_NULL: z = "null"; n = 4; break;
    case SQLITE_INTEGER:
      sqlite3_snprintf(sizeof(aNum), aNum, "%lld", sqlite3_value_int64(pVal));
      n = (int)strlen(aNum);
      z = aNum;
      break;
    case SQLITE_FLOAT: {
      sqlite3_str *pNum = sqlite3_str_new(0);
      char *zNum;
      rc = json_python_float(sqlite3_value_double(pVal), pNum);
      zNum = sqlite3_str_finish(pNum);
      if (rc != SQLITE_OK || !zNum) {
        sqlite3_free(zNum);
        if (rc == SQLITE_NOMEM || !zNum) return SQLITE_NOMEM;
        *pzErr = field_error(zField, "expected a finite number", pVal);
        return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
      }
      sqlite3_snprintf(sizeof(aNum), aNum, "%s", zNum);
      n = (int)strlen(aNum);
      sqlite3_free(zNum);
      z = aNum;
      break;
    }
    case SQLITE_TEXT:
      z = (const char *)sqlite3_value_text(pVal);
      n = sqlite3_value_bytes(pVal);
      if (!z) return SQLITE_NOMEM;
      break;
    default:
      *pzErr = field_error(zField, zHint, pVal);
      return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  rc = json_doc_parse(z, n, pDoc, &zParseErr);
  if (rc == SQLITE_ERROR) {
    sqlite3_free(zParseErr);
    *pzErr = field_error(zField, zHint, pVal);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return rc;
}

/* data: any JSON value, stored as json.dumps writes it. */
static int read_data(sqlite3_value *pVal, FieldValue *pOut, char **pzErr) {
  JsonDoc doc;
  sqlite3_str *pStr;
  char *zWhy = 0;
  int rc;
  memset(pOut, 0, sizeof(*pOut));
  rc = read_json(pVal, "data", "expected JSON text (json_quote('text') makes a JSON string)", &doc, pzErr);
  if (rc != SQLITE_OK) return rc;
  pStr = sqlite3_str_new(0);
  rc = json_python_write(&doc, 0, pStr, &zWhy);
  json_doc_free(&doc);
  pOut->n = sqlite3_str_length(pStr);
  pOut->z = sqlite3_str_finish(pStr);
  if (rc == SQLITE_OK && !pOut->z) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    field_clear(pOut);
    if (zWhy) {
      *pzErr = sqlite3_mprintf("prefect: artifacts.data: %s", zWhy);
      sqlite3_free(zWhy);
      if (!*pzErr) rc = SQLITE_NOMEM;
    }
  }
  return rc;
}

/* metadata_: null or an object whose values are strings; a value longer
** than 500 characters keeps its first 500 and gets "..." (Prefect's
** validator cuts silently, on create and on update). */
static int read_metadata(sqlite3_value *pVal, FieldValue *pOut, char **pzErr) {
  JsonDoc doc;
  sqlite3_str *pStr;
  int rc, *aMember = 0, nMember, k;
  memset(pOut, 0, sizeof(*pOut));
  rc = read_json(pVal, "metadata_", "expected a JSON object of strings", &doc, pzErr);
  if (rc != SQLITE_OK) return rc;
  if (doc.aNode[0].eType != JT_OBJECT && doc.aNode[0].eType != JT_NULL) {
    json_doc_free(&doc);
    *pzErr = field_error("metadata_", "expected a JSON object of strings", pVal);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  pStr = sqlite3_str_new(0);
  if (doc.aNode[0].eType == JT_NULL) {
    sqlite3_str_appendall(pStr, "null");
  } else {
    nMember = json_python_members(&doc, 0, &aMember);
    if (nMember < 0) rc = SQLITE_NOMEM;
    sqlite3_str_appendchar(pStr, 1, '{');
    for (k = 0; rc == SQLITE_OK && k < nMember; k++) {
      const JsonNode *pMember = &doc.aNode[aMember[k]];
      int nText;
      if (pMember->eType != JT_TEXT) {
        sqlite3_str *pMsg = sqlite3_str_new(0);
        sqlite3_str_appendall(pMsg, "prefect: artifacts.metadata_.");
        sqlite3_str_append(pMsg, pMember->zKey, pMember->nKey);
        sqlite3_str_appendall(pMsg, ": expected a string, got ");
        json_doc_render(&doc, aMember[k], pMsg);
        *pzErr = sqlite3_str_finish(pMsg);
        rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
        break;
      }
      if (k) sqlite3_str_appendall(pStr, ", ");
      json_write_string(pStr, pMember->zKey, pMember->nKey, JSON_STRING_ASCII);
      sqlite3_str_appendall(pStr, ": ");
      nText = pMember->nText;
      if (json_python_char_count(pMember->zText, nText) > METADATA_VALUE_MAX) {
        /* the byte where character 501 starts */
        int nChar = 0, i;
        for (i = 0; i < nText; i++) {
          if (((unsigned char)pMember->zText[i] & 0xC0) != 0x80 && nChar++ == METADATA_VALUE_MAX) break;
        }
        json_write_string(pStr, pMember->zText, i, JSON_STRING_ASCII | JSON_STRING_CUT);
      } else {
        json_write_string(pStr, pMember->zText, nText, JSON_STRING_ASCII);
      }
    }
    sqlite3_str_appendchar(pStr, 1, '}');
    sqlite3_free(aMember);
  }
  json_doc_free(&doc);
  pOut->n = sqlite3_str_length(pStr);
  pOut->z = sqlite3_str_finish(pStr);
  if (rc == SQLITE_OK && !pOut->z) rc = SQLITE_NOMEM;
  if (rc != SQLITE_OK) field_clear(pOut);
  return rc;
}

/* Columns a write may not give: the message says what to do instead. */
static int refuse_column(sqlite3_value *pVal, const char *zName, const char *zWhy, char **pzErr) {
  if (sqlite3_value_type(pVal) == SQLITE_NULL) return SQLITE_OK;
  *pzErr = sqlite3_mprintf("prefect: artifacts.%s: %s", zName, zWhy);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* UTC now with microseconds, as Prefect's now("UTC"); strictly after the
** last one this connection handed out, so artifacts inserted in one
** statement or one second keep their order in created. */
static void now_timestamp(ArtifactWriter *p, char zOut[27]) {
  struct timespec ts;
  struct tm tm;
  sqlite3_int64 iMicros;
  time_t t;
  clock_gettime(CLOCK_REALTIME, &ts);
  iMicros = (sqlite3_int64)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
  if (iMicros <= p->iLastMicros) iMicros = p->iLastMicros + 1;
  p->iLastMicros = iMicros;
  t = (time_t)(iMicros / 1000000);
  gmtime_r(&t, &tm);
  sqlite3_snprintf(27, zOut, "%04d-%02d-%02d %02d:%02d:%02d.%06d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(iMicros % 1000000));
}

/* A random (version 4) UUID, as Python's uuid4(). */
void prefect_uuid4_text(char zOut[37]) {
  unsigned char a[16];
  sqlite3_randomness(16, a);
  a[6] = (unsigned char)((a[6] & 0x0F) | 0x40);
  a[8] = (unsigned char)((a[8] & 0x3F) | 0x80);
  sqlite3_snprintf(37, zOut, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", a[0], a[1], a[2],
           a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
}

/* ---------------------------------------------------------------------
** The three operations.
** ------------------------------------------------------------------- */

#define HIDDEN_REFUSAL "a hidden column of the table-valued function; it cannot be written"

/* POST /artifacts/ */
static int artifact_insert(ArtifactWriter *p, sqlite3_value **argv, sqlite3_int64 *pRowid, UndoLog *pUndo,
                           char **pzErr) {
  FieldValue aVal[F_COUNT];
  char zId[37], zNow[27], zCollectionId[37];
  sqlite3_stmt *pStmt;
  int rc = SQLITE_OK, f;
  memset(aVal, 0, sizeof(aVal));

  /* every check first */
  if (sqlite3_value_type(argv[1]) != SQLITE_NULL) {
    *pzErr = sqlite3_mprintf("prefect: artifacts: the rowid is the artifact row's own; give an id instead");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  rc = refuse_column(argv[p->aiCol[F_CREATED]], "created", "set by the extension when the artifact is created, "
                     "as Prefect sets it (ArtifactCreate has no created)", pzErr);
  if (rc == SQLITE_OK) {
    rc = refuse_column(argv[p->aiCol[F_UPDATED]], "updated", "set by the extension when the artifact is "
                       "created, as Prefect sets it (ArtifactCreate has no updated)", pzErr);
  }
  if (rc == SQLITE_OK) rc = refuse_column(argv[2 + p->nCol], "body", HIDDEN_REFUSAL, pzErr);
  if (rc == SQLITE_OK) rc = refuse_column(argv[3 + p->nCol], "artifacts", HIDDEN_REFUSAL, pzErr);
  if (rc == SQLITE_OK) rc = read_uuid(argv[p->aiCol[F_ID]], "id", &aVal[F_ID], pzErr);
  if (rc == SQLITE_OK) rc = read_key(argv[p->aiCol[F_KEY]], &aVal[F_KEY], pzErr);
  if (rc == SQLITE_OK) rc = read_text(argv[p->aiCol[F_TYPE]], "type", &aVal[F_TYPE], pzErr);
  if (rc == SQLITE_OK) rc = read_text(argv[p->aiCol[F_DESCRIPTION]], "description", &aVal[F_DESCRIPTION], pzErr);
  if (rc == SQLITE_OK) rc = read_data(argv[p->aiCol[F_DATA]], &aVal[F_DATA], pzErr);
  if (rc == SQLITE_OK) rc = read_metadata(argv[p->aiCol[F_METADATA]], &aVal[F_METADATA], pzErr);
  if (rc == SQLITE_OK) rc = read_uuid(argv[p->aiCol[F_FLOW_RUN_ID]], "flow_run_id", &aVal[F_FLOW_RUN_ID], pzErr);
  if (rc == SQLITE_OK) rc = read_uuid(argv[p->aiCol[F_TASK_RUN_ID]], "task_run_id", &aVal[F_TASK_RUN_ID], pzErr);
  if (rc == SQLITE_OK) {
    if (aVal[F_ID].bNull) prefect_uuid4_text(zId);
    else memcpy(zId, aVal[F_ID].z, 37);
    pStmt = stmt_get(p, S_ID_USED, &rc);
    if (pStmt) {
      sqlite3_bind_text(pStmt, 1, zId, 36, SQLITE_STATIC);
      rc = sqlite3_step(pStmt);
      if (rc == SQLITE_ROW) {
        *pzErr = sqlite3_mprintf("prefect: artifacts.id: an artifact with id %s already exists", zId);
        rc = *pzErr ? SQLITE_CONSTRAINT : SQLITE_NOMEM;
        p->bIdTaken = 1;
      } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
      }
      stmt_done(pStmt);
    }
  }

  /* the artifact row, with one timestamp for created and updated */
  if (rc == SQLITE_OK) {
    now_timestamp(p, zNow);
    pStmt = stmt_get(p, S_INSERT, &rc);
    if (pStmt) {
      sqlite3_bind_text(pStmt, 1, zId, 36, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 2, zNow, 26, SQLITE_STATIC);
      field_bind(p, pStmt, 3, &aVal[F_KEY]);
      field_bind(p, pStmt, 4, &aVal[F_TYPE]);
      field_bind(p, pStmt, 5, &aVal[F_DESCRIPTION]);
      field_bind(p, pStmt, 6, &aVal[F_DATA]);
      field_bind(p, pStmt, 7, &aVal[F_METADATA]);
      field_bind(p, pStmt, 8, &aVal[F_FLOW_RUN_ID]);
      field_bind(p, pStmt, 9, &aVal[F_TASK_RUN_ID]);
      rc = stmt_run(p, pStmt);
    }
    if (rc == SQLITE_OK) {
      UndoStep step;
      *pRowid = sqlite3_last_insert_rowid(p->db);
      /* undo: the row goes again */
      rc = undo_step_sql(&step, sqlite3_mprintf("DELETE FROM artifact WHERE rowid = %lld", *pRowid), 0, 0);
      if (rc == SQLITE_OK) rc = undo_log_add(pUndo, &step);
    }
  }

  /* a keyed artifact becomes its key's latest */
  if (rc == SQLITE_OK && !aVal[F_KEY].bNull) {
    prefect_uuid4_text(zCollectionId);
    pStmt = stmt_get(p, S_UPSERT_COLLECTION, &rc);
    if (pStmt) {
      sqlite3_bind_text(pStmt, 1, zCollectionId, 36, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 2, zNow, 26, SQLITE_STATIC);
      field_bind(p, pStmt, 3, &aVal[F_KEY]);
      sqlite3_bind_text(pStmt, 4, zId, 36, SQLITE_STATIC);
      field_bind(p, pStmt, 5, &aVal[F_TASK_RUN_ID]);
      field_bind(p, pStmt, 6, &aVal[F_FLOW_RUN_ID]);
      field_bind(p, pStmt, 7, &aVal[F_TYPE]);
      field_bind(p, pStmt, 8, &aVal[F_DATA]);
      field_bind(p, pStmt, 9, &aVal[F_DESCRIPTION]);
      field_bind(p, pStmt, 10, &aVal[F_METADATA]);
      rc = stmt_run(p, pStmt);
    }
  }
  for (f = 0; f < F_COUNT; f++) field_clear(&aVal[f]);
  return rc;
}

/* The id and key of the artifact at iRowid; SQLITE_DONE if it is gone. */
static int read_identity(ArtifactWriter *p, sqlite3_int64 iRowid, sqlite3_value **ppId, sqlite3_value **ppKey) {
  int rc = SQLITE_OK;
  sqlite3_stmt *pStmt = stmt_get(p, S_READ, &rc);
  *ppId = *ppKey = 0;
  if (!pStmt) return rc;
  sqlite3_bind_int64(pStmt, 1, iRowid);
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    *ppId = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
    *ppKey = sqlite3_value_dup(sqlite3_column_value(pStmt, 1));
    rc = (*ppId && *ppKey) ? SQLITE_OK : SQLITE_NOMEM;
  }
  stmt_done(pStmt);
  return rc;
}

/* Image of a row (by rowid or by key) recorded in the undo log once the
** change that follows succeeds; see undo_log.c. */
static int image_take(ArtifactWriter *p, StmtId id, sqlite3_value *pKeyOrRowid, int bRowRemoved,
                      const char *zTable, UndoStep *pStep, int *pbFound) {
  int rc = SQLITE_OK;
  sqlite3_stmt *pStmt = stmt_get(p, id, &rc);
  memset(pStep, 0, sizeof(*pStep));
  *pbFound = 0;
  if (!pStmt) return rc;
  sqlite3_bind_value(pStmt, 1, pKeyOrRowid);
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    *pbFound = 1;
    rc = undo_step_row(pStep, pStmt, zTable, bRowRemoved);
  } else if (rc == SQLITE_DONE) {
    rc = SQLITE_OK;
  }
  stmt_done(pStmt);
  return rc;
}

/* Is argv index iArg (a column ArtifactUpdate cannot change) the value
** already stored? Same storage class and same bytes. */
static int fixed_column_unchanged(ArtifactWriter *p, sqlite3_int64 iRowid, int iArg, sqlite3_value *pNew,
                                  int *pbSame) {
  int rc = SQLITE_OK, k;
  sqlite3_stmt *pStmt = stmt_get(p, S_FIXED_COLUMNS, &rc);
  *pbSame = 0;
  if (!pStmt) return rc;
  sqlite3_bind_int64(pStmt, 1, iRowid);
  rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    for (k = 0; k < (int)(sizeof(aFixedField) / sizeof(aFixedField[0])); k++) {
      sqlite3_value *pOld = sqlite3_column_value(pStmt, k);
      int eType = sqlite3_value_type(pOld);
      if (p->aiCol[aFixedField[k]] != iArg) continue;
      if (eType != sqlite3_value_type(pNew)) break;
      if (eType == SQLITE_NULL) { *pbSame = 1; break; }
      if (eType == SQLITE_INTEGER) { *pbSame = sqlite3_value_int64(pOld) == sqlite3_value_int64(pNew); break; }
      if (eType == SQLITE_FLOAT) { *pbSame = sqlite3_value_double(pOld) == sqlite3_value_double(pNew); break; }
      {
        const void *zOld = eType == SQLITE_BLOB ? sqlite3_value_blob(pOld) : (const void *)sqlite3_value_text(pOld);
        const void *zNew = eType == SQLITE_BLOB ? sqlite3_value_blob(pNew) : (const void *)sqlite3_value_text(pNew);
        int n = sqlite3_value_bytes(pOld);
        *pbSame = n == sqlite3_value_bytes(pNew) && (n == 0 || (zOld && zNew && memcmp(zOld, zNew, n) == 0));
      }
      break;
    }
    rc = SQLITE_OK;
  } else if (rc == SQLITE_DONE) {
    rc = SQLITE_OK;  /* gone meanwhile: artifact_update finds nothing to change */
    *pbSame = 1;
  }
  stmt_done(pStmt);
  return rc;
}

/* PATCH /artifacts/{id}: only data, description and metadata_ change. */
static int artifact_update(ArtifactWriter *p, int argc, sqlite3_value **argv, UndoLog *pUndo, char **pzErr) {
  FieldValue data, description, metadata;
  int bData = 0, bDescription = 0, bMetadata = 0, rc = SQLITE_OK, i, bFound;
  sqlite3_int64 iRowid = sqlite3_value_int64(argv[0]);
  sqlite3_value *pId = 0, *pKey = 0, *pRowidValue = argv[0];
  sqlite3_stmt *pStmt;
  UndoStep step;
  memset(&data, 0, sizeof(data));
  memset(&description, 0, sizeof(description));
  memset(&metadata, 0, sizeof(metadata));

  if (sqlite3_value_type(argv[1]) != SQLITE_INTEGER || sqlite3_value_int64(argv[1]) != iRowid) {
    *pzErr = sqlite3_mprintf("prefect: artifacts: the rowid cannot be changed");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  /* which columns the statement sets: the others come as "no change".
  ** UPDATE ... FROM passes every column as set (sqlite3_vtab_nochange is
  ** always false there), so a column ArtifactUpdate cannot change is
  ** refused only when its value differs from the stored one. */
  for (i = 2; i < argc && rc == SQLITE_OK; i++) {
    int f, bAllowed = 0, bFixed = 0;
    if (sqlite3_value_nochange(argv[i])) continue;
    for (f = 0; f < F_COUNT; f++) {
      if (p->aiCol[f] != i) continue;
      if (f == F_DATA) bData = bAllowed = 1;
      else if (f == F_DESCRIPTION) bDescription = bAllowed = 1;
      else if (f == F_METADATA) bMetadata = bAllowed = 1;
      else bFixed = 1;
    }
    if (bAllowed) continue;
    if (!bFixed && sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;  /* a hidden column, unset */
    if (bFixed) {
      int bSame = 0;
      rc = fixed_column_unchanged(p, iRowid, i, argv[i], &bSame);
      if (rc != SQLITE_OK || bSame) continue;
    }
    {
      const char *zName = i - 2 < p->nCol ? 0 : i - 2 == p->nCol ? "body" : "artifacts";
      for (f = 0; f < F_COUNT && !zName; f++) if (p->aiCol[f] == i) zName = azField[f];
      *pzErr = sqlite3_mprintf("prefect: artifacts.%s: cannot be changed; Prefect's ArtifactUpdate "
                               "changes only data, description and metadata_", zName ? zName : "?");
      rc = *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
    }
  }
  if (rc == SQLITE_OK && bData) rc = read_data(argv[p->aiCol[F_DATA]], &data, pzErr);
  if (rc == SQLITE_OK && bDescription) {
    rc = read_text(argv[p->aiCol[F_DESCRIPTION]], "description", &description, pzErr);
  }
  if (rc == SQLITE_OK && bMetadata) rc = read_metadata(argv[p->aiCol[F_METADATA]], &metadata, pzErr);
  if (rc == SQLITE_OK) {
    rc = read_identity(p, iRowid, &pId, &pKey);
    if (rc == SQLITE_DONE) rc = SQLITE_OK;  /* gone meanwhile: nothing to change */
  }

  if (rc == SQLITE_OK && pId) {
    rc = image_take(p, S_IMAGE_ARTIFACT, pRowidValue, 0, "artifact", &step, &bFound);
    if (rc == SQLITE_OK) {
      pStmt = stmt_get(p, S_UPDATE, &rc);
      if (pStmt) {
        sqlite3_bind_int64(pStmt, 1, iRowid);
        sqlite3_bind_int(pStmt, 2, bData);
        field_bind(p, pStmt, 3, &data);
        sqlite3_bind_int(pStmt, 4, bDescription);
        field_bind(p, pStmt, 5, &description);
        sqlite3_bind_int(pStmt, 6, bMetadata);
        field_bind(p, pStmt, 7, &metadata);
        rc = stmt_run(p, pStmt);
      }
      if (rc == SQLITE_OK && bFound) rc = undo_log_add(pUndo, &step);
      undo_step_clear(&step);
    }
    if (rc == SQLITE_OK && sqlite3_value_type(pKey) != SQLITE_NULL) {
      pStmt = stmt_get(p, S_UPDATE_COLLECTION, &rc);
      if (pStmt) {
        sqlite3_bind_int(pStmt, 2, bData);
        field_bind(p, pStmt, 3, &data);
        sqlite3_bind_int(pStmt, 4, bDescription);
        field_bind(p, pStmt, 5, &description);
        sqlite3_bind_int(pStmt, 6, bMetadata);
        field_bind(p, pStmt, 7, &metadata);
        sqlite3_bind_value(pStmt, 8, pKey);
        sqlite3_bind_value(pStmt, 9, pId);
        rc = stmt_run(p, pStmt);
      }
    }
  }
  sqlite3_value_free(pId);
  sqlite3_value_free(pKey);
  field_clear(&data);
  field_clear(&description);
  field_clear(&metadata);
  return rc;
}

/* With foreign_keys off, clear the state rows' links to the artifact, as
** the ON DELETE SET NULL of Prefect's schema would. Each cleared row gets
** an undo step. Tables missing from an older or partial schema are
** skipped. */
static int clear_state_links(ArtifactWriter *p, StmtId idLinks, StmtId idClear, const char *zTable,
                             sqlite3_value *pId, UndoLog *pUndo) {
  UndoLog links;                 /* the undo steps, kept until the UPDATE succeeds */
  int rc = SQLITE_OK, k;
  sqlite3_stmt *pStmt = stmt_get(p, idLinks, &rc);
  if (!pStmt) return rc == SQLITE_ERROR ? SQLITE_OK : rc;  /* no such table or column */
  memset(&links, 0, sizeof(links));
  sqlite3_bind_value(pStmt, 1, pId);
  while (rc == SQLITE_OK && (rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    UndoStep step;
    sqlite3_value *apVal[2];
    apVal[0] = pId;
    apVal[1] = sqlite3_column_value(pStmt, 0);
    rc = undo_step_sql(&step, sqlite3_mprintf("UPDATE \"%w\" SET result_artifact_id = ?1 WHERE rowid = ?2",
                                              zTable), 2, apVal);
    if (rc == SQLITE_OK) rc = undo_log_add(&links, &step);
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  stmt_done(pStmt);
  if (rc == SQLITE_OK && links.n > 0) {
    pStmt = stmt_get(p, idClear, &rc);
    if (pStmt) {
      sqlite3_bind_value(pStmt, 1, pId);
      rc = stmt_run(p, pStmt);
    }
    for (k = 0; rc == SQLITE_OK && k < links.n; k++) rc = undo_log_add(pUndo, &links.a[k]);
    /* undo_log_add took (or freed) each step it saw; the rest is cleared below */
    for (; k < links.n; k++) undo_step_clear(&links.a[k]);
    links.n = 0;
  }
  undo_log_clear(&links);
  return rc;
}

/* data and metadata_ of the replacement go to the collection the way
** Prefect moves them: read into Python (json.loads) and written back
** (json.dumps), so a SQL NULL becomes the text null and JSON text takes
** json.dumps's form. A stored value that is not JSON is copied as it is. */
static int bind_json_round_trip(sqlite3_stmt *pStmt, int iParam, sqlite3_value *pVal) {
  FieldValue value;
  char *zErr = 0;
  int rc = read_data(pVal, &value, &zErr);
  sqlite3_free(zErr);
  if (rc == SQLITE_NOMEM) return rc;
  if (rc != SQLITE_OK) return sqlite3_bind_value(pStmt, iParam, pVal);
  rc = sqlite3_bind_text(pStmt, iParam, value.z, value.n, SQLITE_TRANSIENT);
  field_clear(&value);
  return rc;
}

/* DELETE /artifacts/{id} */
static int artifact_delete(ArtifactWriter *p, sqlite3_value *pRowidValue, UndoLog *pUndo) {
  sqlite3_value *pId = 0, *pKey = 0;
  sqlite3_stmt *pStmt;
  UndoStep step;
  int rc, bLatest = 0, bFound = 0, bForeignKeys = 0;

  rc = read_identity(p, sqlite3_value_int64(pRowidValue), &pId, &pKey);
  if (rc == SQLITE_DONE) return SQLITE_OK;  /* already gone */

  /* is it its key's latest? (a NULL key never is) */
  if (rc == SQLITE_OK && sqlite3_value_type(pKey) != SQLITE_NULL) {
    pStmt = stmt_get(p, S_IS_LATEST, &rc);
    if (pStmt) {
      sqlite3_bind_value(pStmt, 1, pKey);
      sqlite3_bind_value(pStmt, 2, pId);
      rc = sqlite3_step(pStmt);
      bLatest = rc == SQLITE_ROW;
      if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
      stmt_done(pStmt);
    }
  }
  /* then the collection moves to the newest other artifact, or goes */
  if (rc == SQLITE_OK && bLatest) {
    rc = image_take(p, S_IMAGE_COLLECTION, pKey, 0, "artifact_collection", &step, &bFound);
    if (rc == SQLITE_OK) {
      sqlite3_stmt *pFind = stmt_get(p, S_REPLACEMENT, &rc);
      if (pFind) {
        sqlite3_bind_value(pFind, 1, pKey);
        sqlite3_bind_value(pFind, 2, pId);
        rc = sqlite3_step(pFind);
        if (rc == SQLITE_ROW) {
          pStmt = stmt_get(p, S_REPOINT, &rc);
          if (pStmt) {
            int c;
            sqlite3_bind_value(pStmt, 1, pKey);
            for (c = 0; c < 9 && rc == SQLITE_ROW; c++) {
              sqlite3_value *pVal = sqlite3_column_value(pFind, c);
              if (c == 1 || c == 8) {
                rc = bind_json_round_trip(pStmt, 2 + c, pVal);
                if (rc == SQLITE_OK) rc = SQLITE_ROW;
              } else {
                sqlite3_bind_value(pStmt, 2 + c, pVal);
              }
            }
            stmt_done(pFind);
            if (rc == SQLITE_ROW) rc = stmt_run(p, pStmt);
          }
        } else if (rc == SQLITE_DONE) {
          /* the last of its key: the collection row goes; restoring it
          ** means inserting it again */
          stmt_done(pFind);
          undo_step_clear(&step);
          rc = image_take(p, S_IMAGE_COLLECTION, pKey, 1, "artifact_collection", &step, &bFound);
          if (rc == SQLITE_OK) pStmt = stmt_get(p, S_DELETE_COLLECTION, &rc);
          if (rc == SQLITE_OK && pStmt) {
            sqlite3_bind_value(pStmt, 1, pKey);
            sqlite3_bind_value(pStmt, 2, pId);
            rc = stmt_run(p, pStmt);
          }
        }
        stmt_done(pFind);
      }
      if (rc == SQLITE_OK && bFound) rc = undo_log_add(pUndo, &step);
      undo_step_clear(&step);
    }
  }
  /* the artifact row (its image, to put it back if what follows fails) */
  if (rc == SQLITE_OK) {
    sqlite3_db_config(p->db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &bForeignKeys);
    rc = image_take(p, S_IMAGE_ARTIFACT, pRowidValue, 1, "artifact", &step, &bFound);
    if (rc == SQLITE_OK) {
      pStmt = stmt_get(p, S_DELETE, &rc);
      if (pStmt) {
        sqlite3_bind_value(pStmt, 1, pRowidValue);
        rc = stmt_run(p, pStmt);
      }
      if (rc == SQLITE_OK && bFound) rc = undo_log_add(pUndo, &step);
      undo_step_clear(&step);
    }
  }
  if (rc == SQLITE_OK && !bForeignKeys) {
    rc = clear_state_links(p, S_LINKS_FLOW_RUN_STATE, S_CLEAR_FLOW_RUN_STATE, "flow_run_state", pId, pUndo);
    if (rc == SQLITE_OK) {
      rc = clear_state_links(p, S_LINKS_TASK_RUN_STATE, S_CLEAR_TASK_RUN_STATE, "task_run_state", pId, pUndo);
    }
  }
  sqlite3_value_free(pId);
  sqlite3_value_free(pKey);
  return rc;
}

/*
** A trigger on Prefect's tables whose program names `artifacts` puts a
** reference to this virtual table inside the cached statements that fire
** it; the table then never reaches xDisconnect (which would finalize
** them) and sqlite3_close() fails with SQLITE_BUSY. Where such a trigger
** exists, the statements are not kept between writes. Prefect's schema has
** no triggers, so normally this is one look at the schema.
**
** Returns the error of a look that failed to run (a look that cannot be
** prepared, on an older SQLite, only makes the statements go). It is the
** write's error: SQLite rolls the whole transaction back, the write
** included, when a statement fails with SQLITE_NOMEM.
*/
static int release_if_triggers(ArtifactWriter *p) {
  int rc = SQLITE_OK, i;
  sqlite3_int64 iVersions = -2;
  sqlite3_stmt *pStmt = stmt_get(p, S_SCHEMA_VERSIONS, &rc);
  if (pStmt) {
    rc = sqlite3_step(pStmt);
    if (rc == SQLITE_ROW) iVersions = sqlite3_column_int64(pStmt, 0), rc = SQLITE_OK;
    stmt_done(pStmt);
  } else if (rc != SQLITE_NOMEM) {
    rc = SQLITE_OK;  /* no such pragma: look for triggers every time */
  }
  if (rc == SQLITE_OK && iVersions >= 0 && iVersions == p->iSchemaChecked) {
    return SQLITE_OK;  /* no trigger then, none since */
  }
  if (rc == SQLITE_OK) {
    pStmt = stmt_get(p, S_TRIGGERS_NAMING_US, &rc);
    if (pStmt) {
      rc = sqlite3_step(pStmt);
      stmt_done(pStmt);
      if (rc == SQLITE_DONE) {
        p->iSchemaChecked = iVersions;
        return SQLITE_OK;
      }
      if (rc == SQLITE_ROW) rc = SQLITE_OK;  /* a trigger names artifacts */
    } else if (rc != SQLITE_NOMEM) {
      rc = SQLITE_OK;  /* cannot look: as if one did */
    }
  }
  p->iSchemaChecked = -1;
  for (i = 0; i < S_COUNT; i++) {
    sqlite3_finalize(p->apStmt[i]);
    p->apStmt[i] = 0;
  }
  return rc;
}

int artifact_writer_apply(ArtifactWriter *p, int argc, sqlite3_value **argv, sqlite3_int64 *pRowid,
                          char **pzErr) {
  UndoLog undo;
  int rc, f, bReleased = 0;
  *pzErr = 0;
  for (f = 0; f < F_COUNT; f++) {
    if (p->aiCol[f] < 0) {
      *pzErr = sqlite3_mprintf("prefect: artifacts: internal error: no column %s", azField[f]);
      return SQLITE_INTERNAL;
    }
  }
  /* a trigger on Prefect's tables that writes to artifacts would reach
  ** statements still running here; SQLite has no guard for that, since
  ** each nested statement is a new one */
  if (p->nDepth > 0) {
    *pzErr = sqlite3_mprintf("prefect: artifacts: cannot be written from a trigger fired by a write to artifacts");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  memset(&undo, 0, sizeof(undo));
  p->nDepth++;
  p->rcBind = SQLITE_OK;
  p->bIdTaken = 0;
  p->bBindFailed = 0;
  if (argc == 1) {
    rc = artifact_delete(p, argv[0], &undo);
  } else if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    rc = artifact_insert(p, argv, pRowid, &undo, pzErr);
  } else {
    rc = artifact_update(p, argc, argv, &undo, pzErr);
  }
  if (rc == SQLITE_OK) rc = release_if_triggers(p), bReleased = 1;
  if (rc != SQLITE_OK) {
    int rcUndo;
    if (!*pzErr && rc != SQLITE_NOMEM) {
      const char *zMsg = p->bBindFailed ? 0 : sqlite3_errmsg(p->db);
      if (p->bBindFailed && (rc & 0xff) == SQLITE_TOOBIG) {
        *pzErr = sqlite3_mprintf("prefect: artifacts: a value is longer than SQLite's length limit once stored "
                                 "as Prefect stores it (json.dumps escapes every non-ASCII character)");
      } else if (!zMsg) {
        *pzErr = sqlite3_mprintf("prefect: artifacts: %s", sqlite3_errstr(rc));
      } else if (strncmp(zMsg, "prefect: ", 9) == 0) {
        *pzErr = sqlite3_mprintf("%s", zMsg);  /* a nested write's own message */
      } else if (strncmp(zMsg, "no such ", 8) == 0 || strstr(zMsg, " has no column named ")) {
        *pzErr = schema_error(p->db, 0);  /* a table or column this database lacks */
      } else {
        *pzErr = sqlite3_mprintf("prefect: artifacts: %s", zMsg);
      }
    }
    /* an error SQLite undoes itself (no memory, I/O, interrupt) leaves
    ** nothing to undo; others leave the steps that succeeded */
    rcUndo = undo_log_run(&undo, p->db);
    if (rcUndo != SQLITE_OK && *pzErr) {
      char *zMore = sqlite3_mprintf("%s; undoing the row's first writes failed too (%s): ROLLBACK the transaction",
                                    *pzErr, sqlite3_errstr(rcUndo));
      if (zMore) {
        sqlite3_free(*pzErr);
        *pzErr = zMore;
      }
    }
    /* only a taken id is a conflict for OR IGNORE / OR FAIL; a constraint
    ** of the user's (a trigger's RAISE, a CHECK) stops the statement */
    if ((rc & 0xff) == SQLITE_CONSTRAINT && !p->bIdTaken) rc = SQLITE_ERROR;
  }
  p->nDepth--;
  /* after the message, which reads sqlite3_errmsg(): the look runs statements */
  if (!bReleased && release_if_triggers(p) == SQLITE_NOMEM) {
    sqlite3_free(*pzErr);  /* the transaction is gone: that is the news */
    *pzErr = 0;
    rc = SQLITE_NOMEM;
  }
  undo_log_clear(&undo);
  return rc;
}
