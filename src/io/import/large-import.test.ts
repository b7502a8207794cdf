import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { largePlan } from "../../test/large-plan.js";
import { exportPlan } from "../export/export-plan.js";
import type { ImportDraft } from "./import-types.js";
import { runImport } from "./import-plan.js";
import { readImport } from "./read-import.js";

// The generated 10,000-action workbook imports. Its times go to docs/benchmarks-import-export.md
// (bench/import-export.bench.ts), never into a test.
const COUNT = 10_000;
let doc: PlanDocument;
let draft: ImportDraft;

beforeAll(async () => {
  doc = validatePlanDocument(largePlan(COUNT));
  const xlsx = await exportPlan(doc, "xlsx");
  draft = await readImport(xlsx.bytes, { source: "large.xlsx", format: "xlsx" });
}, 180_000);

describe.each(testDialects)("a 10,000-action workbook on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("imports whole, every action as generated", { timeout: 180_000 }, async () => {
    expect(draft.errors).toEqual([]);
    const report = await runImport(t.db, draft, { source: "large.xlsx", dryRun: false });
    expect(report).toMatchObject({
      outcome: "created",
      planId: "large",
      changes: { actions: { created: { length: COUNT } } },
    });
    expect(serializePlan(await getPlan(t.db, "large"))).toBe(serializePlan(doc));
  });
});
