/*
** Unit tests (cmocka) for the value readers and the filter compiler. They
** link the extension's sources with -DSQLITE_CORE, so internal functions
** are called directly, and register the extension on an in-memory database
** exactly as a host would.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sqlite3.h"
#include "internal.h"

int sqlite3_prefect_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);

/* ---- helpers ----------------------------------------------------------- */

static sqlite3 *open_db(void) {
  sqlite3 *db = 0;
  char *zErr = 0;
  assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
  assert_int_equal(sqlite3_prefect_init(db, &zErr, 0), SQLITE_OK);
  return db;
}

typedef struct Compiled {
  int rc;
  Query query;
  char *zErr;
} Compiled;

static Compiled compile(sqlite3 *db, const CollectionDesc *pColl, const char *zBody) {
  Compiled c;
  CompileEnv env;
  memset(&env, 0, sizeof(env));
  json_parser_init(&env.parser, db);
  c.rc = filter_compile(&env, pColl, zBody, zBody ? (int)strlen(zBody) : 0, 0, &c.query, &c.zErr);
  json_parser_close(&env.parser);
  return c;
}

static void compiled_free(Compiled *c) {
  query_clear(&c->query);
  sqlite3_free(c->zErr);
}

/* Run the SQL of script zPath on db; its ".read FILE" lines run FILE there,
** as the sqlite3 shell does. Paths are the repository's: the unit tests run
** from its root. */
static void exec_script(sqlite3 *db, const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  sqlite3_str *pSql = sqlite3_str_new(0);
  char zLine[4096], *zSql, *zErr = 0;
  if (!f) fail_msg("cannot open %s (run the unit tests from the repository root)", zPath);
  while (fgets(zLine, sizeof(zLine), f)) {
    if (strncmp(zLine, ".read ", 6) == 0) {
      zSql = sqlite3_str_finish(pSql);
      if (zSql && sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) fail_msg("%s: %s", zPath, zErr);
      sqlite3_free(zSql);
      zLine[strcspn(zLine, "\r\n")] = 0;
      exec_script(db, zLine + 6);
      pSql = sqlite3_str_new(0);
    } else {
      sqlite3_str_appendall(pSql, zLine);
    }
  }
  fclose(f);
  zSql = sqlite3_str_finish(pSql);
  if (zSql && sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) fail_msg("%s: %s", zPath, zErr);
  sqlite3_free(zSql);
}

/* tests/sql/fixture.sql: a small Prefect database whose every row is known
** by heart (its comment lists them). Ids end in a two-digit number. */
static sqlite3 *open_fixture(void) {
  sqlite3 *db = open_db();
  exec_script(db, "tests/sql/fixture.sql");
  return db;
}

/* Sort the space-separated words of z in place (a set's canonical form). */
static int compare_words(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static void sort_words(char *z) {
  char *azWord[256], *zCopy = sqlite3_mprintf("%s", z), *zTok, *zSave = 0;
  int n = 0, i;
  assert_non_null(zCopy);
  for (zTok = strtok_r(zCopy, " ", &zSave); zTok && n < 256; zTok = strtok_r(0, " ", &zSave)) azWord[n++] = zTok;
  qsort(azWord, n, sizeof(azWord[0]), compare_words);
  for (z[0] = 0, i = 0; i < n; i++) strcat(strcat(z, i ? " " : ""), azWord[i]);
  sqlite3_free(zCopy);
}

/* What the compiled statement for zBody returns on db: column zCol of each
** row, separated by spaces; an id as its last two digits, NULL as "-". In
** the statement's order where it has one; otherwise the rows are a set,
** compared sorted. */
static void expect_rows(sqlite3 *db, const CollectionDesc *pColl, const char *zBody, const char *zCol,
                        const char *zExpected) {
  Compiled c = compile(db, pColl, zBody);
  sqlite3_stmt *pStmt = 0;
  sqlite3_str *pOut = sqlite3_str_new(0);
  int iCol = -1, i, n = 0, rc;
  char *zGot, *zWant;
  if (c.rc != SQLITE_OK) fail_msg("%s: %s", zBody ? zBody : "(no body)", c.zErr);
  if (sqlite3_prepare_v2(db, c.query.zSql, -1, &pStmt, 0) != SQLITE_OK) fail_msg("%s", sqlite3_errmsg(db));
  assert_int_equal(query_bind(&c.query, pStmt, 0), SQLITE_OK);
  for (i = 0; i < sqlite3_column_count(pStmt); i++) {
    if (strcmp(sqlite3_column_name(pStmt, i), zCol) == 0) iCol = i;
  }
  if (iCol < 0) fail_msg("no column %s", zCol);
  while ((rc = sqlite3_step(pStmt)) == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, iCol);
    if (n++) sqlite3_str_appendchar(pOut, 1, ' ');
    if (!z) sqlite3_str_appendchar(pOut, 1, '-');
    else if (strcmp(zCol, "id") == 0) sqlite3_str_appendall(pOut, z + strlen(z) - 2);
    else sqlite3_str_appendall(pOut, z);
  }
  if (rc != SQLITE_DONE) fail_msg("%s: %s", zBody, sqlite3_errmsg(db));
  sqlite3_finalize(pStmt);
  zGot = sqlite3_str_finish(pOut);
  zWant = sqlite3_mprintf("%s", zExpected);
  assert_non_null(zWant);
  if (zGot && !strstr(c.query.zSql, " ORDER BY ")) {
    sort_words(zGot);
    sort_words(zWant);
  }
  if (strcmp(zGot ? zGot : "", zWant) != 0) {
    fail_msg("%s: rows %s, expected %s", zBody ? zBody : "(no body)", zGot ? zGot : "", zExpected);
  }
  sqlite3_free(zGot);
  sqlite3_free(zWant);
  compiled_free(&c);
}

static void expect_error(const CollectionDesc *pColl, const char *zBody, const char *zErr) {
  sqlite3 *db = open_db();
  Compiled c = compile(db, pColl, zBody);
  assert_int_equal(c.rc, SQLITE_ERROR);
  assert_non_null(c.zErr);
  assert_string_equal(c.zErr, zErr);
  assert_null(c.query.zSql);
  compiled_free(&c);
  sqlite3_close(db);
}

/* ---- values -------------------------------------------------------------- */

static void test_datetime_spellings(void **state) {
  static const struct { const char *zIn; const char *zOut; } aCase[] = {
    {"2024-01-01T12:00:00+02:00", "2024-01-01 10:00:00.000000"},
    {"2024-01-01T00:00:00.5Z", "2024-01-01 00:00:00.500000"},
    {"2024-01-01t00:00:00z", "2024-01-01 00:00:00.000000"},
    {"2024-01-01 10:30", "2024-01-01 10:30:00.000000"},
    {"2024-01-01_10:30:15", "2024-01-01 10:30:15.000000"},
    {"2024-01-01", "2024-01-01 00:00:00.000000"},
    {"2024-01-01T00:30:00-0130", "2024-01-01 02:00:00.000000"},
    {"2024-01-01T00:00:00.9999999Z", "2024-01-01 00:00:00.999999"},  /* truncated */
    {"2024-03-01T01:00:00+02:00", "2024-02-29 23:00:00.000000"},     /* leap day */
    {"2023-03-01T01:00:00+02:00", "2023-02-28 23:00:00.000000"},
    {"1999-12-31T23:59:59-01:00", "2000-01-01 00:59:59.000000"},
    {"1767312000", "2026-01-02 00:00:00.000000"},                    /* Unix seconds */
    {"1767312000000", "2026-01-02 00:00:00.000000"},                 /* milliseconds */
    {"-86400", "1969-12-31 00:00:00.000000"},
    {"0.25", "1970-01-01 00:00:00.250000"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    char zOut[27];
    if (!value_parse_datetime_text(aCase[i].zIn, (int)strlen(aCase[i].zIn), zOut)) {
      fail_msg("rejected %s", aCase[i].zIn);
    }
    assert_string_equal(zOut, aCase[i].zOut);
  }
}

static void test_datetime_rejects(void **state) {
  static const char *const azBad[] = {
    "yesterday", "2024-13-01", "2024-02-30T00:00:00Z", "2023-02-29", "2024-01-01T24:00:00",
    "2024-01-01T10:60", " 2024-01-01", "2024-01-01 ", "2024-01-01T10", "2024-1-01",
    "2024-01-01T10:00:00+25:00", "2024-01-01T10:00:00Q", "2024-01-01T10:00:00.", "", "1e3",
    "0000-01-01", "9999-12-31T23:00:00-02:00",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    char zOut[27];
    if (value_parse_datetime_text(azBad[i], (int)strlen(azBad[i]), zOut)) {
      fail_msg("accepted %s as %s", azBad[i], zOut);
    }
  }
}

static void test_uuid_spellings(void **state) {
  static const char *const azGood[] = {
    "5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e", "5C1D7B2E-3F4A-4B6C-9D8E-0F1A2B3C4D5E",
    "5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d5e", "{5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e}",
    "urn:uuid:5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e",
  };
  static const char *const azBad[] = {
    "5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5", "5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5g",
    "5c1d7b2e3f4a-4b6c-9d8e-0f1a2b3c4d5e0", "{5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d5e}", "",
    "URN:UUID:5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e", " 5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(azGood) / sizeof(azGood[0]); i++) {
    char zOut[37];
    assert_true(value_parse_uuid_text(azGood[i], (int)strlen(azGood[i]), zOut));
    assert_string_equal(zOut, "5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e");
  }
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    char zOut[37];
    if (value_parse_uuid_text(azBad[i], (int)strlen(azBad[i]), zOut)) fail_msg("accepted %s", azBad[i]);
  }
}

/* Lax booleans and integers, through the compiler so that the node types
** are SQLite's own. */
static void test_lax_coercions(void **state) {
  static const char *const azTrue[] = {"true", "1", "1.0", "\"yes\"", "\"Y\"", "\"on\"", "\"T\"", "\"TRUE\""};
  static const char *const azFalse[] = {"false", "0", "0.0", "\"no\"", "\"n\"", "\"OFF\"", "\"f\"", "\"0\""};
  static const char *const azBadBool[] = {"2", "\"maybe\"", "\"\"", "\" true\"", "[]", "{}", "0.5"};
  size_t i;
  char zBody[128];
  sqlite3 *pFixture = open_fixture();
  (void)state;
  /* artifacts 04 and 05 have no key */
  for (i = 0; i < sizeof(azTrue) / sizeof(azTrue[0]); i++) {
    snprintf(zBody, sizeof(zBody), "{\"artifacts\": {\"key\": {\"exists_\": %s}}}", azTrue[i]);
    expect_rows(pFixture, &prefect_artifacts, zBody, "id", "11 10 09 08 07 06 03 02 01");
  }
  for (i = 0; i < sizeof(azFalse) / sizeof(azFalse[0]); i++) {
    snprintf(zBody, sizeof(zBody), "{\"artifacts\": {\"key\": {\"exists_\": %s}}}", azFalse[i]);
    expect_rows(pFixture, &prefect_artifacts, zBody, "id", "05 04");
  }
  sqlite3_close(pFixture);
  for (i = 0; i < sizeof(azBadBool) / sizeof(azBadBool[0]); i++) {
    sqlite3 *db = open_db();
    Compiled c;
    snprintf(zBody, sizeof(zBody), "{\"artifacts\": {\"key\": {\"exists_\": %s}}}", azBadBool[i]);
    c = compile(db, &prefect_artifacts, zBody);
    assert_int_equal(c.rc, SQLITE_ERROR);
    assert_non_null(strstr(c.zErr, "artifacts.key.exists_: expected a boolean, got "));
    compiled_free(&c);
    sqlite3_close(db);
  }
}

static void test_lax_integers(void **state) {
  static const struct { const char *zIn; sqlite3_int64 iOut; } aCase[] = {
    {"5", 5}, {"5.0", 5}, {"\"5\"", 5}, {"\" 5 \"", 5}, {"\"+5\"", 5}, {"\"5.0\"", 5}, {"true", 1},
    {"false", 0}, {"9007199254740993", 9007199254740993LL},
  };
  static const char *const azBad[] = {"5.5", "\"abc\"", "\"1e3\"", "\"0x10\"", "[]", "\"\"", "\"5.5\""};
  size_t i;
  char zBody[128];
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    sqlite3 *db = open_db();
    Compiled c;
    snprintf(zBody, sizeof(zBody), "{\"limit\": %s}", aCase[i].zIn);
    c = compile(db, &prefect_artifacts, zBody);
    if (c.rc != SQLITE_OK) fail_msg("%s: %s", zBody, c.zErr);
    assert_int_equal(c.query.nBind, 1);
    assert_int_equal(c.query.aBind[0].eType, BT_INT);
    assert_int_equal(c.query.aBind[0].i, aCase[i].iOut);
    compiled_free(&c);
    sqlite3_close(db);
  }
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    snprintf(zBody, sizeof(zBody), "{\"offset\": %s}", azBad[i]);
    {
      sqlite3 *db = open_db();
      Compiled c = compile(db, &prefect_artifacts, zBody);
      assert_int_equal(c.rc, SQLITE_ERROR);
      assert_non_null(strstr(c.zErr, "prefect: offset: expected an integer, got "));
      compiled_free(&c);
      sqlite3_close(db);
    }
  }
}

/* Strict JSON before SQLite's parser: what Python's json.loads takes, minus
** NaN/Infinity; never what SQLite 3.40 wrongly accepts. */
static void test_json_text_check(void **state) {
  static const char *const azGood[] = {
    "{}", "[]", " {\"a\" : [1, -2.5e+3, 0, 0.0, true, false, null, \"\\u00e9\\n\\\"\"]} ", "\"x\"", "0",
    "{\"\xc3\xa9\": \"\xf0\x9f\x98\x80\"}", "[[[]]]", "{\"a\": {}, \"b\": []}",
  };
  /* iBad: the 1-based position of the first byte that cannot continue a
  ** JSON text (the end of the text counts as byte n + 1) */
  static const struct { const char *z; int iBad; } aBad[] = {
    {"", 1}, {"{", 2}, {"{\"a\": 1,}", 9}, {"[1,]", 4}, {"{[\"x\"]: 1}", 2}, {"{\"a\": {[\"x\"]: null}}", 8},
    {"{a: 1}", 2}, {"[01]", 3}, {"[1.]", 4}, {"[.5]", 2}, {"[NaN]", 2}, {"[1] [2]", 5}, {"'x'", 1},
    /* inside a string: the control byte, the escaped letter, the first byte of bad UTF-8 */
    {"\"\x01\"", 2}, {"\"\\x\"", 3}, {"\"\xc3\"", 2}, {"\"\xed\xa0\x80\"", 2}, {"\"\xc0\xaf\"", 2},
    {"[1] // c", 5}, {"{\"a\" 1}", 6},
  };
  size_t i;
  int bDeep;
  char *z;
  (void)state;
  for (i = 0; i < sizeof(azGood) / sizeof(azGood[0]); i++) {
    int iBad = json_text_check(azGood[i], (int)strlen(azGood[i]), &bDeep);
    if (iBad) fail_msg("rejected %s at %d", azGood[i], iBad);
  }
  for (i = 0; i < sizeof(aBad) / sizeof(aBad[0]); i++) {
    int iBad = json_text_check(aBad[i].z, (int)strlen(aBad[i].z), &bDeep);
    if (iBad == 0) fail_msg("accepted %s", aBad[i].z);
    if (iBad != aBad[i].iBad) fail_msg("%s: rejected at byte %d, not %d", aBad[i].z, iBad, aBad[i].iBad);
    assert_false(bDeep);
  }
  z = sqlite3_mprintf("%.*c%.*c", JSON_MAX_NESTING, '[', JSON_MAX_NESTING, ']');
  assert_int_equal(json_text_check(z, (int)strlen(z), &bDeep), 0);
  sqlite3_free(z);
  z = sqlite3_mprintf("%.*c%.*c", JSON_MAX_NESTING + 1, '[', JSON_MAX_NESTING + 1, ']');
  assert_int_equal(json_text_check(z, (int)strlen(z), &bDeep), JSON_MAX_NESTING + 1);
  assert_true(bDeep);
  sqlite3_free(z);
  /* a NUL byte inside the text is not JSON (the escape \u0000 is) */
  assert_int_equal(json_text_check("[\"a\0\"]", 6, &bDeep), 4);
}

/* The one JSON string escaper, in its three forms. */
static void test_json_write_string(void **state) {
  static const char zIn[] = "a\"\\/\b\f\n\r\t\x01\x1f\x7f\xc3\xa9\xf0\x9f\x98\x80";
  static const struct { unsigned int mFlags; const char *zOut; } aCase[] = {
    {0, "\"a\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9\xf0\x9f\x98\x80\""},
    {JSON_STRING_ASCII, "\"a\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\\u00e9\\ud83d\\ude00\""},
    {JSON_STRING_CUT, "\"a\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\xc3\xa9\xf0\x9f\x98\x80...\""},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    json_write_string(pStr, zIn, (int)sizeof(zIn) - 1, aCase[i].mFlags);
    z = sqlite3_str_finish(pStr);
    assert_string_equal(z, aCase[i].zOut);
    sqlite3_free(z);
  }
}

/* ---- the compiler ------------------------------------------------------- */

#define ALL_ARTIFACTS "11 10 09 08 07 06 05 04 03 02 01"

/* No filter: every row, newest id first (ID_DESC, the default sort). */
static void test_no_body(void **state) {
  sqlite3 *db = open_fixture();
  (void)state;
  expect_rows(db, &prefect_artifacts, NULL, "id", ALL_ARTIFACTS);
  expect_rows(db, &prefect_artifacts, "", "id", ALL_ARTIFACTS);
  expect_rows(db, &prefect_artifacts, "null", "id", ALL_ARTIFACTS);
  expect_rows(db, &prefect_artifacts, "{}", "id", ALL_ARTIFACTS);
  expect_rows(db, &prefect_artifacts, "{\"artifacts\": null, \"flow_runs\": null, \"sort\": null, \"limit\": null}",
              "id", ALL_ARTIFACTS);
  /* the text is the contract here: a body that asks for no order is a set,
  ** and no sort is paid for; one that asks gets Prefect's order */
  {
    static const char *const azSet[] = {"{}", "{\"sort\": null, \"limit\": null, \"offset\": null}"};
    static const char *const azOrdered[] = {"{\"sort\": \"ID_DESC\"}", "{\"limit\": 5}", "{\"offset\": 1}"};
    size_t i;
    for (i = 0; i < sizeof(azSet) / sizeof(azSet[0]); i++) {
      Compiled c = compile(db, &prefect_artifacts, azSet[i]);
      assert_null(strstr(c.query.zSql, "ORDER BY"));
      compiled_free(&c);
    }
    for (i = 0; i < sizeof(azOrdered) / sizeof(azOrdered[0]); i++) {
      Compiled c = compile(db, &prefect_artifacts, azOrdered[i]);
      assert_non_null(strstr(c.query.zSql, "ORDER BY a.id DESC"));
      compiled_free(&c);
    }
  }
  sqlite3_close(db);
}

/* A count route compiles to SELECT count(*) over the filtered table, with no
** columns and no order (so SQLite may count an index), ignoring sort, limit
** and offset as the API does; it counts what the full statement returns. */
static void test_count_shape(void **state) {
  static const struct { const CollectionDesc *pColl; const char *zBody; } aCase[] = {
    {&prefect_artifacts, "{}"},
    {&prefect_artifacts, "{\"artifacts\": {\"key\": {\"exists_\": true}}, \"sort\": \"KEY_ASC\", \"limit\": 2}"},
    {&prefect_artifacts, "{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\", \"COMPLETED\"]}}}}"},
    {&prefect_artifact_collections, "{\"artifacts\": {\"type\": {\"any_\": [\"table\"]}}, \"offset\": 3}"},
    {&prefect_flows, "{\"flow_runs\": {}}"},
    {&prefect_flow_runs, "{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"]}}}}"},
    {&prefect_task_runs, "{}"},
    {&prefect_deployments, "{\"deployments\": {\"paused\": {\"eq_\": false}}}"},
  };
  sqlite3 *db = open_fixture();
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    QueryExtras count, all;
    Query qCount, qAll;
    CompileEnv env;
    char *zErr = 0, *zAll;
    sqlite3_stmt *pCount = 0, *pAll = 0;
    int nBody = (int)strlen(aCase[i].zBody);
    memset(&env, 0, sizeof(env));
    memset(&count, 0, sizeof(count));
    memset(&all, 0, sizeof(all));
    count.bCount = count.bIgnorePaging = 1;
    all.bIgnorePaging = 1;
    json_parser_init(&env.parser, db);
    assert_int_equal(filter_compile(&env, aCase[i].pColl, aCase[i].zBody, nBody, &count, &qCount, &zErr), SQLITE_OK);
    assert_int_equal(filter_compile(&env, aCase[i].pColl, aCase[i].zBody, nBody, &all, &qAll, &zErr), SQLITE_OK);
    json_parser_close(&env.parser);
    /* the text is the contract: a bare count, no ORDER BY, no column list */
    assert_int_equal(strncmp(qCount.zSql, "SELECT count(*) FROM ", 21), 0);
    assert_null(strstr(qCount.zSql, "ORDER BY"));
    assert_null(strstr(qCount.zSql, "LIMIT"));
    zAll = sqlite3_mprintf("SELECT count(*) FROM (%s)", qAll.zSql);
    assert_int_equal(sqlite3_prepare_v2(db, qCount.zSql, -1, &pCount, 0), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, zAll, -1, &pAll, 0), SQLITE_OK);
    assert_int_equal(query_bind(&qCount, pCount, 0), SQLITE_OK);
    assert_int_equal(query_bind(&qAll, pAll, 0), SQLITE_OK);
    assert_int_equal(sqlite3_step(pCount), SQLITE_ROW);
    assert_int_equal(sqlite3_step(pAll), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(pCount, 0), sqlite3_column_int64(pAll, 0));
    sqlite3_finalize(pCount);
    sqlite3_finalize(pAll);
    sqlite3_free(zAll);
    query_clear(&qCount);
    query_clear(&qAll);
  }
  sqlite3_close(db);
}

/* prefect_api()'s bodies: FastAPI reads each body parameter of a route by
** name and never looks at another key, so with bIgnoreUnknownKeys a key the
** route does not take is ignored whatever it holds (a misspelling, "sort"
** or "limit" on lateness, "page" on /flows/filter); the keys it does take
** are still checked. Without the flag (the tables) such a key is refused. */
static void compile_with(sqlite3 *db, const CollectionDesc *pColl, const char *zBody, const QueryExtras *pExtras,
                         int rcWant, const char *zSqlHas, const char *zSqlLacks) {
  CompileEnv env;
  Query q;
  char *zErr = 0;
  memset(&env, 0, sizeof(env));
  json_parser_init(&env.parser, db);
  assert_int_equal(filter_compile(&env, pColl, zBody, (int)strlen(zBody), pExtras, &q, &zErr), rcWant);
  json_parser_close(&env.parser);
  if (rcWant == SQLITE_OK) {
    if (zSqlHas) assert_non_null(strstr(q.zSql, zSqlHas));
    if (zSqlLacks) assert_null(strstr(q.zSql, zSqlLacks));
    query_clear(&q);
  }
  sqlite3_free(zErr);
}

static void test_ignore_unknown_keys(void **state) {
  sqlite3 *db = open_fixture();
  QueryExtras list, count, lateness, paginate, pools;
  (void)state;
  memset(&list, 0, sizeof(list));
  list.bApiLimits = list.bIgnoreUnknownKeys = 1;
  count = list;
  count.bApiLimits = 0;
  count.bCount = count.bIgnorePaging = 1;
  memset(&lateness, 0, sizeof(lateness));
  lateness.bNoPaging = lateness.bIgnoreUnknownKeys = 1;
  paginate = list;
  paginate.bPage = paginate.bIgnoreOffset = 1;
  pools = list;
  /* unknown keys, whatever they hold, are never read */
  compile_with(db, &prefect_artifacts, "{\"artifact\": {\"nope\": 1}, \"x\": [}]}", &list, SQLITE_ERROR, 0, 0);
  compile_with(db, &prefect_artifacts, "{\"artifact\": {\"nope\": 1}, \"x\": [1, {}]}", &list, SQLITE_OK, "LIMIT", "WHERE");
  /* the lateness route takes no sort/limit/offset (the UI sends sort and offset) */
  compile_with(db, &prefect_flow_runs, "{\"sort\": \"ID_DESC\", \"offset\": 0, \"limit\": -5, \"flow_runs\": {}}",
               &lateness, SQLITE_OK, 0, "LIMIT");
  lateness.bIgnoreUnknownKeys = 0;
  compile_with(db, &prefect_flow_runs, "{\"sort\": \"ID_DESC\"}", &lateness, SQLITE_ERROR, 0, 0);
  /* counts: sort/limit/offset/page were already ignored; so are other keys now */
  compile_with(db, &prefect_flow_runs, "{\"sort\": 3, \"page\": 0, \"flow_run\": {}}", &count, SQLITE_OK,
               "SELECT count(*)", "WHERE");
  /* /flows/filter has no page: ignored there; /flows/paginate reads it */
  compile_with(db, &prefect_flows, "{\"page\": 3, \"limit\": 2}", &list, SQLITE_OK, "LIMIT", "OFFSET");
  compile_with(db, &prefect_flows, "{\"page\": 3, \"limit\": 2}", &paginate, SQLITE_OK, "OFFSET", 0);
  /* the table keeps its page */
  compile_with(db, &prefect_flows, "{\"page\": 3, \"limit\": 2}", 0, SQLITE_OK, "OFFSET", 0);
  /* paginate: offset is not its parameter */
  compile_with(db, &prefect_flow_runs, "{\"page\": 1, \"offset\": \"x\"}", &paginate, SQLITE_OK, 0, 0);
  /* work pools take no sort */
  compile_with(db, &prefect_work_pools, "{\"sort\": \"NAME_DESC\"}", &pools, SQLITE_OK, "ASC", "DESC");
  /* the keys a route takes are still checked, nested keys too */
  compile_with(db, &prefect_flow_runs, "{\"sort\": \"NOPE\"}", &list, SQLITE_ERROR, 0, 0);
  compile_with(db, &prefect_flow_runs, "{\"limit\": 201}", &list, SQLITE_ERROR, 0, 0);
  compile_with(db, &prefect_flow_runs, "{\"flow_runs\": {\"nme\": {}}}", &list, SQLITE_ERROR, 0, 0);
  compile_with(db, &prefect_flow_runs, "{\"flow_runs\": {\"nme\": {}}}", &lateness, SQLITE_ERROR, 0, 0);
  /* prefect_filter() documents stay strict */
  {
    static const char *const azDoc[] = {"{\"limit\": 1}"};
    static const int anDoc[] = {12};
    QueryExtras doc = list;
    doc.azFilter = azDoc;
    doc.anFilter = anDoc;
    doc.nFilter = 1;
    compile_with(db, &prefect_flow_runs, "{}", &doc, SQLITE_ERROR, 0, 0);
  }
  sqlite3_close(db);
}

/* The statement's columns are the collection's, in the API's order, then
** the table's rowid (the virtual table's xRowid). */
static void test_columns_in_api_order(void **state) {
  static const char *const azCol[] = {
    "id", "created", "updated", "key", "latest_id", "type", "description", "data", "metadata_", "flow_run_id",
    "task_run_id", "prefect_rowid",
  };
  sqlite3 *db = open_fixture();
  Compiled c = compile(db, &prefect_artifact_collections, "{\"sort\": \"ID_DESC\"}");
  sqlite3_stmt *pStmt = 0;
  size_t i;
  (void)state;
  assert_int_equal(c.rc, SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, c.query.zSql, -1, &pStmt, 0), SQLITE_OK);
  assert_int_equal(sqlite3_column_count(pStmt), (int)(sizeof(azCol) / sizeof(azCol[0])));
  for (i = 0; i < sizeof(azCol) / sizeof(azCol[0]); i++) assert_string_equal(sqlite3_column_name(pStmt, (int)i), azCol[i]);
  assert_int_equal(sqlite3_step(pStmt), SQLITE_ROW);
  assert_string_equal(sqlite3_column_text(pStmt, 3), "\xc3\x89" "clair-Report");  /* c..07, the largest id */
  assert_string_equal(sqlite3_column_text(pStmt, 4), "a0000000-0000-4000-8000-000000000010");
  sqlite3_finalize(pStmt);
  compiled_free(&c);
  expect_rows(db, &prefect_artifact_collections, "{}", "id", "07 06 05 04 03 02 01");
  sqlite3_close(db);
}

static void test_artifact_filter_fields(void **state) {
  sqlite3 *db = open_fixture();
  (void)state;
  /* any_: [] is a real criterion, FALSE */
  expect_rows(db, &prefect_artifacts, "{\"artifacts\": {\"id\": {\"any_\": []}}}", "id", "");
  /* the criteria of one field are ANDed; like_ is a case-insensitive "contains" */
  expect_rows(db, &prefect_artifacts,
              "{\"artifacts\": {\"key\": {\"any_\": [\"ml-table\"], \"like_\": \"TAB\", \"exists_\": true}}}",
              "id", "11 03");
  expect_rows(db, &prefect_artifacts,
              "{\"artifacts\": {\"key\": {\"any_\": [\"ml-table\", \"gamma_1\"], \"like_\": \"TAB\"}}}", "id", "11 03");
  expect_rows(db, &prefect_artifacts, "{\"artifacts\": {\"key\": {\"any_\": [\"ml-table\", \"dangling\"]}}}", "id",
              "11 09 03");
  /* or_: run 03's artifact, or a type outside the list (05 has none: NULL is not NOT IN) */
  expect_rows(db, &prefect_artifacts,
              "{\"artifacts\": {\"operator\": \"or_\", "
              "\"flow_run_id\": {\"any_\": [\"10000000-0000-4000-8000-000000000003\"]}, "
              "\"task_run_id\": {\"any_\": []}, \"type\": {\"not_any_\": [\"markdown\", \"table\"]}}}",
              "id", "08 06 04 03");
  sqlite3_close(db);
}

static void test_constant_folding(void **state) {
  sqlite3 *db = open_fixture();
  (void)state;
  /* an empty sub-filter is TRUE and wins under or_ */
  expect_rows(db, &prefect_artifacts,
              "{\"artifacts\": {\"operator\": \"or_\", \"key\": {\"any_\": [\"ml-table\"]}, \"type\": {}}}", "id",
              ALL_ARTIFACTS);
  /* and vanishes under and_ */
  expect_rows(db, &prefect_artifacts, "{\"artifacts\": {\"key\": {\"any_\": [\"ml-table\"]}, \"type\": {}}}", "id",
              "11 03");
  /* skipped values contribute nothing (a LIKE '%%' would drop the NULL keys 04 and 05) */
  expect_rows(db, &prefect_artifacts, "{\"artifacts\": {\"key\": {\"like_\": \"\"}, \"type\": {\"not_any_\": []}}}",
              "id", ALL_ARTIFACTS);
  /* the state rule: a child that is not exactly one comparison is dropped,
  ** not TRUE (which would win under or_) nor FALSE */
  expect_rows(db, &prefect_artifacts,
              "{\"flow_runs\": {\"state\": {\"operator\": \"or_\", \"type\": {}, \"name\": {\"any_\": [\"Failed\"]}}}}",
              "id", "10 02");
  /* ...leaving every artifact whose flow run exists (not 05: no run; not 09: a dangling one) */
  expect_rows(db, &prefect_artifacts,
              "{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\"], \"not_any_\": [\"FAILED\"]}}}}", "id",
              "11 10 08 07 06 04 03 02 01");
  /* concurrency_limit is not even a TRUE under or_: only the unpaused
  ** deployment 01 counts (runs 01 and 02), not the paused 02 (run 03) */
  expect_rows(db, &prefect_artifacts,
              "{\"deployments\": {\"operator\": \"or_\", \"concurrency_limit\": {\"ge_\": 1}, "
              "\"paused\": {\"eq_\": false}}}",
              "id", "11 10 04 02 01");
  sqlite3_close(db);
}

/* The shape of a related filter: "col IN (SELECT ...)" lets SQLite start
** from the related side; with a LIMIT in an order an index delivers,
** Prefect's own EXISTS stops after the first rows. */
static void expect_shape(const char *zBody, const char *zShape) {
  sqlite3 *db = open_db();
  Compiled c = compile(db, &prefect_artifacts, zBody);
  if (c.rc != SQLITE_OK) fail_msg("compile failed: %s", c.zErr);
  if (!strstr(c.query.zSql, zShape)) fail_msg("%s: no %s in %s", zBody, zShape, c.query.zSql);
  compiled_free(&c);
  sqlite3_close(db);
}

static void test_related_groups(void **state) {
  sqlite3 *db = open_fixture();
  (void)state;
  /* artifacts with a flow run that has a flow, and with a task run */
  expect_rows(db, &prefect_artifacts, "{\"flows\": {}, \"task_runs\": {}}", "id", "11 10 04 02 01");
  expect_rows(db, &prefect_artifacts, "{\"flows\": {}, \"task_runs\": {}, \"sort\": \"KEY_ASC\", \"limit\": 10}",
              "key", "- ml-table orders-report orders-report \xc3\x89" "clair-Report");
  expect_rows(db, &prefect_artifacts, "{\"task_runs\": {}, \"sort\": \"CREATED_DESC\", \"limit\": 10}", "id",
              "11 10 04 02 01");
  /* Both shapes give the same rows, so only the text tells which one was
  ** chosen: here the text is the contract. */
  expect_shape("{\"flows\": {}, \"task_runs\": {}}", "a.flow_run_id IN (SELECT fr1.id FROM flow_run AS fr1, flow AS f2");
  expect_shape("{\"flows\": {}, \"task_runs\": {}}", "a.task_run_id IN (SELECT tr3.id FROM task_run AS tr3)");
  expect_shape("{\"flows\": {}, \"task_runs\": {}, \"sort\": \"KEY_ASC\", \"limit\": 10}",
               "EXISTS (SELECT 1 FROM flow_run AS fr1, flow AS f2 WHERE fr1.id = a.flow_run_id");
  expect_shape("{\"flows\": {}, \"task_runs\": {}, \"sort\": \"KEY_ASC\", \"limit\": 10}",
               "EXISTS (SELECT 1 FROM task_run AS tr3 WHERE tr3.id = a.task_run_id)");
  /* no index delivers CREATED_DESC: the limit cannot stop early, IN it is */
  expect_shape("{\"task_runs\": {}, \"sort\": \"CREATED_DESC\", \"limit\": 10}", "a.task_run_id IN (SELECT tr1.id");

  /* TaskRunFilterFlowRunId: is_null_ defaults to false, so {} means "has a
  ** flow run"; an explicit null is no criterion (task run 03 has no flow run) */
  expect_rows(db, &prefect_task_runs, "{\"task_runs\": {\"flow_run_id\": {}}}", "id", "02 01");
  expect_rows(db, &prefect_task_runs, "{\"task_runs\": {\"flow_run_id\": {\"is_null_\": null}}}", "id", "03 02 01");
  expect_rows(db, &prefect_artifacts, "{\"task_runs\": {\"flow_run_id\": {\"is_null_\": null}}}", "id",
              "11 10 04 02 01");
  expect_rows(db, &prefect_artifacts, "{\"task_runs\": {\"flow_run_id\": {\"is_null_\": null, \"any_\": []}}}", "id",
              "");
  /* task run 01 has a subflow (Run-Four), 02 has none */
  expect_rows(db, &prefect_artifacts, "{\"task_runs\": {\"subflow_runs\": {\"exists_\": false}}}", "id", "10 02");
  expect_rows(db, &prefect_artifacts, "{\"task_runs\": {\"subflow_runs\": {\"exists_\": true}}}", "id", "11 04 01");
  sqlite3_close(db);
}

static void test_sort_limit_offset(void **state) {
  sqlite3 *db = open_fixture();
  (void)state;
  /* NULL keys first, as SQLite orders them */
  expect_rows(db, &prefect_artifacts, "{\"sort\": \"KEY_ASC\", \"limit\": 5}", "key", "- - dangling gamma_1 gammax1");
  expect_rows(db, &prefect_artifacts, "{\"offset\": 5}", "id", "06 05 04 03 02 01");
  /* updated: 02 (12 Feb), 11, 10, ... */
  expect_rows(db, &prefect_artifacts, "{\"sort\": \"UPDATED_DESC\", \"limit\": 1, \"offset\": 2}", "id", "10");
  sqlite3_close(db);
}

/* Values are bound, normalised, never spliced: the SQL text of two bodies
** of one shape is identical. The text is the contract here (the virtual
** tables key their statement cache by it), so it is compared as text. */
static void test_binds_and_shape(void **state) {
  sqlite3 *db = open_db();
  Compiled c1 = compile(db, &prefect_artifacts,
      "{\"artifacts\": {\"key\": {\"like_\": \"it's\"}, \"id\": {\"any_\": [\"{5C1D7B2E-3F4A-4B6C-9D8E-0F1A2B3C4D5E}\", "
      "\"5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d5f\"]}}, "
      "\"flow_runs\": {\"start_time\": {\"after_\": \"2024-01-01T12:00:00+02:00\"}, "
      "\"name\": {\"any_\": [\"a\\\"b\", \"\\u00e9\"]}}, \"limit\": \"7\"}");
  Compiled c2 = compile(db, &prefect_artifacts,
      "{\"artifacts\": {\"key\": {\"like_\": \"other\"}, \"id\": {\"any_\": [\"5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d5e\", "
      "\"5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d5f\", \"5c1d7b2e3f4a4b6c9d8e0f1a2b3c4d50\"]}}, "
      "\"flow_runs\": {\"start_time\": {\"after_\": 0}, \"name\": {\"any_\": [\"x\", \"y\", \"z\"]}}, \"limit\": 1}");
  (void)state;
  assert_int_equal(c1.rc, SQLITE_OK);
  assert_int_equal(c2.rc, SQLITE_OK);
  assert_string_equal(c1.query.zSql, c2.query.zSql);
  assert_null(strstr(c1.query.zSql, "it's"));
  assert_int_equal(c1.query.nBind, 5);
  assert_string_equal(c1.query.aBind[0].z,
                      "[\"5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e\",\"5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5f\"]");
  assert_string_equal(c1.query.aBind[1].z, "%it's%");
  assert_string_equal(c1.query.aBind[2].z, "[\"a\\\"b\",\"\xc3\xa9\"]");
  assert_string_equal(c1.query.aBind[3].z, "2024-01-01 10:00:00.000000");
  assert_int_equal(c1.query.aBind[4].i, 7);
  assert_string_equal(c2.query.aBind[3].z, "1970-01-01 00:00:00.000000");
  compiled_free(&c1);
  compiled_free(&c2);
  sqlite3_close(db);
}

static void test_error_messages(void **state) {
  (void)state;
  expect_error(&prefect_artifacts, "{\"artifacts\": {\"key\": {\"like_\": 42}}}",
               "prefect: artifacts.key.like_: expected a string, got 42");
  expect_error(&prefect_artifacts, "{", "prefect: body: not valid JSON (at byte 2)");
  expect_error(&prefect_artifacts, "{\"flow_runs\": {\"state\": {\"type\": {\"any_\": [\"FAILED\", \"x\"]}}}}",
               "prefect: flow_runs.state.type.any_[1]: expected a state type (SCHEDULED, PENDING, RUNNING, "
               "COMPLETED, FAILED, CANCELLED, CRASHED, PAUSED or CANCELLING), got \"x\"");
  expect_error(&prefect_artifact_collections, "{\"artifacts\": {\"id\": {}}}",
               "prefect: artifacts.id: unknown field, expected one of: latest_id, key, flow_run_id, "
               "task_run_id, type, operator");
  expect_error(&prefect_artifacts, "{\"sort\": 1}",
               "prefect: sort: expected one of ID_DESC, CREATED_DESC, UPDATED_DESC, KEY_DESC, KEY_ASC, got 1");
  /* long values are cut, and the message stays on one line */
  expect_error(&prefect_artifacts,
               "{\"artifacts\": {\"key\": {\"like_\": [\"0123456789012345678901234567890123456789\", "
               "\"0123456789012345678901234567890123456789\"]}}}",
               "prefect: artifacts.key.like_: expected a string, got [\"0123456789012345678901234567890123456789\", "
               "\"0123456789012345678...\"]");
  /* an integer beyond 64 bits is not clamped into range */
  expect_error(&prefect_artifacts, "{\"limit\": 1180591620717411303424}",
               "prefect: limit: expected an integer, got 1.18059162071741e+21");
  expect_error(&prefect_artifacts, "{\"offset\": -9223372036854775809}",
               "prefect: offset: expected an integer, got -9.22337203685478e+18");
  expect_error(&prefect_artifacts, "{\"artifacts\": {\"key\": {\"any_\": [\"a\\nb\", 1]}}}",
               "prefect: artifacts.key.any_[1]: expected a string, got 1");
}

/* Deep nesting: the error names the first wrong level and stays short;
** past SQLite's JSON depth limit the body is not JSON at all. */
static void test_deep_nesting(void **state) {
  sqlite3 *db = open_db();
  char *zBody;
  Compiled c;
  (void)state;
  zBody = sqlite3_mprintf("{\"artifacts\": %.*c%.*c}", 500, '[', 500, ']');
  c = compile(db, &prefect_artifacts, zBody);
  assert_int_equal(c.rc, SQLITE_ERROR);
  assert_true(strlen(c.zErr) < 200);
  assert_non_null(strstr(c.zErr, "prefect: artifacts: expected an object, got [[[["));
  compiled_free(&c);
  sqlite3_free(zBody);
  zBody = sqlite3_mprintf("{\"artifacts\": %.*c%.*c}", 100000, '[', 100000, ']');
  c = compile(db, &prefect_artifacts, zBody);
  assert_int_equal(c.rc, SQLITE_ERROR);
  assert_string_equal(c.zErr, "prefect: body: nested deeper than 512 levels");
  compiled_free(&c);
  sqlite3_free(zBody);
  sqlite3_close(db);
}

/* Every leaf operator of every class compiles with a valid value, and its
** criterion is in the statement: walks the descriptions, so a new class is
** covered without a new test. Lists have two values, so that their
** templates are expanded as they are written (one value is bound as
** "IN (?N)" instead). */
static const char *sample_value(ValueKind e) {
  switch (e) {
    case VAL_UUID_LIST:
      return "[\"5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5e\", \"5c1d7b2e-3f4a-4b6c-9d8e-0f1a2b3c4d5f\"]";
    case VAL_STR_LIST: return "[\"x\", \"y\"]";
    case VAL_STATE_LIST: return "[\"FAILED\", \"CRASHED\"]";
    case VAL_WORKER_STATUS_LIST: return "[\"ONLINE\", \"OFFLINE\"]";
    case VAL_STR: return "\"x\"";
    case VAL_BOOL: return "true";
    case VAL_DATETIME: return "\"2024-01-01T00:00:00Z\"";
    case VAL_INT: return "3";
    case VAL_TEXT_QUERY: return "\"x\"";
  }
  return "null";
}

static int is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Does zSql at z start with an expansion of template zTmpl? '@' is an
** alias (letters, then digits: "a", "fr1"), '?' a placeholder ("?3"), '#'
** a number. */
static int template_matches_at(const char *zTmpl, const char *z) {
  for (; *zTmpl; zTmpl++) {
    if (*zTmpl == '@') {
      if (!(*z >= 'a' && *z <= 'z')) return 0;
      while (*z >= 'a' && *z <= 'z') z++;
      while (*z >= '0' && *z <= '9') z++;
    } else if (*zTmpl == '?' || *zTmpl == '#') {
      if (*zTmpl == '?' && *z++ != '?') return 0;
      if (!(*z >= '0' && *z <= '9')) return 0;
      while (*z >= '0' && *z <= '9') z++;
    } else if (*z++ != *zTmpl) {
      return 0;
    }
  }
  return 1;
}

/* Is the criterion of template zTmpl somewhere in zSql? */
static int sql_has_template(const char *zSql, const char *zTmpl) {
  const char *z;
  for (z = zSql; *z; z++) {
    if (z > zSql && zTmpl[0] == '@' && is_ident_char(z[-1])) continue;
    if (template_matches_at(zTmpl, z)) return 1;
  }
  return 0;
}

static char *compiled_sql(sqlite3 *db, const CollectionDesc *pColl, const char *zBody) {
  Compiled c = compile(db, pColl, zBody);
  char *zSql;
  if (c.rc != SQLITE_OK) fail_msg("%s: %s", zBody, c.zErr);
  zSql = sqlite3_mprintf("%s", c.query.zSql);
  compiled_free(&c);
  return zSql;
}

/* Leaf zKey = zValue in the object that zPrefix opens and zSuffix closes:
** the statement holds the expansion of zTmpl, or (zTmpl NULL: a value
** Prefect ignores) is the statement of the same object left empty. */
static void check_leaf(sqlite3 *db, const CollectionDesc *pColl, const char *zPrefix, const char *zSuffix,
                       const char *zKey, const char *zValue, const char *zTmpl) {
  char *zBody = sqlite3_mprintf("%s{\"%s\": %s}%s", zPrefix, zKey, zValue, zSuffix);
  char *zSql = compiled_sql(db, pColl, zBody);
  if (zTmpl) {
    if (!sql_has_template(zSql, zTmpl)) fail_msg("no criterion %s for %s in %s", zTmpl, zBody, zSql);
  } else {
    char *zEmpty = sqlite3_mprintf("%s{}%s", zPrefix, zSuffix);
    char *zEmptySql = compiled_sql(db, pColl, zEmpty);
    if (strcmp(zSql, zEmptySql) != 0) fail_msg("%s is not ignored: %s", zBody, zSql);
    sqlite3_free(zEmptySql);
    sqlite3_free(zEmpty);
  }
  sqlite3_free(zSql);
  sqlite3_free(zBody);
}

static int walk_class(sqlite3 *db, const CollectionDesc *pColl, const ClassDesc *pClass,
                      const char *zPrefix, const char *zSuffix) {
  int i, n = 0;
  for (i = 0; pClass->aMember[i].zKey; i++) {
    const MemberDesc *pM = &pClass->aMember[i];
    if (pM->pClass) {
      char *zP = sqlite3_mprintf("%s{\"%s\": ", zPrefix, pM->zKey);
      char *zS = sqlite3_mprintf("}%s", zSuffix);
      n += walk_class(db, pColl, pM->pClass, zP, zS);
      sqlite3_free(zP);
      sqlite3_free(zS);
    } else if (pM->eSkip == SKIP_ALWAYS) {
      check_leaf(db, pColl, zPrefix, zSuffix, pM->zKey, sample_value(pM->eValue), 0);
      n++;
    } else if (pM->zSqlKnown) {
      /* a known list is bound value by value (the sample's two values: an
      ** IN list of two); one holding a NUL byte keeps the json_each form */
      const char *zList = strstr(pM->zSqlKnown, "IN (SELECT value FROM json_each(?))");
      char *zKnown = zList ? sqlite3_mprintf("%.*sIN (?, ?)%s", (int)(zList - pM->zSqlKnown), pM->zSqlKnown,
                                             zList + strlen("IN (SELECT value FROM json_each(?))"))
                           : sqlite3_mprintf("%s", pM->zSqlKnown);
      check_leaf(db, pColl, zPrefix, zSuffix, pM->zKey, sample_value(pM->eValue), zKnown);
      check_leaf(db, pColl, zPrefix, zSuffix, pM->zKey, "[\"x\", \"a\\u0000b\"]", pM->zSql);
      sqlite3_free(zKnown);
      n++;
    } else {
      check_leaf(db, pColl, zPrefix, zSuffix, pM->zKey, sample_value(pM->eValue), pM->zSql);
      if (pM->eValue == VAL_BOOL) check_leaf(db, pColl, zPrefix, zSuffix, pM->zKey, "false", pM->zSqlFalse);
      n++;
    }
  }
  return n;
}

static void test_every_described_operator(void **state) {
  sqlite3 *db = open_db();
  int i, j, n = 0;
  (void)state;
  for (i = 0; prefect_collections[i]; i++) {
    const CollectionDesc *pColl = prefect_collections[i];
    char *zP = sqlite3_mprintf("{\"%s\": ", pColl->zFilterKey);
    n += walk_class(db, pColl, pColl->pFilter, zP, "}");
    sqlite3_free(zP);
    for (j = 0; pColl->aRel[j].zTable; j++) {
      if (!pColl->aRel[j].zKey) continue;  /* a link-only table (a work queue on the way to its pool) */
      zP = sqlite3_mprintf("{\"%s\": ", pColl->aRel[j].zKey);
      n += walk_class(db, pColl, pColl->aRel[j].pFilter, zP, "}");
      sqlite3_free(zP);
    }
  }
  assert_true(n > 400);
  sqlite3_close(db);
}

/* ---- the virtual tables --------------------------------------------------- */

static int count_statements(sqlite3 *db) {
  int n = 0;
  sqlite3_stmt *p = 0;
  while ((p = sqlite3_next_stmt(db, p)) != 0) n++;
  return n;
}

static void exec_ok(sqlite3 *db, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(db, zSql, 0, 0, &zErr) != SQLITE_OK) fail_msg("%s: %s", zSql, zErr);
}

static void test_statement_cache_and_close(void **state) {
  sqlite3 *db = open_db();
  int nAfterFirst;
  (void)state;
  exec_ok(db, "CREATE TABLE artifact(id, created, updated, \"key\", type, description, data, metadata_, "
              "flow_run_id, task_run_id); INSERT INTO artifact(id, \"key\") VALUES ('x', 'k');");
  exec_ok(db, "SELECT * FROM artifacts('{\"artifacts\": {\"key\": {\"any_\": [\"k\", \"j\"]}}}')");
  nAfterFirst = count_statements(db);
  exec_ok(db, "SELECT * FROM artifacts('{\"artifacts\": {\"key\": {\"any_\": [\"a\", \"b\", \"c\"]}}}')");
  exec_ok(db, "SELECT * FROM artifacts('{\"artifacts\": {\"key\": {\"any_\": []}}}')");
  assert_int_equal(count_statements(db), nAfterFirst);  /* same shape, same statement */
  /* sqlite3_close (not _v2) fails while statements are alive: the cache
  ** must be gone by then */
  assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* sqlite_stat1 is read again after it changes, on the same connection:
** the generation moves only when what it says moved, and only queries
** whose shape it chose go stale. */
static void test_stats_refresh(void **state) {
  sqlite3 *db = open_db();
  CompileEnv env;
  Query q;
  Compiled c;
  unsigned int iGen;
  int bCurrent;
  (void)state;
  memset(&env, 0, sizeof(env));
  json_parser_init(&env.parser, db);
  exec_ok(db, "CREATE TABLE flow_run(id TEXT PRIMARY KEY, deployment_id TEXT); "
              "CREATE INDEX ix_dep ON flow_run(deployment_id); "
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
              "INSERT INTO flow_run SELECT 'r' || i, 'd' || (i % 2) FROM n;");
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  iGen = env.stats.iGeneration;
  assert_true(stats_fraction(&env.stats, "flow_run", "deployment_id") < 0);  /* no statistics */
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  assert_int_equal(env.stats.iGeneration, iGen);
  exec_ok(db, "ANALYZE");
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  assert_int_equal(env.stats.iGeneration, iGen + 1);
  assert_true(fabs(stats_fraction(&env.stats, "flow_run", "deployment_id") - 0.5) < 1e-9);
  /* a write elsewhere moves the data version, not the statistics */
  exec_ok(db, "INSERT INTO flow_run VALUES ('r11', 'd1')");
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  assert_int_equal(env.stats.iGeneration, iGen + 1);
  /* an edit of sqlite_stat1, seen once committed */
  exec_ok(db, "BEGIN; UPDATE sqlite_stat1 SET stat = '10 1' WHERE idx = 'ix_dep'");
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  assert_int_equal(env.stats.iGeneration, iGen + 1);
  exec_ok(db, "COMMIT");
  assert_int_equal(stats_refresh(db, &env.stats), SQLITE_OK);
  assert_int_equal(env.stats.iGeneration, iGen + 2);
  assert_true(fabs(stats_fraction(&env.stats, "flow_run", "deployment_id") - 0.1) < 1e-9);
  /* only a shape the statistics chose goes stale */
  memset(&q, 0, sizeof(q));
  q.iStatsGeneration = iGen;
  assert_int_equal(stats_query_current(&env, &q, &bCurrent), SQLITE_OK);
  assert_int_equal(bCurrent, 1);
  q.bStatsShape = 1;
  assert_int_equal(stats_query_current(&env, &q, &bCurrent), SQLITE_OK);
  assert_int_equal(bCurrent, 0);
  q.iStatsGeneration = iGen + 2;
  assert_int_equal(stats_query_current(&env, &q, &bCurrent), SQLITE_OK);
  assert_int_equal(bCurrent, 1);
  c = compile(db, &prefect_artifacts, "{\"flow_runs\": {\"deployment_id\": {\"any_\": [\"d0000000-0000-4000-8000-000000000001\"]}}, "
                                      "\"sort\": \"KEY_ASC\", \"limit\": 20}");
  assert_int_equal(c.rc, SQLITE_OK);
  assert_int_equal(c.query.bStatsShape, 1);
  compiled_free(&c);
  c = compile(db, &prefect_artifacts, "{\"flow_runs\": {\"deployment_id\": {\"any_\": [\"d0000000-0000-4000-8000-000000000001\"]}}}");
  assert_int_equal(c.rc, SQLITE_OK);
  assert_int_equal(c.query.bStatsShape, 0);
  compiled_free(&c);
  json_parser_close(&env.parser);
  assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_missing_table_is_named(void **state) {
  sqlite3 *db = open_db();
  sqlite3_stmt *pStmt = 0;
  (void)state;
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM artifacts", -1, &pStmt, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(pStmt), SQLITE_ERROR);
  assert_string_equal(sqlite3_errmsg(db), "prefect: this database has no table \"artifact\", nor any other of "
                                          "Prefect's tables: is it a Prefect database? (this one needs Prefect "
                                          "2.7.11 or newer)");
  sqlite3_finalize(pStmt);
  assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_nested_cursors(void **state) {
  sqlite3 *db = open_db();
  sqlite3_stmt *pStmt = 0;
  (void)state;
  exec_ok(db, "CREATE TABLE artifact(id, created, updated, \"key\", type, description, data, metadata_, "
              "flow_run_id, task_run_id); INSERT INTO artifact(id, \"key\") VALUES ('1', 'k'), ('2', 'k'), ('3', 'j');");
  /* the same shape open twice at once: the second cursor cannot share the
  ** first one's statement */
  assert_int_equal(sqlite3_prepare_v2(db,
      "SELECT count(*) FROM artifacts('{\"artifacts\": {\"key\": {\"any_\": [\"k\"]}}}') AS x, "
      "artifacts('{\"artifacts\": {\"key\": {\"any_\": [\"j\", \"k\"]}}}') AS y", -1, &pStmt, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(pStmt), SQLITE_ROW);
  assert_int_equal(sqlite3_column_int(pStmt, 0), 6);
  sqlite3_finalize(pStmt);
  assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* A compiled query is reused for every run of the same plan and body,
** with the SQL values (=, IN lists, LIMIT) bound afresh each time. */
static int query_ints(sqlite3 *db, sqlite3_stmt *p, char *zOut, int nOut) {
  int n = 0, rc;
  zOut[0] = 0;
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    n += snprintf(zOut + n, nOut - n, "%s%s", n ? " " : "", (const char *)sqlite3_column_text(p, 0));
  }
  if (rc != SQLITE_DONE) fail_msg("%s", sqlite3_errmsg(db));
  sqlite3_reset(p);
  return n;
}

static void test_memo_rebinds(void **state) {
  sqlite3 *db = open_db();
  sqlite3_stmt *pEq = 0, *pIn = 0;
  char zOut[256];
  int nStmt;
  (void)state;
  exec_ok(db, "CREATE TABLE artifact(id, created, updated, \"key\", type, description, data, metadata_, "
              "flow_run_id, task_run_id); INSERT INTO artifact(id, \"key\", type) VALUES "
              "('1', 'a', 't'), ('2', 'b', 't'), ('3', 'c', 'u'), ('4', 'a', 'u');");
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM artifacts('{\"artifacts\": {\"type\": {\"any_\": [\"t\", \"u\"]}}}') "
                                          "WHERE key = ?1 ORDER BY id LIMIT ?2", -1, &pEq, 0), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM artifacts WHERE key IN (SELECT value FROM json_each(?1)) "
                                          "ORDER BY id DESC", -1, &pIn, 0), SQLITE_OK);
  sqlite3_bind_text(pEq, 1, "a", -1, SQLITE_STATIC);
  sqlite3_bind_int(pEq, 2, 5);
  query_ints(db, pEq, zOut, sizeof(zOut));
  assert_string_equal(zOut, "1 4");
  nStmt = count_statements(db);
  sqlite3_bind_text(pEq, 1, "b", -1, SQLITE_STATIC);
  query_ints(db, pEq, zOut, sizeof(zOut));
  assert_string_equal(zOut, "2");
  sqlite3_bind_text(pEq, 1, "a", -1, SQLITE_STATIC);
  sqlite3_bind_int(pEq, 2, 1);
  query_ints(db, pEq, zOut, sizeof(zOut));
  assert_string_equal(zOut, "1");
  sqlite3_bind_text(pIn, 1, "[\"a\", \"c\"]", -1, SQLITE_STATIC);
  query_ints(db, pIn, zOut, sizeof(zOut));
  assert_string_equal(zOut, "4 3 1");
  sqlite3_bind_text(pIn, 1, "[\"b\"]", -1, SQLITE_STATIC);
  query_ints(db, pIn, zOut, sizeof(zOut));
  assert_string_equal(zOut, "2");
  assert_int_equal(count_statements(db), nStmt + 1);  /* only the IN plan's inner statement is new */
  sqlite3_finalize(pEq);
  sqlite3_finalize(pIn);
  assert_int_equal(sqlite3_close(db), SQLITE_OK);
}


/* Memo keys: parts are length-prefixed, so no two part lists share a key
** (a plan and a body must not run together); a NULL part differs from an
** empty one; a key longer than the stack buffer moves to the heap intact. */
static void test_memo_key_parts(void **state) {
  MemoKey a, b;
  char zLong[1000];
  int i;
  (void)state;
  memo_key_init(&a);
  memo_key_init(&b);
  memo_key_part(&a, "ab", 2);
  memo_key_part(&a, "c", 1);
  memo_key_part(&b, "a", 1);
  memo_key_part(&b, "bc", 2);
  assert_false(a.n == b.n && memcmp(a.z, b.z, a.n) == 0);
  memo_key_free(&a);
  memo_key_free(&b);
  memo_key_part(&a, 0, 0);
  memo_key_part(&b, "", 0);
  assert_int_equal(a.n, 3);
  assert_memory_equal(a.z, "-1:", 3);
  assert_int_equal(b.n, 2);
  assert_memory_equal(b.z, "0:", 2);
  memo_key_free(&a);
  memo_key_free(&b);
  for (i = 0; i < (int)sizeof(zLong); i++) zLong[i] = (char)('a' + i % 26);
  memo_key_part(&a, "x", 1);
  memo_key_part(&a, zLong, (int)sizeof(zLong));
  assert_false(a.bNoMem);
  assert_true(a.z != a.aSpace);
  assert_int_equal(a.n, 3 + 5 + (int)sizeof(zLong));
  assert_memory_equal(a.z, "1:x1000:", 8);
  assert_memory_equal(a.z + 8, zLong, sizeof(zLong));
  memo_key_free(&a);
}

/* An older SQLite is refused with a clear message; ours is accepted. */
static void test_sqlite_version_check(void **state) {
  char *z = prefect_sqlite_version_error(3037002, "3.37.2");
  (void)state;
  assert_non_null(z);
  assert_string_equal(z, "prefect: needs SQLite 3.38.0 or newer (sqlite3_vtab_in, LIMIT/OFFSET constraints), "
                         "this is 3.37.2");
  sqlite3_free(z);
  assert_null(prefect_sqlite_version_error(3038000, "3.38.0"));
  assert_null(prefect_sqlite_version_error(sqlite3_libversion_number(), sqlite3_libversion()));
}

/* ---- writes: json.dumps forms, the undo log, artifact_write ------------ */

/* repr(float(text)) from Python 3.11, for each text */
static void test_python_float_repr(void **state) {
  static const char *const aCase[][2] = {
    {"0.1", "0.1"}, {"1.0", "1.0"}, {"-0.0", "-0.0"}, {"0.0", "0.0"}, {"1e16", "1e+16"},
    {"1e15", "1000000000000000.0"}, {"1e-5", "1e-05"}, {"1e-4", "0.0001"}, {"123.456", "123.456"},
    {"5e-324", "5e-324"}, {"1.7976931348623157e308", "1.7976931348623157e+308"}, {"2.5", "2.5"},
    {"0.3333333333333333", "0.3333333333333333"}, {"100.0", "100.0"}, {"1e22", "1e+22"},
    {"9007199254740993.0", "9007199254740992.0"}, {"0.30000000000000004", "0.30000000000000004"},
    {"-1.5e-10", "-1.5e-10"}, {"123456789.125", "123456789.125"}, {"1e21", "1e+21"}, {"4.35", "4.35"},
    {"2.675", "2.675"},
    /* powers of two, where the correctly rounded shortest decimal misses */
    {"5.9604644775390625e-08", "5.960464477539063e-08"}, {"5.6843418860808015e-14", "5.684341886080802e-14"},
    {"6.1897001964269014e+26", "6.189700196426902e+26"}, {"5.3169119831396635e+36", "5.316911983139664e+36"},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    assert_int_equal(json_python_float(strtod(aCase[i][0], 0), pStr), SQLITE_OK);
    z = sqlite3_str_finish(pStr);
    assert_string_equal(z, aCase[i][1]);
    sqlite3_free(z);
  }
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    assert_int_equal(json_python_float(HUGE_VAL, pStr), SQLITE_ERROR);
    sqlite3_free(sqlite3_str_finish(pStr));
  }
}

/* json.dumps(json.loads(text)) from Python 3.11, for each text */
static void test_python_json_write(void **state) {
  static const char *const aCase[][2] = {
    {"{\"z\":[1E2,-0,0.5e-3],\"a\":{\"x\":\"\\u2028\\ud83d\\ude00\\b\\f\\r\"},\"z\":\"dup\", \"big\": "
     "-98765432109876543210, \"t\": [true,false,null,{}]}",
     "{\"z\": \"dup\", \"a\": {\"x\": \"\\u2028\\ud83d\\ude00\\b\\f\\r\"}, \"big\": -98765432109876543210, "
     "\"t\": [true, false, null, {}]}"},
    {"\"caf\xc3\xa9 \\/ \x7f\"", "\"caf\\u00e9 / \\u007f\""},
    {" [ ] ", "[]"},
    {"-0", "0"},
    {"[1e400]", 0},
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    JsonDoc doc;
    char *zErr = 0, *zWhy = 0, *z;
    sqlite3_str *pStr = sqlite3_str_new(0);
    int rc;
    assert_int_equal(json_doc_parse(aCase[i][0], (int)strlen(aCase[i][0]), &doc, &zErr), SQLITE_OK);
    rc = json_python_write(&doc, 0, pStr, &zWhy);
    z = sqlite3_str_finish(pStr);
    if (aCase[i][1]) {
      assert_int_equal(rc, SQLITE_OK);
      assert_string_equal(z, aCase[i][1]);
    } else {
      assert_int_equal(rc, SQLITE_ERROR);
      assert_non_null(strstr(zWhy, "out of range"));
    }
    sqlite3_free(z);
    sqlite3_free(zWhy);
    json_doc_free(&doc);
  }
}

/* Many keys go through the sorted path; order and last values as a dict's. */
static void test_python_members_large(void **state) {
  sqlite3_str *pIn = sqlite3_str_new(0);
  JsonDoc doc;
  char *zIn, *zErr = 0;
  int *aMember = 0, n, k;
  (void)state;
  sqlite3_str_appendchar(pIn, 1, '{');
  for (k = 0; k < 300; k++) sqlite3_str_appendf(pIn, "%s\"k%d\": %d", k ? ", " : "", (299 - k) % 100, k);
  sqlite3_str_appendchar(pIn, 1, '}');
  zIn = sqlite3_str_finish(pIn);
  assert_int_equal(json_doc_parse(zIn, (int)strlen(zIn), &doc, &zErr), SQLITE_OK);
  n = json_python_members(&doc, 0, &aMember);
  assert_int_equal(n, 100);
  for (k = 0; k < 100; k++) {
    /* key k(99-k) first appears at position k; its last value is 200 + k */
    char zKey[8];
    snprintf(zKey, sizeof(zKey), "k%d", 99 - k);
    assert_int_equal(doc.aNode[aMember[k]].nKey, (int)strlen(zKey));
    assert_memory_equal(doc.aNode[aMember[k]].zKey, zKey, strlen(zKey));
    assert_int_equal(doc.aNode[aMember[k]].iVal, 200 + k);
  }
  sqlite3_free(aMember);
  json_doc_free(&doc);
  sqlite3_free(zIn);
}

static char *query_text(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  char *z = 0;
  assert_int_equal(sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0), SQLITE_OK);
  if (sqlite3_step(pStmt) == SQLITE_ROW) z = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0));
  sqlite3_finalize(pStmt);
  return z;
}

/* Steps recorded for an update and a delete put both rows back, rowids too. */
static void test_undo_log(void **state) {
  sqlite3 *db = open_db();
  sqlite3_stmt *pRow = 0;
  UndoLog undo;
  UndoStep step;
  char *zBefore, *zAfter, *zUndone;
  const char *zDump = "SELECT group_concat(r, ' ') FROM (SELECT rowid || ':' || quote(a) || ':' || quote(b) AS r "
                      "FROM t ORDER BY rowid)";
  (void)state;
  memset(&undo, 0, sizeof(undo));
  assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 'x'), (2.5, NULL), (x'00', 'y')",
                                0, 0, 0), SQLITE_OK);
  zBefore = query_text(db, zDump);
  /* row 1 is updated, row 3 deleted */
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid, * FROM t WHERE rowid = ?", -1, &pRow, 0), SQLITE_OK);
  sqlite3_bind_int(pRow, 1, 1);
  assert_int_equal(sqlite3_step(pRow), SQLITE_ROW);
  assert_int_equal(undo_step_row(&step, pRow, "t", 0), SQLITE_OK);
  assert_int_equal(undo_log_add(&undo, &step), SQLITE_OK);
  sqlite3_reset(pRow);
  sqlite3_bind_int(pRow, 1, 3);
  assert_int_equal(sqlite3_step(pRow), SQLITE_ROW);
  assert_int_equal(undo_step_row(&step, pRow, "t", 1), SQLITE_OK);
  assert_int_equal(undo_log_add(&undo, &step), SQLITE_OK);
  sqlite3_finalize(pRow);
  assert_int_equal(undo_step_sql(&step, sqlite3_mprintf("DELETE FROM t WHERE a = 'new'"), 0, 0), SQLITE_OK);
  assert_int_equal(undo_log_add(&undo, &step), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "UPDATE t SET a = 'changed', b = 1 WHERE rowid = 1; DELETE FROM t WHERE rowid = 3;"
                                    "INSERT INTO t VALUES ('new', 'new')", 0, 0, 0), SQLITE_OK);
  zAfter = query_text(db, zDump);
  assert_string_not_equal(zAfter, zBefore);
  assert_int_equal(undo_log_run(&undo, db), SQLITE_OK);
  zUndone = query_text(db, zDump);
  assert_string_equal(zUndone, zBefore);
  undo_log_clear(&undo);
  sqlite3_free(zBefore);
  sqlite3_free(zAfter);
  sqlite3_free(zUndone);
  sqlite3_close(db);
}

/* The writer finds every column it needs by name in describe.c, and an
** insert, update and delete run end to end on a bare schema. */
static void test_artifact_writer_round_trip(void **state) {
  sqlite3 *db = open_db();
  char *z;
  (void)state;
  assert_int_equal(sqlite3_exec(db,
      "CREATE TABLE artifact (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME NOT NULL, updated DATETIME NOT NULL,"
      " key VARCHAR, type VARCHAR, data JSON, metadata_ JSON, task_run_id CHAR(36), flow_run_id CHAR(36),"
      " description VARCHAR);"
      "CREATE TABLE artifact_collection (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME NOT NULL,"
      " updated DATETIME NOT NULL, key VARCHAR NOT NULL UNIQUE, latest_id CHAR(36) NOT NULL, task_run_id CHAR(36),"
      " flow_run_id CHAR(36), type VARCHAR, data JSON, description VARCHAR, metadata_ JSON);"
      "INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000001', 'k', '[1.50]');"
      "INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000002', 'k', '2');"
      "UPDATE artifacts SET description = 'd' WHERE id = 'a0000000-0000-4000-8000-000000000002';"
      "DELETE FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000002';", 0, 0, 0), SQLITE_OK);
  z = query_text(db, "SELECT substr(latest_id, -2) || ' ' || data || ' ' || quote(description) FROM artifact_collection");
  assert_string_equal(z, "01 [1.5] NULL");
  sqlite3_free(z);
  z = query_text(db, "SELECT count(*) FROM artifact");
  assert_string_equal(z, "1");
  sqlite3_free(z);
  sqlite3_close(db);
}

/* The text-search parser: terms, kinds and Python's lower case, as
** Prefect's parser gives them (each expected list checked by running that
** parser on the query). "I:" included, "E:" excluded, "R:" required. */
static void expect_terms(const char *zQuery, const char *zExpected) {
  TextQuery q;
  sqlite3_str *pStr = sqlite3_str_new(0);
  char *zGot;
  int i;
  static const char *const azKind[] = {"I:", "E:", "R:"};
  assert_int_equal(text_search_parse(zQuery, (int)strlen(zQuery), &q), SQLITE_OK);
  for (i = 0; i < q.n; i++) {
    sqlite3_str_appendf(pStr, "%s%s%.*s", i ? "|" : "", azKind[q.a[i].e], q.a[i].n, q.a[i].z);
  }
  zGot = sqlite3_str_finish(pStr);
  if (strcmp(zGot ? zGot : "", zExpected) != 0) fail_msg("%s: got %s, expected %s", zQuery, zGot, zExpected);
  sqlite3_free(zGot);
  text_query_clear(&q);
}

static void test_text_search_parse(void **state) {
  (void)state;
  expect_terms("error", "I:error");
  expect_terms("error -debug", "I:error|E:debug");
  expect_terms("\"connection timeout\"", "I:connection timeout");
  expect_terms("+required -excluded", "R:required|E:excluded");
  expect_terms("\"-foo bar\"", "I:-foo bar");           /* a minus inside a phrase is text */
  expect_terms("a - b", "I:a|I:b");                     /* a prefix alone is dropped */
  expect_terms("-", "");
  expect_terms("--x", "E:-x");
  expect_terms("!x", "E:x");
  expect_terms("foo\"bar baz\"", "I:foo|I:bar baz");    /* a quote ends a term */
  expect_terms("\"un\\\"closed", "I:un\"closed");       /* unclosed: to the end; \" is " */
  expect_terms("\"a\\\\b\\x\"", "I:a\\b\\x");           /* \\ is \, \x stays */
  expect_terms("\"   \"", "");
  expect_terms("\" pad \"", "I: pad ");                 /* a phrase keeps its spaces */
  expect_terms("\xc3\x89" "CHEC", "I:\xc3\xa9" "chec"); /* ÉCHEC -> échec */
  expect_terms("\xce\xa3\xce\x91\xce\xa3", "I:\xcf\x83\xce\xb1\xcf\x82");  /* final sigma */
  expect_terms("\xc4\xb0", "I:i\xcc\x87");              /* U+0130 -> i + U+0307 */
  expect_terms("a\xc2\xa0" "b", "I:a|I:b");             /* NO-BREAK SPACE separates */
  expect_terms("-\"x y\"", "E:x y");
  expect_terms("+ x", "I:x");
  expect_terms("x\xe2\x80\x83y\x1cz", "I:x|I:y|I:z");   /* EM SPACE, U+001C */
  expect_terms("", "");
}

/* ---- clock.c ------------------------------------------------------------- */

/* The first column of the first row of zSql on db as text (NULL as "NULL"),
** or "error: <message>"; sqlite3_free() it. */
static char *clock_sql(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *pStmt = 0;
  char *zOut;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if (rc == SQLITE_OK) rc = sqlite3_step(pStmt);
  if (rc == SQLITE_ROW) {
    const char *z = (const char *)sqlite3_column_text(pStmt, 0);
    zOut = sqlite3_mprintf("%s", z ? z : "NULL");
  } else {
    zOut = sqlite3_mprintf("error: %s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(pStmt);
  return zOut;
}

static void expect_clock_sql(sqlite3 *db, const char *zSql, const char *zWant) {
  char *z = clock_sql(db, zSql);
  if (strcmp(z, zWant) != 0) {
    char zMsg[512];
    snprintf(zMsg, sizeof(zMsg), "%s: got %s, want %s", zSql, z, zWant);
    sqlite3_free(z);
    fail_msg("%s", zMsg);
  }
  sqlite3_free(z);
}

/* Stored text -> microseconds: Prefect stores an interval as the epoch plus
** the interval ('1970-01-01 00:00:05.500000'), a negative one before the
** epoch; 19 characters (no fraction) or 21-26 (1-6 digits of fraction). */
static void test_clock_parse_stored(void **state) {
  static const struct { const char *z; sqlite3_int64 iUs; } aOk[] = {
    {"1970-01-01 00:00:00.000000", 0},
    {"1970-01-01 00:00:00", 0},
    {"1970-01-01 00:00:05.500000", 5500000},
    {"1970-01-01 00:00:00.1", 100000},
    {"1970-01-01 00:00:00.12", 120000},
    {"1970-01-01 00:00:00.000001", 1},
    {"1970-01-01 23:59:59.999999", 86399999999LL},
    {"1970-01-02 00:00:00.000001", 86400000001LL},             /* over a day */
    {"1970-01-12 13:46:40.000000", 1000000000000LL},           /* 10^6 s */
    {"1971-01-01 00:00:00.000000", 365LL * 86400 * 1000000},
    {"1969-12-31 23:59:59.000000", -1000000},                  /* -1 s */
    {"1969-12-31 23:59:59.500000", -500000},                   /* -0.5 s */
    {"1969-12-31 00:00:00.000000", -86400000000LL},
    {"2024-03-05 00:00:00.000000", 1709596800000000LL},
    {"2024-02-29 12:00:00.000000", 1709208000000000LL},        /* leap day */
    {"1970-02-31 00:00:00.000000", 61LL * 86400 * 1000000},    /* as SQLite's julianday: March 3 */
  };
  static const char *const azBad[] = {
    "", "0", "1970-01-01", "1970-01-01T00:00:05", "1970-01-01 00:00:05Z", "1970-01-01 00:00:05.",
    "1970-01-01 00:00:05.1234567", "1970-01-01 24:00:00", "1970-01-01 00:60:00", "1970-01-01 00:00:60",
    "1970-13-01 00:00:00", "1970-00-01 00:00:00", "1970-01-00 00:00:00", "1970-01-32 00:00:00",
    " 1970-01-01 00:00:00", "1970-01-01 00:00:00 ", "1970-01-01 00:00:0a", "1970/01/01 00:00:00",
    "1970-01-01 00:00:00,5", "1970-01-01 00:00:00.-5", "-970-01-01 00:00:00",
  };
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aOk) / sizeof(aOk[0]); i++) {
    sqlite3_int64 iUs = -7;
    char zBack[32];
    if (!clock_parse_stored(aOk[i].z, (int)strlen(aOk[i].z), &iUs)) fail_msg("rejected %s", aOk[i].z);
    if (iUs != aOk[i].iUs) fail_msg("%s: %lld us, want %lld", aOk[i].z, (long long)iUs, (long long)aOk[i].iUs);
    /* and back: the stored spelling, 6 digits of fraction (Feb 31 comes back as Mar 3) */
    clock_format_stored(iUs, zBack);
    if (strncmp(aOk[i].z, "1970-02-31", 10) != 0 && strlen(aOk[i].z) == 26) assert_string_equal(zBack, aOk[i].z);
  }
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    sqlite3_int64 iUs = 0;
    if (clock_parse_stored(azBad[i], (int)strlen(azBad[i]), &iUs)) fail_msg("accepted '%s' as %lld", azBad[i], (long long)iUs);
  }
  /* n is the length: a longer buffer is not read past it */
  {
    sqlite3_int64 iUs = 0;
    assert_true(clock_parse_stored("1970-01-01 00:00:05.500000XYZ", 26, &iUs));
    assert_int_equal(iUs, 5500000);
  }
}

/* prefect_seconds(): the stored interval as float seconds, one division of
** exact microseconds (0.1 s is the double 0.1), NULL for NULL, an error for
** anything that is not a stored interval. */
static void test_clock_prefect_seconds(void **state) {
  static const struct { const char *z; double r; } aCase[] = {
    {"1970-01-01 00:00:05.500000", 5.5},
    {"1970-01-01 00:00:00.100000", 0.1},
    {"1970-01-01 00:00:00.3", 0.3},
    {"1970-01-01 00:00:00.000001", 0.000001},
    {"1970-01-02 00:00:00.000001", 86400.000001},
    {"1970-01-12 13:46:40", 1000000.0},
    {"1970-04-11 00:00:00.000000", 100.0 * 86400},
    {"1969-12-31 23:59:59.500000", -0.5},
    {"1969-12-30 00:00:00.000000", -172800.0},
  };
  sqlite3 *db = open_db();
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    sqlite3_stmt *pStmt = 0;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT prefect_seconds(?1)", -1, &pStmt, 0), SQLITE_OK);
    sqlite3_bind_text(pStmt, 1, aCase[i].z, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(pStmt), SQLITE_ROW);
    assert_int_equal(sqlite3_column_type(pStmt, 0), SQLITE_FLOAT);
    if (sqlite3_column_double(pStmt, 0) != aCase[i].r) {
      fail_msg("prefect_seconds('%s') = %.17g, want %.17g", aCase[i].z, sqlite3_column_double(pStmt, 0), aCase[i].r);
    }
    sqlite3_finalize(pStmt);
  }
  expect_clock_sql(db, "SELECT prefect_seconds(NULL) IS NULL", "1");
  expect_clock_sql(db, "SELECT prefect_seconds('1970-01-01T00:00:05')",
                   "error: prefect: prefect_seconds: expected a stored interval ('1970-01-01 HH:MM:SS.ffffff'), "
                   "got '1970-01-01T00:00:05'");
  expect_clock_sql(db, "SELECT prefect_seconds(5)",
                   "error: prefect: prefect_seconds: expected a stored interval ('1970-01-01 HH:MM:SS.ffffff'), got 5");
  expect_clock_sql(db, "SELECT prefect_seconds('0')",
                   "error: prefect: prefect_seconds: expected a stored interval ('1970-01-01 HH:MM:SS.ffffff'), got '0'");
  expect_clock_sql(db, "SELECT prefect_seconds(x'31393730')",
                   "error: prefect: prefect_seconds: expected a stored interval ('1970-01-01 HH:MM:SS.ffffff'), got a blob of 4 bytes");
  sqlite3_close(db);
}

/* prefect_set_now(): any spelling Prefect reads a datetime in (pydantic's:
** Z or an offset, none for UTC, fractions, a date alone, Unix seconds),
** pinned as the UTC instant; prefect_now() shows it as Prefect writes a
** datetime (a fraction only when there is one). */
static void test_clock_set_now(void **state) {
  static const struct { const char *zIn; const char *zNow; } aCase[] = {
    {"2024-03-05T00:00:00Z", "2024-03-05T00:00:00Z"},
    {"2024-03-05T00:00:00+00:00", "2024-03-05T00:00:00Z"},
    {"2024-03-05T02:00:00+02:00", "2024-03-05T00:00:00Z"},
    {"2024-03-04T18:30:00-05:30", "2024-03-05T00:00:00Z"},
    {"2024-03-05T00:00:00-0000", "2024-03-05T00:00:00Z"},
    {"2024-03-05 00:00:00", "2024-03-05T00:00:00Z"},                /* no offset: UTC */
    {"2024-03-05", "2024-03-05T00:00:00Z"},
    {"2024-03-05T00:00:00.5Z", "2024-03-05T00:00:00.500000Z"},
    {"2024-03-05T00:00:00.123456Z", "2024-03-05T00:00:00.123456Z"},
    {"2024-03-05T00:00:00.1234567Z", "2024-03-05T00:00:00.123456Z"}, /* beyond microseconds: cut */
    {"2024-03-05T00:00:00.000000Z", "2024-03-05T00:00:00Z"},
    {"2024-03-01T01:00:00+02:00", "2024-02-29T23:00:00Z"},
    {"1709596800", "2024-03-05T00:00:00Z"},                         /* Unix seconds */
    {"1709596800000", "2024-03-05T00:00:00Z"},                      /* milliseconds */
  };
  static const char *const azBad[] = {"'soon'", "''", "5", "x'00'", "'2024-02-30T00:00:00Z'", "'2024-03-05T24:00:00Z'",
                                      "'2024-03-05T00:00:00+25:00'", "' 2024-03-05'"};
  sqlite3 *db = open_db();
  size_t i;
  (void)state;
  for (i = 0; i < sizeof(aCase) / sizeof(aCase[0]); i++) {
    char *zSql = sqlite3_mprintf("SELECT prefect_set_now(%Q)", aCase[i].zIn);
    expect_clock_sql(db, zSql, aCase[i].zNow);
    expect_clock_sql(db, "SELECT prefect_now()", aCase[i].zNow);
    sqlite3_free(zSql);
  }
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    char *zSql = sqlite3_mprintf("SELECT prefect_set_now(%s)", azBad[i]);
    char *z = clock_sql(db, zSql);
    if (strncmp(z, "error: prefect: prefect_set_now: expected a datetime", 52) != 0) fail_msg("%s: %s", zSql, z);
    sqlite3_free(z);
    sqlite3_free(zSql);
    /* a refused value leaves the pinned instant alone */
    expect_clock_sql(db, "SELECT prefect_now()", "2024-03-05T00:00:00Z");
  }
  /* a statement that makes history reads the same pinned instant */
  expect_clock_sql(db, "SELECT prefect_set_now('2021-07-01T01:00:00Z') || prefect_now()",
                   "2021-07-01T01:00:00Z2021-07-01T01:00:00Z");
  sqlite3_close(db);
}

/* Pinning and unpinning; the wall clock between two readings of the VFS. */
static void test_clock_pin_unpin(void **state) {
  Clock *pClock = clock_new();
  sqlite3_vfs *pVfs = sqlite3_vfs_find(0);
  sqlite3_int64 iBefore = 0, iAfter = 0, iNow;
  sqlite3 *db = open_db();
  char *z;
  (void)state;
  assert_non_null(pClock);
  pClock->bPinned = 1;
  pClock->iPinned = 1709596800123456LL;
  assert_int_equal(clock_now(pClock), 1709596800123456LL);
  pClock->bPinned = 0;
  pVfs->xCurrentTimeInt64(pVfs, &iBefore);
  iNow = clock_now(pClock);
  pVfs->xCurrentTimeInt64(pVfs, &iAfter);
  /* the VFS counts milliseconds since the Julian epoch */
  assert_true(iNow >= (iBefore - 210866760000000LL) * 1000);
  assert_true(iNow <= (iAfter - 210866760000000LL) * 1000);
  assert_int_equal(iNow % 1000, 0);
  assert_true(clock_now(0) >= iNow);  /* no clock: the wall clock */
  pClock->nRef = 1;
  clock_release(pClock);

  /* through SQL: NULL unpins, and prefect_now() is the wall clock again, as SQLite's 'now' */
  expect_clock_sql(db, "SELECT prefect_set_now('2024-03-05T00:00:00Z')", "2024-03-05T00:00:00Z");
  expect_clock_sql(db, "SELECT prefect_now()", "2024-03-05T00:00:00Z");
  expect_clock_sql(db, "SELECT prefect_set_now(NULL) IS NULL", "1");
  z = clock_sql(db, "SELECT abs(julianday(replace(replace(prefect_now(), 'T', ' '), 'Z', '')) - julianday('now')) * 86400 < 5");
  assert_string_equal(z, "1");
  sqlite3_free(z);
  expect_clock_sql(db, "SELECT prefect_now() > '2025'", "1");
  sqlite3_close(db);
}

/* Two reads of the clock in one statement see one instant, also on the wall
** clock, as two reads of SQLite's 'now' do; statements that reuse a
** prepared statement read it again. */
static void test_clock_one_instant_per_statement(void **state) {
  sqlite3 *db = open_db();
  sqlite3_stmt *pStmt = 0;
  char *zFirst;
  (void)state;
  expect_clock_sql(db, "SELECT prefect_now() = prefect_now()", "1");
  /* 200,000 calls take longer than a millisecond: one distinct value */
  expect_clock_sql(db,
                   "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000) "
                   "SELECT count(DISTINCT prefect_now()) FROM c",
                   "1");
  expect_clock_sql(db,
                   "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000) "
                   "SELECT count(DISTINCT n) FROM (SELECT (SELECT prefect_now()) AS n FROM c)",
                   "1");
  /* the same prepared statement, run again later: a new instant */
  assert_int_equal(sqlite3_prepare_v2(db, "SELECT prefect_now()", -1, &pStmt, 0), SQLITE_OK);
  assert_int_equal(sqlite3_step(pStmt), SQLITE_ROW);
  zFirst = sqlite3_mprintf("%s", sqlite3_column_text(pStmt, 0));
  sqlite3_reset(pStmt);
  {
    sqlite3_int64 iUs = clock_now(0);
    while (clock_now(0) < iUs + 3000) {}  /* 3 ms */
  }
  assert_int_equal(sqlite3_step(pStmt), SQLITE_ROW);
  assert_string_not_equal(zFirst, (const char *)sqlite3_column_text(pStmt, 0));
  sqlite3_finalize(pStmt);
  sqlite3_free(zFirst);
  /* pinned, every statement sees the pin */
  expect_clock_sql(db, "SELECT prefect_set_now('2024-03-05T00:00:00Z')", "2024-03-05T00:00:00Z");
  expect_clock_sql(db,
                   "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000) "
                   "SELECT count(DISTINCT prefect_now()) || ' ' || min(prefect_now()) FROM c",
                   "1 2024-03-05T00:00:00Z");
  sqlite3_close(db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_datetime_spellings),
    cmocka_unit_test(test_datetime_rejects),
    cmocka_unit_test(test_uuid_spellings),
    cmocka_unit_test(test_json_text_check),
    cmocka_unit_test(test_json_write_string),
    cmocka_unit_test(test_lax_coercions),
    cmocka_unit_test(test_lax_integers),
    cmocka_unit_test(test_no_body),
    cmocka_unit_test(test_count_shape),
    cmocka_unit_test(test_columns_in_api_order),
    cmocka_unit_test(test_artifact_filter_fields),
    cmocka_unit_test(test_constant_folding),
    cmocka_unit_test(test_related_groups),
    cmocka_unit_test(test_sort_limit_offset),
    cmocka_unit_test(test_binds_and_shape),
    cmocka_unit_test(test_error_messages),
    cmocka_unit_test(test_every_described_operator),
    cmocka_unit_test(test_statement_cache_and_close),
    cmocka_unit_test(test_stats_refresh),
    cmocka_unit_test(test_missing_table_is_named),
    cmocka_unit_test(test_nested_cursors),
    cmocka_unit_test(test_memo_rebinds),
    cmocka_unit_test(test_memo_key_parts),
    cmocka_unit_test(test_sqlite_version_check),
    cmocka_unit_test(test_deep_nesting),
    cmocka_unit_test(test_python_float_repr),
    cmocka_unit_test(test_python_json_write),
    cmocka_unit_test(test_python_members_large),
    cmocka_unit_test(test_ignore_unknown_keys),
    cmocka_unit_test(test_undo_log),
    cmocka_unit_test(test_text_search_parse),
    cmocka_unit_test(test_artifact_writer_round_trip),
    cmocka_unit_test(test_clock_parse_stored),
    cmocka_unit_test(test_clock_prefect_seconds),
    cmocka_unit_test(test_clock_set_now),
    cmocka_unit_test(test_clock_pin_unpin),
    cmocka_unit_test(test_clock_one_instant_per_statement),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
