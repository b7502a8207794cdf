import type { Generated } from "kysely";
/**
 * Table types, shared by both dialects. Flags are stored as 0/1 integers and lists as JSON text
 * on both SQLite and PostgreSQL, so repositories never branch on the dialect.
 */
export interface PlansTable {
  id: string;
  municipality: string;
  title: string;
  fiscal_year_from: number;
  fiscal_year_to: number;
  as_of: string;
  /** JSON: optional plan-level fields (municipalityCode, prefecture, source, notes). */
  extra: string;
  /** Bumped on every write; readers cache the serialized plan per revision. */
  revision: number;
  /** JSON: scales (grades, directions, rating rules). */
  settings: string;
  /** Version of the plan entity (metadata, scales, strategies, measures) for history and conflicts. */
  version: number;
  /** Counts for the plan list, written with the row from the same document. */
  count_strategies: number;
  count_measures: number;
  count_actions: number;
  created_at: string;
  updated_at: string;
}

export interface StrategiesTable {
  plan_id: string;
  code: string;
  position: number;
  name: string;
  subtitle: string;
}

export interface MeasuresTable {
  plan_id: string;
  code: string;
  strategy_code: string;
  position: number;
  name: string;
  page: number | null;
}

export interface ActionsTable {
  plan_id: string;
  number: number;
  measure_code: string;
  name: string;
  is_new: number;
  is_priority: number;
  relist_of: number | null;
  start_fiscal_year: number | null;
  /** JSON: [{ kind, text }] */
  description: string;
  /** JSON: [text] */
  challenges: string;
  /** JSON: [{ field, from, note }] */
  recovered: string;
  /** Normalized text of every searchable field (see core/search). */
  search_text: string;
  /** JSON: [{ code, name, unit, kind, baseline, values, source }] */
  indicators: string;
  /** JSON: [{ fiscalYear, grade, direction, analysis }] */
  evaluations: string;
  /** Bumped on every change of the action; an edit names the version it started from. */
  version: number;
}

export interface ActionTagsTable {
  plan_id: string;
  action_number: number;
  position: number;
  tag: string;
}

export interface ScheduleItemsTable {
  plan_id: string;
  action_number: number;
  position: number;
  from_fiscal_year: number;
  to_fiscal_year: number;
  label: string;
}

export interface RecordsTable {
  plan_id: string;
  action_number: number;
  position: number;
  fiscal_year: number;
  kind: string;
  as_of: string | null;
  text: string;
}

export interface AccountsTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  display_name: string;
  /** One of core/access ROLES. */
  role: string;
  /** PHC-style scrypt string with its parameters (core/accounts/password.ts); null: cannot sign in. */
  password_hash: string | null;
  /** 1 after a reset by an administrator, until the owner picks a new password. */
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  password_changed_at: string | null;
  last_sign_in_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the session token in the cookie; the token itself is never stored. */
  id: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end of the session, whatever its activity. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AccessTokensTable {
  /** Public id, shown in lists and used to revoke. */
  id: string;
  account_id: string;
  name: string;
  /** "read" or "write". */
  scope: string;
  /** SHA-256 (hex) of the secret token. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ActionOwnersTable {
  plan_id: string;
  action_number: number;
  account_id: string;
  assigned_at: string;
}

export interface SignInThrottlesTable {
  /** "account:<email>" or "ip:<address>". */
  key: string;
  window_started_at: string;
  failures: number;
  locked_until: string | null;
}

export interface SetupTokensTable {
  /** SHA-256 (hex) of the one-time token. */
  id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Append-only: triggers refuse UPDATE and DELETE (migration 0011). */
export interface AuditLogTable {
  id: string;
  at: string;
  kind: string;
  actor_id: string | null;
  /** Who acted, as shown: the account's e-mail at the time, or "cli:<os user>", "setup link". */
  actor_label: string;
  ip: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON object. */
  details: string;
}

export interface ReviewCyclesTable {
  plan_id: string;
  fiscal_year: number;
  as_of: string;
  deadline: string;
  status: string;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
}

export interface ActionReviewsTable {
  plan_id: string;
  action_number: number;
  fiscal_year: number;
  status: string;
  content: string;
  version: number;
  updated_at: string;
  updated_by: string;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  return_comment: string | null;
  published_at: string | null;
}

export interface IndicatorDecisionsTable {
  plan_id: string;
  proposal_id: string;
  status: string;
  indicator_code: string | null;
  note: string;
  decided_at: string;
  decided_by: string;
  /** 1 for the first decision on the proposal, bumped by each later one (migration 0040). */
  version: Generated<number>;
}

export interface ChangesTable {
  plan_id: string;
  seq: number;
  entity: string;
  entity_key: string;
  version: number;
  at: string;
  actor: string;
  source: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}

export interface PlanGramsTable {
  gram: string;
  plan_id: string;
}

export interface CompanyMembersTable {
  account_id: string;
  company_id: string;
  added_at: string;
  /** The audit label of who made the account a member (an invitation's creator, a claim's approver). */
  added_by: string;
}

export interface CompanyInvitationsTable {
  id: string;
  /** SHA-256 of the link's secret: the secret itself is shown once and never stored. */
  token_hash: string;
  company_id: string;
  email: string | null;
  created_at: string;
  created_by: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

export interface CompanyClaimsTable {
  id: string;
  company_id: string;
  name: string;
  email: string;
  message: string;
  /** pending | approved | rejected */
  status: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface CompanyPendingChangesTable {
  id: string;
  company_id: string;
  account_id: string;
  submitted_at: string;
  /** The profile fields the firm proposed, as JSON (core/company-members validates them). */
  profile: string;
  /** pending | approved | rejected | superseded */
  status: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
}

export interface Database {
  plans: PlansTable;
  strategies: StrategiesTable;
  measures: MeasuresTable;
  actions: ActionsTable;
  action_tags: ActionTagsTable;
  schedule_items: ScheduleItemsTable;
  records: RecordsTable;
  plan_grams: PlanGramsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  action_owners: ActionOwnersTable;
  sign_in_throttles: SignInThrottlesTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  review_cycles: ReviewCyclesTable;
  action_reviews: ActionReviewsTable;
  indicator_decisions: IndicatorDecisionsTable;
  changes: ChangesTable;
  company_members: CompanyMembersTable;
  company_invitations: CompanyInvitationsTable;
  company_claims: CompanyClaimsTable;
  company_pending_changes: CompanyPendingChangesTable;
  municipalities: MunicipalitiesTable;
  company_vocabulary: CompanyVocabularyTable;
  companies: CompaniesTable;
  company_facets: CompanyFacetsTable;
  company_grams: CompanyGramsTable;
  equipment: EquipmentTable;
  equipment_specs: EquipmentSpecsTable;
  company_changes: CompanyChangesTable;
}

/** A municipality by its 全国地方公共団体コード (6 digits, check digit included): the tenant of companies. */
export interface MunicipalitiesTable {
  code: string;
  slug: string;
  name: string;
  prefecture: string;
  created_at: string;
}

/** Terms of the company vocabularies (see core/companies/vocabulary.ts). */
export interface CompanyVocabularyTable {
  /** process, material, equipment, certification */
  kind: string;
  code: string;
  /** "" for the national list, else the municipality that added the term. */
  municipality_code: string;
  parent_code: string | null;
  name: string;
  name_en: string;
  /** JSON: [alias] */
  aliases: string;
  position: number;
}

export interface CompaniesTable {
  id: string;
  municipality_code: string;
  corporate_number: string | null;
  name: string;
  name_kana: string;
  town: string;
  industry_code: string | null;
  employees_min: number | null;
  employees_max: number | null;
  employees_public: number;
  listed: number;
  /** JSON: the whole record, private fields included (core/companies/company.schema.ts). */
  data: string;
  search_public: string;
  search_staff: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CompanyGramsTable {
  /** Two characters of the normalized search text (core/companies/company.grams.ts). */
  gram: string;
  company_id: string;
  /** 1 when the sequence occurs in the public fields' text. */
  public: number;
}

export interface CompanyFacetsTable {
  company_id: string;
  /** process, material, certification, equipment, industry, town */
  facet: string;
  value: string;
  public: number;
  direct: number;
}

export interface EquipmentTable {
  company_id: string;
  position: number;
  kind: string;
  maker: string;
  model: string;
  count: number;
  public: number;
}

export interface EquipmentSpecsTable {
  company_id: string;
  position: number;
  spec_key: string;
  /** Thousandths of the spec's unit: 1961.33 kN is 1961330. */
  value_milli: number;
  public: number;
}

export interface CompanyChangesTable {
  company_id: string;
  version: number;
  municipality_code: string;
  at: string;
  actor: string;
  source: string;
  summary: string;
  before_json: string | null;
  after_json: string | null;
}
