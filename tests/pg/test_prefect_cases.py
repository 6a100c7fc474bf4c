"""Prefect's own artifact test cases, replayed on PostgreSQL.

    tests/pg/with_server.sh /usr/bin/python3 tests/pg/test_prefect_cases.py

tests/sql/prefect_cases.sql rebuilds, group by group, the rows each of
Prefect's artifact tests leaves behind and asks the test's bodies; its
expected file holds Prefect's assertions, which the SQLite extension meets
(make test-sql). Here the same script runs statement by statement on a
SQLite database, and at every body it asks (artifacts('...') or
artifact_collections('...')), the rows of that moment are copied into
PostgreSQL and the body's PostgreSQL statement must answer as SQLite does,
by test_demo's rules (equal sets; an order equal but for NULLs sorting last
in ascending order). Prefect's assertions therefore hold on PostgreSQL too.
"""
import json
import os
import re
import sqlite3
import subprocess
import tempfile

import pglib
import test_demo

BODY = re.compile(r"\b(artifacts|artifact_collections)\('((?:[^']|'')*)'\)")


def statements(path):
    """The SQL statements of a shell script; .read is followed, other dot
    commands (.mode) are the shell's own and left out."""
    with open(os.path.join(pglib.ROOT, path)) as f:
        text = f.read()
    pending = ""
    for line in text.splitlines(keepends=True):
        if not pending.strip() and (line.startswith("--") or not line.strip()):
            continue  # a comment or a blank line between statements
        if not pending and line.startswith("."):
            words = line.split()
            if words[0] == ".read":
                yield from statements(words[1])
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.db")
        data = pglib.sqlite_connection(path)
        data.isolation_level = None
        loaded_changes = -1
        verdicts = test_demo.Verdicts()
        for sql in statements("tests/sql/prefect_cases.sql"):
            found = BODY.findall(sql)
            if found and data.total_changes != loaded_changes:
                # PostgreSQL gets the rows of this moment
                load = subprocess.run(["/usr/bin/python3", os.path.join(pglib.ROOT, "tests/pg/load_sqlite.py"), path],
                                      capture_output=True, text=True)
                if load.returncode != 0:
                    raise SystemExit(load.stdout + load.stderr)
                loaded_changes = data.total_changes
            for table, literal in found:
                body_text = literal.replace("''", "'")
                body = json.loads(body_text) if body_text.strip() else {}
                if body is None:
                    body = {}
                columns = test_demo.key_columns(table, body)
                ours = test_demo.sqlite_whole(data, table, body, columns)
                stmt, params = pglib.pg_statement(data, table, body_text)
                if stmt is None:
                    verdicts.add(f"{table} {body_text}", f"not compiled for PostgreSQL: {params}")
                    continue
                rows = pglib.run_marked([("b", pglib.prepared("q", stmt, params))])["b"]
                theirs = test_demo.statement_rows(data, table, rows, columns)
                verdicts.add(f"{table} {body_text}", test_demo.judge(table, body, ours, theirs))
            try:
                data.execute(sql) if not sql.strip().upper().startswith("SELECT") else data.execute(sql).fetchall()
            except sqlite3.Error:
                pass  # the script's own expected errors (bad bodies): make test-sql checks them
        verdicts.report("pg prefect cases (Prefect's artifact tests)")


if __name__ == "__main__":
    main()
