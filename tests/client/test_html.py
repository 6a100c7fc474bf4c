#!/usr/bin/python3
"""The HTML report (examples/html/report.sql, a page made by SQL alone), opened
in headless Chromium (Debian's chromium). Two looks at what it shows:

- the page with a probe script appended, loaded with --dump-dom: the probe
  reads what the browser laid out (each bar's rendered box, the count written
  above it, the table's rendered text) and leaves it as JSON in the DOM;
- a screenshot of the page itself, decoded here: the bars' colours are on the
  screen where the probe says the bars are.

Both are compared with the oracle (hand-written SQL over Prefect's tables)."""
import datetime
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clientlib import DEMO_DB, FAILING_SQL, ROOT, file_digest, main, oracle, run  # noqa: E402

PAGE = os.path.join(ROOT, "dist", "report.html")
SCREENSHOT = os.path.join(ROOT, "dist", "report.png")  # kept, for a person to look at
WINDOW = (1000, 1300)
BAR_COLOURS = {"all": (0x93, 0xC5, 0xFD), "failing": (0xDC, 0x26, 0x26)}
WHITE = (255, 255, 255)
FULL_BAR = 200.0  # px: the fullest day's bar, as report.sql draws it

PROBE = """<script>
(() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const probe = {
    title: document.title,
    h1: document.querySelector("h1").innerText,
    summary: document.getElementById("summary").innerText,
    viewport: [innerWidth, innerHeight],
    days: [...document.querySelectorAll("#per-day g.day")].map((g) => ({
      tooltip: g.querySelector("title").textContent,
      shown: g.querySelector("text").textContent,
      all: box(g.querySelector("rect.all")),
      failing: box(g.querySelector("rect.failing")),
      fills: [...g.querySelectorAll("rect")].map((r) => getComputedStyle(r).fill),
    })),
    dayLabels: [...document.querySelectorAll("#per-day g.day text:nth-of-type(2)")].map((t) => t.textContent),
    table: [...document.querySelectorAll("#failing tr")].map((tr) => [...tr.cells].map((c) => c.innerText)),
    hours: [...document.querySelectorAll("#per-hour g.hour")].map((g) => ({
      tooltip: g.querySelector("title").textContent,
      completed: box(g.querySelector("rect.completed")),
      failed: box(g.querySelector("rect.failed")),
      fills: [...g.querySelectorAll("rect")].map((r) => getComputedStyle(r).fill),
    })),
    footer: document.querySelector("footer").innerText,
  };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(probe);
  document.body.appendChild(pre);
})();
</script>
"""


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("chromium is not installed (apt-get install chromium)")


def chromium(tmp, *args):
    profile = os.path.join(tmp, f"profile-{len(os.listdir(tmp))}")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--force-device-scale-factor=1", "--hide-scrollbars",
             f"--window-size={WINDOW[0]},{WINDOW[1]}"]
    proc = subprocess.run([chromium_binary(), *flags, *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"chromium exited {proc.returncode}\n{proc.stderr[-3000:]}"
    return proc.stdout


def make_page():
    run(["bash", "examples/html/quickstart.sh"])
    with open(PAGE, encoding="utf-8") as f:
        return f.read()


_probed = {}


def probe(tmp):
    """What the probe reads of the page (made and opened once per run)."""
    if not _probed:
        _probed.update(_probe(tmp))
    return _probed


def _probe(tmp):
    page = make_page()
    assert page.count("</body>") == 1
    path = os.path.join(tmp, "probe.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "</body>"))
    dom = chromium(tmp, "--dump-dom", "file://" + path)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not run; the DOM ends with:\n{dom[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def read_png(path, rows_needed):
    """(width, height, the first rows_needed rows of (r, g, b) pixels) of an
    8-bit RGB or RGBA PNG, not interlaced."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(min(height, rows_needed)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, up_left = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def oracle_days():
    """[(day, artifacts, from failing runs)] for every calendar day from the
    first artifact's to the last's, days without artifacts included."""
    counted = {day: (n, f) for day, n, f in oracle(f"""
        SELECT substr(a.created, 1, 10), count(*), count(r.id)
          FROM artifact AS a LEFT JOIN flow_run AS r ON r.id = a.flow_run_id AND r.state_type IN {FAILING_SQL}
         GROUP BY 1""")}
    day, last = (datetime.date.fromisoformat(d) for d in (min(counted), max(counted)))
    days = []
    while day <= last:
        days.append((day.isoformat(), *counted.get(day.isoformat(), (0, 0))))
        day += datetime.timedelta(days=1)
    return days


def close(a, b, tolerance=0.75):
    return abs(a - b) <= tolerance


def test_page_text(tmp):
    shown = probe(tmp)
    assert shown["title"] == "Prefect artifacts: failing flow runs" and shown["h1"] == "Prefect artifacts", shown
    total, first, last, failing_artifacts, failing_runs = oracle(f"""
        SELECT count(*), substr(min(created), 1, 10), substr(max(created), 1, 10),
               (SELECT count(*) FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
                 WHERE r.state_type IN {FAILING_SQL}),
               (SELECT count(*) FROM flow_run WHERE state_type IN {FAILING_SQL})
          FROM artifact""")[0]
    assert shown["summary"] == (f"{total:,} artifacts from {first} to {last}; {failing_artifacts:,} of them from "
                                f"{failing_runs:,} failing flow runs (state FAILED or CRASHED)."), shown["summary"]
    version = open(os.path.join(ROOT, "VERSION")).read().strip()
    assert shown["footer"] == f"Made by examples/html/report.sql with sqlite-prefect v{version}, from SQL alone."


def test_table(tmp):
    shown = probe(tmp)["table"]
    expected = [["Created", "Flow", "Flow run", "State", "Key", "Type"]] + [list(r) for r in oracle(f"""
        SELECT substr(a.created, 1, 16), f.name, r.name, r.state_name, coalesce(a.key, '(no key)'),
               coalesce(a.type, '(none)')
          FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id JOIN flow AS f ON f.id = r.flow_id
         WHERE r.state_type IN {FAILING_SQL} ORDER BY a.created DESC LIMIT 25""")]
    assert len(expected) == 26
    assert shown == expected, f"got {shown}\nexpected {expected}"


def test_chart_layout(tmp):
    shown = probe(tmp)
    days = oracle_days()
    assert len(shown["days"]) == len(days), (len(shown["days"]), len(days))
    scale = FULL_BAR / max(n for _, n, _ in days)
    width, height = shown["viewport"]
    baseline = None
    for i, ((day, n, failing), bar) in enumerate(zip(days, shown["days"])):
        assert bar["tooltip"] == f"{day}: {n} artifacts, {failing} from failing flow runs", bar
        assert bar["shown"] == str(n), (day, bar["shown"])
        x, y, w, h = bar["all"]
        assert close(h, n * scale) and close(w, 22), (day, n, bar)
        fx, fy, fw, fh = bar["failing"]
        assert close(fh, failing * scale) and close(fx, x) and close(fy + fh, y + h), (day, failing, bar)
        baseline = y + h if baseline is None else baseline
        assert close(y + h, baseline), (day, bar)  # bars stand on one line
        assert close(x, shown["days"][0]["all"][0] + 28 * i), (day, bar)  # one day per 28 px, in order
        assert 0 <= x and x + w <= width and 0 <= y and baseline <= height, ("off screen", day, bar)
        assert bar["fills"] == ["rgb(%d, %d, %d)" % BAR_COLOURS["all"], "rgb(%d, %d, %d)" % BAR_COLOURS["failing"]]
    assert shown["dayLabels"] == [d[5:] for d, _, _ in days[::7]], shown["dayLabels"]


def test_history_chart(tmp):
    """The per-hour chart (flow_run_history) against flow_run by hand: every
    hour of the day, completed and failed stacked, 20 px a run."""
    hours = probe(tmp)["hours"]
    expected = oracle("""
        WITH RECURSIVE h(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM h WHERE n < 23)
        SELECT printf('%02d:00', n),
               (SELECT count(*) FROM flow_run WHERE state_type = 'COMPLETED'
                  AND expected_start_time >= printf('2026-10-18 %02d:00:00', n)
                  AND expected_start_time < printf('2026-10-18 %02d:99', n)),
               (SELECT count(*) FROM flow_run WHERE state_type = 'FAILED'
                  AND expected_start_time >= printf('2026-10-18 %02d:00:00', n)
                  AND expected_start_time < printf('2026-10-18 %02d:99', n))
          FROM h""")
    assert len(hours) == 24 and sum(c + f for _, c, f in expected) > 0, hours
    base = hours[0]["completed"][1] + hours[0]["completed"][3]
    for i, ((hour, completed, failed), bar) in enumerate(zip(expected, hours)):
        assert bar["tooltip"] == f"{hour}: {completed} completed, {failed} failed", bar
        x, y, w, h = bar["completed"]
        fx, fy, fw, fh = bar["failed"]
        assert close(h, 20 * completed) and close(fh, 20 * failed) and close(w, 22), (hour, bar)
        assert close(y + h, base) and close(fy + fh, y), (hour, bar)  # on the axis, failed on top
        assert close(x, hours[0]["completed"][0] + 28 * i) and close(fx, x), (hour, bar)
        assert bar["fills"] == ["rgb(22, 163, 74)", "rgb(220, 38, 38)"], bar


def test_screenshot(tmp):
    shown = probe(tmp)
    if os.path.exists(SCREENSHOT):
        os.remove(SCREENSHOT)
    before = file_digest(DEMO_DB)
    chromium(tmp, f"--screenshot={SCREENSHOT}", "file://" + PAGE)
    bars = shown["days"]
    width, height, pixels = read_png(SCREENSHOT, int(max(b["all"][1] + b["all"][3] for b in bars)) + 2)
    assert (width, height) == WINDOW, (width, height)

    def colour(x, y):
        return pixels[int(y)][int(x)]

    def near(c, expected):
        return all(abs(a - b) <= 6 for a, b in zip(c, expected))

    tallest = max(bars, key=lambda b: b["all"][3])
    reddest = max(bars, key=lambda b: b["failing"][3])
    x, y, w, h = tallest["all"]
    fh = tallest["failing"][3]
    # the blue part of the fullest day, its red part, and white right above it
    assert near(colour(x + w / 2, y + (h - fh) / 2), BAR_COLOURS["all"]), colour(x + w / 2, y + (h - fh) / 2)
    assert near(colour(x + 2, y - 12), WHITE) and near(colour(x + w + 3, y + h / 2), WHITE)
    x, y, w, h = reddest["failing"]
    assert h > 20, reddest
    assert near(colour(x + w / 2, y + h / 2), BAR_COLOURS["failing"]), colour(x + w / 2, y + h / 2)
    # every bar with a height shows its colour in its middle
    for bar in bars:
        for part in ("all", "failing"):
            x, y, w, h = bar[part]
            if part == "all":
                h -= bar["failing"][3]
            if h >= 3:
                assert near(colour(x + w / 2, y + h / 2), BAR_COLOURS[part]), (bar["tooltip"], part)
    assert file_digest(DEMO_DB) == before


def test_escaping(tmp):
    """A key with markup shows as text: the table is the shell's .mode html."""
    db = os.path.join(tmp, "markup.db")
    shutil.copy(DEMO_DB, db)
    run(["sqlite3", db, """UPDATE artifact SET key = '<b>x</b> & "y"' WHERE id = (
                             SELECT a.id FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
                              WHERE r.state_type IN ('FAILED', 'CRASHED') ORDER BY a.created DESC LIMIT 1)"""])
    page = run(["sh", "-c", f"sqlite3 {db} < examples/html/report.sql"])
    path = os.path.join(tmp, "markup.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "</body>"))
    dom = chromium(tmp, "--dump-dom", "file://" + path)
    shown = json.loads(html.unescape(re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S).group(1)))
    assert shown["table"][1][4] == '<b>x</b> & "y"', shown["table"][1]


if __name__ == "__main__":
    sys.exit(main("html", globals()))
