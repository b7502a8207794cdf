import { describe, expect, it } from "vitest";
import { isTentative, scheduleCells } from "./schedule-cells.js";

const years = [2024, 2025, 2026, 2027, 2028];

describe("scheduleCells", () => {
  it("spans each label over its years and leaves the others empty", () => {
    const cells = scheduleCells(
      [
        { from: 2025, to: 2026, label: "2年間延長予定" },
        { from: 2028, to: 2028, label: "検討" },
      ],
      years,
    );
    expect(cells.map((c) => [c.from, c.span, c.labels.join()])).toEqual([
      [2024, 1, ""],
      [2025, 2, "2年間延長予定"],
      [2027, 1, ""],
      [2028, 1, "検討"],
    ]);
  });

  it("clips labels that run outside the plan's years", () => {
    const cells = scheduleCells([{ from: 2020, to: 2030, label: "実施" }], years);
    expect(cells).toEqual([{ from: 2024, to: 2028, span: 5, labels: ["実施"] }]);
  });

  it("keeps both labels when the data overlaps, in one wider cell", () => {
    const cells = scheduleCells(
      [
        { from: 2024, to: 2025, label: "実施" },
        { from: 2025, to: 2026, label: "見直し" },
      ],
      years,
    );
    expect(cells[0]).toEqual({ from: 2024, to: 2026, span: 3, labels: ["実施", "見直し"] });
    expect(cells).toHaveLength(3);
  });

  it("gives one empty cell per year when nothing is scheduled", () => {
    expect(scheduleCells([], years)).toHaveLength(5);
    expect(scheduleCells([], [])).toEqual([]);
  });
});

describe("isTentative", () => {
  it.each([
    ["検討・実施", true],
    ["見直し", true],
    ["令和9年度以降未定", true],
    ["事業者選定", true],
    ["実施", false],
    ["委託事業", false],
  ])("%s → %s", (label, expected) => {
    expect(isTentative(label)).toBe(expected);
  });
});
