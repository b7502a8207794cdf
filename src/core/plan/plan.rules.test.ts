import { describe, expect, it } from "vitest";
import { kadoma, smallPlan, testAction } from "../../test/fixtures.js";
import { DomainError } from "../errors.js";
import { validatePlanDocument } from "./plan.rules.js";

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    validatePlanDocument(input);
  } catch (error) {
    if (error instanceof DomainError) return [...error.issues];
    throw error;
  }
  throw new Error("expected the document to be refused");
}

describe("validatePlanDocument", () => {
  it("accepts Kadoma's plan and a small plan", () => {
    expect(validatePlanDocument(kadoma()).actions).toHaveLength(45);
    expect(validatePlanDocument(smallPlan()).actions).toHaveLength(2);
  });

  it("names a missing field by its JSON path", () => {
    const doc = kadoma() as unknown as { actions: Record<string, unknown>[] };
    delete doc.actions[3]!.name;
    expect(issuesOf(doc)).toEqual([{ path: "actions[3].name", message: "is required" }]);
  });

  it("refuses text holding a broken character (an unpaired surrogate), naming the place; emoji pass", () => {
    const doc = kadoma();
    doc.plan.title = "門真市\udfff計画";
    doc.actions[7]!.challenges = ["ok 😀", "\ud83d"];
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(["plan.title", "actions[7].challenges[1]"]);
    for (const issue of issues) expect(issue.message).toContain("unpaired surrogate");
    const fine = kadoma();
    fine.actions[7]!.challenges = ["ok 😀"];
    expect(validatePlanDocument(fine).actions[7]!.challenges).toEqual(["ok 😀"]);
  });

  it("names a field of the wrong type", () => {
    const doc = kadoma() as unknown as { actions: Record<string, unknown>[] };
    doc.actions[0]!.isPriority = "yes";
    expect(issuesOf(doc)).toEqual([
      { path: "actions[0].isPriority", message: "must be boolean, not string" },
    ]);
  });

  it("refuses unknown fields (a typo is not silently dropped)", () => {
    const doc = kadoma() as unknown as { actions: Record<string, unknown>[] };
    doc.actions[2]!.isPriorty = true;
    expect(issuesOf(doc)).toEqual([{ path: "actions[2].isPriorty", message: "is not a known field" }]);
  });

  it("refuses another format", () => {
    expect(issuesOf({ ...kadoma(), format: "shinko-plan/9" })[0]!.path).toBe("format");
  });

  it("refuses a duplicate action number, naming both places", () => {
    const doc = kadoma();
    doc.actions[44]!.number = 12;
    expect(issuesOf(doc)).toEqual([
      { path: "actions[44].number", message: "duplicate action number 12 (first at actions[11])" },
    ]);
  });

  it("refuses an unknown measure, an unknown strategy and an unknown relisted action", () => {
    const doc = kadoma();
    doc.actions[1]!.measure = "9-9";
    doc.measures[0]!.strategy = "7";
    doc.actions[23]!.relistOf = 99;
    expect(issuesOf(doc)).toEqual([
      { path: "measures[0].strategy", message: 'unknown strategy "7"' },
      { path: "actions[1].measure", message: 'action 2: unknown measure "9-9"' },
      { path: "actions[23].relistOf", message: "action 24: relists unknown action 99" },
    ]);
  });

  it("refuses schedules outside the plan's years and reversed spans", () => {
    const doc = smallPlan({}, [
      testAction(1, { schedule: [{ from: 2023, to: 2024, label: "実施" }] }),
      testAction(2, { schedule: [{ from: 2026, to: 2025, label: "検討" }] }),
    ]);
    expect(issuesOf(doc)).toEqual([
      { path: "actions[1].schedule[0].to", message: "from must not be after to" },
    ]);
    const outside = smallPlan({}, [testAction(1, { schedule: [{ from: 2023, to: 2024, label: "実施" }] })]);
    expect(issuesOf(outside)).toEqual([
      {
        path: "actions[0].schedule[0].from",
        message: "action 1: FY 2023 is outside the plan's fiscal years 2024–2028",
      },
    ]);
  });

  it("refuses dates that do not exist and empty names", () => {
    const doc = smallPlan({ asOf: "2025-02-30" }, [testAction(1, { name: "   " })]);
    expect(issuesOf(doc)).toEqual([
      { path: "plan.asOf", message: "is not a real calendar date" },
      { path: "actions[0].name", message: "must not be empty" },
    ]);
  });

  it("refuses a plan id that cannot be part of a URL", () => {
    expect(issuesOf(smallPlan({ id: "../etc" }))[0]!.path).toBe("plan.id");
  });

  it("lists every problem, not just the first", () => {
    const doc = kadoma();
    for (const a of doc.actions) a.measure = "0-0";
    expect(issuesOf(doc)).toHaveLength(45);
  });
});
