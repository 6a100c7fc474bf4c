-- sql/schema.sql: the Prefect tables sqlite-prefect reads, as Prefect's own SQLite migrations leave them.
--
-- What it is
--   DDL for the tables the extension queries (flow, flow_run, flow_run_state, task_run, task_run_state,
--   deployment, work_pool, work_queue, worker, artifact, artifact_collection, log, variable), the tables they reference by foreign
--   key (block_type, block_schema, block_document, concurrency_limit_v2) and alembic_version, with its one
--   row. Use it to make a test or demo database without installing Prefect:
--
--       sqlite3 demo.db < sql/schema.sql
--
-- Where it comes from
--   The DDL read back from sqlite_master after running all 112 of Prefect's SQLite migrations up to the head
--   revision f416ea180ae1 ("add flow_run.deployment_id index"; PrefectHQ/prefect commit ce79dd3d6cfa,
--   2026-08-21). Column names, declared types, defaults,
--   constraints, physical column order and indexes are unchanged; the only edit is "IF NOT EXISTS" in every
--   CREATE. SQLite drops "IF NOT EXISTS" from the text it stores, so sqlite_master ends up holding the same
--   CREATE statements as a freshly migrated Prefect file, and PRAGMA table_info / index_list / index_xinfo /
--   foreign_key_list give the same answers. Odd-looking details are Prefect's, kept on purpose: index names
--   ending in _desc that are ascending, the columns appended on one line by later migrations, defaults such
--   as '0' for total_run_time (stored as INTEGER 0, which Prefect itself cannot read back: writers must
--   store '1970-01-01 00:00:00.000000'), no foreign keys on artifact.*_run_id or flow_run.deployment_id.
--
-- Harmless on a real Prefect file
--   Every statement is CREATE ... IF NOT EXISTS, and the alembic_version row is only written when that
--   table is empty, so running this against ~/.prefect/prefect.db changes nothing there (tables, indexes and
--   the recorded migration revision stay as Prefect made them). It does not check that an existing file is
--   at revision f416ea180ae1; read alembic_version for that. The script has no BEGIN/COMMIT, so a caller
--   may run it inside its own transaction.

CREATE TABLE IF NOT EXISTS flow (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL, labels JSON,
	CONSTRAINT pk_flow PRIMARY KEY (id),
	CONSTRAINT uq_flow__name UNIQUE (name)
);
CREATE INDEX IF NOT EXISTS ix_flow__created ON flow (created);
CREATE INDEX IF NOT EXISTS ix_flow__updated ON flow (updated);
CREATE INDEX IF NOT EXISTS ix_flow_name_case_insensitive on flow (name COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS "flow_run_state" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	type VARCHAR(9) NOT NULL,
	timestamp DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	message VARCHAR,
	state_details JSON DEFAULT '{}' NOT NULL,
	data JSON,
	flow_run_id CHAR(36) NOT NULL,
	result_artifact_id CHAR(36),
	CONSTRAINT pk_flow_run_state PRIMARY KEY (id),
	CONSTRAINT fk_flow_run_state__flow_run_id__flow_run FOREIGN KEY(flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE,
	CONSTRAINT fk_flow_run_state__result_artifact_id__artifact FOREIGN KEY(result_artifact_id) REFERENCES artifact (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS ix_flow_run_state__name ON flow_run_state (name);
CREATE INDEX IF NOT EXISTS ix_flow_run_state__result_artifact_id ON flow_run_state (result_artifact_id);
CREATE INDEX IF NOT EXISTS ix_flow_run_state__type ON flow_run_state (type);
CREATE INDEX IF NOT EXISTS ix_flow_run_state__updated ON flow_run_state (updated);
CREATE UNIQUE INDEX IF NOT EXISTS uq_flow_run_state__flow_run_id_timestamp_desc ON flow_run_state (flow_run_id, timestamp);

CREATE TABLE IF NOT EXISTS "task_run_state" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	type VARCHAR(9) NOT NULL,
	timestamp DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	message VARCHAR,
	state_details JSON DEFAULT '{}' NOT NULL,
	data JSON,
	task_run_id CHAR(36) NOT NULL,
	result_artifact_id CHAR(36),
	CONSTRAINT pk_task_run_state PRIMARY KEY (id),
	CONSTRAINT fk_task_run_state__result_artifact_id__artifact FOREIGN KEY(result_artifact_id) REFERENCES artifact (id) ON DELETE SET NULL,
	CONSTRAINT fk_task_run_state__task_run_id__task_run FOREIGN KEY(task_run_id) REFERENCES task_run (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_task_run_state__name ON task_run_state (name);
CREATE INDEX IF NOT EXISTS ix_task_run_state__result_artifact_id ON task_run_state (result_artifact_id);
CREATE INDEX IF NOT EXISTS ix_task_run_state__type ON task_run_state (type);
CREATE INDEX IF NOT EXISTS ix_task_run_state__updated ON task_run_state (updated);
CREATE UNIQUE INDEX IF NOT EXISTS uq_task_run_state__task_run_id_timestamp_desc ON task_run_state (task_run_id, timestamp);

CREATE TABLE IF NOT EXISTS "artifact" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	"key" VARCHAR,
	type VARCHAR,
	data JSON,
	metadata_ JSON,
	task_run_id CHAR(36),
	flow_run_id CHAR(36), description VARCHAR,
	CONSTRAINT pk_artifact PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_artifact__flow_run_id ON artifact (flow_run_id);
CREATE INDEX IF NOT EXISTS ix_artifact__key ON artifact ("key");
CREATE INDEX IF NOT EXISTS ix_artifact__key_created_desc ON artifact ("key", created DESC);
CREATE INDEX IF NOT EXISTS ix_artifact__task_run_id ON artifact (task_run_id);
CREATE INDEX IF NOT EXISTS ix_artifact__updated ON artifact (updated);

CREATE TABLE IF NOT EXISTS artifact_collection (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	"key" VARCHAR NOT NULL,
	latest_id CHAR(36) NOT NULL, task_run_id CHAR(36), flow_run_id CHAR(36), type VARCHAR, data JSON, description VARCHAR, metadata_ JSON,
	CONSTRAINT pk_artifact_collection PRIMARY KEY (id),
	CONSTRAINT uq_artifact_collection__key UNIQUE ("key")
);
CREATE INDEX IF NOT EXISTS ix_artifact_collection__key_latest_id ON artifact_collection ("key", latest_id);
CREATE INDEX IF NOT EXISTS ix_artifact_collection__updated ON artifact_collection (updated);

CREATE TABLE IF NOT EXISTS "flow_run" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	state_type VARCHAR(9),
	run_count INTEGER DEFAULT '0' NOT NULL,
	expected_start_time DATETIME,
	next_scheduled_start_time DATETIME,
	start_time DATETIME,
	end_time DATETIME,
	total_run_time DATETIME DEFAULT '0' NOT NULL,
	flow_version VARCHAR,
	parameters JSON DEFAULT '{}' NOT NULL,
	idempotency_key VARCHAR,
	context JSON DEFAULT '{}' NOT NULL,
	empirical_policy JSON DEFAULT '{}' NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL,
	auto_scheduled BOOLEAN DEFAULT '0' NOT NULL,
	flow_id CHAR(36) NOT NULL,
	deployment_id CHAR(36),
	parent_task_run_id CHAR(36),
	state_id CHAR(36),
	state_name VARCHAR,
	infrastructure_document_id CHAR(36),
	work_queue_name VARCHAR,
	state_timestamp DATETIME,
	created_by JSON,
	infrastructure_pid VARCHAR,
	work_queue_id CHAR(36), job_variables JSON DEFAULT '{}', deployment_version VARCHAR, labels JSON,
	CONSTRAINT pk_flow_run PRIMARY KEY (id),
	CONSTRAINT fk_flow_run__infrastructure_document_id__block_document FOREIGN KEY(infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
	CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY(parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL,
	CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY(state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL,
	CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY(flow_id) REFERENCES flow (id) ON DELETE CASCADE,
	CONSTRAINT fk_flow_run__work_queue_id__work_queue FOREIGN KEY(work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS ix_flow_run__deployment_id ON flow_run (deployment_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__deployment_version ON flow_run (deployment_version);
CREATE INDEX IF NOT EXISTS ix_flow_run__end_time_desc ON flow_run (end_time);
CREATE INDEX IF NOT EXISTS ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time);
CREATE INDEX IF NOT EXISTS ix_flow_run__flow_id ON flow_run (flow_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__flow_version ON flow_run (flow_version);
CREATE INDEX IF NOT EXISTS ix_flow_run__infrastructure_document_id ON flow_run (infrastructure_document_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__name ON flow_run (name);
CREATE INDEX IF NOT EXISTS ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time);
CREATE INDEX IF NOT EXISTS ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__schedule_id_scheduler ON flow_run (deployment_id, json_extract(created_by, '$.id'), next_scheduled_start_time) WHERE state_type = 'SCHEDULED' AND auto_scheduled = 1;
CREATE INDEX IF NOT EXISTS ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED';
CREATE INDEX IF NOT EXISTS ix_flow_run__start_time ON flow_run (start_time);
CREATE INDEX IF NOT EXISTS ix_flow_run__state_id ON flow_run (state_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__state_name ON flow_run (state_name);
CREATE INDEX IF NOT EXISTS ix_flow_run__state_timestamp ON flow_run (state_timestamp);
CREATE INDEX IF NOT EXISTS ix_flow_run__state_type ON flow_run (state_type);
CREATE INDEX IF NOT EXISTS ix_flow_run__updated ON flow_run (updated);
CREATE INDEX IF NOT EXISTS ix_flow_run__work_queue_id ON flow_run (work_queue_id);
CREATE INDEX IF NOT EXISTS ix_flow_run__work_queue_name ON flow_run (work_queue_name);
CREATE INDEX IF NOT EXISTS ix_flow_run_name_case_insensitive ON flow_run (name);
CREATE UNIQUE INDEX IF NOT EXISTS uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key);

CREATE TABLE IF NOT EXISTS "task_run" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	state_type VARCHAR(9),
	run_count INTEGER DEFAULT '0' NOT NULL,
	expected_start_time DATETIME,
	next_scheduled_start_time DATETIME,
	start_time DATETIME,
	end_time DATETIME,
	total_run_time DATETIME DEFAULT '0' NOT NULL,
	task_key VARCHAR NOT NULL,
	dynamic_key VARCHAR NOT NULL,
	cache_key VARCHAR,
	cache_expiration DATETIME,
	task_version VARCHAR,
	empirical_policy JSON DEFAULT '{}' NOT NULL,
	task_inputs JSON DEFAULT '{}' NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL,
	flow_run_id CHAR(36),
	state_id CHAR(36),
	state_name VARCHAR,
	state_timestamp DATETIME,
	flow_run_run_count INTEGER DEFAULT '0' NOT NULL,
	labels JSON,
	CONSTRAINT pk_task_run PRIMARY KEY (id),
	CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY(flow_run_id) REFERENCES flow_run (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_task_run__end_time_desc ON task_run (end_time);
CREATE INDEX IF NOT EXISTS ix_task_run__expected_start_time_desc ON task_run (expected_start_time);
CREATE INDEX IF NOT EXISTS ix_task_run__flow_run_id ON task_run (flow_run_id);
CREATE INDEX IF NOT EXISTS ix_task_run__name ON task_run (name);
CREATE INDEX IF NOT EXISTS ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time);
CREATE INDEX IF NOT EXISTS ix_task_run__start_time ON task_run (start_time);
CREATE INDEX IF NOT EXISTS ix_task_run__state_id ON task_run (state_id);
CREATE INDEX IF NOT EXISTS ix_task_run__state_name ON task_run (state_name);
CREATE INDEX IF NOT EXISTS ix_task_run__state_timestamp ON task_run (state_timestamp);
CREATE INDEX IF NOT EXISTS ix_task_run__state_type ON task_run (state_type);
CREATE INDEX IF NOT EXISTS ix_task_run__state_type_start_time ON task_run (state_type, start_time);
CREATE INDEX IF NOT EXISTS ix_task_run__updated ON task_run (updated);
CREATE INDEX IF NOT EXISTS ix_task_run_name_case_insensitive ON task_run (name);
CREATE UNIQUE INDEX IF NOT EXISTS uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key);

CREATE TABLE IF NOT EXISTS "deployment" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL,
	parameters JSON DEFAULT '{}' NOT NULL,
	flow_id CHAR(36) NOT NULL,
	description TEXT,
	infrastructure_document_id CHAR(36),
	parameter_openapi_schema JSON,
	storage_document_id CHAR(36),
	version VARCHAR,
	infra_overrides JSON DEFAULT '{}' NOT NULL,
	path VARCHAR,
	entrypoint VARCHAR,
	work_queue_name VARCHAR,
	created_by JSON,
	updated_by JSON,
	work_queue_id CHAR(36),
	pull_steps JSON,
	enforce_parameter_schema BOOLEAN DEFAULT '0' NOT NULL,
	last_polled DATETIME,
	paused BOOLEAN DEFAULT '0' NOT NULL,
	status VARCHAR(9) DEFAULT 'NOT_READY' NOT NULL,
	concurrency_limit INTEGER,
	concurrency_options JSON,
	concurrency_limit_id CHAR(36),
	labels JSON, version_id CHAR(36),
	CONSTRAINT pk_deployment PRIMARY KEY (id),
	CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY(infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
	CONSTRAINT fk_deployment__work_queue_id__work_queue FOREIGN KEY(work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL,
	CONSTRAINT fk_deployment__storage_document_id__block_document FOREIGN KEY(storage_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
	CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2 FOREIGN KEY(concurrency_limit_id) REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL,
	CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY(flow_id) REFERENCES flow (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_deployment__created ON deployment (created);
CREATE INDEX IF NOT EXISTS ix_deployment__flow_id ON deployment (flow_id);
CREATE INDEX IF NOT EXISTS ix_deployment__paused ON deployment (paused);
CREATE INDEX IF NOT EXISTS ix_deployment__updated ON deployment (updated);
CREATE INDEX IF NOT EXISTS ix_deployment__version_id ON deployment (version_id);
CREATE INDEX IF NOT EXISTS ix_deployment__work_queue_id ON deployment (work_queue_id);
CREATE INDEX IF NOT EXISTS ix_deployment__work_queue_name ON deployment (work_queue_name);
CREATE INDEX IF NOT EXISTS ix_deployment_name_case_insensitive ON deployment (name);
CREATE UNIQUE INDEX IF NOT EXISTS uq_deployment__flow_id_name ON deployment (flow_id, name);

CREATE TABLE IF NOT EXISTS "work_pool" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	description VARCHAR,
	type VARCHAR NOT NULL,
	base_job_template JSON DEFAULT '{}' NOT NULL,
	is_paused BOOLEAN DEFAULT '0' NOT NULL,
	concurrency_limit INTEGER,
	default_queue_id CHAR(36), status VARCHAR(9) DEFAULT 'NOT_READY' NOT NULL, last_transitioned_status_at DATETIME, last_status_event_id CHAR(36), storage_configuration JSON DEFAULT '{}' NOT NULL,
	CONSTRAINT pk_work_pool PRIMARY KEY (id),
	CONSTRAINT uq_work_pool__name UNIQUE (name),
	CONSTRAINT fk_work_pool__default_queue_id__work_queue FOREIGN KEY(default_queue_id) REFERENCES work_queue (id) ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS ix_work_pool__type ON work_pool (type);
CREATE INDEX IF NOT EXISTS ix_work_pool__updated ON work_pool (updated);

CREATE TABLE IF NOT EXISTS "work_queue" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	filter JSON,
	description VARCHAR DEFAULT ('') NOT NULL,
	is_paused BOOLEAN DEFAULT '0' NOT NULL,
	concurrency_limit INTEGER,
	last_polled DATETIME,
	priority INTEGER DEFAULT '1' NOT NULL,
	work_pool_id CHAR(36) NOT NULL, status VARCHAR(9) DEFAULT 'NOT_READY' NOT NULL,
	CONSTRAINT pk_work_queue PRIMARY KEY (id),
	CONSTRAINT fk_work_queue__work_pool_id__work_pool FOREIGN KEY(work_pool_id) REFERENCES work_pool (id) ON DELETE CASCADE,
	CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX IF NOT EXISTS ix_work_queue__updated ON work_queue (updated);
CREATE INDEX IF NOT EXISTS ix_work_queue__work_pool_id ON work_queue (work_pool_id);
CREATE INDEX IF NOT EXISTS ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority);

CREATE TABLE IF NOT EXISTS "log" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	level SMALLINT NOT NULL,
	flow_run_id CHAR(36),
	task_run_id CHAR(36),
	message TEXT NOT NULL,
	timestamp DATETIME NOT NULL,
	CONSTRAINT pk_log PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_log__flow_run_id ON log (flow_run_id);
CREATE INDEX IF NOT EXISTS ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp);
CREATE INDEX IF NOT EXISTS ix_log__level ON log (level);
CREATE INDEX IF NOT EXISTS ix_log__task_run_id ON log (task_run_id);
CREATE INDEX IF NOT EXISTS ix_log__timestamp ON log (timestamp);
CREATE INDEX IF NOT EXISTS ix_log__updated ON log (updated);

CREATE TABLE IF NOT EXISTS "variable" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	tags JSON DEFAULT '[]' NOT NULL,
	value JSON,
	CONSTRAINT pk_variable PRIMARY KEY (id),
	CONSTRAINT uq_variable__name UNIQUE (name)
);
CREATE INDEX IF NOT EXISTS ix_variable__updated ON variable (updated);

CREATE TABLE IF NOT EXISTS worker (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	last_heartbeat_time DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	work_pool_id CHAR(36) NOT NULL, heartbeat_interval_seconds INTEGER, status VARCHAR(7) DEFAULT 'OFFLINE' NOT NULL,
	CONSTRAINT pk_worker PRIMARY KEY (id),
	CONSTRAINT fk_worker__work_pool_id__work_pool FOREIGN KEY(work_pool_id) REFERENCES work_pool (id) ON DELETE cascade,
	CONSTRAINT uq_worker__work_pool_id_name UNIQUE (work_pool_id, name)
);
CREATE INDEX IF NOT EXISTS ix_worker__updated ON worker (updated);
CREATE INDEX IF NOT EXISTS ix_worker__work_pool_id ON worker (work_pool_id);
CREATE INDEX IF NOT EXISTS ix_worker__work_pool_id_last_heartbeat_time ON worker (work_pool_id, last_heartbeat_time);

CREATE TABLE IF NOT EXISTS "block_type" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	logo_url VARCHAR,
	documentation_url VARCHAR,
	description VARCHAR,
	code_example VARCHAR,
	is_protected BOOLEAN DEFAULT '0' NOT NULL,
	slug VARCHAR NOT NULL,
	CONSTRAINT pk_block_type PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_block_type__updated ON block_type (updated);
CREATE INDEX IF NOT EXISTS ix_block_type_name_case_insensitive ON block_type (name);
CREATE UNIQUE INDEX IF NOT EXISTS uq_block_type__slug ON block_type (slug);

CREATE TABLE IF NOT EXISTS "block_schema" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	fields JSON DEFAULT '{}' NOT NULL,
	block_type_id CHAR(36) NOT NULL,
	checksum VARCHAR NOT NULL,
	capabilities JSON DEFAULT '[]' NOT NULL, version VARCHAR DEFAULT 'non-versioned' NOT NULL,
	CONSTRAINT pk_block_schema PRIMARY KEY (id),
	CONSTRAINT fk_block_schema__block_type_id__block_type FOREIGN KEY(block_type_id) REFERENCES block_type (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_block_schema__block_type_id ON block_schema (block_type_id);
CREATE INDEX IF NOT EXISTS ix_block_schema__created ON block_schema (created);
CREATE INDEX IF NOT EXISTS ix_block_schema__updated ON block_schema (updated);
CREATE UNIQUE INDEX IF NOT EXISTS uq_block_schema__checksum_version ON block_schema (checksum, version);

CREATE TABLE IF NOT EXISTS "block_document" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	name VARCHAR NOT NULL,
	data JSON DEFAULT '{}' NOT NULL,
	block_schema_id CHAR(36) NOT NULL,
	block_type_id CHAR(36) NOT NULL,
	is_anonymous BOOLEAN DEFAULT '0' NOT NULL, block_type_name VARCHAR,
	CONSTRAINT pk_block_document PRIMARY KEY (id),
	CONSTRAINT fk_block__block_schema_id__block_schema FOREIGN KEY(block_schema_id) REFERENCES block_schema (id) ON DELETE CASCADE,
	CONSTRAINT fk_block_document__block_type_id__block_type FOREIGN KEY(block_type_id) REFERENCES block_type (id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS ix_block_document__block_type_name__name ON block_document (block_type_name, name);
CREATE INDEX IF NOT EXISTS ix_block_document__is_anonymous ON block_document (is_anonymous);
CREATE INDEX IF NOT EXISTS ix_block_document__name ON block_document (name);
CREATE INDEX IF NOT EXISTS ix_block_document__updated ON block_document (updated);
CREATE INDEX IF NOT EXISTS ix_block_document_name_case_insensitive on block_document (name COLLATE NOCASE);
CREATE UNIQUE INDEX IF NOT EXISTS uq_block__type_id_name ON block_document (block_type_id, name);

CREATE TABLE IF NOT EXISTS "concurrency_limit_v2" (
	id CHAR(36) DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))),2) || '-' || substr('89ab',abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))),2) || '-' || lower(hex(randomblob(6)))) NOT NULL,
	created DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	updated DATETIME DEFAULT (strftime('%Y-%m-%d %H:%M:%f000', 'now')) NOT NULL,
	active BOOLEAN NOT NULL,
	name VARCHAR NOT NULL,
	"limit" INTEGER NOT NULL,
	active_slots INTEGER NOT NULL,
	denied_slots INTEGER NOT NULL,
	slot_decay_per_second FLOAT NOT NULL,
	avg_slot_occupancy_seconds FLOAT NOT NULL,
	CONSTRAINT pk_concurrency_limit_v2 PRIMARY KEY (id),
	CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
);
CREATE INDEX IF NOT EXISTS ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated);

CREATE TABLE IF NOT EXISTS alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- The migration revision a freshly migrated file records; left alone if the table already has a row.
INSERT OR IGNORE INTO alembic_version (version_num)
SELECT 'f416ea180ae1' WHERE NOT EXISTS (SELECT 1 FROM alembic_version);
