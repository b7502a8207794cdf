import ExcelJS from "exceljs";
import Encoding from "encoding-japanese";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan, importPlan, removePlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma, kadomaJson, testAction } from "../../test/fixtures.js";
import { editWorkbook, importBytes, matching, refusal, snapshot } from "../../test/import-helpers.js";
import { exportCsv } from "../csv/csv-export.js";
import { exportPlan } from "../export/export-plan.js";

describe.each(testDialects)("imports on %s", (dialect) => {
  let t: TestDatabase;
  let xlsx: Uint8Array;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    xlsx = (await exportPlan(kadoma(), "xlsx")).bytes;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    for (const id of ["kadoma", "copy"]) await removePlan(t.db, id).catch(() => undefined);
  });

  it("xlsx: export, then import into an empty database, gives the identical plan", async () => {
    const report = await importBytes(t.db, xlsx, { source: "kadoma.xlsx", format: "xlsx" });
    expect(report).toMatchObject({ outcome: "created", planId: "kadoma", revision: 1, warnings: [] });
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
  });

  it.each(["utf8", "sjis"] as const)(
    "csv (%s): export, then import into an empty database, gives the identical plan",
    async (encoding) => {
      await importBytes(t.db, exportCsv(kadoma(), encoding), { source: "kadoma.csv", format: "csv" });
      expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(kadomaJson());
    },
  );

  it("--plan imports a file as another plan", async () => {
    const report = await importBytes(t.db, xlsx, { source: "kadoma.xlsx", format: "xlsx", planId: "copy" });
    expect(report.warnings).toEqual([
      { path: "kadoma.xlsx", message: 'the file is plan "kadoma"; imported as plan "copy" as asked' },
    ]);
    expect((await getPlan(t.db, "copy")).actions).toHaveLength(45);
  });

  it("dry run lists what would be created, changed (which fields) and removed, per action, and writes nothing", async () => {
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    const changed = kadoma();
    changed.actions[2]!.name = "新たなDX推進施策の実施";
    changed.actions[2]!.schedule = [{ from: 2025, to: 2028, label: "実施" }];
    changed.actions.pop();
    changed.actions.push(testAction(46, { measure: "3-6", name: "新しいBCP支援" }));
    const before = await snapshot(t.db);
    const dry = await importBytes(t.db, exportCsv(changed), {
      source: "changed.csv",
      format: "csv",
      dryRun: true,
    });
    expect(dry).toMatchObject({ dryRun: true, outcome: "replaced", revision: null });
    expect(dry.changes.actions).toEqual({
      created: [{ number: 46, name: "新しいBCP支援" }],
      changed: [{ number: 3, name: "新たなDX推進施策の実施", fields: ["name", "schedule"] }],
      removed: [{ number: 45, name: kadoma().actions[44]!.name }],
      unchanged: 43,
    });
    expect(await snapshot(t.db)).toBe(before);

    const done = await importBytes(t.db, exportCsv(changed), { source: "changed.csv", format: "csv" });
    expect(done).toMatchObject({ outcome: "replaced", revision: 2 });
    expect((await getPlan(t.db, "kadoma")).actions.map((a) => a.number).slice(-2)).toEqual([44, 46]);
    const again = await importBytes(t.db, exportCsv(changed), { source: "changed.csv", format: "csv" });
    expect(again).toMatchObject({ outcome: "unchanged", revision: null });
  });

  it("keeps formulas and HTML typed into cells as text, never evaluated", async () => {
    const doc = kadoma();
    doc.actions[0]!.name = "<b>太字</b><script>alert(1)</script>";
    doc.actions[1]!.name = "=1+1";
    await importBytes(t.db, exportCsv(doc), { source: "html.csv", format: "csv" });
    const back = await getPlan(t.db, "kadoma");
    expect(back.actions.slice(0, 2).map((a) => a.name)).toEqual([
      "<b>太字</b><script>alert(1)</script>",
      "=1+1",
    ]);
  });

  describe("bad files are refused, the place named, and nothing is written", () => {
    let before: string;
    beforeEach(async () => {
      await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
      before = await snapshot(t.db);
    });
    const expectRefused = async (
      bytes: Uint8Array,
      format: "xlsx" | "csv" | "tsv" | "json",
      source = `bad.${format}`,
    ) => {
      const r = await refusal(importBytes(t.db, bytes, { source, format }));
      expect(await snapshot(t.db)).toBe(before);
      return r;
    };

    it("a truncated .xlsx", async () => {
      const r = await expectRefused(xlsx.subarray(0, Math.floor(xlsx.length / 2)), "xlsx");
      expect(r.message).toMatch(
        /^bad\.xlsx: the workbook is damaged or cut short: the zip directory at the end of the file is missing/,
      );
    });

    it("a file that is not a zip, and an old .xls", async () => {
      expect((await expectRefused(new TextEncoder().encode("番号,名前\n1,x\n"), "xlsx")).message).toMatch(
        /not an \.xlsx workbook \(an \.xlsx file is a zip archive/,
      );
      const xls = Uint8Array.from([
        0xd0,
        0xcf,
        0x11,
        0xe0,
        0xa1,
        0xb1,
        0x1a,
        0xe1,
        ...Array.from({ length: 600 }, () => 0),
      ]);
      expect((await expectRefused(xls, "xlsx")).message).toMatch(
        /old Excel 97–2003 file \(\.xls\); open it in Excel and save it as \.xlsx/,
      );
    });

    it("a sheet without the header", async () => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet("Sheet1").addRows([
        ["名前", "金額"],
        ["A", 1],
      ]);
      const r = await expectRefused(new Uint8Array(await book.xlsx.writeBuffer()), "xlsx");
      expect(r.issues).toEqual([
        {
          path: 'sheet "Sheet1", row 1',
          message: matching(/^no header row found: expected the table's column headers/),
        },
      ]);
    });

    it("a repeated action number", async () => {
      const r = await expectRefused(
        await editWorkbook(xlsx, (s) => void (s.getCell("A6").value = 1)),
        "xlsx",
      );
      expect(r.issues).toEqual([{ path: "row 6, column A (No.)", message: "action number 1 repeats row 4" }]);
    });

    it("era years that do not exist or belong to another century: 令和0年度, 昭和, 大正", async () => {
      const bytes = await editWorkbook(xlsx, (s) => {
        s.getCell("J4").value = "令和0年度";
        s.getCell("J5").value = "昭和60年度";
        s.getCell("J6").value = "大正5年度";
      });
      const r = await expectRefused(bytes, "xlsx");
      expect(r.issues).toEqual([
        { path: "row 4, column J (開始年)", message: "令和0年 does not exist: era years start at 1 (元年)" },
        {
          path: "row 5, column J (開始年)",
          message: '"昭和60年度" is FY 1985, before the earliest accepted year 1989',
        },
        {
          path: "row 6, column J (開始年)",
          message: '"大正5年度" is FY 1916, before the earliest accepted year 1989',
        },
      ]);
    });

    it("a header year that does not exist", async () => {
      const r = await expectRefused(
        await editWorkbook(xlsx, (s) => void (s.getCell("K3").value = "R0年度")),
        "xlsx",
      );
      expect(r.issues[0]).toEqual({
        path: "row 3, column K",
        message: 'the header "R0年度": 令和0年 does not exist: era years start at 1 (元年)',
      });
    });

    it("cells holding formulas (never evaluated)", async () => {
      const bytes = await editWorkbook(xlsx, (s) => {
        s.getCell("A5").value = { formula: "ROW()-3", result: 2 };
      });
      const r = await expectRefused(bytes, "xlsx");
      expect(r.issues).toEqual([
        {
          path: "row 5, column A (No.)",
          message:
            "the cell holds a formula (=ROW()-3); formulas are not read: replace it with its value (Copy, then Paste Special → Values)",
        },
      ]);
    });

    it("a 再掲 of an action that does not exist, named at its cell", async () => {
      const r = await expectRefused(
        await editWorkbook(xlsx, (s) => void (s.getCell("E5").value = "再掲\n(No.99)")),
        "xlsx",
      );
      expect(r.issues).toEqual([
        { path: "row 5, column E (重点アクション)", message: "action 2: relists unknown action 99" },
      ]);
    });

    it("an encoding that is neither UTF-8 nor Shift_JIS", async () => {
      const text = new TextDecoder().decode(exportCsv(kadoma()));
      const euc = Uint8Array.from(
        Encoding.convert(Encoding.stringToCode(text), { to: "EUCJP", from: "UNICODE" }),
      );
      const r = await expectRefused(euc, "csv");
      expect(r).toMatchObject({
        code: "unsupported_format",
        message: matching(/bad\.csv: the text is EUC-JP/),
      });
    });

    it("a file over the size limit, with a size message, before reading it", async () => {
      const big = new Uint8Array(21 * 1024 * 1024);
      const r = await expectRefused(big, "xlsx");
      expect(r).toMatchObject({
        code: "too_large",
        message: "bad.xlsx: 21.0 MB is over the 20 MB limit for imports",
      });
    });

    it("a CSV whose rows name different plans", async () => {
      const csv = new TextDecoder()
        .decode(exportCsv(kadoma()))
        .replace(/\r\nkadoma,門真市,/u, "\r\nkadoma,守口市,");
      const r = await expectRefused(new TextEncoder().encode(csv), "csv");
      expect(r.issues[0]).toEqual({
        path: "row 3, column B (地方公共団体名)",
        message: 'differs from row 2 ("守口市"); every row must name the same plan',
      });
    });
  });
});
