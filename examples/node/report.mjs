// A report on a Prefect database from Node.js: the latest failing flow runs,
// as Prefect's REST API would return them (prefect_api), and artifacts per day.
//
//   node examples/node/report.mjs [PREFECT_DB]      (default dist/demo.db; from the repository root,
//                                                     after `make demo` and `npm ci --prefix examples/node`)
//
// prefect_api(route, body) answers with the JSON the server sends for that
// route, so code written against the API reads it as it is. The functions are
// exported for tests/client/test_node.mjs.
import Database from "better-sqlite3";
import { pathToFileURL } from "node:url";

export const FAILING = { flow_runs: { state: { type: { any_: ["FAILED", "CRASHED"] } } } };

export function open(path, extension = "dist/prefect") {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.loadExtension(extension);
  return db;
}

/** POST <route> with body, answered from the database: the parsed JSON. */
export function api(db, route, body) {
  return JSON.parse(db.prepare("SELECT prefect_api(?, ?) AS answer").get(route, JSON.stringify(body)).answer);
}

/** The latest failing runs, each with its flow's name and its artifacts. */
export function latestFailingRuns(db, limit = 5) {
  const runs = api(db, "POST /flow_runs/filter", { ...FAILING, sort: "START_TIME_DESC", limit });
  const ids = (values) => ({ id: { any_: values } });
  const flows = new Map(api(db, "POST /flows/filter", { flows: ids(runs.map((r) => r.flow_id)) })
    .map((f) => [f.id, f.name]));
  const artifacts = api(db, "POST /artifacts/filter", { flow_runs: ids(runs.map((r) => r.id)), sort: "CREATED_DESC" });
  return runs.map((run) => ({
    start: run.start_time ?? run.expected_start_time,
    flow: flows.get(run.flow_id),
    name: run.name,
    state: run.state.name,
    message: run.state.message,
    artifacts: artifacts.filter((a) => a.flow_run_id === run.id).map((a) => a.key ?? `(${a.type})`),
  }));
}

/** [day, artifacts, of which from failing runs], for the last `days` days of data. */
export function perDay(db, days = 7) {
  return db.prepare(`
    SELECT substr(a.created, 1, 10) AS day, count(*) AS artifacts, count(failing.id) AS failing
      FROM artifacts AS a LEFT JOIN artifacts(?) AS failing ON failing.id = a.id
     GROUP BY day ORDER BY day DESC LIMIT ?`).raw().all(JSON.stringify(FAILING), days).reverse();
}

function main(path = "dist/demo.db") {
  const db = open(path);
  console.log(`The latest failing flow runs in ${path}`);
  for (const run of latestFailingRuns(db)) {
    console.log(`${run.start.slice(0, 16).replace("T", " ")}  ${run.flow}/${run.name}  ${run.state}: ${run.message}`);
    console.log(`    artifacts: ${run.artifacts.join(", ") || "none"}`);
  }
  console.log("");
  console.log("Artifacts per day (of which from failing runs)");
  for (const [day, artifacts, failing] of perDay(db)) {
    console.log(`${day} ${String(artifacts).padStart(5)} ${String(failing).padStart(4)}`);
  }
  db.close();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv[2]);
