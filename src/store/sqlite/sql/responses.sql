-- Responses, their answers, categories and workflow (store/response_repository.cpp).
-- A response row is: id, campaign_id, body_code, state, locked, version, revision,
-- submitted_at, accepted_at, updated_at.
-- name: get
SELECT id, campaign_id, body_code, state, locked, version, revision, submitted_at, accepted_at, updated_at
FROM responses WHERE id = ?1;
-- The response as a guarded write reads it, locking the row where the backend has row locks.
-- name: get_for_update
SELECT id, campaign_id, body_code, state, locked, version, revision, submitted_at, accepted_at, updated_at
FROM responses WHERE id = ?1;
-- name: find
SELECT id, campaign_id, body_code, state, locked, version, revision, submitted_at, accepted_at, updated_at
FROM responses WHERE campaign_id = ?1 AND body_code = ?2;
-- name: of_body
SELECT id, campaign_id, body_code, state, locked, version, revision, submitted_at, accepted_at, updated_at
FROM responses WHERE body_code = ?1 ORDER BY campaign_id DESC;
-- name: list
SELECT r.id, r.campaign_id, r.body_code, r.state, r.locked, r.version, r.revision, r.submitted_at, r.accepted_at,
       r.updated_at, b.name_ja, b.type, b.name_kana
FROM responses r JOIN bodies b ON b.code = r.body_code
WHERE r.campaign_id = ?1 AND (?2 = '' OR b.prefecture_code = ?2) AND (?3 = '' OR r.state = ?3)
ORDER BY r.body_code;
-- name: answers
SELECT a.question_id, a.value, a.previous, a.state, a.needs_confirmation, a.not_applicable, a.na_reason, a.comment,
       a.evidence_url, a.version, a.updated_by, coalesce(u.display_name, ''), a.updated_at
FROM answers a LEFT JOIN users u ON u.id = a.updated_by WHERE a.response_id = ?1;
-- name: answer
SELECT a.question_id, a.value, a.previous, a.state, a.needs_confirmation, a.not_applicable, a.na_reason, a.comment,
       a.evidence_url, a.version, a.updated_by, coalesce(u.display_name, ''), a.updated_at
FROM answers a LEFT JOIN users u ON u.id = a.updated_by WHERE a.response_id = ?1 AND a.question_id = ?2;
-- The answer as a save reads it inside its write, locking the row where the backend has
-- row locks (PostgreSQL: FOR UPDATE OF a).
-- name: answer_for_update
SELECT a.question_id, a.value, a.previous, a.state, a.needs_confirmation, a.not_applicable, a.na_reason, a.comment,
       a.evidence_url, a.version, a.updated_by, coalesce(u.display_name, ''), a.updated_at
FROM answers a LEFT JOIN users u ON u.id = a.updated_by WHERE a.response_id = ?1 AND a.question_id = ?2;
-- name: update_answer
UPDATE answers SET value = ?3, state = ?4, not_applicable = ?5, na_reason = ?6, comment = ?7, evidence_url = ?8,
  needs_confirmation = 0, version = version + 1, updated_by = ?9, updated_at = ?10
WHERE response_id = ?1 AND question_id = ?2 AND version = ?11;
-- name: confirm_answer
UPDATE answers SET state = 'confirmed', version = version + 1, updated_by = ?3, updated_at = ?4
WHERE response_id = ?1 AND question_id = ?2 AND state = 'carried_over' AND needs_confirmation = 0 AND value IS NOT NULL;
-- One history row; note says why when it was not the person's own save ('' for one).
-- name: insert_history
INSERT INTO answer_history (response_id, question_id, version, user_id, at, old, new, note)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
-- name: history
SELECT h.version, h.user_id, u.display_name, h.at, h.old, h.new, h.note
FROM answer_history h JOIN users u ON u.id = h.user_id
WHERE h.response_id = ?1 AND h.question_id = ?2 ORDER BY h.version DESC;
-- name: touch
UPDATE responses SET version = version + 1, updated_at = ?2 WHERE id = ?1;
-- Touches the response only while its workflow state is the one the caller decided on.
-- name: touch_at_revision
UPDATE responses SET version = version + 1, updated_at = ?2 WHERE id = ?1 AND revision = ?3;
-- name: bump_revision
UPDATE responses SET version = version + 1, revision = revision + 1, updated_at = ?2 WHERE id = ?1;
-- name: categories
SELECT c.category, c.assignee, coalesce(u.display_name, ''), c.ready, c.return_comment
FROM response_categories c LEFT JOIN users u ON u.id = c.assignee WHERE c.response_id = ?1 ORDER BY c.category;
-- name: set_category_assignee
UPDATE response_categories SET assignee = ?3 WHERE response_id = ?1 AND category = ?2;
-- name: set_category_ready
UPDATE response_categories SET ready = ?3 WHERE response_id = ?1 AND category = ?2;
-- name: set_category_comment
UPDATE response_categories SET return_comment = ?3 WHERE response_id = ?1 AND category = ?2;
-- name: transition
UPDATE responses SET state = ?3, version = version + 1, revision = revision + 1, updated_at = ?4,
  submitted_at = CASE WHEN ?3 = 'submitted' THEN ?4 ELSE submitted_at END,
  accepted_at = CASE WHEN ?3 = 'accepted' THEN ?4 ELSE accepted_at END
WHERE id = ?1 AND state = ?2 AND locked = 0;
-- name: insert_event
INSERT INTO workflow_events (response_id, action, from_state, to_state, category, comment, user_id, at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
-- name: events
SELECT e.from_state, e.to_state, e.action, e.comment, e.at, u.display_name, e.category
FROM workflow_events e JOIN users u ON u.id = e.user_id WHERE e.response_id = ?1 ORDER BY e.id;
-- name: insert_submission
INSERT INTO submissions (response_id, at, snapshot) VALUES (?1, ?2, ?3);
-- name: submissions
SELECT snapshot FROM submissions WHERE response_id = ?1 ORDER BY id DESC;
-- name: unlock
UPDATE responses SET locked = 0, version = version + 1, revision = revision + 1, updated_at = ?2
WHERE id = ?1 AND locked = 1
RETURNING state;
-- name: frozen_groups
SELECT g.response_id, g.type, g.prefecture_code, g.core_city, g.network_model, g.population_band
FROM response_groups g JOIN responses r ON r.id = g.response_id WHERE r.campaign_id = ?1;
-- name: frozen_groups_of
SELECT g.response_id, g.type, g.prefecture_code, g.core_city, g.network_model, g.population_band
FROM response_groups g WHERE g.response_id = ?1;
-- name: counted_answers
SELECT r.id, r.body_code, a.question_id, a.value
FROM responses r JOIN answers a ON a.response_id = r.id
WHERE r.campaign_id = ?1 AND r.state IN ('submitted', 'accepted')
ORDER BY r.id;
