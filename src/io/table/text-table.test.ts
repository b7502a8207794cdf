import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, importPlan, removePlan } from "../../core/plan/plan.service.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson } from "../../test/fixtures.js";
import { importBytes, refusal } from "../../test/import-helpers.js";
import { writeCsv } from "../csv/csv-codec.js";
import { exportPlan } from "../export/export-plan.js";
import { encodeText } from "../text/text-encoding.js";
import { readWorkbook } from "../xlsx/xlsx-read.js";

// The official table as a spreadsheet writes it to text: the workbook shinko exports, saved as
// CSV (UTF-8, UTF-8 with BOM, Shift_JIS) or copied and pasted as tab-separated text, with the
// quoted multi-line cells a spreadsheet writes ("◎\n再掲\n(No.1)" in the 重点 column). The
// paste used to shift every later cell of the four 再掲 rows by one and report success, and the
// CSV was refused.

let grid: string[][];

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/libreoffice/${name}`, import.meta.url)));

beforeAll(async () => {
  const sheets = await readWorkbook((await exportPlan(kadoma(), "xlsx")).bytes, "kadoma.xlsx");
  grid = sheets[0]!.grid.cells;
});

/** Tab-separated text as Excel and Calc put it on the clipboard. */
function pasted(cells: readonly (readonly string[])[]): Uint8Array {
  const q = (c: string) => (/[\t\r\n"]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c);
  return new TextEncoder().encode(cells.map((r) => r.map(q).join("\t")).join("\r\n") + "\r\n");
}

/** Shift_JIS as a spreadsheet saves it: the em dash (—, U+2014), which CP932 lacks, becomes ― (0x815C). */
const sjis = (text: string) => encodeText(text.replace(/—/gu, "―"), "sjis");

const VARIANTS: ["csv" | "tsv", string, () => Uint8Array][] = [
  ["csv", "UTF-8", () => new TextEncoder().encode(writeCsv(grid))],
  ["csv", "UTF-8 with BOM", () => encodeText(writeCsv(grid), "utf8")],
  ["csv", "Shift_JIS (CP932)", () => sjis(writeCsv(grid))],
  ["tsv", "pasted", () => pasted(grid)],
  ["tsv", "pasted, Shift_JIS", () => sjis(new TextDecoder().decode(pasted(grid)))],
  // Made by LibreOffice Calc from the exported workbook (src/io/fixtures/libreoffice/README.md).
  ["csv", "LibreOffice Calc, CP932", () => fixture("kadoma-table-cp932.csv")],
  ["tsv", "LibreOffice Calc, tab-separated UTF-8", () => fixture("kadoma-table-tab.txt")],
];

const RELISTS = [
  [24, 1],
  [31, 16],
  [40, 11],
  [42, 29],
];

/** What a row of the table shows: everything but the schedule's spans, which text cannot show. */
function shownFields(doc: PlanDocument) {
  return doc.actions.map((a) => ({
    number: a.number,
    measure: a.measure,
    name: a.name,
    tags: a.tags,
    isNew: a.isNew,
    isPriority: a.isPriority,
    relistOf: a.relistOf,
    description: a.description,
    startFiscalYear: a.startFiscalYear,
    schedule: a.schedule.map((s) => [s.from, s.label]),
    records: a.records,
    challenges: a.challenges,
  }));
}

describe.each(testDialects)("the official table as text, on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    for (const id of ["kadoma", "plan-2024-2028"]) await removePlan(t.db, id).catch(() => undefined);
  });

  it.each(VARIANTS)("%s (%s) over the existing plan changes nothing", async (format, _name, bytes) => {
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    const report = await importBytes(t.db, bytes(), { source: `table.${format}`, format });
    expect(report).toMatchObject({ planId: "kadoma", outcome: "unchanged" });
    const after = await getPlan(t.db, "kadoma");
    for (const [number, of] of RELISTS) {
      const a = after.actions.find((x) => x.number === number)!;
      expect([a.relistOf, a.name]).toEqual([of, kadoma().actions.find((x) => x.number === number)!.name]);
    }
    expect(serializePlan(after)).toBe(kadomaJson());
  });

  it.each(VARIANTS)(
    "%s (%s) into an empty database creates the plan it shows, named by its title line",
    async (format, _name, bytes) => {
      const report = await importBytes(t.db, bytes(), { source: `table.${format}`, format });
      expect(report).toMatchObject({ planId: "plan-2024-2028", outcome: "created" });
      const plan = await getPlan(t.db, "plan-2024-2028");
      expect(plan.plan).toMatchObject({
        municipality: "門真市",
        title: "門真市ものづくり産業振興計画アクションプラン",
        fiscalYears: { from: 2024, to: 2028 },
        asOf: "2025-02-28",
      });
      expect(plan.actions).toHaveLength(45);
      expect(plan.strategies).toEqual(kadoma().strategies);
      expect(plan.measures).toEqual(kadoma().measures);
      expect(shownFields(plan)).toEqual(shownFields(kadoma()));
    },
  );

  it("a pasted cell whose quote never closes is refused naming its row and column", async () => {
    const cells = grid.map((r) => [...r]);
    const row = cells.findIndex((r) => r[0] === "24");
    const text = new TextDecoder().decode(pasted(cells)).replace('"◎\n再掲\n(No.1)"', '"◎\n再掲\n(No.1)" x');
    const error = await refusal(
      importBytes(t.db, new TextEncoder().encode(text), { source: "paste.tsv", format: "tsv" }),
    );
    expect(error.issues[0]).toEqual({
      path: `row ${row + 1}, column E`,
      message:
        'a quoted cell is followed by " " instead of a tab or a line end; the cell cannot be read with confidence',
    });
  });

  it("a row whose cells are shifted by one is refused naming the row and column, not guessed", async () => {
    const cells = grid.map((r) => [...r]);
    const row = cells.findIndex((r) => r[0] === "24");
    cells[row]!.splice(4, 0, "");
    const error = await refusal(importBytes(t.db, pasted(cells), { source: "paste.tsv", format: "tsv" }));
    expect(error.issues.map((i) => i.path)).toContain(`row ${row + 1}, column J (開始年)`);
    await expect(getPlan(t.db, "plan-2024-2028")).rejects.toThrow();
  });

  it.each(["csv", "tsv"] as const)(
    "%s: a NUL character in a cell is refused naming the row and column",
    async (format) => {
      const cells = grid.map((r) => [...r]);
      const row = cells.findIndex((r) => r[0] === "7");
      cells[row]![5] = `${cells[row]![5]}\u0000`;
      const bytes = format === "csv" ? new TextEncoder().encode(writeCsv(cells)) : pasted(cells);
      const error = await refusal(importBytes(t.db, bytes, { source: `nul.${format}`, format }));
      expect(error.issues).toEqual([
        {
          path: `row ${row + 1}, column F (具体的アクション)`,
          message: "the cell holds a control character (U+0000), which a plan cannot keep; remove it",
        },
      ]);
    },
  );
});
