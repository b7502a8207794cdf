import type { Clock } from "../clock.js";
import { systemClock } from "../clock.js";
import { DomainError } from "../errors.js";
import { fiscalYearOf, fiscalYearSpan, formatFiscalYear, japanDateTime } from "../fiscal/index.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import type { BindingParams, ComputedSnapshot, IndicatorBinding } from "./binding.schema.js";
import type { SourceRegistry } from "./registry.js";
import type { IndicatorSource, SourceResult } from "./source.js";
import { convertValue, unitFactor } from "./units.js";

/** A source's figure for one municipality and fiscal year, with everything needed to show it. */
export interface ComputedValue extends SourceResult {
  source: string;
  params: BindingParams;
  unit: string;
  municipalityCode: string;
  fiscalYear: number;
  /** First day counted (flows) and the day the figure is read at. */
  from: string;
  asOf: string;
  /** The fiscal year has ended: the figure will not change unless past records are corrected. */
  final: boolean;
}

export interface ComputeInput {
  source: string;
  params?: unknown;
  municipalityCode: string;
  /** The fiscal year (read at its 31 March, or today while it runs) … */
  fiscalYear?: number;
  /** … or a date (read at that day; its fiscal year is the one it falls in). */
  date?: string;
}

const today = (clock: Clock) => japanDateTime(clock.now().toISOString()).date;

/** Checks a binding's parameters against its source; issues are named `params.<name>`. */
export function parseParams(source: IndicatorSource, params: unknown): BindingParams {
  return parseWith(source.params, params ?? {}, "params") as BindingParams;
}

/**
 * Computes a source's figure. Fiscal years come from src/core/fiscal (FY 2025 = 1 April 2025 to
 * 31 March 2026); a year still running is read at today, one not yet begun is refused.
 *
 * @example
 * await computeSource(db, registry, { source: "companies.listed", municipalityCode: "272230", fiscalYear: 2025 })
 * // { value: 136, unit: "社", asOf: "2026-03-31", count: 136, empty: false, link: { href: "/companies", public: true }, … }
 */
export async function computeSource(
  db: Db,
  registry: SourceRegistry,
  input: ComputeInput,
  clock: Clock = systemClock,
): Promise<ComputedValue> {
  const source = registry.require(input.source);
  const params = parseParams(source, input.params);
  if (!/^\d{6}$/.test(input.municipalityCode))
    throw new DomainError("validation_failed", "a municipality code has six digits", [
      { path: "municipalityCode", message: "must be six digits (全国地方公共団体コード)" },
    ]);
  const now = today(clock);
  const fiscalYear = input.fiscalYear ?? fiscalYearOf(input.date ?? now);
  const span = fiscalYearSpan(fiscalYear);
  const asked = input.date ?? span.end;
  if (asked < span.start || asked > span.end)
    throw new DomainError("validation_failed", `${asked} is not in ${formatFiscalYear(fiscalYear)}`, [
      { path: "date", message: `must fall in ${formatFiscalYear(fiscalYear)} (${span.start} – ${span.end})` },
    ]);
  if (span.start > now)
    throw new DomainError("validation_failed", `${formatFiscalYear(fiscalYear)} has not begun`, [
      {
        path: input.date ? "date" : "fiscalYear",
        message: `${formatFiscalYear(fiscalYear)} begins on ${span.start}`,
      },
    ]);
  const asOf = asked < now ? asked : now;
  if (!source.readsPast && asOf < now)
    throw new DomainError(
      "validation_failed",
      `${source.id} counts the records as they are today; it cannot give the figure at ${asOf}`,
      [{ path: input.date ? "date" : "fiscalYear", message: `${source.id} only gives today's figure` }],
    );
  const result = await source.compute(db, {
    municipalityCode: input.municipalityCode,
    fiscalYear,
    from: span.start,
    asOf,
    params,
  });
  return {
    ...result,
    source: source.id,
    params,
    unit: source.unit,
    municipalityCode: input.municipalityCode,
    fiscalYear,
    from: span.start,
    asOf,
    final: asOf === span.end,
  };
}

/** What the review and the pages get for a bound indicator: its value, or why there is none. */
export type BindingOutcome =
  | { ok: true; value: ComputedValue; source: IndicatorSource }
  | { ok: false; problem: string; source: IndicatorSource | undefined };

/**
 * A bound indicator's computed actual for a fiscal year of a plan's municipality. A binding that
 * cannot be computed (a source this server lacks, parameters it refuses, a plan without a
 * municipality code) gives the reason instead, so pages show it rather than fail.
 */
export async function computeBinding(
  db: Db,
  registry: SourceRegistry,
  binding: IndicatorBinding,
  indicatorUnit: string,
  plan: { municipalityCode?: string | undefined },
  fiscalYear: number,
  clock: Clock = systemClock,
): Promise<BindingOutcome> {
  const source = registry.get(binding.source);
  if (!source) return { ok: false, problem: `unknown source "${binding.source}"`, source };
  const factor = unitFactor(source.unit, indicatorUnit);
  if (factor === null)
    return {
      ok: false,
      problem: `the source counts in ${source.unit}, the indicator in ${indicatorUnit}`,
      source,
    };
  if (!plan.municipalityCode)
    return { ok: false, problem: "the plan has no municipality code (plan.municipalityCode)", source };
  try {
    const value = await computeSource(
      db,
      registry,
      { source: binding.source, params: binding.params, municipalityCode: plan.municipalityCode, fiscalYear },
      clock,
    );
    return {
      ok: true,
      value: { ...value, value: convertValue(value.value, factor), unit: indicatorUnit },
      source,
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed")
      return { ok: false, problem: error.message, source };
    throw error;
  }
}

/** The part of a computed value a decision keeps. */
export const snapshotOf = (v: ComputedValue): ComputedSnapshot => ({
  source: v.source,
  params: v.params,
  value: v.value,
  asOf: v.asOf,
  count: v.count,
  empty: v.empty,
});
