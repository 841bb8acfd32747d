-- The outbox (store/event_repository.cpp; written by the other repositories inside their
-- writes).
-- name: record
INSERT INTO events (kind, campaign_id, response_id, body_code, at) VALUES (?1, ?2, ?3, ?4, ?5);
-- name: record_response_changed
INSERT INTO events (kind, campaign_id, response_id, body_code, at)
SELECT 'response_changed', campaign_id, id, body_code, ?2 FROM responses WHERE id = ?1;
-- name: latest
SELECT coalesce(max(id), 0) FROM events;
-- name: after
SELECT id, kind, campaign_id, response_id, body_code, at FROM events WHERE id > ?1 ORDER BY id LIMIT ?2;
-- name: prune
DELETE FROM events WHERE at < ?1;
