"""Copy the rows of a Prefect SQLite database into the PostgreSQL database
psql reaches (PGHOST, PGDATABASE, ...), so that one data set can be asked
the same questions on both.

    /usr/bin/python3 tests/pg/load_sqlite.py dist/demo.db

Every table the two schemas share gets the columns they share, each value
written as PostgreSQL reads its column's type: SQLite's stored UTC text
'YYYY-MM-DD HH:MM:SS.ffffff' as a timestamptz in UTC, an interval stored
as the epoch plus the interval as that many microseconds, 0/1 as booleans,
JSON text as jsonb, uuid and enum values as their text. A column only
PostgreSQL has takes its default. Foreign keys are not checked while
loading (session_replication_role = replica): the SQLite files hold rows
whose parents are elsewhere, as Prefect's do. The tables are emptied first
(with CASCADE: and the tables that reference them).
"""
import datetime
import sqlite3
import subprocess
import sys

EPOCH = datetime.datetime(1970, 1, 1)


def psql(sql, stdin=None):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         input=stdin, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"load_sqlite.py: psql failed: {out.stderr.strip()}")
    return out.stdout


def pg_columns():
    """{table: {column: type}} of the public schema."""
    tables = {}
    rows = psql("SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")
    for line in rows.splitlines():
        table, column, kind = line.split("|")
        tables.setdefault(table, {})[column] = kind
    return tables


def stored_time(text):
    """SQLite's stored text -> a datetime (UTC)."""
    text = str(text)
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            pass
    raise SystemExit(f"load_sqlite.py: not a stored timestamp: {text!r}")


def pg_text(value, kind):
    """One value as COPY's text format writes it, for a column of type kind."""
    if value is None:
        return "\\N"
    if kind == "boolean":
        text = "t" if value not in (0, "0", "false", False) else "f"
    elif kind == "timestamp with time zone":
        text = stored_time(value).strftime("%Y-%m-%d %H:%M:%S.%f") + "+00"
    elif kind == "interval":
        # Prefect stores an interval as the epoch plus the interval; the
        # integer 0 of an unwritten default is none
        if isinstance(value, (int, float)):
            micros = int(value * 1_000_000)
        else:
            delta = stored_time(value) - EPOCH
            micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
        text = f"{micros} microseconds"
    elif isinstance(value, bytes):
        text = value.decode("utf-8")
    else:
        text = str(value)
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: load_sqlite.py SQLITE_DB")
    db = sqlite3.connect(sys.argv[1])
    pg = pg_columns()
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if name in pg and name != "alembic_version"]
    # streamed into one psql session: a bench database does not fit in memory as text
    psql_in = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    out = psql_in.stdin
    try:
        out.write("SET session_replication_role = replica;\nSET TimeZone = 'UTC';\n")
        out.write("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE;\n")
        for table in tables:
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[1] in pg[table]]
            names = ", ".join(f'"{c}"' for c in columns)
            kinds = [pg[table][c] for c in columns]
            out.write(f'COPY "{table}" ({names}) FROM STDIN;\n')
            for row in db.execute(f'SELECT {names} FROM "{table}"'):
                out.write("\t".join(pg_text(v, k) for v, k in zip(row, kinds)) + "\n")
            out.write("\\.\n")
        out.write("ANALYZE;\n")
        out.close()
    except BrokenPipeError:
        pass  # psql stopped at an error: its message follows
    if psql_in.wait() != 0:
        raise SystemExit(f"load_sqlite.py: loading {sys.argv[1]} failed: {psql_in.stderr.read().strip()}")


if __name__ == "__main__":
    main()
