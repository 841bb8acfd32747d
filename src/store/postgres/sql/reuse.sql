-- Reuse between surveys (store/reuse_repository.cpp, docs/MEASURES.md). A measure answer row
-- is: body_code, measure_id, fiscal_year, value, revision, source_response_id,
-- source_question_id, source campaign id, source catalogue id, given_by, giver's name,
-- given_at, confirmed_by, confirmer's name, confirmed_at. A mark row is: question_id,
-- measure_id, relation, state, candidate, measure_revision, answer_follows.
-- name: measure_answer_get
SELECT value FROM measure_answers WHERE fiscal_year = $1 AND body_code = $2 AND measure_id = $3;
-- name: measure_answer_set
INSERT INTO measure_answers (fiscal_year, body_code, measure_id, value, revision, source_response_id,
                             source_question_id, given_by, given_at, confirmed_by, confirmed_at)
VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, NULL, NULL)
ON CONFLICT (fiscal_year, body_code, measure_id) DO UPDATE SET
  value = excluded.value, revision = measure_answers.revision + 1, source_response_id = excluded.source_response_id,
  source_question_id = excluded.source_question_id, given_by = excluded.given_by, given_at = excluded.given_at,
  confirmed_by = NULL, confirmed_at = NULL
RETURNING revision;
-- A person of another survey took the measure's answer as theirs (the first value: their response).
-- name: measure_answer_confirm
UPDATE measure_answers SET confirmed_by = $3, confirmed_at = $4
WHERE measure_id = $2 AND (fiscal_year, body_code) =
  (SELECT c.fiscal_year, r.body_code FROM responses r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1);
-- name: measure_answers_of_year
SELECT m.body_code, m.measure_id, m.fiscal_year, m.value, m.revision, m.source_response_id, m.source_question_id,
       s.campaign_id, c.catalog_id, m.given_by, coalesce(g.display_name, ''), m.given_at, m.confirmed_by,
       coalesce(k.display_name, ''), m.confirmed_at
FROM measure_answers m
JOIN responses s ON s.id = m.source_response_id JOIN campaigns c ON c.id = s.campaign_id
LEFT JOIN users g ON g.id = m.given_by LEFT JOIN users k ON k.id = m.confirmed_by
WHERE m.fiscal_year = $1;
-- name: mark
SELECT question_id, measure_id, relation, state, candidate, measure_revision, answer_follows
FROM answer_reuse WHERE response_id = $1 AND question_id = $2;
-- name: mark_set
INSERT INTO answer_reuse (response_id, question_id, measure_id, relation, state, candidate, measure_revision,
                          answer_follows, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (response_id, question_id) DO UPDATE SET
  measure_id = excluded.measure_id, relation = excluded.relation, state = excluded.state,
  candidate = excluded.candidate, measure_revision = excluded.measure_revision,
  answer_follows = excluded.answer_follows, updated_at = excluded.updated_at;
-- name: mark_delete
DELETE FROM answer_reuse WHERE response_id = $1 AND question_id = $2;
-- Every mark of a response, with the measure answer it is from (none when removed).
-- name: marks_of_response
SELECT r.question_id, r.measure_id, r.relation, r.state, r.candidate, r.measure_revision, r.answer_follows,
       m.body_code, m.measure_id, m.fiscal_year, m.value, m.revision, m.source_response_id, m.source_question_id,
       s.campaign_id, c.catalog_id, m.given_by, coalesce(g.display_name, ''), m.given_at, m.confirmed_by,
       coalesce(k.display_name, ''), m.confirmed_at
FROM answer_reuse r
JOIN responses tr ON tr.id = r.response_id JOIN campaigns tc ON tc.id = tr.campaign_id
LEFT JOIN measure_answers m
  ON m.fiscal_year = tc.fiscal_year AND m.body_code = tr.body_code AND m.measure_id = r.measure_id
LEFT JOIN responses s ON s.id = m.source_response_id LEFT JOIN campaigns c ON c.id = s.campaign_id
LEFT JOIN users g ON g.id = m.given_by LEFT JOIN users k ON k.id = m.confirmed_by
WHERE r.response_id = $1;
-- name: counts
SELECT r.response_id,
       sum(CASE WHEN r.state IN ('filled', 'confirmed') THEN 1 ELSE 0 END),
       sum(CASE WHEN r.state IN ('proposed', 'recheck') THEN 1 ELSE 0 END)
FROM answer_reuse r JOIN responses p ON p.id = r.response_id
WHERE p.campaign_id = $1 GROUP BY r.response_id;
-- name: entries_saved
SELECT count(*) FROM answer_reuse WHERE state IN ('filled', 'confirmed');
-- The marks of a campaign being opened (new responses: no conflict).
-- name: mark_insert
INSERT INTO answer_reuse (response_id, question_id, measure_id, relation, state, candidate, measure_revision,
                          answer_follows, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
-- name: mark_insert.copy
COPY answer_reuse (response_id, question_id, measure_id, relation, state, candidate, measure_revision, answer_follows,
                   updated_at) FROM STDIN
-- The body's other responses of a fiscal year in open campaigns: id, catalogue.
-- name: other_responses
SELECT r.id, c.catalog_id FROM responses r JOIN campaigns c ON c.id = r.campaign_id
WHERE r.body_code = $1 AND c.fiscal_year = $2 AND c.state = 'open' AND r.id <> $3;
