# bash examples/shell/quickstart.sh   (from the repository root, after `make demo`)
sqlite3 dist/demo.db <<'SQL'
.load dist/prefect
.mode table
SELECT key, type, created FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}, "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "sort": "CREATED_DESC", "limit": 3}');
SQL
sqlite3 dist/demo.db < examples/shell/report.sql
