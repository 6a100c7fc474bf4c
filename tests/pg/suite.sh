#!/usr/bin/env bash
# tests/pg/suite.sh: the PostgreSQL suite, run by with_server.sh against the
# server it made (make test-pg): the demo data loaded into Prefect's schema,
# every filter field against hand-written PostgreSQL, and the two back ends'
# answers body by body.
set -euo pipefail
cd "$(dirname "$0")/../.."
/usr/bin/python3 tests/pg/load_sqlite.py dist/demo.db
/usr/bin/python3 tests/pg/test_differential.py dist/demo.db
/usr/bin/python3 tests/pg/test_demo.py dist/demo.db
