-- Migration 6: what the policy board reads (sql/policies.sql board_organs, board_version).

-- The organs' side of policy_organs: without it the board's join of every organ to the
-- policies covering it scanned the whole table per organ (14 s for the demo's 14,700 organs).
CREATE INDEX policy_organs_organ ON policy_organs(organ_id);

-- A number that every committed write of the obligation raises (store/policy_repository.cpp
-- begin_write): the board's rows are read again only when it has changed. Not copied by
-- migrate-store: a new database starts at 0 and every process reads the rows once.
CREATE TABLE obligation_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO obligation_version (id, n) VALUES (1, 0);

-- The publication check: as in src/store/sqlite/migrations/0006_policy_board.sql.
CREATE TABLE publication_checks (
  policy_id BIGINT PRIMARY KEY REFERENCES policies(id),
  url TEXT NOT NULL,
  next_check_at TEXT NOT NULL,
  checked_at TEXT,
  status_code INTEGER NOT NULL DEFAULT 0,
  final_url TEXT NOT NULL DEFAULT '',
  content_sha256 TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  baseline_sha256 TEXT NOT NULL DEFAULT '',
  baseline_revision BIGINT NOT NULL DEFAULT 0
);

-- A notice about the policy obligation belongs to no campaign.
ALTER TABLE notifications ALTER COLUMN campaign_id DROP NOT NULL;
