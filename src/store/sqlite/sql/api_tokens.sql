-- Read-only API tokens of partner analysts (store/api_token_repository.cpp). A token row is:
-- id, label, created_at, last_used_at, revoked_at.
-- name: insert
INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id;
-- name: of_user
SELECT id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ?1 ORDER BY id DESC;
-- Every token of a user whose account or credentials changed (store/user_repository.cpp).
-- name: revoke_all
UPDATE api_tokens SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL;
-- name: revoke
UPDATE api_tokens SET revoked_at = ?3 WHERE id = ?2 AND user_id = ?1 AND revoked_at IS NULL;
-- The user row (users.sql) of an unrevoked token whose user may sign in, then the token's last use.
-- name: user_of
SELECT u.id, u.login, u.display_name, coalesce(u.body_code, ''), u.roles, u.expires_at, u.email, u.disabled,
       u.must_change_password, u.totp_enabled, coalesce(u.ministry, ''), t.last_used_at
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = ?1 AND t.revoked_at IS NULL AND u.disabled = 0 AND (u.expires_at IS NULL OR u.expires_at > ?2);
-- name: touch
UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1;
