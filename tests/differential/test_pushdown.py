"""Differential test of the SQL around the tables (run by /usr/bin/python3).

A table such as `artifacts` must never answer differently from the same SQL on
Prefect's own table (`artifact`), whatever the WHERE, ORDER BY, LIMIT and
OFFSET around it: xBestIndex pushes those into the inner statement, and a rule
pushed wrongly (a collation dropped, a value compared with another affinity, a
LIMIT counted before a filter) gives a wrong answer with no error.

Everything here is generated from the extension's own descriptions, so a new
collection or column is covered without editing this file:
- the collections are the modules for which prefect_filter_sql() answers;
- each one's columns, and the expression over Prefect's table behind each,
  are read from its statement (prefect_filter_sql(name, '{}')): the oracle is
  a view over Prefect's table with those expressions, under the table's names.

The database is made here: Prefect's schema (sql/schema.sql), then rows whose
every column holds values of every kind (integers, reals, +-infinity, text
differing in case and trailing spaces, blobs, NULL), so that each comparison
meets each kind. For each collection, column, operator SQLite hands a virtual
table (=, !=, <, <=, >, >=, IS, IS NOT, IN, LIKE, GLOB, IS NULL, IS NOT NULL),
collation (none, BINARY, NOCASE, RTRIM) and value, and for three kinds of
right-hand side (a literal, a bound parameter, a column of each affinity of
another table joined in), the ids the virtual table returns must equal the
ids the view returns; ORDER BY every column under each collation and
direction with LIMIT/OFFSET must give the same sequence. The queries a table
answers by counting rather than by rows (count(*), EXISTS, GROUP BY and
DISTINCT over their own columns; see Hand in vtab_collection.c) are checked
under the same WHEREs, with the rowid asked for too (the table then catches
up with its rows).

  /usr/bin/python3 tests/differential/test_pushdown.py [--lib dist/prefect] [--sample N]

--sample N runs every Nth query only (the sanitizer runs use it). Prints
"pushdown: N passed, N failed"; exits 1 on any difference, listing the first.
"""
import argparse
import itertools
import os
import re
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

INF = float("inf")
# Values of every kind each column gets, and each comparison is made with.
VALUES = [
    None, 0, 1, -7, 2.5, 1e300, INF, -INF,
    "abc", "ABC", "abc ", "Abc  ", "abd", "", " abc", "1", "2.5", "01",
    "2026-01-02 03:04:05.000000", "2026-01-02 03:04:05.000000 ",
    b"abc", b"", b"\x00\x01",
    "a\x00b", "\u00e9t\u00e9", '["a"]',
]
COLLATIONS = [None, "BINARY", "NOCASE", "RTRIM"]
COMPARISONS = ["=", "!=", "<", "<=", ">", ">=", "IS", "IS NOT"]
IN_LISTS = [
    [1, "1"], ["abc", "ABC ", None], [b"abc", "abc"], [INF, -INF, 2.5], ["a\x00b", "x"],
    ["2026-01-02 03:04:05.000000", 0], [], [None],
]
PATTERNS = ["abc", "ABC", "a%", "%c", "_bc", "%", "1", "a*", "[aA]*", "*c ", "2026-*"]
# Tables of one row whose column has each affinity: a right-hand side that
# is a column carries its affinity into the comparison, a literal does not.
RHS_AFFINITIES = {"t": "TEXT", "i": "INTEGER", "r": "REAL", "n": "NUMERIC", "b": ""}


def literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        raise TypeError(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "9e999" if v == INF else "-9e999" if v == -INF else repr(v)
    if isinstance(v, bytes):
        return "X'" + v.hex() + "'"
    if "\x00" in v:  # no literal holds a NUL: an expression, char(0) between the parts
        return "(" + " || char(0) || ".join(literal(part) for part in v.split("\x00")) + ")"
    return "'" + v.replace("'", "''") + "'"


def collections(conn):
    """(name, [(column, expression)], from-clause) for every collection."""
    found = []
    for (name,) in conn.execute("SELECT name FROM pragma_module_list ORDER BY name"):
        try:
            (sql,) = conn.execute("SELECT prefect_filter_sql(?, '{}')", [name]).fetchone()
        except sqlite3.Error:
            continue
        m = re.match(r"SELECT (.*), (\w+)\.rowid AS prefect_rowid FROM (\w+ AS \w+)(?: ORDER BY .*)?$", sql, re.S)
        assert m, f"unexpected statement for {name}: {sql}"
        exprs = [e.strip() for e in m.group(1).split(", ")]
        names = [r[1] for r in conn.execute(f"SELECT * FROM pragma_table_info('{name}')")]
        assert len(names) == len(exprs), (name, names, exprs)
        found.append((name, list(zip(names, exprs)), m.group(3)))
    assert len(found) >= 6, f"only {len(found)} collections found"
    return found


def fill(conn, table):
    """Rows of Prefect's table whose columns hold every kind of value."""
    info = list(conn.execute(f"SELECT name, \"notnull\", pk FROM pragma_table_info('{table}')"))
    cols = [r[0] for r in info]
    for row in range(len(VALUES) + 8):
        values = []
        for c, (name, notnull, _) in enumerate(info):
            if name == "id":
                v = f"{row:08x}-0000-4000-8000-{c:012x}" if row % 5 else f"{row:08X}-0000-4000-8000-{c:012x} "
            else:
                v = VALUES[(row * 7 + c * 3) % len(VALUES)]
                if v is None and notnull:
                    v = "abc"
            values.append(v)
        if row >= len(VALUES) + 6:
            # row 10's id again, in lower case, then without its trailing
            # space: equal to it under NOCASE, RTRIM: "unique" ids are not
            twin = f"{10:08x}-0000-4000-8000-{cols.index('id'):012x} "
            values[cols.index("id")] = twin if row == len(VALUES) + 6 else twin.upper().rstrip()
        marks = ", ".join("?" for _ in cols)
        names = ", ".join(f'"{c}"' for c in cols)
        try:
            conn.execute(f"INSERT INTO main.\"{table}\" ({names}) VALUES ({marks})", values)
        except sqlite3.IntegrityError:
            # a value taken in a UNIQUE column: that column gets a text of its own
            for c in unique_columns(conn, table):
                values[cols.index(c)] = f"{row}-{values[cols.index(c)]!r}"
            conn.execute(f"INSERT INTO main.\"{table}\" ({names}) VALUES ({marks})", values)


def unique_columns(conn, table):
    return {col for (index, unique) in conn.execute(f"SELECT name, \"unique\" FROM pragma_index_list('{table}')")
            if unique for (col,) in conn.execute(f"SELECT name FROM pragma_index_info('{index}')")} - {"id"}


class Check:
    def __init__(self, conn, sample):
        self.conn = conn
        self.sample = sample
        self.n = 0
        self.passed = 0
        self.failed = []

    def same(self, vtab_sql, base_sql, params=(), ordered=False):
        self.n += 1
        if self.sample > 1 and self.n % self.sample:
            return
        try:
            got = self.conn.execute(vtab_sql, params).fetchall()
        except sqlite3.Error as e:
            got = ("error", str(e))
        try:
            want = self.conn.execute(base_sql, params).fetchall()
        except sqlite3.Error as e:
            want = ("error", str(e))
        if not ordered and isinstance(got, list) and isinstance(want, list):
            got, want = sorted(got, key=repr), sorted(want, key=repr)
        if got == want:
            self.passed += 1
        else:
            self.failed.append((vtab_sql, params, got, want))


def run(lib, sample):
    conn = sqlite3.connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(lib)
    conn.enable_load_extension(False)
    with open(os.path.join(ROOT, "sql", "schema.sql")) as f:
        conn.executescript(f.read())
    colls = collections(conn)
    for _, _, from_clause in colls:
        fill(conn, from_clause.split()[0])
    for key, aff in RHS_AFFINITIES.items():
        conn.execute(f"CREATE TEMP TABLE rhs_{key}(k INTEGER PRIMARY KEY, v {aff})")
        conn.executemany(f"INSERT INTO rhs_{key} VALUES (?, ?)", enumerate(VALUES))
    check = Check(conn, sample)
    for name, columns, from_clause in colls:
        base = f"base_{name}"
        alias = from_clause.split()[-1]
        select = ", ".join(f'{expr} AS "{col}"' for col, expr in columns)
        conn.execute(f"CREATE TEMP VIEW {base} AS SELECT {select}, {alias}.rowid AS prefect_rowid "
                     f"FROM main.{from_clause}")
        for col, _ in columns:
            c = f'"{col}"'
            for op, coll in itertools.product(COMPARISONS, COLLATIONS):
                tail = f" COLLATE {coll}" if coll else ""
                for v in VALUES:
                    where = f"{c} {op} {literal(v)}{tail}"
                    check.same(f"SELECT id FROM {name} WHERE {where}", f"SELECT id FROM {base} WHERE {where}")
                    where = f"{c} {op} ?{tail}"
                    check.same(f"SELECT id FROM {name} WHERE {where}", f"SELECT id FROM {base} WHERE {where}", [v])
                for key in RHS_AFFINITIES:
                    q = "SELECT r.k, x.id FROM rhs_{k} AS r, {t} AS x WHERE x.{c} {op} r.v{tail}"
                    check.same(q.format(k=key, t=name, c=c, op=op, tail=tail),
                               q.format(k=key, t=base, c=c, op=op, tail=tail))
                if op in ("=", "IS"):
                    # the column held to one value: counted (see Hand), a correlated count too (not
                    # max(): with a comparison's affinity SQLite's own min/max shortcut on Prefect's
                    # index answers '01' as the max of '01' and '1')
                    for v in VALUES:
                        where = f"{c} {op} {literal(v)}{tail}"
                        check.same(f"SELECT count(*), count({c}) FROM {name} WHERE {where}",
                                   f"SELECT count(*), count({c}) FROM {base} WHERE {where}")
                    for key in RHS_AFFINITIES:
                        q = ("SELECT r.k, (SELECT count(*) FROM {t} AS x WHERE x.{c} {op} r.v{tail}), "
                             "(SELECT total(length(x.{c})) FROM {t} AS x WHERE x.{c} {op} r.v{tail}) FROM rhs_{k} AS r")
                        check.same(q.format(k=key, t=name, c=c, op=op, tail=tail),
                                   q.format(k=key, t=base, c=c, op=op, tail=tail))
            for coll in COLLATIONS:
                tail = f" COLLATE {coll}" if coll else ""
                for values in IN_LISTS:
                    where = f"{c}{tail} IN ({', '.join(literal(v) for v in values)})"
                    check.same(f"SELECT id FROM {name} WHERE {where}", f"SELECT id FROM {base} WHERE {where}")
                for key in RHS_AFFINITIES:
                    where = f"{c}{tail} IN (SELECT v FROM rhs_{key})"
                    check.same(f"SELECT id FROM {name} WHERE {where}", f"SELECT id FROM {base} WHERE {where}")
            for op, pattern in itertools.product(["LIKE", "GLOB"], PATTERNS):
                where = f"{c} {op} {literal(pattern)}"
                check.same(f"SELECT id FROM {name} WHERE {where}", f"SELECT id FROM {base} WHERE {where}")
            for op in ["IS NULL", "IS NOT NULL"]:
                check.same(f"SELECT id FROM {name} WHERE {c} {op}", f"SELECT id FROM {base} WHERE {c} {op}")
            # ORDER BY, with id to break ties, LIMIT/OFFSET, with and without a WHERE
            for coll, desc in itertools.product(COLLATIONS, ["", " DESC"]):
                tail = f" COLLATE {coll}" if coll else ""
                # the WHEREs: none, exact ones, and ones SQLite re-checks (some left to it alone)
                wheres = ["", f" WHERE {c} > 'a'", f" WHERE {c} IS NOT NULL", f" WHERE {c} != 'abc'",
                          f" WHERE {c} = 1", f" WHERE {c} IN ('abc', 1, X'616263')"]
                for where, limit in itertools.product(wheres,
                                                      ["", " LIMIT 5", " LIMIT 4 OFFSET 3", " LIMIT -1 OFFSET 2"]):
                    q = f"SELECT id, {c} FROM {{t}}{where} ORDER BY {c}{tail}{desc}, id{limit}"
                    check.same(q.format(t=name), q.format(t=base), ordered=True)
            counted(check, name, base, c)
        # a unique column is unique under BINARY only: ids equal under NOCASE/RTRIM
        twin = f"{10:08X}-0000-4000-8000-{0:012x} "
        for coll in COLLATIONS:
            tail = f" COLLATE {coll}" if coll else ""
            for q in [f"SELECT id FROM {{t}} WHERE id = ?{tail}", f"SELECT DISTINCT id FROM {{t}} WHERE id = ?{tail}",
                      f"SELECT count(*) FROM {{t}} WHERE id = ?{tail}",
                      f"SELECT x.id, y.id FROM {{t}} AS x JOIN {{t}} AS y ON y.id = x.id{tail} WHERE x.id = ?"]:
                check.same(q.format(t=name), q.format(t=base), [twin])
        # LIMIT/OFFSET alone (no ORDER BY, so only the counts are determined)
        for limit in [" LIMIT 0", " LIMIT 3", " LIMIT 3 OFFSET 30", " LIMIT 2 OFFSET -1"]:
            check.same(f"SELECT count(*) FROM (SELECT id FROM {name}{limit})",
                       f"SELECT count(*) FROM (SELECT id FROM {base}{limit})")
            check.same(f"SELECT count(*) FROM (SELECT 1 FROM {name}{limit})",
                       f"SELECT count(*) FROM (SELECT 1 FROM {base}{limit})")
        # no column read at all: counted, and caught up with for a rowid
        for q in ["SELECT count(*) FROM {t}", "SELECT EXISTS (SELECT 1 FROM {t})", "SELECT total({rid}) FROM {t}",
                  "SELECT count(*), total({rid}) FROM {t}", "SELECT count(*) FROM {t} AS x, {t} AS y",
                  "SELECT (SELECT count(*) FROM {t}) - (SELECT count(*) FROM {t} WHERE id IS NOT NULL)",
                  "SELECT count(*) FROM (SELECT 1 FROM {t} UNION ALL SELECT 1 FROM {t})"]:
            check.same(q.format(t=name, rid="rowid"), q.format(t=base, rid="prefect_rowid"))
    return check


def counted(check, name, base, c):
    """GROUP BY and DISTINCT over column c alone, which the table answers
    from counts, and with a rowid or another column beside, which it does not
    (or catches up for)."""
    wheres = ["", f" WHERE {c} > 'a'", f" WHERE {c} IS NOT NULL", f" WHERE {c} = 1", f" WHERE {c} != 'abc'",
              f" WHERE {c} IN ('abc', 1, X'616263')", f" WHERE {c} LIKE 'a%'", f" WHERE {c} = 'abc' COLLATE NOCASE"]
    for where in wheres:
        for q, ordered in [
                (f"SELECT {c}, count(*) FROM {{t}}{where} GROUP BY {c}", False),
                (f"SELECT {c}, count(*), count({c}), max({c}) FROM {{t}}{where} GROUP BY 1 HAVING count(*) > 0", False),
                (f"SELECT count(*) FROM {{t}}{where} GROUP BY {c} COLLATE NOCASE", False),
                (f"SELECT {c}, count(*), total({{rid}}) FROM {{t}}{where} GROUP BY {c}", False),
                (f"SELECT {c}, count(*) FROM {{t}}{where} GROUP BY {c} ORDER BY {c} DESC", True),
                (f"SELECT DISTINCT {c} FROM {{t}}{where}", False),
                (f"SELECT DISTINCT {c} FROM {{t}}{where} ORDER BY {c}", True),
                (f"SELECT DISTINCT {c} FROM {{t}}{where} ORDER BY {c} DESC", True),
                (f"SELECT DISTINCT {c}, {{rid}} FROM {{t}}{where}", False),
                (f"SELECT count(DISTINCT {c}) FROM {{t}}{where}", False),
                (f"SELECT {c} FROM {{t}}{where} GROUP BY {c} LIMIT 2 OFFSET 1", False),
                (f"SELECT {c}, {{rid}} FROM {{t}}{where} ORDER BY {c}, {{rid}}", True),
                (f"SELECT {c} FROM {{t}}{where} LIMIT 3", False)]:
            if "LIMIT" in q:
                # which groups a LIMIT keeps follows their order: count them only
                q = f"SELECT count(*) FROM ({q})"
            check.same(q.format(t=name, rid="rowid"), q.format(t=base, rid="prefect_rowid"), ordered=ordered)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", default=os.environ.get("PREFECT_LIB", os.path.join(ROOT, "dist", "prefect")))
    parser.add_argument("--sample", type=int, default=1)
    args = parser.parse_args()
    check = run(args.lib, args.sample)
    for sql, params, got, want in check.failed[:int(os.environ.get("PUSHDOWN_SHOW", "10"))]:
        if isinstance(got, list) and isinstance(want, list):
            only_table = [r for r in got if r not in want]
            only_base = [r for r in want if r not in got]
            detail = f"only from the table: {only_table[:5]!r}; only from the base: {only_base[:5]!r}"
            if not only_table and not only_base:
                detail = f"same rows, other order: {got[:6]!r} against {want[:6]!r}"
        else:
            detail = f"table: {got!r}; base: {want!r}"
        print(f"FAIL {sql} {params!r}\n  {detail}")
    print(f"pushdown: {check.passed} passed, {len(check.failed)} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
