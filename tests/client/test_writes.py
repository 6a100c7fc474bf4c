#!/usr/bin/python3
"""Writes through `artifacts` as a client sees them, with other connections
and other processes on the same file (Debian's /usr/bin/python3: the python3
first on PATH here cannot load extensions).

Read-only connections refuse writes with SQLite's read-only error; a writer
blocked by another connection gets SQLITE_BUSY (never a silent no-op); writes
by the extension and direct writes by Prefect-like connections interleave
and leave artifact_collection as Prefect would; a reader in WAL mode keeps
its snapshot while another process writes through the extension."""
import json
import os
import random
import struct
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import ROOT, main  # noqa: E402

LIB = os.path.join(ROOT, os.environ.get("PREFECT_LIB", "dist/prefect"))
SCHEMA = os.path.join(ROOT, "sql", "schema.sql")


def connect(path, uri=False, timeout=5.0):
    conn = sqlite3.connect(path, uri=uri, isolation_level=None, timeout=timeout)
    conn.enable_load_extension(True)
    conn.load_extension(LIB)
    conn.enable_load_extension(False)
    return conn


def make_db(path, wal=False):
    conn = sqlite3.connect(path, isolation_level=None)
    with open(SCHEMA) as f:
        conn.executescript(f.read())
    if wal:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    conn.close()


def tables(conn):
    """Both tables, every value, for "nothing changed" checks."""
    return (conn.execute("SELECT rowid, * FROM artifact ORDER BY rowid").fetchall(),
            conn.execute("SELECT rowid, * FROM artifact_collection ORDER BY rowid").fetchall())


def prefect_create(conn, artifact_id, key, data, created):
    """What Prefect's create_artifact does, in plain SQL:
    the collection upsert, then the artifact, one transaction."""
    conn.execute("BEGIN")
    conn.execute("""INSERT INTO artifact_collection (id, created, updated, "key", latest_id, data, metadata_)
                    VALUES (lower(hex(randomblob(16))), ?1, ?1, ?2, ?3, ?4, 'null')
                    ON CONFLICT ("key") DO UPDATE SET latest_id = excluded.latest_id,
                      updated = excluded.updated, data = excluded.data, type = excluded.type,
                      description = excluded.description, metadata_ = excluded.metadata_,
                      flow_run_id = excluded.flow_run_id, task_run_id = excluded.task_run_id""",
                 (created, key, artifact_id, data))
    conn.execute("""INSERT INTO artifact (id, created, updated, "key", data, metadata_)
                    VALUES (?1, ?2, ?2, ?3, ?4, 'null')""", (artifact_id, created, key, data))
    conn.execute("COMMIT")


def test_read_only_connection_refuses_writes(tmp):
    path = os.path.join(tmp, "ro.db")
    make_db(path)
    rw = connect(path)
    rw.execute("INSERT INTO artifacts (key, data) VALUES ('k', '1')")
    before = tables(rw)
    rw.close()
    ro = connect(f"file:{path}?mode=ro", uri=True)
    assert ro.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 1
    for sql in ("INSERT INTO artifacts (key, data) VALUES ('k', '2')",
                "UPDATE artifacts SET description = 'x'",
                "DELETE FROM artifacts"):
        try:
            ro.execute(sql)
        except sqlite3.OperationalError as e:
            assert e.sqlite_errorcode == sqlite3.SQLITE_READONLY, (sql, e.sqlite_errorname, e)
            assert "readonly database" in str(e), (sql, e)
        else:
            raise AssertionError(f"{sql}: written on a read-only connection")
    assert tables(ro) == before
    ro.close()


def test_busy_is_returned_not_swallowed(tmp):
    for wal in (False, True):
        path = os.path.join(tmp, f"busy-{wal}.db")
        make_db(path, wal=wal)
        other = sqlite3.connect(path, isolation_level=None)
        ours = connect(path, timeout=0)
        ours.execute("INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000001', 'k', '1')")
        before = tables(ours)
        other.execute("BEGIN IMMEDIATE")  # Prefect's write transactions hold this lock
        for sql in ("INSERT INTO artifacts (key, data) VALUES ('k', '2')",
                    "UPDATE artifacts SET description = 'x'",
                    "DELETE FROM artifacts"):
            try:
                ours.execute(sql)
            except sqlite3.OperationalError as e:
                assert e.sqlite_errorcode == sqlite3.SQLITE_BUSY, (wal, sql, e.sqlite_errorname, e)
            else:
                raise AssertionError(f"{sql}: no SQLITE_BUSY while another connection writes (wal={wal})")
        other.execute("COMMIT")
        assert tables(ours) == before
        # the lock gone, the same statement works
        ours.execute("UPDATE artifacts SET description = 'x'")
        assert ours.execute("SELECT description FROM artifact_collection").fetchone()[0] == "x"
        ours.close()
        other.close()


def test_interleaved_with_direct_writes(tmp):
    path = os.path.join(tmp, "mix.db")
    make_db(path, wal=True)
    ours = connect(path)
    prefect = sqlite3.connect(path, isolation_level=None)
    ours.execute("INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000001', 'k', '1')")
    # Prefect writes a newer version of the key directly
    prefect_create(prefect, "a0000000-0000-4000-8000-000000000002", "k", "2", "2999-01-01 00:00:00.000000")
    assert ours.execute("SELECT substr(latest_id, -2) FROM artifact_collection").fetchone()[0] == "02"
    assert ours.execute("""SELECT group_concat(substr(id, -2)) FROM artifacts('{"sort": "CREATED_DESC"}')""").fetchone()[0] == "02,01"
    # we add a third; Prefect's reader sees it as the latest
    ours.execute("INSERT INTO artifacts (id, key, data) VALUES ('a0000000-0000-4000-8000-000000000003', 'k', '3')")
    assert prefect.execute("SELECT substr(latest_id, -2), data FROM artifact_collection").fetchone() == ("03", 3)
    # deleting ours moves the collection to the newest other by created: Prefect's
    ours.execute("DELETE FROM artifacts WHERE id = 'a0000000-0000-4000-8000-000000000003'")
    assert prefect.execute("SELECT substr(latest_id, -2), created, updated FROM artifact_collection").fetchone() == \
        ("02", "2999-01-01 00:00:00.000000", "2999-01-01 00:00:00.000000")
    # Prefect deletes its own directly; our UPDATE of the remaining one mirrors onto nothing stale
    prefect.execute("DELETE FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000002'")
    ours.execute("UPDATE artifacts SET description = 'mine' WHERE id = 'a0000000-0000-4000-8000-000000000001'")
    assert ours.execute("SELECT description FROM artifact").fetchone()[0] == "mine"
    assert ours.execute("SELECT substr(latest_id, -2), description FROM artifact_collection").fetchone() == ("02", None)


def test_second_process_writes_while_we_read(tmp):
    path = os.path.join(tmp, "live.db")
    make_db(path, wal=True)
    ours = connect(path)
    ours.execute("BEGIN")
    ours.executemany("INSERT INTO artifacts (key, data) VALUES (?, ?)", [(f"k{i % 5}", str(i)) for i in range(50)])
    ours.execute("COMMIT")
    cursor = ours.execute("SELECT id, key FROM artifacts ORDER BY created")
    first = cursor.fetchmany(10)
    # another process writes through the extension while our statement is open
    script = (f".load {LIB}\n"
              "INSERT INTO artifacts (key, data) VALUES ('k0', '100'), ('new', '101');\n"
              "DELETE FROM artifacts WHERE key = 'k1';\n"
              "SELECT count(*) FROM artifact_collection;\n")
    out = subprocess.run(["sqlite3", "-bail", path], input=script, text=True, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "5", out.stdout  # k0 k2 k3 k4 new
    # our statement finishes on its snapshot
    rest = cursor.fetchall()
    assert len(first) + len(rest) == 50, len(first) + len(rest)
    # and the next one sees the other process's writes
    assert ours.execute("SELECT count(*) FROM artifacts").fetchone()[0] == 50 - 10 + 2
    assert ours.execute("""SELECT data FROM artifact_collections('{"artifacts": {"key": {"any_": ["k0"]}}}')""").fetchone()[0] == 100


def test_errors_and_codes(tmp):
    path = os.path.join(tmp, "e.db")
    make_db(path)
    conn = connect(path)
    conn.execute("INSERT INTO artifacts (id, key) VALUES ('a0000000-0000-4000-8000-000000000001', 'k')")
    try:
        conn.execute("INSERT INTO artifacts (id) VALUES ('A0000000-0000-4000-8000-000000000001')")
    except sqlite3.IntegrityError as e:
        assert "already exists" in str(e), e
    else:
        raise AssertionError("duplicate id accepted")
    try:
        conn.execute("INSERT INTO artifacts (key) VALUES (?)", ("Not Valid",))
    except sqlite3.OperationalError as e:
        assert str(e).startswith("prefect: artifacts.key: Artifact key must only contain"), e
    else:
        raise AssertionError("bad key accepted")
    # Python values in: str is JSON text, numbers are numbers, None is null
    conn.execute("INSERT INTO artifacts (id, data, metadata_) VALUES (?, ?, ?)",
                 ("a0000000-0000-4000-8000-000000000002", '{"rows": [1, 2.0]}', '{"by": "python"}'))
    conn.execute("INSERT INTO artifacts (id, data) VALUES (?, ?)", ("a0000000-0000-4000-8000-000000000003", 0.5))
    assert conn.execute("SELECT data, metadata_ FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000002'").fetchone() == \
        ('{"rows": [1, 2.0]}', '{"by": "python"}')
    assert conn.execute("SELECT data FROM artifact WHERE id = 'a0000000-0000-4000-8000-000000000003'").fetchone()[0] == 0.5
    # the id of a new row, two ways
    new_id = conn.execute("INSERT INTO artifacts (id, key) VALUES (prefect_uuid4(), 'k') RETURNING id").fetchone()[0]
    assert conn.execute("SELECT latest_id FROM artifact_collection").fetchone()[0] == new_id
    conn.execute("INSERT INTO artifacts (key) VALUES ('k')")
    rowid_id = conn.execute("SELECT id FROM artifacts WHERE rowid = last_insert_rowid()").fetchone()[0]
    assert conn.execute("SELECT latest_id FROM artifact_collection").fetchone()[0] == rowid_id


def test_stored_json_is_python_json_dumps(tmp):
    """Prefect stores json.dumps(value): this Python's json module is the
    reference for floats (every power of two, random doubles), strings and
    dict order."""
    path = os.path.join(tmp, "json.db")
    make_db(path)
    conn = connect(path)
    rnd = random.Random(7)
    values = [2.0 ** e for e in range(-1074, 1024)]
    while len(values) < 8000:
        x = struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
        if x == x and abs(x) != float("inf"):
            values.append(x)
    strings = ["".join(chr(rnd.choice([rnd.randrange(0x20, 0x7f), rnd.randrange(0, 0x20), 0x7f,
                                       rnd.randrange(0xa0, 0xd800), rnd.randrange(0xe000, 0x110000)]))
                       for _ in range(rnd.randrange(0, 12))) for _ in range(500)]
    docs = [[x] for x in values] + [{s: [s, len(s)], "k": s} for s in strings]
    conn.execute("BEGIN")
    for doc in docs:
        text = json.dumps(doc, ensure_ascii=False) if isinstance(doc, dict) else "[" + repr(doc[0]) + "]"
        conn.execute("INSERT INTO artifacts (data) VALUES (?)", (text,))
        stored = conn.execute("SELECT data FROM artifact WHERE rowid = last_insert_rowid()").fetchone()[0]
        assert stored == json.dumps(json.loads(text)), (text, stored, json.dumps(json.loads(text)))
    conn.execute("ROLLBACK")


if __name__ == "__main__":
    sys.exit(main("python writes", globals(), needs_demo=False))
