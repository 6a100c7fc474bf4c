#!/usr/bin/python3
"""Client-level tests: Debian's /usr/bin/python3 loads dist/prefect like any
user would (the python3 first on PATH here cannot load extensions).

Checks the exact set of names the extension registers, that loading never
writes to a database (read-only and WAL files included), and that a reader
sees a consistent snapshot while another connection writes."""
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import ROOT, file_digest, main  # noqa: E402

LIB = os.path.join(ROOT, os.environ.get("PREFECT_LIB", "dist/prefect"))
FIXTURE = os.path.join(ROOT, "tests", "sql", "fixture.sql")


def connect(path=":memory:", uri=False):
    conn = sqlite3.connect(path, uri=uri, isolation_level=None)
    conn.enable_load_extension(True)
    conn.load_extension(LIB)
    conn.enable_load_extension(False)
    return conn


def make_fixture_db(path, wal=False):
    """The SQL fixture, written with the sqlite3 shell (it uses .read)."""
    subprocess.run(["sqlite3", path], input=f".read {FIXTURE}\n", text=True, check=True, cwd=ROOT)
    if wal:
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
        conn.close()


def test_registered_names():
    plain = sqlite3.connect(":memory:")
    before_f = {r[0] for r in plain.execute("SELECT name FROM pragma_function_list")}
    before_m = {r[0] for r in plain.execute("SELECT name FROM pragma_module_list")}
    conn = connect()
    after_f = {r[0] for r in conn.execute("SELECT name FROM pragma_function_list")}
    after_m = {r[0] for r in conn.execute("SELECT name FROM pragma_module_list")}
    assert after_f - before_f == {"prefect_version", "prefect_debug", "prefect_filter_sql", "prefect_filter_params",
                                "prefect_filter", "prefect_api", "prefect_uuid4", "prefect_set_now", "prefect_now",
                                "prefect_seconds"}, after_f - before_f
    assert after_m - before_m == {"artifacts", "artifact_collections", "flows", "flow_runs", "task_runs", "deployments",
                                "logs", "variables", "work_pools", "work_queues", "workers", "prefect_table", "prefect_run_tree", "prefect_fields",
                                "flow_run_history", "task_run_history"}, after_m - before_m


def test_function_flags():
    """SQLite's flags, as pragma_function_list shows them: what reads the
    database is direct only, neither innocuous nor deterministic."""
    deterministic, direct_only, innocuous = 0x800, 0x80000, 0x200000
    conn = connect()
    flags = {(name, narg): f & (deterministic | direct_only | innocuous) for name, narg, f in
             conn.execute("SELECT name, narg, flags FROM pragma_function_list WHERE name LIKE 'prefect%'")}
    assert flags == {
        ("prefect_version", 0): deterministic | innocuous,
        ("prefect_debug", 0): deterministic | innocuous,
        ("prefect_uuid4", 0): innocuous,
        ("prefect_now", 0): innocuous,
        ("prefect_seconds", 1): deterministic | innocuous,
        ("prefect_set_now", 1): direct_only,
        ("prefect_filter_sql", 2): direct_only,
        ("prefect_filter_sql", 3): direct_only,
        ("prefect_filter_params", 2): direct_only,
        ("prefect_filter_params", 3): direct_only,
        ("prefect_filter", 2): direct_only,
        ("prefect_api", 1): direct_only,
        ("prefect_api", 2): direct_only,
    }, flags
    conn.execute("CREATE VIEW v AS SELECT prefect_api('POST /flows/count')")
    try:
        conn.execute("SELECT * FROM v").fetchall()
    except sqlite3.OperationalError as e:
        assert "unsafe use of prefect_api()" in str(e), e
    else:
        raise AssertionError("a view of the schema called prefect_api()")


def test_version_and_debug():
    conn = connect()
    with open(os.path.join(ROOT, "VERSION")) as f:
        version = f.read().strip()
    assert conn.execute("SELECT prefect_version()").fetchone()[0] == "v" + version
    debug = conn.execute("SELECT prefect_debug()").fetchone()[0].splitlines()
    assert debug[0] == "Version: v" + version, debug
    assert debug[4] == "SQLite (running): " + sqlite3.sqlite_version, debug


def test_cannot_create_in_schema():
    conn = connect()
    try:
        conn.execute("CREATE VIRTUAL TABLE x USING artifacts")
    except sqlite3.OperationalError as e:
        assert "artifacts" in str(e), e
    else:
        raise AssertionError("CREATE VIRTUAL TABLE succeeded")


def test_errors_reach_python():
    conn = connect()
    conn.executescript(open(os.path.join(ROOT, "sql", "schema.sql")).read())
    try:
        conn.execute("""SELECT * FROM artifacts('{"artifacts": {"key": {"like_": 42}}}')""").fetchall()
    except sqlite3.OperationalError as e:
        assert str(e) == "prefect: artifacts.key.like_: expected a string, got 42", str(e)
    else:
        raise AssertionError("no error")


def test_read_only_file_is_untouched(tmp):
    path = os.path.join(tmp, "ro.db")
    make_fixture_db(path)
    digest = file_digest(path)
    os.chmod(path, 0o444)
    conn = connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute("""SELECT substr(id, -2) FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}')
                           ORDER BY id DESC""").fetchall()
    assert rows == [("11",), ("09",), ("03",)], rows
    conn.close()
    assert file_digest(path) == digest
    assert sorted(os.listdir(tmp)) == ["ro.db"], os.listdir(tmp)


def test_read_only_file_without_prefect_tables(tmp):
    # loading looks at no schema: it works on any file, and the first query
    # says what is missing instead of SQLite's bare "no such table"
    path = os.path.join(tmp, "other.db")
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (body TEXT)")
    other.close()
    digest = file_digest(path)
    os.chmod(path, 0o444)
    conn = connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM flows").fetchall()
    except sqlite3.OperationalError as e:
        assert str(e) == ('prefect: this database has no table "flow", nor any other of Prefect\'s tables: '
                          'is it a Prefect database? (this one needs Prefect 2.0.0 or newer)'), str(e)
    else:
        raise AssertionError("no error")
    conn.close()
    assert file_digest(path) == digest
    assert sorted(os.listdir(tmp)) == ["other.db"], os.listdir(tmp)


def test_wal_snapshot_while_writing(tmp):
    path = os.path.join(tmp, "live.db")
    make_fixture_db(path, wal=True)
    reader = connect(path)
    writer = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 11
    writer.execute("""INSERT INTO artifact (id, "key", type, data, metadata_) VALUES
                      ('a0000000-0000-4000-8000-000000000012', 'new', 'markdown', '"n"', 'null')""")
    # the open read transaction keeps its snapshot
    assert reader.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 11
    reader.execute("COMMIT")
    assert reader.execute("""SELECT count(*) FROM artifacts('{"artifacts": {"key": {"any_": ["new"]}}}')""").fetchone()[0] == 1
    # a read-only connection to a WAL file works too
    ro = connect(f"file:{path}?mode=ro", uri=True)
    assert ro.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 12
    schema_before = writer.execute("PRAGMA schema_version").fetchone()[0]
    connect(path).close()
    assert writer.execute("PRAGMA schema_version").fetchone()[0] == schema_before


def test_interrupt_stops_cleanly(tmp):
    import threading
    path = os.path.join(tmp, "i.db")
    make_fixture_db(path)
    conn = connect(path)
    body = '{"flow_runs": {"state": {"type": {"any_": ["FAILED", "COMPLETED"]}}}}'
    # a progress handler that says stop, inside the inner statement
    conn.set_progress_handler(lambda: 1, 50)
    try:
        conn.execute("SELECT count(*) FROM artifacts(?)", (body,)).fetchall()
    except sqlite3.OperationalError as e:
        assert "interrupt" in str(e), e
    else:
        raise AssertionError("not interrupted")
    conn.set_progress_handler(None, 0)
    assert conn.execute("SELECT count(*) FROM artifacts(?)", (body,)).fetchone()[0] == 5
    # sqlite3_interrupt from another thread during a long query
    timer = threading.Timer(0.2, conn.interrupt)
    timer.start()
    try:
        conn.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 100000000) "
                     "SELECT count(*) FROM g, artifacts(?) AS a", (body,)).fetchall()
    except sqlite3.OperationalError as e:
        assert "interrupt" in str(e), e
    else:
        raise AssertionError("not interrupted")
    timer.join()
    assert conn.execute("SELECT count(*) FROM artifacts(?)", (body,)).fetchone()[0] == 5
    conn.close()


if __name__ == "__main__":
    sys.exit(main("python", globals(), needs_demo=False))
