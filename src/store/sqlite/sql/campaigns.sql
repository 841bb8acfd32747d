-- Campaigns, their targets, opening and closing (store/campaign_repository.cpp).
-- name: insert
INSERT INTO campaigns (title, fiscal_year, catalog_id, opens_at, closes_at) VALUES (?1, ?2, ?3, ?4, ?5)
RETURNING id;
-- name: insert_target
INSERT INTO campaign_targets (campaign_id, body_code) VALUES (?1, ?2);
-- name: get
SELECT id, title, fiscal_year, catalog_id, state, opens_at, closes_at, target_count, closed_at
FROM campaigns WHERE id = ?1;
-- name: list
SELECT id, title, fiscal_year, catalog_id, state, opens_at, closes_at, target_count, closed_at
FROM campaigns ORDER BY fiscal_year DESC, id DESC;
-- name: set_target_count
UPDATE campaigns SET target_count = (SELECT count(*) FROM campaign_targets WHERE campaign_id = ?1) WHERE id = ?1;
-- name: targets
SELECT body_code FROM campaign_targets WHERE campaign_id = ?1 ORDER BY body_code;
-- name: set_state
UPDATE campaigns SET state = ?2 WHERE id = ?1 AND state = ?3;
-- name: set_closed_at
UPDATE campaigns SET closed_at = ?2 WHERE id = ?1;
-- name: set_closes_at
UPDATE campaigns SET closes_at = ?2 WHERE id = ?1;
-- name: last_accepted
SELECT r.body_code, a.question_id, a.value
FROM responses r JOIN campaigns c ON c.id = r.campaign_id JOIN answers a ON a.response_id = r.id
WHERE c.catalog_id = ?1 AND r.state = 'accepted' AND a.value IS NOT NULL AND a.not_applicable = 0
  AND r.campaign_id = (SELECT max(r2.campaign_id) FROM responses r2 JOIN campaigns c2 ON c2.id = r2.campaign_id
                       WHERE r2.body_code = r.body_code AND c2.catalog_id = ?1 AND r2.state = 'accepted')
ORDER BY r.body_code;
-- name: insert_response
INSERT INTO responses (campaign_id, body_code, updated_at) VALUES (?1, ?2, ?3);
-- name: response_ids
SELECT body_code, id FROM responses WHERE campaign_id = ?1 ORDER BY body_code;
-- name: insert_answer
INSERT INTO answers (response_id, question_id, value, previous, state, needs_confirmation, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);
-- name: insert_category
INSERT INTO response_categories (response_id, category) VALUES (?1, ?2);
-- name: lock_events
INSERT INTO workflow_events (response_id, action, from_state, to_state, comment, user_id, at)
SELECT id, 'campaign_closed', state, state, '', ?2, ?3 FROM responses
WHERE campaign_id = ?1 AND locked = 0 AND (state = 'draft' OR state = 'ready_for_review' OR state = 'returned');
-- The responses' comparison groups as they stand at closing (migrations/0002).
-- name: freeze_groups
INSERT INTO response_groups (response_id, type, prefecture_code, core_city, network_model, population_band, frozen_at)
SELECT r.id, b.type, b.prefecture_code, b.core_city, b.network_model, b.population_band, ?2
FROM responses r JOIN bodies b ON b.code = r.body_code
WHERE r.campaign_id = ?1
ON CONFLICT (response_id) DO NOTHING;
-- name: lock_unsubmitted
UPDATE responses SET locked = 1, version = version + 1, revision = revision + 1
WHERE campaign_id = ?1 AND (state = 'draft' OR state = 'ready_for_review' OR state = 'returned');
-- name: import_events
INSERT INTO workflow_events (response_id, action, from_state, to_state, comment, user_id, at)
SELECT id, 'imported', state, 'accepted', '', ?2, ?3 FROM responses WHERE campaign_id = ?1;
-- name: import_accepted
UPDATE responses SET state = 'accepted', submitted_at = ?2, accepted_at = ?2, updated_at = ?2,
  version = version + 1, revision = revision + 1
WHERE campaign_id = ?1;
