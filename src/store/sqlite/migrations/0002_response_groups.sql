-- Migration 2: the comparison groups of each response, frozen when its campaign closes
-- (issue 12 §5). The published figures of a closed campaign group and score its responses
-- by these attributes, not by the body's current ones, so that MIC editing a body's
-- population band or network model later moves no published figure. Closed campaigns of
-- an earlier release are frozen here with the attributes the bodies have today (the best
-- that is known).
CREATE TABLE response_groups (
  response_id INTEGER PRIMARY KEY REFERENCES responses(id),
  type TEXT NOT NULL,
  prefecture_code TEXT NOT NULL,
  core_city INTEGER NOT NULL,
  network_model TEXT NOT NULL,
  population_band TEXT NOT NULL,
  frozen_at TEXT NOT NULL
) STRICT;

INSERT INTO response_groups (response_id, type, prefecture_code, core_city, network_model, population_band, frozen_at)
SELECT r.id, b.type, b.prefecture_code, b.core_city, b.network_model, b.population_band, coalesce(c.closed_at, '')
FROM responses r JOIN campaigns c ON c.id = r.campaign_id JOIN bodies b ON b.code = r.body_code
WHERE c.state = 'closed';
