#!/usr/bin/python3
"""The static build (make static): dist/static/sqlite3, a sqlite3 shell with
the extension compiled in. It must need no .load and no libsqlite3.so, run
examples/static/quickstart.sh, answer every SQL test of tests/sql/ exactly as
the loadable build does, and print nothing on stderr."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import DEMO_DB, ROOT, main, oracle, oracle_shell_table, run  # noqa: E402

SHELL = os.path.join(ROOT, "dist", "static", "sqlite3")


def test_sqlite_is_inside():
    libraries = run(["ldd", SHELL])
    assert "libsqlite3" not in libraries, libraries
    # and it still reports the Debian SQLite it was built from
    system = run(["sqlite3", "--version"]).split()[0]
    debug = run([SHELL, ":memory:", "SELECT prefect_debug()"])
    assert f"\nSQLite (built): {system}\nSQLite (running): {system}\n" in debug, debug
    assert debug.rstrip("\n").endswith("Build flags: static"), debug


def test_registered_without_load():
    names = ("SELECT 'module ' || name FROM pragma_module_list UNION "
             "SELECT 'function ' || name || '/' || narg FROM pragma_function_list ORDER BY 1;\n")
    plain = set(run(["sqlite3", "-batch", ":memory:"], input=names).splitlines())
    loadable = set(run(["sqlite3", "-batch", "-cmd", ".load dist/prefect", ":memory:"], input=names).splitlines())
    static = set(run([SHELL, "-batch", ":memory:"], input=names).splitlines())
    ours = loadable - plain
    assert {"module artifacts", "module flow_runs", "module prefect_run_tree", "function prefect_filter/2"} <= ours, ours
    assert static - plain == ours, f"static: {sorted(static - plain)}\nloadable: {sorted(ours)}"
    # every connection the shell opens gets it, an ATTACHed or .open-ed one too
    out = run([SHELL, "-batch", ":memory:"], input=f".open --readonly {DEMO_DB}\nSELECT count(*) FROM artifacts;\n")
    assert out.strip() == str(oracle("SELECT count(*) FROM artifact")[0][0]), out


def test_quickstart():
    out = run(["bash", "examples/static/quickstart.sh"])
    first = oracle_shell_table("SELECT 'v' || :version AS version, count(*) AS table_artifacts FROM artifact "
                               "WHERE type = 'table'", {"version": open(os.path.join(ROOT, "VERSION")).read().strip()})
    assert out.startswith(first), f"got\n{out[:400]}\nexpected first\n{first}"
    loadable = run(["sh", "-c", "sqlite3 -cmd '.load dist/prefect' -table dist/demo.db < examples/recipes.sql"])
    assert out[len(first):] == loadable, "the recipes differ between the static and the loadable build"
    assert loadable.count("\n") > 40, loadable


def test_sql_suite():
    """tests/run_sql_tests.sh's comparison, on the static shell without .load."""
    failures = []
    tests = sorted(f for f in os.listdir(os.path.join(ROOT, "tests", "sql"))
                   if f.endswith(".sql") and f != "fixture.sql")
    assert len(tests) >= 10, tests
    for name in tests:
        path = os.path.join(ROOT, "tests", "sql", name)
        with open(path) as f:
            script = f.read()
        proc = subprocess.run([SHELL, "-batch", ":memory:"], input=script, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        actual = re.sub(r"^(Parse|Runtime) error near line [0-9]+:", r"\1 error:", proc.stdout, flags=re.M)
        with open(path[:-4] + ".expected") as f:
            expected = f.read()
        if actual.rstrip("\n") != expected.rstrip("\n"):
            failures.append(name)
    assert not failures, f"differ from their .expected on the static shell: {failures}"


if __name__ == "__main__":
    sys.exit(main("static", globals()))
