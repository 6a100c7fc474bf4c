// Types for index.js.
export declare const ENTRY_POINT: "sqlite3_prefect_init";
/** The absolute path of the loadable extension this package carries. */
export declare function getLoadablePath(): string;
/** Loads sqlite-prefect into db (a better-sqlite3 Database, or anything with loadExtension). */
export declare function load(db: { loadExtension(path: string, entryPoint?: string): unknown }): void;
