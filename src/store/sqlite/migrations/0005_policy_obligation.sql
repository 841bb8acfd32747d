-- Migration 5: the policy obligation (issue 16; domain/policies.h, docs/POLICIES.md): a
-- body's organs (議会 and 執行機関) with their scope, its 方針 with the organs each covers and
-- their reviews, and its security roles (権限・責任等一覧表) kept across years.

-- An organ of a body. scope: required; excluded (scope_basis: the legal basis); individual
-- (scope_basis: the reason, decided_by; approved_by once MIC approves, '' while pending).
CREATE TABLE organs (
  id INTEGER PRIMARY KEY,
  body_code TEXT NOT NULL REFERENCES bodies(code),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('required', 'excluded', 'individual')),
  scope_basis TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (body_code, name)
) STRICT;

-- A 方針. Dates are YYYY-MM-DD; revision grows with every change (a stale edit is refused).
CREATE TABLE policies (
  id INTEGER PRIMARY KEY,
  body_code TEXT NOT NULL REFERENCES bodies(code),
  title TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL CHECK (basis IN ('new', 'existing_reviewed')),
  state TEXT NOT NULL CHECK (state IN ('drafting', 'adopted')),
  adopted_on TEXT,
  effective_on TEXT,
  approving_organ INTEGER REFERENCES organs(id),
  publication_url TEXT NOT NULL DEFAULT '',
  published_on TEXT,
  review_months INTEGER NOT NULL DEFAULT 12,
  revision INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX policies_body ON policies(body_code);

-- The organs a policy covers (a joint policy covers several).
CREATE TABLE policy_organs (
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  organ_id INTEGER NOT NULL REFERENCES organs(id),
  PRIMARY KEY (policy_id, organ_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE policy_reviews (
  id INTEGER PRIMARY KEY,
  policy_id INTEGER NOT NULL REFERENCES policies(id),
  planned_on TEXT NOT NULL,
  done_on TEXT,
  done_by TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  new_version TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX policy_reviews_policy ON policy_reviews(policy_id);

-- Who held a role of the guideline's 組織体制, from since until until (NULL: holds it now).
CREATE TABLE security_roles (
  id INTEGER PRIMARY KEY,
  body_code TEXT NOT NULL REFERENCES bodies(code),
  role TEXT NOT NULL
    CHECK (role IN ('ciso', 'chief_officer', 'officer', 'manager', 'system_admin', 'csirt', 'csirt_contact')),
  person TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  since TEXT NOT NULL,
  until TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX security_roles_body ON security_roles(body_code);
