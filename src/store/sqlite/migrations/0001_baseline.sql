-- Migration 1, the baseline: the SQLite schema (STRICT tables) as it stood when versioning
-- began (2026-12, src/store/migrations.h). It never changes: a later change is a new file
-- 0002_<what>.sql. Every statement is idempotent, so that a database made by an earlier,
-- unversioned release reaches the baseline too (sqlite_schema.cpp then adds the columns and
-- rebuilds the table those releases lack). CHECKs use OR chains, not IN lists: SQLite
-- builds an ephemeral table for an IN list on every row it checks.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) STRICT;

CREATE TABLE IF NOT EXISTS bodies (
  code TEXT PRIMARY KEY,
  name_ja TEXT NOT NULL,
  name_kana TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  prefecture_code TEXT NOT NULL,
  core_city INTEGER NOT NULL DEFAULT 0,
  network_model TEXT NOT NULL DEFAULT '',
  population_band TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS bodies_pref ON bodies(prefecture_code);

CREATE TABLE IF NOT EXISTS body_members (
  body_code TEXT NOT NULL REFERENCES bodies(code) ON DELETE CASCADE,
  member_code TEXT NOT NULL REFERENCES bodies(code),
  PRIMARY KEY (body_code, member_code)
) STRICT;

CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  body_code TEXT REFERENCES bodies(code),
  roles TEXT NOT NULL,
  expires_at TEXT,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  email TEXT NOT NULL DEFAULT ''  -- where reminders go when SMTP is configured; '' for none
) STRICT;

CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);

CREATE TABLE IF NOT EXISTS campaigns (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  catalog_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state = 'draft' OR state = 'open' OR state = 'closed'),
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  target_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  closed_at TEXT  -- when MIC closed it; others see the figures of responses submitted by then
) STRICT;

CREATE TABLE IF NOT EXISTS campaign_targets (
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  body_code TEXT NOT NULL REFERENCES bodies(code),
  PRIMARY KEY (campaign_id, body_code)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS responses (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  body_code TEXT NOT NULL REFERENCES bodies(code),
  state TEXT NOT NULL DEFAULT 'draft'
    CHECK (state = 'draft' OR state = 'ready_for_review' OR state = 'submitted' OR state = 'accepted' OR state = 'returned'),
  locked INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,   -- bumped by every change to the response or its answers
  revision INTEGER NOT NULL DEFAULT 0,  -- bumped by every change of state, lock or category
  submitted_at TEXT,
  accepted_at TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
  UNIQUE (campaign_id, body_code)
) STRICT;
CREATE INDEX IF NOT EXISTS responses_body ON responses(body_code);

CREATE TABLE IF NOT EXISTS answers (
  response_id INTEGER NOT NULL REFERENCES responses(id),
  question_id TEXT NOT NULL,
  value TEXT,
  previous TEXT,
  state TEXT NOT NULL CHECK (state = 'carried_over' OR state = 'confirmed' OR state = 'changed' OR state = 'new'),
  needs_confirmation INTEGER NOT NULL DEFAULT 0,
  not_applicable INTEGER NOT NULL DEFAULT 0,
  na_reason TEXT NOT NULL DEFAULT '',
  comment TEXT NOT NULL DEFAULT '',
  evidence_url TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 0,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS answer_history (
  id INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  old TEXT NOT NULL,
  new TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS answer_history_q ON answer_history(response_id, question_id);

CREATE TABLE IF NOT EXISTS response_categories (
  response_id INTEGER NOT NULL REFERENCES responses(id),
  category INTEGER NOT NULL CHECK (category >= 1),  -- the catalogue's category numbers
  assignee INTEGER REFERENCES users(id),
  ready INTEGER NOT NULL DEFAULT 0,
  return_comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS workflow_events (
  id INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL REFERENCES responses(id),
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  category INTEGER,
  comment TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS workflow_events_r ON workflow_events(response_id);

CREATE TABLE IF NOT EXISTS submissions (
  id INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL REFERENCES responses(id),
  at TEXT NOT NULL,
  snapshot TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS submissions_r ON submissions(response_id);

-- In-app notices to bodies (reminders from MIC during a campaign); read by anyone of the body.
CREATE TABLE IF NOT EXISTS notifications (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  body_code TEXT NOT NULL REFERENCES bodies(code),
  message TEXT NOT NULL,
  sender INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  read_at TEXT,
  read_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX IF NOT EXISTS notifications_body ON notifications(body_code, id);

-- The outbox (ports/events.h): what changed the figures, written in the same transaction as
-- the change; consumers read it in id order from where they stopped.
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  campaign_id INTEGER NOT NULL DEFAULT 0,
  response_id INTEGER NOT NULL DEFAULT 0,
  body_code TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS events_at ON events(at);

-- Long-running work (ports/jobs.h), readable from any application node.
CREATE TABLE IF NOT EXISTS jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'running' OR state = 'done' OR state = 'failed'),
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  started_by INTEGER NOT NULL REFERENCES users(id),
  node TEXT NOT NULL,
  error_status INTEGER NOT NULL DEFAULT 0,  -- a StatusCode
  error_code TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',   -- the message key
  error_args TEXT NOT NULL DEFAULT '[]',    -- its values, as JSON [[name, value], …]
  result_file TEXT NOT NULL DEFAULT '',
  result_name TEXT NOT NULL DEFAULT '',
  result_type TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS jobs_running ON jobs(kind, state);

-- Failed sign-ins per login (ports/sign_in.h), shared by every application node.
CREATE TABLE IF NOT EXISTS sign_in_failures (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sign_in_failures_at ON sign_in_failures(last_at);
