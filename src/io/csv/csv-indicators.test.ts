import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import type { PlanDocument } from "../../core/plan/plan.schema.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { getPlan } from "../../core/plan/plan.service.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";
import { importBytes } from "../../test/import-helpers.js";
import { readCsv } from "./csv-codec.js";
import { exportCsv } from "./csv-export.js";
import { importCsv } from "./csv-import.js";

// The CSV's 指標 and 評価 columns held raw JSON; they now hold a notation a person reads and edits
// in a spreadsheet (docs/import-export.md), and the import reads it back exactly.

/** Kadoma's plan with an evaluation, a computed value and a bound indicator, as reviews make them. */
function reviewed(): PlanDocument {
  const doc = kadoma();
  const a = doc.actions.find((x) => x.number === 1)!;
  a.evaluations = [
    {
      fiscalYear: 2024,
      grade: "A",
      direction: "continue",
      analysis: "認定13件。\n【参考】前年度は17件。\n\\注記",
    },
    { fiscalYear: 2025, grade: null, direction: null, analysis: "" },
  ];
  const first = a.indicators[0]!;
  first.values.push({
    fiscalYear: 2025,
    target: 20,
    actual: 18,
    evidence: null,
    computed: {
      source: "companies.listed",
      params: { certification: "ISO 9001" },
      asOf: "2026-03-31",
      count: 18,
      empty: false,
    },
  });
  first.computedFrom = { source: "companies.listed", params: { certification: "ISO 9001" } };
  return validatePlanDocument(doc);
}

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const cellsOf = (bytes: Uint8Array) => readCsv(utf8(bytes));

describe("the CSV's indicator and evaluation columns", () => {
  it("are readable text, not JSON", () => {
    const [head, ...rows] = cellsOf(exportCsv(reviewed()));
    const col = (h: string) => head!.cells.indexOf(h);
    const row1 = rows.find((r) => r.cells[col("番号")] === "1")!.cells;
    expect(row1[col("指標")]!.split("\n").slice(0, 6)).toEqual([
      "[1] 先端設備等導入計画の認定件数 (件, 活動指標)",
      "基準値 2023年度: 17",
      "根拠 2023年度 現状: 【令和5年度 17件認定(投資額計約4.06億円)】",
      "2024年度: 目標 ― / 実績 13",
      "根拠 2024年度 実績: 【令和6年度 13件認定(投資額計約4.26億円)】",
      "2025年度: 目標 20 / 実績 18",
    ]);
    expect(row1[col("評価")]).toBe(
      "【2024年度】評価: A / 方向性: continue\n認定13件。\n\\【参考】前年度は17件。\n\\\\注記\n【2025年度】評価: ― / 方向性: ―",
    );
    for (const r of rows) {
      expect(r.cells[col("指標")]).not.toMatch(/^\[\{/u);
      expect(r.cells[col("評価")]).not.toMatch(/^\[\{/u);
    }
  });

  it("read back exactly, in both encodings", () => {
    for (const encoding of ["utf8", "sjis"] as const) {
      const draft = importCsv(exportCsv(reviewed(), encoding), "plan.csv");
      expect(draft.errors).toEqual([]);
      expect(draft.document!.actions.map((a) => [a.indicators, a.evaluations])).toEqual(
        reviewed().actions.map((a) => [a.indicators, a.evaluations]),
      );
    }
  });

  it("read what a person typed: a target, 令和 years, a full-width colon", () => {
    const text = utf8(exportCsv(reviewed()))
      .replace("2024年度: 目標 ― / 実績 13", "令和6年度：目標 15 / 実績 13")
      .replace("【2025年度】評価: ― / 方向性: ―", "【令和7年度】評価: B / 方向性: improve");
    const draft = importCsv(new TextEncoder().encode(text), "edited.csv");
    expect(draft.errors).toEqual([]);
    const a = draft.document!.actions.find((x) => x.number === 1)!;
    expect(a.indicators[0]!.values[0]).toMatchObject({ fiscalYear: 2024, target: 15, actual: 13 });
    expect(a.evaluations[1]).toEqual({ fiscalYear: 2025, grade: "B", direction: "improve", analysis: "" });
  });

  it("still read JSON (files written before), and refuse a line they cannot read, naming row and column", () => {
    const doc = reviewed();
    const [head, ...rows] = cellsOf(exportCsv(doc));
    const col = head!.cells.indexOf("指標");
    const row = rows.findIndex((r) => r.cells[head!.cells.indexOf("番号")] === "1");
    const a1 = doc.actions.find((x) => x.number === 1)!;
    const oldText = utf8(exportCsv(doc)).replace(
      `"${rows[row]!.cells[col]!.replace(/"/gu, '""')}"`,
      `"${JSON.stringify(a1.indicators).replace(/"/gu, '""')}"`,
    );
    expect(oldText).toContain('"[{""code"":""1""');
    const json = importCsv(new TextEncoder().encode(oldText), "old.csv");
    expect(json.errors).toEqual([]);
    expect(json.document!.actions.find((x) => x.number === 1)!.indicators).toEqual(a1.indicators);

    const broken = utf8(exportCsv(doc)).replace("2024年度: 目標 ― / 実績 13", "2024年度: 目標は20件");
    const refused = importCsv(new TextEncoder().encode(broken), "broken.csv");
    expect(refused.errors).toEqual([
      {
        path: expect.stringMatching(/^row \d+, column [A-Z]+ \(指標\)$/u) as string,
        message:
          'line 4 of the cell: "2024年度: 目標は20件" is not an indicator line (基準値 2023年度: 17, 2024年度: 目標 20 / 実績 13, 根拠 …, 出典: …)',
      },
    ]);
    expect(refused.errors[0]!.path).toMatch(new RegExp(`^row ${row + 2},`, "u"));
  });
});

describe.each(testDialects)("a reviewed plan through the CSV, on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("is stored as the same plan", async () => {
    await importBytes(t.db, exportCsv(reviewed()), { source: "reviewed.csv", format: "csv" });
    expect(serializePlan(await getPlan(t.db, "kadoma"))).toBe(serializePlan(reviewed()));
  });
});
