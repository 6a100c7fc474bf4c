#!/usr/bin/env bash
# examples/make_demo.sh: build the demo Prefect database.
#
#   bash examples/make_demo.sh OUT.db
#
# Removes OUT.db (and any -wal/-shm/-journal beside it), then runs sql/schema.sql and
# examples/demo_data.sql with the system sqlite3 CLI. Works from any directory: the SQL files are
# found relative to this script. The data is deterministic: every build gives the same file.
# Set SQLITE3 to use another sqlite3 binary (3.40 or newer).
set -euo pipefail

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash $0 OUT.db" >&2
  exit 2
fi
out=$1

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -- "$here/.." && pwd)
schema=$root/sql/schema.sql
data=$here/demo_data.sql
sqlite3=${SQLITE3:-sqlite3}

for f in "$schema" "$data"; do
  if [ ! -f "$f" ]; then
    echo "make_demo.sh: missing $f" >&2
    exit 1
  fi
done
if ! command -v "$sqlite3" >/dev/null 2>&1; then
  echo "make_demo.sh: $sqlite3 not found (install the sqlite3 CLI or set SQLITE3)" >&2
  exit 1
fi

rm -f -- "$out" "$out-wal" "$out-shm" "$out-journal"
# -bail: stop at the first error instead of carrying on with a half-built file.
if ! "$sqlite3" -bail "$out" < "$schema" || ! "$sqlite3" -bail "$out" < "$data"; then
  echo "make_demo.sh: building $out failed" >&2
  rm -f -- "$out" "$out-wal" "$out-shm" "$out-journal"
  exit 1
fi

counts=$("$sqlite3" "$out" "SELECT (SELECT count(*) FROM flow) || ' flows, '
  || (SELECT count(*) FROM deployment) || ' deployments, '
  || (SELECT count(*) FROM flow_run) || ' flow runs, '
  || (SELECT count(*) FROM task_run) || ' task runs, '
  || (SELECT count(*) FROM artifact) || ' artifacts, '
  || (SELECT count(*) FROM artifact_collection) || ' artifact keys, '
  || (SELECT count(*) FROM log) || ' log lines, '
  || (SELECT count(*) FROM variable) || ' variables, '
  || (SELECT count(*) FROM worker) || ' workers'")
echo "make_demo.sh: wrote $out: $counts"
