import type { PlanDocument } from "../plan/plan.schema.js";
import type { Indicator } from "./indicator.schema.js";
import { rateIndicator, rollUp, type RatedValue, type RollUp } from "./rating.js";

export interface IndicatorRow {
  actionNumber: number;
  actionName: string;
  measure: string;
  indicator: Indicator;
  rated: RatedValue;
}

export interface IndicatorReport {
  fiscalYear: number;
  rules: PlanDocument["scales"]["rating"];
  rows: IndicatorRow[];
  measures: { code: string; name: string; rollUp: RollUp }[];
  strategies: { code: string; name: string; rollUp: RollUp }[];
  plan: RollUp;
}

/**
 * Every indicator of a plan rated for a fiscal year, rolled up to measures, strategies and the
 * plan. Each roll-up is computed from the indicators under it directly (not as an average of
 * averages) and carries the formula it used.
 */
export function indicatorReport(doc: PlanDocument, fiscalYear: number): IndicatorReport {
  const rules = doc.scales.rating;
  const rows: IndicatorRow[] = doc.actions.flatMap((a) =>
    a.indicators.map((indicator) => ({
      actionNumber: a.number,
      actionName: a.name,
      measure: a.measure,
      indicator,
      rated: rateIndicator(indicator, fiscalYear, rules),
    })),
  );
  const strategyOf = new Map(doc.measures.map((m) => [m.code, m.strategy]));
  return {
    fiscalYear,
    rules,
    rows,
    measures: doc.measures.map((m) => ({
      code: m.code,
      name: m.name,
      rollUp: rollUp(rows.filter((r) => r.measure === m.code).map((r) => r.rated)),
    })),
    strategies: doc.strategies.map((s) => ({
      code: s.code,
      name: s.name,
      rollUp: rollUp(rows.filter((r) => strategyOf.get(r.measure) === s.code).map((r) => r.rated)),
    })),
    plan: rollUp(rows.map((r) => r.rated)),
  };
}

/**
 * The fiscal year a report opens on when none is asked for: the latest year whose indicators
 * can be rated (a target and an actual), else the latest with a target or an actual, else
 * `fallback`. A year where every indicator would read 目標未設定 helps nobody as a first view.
 *
 * @example
 * defaultReportYear(kadomaAfterReview2025, 2024) // 2025
 */
export function defaultReportYear(doc: PlanDocument, fallback: number): number {
  let rated: number | null = null;
  let any: number | null = null;
  for (const a of doc.actions) {
    for (const i of a.indicators) {
      for (const v of i.values) {
        if (v.target !== null && v.actual !== null) rated = Math.max(rated ?? v.fiscalYear, v.fiscalYear);
        if (v.target !== null || v.actual !== null) any = Math.max(any ?? v.fiscalYear, v.fiscalYear);
      }
    }
  }
  return rated ?? any ?? fallback;
}
