"""The demo data on both back ends, body by body.

    tests/pg/with_server.sh sh -c 'load_sqlite.py dist/demo.db && test_demo.py dist/demo.db'
    ... test_demo.py --extension dist/demo.db    (through CREATE EXTENSION prefect's functions)

Each body is answered by the SQLite extension over dist/demo.db and by the
statement it writes for PostgreSQL over the same rows loaded there. The
answers may differ by two rules only, the ones Prefect's own statements
follow on each database:

  1. NULLs: SQLite sorts them first in ascending order, PostgreSQL last
     (and the other way round in descending order);
  2. text sorts by the database's collation, where SQLite compares bytes.
     The suite's cluster is C.UTF-8 (code point order, which is UTF-8 byte
     order), so this rule never applies here.

A body without sort, limit or offset promises a set: the two sets must be
equal. A body with a sort promises an order by its key: SQLite's rows,
taken whole, put in PostgreSQL's order by rule 1, then cut by the body's
limit and offset, must give PostgreSQL's keys in the same sequence, and the
same rows but where keys tie at the window's edges (Prefect adds no
tie-breaker, so there neither database says which rows come first). The
report counts the bodies equal as they are and those that rule 1 explains.
"""
import datetime
import json
import sqlite3
import sys

import pglib
import test_differential

# each collection's sorts, the route's default first: the key (a column of the table, or two for a
# coalesce) and whether it descends, as the sort's ORDER BY says
SORTS = {
    "artifacts": {"ID_DESC": (("id",), True), "CREATED_DESC": (("created",), True),
                  "UPDATED_DESC": (("updated",), True), "KEY_DESC": (("key",), True), "KEY_ASC": (("key",), False)},
    "flows": {"NAME_ASC": (("name",), False), "CREATED_DESC": (("created",), True),
              "UPDATED_DESC": (("updated",), True), "NAME_DESC": (("name",), True)},
    "flow_runs": {"ID_DESC": (("id",), True), "START_TIME_ASC": (("start_time", "expected_start_time"), False),
                  "START_TIME_DESC": (("start_time", "expected_start_time"), True),
                  "EXPECTED_START_TIME_ASC": (("expected_start_time",), False),
                  "EXPECTED_START_TIME_DESC": (("expected_start_time",), True),
                  "NAME_ASC": (("name",), False), "NAME_DESC": (("name",), True),
                  "NEXT_SCHEDULED_START_TIME_ASC": (("next_scheduled_start_time",), False),
                  "END_TIME_DESC": (("end_time",), True)},
    "task_runs": {"ID_DESC": (("id",), True), "EXPECTED_START_TIME_ASC": (("expected_start_time",), False),
                  "EXPECTED_START_TIME_DESC": (("expected_start_time",), True),
                  "NAME_ASC": (("name",), False), "NAME_DESC": (("name",), True),
                  "NEXT_SCHEDULED_START_TIME_ASC": (("next_scheduled_start_time",), False),
                  "END_TIME_DESC": (("end_time",), True)},
    "deployments": {"NAME_ASC": (("name",), False), "CREATED_DESC": (("created",), True),
                    "UPDATED_DESC": (("updated",), True), "NAME_DESC": (("name",), True)},
    "logs": {"TIMESTAMP_ASC": (("timestamp",), False), "TIMESTAMP_DESC": (("timestamp",), True)},
    "variables": {"NAME_ASC": (("name",), False), "CREATED_DESC": (("created",), True),
                  "UPDATED_DESC": (("updated",), True), "NAME_DESC": (("name",), True)},
    # routes that take no "sort": their one order, which limit and offset cut
    "work_pools": {"NAME_ASC": (("name",), False)},
    "work_queues": {"NAME_ASC": (("name",), False)},
    "workers": {"LAST_HEARTBEAT_TIME_DESC": (("last_heartbeat_time",), True)},
}
SORTS["artifact_collections"] = SORTS["artifacts"]
FIXED_ORDER = ("work_pools", "work_queues", "workers")


def normal(value):
    """A key as both databases' text can be compared: timestamps as
    datetimes (SQLite's stored text, PostgreSQL's timestamptz in UTC)."""
    if value is None:
        return None
    text = str(value)
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text.removesuffix("+00"), fmt)
        except ValueError:
            pass
    return text


def pg_order(rows, key, desc):
    """Rows in SQLite's order, put in PostgreSQL's (rule 1): NULL keys move
    to the end when ascending, to the front when descending."""
    nulls = [r for r in rows if key(r) is None]
    others = [r for r in rows if key(r) is not None]
    return nulls + others if desc else others + nulls


def bodies(data):
    out = [(case[0], case[1]) for case in test_differential.build_cases(data)]
    for table, sorts in SORTS.items():
        if table in FIXED_ORDER:
            out.append((table, {"limit": 7, "offset": 3}))
            out.append((table, {"limit": 2, "offset": 1}))
            continue
        for name in sorts:
            out.append((table, {"sort": name}))
            out.append((table, {"sort": name, "limit": 7, "offset": 3}))
    out.append(("flow_runs", {"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}}, "sort": "START_TIME_ASC",
                              "limit": 40}))
    out.append(("task_runs", {"task_runs": {"state": {"type": {"any_": ["FAILED", "RUNNING", "PENDING"]}}},
                              "sort": "END_TIME_DESC", "limit": 25}))
    return out


def asks_order(body):
    """Does the body promise an order (a sort, limit or offset that is not null)?"""
    return any(body.get(k) is not None for k in ("sort", "limit", "offset"))


def sort_of(table, body):
    """The body's sort, else the route's default (the first of SORTS)."""
    return body.get("sort") or next(iter(SORTS[table]))


def key_columns(table, body):
    """The columns a body's answer is compared by: id, and the sort key's
    when the body asks for an order (its sort, else the route's default)."""
    if table not in SORTS or not asks_order(body):
        return ("id",)
    return ("id",) + SORTS[table][sort_of(table, body)][0]


def judge(table, body, ours, theirs):
    """"same", "rule" (equal by rule 1) or what differs, for SQLite's rows
    (ours: the whole answer, without the body's limit and offset) and
    PostgreSQL's (theirs), each a tuple of key_columns()."""
    columns = key_columns(table, body)
    if len(columns) == 1:
        if sorted(r[0] for r in ours) != sorted(r[0] for r in theirs):
            return f"the sets differ ({len(ours)} rows, {len(theirs)} on PostgreSQL)"
        return "same"
    desc = SORTS[table][sort_of(table, body)][1]

    def key(r):
        for value in r[1:]:
            if value is not None:
                return normal(value)
        return None
    lo = body.get("offset", 0) or 0
    hi = lo + body["limit"] if body.get("limit") is not None else None
    as_is = [key(r) for r in ours[lo:hi]]
    window = pg_order(ours, key, desc)[lo:hi]
    expected = [key(r) for r in window]
    got = [key(r) for r in theirs]
    edges = {expected[0], expected[-1]} if expected else set()

    def inner(rows):
        return sorted(r[0] for r in rows if key(r) not in edges)
    if got != expected or inner(window) != inner(theirs):
        return "PostgreSQL's order is not SQLite's by the NULL rule"
    return "same" if got == as_is else "rule"


def statement_rows(data, table, rows, columns):
    """PostgreSQL's rows of a collection's statement (its columns, in the
    collection's order, as psql printed them) as tuples of columns."""
    names = [d[0] for d in data.execute(f"SELECT * FROM {table} LIMIT 0").description]
    return [tuple(None if r[names.index(c)] == pglib.NULL else r[names.index(c)] for c in columns) for r in rows]


class Verdicts:
    """Bodies judged, counted by verdict; report() prints them and exits."""

    def __init__(self):
        self.same, self.by_rule, self.failures = 0, 0, []

    def add(self, label, verdict):
        if verdict == "same":
            self.same += 1
        elif verdict == "rule":
            self.by_rule += 1
        else:
            self.failures.append(f"{label}: {verdict}")

    def report(self, what):
        for line in self.failures:
            print("FAIL", line)
        print(f"{what}: {self.same + self.by_rule + len(self.failures)} bodies, {self.same} equal as they are, "
              f"{self.by_rule} equal by the NULL order rule, {len(self.failures)} otherwise different")
        sys.exit(1 if self.failures else 0)


def sqlite_whole(data, table, body, columns):
    """SQLite's whole answer to a body (without its limit and offset), in
    the body's order (its sort, else the route's default: the first of
    SORTS), as tuples of columns."""
    whole = {k: v for k, v in body.items() if k not in ("limit", "offset")}
    if table in FIXED_ORDER and asks_order(body):
        whole["limit"] = 2**62  # the route's one order comes with a limit: one no table reaches
    elif table in SORTS and asks_order(body):
        whole["sort"] = sort_of(table, body)
    quoted = ", ".join(f'"{c}"' for c in columns)
    return data.execute(f"SELECT {quoted} FROM {table}(?)", (json.dumps(whole),)).fetchall()


def main():
    extension = sys.argv[1:2] == ["--extension"]
    args = sys.argv[2:] if extension else sys.argv[1:]
    if len(args) != 1:
        raise SystemExit("usage: test_demo.py [--extension] SQLITE_DB (the data loaded into PostgreSQL)")
    data = pglib.sqlite_connection(args[0])
    cases = bodies(sqlite3.connect(args[0]))
    if extension:
        # the functions of CREATE EXTENSION prefect (each returns its table's rows): one for every
        # table of the SQLite extension, each returning that table's row type, and no other
        ours = [tuple(r) for r in data.execute("SELECT DISTINCT collection, prefect_filter_sql(collection, '{}') "
                                                "FROM prefect_fields ORDER BY 1")]
        ours = [(name, sql.split(" FROM ", 1)[1].split()[0]) for name, sql in ours]
        theirs = pglib.run_marked([("f", "SELECT proname, prorettype::regtype::text FROM pg_proc WHERE pronamespace = "
                                         "'prefect'::regnamespace AND prosrc = 'prefect_pg_rows' ORDER BY 1")])["f"]
        if ours != theirs:
            raise SystemExit(f"pg/prefect--0.1.sql: functions {theirs}, the SQLite extension's tables {ours}")
    parts, sqlite_rows = [], {}
    for i, (table, body) in enumerate(cases):
        columns = key_columns(table, body)
        quoted = ", ".join(f'"{c}"' for c in columns)
        if extension:
            parts.append((f"b{i}", f"SELECT {quoted} FROM prefect.{table}({pglib.literal(json.dumps(body))}::jsonb)"))
        else:
            sql, params = pglib.pg_statement(data, table, json.dumps(body))
            if sql is None:
                raise SystemExit(f"{table} {json.dumps(body)}: not compiled: {params}")
            parts.append((f"b{i}", pglib.prepared(f"q{i}", sql, params)))
        sqlite_rows[i] = sqlite_whole(data, table, body, columns)
    pg_rows = pglib.run_marked(parts)
    verdicts = Verdicts()
    for i, (table, body) in enumerate(cases):
        columns = key_columns(table, body)
        if extension:
            theirs = [tuple(None if f == pglib.NULL else f for f in r) for r in pg_rows[f"b{i}"]]
        else:
            theirs = statement_rows(data, table, pg_rows[f"b{i}"], columns)
        verdicts.add(f"{table} {json.dumps(body)}", judge(table, body, sqlite_rows[i], theirs))
    verdicts.report("pg demo through prefect.<collection>()" if extension else "pg demo")


if __name__ == "__main__":
    main()
