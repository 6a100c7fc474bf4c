#!/usr/bin/python3
"""The sqlite3 shell (Debian's /usr/bin/sqlite3) runs examples/shell/: the
quick start and the report, `.load dist/prefect` then `.mode table` and
`.mode json`. Its output is compared with the oracle's rows printed by the
same shell in the same mode, and the JSON is parsed."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import (DEMO_DB, ROOT, ORACLE_FAILING_PER_FLOW, ORACLE_NEWEST_FAILED_TABLES,  # noqa: E402
                       ORACLE_NEWEST_FAILING_ARTIFACTS, ORACLE_PER_DAY, file_digest, main, oracle_dicts,
                       oracle_shell_table, run)

REPORT = ["sh", "-c", "sqlite3 dist/demo.db < examples/shell/report.sql"]


def sections(text):
    """{'title': body} for each '== title ==' header of the report."""
    parts = re.split(r"^== (.*) ==\n", text, flags=re.M)
    assert parts[0] == "", f"text before the first section: {parts[0]!r}"
    return {parts[i]: parts[i + 1].strip("\n") + "\n" for i in range(1, len(parts), 2)}


def test_report_tables():
    out = sections(run(REPORT))
    assert list(out) == ["The 10 newest artifacts of failing (FAILED or CRASHED) flow runs",
                         "Failing flow runs per flow, with their artifacts",
                         "Artifacts per day, the last 7 days of data (JSON)"], list(out)
    newest, per_flow, _ = out.values()
    expected = oracle_shell_table(ORACLE_NEWEST_FAILING_ARTIFACTS, {"limit": 10})
    assert newest == expected, f"got\n{newest}\nexpected\n{expected}"
    assert newest.count("\n") == 10 + 4, newest  # 10 rows, 3 rules, 1 header line
    expected = oracle_shell_table(ORACLE_FAILING_PER_FLOW)
    assert per_flow == expected, f"got\n{per_flow}\nexpected\n{expected}"


def test_report_json():
    out = sections(run(REPORT))
    rows = json.loads(out["Artifacts per day, the last 7 days of data (JSON)"])
    expected = oracle_dicts(ORACLE_PER_DAY, {"since": "-6 days"})
    assert rows == expected, f"got {rows}\nexpected {expected}"
    assert len(rows) == 7 and sum(r["from_failing_runs"] for r in rows) > 0, rows


def test_quickstart():
    out = run(["bash", "examples/shell/quickstart.sh"])
    first = oracle_shell_table(ORACLE_NEWEST_FAILED_TABLES)
    assert out.startswith(first), f"got\n{out[:len(first) + 200]}\nexpected first\n{first}"
    assert first.count("| table |") == 3, first
    assert out[len(first):] == run(REPORT), "the quick start's second command is not the report"


def test_report_leaves_the_database_alone():
    before = file_digest(DEMO_DB)
    run(REPORT)
    assert file_digest(DEMO_DB) == before
    assert not os.path.exists(DEMO_DB + "-wal") and not os.path.exists(DEMO_DB + "-journal")


def test_without_the_extension_the_report_fails():
    # the check is not vacuous: the same script minus `.load` cannot run
    with open(os.path.join(ROOT, "examples", "shell", "report.sql")) as f:
        script = f.read()
    assert ".load dist/prefect\n" in script
    proc = subprocess.run(["sqlite3", "-readonly", "-bail", DEMO_DB], input=script.replace(".load dist/prefect\n", ""),
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode != 0 and "no such table: artifacts" in proc.stderr, proc.stderr


if __name__ == "__main__":
    sys.exit(main("shell", globals()))
