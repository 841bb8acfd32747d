-- Sign-in attempts counted per key (store/sign_in_repository.cpp). The column `login` holds
-- the key (services/session/sign_in_limits.h).
-- name: get
SELECT failures, last_at FROM sign_in_failures WHERE login = $1;
-- An attempt after the window ($2) starts counting again from 1.
-- name: record
INSERT INTO sign_in_failures (login, failures, last_at) VALUES ($1, 1, $3)
ON CONFLICT (login) DO UPDATE SET
  failures = CASE WHEN sign_in_failures.last_at < $2 THEN 1 ELSE sign_in_failures.failures + 1 END,
  last_at = $3
RETURNING failures;
-- name: prune
DELETE FROM sign_in_failures WHERE last_at < $1;
-- name: uncount
UPDATE sign_in_failures SET failures = failures - 1 WHERE login = $1 AND failures > 0;
-- name: clear
DELETE FROM sign_in_failures WHERE login = $1;
-- name: counted
SELECT login, failures, last_at FROM sign_in_failures WHERE failures >= $1 ORDER BY last_at DESC, login LIMIT $2;
