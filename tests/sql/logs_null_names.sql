-- Text search where the logger name or the message is NULL: Prefect's log
-- table forbids it, but an edited or older file may hold one. Prefect joins
-- with concat(), which reads NULL as '', so the text is never NULL: a NULL
-- name still lets the message match, and an excluded term keeps the row.
-- (A table of the same shape without the NOT NULLs; derived by hand.)
CREATE TABLE log (id CHAR(36) NOT NULL PRIMARY KEY, created DATETIME, updated DATETIME, name VARCHAR,
                  level SMALLINT NOT NULL, flow_run_id CHAR(36), task_run_id CHAR(36), message TEXT,
                  timestamp DATETIME NOT NULL);
INSERT INTO log (id, name, level, message, timestamp) VALUES
 ('90000000-0000-4000-8000-000000000001', NULL, 20, 'boom happened', '2026-01-01 01:00:00.000000'),
 ('90000000-0000-4000-8000-000000000002', 'prefect.boom', 20, NULL, '2026-01-01 02:00:00.000000'),
 ('90000000-0000-4000-8000-000000000003', NULL, 20, NULL, '2026-01-01 03:00:00.000000');
.mode list
SELECT 'boom', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "boom"}}, "limit": 10}'));
SELECT '-boom', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "-boom"}}, "limit": 10}'));
SELECT '"happened " (the joining space)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "\"happened \""}}, "limit": 10}'));
SELECT '" prefect" (the joining space)', (SELECT group_concat(substr(id, -2), ' ') FROM logs('{"logs": {"text": {"query": "\" prefect\""}}, "limit": 10}'));
SELECT '" " alone is no term', (SELECT count(*) FROM logs('{"logs": {"text": {"query": "\" \""}}}'));
