"""What the PostgreSQL tests share: the SQLite extension that writes the
statements, and one psql session that runs many of them.

Statements run as the PostgreSQL side would run them: prepared, each
parameter of the type its placeholder casts it to, and executed with the
values prefect_filter_params() gives, never spliced into the text.
"""
import json
import os
import sqlite3
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIELD, RECORD = "\x1f", "\0"  # a record ends with a NUL byte (psql -0), which text cannot hold
NULL = "\x1d"  # how psql prints SQL NULL (-P null=...), apart from 


def sqlite_connection(path=":memory:"):
    db = sqlite3.connect(path)
    db.enable_load_extension(True)
    db.load_extension(os.path.join(ROOT, "dist", "prefect"))
    return db


def pg_statement(db, table, body):
    """(sql, params) of a body on PostgreSQL, or (None, error message)."""
    try:
        sql = db.execute("SELECT prefect_filter_sql(?, ?, 'postgresql')", (table, body)).fetchone()[0]
        params = json.loads(db.execute("SELECT prefect_filter_params(?, ?, 'postgresql')",
                                       (table, body)).fetchone()[0])
    except sqlite3.Error as e:
        return None, str(e)
    return sql, params


def literal(value):
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def prepared(name, sql, params):
    """PREPARE and EXECUTE of one statement. Its parameters' types are
    those the placeholders cast them to, as PostgreSQL infers them; each
    value is read by its type's input function once, as the extension
    binds it."""
    args = "(" + ", ".join(literal(p) for p in params) + ")" if params else ""
    return f"PREPARE {name} AS {sql};\nEXECUTE {name}{args};\nDEALLOCATE {name};\n"


def run_marked(parts):
    """Run [(label, sql), ...] in one psql session; {label: [row, ...]},
    each row a tuple of text fields. The SQL of a part may be several
    statements; the rows are those of all of them."""
    script = ["SET TimeZone = 'UTC';"]
    for label, sql in parts:
        script.append(f"SELECT {literal('@@' + label)};")
        script.append(sql.rstrip().rstrip(";") + ";" if not sql.rstrip().endswith(";") else sql)
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", FIELD, "-0", "-P", "null=" + NULL, "-v", "ON_ERROR_STOP=1",
                          "-f", "-"], input="\n".join(script) + "\n", capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"psql failed: {out.stderr.strip()}")
    result, label = {}, None
    for record in out.stdout.split(RECORD):
        if not record:
            continue
        if record.startswith("@@"):
            label = record[2:]
            result[label] = []
        elif label is not None:
            result[label].append(tuple(record.split(FIELD)))
    return result
