"""The fuzzers' bodies, replayed against the PostgreSQL extension's entry
points: the SQLite fuzzers (tests/fuzz/) reach the compiler and the body
readers the two back ends share, but not the C that only PostgreSQL runs
(pg/prefect_pg.c, pg/api_pg.c, pg/api_pg_kinds.c). Every body of the
fuzzers' corpus and regressions that PostgreSQL can hold as jsonb goes to
prefect.filter_sql and every collection's function for each collection, and
to prefect.api for each POST route of the route table (ext/responses.c, read
here so that a new route is covered unedited). An answer or a refusal is
fine; what fails the test is a backend that dies (the server resets every
session) or an error PostgreSQL raises without a SQLSTATE of ours (XX000:
an elog() that means a statement we wrote did not run), and a route
refused as not made on PostgreSQL (0A000), but for the one refusal meant:
a negative limit, which SQLite reads as none and PostgreSQL cannot. So a
route added to the table without its PostgreSQL rendering fails here.

  /usr/bin/python3 tests/pg/test_fuzz_replay.py
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def bodies():
    """The corpus's and regressions' inputs that are JSON PostgreSQL's jsonb
    takes (no NUL, valid UTF-8); others never reach the extension."""
    found = []
    for folder in ["tests/fuzz/corpus", "tests/fuzz/regressions"]:
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            raw = open(os.path.join(ROOT, folder, name), "rb").read()
            try:
                text = raw.decode("utf-8")
                json.loads(text)
            except (UnicodeDecodeError, ValueError):
                continue
            if "\x00" in text or "\\u0000" in text:
                continue
            found.append(text)
    return found


def post_routes():
    """The POST routes prefect_api() answers without a path parameter."""
    source = open(os.path.join(ROOT, "ext", "responses.c")).read()
    routes = set(re.findall(r'ROUTE\("POST", "(/[^"{]*)"', source))
    routes |= set(re.findall(r'\{ "POST", "(/[^"{]*)", ROUTE_', source))
    routes |= set(re.findall(r'COUNT\("(/[^"{]*)"', source))
    routes |= set(re.findall(r'KEYED\("(/[^"{]*)"', source))
    assert len(routes) >= 25, routes
    return sorted(routes)


def collections():
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-c", "SELECT name FROM prefect.collections() ORDER BY 1"],
                         capture_output=True, text=True, check=True)
    names = out.stdout.split()
    assert len(names) >= 6, names
    return names


def main():
    texts, routes, tables = bodies(), post_routes(), collections()
    script = ["\\set VERBOSITY verbose", "SET TimeZone = 'UTC';"]
    for text in texts:
        body = literal(text) + "::jsonb"
        for table in tables:
            script.append(f"SELECT length(prefect.filter_sql({literal(table)}, {body}));")
            script.append(f"SELECT count(*) FROM prefect.{table}({body});")
        for route in routes:
            script.append(f"SELECT length(prefect.api({literal('POST ' + route)}, {body})::text);")
    n = len(script) - 2
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0", "-f", "-"],
                         input="\n".join(script) + "\n", capture_output=True, text=True)
    codes = {}
    for line in out.stderr.splitlines():
        m = re.match(r"psql:<stdin>:\d+: ERROR:  ([0-9A-Z]{5}): ", line)
        if m:
            codes[m.group(1)] = codes.get(m.group(1), 0) + 1
    lost = [line for line in out.stderr.splitlines()
            if "server closed the connection" in line or "connection to server" in line or "terminated" in line]
    internal = [line for line in out.stderr.splitlines() if ": ERROR:  XX000: " in line]
    internal += [line for line in out.stderr.splitlines()
                 if ": ERROR:  0A000: " in line and "with a negative limit" not in line]
    summary = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    print(f"pg fuzz replay: {len(texts)} bodies, {n} calls; errors by SQLSTATE: {summary or 'none'}")
    if lost or internal or out.returncode not in (0, 1):
        for line in (lost + internal)[:10]:
            print("FAIL", line)
        print(f"pg fuzz replay: FAILED (psql exit {out.returncode})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
