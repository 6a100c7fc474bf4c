#!/usr/bin/env bash
# Runs every tests/sql/*.sql through the sqlite3 shell with the extension
# loaded and compares the output (stdout and stderr) with the .expected file
# beside it. Error lines lose their "near line N" so that adding a case does
# not rewrite every expected error below it.
#   PREFECT_LIB   the library to load (default dist/prefect)
#   TEST_RUNNER   a command to run sqlite3 under (valgrind, ...)
set -u
cd "$(dirname "$0")/.." || exit 2
lib=${PREFECT_LIB:-dist/prefect}
pass=0
fail=0
for test in tests/sql/*.sql; do
  case "$test" in */fixture.sql) continue ;; esac
  expected="${test%.sql}.expected"
  actual=$( { echo ".load $lib"; cat "$test"; } | ${TEST_RUNNER:-} sqlite3 -batch :memory: 2>&1 |
            sed -E 's/^(Parse|Runtime) error near line [0-9]+:/\1 error:/' )
  if diff -u "$expected" <(printf '%s\n' "$actual") >/tmp/prefect-sql-diff.$$ 2>&1; then
    pass=$((pass + 1))
    echo "ok   $test"
  else
    fail=$((fail + 1))
    echo "FAIL $test"
    cat /tmp/prefect-sql-diff.$$
  fi
done
rm -f /tmp/prefect-sql-diff.$$
echo "sql: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
