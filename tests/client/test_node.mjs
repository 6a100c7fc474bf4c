// Node.js: better-sqlite3 12 loads dist/prefect with db.loadExtension() and
// runs examples/node/ (the quick start and the report); what they print is
// compared with an oracle, hand-written SQL over Prefect's own tables on a
// connection without the extension. Run from the repository root with Node's
// own test runner (make test-node):
//   node --test tests/client/test_node.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import fs from "node:fs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const NODE_EXAMPLES = path.join(ROOT, "examples", "node");
// better-sqlite3 is installed in examples/node (npm ci --prefix examples/node)
const Database = createRequire(path.join(NODE_EXAMPLES, "package.json"))("better-sqlite3");
const report = await import(path.join(NODE_EXAMPLES, "report.mjs"));
const DEMO_DB = path.join(ROOT, "dist", "demo.db");
const FAILING_SQL = "('FAILED', 'CRASHED')";

function oracle(sql, ...params) {
  const db = new Database(DEMO_DB, { readonly: true, fileMustExist: true });
  try {
    assert.throws(() => db.prepare("SELECT * FROM artifacts"), /no such table: artifacts/,
      "the oracle's connection must not have the extension");
    const rows = db.prepare(sql).all(...params);
    assert.ok(rows.length > 0, `the oracle found nothing: ${sql}`);
    return rows;
  } finally {
    db.close();
  }
}

function node(...args) {
  const proc = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  assert.equal(proc.status, 0, `node ${args.join(" ")} failed:\n${proc.stderr}`);
  assert.equal(proc.stderr, "");
  return proc.stdout;
}

test("the quick start prints the newest table artifacts of failed runs", () => {
  const expected = oracle(`
    SELECT a.key, a.type, a.created FROM artifact AS a JOIN flow_run AS r ON r.id = a.flow_run_id
     WHERE a.type = 'table' AND r.state_type = 'FAILED' ORDER BY a.created DESC LIMIT 3`);
  assert.equal(expected.length, 3);
  assert.equal(node("examples/node/quickstart.mjs"),
    expected.map((r) => `${r.key} ${r.type} ${r.created}\n`).join(""));
});

test("loadExtension: the extension runs inside better-sqlite3's own SQLite", () => {
  const db = new Database(":memory:");
  db.loadExtension(path.join(ROOT, "dist", "prefect"));
  const running = db.prepare("SELECT sqlite_version() AS v").get().v;
  const debug = db.prepare("SELECT prefect_debug() AS d").get().d;
  assert.match(debug, new RegExp(`^SQLite \\(running\\): ${running.replaceAll(".", "\\.")}$`, "m"));
  assert.match(debug, /^Build flags: loadable/m);
  assert.throws(() => db.prepare("SELECT * FROM artifacts('{\"limit\": -1}')").all(),
    { message: "prefect: limit: expected an integer >= 0, got -1" });
  db.close();
  assert.throws(() => new Database(":memory:").loadExtension(path.join(ROOT, "dist", "no-such-library")),
    /no-such-library/);
});

function oracleLatestFailingRuns(limit) {
  const runs = oracle(`
    SELECT r.id, coalesce(r.start_time, r.expected_start_time) AS start, f.name AS flow, r.name, s.name AS state,
           s.message
      FROM flow_run AS r JOIN flow AS f ON f.id = r.flow_id LEFT JOIN flow_run_state AS s ON s.id = r.state_id
     WHERE r.state_type IN ${FAILING_SQL}
     ORDER BY coalesce(r.start_time, r.expected_start_time) DESC LIMIT ?`, limit);
  return runs.map((r) => ({
    start: r.start,
    flow: r.flow,
    name: r.name,
    state: r.state,
    message: r.message,
    artifacts: oracleRows(`SELECT coalesce(key, '(' || type || ')') AS k FROM artifact
                                 WHERE flow_run_id = ? ORDER BY created DESC`, r.id).map((a) => a.k),
  }));
}

// like oracle(), where no row is a possible answer (a run without artifacts)
function oracleRows(sql, ...params) {
  const db = new Database(DEMO_DB, { readonly: true, fileMustExist: true });
  try { return db.prepare(sql).all(...params); } finally { db.close(); }
}

test("report.latestFailingRuns: prefect_api's runs, flows and artifacts", () => {
  const db = report.open(DEMO_DB, path.join(ROOT, "dist", "prefect"));
  const got = report.latestFailingRuns(db, 5);
  db.close();
  const expected = oracleLatestFailingRuns(5);
  // the API's datetimes are ISO 8601 with a Z; Prefect stores them as UTC text
  assert.deepEqual(got.map((r) => ({ ...r, start: r.start.replace("T", " ").replace("Z", "") })), expected);
  assert.ok(got.every((r) => r.message && r.message.length > 0));
  assert.ok(got.reduce((n, r) => n + r.artifacts.length, 0) > 5);
});

const ORACLE_PER_DAY = `
  SELECT substr(a.created, 1, 10) AS day, count(*) AS artifacts, count(r.id) AS failing
    FROM artifact AS a LEFT JOIN flow_run AS r ON r.id = a.flow_run_id AND r.state_type IN ${FAILING_SQL}
   GROUP BY day ORDER BY day DESC LIMIT 7`;

test("report.perDay: artifacts per day, and of failing runs", () => {
  const db = report.open(DEMO_DB, path.join(ROOT, "dist", "prefect"));
  const got = report.perDay(db, 7);
  db.close();
  assert.deepEqual(got, oracle(ORACLE_PER_DAY).reverse().map((r) => [r.day, r.artifacts, r.failing]));
});

test("the report script prints the same", () => {
  const out = node("examples/node/report.mjs").split("\n");
  assert.equal(out[0], "The latest failing flow runs in dist/demo.db");
  const runs = oracleLatestFailingRuns(5);
  assert.deepEqual(out.slice(1, 11), runs.flatMap((r) => [
    `${r.start.slice(0, 16)}  ${r.flow}/${r.name}  ${r.state}: ${r.message}`,
    `    artifacts: ${r.artifacts.join(", ")}`,
  ]));
  const days = out.slice(out.indexOf("Artifacts per day (of which from failing runs)") + 1).filter(Boolean);
  assert.deepEqual(days.map((l) => l.split(/\s+/)),
    oracle(ORACLE_PER_DAY).reverse().map((r) => [r.day, String(r.artifacts), String(r.failing)]));
  // a path argument; the database file is not written
  const before = fs.readFileSync(DEMO_DB);
  assert.equal(node("examples/node/report.mjs", DEMO_DB).split("\n").slice(1).join("\n"), out.slice(1).join("\n"));
  assert.ok(before.equals(fs.readFileSync(DEMO_DB)));
});
