import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, importPlan, removePlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { importBytes } from "../../test/import-helpers.js";

// shinko's workbook opened and saved again by LibreOffice Calc (src/io/fixtures/libreoffice/README.md):
// Calc rewrites every part of the file, keeps the very hidden metadata sheet, and the plan reads back whole.
const bytes = new Uint8Array(
  readFileSync(new URL("../fixtures/libreoffice/kadoma-calc-resaved.xlsx", import.meta.url)),
);

describe.each(testDialects)("a workbook re-saved by LibreOffice Calc, on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await removePlan(t.db, "kadoma").catch(() => undefined);
  });

  it("creates the identical plan in an empty database", async () => {
    const report = await importBytes(t.db, bytes, { source: "calc.xlsx", format: "xlsx" });
    expect(report).toMatchObject({ outcome: "created", planId: "kadoma", warnings: [] });
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
  });

  it("changes nothing over the plan it came from", async () => {
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    const report = await importBytes(t.db, bytes, { source: "calc.xlsx", format: "xlsx" });
    expect(report.outcome).toBe("unchanged");
  });
});
