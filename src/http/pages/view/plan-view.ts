import type { Action, Measure, PlanDocument, Strategy } from "../../../core/plan/plan.schema.js";

export interface Counts {
  actions: number;
  priority: number;
  isNew: number;
  relisted: number;
}

export interface MeasureGroup {
  measure: Measure;
  /** ① ② … : the measure's place inside its strategy, as the city's table writes it. */
  mark: string;
  actions: Action[];
  counts: Counts;
}

export interface StrategyGroup {
  strategy: Strategy;
  /** (1) (2) … */
  mark: string;
  measures: MeasureGroup[];
  counts: Counts;
}

/** A plan arranged the way the pages show it, computed once per cached document. */
export interface PlanView {
  doc: PlanDocument;
  strategies: StrategyGroup[];
  counts: Counts;
  /** The plan's fiscal years, from … to. */
  years: number[];
  /** Fiscal years that have result records, ascending. */
  resultYears: number[];
  /** The fiscal year the baseline (現状) describes: the year before the plan, as the data says. */
  baselineYear: number;
  /** The date of the latest results, per result year. */
  resultAsOf: Map<number, string | null>;
  tags: { tag: string; count: number }[];
  action(number: number): Action | undefined;
  measure(code: string): MeasureGroup | undefined;
  strategyOf(measureCode: string): StrategyGroup | undefined;
  /** Numbers of the 再掲 rows that list this action again. */
  relistedBy(number: number): number[];
  /** The actions before and after this one, in number order. */
  neighbours(number: number): { prev: Action | undefined; next: Action | undefined };
}

/** (1), ①: circled numbers exist for 1–50 in Unicode; past that, plain digits. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

export function countActions(actions: readonly Action[]): Counts {
  return {
    actions: actions.length,
    priority: actions.filter((a) => a.isPriority).length,
    isNew: actions.filter((a) => a.isNew).length,
    relisted: actions.filter((a) => a.relistOf !== null).length,
  };
}

/** True when the action's schedule has a label in this fiscal year (the search filter's rule). */
export function scheduledIn(action: Action, fy: number): boolean {
  return action.schedule.some((s) => s.from <= fy && fy <= s.to);
}

const views = new WeakMap<PlanDocument, PlanView>();

/**
 * Groups a plan by strategy and measure, with counts and cross references.
 *
 * @example
 * const view = planView(doc);
 * view.strategies[0].measures[0].counts.actions // 2
 */
export function planView(doc: PlanDocument): PlanView {
  const cached = views.get(doc);
  if (cached) return cached;
  const byMeasure = new Map<string, Action[]>();
  for (const a of doc.actions) {
    const list = byMeasure.get(a.measure);
    if (list) list.push(a);
    else byMeasure.set(a.measure, [a]);
  }
  const measureGroups = new Map<string, MeasureGroup>();
  const strategyOfMeasure = new Map<string, StrategyGroup>();
  const strategies = doc.strategies.map((strategy, i): StrategyGroup => {
    const measures = doc.measures
      .filter((m) => m.strategy === strategy.code)
      .map((measure, j): MeasureGroup => {
        const actions = byMeasure.get(measure.code) ?? [];
        const group = { measure, mark: circled(j + 1), actions, counts: countActions(actions) };
        measureGroups.set(measure.code, group);
        return group;
      });
    const group = {
      strategy,
      mark: `(${i + 1})`,
      measures,
      counts: countActions(measures.flatMap((m) => m.actions)),
    };
    for (const m of measures) strategyOfMeasure.set(m.measure.code, group);
    return group;
  });

  const actionByNumber = new Map(doc.actions.map((a) => [a.number, a]));
  const relisted = new Map<number, number[]>();
  for (const a of doc.actions) {
    if (a.relistOf === null) continue;
    relisted.set(a.relistOf, [...(relisted.get(a.relistOf) ?? []), a.number]);
  }
  const tagCounts = new Map<string, number>();
  for (const a of doc.actions) for (const t of a.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
  const resultAsOf = new Map<number, string | null>();
  for (const r of doc.actions.flatMap((a) => a.records)) {
    if (r.kind !== "result") continue;
    const known = resultAsOf.get(r.fiscalYear);
    if (known === undefined || (r.asOf !== null && (known === null || r.asOf > known))) {
      resultAsOf.set(r.fiscalYear, r.asOf);
    }
  }
  const { from, to } = doc.plan.fiscalYears;
  const baselineYears = doc.actions.flatMap((a) => a.records.filter((r) => r.kind === "baseline"));
  const sorted = [...doc.actions];
  const view: PlanView = {
    doc,
    strategies,
    counts: countActions(doc.actions),
    years: Array.from({ length: to - from + 1 }, (_, i) => from + i),
    resultYears: [...resultAsOf.keys()].sort((a, b) => a - b),
    baselineYear: baselineYears[0]?.fiscalYear ?? from - 1,
    resultAsOf,
    tags: [...tagCounts].map(([tag, count]) => ({ tag, count })),
    action: (n) => actionByNumber.get(n),
    measure: (code) => measureGroups.get(code),
    strategyOf: (code) => strategyOfMeasure.get(code),
    relistedBy: (n) => relisted.get(n) ?? [],
    neighbours: (n) => {
      const i = sorted.findIndex((a) => a.number === n);
      return { prev: i > 0 ? sorted[i - 1] : undefined, next: i >= 0 ? sorted[i + 1] : undefined };
    },
  };
  views.set(doc, view);
  return view;
}
