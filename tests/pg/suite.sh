#!/usr/bin/env bash
# tests/pg/suite.sh: the PostgreSQL suite, run by with_server.sh against the
# server it made (make test-pg): the demo data loaded into Prefect's schema,
# every filter field against hand-written PostgreSQL, the two back ends'
# answers body by body, and the same through the PostgreSQL extension's
# functions (pg/), with their errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 tests/pg/load_sqlite.py dist/demo.db
/usr/bin/python3 tests/pg/test_differential.py dist/demo.db
/usr/bin/python3 tests/pg/test_demo.py dist/demo.db

# CREATE EXTENSION prefect's functions, from the build tree and installed
# nowhere: the script of pg/ with its module's path, in a schema prefect;
# the library is copied where the server's user can read it
mkdir -p "$PGHOST/lib"
cp pg/prefect.so "$PGHOST/lib/prefect.so"
chmod -R a+rX "$PGHOST/lib"
{ echo "CREATE SCHEMA prefect; SET search_path = prefect, public;"
  sed -e '/^\\echo/d' -e "s|MODULE_PATHNAME|$PGHOST/lib/prefect|" pg/prefect--0.1.sql; } |
  psql -X -q -v ON_ERROR_STOP=1 -f - >/dev/null
/usr/bin/python3 tests/pg/test_demo.py --extension dist/demo.db
psql -X -q -f tests/pg/extension.sql 2>&1 | diff -u tests/pg/extension.expected - && echo "pg extension.sql: ok"
