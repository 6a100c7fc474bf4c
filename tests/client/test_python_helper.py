#!/usr/bin/python3
"""Python: the importable helper examples/python/sqlite_prefect (load(conn),
loadable_path()) and the examples beside it, run by Debian's /usr/bin/python3
(the python3 first on PATH may not load extensions; see the last test)."""
import os
import shutil
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from clientlib import (DEMO_DB, FAILING_SQL, LOADABLE, ORACLE_FAILING_PER_FLOW,  # noqa: E402
                       ORACLE_NEWEST_FAILED_TABLES, ROOT, main, oracle, run)

EXAMPLES = os.path.join(ROOT, "examples", "python")
sys.path.insert(0, EXAMPLES)
import sqlite_prefect  # noqa: E402
import report  # noqa: E402

PY = "/usr/bin/python3"


def python(code, env=None, pythonpath=EXAMPLES):
    """Runs code in a fresh /usr/bin/python3 (clean environment variable and
    import state); returns (exit code, stdout, stderr)."""
    full_env = {k: v for k, v in os.environ.items() if k != sqlite_prefect.ENV_VAR}
    full_env["PYTHONPATH"] = pythonpath
    full_env.update(env or {})
    proc = subprocess.run([PY, "-c", code], capture_output=True, text=True, env=full_env, cwd=ROOT)
    return proc.returncode, proc.stdout, proc.stderr


def test_loadable_path_finds_the_built_library():
    rc, out, err = python("import sqlite_prefect; print(sqlite_prefect.loadable_path())")
    assert rc == 0, err
    assert out.strip() == LOADABLE, out


def test_load_registers_and_switches_loading_off_again():
    conn = sqlite3.connect(":memory:")
    sqlite_prefect.load(conn)
    assert conn.execute("SELECT prefect_version()").fetchone()[0].startswith("v")
    modules = {r[0] for r in conn.execute("SELECT name FROM pragma_module_list")}
    assert {"artifacts", "artifact_collections", "flows", "flow_runs", "task_runs", "deployments"} <= modules
    try:
        conn.load_extension(LOADABLE)
    except sqlite3.OperationalError as e:
        assert "not authorized" in str(e), e
    else:
        raise AssertionError("extension loading was left on")


def test_environment_variable_overrides(tmp):
    copy = os.path.join(tmp, "custom-prefect.so")
    shutil.copy(LOADABLE, copy)
    code = ("import sqlite3, sqlite_prefect; print(sqlite_prefect.loadable_path()); c = sqlite3.connect(':memory:'); "
            "sqlite_prefect.load(c); print(c.execute('SELECT prefect_version()').fetchone()[0])")
    # with or without the .so suffix
    for value in (copy, copy[:-3]):
        rc, out, err = python(code, env={sqlite_prefect.ENV_VAR: value})
        assert rc == 0, err
        assert out.splitlines()[0] == copy and out.splitlines()[1].startswith("v"), out
    rc, out, err = python(code, env={sqlite_prefect.ENV_VAR: os.path.join(tmp, "missing.so")})
    assert rc == 1 and "sqlite_prefect.LibraryNotFound: sqlite_prefect: $SQLITE_PREFECT_PATH is" in err, err
    assert "missing.so" in err and "no such file" in err, err


def test_a_clear_error_when_not_built(tmp):
    # the package alone, away from the repository: nothing to find
    shutil.copytree(os.path.join(EXAMPLES, "sqlite_prefect"), os.path.join(tmp, "sqlite_prefect"))
    rc, out, err = python("import sqlite3, sqlite_prefect; sqlite_prefect.load(sqlite3.connect(':memory:'))",
                          pythonpath=tmp)
    assert rc == 1, (out, err)
    last = err.strip().splitlines()[-1]
    assert last.startswith("sqlite_prefect.LibraryNotFound: sqlite_prefect: the sqlite-prefect library is not "
                           "built: looked for " + os.path.join(tmp, "sqlite_prefect", "prefect.so")), last
    assert "run `make` in the repository, or set $SQLITE_PREFECT_PATH" in last, last


def test_a_copy_beside_the_package_is_used(tmp):
    package = os.path.join(tmp, "sqlite_prefect")
    shutil.copytree(os.path.join(EXAMPLES, "sqlite_prefect"), package)
    shutil.copy(LOADABLE, os.path.join(package, "prefect.so"))
    rc, out, err = python("import sqlite3, sqlite_prefect; print(sqlite_prefect.loadable_path()); "
                          "c = sqlite3.connect(':memory:'); sqlite_prefect.load(c); "
                          "print(c.execute('SELECT count(*) FROM pragma_module_list WHERE name = ?', "
                          "['flow_runs']).fetchone()[0])", pythonpath=tmp)
    assert rc == 0, err
    assert out.split() == [os.path.join(package, "prefect.so"), "1"], out


def test_a_python_that_cannot_load_extensions():
    class NoLoading:  # what sqlite3.Connection looks like in such a build
        def execute(self, *args):
            raise AssertionError("not reached")
    try:
        sqlite_prefect.load(NoLoading())
    except sqlite_prefect.LoadingNotSupported as e:
        assert "cannot load extensions" in str(e) and "/usr/bin/python3" in str(e), e
    else:
        raise AssertionError("no error")
    # the python3 first on PATH, when it is such a build, gets the same message
    path_python = shutil.which("python3")
    if path_python and os.path.realpath(path_python) != os.path.realpath(PY):
        probe = subprocess.run([path_python, "-c", "import sqlite3; print(hasattr(sqlite3.Connection, "
                                "'enable_load_extension'))"], capture_output=True, text=True)
        if probe.stdout.strip() == "False":
            proc = subprocess.run([path_python, "examples/python/quickstart.py"], capture_output=True, text=True,
                                  cwd=ROOT)
            assert proc.returncode == 1 and "sqlite_prefect.LoadingNotSupported" in proc.stderr, proc.stderr


def test_quickstart():
    out = run([PY, "examples/python/quickstart.py"])
    expected = "".join(f"{key} {type_} {created}\n" for key, type_, created in oracle(ORACLE_NEWEST_FAILED_TABLES))
    assert out == expected, f"got\n{out}\nexpected\n{expected}"


def oracle_latest_failing_runs(limit):
    runs = oracle(f"""SELECT r.id, substr(r.start_time, 1, 16), f.name, r.name, r.state_name
                        FROM flow_run AS r JOIN flow AS f ON f.id = r.flow_id
                       WHERE r.state_type IN {FAILING_SQL}
                       ORDER BY coalesce(r.start_time, r.expected_start_time) DESC LIMIT {limit}""")
    conn = sqlite3.connect(f"file:{DEMO_DB}?mode=ro", uri=True)
    result = [(start, flow, name, state,
               conn.execute("SELECT key, type FROM artifact WHERE flow_run_id = ? ORDER BY created", [run_id]).fetchall())
              for run_id, start, flow, name, state in runs]
    conn.close()
    return result


def test_report_functions():
    conn = report.connect(DEMO_DB)
    try:
        assert report.totals(conn) == oracle(f"""
            SELECT (SELECT count(*) FROM flow_run WHERE state_type IN {FAILING_SQL}),
                   (SELECT count(*) FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
                     WHERE r.state_type IN {FAILING_SQL})""")[0]
        assert report.failing_per_flow(conn) == oracle(ORACLE_FAILING_PER_FLOW)
        latest = report.latest_failing_runs(conn)
        assert latest == oracle_latest_failing_runs(5), latest
        assert sum(len(r[4]) for r in latest) > 5, latest
        assert report.artifacts_per_day(conn, 7) == oracle(
            "SELECT substr(created, 1, 10) AS day, count(*) FROM artifact GROUP BY day ORDER BY day DESC LIMIT 7")[::-1]
    finally:
        conn.close()


def test_report_script():
    out = run([PY, "examples/python/report.py"])
    lines = out.splitlines()
    runs, artifacts = oracle(f"""SELECT count(DISTINCT r.id), count(a.id) FROM flow_run AS r
                                 LEFT JOIN artifact AS a ON a.flow_run_id = r.id
                                 WHERE r.state_type IN {FAILING_SQL}""")[0]
    assert lines[0] == f"Failing flow runs in dist/demo.db: {runs} runs, {artifacts} artifacts", lines[0]
    per_flow = [f"{flow:<20} {n:>12} {a:>9}" for flow, n, a in oracle(ORACLE_FAILING_PER_FLOW)]
    assert lines[3:3 + len(per_flow)] == per_flow, lines
    start, flow, name, state, arts = oracle_latest_failing_runs(1)[0]
    assert f"{start}  {flow}/{name}  {state}: " in out, out
    per_day = lines[lines.index("Artifacts per day") + 1:]
    assert [line.split()[:2] for line in per_day] == [[d, str(n)] for d, n in oracle(
        "SELECT substr(created, 1, 10) AS day, count(*) FROM artifact GROUP BY day ORDER BY day DESC LIMIT 7")[::-1]]
    # a path argument, here the demo database again by an absolute path
    assert run([PY, "examples/python/report.py", DEMO_DB]).splitlines()[1:] == lines[1:]


if __name__ == "__main__":
    sys.exit(main("python-helper", globals()))
