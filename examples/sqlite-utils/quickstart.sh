# bash examples/sqlite-utils/quickstart.sh   (from the repository root, after `make demo`)
sqlite-utils query dist/demo.db "SELECT key, type, created FROM artifacts(:body)" --load-extension dist/prefect.so --table \
  -p body '{"artifacts": {"type": {"any_": ["table"]}}, "flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}, "sort": "CREATED_DESC", "limit": 3}'
sqlite-utils query dist/demo.db "SELECT substr(created, 1, 10) AS day, count(*) AS artifacts FROM artifacts(:body) GROUP BY day ORDER BY day DESC LIMIT 5" \
  --load-extension dist/prefect.so --csv -p body '{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}'
sqlite-utils query dist/demo.db "SELECT prefect_api('GET /artifacts/etl-orders-stats/latest') AS latest" --load-extension dist/prefect.so --json-cols
