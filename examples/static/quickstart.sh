# bash examples/static/quickstart.sh   (from the repository root, after `make demo` and `make static`)
dist/static/sqlite3 dist/demo.db <<'SQL'
.mode table
SELECT prefect_version() AS version, count(*) AS table_artifacts FROM artifacts('{"artifacts": {"type": {"any_": ["table"]}}}');
SQL
dist/static/sqlite3 -table dist/demo.db < examples/recipes.sql
