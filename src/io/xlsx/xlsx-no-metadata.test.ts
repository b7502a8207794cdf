import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { getPlan, removePlan, savePlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { exportPlan } from "../export/export-plan.js";
import { runImport } from "../import/import-plan.js";
import { readImport } from "../import/read-import.js";
import { METADATA_SHEET } from "./xlsx-metadata.js";

// A workbook saved again without its hidden metadata sheet (a person copied the table into a new
// workbook, or a program dropped the hidden sheet). Replacing the plan with it used to drop the
// recovery notes; it now keeps them with the indicators, evaluations, municipality code,
// prefecture and source, and the dry run says so.
let bytes: Uint8Array;

beforeAll(async () => {
  const exported = await exportPlan(validatePlanDocument(kadoma()), "xlsx");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(exported.bytes) as never);
  book.removeWorksheet(book.getWorksheet(METADATA_SHEET)!.id);
  bytes = new Uint8Array(await book.xlsx.writeBuffer());
});

describe.each(testDialects)("a workbook without its metadata sheet, on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  beforeEach(async () => {
    for (const id of ["kadoma", "plan-2024-2028"]) await removePlan(t.db, id).catch(() => undefined);
    await t.db
      .transaction()
      .execute((trx) => savePlan(trx, validatePlanDocument(kadoma()), { actor: "test" }));
  });
  afterAll(async () => t.close());

  it("replaces the plan keeping what the table cannot show, and the dry run says what is kept", async () => {
    const draft = await readImport(bytes, { source: "resaved.xlsx", format: "xlsx" });
    const options = { source: "resaved.xlsx", planId: "kadoma" };
    const preview = await runImport(t.db, draft, { ...options, dryRun: true });
    expect(preview.warnings).toContainEqual({
      path: "resaved.xlsx",
      message:
        'the workbook has no metadata sheet (メタデータ); kept from plan "kadoma": indicators and evaluations, recovery notes, the review\'s scales, municipality code, prefecture, source',
    });
    await runImport(t.db, draft, { ...options, dryRun: false });
    const after = await getPlan(t.db, "kadoma");
    const before = validatePlanDocument(kadoma());
    expect(after.plan).toMatchObject({
      municipalityCode: before.plan.municipalityCode,
      prefecture: before.plan.prefecture,
      source: before.plan.source,
    });
    const recovered = before.actions.filter((a) => a.recovered.length > 0);
    expect(recovered.length).toBeGreaterThan(0);
    for (const a of before.actions) {
      const now = after.actions.find((x) => x.number === a.number)!;
      expect([a.number, now.recovered, now.indicators, now.evaluations]).toEqual([
        a.number,
        a.recovered,
        a.indicators,
        a.evaluations,
      ]);
    }
  });

  it("over the plan it came from changes nothing (the rows show what the plan holds)", async () => {
    const draft = await readImport(bytes, { source: "resaved.xlsx", format: "xlsx" });
    const report = await runImport(t.db, draft, { source: "resaved.xlsx", planId: "kadoma", dryRun: false });
    expect(report.outcome).toBe("unchanged");
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
  });

  it("without --plan, creates a plan named by its years, municipality and title from the title line", async () => {
    await removePlan(t.db, "kadoma");
    const draft = await readImport(bytes, { source: "resaved.xlsx", format: "xlsx" });
    const report = await runImport(t.db, draft, { source: "resaved.xlsx", dryRun: false });
    expect(report).toMatchObject({ outcome: "created", planId: "plan-2024-2028" });
    expect(report.warnings).toContainEqual({
      path: "resaved.xlsx",
      message:
        'the xlsx file names no plan id and no plan has its title; created as plan "plan-2024-2028" (give --plan ID to choose the id)',
    });
    const created = await getPlan(t.db, "plan-2024-2028");
    expect(created.plan).toMatchObject({ municipality: "門真市", title: kadoma().plan.title });
    expect(created.actions).toHaveLength(45);
    // A second import of the same file finds the plan by its title and changes nothing.
    const again = await runImport(t.db, draft, { source: "resaved.xlsx", dryRun: false });
    expect(again).toMatchObject({ outcome: "unchanged", planId: "plan-2024-2028" });
  });
});
