#!/usr/bin/env bash
# tests/pg/load_extension.sh: CREATE EXTENSION prefect's functions in the
# server with_server.sh made, from the build tree and installed nowhere: the
# script of pg/ with its module's path, in a schema prefect. The library is
# copied into the server's directory, where its user (nobody, under root)
# can read it.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p "$PGHOST/lib"
cp pg/prefect.so "$PGHOST/lib/prefect.so"
chmod -R a+rX "$PGHOST/lib"
{ echo "CREATE SCHEMA prefect; SET search_path = prefect, public;"
  sed -e '/^\\echo/d' -e "s|MODULE_PATHNAME|$PGHOST/lib/prefect|" pg/prefect--0.1.sql; } |
  psql -X -q -v ON_ERROR_STOP=1 -f - >/dev/null
