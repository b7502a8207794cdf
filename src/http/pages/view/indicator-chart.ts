import type { Indicator } from "../../../core/indicators/indicator.schema.js";
import { rate, achievement, type Rating } from "../../../core/indicators/rating.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import type { PageContext } from "../context.js";

/**
 * What the browser's chart script draws (web/charts.ts). Built on the server, so labels come from
 * the catalogue and fiscal years from src/core/fiscal; written into a data attribute (escaped by
 * Preact), since the CSP allows no inline script.
 */
export interface ChartSpec {
  /** "indicator": years on the x axis, actual bars against a target line. "progress": horizontal bars 0–100 %. */
  kind: "indicator" | "progress";
  categories: string[];
  series: { name: string; role: "baseline" | "actual" | "target" | "progress"; values: (number | null)[] }[];
  /** Written after every value (件, 社, %). */
  unit: string;
}

/** One row of an indicator's table: a fiscal year's values, rated by the plan's rules. */
export interface IndicatorYear {
  fiscalYear: number;
  baseline: boolean;
  target: number | null;
  actual: number | null;
  achievement: number | null;
  rating: Rating | null;
  excerpt: string;
}

/**
 * The fiscal years an indicator's chart spans: from its baseline (or first value, or the plan's
 * first year) to its last value, the current year inside the plan, or the year asked for.
 */
export function chartYears(
  doc: PlanDocument,
  indicator: Indicator,
  include: readonly number[] = [],
): number[] {
  const { from, to } = doc.plan.fiscalYears;
  const valued = indicator.values
    .filter((v) => v.target !== null || v.actual !== null)
    .map((v) => v.fiscalYear);
  const start = Math.min(
    indicator.baseline?.fiscalYear ?? from,
    ...valued,
    ...include.filter((y) => y >= from),
  );
  const inPlan = include.filter((y) => y >= from && y <= to);
  const end = Math.max(start, ...valued, ...inPlan);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

/** The rows of an indicator's table: its baseline, then every year with a target or an actual. */
export function indicatorYears(doc: PlanDocument, indicator: Indicator): IndicatorYear[] {
  const rules = doc.scales.rating;
  const rows: IndicatorYear[] = [];
  if (indicator.baseline) {
    rows.push({
      fiscalYear: indicator.baseline.fiscalYear,
      baseline: true,
      target: null,
      actual: indicator.baseline.value,
      achievement: null,
      rating: null,
      excerpt: indicator.baseline.evidence?.excerpt ?? "",
    });
  }
  for (const v of [...indicator.values].sort((a, b) => a.fiscalYear - b.fiscalYear)) {
    rows.push({
      fiscalYear: v.fiscalYear,
      baseline: false,
      target: v.target,
      actual: v.actual,
      achievement: achievement(v.target, v.actual),
      rating: rate(v.target, v.actual, rules),
      excerpt: v.evidence?.excerpt ?? "",
    });
  }
  return rows;
}

/** The chart of one indicator: its baseline, actuals and targets over the years. */
export function indicatorChart(ctx: PageContext, indicator: Indicator, years: readonly number[]): ChartSpec {
  const { t, f } = ctx;
  const byYear = new Map(indicator.values.map((v) => [v.fiscalYear, v]));
  const series: ChartSpec["series"] = [];
  if (indicator.baseline) {
    const b = indicator.baseline;
    series.push({
      name: t.seriesBaseline,
      role: "baseline",
      values: years.map((y) => (y === b.fiscalYear ? b.value : null)),
    });
  }
  series.push({
    name: t.seriesActual,
    role: "actual",
    values: years.map((y) => byYear.get(y)?.actual ?? null),
  });
  const targets = years.map((y) => byYear.get(y)?.target ?? null);
  // No line for targets never set: the table says 目標未設定 for those years.
  if (targets.some((v) => v !== null)) series.push({ name: t.seriesTarget, role: "target", values: targets });
  return { kind: "indicator", categories: years.map((y) => f.fy(y)), series, unit: indicator.unit };
}
