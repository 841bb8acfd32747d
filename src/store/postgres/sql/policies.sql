-- The policy obligation (store/policy_repository.cpp): organs, policies, reviews, roles.
-- An organ row is: id, body_code, kind, name, scope, scope_basis, decided_by, approved_by,
-- approved_at.
-- Serialises the writes of one body's obligation until the transaction ends, so that what a
-- write checks (the organs are the body's; the roles behind an adoption) still holds when it
-- changes something: each statement after the lock sees what committed before it.
-- name: lock_body
SELECT pg_advisory_xact_lock(hashtext('mamori/policies/' || $1));
-- name: organs
SELECT id, body_code, kind, name, scope, scope_basis, decided_by, approved_by, approved_at
FROM organs WHERE body_code = $1 ORDER BY id;
-- name: insert_organ
INSERT INTO organs (body_code, kind, name, scope, scope_basis, decided_by, approved_by, approved_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, '', NULL, $7) RETURNING id;
-- name: set_scope
UPDATE organs SET scope = $3, scope_basis = $4, decided_by = $5, approved_by = '', approved_at = NULL
WHERE body_code = $1 AND id = $2;
-- name: approve_scope
UPDATE organs SET approved_by = $3, approved_at = $4 WHERE body_code = $1 AND id = $2 AND scope = 'individual';
-- name: organ_exists
SELECT count(*) FROM organs WHERE body_code = $1 AND id = $2;
-- A policy row is: id, body_code, title, version, basis, state, adopted_on, effective_on,
-- approving_organ, publication_url, published_on, review_months, revision, updated_by,
-- updated_at.
-- name: policies
SELECT id, body_code, title, version, basis, state, adopted_on, effective_on, approving_organ, publication_url,
       published_on, review_months, revision, updated_by, updated_at
FROM policies WHERE body_code = $1 ORDER BY id;
-- name: policy_organs
SELECT po.policy_id, po.organ_id FROM policy_organs po JOIN policies p ON p.id = po.policy_id
WHERE p.body_code = $1 ORDER BY po.policy_id, po.organ_id;
-- name: reviews
SELECT r.policy_id, r.id, r.planned_on, r.done_on, r.done_by, r.outcome, r.new_version
FROM policy_reviews r JOIN policies p ON p.id = r.policy_id
WHERE p.body_code = $1 ORDER BY r.policy_id, r.planned_on, r.id;
-- name: insert_policy
INSERT INTO policies (body_code, title, version, basis, state, adopted_on, effective_on, approving_organ,
                      publication_url, published_on, review_months, revision, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13) RETURNING id;
-- Replaces a policy's fields while its revision is the one the change was made on.
-- name: update_policy
UPDATE policies SET title = $3, version = $4, basis = $5, state = $6, adopted_on = $7, effective_on = $8,
  approving_organ = $9, publication_url = $10, published_on = $11, review_months = $12,
  revision = revision + 1, updated_by = $13, updated_at = $14
WHERE body_code = $1 AND id = $2 AND revision = $15;
-- name: policy_revision
SELECT revision FROM policies WHERE body_code = $1 AND id = $2;
-- name: bump_policy
UPDATE policies SET revision = revision + 1, updated_by = $3, updated_at = $4 WHERE body_code = $1 AND id = $2;
-- name: clear_policy_organs
DELETE FROM policy_organs WHERE policy_id = $1;
-- name: insert_policy_organ
INSERT INTO policy_organs (policy_id, organ_id) VALUES ($1, $2);
-- name: insert_review
INSERT INTO policy_reviews (policy_id, planned_on, done_on, done_by, outcome, new_version, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id;
-- A role holder row is: id, body_code, role, person, title, department, contact, since,
-- until, recorded_by, recorded_at. A holder is recorded current (until NULL) except in a bulk
-- import of past terms.
-- name: roles
SELECT id, body_code, role, person, title, department, contact, since, until, recorded_by, recorded_at
FROM security_roles WHERE body_code = $1 ORDER BY role COLLATE "C", since, id;
-- name: insert_role
INSERT INTO security_roles (body_code, role, person, title, department, contact, since, until, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id;
-- name: role_until
SELECT until FROM security_roles WHERE body_code = $1 AND id = $2;
-- name: end_role
UPDATE security_roles SET until = $3 WHERE body_code = $1 AND id = $2 AND until IS NULL;
-- The board (domain/policy_board.h): every registered organ with the best status of the
-- policies covering it (0 none, 1 drafting, 2 adopted, 3 published) and the earliest
-- adoption and publication among them.
-- name: board_organs
SELECT o.body_code, o.name, o.kind, o.scope, o.approved_by,
       coalesce(max(CASE WHEN p.state = 'adopted' AND p.publication_url <> '' AND p.published_on IS NOT NULL THEN 3
                         WHEN p.state = 'adopted' THEN 2
                         WHEN p.id IS NOT NULL THEN 1 END), 0),
       min(CASE WHEN p.state = 'adopted' THEN p.adopted_on END),
       min(CASE WHEN p.state = 'adopted' AND p.publication_url <> '' THEN p.published_on END)
FROM organs o LEFT JOIN policy_organs po ON po.organ_id = o.id LEFT JOIN policies p ON p.id = po.policy_id
GROUP BY o.id, o.body_code, o.name, o.kind, o.scope, o.approved_by
ORDER BY o.body_code COLLATE "C", o.id;
-- The adopted policies with their last review done.
-- name: board_reviews
SELECT p.body_code, p.title, p.adopted_on, p.review_months, max(r.done_on)
FROM policies p LEFT JOIN policy_reviews r ON r.policy_id = p.id
WHERE p.state = 'adopted'
GROUP BY p.id, p.body_code, p.title, p.adopted_on, p.review_months
ORDER BY p.body_code COLLATE "C", p.id;
-- Raised by every write of the obligation, inside its transaction (migration 0006).
-- name: bump_version
UPDATE obligation_version SET n = n + 1 WHERE id = 1;
-- name: version
SELECT n FROM obligation_version WHERE id = 1;
-- The publication check. A published policy: adopted, with a URL and a date.
-- name: due_publication
SELECT p.id FROM policies p LEFT JOIN publication_checks c ON c.policy_id = p.id
WHERE p.state = 'adopted' AND p.publication_url <> '' AND p.published_on IS NOT NULL
  AND (c.policy_id IS NULL OR c.next_check_at <= $1 OR c.url <> p.publication_url)
ORDER BY coalesce(c.next_check_at, '') COLLATE "C", p.id LIMIT 1;
-- Claims a publication ($1 policy) unless another claim holds it ($2: now; a far date to claim
-- it whenever due), due next at $3. No row: not claimed.
-- name: claim_publication
INSERT INTO publication_checks (policy_id, url, next_check_at)
SELECT p.id, p.publication_url, $3 FROM policies p
WHERE p.id = $1 AND p.state = 'adopted' AND p.publication_url <> '' AND p.published_on IS NOT NULL
ON CONFLICT (policy_id) DO UPDATE SET url = excluded.url, next_check_at = excluded.next_check_at,
  -- another URL: the last check was of the old one
  checked_at = CASE WHEN publication_checks.url <> excluded.url THEN NULL ELSE publication_checks.checked_at END,
  outcome = CASE WHEN publication_checks.url <> excluded.url THEN '' ELSE publication_checks.outcome END
WHERE publication_checks.next_check_at <= $2 OR publication_checks.url <> excluded.url
RETURNING policy_id;
-- name: publication_target
SELECT p.id, p.body_code, c.url, p.revision, c.baseline_sha256, c.baseline_revision
FROM policies p JOIN publication_checks c ON c.policy_id = p.id WHERE p.id = $1;
-- name: policy_published
SELECT CASE WHEN state = 'adopted' AND publication_url <> '' AND published_on IS NOT NULL THEN 1 ELSE 0 END
FROM policies
WHERE body_code = $1 AND id = $2;
-- The outcome last recorded (to raise the obligation's version only when it changes).
-- name: check_outcome
SELECT outcome FROM publication_checks WHERE policy_id = $1;
-- name: record_check
UPDATE publication_checks SET checked_at = $3, status_code = $4, final_url = $5, content_sha256 = $6, outcome = $7,
  error = $8, baseline_sha256 = $9, baseline_revision = $10
WHERE policy_id = $1 AND url = $2;
-- A check row is: policy_id, body_code, title, url, checked_at, status_code, final_url,
-- content_sha256, error, outcome (of the policy's current URL only).
-- name: body_checks
SELECT c.policy_id, p.body_code, p.title, c.url, c.checked_at, c.status_code, c.final_url, c.content_sha256, c.error,
       c.outcome
FROM publication_checks c JOIN policies p ON p.id = c.policy_id
WHERE p.body_code = $1 AND c.checked_at IS NOT NULL AND c.url = p.publication_url ORDER BY c.policy_id;
-- name: failing_checks
SELECT c.policy_id, p.body_code, p.title, c.url, c.checked_at, c.status_code, c.final_url, c.content_sha256, c.error,
       c.outcome
FROM publication_checks c JOIN policies p ON p.id = c.policy_id
WHERE c.checked_at IS NOT NULL AND c.outcome NOT IN ('', 'ok') AND c.url = p.publication_url
  AND p.state = 'adopted' AND p.published_on IS NOT NULL
ORDER BY p.body_code COLLATE "C", c.policy_id;
