-- Users and sessions (store/user_repository.cpp).
-- A user row is: id, login, display_name, body_code ('' for none), roles, expires_at, email.
-- name: insert
INSERT INTO users (login, display_name, body_code, roles, expires_at, password_hash, email)
VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6, $7)
RETURNING id;
-- name: set_password
UPDATE users SET password_hash = $2 WHERE id = $1;
-- name: by_login
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email, password_hash FROM users WHERE login = $1;
-- name: by_id
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email FROM users WHERE id = $1;
-- name: by_body
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email FROM users
WHERE coalesce(body_code, '') = $1 ORDER BY id;
-- name: delete_expired_sessions
DELETE FROM sessions WHERE expires_at <= $1;
-- name: insert_session
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4);
-- name: find_session
SELECT u.id, u.login, u.display_name, coalesce(u.body_code, ''), u.roles, u.expires_at, u.email,
       s.csrf_token, s.expires_at
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND (u.expires_at IS NULL OR u.expires_at > $2);
-- name: delete_session
DELETE FROM sessions WHERE token_hash = $1;
