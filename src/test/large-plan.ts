import type { Action, PlanDocument } from "../core/plan/plan.schema.js";
import { kadoma } from "./fixtures.js";

/**
 * A large plan for imports and benchmarks: Kadoma's strategies, 10 measures per strategy, and
 * `count` actions whose texts are Kadoma's own (cycled), so cell sizes and characters are real.
 * Deterministic: the same count gives the same plan.
 *
 * @example
 * const doc = largePlan(10_000); // 10,000 actions
 */
export function largePlan(count: number): PlanDocument {
  const base = kadoma();
  const measures = base.strategies.flatMap((s) =>
    Array.from({ length: 10 }, (_, i) => ({
      code: `${s.code}-${i + 1}`,
      strategy: s.code,
      name: `${s.name} 施策${i + 1}`,
      page: 40 + i,
    })),
  );
  const actions: Action[] = Array.from({ length: count }, (_, i) => {
    const model = base.actions[i % base.actions.length]!;
    const measure = measures[Math.floor((i * measures.length) / count)]!;
    return {
      ...structuredClone(model),
      number: i + 1,
      measure: measure.code,
      name: `${model.name} (${i + 1})`,
      relistOf:
        model.relistOf !== null && i >= base.actions.length ? i + 1 - (model.number - model.relistOf) : null,
      recovered: [],
    };
  });
  return {
    format: "shinko-plan/1",
    plan: { ...base.plan, id: "large", title: `大規模テスト計画 (${count}件)` },
    scales: base.scales,
    strategies: base.strategies,
    measures,
    actions,
  };
}
