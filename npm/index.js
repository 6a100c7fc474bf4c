// sqlite-prefect for Node.js: the path of the loadable extension this package
// carries, and load(db) for a better-sqlite3 connection (or anything else with
// the same loadExtension(path[, entryPoint]) method).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

// SQLite derives this from the file name prefect.so; naming it keeps a
// renamed copy loadable.
const ENTRY_POINT = "sqlite3_prefect_init";

// The library sits beside this file (npm pack puts it there).
function getLoadablePath() {
  const loadable = path.join(__dirname, "prefect.so");
  if (!fs.existsSync(loadable)) {
    throw new Error(`sqlite-prefect: the library is missing: no ${loadable} (the package was packed without it)`);
  }
  return loadable;
}

// Loads sqlite-prefect into db: its virtual tables (artifacts, flow_runs, ...)
// and functions (prefect_api(), ...) are then there for every statement on db.
function load(db) {
  if (!db || typeof db.loadExtension !== "function") {
    throw new TypeError("sqlite-prefect: load(db) needs a database with a loadExtension() method, such as better-sqlite3's");
  }
  db.loadExtension(getLoadablePath(), ENTRY_POINT);
}

module.exports = { ENTRY_POINT, getLoadablePath, load };
