import { describe, expect, it } from "vitest";
import { DEFAULT_SCALES } from "../review/scales.js";
import type { Indicator } from "./indicator.schema.js";
import { achievement, rate, rateIndicator, rollUp } from "./rating.js";

const rules = DEFAULT_SCALES.rating;

describe("indicator rating", () => {
  it("computes the achievement rate and never shows a missing figure as 0 %", () => {
    expect(achievement(100, 85)).toBe(85);
    expect(achievement(3, 1)).toBe(33.3);
    expect(achievement(null, 85)).toBeNull();
    expect(achievement(100, null)).toBeNull();
    expect(achievement(0, 5)).toBeNull();
  });

  it("rates by the default rules: 100 % on track, 80 % slightly behind, below that behind", () => {
    expect(rate(100, 100, rules)).toBe("on_track");
    expect(rate(100, 120, rules)).toBe("on_track");
    expect(rate(100, 99.9, rules)).toBe("slightly_behind");
    expect(rate(100, 80, rules)).toBe("slightly_behind");
    expect(rate(100, 79.9, rules)).toBe("behind");
    expect(rate(null, 50, rules)).toBe("no_target");
    expect(rate(100, null, rules)).toBe("no_actual");
  });

  it("follows a plan's own rules", () => {
    expect(rate(100, 90, { onTrackAt: 90, slightlyBehindAt: 70 })).toBe("on_track");
    expect(rate(100, 69, { onTrackAt: 90, slightlyBehindAt: 70 })).toBe("behind");
  });

  it("rates an indicator in a fiscal year", () => {
    const indicator: Indicator = {
      code: "1",
      name: "加入企業数",
      unit: "社",
      kind: "outcome",
      baseline: { fiscalYear: 2023, value: 99, evidence: null },
      values: [{ fiscalYear: 2025, target: 110, actual: 104, evidence: null }],
      source: "",
    };
    expect(rateIndicator(indicator, 2025, rules)).toEqual({
      fiscalYear: 2025,
      target: 110,
      actual: 104,
      achievement: 94.5,
      rating: "slightly_behind",
    });
    expect(rateIndicator(indicator, 2026, rules).rating).toBe("no_target");
  });

  it("rolls up, capping each indicator at 100 % and showing the formula", () => {
    const r = rollUp([
      { fiscalYear: 2025, target: 10, actual: 15, achievement: 150, rating: "on_track" },
      { fiscalYear: 2025, target: 10, actual: 4, achievement: 40, rating: "behind" },
      { fiscalYear: 2025, target: null, actual: 3, achievement: null, rating: "no_target" },
    ]);
    expect(r.counts).toEqual({ on_track: 1, slightly_behind: 0, behind: 1, no_target: 1, no_actual: 0 });
    expect(r.rated).toBe(2);
    expect(r.progress).toBe(70);
    expect(r.formula).toContain("÷ 2");
    expect(rollUp([]).progress).toBeNull();
  });
});
