-- A small HTML page from SQL alone: artifacts per day as a bar chart (an SVG
-- the query draws, the part from failing flow runs in red), completed
-- against failed flow runs per hour over one day (flow_run_history, stacked
-- bars), and the newest artifacts of failing flow runs as a table (the
-- shell's own .mode html, which escapes the values).
-- From the repository root, after `make demo`:
--   sqlite3 dist/demo.db < examples/html/report.sql > dist/report.html
-- "Failing" is the body {"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}.
.load dist/prefect
.headers off
.mode list
.nullvalue ''

SELECT '<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Prefect artifacts: failing flow runs</title>
<style>
  body { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; margin: 24px 32px; color: #111827; background: #fff; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  #summary { color: #374151; margin: 0 0 8px; }
  .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 14px; vertical-align: -1px; }
  .legend .all, svg .all { background: #93c5fd; fill: #93c5fd; }
  .legend .failing, svg .failing { background: #dc2626; fill: #dc2626; }
  .legend .completed, svg .completed { background: #16a34a; fill: #16a34a; }
  .legend .failed, svg .failed { background: #dc2626; fill: #dc2626; }
  svg text { font: 10px "DejaVu Sans", Arial, sans-serif; fill: #4b5563; }
  svg .axis { stroke: #6b7280; stroke-width: 1; }
  table { border-collapse: collapse; }
  th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #e5e7eb; white-space: nowrap; }
  th { border-bottom: 2px solid #9ca3af; }
  td:nth-child(4) { color: #b91c1c; font-weight: bold; }
  footer { margin-top: 20px; color: #6b7280; font-size: 12px; }
</style>
</head>
<body>
<h1>Prefect artifacts</h1>';

SELECT printf('<p id="summary">%,d artifacts from %s to %s; %,d of them from %,d failing flow runs (state FAILED or CRASHED).</p>',
              (SELECT count(*) FROM artifacts),
              (SELECT substr(min(created), 1, 10) FROM artifacts), (SELECT substr(max(created), 1, 10) FROM artifacts),
              (SELECT count(*) FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}')),
              (SELECT count(*) FROM flow_runs('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}')));

SELECT '<h2>Artifacts per day</h2>
<p class="legend"><span class="all"></span>all artifacts<span class="failing"></span>from failing flow runs</p>';

-- The chart: one group per calendar day (days without artifacts included, as
-- empty bars), bars 22 px wide every 28 px, the fullest day 200 px high.
WITH RECURSIVE
  counted AS (
    SELECT substr(a.created, 1, 10) AS day, count(*) AS total, count(failing.id) AS failing
      FROM artifacts AS a
      LEFT JOIN artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}}}') AS failing
        ON failing.id = a.id
     GROUP BY day),
  days(day, i) AS (
    SELECT min(day), 0 FROM counted
    UNION ALL
    SELECT date(day, '+1 day'), i + 1 FROM days WHERE day < (SELECT max(day) FROM counted)),
  bars AS (
    SELECT d.day, d.i, coalesce(c.total, 0) AS total, coalesce(c.failing, 0) AS failing,
           40 + 28 * d.i AS x,
           coalesce(c.total, 0) * 200.0 / (SELECT max(total) FROM counted) AS h,
           coalesce(c.failing, 0) * 200.0 / (SELECT max(total) FROM counted) AS hf
      FROM days AS d LEFT JOIN counted AS c USING (day)),
  parts(k, html) AS (
    SELECT -1, printf('<svg id="per-day" xmlns="http://www.w3.org/2000/svg" width="%d" height="260" '
                      || 'role="img" aria-label="Artifacts per day">', 50 + 28 * count(*))
      FROM bars
    UNION ALL
    SELECT i, printf('<g class="day" data-day="%s" data-total="%d" data-failing="%d">'
                     || '<title>%s: %d artifacts, %d from failing flow runs</title>'
                     || '<rect class="all" x="%d" y="%.1f" width="22" height="%.1f"/>'
                     || '<rect class="failing" x="%d" y="%.1f" width="22" height="%.1f"/>'
                     || '<text x="%d" y="%.1f" text-anchor="middle">%d</text>%s</g>',
                     day, total, failing, day, total, failing,
                     x, 230 - h, h, x, 230 - hf, hf, x + 11, 226 - h, total,
                     CASE WHEN i % 7 = 0 THEN printf('<text x="%d" y="246" text-anchor="middle">%s</text>',
                                                     x + 11, substr(day, 6)) ELSE '' END)
      FROM bars
    UNION ALL
    SELECT 1000000, printf('<line class="axis" x1="36" y1="230.5" x2="%d" y2="230.5"/></svg>', 44 + 28 * count(*))
      FROM bars)
SELECT html FROM parts ORDER BY k;

SELECT '<h2>Flow runs per hour on 2026-10-18</h2>
<p class="legend"><span class="completed"></span>completed<span class="failed"></span>failed</p>';

-- One group per hour of the day (flow_run_history gives every interval, empty
-- ones too), the failed runs stacked on the completed, 20 px a run, bars 22 px
-- wide every 28 px.
WITH
  hours AS (
    SELECT interval_start, row_number() OVER (ORDER BY interval_start) - 1 AS i,
           sum(CASE WHEN state_type = 'COMPLETED' THEN count_runs ELSE 0 END) AS completed,
           sum(CASE WHEN state_type = 'FAILED' THEN count_runs ELSE 0 END) AS failed
      FROM flow_run_history('{"history_start": "2026-10-18T00:00:00Z", "history_end": "2026-10-19T00:00:00Z",
                              "history_interval_seconds": 3600}')
     GROUP BY interval_start),
  parts(k, html) AS (
    SELECT -1, printf('<svg id="per-hour" xmlns="http://www.w3.org/2000/svg" width="%d" height="140" '
                      || 'role="img" aria-label="Flow runs per hour">', 50 + 28 * count(*))
      FROM hours
    UNION ALL
    SELECT i, printf('<g class="hour" data-hour="%s" data-completed="%d" data-failed="%d">'
                     || '<title>%s: %d completed, %d failed</title>'
                     || '<rect class="completed" x="%d" y="%d" width="22" height="%d"/>'
                     || '<rect class="failed" x="%d" y="%d" width="22" height="%d"/>%s</g>',
                     substr(interval_start, 12, 5), completed, failed,
                     substr(interval_start, 12, 5), completed, failed,
                     40 + 28 * i, 110 - 20 * completed, 20 * completed,
                     40 + 28 * i, 110 - 20 * (completed + failed), 20 * failed,
                     CASE WHEN i % 6 = 0 THEN printf('<text x="%d" y="126" text-anchor="middle">%s</text>',
                                                     51 + 28 * i, substr(interval_start, 12, 5)) ELSE '' END)
      FROM hours
    UNION ALL
    SELECT 1000000, printf('<line class="axis" x1="36" y1="110.5" x2="%d" y2="110.5"/></svg>', 44 + 28 * count(*))
      FROM hours)
SELECT html FROM parts ORDER BY k;

SELECT '<h2>The 25 newest artifacts of failing flow runs</h2>
<table id="failing">';
.headers on
.mode html
SELECT substr(a.created, 1, 16) AS "Created", f.name AS "Flow", r.name AS "Flow run", r.state_name AS "State",
       coalesce(a.key, '(no key)') AS "Key", coalesce(a.type, '(none)') AS "Type"
  FROM artifacts('{"flow_runs": {"state": {"type": {"any_": ["FAILED", "CRASHED"]}}},
                   "sort": "CREATED_DESC", "limit": 25}') AS a
  JOIN flow_runs AS r ON r.id = a.flow_run_id
  JOIN flows AS f ON f.id = r.flow_id
 ORDER BY a.created DESC;
.headers off
.mode list
SELECT '</table>';
SELECT printf('<footer>Made by examples/html/report.sql with sqlite-prefect %s, from SQL alone.</footer>
</body>
</html>', prefect_version());
