import type {
  ActionsTable,
  ActionTagsTable,
  MeasuresTable,
  PlansTable,
  RecordsTable,
  ScheduleItemsTable,
  StrategiesTable,
} from "../../db/schema.js";
import { searchDocument } from "../search/normalize.js";
import type { Action, Measure, PlanDocument, PlanMeta, Strategy } from "./plan.schema.js";
import { PLAN_FORMAT } from "./plan.schema.js";
import { DEFAULT_SCALES } from "../review/scales.js";

/** Plan-level fields kept in the `extra` JSON column, in the order they are written out. */
const EXTRA_KEYS = ["municipalityCode", "prefecture", "source", "license"] as const;
type ExtraKey = (typeof EXTRA_KEYS)[number];

export interface PlanRows {
  plan: PlansTable;
  strategies: StrategiesTable[];
  measures: MeasuresTable[];
  actions: ActionsTable[];
  tags: ActionTagsTable[];
  schedule: ScheduleItemsTable[];
  records: RecordsTable[];
}

export function actionSearchDocument(a: Action): string {
  return searchDocument([
    a.name,
    ...a.tags,
    ...a.description.map((d) => d.text),
    ...a.records.map((r) => r.text),
    ...a.challenges,
    ...a.indicators.map((i) => i.name),
    ...a.evaluations.map((e) => e.analysis),
  ]);
}

export interface RowMeta {
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Entity versions to store (history); 1 where not given. */
  versions?: { plan: number; actions: ReadonlyMap<number, number> };
}

/** Domain → rows. `revision`, versions and timestamps come from the caller. */
export function toRows(doc: PlanDocument, meta: RowMeta): PlanRows {
  const planId = doc.plan.id;
  const extra: Partial<Pick<PlanMeta, ExtraKey>> = {};
  for (const key of EXTRA_KEYS) {
    const v = doc.plan[key];
    if (v !== undefined) (extra as Record<ExtraKey, unknown>)[key] = v;
  }
  const rows: PlanRows = {
    plan: {
      id: planId,
      municipality: doc.plan.municipality,
      title: doc.plan.title,
      fiscal_year_from: doc.plan.fiscalYears.from,
      fiscal_year_to: doc.plan.fiscalYears.to,
      as_of: doc.plan.asOf,
      extra: JSON.stringify(extra),
      revision: meta.revision,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
      settings: JSON.stringify({ scales: doc.scales }),
      version: meta.versions?.plan ?? 1,
      count_strategies: doc.strategies.length,
      count_measures: doc.measures.length,
      count_actions: doc.actions.length,
    },
    strategies: doc.strategies.map((s, position) => ({ plan_id: planId, position, ...s })),
    measures: doc.measures.map((m, position) => ({
      plan_id: planId,
      code: m.code,
      strategy_code: m.strategy,
      position,
      name: m.name,
      page: m.page,
    })),
    actions: [],
    tags: [],
    schedule: [],
    records: [],
  };
  for (const a of doc.actions) {
    rows.actions.push({
      plan_id: planId,
      number: a.number,
      measure_code: a.measure,
      name: a.name,
      is_new: a.isNew ? 1 : 0,
      is_priority: a.isPriority ? 1 : 0,
      relist_of: a.relistOf,
      start_fiscal_year: a.startFiscalYear,
      description: JSON.stringify(a.description),
      challenges: JSON.stringify(a.challenges),
      recovered: JSON.stringify(a.recovered),
      search_text: actionSearchDocument(a),
      indicators: JSON.stringify(a.indicators),
      evaluations: JSON.stringify(a.evaluations),
      version: meta.versions?.actions.get(a.number) ?? 1,
    });
    a.tags.forEach((tag, position) =>
      rows.tags.push({ plan_id: planId, action_number: a.number, position, tag }),
    );
    a.schedule.forEach((s, position) =>
      rows.schedule.push({
        plan_id: planId,
        action_number: a.number,
        position,
        from_fiscal_year: s.from,
        to_fiscal_year: s.to,
        label: s.label,
      }),
    );
    a.records.forEach((r, position) =>
      rows.records.push({
        plan_id: planId,
        action_number: a.number,
        position,
        fiscal_year: r.fiscalYear,
        kind: r.kind,
        as_of: r.asOf,
        text: r.text,
      }),
    );
  }
  return rows;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function byPosition<T extends { position: number }>(a: T, b: T): number {
  return a.position - b.position;
}

export function toPlanMeta(row: PlansTable): PlanMeta {
  const extra = JSON.parse(row.extra) as Partial<Pick<PlanMeta, ExtraKey>>;
  const meta: PlanMeta = {
    id: row.id,
    municipality: row.municipality,
    title: row.title,
    fiscalYears: { from: row.fiscal_year_from, to: row.fiscal_year_to },
    asOf: row.as_of,
  };
  for (const key of EXTRA_KEYS) {
    const v = extra[key];
    if (v !== undefined) (meta as Record<ExtraKey, unknown>)[key] = v;
  }
  return meta;
}

/**
 * Rows → the canonical document. Key order and list order are fixed here, so the same data
 * always serializes to the same bytes.
 */
export function toDocument(rows: PlanRows): PlanDocument {
  const tags = groupBy(rows.tags, (t) => t.action_number);
  const schedule = groupBy(rows.schedule, (s) => s.action_number);
  const records = groupBy(rows.records, (r) => r.action_number);
  const strategies: Strategy[] = [...rows.strategies]
    .sort(byPosition)
    .map((s) => ({ code: s.code, name: s.name, subtitle: s.subtitle }));
  const measures: Measure[] = [...rows.measures]
    .sort(byPosition)
    .map((m) => ({ code: m.code, strategy: m.strategy_code, name: m.name, page: m.page }));
  const actions: Action[] = [...rows.actions]
    .sort((a, b) => a.number - b.number)
    .map((a) => ({
      number: a.number,
      measure: a.measure_code,
      name: a.name,
      tags: (tags.get(a.number) ?? []).sort(byPosition).map((t) => t.tag),
      isNew: a.is_new === 1,
      isPriority: a.is_priority === 1,
      relistOf: a.relist_of,
      description: JSON.parse(a.description) as Action["description"],
      startFiscalYear: a.start_fiscal_year,
      schedule: (schedule.get(a.number) ?? [])
        .sort(byPosition)
        .map((s) => ({ from: s.from_fiscal_year, to: s.to_fiscal_year, label: s.label })),
      records: (records.get(a.number) ?? []).sort(byPosition).map((r) => ({
        fiscalYear: r.fiscal_year,
        kind: r.kind as "baseline" | "result",
        asOf: r.as_of,
        text: r.text,
      })),
      challenges: JSON.parse(a.challenges) as string[],
      indicators: JSON.parse(a.indicators) as Action["indicators"],
      evaluations: JSON.parse(a.evaluations) as Action["evaluations"],
      recovered: JSON.parse(a.recovered) as Action["recovered"],
    }));
  const settings = JSON.parse(rows.plan.settings) as { scales?: PlanDocument["scales"] };
  return {
    format: PLAN_FORMAT,
    plan: toPlanMeta(rows.plan),
    scales: settings.scales ?? DEFAULT_SCALES,
    strategies,
    measures,
    actions,
  };
}
