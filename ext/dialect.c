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
** On PostgreSQL every value is bound as text (the PostgreSQL extension
** declares its parameters text, and so may a PREPARE in psql) and the
** placeholder casts it: a list is an array literal ('{"a","b"}', each
** element quoted), which the leaf casts to uuid[], text[] or an enum's
** array; a timestamp is UTC without a zone, so it is read as a timestamp
** and put in UTC, whatever the session's TimeZone says.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

const DialectDesc prefect_dialects[DIALECT_COUNT] = {
  { "sqlite", { "?%d", "?%d", "?%d", "?%d" }, 1, 1, 1, 1, 0 },
  /* no rowid; PostgreSQL's planner turns IN and EXISTS alike into a
  ** semi-join, with statistics of its own, so the shape is fixed; text
  ** cannot hold a NUL byte; a negative LIMIT is an error; a list is an
  ** array literal, which the leaf's template casts to its element type */
  { "postgresql", { "$%d::text", "$%d::bigint", "$%d", "($%d::timestamp AT TIME ZONE 'UTC')" }, 0, 0, 0, 0, 1 },
};

int dialect_by_name(const char *z) {
  int i;
  for (i = 0; z && i < DIALECT_COUNT; i++) {
    if (sqlite3_stricmp(z, prefect_dialects[i].zName) == 0) return i;
  }
  return -1;
}
