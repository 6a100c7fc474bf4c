/*
** dialect.c: the databases one compiled body can be written for.
**
** One parse and one compile serve both; what differs is data: here, how a
** bound value is written into the statement and what the database offers
** around it, and in describe.c, the few leaf templates whose PostgreSQL
** text is not SQLite's (MemberDesc.zPgSql: jsonb's tag operators, ILIKE,
** arrays of uuid and of the native enums). Column, sort and relation texts
** are the same on both; PostgreSQL then sorts NULLs last in ascending
** order and text by the database's collation, as it does for Prefect's own
** statements there.
**
** On PostgreSQL every placeholder says its type by a cast, and a value is
** bound as that type (azType: the PostgreSQL extension reads each text
** with the type's input function once; a PREPARE in psql without declared
** types infers them from the casts). A value bound as text and cast in the
** statement would be cast again for every row (array_in and timestamp_in
** are not immutable, so the planner cannot fold the cast). A list is an
** array literal ('{"a","b"}', each element quoted) of uuid, text or an
** enum; a timestamp is UTC without a zone, so it is read as a timestamp and
** put in UTC, whatever the session's TimeZone says.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

const DialectDesc prefect_dialects[DIALECT_COUNT] = {
  { "sqlite",
    { [PARAM_TEXT] = "?%d", [PARAM_INT] = "?%d", [PARAM_TIME] = "?%d", [PARAM_LIST] = "?%d",
      [PARAM_UUID_LIST] = "?%d", [PARAM_STATE_LIST] = "?%d", [PARAM_WORKER_STATUS_LIST] = "?%d",
      [PARAM_UUID] = "?%d" },
    { 0 }, 1, 1, 1, 1, 0 },
  /* no rowid; PostgreSQL's planner turns IN and EXISTS alike into a
  ** semi-join, with statistics of its own, so the shape is fixed; text
  ** cannot hold a NUL byte; a negative LIMIT is an error; a list is an
  ** array literal */
  { "postgresql",
    { [PARAM_TEXT] = "$%d::text", [PARAM_INT] = "$%d::bigint", [PARAM_TIME] = "($%d::timestamp AT TIME ZONE 'UTC')",
      [PARAM_LIST] = "$%d::text[]", [PARAM_UUID_LIST] = "$%d::uuid[]", [PARAM_STATE_LIST] = "$%d::state_type[]",
      [PARAM_WORKER_STATUS_LIST] = "$%d::worker_status[]", [PARAM_UUID] = "$%d::uuid" },
    { [PARAM_TEXT] = "text", [PARAM_INT] = "bigint", [PARAM_TIME] = "timestamp", [PARAM_LIST] = "text[]",
      [PARAM_UUID_LIST] = "uuid[]", [PARAM_STATE_LIST] = "state_type[]", [PARAM_WORKER_STATUS_LIST] = "worker_status[]",
      [PARAM_UUID] = "uuid" },
    0, 0, 0, 0, 1 },
};

int dialect_by_name(const char *z) {
  int i;
  for (i = 0; z && i < DIALECT_COUNT; i++) {
    if (sqlite3_stricmp(z, prefect_dialects[i].zName) == 0) return i;
  }
  return -1;
}
