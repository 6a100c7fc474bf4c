#!/usr/bin/env bash
# tests/pg/suite.sh: the PostgreSQL suite, run by with_server.sh against the
# server it made (make test-pg): the demo data loaded into Prefect's schema,
# every filter field against hand-written PostgreSQL, the two back ends'
# answers body by body, the same through the PostgreSQL extension's
# functions (pg/) with their errors, prefect.api's answers (test_api.py, and
# test_api_kinds.py for the history, lateness and dashboard routes), the
# fuzzers' bodies through every PostgreSQL entry point (test_fuzz_replay.py),
# and Prefect's own artifact test cases.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 tests/pg/load_sqlite.py dist/demo.db
/usr/bin/python3 tests/pg/test_differential.py dist/demo.db
/usr/bin/python3 tests/pg/test_demo.py dist/demo.db

# CREATE EXTENSION prefect's functions, from the build tree
bash tests/pg/load_extension.sh
/usr/bin/python3 tests/pg/test_demo.py --extension dist/demo.db
psql -X -q -f tests/pg/extension.sql 2>&1 | diff -u tests/pg/extension.expected -
echo "pg extension.sql: ok"
/usr/bin/python3 tests/pg/test_api.py dist/demo.db
/usr/bin/python3 tests/pg/test_api_kinds.py dist/demo.db
/usr/bin/python3 tests/pg/test_fuzz_replay.py

# Prefect's own artifact tests (tests/sql/prefect_cases.sql): last, as it
# replaces the demo data with each group's rows
/usr/bin/python3 tests/pg/test_prefect_cases.py
