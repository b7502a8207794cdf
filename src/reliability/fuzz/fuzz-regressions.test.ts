import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { savePlan } from "../../core/plan/plan.service.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { openDatabase } from "../../db/connection.js";
import { exportPlan } from "../../io/export/export-plan.js";
import { kadoma } from "../../test/fixtures.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { outcomeProblems } from "./fuzz-check.js";
import { baseFiles, mutate, type BaseFiles } from "./fuzz-inputs.js";
import { runImportJob } from "./fuzz-target.js";

// The inputs the full run (`npm run fuzz -- --targets xlsx --runs 600 --seed 424242`) stopped
// at, run in this process one after the other. Input 464 put U+007F (DELETE, invisible in the
// run's report, so the shrunk counterexample seemed to pass on its own) into a cell: the import
// took it, the export dropped it (ExcelJS writes no control characters), and the plan read back
// with another title or record. Such a cell is now refused, naming it.
let db: Db;
let base: PlanDocument;
let files: BaseFiles;

beforeAll(async () => {
  ({ db } = await openDatabase(":memory:"));
  base = validatePlanDocument(kadoma());
  await db.transaction().execute((trx) => savePlan(trx, base, { actor: "fuzz" }));
  files = await baseFiles();
}, 60_000);

describe("the xlsx fuzz run's counterexamples, in one process", () => {
  const cases: [string, number, string, string][] = [
    ["U+007F before a lone surrogate in the title", 0, "\u007f\udfff", "row 1, column A"],
    ["U+007F alone in the title", 0, "\u007f", "row 1, column A"],
    ["U+007F in action 44's result (input 464)", 285, "\u007f\ufffd", "row 47, column I"],
  ];
  for (const [what, index, value, place] of cases) {
    it(`refuses ${what}, naming the cell`, async () => {
      const bytes = mutate("xlsx", files.xlsx, [{ op: "sharedString", index, value, raw: false }]);
      const outcome = await runImportJob(db, base, {
        kind: "import",
        format: "xlsx",
        source: "fuzz.xlsx",
        bytes,
      });
      expect(outcomeProblems(outcome, "fuzz.xlsx")).toEqual([]);
      expect(outcome).toMatchObject({ kind: "refused", code: "validation_failed" });
      if (outcome.kind !== "refused") return;
      expect(outcome.issues[0]!.path).toContain(place);
      expect(outcome.issues[0]!.message).toContain("control character (U+007F)");
    });
  }

  it("refuses to export a plan holding a control character, naming the cell, rather than drop it", async () => {
    const doc = structuredClone(base);
    doc.plan.title = "門真市\u007fアクションプラン";
    const error = await exportPlan(doc, "xlsx").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues[0]).toEqual({
      path: "sheet アクションプラン, row 1, column A",
      message: "holds a control character (U+007F) that a workbook cannot keep",
    });
  });
});
