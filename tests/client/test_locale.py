#!/usr/bin/python3
"""Numbers read and written the same whatever LC_NUMERIC the host set.

C's strtod and printf follow the locale a program chooses with setlocale();
in a decimal-comma locale "2.5" reads as 2 and 2.5 prints as "2,5". The
extension must not care: a host (here Python, which calls setlocale(LC_ALL,
"") on request like many programs) runs the same queries in the "C" locale
and in a decimal-comma one, and every answer must be the same, and right:
bodies with fractional numbers (datetimes as Unix seconds, in text and as
JSON numbers; lax integers), prefect_api()'s float fields, JSON written by
INSERT (Python's repr of floats), table cells, messages naming a float.

The decimal-comma locale: de_DE.UTF-8 (or another) if the system has one;
else it is compiled with localedef into a temporary directory used through
LOCPATH, which any user may do and which changes nothing on the system
(Debian: the `locales` package provides localedef's sources). Only when no
such locale can be had does the test skip, saying why."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import ROOT, main  # noqa: E402

LIB = os.path.join(ROOT, os.environ.get("PREFECT_LIB", "dist/prefect"))
FIXTURE = os.path.join(ROOT, "tests", "sql", "fixture.sql")
COMMA_LOCALES = ["de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8", "nl_NL.UTF-8", "ru_RU.UTF-8"]
CHILD = os.path.abspath(__file__)

# What every run must answer (worked out by hand from the fixture):
EXPECTED = {
    # runs start (start_time, else expected_start_time) at 2026-01-01 00:01:00
    # (= 1767225660 s), 01-02, 01-03, 01-05 and never; after_ and before_
    # are inclusive: half a second after the first start excludes it
    "after_ text with a fraction": 3,
    "after_ number with a fraction": 3,
    "after_ text, whole second": 4,
    "before_ text with a fraction": 1,
    "IN list of reals": 1,
    "IN list of reals, base table": 1,
    "limit as text 2.0": 2,
    "limit as number 2.0": 2,
    "written data": "[1.5, 2.5e-07, 1e+22, 0.1, -0.0, 100.0]",
    "written real": "real:2.5",
    "table cells": "1.5|2.25|-3.0e-05",  # SQLite renders the real values
    "message with a float": "prefect: artifacts.flow_run_id: expected a UUID, got 1.5",
    "api metadata number": {"ratio": 2.5},
}


def child(db):
    """Runs in a fresh interpreter: optionally switch to the environment's
    locale, load the extension, print every answer as JSON."""
    import locale
    import sqlite3
    if os.environ.get("PREFECT_TEST_SETLOCALE"):
        locale.setlocale(locale.LC_ALL, "")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.enable_load_extension(True)
    conn.load_extension(LIB)
    one = lambda sql, *args: conn.execute(sql, args).fetchone()[0]  # noqa: E731
    out = {"decimal_point": locale.localeconv()["decimal_point"]}
    runs = "SELECT count(*) FROM flow_runs(?)"
    out["after_ text with a fraction"] = one(runs, '{"flow_runs": {"start_time": {"after_": "1767225660.5"}}}')
    out["after_ number with a fraction"] = one(runs, '{"flow_runs": {"start_time": {"after_": 1767225660.5}}}')
    out["after_ text, whole second"] = one(runs, '{"flow_runs": {"start_time": {"after_": "1767225660"}}}')
    out["before_ text with a fraction"] = one(runs, '{"flow_runs": {"start_time": {"before_": "1767225660.5"}}}')
    # reals in an SQL IN list: the base table's answer, whatever the locale (a
    # comma locale makes SQLite 3.40's JSON reader take 2.5 for 2, which would
    # lose the row holding 2.5)
    conn.execute("UPDATE flow_run SET next_scheduled_start_time = 2.5 WHERE id = '10000000-0000-4000-8000-000000000002'")
    conn.execute("UPDATE flow_run SET next_scheduled_start_time = 2 WHERE id = '10000000-0000-4000-8000-000000000003'")
    reals = "next_scheduled_start_time IN (2.5, 7.5, 1e300)"
    out["IN list of reals"] = one(f"SELECT count(*) FROM flow_runs WHERE {reals}")
    out["IN list of reals, base table"] = one(f"SELECT count(*) FROM flow_run WHERE {reals}")
    out["limit as text 2.0"] = one("SELECT count(*) FROM artifacts(?)", '{"limit": "2.0"}')
    out["limit as number 2.0"] = one("SELECT count(*) FROM artifacts(?)", '{"limit": 2.0}')
    conn.execute("""UPDATE flow_run SET empirical_policy = '{"retry_delay_seconds": 2.5}'
                    WHERE id = '10000000-0000-4000-8000-000000000001'""")
    out["api flow run"] = one("SELECT prefect_api('POST /flow_runs/filter', ?)",
                              '{"flow_runs": {"id": {"any_": ["10000000-0000-4000-8000-000000000001"]}}}')
    out["api deployments"] = one("SELECT prefect_api('POST /deployments/filter')")
    # a metadata value that is a number (Prefect's client writes strings; a file may hold anything)
    conn.execute("""INSERT INTO artifact (id, created, updated, key, type, data, metadata_) VALUES
                    ('a9000000-0000-4000-8000-000000000003', '2026-03-01 00:00:00.000000',
                     '2026-03-01 00:00:00.000000', 'locale-meta', 'markdown', '"x"', '{"ratio": 2.5}')""")
    out["api metadata number"] = json.loads(one("SELECT prefect_api('GET /artifacts/a9000000-0000-4000-8000-000000000003')"))["metadata_"]
    conn.execute("INSERT INTO artifacts (id, key, type, data) VALUES "
                 "('a9000000-0000-4000-8000-000000000001', 'locale', 'table', '[1.5, 2.5e-7, 1E22, 0.1, -0.0, 1e2]'), "
                 "('a9000000-0000-4000-8000-000000000002', 'locale', 'progress', 2.5)")
    out["written data"] = one("SELECT data FROM artifact WHERE id = 'a9000000-0000-4000-8000-000000000001'")
    out["written real"] = one("SELECT typeof(data) || ':' || data FROM artifact WHERE id = 'a9000000-0000-4000-8000-000000000002'")
    out["table cells"] = one("SELECT group_concat(value, '|') FROM prefect_table('[[1.5, 2.25, -3e-5]]')")
    try:
        conn.execute("INSERT INTO artifacts (key, type, flow_run_id) VALUES ('x', 'markdown', 1.5)")
        out["message with a float"] = None
    except sqlite3.Error as e:
        out["message with a float"] = str(e)
    conn.execute("ANALYZE")
    out["shape after ANALYZE"] = one("SELECT prefect_filter_sql('artifacts', ?)",
                                     '{"flow_runs": {"deployment_id": {"any_": ["d0000000-0000-4000-8000-000000000001"]}}, '
                                     '"sort": "KEY_ASC", "limit": 20}')
    out["decimal_point_after"] = locale.localeconv()["decimal_point"]  # the host's setting is left alone
    print(json.dumps(out))


def run_child(tmp, name, env):
    db = os.path.join(tmp, name + ".db")
    subprocess.run(["sqlite3", db], input=f".read {FIXTURE}\n", text=True, check=True, cwd=ROOT)
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    full_env.update(env)
    proc = subprocess.run([sys.executable, CHILD, "--child", db], capture_output=True, text=True, env=full_env,
                          cwd=ROOT, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"the {name} run failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout)


def comma_locale_works(env):
    """Does a fresh Python, in env, get a decimal comma from setlocale(LC_ALL, "")?"""
    full_env = dict(os.environ)
    full_env.update(env)
    proc = subprocess.run([sys.executable, "-c", "import locale; locale.setlocale(locale.LC_ALL, ''); "
                           "print(locale.localeconv()['decimal_point'])"], capture_output=True, text=True, env=full_env)
    return proc.returncode == 0 and proc.stdout.strip() == ","


def find_comma_locale(tmp):
    """An environment with a decimal-comma locale, and how it was had; or
    None and why not."""
    for name in COMMA_LOCALES:
        if comma_locale_works({"LC_ALL": name}):
            return {"LC_ALL": name}, f"the system's {name}"
    localedef = shutil.which("localedef")
    if not localedef:
        return None, "the system has none of " + ", ".join(COMMA_LOCALES) + " and there is no localedef to make one"
    locpath = os.path.join(tmp, "locales")
    os.makedirs(locpath)
    tried = []
    for name in COMMA_LOCALES:
        source, charmap = name.split(".")
        # localedef may exit non-zero for mere warnings: whether the locale works decides
        proc = subprocess.run([localedef, "-i", source, "-f", charmap, os.path.join(locpath, name)],
                              capture_output=True, text=True)
        env = {"LOCPATH": locpath, "LC_ALL": name}
        if comma_locale_works(env):
            return env, f"{name} made by localedef in a temporary LOCPATH"
        tried.append(f"{name}: {(proc.stderr or proc.stdout).strip().splitlines()[-1:] or 'no output'}")
    return None, "localedef could not make a decimal-comma locale (" + "; ".join(map(str, tried)) + \
        "); on Debian, install the `locales` package"


def test_numbers_ignore_the_locale(tmp):
    env, how = find_comma_locale(tmp)
    if env is None:
        print(f"SKIP test_numbers_ignore_the_locale: {how}", flush=True)
        return
    print(f"     decimal-comma locale: {how}", flush=True)
    plain = run_child(tmp, "c", {"LC_ALL": "C", "PREFECT_TEST_SETLOCALE": "1"})
    comma = run_child(tmp, "comma", dict(env, PREFECT_TEST_SETLOCALE="1"))
    assert plain["decimal_point"] == ".", plain["decimal_point"]
    assert comma["decimal_point"] == ",", "the host did not switch to a decimal comma: the test proves nothing"
    for key, want in EXPECTED.items():
        assert plain[key] == want, f"C locale, {key}: {plain[key]!r}, expected {want!r}"
    assert comma["decimal_point_after"] == ",", "the extension changed the host's locale"
    differing = {k: (plain[k], comma[k]) for k in plain
                 if not k.startswith("decimal_point") and plain[k] != comma[k]}
    assert not differing, f"answers that follow LC_NUMERIC: {json.dumps(differing, indent=1)}"
    api = json.loads(comma["api flow run"])[0]
    assert (api["total_run_time"], api["estimated_start_time_delta"], api["empirical_policy"]["retry_delay_seconds"]) \
        == (240.0, 60.0, 2.5), api
    assert "EXISTS (SELECT 1 FROM flow_run" in comma["shape after ANALYZE"], comma["shape after ANALYZE"]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        sys.exit(0)
    sys.exit(main("locale", globals(), needs_demo=False))
