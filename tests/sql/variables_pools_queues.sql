-- variables(), work_pools(), work_queues(): POST /variables/filter,
-- /work_pools/filter, /work_queues/filter (and their counts). Prefect's own
-- model tests on their fixtures (variables: four named variable1, variable12,
-- variable2, variable21; work queues: wq-1 1, wq-1 2, wq-2 1, wq-3 1 beside
-- the pool's "default"), the answers its assertions state; the rest by hand.
.read sql/schema.sql
.mode list
INSERT INTO work_pool (id, name, type) VALUES
 ('b0000000-0000-4000-8000-000000000001', 'default-agent-pool', 'prefect-agent'),
 ('b0000000-0000-4000-8000-000000000002', 'k8s', 'kubernetes'),
 ('b0000000-0000-4000-8000-000000000003', 'Docker', 'docker');
INSERT INTO work_queue (id, name, work_pool_id, priority) VALUES
 ('e0000000-0000-4000-8000-000000000001', 'default', 'b0000000-0000-4000-8000-000000000001', 1),
 ('e0000000-0000-4000-8000-000000000002', 'wq-1 1', 'b0000000-0000-4000-8000-000000000001', 2),
 ('e0000000-0000-4000-8000-000000000003', 'wq-1 2', 'b0000000-0000-4000-8000-000000000001', 3),
 ('e0000000-0000-4000-8000-000000000004', 'wq-2 1', 'b0000000-0000-4000-8000-000000000001', 4),
 ('e0000000-0000-4000-8000-000000000005', 'wq-3 1', 'b0000000-0000-4000-8000-000000000001', 5);
INSERT INTO variable (id, created, updated, name, value, tags) VALUES
 ('c0000000-0000-4000-8000-000000000001', '2026-01-01 00:00:01.000000', '2026-01-04 00:00:00.000000', 'variable1', '"value1"', '["tag1"]'),
 ('c0000000-0000-4000-8000-000000000002', '2026-01-01 00:00:02.000000', '2026-01-03 00:00:00.000000', 'variable12', '"value12"', '["tag2"]'),
 ('c0000000-0000-4000-8000-000000000003', '2026-01-01 00:00:03.000000', '2026-01-02 00:00:00.000000', 'variable2', '"value2"', '["tag1"]'),
 ('c0000000-0000-4000-8000-000000000004', '2026-01-01 00:00:04.000000', '2026-01-01 00:00:00.000000', 'variable21', '"value21"', '["tag2"]'),
 ('c0000000-0000-4000-8000-000000000005', '2026-01-01 00:00:05.000000', '2026-01-05 00:00:00.000000', 'no_tags', '{"a": 1}', '[]');
DELETE FROM variable WHERE id = 'c0000000-0000-4000-8000-000000000005';

-- variables (Prefect's read/count tests)
SELECT 'no filter', (SELECT group_concat(name, ' ') FROM variables('{"limit": 200}'));
SELECT 'id', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"id": {"any_": ["C0000000-0000-4000-8000-000000000003"]}}}'));
SELECT 'name any_', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"name": {"any_": ["variable1"]}}}'));
SELECT 'name like_ variable1%', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"name": {"like_": "variable1%"}}, "sort": "NAME_ASC"}'));
SELECT 'tags all_ tag1', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"tags": {"all_": ["tag1"]}}, "sort": "NAME_ASC"}'));
SELECT 'NAME_ASC', (SELECT group_concat(name, ' ') FROM variables('{"sort": "NAME_ASC"}'));
SELECT 'NAME_DESC', (SELECT group_concat(name, ' ') FROM variables('{"sort": "NAME_DESC"}'));
SELECT 'CREATED_DESC', (SELECT group_concat(name, ' ') FROM variables('{"sort": "CREATED_DESC"}'));
SELECT 'UPDATED_DESC', (SELECT group_concat(name, ' ') FROM variables('{"sort": "UPDATED_DESC"}'));
SELECT 'count like_ variable1%', (SELECT count(*) FROM variables('{"variables": {"name": {"like_": "variable1%"}}}'));
SELECT 'count of none', (SELECT count(*) FROM variables('{"variables": {"name": {"any_": []}}}'));
-- by hand: tags is_null_, or_, like_ "" is no criterion, value as stored JSON
INSERT INTO variable (id, name, value, tags) VALUES ('c0000000-0000-4000-8000-000000000005', 'no_tags', '{"a": 1}', '[]');
SELECT 'tags is_null_', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"tags": {"is_null_": true}}}'));
SELECT 'or_ name or tags', (SELECT group_concat(name, ' ') FROM variables('{"variables": {"operator": "or_", "name": {"any_": ["variable2"]}, "tags": {"all_": ["tag2"]}}, "sort": "NAME_ASC"}'));
SELECT 'like_ ""', (SELECT count(*) FROM variables('{"variables": {"name": {"like_": ""}}}'));
SELECT 'value', (SELECT value FROM variables WHERE name = 'no_tags');
SELECT 'offset 1 limit 2', (SELECT group_concat(name, ' ') FROM variables('{"offset": 1, "limit": 2}'));

-- work queues (Prefect: ordered by name; "default" first)
SELECT 'queues', (SELECT group_concat(name, ',') FROM work_queues('{"limit": 200}'));
SELECT 'limit 1 offset 1', (SELECT group_concat(substr(id, -2), ' ') FROM work_queues('{"limit": 1, "offset": 1}'));
SELECT 'offset 1', (SELECT group_concat(substr(id, -2), ' ') FROM work_queues('{"offset": 1}'));
SELECT 'name any_', (SELECT group_concat(name, ',') FROM work_queues('{"work_queues": {"name": {"any_": ["wq-1 1", "wq-2 1"]}}, "limit": 200}'));
SELECT 'name startswith_', (SELECT group_concat(name, ',') FROM work_queues('{"work_queues": {"name": {"startswith_": ["wq-1", "WQ-2"]}}, "limit": 200}'));
SELECT 'startswith_ [] under or_ vanishes', (SELECT group_concat(name, ',') FROM work_queues('{"work_queues": {"operator": "or_", "name": {"startswith_": []}, "id": {"any_": ["e0000000-0000-4000-8000-000000000005"]}}}'));
SELECT 'count', (SELECT count(*) FROM work_queues('{"work_queues": {"name": {"startswith_": ["wq"]}}}'));

-- work pools (ordered by name, BINARY: upper case first)
SELECT 'pools', (SELECT group_concat(name, ',') FROM work_pools('{"limit": 200}'));
SELECT 'type any_', (SELECT group_concat(name, ',') FROM work_pools('{"work_pools": {"type": {"any_": ["kubernetes", "docker"]}}, "limit": 200}'));
SELECT 'name any_', (SELECT group_concat(name, ',') FROM work_pools('{"work_pools": {"name": {"any_": ["k8s"]}}}'));
SELECT 'or_', (SELECT group_concat(name, ',') FROM work_pools('{"work_pools": {"operator": "or_", "name": {"any_": ["k8s"]}, "id": {"any_": ["b0000000-0000-4000-8000-000000000003"]}}, "limit": 200}'));
SELECT 'count', (SELECT count(*) FROM work_pools('{"work_pools": {"type": {"any_": ["docker"]}}}'));

-- errors: the routes take no sort; related keys they do not accept
SELECT * FROM work_pools('{"sort": "NAME_ASC"}');
SELECT * FROM work_queues('{"work_pools": {}}');
SELECT * FROM variables('{"variables": {"tags": {"any_": ["tag1"]}}}');
SELECT * FROM variables('{"sort": "KEY_ASC"}');
UPDATE variables SET name = 'x';
INSERT INTO work_pools (name) VALUES ('x');
EXPLAIN QUERY PLAN SELECT * FROM variables WHERE name = 'variable1';
