# bash examples/html/quickstart.sh   (from the repository root, after `make demo`; then open dist/report.html)
sqlite3 dist/demo.db < examples/html/report.sql > dist/report.html
