#!/usr/bin/python3
"""The report `make demo` prints (examples/report.sql) says something in each
section: every section has rows, no number column is zero throughout (a
question the demo answers with nothing is the wrong question for the demo),
and runs and artifacts are named, not shown by ids or id prefixes, which look
alike."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import DEMO_DB, ROOT, main, run  # noqa: E402

ID_LIKE = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$")


def sections():
    """{title: [header, row, ...]} from the report's `.mode table` output; a
    section of two tables gives two entries, the second titled "title (2)"."""
    with open(os.path.join(ROOT, "examples", "report.sql"), encoding="utf-8") as f:
        sql = f.read()
    out = run(["sqlite3", "-bail", "-readonly", DEMO_DB], input=sql)
    result, title, key, n, previous = {}, None, None, 0, ""
    for line in out.splitlines():
        if line.startswith("== "):
            title, n = line.strip("= "), 0
        elif line.startswith("+") and not previous.startswith("|") and title is not None:
            n += 1
            key = title if n == 1 else f"{title} ({n})"
            result[key] = []
        elif line.startswith("|") and key is not None:
            result[key].append([cell.strip() for cell in line.strip("|").split("|")])
        previous = line
    return result


def test_every_section_answers():
    found = sections()
    assert len(found) >= 6, f"only {len(found)} sections: {list(found)}"
    for title, rows in found.items():
        assert len(rows) >= 2, f"{title}: no rows"
        header, body = rows[0], rows[1:]
        for i, name in enumerate(header):
            cells = [r[i] for r in body if i < len(r)]
            if cells and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in cells):
                assert any(float(c) != 0 for c in cells), f"{title}: column {name} is zero in every row"


def test_runs_are_named():
    for title, rows in sections().items():
        for row in rows[1:]:
            for cell in row:
                assert not ID_LIKE.match(cell), f"{title}: {cell!r} looks like an id; name the run or artifact"


if __name__ == "__main__":
    sys.exit(main("report", globals()))
