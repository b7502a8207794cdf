import { describe, expect, it } from "vitest";
import { kadoma, smallPlan, testAction } from "../../test/fixtures.js";
import type { Indicator } from "../indicators/indicator.schema.js";
import { crossCheck } from "./plan.rules.js";

// What the schema cannot see, one rule at a time, each with the exact place and message a person
// fixing the file would read.
const indicator = (code: string, years: number[]): Indicator => ({
  code,
  name: `指標${code}`,
  unit: "件",
  kind: "activity",
  baseline: null,
  values: years.map((fiscalYear) => ({ fiscalYear, target: 10, actual: null, evidence: null })),
  source: "",
});

describe("crossCheck", () => {
  it("finds nothing in Kadoma's plan nor in a small plan", () => {
    expect(crossCheck(kadoma())).toEqual([]);
    expect(crossCheck(smallPlan())).toEqual([]);
  });

  it("refuses duplicate strategy and measure codes, naming the second and the first place", () => {
    const doc = smallPlan();
    doc.strategies.push({ code: "2", name: "成長", subtitle: "" }, { code: "1", name: "重複", subtitle: "" });
    doc.measures.push(
      { code: "2-1", strategy: "2", name: "販路", page: null },
      { code: "1-1", strategy: "1", name: "重複", page: null },
    );
    expect(crossCheck(doc)).toEqual([
      { path: "strategies[2].code", message: "duplicate strategy code 1 (first at strategies[0])" },
      { path: "measures[2].code", message: "duplicate measure code 1-1 (first at measures[0])" },
    ]);
  });

  it("keeps the first place of a code that appears three times", () => {
    const doc = smallPlan({}, [testAction(4), testAction(5), testAction(4), testAction(4)]);
    expect(crossCheck(doc)).toEqual([
      { path: "actions[2].number", message: "duplicate action number 4 (first at actions[0])" },
      { path: "actions[3].number", message: "duplicate action number 4 (first at actions[0])" },
    ]);
  });

  it("refuses an action that relists itself, and accepts one that relists another", () => {
    const doc = smallPlan({}, [
      testAction(1),
      testAction(2, { relistOf: 2 }),
      testAction(3, { relistOf: 1 }),
    ]);
    expect(crossCheck(doc)).toEqual([
      { path: "actions[1].relistOf", message: "action 2 cannot relist itself" },
    ]);
  });

  it("refuses a relist of an action that is not in the plan, and a measure that is not", () => {
    const doc = smallPlan({}, [testAction(1, { relistOf: 7, measure: "1-2" })]);
    expect(crossCheck(doc)).toEqual([
      { path: "actions[0].measure", message: 'action 1: unknown measure "1-2"' },
      { path: "actions[0].relistOf", message: "action 1: relists unknown action 7" },
    ]);
  });

  it("refuses a tag given twice to one action, but not the same tag on two actions", () => {
    const doc = smallPlan({}, [
      testAction(1, { tags: ["DX", "人材", "DX"] }),
      testAction(2, { tags: ["DX"] }),
    ]);
    expect(crossCheck(doc)).toEqual([{ path: "actions[0].tags[2]", message: 'duplicate tag "DX"' }]);
  });

  it("refuses a second evaluation for a year and grades or directions outside the plan's scales", () => {
    const doc = smallPlan({}, [
      testAction(1, {
        evaluations: [
          { fiscalYear: 2024, grade: "A", direction: "expand", analysis: "" },
          { fiscalYear: 2025, grade: "E", direction: "grow", analysis: "" },
          { fiscalYear: 2024, grade: null, direction: null, analysis: "" },
        ],
      }),
      testAction(2, { evaluations: [{ fiscalYear: 2024, grade: "D", direction: "review", analysis: "" }] }),
    ]);
    expect(crossCheck(doc)).toEqual([
      {
        path: "actions[0].evaluations[1].grade",
        message: 'unknown grade "E" (the plan\'s scales: A, B, C, D)',
      },
      { path: "actions[0].evaluations[1].direction", message: 'unknown direction "grow"' },
      { path: "actions[0].evaluations[2].fiscalYear", message: "a second evaluation for FY 2024" },
    ]);
  });

  it("judges grades by the plan's own scales", () => {
    const doc = smallPlan({}, [
      testAction(1, { evaluations: [{ fiscalYear: 2024, grade: "S", direction: "stop", analysis: "" }] }),
    ]);
    doc.scales = {
      ...doc.scales,
      grades: [...doc.scales.grades, { code: "S", label: "S", meaning: "特に優れている", color: "#000000" }],
      directions: [...doc.scales.directions, { code: "stop", label: "終了", meaning: "事業を終える" }],
    };
    expect(crossCheck(doc)).toEqual([]);
  });

  it("refuses a duplicate indicator code and a second value for a year, per indicator", () => {
    const doc = smallPlan({}, [
      testAction(1, {
        indicators: [indicator("1", [2024, 2025, 2024]), indicator("2", [2024]), indicator("1", [2025])],
      }),
      testAction(2, { indicators: [indicator("1", [2024, 2025])] }),
    ]);
    expect(crossCheck(doc)).toEqual([
      { path: "actions[0].indicators[0].values[2].fiscalYear", message: "a second value for FY 2024" },
      { path: "actions[0].indicators[2].code", message: 'duplicate indicator code "1"' },
    ]);
  });

  it("accepts schedules on the plan's first and last year, and refuses a year before or after", () => {
    const within = smallPlan({}, [testAction(1, { schedule: [{ from: 2024, to: 2028, label: "実施" }] })]);
    expect(crossCheck(within)).toEqual([]);
    const doc = smallPlan({}, [
      testAction(1, { schedule: [{ from: 2027, to: 2029, label: "実施" }] }),
      testAction(2, {
        schedule: [
          { from: 2024, to: 2025, label: "検討" },
          { from: 2023, to: 2030, label: "実施" },
        ],
      }),
    ]);
    expect(crossCheck(doc)).toEqual([
      {
        path: "actions[0].schedule[0].to",
        message: "action 1: FY 2029 is outside the plan's fiscal years 2024–2028",
      },
      {
        path: "actions[1].schedule[1].from",
        message: "action 2: FY 2023 is outside the plan's fiscal years 2024–2028",
      },
      {
        path: "actions[1].schedule[1].to",
        message: "action 2: FY 2030 is outside the plan's fiscal years 2024–2028",
      },
    ]);
  });
});
