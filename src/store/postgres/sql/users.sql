-- Users, their accounts and sessions (store/user_repository.cpp).
-- A user row is: id, login, display_name, body_code ('' for none), roles, expires_at, email,
-- disabled, must_change_password, totp_enabled, ministry ('' for none).
-- A session row is a user row, then csrf_token, expires_at, stage, created_at, last_seen_at,
-- address, user_agent, token_hash.
-- name: insert
INSERT INTO users (login, display_name, body_code, roles, expires_at, password_hash, email, must_change_password, ministry)
VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6, $7, $8, NULLIF($9, ''))
RETURNING id;
-- name: set_password
UPDATE users SET password_hash = $2, must_change_password = $3 WHERE id = $1;
-- name: by_login
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email, disabled, must_change_password,
       totp_enabled, coalesce(ministry, ''), password_hash
FROM users WHERE login = $1;
-- name: by_id
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email, disabled, must_change_password,
       totp_enabled, coalesce(ministry, '')
FROM users WHERE id = $1;
-- name: by_body
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email, disabled, must_change_password,
       totp_enabled, coalesce(ministry, '')
FROM users WHERE coalesce(body_code, '') = $1 ORDER BY id;
-- name: by_email
SELECT id, login, display_name, coalesce(body_code, ''), roles, expires_at, email, disabled, must_change_password,
       totp_enabled, coalesce(ministry, '')
FROM users WHERE email <> '' AND lower(email) = lower($1) ORDER BY id;
-- Each column: $2 = 1 sets it to $3 (and so on); 0 leaves it.
-- name: change_account
UPDATE users SET
  disabled = CASE WHEN $2 = 1 THEN $3 ELSE disabled END,
  roles = CASE WHEN $4 = 1 THEN $5 ELSE roles END,
  expires_at = CASE WHEN $6 = 1 THEN $7 ELSE expires_at END,
  display_name = CASE WHEN $8 = 1 THEN $9 ELSE display_name END,
  email = CASE WHEN $10 = 1 THEN $11 ELSE email END
WHERE id = $1;
-- name: second_factor
SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = $1;
-- name: begin_enrolment
UPDATE users SET totp_secret = $2, totp_enabled = 0 WHERE id = $1 AND totp_enabled = 0;
-- name: confirm_enrolment
UPDATE users SET totp_enabled = 1, totp_last_step = $2 WHERE id = $1 AND totp_enabled = 0 AND totp_secret IS NOT NULL;
-- name: use_code_step
UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2;
-- name: reset_second_factor
UPDATE users SET totp_secret = NULL, totp_enabled = 0, totp_last_step = 0 WHERE id = $1;
-- name: delete_recovery_codes
DELETE FROM recovery_codes WHERE user_id = $1;
-- name: insert_recovery_code
INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2);
-- name: use_recovery_code
UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL;
-- name: unused_recovery_codes
SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL;
-- name: delete_expired_sessions
DELETE FROM sessions WHERE expires_at <= $1;
-- name: insert_session
INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, stage, created_at, last_seen_at, address, user_agent)
VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8);
-- name: find_session
SELECT u.id, u.login, u.display_name, coalesce(u.body_code, ''), u.roles, u.expires_at, u.email, u.disabled,
       u.must_change_password, u.totp_enabled, coalesce(u.ministry, ''),
       s.csrf_token, s.expires_at, s.stage, s.created_at, s.last_seen_at, s.address, s.user_agent, s.token_hash
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at >= $3 AND u.disabled = 0
  AND (u.expires_at IS NULL OR u.expires_at > $2);
-- name: list_sessions
SELECT u.id, u.login, u.display_name, coalesce(u.body_code, ''), u.roles, u.expires_at, u.email, u.disabled,
       u.must_change_password, u.totp_enabled, coalesce(u.ministry, ''),
       s.csrf_token, s.expires_at, s.stage, s.created_at, s.last_seen_at, s.address, s.user_agent, s.token_hash
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.user_id = $1 AND s.expires_at > $2 AND s.last_seen_at >= $3
ORDER BY s.last_seen_at DESC, s.created_at DESC;
-- name: touch_session
UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1;
-- name: delete_session
DELETE FROM sessions WHERE token_hash = $1;
-- name: delete_sessions_of
DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2;
-- name: end_tokens
UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL;
-- name: insert_token
INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5);
-- name: token_user
SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3;
-- name: use_token
UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
RETURNING user_id;
