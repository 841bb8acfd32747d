-- Migration 6: what the policy board reads (sql/policies.sql board_organs, board_version).

-- The organs' side of policy_organs: without it the board's join of every organ to the
-- policies covering it scanned the whole table per organ (14 s for the demo's 14,700 organs).
CREATE INDEX policy_organs_organ ON policy_organs(organ_id);

-- A number that every committed write of the obligation raises (store/policy_repository.cpp
-- begin_write): the board's rows are read again only when it has changed. Not copied by
-- migrate-store: a new database starts at 0 and every process reads the rows once.
CREATE TABLE obligation_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
) STRICT;
INSERT INTO obligation_version (id, n) VALUES (1, 0);

-- The publication check (domain/publication_check.h): per published policy, the URL last
-- claimed, when it is next due, and its last check with the content it is compared with (the
-- baseline, kept from the first fetch at the policy's revision then).
CREATE TABLE publication_checks (
  policy_id INTEGER PRIMARY KEY REFERENCES policies(id),
  url TEXT NOT NULL,
  next_check_at TEXT NOT NULL,
  checked_at TEXT,
  status_code INTEGER NOT NULL DEFAULT 0,
  final_url TEXT NOT NULL DEFAULT '',
  content_sha256 TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  baseline_sha256 TEXT NOT NULL DEFAULT '',
  baseline_revision INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A notice about the policy obligation (the board's reminders) belongs to no campaign:
-- campaign_id may be NULL. SQLite changes a column's constraint by copying the table.
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER REFERENCES campaigns(id),
  body_code TEXT NOT NULL REFERENCES bodies(code),
  message TEXT NOT NULL,
  sender INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  read_at TEXT,
  read_by INTEGER REFERENCES users(id)
) STRICT;
INSERT INTO notifications_new (id, campaign_id, body_code, message, sender, created_at, read_at, read_by)
  SELECT id, campaign_id, body_code, message, sender, created_at, read_at, read_by FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_body ON notifications(body_code, id);
