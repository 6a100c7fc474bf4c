/*
** static_shell.c: the glue of `make static`, a sqlite3 shell with
** sqlite-prefect compiled in, for machines where loading an extension is not
** allowed.
**
** SQLite's shell.c calls SQLITE_SHELL_INIT_PROC, when that macro names a
** function, after its sqlite3_config() calls and before it opens a database.
** The Makefile compiles shell.c with -DSQLITE_SHELL_INIT_PROC=prefect_shell_init
** and links it with this file, the extension's sources (built with
** -DSQLITE_CORE) and a static libsqlite3. sqlite3_auto_extension() then runs
** sqlite3_prefect_init on every connection the shell opens, so the tables and
** functions are there without `.load`.
*/
#include <stdio.h>
#include "sqlite3.h"

int sqlite3_prefect_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi);
void prefect_shell_init(void);

void prefect_shell_init(void) {
  int rc = sqlite3_auto_extension((void (*)(void))sqlite3_prefect_init);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "prefect: could not register the extension with sqlite3_auto_extension: %s\n",
            sqlite3_errstr(rc));
  }
}
