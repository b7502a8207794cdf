import { describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { writeZip } from "../../reliability/fuzz/zip-writer.js";
import { kadoma } from "../../test/fixtures.js";
import { exportPlan } from "../export/export-plan.js";
import { IMPORT_LIMITS } from "../import/import-limits.js";
import { readImport } from "../import/read-import.js";
import { listZipEntries, readZipEntry } from "../zip/zip-reader.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";

// Hostile and heavy workbooks are refused before the spreadsheet library builds them, naming the
// sheet, the range and the limit. Before the limits, the merged range kept the process busy for
// hours (the test would time out) and the million rows took 23 s and 2 GB.

async function kadomaWith(edit: (sheetXml: string) => string): Promise<Uint8Array> {
  const bytes = (await exportPlan(validatePlanDocument(kadoma()), "xlsx")).bytes;
  const entries = listZipEntries(bytes).map((e) => {
    const data = readZipEntry(bytes, e);
    return {
      name: e.name,
      data: e.name === "xl/worksheets/sheet1.xml" ? Buffer.from(edit(data.toString("utf8"))) : data,
    };
  });
  return writeZip(entries);
}

async function refusal(bytes: Uint8Array): Promise<DomainError> {
  const error = await readImport(bytes, { source: "hostile.xlsx", format: "xlsx" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("hostile and heavy workbooks", () => {
  it("refuses one merged range over the whole sheet, naming it, at once", async () => {
    const bytes = await kadomaWith((xml) =>
      xml.replace(/<mergeCells count="\d+">/, '<mergeCells count="999"><mergeCell ref="A1:XFD1048576"/>'),
    );
    expect(bytes.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    const error = await refusal(bytes);
    const ms = performance.now() - started;
    expect(error.code).toBe("too_large");
    expect(error.issues[0]!.path).toBe('sheet "アクションプラン", merged range A1:XFD1048576');
    expect(error.issues[0]!.message).toContain("17,179,869,184 cells");
    console.log(`merged-range workbook refused in ${Math.round(ms)} ms`);
  });

  it("refuses a data validation over the whole sheet the same way", async () => {
    const bytes = await kadomaWith((xml) =>
      xml.replace(
        "</sheetData>",
        '</sheetData><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>',
      ),
    );
    const error = await refusal(bytes);
    expect(error.issues[0]!.path).toBe('sheet "アクションプラン", data validation range A1:XFD1048576');
  });

  it("refuses 300,000 rows by the row limit, naming the sheet and the limit", async () => {
    const rows: string[] = [];
    for (let r = 100; r < 300_100; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
    const bytes = await kadomaWith((xml) => xml.replace("</sheetData>", `${rows.join("")}</sheetData>`));
    expect(bytes.length).toBeLessThan(20 * 1024 * 1024);
    const started = performance.now();
    const error = await refusal(bytes);
    console.log(
      `300,000-row workbook (${(bytes.length / 1024 / 1024).toFixed(1)} MB) refused in ${Math.round(performance.now() - started)} ms`,
    );
    expect(error.code).toBe("too_large");
    expect(error.issues[0]).toEqual({
      path: 'sheet "アクションプラン"',
      message: `more than ${IMPORT_LIMITS.rows.toLocaleString("en-US")} rows; an import reads at most ${IMPORT_LIMITS.rows.toLocaleString("en-US")} rows a sheet`,
    });
  }, 60_000);

  it("refuses a row numbered past the limit (a sparse sheet is no cheaper to build)", async () => {
    const bytes = await kadomaWith((xml) =>
      xml.replace("</sheetData>", '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'),
    );
    const error = await refusal(bytes);
    expect(error.issues[0]!.path).toBe('sheet "アクションプラン", row 1048576');
  });

  it("still reads the plan's own workbook", async () => {
    const bytes = await kadomaWith((xml) => xml);
    const draft = await readImport(bytes, { source: "kadoma.xlsx", format: "xlsx" });
    expect(draft.errors).toEqual([]);
    expect(draft.document?.actions).toHaveLength(45);
  });
});
