#!/usr/bin/env bash
# Runs the SQL suite (tests/run_sql_tests.sh) N times in a row, default 200,
# and stops at the first run that fails, printing its number and the diff.
# An outcome that depends on chance (a random id, the clock, an order no
# ORDER BY promises) fails here long before it fails in CI.
#   bash tests/repeat_sql_tests.sh [N]
# PREFECT_LIB and TEST_RUNNER reach run_sql_tests.sh unchanged.
set -u
cd "$(dirname "$0")/.." || exit 2
n=${1:-200}
case "$n" in
  '' | *[!0-9]* | 0*) echo "usage: bash tests/repeat_sql_tests.sh [N], N a whole number >= 1" >&2; exit 2 ;;
esac
for ((i = 1; i <= n; i++)); do
  if ! out=$(bash tests/run_sql_tests.sh 2>&1); then
    echo "sql-repeat: run $i of $n failed"
    printf '%s\n' "$out" | grep -v '^ok '
    exit 1
  fi
done
echo "sql-repeat: $n runs, all passed"
