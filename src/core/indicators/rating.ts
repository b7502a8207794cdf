import type { Scales } from "../review/scales.js";
import type { Indicator } from "./indicator.schema.js";

export type Rating = "on_track" | "slightly_behind" | "behind" | "no_target" | "no_actual";

export interface RatedValue {
  fiscalYear: number;
  target: number | null;
  actual: number | null;
  /** actual ÷ target × 100, or null when either is missing (never a misleading 0 %). */
  achievement: number | null;
  rating: Rating;
}

/** Achievement rate in %: actual ÷ target × 100, rounded to 0.1; null without a usable target. */
export function achievement(target: number | null, actual: number | null): number | null {
  if (target === null || actual === null || target <= 0) return null;
  return Math.round((actual / target) * 1000) / 10;
}

/**
 * Rates one value by the plan's rules (default: on track at 100 % of target or more, slightly
 * behind from 80 %, behind below that).
 */
export function rate(target: number | null, actual: number | null, rules: Scales["rating"]): Rating {
  if (target === null || target <= 0) return "no_target";
  if (actual === null) return "no_actual";
  const rateValue = achievement(target, actual)!;
  if (rateValue >= rules.onTrackAt) return "on_track";
  if (rateValue >= rules.slightlyBehindAt) return "slightly_behind";
  return "behind";
}

export function rateIndicator(indicator: Indicator, fiscalYear: number, rules: Scales["rating"]): RatedValue {
  const value = indicator.values.find((v) => v.fiscalYear === fiscalYear);
  const target = value?.target ?? null;
  const actual = value?.actual ?? null;
  return {
    fiscalYear,
    target,
    actual,
    achievement: achievement(target, actual),
    rating: rate(target, actual, rules),
  };
}

export interface RollUp {
  /** Indicators counted, by rating. */
  counts: Record<Rating, number>;
  /** Indicators with a target and an actual. */
  rated: number;
  /** Mean of min(achievement, 100) over the rated indicators, or null when none is rated. */
  progress: number | null;
  /** How `progress` is computed, to show beside the figure. */
  formula: string;
}

const EMPTY: Record<Rating, number> = {
  on_track: 0,
  slightly_behind: 0,
  behind: 0,
  no_target: 0,
  no_actual: 0,
};

/**
 * Rolls indicator ratings up (to a measure or a strategy): counts by rating and the mean
 * achievement, each indicator capped at 100 % so one over-achiever cannot hide others behind.
 *
 * @example
 * rollUp([rated1, rated2]) // { counts: { on_track: 1, behind: 1, … }, rated: 2, progress: 70, formula: "…" }
 */
export function rollUp(values: readonly RatedValue[]): RollUp {
  const counts = { ...EMPTY };
  let sum = 0;
  let rated = 0;
  for (const v of values) {
    counts[v.rating]++;
    if (v.achievement !== null) {
      sum += Math.min(v.achievement, 100);
      rated++;
    }
  }
  const progress = rated > 0 ? Math.round((sum / rated) * 10) / 10 : null;
  return {
    counts,
    rated,
    progress,
    formula:
      rated > 0
        ? `Σ min(実績値 ÷ 目標値, 100%) ÷ ${rated}（目標と実績のある指標の数） = ${progress}%`
        : "目標と実績のそろった指標がないため算出しません",
  };
}
