-- Migration 4: one answer, many surveys (issue 14): the body's answer to each common measure
-- per fiscal year, what each survey item took from it, a note on history rows written by
-- something other than the person's own save, and partner-ministry analysts with read-only
-- API tokens.

-- The body's one answer to a measure (docs/MEASURES.md) for a fiscal year, in the measure's
-- terms, with the survey item it was given in. revision grows with every change of value.
CREATE TABLE measure_answers (
  body_code TEXT NOT NULL REFERENCES bodies(code),
  measure_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  value TEXT,
  revision INTEGER NOT NULL,
  source_response_id INTEGER NOT NULL REFERENCES responses(id),
  source_question_id TEXT NOT NULL,
  given_by INTEGER REFERENCES users(id),
  given_at TEXT NOT NULL,
  confirmed_by INTEGER REFERENCES users(id),
  confirmed_at TEXT,
  PRIMARY KEY (fiscal_year, body_code, measure_id)
) STRICT, WITHOUT ROWID;

-- What a survey item holds from its measure (domain/reuse.h): its state, the value offered
-- in the item's terms, the measure revision it is from, and whether the item's answer
-- follows the measure (filled) rather than a person's choice here.
CREATE TABLE answer_reuse (
  response_id INTEGER NOT NULL REFERENCES responses(id),
  question_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('equal', 'subset', 'superset', 'intersect')),
  state TEXT NOT NULL CHECK (state IN ('filled', 'proposed', 'confirmed', 'rejected', 'recheck')),
  candidate TEXT,
  measure_revision INTEGER NOT NULL,
  answer_follows INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id)
) STRICT, WITHOUT ROWID;

-- Why a history row was written when it was not the person's own save: "reuse:<catalogue>:<question>"
-- (filled from another survey), later "excel:<file>" (an upload); '' for a save.
ALTER TABLE answer_history ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- The ministry a partner analyst works for (domain/ministry.h): 'ppc', 'nco'; NULL otherwise.
ALTER TABLE users ADD COLUMN ministry TEXT;

-- Read-only API tokens of partner analysts, stored hashed, shown once.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
