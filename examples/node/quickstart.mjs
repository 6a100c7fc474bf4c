// node examples/node/quickstart.mjs   (from the repository root, after `make demo` and `npm ci --prefix examples/node`)
import Database from "better-sqlite3";

const db = new Database("dist/demo.db", { readonly: true });
db.loadExtension("dist/prefect");
const body = { artifacts: { type: { any_: ["table"] } }, flow_runs: { state: { type: { any_: ["FAILED"] } } },
               sort: "CREATED_DESC", limit: 3 };
for (const { key, type, created } of db.prepare("SELECT key, type, created FROM artifacts(?)").iterate(JSON.stringify(body)))
  console.log(key, type, created);
