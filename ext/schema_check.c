/*
** schema_check.c: turning SQLite's "no such table" and "no such column"
** into what is wrong with the database.
**
** The check runs only when SQLite has refused one of our statements, never
** at load or before a query: a database that has what a query reads costs
** nothing, an older schema keeps answering every query whose columns it
** has, and a connection that attaches or creates Prefect's tables after
** loading needs no cache to be told about it. The releases come from
** describe.c (prefect_schema_since).
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

static const SchemaSince *since_find(const char *zTable, const char *zColumn) {
  const SchemaSince *p;
  for (p = prefect_schema_since; p->zTable; p++) {
    if (sqlite3_stricmp(p->zTable, zTable) != 0) continue;
    if (zColumn ? (p->zColumn && sqlite3_stricmp(p->zColumn, zColumn) == 0) : !p->zColumn) return p;
  }
  return 0;
}

/* 1 if the connection has table zTable (in any of its schemas, as an
** unqualified name in our SQL finds it) and, when zColumn is not NULL, the
** table has that column; 0 if not; -1 when the question itself failed. */
static int schema_has(sqlite3 *db, const char *zTable, const char *zColumn) {
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*), count(CASE WHEN name = ?2 COLLATE NOCASE THEN 1 END) "
                                  "FROM pragma_table_xinfo(?1)", -1, &pStmt, 0);
  int bHas = -1;
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(pStmt, 1, zTable, -1, SQLITE_STATIC);
    if (zColumn) sqlite3_bind_text(pStmt, 2, zColumn, -1, SQLITE_STATIC);
    if (sqlite3_step(pStmt) == SQLITE_ROW) {
      bHas = sqlite3_column_int(pStmt, zColumn ? 1 : 0) > 0;
    }
  }
  sqlite3_finalize(pStmt);
  return bHas;
}

static int is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* 1 if zSql has "zTable AS zAlias" or "zTable zAlias" as whole words: how
** every statement of ours names the tables it reads. */
static int sql_aliases(const char *zSql, const char *zTable, const char *zAlias) {
  size_t nTable = strlen(zTable), nAlias = strlen(zAlias);
  const char *z;
  for (z = strstr(zSql, zTable); z; z = strstr(z + 1, zTable)) {
    const char *zAfter = z + nTable;
    if ((z > zSql && is_word_char(z[-1])) || is_word_char(*zAfter) || *zAfter != ' ') continue;
    while (*zAfter == ' ') zAfter++;
    if (sqlite3_strnicmp(zAfter, "AS ", 3) == 0) {
      zAfter += 3;
      while (*zAfter == ' ') zAfter++;
    }
    if (strncmp(zAfter, zAlias, nAlias) == 0 && !is_word_char(zAfter[nAlias])) return 1;
  }
  return 0;
}

/* The table of Prefect's that lacks column zColumn: the one zAlias stands
** for in zSql when both are known, else the first of the tables that
** gained such a column in some release and lack it here. */
static const char *column_table(sqlite3 *db, const char *zSql, const char *zAlias, const char *zColumn) {
  const SchemaSince *p;
  if (zSql && zAlias) {
    for (p = prefect_schema_since; p->zTable; p++) {
      if (!p->zColumn && sql_aliases(zSql, p->zTable, zAlias)) return p->zTable;
    }
    return 0;
  }
  for (p = prefect_schema_since; p->zTable; p++) {
    if (p->zColumn && sqlite3_stricmp(p->zColumn, zColumn) == 0 && schema_has(db, p->zTable, 0) == 1 &&
        schema_has(db, p->zTable, zColumn) == 0) {
      return p->zTable;
    }
  }
  return 0;
}

static char *missing_table(sqlite3 *db, const char *zName) {
  const SchemaSince *pTable;
  const SchemaSince *p;
  /* SQLite names it as the statement did: ours never qualify a table */
  pTable = since_find(zName, 0);
  if (!pTable) return 0;
  for (p = prefect_schema_since; p->zTable; p++) {
    if (p->zColumn || schema_has(db, p->zTable, 0) != 1) continue;
    /* some of Prefect's tables, but not one every release has made */
    if (strcmp(pTable->zVersion, prefect_schema_since[0].zVersion) == 0) {
      return sqlite3_mprintf("prefect: this database has no table \"%s\", which every Prefect release (%s on) "
                             "makes: the file holds only part of a Prefect database", pTable->zTable,
                             pTable->zVersion);
    }
    return sqlite3_mprintf("prefect: this database has no table \"%s\" (added in Prefect %s; upgrade the "
                           "server that wrote this database)", pTable->zTable, pTable->zVersion);
  }
  return sqlite3_mprintf("prefect: this database has no table \"%s\", nor any other of Prefect's tables: is it "
                         "a Prefect database? (this one needs Prefect %s or newer)",
                         pTable->zTable, pTable->zVersion);
}

/* The message for table zTable lacking zColumn, or NULL when it is not a
** table of Prefect's that is there and really lacks it: anything else is
** not a schema too old, and SQLite's own message says it better. */
static char *column_message(sqlite3 *db, const char *zTable, const char *zColumn) {
  const SchemaSince *p;
  if (!zTable || schema_has(db, zTable, 0) != 1 || schema_has(db, zTable, zColumn) != 0) return 0;
  p = since_find(zTable, zColumn);
  if (!p) p = since_find(zTable, 0);
  if (!p) return 0;
  if (p->zColumn) {
    return sqlite3_mprintf("prefect: table \"%s\" has no column \"%s\" (added in Prefect %s; upgrade the server "
                           "that wrote this database)", p->zTable, zColumn, p->zVersion);
  }
  /* no release lacks it: not an older schema, a table made by hand */
  return sqlite3_mprintf("prefect: table \"%s\" has no column \"%s\", which it has had since Prefect %s made "
                         "it: the table is not Prefect's", p->zTable, zColumn, p->zVersion);
}

/* "no such column: fr.job_variables" (a read; the alias may be absent) */
static char *missing_column(sqlite3 *db, const char *zSql, const char *zName) {
  const char *zDot = strchr(zName, '.');
  const char *zColumn = zDot ? zDot + 1 : zName;
  char *zAlias = zDot ? sqlite3_mprintf("%.*s", (int)(zDot - zName), zName) : 0;
  char *zMsg;
  if (zDot && !zAlias) return 0;
  zMsg = column_message(db, column_table(db, zSql, zAlias, zColumn), zColumn);
  sqlite3_free(zAlias);
  return zMsg;
}

/* "table artifact has no column named description" (an INSERT) */
static char *missing_insert_column(sqlite3 *db, const char *zText) {
  const char *zMid = strstr(zText, " has no column named ");
  char *zTable, *zMsg;
  if (!zMid) return 0;
  zTable = sqlite3_mprintf("%.*s", (int)(zMid - zText), zText);
  if (!zTable) return 0;
  zMsg = column_message(db, zTable, zMid + strlen(" has no column named "));
  sqlite3_free(zTable);
  return zMsg;
}

char *schema_error(sqlite3 *db, const char *zSql) {
  static const char zNoTable[] = "no such table: ";
  static const char zNoColumn[] = "no such column: ";
  static const char zTableNoColumn[] = "table ";
  /* our own statements below replace the connection's message */
  char *zErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
  char *zMsg = 0;
  if (!zErr) return 0;
  if (strncmp(zErr, zNoTable, sizeof(zNoTable) - 1) == 0) {
    zMsg = missing_table(db, zErr + sizeof(zNoTable) - 1);
  } else if (strncmp(zErr, zNoColumn, sizeof(zNoColumn) - 1) == 0) {
    zMsg = missing_column(db, zSql, zErr + sizeof(zNoColumn) - 1);
  } else if (strncmp(zErr, zTableNoColumn, sizeof(zTableNoColumn) - 1) == 0) {
    zMsg = missing_insert_column(db, zErr + sizeof(zTableNoColumn) - 1);
  }
  if (!zMsg) zMsg = sqlite3_mprintf("prefect: %s", zErr);
  sqlite3_free(zErr);
  return zMsg;
}
