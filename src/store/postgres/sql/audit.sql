-- The audit trail (store/audit_repository.cpp). An entry row is: seq, at, actor_id, actor,
-- roles, body_code, action, target, request_id, address, outcome, detail, prev_hash, hash.
-- name: lock
SELECT pg_advisory_xact_lock(7305040013);
-- name: last
SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
-- name: insert
INSERT INTO audit_log (seq, at, actor_id, actor, roles, body_code, action, target, request_id, address,
                       outcome, detail, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);
-- Empty criteria match everything; $3 an exact action, $4 an action prefix; $5/$6 times
-- from/to; $7 > 0: only entries before that seq.
-- name: search
SELECT seq, at, actor_id, actor, roles, body_code, action, target, request_id, address, outcome, detail,
       prev_hash, hash
FROM audit_log
WHERE ($1 = '' OR actor = $1) AND ($2 = '' OR body_code = $2) AND ($3 = '' OR action = $3)
  AND ($4 = '' OR left(action, length($4)) = $4) AND ($5 = '' OR at >= $5) AND ($6 = '' OR at <= $6)
  AND ($7 = 0 OR seq < $7)
ORDER BY seq DESC LIMIT $8;
-- name: chain
SELECT seq, at, actor_id, actor, roles, body_code, action, target, request_id, address, outcome, detail,
       prev_hash, hash
FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2;
