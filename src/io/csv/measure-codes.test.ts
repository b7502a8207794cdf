import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { kadoma } from "../../test/fixtures.js";
import { exportPlan } from "../export/export-plan.js";
import { readImport } from "../import/read-import.js";
import { columnLetter } from "../xlsx/xlsx-layout.js";
import { dateParts } from "./measure-codes.js";
import { readCsv, writeCsv } from "./csv-codec.js";

// A spreadsheet re-saving the CSV turns measure codes into dates (1-1 → "Jan 01", "1月1日"). Before,
// such a file was refused with 60 problems; now each code is recovered where the row makes it
// certain, and refused naming the row and column where it does not.

describe("dates a spreadsheet made of measure codes", () => {
  it("are read in the forms LibreOffice and Excel write", () => {
    for (const text of ["Jan 01", "Jan-01", "1月1日", "2025/1/1", "2025-01-01", "1/1", "01-Jan", "1-Jan"])
      expect(dateParts(text), text).toEqual({ month: 1, day: 1 });
    expect(dateParts("2月11日")).toEqual({ month: 2, day: 11 });
    for (const text of ["abc", "", "Foo 01", "2025"]) expect(dateParts(text), text).toBeNull();
  });
});

async function kadomaCsv(): Promise<string[][]> {
  const bytes = (await exportPlan(validatePlanDocument(kadoma()), "csv")).bytes;
  return readCsv(new TextDecoder().decode(bytes).replace(/^\uFEFF/, "")).map((r) => r.cells);
}

function withCodes(rows: string[][], code: (original: string, row: number) => string): Uint8Array {
  const c = rows[0]!.indexOf("具体的施策コード");
  const out = rows.map((cells, r) => (r === 0 ? cells : cells.map((x, i) => (i === c ? code(x, r + 1) : x))));
  return new TextEncoder().encode(writeCsv(out));
}

describe("a CSV re-saved by a spreadsheet", () => {
  it("gives back the plan when every code was turned into a date (LibreOffice, Japanese Excel)", async () => {
    const rows = await kadomaCsv();
    const [m, d] = [(s: string) => Number(s.split("-")[0]), (s: string) => Number(s.split("-")[1])];
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const original = await readImport(
      withCodes(rows, (x) => x),
      { source: "a.csv", format: "csv" },
    );
    for (const form of [
      (x: string) => `${months[m(x) - 1]} ${String(d(x)).padStart(2, "0")}`,
      (x: string) => `${m(x)}月${d(x)}日`,
      (x: string) => `2025/${m(x)}/${d(x)}`,
      (x: string) => `${m(x)}/${d(x)}`,
    ]) {
      const draft = await readImport(withCodes(rows, form), { source: "b.csv", format: "csv" });
      expect(draft.errors).toEqual([]);
      expect(draft.document).toEqual(original.document);
      expect(draft.warnings[0]).toEqual({
        path: `row 2, column ${columnLetter(rows[0]!.indexOf("具体的施策コード"))} (具体的施策コード)`,
        message: `${JSON.stringify(form("1-1"))} was the measure code 1-1, turned into a date by a spreadsheet; read as 1-1`,
      });
    }
  });

  it("refuses a date the row cannot tie to one code, naming the row and column", async () => {
    const rows = await kadomaCsv();
    // Row 5 is action 4 of measure 1-2, whose other rows keep their code: 1月3日 would be 1-3.
    const draft = await readImport(
      withCodes(rows, (x, row) => (row === 5 ? "1月3日" : x)),
      { source: "c.csv", format: "csv" },
    );
    expect(draft.errors).toHaveLength(1);
    expect(draft.errors[0]!.path).toBe(
      `row 5, column ${columnLetter(rows[0]!.indexOf("具体的施策コード"))} (具体的施策コード)`,
    );
    expect(draft.errors[0]!.message).toMatch(
      /^"1月3日" looks like the measure code a spreadsheet turned into a date, but another row names the measure ".+" with the code 1-2; write the code as text \(e\.g\. 1-1\) and import again$/,
    );
  });
});

describe("the CSV LibreOffice Calc saved (src/io/fixtures/libreoffice/README.md)", () => {
  it("reads back Kadoma's measure codes from the dates Calc wrote (Jan 01 …)", async () => {
    const bytes = readFileSync(new URL("../fixtures/libreoffice/kadoma-calc-dates.csv", import.meta.url));
    expect(new TextDecoder().decode(bytes)).toContain("Jan 01");
    const draft = await readImport(new Uint8Array(bytes), { source: "calc.csv", format: "csv" });
    expect(draft.errors).toEqual([]);
    expect(draft.document!.actions.map((a) => [a.number, a.measure])).toEqual(
      kadoma().actions.map((a) => [a.number, a.measure]),
    );
    expect(draft.document!.measures).toEqual(
      kadoma().measures.filter((m) => kadoma().actions.some((a) => a.measure === m.code)),
    );
  });
});
