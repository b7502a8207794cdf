import { describe, expect, it } from "vitest";
import { chartOption, type Palette } from "../../../../web/charts/chart-option.js";
import type { ChartSpec } from "./indicator-chart.js";

const palette: Palette = {
  actual: "#0017c1",
  baseline: "#767676",
  target: "#c74700",
  text: "#333333",
  line: "#cccccc",
  font: "sans-serif",
};

const spec: ChartSpec = {
  kind: "indicator",
  categories: ["令和5年度", "令和6年度", "令和7年度"],
  series: [
    { name: "基準値", role: "baseline", values: [99, null, null] },
    { name: "実績値", role: "actual", values: [null, 101, 104] },
    { name: "目標値", role: "target", values: [null, null, 105] },
  ],
  unit: "社",
};

describe("chartOption", () => {
  it("draws actuals as bars and the target as a dashed line with diamond marks (not colour alone)", () => {
    const option = chartOption(spec, palette);
    const series = option.series as {
      type: string;
      name: string;
      symbol?: string;
      lineStyle?: { type: string };
    }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ["bar", "基準値"],
      ["bar", "実績値"],
      ["line", "目標値"],
    ]);
    expect(series[2]).toMatchObject({ symbol: "diamond", lineStyle: { type: "dashed" } });
    expect(option.xAxis).toMatchObject({ data: spec.categories });
    expect(option.yAxis).toMatchObject({ name: "社", minInterval: 1 });
  });

  it("never renders HTML: tooltips are rich text, and nothing moves", () => {
    const option = chartOption(spec, palette);
    expect(option.tooltip).toMatchObject({ renderMode: "richText" });
    expect(option.animation).toBe(false);
  });

  it("allows fractions where the values have them, and narrows labels on a phone", () => {
    const rate = chartOption(
      { ...spec, series: [{ name: "実績値", role: "actual", values: [13.2, 9.7] }] },
      palette,
    );
    expect(rate.yAxis).not.toHaveProperty("minInterval");
    const progress = chartOption(
      {
        kind: "progress",
        categories: ["(1) イノベーション"],
        series: [{ name: "平均達成率", role: "progress", values: [82.5] }],
        unit: "%",
      },
      palette,
      390,
    );
    expect(progress.yAxis).toMatchObject({ type: "category", axisLabel: { width: 156 } });
    expect(progress.xAxis).toMatchObject({ max: 100, interval: 50 });
  });
});
