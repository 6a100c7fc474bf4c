# /usr/bin/python3 examples/python/quickstart.py   (from the repository root, after `make demo`)
import json
import sqlite3
import sqlite_prefect

conn = sqlite3.connect("file:dist/demo.db?mode=ro", uri=True)
sqlite_prefect.load(conn)
body = {"artifacts": {"type": {"any_": ["table"]}}, "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}},
        "sort": "CREATED_DESC", "limit": 3}
for key, type_, created in conn.execute("SELECT key, type, created FROM artifacts(?)", [json.dumps(body)]):
    print(key, type_, created)
