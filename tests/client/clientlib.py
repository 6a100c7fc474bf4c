"""Shared by the client tests (tests/client/test_*.py, run by /usr/bin/python3).

Each client test runs an example of examples/ through the real client (the
sqlite3 shell, Python, sqlite-utils, the static shell, Chromium) on the demo
database, and compares what it prints with an oracle: hand-written SQL over
Prefect's own tables (flow_run.state_type, artifact.flow_run_id, ...), run on
a connection without the extension, so the two sides share no code."""
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_DB = os.path.join(ROOT, "dist", "demo.db")
LOADABLE = os.path.join(ROOT, "dist", "prefect.so")

# What the examples call failing: a flow run whose state type is one of these.
FAILING_SQL = "('FAILED', 'CRASHED')"

# Oracles, in Prefect's tables' terms.
ORACLE_NEWEST_FAILING_ARTIFACTS = f"""
SELECT substr(a.created, 1, 16) AS created, f.name AS flow, r.name AS flow_run, r.state_name AS state,
       coalesce(a.key, '') AS key, a.type
  FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id JOIN flow AS f ON f.id = r.flow_id
 WHERE r.state_type IN {FAILING_SQL}
 ORDER BY a.created DESC LIMIT :limit"""

ORACLE_FAILING_PER_FLOW = f"""
SELECT f.name AS flow, count(DISTINCT r.id) AS failing_runs, count(a.id) AS artifacts
  FROM flow_run AS r JOIN flow AS f ON f.id = r.flow_id LEFT JOIN artifact AS a ON a.flow_run_id = r.id
 WHERE r.state_type IN {FAILING_SQL}
 GROUP BY f.name ORDER BY failing_runs DESC, flow"""

ORACLE_PER_DAY = f"""
SELECT substr(a.created, 1, 10) AS day, count(*) AS artifacts,
       count(r.id) AS from_failing_runs
  FROM artifact AS a LEFT JOIN flow_run AS r ON r.id = a.flow_run_id AND r.state_type IN {FAILING_SQL}
 WHERE a.created >= (SELECT date(max(created), :since) FROM artifact)
 GROUP BY day ORDER BY day"""

ORACLE_NEWEST_FAILED_TABLES = """
SELECT a.key, a.type, a.created
  FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
 WHERE a.type = 'table' AND r.state_type = 'FAILED'
 ORDER BY a.created DESC LIMIT 3"""


def run(args, *, input=None, env=None, cwd=ROOT, allow_stderr=False, timeout=300):
    """Runs a command, returns its stdout; a non-zero exit or (unless allowed)
    anything on stderr fails the test, with both shown."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    proc = subprocess.run(args, input=input, capture_output=True, text=True, cwd=cwd, env=full_env,
                          timeout=timeout, shell=isinstance(args, str))
    if proc.returncode != 0 or (proc.stderr and not allow_stderr):
        raise AssertionError(f"{args!r} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    return proc.stdout


def oracle_connection():
    """The demo database, read-only, with no extension: the oracle's side."""
    conn = sqlite3.connect(f"file:{DEMO_DB}?mode=ro", uri=True)
    modules = {r[0] for r in conn.execute("SELECT name FROM pragma_module_list")}
    assert "artifacts" not in modules, "the oracle connection must not have the extension"
    return conn


def oracle(sql, params=None):
    conn = oracle_connection()
    try:
        rows = conn.execute(sql, params or {}).fetchall()
    finally:
        conn.close()
    assert rows, f"the oracle found nothing, the comparison would be empty:\n{sql}"
    return rows


def oracle_dicts(sql, params=None):
    conn = oracle_connection()
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute(sql, params or {})]
    finally:
        conn.close()
    assert rows, f"the oracle found nothing, the comparison would be empty:\n{sql}"
    return rows


def oracle_shell_table(sql, params=None):
    """The oracle's rows as the system sqlite3 shell prints them in .mode table
    (read-only, no extension loaded); parameters are inlined as literals."""
    for name, value in (params or {}).items():
        literal = str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"
        sql = sql.replace(":" + name, literal)
    return run(["sqlite3", "-readonly", "-bail", DEMO_DB], input=f".headers on\n.mode table\n{sql};\n")


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def require_demo():
    for path in (DEMO_DB, LOADABLE):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run `make demo` first (make test does)")


def main(name, namespace, needs_demo=True):
    """Runs every test_* of namespace (one taking an argument gets a fresh temp
    dir) and ends with the counting line 'NAME: N passed, N failed'."""
    if needs_demo:
        require_demo()
    tests = [v for k, v in sorted(namespace.items()) if k.startswith("test_") and callable(v)]
    passed = failed = 0
    for test in tests:
        with tempfile.TemporaryDirectory(prefix="prefect-client-") as tmp:
            try:
                if test.__code__.co_argcount:
                    test(tmp)
                else:
                    test()
                passed += 1
                print(f"ok   {test.__name__}", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {test.__name__}", flush=True)
                traceback.print_exc()
                sys.stderr.flush()
    print(f"{name}: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0
