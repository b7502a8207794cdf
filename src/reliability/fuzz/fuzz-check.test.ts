import { describe, expect, it } from "vitest";
import { namesPlace, outcomeProblems } from "./fuzz-check.js";

// The fuzz properties must be able to fail: each kind of defect they look for is reported.
describe("the fuzz properties", () => {
  it("accept refusals that name a row and column, a line, a JSON path or the whole file", () => {
    for (const path of [
      "row 12, column F (具体的アクション)",
      "line 20, column O",
      "actions[3].name",
      "plan.xlsx",
    ]) {
      expect(namesPlace({ path, message: "is wrong" }, "plan.xlsx")).toBe(true);
    }
  });

  it("report a crash, a hang, a refusal without a place or with a stack, and a broken round trip", () => {
    expect(
      outcomeProblems({ kind: "crash", name: "TypeError", message: "x is undefined", stack: "" }, "f"),
    ).toHaveLength(1);
    expect(outcomeProblems({ kind: "hang", ms: 5000 }, "f")).toEqual(["no answer within 5000 ms"]);
    expect(
      outcomeProblems({ kind: "refused", code: "validation_failed", message: "bad", issues: [] }, "f"),
    ).toEqual(["refused without naming a place: bad"]);
    expect(
      outcomeProblems(
        {
          kind: "refused",
          code: "validation_failed",
          message: "bad",
          issues: [{ path: "somewhere", message: "bad" }],
        },
        "f",
      ),
    ).toEqual(['"somewhere" names no place (bad)']);
    expect(
      outcomeProblems(
        {
          kind: "refused",
          code: "validation_failed",
          message: "bad\n    at parse (file.ts:1:2)",
          issues: [{ path: "f", message: "bad" }],
        },
        "f",
      ),
    ).toHaveLength(1);
    expect(
      outcomeProblems(
        { kind: "refused", code: "conflict", message: "c", issues: [{ path: "f", message: "c" }] },
        "f",
      ),
    ).toEqual(["refused with code conflict"]);
    expect(outcomeProblems({ kind: "accepted", roundTrip: "it replaced the plan" }, "f")).toHaveLength(1);
    expect(outcomeProblems({ kind: "accepted", roundTrip: null }, "f")).toEqual([]);
  });
});
