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

export interface Database {
  plans: PlansTable;
  strategies: StrategiesTable;
  measures: MeasuresTable;
  actions: ActionsTable;
  action_tags: ActionTagsTable;
  schedule_items: ScheduleItemsTable;
  records: RecordsTable;
}
