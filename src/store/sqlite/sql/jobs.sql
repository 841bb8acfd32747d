-- Jobs (store/job_repository.cpp).
-- A job row is: id, kind, state, done, total, started_by, node, error_status, error_code,
-- error_message, error_args, result_file, result_name, result_type, created_at, updated_at.
-- Nothing to lock: SQLite has one writer (PostgreSQL takes an advisory lock here).
-- name: lock_kind
SELECT ?1 WHERE 0;
-- name: running
SELECT count(*), coalesce(sum(started_by = ?2), 0) FROM jobs WHERE kind = ?1 AND state = 'running';
-- name: insert
INSERT INTO jobs (kind, state, started_by, node, result_file, result_name, result_type, created_at, updated_at)
VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6, ?7, ?7)
RETURNING id;
-- The owner's earlier result files of a kind (read, then forgotten: RETURNING gives new values).
-- name: results_of
SELECT result_file FROM jobs
WHERE kind = ?1 AND started_by = ?2 AND state <> 'running' AND result_file <> '' AND id <> ?3;
-- name: forget_results_of
UPDATE jobs SET result_file = ''
WHERE kind = ?1 AND started_by = ?2 AND state <> 'running' AND result_file <> '' AND id <> ?3;
-- name: progress
UPDATE jobs SET done = ?2, total = ?3, updated_at = ?4 WHERE id = ?1 AND state = 'running';
-- name: finish
UPDATE jobs SET state = ?2, error_status = ?3, error_code = ?4, error_message = ?5, error_args = ?6, updated_at = ?7
WHERE id = ?1 AND state = 'running';
-- name: get
SELECT id, kind, state, done, total, started_by, node, error_status, error_code, error_message, error_args,
       result_file, result_name, result_type, created_at, updated_at
FROM jobs WHERE id = ?1;
-- name: abandon
UPDATE jobs SET state = 'failed', error_status = ?2, error_code = ?3, error_message = ?4, error_args = ?5,
  updated_at = ?6
WHERE node = ?1 AND state = 'running';
-- name: results_of_node
SELECT result_file FROM jobs WHERE node = ?1 AND result_file <> '';
-- name: forget_results_of_node
UPDATE jobs SET result_file = '' WHERE node = ?1 AND result_file <> '';
