// Shapes of the JSON API (docs/API.md, "Shapes"). Kept in one place so that every screen
// reads the same names as the server writes.

export type Lang = 'ja' | 'en';
export type Text = { ja: string; en: string };

export type Role =
  | 'national_admin'
  | 'prefecture_supporter'
  | 'body_respondent'
  | 'body_approver'
  | 'body_viewer'
  | 'partner_analyst';

export interface User {
  id: number;
  login: string;
  display_name: string;
  roles: Role[];
  body_code: string | null;
  expires_at: string | null;
  /** A partner analyst's ministry ("ppc", "nco"); null otherwise. */
  ministry?: string | null;
  /** Only on the signed-in user (GET /api/session): a confirmed second factor. */
  second_factor?: boolean;
  /** What the signed-in user must do before anything else ("" when nothing). */
  setup_required?: '' | 'change_password' | 'enrol_second_factor';
}

/** One of the signed-in user's sessions (GET /api/me/sessions). */
export interface MySession {
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  address: string;
  user_agent: string;
  current: boolean;
}

/** An account as MIC's administrator sees it (GET /api/admin/users). */
export interface Account extends User {
  email: string;
  disabled: boolean;
  second_factor: boolean;
  must_change_password: boolean;
  needs_second_factor: boolean;
}

/** How an invitation or reset reached its person. */
export interface TokenDelivery {
  user_id: number;
  mailed: boolean;
  link?: string;
}

/** One entry of the audit trail. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  roles: string;
  body_code: string;
  action: string;
  target: string;
  request_id: string;
  address: string;
  outcome: 'ok' | 'denied' | 'failed';
  detail: string;
}

export interface Body {
  code: string;
  name_ja: string;
  name_kana: string;
  type: string;
  type_label_ja: string;
  prefecture_code: string;
  core_city: boolean;
  network_model: string;
  population_band: string;
  members: string[];
}

export type CampaignState = 'draft' | 'open' | 'closed';
export interface Campaign {
  id: number;
  title: string;
  fiscal_year: number;
  catalog_id: string;
  state: CampaignState;
  opens_at: string;
  closes_at: string;
  target_count: number;
  /** The survey's ministry ("mic", "ppc", "nco") and whether its catalogue is a sample (lists only). */
  family?: string;
  sample?: boolean;
}

export type QuestionType = 'yes_no' | 'single' | 'multi' | 'number' | 'percent' | 'date' | 'text' | 'maturity';

export interface Option {
  key: string;
  label: Text;
  value?: number;
}

export interface Condition {
  subject: string;
  op: '=' | '!=' | 'in' | 'has';
  values: string[];
}

export interface Question {
  id: string;
  /** What people call it: "<category>-<position in the category>", e.g. "5-12". */
  number: string;
  category: number;
  guideline: string;
  type: QuestionType;
  text: Text;
  help: Text;
  reason: Text;
  required: boolean;
  na_allowed: boolean;
  options?: Option[];
  min?: number;
  max?: number;
  unit?: Text;
  max_length?: number;
  show_if?: Condition[];
  lineage?: { kind: string; from: string[] };
  reference_rate?: number;
}

export interface Catalog {
  id: string;
  fiscal_year: number;
  title: Text;
  question_count: number;
  /** The survey's ministry ("mic", "ppc", "nco") and whether the catalogue is a sample. */
  family?: string;
  sample?: boolean;
  previous: string | null;
  categories: { number: number; name: Text }[];
  questions?: Question[];
}

export type AnswerValue = string | number | string[] | null;
export type AnswerState = 'carried_over' | 'confirmed' | 'changed' | 'new';

/** What an answer holds; history rows and submission snapshots carry exactly this. */
export interface AnswerContent {
  value: AnswerValue;
  state: AnswerState;
  not_applicable: boolean;
  na_reason: string;
  comment: string;
  evidence_url: string;
}

export interface Answer extends AnswerContent {
  question_id: string;
  previous: AnswerValue | { merged_from: Record<string, AnswerValue> };
  needs_confirmation: boolean;
  version: number;
  updated_by: string;
  updated_at: string;
  category?: number;
  visible?: boolean;
}

export type ResponseState = 'draft' | 'ready_for_review' | 'submitted' | 'accepted' | 'returned';
/** The task list's word for a category (domain/task_status.h, lib/taskStatus.ts). */
export type CategoryStatus = 'not_started' | 'in_progress' | 'returned' | 'complete';

export interface CategoryView {
  number: number;
  name: Text;
  ready: boolean;
  return_comment: string;
  /** Visible questions. */
  questions: number;
  /** Visible questions answered (a value or 該当なし) and no longer only carried over. */
  answered: number;
  carried_over_unconfirmed: number;
  needs_confirmation: number;
  assignee: { id: number; name: string } | null;
  status: CategoryStatus;
}

export interface ResponseSummary {
  id: number;
  campaign_id: number;
  body_code: string;
  state: ResponseState;
  locked: boolean;
  version: number;
  updated_at: string;
  submitted_at: string | null;
  accepted_at: string | null;
  /** In GET /api/me/responses: the survey's ministry, its campaign's title, year and state. */
  family?: string;
  campaign_title?: string;
  fiscal_year?: number;
  campaign_state?: CampaignState;
}

/** What the signed-in viewer may do with one response now, decided by the server's access
 *  policy and workflow rules (auth::response_permissions). The client shows or hides
 *  controls from this and never re-derives it from roles; the server checks again anyway. */
export interface ResponsePermissions {
  /** May answer for the body (respondent, approver, the body's own supporter). */
  edit: boolean;
  /** The response takes answers at all: draft or returned, and not locked. */
  open: boolean;
  /** May assign categories, return one and submit (the body's approver). */
  review: boolean;
  /** May accept, return to the body and reopen (national administrator). */
  accept: boolean;
  categories: CategoryPermission[];
}

export interface CategoryPermission {
  number: number;
  /** May change this category's answers now. */
  editable: boolean;
  /** Assigned to someone else (an approver may still edit it). */
  assigned_to_other: boolean;
}

export interface ResponseView extends ResponseSummary {
  body: Body;
  campaign: Campaign;
  catalog_id: string;
  /** The catalogue's version: fetched as /api/catalogs/{id}?v=…, cacheable for good. */
  catalog_version: string;
  /** Last year's questions that merged answers name, by id. */
  previous_questions: Record<string, { number: string; text: Text }>;
  answers: Answer[];
  categories: CategoryView[];
  permissions: ResponsePermissions;
}

export interface CampaignResponseRow extends ResponseSummary {
  body_name: string;
  body_kana: string;
  body_type: string;
}

export interface Job {
  id: number;
  kind: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  error?: { code: string; message_ja: string; message_en: string };
  /** A finished job's file (a ZIP of feedback reports). */
  result?: { name: string; url: string };
}

export interface HistoryEntry {
  version: number;
  user: string;
  at: string;
  old: AnswerContent | null;
  new: AnswerContent;
  /** Why it was written when not by a save: "workbook|<downloaded at>|<file>", "legacy|<file>", "reuse:…". */
  note?: string;
}

/** One cell or row an uploaded workbook cannot give (or a note about what was normalised). */
export interface WorkbookProblem {
  sheet: string;
  row: number;
  column: string;
  message: string;
  message_ja: string;
  message_en: string;
}

export interface WorkbookSide {
  value: AnswerValue | null;
  shown: string | number | null;
  not_applicable: boolean;
  na_reason: string;
  comment: string;
  evidence_url: string;
}

export interface WorkbookChange {
  question_id: string;
  number: string;
  text: string;
  text_en: string;
  category: number;
  sheet: string;
  row: number;
  conflict: boolean;
  normalised: boolean;
  server: WorkbookSide;
  server_version: number;
  server_updated_by: string;
  server_updated_at: string;
  mine: WorkbookSide;
}

/** What an uploaded workbook (or legacy answer sheet) would change (docs/WORKBOOK.md). */
export interface WorkbookPreview {
  file_name: string;
  legacy: boolean;
  downloaded_at: string;
  downloaded_by: string;
  fingerprint: string;
  changes: WorkbookChange[];
  unchanged: number;
  errors: WorkbookProblem[];
  notes: WorkbookProblem[];
  unmatched: { sheet: string; row: number; key: string; message_ja: string; message_en: string }[];
}

export interface Change {
  question_id: string;
  before: AnswerContent | AnswerValue | null;
  after: AnswerContent | AnswerValue | null;
  state: AnswerState;
}

export interface ResponseEvent {
  action: string;
  from: string;
  to: string;
  category: number | null;
  comment: string;
  at: string;
  user: string;
}

export interface FieldMessage {
  /** The key of the text (e.g. field.confirm_carried_over), to group fields refused alike. */
  message?: string;
  message_ja: string;
  message_en: string;
}

// Figures (docs/API.md "Figures"): rates are fractions 0–1, null when nothing applies.
export interface CategoryRate {
  number: number;
  rate: number | null;
}

export interface GroupView {
  key: string;
  label: Text;
  bodies: number | null;
  suppressed: boolean;
  /** Why it is hidden: fewer than 5 bodies (counting only those the viewer cannot read), or the survey is still open. */
  withheld?: 'small_group' | 'open_campaign';
  note?: Text;
  categories?: CategoryRate[];
  total?: number | null;
}

export interface Ratio {
  implemented: number;
  applicable: number;
  rate: number | null;
}

export interface CategoryName {
  number: number;
  name: Text;
}

export interface Benchmark {
  response_id: number;
  campaign_id: number;
  campaign: Campaign;
  categories: CategoryName[];
  counted: boolean;
  min_group_size: number;
  own: { categories: (Ratio & { number: number })[]; total: Ratio };
  peer_group: string;
  groups: GroupView[];
  gaps: { question_id: string; category: number; text: Text; reason: Text; peer_rate: number | null; national_rate: number | null }[];
}

export interface TrendYear {
  fiscal_year: number;
  campaign_id: number;
  response_id: number;
  state: ResponseState;
  own: { categories: CategoryRate[]; total: number | null };
  national: {
    bodies: number;
    suppressed: boolean;
    withheld?: 'small_group' | 'open_campaign';
    note?: Text;
    categories?: CategoryRate[];
    total?: number | null;
  };
}

export interface ReferenceTrend {
  questions: {
    question_id: string;
    category: number;
    text: Text;
    reference_rate: number;
    years: { fiscal_year: number; campaign_id: number; question_id: string; rate: number | null; applicable: number }[];
  }[];
}

export interface BodyScoreRow {
  response_id: number;
  body_code: string;
  body_name: string;
  body_type: string;
  state: ResponseState;
  counted: boolean;
  categories?: CategoryRate[];
  total?: number | null;
  gaps?: number;
}

/** A sign-in key whose attempts make the next one wait (GET /api/admin/sign-in-blocks). */
export interface SignInBlock {
  key: string;
  kind: 'login_and_address' | 'address' | 'login';
  login: string;
  address: string;
  attempts: number;
  last_at: string;
  until: string;
}

/** Reuse between the ministries' surveys (GET /api/responses/{id}/reuse, docs/MEASURES.md). */
export type ReuseState = 'filled' | 'proposed' | 'confirmed' | 'rejected' | 'recheck';
export type ReuseRelation = 'equal' | 'subset' | 'superset' | 'intersect';
export interface ReuseSource {
  ministry?: string;
  ministry_name?: Text;
  catalog_id: string;
  catalog_title?: Text;
  sample?: boolean;
  question_id: string;
  question_number?: string;
  question_text?: Text;
  response_id: number;
  campaign_id: number;
  given_by: string;
  given_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}
export interface ItemReuse {
  state: ReuseState;
  relation: ReuseRelation;
  measure_id: string;
  measure_revision: number;
  candidate: AnswerValue;
  measure?: { definition: Text; steward: string; version: number };
  source: ReuseSource | null;
}
export interface ResponseReuse {
  response_id: number;
  catalog_id: string;
  sample: boolean;
  ministry_name?: Text;
  mapped: number;
  filled: number;
  waiting: number;
  items: Record<string, ItemReuse>;
}

/** One body's answer to one item of a partner ministry's survey (GET /api/campaigns/{id}/items/{qid}/answers). */
export interface ItemAnswerRow {
  response_id: number;
  body_code: string;
  body_name: string;
  body_type: string;
  response_state: string;
  value: AnswerValue;
  not_applicable?: boolean;
  state?: string;
  updated_at?: string;
}

export interface ItemAnswers {
  campaign_id: number;
  catalog_id: string;
  question: { id: string; number: string; category: number; text: Text };
  via: { catalog_id: string; question_id: string; relation: string } | null;
  answers: ItemAnswerRow[];
}

/** A partner analyst's read-only API token (the secret itself only once, when created). */
export interface ApiToken {
  id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** GET /api/responses/{id}/csf and /api/analytics/campaigns/{id}/csf: the NIST CSF 2.0 view. */
export interface CsfRatio {
  implemented: number;
  applicable: number;
  rate: number | null;
}
export interface CsfQuestion {
  id: string;
  number: string;
  text: Text;
  subcategories: { id: string; relation: string }[];
  outcome?: 'implemented' | 'not_implemented' | 'not_scored';
}
export interface CsfNode {
  id: string;
  title: string;
  statement: string;
  subcategories: number;
  subcategories_mapped: number;
  own: CsfRatio | null;
  national: CsfRatio | null;
  questions: CsfQuestion[];
  categories?: CsfNode[];
}
export interface CsfView {
  catalog_id: string;
  framework: string;
  note: Text;
  national_withheld: { reason: string; note: Text } | null;
  functions: CsfNode[];
}

/** The policy obligation of one body (GET /api/bodies/{code}/policies; docs/POLICIES.md). */
export type OrganScope = 'required' | 'excluded' | 'individual';
export type OrganStatus = 'none' | 'drafting' | 'adopted' | 'published';
export interface Organ {
  id: number;
  kind: string;
  name: string;
  scope: OrganScope;
  scope_basis: string;
  decided_by: string;
  approved_by: string;
  approved_at: string | null;
  counted: boolean;
  status: OrganStatus;
}
export interface PolicyReview {
  id: number;
  planned_on: string;
  done_on: string | null;
  done_by: string;
  outcome: string;
  new_version: string;
}
export interface BodyPolicy {
  id: number;
  title: string;
  version: string;
  basis: 'new' | 'existing_reviewed';
  state: 'drafting' | 'adopted';
  adopted_on: string | null;
  effective_on: string | null;
  approving_organ: number | null;
  publication_url: string;
  published_on: string | null;
  published: boolean;
  review_months: number;
  review_due: string | null;
  review_overdue: boolean;
  organs: number[];
  reviews: PolicyReview[];
  /** The last check of its publication page (null before the first). */
  publication_check: PublicationCheck | null;
  revision: number;
  updated_by: string;
  updated_at: string;
}
/** A check of a published policy's page (docs/POLICIES.md, the publication check). */
export interface PublicationCheck {
  policy_id: number;
  body_code: string;
  title: string;
  url: string;
  checked_at: string;
  status_code: number;
  final_url: string;
  outcome: 'ok' | 'http_error' | 'changed' | 'unreachable' | 'refused';
  failing: boolean;
  error: string;
}
export type SecurityRole = 'ciso' | 'chief_officer' | 'officer' | 'manager' | 'system_admin' | 'csirt' | 'csirt_contact';
export interface RoleHolder {
  id: number;
  role: SecurityRole;
  person: string;
  title: string;
  department: string;
  contact: string;
  since: string;
  until: string | null;
  recorded_by: string;
  recorded_at: string;
}
export interface BodyPolicies {
  body_code: string;
  /** Whether the body registered its organs; before, `organs` are its type's (id 0). */
  registered: boolean;
  organs: Organ[];
  policies: BodyPolicy[];
  roles: RoleHolder[];
  required: number;
  adopted: number;
  published: number;
  structure: boolean;
}

/** The policy board (GET /api/policy-board; docs/POLICIES.md). */
export interface BoardShare {
  required: number;
  adopted: number;
  published: number;
}
export interface PolicyBoard {
  groups: (BoardShare & { group: 'prefectures' | 'municipalities' | 'unions' | 'agencies'; bodies: number; bodies_complete: number })[];
  kinds: (BoardShare & { kind: string; label: string })[];
  trend: (BoardShare & { month: string; label: string })[];
  missing: { code: string; name: string; organs: string[]; registered: boolean }[];
  missing_total: number;
  overdue: { code: string; title: string; due: string | null }[];
  failing_checks: PublicationCheck[];
}
