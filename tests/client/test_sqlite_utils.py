#!/usr/bin/python3
"""sqlite-utils (Debian's package): `sqlite-utils query DB SQL --load-extension
dist/prefect.so`, each command of examples/sqlite-utils/quickstart.sh run as
written there, its --table, --csv and JSON output compared with the oracle."""
import csv
import io
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import (DEMO_DB, FAILING_SQL, ORACLE_NEWEST_FAILED_TABLES, ROOT, file_digest, main,  # noqa: E402
                       oracle, oracle_dicts, run)

QUICKSTART = os.path.join(ROOT, "examples", "sqlite-utils", "quickstart.sh")


def commands():
    """The quick start's commands, continuation lines joined, comments left out."""
    with open(QUICKSTART) as f:
        text = f.read()
    logical = text.replace("\\\n", "").splitlines()
    found = [line for line in logical if line.strip() and not line.lstrip().startswith("#")]
    assert len(found) == 3 and all(c.startswith("sqlite-utils query dist/demo.db ") for c in found), found
    assert all("--load-extension dist/prefect.so" in c for c in found), found
    return found


def parse_table(text):
    """Rows of tabulate's 'simple' format (sqlite-utils --table): the columns'
    extents are those of the dashes under the header."""
    lines = text.rstrip("\n").split("\n")
    spans, start = [], 0
    for dashes in lines[1].split("  "):
        spans.append((start, start + len(dashes)))
        start += len(dashes) + 2
    cut = lambda line: [line[a:b].strip() for a, b in spans]  # noqa: E731
    return cut(lines[0]), [cut(line) for line in lines[2:]]


def test_sqlite_utils_is_installed():
    path = shutil.which("sqlite-utils")
    assert path, "sqlite-utils is not installed (apt-get install sqlite-utils)"
    with open(path) as f:
        shebang = f.readline()
    # it must run on a Python whose sqlite3 can load extensions
    assert run([shebang[2:].strip().split()[0], "-c", "import sqlite3; "
                "print(hasattr(sqlite3.Connection, 'enable_load_extension'))"]).strip() == "True", shebang


def test_table():
    header, rows = parse_table(run(["bash", "-c", commands()[0]]))
    assert header == ["key", "type", "created"], header
    expected = [[key or "", type_, created] for key, type_, created in oracle(ORACLE_NEWEST_FAILED_TABLES)]
    assert rows == expected, f"got {rows}\nexpected {expected}"


def test_csv():
    rows = list(csv.reader(io.StringIO(run(["bash", "-c", commands()[1]]))))
    expected = oracle(f"""SELECT substr(a.created, 1, 10) AS day, count(*) AS artifacts
                            FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
                           WHERE r.state_type IN {FAILING_SQL}
                           GROUP BY day ORDER BY day DESC LIMIT 5""")
    assert rows == [["day", "artifacts"]] + [[day, str(n)] for day, n in expected], rows


def test_json_cols():
    rows = json.loads(run(["bash", "-c", commands()[2]]))
    assert len(rows) == 1 and list(rows[0]) == ["latest"], rows
    latest = rows[0]["latest"]  # --json-cols: prefect_api's JSON arrives as an object
    stored = oracle_dicts("""SELECT id, created, updated, key, type, description, data, metadata_, flow_run_id,
                                    task_run_id
                               FROM artifact_collection WHERE key = 'etl-orders-stats'""")[0]
    for column in ("created", "updated"):
        stored[column] = stored[column].replace(" ", "T") + "Z"
    for column in ("data", "metadata_"):  # JSON columns: the API sends the stored JSON as JSON
        stored[column] = json.loads(stored[column])
    assert latest == stored, f"got {latest}\nexpected {stored}"


def test_the_whole_file_and_the_database_untouched():
    before = file_digest(DEMO_DB)
    out = run(["bash", QUICKSTART])
    assert out == "".join(run(["bash", "-c", c]) for c in commands())
    assert file_digest(DEMO_DB) == before


def test_without_the_extension_it_fails():
    command = commands()[0].replace(" --load-extension dist/prefect.so", "")
    proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and "no such table: artifacts" in proc.stderr, (proc.returncode, proc.stderr)


if __name__ == "__main__":
    sys.exit(main("sqlite-utils", globals()))
