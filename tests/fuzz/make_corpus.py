#!/usr/bin/python3
"""Seed corpus for the fuzzers: every request body written in the tests
(tests/sql/*.sql, tests/unit/test_unit.c), one file each, named by content."""
import glob
import hashlib
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")

bodies = set()
for path in glob.glob(os.path.join(ROOT, "tests", "sql", "*.sql")):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"'((?:[^']|'')*)'", text):
        s = m.group(1).replace("''", "'")
        if s.startswith("{") or s.startswith("["):
            bodies.add(s)
for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', open(os.path.join(ROOT, "tests", "unit", "test_unit.c"), encoding="utf-8").read()):
    s = bytes(m.group(1), "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")
    if s.startswith("{\""):
        bodies.add(s)
os.makedirs(OUT, exist_ok=True)
for b in bodies:
    data = b.encode("utf-8")
    if len(data) > 4096:
        continue
    with open(os.path.join(OUT, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)
print(f"{len(bodies)} bodies, {len(os.listdir(OUT))} corpus files")
