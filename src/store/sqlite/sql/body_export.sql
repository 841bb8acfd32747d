-- A body's own data, read whole and restored whole (store/body_export_repository.cpp).
-- Text orders are by code point, the same on every backend.
-- name: body
SELECT code, name_ja, name_kana, type, prefecture_code, core_city, network_model, population_band
FROM bodies WHERE code = ?1;
-- name: responses
SELECT r.id, c.catalog_id, c.fiscal_year, c.title, c.state, c.opens_at, c.closes_at, c.closed_at,
       r.state, r.locked, r.version, r.revision, r.submitted_at, r.accepted_at, r.updated_at
FROM responses r JOIN campaigns c ON c.id = r.campaign_id
WHERE r.body_code = ?1 ORDER BY c.fiscal_year, c.catalog_id, c.title, r.id;
-- name: groups
SELECT type, prefecture_code, core_city, network_model, population_band, frozen_at
FROM response_groups WHERE response_id = ?1;
-- name: categories
SELECT c.category, coalesce(u.display_name, ''), c.ready, c.return_comment
FROM response_categories c LEFT JOIN users u ON u.id = c.assignee WHERE c.response_id = ?1 ORDER BY c.category;
-- name: answers
SELECT a.question_id, a.value, a.previous, a.state, a.needs_confirmation, a.not_applicable, a.na_reason, a.comment,
       a.evidence_url, a.version, coalesce(u.display_name, ''), a.updated_at
FROM answers a LEFT JOIN users u ON u.id = a.updated_by WHERE a.response_id = ?1 ORDER BY a.question_id;
-- name: history
SELECT h.question_id, h.version, u.display_name, h.at, h.old, h.new, h.note
FROM answer_history h JOIN users u ON u.id = h.user_id
WHERE h.response_id = ?1 ORDER BY h.question_id, h.version, h.id;
-- name: events
SELECT e.action, e.from_state, e.to_state, e.category, e.comment, u.display_name, e.at
FROM workflow_events e JOIN users u ON u.id = e.user_id WHERE e.response_id = ?1 ORDER BY e.id;
-- name: submissions
SELECT at, snapshot FROM submissions WHERE response_id = ?1 ORDER BY id;
-- name: response_count
SELECT count(*) FROM responses WHERE body_code = ?1;
-- name: insert_body
INSERT INTO bodies (code, name_ja, name_kana, type, prefecture_code, core_city, network_model, population_band)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);
-- A survey as a document names it; its state, to refuse restoring into one in another state.
-- name: find_campaign
SELECT id, state FROM campaigns
WHERE catalog_id = ?1 AND fiscal_year = ?2 AND title = ?3 AND opens_at = ?4 ORDER BY id LIMIT 1;
-- name: insert_campaign
INSERT INTO campaigns (title, fiscal_year, catalog_id, state, opens_at, closes_at, closed_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id;
-- Adds the body to a survey's targets (and its count) unless it is one already.
-- name: add_target
INSERT INTO campaign_targets (campaign_id, body_code) VALUES (?1, ?2) ON CONFLICT DO NOTHING;
-- name: count_target
UPDATE campaigns SET target_count = target_count + 1 WHERE id = ?1;
-- Who the responses name: each display name once, and whether an account of the body holds it.
-- name: people
SELECT u.display_name, max(CASE WHEN u.body_code = ?1 THEN 1 ELSE 0 END)
FROM users u
WHERE u.id IN (SELECT a.updated_by FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.body_code = ?1
               UNION SELECT h.user_id FROM answer_history h JOIN responses r ON r.id = h.response_id WHERE r.body_code = ?1
               UNION SELECT e.user_id FROM workflow_events e JOIN responses r ON r.id = e.response_id WHERE r.body_code = ?1
               UNION SELECT c.assignee FROM response_categories c JOIN responses r ON r.id = c.response_id
                     WHERE r.body_code = ?1)
GROUP BY u.display_name ORDER BY u.display_name;
-- The body's account of a name.
-- name: find_person
SELECT id FROM users WHERE body_code = ?1 AND display_name = ?2 ORDER BY id LIMIT 1;
-- A national account (MIC's, a partner ministry's) of a name.
-- name: find_national_person
SELECT id FROM users WHERE body_code IS NULL AND display_name = ?1 ORDER BY id LIMIT 1;
-- name: login_taken
SELECT count(*) FROM users WHERE login = ?1;
-- A name the data gives, held by an account that cannot sign in: disabled, without roles,
-- with a password hash no password matches; of the body, or national (body_code NULL).
-- name: insert_person
INSERT INTO users (login, display_name, body_code, roles, password_hash, disabled)
VALUES (?1, ?2, ?3, '', '!', 1) RETURNING id;
-- name: insert_response
INSERT INTO responses (campaign_id, body_code, state, locked, version, revision, submitted_at, accepted_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id;
-- name: insert_groups
INSERT INTO response_groups (response_id, type, prefecture_code, core_city, network_model, population_band, frozen_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: insert_category
INSERT INTO response_categories (response_id, category, assignee, ready, return_comment) VALUES (?1, ?2, ?3, ?4, ?5);
-- name: insert_answer
INSERT INTO answers (response_id, question_id, value, previous, state, needs_confirmation, not_applicable, na_reason,
                     comment, evidence_url, version, updated_by, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13);
