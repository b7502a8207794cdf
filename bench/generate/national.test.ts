import { describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../src/core/plan/plan.rules.js";
import { generateNational, generatePlan } from "./national.js";

describe("national dataset generator", () => {
  it("makes valid plans shaped like Kadoma's, the same on every run", () => {
    const plans = [...generateNational(5)];
    for (const plan of plans) {
      const valid = validatePlanDocument(plan);
      expect(valid.strategies).toHaveLength(3);
      expect(valid.measures).toHaveLength(15);
      expect(valid.actions.length).toBeGreaterThanOrEqual(40);
      expect(valid.actions.length).toBeLessThanOrEqual(50);
      expect(valid.actions[0]!.records.map((r) => r.fiscalYear)).toEqual([2023, 2024, 2025, 2026, 2027]);
    }
    expect(new Set(plans.map((p) => p.plan.id)).size).toBe(5);
    expect(JSON.stringify(generatePlan(3))).toBe(JSON.stringify(plans[2]));
  });
});
