-- Migration 2: the comparison groups of each response, frozen when its campaign closes
-- (issue 12 §5); as src/store/sqlite/migrations/0002_response_groups.sql.
CREATE TABLE response_groups (
  response_id BIGINT PRIMARY KEY REFERENCES responses(id),
  type TEXT NOT NULL,
  prefecture_code TEXT NOT NULL,
  core_city INTEGER NOT NULL,
  network_model TEXT NOT NULL,
  population_band TEXT NOT NULL,
  frozen_at TEXT NOT NULL
);

INSERT INTO response_groups (response_id, type, prefecture_code, core_city, network_model, population_band, frozen_at)
SELECT r.id, b.type, b.prefecture_code, b.core_city, b.network_model, b.population_band, coalesce(c.closed_at, '')
FROM responses r JOIN campaigns c ON c.id = r.campaign_id JOIN bodies b ON b.code = r.body_code
WHERE c.state = 'closed';
