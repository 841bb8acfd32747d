-- The outbox (store/event_repository.cpp; written by the other repositories inside their
-- writes).
-- Both inserts first take a transaction-level advisory lock, held until commit: the ids of
-- events are then handed out in commit order, so a reader that has seen id N will never
-- later find a smaller id committed (a cursor over `id > N` misses nothing). Only the
-- writes that change figures take it, and they are few beside autosaves. They also NOTIFY
-- mamori_events, which PostgreSQL delivers to every listening node when (and only if) the
-- transaction commits, once per transaction (pg_database.cpp, wait_for_events).
-- name: record
INSERT INTO events (kind, campaign_id, response_id, body_code, at)
SELECT $1::text, $2::bigint, $3::bigint, $4::text, $5::text FROM (SELECT pg_advisory_xact_lock(7305040001), pg_notify('mamori_events', '')) l;
-- name: record_response_changed
INSERT INTO events (kind, campaign_id, response_id, body_code, at)
SELECT 'response_changed', r.campaign_id, r.id, r.body_code, $2::text
FROM (SELECT pg_advisory_xact_lock(7305040001), pg_notify('mamori_events', '')) l, responses r WHERE r.id = $1;
-- name: latest
SELECT coalesce(max(id), 0) FROM events;
-- name: after
SELECT id, kind, campaign_id, response_id, body_code, at FROM events WHERE id > $1 ORDER BY id LIMIT $2;
-- name: prune
DELETE FROM events WHERE at < $1;
