import Encoding from "encoding-japanese";
import { describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { kadoma, kadomaJson, smallPlan, testAction } from "../../test/fixtures.js";
import { trickyPlan } from "../../test/tricky-plan.js";
import { matching } from "../../test/import-helpers.js";
import { readCsv, writeCsv } from "./csv-codec.js";
import { exportCsv } from "./csv-export.js";
import { importCsv } from "./csv-import.js";

// Keeps the BOM as a character, so the tests see it.
const text = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

describe("CSV export", () => {
  it("writes UTF-8 with a BOM, a Japanese header and one row per action", () => {
    const bytes = exportCsv(kadoma());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readCsv(text(bytes).slice(1));
    expect(rows).toHaveLength(46);
    expect(rows[0]!.cells.slice(0, 5)).toEqual([
      "計画ID",
      "地方公共団体名",
      "全国地方公共団体コード",
      "都道府県名",
      "計画名",
    ]);
    const header = rows[0]!.cells;
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]!.cells[i]]));
    expect(first).toMatchObject({
      番号: "1",
      具体的アクション: "「先端設備等導入計画」を活用した、新規設備投資促進による生産プロセス等の効率化",
      タグ: "【DX】",
      "既存/新規": "既存",
      重点: "◎",
      開始年度: "2018",
      スケジュール: "2024: 見直し検討\n2025-2026: 2年間延長予定\n2027-2028: 令和9年度以降未定",
    });
    expect(first["現状・実績"]).toMatch(/^\[2023 現状 2024-03-31\]\n・中小企業サポートセンター/);
  });

  it("writes Shift_JIS on request, and the bytes are Shift_JIS", () => {
    const bytes = exportCsv(kadoma(), "sjis");
    expect(bytes[0]).not.toBe(0xef);
    expect(Encoding.detect(bytes)).toBe("SJIS");
    expect(text(exportCsv(kadoma())).slice(1)).toBe(
      Encoding.codeToString(Encoding.convert(bytes, { to: "UNICODE", from: "SJIS" })),
    );
  });

  it("refuses Shift_JIS for characters it cannot hold, naming the action and column", () => {
    const doc = smallPlan({}, [testAction(1, { name: "𠮷野家との連携" })]);
    expect(() => exportCsv(doc, "sjis")).toThrow(
      expect.objectContaining({
        issues: [
          { path: "action 1, 具体的アクション", message: "「𠮷」 (U+20BB7) cannot be written in Shift_JIS" },
        ],
      }),
    );
  });

  it("protects cells that a spreadsheet would run as formulas, and reads them back as the same text", () => {
    const csv = text(exportCsv(validatePlanDocument(trickyPlan())));
    expect(csv).toContain(",'=SUM(A1:A3) と <script>alert(1)</script>,");
    expect(csv).not.toMatch(/,=SUM/);
  });
});

describe("CSV round trip (json → csv → json)", () => {
  it.each(["utf8", "sjis"] as const)("gives back Kadoma's plan byte for byte in %s", (encoding) => {
    const draft = importCsv(exportCsv(kadoma(), encoding), "kadoma.csv");
    expect(draft.encoding).toBe(encoding);
    expect(draft.errors).toEqual([]);
    expect(serializePlan(validatePlanDocument(draft.document))).toBe(kadomaJson());
  });

  it("gives back a plan with markers, escapes, formulas and HTML in its texts", () => {
    const doc = validatePlanDocument(trickyPlan());
    const draft = importCsv(exportCsv(doc), "tricky.csv");
    expect(draft.errors).toEqual([]);
    const back = validatePlanDocument({
      ...draft.document!,
      strategies: doc.strategies,
      measures: doc.measures,
    });
    expect(serializePlan(back)).toBe(serializePlan(doc));
    // Strategies and measures without actions cannot be in a CSV; the import keeps the plan's own.
    expect(draft.partialSystem).toBe(true);
  });
});

describe("CSV import errors name the row and column as a spreadsheet shows them", () => {
  const csv = (rows: string[][]) => new TextEncoder().encode(writeCsv(rows));
  const header = ["番号", "具体的施策コード", "具体的アクション", "開始年度", "スケジュール", "既存/新規"];

  it("refuses repeated numbers, era years that do not exist, and unknown flags", () => {
    const draft = importCsv(
      csv([
        header,
        ["1", "1-1", "A", "令和元年度", "2024: 実施", "既存"],
        ["1", "1-1", "B", "令和0年度", "", "新規"],
        ["2", "1-1", "C", "昭和60年度", "大正5年度: 実施", "継続"],
      ]),
      "bad.csv",
    );
    expect(draft.errors).toEqual([
      { path: "row 3, column A (番号)", message: "action number 1 repeats row 2" },
      { path: "row 3, column D (開始年度)", message: matching(/^令和0年 does not exist/) },
      { path: "row 4, column F (既存/新規)", message: '"継続" is not 既存 or 新規' },
      {
        path: "row 4, column D (開始年度)",
        message: '"昭和60年度" is FY 1985, before the earliest accepted year 1989',
      },
      {
        path: "row 4, column E (スケジュール)",
        message: '"大正5年度" is FY 1916, before the earliest accepted year 1989',
      },
    ]);
  });

  it("refuses a file without the header row", () => {
    const draft = importCsv(csv([["1", "1-1", "A"]]), "noheader.csv");
    expect(draft.errors[0]!.message).toMatch(
      /no header row with the columns 番号, 具体的アクション, 具体的施策コード/,
    );
  });

  it("refuses a quote that never closes, naming the line", () => {
    const draft = importCsv(new TextEncoder().encode('番号,具体的アクション\n1,"open\n2,x\n'), "q.csv");
    expect(draft.errors).toEqual([
      { path: "q.csv, line 2, column B", message: 'a quoted cell is never closed (a missing ")' },
    ]);
  });
});
